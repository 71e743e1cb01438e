/* gloss-jsonl.c: lossless Gloss JSONL export and import
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "gloss-annotation.h"
#include "gloss-document.h"
#include "gloss-jsonl.h"
#include "gloss-offsets.h"
#include "gloss-project.h"
#include "gloss-relation.h"
#include "gloss-schema.h"
#include "gloss-store-private.h"
#include "gloss-util-private.h"

G_DEFINE_QUARK (gloss-jsonl-error-quark, gloss_jsonl_error)

/* ---- Export */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_time_member (JsonBuilder *builder,
                 const char  *name,
                 gint64       usec)
{
  g_autofree char *str = _gloss_time_to_iso8601 (usec);

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, str);
}

/* The covered text, fragments joined by one space, appended to @out. */
static void
append_covered_text (GString             *out,
                     GlossOffsetMap      *map,
                     const char          *text,
                     const GlossFragment *frags,
                     guint                n_frags)
{
  for (guint i = 0; i < n_frags; i++)
    {
      gsize s, e;

      if (!gloss_offset_map_char_to_byte (map, frags[i].start, &s)
          || !gloss_offset_map_char_to_byte (map, frags[i].end, &e) || e < s)
        continue;
      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append_len (out, text + s, e - s);
    }
}

static void
build_annotation (JsonBuilder     *builder,
                  GlossAnnotation *ann,
                  GlossOffsetMap  *map,
                  const char      *text,
                  GString         *scratch)
{
  const GlossFragment *frags;
  guint n_frags;

  frags = gloss_annotation_get_fragments (ann, &n_frags);

  json_builder_begin_object (builder);
  add_string_member (builder, "uuid", gloss_annotation_get_uuid (ann));
  add_string_member (builder, "label", gloss_annotation_get_label (ann));
  json_builder_set_member_name (builder, "fragments");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_frags; i++)
    {
      json_builder_begin_array (builder);
      json_builder_add_int_value (builder, frags[i].start);
      json_builder_add_int_value (builder, frags[i].end);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  g_string_truncate (scratch, 0);
  append_covered_text (scratch, map, text, frags, n_frags);
  add_string_member (builder, "text", scratch->str);
  json_builder_set_member_name (builder, "attributes");
  _gloss_attributes_to_builder (gloss_annotation_get_attributes (ann), builder);
  add_string_member (builder, "note", gloss_annotation_get_note (ann));
  add_string_member (builder, "norm_id", gloss_annotation_get_norm_id (ann));
  add_string_member (builder, "norm_name", gloss_annotation_get_norm_name (ann));
  add_string_member (builder, "annotator", gloss_annotation_get_annotator (ann));
  add_time_member (builder, "created", gloss_annotation_get_created (ann));
  add_time_member (builder, "modified", gloss_annotation_get_modified (ann));
  json_builder_set_member_name (builder, "deleted");
  json_builder_add_boolean_value (builder, gloss_annotation_get_deleted (ann));
  json_builder_end_object (builder);
}

static void
build_relation (JsonBuilder   *builder,
                GlossRelation *rel)
{
  json_builder_begin_object (builder);
  add_string_member (builder, "uuid", gloss_relation_get_uuid (rel));
  add_string_member (builder, "type", gloss_relation_get_relation_type (rel));
  add_string_member (builder, "source", gloss_relation_get_source (rel));
  add_string_member (builder, "target", gloss_relation_get_target (rel));
  json_builder_set_member_name (builder, "attributes");
  _gloss_attributes_to_builder (gloss_relation_get_attributes (rel), builder);
  add_string_member (builder, "annotator", gloss_relation_get_annotator (rel));
  add_time_member (builder, "created", gloss_relation_get_created (rel));
  add_time_member (builder, "modified", gloss_relation_get_modified (rel));
  json_builder_set_member_name (builder, "deleted");
  json_builder_add_boolean_value (builder, gloss_relation_get_deleted (rel));
  json_builder_end_object (builder);
}

