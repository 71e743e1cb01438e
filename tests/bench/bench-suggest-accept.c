/* bench-suggest-accept.c: accepting every rules suggestion of the 1 MB generated document
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-suggest-accept [--runs N] FILE
 *
 * FILE is the generated document: news_1m.jsonl of
 *   python3 ../shared/bench/gen_corpus.py --out DIR --sizes 1m --no-brat
 * (DIR/jsonl/news_1m.jsonl, whose first line's "text" is read), or any
 * UTF-8 .txt file. Makes a project of that one document, keeps the rules
 * suggester's suggestions in it, and then accepts all of them, N runs
 * (default 1) on fresh copies of that project, in the two ways Gloss has:
 * gloss_project_accept_suggestions() (the CLI, a closed document), and
 * gloss_project_build_accept_command() plus gloss_annotation_list_apply()
 * on the document's open list (the window). Prints "name value unit"
 * lines, the median of the runs:
 *   accept-suggestions-1mb <n> count    (pending suggestions accepted)
 *   accept-project-1mb <ms> ms          (gloss_project_accept_suggestions)
 *   accept-build-command-1mb <ms> ms    (gloss_project_build_accept_command)
 *   accept-apply-command-1mb <ms> ms    (gloss_annotation_list_apply of it)
 *   accept-annotations-1mb <n> count    (what each way made: the same)
 *   accept-relations-1mb <n> count
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "gloss.h"
#include "gloss-suggest.h"
#include "gloss-suggester-rules.h"
#include "bench-util.h"

/* A fresh copy of the project at @from, opened. */
static GlossProject *
open_copy (const char *from,
           const char *to)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) dest = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;
  GlossProject *project;

  if (!g_file_copy (source, dest, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
  project = gloss_project_open (to, &error);
  if (project == NULL)
    g_error ("%s", error->message);
  return project;
}

static GPtrArray *
pending (GlossProject *project,
         gint64        document_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = gloss_project_dup_suggestions (project, document_id, TRUE, &error);

  if (rows == NULL)
    g_error ("%s", error->message);
  return rows;
}

static void
count_made (GlossProject *project,
            gint64        document_id,
            guint        *n_annotations,
            guint        *n_relations)
{
  g_autoptr(GError) error = NULL;
  GlossStore *store = gloss_project_get_store (project);
  g_autoptr(GPtrArray) annotations = gloss_store_load_annotations (store, document_id, FALSE,
                                                                    &error);
  g_autoptr(GPtrArray) relations = NULL;

  if (annotations == NULL)
    g_error ("%s", error->message);
  relations = gloss_store_load_relations (store, document_id, FALSE, &error);
  if (relations == NULL)
    g_error ("%s", error->message);
  *n_annotations = annotations->len;
  *n_relations = relations->len;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GPtrArray) suggesters = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) project_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) build_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) apply_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *text = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *kept_path = NULL;
  g_autofree char *run_path = NULL;
  GlossDocument   *document;
  gint64           document_id;
  guint            runs = 1, n_suggestions = 0;
  guint            n_annotations[2] = { 0 }, n_relations[2] = { 0 };
  const char      *path = NULL;

  path = bench_parse_runs (argc, argv, "news_1m.jsonl|FILE.txt",
                           "python3 ../shared/bench/gen_corpus.py --out DIR --sizes 1m --no-brat "
                           "writes DIR/jsonl/news_1m.jsonl",
                           &runs);
  if (path == NULL)
    return 2;

  text = bench_read_text (path);
  dir = bench_dir ();
  kept_path = g_build_filename (dir, "kept.gloss", NULL);
  run_path = g_build_filename (dir, "run.gloss", NULL);

  /* the project every run starts from: the document and its suggestions */
  project = gloss_project_create (kept_path, NULL, &error);
  if (project == NULL)
    g_error ("%s", error->message);
  gloss_project_set_annotator (project, "bench");
  document = gloss_project_add_document (project, "news_1m", text, -1, NULL, &error);
  if (document == NULL)
    g_error ("%s", error->message);
  document_id = gloss_document_get_id (document);
  g_ptr_array_add (suggesters, gloss_rules_suggester_new ());
  if (gloss_project_suggest (project, suggesters, NULL, NULL, NULL, NULL, NULL, &error) < 0)
    g_error ("%s", error->message);
  g_clear_object (&project);

  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(GPtrArray) rows = NULL;
      g_autoptr(GlossChangeSet) changes = NULL;
      g_autoptr(GlossAnnotationList) list = NULL;
      g_autoptr(GlossCommand) command = NULL;
      gint64 t0, t1, t2;
      double ms;

      /* the project's way */
      project = open_copy (kept_path, run_path);
      rows = pending (project, document_id);
      n_suggestions = rows->len;
      t0 = g_get_monotonic_time ();
      changes = gloss_project_accept_suggestions (project, rows, NULL, NULL, &error);
      t1 = g_get_monotonic_time ();
      if (changes == NULL)
        g_error ("%s", error->message);
      ms = (t1 - t0) / 1000.0;
      g_array_append_val (project_ms, ms);
      count_made (project, document_id, &n_annotations[0], &n_relations[0]);
      g_clear_pointer (&rows, g_ptr_array_unref);
      g_clear_object (&project);

      /* the open document's way */
      project = open_copy (kept_path, run_path);
      rows = pending (project, document_id);
      list = gloss_project_dup_annotation_list (project,
                                                gloss_project_lookup_document (project,
                                                                               document_id),
                                                &error);
      if (list == NULL)
        g_error ("%s", error->message);
      t0 = g_get_monotonic_time ();
      command = gloss_project_build_accept_command (project, list, rows, NULL, &error);
      t1 = g_get_monotonic_time ();
      if (command == NULL)
        g_error ("%s", error->message);
      if (!gloss_annotation_list_apply (list, command, &error))
        g_error ("%s", error->message);
      t2 = g_get_monotonic_time ();
      ms = (t1 - t0) / 1000.0;
      g_array_append_val (build_ms, ms);
      ms = (t2 - t1) / 1000.0;
      g_array_append_val (apply_ms, ms);
      count_made (project, document_id, &n_annotations[1], &n_relations[1]);
      g_clear_object (&list);
      g_clear_object (&project);
    }

  if (n_annotations[0] != n_annotations[1] || n_relations[0] != n_relations[1])
    g_error ("the two ways made different counts: %u/%u annotations, %u/%u relations",
             n_annotations[0], n_annotations[1], n_relations[0], n_relations[1]);

  printf ("accept-suggestions-1mb %u count\n", n_suggestions);
  printf ("accept-project-1mb %.1f ms\n", bench_quantile (project_ms, 0.5));
  printf ("accept-build-command-1mb %.1f ms\n", bench_quantile (build_ms, 0.5));
  printf ("accept-apply-command-1mb %.1f ms\n", bench_quantile (apply_ms, 0.5));
  printf ("accept-annotations-1mb %u count\n", n_annotations[0]);
  printf ("accept-relations-1mb %u count\n", n_relations[0]);
  bench_cleanup (dir);
  return 0;
}
