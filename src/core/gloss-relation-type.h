/* gloss-relation-type.h: GlossRelationType, a relation type (included by gloss-schema.h)
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gloss-types.h"

G_BEGIN_DECLS

/* ---- GlossRelationType */

#define GLOSS_TYPE_RELATION_TYPE (gloss_relation_type_get_type ())
G_DECLARE_FINAL_TYPE (GlossRelationType, gloss_relation_type, GLOSS, RELATION_TYPE, GObject)

/* @sources/@targets: label names allowed at each end; NULL or empty = any label. */
GlossRelationType  *gloss_relation_type_new          (const char         *name,
                                                      const char         *description,
                                                      const char * const *sources,
                                                      const char * const *targets);
const char         *gloss_relation_type_get_name     (GlossRelationType  *self);
const char         *gloss_relation_type_get_description (GlossRelationType *self);
const char * const *gloss_relation_type_get_sources  (GlossRelationType  *self);
const char * const *gloss_relation_type_get_targets  (GlossRelationType  *self);
gboolean            gloss_relation_type_allows       (GlossRelationType  *self,
                                                      const char         *source_label,
                                                      const char         *target_label);
GPtrArray          *gloss_relation_type_get_attributes (GlossRelationType *self);
/* As gloss_label_add_attribute(). */
void                gloss_relation_type_add_attribute (GlossRelationType *self,
                                                       GlossAttrDef      *def);
gboolean            gloss_relation_type_try_add_attribute (GlossRelationType  *self,
                                                           GlossAttrDef       *def,
                                                           GError            **error);
GlossAttrDef       *gloss_relation_type_lookup_attribute (GlossRelationType *self,
                                                          const char        *name);

G_END_DECLS
