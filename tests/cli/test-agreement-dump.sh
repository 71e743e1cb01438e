#!/bin/bash
# test-agreement-dump.sh: `gloss-cli agreement` gives the figures it gave
# when the references in tests/data/agreement-dump were made, so that making
# it stream, per document and on two threads, cannot change them (TAP)
#
# Two team projects of three annotators: one made here from the samples
# (claims with attributed-to relations and certainty, so that the claim
# figures are covered; ben and cai are the samples with deterministic
# changes, cai never opened one document, and "gold" annotated another), and,
# when ../shared/bench is there, twelve articles cut from gen_corpus.py's
# 100 KB document as ../shared/bench/README.md makes the large one. Each is
# asked for the whole project and with the filters the command offers. The
# JSON is compared after the canonicalisation of tests/bench/scale-dump.sh
# (keys sorted, one line per document, numbers to 12 significant digits: a
# sum in another order changes the last bits and no figure); the table is
# compared as printed. Some are asked again on two threads
# (GLOSS_AGREEMENT_THREADS=2: these projects are too small to get a second
# one by themselves). After a change meant to give other figures, write the
# references again and read the difference before committing it:
#   GLOSS_CLI=_build/src/cli/gloss-cli bash tests/cli/test-agreement-dump.sh --write
#
# Copyright 2026 The Gloss authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

TAP_NEEDS="sqlite3 python3"
. "$(dirname "$0")/tap.sh"

DATA=$SRC/tests/data/agreement-dump
BENCH=$SRC/../shared/bench
WRITE=false
[ "${1:-}" = "--write" ] && WRITE=true

# same DESCRIPTION GOT EXPECTED-FILE: GOT is the file's content (--write:
# becomes it)
same () {
  if $WRITE; then
    mkdir -p "$(dirname "$3")"
    cp "$2" "$3"
    ok "$1 (written to $3)"
  elif [ ! -f "$3" ]; then
    not_ok "$1 (no reference $3)"
  elif diff -u "$3" "$2" >"$TMP/diff"; then
    ok "$1"
  else
    not_ok "$1"
    sed 's/^/# /' "$TMP/diff" | cut -c1-300 | head -40
  fi
}

# canonical FILE: the agreement JSON in FILE as scale-dump.sh prints it
canonical () {
  python3 - "$1" <<'EOF'
import json, sys

def canonical(value):
    if isinstance(value, float):
        return float("%.12g" % value)
    if isinstance(value, dict):
        return {k: canonical(v) for k, v in value.items()}
    if isinstance(value, list):
        return [canonical(v) for v in value]
    return value

def line(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)

with open(sys.argv[1], encoding="utf-8") as f:
    report = canonical(json.load(f))
documents = report.pop("documents", [])
print(line(report))
for doc in documents:
    print(line(doc))
EOF
}

# agree NAME PROJECT ARGS...: the JSON and the table of `agreement PROJECT
# ARGS` against the references NAME.json and NAME.table
agree () {
  local name=$1 project=$2
  shift 2
  local threads=${GLOSS_AGREEMENT_THREADS:+ (GLOSS_AGREEMENT_THREADS=$GLOSS_AGREEMENT_THREADS)}
  if "$CLI" agreement "$project" --json "$@" >"$TMP/json" 2>"$TMP/err" &&
     canonical "$TMP/json" >"$TMP/json.canonical"; then
    same "$name: agreement --json $*$threads" "$TMP/json.canonical" "$DATA/$name.json"
  else
    not_ok "$name: agreement --json $*$threads"
    sed 's/^/# /' "$TMP/err" | head -10
  fi
  if "$CLI" agreement "$project" "$@" >"$TMP/table" 2>"$TMP/err"; then
    same "$name: agreement $*$threads" "$TMP/table" "$DATA/$name.table"
  else
    not_ok "$name: agreement $*$threads"
    sed 's/^/# /' "$TMP/err" | head -10
  fi
}

# --- the samples, three times over
python3 - "$SAMPLES/samples.jsonl" "$TMP" <<'EOF'
import json, sys, uuid

NS = uuid.UUID("6f1c2a3e-0b7d-4e57-9a51-3c1d2b8e4f60")
docs = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]

