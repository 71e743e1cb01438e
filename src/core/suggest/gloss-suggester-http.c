/* gloss-suggester-http.c: JSON over HTTP for the suggesters that ask a server
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "gloss-suggester.h"
#include "gloss-suggester-http.h"

/* A request's clock. libsoup's own timeout is per read or write, so a
 * watchdog thread holds the two deadlines: connecting (until the request
 * headers are written) and the whole exchange. Past one it cancels the
 * request's own cancellable and says which deadline passed. */
typedef struct
{
  GMutex        mutex;
  GCond         cond;
  GCancellable *cancellable;      /* borrowed: the request's */
  gint64        connect_deadline; /* monotonic µs, 0 for none */
  gint64        request_deadline; /* monotonic µs, 0 for none */
  gboolean      sent;
  gboolean      done;
  gboolean      timed_out;
  gboolean      timed_out_connecting;
} Watch;

static gpointer
watch_thread (gpointer data)
{
  Watch *watch = data;

  g_mutex_lock (&watch->mutex);
  while (!watch->done)
    {
      gint64 deadline = watch->request_deadline;

      if (!watch->sent && watch->connect_deadline != 0 &&
          (deadline == 0 || watch->connect_deadline < deadline))
        deadline = watch->connect_deadline;
      if (deadline == 0)
        {
          g_cond_wait (&watch->cond, &watch->mutex);
          continue;
        }
      if (g_get_monotonic_time () >= deadline)
        {
          watch->timed_out = TRUE;
          watch->timed_out_connecting = !watch->sent;
          g_mutex_unlock (&watch->mutex);
          g_cancellable_cancel (watch->cancellable);
          return NULL;
        }
      g_cond_wait_until (&watch->cond, &watch->mutex, deadline);
    }
  g_mutex_unlock (&watch->mutex);
  return NULL;
}

static void
wrote_headers_cb (SoupMessage *message,
                  Watch       *watch)
{
  g_mutex_lock (&watch->mutex);
  watch->sent = TRUE;
  g_cond_signal (&watch->cond);
  g_mutex_unlock (&watch->mutex);
}

static void
chain_cancel_cb (GCancellable *cancellable,
                 GCancellable *request_cancellable)
{
  g_cancellable_cancel (request_cancellable);
}

static gboolean
is_loopback (GUri *uri)
{
  const char *host = g_uri_get_host (uri);
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

char *
_gloss_http_one_line (const char *text,
                      gsize       length,
                      guint       max)
{
  g_autoptr(GString) line = NULL;
  const char *end;
  const char *p;
  guint       n = 0;

  if (!g_utf8_validate_len (text, length, &end))
    return NULL;
  line = g_string_new (NULL);
  for (p = text; p < end && n < max; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          if (line->len > 0 && line->str[line->len - 1] != ' ')
            g_string_append_c (line, ' ');
        }
      else
        g_string_append_unichar (line, c);
    }
  if (p < end)
    g_string_append (line, "…");
  if (line->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&line), FALSE);
}

/* What an error answer says: the message of an OpenAI-style
 * {"error": {"message"}}, a {"detail"} or {"message"}, else its text. */
