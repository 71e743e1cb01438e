/* gloss-identity.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include "gloss-identity-private.h"

void
_gloss_identity_init_new (GlossIdentity *id,
                          const char    *annotator)
{
  id->uuid = _gloss_uuid_string_random ();
  id->annotator = g_strdup (annotator ? annotator : "");
  id->created = id->modified = g_get_real_time ();
}

void
_gloss_identity_clear (GlossIdentity *id)
{
  g_clear_pointer (&id->uuid, g_free);
  g_clear_pointer (&id->annotator, g_free);
  g_clear_pointer (&id->attributes, g_hash_table_unref);
}

void
_gloss_identity_copy (GlossIdentity       *dest,
                      const GlossIdentity *src)
{
  dest->uuid = g_strdup (src->uuid);
  dest->annotator = g_strdup (src->annotator);
  dest->attributes = _gloss_attributes_copy (src->attributes);
  dest->document_id = src->document_id;
  dest->created = src->created;
  dest->modified = src->modified;
  dest->deleted = src->deleted;
}

gboolean
_gloss_identity_equal (const GlossIdentity *a,
                       const GlossIdentity *b)
{
  return g_strcmp0 (a->uuid, b->uuid) == 0 &&
         g_strcmp0 (a->annotator, b->annotator) == 0 &&
         a->document_id == b->document_id &&
         a->created == b->created &&
         a->modified == b->modified &&
         a->deleted == b->deleted &&
         _gloss_attributes_equal (a->attributes, b->attributes);
}

void
_gloss_identity_set_uuid (GlossIdentity *id,
                          const char    *uuid)
{
  g_free (id->uuid);
  id->uuid = g_strdup (uuid);
}

void
_gloss_identity_set_annotator (GlossIdentity *id,
                               const char    *annotator)
{
  g_free (id->annotator);
  id->annotator = g_strdup (annotator ? annotator : "");
}

void
_gloss_identity_set_attributes (GlossIdentity *id,
                                GHashTable    *attributes)
{
  g_clear_pointer (&id->attributes, g_hash_table_unref);
  id->attributes = _gloss_attributes_copy (attributes);
}
