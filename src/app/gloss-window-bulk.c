/* gloss-window-bulk.c: the window's bulk steps: "annotate all occurrences in all
 * documents", imports and label renames, and the toasts that undo them
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
#include "gloss-change-set.h"
#include "gloss-document-row.h"
#include "gloss-document-view.h"
#include "gloss-document.h"
#include "gloss-project.h"
#include "gloss-task-runner.h"
#include "gloss-window-bulk-private.h"
#include "gloss-window-private.h"

/* From this many documents on (bench-bulk: a frequent word takes about
 * 0.04 s in 1,000 documents, 0.43 s in 10,000 and 6.6 s in 100,000; its
 * undo about half that), the step, its undo and its redo run on a worker
 * thread (gloss-task-runner.c) with a project of its own, behind a modal
 * progress dialog with Cancel that keeps the window from writing the
 * project meanwhile. Below, it is quicker than showing one. */
#define THREAD_MIN_DOCUMENTS 1000

typedef enum
{
  BULK_APPLY,
  BULK_UNDO,
  BULK_REDO,
} BulkOp;

/* What the worker gets and gives back. Only strings and the step, whose
 * reference count is atomic: the task may free it on the worker thread.
 * The main thread leaves the step alone while the worker runs. */
typedef struct
{
  BulkOp         op;
  char          *label;    /* BULK_APPLY */
  char          *needle;   /* BULK_APPLY */
  GlossBulkStep *step;     /* owned: the step undone or redone, or the one
                            * applied (NULL until the worker succeeded) */
} BulkJob;

/* What self->bulk does not hold, hung on the window: a change set (an
 * import, a label renamed) as the window's last step in place of
 * bulk->step (one of the two at a time: the newer), and the command of the
 * last Ctrl+E in the open document, which its toast's Undo takes back. */
typedef struct
{
  GlossChangeSet      *changes;         /* owned, may be NULL */
  GlossProject        *project;         /* weak: the project @changes went into */
  GlossAnnotationList *doc_list;        /* weak: the list the Ctrl+E command went into */
  char                *doc_description; /* owned: the command's undo description */
  gboolean             doc_valid;       /* nothing else changed the list since */
  gboolean             doc_undone;      /* the toast's Undo took it back */
  gboolean             doc_busy;        /* the toast's own undo or redo runs */
  gulong               doc_handlers[3]; /* on doc_list */
} Steps;

static GQuark
steps_quark (void)
{
  return g_quark_from_static_string ("gloss-window-steps");
}

static void
forget_document_step (Steps *steps)
{
  for (guint i = 0; i < G_N_ELEMENTS (steps->doc_handlers); i++)
    {
      if (steps->doc_list != NULL && steps->doc_handlers[i] != 0)
        g_signal_handler_disconnect (steps->doc_list, steps->doc_handlers[i]);
      steps->doc_handlers[i] = 0;
    }
  g_clear_weak_pointer (&steps->doc_list);
  g_clear_pointer (&steps->doc_description, g_free);
  steps->doc_valid = FALSE;
  steps->doc_undone = FALSE;
}

static void
steps_free (Steps *steps)
{
  forget_document_step (steps);
  g_clear_object (&steps->changes);
  g_clear_weak_pointer (&steps->project);
  g_free (steps);
}

static Steps *
get_steps (GlossWindow *self)
{
  Steps *steps = g_object_get_qdata (G_OBJECT (self), steps_quark ());

  if (steps == NULL)
    {
      steps = g_new0 (Steps, 1);
      g_object_set_qdata_full (G_OBJECT (self), steps_quark (), steps,
                               (GDestroyNotify) steps_free);
    }
  return steps;
}

static void
bulk_job_free (BulkJob *job)
{
  g_free (job->label);
  g_free (job->needle);
  g_clear_object (&job->step);
  g_free (job);
}

static void
bulk_free (GlossWindowBulk *bulk)
{
  g_clear_weak_pointer (&bulk->project);
  g_clear_weak_pointer (&bulk->undo_button);
  g_clear_weak_pointer (&bulk->redo_button);
  g_clear_weak_pointer (&bulk->worker_project);
  g_clear_weak_pointer (&bulk->progress_bar);
  if (bulk->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (bulk->dialog));
  g_clear_weak_pointer (&bulk->dialog);
  g_clear_object (&bulk->cancellable);
  g_clear_object (&bulk->step);
}

