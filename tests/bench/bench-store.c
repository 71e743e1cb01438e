/* bench-store.c: a million annotations through commands
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Inserts 1,000,000 annotations over 1,000 documents of about 5,000
 * characters, one command of 1,000 creates per document. --small runs a
 * ten times smaller version. Prints one "name value unit" line per measure.
 */

#include "config.h"

#include <stdio.h>

#include "gloss.h"
#include "bench-util.h"

int
main (int   argc,
      char *argv[])
{
  gboolean small = argc > 1 && g_str_equal (argv[1], "--small");
  guint n_docs = small ? 100 : 1000;
  guint per_doc = 1000;
  g_autofree char *dir = bench_dir ();
  g_autofree char *path = g_build_filename (dir, "bench.gloss", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = gloss_project_create (path, NULL, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GArray) batch_ms = g_array_new (FALSE, FALSE, sizeof (double));
  GlossStore *store;
  GListModel *docs;
  gint64 t0, t_docs;
  double total;
  GStatBuf st;

  if (project == NULL)
    g_error ("%s", error->message);
  store = gloss_project_get_store (project);

  t0 = g_get_monotonic_time ();
  if (!gloss_store_begin (store, &error))
    g_error ("%s", error->message);
  for (guint d = 0; d < n_docs; d++)
    {
      g_autofree char *name = g_strdup_printf ("doc %04u", d);
      g_autofree char *text = bench_make_text (rand, 5000);

      if (gloss_store_insert_document (store, NULL, name, text, -1, NULL, NULL, 0, &error) == 0)
        g_error ("%s", error->message);
    }
  if (!gloss_store_commit (store, &error) || !gloss_project_reload_documents (project, &error))
    g_error ("%s", error->message);
  t_docs = g_get_monotonic_time () - t0;
  docs = gloss_project_get_documents (project);

  t0 = g_get_monotonic_time ();
  for (guint d = 0; d < n_docs; d++)
    {
      g_autoptr(GlossDocument) doc = g_list_model_get_item (docs, d);
      g_autoptr(GlossAnnotationList) list = gloss_project_dup_annotation_list (project, doc,
                                                                               &error);
      g_autoptr(GlossCommand) cmd = gloss_command_new ("bulk");
      guint length = gloss_document_get_length (doc);
      gint64 b0;
      double ms;

      if (list == NULL)
        g_error ("%s", error->message);
      for (guint i = 0; i < per_doc; i++)
        {
          guint start = g_rand_int_range (rand, 0, length - 30);
          g_autoptr(GlossAnnotation) a =
            gloss_annotation_new_span (i % 3 ? "PERSON" : "ORG", start,
                                       start + g_rand_int_range (rand, 1, 30), "bench");
          gloss_command_create_annotation (cmd, a);
        }
      b0 = g_get_monotonic_time ();
      if (!gloss_annotation_list_apply (list, cmd, &error))
        g_error ("%s", error->message);
      ms = (g_get_monotonic_time () - b0) / 1000.0;
      g_array_append_val (batch_ms, ms);
    }
  total = (g_get_monotonic_time () - t0) / 1e6;

  g_assert (g_stat (path, &st) == 0);
  printf ("documents %u count\n", n_docs);
  printf ("documents_insert_total %.3f s\n", t_docs / 1e6);
  printf ("annotations %u count\n", n_docs * per_doc);
  printf ("annotations_total %.3f s\n", total);
  printf ("annotations_per_second %.0f 1/s\n", n_docs * per_doc / total);
  printf ("batch_median %.2f ms\n", bench_quantile (batch_ms, 0.5));
  printf ("batch_p99 %.2f ms\n", bench_quantile (batch_ms, 0.99));
  printf ("peak_rss %" G_GUINT64_FORMAT " KiB\n", bench_peak_rss_kib ());
  g_clear_object (&project);
  g_assert (g_stat (path, &st) == 0);
  printf ("file_size %.1f MiB\n", st.st_size / 1048576.0);
  bench_cleanup (dir);
  return 0;
}
