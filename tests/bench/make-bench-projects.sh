#!/bin/sh
# make-bench-projects.sh: the workbench benchmark's projects
#
# Copyright 2026 The Gloss authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: tests/bench/make-bench-projects.sh DIR [SIZES]
#
# Generates the seeded news-like corpus with ../shared/bench/gen_corpus.py
# (SIZES: comma-separated, default 1m,3m) into DIR/corpus, converts each
# document to Gloss JSONL with corpus-to-gloss.py and imports it into its own
# project DIR/news_<size>.gloss (document name news_<size>), whose schema
# declares the generator's labels, relation types and attributes (written to
# DIR/bench-schema.json). Existing projects are replaced.
#
# Environment: GLOSS_BUILD_DIR (default: _build beside tests/), GEN_CORPUS
# (default: ../shared/bench/gen_corpus.py beside the source tree).
#
# Then: tests/bench/bench-workbench.sh DIR/news_1m.gloss news_1m

set -eu

here=$(cd "$(dirname "$0")" && pwd)
srcdir=$(cd "$here/../.." && pwd)
builddir=${GLOSS_BUILD_DIR:-$srcdir/_build}
gen=${GEN_CORPUS:-$srcdir/../shared/bench/gen_corpus.py}

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 DIR [SIZES]" >&2
  exit 2
fi
dir=$1
sizes=${2:-1m,3m}
cli="$builddir/src/cli/gloss-cli"

[ -f "$gen" ] || { echo "$0: no generator at $gen (set GEN_CORPUS)" >&2; exit 2; }
[ -x "$cli" ] || { echo "$0: no $cli; build first" >&2; exit 2; }

mkdir -p "$dir"
python3 "$gen" --out "$dir/corpus" --sizes "$sizes" --no-brat

old_ifs=$IFS
IFS=,
for size in $sizes; do
  IFS=$old_ifs
  name="news_$size"
  python3 "$here/corpus-to-gloss.py" "$dir/corpus/jsonl/$name.jsonl" "$dir/$name.jsonl" \
    --schema-out "$dir/bench-schema.json"
  rm -f "$dir/$name.gloss" "$dir/$name.gloss-wal" "$dir/$name.gloss-shm"
  "$cli" init "$dir/$name.gloss" --schema "$dir/bench-schema.json"
  "$cli" import "$dir/$name.gloss" "$dir/$name.jsonl"
  rm -f "$dir/$name.jsonl"
  echo "$dir/$name.gloss: document $name" >&2
done
