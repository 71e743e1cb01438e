/* bench-curation.c: the curation queue of a large team project
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-curation [--runs N] PROJECT
 *
 * Times what the window's curation view does when Q opens the queue of the
 * whole project (gloss_curation_queue_collect, every disagreement of every
 * document, no filter), and the curated counts the document list shows
 * (gloss_curation_progress of each document). Issue 12 asks that the view
 * opens on the 10,000-article team project of tests/bench/bench-scale.sh
 * without freezing the window. Prints "name value unit" lines: medians of
 * N runs (default 3), the queue's size and the peak RSS. Open PROJECT
 * read-only in spirit: nothing is written.
 */

#include "config.h"

#include <stdio.h>

#include "gloss.h"
#include "gloss-curation-queue.h"

#include "bench-util.h"

static double
median (GArray *values)
{
  return bench_quantile (values, 0.5);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GArray) collect_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) progress_times = g_array_new (FALSE, FALSE, sizeof (double));
  guint   runs = 3, n_documents = 0, n_units = 0, n_undecided = 0;
  guint64     total_units = 0, queue_peak_kib;
  const char *path;

  path = bench_parse_runs (argc, argv, "PROJECT", NULL, &runs);
  if (path == NULL)
    return 2;

  project = gloss_project_open (path, &error);
  if (project == NULL)
    g_error ("%s: %s", path, error->message);

  for (guint r = 0; r < runs; r++)
    {
      GlossCurationFilter filter = { 0 };
      g_autoptr(GPtrArray) annotators = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) queue = NULL;
      gint64 t0 = g_get_monotonic_time ();
      double seconds;

      filter.kind = -1;
      queue = gloss_curation_queue_collect (project, &filter, annotators, NULL, NULL, NULL,
                                            &error);
      if (queue == NULL)
        g_error ("%s", error->message);
      seconds = (g_get_monotonic_time () - t0) / 1e6;
      g_array_append_val (collect_times, seconds);
      n_documents = queue->len;
      n_undecided = gloss_curation_queue_count_undecided (queue);
      fprintf (stderr, "bench-curation: queue run %u: %.3f s\n", r + 1, seconds);
    }

  /* the queue's own peak, before the progress pass adds to it */
  queue_peak_kib = bench_peak_rss_kib ();

  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(GArray) ids = gloss_store_list_document_ids (gloss_project_get_store (project),
                                                              &error);
      gint64 t0 = g_get_monotonic_time ();
      double seconds;

      if (ids == NULL)
        g_error ("%s", error->message);
      total_units = 0;
      for (guint i = 0; i < ids->len; i++)
        {
          g_autoptr(GlossDocument) document = NULL;
          guint curated = 0, units = 0, annotators = 0;

          document = gloss_store_load_document (gloss_project_get_store (project),
                                                g_array_index (ids, gint64, i), &error);
          if (document == NULL ||
              !gloss_curation_progress (project, document, &curated, &units, &annotators, &error))
            g_error ("%s", error->message);
          total_units += units;
        }
      n_units = (guint) total_units;
      seconds = (g_get_monotonic_time () - t0) / 1e6;
      g_array_append_val (progress_times, seconds);
      fprintf (stderr, "bench-curation: progress run %u: %.3f s\n", r + 1, seconds);
    }

  printf ("curation_queue_seconds %.3f s\n", median (collect_times));
  printf ("curation_queue_documents %u count\n", n_documents);
  printf ("curation_queue_undecided %u count\n", n_undecided);
  printf ("curation_queue_peak_rss %.1f MiB\n", queue_peak_kib / 1024.0);
  printf ("curation_progress_seconds %.3f s\n", median (progress_times));
  printf ("curation_units %u count\n", n_units);
  printf ("curation_peak_rss %.1f MiB\n", bench_peak_rss_kib () / 1024.0);
  return 0;
}
