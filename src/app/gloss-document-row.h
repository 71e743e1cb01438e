/* gloss-document-row.h: a row of the document list
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gloss-document.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_DOCUMENT_ROW (gloss_document_row_get_type ())
G_DECLARE_FINAL_TYPE (GlossDocumentRow, gloss_document_row, GLOSS, DOCUMENT_ROW, GtkWidget)

GtkWidget     *gloss_document_row_new          (void);
GlossDocument *gloss_document_row_get_document (GlossDocumentRow *self);
/* The row shows the document's name, count and the status @annotator gave
 * it, and follows the document's "notify::n-annotations" and
 * "status-changed". */
void           gloss_document_row_set_document (GlossDocumentRow *self,
                                                GlossDocument    *document);
void           gloss_document_row_set_annotator (GlossDocumentRow *self,
                                                 const char       *annotator);
/* Shows a status ("Done", "In progress"; nothing for new documents). */
void           gloss_document_row_set_status   (GlossDocumentRow    *self,
                                                GlossDocumentStatus  status);
/* Shows a count other than the document's. */
void           gloss_document_row_set_n_annotations (GlossDocumentRow *self,
                                                     guint             n_annotations);

/* Adds "curated N of M" to the caption, or "curated" once all are
 * (@n_units 0: nothing). */
void           gloss_document_row_set_curation (GlossDocumentRow *self,
                                                guint             n_curated,
                                                guint             n_units);

/* Shows "Assigned to ana ✓, ben" (a check mark for an assignee whose
 * status is done; followed through "status-changed"); NULL or empty: no
 * line. */
void           gloss_document_row_set_assignees (GlossDocumentRow *self,
                                                 GStrv             assignees);

/* For tests: the assignees line (NULL when hidden) and the caption. */
const char    *_gloss_document_row_get_assignees_text (GlossDocumentRow *self);
const char    *_gloss_document_row_get_caption (GlossDocumentRow *self);

G_END_DECLS
