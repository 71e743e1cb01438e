/* bench-formats.c: import and export speed through the format registry
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * (a) Writes 10,000 invented news-like articles of about 5 KB (seeded, our
 *     own generator in bench-articles.c) as .txt files
 *     into a folder and imports the folder into a new project with
 *     gloss_format_import(), as "gloss-cli import P DIR" does.
 * (b) Builds a project of 1,000 documents with 1,000 annotations each
 *     (entities, claims and cues on the generated words, a few relations),
 *     written through the store in one transaction, then times
 *     gloss_format_export() to Gloss JSONL beside "sqlite3 -json" dumping
 *     the same rows from the same project file (the floor).
 * (c) Times the CoNLL (IOB2) export of the same project.
 *
 * Options: --small (ten times smaller), --runs N (timed runs per export,
 * default 5; the median is printed), --keep (keep the temporary folder and
 * print its path, e.g. to profile "gloss-cli export" on the project).
 * Prints one "name value unit" line per measure.
 */

#include "config.h"

#include <stdio.h>

#include "gloss.h"
#include "bench-articles.h"
#include "bench-util.h"

static const char * const certainties[] = { "asserted", "hedged", "alleged", "denied" };

/* ---- helpers */

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      GDir *d = g_dir_open (path, 0, NULL);
      const char *name;

      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      if (d != NULL)
        g_dir_close (d);
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static double
file_mib (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? st.st_size / 1048576.0 : 0;
}

/* Wall seconds of one run of @argv (stdout to /dev/null). */
static double
time_spawn (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  gint64 t0 = g_get_monotonic_time ();
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                     NULL, &err, &status, &error))
    g_error ("%s: %s", argv[0], error->message);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s: %s\n%s", argv[0], error->message, err);
  return (g_get_monotonic_time () - t0) / 1e6;
}

static double
time_export (GlossProject *project,
             const char   *format,
             const char   *out)
{
  g_autoptr(GError) error = NULL;
  gint64 t0 = g_get_monotonic_time ();

  if (!gloss_format_export (project, format, out, NULL, NULL, NULL, &error))
    g_error ("%s export: %s", format, error->message);
  return (g_get_monotonic_time () - t0) / 1e6;
}

static double
median (GArray *values)
{
  return bench_quantile (values, 0.5);
}

/* ---- (a) articles */

static void
bench_import (const char *dir,
              guint       n_articles)
{
  g_autofree char *folder = g_build_filename (dir, "articles", NULL);
  g_autofree char *path = g_build_filename (dir, "articles.gloss", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261124);
  g_autoptr(GlossImportReport) report = gloss_import_report_new ();
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[] = { folder, NULL };
  guint64 total_bytes = 0;
  double secs;
  gint64 t0;

  g_mkdir (folder, 0755);
  for (guint i = 0; i < n_articles; i++)
    {
      g_autofree char *name = g_strdup_printf ("article-%05u.txt", i);
      g_autofree char *file = g_build_filename (folder, name, NULL);
      BenchWriter w = { g_string_new (NULL), 0, NULL, rand };

      bench_write_article (&w, 5000, 0);
      if (!g_file_set_contents (file, w.text->str, w.text->len, &error))
        g_error ("%s", error->message);
      total_bytes += w.text->len;
      g_string_free (w.text, TRUE);
    }

  project = gloss_project_create (path, NULL, &error);
  if (project == NULL)
    g_error ("%s", error->message);
  t0 = g_get_monotonic_time ();
  if (!gloss_format_import (project, paths, NULL, report, NULL, &error))
    g_error ("import: %s", error->message);
  secs = (g_get_monotonic_time () - t0) / 1e6;
  g_assert_cmpuint (report->n_documents, ==, n_articles);

  printf ("articles %u count\n", n_articles);
  printf ("articles_size %.1f MiB\n", total_bytes / 1048576.0);
  printf ("article_mean_size %.0f B\n", (double) total_bytes / n_articles);
  printf ("import_total %.3f s\n", secs);
  printf ("articles_per_second %.0f 1/s\n", n_articles / secs);
  printf ("MB_per_second %.1f MB/s\n", total_bytes / 1e6 / secs);
  printf ("import_peak_rss %" G_GUINT64_FORMAT " KiB\n", bench_peak_rss_kib ());
  g_clear_object (&project);
  printf ("import_project_size %.1f MiB\n", file_mib (path));
  remove_tree (folder);
}

