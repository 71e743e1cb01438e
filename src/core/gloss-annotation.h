/* gloss-annotation.h: one labelled span (possibly discontinuous)
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-types.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_ANNOTATION (gloss_annotation_get_type ())
G_DECLARE_FINAL_TYPE (GlossAnnotation, gloss_annotation, GLOSS, ANNOTATION, GObject)

/* An annotation is a value: the objects a GlossAnnotationList hands out are
 * snapshots of the stored row and are never changed in place. Every change
 * goes through a GlossCommand, which stores a new snapshot and replaces the
 * old one in the list (items-changed). Setters are for building new
 * annotations and for the commands themselves.
 *
 * Fragments are kept sorted by (start, end); each has start < end, in code
 * points of the document text. */

GlossAnnotation     *gloss_annotation_new               (const char          *label,
                                                         const GlossFragment *fragments,
                                                         guint                n_fragments,
                                                         const char          *annotator);
GlossAnnotation     *gloss_annotation_new_span          (const char          *label,
                                                         guint                start,
                                                         guint                end,
                                                         const char          *annotator);
GlossAnnotation     *gloss_annotation_copy              (GlossAnnotation     *self);
gboolean             gloss_annotation_equal             (GlossAnnotation     *a,
                                                         GlossAnnotation     *b);
int                  gloss_annotation_compare           (GlossAnnotation     *a,
                                                         GlossAnnotation     *b);

const char          *gloss_annotation_get_uuid          (GlossAnnotation     *self);
void                 gloss_annotation_set_uuid          (GlossAnnotation     *self,
                                                         const char          *uuid);
gint64               gloss_annotation_get_document_id   (GlossAnnotation     *self);
void                 gloss_annotation_set_document_id   (GlossAnnotation     *self,
                                                         gint64               document_id);
const char          *gloss_annotation_get_label         (GlossAnnotation     *self);
void                 gloss_annotation_set_label         (GlossAnnotation     *self,
                                                         const char          *label);
const GlossFragment *gloss_annotation_get_fragments     (GlossAnnotation     *self,
                                                         guint               *n_fragments);
guint                gloss_annotation_get_n_fragments   (GlossAnnotation     *self);
void                 gloss_annotation_set_fragments     (GlossAnnotation     *self,
                                                         const GlossFragment *fragments,
                                                         guint                n_fragments);
/* First start and last end over all fragments. */
guint                gloss_annotation_get_start         (GlossAnnotation     *self);
guint                gloss_annotation_get_end           (GlossAnnotation     *self);
/* Attributes: name -> GVariant ("s" or "b"). Returns NULL when unset. */
GVariant            *gloss_annotation_get_attribute     (GlossAnnotation     *self,
                                                         const char          *name);
void                 gloss_annotation_set_attribute     (GlossAnnotation     *self,
                                                         const char          *name,
                                                         GVariant            *value);
/* May return NULL when there are none. Borrowed, do not modify. */
GHashTable          *gloss_annotation_get_attributes    (GlossAnnotation     *self);
void                 gloss_annotation_set_attributes    (GlossAnnotation     *self,
                                                         GHashTable          *attributes);
const char          *gloss_annotation_get_note          (GlossAnnotation     *self);
void                 gloss_annotation_set_note          (GlossAnnotation     *self,
                                                         const char          *note);
const char          *gloss_annotation_get_norm_id       (GlossAnnotation     *self);
const char          *gloss_annotation_get_norm_name     (GlossAnnotation     *self);
void                 gloss_annotation_set_normalisation (GlossAnnotation     *self,
                                                         const char          *norm_id,
                                                         const char          *norm_name);
const char          *gloss_annotation_get_annotator     (GlossAnnotation     *self);
void                 gloss_annotation_set_annotator     (GlossAnnotation     *self,
                                                         const char          *annotator);
gint64               gloss_annotation_get_created       (GlossAnnotation     *self);
gint64               gloss_annotation_get_modified      (GlossAnnotation     *self);
void                 gloss_annotation_set_times         (GlossAnnotation     *self,
                                                         gint64               created,
                                                         gint64               modified);
gboolean             gloss_annotation_get_deleted       (GlossAnnotation     *self);
void                 gloss_annotation_set_deleted       (GlossAnnotation     *self,
                                                         gboolean             deleted);
/* Provenance: the suggester an annotation was accepted from and the
 * suggestion's score (NULL and 0 for an annotation typed by hand). */
const char          *gloss_annotation_get_provenance    (GlossAnnotation     *self,
                                                         double              *score);
void                 gloss_annotation_set_provenance    (GlossAnnotation     *self,
                                                         const char          *suggester,
                                                         double               score);
/* The covered text of @text (the document text), fragments joined by one
 * space: gloss_dup_covered_text() with no limit. */
char                *gloss_annotation_dup_text          (GlossAnnotation     *self,
                                                         const char          *text);

typedef enum
{
  GLOSS_COVERED_TEXT_FULL     = 0,
  GLOSS_COVERED_TEXT_ONE_LINE = 1 << 0,  /* tabs and line breaks as spaces */
  GLOSS_COVERED_TEXT_ELLIPSIS = 1 << 1,  /* "…" after a text cut at @max_chars */
  GLOSS_COVERED_TEXT_GAPS     = 1 << 2,  /* fragments joined by " … ": the gap shows */
} GlossCoveredTextFlags;

/* The one accessor of covered text: @fragments (sorted, code points) of
 * @text (the NUL-terminated document text), joined by one space (by " … "
 * with GLOSS_COVERED_TEXT_GAPS, for a reader to see a split claim), at most
 * @max_chars characters of it (0: all). Offsets past the text end there.
 * @map, when given, must map @text: it reaches each fragment in O(log n)
 * where the UTF-8 text would otherwise be walked from its start (1 MB for
 * an annotation at the end of a 1 MB document), so that a list of rows or
 * a message costs the same anywhere in a long text. */
char                *gloss_dup_covered_text             (const char          *text,
                                                         GlossOffsetMap      *map,
                                                         const GlossFragment *fragments,
                                                         guint                n_fragments,
                                                         guint                max_chars,
                                                         GlossCoveredTextFlags flags);

G_END_DECLS
