/* gloss-change-set.c: one step of changes to a project, applied, undone and
 * redone by one function each
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "gloss-annotation.h"
#include "gloss-assignments.h"
#include "gloss-change-set-private.h"
#include "gloss-document.h"
#include "gloss-project.h"
#include "gloss-relation.h"
#include "gloss-schema.h"
#include "gloss-store-private.h"
#include "gloss-util-private.h"

G_DEFINE_QUARK (gloss-change-set-error-quark, gloss_change_set_error)

typedef enum
{
  STATE_NEW,
  STATE_APPLIED,
  STATE_UNDONE,
} State;

typedef struct
{
  gint64  id;
  char   *old_name;
  char   *new_name;
} Rename;

/* A document the set added, as it was stored when undo removed it: redo
 * puts it back with the same id, uuid, name and text. Every column is
 * kept, whatever later migrations add. */
typedef struct
{
  gint64           id;
  char            *name;
  char            *uuid;
  GPtrArray       *columns;  /* char * */
  GPtrArray       *values;   /* sqlite3_value * */
} DocumentRow;

struct _GlossChangeSet
{
  GObject      parent_instance;

  char        *description;
  State        state;
  GPtrArray   *pending;          /* GlossChange: after and rule set, not yet written; owns them
                                  * until the set is applied */
  GPtrArray   *changes;          /* GlossChange: written, in writing order; owns them once the
                                  * set is applied */
  GArray      *document_ids;     /* gint64, touched, first-written order */
  GHashTable  *documents_seen;   /* gint64 * (set) */
  GArray      *added_documents;  /* gint64 */
  GPtrArray   *renames;          /* Rename */
  GPtrArray   *removed;          /* DocumentRow: the added documents, while undone */
  char        *old_schema;       /* stored JSON the set replaced, NULL: none */
  char        *new_schema;
  GlossSchema *adopt;            /* what the project takes when applied */
  char        *adopt_json;
  guint        n_flushed;        /* pending rows written so far */
  guint        n_given;          /* pending rows put before applying began */
  gboolean     quiet;            /* a worker thread's project: no reload */
  GHashTable  *found_relations;  /* char * uuids: live relations, not the set's, at an
                                  * annotation the set brought back to life, as the set found
                                  * them: undo may take the annotation back from under them */
  GHashTable  *differing;        /* char * uuids (set), borrowed: see
                                  * _gloss_change_set_note_differing() */
};

G_DEFINE_FINAL_TYPE (GlossChangeSet, gloss_change_set, G_TYPE_OBJECT)

/* ---- one row */

GlossChange *
_gloss_change_new (GlossChangeKind  kind,
                   const char      *key)
{
  GlossChange *change = g_new0 (GlossChange, 1);

  change->kind = kind;
  change->key = g_strdup (key);
  change->before_status = change->after_status = -1;
  return change;
}

void
_gloss_change_free (GlossChange *change)
{
  if (change == NULL)
    return;
  g_free (change->key);
  g_clear_object (&change->before);
  g_clear_object (&change->after);
  g_free (change);
}

