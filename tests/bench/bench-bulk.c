/* bench-bulk.c: "annotate all occurrences in all documents" on a large project
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Builds a project of 10,000 invented news-like articles of about 5 KB
 * (bench-articles.c; a made-up name is put into a few of them), then times
 * gloss_project_annotate_everywhere() for a frequent word (thousands of
 * hits), that rare name (a few hits) and a word that does not occur, and
 * the undo and redo of each step that created annotations. Every case
 * starts from the unannotated project (the step is undone again, untimed).
 *
 * Options: --small (1,000 articles), --count N (N articles), --runs N
 * (timed runs per case, default 3; the median is printed).
 * Prints one "name value unit" line per measure.
 */

#include "config.h"

#include <stdio.h>

#include "gloss.h"
#include "bench-articles.h"
#include "bench-util.h"

#define RARE_NAME "Quillon Adebayo-Strand"

/* Every RARE_EVERY-th article (from the 8th) names RARE_NAME once. */
#define RARE_EVERY 2500

static void
build_project (const char *path,
               guint       n_articles)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = gloss_project_create (path, NULL, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261124);
  GlossStore *store;
  guint64 total_bytes = 0;
  gint64 t0 = g_get_monotonic_time ();

  if (project == NULL)
    g_error ("%s", error->message);
  store = gloss_project_get_store (project);
  if (!gloss_store_begin (store, &error))
    g_error ("%s", error->message);
  for (guint i = 0; i < n_articles; i++)
    {
      g_autofree char *name = g_strdup_printf ("article-%06u", i);
      BenchWriter w = { g_string_new (NULL), 0, NULL, rand };

      bench_write_article (&w, 5000, 0);
      if (i % RARE_EVERY == 7)
        g_string_append (w.text, "The inquiry was led by " RARE_NAME ".\n");
      total_bytes += w.text->len;
      if (gloss_store_insert_document (store, NULL, name, w.text->str, w.text->len, NULL, NULL, 0,
                                       &error) == 0)
        g_error ("%s", error->message);
      g_string_free (w.text, TRUE);
    }
  if (!gloss_store_commit (store, &error))
    g_error ("%s", error->message);

  printf ("build_total %.3f s\n", (g_get_monotonic_time () - t0) / 1e6);
  printf ("articles %u count\n", n_articles);
  printf ("articles_size %.1f MiB\n", total_bytes / 1048576.0);
}

static double
seconds_since (gint64 t0)
{
  return (g_get_monotonic_time () - t0) / 1e6;
}

/* Runs the case @runs times and prints the medians under @name. */
static void
bench_case (GlossProject *project,
            GlossProject *window,
            const char   *name,
            const char   *label,
            const char   *needle,
            guint         runs)
{
  g_autoptr(GArray) t_apply = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_undo = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_redo = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_refresh = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_annotations = 0, n_documents = 0;

  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(GlossBulkStep) step = NULL;
      g_autoptr(GError) error = NULL;
      gint64 t0 = g_get_monotonic_time ();
      double v;

      if (!gloss_project_annotate_everywhere (project, label, needle, TRUE, &step, NULL, &error))
        g_error ("annotate %s: %s", needle, error->message);
      v = seconds_since (t0);
      g_array_append_val (t_apply, v);
      n_annotations = gloss_bulk_step_get_n_annotations (step);
      n_documents = gloss_bulk_step_get_n_documents (step);
      if (!gloss_bulk_step_can_undo (step))
        continue;

      /* what the window's main thread does after a worker's run */
      t0 = g_get_monotonic_time ();
      gloss_project_refresh_for_bulk (window, step);
      v = seconds_since (t0);
      g_array_append_val (t_refresh, v);

      t0 = g_get_monotonic_time ();
      if (!gloss_project_undo_bulk (project, step, &error))
        g_error ("undo %s: %s", needle, error->message);
      v = seconds_since (t0);
      g_array_append_val (t_undo, v);

      t0 = g_get_monotonic_time ();
      if (!gloss_project_redo_bulk (project, step, &error))
        g_error ("redo %s: %s", needle, error->message);
      v = seconds_since (t0);
      g_array_append_val (t_redo, v);

      /* back to the unannotated project for the next run */
      if (!gloss_project_undo_bulk (project, step, &error))
        g_error ("undo %s: %s", needle, error->message);
    }

  printf ("%s_hits %u count\n", name, n_annotations);
  printf ("%s_documents %u count\n", name, n_documents);
  printf ("%s_annotate %.3f s\n", name, bench_quantile (t_apply, 0.5));
  if (t_undo->len > 0)
    {
      printf ("%s_undo %.3f s\n", name, bench_quantile (t_undo, 0.5));
      printf ("%s_redo %.3f s\n", name, bench_quantile (t_redo, 0.5));
      /* the first run loads the step's documents into the other project's
       * list; later runs only count their annotations again */
      printf ("%s_refresh_other_project_first %.3f s\n", name,
              g_array_index (t_refresh, double, 0));
      printf ("%s_refresh_other_project %.3f s\n", name, bench_quantile (t_refresh, 0.5));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = bench_dir ();
  g_autofree char *path = g_build_filename (dir, "bulk.gloss", NULL);
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GlossProject) window = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossAnnotationList) open_list = NULL;
  guint n_articles = 10000, runs = 3;
  GStatBuf st;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--small"))
        n_articles = 1000;
      else if (g_str_equal (argv[i], "--count") && i + 1 < argc)
        {
          i++;
          n_articles = MAX (1, (guint) g_ascii_strtoull (argv[i], NULL, 10));
        }
      else if (g_str_equal (argv[i], "--runs") && i + 1 < argc)
        {
          i++;
          runs = MAX (1, (guint) g_ascii_strtoull (argv[i], NULL, 10));
        }
      else
        {
          fprintf (stderr, "usage: %s [--small] [--count N] [--runs N]\n", argv[0]);
          return 2;
        }
    }

  build_project (path, n_articles);
  if (g_stat (path, &st) == 0)
    printf ("project_size %.1f MiB\n", st.st_size / 1048576.0);

  project = gloss_project_open (path, &error);
  if (project == NULL)
    g_error ("%s", error->message);
  gloss_project_set_annotator (project, "bench");
  /* a second project on the file, with its document list and one document
   * open, stands for the window's beside a worker's */
  window = gloss_project_open (path, &error);
  if (window == NULL)
    g_error ("%s", error->message);
  {
    g_autoptr(GlossDocument) document =
      g_list_model_get_item (gloss_project_get_documents (window), 7 % n_articles);

    open_list = gloss_project_dup_annotation_list (window, document, &error);
    if (open_list == NULL)
      g_error ("%s", error->message);
  }

  /* "Varnia" is a place and in "the Central Bank of Varnia": a few hits in
   * most articles */
  bench_case (project, window, "frequent", "GPE", "Varnia", runs);
  bench_case (project, window, "rare", "PERSON", RARE_NAME, runs);
  bench_case (project, window, "absent", "PERSON", "Zeppelinstrasse", runs);
  printf ("runs %u count\n", runs);
  printf ("peak_rss %" G_GUINT64_FORMAT " KiB\n", bench_peak_rss_kib ());

  g_clear_object (&open_list);
  g_clear_object (&window);
  g_clear_object (&project);
  bench_cleanup (dir);
  return 0;
}
