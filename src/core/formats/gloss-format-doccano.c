/* gloss-format-doccano.c: doccano JSONL (sequence labelling, relations)
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"


#include <glib/gi18n-lib.h>

#include "gloss.h"
#include "gloss-formats.h"
#include "gloss-format-json-private.h"
#include "gloss-format-util.h"

/* What the importer reads (FORMATS.md §4): one JSON object per line (or one
 * pretty-printed object, or a JSON array of them) with the text under
 * "text" (or "data"/"column_data") and spans under any of
 *   "label" / "labels" / "column_label" / "entities": [start, end, "LABEL"] triples
 *     or {"id", "label", "start_offset", "end_offset"} objects,
 *   "annotations": [{"label": <id or name>, "start_offset", "end_offset", "user"}]
 *     (doccano 1.0 per-user export: the user becomes the annotator),
 * "relations": [{"id", "from_id", "to_id", "type"}] between entity ids, and
 * everything else (the members of "meta" and other top-level keys) as
 * document metadata.
 *
 * Offsets are UTF-16 code units, doccano's default (issue #2290); they are
 * only different from code points in texts with characters outside the
 * Basic Multilingual Plane (emoji). A record whose spans do not fit as UTF-16
 * units but do as code points is read as code points, with a warning.
 * doccano's "grapheme cluster" mode cannot be recognised from the file.
 *
 * The export writes one line per document: {"id": n (1-based), "text",
 * meta members flattened as doccano does, then "entities" + "relations"
 * when the project has relations, else "annotations" (per user) when some
 * annotation belongs to another annotator than the project's, else "label"
 * triples}, offsets in UTF-16 code units. A discontinuous annotation
 * becomes one span per fragment. */

struct _GlossFormatDoccano
{
  GlossFormat parent_instance;
};

G_DEFINE_FINAL_TYPE (GlossFormatDoccano, gloss_format_doccano, GLOSS_TYPE_FORMAT)

/* Keys that are not metadata. */
static const char * const text_keys[] = { "text", "data", "column_data", NULL };
static const char * const span_keys[] = { "label", "labels", "column_label", "entities",
                                          "annotations", NULL };
static const char * const other_keys[] = { "id", "relations", "meta", NULL };

typedef struct
{
  guint  start;      /* as in the file */
  guint  end;
  char  *label;
  char  *id;         /* entity id, may be NULL */
  char  *user;       /* may be NULL */
  GlossFragment fragment;  /* code points, once converted */
} RawSpan;

typedef struct
{
  char *from;
  char *to;
  char *type;
  char *user;
} RawRelation;

static void
raw_span_clear (gpointer data)
{
  RawSpan *s = data;

  g_free (s->label);
  g_free (s->id);
  g_free (s->user);
}

static void
raw_relation_clear (gpointer data)
{
  RawRelation *r = data;

  g_free (r->from);
  g_free (r->to);
  g_free (r->type);
  g_free (r->user);
}

typedef struct
{
  GlossImportContext *ctx;
  char               *display;
  char               *base;
  guint               n_astral;     /* records with characters outside the BMP */
  guint               n_code_points;/* of those, records read as code points */
} DoccanoImport;

static int
doccano_detect (GlossFormat *format,
                const char  *path,
                GBytes      *head)
{
  static const char * const exts[] = { "jsonl", "json", NULL };
  gboolean ext = gloss_format_has_extension (path, exts);
  char first = gloss_json_head_first_char (head);

  if (first != '{' && first != '[')
    return 0;
  if (gloss_json_head_has (head, "{\"gloss\":"))
    return 0;
  /* Prodigy and Label Studio have their own marks. */
  if (gloss_json_head_has (head, "\"tokens\"") && gloss_json_head_has (head, "\"spans\""))
    return 0;
  if (gloss_json_head_has (head, "\"from_name\"") ||
      gloss_json_head_has (head, "\"completions\""))
    return 0;
  if (gloss_json_head_has (head, "\"data\"") &&
      (gloss_json_head_has (head, "\"annotations\"") ||
       gloss_json_head_has (head, "\"completions\"") ||
       gloss_json_head_has (head, "\"predictions\"")))
    return 0;
  if ((gloss_json_head_has (head, "\"text\"") || gloss_json_head_has (head, "\"column_data\"")) &&
      (gloss_json_head_has (head, "\"label\"") || gloss_json_head_has (head, "\"labels\"") ||
       gloss_json_head_has (head, "\"entities\"") ||
       gloss_json_head_has (head, "\"column_label\"") ||
       gloss_json_head_has (head, "\"start_offset\"")))
    return ext ? 80 : 60;
  return ext ? 20 : 0;
}

