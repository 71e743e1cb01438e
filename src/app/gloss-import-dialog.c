/* gloss-import-dialog.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-change-set.h"
#include "gloss-format.h"
#include "gloss-import-dialog-private.h"
#include "gloss-import-dialog.h"
#include "gloss-task-runner.h"
#include "gloss-window-bulk-private.h"
#include "gloss-window.h"

struct _GlossImportDialog
{
  GtkWindow          parent_instance;

  GlossProject      *project;        /* owned; NULL once disposed */
  GPtrArray         *paths;          /* owned: char * file names, in list order */
  GPtrArray         *format_names;   /* owned: char *, [0] NULL = detect */
  GCancellable      *cancellable;    /* owned while running */
  GlossImportReport *report;         /* owned: the last import's */
  GError            *error;          /* owned: the last import's */
  GlossChangeSet    *changes;        /* owned: the last import's, for Undo; NULL on error */
  char              *toast;          /* owned: what the window says when the dialog closes */
  GtkStringList     *problems;       /* owned: the report's rows */
  GArray            *severities;     /* owned: GlossProblemSeverity per row */
  gboolean           running;
  gboolean           close_when_done;

  /* template children */
  GtkEntry          *annotator_entry;
  GtkButton         *back_button;
  GtkButton         *cancel_button;
  GtkButton         *close_button;
  GtkButton         *copy_button;
  GtkButton         *done_button;
  GtkListBox        *file_list;
  GtkDropDown       *format_dropdown;
  GtkButton         *import_button;
  GtkLabel          *problems_heading;
  GtkFrame          *problems_frame;
  GtkListView       *problem_list;
  GtkProgressBar    *progress_bar;
  GtkLabel          *report_counts;
  GtkLabel          *report_detail;
  GtkImage          *report_icon;
  GtkLabel          *report_title;
  GtkSwitch         *skip_bad_switch;
  GtkStack          *stack;            /* borrowed: the window's child */
};

G_DEFINE_FINAL_TYPE (GlossImportDialog, gloss_import_dialog, GTK_TYPE_WINDOW)

typedef struct
{
  char              **paths;
  char               *format;
  char               *annotator;
  gboolean            skip_bad;
  GlossImportReport  *report;     /* owned until the dialog takes it */
  GlossChangeSet     *changes;    /* owned until the dialog takes it: the applied import */
} ImportJob;

/* ---- helpers ----------------------------------------------------------- */

static void
import_job_free (ImportJob *job)
{
  g_strfreev (job->paths);
  g_free (job->format);
  g_free (job->annotator);
  g_clear_pointer (&job->report, gloss_import_report_free);
  g_clear_object (&job->changes);
  g_free (job);
}

static void
update_buttons (GlossImportDialog *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  gboolean setup = g_strcmp0 (page, "setup") == 0;
  gboolean report = g_strcmp0 (page, "report") == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->close_button), setup);
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), setup);
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), self->paths->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->done_button), report);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), report && self->error != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->copy_button), report && self->report != NULL);
}

static void
remove_clicked_cb (GtkButton         *button,
                   GlossImportDialog *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  int index;

  if (row == NULL || self->running)
    return;
  index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  if (index < 0 || (guint) index >= self->paths->len)
    return;
  g_ptr_array_remove_index (self->paths, index);
  gtk_list_box_remove (self->file_list, row);
  update_buttons (self);
}

static GtkWidget *
new_file_row (GlossImportDialog *self,
              const char        *path)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *base_display = g_filename_display_name (base);
  g_autofree char *remove_label = NULL;
  gboolean is_dir = g_file_test (path, G_FILE_TEST_IS_DIR);
  GtkWidget *box, *icon, *labels, *name, *where, *remove;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  icon = gtk_image_new_from_icon_name (is_dir ? "folder-symbolic" : "text-x-generic-symbolic");
  gtk_box_append (GTK_BOX (box), icon);

  labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (labels, TRUE);
  name = gtk_label_new (base_display);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_MIDDLE);
  gtk_box_append (GTK_BOX (labels), name);
  where = gtk_label_new (display);
  gtk_label_set_xalign (GTK_LABEL (where), 0);
  gtk_label_set_ellipsize (GTK_LABEL (where), PANGO_ELLIPSIZE_START);
  gtk_widget_add_css_class (where, "dim-label");
  gtk_widget_add_css_class (where, "caption");
  gtk_box_append (GTK_BOX (labels), where);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_widget_set_tooltip_text (labels, display);

  remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  /* Translators: accessible name of the button removing a file from the list */
  remove_label = g_strdup_printf (_("Remove “%s”"), base_display);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_label, -1);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);
  gtk_box_append (GTK_BOX (box), remove);

  return box;
}

