/* gloss-export-dialog.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "gloss-export-dialog-private.h"
#include "gloss-export-dialog.h"
#include "gloss-format.h"
#include "gloss-schema.h"
#include "gloss-store.h"
#include "gloss-task-runner.h"
#include "gloss-window-private.h"

struct _GlossExportDialog
{
  GtkWindow          parent_instance;

  GlossProject      *project;        /* owned; NULL once disposed */
  GSettings         *settings;       /* owned: the last format and folder */
  GPtrArray         *format_names;   /* owned: char *, dropdown order */
  GtkStringList     *annotators;     /* owned: [0] "All annotators" */
  char              *destination;    /* owned: chosen file or folder */
  char              *exported_folder;/* owned: the folder holding the last export */
  gboolean           destination_is_folder;
  GCancellable      *cancellable;    /* owned while running */
  GError            *error;          /* owned: the last export's */
  GlossImportReport *report;         /* owned: the last export's, NULL before */
  char              *left_out;       /* owned: what the last export left out that its report
                                      * does not say (labels of other layers), or NULL */
  GtkWidget         *warnings_box;   /* borrowed: scrolled text view under done_message */
  GtkTextBuffer     *warnings;       /* borrowed: its buffer */
  gboolean           running;
  gboolean           close_when_done;
  gboolean           annotator_applies; /* to the selected format */

  /* template children */
  GtkDropDown       *annotator_dropdown;
  GtkButton         *cancel_button;
  GtkButton         *close_button;
  GtkButton         *destination_button;
  GtkLabel          *destination_label;
  GtkButton         *done_button;
  GtkImage          *done_icon;
  GtkLabel          *done_message;
  GtkLabel          *done_title;
  GtkButton         *export_button;
  GtkDropDown       *format_dropdown;
  GtkLabel          *format_note;
  GtkLabel          *gold_note;
  GtkSwitch         *gold_switch;
  GtkListBox        *label_list;
  GtkWidget         *labels_box;
  GtkLabel          *labels_note;
  GtkButton         *open_folder_button;
  GtkCheckButton    *misaligned_check;
  GtkCheckButton    *partial_check;
  GtkProgressBar    *progress_bar;
  GtkSpinButton     *seed_spin;
  GtkLabel          *seed_label;
  GtkBox            *split_box;
  GtkLabel          *split_heading;
  GtkLabel          *split_label;
  GtkStack          *stack;            /* borrowed: the window's child */
  GtkDropDown       *status_dropdown;
  GtkSpinButton     *test_spin;
  GtkSpinButton     *train_spin;
  GtkSpinButton     *validation_spin;
};

G_DEFINE_FINAL_TYPE (GlossExportDialog, gloss_export_dialog, GTK_TYPE_WINDOW)

typedef struct
{
  char    *format;
  char    *path;
  char    *annotator;
  char   **labels;
  gboolean gold_only;
  gboolean include_partial;
  GlossMisaligned misaligned;
  int      status;
  guint    split[3];
  guint64  seed;
  gboolean to_folder;
  GlossImportReport *report;  /* what the format could not carry */
} ExportJob;

/* ---- helpers ----------------------------------------------------------- */

static void
export_job_free (ExportJob *job)
{
  g_free (job->format);
  g_free (job->path);
  g_free (job->annotator);
  g_strfreev (job->labels);
  g_clear_pointer (&job->report, gloss_import_report_free);
  g_free (job);
}

static GlossFormat *
selected_format (GlossExportDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->format_dropdown);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->format_names->len)
    return NULL;
  return gloss_format_lookup (g_ptr_array_index (self->format_names, selected));
}

/* Only the Hugging Face layout splits. */
static gboolean
format_uses_split (GlossFormat *format)
{
  return format != NULL && gloss_format_exports_splits (format);
}

/* Whether a filter (@probe sets it) applies to @format, as the core
 * decides for every export; when not, adds the reason to @reasons. */
static gboolean
filter_applies (GlossFormat              *format,
                const GlossExportOptions *probe,
                GString                  *reasons)
{
  g_autoptr(GError) error = NULL;

  if (format == NULL
      || gloss_format_check_export_options (gloss_format_get_name (format), probe, &error))
    return TRUE;
  if (reasons->len > 0)
    g_string_append_c (reasons, '\n');
  g_string_append (reasons, error->message);
  return FALSE;
}

/* The token-tag formats write entity-layer labels only unless labels are
 * named (gloss-format-conll.c), and no relations at all. */
static gboolean
format_tags_entities (GlossFormat *format)
{
  const char *name = format != NULL ? gloss_format_get_name (format) : NULL;

  return g_strcmp0 (name, "conll") == 0 || g_strcmp0 (name, "hf") == 0;
}

