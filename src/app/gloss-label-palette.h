/* gloss-label-palette.h: the schema's labels by layer, with colours, hotkeys and counts
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gloss-annotation-list.h"
#include "gloss-schema.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_LABEL_PALETTE (gloss_label_palette_get_type ())
G_DECLARE_FINAL_TYPE (GlossLabelPalette, gloss_label_palette, GLOSS, LABEL_PALETTE, GtkWidget)

/* Shows the labels of the schema grouped by layer, each with its colour,
 * name, hotkey and the number of annotations with that label in the current
 * document, kept live from the list's "annotation-changed". Rebuilt when the
 * schema emits "changed".
 *
 * Signals:
 *   "label-activated" (const char *label): the user picked a label (click,
 *      Enter or Space on it). */

GtkWidget           *gloss_label_palette_new                 (void);
GlossSchema         *gloss_label_palette_get_schema          (GlossLabelPalette   *self);
void                 gloss_label_palette_set_schema          (GlossLabelPalette   *self,
                                                              GlossSchema         *schema);
GlossAnnotationList *gloss_label_palette_get_annotation_list (GlossLabelPalette   *self);
/* Also sets the schema to the list's schema when @annotations is not NULL. */
void                 gloss_label_palette_set_annotation_list (GlossLabelPalette   *self,
                                                              GlossAnnotationList *annotations);
/* The count shown for @label (0 without a list). */
guint                gloss_label_palette_get_count           (GlossLabelPalette   *self,
                                                              const char          *label);

G_END_DECLS
