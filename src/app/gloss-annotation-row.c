/* gloss-annotation-row.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-annotation-row.h"

struct _GlossAnnotationRow
{
  GtkWidget        parent_instance;

  GlossAnnotation *annotation;    /* owned */
  char            *covered;       /* owned: the tooltip */
  GdkRGBA          color;

  /* template children */
  GtkWidget       *box;
  GtkDrawingArea  *dot;
  GtkLabel        *label_label;
  GtkLabel        *text_label;
};

G_DEFINE_FINAL_TYPE (GlossAnnotationRow, gloss_annotation_row, GTK_TYPE_WIDGET)

static void
draw_dot (GtkDrawingArea *area,
          cairo_t        *cr,
          int             width,
          int             height,
          gpointer        user_data)
{
  GlossAnnotationRow *self = user_data;
  double radius = MIN (width, height) / 2.0;

  gdk_cairo_set_source_rgba (cr, &self->color);
  cairo_arc (cr, width / 2.0, height / 2.0, radius, 0, 2 * G_PI);
  cairo_fill (cr);
}

/* The tooltip is asked for when shown: gtk_widget_set_tooltip_text() on
 * every bind would query the pointer (an X server round trip) for every
 * row rebound after an edit. */
static gboolean
query_tooltip_cb (GlossAnnotationRow *self,
                  int                 x,
                  int                 y,
                  gboolean            keyboard_mode,
                  GtkTooltip         *tooltip)
{
  if (self->covered == NULL || *self->covered == '\0')
    return FALSE;

  gtk_tooltip_set_text (tooltip, self->covered);
  return TRUE;
}

/* What a screen reader reads for the row: "PERSON: Ana Lima, by ana". The
 * list item around the row (GTK's, the one that takes the focus) gets the
 * same name. */
static void
update_accessible_label (GlossAnnotationRow *self)
{
  g_autofree char *name = NULL;
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  if (self->annotation != NULL)
    /* Translators: accessible name of an annotation in the list: label, text, annotator */
    name = g_strdup_printf (_("%s: %s, by %s"), gloss_annotation_get_label (self->annotation),
                            self->covered != NULL ? self->covered : "",
                            gloss_annotation_get_annotator (self->annotation));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name != NULL ? name : "", -1);
  if (parent != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (parent), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    name != NULL ? name : "", -1);
}

static void
gloss_annotation_row_dispose (GObject *object)
{
  GlossAnnotationRow *self = GLOSS_ANNOTATION_ROW (object);

  g_clear_object (&self->annotation);
  g_clear_pointer (&self->covered, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_ANNOTATION_ROW);

  G_OBJECT_CLASS (gloss_annotation_row_parent_class)->dispose (object);
}

static void
gloss_annotation_row_class_init (GlossAnnotationRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_annotation_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/gloss-annotation-row.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationRow, box);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationRow, dot);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationRow, label_label);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationRow, text_label);
}

static void
gloss_annotation_row_init (GlossAnnotationRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->color = (GdkRGBA) { 0.6, 0.6, 0.6, 1.0 };
  gtk_drawing_area_set_draw_func (self->dot, draw_dot, self, NULL);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
}

GtkWidget *
gloss_annotation_row_new (void)
{
  return g_object_new (GLOSS_TYPE_ANNOTATION_ROW, NULL);
}

GlossAnnotation *
gloss_annotation_row_get_annotation (GlossAnnotationRow *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_ROW (self), NULL);

  return self->annotation;
}

void
gloss_annotation_row_set_annotation (GlossAnnotationRow *self,
                                     GlossAnnotation    *annotation,
                                     GlossSchema        *schema,
                                     const char         *text)
{
  g_autofree char *covered = NULL;

  g_return_if_fail (GLOSS_IS_ANNOTATION_ROW (self));
  g_return_if_fail (annotation == NULL || GLOSS_IS_ANNOTATION (annotation));

  if (annotation != NULL && text != NULL)
    covered = gloss_annotation_dup_text (annotation, text);

  gloss_annotation_row_set_annotation_with_text (self, annotation, schema, covered);
}

void
gloss_annotation_row_set_annotation_with_text (GlossAnnotationRow *self,
                                               GlossAnnotation    *annotation,
                                               GlossSchema        *schema,
                                               const char         *text)
{
  g_autofree char *covered = NULL;
  GlossLabel *label = NULL;
  const char *name;

  g_return_if_fail (GLOSS_IS_ANNOTATION_ROW (self));
  g_return_if_fail (annotation == NULL || GLOSS_IS_ANNOTATION (annotation));

  g_set_object (&self->annotation, annotation);

  if (annotation == NULL)
    {
      g_clear_pointer (&self->covered, g_free);
      gtk_label_set_label (self->label_label, "");
      gtk_label_set_label (self->text_label, "");
      update_accessible_label (self);
      return;
    }

  name = gloss_annotation_get_label (annotation);
  if (schema != NULL)
    label = gloss_schema_lookup_label (schema, name);
  if (label == NULL || !gdk_rgba_parse (&self->color, gloss_label_get_color (label)))
    self->color = (GdkRGBA) { 0.6, 0.6, 0.6, 1.0 };

  covered = g_strdup (text);
  if (covered != NULL)
    g_strdelimit (covered, "\n\r\t", ' ');

  gtk_label_set_label (self->label_label, name);
  gtk_label_set_label (self->text_label, covered != NULL ? covered : "");
  g_free (self->covered);
  self->covered = g_steal_pointer (&covered);
  gtk_widget_queue_draw (GTK_WIDGET (self->dot));
  update_accessible_label (self);
}