static void
add_path (GlossImportDialog *self,
          const char        *path)
{
  for (guint i = 0; i < self->paths->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->paths, i), path) == 0)
      return;

  g_ptr_array_add (self->paths, g_strdup (path));
  gtk_list_box_append (self->file_list, new_file_row (self, path));
  update_buttons (self);
}

static void
fill_formats (GlossImportDialog *self)
{
  GPtrArray *formats = gloss_format_list ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  gtk_string_list_append (names, _("Detect automatically"));
  g_ptr_array_add (self->format_names, NULL);
  for (guint i = 0; i < formats->len; i++)
    {
      GlossFormat *format = g_ptr_array_index (formats, i);

      if (!gloss_format_can_import (format))
        continue;
      gtk_string_list_append (names, gloss_format_get_display_name (format));
      g_ptr_array_add (self->format_names, g_strdup (gloss_format_get_name (format)));
    }
  gtk_drop_down_set_model (self->format_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->format_dropdown, 0);
}

static char *
problem_line (GlossProblem *p)
{
  if (p->file != NULL && p->line > 0)
    return g_strdup_printf ("%s:%u: %s", p->file, p->line, p->message);
  if (p->file != NULL)
    return g_strdup_printf ("%s: %s", p->file, p->message);
  return g_strdup (p->message);
}

static char *
join_names (GPtrArray *names)
{
  g_autoptr(GString) str = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        g_string_append (str, ", ");
      g_string_append (str, g_ptr_array_index (names, i));
    }
  return g_strdup (str->str);
}

static void
show_report (GlossImportDialog *self)
{
  GlossImportReport *report = self->report;
  g_autoptr(GString) detail = g_string_new (NULL);
  g_autofree char *counts = NULL;
  g_autofree char *heading = NULL;
  gboolean cancelled = g_error_matches (self->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  guint n_errors = gloss_import_report_count (report, GLOSS_PROBLEM_ERROR);
  guint n_problems = report->problems->len;
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->problems));
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_remove_css_class (GTK_WIDGET (self->report_icon), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->report_icon), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->report_icon), "success");
  if (self->error != NULL)
    {
      if (!cancelled)
        gtk_widget_add_css_class (GTK_WIDGET (self->report_icon), "error");
      gtk_image_set_from_icon_name (self->report_icon,
                                    cancelled ? "process-stop-symbolic" : "dialog-error-symbolic");
      gtk_label_set_label (self->report_title, cancelled ? _("Import Cancelled")
                                                         : _("Nothing Was Imported"));
      if (cancelled)
        gtk_label_set_label (self->report_counts,
                             _("The project is as it was before the import."));
      else if (g_error_matches (self->error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_PROBLEMS))
        gtk_label_set_label (self->report_counts,
                             _("The import found errors. Go back and turn on “Skip bad records” "
                               "to import the good records."));
      else
        gtk_label_set_label (self->report_counts, self->error->message);
    }
  else
    {
      /* Translators: the three parts of "3 documents, 12 annotations, 2 relations" */
      g_autofree char *docs = g_strdup_printf (ngettext ("%u document", "%u documents",
                                                         report->n_documents),
                                               report->n_documents);
      g_autofree char *anns = g_strdup_printf (ngettext ("%u annotation", "%u annotations",
                                                         report->n_annotations),
                                               report->n_annotations);
      g_autofree char *rels = g_strdup_printf (ngettext ("%u relation", "%u relations",
                                                         report->n_relations),
                                               report->n_relations);

      gtk_widget_add_css_class (GTK_WIDGET (self->report_icon),
                                n_errors > 0 ? "warning" : "success");
      gtk_image_set_from_icon_name (self->report_icon, n_errors > 0 ? "dialog-warning-symbolic"
                                                                    : "emblem-ok-symbolic");
      gtk_label_set_label (self->report_title, n_errors > 0 ? _("Imported, Bad Records Skipped")
                                                            : _("Import Complete"));
      /* Translators: "Imported 3 documents, 12 annotations, 2 relations." */
      counts = g_strdup_printf (_("Imported %s, %s, %s."), docs, anns, rels);
      gtk_label_set_label (self->report_counts, counts);
    }

  if (report->labels_added->len > 0)
    {
      g_autofree char *names = join_names (report->labels_added);

      g_string_append_printf (detail, _("Labels added to the schema: %s"), names);
    }
  if (report->relation_types_added->len > 0)
    {
      g_autofree char *names = join_names (report->relation_types_added);

      if (detail->len > 0)
        g_string_append_c (detail, '\n');
      g_string_append_printf (detail, _("Relation types added to the schema: %s"), names);
    }
  gtk_label_set_label (self->report_detail, detail->str);
  gtk_widget_set_visible (GTK_WIDGET (self->report_detail), detail->len > 0);

  for (guint i = 0; i < n_problems; i++)
    g_ptr_array_add (lines, problem_line (g_ptr_array_index (report->problems, i)));
  g_ptr_array_add (lines, NULL);
  g_array_set_size (self->severities, 0);
  for (guint i = 0; i < n_problems; i++)
    {
      GlossProblem *p = g_ptr_array_index (report->problems, i);

      g_array_append_val (self->severities, p->severity);
    }
  gtk_string_list_splice (self->problems, 0, n_old, (const char * const *) lines->pdata);

  if (n_problems > 0)
    {
      if (n_errors > 0)
        /* Translators: the heading above the list of problems */
        heading = g_strdup_printf (ngettext ("%u Problem, %u Error", "%u Problems, %u Errors",
                                             n_problems),
                                   n_problems, n_errors);
      else
        heading = g_strdup_printf (ngettext ("%u Problem", "%u Problems", n_problems),
                                   n_problems);
    }
  gtk_label_set_label (self->problems_heading, heading != NULL ? heading : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problems_heading), n_problems > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_frame), n_problems > 0);

  gtk_stack_set_visible_child_name (self->stack, "report");
  update_buttons (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->done_button));
}

