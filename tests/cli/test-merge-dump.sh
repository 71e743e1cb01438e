#!/bin/bash
# test-merge-dump.sh: gloss-cli merge writes exactly what it wrote when the
# dump in tests/data/merge-dump was made, in every order, so that making the
# merge faster cannot change what it merges (TAP)
#
# Three annotators' projects are made from the inputs beside the dump (see
# make-inputs.py there: conflicting edits, tombstones, ties, relations,
# statuses, assignments, a provenance, documents matched by text, new
# documents on both sides, two of one name). Each is merged into a copy of
# another in two orders; the reports and tests/bench/scale-dump.sh's dump of
# each result are compared with merged.dump. Merging again changes nothing.
# After a change that is meant to merge something else, write the dump again
# and read the difference before committing it:
#   GLOSS_CLI=_build/src/cli/gloss-cli bash tests/cli/test-merge-dump.sh --write
#
# Copyright 2026 The Gloss authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

TAP_NEEDS="sqlite3 python3"
. "$(dirname "$0")/tap.sh"

DATA=$SRC/tests/data/merge-dump
DUMP=$SRC/tests/bench/scale-dump.sh
WRITE=false
[ "${1:-}" = "--write" ] && WRITE=true

# --- the annotators' projects; each step after the one before, so that the
# times that decide statuses and assignments come in this order
for who in ana ben cai; do
  check "init $who" "$CLI" init "$TMP/$who.gloss" --schema news
  check "import $who" "$CLI" import "$TMP/$who.gloss" "$DATA/$who.jsonl"
done
check "import cai's brat copy" "$CLI" import "$TMP/cai.gloss" "$DATA/brat" --format brat \
  --annotator cai
check "assign in ana" "$CLI" assign "$TMP/ana.gloss" --document ministry-briefing --to ana,ben
check "assign in cai" "$CLI" assign "$TMP/cai.gloss" --document cyber-unit --to cai,ana
check "unassign in ben" "$CLI" assign "$TMP/ben.gloss" --document ministry-briefing --remove \
  --to ben

# merge NAME TARGET SOURCE...: merges the sources into a copy of TARGET
# ($TMP/NAME.gloss) and appends the reports, then the dump, to $TMP/NAME.dump
merge () {
  local name=$1 target=$2
  shift 2
  cp "$TMP/$target.gloss" "$TMP/$name.gloss"
  echo "# merge into $target: $*" >>"$TMP/all.dump"
  for source in "$@"; do
    if "$CLI" merge "$TMP/$name.gloss" "$TMP/$source.gloss" >"$TMP/out" 2>"$TMP/err"; then
      ok "merge $source into $name"
    else
      not_ok "merge $source into $name"
      sed 's/^/# /' "$TMP/err" | head -20
    fi
    sed "s|$TMP/||g" "$TMP/out" "$TMP/err" >>"$TMP/all.dump"
  done
  bash "$DUMP" --no-agreement "$TMP/$name.gloss" >"$TMP/$name.dump" 2>"$TMP/err" \
    || { not_ok "dump $name"; sed 's/^/# /' "$TMP/err" | head -20; }
}

# into each annotator's copy, the two others in both orders: the same
# contents either way (the target keeps its own documents' metadata, so the
# three targets differ there)
for order in "ana ben cai" "cai ana ben" "ben cai ana"; do
  set -- $order
  merge "$1-$2-$3" "$1" "$2" "$3"
  merge "$1-$3-$2" "$1" "$3" "$2"
  if diff -u "$TMP/$1-$2-$3.dump" "$TMP/$1-$3-$2.dump" >"$TMP/diff"; then
    ok "into $1: $2 then $3 holds what $3 then $2 holds"
  else
    not_ok "into $1: $2 then $3 holds what $3 then $2 holds"
    sed 's/^/# /' "$TMP/diff" | head -30
  fi
done
grep -q '^{"document"' "$TMP/ana-ben-cai.dump" && ok "the dump holds rows" \
  || not_ok "the dump holds rows"

# again: nothing new
cp "$TMP/ana-ben-cai.gloss" "$TMP/again.gloss"
check "merge the three again" "$CLI" merge "$TMP/again.gloss" "$TMP/ana.gloss" "$TMP/ben.gloss" \
  "$TMP/cai.gloss"
is "merging again takes nothing" "$(grep -c 'Nothing new' "$TMP/out")" 3
bash "$DUMP" --no-agreement "$TMP/again.gloss" >"$TMP/again.dump"
if cmp -s "$TMP/ana-ben-cai.dump" "$TMP/again.dump"; then
  ok "merging again changes nothing"
else
  not_ok "merging again changes nothing"
fi

for name in ana-ben-cai cai-ana-ben ben-cai-ana; do
  echo "# contents of $name" >>"$TMP/all.dump"
  cat "$TMP/$name.dump" >>"$TMP/all.dump"
done
if $WRITE; then
  cp "$TMP/all.dump" "$DATA/merged.dump"
  ok "written to $DATA/merged.dump"
elif diff -u "$DATA/merged.dump" "$TMP/all.dump" >"$TMP/diff"; then
  ok "the reports and the merged contents are as they were"
else
  not_ok "the reports and the merged contents are as they were"
  sed 's/^/# /' "$TMP/diff" | head -60
fi

tap_finish
