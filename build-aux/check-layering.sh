#!/usr/bin/env bash
# Copyright 2026 The Gloss authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The rooms' one-way flow: core, then formats, then the faces.
#   - the faces (src/app, src/cli) use the core's public API: they include
#     none of its *-private.h headers;
#   - the core proper (src/core outside formats/) includes nothing from
#     src/core/formats (gloss.h, the umbrella of the whole public API, aside).
#
# Usage: build-aux/check-layering.sh [SOURCE_ROOT]

set -u

srcroot=${1:-$(dirname "$0")/..}
core=$srcroot/src/core
if [[ ! -d $core ]]; then
  echo "check-layering: $core does not exist" >&2
  exit 2
fi
status=0

# Private headers of the core, by name.
mapfile -t private < <(find "$core" -name '*-private.h' -printf '%f\n' | sort)
if [[ ${#private[@]} -eq 0 ]]; then
  echo "check-layering: no private headers found in $core" >&2
  exit 2
fi
for face in "$srcroot/src/app" "$srcroot/src/cli"; do
  for header in "${private[@]}"; do
    if grep -rnF "#include \"$header\"" -- "$face"; then
      echo "$face includes the core's private $header (see the line above): add what it" \
           "needs to the core's public API" >&2
      status=1
    fi
  done
done

# Formats headers, by name, included from the core proper.
mapfile -t formats < <(find "$core/formats" -name '*.h' -printf '%f\n' | sort)
for header in "${formats[@]}"; do
  if grep -rnF "#include \"$header\"" --include='*.[ch]' --exclude='gloss.h' \
       --exclude-dir=formats -- "$core"; then
    echo "src/core includes $header from src/core/formats (see the line above)" >&2
    status=1
  fi
done

[[ $status -eq 0 ]] && echo "the faces use the core's public API; the core does not include its formats"
exit $status
