#!/bin/bash
# test-formats-interop.sh: what exports give away and what imports refuse,
# the same in every format (issue 13) (TAP)
#
# Privacy: a document imported from a file records the file's full path
# (its "source"); the doccano, Label Studio and spaCy exports write the
# file's name only, and the full path with --keep-paths. The project itself
# keeps the path.
#
# Copyright 2026 The Gloss authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

TAP_NEEDS="python3"
. "$(dirname "$0")/tap.sh"

# ---- privacy: the imported file's name, not its folders -------------------

INBOX=$TMP/home/annotator/private-inbox
mkdir -p "$INBOX"
cat >"$INBOX/defector-briefing.txt" <<'TEXT'
SEOUL, Nov. 20 (Meridian) -- A former officer of a Karsovian hacking unit told
Meridian that the unit moved 300 million dollars through exchanges in Asia.
TEXT
P=$TMP/privacy.gloss
check "init" "$CLI" init "$P"
check "import a text file" "$CLI" import "$P" "$INBOX/defector-briefing.txt"

# sources FILE: every "source" member anywhere in the JSON or JSON lines
# FILE, one a line.
sources () {
  python3 - "$1" <<'PY'
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
try:
    records = [json.loads(text)]
except json.JSONDecodeError:
    records = [json.loads(line) for line in text.splitlines() if line.strip()]
def walk(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "source" and isinstance(value, str):
                print(value)
            walk(value)
    elif isinstance(node, list):
        for value in node:
            walk(value)
walk(records)
PY
}

for format in doccano label-studio spacy; do
  out=$TMP/export-$format.json
  check "$format export" "$CLI" export "$P" --format "$format" -o "$out"
  got=$(sources "$out" | tr '\n' '|')
  if [ "$got" = "defector-briefing.txt|" ] && ! grep -q "private-inbox" "$out"; then
    ok "$format: the file's name only ($got)"
  else
    not_ok "$format: the file's name only (got: $got)"
  fi
  kept=$TMP/export-$format-kept.json
  check "$format export --keep-paths" "$CLI" export "$P" --format "$format" -o "$kept" --keep-paths
  got=$(sources "$kept" | tr '\n' '|')
  if [ "$got" = "$INBOX/defector-briefing.txt|" ]; then
    ok "$format --keep-paths: the full path"
  else
    not_ok "$format --keep-paths: the full path (got: $got)"
  fi
done

echo "1..$n"
[ "$failed" -eq 0 ]
