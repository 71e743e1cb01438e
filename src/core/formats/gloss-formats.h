/* gloss-formats.h: the built-in format types
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-format.h"

G_BEGIN_DECLS

/* Each format is a final subclass of GlossFormat in its own file,
 * gloss-format-NAME.c, declared here. src/core/meson.build defines
 * GLOSS_HAVE_FORMAT_NAME for the files that exist. */

#define GLOSS_TYPE_FORMAT_JSONL (gloss_format_jsonl_get_type ())
G_DECLARE_FINAL_TYPE (GlossFormatJsonl, gloss_format_jsonl, GLOSS, FORMAT_JSONL, GlossFormat)

#define GLOSS_TYPE_FORMAT_TEXT (gloss_format_text_get_type ())
G_DECLARE_FINAL_TYPE (GlossFormatText, gloss_format_text, GLOSS, FORMAT_TEXT, GlossFormat)

#define GLOSS_TYPE_FORMAT_HTML (gloss_format_html_get_type ())
G_DECLARE_FINAL_TYPE (GlossFormatHtml, gloss_format_html, GLOSS, FORMAT_HTML, GlossFormat)

#define GLOSS_TYPE_FORMAT_BRAT (gloss_format_brat_get_type ())
G_DECLARE_FINAL_TYPE (GlossFormatBrat, gloss_format_brat, GLOSS, FORMAT_BRAT, GlossFormat)

#define GLOSS_TYPE_FORMAT_DOCCANO (gloss_format_doccano_get_type ())
G_DECLARE_FINAL_TYPE (GlossFormatDoccano, gloss_format_doccano, GLOSS, FORMAT_DOCCANO, GlossFormat)

#define GLOSS_TYPE_FORMAT_SPACY (gloss_format_spacy_get_type ())
G_DECLARE_FINAL_TYPE (GlossFormatSpacy, gloss_format_spacy, GLOSS, FORMAT_SPACY, GlossFormat)

#define GLOSS_TYPE_FORMAT_LABEL_STUDIO (gloss_format_label_studio_get_type ())
G_DECLARE_FINAL_TYPE (GlossFormatLabelStudio, gloss_format_label_studio, GLOSS,
                      FORMAT_LABEL_STUDIO, GlossFormat)

#define GLOSS_TYPE_FORMAT_CONLL (gloss_format_conll_get_type ())
G_DECLARE_FINAL_TYPE (GlossFormatConll, gloss_format_conll, GLOSS, FORMAT_CONLL, GlossFormat)

#define GLOSS_TYPE_FORMAT_CONLL2002 (gloss_format_conll2002_get_type ())
G_DECLARE_FINAL_TYPE (GlossFormatConll2002, gloss_format_conll2002, GLOSS, FORMAT_CONLL2002,
                      GlossFormat)

#define GLOSS_TYPE_FORMAT_CONLLU (gloss_format_conllu_get_type ())
G_DECLARE_FINAL_TYPE (GlossFormatConllu, gloss_format_conllu, GLOSS, FORMAT_CONLLU, GlossFormat)

#define GLOSS_TYPE_FORMAT_WEBANNO (gloss_format_webanno_get_type ())
G_DECLARE_FINAL_TYPE (GlossFormatWebanno, gloss_format_webanno, GLOSS, FORMAT_WEBANNO, GlossFormat)

#define GLOSS_TYPE_FORMAT_HF (gloss_format_hf_get_type ())
G_DECLARE_FINAL_TYPE (GlossFormatHf, gloss_format_hf, GLOSS, FORMAT_HF, GlossFormat)

#define GLOSS_TYPE_FORMAT_CLAIMS (gloss_format_claims_get_type ())
G_DECLARE_FINAL_TYPE (GlossFormatClaims, gloss_format_claims, GLOSS, FORMAT_CLAIMS, GlossFormat)

G_END_DECLS