/* The labels of the schema outside the entity layer, comma-separated, or
 * NULL; with @in_use only those with annotations, with their counts. */
static char *
dup_other_layer_labels (GlossProject *project,
                        gboolean      in_use)
{
  GListModel *labels = gloss_schema_get_labels (gloss_project_get_schema (project));
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (labels, i);
      const char *name = gloss_label_get_name (label);
      guint n = 0;

      if (g_strcmp0 (gloss_label_get_layer (label), "entity") == 0)
        continue;
      if (in_use)
        {
          n = gloss_store_count_label_uses (gloss_project_get_store (project), name, NULL);
          if (n == 0)
            continue;
        }
      if (text->len > 0)
        g_string_append (text, ", ");
      if (in_use)
        /* Translators: a label and how many annotations have it, e.g. "CLAIM (12)" */
        g_string_append_printf (text, _("%s (%u)"), name, n);
      else
        g_string_append (text, name);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

/* What an export of @format with these labels (NULL: as the format
 * chooses) leaves out that its report does not list: the labels of other
 * layers a token-tag format skips, and the relations it cannot write. */
static char *
dup_left_out (GlossProject       *project,
              GlossFormat        *format,
              const char * const *labels)
{
  g_autofree char *others = NULL;
  GlossStoreCounts counts = { 0 };
  g_autoptr(GString) text = g_string_new (NULL);

  if (!format_tags_entities (format))
    return NULL;
  if (labels == NULL)
    others = dup_other_layer_labels (project, TRUE);
  if (others != NULL)
    /* Translators: %s is a format's name, the second a list of labels with counts */
    g_string_append_printf (text, _("%s writes entity labels only while all labels are ticked: "
                                    "not exported: %s"),
                            gloss_format_get_display_name (format), others);
  gloss_store_get_counts (gloss_project_get_store (project), &counts);
  if (counts.n_relations > 0)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: %s is a format's name */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%s carries no relations: the project’s "
                                                 "%" G_GUINT64_FORMAT " relation is not "
                                                 "exported",
                                                 "%s carries no relations: the project’s "
                                                 "%" G_GUINT64_FORMAT " relations are not "
                                                 "exported",
                                                 counts.n_relations),
                              gloss_format_get_display_name (format), counts.n_relations);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static GPtrArray *
dup_checked_labels (GlossExportDialog *self,
                    guint             *n_rows)
{
  GPtrArray *labels = g_ptr_array_new ();

  *n_rows = 0;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->label_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *check;

      if (!GTK_IS_LIST_BOX_ROW (row))
        continue;
      check = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
      if (!GTK_IS_CHECK_BUTTON (check))
        continue;
      (*n_rows)++;
      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
        g_ptr_array_add (labels, (gpointer) gtk_check_button_get_label (GTK_CHECK_BUTTON (check)));
    }
  return labels;
}

/* Under the labels: what a token-tag format leaves out with all of them
 * ticked (it then writes the entity layer only). */
static void
update_labels_note (GlossExportDialog *self,
                    gboolean           all_ticked)
{
  GlossFormat *format = selected_format (self);
  g_autofree char *others = NULL;
  g_autofree char *text = NULL;

  if (self->project != NULL && all_ticked && format_tags_entities (format))
    others = dup_other_layer_labels (self->project, FALSE);
  if (others != NULL)
    /* Translators: %s is a format's name, the second %s a list of labels */
    text = g_strdup_printf (_("With all labels ticked, %s writes the entity labels only: %s "
                              "are left out. Untick labels to choose the ones to write."),
                            gloss_format_get_display_name (format), others);
  gtk_label_set_label (self->labels_note, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->labels_note), text != NULL);
}

static void
update_buttons (GlossExportDialog *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  gboolean setup = g_strcmp0 (page, "setup") == 0;
  g_autoptr(GPtrArray) labels = NULL;
  guint n_rows;

  labels = dup_checked_labels (self, &n_rows);
  update_labels_note (self, labels->len == n_rows);
  gtk_widget_set_visible (GTK_WIDGET (self->close_button), setup);
  gtk_widget_set_visible (GTK_WIDGET (self->export_button), setup);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button),
                            self->destination != NULL && selected_format (self) != NULL &&
                            (n_rows == 0 || labels->len > 0));
  gtk_widget_set_visible (GTK_WIDGET (self->done_button), g_strcmp0 (page, "done") == 0);
}

static void
update_destination (GlossExportDialog *self)
{
  if (self->destination != NULL)
    {
      g_autofree char *display = g_filename_display_name (self->destination);

      gtk_label_set_label (self->destination_label, display);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->destination_label), display);
      gtk_widget_remove_css_class (GTK_WIDGET (self->destination_label), "dim-label");
    }
  else
    {
      GlossFormat *format = selected_format (self);

      gtk_label_set_label (self->destination_label,
                           format != NULL && gloss_format_exports_to_folder (format)
                             ? _("No folder chosen") : _("No file chosen"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->destination_label), NULL);
      gtk_widget_add_css_class (GTK_WIDGET (self->destination_label), "dim-label");
    }
  update_buttons (self);
}

