#!/bin/bash
# private-bus.sh COMMAND [ARG...]: runs COMMAND on a D-Bus session bus of its own
# that can start only the accessibility bus (org.a11y.Bus), nothing else.
#
# Copyright 2026 The Gloss authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Why: on a machine with xdg-desktop-portal installed (flatpak pulls it in)
# but no desktop session, GtkApplication's startup asks the session bus for
# org.freedesktop.portal.Desktop, the bus starts the portal, and the portal
# waits for backends that never come: the window appears only after GLib's
# 25 s D-Bus timeout. A test's bus has no business starting portals, so this
# bus knows only the services a test needs.

set -eu
dir=$(mktemp -d "${TMPDIR:-/tmp}/gloss-bus.XXXXXX")
trap 'rm -rf "$dir"' EXIT
mkdir "$dir/services"
for service in /usr/share/dbus-1/services/org.a11y.Bus.service; do
  [ -e "$service" ] && ln -s "$service" "$dir/services/"
done
cat >"$dir/session.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:tmpdir=$dir</listen>
  <auth>EXTERNAL</auth>
  <servicedir>$dir/services</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
CONF
# Not exec: the trap removes the folder when the command is done.
status=0
dbus-run-session --config-file="$dir/session.conf" -- "$@" || status=$?
exit $status
