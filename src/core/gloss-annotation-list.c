/* gloss-annotation-list.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "gloss-annotation.h"
#include "gloss-annotation-list-private.h"
#include "gloss-command-private.h"
#include "gloss-document-private.h"
#include "gloss-relation.h"
#include "gloss-schema.h"
#include "gloss-span-index.h"
#include "gloss-store-private.h"

#define MAX_UNDO 1000

struct _GlossAnnotationList
{
  GObject         parent_instance;

  GlossStore     *store;        /* owned */
  GlossSchema    *schema;       /* owned, nullable */
  GlossDocument  *document;     /* owned */
  char           *annotator;    /* owned */

  GSequence      *items;        /* owned: GlossAnnotation, document order */
  GHashTable     *by_uuid;      /* uuid (borrowed from the item) -> GSequenceIter */
  GlossSpanIndex *index;        /* owned: fragments -> GlossAnnotation (borrowed) */

  GListStore     *relations;    /* owned: GlossRelation */
  GHashTable     *relation_by_uuid;  /* uuid -> GlossRelation (borrowed) */
  GHashTable     *relations_by_end;  /* annotation uuid (owned) -> GPtrArray of
                                      * GlossRelation (borrowed) touching it */

  GQueue          undo;         /* GlossCommand, owned; head = most recent */
  GQueue          redo;

  gboolean        queue_when_busy;
  GQueue          waiting;      /* GlossCommand, owned, in order: another program writes */
  GSource        *retry;        /* owned, while commands wait */
};

/* How often waiting commands try again. */
#define RETRY_MS 150

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GlossAnnotationList, gloss_annotation_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_ANNOTATOR,
  PROP_N_ITEMS,
  PROP_N_WAITING,
  N_PROPS
};

enum
{
  ANNOTATION_CHANGED,
  RELATION_CHANGED,
  STATUS_CHANGED,
  SUGGESTION_CHANGED,
  WAITING_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- GListModel */

static GType
list_get_item_type (GListModel *model)
{
  return GLOSS_TYPE_ANNOTATION;
}

static guint
list_get_n_items (GListModel *model)
{
  GlossAnnotationList *self = (GlossAnnotationList *) model;
  return g_sequence_get_length (self->items);
}

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  GlossAnnotationList *self = (GlossAnnotationList *) model;
  GSequenceIter *iter;

  if (position >= (guint) g_sequence_get_length (self->items))
    return NULL;
  iter = g_sequence_get_iter_at_pos (self->items, position);
  return g_object_ref (g_sequence_get (iter));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

/* ---- helpers */

static int
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  return gloss_annotation_compare ((GlossAnnotation *) a, (GlossAnnotation *) b);
}

static void
index_add (GlossAnnotationList *self,
           GlossAnnotation     *a)
{
  guint n;
  const GlossFragment *f = gloss_annotation_get_fragments (a, &n);

  for (guint i = 0; i < n; i++)
    gloss_span_index_insert (self->index, f[i].start, f[i].end, a);
}

static void
index_remove (GlossAnnotationList *self,
              GlossAnnotation     *a)
{
  guint n;
  const GlossFragment *f = gloss_annotation_get_fragments (a, &n);

  for (guint i = 0; i < n; i++)
    gloss_span_index_remove (self->index, f[i].start, f[i].end, a);
}

/* Replaces the live annotation @key by @after (NULL or a tombstone = leaves
 * the list), emitting exact items-changed. */
static void
memory_set_annotation (GlossAnnotationList *self,
                       const char          *key,
                       GlossAnnotation     *after)
{
  GSequenceIter *iter = g_hash_table_lookup (self->by_uuid, key);
  gboolean live_after = after != NULL && !gloss_annotation_get_deleted (after);
  int removed_at = -1;

  if (iter != NULL)
    {
      GlossAnnotation *old = g_sequence_get (iter);

      removed_at = g_sequence_iter_get_position (iter);
      index_remove (self, old);
      g_hash_table_remove (self->by_uuid, key);
      g_sequence_remove (iter);
    }
  if (live_after)
    {
      GlossAnnotation *item = g_object_ref (after);
      GSequenceIter *new_iter = g_sequence_insert_sorted (self->items, item, compare_items, NULL);
      int added_at = g_sequence_iter_get_position (new_iter);

      g_hash_table_insert (self->by_uuid, (gpointer) gloss_annotation_get_uuid (item), new_iter);
      index_add (self, item);
      if (removed_at == added_at)
        g_list_model_items_changed (G_LIST_MODEL (self), added_at, 1, 1);
      else
        {
          if (removed_at >= 0)
            g_list_model_items_changed (G_LIST_MODEL (self), removed_at, 1, 0);
          g_list_model_items_changed (G_LIST_MODEL (self), added_at, 0, 1);
        }
    }
  else if (removed_at >= 0)
    g_list_model_items_changed (G_LIST_MODEL (self), removed_at, 1, 0);
}

static void
end_add (GlossAnnotationList *self,
         const char          *end,
         GlossRelation       *r)
{
  GPtrArray *rels = g_hash_table_lookup (self->relations_by_end, end);

  if (rels == NULL)
    {
      rels = g_ptr_array_new ();
      g_hash_table_insert (self->relations_by_end, g_strdup (end), rels);
    }
  if (!g_ptr_array_find (rels, r, NULL))
    g_ptr_array_add (rels, r);
}

static void
end_remove (GlossAnnotationList *self,
            const char          *end,
            GlossRelation       *r)
{
  GPtrArray *rels = g_hash_table_lookup (self->relations_by_end, end);

  if (rels == NULL)
    return;
  g_ptr_array_remove (rels, r);
  if (rels->len == 0)
    g_hash_table_remove (self->relations_by_end, end);
}

/* Keeps relations_by_end in step with the live relations. */
static void
ends_add (GlossAnnotationList *self,
          GlossRelation       *r)
{
  end_add (self, gloss_relation_get_source (r), r);
  end_add (self, gloss_relation_get_target (r), r);
}

static void
ends_remove (GlossAnnotationList *self,
             GlossRelation       *r)
{
  end_remove (self, gloss_relation_get_source (r), r);
  end_remove (self, gloss_relation_get_target (r), r);
}

static void
memory_set_relation (GlossAnnotationList *self,
                     const char          *key,
                     GlossRelation       *after)
{
  GlossRelation *old = g_hash_table_lookup (self->relation_by_uuid, key);
  gboolean live_after = after != NULL && !gloss_relation_get_deleted (after);
  guint pos;

  if (old != NULL && g_list_store_find (self->relations, old, &pos))
    {
      ends_remove (self, old);
      g_hash_table_remove (self->relation_by_uuid, key);
      if (live_after)
        {
          g_hash_table_insert (self->relation_by_uuid,
                               (gpointer) gloss_relation_get_uuid (after), after);
          ends_add (self, after);
          g_list_store_splice (self->relations, pos, 1, (gpointer *) &after, 1);
        }
      else
        g_list_store_remove (self->relations, pos);
    }
  else if (live_after)
    {
      g_hash_table_insert (self->relation_by_uuid, (gpointer) gloss_relation_get_uuid (after),
                           after);
      ends_add (self, after);
      g_list_store_append (self->relations, after);
    }
}