gboolean
_gloss_change_write (GlossChange  *change,
                     GlossStore   *store,
                     gboolean      forward,
                     GError      **error)
{
  GObject *row = forward ? change->after : change->before;

  switch (change->kind)
    {
    case GLOSS_CHANGE_ANNOTATION:
      return row ? gloss_store_put_annotation (store, GLOSS_ANNOTATION (row), error)
                 : gloss_store_remove_annotation (store, change->key, error);
    case GLOSS_CHANGE_RELATION:
      return row ? gloss_store_put_relation (store, GLOSS_RELATION (row), error)
                 : gloss_store_remove_relation (store, change->key, error);
    case GLOSS_CHANGE_STATUS:
      return gloss_store_set_document_status (store, change->document_id, change->key,
                                              forward ? change->after_status
                                                      : change->before_status,
                                              forward ? change->after_modified
                                                      : change->before_modified,
                                              error);
    case GLOSS_CHANGE_ASSIGNMENT:
      return gloss_store_set_assignment (store, change->document_id, change->key,
                                         forward ? change->after_status : change->before_status,
                                         forward ? change->after_modified
                                                 : change->before_modified,
                                         error);
    case GLOSS_CHANGE_SUGGESTION:
      return _gloss_store_set_suggestion_state (store, change->document_id, change->key,
                                                forward ? change->after_status
                                                        : change->before_status,
                                                forward ? change->after_modified
                                                        : change->before_modified,
                                                error);
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

/* A row keyed by document and a name, its state an int and a time. */
static gboolean
keyed (GlossChangeKind kind)
{
  return kind == GLOSS_CHANGE_STATUS || kind == GLOSS_CHANGE_ASSIGNMENT ||
         kind == GLOSS_CHANGE_SUGGESTION;
}

static gint64
row_document (GObject *row)
{
  if (GLOSS_IS_ANNOTATION (row))
    return gloss_annotation_get_document_id (GLOSS_ANNOTATION (row));
  return gloss_relation_get_document_id (GLOSS_RELATION (row));
}

static gboolean
row_live (GObject *row)
{
  if (row == NULL)
    return FALSE;
  if (GLOSS_IS_ANNOTATION (row))
    return !gloss_annotation_get_deleted (GLOSS_ANNOTATION (row));
  return !gloss_relation_get_deleted (GLOSS_RELATION (row));
}

static gboolean
rows_equal (GObject *a,
            GObject *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (GLOSS_IS_ANNOTATION (a))
    return gloss_annotation_equal (GLOSS_ANNOTATION (a), GLOSS_ANNOTATION (b));
  return gloss_relation_equal (GLOSS_RELATION (a), GLOSS_RELATION (b));
}

/* The row of @change's key as stored now (NULL: none); for statuses, fills
 * @status (-1: none) and @modified. */
static GObject *
load_current (GlossChange *change,
              GlossStore  *store,
              int         *status,
              gint64      *modified)
{
  GlossDocumentStatus s;

  switch (change->kind)
    {
    case GLOSS_CHANGE_ANNOTATION:
      return (GObject *) gloss_store_load_annotation (store, change->key, NULL);
    case GLOSS_CHANGE_RELATION:
      return (GObject *) gloss_store_load_relation (store, change->key, NULL);
    case GLOSS_CHANGE_STATUS:
      if (gloss_store_get_document_status (store, change->document_id, change->key, &s,
                                           modified))
        *status = s;
      else
        {
          *status = -1;
          *modified = 0;
        }
      return NULL;
    case GLOSS_CHANGE_ASSIGNMENT:
      gloss_store_get_assignment (store, change->document_id, change->key, status, modified);
      return NULL;
    case GLOSS_CHANGE_SUGGESTION:
      _gloss_store_get_suggestion_state (store, change->document_id, change->key, status,
                                         modified);
      return NULL;
    default:
      g_assert_not_reached ();
    }
  return NULL;
}

/* ---- the order of IF_NEWER */

/* A total order on row contents for ties of the modification time; the
 * document is left out (its local id differs between projects). */
static char *
content_key (GObject *row)
{
  g_autofree char *attrs = NULL;

  if (GLOSS_IS_ANNOTATION (row))
    {
      GlossAnnotation *a = GLOSS_ANNOTATION (row);
      const GlossFragment *f = NULL;
      g_autofree char *frags = NULL;
      const char *provenance;
      double score;
      guint n;

      f = gloss_annotation_get_fragments (a, &n);
      frags = _gloss_fragments_to_string (f, n);
      attrs = _gloss_attributes_to_json (gloss_annotation_get_attributes (a));
      provenance = gloss_annotation_get_provenance (a, &score);

      return g_strdup_printf ("%d\x1f%s\x1f%s\x1f%s\x1f%d%s\x1f%d%s\x1f%d%s\x1f%s\x1f%"
                              G_GINT64_FORMAT "\x1f%s\x1f%.17g",
                              gloss_annotation_get_deleted (a),
                              gloss_annotation_get_label (a), frags, attrs,
                              gloss_annotation_get_note (a) != NULL,
                              gloss_annotation_get_note (a) ? gloss_annotation_get_note (a) : "",
                              gloss_annotation_get_norm_id (a) != NULL,
                              gloss_annotation_get_norm_id (a) ? gloss_annotation_get_norm_id (a)
                                                               : "",
                              gloss_annotation_get_norm_name (a) != NULL,
                              gloss_annotation_get_norm_name (a)
                                ? gloss_annotation_get_norm_name (a)
                                : "",
                              gloss_annotation_get_annotator (a),
                              gloss_annotation_get_created (a),
                              provenance != NULL ? provenance : "", score);
    }
  else
    {
      GlossRelation *r = GLOSS_RELATION (row);

      attrs = _gloss_attributes_to_json (gloss_relation_get_attributes (r));
      return g_strdup_printf ("%d\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%" G_GINT64_FORMAT,
                              gloss_relation_get_deleted (r),
                              gloss_relation_get_relation_type (r),
                              gloss_relation_get_source (r), gloss_relation_get_target (r), attrs,
                              gloss_relation_get_annotator (r), gloss_relation_get_created (r));
    }
}

static gint64
row_modified (GObject *row)
{
  if (GLOSS_IS_ANNOTATION (row))
    return gloss_annotation_get_modified (GLOSS_ANNOTATION (row));
  return gloss_relation_get_modified (GLOSS_RELATION (row));
}

/* Whether @change's after row is to be written over @current. */
static gboolean
newer (GlossChange *change,
       GObject     *current,
       int          current_status,
       gint64       current_modified)
{
  g_autofree char *incoming_key = NULL;
  g_autofree char *current_key = NULL;
  int cmp;

  if (keyed (change->kind))
    return current_status < 0 || current_modified < change->after_modified ||
           (current_modified == change->after_modified && current_status < change->after_status);
  if (current == NULL)
    return TRUE;
  if (row_modified (change->after) != row_modified (current))
    return row_modified (change->after) > row_modified (current);
  incoming_key = content_key (change->after);
  current_key = content_key (current);
  cmp = strcmp (incoming_key, current_key);
  return cmp > 0 || (cmp == 0 && row_document (current) != row_document (change->after));
}

/* ---- GObject */

static void
rename_free (Rename *r)
{
  g_free (r->old_name);
  g_free (r->new_name);
  g_free (r);
}

static void
document_row_free (DocumentRow *row)
{
  g_free (row->name);
  g_free (row->uuid);
  g_ptr_array_unref (row->columns);
  g_ptr_array_unref (row->values);
  g_free (row);
}

static void
gloss_change_set_finalize (GObject *object)
{
  GlossChangeSet *self = (GlossChangeSet *) object;

  g_clear_pointer (&self->found_relations, g_hash_table_unref);
  g_free (self->description);
  g_ptr_array_foreach (self->state == STATE_NEW ? self->pending : self->changes,
                       (GFunc) _gloss_change_free, NULL);
  g_ptr_array_unref (self->pending);
  g_ptr_array_unref (self->changes);
  g_array_unref (self->document_ids);
  g_hash_table_unref (self->documents_seen);
  g_array_unref (self->added_documents);
  g_ptr_array_unref (self->renames);
  g_ptr_array_unref (self->removed);
  g_free (self->old_schema);
  g_free (self->new_schema);
  g_clear_object (&self->adopt);
  g_free (self->adopt_json);

  G_OBJECT_CLASS (gloss_change_set_parent_class)->finalize (object);
}

static void
gloss_change_set_class_init (GlossChangeSetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gloss_change_set_finalize;
}

static void
gloss_change_set_init (GlossChangeSet *self)
{
  self->pending = g_ptr_array_new ();
  self->changes = g_ptr_array_new ();
  self->document_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->documents_seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->added_documents = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->renames = g_ptr_array_new_with_free_func ((GDestroyNotify) rename_free);
  self->removed = g_ptr_array_new_with_free_func ((GDestroyNotify) document_row_free);
}

GlossChangeSet *
gloss_change_set_new (const char *description)
{
  GlossChangeSet *self = g_object_new (GLOSS_TYPE_CHANGE_SET, NULL);

  self->description = g_strdup (description ? description : "");
  return self;
}

const char *
gloss_change_set_get_description (GlossChangeSet *self)
{
  g_return_val_if_fail (GLOSS_IS_CHANGE_SET (self), NULL);
  return self->description;
}

/* ---- building */

static void
put (GlossChangeSet  *self,
     GlossChangeKind  kind,
     const char      *key,
     GObject         *row,
     GlossChangeRule  rule)
{
  GlossChange *change = _gloss_change_new (kind, key);

  change->rule = rule;
  change->after = g_object_ref (row);
  change->document_id = row_document (row);
  g_ptr_array_add (self->pending, change);
}

void
gloss_change_set_put_annotation (GlossChangeSet  *self,
                                 GlossAnnotation *row,
                                 GlossChangeRule  rule)
{
  g_return_if_fail (GLOSS_IS_CHANGE_SET (self));
  g_return_if_fail (GLOSS_IS_ANNOTATION (row));
  g_return_if_fail (self->state == STATE_NEW);

  put (self, GLOSS_CHANGE_ANNOTATION, gloss_annotation_get_uuid (row), G_OBJECT (row), rule);
}

void
gloss_change_set_put_relation (GlossChangeSet  *self,
                               GlossRelation   *row,
                               GlossChangeRule  rule)
{
  g_return_if_fail (GLOSS_IS_CHANGE_SET (self));
  g_return_if_fail (GLOSS_IS_RELATION (row));
  g_return_if_fail (self->state == STATE_NEW);

  put (self, GLOSS_CHANGE_RELATION, gloss_relation_get_uuid (row), G_OBJECT (row), rule);
}

/* A status or an assignment: a row keyed by document and annotator, its
 * state an int and a modification time. */
static void
put_keyed (GlossChangeSet  *self,
           GlossChangeKind  kind,
           gint64           document_id,
           const char      *annotator,
           int              state,
           gint64           modified,
           GlossChangeRule  rule)
{
  GlossChange *change = _gloss_change_new (kind, annotator);

  change->rule = rule;
  change->document_id = document_id;
  change->after_status = state;
  change->after_modified = modified;
  g_ptr_array_add (self->pending, change);
}

void
gloss_change_set_put_status (GlossChangeSet      *self,
                             gint64               document_id,
                             const char          *annotator,
                             GlossDocumentStatus  status,
                             gint64               modified,
                             GlossChangeRule      rule)
{
  g_return_if_fail (GLOSS_IS_CHANGE_SET (self));
  g_return_if_fail (annotator != NULL);
  g_return_if_fail (self->state == STATE_NEW);

  put_keyed (self, GLOSS_CHANGE_STATUS, document_id, annotator, status, modified, rule);
}

void
gloss_change_set_put_assignment (GlossChangeSet  *self,
                                 gint64           document_id,
                                 const char      *annotator,
                                 gboolean         deleted,
                                 gint64           modified,
                                 GlossChangeRule  rule)
{
  g_return_if_fail (GLOSS_IS_CHANGE_SET (self));
  g_return_if_fail (annotator != NULL);
  g_return_if_fail (self->state == STATE_NEW);

  put_keyed (self, GLOSS_CHANGE_ASSIGNMENT, document_id, annotator, deleted ? 1 : 0, modified,
             rule);
}

void
gloss_change_set_put_suggestion_state (GlossChangeSet *self,
                                       gint64          document_id,
                                       const char     *id,
                                       int             state,
                                       gint64          modified)
{
  g_return_if_fail (GLOSS_IS_CHANGE_SET (self));
  g_return_if_fail (id != NULL);
  g_return_if_fail (self->state == STATE_NEW);

  put_keyed (self, GLOSS_CHANGE_SUGGESTION, document_id, id, state, modified,
             GLOSS_CHANGE_ALWAYS);
}

static void
touch (GlossChangeSet *self,
       gint64          id)
{
  if (g_hash_table_add (self->documents_seen, g_memdup2 (&id, sizeof id)))
    g_array_append_val (self->document_ids, id);
}

void
_gloss_change_set_add_document (GlossChangeSet *self,
                                gint64          id)
{
  g_array_append_val (self->added_documents, id);
  touch (self, id);
}

gboolean
_gloss_change_set_has_added (GlossChangeSet *self,
                             gint64          id)
{
  for (guint i = 0; i < self->added_documents->len; i++)
    if (g_array_index (self->added_documents, gint64, i) == id)
      return TRUE;
  return FALSE;
}

void
_gloss_change_set_set_quiet (GlossChangeSet *self,
                             gboolean        quiet)
{
  self->quiet = quiet;
}

gboolean
_gloss_change_set_has_renamed (GlossChangeSet *self,
                               gint64          id)
{
  for (guint k = 0; k < self->renames->len; k++)
    if (((Rename *) g_ptr_array_index (self->renames, k))->id == id)
      return TRUE;
  return FALSE;
}

void
_gloss_change_set_rename_document (GlossChangeSet *self,
                                   gint64          id,
                                   const char     *old_name,
                                   const char     *new_name)
{
  Rename *r = NULL;

  for (guint k = 0; k < self->renames->len && r == NULL; k++)
    if (((Rename *) g_ptr_array_index (self->renames, k))->id == id)
      r = g_ptr_array_index (self->renames, k);
  if (r == NULL)
    {
      r = g_new0 (Rename, 1);
      r->id = id;
      r->old_name = g_strdup (old_name);
      g_ptr_array_add (self->renames, r);
    }
  g_free (r->new_name);
  r->new_name = g_strdup (new_name);
  touch (self, id);
}

void
_gloss_change_set_set_schema (GlossChangeSet *self,
                              const char     *old_json,
                              GlossSchema    *schema,
                              const char     *json)
{
  g_free (self->old_schema);
  self->old_schema = g_strdup (old_json);
  g_set_object (&self->adopt, schema);
  g_free (self->adopt_json);
  self->adopt_json = g_strdup (json);
}

/* ---- what was written */

guint
gloss_change_set_get_n_written (GlossChangeSet *self)
{
  g_return_val_if_fail (GLOSS_IS_CHANGE_SET (self), 0);
  return self->state == STATE_NEW ? 0 : self->changes->len;
}

guint
gloss_change_set_count (GlossChangeSet  *self,
                        GlossChangeKind  kind,
                        guint           *added,
                        guint           *updated,
                        guint           *deleted)
{
  guint a = 0, u = 0, d = 0, n = 0;

  g_return_val_if_fail (GLOSS_IS_CHANGE_SET (self), 0);

  for (guint i = 0; i < self->changes->len; i++)
    {
      GlossChange *c = g_ptr_array_index (self->changes, i);
      gboolean before, after;

      if (c->kind != kind)
        continue;
      n++;
      if (kind == GLOSS_CHANGE_STATUS)
        before = c->before_status >= 0, after = c->after_status >= 0;
      else if (kind == GLOSS_CHANGE_ASSIGNMENT)
        before = c->before_status == 0, after = c->after_status == 0;
      else if (kind == GLOSS_CHANGE_SUGGESTION)
        before = c->before_status >= 0, after = c->after_status >= 0;
      else
        before = row_live (c->before), after = row_live (c->after);
      if (!before && after)
        a++;
      else if (before && !after)
        d++;
      else if (before && after)
        u++;
    }
  if (added != NULL)
    *added = a;
  if (updated != NULL)
    *updated = u;
  if (deleted != NULL)
    *deleted = d;
  return n;
}

GPtrArray *
_gloss_change_set_get_written (GlossChangeSet *self)
{
  g_return_val_if_fail (GLOSS_IS_CHANGE_SET (self), NULL);
  return self->changes;
}

GArray *
gloss_change_set_get_document_ids (GlossChangeSet *self)
{
  g_return_val_if_fail (GLOSS_IS_CHANGE_SET (self), NULL);
  return self->document_ids;
}

static gboolean
has_effect (GlossChangeSet *self)
{
  return self->changes->len > 0 || self->added_documents->len > 0 || self->renames->len > 0 ||
         self->old_schema != NULL;
}

gboolean
gloss_change_set_can_undo (GlossChangeSet *self)
{
  g_return_val_if_fail (GLOSS_IS_CHANGE_SET (self), FALSE);
  return self->state == STATE_APPLIED && has_effect (self);
}

gboolean
gloss_change_set_can_redo (GlossChangeSet *self)
{
  g_return_val_if_fail (GLOSS_IS_CHANGE_SET (self), FALSE);
  /* undo kept the documents it added (self->removed) and the schema it
   * wrote (new_schema); a rename of a document is not redone */
  return self->state == STATE_UNDONE && has_effect (self) &&
         self->removed->len == self->added_documents->len && self->renames->len == 0 &&
         (self->old_schema == NULL || self->new_schema != NULL);
}

/* ---- progress */

typedef struct
{
  GlossProgressFunc  func;
  gpointer           data;
  double             from;
  double             to;
} Progress;

/* About a hundred calls over @n steps: each costs a lock and a wake-up. */
static void
progress_report (Progress *p,
                 guint     done,
                 guint     n)
{
  if (p->func != NULL && n > 0 && (done == n || done % MAX (1, n / 100) == 0))
    p->func (p->from + (p->to - p->from) * done / n, p->data);
}

/* ---- the project's schema */

/* Inside the store's open transaction: gives @project @schema and leaves
 * exactly @json stored (NULL: as the project saves it, merged with what
 * another program may have stored since). The write is part of the transaction, never a later
 * one that could undo another program's change of the schema made in
 * between. */
static gboolean
adopt_schema (GlossProject  *project,
              GlossSchema   *schema,
              const char    *json,
              GError       **error)
{
  g_assert (gloss_store_in_transaction (gloss_project_get_store (project)));

  return gloss_project_set_schema (project, schema, error) &&
         (json == NULL || gloss_store_set_schema_json (gloss_project_get_store (project), json,
                                                       error));
}

/* After a transaction that adopted a schema failed: gives @project back
 * @previous without writing (the write is rolled back). */
static void
put_back_schema (GlossProject *project,
                 GlossSchema  *previous)
{
  GlossStore *store = gloss_project_get_store (project);

  if (previous == NULL || gloss_project_get_schema (project) == previous ||
      !gloss_store_begin (store, NULL))
    return;
  gloss_project_set_schema (project, previous, NULL);
  gloss_store_rollback (store);
}

/* ---- announcing */

static gboolean
reload (GlossProject    *project,
        GlossChangeSet  *self,
        GlossSchema     *schema,
        GError         **error)
{
  return gloss_project_reload (project, (const gint64 *) (gpointer) self->document_ids->data,
                               self->document_ids->len, schema, error);
}

gboolean
gloss_project_reload_changes (GlossProject    *project,
                              GlossChangeSet  *changes,
                              GError         **error)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (GLOSS_IS_CHANGE_SET (changes), FALSE);

  if (!has_effect (changes))
    return TRUE;
  /* a schema the set changed is followed like any other program's */
  if (changes->old_schema != NULL || changes->adopt != NULL)
    return gloss_project_refresh (project, NULL, error) && reload (project, changes, NULL, error);
  return reload (project, changes, NULL, error);
}

/* ---- applying */

void
_gloss_change_set_note_differing (GlossChangeSet *self,
                                  GHashTable     *differing)
{
  self->differing = differing;
}

/* An annotation about to be written or kept against @current, the row of
 * its uuid: noted when the two differ in the same document, before either
 * wins, and before the row is written (it is read here anyway). */
static void
note_differing (GlossChangeSet *self,
                GlossChange    *change,
                GObject        *current)
{
  if (self->differing == NULL || change->kind != GLOSS_CHANGE_ANNOTATION || current == NULL ||
      row_document (current) != change->document_id || rows_equal (current, change->after))
    return;
  g_hash_table_add (self->differing, g_strdup (change->key));
}

/* @change, the @i-th of @n pending, was written over its before side. */
static void
record_written (GlossChangeSet *self,
                GlossChange    *change,
                Progress       *progress,
                guint           i,
                guint           n)
{
  g_ptr_array_add (self->changes, change);
  touch (self, change->document_id);
  if (change->before != NULL)
    touch (self, row_document (change->before));
  if (progress != NULL)
    progress_report (progress, i + 1, n);
}

static gboolean
write_pending (GlossChangeSet  *self,
               GlossStore      *store,
               Progress        *progress,
               GCancellable    *cancellable,
               GError         **error)
{
  guint n = self->pending->len;

  /* about what a row takes in the tables and indexes, twice over */
  _gloss_store_reserve_cache (store, (gint64) (n - self->n_flushed) * 256);
  for (guint i = self->n_flushed; i < n; i++)
    {
      GlossChange *change = g_ptr_array_index (self->pending, i);
      g_autoptr(GObject) current = NULL;
      int status = -1;
      gint64 modified = 0;

      if (i % 256 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      /* Most rows of an import are new: written at once when no row has
       * their uuid, which either rule would do, with nothing before them. */
      if (change->after != NULL && !keyed (change->kind))
        {
          gboolean added = FALSE;

          if (!(change->kind == GLOSS_CHANGE_ANNOTATION
                  ? _gloss_store_add_annotation (store, GLOSS_ANNOTATION (change->after), &added,
                                                 error)
                  : _gloss_store_add_relation (store, GLOSS_RELATION (change->after), &added,
                                               error)))
            return FALSE;
          if (added)
            {
              record_written (self, change, progress, i, n);
              continue;
            }
        }
      current = load_current (change, store, &status, &modified);
      note_differing (self, change, current);
      if (change->rule == GLOSS_CHANGE_IF_NEWER && !newer (change, current, status, modified))
        {
          /* a row a prepare function put is put again if the set is applied
           * again: a merge of a large project need not hold what it skips */
          if (i >= self->n_given)
            {
              _gloss_change_free (change);
              g_ptr_array_index (self->pending, i) = NULL;
            }
          continue;
        }
      if (!_gloss_change_write (change, store, TRUE, error))
        return FALSE;
      change->before = g_steal_pointer (&current);
      change->before_status = status;
      change->before_modified = modified;
      record_written (self, change, progress, i, n);
    }
  self->n_flushed = n;
  return TRUE;
}

gboolean
_gloss_change_set_flush (GlossChangeSet  *self,
                         GlossStore      *store,
                         GError         **error)
{
  g_assert (gloss_store_in_transaction (store));
  return write_pending (self, store, NULL, NULL, error);
}

/* Once committed: the written changes are the set's, the others go. */
static void
settle (GlossChangeSet *self)
{
  g_autoptr(GHashTable) written = NULL;
  guint n_left = 0;

  /* the written ones are pending ones: when as many are left, all were
   * written (an import's), and none go */
  for (guint i = 0; i < self->pending->len; i++)
    if (g_ptr_array_index (self->pending, i) != NULL)
      n_left++;
  if (n_left == self->changes->len)
    {
      g_ptr_array_set_size (self->pending, 0);
      self->state = STATE_APPLIED;
      return;
    }
  written = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < self->changes->len; i++)
    g_hash_table_add (written, g_ptr_array_index (self->changes, i));
  for (guint i = 0; i < self->pending->len; i++)
    if (!g_hash_table_contains (written, g_ptr_array_index (self->pending, i)))
      _gloss_change_free (g_ptr_array_index (self->pending, i));
  g_ptr_array_set_size (self->pending, 0);
  self->state = STATE_APPLIED;
}

/* After the set's rows are written, in its transaction: the live
 * relations not of the set at each annotation it brought back to life
 * (dead or absent before, live after) were there before it. A merge can
 * leave a live relation at a deleted annotation; undoing a later set that
 * revived the annotation puts that back, and must not be refused for it. */
static void
found_relation (GlossChangeSet *self,
                const char     *uuid)
{
  if (self->found_relations == NULL)
    self->found_relations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (self->found_relations, g_strdup (uuid));
}

/* The same by one pass over the relations: for a set that revived many
 * annotations (an import brings thousands to life) in a project with not
 * many more relations than that, cheaper than two lookups for each. */
static gboolean
scan_relations_of_revived (GlossChangeSet  *self,
                           GlossStore      *store,
                           GHashTable      *own,
                           GHashTable      *revived,
                           GError         **error)
{
  static const char sql[] = "SELECT uuid, source, target FROM relations WHERE deleted = 0";
  g_autoptr(GlossStmt) stmt = _gloss_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *uuid = (const char *) sqlite3_column_text (stmt, 0);
      const char *source = (const char *) sqlite3_column_text (stmt, 1);
      const char *target = (const char *) sqlite3_column_text (stmt, 2);

      if (uuid == NULL || g_hash_table_contains (own, uuid))
        continue;
      if ((source != NULL && g_hash_table_contains (revived, source)) ||
          (target != NULL && g_hash_table_contains (revived, target)))
        found_relation (self, uuid);
    }
  if (rc != SQLITE_DONE)
    {
      _gloss_store_set_error_from_db (store, error, _("Cannot read the relations"));
      return FALSE;
    }
  return TRUE;
}