/* The gold set: partially curated documents are its choice, and it
 * belongs to no annotator (gloss_format_check_export_options()). */
static void
update_gold (GlossExportDialog *self)
{
  gboolean gold = gtk_switch_get_active (self->gold_switch)
                  && gtk_widget_get_sensitive (GTK_WIDGET (self->gold_switch));

  gtk_widget_set_sensitive (GTK_WIDGET (self->partial_check), gold);
  if (!gold)
    gtk_check_button_set_active (self->partial_check, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->gold_note), gold);
  if (gold)
    gtk_drop_down_set_selected (self->annotator_dropdown, 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->annotator_dropdown),
                            !gold && self->annotator_applies);
}

static void
format_changed_cb (GlossExportDialog *self)
{
  GlossFormat *format = selected_format (self);
  gboolean split = format_uses_split (format);
  gboolean folder = format != NULL && gloss_format_exports_to_folder (format);
  g_autoptr(GString) reasons = g_string_new (NULL);
  GlossExportOptions probe = GLOSS_EXPORT_OPTIONS_INIT;
  const char *label[] = { "", NULL };

  /* Every filter applies to every format through the core's export; one
   * that cannot is disabled here, with the core's reason. */
  probe.gold_only = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->gold_switch),
                            filter_applies (format, &probe, reasons));
  probe.gold_only = FALSE;
  probe.annotator = "";
  self->annotator_applies = filter_applies (format, &probe, reasons);
  probe.annotator = NULL;
  probe.status = GLOSS_DOCUMENT_STATUS_DONE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->status_dropdown),
                            filter_applies (format, &probe, reasons));
  probe.status = -1;
  probe.labels = label;
  gtk_widget_set_sensitive (self->labels_box, filter_applies (format, &probe, reasons));
  gtk_label_set_label (self->format_note, reasons->str);
  gtk_widget_set_visible (GTK_WIDGET (self->format_note), reasons->len > 0);
  update_gold (self);

  gtk_widget_set_visible (GTK_WIDGET (self->split_heading), split);
  gtk_widget_set_visible (GTK_WIDGET (self->split_label), split);
  gtk_widget_set_visible (GTK_WIDGET (self->split_box), split);
  gtk_widget_set_visible (GTK_WIDGET (self->seed_label), split);
  gtk_widget_set_visible (GTK_WIDGET (self->seed_spin), split);
  /* Only token formats line spans up with words. */
  gtk_widget_set_visible (GTK_WIDGET (self->misaligned_check),
                          format != NULL && gloss_format_exports_tokens (format));

  /* A file does not do for a folder format, nor the other way round. */
  if (self->destination != NULL && folder != self->destination_is_folder)
    g_clear_pointer (&self->destination, g_free);
  update_destination (self);
}

static void
fill_formats (GlossExportDialog *self)
{
  GPtrArray *formats = gloss_format_list ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  for (guint i = 0; i < formats->len; i++)
    {
      GlossFormat *format = g_ptr_array_index (formats, i);

      if (!gloss_format_can_export (format))
        continue;
      gtk_string_list_append (names, gloss_format_get_display_name (format));
      g_ptr_array_add (self->format_names, g_strdup (gloss_format_get_name (format)));
    }
  gtk_drop_down_set_model (self->format_dropdown, G_LIST_MODEL (names));
  /* the format of the last export, else Gloss JSONL */
  for (guint i = 0; i < self->format_names->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->format_names, i), "jsonl") == 0)
      gtk_drop_down_set_selected (self->format_dropdown, i);
  {
    g_autofree char *last = g_settings_get_string (self->settings, "export-format");

    for (guint i = 0; i < self->format_names->len; i++)
      if (g_strcmp0 (g_ptr_array_index (self->format_names, i), last) == 0)
        gtk_drop_down_set_selected (self->format_dropdown, i);
  }
}

static void
fill_labels (GlossExportDialog *self)
{
  GListModel *labels = gloss_schema_get_labels (gloss_project_get_schema (self->project));

  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (labels, i);
      GtkWidget *check = gtk_check_button_new_with_label (gloss_label_get_name (label));

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_widget_set_margin_start (check, 6);
      gtk_widget_set_margin_end (check, 6);
      gtk_widget_set_margin_top (check, 2);
      gtk_widget_set_margin_bottom (check, 2);
      if (gloss_label_get_description (label) != NULL)
        gtk_widget_set_tooltip_text (check, gloss_label_get_description (label));
      g_signal_connect_object (check, "toggled", G_CALLBACK (update_buttons), self,
                               G_CONNECT_SWAPPED);
      gtk_list_box_append (self->label_list, check);
    }
}

