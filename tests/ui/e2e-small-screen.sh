#!/bin/bash
# e2e-small-screen.sh: the real window on a 1024×768 screen fits it, and
# a document is found and opened from the keyboard (TAP)
#
# Copyright 2026 The Gloss authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The window remembers 1280 px by default; on a narrower screen its
# document list folds away from the first frame, or the list's minimum
# width kept the window 1117 px wide, its right edge and close button
# beyond the screen. Folded, the list comes back with Ctrl+K: a few
# letters of a name and Enter open the first match (also when Enter comes
# before the list has caught up with the keys). The demo project's
# articles (data/samples). Screenshots go to
# $GLOSS_BUILD_DIR/tests/artifacts/e2e-small-screen/.
#
# Needs GLOSS_CLI, GLOSS_APP and GLOSS_SOURCE_DIR (set by
# tests/ui/meson.build); skips (77) without Xvfb, xdotool or
# dbus-run-session.

set -u

CLI=${GLOSS_CLI:?GLOSS_CLI must name the gloss-cli binary}
APP=${GLOSS_APP:?GLOSS_APP must name the gloss binary}
SRC=${GLOSS_SOURCE_DIR:?GLOSS_SOURCE_DIR must name the source tree}
BUILD=${GLOSS_BUILD_DIR:-${MESON_BUILD_ROOT:-$PWD}}
ARTIFACTS=$BUILD/tests/artifacts/e2e-small-screen

. "$(dirname "$0")/e2e-lib.sh"
e2e_setup
DB=$TMP/demo.gloss

"$CLI" init "$DB" --schema news >/dev/null || bail "gloss-cli init failed"
"$CLI" import "$DB" "$SRC/data/samples/samples.jsonl" >/dev/null || bail "gloss-cli import failed"

E2E_SCREEN=1024x768x24
e2e_start_app defector-cyber-unit "$DB" --document defector-cyber-unit
shot opened

# ---- 1. the window inside the screen --------------------------------------

echo "# window at $X,$Y, $WIDTH×$HEIGHT on a 1024×768 screen"
if [ "$X" -ge 0 ] && [ $((X + WIDTH)) -le 1024 ] && [ "$Y" -ge 0 ] &&
   [ $((Y + HEIGHT)) -le 768 ]; then
  ok "the window fits the screen"
else
  not_ok "the window fits the screen"
fi

# name_is TITLE: the window's title is TITLE's document in the demo project.
name_is () {
  [ "$(xdotool getwindowname "$WID" 2>/dev/null)" = "$1 — demo" ]
}

# ---- 2. a document by name: Ctrl+K, a few letters, Enter -------------------

keys=0
press ctrl+k
type_text spy-net
keys=$((keys + 7))
shot list-filtered
press Return
if wait_for name_is spy-network-abroad; then
  ok "Ctrl+K, spy-net, Enter opens spy-network-abroad ($keys keys)"
else
  not_ok "Ctrl+K, spy-net, Enter opens spy-network-abroad (title: $(xdotool getwindowname "$WID"))"
fi
shot picked

# ---- 3. Enter sooner than the list follows the keys ------------------------

# The entry still holds spy-net: its letters selected, replaced by the
# new ones, and Enter at once, inside the search's 200 ms wait.
key ctrl+k
xdotool key --clearmodifiers ctrl+a
xdotool type --clearmodifiers --delay 10 tech
xdotool key --clearmodifiers Return
if wait_for name_is tech-workers-abroad; then
  ok "Enter at once opens the match of the last keys, tech-workers-abroad"
else
  not_ok "Enter at once opens tech-workers-abroad (title: $(xdotool getwindowname "$WID"))"
fi
shot picked-at-once

e2e_finish
