/* gloss-suggester-http.h: what the HTTP suggesters share (private to them)
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "gloss-types.h"

G_BEGIN_DECLS

/* Seconds: to connect and send the request, and for the whole exchange (a
 * local LLM may think for a minute before it answers). */
#define GLOSS_HTTP_CONNECT_TIMEOUT 5
#define GLOSS_HTTP_REQUEST_TIMEOUT 120

/* The most an answer may weigh, and how deep its JSON may nest: an
 * endpoint is someone else's program. */
#define GLOSS_HTTP_MAX_ANSWER     (64 * 1024 * 1024)
#define GLOSS_HTTP_MAX_JSON_DEPTH 64

typedef struct
{
  guint connect_timeout; /* s, 0 for none */
  guint request_timeout; /* s, 0 for none */
} GlossHttpTimeouts;

/* @base ("http://host:port/v1", a trailing slash or not) and @path
 * ("/chat/completions") as one URL; NULL with GLOSS_SUGGEST_ERROR_FAILED when
 * @base is not an http:// or https:// URL. */
char                           *_gloss_http_build_url (const char *base,
                                                       const char *path,
                                                       GError    **error);

/* Sends @method @url with @body (JSON, NULL for none) and @bearer as
 * "Authorization: Bearer" (NULL for none), synchronously: call it from a
 * worker thread. Returns the body of a 2xx answer. An endpoint that cannot be
 * reached, does not answer within @timeouts or answers another status gives
 * GLOSS_SUGGEST_ERROR_UNREACHABLE, an answer too large
 * GLOSS_SUGGEST_ERROR_PROTOCOL, each with a message naming @url; cancelling
 * @cancellable gives G_IO_ERROR_CANCELLED. */
GBytes                         *_gloss_http_send (const char              *method,
                                                  const char              *url,
                                                  JsonNode                *body,
                                                  const char              *bearer,
                                                  const GlossHttpTimeouts *timeouts,
                                                  GCancellable            *cancellable,
                                                  GError                 **error);

/* Parses @data (the answer of @url) as JSON; GLOSS_SUGGEST_ERROR_PROTOCOL
 * naming @url when it is not JSON or nests too deep. */
JsonNode                       *_gloss_http_parse (const char *url,
                                                   const char *data,
                                                   gsize       length,
                                                   GError    **error);

/* The same as _gloss_http_send() and _gloss_http_parse() in one. */
JsonNode                       *_gloss_http_send_json (const char              *method,
                                                       const char              *url,
                                                       JsonNode                *body,
                                                       const char              *bearer,
                                                       const GlossHttpTimeouts *timeouts,
                                                       GCancellable            *cancellable,
                                                       GError                 **error);

/* The first @max characters of @text (@length bytes) on one line, runs of
 * whitespace as one space, "…" when cut; NULL when it is not UTF-8 or
 * empty. */
char                           *_gloss_http_one_line (const char *text,
                                                      gsize       length,
                                                      guint       max);

/* A GLOSS_SUGGEST_ERROR_PROTOCOL error: "@url answered …: @what". */
void                            _gloss_http_set_protocol_error (GError    **error,
                                                                const char *url,
                                                                const char *what);

/* ---- anchoring strings a server quotes from the text */

/* A document's text, ready for finding the strings a server quotes from it
 * at code-point offsets. */
typedef struct _GlossTextAnchor GlossTextAnchor;

GlossTextAnchor                *_gloss_text_anchor_new (const char *text);
void                            _gloss_text_anchor_free (GlossTextAnchor *anchor);
guint                           _gloss_text_anchor_get_length (GlossTextAnchor *anchor);
/* TRUE when the text from @start to @end is @needle exactly. */
gboolean                        _gloss_text_anchor_is_at (GlossTextAnchor *anchor,
                                                          guint            start,
                                                          guint            end,
                                                          const char      *needle);
/* Where @needle occurs (GArray of GlossFragment, in order, maybe empty):
 * exact occurrences first; when there are none, those that differ only in
 * runs of whitespace (any run matches any other, around the needle's ends
 * none) and quote style (“ ” „ ‟ « » ″ " alike, ‘ ’ ‚ ‛ ′ ' alike). Of
 * either kind, whole-word occurrences (not starting or ending inside a word)
 * win over the others. */
GArray                         *_gloss_text_anchor_find (GlossTextAnchor *anchor,
                                                         const char      *needle);
/* How many code points lie between @a and @b; G_MAXUINT / 2 when they
 * overlap (a cue inside its claim is an unlikely one). */
guint                           _gloss_fragment_distance (const GlossFragment *a,
                                                          const GlossFragment *b);
/* The occurrence in @occurrences nearest @fragment (overlapping ones count
 * as far), or NULL when there is none. */
const GlossFragment            *_gloss_fragment_nearest (GArray              *occurrences,
                                                         const GlossFragment *fragment);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossTextAnchor, _gloss_text_anchor_free)

G_END_DECLS