/* A closed window cancels its worker (the task keeps the window alive
 * until the worker has rolled back). */
static void
window_destroy_cb (GlossWindow *self)
{
  GlossWindowBulk *bulk = &self->bulk;

  if (bulk->cancellable != NULL)
    g_cancellable_cancel (bulk->cancellable);
  forget_document_step (get_steps (self));
}

static GlossWindowBulk *
get_bulk (GlossWindow *self)
{
  return &self->bulk;
}

/* The step, when it belongs to the window's project. */
static GlossBulkStep *
current_step (GlossWindow *self)
{
  GlossWindowBulk *bulk = get_bulk (self);

  if (bulk->step == NULL || bulk->project == NULL ||
      bulk->project != gloss_window_get_project (self))
    return NULL;
  return bulk->step;
}

/* The change set, when it is the window's last step and belongs to its
 * project. */
static GlossChangeSet *
current_changes (GlossWindow *self)
{
  Steps *steps = get_steps (self);

  if (steps->changes == NULL || steps->project == NULL ||
      steps->project != gloss_window_get_project (self))
    return NULL;
  return steps->changes;
}

/* The step cleared the histories of the documents it wrote; the open
 * document's goes too, whether written or not, so that win.undo and
 * win.redo keep time order: its own later edits, then the step. */
static void
forget_document_history (GlossWindow *self)
{
  GlossAnnotationList *list = _gloss_window_get_annotations (self);

  if (list != NULL)
    gloss_annotation_list_clear_history (list);
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

/* After @step went into @project (already refreshed): keeps the step and
 * shows the count, with Undo. */
static void
take_step (GlossWindow   *self,
           GlossProject  *project,
           GlossBulkStep *step)
{
  GlossWindowBulk *bulk = get_bulk (self);
  guint n = gloss_bulk_step_get_n_annotations (step);
  guint n_documents = gloss_bulk_step_get_n_documents (step);
  g_autofree char *documents = NULL;
  g_autofree char *message = NULL;

  if (n == 0)
    {
      message = g_strdup_printf (_("No other occurrences of “%s” to annotate in any document"),
                                 gloss_bulk_step_get_needle (step));
      gloss_window_show_message (self, message);
      _gloss_window_bulk_update_undo (self);
      return;
    }

  g_set_object (&bulk->step, step);
  g_set_weak_pointer (&bulk->project, project);
  g_clear_object (&get_steps (self)->changes);
  forget_document_history (self);
  _gloss_window_bulk_update_undo (self);

  documents = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u document", "%u documents",
                                            n_documents),
                               n_documents);
  /* Translators: the second %s is "N documents" */
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Annotated %u occurrence in %s",
                                          "Annotated %u occurrences in %s", n),
                             n, documents);
  _gloss_window_show_action_toast (self, message, _("_Undo"), "win.undo-bulk-step");
}

/* ---- the worker -------------------------------------------------------- */

/* After the step was undone or redone (and the project refreshed). */
static void
step_done (GlossWindow   *self,
           GlossBulkStep *step,
           gboolean       undo)
{
  g_autofree char *description = gloss_bulk_step_dup_description (step);
  g_autofree char *message = NULL;

  forget_document_history (self);
  _gloss_window_bulk_update_undo (self);
  /* Translators: %s is an undo description such as "Annotate All “x” in All Documents" */
  message = g_strdup_printf (undo ? _("Undone: %s") : _("Redone: %s"), description);
  _gloss_window_show_action_toast (self, message, undo ? _("_Redo") : _("_Undo"),
                                   undo ? "win.redo-bulk-step" : "win.undo-bulk-step");
}

/* After the change set was undone or redone. */
static void
changes_done (GlossWindow    *self,
              GlossChangeSet *changes,
              gboolean        undo)
{
  g_autofree char *message = NULL;

  forget_document_history (self);
  _gloss_window_bulk_update_undo (self);
  /* Translators: %s is an undo description such as "Import “news.jsonl”" */
  message = g_strdup_printf (undo ? _("Undone: %s") : _("Redone: %s"),
                             gloss_change_set_get_description (changes));
  _gloss_window_show_action_toast (self, message, undo ? _("_Redo") : _("_Undo"),
                                   undo ? "win.redo-bulk-step" : "win.undo-bulk-step");
}

