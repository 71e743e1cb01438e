/* gloss-format-util.c: small helpers shared by the format implementations
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "gloss-format.h"
#include "gloss-format-util.h"
#include "gloss-offsets.h"

/* ---- reading files */

gboolean
gloss_format_read_file (const char  *path,
                        char       **contents,
                        gsize       *length,
                        GError     **error)
{
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (path != NULL && contents != NULL, FALSE);

  if (!g_file_get_contents (path, contents, length, &local))
    {
      g_autofree char *display = g_filename_display_name (path);
      const char *why = local->message;
      const char *quote_end = g_strrstr (why, "”: ");

      /* GLib's messages name the file in quotes; keep ours uniform. */
      if (quote_end != NULL)
        why = quote_end + strlen ("”: ");
      g_set_error (error, local->domain, local->code, "%s: %s", display, why);
      return FALSE;
    }
  return TRUE;
}

/* ---- text checks and decoding */

gboolean
gloss_format_utf8_check (const char *data,
                         gsize       length,
                         gsize      *bad_byte,
                         guint      *bad_line)
{
  const char *end;
  guint line = 1;

  if (g_utf8_validate_len (data, length, &end))
    return TRUE;
  for (const char *p = data; p < end; p++)
    if (*p == '\n')
      line++;
  if (bad_byte != NULL)
    *bad_byte = end - data;
  if (bad_line != NULL)
    *bad_line = line;
  return FALSE;
}

gboolean
gloss_format_validate_utf8 (const char  *data,
                            gsize        length,
                            const char  *display,
                            GError     **error)
{
  gsize byte;
  guint line;

  if (gloss_format_utf8_check (data, length, &byte, &line))
    return TRUE;
  if (display != NULL)
    g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID,
                 _("%s:%u: invalid UTF-8 at byte %" G_GSIZE_FORMAT " (line %u)"),
                 display, line, byte, line);
  else
    g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID,
                 _("invalid UTF-8 at byte %" G_GSIZE_FORMAT " (line %u)"), byte, line);
  return FALSE;
}

static void
set_text_error (GError     **error,
                const char  *display,
                const char  *format,
                ...) G_GNUC_PRINTF (3, 4);

static void
set_text_error (GError     **error,
                const char  *display,
                const char  *format,
                ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  if (display != NULL)
    g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID, "%s: %s", display, msg);
  else
    g_set_error_literal (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID, msg);
}

gboolean
gloss_format_decode_text (const char  *data,
                          gsize        length,
                          const char  *display,
                          char       **text,
                          gsize       *text_length,
                          const char **encoding,
                          GError     **error)
{
  const char *nul;
  const char *enc = "UTF-8";

  g_return_val_if_fail (text != NULL, FALSE);

  if (length == 0)
    {
      set_text_error (error, display, _("empty file"));
      return FALSE;
    }
  if (length >= 2 && (((guchar) data[0] == 0xff && (guchar) data[1] == 0xfe)
                      || ((guchar) data[0] == 0xfe && (guchar) data[1] == 0xff)))
    {
      gboolean le = (guchar) data[0] == 0xff;
      g_autoptr(GError) local = NULL;
      gsize read = 0, written = 0;
      char *out;

      enc = le ? "UTF-16LE" : "UTF-16BE";
      if (length == 2)
        {
          set_text_error (error, display, _("empty file"));
          return FALSE;
        }
      out = g_convert (data + 2, length - 2, "UTF-8", enc, &read, &written, &local);
      if (out == NULL)
        {
          set_text_error (error, display, _("invalid %s at byte %" G_GSIZE_FORMAT " (%s)"), enc,
                          read + 2, local->message);
          return FALSE;
        }
      if (read != length - 2 || !g_utf8_validate_len (out, written, NULL))
        {
          set_text_error (error, display, _("invalid %s at byte %" G_GSIZE_FORMAT), enc,
                          read + 2);
          g_free (out);
          return FALSE;
        }
      if ((nul = memchr (out, '\0', written)) != NULL)
        {
          set_text_error (error, display, _("NUL character at character %ld: binary file?"),
                          g_utf8_pointer_to_offset (out, nul));
          g_free (out);
          return FALSE;
        }
      *text = out;
      if (text_length != NULL)
        *text_length = written;
      if (encoding != NULL)
        *encoding = enc;
      return TRUE;
    }
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      length -= 3;
      enc = "UTF-8 with BOM";
      if (length == 0)
        {
          set_text_error (error, display, _("empty file"));
          return FALSE;
        }
    }
  if ((nul = memchr (data, '\0', length)) != NULL)
    {
      set_text_error (error, display, _("NUL bytes at byte %" G_GSIZE_FORMAT ": binary file?"),
                      (gsize) (nul - data) + (enc[5] != '\0' ? 3 : 0));
      return FALSE;
    }
  if (!gloss_format_validate_utf8 (data, length, display, error))
    return FALSE;
  *text = g_strndup (data, length);
  if (text_length != NULL)
    *text_length = length;
  if (encoding != NULL)
    *encoding = enc;
  return TRUE;
}

