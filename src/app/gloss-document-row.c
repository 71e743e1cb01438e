/* gloss-document-row.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-document-row.h"

struct _GlossDocumentRow
{
  GtkWidget      parent_instance;

  GlossDocument *document;       /* owned */

  /* template children */
  GtkWidget      *box;
  GtkLabel      *caption_label;
  GtkLabel      *name_label;
};

G_DEFINE_FINAL_TYPE (GlossDocumentRow, gloss_document_row, GTK_TYPE_WIDGET)

static void
gloss_document_row_dispose (GObject *object)
{
  GlossDocumentRow *self = GLOSS_DOCUMENT_ROW (object);

  g_clear_object (&self->document);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_DOCUMENT_ROW);

  G_OBJECT_CLASS (gloss_document_row_parent_class)->dispose (object);
}

static void
gloss_document_row_class_init (GlossDocumentRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_document_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/gloss-document-row.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossDocumentRow, box);
  gtk_widget_class_bind_template_child (widget_class, GlossDocumentRow, caption_label);
  gtk_widget_class_bind_template_child (widget_class, GlossDocumentRow, name_label);
}

static void
gloss_document_row_init (GlossDocumentRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
gloss_document_row_new (void)
{
  return g_object_new (GLOSS_TYPE_DOCUMENT_ROW, NULL);
}

GlossDocument *
gloss_document_row_get_document (GlossDocumentRow *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_ROW (self), NULL);

  return self->document;
}

void
gloss_document_row_set_document (GlossDocumentRow *self,
                                 GlossDocument    *document)
{
  g_autofree char *annotations = NULL;
  g_autofree char *characters = NULL;
  g_autofree char *caption = NULL;
  guint n_annotations, n_chars;

  g_return_if_fail (GLOSS_IS_DOCUMENT_ROW (self));
  g_return_if_fail (document == NULL || GLOSS_IS_DOCUMENT (document));

  if (!g_set_object (&self->document, document))
    return;

  if (document == NULL)
    {
      gtk_label_set_label (self->name_label, "");
      gtk_label_set_label (self->caption_label, "");
      return;
    }

  n_annotations = gloss_document_get_n_annotations (document);
  n_chars = gloss_document_get_length (document);
  annotations = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u annotation", "%u annotations",
                                              n_annotations), n_annotations);
  characters = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u character", "%u characters",
                                             n_chars), n_chars);
  /* Translators: the caption of a document in the list: "12 annotations · 3400 characters" */
  caption = g_strdup_printf (_("%s · %s"), annotations, characters);

  gtk_label_set_label (self->name_label, gloss_document_get_name (document));
  gtk_label_set_label (self->caption_label, caption);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), gloss_document_get_name (document));
}
