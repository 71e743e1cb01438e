/* gloss-schema-editor-private.h: GlossSchemaEditor internals for tests
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-schema-editor.h"

G_BEGIN_DECLS

typedef enum
{
  GLOSS_SCHEMA_EDITOR_ENTRY_NAME,
  GLOSS_SCHEMA_EDITOR_ENTRY_LAYER,
  GLOSS_SCHEMA_EDITOR_ENTRY_HOTKEY,
  GLOSS_SCHEMA_EDITOR_ENTRY_DESCRIPTION,
  GLOSS_SCHEMA_EDITOR_ENTRY_ATTR_NAME,
  GLOSS_SCHEMA_EDITOR_ENTRY_ATTR_VALUES,
  GLOSS_SCHEMA_EDITOR_ENTRY_NEW_NAME,
  GLOSS_SCHEMA_EDITOR_ENTRY_NEW_LAYER,
  GLOSS_SCHEMA_EDITOR_ENTRY_NEW_HOTKEY,
  GLOSS_SCHEMA_EDITOR_ENTRY_REL_NAME,
  GLOSS_SCHEMA_EDITOR_ENTRY_REL_SOURCES,
  GLOSS_SCHEMA_EDITOR_ENTRY_REL_TARGETS,
} GlossSchemaEditorEntry;

void        _gloss_schema_editor_select_label    (GlossSchemaEditor      *self,
                                                  const char             *name);
const char *_gloss_schema_editor_get_selected    (GlossSchemaEditor      *self);
GtkEntry   *_gloss_schema_editor_get_entry       (GlossSchemaEditor      *self,
                                                  GlossSchemaEditorEntry  which);
/* The inline error of the label page, the add popover or the relation
 * page (NULL when none shows). */
const char *_gloss_schema_editor_get_error       (GlossSchemaEditor      *self);
const char *_gloss_schema_editor_get_add_error   (GlossSchemaEditor      *self);
const char *_gloss_schema_editor_get_rel_error   (GlossSchemaEditor      *self);
/* As the user picking a colour in the colour button. */
void        _gloss_schema_editor_set_color       (GlossSchemaEditor      *self,
                                                  const char             *color);
/* The buttons: add label (the popover's button), add attribute (type 0
 * choice, 1 yes/no, 2 text), add relation type, move, delete. */
void        _gloss_schema_editor_add_label       (GlossSchemaEditor      *self);
void        _gloss_schema_editor_add_attribute   (GlossSchemaEditor      *self,
                                                  guint                   type);
void        _gloss_schema_editor_add_relation_type (GlossSchemaEditor    *self);
void        _gloss_schema_editor_move            (GlossSchemaEditor      *self,
                                                  int                     delta);
void        _gloss_schema_editor_delete          (GlossSchemaEditor      *self);

G_END_DECLS
