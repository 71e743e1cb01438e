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

G_END_DECLS
