/* gloss-document-row.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-lazy-tooltip.h"
#include "gloss-document-row.h"

struct _GlossDocumentRow
{
  GtkWidget      parent_instance;

  GlossDocument *document;       /* owned */
  char          *annotator;      /* owned: whose status the row shows */
  guint          n_annotations;
  guint          n_curated;
  guint          n_units;        /* 0: no curation shown */
  GStrv          assignees;      /* owned, sorted; NULL: none shown */

  /* template children */
  GtkLabel      *assignees_label;
  GtkWidget      *box;
  GtkLabel      *caption_label;
  GtkLabel      *name_label;
  GtkLabel      *status_label;
};

G_DEFINE_FINAL_TYPE (GlossDocumentRow, gloss_document_row, GTK_TYPE_WIDGET)

static void
gloss_document_row_dispose (GObject *object)
{
  GlossDocumentRow *self = GLOSS_DOCUMENT_ROW (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_pointer (&self->annotator, g_free);
  g_clear_pointer (&self->assignees, g_strfreev);
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
  gtk_widget_class_bind_template_child (widget_class, GlossDocumentRow, assignees_label);
  gtk_widget_class_bind_template_child (widget_class, GlossDocumentRow, box);
  gtk_widget_class_bind_template_child (widget_class, GlossDocumentRow, caption_label);
  gtk_widget_class_bind_template_child (widget_class, GlossDocumentRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, GlossDocumentRow, status_label);
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

/* What a screen reader reads for the row: "name, Done, 12 annotations ·
 * 3400 characters". The list item around the row (GTK's, the one that
 * takes the focus) gets the same name. */
static void
update_accessible_label (GlossDocumentRow *self)
{
  g_autofree char *name = NULL;
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));
  const char *status = gtk_label_get_label (self->status_label);

  if (self->document != NULL && status != NULL && *status != '\0')
    name = g_strdup_printf ("%s, %s, %s", gloss_document_get_name (self->document), status,
                            gtk_label_get_label (self->caption_label));
  else if (self->document != NULL)
    name = g_strdup_printf ("%s, %s", gloss_document_get_name (self->document),
                            gtk_label_get_label (self->caption_label));

  if (name != NULL && gtk_widget_get_visible (GTK_WIDGET (self->assignees_label)))
    {
      char *with = g_strdup_printf ("%s, %s", name, gtk_label_get_label (self->assignees_label));

      g_free (name);
      name = with;
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name != NULL ? name : "", -1);
  if (parent != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (parent), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    name != NULL ? name : "", -1);
}

static void
update_caption (GlossDocumentRow *self,
                guint             n_annotations)
{
  g_autofree char *annotations = NULL;
  g_autofree char *characters = NULL;
  g_autofree char *caption = NULL;
  guint n_chars = gloss_document_get_length (self->document);

  self->n_annotations = n_annotations;

  annotations = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u annotation", "%u annotations",
                                              n_annotations), n_annotations);
  characters = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u character", "%u characters",
                                             n_chars), n_chars);
  /* Translators: the caption of a document in the list: "12 annotations · 3400 characters" */
  caption = g_strdup_printf (_("%s · %s"), annotations, characters);
  if (self->n_units > 0)
    {
      g_autofree char *with_curation = NULL;

      if (self->n_curated >= self->n_units)
        /* Translators: the caption of a document whose curation is complete */
        with_curation = g_strdup_printf (_("%s · curated"), annotations);
      else
        /* Translators: the caption of a document being curated: "… · curated 3 of 7" */
        with_curation = g_strdup_printf (_("%s · curated %u of %u"), annotations,
                                         self->n_curated, self->n_units);
      g_free (caption);
      caption = g_steal_pointer (&with_curation);
    }
  gtk_label_set_label (self->caption_label, caption);
  update_accessible_label (self);
}

static void
document_count_cb (GlossDocumentRow *self)
{
  update_caption (self, gloss_document_get_n_annotations (self->document));
}

/* "Assigned to ana ✓, ben": a check mark for those done. */
static void
update_assignees (GlossDocumentRow *self)
{
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *text = NULL;
  gboolean any = self->document != NULL && self->assignees != NULL && self->assignees[0] != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->assignees_label), any);
  if (!any)
    {
      gtk_label_set_label (self->assignees_label, "");
      return;
    }
  for (guint i = 0; self->assignees[i] != NULL; i++)
    {
      gboolean done = gloss_document_get_status (self->document, self->assignees[i]) ==
                      GLOSS_DOCUMENT_STATUS_DONE;

      if (i > 0)
        /* Translators: between two assignees of a document */
        g_string_append (names, _(", "));
      if (done)
        /* Translators: an assignee who is done with the document: "ana ✓" */
        g_string_append_printf (names, _("%s ✓"), self->assignees[i]);
      else
        g_string_append (names, self->assignees[i]);
    }
  /* Translators: under a document in the list: "Assigned to ana ✓, ben" */
  text = g_strdup_printf (_("Assigned to %s"), names->str);
  gtk_label_set_label (self->assignees_label, text);
}

