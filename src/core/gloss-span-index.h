/* gloss-span-index.h: interval index over a document's annotation fragments
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-types.h"

G_BEGIN_DECLS

/* An augmented balanced binary search tree of intervals [start, end), ordered
 * by (start, end, data pointer) and augmented with the maximum end of each
 * subtree. Insert and remove are O(log n); a query costs O(log n + k) for k
 * results. An entry is identified by (start, end, data): the same data may be
 * inserted several times with different intervals (one per fragment of a
 * discontinuous annotation).
 *
 * Empty intervals (start == end) are allowed; for queries they behave as the
 * one-character interval [start, start + 1) (so an empty entry at G_MAXUINT is
 * never found). Intervals need start <= end. The index does not own data.
 *
 * Queries append to @out and leave what it already holds untouched. */

GlossSpanIndex *gloss_span_index_new          (void);
void            gloss_span_index_free         (GlossSpanIndex *index);
guint           gloss_span_index_get_size     (GlossSpanIndex *index);
void            gloss_span_index_clear        (GlossSpanIndex *index);
/* Returns FALSE (and changes nothing) when the same entry is already present. */
gboolean        gloss_span_index_insert       (GlossSpanIndex *index,
                                               guint           start,
                                               guint           end,
                                               gpointer        data);
/* Returns FALSE when the entry was not present. */
gboolean        gloss_span_index_remove       (GlossSpanIndex *index,
                                               guint           start,
                                               guint           end,
                                               gpointer        data);
gboolean        gloss_span_index_contains     (GlossSpanIndex *index,
                                               guint           start,
                                               guint           end,
                                               gpointer        data);
/* Appends to @out the data of every entry with start <= offset < end,
 * in (start, end, data) order. */
void            gloss_span_index_query_point  (GlossSpanIndex *index,
                                               guint           offset,
                                               GPtrArray      *out);
/* Appends to @out the data of every entry overlapping [start, end), i.e.
 * entry.start < end && entry.end > start, in (start, end, data) order.
 * Like an empty entry, an empty range (start == end) is the point query at
 * start.
 * An entry whose data occurs in several overlapping fragments is appended
 * once per fragment; see gloss_span_index_query_range_unique(). */
void            gloss_span_index_query_range  (GlossSpanIndex *index,
                                               guint           start,
                                               guint           end,
                                               GPtrArray      *out);
/* Same, but each data pointer appears at most once among the appended
 * results (first occurrence kept). */
void            gloss_span_index_query_range_unique (GlossSpanIndex *index,
                                                     guint           start,
                                                     guint           end,
                                                     GPtrArray      *out);
typedef gboolean (*GlossSpanIndexFunc) (guint    start,
                                        guint    end,
                                        gpointer data,
                                        gpointer user_data);
/* In-order walk; stop early when @func returns FALSE. @func must not change
 * the index. */
void            gloss_span_index_foreach      (GlossSpanIndex     *index,
                                               GlossSpanIndexFunc  func,
                                               gpointer            user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossSpanIndex, gloss_span_index_free)

G_END_DECLS
