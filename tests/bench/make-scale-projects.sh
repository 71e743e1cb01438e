#!/bin/bash
# make-scale-projects.sh: the projects of the scale benchmark (issue 12)
#
# Copyright 2026 The Gloss authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: tests/bench/make-scale-projects.sh OUT
#
# Makes in OUT, with ../shared/bench's deterministic scripts and gloss-cli,
# exactly the inputs of ../shared/bench/README.md:
#   corpus/brat/news_10m/   the 10 MB news-like document (gen_corpus.py)
#   brat/ana                10,000 brat articles cut from it (split_brat.py)
#   brat/ben, brat/cai      the other annotators' versions (perturb.py:
#                           ben drops every 7th entity, cai relabels every 5th)
#   ana.gloss ben.gloss cai.gloss
#                           each folder imported as brat by its annotator
#   team.gloss              ana.gloss with ben.gloss and cai.gloss merged in
#   docs/                   100,000 short plain-text documents (split_text.py)
#   big.gloss               those imported
# A step whose result exists is skipped (remove it to make it again); each
# step writes beside its result and renames it when done, so an interrupted
# run leaves nothing half made. Prints what it made and how long each step
# took. Exit status 77 when ../shared/bench is absent.
#
# Environment: GLOSS_BUILD_DIR (default: _build beside tests/), GLOSS_CLI
# (default: the build's src/cli/gloss-cli), SCALE_SHARED_BENCH (default:
# ../shared/bench beside the source tree).
#
# Then: tests/bench/bench-scale.sh OUT

set -eu

here=$(cd "$(dirname "$0")" && pwd)
srcdir=$(cd "$here/../.." && pwd)
builddir=${GLOSS_BUILD_DIR:-$srcdir/_build}
cli=${GLOSS_CLI:-$builddir/src/cli/gloss-cli}
shared=${SCALE_SHARED_BENCH:-$srcdir/../shared/bench}

if [ $# -ne 1 ]; then
  echo "usage: $0 OUT" >&2
  exit 2
fi
out=$1

for script in gen_corpus.py split_brat.py perturb.py split_text.py; do
  if [ ! -f "$shared/$script" ]; then
    echo "$0: no $shared/$script: skipped" >&2
    exit 77
  fi
done
command -v python3 >/dev/null || { echo "$0: python3 is needed" >&2; exit 77; }
[ -x "$cli" ] || { echo "$0: no $cli; build first" >&2; exit 2; }

mkdir -p "$out"
out=$(cd "$out" && pwd)

now () {
  date +%s.%N
}

# step RESULT DESCRIPTION COMMAND...: runs COMMAND unless RESULT exists;
# COMMAND writes RESULT.part (a file or a folder), renamed RESULT when it
# succeeds. A project's -wal and -shm files go with it.
step () {
  local result=$1 what=$2 t0 t1
  shift 2
  if [ -e "$result" ]; then
    echo "kept $result ($what): exists"
    return 0
  fi
  rm -rf "$result.part" "$result.part-wal" "$result.part-shm"
  t0=$(now)
  "$@"
  t1=$(now)
  for suffix in -wal -shm; do
    [ -e "$result.part$suffix" ] && mv "$result.part$suffix" "$result$suffix"
  done
  mv "$result.part" "$result"
  echo "made $result ($what) in $(awk "BEGIN { printf \"%.1f\", $t1 - $t0 }") s"
}

# The corpus: gen_corpus.py writes OUT/corpus/brat/news_10m/ and its manifest.
make_corpus () {
  mkdir -p "$out/corpus.part"
  python3 "$shared/gen_corpus.py" --out "$out/corpus.part" --sizes 10m --no-jsonl >&2
}

make_ana () {
  python3 "$shared/split_brat.py" "$out/corpus/brat/news_10m/news_10m.txt" \
    "$out/corpus/brat/news_10m/news_10m.ann" "$out/brat/ana.part" 10000 >&2
}

# perturb_to NAME DROP RELABEL
perturb_to () {
  python3 "$shared/perturb.py" "$out/brat/ana" "$out/brat/$1.part" "$2" "$3"
}

# project NAME: init with the news schema, import brat/NAME as NAME's
project () {
  "$cli" init "$out/$1.gloss.part" --schema news
  "$cli" import "$out/$1.gloss.part" "$out/brat/$1" --format brat --annotator "$1" >&2
}

team () {
  cp "$out/ana.gloss" "$out/team.gloss.part"
  "$cli" merge "$out/team.gloss.part" "$out/ben.gloss" "$out/cai.gloss" >&2
}

make_docs () {
  python3 "$shared/split_text.py" "$out/corpus/brat/news_10m/news_10m.txt" "$out/docs.part" 100000
}

big () {
  "$cli" init "$out/big.gloss.part" --schema news
  "$cli" import "$out/big.gloss.part" "$out/docs" >&2
}

mkdir -p "$out/brat"
step "$out/corpus" "gen_corpus.py --sizes 10m" make_corpus
step "$out/brat/ana" "split_brat.py: 10,000 articles" make_ana
step "$out/brat/ben" "perturb.py ana ben 7 0" perturb_to ben 7 0
step "$out/brat/cai" "perturb.py ana cai 0 5" perturb_to cai 0 5
for who in ana ben cai; do
  step "$out/$who.gloss" "brat/$who imported by $who" project "$who"
done
step "$out/team.gloss" "ana.gloss, ben.gloss and cai.gloss merged" team
step "$out/docs" "split_text.py: 100,000 documents" make_docs
step "$out/big.gloss" "docs/ imported" big

# What the projects hold, when sqlite3 is at hand (the issue's team project
# holds 577,417 annotations).
if command -v sqlite3 >/dev/null; then
  for p in ana ben cai team big; do
    echo "$p.gloss: $(sqlite3 "$out/$p.gloss" \
      "SELECT (SELECT count(*) FROM documents) || ' documents, '
              || (SELECT count(*) FROM annotations WHERE deleted = 0) || ' annotations'")"
  done
fi
