/* test-suggest-http.c: the Label Studio ML backend and OpenAI-compatible suggesters
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Real HTTP: each test starts a small server of its own on 127.0.0.1 (a random
 * port) in a thread with its own main context, speaking the protocol the
 * suggester expects, and records what it was sent; the test calls the
 * suggester synchronously, as a worker thread does, and checks both sides.
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "gloss.h"
#include "gloss-suggester-ls.h"
#include "gloss-suggester-openai.h"

/* ---- a server in a thread ------------------------------------------------- */

typedef struct _Server Server;

/* Answers one request: the body to send (NULL for none) and its status. */
typedef char *(*AnswerFunc) (Server     *server,
                             const char *method,
                             const char *path,
                             const char *body,
                             guint      *status);

struct _Server
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *soup;
  char         *url; /* http://127.0.0.1:PORT */
  AnswerFunc    answer;
  gpointer      data; /* the test's */

  GMutex        mutex;
  GCond         cond;
  gboolean      ready;
  GPtrArray    *requests; /* "POST /predict", in order */
  GHashTable   *bodies;   /* path -> the last body sent there */
  char         *authorization;
  gboolean      arrived;  /* a held request came */
  gboolean      released; /* the test lets a held request go */
};

static void
handler_cb (SoupServer        *soup,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  Server             *server = user_data;
  const char         *method = soup_server_message_get_method (message);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  SoupMessageBody *request = soup_server_message_get_request_body (message);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (request);
  g_autofree char *body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  const char      *authorization = soup_message_headers_get_one (headers, "Authorization");
  g_autofree char *answer = NULL;
  guint            status = SOUP_STATUS_OK;

  g_mutex_lock (&server->mutex);
  g_ptr_array_add (server->requests, g_strdup_printf ("%s %s", method, path));
  g_hash_table_replace (server->bodies, g_strdup (path), g_strdup (body));
  g_free (server->authorization);
  server->authorization = g_strdup (authorization);
  g_mutex_unlock (&server->mutex);

  answer = server->answer (server, method, path, body, &status);
  soup_server_message_set_status (message, status, NULL);
  if (answer != NULL)
    soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY, answer,
                                      strlen (answer));
}

static gpointer
server_thread (gpointer data)
{
  Server *server = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (server->context);
  server->soup = soup_server_new (NULL, NULL);
  soup_server_add_handler (server->soup, NULL, handler_cb, server, NULL);
  soup_server_listen_local (server->soup, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server->soup);
  g_assert_nonnull (uris);

  g_mutex_lock (&server->mutex);
  server->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  server->ready = TRUE;
  g_cond_signal (&server->cond);
  g_mutex_unlock (&server->mutex);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (server->loop);
  soup_server_disconnect (server->soup);
  g_clear_object (&server->soup);
  g_main_context_pop_thread_default (server->context);
  return NULL;
}

static Server *
server_start (AnswerFunc answer,
              gpointer   data)
{
  Server *server = g_new0 (Server, 1);

  server->answer = answer;
  server->data = data;
  server->context = g_main_context_new ();
  server->loop = g_main_loop_new (server->context, FALSE);
  server->requests = g_ptr_array_new_with_free_func (g_free);
  server->bodies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_mutex_init (&server->mutex);
  g_cond_init (&server->cond);
  server->thread = g_thread_new ("test-server", server_thread, server);
  g_mutex_lock (&server->mutex);
  while (!server->ready)
    g_cond_wait (&server->cond, &server->mutex);
  g_mutex_unlock (&server->mutex);
  return server;
}

static void
server_stop (Server *server)
{
  g_mutex_lock (&server->mutex);
  server->released = TRUE;
  g_cond_broadcast (&server->cond);
  g_mutex_unlock (&server->mutex);
  g_main_loop_quit (server->loop);
  g_thread_join (server->thread);
  g_main_loop_unref (server->loop);
  g_main_context_unref (server->context);
  g_ptr_array_unref (server->requests);
  g_hash_table_unref (server->bodies);
  g_mutex_clear (&server->mutex);
  g_cond_clear (&server->cond);
  g_free (server->authorization);
  g_free (server->url);
  g_free (server);
}

