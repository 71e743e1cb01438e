/* gloss-suggester-model.h: a sequence tagger learnt from the project's own annotations
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-suggester.h"

G_BEGIN_DECLS

/* The "model" suggester: an averaged perceptron over the tokens of
 * gloss_tokenize() with BIO tags, decoded greedily left to right with the
 * previous tags as features. Features: the lowercased token, its shape
 * ("Xxxx", "dd", "X.X."), prefixes and suffixes of one to three
 * characters, capitalisation, digits, the tokens and shapes one and two
 * away, the previous tags, and whether a gazetteer learnt from the same
 * annotations matches the token. Weights are hashed into a fixed table.
 *
 * Each layer of the schema (entity, claim, cue, ...) has a tag sequence of
 * its own, so spans of different layers may nest or overlap; within a
 * layer the spans are flat. It learns every label the project's annotations
 * use, from the documents that have annotations (the gold ones when a
 * document has gold, else those of the annotator with the most), over
 * several epochs in a fixed pseudo-random order: two trainings on the same
 * project give the same model. Until trained, suggest() fails with
 * GLOSS_SUGGEST_ERROR_NOT_TRAINED.
 *
 * A suggestion's score is the mean over its tokens of the probability of
 * their tags (a softmax over the tag scores). */

#define GLOSS_TYPE_MODEL_SUGGESTER (gloss_model_suggester_get_type ())
G_DECLARE_FINAL_TYPE (GlossModelSuggester, gloss_model_suggester, GLOSS, MODEL_SUGGESTER, GObject)

GlossSuggester *gloss_model_suggester_new (void);
gboolean        gloss_model_suggester_is_trained (GlossModelSuggester *self);
/* How many annotated documents it learnt from (0 until trained). Below
 * GLOSS_MODEL_MIN_DOCUMENTS its proposals are mostly noise: the window and
 * gloss-cli's defaults do not show them until the project has that many. */
#define GLOSS_MODEL_MIN_DOCUMENTS 5
guint           gloss_model_suggester_get_n_documents (GlossModelSuggester *self);
/* Epochs over the training documents (default 6). */
void            gloss_model_suggester_set_epochs (GlossModelSuggester *self,
                                                  guint                epochs);
/* Learns from @inputs (GlossSuggestInput, each with its annotations) as
 * train() learns from a project's documents: for tests and benchmarks
 * that have no project. FALSE when cancelled or when nothing is
 * annotated (GLOSS_SUGGEST_ERROR_NOT_TRAINED). */
gboolean        gloss_model_suggester_train_inputs (GlossModelSuggester *self,
                                                    GlossSchema         *schema,
                                                    GPtrArray           *inputs,
                                                    GlossProgressFunc    progress,
                                                    gpointer             progress_data,
                                                    GCancellable        *cancellable,
                                                    GError             **error);
/* How unsure the model is of @input: the mean over its tokens (and layers)
 * of 1 − the probability of the tag it chose, in [0, 1]; 0 for an empty
 * document, -1 when not trained. "Next most uncertain document" sorts on
 * it. */
double          gloss_model_suggester_document_uncertainty (GlossModelSuggester *self,
                                                            GlossSuggestInput   *input);
/* Active learning: of @project's documents without annotations (but
 * @exclude_id), at most @limit of them in the project's order, the one
 * @self (trained) is least sure of, and its uncertainty in @uncertainty.
 * 0 when there is none; -1 with @error when cancelled or unreadable. */
gint64          gloss_model_suggester_find_most_uncertain (GlossModelSuggester *self,
                                                           GlossProject        *project,
                                                           gint64               exclude_id,
                                                           guint                limit,
                                                           double              *uncertainty,
                                                           GCancellable        *cancellable,
                                                           GError             **error);

G_END_DECLS