static void
set_all_labels (GlossExportDialog *self,
                gboolean           active)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->label_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *check;

      if (!GTK_IS_LIST_BOX_ROW (row))
        continue;
      check = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
      if (GTK_IS_CHECK_BUTTON (check))
        gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
    }
}

/* As gloss-cli names a problem's severity. */
static const char *
problem_kind (GlossProblem *p)
{
  switch (p->severity)
    {
    case GLOSS_PROBLEM_ERROR:
      return _("error");

    case GLOSS_PROBLEM_WARNING:
      return _("warning");

    case GLOSS_PROBLEM_NOTE:
    default:
      return _("note");
    }
}

/* How many lines show_warnings() lists. */
static guint
count_warnings (GlossExportDialog *self)
{
  guint n = self->left_out != NULL ? 1 : 0;

  if (self->error == NULL && self->report != NULL)
    n += self->report->problems->len;
  return n;
}

/* The export report, as gloss-cli export prints it on stderr (every
 * problem, notes too, "FILE:LINE: kind: message"), after what the format
 * left out that the report does not say. */
static void
show_warnings (GlossExportDialog *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = count_warnings (self);

  if (self->error == NULL && self->left_out != NULL)
    {
      g_auto(GStrv) lines = g_strsplit (self->left_out, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        g_string_append_printf (text, "%s: %s\n", _("warning"), lines[i]);
    }
  for (guint i = 0; self->error == NULL && self->report != NULL
                    && i < self->report->problems->len; i++)
    {
      GlossProblem *p = g_ptr_array_index (self->report->problems, i);
      const char *kind = problem_kind (p);

      if (p->file != NULL && p->line > 0)
        g_string_append_printf (text, "%s:%u: ", p->file, p->line);
      else if (p->file != NULL)
        g_string_append_printf (text, "%s: ", p->file);
      g_string_append_printf (text, "%s: %s\n", kind, p->message);
    }
  if (self->error == NULL && n > 0)
    {
      g_autofree char *message = g_strdup_printf ("%s\n%s",
                                                  gtk_label_get_label (self->done_message),
                                                  _("What the export left out or could not "
                                                    "carry:"));
      gtk_label_set_label (self->done_message, message);
      g_string_truncate (text, text->len - 1);  /* the last line break */
    }
  gtk_text_buffer_set_text (self->warnings, text->str, text->len);
  gtk_widget_set_visible (self->warnings_box, self->error == NULL && n > 0);
}

static void
show_done (GlossExportDialog *self,
           const char        *path,
           gboolean           to_folder)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *message = NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (self->done_icon), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->done_icon), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->done_icon), "error");
  if (self->error == NULL && count_warnings (self) > 0)
    {
      guint n = self->report != NULL ? self->report->n_documents : 0;

      gtk_widget_add_css_class (GTK_WIDGET (self->done_icon), "warning");
      gtk_image_set_from_icon_name (self->done_icon, "dialog-warning-symbolic");
      gtk_label_set_label (self->done_title, _("Exported with Warnings"));
      /* Translators: the number of documents and the file or folder written */
      message = g_strdup_printf (to_folder ? g_dngettext (GETTEXT_PACKAGE,
                                                          "%u document was exported to the "
                                                          "folder “%s”.",
                                                          "%u documents were exported to the "
                                                          "folder “%s”.",
                                                          n)
                                           : g_dngettext (GETTEXT_PACKAGE,
                                                          "%u document was exported to “%s”.",
                                                          "%u documents were exported to “%s”.",
                                                          n),
                                 n, display);
    }
  else if (self->error == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->done_icon), "success");
      gtk_image_set_from_icon_name (self->done_icon, "emblem-ok-symbolic");
      gtk_label_set_label (self->done_title, _("Export Complete"));
      /* Translators: the file or folder the export was written to */
      message = g_strdup_printf (to_folder ? _("The project was exported to the folder “%s”.")
                                           : _("The project was exported to “%s”."),
                                 display);
    }
  else if (g_error_matches (self->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      gtk_image_set_from_icon_name (self->done_icon, "process-stop-symbolic");
      gtk_label_set_label (self->done_title, _("Export Cancelled"));
      message = g_strdup (to_folder ? _("The folder may hold part of the export.")
                                    : _("No file was written."));
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->done_icon), "error");
      gtk_image_set_from_icon_name (self->done_icon, "dialog-error-symbolic");
      gtk_label_set_label (self->done_title, _("Export Failed"));
      message = g_strdup (self->error->message);
    }
  gtk_label_set_label (self->done_message, message);
  show_warnings (self);
  g_clear_pointer (&self->exported_folder, g_free);
  if (self->error == NULL)
    self->exported_folder = to_folder ? g_strdup (path) : g_path_get_dirname (path);
  gtk_widget_set_visible (GTK_WIDGET (self->open_folder_button), self->exported_folder != NULL);
  gtk_stack_set_visible_child_name (self->stack, "done");
  update_buttons (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->done_button));
}

