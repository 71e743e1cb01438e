#!/bin/bash
# bench-scale-window.sh: the window lines of the scale benchmark (issue 12)
#
# Copyright 2026 The Gloss authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: tests/bench/bench-scale-window.sh [--runs N] [--keep] PATH/big.gloss
#
# Works on a copy of the 100,000-document project in a folder beside it (the
# original is never opened: a newer Gloss would upgrade it in place), and
# prints medians of N runs (default 3) as "name value unit" lines:
#   upgrade    when this build's project version is newer than the copy's,
#              `gloss-cli schema import` on the copy (it upgrades the file,
#              keeping a backup, then writes the same schema back):
#              big_upgrade_seconds, big_size_before, big_size_after (MiB,
#              after a checkpoint); the same for team.gloss when it lies
#              beside big.gloss (team_*)
#   launch     `gloss COPY --document FIRST` with GLOSS_BENCH_SCRIPT=open
#              (src/app/gloss-bench.c), which every build has: exec to the
#              first complete frame of the window with a document open:
#              launch_document_seconds, launch_document_rss
#   filter     `gloss COPY` with GLOSS_BENCH_SCRIPT=filter; once the window
#              is up this script presses Ctrl+K and types "official", one
#              key every 120 ms with xdotool. Measured from outside (any
#              build): filter_settled_external (last key to the moment the
#              process stopped using CPU for 0.5 s), rss_before_typing_external,
#              rss_after_typing_external (VmRSS), and per key the time until
#              the process used no CPU for 40 ms (filter_keystroke_busy_
#              external_median/_max; CPU time moves in 10 ms ticks, so a key
#              that takes less may count 0). A build whose gloss-bench.c
#              knows the filter script adds its own: window_shown (exec to
#              the first frame of the window), filter_keystroke_median/_p95/
#              _max (key event to the next painted frame), filter_settled
#              (last key to the first frame showing its matches), RSS figures
#              and filter_matches.
# Progress goes to stderr.
#
# Environment: GLOSS_BUILD_DIR (default: _build beside tests/), GLOSS_APP and
# GLOSS_CLI (default: the build's src/app/gloss and src/cli/gloss-cli; point
# them at another build's binaries for "before" figures). Needs xvfb-run,
# xdotool, dbus-run-session, python3. Wrap a run in `flock
# /tmp/gloss-test.lock`. Not a test: never run by meson test.

set -eu

here=$(cd "$(dirname "$0")" && pwd)
srcdir=$(cd "$here/../.." && pwd)
builddir=${GLOSS_BUILD_DIR:-$srcdir/_build}
app=${GLOSS_APP:-$builddir/src/app/gloss}
cli=${GLOSS_CLI:-$builddir/src/cli/gloss-cli}

# ---- inside Xvfb and the private D-Bus session: one launch or filter run
if [ "${1:-}" = "--inner" ]; then
  export GSK_RENDERER=cairo
  export GLOSS_NO_FIRST_RUN=1
  export GSETTINGS_BACKEND=memory
  export GSETTINGS_SCHEMA_DIR="$builddir/data"
  export GTK_A11Y=none
  export NO_AT_BRIDGE=1
  export GLOSS_BENCH=1
  unset GLOSS_SCREENSHOT
  # No blinking caret: its redraws would keep the process from going idle.
  mkdir -p "$GLOSS_BENCH_WORK/config/gtk-4.0"
  printf '[Settings]\ngtk-cursor-blink=false\n' > "$GLOSS_BENCH_WORK/config/gtk-4.0/settings.ini"
  export XDG_CONFIG_HOME="$GLOSS_BENCH_WORK/config"
  exec python3 - "$2" "$3" "$app" "${4:-}" <<'PY'
import os, re, subprocess, sys, time

mode, project, app, document = sys.argv[1:5]
figure = re.compile(r'^[a-z0-9_]+ [0-9.]+ [A-Za-z]+$')

