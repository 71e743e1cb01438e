#!/bin/bash
# test-damage.sh: gloss-cli tells damage from data: validate names each
# damaged row, stats and export fail naming it, and --salvage leaves out
# what cannot be read without touching the file (TAP)
#
# Copyright 2026 The Gloss authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

TAP_NEEDS=sqlite3
. "$(dirname "$0")/tap.sh"

P=$TMP/wire.gloss
"$CLI" init "$P" >/dev/null
"$CLI" import "$P" "$SAMPLES"/*.txt >/dev/null
# Annotations on every document, from a brat file per sample text
for f in "$SAMPLES"/*.txt; do
  name=$(basename "$f" .txt)
  cp "$f" "$TMP/$name.txt"
  printf 'T1\tPERSON 0 4\t%s\nT2\tORG 10 20\t%s\n' "$(head -c 4 "$f")" \
    "$(head -c 20 "$f" | tail -c 10)" >"$TMP/$name.ann"
done
"$CLI" init "$TMP/brat.gloss" >/dev/null
"$CLI" import "$TMP/brat.gloss" "$TMP"/*.ann --format brat >/dev/null 2>"$TMP/err" ||
  sed 's/^/# /' "$TMP/err"
P=$TMP/brat.gloss
is "the fixture has annotations" "$(sqlite3 "$P" 'SELECT count(*) > 0 FROM annotations')" 1
"$CLI" validate "$P" >/dev/null
is "validate accepts the project as made" "$?" 0

FIRST=$(sqlite3 "$P" "SELECT name FROM documents ORDER BY name LIMIT 1")
LAST=$(sqlite3 "$P" "SELECT name FROM documents ORDER BY name DESC LIMIT 1")
ANN=$(sqlite3 "$P" "SELECT uuid FROM annotations WHERE document =
  (SELECT id FROM documents WHERE name = '$FIRST') ORDER BY start LIMIT 1")
sqlite3 "$P" "UPDATE documents SET text = CAST (x'4b696d20e9746f6c64' AS TEXT)
  WHERE name = '$LAST';
  UPDATE annotations SET attributes = '{broken' WHERE uuid = '$ANN';
  CREATE TRIGGER planted AFTER INSERT ON annotations BEGIN SELECT 1; END;"
BEFORE=$(sha256sum "$P")

"$CLI" validate "$P" >"$TMP/out" 2>"$TMP/err"
is "validate finds the damage (exit 1)" "$?" 1
has "it names the damaged text and where it goes wrong" "$TMP/out" \
  "$LAST: the text of document “$LAST” is damaged (not UTF-8 at byte 4)"
has "it names the unreadable annotation" "$TMP/out" \
  "$FIRST: annotation $ANN: its attributes cannot be read"
has "it names the planted trigger" "$TMP/out" "a trigger “planted” was planted in the file"
has "it counts them" "$TMP/err" "3 problems"

"$CLI" export "$P" --format jsonl -o "$TMP/out.jsonl" >/dev/null 2>"$TMP/err"
is "export meets the damage and fails" "$?" 1
has "saying what is damaged and what to do" "$TMP/err" "--salvage"
[ ! -e "$TMP/out.jsonl" ] && ok "and writes nothing" || not_ok "and writes nothing"

"$CLI" export "$P" --format jsonl -o "$TMP/out.jsonl" --salvage >/dev/null 2>"$TMP/err"
is "export --salvage succeeds" "$?" 0
has "reporting the document it leaves out" "$TMP/err" "document $LAST is left out"
has "and the annotation" "$TMP/err" "annotation $ANN is left out"
is "the rest is exported" "$(wc -l <"$TMP/out.jsonl")" \
  "$(( $(sqlite3 "$P" 'SELECT count(*) FROM documents') - 1 ))"
"$CLI" stats "$P" --salvage --json >"$TMP/stats.json" 2>/dev/null
is "stats --salvage counts the rest" "$?" 0
is "the file is untouched" "$(sha256sum "$P")" "$BEFORE"

tap_finish
