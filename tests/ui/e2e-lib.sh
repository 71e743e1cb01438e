# e2e-lib.sh: what the end-to-end tests of the real window share (sourced)
#
# Copyright 2026 The Gloss authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The sourcing script sets DB (the project file) and ARTIFACTS (where its
# screenshots go) after e2e_setup, and calls e2e_start_app to run gloss on
# an X server and a session bus of its own. TAP helpers: ok, not_ok, bail,
# expect (polls the project database), e2e_finish (the plan and status).

# e2e_setup TOOL...: skips (77) unless every TOOL is installed; makes $TMP
# and $SHOTS and removes them (keeping the screenshots) on exit.
e2e_setup () {
  local tool
  for tool in Xvfb xdotool dbus-run-session "$@"; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "1..0 # SKIP $tool is not installed"
      exit 77
    fi
  done
  TMP=$(mktemp -d)
  # Screenshots are taken here and replace $ARTIFACTS at the end, so that
  # runs at the same time do not mix or delete each other's.
  SHOTS=$TMP/shots
  mkdir -p "$SHOTS"
  XVFB_PID=
  APP_PID=
  n=0
  failed=0
  step=0
  trap e2e_cleanup EXIT
}

e2e_cleanup () {
  if [ -n "$APP_PID" ]; then
    kill "$APP_PID" 2>/dev/null
    wait "$APP_PID" 2>/dev/null
  fi
  if [ -n "$XVFB_PID" ]; then
    kill "$XVFB_PID" 2>/dev/null
    wait "$XVFB_PID" 2>/dev/null
  fi
  if [ -d "$SHOTS" ] && [ -n "${ARTIFACTS:-}" ]; then
    mkdir -p "$(dirname "$ARTIFACTS")"
    rm -rf "$ARTIFACTS"
    cp -r "$SHOTS" "$ARTIFACTS"
  fi
  rm -rf "$TMP"
}

ok () {
  n=$((n + 1))
  echo "ok $n - $1"
}

not_ok () {
  n=$((n + 1))
  failed=$((failed + 1))
  echo "not ok $n - $1"
}

bail () {
  echo "Bail out! $1"
  sed 's/^/# app: /' "$TMP/app.log" 2>/dev/null | tail -20
  exit 1
}

sql () {
  sqlite3 -batch -noheader "$DB" "$1" 2>/dev/null
}

# expect DESCRIPTION SQL EXPECTED: polls the database for up to 3 s until
# the query prints EXPECTED.
expect () {
  local desc=$1 query=$2 want=$3 got=
  for _ in $(seq 30); do
    got=$(sql "$query")
    if [ "$got" = "$want" ]; then
      ok "$desc"
      return 0
    fi
    sleep 0.1
  done
  not_ok "$desc"
  echo "# query: $query"
  echo "# expected: $(echo "$want" | tr '\n' '|')"
  echo "# got:      $(echo "$got" | tr '\n' '|')"
  return 1
}

shot () {
  step=$((step + 1))
  if command -v import >/dev/null 2>&1; then
    import -display "$DISPLAY" -window root "$(printf '%s/%02d-%s.png' "$SHOTS" "$step" "$1")" \
      2>/dev/null
  fi
}

key () {
  xdotool key --clearmodifiers --delay 60 "$@"
  sleep 0.25
}

