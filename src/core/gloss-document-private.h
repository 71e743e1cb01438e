/* gloss-document-private.h
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-document.h"

G_BEGIN_DECLS

GlossDocument *_gloss_document_new            (GlossStore  *store,
                                               gint64       id,
                                               const char  *uuid,
                                               const char  *name,
                                               const char  *sha256,
                                               guint        length,
                                               const char  *meta_json,
                                               gint64       created,
                                               guint        n_annotations);
void           _gloss_document_set_n_annotations (GlossDocument *self,
                                                  guint          n);
/* The status of @annotator is now @status (the model's own writes):
 * "status-changed" when it differs from what the document held. */
void           _gloss_document_set_status     (GlossDocument       *self,
                                               const char          *annotator,
                                               GlossDocumentStatus  status);
/* Rows written behind the model's back: the statuses read again (when they
 * were read at all), "status-changed" for each that differs. */
void           _gloss_document_reload_statuses (GlossDocument *self);

G_END_DECLS