/* ---- resolving edits */

typedef struct
{
  GlossAnnotationList *self;
  GHashTable          *annotations;   /* uuid -> GlossAnnotation or NULL (absent) */
  GHashTable          *relations;     /* uuid -> GlossRelation or NULL */
  GHashTable          *statuses;      /* annotator -> GlossChange (latest) */
  GPtrArray           *changes;       /* GlossChange */
  gint64               now;
} Resolver;

static GlossAnnotation *
current_annotation (Resolver   *r,
                    const char *uuid,
                    gboolean   *known)
{
  gpointer value;

  if (g_hash_table_lookup_extended (r->annotations, uuid, NULL, &value))
    {
      *known = TRUE;
      return value;
    }
  {
    GSequenceIter *iter = g_hash_table_lookup (r->self->by_uuid, uuid);
    *known = iter != NULL;
    return iter ? g_sequence_get (iter) : NULL;
  }
}

static GlossAnnotation *
live_annotation (Resolver    *r,
                 const char  *uuid,
                 GError     **error)
{
  gboolean known;
  GlossAnnotation *a = current_annotation (r, uuid, &known);

  if (a == NULL || gloss_annotation_get_deleted (a))
    {
      g_set_error (error, GLOSS_COMMAND_ERROR, GLOSS_COMMAND_ERROR_NOT_FOUND,
                   _("No annotation %s in this document"), uuid);
      return NULL;
    }
  return a;
}

static GlossRelation *
live_relation (Resolver    *r,
               const char  *uuid,
               GError     **error)
{
  gpointer value = NULL;
  GlossRelation *rel;

  if (g_hash_table_lookup_extended (r->relations, uuid, NULL, &value))
    rel = value;
  else
    rel = g_hash_table_lookup (r->self->relation_by_uuid, uuid);
  if (rel == NULL || gloss_relation_get_deleted (rel))
    {
      g_set_error (error, GLOSS_COMMAND_ERROR, GLOSS_COMMAND_ERROR_NOT_FOUND,
                   _("No relation %s in this document"), uuid);
      return NULL;
    }
  return rel;
}

static gint64
stamp (Resolver *r,
       gint64    before)
{
  return MAX (r->now, before + 1);
}

