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
/* The name of the format selected (borrowed), or NULL. */
const char   *_gloss_export_dialog_get_format    (GlossExportDialog        *self);
/* Whether every filter applies to the selected format; when one does not,
 * @reason (may be NULL) is the note the dialog shows, the core's reason
 * (borrowed). */
gboolean      _gloss_export_dialog_get_filters_apply (GlossExportDialog    *self,
                                                      const char          **reason);
/* The note under the labels when shown, else NULL (borrowed). */
const char   *_gloss_export_dialog_get_labels_note (GlossExportDialog      *self);
/* The done page's title (borrowed) and its list of warnings ("" when
 * none). */
const char   *_gloss_export_dialog_get_done_title (GlossExportDialog       *self);
char         *_gloss_export_dialog_dup_warnings  (GlossExportDialog        *self);
/* The destination the file chooser would set, for the selected format. */
void            _gloss_export_dialog_set_destination        (GlossExportDialog *self,
                                                             const char        *path);
/* The widgets a test drives as a user would (borrowed): "Gold set only",
 * "Include partially curated documents", the annotator filter and Export. */
GtkSwitch      *_gloss_export_dialog_get_gold_switch        (GlossExportDialog *self);
GtkCheckButton *_gloss_export_dialog_get_partial_check      (GlossExportDialog *self);
/* Visible for token formats only (gloss_format_exports_tokens()). */
GtkCheckButton *_gloss_export_dialog_get_misaligned_check   (GlossExportDialog *self);
GtkWidget      *_gloss_export_dialog_get_annotator_dropdown (GlossExportDialog *self);
GtkWidget      *_gloss_export_dialog_get_export_button      (GlossExportDialog *self);
/* Annotators with live annotations in @project, sorted. */
GPtrArray    *_gloss_export_dialog_dup_annotators (GlossProject            *project);

G_END_DECLS
