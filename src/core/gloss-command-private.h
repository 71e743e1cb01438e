/* gloss-command-private.h
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-change-set-private.h"
#include "gloss-command.h"

G_BEGIN_DECLS

typedef enum
{
  GLOSS_EDIT_CREATE_ANNOTATION,
  GLOSS_EDIT_DELETE_ANNOTATION,
  GLOSS_EDIT_SET_LABEL,
  GLOSS_EDIT_SET_FRAGMENTS,
  GLOSS_EDIT_SET_ATTRIBUTE,
  GLOSS_EDIT_SET_NOTE,
  GLOSS_EDIT_SET_NORMALISATION,
  GLOSS_EDIT_ADD_RELATION,
  GLOSS_EDIT_REMOVE_RELATION,
  GLOSS_EDIT_SET_RELATION_ATTRIBUTE,
  GLOSS_EDIT_SET_DOCUMENT_STATUS,
  GLOSS_EDIT_SET_SUGGESTION_STATE,
} GlossEditKind;

typedef struct
{
  GlossEditKind  kind;
  char          *uuid;       /* target annotation or relation */
  char          *s1;         /* label, attribute name, note, norm id, annotator */
  char          *s2;         /* norm name */
  GVariant      *value;      /* attribute value, nullable */
  GArray        *fragments;  /* GlossFragment */
  GObject       *object;     /* GlossAnnotation or GlossRelation to create */
  int            status;
} GlossEdit;

GPtrArray   *_gloss_command_get_edits    (GlossCommand *self);
GPtrArray   *_gloss_command_get_changes  (GlossCommand *self);
void         _gloss_command_set_applied  (GlossCommand *self,
                                          GPtrArray    *changes);

G_END_DECLS
