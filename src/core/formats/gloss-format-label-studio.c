/* gloss-format-label-studio.c: Label Studio JSON tasks (NER regions and relations)
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/xmlwriter.h>

#include "gloss.h"
#include "gloss-formats.h"
#include "gloss-format-json-private.h"
#include "gloss-format-util.h"

/* What the importer reads (FORMATS.md §6): a JSON list of tasks, or one task
 * object (frontend examples, legacy 0.x files), or JSON Lines of tasks:
 *   {"id", "data": {<key>: "text", ...}, "meta",
 *    "annotations" (legacy: "completions"): [{"id", "completed_by", "was_cancelled",
 *        "result": [REGION...]}],
 *    "predictions": [{"model_version", "result": [REGION...]}]}
 * REGION: {"id", "from_name", "to_name", "type": "labels",
 *          "value": {"start", "end", "text", "labels": [...]}}
 *     or {"type": "relation", "from_id", "to_id", "direction", "labels": [...]}.
 *
 * Without the labeling config, the text is the string member of "data"
 * that the regions' offsets and texts fit best ("text" on a tie). Each
 * label of a region is one annotation (several labels = several
 * annotations on the same span). completed_by (a user id, or an object
 * with an email or id) becomes the annotator; cancelled annotations are
 * skipped with a note. Predictions are imported under the annotator
 * "prediction:<model_version>" (the export writes those back as
 * predictions). Relations: one per label ("related" when unlabelled),
 * "left" turned around, "bi" kept as the relation attribute
 * direction = "bi".
 *
 * Offsets are code points; value.text is checked against the covered text:
 * when only the UTF-16 reading matches (exports made before Label Studio
 * stored code points) that one is used, with a warning; other mismatches
 * are warnings. HyperText regions (XPath offsets) and other result types
 * (choices, text areas...) cannot be represented and are reported.
 *
 * The export writes a JSON list of tasks, data.text (or the key the text
 * came from), one annotation per annotator with one "labels" region per
 * annotation fragment and "relation" results, and the "prediction:*"
 * annotators as predictions. */

struct _GlossFormatLabelStudio
{
  GlossFormat parent_instance;
};

G_DEFINE_FINAL_TYPE (GlossFormatLabelStudio, gloss_format_label_studio, GLOSS_TYPE_FORMAT)

#define PREDICTION_PREFIX "prediction:"
#define UNLABELLED_RELATION "related"

/* The members of an annotation Label Studio gives that Gloss has no place
 * for, kept per annotator in the document's metadata
 * ("label_studio_annotations": {ANNOTATOR: {"id", "lead_time", …}}) and
 * written back on export. */
static const char * const kept_annotation_members[] = { "id", "lead_time", "created_at",
                                                        "updated_at", NULL };

/* The names a labelling config gives its tags, when a task did not bring
 * its own: <Labels name="label" toName="text"> over <Text name="text">. */
#define DEFAULT_FROM_NAME "label"
#define DEFAULT_TO_NAME   "text"

typedef struct
{
  GlossFragment  fragment;
  char          *label;
  char          *annotator;
  guint          group;
} Span;

typedef struct
{
  guint  from;   /* index into the spans */
  guint  to;
  char  *type;
  char  *annotator;
  gboolean bidirectional;
} Relation;

static void
span_clear (gpointer data)
{
  Span *s = data;

  g_free (s->label);
  g_free (s->annotator);
}

static void
relation_clear (gpointer data)
{
  Relation *r = data;

  g_free (r->type);
  g_free (r->annotator);
}

typedef struct
{
  GlossImportContext *ctx;
  char               *display;
  char               *base;
  guint               n_predictions;
} LsImport;

static int
label_studio_detect (GlossFormat *format,
                     const char  *path,
                     GBytes      *head)
{
  static const char * const exts[] = { "json", NULL };
  gboolean ext = gloss_format_has_extension (path, exts);
  char first = gloss_json_head_first_char (head);

  if (first != '{' && first != '[')
    return 0;
  /* Regions name their control tags; legacy files start with completions. */
  if (gloss_json_head_has (head, "\"from_name\"") ||
      gloss_json_head_has (head, "\"completions\"") ||
      (gloss_json_head_has (head, "\"data\"") &&
       (gloss_json_head_has (head, "\"annotations\"") ||
        gloss_json_head_has (head, "\"predictions\""))))
    return ext ? 90 : 70;
  if (gloss_json_head_has (head, "\"data\"") && ext)
    return 30;
  return 0;
}

/* The regions of one annotation or prediction. */
static JsonArray *
result_of (JsonNode *node)
{
  JsonNode *r;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  r = json_object_get_member (json_node_get_object (node), "result");
  return r != NULL && JSON_NODE_HOLDS_ARRAY (r) ? json_node_get_array (r) : NULL;
}

/* Scores how well a candidate text fits the regions of all results. */
static int
score_text (const char *text,
            const char *key,
            JsonArray  *groups[],
            guint       n_groups)
{
  g_autoptr(GlossOffsetMap) map = gloss_offset_map_new (text, -1);
  int score = 0;

  for (guint g = 0; g < n_groups; g++)
    for (guint i = 0; groups[g] != NULL && i < json_array_get_length (groups[g]); i++)
      {
        JsonArray *result = result_of (json_array_get_element (groups[g], i));

        for (guint k = 0; result != NULL && k < json_array_get_length (result); k++)
          {
            JsonNode *rn = json_array_get_element (result, k);
            JsonObject *region, *value;
            JsonNode *vn;
            guint start, end;
            const char *to_name = NULL;

            if (!JSON_NODE_HOLDS_OBJECT (rn))
              continue;
            region = json_node_get_object (rn);
            vn = json_object_get_member (region, "value");
            if (vn == NULL || !JSON_NODE_HOLDS_OBJECT (vn))
              continue;
            value = json_node_get_object (vn);
            to_name = gloss_json_member_string (region, "to_name");
            if (g_strcmp0 (to_name, key) == 0)
              score += 1;
            if (!gloss_json_node_get_uint (json_object_get_member (value, "start"), &start) ||
                !gloss_json_node_get_uint (json_object_get_member (value, "end"), &end) ||
                start >= end || end > gloss_offset_map_get_n_chars (map))
              continue;
            score += 2;
            if (gloss_json_member_string (value, "text") != NULL)
              {
                g_autofree char *covered = gloss_format_dup_span_text (map, text, start, end);
                if (g_strcmp0 (covered, gloss_json_member_string (value, "text")) == 0)
                  score += 4;
              }
          }
      }
  return score;
}

