/* gloss-document.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "gloss-document-private.h"
#include "gloss-store.h"
#include "gloss-util-private.h"

struct _GlossDocument
{
  GObject     parent_instance;

  GlossStore *store;          /* owned */
  gint64      id;
  char       *uuid;           /* owned */
  char       *name;           /* owned */
  char       *sha256;         /* owned */
  char       *text;           /* owned, loaded lazily */
  JsonObject *meta;           /* owned */
  gint64      created;
  guint       length;
  guint       n_annotations;
  GHashTable *statuses;       /* owned, annotator -> GINT_TO_POINTER (status); NULL until asked */
};

G_DEFINE_FINAL_TYPE (GlossDocument, gloss_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_LENGTH,
  PROP_N_ANNOTATIONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  STATUS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
gloss_document_finalize (GObject *object)
{
  GlossDocument *self = (GlossDocument *) object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->sha256, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->meta, json_object_unref);
  g_clear_pointer (&self->statuses, g_hash_table_unref);

  G_OBJECT_CLASS (gloss_document_parent_class)->finalize (object);
}

static void
gloss_document_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GlossDocument *self = GLOSS_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_LENGTH:
      g_value_set_uint (value, self->length);
      break;
    case PROP_N_ANNOTATIONS:
      g_value_set_uint (value, self->n_annotations);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_document_class_init (GlossDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gloss_document_finalize;
  object_class->get_property = gloss_document_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LENGTH] =
    g_param_spec_uint ("length", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ANNOTATIONS] =
    g_param_spec_uint ("n-annotations", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[STATUS_CHANGED] =
    g_signal_new ("status-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
gloss_document_init (GlossDocument *self)
{
}

GlossDocument *
_gloss_document_new (GlossStore *store,
                     gint64      id,
                     const char *uuid,
                     const char *name,
                     const char *sha256,
                     guint       length,
                     const char *meta_json,
                     gint64      created,
                     guint       n_annotations)
{
  GlossDocument *self = g_object_new (GLOSS_TYPE_DOCUMENT, NULL);
  g_autoptr(JsonNode) meta = NULL;

  self->store = store ? g_object_ref (store) : NULL;
  self->id = id;
  self->uuid = g_strdup (uuid);
  self->name = g_strdup (name);
  self->sha256 = g_strdup (sha256);
  self->length = length;
  self->created = created;
  self->n_annotations = n_annotations;

  if (meta_json != NULL)
    meta = json_from_string (meta_json, NULL);
  if (meta != NULL && JSON_NODE_HOLDS_OBJECT (meta))
    self->meta = json_object_ref (json_node_get_object (meta));
  else
    self->meta = json_object_new ();
  return self;
}

static GlossDocumentStatus
status_in (GHashTable *statuses,
           const char *annotator)
{
  gpointer value;

  if (statuses != NULL && g_hash_table_lookup_extended (statuses, annotator, NULL, &value))
    return GPOINTER_TO_INT (value);
  return GLOSS_DOCUMENT_STATUS_NEW;
}

static void
ensure_statuses (GlossDocument *self)
{
  if (self->statuses == NULL)
    self->statuses = self->store ? gloss_store_dup_document_statuses (self->store, self->id)
                                 : NULL;
  if (self->statuses == NULL)
    self->statuses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

void
_gloss_document_set_status (GlossDocument       *self,
                            const char          *annotator,
                            GlossDocumentStatus  status)
{
  if (self->statuses != NULL)
    {
      if (status_in (self->statuses, annotator) == status &&
          g_hash_table_contains (self->statuses, annotator))
        return;
      g_hash_table_insert (self->statuses, g_strdup (annotator), GINT_TO_POINTER (status));
    }
  g_signal_emit (self, signals[STATUS_CHANGED], 0, annotator);
}

void
_gloss_document_reload_statuses (GlossDocument *self)
{
  g_autoptr(GHashTable) old = NULL;
  g_autoptr(GPtrArray) changed = NULL;
  GHashTableIter iter;
  gpointer key;

  if (self->statuses == NULL)
    return;   /* nobody asked yet: read when asked */
  old = g_steal_pointer (&self->statuses);
  ensure_statuses (self);
  changed = g_ptr_array_new_with_free_func (g_free);
  g_hash_table_iter_init (&iter, self->statuses);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (status_in (old, key) != status_in (self->statuses, key))
      g_ptr_array_add (changed, g_strdup (key));
  g_hash_table_iter_init (&iter, old);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (self->statuses, key) &&
        status_in (old, key) != GLOSS_DOCUMENT_STATUS_NEW)
      g_ptr_array_add (changed, g_strdup (key));
  for (guint i = 0; i < changed->len; i++)
    g_signal_emit (self, signals[STATUS_CHANGED], 0, g_ptr_array_index (changed, i));
}

void
_gloss_document_set_n_annotations (GlossDocument *self,
                                   guint          n)
{
  if (self->n_annotations == n)
    return;
  self->n_annotations = n;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ANNOTATIONS]);
}

gint64
gloss_document_get_id (GlossDocument *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), 0);
  return self->id;
}

const char *
gloss_document_get_uuid (GlossDocument *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), NULL);
  return self->uuid;
}

const char *
gloss_document_get_name (GlossDocument *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), NULL);
  return self->name;
}

const char *
gloss_document_get_sha256 (GlossDocument *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), NULL);
  return self->sha256;
}

guint
gloss_document_get_length (GlossDocument *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), 0);
  return self->length;
}

gint64
gloss_document_get_created (GlossDocument *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), 0);
  return self->created;
}

gboolean
gloss_document_load_text (GlossDocument  *self,
                          GError        **error)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), FALSE);

  if (self->text != NULL)
    return TRUE;
  if (self->store == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("Document “%s” has no project to read its text from"), self->name);
      return FALSE;
    }
  self->text = gloss_store_dup_document_text (self->store, self->id, error);
  return self->text != NULL;
}

const char *
gloss_document_get_text (GlossDocument *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), NULL);

  if (!gloss_document_load_text (self, &error))
    g_debug ("Cannot read the text of document “%s”: %s", self->name, error->message);
  return self->text;
}

JsonObject *
gloss_document_get_meta (GlossDocument *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), NULL);
  return self->meta;
}

const char *
gloss_document_get_meta_string (GlossDocument *self,
                                const char    *key)
{
  JsonNode *node;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), NULL);
  node = json_object_get_member (self->meta, key);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

guint
gloss_document_get_n_annotations (GlossDocument *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), 0);
  return self->n_annotations;
}

GlossDocumentStatus
gloss_document_get_status (GlossDocument *self,
                           const char    *annotator)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), GLOSS_DOCUMENT_STATUS_NEW);

  if (annotator == NULL)
    return GLOSS_DOCUMENT_STATUS_NEW;
  ensure_statuses (self);
  return status_in (self->statuses, annotator);
}
