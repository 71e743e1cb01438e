#!/bin/bash
# test-teams.sh: gloss-cli merge and agreement end to end (TAP)
#
# Three annotators annotate the sample articles differently (generated from
# data/samples/samples.jsonl), each in their own project; the projects are
# merged in two orders and the exports must be byte-identical; merging again
# changes nothing; the agreement figures are checked against an independent
# computation in Python.
#
# Copyright 2026 The Gloss authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

. "$(dirname "$0")/tap.sh"

same_file () {
  if cmp -s "$2" "$3"; then
    ok "$1"
  else
    not_ok "$1"
    diff "$2" "$3" | head -10 | cut -c1-200 | sed 's/^/# /'
  fi
}

# --- three annotators' versions of the samples
cat >"$TMP/make.py" <<'PYEOF'
import json, random, sys, uuid

samples, out_dir = sys.argv[1], sys.argv[2]
docs = [json.loads(l) for l in open(samples, encoding="utf-8")]
ENTITIES = ["PERSON", "ORG", "GPE", "LOC", "NORP", "DATE", "SOURCE"]
NS = uuid.UUID("6f1c3c55-7f0a-4b43-9a4e-0c1f2a9d5e11")

def text_of(text, frags):
    return " ".join(text[s:e] for s, e in frags)

for k, who in enumerate(["ann1", "ann2", "ann3"]):
    rng = random.Random(1000 + k)
    with open(f"{out_dir}/{who}.jsonl", "w", encoding="utf-8") as out:
        for d in docs:
            text = d["text"]
            in_rel = set()
            for r in d["relations"]:
                in_rel.add(r["source"]); in_rel.add(r["target"])
            anns, kept = [], {}
            for a in d["annotations"]:
                b = dict(a)
                b["annotator"] = who
                b["uuid"] = str(uuid.uuid5(NS, who + a["uuid"]))
                free = a["uuid"] not in in_rel and a["label"] in ENTITIES
                x = rng.random()
                if free and x < 0.15:
                    continue                       # dropped
                if free and x < 0.25:
                    b["label"] = rng.choice([l for l in ENTITIES if l != a["label"]])
                elif free and x < 0.32 and a["fragments"][-1][1] - a["fragments"][0][0] > 3:
                    f = [list(p) for p in a["fragments"]]
                    f[-1][1] -= 1                  # one character shorter
                    b["fragments"] = f
                elif a["label"] == "CLAIM" and x < 0.5:
                    b["attributes"] = dict(a["attributes"])
                    b["attributes"]["certainty"] = rng.choice(["asserted", "hedged", "alleged"])
                b["text"] = text_of(text, b["fragments"])
                kept[a["uuid"]] = b["uuid"]
                anns.append(b)
            rels = []
            for r in d["relations"]:
                if who == "ann2" and r["type"] == "attributed-to" and rng.random() < 0.2:
                    continue                       # ann2 misses some sources
                if r["source"] in kept and r["target"] in kept:
                    s = dict(r)
                    s["annotator"] = who
                    s["uuid"] = str(uuid.uuid5(NS, who + r["uuid"]))
                    s["source"], s["target"] = kept[r["source"]], kept[r["target"]]
                    rels.append(s)
            # the original "demo" layer, shared by all three copies, with
            # conflicting edits: ann2 deletes three spans, ann1 and ann3
            # relabel the same span (ann3 later, so ann3 wins)
            shared = [dict(a) for a in d["annotations"]]
            free = [a for a in shared if a["uuid"] not in in_rel and a["label"] in ENTITIES]
            if who == "ann2":
                for a in free[:3]:
                    a["deleted"] = True
                    a["modified"] = "2026-11-21T10:00:00.000000Z"
            if who in ("ann1", "ann3"):
                a = free[3]
                original = a["label"]
                a["label"] = "ORG" if who == "ann3" else "GPE"
                if a["label"] == original:
                    a["label"] = "LOC"
                day = "22" if who == "ann3" else "21"
                a["modified"] = f"2026-11-{day}T10:00:00.000000Z"
            anns = sorted(anns + shared,
                          key=lambda a: (a["fragments"][0][0], a["fragments"][-1][1], a["uuid"]))
            rels = sorted(rels + d["relations"], key=lambda r: (r["created"], r["uuid"]))
            e = dict(d)
            e["annotations"] = anns
            e["relations"] = rels
            e["status"] = {who: "done"}
            out.write(json.dumps(e, ensure_ascii=False, separators=(",", ":")) + "\n")