static gboolean
check_fragments (GlossAnnotationList  *self,
                 const GlossFragment  *f,
                 guint                 n,
                 GError              **error)
{
  guint length = gloss_document_get_length (self->document);

  if (n == 0)
    {
      g_set_error (error, GLOSS_COMMAND_ERROR, GLOSS_COMMAND_ERROR_INVALID,
                   _("An annotation needs at least one fragment"));
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      if (f[i].start >= f[i].end || f[i].end > length)
        {
          g_set_error (error, GLOSS_COMMAND_ERROR, GLOSS_COMMAND_ERROR_INVALID,
                       _("Fragment %u–%u is empty or outside the text (length %u)"),
                       f[i].start, f[i].end, length);
          return FALSE;
        }
      if (i > 0 && f[i].start < f[i - 1].end)
        {
          g_set_error (error, GLOSS_COMMAND_ERROR, GLOSS_COMMAND_ERROR_INVALID,
                       _("Fragments %u–%u and %u–%u overlap"),
                       f[i - 1].start, f[i - 1].end, f[i].start, f[i].end);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_label (GlossAnnotationList  *self,
             const char           *label,
             GError              **error)
{
  if (label == NULL || *label == '\0')
    {
      g_set_error (error, GLOSS_COMMAND_ERROR, GLOSS_COMMAND_ERROR_INVALID,
                   _("An annotation needs a label"));
      return FALSE;
    }
  if (self->schema != NULL && gloss_schema_lookup_label (self->schema, label) == NULL)
    {
      g_set_error (error, GLOSS_COMMAND_ERROR, GLOSS_COMMAND_ERROR_INVALID,
                   _("The schema has no label “%s”"), label);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_attributes (GlossAnnotationList  *self,
                  const char           *label,
                  GHashTable           *attrs,
                  GError              **error)
{
  GHashTableIter iter;
  gpointer k, v;

  if (self->schema == NULL || attrs == NULL)
    return TRUE;
  g_hash_table_iter_init (&iter, attrs);
  while (g_hash_table_iter_next (&iter, &k, &v))
    if (!gloss_schema_check_label_attribute (self->schema, label, k, v, error))
      return FALSE;
  return TRUE;
}

static gboolean
record_annotation (Resolver         *r,
                   const char       *uuid,
                   GlossAnnotation  *before,
                   GlossAnnotation  *after,
                   GError          **error)
{
  GlossChange *change;

  change = _gloss_change_new (GLOSS_CHANGE_ANNOTATION, uuid);
  change->document_id = gloss_document_get_id (r->self->document);
  if (after != NULL)
    gloss_annotation_set_document_id (after, change->document_id);
  change->before = before ? g_object_ref (G_OBJECT (before)) : NULL;
  change->after = after ? g_object_ref (G_OBJECT (after)) : NULL;
  if (!_gloss_change_write (change, r->self->store, TRUE, error))
    {
      _gloss_change_free (change);
      return FALSE;
    }
  g_ptr_array_add (r->changes, change);
  g_hash_table_insert (r->annotations, g_strdup (uuid), after);
  return TRUE;
}

static gboolean
record_relation (Resolver       *r,
                 const char     *uuid,
                 GlossRelation  *before,
                 GlossRelation  *after,
                 GError        **error)
{
  GlossChange *change;

  change = _gloss_change_new (GLOSS_CHANGE_RELATION, uuid);
  change->document_id = gloss_document_get_id (r->self->document);
  if (after != NULL)
    gloss_relation_set_document_id (after, change->document_id);
  change->before = before ? g_object_ref (G_OBJECT (before)) : NULL;
  change->after = after ? g_object_ref (G_OBJECT (after)) : NULL;
  if (!_gloss_change_write (change, r->self->store, TRUE, error))
    {
      _gloss_change_free (change);
      return FALSE;
    }
  g_ptr_array_add (r->changes, change);
  g_hash_table_insert (r->relations, g_strdup (uuid), after);
  return TRUE;
}

/* Live relations touching @uuid, as the resolver sees them now. */
static GPtrArray *
relations_touching (Resolver   *r,
                    const char *uuid)
{
  GPtrArray *out = g_ptr_array_new ();
  GHashTable *seen = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer k, v;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (r->self->relations));

  g_hash_table_iter_init (&iter, r->relations);
  while (g_hash_table_iter_next (&iter, &k, &v))
    {
      g_hash_table_add (seen, k);
      if (v != NULL && !gloss_relation_get_deleted (v) &&
          (g_strcmp0 (gloss_relation_get_source (v), uuid) == 0 ||
           g_strcmp0 (gloss_relation_get_target (v), uuid) == 0))
        g_ptr_array_add (out, v);
    }
  for (guint i = 0; i < n; i++)
    {
      GlossRelation *rel = g_list_model_get_item (G_LIST_MODEL (r->self->relations), i);

      if (!g_hash_table_contains (seen, gloss_relation_get_uuid (rel)) &&
          (g_strcmp0 (gloss_relation_get_source (rel), uuid) == 0 ||
           g_strcmp0 (gloss_relation_get_target (rel), uuid) == 0))
        g_ptr_array_add (out, rel);
      g_object_unref (rel);
    }
  g_hash_table_unref (seen);
  return out;
}

static gboolean
annotation_row_exists (GlossAnnotationList *self,
                       const char          *uuid)
{
  g_autoptr(GlossAnnotation) a = gloss_store_load_annotation (self->store, uuid, NULL);
  return a != NULL;
}

static gboolean
relation_row_exists (GlossAnnotationList *self,
                     const char          *uuid)
{
  g_autoptr(GlossRelation) r = gloss_store_load_relation (self->store, uuid, NULL);
  return r != NULL;
}

/* A relabel keeps only the attributes the new label declares with a value
 * it allows; the dropped ones come back on undo with the old snapshot. */
static void
drop_undeclared_attributes (GlossAnnotationList *self,
                            GlossAnnotation     *a)
{
  GHashTable *attrs = gloss_annotation_get_attributes (a);
  g_autoptr(GPtrArray) names = NULL;
  GHashTableIter iter;
  gpointer k, v;

  if (self->schema == NULL || attrs == NULL)
    return;
  names = g_ptr_array_new_with_free_func (g_free);
  g_hash_table_iter_init (&iter, attrs);
  while (g_hash_table_iter_next (&iter, &k, &v))
    if (!gloss_schema_check_label_attribute (self->schema, gloss_annotation_get_label (a), k, v,
                                             NULL))
      g_ptr_array_add (names, g_strdup (k));
  for (guint i = 0; i < names->len; i++)
    gloss_annotation_set_attribute (a, g_ptr_array_index (names, i), NULL);
}

/* A relabel may not leave a relation whose ends the schema refuses. */
static gboolean
check_relabel_relations (Resolver    *r,
                         const char  *uuid,
                         const char  *label,
                         GError     **error)
{
  g_autoptr(GPtrArray) rels = NULL;

  if (r->self->schema == NULL)
    return TRUE;
  rels = relations_touching (r, uuid);
  for (guint i = 0; i < rels->len; i++)
    {
      GlossRelation *rel = g_ptr_array_index (rels, i);
      const char *src = gloss_relation_get_source (rel);
      const char *tgt = gloss_relation_get_target (rel);
      GlossAnnotation *other;
      gboolean known;
      const char *src_label, *tgt_label;

      other = current_annotation (r, g_str_equal (src, uuid) ? tgt : src, &known);
      if (other == NULL)
        continue;
      src_label = g_str_equal (src, uuid) ? label : gloss_annotation_get_label (other);
      tgt_label = g_str_equal (tgt, uuid) ? label : gloss_annotation_get_label (other);
      if (!gloss_schema_check_relation (r->self->schema, gloss_relation_get_relation_type (rel),
                                        src_label, tgt_label, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
resolve_edit (Resolver   *r,
              GlossEdit  *edit,
              GError    **error)
{
  GlossAnnotationList *self = r->self;
  GlossAnnotation *before = NULL;
  g_autoptr(GlossAnnotation) after = NULL;

  switch (edit->kind)
    {
    case GLOSS_EDIT_CREATE_ANNOTATION:
      {
        GlossAnnotation *proto = GLOSS_ANNOTATION (edit->object);
        const GlossFragment *f;
        guint n;
        gboolean known;

        current_annotation (r, edit->uuid, &known);
        if (known || annotation_row_exists (self, edit->uuid))
          {
            g_set_error (error, GLOSS_COMMAND_ERROR, GLOSS_COMMAND_ERROR_EXISTS,
                         _("An annotation %s already exists"), edit->uuid);
            return FALSE;
          }
        f = gloss_annotation_get_fragments (proto, &n);
        if (!check_label (self, gloss_annotation_get_label (proto), error) ||
            !check_fragments (self, f, n, error) ||
            !check_attributes (self, gloss_annotation_get_label (proto),
                               gloss_annotation_get_attributes (proto), error))
          return FALSE;
        after = gloss_annotation_copy (proto);
        if (*gloss_annotation_get_annotator (after) == '\0')
          gloss_annotation_set_annotator (after, self->annotator);
        gloss_annotation_set_deleted (after, FALSE);
        gloss_annotation_set_times (after, r->now, r->now);
        return record_annotation (r, edit->uuid, NULL, after, error);
      }

    case GLOSS_EDIT_DELETE_ANNOTATION:
      {
        g_autoptr(GPtrArray) rels = NULL;

        if (!(before = live_annotation (r, edit->uuid, error)))
          return FALSE;
        rels = relations_touching (r, edit->uuid);
        for (guint i = 0; i < rels->len; i++)
          {
            GlossRelation *rel = g_ptr_array_index (rels, i);
            g_autoptr(GlossRelation) dead = gloss_relation_copy (rel);

            gloss_relation_set_deleted (dead, TRUE);
            gloss_relation_set_times (dead, gloss_relation_get_created (rel),
                                      stamp (r, gloss_relation_get_modified (rel)));
            if (!record_relation (r, gloss_relation_get_uuid (rel), rel, dead, error))
              return FALSE;
          }
        after = gloss_annotation_copy (before);
        gloss_annotation_set_deleted (after, TRUE);
        break;
      }

    case GLOSS_EDIT_SET_LABEL:
      if (!(before = live_annotation (r, edit->uuid, error)) ||
          !check_label (self, edit->s1, error) ||
          !check_relabel_relations (r, edit->uuid, edit->s1, error))
        return FALSE;
      after = gloss_annotation_copy (before);
      gloss_annotation_set_label (after, edit->s1);
      drop_undeclared_attributes (self, after);
      break;

    case GLOSS_EDIT_SET_FRAGMENTS:
      {
        if (!(before = live_annotation (r, edit->uuid, error)))
          return FALSE;
        after = gloss_annotation_copy (before);
        gloss_annotation_set_fragments (after, (GlossFragment *) (gpointer) edit->fragments->data,
                                        edit->fragments->len);
        if (!check_fragments (self, gloss_annotation_get_fragments (after, NULL),
                              gloss_annotation_get_n_fragments (after), error))
          return FALSE;
        break;
      }

    case GLOSS_EDIT_SET_ATTRIBUTE:
      if (!(before = live_annotation (r, edit->uuid, error)))
        return FALSE;
      if (edit->value != NULL && self->schema != NULL &&
          !gloss_schema_check_label_attribute (self->schema, gloss_annotation_get_label (before),
                                               edit->s1, edit->value, error))
        return FALSE;
      after = gloss_annotation_copy (before);
      gloss_annotation_set_attribute (after, edit->s1,
                                      edit->value ? g_variant_ref (edit->value) : NULL);
      if (edit->value != NULL)
        g_variant_unref (edit->value);
      break;

    case GLOSS_EDIT_SET_NOTE:
      if (!(before = live_annotation (r, edit->uuid, error)))
        return FALSE;
      after = gloss_annotation_copy (before);
      gloss_annotation_set_note (after, edit->s1);
      break;

    case GLOSS_EDIT_SET_NORMALISATION:
      if (!(before = live_annotation (r, edit->uuid, error)))
        return FALSE;
      after = gloss_annotation_copy (before);
      gloss_annotation_set_normalisation (after, edit->s1, edit->s2);
      break;

    case GLOSS_EDIT_ADD_RELATION:
      {
        GlossRelation *proto = GLOSS_RELATION (edit->object);
        GlossAnnotation *src, *tgt;
        g_autoptr(GlossRelation) rel = NULL;
        gpointer dummy;

        if (g_hash_table_lookup_extended (r->relations, edit->uuid, NULL, &dummy) ||
            g_hash_table_contains (self->relation_by_uuid, edit->uuid) ||
            relation_row_exists (self, edit->uuid))
          {
            g_set_error (error, GLOSS_COMMAND_ERROR, GLOSS_COMMAND_ERROR_EXISTS,
                         _("A relation %s already exists"), edit->uuid);
            return FALSE;
          }
        if (!(src = live_annotation (r, gloss_relation_get_source (proto), error)) ||
            !(tgt = live_annotation (r, gloss_relation_get_target (proto), error)))
          return FALSE;
        if (self->schema != NULL &&
            !gloss_schema_check_relation (self->schema, gloss_relation_get_relation_type (proto),
                                          gloss_annotation_get_label (src),
                                          gloss_annotation_get_label (tgt), error))
          return FALSE;
        rel = gloss_relation_copy (proto);
        if (*gloss_relation_get_annotator (rel) == '\0')
          gloss_relation_set_annotator (rel, self->annotator);
        gloss_relation_set_deleted (rel, FALSE);
        gloss_relation_set_times (rel, r->now, r->now);
        return record_relation (r, edit->uuid, NULL, rel, error);
      }

    case GLOSS_EDIT_REMOVE_RELATION:
    case GLOSS_EDIT_SET_RELATION_ATTRIBUTE:
      {
        GlossRelation *rel_before = live_relation (r, edit->uuid, error);
        g_autoptr(GlossRelation) rel = NULL;

        if (rel_before == NULL)
          return FALSE;
        rel = gloss_relation_copy (rel_before);
        if (edit->kind == GLOSS_EDIT_REMOVE_RELATION)
          gloss_relation_set_deleted (rel, TRUE);
        else
          {
            if (edit->value != NULL && self->schema != NULL)
              {
                GlossRelationType *type =
                  gloss_schema_lookup_relation_type (self->schema,
                                                     gloss_relation_get_relation_type (rel));
                GlossAttrDef *def = type ? gloss_relation_type_lookup_attribute (type, edit->s1)
                                         : NULL;
                if (def == NULL)
                  {
                    g_set_error (error, GLOSS_COMMAND_ERROR, GLOSS_COMMAND_ERROR_NOT_ALLOWED,
                                 _("Relation type “%s” has no attribute “%s”"),
                                 gloss_relation_get_relation_type (rel), edit->s1);
                    return FALSE;
                  }
                if (!gloss_attr_def_check_value (def, edit->value, error))
                  return FALSE;
              }
            gloss_relation_set_attribute (rel, edit->s1,
                                          edit->value ? g_variant_ref (edit->value) : NULL);
            if (edit->value != NULL)
              g_variant_unref (edit->value);
          }
        gloss_relation_set_times (rel, gloss_relation_get_created (rel_before),
                                  stamp (r, gloss_relation_get_modified (rel_before)));
        return record_relation (r, edit->uuid, rel_before, rel, error);
      }

    case GLOSS_EDIT_SET_DOCUMENT_STATUS:
      {
        const char *who = edit->s1 && *edit->s1 ? edit->s1 : self->annotator;
        GlossChange *change;
        GlossChange *prev;
        GlossDocumentStatus status;
        gint64 modified;
        gint64 doc_id = gloss_document_get_id (self->document);

        if (who == NULL || *who == '\0')
          {
            g_set_error (error, GLOSS_COMMAND_ERROR, GLOSS_COMMAND_ERROR_INVALID,
                         _("A document status needs an annotator name"));
            return FALSE;
          }
        change = _gloss_change_new (GLOSS_CHANGE_STATUS, who);
        change->document_id = doc_id;
        prev = g_hash_table_lookup (r->statuses, who);
        if (prev != NULL)
          {
            change->before_status = prev->after_status;
            change->before_modified = prev->after_modified;
          }
        else if (gloss_store_get_document_status (self->store, doc_id, who, &status, &modified))
          {
            change->before_status = status;
            change->before_modified = modified;
          }
        change->after_status = edit->status;
        change->after_modified = stamp (r, change->before_modified);
        if (!_gloss_change_write (change, self->store, TRUE, error))
          {
            _gloss_change_free (change);
            return FALSE;
          }
        g_ptr_array_add (r->changes, change);
        g_hash_table_insert (r->statuses, g_strdup (who), change);
        return TRUE;
      }

    case GLOSS_EDIT_SET_SUGGESTION_STATE:
      {
        GlossChange *change = _gloss_change_new (GLOSS_CHANGE_SUGGESTION, edit->uuid);
        gint64 doc_id = gloss_document_get_id (self->document);

        change->document_id = doc_id;
        _gloss_store_get_suggestion_state (self->store, doc_id, edit->uuid,
                                           &change->before_status, &change->before_modified);
        change->after_status = edit->status;
        change->after_modified = stamp (r, change->before_modified);
        if (!_gloss_change_write (change, self->store, TRUE, error))
          {
            _gloss_change_free (change);
            return FALSE;
          }
        g_ptr_array_add (r->changes, change);
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }

  gloss_annotation_set_times (after, gloss_annotation_get_created (before),
                              stamp (r, gloss_annotation_get_modified (before)));
  return record_annotation (r, edit->uuid, before, after, error);
}

/* Writes one side of recorded changes (in order, or reversed for undo). */
static gboolean
replay (GlossAnnotationList  *self,
        GPtrArray            *changes,
        gboolean              forward,
        GError              **error)
{
  for (guint k = 0; k < changes->len; k++)
    if (!_gloss_change_write (g_ptr_array_index (changes, forward ? k : changes->len - 1 - k),
                              self->store, forward, error))
      return FALSE;
  return TRUE;
}

/* The net effect of a command on one row: the first "from" and the last
 * "to" in the direction of the step. */
typedef struct
{
  GlossChangeKind  kind;
  const char      *key;
  GObject         *from;
  GObject         *to;
} NetChange;

static gboolean
row_is_live (GlossChangeKind  kind,
             GObject         *row)
{
  if (row == NULL)
    return FALSE;
  return kind == GLOSS_CHANGE_ANNOTATION ? !gloss_annotation_get_deleted (GLOSS_ANNOTATION (row))
                                         : !gloss_relation_get_deleted (GLOSS_RELATION (row));
}

/* After a commit: brings memory in step and emits signals, once per key, in
 * the order the keys were first touched. */
static void
publish (GlossAnnotationList *self,
         GPtrArray           *changes,
         gboolean             forward)
{
  g_autoptr(GHashTable) annotation_nets = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) relation_nets = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) statuses_seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) nets = g_array_new (FALSE, TRUE, sizeof (NetChange));
  g_autoptr(GPtrArray) statuses = g_ptr_array_new ();
  g_autoptr(GPtrArray) suggestions = g_ptr_array_new ();

  for (guint k = 0; k < changes->len; k++)
    {
      GlossChange *c = g_ptr_array_index (changes, forward ? k : changes->len - 1 - k);
      GObject *from = forward ? c->before : c->after;
      GObject *to = forward ? c->after : c->before;
      GHashTable *index;
      guint pos;

      if (c->kind == GLOSS_CHANGE_SUGGESTION)
        {
          g_ptr_array_add (suggestions, c);
          continue;
        }
      if (c->kind == GLOSS_CHANGE_STATUS)
        {
          int now = forward ? c->after_status : c->before_status;

          /* the last in the direction of the step stands */
          if (!g_hash_table_contains (statuses_seen, c->key))
            g_ptr_array_add (statuses, c->key);
          g_hash_table_insert (statuses_seen, c->key,
                               GINT_TO_POINTER (now < 0 ? GLOSS_DOCUMENT_STATUS_NEW : now));
          continue;
        }
      index = c->kind == GLOSS_CHANGE_ANNOTATION ? annotation_nets : relation_nets;
      pos = GPOINTER_TO_UINT (g_hash_table_lookup (index, c->key));
      if (pos == 0)
        {
          NetChange net = { c->kind, c->key, from, to };

          g_array_append_val (nets, net);
          g_hash_table_insert (index, c->key, GUINT_TO_POINTER (nets->len));
        }
      else
        g_array_index (nets, NetChange, pos - 1).to = to;
    }

  /* The change records hold the rows, so they outlive the memory update. */
  for (guint i = 0; i < nets->len; i++)
    {
      NetChange *net = &g_array_index (nets, NetChange, i);

      if (net->kind == GLOSS_CHANGE_ANNOTATION)
        memory_set_annotation (self, net->key, net->to ? GLOSS_ANNOTATION (net->to) : NULL);
      else
        memory_set_relation (self, net->key, net->to ? GLOSS_RELATION (net->to) : NULL);
    }

  /* Signals after the model is consistent. */
  for (guint i = 0; i < nets->len; i++)
    {
      NetChange *net = &g_array_index (nets, NetChange, i);
      GObject *from = row_is_live (net->kind, net->from) ? net->from : NULL;
      GObject *to = row_is_live (net->kind, net->to) ? net->to : NULL;

      if (from == NULL && to == NULL)
        continue;
      g_signal_emit (self, signals[net->kind == GLOSS_CHANGE_ANNOTATION ? ANNOTATION_CHANGED
                                                                        : RELATION_CHANGED],
                     0, from, to);
    }

  for (guint i = 0; i < statuses->len; i++)
    {
      const char *who = g_ptr_array_index (statuses, i);

      _gloss_document_set_status (self->document, who,
                                  GPOINTER_TO_INT (g_hash_table_lookup (statuses_seen, who)));
      g_signal_emit (self, signals[STATUS_CHANGED], 0, who);
    }

  for (guint i = 0; i < suggestions->len; i++)
    {
      GlossChange *c = g_ptr_array_index (suggestions, i);

      g_signal_emit (self, signals[SUGGESTION_CHANGED], 0, c->key,
                     forward ? c->after_status : c->before_status);
    }

  _gloss_document_set_n_annotations (self->document, g_sequence_get_length (self->items));
}

static void
notify_history (GlossAnnotationList *self,
                gboolean             could_undo,
                gboolean             could_redo)
{
  if (could_undo != gloss_annotation_list_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != gloss_annotation_list_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

/* ---- GObject */

static void
gloss_annotation_list_dispose (GObject *object)
{
  GlossAnnotationList *self = (GlossAnnotationList *) object;

  g_queue_clear_full (&self->undo, g_object_unref);
  g_queue_clear_full (&self->redo, g_object_unref);
  g_queue_clear_full (&self->waiting, g_object_unref);
  if (self->retry != NULL)
    g_source_destroy (self->retry);
  g_clear_pointer (&self->retry, g_source_unref);

  G_OBJECT_CLASS (gloss_annotation_list_parent_class)->dispose (object);
}

static void
gloss_annotation_list_finalize (GObject *object)
{
  GlossAnnotationList *self = (GlossAnnotationList *) object;

  g_clear_pointer (&self->index, gloss_span_index_free);
  g_clear_pointer (&self->by_uuid, g_hash_table_unref);
  g_clear_pointer (&self->items, g_sequence_free);
  g_clear_pointer (&self->relation_by_uuid, g_hash_table_unref);
  g_clear_pointer (&self->relations_by_end, g_hash_table_unref);
  g_clear_object (&self->relations);
  g_clear_object (&self->store);
  g_clear_object (&self->schema);
  g_clear_object (&self->document);
  g_clear_pointer (&self->annotator, g_free);

  G_OBJECT_CLASS (gloss_annotation_list_parent_class)->finalize (object);
}

static void
gloss_annotation_list_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  GlossAnnotationList *self = GLOSS_ANNOTATION_LIST (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, gloss_annotation_list_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, gloss_annotation_list_can_redo (self));
      break;
    case PROP_ANNOTATOR:
      g_value_set_string (value, self->annotator);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, g_sequence_get_length (self->items));
      break;
    case PROP_N_WAITING:
      g_value_set_uint (value, g_queue_get_length (&self->waiting));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_annotation_list_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  GlossAnnotationList *self = GLOSS_ANNOTATION_LIST (object);

  switch (prop_id)
    {
    case PROP_ANNOTATOR:
      gloss_annotation_list_set_annotator (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_annotation_list_class_init (GlossAnnotationListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gloss_annotation_list_dispose;
  object_class->finalize = gloss_annotation_list_finalize;
  object_class->get_property = gloss_annotation_list_get_property;
  object_class->set_property = gloss_annotation_list_set_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANNOTATOR] =
    g_param_spec_string ("annotator", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_WAITING] =
    g_param_spec_uint ("n-waiting", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ANNOTATION_CHANGED] =
    g_signal_new ("annotation-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                  GLOSS_TYPE_ANNOTATION, GLOSS_TYPE_ANNOTATION);
  signals[RELATION_CHANGED] =
    g_signal_new ("relation-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                  GLOSS_TYPE_RELATION, GLOSS_TYPE_RELATION);
  signals[STATUS_CHANGED] =
    g_signal_new ("status-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* A kept suggestion of the document (its id) took a state: a command
   * rejected it, or its undo took the rejection back. */
  signals[SUGGESTION_CHANGED] =
    g_signal_new ("suggestion-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT);
  signals[WAITING_FAILED] =
    g_signal_new ("waiting-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, GLOSS_TYPE_COMMAND, G_TYPE_ERROR);
}

static void
gloss_annotation_list_init (GlossAnnotationList *self)
{
  self->items = g_sequence_new (g_object_unref);
  self->by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  self->index = gloss_span_index_new ();
  self->relations = g_list_store_new (GLOSS_TYPE_RELATION);
  self->relation_by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  self->relations_by_end = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                  (GDestroyNotify) g_ptr_array_unref);
  self->annotator = g_strdup ("");
  g_queue_init (&self->undo);
  g_queue_init (&self->redo);
}

GlossAnnotationList *
_gloss_annotation_list_new (GlossStore     *store,
                            GlossSchema    *schema,
                            GlossDocument  *document,
                            GError        **error)
{
  g_autoptr(GlossAnnotationList) self = g_object_new (GLOSS_TYPE_ANNOTATION_LIST, NULL);
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  gint64 id = gloss_document_get_id (document);
  gboolean sorted = TRUE;

  self->store = g_object_ref (store);
  self->schema = schema ? g_object_ref (schema) : NULL;
  self->document = g_object_ref (document);

  annotations = gloss_store_load_annotations (store, id, FALSE, error);
  if (annotations == NULL)
    return NULL;
  relations = gloss_store_load_relations (store, id, FALSE, error);
  if (relations == NULL)
    return NULL;

  /* Rows come in document order already (the store sorts them as
   * gloss_annotation_compare() does): sort only if they do not. */
  for (guint i = 0; i < annotations->len; i++)
    {
      GlossAnnotation *a = g_object_ref (g_ptr_array_index (annotations, i));
      GSequenceIter *iter = g_sequence_append (self->items, a);

      g_hash_table_insert (self->by_uuid, (gpointer) gloss_annotation_get_uuid (a), iter);
      index_add (self, a);
      if (i > 0 && gloss_annotation_compare (g_ptr_array_index (annotations, i - 1), a) > 0)
        sorted = FALSE;
    }
  if (!sorted)
    g_sequence_sort (self->items, compare_items, NULL);
  for (guint i = 0; i < relations->len; i++)
    {
      GlossRelation *r = g_ptr_array_index (relations, i);
      g_hash_table_insert (self->relation_by_uuid, (gpointer) gloss_relation_get_uuid (r), r);
      ends_add (self, r);
    }
  g_list_store_splice (self->relations, 0, 0, relations->pdata, relations->len);
  _gloss_document_set_n_annotations (document, annotations->len);
  return g_steal_pointer (&self);
}

/* ---- public API */

GlossDocument *
gloss_annotation_list_get_document (GlossAnnotationList *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_LIST (self), NULL);
  return self->document;
}

GlossSchema *
gloss_annotation_list_get_schema (GlossAnnotationList *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_LIST (self), NULL);
  return self->schema;
}

const char *
gloss_annotation_list_get_annotator (GlossAnnotationList *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_LIST (self), NULL);
  return self->annotator;
}

void
gloss_annotation_list_set_annotator (GlossAnnotationList *self,
                                     const char          *annotator)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION_LIST (self));

  if (annotator == NULL)
    annotator = "";
  if (g_strcmp0 (self->annotator, annotator) == 0)
    return;
  g_free (self->annotator);
  self->annotator = g_strdup (annotator);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANNOTATOR]);
}

GlossAnnotation *
gloss_annotation_list_lookup (GlossAnnotationList *self,
                              const char          *uuid)
{
  GSequenceIter *iter;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION_LIST (self), NULL);
  iter = g_hash_table_lookup (self->by_uuid, uuid);
  return iter ? g_sequence_get (iter) : NULL;
}

void
gloss_annotation_list_foreach (GlossAnnotationList *self,
                               GFunc                func,
                               gpointer             user_data)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION_LIST (self));
  g_return_if_fail (func != NULL);

  g_sequence_foreach (self->items, func, user_data);
}

gboolean
gloss_annotation_list_find (GlossAnnotationList *self,
                            const char          *uuid,
                            guint               *position)
{
  GSequenceIter *iter;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION_LIST (self), FALSE);
  iter = g_hash_table_lookup (self->by_uuid, uuid);
  if (iter == NULL)
    return FALSE;
  if (position)
    *position = g_sequence_iter_get_position (iter);
  return TRUE;
}

static int
compare_ptrs (gconstpointer a,
              gconstpointer b)
{
  return gloss_annotation_compare (*(GlossAnnotation **) a, *(GlossAnnotation **) b);
}

GPtrArray *
gloss_annotation_list_query_at (GlossAnnotationList *self,
                                guint                offset)
{
  GPtrArray *out = g_ptr_array_new ();

  g_return_val_if_fail (GLOSS_IS_ANNOTATION_LIST (self), out);
  gloss_span_index_query_range_unique (self->index, offset, offset + 1, out);
  g_ptr_array_sort (out, compare_ptrs);
  return out;
}

GPtrArray *
gloss_annotation_list_query_range (GlossAnnotationList *self,
                                   guint                start,
                                   guint                end)
{
  GPtrArray *out = g_ptr_array_new ();

  g_return_val_if_fail (GLOSS_IS_ANNOTATION_LIST (self), out);
  gloss_span_index_query_range_unique (self->index, start, end, out);
  g_ptr_array_sort (out, compare_ptrs);
  return out;
}

GListModel *
gloss_annotation_list_get_relations (GlossAnnotationList *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_LIST (self), NULL);
  return G_LIST_MODEL (self->relations);
}