static char *
describe_answer (GBytes *bytes)
{
  gsize       length = 0;
  const char *data = g_bytes_get_data (bytes, &length);
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (length == 0)
    return NULL;
  if (length < 65536 && json_parser_load_from_data (parser, data, length, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      JsonObject               *object = json_node_get_object (json_parser_get_root (parser));
      JsonNode                 *error = json_object_get_member (object, "error");
      static const char * const keys[] = { "detail", "message", "error" };

      if (error != NULL && JSON_NODE_HOLDS_OBJECT (error))
        {
          JsonNode *message = json_object_get_member (json_node_get_object (error), "message");

          if (message != NULL && json_node_get_value_type (message) == G_TYPE_STRING)
            return _gloss_http_one_line (json_node_get_string (message),
                                         strlen (json_node_get_string (message)), 200);
        }
      for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
        {
          JsonNode *node = json_object_get_member (object, keys[i]);

          if (node != NULL && json_node_get_value_type (node) == G_TYPE_STRING)
            return _gloss_http_one_line (json_node_get_string (node),
                                         strlen (json_node_get_string (node)), 200);
        }
    }
  return _gloss_http_one_line (data, length, 200);
}

static GBytes *
read_answer (GInputStream *stream,
             const char   *url,
             GCancellable *cancellable,
             GError      **error)
{
  g_autoptr(GByteArray) answer = g_byte_array_new ();

  for (;;)
    {
      g_autoptr(GBytes) chunk = g_input_stream_read_bytes (stream, 65536, cancellable, error);

      if (chunk == NULL)
        return NULL;
      if (g_bytes_get_size (chunk) == 0)
        break;
      if (answer->len + g_bytes_get_size (chunk) > GLOSS_HTTP_MAX_ANSWER)
        {
          g_set_error (error, GLOSS_SUGGEST_ERROR, GLOSS_SUGGEST_ERROR_PROTOCOL,
                       _("The answer of %s is larger than %u MiB"), url,
                          GLOSS_HTTP_MAX_ANSWER / (1024 * 1024));
          return NULL;
        }
      g_byte_array_append (answer, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
    }
  g_input_stream_close (stream, NULL, NULL);
  return g_byte_array_free_to_bytes (g_steal_pointer (&answer));
}

/* TRUE when @data never nests arrays and objects deeper than @max (json-glib
 * parses recursively). */
static gboolean
depth_at_most (const char *data,
               gsize       length,
               guint       max)
{
  gboolean in_string = FALSE;
  guint    depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > max)
            return FALSE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return TRUE;
}

void
_gloss_http_set_protocol_error (GError    **error,
                                const char *url,
                                const char *what)
{
  g_set_error (error, GLOSS_SUGGEST_ERROR, GLOSS_SUGGEST_ERROR_PROTOCOL,
               _("%s answered what the protocol does not allow: %s"), url, what);
}

char *
_gloss_http_build_url (const char *base,
                       const char *path,
                       GError    **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *trimmed = NULL;
  const char      *scheme;
  gsize            length;

  g_return_val_if_fail (path != NULL, NULL);

  if (base != NULL)
    uri = g_uri_parse (base, SOUP_HTTP_URI_FLAGS, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || scheme == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, GLOSS_SUGGEST_ERROR, GLOSS_SUGGEST_ERROR_FAILED,
                   _("“%s” is not an http:// or https:// URL"), base != NULL ? base : "");
      return NULL;
    }
  trimmed = g_strdup (base);
  length = strlen (trimmed);
  while (length > 0 && trimmed[length - 1] == '/')
    trimmed[--length] = '\0';
  return g_strconcat (trimmed, path, NULL);
}

