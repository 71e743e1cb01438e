/* gloss-suggester-gazetteer-private.h: the gazetteer's matches, for the model suggester
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-suggester-gazetteer.h"

G_BEGIN_DECLS

typedef struct
{
  guint       first_token; /* index into the input's tokens */
  guint       n_tokens;
  const char *label; /* interned */
  double      score;
} GlossGazetteerMatch;

/* Every match of an entry in @input after longest-match resolution (one per
 * label of the matched text), whatever the input's annotations and schema:
 * an array of GlossGazetteerMatch in text order. */
GArray *_gloss_gazetteer_suggester_match (GlossGazetteerSuggester *self,
                                          GlossSuggestInput       *input);
/* Learns from @inputs (GlossSuggestInput) as train() learns from a
 * project, keeping only labels of an entity or cue layer of @schema. */
void    _gloss_gazetteer_suggester_learn (GlossGazetteerSuggester *self,
                                          GlossSchema             *schema,
                                          GPtrArray               *inputs);

G_END_DECLS
