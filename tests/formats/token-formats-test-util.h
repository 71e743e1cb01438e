/* token-formats-test-util.h: helpers for the CoNLL, CoNLL-U, WebAnno, HF and claims units
 * (header only)
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
tf_path (const char *name)
{
  const char *dir = g_get_user_data_dir ();

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, name, NULL);
}

static inline GlossProject *
tf_new_project (void)
{
  static guint counter;
  g_autofree char *name = g_strdup_printf ("project-%u.gloss", ++counter);
  g_autofree char *path = tf_path (name);
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
tf_corpus_dir (const char *sub)
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

static inline gboolean
tf_import (GlossProject       *project,
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

static inline guint
tf_n_documents (GlossProject *project)
{
  return g_list_model_get_n_items (gloss_project_get_documents (project));
}

static inline GlossDocument *
tf_document (GlossProject *project,
             guint         i)
{
  GlossDocument *doc = g_list_model_get_item (gloss_project_get_documents (project), i);
  g_object_unref (doc);  /* the model keeps it */
  return doc;
}

static inline GPtrArray *
tf_annotations (GlossProject  *project,
                GlossDocument *doc)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *all = gloss_store_load_annotations (gloss_project_get_store (project),
                                                 gloss_document_get_id (doc), FALSE, &error);
  g_assert_no_error (error);
  return all;
}

static inline guint
tf_n_annotations (GlossProject *project)
{
  guint n = 0;

  for (guint i = 0; i < tf_n_documents (project); i++)
    {
      g_autoptr(GPtrArray) a = tf_annotations (project, tf_document (project, i));
      n += a->len;
    }
  return n;
}

static inline int
tf_compare_strings (gconstpointer a,
                    gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* One line per annotation "LABEL start-end[,start-end] «text»", sorted. */
static inline char *
tf_annotation_signature (GlossProject  *project,
                         GlossDocument *doc)
{
  g_autoptr(GPtrArray) anns = tf_annotations (project, doc);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GString *s = g_string_new (NULL);
  const char *text = gloss_document_get_text (doc);

  for (guint i = 0; i < anns->len; i++)
    {
      GlossAnnotation *a = g_ptr_array_index (anns, i);
      const GlossFragment *f;
      guint n;
      GString *l = g_string_new (gloss_annotation_get_label (a));
      g_autofree char *covered = gloss_annotation_dup_text (a, text);

      f = gloss_annotation_get_fragments (a, &n);
      for (guint k = 0; k < n; k++)
        g_string_append_printf (l, "%c%u-%u", k == 0 ? ' ' : ',', f[k].start, f[k].end);
      g_string_append_printf (l, " «%s»", covered ? covered : "");
      g_ptr_array_add (lines, g_string_free (l, FALSE));
    }
  g_ptr_array_sort (lines, tf_compare_strings);
  for (guint i = 0; i < lines->len; i++)
    {
      g_string_append (s, g_ptr_array_index (lines, i));
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}

/* The files of a corpus folder (sorted, recursive). */
static inline GPtrArray *
tf_list_files (const char         *dir,
               const char * const *extensions)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *files = gloss_format_list_files (dir, extensions, &error);

  g_assert_no_error (error);
  return files;
}

static inline char *
tf_read (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static inline void
tf_write (const char *path,
          const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}