GBytes *
_gloss_http_send (const char              *method,
                  const char              *url,
                  JsonNode                *body,
                  const char              *bearer,
                  const GlossHttpTimeouts *timeouts,
                  GCancellable            *cancellable,
                  GError                 **error)
{
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GCancellable) request_cancellable = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) local_error = NULL;
  GThread *watcher = NULL;
  gulong   chain = 0;
  guint    io_timeout;
  guint    status;
  Watch    watch = { 0 };

  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (timeouts != NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* A session of the calling thread's own: libsoup sessions are configured
   * on the thread that made them, and suggesters run on any worker. */
  message = soup_message_new (method, url);
  if (message == NULL)
    {
      g_set_error (error, GLOSS_SUGGEST_ERROR, GLOSS_SUGGEST_ERROR_FAILED,
                   _("“%s” is not an http:// or https:// URL"), url);
      return NULL;
    }
  /* libsoup's own timeout (60 s by default) is per read: an LLM may think
   * longer before its first byte, so the watchdog keeps time, and libsoup's
   * is only a backstop past it. */
  io_timeout = timeouts->request_timeout > 0 ? timeouts->request_timeout + 5 : 0;
  session = soup_session_new_with_options ("user-agent", "Gloss/" PACKAGE_VERSION,
                                           "timeout", io_timeout,
                                           NULL);
  /* A server on this machine (a local model) is never behind a proxy. */
  if (is_loopback (soup_message_get_uri (message)))
    soup_session_set_proxy_resolver (session, NULL);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept",
                                "application/json");
  if (bearer != NULL)
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", bearer, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                    authorization);
      memset (authorization, 0, strlen (authorization));
    }
  if (body != NULL)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(GBytes) request = NULL;
      gsize length = 0;
      char *data;

      json_generator_set_root (generator, body);
      data = json_generator_to_data (generator, &length);
      request = g_bytes_new_take (data, length);
      soup_message_set_request_body_from_bytes (message, "application/json", request);
    }

  request_cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    chain = g_cancellable_connect (cancellable, G_CALLBACK (chain_cancel_cb),
                                   request_cancellable, NULL);
  g_mutex_init (&watch.mutex);
  g_cond_init (&watch.cond);
  watch.cancellable = request_cancellable;
  if (timeouts->connect_timeout > 0)
    watch.connect_deadline = g_get_monotonic_time () + timeouts->connect_timeout * G_USEC_PER_SEC;
  if (timeouts->request_timeout > 0)
    watch.request_deadline = g_get_monotonic_time () + timeouts->request_timeout * G_USEC_PER_SEC;
  if (watch.connect_deadline != 0 || watch.request_deadline != 0)
    watcher = g_thread_new ("gloss-http-watch", watch_thread, &watch);
  g_signal_connect (message, "wrote-headers", G_CALLBACK (wrote_headers_cb), &watch);

  stream = soup_session_send (session, message, request_cancellable, &local_error);
  if (stream != NULL)
    answer = read_answer (stream, url, request_cancellable, &local_error);

  g_mutex_lock (&watch.mutex);
  watch.done = TRUE;
  g_cond_signal (&watch.cond);
  g_mutex_unlock (&watch.mutex);
  if (watcher != NULL)
    g_thread_join (watcher);
  g_signal_handlers_disconnect_by_func (message, wrote_headers_cb, &watch);
  g_cancellable_disconnect (cancellable, chain);
  g_mutex_clear (&watch.mutex);
  g_cond_clear (&watch.cond);

  if (answer == NULL)
    {
      if (watch.timed_out && watch.timed_out_connecting)
        g_set_error (error, GLOSS_SUGGEST_ERROR, GLOSS_SUGGEST_ERROR_UNREACHABLE,
                     _("Could not connect to %s within %u s"), url, timeouts->connect_timeout);
      else if (watch.timed_out)
        g_set_error (error, GLOSS_SUGGEST_ERROR, GLOSS_SUGGEST_ERROR_UNREACHABLE,
                     _("%s did not answer within %u s"), url, timeouts->request_timeout);
      else if (g_cancellable_set_error_if_cancelled (cancellable, error))
        ;
      else if (local_error->domain == GLOSS_SUGGEST_ERROR)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, GLOSS_SUGGEST_ERROR, GLOSS_SUGGEST_ERROR_UNREACHABLE,
                     _("Could not reach %s: %s"), url, local_error->message);
      return NULL;
    }

  status = soup_message_get_status (message);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_autofree char *detail = describe_answer (answer);
      const char      *reason = soup_message_get_reason_phrase (message);

      if (detail != NULL)
        g_set_error (error, GLOSS_SUGGEST_ERROR, GLOSS_SUGGEST_ERROR_UNREACHABLE,
                     _("%s answered HTTP %u %s: %s"), url, status, reason != NULL ? reason : "",
                        detail);
      else
        g_set_error (error, GLOSS_SUGGEST_ERROR, GLOSS_SUGGEST_ERROR_UNREACHABLE,
                     _("%s answered HTTP %u %s"), url, status, reason != NULL ? reason : "");
      return NULL;
    }
  return g_steal_pointer (&answer);
}

