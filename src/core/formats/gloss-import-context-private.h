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

G_END_DECLS