GlossRelation *
gloss_annotation_list_lookup_relation (GlossAnnotationList *self,
                                       const char          *uuid)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_LIST (self), NULL);
  return g_hash_table_lookup (self->relation_by_uuid, uuid);
}

static int
compare_relations_by_creation (gconstpointer a,
                               gconstpointer b)
{
  GlossRelation *ra = *(GlossRelation **) a;
  GlossRelation *rb = *(GlossRelation **) b;
  gint64 ca = gloss_relation_get_created (ra), cb = gloss_relation_get_created (rb);

  if (ca != cb)
    return ca < cb ? -1 : 1;
  return g_strcmp0 (gloss_relation_get_uuid (ra), gloss_relation_get_uuid (rb));
}

GPtrArray *
gloss_annotation_list_relations_of (GlossAnnotationList *self,
                                    const char          *annotation_uuid)
{
  GPtrArray *out = g_ptr_array_new ();
  GPtrArray *rels;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION_LIST (self), out);

  /* In creation order, as the store loads them. */
  rels = g_hash_table_lookup (self->relations_by_end, annotation_uuid);
  if (rels == NULL)
    return out;
  for (guint i = 0; i < rels->len; i++)
    g_ptr_array_add (out, g_ptr_array_index (rels, i));
  g_ptr_array_sort (out, compare_relations_by_creation);
  return out;
}