static void
document_status_cb (GlossDocumentRow *self,
                    const char       *annotator)
{
  if (g_strcmp0 (annotator, self->annotator) == 0)
    gloss_document_row_set_status (self, gloss_document_get_status (self->document, annotator));
  if (self->assignees != NULL && g_strv_contains ((const char * const *) self->assignees,
                                                  annotator))
    {
      update_assignees (self);
      update_accessible_label (self);
    }
}

void
gloss_document_row_set_document (GlossDocumentRow *self,
                                 GlossDocument    *document)
{

  g_return_if_fail (GLOSS_IS_DOCUMENT_ROW (self));
  g_return_if_fail (document == NULL || GLOSS_IS_DOCUMENT (document));

  if (self->document == document)
    return;
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  self->n_units = 0;
  g_clear_pointer (&self->assignees, g_strfreev);
  update_assignees (self);

  if (document == NULL)
    {
      gtk_label_set_label (self->name_label, "");
      gtk_label_set_label (self->caption_label, "");
      gloss_document_row_set_status (self, GLOSS_DOCUMENT_STATUS_NEW);
      return;
    }

  /* the model announces its count and statuses: the row follows */
  g_signal_connect_object (document, "notify::n-annotations", G_CALLBACK (document_count_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "status-changed", G_CALLBACK (document_status_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_label_set_label (self->name_label, gloss_document_get_name (document));
  update_caption (self, gloss_document_get_n_annotations (document));
  gloss_document_row_set_status (self, gloss_document_get_status (document, self->annotator));
  gloss_widget_set_lazy_tooltip (GTK_WIDGET (self), gloss_document_get_name (document));
}

void
gloss_document_row_set_annotator (GlossDocumentRow *self,
                                  const char       *annotator)
{
  g_return_if_fail (GLOSS_IS_DOCUMENT_ROW (self));

  if (g_strcmp0 (self->annotator, annotator) == 0)
    return;
  g_free (self->annotator);
  self->annotator = g_strdup (annotator);
  if (self->document != NULL)
    gloss_document_row_set_status (self, gloss_document_get_status (self->document, annotator));
}

void
gloss_document_row_set_status (GlossDocumentRow    *self,
                               GlossDocumentStatus  status)
{
  GtkWidget *label;

  g_return_if_fail (GLOSS_IS_DOCUMENT_ROW (self));

  label = GTK_WIDGET (self->status_label);
  gtk_widget_remove_css_class (label, "done");
  gtk_widget_remove_css_class (label, "in-progress");

  switch (status)
    {
    case GLOSS_DOCUMENT_STATUS_DONE:
      gtk_label_set_label (self->status_label, _("Done"));
      gtk_widget_add_css_class (label, "done");
      gtk_widget_set_visible (label, TRUE);
      break;

    case GLOSS_DOCUMENT_STATUS_IN_PROGRESS:
      gtk_label_set_label (self->status_label, _("In progress"));
      gtk_widget_add_css_class (label, "in-progress");
      gtk_widget_set_visible (label, TRUE);
      break;

    case GLOSS_DOCUMENT_STATUS_NEW:
    default:
      gtk_label_set_label (self->status_label, "");
      gtk_widget_set_visible (label, FALSE);
      break;
    }
  update_accessible_label (self);
}

void
gloss_document_row_set_n_annotations (GlossDocumentRow *self,
                                      guint             n_annotations)
{
  g_return_if_fail (GLOSS_IS_DOCUMENT_ROW (self));

  if (self->document != NULL)
    update_caption (self, n_annotations);
}

void
gloss_document_row_set_curation (GlossDocumentRow *self,
                                 guint             n_curated,
                                 guint             n_units)
{
  g_return_if_fail (GLOSS_IS_DOCUMENT_ROW (self));

  if (self->n_curated == n_curated && self->n_units == n_units)
    return;

  self->n_curated = n_curated;
  self->n_units = n_units;
  if (self->document != NULL)
    update_caption (self, self->n_annotations);
}

void
gloss_document_row_set_assignees (GlossDocumentRow *self,
                                  GStrv             assignees)
{
  g_return_if_fail (GLOSS_IS_DOCUMENT_ROW (self));

  if (assignees != NULL && assignees[0] == NULL)
    assignees = NULL;
  if (self->assignees != NULL && assignees != NULL &&
      g_strv_equal ((const char * const *) self->assignees, (const char * const *) assignees))
    return;
  g_strfreev (self->assignees);
  self->assignees = g_strdupv (assignees);
  update_assignees (self);
  update_accessible_label (self);
}

const char *
_gloss_document_row_get_assignees_text (GlossDocumentRow *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_ROW (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->assignees_label)))
    return NULL;
  return gtk_label_get_label (self->assignees_label);
}

const char *
_gloss_document_row_get_caption (GlossDocumentRow *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_ROW (self), NULL);

  return gtk_label_get_label (self->caption_label);
}
