/* gloss-format-json.c: JSON and JSON Lines files for importers and exporters
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "gloss-annotation.h"
#include "gloss-document.h"
#include "gloss-format-json-private.h"
#include "gloss-format-util.h"
#include "gloss-relation.h"

/* ---- reading a file record by record */

typedef struct
{
  JsonParser *parser;
  guint       depth;
  GArray     *lines;   /* guint: the start line of each top-level record */
  gboolean    top_is_array;
} GlossJsonWholeState;

static void
gloss_json_whole_open_cb (JsonParser *parser,
                          gpointer    user_data,
                          gboolean    is_array)
{
  GlossJsonWholeState *state = user_data;

  if (state->depth == 0)
    state->top_is_array = is_array;
  if (state->depth == 0 && !is_array)
    {
      guint line = json_parser_get_current_line (parser);
      g_array_append_val (state->lines, line);
    }
  else if (state->depth == 1 && state->top_is_array)
    {
      guint line = json_parser_get_current_line (parser);
      g_array_append_val (state->lines, line);
    }
  state->depth++;
}

static void
gloss_json_whole_object_start_cb (JsonParser *parser,
                                  gpointer    user_data)
{
  gloss_json_whole_open_cb (parser, user_data, FALSE);
}

static void
gloss_json_whole_array_start_cb (JsonParser *parser,
                                 gpointer    user_data)
{
  gloss_json_whole_open_cb (parser, user_data, TRUE);
}

static void
gloss_json_whole_object_end_cb (JsonParser *parser,
                                JsonObject *object,
                                gpointer    user_data)
{
  GlossJsonWholeState *state = user_data;

  state->depth--;
}

static void
gloss_json_whole_array_end_cb (JsonParser *parser,
                               JsonArray  *array,
                               gpointer    user_data)
{
  GlossJsonWholeState *state = user_data;

  state->depth--;
}

/* json-glib says "<data>:LINE:COL: Parse error: message"; keep the line and
 * the message. */
static char *
gloss_json_parse_problem (const GError *error,
                          guint        *line)
{
  const char *msg = error->message;
  const char *p;
  guint64 l;
  char *end = NULL;

  *line = 0;
  if (g_str_has_prefix (msg, "<data>:"))
    {
      l = g_ascii_strtoull (msg + strlen ("<data>:"), &end, 10);
      if (end != NULL && *end == ':' && l > 0 && l < G_MAXUINT)
        *line = (guint) l;
      p = strstr (msg, "Parse error: ");
      if (p != NULL)
        msg = p + strlen ("Parse error: ");
    }
  /* json-glib may quote the input */
  {
    g_autofree char *quoted = gloss_format_quote (msg, -1);
    return g_strdup_printf (_("invalid JSON: %s"), quoted);
  }
}

/* Line number (1-based) of byte @pos in @data. */
static guint
gloss_json_line_of (const char *data,
                    gsize       pos)
{
  guint line = 1;

  for (gsize i = 0; i < pos; i++)
    if (data[i] == '\n')
      line++;
  return line;
}

/* Which way to read: a first non-blank line that is a whole JSON object
 * ("{...}") means JSON Lines; "[" or a lone "{" means one JSON document. */
static GlossJsonRecordsMode
gloss_json_records_sniff (const char *data,
                          gsize       length)
{
  GlossLineReader reader;
  const char *line;
  gsize len;

  gloss_line_reader_init (&reader, data, length);
  while (gloss_line_reader_next (&reader, &line, &len, NULL, NULL))
    {
      g_autofree char *copy = g_strndup (line, len);
      char *s = g_strstrip (copy);

      if (g_str_has_prefix (s, "\xef\xbb\xbf"))
        s += 3;
      if (*s == '\0')
        continue;
      if (*s == '[')
        return GLOSS_JSON_RECORDS_WHOLE;
      if (*s == '{' && !g_str_has_suffix (s, "}"))
        return GLOSS_JSON_RECORDS_WHOLE;
      return GLOSS_JSON_RECORDS_LINES;
    }
  return GLOSS_JSON_RECORDS_LINES;
}

