#!/usr/bin/env bash
# Copyright 2026 The Gloss authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The core (src/core) must build without GTK: fail if any file in it includes
# a GTK or GDK header or calls a gtk_ function.
#
# Usage: build-aux/check-core-no-gtk.sh [SOURCE_ROOT]

set -u

srcroot=${1:-$(dirname "$0")/..}
core=$srcroot/src/core
if [[ ! -d $core ]]; then
  echo "check-core-no-gtk: $core does not exist" >&2
  exit 2
fi

pattern='#[[:space:]]*include[[:space:]]*[<"](gtk|gdk)/|(^|[^[:alnum:]_])gtk_'
if grep -rnIE "$pattern" -- "$core"; then
  echo "src/core must not use GTK (see the lines above)" >&2
  exit 1
fi
echo "src/core is GTK-free"
exit 0
