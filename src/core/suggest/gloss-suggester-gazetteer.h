/* gloss-suggester-gazetteer.h: proposes what the project (or a list) already knows
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-suggester.h"

G_BEGIN_DECLS

/* The "gazetteer" suggester: a text that is annotated with a label
 * somewhere (or listed by the user) proposes that label at its other
 * occurrences, in any document. An occurrence starts at a token start and
 * ends at a token end (gloss_tokenize()), so "Korea" is not found in
 * "Korean"; where occurrences overlap the longest wins. Matching is
 * case-sensitive unless told otherwise. Only labels of the "entity" and
 * "cue" layers are proposed: whole claims are not a list's business.
 *
 * train() learns every text annotated with an entity or cue label in the
 * project, by any annotator: a text annotated with several labels proposes
 * the most frequent one, its score the share of that label. Entries added
 * by hand or read from lists stay when the suggester is trained again. */

#define GLOSS_TYPE_GAZETTEER_SUGGESTER (gloss_gazetteer_suggester_get_type ())
G_DECLARE_FINAL_TYPE (GlossGazetteerSuggester, gloss_gazetteer_suggester, GLOSS,
                      GAZETTEER_SUGGESTER, GObject)

GlossSuggester *gloss_gazetteer_suggester_new (void);
/* Reads a user list: UTF-8 lines "text<TAB>label" (the format of
 * INCEpTION's string matcher); blank lines and lines starting with "#" are
 * skipped. Anything else is an error naming the file and the line, and
 * then nothing of the file is added. Entries score 1. */
gboolean        gloss_gazetteer_suggester_load_list (GlossGazetteerSuggester *self,
                                                     const char              *path,
                                                     GError                 **error);
/* Adds (or rescores) one entry; @score in [0, 1]. */
void            gloss_gazetteer_suggester_add (GlossGazetteerSuggester *self,
                                               const char              *text,
                                               const char              *label,
                                               double                   score);
/* Default TRUE. */
void            gloss_gazetteer_suggester_set_case_sensitive (GlossGazetteerSuggester *self,
                                                              gboolean                 sensitive);
gboolean        gloss_gazetteer_suggester_get_case_sensitive (GlossGazetteerSuggester *self);
/* How many (text, label) entries it holds. */
guint           gloss_gazetteer_suggester_get_n_entries (GlossGazetteerSuggester *self);

G_END_DECLS