static gboolean
gloss_json_records_lines (const char           *data,
                          gsize                 length,
                          GlossJsonRecordFunc   func,
                          gpointer              user_data,
                          GCancellable         *cancellable,
                          GError              **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  GlossLineReader reader;
  const char *line;
  gsize len, start;
  guint index = 0;

  gloss_line_reader_init (&reader, data, length);
  while (gloss_line_reader_next (&reader, &line, &len, &start, NULL))
    {
      g_autoptr(GError) local = NULL;
      gsize bad_byte;
      guint bad_line;
      const char *nul;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (reader.line == 1 && len >= 3 && memcmp (line, "\xef\xbb\xbf", 3) == 0)
        {
          line += 3;
          len -= 3;
        }
      /* Blank lines are allowed between records. */
      {
        gsize i = 0;
        while (i < len && g_ascii_isspace (line[i]))
          i++;
        if (i == len)
          continue;
      }
      index++;
      if ((nul = memchr (line, '\0', len)) != NULL)
        {
          g_autofree char *problem =
            g_strdup_printf (_("NUL byte at byte %" G_GSIZE_FORMAT ": binary file?"),
                             start + (gsize) (nul - line));
          if (!func (NULL, reader.line, index, problem, user_data, error))
            return FALSE;
          continue;
        }
      if (!gloss_format_utf8_check (line, len, &bad_byte, &bad_line))
        {
          g_autofree char *problem =
            g_strdup_printf (_("invalid UTF-8 at byte %" G_GSIZE_FORMAT), start + bad_byte);
          if (!func (NULL, reader.line, index, problem, user_data, error))
            return FALSE;
          continue;
        }
      if (!json_parser_load_from_data (parser, line, len, &local) ||
          json_parser_get_root (parser) == NULL)
        {
          guint ignored;
          g_autofree char *problem = local != NULL
            ? gloss_json_parse_problem (local, &ignored)
            : g_strdup (_("invalid JSON: empty record"));
          if (!func (NULL, reader.line, index, problem, user_data, error))
            return FALSE;
          continue;
        }
      if (!func (json_parser_get_root (parser), reader.line, index, NULL, user_data, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
gloss_json_records_whole (const char           *data,
                          gsize                 length,
                          GlossJsonRecordFunc   func,
                          gpointer              user_data,
                          GCancellable         *cancellable,
                          GError              **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GError) local = NULL;
  GlossJsonWholeState state = { parser, 0, lines, FALSE };
  gsize bad_byte;
  guint bad_line;
  const char *nul;
  JsonNode *root;

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  if ((nul = memchr (data, '\0', length)) != NULL)
    {
      g_autofree char *problem =
        g_strdup_printf (_("NUL byte at byte %" G_GSIZE_FORMAT ": binary file?"),
                         (gsize) (nul - data));
      return func (NULL, gloss_json_line_of (data, nul - data), 1, problem, user_data, error);
    }
  if (!gloss_format_utf8_check (data, length, &bad_byte, &bad_line))
    {
      g_autofree char *problem =
        g_strdup_printf (_("invalid UTF-8 at byte %" G_GSIZE_FORMAT), bad_byte);
      return func (NULL, bad_line, 1, problem, user_data, error);
    }

  g_signal_connect (parser, "object-start", G_CALLBACK (gloss_json_whole_object_start_cb), &state);
  g_signal_connect (parser, "array-start", G_CALLBACK (gloss_json_whole_array_start_cb), &state);
  g_signal_connect (parser, "object-end", G_CALLBACK (gloss_json_whole_object_end_cb), &state);
  g_signal_connect (parser, "array-end", G_CALLBACK (gloss_json_whole_array_end_cb), &state);
  if (!json_parser_load_from_data (parser, data, length, &local))
    {
      guint line;
      g_autofree char *problem = gloss_json_parse_problem (local, &line);
      return func (NULL, MAX (line, 1), 1, problem, user_data, error);
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    return func (NULL, 1, 1, _("empty file"), user_data, error);

  if (JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);
      guint n = json_array_get_length (array);
      guint next_line = 0;

      for (guint i = 0; i < n; i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          guint line;

          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          /* Start lines are known for the object and array elements. */
          if (JSON_NODE_HOLDS_OBJECT (element) || JSON_NODE_HOLDS_ARRAY (element))
            line = next_line < lines->len ? g_array_index (lines, guint, next_line++) : 1;
          else
            line = next_line < lines->len ? g_array_index (lines, guint, next_line) : 1;
          if (!func (element, line, i + 1, NULL, user_data, error))
            return FALSE;
        }
      return TRUE;
    }
  return func (root, lines->len > 0 ? g_array_index (lines, guint, 0) : 1, 1, NULL, user_data,
               error);
}

gboolean
gloss_json_records_foreach (const char            *data,
                            gsize                  length,
                            GlossJsonRecordsMode   mode,
                            GlossJsonRecordFunc    func,
                            gpointer               user_data,
                            GCancellable          *cancellable,
                            GError               **error)
{
  if (mode == GLOSS_JSON_RECORDS_AUTO)
    mode = gloss_json_records_sniff (data, length);
  if (mode == GLOSS_JSON_RECORDS_WHOLE)
    return gloss_json_records_whole (data, length, func, user_data, cancellable, error);
  return gloss_json_records_lines (data, length, func, user_data, cancellable, error);
}

/* ---- members, type-checked for import messages */

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

/* ---- members, keys and meta, leniently */

char *
gloss_json_node_dup_key (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);
      if (d == (double) (gint64) d)
        return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) d);
    }
  return NULL;
}