/* One element of a span list: a [start, end, label] triple or an object. */
static gboolean
parse_span (JsonNode    *node,
            gboolean     per_user,
            RawSpan     *span,
            GError     **error)
{
  if (JSON_NODE_HOLDS_ARRAY (node) && !per_user)
    {
      JsonArray *a = json_node_get_array (node);

      if (json_array_get_length (a) != 3 ||
          !gloss_json_node_get_uint (json_array_get_element (a, 0), &span->start) ||
          !gloss_json_node_get_uint (json_array_get_element (a, 1), &span->end) ||
          (span->label = gloss_json_node_dup_key (json_array_get_element (a, 2))) == NULL)
        {
          g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID,
                       _("expected [start, end, label] with non-negative integer offsets"));
          return FALSE;
        }
      return TRUE;
    }
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *o = json_node_get_object (node);
      JsonNode *label = json_object_get_member (o, "label");

      if (!gloss_format_json_get_uint (o, "start_offset", TRUE, &span->start, error) ||
          !gloss_format_json_get_uint (o, "end_offset", TRUE, &span->end, error))
        return FALSE;
      if ((span->label = gloss_json_node_dup_key (label)) == NULL)
        {
          g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID,
                       label == NULL ? _("field “label” is missing")
                                     : _("field “label” must be a string or an integer"));
          return FALSE;
        }
      span->id = gloss_json_node_dup_key (json_object_get_member (o, "id"));
      span->user = gloss_json_node_dup_key (json_object_get_member (o, "user"));
      return TRUE;
    }
  g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID,
               per_user ? _("expected {label, start_offset, end_offset, user}")
                        : _("expected [start, end, label] or {label, start_offset, end_offset}"));
  return FALSE;
}

static gboolean
parse_relation (JsonNode     *node,
                RawRelation  *rel,
                GError      **error)
{
  JsonObject *o;
  const char *type = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID,
                   _("expected {from_id, to_id, type}"));
      return FALSE;
    }
  o = json_node_get_object (node);
  rel->from = gloss_json_node_dup_key (json_object_get_member (o, "from_id"));
  rel->to = gloss_json_node_dup_key (json_object_get_member (o, "to_id"));
  if (rel->from == NULL || rel->to == NULL)
    {
      g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID,
                   _("“from_id” and “to_id” must be entity ids"));
      return FALSE;
    }
  if (!gloss_format_json_get_string (o, "type", FALSE, &type, error))
    return FALSE;
  if (type == NULL && !gloss_format_json_get_string (o, "label", FALSE, &type, error))
    return FALSE;
  if (type == NULL || *type == '\0')
    {
      g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID,
                   _("field “type” is missing"));
      return FALSE;
    }
  rel->type = g_strdup (type);
  rel->user = gloss_json_node_dup_key (json_object_get_member (o, "user"));
  return TRUE;
}

/* Converts every span of a record to code points, UTF-16 first. */
static gboolean
convert_spans (DoccanoImport *imp,
               GlossOffsetMap *map,
               GArray        *spans,
               guint          line,
               GError       **error)
{
  gboolean astral = gloss_offset_map_get_n_utf16 (map) != gloss_offset_map_get_n_chars (map);
  guint bad = G_MAXUINT;

  for (guint i = 0; i < spans->len; i++)
    {
      RawSpan *s = &g_array_index (spans, RawSpan, i);

      if (s->start >= s->end)
        {
          g_autofree char *quoted = gloss_format_quote (s->label, -1);

          g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID,
                       _("span %u–%u (“%s”) is empty or reversed"), s->start, s->end, quoted);
          return FALSE;
        }
      if (!gloss_format_span_from_utf16 (map, s->start, s->end, &s->fragment) && bad == G_MAXUINT)
        bad = i;
    }
  if (astral)
    imp->n_astral++;
  if (bad == G_MAXUINT)
    return TRUE;

  if (astral)
    {
      /* Maybe written by a tool that counts code points (Python). */
      gboolean all = TRUE;

      for (guint i = 0; all && i < spans->len; i++)
        {
          RawSpan *s = &g_array_index (spans, RawSpan, i);
          if (s->end <= gloss_offset_map_get_n_chars (map))
            {
              s->fragment.start = s->start;
              s->fragment.end = s->end;
            }
          else
            all = FALSE;
        }
      if (all)
        {
          RawSpan *s = &g_array_index (spans, RawSpan, bad);
          g_autofree char *quoted = gloss_format_quote (s->label, -1);

          imp->n_code_points++;
          gloss_import_report_add (gloss_import_context_get_report (imp->ctx),
                                   GLOSS_PROBLEM_WARNING, imp->display, line,
                                   _("span %u–%u (“%s”) does not fit the text as UTF-16 code "
                                     "units (doccano’s default) but does as code points: the "
                                     "offsets of this record were read as code points"),
                                   s->start, s->end, quoted);
          return TRUE;
        }
    }
  {
    RawSpan *s = &g_array_index (spans, RawSpan, bad);
    g_autofree char *quoted = gloss_format_quote (s->label, -1);

    if (s->end > gloss_offset_map_get_n_utf16 (map))
      g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID,
                   _("span %u–%u (“%s”) lies past the end of the text (%u UTF-16 code units)"),
                   s->start, s->end, quoted, gloss_offset_map_get_n_utf16 (map));
    else
      g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID,
                   _("span %u–%u (“%s”) cuts a character in two (inside a UTF-16 surrogate "
                     "pair)"), s->start, s->end, quoted);
  }
  return FALSE;
}

