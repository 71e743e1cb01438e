/* format-test-util.h: helpers shared by the format units (header only): files and
 * projects in the per-test folder, imports and exports, signatures of a project's
 * annotations and relations, and the round trip of the JSON formats
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include <glib/gstdio.h>

#include "gloss.h"
#include "gloss-format-util.h"

/* A fresh file path inside the per-test isolated directory. */
static inline char *
ft_path (const char *name)
{
  const char *dir = g_get_user_data_dir ();

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, name, NULL);
}

static inline GlossProject *
ft_new_project (void)
{
  static guint counter;
  g_autofree char *name = g_strdup_printf ("project-%u.gloss", ++counter);
  g_autofree char *path = ft_path (name);
  g_autoptr(GError) error = NULL;
  GlossProject *project;

  g_unlink (path);
  project = gloss_project_create (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (project);
  return project;
}

/* $GLOSS_CORPORA_DIR/@sub when it exists, else NULL (the caller skips). */
static inline char *
ft_corpus_dir (const char *sub)
{
  const char *dir = g_getenv ("GLOSS_CORPORA_DIR");
  char *path;

  if (dir == NULL)
    return NULL;
  path = g_build_filename (dir, sub, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_free (path);
      return NULL;
    }
  return path;
}

static inline GPtrArray *
ft_list_files (const char         *dir,
               const char * const *extensions)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *files = gloss_format_list_files (dir, extensions, &error);

  g_assert_no_error (error);
  return files;
}

static inline gboolean
ft_import (GlossProject       *project,
           const char         *format,
           const char         *path,
           gboolean            skip_bad,
           GlossImportReport  *report,
           GError            **error)
{
  GlossImportOptions options = GLOSS_IMPORT_OPTIONS_INIT;
  const char *paths[] = { path, NULL };

  options.format = format;
  options.skip_bad = skip_bad;
  return gloss_format_import (project, paths, &options, report, NULL, error);
}