/* Appends one line (with its newline) for document @id to @line. */
static gboolean
export_document (GlossStore  *store,
                 gint64       id,
                 GString     *line,
                 GError     **error)
{
  g_autoptr(GlossDocument) doc = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) anns = NULL;
  g_autoptr(GPtrArray) rels = NULL;
  g_autoptr(GHashTable) statuses = NULL;
  g_autoptr(GlossOffsetMap) map = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) gen = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) scratch = NULL;
  g_autofree gpointer *annotators = NULL;
  JsonObject *meta;
  JsonNode *meta_node;
  guint n_annotators = 0;

  doc = gloss_store_load_document (store, id, error);
  if (doc == NULL)
    return FALSE;
  text = gloss_store_dup_document_text (store, id, error);
  if (text == NULL)
    return FALSE;
  anns = gloss_store_load_annotations (store, id, TRUE, error);
  if (anns == NULL)
    return FALSE;
  rels = gloss_store_load_relations (store, id, TRUE, error);
  if (rels == NULL)
    return FALSE;
  statuses = gloss_store_dup_document_statuses (store, id);
  map = gloss_offset_map_new (text, -1);
  scratch = g_string_new (NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "gloss");
  json_builder_add_int_value (builder, GLOSS_JSONL_VERSION);
  add_string_member (builder, "uuid", gloss_document_get_uuid (doc));
  add_string_member (builder, "name", gloss_document_get_name (doc));
  add_string_member (builder, "text", text);
  add_string_member (builder, "sha256", gloss_document_get_sha256 (doc));

  json_builder_set_member_name (builder, "meta");
  meta = gloss_document_get_meta (doc);
  meta_node = json_node_alloc ();
  if (meta != NULL)
    json_node_init_object (meta_node, meta);
  else
    json_node_take_object (json_node_init (meta_node, JSON_NODE_OBJECT), json_object_new ());
  json_builder_add_value (builder, meta_node);

  json_builder_set_member_name (builder, "attributes");
  _gloss_attributes_to_builder (gloss_document_get_attributes (doc), builder);

  json_builder_set_member_name (builder, "status");
  json_builder_begin_object (builder);
  if (statuses != NULL)
    {
      annotators = g_hash_table_get_keys_as_array (statuses, &n_annotators);
      qsort (annotators, n_annotators, sizeof (gpointer), compare_strings);
    }
  for (guint i = 0; i < n_annotators; i++)
    {
      int status = GPOINTER_TO_INT (g_hash_table_lookup (statuses, annotators[i]));
      const char *str = gloss_document_status_to_string (status);

      add_string_member (builder, annotators[i], str ? str : "new");
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "annotations");
  json_builder_begin_array (builder);
  for (guint i = 0; i < anns->len; i++)
    build_annotation (builder, g_ptr_array_index (anns, i), map, text, scratch);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "relations");
  json_builder_begin_array (builder);
  for (guint i = 0; i < rels->len; i++)
    build_relation (builder, g_ptr_array_index (rels, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  g_clear_object (&builder);
  gen = json_generator_new ();
  json_generator_set_root (gen, root);
  json_generator_to_gstring (gen, line);
  g_string_append_c (line, '\n');
  return TRUE;
}

gboolean
gloss_jsonl_export (GlossProject  *project,
                    GOutputStream *out,
                    GCancellable  *cancellable,
                    GError       **error)
{
  GlossStore *store;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GString) line = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  store = gloss_project_get_store (project);
  ids = gloss_store_list_document_ids (store, error);
  if (ids == NULL)
    return FALSE;

  line = g_string_new (NULL);
  for (guint i = 0; i < ids->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      g_string_truncate (line, 0);
      if (!export_document (store, g_array_index (ids, gint64, i), line, error))
        return FALSE;
      if (!g_output_stream_write_all (out, line->str, line->len, NULL, cancellable, error))
        return FALSE;
    }
  return g_output_stream_flush (out, cancellable, error);
}

