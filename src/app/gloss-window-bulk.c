/* gloss-window-bulk.c: "annotate all occurrences in all documents", for the window
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-annotation-list.h"
#include "gloss-annotation.h"
#include "gloss-bulk.h"
#include "gloss-document-row.h"
#include "gloss-document-view.h"
#include "gloss-document.h"
#include "gloss-project-private.h"
#include "gloss-project.h"
#include "gloss-window-private.h"

#define BULK_KEY "gloss-window-bulk"

/* The window keeps its last bulk step. It comes after the open document's
 * own history: win.undo takes it back once the document has nothing left
 * to undo. Applying, undoing or redoing the step clears the histories of
 * the documents it wrote and of the open one, so that order is time order
 * in the open document. */
typedef struct
{
  GlossProject  *project;      /* weak: the project the step went into */
  GlossBulkStep *step;         /* owned, may be NULL */
  GtkWidget     *undo_button;  /* weak: the header bar's button for win.undo */
  GtkWidget     *redo_button;  /* weak */
} Bulk;

static void
bulk_free (Bulk *bulk)
{
  g_clear_weak_pointer (&bulk->project);
  g_clear_weak_pointer (&bulk->undo_button);
  g_clear_weak_pointer (&bulk->redo_button);
  g_clear_object (&bulk->step);
  g_free (bulk);
}

static Bulk *
get_bulk (GlossWindow *self)
{
  Bulk *bulk = g_object_get_data (G_OBJECT (self), BULK_KEY);

  if (bulk == NULL)
    {
      bulk = g_new0 (Bulk, 1);
      g_object_set_data_full (G_OBJECT (self), BULK_KEY, bulk, (GDestroyNotify) bulk_free);
    }
  return bulk;
}

/* The step, when it belongs to the window's project. */
static GlossBulkStep *
current_step (GlossWindow *self)
{
  Bulk *bulk = get_bulk (self);

  if (bulk->step == NULL || bulk->project == NULL ||
      bulk->project != gloss_window_get_project (self))
    return NULL;
  return bulk->step;
}

/* The open document's annotation list (borrowed), or NULL. */
static GlossAnnotationList *
document_list (GlossWindow *self)
{
  GlossProject *project = gloss_window_get_project (self);
  GlossDocument *document = gloss_window_get_document (self);

  if (project == NULL || document == NULL)
    return NULL;
  return _gloss_project_peek_annotation_list (project, gloss_document_get_id (document));
}

/* The step cleared the histories of the documents it wrote; the open
 * document's goes too, whether written or not, so that win.undo and
 * win.redo keep time order: its own later edits, then the step. */
static void
forget_document_history (GlossWindow *self)
{
  GlossAnnotationList *list = document_list (self);

  if (list != NULL)
    gloss_annotation_list_clear_history (list);
}

/* The document rows bind their count once: the visible ones take the
 * counts the step left in their documents. */
static void
refresh_counts (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GLOSS_IS_DOCUMENT_ROW (child))
        {
          GlossDocument *document = gloss_document_row_get_document (GLOSS_DOCUMENT_ROW (child));

          if (document != NULL)
            gloss_document_row_set_n_annotations (GLOSS_DOCUMENT_ROW (child),
                                                  gloss_document_get_n_annotations (document));
        }
      else
        refresh_counts (child);
    }
}

static GtkWidget *
find_actionable (GtkWidget  *widget,
                 const char *action_name)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_actionable (child, action_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The header bar's undo or redo button: looked up once, by its action. */
static GtkWidget *
history_button (GlossWindow  *self,
                GtkWidget   **slot,
                const char   *action_name)
{
  if (*slot == NULL)
    {
      GtkWidget *titlebar = gtk_window_get_titlebar (GTK_WINDOW (self));
      GtkWidget *found = titlebar != NULL ? find_actionable (titlebar, action_name) : NULL;

      if (found == NULL)
        found = find_actionable (GTK_WIDGET (self), action_name);
      g_set_weak_pointer (slot, found);
    }
  return *slot;
}

/* Sets the button's tooltip and, for a bulk step, its description for
 * screen readers; @step_text NULL restores the plain @plain tooltip. */
static void
describe (GtkWidget  *button,
          const char *plain,
          const char *step_text)
{
  if (button == NULL)
    return;
  gtk_widget_set_tooltip_text (button, step_text != NULL ? step_text : plain);
  if (step_text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, step_text, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static gboolean
run_step (GlossWindow  *self,
          gboolean      undo,
          GError      **error)
{
  GlossBulkStep *step = current_step (self);
  g_autofree char *description = NULL;
  g_autofree char *message = NULL;
  gboolean ok;

  if (step == NULL || !(undo ? gloss_bulk_step_can_undo (step) : gloss_bulk_step_can_redo (step)))
    {
      g_set_error_literal (error, GLOSS_BULK_ERROR,
                           undo ? GLOSS_BULK_ERROR_NOTHING_TO_UNDO
                                : GLOSS_BULK_ERROR_NOTHING_TO_REDO,
                           undo ? _("There is nothing to undo") : _("There is nothing to redo"));
      return FALSE;
    }

  g_object_ref (step);
  ok = undo ? gloss_project_undo_bulk (gloss_window_get_project (self), step, error)
            : gloss_project_redo_bulk (gloss_window_get_project (self), step, error);
  description = gloss_bulk_step_dup_description (step);
  g_object_unref (step);
  if (ok)
    {
      forget_document_history (self);
      refresh_counts (GTK_WIDGET (self));
    }
  _gloss_window_bulk_update_undo (self);
  if (!ok)
    return FALSE;

  /* Translators: %s is an undo description such as "Annotate All “x” in All Documents" */
  message = g_strdup_printf (undo ? _("Undone: %s") : _("Redone: %s"), description);
  gloss_window_show_message (self, message);
  return TRUE;
}

/* ---- actions ----------------------------------------------------------- */

static void
annotate_all_documents_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!_gloss_window_annotate_all_documents (self, NULL, &error))
    gloss_window_show_error (self, _("Could not annotate all occurrences"), error);
}

/* ---- private API ------------------------------------------------------- */

void
_gloss_window_bulk_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.annotate-all-documents", NULL,
                                   annotate_all_documents_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_ALT_MASK,
                                       "win.annotate-all-documents", NULL);
}

