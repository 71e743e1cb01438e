/* gloss-suggester-ls.c: a Label Studio ML backend as a suggester
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "gloss-schema.h"
#include "gloss-suggester-http.h"
#include "gloss-suggester-ls.h"

#define DEFAULT_SCORE 0.5

struct _GlossLsSuggester
{
  GObject           parent_instance;

  char             *url; /* owned: the base URL */
  GlossHttpTimeouts timeouts;

  /* check() may run beside suggest(): the mutex guards what follows. */
  GMutex            mutex;
  char             *project;       /* owned, nullable */
  char             *setup_key;     /* owned: the project and label config set up */
  char             *model_version; /* owned, nullable */
  guint             n_dropped;
};

static void suggester_iface_init (GlossSuggesterInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GlossLsSuggester, gloss_ls_suggester, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GLOSS_TYPE_SUGGESTER, suggester_iface_init))

enum
{
  PROP_0,
  PROP_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* "<View><Labels name="label" toName="text"><Label value="PERSON"/>…
 * </Labels><Text name="text" value="$text"/></View>": every label of
 * @schema (each is a span label). */
static char *
build_label_config (GlossSchema *schema)
{
  GListModel *labels = gloss_schema_get_labels (schema);
  GString    *config = g_string_new ("<View><Labels name=\"label\" toName=\"text\">");

  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (labels, i);
      g_autofree char *name = g_markup_escape_text (gloss_label_get_name (label), -1);

      g_string_append_printf (config, "<Label value=\"%s\"/>", name);
    }
  g_string_append (config, "</Labels><Text name=\"text\" value=\"$text\"/></View>");
  return g_string_free (config, FALSE);
}

