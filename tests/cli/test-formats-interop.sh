#!/bin/bash
# test-formats-interop.sh: what exports give away and what imports refuse,
# the same in every format (issue 13) (TAP)
#
# Privacy: a document imported from a file records the file's full path
# (its "source"); the doccano, Label Studio and spaCy exports write the
# file's name only, and the full path with --keep-paths. The project itself
# keeps the path.
#
# Empty and broken input: an empty file is refused by every importer with
# the same message, asked for by --format or found by detection (brat's
# .ann, a text without annotations, may be empty); a folder of WebAnno
# files exported by Gloss imports as a folder, by --format and detected;
# HTML whose bytes are not valid in the charset it declares (BOM, <meta>,
# else UTF-8) is refused, naming the byte, while a valid Latin-1 article
# is read.
#
# Import and validate agree: a brat relation whose ends' labels the schema
# does not allow (attributed-to from an ORG) widens the relation type, with
# a note, so that `gloss-cli validate` passes on what the import made.
#
# brat: the annotation.conf Gloss writes declares that spans may overlap
# (<OVERLAP>), and attribute values holding white space, "," or "|" (which
# split brat's .ann and .conf lines) are written %20, %2C, %7C in both and
# read back as they were.
#
# Label Studio: the export keeps the from_name and to_name a task came
# with ("label" and "text" for documents made in Gloss), writes
# completed_by as a user id or {"email": …}, never a bare name, and writes
# beside it NAME.label-config.xml, the <View> a project needs to take the
# tasks back (its labels, colours and relations, per name used).
#
# What a format carries that Gloss has no place for comes back on export:
# Label Studio's annotation id, lead_time and created_at (per annotator),
# Prodigy's _input_hash, _task_hash and _session_id.
#
# Copyright 2026 The Gloss authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

TAP_NEEDS="python3 sqlite3"
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


# ---- an empty file, refused alike --------------------------------------------

