#!/bin/bash
# e2e-curation.sh: curating a three-annotator project in the real window (TAP)
#
# Copyright 2026 The Gloss authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Starts gloss on a project where alice, ben and cai annotated two invented
# wire stories, opens the curation view (Ctrl+Shift+U) and decides units
# with real keys from xdotool, in the rhythm a lead uses: a digit accepts
# that annotator's version and moves on, Down skips a unit. After each step
# it checks the gold set in the project database: a digit never decides a
# unit twice (no deleted gold copies), Down moves from the unit just
# selected, and after Alt+Down (the next document) the keys reach the list
# without a click. Screenshots go to
# $GLOSS_BUILD_DIR/tests/artifacts/e2e-curation/.
#
# Needs GLOSS_CLI and GLOSS_APP (set by tests/ui/meson.build); skips (77)
# without Xvfb, xdotool, sqlite3, dbus-run-session or python3.

set -u

CLI=${GLOSS_CLI:?GLOSS_CLI must name the gloss-cli binary}
APP=${GLOSS_APP:?GLOSS_APP must name the gloss binary}
BUILD=${GLOSS_BUILD_DIR:-${MESON_BUILD_ROOT:-$PWD}}
ARTIFACTS=$BUILD/tests/artifacts/e2e-curation

. "$(dirname "$0")/e2e-lib.sh"
e2e_setup sqlite3 python3
DB=$TMP/e2e.gloss

# ---- fixture --------------------------------------------------------------

# Two stories; in each, every annotator tags the same entities (agreed
# units, one per entity, in text order).
python3 - "$TMP/team.jsonl" <<'EOF'
import json, sys, uuid
# Twenty units in the first story: the list scrolls, as in a real article.
people = ["Ruslan Vey", "Nikolai Dorn", "Marta Nunez", "Oleg Brant", "Ines Tavares",
          "Pavel Orlov", "Hana Ilic", "Tomas Berg", "Lena Kask", "Arvid Holm"]
places = ["Oslo", "Lisbon", "Seoul", "Riga", "Tallinn", "Porto", "Bergen", "Vilnius",
          "Tartu", "Malmo"]
vey = " ".join("%s met officials in %s." % (who, where) for who, where in zip(people, places))
stories = [
    ("oslo-meeting", vey,
     [item for pair in zip([(p, "PERSON") for p in people], [(g, "GPE") for g in places])
      for item in pair]),
    ("seoul-defector",
     "SEOUL, Nov. 20 (Meridian) -- Nikolai Dorn, a former officer of Unit 414, "
     "said he fled through Mongolia in June 2024.",
     [("SEOUL", "GPE"), ("Nikolai Dorn", "PERSON"), ("Mongolia", "GPE")]),
]
# In the second story everyone marks the same claim, but ben finds it
# hedged: a unit that only looks agreed.
certainty = {"alice": "asserted", "ben": "hedged", "cai": "asserted"}
with open(sys.argv[1], "w", encoding="utf-8") as out:
    for name, text, spans in stories:
        annotations = []
        for who in ("alice", "ben", "cai"):
            if name == "seoul-defector":
                covered = "he fled through Mongolia in June 2024"
                start = text.index(covered)
                annotations.append({
                    "uuid": str(uuid.uuid4()), "label": "CLAIM",
                    "fragments": [[start, start + len(covered)]], "text": covered,
                    "attributes": {"certainty": certainty[who]}, "annotator": who,
                    "created": "2026-12-01T09:00:00.000000Z",
                    "modified": "2026-12-01T09:00:00.000000Z", "deleted": False})
            if name == "seoul-defector" and who != "alice":
                # alice skipped "June 2024"; ben says DATE, cai EVENT
                covered = "June 2024"
                start = text.index(covered)
                annotations.append({
                    "uuid": str(uuid.uuid4()), "label": "DATE" if who == "ben" else "EVENT",
                    "fragments": [[start, start + len(covered)]], "text": covered,
                    "attributes": {}, "annotator": who,
                    "created": "2026-12-01T09:00:00.000000Z",
                    "modified": "2026-12-01T09:00:00.000000Z", "deleted": False})
            for covered, label in spans:
                start = text.index(covered)
                annotations.append({
                    "uuid": str(uuid.uuid4()), "label": label,
                    "fragments": [[start, start + len(covered)]], "text": covered,
                    "attributes": {}, "annotator": who,
                    "created": "2026-12-01T09:00:00.000000Z",
                    "modified": "2026-12-01T09:00:00.000000Z", "deleted": False})
        out.write(json.dumps({"gloss": 1, "name": name, "text": text,
                              "annotations": annotations}) + "\n")
