/* gloss-document.h: one imported article (immutable text plus metadata)
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "gloss-types.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_DOCUMENT (gloss_document_get_type ())
G_DECLARE_FINAL_TYPE (GlossDocument, gloss_document, GLOSS, DOCUMENT, GObject)

/* Documents are loaded without their text; the text is read from the store
 * on first use and kept. The text never changes after import. */

gint64        gloss_document_get_id            (GlossDocument *self);
const char   *gloss_document_get_uuid          (GlossDocument *self);
const char   *gloss_document_get_name          (GlossDocument *self);
const char   *gloss_document_get_sha256        (GlossDocument *self);
/* Length of the text in code points. */
guint         gloss_document_get_length        (GlossDocument *self);
gint64        gloss_document_get_created       (GlossDocument *self);
/* The text (loaded on first call); NULL when the store fails. */
/* Reads the text from the project the first time; FALSE with @error when
 * it is damaged (see gloss_store_dup_document_text()). */
gboolean      gloss_document_load_text         (GlossDocument  *self,
                                                GError        **error);
/* The text (loaded on first use), or NULL when it cannot be read. */
const char   *gloss_document_get_text          (GlossDocument *self);
/* Metadata: source, url, date, filename, format... as a JSON object. */
JsonObject   *gloss_document_get_meta          (GlossDocument *self);
const char   *gloss_document_get_meta_string   (GlossDocument *self,
                                                const char    *key);
/* Live annotation count, kept by the model ("notify::n-annotations"). */
guint         gloss_document_get_n_annotations (GlossDocument *self);
/* The status @annotator gave the document (NEW without one), kept by the
 * model: read from the store once, then updated by the annotation list's
 * commands and the project's reloads, which emit "status-changed"
 * (const char *annotator). */
GlossDocumentStatus gloss_document_get_status  (GlossDocument *self,
                                                const char    *annotator);

G_END_DECLS
