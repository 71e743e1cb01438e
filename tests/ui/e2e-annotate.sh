#!/bin/bash
# e2e-annotate.sh: the real gloss window under Xvfb, driven with xdotool (TAP)
#
# Copyright 2026 The Gloss authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Starts gloss on a fixture project made with gloss-cli, on an X server of
# its own, selects text with the keyboard and the mouse, presses hotkeys,
# deletes, undoes and redoes, links a claim to its source and cue, sets
# the claim's attributes and note in the inspector (F2, then Escape back to
# the text), annotates all occurrences (in the document, then in all
# documents) and marks the document done; after each step it checks the project database for
# exactly the expected rows and saves a screenshot in
# $GLOSS_BUILD_DIR/tests/artifacts/e2e-annotate/.
#
# Needs GLOSS_CLI and GLOSS_APP (set by tests/ui/meson.build); skips (77)
# without Xvfb, xdotool, sqlite3, dbus-run-session or python3.

set -u

CLI=${GLOSS_CLI:?GLOSS_CLI must name the gloss-cli binary}
APP=${GLOSS_APP:?GLOSS_APP must name the gloss binary}
SRC=${GLOSS_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${GLOSS_BUILD_DIR:-${MESON_BUILD_ROOT:-$PWD}}
SAMPLE=$SRC/data/samples/spy-network-abroad.txt
DOC=spy-network-abroad
ARTIFACTS=$BUILD/tests/artifacts/e2e-annotate

. "$(dirname "$0")/e2e-lib.sh"
e2e_setup sqlite3 python3
DB=$TMP/e2e.gloss

# popup_shown: a popup of the window (a dropdown's list, a popover) is a
# toplevel of its own, named after the application.
popup_shown () {
  xdotool search --onlyvisible --name '^Gloss$' >/dev/null 2>&1
}

# find TEXT: selects the next match of TEXT with the find bar (Ctrl+F, the
# text, Enter), then closes the bar (Escape): the match stays selected.
find () {
  key ctrl+f
  key ctrl+a
  type_text "$1"
  key Return
  key Escape
}

LIVE="SELECT label || ' ' || start || ' ' || end FROM annotations WHERE deleted = 0"

# ---- fixture --------------------------------------------------------------


"$CLI" init "$DB" >/dev/null || bail "gloss-cli init failed"
"$CLI" import "$DB" "$SAMPLE" >/dev/null || bail "gloss-cli import failed"
# Two more documents for "annotate all occurrences in all documents": one
# with a "Singapore", one without.
"$CLI" import "$DB" "$SRC/data/samples/defector-cyber-unit.txt" \
  "$SRC/data/samples/tech-workers-abroad.txt" >/dev/null || bail "gloss-cli import failed"
TEXT=$(sql "SELECT text FROM documents WHERE name = '$DOC'")
[ -n "$TEXT" ] || bail "the fixture has no document $DOC"

# Code point offset of the NTH (1-based) occurrence of a string in the text.
offset_of () {
  python3 - "$SAMPLE" "$1" "${2:-1}" <<'EOF'
import sys
text = open(sys.argv[1], encoding='utf-8').read()
needle, nth = sys.argv[2], int(sys.argv[3])
pos = -1
for _ in range(nth):
    pos = text.index(needle, pos + 1)
print(pos)
EOF
}

# ---- X server and app -----------------------------------------------------

e2e_start_app "$DOC" "$DB" --document "$DOC"

# Where the document view is: the window's left quarter holds the list,
# the right the panels; the text starts near the top of the middle.
VIEW_X=$((X + WIDTH * 2 / 5))
VIEW_Y=$((Y + 160))

# Focus the text: a click in the view, then Ctrl+Home.
xdotool mousemove "$VIEW_X" "$VIEW_Y" click 1
sleep 0.3
key Escape
key ctrl+Home
shot start

# ---- 1. keyboard selection and a hotkey ----------------------------------

# The first word, "Karsovian", then 6 (NORP).
key ctrl+shift+Right
key 6
expect "Ctrl+Shift+Right then 6: NORP over the first word" "$LIVE" "NORP 0 9"
expect "the annotation carries the annotator's name" \
  "SELECT annotator FROM annotations" "e2e"
expect "the first annotation puts the document in progress" \
  "SELECT annotator || ' ' || status FROM document_status" "e2e 1"
shot hotkey-norp

# The hotkey relabels the selected annotation: 3 is GPE.
key 3
expect "the hotkey relabels the selected annotation" "$LIVE" "GPE 0 9"
key 6

# ---- 2. delete, undo, redo -----------------------------------------------

key Delete
expect "Delete tombstones the annotation" \
  "SELECT label || ' ' || deleted FROM annotations" "NORP 1"
shot delete
key ctrl+z
expect "Ctrl+Z brings it back" "SELECT label || ' ' || deleted FROM annotations" "NORP 0"
shot undo
key ctrl+shift+z
expect "Ctrl+Shift+Z deletes it again" "SELECT label || ' ' || deleted FROM annotations" \
  "NORP 1"
key ctrl+z
expect "Ctrl+Z once more" "SELECT label || ' ' || deleted FROM annotations" "NORP 0"

# ---- 3. resizing from the keyboard -----------------------------------------

key alt+Right
expect "Alt+Right moves the end a word on" "$LIVE" "NORP 0 $(offset_of ' agency' 1)"
key alt+shift+Right
expect "Alt+Shift+Right moves the start a word on" "$LIVE" \
  "NORP $(offset_of 'spy' 1) $(offset_of ' agency' 1)"
key alt+shift+Left alt+Left
expect "Alt+Shift+Left and Alt+Left move them back" "$LIVE" "NORP 0 9"
shot resize

# ---- 4. a claim in one flow: text, c, then Ctrl+R 1 and Ctrl+R Return ----

# "The network was run by ... civil servants, the source said, ..."
SOURCE_AT=$(offset_of 'the source said')
find "the source"
key s
expect "find, then s: SOURCE" "$LIVE AND label = 'SOURCE'" \
  "SOURCE $SOURCE_AT $((SOURCE_AT + 10))"
find "said"
key u
expect "find, then u: CUE" "$LIVE AND label = 'CUE'" \
  "CUE $((SOURCE_AT + 11)) $((SOURCE_AT + 15))"

CLAIM="The network was run by the agency's little-known Bureau of External Studies"
CLAIM="$CLAIM and recruited port workers, hotel staff and mid-level civil servants"
CLAIM_AT=$(offset_of "$CLAIM")
find "$CLAIM"
key c
expect "find, then c: CLAIM" "$LIVE AND label = 'CLAIM'" \
  "CLAIM $CLAIM_AT $((CLAIM_AT + ${#CLAIM}))"
shot claim

# Ctrl+R proposes the nearest compatible annotation not yet linked: the
# source; 1 picks the first type allowed, attributed-to.
key ctrl+r
shot link-mode
key 1
RELS="SELECT r.type || ' ' || t.label FROM relations r JOIN annotations s ON s.uuid = r.source
      JOIN annotations t ON t.uuid = r.target WHERE r.deleted = 0 AND s.label = 'CLAIM'
      ORDER BY r.type"
expect "Ctrl+R, 1: attributed to the source" "$RELS" "attributed-to SOURCE"
# Then the cue, the only type from a claim to a cue: Return.
key ctrl+r
key Return
expect "Ctrl+R, Return: the claim's cue" "$RELS" "attributed-to SOURCE
cue CUE"
shot linked

# Undo the last link, redo it.
key ctrl+z
expect "Ctrl+Z removes the last relation" "$RELS" "attributed-to SOURCE"
key ctrl+shift+z
expect "Ctrl+Shift+Z restores it" "$RELS" "attributed-to SOURCE
cue CUE"

# ---- 5. the claim's attributes and note in the inspector ------------------

# The claim is still selected. F2 puts the focus on the inspector's first
# attribute control (certainty, a dropdown), Tab moves on to status and
# checkworthy (a switch), then to the note; Escape returns to the text.
CLAIM_ATTRS="SELECT group_concat(kv, ' ') FROM (SELECT j.key || '=' || CASE j.type
  WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE j.atom END AS kv
  FROM annotations a, json_each(a.attributes) j WHERE a.deleted = 0 AND a.label = 'CLAIM'
  ORDER BY j.key)"