# press KEY...: key, counting the keys in $keys (the cost of a task).
keys=0
press () {
  key "$@"
  keys=$((keys + $#))
}

type_text () {
  xdotool type --clearmodifiers --delay 15 "$1"
  sleep 0.5
}

# wait_for COMMAND...: polls for up to 3 s until COMMAND succeeds.
wait_for () {
  for _ in $(seq 30); do
    "$@" && return 0
    sleep 0.1
  done
  return 1
}

# e2e_start_app TITLE ARG...: starts Xvfb and gloss ARG... on it, and waits
# for a window whose title matches TITLE; sets DISPLAY, APP_PID, WID and
# the window's geometry (X, Y, WIDTH, HEIGHT).
e2e_start_app () {
  local title=$1
  shift
  # Our own server, whatever DISPLAY says: the test must not type into a
  # desktop, and xvfb-run's server may be shared with other tests. Xvfb
  # picks a free display number itself (-displayfd), so servers started at
  # the same moment never collide.
  # A server that says its number but takes no client (another one
  # starting or dying on that number at the same moment), or that the app
  # then cannot open, is started again, with the app.
  local attempt
  for attempt in 1 2 3; do
    if e2e_start_server && e2e_start_window "$title" "$@"; then
      ok "the window shows $title ($(xdotool getwindowname "$WID"))"
      xdotool windowfocus --sync "$WID" 2>/dev/null
      sleep 1
      eval "$(xdotool getwindowgeometry --shell "$WID")"
      return 0
    fi
    if ! grep -q "cannot open display" "$TMP/app.log" 2>/dev/null; then
      break
    fi
    echo "# attempt $attempt: the app could not open $DISPLAY; a new server"
    e2e_stop_server
  done
  bail "no window named $title"
}

e2e_stop_server () {
  if [ -n "$APP_PID" ]; then
    kill "$APP_PID" 2>/dev/null
    wait "$APP_PID" 2>/dev/null
    APP_PID=
  fi
  if [ -n "$XVFB_PID" ]; then
    kill "$XVFB_PID" 2>/dev/null
    wait "$XVFB_PID" 2>/dev/null
    XVFB_PID=
  fi
}

# Starts Xvfb on a free display and sets DISPLAY; FALSE when none took a
# client in three tries.
e2e_start_server () {
  local attempt
  for attempt in 1 2 3; do
    rm -f "$TMP/display"
    exec 5>"$TMP/display"
    Xvfb -displayfd 5 -screen 0 "${E2E_SCREEN:-1400x900x24}" -nolisten tcp >"$TMP/xvfb.log" 2>&1 &
    XVFB_PID=$!
    exec 5>&-
    for _ in $(seq 50); do
      [ -s "$TMP/display" ] && break
      sleep 0.1
    done
    if [ -s "$TMP/display" ]; then
      export DISPLAY=:$(head -n1 "$TMP/display")
      wait_for xdotool getdisplaygeometry >/dev/null 2>&1 && return 0
    fi
    echo "# Xvfb attempt $attempt took no client: $(tr '\n' ' ' <"$TMP/xvfb.log")"
    kill "$XVFB_PID" 2>/dev/null
    wait "$XVFB_PID" 2>/dev/null
    XVFB_PID=
  done
  return 1
}

# Starts gloss ARG... on DISPLAY and waits for its window TITLE (sets
# APP_PID and WID); FALSE when none came, or the app died.
e2e_start_window () {
  local title=$1
  shift
  export GSK_RENDERER=cairo GLOSS_NO_FIRST_RUN=1 GSETTINGS_BACKEND=memory GLOSS_ANNOTATOR=e2e
  export GTK_A11Y=none NO_AT_BRIDGE=1
  unset GLOSS_SCREENSHOT GLOSS_SCREENSHOT_QUIT
  # A private session bus: no other gloss instance can take our files, and
  # no portal is started (see private-bus.sh).
  bash "$(dirname "${BASH_SOURCE[0]}")/private-bus.sh" "$APP" "$@" >"$TMP/app.log" 2>&1 &
  APP_PID=$!

  WID=
  for _ in $(seq 100); do
    WID=$(xdotool search --onlyvisible --name "$title" 2>/dev/null | head -n1)
    [ -n "$WID" ] && return 0
    kill -0 "$APP_PID" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

# e2e_finish: the TAP plan, and the status.
e2e_finish () {
  echo "# screenshots in $ARTIFACTS"
  echo "1..$n"
  [ "$failed" -eq 0 ]
}