static inline void
ft_export (GlossProject *project,
           const char   *format,
           const char   *path)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_format_export (project, format, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static inline char *
ft_write_fixture (const char *name,
                  const char *contents,
                  gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = ft_path (name);

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

static inline guint
ft_n_documents (GlossProject *project)
{
  return g_list_model_get_n_items (gloss_project_get_documents (project));
}

static inline GlossDocument *
ft_document (GlossProject *project,
             guint         i)
{
  GlossDocument *doc = g_list_model_get_item (gloss_project_get_documents (project), i);

  g_object_unref (doc);  /* the model keeps it */
  return doc;
}

/* What must not change when an import fails: the document count and the
 * schema. */
static inline char *
ft_state (GlossProject *project)
{
  g_autofree char *schema = gloss_store_dup_schema_json (gloss_project_get_store (project));

  return g_strdup_printf ("%u documents\n%s", gloss_store_count_documents (
                            gloss_project_get_store (project)), schema);
}

static inline int
ft_compare_strings (gconstpointer a,
                    gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static inline char *
ft_join_sorted (GPtrArray *lines)
{
  GString *s = g_string_new (NULL);

  g_ptr_array_sort (lines, ft_compare_strings);
  for (guint i = 0; i < lines->len; i++)
    {
      g_string_append (s, g_ptr_array_index (lines, i));
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}

static inline char *
ft_annotation_key (GlossAnnotation *a,
                   gboolean         with_annotator)
{
  GString *l = g_string_new (gloss_annotation_get_label (a));
  const GlossFragment *f;
  guint n;

  f = gloss_annotation_get_fragments (a, &n);
  for (guint k = 0; k < n; k++)
    g_string_append_printf (l, "%c%u-%u", k == 0 ? ' ' : ',', f[k].start, f[k].end);
  if (with_annotator)
    g_string_append_printf (l, " @%s", gloss_annotation_get_annotator (a));
  return g_string_free (l, FALSE);
}

/* Every annotation and relation of the project, one line each, keyed by the
 * document's text hash (names and identifiers may differ), sorted. */
static inline char *
ft_signature (GlossProject *project,
              gboolean      with_annotator)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GlossStore *store = gloss_project_get_store (project);

  for (guint i = 0; i < ft_n_documents (project); i++)
    {
      GlossDocument *doc = ft_document (project, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) anns = gloss_store_load_annotations (store, gloss_document_get_id (doc),
                                                                FALSE, &error);
      g_autoptr(GPtrArray) rels = NULL;
      g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
      const char *sha = gloss_document_get_sha256 (doc);

      g_assert_no_error (error);
      rels = gloss_store_load_relations (store, gloss_document_get_id (doc), FALSE, &error);
      g_assert_no_error (error);
      g_ptr_array_add (lines, g_strdup_printf ("%.12s document", sha));
      for (guint k = 0; k < anns->len; k++)
        {
          GlossAnnotation *a = g_ptr_array_index (anns, k);
          char *key = ft_annotation_key (a, with_annotator);

          g_hash_table_insert (keys, (gpointer) gloss_annotation_get_uuid (a), key);
          g_ptr_array_add (lines, g_strdup_printf ("%.12s %s", sha, key));
        }
      for (guint k = 0; k < rels->len; k++)
        {
          GlossRelation *r = g_ptr_array_index (rels, k);

          g_ptr_array_add (lines, g_strdup_printf (
                             "%.12s relation %s (%s) -> (%s)%s%s", sha,
                             gloss_relation_get_relation_type (r),
                             (char *) g_hash_table_lookup (keys, gloss_relation_get_source (r)),
                             (char *) g_hash_table_lookup (keys, gloss_relation_get_target (r)),
                             with_annotator ? " @" : "",
                             with_annotator ? gloss_relation_get_annotator (r) : ""));
        }
    }
  return ft_join_sorted (lines);
}

static inline guint
ft_count_lines (const char *signature,
                const char *word)
{
  guint n = 0;
  g_auto(GStrv) lines = g_strsplit (signature, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], word) != NULL)
      n++;
  return n;
}

/* The round trip of one file in @format: import into a new project, export
 * in the same format, import the export into another new project. Both
 * projects must hold the same annotations and relations (with their
 * annotators), and the second import the same counts; with @strict also
 * the same number of documents and no warning. Returns the path of the
 * export, for comparing its offsets with the original's. */
static inline char *
ft_round_trip (const char        *format,
               const char        *path,
               const char        *export_name,
               gboolean           skip_bad,
               GlossImportReport *report,
               gboolean           strict)
{
  g_autoptr(GlossProject) first = ft_new_project ();
  g_autoptr(GlossProject) second = ft_new_project ();
  g_autoptr(GlossImportReport) report2 = gloss_import_report_new ();
  g_autoptr(GError) error = NULL;
  char *out = ft_path (export_name);
  g_autofree char *sig1 = NULL;
  g_autofree char *sig2 = NULL;

  g_assert_true (ft_import (first, format, path, skip_bad, report, &error));
  g_assert_no_error (error);
  ft_export (first, format, out);
  g_assert_true (ft_import (second, format, out, FALSE, report2, &error));
  g_assert_no_error (error);
  sig1 = ft_signature (first, TRUE);
  sig2 = ft_signature (second, TRUE);
  g_assert_cmpstr (sig1, ==, sig2);
  g_assert_cmpuint (report2->n_annotations, ==, report->n_annotations);
  g_assert_cmpuint (report2->n_relations, ==, report->n_relations);
  if (strict)
    {
      g_assert_cmpuint (report2->n_documents, ==, report->n_documents);
      /* Our own export is consistent: no warnings. */
      g_assert_cmpuint (gloss_import_report_count (report2, GLOSS_PROBLEM_WARNING), ==, 0);
    }
  return out;
}

/* A file an importer must refuse: the error names "bad.EXT:LINE: " and the
 * project is left as it was. Line 0: a file with nothing in it, which
 * imports nothing and is no error. */
typedef struct
{
  const char *name;
  const char *contents;
  gssize      length;
  guint       line;
} FtBadCase;

/* Imports the @good fixture (as good.EXT), then each bad case (as bad.EXT)
 * into the same project. */
static inline void
ft_check_bad_inputs (const char      *format,
                     const char      *extension,
                     const char      *good,
                     const FtBadCase *cases,
                     guint            n_cases)
{
  g_autofree char *good_name = g_strdup_printf ("good.%s", extension);
  g_autofree char *bad_name = g_strdup_printf ("bad.%s", extension);

  for (guint i = 0; i < n_cases; i++)
    {
      g_autoptr(GlossProject) project = ft_new_project ();
      g_autoptr(GError) error = NULL;
      g_autofree char *good_path = ft_write_fixture (good_name, good, -1);
      g_autofree char *path = ft_write_fixture (bad_name, cases[i].contents, cases[i].length);
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autofree char *where = g_strdup_printf ("/%s:%u: ", bad_name, cases[i].line);
      gboolean ok;

      g_assert_true (ft_import (project, format, good_path, FALSE, NULL, &error));
      g_assert_no_error (error);
      before = ft_state (project);
      ok = ft_import (project, format, path, FALSE, NULL, &error);
      after = ft_state (project);
      g_assert_cmpstr (before, ==, after);
      if (cases[i].line == 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          continue;
        }
      g_test_message ("%s: %s", cases[i].name, error ? error->message : "(no error)");
      g_assert_false (ok);
      g_assert_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, where));
    }
}

/* The files of the corpus folder @sub (see ft_list_files()), at least
 * @min_files of them, and the folder in @dir; NULL after g_test_skip() when
 * the corpora are not there. */
static inline GPtrArray *
ft_corpus_files (const char         *sub,
                 const char * const *extensions,
                 guint               min_files,
                 char              **dir)
{
  GPtrArray *files;

  *dir = ft_corpus_dir (sub);
  if (*dir == NULL)
    {
      g_test_skip ("no corpora");
      return NULL;
    }
  files = ft_list_files (*dir, extensions);
  g_assert_cmpuint (files->len, >=, min_files);
  return files;
}
