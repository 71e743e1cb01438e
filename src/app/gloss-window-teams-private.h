/* gloss-window-teams-private.h: the window's team actions (merge, agreement)
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gloss-document-row.h"
#include "gloss-window.h"

G_BEGIN_DECLS

/* Installs win.merge, win.undo-merge and win.agreement on the window class. */
void       _gloss_window_teams_class_init      (GtkWidgetClass  *widget_class);
/* Frees self->teams (from the window's finalize). */
void       _gloss_window_teams_finalize        (GlossWindow     *self);
/* Enables the actions for the window's project and forgets the last merge
 * when the project changes. */
void       _gloss_window_teams_project_changed (GlossWindow     *self);
/* Merges the files into the window's project, one after the other, and
 * says what came in: a toast ("Merged ben’s and cai’s work: …") whose
 * Details (win.merge-details) opens the report; the report at once when a
 * file was refused. Stops at the first file refused (the files merged
 * before stay merged and undoable). FALSE when nothing was merged. */
gboolean   _gloss_window_merge_files           (GlossWindow     *self,
                                                GFile          **files,
                                                guint            n_files,
                                                GError         **error);
/* Undoes the last merge (all its files, the last first). */
gboolean   _gloss_window_undo_merge            (GlossWindow     *self,
                                                GError         **error);
gboolean   _gloss_window_can_undo_merge        (GlossWindow     *self);
/* Shows the curation progress of @document in @row when two or more
 * annotators annotated it. */
void       _gloss_window_teams_update_row      (GlossWindow      *self,
                                                GlossDocumentRow *row,
                                                GlossDocument    *document);

G_END_DECLS
