/* gloss-lazy-tooltip.h: tooltips computed when shown
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* gtk_widget_set_tooltip_text() asks for the pointer position at once — on
 * X11 with GTK 4.8 a server round trip with a grab — so rows rebound after
 * every edit paid for it many times per keystroke. This keeps the text on
 * the widget and hands it over only when the tooltip is about to show. */

static gboolean
_gloss_lazy_tooltip_query_cb (GtkWidget  *widget,
                              int         x,
                              int         y,
                              gboolean    keyboard_mode,
                              GtkTooltip *tooltip,
                              gpointer    user_data)
{
  const char *text = g_object_get_data (G_OBJECT (widget), "gloss-lazy-tooltip");

  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static inline void
gloss_widget_set_lazy_tooltip (GtkWidget  *widget,
                               const char *text)
{
  if (g_object_get_data (G_OBJECT (widget), "gloss-lazy-tooltip-connected") == NULL)
    {
      g_object_set_data (G_OBJECT (widget), "gloss-lazy-tooltip-connected", GINT_TO_POINTER (1));
      gtk_widget_set_has_tooltip (widget, TRUE);
      g_signal_connect (widget, "query-tooltip", G_CALLBACK (_gloss_lazy_tooltip_query_cb), NULL);
    }
  g_object_set_data_full (G_OBJECT (widget), "gloss-lazy-tooltip", g_strdup (text), g_free);
}

G_END_DECLS
