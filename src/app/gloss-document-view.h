/* gloss-document-view.h: a read-only GtkTextView showing one document and its annotations
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gloss-annotation-list.h"
#include "gloss-document.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_DOCUMENT_VIEW (gloss_document_view_get_type ())
G_DECLARE_FINAL_TYPE (GlossDocumentView, gloss_document_view, GLOSS, DOCUMENT_VIEW, GtkTextView)

/* The view projects the model onto one GtkTextTag per schema label, named
 * "label:<NAME>" (see gloss_document_view_dup_tag_name()), re-tagging only
 * the range an "annotation-changed" touched. Tags are never the source of
 * truth. Label chips are drawn above each annotation's start for the
 * visible rectangle only. */

GtkWidget           *gloss_document_view_new             (void);
void                 gloss_document_view_set_document    (GlossDocumentView   *self,
                                                          GlossDocument       *document,
                                                          GlossAnnotationList *annotations);
GlossDocument       *gloss_document_view_get_document    (GlossDocumentView   *self);
GlossAnnotationList *gloss_document_view_get_annotations (GlossDocumentView   *self);
/* Sets the text font from a Pango font description string. */
void                 gloss_document_view_set_font        (GlossDocumentView   *self,
                                                          const char          *font);
/* Scrolls to the annotation and selects its text (first to last fragment). */
void                 gloss_document_view_reveal_annotation (GlossDocumentView *self,
                                                            GlossAnnotation   *annotation);
char                *gloss_document_view_dup_tag_name    (const char          *label);

G_END_DECLS
