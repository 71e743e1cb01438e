/* gloss-change-set-private.h
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-change-set.h"

G_BEGIN_DECLS

/* One row before and after: of a change set, or of a command applied to an
 * annotation list. NULL object = no row. For statuses, a status of -1 = no
 * row; assignments keep their deleted flag there (0, 1; -1 = no row). */
typedef struct
{
  GlossChangeKind  kind;
  GlossChangeRule  rule;
  char            *key;           /* uuid, or annotator for statuses and assignments */
  gint64           document_id;   /* of a status; of the row written otherwise */
  GObject         *before;
  GObject         *after;
  int              before_status;
  int              after_status;
  gint64           before_modified;
  gint64           after_modified;
} GlossChange;

GlossChange *_gloss_change_new        (GlossChangeKind   kind,
                                       const char       *key);
void         _gloss_change_free       (GlossChange      *change);
/* Writes the after (@forward) or the before side of @change. */
gboolean     _gloss_change_write      (GlossChange      *change,
                                       GlossStore       *store,
                                       gboolean          forward,
                                       GError          **error);

/* Runs inside the transaction of gloss_project_apply_changes(), before the
 * rows put in the set are written: reads what it needs of the project as it
 * is now and puts rows, or writes documents and the schema itself and
 * records them below. */
typedef gboolean (*GlossChangeSetPrepareFunc) (GlossChangeSet  *changes,
                                               GlossProject    *project,
                                               gpointer         user_data,
                                               GCancellable    *cancellable,
                                               GError         **error);

gboolean     _gloss_project_apply_changes_full (GlossProject              *project,
                                                GlossChangeSet            *changes,
                                                GlossChangeSetPrepareFunc  prepare,
                                                gpointer                   prepare_data,
                                                GlossProgressFunc          progress,
                                                gpointer                   progress_data,
                                                GCancellable              *cancellable,
                                                GError                   **error);

/* For a prepare function: a document it inserted (undo deletes it), one it
 * renamed from @old_name (undo names it so again; a second rename of the
 * same document keeps the first old name), and the schema the project
 * adopts when the set is applied, stored as exactly @json (NULL: as the
 * project saves it); @old_json is the stored schema undo puts back (NULL:
 * none, the set leaves the stored schema alone). */
void         _gloss_change_set_add_document     (GlossChangeSet *self,
                                                 gint64          id);
/* Once applied: the rows written (GlossChange, borrowed), in writing order. */
GPtrArray   *_gloss_change_set_get_written      (GlossChangeSet *self);
gboolean     _gloss_change_set_has_added        (GlossChangeSet *self,
                                                 gint64          id);
gboolean     _gloss_change_set_has_renamed      (GlossChangeSet *self,
                                                 gint64          id);
void         _gloss_change_set_rename_document  (GlossChangeSet *self,
                                                 gint64          id,
                                                 const char     *old_name,
                                                 const char     *new_name);
void         _gloss_change_set_set_schema       (GlossChangeSet *self,
                                                 const char     *old_json,
                                                 GlossSchema    *schema,
                                                 const char     *json);
/* For a worker thread's own project, dropped afterwards: applying, undoing
 * and redoing do not reload it; the project that shows the documents calls
 * gloss_project_reload_changes(). */
void         _gloss_change_set_set_quiet        (GlossChangeSet *self,
                                                 gboolean        quiet);
/* For a merge: each annotation put that meets a row of its uuid in the same
 * document with other contents, whichever then wins, has its uuid added to
 * @differing (a set of char * it frees; borrowed: it outlives the apply).
 * The row is compared where it is read anyway, not loaded again. */
void         _gloss_change_set_note_differing   (GlossChangeSet *self,
                                                 GHashTable     *differing);
/* For a prepare function that reads back what it puts: writes the rows put
 * so far now (they are written once). */
gboolean     _gloss_change_set_flush            (GlossChangeSet *self,
                                                 GlossStore     *store,
                                                 GError        **error);

G_END_DECLS
