/* gloss-change-set.h: one step of changes to a project, across its documents
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gloss-types.h"

G_BEGIN_DECLS

#define GLOSS_CHANGE_SET_ERROR (gloss_change_set_error_quark ())

typedef enum
{
  GLOSS_CHANGE_SET_ERROR_CHANGED,  /* undo or redo: a row is no longer as the step left or found it */
  GLOSS_CHANGE_SET_ERROR_STATE,    /* applied twice, undoing what is not applied, redoing what is not undone */
} GlossChangeSetError;

GQuark gloss_change_set_error_quark (void);

typedef enum
{
  GLOSS_CHANGE_ANNOTATION,
  GLOSS_CHANGE_RELATION,
  GLOSS_CHANGE_STATUS,
  GLOSS_CHANGE_ASSIGNMENT,
  GLOSS_CHANGE_SUGGESTION,  /* the state of a kept suggestion (pending, rejected) */
} GlossChangeKind;

/* When a row of a change set is written. */
typedef enum
{
  GLOSS_CHANGE_ALWAYS,    /* as given */
  GLOSS_CHANGE_IF_NEWER,  /* only when it is newer than the stored row of its uuid (annotator, for
                           * statuses): a later modification time, or for the same time the
                           * greater content (the order a merge and a sync agree on whatever
                           * order they meet the rows in); the same row in the same document is
                           * not written again */
} GlossChangeRule;

#define GLOSS_TYPE_CHANGE_SET (gloss_change_set_get_type ())
G_DECLARE_FINAL_TYPE (GlossChangeSet, gloss_change_set, GLOSS, CHANGE_SET, GObject)

/* Every change to a project that is not an edit of one open document (a
 * GlossCommand) is a change set: "Annotate All", a merge, an import, a label
 * renamed or deleted with its annotations, and later a team server's
 * changes and accepted suggestions. gloss_project_apply_changes() writes
 * its rows in one transaction, recording what each replaced;
 * gloss_project_undo_changes() puts those back, as one step, when nothing
 * has changed them since, and gloss_project_redo_changes() writes them
 * again. Each of the three ends with gloss_project_reload(): the document
 * list and the open annotation lists follow. */

GlossChangeSet *gloss_change_set_new              (const char          *description);
const char     *gloss_change_set_get_description  (GlossChangeSet      *self);

/* Rows to write, each in the document its id names (set it with
 * gloss_annotation_set_document_id()); the row is referenced, not copied,
 * and must not change afterwards. Times and annotator are written as the
 * row has them. Only before the set is applied. */
void            gloss_change_set_put_annotation   (GlossChangeSet      *self,
                                                   GlossAnnotation     *row,
                                                   GlossChangeRule      rule);
void            gloss_change_set_put_relation     (GlossChangeSet      *self,
                                                   GlossRelation       *row,
                                                   GlossChangeRule      rule);
void            gloss_change_set_put_status       (GlossChangeSet      *self,
                                                   gint64               document_id,
                                                   const char          *annotator,
                                                   GlossDocumentStatus  status,
                                                   gint64               modified,
                                                   GlossChangeRule      rule);
/* An assignment of the document to @annotator (@deleted: its tombstone),
 * keyed like a status; under IF_NEWER a tombstone wins a tie. */
void            gloss_change_set_put_assignment   (GlossChangeSet      *self,
                                                   gint64               document_id,
                                                   const char          *annotator,
                                                   gboolean             deleted,
                                                   gint64               modified,
                                                   GlossChangeRule      rule);

/* The state of suggestion @id of the document (a GlossSuggestionState),
 * keyed like a status; only a kept suggestion's row is written. */
void            gloss_change_set_put_suggestion_state (GlossChangeSet  *self,
                                                       gint64           document_id,
                                                       const char      *id,
                                                       int              state,
                                                       gint64           modified);

/* Once applied: the rows written (a row its rule left alone is not); and
 * of the rows of @kind written (returned), how many came into being (were
 * not there or were deleted), changed (live before and after) or were
 * deleted (tombstoned or removed). */
guint           gloss_change_set_get_n_written    (GlossChangeSet      *self);
guint           gloss_change_set_count            (GlossChangeSet      *self,
                                                   GlossChangeKind      kind,
                                                   guint               *added,
                                                   guint               *updated,
                                                   guint               *deleted);
/* The documents the set wrote into, each once, in the order first
 * written (gint64). */
GArray         *gloss_change_set_get_document_ids (GlossChangeSet      *self);
/* TRUE when the set wrote something and is applied (can undo) or undone
 * (can redo). */
gboolean        gloss_change_set_can_undo         (GlossChangeSet      *self);
gboolean        gloss_change_set_can_redo         (GlossChangeSet      *self);

/* The one way a project changes in bulk. Each runs in one transaction; on
 * failure (an error, @cancellable) the project is as it was. @progress
 * (may be NULL) receives about a hundred fractions. Then the project
 * reloads what the set touched (gloss_project_reload()).
 *
 * Undo refuses (GLOSS_CHANGE_SET_ERROR_CHANGED, naming the row) when a
 * row the set wrote is not as the set left it, a document it added holds
 * other rows, a document it renamed has another name, the schema it wrote
 * was changed, or an annotation it would remove is the end of a relation
 * the set did not write. Redo refuses the same way when a row is not as
 * the set found it. */
gboolean        gloss_project_apply_changes       (GlossProject        *project,
                                                   GlossChangeSet      *changes,
                                                   GlossProgressFunc    progress,
                                                   gpointer             progress_data,
                                                   GCancellable        *cancellable,
                                                   GError             **error);
gboolean        gloss_project_undo_changes        (GlossProject        *project,
                                                   GlossChangeSet      *changes,
                                                   GlossProgressFunc    progress,
                                                   gpointer             progress_data,
                                                   GCancellable        *cancellable,
                                                   GError             **error);
gboolean        gloss_project_redo_changes        (GlossProject        *project,
                                                   GlossChangeSet      *changes,
                                                   GlossProgressFunc    progress,
                                                   gpointer             progress_data,
                                                   GCancellable        *cancellable,
                                                   GError             **error);
/* Another GlossProject of the same file (a worker thread's) applied, undid
 * or redid @changes: @project re-reads what they touched. */
gboolean        gloss_project_reload_changes      (GlossProject        *project,
                                                   GlossChangeSet      *changes,
                                                   GError             **error);

/* Label @label renamed @new_label on every annotation of @project, or
 * (@new_label NULL) those annotations deleted with the relations touching
 * them, as one applied change set (returned, for undo; NULL on error). The
 * schema is the caller's to change. */
GlossChangeSet *gloss_project_relabel             (GlossProject        *project,
                                                   const char          *label,
                                                   const char          *new_label,
                                                   GError             **error);
/* Label @label renamed @new_label in the project's schema (as
 * gloss_schema_rename_label() does, relation type ends included) and on
 * every annotation of @project, in one applied change set (returned; NULL
 * with @error, and nothing written, when the schema refuses the name).
 * Undone, the schema and the annotations are as before; redone, renamed
 * again. The project adopts a new schema object (notify::schema). */
GlossChangeSet *gloss_project_rename_label        (GlossProject        *project,
                                                   const char          *label,
                                                   const char          *new_label,
                                                   GError             **error);

G_END_DECLS
