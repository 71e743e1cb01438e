# tap.sh: what the gloss-cli scripts share (sourced): CLI (the gloss-cli
# under test), SRC, SAMPLES and TMP (a folder removed on exit), and the TAP
# helpers. Skips (77) unless every tool named in TAP_NEEDS is installed.
#
# Copyright 2026 The Gloss authors
# SPDX-License-Identifier: GPL-3.0-or-later

CLI=${GLOSS_CLI:?GLOSS_CLI must name the gloss-cli binary}
SRC=${GLOSS_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
SAMPLES=$SRC/data/samples
for tool in ${TAP_NEEDS:-}; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "1..0 # SKIP $tool is not installed"
    exit 77
  fi
done
TMP=$(mktemp -d)
# a test may leave read-only files and folders behind
trap 'chmod -R u+w "$TMP"; rm -rf "$TMP"' EXIT

n=0
failed=0

ok () {
  n=$((n + 1))
  echo "ok $n - $1"
}

not_ok () {
  n=$((n + 1))
  failed=$((failed + 1))
  echo "not ok $n - $1"
}

# check DESCRIPTION COMMAND...: passes when the command exits 0 (its output
# in $TMP/out and $TMP/err)
check () {
  local desc=$1
  shift
  if "$@" >"$TMP/out" 2>"$TMP/err"; then
    ok "$desc"
  else
    not_ok "$desc"
    sed 's/^/# /' "$TMP/err" | head -20
  fi
}

# refuse DESCRIPTION COMMAND...: passes when the command fails with a
# "gloss-cli: " message on stderr
refuse () {
  local desc=$1
  shift
  if "$@" >"$TMP/out" 2>"$TMP/err"; then
    not_ok "$desc (succeeded)"
  elif grep -q '^gloss-cli: ' "$TMP/err"; then
    ok "$desc"
    sed 's/^/# /' "$TMP/err" | head -5
  else
    not_ok "$desc (no gloss-cli: message)"
  fi
}

# is DESCRIPTION GOT EXPECTED
is () {
  if [ "$2" = "$3" ]; then
    ok "$1"
  else
    not_ok "$1"
    echo "# expected: $3"
    echo "# got:      $2"
  fi
}

# has DESCRIPTION FILE TEXT: FILE holds TEXT (fixed string)
has () {
  if grep -qF -- "$3" "$2"; then
    ok "$1"
  else
    not_ok "$1"
    sed 's/^/# /' "$2" | head -20
  fi
}

# tap_finish: the plan, and the status
tap_finish () {
  echo "1..$n"
  [ "$failed" -eq 0 ]
}
