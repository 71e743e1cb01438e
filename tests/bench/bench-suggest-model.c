/* bench-suggest-model.c: training the model suggester, and its predictions
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-suggest-model DIR [--holdout N] [--runs N]
 *
 * DIR is a brat folder of annotated documents, e.g. 1,000 cut from the
 * generated corpus:
 *   python3 ../shared/bench/gen_corpus.py --out C --sizes 1m --no-jsonl
 *   python3 ../shared/bench/split_brat.py C/brat/news_1m/news_1m.txt \
 *     C/brat/news_1m/news_1m.ann docs 1000
 * It is imported into a temporary project, the model is trained on every
 * document (timed), then it proposes for an invented 5 KB article (the
 * median of --runs is printed). With --holdout N, a second model is
 * trained on all but the last N documents and its precision and recall
 * (exact spans) on those N are printed per label. Prints "name value
 * unit" lines.
 */

#include "config.h"

#include <stdio.h>
#include <time.h>

#include "gloss.h"
#include "gloss-suggester.h"
#include "gloss-suggester-model.h"
#include "bench-articles.h"
#include "bench-util.h"

typedef struct
{
  guint tp, fp, fn;
} Counts;

static Counts *
counts_for (GHashTable *table,
            const char *label)
{
  Counts *c = g_hash_table_lookup (table, label);

  if (c == NULL)
    g_hash_table_insert (table, g_strdup (label), c = g_new0 (Counts, 1));
  return c;
}