/* ---- where the export went ---------------------------------------------- */

static void
launch_done_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    g_warning ("Cannot open the folder: %s", error->message);
}

static void
open_folder (const char *path)
{
  g_autoptr(GFile) folder = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (folder);

  g_app_info_launch_default_for_uri_async (uri, NULL, NULL, launch_done_cb, NULL);
}

static void
toast_open_folder_cb (AdwToast   *toast,
                      const char *folder)
{
  open_folder (folder);
}

/* "Exported 3 documents to “out.conll”" in the parent window, with Open
 * Folder; FALSE without a Gloss window to show it. */
static gboolean
toast_done (GlossExportDialog *self,
            ExportJob         *job)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  guint n = self->report != NULL ? self->report->n_documents : 0;
  g_autofree char *name = g_filename_display_basename (job->path);
  g_autofree char *title = NULL;
  g_autofree char *markup = NULL;
  AdwToast *toast;

  if (!GLOSS_IS_WINDOW (parent))
    return FALSE;

  /* Translators: the number of documents and the file or folder written */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u document to “%s”",
                                        "Exported %u documents to “%s”", n),
                           n, name);
  markup = g_markup_escape_text (title, -1);
  toast = adw_toast_new (markup);
  adw_toast_set_button_label (toast, _("_Open Folder"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (toast_open_folder_cb),
                         job->to_folder ? g_strdup (job->path) : g_path_get_dirname (job->path),
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  _gloss_window_add_toast (GLOSS_WINDOW (parent), toast);
  return TRUE;
}

/* ---- the worker -------------------------------------------------------- */

static gboolean
export_worker (GlossProject       *project,
               gpointer            data,
               GlossProgressFunc   progress,
               gpointer            progress_data,
               GCancellable       *cancellable,
               GError            **error)
{
  ExportJob *job = data;
  GlossExportOptions options = GLOSS_EXPORT_OPTIONS_INIT;

  options.annotator = job->annotator;
  options.gold_only = job->gold_only;
  options.include_partial = job->include_partial;
  options.misaligned = job->misaligned;
  options.status = job->status;
  options.labels = (const char * const *) job->labels;
  memcpy (options.split, job->split, sizeof options.split);
  options.seed = job->seed;
  options.progress = progress;
  options.progress_data = progress_data;

  return gloss_format_export (project, job->format, job->path, &options, job->report,
                              cancellable, error);
}

static void
export_progress_cb (double   fraction,
                    gpointer user_data)
{
  GlossExportDialog *self = user_data;

  if (self->project != NULL)
    gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

static void
export_done_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GlossExportDialog *self = GLOSS_EXPORT_DIALOG (source_object);
  ExportJob *job = user_data;
  g_autoptr(GError) error = NULL;

  gloss_task_runner_run_finish (result, &error);
  self->running = FALSE;
  g_clear_object (&self->cancellable);
  if (self->project == NULL)
    return;

  g_clear_error (&self->error);
  self->error = g_steal_pointer (&error);
  g_clear_pointer (&self->report, gloss_import_report_free);
  self->report = g_steal_pointer (&job->report);
  if (self->error == NULL)
    {
      g_autofree char *folder = g_path_get_dirname (job->path);

      /* the next export starts from here */
      g_settings_set_string (self->settings, "export-format", job->format);
      g_settings_set_string (self->settings, "export-folder", folder);
    }
  if (self->close_when_done)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  /* Nothing to read: the window says it in a toast, and the dialog goes. */
  if (self->error == NULL && count_warnings (self) == 0 && toast_done (self, job))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  show_done (self, job->path, job->to_folder);
}

/* ---- callbacks --------------------------------------------------------- */

static void
close_clicked_cb (GlossExportDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
cancel_clicked_cb (GlossExportDialog *self)
{
  _gloss_export_dialog_cancel (self);
}

static void
open_folder_clicked_cb (GlossExportDialog *self)
{
  if (self->exported_folder != NULL)
    open_folder (self->exported_folder);
}

static void
select_all_clicked_cb (GlossExportDialog *self)
{
  set_all_labels (self, TRUE);
}

static void
select_none_clicked_cb (GlossExportDialog *self)
{
  set_all_labels (self, FALSE);
}

static void
destination_response_cb (GtkNativeDialog   *native,
                         int                response,
                         GlossExportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        {
          g_free (self->destination);
          self->destination = path;
          self->destination_is_folder =
            gtk_file_chooser_get_action (GTK_FILE_CHOOSER (native)) ==
            GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER;
          update_destination (self);
        }
    }
  g_object_unref (native);
}

static void
destination_clicked_cb (GlossExportDialog *self)
{
  GlossFormat *format = selected_format (self);
  gboolean folder;
  GtkFileChooserNative *native;
  g_autofree char *dir = NULL;
  g_autoptr(GFile) dir_file = NULL;

  if (format == NULL || self->project == NULL)
    return;
  folder = gloss_format_exports_to_folder (format);

  native = gtk_file_chooser_native_new (folder ? _("Export to Folder") : _("Export to File"),
                                        GTK_WINDOW (self),
                                        folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                               : GTK_FILE_CHOOSER_ACTION_SAVE,
                                        folder ? _("_Select") : _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);

  /* where the last export went, else beside the project */
  dir = g_settings_get_string (self->settings, "export-folder");
  if (dir[0] == '\0' || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_free (dir);
      dir = g_path_get_dirname (gloss_project_get_path (self->project));
    }
  dir_file = g_file_new_for_path (dir);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), dir_file, NULL);
  if (!folder)
    {
      const char * const *exts = GLOSS_FORMAT_GET_CLASS (format)->extensions;
      g_autofree char *title = gloss_project_dup_title (self->project);
      g_autofree char *name = g_strdup_printf ("%s.%s", title,
                                               exts != NULL && exts[0] != NULL ? exts[0]
                                                                               : "txt");

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
    }

  g_signal_connect_object (native, "response", G_CALLBACK (destination_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
export_clicked_cb (GlossExportDialog *self)
{
  GlossExportOptions options = GLOSS_EXPORT_OPTIONS_INIT;
  GlossFormat *format = selected_format (self);
  guint annotator = gtk_drop_down_get_selected (self->annotator_dropdown);
  guint status = gtk_drop_down_get_selected (self->status_dropdown);
  g_autoptr(GPtrArray) labels = NULL;
  guint n_rows;

  if (format == NULL || self->destination == NULL)
    return;

  if (annotator != GTK_INVALID_LIST_POSITION && annotator > 0)
    options.annotator = gtk_string_list_get_string (self->annotators, annotator);
  options.gold_only = gtk_switch_get_active (self->gold_switch)
                      && gtk_widget_get_sensitive (GTK_WIDGET (self->gold_switch));
  options.include_partial = options.gold_only
                            && gtk_check_button_get_active (self->partial_check);
  options.status = status == GTK_INVALID_LIST_POSITION || status == 0 ? -1 : (int) status - 1;
  labels = dup_checked_labels (self, &n_rows);
  if (labels->len < n_rows)
    {
      g_ptr_array_add (labels, NULL);
      options.labels = (const char * const *) labels->pdata;
    }
  if (gloss_format_exports_tokens (format) && gtk_check_button_get_active (self->misaligned_check))
    options.misaligned = GLOSS_MISALIGNED_EXTEND;
  if (format_uses_split (format))
    {
      options.split[0] = gtk_spin_button_get_value_as_int (self->train_spin);
      options.split[1] = gtk_spin_button_get_value_as_int (self->validation_spin);
      options.split[2] = gtk_spin_button_get_value_as_int (self->test_spin);
      options.seed = (guint64) gtk_spin_button_get_value_as_int (self->seed_spin);
    }

  _gloss_export_dialog_start (self, gloss_format_get_name (format), self->destination, &options);
}

/* ---- vfuncs ------------------------------------------------------------ */

static gboolean
gloss_export_dialog_close_request (GtkWindow *window)
{
  GlossExportDialog *self = GLOSS_EXPORT_DIALOG (window);

  if (self->running)
    {
      self->close_when_done = TRUE;
      g_cancellable_cancel (self->cancellable);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (gloss_export_dialog_parent_class)->close_request (window);
}

static void
gloss_export_dialog_dispose (GObject *object)
{
  GlossExportDialog *self = GLOSS_EXPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_EXPORT_DIALOG);

  g_clear_object (&self->project);

  G_OBJECT_CLASS (gloss_export_dialog_parent_class)->dispose (object);
}

static void
gloss_export_dialog_finalize (GObject *object)
{
  GlossExportDialog *self = GLOSS_EXPORT_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->annotators);
  g_clear_pointer (&self->format_names, g_ptr_array_unref);
  g_clear_pointer (&self->destination, g_free);
  g_clear_pointer (&self->exported_folder, g_free);
  g_clear_error (&self->error);
  g_clear_pointer (&self->report, gloss_import_report_free);
  g_clear_pointer (&self->left_out, g_free);

  G_OBJECT_CLASS (gloss_export_dialog_parent_class)->finalize (object);
}

static void
gloss_export_dialog_class_init (GlossExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = gloss_export_dialog_dispose;
  object_class->finalize = gloss_export_dialog_finalize;
  window_class->close_request = gloss_export_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/gloss-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, annotator_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, close_button);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, destination_button);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, destination_label);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, done_button);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, done_icon);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, done_message);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, done_title);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, format_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, format_note);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, gold_note);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, gold_switch);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, label_list);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, labels_box);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, labels_note);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, open_folder_button);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, misaligned_check);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, partial_check);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, seed_label);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, seed_spin);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, split_box);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, split_heading);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, split_label);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, test_spin);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, train_spin);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, validation_spin);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, close_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, destination_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_folder_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, select_all_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, select_none_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gloss_export_dialog_init (GlossExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Not a bound template child: gtk_widget_dispose_template() would unparent
   * the window's child behind GtkWindow's back. */
  self->stack = GTK_STACK (gtk_window_get_child (GTK_WINDOW (self)));

  self->settings = g_settings_new (APP_ID);
  self->format_names = g_ptr_array_new_with_free_func (g_free);
  self->annotators = gtk_string_list_new (NULL);
  gtk_string_list_append (self->annotators, _("All annotators"));
  gtk_drop_down_set_model (self->annotator_dropdown, G_LIST_MODEL (self->annotators));

  /* The warnings of the export report, under the message of the done page. */
  {
    GtkWidget *view = gtk_text_view_new ();
    GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self->done_message));

    gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
    gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
    gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
    self->warnings = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
    self->warnings_box = gtk_scrolled_window_new ();
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->warnings_box), view);
    gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (self->warnings_box), 120);
    gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (self->warnings_box), 240);
    gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (self->warnings_box),
                                                      TRUE);
    gtk_widget_set_visible (self->warnings_box, FALSE);
    /* The done page is a GtkBox (gloss-export-dialog.ui). */
    gtk_box_insert_child_after (GTK_BOX (parent), self->warnings_box,
                                GTK_WIDGET (self->done_message));
  }

  fill_formats (self);
  g_signal_connect_object (self->format_dropdown, "notify::selected",
                           G_CALLBACK (format_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->gold_switch, "notify::active", G_CALLBACK (update_gold), self,
                           G_CONNECT_SWAPPED);
  gtk_stack_set_visible_child_name (self->stack, "setup");
  format_changed_cb (self);
}

