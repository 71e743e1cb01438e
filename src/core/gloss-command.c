/* gloss-command.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include "gloss-annotation.h"
#include "gloss-command-private.h"
#include "gloss-relation.h"

struct _GlossCommand
{
  GObject    parent_instance;

  char      *description;  /* owned */
  GPtrArray *edits;        /* owned, GlossEdit */
  GPtrArray *changes;      /* owned, GlossChange, set when applied */
};

G_DEFINE_FINAL_TYPE (GlossCommand, gloss_command, G_TYPE_OBJECT)
G_DEFINE_QUARK (gloss-command-error-quark, gloss_command_error)

static void
edit_free (GlossEdit *edit)
{
  g_free (edit->uuid);
  g_free (edit->s1);
  g_free (edit->s2);
  g_clear_pointer (&edit->value, g_variant_unref);
  g_clear_pointer (&edit->fragments, g_array_unref);
  g_clear_object (&edit->object);
  g_free (edit);
}

static void
gloss_command_finalize (GObject *object)
{
  GlossCommand *self = (GlossCommand *) object;

  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->edits, g_ptr_array_unref);
  g_clear_pointer (&self->changes, g_ptr_array_unref);

  G_OBJECT_CLASS (gloss_command_parent_class)->finalize (object);
}

static void
gloss_command_class_init (GlossCommandClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gloss_command_finalize;
}

static void
gloss_command_init (GlossCommand *self)
{
  self->edits = g_ptr_array_new_with_free_func ((GDestroyNotify) edit_free);
}

GlossCommand *
gloss_command_new (const char *description)
{
  GlossCommand *self = g_object_new (GLOSS_TYPE_COMMAND, NULL);

  self->description = g_strdup (description ? description : "");
  return self;
}

const char *
gloss_command_get_description (GlossCommand *self)
{
  g_return_val_if_fail (GLOSS_IS_COMMAND (self), NULL);
  return self->description;
}

guint
gloss_command_get_n_edits (GlossCommand *self)
{
  g_return_val_if_fail (GLOSS_IS_COMMAND (self), 0);
  return self->edits->len;
}

gboolean
gloss_command_is_applied (GlossCommand *self)
{
  g_return_val_if_fail (GLOSS_IS_COMMAND (self), FALSE);
  return self->changes != NULL;
}

static GlossEdit *
add_edit (GlossCommand  *self,
          GlossEditKind  kind,
          const char    *uuid)
{
  GlossEdit *edit = g_new0 (GlossEdit, 1);

  edit->kind = kind;
  edit->uuid = g_strdup (uuid);
  g_ptr_array_add (self->edits, edit);
  return edit;
}

#define CHECK_NEW(self) \
  g_return_val_if_fail (GLOSS_IS_COMMAND (self), self); \
  g_return_val_if_fail (self->changes == NULL, self)

GlossCommand *
gloss_command_create_annotation (GlossCommand    *self,
                                 GlossAnnotation *annotation)
{
  GlossEdit *edit;

  CHECK_NEW (self);
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (annotation), self);

  edit = add_edit (self, GLOSS_EDIT_CREATE_ANNOTATION, gloss_annotation_get_uuid (annotation));
  edit->object = G_OBJECT (gloss_annotation_copy (annotation));
  return self;
}

GlossCommand *
gloss_command_delete_annotation (GlossCommand *self,
                                 const char   *uuid)
{
  CHECK_NEW (self);
  g_return_val_if_fail (uuid != NULL, self);
  add_edit (self, GLOSS_EDIT_DELETE_ANNOTATION, uuid);
  return self;
}

GlossCommand *
gloss_command_set_label (GlossCommand *self,
                         const char   *uuid,
                         const char   *label)
{
  CHECK_NEW (self);
  g_return_val_if_fail (uuid != NULL && label != NULL, self);
  add_edit (self, GLOSS_EDIT_SET_LABEL, uuid)->s1 = g_strdup (label);
  return self;
}

GlossCommand *
gloss_command_set_fragments (GlossCommand        *self,
                             const char          *uuid,
                             const GlossFragment *fragments,
                             guint                n_fragments)
{
  GlossEdit *edit;

  CHECK_NEW (self);
  g_return_val_if_fail (uuid != NULL, self);
  g_return_val_if_fail (n_fragments == 0 || fragments != NULL, self);

  edit = add_edit (self, GLOSS_EDIT_SET_FRAGMENTS, uuid);
  edit->fragments = g_array_sized_new (FALSE, FALSE, sizeof (GlossFragment), n_fragments);
  g_array_append_vals (edit->fragments, fragments, n_fragments);
  return self;
}

