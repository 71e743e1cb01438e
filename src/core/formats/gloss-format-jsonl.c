/* gloss-format-jsonl.c: Gloss's own lossless JSONL behind the format type
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gloss-document.h"
#include "gloss-export-context-private.h"
#include "gloss-format-util.h"
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

  /* Our lines start with {"gloss":1 (gloss_format_detect() shows UTF-16
   * files converted) */
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
  g_autoptr(GFileInputStream) file_in = g_file_read (file, cancellable, error);
  g_autoptr(GInputStream) in = NULL;
  g_autofree char *display = g_filename_display_name (path);
  GlossJsonlImportReport r = { 0 };
  GlossImportReport *report = gloss_import_context_get_report (ctx);
  guchar head[2] = { 0, 0 };
  gsize n_head = 0;

  if (file_in == NULL)
    return FALSE;
  /* UTF-8 (with or without a BOM) streams as it is; a file starting with a
   * UTF-16 or UTF-32 BOM or a NUL byte is read whole and converted, or
   * refused with the reason. */
  if (!g_input_stream_read_all (G_INPUT_STREAM (file_in), head, sizeof head, &n_head, cancellable,
                                error)
      || !g_seekable_seek (G_SEEKABLE (file_in), 0, G_SEEK_SET, cancellable, error))
    return FALSE;
  if (n_head == 2 && (head[0] == 0xff || head[0] == 0xfe || head[0] == 0 || head[1] == 0))
    {
      g_autofree char *contents = NULL;
      g_autoptr(GError) local = NULL;
      const char *encoding = NULL;
      gsize length;

      if (!gloss_format_read_file (path, &contents, &length, error))
        return FALSE;
      if (!gloss_format_json_to_utf8 (&contents, &length, &encoding, &local))
        return gloss_import_context_bad_record (ctx, display, 0, error, "%s", local->message);
      if (g_str_has_prefix (encoding, "UTF-16"))
        gloss_import_report_add (report, GLOSS_PROBLEM_NOTE, display, 0,
                                 _("read as %s, converted to UTF-8"), encoding);
      in = g_memory_input_stream_new_from_data (g_steal_pointer (&contents), length, g_free);
    }
  else
    in = G_INPUT_STREAM (g_object_ref (file_in));
  if (!gloss_jsonl_import (gloss_import_context_get_project (ctx), in, display, &r, cancellable,
                           error))
    return FALSE;
  report->n_documents += r.n_documents;
  report->n_annotations += r.n_annotations;
  report->n_relations += r.n_relations;
  return TRUE;
}

static gboolean
keep_row (const char *annotator,
          const char *label,
          gpointer    user_data)
{
  return _gloss_export_options_keep (user_data, annotator, label);
}

static gboolean
jsonl_export (GlossFormat         *format,
              GlossExportContext  *ctx,
              const char          *path,
              GCancellable        *cancellable,
              GError             **error)
{
  const GlossExportOptions *o = gloss_export_context_get_options (ctx);
  GPtrArray *docs = gloss_export_context_get_documents (ctx);
  g_autoptr(GOutputStream) out = gloss_export_context_open_output (ctx, path, cancellable, error);
  g_autoptr(GArray) ids = NULL;
  gboolean filter_rows = _gloss_export_options_filter_rows (o);

  if (out == NULL)
    return FALSE;
  /* Unfiltered, Gloss JSONL is the lossless copy of the whole project,
   * tombstones included. The filters make it a view, as for every other
   * format: the documents that pass, and the live rows the annotation
   * filters keep. */
  if (o->status < 0 && !o->gold_only && !filter_rows)
    {
      if (!gloss_jsonl_export (gloss_export_context_get_project (ctx), out, cancellable, error))
        return FALSE;
      return g_output_stream_close (out, cancellable, error);
    }
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), docs->len);
  for (guint i = 0; i < docs->len; i++)
    {
      gint64 id = gloss_document_get_id (g_ptr_array_index (docs, i));

      g_array_append_val (ids, id);
    }
  if (!gloss_jsonl_export_filtered (gloss_export_context_get_project (ctx), out, ids,
                                    filter_rows ? keep_row : NULL, (gpointer) o, cancellable,
                                    error))
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