/* Worker thread, with a project of its own on the same file. */
static gboolean
bulk_worker (GlossProject       *project,
             gpointer            data,
             GlossProgressFunc   progress,
             gpointer            progress_data,
             GCancellable       *cancellable,
             GError            **error)
{
  BulkJob *job = data;

  if (job->op == BULK_APPLY)
    return gloss_project_annotate_everywhere_full (project, job->label, job->needle, TRUE,
                                                   progress, progress_data, &job->step,
                                                   cancellable, error);
  return gloss_project_undo_bulk_full (project, job->step, job->op == BULK_UNDO, progress,
                                       progress_data, cancellable, error);
}

static void
bulk_progress_cb (double   fraction,
                  gpointer user_data)
{
  GlossWindowBulk *bulk = get_bulk (GLOSS_WINDOW (user_data));

  if (bulk->progress_bar != NULL)
    gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bulk->progress_bar), fraction);
}

static void
bulk_done_cb (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GlossWindow *self = GLOSS_WINDOW (source_object);
  BulkJob *job = user_data;
  GlossWindowBulk *bulk = get_bulk (self);
  GlossProject *project = bulk->worker_project;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = gloss_task_runner_run_finish (result, &error);
  g_clear_object (&bulk->cancellable);
  g_clear_weak_pointer (&bulk->worker_project);
  g_clear_weak_pointer (&bulk->progress_bar);
  if (bulk->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (bulk->dialog));
  g_clear_weak_pointer (&bulk->dialog);

  /* Closed, or showing another project meanwhile: nothing to show. */
  if (project == NULL || project != gloss_window_get_project (self))
    return;

  if (!ok)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gloss_window_show_error (self,
                                 job->op == BULK_APPLY ? _("Could not annotate all occurrences")
                                 : job->op == BULK_UNDO ? _("Could not undo")
                                 : _("Could not redo"),
                                 error);
      else if (job->op == BULK_APPLY)
        gloss_window_show_message (self, _("Cancelled: no annotations were added"));
      else
        gloss_window_show_message (self, _("Cancelled: nothing was changed"));
      _gloss_window_bulk_update_undo (self);
      return;
    }

  /* The worker wrote through its own project: bring the window's up to
   * the file. The step holds uuids and document ids, the same in both, so
   * it undoes and redoes on the window's project too. */
  gloss_project_refresh_for_bulk (project, job->step);
  if (job->op == BULK_APPLY)
    take_step (self, project, job->step);
  else
    step_done (self, job->step, job->op == BULK_UNDO);
}

static void
cancel_clicked_cb (GlossWindow *self)
{
  _gloss_window_bulk_cancel (self);
}

static gboolean
dialog_close_request_cb (GlossWindow *self)
{
  /* the dialog goes when the worker has rolled back */
  _gloss_window_bulk_cancel (self);
  return TRUE;
}

/* A small modal dialog: it keeps the window from editing the project the
 * worker writes, and offers Cancel. */
