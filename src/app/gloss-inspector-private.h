/* gloss-inspector-private.h: GlossInspector internals for tests
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-inspector.h"

G_BEGIN_DECLS

GtkDropDown *_gloss_inspector_get_label_dropdown     (GlossInspector *self);
GtkTextView *_gloss_inspector_get_note_view          (GlossInspector *self);
GtkEntry    *_gloss_inspector_get_norm_id_entry      (GlossInspector *self);
GtkEntry    *_gloss_inspector_get_norm_name_entry    (GlossInspector *self);
/* The control of an annotation attribute (GtkDropDown, GtkSwitch or
 * GtkEntry), or with @relation_uuid that of a relation attribute. */
GtkWidget   *_gloss_inspector_get_attribute_control  (GlossInspector *self,
                                                      const char     *relation_uuid,
                                                      const char     *name);
/* The remove button of a relation row. */
GtkWidget   *_gloss_inspector_get_remove_button      (GlossInspector *self,
                                                      const char     *relation_uuid);
/* Commits the text fields (as when the focus leaves them). */
void         _gloss_inspector_commit_pending         (GlossInspector *self);
/* What picking @type and then @target_uuid in the "Add Relation" popover
 * does. */
void         _gloss_inspector_add_relation           (GlossInspector *self,
                                                      const char     *type,
                                                      const char     *target_uuid);
/* The shown error, or NULL. */
const char  *_gloss_inspector_get_error              (GlossInspector *self);
/* Runs the pending relation rebuild now. */
void         _gloss_inspector_flush                  (GlossInspector *self);

G_END_DECLS
