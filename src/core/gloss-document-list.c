/* gloss-document-list.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include "gloss-document.h"
#include "gloss-document-list-private.h"
#include "gloss-store.h"

struct _GlossDocumentList
{
  GObject     parent_instance;

  GlossStore *store;      /* owned */
  GArray     *ids;        /* owned: gint64, display order */
  GHashTable *documents;  /* gint64 * id -> GlossDocument, owned */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GlossDocumentList, gloss_document_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
list_get_item_type (GListModel *model)
{
  return GLOSS_TYPE_DOCUMENT;
}

static guint
list_get_n_items (GListModel *model)
{
  return ((GlossDocumentList *) model)->ids->len;
}

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  GlossDocumentList *self = (GlossDocumentList *) model;
  GlossDocument *doc;

  if (position >= self->ids->len)
    return NULL;
  doc = gloss_document_list_lookup (self, g_array_index (self->ids, gint64, position));
  return doc ? g_object_ref (doc) : NULL;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

static void
gloss_document_list_finalize (GObject *object)
{
  GlossDocumentList *self = (GlossDocumentList *) object;

  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->documents, g_hash_table_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (gloss_document_list_parent_class)->finalize (object);
}

static void
gloss_document_list_class_init (GlossDocumentListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gloss_document_list_finalize;
}

static void
gloss_document_list_init (GlossDocumentList *self)
{
  self->documents = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
}

GlossDocumentList *
_gloss_document_list_new (GlossStore  *store,
                          GError     **error)
{
  g_autoptr(GlossDocumentList) self = g_object_new (GLOSS_TYPE_DOCUMENT_LIST, NULL);

  self->store = g_object_ref (store);
  self->ids = gloss_store_list_document_ids (store, error);
  if (self->ids == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

gboolean
_gloss_document_list_reload (GlossDocumentList  *self,
                             GError            **error)
{
  g_autoptr(GArray) ids = gloss_store_list_document_ids (self->store, error);
  g_autoptr(GArray) old = NULL;
  guint i = 0, j = 0;

  if (ids == NULL)
    return FALSE;
  old = g_steal_pointer (&self->ids);
  self->ids = g_array_ref (ids);

  /* Both are in the same order; walk them and report each run of
   * differences as one change. */
  while (i < old->len || j < ids->len)
    {
      guint start_i, start_j;

      while (i < old->len && j < ids->len &&
             g_array_index (old, gint64, i) == g_array_index (ids, gint64, j))
        {
          i++;
          j++;
        }
      start_i = i;
      start_j = j;
      if (i >= old->len && j >= ids->len)
        break;
      {
        /* find the next common id */
        g_autoptr(GHashTable) in_new = g_hash_table_new (g_int64_hash, g_int64_equal);
        guint ni = i, nj = j;

        for (guint k = j; k < ids->len; k++)
          g_hash_table_add (in_new, &g_array_index (ids, gint64, k));
        while (ni < old->len && !g_hash_table_contains (in_new, &g_array_index (old, gint64, ni)))
          ni++;
        if (ni < old->len)
          while (nj < ids->len && g_array_index (ids, gint64, nj) != g_array_index (old, gint64, ni))
            nj++;
        else
          nj = ids->len;
        for (guint k = start_i; k < ni; k++)
          g_hash_table_remove (self->documents, &g_array_index (old, gint64, k));
        /* positions in the new list: start_j */
        g_list_model_items_changed (G_LIST_MODEL (self), start_j, ni - start_i, nj - start_j);
        i = ni;
        j = nj;
      }
    }
  return TRUE;
}

GlossDocument *
gloss_document_list_lookup (GlossDocumentList *self,
                            gint64             id)
{
  GlossDocument *doc;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT_LIST (self), NULL);

  doc = g_hash_table_lookup (self->documents, &id);
  if (doc == NULL)
    {
      g_autoptr(GError) error = NULL;

      doc = gloss_store_load_document (self->store, id, &error);
      if (doc == NULL)
        {
          g_debug ("Cannot load document %" G_GINT64_FORMAT ": %s", id, error->message);
          return NULL;
        }
      g_hash_table_insert (self->documents, g_memdup2 (&id, sizeof id), doc);
    }
  return doc;
}

GPtrArray *
_gloss_document_list_dup_loaded (GlossDocumentList *self)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->documents);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (out, g_object_ref (value));
  return out;
}

GlossDocument *
_gloss_document_list_peek (GlossDocumentList *self,
                           gint64             id)
{
  return g_hash_table_lookup (self->documents, &id);
}

GArray *
gloss_document_list_get_ids (GlossDocumentList *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_LIST (self), NULL);

  return self->ids;
}
