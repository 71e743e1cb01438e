/* gloss-curation-queue.h: every undecided disagreement of a project, filtered
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gloss-change-set.h"
#include "gloss-curation.h"
#include "gloss-store.h"
#include "gloss-types.h"

G_BEGIN_DECLS

/* Which disagreements a queue holds. Empty strings and NULL mean "any". */
typedef struct
{
  char *label;       /* a version of the unit has an annotation with this label */
  char *annotator_a; /* with @annotator_b: their versions differ (one of them may be
                      * missing); alone: its version differs from another's */
  char *annotator_b;
  int   kind; /* a GlossCurationKind, or -1: any kind but AGREED */
} GlossCurationFilter;

void     gloss_curation_filter_clear (GlossCurationFilter *filter);
/* "kind" names as the command line and win.curation-queue take them:
 * "" (any), "only", "label", "overlap", "details"; -2 for an unknown name. */
int      gloss_curation_kind_from_name (const char *name);

/* TRUE when @unit is a disagreement @filter asks for (@filter NULL: any
 * disagreement). Curated or not does not matter here. @present (a set of
 * names, may be NULL): who annotated the document; an annotator of the
 * filter who did not has nothing to disagree with there. */
gboolean gloss_curation_unit_matches (GlossCurationUnit         *unit,
                                      const GlossCurationFilter *filter,
                                      GHashTable                *present);

/* One document of a queue: what its rows are drawn from. Reference counted
 * (g_atomic_rc_box): made on a worker thread, then used on one thread. */
typedef struct
{
  gint64      id;
  char       *uuid;
  char       *name;
  char       *text;
  guint       length;      /* of @text, in code points */
  GPtrArray  *annotations; /* GlossAnnotation, live, gold included; NULL in a
                            * collected queue: see dup_annotations() */
  GPtrArray  *units;       /* GlossCurationUnit: of the whole document, or in a
                            * collected queue only those it lists */
  GHashTable *rejected;    /* unit keys */
  GArray     *matches;     /* guint: indices into @units of the queue's units, in order */
} GlossCurationDocument;

GlossCurationDocument *gloss_curation_document_ref (GlossCurationDocument *document);
/* @document's live annotations, gold included: its own, or read from @store
 * (and kept) when a collected queue left them out. NULL with @error. */
GPtrArray             *gloss_curation_document_dup_annotations (GlossCurationDocument *document,
                                                                GlossStore            *store,
                                                                GError               **error);
void                   gloss_curation_document_unref (GlossCurationDocument *document);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossCurationDocument, gloss_curation_document_unref)

/* Replaces @document's units, annotations and rejected set by @units,
 * @annotations and @rejected (new refs are taken) and recomputes its
 * matches: the units that match @filter and are not curated, plus those
 * matched before (kept by key, so a unit just decided stays in the queue
 * with its new state). */
void       gloss_curation_document_update (GlossCurationDocument     *document,
                                           GPtrArray                 *units,
                                           GPtrArray                 *annotations,
                                           GHashTable                *rejected,
                                           const GlossCurationFilter *filter);

/* The queue: every document with a disagreement @filter asks for that no
 * one decided yet (no gold, not rejected), in the document list's order,
 * as a new array of GlossCurationDocument. @annotators (may be NULL):
 * filled with every annotator of the project (gold aside), sorted, char *
 * owned by the array. Reads @project's store; runs on any thread that owns
 * @project. @progress is called with the fraction of documents read. */
GPtrArray *gloss_curation_queue_collect (GlossProject              *project,
                                         const GlossCurationFilter *filter,
                                         GPtrArray                 *annotators,
                                         GlossProgressFunc          progress,
                                         gpointer                   progress_data,
                                         GCancellable              *cancellable,
                                         GError                   **error);
/* Alt+A for the whole project: a gold copy of every agreed unit no one
 * decided yet, in every document, with the relations between copies (as
 * gloss_curation_accept_agreed() and gloss_curation_copy_relations() make
 * them for one document; a document with fewer than two annotators has no
 * agreement and is left alone), written as one change set (one undoable step:
 * gloss_project_undo_changes()). @changes_out: the set applied (NULL when
 * nothing was agreed and undecided); @n_units, @n_documents (may be NULL):
 * the units accepted and the documents they are in. */
gboolean             gloss_curation_accept_agreed_everywhere (GlossProject      *project,
                                                              GlossChangeSet   **changes_out,
                                                              guint             *n_units,
                                                              guint             *n_documents,
                                                              GlossProgressFunc  progress,
                                                              gpointer           progress_data,
                                                              GCancellable      *cancellable,
                                                              GError           **error);

/* Undecided units of one document of a queue. */
guint                gloss_curation_document_count_undecided (GlossCurationDocument *document);
/* Undecided units of a queue, in all. */
guint      gloss_curation_queue_count_undecided (GPtrArray *queue);

G_END_DECLS
