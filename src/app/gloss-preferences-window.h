/* gloss-preferences-window.h: the Preferences window and the first-run dialog
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GLOSS_TYPE_PREFERENCES_WINDOW (gloss_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (GlossPreferencesWindow, gloss_preferences_window, GLOSS,
                      PREFERENCES_WINDOW, GtkWindow)

GtkWidget *gloss_preferences_window_new    (GtkWindow *parent,
                                            GSettings *settings);
/* A small modal dialog asking for the annotator name; stores it in
 * @settings when confirmed. Returns the (already presented) window. */
GtkWidget *gloss_first_run_dialog_present  (GtkWindow *parent,
                                            GSettings *settings);

G_END_DECLS