GlossCommand *
gloss_command_set_attribute (GlossCommand *self,
                             const char   *uuid,
                             const char   *name,
                             GVariant     *value)
{
  GlossEdit *edit;

  CHECK_NEW (self);
  g_return_val_if_fail (uuid != NULL && name != NULL, self);
  edit = add_edit (self, GLOSS_EDIT_SET_ATTRIBUTE, uuid);
  edit->s1 = g_strdup (name);
  edit->value = value ? g_variant_ref_sink (value) : NULL;
  return self;
}

GlossCommand *
gloss_command_set_note (GlossCommand *self,
                        const char   *uuid,
                        const char   *note)
{
  CHECK_NEW (self);
  g_return_val_if_fail (uuid != NULL, self);
  add_edit (self, GLOSS_EDIT_SET_NOTE, uuid)->s1 = g_strdup (note);
  return self;
}

GlossCommand *
gloss_command_set_normalisation (GlossCommand *self,
                                 const char   *uuid,
                                 const char   *norm_id,
                                 const char   *norm_name)
{
  GlossEdit *edit;

  CHECK_NEW (self);
  g_return_val_if_fail (uuid != NULL, self);
  edit = add_edit (self, GLOSS_EDIT_SET_NORMALISATION, uuid);
  edit->s1 = g_strdup (norm_id);
  edit->s2 = g_strdup (norm_name);
  return self;
}

GlossCommand *
gloss_command_add_relation (GlossCommand  *self,
                            GlossRelation *relation)
{
  GlossEdit *edit;

  CHECK_NEW (self);
  g_return_val_if_fail (GLOSS_IS_RELATION (relation), self);
  edit = add_edit (self, GLOSS_EDIT_ADD_RELATION, gloss_relation_get_uuid (relation));
  edit->object = G_OBJECT (gloss_relation_copy (relation));
  return self;
}

GlossCommand *
gloss_command_remove_relation (GlossCommand *self,
                               const char   *uuid)
{
  CHECK_NEW (self);
  g_return_val_if_fail (uuid != NULL, self);
  add_edit (self, GLOSS_EDIT_REMOVE_RELATION, uuid);
  return self;
}

GlossCommand *
gloss_command_set_relation_attribute (GlossCommand *self,
                                      const char   *uuid,
                                      const char   *name,
                                      GVariant     *value)
{
  GlossEdit *edit;

  CHECK_NEW (self);
  g_return_val_if_fail (uuid != NULL && name != NULL, self);
  edit = add_edit (self, GLOSS_EDIT_SET_RELATION_ATTRIBUTE, uuid);
  edit->s1 = g_strdup (name);
  edit->value = value ? g_variant_ref_sink (value) : NULL;
  return self;
}

GlossCommand *
gloss_command_set_document_status (GlossCommand        *self,
                                   const char          *annotator,
                                   GlossDocumentStatus  status)
{
  GlossEdit *edit;

  CHECK_NEW (self);
  g_return_val_if_fail (status <= GLOSS_DOCUMENT_STATUS_DONE, self);
  edit = add_edit (self, GLOSS_EDIT_SET_DOCUMENT_STATUS, NULL);
  edit->s1 = g_strdup (annotator);
  edit->status = status;
  return self;
}

GlossCommand *
gloss_command_set_suggestion_state (GlossCommand *self,
                                    const char   *id,
                                    int           state)
{
  CHECK_NEW (self);
  g_return_val_if_fail (id != NULL, self);
  add_edit (self, GLOSS_EDIT_SET_SUGGESTION_STATE, id)->status = state;
  return self;
}

GPtrArray *
_gloss_command_get_edits (GlossCommand *self)
{
  return self->edits;
}

GPtrArray *
_gloss_command_get_changes (GlossCommand *self)
{
  return self->changes;
}

void
_gloss_command_set_applied (GlossCommand *self,
                            GPtrArray    *changes)
{
  g_assert (self->changes == NULL);
  self->changes = changes;
}
