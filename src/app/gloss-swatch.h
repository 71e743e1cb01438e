/* gloss-swatch.h: a small rounded square (or dot) in a label's colour
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GLOSS_TYPE_SWATCH (gloss_swatch_get_type ())
G_DECLARE_FINAL_TYPE (GlossSwatch, gloss_swatch, GLOSS, SWATCH, GtkWidget)

/* Decorative: its accessible role is "presentation". The size comes from
 * @size (pixels); CSS min-width/min-height may enlarge it. */
GtkWidget *gloss_swatch_new       (const char  *color,
                                   int          size);
/* @color: "#rrggbb" or any colour gdk_rgba_parse() reads; NULL = grey. */
void       gloss_swatch_set_color (GlossSwatch *self,
                                   const char  *color);

G_END_DECLS
