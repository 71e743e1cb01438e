/* gloss-identity-private.h: the fields every stored value object carries
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-annotation.h"
#include "gloss-relation.h"
#include "gloss-util-private.h"

G_BEGIN_DECLS

/* Identity, provenance and attributes of a GlossAnnotation or a
 * GlossRelation: embedded in both instance structs, so that the store and
 * the two types share one implementation. */
typedef struct
{
  char       *uuid;         /* owned */
  char       *annotator;    /* owned, "" when unknown */
  GHashTable *attributes;   /* owned, NULL when empty */
  gint64      document_id;
  gint64      created;
  gint64      modified;
  gboolean    deleted;
} GlossIdentity;

/* A fresh identity: random uuid, created and modified now. */
void           _gloss_identity_init_new       (GlossIdentity       *id,
                                               const char          *annotator);
void           _gloss_identity_clear          (GlossIdentity       *id);
/* @dest must be cleared (all zero). */
void           _gloss_identity_copy           (GlossIdentity       *dest,
                                               const GlossIdentity *src);
gboolean       _gloss_identity_equal          (const GlossIdentity *a,
                                               const GlossIdentity *b);
void           _gloss_identity_set_uuid       (GlossIdentity       *id,
                                               const char          *uuid);
void           _gloss_identity_set_annotator  (GlossIdentity       *id,
                                               const char          *annotator);
/* Copies @attributes (NULL or empty clear them). */
void           _gloss_identity_set_attributes (GlossIdentity       *id,
                                               GHashTable          *attributes);

GlossIdentity *_gloss_annotation_get_identity (GlossAnnotation     *self);
GlossIdentity *_gloss_relation_get_identity   (GlossRelation       *self);

/* Defines the public accessors of the identity fields for a type whose
 * instance struct has a GlossIdentity member named "identity":
 * get/set_uuid, get/set_document_id, get/set_attribute, get/set_attributes,
 * get/set_annotator, get_created, get_modified, set_times and
 * get/set_deleted. @TypeName is the instance type, @type_name the function
 * prefix and @IS_TYPE its type check macro. */
#define GLOSS_DEFINE_IDENTITY_ACCESSORS(TypeName, type_name, IS_TYPE)                       \
const char *                                                                                \
type_name##_get_uuid (TypeName *self)                                                       \
{                                                                                           \
  g_return_val_if_fail (IS_TYPE (self), NULL);                                              \
  return self->identity.uuid;                                                               \
}                                                                                           \
                                                                                            \
void                                                                                        \
type_name##_set_uuid (TypeName   *self,                                                     \
                      const char *uuid)                                                     \
{                                                                                           \
  g_return_if_fail (IS_TYPE (self));                                                        \
  g_return_if_fail (uuid != NULL);                                                          \
  _gloss_identity_set_uuid (&self->identity, uuid);                                         \
}                                                                                           \
                                                                                            \
gint64                                                                                      \
type_name##_get_document_id (TypeName *self)                                                \
{                                                                                           \
  g_return_val_if_fail (IS_TYPE (self), 0);                                                 \
  return self->identity.document_id;                                                        \
}                                                                                           \
                                                                                            \
void                                                                                        \
type_name##_set_document_id (TypeName *self,                                                \
                             gint64    document_id)                                         \
{                                                                                           \
  g_return_if_fail (IS_TYPE (self));                                                        \
  self->identity.document_id = document_id;                                                 \
}                                                                                           \
                                                                                            \
GVariant *                                                                                  \
type_name##_get_attribute (TypeName   *self,                                                \
                           const char *name)                                                \
{                                                                                           \
  g_return_val_if_fail (IS_TYPE (self), NULL);                                              \
  return self->identity.attributes ? g_hash_table_lookup (self->identity.attributes, name)  \
                                   : NULL;                                                  \
}                                                                                           \
                                                                                            \
void                                                                                        \
type_name##_set_attribute (TypeName   *self,                                                \
                           const char *name,                                                \
                           GVariant   *value)                                               \
{                                                                                           \
  g_return_if_fail (IS_TYPE (self));                                                        \
  g_return_if_fail (name != NULL);                                                          \
  _gloss_attributes_set (&self->identity.attributes, name, value);                         \
}                                                                                           \
                                                                                            \
GHashTable *                                                                                \
type_name##_get_attributes (TypeName *self)                                                 \
{                                                                                           \
  g_return_val_if_fail (IS_TYPE (self), NULL);                                              \
  return self->identity.attributes;                                                         \
}                                                                                           \
                                                                                            \
void                                                                                        \
type_name##_set_attributes (TypeName   *self,                                               \
                            GHashTable *attributes)                                         \
{                                                                                           \
  g_return_if_fail (IS_TYPE (self));                                                        \
  _gloss_identity_set_attributes (&self->identity, attributes);                             \
}                                                                                           \
                                                                                            \
const char *                                                                                \
type_name##_get_annotator (TypeName *self)                                                  \
{                                                                                           \
  g_return_val_if_fail (IS_TYPE (self), NULL);                                              \
  return self->identity.annotator;                                                          \
}                                                                                           \
                                                                                            \
void                                                                                        \
type_name##_set_annotator (TypeName   *self,                                                \
                           const char *annotator)                                           \
{                                                                                           \
  g_return_if_fail (IS_TYPE (self));                                                        \
  _gloss_identity_set_annotator (&self->identity, annotator);                               \
}                                                                                           \
                                                                                            \
gint64                                                                                      \
type_name##_get_created (TypeName *self)                                                    \
{                                                                                           \
  g_return_val_if_fail (IS_TYPE (self), 0);                                                 \
  return self->identity.created;                                                            \
}                                                                                           \
                                                                                            \
gint64                                                                                      \
type_name##_get_modified (TypeName *self)                                                   \
{                                                                                           \
  g_return_val_if_fail (IS_TYPE (self), 0);                                                 \
  return self->identity.modified;                                                           \
}                                                                                           \
                                                                                            \
void                                                                                        \
type_name##_set_times (TypeName *self,                                                      \
                       gint64    created,                                                   \
                       gint64    modified)                                                  \
{                                                                                           \
  g_return_if_fail (IS_TYPE (self));                                                        \
  self->identity.created = created;                                                         \
  self->identity.modified = modified;                                                       \
}                                                                                           \
                                                                                            \
gboolean                                                                                    \
type_name##_get_deleted (TypeName *self)                                                    \
{                                                                                           \
  g_return_val_if_fail (IS_TYPE (self), FALSE);                                             \
  return self->identity.deleted;                                                            \
}                                                                                           \
                                                                                            \
void                                                                                        \
type_name##_set_deleted (TypeName *self,                                                    \
                         gboolean  deleted)                                                 \
{                                                                                           \
  g_return_if_fail (IS_TYPE (self));                                                        \
  self->identity.deleted = !!deleted;                                                       \
}                                                                                           \
                                                                                            \
GlossIdentity *                                                                             \
_##type_name##_get_identity (TypeName *self)                                                \
{                                                                                           \
  return &self->identity;                                                                   \
}

G_END_DECLS