/* ---- public API -------------------------------------------------------- */

GtkWidget *
gloss_export_dialog_new (GtkWindow    *parent,
                         GlossProject *project)
{
  GlossExportDialog *self;
  g_autoptr(GPtrArray) annotators = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (GLOSS_IS_PROJECT (project), NULL);

  self = g_object_new (GLOSS_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  self->project = g_object_ref (project);

  annotators = _gloss_export_dialog_dup_annotators (project);
  for (guint i = 0; i < annotators->len; i++)
    gtk_string_list_append (self->annotators, g_ptr_array_index (annotators, i));
  fill_labels (self);
  update_buttons (self);

  return GTK_WIDGET (self);
}

GPtrArray *
_gloss_export_dialog_dup_annotators (GlossProject *project)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *annotators = gloss_store_dup_annotators (gloss_project_get_store (project), &error);

  if (annotators != NULL)
    return annotators;
  g_warning ("Cannot list the annotators: %s", error->message);
  return g_ptr_array_new_with_free_func (g_free);
}

void
_gloss_export_dialog_start (GlossExportDialog        *self,
                            const char               *format,
                            const char               *path,
                            const GlossExportOptions *options)
{
  static const GlossExportOptions defaults = GLOSS_EXPORT_OPTIONS_INIT;
  GlossFormat *found;
  ExportJob *job;

  g_return_if_fail (GLOSS_IS_EXPORT_DIALOG (self));
  g_return_if_fail (format != NULL && path != NULL);
  g_return_if_fail (!self->running);
  g_return_if_fail (self->project != NULL);

  if (options == NULL)
    options = &defaults;
  found = gloss_format_lookup (format);

  job = g_new0 (ExportJob, 1);
  job->format = g_strdup (format);
  job->path = g_strdup (path);
  job->annotator = g_strdup (options->annotator);
  job->labels = g_strdupv ((char **) options->labels);
  job->gold_only = options->gold_only;
  job->include_partial = options->include_partial;
  job->misaligned = options->misaligned;
  job->status = options->status;
  memcpy (job->split, options->split, sizeof job->split);
  job->seed = options->seed;
  job->to_folder = found != NULL && gloss_format_exports_to_folder (found);
  job->report = gloss_import_report_new ();
  g_free (self->left_out);
  self->left_out = found != NULL ? dup_left_out (self->project, found, options->labels) : NULL;

  self->running = TRUE;
  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_stack_set_visible_child_name (self->stack, "running");
  update_buttons (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));

  gloss_task_runner_run_async (self, self->project, export_worker, job,
                               (GDestroyNotify) export_job_free, export_progress_cb, self,
                               self->cancellable, export_done_cb, job);
}