/* ---- Import */

typedef struct
{
  GlossProject *project;
  GlossStore   *store;
  GlossSchema  *schema;
  const char   *filename;
  guint         line_no;
  gint64        now;
  /* names not in the schema, in order of appearance, and the first line
   * that used one */
  GPtrArray    *unknown_labels;
  GPtrArray    *unknown_types;
  guint         first_unknown_line;
  GlossJsonlImportReport report;
} Import;

static void
import_clear (Import *im)
{
  g_clear_pointer (&im->unknown_labels, g_ptr_array_unref);
  g_clear_pointer (&im->unknown_types, g_ptr_array_unref);
}

G_GNUC_PRINTF (4, 5)
static gboolean
fail (Import      *im,
      GError     **error,
      int          code,
      const char  *format,
      ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, GLOSS_JSONL_ERROR, code, "%s:%u: %s", im->filename, im->line_no, msg);
  return FALSE;
}

/* Prefixes an error from elsewhere (store, helpers) with file:line and
 * @what; keeps its domain and code. */
static gboolean
fail_with (Import      *im,
           GError     **error,
           GError      *local,
           const char  *what)
{
  if (what != NULL)
    g_prefix_error (&local, "%s:%u: %s: ", im->filename, im->line_no, what);
  else
    g_prefix_error (&local, "%s:%u: ", im->filename, im->line_no);
  g_propagate_error (error, local);
  return FALSE;
}

static void
note_unknown (Import     *im,
              GPtrArray  *names,
              const char *name)
{
  if (!g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
    g_ptr_array_add (names, g_strdup (name));
  if (im->first_unknown_line == 0)
    im->first_unknown_line = im->line_no;
}

static GType
node_value_type (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return G_TYPE_INVALID;
  return json_node_get_value_type (node);
}

/* A string member: TRUE with *value NULL when absent or null (only when
 * @nullable, or @required is FALSE for absent). */
static gboolean
get_string (Import      *im,
            JsonObject  *obj,
            const char  *name,
            const char  *context,
            gboolean     required,
            const char **value,
            GError     **error)
{
  JsonNode *node = json_object_get_member (obj, name);

  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        return fail (im, error, GLOSS_JSONL_ERROR_INVALID, _("%s“%s” is missing"), context, name);
      return TRUE;
    }
  if (node_value_type (node) != G_TYPE_STRING)
    return fail (im, error, GLOSS_JSONL_ERROR_INVALID, _("%s“%s” must be a string"),
                 context, name);
  *value = json_node_get_string (node);
  return TRUE;
}

static gboolean
get_time (Import     *im,
          JsonObject *obj,
          const char *name,
          const char *context,
          gint64     *usec,
          GError    **error)
{
  const char *str;

  if (!get_string (im, obj, name, context, FALSE, &str, error))
    return FALSE;
  if (str == NULL)
    {
      *usec = im->now;
      return TRUE;
    }
  if (!_gloss_time_from_iso8601 (str, usec))
    return fail (im, error, GLOSS_JSONL_ERROR_INVALID, _("%s“%s” is not an ISO 8601 time: “%s”"),
                 context, name, str);
  return TRUE;
}

