/* gloss-project-private.h
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-project.h"

G_BEGIN_DECLS

/* A project over @store, with the schema it holds. */
GlossProject        *_gloss_project_new_for_store        (GlossStore   *store,
                                                          GError      **error);
/* The annotation list of document @document_id if one is alive (borrowed),
 * without creating one. */
GlossAnnotationList *_gloss_project_peek_annotation_list (GlossProject *self,
                                                          gint64        document_id);

G_END_DECLS
