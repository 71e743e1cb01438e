/* gloss-window-teams.c: merging project files and the agreement report, for the window
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-agreement-window.h"
#include "gloss-assignments.h"
#include "gloss-curation.h"
#include "gloss-document.h"
#include "gloss-merge.h"
#include "gloss-project.h"
#include "gloss-team-progress-window.h"
#include "gloss-window-private.h"
#include "gloss-window-teams-private.h"

/* Documents with more annotations show no curation progress in the list:
 * binding a row reads them all from the store. */
#define ROW_PROGRESS_MAX_ANNOTATIONS 20000

static void
teams_free (GlossWindowTeams *teams)
{
  g_clear_pointer (&teams->reports, g_ptr_array_unref);
  g_clear_pointer (&teams->names, g_ptr_array_unref);
  /* The report window goes with its parent (destroy-with-parent). */
  if (teams->report_window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (teams->report_window),
                                  (gpointer *) &teams->report_window);
}

static GlossWindowTeams *
get_teams (GlossWindow *self)
{
  return &self->teams;
}

static void
update_actions (GlossWindow *self)
{
  gboolean open = gloss_window_get_project (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.merge", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.agreement", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.team-progress", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo-merge",
                                 _gloss_window_can_undo_merge (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.merge-details",
                                 open && get_teams (self)->reports != NULL &&
                                   get_teams (self)->project == gloss_window_get_project (self));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* "Merged ben’s and cai’s work: 680 annotations in 12 documents": who
 * came in, and how many annotations changed in how many documents. */
static char *
merge_summary (GPtrArray *reports)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) documents = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *who = NULL;
  g_autofree char *what = NULL;
  guint annotations = 0;

  for (guint i = 0; i < reports->len; i++)
    {
      GlossMergeReport *report = reports->pdata[i];

      for (guint k = 0; k < report->annotators->len; k++)
        {
          GlossMergeAnnotator *a = report->annotators->pdata[k];

          if (g_hash_table_add (seen, a->annotator))
            g_ptr_array_add (names, a->annotator);
          annotations += a->annotations_added + a->annotations_updated + a->annotations_deleted;
        }
      for (guint k = 0; k < report->documents->len; k++)
        g_hash_table_add (documents, &g_array_index (report->documents, gint64, k));
    }
  if (names->len == 0)
    return g_strdup (_("Nothing new to merge"));

  g_ptr_array_sort (names, compare_names);
  if (names->len == 1)
    /* Translators: "Merged ben’s work" */
    who = g_strdup_printf (_("Merged %s’s work"), (char *) names->pdata[0]);
  else if (names->len == 2)
    who = g_strdup_printf (_("Merged %s’s and %s’s work"), (char *) names->pdata[0],
                           (char *) names->pdata[1]);
  else if (names->len == 3)
    who = g_strdup_printf (_("Merged %s’s, %s’s and %s’s work"), (char *) names->pdata[0],
                           (char *) names->pdata[1], (char *) names->pdata[2]);
  else
    who = g_strdup_printf (_("Merged the work of %u annotators"), names->len);
  what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u annotation", "%u annotations",
                                       annotations),
                          annotations);
  /* Translators: "Merged ben’s work", then "680 annotations", then "12
   * documents" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %s in %u document",
                                       "%s: %s in %u documents", g_hash_table_size (documents)),
                          who, what, g_hash_table_size (documents));
}

/* ---- the report window -------------------------------------------------- */

/* The report closed: a toast keeps the merge's Undo at hand a little
 * longer (the report's own Undo Merge button went with it). */
static void
report_destroyed_cb (GlossWindow *self)
{
  GlossWindowTeams *teams = get_teams (self);
  g_autofree char *message = NULL;

  /* (not when the window itself goes, taking the report with it) */
  if (gtk_widget_in_destruction (GTK_WIDGET (self)) || !_gloss_window_can_undo_merge (self))
    return;
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u project merged",
                                          "%u projects merged", teams->reports->len),
                             teams->reports->len);
  _gloss_window_show_action_toast (self, message, _("_Undo"), "win.undo-merge");
}

static void
report_undo_clicked_cb (GtkButton   *button,
                        GlossWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!_gloss_window_undo_merge (self, &error))
    gloss_window_show_error (self, _("Could not undo the merge"), error);
}

static GtkWidget *
report_label (const char *text,
              const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), g_strcmp0 (css_class, "numeric") == 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWindow *
