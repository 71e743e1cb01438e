/* gloss-window-actions.c: the window's actions (win.*) and when they are enabled
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-annotation-list.h"
#include "gloss-command.h"
#include "gloss-document-view.h"
#include "gloss-document.h"
#include "gloss-export-dialog.h"
#include "gloss-import-dialog.h"
#include "gloss-project-properties.h"
#include "gloss-project.h"
#include "gloss-schema-editor.h"
#include "gloss-store.h"
#include "gloss-window-bulk-private.h"
#include "gloss-window-private.h"
#include "gloss-window-teams-private.h"

/* ---- actions ----------------------------------------------------------- */

static gboolean
curating (GlossWindow *self)
{
  return self->annotations != NULL && gtk_toggle_button_get_active (self->curate_button);
}

gboolean
_gloss_window_can_undo_rejection (GlossWindow *self,
                                  gboolean     undo)
{
  if (!curating (self))
    return FALSE;
  return undo ? gloss_curation_view_can_undo_reject (self->curation_view)
              : gloss_curation_view_can_redo_reject (self->curation_view);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  /* A curation's last step may be a rejection, which is not in the list. */
  if (curating (self) && gloss_curation_view_can_undo_reject (self->curation_view))
    {
      if (!gloss_curation_view_undo_reject (self->curation_view, &error))
        gloss_window_show_error (self, _("Could not undo"), error);
      return;
    }

  if (self->annotations == NULL || !gloss_annotation_list_can_undo (self->annotations))
    {
      /* the document's history first, then the last bulk step */
      if (_gloss_window_bulk_can_undo (self) && !_gloss_window_bulk_undo (self, &error))
        gloss_window_show_error (self, _("Could not undo"), error);
      return;
    }

  if (!gloss_annotation_list_undo (self->annotations, &error))
    gloss_window_show_error (self, _("Could not undo"), error);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (curating (self) && gloss_curation_view_can_redo_reject (self->curation_view))
    {
      if (!gloss_curation_view_redo_reject (self->curation_view, &error))
        gloss_window_show_error (self, _("Could not redo"), error);
      return;
    }

  if (self->annotations == NULL || !gloss_annotation_list_can_redo (self->annotations))
    {
      if (_gloss_window_bulk_can_redo (self) && !_gloss_window_bulk_redo (self, &error))
        gloss_window_show_error (self, _("Could not redo"), error);
      return;
    }

  if (!gloss_annotation_list_redo (self->annotations, &error))
    gloss_window_show_error (self, _("Could not redo"), error);
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);

  if (self->project != NULL)
    gtk_widget_grab_focus (
      GTK_WIDGET (gloss_document_sidebar_get_search_entry (self->document_sidebar)));
}

static void
go_to_document (GlossWindow *self,
                int          direction)
{
  GListModel *model = gloss_document_sidebar_get_documents (self->document_sidebar);
  guint n = g_list_model_get_n_items (model);
  guint position = gloss_document_sidebar_get_selected (self->document_sidebar);

  if (n == 0)
    return;

  if (position == GTK_INVALID_LIST_POSITION)
    position = direction > 0 ? 0 : n - 1;
  else if (direction > 0 && position + 1 < n)
    position++;
  else if (direction < 0 && position > 0)
    position--;
  else
    {
      gloss_window_show_message (self, direction > 0 ? _("This is the last document")
                                        : _("This is the first document"));
      return;
    }

  _gloss_window_select_position (self, position);
  /* While curating, the keys stay in the curation list. */
  _gloss_window_focus_document (self);
}

static void
next_document_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  go_to_document (GLOSS_WINDOW (widget), 1);
}

static void
previous_document_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  go_to_document (GLOSS_WINDOW (widget), -1);
}

/* The first document after the open one in the list as shown that the
 * project's annotator has not marked done, going round to the top of the
 * list after its end; NULL when there is none but the open one. One query
 * for the statuses, then the list only as far as the first found. */
static GlossDocument *
dup_next_unfinished (GlossWindow *self)
{
  GListModel *model = gloss_document_sidebar_get_documents (self->document_sidebar);
  GlossStore *store = gloss_project_get_store (self->project);
  guint n = g_list_model_get_n_items (model);
  guint position = gloss_document_sidebar_get_selected (self->document_sidebar);
  g_autoptr(GHashTable) done = NULL;

  done = gloss_store_find_documents_with_status (store, gloss_project_get_annotator (self->project),
                                                 GLOSS_DOCUMENT_STATUS_DONE, FALSE);
  if (n == 0 || g_hash_table_size (done) >= gloss_store_count_documents (store))
    return NULL;
  if (position == GTK_INVALID_LIST_POSITION || position >= n)
    position = n - 1;

  for (guint k = 1; k <= n; k++)
    {
      g_autoptr(GlossDocument) document = g_list_model_get_item (model, (position + k) % n);
      gint64 id = gloss_document_get_id (document);

      if (id != gloss_document_get_id (self->document) && !g_hash_table_contains (done, &id))
        return g_steal_pointer (&document);
    }
  return NULL;
}