static guint
server_count (Server     *server,
              const char *request)
{
  guint n = 0;

  g_mutex_lock (&server->mutex);
  for (guint i = 0; i < server->requests->len; i++)
    n += g_str_equal (g_ptr_array_index (server->requests, i), request);
  g_mutex_unlock (&server->mutex);
  return n;
}

/* The last body sent to @path, parsed. */
static JsonObject *
server_body (Server     *server,
             const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;

  g_mutex_lock (&server->mutex);
  body = g_strdup (g_hash_table_lookup (server->bodies, path));
  g_mutex_unlock (&server->mutex);
  g_assert_nonnull (body);
  json_parser_load_from_data (parser, body, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* A port nothing listens on. */
static char *
closed_url (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  guint16 port;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_socket_bind (socket, any, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);
  return g_strdup_printf ("http://127.0.0.1:%u", port);
}

static GlossSchema *
news_schema (void)
{
  g_autoptr(GError) error = NULL;
  GlossSchema *schema = gloss_schema_new_preset ("news", &error);

  g_assert_no_error (error);
  return schema;
}

static int
compare_suggestions (gconstpointer a,
                     gconstpointer b)
{
  return gloss_suggestion_compare (*(GlossSuggestion **) a, *(GlossSuggestion **) b);
}

static void
sort_suggestions (GPtrArray *suggestions)
{
  g_ptr_array_sort (suggestions, compare_suggestions);
}

static void
assert_span (GlossSuggestion *suggestion,
             const char      *label,
             guint            start,
             guint            end)
{
  guint n_fragments = 0;

  gloss_suggestion_get_fragments (suggestion, &n_fragments);
  g_assert_cmpstr (gloss_suggestion_get_label (suggestion), ==, label);
  g_assert_cmpuint (n_fragments, ==, 1);
  g_assert_cmpuint (gloss_suggestion_get_start (suggestion), ==, start);
  g_assert_cmpuint (gloss_suggestion_get_end (suggestion), ==, end);
}

/* The suggestion of @label starting at @start, or NULL. */
static GlossSuggestion *
find (GPtrArray  *suggestions,
      const char *label,
      guint       start)
{
  for (guint i = 0; i < suggestions->len; i++)
    {
      GlossSuggestion *s = g_ptr_array_index (suggestions, i);

      if (g_str_equal (gloss_suggestion_get_label (s), label) &&
          gloss_suggestion_get_start (s) == start)
        return s;
    }
  return NULL;
}

/* ---- the Label Studio ML backend ------------------------------------------ */

/* Offsets below are code points; "Vienna" comes in bytes (53, 59) as a
 * backend that counts bytes would send it, and is anchored again. */
static const char ls_text[] =
  "Škoda’s former engineer Jiří Novák defected to Vienna, the agency said on Friday.";

static const char ls_predictions[] =
  "{\"results\": [{\"model_version\": \"ner-7\", \"score\": 0.77, \"result\": ["
  "{\"from_name\": \"label\", \"to_name\": \"text\", \"type\": \"labels\", \"score\": 0.91,"
  " \"value\": {\"start\": 24, \"end\": 34, \"text\": \"Jiří Novák\", \"labels\": [\"PERSON\"]}},"
  "{\"from_name\": \"label\", \"to_name\": \"text\", \"type\": \"labels\","
  " \"value\": {\"start\": 53, \"end\": 59, \"text\": \"Vienna\", \"labels\": [\"GPE\"]}},"
  "{\"from_name\": \"label\", \"to_name\": \"text\", \"type\": \"labels\", \"score\": 0.6,"
  " \"value\": {\"start\": 0, \"end\": 5, \"text\": \"Škoda\", \"labels\": [\"ORG\"]}},"
  "{\"from_name\": \"label\", \"to_name\": \"text\", \"type\": \"labels\", \"score\": 0.8,"
  " \"value\": {\"start\": 29, \"end\": 34, \"text\": \"Novák\", \"labels\": [\"WEAPON\"]}},"
  "{\"from_name\": \"label\", \"to_name\": \"text\", \"type\": \"labels\", \"score\": 0.8,"
  " \"value\": {\"start\": 1, \"end\": 7, \"text\": \"Prague\", \"labels\": [\"GPE\"]}},"
  "{\"from_name\": \"topic\", \"to_name\": \"text\", \"type\": \"choices\","
  " \"value\": {\"choices\": [\"espionage\"]}}"
  "]}]}";

static char *
ls_answer (Server     *server,
           const char *method,
           const char *path,
           const char *body,
           guint      *status)
{
  const char *mode = server->data;

  if (g_str_equal (path, "/health"))
    {
      if (g_strcmp0 (mode, "unhealthy") == 0)
        {
          *status = SOUP_STATUS_SERVICE_UNAVAILABLE;
          return g_strdup ("{\"status\": \"DOWN\"}");
        }
      return g_strdup ("{\"status\": \"UP\", \"model_class\": \"TestTagger\"}");
    }
  if (g_str_equal (path, "/setup"))
    return g_strdup ("{\"model_version\": \"ner-7\"}");
  if (g_str_equal (path, "/predict"))
    {
      if (g_strcmp0 (mode, "garbage") == 0)
        return g_strdup ("<html><body>Internal hiccup</body></html>");
      if (g_strcmp0 (mode, "wrong-shape") == 0)
        return g_strdup ("{\"results\": \"none today\"}");
      if (g_strcmp0 (mode, "bare-list") == 0)
        return g_strdup ("[{\"result\": [{\"from_name\": \"label\", \"to_name\": \"text\","
                         " \"type\": \"labels\", \"value\": {\"start\": 24, \"end\": 34,"
                         " \"text\": \"Jiří Novák\", \"labels\": [\"PERSON\"]}}]}]");
      return g_strdup (ls_predictions);
    }
  *status = SOUP_STATUS_NOT_FOUND;
  return NULL;
}

static void
test_ls_predict (void)
{
  g_autoptr(GlossSchema) schema = news_schema ();
  g_autoptr(GlossSuggestInput) input = gloss_suggest_input_new_text ("vienna", ls_text, schema,
                                                                      NULL);
  Server *server = server_start (ls_answer, NULL);
  g_autoptr(GlossSuggester) suggester = gloss_ls_suggester_new (server->url);
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(JsonObject) predict = NULL;
  g_autoptr(JsonObject) setup = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;
  JsonObject      *task;
  const char      *config;

  g_assert_cmpstr (gloss_suggester_get_name (suggester), ==, "ls-backend");
  gloss_ls_suggester_set_project (GLOSS_LS_SUGGESTER (suggester), "Defectors 2026");
  suggestions = gloss_suggester_suggest (suggester, input, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (suggestions);
  sort_suggestions (suggestions);

  /* What the backend was sent. */
  g_assert_cmpuint (server_count (server, "POST /setup"), ==, 1);
  g_assert_cmpuint (server_count (server, "POST /predict"), ==, 1);
  predict = server_body (server, "/predict");
  task = json_array_get_object_element (json_object_get_array_member (predict, "tasks"), 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (predict, "tasks")), ==, 1);
  g_assert_cmpint (json_object_get_int_member (task, "id"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (task, "data"),
                                                  "text"),
                   ==, ls_text);
  g_assert_cmpstr (json_object_get_string_member (predict, "project"), ==, "Defectors 2026");
  g_assert_true (json_object_get_null_member (json_object_get_object_member (predict, "params"),
                                              "context"));
  config = json_object_get_string_member (predict, "label_config");
  g_assert_true (g_str_has_prefix (config,
                                   "<View><Labels name=\"label\" toName=\"text\">"
                                   "<Label value=\"PERSON\"/><Label value=\"ORG\"/>"));
  g_assert_nonnull (strstr (config, "<Label value=\"CLAIM\"/>"));
  g_assert_nonnull (strstr (config, "<Label value=\"CUE\"/>"));
  g_assert_true (g_str_has_suffix (config,
                                   "</Labels><Text name=\"text\" value=\"$text\"/></View>"));
  setup = server_body (server, "/setup");
  g_assert_cmpstr (json_object_get_string_member (setup, "project"), ==, "Defectors 2026");
  g_assert_cmpstr (json_object_get_string_member (setup, "schema"), ==, config);
  g_assert_true (json_object_get_null_member (setup, "extra_params"));

  /* What it answered: code points, the byte offsets of "Vienna" anchored
   * again, WEAPON, "Prague" and the choices result dropped. */
  g_assert_cmpuint (suggestions->len, ==, 3);
  assert_span (g_ptr_array_index (suggestions, 0), "ORG", 0, 5);
  g_assert_cmpfloat_with_epsilon (gloss_suggestion_get_score (g_ptr_array_index (suggestions, 0)),
                                  0.6, 1e-9);
  assert_span (g_ptr_array_index (suggestions, 1), "PERSON", 24, 34);
  g_assert_cmpfloat_with_epsilon (gloss_suggestion_get_score (g_ptr_array_index (suggestions, 1)),
                                  0.91, 1e-9);
  assert_span (g_ptr_array_index (suggestions, 2), "GPE", 47, 53);
  g_assert_cmpfloat_with_epsilon (gloss_suggestion_get_score (g_ptr_array_index (suggestions, 2)),
                                  0.77, 1e-9);
  for (guint i = 0; i < suggestions->len; i++)
    g_assert_cmpstr (gloss_suggestion_get_suggester (g_ptr_array_index (suggestions, i)), ==,
                     "ls-backend");
  g_assert_cmpuint (gloss_ls_suggester_get_n_dropped (GLOSS_LS_SUGGESTER (suggester)), ==, 3);
  version = gloss_ls_suggester_dup_model_version (GLOSS_LS_SUGGESTER (suggester));
  g_assert_cmpstr (version, ==, "ner-7");

  /* The backend is set up once. */
  again = gloss_suggester_suggest (suggester, input, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 3);
  g_assert_cmpuint (server_count (server, "POST /setup"), ==, 1);
  g_assert_cmpuint (server_count (server, "POST /predict"), ==, 2);

  server_stop (server);
}

static void
test_ls_bare_list (void)
{
  g_autoptr(GlossSchema) schema = news_schema ();
  g_autoptr(GlossSuggestInput) input = gloss_suggest_input_new_text ("vienna", ls_text, schema,
                                                                      NULL);
  Server *server = server_start (ls_answer, (gpointer) "bare-list");
  g_autoptr(GlossSuggester) suggester = gloss_ls_suggester_new (server->url);
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GError) error = NULL;

  suggestions = gloss_suggester_suggest (suggester, input, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (suggestions->len, ==, 1);
  assert_span (g_ptr_array_index (suggestions, 0), "PERSON", 24, 34);
  g_assert_cmpfloat_with_epsilon (gloss_suggestion_get_score (g_ptr_array_index (suggestions, 0)),
                                  0.5, 1e-9);
  g_assert_cmpuint (gloss_ls_suggester_get_n_dropped (GLOSS_LS_SUGGESTER (suggester)), ==, 0);
  server_stop (server);
}

static void
test_ls_health (void)
{
  Server *server = server_start (ls_answer, NULL);
  Server *sick = server_start (ls_answer, (gpointer) "unhealthy");
  g_autoptr(GlossSuggester) healthy = gloss_ls_suggester_new (server->url);
  g_autoptr(GlossSuggester) unhealthy = gloss_ls_suggester_new (sick->url);
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_ls_suggester_check (GLOSS_LS_SUGGESTER (healthy), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (server_count (server, "GET /health"), ==, 1);

  g_assert_false (gloss_ls_suggester_check (GLOSS_LS_SUGGESTER (unhealthy), NULL, &error));
  g_assert_error (error, GLOSS_SUGGEST_ERROR, GLOSS_SUGGEST_ERROR_UNREACHABLE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, sick->url));
  g_assert_nonnull (strstr (error->message, "/health"));
  g_assert_nonnull (strstr (error->message, "503"));

  server_stop (server);
  server_stop (sick);
}

static void
test_ls_garbage (void)
{
  g_autoptr(GlossSchema) schema = news_schema ();
  g_autoptr(GlossSuggestInput) input = gloss_suggest_input_new_text ("vienna", ls_text, schema,
                                                                      NULL);
  const char *modes[] = { "garbage", "wrong-shape" };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      Server *server = server_start (ls_answer, (gpointer) modes[i]);
      g_autoptr(GlossSuggester) suggester = gloss_ls_suggester_new (server->url);
      g_autoptr(GPtrArray) suggestions = NULL;
      g_autoptr(GError) error = NULL;

      suggestions = gloss_suggester_suggest (suggester, input, NULL, &error);
      g_assert_null (suggestions);
      g_assert_error (error, GLOSS_SUGGEST_ERROR, GLOSS_SUGGEST_ERROR_PROTOCOL);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, server->url));
      server_stop (server);
    }
}