/* How many relations the project has, deleted or not (-1: unknown). */
static gint64
count_relations (GlossStore *store)
{
  static const char sql[] = "SELECT count(*) FROM relations";
  g_autoptr(GlossStmt) stmt = _gloss_store_prepare (store, sql, NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
find_relations_of_revived (GlossChangeSet  *self,
                           GlossStore      *store,
                           GError         **error)
{
  static const char sql[] =
    "SELECT uuid FROM relations WHERE (source = ?1 OR target = ?1) AND deleted = 0";
  g_autoptr(GHashTable) own = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GlossStmt) stmt = NULL;
  guint n_revived = 0;
  gint64 n_relations = -1;

  for (guint i = 0; i < self->changes->len; i++)
    {
      GlossChange *c = g_ptr_array_index (self->changes, i);

      if (c->kind == GLOSS_CHANGE_ANNOTATION && !row_live (c->before) && row_live (c->after))
        n_revived++;
    }
  if (n_revived == 0)
    return TRUE;
  /* a pass reads each relation once, a lookup finds one in a few pages;
   * a project without relations (an import's, often) needs neither */
  if (n_revived >= 64)
    n_relations = count_relations (store);
  if (n_relations == 0)
    return TRUE;
  for (guint i = 0; i < self->changes->len; i++)
    {
      GlossChange *c = g_ptr_array_index (self->changes, i);

      if (c->kind == GLOSS_CHANGE_RELATION)
        g_hash_table_add (own, c->key);
    }
  if (n_relations > 0 && n_relations <= 4 * (gint64) n_revived)
    {
      g_autoptr(GHashTable) revived = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < self->changes->len; i++)
        {
          GlossChange *c = g_ptr_array_index (self->changes, i);

          if (c->kind == GLOSS_CHANGE_ANNOTATION && !row_live (c->before) &&
              row_live (c->after))
            g_hash_table_add (revived, c->key);
        }
      return scan_relations_of_revived (self, store, own, revived, error);
    }

  for (guint i = 0; i < self->changes->len; i++)
    {
      GlossChange *c = g_ptr_array_index (self->changes, i);
      int rc;

      if (c->kind != GLOSS_CHANGE_ANNOTATION || row_live (c->before) || !row_live (c->after))
        continue;
      if (stmt == NULL && (stmt = _gloss_store_prepare (store, sql, error)) == NULL)
        return FALSE;
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, c->key, -1, SQLITE_TRANSIENT);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *uuid = (const char *) sqlite3_column_text (stmt, 0);

          if (!g_hash_table_contains (own, uuid))
            found_relation (self, uuid);
        }
      if (rc != SQLITE_DONE)
        {
          _gloss_store_set_error_from_db (store, error, _("Cannot read the relations"));
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
_gloss_project_apply_changes_full (GlossProject              *project,
                                   GlossChangeSet            *self,
                                   GlossChangeSetPrepareFunc  prepare,
                                   gpointer                   prepare_data,
                                   GlossProgressFunc          progress_func,
                                   gpointer                   progress_data,
                                   GCancellable              *cancellable,
                                   GError                   **error)
{
  g_autoptr(GlossSchema) previous = NULL;
  g_autoptr(GError) local_error = NULL;
  GlossStore *store = gloss_project_get_store (project);
  Progress progress = { progress_func, progress_data, prepare ? 0.5 : 0.0, 1.0 };
  gboolean adopted = FALSE;
  guint n_given = self->pending->len;

  self->n_given = n_given;
  if (self->state != STATE_NEW)
    {
      g_set_error (error, GLOSS_CHANGE_SET_ERROR, GLOSS_CHANGE_SET_ERROR_STATE,
                   _("“%s” is applied already"), self->description);
      return FALSE;
    }

  previous = g_object_ref (gloss_project_get_schema (project));
  if (!gloss_store_begin (store, error))
    return FALSE;
  if (progress_func != NULL)
    progress_func (0.0, progress_data);
  if (prepare != NULL && !prepare (self, project, prepare_data, cancellable, error))
    goto rollback;
  if (!write_pending (self, store, &progress, cancellable, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !find_relations_of_revived (self, store, error))
    goto rollback;
  if (self->adopt != NULL)
    {
      g_autofree char *known = gloss_schema_to_json (previous);
      g_autofree char *wanted = gloss_schema_to_json (self->adopt);

      if (strcmp (known, wanted) != 0)
        {
          if (!adopt_schema (project, self->adopt, self->adopt_json, error))
            goto rollback;
          adopted = TRUE;
        }
    }
  /* what undo expects to find */
  if (self->old_schema != NULL)
    {
      g_free (self->new_schema);
      self->new_schema = gloss_store_dup_schema_json (store);
    }
  if (!gloss_store_commit (store, error))
    goto fail;
  if (progress_func != NULL)
    progress_func (1.0, progress_data);

  settle (self);
  if ((has_effect (self) || adopted) && !self->quiet)
    if (!reload (project, self, adopted ? self->adopt : NULL, &local_error))
      g_warning ("Cannot reload the documents: %s", local_error->message);
  return TRUE;

rollback:
  gloss_store_rollback (store);
fail:
  if (adopted)
    put_back_schema (project, previous);
  /* the set can be applied again from scratch */
  for (guint i = 0; i < self->changes->len; i++)
    {
      GlossChange *change = g_ptr_array_index (self->changes, i);

      g_clear_object (&change->before);
      change->before_status = -1;
      change->before_modified = 0;
    }
  g_ptr_array_set_size (self->changes, 0);
  /* what the prepare function put goes: it puts it again */
  for (guint i = n_given; i < self->pending->len; i++)
    _gloss_change_free (g_ptr_array_index (self->pending, i));
  g_ptr_array_set_size (self->pending, n_given);
  self->n_flushed = 0;
  g_array_set_size (self->document_ids, 0);
  g_hash_table_remove_all (self->documents_seen);
  g_array_set_size (self->added_documents, 0);
  g_ptr_array_set_size (self->renames, 0);
  _gloss_change_set_set_schema (self, NULL, NULL, NULL);
  g_clear_pointer (&self->new_schema, g_free);
  g_clear_pointer (&self->found_relations, g_hash_table_unref);
  return FALSE;
}

gboolean
gloss_project_apply_changes (GlossProject       *project,
                             GlossChangeSet     *changes,
                             GlossProgressFunc   progress,
                             gpointer            progress_data,
                             GCancellable       *cancellable,
                             GError            **error)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (GLOSS_IS_CHANGE_SET (changes), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);

  return _gloss_project_apply_changes_full (project, changes, NULL, NULL, progress,
                                            progress_data, cancellable, error);
}

/* ---- undoing and redoing */

static char *
describe_row (GlossProject *project,
              GlossChange  *change)
{
  GObject *row = change->after ? change->after : change->before;
  GlossDocument *document = gloss_project_lookup_document (project, change->document_id);
  const char *name = document ? gloss_document_get_name (document) : "?";

  switch (change->kind)
    {
    case GLOSS_CHANGE_ANNOTATION:
      return g_strdup_printf (_("the annotation at %u–%u in “%s”"),
                              gloss_annotation_get_start (GLOSS_ANNOTATION (row)),
                              gloss_annotation_get_end (GLOSS_ANNOTATION (row)), name);
    case GLOSS_CHANGE_RELATION:
      return g_strdup_printf (_("a relation “%s” in “%s”"),
                              gloss_relation_get_relation_type (GLOSS_RELATION (row)), name);
    case GLOSS_CHANGE_STATUS:
      return g_strdup_printf (_("the status of “%s” in “%s”"), change->key, name);
    case GLOSS_CHANGE_ASSIGNMENT:
      return g_strdup_printf (_("the assignment of “%s” to “%s”"), name, change->key);
    case GLOSS_CHANGE_SUGGESTION:
      return g_strdup_printf (_("a suggestion in “%s”"), name);
    default:
      g_assert_not_reached ();
    }
  return NULL;
}

static void
set_changed_error (GlossChangeSet  *self,
                   gboolean         undo,
                   const char      *what,
                   GError         **error)
{
  g_set_error (error, GLOSS_CHANGE_SET_ERROR, GLOSS_CHANGE_SET_ERROR_CHANGED,
               undo ? _("“%s” can no longer be undone: %s was changed since")
                    : _("“%s” cannot be redone: %s was changed since"),
               self->description, what);
}

/* The relations, other than those of @self, that end at annotation @uuid;
 * only live ones unless @any. */
static gboolean
related_elsewhere (GlossChangeSet  *self,
                   GHashTable      *own_relations,
                   GlossStore      *store,
                   const char      *uuid,
                   gboolean         any,
                   gboolean        *result,
                   GError         **error)
{
  static const char sql[] =
    "SELECT uuid, deleted FROM relations WHERE source = ?1 OR target = ?1";
  g_autoptr(GlossStmt) stmt = _gloss_store_prepare (store, sql, error);
  int rc;

  *result = FALSE;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *rel = (const char *) sqlite3_column_text (stmt, 0);

      if ((any || sqlite3_column_int (stmt, 1) == 0) &&
          !g_hash_table_contains (own_relations, rel))
        {
          *result = TRUE;
          break;
        }
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _gloss_store_set_error_from_db (store, error, _("Cannot read the relations"));
      return FALSE;
    }
  return TRUE;
}

