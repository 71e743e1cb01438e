/* gloss-assignments.h: which annotators annotate which documents, and how far each is
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gloss-change-set.h"
#include "gloss-types.h"

G_BEGIN_DECLS

/* ---- rows
 *
 * An assignment is a row (document, annotator) with a modification time
 * and a deleted flag: removing an assignment leaves a tombstone, so that a
 * merge tells "unassigned" from "never assigned" (the newer row wins, as
 * for statuses). */

/* Writes the row of (@document_id, @annotator): @state 0 assigned, 1 a
 * tombstone, < 0 no row at all (undo). */
gboolean    gloss_store_set_assignment          (GlossStore   *self,
                                                 gint64        document_id,
                                                 const char   *annotator,
                                                 int           state,
                                                 gint64        modified,
                                                 GError      **error);
/* FALSE when there is no row (then @state is -1 and @modified 0). */
gboolean    gloss_store_get_assignment          (GlossStore   *self,
                                                 gint64        document_id,
                                                 const char   *annotator,
                                                 int          *state,
                                                 gint64       *modified);
/* The annotators a document is assigned to, sorted (a NULL-terminated
 * array; empty when none). One query. */
GStrv       gloss_store_dup_assignees           (GlossStore   *self,
                                                 gint64        document_id);
/* The ids (gint64) of the documents assigned to @annotator, in id order. */
GArray     *gloss_store_list_assigned_documents (GlossStore   *self,
                                                 const char   *annotator,
                                                 GError      **error);
/* The same as a set of gint64 *, for filters. */
GHashTable *gloss_store_find_assigned_documents (GlossStore   *self,
                                                 const char   *annotator);

/* ---- assigning: each is one applied change set (returned, for undo; NULL
 * with @error, and nothing written, on failure) */

/* Assigns the document to each of @annotators (or with @remove, takes it
 * from them). Assignments that already are as asked are left alone; the
 * set may then be empty. */
GlossChangeSet *gloss_project_assign            (GlossProject        *project,
                                                 gint64               document_id,
                                                 const char * const  *annotators,
                                                 gboolean             remove,
                                                 GError             **error);
/* Spreads the project's documents over @annotators so that each document
 * has @n_per_document distinct assignees (counting those it has) and the
 * annotators' loads differ by at most one when they start even: the
 * documents are visited in an order shuffled by a GRand seeded with @seed,
 * and each takes the least loaded annotators not yet assigned to it, ties
 * broken by the same GRand. The same project, annotators and seed give the
 * same assignments. With @replace, every existing assignment is removed
 * first. Refuses an @n_per_document of 0 or above the number of distinct
 * annotators (G_IO_ERROR_INVALID_ARGUMENT). */
GlossChangeSet *gloss_project_assign_evenly     (GlossProject        *project,
                                                 const char * const  *annotators,
                                                 guint                n_per_document,
                                                 guint32              seed,
                                                 gboolean             replace,
                                                 GError             **error);

/* ---- progress */

typedef struct
{
  char  *annotator;
  guint  n_assigned;      /* documents assigned */
  guint  n_new;           /* of the documents counted: the assigned ones, or */
  guint  n_in_progress;   /* every document when none is assigned */
  guint  n_done;
  guint  n_annotations;   /* live annotations made, in every document */
} GlossAnnotatorProgress;

void        gloss_annotator_progress_free       (GlossAnnotatorProgress *progress);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossAnnotatorProgress, gloss_annotator_progress_free)

/* One GlossAnnotatorProgress per annotator who has an assignment, a
 * status or a live annotation (gold aside), by name. A few aggregate
 * queries, whatever the number of documents. */
GPtrArray  *gloss_project_dup_annotator_progress (GlossProject  *project,
                                                  GError       **error);

typedef struct
{
  gint64    document_id;
  char     *name;
  GStrv     assignees;    /* sorted */
  GStrv     done;         /* the annotators whose status is done, sorted */
  gboolean  curated;      /* every curation unit decided, and gold present */
} GlossDocumentProgress;

void        gloss_document_progress_free        (GlossDocumentProgress *progress);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossDocumentProgress, gloss_document_progress_free)

/* The progress of one document (reads its curation units: not for every
 * row of a long list). */
GlossDocumentProgress *gloss_project_dup_document_progress (GlossProject   *project,
                                                            GlossDocument  *document,
                                                            GError        **error);

/* ---- merging (for gloss-merge.c) */

/* Puts the assignments of @source_document in @source into @changes, for
 * @target_document, each written when newer than the target's row. */
gboolean    _gloss_assignments_merge            (GlossChangeSet  *changes,
                                                 GlossStore      *source,
                                                 gint64           source_document,
                                                 gint64           target_document,
                                                 GError         **error);

G_END_DECLS
