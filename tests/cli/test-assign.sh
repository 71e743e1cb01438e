#!/bin/bash
# test-assign.sh: gloss-cli assign and progress end to end (TAP)
#
# Nine invented wire stories are spread over three annotators, two per
# story; the loads, the determinism of the seed, assignments by hand and the
# progress table and JSON (checked in Python against the project's rows) are
# checked; assignments travel through gloss-cli merge.
#
# Copyright 2026 The Gloss authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -u
TAP_NEEDS="sqlite3 python3"

. "$(dirname "$0")/tap.sh"

P=$TMP/desk.gloss
check "init" "$CLI" init "$P"
for i in 1 2 3 4 5 6 7 8 9; do
  echo "Story $i: a defector told the agency that cyber unit $i moved its servers, officials said." \
    >"$TMP/story-$i.txt"
done
check "import nine stories" "$CLI" import "$P" "$TMP"/story-*.txt

refuse "assign needs --evenly or --document" "$CLI" assign "$P"
refuse "more per document than annotators" \
  "$CLI" assign "$P" --evenly --annotators ana,ben --per-document 3
check "assign evenly, two per document" \
  "$CLI" assign "$P" --evenly --annotators ana,ben,cleo --per-document 2 --seed 7
has "it says what it added" "$TMP/out" "Assignments: 18 added, 0 removed"

is "every story has two annotators" \
  "$(sqlite3 "$P" 'SELECT group_concat(n) FROM (SELECT count(*) AS n FROM assignments
                   WHERE deleted = 0 GROUP BY document)')" "2,2,2,2,2,2,2,2,2"
is "the loads are even" \
  "$(sqlite3 "$P" 'SELECT group_concat(n) FROM (SELECT count(*) AS n FROM assignments
                   WHERE deleted = 0 GROUP BY annotator ORDER BY annotator)')" "6,6,6"
