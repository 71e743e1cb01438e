#!/bin/bash
# bench-scale.sh: the scale benchmark of issue 12, command-line lines
#
# Copyright 2026 The Gloss authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: tests/bench/bench-scale.sh [--runs N] [--only LIST] [--keep] OUT
#
# Times gloss-cli on the projects tests/bench/make-scale-projects.sh made in
# OUT, each run on fresh copies in a folder inside OUT (same disk; removed
# afterwards unless --keep, which keeps it and the last run's projects), with
# /usr/bin/time for the peak RSS. Runs every timed command N times (--runs,
# default 3) and prints the medians as "name value unit" lines on stdout;
# progress goes to stderr. LIST
# (comma-separated, default all) picks among:
#   agreement  `gloss-cli agreement team.gloss` (the table) and `--json`
#              (as ../shared/bench/README.md runs it, output to a file):
#              agreement_seconds, agreement_peak_rss, agreement_json_*
#   merge      `gloss-cli merge ana.gloss ben.gloss cai.gloss` into a fresh
#              copy of ana.gloss: merge_seconds, merge_peak_rss,
#              merge_incoming_annotations (rows of ben.gloss and cai.gloss)
#   import     `gloss-cli import P brat/ana --format brat --annotator ana`
#              into a fresh empty project (its init not timed):
#              import_seconds, import_annotations, import_annotations_per_second,
#              import_peak_rss
#   curation   the curation view's queue of every disagreement of team.gloss
#              and each document's curated count (tests/bench/bench-curation,
#              in-process, on a copy): curation_queue_seconds,
#              curation_progress_seconds, curation_queue_undecided, ...
#   window     the window's lines (launch on big.gloss, typing a filter): run
#              by tests/bench/bench-scale-window.sh when it exists, called as
#              `bench-scale-window.sh --runs N OUT/big.gloss` and expected to
#              print its own "name value unit" lines, passed on unchanged
# Peak RSS is in MiB (/usr/bin/time's maximum resident set size). The page
# cache is warm: each copy was just written.
#
# Environment: GLOSS_BUILD_DIR (default: _build beside tests/), GLOSS_CLI
# (default: the build's src/cli/gloss-cli). Wrap a run in
# `flock /tmp/gloss-test.lock` on a shared machine. Not a test: never run by
# meson test.

set -eu

here=$(cd "$(dirname "$0")" && pwd)
srcdir=$(cd "$here/../.." && pwd)
builddir=${GLOSS_BUILD_DIR:-$srcdir/_build}
cli=${GLOSS_CLI:-$builddir/src/cli/gloss-cli}

runs=3
only=agreement,merge,import,curation,window
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --runs=*) runs=${1#--runs=}; shift ;;
    --only) only=$2; shift 2 ;;
    --only=*) only=${1#--only=}; shift ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '7,40p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "$0: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
if [ $# -ne 1 ] || ! [ "$runs" -ge 1 ] 2>/dev/null; then
  echo "usage: $0 [--runs N] [--only LIST] [--keep] OUT" >&2
  exit 2
fi
out=$(cd "$1" && pwd)

[ -x "$cli" ] || { echo "$0: no $cli; build first" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "$0: /usr/bin/time is needed (Debian: package time)" >&2; exit 2; }
for p in ana ben cai team big; do
  [ -f "$out/$p.gloss" ] || { echo "$0: no $out/$p.gloss; run make-scale-projects.sh $1" >&2; exit 2; }
done

wants () {
  case ",$only," in
    *",$1,"*) return 0 ;;
    *) return 1 ;;
  esac
}

work=$(mktemp -d "$out/bench.XXXXXX")
if [ "$keep" = 1 ]; then
  trap 'echo "bench-scale: kept $work" >&2' EXIT
else
  trap 'rm -rf "$work"' EXIT
fi

# fresh SOURCE DEST: a copy of a project (with its -wal, if one was left),
# without what a crashed run left
fresh () {
  rm -f "$2" "$2-wal" "$2-shm"
  cp "$1" "$2"
  if [ -s "$1-wal" ]; then
    cp "$1-wal" "$2-wal"
  fi
}