static gboolean
apply_now (GlossAnnotationList  *self,
           GlossCommand         *command,
           GError              **error)
{
  GPtrArray *edits;
  Resolver r = { 0 };
  gboolean could_undo, could_redo;

  edits = _gloss_command_get_edits (command);
  if (edits->len == 0)
    {
      g_set_error (error, GLOSS_COMMAND_ERROR, GLOSS_COMMAND_ERROR_EMPTY,
                   _("The command has no edits"));
      return FALSE;
    }

  r.self = self;
  r.annotations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r.relations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r.statuses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r.changes = g_ptr_array_new_with_free_func ((GDestroyNotify) _gloss_change_free);
  r.now = g_get_real_time ();

  if (!gloss_store_begin (self->store, error))
    goto fail;
  for (guint i = 0; i < edits->len; i++)
    {
      if (!resolve_edit (&r, g_ptr_array_index (edits, i), error))
        {
          if (edits->len > 1)
            g_prefix_error (error, _("Edit %u of %u: "), i + 1, edits->len);
          gloss_store_rollback (self->store);
          goto fail;
        }
    }
  if (!gloss_store_commit (self->store, error))
    goto fail;

  g_hash_table_unref (r.annotations);
  g_hash_table_unref (r.relations);
  g_hash_table_unref (r.statuses);

  could_undo = gloss_annotation_list_can_undo (self);
  could_redo = gloss_annotation_list_can_redo (self);
  _gloss_command_set_applied (command, r.changes);
  g_queue_push_head (&self->undo, g_object_ref (command));
  while (g_queue_get_length (&self->undo) > MAX_UNDO)
    g_object_unref (g_queue_pop_tail (&self->undo));
  g_queue_clear_full (&self->redo, g_object_unref);
  publish (self, r.changes, TRUE);
  notify_history (self, could_undo, could_redo);
  return TRUE;

fail:
  g_hash_table_unref (r.annotations);
  g_hash_table_unref (r.relations);
  g_hash_table_unref (r.statuses);
  g_ptr_array_unref (r.changes);
  return FALSE;
}

