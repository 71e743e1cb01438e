#!/bin/bash
# test-read-only.sh: gloss-cli commands that only read never write to the
# project; a project that cannot be written is read, not written; an
# upgrade keeps a copy of the older file (TAP)
#
# Copyright 2026 The Gloss authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

TAP_NEEDS=sqlite3
. "$(dirname "$0")/tap.sh"

# What a reading command may not change: the file's bytes, and the files
# beside it.
state () {
  (cd "$(dirname "$1")" && ls -A && sha256sum "$(basename "$1")")
}

# ---- an older project, in rollback-journal mode, read by every command ----

OLD=$TMP/old/news.gloss
mkdir -p "$TMP/old"
"$CLI" init "$OLD" >/dev/null
"$CLI" import "$OLD" "$SAMPLES/defector-cyber-unit.txt" >/dev/null
# as Gloss 1 wrote it: no document attributes, no relation end indexes, no
# assignments, no suggestions or provenance, no text index
sqlite3 "$OLD" "PRAGMA journal_mode = DELETE; DROP TABLE documents_fts;
  DROP TABLE assignments; DROP TABLE suggestions;
  ALTER TABLE annotations DROP COLUMN provenance;
  DROP INDEX relations_by_source;
  DROP INDEX relations_by_target; ALTER TABLE documents DROP COLUMN attributes;
  PRAGMA user_version = 1;" >/dev/null
BEFORE=$(state "$OLD")

"$CLI" stats "$OLD" >"$TMP/out" 2>"$TMP/err"
is "stats reads an older project" "$?" 0
"$CLI" list "$OLD" >/dev/null 2>&1
is "list reads it" "$?" 0
"$CLI" export "$OLD" --format jsonl -o "$TMP/old.jsonl" >/dev/null 2>&1
is "export reads it" "$?" 0
"$CLI" validate "$OLD" >/dev/null 2>&1
is "validate reads it" "$?" 0
"$CLI" agreement "$OLD" >/dev/null 2>&1
is "agreement reads it" "$?" 0
"$CLI" schema export "$OLD" "$TMP/schema.json" >/dev/null 2>&1
is "schema export reads it" "$?" 0
is "reading commands leave the older project as it was (bytes, no -wal or -shm)" \
  "$(state "$OLD")" "$BEFORE"
is "it is still at project version 1" "$(sqlite3 "$OLD" 'PRAGMA user_version')" 1
is "it is still in rollback-journal mode" "$(sqlite3 "$OLD" 'PRAGMA journal_mode')" delete

# A merge reads its sources the same way: an older one, and a current one
# in rollback-journal mode (it used to be switched to WAL).
SOURCE=$TMP/source/news.gloss
mkdir -p "$TMP/source"
"$CLI" init "$SOURCE" >/dev/null
"$CLI" import "$SOURCE" "$SAMPLES/tech-workers-abroad.txt" >/dev/null
sqlite3 "$SOURCE" "PRAGMA journal_mode = DELETE" >/dev/null
SOURCE_BEFORE=$(state "$SOURCE")
BEFORE=$(state "$OLD")
"$CLI" init "$TMP/target.gloss" >/dev/null
"$CLI" merge "$TMP/target.gloss" "$OLD" "$SOURCE" >/dev/null 2>"$TMP/err"
is "merge takes an older project and a rollback-journal one as sources" "$?" 0
is "the merge leaves the older source as it was" "$(state "$OLD")" "$BEFORE"
is "the merge leaves the other source as it was, in rollback-journal mode" \
  "$(state "$SOURCE") $(sqlite3 "$SOURCE" 'PRAGMA journal_mode')" "$SOURCE_BEFORE delete"
is "the target has their documents" "$("$CLI" list "$TMP/target.gloss" | wc -l)" 2

# ---- a command that writes upgrades it, keeping a copy ---------------------

"$CLI" import "$OLD" "$SAMPLES/spy-network-abroad.txt" >"$TMP/out" 2>"$TMP/err"
is "import into the older project succeeds" "$?" 0
if grep -q "news.gloss.v1.bak" "$TMP/err"; then
  ok "the upgrade is said, naming the copy"
else
  not_ok "the upgrade is said, naming the copy"
  sed 's/^/# /' "$TMP/err"
fi
is "the copy is the older project" "$(sqlite3 "$OLD.v1.bak" 'PRAGMA user_version')" 1
# the version a new project gets, whichever that is now
"$CLI" init "$TMP/current.gloss" >/dev/null
is "the project is upgraded" "$(sqlite3 "$OLD" 'PRAGMA user_version')" \
  "$(sqlite3 "$TMP/current.gloss" 'PRAGMA user_version')"