const char *
gloss_json_member_string (JsonObject *object,
                          const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gboolean
gloss_json_node_get_uint (JsonNode *node,
                          guint    *out)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      gint64 v = json_node_get_int (node);
      if (v < 0 || v > G_MAXUINT)
        return FALSE;
      *out = (guint) v;
      return TRUE;
    }
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);
      if (!(d >= 0 && d <= G_MAXUINT) || d != (double) (guint) d)
        return FALSE;
      *out = (guint) d;
      return TRUE;
    }
  return FALSE;
}

void
gloss_json_builder_add_key (JsonBuilder *builder,
                            const char  *key)
{
  char *end = NULL;
  gint64 v;

  if (key[0] != '\0' && (g_ascii_isdigit (key[0]) || (key[0] == '-' && g_ascii_isdigit (key[1]))) &&
      (key[0] != '0' || key[1] == '\0') && !(key[0] == '-' && key[1] == '0'))
    {
      errno = 0;
      v = g_ascii_strtoll (key, &end, 10);
      if (end != NULL && *end == '\0' && errno != ERANGE)
        {
          json_builder_add_int_value (builder, v);
          return;
        }
    }
  json_builder_add_string_value (builder, key);
}

/* An export goes to people who should not learn where the files were on
 * the annotator's disk (a home folder holds a login name): the path is
 * kept in the project, where it says where a document came from. */
JsonObject *
gloss_json_export_meta (JsonObject *meta,
                        gboolean    keep_paths)
{
  const char *source;
  g_autofree char *name = NULL;
  JsonObject *exported;
  g_autoptr(GList) members = NULL;

  if (meta == NULL)
    return NULL;
  source = json_object_has_member (meta, "source")
             ? json_node_get_string (json_object_get_member (meta, "source"))
             : NULL;
  if (keep_paths || source == NULL || !g_path_is_absolute (source))
    return json_object_ref (meta);

  name = g_path_get_basename (source);
  exported = json_object_new ();
  members = json_object_get_members (meta);
  for (GList *l = members; l != NULL; l = l->next)
    if (strcmp (l->data, "source") == 0)
      json_object_set_string_member (exported, "source", name);
    else
      json_object_set_member (exported, l->data,
                              json_node_copy (json_object_get_member (meta, l->data)));
  return exported;
}

gboolean
gloss_json_meta_key_is_own (const char *key)
{
  static const char * const own[] = { "format", "filename", "tokenized", "token_joins",
                                      "spacy_record", "label_studio_data_key",
                                      "label_studio_from_name", "label_studio_to_name",
                                      "label_studio_annotations", NULL };

  return g_strv_contains (own, key);
}

void
gloss_json_builder_add_meta (JsonBuilder *b,
                             JsonObject  *meta)
{
  g_autoptr(GList) members = NULL;
  gboolean any = FALSE;

  if (meta == NULL)
    return;
  members = json_object_get_members (meta);
  for (GList *l = members; l != NULL; l = l->next)
    {
      if (gloss_json_meta_key_is_own (l->data))
        continue;
      if (!any)
        {
          json_builder_set_member_name (b, "meta");
          json_builder_begin_object (b);
          any = TRUE;
        }
      json_builder_set_member_name (b, l->data);
      json_builder_add_value (b, json_node_copy (json_object_get_member (meta, l->data)));
    }
  if (any)
    json_builder_end_object (b);
}

/* ---- reading a file for an importer; what detectors see */

gboolean
gloss_json_read_input (GlossImportContext  *ctx,
                       const char          *path,
                       const char          *display,
                       char               **contents,
                       gsize               *length,
                       GError             **error)
{
  g_autoptr(GError) local = NULL;
  const char *encoding = "UTF-8";
  gboolean go_on;

  if (!gloss_format_read_file (path, contents, length, error))
    return FALSE;
  if (*length > 0 && gloss_format_json_to_utf8 (contents, length, &encoding, &local))
    {
      if (g_str_has_prefix (encoding, "UTF-16"))
        gloss_import_report_add (gloss_import_context_get_report (ctx), GLOSS_PROBLEM_NOTE,
                                 display, 0, _("read as %s, converted to UTF-8"), encoding);
      return TRUE;
    }
  go_on = gloss_import_context_bad_record (ctx, display, 0, error, "%s",
                                           local != NULL ? local->message : _("empty file"));
  g_clear_pointer (contents, g_free);
  return go_on;
}

gboolean
gloss_json_head_has (GBytes     *head,
                     const char *needle)
{
  gsize len;
  const char *data = g_bytes_get_data (head, &len);

  return data != NULL && g_strstr_len (data, len, needle) != NULL;
}