static void
test_ls_closed_port (void)
{
  g_autoptr(GlossSchema) schema = news_schema ();
  g_autoptr(GlossSuggestInput) input = gloss_suggest_input_new_text ("vienna", ls_text, schema,
                                                                      NULL);
  g_autofree char *url = closed_url ();
  g_autoptr(GlossSuggester) suggester = gloss_ls_suggester_new (url);
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (gloss_ls_suggester_check (GLOSS_LS_SUGGESTER (suggester), NULL, &error));
  g_assert_error (error, GLOSS_SUGGEST_ERROR, GLOSS_SUGGEST_ERROR_UNREACHABLE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, url));
  g_clear_error (&error);

  suggestions = gloss_suggester_suggest (suggester, input, NULL, &error);
  g_assert_null (suggestions);
  g_assert_error (error, GLOSS_SUGGEST_ERROR, GLOSS_SUGGEST_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (error->message, url));
}

/* ---- an OpenAI-compatible endpoint ---------------------------------------- */

static const char openai_text[] =
  "Officials in Vilnius said on Monday that the agency “had no\ncontact” with the defector.\n"
  "“We never paid him,” the spokesman, Tomas Varga, told reporters. A source said the unit "
  "was disbanded.";

/* The model's strings differ from the text in whitespace and quote style;
 * "Nordic Shield" is not in the text. */