static gboolean
get_deleted (Import     *im,
             JsonObject *obj,
             const char *context,
             gboolean   *deleted,
             GError    **error)
{
  JsonNode *node = json_object_get_member (obj, "deleted");

  *deleted = FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (node_value_type (node) != G_TYPE_BOOLEAN)
    return fail (im, error, GLOSS_JSONL_ERROR_INVALID, _("%s“deleted” must be true or false"),
                 context);
  *deleted = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
get_array (Import      *im,
           JsonObject  *obj,
           const char  *name,
           JsonArray  **array,
           GError     **error)
{
  JsonNode *node = json_object_get_member (obj, name);

  *array = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (im, error, GLOSS_JSONL_ERROR_INVALID, _("“%s” must be an array"), name);
  *array = json_node_get_array (node);
  return TRUE;
}

static gboolean
get_attributes (Import       *im,
                JsonObject   *obj,
                const char   *context,
                GHashTable  **attrs,
                GError      **error)
{
  g_autoptr(GError) local = NULL;

  *attrs = _gloss_attributes_from_node (json_object_get_member (obj, "attributes"), &local);
  if (local != NULL)
    return fail (im, error, GLOSS_JSONL_ERROR_INVALID, "%s%s", context, local->message);
  return TRUE;
}

static gboolean
row_exists (Import     *im,
            const char *sql,
            const char *uuid,
            gboolean   *exists,
            GError    **error)
{
  g_autoptr(GlossStmt) stmt = NULL;
  GError *local = NULL;
  int rc;

  stmt = _gloss_store_prepare (im->store, sql, &local);
  if (stmt == NULL)
    return fail_with (im, error, local, NULL);
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _gloss_store_set_error_from_db (im->store, &local, _("Cannot read the project"));
      return fail_with (im, error, local, NULL);
    }
  *exists = rc == SQLITE_ROW;
  return TRUE;
}

static gboolean
check_uuid (Import     *im,
            const char *uuid,
            const char *context,
            GError    **error)
{
  if (!g_uuid_string_is_valid (uuid))
    return fail (im, error, GLOSS_JSONL_ERROR_INVALID, _("%s“%s” is not a valid uuid"),
                 context, uuid);
  return TRUE;
}

