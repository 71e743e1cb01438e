/* gloss-document-sidebar.h: the project's documents, searched and filtered by status
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gloss-project.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_DOCUMENT_SIDEBAR (gloss_document_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (GlossDocumentSidebar, gloss_document_sidebar, GLOSS, DOCUMENT_SIDEBAR,
                      GtkWidget)

/* The search entry (names and texts 200 ms after the last key, queried on
 * the project's indexes in a worker thread), the status filter (all, new, in progress, done for the
 * project's annotator) and the list of the documents that match, a
 * GlossDocumentRow each.
 *
 * Signals:
 *   "document-selected" (GlossDocument *document): a row was selected.
 *   "document-activated" (GlossDocument *document): a document was picked
 *     for reading (a click on its row, or Enter), not just arrowed to.
 *   "row-bound" (GlossDocumentRow *row, GlossDocument *document): a row
 *     shows @document (the window adds its curation progress). */

GtkWidget   *gloss_document_sidebar_new                   (void);
/* Shows the documents of @project (may be NULL), none selected. */
void         gloss_document_sidebar_set_project           (GlossDocumentSidebar *self,
                                                           GlossProject         *project);
/* The document list as shown: filtered by name or text and by status. */
GListModel  *gloss_document_sidebar_get_documents         (GlossDocumentSidebar *self);
GtkEditable *gloss_document_sidebar_get_search_entry      (GlossDocumentSidebar *self);
/* Rows: all, new, in progress, done (for the current annotator), assigned
 * to the current annotator. */
GtkDropDown *gloss_document_sidebar_get_status_dropdown   (GlossDocumentSidebar *self);
/* The selected position in the list as shown, or GTK_INVALID_LIST_POSITION. */
guint        gloss_document_sidebar_get_selected          (GlossDocumentSidebar *self);
void         gloss_document_sidebar_unselect              (GlossDocumentSidebar *self);
/* Selects the row at @position ("document-selected") and scrolls to it. */
void         gloss_document_sidebar_select_position       (GlossDocumentSidebar *self,
                                                           guint                 position);
/* The project's annotator changed: the status filter reads the statuses again. */
void         gloss_document_sidebar_refresh_status_filter (GlossDocumentSidebar *self);
/* Documents' statuses changed: the status filter, when it filters, follows. */
/* Text was typed whose matches are not shown yet. */
gboolean     gloss_document_sidebar_is_searching          (GlossDocumentSidebar *self);
void         gloss_document_sidebar_statuses_changed      (GlossDocumentSidebar *self);

G_END_DECLS
