/* gloss-relation.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include "gloss-relation.h"
#include "gloss-identity-private.h"

struct _GlossRelation
{
  GObject        parent_instance;

  GlossIdentity  identity;
  char          *type;         /* owned */
  char          *source;       /* owned: annotation uuid */
  char          *target;       /* owned: annotation uuid */
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

  _gloss_identity_clear (&self->identity);
  g_clear_pointer (&self->type, g_free);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->target, g_free);

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
      g_value_set_string (value, self->identity.uuid);
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
  _gloss_identity_init_new (&self->identity, annotator);
  self->type = g_strdup (type);
  self->source = g_strdup (source_uuid);
  self->target = g_strdup (target_uuid);
  return self;
}

GlossRelation *
gloss_relation_copy (GlossRelation *self)
{
  GlossRelation *copy;

  g_return_val_if_fail (GLOSS_IS_RELATION (self), NULL);

  copy = g_object_new (GLOSS_TYPE_RELATION, NULL);
  _gloss_identity_copy (&copy->identity, &self->identity);
  copy->type = g_strdup (self->type);
  copy->source = g_strdup (self->source);
  copy->target = g_strdup (self->target);
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
  return _gloss_identity_equal (&a->identity, &b->identity) &&
         g_strcmp0 (a->type, b->type) == 0 &&
         g_strcmp0 (a->source, b->source) == 0 &&
         g_strcmp0 (a->target, b->target) == 0;
}

GLOSS_DEFINE_IDENTITY_ACCESSORS (GlossRelation, gloss_relation, GLOSS_IS_RELATION)

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