gboolean
gloss_format_json_to_utf8 (char       **data,
                           gsize       *length,
                           const char **encoding,
                           GError     **error)
{
  const guchar *d = (const guchar *) *data;
  gsize len = *length;

  if (encoding != NULL)
    *encoding = "UTF-8";
  if (len >= 4 && ((d[0] == 0xff && d[1] == 0xfe && d[2] == 0 && d[3] == 0)
                   || (d[0] == 0 && d[1] == 0 && d[2] == 0xfe && d[3] == 0xff)))
    {
      set_text_error (error, NULL, _("UTF-32 text: save the file as UTF-8 (or UTF-16 with a "
                                     "byte order mark)"));
      return FALSE;
    }
  if (len >= 2 && ((d[0] == 0xff && d[1] == 0xfe) || (d[0] == 0xfe && d[1] == 0xff)))
    {
      g_autofree char *text = NULL;
      gsize text_length;

      if (!gloss_format_decode_text (*data, len, NULL, &text, &text_length, encoding, error))
        return FALSE;
      g_free (*data);
      *data = g_steal_pointer (&text);
      *length = text_length;
      return TRUE;
    }
  if (len >= 3 && memcmp (d, "\xef\xbb\xbf", 3) == 0)
    {
      memmove (*data, *data + 3, len - 3 + 1);  /* with the final NUL */
      *length = len - 3;
      if (encoding != NULL)
        *encoding = "UTF-8 with BOM";
      return TRUE;
    }
  if (len >= 2 && (d[0] == 0 || d[1] == 0))
    {
      set_text_error (error, NULL, _("NUL bytes at the start: UTF-16 or UTF-32 without a byte "
                                     "order mark? Save the file as UTF-8"));
      return FALSE;
    }
  return TRUE;
}

GBytes *
gloss_format_head_to_utf8 (GBytes *head)
{
  gsize len;
  const guchar *d = g_bytes_get_data (head, &len);
  g_autofree gunichar2 *units = NULL;
  gboolean le;
  glong n_read = 0, n_written = 0;
  char *utf8;
  gsize n;

  if (len < 4 || !((d[0] == 0xff && d[1] == 0xfe) || (d[0] == 0xfe && d[1] == 0xff))
      || (d[2] == 0 && d[3] == 0))
    return g_bytes_ref (head);
  le = d[0] == 0xff;
  n = (len - 2) / 2;
  units = g_new (gunichar2, n + 1);
  for (gsize i = 0; i < n; i++)
    units[i] = le ? (d[2 + 2 * i] | d[3 + 2 * i] << 8) : (d[2 + 2 * i] << 8 | d[3 + 2 * i]);
  /* With items_read, a surrogate cut by the end is not an error. */
  utf8 = g_utf16_to_utf8 (units, n, &n_read, &n_written, NULL);
  if (utf8 == NULL)
    return g_bytes_ref (head);
  return g_bytes_new_take (utf8, n_written);
}

/* ---- lines */

void
gloss_line_reader_init (GlossLineReader *reader,
                        const char      *data,
                        gsize            length)
{
  reader->data = data;
  reader->length = length;
  reader->pos = 0;
  reader->line = 0;
}