def emit(name, value, unit):
    print(f"{name} {value} {unit}", flush=True)

def start(extra_env, args):
    env = dict(os.environ, **extra_env)
    env["GLOSS_BENCH_T0"] = str(time.monotonic_ns() // 1000)
    return subprocess.Popen([app, project] + args, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)

def app_figures(proc, prefix=""):
    out = proc.stdout.read()
    for line in out.splitlines():
        if figure.match(line):
            print(prefix + line, flush=True)

def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0

def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])

if mode == "launch":
    proc = start({"GLOSS_BENCH_SCRIPT": "open"}, ["--document", document])
    try:
        proc.wait(timeout=300)
    except subprocess.TimeoutExpired:
        proc.kill()
        sys.exit("bench-scale-window: the window did not open in 300 s")
    for line in proc.stdout.read().splitlines():
        name, value, unit = (line.split() + ["", "", ""])[:3]
        if name == "open_first_frame":
            emit("launch_document_seconds", value, "s")
        elif name == "rss_after_open":
            emit("launch_document_rss", value, "MB")
    sys.exit(0)

# the filter run
proc = start({"GLOSS_BENCH_SCRIPT": "filter", "GLOSS_BENCH_FILTER_KEYS": "8"}, [])
window = None
deadline = time.monotonic() + 300
while window is None:
    if proc.poll() is not None or time.monotonic() > deadline:
        sys.exit("bench-scale-window: no window")
    r = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(proc.pid)],
                       capture_output=True, text=True)
    if r.stdout.strip():
        window = r.stdout.split()[0]
    else:
        time.sleep(0.05)
time.sleep(1.5)    # what the start-up left to do in idle time
subprocess.run(["xdotool", "windowfocus", "--sync", window], capture_output=True)
subprocess.run(["xdotool", "key", "ctrl+k"])
time.sleep(0.3)
rss_before = rss_kb(proc.pid)
busy = []
for c in "official":
    subprocess.run(["xdotool", "key", c])
    last_key = time.monotonic()
    # busy: the key to the process's last CPU tick before 40 ms without
    # one (CPU time moves in 10 ms ticks: a figure to +-10 ms)
    ticks = cpu_ticks(proc.pid)
    changed = last_key
    while time.monotonic() - changed < 0.04 and time.monotonic() - last_key < 10:
        time.sleep(0.005)
        now_ticks = cpu_ticks(proc.pid)
        if now_ticks != ticks:
            ticks = now_ticks
            changed = time.monotonic()
    busy.append((changed - last_key) * 1000)
    time.sleep(max(0.0, 0.12 - (time.monotonic() - last_key)))
busy.sort()
emit("filter_keystroke_busy_external_median", f"{busy[len(busy) // 2]:.0f}", "ms")
emit("filter_keystroke_busy_external_max", f"{busy[-1]:.0f}", "ms")
# settled: the process's CPU time has not moved for 0.5 s
ticks = cpu_ticks(proc.pid)
changed = last_key
while time.monotonic() - changed < 0.5 and time.monotonic() - last_key < 120:
    time.sleep(0.01)
    now_ticks = cpu_ticks(proc.pid)
    if now_ticks != ticks:
        ticks = now_ticks
        changed = time.monotonic()
emit("filter_settled_external", f"{max(0.0, changed - last_key):.3f}", "s")
emit("rss_before_typing_external", f"{rss_before / 1024:.1f}", "MB")
emit("rss_after_typing_external", f"{rss_kb(proc.pid) / 1024:.1f}", "MB")
proc.terminate()
try:
    proc.wait(timeout=10)
except subprocess.TimeoutExpired:
    proc.kill()
    proc.wait()
app_figures(proc)
PY
fi