/* A number member of @object, if it has one. */
static gboolean
get_number (JsonObject *object,
            const char *name,
            double     *value)
{
  JsonNode *node = json_object_get_member (object, name);
  GType     type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return FALSE;
  *value = json_node_get_double (node);
  return isfinite (*value);
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

static JsonObject *
get_object (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
get_array (JsonObject *object,
           const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static gboolean
offset_of (JsonObject *value,
           const char *name,
           guint      *offset)
{
  double number;

  if (!get_number (value, name, &number) || number < 0 || number > G_MAXUINT ||
      number != floor (number))
    return FALSE;
  *offset = (guint) number;
  return TRUE;
}

/* Where the span of @value is: its offsets when the text there is its
 * "text" (or it has none), else the occurrence of its text nearest them. */
static gboolean
anchor_value (GlossTextAnchor *anchor,
              JsonObject      *value,
              GlossFragment   *fragment)
{
  const char *text = get_string (value, "text");
  gboolean    has_offsets;
  g_autoptr(GArray) occurrences = NULL;
  GlossFragment nearest = { 0, 0 };
  guint         best = G_MAXUINT;

  has_offsets = offset_of (value, "start", &fragment->start) &&
                offset_of (value, "end", &fragment->end) && fragment->start < fragment->end &&
                fragment->end <= _gloss_text_anchor_get_length (anchor);
  if (text == NULL || *text == '\0')
    return has_offsets;
  if (has_offsets && _gloss_text_anchor_is_at (anchor, fragment->start, fragment->end, text))
    return TRUE;

  /* Not there (a backend counting bytes or UTF-16 units, or an old
   * text): the nearest occurrence of its text. */
  occurrences = _gloss_text_anchor_find (anchor, text);
  if (occurrences->len == 0)
    return FALSE;
  for (guint i = 0; i < occurrences->len; i++)
    {
      const GlossFragment *candidate = &g_array_index (occurrences, GlossFragment, i);
      gint64               from = has_offsets ? fragment->start : 0;
      guint                d = has_offsets ? (guint) ABS ((gint64) candidate->start - from) : i;

      if (d < best)
        {
          best = d;
          nearest = *candidate;
        }
    }
  g_debug ("ls-backend: “%s” is not at %u–%u: anchored at %u–%u", text,
           has_offsets ? fragment->start : 0, has_offsets ? fragment->end : 0, nearest.start,
           nearest.end);
  *fragment = nearest;
  return TRUE;
}

static void
add_suggestion (GHashTable      *by_id,
                GPtrArray       *suggestions,
                GlossSuggestion *suggestion)
{
  GlossSuggestion *same = g_hash_table_lookup (by_id, gloss_suggestion_get_id (suggestion));

  if (same != NULL)
    {
      gloss_suggestion_set_score (same, MAX (gloss_suggestion_get_score (same),
                                             gloss_suggestion_get_score (suggestion)));
      g_object_unref (suggestion);
      return;
    }
  g_hash_table_insert (by_id, (gpointer) gloss_suggestion_get_id (suggestion), suggestion);
  g_ptr_array_add (suggestions, suggestion);
}

/* The suggestions of one prediction. */
static void
read_prediction (GlossLsSuggester  *self,
                 GlossSuggestInput *input,
                 GlossTextAnchor   *anchor,
                 JsonArray         *results,
                 double             prediction_score,
                 GPtrArray         *suggestions,
                 guint             *n_dropped)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  const char *suggester_name = gloss_suggester_get_name (GLOSS_SUGGESTER (self));

  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonNode     *node = json_array_get_element (results, i);
      JsonObject   *result = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonObject   *value = result != NULL ? get_object (result, "value") : NULL;
      JsonArray    *labels = value != NULL ? get_array (value, "labels") : NULL;
      GlossFragment fragment = { 0, 0 };
      double        score = prediction_score;

      if (result == NULL || g_strcmp0 (get_string (result, "type"), "labels") != 0 ||
          labels == NULL)
        {
          g_debug ("ls-backend: result %u is not of type “labels”: dropped", i);
          (*n_dropped)++;
          continue;
        }
      if (!anchor_value (anchor, value, &fragment))
        {
          g_debug ("ls-backend: result %u (“%s”) is not in the text: dropped", i,
                   get_string (value, "text") != NULL ? get_string (value, "text") : "");
          (*n_dropped)++;
          continue;
        }
      get_number (result, "score", &score);
      score = CLAMP (score, 0.0, 1.0);
      for (guint j = 0; j < json_array_get_length (labels); j++)
        {
          JsonNode   *label = json_array_get_element (labels, j);
          const char *name = NULL;

          if (JSON_NODE_HOLDS_VALUE (label) && json_node_get_value_type (label) == G_TYPE_STRING)
            name = json_node_get_string (label);
          if (name == NULL || gloss_schema_lookup_label (input->schema, name) == NULL)
            {
              g_debug ("ls-backend: label “%s” is not in the schema: dropped",
                       name != NULL ? name : "");
              (*n_dropped)++;
              continue;
            }
          add_suggestion (by_id, suggestions,
                          gloss_suggestion_new_span (name, fragment.start, fragment.end, score,
                                                     suggester_name));
        }
    }
}

/* POST /setup once for each project and label config. */
static gboolean
set_up (GlossLsSuggester *self,
        const char       *project,
        const char       *config,
        GCancellable     *cancellable,
        GError          **error)
{
  g_autofree char *key = g_strconcat (project, "\n", config, NULL);
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *url = NULL;
  gboolean         done;

  g_mutex_lock (&self->mutex);
  done = g_strcmp0 (self->setup_key, key) == 0;
  g_mutex_unlock (&self->mutex);
  if (done)
    return TRUE;

  url = _gloss_http_build_url (self->url, "/setup", error);
  if (url == NULL)
    return FALSE;
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "project");
  json_builder_add_string_value (builder, project);
  json_builder_set_member_name (builder, "schema");
  json_builder_add_string_value (builder, config);
  json_builder_set_member_name (builder, "extra_params");
  json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  answer = _gloss_http_send_json ("POST", url, body, NULL, &self->timeouts, cancellable, error);
  if (answer == NULL)
    return FALSE;

  g_mutex_lock (&self->mutex);
  if (JSON_NODE_HOLDS_OBJECT (answer) &&
      get_string (json_node_get_object (answer), "model_version") != NULL)
    {
      g_free (self->model_version);
      self->model_version = g_strdup (get_string (json_node_get_object (answer), "model_version"));
    }
  g_free (self->setup_key);
  self->setup_key = g_steal_pointer (&key);
  g_mutex_unlock (&self->mutex);
  return TRUE;
}