PYEOF
check "generate three annotators' JSONL" python3 "$TMP/make.py" "$SAMPLES/samples.jsonl" "$TMP"

for a in ann1 ann2 ann3; do
  check "init $a" "$CLI" init "$TMP/$a.gloss"
  check "import $a" "$CLI" import "$TMP/$a.gloss" "$TMP/$a.jsonl"
done

# --- merge in two orders
check "init target A" "$CLI" init "$TMP/A.gloss"
check "merge ann1 ann2 ann3 into A" "$CLI" merge "$TMP/A.gloss" "$TMP/ann1.gloss" \
  "$TMP/ann2.gloss" "$TMP/ann3.gloss"
sed 's/^/# /' "$TMP/out" | head -12
cp "$TMP/out" "$TMP/merge-A.out"

# the report of each source, in plain sentences, against a simulation of
# the merge from the JSONL files: per annotator (the author of the rows)
# what was added, changed and deleted in how many documents; the totals;
# the annotations both sides held in different versions
cat >"$TMP/report.py" <<'PYEOF'
import json, sys

out = open(sys.argv[1], encoding="utf-8").read()
state = {}          # ("a" or "r", uuid) -> row
statuses = {}       # (doc, annotator) -> status
problems = 0

def plural(n, one, many):
    return f"{n} {one if n == 1 else many}"

def counts(added, changed, deleted):
    return f"{added} added, {changed} changed, {deleted} deleted"

def tail(rel, st):
    t = ""
    if sum(rel) > 0:
        t += "; relations: " + counts(*rel)
    if st > 0:
        t += "; " + plural(st, "document status updated", "document statuses updated")
    return t + "."

for path in sys.argv[2:]:
    who = {}
    total = {"a": [0, 0, 0], "r": [0, 0, 0], "s": 0}
    differing = kept = 0
    for d in (json.loads(l) for l in open(path[:-len(".gloss")] + ".jsonl", encoding="utf-8")):
        for kind, rows in (("a", d["annotations"]), ("r", d["relations"])):
            for row in rows:
                row = {k: v for k, v in row.items() if k != "text"}
                cur = state.get((kind, row["uuid"]))
                if cur is not None and cur != row and kind == "a":
                    differing += 1
                if cur is not None and cur["modified"] >= row["modified"]:
                    if cur != row and kind == "a":
                        kept += 1
                    continue
                state[(kind, row["uuid"])] = row
                w = who.setdefault(row["annotator"], {"a": [0, 0, 0], "r": [0, 0, 0], "s": 0,
                                                      "docs": set()})
                w["docs"].add(d["uuid"])
                before = cur is not None and not cur["deleted"]
                after = not row["deleted"]
                i = 0 if (not before and after) else 2 if (before and not after) else \
                    1 if (before and after) else None
                if i is not None:
                    w[kind][i] += 1
                    total[kind][i] += 1
        for annotator, status in d["status"].items():
            if statuses.get((d["uuid"], annotator)) != status:
                statuses[(d["uuid"], annotator)] = status
                w = who.setdefault(annotator, {"a": [0, 0, 0], "r": [0, 0, 0], "s": 0,
                                               "docs": set()})
                w["docs"].add(d["uuid"])
                w["s"] += 1
                total["s"] += 1
    section = out.split(path + ":\n", 1)[1].split(".gloss:\n", 1)[0]
    expected = []
    for name in sorted(who):
        w = who[name]
        expected.append(f"{name}’s annotations: " + counts(*w["a"]) + ", in "
                        + plural(len(w["docs"]), "document", "documents") + tail(w["r"], w["s"]))
    added = 3 if path.endswith("ann1.gloss") else 0
    if len(who) != 1:
        expected.append("In all: " + plural(added, "document added", "documents added")
                        + "; annotations: " + counts(*total["a"]) + tail(total["r"], total["s"]))
    elif added:
        expected.append(plural(added, "document added", "documents added") + ".")
    else:
        if "In all:" in section:
            print("# an 'In all' line for one annotator in", path); problems += 1
    if differing:
        line = plural(differing, "annotation differed", "annotations differed") + \
            " between the two files; the newer version " + \
            ("was kept" if differing == 1 else "of each was kept")
        if kept:
            line += " (this project’s)" if differing == 1 else f" ({kept} of them this project’s)"
        expected.append(line + ".")
    for line in expected:
        if line + "\n" not in section:
            print("# missing in", path, ":", line); problems += 1
    print("#", path.rsplit("/", 1)[1], "|", " | ".join(expected[:2]))