static const char *
choose_text_key (JsonObject *data,
                 JsonArray  *groups[],
                 guint       n_groups)
{
  g_autoptr(GList) members = json_object_get_members (data);
  const char *best = NULL;
  int best_score = -1;

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *n = json_object_get_member (data, l->data);
      int score;

      if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
        continue;
      score = score_text (json_node_get_string (n), l->data, groups, n_groups);
      if (score > best_score ||
          (score == best_score && g_str_equal (l->data, "text")))
        {
          best = l->data;
          best_score = score;
        }
    }
  return best;
}

/* completed_by: a user id, a name, or an object with an email or id. */
static char *
dup_annotator (JsonObject *annotation)
{
  JsonNode *n = json_object_get_member (annotation, "completed_by");

  if (n == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_OBJECT (n))
    {
      JsonObject *o = json_node_get_object (n);
      JsonNode *email = json_object_get_member (o, "email");

      if (email != NULL && JSON_NODE_HOLDS_VALUE (email) &&
          json_node_get_value_type (email) == G_TYPE_STRING)
        return g_strdup (json_node_get_string (email));
      return gloss_json_node_dup_key (json_object_get_member (o, "id"));
    }
  return gloss_json_node_dup_key (n);
}

typedef struct
{
  LsImport       *imp;
  guint           line;
  const char     *text;
  GlossOffsetMap *map;
  GArray         *spans;
  GArray         *relations;
  GHashTable     *regions;       /* "group/region-id" and "region-id" -> span index + 1 */
  GHashTable     *skipped;       /* region ids not imported */
  GHashTable     *other_types;   /* result types reported */
  const char     *from_name;     /* the first span region's, or NULL (borrowed) */
  const char     *to_name;
  JsonObject     *kept;          /* annotator -> kept_annotation_members, or NULL */
} TaskState;

/* Reads a span region's offsets into code points. */
static gboolean
region_offsets (TaskState     *st,
                JsonObject    *value,
                const char    *what,
                GlossFragment *fragment,
                GError       **error)
{
  guint start = 0, end = 0;
  const char *stated = NULL;
  guint n_chars = gloss_offset_map_get_n_chars (st->map);
  gboolean cp_ok;
  GlossFragment f16;
  gboolean u16_ok;
  g_autofree char *covered = NULL;

  if (!gloss_format_json_get_uint (value, "start", TRUE, &start, error) ||
      !gloss_format_json_get_uint (value, "end", TRUE, &end, error) ||
      !gloss_format_json_get_string (value, "text", FALSE, &stated, error))
    {
      g_prefix_error (error, "%s: ", what);
      return FALSE;
    }
  if (start >= end)
    {
      g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID,
                   _("%s: span %u–%u is empty or reversed"), what, start, end);
      return FALSE;
    }
  cp_ok = end <= n_chars;
  u16_ok = gloss_format_span_from_utf16 (st->map, start, end, &f16);
  if (cp_ok)
    covered = gloss_format_dup_span_text (st->map, st->text, start, end);
  if (cp_ok && (stated == NULL || g_strcmp0 (covered, stated) == 0))
    {
      fragment->start = start;
      fragment->end = end;
      return TRUE;
    }
  if (u16_ok && (f16.start != start || f16.end != end))
    {
      g_autofree char *covered16 = gloss_format_dup_span_text (st->map, st->text, f16.start,
                                                               f16.end);
      if ((stated != NULL && g_strcmp0 (covered16, stated) == 0) || !cp_ok)
        {
          gloss_import_report_add (gloss_import_context_get_report (st->imp->ctx),
                                   GLOSS_PROBLEM_WARNING, st->imp->display, st->line,
                                   _("%s: offsets %u–%u %s only as UTF-16 code units (Label "
                                     "Studio before it stored code points): read as such"),
                                   what, start, end,
                                   stated != NULL ? _("match the region’s text")
                                                  : _("fit the text"));
          *fragment = f16;
          return TRUE;
        }
    }
  if (!cp_ok)
    {
      g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID,
                   _("%s: span %u–%u lies past the end of the text (length %u)"), what, start, end,
                   n_chars);
      return FALSE;
    }
  {
    g_autofree char *q_stated = gloss_format_quote (stated, -1);
    g_autofree char *q_covered = gloss_format_quote (covered, -1);

    gloss_import_report_add (gloss_import_context_get_report (st->imp->ctx),
                             GLOSS_PROBLEM_WARNING, st->imp->display, st->line,
                             _("%s: the region’s text “%s” is not the text at %u–%u (“%s”); the "
                               "offsets were kept"), what, q_stated, start, end, q_covered);
  }
  fragment->start = start;
  fragment->end = end;
  return TRUE;
}

static void
add_region_key (TaskState  *st,
                guint       group,
                const char *id,
                guint       span_index)
{
  char *scoped = g_strdup_printf ("%u/%s", group, id);

  g_hash_table_replace (st->regions, scoped, GUINT_TO_POINTER (span_index + 1));
  if (!g_hash_table_contains (st->regions, id))
    g_hash_table_insert (st->regions, g_strdup (id), GUINT_TO_POINTER (span_index + 1));
}

