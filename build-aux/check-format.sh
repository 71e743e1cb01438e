#!/usr/bin/env bash
# Copyright 2026 The Gloss authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The C style, checked on what changed: runs clang-format (.clang-format at the
# root) over the lines of *.c and *.h files changed since the commit named in
# build-aux/format-base, and fails listing what it would write differently.
# Old lines are never reformatted: no formatter reproduces hand-aligned GNOME
# code exactly, so only new and changed lines are held to it.
#
# By default alignment is left to the author: how far a line pads to line up
# with its neighbours (runs of spaces inside it) and how far a continuation
# line is indented (under a parenthesis or an operand). Indentation of
# statements and braces, line breaks, and whether there is a space (before a
# parenthesis, after a cast, around an operator) are checked. --strict checks
# the alignment too.
#
# Exit status: 0 clean, 1 differences, 2 misuse, 77 skipped (no clang-format,
# not a git checkout, or a clone without the base commit: a shallow one).
#
# Usage: build-aux/check-format.sh [--strict] [SOURCE_ROOT]

set -u

strict=0
if [[ ${1:-} == --strict ]]; then
  strict=1
  shift
fi
srcroot=$(cd "${1:-$(dirname "$0")/..}" && pwd) || exit 2
base_file=$srcroot/build-aux/format-base

skip () {
  echo "check-format: $*: skipping"
  exit 77
}

clang_format=
for candidate in clang-format clang-format-14 clang-format-15 clang-format-16; do
  if command -v "$candidate" >/dev/null; then
    clang_format=$(command -v "$candidate")
    break
  fi
done
[[ -n $clang_format ]] || skip "clang-format not found (Debian: apt install clang-format)"

format_diff=
for candidate in clang-format-diff clang-format-diff-14 clang-format-diff-15 clang-format-diff-16 \
                 /usr/share/clang/clang-format-*/clang-format-diff.py; do
  if command -v "$candidate" >/dev/null; then
    format_diff=$(command -v "$candidate")
    break
  fi
done
[[ -n $format_diff ]] || skip "clang-format-diff not found (it ships with clang-format)"
command -v python3 >/dev/null || skip "python3 not found"
command -v git >/dev/null || skip "git not found"

toplevel=$(git -C "$srcroot" rev-parse --show-toplevel 2>/dev/null)
if [[ -z $toplevel || $(cd "$toplevel" && pwd -P) != $(cd "$srcroot" && pwd -P) ]]; then
  skip "$srcroot is not a git checkout (a release tarball?): nothing to compare with"
fi
if [[ ! -f $base_file ]]; then
  echo "check-format: $base_file is missing" >&2
  exit 2
fi
base=$(grep -Eo '^[0-9a-f]{40}$' "$base_file" | head -n 1)
if [[ -z $base ]]; then
  echo "check-format: $base_file holds no commit id (40 hex digits on a line of its own)" >&2
  exit 2
fi
if ! git -C "$srcroot" cat-file -e "$base^{commit}" 2>/dev/null; then
  if [[ $(git -C "$srcroot" rev-parse --is-shallow-repository 2>/dev/null) == true ]]; then
    skip "the base commit $base is not in this shallow clone (git fetch --unshallow)"
  fi
  skip "the base commit $base is not in this clone"
fi

cd "$srcroot" || exit 2

# The changed lines, as clang-format-diff reads them: a hunk that only
# deletes (+N,0) would have it reformat the old line before it, so it goes.
changes=$(mktemp) || exit 2
trap 'rm -f "$changes"' EXIT
git diff -U0 --no-color --no-ext-diff --relative "$base" -- '*.c' '*.h' |
  grep -Ev '^@@ -[0-9,]+ \+[0-9]+,0 @@' > "$changes"
if [[ ! -s $changes ]]; then
  echo "check-format: no C changed since $base"
  exit 0
fi

# -regex: every changed .c/.h except the generated and the vendored (none yet).
report=$("$format_diff" -p1 -binary "$clang_format" -regex '.*\.[ch]' < "$changes") || {
  echo "check-format: $format_diff failed" >&2
  exit 2
}

# Drop the hunks whose lines differ only in alignment (unless --strict), print
# the rest, and the new lines longer than 100 columns (which clang-format,
# keeping hand-made line breaks, does not check).
printf '%s\n' "$report" | python3 -c '
import re, sys

strict = sys.argv[1] == "1"
changes = open (sys.argv[2], encoding="utf-8", errors="replace").read ()
limit = 100

# A line continues the one before when that one ends inside an expression (a
# comma, an open parenthesis, an operator) or when it starts with an operator:
# its indentation is alignment too (with a parenthesis, an operand).
OPEN_END = re.compile (r"([,(=?:+*/%|&^<>-]|&&|\|\|)\s*$")
OPERATOR_START = re.compile (r"^\s*([?:]|&&|\|\||[-+*/%|&^]\s)")

def squeezed (lines):
    out, previous = [], ""
    for line in lines:
        indent = len (line) - len (line.lstrip (" \t"))
        body = re.sub (r"[ \t]+", " ", line[indent:]).rstrip ()
        if OPEN_END.search (previous) or OPERATOR_START.match (line):
            out.append (body)
        else:
            out.append (line[:indent] + body)
        if line.strip ():
            previous = line
    return out

out, header, hunk = [], [], []

def flush ():
    if not hunk:
        return
    old = [l[1:] for l in hunk[1:] if not l.startswith ("+")]
    new = [l[1:] for l in hunk[1:] if not l.startswith ("-")]
    if strict or squeezed (old) != squeezed (new):
        out.extend (header)
        header.clear ()
        out.extend (hunk)
    hunk.clear ()

for line in sys.stdin.read ().splitlines ():
    if line.startswith ("--- "):
        flush ()
        header[:] = [line]
    elif line.startswith ("+++ "):
        header.append (line)
    elif line.startswith ("@@"):
        flush ()
        hunk.append (line)
    elif hunk:
        hunk.append (line)
flush ()

path, number = None, 0
for line in changes.splitlines ():
    if line.startswith ("+++ "):
        path = line[6:] if line.startswith ("+++ b/") else None
    elif line.startswith ("@@"):
        number = int (re.match (r"@@ -[0-9,]+ \+([0-9]+)", line).group (1))
    elif line.startswith ("+") and path:
        if len (line) - 1 > limit:
            out.append (f"{path}:{number}: {len (line) - 1} columns, more than {limit}")
        number += 1

if out:
    print ("\n".join (out))
sys.exit (1 if out else 0)
' "$strict" "$changes"
status=$?

if [[ $status -eq 0 ]]; then
  echo "check-format: the C changed since ${base:0:12} is formatted as .clang-format says"
elif [[ $status -eq 1 ]]; then
  echo
  echo "check-format: the lines above (changed since ${base:0:12}) are not formatted as" \
       ".clang-format says; '-' is the file, '+' what clang-format would write." \
       "To apply: git diff -U0 ${base:0:12} -- '*.c' '*.h' | $(basename "$format_diff") -p1 -i"
fi
exit $status