show_report (GlossWindow  *self,
             GPtrArray    *names,
             GPtrArray    *reports,
             const GError *error)
{
  GlossWindowTeams *teams = get_teams (self);
  GtkWidget *window, *header, *box, *scroller, *content, *buttons, *close;
  g_autofree char *title = NULL;

  if (teams->report_window != NULL)
    gtk_window_destroy (teams->report_window);

  window = gtk_window_new ();
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 520, -1);
  gtk_window_set_title (GTK_WINDOW (window), _("Merge Report"));
  gtk_widget_add_css_class (window, "merge-report");
  header = gtk_header_bar_new ();
  gtk_window_set_titlebar (GTK_WINDOW (window), header);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u project merged",
                                        "%u projects merged", reports->len), reports->len);
  gtk_box_append (GTK_BOX (box), report_label (title, "title-2"));
  {
    g_autofree char *summary = merge_summary (reports);

    gtk_box_append (GTK_BOX (box), report_label (summary, NULL));
  }

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  for (guint i = 0; i < reports->len; i++)
    {
      g_autofree char *text = gloss_merge_report_to_string (reports->pdata[i]);

      gtk_box_append (GTK_BOX (content), report_label (names->pdata[i], "heading"));
      g_strchomp (text);
      gtk_box_append (GTK_BOX (content), report_label (text, "numeric"));
    }
  if (error != NULL)
    {
      g_autofree char *failed = g_strdup_printf (_("Stopped: %s"), error->message);

      gtk_box_append (GTK_BOX (content), report_label (failed, "error"));
    }
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), content);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 480);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (box), scroller);

  teams->undo_label = report_label (_("The merge is one step: Undo Merge takes all of it back, "
                                      "as long as nothing it wrote has been edited since."),
                                    "dim-label");
  gtk_box_append (GTK_BOX (box), teams->undo_label);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  teams->undo_button = gtk_button_new_with_mnemonic (_("_Undo Merge"));
  gtk_widget_add_css_class (teams->undo_button, "destructive-action");
  gtk_widget_set_sensitive (teams->undo_button, _gloss_window_can_undo_merge (self));
  g_signal_connect_object (teams->undo_button, "clicked", G_CALLBACK (report_undo_clicked_cb),
                           self, 0);
  close = gtk_button_new_with_mnemonic (_("_Close"));
  gtk_widget_add_css_class (close, "suggested-action");
  g_signal_connect_swapped (close, "clicked", G_CALLBACK (gtk_window_destroy), window);
  gtk_box_append (GTK_BOX (buttons), teams->undo_button);
  gtk_box_append (GTK_BOX (buttons), close);
  gtk_box_append (GTK_BOX (box), buttons);

  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_set_default_widget (GTK_WINDOW (window), close);
  gtk_window_set_focus (GTK_WINDOW (window), close);

  teams->report_window = GTK_WINDOW (window);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &teams->report_window);
  g_signal_connect_object (window, "destroy", G_CALLBACK (report_destroyed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));

  return GTK_WINDOW (window);
}

/* ---- actions ----------------------------------------------------------- */

static void
merge_response_cb (GtkNativeDialog *dialog,
                   int              response,
                   GlossWindow     *self)
{
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        g_ptr_array_add (array, g_list_model_get_item (files, i));
      if (array->len > 0 &&
          !_gloss_window_merge_files (self, (GFile **) array->pdata, array->len, &error))
        gloss_window_show_error (self, _("Could not merge the project"), error);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = NULL;

  if (gloss_window_get_project (self) == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Merge Projects"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Merge"), NULL);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Gloss projects"));
  gtk_file_filter_add_pattern (filter, "*.gloss");
  gtk_file_filter_add_mime_type (filter, "application/x-gloss-project");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (merge_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
merge_details_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  GlossWindowTeams *teams = get_teams (self);

  if (teams->reports == NULL || teams->project != gloss_window_get_project (self))
    return;
  show_report (self, teams->names, teams->reports, NULL);
}

static void
undo_merge_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!_gloss_window_undo_merge (self, &error))
    gloss_window_show_error (self, _("Could not undo the merge"), error);
}

static void
agreement_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  GtkWidget *window;

  if (gloss_window_get_project (self) == NULL)
    return;

  window = gloss_agreement_window_new (GTK_WINDOW (self), gloss_window_get_project (self),
                                       gloss_window_get_document (self));
  gtk_window_present (GTK_WINDOW (window));
}

static void
team_progress_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);

  if (gloss_window_get_project (self) == NULL)
    return;
  gtk_window_present (GTK_WINDOW (
    gloss_team_progress_window_new (GTK_WINDOW (self), gloss_window_get_project (self))));
}

/* ---- private API ------------------------------------------------------- */

void
_gloss_window_teams_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.merge", NULL, merge_action);
  gtk_widget_class_install_action (widget_class, "win.undo-merge", NULL, undo_merge_action);
  gtk_widget_class_install_action (widget_class, "win.merge-details", NULL,
                                   merge_details_action);
  gtk_widget_class_install_action (widget_class, "win.agreement", NULL, agreement_action);
  gtk_widget_class_install_action (widget_class, "win.team-progress", NULL,
                                   team_progress_action);
}

void
_gloss_window_teams_project_changed (GlossWindow *self)
{
  GlossWindowTeams *teams = get_teams (self);

  g_return_if_fail (GLOSS_IS_WINDOW (self));

  if (teams->project != gloss_window_get_project (self))
    {
      g_clear_pointer (&teams->reports, g_ptr_array_unref);
      g_clear_pointer (&teams->names, g_ptr_array_unref);
      teams->project = gloss_window_get_project (self);
    }
  update_actions (self);
}

