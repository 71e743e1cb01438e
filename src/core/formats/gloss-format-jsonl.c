/* gloss-format-jsonl.c: Gloss's own lossless JSONL behind the format type
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gunixoutputstream.h>

#include "gloss-formats.h"
#include "gloss-jsonl.h"

struct _GlossFormatJsonl
{
  GlossFormat parent_instance;
};

G_DEFINE_FINAL_TYPE (GlossFormatJsonl, gloss_format_jsonl, GLOSS_TYPE_FORMAT)

static int
jsonl_detect (GlossFormat *format,
              const char  *path,
              GBytes      *head)
{
  gsize len;
  const char *data = g_bytes_get_data (head, &len);

  /* Our lines start with {"gloss":1 */
  if (len >= 10 && g_str_has_prefix (data, "{\"gloss\":"))
    return 100;
  if (len >= 13 && g_str_has_prefix (data, "\xef\xbb\xbf{\"gloss\":"))
    return 100;
  return 0;
}

static gboolean
jsonl_import (GlossFormat         *format,
              GlossImportContext  *ctx,
              const char          *path,
              GCancellable        *cancellable,
              GError             **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = g_file_read (file, cancellable, error);
  g_autofree char *display = g_filename_display_name (path);
  GlossJsonlImportReport r = { 0 };
  GlossImportReport *report = gloss_import_context_get_report (ctx);

  if (in == NULL)
    return FALSE;
  if (!gloss_jsonl_import (gloss_import_context_get_project (ctx), G_INPUT_STREAM (in), display,
                           &r, cancellable, error))
    return FALSE;
  report->n_documents += r.n_documents;
  report->n_annotations += r.n_annotations;
  report->n_relations += r.n_relations;
  return TRUE;
}

static gboolean
jsonl_export (GlossFormat         *format,
              GlossExportContext  *ctx,
              const char          *path,
              GCancellable        *cancellable,
              GError             **error)
{
  g_autoptr(GOutputStream) out = NULL;

  if (g_strcmp0 (path, "-") == 0)
    out = g_unix_output_stream_new (1, FALSE);
  else
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);
      out = G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, cancellable,
                                             error));
      if (out == NULL)
        return FALSE;
    }
  /* Gloss JSONL is lossless: it takes the whole project, not a filtered
   * view (filters are for training formats). */
  if (!gloss_jsonl_export (gloss_export_context_get_project (ctx), out, cancellable, error))
    return FALSE;
  return g_output_stream_close (out, cancellable, error);
}

static void
gloss_format_jsonl_class_init (GlossFormatJsonlClass *klass)
{
  GlossFormatClass *format_class = GLOSS_FORMAT_CLASS (klass);
  static const char * const extensions[] = { "jsonl", NULL };

  format_class->name = "jsonl";
  format_class->display_name = N_("Gloss JSONL");
  format_class->extensions = extensions;
  format_class->detect = jsonl_detect;
  format_class->import_path = jsonl_import;
  format_class->export_path = jsonl_export;
}

static void
gloss_format_jsonl_init (GlossFormatJsonl *self)
{
}