CLAIM_NOTE="SELECT coalesce(note, 'NULL') FROM annotations WHERE deleted = 0 AND label = 'CLAIM'"
NOTE="Check the bureau's name against the registry"
expect "the new claim has its declared defaults" "$CLAIM_ATTRS" \
  "certainty=asserted checkworthy=false status=unverified"
key F2
key space
if wait_for popup_shown; then
  ok "F2, Space: the certainty list opens"
else
  not_ok "F2, Space: the certainty list opens"
fi
# (unset), asserted, hedged, ...
key Down Down Return
expect "Down, Down, Return: the claim is hedged" "$CLAIM_ATTRS" \
  "certainty=hedged checkworthy=false status=unverified"
key Tab Tab space
expect "Tab, Tab, Space: the claim is check-worthy" "$CLAIM_ATTRS" \
  "certainty=hedged checkworthy=true status=unverified"
key Tab
type_text "$NOTE"
shot inspector
key Escape
expect "Tab, a note, Escape: the note is saved" "$CLAIM_NOTE" "$NOTE"
expect "the attributes are kept" "$CLAIM_ATTRS" \
  "certainty=hedged checkworthy=true status=unverified"
key ctrl+z
expect "back in the text, Ctrl+Z takes the note back" "$CLAIM_NOTE" "NULL"
expect "... and only the note" "$CLAIM_ATTRS" \
  "certainty=hedged checkworthy=true status=unverified"
