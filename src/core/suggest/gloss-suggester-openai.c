/* gloss-suggester-openai.c: an OpenAI-compatible chat endpoint as a suggester
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "gloss-annotation.h"
#include "gloss-schema.h"
#include "gloss-suggester-http.h"
#include "gloss-suggester-openai.h"

/* The endpoint gives no score. */
#define SCORE 0.5

/* The labels of a claim frame in the schema ("news" names them so). */
#define CLAIM_LABEL  "CLAIM"
#define CUE_LABEL    "CUE"
#define SOURCE_LABEL "SOURCE"
#define CERTAINTY    "certainty"
#define ATTRIBUTED   "attributed-to"

struct _GlossOpenaiSuggester
{
  GObject           parent_instance;

  char             *url;     /* owned: the base URL */
  char             *model;   /* owned */
  char             *api_key; /* owned, nullable: memory only, cleared in finalize */
  GlossHttpTimeouts timeouts;

  GMutex            mutex;      /* guards unanchored */
  GPtrArray        *unanchored; /* owned, of char *: the last suggest()'s */
};

static void suggester_iface_init (GlossSuggesterInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GlossOpenaiSuggester, gloss_openai_suggester, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GLOSS_TYPE_SUGGESTER, suggester_iface_init))

enum
{
  PROP_0,
  PROP_URL,
  PROP_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What one suggest() builds. */
typedef struct
{
  GlossSuggestInput *input;       /* borrowed */
  GlossTextAnchor   *anchor;      /* owned */
  GPtrArray         *suggestions; /* owned, of GlossSuggestion */
  GHashTable        *by_id;       /* id -> suggestion (borrowed) */
  GHashTable        *taken;       /* "start:end" of the entities placed */
  GPtrArray         *unanchored;  /* owned, of char * */
  const char        *name;        /* the suggester's */
} Build;

static void
build_clear (Build *build)
{
  g_clear_pointer (&build->anchor, _gloss_text_anchor_free);
  g_clear_pointer (&build->suggestions, g_ptr_array_unref);
  g_clear_pointer (&build->by_id, g_hash_table_unref);
  g_clear_pointer (&build->taken, g_hash_table_unref);
  g_clear_pointer (&build->unanchored, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Build, build_clear)

static gboolean
is_frame_label (const char *name)
{
  return g_str_equal (name, CLAIM_LABEL) || g_str_equal (name, CUE_LABEL);
}

/* The labels entities may have: every label but CLAIM and CUE. */
static GPtrArray *
dup_entity_labels (GlossSchema *schema)
{
  GListModel *labels = gloss_schema_get_labels (schema);
  GPtrArray  *entities = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    {
      GlossLabel *label = g_list_model_get_item (labels, i);

      if (is_frame_label (gloss_label_get_name (label)))
        g_object_unref (label);
      else
        g_ptr_array_add (entities, label);
    }
  return entities;
}

/* The certainty values the schema's CLAIM takes, or NULL. */
static const char * const *
certainty_values (GlossSchema *schema)
{
  GlossLabel   *claim = gloss_schema_lookup_label (schema, CLAIM_LABEL);
  GlossAttrDef *def = claim != NULL ? gloss_label_lookup_attribute (claim, CERTAINTY) : NULL;

  if (def == NULL || gloss_attr_def_get_attr_type (def) != GLOSS_ATTR_TYPE_ENUM)
    return NULL;
  return gloss_attr_def_get_values (def);
}

static char *
build_prompt (GlossSchema *schema)
{
  g_autoptr(GPtrArray) entities = dup_entity_labels (schema);
  const char * const *certainty = certainty_values (schema);
  GString            *prompt = g_string_new (NULL);

  g_string_append (prompt,
                   "You annotate news articles. The user sends one article. Quote every string "
                   "you give exactly as it appears in the article, character for character; never "
                   "paraphrase, translate or shorten it.\n\n"
                   "Under \"entities\", list the named entities and other mentions with one of "
                   "these labels:\n");
  for (guint i = 0; i < entities->len; i++)
    {
      GlossLabel *label = g_ptr_array_index (entities, i);
      const char *description = gloss_label_get_description (label);

      g_string_append_printf (prompt, "- %s", gloss_label_get_name (label));
      if (description != NULL && *description != '\0')
        g_string_append_printf (prompt, ": %s", description);
      g_string_append_c (prompt, '\n');
    }
  g_string_append (prompt, "Give \"count\" when the same string is that entity more than once.\n");
  if (gloss_schema_lookup_label (schema, CLAIM_LABEL) != NULL)
    {
      g_string_append (prompt,
                       "\nUnder \"claims\", list every claim the article reports or quotes: "
                       "\"content\" is what is claimed (the quote, or the reported "
                       "clause), \"source\" is who it is attributed to (a name, "
                       "\"officials\", \"a source\", or a pronoun), \"cue\" is the reporting "
                       "verb or phrase (\"said\", \"told\", \"according to\", \"believes\"), "
                       "each quoted from the article");
      if (certainty != NULL)
        {
          g_string_append (prompt, ", and \"certainty\" is one of:");
          for (guint i = 0; certainty[i] != NULL; i++)
            g_string_append_printf (prompt, "%s %s", i > 0 ? "," : "", certainty[i]);
        }
      g_string_append (prompt, ".\n");
    }
  g_string_append (prompt, "\nAnswer with the JSON object only.");
  return g_string_free (prompt, FALSE);
}

static void
add_string_property (JsonBuilder        *builder,
                     const char         *name,
                     const char * const *values)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "string");
  if (values != NULL)
    {
      json_builder_set_member_name (builder, "enum");
      json_builder_begin_array (builder);
      for (guint i = 0; values[i] != NULL; i++)
        json_builder_add_string_value (builder, values[i]);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
}

static void
add_required (JsonBuilder        *builder,
              const char * const *names)
{
  json_builder_set_member_name (builder, "required");
  json_builder_begin_array (builder);
  for (guint i = 0; names[i] != NULL; i++)
    json_builder_add_string_value (builder, names[i]);
  json_builder_end_array (builder);
}

/* The JSON schema of the answer: {"entities": [{"text", "label", "count"}],
 * "claims": [{"content", "source", "cue", "certainty"}]}. */
static void
add_response_schema (JsonBuilder *builder,
                     GlossSchema *schema)
{
  g_autoptr(GPtrArray) entities = dup_entity_labels (schema);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) entity_names = NULL;
  const char * const       *certainty = certainty_values (schema);
  gboolean                  claims = gloss_schema_lookup_label (schema, CLAIM_LABEL) != NULL;
  static const char * const entity_required[] = { "text", "label", NULL };
  static const char * const claim_required[] = { "content", "source", "cue", "certainty", NULL };
  static const char * const claim_required_bare[] = { "content", "source", "cue", NULL };
  static const char * const root_required[] = { "entities", "claims", NULL };
  static const char * const root_required_bare[] = { "entities", NULL };

