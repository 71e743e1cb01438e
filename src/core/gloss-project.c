/* gloss-project.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gloss-annotation-list-private.h"
#include "gloss-document-private.h"
#include "gloss-document-list-private.h"
#include "gloss-project-private.h"
#include "gloss-schema.h"
#include "gloss-store.h"
#include "gloss-util-private.h"

struct _GlossProject
{
  GObject            parent_instance;

  GlossStore        *store;      /* owned */
  GlossSchema       *schema;     /* owned */
  GlossDocumentList *documents;  /* owned */
  GHashTable        *lists;      /* gint64 * -> GlossAnnotationList (weak) */
  char              *annotator;  /* owned */
  char              *schema_json;  /* the schema as last read from or written to the store */
  GSource           *schema_retry; /* owned: saves the schema once another program let go */
  gint64             data_version; /* the store's data_version when last refreshed */
};

G_DEFINE_FINAL_TYPE (GlossProject, gloss_project, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SCHEMA,
  PROP_ANNOTATOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void schema_changed_cb (GlossProject *self,
                               GlossSchema  *schema);

/* Makes the project's schema what @schema holds, which the store already
 * holds as @json: with @in_place, by adding to the project's schema object
 * when only additions lead there (the views keep their object and follow
 * its "changed"); else by taking @schema as the project's schema object
 * (notify::schema). */
static void
replace_schema (GlossProject *self,
                GlossSchema  *schema,
                const char   *json,
                gboolean      in_place)
{
  g_free (self->schema_json);
  self->schema_json = g_strdup (json);
  if (self->schema == schema)
    return;
  if (in_place)
    {
      g_signal_handlers_block_by_func (self->schema, schema_changed_cb, self);
      gloss_schema_add_missing (self->schema, schema);
      g_signal_handlers_unblock_by_func (self->schema, schema_changed_cb, self);
      if (gloss_schema_equal (self->schema, schema))
        return;
    }
  g_signal_handlers_disconnect_by_data (self->schema, self);
  g_set_object (&self->schema, schema);
  g_signal_connect_object (schema, "changed", G_CALLBACK (schema_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCHEMA]);
}

/* The JSON of what @ours changed from @base applied to @theirs, as a
 * schema writes it; NULL when the result is no valid schema. */
static char *
merge_schemas (const char *base,
               const char *ours,
               const char *theirs)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *merged = _gloss_json_merge3 (base, ours, theirs, &error);
  g_autoptr(GlossSchema) schema = NULL;

  if (merged != NULL)
    schema = gloss_schema_new_from_json (merged, -1, &error);
  if (schema == NULL)
    {
      g_warning ("Another program changed the schema too; its changes cannot be combined with "
                 "these: %s", error->message);
      return NULL;
    }
  return gloss_schema_to_json (schema);
}

/* Writes @schema to the store. Another program may have changed the stored
 * schema since this project read it: inside the write transaction, what
 * @schema changed from what the project read is applied to what is stored
 * now, so that neither loses the other's changes; the project then holds
 * the combination (in place, with @in_place, where only additions lead
 * there). */
static gboolean
save_schema_full (GlossProject  *self,
                  GlossSchema   *schema,
                  gboolean       in_place,
                  GError       **error)
{
  g_autofree char *ours = gloss_schema_to_json (schema);
  g_autofree char *stored = NULL;
  g_autofree char *merged = NULL;
  g_autoptr(GlossSchema) combined = NULL;
  const char *json = ours;

  if (!gloss_store_begin (self->store, error))
    return FALSE;
  stored = gloss_store_dup_schema_json (self->store);
  if (stored != NULL && self->schema_json != NULL && strcmp (stored, self->schema_json) != 0 &&
      strcmp (stored, ours) != 0)
    {
      merged = merge_schemas (self->schema_json, ours, stored);
      if (merged != NULL)
        combined = gloss_schema_new_from_json (merged, -1, NULL);
      /* the other program's change was ours already (an in-place merge) */
      if (combined != NULL && gloss_schema_equal (combined, schema))
        g_clear_object (&combined);
      if (combined != NULL)
        json = merged;
    }
  if (!gloss_store_set_schema_json (self->store, json, error))
    {
      gloss_store_rollback (self->store);
      return FALSE;
    }
  if (!gloss_store_commit (self->store, error))
    return FALSE;
  replace_schema (self, combined != NULL ? combined : schema, json, in_place);
  return TRUE;
}

static gboolean
schema_retry_cb (gpointer user_data)
{
  GlossProject *self = user_data;

  g_clear_pointer (&self->schema_retry, g_source_unref);
  schema_changed_cb (self, self->schema);
  return G_SOURCE_REMOVE;
}