key ctrl+shift+z
expect "Ctrl+Shift+Z writes it again" "$CLAIM_NOTE" "$NOTE"

# ---- 5b. a claim split by its cue, in three keys ---------------------------

# "The network was uncovered, the source said, after a customs officer ...":
# the source and the cue first (a key each), then the claim's two
# fragments. After each fragment's selection: c, Ctrl+Shift+A, Return, and
# the frame Gloss proposes (source and cue, between the fragments) is linked.
find "was uncovered, "
key Right ctrl+shift+Right ctrl+shift+Right
key s
key Right ctrl+shift+Right
key u
SPLIT1="The network was uncovered"
SPLIT2="after a customs officer at the Port of Tanjung Pelepas noticed that the same courier"
SPLIT2="$SPLIT2 had carried sealed envelopes on 17 flights from Bangkok within a single year"
SPLIT1_AT=$(offset_of "$SPLIT1")
SPLIT2_AT=$(offset_of "$SPLIT2")
KEYS=0
find "$SPLIT1"
key c
KEYS=$((KEYS + 1))
find "$SPLIT2"
key ctrl+shift+a
KEYS=$((KEYS + 1))
shot split-claim-frame
key Return
KEYS=$((KEYS + 1))
SPLIT_CLAIM="SELECT uuid FROM annotations WHERE deleted = 0 AND label = 'CLAIM'
  AND fragments LIKE '%;%'"
expect "c, Ctrl+Shift+A: a claim in two fragments" \
  "SELECT fragments FROM annotations WHERE deleted = 0 AND label = 'CLAIM' AND start = $SPLIT1_AT" \
  "$SPLIT1_AT-$((SPLIT1_AT + ${#SPLIT1}));$SPLIT2_AT-$((SPLIT2_AT + ${#SPLIT2}))"