static const char *
gloss_ls_suggester_get_name (GlossSuggester *suggester)
{
  return "ls-backend";
}

static char **
gloss_ls_suggester_dup_labels (GlossSuggester *suggester,
                               GlossSchema    *schema)
{
  GListModel *labels = gloss_schema_get_labels (schema);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (labels, i);

      g_strv_builder_add (builder, gloss_label_get_name (label));
    }
  return g_strv_builder_end (builder);
}

static GPtrArray *
gloss_ls_suggester_suggest (GlossSuggester    *suggester,
                            GlossSuggestInput *input,
                            GCancellable      *cancellable,
                            GError           **error)
{
  GlossLsSuggester *self = GLOSS_LS_SUGGESTER (suggester);
  g_autoptr(GPtrArray) suggestions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GlossTextAnchor) anchor = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *config = NULL;
  g_autofree char *project = NULL;
  g_autofree char *url = NULL;
  JsonArray       *predictions = NULL;
  guint            n_dropped = 0;

  g_return_val_if_fail (input->schema != NULL, NULL);

  url = _gloss_http_build_url (self->url, "/predict", error);
  if (url == NULL)
    return NULL;
  g_mutex_lock (&self->mutex);
  project = g_strdup (self->project != NULL ? self->project
                                             : gloss_schema_get_name (input->schema));
  g_mutex_unlock (&self->mutex);
  if (project == NULL || *project == '\0')
    {
      g_free (project);
      project = g_strdup ("gloss");
    }
  config = build_label_config (input->schema);
  if (!set_up (self, project, config, cancellable, error))
    return NULL;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "tasks");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, input->document_id);
  json_builder_set_member_name (builder, "data");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, input->text);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "label_config");
  json_builder_add_string_value (builder, config);
  json_builder_set_member_name (builder, "project");
  json_builder_add_string_value (builder, project);
  json_builder_set_member_name (builder, "params");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "context");
  json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  answer = _gloss_http_send_json ("POST", url, body, NULL, &self->timeouts, cancellable, error);
  if (answer == NULL)
    return NULL;

  /* {"results": [prediction, …]}, or the bare list older backends send. */
  if (JSON_NODE_HOLDS_ARRAY (answer))
    predictions = json_node_get_array (answer);
  else if (JSON_NODE_HOLDS_OBJECT (answer))
    predictions = get_array (json_node_get_object (answer), "results");
  if (predictions == NULL)
    {
      _gloss_http_set_protocol_error (error, url, _("no “results” list of predictions"));
      return NULL;
    }

  anchor = _gloss_text_anchor_new (input->text);
  /* One task was sent: its prediction is the first. */
  for (guint i = 0; i < MIN (json_array_get_length (predictions), 1); i++)
    {
      JsonNode   *node = json_array_get_element (predictions, i);
      JsonObject *prediction = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonArray  *results = prediction != NULL ? get_array (prediction, "result") : NULL;
      double      score = DEFAULT_SCORE;

      if (results == NULL)
        {
          _gloss_http_set_protocol_error (error, url, _("a prediction without a “result” list"));
          return NULL;
        }
      get_number (prediction, "score", &score);
      read_prediction (self, input, anchor, results, score, suggestions, &n_dropped);
      if (get_string (prediction, "model_version") != NULL)
        {
          g_mutex_lock (&self->mutex);
          g_free (self->model_version);
          self->model_version = g_strdup (get_string (prediction, "model_version"));
          g_mutex_unlock (&self->mutex);
        }
    }

  g_mutex_lock (&self->mutex);
  self->n_dropped = n_dropped;
  g_mutex_unlock (&self->mutex);
  if (n_dropped > 0)
    g_debug ("ls-backend: %u results of %s dropped", n_dropped, url);
  return g_steal_pointer (&suggestions);
}

static void
suggester_iface_init (GlossSuggesterInterface *iface)
{
  iface->get_name = gloss_ls_suggester_get_name;
  iface->dup_labels = gloss_ls_suggester_dup_labels;
  iface->suggest = gloss_ls_suggester_suggest;
}