EOF
"$CLI" init "$DB" --schema news >/dev/null || bail "gloss-cli init failed"
"$CLI" import "$DB" "$TMP/team.jsonl" >/dev/null || bail "gloss-cli import failed"

# The query of the covered texts of the live gold annotations of a
# document, in text order.
gold_of () {
  echo "SELECT group_concat(t, '|') FROM (SELECT substr(d.text, a.start + 1, a.end - a.start) AS t
        FROM annotations a JOIN documents d ON d.id = a.document
        WHERE a.annotator = 'gold' AND a.deleted = 0 AND d.name = '$1' ORDER BY a.start)"
}
DELETED_GOLD="SELECT count(*) FROM annotations WHERE annotator = 'gold' AND deleted = 1"

# ---- X server and app -----------------------------------------------------

e2e_start_app oslo-meeting "$DB" --document oslo-meeting

# ---- 1. the rhythm: 1 1 Down 1, deep in the list -------------------------

key ctrl+shift+u
sleep 1
shot curation-open

# Units in text order: Ruslan Vey, Oslo, Nikolai Dorn, Lisbon, Marta Nunez,
# Seoul, Oleg Brant, Riga, Ines Tavares, Tallinn, Pavel Orlov (10), Porto,
# Hana Ilic (12), Bergen, Tomas Berg (14), Vilnius, Lena Kask (16), ...
press 1 1
expect "two digits accept the first two units" "$(gold_of oslo-meeting)" "Ruslan Vey|Oslo"

# Down to unit 12; the list scrolls on the way.
key Down Down Down Down Down Down Down Down Down Down
press 1 1
expect "units 12 and 13 are accepted" "$(gold_of oslo-meeting)" "Ruslan Vey|Oslo|Hana Ilic|Bergen"
press Down
press 1
shot after-rhythm
expect "Down skips Tomas Berg, the digit accepts Vilnius" "$(gold_of oslo-meeting)" \
  "Ruslan Vey|Oslo|Hana Ilic|Bergen|Vilnius"
expect "no unit was accepted twice (no deleted gold copies)" "$DELETED_GOLD" "0"

press Up Up
press 1
expect "Up twice from the selection reaches Tomas Berg" "$(gold_of oslo-meeting)" \
  "Ruslan Vey|Oslo|Hana Ilic|Bergen|Tomas Berg|Vilnius"
expect "still no unit accepted twice" "$DELETED_GOLD" "0"

# ---- 2. the next document from the list ----------------------------------

press alt+Down
sleep 1
press 1
shot next-document
expect "after Alt+Down a digit accepts the next document's first unit" \
  "$(gold_of seoul-defector)" "SEOUL"
expect "the first document keeps its gold" "$(gold_of oslo-meeting)" \
  "Ruslan Vey|Oslo|Hana Ilic|Bergen|Tomas Berg|Vilnius"
# The claim's certainty differs: Accept All Agreed (Alt+A) takes the
# entities and leaves the claim to the lead.
key alt+a
shot details
expect "Alt+A accepts the agreed entities, not the claim whose certainty differs" \
  "$(gold_of seoul-defector)" "SEOUL|Nikolai Dorn|Mongolia"

# Keys are annotators for the whole document: on "June 2024", which alice
# skipped, 3 is still cai (EVENT), not "no such annotator".
key End
press 3
shot skipped
expect "3 accepts cai's version where alice skipped the unit" \
  "SELECT a.label FROM annotations a JOIN documents d ON d.id = a.document
   WHERE a.annotator = 'gold' AND a.deleted = 0 AND d.name = 'seoul-defector'
   AND a.start = instr(d.text, 'June 2024') - 1" "EVENT"

# Seven decisions, a skip, two moves back and a document: 12 keys (the
# walk down to unit 12 aside).
if [ "$keys" -eq 12 ]; then
  ok "seven decisions and the moves between them took 12 keys"
else
  not_ok "expected 12 keys, counted $keys"
fi

e2e_finish
