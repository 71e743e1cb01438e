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

/* The covered texts, colours and shaped layouts of the annotations the rows
 * of one list showed, kept for when a row is bound to one of them again:
 * the annotation panel owns one for its rows. Reference counted. */
typedef struct _GlossAnnotationRowCache GlossAnnotationRowCache;

GlossAnnotationRowCache *gloss_annotation_row_cache_new        (void);
GlossAnnotationRowCache *gloss_annotation_row_cache_ref        (GlossAnnotationRowCache *cache);
void                     gloss_annotation_row_cache_unref      (GlossAnnotationRowCache *cache);
/* The schema the rows take label colours from when they draw (recolouring
 * a label then needs only a redraw of the rows). */
void                     gloss_annotation_row_cache_set_schema (GlossAnnotationRowCache *cache,
                                                                GlossSchema             *schema);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossAnnotationRowCache, gloss_annotation_row_cache_unref)

/* A row with a cache of its own. */
GtkWidget       *gloss_annotation_row_new            (void);
/* A row sharing @cache (it takes a reference) with the other rows of a list. */
GtkWidget       *gloss_annotation_row_new_with_cache (GlossAnnotationRowCache *cache);
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

G_END_DECLS
