/* gloss-bench.h: the workbench benchmark's in-process instrumentation
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Everything here is inert unless the environment has GLOSS_BENCH=1: then
 * the first complete frame, frame times, command commits and RSS are
 * recorded, and with GLOSS_BENCH_SCRIPT=1 the application scrolls the open
 * document from top to bottom, waits for 100 hotkey annotations and 100
 * undos typed from outside (tests/bench/bench-workbench.sh drives them with
 * xdotool), prints one "name value unit" line per figure on stdout and
 * quits. See tests/bench/bench-workbench.sh for the other variables. */

/* Call first thing in main (): takes the start timestamp. */
void     gloss_bench_init   (void);
/* Call once the application exists: watches its windows. */
void     gloss_bench_attach (GtkApplication *application);
gboolean gloss_bench_is_enabled (void);

G_END_DECLS