/* The window this dialog imports for, or NULL. */
static GlossWindow *
get_window (GlossImportDialog *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (!GLOSS_IS_WINDOW (parent) || self->project == NULL ||
      gloss_window_get_project (GLOSS_WINDOW (parent)) != self->project)
    return NULL;
  return GLOSS_WINDOW (parent);
}

/* The import is the window's last step at once (win.undo takes it back);
 * its toast with Undo waits for the report to close. */
static void
offer_undo (GlossImportDialog *self)
{
  GlossWindow *window = get_window (self);
  GlossImportReport *report = self->report;
  g_autofree char *documents = NULL;

  if (window == NULL || !gloss_change_set_can_undo (self->changes))
    return;
  _gloss_window_bulk_take_changes (window, self->changes);

  /* Translators: the start of "Imported 3 documents (12 annotations)" */
  documents = g_strdup_printf (ngettext ("Imported %u document", "Imported %u documents",
                                         report->n_documents),
                               report->n_documents);
  /* Translators: %s is "Imported 3 documents"; the whole reads
   * "Imported 3 documents (12 annotations)" */
  self->toast = g_strdup_printf (ngettext ("%s (%u annotation)", "%s (%u annotations)",
                                           report->n_annotations),
                                 documents, report->n_annotations);
}

/* The report closes: the window says what was imported, with Undo. */
static void
show_toast (GlossImportDialog *self)
{
  g_autofree char *toast = g_steal_pointer (&self->toast);
  GlossWindow *window = get_window (self);

  if (toast != NULL && window != NULL && self->changes != NULL &&
      !gtk_widget_in_destruction (GTK_WIDGET (window)))
    _gloss_window_bulk_show_changes_toast (window, self->changes, toast);
}

/* ---- the worker -------------------------------------------------------- */

static gboolean
import_worker (GlossProject       *project,
               gpointer            data,
               GlossProgressFunc   progress,
               gpointer            progress_data,
               GCancellable       *cancellable,
               GError            **error)
{
  ImportJob *job = data;
  GlossImportOptions options = GLOSS_IMPORT_OPTIONS_INIT;

  options.format = job->format;
  options.annotator = job->annotator;
  options.skip_bad = job->skip_bad;
  options.progress = progress;
  options.progress_data = progress_data;

  return gloss_format_import_full (project, (const char * const *) job->paths, &options,
                                   job->report, &job->changes, cancellable, error);
}