gboolean
_gloss_window_annotate_all_documents (GlossWindow  *self,
                                      guint        *n_annotations,
                                      GError      **error)
{
  GlossProject *project = gloss_window_get_project (self);
  GlossDocument *document = gloss_window_get_document (self);
  GlossDocumentView *view = GLOSS_DOCUMENT_VIEW (gloss_window_get_view (self));
  g_autoptr(GlossAnnotation) selected = NULL;
  g_autoptr(GlossBulkStep) step = NULL;
  g_autofree char *needle = NULL;
  g_autofree char *label = NULL;
  g_autofree char *message = NULL;
  const char *text;
  Bulk *bulk = get_bulk (self);
  guint n, n_documents;

  g_return_val_if_fail (GLOSS_IS_WINDOW (self), FALSE);

  if (n_annotations != NULL)
    *n_annotations = 0;
  if (project == NULL || document == NULL ||
      gloss_document_view_get_selected_annotation (view) == NULL)
    {
      gloss_window_show_message (self, _("Select an annotation first"));
      return TRUE;
    }
  /* a snapshot: the step reloads the open list, which replaces its items */
  selected = g_object_ref (gloss_document_view_get_selected_annotation (view));
  text = gloss_document_get_text (document);
  if (text == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot read the text of “%s”"),
                   gloss_document_get_name (document));
      return FALSE;
    }
  needle = g_utf8_substring (text, gloss_annotation_get_start (selected),
                             gloss_annotation_get_end (selected));
  label = g_strdup (gloss_annotation_get_label (selected));

  if (!gloss_project_annotate_everywhere (project, label, needle, TRUE, &step, NULL, error))
    return FALSE;

  n = gloss_bulk_step_get_n_annotations (step);
  n_documents = gloss_bulk_step_get_n_documents (step);
  if (n_annotations != NULL)
    *n_annotations = n;
  if (n == 0)
    {
      message = g_strdup_printf (_("No other occurrences of “%s” to annotate in any document"),
                                 needle);
      gloss_window_show_message (self, message);
      return TRUE;
    }

  g_set_object (&bulk->step, step);
  g_set_weak_pointer (&bulk->project, project);
  forget_document_history (self);
  refresh_counts (GTK_WIDGET (self));
  _gloss_window_bulk_update_undo (self);

  {
    g_autofree char *documents = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u document",
                                                               "%u documents", n_documents),
                                                  n_documents);

    /* Translators: the second %s is "N documents" */
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Annotated %u occurrence in %s",
                                            "Annotated %u occurrences in %s", n),
                               n, documents);
  }
  gloss_window_show_message (self, message);
  return TRUE;
}

void
_gloss_window_bulk_update_undo (GlossWindow *self)
{
  Bulk *bulk = get_bulk (self);
  GlossAnnotationList *list = document_list (self);
  GlossBulkStep *step = current_step (self);
  gboolean doc_undo = list != NULL && gloss_annotation_list_can_undo (list);
  gboolean doc_redo = list != NULL && gloss_annotation_list_can_redo (list);
  gboolean step_undo = !doc_undo && step != NULL && gloss_bulk_step_can_undo (step);
  gboolean step_redo = !doc_redo && step != NULL && gloss_bulk_step_can_redo (step);
  GtkWidget *undo_button = history_button (self, &bulk->undo_button, "win.undo");
  GtkWidget *redo_button = history_button (self, &bulk->redo_button, "win.redo");
  g_autofree char *description = step != NULL ? gloss_bulk_step_dup_description (step) : NULL;
  g_autofree char *undo_text = NULL;
  g_autofree char *redo_text = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", doc_undo || step_undo);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", doc_redo || step_redo);

  /* Translators: %s is "Annotate All “x” in All Documents" */
  undo_text = step_undo ? g_strdup_printf (_("Undo %s"), description) : NULL;
  /* Translators: %s is "Annotate All “x” in All Documents" */
  redo_text = step_redo ? g_strdup_printf (_("Redo %s"), description) : NULL;
  describe (undo_button, _("Undo"), undo_text);
  describe (redo_button, _("Redo"), redo_text);
}

gboolean
_gloss_window_bulk_can_undo (GlossWindow *self)
{
  GlossBulkStep *step;

  g_return_val_if_fail (GLOSS_IS_WINDOW (self), FALSE);
  step = current_step (self);
  return step != NULL && gloss_bulk_step_can_undo (step);
}

gboolean
_gloss_window_bulk_can_redo (GlossWindow *self)
{
  GlossBulkStep *step;

  g_return_val_if_fail (GLOSS_IS_WINDOW (self), FALSE);
  step = current_step (self);
  return step != NULL && gloss_bulk_step_can_redo (step);
}

gboolean
_gloss_window_bulk_undo (GlossWindow  *self,
                         GError      **error)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), FALSE);
  return run_step (self, TRUE, error);
}

gboolean
_gloss_window_bulk_redo (GlossWindow  *self,
                         GError      **error)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), FALSE);
  return run_step (self, FALSE, error);
}

GlossBulkStep *
_gloss_window_get_bulk_step (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), NULL);
  return current_step (self);
}
