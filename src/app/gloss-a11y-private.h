/* gloss-a11y-private.h: names for the controls libadwaita 1.2 leaves unnamed
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Gives every descendant of @widget of @type the accessible name @name:
 * for the inner parts of composite widgets that a screen reader would
 * otherwise announce without a name (AdwEntryRow's text, the hidden search
 * entry of AdwPreferencesWindow, AdwPasswordEntryRow's peek icon). */
static inline void
gloss_a11y_name_descendants (GtkWidget  *widget,
                             GType       type,
                             const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        name, -1);
      gloss_a11y_name_descendants (child, type, name);
    }
}

G_END_DECLS