static void
schema_changed_cb (GlossProject *self,
                   GlossSchema  *schema)
{
  g_autoptr(GError) error = NULL;

  if (save_schema_full (self, schema, TRUE, &error))
    return;
  /* another program holds the write lock: save again when it may be done */
  if (g_error_matches (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_BUSY))
    {
      if (self->schema_retry == NULL)
        {
          g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();

          self->schema_retry = g_timeout_source_new (250);
          g_source_set_callback (self->schema_retry, schema_retry_cb, self, NULL);
          g_source_attach (self->schema_retry, context);
        }
      return;
    }
  g_warning ("Cannot save the schema: %s", error->message);
}

static void
list_gone_cb (gpointer  data,
              GObject  *where_the_object_was)
{
  GlossProject *self = data;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->lists);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (value == (gpointer) where_the_object_was)
      {
        g_hash_table_iter_remove (&iter);
        break;
      }
}

static void
gloss_project_dispose (GObject *object)
{
  GlossProject *self = (GlossProject *) object;

  if (self->lists != NULL)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, self->lists);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        g_object_weak_unref (value, list_gone_cb, self);
      g_clear_pointer (&self->lists, g_hash_table_unref);
    }
  if (self->schema != NULL)
    g_signal_handlers_disconnect_by_data (self->schema, self);
  if (self->schema_retry != NULL)
    g_source_destroy (self->schema_retry);
  g_clear_pointer (&self->schema_retry, g_source_unref);

  G_OBJECT_CLASS (gloss_project_parent_class)->dispose (object);
}

static void
gloss_project_finalize (GObject *object)
{
  GlossProject *self = (GlossProject *) object;

  g_clear_object (&self->documents);
  g_clear_object (&self->schema);
  g_clear_object (&self->store);
  g_clear_pointer (&self->annotator, g_free);
  g_clear_pointer (&self->schema_json, g_free);

  G_OBJECT_CLASS (gloss_project_parent_class)->finalize (object);
}

static void
gloss_project_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  GlossProject *self = GLOSS_PROJECT (object);

  switch (prop_id)
    {
    case PROP_SCHEMA:
      g_value_set_object (value, self->schema);
      break;
    case PROP_ANNOTATOR:
      g_value_set_string (value, self->annotator);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_project_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  GlossProject *self = GLOSS_PROJECT (object);

  switch (prop_id)
    {
    case PROP_ANNOTATOR:
      gloss_project_set_annotator (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_project_class_init (GlossProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gloss_project_dispose;
  object_class->finalize = gloss_project_finalize;
  object_class->get_property = gloss_project_get_property;
  object_class->set_property = gloss_project_set_property;

  properties[PROP_SCHEMA] =
    g_param_spec_object ("schema", NULL, NULL, GLOSS_TYPE_SCHEMA,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANNOTATOR] =
    g_param_spec_string ("annotator", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gloss_project_init (GlossProject *self)
{
  self->lists = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->annotator = g_strdup ("");
}

/* @json: the schema as the store holds it. */
static GlossProject *
project_new (GlossStore   *store,
             GlossSchema  *schema,
             const char   *json,
             GError      **error)
{
  g_autoptr(GlossProject) self = g_object_new (GLOSS_TYPE_PROJECT, NULL);

  self->store = g_object_ref (store);
  self->schema = g_object_ref (schema);
  self->schema_json = g_strdup (json);
  self->data_version = gloss_store_get_data_version (store);
  g_signal_connect_object (schema, "changed", G_CALLBACK (schema_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->documents = _gloss_document_list_new (store, error);
  if (self->documents == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

GlossProject *
gloss_project_create (const char   *path,
                      GlossSchema  *schema,
                      GError      **error)
{
  g_autoptr(GlossStore) store = NULL;
  g_autoptr(GlossSchema) fallback = NULL;
  g_autofree char *json = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (schema == NULL)
    {
      fallback = gloss_schema_new_preset ("news", error);
      if (fallback == NULL)
        return NULL;
      schema = fallback;
    }
  json = gloss_schema_to_json (schema);
  store = gloss_store_create (path, json, error);
  if (store == NULL)
    return NULL;
  return project_new (store, schema, json, error);
}

GlossProject *
gloss_project_open (const char  *path,
                    GError     **error)
{
  return gloss_project_open_full (path, GLOSS_STORE_OPEN_DEFAULT, error);
}

GlossProject *
_gloss_project_new_for_store (GlossStore  *store,
                              GError     **error)
{
  g_autoptr(GlossSchema) schema = NULL;
  g_autofree char *json = gloss_store_dup_schema_json (store);

  if (json == NULL)
    schema = gloss_schema_new_preset ("news", error);
  else
    {
      schema = gloss_schema_new_from_json (json, -1, error);
      if (schema == NULL)
        g_prefix_error (error, _("The project’s schema cannot be read: "));
    }
  if (schema == NULL)
    return NULL;
  return project_new (store, schema, json, error);
}

GlossProject *
gloss_project_open_full (const char           *path,
                         GlossStoreOpenFlags   flags,
                         GError              **error)
{
  g_autoptr(GlossStore) store = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  store = gloss_store_open_full (path, flags, error);
  if (store == NULL)
    return NULL;
  return _gloss_project_new_for_store (store, error);
}

gboolean
gloss_project_is_read_only (GlossProject *self)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);
  return gloss_store_is_read_only (self->store);
}

const char *
gloss_project_get_path (GlossProject *self)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);
  return gloss_store_get_path (self->store);
}

char *
gloss_project_dup_title (GlossProject *self)
{
  g_autofree char *base = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);
  base = g_path_get_basename (gloss_store_get_path (self->store));
  if (g_str_has_suffix (base, ".gloss"))
    base[strlen (base) - strlen (".gloss")] = '\0';
  return g_steal_pointer (&base);
}

GlossStore *
gloss_project_get_store (GlossProject *self)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);
  return self->store;
}

GlossSchema *
gloss_project_get_schema (GlossProject *self)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);
  return self->schema;
}

