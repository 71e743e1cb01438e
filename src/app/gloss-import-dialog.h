/* gloss-import-dialog.h: import files and folders into the project
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gloss-project.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_IMPORT_DIALOG (gloss_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GlossImportDialog, gloss_import_dialog, GLOSS, IMPORT_DIALOG, GtkWindow)

/* A modal window: the files and folders to import, the format (or
 * detection), the annotator and "skip bad records"; the import runs on a
 * worker thread with its own connection to the project file, with a
 * progress bar and Cancel, then shows the report (counts, labels added,
 * every problem). The project's documents and schema are refreshed when
 * the import is done. Over a GlossWindow on the same project, the import
 * becomes the window's last step (win.undo takes it back as one step), and
 * when the report closes the window says what came in, with Undo. */
GtkWidget *gloss_import_dialog_new      (GtkWindow         *parent,
                                         GlossProject      *project);
/* Adds a file or folder to the list (ignored when already there or not
 * local). */
void       gloss_import_dialog_add_file (GlossImportDialog *self,
                                         GFile             *file);

G_END_DECLS
