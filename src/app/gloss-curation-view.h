/* gloss-curation-view.h: every annotator's spans of a document, compared, to adjudicate a gold set
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gloss-curation.h"
#include "gloss-project.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_CURATION_VIEW (gloss_curation_view_get_type ())
G_DECLARE_FINAL_TYPE (GlossCurationView, gloss_curation_view, GLOSS, CURATION_VIEW, GtkWidget)

/* Signals: "edit-annotation" (const char *uuid): the curator wants to edit
 * that annotation in the document view (E). "open-document" (const char
 * *name): see the queue below. "changes-applied" (GlossChangeSet *, const
 * char *message): Alt+A in the queue accepted the agreed units of every
 * document as one change set, for the window's undo. "message" (const char *): a
 * short message for the window's message bar. "progress-changed": units
 * were recomputed or curated. */

GtkWidget  *gloss_curation_view_new              (void);
/* Shows the units of the list's document (@annotations NULL: nothing). */
void        gloss_curation_view_set_annotation_list (GlossCurationView   *self,
                                                     GlossProject        *project,
                                                     GlossAnnotationList *annotations);
/* The current units (GlossCurationUnit, borrowed; replaced after edits). */
GPtrArray  *gloss_curation_view_get_units        (GlossCurationView   *self);
guint       gloss_curation_view_get_selected     (GlossCurationView   *self);
void        gloss_curation_view_select           (GlossCurationView   *self,
                                                  guint                position);
/* Copies the version of the annotator at @version in unit @position into
 * the gold set (one undoable command). */
gboolean    gloss_curation_view_accept           (GlossCurationView   *self,
                                                  guint                position,
                                                  guint                version,
                                                  GError             **error);
/* Marks the unit resolved without gold (or no longer rejected). */
gboolean    gloss_curation_view_reject           (GlossCurationView   *self,
                                                  guint                position,
                                                  GError             **error);
/* R is undone and redone like an accept: while nothing was done in the
 * document since (its undo stack is as the rejection left it), Ctrl+Z
 * takes the last rejection back, Ctrl+Shift+Z makes it again. */
gboolean           gloss_curation_view_can_undo_reject (GlossCurationView *self);
gboolean           gloss_curation_view_can_redo_reject (GlossCurationView *self);
gboolean           gloss_curation_view_undo_reject (GlossCurationView *self,
                                                    GError           **error);
gboolean           gloss_curation_view_redo_reject (GlossCurationView *self,
                                                    GError           **error);
/* Accepts every agreed unit not curated yet, in one command; returns the
 * number of units accepted, or -1 on error. */
int         gloss_curation_view_accept_agreed    (GlossCurationView   *self,
                                                  GError             **error);
void        gloss_curation_view_get_progress     (GlossCurationView   *self,
                                                  guint               *n_curated,
                                                  guint               *n_units);

/* The queue (Q, or the header's "All Documents"): every undecided
 * disagreement of the project, collected on a worker thread, in rows of
 * their documents. Rows are what the public calls above take as
 * positions; deciding a row of another document opens it first
 * ("open-document" (const char *name): the window opens that document and
 * gives the view its annotation list before the signal returns). */
void               gloss_curation_view_set_queue_mode (GlossCurationView *self,
                                                       gboolean           queue);
gboolean           gloss_curation_view_get_queue_mode (GlossCurationView *self);
/* The queue filtered (NULL or "" for any; @kind as
 * gloss_curation_kind_from_name() takes it), collected again. */
gboolean           gloss_curation_view_show_queue (GlossCurationView *self,
                                                   const char        *label,
                                                   const char        *annotator_a,
                                                   const char        *annotator_b,
                                                   const char        *kind,
                                                   GError           **error);
gboolean           gloss_curation_view_is_collecting (GlossCurationView *self);
guint              gloss_curation_view_get_n_rows (GlossCurationView *self);
guint              gloss_curation_view_get_n_undecided (GlossCurationView *self);
/* The unit of a row (borrowed, valid until the rows change) and the name
 * of its document. */
GlossCurationUnit *gloss_curation_view_get_row (GlossCurationView *self,
                                                guint              position,
                                                const char       **document_name);

/* Loads the style of the team views (gloss-teams.css: curation, the
 * comparison, the agreement report) for the display, once. */
void        _gloss_teams_ensure_css              (void);

G_END_DECLS
