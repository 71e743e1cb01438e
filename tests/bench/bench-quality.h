/* bench-quality.h: precision and recall of proposed spans against gold spans
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "gloss-types.h"

G_BEGIN_DECLS

/* One span of one document: a label over one or more fragments. */
typedef struct
{
  const char          *label;
  const GlossFragment *fragments;
  guint                n_fragments;
} BenchQualitySpan;

/* What one label scored. A match pairs one proposed span with one gold
 * span of the same label, each in at most one pair, so the same count of
 * matches is the numerator of precision (over n_pred) and of recall (over
 * n_gold). */
typedef struct
{
  guint n_gold;
  guint n_pred;
  guint exact;   /* matches with the very same fragments */
  guint overlap; /* matches sharing at least one code point */
} BenchQualityCounts;

/* A table label -> BenchQualityCounts, owning both. */
GHashTable         *bench_quality_table_new (void);
BenchQualityCounts *bench_quality_counts_for (GHashTable *table,
                                              const char *label);

/* Scores one document's @pred against its @gold into @table (per label).
 * The pairs are a maximum matching, not the first that comes: a proposal
 * that overlaps two gold spans must not take the one another proposal
 * needs. */
void                bench_quality_score (GHashTable             *table,
                                         const BenchQualitySpan *gold,
                                         guint                   n_gold,
                                         const BenchQualitySpan *pred,
                                         guint                   n_pred);

/* tp / n, and 0 when n is 0 (nothing proposed, or nothing to find). */
double              bench_quality_ratio (guint tp,
                                         guint n);

G_END_DECLS
