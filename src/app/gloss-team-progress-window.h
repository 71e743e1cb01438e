/* gloss-team-progress-window.h: each annotator's progress, for the lead
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gloss-assignments.h"
#include "gloss-project.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_TEAM_PROGRESS_WINDOW (gloss_team_progress_window_get_type ())
G_DECLARE_FINAL_TYPE (GlossTeamProgressWindow, gloss_team_progress_window, GLOSS,
                      TEAM_PROGRESS_WINDOW, AdwWindow)

/* A window listing, per annotator, the documents assigned and how many are
 * new, in progress and done, the annotations made, and a level bar of the
 * share done (gloss_project_dup_annotator_progress()). */
GtkWidget *gloss_team_progress_window_new     (GtkWindow               *parent,
                                               GlossProject            *project);
/* Reads the figures again. */
void       gloss_team_progress_window_refresh (GlossTeamProgressWindow *self);

/* For tests: the row of @annotator (NULL: none), its figures line, and the
 * level bar's value. */
GtkWidget  *_gloss_team_progress_window_get_row     (GlossTeamProgressWindow *self,
                                                     const char              *annotator);
const char *_gloss_team_progress_row_get_figures    (GtkWidget               *row);
double      _gloss_team_progress_row_get_done_level (GtkWidget               *row);

/* Assign Evenly, as the window's form does it (@annotators as typed,
 * comma-separated): one step of the parent window's history. */
gboolean    _gloss_team_progress_window_assign      (GlossTeamProgressWindow  *self,
                                                     const char               *annotators,
                                                     guint                     n_per_document,
                                                     guint32                   seed,
                                                     gboolean                  replace,
                                                     GError                  **error);

/* The figures line of an annotator: "4 assigned · 1 new · 2 in progress ·
 * 1 done · 37 annotations" (translated). */
char       *gloss_team_progress_format_figures (const GlossAnnotatorProgress *progress);

G_END_DECLS
