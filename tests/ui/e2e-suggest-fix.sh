#!/bin/bash
# e2e-suggest-fix.sh: an annotator fixes a wrong suggested claim frame in
# the real window, from the keyboard, and the keys are counted (TAP)
#
# Copyright 2026 The Gloss authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# An invented wire story with two people already marked: "Kim Sol-ji met
# Park Min-ho in Bangkok. She said that ...". The rules resolve "She" to
# the nearest person before it, Park Min-ho: wrong. With the claim
# selected, Tab takes the next candidate for its source (Kim Sol-ji) and
# Alt+2 makes it hedged, and Enter accepts the frame as it now stands:
# three keys, read back from the project database. Screenshots go to
# $GLOSS_BUILD_DIR/tests/artifacts/e2e-suggest-fix/.
#
# Needs GLOSS_CLI and GLOSS_APP (set by tests/ui/meson.build); skips (77)
# without Xvfb, xdotool, sqlite3 or dbus-run-session.

set -u

CLI=${GLOSS_CLI:?GLOSS_CLI must name the gloss-cli binary}
APP=${GLOSS_APP:?GLOSS_APP must name the gloss binary}
BUILD=${GLOSS_BUILD_DIR:-${MESON_BUILD_ROOT:-$PWD}}
ARTIFACTS=$BUILD/tests/artifacts/e2e-suggest-fix

. "$(dirname "$0")/e2e-lib.sh"
e2e_setup sqlite3
DB=$TMP/e2e.gloss

mkdir -p "$TMP/story"
TEXT="SEOUL (Meridian) -- Kim Sol-ji met Park Min-ho in Bangkok in May. She said that Unit 414 had moved 40 million dollars through a bank in Macau."
printf '%s\n' "$TEXT" >"$TMP/story/meeting.txt"
# brat offsets are code points; the text is ASCII
kim=${TEXT%%Kim Sol-ji*}
park=${TEXT%%Park Min-ho*}
printf 'T1\tPERSON %d %d\tKim Sol-ji\nT2\tPERSON %d %d\tPark Min-ho\n' \
  "${#kim}" "$((${#kim} + 10))" "${#park}" "$((${#park} + 11))" >"$TMP/story/meeting.ann"
"$CLI" init "$DB" --schema news >/dev/null || bail "gloss-cli init failed"
"$CLI" import "$DB" "$TMP/story" >/dev/null || bail "gloss-cli import failed"

FRAME="SELECT group_concat(r.type || ' ' || substr(d.text, t.start + 1, t.end - t.start), '|')
         FROM (SELECT * FROM relations WHERE deleted = 0 ORDER BY type) r
         JOIN annotations c ON c.uuid = r.source
         JOIN annotations t ON t.uuid = r.target
         JOIN documents d ON d.id = c.document
        WHERE c.label = 'CLAIM'"

e2e_start_app meeting "$DB" --document meeting

pending () { [ "$(sql "SELECT count(*) FROM suggestions WHERE label = 'CLAIM'")" -ge 1 ]; }
wait_for pending || bail "the rules suggested no claim"
expect "the rules attribute the claim to the wrong person" \
  "SELECT substr(d.text, a.start + 1, a.end - a.start) FROM suggestions s
     JOIN annotations a ON a.uuid = s.source JOIN documents d ON d.id = s.document
    WHERE s.label = 'CLAIM'" "Park Min-ho"

# the claim is the third suggestion from the top (after the date and the cue)
press n n n
walk=$keys
shot claim-selected
press Tab
sleep 0.3
shot source-changed
press alt+2
press Return
fix_keys=$((keys - walk))
expect "Tab and Enter: the claim is attributed to Kim Sol-ji, with its cue" "$FRAME" \
  "attributed-to Kim Sol-ji|cue said"
expect "Alt+2 made it hedged" \
  "SELECT json_extract(attributes, '\$.certainty') FROM annotations WHERE label = 'CLAIM'" \
  "hedged"
echo "# keys: $walk to walk to the claim, $fix_keys to fix its source and certainty and accept it"
[ "$fix_keys" -le 4 ] && ok "a wrong source and certainty cost at most 4 keys ($fix_keys)" \
  || not_ok "a wrong source and certainty cost at most 4 keys ($fix_keys)"

e2e_finish