static gboolean
is_busy (const GError *error)
{
  return g_error_matches (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_BUSY);
}

/* Applies the waiting commands in order, as far as the write lock allows;
 * one that fails for another reason is dropped and said ("waiting-failed"). */
static gboolean
retry_cb (gpointer user_data)
{
  GlossAnnotationList *self = user_data;
  guint before = g_queue_get_length (&self->waiting);

  while (!g_queue_is_empty (&self->waiting))
    {
      g_autoptr(GError) error = NULL;
      GlossCommand *command = g_queue_peek_head (&self->waiting);

      if (!apply_now (self, command, &error) && is_busy (error))
        break;
      command = g_queue_pop_head (&self->waiting);
      if (error != NULL)
        g_signal_emit (self, signals[WAITING_FAILED], 0, command, error);
      g_object_unref (command);
    }
  if (g_queue_get_length (&self->waiting) != before)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_WAITING]);
  if (!g_queue_is_empty (&self->waiting))
    return G_SOURCE_CONTINUE;
  g_clear_pointer (&self->retry, g_source_unref);
  /* the reference the waiting commands held */
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

/* @command waits, after those already waiting, for another program's
 * write lock. The list stays alive while commands wait. */
static void
wait_for_lock (GlossAnnotationList *self,
               GlossCommand        *command)
{
  g_queue_push_tail (&self->waiting, g_object_ref (command));
  if (self->retry == NULL)
    {
      g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();

      self->retry = g_timeout_source_new (RETRY_MS);
      g_source_set_callback (self->retry, retry_cb, g_object_ref (self), NULL);
      g_source_set_static_name (self->retry, "[gloss] waiting edits");
      g_source_attach (self->retry, context);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_WAITING]);
}