JsonNode *
_gloss_http_parse (const char *url,
                   const char *data,
                   gsize       length,
                   GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *what = NULL;

  if (!depth_at_most (data, length, GLOSS_HTTP_MAX_JSON_DEPTH))
    {
      what = g_strdup_printf (_("JSON nested deeper than %u levels"), GLOSS_HTTP_MAX_JSON_DEPTH);
      _gloss_http_set_protocol_error (error, url, what);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, length, &local_error) ||
      json_parser_get_root (parser) == NULL)
    {
      g_autofree char *start = _gloss_http_one_line (data, length, 60);

      what = g_strdup_printf (_("not JSON (%s): “%s”"),
                              local_error != NULL ? local_error->message : _("empty"),
                              start != NULL ? start : "");
      _gloss_http_set_protocol_error (error, url, what);
      return NULL;
    }
  return json_parser_steal_root (parser);
}

JsonNode *
_gloss_http_send_json (const char              *method,
                       const char              *url,
                       JsonNode                *body,
                       const char              *bearer,
                       const GlossHttpTimeouts *timeouts,
                       GCancellable            *cancellable,
                       GError                 **error)
{
  g_autoptr(GBytes) answer = NULL;
  gsize       length = 0;
  const char *data;

  answer = _gloss_http_send (method, url, body, bearer, timeouts, cancellable, error);
  if (answer == NULL)
    return NULL;
  data = g_bytes_get_data (answer, &length);
  return _gloss_http_parse (url, data != NULL ? data : "", length, error);
}

/* ---- anchoring ------------------------------------------------------------ */

struct _GlossTextAnchor
{
  gunichar *chars; /* owned: the text, one code point each */
  guint     length;
  gunichar *norm;       /* owned: the text normalised (see normalise()) */
  guint    *norm_start; /* owned: where each normalised character starts in chars */
  guint    *norm_end;   /* owned: and ends */
  guint     norm_length;
};