  for (guint i = 0; i < entities->len; i++)
    g_strv_builder_add (names, gloss_label_get_name (g_ptr_array_index (entities, i)));
  entity_names = g_strv_builder_end (names);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "object");
  json_builder_set_member_name (builder, "properties");
  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "entities");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "array");
  json_builder_set_member_name (builder, "items");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "object");
  json_builder_set_member_name (builder, "properties");
  json_builder_begin_object (builder);
  add_string_property (builder, "text", NULL);
  add_string_property (builder, "label", (const char * const *) entity_names);
  json_builder_set_member_name (builder, "count");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "integer");
  json_builder_set_member_name (builder, "minimum");
  json_builder_add_int_value (builder, 1);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  add_required (builder, entity_required);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  if (claims)
    {
      json_builder_set_member_name (builder, "claims");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, "array");
      json_builder_set_member_name (builder, "items");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, "object");
      json_builder_set_member_name (builder, "properties");
      json_builder_begin_object (builder);
      add_string_property (builder, "content", NULL);
      add_string_property (builder, "source", NULL);
      add_string_property (builder, "cue", NULL);
      if (certainty != NULL)
        add_string_property (builder, CERTAINTY, certainty);
      json_builder_end_object (builder);
      add_required (builder, certainty != NULL ? claim_required : claim_required_bare);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }

  json_builder_end_object (builder);
  add_required (builder, claims ? root_required : root_required_bare);
  json_builder_end_object (builder);
}