gboolean
_gloss_export_dialog_is_running (GlossExportDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_EXPORT_DIALOG (self), FALSE);
  return self->running;
}

void
_gloss_export_dialog_cancel (GlossExportDialog *self)
{
  g_return_if_fail (GLOSS_IS_EXPORT_DIALOG (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

const GError *
_gloss_export_dialog_get_error (GlossExportDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_EXPORT_DIALOG (self), NULL);
  return self->error;
}

GListModel *
_gloss_export_dialog_get_annotators (GlossExportDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_EXPORT_DIALOG (self), NULL);
  return G_LIST_MODEL (self->annotators);
}

gboolean
_gloss_export_dialog_select_format (GlossExportDialog *self,
                                    const char        *format)
{
  g_return_val_if_fail (GLOSS_IS_EXPORT_DIALOG (self), FALSE);

  for (guint i = 0; i < self->format_names->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->format_names, i), format) == 0)
      {
        gtk_drop_down_set_selected (self->format_dropdown, i);
        return TRUE;
      }
  return FALSE;
}

const char *
_gloss_export_dialog_get_format (GlossExportDialog *self)
{
  GlossFormat *format;

  g_return_val_if_fail (GLOSS_IS_EXPORT_DIALOG (self), NULL);
  format = selected_format (self);
  return format != NULL ? gloss_format_get_name (format) : NULL;
}