if "onflict" in out:
    print("# the report still speaks of conflicts"); problems += 1
sys.exit(1 if problems else 0)
PYEOF
check "the report says per annotator what came in, the totals and what differed" \
  python3 "$TMP/report.py" "$TMP/merge-A.out" "$TMP/ann1.gloss" "$TMP/ann2.gloss" \
  "$TMP/ann3.gloss"
sed 's/^/# /' "$TMP/out"
cp "$TMP/ann3.gloss" "$TMP/B.gloss"
check "merge ann2 ann1 into a copy of ann3" "$CLI" merge "$TMP/B.gloss" "$TMP/ann2.gloss" \
  "$TMP/ann1.gloss"
check "export A" "$CLI" export "$TMP/A.gloss" --format jsonl -o "$TMP/A.jsonl"
check "export B" "$CLI" export "$TMP/B.gloss" --format jsonl -o "$TMP/B.jsonl"
same_file "the two orders give byte-identical exports" "$TMP/A.jsonl" "$TMP/B.jsonl"

# what the merge must contain: every annotator's rows, the demo layer with
# ann2's deletions and ann3's later relabel
cat >"$TMP/expect.py" <<'PYEOF'
import json, sys
exported = {json.loads(l)["uuid"]: json.loads(l) for l in open(sys.argv[1], encoding="utf-8")}
sources = [[json.loads(l) for l in open(p, encoding="utf-8")] for p in sys.argv[2:]]
problems = 0
for docs in sources:
    for d in docs:
        e = {a["uuid"]: a for a in exported[d["uuid"]]["annotations"]}
        for a in d["annotations"]:
            if a["uuid"] not in e:
                print("# missing", a["uuid"]); problems += 1
for doc_id, d in exported.items():
    rows = {}
    for docs in sources:
        for s in docs:
            if s["uuid"] == doc_id:
                for a in s["annotations"]:
                    best = rows.get(a["uuid"])
                    if best is None or a["modified"] > best["modified"]:
                        rows[a["uuid"]] = a
    for a in d["annotations"]:
        b = rows[a["uuid"]]
        if (a["label"], a["deleted"], a["fragments"]) != (b["label"], b["deleted"], b["fragments"]):
            print("# wrong winner", a["uuid"]); problems += 1
    if len(d["annotations"]) != len(rows):
        print("# count", len(d["annotations"]), len(rows)); problems += 1
    if sorted(d["status"]) != ["ann1", "ann2", "ann3"]:
        print("# statuses", d["status"]); problems += 1
print("# rows checked:", sum(len(d["annotations"]) for d in exported.values()))
sys.exit(1 if problems else 0)
PYEOF
check "every row is there once and the newest version won" python3 "$TMP/expect.py" \
  "$TMP/A.jsonl" "$TMP/ann1.jsonl" "$TMP/ann2.jsonl" "$TMP/ann3.jsonl"
sed 's/^/# /' "$TMP/out" | tail -1

# --- idempotence
check "merge ann1 and ann2 into A again" "$CLI" merge "$TMP/A.gloss" "$TMP/ann1.gloss" \
  "$TMP/ann2.gloss"
if [ "$(grep -c "^Nothing new to take from this file.$" "$TMP/out")" = 2 ] &&
   ! grep -q "annotations: [1-9]" "$TMP/out"; then
  ok "the second merge reports nothing changed"
else
  not_ok "the second merge reports nothing changed"
  sed 's/^/# /' "$TMP/out"
fi
check "export A again" "$CLI" export "$TMP/A.gloss" --format jsonl -o "$TMP/A2.jsonl"
same_file "merging twice changes nothing" "$TMP/A.jsonl" "$TMP/A2.jsonl"

# --- refusals leave the target untouched
printf 'not a project\n' >"$TMP/text.gloss"
refuse "merge refuses a file that is not a project" "$CLI" merge "$TMP/A.gloss" "$TMP/text.gloss"
refuse "merge refuses a missing file" "$CLI" merge "$TMP/A.gloss" "$TMP/missing.gloss"
cp "$TMP/ann1.gloss" "$TMP/newer.gloss"
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('PRAGMA user_version = 99'); c.commit()" \
  "$TMP/newer.gloss"