/* ---- (b) a million annotations */

static void
build_project (const char *path,
               guint       n_docs,
               guint       per_doc,
               guint      *n_relations)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = gloss_project_create (path, NULL, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (424242);
  GlossStore *store;
  gint64 t0 = g_get_monotonic_time ();

  if (project == NULL)
    g_error ("%s", error->message);
  store = gloss_project_get_store (project);
  if (!gloss_store_begin (store, &error))
    g_error ("%s", error->message);
  *n_relations = 0;
  for (guint d = 0; d < n_docs; d++)
    {
      g_autofree char *name = g_strdup_printf ("report-%04u", d);
      g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (BenchSpan));
      g_autoptr(GPtrArray) anns = g_ptr_array_new_with_free_func (g_object_unref);
      BenchWriter w = { g_string_new (NULL), 0, spans, rand };
      GlossAnnotation *person = NULL, *cue = NULL;
      guint n_rels = 0;
      gint64 id;

      bench_write_article (&w, 0, per_doc);
      id = gloss_store_insert_document (store, NULL, name, w.text->str, w.text->len, NULL, NULL,
                                        0, &error);
      g_string_free (w.text, TRUE);
      if (id == 0)
        g_error ("%s", error->message);
      if (d % 3 == 0
          && !gloss_store_set_document_status (store, id, "bench", GLOSS_DOCUMENT_STATUS_DONE,
                                               g_get_real_time (), &error))
        g_error ("%s", error->message);

      for (guint i = 0; i < spans->len; i++)
        {
          const BenchSpan *s = &g_array_index (spans, BenchSpan, i);
          GlossAnnotation *a = gloss_annotation_new_span (s->label, s->start, s->end, "bench");

          gloss_annotation_set_document_id (a, id);
          if (g_str_equal (s->label, "CLAIM"))
            {
              gloss_annotation_set_attribute (a, "certainty",
                                              g_variant_new_string (certainties[i % 4]));
              gloss_annotation_set_attribute (a, "checkworthy",
                                              g_variant_new_boolean (i % 5 == 0));
            }
          if (i % 97 == 0)
            gloss_annotation_set_note (a, "check the “figure” against the\tbudget");
          if (g_str_equal (s->label, "PERSON") && i % 7 == 0)
            gloss_annotation_set_normalisation (a, "Q42", "Alma Krestin");
          if (!gloss_store_put_annotation (store, a, &error))
            g_error ("%s", error->message);
          g_ptr_array_add (anns, a);

          /* a few relations: the first 20 claims of each document get
           * their source and cue */
          if (g_str_equal (s->label, "PERSON"))
            person = a;
          else if (g_str_equal (s->label, "CUE"))
            cue = a;
          else if (g_str_equal (s->label, "CLAIM") && n_rels < 40 && person != NULL
                   && cue != NULL)
            {
              g_autoptr(GlossRelation) r1 =
                gloss_relation_new ("attributed-to", gloss_annotation_get_uuid (a),
                                    gloss_annotation_get_uuid (person), "bench");
              g_autoptr(GlossRelation) r2 =
                gloss_relation_new ("cue", gloss_annotation_get_uuid (a),
                                    gloss_annotation_get_uuid (cue), "bench");

              gloss_relation_set_document_id (r1, id);
              gloss_relation_set_document_id (r2, id);
              gloss_relation_set_attribute (r1, "confidence", g_variant_new_string ("high"));
              if (!gloss_store_put_relation (store, r1, &error)
                  || !gloss_store_put_relation (store, r2, &error))
                g_error ("%s", error->message);
              n_rels += 2;
            }
        }
      *n_relations += n_rels;
    }
  if (!gloss_store_commit (store, &error))
    g_error ("%s", error->message);
  printf ("build_total %.3f s\n", (g_get_monotonic_time () - t0) / 1e6);
}

