#!/usr/bin/env bash
# Copyright 2026 The Gloss authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks that po/POTFILES.in lists exactly the files with translatable strings:
#   - every .c file under src/ that calls _(), N_(), C_() or NC_()
#   - every .ui file under src/ or ui/ with translatable="yes"
#   - the .desktop.in, .metainfo.xml.in and .gschema.xml files under data/
# It also reports listed files that no longer exist and an unsorted list.
# Prints the differences and exits 1 when there are any.
#
# Usage: build-aux/check-potfiles.sh [SOURCE_ROOT]

set -u
export LC_ALL=C

srcroot=${1:-$(dirname "$0")/..}
if ! cd "$srcroot" 2>/dev/null; then
  echo "check-potfiles: cannot enter source root '$srcroot'" >&2
  exit 2
fi
potfiles=po/POTFILES.in
if [[ ! -f $potfiles ]]; then
  echo "check-potfiles: $srcroot/$potfiles is missing" >&2
  exit 1
fi

tmpdir=$(mktemp -d)
trap 'rm -rf "$tmpdir"' EXIT

# A gettext call: _, N_, C_ or NC_ not preceded by an identifier character,
# then an opening parenthesis (GNU style may put a space before it).
c_pattern='(^|[^[:alnum:]_])(N|C|NC)?_[[:space:]]*\('

{
  if [[ -d src ]]; then
    find src -type f -name '*.c' -print0 | xargs -0 -r grep -lE "$c_pattern" --
  fi
  for d in src ui; do
    if [[ -d $d ]]; then
      find "$d" -type f -name '*.ui' -print0 | xargs -0 -r grep -l 'translatable="yes"' --
    fi
  done
  if [[ -d data ]]; then
    find data -type f \( -name '*.desktop.in' -o -name '*.metainfo.xml.in' \
                         -o -name '*.gschema.xml' \) -print
  fi
} | sed 's|^\./||' | sort -u > "$tmpdir/wanted"

# The list as written: no comments, no blank lines, no surrounding spaces.
sed -e 's/#.*$//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$potfiles" \
  > "$tmpdir/listed-raw"
sort -u "$tmpdir/listed-raw" > "$tmpdir/listed"

status=0

missing=$(comm -23 "$tmpdir/wanted" "$tmpdir/listed")
if [[ -n $missing ]]; then
  echo "Files with translatable strings missing from $potfiles:"
  printf '  %s\n' $missing
  status=1
fi

while IFS= read -r f; do
  if [[ ! -e $f ]]; then
    echo "Listed in $potfiles but does not exist: $f"
    status=1
  elif ! grep -qxF -- "$f" "$tmpdir/wanted"; then
    echo "Listed in $potfiles but has no translatable strings: $f"
    status=1
  fi
done < "$tmpdir/listed"

if ! sort -c "$tmpdir/listed-raw" 2>/dev/null || \
   [[ $(wc -l < "$tmpdir/listed-raw") -ne $(wc -l < "$tmpdir/listed") ]]; then
  echo "$potfiles is not sorted (LC_ALL=C) or has duplicate lines"
  status=1
fi

if [[ $status -eq 0 ]]; then
  echo "$potfiles is up to date ($(wc -l < "$tmpdir/listed") files)"
fi
exit $status