static void
import_progress_cb (double   fraction,
                    gpointer user_data)
{
  GlossImportDialog *self = user_data;

  if (self->project != NULL)
    gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

static void
import_done_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GlossImportDialog *self = GLOSS_IMPORT_DIALOG (source_object);
  ImportJob *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) refresh_error = NULL;

  gloss_task_runner_run_finish (result, &error);
  self->running = FALSE;
  g_clear_object (&self->cancellable);

  /* Disposed meanwhile (the window closed): the worker's project rolled
   * back or committed on its own; nothing to show. */
  if (self->project == NULL)
    return;

  if (!gloss_task_runner_refresh_project (self->project, &refresh_error))
    g_warning ("Cannot refresh the project after the import: %s", refresh_error->message);

  g_clear_pointer (&self->report, gloss_import_report_free);
  g_clear_error (&self->error);
  g_clear_object (&self->changes);
  g_clear_pointer (&self->toast, g_free);
  self->report = g_steal_pointer (&job->report);
  self->error = g_steal_pointer (&error);
  if (self->error == NULL && job->changes != NULL)
    {
      self->changes = g_steal_pointer (&job->changes);
      offer_undo (self);
    }

  if (self->close_when_done)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  show_report (self);
}

/* ---- callbacks --------------------------------------------------------- */

static void
close_clicked_cb (GlossImportDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
back_clicked_cb (GlossImportDialog *self)
{
  if (self->running)
    return;
  gtk_stack_set_visible_child_name (self->stack, "setup");
  update_buttons (self);
}

static void
done_clicked_cb (GlossImportDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
cancel_clicked_cb (GlossImportDialog *self)
{
  _gloss_import_dialog_cancel (self);
}

static void
copy_clicked_cb (GlossImportDialog *self)
{
  g_autofree char *text = NULL;

  if (self->report == NULL)
    return;
  text = gloss_import_report_to_string (self->report);
  if (self->error != NULL)
    {
      char *with_error = g_strconcat (self->error->message, "\n", text, NULL);

      g_free (text);
      text = with_error;
    }
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
}

static void
import_clicked_cb (GlossImportDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->format_dropdown);
  const char *format = NULL;

  if (selected != GTK_INVALID_LIST_POSITION && selected < self->format_names->len)
    format = g_ptr_array_index (self->format_names, selected);

  g_ptr_array_add (self->paths, NULL);
  _gloss_import_dialog_start (self, (const char * const *) self->paths->pdata, format,
                              gtk_editable_get_text (GTK_EDITABLE (self->annotator_entry)),
                              gtk_switch_get_active (self->skip_bad_switch));
  g_ptr_array_remove_index (self->paths, self->paths->len - 1);
}

static void
chooser_response_cb (GtkNativeDialog   *native,
                     int                response,
                     GlossImportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          gloss_import_dialog_add_file (self, file);
        }
    }
  g_object_unref (native);
}