refuse "merge refuses a newer project" "$CLI" merge "$TMP/A.gloss" "$TMP/newer.gloss"
check "export A after the refusals" "$CLI" export "$TMP/A.gloss" --format jsonl -o "$TMP/A3.jsonl"
same_file "refused merges left the target as it was" "$TMP/A.jsonl" "$TMP/A3.jsonl"
refuse "merge needs a source" "$CLI" merge "$TMP/A.gloss"

# --- document identity: the same articles imported twice under other names
# are two documents; merging the project into itself, or a copy of it into
# it, must leave every annotation on the document it was made on
check "export ann1 as brat" "$CLI" export "$TMP/ann1.gloss" --format brat -o "$TMP/brat-twice"
check "init D" "$CLI" init "$TMP/D.gloss"
check "import the articles into D" "$CLI" import "$TMP/D.gloss" "$TMP/brat-twice" --format brat
check "import the same articles into D again" "$CLI" import "$TMP/D.gloss" "$TMP/brat-twice" \
  --format brat
check "export D" "$CLI" export "$TMP/D.gloss" --format jsonl -o "$TMP/D.jsonl"
if [ "$(wc -l <"$TMP/D.jsonl")" -eq 6 ]; then
  ok "D holds each article twice"
else
  not_ok "D holds each article twice"
fi
check "merge D into itself" "$CLI" merge "$TMP/D.gloss" "$TMP/D.gloss"
cp "$TMP/out" "$TMP/self-report"
if [ "$(sed 1d "$TMP/self-report")" = "Nothing new to take from this file." ]; then
  ok "merging a project into itself reports nothing changed"
else
  not_ok "merging a project into itself reports nothing changed"
  sed 's/^/# /' "$TMP/self-report"
fi
check "export D after merging it into itself" "$CLI" export "$TMP/D.gloss" --format jsonl \
  -o "$TMP/D-self.jsonl"
same_file "merging a project into itself changes nothing" "$TMP/D.jsonl" "$TMP/D-self.jsonl"
cp "$TMP/D.gloss" "$TMP/D-copy.gloss"
check "merge a copy of D into D" "$CLI" merge "$TMP/D.gloss" "$TMP/D-copy.gloss"
check "export D after merging its copy" "$CLI" export "$TMP/D.gloss" --format jsonl \
  -o "$TMP/D-copy.jsonl"
same_file "merging a copy of a project into it changes nothing" "$TMP/D.jsonl" "$TMP/D-copy.jsonl"

# --- two merges into one target at once, each adding its own label: both
# labels must end up in the schema. A third program holds the target's write
# lock until both merges have opened it, so that the second merge to write
# runs with a schema read before the first one wrote.
mkdir -p "$TMP/brat-a" "$TMP/brat-b"
printf 'The rifle was found in Tallinn.\n' >"$TMP/brat-a/rifle.txt"
printf 'T1\tWeaponA 4 9\trifle\nT2\tGPE 23 30\tTallinn\n' >"$TMP/brat-a/rifle.ann"
printf 'A drone crashed near Riga.\n' >"$TMP/brat-b/drone.txt"
printf 'T1\tWeaponB 2 7\tdrone\nT2\tGPE 21 25\tRiga\n' >"$TMP/brat-b/drone.ann"
check "init source with WeaponA" "$CLI" init "$TMP/SA.gloss"
check "import WeaponA" "$CLI" import "$TMP/SA.gloss" "$TMP/brat-a" --format brat
check "init source with WeaponB" "$CLI" init "$TMP/SB.gloss"
check "import WeaponB" "$CLI" import "$TMP/SB.gloss" "$TMP/brat-b" --format brat
check "init the shared target" "$CLI" init "$TMP/T.gloss"
rm -f "$TMP/locked"
python3 -c "
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
c.execute('BEGIN IMMEDIATE')
open(sys.argv[2], 'w').close()
time.sleep(3)
c.execute('ROLLBACK')
c.close()" "$TMP/T.gloss" "$TMP/locked" &
holder=$!
for _ in $(seq 100); do
  [ -e "$TMP/locked" ] && break
  sleep 0.1