static GtkWidget *
progress_dialog_new (GlossWindow *self,
                     const char  *text,
                     GtkWidget  **progress_bar)
{
  GtkWidget *dialog = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *label, *bar, *button;

  gtk_window_set_title (GTK_WINDOW (dialog), _("Annotate All Occurrences"));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_resizable (GTK_WINDOW (dialog), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 360, -1);
  g_signal_connect_object (dialog, "close-request", G_CALLBACK (dialog_close_request_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);

  label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_box_append (GTK_BOX (box), label);

  bar = gtk_progress_bar_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_box_append (GTK_BOX (box), bar);

  button = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  g_signal_connect_object (button, "clicked", G_CALLBACK (cancel_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), button);

  gtk_window_set_child (GTK_WINDOW (dialog), box);
  gtk_window_set_default_widget (GTK_WINDOW (dialog), button);
  *progress_bar = bar;
  return dialog;
}

/* Whether @project is big enough, and on a file a worker can open. */
static gboolean
use_worker (GlossWindow  *self,
            GlossProject *project)
{
  const char *path = gloss_project_get_path (project);

  return path != NULL && g_strcmp0 (path, ":memory:") != 0 &&
         g_list_model_get_n_items (gloss_project_get_documents (project)) >=
           get_bulk (self)->thread_min_documents;
}

static void
start_worker (GlossWindow *self,
              BulkJob     *job)
{
  GlossWindowBulk *bulk = get_bulk (self);
  GlossProject *project = gloss_window_get_project (self);
  g_autofree char *description = NULL;
  g_autofree char *text = NULL;
  GtkWidget *bar = NULL;

  if (job->op == BULK_APPLY)
    {
      /* Translators: %s is the text being annotated */
      text = g_strdup_printf (_("Annotating “%s” in all documents…"), job->needle);
    }
  else
    {
      description = gloss_bulk_step_dup_description (job->step);
      /* Translators: %s is "Annotate All “x” in All Documents" */
      text = g_strdup_printf (job->op == BULK_UNDO ? _("Undoing “%s”…") : _("Redoing “%s”…"),
                              description);
    }

  bulk->cancellable = g_cancellable_new ();
  g_set_weak_pointer (&bulk->worker_project, project);
  g_set_weak_pointer (&bulk->dialog, progress_dialog_new (self, text, &bar));
  g_set_weak_pointer (&bulk->progress_bar, bar);
  /* no undo or redo of anything while the worker writes */
  _gloss_window_bulk_update_undo (self);
  gtk_window_present (GTK_WINDOW (bulk->dialog));

  gloss_task_runner_run_async (self, project, bulk_worker, job, (GDestroyNotify) bulk_job_free,
                               bulk_progress_cb, self, bulk->cancellable, bulk_done_cb, job);
}

static gboolean
run_step (GlossWindow  *self,
          gboolean      undo,
          GError      **error)
{
  g_autoptr(GlossBulkStep) step = NULL;
  GlossBulkStep *current = current_step (self);
  GlossChangeSet *changes = current_changes (self);
  gboolean ok;

  if (_gloss_window_bulk_is_running (self))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                           _("An “Annotate All” step is still running"));
      return FALSE;
    }
  if (changes != NULL && (undo ? gloss_change_set_can_undo (changes)
                               : gloss_change_set_can_redo (changes)))
    {
      g_autoptr(GlossChangeSet) ref = g_object_ref (changes);
      GlossProject *project = gloss_window_get_project (self);

      ok = undo ? gloss_project_undo_changes (project, ref, NULL, NULL, NULL, error)
                : gloss_project_redo_changes (project, ref, NULL, NULL, NULL, error);
      if (ok)
        changes_done (self, ref, undo);
      else
        _gloss_window_bulk_update_undo (self);
      return ok;
    }
  if (current == NULL || !(undo ? gloss_bulk_step_can_undo (current)
                                 : gloss_bulk_step_can_redo (current)))
    {
      g_set_error_literal (error, GLOSS_BULK_ERROR,
                           undo ? GLOSS_BULK_ERROR_NOTHING_TO_UNDO
                                : GLOSS_BULK_ERROR_NOTHING_TO_REDO,
                           undo ? _("There is nothing to undo") : _("There is nothing to redo"));
      return FALSE;
    }

  if (use_worker (self, gloss_window_get_project (self)))
    {
      BulkJob *job = g_new0 (BulkJob, 1);

      job->op = undo ? BULK_UNDO : BULK_REDO;
      job->step = g_object_ref (current);
      start_worker (self, job);
      return TRUE;
    }

  step = g_object_ref (current);
  ok = undo ? gloss_project_undo_bulk (gloss_window_get_project (self), step, error)
            : gloss_project_redo_bulk (gloss_window_get_project (self), step, error);
  if (ok)
    step_done (self, step, undo);
  else
    _gloss_window_bulk_update_undo (self);
  return ok;
}

/* The needle and label of the selected annotation. FALSE with @error when
 * the text cannot be read; TRUE with *@needle NULL (and a message shown)
 * when nothing is selected. */
