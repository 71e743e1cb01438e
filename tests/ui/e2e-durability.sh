#!/bin/bash
# e2e-durability.sh: what the file chooser and other programs do to an open
# project loses nothing (TAP)
#
# Copyright 2026 The Gloss authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The reproduction of the lost locks: gloss has a project open; its Open
# dialog browses the project's folder (the chooser reads, sniffs and closes
# the project's files inside gloss's process, which dropped every POSIX
# lock SQLite held); gloss-cli and the sqlite3 shell read the project (the
# last of them used to checkpoint and delete the WAL under gloss). Then an
# annotation made with the keyboard must be in the WAL gloss opened, seen
# by sqlite3 at once, and still there after `kill -9`.
#
# Needs GLOSS_CLI and GLOSS_APP (set by tests/ui/meson.build); skips (77)
# without Xvfb, xdotool, sqlite3 or dbus-run-session.

set -u

CLI=${GLOSS_CLI:?GLOSS_CLI must name the gloss-cli binary}
APP=${GLOSS_APP:?GLOSS_APP must name the gloss binary}
SRC=${GLOSS_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${GLOSS_BUILD_DIR:-${MESON_BUILD_ROOT:-$PWD}}
DOC=spy-network-abroad
ARTIFACTS=$BUILD/tests/artifacts/e2e-durability

. "$(dirname "$0")/e2e-lib.sh"
e2e_setup sqlite3
mkdir -p "$TMP/project"
DB=$TMP/project/durable.gloss

"$CLI" init "$DB" >/dev/null || bail "gloss-cli init failed"
"$CLI" import "$DB" "$SRC/data/samples/$DOC.txt" "$SRC/data/samples/tech-workers-abroad.txt" \
  >/dev/null || bail "gloss-cli import failed"

e2e_start_app "$DOC" "$DB" --document "$DOC"
GLOSS_PID=$(xdotool getwindowpid "$WID")
[ -n "$GLOSS_PID" ] || bail "the window names no process"
WAL_INODE=$(stat -c %i "$DB-wal" 2>/dev/null)
[ -n "$WAL_INODE" ] || bail "the open project has no WAL"

# wal_is_gloss's: the WAL on disk is the one gloss opened, and gloss writes
# into no deleted file of the project.
wal_is_glosss () {
  [ "$(stat -c %i "$DB-wal" 2>/dev/null)" = "$WAL_INODE" ] &&
    ! ls -l "/proc/$GLOSS_PID/fd" 2>/dev/null | grep -q 'durable\.gloss.*(deleted)'
}

# ---- 1. the Open dialog browses the project's folder -----------------------

key ctrl+o
DIALOG=
for _ in $(seq 50); do
  DIALOG=$(xdotool search --onlyvisible --name '^Open Project$' 2>/dev/null | head -n1)
  [ -n "$DIALOG" ] && break
  sleep 0.1
done
[ -n "$DIALOG" ] || bail "Ctrl+O shows no Open Project dialog"
ok "Ctrl+O shows the Open Project dialog"
key ctrl+l
type_text "$TMP/project/"
key Return
# the chooser lists the folder, reading each file's type
sleep 2
shot open-dialog
key Escape
key Escape
if wait_for bash -c "! xdotool search --onlyvisible --name '^Open Project$' >/dev/null 2>&1"; then
  ok "Escape closes the dialog"
else
  not_ok "Escape closes the dialog"
fi

# ---- 2. other programs read the project ------------------------------------

if "$CLI" stats "$DB" >/dev/null 2>"$TMP/stats.err"; then
  ok "gloss-cli stats reads the open project"
else
  not_ok "gloss-cli stats reads the open project"
  sed 's/^/# /' "$TMP/stats.err"
fi
[ "$(sql 'SELECT 1')" = 1 ] && ok "sqlite3 reads the open project" ||
  not_ok "sqlite3 reads the open project"
if wal_is_glosss; then
  ok "the WAL is still the one gloss opened"
else
  not_ok "the WAL is still the one gloss opened (inode $WAL_INODE, now $(stat -c %i \
    "$DB-wal" 2>/dev/null || echo none))"
fi

# ---- 3. an annotation from the keyboard, seen by everyone at once ----------

xdotool mousemove $((X + WIDTH * 2 / 5)) $((Y + 160)) click 1
sleep 0.3
key Escape
key ctrl+Home
key ctrl+shift+Right
key 6
expect "the annotation is seen by sqlite3 at once" \
  "SELECT label || ' ' || start || ' ' || end FROM annotations WHERE deleted = 0" "NORP 0 9"
shot annotated
if wal_is_glosss; then
  ok "gloss wrote into the WAL it opened, and into no deleted file"
else
  not_ok "gloss wrote into the WAL it opened, and into no deleted file"
  ls -l "/proc/$GLOSS_PID/fd" 2>/dev/null | grep durable | sed 's/^/# /'
fi

# ---- 4. another program holds the write lock ---------------------------------

# A plain sqlite3 client (Python's: POSIX locks, no Gloss code) holds the
# project's write lock for 4 s. The next annotation waits for it off the
# main loop: the window keeps answering, then the annotation is saved.
if command -v python3 >/dev/null 2>&1; then
  python3 - "$DB" >"$TMP/holder.out" 2>&1 <<'PY' &
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)
db.execute("BEGIN IMMEDIATE")
print("ready", flush=True)
time.sleep(4)
db.execute("ROLLBACK")
PY
  HOLDER=$!
  wait_for grep -q ready "$TMP/holder.out" || bail "the other program did not take the lock"
  key ctrl+Right ctrl+shift+Right
  key 3
  TITLE=$(xdotool getwindowname "$WID")
  key alt+Down
  if wait_for bash -c "[ \"\$(xdotool getwindowname $WID)\" != \"$TITLE\" ]"; then
    ok "the window answers (Alt+Down opens the next document) while another program writes"
  else
    not_ok "the window answers (Alt+Down opens the next document) while another program writes"
  fi
  key alt+Up
  shot waiting
  GOT=$(sql "SELECT count(*) FROM annotations WHERE label = 'GPE'")
  is_waiting=$([ "$GOT" = 0 ] && echo yes || echo "no ($GOT)")
  [ "$is_waiting" = yes ] && ok "the edit waits while the lock is held" ||
    not_ok "the edit waits while the lock is held: $is_waiting"
  wait "$HOLDER"
  for _ in $(seq 30); do
    [ "$(sql "SELECT count(*) FROM annotations WHERE label = 'GPE'")" = 1 ] && break
    sleep 0.1
  done
  expect "once the other program is done, the waiting annotation is saved" \
    "SELECT count(*) FROM annotations WHERE label = 'GPE' AND deleted = 0" "1"
fi

# ---- 5. kill -9 ---------------------------------------------------------------

BEFORE_KILL=$(sql "SELECT label || ' ' || start FROM annotations WHERE deleted = 0 ORDER BY start")
[ -n "$BEFORE_KILL" ] || bail "no annotations before the kill"
kill -9 "$GLOSS_PID"
wait "$APP_PID" 2>/dev/null
APP_PID=
expect "after kill -9 the annotations are still there" \
  "SELECT label || ' ' || start FROM annotations WHERE deleted = 0 ORDER BY start" "$BEFORE_KILL"
expect "the project is whole" "PRAGMA integrity_check" "ok"
if "$CLI" validate "$DB" >/dev/null 2>&1; then
  ok "gloss-cli validate accepts the project"
else
  not_ok "gloss-cli validate accepts the project"
fi

e2e_finish