done
"$CLI" merge "$TMP/T.gloss" "$TMP/SA.gloss" >"$TMP/merge-a.out" 2>&1 &
merge_a=$!
"$CLI" merge "$TMP/T.gloss" "$TMP/SB.gloss" >"$TMP/merge-b.out" 2>&1 &
merge_b=$!
wait "$merge_a"
status_a=$?
wait "$merge_b"
status_b=$?
wait "$holder"
if [ "$status_a" -eq 0 ] && [ "$status_b" -eq 0 ]; then
  ok "two merges at once both succeed"
else
  not_ok "two merges at once both succeed"
  sed 's/^/# /' "$TMP/merge-a.out" "$TMP/merge-b.out"
fi
check "schema export of the shared target" "$CLI" schema export "$TMP/T.gloss" "$TMP/T-schema.json"
if grep -q '"WeaponA"' "$TMP/T-schema.json" && grep -q '"WeaponB"' "$TMP/T-schema.json"; then
  ok "the schema holds the labels of both concurrent merges"
else
  not_ok "the schema holds the labels of both concurrent merges"
  sed 's/^/# /' "$TMP/merge-a.out" "$TMP/merge-b.out"
fi
check "validate the shared target" "$CLI" validate "$TMP/T.gloss"
check "stats of the shared target" "$CLI" stats "$TMP/T.gloss"
if grep -q "^Documents: *2$" "$TMP/out" && grep -q "^Annotations: *4$" "$TMP/out"; then
  ok "the shared target holds both sources' documents and annotations"
else
  not_ok "the shared target holds both sources' documents and annotations"
  sed 's/^/# /' "$TMP/out" | head -5
fi

# --- agreement
cat >"$TMP/agree.py" <<'PYEOF'
# An independent computation of the agreement figures from the export.
import itertools, json, math, sys, unicodedata

export, result = sys.argv[1], json.load(open(sys.argv[2], encoding="utf-8"))
annotators = sys.argv[3].split(",")
labels_filter = sys.argv[4].split(",") if len(sys.argv) > 4 and sys.argv[4] else None
docs = [json.loads(l) for l in open(export, encoding="utf-8")]

def isalnum(c):
    return unicodedata.category(c)[0] in "LN"

def tokens(text):
    out, i = [], 0
    while i < len(text):
        if isalnum(text[i]):
            j = i
            while j < len(text) and isalnum(text[j]):
                j += 1
            out.append((i, j)); i = j
        else:
            if not text[i].isspace():
                out.append((i, i + 1))
            i += 1
    return out

def spans(d, who):
    return [a for a in d["annotations"] if a["annotator"] == who and not a["deleted"]
            and (labels_filter is None or a["label"] in labels_filter)]

def token_labels(d, who):
    toks = tokens(d["text"])
    best = [None] * len(toks)
    for a in spans(d, who):
        length = sum(e - s for s, e in a["fragments"])
        for s, e in a["fragments"]:
            for t, (ts, te) in enumerate(toks):
                if ts < e and te > s:
                    key = (length, a["label"])
                    if best[t] is None or key < best[t]:
                        best[t] = key
    return [b[1] if b else "O" for b in best]

def kappa(x, y):
    n = len(x)
    po = sum(a == b for a, b in zip(x, y)) / n
    cats = set(x) | set(y)
    pe = sum((x.count(c) / n) * (y.count(c) / n) for c in cats)
    return (po - pe) / (1 - pe)

def alpha(units):
    o = {}
    for u in units:
        v = [x for x in u if x is not None]
        if len(v) < 2:
            continue
        for i, j in itertools.permutations(range(len(v)), 2):
            o[(v[i], v[j])] = o.get((v[i], v[j]), 0) + 1 / (len(v) - 1)
    nc = {}
    for (c, k), w in o.items():
        nc[c] = nc.get(c, 0) + w
    n = sum(nc.values())
    do = sum(w for (c, k), w in o.items() if c != k)
    de = sum(nc[c] * nc[k] for c in nc for k in nc if c != k)
    return 1 - (n - 1) * do / de

def annotated(d, who):
    return who in d["status"] or any(a["annotator"] == who and not a["deleted"] for a in d["annotations"])

def targets(d, claim):
    live = {a["uuid"]: a for a in d["annotations"] if not a["deleted"]}
    return sorted(set(json.dumps(live[r["target"]]["fragments"]) for r in d["relations"]
                      if not r["deleted"] and r["type"] == "attributed-to"
                      and r["source"] == claim["uuid"] and r["target"] in live))