static guint
lookup_region (TaskState  *st,
               guint       group,
               const char *id)
{
  g_autofree char *scoped = g_strdup_printf ("%u/%s", group, id);
  gpointer v = g_hash_table_lookup (st->regions, scoped);

  if (v == NULL)
    v = g_hash_table_lookup (st->regions, id);
  return GPOINTER_TO_UINT (v);
}

/* One result list (an annotation or a prediction). Relations are read in a
 * second pass by read_relations(). */
static gboolean
read_regions (TaskState   *st,
              JsonArray   *result,
              guint        group,
              const char  *group_name,
              const char  *annotator,
              GError     **error)
{
  GlossImportReport *report = gloss_import_context_get_report (st->imp->ctx);

  for (guint k = 0; result != NULL && k < json_array_get_length (result); k++)
    {
      JsonNode *rn = json_array_get_element (result, k);
      g_autofree char *what = g_strdup_printf (_("%s, region %u"), group_name, k + 1);
      JsonObject *region, *value = NULL;
      const char *type = NULL;
      g_autofree char *id = NULL;
      JsonArray *labels = NULL;
      GlossFragment fragment;
      guint first = st->spans->len;
      JsonNode *start;

      if (!JSON_NODE_HOLDS_OBJECT (rn))
        {
          g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID,
                       _("%s: must be an object"), what);
          return FALSE;
        }
      region = json_node_get_object (rn);
      if (!gloss_format_json_get_string (region, "type", FALSE, &type, error))
        {
          g_prefix_error (error, "%s: ", what);
          return FALSE;
        }
      id = gloss_json_node_dup_key (json_object_get_member (region, "id"));
      if (g_strcmp0 (type, "relation") == 0)
        continue;
      if (!gloss_format_json_get_object (region, "value", FALSE, &value, error))
        {
          g_prefix_error (error, "%s: ", what);
          return FALSE;
        }
      start = value != NULL ? json_object_get_member (value, "start") : NULL;
      if (value != NULL && start != NULL && JSON_NODE_HOLDS_VALUE (start) &&
          json_node_get_value_type (start) == G_TYPE_STRING)
        {
          /* <HyperText>: XPaths and DOM offsets, not offsets into the text. */
          g_autofree char *q_xpath = gloss_format_quote (json_node_get_string (start), -1);
          g_autofree char *q_text = gloss_format_quote (gloss_json_member_string (value, "text"),
                                                        -1);

          gloss_import_report_add (report, GLOSS_PROBLEM_WARNING, st->imp->display, st->line,
                                   _("%s: a HyperText region (XPath %s, “%s”) cannot be "
                                     "represented on the text: skipped"), what, q_xpath, q_text);
          if (id != NULL)
            g_hash_table_add (st->skipped, g_steal_pointer (&id));
          continue;
        }
      if (value == NULL || start == NULL)
        {
          /* Choices, text areas, ratings...: not spans. */
          const char *t = type != NULL ? type : "?";
          if (!g_hash_table_contains (st->other_types, t))
            {
              g_autofree char *quoted = gloss_format_quote (t, -1);

              g_hash_table_add (st->other_types, g_strdup (t));
              gloss_import_report_add (report, GLOSS_PROBLEM_WARNING, st->imp->display, st->line,
                                       _("%s: results of type “%s” are not text spans and "
                                         "cannot be represented: skipped"), what, quoted);
            }
          if (id != NULL)
            g_hash_table_add (st->skipped, g_steal_pointer (&id));
          continue;
        }
      if (!region_offsets (st, value, what, &fragment, error))
        return FALSE;
      /* the names of the task's labelling config, written back on export
       * (Label Studio drops results whose from_name its config lacks) */
      if (st->from_name == NULL && gloss_json_member_string (region, "from_name") != NULL)
        {
          st->from_name = gloss_json_member_string (region, "from_name");
          st->to_name = gloss_json_member_string (region, "to_name");
        }
      /* The labels sit under the region's type ("labels"), or "labels". */
      if (type != NULL && json_object_has_member (value, type) &&
          JSON_NODE_HOLDS_ARRAY (json_object_get_member (value, type)))
        labels = json_object_get_array_member (value, type);
      else if (!gloss_format_json_get_array (value, "labels", FALSE, &labels, error))
        {
          g_prefix_error (error, "%s: ", what);
          return FALSE;
        }
      for (guint i = 0; labels != NULL && i < json_array_get_length (labels); i++)
        {
          JsonNode *ln = json_array_get_element (labels, i);
          Span s;

          if (!JSON_NODE_HOLDS_VALUE (ln) || json_node_get_value_type (ln) != G_TYPE_STRING)
            {
              g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID,
                           _("%s: labels must be strings"), what);
              return FALSE;
            }
          if (gloss_import_context_ensure_label (st->imp->ctx, json_node_get_string (ln),
                                                 NULL) == NULL)
            {
              g_autofree char *quoted = gloss_format_quote (json_node_get_string (ln), -1);

              g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID,
                           _("%s: “%s” cannot be a label name"), what, quoted);
              return FALSE;
            }
          s.fragment = fragment;
          s.label = g_strdup (json_node_get_string (ln));
          s.annotator = g_strdup (annotator ? annotator : "");
          s.group = group;
          g_array_append_val (st->spans, s);
        }
      if (st->spans->len == first)
        {
          gloss_import_report_add (report, GLOSS_PROBLEM_WARNING, st->imp->display, st->line,
                                   _("%s: a region %u–%u without labels: skipped"), what,
                                   fragment.start, fragment.end);
          if (id != NULL)
            g_hash_table_add (st->skipped, g_steal_pointer (&id));
          continue;
        }
      if (id != NULL)
        add_region_key (st, group, id, first);
    }
  return TRUE;
}

