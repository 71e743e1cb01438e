/* test-bench-quality.c: the benchmarks' precision and recall, on cases counted by hand
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bench-quality.h"

/* Fragments of the cases below. */
static const GlossFragment f0_5[] = { { 0, 5 } };
static const GlossFragment f0_10[] = { { 0, 10 } };
static const GlossFragment f10_20[] = { { 10, 20 } };
static const GlossFragment f5_15[] = { { 5, 15 } };
static const GlossFragment f0_3[] = { { 0, 3 } };
static const GlossFragment f5_8[] = { { 5, 8 } };
static const GlossFragment f3_6[] = { { 3, 6 } };
static const GlossFragment f0_3_6_9[] = { { 0, 3 }, { 6, 9 } };

#define SPAN(l, f) \
  { \
    l, f, G_N_ELEMENTS (f) \
  }

static BenchQualityCounts
score_one (const BenchQualitySpan *gold,
           guint                   n_gold,
           const BenchQualitySpan *pred,
           guint                   n_pred,
           const char             *label)
{
  g_autoptr(GHashTable) table = bench_quality_table_new ();

  bench_quality_score (table, gold, n_gold, pred, n_pred);
  return *bench_quality_counts_for (table, label);
}

static void
assert_counts (BenchQualityCounts c,
               guint              n_gold,
               guint              n_pred,
               guint              exact,
               guint              overlap)
{
  g_assert_cmpuint (c.n_gold, ==, n_gold);
  g_assert_cmpuint (c.n_pred, ==, n_pred);
  g_assert_cmpuint (c.exact, ==, exact);
  g_assert_cmpuint (c.overlap, ==, overlap);
}

static void
test_exact_and_label (void)
{
  BenchQualitySpan gold[] = { SPAN ("PER", f0_5) };
  BenchQualitySpan same[] = { SPAN ("PER", f0_5) };
  BenchQualitySpan other[] = { SPAN ("ORG", f0_5) };

  assert_counts (score_one (gold, 1, same, 1, "PER"), 1, 1, 1, 1);
  /* The right span under another label is wrong for both labels. */
  assert_counts (score_one (gold, 1, other, 1, "PER"), 1, 0, 0, 0);
  assert_counts (score_one (gold, 1, other, 1, "ORG"), 0, 1, 0, 0);
}

static void
test_overlap (void)
{
  BenchQualitySpan gold[] = { SPAN ("PER", f0_10) };
  BenchQualitySpan partial[] = { SPAN ("PER", f5_15) };
  BenchQualitySpan adjacent[] = { SPAN ("PER", f10_20) };
  /* Two proposals inside one gold span: only one of them is right. */
  BenchQualitySpan two[] = { SPAN ("PER", f0_3), SPAN ("PER", f5_8) };

  assert_counts (score_one (gold, 1, partial, 1, "PER"), 1, 1, 0, 1);
  assert_counts (score_one (gold, 1, adjacent, 1, "PER"), 1, 1, 0, 0);
  assert_counts (score_one (gold, 1, two, 2, "PER"), 1, 2, 0, 1);
}

static void
test_duplicates (void)
{
  BenchQualitySpan gold[] = { SPAN ("DATE", f0_5) };
  BenchQualitySpan pred[] = { SPAN ("DATE", f0_5), SPAN ("DATE", f0_5) };

  /* Precision 1/2, recall 1/1. */
  assert_counts (score_one (gold, 1, pred, 2, "DATE"), 1, 2, 1, 1);
  g_assert_cmpfloat (bench_quality_ratio (1, 2), ==, 0.5);
  g_assert_cmpfloat (bench_quality_ratio (0, 0), ==, 0.0);
}

static void
test_maximum_matching (void)
{
  /* [5,15) overlaps both gold spans and comes first; taking [0,10) for it
   * would leave [0,3) without a partner. The best pairing finds two. */
  BenchQualitySpan gold[] = { SPAN ("ORG", f0_10), SPAN ("ORG", f10_20) };
  BenchQualitySpan pred[] = { SPAN ("ORG", f5_15), SPAN ("ORG", f0_3) };

  assert_counts (score_one (gold, 2, pred, 2, "ORG"), 2, 2, 0, 2);
}

static void
test_discontinuous (void)
{
  BenchQualitySpan gold[] = { SPAN ("CUE", f0_3_6_9) };
  BenchQualitySpan gap[] = { SPAN ("CUE", f3_6) };
  BenchQualitySpan same[] = { SPAN ("CUE", f0_3_6_9) };
  BenchQualitySpan first[] = { SPAN ("CUE", f0_3) };

  /* The gap between the fragments is not the span's. */
  assert_counts (score_one (gold, 1, gap, 1, "CUE"), 1, 1, 0, 0);
  assert_counts (score_one (gold, 1, same, 1, "CUE"), 1, 1, 1, 1);
  assert_counts (score_one (gold, 1, first, 1, "CUE"), 1, 1, 0, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bench/quality/exact-and-label", test_exact_and_label);
  g_test_add_func ("/bench/quality/overlap", test_overlap);
  g_test_add_func ("/bench/quality/duplicates", test_duplicates);
  g_test_add_func ("/bench/quality/maximum-matching", test_maximum_matching);
  g_test_add_func ("/bench/quality/discontinuous", test_discontinuous);

  return g_test_run ();
}
