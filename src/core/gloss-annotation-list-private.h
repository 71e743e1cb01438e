/* gloss-annotation-list-private.h
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-annotation-list.h"

G_BEGIN_DECLS

GlossAnnotationList *_gloss_annotation_list_new (GlossStore     *store,
                                                 GlossSchema    *schema,
                                                 GlossDocument  *document,
                                                 GError        **error);
/* Re-reads the document's rows from the store after they were written
 * behind the list's back (a merge, or its undo): replaces the items with
 * one items-changed over the whole list, the relations likewise, emits
 * "annotation-changed" and "relation-changed" for each row that differs and
 * "status-changed" for each status, and clears the undo and redo stacks
 * (their recorded rows no longer match the store). @schema, when not NULL,
 * replaces the schema edits are checked against. On failure the list is
 * unchanged. */
gboolean             _gloss_annotation_list_reload (GlossAnnotationList  *self,
                                                    GlossSchema          *schema,
                                                    GError              **error);

/* Sets @matches to whether the list shows the document's rows as the store
 * holds them now (another connection may have changed them). */
gboolean             _gloss_annotation_list_matches_store (GlossAnnotationList  *self,
                                                           gboolean             *matches,
                                                           GError              **error);

G_END_DECLS