static gboolean
import_annotation (Import         *im,
                   gint64          doc_id,
                   const char     *text,
                   guint           length,
                   GlossOffsetMap *map,
                   guint           index,
                   JsonNode       *node,
                   GHashTable     *uuids,
                   GString        *scratch,
                   GError        **error)
{
  g_autofree char *context = g_strdup_printf (_("annotation %u: "), index + 1);
  g_autoptr(GArray) frags = NULL;
  g_autoptr(GHashTable) attrs = NULL;
  g_autoptr(GlossAnnotation) ann = NULL;
  JsonObject *obj;
  JsonArray *array = NULL;
  JsonNode *frags_node;
  const char *uuid, *label, *covered, *note, *norm_id, *norm_name, *annotator;
  gint64 created, modified;
  gboolean deleted, exists;
  GError *local = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (im, error, GLOSS_JSONL_ERROR_INVALID, _("%snot a JSON object"), context);
  obj = json_node_get_object (node);

  if (!get_string (im, obj, "uuid", context, FALSE, &uuid, error)
      || !get_string (im, obj, "label", context, TRUE, &label, error)
      || !get_string (im, obj, "text", context, FALSE, &covered, error)
      || !get_string (im, obj, "note", context, FALSE, &note, error)
      || !get_string (im, obj, "norm_id", context, FALSE, &norm_id, error)
      || !get_string (im, obj, "norm_name", context, FALSE, &norm_name, error)
      || !get_string (im, obj, "annotator", context, FALSE, &annotator, error)
      || !get_time (im, obj, "created", context, &created, error)
      || !get_time (im, obj, "modified", context, &modified, error)
      || !get_deleted (im, obj, context, &deleted, error)
      || !get_attributes (im, obj, context, &attrs, error))
    return FALSE;

  frags_node = json_object_get_member (obj, "fragments");
  if (frags_node == NULL || JSON_NODE_HOLDS_NULL (frags_node))
    return fail (im, error, GLOSS_JSONL_ERROR_INVALID, _("%s“fragments” is missing"), context);
  if (JSON_NODE_HOLDS_ARRAY (frags_node))
    array = json_node_get_array (frags_node);
  if (array == NULL || json_array_get_length (array) == 0)
    return fail (im, error, GLOSS_JSONL_ERROR_INVALID,
                 _("%s“fragments” must be a non-empty array of [start, end] pairs"), context);
  frags = g_array_sized_new (FALSE, FALSE, sizeof (GlossFragment), json_array_get_length (array));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *pair = json_array_get_element (array, i);
      JsonArray *p = JSON_NODE_HOLDS_ARRAY (pair) ? json_node_get_array (pair) : NULL;
      gint64 s, e;
      GlossFragment f;

      if (p == NULL || json_array_get_length (p) != 2
          || node_value_type (json_array_get_element (p, 0)) != G_TYPE_INT64
          || node_value_type (json_array_get_element (p, 1)) != G_TYPE_INT64)
        return fail (im, error, GLOSS_JSONL_ERROR_INVALID,
                     _("%sfragment %u is not a [start, end] pair of integers"), context, i + 1);
      s = json_array_get_int_element (p, 0);
      e = json_array_get_int_element (p, 1);
      if (s >= e)
        return fail (im, error, GLOSS_JSONL_ERROR_INVALID,
                     _("%sfragment %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT " is empty or reversed"),
                     context, s, e);
      if (s < 0 || e > length)
        /* TRANSLATORS: "fragment 10–900 outside the text (length 412)" */
        return fail (im, error, GLOSS_JSONL_ERROR_INVALID,
                     _("%sfragment %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT
                       " outside the text (length %u)"),
                     context, s, e, length);
      f.start = s;
      f.end = e;
      g_array_append_val (frags, f);
    }

  if (gloss_schema_lookup_label (im->schema, label) == NULL)
    note_unknown (im, im->unknown_labels, label);

  ann = gloss_annotation_new (label, (GlossFragment *) frags->data, frags->len,
                              annotator ? annotator : gloss_project_get_annotator (im->project));
  if (covered != NULL)
    {
      const GlossFragment *sorted;
      guint n_sorted;

      sorted = gloss_annotation_get_fragments (ann, &n_sorted);
      g_string_truncate (scratch, 0);
      append_covered_text (scratch, map, text, sorted, n_sorted);
      if (strcmp (scratch->str, covered) != 0)
        return fail (im, error, GLOSS_JSONL_ERROR_INVALID,
                     _("%s“text” is “%s” but the fragments cover “%s”"),
                     context, covered, scratch->str);
    }

  if (uuid != NULL)
    {
      if (!check_uuid (im, uuid, context, error))
        return FALSE;
      gloss_annotation_set_uuid (ann, uuid);
    }
  uuid = gloss_annotation_get_uuid (ann);
  if (!row_exists (im, "SELECT 1 FROM annotations WHERE uuid = ?1", uuid, &exists, error))
    return FALSE;
  if (exists)
    return fail (im, error, GLOSS_JSONL_ERROR_CONFLICT,
                 _("%suuid %s already in the project"), context, uuid);

  gloss_annotation_set_document_id (ann, doc_id);
  gloss_annotation_set_attributes (ann, attrs);
  gloss_annotation_set_note (ann, note);
  gloss_annotation_set_normalisation (ann, norm_id, norm_name);
  gloss_annotation_set_times (ann, created, modified);
  gloss_annotation_set_deleted (ann, deleted);
  if (!gloss_store_put_annotation (im->store, ann, &local))
    return fail_with (im, error, local, context);

  g_hash_table_add (uuids, g_strdup (uuid));
  im->report.n_annotations++;
  return TRUE;
}