static const char openai_frames[] =
  "{\"entities\": ["
  "{\"text\": \"Vilnius\", \"label\": \"GPE\"},"
  "{\"text\": \"Tomas Varga\", \"label\": \"PERSON\"},"
  "{\"text\": \"Nordic Shield\", \"label\": \"ORG\"}],"
  " \"claims\": ["
  "{\"content\": \"the agency \\\"had no contact\\\"  with the defector\","
  " \"source\": \"Officials\", \"cue\": \"said\", \"certainty\": \"asserted\"},"
  "{\"content\": \"\\\"We never paid him,\\\"\", \"source\": \"Tomas Varga\", \"cue\": \"told\","
  " \"certainty\": \"denied\"},"
  "{\"content\": \"the unit was disbanded\", \"source\": \"A source\", \"cue\": \"said\","
  " \"certainty\": \"asserted\"}]}";

typedef struct
{
  const char *content;  /* the message the model answers */
  gboolean    hold;     /* answer once the test releases the server */
  guint       delay_ms; /* before answering */
} OpenaiMode;

static char *
openai_answer (Server     *server,
               const char *method,
               const char *path,
               const char *body,
               guint      *status)
{
  OpenaiMode *mode = server->data;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  if (!g_str_equal (path, "/v1/chat/completions"))
    {
      *status = SOUP_STATUS_NOT_FOUND;
      return g_strdup ("{\"error\": {\"message\": \"no such route\"}}");
    }
  if (mode->hold)
    {
      /* Say the request came, and answer only once the test has done what
       * it does meanwhile (or after 10 s). */
      gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

      g_mutex_lock (&server->mutex);
      server->arrived = TRUE;
      g_cond_broadcast (&server->cond);
      while (!server->released)
        if (!g_cond_wait_until (&server->cond, &server->mutex, deadline))
          break;
      g_mutex_unlock (&server->mutex);
    }
  if (mode->delay_ms > 0)
    g_usleep (mode->delay_ms * 1000);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, "chatcmpl-1");
  json_builder_set_member_name (builder, "object");
  json_builder_add_string_value (builder, "chat.completion");
  json_builder_set_member_name (builder, "choices");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "index");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "finish_reason");
  json_builder_add_string_value (builder, "stop");
  json_builder_set_member_name (builder, "message");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, "assistant");
  json_builder_set_member_name (builder, "content");
  json_builder_add_string_value (builder, mode->content);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static GlossAnnotation *