/* Ctrl+Enter: done, then on to the next unfinished document, from the
 * last one round to the first. */
static void
mark_done_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  g_autoptr(GlossCommand) command = NULL;
  g_autoptr(GlossDocument) next = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  GListModel *model;

  if (self->annotations == NULL)
    return;

  command = gloss_command_new (_("Mark document done"));
  gloss_command_set_document_status (command, NULL, GLOSS_DOCUMENT_STATUS_DONE);
  if (!gloss_annotation_list_apply (self->annotations, command, &error))
    {
      _gloss_window_show_problem (self, error->message);
      return;
    }

  next = dup_next_unfinished (self);
  if (next == NULL)
    {
      /* Translators: shown after Ctrl+Enter on the last unfinished document */
      message = g_strdup_printf (_("“%s” marked done: every document is done"),
                                 gloss_document_get_name (self->document));
      gloss_window_show_message (self, message);
      return;
    }

  /* Translators: shown after Ctrl+Enter, with the document's name */
  message = g_strdup_printf (_("“%s” marked done"), gloss_document_get_name (self->document));
  /* the list may have lost the open document (a status filter): by identity */
  model = gloss_document_sidebar_get_documents (self->document_sidebar);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GlossDocument) document = g_list_model_get_item (model, i);

      if (gloss_document_get_id (document) == gloss_document_get_id (next))
        {
          _gloss_window_select_position (self, i);
          gtk_widget_grab_focus (GTK_WIDGET (self->view));
          break;
        }
    }
  gloss_window_show_message (self, message);
}

static void
view_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);

  if (self->annotations == NULL)
    return;

  if (g_str_equal (action_name, "win.label-popover"))
    gloss_document_view_show_label_popover (self->view);
  else if (g_str_equal (action_name, "win.add-fragment"))
    gloss_document_view_add_fragment (self->view);
  else if (g_str_equal (action_name, "win.start-link"))
    gloss_document_view_start_link (self->view);
  else if (g_str_equal (action_name, "win.annotate-all"))
    _gloss_window_annotate_all_in_document (self);
  else if (g_str_equal (action_name, "win.delete-annotation"))
    gloss_document_view_delete_selected (self->view);
}

/* F2: into the inspector, to its first attribute control or the note;
 * Escape there returns to the text (inspector_escape_cb). */
static void
edit_annotation_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);

  if (self->annotations != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->inspector));
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);

  if (self->annotations == NULL)
    return;

  gtk_search_bar_set_search_mode (self->find_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->find_entry));
}

static void
close_find_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  gtk_search_bar_set_search_mode (GLOSS_WINDOW (widget)->find_bar, FALSE);
}

static void
find_next_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);

  gloss_document_view_find_next (self->view,
                                 g_str_equal (action_name, "win.find-previous") ? -1 : 1);
}

static void
edit_schema_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);

  if (self->project == NULL)
    return;

  gtk_window_present (GTK_WINDOW (gloss_schema_editor_new (GTK_WINDOW (self), self->project)));
}

static void
project_properties_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  GtkWidget   *properties;

  if (self->project == NULL)
    return;

  properties = gloss_project_properties_new (GTK_WINDOW (self), self->project);
  g_signal_connect_object (properties, "suggesters-changed",
                           G_CALLBACK (_gloss_window_suggest_settings_changed), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (properties));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);

  if (self->project == NULL)
    return;

  gtk_window_present (GTK_WINDOW (gloss_import_dialog_new (GTK_WINDOW (self), self->project)));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);

  if (self->project == NULL)
    return;

  gtk_window_present (GTK_WINDOW (gloss_export_dialog_new (GTK_WINDOW (self), self->project)));
}

static void
curate_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);

  if (self->annotations == NULL)
    return;

  gtk_toggle_button_set_active (self->curate_button,
                                !gtk_toggle_button_get_active (self->curate_button));
}

/* The queue of every undecided disagreement, filtered ("(ssss)": label,
 * annotator, other annotator, kind; "" for any): from the menu, or a cell
 * of the agreement report. */
static void
curation_queue_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  const char  *label = "", *a = "", *b = "", *kind = "";
  g_autoptr(GError) error = NULL;

  if (self->project == NULL)
    return;
  if (parameter != NULL)
    g_variant_get (parameter, "(&s&s&s&s)", &label, &a, &b, &kind);
  if (self->annotations == NULL)
    gloss_window_restore_document (self);
  if (self->annotations == NULL)
    return;

  gtk_toggle_button_set_active (self->curate_button, TRUE);
  if (!gloss_curation_view_show_queue (self->curation_view, label, a, b, kind, &error))
    gloss_window_show_message (self, error->message);
  gtk_window_present (GTK_WINDOW (self));
  _gloss_window_focus_document (self);
}

/* ---- internal API (gloss-window-private.h) ------------------------------ */

static const char * const side_panels[] = { "annotations", "claims", "suggestions" };