static gboolean
read_relations (TaskState   *st,
                JsonArray   *result,
                guint        group,
                const char  *group_name,
                const char  *annotator,
                GError     **error)
{
  GlossImportReport *report = gloss_import_context_get_report (st->imp->ctx);

  for (guint k = 0; result != NULL && k < json_array_get_length (result); k++)
    {
      JsonObject *region = json_node_get_object (json_array_get_element (result, k));
      g_autofree char *what = g_strdup_printf (_("%s, region %u"), group_name, k + 1);
      g_autofree char *from_id = NULL;
      g_autofree char *to_id = NULL;
      g_autofree char *q_from = NULL;
      g_autofree char *q_to = NULL;
      const char *type = NULL;
      const char *direction = NULL;
      JsonArray *labels = NULL;
      guint from, to;
      guint n_labels;

      if (!gloss_format_json_get_string (region, "type", FALSE, &type, error) ||
          g_strcmp0 (type, "relation") != 0)
        continue;
      from_id = gloss_json_node_dup_key (json_object_get_member (region, "from_id"));
      to_id = gloss_json_node_dup_key (json_object_get_member (region, "to_id"));
      if (from_id == NULL || to_id == NULL)
        {
          g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID,
                       _("%s: a relation needs “from_id” and “to_id”"), what);
          return FALSE;
        }
      if (!gloss_format_json_get_string (region, "direction", FALSE, &direction, error) ||
          !gloss_format_json_get_array (region, "labels", FALSE, &labels, error))
        {
          g_prefix_error (error, "%s: ", what);
          return FALSE;
        }
      q_from = gloss_format_quote (from_id, -1);
      q_to = gloss_format_quote (to_id, -1);
      if (g_hash_table_contains (st->skipped, from_id) ||
          g_hash_table_contains (st->skipped, to_id))
        {
          gloss_import_report_add (report, GLOSS_PROBLEM_WARNING, st->imp->display, st->line,
                                   _("%s: a relation between %s and %s, one of which was not "
                                     "imported: skipped"), what, q_from, q_to);
          continue;
        }
      from = lookup_region (st, group, from_id);
      to = lookup_region (st, group, to_id);
      if (from == 0 || to == 0)
        {
          g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID,
                       _("%s: a relation refers to region %s, which the task does not have"),
                       what, from == 0 ? q_from : q_to);
          return FALSE;
        }
      if (g_strcmp0 (direction, "left") == 0)
        {
          guint t = from;
          from = to;
          to = t;
        }
      n_labels = labels != NULL ? json_array_get_length (labels) : 0;
      for (guint i = 0; i < MAX (n_labels, 1); i++)
        {
          Relation r;
          const char *label = UNLABELLED_RELATION;

          if (n_labels > 0)
            {
              JsonNode *ln = json_array_get_element (labels, i);
              if (!JSON_NODE_HOLDS_VALUE (ln) || json_node_get_value_type (ln) != G_TYPE_STRING)
                {
                  g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID,
                               _("%s: relation labels must be strings"), what);
                  return FALSE;
                }
              label = json_node_get_string (ln);
            }
          if (gloss_import_context_ensure_relation_type (st->imp->ctx, label) == NULL)
            {
              g_autofree char *quoted = gloss_format_quote (label, -1);

              g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID,
                           _("%s: “%s” cannot be a relation type"), what, quoted);
              return FALSE;
            }
          r.from = from - 1;
          r.to = to - 1;
          r.type = g_strdup (label);
          r.annotator = g_strdup (annotator ? annotator : "");
          r.bidirectional = g_strcmp0 (direction, "bi") == 0;
          g_array_append_val (st->relations, r);
        }
    }
  return TRUE;
}

static char *
build_meta (LsImport   *imp,
            JsonObject *task,
            JsonObject *data,
            const char *text_key,
            const char *from_name,
            const char *to_name,
            JsonObject *kept)
{
  g_autoptr(JsonObject) meta = json_object_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonNode *m = json_object_get_member (task, "meta");
  g_autoptr(GList) members = json_object_get_members (data);

  if (m != NULL && JSON_NODE_HOLDS_OBJECT (m))
    {
      JsonObject *mo = json_node_get_object (m);
      g_autoptr(GList) inner = json_object_get_members (mo);

      for (GList *l = inner; l != NULL; l = l->next)
        json_object_set_member (meta, l->data, json_node_copy (json_object_get_member (mo,
                                                                                       l->data)));
    }
  /* The rest of "data" (URLs, titles...) too. */
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_str_equal (l->data, text_key) && !json_object_has_member (meta, l->data))
      json_object_set_member (meta, l->data, json_node_copy (json_object_get_member (data,
                                                                                     l->data)));
  if (!g_str_equal (text_key, "text"))
    json_object_set_string_member (meta, "label_studio_data_key", text_key);
  if (from_name != NULL && !g_str_equal (from_name, DEFAULT_FROM_NAME))
    json_object_set_string_member (meta, "label_studio_from_name", from_name);
  if (to_name != NULL && !g_str_equal (to_name, DEFAULT_TO_NAME))
    json_object_set_string_member (meta, "label_studio_to_name", to_name);
  if (kept != NULL && json_object_get_size (kept) > 0)
    json_object_set_object_member (meta, "label_studio_annotations", json_object_ref (kept));
  if (!json_object_has_member (meta, "format"))
    json_object_set_string_member (meta, "format", "label-studio");
  if (!json_object_has_member (meta, "filename"))
    json_object_set_string_member (meta, "filename", imp->display);
  json_node_set_object (root, meta);
  return json_to_string (root, FALSE);
}

