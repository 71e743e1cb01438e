/* gloss-import-context-private.h: what an import is writing, for its driver
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-change-set.h"
#include "gloss-format.h"

G_BEGIN_DECLS

struct _GlossImportContext
{
  GlossProject             *project;      /* borrowed */
  GlossStore               *store;        /* borrowed */
  GlossChangeSet           *changes;      /* borrowed: what the import writes */
  GlossSchema              *schema;       /* owned: the copy being extended */
  const GlossImportOptions *options;      /* borrowed */
  GlossImportReport        *report;       /* borrowed */
  GHashTable               *lengths;      /* doc id -> length in code points */
  GHashTable               *labelled;     /* uuid (borrowed) -> GlossAnnotation (owned):
                                           * the annotations added, for their relations */
  guint                     path_index;   /* for progress: the path being read */
  guint                     n_paths;
  guint                     schema_changed : 1;
};

/* gloss_import_context_add_document() of a text whose code points
 * (@n_chars, -1: not counted) and SHA-256 (@sha256, hex, NULL: not
 * computed) a reader thread worked out already. */
gint64   _gloss_import_context_add_counted_document (GlossImportContext  *ctx,
                                                     const char          *name,
                                                     const char          *text,
                                                     gssize               len,
                                                     glong                n_chars,
                                                     const char          *sha256,
                                                     const char          *meta_json,
                                                     GError             **error);

/* gloss_import_context_add_annotation() of an annotation nobody else
 * holds (transfer full), changed and kept as it is instead of copied:
 * an import of 200,000 rows makes no second object of each. */
gboolean _gloss_import_context_take_annotation (GlossImportContext  *ctx,
                                                gint64               doc_id,
                                                GlossAnnotation     *annotation,
                                                GError             **error);

/* gloss_import_context_bad_record() with the message made: into @report,
 * and FALSE with @error unless @skip_bad (the import's option). For
 * readers that run apart from the context (another thread). */
gboolean _gloss_import_report_bad_record (GlossImportReport  *report,
                                          gboolean            skip_bad,
                                          const char         *file,
                                          guint               line,
                                          const char         *message,
                                          GError            **error);

G_END_DECLS