static gboolean
is_in (const char * const *list,
       const char         *key)
{
  return g_strv_contains (list, key);
}

static char *
build_meta (DoccanoImport *imp,
            JsonObject    *record,
            const char    *text_key)
{
  g_autoptr(JsonObject) meta = json_object_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GList) members = json_object_get_members (record);
  JsonNode *m = json_object_get_member (record, "meta");

  /* The members of "meta" first, then the other top-level keys, as doccano
   * does on import. */
  if (m != NULL && JSON_NODE_HOLDS_OBJECT (m))
    {
      g_autoptr(GList) inner = json_object_get_members (json_node_get_object (m));
      for (GList *l = inner; l != NULL; l = l->next)
        json_object_set_member (meta, l->data,
                                json_node_copy (json_object_get_member (json_node_get_object (m),
                                                                        l->data)));
    }
  else if (m != NULL && !JSON_NODE_HOLDS_NULL (m))
    json_object_set_member (meta, "meta", json_node_copy (m));
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;

      if (g_strcmp0 (key, text_key) == 0 || is_in (span_keys, key) || is_in (other_keys, key))
        continue;
      json_object_set_member (meta, key, json_node_copy (json_object_get_member (record, key)));
    }
  if (!json_object_has_member (meta, "format"))
    json_object_set_string_member (meta, "format", "doccano");
  if (!json_object_has_member (meta, "filename"))
    json_object_set_string_member (meta, "filename", imp->display);
  json_node_set_object (root, meta);
  return json_to_string (root, FALSE);
}