def copy_for(who):
    out = []
    for d, doc in enumerate(docs):
        doc = json.loads(json.dumps(doc))
        if who == "cai" and d == 2:
            continue  # cai never opened the third document
        doc["uuid"] = str(uuid.uuid5(NS, who + doc["uuid"]))
        doc["status"] = {who: "done"}
        kept, dropped = [], set()
        for i, a in enumerate(doc["annotations"]):
            old = a["uuid"]
            a["uuid"] = str(uuid.uuid5(NS, who + old))
            a["annotator"] = who
            start, end = a["fragments"][0]
            if who == "ben":
                if i % 7 == 3:
                    dropped.add(old)
                    continue
                if a["label"] == "CLAIM" and i % 3 == 0:
                    a["attributes"]["certainty"] = "hedged"
                if i % 11 == 5 and a["label"] != "CLAIM" and end - start > 2:
                    a["fragments"][0] = [start, end - 1]
                    a.pop("text", None)
                if i % 13 == 8 and a["label"] in ("PERSON", "ORG", "GPE"):
                    a["label"] = "NORP" if a["label"] != "NORP" else "ORG"
            if who == "cai":
                if i % 6 == 2:
                    dropped.add(old)
                    continue
                if a["label"] == "CLAIM" and i % 4 == 1:
                    a["attributes"].pop("certainty", None)
                if i % 9 == 4 and end - start > 3:
                    a["fragments"][0] = [start + 1, end]
                    a.pop("text", None)
            kept.append(a)
        doc["annotations"] = kept
        relations = []
        for i, r in enumerate(doc.get("relations", [])):
            if r["source"] in dropped or r["target"] in dropped:
                continue
            if who == "cai" and i % 5 == 1:
                continue
            r["uuid"] = str(uuid.uuid5(NS, who + r["uuid"]))
            r["source"] = str(uuid.uuid5(NS, who + r["source"]))
            r["target"] = str(uuid.uuid5(NS, who + r["target"]))
            r["annotator"] = who
            relations.append(r)
        doc["relations"] = relations
        if who == "ana" and d == 1:
            # a few of gold's, which agreement leaves out unless asked
            for i, a in enumerate(list(doc["annotations"][:6])):
                g = json.loads(json.dumps(a))
                g["uuid"] = str(uuid.uuid5(NS, "gold" + a["uuid"]))
                g["annotator"] = "gold"
                doc["annotations"].append(g)
        out.append(doc)
    with open("%s/%s.jsonl" % (sys.argv[2], who), "w", encoding="utf-8") as f:
        for doc in out:
            f.write(json.dumps(doc, ensure_ascii=False) + "\n")

for who in ("ana", "ben", "cai"):
    copy_for(who)
EOF

make_samples_team () {
  local who
  for who in ana ben cai; do
    "$CLI" init "$TMP/$who.gloss" --schema news || return 1
    "$CLI" import "$TMP/$who.gloss" "$TMP/$who.jsonl" || return 1
  done
  cp "$TMP/ana.gloss" "$TMP/samples-team.gloss"
  "$CLI" merge "$TMP/samples-team.gloss" "$TMP/ben.gloss" "$TMP/cai.gloss"
}
check "samples team project made" make_samples_team
T=$TMP/samples-team.gloss
is "three annotators and gold in it" \
  "$(sqlite3 "$T" "SELECT group_concat(annotator) FROM (SELECT DISTINCT annotator FROM annotations ORDER BY 1)")" \
  "ana,ben,cai,gold"
is "claims with attribution in it" \
  "$(sqlite3 "$T" "SELECT count(*) > 0 FROM relations WHERE type = 'attributed-to' AND annotator = 'cai'")" 1

agree samples "$T"
agree samples-labels "$T" --labels CLAIM,SOURCE,PERSON,CUE
agree samples-documents "$T" --documents tech-workers-abroad,defector-cyber-unit
agree samples-annotators "$T" --annotators cai,ana
agree samples-gold "$T" --annotators ana,gold,ben
agree samples-all-filters "$T" --labels ORG,CLAIM --documents spy-network-abroad \
  --annotators cai,ben
# a label no one used, and a document only ana and ben annotated
agree samples-unused "$T" --labels MONEY,EVENT --documents spy-network-abroad
agree samples-one-document "$T" --documents tech-workers-abroad
# one thread or two (a worker per document range, each its own connection)
GLOSS_AGREEMENT_THREADS=2 agree samples "$T"
GLOSS_AGREEMENT_THREADS=2 agree samples-gold "$T" --annotators ana,gold,ben
GLOSS_AGREEMENT_THREADS=2 agree samples-all-filters "$T" --labels ORG,CLAIM \
  --documents spy-network-abroad --annotators cai,ben

# --- twelve articles of gen_corpus.py, when ../shared/bench is there
if [ -f "$BENCH/gen_corpus.py" ] && [ -f "$BENCH/split_brat.py" ] && [ -f "$BENCH/perturb.py" ]; then
  make_brat_team () {
    local who
    python3 "$BENCH/gen_corpus.py" --out "$TMP/corpus" --sizes 100k --no-jsonl 2>/dev/null &&
    python3 "$BENCH/split_brat.py" "$TMP/corpus/brat/news_100k/news_100k.txt" \
      "$TMP/corpus/brat/news_100k/news_100k.ann" "$TMP/brat/ana" 12 >/dev/null &&
    python3 "$BENCH/perturb.py" "$TMP/brat/ana" "$TMP/brat/ben" 7 0 &&
    python3 "$BENCH/perturb.py" "$TMP/brat/ana" "$TMP/brat/cai" 0 5 || return 1
    for who in ana ben cai; do
      "$CLI" init "$TMP/brat-$who.gloss" --schema news || return 1
      "$CLI" import "$TMP/brat-$who.gloss" "$TMP/brat/$who" --format brat --annotator "$who" ||
        return 1
    done
    cp "$TMP/brat-ana.gloss" "$TMP/brat-team.gloss"
    "$CLI" merge "$TMP/brat-team.gloss" "$TMP/brat-ben.gloss" "$TMP/brat-cai.gloss"
  }
  check "brat team project made" make_brat_team
  B=$TMP/brat-team.gloss
  agree brat "$B"
  agree brat-labels "$B" --labels Person,Organization,Event
  agree brat-annotators "$B" --annotators ben,cai
  # twelve documents are few enough for one thread; two must give the same
  GLOSS_AGREEMENT_THREADS=2 agree brat "$B"
  GLOSS_AGREEMENT_THREADS=2 agree brat-labels "$B" --labels Person,Organization,Event
else
  ok "# SKIP no $BENCH: the brat team project"
fi

tap_finish
