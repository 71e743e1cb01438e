/* gloss-annotation-panel.h: the open document's annotations, one row each
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gloss-annotation-list.h"
#include "gloss-document-view.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_ANNOTATION_PANEL (gloss_annotation_panel_get_type ())
G_DECLARE_FINAL_TYPE (GlossAnnotationPanel, gloss_annotation_panel, GLOSS, ANNOTATION_PANEL,
                      GtkWidget)

/* Lists the annotations of a list in its order (a GlossAnnotationRow
 * each, with its covered text, label colour and annotator), or says that
 * there are none. Rows draw again when a label of the list's schema is
 * recoloured.
 *
 * Signals:
 *   "annotation-activated" (const char *uuid): a row was activated. */

GtkWidget           *gloss_annotation_panel_new                 (void);
/* The view whose buffer gives the rows their covered text (borrowed: it
 * must outlive the panel's list, as the window's view does). */
void                 gloss_annotation_panel_set_view            (GlossAnnotationPanel *self,
                                                                 GlossDocumentView    *view);
GlossAnnotationList *gloss_annotation_panel_get_annotation_list (GlossAnnotationPanel *self);
/* @annotations may be NULL: no document open. */
void                 gloss_annotation_panel_set_annotation_list (GlossAnnotationPanel *self,
                                                                 GlossAnnotationList  *annotations);
/* Selects the row of @uuid (NULL: none) and scrolls to it, so that the
 * list follows a selection made in the text: at low priority, after the
 * next frame (the last call wins). */
void                 gloss_annotation_panel_select_annotation   (GlossAnnotationPanel *self,
                                                                 const char           *uuid);

G_END_DECLS