gboolean
gloss_annotation_list_apply (GlossAnnotationList  *self,
                             GlossCommand         *command,
                             GError              **error)
{
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION_LIST (self), FALSE);
  g_return_val_if_fail (GLOSS_IS_COMMAND (command), FALSE);
  g_return_val_if_fail (!gloss_command_is_applied (command), FALSE);

  if (!self->queue_when_busy)
    return apply_now (self, command, error);
  /* behind commands that wait, in order */
  if (g_queue_is_empty (&self->waiting))
    {
      if (apply_now (self, command, &local))
        return TRUE;
      if (!is_busy (local))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
    }
  wait_for_lock (self, command);
  return TRUE;
}

void
gloss_annotation_list_set_wait_when_busy (GlossAnnotationList *self,
                                          gboolean             wait)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION_LIST (self));
  self->queue_when_busy = !!wait;
}

guint
gloss_annotation_list_get_n_waiting (GlossAnnotationList *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_LIST (self), 0);
  return g_queue_get_length (&self->waiting);
}

gboolean
gloss_annotation_list_can_undo (GlossAnnotationList *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_LIST (self), FALSE);
  return !g_queue_is_empty (&self->undo);
}

gboolean
gloss_annotation_list_can_redo (GlossAnnotationList *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_LIST (self), FALSE);
  return !g_queue_is_empty (&self->redo);
}

GlossCommand *
gloss_annotation_list_peek_undo (GlossAnnotationList *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_LIST (self), NULL);
  return g_queue_peek_head (&self->undo);
}

const char *
gloss_annotation_list_get_undo_description (GlossAnnotationList *self)
{
  GlossCommand *cmd;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION_LIST (self), NULL);
  cmd = g_queue_peek_head (&self->undo);
  return cmd ? gloss_command_get_description (cmd) : NULL;
}

const char *
gloss_annotation_list_get_redo_description (GlossAnnotationList *self)
{
  GlossCommand *cmd;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION_LIST (self), NULL);
  cmd = g_queue_peek_head (&self->redo);
  return cmd ? gloss_command_get_description (cmd) : NULL;
}

static gboolean
step (GlossAnnotationList  *self,
      gboolean              forward,
      GError              **error)
{
  GQueue *from = forward ? &self->redo : &self->undo;
  GQueue *to = forward ? &self->undo : &self->redo;
  GlossCommand *cmd = g_queue_peek_head (from);
  GPtrArray *changes;
  gboolean could_undo, could_redo;

  if (cmd == NULL)
    {
      g_set_error (error, GLOSS_COMMAND_ERROR, GLOSS_COMMAND_ERROR_EMPTY,
                   forward ? _("Nothing to redo") : _("Nothing to undo"));
      return FALSE;
    }
  /* the waiting edits come after what would be undone */
  if (!g_queue_is_empty (&self->waiting))
    {
      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_BUSY,
                   _("Edits are waiting for another program that is writing to this project; "
                     "undo and redo once they are saved"));
      return FALSE;
    }
  changes = _gloss_command_get_changes (cmd);
  if (!gloss_store_begin (self->store, error))
    return FALSE;
  if (!replay (self, changes, forward, error))
    {
      gloss_store_rollback (self->store);
      return FALSE;
    }
  if (!gloss_store_commit (self->store, error))
    return FALSE;

  could_undo = gloss_annotation_list_can_undo (self);
  could_redo = gloss_annotation_list_can_redo (self);
  g_queue_push_head (to, g_queue_pop_head (from));
  publish (self, changes, forward);
  notify_history (self, could_undo, could_redo);
  return TRUE;
}

gboolean
gloss_annotation_list_undo (GlossAnnotationList  *self,
                            GError              **error)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_LIST (self), FALSE);
  return step (self, FALSE, error);
}

gboolean
gloss_annotation_list_redo (GlossAnnotationList  *self,
                            GError              **error)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_LIST (self), FALSE);
  return step (self, TRUE, error);
}

