/* gloss-annotation-list.h: the live annotations of one document
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gloss-types.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_ANNOTATION_LIST (gloss_annotation_list_get_type ())
G_DECLARE_FINAL_TYPE (GlossAnnotationList, gloss_annotation_list, GLOSS, ANNOTATION_LIST, GObject)

/* A GListModel of the document's live (not deleted) GlossAnnotation
 * snapshots in document order (start, end, uuid), with exact items-changed,
 * plus the span index, the relations (a GListModel of GlossRelation) and the
 * document's undo and redo stacks. Obtain it from
 * gloss_project_dup_annotation_list(); all edits go through
 * gloss_annotation_list_apply().
 *
 * Signals:
 *   "annotation-changed" (GlossAnnotation *old, GlossAnnotation *new): one
 *      per changed annotation after a command, an undo or a redo commits;
 *      old is NULL for a new annotation, new is NULL when it left the list
 *      (deleted or undone). Emitted after items-changed.
 *   "relation-changed" (GlossRelation *old, GlossRelation *new): same.
 *   "status-changed" (const char *annotator): a document status changed.
 *   "waiting-failed" (GlossCommand *command, GError *error): a command that
 *      waited for another program's write lock could not be applied then.
 * Properties: "can-undo", "can-redo", "annotator", "n-relations",
 *   "n-waiting". */

GlossDocument    *gloss_annotation_list_get_document     (GlossAnnotationList *self);
GlossSchema      *gloss_annotation_list_get_schema       (GlossAnnotationList *self);
const char       *gloss_annotation_list_get_annotator    (GlossAnnotationList *self);
void              gloss_annotation_list_set_annotator    (GlossAnnotationList *self,
                                                          const char          *annotator);

/* Calls @func (annotation, @user_data) for every live annotation in list
 * order, without the position lookups of g_list_model_get_item(). @func
 * must not change the list. */
void              gloss_annotation_list_foreach          (GlossAnnotationList *self,
                                                          GFunc                func,
                                                          gpointer             user_data);
GlossAnnotation  *gloss_annotation_list_lookup           (GlossAnnotationList *self,
                                                          const char          *uuid);
/* Position of the annotation in the list, or FALSE when absent. */
gboolean          gloss_annotation_list_find             (GlossAnnotationList *self,
                                                          const char          *uuid,
                                                          guint               *position);
/* New arrays of borrowed GlossAnnotation pointers, in document order, each
 * annotation once: those with a fragment containing @offset, and those with
 * a fragment overlapping [start, end). O(log n + k). */
GPtrArray        *gloss_annotation_list_query_at         (GlossAnnotationList *self,
                                                          guint                offset);
GPtrArray        *gloss_annotation_list_query_range      (GlossAnnotationList *self,
                                                          guint                start,
                                                          guint                end);

GListModel       *gloss_annotation_list_get_relations    (GlossAnnotationList *self);
GlossRelation    *gloss_annotation_list_lookup_relation  (GlossAnnotationList *self,
                                                          const char          *uuid);
/* New array of borrowed GlossRelation pointers touching the annotation. */
GPtrArray        *gloss_annotation_list_relations_of     (GlossAnnotationList *self,
                                                          const char          *annotation_uuid);

/* Applies @command (which must be new) in one transaction. On failure the
 * store, the list and the undo stack are as they were and @error says why.
 * When the list waits when busy and another program holds the project's
 * write lock (longer than the store's lock timeout), @command waits instead,
 * after those already waiting, and TRUE is returned at once: the waiting
 * commands are applied in order, from the thread-default main context, as
 * soon as the lock is free ("n-waiting" counts them; undo and redo are
 * refused meanwhile). */
gboolean          gloss_annotation_list_apply            (GlossAnnotationList *self,
                                                          GlossCommand        *command,
                                                          GError             **error);
/* The window's way: edits never block the main loop on another program. */
void              gloss_annotation_list_set_wait_when_busy (GlossAnnotationList *self,
                                                            gboolean             wait);
guint             gloss_annotation_list_get_n_waiting    (GlossAnnotationList *self);
gboolean          gloss_annotation_list_can_undo         (GlossAnnotationList *self);
gboolean          gloss_annotation_list_can_redo         (GlossAnnotationList *self);
/* The command the next undo takes back (borrowed), or NULL: whether
 * anything was done or undone since one looked. */
GlossCommand     *gloss_annotation_list_peek_undo        (GlossAnnotationList *self);
/* Descriptions of the next undo/redo step, or NULL. */
const char       *gloss_annotation_list_get_undo_description (GlossAnnotationList *self);
const char       *gloss_annotation_list_get_redo_description (GlossAnnotationList *self);
gboolean          gloss_annotation_list_undo             (GlossAnnotationList *self,
                                                          GError             **error);
gboolean          gloss_annotation_list_redo             (GlossAnnotationList *self,
                                                          GError             **error);
void              gloss_annotation_list_clear_history    (GlossAnnotationList *self);

G_END_DECLS
