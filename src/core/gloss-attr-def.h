/* gloss-attr-def.h: GlossAttrDef, an attribute definition (included by gloss-schema.h)
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gloss-types.h"

G_BEGIN_DECLS

/* ---- GlossAttrDef: a boxed, reference-counted, immutable attribute definition */

#define GLOSS_TYPE_ATTR_DEF (gloss_attr_def_get_type ())
GType               gloss_attr_def_get_type          (void) G_GNUC_CONST;
/* @values: for ENUM the allowed values (NULL-terminated); ignored otherwise.
 * @default_value: may be NULL (no default). */
GlossAttrDef       *gloss_attr_def_new               (const char         *name,
                                                      GlossAttrType       type,
                                                      const char * const *values,
                                                      GVariant           *default_value);
GlossAttrDef       *gloss_attr_def_ref               (GlossAttrDef       *def);
void                gloss_attr_def_unref             (GlossAttrDef       *def);
const char         *gloss_attr_def_get_name          (GlossAttrDef       *def);
GlossAttrType       gloss_attr_def_get_attr_type     (GlossAttrDef       *def);
const char * const *gloss_attr_def_get_values        (GlossAttrDef       *def);
GVariant           *gloss_attr_def_get_default_value (GlossAttrDef       *def);
/* Same name, type, values and default. */
gboolean            gloss_attr_def_equal             (GlossAttrDef       *a,
                                                      GlossAttrDef       *b);
/* TRUE when @value fits: ENUM = a string among the values, BOOLEAN = a
 * boolean, TEXT = a string. */
gboolean            gloss_attr_def_check_value       (GlossAttrDef       *def,
                                                      GVariant           *value,
                                                      GError            **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossAttrDef, gloss_attr_def_unref)

G_END_DECLS
