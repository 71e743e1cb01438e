/* gloss-span-index-private.h: internal API of GlossSpanIndex, for tests
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-span-index.h"

G_BEGIN_DECLS

/* Checks every invariant of the tree (key order, AVL balance and heights,
 * subtree max-end, entry count, node pool bookkeeping). Returns FALSE, after
 * a g_debug() naming the first broken invariant, when one does not hold. */
gboolean _gloss_span_index_check      (GlossSpanIndex *index);
/* Height of the tree: 0 when empty, 1 for a single entry. */
guint    _gloss_span_index_get_height (GlossSpanIndex *index);

G_END_DECLS
