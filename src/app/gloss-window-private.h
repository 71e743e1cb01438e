/* gloss-window-private.h: the window's document list filters and recent menu, for tests
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gloss-bulk.h"
#include "gloss-window.h"

G_BEGIN_DECLS

/* The document list as shown: filtered by name or text and by status. */
GListModel  *_gloss_window_get_document_list   (GlossWindow *self);
GtkEditable *_gloss_window_get_search_entry    (GlossWindow *self);
/* Rows: all, new, in progress, done (for the current annotator). */
GtkDropDown *_gloss_window_get_status_dropdown (GlossWindow *self);
/* The open document's annotation list (borrowed), or NULL. */
GlossAnnotationList *_gloss_window_get_annotations (GlossWindow *self);
/* The banner's text when it is shown (the project is read-only), else NULL. */
const char  *_gloss_window_get_banner          (GlossWindow *self);
/* The "Open Recent" submenu. */
GMenuModel  *_gloss_window_get_recent_menu     (GlossWindow *self);

/* gloss-window-bulk.c: "annotate all occurrences in all documents" */
/* Installs win.annotate-all-documents (Ctrl+Alt+E). */
void           _gloss_window_bulk_class_init        (GtkWidgetClass  *widget_class);
/* Annotates every occurrence of the selected annotation's text with its
 * label in all documents of the project, as one step the window keeps,
 * and shows the count. Without a selection only shows a message. */
gboolean       _gloss_window_annotate_all_documents (GlossWindow     *self,
                                                     guint           *n_annotations,
                                                     GError         **error);
/* Enables win.undo and win.redo for the open document's history, then the
 * window's bulk step (undone once the document has nothing left to undo),
 * and names the step in the undo and redo buttons' tooltips. */
void           _gloss_window_bulk_update_undo       (GlossWindow     *self);
gboolean       _gloss_window_bulk_can_undo          (GlossWindow     *self);
gboolean       _gloss_window_bulk_can_redo          (GlossWindow     *self);
gboolean       _gloss_window_bulk_undo              (GlossWindow     *self,
                                                     GError         **error);
gboolean       _gloss_window_bulk_redo              (GlossWindow     *self,
                                                     GError         **error);
/* The window's last bulk step (borrowed), or NULL. */
GlossBulkStep *_gloss_window_get_bulk_step          (GlossWindow     *self);
/* In a project of at least @n_documents (default 1,000) documents on a
 * file, win.annotate-all-documents and the undo and redo of its step run
 * on a worker thread behind a modal progress dialog with Cancel
 * (_gloss_window_bulk_undo() and _redo() then return TRUE at once);
 * _gloss_window_annotate_all_documents() always runs synchronously. While
 * the worker runs, win.undo and win.redo are disabled and another run is
 * refused (G_IO_ERROR_BUSY). */
void           _gloss_window_bulk_set_thread_threshold (GlossWindow  *self,
                                                        guint         n_documents);
gboolean       _gloss_window_bulk_is_running        (GlossWindow     *self);
/* Cancels the worker: it rolls back, nothing is written. */
void           _gloss_window_bulk_cancel            (GlossWindow     *self);

G_END_DECLS
