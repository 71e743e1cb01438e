/* gloss-schema-editor.h: edit the project's labels, attributes and relation types
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gloss-project.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_SCHEMA_EDITOR (gloss_schema_editor_get_type ())
G_DECLARE_FINAL_TYPE (GlossSchemaEditor, gloss_schema_editor, GLOSS, SCHEMA_EDITOR, GtkWindow)

/* A modal window editing the project's schema in place through the
 * GlossSchema API: the project saves the schema on "changed" and the views
 * follow live. Renaming a label renames it on its annotations too, as one
 * change set (gloss_project_rename_label()) that the parent GlossWindow
 * keeps as its last step, with a toast and Undo when the editor closes;
 * deleting a label in use deletes its annotations after a confirmation. */
GtkWidget *gloss_schema_editor_new (GtkWindow    *parent,
                                    GlossProject *project);

/* The number of live annotations with @label in the whole project, and the
 * number of documents holding them (may be NULL). */
guint      gloss_schema_editor_count_label_uses (GlossProject *project,
                                                 const char   *label,
                                                 guint        *n_documents);
/* Relabels (@new_label) or deletes (@new_label NULL, with the relations
 * touching them) every live annotation with @label, as one change set
 * (gloss_project_relabel()). */
gboolean   gloss_schema_editor_rewrite_label    (GlossProject *project,
                                                 const char   *label,
                                                 const char   *new_label,
                                                 GError      **error);

G_END_DECLS
