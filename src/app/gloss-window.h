/* gloss-window.h: the main window: document list, document view, annotation panel
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gloss-project.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_WINDOW (gloss_window_get_type ())
G_DECLARE_FINAL_TYPE (GlossWindow, gloss_window, GLOSS, WINDOW, AdwApplicationWindow)

GlossWindow   *gloss_window_new              (GtkApplication *application);
GlossProject  *gloss_window_get_project      (GlossWindow    *self);
/* Shows @project (may be NULL: the "No Project Open" page). */
void           gloss_window_set_project      (GlossWindow    *self,
                                              GlossProject   *project);
/* Opens the project file in this window; errors are shown in the window. */
gboolean       gloss_window_open_file        (GlossWindow    *self,
                                              GFile          *file,
                                              GError        **error);
/* Selects and shows the document called @name; FALSE if there is none. */
gboolean       gloss_window_select_document  (GlossWindow    *self,
                                              const char     *name);
/* Selects the document open last time in this project, or the first one. */
void           gloss_window_restore_document (GlossWindow    *self);
GlossDocument *gloss_window_get_document     (GlossWindow    *self);
GtkWidget     *gloss_window_get_view         (GlossWindow    *self);
void           gloss_window_show_error       (GlossWindow    *self,
                                              const char     *primary,
                                              const GError   *error);
/* A short message in a toast at the bottom of the window (it goes after a
 * few seconds, or when the next one comes). */
void           gloss_window_show_message     (GlossWindow    *self,
                                              const char     *message);

G_END_DECLS
