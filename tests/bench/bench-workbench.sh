#!/bin/bash
# bench-workbench.sh: the workbench benchmark on the real gloss window
#
# Copyright 2026 The Gloss authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: tests/bench/bench-workbench.sh [--keep] PROJECT DOCUMENT
#
# Runs `gloss PROJECT --document DOCUMENT` under a fresh Xvfb (1400x900x24,
# cairo renderer, private D-Bus session with the portal already started,
# memory GSettings, GTK_A11Y=none) on a copy of the project, with
# GLOSS_BENCH=1 GLOSS_BENCH_SCRIPT=1 (see src/app/gloss-bench.c):
#   1. open: time from exec to the first complete frame, RSS then;
#   2. the app scrolls from top to bottom, one page per frame;
#   3. this script types 100 hotkey annotations with xdotool (Ctrl+Home once,
#      then for each: Ctrl+Right Ctrl+Left Shift+Ctrl+Right selects the next
#      word, "1" applies the label whose hotkey is 1), waiting for the app to
#      have measured each edit before the next;
#   4. then 100 Ctrl+Z, likewise.
# The app prints one "name value unit" line per figure and quits; this script
# prints them on stdout. Progress and notes go to stderr.
#
# Environment: GLOSS_BUILD_DIR (default: _build beside tests/), GLOSS_BENCH_EDITS
# (100), GLOSS_BENCH_KEY_DELAY (ms between typed keys, 30),
# GLOSS_BENCH_VERBOSE=1 (the app's timeline and per-frame lines, kept with
# --keep in WORKDIR/stderr), GLOSS_BENCH_WRAPPER (a profiler command put
# before the app's, e.g. "perf record -e cpu-clock -g -o /tmp/gloss.perf"). Not a test: never run by meson test.

set -eu

here=$(cd "$(dirname "$0")" && pwd)
srcdir=$(cd "$here/../.." && pwd)
builddir=${GLOSS_BUILD_DIR:-$srcdir/_build}

