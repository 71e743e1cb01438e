#!/usr/bin/python3
# a11y-check.py: every control of the real Gloss window has an accessible name (TAP)
#
# Copyright 2026 The Gloss authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Starts gloss on a fixture project (made with gloss-cli) on an X server and
# a session bus of its own, with GTK's AT-SPI backend on, and walks the
# accessibility tree of the main window (libadwaita's: an AdwHeaderBar, an
# AdwToastOverlay), of the window with an annotation selected (the
# inspector), with a toast shown, and of the dialogs the shortcuts and the
# main menu open (an AdwPreferencesWindow, an AdwAboutWindow among them):
# every push button, toggle button, menu button, entry, combo box, check
# box, radio button, spin button and switch that is showing must have a
# non-empty name. Unnamed ones are printed with their path in the tree.
# A few known names are checked too (Undo, the main menu, the document
# search entry, the label palette's items, a toast's buttons).
#
# GLOSS_A11Y_VERBOSE=1 prints the whole tree walked. A screenshot of the
# window with an annotation selected goes to <build>/tests/artifacts/.
#
# Needs GLOSS_CLI and GLOSS_APP (set by tests/ui/meson.build). Skips (77)
# without Xvfb, dbus-run-session, xdotool or /usr/bin/python3's
# gi.repository.Atspi.

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

SKIP = 77


def skip(reason):
    print('1..0 # SKIP ' + reason)
    sys.exit(SKIP)