def overlap(a, b):
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a["fragments"] for s2, e2 in b["fragments"])

problems = 0
def close(what, got, want):
    global problems
    if got is None or abs(got - want) > 1e-9:
        print(f"# {what}: got {got}, want {want}")
        problems += 1

pairs = {(p["a"], p["b"]): p for p in result["project"]["pairs"]}
for a, b in itertools.combinations(annotators, 2):
    p = pairs[(a, b)]
    ta, tb = [], []
    claims = [0, 0, 0, 0]    # matched, attributed, attribution agreed, certainty agreed
    cert_a, cert_b = [], []
    per_label = {}
    for d in docs:
        if not (annotated(d, a) and annotated(d, b)):
            continue
        ta += token_labels(d, a); tb += token_labels(d, b)
        sa, sb = spans(d, a), spans(d, b)
        for lab in set(x["label"] for x in sa + sb):
            la = [x for x in sa if x["label"] == lab]
            lb = [x for x in sb if x["label"] == lab]
            keys = {}
            for x in sorted(la, key=lambda z: (z["fragments"][0][0], z["fragments"][-1][1], z["uuid"])):
                keys.setdefault(json.dumps(x["fragments"]), []).append(x)
            ex = 0
            for y in sorted(lb, key=lambda z: (z["fragments"][0][0], z["fragments"][-1][1], z["uuid"])):
                k = json.dumps(y["fragments"])
                if keys.get(k):
                    x = keys[k].pop(0); ex += 1
                    if lab == "CLAIM":
                        claims[0] += 1
                        tx, ty = targets(d, x), targets(d, y)
                        if tx or ty:
                            claims[1] += 1
                            claims[2] += tx == ty
                        cx = x["attributes"].get("certainty")
                        cy = y["attributes"].get("certainty")
                        claims[3] += cx == cy
                        cert_a.append(cx); cert_b.append(cy)
            order = lambda z: (z["fragments"][0][0], z["fragments"][-1][1], z["uuid"])
            la.sort(key=order)
            lb.sort(key=order)
            cands = sorted((-overlap(x, y), i, j)
                           for i, x in enumerate(la) for j, y in enumerate(lb)
                           if overlap(x, y) > 0)
            used_a, used_b, ov = set(), set(), 0
            for _, i, j in cands:
                if i not in used_a and j not in used_b:
                    used_a.add(i); used_b.add(j); ov += 1
            c = per_label.setdefault(lab, [0, 0, 0, 0])
            c[0] += len(la); c[1] += len(lb); c[2] += ex; c[3] += ov
    for lab, (la, lb, ex, ov) in per_label.items():
        close(f"{a}/{b} {lab} exact F1", p["labels"][lab]["exact_f1"], 2 * ex / (la + lb))
        close(f"{a}/{b} {lab} overlap F1", p["labels"][lab]["overlap_f1"], 2 * ov / (la + lb))
    la = sum(c[0] for c in per_label.values()); lb = sum(c[1] for c in per_label.values())
    close(f"{a}/{b} exact F1", p["all"]["exact_f1"], 2 * sum(c[2] for c in per_label.values()) / (la + lb))
    close(f"{a}/{b} overlap F1", p["all"]["overlap_f1"], 2 * sum(c[3] for c in per_label.values()) / (la + lb))
    close(f"{a}/{b} kappa", p["kappa"], kappa(ta, tb))
    if labels_filter is None:
        c = p["claims"]
        if [c["matched"], c["attributed"], c["attribution_agreed"], c["certainty_agreed"]] != claims:
            print(f"# {a}/{b} claims: got {c}, want {claims}")
            problems += 1
        close(f"{a}/{b} certainty agreement", c["certainty_agreement"], claims[3] / claims[0])
        close(f"{a}/{b} attribution agreement", c["attribution_agreement"], claims[2] / claims[1])
        close(f"{a}/{b} certainty kappa", c["certainty_kappa"], kappa(cert_a, cert_b))
        print(f"# {a}/{b}: claims {claims[0]}, attribution {c['attribution_agreement']:.4f}, "
              f"certainty {c['certainty_agreement']:.4f}, certainty kappa {c['certainty_kappa']:.4f}")
    print(f"# {a}/{b}: exact F1 {p['all']['exact_f1']:.4f} overlap F1 {p['all']['overlap_f1']:.4f} kappa {p['kappa']:.4f}")
    # the label confusion: per span (its fragments), shared labels first, the
    # rest paired in label order, the remainder against "(none)"
    want = {}
    for d in docs:
        if not (annotated(d, a) and annotated(d, b)):
            continue
        at = {}
        for who, side in ((a, 0), (b, 1)):
            for x in spans(d, who):
                at.setdefault(json.dumps(x["fragments"]), ([], []))[side].append(x["label"])
        for xs, ys in at.values():
            xs, ys = sorted(xs), sorted(ys)
            for lab in sorted(set(xs) & set(ys)):
                for _ in range(min(xs.count(lab), ys.count(lab))):
                    want[(lab, lab)] = want.get((lab, lab), 0) + 1
                    xs.remove(lab); ys.remove(lab)
            for i in range(max(len(xs), len(ys))):
                cell = (xs[i] if i < len(xs) else "(none)", ys[i] if i < len(ys) else "(none)")
                want[cell] = want.get(cell, 0) + 1
    conf = p["confusion"]
    got = {(r, k): conf["counts"][i][j] for i, r in enumerate(conf["labels"])
           for j, k in enumerate(conf["labels"]) if conf["counts"][i][j]}
    if conf["labels"] != result["labels"] + ["(none)"] or got != want:
        print(f"# {a}/{b} confusion: got {got}, want {want}")
        problems += 1
    pooled = result["project"]["confusion"]["counts"]
    for i, row in enumerate(conf["counts"]):
        for j, n in enumerate(row):
            if n > pooled[i][j]:
                print(f"# {a}/{b} confusion cell {i},{j} above the pooled one")
                problems += 1

