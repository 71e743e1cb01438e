#!/bin/bash
# Rewrites po/POTFILES.in so that build-aux/check-potfiles.sh passes: adds
# the files it reports missing, drops the ones it reports stale, sorts.
#
# Copyright 2026 The Gloss authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
ROOT="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
cd "$ROOT"
report=$(bash build-aux/check-potfiles.sh "$ROOT" || true)
missing=$(printf '%s\n' "$report" | sed -n 's/^  //p')
stale=$(printf '%s\n' "$report" | sed -n 's/^Listed in .* but [a-z ]*: //p')
{
  grep '^#' po/POTFILES.in || true
  { grep -v '^#' po/POTFILES.in | grep -v '^$' || true; printf '%s\n' "$missing"; } \
    | grep -v '^$' | grep -vxF -f <(printf '%s\n' "$stale" | grep -v '^$' || echo '@@none@@') \
    | LC_ALL=C sort -u
} > po/POTFILES.in.new
mv po/POTFILES.in.new po/POTFILES.in
bash build-aux/check-potfiles.sh "$ROOT"
