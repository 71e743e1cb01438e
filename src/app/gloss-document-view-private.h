/* gloss-document-view-private.h: display-free helpers of GlossDocumentView, for tests
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-annotation-list.h"

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

G_END_DECLS
