/* gloss-bulk.h: "annotate all occurrences" across the documents of a project
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gloss-types.h"

G_BEGIN_DECLS

#define GLOSS_BULK_ERROR (gloss_bulk_error_quark ())

typedef enum
{
  GLOSS_BULK_ERROR_CHANGED,          /* undo: an annotation of the step changed since */
  GLOSS_BULK_ERROR_EXISTS,           /* redo: a row of the step exists again */
  GLOSS_BULK_ERROR_NOTHING_TO_UNDO,  /* the step is already undone (or created nothing) */
  GLOSS_BULK_ERROR_NOTHING_TO_REDO,  /* the step is not undone */
} GlossBulkError;

GQuark gloss_bulk_error_quark (void);

/* Exact occurrences of @needle in @text as GlossFragment (code points, as
 * everywhere in the model), in text order and not overlapping; with
 * @whole_words only those that do not cut a word (a letter, digit or mark,
 * g_unichar_isalnum() or g_unichar_ismark(), on both sides of an edge of
 * the hit, where the needle's own edge is such a character). An empty
 * @needle or NULL @text gives an empty array. */
GArray *gloss_find_occurrences (const char *text,
                                const char *needle,
                                gboolean    whole_words);

#define GLOSS_TYPE_BULK_STEP (gloss_bulk_step_get_type ())
G_DECLARE_FINAL_TYPE (GlossBulkStep, gloss_bulk_step, GLOSS, BULK_STEP, GObject)

/* What one gloss_project_annotate_everywhere() created, as one undoable
 * step of the project (outside the per-document undo stacks). */
const char  *gloss_bulk_step_get_label           (GlossBulkStep *self);
const char  *gloss_bulk_step_get_needle          (GlossBulkStep *self);
/* Annotations created, and the number of documents they are in. */
guint        gloss_bulk_step_get_n_annotations   (GlossBulkStep *self);
guint        gloss_bulk_step_get_n_documents     (GlossBulkStep *self);
/* The created annotations: uuids (borrowed strings) and their document
 * ids, index for index. */
GPtrArray   *gloss_bulk_step_get_uuids           (GlossBulkStep *self);
GArray      *gloss_bulk_step_get_document_ids    (GlossBulkStep *self);
/* TRUE when the step created something and is applied (can_undo) or
 * undone (can_redo). */
gboolean     gloss_bulk_step_can_undo            (GlossBulkStep *self);
gboolean     gloss_bulk_step_can_redo            (GlossBulkStep *self);
/* "Annotate All “needle” in All Documents", translated: for undo and redo
 * descriptions. */
char        *gloss_bulk_step_dup_description     (GlossBulkStep *self);

/* In one transaction, creates an annotation labelled @label on every
 * occurrence of @needle (see gloss_find_occurrences()) in every document of
 * @project, except where a live annotation with that label and exactly
 * that one-fragment span exists. The annotations get new uuids, the
 * project's annotator and the time of the call as created and modified
 * time, like a command would. A label the schema does not know is refused
 * (GLOSS_COMMAND_ERROR_INVALID) and nothing is written; so is an empty
 * @needle. Afterwards the document list is reloaded and the open
 * annotation lists of the documents written re-read their rows (their
 * undo histories are cleared: the step is undone as a whole with
 * gloss_project_undo_bulk()).
 *
 * Returns TRUE on success, also when nothing was found; @step_out (may be
 * NULL) then receives the step (with 0 annotations when nothing was
 * created). */
gboolean     gloss_project_annotate_everywhere   (GlossProject   *project,
                                                  const char     *label,
                                                  const char     *needle,
                                                  gboolean        whole_words,
                                                  GlossBulkStep **step_out,
                                                  GCancellable   *cancellable,
                                                  GError        **error);
/* The same for a worker thread with a GlossProject of its own, which it
 * then drops: calls @progress (may be NULL) on the calling thread with the
 * fraction done so far (the search, then the writing), and does not
 * reload @project's lists afterwards; call gloss_project_refresh_for_bulk()
 * on the project that shows the documents. @cancellable is checked before each document and before the
 * commit; a cancelled run rolls back and writes nothing
 * (G_IO_ERROR_CANCELLED). */
gboolean     gloss_project_annotate_everywhere_full (GlossProject      *project,
                                                     const char        *label,
                                                     const char        *needle,
                                                     gboolean           whole_words,
                                                     GlossProgressFunc  progress,
                                                     gpointer           progress_data,
                                                     GlossBulkStep    **step_out,
                                                     GCancellable      *cancellable,
                                                     GError           **error);
/* After @step was applied, undone or redone through another GlossProject
 * on the same file (a worker thread's): reloads @project's document list,
 * the open annotation lists of the step's documents (their undo histories
 * are cleared) and the annotation counts of its other documents, as the
 * functions here do for the project they ran on
 * (gloss_project_reload_changes()). */
void         gloss_project_refresh_for_bulk      (GlossProject   *project,
                                                  GlossBulkStep  *step);
/* Removes in one transaction exactly the rows @step created, so the store
 * is as it was before. Refused with GLOSS_BULK_ERROR_CHANGED, and nothing
 * written, when one of those annotations changed since (edited,
 * relabelled, resized, deleted) or is an end of a relation. The open lists
 * of the documents are reloaded. */
gboolean     gloss_project_undo_bulk             (GlossProject   *project,
                                                  GlossBulkStep  *step,
                                                  GError        **error);
/* Writes the rows of an undone @step again (same uuids, times and
 * contents). Refused with GLOSS_BULK_ERROR_EXISTS when one of them exists
 * again. */
gboolean     gloss_project_redo_bulk             (GlossProject   *project,
                                                  GlossBulkStep  *step,
                                                  GError        **error);
/* gloss_project_undo_bulk() (@undo) or gloss_project_redo_bulk() for a
 * worker thread's own project, like
 * gloss_project_annotate_everywhere_full(): with @progress, checking
 * @cancellable (a cancelled run rolls back, the step stays as it was) and
 * without reloading @project's lists. */
gboolean     gloss_project_undo_bulk_full        (GlossProject       *project,
                                                  GlossBulkStep      *step,
                                                  gboolean            undo,
                                                  GlossProgressFunc   progress,
                                                  gpointer            progress_data,
                                                  GCancellable       *cancellable,
                                                  GError            **error);

G_END_DECLS