varga_annotation (void)
{
  GlossAnnotation *annotation = gloss_annotation_new_span ("PERSON", 124, 135, "ana");

  gloss_annotation_set_uuid (annotation, "0b7c1f2e-5d7a-4a39-9a55-5f0f3e0a9b11");
  return annotation;
}

static void
test_openai_frames (void)
{
  g_autoptr(GlossSchema) schema = news_schema ();
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GlossSuggestInput) input = NULL;
  OpenaiMode       mode = { openai_frames, FALSE, 0 };
  Server          *server = server_start (openai_answer, &mode);
  g_autofree char *base = g_strconcat (server->url, "/v1/", NULL);
  g_autoptr(GlossSuggester) suggester = NULL;
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GPtrArray) unanchored = NULL;
  g_autoptr(JsonObject) request = NULL;
  g_autoptr(GError) error = NULL;
  GlossSuggestion *claim, *source, *cue, *entity;
  JsonObject      *format, *json_schema, *properties;
  JsonArray       *messages;

  g_ptr_array_add (annotations, varga_annotation ());
  input = gloss_suggest_input_new_text ("vilnius", openai_text, schema, annotations);
  suggester = gloss_openai_suggester_new (base, "gloss-test-model", "sk-test-1234");
  g_assert_cmpstr (gloss_suggester_get_name (suggester), ==, "openai");
  suggestions = gloss_suggester_suggest (suggester, input, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (suggestions);

  /* What the endpoint was sent. */
  g_assert_cmpuint (server_count (server, "POST /v1/chat/completions"), ==, 1);
  g_assert_cmpstr (server->authorization, ==, "Bearer sk-test-1234");
  request = server_body (server, "/v1/chat/completions");
  g_assert_cmpstr (json_object_get_string_member (request, "model"), ==, "gloss-test-model");
  g_assert_cmpfloat (json_object_get_double_member (request, "temperature"), ==, 0.0);
  messages = json_object_get_array_member (request, "messages");
  g_assert_cmpuint (json_array_get_length (messages), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (messages, 0),
                                                  "role"),
                   ==, "system");
  g_assert_nonnull (strstr (json_object_get_string_member (json_array_get_object_element (messages,
                                                                                          0),
                                                           "content"),
                            "PERSON"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (messages, 1),
                                                  "role"),
                   ==, "user");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (messages, 1),
                                                  "content"),
                   ==, openai_text);
  format = json_object_get_object_member (request, "response_format");
  g_assert_cmpstr (json_object_get_string_member (format, "type"), ==, "json_schema");
  json_schema = json_object_get_object_member (format, "json_schema");
  g_assert_cmpstr (json_object_get_string_member (json_schema, "name"), ==, "claim_frames");
  properties = json_object_get_object_member (json_object_get_object_member (json_schema, "schema"),
                                              "properties");
  g_assert_true (json_object_has_member (properties, "entities"));
  g_assert_true (json_object_has_member (properties, "claims"));

  /* Entities: Vilnius and Tomas Varga; Nordic Shield is listed. */
  g_assert_nonnull ((entity = find (suggestions, "GPE", 13)));
  assert_span (entity, "GPE", 13, 20);
  g_assert_nonnull ((entity = find (suggestions, "PERSON", 124)));
  assert_span (entity, "PERSON", 124, 135);
  g_assert_cmpfloat_with_epsilon (gloss_suggestion_get_score (entity), 0.5, 1e-9);
  unanchored = gloss_openai_suggester_dup_unanchored (GLOSS_OPENAI_SUGGESTER (suggester));
  g_assert_cmpuint (unanchored->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (unanchored, 0), ==, "Nordic Shield");

  /* The first claim: curly quotes and a line break in the text, straight
   * quotes and two spaces in the answer; its cue is the first "said". */
  g_assert_nonnull ((claim = find (suggestions, "CLAIM", 41)));
  assert_span (claim, "CLAIM", 41, 86);
  g_assert_cmpstr (g_variant_get_string (gloss_suggestion_get_attribute (claim, "certainty"),
                                         NULL),
                   ==, "asserted");
  g_assert_nonnull ((source = find (suggestions, "SOURCE", 0)));
  assert_span (source, "SOURCE", 0, 9);
  g_assert_cmpstr (gloss_suggestion_get_source (claim), ==, gloss_suggestion_get_id (source));
  g_assert_nonnull ((cue = find (suggestions, "CUE", 21)));
  assert_span (cue, "CUE", 21, 25);
  g_assert_cmpstr (gloss_suggestion_get_cue (claim), ==, gloss_suggestion_get_id (cue));

  /* The second: its source is the existing annotation, by UUID. */
  g_assert_nonnull ((claim = find (suggestions, "CLAIM", 88)));
  assert_span (claim, "CLAIM", 88, 108);
  g_assert_cmpstr (g_variant_get_string (gloss_suggestion_get_attribute (claim, "certainty"),
                                         NULL),
                   ==, "denied");
  g_assert_cmpstr (gloss_suggestion_get_source (claim), ==, "0b7c1f2e-5d7a-4a39-9a55-5f0f3e0a9b11");
  g_assert_nonnull ((cue = find (suggestions, "CUE", 137)));
  assert_span (cue, "CUE", 137, 141);
  g_assert_cmpstr (gloss_suggestion_get_cue (claim), ==, gloss_suggestion_get_id (cue));

  /* The third: the second "said", the one nearest its content. */
  g_assert_nonnull ((claim = find (suggestions, "CLAIM", 167)));
  assert_span (claim, "CLAIM", 167, 189);
  g_assert_nonnull ((source = find (suggestions, "SOURCE", 153)));
  assert_span (source, "SOURCE", 153, 161);
  g_assert_cmpstr (gloss_suggestion_get_source (claim), ==, gloss_suggestion_get_id (source));
  g_assert_nonnull ((cue = find (suggestions, "CUE", 162)));
  assert_span (cue, "CUE", 162, 166);
  g_assert_cmpstr (gloss_suggestion_get_cue (claim), ==, gloss_suggestion_get_id (cue));

  /* Nothing else: 2 entities, 3 claims, 3 cues, 2 sources. */
  g_assert_cmpuint (suggestions->len, ==, 10);
  for (guint i = 0; i < suggestions->len; i++)
    g_assert_cmpstr (gloss_suggestion_get_suggester (g_ptr_array_index (suggestions, i)), ==,
                     "openai");

  server_stop (server);
}