static gboolean
selected_needle (GlossWindow  *self,
                 char        **needle,
                 char        **label,
                 GError      **error)
{
  GlossProject *project = gloss_window_get_project (self);
  GlossDocument *document = gloss_window_get_document (self);
  GlossDocumentView *view = GLOSS_DOCUMENT_VIEW (gloss_window_get_view (self));
  GlossAnnotation *selected;
  const char *text;

  *needle = NULL;
  *label = NULL;
  selected = gloss_document_view_get_selected_annotation (view);
  if (project == NULL || document == NULL || selected == NULL)
    {
      gloss_window_show_message (self, _("Select an annotation first"));
      return TRUE;
    }
  if (!gloss_document_load_text (document, error))
    return FALSE;
  text = gloss_document_get_text (document);
  *needle = g_utf8_substring (text, gloss_annotation_get_start (selected),
                              gloss_annotation_get_end (selected));
  *label = g_strdup (gloss_annotation_get_label (selected));
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
  g_autofree char *needle = NULL;
  g_autofree char *label = NULL;

  if (_gloss_window_bulk_is_running (self))
    return;
  if (!selected_needle (self, &needle, &label, &error))
    {
      gloss_window_show_error (self, _("Could not annotate all occurrences"), error);
      return;
    }
  if (needle == NULL)
    return;

  if (use_worker (self, gloss_window_get_project (self)))
    {
      BulkJob *job = g_new0 (BulkJob, 1);

      job->op = BULK_APPLY;
      job->label = g_steal_pointer (&label);
      job->needle = g_steal_pointer (&needle);
      start_worker (self, job);
      return;
    }
  if (!_gloss_window_annotate_all_documents (self, NULL, &error))
    gloss_window_show_error (self, _("Could not annotate all occurrences"), error);
}

/* The toasts' Undo and Redo: the step, even when the open document has
 * edits of its own since (win.undo would take those back first). */
static void
step_history_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  gboolean undo = g_str_equal (action_name, "win.undo-bulk-step");
  g_autoptr(GError) error = NULL;

  if (!(undo ? _gloss_window_bulk_can_undo (self) : _gloss_window_bulk_can_redo (self)))
    return;
  if (!run_step (self, undo, &error))
    gloss_window_show_error (self, undo ? _("Could not undo") : _("Could not redo"), error);
}

/* ---- annotate everywhere in the document ------------------------------ */

/* Whether the Ctrl+E command is still the open document's and nothing
 * else changed the document since. */
static gboolean
document_step_usable (GlossWindow *self,
                      Steps       *steps)
{
  return steps->doc_valid && steps->doc_list != NULL &&
         steps->doc_list == _gloss_window_get_annotations (self) &&
         gloss_annotation_list_get_n_waiting (steps->doc_list) == 0;
}

static void
update_document_step (GlossWindow *self)
{
  Steps *steps = get_steps (self);
  gboolean usable = document_step_usable (self, steps);
  const char *undo = usable ? gloss_annotation_list_get_undo_description (steps->doc_list) : NULL;
  const char *redo = usable ? gloss_annotation_list_get_redo_description (steps->doc_list) : NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo-annotate-all",
                                 usable && !steps->doc_undone &&
                                 g_strcmp0 (undo, steps->doc_description) == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo-annotate-all",
                                 usable && steps->doc_undone &&
                                 g_strcmp0 (redo, steps->doc_description) == 0);
}

/* Anything but the toast's own undo and redo changed the document: its
 * Undo would take back something else. */
static void
document_changed_cb (GlossWindow *self)
{
  Steps *steps = get_steps (self);

  if (steps->doc_busy)
    return;
  steps->doc_valid = FALSE;
  update_document_step (self);
}

/* The Undo and Redo of the Ctrl+E toast: the command itself, never an
 * edit made after it. */
static void
document_step_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  Steps *steps = get_steps (self);
  gboolean undo = g_str_equal (action_name, "win.undo-annotate-all");
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gboolean ok;

  if (!document_step_usable (self, steps) || steps->doc_undone == undo ||
      g_strcmp0 (undo ? gloss_annotation_list_get_undo_description (steps->doc_list)
                      : gloss_annotation_list_get_redo_description (steps->doc_list),
                 steps->doc_description) != 0)
    return;

  steps->doc_busy = TRUE;
  ok = undo ? gloss_annotation_list_undo (steps->doc_list, &error)
            : gloss_annotation_list_redo (steps->doc_list, &error);
  steps->doc_busy = FALSE;
  if (!ok)
    {
      gloss_window_show_error (self, undo ? _("Could not undo") : _("Could not redo"), error);
      return;
    }
  steps->doc_undone = undo;
  update_document_step (self);
  /* Translators: %s is an undo description such as "Annotate all “Valgrad”" */
  message = g_strdup_printf (undo ? _("Undone: %s") : _("Redone: %s"), steps->doc_description);
  _gloss_window_show_action_toast (self, message, undo ? _("_Redo") : _("_Undo"),
                                   undo ? "win.redo-annotate-all" : "win.undo-annotate-all");
}

/* ---- private API ------------------------------------------------------- */