static JsonNode *
build_request (GlossOpenaiSuggester *self,
               GlossSuggestInput    *input)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *prompt = build_prompt (input->schema);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, self->model);
  json_builder_set_member_name (builder, "messages");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, "system");
  json_builder_set_member_name (builder, "content");
  json_builder_add_string_value (builder, prompt);
  json_builder_end_object (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, "user");
  json_builder_set_member_name (builder, "content");
  json_builder_add_string_value (builder, input->text);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "temperature");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "response_format");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "json_schema");
  json_builder_set_member_name (builder, "json_schema");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, "claim_frames");
  json_builder_set_member_name (builder, "schema");
  add_response_schema (builder, input->schema);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* The model's message without the ```json fence some models wrap it in. */
static char *
strip_fence (const char *content)
{
  g_autofree char *text = g_strstrip (g_strdup (content));
  const char      *start;
  char            *end;

  if (!g_str_has_prefix (text, "```"))
    return g_steal_pointer (&text);
  start = strchr (text, '\n');
  if (start == NULL)
    return g_strdup ("");
  end = g_strrstr (start, "```");
  if (end != NULL)
    *end = '\0';
  return g_strstrip (g_strdup (start + 1));
}

/* choices[0].message.content, parsed. */
static JsonObject *
read_answer (const char *url,
             JsonNode   *answer,
             GError    **error)
{
  JsonObject      *root = JSON_NODE_HOLDS_OBJECT (answer) ? json_node_get_object (answer) : NULL;
  JsonNode        *choices = root != NULL ? json_object_get_member (root, "choices") : NULL;
  JsonObject      *message = NULL;
  g_autofree char *content = NULL;
  g_autoptr(JsonNode) frames = NULL;
  g_autoptr(GError) local_error = NULL;

  if (choices != NULL && JSON_NODE_HOLDS_ARRAY (choices) &&
      json_array_get_length (json_node_get_array (choices)) > 0)
    {
      JsonNode *choice = json_array_get_element (json_node_get_array (choices), 0);
      JsonNode *node = NULL;

      if (JSON_NODE_HOLDS_OBJECT (choice))
        node = json_object_get_member (json_node_get_object (choice), "message");

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        message = json_node_get_object (node);
    }
  if (message == NULL)
    {
      _gloss_http_set_protocol_error (error, url, _("no choices[0].message"));
      return NULL;
    }
  if (get_string (message, "content") == NULL)
    {
      g_autofree char *what = NULL;

      if (get_string (message, "refusal") != NULL)
        what = g_strdup_printf (_("the model refused: “%s”"), get_string (message, "refusal"));
      else
        what = g_strdup (_("a message without content"));
      _gloss_http_set_protocol_error (error, url, what);
      return NULL;
    }

  content = strip_fence (get_string (message, "content"));
  frames = _gloss_http_parse (url, content, strlen (content), &local_error);
  if (frames == NULL || !JSON_NODE_HOLDS_OBJECT (frames))
    {
      g_autofree char *start = _gloss_http_one_line (content, strlen (content), 60);
      g_autofree char *what = NULL;

      what = g_strdup_printf (_("the model’s message is not the JSON object asked for: “%s”"),
                                 start != NULL ? start : "");
      _gloss_http_set_protocol_error (error, url, what);
      return NULL;
    }
  return json_object_ref (json_node_get_object (frames));
}

static void
unanchored (Build      *build,
            const char *kind,
            const char *text)
{
  g_debug ("openai: the %s “%s” is not in the text of %s", kind, text, build->input->name);
  g_ptr_array_add (build->unanchored, g_strdup (text));
}

