#!/usr/bin/env bash
# Copyright 2026 The Gloss authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Validates the Flatpak manifest: it must parse as JSON, and its finish-args must
# not grant file system access (files go through the portals).
#
# Usage: check-flatpak-manifest.sh MANIFEST [APP_ID]
# Exits 77 (skip) when neither json-glib-validate nor python3 is available.

set -u

manifest=${1:?usage: check-flatpak-manifest.sh MANIFEST [APP_ID]}
app_id=${2:-}

python=$(command -v python3 || true)
if command -v json-glib-validate > /dev/null; then
  json-glib-validate "$manifest" || exit 1
elif [[ -n $python ]]; then
  "$python" -m json.tool "$manifest" > /dev/null || exit 1
else
  echo "neither json-glib-validate nor python3 found: skipping"
  exit 77
fi
echo "$manifest is valid JSON"

if [[ -z $python ]]; then
  # Without python, a plain search is still a meaningful check.
  if grep -nE '"--filesystem' "$manifest"; then
    echo "finish-args must not contain --filesystem" >&2
    exit 1
  fi
  exit 0
fi

"$python" - "$manifest" "$app_id" <<'PY'
import json
import sys

path, app_id = sys.argv[1], sys.argv[2]
with open(path, encoding="utf-8") as f:
    manifest = json.load(f)

errors = []
args = manifest.get("finish-args", [])
if not isinstance(args, list):
    errors.append("finish-args is not a list")
    args = []
for arg in args:
    if str(arg).startswith("--filesystem"):
        errors.append(f"finish-args must not contain {arg}: files go through the portals")
app = manifest.get("id", manifest.get("app-id"))
if app_id and app != app_id:
    errors.append(f"id is {app!r}, expected {app_id!r}")
modules = manifest.get("modules", [])
if not modules or not isinstance(modules[-1], dict):
    errors.append("the last module must be ours")
else:
    last = modules[-1]
    if last.get("buildsystem") != "meson" or not last.get("builddir"):
        errors.append("the last module must build with meson and builddir true")

for e in errors:
    print(e, file=sys.stderr)
if errors:
    sys.exit(1)
print("finish-args:", " ".join(args))
PY