gboolean
gloss_project_set_schema (GlossProject  *self,
                          GlossSchema   *schema,
                          GError       **error)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (GLOSS_IS_SCHEMA (schema), FALSE);

  return save_schema_full (self, schema, FALSE, error);
}

/* The open lists to reload: those of the documents in @touched (a set of
 * gint64 *), every one with a @schema, and, with @touched NULL, those
 * whose rows differ from the store. */
static gboolean
reload_lists (GlossProject  *self,
              GHashTable    *touched,
              GlossSchema   *schema,
              GError       **error)
{
  g_autoptr(GPtrArray) lists = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer key, value;

  /* reloading emits signals whose handlers may open or close lists */
  g_hash_table_iter_init (&iter, self->lists);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gboolean stale = schema != NULL;

      if (!stale && touched != NULL)
        stale = g_hash_table_contains (touched, key);
      else if (!stale)
        {
          gboolean matches = TRUE;

          if (!_gloss_annotation_list_matches_store (value, &matches, error))
            return FALSE;
          stale = !matches;
        }
      if (stale)
        g_ptr_array_add (lists, g_object_ref (value));
    }
  for (guint i = 0; i < lists->len; i++)
    if (!_gloss_annotation_list_reload (lists->pdata[i], schema, error))
      return FALSE;
  return TRUE;
}

/* Whether an open list holds this very document: its count follows the
 * list as it reloads. A list left open on a deleted document whose id a new
 * document took (SQLite reuses the largest rowid) holds another object. */
static gboolean
followed_by_list (GlossProject  *self,
                  GlossDocument *document)
{
  gint64 id = gloss_document_get_id (document);
  GlossAnnotationList *list = g_hash_table_lookup (self->lists, &id);

  return list != NULL && gloss_annotation_list_get_document (list) == document;
}

/* A document without an open list: its count and statuses read again
 * (those with a list follow it as it reloads). */
static void
reload_document_rows (GlossProject  *self,
                      GlossDocument *document)
{
  gint64 id = gloss_document_get_id (document);

  _gloss_document_set_n_annotations (document, gloss_store_count_annotations (self->store, id));
  _gloss_document_reload_statuses (document);
}

gboolean
gloss_project_reload (GlossProject  *self,
                      const gint64  *ids,
                      guint          n_ids,
                      GlossSchema   *schema,
                      GError       **error)
{
  g_autoptr(GHashTable) touched = g_hash_table_new (g_int64_hash, g_int64_equal);

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);

  if (!_gloss_document_list_reload (self->documents, error))
    return FALSE;
  for (guint i = 0; i < n_ids; i++)
    {
      GlossDocument *document;

      /* each document once; an open list counts its own items as it reloads */
      if (!g_hash_table_add (touched, (gpointer) &ids[i]))
        continue;
      document = _gloss_document_list_peek (self->documents, ids[i]);
      if (document != NULL && !followed_by_list (self, document))
        reload_document_rows (self, document);
    }
  return reload_lists (self, touched, schema, error);
}