/* The suggestion of @label over @fragment: the one made already, or a new
 * one. */
static GlossSuggestion *
add_suggestion (Build               *build,
                const char          *label,
                const GlossFragment *fragment)
{
  g_autofree char *id = gloss_suggestion_compute_id (label, fragment, 1);
  GlossSuggestion *suggestion = g_hash_table_lookup (build->by_id, id);

  if (suggestion != NULL)
    return suggestion;
  suggestion = gloss_suggestion_new_span (label, fragment->start, fragment->end, SCORE,
                                          build->name);
  g_ptr_array_add (build->suggestions, suggestion);
  g_hash_table_insert (build->by_id, (gpointer) gloss_suggestion_get_id (suggestion), suggestion);
  return suggestion;
}

static gboolean
is_source_label (GlossSchema *schema,
                 const char  *label)
{
  if (gloss_schema_lookup_relation_type (schema, ATTRIBUTED) != NULL &&
      gloss_schema_lookup_label (schema, CLAIM_LABEL) != NULL)
    return gloss_schema_check_relation (schema, ATTRIBUTED, CLAIM_LABEL, label, NULL);
  return !is_frame_label (label);
}

static gboolean
accepts (GlossSchema *schema,
         const char  *wanted,
         const char  *label)
{
  if (g_str_equal (wanted, CUE_LABEL))
    return g_str_equal (label, CUE_LABEL);
  return is_source_label (schema, label);
}

/* What a claim's frame names at @fragment: the existing annotation there
 * (exactly there, else the smallest that covers it), else a suggestion of
 * this answer exactly there, else a new suggestion of @label, or NULL when
 * the schema lacks @label. */
static const char *
resolve_ref (Build               *build,
             const char          *label,
             const GlossFragment *fragment)
{
  GlossSchema     *schema = build->input->schema;
  GlossAnnotation *covering = NULL;
  guint            covering_length = G_MAXUINT;

  for (guint i = 0; i < build->input->annotations->len; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (build->input->annotations, i);
      guint            start = gloss_annotation_get_start (annotation);
      guint            end = gloss_annotation_get_end (annotation);

      if (start > fragment->start)
        break;
      if (end < fragment->end || !accepts (schema, label, gloss_annotation_get_label (annotation)))
        continue;
      if (end - start < covering_length)
        {
          covering = annotation;
          covering_length = end - start;
        }
    }
  if (covering != NULL)
    return gloss_annotation_get_uuid (covering);

  for (guint i = 0; i < build->suggestions->len; i++)
    {
      GlossSuggestion *suggestion = g_ptr_array_index (build->suggestions, i);
      guint            n_fragments = 0;

      gloss_suggestion_get_fragments (suggestion, &n_fragments);
      if (n_fragments == 1 && gloss_suggestion_get_start (suggestion) == fragment->start &&
          gloss_suggestion_get_end (suggestion) == fragment->end &&
          accepts (schema, label, gloss_suggestion_get_label (suggestion)))
        return gloss_suggestion_get_id (suggestion);
    }

  if (gloss_schema_lookup_label (schema, label) == NULL)
    return NULL;
  return gloss_suggestion_get_id (add_suggestion (build, label, fragment));
}