void
_gloss_window_bulk_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.annotate-all-documents", NULL,
                                   annotate_all_documents_action);
  gtk_widget_class_install_action (widget_class, "win.undo-bulk-step", NULL,
                                   step_history_action);
  gtk_widget_class_install_action (widget_class, "win.redo-bulk-step", NULL,
                                   step_history_action);
  gtk_widget_class_install_action (widget_class, "win.undo-annotate-all", NULL,
                                   document_step_action);
  gtk_widget_class_install_action (widget_class, "win.redo-annotate-all", NULL,
                                   document_step_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_ALT_MASK,
                                       "win.annotate-all-documents", NULL);
}

gboolean
_gloss_window_annotate_all_documents (GlossWindow  *self,
                                      guint        *n_annotations,
                                      GError      **error)
{
  GlossProject *project;
  g_autoptr(GlossBulkStep) step = NULL;
  g_autofree char *needle = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (GLOSS_IS_WINDOW (self), FALSE);

  if (n_annotations != NULL)
    *n_annotations = 0;
  if (_gloss_window_bulk_is_running (self))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                           _("An “Annotate All” step is still running"));
      return FALSE;
    }
  if (!selected_needle (self, &needle, &label, error))
    return FALSE;
  if (needle == NULL)
    return TRUE;

  /* the step reloads the open list, which replaces its items: the needle
   * and label are copies */
  project = gloss_window_get_project (self);
  if (!gloss_project_annotate_everywhere (project, label, needle, TRUE, &step, NULL, error))
    return FALSE;
  if (n_annotations != NULL)
    *n_annotations = gloss_bulk_step_get_n_annotations (step);
  take_step (self, project, step);
  return TRUE;
}

void
_gloss_window_bulk_update_undo (GlossWindow *self)
{
  GlossWindowBulk *bulk = get_bulk (self);
  GlossAnnotationList *list = _gloss_window_get_annotations (self);
  gboolean running = bulk->cancellable != NULL;
  /* the worker owns the step while it runs */
  GlossBulkStep *step = running ? NULL : current_step (self);
  GlossChangeSet *changes = running ? NULL : current_changes (self);
  /* the document's history, a curation's rejections included */
  gboolean doc_undo = (list != NULL && gloss_annotation_list_can_undo (list)) ||
                      _gloss_window_can_undo_rejection (self, TRUE);
  gboolean doc_redo = (list != NULL && gloss_annotation_list_can_redo (list)) ||
                      _gloss_window_can_undo_rejection (self, FALSE);
  gboolean last_undo = (step != NULL && gloss_bulk_step_can_undo (step)) ||
                       (changes != NULL && gloss_change_set_can_undo (changes));
  gboolean last_redo = (step != NULL && gloss_bulk_step_can_redo (step)) ||
                       (changes != NULL && gloss_change_set_can_redo (changes));
  gboolean step_undo = !doc_undo && last_undo;
  gboolean step_redo = !doc_redo && last_redo;
  GtkWidget *undo_button = history_button (self, &bulk->undo_button, "win.undo");
  GtkWidget *redo_button = history_button (self, &bulk->redo_button, "win.redo");
  g_autofree char *description = NULL;
  g_autofree char *undo_text = NULL;
  g_autofree char *redo_text = NULL;

  if (step != NULL)
    description = gloss_bulk_step_dup_description (step);
  else if (changes != NULL)
    description = g_strdup (gloss_change_set_get_description (changes));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 !running && (doc_undo || step_undo));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 !running && (doc_redo || step_redo));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo-bulk-step", last_undo);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo-bulk-step", last_redo);
  update_document_step (self);

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
  GlossChangeSet *changes;

  g_return_val_if_fail (GLOSS_IS_WINDOW (self), FALSE);
  if (_gloss_window_bulk_is_running (self))
    return FALSE;
  step = current_step (self);
  changes = current_changes (self);
  return (step != NULL && gloss_bulk_step_can_undo (step)) ||
         (changes != NULL && gloss_change_set_can_undo (changes));
}