static void
side_panel_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  const char  *name = g_variant_get_string (parameter, NULL);

  if (gtk_stack_get_child_by_name (self->side_stack, name) != NULL)
    gtk_stack_set_visible_child_name (self->side_stack, name);
}

void
_gloss_window_actions_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.focus-search", NULL, focus_search_action);
  gtk_widget_class_install_action (widget_class, "win.edit-schema", NULL, edit_schema_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.project-properties", NULL,
                                   project_properties_action);
  gtk_widget_class_install_action (widget_class, "win.no-recent", NULL, NULL);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  _gloss_window_teams_class_init (widget_class);
  gtk_widget_class_install_action (widget_class, "win.curate", NULL, curate_action);
  gtk_widget_class_install_action (widget_class, "win.curation-queue", "(ssss)",
                                   curation_queue_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_u, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.curate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_U, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.curate", NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK,
                                       "win.focus-search", NULL);
  /* Ctrl+E is "annotate all occurrences": export takes Ctrl+Shift+E. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK,
                                       "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_E,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.export", NULL);

  /* Annotating; the view itself handles hotkeys, Tab, Delete, Escape,
   * Alt+arrows and Ctrl+Shift+A (see _gloss_document_view_handle_key()). */
  gtk_widget_class_install_action (widget_class, "win.label-popover", NULL, view_action);
  gtk_widget_class_install_action (widget_class, "win.add-fragment", NULL, view_action);
  gtk_widget_class_install_action (widget_class, "win.start-link", NULL, view_action);
  gtk_widget_class_install_action (widget_class, "win.annotate-all", NULL, view_action);
  _gloss_window_bulk_class_init (widget_class);
  gtk_widget_class_install_action (widget_class, "win.delete-annotation", NULL, view_action);
  gtk_widget_class_install_action (widget_class, "win.edit-annotation", NULL,
                                   edit_annotation_action);
  gtk_widget_class_install_action (widget_class, "win.mark-done", NULL, mark_done_action);
  gtk_widget_class_install_action (widget_class, "win.next-document", NULL,
                                   next_document_action);
  gtk_widget_class_install_action (widget_class, "win.previous-document", NULL,
                                   previous_document_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.find-next", NULL, find_next_action);
  gtk_widget_class_install_action (widget_class, "win.close-find", NULL, close_find_action);
  gtk_widget_class_install_action (widget_class, "win.find-previous", NULL, find_next_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK,
                                       "win.label-popover", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_A,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.add-fragment",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.start-link", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.annotate-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "win.edit-annotation", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "win.mark-done", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "win.mark-done", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK,
                                       "win.next-document", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK,
                                       "win.previous-document", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F3, 0, "win.find-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F3, GDK_SHIFT_MASK,
                                       "win.find-previous", NULL);

  /* The side panel's tabs from the keyboard: Ctrl+Alt+1, 2, 3 */
  gtk_widget_class_install_action (widget_class, "win.side-panel", "s", side_panel_action);
  for (guint i = 0; i < G_N_ELEMENTS (side_panels); i++)
    {
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i,
                                           GDK_CONTROL_MASK | GDK_ALT_MASK, "win.side-panel",
                                           "s", side_panels[i]);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_1 + i,
                                           GDK_CONTROL_MASK | GDK_ALT_MASK, "win.side-panel",
                                           "s", side_panels[i]);
    }
}

void
_gloss_window_update_undo_actions (GlossWindow *self)
{
  /* The document's history (a curation's rejections included), then the
   * last bulk step: gloss-window-bulk.c weighs them and sets win.undo and
   * win.redo. */
  _gloss_window_bulk_update_undo (self);
}

void
_gloss_window_update_annotation_actions (GlossWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean open = self->annotations != NULL;
  gboolean selected = open && gloss_document_view_get_selected_annotation (self->view) != NULL;

  gtk_widget_action_set_enabled (widget, "win.add-fragment", selected);
  gtk_widget_action_set_enabled (widget, "win.start-link", selected);
  gtk_widget_action_set_enabled (widget, "win.annotate-all", selected);
  gtk_widget_action_set_enabled (widget, "win.annotate-all-documents", selected);
  gtk_widget_action_set_enabled (widget, "win.delete-annotation", selected);
  gtk_widget_action_set_enabled (widget, "win.edit-annotation", selected);
  gtk_widget_action_set_enabled (widget, "win.label-popover", open);
  gtk_widget_action_set_enabled (widget, "win.mark-done", open);
  gtk_widget_action_set_enabled (widget, "win.find", open);
  gtk_widget_action_set_enabled (widget, "win.curate", open);
  gtk_widget_action_set_enabled (widget, "win.find-next", open);
  gtk_widget_action_set_enabled (widget, "win.find-previous", open);
}

void
_gloss_window_update_project_actions (GlossWindow *self)
{
  GlossProject *project = self->project;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-schema", project != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", project != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.project-properties", project != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", project != NULL);
}