static void
read_entities (Build     *build,
               JsonArray *entities)
{
  for (guint i = 0; i < json_array_get_length (entities); i++)
    {
      JsonNode   *node = json_array_get_element (entities, i);
      JsonObject *entity = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *text = get_string (entity, "text");
      const char *label = get_string (entity, "label");
      JsonNode   *count_node = entity != NULL ? json_object_get_member (entity, "count") : NULL;
      g_autoptr(GArray) occurrences = NULL;
      gint64 count = 0;
      guint  placed = 0;

      if (text == NULL || *text == '\0' || label == NULL)
        continue;
      if (gloss_schema_lookup_label (build->input->schema, label) == NULL)
        {
          g_debug ("openai: label “%s” of “%s” is not in the schema: dropped", label, text);
          continue;
        }
      if (count_node != NULL && JSON_NODE_HOLDS_VALUE (count_node) &&
          json_node_get_value_type (count_node) == G_TYPE_INT64)
        count = json_node_get_int (count_node);

      occurrences = _gloss_text_anchor_find (build->anchor, text);
      if (occurrences->len == 0)
        {
          unanchored (build, "entity", text);
          continue;
        }
      /* The first occurrence no earlier entity took, or the first "count". */
      for (guint j = 0; j < occurrences->len && placed < MAX (count, 1); j++)
        {
          const GlossFragment *fragment = &g_array_index (occurrences, GlossFragment, j);
          g_autofree char     *key = g_strdup_printf ("%u:%u", fragment->start, fragment->end);

          if (count <= 0 && g_hash_table_contains (build->taken, key))
            continue;
          g_hash_table_add (build->taken, g_steal_pointer (&key));
          add_suggestion (build, label, fragment);
          placed++;
        }
      if (placed == 0)
        add_suggestion (build, label, &g_array_index (occurrences, GlossFragment, 0));
    }
}

/* The occurrence of @content nearest an occurrence of @near (or the first). */
static const GlossFragment *
nearest_pair (GArray *content,
              GArray *near)
{
  const GlossFragment *best = NULL;
  guint                best_distance = G_MAXUINT;

  if (content->len == 0)
    return NULL;
  if (near == NULL || near->len == 0)
    return &g_array_index (content, GlossFragment, 0);
  for (guint i = 0; i < content->len; i++)
    {
      const GlossFragment *candidate = &g_array_index (content, GlossFragment, i);
      const GlossFragment *partner = _gloss_fragment_nearest (near, candidate);
      guint                d = _gloss_fragment_distance (partner, candidate);

      if (d < best_distance)
        {
          best_distance = d;
          best = candidate;
        }
    }
  return best;
}

static void
read_claims (Build     *build,
             JsonArray *claims)
{
  GlossSchema  *schema = build->input->schema;
  GlossLabel   *claim_label = gloss_schema_lookup_label (schema, CLAIM_LABEL);
  GlossAttrDef *certainty_def = NULL;

  if (claim_label != NULL)
    certainty_def = gloss_label_lookup_attribute (claim_label, CERTAINTY);

  if (claim_label == NULL)
    return;
  for (guint i = 0; i < json_array_get_length (claims); i++)
    {
      JsonNode   *node = json_array_get_element (claims, i);
      JsonObject *claim = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *content = get_string (claim, "content");
      const char *source = get_string (claim, "source");
      const char *cue = get_string (claim, "cue");
      const char *certainty = get_string (claim, CERTAINTY);
      g_autoptr(GArray) content_at = NULL;
      g_autoptr(GArray) cue_at = NULL;
      g_autoptr(GArray) source_at = NULL;
      const GlossFragment *content_fragment;
      const GlossFragment *cue_fragment = NULL;
      const GlossFragment *source_fragment = NULL;
      GlossSuggestion     *suggestion;

      if (content == NULL || *content == '\0')
        continue;
      content_at = _gloss_text_anchor_find (build->anchor, content);
      if (content_at->len == 0)
        {
          unanchored (build, "claim", content);
          continue;
        }
      if (cue != NULL && *cue != '\0')
        cue_at = _gloss_text_anchor_find (build->anchor, cue);
      if (source != NULL && *source != '\0')
        source_at = _gloss_text_anchor_find (build->anchor, source);

      /* The content nearest its cue (or source), the cue nearest the
       * content, the source nearest the cue (or the content). */
      content_fragment = nearest_pair (content_at, cue_at != NULL && cue_at->len > 0 ? cue_at
                                                                                     : source_at);
      if (cue_at != NULL)
        {
          cue_fragment = _gloss_fragment_nearest (cue_at, content_fragment);
          if (cue_fragment == NULL)
            unanchored (build, "cue", cue);
        }
      if (source_at != NULL)
        {
          const GlossFragment *near = cue_fragment != NULL ? cue_fragment : content_fragment;

          source_fragment = _gloss_fragment_nearest (source_at, near);
          if (source_fragment == NULL)
            unanchored (build, "source", source);
        }

      suggestion = add_suggestion (build, CLAIM_LABEL, content_fragment);
      if (source_fragment != NULL)
        gloss_suggestion_set_source (suggestion,
                                     resolve_ref (build, SOURCE_LABEL, source_fragment));
      if (cue_fragment != NULL)
        gloss_suggestion_set_cue (suggestion, resolve_ref (build, CUE_LABEL, cue_fragment));
      if (certainty != NULL && certainty_def != NULL)
        {
          g_autoptr(GVariant) value = g_variant_ref_sink (g_variant_new_string (certainty));

          if (gloss_attr_def_check_value (certainty_def, value, NULL))
            gloss_suggestion_set_attribute (suggestion, CERTAINTY, value);
          else
            g_debug ("openai: certainty “%s” is not one the schema allows", certainty);
        }
    }
}

