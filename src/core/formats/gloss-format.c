/* gloss-format.c: the GlossFormat base type, the registry's lookups and detection
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gloss-format-private.h"
#include "gloss-format-util.h"
#include "gloss-project.h"

G_DEFINE_QUARK (gloss-format-error-quark, gloss_format_error)
G_DEFINE_ABSTRACT_TYPE (GlossFormat, gloss_format, G_TYPE_OBJECT)

static void
gloss_format_class_init (GlossFormatClass *klass)
{
}

static void
gloss_format_init (GlossFormat *self)
{
}

const char *
gloss_format_get_name (GlossFormat *self)
{
  g_return_val_if_fail (GLOSS_IS_FORMAT (self), NULL);
  return GLOSS_FORMAT_GET_CLASS (self)->name;
}

const char *
gloss_format_get_display_name (GlossFormat *self)
{
  g_return_val_if_fail (GLOSS_IS_FORMAT (self), NULL);
  return _(GLOSS_FORMAT_GET_CLASS (self)->display_name);
}

gboolean
gloss_format_can_import (GlossFormat *self)
{
  g_return_val_if_fail (GLOSS_IS_FORMAT (self), FALSE);
  return GLOSS_FORMAT_GET_CLASS (self)->import_path != NULL;
}

gboolean
gloss_format_can_export (GlossFormat *self)
{
  g_return_val_if_fail (GLOSS_IS_FORMAT (self), FALSE);
  return GLOSS_FORMAT_GET_CLASS (self)->export_path != NULL;
}

gboolean
gloss_format_exports_to_folder (GlossFormat *self)
{
  g_return_val_if_fail (GLOSS_IS_FORMAT (self), FALSE);
  return GLOSS_FORMAT_GET_CLASS (self)->export_to_folder;
}

gboolean
gloss_format_exports_splits (GlossFormat *self)
{
  g_return_val_if_fail (GLOSS_IS_FORMAT (self), FALSE);
  return GLOSS_FORMAT_GET_CLASS (self)->export_splits;
}

gboolean
gloss_format_exports_tokens (GlossFormat *self)
{
  g_return_val_if_fail (GLOSS_IS_FORMAT (self), FALSE);
  return GLOSS_FORMAT_GET_CLASS (self)->export_tokens;
}

GPtrArray *
gloss_format_list (void)
{
  static GPtrArray *formats;

  if (g_once_init_enter (&formats))
    {
      GPtrArray *list = g_ptr_array_new ();
      guint n;
      GType *types = _gloss_format_builtin_types (&n);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (list, g_object_new (types[i], NULL));
      g_once_init_leave (&formats, list);
    }
  return formats;
}

GlossFormat *
gloss_format_lookup (const char *name)
{
  GPtrArray *formats = gloss_format_list ();

  g_return_val_if_fail (name != NULL, NULL);
  for (guint i = 0; i < formats->len; i++)
    if (g_strcmp0 (gloss_format_get_name (g_ptr_array_index (formats, i)), name) == 0)
      return g_ptr_array_index (formats, i);
  return NULL;
}

static GBytes *
read_head (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = NULL;
  guint8 buf[8192];
  gsize n = 0;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return g_bytes_new (NULL, 0);
  in = g_file_read (file, NULL, NULL);
  if (in == NULL || !g_input_stream_read_all (G_INPUT_STREAM (in), buf, sizeof buf, &n, NULL,
                                              NULL))
    return NULL;
  return g_bytes_new (buf, n);
}

static gboolean
has_extension (GlossFormat *format,
               const char  *path)
{
  const char * const *exts = GLOSS_FORMAT_GET_CLASS (format)->extensions;
  g_autofree char *lower = g_ascii_strdown (path, -1);

  for (guint i = 0; exts && exts[i]; i++)
    {
      g_autofree char *suffix = g_strconcat (".", exts[i], NULL);
      if (g_str_has_suffix (lower, suffix))
        return TRUE;
    }
  return FALSE;
}

GlossFormat *
gloss_format_detect (const char  *path,
                     GError     **error)
{
  GPtrArray *formats = gloss_format_list ();
  g_autoptr(GBytes) head = NULL;
  GlossFormat *best = NULL;
  int best_score = 0;

  g_return_val_if_fail (path != NULL, NULL);

  head = read_head (path);
  if (head == NULL)
    {
      g_autofree char *display = g_filename_display_name (path);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("%s: cannot be read"), display);
      return NULL;
    }
  /* Detectors read UTF-8: a UTF-16 file (with its BOM) is shown to them
   * converted. */
  {
    GBytes *utf8 = gloss_format_head_to_utf8 (head);
    g_bytes_unref (head);
    head = utf8;
  }
  for (guint i = 0; i < formats->len; i++)
    {
      GlossFormat *format = g_ptr_array_index (formats, i);
      GlossFormatClass *klass = GLOSS_FORMAT_GET_CLASS (format);
      int score;

      if (klass->import_path == NULL)
        continue;
      if (klass->detect != NULL)
        score = klass->detect (format, path, head);
      else
        score = has_extension (format, path) ? 50 : 0;
      if (score > best_score)
        {
          best = format;
          best_score = score;
        }
    }
  if (best == NULL)
    {
      g_autofree char *display = g_filename_display_name (path);
      g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_UNKNOWN_FORMAT,
                   _("%s: not a format Gloss can import (choose one with --format)"), display);
    }
  return best;
}

const char *
gloss_format_default_annotator (GlossProject *project)
{
  const char *name;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), NULL);

  /* Never nobody: a project without an annotator name (a new one, or the
   * app before its first-run question) gives the login name. */
  name = gloss_project_get_annotator (project);
  return name != NULL && *name != '\0' ? name : g_get_user_name ();
}
