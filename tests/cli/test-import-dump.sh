#!/bin/bash
# test-import-dump.sh: a brat import writes exactly the rows it wrote when the
# dumps in tests/data/import-dump were made, so that making the import faster
# cannot change what it imports (TAP)
#
# The dumps are dump_project's (dump-project.sh), after the import's own
# report. After a change that is meant to import something else, write them
# again and read the difference before committing it:
#   GLOSS_CLI=_build/src/cli/gloss-cli bash tests/cli/test-import-dump.sh --write
#
# Copyright 2026 The Gloss authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

TAP_NEEDS=sqlite3
. "$(dirname "$0")/tap.sh"
. "$(dirname "$0")/dump-project.sh"

DATA=$SRC/tests/data/import-dump
WRITE=false
[ "${1:-}" = "--write" ] && WRITE=true

# same DESCRIPTION GOT EXPECTED-FILE: GOT is the file's content (--write:
# becomes it)
same () {
  if $WRITE; then
    cp "$2" "$3"
    ok "$1 (written to $3)"
  elif diff -u "$3" "$2" >"$TMP/diff"; then
    ok "$1"
  else
    not_ok "$1"
    sed 's/^/# /' "$TMP/diff" | head -40
  fi
}

# import_and_dump NAME FOLDER IMPORT-ARGS...: imports into $TMP/NAME.gloss
# (made by the first call), appends the report and then the project's dump to
# $TMP/NAME.dump, with FOLDER written as "@"
import_and_dump () {
  local name=$1 folder=$2
  shift 2
  local project=$TMP/$name.gloss

  [ -e "$project" ] || "$CLI" init "$project" --schema news >/dev/null
  if "$CLI" import "$project" "$@" >"$TMP/out" 2>"$TMP/err"; then
    ok "import $name: $*"
  else
    not_ok "import $name: $*"
    sed 's/^/# /' "$TMP/err" | head -20
  fi
  {
    echo "# import $*"
    sed "s|$folder|@|g" "$TMP/out" "$TMP/err"
    dump_project "$project" "$folder"
  } | sed "s|$folder|@|g" >>"$TMP/$name.dump"
}

# --- our own invented folder: events, relations, attributes, notes,
# normalisations, a discontinuous span, a BOM, CR LF, an annotation.conf in a
# subfolder, a text without .ann, two documents of one name; imported twice
# into one project (the second time into existing documents and labels)
B=$DATA/brat
GLOSS_ANNOTATOR=desk import_and_dump invented "$B" "$B" --format brat
import_and_dump invented "$B" "$B/wire" "$B/agency.ann" --annotator ana
grep -q "^# annotations" "$TMP/invented.dump" && ok "the invented dump was made" \
  || not_ok "the invented dump was made"
same "the invented folder imports as it did" "$TMP/invented.dump" "$DATA/invented.dump"

# --- the brat fixtures of ../shared/corpora: compared by digest, since their
# texts are not ours to keep in this repository
C=${GLOSS_CORPORA_DIR:-$SRC/../shared/corpora}/brat
if [ -d "$C/nlplab-brat-tutorials" ]; then
  C=$(cd "$C" && pwd)
  import_and_dump corpora "$C" "$C/apache-opennlp-brat-fixtures" "$C/dkpro-core-brat-fixtures" \
    "$C/nlplab-brat-example-TDT" "$C/nlplab-brat-tutorials" --format brat --skip-bad
  sha256sum <"$TMP/corpora.dump" | cut -d' ' -f1 >"$TMP/corpora.sha256"
  tail -n 1 "$TMP/corpora.dump" | sed 's/^/# documents|annotations|relations: /'
  same "the brat corpora import as they did" "$TMP/corpora.sha256" "$DATA/corpora.sha256"
else
  ok "the brat corpora import as they did # SKIP ../shared/corpora is absent"
fi

tap_finish
