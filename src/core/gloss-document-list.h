/* gloss-document-list.h: a lazy list of a project's documents
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gloss-types.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_DOCUMENT_LIST (gloss_document_list_get_type ())
G_DECLARE_FINAL_TYPE (GlossDocumentList, gloss_document_list, GLOSS, DOCUMENT_LIST, GObject)

/* A GListModel of GlossDocument in name order. Only the ids are read up
 * front (8 bytes a document); a document's row is read the first time its
 * item is asked for and then kept, so one id always gives the same
 * GlossDocument object. */

GlossDocument *gloss_document_list_lookup   (GlossDocumentList *self,
                                             gint64             id);
/* The ids (gint64) in display order, borrowed: the list replaces the array
 * when documents come or go. */
GArray        *gloss_document_list_get_ids  (GlossDocumentList *self);

G_END_DECLS
