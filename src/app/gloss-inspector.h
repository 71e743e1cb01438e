/* gloss-inspector.h: label, attributes, note, normalisation and relations of one annotation
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gloss-annotation-list.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_INSPECTOR (gloss_inspector_get_type ())
G_DECLARE_FINAL_TYPE (GlossInspector, gloss_inspector, GLOSS, INSPECTOR, GtkWidget)

/* Shows the selected annotation of a GlossAnnotationList and edits it: each
 * change (label, one attribute, the note, the normalisation, adding or
 * removing a relation, a relation attribute) is one GlossCommand applied to
 * the list, so it is durable and undoable. Refreshes on "annotation-changed"
 * and "relation-changed"; shows an empty state without an annotation.
 * Failures are shown inline in the inspector.
 *
 * Signals:
 *   "annotation-activated" (const char *uuid): the user activated the other
 *      end of one of the relations (to reveal it in the view). */

GtkWidget           *gloss_inspector_new                 (void);
GlossAnnotationList *gloss_inspector_get_annotation_list (GlossInspector      *self);
/* Clears the shown annotation. */
void                 gloss_inspector_set_annotation_list (GlossInspector      *self,
                                                          GlossAnnotationList *annotations);
const char          *gloss_inspector_get_annotation      (GlossInspector      *self);
/* @uuid: an annotation of the list, or NULL for none. Pending text edits of
 * the previous annotation are committed first. */
void                 gloss_inspector_set_annotation      (GlossInspector      *self,
                                                          const char          *uuid);

G_END_DECLS