static gboolean
import_record (JsonNode    *node,
               guint        line,
               guint        index,
               const char  *problem,
               gpointer     user_data,
               GError     **error)
{
  DoccanoImport *imp = user_data;
  GlossImportContext *ctx = imp->ctx;
  g_autoptr(GArray) spans = g_array_new (FALSE, TRUE, sizeof (RawSpan));
  g_autoptr(GArray) relations = g_array_new (FALSE, TRUE, sizeof (RawRelation));
  g_autoptr(GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GlossOffsetMap) map = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *name = NULL;
  g_autofree char *record_id = NULL;
  JsonObject *record;
  const char *text = NULL;
  const char *text_key = NULL;
  gint64 doc_id;

  g_array_set_clear_func (spans, raw_span_clear);
  g_array_set_clear_func (relations, raw_relation_clear);

  if (node == NULL)
    return gloss_import_context_bad_record (ctx, imp->display, line, error, "%s", problem);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return gloss_import_context_bad_record (ctx, imp->display, line, error,
                                            _("record %u is not a JSON object"), index);
  record = json_node_get_object (node);

  for (guint i = 0; text_keys[i] != NULL && text == NULL; i++)
    {
      if (!gloss_format_json_get_string (record, text_keys[i], FALSE, &text, &local))
        return gloss_import_context_bad_record (ctx, imp->display, line, error, "%s",
                                                local->message);
      if (text != NULL)
        text_key = text_keys[i];
    }
  if (text == NULL)
    return gloss_import_context_bad_record (ctx, imp->display, line, error,
                                            _("record %u has no “text”"), index);

  /* Spans, from whichever key the file uses (several may be present). */
  for (guint k = 0; span_keys[k] != NULL; k++)
    {
      JsonArray *list = NULL;
      gboolean per_user = g_str_equal (span_keys[k], "annotations");
      guint n;

      if (!gloss_format_json_get_array (record, span_keys[k], FALSE, &list, &local))
        return gloss_import_context_bad_record (ctx, imp->display, line, error, "%s",
                                                local->message);
      if (list == NULL)
        continue;
      n = json_array_get_length (list);
      for (guint i = 0; i < n; i++)
        {
          JsonNode *element = json_array_get_element (list, i);
          RawSpan span = { 0 };

          if (JSON_NODE_HOLDS_VALUE (element) &&
              json_node_get_value_type (element) == G_TYPE_STRING && !per_user)
            {
              /* A text classification label: no span to carry it. */
              g_autofree char *quoted = gloss_format_quote (json_node_get_string (element), -1);

              gloss_import_report_add (gloss_import_context_get_report (ctx),
                                       GLOSS_PROBLEM_WARNING, imp->display, line,
                                       _("document category “%s” (text classification) is not "
                                         "an annotation span and was not imported"), quoted);
              continue;
            }
          if (!parse_span (element, per_user, &span, &local))
            {
              raw_span_clear (&span);
              return gloss_import_context_bad_record (ctx, imp->display, line, error,
                                                      "“%s” item %u: %s", span_keys[k], i + 1,
                                                      local->message);
            }
          if (span.id == NULL && g_str_equal (span_keys[k], "entities"))
            span.id = g_strdup_printf ("%u", i);
          g_array_append_val (spans, span);
        }
    }

  /* Relations between entity ids. */
  {
    JsonArray *list = NULL;

    if (!gloss_format_json_get_array (record, "relations", FALSE, &list, &local))
      return gloss_import_context_bad_record (ctx, imp->display, line, error, "%s",
                                              local->message);
    for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
      {
        RawRelation rel = { 0 };

        if (!parse_relation (json_array_get_element (list, i), &rel, &local))
          {
            raw_relation_clear (&rel);
            return gloss_import_context_bad_record (ctx, imp->display, line, error,
                                                    _("relation %u: %s"), i + 1, local->message);
          }
        g_array_append_val (relations, rel);
      }
  }

  map = gloss_offset_map_new (text, -1);
  if (!convert_spans (imp, map, spans, line, &local))
    return gloss_import_context_bad_record (ctx, imp->display, line, error, "%s", local->message);

  for (guint i = 0; i < spans->len; i++)
    {
      RawSpan *s = &g_array_index (spans, RawSpan, i);

      if (gloss_import_context_ensure_label (ctx, s->label, NULL) == NULL)
        {
          g_autofree char *quoted = gloss_format_quote (s->label, -1);

          return gloss_import_context_bad_record (ctx, imp->display, line, error,
                                                  _("“%s” cannot be a label name"), quoted);
        }
      if (s->id != NULL)
        g_hash_table_insert (by_id, s->id, GUINT_TO_POINTER (i + 1));
    }
  for (guint i = 0; i < relations->len; i++)
    {
      RawRelation *r = &g_array_index (relations, RawRelation, i);

      if (!g_hash_table_contains (by_id, r->from) || !g_hash_table_contains (by_id, r->to))
        {
          g_autofree char *quoted = gloss_format_quote (g_hash_table_contains (by_id, r->from)
                                                        ? r->to : r->from, -1);

          return gloss_import_context_bad_record (ctx, imp->display, line, error,
                                                  _("relation %u refers to entity %s, which the "
                                                    "record does not have"), i + 1, quoted);
        }
      if (gloss_import_context_ensure_relation_type (ctx, r->type) == NULL)
        {
          g_autofree char *quoted = gloss_format_quote (r->type, -1);

          return gloss_import_context_bad_record (ctx, imp->display, line, error,
                                                  _("“%s” cannot be a relation type"), quoted);
        }
    }

  /* The record is good: write it. */
  record_id = gloss_json_node_dup_key (json_object_get_member (record, "id"));
  name = record_id != NULL ? g_strdup_printf ("%s-%s", imp->base, record_id)
                           : g_strdup_printf ("%s-%u", imp->base, index);
  meta = build_meta (imp, record, text_key);
  doc_id = gloss_import_context_add_document (ctx, name, text, -1, meta, error);
  if (doc_id == 0)
    return FALSE;
  for (guint i = 0; i < spans->len; i++)
    {
      RawSpan *s = &g_array_index (spans, RawSpan, i);

      if (!gloss_json_add_span (ctx, doc_id, s->label, &s->fragment, s->user, uuids, imp->display,
                                line, error))
        return FALSE;
    }
  for (guint i = 0; i < relations->len; i++)
    {
      RawRelation *r = &g_array_index (relations, RawRelation, i);
      guint from = GPOINTER_TO_UINT (g_hash_table_lookup (by_id, r->from)) - 1;
      guint to = GPOINTER_TO_UINT (g_hash_table_lookup (by_id, r->to)) - 1;

      /* A relation belongs to whoever made its source span. */
      if (!gloss_json_add_relation (ctx, doc_id, r->type, uuids, from, to,
                                    r->user != NULL ? r->user
                                                    : g_array_index (spans, RawSpan, from).user,
                                    FALSE, imp->display, line, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
doccano_import (GlossFormat         *format,
                GlossImportContext  *ctx,
                const char          *path,
                GCancellable        *cancellable,
                GError             **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *base = gloss_format_name_from_path (path);
  gsize length;
  DoccanoImport imp = { ctx, display, base, 0, 0 };
  gboolean ok;

  if (!gloss_json_read_input (ctx, path, display, &contents, &length, error))
    return FALSE;
  if (contents == NULL)
    return TRUE;  /* a bad file, skipped and reported */

  ok = gloss_json_records_foreach (contents, length, GLOSS_JSON_RECORDS_AUTO, import_record,
                                   &imp, cancellable, error);
  if (ok && imp.n_astral == 0)
    gloss_import_report_add (gloss_import_context_get_report (ctx), GLOSS_PROBLEM_NOTE, display, 0,
                             _("offsets read as UTF-16 code units (doccano’s default); no text "
                               "has characters outside the Basic Multilingual Plane, so they are "
                               "the same as code points"));
  else if (ok)
    gloss_import_report_add (gloss_import_context_get_report (ctx), GLOSS_PROBLEM_NOTE, display, 0,
                             _("offsets read as UTF-16 code units (doccano’s default) in %u of %u "
                               "records with characters outside the Basic Multilingual Plane, "
                               "as code points in the other %u"),
                             imp.n_astral - imp.n_code_points, imp.n_astral, imp.n_code_points);
  return ok;
}

/* ---- export */

static void
add_span_members (JsonBuilder *b,
                  guint        start,
                  guint        end)
{
  json_builder_set_member_name (b, "start_offset");
  json_builder_add_int_value (b, start);
  json_builder_set_member_name (b, "end_offset");
  json_builder_add_int_value (b, end);
}

static JsonNode *
build_document (GlossDocument *doc,
                guint          index,
                GPtrArray     *anns,
                GPtrArray     *rels,
                gboolean       with_relations,
                const char    *project_annotator,
                gboolean       keep_paths)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr(GlossOffsetMap) map = NULL;
  g_autoptr(GHashTable) first_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonObject) meta = gloss_json_export_meta (gloss_document_get_meta (doc), keep_paths);
  const char *text = gloss_document_get_text (doc);
  gboolean per_user = FALSE;
  guint next_id = 0;

  map = gloss_offset_map_new (text, -1);
  for (guint i = 0; i < anns->len && !with_relations; i++)
    if (g_strcmp0 (gloss_annotation_get_annotator (g_ptr_array_index (anns, i)),
                   project_annotator) != 0)
      per_user = TRUE;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, index);
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, text);

  /* Metadata flattened into the record, as doccano exports it. */
  if (meta != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (meta);
      for (GList *l = members; l != NULL; l = l->next)
        {
          const char *key = l->data;

          if (gloss_json_meta_key_is_own (key) || is_in (text_keys, key) ||
              is_in (span_keys, key) || is_in (other_keys, key))
            continue;
          json_builder_set_member_name (b, key);
          json_builder_add_value (b, json_node_copy (json_object_get_member (meta, key)));
        }
    }

  json_builder_set_member_name (b, with_relations ? "entities" : per_user ? "annotations"
                                                                            : "label");
  json_builder_begin_array (b);
  for (guint i = 0; i < anns->len; i++)
    {
      GlossAnnotation *a = g_ptr_array_index (anns, i);
      const GlossFragment *f;
      guint n;

      f = gloss_annotation_get_fragments (a, &n);
      for (guint k = 0; k < n; k++)
        {
          guint start = 0, end = 0;

          gloss_format_span_to_utf16 (map, &f[k], &start, &end);
          if (k == 0)
            g_hash_table_insert (first_id, (gpointer) gloss_annotation_get_uuid (a),
                                 GUINT_TO_POINTER (next_id));
          if (with_relations)
            {
              json_builder_begin_object (b);
              json_builder_set_member_name (b, "id");
              json_builder_add_int_value (b, next_id);
              json_builder_set_member_name (b, "label");
              json_builder_add_string_value (b, gloss_annotation_get_label (a));
              add_span_members (b, start, end);
              if (g_strcmp0 (gloss_annotation_get_annotator (a), project_annotator) != 0)
                {
                  json_builder_set_member_name (b, "user");
                  gloss_json_builder_add_key (b, gloss_annotation_get_annotator (a));
                }
              json_builder_end_object (b);
            }
          else if (per_user)
            {
              json_builder_begin_object (b);
              json_builder_set_member_name (b, "label");
              gloss_json_builder_add_key (b, gloss_annotation_get_label (a));
              add_span_members (b, start, end);
              json_builder_set_member_name (b, "user");
              gloss_json_builder_add_key (b, gloss_annotation_get_annotator (a));
              json_builder_end_object (b);
            }
          else
            {
              json_builder_begin_array (b);
              json_builder_add_int_value (b, start);
              json_builder_add_int_value (b, end);
              json_builder_add_string_value (b, gloss_annotation_get_label (a));
              json_builder_end_array (b);
            }
          next_id++;
        }
    }
  json_builder_end_array (b);

  if (with_relations)
    {
      json_builder_set_member_name (b, "relations");
      json_builder_begin_array (b);
      for (guint i = 0; i < rels->len; i++)
        {
          GlossRelation *r = g_ptr_array_index (rels, i);
          gpointer from, to;

          if (!g_hash_table_lookup_extended (first_id, gloss_relation_get_source (r), NULL,
                                             &from) ||
              !g_hash_table_lookup_extended (first_id, gloss_relation_get_target (r), NULL, &to))
            continue;
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_int_value (b, i);
          json_builder_set_member_name (b, "from_id");
          json_builder_add_int_value (b, GPOINTER_TO_UINT (from));
          json_builder_set_member_name (b, "to_id");
          json_builder_add_int_value (b, GPOINTER_TO_UINT (to));
          json_builder_set_member_name (b, "type");
          json_builder_add_string_value (b, gloss_relation_get_relation_type (r));
          if (g_strcmp0 (gloss_relation_get_annotator (r), project_annotator) != 0)
            {
              json_builder_set_member_name (b, "user");
              gloss_json_builder_add_key (b, gloss_relation_get_annotator (r));
            }
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

typedef struct
{
  gboolean    with_relations;
  const char *project_annotator;
  gboolean    keep_paths;
} DoccanoExport;

static JsonNode *
build_record (GlossDocument *doc,
              guint          index,
              GPtrArray     *anns,
              GPtrArray     *rels,
              gpointer       user_data)
{
  DoccanoExport *exp = user_data;

  return build_document (doc, index, anns, rels, exp->with_relations, exp->project_annotator,
                         exp->keep_paths);
}

static gboolean
doccano_export (GlossFormat         *format,
                GlossExportContext  *ctx,
                const char          *path,
                GCancellable        *cancellable,
                GError             **error)
{
  GlossProject *project = gloss_export_context_get_project (ctx);
  DoccanoExport exp = { gloss_export_context_has_relations (ctx),
                        gloss_format_default_annotator (project),
                        gloss_export_context_get_options (ctx)->keep_paths };
  /* Spans are one fragment each; relations have no attributes. */
  GlossJsonExportLayout layout = { GLOSS_JSON_EXPORT_LINES, exp.with_relations,
                                   GLOSS_EXPORT_CARRIES_RELATIONS, NULL };

  return gloss_json_export_records (ctx, path, &layout, build_record, &exp, cancellable, error);
}

static void
gloss_format_doccano_class_init (GlossFormatDoccanoClass *klass)
{
  GlossFormatClass *format_class = GLOSS_FORMAT_CLASS (klass);
  static const char * const extensions[] = { "jsonl", "json", NULL };

  format_class->name = "doccano";
  format_class->display_name = N_("doccano JSONL");
  format_class->extensions = extensions;
  format_class->detect = doccano_detect;
  format_class->import_path = doccano_import;
  format_class->export_path = doccano_export;
}

static void
gloss_format_doccano_init (GlossFormatDoccano *self)
{
}