gboolean
_gloss_export_dialog_get_filters_apply (GlossExportDialog  *self,
                                        const char        **reason)
{
  gboolean apply;

  g_return_val_if_fail (GLOSS_IS_EXPORT_DIALOG (self), FALSE);
  apply = gtk_widget_get_sensitive (GTK_WIDGET (self->gold_switch)) && self->annotator_applies
          && gtk_widget_get_sensitive (GTK_WIDGET (self->status_dropdown))
          && gtk_widget_get_sensitive (self->labels_box);
  if (reason != NULL)
    *reason = NULL;
  if (reason != NULL && gtk_widget_get_visible (GTK_WIDGET (self->format_note)))
    *reason = gtk_label_get_label (self->format_note);
  return apply;
}

const char *
_gloss_export_dialog_get_labels_note (GlossExportDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_EXPORT_DIALOG (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->labels_note)))
    return NULL;
  return gtk_label_get_label (self->labels_note);
}

const char *
_gloss_export_dialog_get_done_title (GlossExportDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_EXPORT_DIALOG (self), NULL);
  return gtk_label_get_label (self->done_title);
}

char *
_gloss_export_dialog_dup_warnings (GlossExportDialog *self)
{
  GtkTextIter start, end;

  g_return_val_if_fail (GLOSS_IS_EXPORT_DIALOG (self), NULL);
  gtk_text_buffer_get_bounds (self->warnings, &start, &end);
  return gtk_text_buffer_get_text (self->warnings, &start, &end, FALSE);
}

void
_gloss_export_dialog_set_destination (GlossExportDialog *self,
                                      const char        *path)
{
  GlossFormat *format;

  g_return_if_fail (GLOSS_IS_EXPORT_DIALOG (self));
  g_return_if_fail (path != NULL);

  format = selected_format (self);
  g_free (self->destination);
  self->destination = g_strdup (path);
  self->destination_is_folder = format != NULL && gloss_format_exports_to_folder (format);
  update_destination (self);
}

GtkSwitch *
_gloss_export_dialog_get_gold_switch (GlossExportDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_EXPORT_DIALOG (self), NULL);
  return self->gold_switch;
}

GtkCheckButton *
_gloss_export_dialog_get_partial_check (GlossExportDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_EXPORT_DIALOG (self), NULL);
  return self->partial_check;
}

GtkCheckButton *
_gloss_export_dialog_get_misaligned_check (GlossExportDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_EXPORT_DIALOG (self), NULL);
  return self->misaligned_check;
}

GtkWidget *
_gloss_export_dialog_get_annotator_dropdown (GlossExportDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_EXPORT_DIALOG (self), NULL);
  return GTK_WIDGET (self->annotator_dropdown);
}

GtkWidget *
_gloss_export_dialog_get_export_button (GlossExportDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_EXPORT_DIALOG (self), NULL);
  return GTK_WIDGET (self->export_button);
}
