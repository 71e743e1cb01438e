/* gloss-project-properties.h
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gloss-project.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_PROJECT_PROPERTIES (gloss_project_properties_get_type ())

G_DECLARE_FINAL_TYPE (GlossProjectProperties, gloss_project_properties, GLOSS,
                      PROJECT_PROPERTIES, GtkWindow)

/* The project's file, size, creation date, schema, counts and document
 * attribute definitions, read once when the dialog is made. */
GtkWidget  *gloss_project_properties_new       (GtkWindow              *parent,
                                                GlossProject           *project);
/* The value shown for @key ("path", "size", "created", "schema",
 * "documents", "annotations", "relations", "annotators"); for tests. */
const char *gloss_project_properties_get_value (GlossProjectProperties *self,
                                                const char             *key);

G_END_DECLS