static void
choose (GlossImportDialog    *self,
        GtkFileChooserAction  action)
{
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (action == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                          ? _("Add Folders") : _("Add Files"),
                                        GTK_WINDOW (self), action, _("_Add"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), TRUE);
  g_signal_connect_object (native, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
add_files_clicked_cb (GlossImportDialog *self)
{
  choose (self, GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
add_folder_clicked_cb (GlossImportDialog *self)
{
  choose (self, GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
}

static gboolean
drop_cb (GtkDropTarget     *target,
         const GValue      *value,
         double             x,
         double             y,
         GlossImportDialog *self)
{
  GdkFileList *list;
  g_autoptr(GSList) files = NULL;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || self->running ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "setup") != 0)
    return FALSE;
  list = g_value_get_boxed (value);
  files = gdk_file_list_get_files (list);
  for (GSList *l = files; l != NULL; l = l->next)
    gloss_import_dialog_add_file (self, l->data);
  return TRUE;
}

static void
setup_problem_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_margin_start (box, 8);
  gtk_widget_set_margin_end (box, 8);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (item, box);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_problem_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 GlossImportDialog        *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (icon);
  GtkStringObject *string = gtk_list_item_get_item (item);
  guint position = gtk_list_item_get_position (item);
  GlossProblemSeverity severity = GLOSS_PROBLEM_NOTE;

  if (position < self->severities->len)
    severity = g_array_index (self->severities, GlossProblemSeverity, position);

  gtk_label_set_label (GTK_LABEL (label), gtk_string_object_get_string (string));
  gtk_widget_remove_css_class (label, "error");
  gtk_widget_remove_css_class (label, "warning");
  gtk_widget_remove_css_class (icon, "error");
  gtk_widget_remove_css_class (icon, "warning");
  switch (severity)
    {
    case GLOSS_PROBLEM_ERROR:
      gtk_image_set_from_icon_name (GTK_IMAGE (icon), "dialog-error-symbolic");
      gtk_widget_add_css_class (label, "error");
      gtk_widget_add_css_class (icon, "error");
      gtk_widget_set_tooltip_text (icon, _("Error"));
      break;
    case GLOSS_PROBLEM_WARNING:
      gtk_image_set_from_icon_name (GTK_IMAGE (icon), "dialog-warning-symbolic");
      gtk_widget_add_css_class (icon, "warning");
      gtk_widget_set_tooltip_text (icon, _("Warning"));
      break;
    case GLOSS_PROBLEM_NOTE:
    default:
      gtk_image_set_from_icon_name (GTK_IMAGE (icon), "dialog-information-symbolic");
      gtk_widget_set_tooltip_text (icon, _("Note"));
      break;
    }
}

/* ---- vfuncs ------------------------------------------------------------ */

static gboolean
gloss_import_dialog_close_request (GtkWindow *window)
{
  GlossImportDialog *self = GLOSS_IMPORT_DIALOG (window);

  /* Closing while the worker runs cancels it; the window goes once the
   * import has rolled back. */
  if (self->running)
    {
      self->close_when_done = TRUE;
      g_cancellable_cancel (self->cancellable);
      return TRUE;
    }
  show_toast (self);

  return GTK_WINDOW_CLASS (gloss_import_dialog_parent_class)->close_request (window);
}

static void
gloss_import_dialog_dispose (GObject *object)
{
  GlossImportDialog *self = GLOSS_IMPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_IMPORT_DIALOG);

  g_clear_object (&self->project);

  G_OBJECT_CLASS (gloss_import_dialog_parent_class)->dispose (object);
}

static void
gloss_import_dialog_finalize (GObject *object)
{
  GlossImportDialog *self = GLOSS_IMPORT_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->problems);
  g_clear_pointer (&self->severities, g_array_unref);
  g_clear_pointer (&self->paths, g_ptr_array_unref);
  g_clear_pointer (&self->format_names, g_ptr_array_unref);
  g_clear_pointer (&self->report, gloss_import_report_free);
  g_clear_error (&self->error);
  g_clear_object (&self->changes);
  g_free (self->toast);

  G_OBJECT_CLASS (gloss_import_dialog_parent_class)->finalize (object);
}

static void
gloss_import_dialog_class_init (GlossImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = gloss_import_dialog_dispose;
  object_class->finalize = gloss_import_dialog_finalize;
  window_class->close_request = gloss_import_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/gloss-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossImportDialog, annotator_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossImportDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, GlossImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, GlossImportDialog, close_button);
  gtk_widget_class_bind_template_child (widget_class, GlossImportDialog, copy_button);
  gtk_widget_class_bind_template_child (widget_class, GlossImportDialog, done_button);
  gtk_widget_class_bind_template_child (widget_class, GlossImportDialog, file_list);
  gtk_widget_class_bind_template_child (widget_class, GlossImportDialog, format_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GlossImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, GlossImportDialog, problem_list);
  gtk_widget_class_bind_template_child (widget_class, GlossImportDialog, problems_frame);
  gtk_widget_class_bind_template_child (widget_class, GlossImportDialog, problems_heading);
  gtk_widget_class_bind_template_child (widget_class, GlossImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, GlossImportDialog, report_counts);
  gtk_widget_class_bind_template_child (widget_class, GlossImportDialog, report_detail);
  gtk_widget_class_bind_template_child (widget_class, GlossImportDialog, report_icon);
  gtk_widget_class_bind_template_child (widget_class, GlossImportDialog, report_title);
  gtk_widget_class_bind_template_child (widget_class, GlossImportDialog, skip_bad_switch);
  gtk_widget_class_bind_template_callback (widget_class, add_files_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_folder_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, close_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, done_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, import_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gloss_import_dialog_init (GlossImportDialog *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Not a bound template child: gtk_widget_dispose_template() would unparent
   * the window's child behind GtkWindow's back. */
  self->stack = GTK_STACK (gtk_window_get_child (GTK_WINDOW (self)));

  self->paths = g_ptr_array_new_with_free_func (g_free);
  self->format_names = g_ptr_array_new_with_free_func (g_free);
  self->problems = gtk_string_list_new (NULL);
  self->severities = g_array_new (FALSE, FALSE, sizeof (GlossProblemSeverity));

  fill_formats (self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_problem_cb), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_problem_cb), self, 0);
  gtk_list_view_set_factory (self->problem_list, factory);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->problems)));
  gtk_list_view_set_model (self->problem_list, GTK_SELECTION_MODEL (selection));

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));

  gtk_stack_set_visible_child_name (self->stack, "setup");
  update_buttons (self);
}

