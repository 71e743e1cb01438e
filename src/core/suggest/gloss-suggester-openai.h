/* gloss-suggester-openai.h: an OpenAI-compatible chat endpoint as a suggester
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-suggester.h"

G_BEGIN_DECLS

/* "openai": asks a chat-completions endpoint (Ollama, llama.cpp's server,
 * vLLM, a hosted API) for the entities and claim frames of a document, with
 * a JSON-schema response format. The model quotes strings from the text;
 * each is anchored to code points: an exact match first, else one that
 * differs only in runs of whitespace and in quote style (“ ” „ " alike,
 * ‘ ’ ' alike). Whole-word matches win over matches inside words.
 *
 * A claim's content is anchored at the occurrence nearest an occurrence of
 * its cue, its cue at the one nearest the content, its source at the one
 * nearest the cue (or the content). The claim becomes a CLAIM suggestion
 * whose frame names its source and cue: an existing annotation covering the
 * anchored span (its UUID) when there is one, else the entity suggestion of
 * that span, else a new SOURCE (or CUE) suggestion; its certainty is
 * proposed when the schema's CLAIM has that attribute and value.
 *
 * An entity is anchored at its first occurrence that no earlier entity of the
 * answer took, or at its first "count" occurrences when the model gives a
 * count. Strings that cannot be anchored are kept (dup_unanchored()) and
 * logged with g_debug(). Every suggestion scores 0.5: the endpoint gives no
 * score. */

#define GLOSS_TYPE_OPENAI_SUGGESTER (gloss_openai_suggester_get_type ())
G_DECLARE_FINAL_TYPE (GlossOpenaiSuggester, gloss_openai_suggester, GLOSS, OPENAI_SUGGESTER,
                      GObject)

/* @url: the API's base URL ("http://localhost:11434/v1"); @model: the
 * model's name; @api_key: sent as "Authorization: Bearer", kept in memory
 * only, or NULL for none. */
GlossSuggester *gloss_openai_suggester_new (const char *url,
                                            const char *model,
                                            const char *api_key);
const char     *gloss_openai_suggester_get_url (GlossOpenaiSuggester *self);
const char     *gloss_openai_suggester_get_model (GlossOpenaiSuggester *self);
/* Seconds to connect and for a whole request (5 and 120 by default; 0 for
 * no limit). */
void            gloss_openai_suggester_set_timeouts (GlossOpenaiSuggester *self,
                                                     guint                 connect_timeout,
                                                     guint                 request_timeout);
/* The strings of the last suggest() that could not be anchored in the text
 * (a new array of char *). */
GPtrArray      *gloss_openai_suggester_dup_unanchored (GlossOpenaiSuggester *self);

G_END_DECLS
