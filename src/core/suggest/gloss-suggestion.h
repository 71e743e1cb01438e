/* gloss-suggestion.h: a span, a label and a score that a suggester proposes
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-types.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_SUGGESTION (gloss_suggestion_get_type ())
G_DECLARE_FINAL_TYPE (GlossSuggestion, gloss_suggestion, GLOSS, SUGGESTION, GObject)

/* What a suggester proposes: a label over fragments (code points, sorted,
 * as an annotation's), a score in [0, 1] and the suggester's name. A claim
 * also proposes its frame: the SOURCE or entity it is attributed to and the
 * CUE that reports it, each either an existing annotation (its UUID) or
 * another suggestion of the same document (its id, which starts with
 * "sg-"), and attribute values (certainty: "asserted", "hedged", ...).
 *
 * A suggestion is not an annotation: it lives in the project's suggestions
 * table, is never exported or counted in agreement, and becomes an
 * annotation only when accepted (gloss_project_accept_suggestions()).
 *
 * Its id is derived from its label and fragments, so the same proposal
 * made again, by the same or another suggester, is the same suggestion:
 * a rejected one stays rejected. */

typedef enum
{
  GLOSS_SUGGESTION_PENDING  = 0,
  GLOSS_SUGGESTION_REJECTED = 2,
} GlossSuggestionState;

#define GLOSS_SUGGESTION_ID_PREFIX "sg-"

GlossSuggestion      *gloss_suggestion_new            (const char          *label,
                                                       const GlossFragment *fragments,
                                                       guint                n_fragments,
                                                       double               score,
                                                       const char          *suggester);
GlossSuggestion      *gloss_suggestion_new_span       (const char          *label,
                                                       guint                start,
                                                       guint                end,
                                                       double               score,
                                                       const char          *suggester);
/* The id gloss_suggestion_get_id() gives a suggestion of @label over
 * @fragments (sorted). */
char                 *gloss_suggestion_compute_id     (const char          *label,
                                                       const GlossFragment *fragments,
                                                       guint                n_fragments);
gboolean              gloss_suggestion_is_id          (const char          *ref);

const char           *gloss_suggestion_get_id         (GlossSuggestion     *self);
const char           *gloss_suggestion_get_label      (GlossSuggestion     *self);
const GlossFragment  *gloss_suggestion_get_fragments  (GlossSuggestion     *self,
                                                       guint               *n_fragments);
guint                 gloss_suggestion_get_start      (GlossSuggestion     *self);
guint                 gloss_suggestion_get_end        (GlossSuggestion     *self);
double                gloss_suggestion_get_score      (GlossSuggestion     *self);
void                  gloss_suggestion_set_score      (GlossSuggestion     *self,
                                                       double               score);
const char           *gloss_suggestion_get_suggester  (GlossSuggestion     *self);
void                  gloss_suggestion_set_suggester  (GlossSuggestion     *self,
                                                       const char          *suggester);
gint64                gloss_suggestion_get_document_id (GlossSuggestion    *self);
void                  gloss_suggestion_set_document_id (GlossSuggestion    *self,
                                                        gint64              document_id);
GlossSuggestionState  gloss_suggestion_get_state      (GlossSuggestion     *self);
void                  gloss_suggestion_set_state      (GlossSuggestion     *self,
                                                       GlossSuggestionState state);

/* The frame of a claim: an annotation UUID or a suggestion id, or NULL. */
const char           *gloss_suggestion_get_source     (GlossSuggestion     *self);
void                  gloss_suggestion_set_source     (GlossSuggestion     *self,
                                                       const char          *ref);
const char           *gloss_suggestion_get_cue        (GlossSuggestion     *self);
void                  gloss_suggestion_set_cue        (GlossSuggestion     *self,
                                                       const char          *ref);
/* Proposed attribute values: name -> GVariant ("s" or "b"), as an
 * annotation's. */
GVariant             *gloss_suggestion_get_attribute  (GlossSuggestion     *self,
                                                       const char          *name);
void                  gloss_suggestion_set_attribute  (GlossSuggestion     *self,
                                                       const char          *name,
                                                       GVariant            *value);
/* May return NULL when there are none. Borrowed. */
GHashTable           *gloss_suggestion_get_attributes (GlossSuggestion     *self);
void                  gloss_suggestion_set_attributes (GlossSuggestion     *self,
                                                       GHashTable          *attributes);

/* Orders by start, then end, then label. */
int                   gloss_suggestion_compare        (GlossSuggestion     *a,
                                                       GlossSuggestion     *b);

G_END_DECLS
