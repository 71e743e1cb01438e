/* gloss-document-filter.h: a project's documents narrowed to some of them
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gloss-types.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_DOCUMENT_FILTER (gloss_document_filter_get_type ())
G_DECLARE_FINAL_TYPE (GlossDocumentFilter, gloss_document_filter, GLOSS, DOCUMENT_FILTER, GObject)

/* A GListModel of GlossDocument: all of a project's document list, or the
 * documents whose ids it was given, in the order given. It never looks at
 * a document to decide (the ids come from the store's indexes): a row is
 * read only when its item is asked for, and the items are the list's own
 * GlossDocument objects. A document that leaves the project leaves the
 * filter too; one that arrives shows only when the ids are set again. */

GlossDocumentFilter *gloss_document_filter_new (GListModel *documents);
/* @ids: gint64 in display order, or NULL for every document. Emits one
 * items-changed for the rows between what stayed at either end. */
void                 gloss_document_filter_set_ids (GlossDocumentFilter *self,
                                                    GArray              *ids);
gboolean             gloss_document_filter_is_set (GlossDocumentFilter *self);
/* The position of document @id, found among the ids (no document is
 * read), or GLOSS_DOCUMENT_FILTER_NOT_FOUND. */
#define GLOSS_DOCUMENT_FILTER_NOT_FOUND G_MAXUINT
guint                gloss_document_filter_find (GlossDocumentFilter *self,
                                                 gint64               id);

G_END_DECLS