/* The row of document @id as stored, or NULL (with @error, or without when
 * there is no such document). */
static DocumentRow *
dup_document_row (GlossStore  *store,
                  gint64       id,
                  GError     **error)
{
  static const char sql[] = "SELECT * FROM documents WHERE id = ?1";
  g_autoptr(GlossStmt) stmt = _gloss_store_prepare (store, sql, error);
  DocumentRow *row;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        _gloss_store_set_error_from_db (store, error, _("Cannot read a document"));
      return NULL;
    }
  row = g_new0 (DocumentRow, 1);
  row->id = id;
  row->columns = g_ptr_array_new_with_free_func (g_free);
  row->values = g_ptr_array_new_with_free_func ((GDestroyNotify) sqlite3_value_free);
  for (int i = 0; i < sqlite3_column_count (stmt); i++)
    {
      const char *column = sqlite3_column_name (stmt, i);

      if (g_strcmp0 (column, "name") == 0)
        row->name = g_strdup ((const char *) sqlite3_column_text (stmt, i));
      else if (g_strcmp0 (column, "uuid") == 0)
        row->uuid = g_strdup ((const char *) sqlite3_column_text (stmt, i));
      g_ptr_array_add (row->columns, g_strdup (column));
      g_ptr_array_add (row->values, sqlite3_value_dup (sqlite3_column_value (stmt, i)));
    }
  return row;
}