gboolean
gloss_line_reader_next (GlossLineReader *reader,
                        const char     **line,
                        gsize           *line_length,
                        gsize           *line_start,
                        gboolean        *had_cr)
{
  const char *start, *nl;
  gsize len;
  gboolean cr = FALSE;

  if (reader->pos >= reader->length)
    return FALSE;
  start = reader->data + reader->pos;
  nl = memchr (start, '\n', reader->length - reader->pos);
  len = nl ? (gsize) (nl - start) : reader->length - reader->pos;
  reader->pos += len + (nl ? 1 : 0);
  reader->line++;
  if (len > 0 && start[len - 1] == '\r')
    {
      len--;
      cr = TRUE;
    }
  *line = start;
  *line_length = len;
  if (line_start != NULL)
    *line_start = start - reader->data;
  if (had_cr != NULL)
    *had_cr = cr;
  return TRUE;
}

/* ---- offsets */

gboolean
gloss_format_span_from_utf16 (GlossOffsetMap *map,
                              guint           start,
                              guint           end,
                              GlossFragment  *fragment)
{
  if (start > end)
    return FALSE;
  return gloss_offset_map_utf16_to_char (map, start, &fragment->start)
         && gloss_offset_map_utf16_to_char (map, end, &fragment->end);
}

gboolean
gloss_format_span_from_bytes (GlossOffsetMap *map,
                              gsize           start,
                              gsize           end,
                              GlossFragment  *fragment)
{
  if (start > end)
    return FALSE;
  return gloss_offset_map_byte_to_char (map, start, &fragment->start)
         && gloss_offset_map_byte_to_char (map, end, &fragment->end);
}

gboolean
gloss_format_span_to_utf16 (GlossOffsetMap      *map,
                            const GlossFragment *fragment,
                            guint               *start,
                            guint               *end)
{
  return fragment->start <= fragment->end
         && gloss_offset_map_char_to_utf16 (map, fragment->start, start)
         && gloss_offset_map_char_to_utf16 (map, fragment->end, end);
}

gboolean
gloss_format_span_to_bytes (GlossOffsetMap      *map,
                            const GlossFragment *fragment,
                            gsize               *start,
                            gsize               *end)
{
  return fragment->start <= fragment->end
         && gloss_offset_map_char_to_byte (map, fragment->start, start)
         && gloss_offset_map_char_to_byte (map, fragment->end, end);
}

char *
gloss_format_dup_span_text (GlossOffsetMap *map,
                            const char     *text,
                            guint           start,
                            guint           end)
{
  GlossFragment f = { start, end };
  gsize a, b;

  if (!gloss_format_span_to_bytes (map, &f, &a, &b))
    return NULL;
  return g_strndup (text + a, b - a);
}

/* ---- JSON */

static JsonNode *
member_node (JsonObject  *object,
             const char  *member,
             gboolean     required,
             gboolean    *ok,
             GError     **error)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  *ok = TRUE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        {
          g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID,
                       _("field “%s” is missing"), member);
          *ok = FALSE;
        }
      return NULL;
    }
  return node;
}

static gboolean
wrong_type (const char  *member,
            const char  *what,
            GError     **error)
{
  /* TRANSLATORS: the second %s is "a number", "a string"... */
  g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID,
               _("field “%s” must be %s"), member, what);
  return FALSE;
}

gboolean
gloss_format_json_get_string (JsonObject  *object,
                              const char  *member,
                              gboolean     required,
                              const char **out,
                              GError     **error)
{
  gboolean ok;
  JsonNode *node = member_node (object, member, required, &ok, error);

  if (node == NULL)
    return ok;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return wrong_type (member, _("a string"), error);
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
node_to_int (JsonNode *node,
             gint64   *out)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    {
      *out = json_node_get_int (node);
      return TRUE;
    }
  if (type == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);
      if (d != (double) (gint64) d || d > 9.0e15 || d < -9.0e15)
        return FALSE;
      *out = (gint64) d;
      return TRUE;
    }
  return FALSE;
}

gboolean
gloss_format_json_get_int (JsonObject  *object,
                           const char  *member,
                           gboolean     required,
                           gint64      *out,
                           GError     **error)
{
  gboolean ok;
  JsonNode *node = member_node (object, member, required, &ok, error);

  if (node == NULL)
    return ok;
  if (!node_to_int (node, out))
    return wrong_type (member, _("an integer"), error);
  return TRUE;
}

