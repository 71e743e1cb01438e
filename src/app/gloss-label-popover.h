/* gloss-label-popover.h: a popover that lists the schema's labels to pick one
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gloss-types.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_LABEL_POPOVER (gloss_label_popover_get_type ())
G_DECLARE_FINAL_TYPE (GlossLabelPopover, gloss_label_popover, GLOSS, LABEL_POPOVER, GtkPopover)

/* One row per label of the schema (its colour, name and hotkey). Activating
 * a row, or typing a label's hotkey, pops the popover down and emits
 * "label-chosen" (const char *name). */

GtkWidget   *gloss_label_popover_new        (void);
/* Property "schema". */
GlossSchema *gloss_label_popover_get_schema (GlossLabelPopover *self);
void         gloss_label_popover_set_schema (GlossLabelPopover *self,
                                             GlossSchema       *schema);
/* Lists the schema's labels as they are now and pops up (where
 * gtk_popover_set_pointing_to() says), the first row focused. */
void         gloss_label_popover_popup      (GlossLabelPopover *self);

G_END_DECLS