/* Whether the id, the name or the uuid of @row is taken now. */
static gboolean
document_row_taken (GlossStore   *store,
                    DocumentRow  *row,
                    gboolean     *taken,
                    GError      **error)
{
  static const char sql[] =
    "SELECT count(*) FROM documents WHERE id = ?1 OR name = ?2 OR uuid = ?3";
  g_autoptr(GlossStmt) stmt = _gloss_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row->id);
  sqlite3_bind_text (stmt, 2, row->name ? row->name : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, row->uuid ? row->uuid : "", -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _gloss_store_set_error_from_db (store, error, _("Cannot read the documents"));
      return FALSE;
    }
  *taken = sqlite3_column_int64 (stmt, 0) > 0;
  return TRUE;
}

static gboolean
restore_document_row (GlossStore   *store,
                      DocumentRow  *row,
                      GError      **error)
{
  g_autoptr(GString) sql = g_string_new ("INSERT INTO documents (");
  g_autoptr(GlossStmt) stmt = NULL;

  for (guint i = 0; i < row->columns->len; i++)
    {
      char *quoted = sqlite3_mprintf ("%s\"%w\"", i > 0 ? ", " : "",
                                      (const char *) g_ptr_array_index (row->columns, i));

      g_string_append (sql, quoted);
      sqlite3_free (quoted);
    }
  g_string_append (sql, ") VALUES (");
  for (guint i = 0; i < row->columns->len; i++)
    g_string_append_printf (sql, "%s?%u", i > 0 ? ", " : "", i + 1);
  g_string_append (sql, ")");

  stmt = _gloss_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < row->values->len; i++)
    sqlite3_bind_value (stmt, i + 1, g_ptr_array_index (row->values, i));
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _gloss_store_set_error_from_db (store, error, _("Cannot add the document"));
      return FALSE;
    }
  /* The row back in the full-text index, as every added document is. */
  return _gloss_store_index_document (store,
                                      sqlite3_last_insert_rowid (_gloss_store_get_db (store)),
                                      TRUE, error);
}