gboolean
_gloss_window_can_undo_merge (GlossWindow *self)
{
  GlossWindowTeams *teams = get_teams (self);

  if (teams->reports == NULL || teams->project != gloss_window_get_project (self))
    return FALSE;
  for (guint i = 0; i < teams->reports->len; i++)
    if (gloss_merge_report_can_undo (teams->reports->pdata[i]))
      return TRUE;
  return FALSE;
}

gboolean
_gloss_window_merge_files (GlossWindow  *self,
                           GFile       **files,
                           guint         n_files,
                           GError      **error)
{
  GlossProject *project = gloss_window_get_project (self);
  GlossWindowTeams *teams = get_teams (self);
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (GLOSS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (project != NULL, FALSE);

  reports = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_merge_report_free);
  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);
      g_autoptr(GlossMergeReport) report = gloss_merge_report_new ();

      if (path == NULL)
        {
          g_autofree char *uri = g_file_get_uri (files[i]);

          g_set_error (&local_error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("%s is not a local file"), uri);
          break;
        }
      if (!gloss_merge_project (project, path, report, NULL, &local_error))
        {
          g_prefix_error (&local_error, "%s: ", path);
          break;
        }
      g_ptr_array_add (names, g_file_get_basename (files[i]));
      g_ptr_array_add (reports, g_steal_pointer (&report));
    }

  if (reports->len == 0)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_clear_pointer (&teams->reports, g_ptr_array_unref);
  g_clear_pointer (&teams->names, g_ptr_array_unref);
  teams->reports = g_ptr_array_ref (reports);
  teams->names = g_ptr_array_ref (names);
  teams->project = project;
  update_actions (self);
  /* Counts follow the documents; the curation progress is computed here. */
  _gloss_window_refresh_document_rows (self);

  /* A file refused: the report at once, saying so. Otherwise a toast says
   * who came in, and its Details open the report (and its Undo Merge). */
  if (local_error != NULL)
    show_report (self, names, reports, local_error);
  else
    {
      g_autofree char *summary = merge_summary (reports);

      _gloss_window_show_action_toast (self, summary, _("_Details"), "win.merge-details");
    }

  return TRUE;
}

gboolean
_gloss_window_undo_merge (GlossWindow  *self,
                          GError      **error)
{
  GlossWindowTeams *teams = get_teams (self);
  GlossProject *project = gloss_window_get_project (self);

  g_return_val_if_fail (GLOSS_IS_WINDOW (self), FALSE);

  if (!_gloss_window_can_undo_merge (self))
    {
      g_set_error_literal (error, GLOSS_MERGE_ERROR, GLOSS_MERGE_ERROR_NOTHING_TO_UNDO,
                           _("There is no merge to undo"));
      return FALSE;
    }

  for (guint i = teams->reports->len; i > 0; i--)
    {
      GlossMergeReport *report = teams->reports->pdata[i - 1];

      if (!gloss_merge_report_can_undo (report))
        continue;
      if (!gloss_project_undo_merge (project, report, error))
        {
          update_actions (self);
          return FALSE;
        }
    }

  update_actions (self);
  _gloss_window_refresh_document_rows (self);
  if (teams->undo_button != NULL && teams->report_window != NULL)
    {
      gtk_widget_set_sensitive (teams->undo_button, FALSE);
      gtk_label_set_label (GTK_LABEL (teams->undo_label), _("The merge was undone."));
    }
  gloss_window_show_message (self, _("Merge undone"));

  return TRUE;
}

void
_gloss_window_teams_update_row (GlossWindow      *self,
                                GlossDocumentRow *row,
                                GlossDocument    *document)
{
  GlossProject *project = gloss_window_get_project (self);
  guint n_curated = 0, n_units = 0, n_annotators = 0;

  g_return_if_fail (GLOSS_IS_WINDOW (self));
  g_return_if_fail (GLOSS_IS_DOCUMENT_ROW (row));

  /* one query for the row, only when it is bound (shown) */
  if (project != NULL && document != NULL)
    {
      g_auto(GStrv) assignees = gloss_store_dup_assignees (gloss_project_get_store (project),
                                                           gloss_document_get_id (document));
      gloss_document_row_set_assignees (row, assignees);
    }

  if (project == NULL || document == NULL ||
      gloss_document_get_n_annotations (document) > ROW_PROGRESS_MAX_ANNOTATIONS ||
      !gloss_curation_progress (project, document, &n_curated, &n_units, &n_annotators, NULL))
    {
      gloss_document_row_set_curation (row, 0, 0);
      return;
    }

  gloss_document_row_set_curation (row, n_curated, n_annotators >= 2 ? n_units : 0);
}

void
_gloss_window_teams_finalize (GlossWindow *self)
{
  teams_free (&self->teams);
}