static void
evaluate (GlossProject *project,
          guint         holdout)
{
  g_autoptr(GError) error = NULL;
  GListModel *documents = gloss_project_get_documents (project);
  guint       n = g_list_model_get_n_items (documents);
  g_autoptr(GPtrArray) train = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                                  gloss_suggest_input_unref);
  g_autoptr(GPtrArray) test = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                                 gloss_suggest_input_unref);
  g_autoptr(GlossSuggester) suggester = gloss_model_suggester_new ();
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GList) labels = NULL;
  Counts all = { 0 };

  holdout = MIN (holdout, n / 2);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossDocument) document = g_list_model_get_item (documents, i);
      GlossSuggestInput *input = gloss_suggest_input_new (project, document, &error);

      if (input == NULL)
        g_error ("%s", error->message);
      g_ptr_array_add (i < n - holdout ? train : test, input);
    }
  if (!gloss_model_suggester_train_inputs (GLOSS_MODEL_SUGGESTER (suggester),
                                           gloss_project_get_schema (project), train, NULL, NULL,
                                           NULL, &error))
    g_error ("%s", error->message);

  for (guint i = 0; i < test->len; i++)
    {
      GlossSuggestInput *gold = g_ptr_array_index (test, i);
      g_autoptr(GlossSuggestInput) bare = gloss_suggest_input_new_text (gold->name, gold->text,
                                                                         gold->schema, NULL);
      g_autoptr(GPtrArray) suggestions = gloss_suggester_suggest (suggester, bare, NULL, &error);
      g_autoptr(GHashTable) gold_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                                NULL);

      if (suggestions == NULL)
        g_error ("%s", error->message);
      for (guint j = 0; j < gold->annotations->len; j++)
        {
          GlossAnnotation *a = g_ptr_array_index (gold->annotations, j);

          g_hash_table_add (gold_keys, g_strdup_printf ("%s %u %u", gloss_annotation_get_label (a),
                                                        gloss_annotation_get_start (a),
                                                        gloss_annotation_get_end (a)));
        }
      for (guint j = 0; j < suggestions->len; j++)
        {
          GlossSuggestion *s = g_ptr_array_index (suggestions, j);
          g_autofree char *key = g_strdup_printf ("%s %u %u", gloss_suggestion_get_label (s),
                                                  gloss_suggestion_get_start (s),
                                                  gloss_suggestion_get_end (s));
          Counts          *c = counts_for (counts, gloss_suggestion_get_label (s));

          if (g_hash_table_remove (gold_keys, key))
            c->tp++;
          else
            c->fp++;
        }
      {
        GHashTableIter iter;
        const char    *key;

        g_hash_table_iter_init (&iter, gold_keys);
        while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
          {
            g_autofree char *label = g_strndup (key, strchr (key, ' ') - key);

            counts_for (counts, label)->fn++;
          }
      }
    }

  labels = g_list_sort (g_hash_table_get_keys (counts), (GCompareFunc) strcmp);
  for (GList *l = labels; l != NULL; l = l->next)
    {
      Counts *c = g_hash_table_lookup (counts, l->data);

      all.tp += c->tp;
      all.fp += c->fp;
      all.fn += c->fn;
      printf ("model_precision_%s %.3f ratio\n", (char *) l->data,
              c->tp + c->fp ? (double) c->tp / (c->tp + c->fp) : 0.0);
      printf ("model_recall_%s %.3f ratio\n", (char *) l->data,
              c->tp + c->fn ? (double) c->tp / (c->tp + c->fn) : 0.0);
    }
  printf ("model_precision_all %.3f ratio\n",
          all.tp + all.fp ? (double) all.tp / (all.tp + all.fp) : 0.0);
  printf ("model_recall_all %.3f ratio\n",
          all.tp + all.fn ? (double) all.tp / (all.tp + all.fn) : 0.0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = bench_dir ();
  g_autofree char *path = g_build_filename (dir, "model.gloss", NULL);
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GlossSuggester) suggester = gloss_model_suggester_new ();
  g_autoptr(GlossSuggestInput) input = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261207);
  BenchWriter        w = { g_string_new (NULL), 0, NULL, rand };
  GlossImportOptions options = { .format = "brat", .annotator = "bench" };
  const char        *docs = NULL;
  const char        *paths[2] = { NULL, NULL };
  guint              holdout = 0, runs = 20, n_suggestions = 0;
  gint64             t0;
  clock_t            c0;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--holdout") && i + 1 < argc)
        holdout = (guint) g_ascii_strtoull (argv[++i], NULL, 10);
      else if (g_str_equal (argv[i], "--runs") && i + 1 < argc)
        runs = MAX (1, (guint) g_ascii_strtoull (argv[++i], NULL, 10));
      else
        docs = argv[i];
    }
  if (docs == NULL)
    {
      fprintf (stderr, "usage: %s BRAT_DIR [--holdout N] [--runs N]\n", argv[0]);
      return 2;
    }

  project = gloss_project_create (path, NULL, &error);
  if (project == NULL)
    g_error ("%s", error->message);
  paths[0] = docs;
  t0 = g_get_monotonic_time ();
  if (!gloss_format_import (project, paths, &options, NULL, NULL, &error))
    g_error ("%s", error->message);
  printf ("import %.2f s\n", (g_get_monotonic_time () - t0) / 1e6);
  printf ("documents %u count\n", g_list_model_get_n_items (gloss_project_get_documents (project)));

  t0 = g_get_monotonic_time ();
  c0 = clock ();
  if (!gloss_suggester_train (suggester, project, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
  printf ("model_train %.2f s\n", (g_get_monotonic_time () - t0) / 1e6);
  /* The machine is shared: the processor time says what the wall time
   * would be on an idle core. */
  printf ("model_train_cpu %.2f s\n", (double) (clock () - c0) / CLOCKS_PER_SEC);

  bench_write_article (&w, 5000, 0);
  printf ("article_size %zu bytes\n", w.text->len);
  t0 = g_get_monotonic_time ();
  input = gloss_suggest_input_new_text ("article", w.text->str, gloss_project_get_schema (project),
                                        NULL);
  printf ("article_input %.2f ms\n", (g_get_monotonic_time () - t0) / 1000.0);
  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(GPtrArray) suggestions = NULL;
      double ms;

      t0 = g_get_monotonic_time ();
      suggestions = gloss_suggester_suggest (suggester, input, NULL, &error);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      if (suggestions == NULL)
        g_error ("%s", error->message);
      n_suggestions = suggestions->len;
      g_array_append_val (times, ms);
    }
  printf ("model_predict_5kb %.2f ms\n", bench_quantile (times, 0.5));
  printf ("model_predict_5kb_suggestions %u count\n", n_suggestions);
  t0 = g_get_monotonic_time ();
  printf ("model_uncertainty_5kb_value %.3f ratio\n",
          gloss_model_suggester_document_uncertainty (GLOSS_MODEL_SUGGESTER (suggester), input));
  printf ("model_uncertainty_5kb %.2f ms\n", (g_get_monotonic_time () - t0) / 1000.0);

  if (holdout > 0)
    evaluate (project, holdout);
  printf ("peak_rss %.1f MiB\n", bench_peak_rss_kib () / 1024.0);

  g_string_free (w.text, TRUE);
  g_clear_object (&project);
  bench_cleanup (dir);
  return 0;
}
