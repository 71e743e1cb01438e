/* gloss-swatch.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include "gloss-swatch.h"

struct _GlossSwatch
{
  GtkWidget parent_instance;

  GdkRGBA   color;
  int       size;
  guint     round : 1;
};

G_DEFINE_FINAL_TYPE (GlossSwatch, gloss_swatch, GTK_TYPE_WIDGET)

static const GdkRGBA grey = { 0.6f, 0.6f, 0.6f, 1.0f };

static void
gloss_swatch_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  GlossSwatch *self = GLOSS_SWATCH (widget);

  *minimum = *natural = self->size;
}

static void
gloss_swatch_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  GlossSwatch *self = GLOSS_SWATCH (widget);
  float width = gtk_widget_get_width (widget);
  float height = gtk_widget_get_height (widget);
  float side = MIN (width, height);
  float radius = self->round ? side / 2.f : MAX (2.f, side / 4.f);
  GskRoundedRect rect;
  GdkRGBA border = { 0.f, 0.f, 0.f, 0.18f };

  if (side <= 0)
    return;

  gsk_rounded_rect_init_from_rect (&rect,
                                   &GRAPHENE_RECT_INIT ((width - side) / 2.f,
                                                        (height - side) / 2.f, side, side),
                                   radius);
  gtk_snapshot_push_rounded_clip (snapshot, &rect);
  gtk_snapshot_append_color (snapshot, &self->color, &rect.bounds);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_append_border (snapshot, &rect, (float[4]) { 1, 1, 1, 1 },
                              (GdkRGBA[4]) { border, border, border, border });
}

static void
gloss_swatch_class_init (GlossSwatchClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->measure = gloss_swatch_measure;
  widget_class->snapshot = gloss_swatch_snapshot;

  gtk_widget_class_set_css_name (widget_class, "swatch");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
gloss_swatch_init (GlossSwatch *self)
{
  self->color = grey;
  self->size = 12;
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
}

GtkWidget *
gloss_swatch_new (const char *color,
                  int         size)
{
  GlossSwatch *self = g_object_new (GLOSS_TYPE_SWATCH, NULL);

  self->size = MAX (size, 1);
  gloss_swatch_set_color (self, color);

  return GTK_WIDGET (self);
}

void
gloss_swatch_set_color (GlossSwatch *self,
                        const char  *color)
{
  GdkRGBA rgba;

  g_return_if_fail (GLOSS_IS_SWATCH (self));

  if (color == NULL || !gdk_rgba_parse (&rgba, color))
    rgba = grey;

  if (gdk_rgba_equal (&rgba, &self->color))
    return;

  self->color = rgba;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