gboolean
gloss_project_refresh (GlossProject  *self,
                       gboolean      *changed,
                       GError       **error)
{
  g_autofree char *stored = NULL;
  g_autoptr(GlossSchema) fresh = NULL;
  gint64 version;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);

  if (changed != NULL)
    *changed = FALSE;
  version = gloss_store_get_data_version (self->store);
  if (version == self->data_version)
    return TRUE;

  stored = gloss_store_dup_schema_json (self->store);
  if (stored != NULL && g_strcmp0 (stored, self->schema_json) != 0)
    {
      fresh = gloss_schema_new_from_json (stored, -1, error);
      if (fresh == NULL)
        {
          g_prefix_error (error, _("The project’s schema cannot be read: "));
          return FALSE;
        }
      if (gloss_schema_equal (fresh, self->schema))
        g_clear_object (&fresh);
      replace_schema (self, fresh != NULL ? fresh : self->schema, stored, TRUE);
    }
  if (!_gloss_document_list_reload (self->documents, error) ||
      !reload_lists (self, NULL, fresh, error))
    return FALSE;
  {
    g_autoptr(GPtrArray) loaded = _gloss_document_list_dup_loaded (self->documents);

    for (guint i = 0; i < loaded->len; i++)
      {
        GlossDocument *document = g_ptr_array_index (loaded, i);

        if (!followed_by_list (self, document))
          reload_document_rows (self, document);
      }
  }
  self->data_version = version;
  if (changed != NULL)
    *changed = TRUE;
  return TRUE;
}

GListModel *
gloss_project_get_documents (GlossProject *self)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);
  return G_LIST_MODEL (self->documents);
}

GlossDocument *
gloss_project_lookup_document (GlossProject *self,
                               gint64        id)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);
  return gloss_document_list_lookup (self->documents, id);
}

GlossDocument *
gloss_project_find_document (GlossProject *self,
                             const char   *name)
{
  gint64 id;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);
  id = gloss_store_find_document_by_name (self->store, name);
  return id ? gloss_document_list_lookup (self->documents, id) : NULL;
}

GlossDocument *
gloss_project_add_document (GlossProject  *self,
                            const char    *name,
                            const char    *text,
                            gssize         len,
                            const char    *meta_json,
                            GError       **error)
{
  g_autofree char *unique = NULL;
  gint64 id;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);

  unique = gloss_store_dup_unique_name (self->store, name);
  id = gloss_store_insert_document (self->store, NULL, unique, text, len, meta_json, NULL, 0,
                                    error);
  if (id == 0)
    return NULL;
  if (!gloss_store_in_transaction (self->store) &&
      !_gloss_document_list_reload (self->documents, error))
    return NULL;
  return gloss_document_list_lookup (self->documents, id);
}

gboolean
gloss_project_reload_documents (GlossProject  *self,
                                GError       **error)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (self), FALSE);
  return _gloss_document_list_reload (self->documents, error);
}

GlossAnnotationList *
gloss_project_dup_annotation_list (GlossProject   *self,
                                   GlossDocument  *document,
                                   GError        **error)
{
  GlossAnnotationList *list;
  gint64 id;

  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (document), NULL);

  id = gloss_document_get_id (document);
  list = g_hash_table_lookup (self->lists, &id);
  if (list != NULL)
    return g_object_ref (list);

  list = _gloss_annotation_list_new (self->store, self->schema, document, error);
  if (list == NULL)
    return NULL;
  gloss_annotation_list_set_annotator (list, self->annotator);
  g_hash_table_insert (self->lists, g_memdup2 (&id, sizeof id), list);
  g_object_weak_ref (G_OBJECT (list), list_gone_cb, self);
  return list;
}

const char *
gloss_project_get_annotator (GlossProject *self)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);
  return self->annotator;
}

void
gloss_project_set_annotator (GlossProject *self,
                             const char   *annotator)
{
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (GLOSS_IS_PROJECT (self));

  if (annotator == NULL)
    annotator = "";
  if (g_strcmp0 (annotator, self->annotator) == 0)
    return;
  g_free (self->annotator);
  self->annotator = g_strdup (annotator);
  g_hash_table_iter_init (&iter, self->lists);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    gloss_annotation_list_set_annotator (value, annotator);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANNOTATOR]);
}

GlossAnnotationList *
_gloss_project_peek_annotation_list (GlossProject *self,
                                     gint64        document_id)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (self), NULL);
  return g_hash_table_lookup (self->lists, &document_id);
}
