#!/usr/bin/env bash
# Copyright 2026 The Gloss authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The C style, checked on what changed: runs clang-format (.clang-format at the
# root) over the lines of *.c and *.h files changed since the commit named in
# build-aux/format-base, and fails listing what it would write differently.
# Old lines are never reformatted: no formatter reproduces hand-aligned GNOME
# code exactly, so only new and changed lines are held to it. Moved lines (a
# line the diff also removes, whitespace aside: a file split in two) are old.
#
# By default alignment is left to the author: how far a line pads to line up
# with its neighbours (runs of spaces inside it) and how far a continuation
# line is indented (under a parenthesis or an operand). Indentation of
# statements and braces, line breaks, and whether there is a space (before a
# parenthesis, after a cast, around an operator) are checked. --strict checks
# the alignment too. clang-format keeps hand-made line breaks but may join
# lines: a suggestion with a line over 100 columns is not one to follow, and
# is not shown.
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

# The lines changed since the base; a hunk that only deletes has nothing new.
changes=$(mktemp) || exit 2
trap 'rm -f "$changes"' EXIT
git diff -U0 --no-color --no-ext-diff --relative "$base" -- '*.c' '*.h' > "$changes"
if ! grep -q '^+[^+]' "$changes"; then
  echo "check-format: no C changed since $base"
  exit 0
fi

# The rest in Python: which lines are new, clang-format-diff over them, and
# what of its answer to show.
python3 - "$strict" "$changes" "$format_diff" "$clang_format" <<'PY'
import re, subprocess, sys

strict, changes_path, format_diff, clang_format = sys.argv[1] == "1", *sys.argv[2:]
LIMIT = 100

def key (line):
    return re.sub (r"\s+", "", line)

# New lines: added, and not moved. A line that the diff also removes
# (whitespace aside) was moved, as when a file is split in two: its style is
# the old code's, not held to the check.
files, path, number = {}, None, 0
removed = set ()
for line in open (changes_path, encoding="utf-8", errors="replace").read ().splitlines ():
    if line.startswith ("+++ "):
        path = line[6:] if line.startswith ("+++ b/") else None
    elif line.startswith ("--- "):
        continue
    elif line.startswith ("@@"):
        number = int (re.match (r"@@ -[0-9,]+ \+([0-9]+)", line).group (1))
    elif line.startswith ("-"):
        removed.add (key (line[1:]))
    elif line.startswith ("+") and path is not None:
        files.setdefault (path, []).append ((number, line[1:]))
        number += 1

out, ranges = [], []
for path, lines in files.items ():
    new = [(n, text) for n, text in lines if key (text) and key (text) not in removed]
    for n, text in new:
        if len (text) > LIMIT:
            out.append (f"{path}:{n}: {len (text)} columns, more than {LIMIT}")
    if new:
        ranges.append (f"--- a/{path}\n+++ b/{path}\n")
        ranges.extend (f"@@ -0,0 +{n},1 @@\n" for n, _ in new)

# -regex: every .c and .h (nothing generated or vendored is checked in).
report = ""
if ranges:
    run = subprocess.run ([format_diff, "-p1", "-binary", clang_format, "-regex", r".*\.[ch]"],
                          input="".join (ranges), capture_output=True, text=True)
    if run.returncode != 0:
        sys.stderr.write (run.stderr)
        print (f"check-format: {format_diff} failed", file=sys.stderr)
        sys.exit (2)
    report = run.stdout

# What alignment differences are: padding inside a line, and the indent of
# a line that continues the one before (which ends inside an expression, or
# starts with an operator).
OPEN_END = re.compile (r"([,(=?:+*/%|&^<>-]|&&|\|\|)\s*$")
OPERATOR_START = re.compile (r"^\s*([?:]|&&|\|\||[-+*/%|&^]\s)")

def squeezed (lines):
    result, previous = [], ""
    for line in lines:
        indent = len (line) - len (line.lstrip (" \t"))
        body = re.sub (r"[ \t]+", " ", line[indent:]).rstrip ()
        if OPEN_END.search (previous) or OPERATOR_START.match (line):
            result.append (body)
        else:
            result.append (line[:indent] + body)
        if line.strip ():
            previous = line
    return result

shown, header, hunk = [], [], []

def flush ():
    if not hunk:
        return
    old = [l[1:] for l in hunk[1:] if not l.startswith ("+")]
    new = [l[1:] for l in hunk[1:] if not l.startswith ("-")]
    too_long = any (len (l[1:]) > LIMIT for l in hunk[1:] if l.startswith ("+"))
    if (strict or squeezed (old) != squeezed (new)) and not too_long:
        shown.extend (header)
        header.clear ()
        shown.extend (hunk)
    hunk.clear ()

for line in report.splitlines ():
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

out[:0] = shown
if out:
    print ("\n".join (out))
sys.exit (1 if out else 0)
PY
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