static void
test_openai_fenced (void)
{
  g_autoptr(GlossSchema) schema = news_schema ();
  g_autoptr(GlossSuggestInput) input = gloss_suggest_input_new_text ("vilnius", openai_text, schema,
                                                                      NULL);
  OpenaiMode mode = {
    "```json\n{\"entities\": [{\"text\": \"Tomas  Varga\", \"label\": \"PERSON\"},"
    " {\"text\": \"Vilnius\", \"label\": \"SUBMARINE\"}], \"claims\": []}\n```\n",
    FALSE, 0
  };
  Server          *server = server_start (openai_answer, &mode);
  g_autofree char *base = g_strconcat (server->url, "/v1", NULL);
  g_autoptr(GlossSuggester) suggester = gloss_openai_suggester_new (base, "tiny", NULL);
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GPtrArray) unanchored = NULL;
  g_autoptr(GError) error = NULL;

  suggestions = gloss_suggester_suggest (suggester, input, NULL, &error);
  g_assert_no_error (error);
  /* No key, no Authorization; the label the schema lacks is dropped. */
  g_assert_null (server->authorization);
  g_assert_cmpuint (suggestions->len, ==, 1);
  assert_span (g_ptr_array_index (suggestions, 0), "PERSON", 124, 135);
  unanchored = gloss_openai_suggester_dup_unanchored (GLOSS_OPENAI_SUGGESTER (suggester));
  g_assert_cmpuint (unanchored->len, ==, 0);
  server_stop (server);
}

