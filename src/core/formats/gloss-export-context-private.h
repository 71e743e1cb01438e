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

/* One line per kind of loss with more warnings than were listed. */
void _gloss_export_context_summarise_losses (GlossExportContext *ctx);

G_END_DECLS
