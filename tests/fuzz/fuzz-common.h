/* fuzz-common.h: helpers shared by the libFuzzer targets and their replay driver
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "gloss.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* A parser must never log a critical on bad input: those come from our own
 * g_return_if_fail () checks and mean a caller broke a contract. Making them
 * fatal turns them into crashes that libFuzzer reports. Debug and info
 * messages are dropped to keep the fuzzer's output readable. */
static inline GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  if (level & G_LOG_FLAG_FATAL)
    {
      /* GLib would stop on a breakpoint trap, which libFuzzer does not
       * catch: abort so that it saves the input. */
      g_log_writer_standard_streams (level, fields, n_fields, user_data);
      abort ();
    }
  if (level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO | G_LOG_LEVEL_MESSAGE))
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_standard_streams (level, fields, n_fields, user_data);
}

static char *fuzz_tmpdir;  /* owned, removed at exit */

static inline void
fuzz_remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          fuzz_remove_tree (child);
        }
    }
  g_remove (path);
}

static inline void
fuzz_cleanup (void)
{
  if (fuzz_tmpdir != NULL)
    fuzz_remove_tree (fuzz_tmpdir);
  g_clear_pointer (&fuzz_tmpdir, g_free);
}

static inline void
fuzz_init (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      g_autoptr(GError) error = NULL;

      g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
      g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
      fuzz_tmpdir = g_dir_make_tmp ("gloss-fuzz-XXXXXX", &error);
      g_assert_no_error (error);
      atexit (fuzz_cleanup);
      g_once_init_leave (&done, 1);
    }
}

/* Writes @size bytes to @name inside the per-process temporary folder and
 * returns the path (owned). */
static inline char *
fuzz_write_file (const char    *name,
                 const uint8_t *data,
                 size_t         size)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fuzz_tmpdir, name, NULL);

  g_file_set_contents_full (path, (const char *) data, size, G_FILE_SET_CONTENTS_NONE, 0644,
                            &error);
  g_assert_no_error (error);
  return path;
}

/* The invariants every successful import must leave behind: documents hold
 * valid UTF-8 of the length they claim, and every live annotation has
 * sorted, non-empty, non-overlapping fragments inside its text. */
static inline void
fuzz_check_project (GlossProject *project)
{
  GListModel *docs = gloss_project_get_documents (project);
  guint n = g_list_model_get_n_items (docs);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossDocument) doc = g_list_model_get_item (docs, i);
      g_autoptr(GlossAnnotationList) list = NULL;
      g_autoptr(GError) error = NULL;
      const char *text = gloss_document_get_text (doc);
      guint length = gloss_document_get_length (doc);
      guint n_anns;

      g_assert_nonnull (text);
      g_assert_true (g_utf8_validate (text, -1, NULL));
      g_assert_cmpuint (g_utf8_strlen (text, -1), ==, length);

      list = gloss_project_dup_annotation_list (project, doc, &error);
      g_assert_no_error (error);
      n_anns = g_list_model_get_n_items (G_LIST_MODEL (list));
      for (guint j = 0; j < n_anns; j++)
        {
          g_autoptr(GlossAnnotation) ann = g_list_model_get_item (G_LIST_MODEL (list), j);
          guint n_frags;
          const GlossFragment *f = gloss_annotation_get_fragments (ann, &n_frags);

          g_assert_cmpuint (n_frags, >, 0);
          for (guint k = 0; k < n_frags; k++)
            {
              g_assert_cmpuint (f[k].start, <, f[k].end);
              g_assert_cmpuint (f[k].end, <=, length);
              if (k > 0)
                g_assert_cmpuint (f[k - 1].end, <=, f[k].start);
            }
        }
    }
}

/* Imports @paths with @format into a fresh in-memory project twice: first
 * all-or-nothing, then with skip_bad (a failure must leave the project as it
 * was before that import), checking the invariants after each success and exporting the
 * result in the same format when the format can. */
static inline void
fuzz_import_paths (const char         *format,
                   const char * const *paths)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = gloss_project_create (":memory:", NULL, &error);
  GlossFormat *fmt = gloss_format_lookup (format);

  g_assert_no_error (error);
  g_assert_nonnull (fmt);

  for (guint pass = 0; pass < 2; pass++)
    {
      GlossImportOptions options = GLOSS_IMPORT_OPTIONS_INIT;
      g_autoptr(GlossImportReport) report = gloss_import_report_new ();
      g_autoptr(GError) import_error = NULL;
      g_autofree char *summary = NULL;
      GListModel *docs = gloss_project_get_documents (project);
      guint n_docs = g_list_model_get_n_items (docs);
      guint n_labels = gloss_schema_get_n_labels (gloss_project_get_schema (project));
      gboolean ok;

      options.format = format;
      options.skip_bad = pass == 1;
      ok = gloss_format_import (project, paths, &options, report, NULL, &import_error);
      g_assert_true (ok == (import_error == NULL));
      /* Problems quote the input: format them all, as the CLI and app do. */
      summary = gloss_import_report_to_string (report);
      g_assert_nonnull (summary);

      if (!ok)
        {
          /* Never half an import. */
          g_assert_cmpuint (g_list_model_get_n_items (docs), ==, n_docs);
          g_assert_cmpuint (gloss_schema_get_n_labels (gloss_project_get_schema (project)),
                            ==, n_labels);
        }
      else
        {
          fuzz_check_project (project);
        }
    }

  if (gloss_format_can_export (fmt) &&
      g_list_model_get_n_items (gloss_project_get_documents (project)) > 0)
    {
      GlossExportOptions options = GLOSS_EXPORT_OPTIONS_INIT;
      g_autofree char *out = g_build_filename (fuzz_tmpdir, "export", NULL);
      g_autoptr(GError) export_error = NULL;

      if (GLOSS_FORMAT_GET_CLASS (fmt)->export_to_folder)
        g_mkdir_with_parents (out, 0755);
      gloss_format_export (project, format, out, &options, NULL, NULL, &export_error);
      fuzz_remove_tree (out);
    }
}

/* One file named @name holding the whole input. */
static inline int
fuzz_import_one_file (const char    *format,
                      const char    *name,
                      const uint8_t *data,
                      size_t         size)
{
  g_autofree char *path = NULL;
  const char *paths[2] = { NULL, NULL };

  fuzz_init ();
  path = fuzz_write_file (name, data, size);
  paths[0] = path;
  fuzz_import_paths (format, paths);
  g_remove (path);
  return 0;
}