static gboolean
import_task (JsonNode    *node,
             guint        line,
             guint        index,
             const char  *problem,
             gpointer     user_data,
             GError     **error)
{
  LsImport *imp = user_data;
  GlossImportContext *ctx = imp->ctx;
  g_autoptr(GArray) spans = g_array_new (FALSE, TRUE, sizeof (Span));
  g_autoptr(GArray) relations = g_array_new (FALSE, TRUE, sizeof (Relation));
  g_autoptr(GHashTable) regions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) skipped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) other_types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                             NULL);
  g_autoptr(GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GlossOffsetMap) map = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *name = NULL;
  g_autofree char *task_id = NULL;
  g_autoptr(JsonObject) kept = json_object_new ();
  TaskState st = { 0 };
  JsonObject *task, *data = NULL;
  JsonArray *groups[2] = { NULL, NULL };
  const char *text_key;
  const char *text;
  gint64 doc_id;

  g_array_set_clear_func (spans, span_clear);
  g_array_set_clear_func (relations, relation_clear);

  if (node == NULL)
    return gloss_import_context_bad_record (ctx, imp->display, line, error, "%s", problem);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return gloss_import_context_bad_record (ctx, imp->display, line, error,
                                            _("task %u is not a JSON object"), index);
  task = json_node_get_object (node);
  if (!gloss_format_json_get_object (task, "data", TRUE, &data, &local) ||
      !gloss_format_json_get_array (task, "annotations", FALSE, &groups[0], &local) ||
      (groups[0] == NULL &&
       !gloss_format_json_get_array (task, "completions", FALSE, &groups[0], &local)) ||
      !gloss_format_json_get_array (task, "predictions", FALSE, &groups[1], &local))
    return gloss_import_context_bad_record (ctx, imp->display, line, error, _("task %u: %s"),
                                            index, local->message);
  text_key = choose_text_key (data, groups, G_N_ELEMENTS (groups));
  if (text_key == NULL)
    return gloss_import_context_bad_record (ctx, imp->display, line, error,
                                            _("task %u: “data” holds no text"), index);
  text = json_object_get_string_member (data, text_key);
  map = gloss_offset_map_new (text, -1);

  st.imp = imp;
  st.line = line;
  st.text = text;
  st.map = map;
  st.spans = spans;
  st.relations = relations;
  st.regions = regions;
  st.skipped = skipped;
  st.other_types = other_types;
  st.kept = kept;

  /* Regions first, then relations (they may point forwards or across). */
  for (guint pass = 0; pass < 2; pass++)
    for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
      for (guint i = 0; groups[g] != NULL && i < json_array_get_length (groups[g]); i++)
        {
          JsonNode *an = json_array_get_element (groups[g], i);
          g_autofree char *annotator = NULL;
          g_autofree char *group_name = NULL;
          JsonArray *result = NULL;
          JsonObject *ao;
          gboolean cancelled = FALSE;
          guint group = g * 100000 + i;

          if (!JSON_NODE_HOLDS_OBJECT (an))
            return gloss_import_context_bad_record (ctx, imp->display, line, error,
                                                    _("task %u: %s %u is not an object"), index,
                                                    g == 0 ? "annotation" : "prediction", i + 1);
          ao = json_node_get_object (an);
          group_name = g_strdup_printf (g == 0 ? _("task %u, annotation %u")
                                               : _("task %u, prediction %u"), index, i + 1);
          if (!gloss_format_json_get_boolean (ao, "was_cancelled", FALSE, &cancelled, &local) ||
              !gloss_format_json_get_array (ao, "result", FALSE, &result, &local))
            return gloss_import_context_bad_record (ctx, imp->display, line, error, "%s: %s",
                                                    group_name, local->message);
          if (cancelled)
            {
              if (pass == 0)
                gloss_import_report_add (gloss_import_context_get_report (ctx),
                                         GLOSS_PROBLEM_NOTE, imp->display, line,
                                         _("%s was cancelled: skipped"), group_name);
              continue;
            }
          if (g == 0)
            annotator = dup_annotator (ao);
          else
            {
              g_autofree char *version =
                gloss_json_node_dup_key (json_object_get_member (ao, "model_version"));
              annotator = version != NULL && *version != '\0'
                          ? g_strconcat (PREDICTION_PREFIX, version, NULL)
                          : g_strdup ("prediction");
              if (pass == 0)
                imp->n_predictions++;
            }
          /* what Gloss has no place for, written back on export */
          if (g == 0 && pass == 0 && annotator != NULL)
            {
              JsonObject *members = json_object_new ();

              for (guint m = 0; kept_annotation_members[m] != NULL; m++)
                if (json_object_has_member (ao, kept_annotation_members[m]))
                  json_object_set_member (members, kept_annotation_members[m],
                                          json_node_copy (json_object_get_member (
                                            ao, kept_annotation_members[m])));
              json_object_set_object_member (st.kept, annotator, members);
            }
          if (!(pass == 0 ? read_regions (&st, result, group, group_name, annotator, &local)
                          : read_relations (&st, result, group, group_name, annotator, &local)))
            return gloss_import_context_bad_record (ctx, imp->display, line, error, "%s",
                                                    local->message);
        }

  /* The task is good: write it. */
  task_id = gloss_json_node_dup_key (json_object_get_member (task, "id"));
  name = task_id != NULL ? g_strdup_printf ("%s-%s", imp->base, task_id)
                         : g_strdup_printf ("%s-%u", imp->base, index);
  meta = build_meta (imp, task, data, text_key, st.from_name, st.to_name, st.kept);
  doc_id = gloss_import_context_add_document (ctx, name, text, -1, meta, error);
  if (doc_id == 0)
    return FALSE;
  for (guint i = 0; i < spans->len; i++)
    {
      Span *s = &g_array_index (spans, Span, i);

      if (!gloss_json_add_span (ctx, doc_id, s->label, &s->fragment, s->annotator, uuids,
                                imp->display, line, error))
        return FALSE;
    }
  for (guint i = 0; i < relations->len; i++)
    {
      Relation *r = &g_array_index (relations, Relation, i);

      if (!gloss_json_add_relation (ctx, doc_id, r->type, uuids, r->from, r->to, r->annotator,
                                    r->bidirectional, imp->display, line, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
label_studio_import (GlossFormat         *format,
                     GlossImportContext  *ctx,
                     const char          *path,
                     GCancellable        *cancellable,
                     GError             **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *base = gloss_format_name_from_path (path);
  LsImport imp = { ctx, display, base, 0 };
  gsize length;
  gboolean ok;

  if (!gloss_json_read_input (ctx, path, display, &contents, &length, error))
    return FALSE;
  if (contents == NULL)
    return TRUE;  /* a bad file, skipped and reported */
  ok = gloss_json_records_foreach (contents, length, GLOSS_JSON_RECORDS_AUTO, import_task, &imp,
                                   cancellable, error);
  if (ok && imp.n_predictions > 0)
    gloss_import_report_add (gloss_import_context_get_report (ctx), GLOSS_PROBLEM_NOTE, display, 0,
                             _("%u model predictions were imported as annotations of the "
                               "annotator “prediction:<model version>”"), imp.n_predictions);
  return ok;
}

/* ---- export */

typedef struct
{
  char      *annotator;
  GPtrArray *annotations;  /* GlossAnnotation, borrowed */
  GPtrArray *relations;    /* GlossRelation, borrowed */
} Group;

static void
group_free (gpointer data)
{
  Group *g = data;

  g_free (g->annotator);
  g_ptr_array_unref (g->annotations);
  g_ptr_array_unref (g->relations);
  g_free (g);
}

static Group *
group_for (GPtrArray  *groups,
           GHashTable *by_name,
           const char *annotator)
{
  Group *g = g_hash_table_lookup (by_name, annotator);

  if (g == NULL)
    {
      g = g_new0 (Group, 1);
      g->annotator = g_strdup (annotator);
      g->annotations = g_ptr_array_new ();
      g->relations = g_ptr_array_new ();
      g_ptr_array_add (groups, g);
      g_hash_table_insert (by_name, g->annotator, g);
    }
  return g;
}

/* Region id of fragment @k of an annotation. */
static char *
region_id (GlossAnnotation *a,
           guint            k)
{
  g_autofree char *compact = NULL;
  GString *s = g_string_new (NULL);

  for (const char *p = gloss_annotation_get_uuid (a); *p != '\0'; p++)
    if (*p != '-')
      g_string_append_c (s, *p);
  compact = g_string_free (s, FALSE);
  return k == 0 ? g_strdup (compact) : g_strdup_printf ("%s-%u", compact, k);
}

static void
add_result (JsonBuilder    *b,
            Group          *g,
            GHashTable     *by_uuid,
            const char     *text,
            GlossOffsetMap *map,
            const char     *from_name,
            const char     *to_name)
{
  json_builder_set_member_name (b, "result");
  json_builder_begin_array (b);
  for (guint i = 0; i < g->annotations->len; i++)
    {
      GlossAnnotation *a = g_ptr_array_index (g->annotations, i);
      const GlossFragment *f;
      guint n;

      f = gloss_annotation_get_fragments (a, &n);
      for (guint k = 0; k < n; k++)
        {
          g_autofree char *id = region_id (a, k);
          g_autofree char *covered = gloss_format_dup_span_text (map, text, f[k].start, f[k].end);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_string_value (b, id);
          json_builder_set_member_name (b, "from_name");
          json_builder_add_string_value (b, from_name);
          json_builder_set_member_name (b, "to_name");
          json_builder_add_string_value (b, to_name);
          json_builder_set_member_name (b, "type");
          json_builder_add_string_value (b, "labels");
          json_builder_set_member_name (b, "value");
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "start");
          json_builder_add_int_value (b, f[k].start);
          json_builder_set_member_name (b, "end");
          json_builder_add_int_value (b, f[k].end);
          json_builder_set_member_name (b, "text");
          json_builder_add_string_value (b, covered ? covered : "");
          json_builder_set_member_name (b, "labels");
          json_builder_begin_array (b);
          json_builder_add_string_value (b, gloss_annotation_get_label (a));
          json_builder_end_array (b);
          json_builder_end_object (b);
          json_builder_end_object (b);
        }
    }
  for (guint i = 0; i < g->relations->len; i++)
    {
      GlossRelation *r = g_ptr_array_index (g->relations, i);
      GlossAnnotation *from = g_hash_table_lookup (by_uuid, gloss_relation_get_source (r));
      GlossAnnotation *to = g_hash_table_lookup (by_uuid, gloss_relation_get_target (r));
      g_autofree char *from_id = NULL;
      g_autofree char *to_id = NULL;
      GVariant *direction = gloss_relation_get_attribute (r, "direction");
      gboolean bi = direction != NULL && g_variant_is_of_type (direction, G_VARIANT_TYPE_STRING) &&
                    g_str_equal (g_variant_get_string (direction, NULL), "bi");

      if (from == NULL || to == NULL)
        continue;
      from_id = region_id (from, 0);
      to_id = region_id (to, 0);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "from_id");
      json_builder_add_string_value (b, from_id);
      json_builder_set_member_name (b, "to_id");
      json_builder_add_string_value (b, to_id);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, "relation");
      json_builder_set_member_name (b, "direction");
      json_builder_add_string_value (b, bi ? "bi" : "right");
      json_builder_set_member_name (b, "labels");
      json_builder_begin_array (b);
      if (!g_str_equal (gloss_relation_get_relation_type (r), UNLABELLED_RELATION))
        json_builder_add_string_value (b, gloss_relation_get_relation_type (r));
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

typedef struct
{
  guint       next_annotation_id;
  gboolean    keep_paths;
  GHashTable *views;   /* "FROM\x1fTO\x1fDATA-KEY": the labelling configs the tasks need */
} LabelStudioExport;

static JsonNode *
build_task (GlossDocument     *doc,
            guint              index,
            LabelStudioExport *exp,
            GPtrArray         *anns,
            GPtrArray         *rels)
{
  guint *next_annotation_id = &exp->next_annotation_id;
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr(GlossOffsetMap) map = NULL;
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (group_free);
  g_autoptr(GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonObject) meta = gloss_json_export_meta (gloss_document_get_meta (doc),
                                                       exp->keep_paths);
  const char *text = gloss_document_get_text (doc);
  const char *key = gloss_document_get_meta_string (doc, "label_studio_data_key");
  const char *from_name = gloss_document_get_meta_string (doc, "label_studio_from_name");
  const char *to_name = gloss_document_get_meta_string (doc, "label_studio_to_name");
  JsonNode *kept_node = meta != NULL ? json_object_get_member (meta, "label_studio_annotations")
                                     : NULL;
  JsonObject *kept = kept_node != NULL && JSON_NODE_HOLDS_OBJECT (kept_node)
                       ? json_node_get_object (kept_node)
                       : NULL;
  JsonObject *was;
  gboolean any_prediction = FALSE;

  if (key == NULL || *key == '\0')
    key = "text";
  if (from_name == NULL || *from_name == '\0')
    from_name = DEFAULT_FROM_NAME;
  if (to_name == NULL || *to_name == '\0')
    to_name = DEFAULT_TO_NAME;
  g_hash_table_add (exp->views, g_strjoin ("\x1f", from_name, to_name, key, NULL));
  map = gloss_offset_map_new (text, -1);
  for (guint i = 0; i < anns->len; i++)
    {
      GlossAnnotation *a = g_ptr_array_index (anns, i);
      Group *g = group_for (groups, by_name, gloss_annotation_get_annotator (a));

      g_ptr_array_add (g->annotations, a);
      g_hash_table_insert (by_uuid, (gpointer) gloss_annotation_get_uuid (a), a);
    }
  /* A relation lives in the result of its source's annotator. */
  for (guint i = 0; i < rels->len; i++)
    {
      GlossRelation *r = g_ptr_array_index (rels, i);
      GlossAnnotation *from = g_hash_table_lookup (by_uuid, gloss_relation_get_source (r));

      if (from != NULL)
        g_ptr_array_add (group_for (groups, by_name,
                                    gloss_annotation_get_annotator (from))->relations, r);
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, index);
  json_builder_set_member_name (b, "data");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, key);
  json_builder_add_string_value (b, text);
  json_builder_end_object (b);

  gloss_json_builder_add_meta (b, meta);

  json_builder_set_member_name (b, "annotations");
  json_builder_begin_array (b);
  for (guint i = 0; i < groups->len; i++)
    {
      Group *g = g_ptr_array_index (groups, i);

      if (g_str_has_prefix (g->annotator, PREDICTION_PREFIX) ||
          g_str_equal (g->annotator, "prediction"))
        {
          any_prediction = TRUE;
          continue;
        }
      was = kept != NULL && json_object_has_member (kept, g->annotator) &&
                JSON_NODE_HOLDS_OBJECT (json_object_get_member (kept, g->annotator))
              ? json_object_get_object_member (kept, g->annotator)
              : NULL;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      if (was != NULL && json_object_has_member (was, "id"))
        json_builder_add_value (b, json_node_copy (json_object_get_member (was, "id")));
      else
        json_builder_add_int_value (b, (*next_annotation_id)++);
      if (*g->annotator != '\0')
        {
          guint64 user_id;

          /* Label Studio takes a user id or {"email": …}, never a name */
          json_builder_set_member_name (b, "completed_by");
          if (g_ascii_string_to_unsigned (g->annotator, 10, 1, G_MAXINT64, &user_id, NULL))
            json_builder_add_int_value (b, (gint64) user_id);
          else
            {
              json_builder_begin_object (b);
              json_builder_set_member_name (b, "email");
              json_builder_add_string_value (b, g->annotator);
              json_builder_end_object (b);
            }
        }
      add_result (b, g, by_uuid, text, map, from_name, to_name);
      json_builder_set_member_name (b, "was_cancelled");
      json_builder_add_boolean_value (b, FALSE);
      json_builder_set_member_name (b, "ground_truth");
      json_builder_add_boolean_value (b, g_str_equal (g->annotator, GLOSS_GOLD_ANNOTATOR));
      /* the rest of what was kept ([0], the id, is written above) */
      for (guint m = 1; was != NULL && kept_annotation_members[m] != NULL; m++)
        if (json_object_has_member (was, kept_annotation_members[m]))
          {
            json_builder_set_member_name (b, kept_annotation_members[m]);
            json_builder_add_value (b, json_node_copy (json_object_get_member (
                                         was, kept_annotation_members[m])));
          }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  if (any_prediction)
    {
      json_builder_set_member_name (b, "predictions");
      json_builder_begin_array (b);
      for (guint i = 0; i < groups->len; i++)
        {
          Group *g = g_ptr_array_index (groups, i);

          if (g_str_has_prefix (g->annotator, PREDICTION_PREFIX))
            {
              json_builder_begin_object (b);
              json_builder_set_member_name (b, "model_version");
              json_builder_add_string_value (b, g->annotator + strlen (PREDICTION_PREFIX));
            }
          else if (g_str_equal (g->annotator, "prediction"))
            json_builder_begin_object (b);
          else
            continue;
          add_result (b, g, by_uuid, text, map, from_name, to_name);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static const char * const kept_relation_attributes[] = { "direction", NULL };

static int
compare_views (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The labelling config of the tasks written, beside them as
 * NAME.label-config.xml, for a Label Studio project made to take them
 * back: per <Labels> name and <Text> they use (the names a task came with,
 * "label" and "text" for documents made in Gloss), every label of the
 * schema with its colour, and its relation types. libxml2 writes it (and
 * escapes it). */
static gboolean
write_label_config (GlossExportContext  *ctx,
                    const char          *path,
                    GHashTable          *views,
                    GCancellable        *cancellable,
                    GError             **error)
{
  GlossSchema *schema = gloss_project_get_schema (gloss_export_context_get_project (ctx));
  GListModel *labels = gloss_schema_get_labels (schema);
  GListModel *types = gloss_schema_get_relation_types (schema);
  g_autofree const char **keys = (const char **) g_hash_table_get_keys_as_array (views, NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = NULL;
  g_autoptr(GHashTable) texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  xmlBufferPtr buffer = xmlBufferCreate ();
  xmlTextWriterPtr w = xmlNewTextWriterMemory (buffer, 0);
  gboolean ok;
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  name = g_strconcat (base, ".label-config.xml", NULL);
  g_qsort_with_data (keys, g_hash_table_size (views), sizeof (char *),
                     (GCompareDataFunc) compare_views, NULL);

  xmlTextWriterSetIndent (w, 1);
  xmlTextWriterSetIndentString (w, BAD_CAST "  ");
  xmlTextWriterStartElement (w, BAD_CAST "View");
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (keys[i], "\x1f", 3);

      xmlTextWriterStartElement (w, BAD_CAST "Labels");
      xmlTextWriterWriteAttribute (w, BAD_CAST "name", BAD_CAST parts[0]);
      xmlTextWriterWriteAttribute (w, BAD_CAST "toName", BAD_CAST parts[1]);
      for (guint j = 0; j < g_list_model_get_n_items (labels); j++)
        {
          g_autoptr(GlossLabel) label = g_list_model_get_item (labels, j);

          xmlTextWriterStartElement (w, BAD_CAST "Label");
          xmlTextWriterWriteAttribute (w, BAD_CAST "value", BAD_CAST gloss_label_get_name (label));
          xmlTextWriterWriteAttribute (w, BAD_CAST "background",
                                       BAD_CAST gloss_label_get_color (label));
          xmlTextWriterEndElement (w);
        }
      xmlTextWriterEndElement (w);
      if (!g_hash_table_contains (texts, parts[1]))
        {
          g_autofree char *value = g_strconcat ("$", parts[2], NULL);

          g_hash_table_add (texts, g_strdup (parts[1]));
          xmlTextWriterStartElement (w, BAD_CAST "Text");
          xmlTextWriterWriteAttribute (w, BAD_CAST "name", BAD_CAST parts[1]);
          xmlTextWriterWriteAttribute (w, BAD_CAST "value", BAD_CAST value);
          xmlTextWriterEndElement (w);
        }
    }
  if (g_list_model_get_n_items (types) > 0)
    {
      xmlTextWriterStartElement (w, BAD_CAST "Relations");
      for (guint j = 0; j < g_list_model_get_n_items (types); j++)
        {
          g_autoptr(GlossRelationType) type = g_list_model_get_item (types, j);

          xmlTextWriterStartElement (w, BAD_CAST "Relation");
          xmlTextWriterWriteAttribute (w, BAD_CAST "value",
                                       BAD_CAST gloss_relation_type_get_name (type));
          xmlTextWriterEndElement (w);
        }
      xmlTextWriterEndElement (w);
    }
  xmlTextWriterEndElement (w);
  xmlFreeTextWriter (w);

  ok = gloss_export_context_write_file (ctx, dir, name, (const char *) xmlBufferContent (buffer),
                                        xmlBufferLength (buffer), cancellable, error);
  xmlBufferFree (buffer);
  return ok;
}

static JsonNode *
build_record (GlossDocument *doc,
              guint          index,
              GPtrArray     *anns,
              GPtrArray     *rels,
              gpointer       user_data)
{
  return build_task (doc, index, user_data, anns, rels);
}

static gboolean
label_studio_export (GlossFormat         *format,
                     GlossExportContext  *ctx,
                     const char          *path,
                     GCancellable        *cancellable,
                     GError             **error)
{
  /* A JSON list of tasks. Regions are one fragment each; of a relation's
   * attributes only "direction" has a place. */
  static const GlossJsonExportLayout layout = { "[", "\n", ",\n", "", "\n]\n", TRUE,
                                                GLOSS_EXPORT_CARRIES_RELATIONS,
                                                kept_relation_attributes };
  g_autoptr(GHashTable) views = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  LabelStudioExport exp = { 1, gloss_export_context_get_options (ctx)->keep_paths, views };

  if (!gloss_json_export_records (ctx, path, &layout, build_record, &exp, cancellable, error))
    return FALSE;
  if (g_strcmp0 (path, "-") == 0)
    return TRUE;
  return write_label_config (ctx, path, views, cancellable, error);
}

static void
gloss_format_label_studio_class_init (GlossFormatLabelStudioClass *klass)
{
  GlossFormatClass *format_class = GLOSS_FORMAT_CLASS (klass);
  static const char * const extensions[] = { "json", NULL };

  format_class->name = "label-studio";
  format_class->display_name = N_("Label Studio JSON");
  format_class->extensions = extensions;
  format_class->detect = label_studio_detect;
  format_class->import_path = label_studio_import;
  format_class->export_path = label_studio_export;
}

static void
gloss_format_label_studio_init (GlossFormatLabelStudio *self)
{
}
