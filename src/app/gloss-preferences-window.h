/* gloss-preferences-window.h: the Preferences window and the first-run dialog
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GLOSS_TYPE_PREFERENCES_WINDOW (gloss_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (GlossPreferencesWindow, gloss_preferences_window, GLOSS,
                      PREFERENCES_WINDOW, AdwPreferencesWindow)

/* Where the annotator name in use comes from. */
typedef enum
{
  GLOSS_ANNOTATOR_FROM_ENVIRONMENT,  /* GLOSS_ANNOTATOR: this run only (tests, kiosks) */
  GLOSS_ANNOTATOR_FROM_SETTINGS,     /* the annotator-name setting (Preferences) */
  GLOSS_ANNOTATOR_FROM_LOGIN,        /* neither: the login name, as imports use */
} GlossAnnotatorSource;

GtkWidget *gloss_preferences_window_new    (GtkWindow *parent,
                                            GSettings *settings);
/* A small modal dialog asking for the annotator name; stores it in
 * @settings when confirmed. Returns the (already presented) window. */
GtkWidget *gloss_first_run_dialog_present  (GtkWindow *parent,
                                            GSettings *settings);
/* The name edits are recorded with: $GLOSS_ANNOTATOR, else the
 * annotator-name of @settings (may be NULL), else the login name; never
 * empty. @source (may be NULL) says which. */
char      *gloss_preferences_dup_annotator (GSettings            *settings,
                                            GlossAnnotatorSource *source);

G_END_DECLS
