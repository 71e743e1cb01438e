/* gloss-relation.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include "gloss-relation.h"
#include "gloss-util-private.h"

struct _GlossRelation
{
  GObject     parent_instance;

  char       *uuid;         /* owned */
  char       *type;         /* owned */
  char       *source;       /* owned: annotation uuid */
  char       *target;       /* owned: annotation uuid */
  GHashTable *attributes;   /* owned, NULL when empty */
  char       *annotator;    /* owned */
  gint64      document_id;
  gint64      created;
  gint64      modified;
  gboolean    deleted;
};

G_DEFINE_FINAL_TYPE (GlossRelation, gloss_relation, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_UUID,
  PROP_RELATION_TYPE,
  PROP_SOURCE,
  PROP_TARGET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
gloss_relation_finalize (GObject *object)
{
  GlossRelation *self = (GlossRelation *) object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->type, g_free);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->target, g_free);
  g_clear_pointer (&self->attributes, g_hash_table_unref);
  g_clear_pointer (&self->annotator, g_free);

  G_OBJECT_CLASS (gloss_relation_parent_class)->finalize (object);
}

static void
gloss_relation_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GlossRelation *self = GLOSS_RELATION (object);

  switch (prop_id)
    {
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;
    case PROP_RELATION_TYPE:
      g_value_set_string (value, self->type);
      break;
    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;
    case PROP_TARGET:
      g_value_set_string (value, self->target);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_relation_class_init (GlossRelationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gloss_relation_finalize;
  object_class->get_property = gloss_relation_get_property;

  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RELATION_TYPE] =
    g_param_spec_string ("relation-type", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TARGET] =
    g_param_spec_string ("target", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gloss_relation_init (GlossRelation *self)
{
}

GlossRelation *
gloss_relation_new (const char *type,
                    const char *source_uuid,
                    const char *target_uuid,
                    const char *annotator)
{
  GlossRelation *self;

  g_return_val_if_fail (type != NULL, NULL);
  g_return_val_if_fail (source_uuid != NULL, NULL);
  g_return_val_if_fail (target_uuid != NULL, NULL);

  self = g_object_new (GLOSS_TYPE_RELATION, NULL);
  self->uuid = g_uuid_string_random ();
  self->type = g_strdup (type);
  self->source = g_strdup (source_uuid);
  self->target = g_strdup (target_uuid);
  self->annotator = g_strdup (annotator ? annotator : "");
  self->created = self->modified = g_get_real_time ();
  return self;
}

GlossRelation *
gloss_relation_copy (GlossRelation *self)
{
  GlossRelation *copy;

  g_return_val_if_fail (GLOSS_IS_RELATION (self), NULL);

  copy = g_object_new (GLOSS_TYPE_RELATION, NULL);
  copy->uuid = g_strdup (self->uuid);
  copy->type = g_strdup (self->type);
  copy->source = g_strdup (self->source);
  copy->target = g_strdup (self->target);
  copy->attributes = _gloss_attributes_copy (self->attributes);
  copy->annotator = g_strdup (self->annotator);
  copy->document_id = self->document_id;
  copy->created = self->created;
  copy->modified = self->modified;
  copy->deleted = self->deleted;
  return copy;
}

gboolean
gloss_relation_equal (GlossRelation *a,
                      GlossRelation *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;
  return g_strcmp0 (a->uuid, b->uuid) == 0 &&
         g_strcmp0 (a->type, b->type) == 0 &&
         g_strcmp0 (a->source, b->source) == 0 &&
         g_strcmp0 (a->target, b->target) == 0 &&
         _gloss_attributes_equal (a->attributes, b->attributes) &&
         g_strcmp0 (a->annotator, b->annotator) == 0 &&
         a->document_id == b->document_id &&
         a->created == b->created &&
         a->modified == b->modified &&
         a->deleted == b->deleted;
}

const char *
gloss_relation_get_uuid (GlossRelation *self)
{
  g_return_val_if_fail (GLOSS_IS_RELATION (self), NULL);
  return self->uuid;
}

void
gloss_relation_set_uuid (GlossRelation *self,
                         const char    *uuid)
{
  g_return_if_fail (GLOSS_IS_RELATION (self));
  g_return_if_fail (uuid != NULL);
  g_free (self->uuid);
  self->uuid = g_strdup (uuid);
}

gint64
gloss_relation_get_document_id (GlossRelation *self)
{
  g_return_val_if_fail (GLOSS_IS_RELATION (self), 0);
  return self->document_id;
}

void
gloss_relation_set_document_id (GlossRelation *self,
                                gint64         document_id)
{
  g_return_if_fail (GLOSS_IS_RELATION (self));
  self->document_id = document_id;
}

const char *
gloss_relation_get_relation_type (GlossRelation *self)
{
  g_return_val_if_fail (GLOSS_IS_RELATION (self), NULL);
  return self->type;
}

void
gloss_relation_set_relation_type (GlossRelation *self,
                                  const char    *type)
{
  g_return_if_fail (GLOSS_IS_RELATION (self));
  g_return_if_fail (type != NULL);
  g_free (self->type);
  self->type = g_strdup (type);
}

const char *
gloss_relation_get_source (GlossRelation *self)
{
  g_return_val_if_fail (GLOSS_IS_RELATION (self), NULL);
  return self->source;
}

const char *
gloss_relation_get_target (GlossRelation *self)
{
  g_return_val_if_fail (GLOSS_IS_RELATION (self), NULL);
  return self->target;
}

void
gloss_relation_set_ends (GlossRelation *self,
                         const char    *source_uuid,
                         const char    *target_uuid)
{
  g_return_if_fail (GLOSS_IS_RELATION (self));
  g_return_if_fail (source_uuid != NULL && target_uuid != NULL);
  g_free (self->source);
  g_free (self->target);
  self->source = g_strdup (source_uuid);
  self->target = g_strdup (target_uuid);
}

GVariant *
gloss_relation_get_attribute (GlossRelation *self,
                              const char    *name)
{
  g_return_val_if_fail (GLOSS_IS_RELATION (self), NULL);
  return self->attributes ? g_hash_table_lookup (self->attributes, name) : NULL;
}

void
gloss_relation_set_attribute (GlossRelation *self,
                              const char    *name,
                              GVariant      *value)
{
  g_return_if_fail (GLOSS_IS_RELATION (self));
  g_return_if_fail (name != NULL);
  _gloss_attributes_set (&self->attributes, name, value);
}

GHashTable *
gloss_relation_get_attributes (GlossRelation *self)
{
  g_return_val_if_fail (GLOSS_IS_RELATION (self), NULL);
  return self->attributes;
}

void
gloss_relation_set_attributes (GlossRelation *self,
                               GHashTable    *attributes)
{
  g_return_if_fail (GLOSS_IS_RELATION (self));
  g_clear_pointer (&self->attributes, g_hash_table_unref);
  self->attributes = _gloss_attributes_copy (attributes);
}

const char *
gloss_relation_get_annotator (GlossRelation *self)
{
  g_return_val_if_fail (GLOSS_IS_RELATION (self), NULL);
  return self->annotator;
}

void
gloss_relation_set_annotator (GlossRelation *self,
                              const char    *annotator)
{
  g_return_if_fail (GLOSS_IS_RELATION (self));
  g_free (self->annotator);
  self->annotator = g_strdup (annotator ? annotator : "");
}

gint64
gloss_relation_get_created (GlossRelation *self)
{
  g_return_val_if_fail (GLOSS_IS_RELATION (self), 0);
  return self->created;
}

gint64
gloss_relation_get_modified (GlossRelation *self)
{
  g_return_val_if_fail (GLOSS_IS_RELATION (self), 0);
  return self->modified;
}

void
gloss_relation_set_times (GlossRelation *self,
                          gint64         created,
                          gint64         modified)
{
  g_return_if_fail (GLOSS_IS_RELATION (self));
  self->created = created;
  self->modified = modified;
}

gboolean
gloss_relation_get_deleted (GlossRelation *self)
{
  g_return_val_if_fail (GLOSS_IS_RELATION (self), FALSE);
  return self->deleted;
}

void
gloss_relation_set_deleted (GlossRelation *self,
                            gboolean       deleted)
{
  g_return_if_fail (GLOSS_IS_RELATION (self));
  self->deleted = !!deleted;
}
