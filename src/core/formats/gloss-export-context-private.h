/* gloss-export-context-private.h: what an export is writing, for its driver
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-format.h"
#include "gloss-format-util.h"

G_BEGIN_DECLS

struct _GlossExportContext
{
  GlossProject             *project;      /* borrowed */
  const GlossExportOptions *options;      /* borrowed */
  GPtrArray                *documents;    /* owned: GlossDocument */
  GlossImportReport        *report;       /* borrowed */
  GlossOutputSet           *outputs;      /* owned: the files written, renamed at the end */
  guint                     n_lost[GLOSS_EXPORT_N_LOSSES];
  int                       has_relations; /* -1: not asked yet */
};

/* The one rule of the annotation filters (gold set, annotator, labels),
 * for every format: TRUE when a row of @annotator with @label is
 * exported; @label NULL asks about the annotator only (a document status). */
gboolean _gloss_export_options_keep        (const GlossExportOptions *options,
                                            const char               *annotator,
                                            const char               *label);
/* TRUE when any of those filters is set. */
gboolean _gloss_export_options_filter_rows (const GlossExportOptions *options);

/* One line per kind of loss with more warnings than were listed. */
void _gloss_export_context_summarise_losses (GlossExportContext *ctx);

G_END_DECLS
