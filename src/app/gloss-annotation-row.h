/* gloss-annotation-row.h: a row of the annotation panel
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gloss-annotation.h"
#include "gloss-schema.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_ANNOTATION_ROW (gloss_annotation_row_get_type ())
G_DECLARE_FINAL_TYPE (GlossAnnotationRow, gloss_annotation_row, GLOSS, ANNOTATION_ROW, GtkWidget)

GtkWidget       *gloss_annotation_row_new            (void);
GlossAnnotation *gloss_annotation_row_get_annotation (GlossAnnotationRow *self);
/* @schema gives the label colour; @text is the document text (for the
 * covered text). Either may be NULL. */
void             gloss_annotation_row_set_annotation (GlossAnnotationRow *self,
                                                      GlossAnnotation    *annotation,
                                                      GlossSchema        *schema,
                                                      const char         *text);
/* The same with the covered text given, so that the caller can take it
 * from where any offset is cheap to reach (a GtkTextBuffer): finding it in
 * the UTF-8 text walks from the start. */
void             gloss_annotation_row_set_annotation_with_text (GlossAnnotationRow *self,
                                                                GlossAnnotation    *annotation,
                                                                GlossSchema        *schema,
                                                                const char         *covered);

/* Shows @annotation when a row showed it before (its text, colour and
 * shaped layouts are kept): returns FALSE, and changes nothing, when not. */
gboolean         gloss_annotation_row_set_annotation_cached (GlossAnnotationRow *self,
                                                             GlossAnnotation    *annotation);
/* The schema rows take label colours from when they draw (recolouring a
 * label then needs only a redraw of the rows). */
void             gloss_annotation_row_set_schema     (GlossSchema        *schema);

G_END_DECLS
