/* bench-quality.c: precision and recall of proposed spans against gold spans
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bench-quality.h"

GHashTable *
bench_quality_table_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

BenchQualityCounts *
bench_quality_counts_for (GHashTable *table,
                          const char *label)
{
  BenchQualityCounts *c = g_hash_table_lookup (table, label);

  if (c == NULL)
    g_hash_table_insert (table, g_strdup (label), c = g_new0 (BenchQualityCounts, 1));
  return c;
}

static gboolean
spans_equal (const BenchQualitySpan *a,
             const BenchQualitySpan *b)
{
  if (a->n_fragments != b->n_fragments)
    return FALSE;
  for (guint i = 0; i < a->n_fragments; i++)
    if (a->fragments[i].start != b->fragments[i].start ||
        a->fragments[i].end != b->fragments[i].end)
      return FALSE;
  return TRUE;
}

static gboolean
spans_overlap (const BenchQualitySpan *a,
               const BenchQualitySpan *b)
{
  for (guint i = 0; i < a->n_fragments; i++)
    for (guint j = 0; j < b->n_fragments; j++)
      if (a->fragments[i].start < b->fragments[j].end &&
          b->fragments[j].start < a->fragments[i].end)
        return TRUE;
  return FALSE;
}

typedef gboolean (*SpanMatch) (const BenchQualitySpan *a,
                               const BenchQualitySpan *b);

typedef struct
{
  const BenchQualitySpan *gold, *pred;
  guint                   n_gold, n_pred;
  SpanMatch               match;
  int                    *gold_taken_by; /* pred index, or -1 */
  gboolean               *seen;          /* gold visited in this search */
} Matching;

/* Kuhn's augmenting path from proposal @p: TRUE when it got a gold span,
 * perhaps by moving another proposal to a gold span of its own. */
static gboolean
augment (Matching *m,
         guint     p)
{
  for (guint g = 0; g < m->n_gold; g++)
    {
      if (m->seen[g] || !g_str_equal (m->gold[g].label, m->pred[p].label) ||
          !m->match (&m->pred[p], &m->gold[g]))
        continue;
      m->seen[g] = TRUE;
      if (m->gold_taken_by[g] < 0 || augment (m, (guint) m->gold_taken_by[g]))
        {
          m->gold_taken_by[g] = (int) p;
          return TRUE;
        }
    }
  return FALSE;
}

/* Adds each matched gold span to its label's count at @field. */
static void
match_all (GHashTable             *table,
           const BenchQualitySpan *gold,
           guint                   n_gold,
           const BenchQualitySpan *pred,
           guint                   n_pred,
           SpanMatch               match,
           gsize                   field)
{
  Matching m = { gold, pred, n_gold, n_pred, match, g_new (int, MAX (n_gold, 1)),
                 g_new0 (gboolean, MAX (n_gold, 1)) };

  for (guint g = 0; g < n_gold; g++)
    m.gold_taken_by[g] = -1;
  for (guint p = 0; p < n_pred; p++)
    {
      memset (m.seen, 0, sizeof (gboolean) * MAX (n_gold, 1));
      augment (&m, p);
    }
  for (guint g = 0; g < n_gold; g++)
    if (m.gold_taken_by[g] >= 0)
      {
        guint *count = &G_STRUCT_MEMBER (guint, bench_quality_counts_for (table, gold[g].label),
                                         field);
        (*count)++;
      }
  g_free (m.gold_taken_by);
  g_free (m.seen);
}

void
bench_quality_score (GHashTable             *table,
                     const BenchQualitySpan *gold,
                     guint                   n_gold,
                     const BenchQualitySpan *pred,
                     guint                   n_pred)
{
  for (guint g = 0; g < n_gold; g++)
    bench_quality_counts_for (table, gold[g].label)->n_gold++;
  for (guint p = 0; p < n_pred; p++)
    bench_quality_counts_for (table, pred[p].label)->n_pred++;
  match_all (table, gold, n_gold, pred, n_pred, spans_equal,
             G_STRUCT_OFFSET (BenchQualityCounts, exact));
  match_all (table, gold, n_gold, pred, n_pred, spans_overlap,
             G_STRUCT_OFFSET (BenchQualityCounts, overlap));
}

double
bench_quality_ratio (guint tp,
                     guint n)
{
  return n > 0 ? (double) tp / n : 0.0;
}
