#!/bin/bash
# e2e-suggest.sh: an annotator reviews Gloss's suggestions in the real
# window, from the keyboard (TAP)
#
# Copyright 2026 The Gloss authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# An invented wire story is opened in a fresh project: the window runs the
# rules by itself (no key) and keeps their suggestions in the project. N
# walks them; Enter on the claim makes the whole frame (the claim, its
# source, its cue, the two relations and the certainty) in one key;
# Backspace rejects the money, Ctrl+Z takes the rejection back, and the
# QUANTITY key accepts it with that label instead. After each step the
# project database is read back. Screenshots go to
# $GLOSS_BUILD_DIR/tests/artifacts/e2e-suggest/.
#
# Needs GLOSS_CLI and GLOSS_APP (set by tests/ui/meson.build); skips (77)
# without Xvfb, xdotool, sqlite3 or dbus-run-session.

set -u

CLI=${GLOSS_CLI:?GLOSS_CLI must name the gloss-cli binary}
APP=${GLOSS_APP:?GLOSS_APP must name the gloss binary}
BUILD=${GLOSS_BUILD_DIR:-${MESON_BUILD_ROOT:-$PWD}}
ARTIFACTS=$BUILD/tests/artifacts/e2e-suggest

. "$(dirname "$0")/e2e-lib.sh"
e2e_setup sqlite3
DB=$TMP/e2e.gloss

printf '%s\n' "SEOUL (Meridian) -- A defector told Meridian that Unit 414 stole 300 million dollars from exchanges in Asia." \
  >"$TMP/heist.txt"
"$CLI" init "$DB" --schema news >/dev/null || bail "gloss-cli init failed"
"$CLI" import "$DB" "$TMP/heist.txt" >/dev/null || bail "gloss-cli import failed"

ANNOTATIONS="SELECT group_concat(a.label || ' ' || substr(d.text, a.start + 1, a.end - a.start)
               || CASE WHEN json_extract(a.attributes, '$.certainty') IS NOT NULL
                       THEN ' (' || json_extract(a.attributes, '$.certainty') || ')' ELSE '' END,
               '|')
             FROM (SELECT * FROM annotations WHERE deleted = 0 ORDER BY start, label) a
             JOIN documents d ON d.id = a.document"
REJECTED="SELECT group_concat(label, '|') FROM suggestions WHERE state = 2"

e2e_start_app heist "$DB" --document heist

# ---- 1. the rules run by themselves -------------------------------------

pending () { [ "$(sql "SELECT count(*) FROM suggestions")" -ge 4 ]; }
if wait_for pending; then
  ok "opening the story suggests, with no key"
else
  not_ok "opening the story suggests, with no key"
fi
expect "the rules' suggestions are kept in the project" \
  "SELECT group_concat(label, '|') FROM (SELECT label FROM suggestions ORDER BY start, end, label)" \
  "SOURCE|CUE|CLAIM|MONEY"
expect "and are not annotations" "SELECT count(*) FROM annotations" "0"
sleep 0.5
shot suggested

# ---- 2. the claim with its whole frame in one key ----------------------

press n n n
walk_keys=$keys
press Return
sleep 0.5
shot frame-accepted
expect "Enter on the claim makes the claim, its source and its cue" "$ANNOTATIONS" \
  "SOURCE A defector|CUE told|CLAIM Unit 414 stole 300 million dollars from exchanges in Asia (asserted)"
expect "linked by the frame's relations" \
  "SELECT group_concat(type, '|') FROM (SELECT type FROM relations WHERE deleted = 0 ORDER BY type)" \
  "attributed-to|cue"
expect "each says which suggester it came from" \
  "SELECT count(*) FROM annotations WHERE json_extract(provenance, '\$.suggester') = 'rules'" "3"
frame_keys=$((keys - walk_keys))

# ---- 3. reject, undo, accept with another label ------------------------

# the next suggestion (the money) is selected: no key to reach it
press BackSpace
expect "Backspace rejects the suggestion selected after the claim" "$REJECTED" "MONEY"
press ctrl+z
expect "Ctrl+Z takes the rejection back" "SELECT count(*) FROM suggestions WHERE state = 2" "0"
press n
press 9
sleep 0.5
shot relabelled
expect "QUANTITY's key accepts it as QUANTITY" "$ANNOTATIONS" \
  "SOURCE A defector|CUE told|CLAIM Unit 414 stole 300 million dollars from exchanges in Asia (asserted)|QUANTITY 300 million dollars"
expect "and the suggestion as MONEY is not proposed again" "$REJECTED" "MONEY"

echo "# keys: $walk_keys to walk to the claim (N), $frame_keys to accept its whole frame"
[ "$frame_keys" -eq 1 ] && ok "a correct frame costs one key" || not_ok "a correct frame costs one key"

e2e_finish