if [ "${1:-}" != "--inner" ]; then
  keep=0
  while [ $# -gt 0 ]; do
    case "$1" in
      --keep) keep=1; shift ;;
      -h|--help) sed -n '7,27p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
      *) break ;;
    esac
  done
  if [ $# -ne 2 ]; then
    echo "usage: $0 [--keep] PROJECT DOCUMENT" >&2
    exit 2
  fi
  for tool in xvfb-run xdotool dbus-run-session python3; do
    command -v "$tool" >/dev/null || { echo "$0: $tool is needed" >&2; exit 2; }
  done
  [ -x "$builddir/src/app/gloss" ] || { echo "$0: no $builddir/src/app/gloss; build first" >&2; exit 2; }
  [ -f "$1" ] || { echo "$0: no project $1" >&2; exit 2; }

  work=$(mktemp -d "${TMPDIR:-/tmp}/gloss-bench.XXXXXX")
  # The run edits the project (and undoes it): work on a copy.
  cp "$1" "$work/project.gloss"
  [ -f "$1-wal" ] && cp "$1-wal" "$work/project.gloss-wal"
  status=0
  GLOSS_BENCH_WORK=$work \
    xvfb-run -a -s "-screen 0 1400x900x24 -nolisten tcp" \
    bash "$(dirname "$0")/../ui/private-bus.sh" "$0" --inner "$work/project.gloss" "$2" 3>&1 >&2 || status=$?
  if [ "$keep" = 1 ]; then
    echo "bench: kept $work" >&2
  else
    rm -rf "$work"
  fi
  exit $status
fi

# ---- inside Xvfb and the D-Bus session
shift
project=$1
document=$2
work=$GLOSS_BENCH_WORK
edits=${GLOSS_BENCH_EDITS:-100}
delay=${GLOSS_BENCH_KEY_DELAY:-30}

export GSK_RENDERER=cairo
export GLOSS_NO_FIRST_RUN=1
export GSETTINGS_BACKEND=memory
export GSETTINGS_SCHEMA_DIR="$builddir/data"
export GTK_A11Y=none
export NO_AT_BRIDGE=1
export GLOSS_BENCH=1
export GLOSS_BENCH_SCRIPT=1
export GLOSS_BENCH_EDITS=$edits
export GLOSS_BENCH_STATUS="$work/status"
unset GLOSS_SCREENSHOT

: > "$GLOSS_BENCH_STATUS"

# The session bus (private-bus.sh) starts no portal: GTK's start-up asks
# for one and gets a quick "no such service", as on a desktop without
# portals, instead of waiting for a portal that has no session to serve.

# GLOSS_BENCH_T0 is taken on CLOCK_MONOTONIC (as g_get_monotonic_time) just
# before exec, so "open_first_frame" counts from the process's start.
# GLOSS_BENCH_WRAPPER (e.g. "perf record -g -o FILE") runs the app under a
# profiler; its figures are then the profiler's, not the app's.
python3 -c '
import os, shlex, sys, time
os.environ["GLOSS_BENCH_T0"] = str(time.monotonic_ns() // 1000)
argv = shlex.split(os.environ.get("GLOSS_BENCH_WRAPPER", "")) + sys.argv[1:]
os.execvp(argv[0], argv)
' "$builddir/src/app/gloss" "$project" --document "$document" \
  > "$work/figures" 2> "$work/stderr" &
pid=$!

fail() {
  echo "bench: $*" >&2
  kill "$pid" 2>/dev/null || true
  cat "$work/stderr" >&2
  exit 1
}

# The driver polls without starting processes: on two cores, a grep and a
# sleep every few milliseconds took CPU from the app while it measured its
# own start. read -t on a FIFO nobody writes to is a sleep in the shell.
mkfifo "$work/nap"
exec 4<>"$work/nap"
nap() {
  read -r -t "$1" -u 4 _ || true
}

# wait_for STATE SECONDS [soft]: polls the app's status file every 10 ms; 1
# if the run is over (or, when soft, on time-out).
wait_for() {
  n=0
  while :; do
    state=
    read -r state < "$GLOSS_BENCH_STATUS" 2>/dev/null || true
    [ "$state" = "$1" ] && return 0
    [ "$state" = done ] && return 1
    kill -0 "$pid" 2>/dev/null || fail "gloss exited before \"$1\""
    n=$((n + 1))
    if [ $n -gt $(($2 * 100)) ]; then
      [ -n "${3:-}" ] && return 1
      fail "no \"$1\" after $2 s (status: $state)"
    fi
    nap 0.01
  done
}

# type PHASE KEYS...: types KEYS $edits times, each time waiting until the
# app has measured the edit (status "PHASE i") and the frame clock is idle.
type_edits() {
  phase=$1
  shift
  i=0
  while [ $i -lt "$edits" ]; do
    xdotool key --delay "$delay" "$@"
    i=$((i + 1))
    if ! wait_for "$phase $i" 5 soft; then
      grep -q "^$phase " "$GLOSS_BENCH_STATUS" || return 0
      echo "bench: edit $i of $phase not measured after 5 s" >&2
    fi
    nap 0.02
  done
}

echo "bench: opening $document and scrolling" >&2
wait_for "hotkeys 0" 900

if [ -n "${GLOSS_BENCH_WRAPPER:-}" ]; then
  # $pid is the wrapper's; the window is its child's.
  window=$(xdotool search --sync --onlyvisible --name "$document" | head -n 1)
else
  window=$(xdotool search --sync --onlyvisible --pid "$pid" | head -n 1)
fi
xdotool windowfocus --sync "$window" 2>/dev/null || xdotool windowfocus "$window"

echo "bench: typing $edits hotkey annotations" >&2
xdotool key --delay "$delay" ctrl+Home
sleep 0.1
type_edits hotkeys ctrl+Right ctrl+Left shift+ctrl+Right 1

if wait_for "undo 0" 30; then
  echo "bench: typing $edits undos" >&2
  sleep 0.2
  type_edits undo ctrl+z
fi

wait_for done 60 || true
n=0
while kill -0 "$pid" 2>/dev/null; do
  n=$((n + 1))
  [ $n -le 200 ] || fail "gloss did not quit"
  sleep 0.05
done
wait "$pid" || fail "gloss failed"

grep -E '^[a-z0-9_]+ [0-9.]+ [A-Za-z]+$' "$work/figures" >&3 || fail "no figures"
