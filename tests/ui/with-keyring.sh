#!/bin/bash
# with-keyring.sh COMMAND...: runs COMMAND on a private session bus with a
# keyring of its own (gnome-keyring's secret service, unlocked, its files in
# a temporary folder), so that a test can keep and read API keys as the
# desktop would. Skips (77) without dbus-run-session or gnome-keyring.
#
# Copyright 2026 The Gloss authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -u
for tool in dbus-run-session gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "1..0 # SKIP $tool is not installed"
    exit 77
  fi
done
KEYRING_HOME=$(mktemp -d)
trap 'rm -rf "$KEYRING_HOME"' EXIT
mkdir -p "$KEYRING_HOME/data" "$KEYRING_HOME/run"
chmod 700 "$KEYRING_HOME/run"
export XDG_DATA_HOME=$KEYRING_HOME/data XDG_RUNTIME_DIR=$KEYRING_HOME/run
export GLOSS_TEST_KEYRING=1
# shellcheck disable=SC2016
dbus-run-session -- sh -c '
  printf "test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
  exec "$@"' sh "$@" 2> >(grep -v "Failed to set fd limit" >&2)
