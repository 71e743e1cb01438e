/* bench-span-query.c: window queries over a document-sized span index
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints one "name value unit" line per measure.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gloss-span-index.h"

#define DOC_CHARS     1000000
#define N_SPANS       100000
#define MAX_SPAN      40
#define N_QUERIES     10000
#define WINDOW        2000
#define SEED          42

static gint64
now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);

  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static double
peak_rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;

  line = strstr (status, "VmHWM:");
  if (line == NULL)
    return -1;

  return g_ascii_strtoull (line + strlen ("VmHWM:"), NULL, 10) / 1024.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GlossSpanIndex) index = gloss_span_index_new ();
  g_autoptr(GPtrArray) out = g_ptr_array_sized_new (1024);
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autofree gint64 *times = g_new (gint64, N_QUERIES);
  guint prev_start = 0;
  guint prev_end = 0;
  guint64 n_results = 0;
  gint64 begin;
  gint64 total = 0;

  /* Spans of 1 to 40 characters spread over the text; one in five nests
   * inside the span before it, like a claim around its source. */
  begin = now_ns ();
  for (guint i = 0; i < N_SPANS; i++)
    {
      guint start;
      guint end;

      if (i > 0 && prev_end - prev_start > 2 && g_rand_int_range (rand, 0, 5) == 0)
        {
          start = g_rand_int_range (rand, prev_start, prev_end - 1);
          end = g_rand_int_range (rand, start + 1, prev_end + 1);
        }
      else
        {
          start = g_rand_int_range (rand, 0, DOC_CHARS - MAX_SPAN);
          end = start + g_rand_int_range (rand, 1, MAX_SPAN + 1);
        }

      gloss_span_index_insert (index, start, end, GUINT_TO_POINTER (i + 1));
      prev_start = start;
      prev_end = end;
    }
  printf ("span_index_build %.2f ms\n", (now_ns () - begin) / 1e6);
  printf ("span_index_size %u entries\n", gloss_span_index_get_size (index));

  for (guint i = 0; i < N_QUERIES; i++)
    {
      guint start = g_rand_int_range (rand, 0, DOC_CHARS - WINDOW);
      gint64 t0;

      g_ptr_array_set_size (out, 0);
      t0 = now_ns ();
      gloss_span_index_query_range (index, start, start + WINDOW, out);
      times[i] = now_ns () - t0;
      total += times[i];
      n_results += out->len;
    }

  qsort (times, N_QUERIES, sizeof (gint64), compare_gint64);
  printf ("span_query_median %.2f us\n", times[N_QUERIES / 2] / 1e3);
  printf ("span_query_p99 %.2f us\n", times[N_QUERIES * 99 / 100] / 1e3);
  printf ("span_query_mean %.2f us\n", total / 1e3 / N_QUERIES);
  printf ("span_query_results_mean %.1f spans\n", (double) n_results / N_QUERIES);
  printf ("peak_rss %.1f MB\n", peak_rss_mb ());

  return EXIT_SUCCESS;
}
