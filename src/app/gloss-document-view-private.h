/* gloss-document-view-private.h: display-free helpers of GlossDocumentView, for tests
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gloss-annotation-list.h"
#include "gloss-document-view.h"

G_BEGIN_DECLS

/* One range to tag: [start, end) in code points with the label's tag. */
typedef struct
{
  const char *label;  /* borrowed from the annotation, valid while the list is unchanged */
  guint       start;
  guint       end;
} GlossTagRange;

/* The ranges to tag so that [start, end) shows exactly the model: every
 * fragment of every live annotation overlapping the range, clipped to it,
 * sorted by (label, start). Returns a new array of GlossTagRange (owned). */
GPtrArray *_gloss_document_view_compute_tag_ranges (GlossAnnotationList *annotations,
                                                    guint                start,
                                                    guint                end);
/* The range to re-tag after "annotation-changed" (old, new): the hull of the
 * fragments of both. Either may be NULL. FALSE when both are NULL. */
gboolean   _gloss_document_view_changed_range      (GlossAnnotation     *old_annotation,
                                                    GlossAnnotation     *new_annotation,
                                                    guint               *start,
                                                    guint               *end);
/* TRUE when the label's layer is drawn with an underline, not a background. */
gboolean   _gloss_document_view_layer_is_underlined (const char         *layer);

/* What the view's key controller (capture phase) does with a key press:
 * TRUE when the key was used. */
gboolean       _gloss_document_view_handle_key   (GlossDocumentView   *self,
                                                  guint                keyval,
                                                  GdkModifierType      state);

/* The uuids of the annotations whose chips the last frame drew (new
 * array of owned strings), in drawing order. */
GPtrArray     *_gloss_document_view_dup_chip_uuids (GlossDocumentView *self);

G_END_DECLS