is "the copy holds its document" \
  "$(sqlite3 "$OLD.v1.bak" 'SELECT name FROM documents')" "defector-cyber-unit"

# ---- a project that cannot be written --------------------------------------

RO=$TMP/ro/locked.gloss
mkdir -p "$TMP/ro"
"$CLI" init "$RO" >/dev/null
"$CLI" import "$RO" "$SAMPLES/defector-cyber-unit.txt" >/dev/null
chmod 444 "$RO"
BEFORE=$(state "$RO")
"$CLI" stats "$RO" >/dev/null 2>&1
is "stats reads a 0444 project" "$?" 0
"$CLI" export "$RO" --format brat -o "$TMP/ro-brat" >/dev/null 2>&1
is "export reads it" "$?" 0
"$CLI" import "$RO" "$SAMPLES/spy-network-abroad.txt" >/dev/null 2>"$TMP/err"
is "import into it is refused" "$?" 1
if grep -q "cannot be written: its permissions do not allow writing" "$TMP/err"; then
  ok "the refusal says why"
else
  not_ok "the refusal says why"
  sed 's/^/# /' "$TMP/err"
fi
is "nothing is left beside it (no 0444 -wal or -shm)" "$(state "$RO")" "$BEFORE"
chmod 644 "$RO"
"$CLI" import "$RO" "$SAMPLES/spy-network-abroad.txt" >/dev/null 2>"$TMP/err"
is "made writable again, the next import writes" "$?" 0
sed 's/^/# /' "$TMP/err"

# A folder that cannot be written.
chmod 555 "$TMP/ro"
BEFORE=$(state "$RO")
"$CLI" stats "$RO" >/dev/null 2>&1
is "stats reads a project in a read-only folder" "$?" 0
"$CLI" import "$RO" "$SAMPLES/tech-workers-abroad.txt" >/dev/null 2>"$TMP/err"
is "import into it is refused" "$?" 1
grep -q "its folder does not allow writing" "$TMP/err" && ok "the refusal says why" ||
  not_ok "the refusal says why"
is "nothing is created in the folder" "$(state "$RO")" "$BEFORE"
chmod 755 "$TMP/ro"

# A read-only file system: a read-only bind mount in a mount namespace of
# our own, where the machine allows one.
if unshare -m true 2>/dev/null; then
  unshare -m bash -c "mount --bind '$TMP/ro' '$TMP/ro' && mount -o remount,bind,ro '$TMP/ro' &&
    '$CLI' stats '$RO' >/dev/null 2>&1 && echo stats-ok;
    '$CLI' import '$RO' '$SAMPLES/tech-workers-abroad.txt' 2>&1 >/dev/null" >"$TMP/out" 2>&1
  grep -q stats-ok "$TMP/out" && ok "stats reads a project on a read-only file system" ||
    not_ok "stats reads a project on a read-only file system"
  if grep -q "read-only file system" "$TMP/out"; then
    ok "import into it is refused, saying why"
  else
    not_ok "import into it is refused, saying why"
    sed 's/^/# /' "$TMP/out"
  fi
  # A full disk while a reading command works: the older project is read
  # through a private copy in $TMPDIR, here a tmpfs of 64 KB.
  "$CLI" init "$TMP/full.gloss" >/dev/null
  "$CLI" import "$TMP/full.gloss" "$SAMPLES"/*.txt >/dev/null
  sqlite3 "$TMP/full.gloss" "ALTER TABLE documents DROP COLUMN attributes;
    DROP TABLE documents_fts; DROP TABLE assignments; DROP TABLE suggestions;
    ALTER TABLE annotations DROP COLUMN provenance; PRAGMA user_version = 1;" >/dev/null
  mkdir -p "$TMP/tiny"
  unshare -m bash -c "mount -t tmpfs -o size=64k tmpfs '$TMP/tiny' &&
    TMPDIR='$TMP/tiny' '$CLI' stats '$TMP/full.gloss'" >"$TMP/out" 2>&1
  if grep -q "the disk is full" "$TMP/out" && ! grep -qi "disk I/O error" "$TMP/out"; then
    ok "a full disk during a reading command says so"
  else
    not_ok "a full disk during a reading command says so"
    sed 's/^/# /' "$TMP/out"
  fi
else
  ok "# SKIP no mount namespace here for a read-only file system"
fi

tap_finish