SPREAD=$(sqlite3 "$P" 'SELECT group_concat(document || annotator) FROM
                       (SELECT * FROM assignments ORDER BY document, annotator)')

check "again, keeping them" \
  "$CLI" assign "$P" --evenly --annotators ana,ben,cleo --per-document 2 --seed 99
has "nothing more to add" "$TMP/out" "Assignments: 0 added, 0 removed"

cp "$P" "$TMP/same-seed.gloss"
check "replace with the same seed" \
  "$CLI" assign "$TMP/same-seed.gloss" --evenly --annotators ana,ben,cleo --per-document 2 \
  --seed 7 --replace
is "the same seed gives the same spread" \
  "$(sqlite3 "$TMP/same-seed.gloss" 'SELECT group_concat(document || annotator) FROM
     (SELECT * FROM assignments WHERE deleted = 0 ORDER BY document, annotator)')" "$SPREAD"

# by hand
STORY=$(sqlite3 "$P" "SELECT name FROM documents ORDER BY id LIMIT 1")
check "assign one story to dora" "$CLI" assign "$P" --document "$STORY" --to dora
check "take it from every first assignee" "$CLI" assign "$P" --document "$STORY" --to ana,ben,cleo --remove
is "the story is dora's alone" \
  "$(sqlite3 "$P" "SELECT group_concat(annotator) FROM assignments a JOIN documents d
                   ON d.id = a.document WHERE d.name = '$STORY' AND deleted = 0")" "dora"
is "the removals are tombstones" \
  "$(sqlite3 "$P" "SELECT count(*) FROM assignments a JOIN documents d ON d.id = a.document
                   WHERE d.name = '$STORY' AND deleted = 1")" "2"
refuse "an unknown document" "$CLI" assign "$P" --document "no such story" --to ana

# progress: statuses and annotations written as another program would
sqlite3 "$P" "INSERT INTO document_status (document, annotator, status, modified)
              SELECT document, annotator, 2, 5 FROM assignments
              WHERE annotator = 'ana' AND deleted = 0 ORDER BY document LIMIT 2;
              INSERT INTO document_status (document, annotator, status, modified)
              SELECT document, annotator, 1, 5 FROM assignments
              WHERE annotator = 'ben' AND deleted = 0 ORDER BY document LIMIT 1;
              INSERT INTO annotations (uuid, document, label, start, end, fragments, annotator,
                                       created, modified)
              VALUES ('u1', 2, 'ORG', 0, 5, '0-5', 'ana', 1, 1),
                     ('u2', 2, 'GPE', 6, 7, '6-7', 'ana', 1, 1),
                     ('u3', 3, 'ORG', 0, 5, '0-5', 'eve', 1, 1);"
check "progress" "$CLI" progress "$P"
cp "$TMP/out" "$TMP/table"
check "progress --json" "$CLI" progress "$P" --json
cp "$TMP/out" "$TMP/progress.json"

cat >"$TMP/check.py" <<'PYEOF'
import json, sqlite3, sys

db = sqlite3.connect(sys.argv[1])
got = json.load(open(sys.argv[2]))
table = open(sys.argv[3]).read().splitlines()
n_docs = db.execute("SELECT count(*) FROM documents").fetchone()[0]
names = sorted({r[0] for r in db.execute(
    "SELECT annotator FROM assignments WHERE deleted = 0 UNION SELECT annotator FROM "
    "document_status UNION SELECT annotator FROM annotations WHERE deleted = 0")})
want = []
for who in names:
    assigned = [r[0] for r in db.execute(
        "SELECT document FROM assignments WHERE annotator = ? AND deleted = 0", (who,))]
    status = dict(db.execute(
        "SELECT document, status FROM document_status WHERE annotator = ?", (who,)))
    over = assigned if assigned else [r[0] for r in db.execute("SELECT id FROM documents")]
    counts = [sum(1 for d in over if status.get(d, 0) == s) for s in (0, 1, 2)]
    n_ann = db.execute("SELECT count(*) FROM annotations WHERE annotator = ? AND deleted = 0",
                       (who,)).fetchone()[0]
    want.append({"annotator": who, "assigned": len(assigned), "new": counts[0],
                 "in_progress": counts[1], "done": counts[2], "annotations": n_ann})
assert got["annotators"] == want, (got["annotators"], want)
rows = {line.split()[0]: [int(x) for x in line.split()[1:]] for line in table[1:]}
for w in want:
    assert rows[w["annotator"]] == [w["assigned"], w["new"], w["in_progress"], w["done"],
                                    w["annotations"]], (w, rows)
assert len(got["documents"]) == n_docs
for d in got["documents"]:
    assignees = [r[0] for r in db.execute(
        "SELECT annotator FROM assignments a JOIN documents d ON d.id = a.document "
        "WHERE d.name = ? AND deleted = 0 ORDER BY annotator", (d["name"],))]
    done = [r[0] for r in db.execute(
        "SELECT annotator FROM document_status s JOIN documents d ON d.id = s.document "
        "WHERE d.name = ? AND status = 2 ORDER BY annotator", (d["name"],))]
    assert d["assignees"] == assignees, (d, assignees)
    assert d["done"] == done, (d, done)
    assert d["curated"] is False
print("ok")
PYEOF
check "the figures match the project's rows" python3 "$TMP/check.py" "$P" "$TMP/progress.json" \
  "$TMP/table"
has "ana has done two" "$TMP/progress.json" '"done" : 2'
has "eve, with nothing assigned, counts every story" "$TMP/table" "eve"

# a copy unassigns dora later; the merge carries the tombstone
cp "$P" "$TMP/copy.gloss"
check "unassign in the copy" "$CLI" assign "$TMP/copy.gloss" --document "$STORY" --to dora --remove
check "merge the copy back" "$CLI" merge "$P" "$TMP/copy.gloss"
is "the merged story has no assignee" \
  "$(sqlite3 "$P" "SELECT count(*) FROM assignments a JOIN documents d ON d.id = a.document
                   WHERE d.name = '$STORY' AND deleted = 0")" "0"

tap_finish
