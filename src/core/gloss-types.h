/* gloss-types.h
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _GlossAnnotation      GlossAnnotation;
typedef struct _GlossAnnotationList  GlossAnnotationList;
typedef struct _GlossAttrDef         GlossAttrDef;
typedef struct _GlossCommand         GlossCommand;
typedef struct _GlossDocument        GlossDocument;
typedef struct _GlossDocumentFilter  GlossDocumentFilter;
typedef struct _GlossDocumentList    GlossDocumentList;
typedef struct _GlossLabel           GlossLabel;
typedef struct _GlossOffsetMap       GlossOffsetMap;
typedef struct _GlossProject         GlossProject;
typedef struct _GlossRelation        GlossRelation;
typedef struct _GlossRelationType    GlossRelationType;
typedef struct _GlossSchema          GlossSchema;
typedef struct _GlossSpanIndex       GlossSpanIndex;
typedef struct _GlossStore           GlossStore;

/**
 * GlossFragment:
 * @start: first code point of the fragment
 * @end: one past the last code point (end-exclusive)
 *
 * One contiguous piece of an annotation, in Unicode code points into the
 * document text, exactly as #GtkTextIter offsets and brat count them.
 */
typedef struct
{
  guint start;
  guint end;
} GlossFragment;

typedef enum
{
  GLOSS_DOCUMENT_STATUS_NEW,
  GLOSS_DOCUMENT_STATUS_IN_PROGRESS,
  GLOSS_DOCUMENT_STATUS_DONE,
} GlossDocumentStatus;

typedef enum
{
  GLOSS_ATTR_TYPE_ENUM,
  GLOSS_ATTR_TYPE_BOOLEAN,
  GLOSS_ATTR_TYPE_TEXT,
} GlossAttrType;

/* The reserved annotator name of the adjudicated gold set. */
#define GLOSS_GOLD_ANNOTATOR "gold"

const char          *gloss_document_status_to_string   (GlossDocumentStatus  status);
gboolean             gloss_document_status_from_string (const char          *str,
                                                        GlossDocumentStatus *status);
const char          *gloss_attr_type_to_string         (GlossAttrType        type);
gboolean             gloss_attr_type_from_string       (const char          *str,
                                                        GlossAttrType       *type);

/* Long work says how far it is, from 0 to 1. */
typedef void (*GlossProgressFunc) (double fraction, gpointer user_data);

G_END_DECLS
