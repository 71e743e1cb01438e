#!/bin/bash
# Installs the Debian 12 packages Gloss needs to build, run and test.
# Sourced by build-aux/run and build-aux/test. Installs only what is missing;
# uses sudo when not root.
#
# Copyright 2026 The Gloss authors
# SPDX-License-Identifier: GPL-3.0-or-later

GLOSS_BUILD_PACKAGES=(
  build-essential pkg-config meson ninja-build gettext
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev libjson-glib-dev
  libsqlite3-dev libxml2-dev libsoup-3.0-dev libsecret-1-dev
  desktop-file-utils appstream libxml2-utils
  adwaita-icon-theme librsvg2-common fonts-cantarell fonts-dejavu-core
)
GLOSS_TEST_PACKAGES=(
  xvfb xauth xdotool sqlite3 python3 python3-gi gir1.2-atspi-2.0 at-spi2-core
  dbus dbus-x11 clang libclang-rt-14-dev imagemagick
  clang-format clang-tools gnome-keyring
)

gloss_install_packages () {
  local missing=() pkg sudo=""
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$pkg")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    return 0
  fi
  if [ "$(id -u)" != 0 ]; then
    sudo="sudo"
  fi
  echo "Installing: ${missing[*]}" >&2
  $sudo apt-get update -qq || return 1
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >&2 || return 1
}
