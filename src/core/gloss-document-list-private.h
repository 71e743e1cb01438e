/* gloss-document-list-private.h
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-document-list.h"

G_BEGIN_DECLS

GlossDocumentList *_gloss_document_list_new     (GlossStore        *store,
                                                 GError           **error);
/* Re-reads the ids after documents were added elsewhere and emits exact
 * items-changed for the new ones. */
gboolean           _gloss_document_list_reload  (GlossDocumentList *self,
                                                 GError           **error);

/* The documents read so far (new references), and one of them or NULL:
 * neither reads a document. */
GPtrArray         *_gloss_document_list_dup_loaded (GlossDocumentList *self);
GlossDocument     *_gloss_document_list_peek        (GlossDocumentList *self,
                                                     gint64             id);

G_END_DECLS
