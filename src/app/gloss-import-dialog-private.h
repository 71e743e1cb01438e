/* gloss-import-dialog-private.h: what the tests drive
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-format.h"
#include "gloss-import-dialog.h"

G_BEGIN_DECLS

/* What the Import button does, with explicit options: @format NULL =
 * detect, @annotator NULL or "" = as the files say. */
void               _gloss_import_dialog_start       (GlossImportDialog  *self,
                                                     const char * const *paths,
                                                     const char         *format,
                                                     const char         *annotator,
                                                     gboolean            skip_bad);
/* Clicks Import: the listed files with the dialog's own controls. */
void               _gloss_import_dialog_import      (GlossImportDialog  *self);
gboolean           _gloss_import_dialog_is_running  (GlossImportDialog  *self);
void               _gloss_import_dialog_cancel      (GlossImportDialog  *self);
/* After the import: its report (NULL before) and its error (NULL when it
 * succeeded). */
GlossImportReport *_gloss_import_dialog_get_report  (GlossImportDialog  *self);
const GError      *_gloss_import_dialog_get_error   (GlossImportDialog  *self);
/* The files and folders listed (char * file names). */
GPtrArray         *_gloss_import_dialog_get_paths   (GlossImportDialog  *self);
/* The problem rows shown, "file:line: message". */
GListModel        *_gloss_import_dialog_get_problems (GlossImportDialog *self);

G_END_DECLS