gboolean
_gloss_window_bulk_can_redo (GlossWindow *self)
{
  GlossBulkStep *step;
  GlossChangeSet *changes;

  g_return_val_if_fail (GLOSS_IS_WINDOW (self), FALSE);
  if (_gloss_window_bulk_is_running (self))
    return FALSE;
  step = current_step (self);
  changes = current_changes (self);
  return (step != NULL && gloss_bulk_step_can_redo (step)) ||
         (changes != NULL && gloss_change_set_can_redo (changes));
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

gboolean
_gloss_window_bulk_is_running (GlossWindow *self)
{
  GlossWindowBulk *bulk;

  g_return_val_if_fail (GLOSS_IS_WINDOW (self), FALSE);
  bulk = get_bulk (self);
  return bulk->cancellable != NULL;
}

void
_gloss_window_bulk_cancel (GlossWindow *self)
{
  GlossWindowBulk *bulk;

  g_return_if_fail (GLOSS_IS_WINDOW (self));
  bulk = get_bulk (self);
  if (bulk->cancellable != NULL)
    g_cancellable_cancel (bulk->cancellable);
}

void
_gloss_window_bulk_set_thread_threshold (GlossWindow *self,
                                         guint        n_documents)
{
  g_return_if_fail (GLOSS_IS_WINDOW (self));
  get_bulk (self)->thread_min_documents = n_documents;
}

void
_gloss_window_bulk_init (GlossWindow *self)
{
  self->bulk.thread_min_documents = THREAD_MIN_DOCUMENTS;
  g_signal_connect (self, "destroy", G_CALLBACK (window_destroy_cb), NULL);
}

void
_gloss_window_bulk_finalize (GlossWindow *self)
{
  bulk_free (&self->bulk);
}

/* ---- gloss-window-bulk-private.h -------------------------------------- */

void
_gloss_window_bulk_take_changes (GlossWindow    *self,
                                 GlossChangeSet *changes)
{
  Steps *steps;

  g_return_if_fail (GLOSS_IS_WINDOW (self));
  g_return_if_fail (GLOSS_IS_CHANGE_SET (changes));

  if (gloss_window_get_project (self) == NULL || !gloss_change_set_can_undo (changes))
    return;
  steps = get_steps (self);
  /* the window keeps its last step: this one */
  g_clear_object (&get_bulk (self)->step);
  g_set_object (&steps->changes, changes);
  g_set_weak_pointer (&steps->project, gloss_window_get_project (self));
  forget_document_history (self);
  _gloss_window_bulk_update_undo (self);
}

void
_gloss_window_bulk_show_changes_toast (GlossWindow    *self,
                                       GlossChangeSet *changes,
                                       const char     *message)
{
  g_return_if_fail (GLOSS_IS_WINDOW (self));
  g_return_if_fail (GLOSS_IS_CHANGE_SET (changes));
  g_return_if_fail (message != NULL);

  if (current_changes (self) != changes || !gloss_change_set_can_undo (changes))
    return;
  _gloss_window_show_action_toast (self, message, _("_Undo"), "win.undo-bulk-step");
}

GlossChangeSet *
_gloss_window_bulk_get_changes (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), NULL);
  return current_changes (self);
}

guint
_gloss_window_annotate_all_in_document (GlossWindow *self)
{
  GlossAnnotationList *list;
  Steps *steps;
  g_autofree char *message = NULL;
  guint n;

  g_return_val_if_fail (GLOSS_IS_WINDOW (self), 0);

  list = _gloss_window_get_annotations (self);
  if (list == NULL)
    return 0;
  /* the view says when there is nothing to annotate */
  n = gloss_document_view_annotate_all (GLOSS_DOCUMENT_VIEW (gloss_window_get_view (self)));
  if (n == 0 || gloss_annotation_list_get_n_waiting (list) > 0 ||
      !gloss_annotation_list_can_undo (list))
    return n;

  steps = get_steps (self);
  forget_document_step (steps);
  g_set_weak_pointer (&steps->doc_list, list);
  steps->doc_description = g_strdup (gloss_annotation_list_get_undo_description (list));
  steps->doc_valid = TRUE;
  steps->doc_handlers[0] = g_signal_connect_swapped (list, "annotation-changed",
                                                     G_CALLBACK (document_changed_cb), self);
  steps->doc_handlers[1] = g_signal_connect_swapped (list, "relation-changed",
                                                     G_CALLBACK (document_changed_cb), self);
  steps->doc_handlers[2] = g_signal_connect_swapped (list, "status-changed",
                                                     G_CALLBACK (document_changed_cb), self);
  update_document_step (self);

  /* the same words as the view's message, which this toast replaces */
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Annotated %u more occurrence",
                                          "Annotated %u more occurrences", n),
                             n);
  _gloss_window_show_action_toast (self, message, _("_Undo"), "win.undo-annotate-all");
  return n;
}
