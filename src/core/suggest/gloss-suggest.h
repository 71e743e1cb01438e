/* gloss-suggest.h: running suggesters over a project, keeping what they propose, and
 * turning suggestions into annotations
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gloss-change-set.h"
#include "gloss-suggester.h"
#include "gloss-suggestion.h"

G_BEGIN_DECLS

/* What a user can name a suggester by, with what it needs. */
typedef struct
{
  const char *url;           /* ls-backend, openai: the endpoint */
  const char *model;         /* openai: the model name */
  const char *api_key;       /* openai: a key, or NULL; never stored in the project */
  const char *list_path;     /* gazetteer: a text<TAB>label file, or NULL */
} GlossSuggesterOptions;

/* The suggesters Gloss has, by name: "rules", "gazetteer", "model",
 * "ls-backend", "openai". NULL-terminated, static. */
const char * const *gloss_suggester_list_names   (void);
/* A new suggester of that name (NULL with @error for an unknown name or
 * missing options, e.g. an HTTP suggester without a URL). */
GlossSuggester     *gloss_suggester_new_for_name (const char                  *name,
                                                  const GlossSuggesterOptions *options,
                                                  GError                     **error);

/* One document's run: the suggestions of every suggester, merged (one per
 * id: the highest score, its frame completed from the others), without
 * those @input's live annotations already make (the same label over an
 * overlapping span: a frame's reference to such a suggestion then points
 * at the annotation) and without the ids in @rejected (may be NULL). A
 * suggester that fails adds its error, prefixed with its name, to @errors
 * (GError; may be NULL) and the others go on; only cancellation fails the
 * call. Sorted by gloss_suggestion_compare(). */
GPtrArray          *gloss_suggest_document       (GPtrArray          *suggesters,
                                                  GlossSuggestInput  *input,
                                                  GHashTable         *rejected,
                                                  GPtrArray          *errors,
                                                  GCancellable       *cancellable,
                                                  GError            **error);

/* Drops from @suggestions (in place) those an annotation of @annotations
 * (live GlossAnnotation, any order) already makes: same label, overlapping
 * fragments. */
void                gloss_suggestions_drop_annotated (GPtrArray      *suggestions,
                                                      GPtrArray      *annotations);

/* Runs @suggesters (trained already, if they learn) on the documents
 * @document_ids (gint64; NULL: every document) of @project and keeps what
 * they propose in the project: a document's pending suggestions from
 * these suggesters are replaced, rejected ones stay rejected. Suggester
 * errors go to @errors as above. Returns the number of suggestions kept,
 * or -1 with @error (cancelled, or the store failed: nothing of the
 * document being written is kept). */
gint64              gloss_project_suggest        (GlossProject       *project,
                                                  GPtrArray          *suggesters,
                                                  GArray             *document_ids,
                                                  GPtrArray          *errors,
                                                  GlossProgressFunc   progress,
                                                  gpointer            progress_data,
                                                  GCancellable       *cancellable,
                                                  GError            **error);

/* The suggestions of @document_id kept in @project (every document's when
 * @document_id is 0): with @pending_only, those not rejected and not made
 * by a live annotation already; sorted by document, then as
 * gloss_suggestion_compare(). */
GPtrArray          *gloss_project_dup_suggestions (GlossProject      *project,
                                                   gint64             document_id,
                                                   gboolean           pending_only,
                                                   GError           **error);
/* The ids of the rejected suggestions of @document_id (a set of strings). */
GHashTable         *gloss_project_dup_rejected_suggestions (GlossProject *project,
                                                            gint64        document_id,
                                                            GError      **error);

/* Accepts @suggestions (of any documents) as annotations of @annotator,
 * with @label instead of each one's own when not NULL, as one applied
 * change set (returned, for undo; NULL with @error). A claim's frame
 * comes with it: the source and cue it refers to become annotations too
 * (pending suggestions) or are linked as they are (annotations), with the
 * relations of the schema's frame roles (gloss_frame_dup_roles()) and the
 * proposed attribute values the schema allows. Each new annotation
 * records its suggester and score (gloss_annotation_get_provenance()). A
 * suggestion already made by an annotation of the same label and
 * fragments makes none: a frame links that annotation. One accepted with
 * another @label is rejected as itself (it was wrong, and is not proposed
 * again), in the same step. */
GlossChangeSet     *gloss_project_accept_suggestions (GlossProject   *project,
                                                      GPtrArray      *suggestions,
                                                      const char     *label,
                                                      const char     *annotator,
                                                      GError        **error);
/* Rejects @suggestions, as one applied change set (for undo): they are not
 * proposed again, by any suggester. */
GlossChangeSet     *gloss_project_reject_suggestions (GlossProject   *project,
                                                      GPtrArray      *suggestions,
                                                      GError        **error);

/* The same for the window's open document: a command of @list (its
 * document's suggestions among @suggestions, accepted as @list's
 * annotator), to apply to @list, undone with its other edits. NULL with
 * @error for a label the schema lacks. */
GlossCommand       *gloss_project_build_accept_command (GlossProject        *project,
                                                        GlossAnnotationList *list,
                                                        GPtrArray           *suggestions,
                                                        const char          *label,
                                                        GError             **error);
/* A command that rejects @suggestions (of the list's document). */
GlossCommand       *gloss_suggestions_build_reject_command (GPtrArray       *suggestions);

/* How far from a claim its source and cue are looked for (code points). */
#define GLOSS_SUGGEST_FRAME_REACH 600

/* A claim suggestion's frame under review: who could fill its role @type
 * (a relation type of gloss_frame_dup_roles() for its label). Of
 * @suggestions (the document's pending ones) and @annotations (its live
 * ones; either may be NULL), those @type allows from the claim's label and
 * within @reach code points of it: @current first (the suggester's
 * choice, may be NULL), then those outside the claim's fragments, nearest
 * first, then those over them. A new array of owned strings (annotation
 * UUIDs and suggestion ids) whose last element is NULL: nobody. The
 * window's Tab goes through it in this order. */
GPtrArray          *gloss_suggestion_rank_candidates (GlossSuggestion   *claim,
                                                      GlossRelationType *type,
                                                      GPtrArray         *suggestions,
                                                      GPtrArray         *annotations,
                                                      const char        *current,
                                                      guint              reach);

G_END_DECLS