static void
test_openai_not_json (void)
{
  g_autoptr(GlossSchema) schema = news_schema ();
  g_autoptr(GlossSuggestInput) input = gloss_suggest_input_new_text ("vilnius", openai_text, schema,
                                                                      NULL);
  OpenaiMode       mode = { "Sorry, I cannot read this article.", FALSE, 0 };
  Server          *server = server_start (openai_answer, &mode);
  g_autofree char *base = g_strconcat (server->url, "/v1", NULL);
  g_autoptr(GlossSuggester) suggester = gloss_openai_suggester_new (base, "tiny", NULL);
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GError) error = NULL;

  suggestions = gloss_suggester_suggest (suggester, input, NULL, &error);
  g_assert_null (suggestions);
  g_assert_error (error, GLOSS_SUGGEST_ERROR, GLOSS_SUGGEST_ERROR_PROTOCOL);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, server->url));
  server_stop (server);
}

typedef struct
{
  GlossSuggester    *suggester;
  GlossSuggestInput *input;
  GCancellable      *cancellable;
  GError            *error;
  GPtrArray         *suggestions;
  gint64             returned; /* monotonic µs */
} Worker;

static gpointer
worker_thread (gpointer data)
{
  Worker *worker = data;

  worker->suggestions = gloss_suggester_suggest (worker->suggester, worker->input,
                                                 worker->cancellable, &worker->error);
  worker->returned = g_get_monotonic_time ();
  return NULL;
}