gboolean
gloss_format_json_get_uint (JsonObject  *object,
                            const char  *member,
                            gboolean     required,
                            guint       *out,
                            GError     **error)
{
  gboolean ok;
  JsonNode *node = member_node (object, member, required, &ok, error);
  gint64 v;

  if (node == NULL)
    return ok;
  if (!node_to_int (node, &v) || v < 0 || v > G_MAXUINT)
    return wrong_type (member, _("a non-negative integer"), error);
  *out = (guint) v;
  return TRUE;
}

gboolean
gloss_format_json_get_double (JsonObject  *object,
                              const char  *member,
                              gboolean     required,
                              double      *out,
                              GError     **error)
{
  gboolean ok;
  JsonNode *node = member_node (object, member, required, &ok, error);
  GType type;

  if (node == NULL)
    return ok;
  type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  if (type != G_TYPE_DOUBLE && type != G_TYPE_INT64)
    return wrong_type (member, _("a number"), error);
  *out = json_node_get_double (node);
  return TRUE;
}

gboolean
gloss_format_json_get_boolean (JsonObject  *object,
                               const char  *member,
                               gboolean     required,
                               gboolean    *out,
                               GError     **error)
{
  gboolean ok;
  JsonNode *node = member_node (object, member, required, &ok, error);

  if (node == NULL)
    return ok;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return wrong_type (member, _("a boolean"), error);
  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
gloss_format_json_get_array (JsonObject  *object,
                             const char  *member,
                             gboolean     required,
                             JsonArray  **out,
                             GError     **error)
{
  gboolean ok;
  JsonNode *node = member_node (object, member, required, &ok, error);

  if (node == NULL)
    return ok;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return wrong_type (member, _("an array"), error);
  *out = json_node_get_array (node);
  return TRUE;
}

gboolean
gloss_format_json_get_object (JsonObject  *object,
                              const char  *member,
                              gboolean     required,
                              JsonObject **out,
                              GError     **error)
{
  gboolean ok;
  JsonNode *node = member_node (object, member, required, &ok, error);

  if (node == NULL)
    return ok;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (member, _("an object"), error);
  *out = json_node_get_object (node);
  return TRUE;
}

void
gloss_format_json_prefix_record (GError **error,
                                 guint    record)
{
  if (error != NULL && *error != NULL)
    g_prefix_error (error, _("record %u: "), record);
}

/* ---- files and names */

char *
gloss_format_name_from_path (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  if (*base == '\0' || strcmp (base, ".") == 0 || strcmp (base, G_DIR_SEPARATOR_S) == 0)
    return g_strdup ("document");
  return g_filename_display_name (base);
}

gboolean
gloss_format_has_extension (const char         *path,
                            const char * const *extensions)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *lower = g_ascii_strdown (base, -1);

  if (extensions == NULL)
    return TRUE;
  for (guint i = 0; extensions[i] != NULL; i++)
    {
      g_autofree char *suffix = g_strconcat (".", extensions[i], NULL);
      g_autofree char *lsuffix = g_ascii_strdown (suffix, -1);

      if (g_str_has_suffix (lower, lsuffix) && strlen (lower) > strlen (lsuffix))
        return TRUE;
    }
  return FALSE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char **) a, *(char **) b);
}

static gboolean
list_dir (const char         *dir,
          const char * const *extensions,
          GPtrArray          *out,
          guint               depth,
          GError            **error)
{
  g_autoptr(GDir) d = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (depth > 64)
    return TRUE;  /* symlink loops */
  d = g_dir_open (dir, 0, error);
  if (d == NULL)
    return FALSE;
  while ((name = g_dir_read_name (d)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (!list_dir (path, extensions, out, depth + 1, error))
            return FALSE;
        }
      else if (g_file_test (path, G_FILE_TEST_IS_REGULAR)
               && gloss_format_has_extension (path, extensions))
        g_ptr_array_add (out, g_steal_pointer (&path));
    }
  return TRUE;
}

GPtrArray *
gloss_format_list_files (const char         *dir,
                         const char * const *extensions,
                         GError            **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (dir != NULL, NULL);

  if (!list_dir (dir, extensions, out, 0, error))
    return NULL;
  /* names within one folder are sorted and the walk is depth first */
  return g_steal_pointer (&out);
}
