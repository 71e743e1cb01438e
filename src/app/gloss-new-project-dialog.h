/* gloss-new-project-dialog.h
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gloss-project.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_NEW_PROJECT_DIALOG (gloss_new_project_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GlossNewProjectDialog, gloss_new_project_dialog, GLOSS,
                      NEW_PROJECT_DIALOG, GtkWindow)

/* Asks for the schema of a new project at @file (chosen before); "Create"
 * makes the project and emits "project-created" (GlossProject, GFile). */
GtkWidget    *gloss_new_project_dialog_new             (GtkWindow             *parent,
                                                        GFile                 *file);
GFile        *gloss_new_project_dialog_get_file        (GlossNewProjectDialog *self);
/* A preset name ("news", "conll2003", "ontonotes"), or NULL for a file. */
void          gloss_new_project_dialog_set_preset      (GlossNewProjectDialog *self,
                                                        const char            *preset);
const char   *gloss_new_project_dialog_get_preset      (GlossNewProjectDialog *self);
void          gloss_new_project_dialog_set_schema_file (GlossNewProjectDialog *self,
                                                        GFile                 *schema_file);
/* What "Create" does; the dialog closes on success. */
GlossProject *gloss_new_project_dialog_create          (GlossNewProjectDialog *self,
                                                        GError               **error);

G_END_DECLS