static void
gloss_ls_suggester_finalize (GObject *object)
{
  GlossLsSuggester *self = GLOSS_LS_SUGGESTER (object);

  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->project, g_free);
  g_clear_pointer (&self->setup_key, g_free);
  g_clear_pointer (&self->model_version, g_free);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (gloss_ls_suggester_parent_class)->finalize (object);
}

static void
gloss_ls_suggester_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  GlossLsSuggester *self = GLOSS_LS_SUGGESTER (object);

  switch (prop_id)
    {
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_ls_suggester_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  GlossLsSuggester *self = GLOSS_LS_SUGGESTER (object);

  switch (prop_id)
    {
    case PROP_URL:
      self->url = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_ls_suggester_class_init (GlossLsSuggesterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gloss_ls_suggester_finalize;
  object_class->get_property = gloss_ls_suggester_get_property;
  object_class->set_property = gloss_ls_suggester_set_property;

  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gloss_ls_suggester_init (GlossLsSuggester *self)
{
  g_mutex_init (&self->mutex);
  self->timeouts.connect_timeout = GLOSS_HTTP_CONNECT_TIMEOUT;
  self->timeouts.request_timeout = GLOSS_HTTP_REQUEST_TIMEOUT;
}

GlossSuggester *
gloss_ls_suggester_new (const char *url)
{
  g_return_val_if_fail (url != NULL, NULL);

  return g_object_new (GLOSS_TYPE_LS_SUGGESTER, "url", url, NULL);
}

const char *
gloss_ls_suggester_get_url (GlossLsSuggester *self)
{
  g_return_val_if_fail (GLOSS_IS_LS_SUGGESTER (self), NULL);

  return self->url;
}

void
gloss_ls_suggester_set_project (GlossLsSuggester *self,
                                const char       *project)
{
  g_return_if_fail (GLOSS_IS_LS_SUGGESTER (self));

  g_mutex_lock (&self->mutex);
  g_free (self->project);
  self->project = g_strdup (project);
  g_mutex_unlock (&self->mutex);
}

void
gloss_ls_suggester_set_timeouts (GlossLsSuggester *self,
                                 guint             connect_timeout,
                                 guint             request_timeout)
{
  g_return_if_fail (GLOSS_IS_LS_SUGGESTER (self));

  self->timeouts.connect_timeout = connect_timeout;
  self->timeouts.request_timeout = request_timeout;
}

gboolean
gloss_ls_suggester_check (GlossLsSuggester *self,
                          GCancellable     *cancellable,
                          GError          **error)
{
  g_autofree char *url = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char *status = NULL;
  gsize       length = 0;
  const char *data;

  g_return_val_if_fail (GLOSS_IS_LS_SUGGESTER (self), FALSE);

  url = _gloss_http_build_url (self->url, "/health", error);
  if (url == NULL)
    return FALSE;
  answer = _gloss_http_send ("GET", url, NULL, NULL, &self->timeouts, cancellable, error);
  if (answer == NULL)
    return FALSE;

  /* {"status": "UP", "model_class": …}; a backend that answers 200 with
   * something else is taken to be up. */
  data = g_bytes_get_data (answer, &length);
  if (data != NULL)
    root = _gloss_http_parse (url, data, length, NULL);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    status = get_string (json_node_get_object (root), "status");
  if (status != NULL && g_ascii_strcasecmp (status, "UP") != 0)
    {
      g_set_error (error, GLOSS_SUGGEST_ERROR, GLOSS_SUGGEST_ERROR_UNREACHABLE,
                   _("%s says the backend is not up: “%s”"), url, status);
      return FALSE;
    }
  return TRUE;
}

guint
gloss_ls_suggester_get_n_dropped (GlossLsSuggester *self)
{
  guint n;

  g_return_val_if_fail (GLOSS_IS_LS_SUGGESTER (self), 0);

  g_mutex_lock (&self->mutex);
  n = self->n_dropped;
  g_mutex_unlock (&self->mutex);
  return n;
}

char *
gloss_ls_suggester_dup_model_version (GlossLsSuggester *self)
{
  char *version;

  g_return_val_if_fail (GLOSS_IS_LS_SUGGESTER (self), NULL);

  g_mutex_lock (&self->mutex);
  version = g_strdup (self->model_version);
  g_mutex_unlock (&self->mutex);
  return version;
}