static gboolean
import_relation (Import      *im,
                 gint64       doc_id,
                 guint        index,
                 JsonNode    *node,
                 GHashTable  *uuids,
                 GError     **error)
{
  g_autofree char *context = g_strdup_printf (_("relation %u: "), index + 1);
  g_autoptr(GHashTable) attrs = NULL;
  g_autoptr(GlossRelation) rel = NULL;
  JsonObject *obj;
  const char *uuid, *type, *source, *target, *annotator;
  gint64 created, modified;
  gboolean deleted, exists;
  GError *local = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (im, error, GLOSS_JSONL_ERROR_INVALID, _("%snot a JSON object"), context);
  obj = json_node_get_object (node);

  if (!get_string (im, obj, "uuid", context, FALSE, &uuid, error)
      || !get_string (im, obj, "type", context, TRUE, &type, error)
      || !get_string (im, obj, "source", context, TRUE, &source, error)
      || !get_string (im, obj, "target", context, TRUE, &target, error)
      || !get_string (im, obj, "annotator", context, FALSE, &annotator, error)
      || !get_time (im, obj, "created", context, &created, error)
      || !get_time (im, obj, "modified", context, &modified, error)
      || !get_deleted (im, obj, context, &deleted, error)
      || !get_attributes (im, obj, context, &attrs, error))
    return FALSE;

  if (!g_hash_table_contains (uuids, source))
    return fail (im, error, GLOSS_JSONL_ERROR_INVALID,
                 _("%ssource %s is not an annotation of this document"), context, source);
  if (!g_hash_table_contains (uuids, target))
    return fail (im, error, GLOSS_JSONL_ERROR_INVALID,
                 _("%starget %s is not an annotation of this document"), context, target);
  if (gloss_schema_lookup_relation_type (im->schema, type) == NULL)
    note_unknown (im, im->unknown_types, type);

  rel = gloss_relation_new (type, source, target,
                            annotator ? annotator : gloss_project_get_annotator (im->project));
  if (uuid != NULL)
    {
      if (!check_uuid (im, uuid, context, error))
        return FALSE;
      gloss_relation_set_uuid (rel, uuid);
    }
  uuid = gloss_relation_get_uuid (rel);
  if (!row_exists (im, "SELECT 1 FROM relations WHERE uuid = ?1", uuid, &exists, error))
    return FALSE;
  if (exists)
    return fail (im, error, GLOSS_JSONL_ERROR_CONFLICT,
                 _("%suuid %s already in the project"), context, uuid);

  gloss_relation_set_document_id (rel, doc_id);
  gloss_relation_set_attributes (rel, attrs);
  gloss_relation_set_times (rel, created, modified);
  gloss_relation_set_deleted (rel, deleted);
  if (!gloss_store_put_relation (im->store, rel, &local))
    return fail_with (im, error, local, context);

  im->report.n_relations++;
  return TRUE;
}

