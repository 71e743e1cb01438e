/* gloss-window-bulk-private.h: the window's other bulk steps (imports, label renames) and
 * the Undo of "annotate everywhere in the document"
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gloss-change-set.h"
#include "gloss-window.h"

G_BEGIN_DECLS

/* Keeps @changes, applied to the window's project (an import, a label
 * renamed), as the window's last bulk step in place of the one before:
 * win.undo takes it back as one step once the open document has nothing
 * left to undo, and the undo and redo buttons name it by the set's
 * description. A set that cannot be undone is not kept. */
void            _gloss_window_bulk_take_changes      (GlossWindow    *self,
                                                      GlossChangeSet *changes);
/* Shows @message with an Undo button for @changes, when it is still the
 * window's last step and can be undone (the dialog that made it may close
 * first: a toast behind a modal dialog would go unseen). */
void            _gloss_window_bulk_show_changes_toast (GlossWindow    *self,
                                                       GlossChangeSet *changes,
                                                       const char     *message);
/* The window's last step when it is a change set (borrowed), or NULL. */
GlossChangeSet *_gloss_window_bulk_get_changes       (GlossWindow    *self);

/* win.annotate-all (Ctrl+E): every occurrence of the selected annotation's
 * text in the open document, one command of the document's history, and a
 * toast with an Undo button (win.undo-annotate-all) that takes back that
 * command while nothing else changed the document; its Redo puts it back.
 * Returns the number of annotations created. */
guint           _gloss_window_annotate_all_in_document (GlossWindow  *self);

G_END_DECLS
