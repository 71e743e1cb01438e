/* gloss-export-dialog.h: export the project in one of the formats
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gloss-project.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_EXPORT_DIALOG (gloss_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GlossExportDialog, gloss_export_dialog, GLOSS, EXPORT_DIALOG, GtkWindow)

/* A modal window: the format, the destination (a file, or a folder for
 * folder formats), the filters (annotator, gold set, status, labels) and,
 * for the Hugging Face layout, the split ratios and seed. The export runs
 * on a worker thread with its own connection to the project file, with a
 * progress bar and Cancel. */
GtkWidget *gloss_export_dialog_new (GtkWindow    *parent,
                                    GlossProject *project);

G_END_DECLS