# timed NAME COMMAND...: one run; appends its seconds to $work/NAME.seconds
# and its peak RSS in KiB to $work/NAME.rss; the command's output goes to
# $work/NAME.out and .err. A failing command stops the benchmark.
timed () {
  local name=$1 t0 t1
  shift
  t0=$(date +%s.%N)
  if ! /usr/bin/time -f %M -o "$work/$name.time" "$@" > "$work/$name.out" 2> "$work/$name.err"; then
    echo "bench-scale: $name failed: $*" >&2
    sed 's/^/  /' "$work/$name.err" | tail -20 >&2
    exit 1
  fi
  t1=$(date +%s.%N)
  awk "BEGIN { printf \"%.3f\\n\", $t1 - $t0 }" >> "$work/$name.seconds"
  tail -n 1 "$work/$name.time" >> "$work/$name.rss"
  echo "bench-scale: $name run $(wc -l < "$work/$name.seconds"): $(tail -n 1 "$work/$name.seconds") s" >&2
}

# median FILE: the median of the numbers in FILE, one a line
median () {
  sort -g "$1" | awk '{ v[NR] = $1 }
    END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# report NAME: NAME_seconds and NAME_peak_rss, medians of the runs
report () {
  echo "$1_seconds $(median "$work/$1.seconds" | xargs printf '%.3f') s"
  echo "$1_peak_rss $(median "$work/$1.rss" | awk '{ printf "%.1f", $1 / 1024 }') MiB"
}

count_annotations () {
  sqlite3 "$1" "SELECT count(*) FROM annotations WHERE deleted = 0"
}

echo "bench-scale: $out, $runs runs, $(nproc) cores, $(cut -d' ' -f1-3 /proc/loadavg) load" >&2
if command -v sqlite3 >/dev/null; then
  echo "team_documents $(sqlite3 "$out/team.gloss" 'SELECT count(*) FROM documents') count"
  echo "team_annotations $(count_annotations "$out/team.gloss") count"
fi

if wants agreement; then
  fresh "$out/team.gloss" "$work/team.gloss"
  for _ in $(seq "$runs"); do
    timed agreement "$cli" agreement "$work/team.gloss"
  done
  for _ in $(seq "$runs"); do
    timed agreement_json "$cli" agreement "$work/team.gloss" --json
  done
  report agreement
  report agreement_json
  rm -f "$work/agreement_json.out"
fi

if wants merge; then
  for _ in $(seq "$runs"); do
    for p in ana ben cai; do
      fresh "$out/$p.gloss" "$work/$p.gloss"
    done
    timed merge "$cli" merge "$work/ana.gloss" "$work/ben.gloss" "$work/cai.gloss"
  done
  report merge
  if command -v sqlite3 >/dev/null; then
    incoming=$(($(count_annotations "$out/ben.gloss") + $(count_annotations "$out/cai.gloss")))
    echo "merge_incoming_annotations $incoming count"
    echo "merge_annotations_per_second $(median "$work/merge.seconds" \
      | awk -v n="$incoming" '{ printf "%.0f", n / $1 }') annotations/s"
  fi
  # --keep keeps the last run's merged project (ana.gloss), e.g. for
  # scale-dump.sh
  if [ "$keep" = 0 ]; then
    rm -f "$work"/*.gloss "$work"/*.gloss-wal "$work"/*.gloss-shm
  fi
fi

if wants import; then
  for _ in $(seq "$runs"); do
    rm -f "$work/import.gloss" "$work/import.gloss-wal" "$work/import.gloss-shm"
    "$cli" init "$work/import.gloss" --schema news
    timed import "$cli" import "$work/import.gloss" "$out/brat/ana" --format brat --annotator ana
  done
  report import
  # "Imported 10000 documents, 200587 annotations, 0 relations"
  n=$(sed -n 's/.* documents, \([0-9]*\) annotations.*/\1/p' "$work/import.out" | head -n 1)
  if [ -n "$n" ]; then
    echo "import_annotations $n count"
    echo "import_annotations_per_second $(median "$work/import.seconds" \
      | awk -v n="$n" '{ printf "%.0f", n / $1 }') annotations/s"
  fi
  if [ "$keep" = 0 ]; then
    rm -f "$work/import.gloss" "$work/import.gloss-wal" "$work/import.gloss-shm"
  fi
fi

if wants curation; then
  fresh "$out/team.gloss" "$work/team.gloss"
  "$builddir/tests/bench/bench-curation" --runs "$runs" "$work/team.gloss"
  rm -f "$work/team.gloss" "$work/team.gloss-wal" "$work/team.gloss-shm"
fi

# The window's lines (issue 12: launch to window shown on the 100,000-document
# project; typing a filter into the document search) come from a script of
# their own, driving the real window under Xvfb as bench-workbench.sh does.
if wants window; then
  if [ -x "$here/bench-scale-window.sh" ]; then
    "$here/bench-scale-window.sh" --runs "$runs" "$out/big.gloss"
  else
    echo "bench-scale: no window lines: tests/bench/bench-scale-window.sh is not written yet" >&2
  fi
fi