static void
bench_export (const char *dir,
              const char *cli,
              guint       n_docs,
              guint       per_doc,
              guint       runs)
{
  g_autofree char *path = g_build_filename (dir, "annotations.gloss", NULL);
  g_autofree char *jsonl = g_build_filename (dir, "out.jsonl", NULL);
  g_autofree char *conll = g_build_filename (dir, "out.conll", NULL);
  g_autofree char *conllu = g_build_filename (dir, "out.conllu", NULL);
  g_autoptr(GArray) t_jsonl = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_cli = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_floor = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_floor_all = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_conll = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_conllu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  const char *floor_argv[] = {
    "sqlite3", "-json", path, "SELECT * FROM annotations", NULL
  };
  const char *floor_all_argv[] = {
    "sqlite3", "-json", path,
    "SELECT * FROM documents; SELECT * FROM document_status; SELECT * FROM annotations; "
    "SELECT * FROM relations", NULL
  };
  const char *cli_argv[] = { cli, "export", path, "--format", "jsonl", "-o", jsonl, NULL };
  gboolean have_sqlite3;
  guint n_relations;
  double v;

  build_project (path, n_docs, per_doc, &n_relations);
  printf ("documents %u count\n", n_docs);
  printf ("annotations %u count\n", n_docs * per_doc);
  printf ("relations %u count\n", n_relations);
  printf ("project_size %.1f MiB\n", file_mib (path));

  project = gloss_project_open (path, &error);
  if (project == NULL)
    g_error ("%s", error->message);
  have_sqlite3 = g_find_program_in_path ("sqlite3") != NULL;

  /* one untimed run each to warm the page cache */
  time_export (project, "jsonl", jsonl);
  if (have_sqlite3)
    time_spawn (floor_all_argv);
  for (guint r = 0; r < runs; r++)
    {
      v = time_export (project, "jsonl", jsonl);
      g_array_append_val (t_jsonl, v);
      if (cli != NULL)
        {
          v = time_spawn (cli_argv);
          g_array_append_val (t_cli, v);
        }
      if (have_sqlite3)
        {
          v = time_spawn (floor_argv);
          g_array_append_val (t_floor, v);
          v = time_spawn (floor_all_argv);
          g_array_append_val (t_floor_all, v);
        }
      v = time_export (project, "conll", conll);
      g_array_append_val (t_conll, v);
      v = time_export (project, "conllu", conllu);
      g_array_append_val (t_conllu, v);
    }

  printf ("export_jsonl %.3f s\n", median (t_jsonl));
  printf ("export_jsonl_size %.1f MiB\n", file_mib (jsonl));
  printf ("export_jsonl_annotations_per_second %.0f 1/s\n",
          n_docs * per_doc / median (t_jsonl));
  if (cli != NULL)
    printf ("export_jsonl_cli %.3f s\n", median (t_cli));
  if (have_sqlite3)
    {
      printf ("sqlite3_json_annotations %.3f s\n", median (t_floor));
      printf ("sqlite3_json_all %.3f s\n", median (t_floor_all));
      printf ("ratio %.2f x\n", median (t_jsonl) / median (t_floor_all));
      printf ("ratio_annotations_only %.2f x\n", median (t_jsonl) / median (t_floor));
    }
  else
    printf ("sqlite3_json skipped (no sqlite3 in PATH)\n");
  printf ("export_conll %.3f s\n", median (t_conll));
  printf ("export_conll_size %.1f MiB\n", file_mib (conll));
  printf ("export_conllu %.3f s\n", median (t_conllu));
  printf ("export_conllu_size %.1f MiB\n", file_mib (conllu));
  printf ("runs %u count\n", runs);
}

int
main (int   argc,
      char *argv[])
{
  gboolean small = FALSE, keep = FALSE;
  guint runs = 5;
  g_autofree char *dir = bench_dir ();
  g_autofree char *bindir = g_path_get_dirname (argv[0]);
  g_autofree char *cli = g_build_filename (bindir, "..", "..", "src", "cli", "gloss-cli", NULL);

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--small"))
        small = TRUE;
      else if (g_str_equal (argv[i], "--keep"))
        keep = TRUE;
      else if (g_str_equal (argv[i], "--runs") && i + 1 < argc)
        {
          i++;
          runs = MAX (1, (guint) g_ascii_strtoull (argv[i], NULL, 10));
        }
      else
        {
          fprintf (stderr, "usage: %s [--small] [--runs N] [--keep]\n", argv[0]);
          return 2;
        }
    }
  if (!g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    g_clear_pointer (&cli, g_free);

  bench_import (dir, small ? 1000 : 10000);
  bench_export (dir, cli, small ? 100 : 1000, 1000, runs);
  printf ("peak_rss %" G_GUINT64_FORMAT " KiB\n", bench_peak_rss_kib ());
  if (keep)
    printf ("kept %s\n", dir);
  else
    remove_tree (dir);
  return 0;
}