static int
compare_suggestions (gconstpointer a,
                     gconstpointer b)
{
  return gloss_suggestion_compare (*(GlossSuggestion **) a, *(GlossSuggestion **) b);
}

static const char *
gloss_openai_suggester_get_name (GlossSuggester *suggester)
{
  return "openai";
}

static char **
gloss_openai_suggester_dup_labels (GlossSuggester *suggester,
                                   GlossSchema    *schema)
{
  GListModel *labels = gloss_schema_get_labels (schema);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (labels, i);
      const char *name = gloss_label_get_name (label);

      /* CLAIM and CUE only as the frame has them. */
      if (!g_str_equal (name, CUE_LABEL) ||
          gloss_schema_lookup_label (schema, CLAIM_LABEL) != NULL)
        g_strv_builder_add (builder, name);
    }
  return g_strv_builder_end (builder);
}

static GPtrArray *
gloss_openai_suggester_suggest (GlossSuggester    *suggester,
                                GlossSuggestInput *input,
                                GCancellable      *cancellable,
                                GError           **error)
{
  GlossOpenaiSuggester *self = GLOSS_OPENAI_SUGGESTER (suggester);
  g_auto(Build) build = { 0 };
  g_autoptr(JsonNode) request = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonObject) frames = NULL;
  g_autofree char *url = NULL;
  JsonNode        *entities;
  JsonNode        *claims;

  g_return_val_if_fail (input->schema != NULL, NULL);

  url = _gloss_http_build_url (self->url, "/chat/completions", error);
  if (url == NULL)
    return NULL;
  request = build_request (self, input);
  answer = _gloss_http_send_json ("POST", url, request, self->api_key, &self->timeouts,
                                  cancellable, error);
  if (answer == NULL)
    return NULL;
  frames = read_answer (url, answer, error);
  if (frames == NULL)
    return NULL;
  entities = json_object_get_member (frames, "entities");
  claims = json_object_get_member (frames, "claims");
  if ((entities == NULL || !JSON_NODE_HOLDS_ARRAY (entities)) &&
      (claims == NULL || !JSON_NODE_HOLDS_ARRAY (claims)))
    {
      _gloss_http_set_protocol_error (error, url,
                                      _("the model’s message has no “entities” or “claims” list"));
      return NULL;
    }

  build.input = input;
  build.name = gloss_openai_suggester_get_name (suggester);
  build.anchor = _gloss_text_anchor_new (input->text);
  build.suggestions = g_ptr_array_new_with_free_func (g_object_unref);
  build.by_id = g_hash_table_new (g_str_hash, g_str_equal);
  build.taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  build.unanchored = g_ptr_array_new_with_free_func (g_free);
  if (entities != NULL && JSON_NODE_HOLDS_ARRAY (entities))
    read_entities (&build, json_node_get_array (entities));
  if (claims != NULL && JSON_NODE_HOLDS_ARRAY (claims))
    read_claims (&build, json_node_get_array (claims));
  g_ptr_array_sort (build.suggestions, compare_suggestions);

  g_mutex_lock (&self->mutex);
  g_clear_pointer (&self->unanchored, g_ptr_array_unref);
  self->unanchored = g_steal_pointer (&build.unanchored);
  g_mutex_unlock (&self->mutex);
  return g_steal_pointer (&build.suggestions);
}

