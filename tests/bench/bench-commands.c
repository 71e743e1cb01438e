/* bench-commands.c: durable single edits and window queries
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * 10,000 one-annotation commands, each its own durable transaction
 * (synchronous=FULL, WAL), on a document that already holds 20,000
 * annotations; then 10,000 random 2,000-character window queries on a
 * document holding 100,000. Prints one "name value unit" line per measure.
 */

#include "config.h"

#include <stdio.h>

#include "gloss.h"
#include "bench-util.h"

#define N_EXISTING  20000
#define N_COMMANDS  10000
#define N_QUERY_ANN 100000
#define N_QUERIES   10000
#define WINDOW      2000

/* Fills @list with @n annotations in commands of 1,000. */
static void
fill (GlossAnnotationList *list,
      GRand               *rand,
      guint                n)
{
  g_autoptr(GError) error = NULL;
  guint length = gloss_document_get_length (gloss_annotation_list_get_document (list));

  for (guint done = 0; done < n; )
    {
      g_autoptr(GlossCommand) cmd = gloss_command_new ("fill");

      for (guint i = 0; i < 1000 && done < n; i++, done++)
        {
          guint start = g_rand_int_range (rand, 0, length - 40);
          g_autoptr(GlossAnnotation) a =
            gloss_annotation_new_span ("PERSON", start, start + g_rand_int_range (rand, 1, 40),
                                       "bench");
          gloss_command_create_annotation (cmd, a);
        }
      if (!gloss_annotation_list_apply (list, cmd, &error))
        g_error ("%s", error->message);
    }
  gloss_annotation_list_clear_history (list);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = bench_dir ();
  g_autofree char *path = g_build_filename (dir, "bench.gloss", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = gloss_project_create (path, NULL, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GArray) op_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) query_us = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GlossAnnotationList) list = NULL;
  g_autofree char *text = bench_make_text (rand, 100000);
  g_autofree char *big_text = bench_make_text (rand, 1000000);
  GlossDocument *doc;
  guint length;
  gint64 t0;
  double total;
  gsize hits = 0;

  if (project == NULL)
    g_error ("%s", error->message);
  doc = gloss_project_add_document (project, "edits", text, -1, NULL, &error);
  if (doc == NULL || !(list = gloss_project_dup_annotation_list (project, doc, &error)))
    g_error ("%s", error->message);
  fill (list, rand, N_EXISTING);
  length = gloss_document_get_length (doc);

  t0 = g_get_monotonic_time ();
  for (guint i = 0; i < N_COMMANDS; i++)
    {
      guint start = g_rand_int_range (rand, 0, length - 40);
      g_autoptr(GlossAnnotation) a = gloss_annotation_new_span ("ORG", start, start + 7, "bench");
      g_autoptr(GlossCommand) cmd = gloss_command_create_annotation (gloss_command_new ("one"), a);
      gint64 b0 = g_get_monotonic_time ();
      double ms;

      if (!gloss_annotation_list_apply (list, cmd, &error))
        g_error ("%s", error->message);
      ms = (g_get_monotonic_time () - b0) / 1000.0;
      g_array_append_val (op_ms, ms);
    }
  total = (g_get_monotonic_time () - t0) / 1e6;
  printf ("existing_annotations %u count\n", N_EXISTING);
  printf ("single_commands %u count\n", N_COMMANDS);
  printf ("single_command_median %.3f ms\n", bench_quantile (op_ms, 0.5));
  printf ("single_command_p99 %.3f ms\n", bench_quantile (op_ms, 0.99));
  printf ("single_command_throughput %.0f 1/s\n", N_COMMANDS / total);
  g_clear_object (&list);

  doc = gloss_project_add_document (project, "queries", big_text, -1, NULL, &error);
  if (doc == NULL || !(list = gloss_project_dup_annotation_list (project, doc, &error)))
    g_error ("%s", error->message);
  fill (list, rand, N_QUERY_ANN);
  length = gloss_document_get_length (doc);
  for (guint i = 0; i < N_QUERIES; i++)
    {
      guint start = g_rand_int_range (rand, 0, length - WINDOW);
      gint64 q0 = g_get_monotonic_time ();
      g_autoptr(GPtrArray) found = gloss_annotation_list_query_range (list, start, start + WINDOW);
      double us = (double) (g_get_monotonic_time () - q0);

      hits += found->len;
      g_array_append_val (query_us, us);
    }
  printf ("query_annotations %u count\n", N_QUERY_ANN);
  printf ("query_document_chars %u count\n", length);
  printf ("query_window %u chars\n", WINDOW);
  printf ("query_mean_hits %.1f count\n", (double) hits / N_QUERIES);
  printf ("query_median %.1f us\n", bench_quantile (query_us, 0.5));
  printf ("query_p99 %.1f us\n", bench_quantile (query_us, 0.99));
  printf ("peak_rss %" G_GUINT64_FORMAT " KiB\n", bench_peak_rss_kib ());

  g_clear_object (&list);
  g_clear_object (&project);
  bench_cleanup (dir);
  return 0;
}
