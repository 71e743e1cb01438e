/* gloss-application.h: the AdwApplication of Gloss
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gloss-project.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_APPLICATION (gloss_application_get_type ())
G_DECLARE_FINAL_TYPE (GlossApplication, gloss_application, GLOSS, APPLICATION, AdwApplication)

GlossApplication *gloss_application_new              (void);
/* The app's GSettings (io.github.glossapp.Gloss). */
GSettings        *gloss_application_get_settings     (GlossApplication *self);
/* Puts @file first in the recent-projects setting. */
void              gloss_application_add_recent       (GlossApplication *self,
                                                      GFile            *file);

G_END_DECLS
