#!/bin/bash
# test-scale-dump.sh: tests/bench/scale-dump.sh can be trusted (TAP)
#
# The scale work of issue 12 changes how import, merge and agreement run, not
# what they make: its check is a diff of scale-dump.sh's output before and
# after. That diff only means something if the dump of the same inputs is
# always the same, so here a small team project is made twice, as
# ../shared/bench/README.md makes the large one (50 articles cut from
# gen_corpus.py's 100 KB document, three annotators, imported from brat and
# merged; the second time in other folders and merged in the other order),
# and the two dumps must be identical; a one-label change in a copy must show
# in the dump, in the annotations and in the agreement figures. Skips (77)
# without ../shared/bench, sqlite3 or python3.
#
# Copyright 2026 The Gloss authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

TAP_NEEDS="sqlite3 python3"
. "$(dirname "$0")/tap.sh"

DUMP=$SRC/tests/bench/scale-dump.sh
BENCH=$SRC/../shared/bench
for script in gen_corpus.py split_brat.py perturb.py; do
  if [ ! -f "$BENCH/$script" ]; then
    echo "1..0 # SKIP no $BENCH/$script"
    exit 77
  fi
done
export GLOSS_CLI=$CLI

# --- the inputs: three annotators' brat folders
python3 "$BENCH/gen_corpus.py" --out "$TMP/corpus" --sizes 100k --no-jsonl 2>/dev/null
python3 "$BENCH/split_brat.py" "$TMP/corpus/brat/news_100k/news_100k.txt" \
  "$TMP/corpus/brat/news_100k/news_100k.ann" "$TMP/in/ana" 50 >/dev/null
python3 "$BENCH/perturb.py" "$TMP/in/ana" "$TMP/in/ben" 7 0
python3 "$BENCH/perturb.py" "$TMP/in/ana" "$TMP/in/cai" 0 5
is "50 articles cut for ana" "$(find "$TMP/in/ana" -name '*.ann' | wc -l)" 50

# make_team DIR SOURCES...: ana's, ben's and cai's projects from copies of the
# folders in DIR (documents remember where they came from), then DIR/team.gloss
# with SOURCES merged into ana's
make_team () {
  local dir=$1 who
  shift
  mkdir -p "$dir"
  cp -r "$TMP/in/." "$dir/"
  for who in ana ben cai; do
    "$CLI" init "$dir/$who.gloss" --schema news || return 1
    "$CLI" import "$dir/$who.gloss" "$dir/$who" --format brat --annotator "$who" || return 1
  done
  cp "$dir/ana.gloss" "$dir/team.gloss"
  "$CLI" merge "$dir/team.gloss" "$@"
}

check "team project made" make_team "$TMP/one" "$TMP/one/ben.gloss" "$TMP/one/cai.gloss"
check "the same team project made again, merged in the other order" \
  make_team "$TMP/two" "$TMP/two/cai.gloss" "$TMP/two/ben.gloss"

check "dump of the first" bash "$DUMP" "$TMP/one/team.gloss"
cp "$TMP/out" "$TMP/dump-one"
check "dump of the second" bash "$DUMP" "$TMP/two/team.gloss"
cp "$TMP/out" "$TMP/dump-two"

if cmp -s "$TMP/dump-one" "$TMP/dump-two"; then
  ok "the two dumps are identical"
else
  not_ok "the two dumps are identical"
  diff "$TMP/dump-one" "$TMP/dump-two" | head -10 | cut -c1-200 | sed 's/^/# /'
fi

# The dump is not empty of what it is for: every annotator's rows and the
# three annotators' figures.
for who in ana ben cai; do
  is "$who's annotations are dumped" \
    "$(grep -c "\"annotator\":\"$who\"" "$TMP/dump-one")" \
    "$(sqlite3 "$TMP/one/team.gloss" "SELECT count(*) FROM annotations WHERE annotator = '$who'")"
done
has "agreement over the three annotators" "$TMP/dump-one" '"annotators":["ana","ben","cai"]'
is "agreement of every document" "$(grep -c '^{"alpha"' "$TMP/dump-one")" 50

# --- a change shows: one of ben's annotations relabelled in a copy
cp "$TMP/two/team.gloss" "$TMP/changed.gloss"
sqlite3 "$TMP/changed.gloss" \
  "UPDATE annotations SET label = 'Event'
   WHERE uuid = (SELECT uuid FROM annotations
                 WHERE annotator = 'ben' AND label <> 'Event'
                 ORDER BY document, start, end, label LIMIT 1)"
check "dump of the changed copy" bash "$DUMP" "$TMP/changed.gloss"
sed '/^# agreement/,$d' "$TMP/dump-one" > "$TMP/rows-one"
sed '/^# agreement/,$d' "$TMP/out" > "$TMP/rows-changed"
diff "$TMP/rows-one" "$TMP/rows-changed" > "$TMP/diff"
is "of the rows, the relabelled annotation differs and nothing else" \
  "$(grep -c '^[<>] {"document":"[^"]*","start"' "$TMP/diff")/$(grep -c '^[<>]' "$TMP/diff")" 2/2
diff "$TMP/dump-one" "$TMP/out" > "$TMP/diff"
if grep -q '^[<>] {"alpha"' "$TMP/diff"; then
  ok "the agreement figures changed with it"
else
  not_ok "the agreement figures changed with it"
fi

# --- relations: the samples' relations, their ends named by label and place
check "samples project" "$CLI" init "$TMP/samples.gloss"
check "samples imported" "$CLI" import "$TMP/samples.gloss" "$SAMPLES/samples.jsonl"
check "dump of the samples" bash "$DUMP" --no-agreement "$TMP/samples.gloss"
is "every relation dumped, both ends found" \
  "$(sed -n '/^# relations/,/^# suggestions/p' "$TMP/out" | grep -c '"source_label":"[^"]')" \
  "$(sqlite3 "$TMP/samples.gloss" "SELECT count(*) FROM relations")"
has "no agreement section with --no-agreement" "$TMP/out" "# suggestions"
if grep -q '^# agreement' "$TMP/out"; then
  not_ok "--no-agreement leaves out the agreement"
else
  ok "--no-agreement leaves out the agreement"
fi

tap_finish