static gint64
count_rows_of (GlossStore *store,
               gint64      document_id)
{
  static const char sql[] =
    "SELECT (SELECT count(*) FROM annotations WHERE document = ?1) + "
    "(SELECT count(*) FROM relations WHERE document = ?1) + "
    "(SELECT count(*) FROM document_status WHERE document = ?1) + "
    "(SELECT count(*) FROM assignments WHERE document = ?1)";
  g_autoptr(GlossStmt) stmt = _gloss_store_prepare (store, sql, NULL);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, document_id);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
}

/* Every row as the set left it (@undo) or found it (redo), and nothing
 * else holds on to what undoing takes away. */
static gboolean
check_rows (GlossChangeSet  *self,
            GlossProject    *project,
            gboolean         undo,
            Progress        *progress,
            GCancellable    *cancellable,
            GError         **error)
{
  GlossStore *store = gloss_project_get_store (project);
  g_autoptr(GHashTable) own_relations = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) in_added = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                          NULL);
  guint n = self->changes->len;

  for (guint i = 0; i < n; i++)
    {
      GlossChange *c = g_ptr_array_index (self->changes, i);

      if (c->kind == GLOSS_CHANGE_RELATION)
        g_hash_table_add (own_relations, c->key);
    }
  /* what was there before the set may stay as it was */
  if (undo && self->found_relations != NULL)
    {
      GHashTableIter iter;
      gpointer       uuid;

      g_hash_table_iter_init (&iter, self->found_relations);
      while (g_hash_table_iter_next (&iter, &uuid, NULL))
        g_hash_table_add (own_relations, uuid);
    }
  for (guint i = 0; i < self->added_documents->len; i++)
    g_hash_table_insert (in_added, g_memdup2 (&g_array_index (self->added_documents, gint64, i),
                                              sizeof (gint64)), GUINT_TO_POINTER (0));

  for (guint i = 0; i < n; i++)
    {
      GlossChange *c = g_ptr_array_index (self->changes, i);
      GObject *expected = undo ? c->after : c->before;
      GObject *restored = undo ? c->before : c->after;
      g_autoptr(GObject) now = NULL;
      int status = -1;
      gint64 modified = 0;
      gboolean same;
      gpointer count;

      if (i % 256 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      now = load_current (c, store, &status, &modified);
      if (keyed (c->kind))
        same = undo ? status == c->after_status && (status < 0 || modified == c->after_modified)
                    : status == c->before_status && (status < 0 ||
                                                     modified == c->before_modified);
      else
        same = rows_equal (now, expected);
      if (same && c->kind == GLOSS_CHANGE_ANNOTATION && row_live (now) && !row_live (restored))
        {
          gboolean related = FALSE;

          if (!related_elsewhere (self, own_relations, store, c->key, restored == NULL, &related,
                                  error))
            return FALSE;
          same = !related;
        }
      if (!same)
        {
          g_autofree char *what = describe_row (project, c);

          set_changed_error (self, undo, what, error);
          return FALSE;
        }
      if (g_hash_table_lookup_extended (in_added, &c->document_id, NULL, &count))
        g_hash_table_insert (in_added, g_memdup2 (&c->document_id, sizeof (gint64)),
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (count) + 1));
      progress_report (progress, i + 1, 2 * n);
    }
  if (!undo)
    {
      /* the documents to put back are still gone, and the schema is as the
       * set found it */
      for (guint i = 0; i < self->removed->len; i++)
        {
          DocumentRow *row = g_ptr_array_index (self->removed, i);
          gboolean taken = FALSE;

          if (!document_row_taken (store, row, &taken, error))
            return FALSE;
          if (taken)
            {
              g_autofree char *what = g_strdup_printf (_("document “%s”"),
                                                       row->name ? row->name : "?");

              set_changed_error (self, FALSE, what, error);
              return FALSE;
            }
        }
      if (self->old_schema != NULL)
        {
          g_autofree char *now = gloss_store_dup_schema_json (store);

          if (g_strcmp0 (now, self->old_schema) != 0)
            {
              set_changed_error (self, FALSE, _("the schema"), error);
              return FALSE;
            }
        }
      return TRUE;
    }

  /* nothing else was written into the documents the set added */
  for (guint i = 0; i < self->added_documents->len; i++)
    {
      gint64 id = g_array_index (self->added_documents, gint64, i);

      if (count_rows_of (store, id) != (gint64) GPOINTER_TO_UINT (g_hash_table_lookup (in_added,
                                                                                       &id)))
        {
          GlossDocument *document = gloss_project_lookup_document (project, id);
          g_autofree char *what =
            g_strdup_printf (_("document “%s”"), document ? gloss_document_get_name (document)
                                                          : "?");

          set_changed_error (self, TRUE, what, error);
          return FALSE;
        }
    }
  for (guint i = 0; i < self->renames->len; i++)
    {
      Rename *r = g_ptr_array_index (self->renames, i);

      if (gloss_store_find_document_by_name (store, r->new_name) != r->id)
        {
          g_autofree char *what = g_strdup_printf (_("the name of document “%s”"), r->new_name);

          set_changed_error (self, TRUE, what, error);
          return FALSE;
        }
    }
  if (self->new_schema != NULL)
    {
      g_autofree char *now = gloss_store_dup_schema_json (store);

      if (g_strcmp0 (now, self->new_schema) != 0)
        {
          set_changed_error (self, TRUE, _("the schema"), error);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
write_back (GlossChangeSet  *self,
            GlossProject    *project,
            gboolean         undo,
            Progress        *progress,
            GCancellable    *cancellable,
            GError         **error)
{
  GlossStore *store = gloss_project_get_store (project);
  guint n = self->changes->len;

  /* redo: the documents first, their rows refer to them */
  if (!undo)
    for (guint i = 0; i < self->removed->len; i++)
      if (!restore_document_row (store, g_ptr_array_index (self->removed, i), error))
        return FALSE;

  for (guint k = 0; k < n; k++)
    {
      GlossChange *c = g_ptr_array_index (self->changes, undo ? n - 1 - k : k);

      if (k % 256 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!_gloss_change_write (c, store, !undo, error))
        return FALSE;
      progress_report (progress, n + k + 1, 2 * n);
    }
  if (!undo)
    return TRUE;

  /* kept for redo; what the set put in them was removed above */
  g_assert (self->removed->len == 0);
  for (guint i = 0; i < self->added_documents->len; i++)
    {
      gint64 id = g_array_index (self->added_documents, gint64, i);
      DocumentRow *row = dup_document_row (store, id, error);

      if (row == NULL)
        {
          if (error != NULL && *error == NULL)
            set_changed_error (self, TRUE, _("a document"), error);
          return FALSE;
        }
      g_ptr_array_add (self->removed, row);
      if (!gloss_store_delete_document (store, id, error))
        return FALSE;
    }
  /* out of the way first: names are unique */
  for (guint i = 0; i < self->renames->len; i++)
    {
      Rename *r = g_ptr_array_index (self->renames, i);
      g_autofree char *tmp = g_strdup_printf ("\x1fgloss-undo-%" G_GINT64_FORMAT, r->id);

      if (!gloss_store_set_document_name (store, r->id, tmp, error))
        return FALSE;
    }
  for (guint i = 0; i < self->renames->len; i++)
    {
      Rename *r = g_ptr_array_index (self->renames, i);

      if (!gloss_store_set_document_name (store, r->id, r->old_name, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
undo_or_redo (GlossProject       *project,
              GlossChangeSet     *self,
              gboolean            undo,
              GlossProgressFunc   progress_func,
              gpointer            progress_data,
              GCancellable       *cancellable,
              GError            **error)
{
  g_autoptr(GlossSchema) schema = NULL;
  g_autoptr(GlossSchema) previous = NULL;
  g_autoptr(GError) local_error = NULL;
  GlossStore *store = gloss_project_get_store (project);
  Progress progress = { progress_func, progress_data, 0.0, 1.0 };
  /* the stored schema undo puts back, or redo writes again */
  const char *schema_json = NULL;

  if (undo ? !gloss_change_set_can_undo (self) : !gloss_change_set_can_redo (self))
    {
      g_set_error (error, GLOSS_CHANGE_SET_ERROR, GLOSS_CHANGE_SET_ERROR_STATE,
                   undo ? _("“%s” cannot be undone now") : _("“%s” cannot be redone now"),
                   self->description);
      return FALSE;
    }
  if (self->old_schema != NULL)
    schema_json = undo ? self->old_schema : self->new_schema;
  if (schema_json != NULL)
    {
      schema = gloss_schema_new_from_json (schema_json, -1, error);
      if (schema == NULL)
        return FALSE;
    }

  previous = g_object_ref (gloss_project_get_schema (project));
  if (!gloss_store_begin (store, error))
    return FALSE;
  if (progress_func != NULL)
    progress_func (0.0, progress_data);
  if (!check_rows (self, project, undo, &progress, cancellable, error) ||
      !write_back (self, project, undo, &progress, cancellable, error) ||
      (schema != NULL && !adopt_schema (project, schema, schema_json, error)) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      gloss_store_rollback (store);
      goto fail;
    }
  if (!gloss_store_commit (store, error))
    goto fail;
  if (progress_func != NULL)
    progress_func (1.0, progress_data);

  self->state = undo ? STATE_UNDONE : STATE_APPLIED;
  /* undone, the set keeps the documents it removed; redone, they are back */
  if (!undo)
    g_ptr_array_set_size (self->removed, 0);
  if (!self->quiet && !reload (project, self, schema, &local_error))
    g_warning ("Cannot reload the documents: %s", local_error->message);
  return TRUE;

fail:
  put_back_schema (project, previous);
  /* an undo rolled back: what it kept for redo was not removed */
  if (undo)
    g_ptr_array_set_size (self->removed, 0);
  return FALSE;
}

gboolean
gloss_project_undo_changes (GlossProject       *project,
                            GlossChangeSet     *changes,
                            GlossProgressFunc   progress,
                            gpointer            progress_data,
                            GCancellable       *cancellable,
                            GError            **error)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (GLOSS_IS_CHANGE_SET (changes), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);

  return undo_or_redo (project, changes, TRUE, progress, progress_data, cancellable, error);
}

gboolean
gloss_project_redo_changes (GlossProject       *project,
                            GlossChangeSet     *changes,
                            GlossProgressFunc   progress,
                            gpointer            progress_data,
                            GCancellable       *cancellable,
                            GError            **error)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (GLOSS_IS_CHANGE_SET (changes), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);

  return undo_or_redo (project, changes, FALSE, progress, progress_data, cancellable, error);
}

/* ---- relabelling */

typedef struct
{
  const char *label;
  const char *new_label;
  gint64      now;
} Relabel;

static gint64
stamp (gint64 now,
       gint64 before)
{
  return MAX (now, before + 1);
}

static gboolean
relabel_prepare (GlossChangeSet  *self,
                 GlossProject    *project,
                 gpointer         user_data,
                 GCancellable    *cancellable,
                 GError         **error)
{
  Relabel *r = user_data;
  GlossStore *store = gloss_project_get_store (project);
  g_autoptr(GArray) documents = gloss_store_list_documents_with_label (store, r->label, error);

  if (documents == NULL)
    return FALSE;
  for (guint i = 0; i < documents->len; i++)
    {
      gint64 id = g_array_index (documents, gint64, i);
      g_autoptr(GPtrArray) annotations = gloss_store_load_annotations (store, id, FALSE, error);
      g_autoptr(GPtrArray) relations = NULL;
      g_autoptr(GHashTable) gone = g_hash_table_new (g_str_hash, g_str_equal);

      if (annotations == NULL)
        return FALSE;
      for (guint k = 0; k < annotations->len; k++)
        {
          GlossAnnotation *a = g_ptr_array_index (annotations, k);
          g_autoptr(GlossAnnotation) after = NULL;

          if (gloss_annotation_get_deleted (a) ||
              g_strcmp0 (gloss_annotation_get_label (a), r->label) != 0)
            continue;
          after = gloss_annotation_copy (a);
          if (r->new_label != NULL)
            gloss_annotation_set_label (after, r->new_label);
          else
            {
              gloss_annotation_set_deleted (after, TRUE);
              g_hash_table_add (gone, (gpointer) gloss_annotation_get_uuid (a));
            }
          gloss_annotation_set_times (after, gloss_annotation_get_created (a),
                                      stamp (r->now, gloss_annotation_get_modified (a)));
          gloss_change_set_put_annotation (self, after, GLOSS_CHANGE_ALWAYS);
        }
      if (g_hash_table_size (gone) == 0)
        continue;
      relations = gloss_store_load_relations (store, id, FALSE, error);
      if (relations == NULL)
        return FALSE;
      for (guint k = 0; k < relations->len; k++)
        {
          GlossRelation *rel = g_ptr_array_index (relations, k);
          g_autoptr(GlossRelation) dead = NULL;

          if (gloss_relation_get_deleted (rel) ||
              (!g_hash_table_contains (gone, gloss_relation_get_source (rel)) &&
               !g_hash_table_contains (gone, gloss_relation_get_target (rel))))
            continue;
          dead = gloss_relation_copy (rel);
          gloss_relation_set_deleted (dead, TRUE);
          gloss_relation_set_times (dead, gloss_relation_get_created (rel),
                                    stamp (r->now, gloss_relation_get_modified (rel)));
          gloss_change_set_put_relation (self, dead, GLOSS_CHANGE_ALWAYS);
        }
    }
  return TRUE;
}

GlossChangeSet *
gloss_project_relabel (GlossProject  *project,
                       const char    *label,
                       const char    *new_label,
                       GError       **error)
{
  g_autoptr(GlossChangeSet) changes = NULL;
  Relabel r = { label, new_label, g_get_real_time () };

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), NULL);
  g_return_val_if_fail (label != NULL, NULL);

  changes = gloss_change_set_new (new_label != NULL ? _("Rename label") : _("Delete label"));
  if (!_gloss_project_apply_changes_full (project, changes, relabel_prepare, &r, NULL, NULL, NULL,
                                          error))
    return NULL;
  return g_steal_pointer (&changes);
}

/* Inside the transaction: the label renamed in a copy of the schema the
 * project adopts, and on its annotations. */
static gboolean
rename_prepare (GlossChangeSet  *self,
                GlossProject    *project,
                gpointer         user_data,
                GCancellable    *cancellable,
                GError         **error)
{
  Relabel *r = user_data;
  g_autoptr(GlossSchema) schema = gloss_schema_copy (gloss_project_get_schema (project));
  g_autofree char *stored = NULL;

  if (!gloss_schema_rename_label (schema, r->label, r->new_label, error))
    return FALSE;
  stored = gloss_store_dup_schema_json (gloss_project_get_store (project));
  _gloss_change_set_set_schema (self, stored, schema, NULL);
  return relabel_prepare (self, project, user_data, cancellable, error);
}

GlossChangeSet *
gloss_project_rename_label (GlossProject  *project,
                            const char    *label,
                            const char    *new_label,
                            GError       **error)
{
  g_autoptr(GlossChangeSet) changes = NULL;
  g_autofree char *description = NULL;
  Relabel r = { label, new_label, g_get_real_time () };

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), NULL);
  g_return_val_if_fail (label != NULL, NULL);
  g_return_val_if_fail (new_label != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Translators: an undo description, "Rename Label “ORG” to “ORGANISATION”" */
  description = g_strdup_printf (_("Rename Label “%s” to “%s”"), label, new_label);
  changes = gloss_change_set_new (description);
  if (!_gloss_project_apply_changes_full (project, changes, rename_prepare, &r, NULL, NULL, NULL,
                                          error))
    return NULL;
  return g_steal_pointer (&changes);
}