# ---- outside
runs=3
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --runs=*) runs=${1#--runs=}; shift ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '7,42p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "$0: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
if [ $# -ne 1 ] || ! [ "$runs" -ge 1 ] 2>/dev/null; then
  echo "usage: $0 [--runs N] [--keep] PATH/big.gloss" >&2
  exit 2
fi
big=$1
[ -f "$big" ] || { echo "$0: no $big" >&2; exit 2; }
for tool in xvfb-run xdotool dbus-run-session python3; do
  command -v "$tool" >/dev/null || { echo "$0: $tool is needed" >&2; exit 2; }
done
[ -x "$app" ] || { echo "$0: no $app; build first" >&2; exit 2; }
[ -x "$cli" ] || { echo "$0: no $cli; build first" >&2; exit 2; }

work=$(mktemp -d "$(cd "$(dirname "$big")" && pwd)/bench-window.XXXXXX")
if [ "$keep" = 1 ]; then
  trap 'echo "bench-scale-window: kept $work" >&2' EXIT
else
  trap 'rm -rf "$work"' EXIT
fi

median () {
  sort -g | awk '{ v[NR] = $1 }
    END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# size_mib FILE: the file's size after folding its -wal in
size_mib () {
  python3 -c '
import os, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
c.close()
print("%.1f" % (os.path.getsize(sys.argv[1]) / 1048576))' "$1"
}

# upgrade NAME SOURCE: copies SOURCE to $work/NAME.gloss and upgrades the
# copy when this build's project version is newer
upgrade () {
  local name=$1 copy=$work/$1.gloss t0 t1 before after
  cp "$2" "$copy"
  before=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("PRAGMA user_version").fetchone()[0])' "$copy")
  echo "${name}_size_before $(size_mib "$copy") MiB"
  "$cli" schema export "$copy" "$work/$name.json" >/dev/null
  t0=$(date +%s.%N)
  "$cli" schema import "$copy" "$work/$name.json" >/dev/null 2>"$work/$name.err" || {
    cat "$work/$name.err" >&2; exit 1; }
  t1=$(date +%s.%N)
  after=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("PRAGMA user_version").fetchone()[0])' "$copy")
  if [ "$after" != "$before" ]; then
    awk "BEGIN { printf \"${name}_upgrade_seconds %.3f s\\n\", $t1 - $t0 }"
    echo "${name}_size_after $(size_mib "$copy") MiB"
    echo "bench-scale-window: $name.gloss upgraded from version $before to $after" >&2
  fi
  rm -f "$copy".v*.bak "$work/$name.json" "$work/$name.err"
}

echo "bench-scale-window: $app, $runs runs, $(nproc) cores, $(cut -d' ' -f1-3 /proc/loadavg) load" >&2
upgrade big "$big"
team=$(dirname "$big")/team.gloss
if [ -f "$team" ]; then
  upgrade team "$team"
  rm -f "$work/team.gloss" "$work/team.gloss-wal" "$work/team.gloss-shm"
fi
first=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT name FROM documents ORDER BY name, id LIMIT 1").fetchone()[0])' "$work/big.gloss")

: > "$work/figures"
for i in $(seq "$runs"); do
  for mode in launch filter; do
    mkdir -p "$work/run"
    GLOSS_BENCH_WORK=$work/run GLOSS_BUILD_DIR=$builddir GLOSS_APP=$app \
      xvfb-run -a -s "-screen 0 1400x900x24 -nolisten tcp" \
      bash "$here/../ui/private-bus.sh" "$0" --inner "$mode" "$work/big.gloss" "$first" \
      > "$work/run.out" || { echo "bench-scale-window: $mode run $i failed" >&2; exit 1; }
    echo "bench-scale-window: $mode run $i: $(tr '\n' ' ' < "$work/run.out")" >&2
    cat "$work/run.out" >> "$work/figures"
    rm -rf "$work/run"
  done
done

# the medians, in the order the names first came
awk '{ print $1, $3 }' "$work/figures" | awk '!seen[$1]++' | while read -r name unit; do
  value=$(awk -v n="$name" '$1 == n { print $2 }' "$work/figures" | median)
  echo "$name $value $unit"
done