expect "Return links the proposed frame: the source and the cue between the fragments" \
  "SELECT r.type || ' ' || t.label || ' ' || t.start FROM relations r
   JOIN annotations t ON t.uuid = r.target WHERE r.deleted = 0
   AND r.source = ($SPLIT_CLAIM) ORDER BY r.type" \
  "attributed-to SOURCE $((SPLIT1_AT + ${#SPLIT1} + 2))
cue CUE $((SPLIT1_AT + ${#SPLIT1} + 13))"
expect "... with its declared certainty and status" \
  "SELECT json_extract(attributes, '$.certainty') || ' ' || json_extract(attributes, '$.status')
   FROM annotations WHERE uuid = ($SPLIT_CLAIM)" "asserted unverified"
if [ "$KEYS" -le 4 ]; then
  ok "the split claim with its frame cost $KEYS keys after its selections (at most 4)"
else
  not_ok "the split claim with its frame cost $KEYS keys after its selections (at most 4)"
fi
shot split-claim-linked

# ---- 6. the label popover ---------------------------------------------------

MERIDIAN_AT=$(offset_of 'Meridian')
key ctrl+Home
find "Meridian"
key ctrl+l
shot label-popover
# The first row (PERSON) has the focus; Down, Return picks ORG.
key Down Return
expect "Ctrl+L, Down, Return: ORG from the label popover" "$LIVE AND label = 'ORG'" \
  "ORG $MERIDIAN_AT $((MERIDIAN_AT + 8))"

# ---- 7. annotate all occurrences -----------------------------------------

N_SINGAPORE=$(grep -ow Singapore "$SAMPLE" | wc -l)
find "Singapore"
key 3
expect "find, then 3: one GPE" "SELECT count(*) FROM annotations WHERE deleted = 0 AND
  label = 'GPE'" "1"
key ctrl+e
expect "Ctrl+E annotates all $N_SINGAPORE occurrences" \
  "SELECT count(*) FROM annotations WHERE deleted = 0 AND label = 'GPE'" "$N_SINGAPORE"
shot annotate-all
key ctrl+z
expect "one Ctrl+Z takes them back" \
  "SELECT count(*) FROM annotations WHERE deleted = 0 AND label = 'GPE'" "1"
key ctrl+shift+z

# ... and in all documents: the selected GPE, Ctrl+Alt+E. Every "Singapore"
# of this document is a GPE already; the other document has one more.
GPE_BY_DOC="SELECT d.name || ' ' || count(*) FROM annotations a JOIN documents d
  ON d.id = a.document WHERE a.deleted = 0 AND a.label = 'GPE' GROUP BY d.name ORDER BY d.name"
N_OTHER=$(grep -ow Singapore "$SRC/data/samples/defector-cyber-unit.txt" | wc -l)
key ctrl+alt+e
expect "Ctrl+Alt+E annotates the occurrences in the other documents" "$GPE_BY_DOC" \
  "defector-cyber-unit $N_OTHER
$DOC $N_SINGAPORE"
expect "the new annotations carry the annotator's name" \
  "SELECT DISTINCT a.annotator FROM annotations a JOIN documents d ON d.id = a.document
   WHERE d.name = 'defector-cyber-unit'" "e2e"
shot annotate-all-documents
key ctrl+z
expect "one Ctrl+Z takes them back from every document" "$GPE_BY_DOC" "$DOC $N_SINGAPORE"
key ctrl+shift+z
expect "Ctrl+Shift+Z annotates them again" "$GPE_BY_DOC" "defector-cyber-unit $N_OTHER
$DOC $N_SINGAPORE"

# ---- 8. a mouse drag and a hotkey ----------------------------------------

BEFORE=$(sql "SELECT count(*) FROM annotations WHERE deleted = 0")
made=
for dy in 120 180 240 300 360; do
  xdotool mousemove "$((VIEW_X - 60))" "$((VIEW_Y + dy))" mousedown 1
  sleep 0.1
  xdotool mousemove "$((VIEW_X + 10))" "$((VIEW_Y + dy))"
  sleep 0.1
  xdotool mousemove "$((VIEW_X + 80))" "$((VIEW_Y + dy))" mouseup 1
  sleep 0.3
  key 9
  sleep 0.3
  if [ "$(sql "SELECT count(*) FROM annotations WHERE deleted = 0")" -gt "$BEFORE" ]; then
    made=$dy
    break
  fi
done
if [ -n "$made" ]; then
  ok "a mouse drag then 9 makes an annotation"
else
  not_ok "a mouse drag then 9 makes an annotation"
fi
# Snapped: the span starts and ends at word boundaries.
SPAN=$(sql "SELECT start || ' ' || end FROM annotations WHERE deleted = 0 AND label = 'QUANTITY'")
if python3 - "$SAMPLE" "$SPAN" <<'EOF'
import sys
text = open(sys.argv[1], encoding='utf-8').read()
s, e = map(int, sys.argv[2].split())
ok = 0 <= s < e <= len(text) and not text[s].isspace() and not text[e - 1].isspace()
ok = ok and (s == 0 or not (text[s - 1].isalnum() and text[s].isalnum()))
ok = ok and (e == len(text) or not (text[e - 1].isalnum() and text[e].isalnum()))
sys.exit(0 if ok else 1)
EOF
then
  ok "the dragged span is snapped to words ($SPAN)"
else
  not_ok "the dragged span is snapped to words ($SPAN)"
fi
shot drag

# Ctrl held while dragging adds the dragged text as a fragment of the
# selected annotation at once, without a key.
QFRAGS="SELECT fragments FROM annotations WHERE deleted = 0 AND label = 'QUANTITY'"
joined=
for dy in 70 130 190 250 -60; do
  y=$((VIEW_Y + ${made:-120} + dy))
  xdotool keydown ctrl
  xdotool mousemove "$((VIEW_X - 60))" "$y" mousedown 1
  sleep 0.1
  xdotool mousemove "$((VIEW_X + 10))" "$y"
  sleep 0.1
  xdotool mousemove "$((VIEW_X + 80))" "$y" mouseup 1
  xdotool keyup ctrl
  sleep 0.3
  if sql "$QFRAGS" | grep -q ';'; then
    joined=$y
    break
  fi
done
if [ -n "$joined" ] && [ "$(sql "SELECT count(*) FROM annotations WHERE deleted = 0 AND
    label = 'QUANTITY'")" = 1 ]; then
  ok "Ctrl+drag adds a fragment ($(sql "$QFRAGS"))"
else
  not_ok "Ctrl+drag adds a fragment ($(sql "$QFRAGS"))"
fi
shot fragment
key Escape

# ---- 9. drag a link from a chip ---------------------------------------------

# The headline becomes a claim; its chip (a solid #dc8add box above the
# text) is dragged onto the chip of "Singapore" (GPE, solid #f6d32d) in the
# same line. The chips are found in a screenshot.
HEADLINE="Karsovian spy agency ran informant network from Singapore front firms"
key ctrl+Home
find "$HEADLINE"
key c
# The first Escape leaves the proposed frame, the second the selection.
key Escape
key Escape
sleep 0.5
import -display "$DISPLAY" -window root "$TMP/chips.png" 2>/dev/null || true
# first_pixel COLOUR: "x y" of the topmost pixel of that colour in the
# window's upper part.
first_pixel () {
  convert "$TMP/chips.png" -crop "$((WIDTH * 2 / 3))x300+$X+$Y" +repage txt:- 2>/dev/null |
    grep -m1 -i "$1" | sed -E 's/^([0-9]+),([0-9]+):.*/\1 \2/'
}
CLAIM_CHIP=$(first_pixel '#DC8ADD')
GPE_CHIP=$(first_pixel '#F6D32D')
if ! command -v convert >/dev/null 2>&1 || ! command -v import >/dev/null 2>&1; then
  ok "a drag from the claim's chip to a GPE chip # SKIP needs ImageMagick to find the chips"
elif [ -n "$CLAIM_CHIP" ] && [ -n "$GPE_CHIP" ]; then
  read -r cx cy <<<"$CLAIM_CHIP"
  read -r gx gy <<<"$GPE_CHIP"
  cx=$((X + cx + 6)); cy=$((Y + cy + 4)); gx=$((X + gx + 6)); gy=$((Y + gy + 4))
  xdotool mousemove "$cx" "$cy" mousedown 1
  sleep 0.1
  for i in 1 2 3 4; do
    xdotool mousemove "$((cx + (gx - cx) * i / 4))" "$((cy + (gy - cy) * i / 4 + 8))"
    sleep 0.1
  done
  xdotool mousemove "$gx" "$gy"
  sleep 0.3
  shot chip-drag
  xdotool mouseup 1
  sleep 0.4
  shot chip-drop
  # CLAIM to GPE allows two types: the popover asks; 1 is attributed-to.
  key 1
  expect "a drag from the claim's chip to a GPE chip, then 1: attributed-to" \
    "SELECT r.type || ' ' || t.label || ' ' || t.start FROM relations r
     JOIN annotations s ON s.uuid = r.source JOIN annotations t ON t.uuid = r.target
     WHERE r.deleted = 0 AND s.label = 'CLAIM' AND s.start = 0" \
    "attributed-to GPE $(offset_of Singapore)"
  shot chip-linked
else
  not_ok "a drag from the claim's chip to a GPE chip (chips not found: '$CLAIM_CHIP' '$GPE_CHIP')"
fi
key Escape

# ---- 10. mark done ---------------------------------------------------------

key ctrl+Return
expect "Ctrl+Enter marks the document done for the annotator" \
  "SELECT annotator || ' ' || status FROM document_status" "e2e 2"
shot done

# ---- the end: nothing lost --------------------------------------------------

expect "the project is consistent" "PRAGMA integrity_check" "ok"
if kill -0 "$APP_PID" 2>/dev/null; then
  ok "the app is still running"
else
  not_ok "the app is still running"
fi

e2e_finish
