/* gloss-suggestions-panel.h: the open document's pending suggestions and the suggesters' state
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gloss-document-view.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_SUGGESTIONS_PANEL (gloss_suggestions_panel_get_type ())
G_DECLARE_FINAL_TYPE (GlossSuggestionsPanel, gloss_suggestions_panel, GLOSS, SUGGESTIONS_PANEL,
                      GtkWidget)

/* Lists the pending suggestions of @view's document (label, text, score,
 * suggester), follows and sets the view's selected suggestion, says what
 * the suggesters are doing (running, how many are pending, what failed)
 * and sets the view's accept score, with a button that accepts every
 * pending suggestion at or above it. */
GtkWidget  *gloss_suggestions_panel_new (void);
void        gloss_suggestions_panel_set_view (GlossSuggestionsPanel *self,
                                              GlossDocumentView     *view);
/* Reads the view's pending suggestions again. */
void        gloss_suggestions_panel_refresh (GlossSuggestionsPanel *self);
void        gloss_suggestions_panel_set_running (GlossSuggestionsPanel *self,
                                                 gboolean               running);
/* What the last run could not do (NULL: nothing failed). */
void        gloss_suggestions_panel_set_problem (GlossSuggestionsPanel *self,
                                                 const char            *problem);
/* The suggesters, one row each (gloss_suggester_list_names()): whether it
 * runs (a switch: "suggester-toggled" (name, enabled) when the user flips
 * it) and what it says: @status (NULL: its pending count), a @problem
 * said in the warning colour. */
void        gloss_suggestions_panel_set_suggester (GlossSuggestionsPanel *self,
                                                   const char            *name,
                                                   gboolean               enabled,
                                                   const char            *status,
                                                   gboolean               problem);
/* What a suggester's row says now (tests). */
const char *gloss_suggestions_panel_get_suggester_status (GlossSuggestionsPanel *self,
                                                          const char            *name);
/* The run's progress, 0 to 1 (a bar under the status; < 0 hides it). */
void        gloss_suggestions_panel_set_progress (GlossSuggestionsPanel *self,
                                                  double                 fraction);
/* "Highest score first": the window binds it to its setting. */
GtkWidget  *gloss_suggestions_panel_get_by_score_button (GlossSuggestionsPanel *self);
/* The rows shown (tests): a row's accessible text is "LABEL text". */
guint       gloss_suggestions_panel_get_n_rows (GlossSuggestionsPanel *self);
const char *gloss_suggestions_panel_get_status (GlossSuggestionsPanel *self);

G_END_DECLS