mkdir -p "$TMP/empty"
for pair in text:txt html:html doccano:jsonl spacy:jsonl label-studio:json conll:conll \
            conllu:conllu webanno:tsv jsonl:jsonl; do
  format=${pair%%:*}
  file=$TMP/empty/empty-$format.${pair##*:}
  : >"$file"
  for how in "--format $format" ""; do
    E=$TMP/empty-$format.gloss
    rm -f "$E"
    "$CLI" init "$E" >/dev/null
    # shellcheck disable=SC2086 # $how is one option and its value, or nothing
    if "$CLI" import "$E" "$file" $how >"$TMP/out" 2>"$TMP/err"; then
      not_ok "empty $format file ${how:-detected}: refused (exit 0: $(tr '\n' ' ' <"$TMP/out"))"
    elif grep -qx "gloss-cli: $file: error: empty file" "$TMP/err" &&
         [ "$(sqlite3 "$E" 'SELECT count(*) FROM documents')" = 0 ]; then
      ok "empty $format file ${how:-detected}: refused, \"empty file\""
    else
      not_ok "empty $format file ${how:-detected}: refused, \"empty file\""
      sed 's/^/# /' "$TMP/err" | head -3
    fi
  done
done

# brat: an empty .ann beside its text is a document without annotations
printf 'Officials in Seoul declined to comment.\n' >"$TMP/empty/quiet.txt"
: >"$TMP/empty/quiet.ann"
B=$TMP/brat-empty-ann.gloss
"$CLI" init "$B" >/dev/null
check "an empty brat .ann beside its text imports" "$CLI" import "$B" "$TMP/empty/quiet.ann"
if [ "$(sqlite3 "$B" 'SELECT count(*) FROM documents')" = 1 ]; then
  ok "... as a document without annotations"
else
  not_ok "... as a document without annotations"
fi

# ---- a folder of WebAnno files -----------------------------------------------

D=$TMP/demo.gloss
"$CLI" init "$D" --schema news >/dev/null
"$CLI" import "$D" "$SAMPLES/samples.jsonl" >/dev/null
check "WebAnno export of the samples (a folder)" "$CLI" export "$D" --format webanno -o "$TMP/webanno"
texts () {
  sqlite3 "$1" "SELECT name || ':' || length(text) || ':' ||
                  (SELECT count(*) FROM annotations a WHERE a.document = d.id AND a.deleted = 0)
                FROM documents d ORDER BY name" | tr '\n' ' '
}
# the text after the last token (a line feed) is left out by the format
want=$(sqlite3 "$D" "SELECT name || ':' || length(rtrim(text, char(10))) FROM documents
                     ORDER BY name" | tr '\n' ' ')
for how in "--format webanno" ""; do
  W=$TMP/webanno-folder.gloss
  rm -f "$W"
  "$CLI" init "$W" --schema news >/dev/null
  # shellcheck disable=SC2086
  check "the folder imports ${how:-detected}" "$CLI" import "$W" "$TMP/webanno" $how
  got=$(texts "$W")
  if [ "$(sqlite3 "$W" "SELECT name || ':' || length(rtrim(text, char(10))) FROM documents
                       ORDER BY name" |
          tr '\n' ' ')" = "$want" ] && ! echo "$got" | grep -q ':0 '; then
    ok "... as the three documents, with their annotations ($got)"
  else
    not_ok "... as the three documents, with their annotations (got $got; want $want)"
  fi
done
mkdir -p "$TMP/no-tsv"
refuse "a folder without .tsv files, --format webanno" "$CLI" import "$TMP/empty-webanno.gloss" \
  "$TMP/no-tsv" --format webanno

# ---- HTML in the charset it declares -------------------------------------------

H=$TMP/html.gloss
html_case () {
  local desc=$1 file=$2 want=$3
  rm -f "$H"
  "$CLI" init "$H" >/dev/null
  if [ "$want" = refused ]; then
    refuse "$desc" "$CLI" import "$H" "$file"
  else
    check "$desc" "$CLI" import "$H" "$file"
    got=$(sqlite3 "$H" "SELECT text FROM documents" | tr '\n' ' ' | sed 's/ $//')
    if [ "$got" = "$want" ]; then
      ok "... reads \"$want\""
    else
      not_ok "... reads \"$want\" (got \"$got\")"
    fi
  fi
}
printf '<html><head><meta charset="utf-8"><title>Seoul</title></head><body><p>Officials said \xff\xfe nothing.</p></body></html>' \
  >"$TMP/bad-utf8.html"
html_case "declared UTF-8 with a byte that is not UTF-8: refused" "$TMP/bad-utf8.html" refused
grep -q "invalid UTF-8 at byte" "$TMP/err" && ok "... naming the byte" || not_ok "... naming the byte"
printf '<html><head><title>Seoul</title></head><body><p>No charset \xc3\x28 here.</p></body></html>' \
  >"$TMP/undeclared.html"
html_case "no charset and bytes that are not UTF-8: refused" "$TMP/undeclared.html" refused
printf '<html><head><meta http-equiv="Content-Type" content="text/html; charset=shift_jis"><title>T</title></head><body><p>Bad \x81\x20 bytes.</p></body></html>' \
  >"$TMP/sjis.html"
html_case "declared Shift_JIS with bytes it cannot decode: refused" "$TMP/sjis.html" refused
grep -q "invalid shift_jis at byte" "$TMP/err" && ok "... naming the charset and byte" ||
  not_ok "... naming the charset and byte"
printf '<html><head><meta charset="ISO-8859-1"><title>Z\xfcrich</title></head><body><p>Officials in Z\xfcrich said nothing.</p></body></html>' \
  >"$TMP/latin1.html"
html_case "declared ISO-8859-1, valid: read" "$TMP/latin1.html" "Zürich  Officials in Zürich said nothing."

# ---- what an import accepts, validate accepts ---------------------------------

mkdir -p "$TMP/brat-rel"
printf 'Meridian quoted Kim Sol-ji on Tuesday.\n' >"$TMP/brat-rel/quote.txt"
printf 'T1\tORG 0 8\tMeridian\nT2\tPERSON 16 26\tKim Sol-ji\nR1\tattributed-to Arg1:T1 Arg2:T2\n' \
  >"$TMP/brat-rel/quote.ann"
R=$TMP/brat-rel.gloss
"$CLI" init "$R" --schema news >/dev/null
check "a brat attributed-to from an ORG imports" "$CLI" import "$R" "$TMP/brat-rel"
if cat "$TMP/out" "$TMP/err" | grep -q "relation type “attributed-to” now also allows ORG → PERSON"; then
  ok "... and says the relation type now allows ORG → PERSON"
else
  not_ok "... and says the relation type now allows ORG → PERSON"
  sed 's/^/# /' "$TMP/err" | head -5
fi
check "validate passes on what the import made" "$CLI" validate "$R"

# ---- brat: overlaps declared, attribute values brat can split ------------------

A=$TMP/brat-values.gloss
"$CLI" init "$A" >/dev/null
cat >"$TMP/claim.jsonl" <<'JSONL'
{"gloss":1,"name":"briefing","text":"A source said the Karsovian unit moved funds, Meridian reported.","annotations":[{"label":"CLAIM","fragments":[[14,44]],"attributes":{"confidence":"very likely, say officials | maybe"},"annotator":"ana"},{"label":"NORP","fragments":[[18,27]],"annotator":"ana"}],"relations":[]}
JSONL
check "import a claim holding an entity, its attribute value with spaces" \
  "$CLI" import "$A" "$TMP/claim.jsonl"
"$CLI" schema export "$A" "$TMP/schema.json" >/dev/null
python3 - "$TMP/schema.json" <<'PY'
import json, sys
path = sys.argv[1]
schema = json.load(open(path, encoding="utf-8"))
for label in schema["labels"]:
    if label["name"] == "CLAIM":
        label.setdefault("attributes", []).append(
            {"name": "confidence", "type": "enum",
             "values": ["very likely, say officials | maybe", "low"]})
json.dump(schema, open(path, "w", encoding="utf-8"))
PY
check "a schema whose CLAIM confidence has a value with spaces" \
  "$CLI" schema import "$A" "$TMP/schema.json"
check "brat export" "$CLI" export "$A" --format brat -o "$TMP/brat-values"
conf=$TMP/brat-values/annotation.conf
if awk '/^\[/ { section = $0 } section == "[relations]" && /^<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>$/ { found = 1 }
        END { exit !found }' "$conf"; then
  ok "annotation.conf declares overlapping spans in [relations]"
else
  not_ok "annotation.conf declares overlapping spans in [relations]"
fi
if grep -q $'^confidence\tArg:CLAIM|attributed-to, Value:very%20likely%2C%20say%20officials%20%7C%20maybe|low|' "$conf" &&
   ! awk '/^\[attributes\]/ { a = 1; next } /^\[/ { a = 0 } a && /Value:/ { sub(/.*Value:/, ""); if ($0 ~ /[ ,]/) bad = 1 }
          END { exit !bad }' "$conf"; then
  ok "no attribute value in annotation.conf holds a space or a comma"
else
  not_ok "no attribute value in annotation.conf holds a space or a comma"
  grep -n "Value:" "$conf" | sed 's/^/# /'
fi
if awk -F'\t' '/^A/ { if (split($2, f, " ") != 3) bad = 1 } END { exit bad }' "$TMP"/brat-values/*.ann &&
   grep -q $'confidence T1 very%20likely%2C%20say%20officials%20%7C%20maybe$' "$TMP"/brat-values/*.ann; then
  ok "each .ann attribute line has brat's three fields"
else
  not_ok "each .ann attribute line has brat's three fields"
  grep "^A" "$TMP"/brat-values/*.ann | sed 's/^/# /'
fi
A2=$TMP/brat-values-back.gloss
"$CLI" init "$A2" >/dev/null
check "the brat folder imports" "$CLI" import "$A2" "$TMP/brat-values"
got=$(sqlite3 "$A2" "SELECT json_extract(attributes, '$.confidence') FROM annotations WHERE label = 'CLAIM'")
if [ "$got" = "very likely, say officials | maybe" ]; then
  ok "the value comes back as it was"
else
  not_ok "the value comes back as it was (got: $got)"
fi
"$CLI" schema export "$A2" "$TMP/schema-back.json" >/dev/null
if python3 - "$TMP/schema-back.json" <<'PY'
import json, sys
schema = json.load(open(sys.argv[1], encoding="utf-8"))
values = [a.get("values") for l in schema["labels"] if l["name"] == "CLAIM"
          for a in l.get("attributes", []) if a["name"] == "confidence"]
sys.exit(0 if values and "very likely, say officials | maybe" in values[0] else 1)
PY
then
  ok "the schema seeded from annotation.conf has the value as it was"
else
  not_ok "the schema seeded from annotation.conf has the value as it was"
fi

# ---- Label Studio: the names a task came with, and its labelling config --------

L=$TMP/label-studio.gloss
"$CLI" init "$L" --schema news >/dev/null
cat >"$TMP/ls-tasks.json" <<'JSON'
[{"id":7,"data":{"article":"Officials in Seoul said Meridian moved funds."},"annotations":[{"id":3,"completed_by":{"email":"ana@example.org"},"result":[{"id":"r1","from_name":"ner","to_name":"article","type":"labels","value":{"start":13,"end":18,"text":"Seoul","labels":["GPE"]}},{"id":"r2","from_name":"ner","to_name":"article","type":"labels","value":{"start":24,"end":32,"text":"Meridian","labels":["ORG"]}}]}]}]
JSON
check "Label Studio tasks with their own from_name and to_name import" "$CLI" import "$L" "$TMP/ls-tasks.json"
cat >"$TMP/made-here.jsonl" <<'JSONL'
{"gloss":1,"name":"made-here","text":"Kim Sol-ji said the unit was disbanded.","annotations":[{"label":"PERSON","fragments":[[0,10]],"annotator":"ben"}],"relations":[]}
JSONL
check "a document made in Gloss joins them" "$CLI" import "$L" "$TMP/made-here.jsonl"
check "Label Studio export" "$CLI" export "$L" --format label-studio -o "$TMP/ls-out.json"
if python3 - "$TMP/ls-out.json" "$TMP/ls-out.label-config.xml" <<'PY'
import json, sys
import xml.etree.ElementTree as ET
tasks = json.load(open(sys.argv[1], encoding="utf-8"))
problems = []
names = {}
for task in tasks:
    for annotation in task.get("annotations", []):
        who = annotation.get("completed_by")
        if not (isinstance(who, int) or (isinstance(who, dict) and "email" in who)):
            problems.append(f"completed_by {who!r}")
        for region in annotation["result"]:
            if region.get("type") == "labels":
                names[region["from_name"], region["to_name"]] = list(task["data"])
want = {("ner", "article"): ["article"], ("label", "text"): ["text"]}
if names != want:
    problems.append(f"names {names} (want {want})")
view = ET.parse(sys.argv[2]).getroot()
if view.tag != "View":
    problems.append(f"root {view.tag}")
labels = {(l.get("name"), l.get("toName")): [x.get("value") for x in l.findall("Label")]
          for l in view.findall("Labels")}
texts = {t.get("name"): t.get("value") for t in view.findall("Text")}
relations = [r.get("value") for r in view.findall("Relations/Relation")]
if set(labels) != set(want) or not all({"GPE", "ORG", "PERSON"} <= set(v) for v in labels.values()):
    problems.append(f"labels {labels}")
if texts != {"article": "$article", "text": "$text"}:
    problems.append(f"texts {texts}")
if "attributed-to" not in relations:
    problems.append(f"relations {relations}")
if not all(x.get("background", "").startswith("#") for l in view.findall("Labels") for x in l):
    problems.append("a label without its colour")
print("\n".join("# " + p for p in problems))
sys.exit(1 if problems else 0)
PY
then
  ok "tasks keep their names, completed_by is an id or an email, the config matches them"
else
  not_ok "tasks keep their names, completed_by is an id or an email, the config matches them"
fi
L2=$TMP/label-studio-back.gloss
"$CLI" init "$L2" --schema news >/dev/null
check "the export imports again" "$CLI" import "$L2" "$TMP/ls-out.json"
got=$(sqlite3 "$L2" "SELECT group_concat(a.label || ':' || a.annotator, ' ') FROM annotations a
                     JOIN documents d ON d.id = a.document WHERE d.text LIKE 'Officials%'")
if [ "$got" = "GPE:ana@example.org ORG:ana@example.org" ]; then
  ok "... with its labels and annotator ($got)"
else
  not_ok "... with its labels and annotator (got: $got)"
fi

# ---- kept and written back: Label Studio's annotation members, Prodigy's hashes --

K=$TMP/kept.gloss
"$CLI" init "$K" --schema news >/dev/null
cat >"$TMP/kept-ls.json" <<'JSON'
[{"id":7,"data":{"text":"Officials in Seoul said Meridian moved funds."},"annotations":[{"id":31,"lead_time":12.5,"created_at":"2026-11-02T10:00:00Z","completed_by":17,"result":[{"id":"r1","from_name":"label","to_name":"text","type":"labels","value":{"start":13,"end":18,"text":"Seoul","labels":["GPE"]}}]}]}]
JSON
cat >"$TMP/kept-spacy.jsonl" <<'JSONL'
{"text":"Officials in Vienna said nothing.","spans":[{"start":13,"end":19,"label":"GPE"}],"_input_hash":-1234567,"_task_hash":987654,"_session_id":"news-ana","answer":"accept"}
JSONL
check "Label Studio and Prodigy records import" "$CLI" import "$K" "$TMP/kept-ls.json" "$TMP/kept-spacy.jsonl"
check "Label Studio export" "$CLI" export "$K" --format label-studio -o "$TMP/kept-out.json"
check "spaCy export" "$CLI" export "$K" --format spacy -o "$TMP/kept-out.jsonl"
if python3 - "$TMP/kept-out.json" "$TMP/kept-out.jsonl" <<'PY'
import json, sys
tasks = json.load(open(sys.argv[1], encoding="utf-8"))
seoul = [t for t in tasks if t["data"]["text"].startswith("Officials in Seoul")][0]
a = seoul["annotations"][0]
ok = (a["id"] == 31 and a["lead_time"] == 12.5 and a["created_at"] == "2026-11-02T10:00:00Z"
      and a["completed_by"] == 17)
records = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
vienna = [r for r in records if r["text"].startswith("Officials in Vienna")][0]
ok = ok and (vienna.get("_input_hash"), vienna.get("_task_hash"), vienna.get("_session_id")) == \
    (-1234567, 987654, "news-ana")
# what one format keeps is not written into another's metadata
ok = ok and all("label_studio_annotations" not in r.get("meta", {}) for r in records)
ok = ok and all("spacy_record" not in t.get("meta", {}) for t in tasks)
sys.exit(0 if ok else 1)
PY
then
  ok "the annotation id, lead_time and created_at, and Prodigy's hashes come back"
else
  not_ok "the annotation id, lead_time and created_at, and Prodigy's hashes come back"
fi

echo "1..$n"
[ "$failed" -eq 0 ]
