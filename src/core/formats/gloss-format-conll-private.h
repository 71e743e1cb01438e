/* gloss-format-conll-private.h: token tagging shared by the CoNLL, Hugging Face and claims
 * exports
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gloss-format.h"

G_BEGIN_DECLS

/* A document cut into tokens and sentences with the exported entity spans
 * assigned to tokens (see gloss-format-conll.c for the rules). */
typedef struct
{
  const char *text;        /* borrowed from the document */
  GArray     *tokens;      /* GlossToken */
  GArray     *sentences;   /* GlossSentence */
  GPtrArray  *labels;      /* char *: the label of each span */
  guint      *owner;       /* per token: 0, or span index + 1 */
  guint       n_partial;   /* spans not aligned with token boundaries: left out, or
                            * extended with GLOSS_MISALIGNED_EXTEND */
  guint       n_no_token;  /* spans covering no token: left out */
  guint       n_conflicts; /* spans dropped because they overlap another */
} GlossConllTagged;

/* Parses "O", "B-X", "I-X", "E-X", "S-X", "L-X", "U-X" (also "B_X"). */
gboolean          _gloss_conll_parse_tag            (const char          *tag,
                                                     char                *prefix,
                                                     const char         **label);
/* TRUE for documents whose text was rebuilt from tokens (meta "tokenized"). */
gboolean          _gloss_conll_document_is_tokenized (GlossDocument      *doc);
/* Entity-layer labels, or the labels the options name. */
gboolean          _gloss_conll_label_exported       (GlossExportContext  *ctx,
                                                     const char          *label);
GlossConllTagged *_gloss_conll_tag_document         (GlossExportContext  *ctx,
                                                     GlossDocument       *doc,
                                                     GError             **error);
/* "O" or "B-X" / "I-X" (IOB2) for token @k of the sentence starting at
 * token @sentence_first; may return @buf's string. */
const char       *_gloss_conll_tagged_tag           (GlossConllTagged    *t,
                                                     guint                sentence_first,
                                                     guint                k,
                                                     GString             *buf);
void              _gloss_conll_tagged_free          (GlossConllTagged    *t);

G_END_DECLS
