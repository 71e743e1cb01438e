/* gloss-label.h: GlossLabel, a label of a schema (included by gloss-schema.h)
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gloss-types.h"

G_BEGIN_DECLS

/* ---- GlossLabel */

#define GLOSS_TYPE_LABEL (gloss_label_get_type ())
G_DECLARE_FINAL_TYPE (GlossLabel, gloss_label, GLOSS, LABEL, GObject)

/* Properties: "name", "layer", "color" ("#rrggbb"), "hotkey" (one key name
 * such as "1" or "p", or NULL), "description". All read/write, notify on
 * change. Attribute definitions are a GPtrArray of GlossAttrDef. */
GlossLabel         *gloss_label_new                  (const char   *name,
                                                      const char   *layer,
                                                      const char   *color,
                                                      const char   *hotkey,
                                                      const char   *description);
const char         *gloss_label_get_name             (GlossLabel   *self);
void                gloss_label_set_name             (GlossLabel   *self,
                                                      const char   *name);
const char         *gloss_label_get_layer            (GlossLabel   *self);
void                gloss_label_set_layer            (GlossLabel   *self,
                                                      const char   *layer);
const char         *gloss_label_get_color            (GlossLabel   *self);
void                gloss_label_set_color            (GlossLabel   *self,
                                                      const char   *color);
const char         *gloss_label_get_hotkey           (GlossLabel   *self);
void                gloss_label_set_hotkey           (GlossLabel   *self,
                                                      const char   *hotkey);
const char         *gloss_label_get_description      (GlossLabel   *self);
void                gloss_label_set_description      (GlossLabel   *self,
                                                      const char   *description);
GPtrArray          *gloss_label_get_attributes       (GlossLabel   *self);
/* A duplicate name, or one past the limits, is a programmer error: check
 * first, or use gloss_label_try_add_attribute(). */
void                gloss_label_add_attribute        (GlossLabel   *self,
                                                      GlossAttrDef *def);
/* Refuses a duplicate name, a definition past the name or enum value limits,
 * and an attribute past GLOSS_SCHEMA_MAX_ATTRIBUTES. */
gboolean            gloss_label_try_add_attribute    (GlossLabel    *self,
                                                      GlossAttrDef  *def,
                                                      GError       **error);
GlossAttrDef       *gloss_label_lookup_attribute     (GlossLabel   *self,
                                                      const char   *name);

G_END_DECLS
