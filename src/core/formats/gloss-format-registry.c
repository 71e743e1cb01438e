/* gloss-format-registry.c: the built-in formats, in menu order
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include "gloss-format-private.h"
#include "gloss-formats.h"

GType *
_gloss_format_builtin_types (guint *n_types)
{
  static GType types[32];
  static guint n;

  if (n == 0)
    {
      /* One line a format: add yours here and in gloss-formats.h. */
      types[n++] = GLOSS_TYPE_FORMAT_JSONL;
#ifdef GLOSS_HAVE_FORMAT_TEXT
      types[n++] = GLOSS_TYPE_FORMAT_TEXT;
#endif
#ifdef GLOSS_HAVE_FORMAT_HTML
      types[n++] = GLOSS_TYPE_FORMAT_HTML;
#endif
#ifdef GLOSS_HAVE_FORMAT_BRAT
      types[n++] = GLOSS_TYPE_FORMAT_BRAT;
#endif
#ifdef GLOSS_HAVE_FORMAT_DOCCANO
      types[n++] = GLOSS_TYPE_FORMAT_DOCCANO;
#endif
#ifdef GLOSS_HAVE_FORMAT_SPACY
      types[n++] = GLOSS_TYPE_FORMAT_SPACY;
#endif
#ifdef GLOSS_HAVE_FORMAT_LABEL_STUDIO
      types[n++] = GLOSS_TYPE_FORMAT_LABEL_STUDIO;
#endif
#ifdef GLOSS_HAVE_FORMAT_CONLL
      types[n++] = GLOSS_TYPE_FORMAT_CONLL;
      types[n++] = GLOSS_TYPE_FORMAT_CONLL2002;
#endif
#ifdef GLOSS_HAVE_FORMAT_CONLLU
      types[n++] = GLOSS_TYPE_FORMAT_CONLLU;
#endif
#ifdef GLOSS_HAVE_FORMAT_WEBANNO
      types[n++] = GLOSS_TYPE_FORMAT_WEBANNO;
#endif
#ifdef GLOSS_HAVE_FORMAT_HF
      types[n++] = GLOSS_TYPE_FORMAT_HF;
#endif
#ifdef GLOSS_HAVE_FORMAT_CLAIMS
      types[n++] = GLOSS_TYPE_FORMAT_CLAIMS;
#endif
      g_assert (n <= G_N_ELEMENTS (types));
    }
  *n_types = n;
  return types;
}