static gboolean
import_line (Import      *im,
             const char  *line,
             gsize        len,
             GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GHashTable) doc_attrs = NULL;
  g_autoptr(GHashTable) uuids = NULL;
  g_autoptr(GlossOffsetMap) map = NULL;
  g_autoptr(GString) scratch = NULL;
  g_autofree char *meta_json = NULL;
  g_autofree char *attrs_json = NULL;
  g_autofree char *unique = NULL;
  g_autofree char *sha = NULL;
  JsonNode *root, *version, *meta, *status;
  JsonObject *obj;
  JsonArray *anns, *rels;
  const char *text, *name, *uuid, *sha256, *end;
  GError *local = NULL;
  gboolean exists;
  gint64 doc_id;
  guint length;

  if (!g_utf8_validate_len (line, len, &end))
    {
      if (*end == '\0' && (gsize) (end - line) < len)
        return fail (im, error, GLOSS_JSONL_ERROR_INVALID, _("NUL byte at byte %" G_GSIZE_FORMAT),
                     (gsize) (end - line) + 1);
      return fail (im, error, GLOSS_JSONL_ERROR_INVALID,
                   _("invalid UTF-8 at byte %" G_GSIZE_FORMAT), (gsize) (end - line) + 1);
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, line, len, &local))
    {
      g_autoptr(GError) owned = local;

      return fail (im, error, GLOSS_JSONL_ERROR_INVALID, _("not JSON: %s"), owned->message);
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return fail (im, error, GLOSS_JSONL_ERROR_INVALID, _("not a JSON object"));
  obj = json_node_get_object (root);

  version = json_object_get_member (obj, "gloss");
  if (node_value_type (version) != G_TYPE_INT64)
    return fail (im, error, GLOSS_JSONL_ERROR_INVALID,
                 _("not a Gloss JSONL document (no “gloss” version number)"));
  if (json_node_get_int (version) > GLOSS_JSONL_VERSION || json_node_get_int (version) < 1)
    return fail (im, error, GLOSS_JSONL_ERROR_TOO_NEW,
                 _("Gloss JSONL version %" G_GINT64_FORMAT " is not supported by this version"),
                 json_node_get_int (version));

  if (!get_string (im, obj, "text", "", TRUE, &text, error)
      || !get_string (im, obj, "name", "", TRUE, &name, error)
      || !get_string (im, obj, "uuid", "", FALSE, &uuid, error)
      || !get_string (im, obj, "sha256", "", FALSE, &sha256, error)
      || !get_attributes (im, obj, "", &doc_attrs, error)
      || !get_array (im, obj, "annotations", &anns, error)
      || !get_array (im, obj, "relations", &rels, error))
    return FALSE;
  if (*name == '\0')
    return fail (im, error, GLOSS_JSONL_ERROR_INVALID, _("“name” is empty"));

  sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  if (sha256 != NULL && g_ascii_strcasecmp (sha, sha256) != 0)
    return fail (im, error, GLOSS_JSONL_ERROR_INVALID, _("“sha256” does not match the text"));

  meta = json_object_get_member (obj, "meta");
  if (meta != NULL && !JSON_NODE_HOLDS_NULL (meta))
    {
      if (!JSON_NODE_HOLDS_OBJECT (meta))
        return fail (im, error, GLOSS_JSONL_ERROR_INVALID, _("“meta” must be a JSON object"));
      meta_json = json_to_string (meta, FALSE);
    }
  attrs_json = _gloss_attributes_to_json (doc_attrs);

  if (uuid != NULL)
    {
      if (!check_uuid (im, uuid, "", error))
        return FALSE;
      if (!row_exists (im, "SELECT 1 FROM documents WHERE uuid = ?1", uuid, &exists, error))
        return FALSE;
      if (exists)
        return fail (im, error, GLOSS_JSONL_ERROR_CONFLICT,
                     _("document uuid %s already in the project"), uuid);
    }

  unique = gloss_store_dup_unique_name (im->store, name);
  doc_id = gloss_store_insert_document (im->store, uuid, unique, text, -1, meta_json, attrs_json,
                                        0, &local);
  if (doc_id == 0)
    return fail_with (im, error, local, NULL);
  im->report.n_documents++;

  status = json_object_get_member (obj, "status");
  if (status != NULL && !JSON_NODE_HOLDS_NULL (status))
    {
      JsonObjectIter iter;
      const char *annotator;
      JsonNode *value;

      if (!JSON_NODE_HOLDS_OBJECT (status))
        return fail (im, error, GLOSS_JSONL_ERROR_INVALID, _("“status” must be a JSON object"));
      json_object_iter_init (&iter, json_node_get_object (status));
      while (json_object_iter_next (&iter, &annotator, &value))
        {
          GlossDocumentStatus st;

          if (node_value_type (value) != G_TYPE_STRING
              || !gloss_document_status_from_string (json_node_get_string (value), &st))
            return fail (im, error, GLOSS_JSONL_ERROR_INVALID,
                         _("status of “%s” must be “new”, “in-progress” or “done”"), annotator);
          if (!gloss_store_set_document_status (im->store, doc_id, annotator, st, im->now, &local))
            return fail_with (im, error, local, NULL);
        }
    }

  map = gloss_offset_map_new (text, -1);
  length = gloss_offset_map_get_n_chars (map);
  uuids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  scratch = g_string_new (NULL);
  for (guint i = 0; anns != NULL && i < json_array_get_length (anns); i++)
    if (!import_annotation (im, doc_id, text, length, map, i, json_array_get_element (anns, i),
                            uuids, scratch, error))
      return FALSE;
  for (guint i = 0; rels != NULL && i < json_array_get_length (rels); i++)
    if (!import_relation (im, doc_id, i, json_array_get_element (rels, i), uuids, error))
      return FALSE;
  return TRUE;
}