static void
suggester_iface_init (GlossSuggesterInterface *iface)
{
  iface->get_name = gloss_openai_suggester_get_name;
  iface->dup_labels = gloss_openai_suggester_dup_labels;
  iface->suggest = gloss_openai_suggester_suggest;
}

static void
gloss_openai_suggester_finalize (GObject *object)
{
  GlossOpenaiSuggester *self = GLOSS_OPENAI_SUGGESTER (object);

  if (self->api_key != NULL)
    memset (self->api_key, 0, strlen (self->api_key));
  g_clear_pointer (&self->api_key, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->model, g_free);
  g_clear_pointer (&self->unanchored, g_ptr_array_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (gloss_openai_suggester_parent_class)->finalize (object);
}

static void
gloss_openai_suggester_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  GlossOpenaiSuggester *self = GLOSS_OPENAI_SUGGESTER (object);

  switch (prop_id)
    {
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_MODEL:
      g_value_set_string (value, self->model);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_openai_suggester_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  GlossOpenaiSuggester *self = GLOSS_OPENAI_SUGGESTER (object);

  switch (prop_id)
    {
    case PROP_URL:
      self->url = g_value_dup_string (value);
      break;
    case PROP_MODEL:
      self->model = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_openai_suggester_class_init (GlossOpenaiSuggesterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gloss_openai_suggester_finalize;
  object_class->get_property = gloss_openai_suggester_get_property;
  object_class->set_property = gloss_openai_suggester_set_property;

  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODEL] =
    g_param_spec_string ("model", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gloss_openai_suggester_init (GlossOpenaiSuggester *self)
{
  g_mutex_init (&self->mutex);
  self->timeouts.connect_timeout = GLOSS_HTTP_CONNECT_TIMEOUT;
  self->timeouts.request_timeout = GLOSS_HTTP_REQUEST_TIMEOUT;
}

GlossSuggester *
gloss_openai_suggester_new (const char *url,
                            const char *model,
                            const char *api_key)
{
  GlossOpenaiSuggester *self;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (model != NULL, NULL);

  self = g_object_new (GLOSS_TYPE_OPENAI_SUGGESTER, "url", url, "model", model, NULL);
  self->api_key = api_key != NULL && *api_key != '\0' ? g_strdup (api_key) : NULL;
  return GLOSS_SUGGESTER (self);
}

const char *
gloss_openai_suggester_get_url (GlossOpenaiSuggester *self)
{
  g_return_val_if_fail (GLOSS_IS_OPENAI_SUGGESTER (self), NULL);

  return self->url;
}

const char *
gloss_openai_suggester_get_model (GlossOpenaiSuggester *self)
{
  g_return_val_if_fail (GLOSS_IS_OPENAI_SUGGESTER (self), NULL);

  return self->model;
}

void
gloss_openai_suggester_set_timeouts (GlossOpenaiSuggester *self,
                                     guint                 connect_timeout,
                                     guint                 request_timeout)
{
  g_return_if_fail (GLOSS_IS_OPENAI_SUGGESTER (self));

  self->timeouts.connect_timeout = connect_timeout;
  self->timeouts.request_timeout = request_timeout;
}

GPtrArray *
gloss_openai_suggester_dup_unanchored (GlossOpenaiSuggester *self)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (GLOSS_IS_OPENAI_SUGGESTER (self), copy);

  g_mutex_lock (&self->mutex);
  for (guint i = 0; self->unanchored != NULL && i < self->unanchored->len; i++)
    g_ptr_array_add (copy, g_strdup (g_ptr_array_index (self->unanchored, i)));
  g_mutex_unlock (&self->mutex);
  return copy;
}
