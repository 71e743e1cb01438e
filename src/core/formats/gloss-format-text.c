/* gloss-format-text.c: plain-text articles, and folders of text and HTML files
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "gloss-format-util.h"
#include "gloss-formats.h"

struct _GlossFormatText
{
  GlossFormat parent_instance;
};

G_DEFINE_FINAL_TYPE (GlossFormatText, gloss_format_text, GLOSS_TYPE_FORMAT)

static const char * const text_extensions[] = { "txt", "text", NULL };
static const char * const folder_extensions[] = { "txt", "text", "html", "htm", NULL };
static const char * const html_extensions[] = { "html", "htm", NULL };

static int
text_detect (GlossFormat *format,
             const char  *path,
             GBytes      *head)
{
  gsize len;
  const guint8 *data;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return 30;  /* a folder of articles; brat claims folders holding .ann files */
  if (gloss_format_has_extension (path, text_extensions))
    return 50;
  /* Anything else that looks like text, as a last resort. */
  data = g_bytes_get_data (head, &len);
  if (len > 0 && memchr (data, '\0', len) == NULL
      && g_utf8_validate_len ((const char *) data, len > 4096 ? 4096 : len, NULL))
    return 5;
  return 0;
}

static char *
build_meta (const char *path,
            const char *encoding)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *abs = g_file_get_path (file);
  g_autofree char *base_display = g_filename_display_name (base);
  g_autofree char *abs_display = g_filename_display_name (abs ? abs : path);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "filename");
  json_builder_add_string_value (builder, base_display);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "text");
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, abs_display);
  if (encoding != NULL && strcmp (encoding, "UTF-8") != 0)
    {
      json_builder_set_member_name (builder, "encoding");
      json_builder_add_string_value (builder, encoding);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* Refused files are reported as error-severity problems and the import goes
 * on: nothing is written in the end unless skip_bad is set, and every
 * refused file of the import gets reported at once. */
static void
refuse (GlossImportContext *ctx,
        const char         *display,
        guint               line,
        const char         *message)
{
  gloss_import_report_add (gloss_import_context_get_report (ctx), GLOSS_PROBLEM_ERROR, display,
                           line, "%s", message);
}

static gboolean
import_text_file (GlossImportContext  *ctx,
                  const char          *path,
                  GError             **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *data = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  g_autofree char *meta = NULL;
  g_autoptr(GError) why = NULL;
  const char *encoding = NULL;
  gsize len = 0, text_len = 0;

  if (!gloss_format_read_document (path, &data, &len, &why))
    {
      refuse (ctx, NULL, 0, why->message);
      return TRUE;
    }
  if (!gloss_format_decode_text (data, len, NULL, &text, &text_len, &encoding, &why))
    {
      /* the message names the line of a bad byte itself */
      refuse (ctx, display, 0, why->message);
      return TRUE;
    }
  name = gloss_format_name_from_path (path);
  meta = build_meta (path, encoding);
  if (gloss_import_context_add_document (ctx, name, text, text_len, meta, error) == 0)
    {
      g_prefix_error (error, "%s: ", display);
      return FALSE;
    }
  return TRUE;
}

static gboolean
import_folder (GlossImportContext  *ctx,
               const char          *path,
               GCancellable        *cancellable,
               GError             **error)
{
  g_autoptr(GPtrArray) files = gloss_format_list_files (path, NULL, error);
  GlossFormat *html = gloss_format_lookup ("html");
  g_autofree char *display = g_filename_display_name (path);
  guint n_skipped = 0, n_done = 0;

  if (files == NULL)
    {
      g_prefix_error (error, "%s: ", display);
      return FALSE;
    }
  for (guint i = 0; i < files->len; i++)
    {
      const char *file = g_ptr_array_index (files, i);
      gboolean ok;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!gloss_format_has_extension (file, folder_extensions))
        {
          n_skipped++;
          continue;
        }
      if (gloss_format_has_extension (file, html_extensions))
        {
          if (html == NULL || GLOSS_FORMAT_GET_CLASS (html)->import_path == NULL)
            {
              g_autofree char *d = g_filename_display_name (file);
              gloss_import_report_add (gloss_import_context_get_report (ctx),
                                       GLOSS_PROBLEM_WARNING, d, 0,
                                       _("HTML import is not available; file skipped"));
              continue;
            }
          ok = GLOSS_FORMAT_GET_CLASS (html)->import_path (html, ctx, file, cancellable, error);
        }
      else
        ok = import_text_file (ctx, file, error);
      if (!ok)
        return FALSE;
      n_done++;
      gloss_import_context_progress (ctx, (double) (i + 1) / files->len);
    }
  if (n_skipped > 0)
    gloss_import_report_add (gloss_import_context_get_report (ctx), GLOSS_PROBLEM_NOTE, display, 0,
                             ngettext ("%u file that is neither text nor HTML was skipped",
                                       "%u files that are neither text nor HTML were skipped",
                                       n_skipped), n_skipped);
  if (n_done == 0)
    gloss_import_report_add (gloss_import_context_get_report (ctx), GLOSS_PROBLEM_WARNING,
                             display, 0, _("no .txt, .text, .html or .htm file in this folder"));
  return TRUE;
}

static gboolean
text_import (GlossFormat         *format,
             GlossImportContext  *ctx,
             const char          *path,
             GCancellable        *cancellable,
             GError             **error)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return import_folder (ctx, path, cancellable, error);
  return import_text_file (ctx, path, error);
}

static void
gloss_format_text_class_init (GlossFormatTextClass *klass)
{
  GlossFormatClass *format_class = GLOSS_FORMAT_CLASS (klass);

  format_class->name = "text";
  format_class->display_name = N_("Plain text");
  format_class->extensions = text_extensions;
  format_class->detect = text_detect;
  format_class->import_path = text_import;
}

static void
gloss_format_text_init (GlossFormatText *self)
{
}
