/* gloss-export-dialog-private.h: what the tests drive
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-export-dialog.h"
#include "gloss-format.h"

G_BEGIN_DECLS

/* What the Export button does, with explicit options (copied; progress
 * fields are ignored). */
void          _gloss_export_dialog_start         (GlossExportDialog        *self,
                                                  const char               *format,
                                                  const char               *path,
                                                  const GlossExportOptions *options);
gboolean      _gloss_export_dialog_is_running    (GlossExportDialog        *self);
void          _gloss_export_dialog_cancel        (GlossExportDialog        *self);
/* The last export's error, NULL when it succeeded. */
const GError *_gloss_export_dialog_get_error     (GlossExportDialog        *self);
/* The annotators offered by the filter (GtkStringObject; the first item is
 * "All annotators"). */
GListModel   *_gloss_export_dialog_get_annotators (GlossExportDialog       *self);
/* Selects a format by name in the dropdown; FALSE when it is not there. */
gboolean      _gloss_export_dialog_select_format (GlossExportDialog        *self,
                                                  const char               *format);
/* Annotators with live annotations in @project, sorted. */
GPtrArray    *_gloss_export_dialog_dup_annotators (GlossProject            *project);

G_END_DECLS
