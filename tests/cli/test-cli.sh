#!/bin/bash
# test-cli.sh: gloss-cli end to end (TAP)
#
# Copyright 2026 The Gloss authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

. "$(dirname "$0")/tap.sh"

doc_count () {
  "$CLI" list "$1" 2>/dev/null | wc -l
}

json_get () {
  # json_get FILE PYTHON-EXPRESSION-ON-d
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"
}

# --- help and version
check "--help" "$CLI" --help
if grep -q '^  validate' "$TMP/out" && grep -q '^  import' "$TMP/out"; then
  ok "--help lists the commands"
else
  not_ok "--help lists the commands"
fi
check "--version" "$CLI" --version
for c in init import list stats export validate schema formats; do
  check "$c --help" "$CLI" "$c" --help
done
refuse "unknown command" "$CLI" frobnicate

# --- init
for preset in news conll2003 ontonotes; do
  check "init --schema $preset" "$CLI" init "$TMP/$preset.gloss" --schema "$preset"
  check "validate an empty $preset project" "$CLI" validate "$TMP/$preset.gloss"
done
check "init with the default schema" "$CLI" init "$TMP/default.gloss"
refuse "init refuses an existing file" "$CLI" init "$TMP/default.gloss"
# a schema file in GlossSchema's own JSON: the one a conll2003 project holds
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); \
open(sys.argv[2], 'w').write(c.execute(\"SELECT value FROM project WHERE key = 'schema'\").fetchone()[0])" \
  "$TMP/conll2003.gloss" "$TMP/schema.json"
check "init --schema FILE.json" "$CLI" init "$TMP/file-schema.gloss" --schema "$TMP/schema.json"
check "validate the project made from a schema file" "$CLI" validate "$TMP/file-schema.gloss"
refuse "init --schema with a missing file" "$CLI" init "$TMP/x.gloss" --schema "$TMP/nope.json"

# --- import of the sample texts
P=$TMP/news.gloss
check "import the three sample texts" "$CLI" import "$P" \
  "$SAMPLES/spy-network-abroad.txt" "$SAMPLES/tech-workers-abroad.txt" \
  "$SAMPLES/defector-cyber-unit.txt"
check "list" "$CLI" list "$P"
if [ "$(wc -l <"$TMP/out")" -eq 3 ] && grep -q "^spy-network-abroad	" "$TMP/out"; then
  ok "list shows three documents named after their files"
else
  not_ok "list shows three documents named after their files"
  sed 's/^/# /' "$TMP/out"
fi
check "import the same text again" "$CLI" import "$P" "$SAMPLES/spy-network-abroad.txt"
if "$CLI" list "$P" | grep -q "^spy-network-abroad (2)	"; then
  ok "a taken name gets a unique one"
else
  not_ok "a taken name gets a unique one"
fi

# --- refusals leave the project as it was
before=$(doc_count "$P")
printf 'caf\xe9 au lait\n' >"$TMP/latin1.txt"
printf 'text with a \0 byte\n' >"$TMP/nul.txt"
: >"$TMP/empty.txt"
printf 'fine text\n' >"$TMP/fine.txt"
refuse "refuse invalid UTF-8" "$CLI" import "$P" "$TMP/fine.txt" "$TMP/latin1.txt"
grep -q "latin1.txt: .*UTF-8" "$TMP/err" && ok "the message names the file and UTF-8" \
  || not_ok "the message names the file and UTF-8"
refuse "refuse a NUL byte" "$CLI" import "$P" "$TMP/fine.txt" "$TMP/nul.txt"
refuse "refuse a missing file" "$CLI" import "$P" "$TMP/fine.txt" "$TMP/missing.txt"
refuse "refuse an empty file" "$CLI" import "$P" "$TMP/fine.txt" "$TMP/empty.txt"
refuse "refuse all bad files at once" "$CLI" import "$P" "$TMP/latin1.txt" "$TMP/nul.txt" \
  "$TMP/empty.txt" "$TMP/missing.txt"
if [ "$(grep -c '^gloss-cli: ' "$TMP/err")" -ge 4 ]; then
  ok "each bad file is reported"
else
  not_ok "each bad file is reported"
fi
if [ "$(doc_count "$P")" -eq "$before" ]; then
  ok "nothing was imported after a refusal"
else
  not_ok "nothing was imported after a refusal ($before -> $(doc_count "$P"))"
fi

# --- non-projects are refused and left untouched
printf 'just some text\n' >"$TMP/plain.txt"
sum=$(sha256sum <"$TMP/plain.txt")
refuse "open a text file as a project" "$CLI" list "$TMP/plain.txt"
[ "$(sha256sum <"$TMP/plain.txt")" = "$sum" ] && ok "the text file is unchanged" \
  || not_ok "the text file is unchanged"
if command -v sqlite3 >/dev/null; then
  sqlite3 "$TMP/other.db" "CREATE TABLE t (x); INSERT INTO t VALUES (1);"
else
  python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); \
c.execute('CREATE TABLE t (x)'); c.execute('INSERT INTO t VALUES (1)'); c.commit()" "$TMP/other.db"
fi
sum=$(sha256sum <"$TMP/other.db")
refuse "open an SQLite file that is not a project" "$CLI" import "$TMP/other.db" "$TMP/fine.txt"
refuse "validate an SQLite file that is not a project" "$CLI" validate "$TMP/other.db"
[ "$(sha256sum <"$TMP/other.db")" = "$sum" ] && ok "the SQLite file is unchanged" \
  || not_ok "the SQLite file is unchanged"
[ ! -e "$TMP/other.db-wal" ] && ok "no WAL file left beside it" || not_ok "no WAL file left beside it"
refuse "open a missing project" "$CLI" list "$TMP/missing.gloss"

# --- JSONL import, stats, export round trip
J=$TMP/samples.gloss
check "init for the samples" "$CLI" init "$J"
check "import samples.jsonl" "$CLI" import "$J" "$SAMPLES/samples.jsonl"
check "stats --json" "$CLI" stats "$J" --json
cp "$TMP/out" "$TMP/stats.json"
expected=$(python3 -c "
import json, sys
docs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
anns = sum(1 for d in docs for a in d['annotations'] if not a['deleted'])
rels = sum(1 for d in docs for r in d['relations'] if not r['deleted'])
claims = sum(1 for d in docs for a in d['annotations'] if not a['deleted'] and a['label'] == 'CLAIM')
print(len(docs), anns, rels, claims)" "$SAMPLES/samples.jsonl")
got=$(json_get "$TMP/stats.json" \
  "d['documents'], d['annotations'], d['relations'], d['labels'].get('CLAIM', 0)" | tr -d '(),')
if [ "$got" = "$expected" ]; then
  ok "stats --json counts match samples.jsonl ($got)"
else
  not_ok "stats --json counts match samples.jsonl (got $got, expected $expected)"
fi
check "stats (text)" "$CLI" stats "$J"
# stats counts in SQL, --salvage by reading each row: the same figures, per
# label, annotator and relation type
check "stats --json --salvage" "$CLI" stats "$J" --json --salvage
if cmp -s "$TMP/out" "$TMP/stats.json"; then
  ok "stats counted in SQL equals stats counted row by row"
else
  not_ok "stats counted in SQL equals stats counted row by row"
fi
check "validate the samples project" "$CLI" validate "$J"

check "export --format jsonl -o FILE" "$CLI" export "$J" --format jsonl -o "$TMP/export.jsonl"
check "export -o -" "$CLI" export "$J" --format jsonl -o -
cmp -s "$TMP/out" "$TMP/export.jsonl" && ok "stdout export equals the file export" \
  || not_ok "stdout export equals the file export"
ls "$TMP"/export.jsonl.* >/dev/null 2>&1 && not_ok "no temporary file left" \
  || ok "no temporary file left"

if cmp -s "$TMP/export.jsonl" "$SAMPLES/samples.jsonl"; then
  ok "export is byte-identical to samples.jsonl"
else
  not_ok "export is byte-identical to samples.jsonl"
  cmp "$TMP/export.jsonl" "$SAMPLES/samples.jsonl" | sed 's/^/# /'
fi

J2=$TMP/again.gloss
check "init a second project" "$CLI" init "$J2"
check "import the export" "$CLI" import "$J2" "$TMP/export.jsonl"
check "export it again" "$CLI" export "$J2" --format jsonl -o "$TMP/export2.jsonl"
cmp -s "$TMP/export.jsonl" "$TMP/export2.jsonl" && ok "export(import(export)) is byte-identical" \
  || not_ok "export(import(export)) is byte-identical"
refuse "importing the same JSONL twice is refused (uuids taken)" \
  "$CLI" import "$J2" "$TMP/export.jsonl"
grep -q "export.jsonl:1:" "$TMP/err" && ok "the JSONL error names file:line" \
  || not_ok "the JSONL error names file:line"
[ "$(doc_count "$J2")" -eq 3 ] && ok "still three documents" || not_ok "still three documents"

# an export that cannot be written leaves nothing behind
refuse "export into a missing directory" "$CLI" export "$J" --format jsonl \
  -o "$TMP/no/such/dir/x.jsonl"
refuse "export with an unknown format" "$CLI" export "$J" --format csv -o "$TMP/x.csv"
[ ! -e "$TMP/x.csv" ] && ok "no file for a refused export" || not_ok "no file for a refused export"

# validate finds a planted problem
cp "$J" "$TMP/broken.gloss"
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); \
c.execute('UPDATE annotations SET label = \"NOPE\" WHERE rowid = (SELECT min(rowid) FROM annotations WHERE deleted = 0)'); c.commit()" \
  "$TMP/broken.gloss"
refuse "validate reports an unknown label" "$CLI" validate "$TMP/broken.gloss"
grep -q "NOPE" "$TMP/out" && ok "the problem is printed" || not_ok "the problem is printed"

# --- formats
check "formats" "$CLI" formats
if grep -q '^brat  *import  *export' "$TMP/out" && grep -q '^text  *import' "$TMP/out" \
   && grep -q '^html  *import' "$TMP/out" && grep -q '^jsonl  *import  *export' "$TMP/out"; then
  ok "formats lists text, html, brat and jsonl with their capabilities"
else
  not_ok "formats lists text, html, brat and jsonl with their capabilities"
  sed 's/^/# /' "$TMP/out"
fi

# --- --skip-bad with text files
K=$TMP/skip.gloss
check "init for --skip-bad" "$CLI" init "$K"
check "import --skip-bad imports the good files" "$CLI" import "$K" "$TMP/fine.txt" \
  "$TMP/latin1.txt" "$TMP/empty.txt" --skip-bad
grep -q "latin1.txt: error: invalid UTF-8" "$TMP/out" && ok "--skip-bad still reports the bad file" \
  || not_ok "--skip-bad still reports the bad file"
[ "$(doc_count "$K")" -eq 1 ] && ok "one document imported with --skip-bad" \
  || not_ok "one document imported with --skip-bad"

# --- brat import and export
BIN=$TMP/brat-in
mkdir -p "$BIN"
printf 'Bob told Reuters that Alice left Berlin.\n' >"$BIN/story.txt"
printf 'T1\tPERSON 0 3\tBob\nT2\tORG 9 16\tReuters\nT3\tPERSON 22 27\tAlice\nT4\tGPE 33 39\tBerlin\n' >"$BIN/story.ann"
printf 'T5\tLeave 28 32\tleft\nE1\tLeave:T5 Agent:T3 Place:T4\nR1\tattributed-to Arg1:T3 Arg2:T1\n' >>"$BIN/story.ann"
printf 'A1\tcertainty E1 alleged\nA2\tcheckworthy T3\nN1\tReference T4 Wikidata:Q64\tBerlin\n' >>"$BIN/story.ann"
printf '#1\tAnnotatorNotes T2\tthe agency\n*\tEquiv T1 T3\n' >>"$BIN/story.ann"
B=$TMP/brat.gloss
check "init for brat" "$CLI" init "$B"
check "import --format brat a folder" "$CLI" import "$B" "$BIN" --format brat --annotator alice
cp "$TMP/out" "$TMP/brat-report"
grep -q "^Imported 1 document, 5 annotations, 3 relations" "$TMP/brat-report" \
  && ok "the brat report counts documents, annotations and relations" \
  || { not_ok "the brat report counts documents, annotations and relations"; sed 's/^/# /' "$TMP/brat-report"; }
grep -q "story.ann:.*note: 1 event became" "$TMP/brat-report" && ok "events are reported" \
  || not_ok "events are reported"
grep -q "story.ann:12: warning: .*Equiv" "$TMP/brat-report" && ok "Equiv is reported with file:line" \
  || not_ok "Equiv is reported with file:line"
grep -q "^Labels added to the schema: Leave" "$TMP/brat-report" && ok "the labels added are listed" \
  || not_ok "the labels added are listed"
check "export --format brat" "$CLI" export "$B" --format brat -o "$TMP/brat-out"
for f in story.txt story.ann annotation.conf visual.conf; do
  [ -s "$TMP/brat-out/$f" ] && ok "brat export wrote $f" || not_ok "brat export wrote $f"
done
cmp -s "$BIN/story.txt" "$TMP/brat-out/story.txt" && ok "the exported text is the imported one" \
  || not_ok "the exported text is the imported one"
[ "$(grep -c '^T' "$TMP/brat-out/story.ann")" -eq 5 ] && [ "$(grep -c '^R' "$TMP/brat-out/story.ann")" -eq 3 ] \
  && grep -q "^N1	Reference T[0-9]* Wikidata:Q64	Berlin$" "$TMP/brat-out/story.ann" \
  && grep -q "^#1	AnnotatorNotes T[0-9]*	the agency$" "$TMP/brat-out/story.ann" \
  && grep -q "^A[0-9]*	certainty T[0-9]* alleged$" "$TMP/brat-out/story.ann" \
  && ok "the brat export carries spans, relations, attributes, normalisations and notes" \
  || { not_ok "the brat export carries spans, relations, attributes, normalisations and notes"; sed 's/^/# /' "$TMP/brat-out/story.ann"; }
check "export --format jsonl of the brat project" "$CLI" export "$B" --format jsonl -o "$TMP/brat.jsonl"
grep -q '"annotator":"alice"' "$TMP/brat.jsonl" && ok "--annotator names the imported annotations' annotator" \
  || not_ok "--annotator names the imported annotations' annotator"
check "export --format brat --labels PERSON" "$CLI" export "$B" --format brat --labels PERSON \
  -o "$TMP/brat-person"
[ "$(grep -c '^T' "$TMP/brat-person/story.ann")" -eq 2 ] && ok "--labels filters the export" \
  || not_ok "--labels filters the export"
B2=$TMP/brat2.gloss
check "init a second brat project" "$CLI" init "$B2"
check "import the brat export (detected)" "$CLI" import "$B2" "$TMP/brat-out"
grep -q "^Imported 1 document, 5 annotations, 3 relations" "$TMP/out" \
  && ok "the brat export imports again the same" || not_ok "the brat export imports again the same"
refuse "export --status with a bad status" "$CLI" export "$B" --format brat --status nope -o "$TMP/x"
refuse "export --split with two ratios" "$CLI" export "$B" --format hf --split 80/20 -o "$TMP/x"
refuse "export -o - for a folder format" "$CLI" export "$B" --format brat -o -

# a bad .ann: refused with file:line, nothing imported
mkdir -p "$TMP/brat-bad"
printf 'Bob met Alice.\n' >"$TMP/brat-bad/x.txt"
printf 'T1\tPERSON 0 3\tBob\nT2\tPERSON 8 80\tAlice\n' >"$TMP/brat-bad/x.ann"
before=$(doc_count "$B")
refuse "import a brat file with offsets past the end" "$CLI" import "$B" "$TMP/brat-bad/x.ann"
grep -q "x.ann:2: error: T2: offsets past the end" "$TMP/err" && ok "the error names file:line" \
  || not_ok "the error names file:line"
[ "$(doc_count "$B")" -eq "$before" ] && ok "nothing was imported from the bad brat file" \
  || not_ok "nothing was imported from the bad brat file"
check "import the bad brat file with --skip-bad" "$CLI" import "$B" "$TMP/brat-bad/x.ann" --skip-bad
[ "$(doc_count "$B")" -eq $((before + 1)) ] && ok "--skip-bad imports the document" \
  || not_ok "--skip-bad imports the document"

if [ -d "${GLOSS_CORPORA_DIR:-/nonexistent}/brat" ]; then
  C=$TMP/corpus.gloss
  check "init for the brat corpora" "$CLI" init "$C"
  refuse "the brat corpora without --skip-bad (reference files lack their text)" \
    "$CLI" import "$C" "$GLOSS_CORPORA_DIR/brat"
  [ "$(doc_count "$C")" -eq 0 ] && ok "nothing imported from the corpora" \
    || not_ok "nothing imported from the corpora"
  check "the brat corpora with --skip-bad" "$CLI" import "$C" "$GLOSS_CORPORA_DIR/brat" --skip-bad
  [ "$(doc_count "$C")" -eq 42 ] && ok "42 brat documents imported" \
    || not_ok "42 brat documents imported ($(doc_count "$C"))"
  check "export the corpora as brat" "$CLI" export "$C" --format brat -o "$TMP/corpus-out"
  [ "$(ls "$TMP/corpus-out" | grep -c '\.ann$')" -eq 42 ] && ok "one .ann per document" \
    || not_ok "one .ann per document"
else
  ok "# SKIP no corpora"
fi

# --- schema export / import
check "schema export" "$CLI" schema export "$B" "$TMP/brat-schema.json"
python3 -c "import json,sys; d=json.load(open(sys.argv[1]))" "$TMP/brat-schema.json" \
  && ok "the exported schema is JSON" || not_ok "the exported schema is JSON"
grep -q '"Leave"' "$TMP/brat-schema.json" && ok "the exported schema has the imported label" \
  || not_ok "the exported schema has the imported label"
check "schema export -" "$CLI" schema export "$B" -
cmp -s "$TMP/out" "$TMP/brat-schema.json" && ok "schema export to stdout equals the file" \
  || not_ok "schema export to stdout equals the file"
# a standard output that cannot be written (a full disk) fails, saying so (a
# failed fputs() went unnoticed and it exited 0; a failed fflush() crashed)
if [ -w /dev/full ]; then
  "$CLI" schema export "$B" - >/dev/full 2>"$TMP/err"
  is "schema export to a full standard output fails" "$?" 1
  has "and says why" "$TMP/err" "Cannot write to the standard output"
fi
check "schema import of the same schema" "$CLI" schema import "$B" "$TMP/brat-schema.json"
refuse "schema import of a schema without the labels in use" "$CLI" schema import "$B" "$TMP/schema.json"
grep -q "label “PERSON” (3 annotations)" "$TMP/err" && grep -q "relation type “Agent”" "$TMP/err" \
  && ok "the refusal lists the labels and relation types in use" \
  || { not_ok "the refusal lists the labels and relation types in use"; sed 's/^/# /' "$TMP/err"; }
"$CLI" schema export "$B" "$TMP/brat-schema-after.json"
cmp -s "$TMP/brat-schema.json" "$TMP/brat-schema-after.json" && ok "the refused schema import changed nothing" \
  || not_ok "the refused schema import changed nothing"
check "schema import into an empty project" "$CLI" schema import "$K" "$TMP/brat-schema.json"
"$CLI" schema export "$K" "$TMP/k-schema.json"
cmp -s "$TMP/brat-schema.json" "$TMP/k-schema.json" && ok "schema import replaces the schema" \
  || not_ok "schema import replaces the schema"
refuse "schema import of a missing file" "$CLI" schema import "$B" "$TMP/nope.json"
refuse "schema with an unknown action" "$CLI" schema frob "$B" "$TMP/x.json"

# --- annotators of imported annotations: --annotator, else the file's, else
# $GLOSS_ANNOTATOR, else the login name
annotators_of () {
  python3 -c '
import json, sys
names = set()
for line in open(sys.argv[1]):
    for a in json.loads(line)["annotations"]:
        names.add(a["annotator"])
print(",".join(sorted(names)))' "$1"
}
LOGIN=$(python3 -c 'import os, pwd; print(pwd.getpwuid(os.getuid()).pw_name)')
A1=$TMP/annotators1.gloss
check "init for annotators" "$CLI" init "$A1"
check "brat import without --annotator" env -u GLOSS_ANNOTATOR "$CLI" import "$A1" "$BIN" --format brat
"$CLI" export "$A1" --format jsonl -o "$TMP/annotators1.jsonl" 2>/dev/null
[ "$(annotators_of "$TMP/annotators1.jsonl")" = "$LOGIN" ] \
  && ok "without --annotator brat annotations belong to the login name" \
  || not_ok "without --annotator brat annotations belong to the login name ($(annotators_of "$TMP/annotators1.jsonl") != $LOGIN)"
A2=$TMP/annotators2.gloss
check "init for GLOSS_ANNOTATOR" "$CLI" init "$A2"
check "brat import with GLOSS_ANNOTATOR" env GLOSS_ANNOTATOR=carol "$CLI" import "$A2" "$BIN" --format brat
"$CLI" export "$A2" --format jsonl -o "$TMP/annotators2.jsonl" 2>/dev/null
[ "$(annotators_of "$TMP/annotators2.jsonl")" = "carol" ] \
  && ok "GLOSS_ANNOTATOR names the annotator of brat annotations" \
  || not_ok "GLOSS_ANNOTATOR names the annotator of brat annotations"
A3=$TMP/annotators3.gloss
check "init for --annotator" "$CLI" init "$A3"
check "brat import with --annotator" env GLOSS_ANNOTATOR=carol "$CLI" import "$A3" "$BIN" --format brat \
  --annotator dave
"$CLI" export "$A3" --format jsonl -o "$TMP/annotators3.jsonl" 2>/dev/null
[ "$(annotators_of "$TMP/annotators3.jsonl")" = "dave" ] \
  && ok "--annotator wins over GLOSS_ANNOTATOR" || not_ok "--annotator wins over GLOSS_ANNOTATOR"
printf '%s\n' '{"text":"Bob met Alice.","annotations":[{"label":"PERSON","start_offset":0,"end_offset":3,"user":"erin"},{"label":"PERSON","start_offset":8,"end_offset":13,"user":7}]}' \
  >"$TMP/per-user.jsonl"
A4=$TMP/annotators4.gloss
check "init for doccano per-user" "$CLI" init "$A4"
check "doccano per-user import without --annotator" env GLOSS_ANNOTATOR=carol "$CLI" import "$A4" \
  "$TMP/per-user.jsonl" --format doccano
"$CLI" export "$A4" --format jsonl -o "$TMP/annotators4.jsonl" 2>/dev/null
[ "$(annotators_of "$TMP/annotators4.jsonl")" = "7,erin" ] \
  && ok "doccano per-user annotations belong to the file's users" \
  || not_ok "doccano per-user annotations belong to the file's users ($(annotators_of "$TMP/annotators4.jsonl"))"

# --- export reports: what a format cannot carry is a warning, not a failure
check "export --format conll of the brat project" "$CLI" export "$B" --format conll -o "$TMP/brat.conll"
grep -q "^gloss-cli: story: warning: relation .* (attributed-to): relations cannot be written$" "$TMP/err" \
  && grep -q "^gloss-cli: story: warning: annotation .* (ORG 9-16): note not written$" "$TMP/err" \
  && grep -q "^gloss-cli: story: warning: annotation .* (GPE 33-39): normalisation not written: Wikidata:Q64$" "$TMP/err" \
  && ok "the CoNLL export warns on stderr of what it could not carry" \
  || { not_ok "the CoNLL export warns on stderr of what it could not carry"; sed 's/^/# /' "$TMP/err"; }
[ ! -s "$TMP/out" ] && ok "export warnings stay off stdout" || not_ok "export warnings stay off stdout"
check "export --format brat of the brat project" "$CLI" export "$B" --format brat -o "$TMP/brat-again"
[ ! -s "$TMP/err" ] && ok "a brat export has nothing to warn of" \
  || { not_ok "a brat export has nothing to warn of"; sed 's/^/# /' "$TMP/err"; }

# --- durability: an export that fails part-way leaves the previous one whole
H=$TMP/hf.gloss
check "init for the durability checks" "$CLI" init "$H"
check "import a sample text for the hf export" "$CLI" import "$H" "$SAMPLES/spy-network-abroad.txt"
check "export --format hf" "$CLI" export "$H" --format hf -o "$TMP/hf-out"
listing () {
  (cd "$1" && ls -A && sha256sum -- *)
}
listing "$TMP/hf-out" >"$TMP/hf-before"
python3 -c "import sys; open(sys.argv[1], 'w').write('Alice met Bob in Paris. ' * 20000)" \
  "$TMP/long.txt"
check "import a long text" "$CLI" import "$H" "$TMP/long.txt"
# Its train.jsonl outgrows 768 KiB, the project does not: with files limited
# to that size, writes past it fail (EFBIG) as on a full disk.
refuse "export --format hf with files limited to 768 KiB" \
  bash -c 'trap "" XFSZ; ulimit -f 768; exec "$@"' limited "$CLI" export "$H" --format hf \
  -o "$TMP/hf-out"
grep -q "hf-out/train.jsonl: cannot be written: file too large" "$TMP/err" \
  && ok "the message names the file and says it is too large" \
  || { not_ok "the message names the file and says it is too large"; sed 's/^/# /' "$TMP/err"; }
listing "$TMP/hf-out" >"$TMP/hf-after"
cmp -s "$TMP/hf-before" "$TMP/hf-after" \
  && ok "the previous hf export is intact, with no temporary file beside it" \
  || { not_ok "the previous hf export is intact, with no temporary file beside it";
       diff "$TMP/hf-before" "$TMP/hf-after" | sed 's/^/# /'; }
check "export --format conll" "$CLI" export "$H" --format conll -o "$TMP/durable.conll" \
  --labels NONE
sum=$(sha256sum <"$TMP/durable.conll")
refuse "export --format conll with files limited to 768 KiB" \
  bash -c 'trap "" XFSZ; ulimit -f 768; exec "$@"' limited "$CLI" export "$H" --format conll \
  -o "$TMP/durable.conll"
grep -q "durable.conll: cannot be written: file too large" "$TMP/err" \
  && ok "the message names the CoNLL file" || { not_ok "the message names the CoNLL file"; sed 's/^/# /' "$TMP/err"; }
[ "$(sha256sum <"$TMP/durable.conll")" = "$sum" ] && ! ls -A "$TMP" | grep -q '^\.' \
  && ok "the previous CoNLL export is intact, with no temporary file beside it" \
  || not_ok "the previous CoNLL export is intact, with no temporary file beside it"

# --- a file too large for a document is refused before it is read
truncate -s 2G "$TMP/huge.txt"
before=$(doc_count "$H")
# A cap on memory, so that a gloss-cli that reads the file whole fails fast
# instead of eating the machine; AddressSanitizer builds reserve terabytes
# of address space for their shadow and cannot start under one.
VMEM=1000000
if ldd "$CLI" 2>/dev/null | grep -q libasan; then
  VMEM=unlimited
fi
SECONDS=0
refuse "import a 2 GB text file" \
  bash -c 'ulimit -v "$0"; exec timeout 20 "$@"' "$VMEM" "$CLI" import "$H" "$TMP/huge.txt"
[ "$SECONDS" -le 5 ] && ok "refused at once (${SECONDS} s)" || not_ok "refused at once (${SECONDS} s)"
grep -q "huge.txt” is too large (2148 MB; Gloss takes documents up to 256 MB)" "$TMP/err" \
  && ok "the refusal names the file, its size and the limit" \
  || { not_ok "the refusal names the file, its size and the limit"; sed 's/^/# /' "$TMP/err"; }
[ "$(doc_count "$H")" -eq "$before" ] && ok "nothing imported from the 2 GB file" \
  || not_ok "nothing imported from the 2 GB file"
rm -f "$TMP/huge.txt"

# --- token formats never cut a span that does not line up with the tokens
mkdir -p "$TMP/korea"
printf 'North Korean defectors met officials in Seoul.\n' >"$TMP/korea/defectors.txt"
printf 'T1\tGPE 0 11\tNorth Korea\nT2\tGPE 40 45\tSeoul\n' >"$TMP/korea/defectors.ann"
K=$TMP/korea.gloss
check "init for misaligned spans" "$CLI" init "$K"
check "import a span inside a token" "$CLI" import "$K" "$TMP/korea" --format brat
check "export --format conll with a misaligned span" "$CLI" export "$K" --format conll \
  -o "$TMP/korea.conll"
grep -q "^North _ _ O$" "$TMP/korea.conll" && grep -q "^Seoul _ _ B-GPE$" "$TMP/korea.conll" \
  && grep -q "^gloss-cli: defectors: warning: annotation .* (GPE 0-11): does not line up with the tokens (it starts or ends inside one): left out$" "$TMP/err" \
  && ok "a misaligned span is left out and reported, not cut to B-GPE North" \
  || { not_ok "a misaligned span is left out and reported"; sed 's/^/# /' "$TMP/korea.conll" "$TMP/err"; }
check "export --misaligned extend" "$CLI" export "$K" --format conll --misaligned extend \
  -o "$TMP/korea-extended.conll"
grep -q "^North _ _ B-GPE$" "$TMP/korea-extended.conll" \
  && grep -q "^Korean _ _ I-GPE$" "$TMP/korea-extended.conll" \
  && grep -q "(GPE 0-11): does not line up with the tokens: extended to their boundaries (0-12)$" "$TMP/err" \
  && ok "--misaligned extend tags North Korean and says so" \
  || { not_ok "--misaligned extend tags North Korean and says so"; sed 's/^/# /' "$TMP/korea-extended.conll" "$TMP/err"; }
check "export --format conllu (it said unknown format)" "$CLI" export "$K" --format conllu \
  -o "$TMP/korea.conllu"
grep -q "^# newdoc id = defectors$" "$TMP/korea.conllu" \
  && grep -q "^# sent_id = defectors-1$" "$TMP/korea.conllu" \
  && grep -q "^# text = North Korean defectors met officials in Seoul.$" "$TMP/korea.conllu" \
  && grep -qP "^7\tSeoul\t_\t_\t_\t_\t_\t_\t_\tNER=B-GPE\|SpaceAfter=No$" "$TMP/korea.conllu" \
  && grep -q "(GPE 0-11): does not line up with the tokens" "$TMP/err" \
  && ok "the CoNLL-U export has UD's columns, comments and NER in MISC" \
  || { not_ok "the CoNLL-U export has UD's columns, comments and NER in MISC"; sed 's/^/# /' "$TMP/korea.conllu" "$TMP/err"; }
K2=$TMP/korea2.gloss
check "init for the CoNLL-U round trip" "$CLI" init "$K2"
check "the CoNLL-U export imports again" "$CLI" import "$K2" "$TMP/korea.conllu"
"$CLI" export "$K2" --format conll2002 -o "$TMP/korea.conll" 2>"$TMP/err"
[ "$(head -1 "$TMP/korea.conll")" = "North O" ] && grep -q "^Seoul B-GPE$" "$TMP/korea.conll" \
  && ! grep -q DOCSTART "$TMP/korea.conll" \
  && ok "export --format conll2002 writes two columns" \
  || { not_ok "export --format conll2002 writes two columns"; sed 's/^/# /' "$TMP/korea.conll"; }
refuse "--misaligned with an unknown mode" "$CLI" export "$K" --format conll --misaligned cut \
  -o "$TMP/korea-cut.conll"
refuse "--misaligned extend for a span format" "$CLI" export "$K" --format brat --misaligned extend \
  -o "$TMP/korea-brat"

# --- messages quote at most about 200 characters of the input
mkdir -p "$TMP/brat-huge"
python3 -c "
import sys
n = 10 * 1000 * 1000
open(sys.argv[1] + '/huge.txt', 'w').write('x' * n)
open(sys.argv[1] + '/huge.ann', 'w').write('T1\tPERSON 0 %d\t%s\n' % (n, 'y' * n))" "$TMP/brat-huge"
M=$TMP/huge-quotes.gloss
check "init for a huge span-text mismatch" "$CLI" init "$M"
check "import a brat file whose span text differs by 10 MB" "$CLI" import "$M" "$TMP/brat-huge"
size=$(cat "$TMP/out" "$TMP/err" | wc -c)
[ "$size" -le 2000 ] && grep -q "T1: the text written “yyyy*…” differs" "$TMP/out" \
  && ok "the warning quotes the texts shortened ($size bytes)" \
  || { not_ok "the warning quotes the texts shortened ($size bytes)"; head -c 600 "$TMP/out" | sed 's/^/# /'; }
rm -rf "$TMP/brat-huge"

tap_finish
