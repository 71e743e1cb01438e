#!/bin/bash
# e2e-queue.sh: a lead curates three annotators' stories through the
# disagreement queue of the real window, from the keyboard (TAP)
#
# Copyright 2026 The Gloss authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Four invented wire stories (tests/ui/team-stories.py) where alice, ben
# and cai disagree seven times in three documents. The lead opens the
# curation view (Ctrl+Shift+U), Alt+A accepts the agreed units of the open
# story, Q opens the queue of the whole project. One unit no one got right
# is drawn on the gold line (G, Shift+Ctrl+Right twice, the label's key);
# each other disagreement costs one key to decide, and the next one is
# selected at once, in whatever document it is, so no key is spent to
# reach it. After each
# step the gold set is read back from the project database. Screenshots go
# to $GLOSS_BUILD_DIR/tests/artifacts/e2e-queue/.
#
# Needs GLOSS_CLI and GLOSS_APP (set by tests/ui/meson.build); skips (77)
# without Xvfb, xdotool, sqlite3, dbus-run-session or python3.

set -u

CLI=${GLOSS_CLI:?GLOSS_CLI must name the gloss-cli binary}
APP=${GLOSS_APP:?GLOSS_APP must name the gloss binary}
BUILD=${GLOSS_BUILD_DIR:-${MESON_BUILD_ROOT:-$PWD}}
ARTIFACTS=$BUILD/tests/artifacts/e2e-queue

. "$(dirname "$0")/e2e-lib.sh"
e2e_setup sqlite3 python3
DB=$TMP/e2e.gloss

python3 "$(dirname "$0")/team-stories.py" "$TMP/team.jsonl" || bail "team-stories.py failed"
"$CLI" init "$DB" --schema news >/dev/null || bail "gloss-cli init failed"
"$CLI" import "$DB" "$TMP/team.jsonl" >/dev/null || bail "gloss-cli import failed"

# The live gold annotations of the project: "document:LABEL text|...".
GOLD="SELECT group_concat(g, '|') FROM (
        SELECT d.name || ':' || a.label || ' ' || substr(d.text, a.start + 1, a.end - a.start)
          || CASE WHEN json_extract(a.attributes, '$.certainty') IS NOT NULL
                  THEN ' (' || json_extract(a.attributes, '$.certainty') || ')' ELSE '' END AS g
        FROM annotations a JOIN documents d ON d.id = a.document
        WHERE a.annotator = 'gold' AND a.deleted = 0 ORDER BY d.name, a.start, a.label)"

e2e_start_app a-seoul "$DB" --document a-seoul

# ---- 1. the open story's agreed units in one key, then the queue ---------

press ctrl+shift+u
sleep 1
press alt+a
sleep 0.5
expect "Alt+A accepts a-seoul's agreed units" "$GOLD" \
  "a-seoul:GPE SEOUL|a-seoul:PERSON Nikolai Dorn|a-seoul:GPE Mongolia|a-seoul:GPE Seoul"
press q
sleep 2
shot queue-open
agreed_keys=$keys

# ---- 2. a gold span no annotator drew ------------------------------------

# Unit 414 first: alice and cai say ORG, ben FAC, and the lead knows it is
# a site. G puts the cursor on the gold line at the unit, two words are
# selected and 5 (FAC) draws it; the next unit is selected, the keys back
# in the list.
press g
press shift+ctrl+Right shift+ctrl+Right
press 5
sleep 0.5
shot drawn-gold
expect "G, a selection and a label's key draw a gold span" "$GOLD" \
  "a-seoul:GPE SEOUL|a-seoul:PERSON Nikolai Dorn|a-seoul:FAC Unit 414|a-seoul:GPE Mongolia|a-seoul:GPE Seoul"
drawn_keys=$((keys - agreed_keys))

# ---- 3. one key per disagreement, across documents -----------------------

# In queue order: the claim (alice: asserted), June 2024 (ben DATE), the
# ministry (alice "The ministry"), Oslo (R: a city no one else saw is
# rejected), Baltic Shipping (cai's FAC is wrong: alice ORG), the Klaipeda
# claim (ben: alleged, as the cue "claimed" says).
press 1
press 2
expect "two more units of a-seoul decided with two keys" "$GOLD" \
  "a-seoul:GPE SEOUL|a-seoul:PERSON Nikolai Dorn|a-seoul:FAC Unit 414|a-seoul:CLAIM he fled through Mongolia in June 2024 (asserted)|a-seoul:GPE Mongolia|a-seoul:DATE June 2024|a-seoul:GPE Seoul"
press 1
expect "the next key decides in b-riga, which opened under it" \
  "SELECT count(*) FROM annotations a JOIN documents d ON d.id = a.document
          WHERE a.annotator = 'gold' AND a.deleted = 0 AND d.name = 'b-riga'" "1"
press r
sleep 0.5
press 1
press 2
sleep 0.5
shot queue-done
expect "the whole queue decided: the gold set" "$GOLD" \
  "a-seoul:GPE SEOUL|a-seoul:PERSON Nikolai Dorn|a-seoul:FAC Unit 414|a-seoul:CLAIM he fled through Mongolia in June 2024 (asserted)|a-seoul:GPE Mongolia|a-seoul:DATE June 2024|a-seoul:GPE Seoul|b-riga:ORG The ministry|d-vilnius:ORG Baltic Shipping|d-vilnius:CLAIM the cargo had been inspected twice before it left Klaipeda (alleged)"
expect "Oslo was rejected, not copied" \
  "SELECT count(*) FROM project WHERE key LIKE 'curation:%' AND value LIKE '%\"%'" "1"
expect "no unit was accepted twice (no deleted gold copies)" \
  "SELECT count(*) FROM annotations WHERE annotator = 'gold' AND deleted = 1" "0"

decisions=$((keys - agreed_keys - drawn_keys))
if [ "$decisions" -eq 6 ] && [ "$drawn_keys" -eq 4 ]; then
  ok "six disagreements in three documents took six keys, none to reach the next; the drawn span four"
else
  not_ok "expected 6 keys for 6 disagreements and 4 for the drawing, counted $decisions and $drawn_keys"
fi

# ---- 4. undo where the decision was taken --------------------------------

key ctrl+z
expect "Ctrl+Z takes the last decision back (ben's alleged claim)" \
  "SELECT count(*) FROM annotations a JOIN documents d ON d.id = a.document
          WHERE a.annotator = 'gold' AND a.deleted = 0 AND d.name = 'd-vilnius'" "1"

e2e_finish