char
gloss_json_head_first_char (GBytes *head)
{
  gsize len;
  const char *data = g_bytes_get_data (head, &len);
  gsize i = 0;

  if (data == NULL)
    return '\0';
  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  while (i < len && g_ascii_isspace (data[i]))
    i++;
  return i < len ? data[i] : '\0';
}

/* ---- writing a good record (doccano, spaCy, Label Studio imports) */

gboolean
gloss_json_add_span (GlossImportContext   *ctx,
                     gint64                doc_id,
                     const char           *label,
                     const GlossFragment  *fragment,
                     const char           *annotator,
                     GPtrArray            *uuids,
                     const char           *display,
                     guint                 line,
                     GError              **error)
{
  g_autoptr(GlossAnnotation) a = gloss_annotation_new (label, fragment, 1,
                                                       annotator != NULL ? annotator : "");

  if (!gloss_import_context_add_annotation (ctx, doc_id, a, error))
    {
      g_prefix_error (error, "%s:%u: ", display, line);
      return FALSE;
    }
  g_ptr_array_add (uuids, g_strdup (gloss_annotation_get_uuid (a)));
  return TRUE;
}

gboolean
gloss_json_add_relation (GlossImportContext  *ctx,
                         gint64               doc_id,
                         const char          *type,
                         GPtrArray           *uuids,
                         guint                from,
                         guint                to,
                         const char          *annotator,
                         gboolean             bidirectional,
                         const char          *display,
                         guint                line,
                         GError             **error)
{
  g_autoptr(GlossRelation) rel = gloss_relation_new (type, g_ptr_array_index (uuids, from),
                                                     g_ptr_array_index (uuids, to),
                                                     annotator != NULL ? annotator : "");

  if (bidirectional)
    gloss_relation_set_attribute (rel, "direction", g_variant_new_string ("bi"));
  if (!gloss_import_context_add_relation (ctx, doc_id, rel, error))
    {
      g_prefix_error (error, "%s:%u: ", display, line);
      return FALSE;
    }
  return TRUE;
}

/* ---- the export loop of the doccano, spaCy and Label Studio formats */

/* Writes all of @str to @out. */
static gboolean
gloss_json_write (GOutputStream  *out,
                  const char     *str,
                  gssize          len,
                  GCancellable   *cancellable,
                  GError        **error)
{
  return g_output_stream_write_all (out, str, len < 0 ? strlen (str) : (gsize) len, NULL,
                                    cancellable, error);
}

/* Writes @node as one line of JSON (no final newline). */
static gboolean
gloss_json_write_node (GOutputStream  *out,
                       JsonNode       *node,
                       GCancellable   *cancellable,
                       GError        **error)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *str = NULL;
  gsize len;

  json_generator_set_root (gen, node);
  str = json_generator_to_data (gen, &len);
  return gloss_json_write (out, str, len, cancellable, error);
}

gboolean
gloss_json_export_records (GlossExportContext          *ctx,
                           const char                  *path,
                           const GlossJsonExportLayout *layout,
                           GlossJsonRecordBuilder       build,
                           gpointer                     user_data,
                           GCancellable                *cancellable,
                           GError                     **error)
{
  GPtrArray *docs = gloss_export_context_get_documents (ctx);
  g_autoptr(GOutputStream) out = gloss_export_context_open_output (ctx, path, cancellable, error);

  if (out == NULL || !gloss_json_write (out, layout->start, -1, cancellable, error))
    return FALSE;
  for (guint i = 0; i < docs->len; i++)
    {
      GlossDocument *doc = g_ptr_array_index (docs, i);
      g_autoptr(GPtrArray) anns = NULL;
      g_autoptr(GPtrArray) rels = NULL;
      g_autoptr(JsonNode) node = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!gloss_document_load_text (doc, error))
        return FALSE;
      anns = gloss_export_context_dup_annotations (ctx, doc, error);
      if (anns == NULL)
        return FALSE;
      if (layout->relations
          && (rels = gloss_export_context_dup_relations (ctx, doc, anns, error)) == NULL)
        return FALSE;
      gloss_export_context_check_annotations (ctx, doc, anns, layout->carries);
      gloss_export_context_check_relations (ctx, doc, rels, layout->carries,
                                            layout->kept_relation_attributes);
      node = build (doc, i + 1, anns, rels, user_data);
      if (!gloss_json_write (out, i == 0 ? layout->before_first : layout->before_next, -1,
                             cancellable, error)
          || !gloss_json_write_node (out, node, cancellable, error)
          || !gloss_json_write (out, layout->after_each, -1, cancellable, error))
        return FALSE;
      gloss_export_context_progress (ctx, (double) (i + 1) / docs->len);
    }
  if (!gloss_json_write (out, layout->end, -1, cancellable, error))
    return FALSE;
  return g_output_stream_close (out, cancellable, error);
}
