/* gloss-suggester-ls.h: a Label Studio ML backend as a suggester
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-suggester.h"

G_BEGIN_DECLS

/* "ls-backend": asks a Label Studio ML backend (spaCy, GLiNER, Flair, a
 * Hugging Face tagger: any server speaking that protocol) for labelled spans.
 * Before its first prediction it POSTs /setup with the project's name and a
 * label config listing the schema's labels; each suggest() POSTs /predict
 * with the document as one task. The spans it answers are code points; one
 * whose text does not match the document there is anchored at the nearest
 * occurrence of its text, and one with a label the schema lacks, of another
 * result type, or that cannot be anchored is dropped and counted. Its score
 * is the result's, else the prediction's, else 0.5. */

#define GLOSS_TYPE_LS_SUGGESTER (gloss_ls_suggester_get_type ())
G_DECLARE_FINAL_TYPE (GlossLsSuggester, gloss_ls_suggester, GLOSS, LS_SUGGESTER, GObject)

/* @url: the backend's base URL ("http://localhost:9090"). */
GlossSuggester *gloss_ls_suggester_new (const char *url);
const char     *gloss_ls_suggester_get_url (GlossLsSuggester *self);
/* The "project" sent to the backend; NULL (the default) sends the schema's
 * name. Setting another one sets the backend up again. */
void            gloss_ls_suggester_set_project (GlossLsSuggester *self,
                                                const char       *project);
/* Seconds to connect and for a whole request (5 and 120 by default; 0 for
 * no limit). */
void            gloss_ls_suggester_set_timeouts (GlossLsSuggester *self,
                                                 guint             connect_timeout,
                                                 guint             request_timeout);
/* GET /health: TRUE when the backend answers that it is up, else
 * GLOSS_SUGGEST_ERROR_UNREACHABLE saying why. Blocks: call it from a worker
 * thread. */
gboolean        gloss_ls_suggester_check (GlossLsSuggester *self,
                                          GCancellable     *cancellable,
                                          GError          **error);
/* The results the last suggest() dropped: another type, a label the schema
 * lacks, a span that could not be anchored. */
guint           gloss_ls_suggester_get_n_dropped (GlossLsSuggester *self);
/* The model version the backend named last, or NULL. */
char           *gloss_ls_suggester_dup_model_version (GlossLsSuggester *self);

G_END_DECLS