void
gloss_annotation_list_clear_history (GlossAnnotationList *self)
{
  gboolean could_undo, could_redo;

  g_return_if_fail (GLOSS_IS_ANNOTATION_LIST (self));
  could_undo = gloss_annotation_list_can_undo (self);
  could_redo = gloss_annotation_list_can_redo (self);
  g_queue_clear_full (&self->undo, g_object_unref);
  g_queue_clear_full (&self->redo, g_object_unref);
  notify_history (self, could_undo, could_redo);
}

/* ---- reloading after a merge */

static GHashTable *
annotations_by_uuid (GlossAnnotationList *self)
{
  GHashTable *out = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  GSequenceIter *iter;

  for (iter = g_sequence_get_begin_iter (self->items); !g_sequence_iter_is_end (iter);
       iter = g_sequence_iter_next (iter))
    {
      GlossAnnotation *a = g_sequence_get (iter);
      g_hash_table_insert (out, (gpointer) gloss_annotation_get_uuid (a), g_object_ref (a));
    }
  return out;
}

gboolean
_gloss_annotation_list_reload (GlossAnnotationList  *self,
                               GlossSchema          *schema,
                               GError              **error)
{
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GHashTable) old_annotations = NULL;
  g_autoptr(GHashTable) old_relations = NULL;
  g_autoptr(GHashTable) statuses = NULL;
  gint64 id;
  guint old_n, old_n_relations;
  gboolean could_undo, could_redo;
  GHashTableIter hiter;
  gpointer k, v;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION_LIST (self), FALSE);

  id = gloss_document_get_id (self->document);
  annotations = gloss_store_load_annotations (self->store, id, FALSE, error);
  if (annotations == NULL)
    return FALSE;
  relations = gloss_store_load_relations (self->store, id, FALSE, error);
  if (relations == NULL)
    return FALSE;

  if (schema != NULL)
    g_set_object (&self->schema, schema);

  /* The old snapshots stay alive in these tables until the signals went. */
  old_annotations = annotations_by_uuid (self);
  old_relations = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  old_n_relations = g_list_model_get_n_items (G_LIST_MODEL (self->relations));
  for (guint i = 0; i < old_n_relations; i++)
    {
      GlossRelation *r = g_list_model_get_item (G_LIST_MODEL (self->relations), i);
      g_hash_table_insert (old_relations, (gpointer) gloss_relation_get_uuid (r), r);
    }

  old_n = g_sequence_get_length (self->items);
  g_hash_table_remove_all (self->by_uuid);
  g_sequence_remove_range (g_sequence_get_begin_iter (self->items),
                           g_sequence_get_end_iter (self->items));
  gloss_span_index_free (self->index);
  self->index = gloss_span_index_new ();
  for (guint i = 0; i < annotations->len; i++)
    {
      GlossAnnotation *a = g_object_ref (g_ptr_array_index (annotations, i));
      GSequenceIter *iter = g_sequence_append (self->items, a);

      g_hash_table_insert (self->by_uuid, (gpointer) gloss_annotation_get_uuid (a), iter);
      index_add (self, a);
    }
  g_sequence_sort (self->items, compare_items, NULL);

  g_hash_table_remove_all (self->relation_by_uuid);
  g_hash_table_remove_all (self->relations_by_end);
  for (guint i = 0; i < relations->len; i++)
    {
      GlossRelation *r = g_ptr_array_index (relations, i);
      g_hash_table_insert (self->relation_by_uuid, (gpointer) gloss_relation_get_uuid (r), r);
      ends_add (self, r);
    }

  could_undo = gloss_annotation_list_can_undo (self);
  could_redo = gloss_annotation_list_can_redo (self);
  g_queue_clear_full (&self->undo, g_object_unref);
  g_queue_clear_full (&self->redo, g_object_unref);
  _gloss_document_set_n_annotations (self->document, annotations->len);

  if (old_n > 0 || annotations->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, annotations->len);
  g_list_store_splice (self->relations, 0, old_n_relations, relations->pdata, relations->len);

  /* Per-row signals: what changed, in document order of the new rows, then
   * what left. */
  for (guint i = 0; i < annotations->len; i++)
    {
      GlossAnnotation *a = g_ptr_array_index (annotations, i);
      GlossAnnotation *old = g_hash_table_lookup (old_annotations, gloss_annotation_get_uuid (a));

      if (old == NULL || !gloss_annotation_equal (old, a))
        g_signal_emit (self, signals[ANNOTATION_CHANGED], 0, old, a);
    }
  g_hash_table_iter_init (&hiter, old_annotations);
  while (g_hash_table_iter_next (&hiter, &k, &v))
    if (!g_hash_table_contains (self->by_uuid, k))
      g_signal_emit (self, signals[ANNOTATION_CHANGED], 0, v, NULL);
  for (guint i = 0; i < relations->len; i++)
    {
      GlossRelation *r = g_ptr_array_index (relations, i);
      GlossRelation *old = g_hash_table_lookup (old_relations, gloss_relation_get_uuid (r));

      if (old == NULL || !gloss_relation_equal (old, r))
        g_signal_emit (self, signals[RELATION_CHANGED], 0, old, r);
    }
  g_hash_table_iter_init (&hiter, old_relations);
  while (g_hash_table_iter_next (&hiter, &k, &v))
    if (!g_hash_table_contains (self->relation_by_uuid, k))
      g_signal_emit (self, signals[RELATION_CHANGED], 0, v, NULL);

  _gloss_document_reload_statuses (self->document);
  statuses = gloss_store_dup_document_statuses (self->store, id);
  g_hash_table_iter_init (&hiter, statuses);
  while (g_hash_table_iter_next (&hiter, &k, NULL))
    g_signal_emit (self, signals[STATUS_CHANGED], 0, (const char *) k);

  notify_history (self, could_undo, could_redo);
  return TRUE;
}

gboolean
_gloss_annotation_list_matches_store (GlossAnnotationList  *self,
                                      gboolean             *matches,
                                      GError              **error)
{
  GlossDigest stored = { 0 }, shown = { 0 };
  guint n_relations;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION_LIST (self), FALSE);

  if (!_gloss_store_get_document_digest (self->store, gloss_document_get_id (self->document),
                                         &stored, error))
    return FALSE;
  for (GSequenceIter *iter = g_sequence_get_begin_iter (self->items);
       !g_sequence_iter_is_end (iter); iter = g_sequence_iter_next (iter))
    {
      GlossAnnotation *a = g_sequence_get (iter);

      shown.n_annotations++;
      shown.annotations_modified += gloss_annotation_get_modified (a) % GLOSS_DIGEST_MODULUS;
    }
  n_relations = g_list_model_get_n_items (G_LIST_MODEL (self->relations));
  for (guint i = 0; i < n_relations; i++)
    {
      g_autoptr(GlossRelation) r = g_list_model_get_item (G_LIST_MODEL (self->relations), i);

      shown.n_relations++;
      shown.relations_modified += gloss_relation_get_modified (r) % GLOSS_DIGEST_MODULUS;
    }
  *matches = memcmp (&stored, &shown, sizeof stored) == 0;
  return TRUE;
}