/* ---- public API -------------------------------------------------------- */

GtkWidget *
gloss_import_dialog_new (GtkWindow    *parent,
                         GlossProject *project)
{
  GlossImportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (GLOSS_IS_PROJECT (project), NULL);

  self = g_object_new (GLOSS_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  self->project = g_object_ref (project);
  /* Empty keeps the annotators the files name (doccano's per-user files,
   * Gloss JSONL); files that name nobody get the project's annotator. */
  {
    const char *fallback = gloss_project_get_annotator (project);
    g_autofree char *placeholder = NULL;

    if (fallback == NULL || *fallback == '\0')
      fallback = g_get_user_name ();
    /* Translators: the placeholder of the annotator entry in the Import dialog */
    placeholder = g_strdup_printf (_("As each file says, else %s"), fallback);
    gtk_entry_set_placeholder_text (self->annotator_entry, placeholder);
  }

  return GTK_WIDGET (self);
}

void
gloss_import_dialog_add_file (GlossImportDialog *self,
                              GFile             *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (GLOSS_IS_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path != NULL && !self->running)
    add_path (self, path);
}

void
_gloss_import_dialog_start (GlossImportDialog  *self,
                            const char * const *paths,
                            const char         *format,
                            const char         *annotator,
                            gboolean            skip_bad)
{
  ImportJob *job;

  g_return_if_fail (GLOSS_IS_IMPORT_DIALOG (self));
  g_return_if_fail (paths != NULL && paths[0] != NULL);
  g_return_if_fail (!self->running);
  g_return_if_fail (self->project != NULL);

  job = g_new0 (ImportJob, 1);
  job->paths = g_strdupv ((char **) paths);
  job->format = g_strdup (format);
  job->annotator = annotator != NULL && *annotator != '\0' ? g_strdup (annotator) : NULL;
  job->skip_bad = skip_bad;
  job->report = gloss_import_report_new ();

  self->running = TRUE;
  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_stack_set_visible_child_name (self->stack, "running");
  update_buttons (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));

  gloss_task_runner_run_async (self, self->project, import_worker, job,
                               (GDestroyNotify) import_job_free, import_progress_cb, self,
                               self->cancellable, import_done_cb, job);
}

void
_gloss_import_dialog_import (GlossImportDialog *self)
{
  g_return_if_fail (GLOSS_IS_IMPORT_DIALOG (self));

  import_clicked_cb (self);
}

gboolean
_gloss_import_dialog_is_running (GlossImportDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_IMPORT_DIALOG (self), FALSE);
  return self->running;
}

void
_gloss_import_dialog_cancel (GlossImportDialog *self)
{
  g_return_if_fail (GLOSS_IS_IMPORT_DIALOG (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

GlossImportReport *
_gloss_import_dialog_get_report (GlossImportDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_IMPORT_DIALOG (self), NULL);
  return self->report;
}

const GError *
_gloss_import_dialog_get_error (GlossImportDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_IMPORT_DIALOG (self), NULL);
  return self->error;
}

GListModel *
_gloss_import_dialog_get_problems (GlossImportDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_IMPORT_DIALOG (self), NULL);
  return G_LIST_MODEL (self->problems);
}

GPtrArray *
_gloss_import_dialog_get_paths (GlossImportDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_IMPORT_DIALOG (self), NULL);
  return self->paths;
}