static char *
join_names (GPtrArray *names)
{
  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **) names->pdata);
}

static gboolean
import_lines (Import        *im,
              GInputStream  *in,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GDataInputStream) data = g_data_input_stream_new (in);

  g_data_input_stream_set_newline_type (G_DATA_INPUT_STREAM (data),
                                        G_DATA_STREAM_NEWLINE_TYPE_LF);
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (data), FALSE);

  for (;;)
    {
      g_autofree char *line = NULL;
      GError *local = NULL;
      gsize len = 0;
      char *p;

      line = g_data_input_stream_read_line (data, &len, cancellable, &local);
      if (line == NULL)
        {
          if (local != NULL)
            {
              im->line_no++;
              return fail_with (im, error, local, NULL);
            }
          break;
        }
      im->line_no++;
      p = line;
      if (im->line_no == 1 && len >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
        {
          p += 3;
          len -= 3;
        }
      if (len > 0 && p[len - 1] == '\r')
        p[--len] = '\0';
      /* Blank lines are allowed (e.g. a trailing one). */
      if (strspn (p, " \t") == len)
        continue;
      if (!import_line (im, p, len, error))
        return FALSE;
    }

  if (im->report.n_documents == 0)
    {
      im->line_no = MAX (im->line_no, 1);
      return fail (im, error, GLOSS_JSONL_ERROR_EMPTY, _("no document in the file"));
    }
  if (im->unknown_labels->len > 0 || im->unknown_types->len > 0)
    {
      g_autoptr(GString) msg = g_string_new (NULL);

      if (im->unknown_labels->len > 0)
        {
          g_autofree char *names = join_names (im->unknown_labels);
          g_string_append_printf (msg, _("labels not in the schema: %s"), names);
        }
      if (im->unknown_types->len > 0)
        {
          g_autofree char *names = join_names (im->unknown_types);
          if (msg->len > 0)
            g_string_append (msg, "; ");
          g_string_append_printf (msg, _("relation types not in the schema: %s"), names);
        }
      im->line_no = im->first_unknown_line;
      return fail (im, error, GLOSS_JSONL_ERROR_UNKNOWN, "%s", msg->str);
    }
  return TRUE;
}

gboolean
gloss_jsonl_import (GlossProject           *project,
                    GInputStream           *in,
                    const char             *filename_for_messages,
                    GlossJsonlImportReport *report,
                    GCancellable           *cancellable,
                    GError                **error)
{
  Import im = { 0 };
  gboolean ok;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (in), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  im.project = project;
  im.store = gloss_project_get_store (project);
  im.schema = gloss_project_get_schema (project);
  im.filename = filename_for_messages ? filename_for_messages : "<input>";
  im.now = g_get_real_time ();
  im.unknown_labels = g_ptr_array_new_with_free_func (g_free);
  im.unknown_types = g_ptr_array_new_with_free_func (g_free);

  if (!gloss_store_begin (im.store, error))
    {
      import_clear (&im);
      return FALSE;
    }
  ok = import_lines (&im, in, cancellable, error);
  if (ok)
    ok = gloss_store_commit (im.store, error);
  else
    gloss_store_rollback (im.store);
  import_clear (&im);
  if (!ok)
    return FALSE;

  if (report != NULL)
    *report = im.report;
  return gloss_project_reload_documents (project, error);
}