units = []
for d in docs:
    labs = [token_labels(d, w) if annotated(d, w) else None for w in annotators]
    for t in range(len(tokens(d["text"]))):
        units.append([l[t] if l is not None else None for l in labs])
close("alpha", result["project"]["alpha"], alpha(units))
print(f"# alpha {result['project']['alpha']:.4f}")
sys.exit(1 if problems else 0)
PYEOF
check "agreement --json" "$CLI" agreement "$TMP/A.gloss" --json --annotators ann1,ann2,ann3
cp "$TMP/out" "$TMP/agreement.json"
check "agreement figures match an independent computation" python3 "$TMP/agree.py" \
  "$TMP/A.jsonl" "$TMP/agreement.json" ann1,ann2,ann3
sed 's/^/# /' "$TMP/out"
check "agreement --json --labels PERSON,ORG" "$CLI" agreement "$TMP/A.gloss" --json \
  --annotators ann1,ann2,ann3 --labels PERSON,ORG
cp "$TMP/out" "$TMP/agreement-po.json"
check "PERSON and ORG figures match an independent computation" python3 "$TMP/agree.py" \
  "$TMP/A.jsonl" "$TMP/agreement-po.json" ann1,ann2,ann3 PERSON,ORG
sed 's/^/# /' "$TMP/out"
check "agreement (table)" "$CLI" agreement "$TMP/A.gloss"
if grep -q "Krippendorff" "$TMP/out" && grep -q "^ann1 / ann2 " "$TMP/out" &&
   grep -q "^demo / ann1\|^ann1 / demo " "$TMP/out"; then
  ok "the table lists every pair, demo included by default"
else
  not_ok "the table lists every pair, demo included by default"
  sed 's/^/# /' "$TMP/out" | head -20
fi
check "agreement --documents" "$CLI" agreement "$TMP/A.gloss" --json \
  --documents spy-network-abroad --annotators ann1,ann2
if [ "$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(len(d['documents']), len(d['project']['pairs']))" "$TMP/out")" = "1 1" ]; then
  ok "--documents and --annotators restrict the figures"
else
  not_ok "--documents and --annotators restrict the figures"
fi
refuse "agreement refuses an unknown document" "$CLI" agreement "$TMP/A.gloss" --documents nope
refuse "agreement refuses an unknown label" "$CLI" agreement "$TMP/A.gloss" --labels NOPE
refuse "agreement refuses a file that is not a project" "$CLI" agreement "$TMP/text.gloss"
for c in merge agreement; do
  check "$c --help" "$CLI" "$c" --help
done

tap_finish
