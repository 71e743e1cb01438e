/* gloss-relation.h: a typed link between two annotations
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-types.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_RELATION (gloss_relation_get_type ())
G_DECLARE_FINAL_TYPE (GlossRelation, gloss_relation, GLOSS, RELATION, GObject)

/* A value object like GlossAnnotation: snapshots, changed only by commands. */

GlossRelation *gloss_relation_new               (const char    *type,
                                                 const char    *source_uuid,
                                                 const char    *target_uuid,
                                                 const char    *annotator);
GlossRelation *gloss_relation_copy              (GlossRelation *self);
gboolean       gloss_relation_equal             (GlossRelation *a,
                                                 GlossRelation *b);
const char    *gloss_relation_get_uuid          (GlossRelation *self);
void           gloss_relation_set_uuid          (GlossRelation *self,
                                                 const char    *uuid);
gint64         gloss_relation_get_document_id   (GlossRelation *self);
void           gloss_relation_set_document_id   (GlossRelation *self,
                                                 gint64         document_id);
const char    *gloss_relation_get_relation_type (GlossRelation *self);
void           gloss_relation_set_relation_type (GlossRelation *self,
                                                 const char    *type);
const char    *gloss_relation_get_source        (GlossRelation *self);
const char    *gloss_relation_get_target        (GlossRelation *self);
void           gloss_relation_set_ends          (GlossRelation *self,
                                                 const char    *source_uuid,
                                                 const char    *target_uuid);
GVariant      *gloss_relation_get_attribute     (GlossRelation *self,
                                                 const char    *name);
void           gloss_relation_set_attribute     (GlossRelation *self,
                                                 const char    *name,
                                                 GVariant      *value);
GHashTable    *gloss_relation_get_attributes    (GlossRelation *self);
void           gloss_relation_set_attributes    (GlossRelation *self,
                                                 GHashTable    *attributes);
const char    *gloss_relation_get_annotator     (GlossRelation *self);
void           gloss_relation_set_annotator     (GlossRelation *self,
                                                 const char    *annotator);
gint64         gloss_relation_get_created       (GlossRelation *self);
gint64         gloss_relation_get_modified      (GlossRelation *self);
void           gloss_relation_set_times         (GlossRelation *self,
                                                 gint64         created,
                                                 gint64         modified);
gboolean       gloss_relation_get_deleted       (GlossRelation *self);
void           gloss_relation_set_deleted       (GlossRelation *self,
                                                 gboolean       deleted);

G_END_DECLS