static gunichar
normalise (gunichar c)
{
  switch (c)
    {
    case 0x201C: /* “ */
    case 0x201D: /* ” */
    case 0x201E: /* „ */
    case 0x201F: /* ‟ */
    case 0x00AB: /* « */
    case 0x00BB: /* » */
    case 0x2033: /* ″ */
      return '"';
    case 0x2018: /* ‘ */
    case 0x2019: /* ’ */
    case 0x201A: /* ‚ */
    case 0x201B: /* ‛ */
    case 0x2032: /* ′ */
      return '\'';
    default:
      return g_unichar_isspace (c) ? ' ' : c;
    }
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

GlossTextAnchor *
_gloss_text_anchor_new (const char *text)
{
  GlossTextAnchor *anchor = g_new0 (GlossTextAnchor, 1);
  glong            length = 0;

  g_return_val_if_fail (text != NULL, NULL);

  anchor->chars = g_utf8_to_ucs4_fast (text, -1, &length);
  anchor->length = (guint) length;
  anchor->norm = g_new (gunichar, anchor->length + 1);
  anchor->norm_start = g_new (guint, anchor->length + 1);
  anchor->norm_end = g_new (guint, anchor->length + 1);
  for (guint i = 0; i < anchor->length; i++)
    {
      gunichar c = normalise (anchor->chars[i]);

      if (c == ' ' && anchor->norm_length > 0 && anchor->norm[anchor->norm_length - 1] == ' ')
        {
          anchor->norm_end[anchor->norm_length - 1] = i + 1;
          continue;
        }
      anchor->norm[anchor->norm_length] = c;
      anchor->norm_start[anchor->norm_length] = i;
      anchor->norm_end[anchor->norm_length] = i + 1;
      anchor->norm_length++;
    }
  return anchor;
}

void
_gloss_text_anchor_free (GlossTextAnchor *anchor)
{
  if (anchor == NULL)
    return;
  g_free (anchor->chars);
  g_free (anchor->norm);
  g_free (anchor->norm_start);
  g_free (anchor->norm_end);
  g_free (anchor);
}

guint
_gloss_text_anchor_get_length (GlossTextAnchor *anchor)
{
  return anchor->length;
}

gboolean
_gloss_text_anchor_is_at (GlossTextAnchor *anchor,
                          guint            start,
                          guint            end,
                          const char      *needle)
{
  g_autofree gunichar *chars = NULL;
  glong                length = 0;

  if (start >= end || end > anchor->length || needle == NULL ||
      !g_utf8_validate (needle, -1, NULL))
    return FALSE;
  chars = g_utf8_to_ucs4_fast (needle, -1, &length);
  return (guint) length == end - start &&
         memcmp (anchor->chars + start, chars, length * sizeof (gunichar)) == 0;
}

static gboolean
is_whole (GlossTextAnchor *anchor,
          guint            start,
          guint            end)
{
  if (start > 0 && is_word_char (anchor->chars[start - 1]) && is_word_char (anchor->chars[start]))
    return FALSE;
  if (end < anchor->length && is_word_char (anchor->chars[end - 1]) &&
      is_word_char (anchor->chars[end]))
    return FALSE;
  return TRUE;
}

/* Adds the occurrences of @needle in @haystack to @whole and @partial, as
 * fragments of the text (through @starts and @ends when they are given). */
static void
search (GlossTextAnchor *anchor,
        const gunichar  *haystack,
        guint            n,
        const guint     *starts,
        const guint     *ends,
        const gunichar  *needle,
        guint            m,
        GArray          *whole,
        GArray          *partial)
{
  if (m == 0 || m > n)
    return;
  for (guint i = 0; i + m <= n; i++)
    {
      GlossFragment fragment;

      if (haystack[i] != needle[0] || memcmp (haystack + i, needle, m * sizeof (gunichar)) != 0)
        continue;
      fragment.start = starts != NULL ? starts[i] : i;
      fragment.end = ends != NULL ? ends[i + m - 1] : i + m;
      g_array_append_val (is_whole (anchor, fragment.start, fragment.end) ? whole : partial,
                          fragment);
    }
}

GArray *
_gloss_text_anchor_find (GlossTextAnchor *anchor,
                         const char      *needle)
{
  GArray *whole = g_array_new (FALSE, FALSE, sizeof (GlossFragment));
  g_autoptr(GArray) partial = g_array_new (FALSE, FALSE, sizeof (GlossFragment));
  g_autoptr(GArray) norm_partial = g_array_new (FALSE, FALSE, sizeof (GlossFragment));
  g_autofree gunichar *chars = NULL;
  g_autofree gunichar *norm = NULL;
  glong                length = 0;
  guint                m = 0;

  if (needle == NULL || !g_utf8_validate (needle, -1, NULL))
    return whole;

  chars = g_utf8_to_ucs4_fast (needle, -1, &length);
  search (anchor, anchor->chars, anchor->length, NULL, NULL, chars, length, whole, partial);
  if (whole->len > 0)
    return whole;

  /* The needle normalised as the text is, without whitespace at its ends. */
  norm = g_new (gunichar, length + 1);
  for (glong i = 0; i < length; i++)
    {
      gunichar c = normalise (chars[i]);

      if (c == ' ' && (m == 0 || norm[m - 1] == ' '))
        continue;
      norm[m++] = c;
    }
  while (m > 0 && norm[m - 1] == ' ')
    m--;
  search (anchor, anchor->norm, anchor->norm_length, anchor->norm_start, anchor->norm_end, norm, m,
          whole, norm_partial);
  /* freed where scan-build sees it */
  g_clear_pointer (&norm, g_free);
  if (whole->len > 0)
    return whole;
  g_array_append_vals (whole, partial->data, partial->len);
  if (whole->len == 0)
    g_array_append_vals (whole, norm_partial->data, norm_partial->len);
  return whole;
}

guint
_gloss_fragment_distance (const GlossFragment *a,
                          const GlossFragment *b)
{
  if (a->end <= b->start)
    return b->start - a->end;
  if (b->end <= a->start)
    return a->start - b->end;
  return G_MAXUINT / 2;
}

const GlossFragment *
_gloss_fragment_nearest (GArray              *occurrences,
                         const GlossFragment *fragment)
{
  const GlossFragment *nearest = NULL;
  guint                best = G_MAXUINT;

  for (guint i = 0; occurrences != NULL && i < occurrences->len; i++)
    {
      const GlossFragment *candidate = &g_array_index (occurrences, GlossFragment, i);
      guint                d = _gloss_fragment_distance (candidate, fragment);

      if (d < best)
        {
          best = d;
          nearest = candidate;
        }
    }
  return nearest;
}
