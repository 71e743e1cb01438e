#!/bin/bash
# test-gold-export.sh: gloss-cli export --gold writes curated documents only,
# and every filter applies to every format (TAP)
#
# Copyright 2026 The Gloss authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

. "$(dirname "$0")/tap.sh"

# Two annotators (ann, ben) and a curation: "curated" has all 3 units in
# gold, "partial" 1 of 2 (PERSON 0-9), "uncurated" none.
FIXTURE=$SRC/tests/formats/data/gold-curation.jsonl
P=$TMP/curation.gloss
check "init" "$CLI" init "$P"
check "import the curation fixture" "$CLI" import "$P" "$FIXTURE"

# --- the reproduction: uncurated documents became empty .ann files
check "export --gold --format brat" "$CLI" export "$P" --gold --format brat -o "$TMP/gold"
cp "$TMP/err" "$TMP/gold.err"
[ -f "$TMP/gold/curated.ann" ] && ok "the curated document is exported" \
  || not_ok "the curated document is exported"
[ ! -e "$TMP/gold/uncurated.ann" ] && [ ! -e "$TMP/gold/uncurated.txt" ] \
  && ok "the uncurated document is not exported" \
  || not_ok "the uncurated document is not exported"
[ ! -e "$TMP/gold/partial.ann" ] && [ ! -e "$TMP/gold/partial.txt" ] \
  && ok "the partially curated document is not exported without --include-partial" \
  || not_ok "the partially curated document is not exported without --include-partial"
is "the curated document holds its gold set" \
  "$(cut -f2 "$TMP/gold/curated.ann" 2>/dev/null | tr '\n' ';')" \
  "PERSON 0 9;PERSON 14 23;GPE 27 31;"
has "stderr names the uncurated document" "$TMP/gold.err" \
  "gloss-cli: uncurated: warning: not curated: skipped"
has "stderr names the partially curated document" "$TMP/gold.err" \
  "gloss-cli: partial: warning: partially curated (1 of 2 units decided): skipped"
has "stderr counts the uncurated documents" "$TMP/gold.err" \
  "gloss-cli: warning: Skipped 1 document that is not curated"
has "stderr counts the partially curated documents" "$TMP/gold.err" \
  "gloss-cli: warning: Skipped 1 partially curated document"
is "one line per skipped document, plus the counts" \
  "$(grep -c 'skipped\|Skipped' "$TMP/gold.err")" "4"
if grep -q "^gloss-cli: curated:" "$TMP/gold.err"; then
  not_ok "nothing is said of the curated document"
else
  ok "nothing is said of the curated document"
fi

# --- --include-partial
check "export --gold --include-partial" "$CLI" export "$P" --gold --include-partial \
  --format brat -o "$TMP/gold-partial"
cp "$TMP/err" "$TMP/partial.err"
is "the partially curated document holds its decided units only" \
  "$(cut -f2 "$TMP/gold-partial/partial.ann" 2>/dev/null | tr '\n' ';')" "PERSON 0 9;"
[ ! -e "$TMP/gold-partial/uncurated.ann" ] \
  && ok "the uncurated document is still not exported" \
  || not_ok "the uncurated document is still not exported"
has "a warning names the partially curated document exported" "$TMP/partial.err" \
  "gloss-cli: partial: warning: partially curated (1 of 2 units decided): exported"
has "the uncurated one is still counted" "$TMP/partial.err" \
  "gloss-cli: warning: Skipped 1 document that is not curated"

# --- every format: nothing of the uncurated or partial documents
for format in $("$CLI" formats | awk '$3 == "export" || $2 == "export" { print $1 }'); do
  out=$TMP/every-$format
  check "export --gold --format $format" "$CLI" export "$P" --gold --format "$format" -o "$out"
  if grep -rqE 'Maja|Erik' "$out" 2>/dev/null; then
    not_ok "$format: no uncurated or partial text in the gold export"
  else
    ok "$format: no uncurated or partial text in the gold export"
  fi
  has "$format: the skipped documents are counted" "$TMP/err" \
    "Skipped 1 document that is not curated"
done

# --- Gloss JSONL: every filter applies (it used to hold every annotator's work)
check "export --gold --format jsonl" "$CLI" export "$P" --gold --format jsonl -o "$TMP/gold.jsonl"
is "the gold JSONL holds the curated document's gold annotations only" \
  "$(python3 -c 'import json,sys
for line in open(sys.argv[1]):
    d = json.loads(line)
    for a in d["annotations"]:
        print(d["name"], a["annotator"], a["label"], a["deleted"])' "$TMP/gold.jsonl" | sort | tr '\n' ';')" \
  "curated gold GPE False;curated gold PERSON False;curated gold PERSON False;"
check "export --annotator ben --labels GPE --format jsonl" "$CLI" export "$P" --annotator ben \
  --labels GPE --format jsonl -o "$TMP/ben.jsonl"
is "the JSONL holds ben's GPE annotations only" \
  "$(python3 -c 'import json,sys
for line in open(sys.argv[1]):
    d = json.loads(line)
    for a in d["annotations"]:
        print(d["name"], a["annotator"], a["label"])
    print(d["name"], "status", ",".join(sorted(d["status"])))' "$TMP/ben.jsonl" | sort | tr '\n' ';')" \
  "curated ben GPE;curated status ben;partial ben GPE;partial status ben;uncurated status ben;"
check "export --status in-progress --format jsonl" "$CLI" export "$P" --status in-progress \
  --format jsonl -o "$TMP/in-progress.jsonl"
is "the JSONL holds the documents with that status only" \
  "$(python3 -c 'import json,sys
print(",".join(json.loads(l)["name"] for l in open(sys.argv[1])))' "$TMP/in-progress.jsonl")" \
  "uncurated"
check "export --format jsonl without a filter" "$CLI" export "$P" --format jsonl -o "$TMP/all.jsonl"
is "without a filter the JSONL is the whole project" \
  "$(python3 -c 'import json,sys
print(sum(len(json.loads(l)["annotations"]) for l in open(sys.argv[1])))' "$TMP/all.jsonl")" "17"

# --- combinations that cannot apply are refused, and nothing is written
refuse "--include-partial without --gold" "$CLI" export "$P" --include-partial --format brat \
  -o "$TMP/refused-1"
has "the message says why" "$TMP/err" "gold"
refuse "--gold with another annotator" "$CLI" export "$P" --gold --annotator ann --format jsonl \
  -o "$TMP/refused-2.jsonl"
refuse "--split for a format that does not split" "$CLI" export "$P" --split 80/10/10 \
  --format brat -o "$TMP/refused-3"
has "the message names the format" "$TMP/err" "brat"
[ ! -e "$TMP/refused-1" ] && [ ! -e "$TMP/refused-2.jsonl" ] && [ ! -e "$TMP/refused-3" ] \
  && ok "a refused export writes nothing" || not_ok "a refused export writes nothing"

# --- the help says it
check "export --help" "$CLI" export --help
has "--help documents --include-partial" "$TMP/out" "--include-partial"
has "--help says the filters apply to Gloss JSONL" "$TMP/out" "Gloss JSONL included"

tap_finish
