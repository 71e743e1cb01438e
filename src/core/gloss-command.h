/* gloss-command.h: every edit is a command
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-types.h"

G_BEGIN_DECLS

#define GLOSS_COMMAND_ERROR (gloss_command_error_quark ())

typedef enum
{
  GLOSS_COMMAND_ERROR_NOT_FOUND,     /* no such annotation or relation */
  GLOSS_COMMAND_ERROR_EXISTS,        /* creating an annotation or relation twice */
  GLOSS_COMMAND_ERROR_INVALID,       /* fragments out of the text, empty, unknown label... */
  GLOSS_COMMAND_ERROR_NOT_ALLOWED,   /* schema refuses the attribute value or relation */
  GLOSS_COMMAND_ERROR_EMPTY,         /* nothing to undo / redo, or an empty command */
} GlossCommandError;

GQuark gloss_command_error_quark (void);

#define GLOSS_TYPE_COMMAND (gloss_command_get_type ())
G_DECLARE_FINAL_TYPE (GlossCommand, gloss_command, GLOSS, COMMAND, GObject)

/* A command is a list of edits of one document, made as one step: applied
 * in one transaction through gloss_annotation_list_apply(), which resolves
 * each edit against the state left by the previous ones, records the exact
 * before and after rows, pushes the command on the document's undo stack
 * and emits the model's change signals. A command is applied once; undo
 * and redo replay the recorded rows. Edits are stamped with the time of
 * applying and the @annotator given to the list (see
 * gloss_annotation_list_set_annotator()) unless they carry their own. */

GlossCommand *gloss_command_new                     (const char          *description);
const char   *gloss_command_get_description         (GlossCommand        *self);
guint         gloss_command_get_n_edits             (GlossCommand        *self);
gboolean      gloss_command_is_applied              (GlossCommand        *self);

/* Edits. Each adds one edit to @self and returns @self for chaining.
 * @annotation is copied: its uuid, label, fragments, attributes, note,
 * normalisation and annotator are used; times are set when applied. */
GlossCommand *gloss_command_create_annotation       (GlossCommand        *self,
                                                     GlossAnnotation     *annotation);
/* Deletes (tombstones) the annotation and every live relation touching it. */
GlossCommand *gloss_command_delete_annotation       (GlossCommand        *self,
                                                     const char          *uuid);
GlossCommand *gloss_command_set_label               (GlossCommand        *self,
                                                     const char          *uuid,
                                                     const char          *label);
GlossCommand *gloss_command_set_fragments           (GlossCommand        *self,
                                                     const char          *uuid,
                                                     const GlossFragment *fragments,
                                                     guint                n_fragments);
/* @value NULL unsets the attribute. */
GlossCommand *gloss_command_set_attribute           (GlossCommand        *self,
                                                     const char          *uuid,
                                                     const char          *name,
                                                     GVariant            *value);
GlossCommand *gloss_command_set_note                (GlossCommand        *self,
                                                     const char          *uuid,
                                                     const char          *note);
GlossCommand *gloss_command_set_normalisation       (GlossCommand        *self,
                                                     const char          *uuid,
                                                     const char          *norm_id,
                                                     const char          *norm_name);
/* @relation is copied (uuid, type, ends, attributes, annotator). */
GlossCommand *gloss_command_add_relation            (GlossCommand        *self,
                                                     GlossRelation       *relation);
GlossCommand *gloss_command_remove_relation         (GlossCommand        *self,
                                                     const char          *uuid);
GlossCommand *gloss_command_set_relation_attribute  (GlossCommand        *self,
                                                     const char          *uuid,
                                                     const char          *name,
                                                     GVariant            *value);
/* @annotator NULL = the list's annotator. */
GlossCommand *gloss_command_set_document_status     (GlossCommand        *self,
                                                     const char          *annotator,
                                                     GlossDocumentStatus  status);
/* The state (a GlossSuggestionState) of the document's kept suggestion
 * @id: a rejection is an edit like any other, undone with it. */
GlossCommand *gloss_command_set_suggestion_state    (GlossCommand        *self,
                                                     const char          *id,
                                                     int                  state);

G_END_DECLS