def outer():
    """Starts Xvfb, then runs this script again inside dbus-run-session."""
    for tool in ('Xvfb', 'dbus-run-session', 'xdotool'):
        if shutil.which(tool) is None:
            skip(tool + ' is not installed')
    check = subprocess.run(['/usr/bin/python3', '-c',
                            'import gi; gi.require_version("Atspi", "2.0"); '
                            'from gi.repository import Atspi'],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if check.returncode != 0:
        skip('/usr/bin/python3 lacks gi.repository.Atspi (python3-gi, gir1.2-atspi-2.0)')
    for var in ('GLOSS_CLI', 'GLOSS_APP'):
        if not os.environ.get(var):
            print('Bail out! ' + var + ' is not set')
            sys.exit(1)

    # Our own X server, whatever DISPLAY says (see e2e-annotate.sh).
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(['Xvfb', '-displayfd', str(write_fd), '-screen', '0', '1400x900x24',
                             '-nolisten', 'tcp', '-noreset'], pass_fds=(write_fd,),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as f:
            display = f.readline().strip()
        if not display:
            print('Bail out! Xvfb did not start')
            return 1
        # Wait until the server answers.
        for _ in range(50):
            if subprocess.run(['xdotool', 'getmouselocation'],
                              env=dict(os.environ, DISPLAY=':' + display),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0:
                break
            time.sleep(0.1)
        env = dict(os.environ)
        env['DISPLAY'] = ':' + display
        env['GLOSS_A11Y_INNER'] = '1'
        for var in ('GTK_A11Y', 'NO_AT_BRIDGE', 'DBUS_SESSION_BUS_ADDRESS',
                    'AT_SPI_BUS_ADDRESS'):
            env.pop(var, None)
        # The session's daemons (at-spi2-registryd) print on our stdout:
        # anything that is not TAP becomes a comment.
        # A bus that starts only the accessibility bus (see private-bus.sh).
        private_bus = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'private-bus.sh')
        inner_run = subprocess.Popen(['bash', private_bus, '/usr/bin/python3',
                                      os.path.abspath(__file__)], env=env,
                                     stdout=subprocess.PIPE, text=True)
        for line in inner_run.stdout:
            line = line.rstrip('\n')
            if not TAP_LINE.match(line):
                line = '# ' + line
            print(line, flush=True)
        return inner_run.wait()
    finally:
        xvfb.terminate()
        xvfb.wait()


# ---- inside the private session ---------------------------------------------

# Roles whose accessibles must be named.
CONTROL_ROLES = (
    'PUSH_BUTTON', 'TOGGLE_BUTTON', 'ENTRY', 'PASSWORD_TEXT', 'COMBO_BOX', 'CHECK_BOX',
    'RADIO_BUTTON', 'SPIN_BUTTON', 'SWITCH', 'SLIDER', 'MENU_BUTTON',
)

TAP_LINE = re.compile(r'^(ok |not ok |#|1\.\.|Bail out!)')
TYPE_NAME = re.compile(r'^(Gtk|Gloss|Gdk)[A-Z][A-Za-z]*$')

tests = 0
failures = 0


def ok(cond, desc, detail=None):
    global tests, failures
    tests += 1
    print(('ok %d - %s' if cond else 'not ok %d - %s') % (tests, desc))
    if not cond:
        failures += 1
        for line in detail or []:
            print('# ' + line)
    return cond


def todo_ok(cond, desc, detail, todo):
    """A TAP TODO: reported, never a failure (GTK's own widgets)."""
    global tests
    tests += 1
    if cond:
        print('ok %d - %s' % (tests, desc))
    else:
        print('not ok %d - %s # TODO %s' % (tests, desc, todo))
    for line in [] if cond else detail:
        print('# ' + line)


def inner():
    import gi
    gi.require_version('Atspi', '2.0')
    from gi.repository import Atspi

    control_roles = set()
    for name in CONTROL_ROLES:
        role = getattr(Atspi.Role, name, None)
        if role is not None:
            control_roles.add(role)

    cli = os.environ['GLOSS_CLI']
    app = os.environ['GLOSS_APP']
    source = os.environ.get('GLOSS_SOURCE_DIR',
                            os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
    build = os.environ.get('GLOSS_BUILD_DIR', os.getcwd())
    samples = os.path.join(source, 'data', 'samples', 'samples.jsonl')
    doc = 'spy-network-abroad'

    tmp = tempfile.mkdtemp(prefix='gloss-a11y-')
    project = os.path.join(tmp, 'a11y.gloss')
    proc = None
    log = open(os.path.join(tmp, 'app.log'), 'w')
    try:
        for args in (['init', project], ['import', project, samples]):
            if subprocess.run([cli] + args, stdout=subprocess.DEVNULL).returncode != 0:
                print('Bail out! gloss-cli %s failed' % args[0])
                return 1

        env = dict(os.environ)
        env.update({'GSK_RENDERER': 'cairo', 'GLOSS_NO_FIRST_RUN': '1',
                    'GSETTINGS_BACKEND': 'memory', 'GLOSS_ANNOTATOR': 'a11y'})
        for var in ('GLOSS_SCREENSHOT', 'GLOSS_SCREENSHOT_QUIT', 'GLOSS_A11Y_INNER'):
            env.pop(var, None)
        proc = subprocess.Popen([app, project, '--document', doc], env=env, stdout=log,
                                stderr=subprocess.STDOUT)

        def find_app():
            desktop = Atspi.get_desktop(0)
            for i in range(desktop.get_child_count()):
                child = desktop.get_child_at_index(i)
                if child is not None and child.get_name() in ('gloss', 'Gloss'):
                    return child
            return None

        def frames(application):
            result = []
            for i in range(application.get_child_count()):
                child = application.get_child_at_index(i)
                if child is not None:
                    result.append(child)
            return result

        def find_frame(application, needle):
            for frame in frames(application):
                if needle in (frame.get_name() or ''):
                    return frame
            return None

        application = None
        window = None
        deadline = time.time() + 20
        while time.time() < deadline:
            application = application or find_app()
            if application is not None:
                window = find_frame(application, doc)
                if window is not None:
                    break
            time.sleep(0.2)
        if not ok(window is not None, 'the Gloss window is on the accessibility bus'):
            return 1
        time.sleep(1.0)

        def showing(acc):
            try:
                states = acc.get_state_set()
            except Exception:
                return False
            return states.contains(Atspi.StateType.SHOWING) or \
                states.contains(Atspi.StateType.VISIBLE)

        def walk(acc, path, found, depth=0):
            """Collects (path, role, name) of every accessible under acc."""
            if acc is None or depth > 60:
                return
            try:
                role = acc.get_role()
                name = acc.get_name() or ''
                n = acc.get_child_count()
            except Exception:
                return
            here = path + ['%s%s' % (acc.get_role_name(), '(%s)' % name if name else '')]
            found.append((here, role, name, acc))
            for i in range(min(n, 400)):
                try:
                    child = acc.get_child_at_index(i)
                except Exception:
                    continue
                if child is not None and showing(child):
                    walk(child, here, found, depth + 1)

        def named(name):
            # GTK 4.8 gives an unnamed accessible its type name ("GtkButton").
            return bool(name.strip()) and not TYPE_NAME.match(name)

        def internal(f):
            # The button inside a GtkDropDown belongs to GTK; the combo box
            # around it carries the name that screen readers read.
            path = f[0]
            return len(path) >= 2 and path[-2].startswith('combo box(') and \
                named(path[-2][len('combo box('):-1])

        def check_controls(frame, what, todo=None):
            found = []
            walk(frame, [], found)
            controls = [f for f in found if f[1] in control_roles and not internal(f)]
            unnamed = [f for f in controls if not named(f[2])]
            detail = ['unnamed %s: %s' % (f[3].get_role_name(), ' > '.join(f[0][-5:]))
                      for f in unnamed]
            if todo is None:
                ok(not unnamed, '%s: all %d controls are named' % (what, len(controls)), detail)
            else:
                todo_ok(not unnamed, '%s: all %d controls are named' % (what, len(controls)),
                        detail, todo)
            if os.environ.get('GLOSS_A11Y_VERBOSE'):
                for f in found:
                    print('#   %s%s' % ('  ' * len(f[0]), f[0][-1]))
            return found

        def names_of(found, roles=None):
            return [f[2] for f in found if roles is None or f[1] in roles]

        def key(*keys):
            subprocess.run(['xdotool', 'key', '--clearmodifiers', '--delay', '80'] + list(keys))
            time.sleep(0.6)

        # The main window.
        found = check_controls(window, 'main window')
        buttons = names_of(found, {Atspi.Role.PUSH_BUTTON})
        ok('Undo' in buttons, 'the Undo button is named “Undo”', ['buttons: %s' % buttons])
        ok('Main menu' in names_of(found),
           'the header bar’s open-menu button is named “Main menu”',
           ['names: %s' % sorted(set(n for n in names_of(found) if 'enu' in n))])
        entries = names_of(found, {Atspi.Role.ENTRY, Atspi.Role.TEXT})
        ok('Search documents' in entries, 'the document search entry is named',
           ['entries: %s' % entries])
        palette = [n for n in names_of(found) if n.startswith('PERSON, hotkey 1')]
        ok(len(palette) == 1, 'the label palette’s PERSON item is named with its hotkey',
           ['names: %s' % [n for n in names_of(found) if 'hotkey' in n]])
        ok(any(n.startswith('CLAIM, hotkey c') for n in names_of(found)),
           'the label palette’s CLAIM item is named with its hotkey')
        ok('Document status filter' in names_of(found),
           'the document status filter is named')
        items = names_of(found, {Atspi.Role.LIST_ITEM})
        ok(any(n.startswith(doc + ', ') and 'annotations' in n for n in items),
           'the document list’s rows are named (name, status, counts)',
           ['list items: %s' % items[:8]])
        ok(any(n.startswith('NORP: Karsovian, by ') for n in items),
           'the annotation list’s rows are named (label: text, by annotator)',
           ['list items: %s' % items[:8]])
        unnamed_items = [' > '.join(f[0][-4:]) for f in found
                         if f[1] == Atspi.Role.LIST_ITEM and not named(f[2])]
        ok(not unnamed_items, 'every list row is named (%d rows)' % len(items),
           ['unnamed: %s' % p for p in unnamed_items[:10]])

        # An annotation selected: the inspector's controls.
        wid = subprocess.run(['xdotool', 'search', '--onlyvisible', '--name', doc],
                             capture_output=True, text=True).stdout.split()
        if wid:
            subprocess.run(['xdotool', 'windowfocus', '--sync', wid[0]],
                           stderr=subprocess.DEVNULL)
            geometry = subprocess.run(['xdotool', 'getwindowgeometry', '--shell', wid[0]],
                                      capture_output=True, text=True).stdout
            g = dict(line.split('=', 1) for line in geometry.split() if '=' in line)
            # The text starts near the top of the middle (see e2e-annotate.sh).
            subprocess.run(['xdotool', 'mousemove', str(int(g['X']) + int(g['WIDTH']) * 2 // 5),
                            str(int(g['Y']) + 160), 'click', '1'])
        time.sleep(0.3)
        key('Escape')
        key('ctrl+Home')
        # Tab selects the first annotation: the inspector shows it.
        key('Tab')
        if shutil.which('import'):
            artifacts = os.path.join(build, 'tests', 'artifacts')
            os.makedirs(artifacts, exist_ok=True)
            subprocess.run(['import', '-window', 'root', os.path.join(artifacts, 'a11y-check.png')])
        found = check_controls(window, 'window with an annotation selected')
        combos = names_of(found, {Atspi.Role.COMBO_BOX})
        ok('Label' in combos, 'the inspector’s label dropdown is named',
           ['combo boxes: %s' % combos])

        # The curation view (Ctrl+Shift+U), then back to the text.
        key('ctrl+shift+u')
        time.sleep(0.5)
        check_controls(window, 'window in the curation view')
        key('ctrl+shift+u')

        # Dialogs opened from the keyboard: Preferences, Import, Export, the
        # schema editor, the keyboard shortcuts.
        dialogs = [
            ('ctrl+comma', 'Preferences', None),
            ('ctrl+i', 'Import', None),
            ('ctrl+shift+e', 'Export', None),
            # GTK's own window: gloss-window.c names its controls.
            ('ctrl+question', 'Shortcuts', None),
        ]
        for keys, title, todo in dialogs:
            key(keys)
            frame = None
            for _ in range(25):
                frame = find_frame(application, title)
                if frame is not None:
                    break
                time.sleep(0.2)
            if ok(frame is not None, 'the %s window opens from the keyboard (%s)'
                  % (title, keys)):
                time.sleep(0.5)
                check_controls(frame, title, todo)
            key('Escape')
            time.sleep(0.3)

        # Dialogs of the main menu, opened through AT-SPI as a screen
        # reader user would: the menu button's action, then the item's.
        def find_named(root, name, roles=None):
            found = []
            walk(root, [], found)
            for f in found:
                if f[2] == name and (roles is None or f[1] in roles):
                    return f[3]
            return None

        def activate(acc):
            """Does the first action of acc, or of its first child that has one
            (a GtkMenuButton's action is on its inner button)."""
            if acc is None:
                return False
            action = acc.get_action_iface()
            if action is not None and action.get_n_actions() > 0:
                return action.do_action(0)
            for i in range(acc.get_child_count()):
                if activate(acc.get_child_at_index(i)):
                    return True
            return False

        for item, title in (('Project Properties…', 'Project Properties'),
                            ('Schema…', 'Schema'),
                            ('Agreement…', 'Agreement'),
                            ('About Gloss', 'About Gloss')):
            menu_button = find_named(window, 'Main menu')
            activate(menu_button)
            time.sleep(0.6)
            entry = None
            for frame in frames(application) + [window]:
                entry = find_named(frame, item.replace('…', '') + '…') or \
                    find_named(frame, item)
                if entry is not None:
                    break
            if not ok(entry is not None and activate(entry),
                      'the main menu’s “%s” item can be activated' % item):
                key('Escape')
                continue
            frame = None
            for _ in range(25):
                frame = find_frame(application, title)
                if frame is not None and frame is not window:
                    break
                time.sleep(0.2)
            if ok(frame is not None, 'the %s window opens' % title):
                time.sleep(0.5)
                check_controls(frame, title)
            key('Escape')
            time.sleep(0.3)

        # A toast: Alt+Down past the last document says so in one. Its
        # close button is named by the window (libadwaita 1.2 does not).
        subprocess.run(['xdotool', 'windowfocus', '--sync', wid[0]] if wid else ['true'],
                       stderr=subprocess.DEVNULL)
        for _ in range(3):
            key('alt+Down')
        found = check_controls(window, 'window with a toast')
        ok('Dismiss' in names_of(found, {Atspi.Role.PUSH_BUTTON}),
           'the toast’s close button is named “Dismiss”',
           ['buttons: %s' % names_of(found, {Atspi.Role.PUSH_BUTTON})])

        print('1..%d' % tests)
        return 1 if failures else 0
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        log.close()
        if failures:
            with open(os.path.join(tmp, 'app.log')) as f:
                for line in f.readlines()[-20:]:
                    print('# app: ' + line.rstrip())
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(inner() if os.environ.get('GLOSS_A11Y_INNER') else outer())