static void
test_openai_cancel (void)
{
  g_autoptr(GlossSchema) schema = news_schema ();
  g_autoptr(GlossSuggestInput) input = gloss_suggest_input_new_text ("vilnius", openai_text, schema,
                                                                     NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  OpenaiMode mode = { openai_frames, TRUE, 0 };
  Server *server = server_start (openai_answer, &mode);
  g_autofree char *base = g_strconcat (server->url, "/v1", NULL);
  g_autoptr(GlossSuggester) suggester = gloss_openai_suggester_new (base, "slow", NULL);
  Worker worker = { suggester, input, cancellable, NULL, NULL, 0 };
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  GThread *thread;
  gint64 cancelled;

  /* As the engine does: suggest() on a worker thread, cancelled from this
   * one while the request waits for its answer, which the server holds
   * back until the call has returned. */
  thread = g_thread_new ("test-worker", worker_thread, &worker);
  g_mutex_lock (&server->mutex);
  while (!server->arrived)
    g_assert_true (g_cond_wait_until (&server->cond, &server->mutex, deadline));
  g_mutex_unlock (&server->mutex);
  cancelled = g_get_monotonic_time ();
  g_cancellable_cancel (cancellable);
  g_thread_join (thread);

  g_assert_null (worker.suggestions);
  g_assert_error (worker.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&worker.error);
  g_assert_cmpint (worker.returned - cancelled, <, 2 * G_USEC_PER_SEC);
  g_assert_cmpuint (server_count (server, "POST /v1/chat/completions"), ==, 1);
  server_stop (server);
}

static void
test_openai_timeout (void)
{
  g_autoptr(GlossSchema) schema = news_schema ();
  g_autoptr(GlossSuggestInput) input = gloss_suggest_input_new_text ("vilnius", openai_text, schema,
                                                                      NULL);
  OpenaiMode       mode = { openai_frames, FALSE, 2500 };
  Server          *server = server_start (openai_answer, &mode);
  g_autofree char *base = g_strconcat (server->url, "/v1", NULL);
  g_autoptr(GlossSuggester) suggester = gloss_openai_suggester_new (base, "slow", NULL);
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GError) error = NULL;

  gloss_openai_suggester_set_timeouts (GLOSS_OPENAI_SUGGESTER (suggester), 5, 1);
  suggestions = gloss_suggester_suggest (suggester, input, NULL, &error);
  g_assert_null (suggestions);
  g_assert_error (error, GLOSS_SUGGEST_ERROR, GLOSS_SUGGEST_ERROR_UNREACHABLE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, server->url));
  g_assert_nonnull (strstr (error->message, "1 s"));
  server_stop (server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/suggest/http/ls/predict", test_ls_predict);
  g_test_add_func ("/core/suggest/http/ls/bare-list", test_ls_bare_list);
  g_test_add_func ("/core/suggest/http/ls/health", test_ls_health);
  g_test_add_func ("/core/suggest/http/ls/garbage", test_ls_garbage);
  g_test_add_func ("/core/suggest/http/ls/closed-port", test_ls_closed_port);
  g_test_add_func ("/core/suggest/http/openai/frames", test_openai_frames);
  g_test_add_func ("/core/suggest/http/openai/fenced", test_openai_fenced);
  g_test_add_func ("/core/suggest/http/openai/not-json", test_openai_not_json);
  g_test_add_func ("/core/suggest/http/openai/cancel", test_openai_cancel);
  g_test_add_func ("/core/suggest/http/openai/timeout", test_openai_timeout);

  return g_test_run ();
}
