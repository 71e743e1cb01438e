/* gloss-window-suggest.c: the suggesters run for the open document, and decisions on them
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-document.h"
#include "gloss-command.h"
#include "gloss-project.h"
#include "gloss-store.h"
#include "gloss-suggest.h"
#include "gloss-task-runner.h"
#include "gloss-window-bulk-private.h"
#include "gloss-window-private.h"

/* The suggesters that run by themselves when a document without
 * suggestions is opened: those that need no server and no training
 * time to speak of. */
static const char * const automatic[] = { "rules", "gazetteer", NULL };

/* ---- the worker ------------------------------------------------------------ */

typedef struct
{
  GlossWindow *window; /* weak: a closed window does not wait for the run */
  gint64       document_id;
  GPtrArray   *errors; /* GError */
  gint64       kept;
} SuggestJob;

static void
suggest_job_free (SuggestJob *job)
{
  g_clear_weak_pointer (&job->window);
  g_clear_pointer (&job->errors, g_ptr_array_unref);
  g_free (job);
}

static gboolean
suggest_worker (GlossProject     *project,
                gpointer          data,
                GlossProgressFunc progress,
                gpointer          progress_data,
                GCancellable     *cancellable,
                GError          **error)
{
  SuggestJob *job = data;
  g_autoptr(GPtrArray) suggesters = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char * const *have = gloss_suggester_list_names ();

  for (guint i = 0; automatic[i] != NULL; i++)
    {
      g_autoptr(GlossSuggester) suggester = NULL;
      GError *local = NULL;

      if (!g_strv_contains (have, automatic[i]))
        continue;
      suggester = gloss_suggester_new_for_name (automatic[i], NULL, &local);
      if (suggester == NULL ||
          !gloss_suggester_train (suggester, project, NULL, NULL, cancellable, &local))
        {
          if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, local);
              return FALSE;
            }
          g_prefix_error (&local, "%s: ", automatic[i]);
          g_ptr_array_add (job->errors, local);
          continue;
        }
      g_ptr_array_add (suggesters, g_steal_pointer (&suggester));
    }
  if (suggesters->len == 0)
    return TRUE;
  g_array_append_val (ids, job->document_id);
  job->kept = gloss_project_suggest (project, suggesters, ids, job->errors, progress,
                                     progress_data, cancellable, error);
  return job->kept >= 0;
}

static void
suggest_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SuggestJob  *job = user_data;
  GlossWindow *self = job->window;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);

  /* the job belongs to the task: read it before the result goes */
  if (!gloss_task_runner_run_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_string_append (problems, error->message);
    }
  if (self == NULL)
    return;
  for (guint i = 0; job->errors != NULL && i < job->errors->len; i++)
    g_string_append_printf (problems, "%s%s", problems->len > 0 ? "\n" : "",
                            ((GError *) g_ptr_array_index (job->errors, i))->message);

  g_clear_object (&self->suggest.cancellable);
  self->suggest.n_runs++;
  g_clear_pointer (&self->suggest.last_error, g_free);
  gloss_suggestions_panel_set_running (self->suggestions_panel, FALSE);
  if (problems->len > 0)
    {
      g_autofree char *message = g_strdup_printf (_("Some suggestions could not be made: %s"),
                                                     problems->str);

      self->suggest.last_error = g_strdup (problems->str);
      gloss_suggestions_panel_set_problem (self->suggestions_panel, message);
      _gloss_window_show_problem (self, message);
    }
  if (self->document == NULL || gloss_document_get_id (self->document) != job->document_id)
    return;

  gloss_task_runner_refresh_project (self->project, NULL);
  _gloss_window_suggest_reload (self);
}

void
_gloss_window_suggest_run (GlossWindow *self)
{
  const char * const *have = gloss_suggester_list_names ();
  gboolean            any = FALSE;
  SuggestJob         *job;

  g_return_if_fail (GLOSS_IS_WINDOW (self));

  for (guint i = 0; automatic[i] != NULL; i++)
    any |= g_strv_contains (have, automatic[i]);
  if (!any)
    return;
  if (self->project == NULL || self->document == NULL ||
      gloss_project_is_read_only (self->project) ||
      gloss_project_get_path (self->project) == NULL)
    return;
  if (self->suggest.cancellable != NULL)
    g_cancellable_cancel (self->suggest.cancellable);
  g_clear_object (&self->suggest.cancellable);
  self->suggest.cancellable = g_cancellable_new ();
  self->suggest.document_id = gloss_document_get_id (self->document);

  gloss_suggestions_panel_set_problem (self->suggestions_panel, NULL);
  gloss_suggestions_panel_set_running (self->suggestions_panel, TRUE);
  job = g_new0 (SuggestJob, 1);
  g_set_weak_pointer (&job->window, self);
  job->document_id = self->suggest.document_id;
  job->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  gloss_task_runner_run_async (NULL, self->project, suggest_worker, job,
                               (GDestroyNotify) suggest_job_free, NULL, NULL,
                               self->suggest.cancellable, suggest_done_cb, job);
}

/* ---- the view -------------------------------------------------------------- */

int
_gloss_window_suggest_reload (GlossWindow *self)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  if (self->project == NULL || self->document == NULL)
    {
      gloss_document_view_set_suggestions (self->view, NULL);
      gloss_suggestions_panel_refresh (self->suggestions_panel);
      return -1;
    }
  rows = gloss_project_dup_suggestions (self->project, gloss_document_get_id (self->document),
                                        FALSE, &error);
  if (rows == NULL)
    {
      g_debug ("No suggestions: %s", error->message);
      gloss_document_view_set_suggestions (self->view, NULL);
      return -1;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      GlossSuggestion *s = g_ptr_array_index (rows, i);

      if (gloss_suggestion_get_state (s) == GLOSS_SUGGESTION_PENDING)
        g_ptr_array_add (kept, g_object_ref (s));
    }
  gloss_document_view_set_suggestions (self->view, kept);
  gloss_suggestions_panel_refresh (self->suggestions_panel);
  return (int) rows->len;
}

/* An annotation typed over a suggestion makes it: the list follows. */
static void
annotations_changed_cb (GlossWindow *self)
{
  gloss_suggestions_panel_refresh (self->suggestions_panel);
}

void
_gloss_window_suggest_document_opened (GlossWindow *self)
{
  int kept;

  if (self->suggest.cancellable != NULL &&
      (self->document == NULL ||
       self->suggest.document_id != gloss_document_get_id (self->document)))
    {
      g_cancellable_cancel (self->suggest.cancellable);
      g_clear_object (&self->suggest.cancellable);
      gloss_suggestions_panel_set_running (self->suggestions_panel, FALSE);
    }
  gloss_suggestions_panel_set_problem (self->suggestions_panel, NULL);
  if (self->annotations != NULL)
    g_signal_connect_object (self->annotations, "items-changed",
                             G_CALLBACK (annotations_changed_cb), self, G_CONNECT_SWAPPED);
  /* kept from before (rejected ones included): not made again */
  kept = _gloss_window_suggest_reload (self);
  if (kept == 0 &&
      g_settings_get_boolean (self->settings, "suggest-automatically"))
    _gloss_window_suggest_run (self);
}

/* The view asks to accept: one command of the open document's list, undone
 * with Ctrl+Z like typing. */
static gboolean
accept_suggestions_cb (GlossWindow *self,
                       GPtrArray   *suggestions,
                       const char  *label,
                       gpointer     view)
{
  g_autoptr(GlossCommand) command = NULL;
  g_autoptr(GError) error = NULL;

  if (self->annotations == NULL)
    return FALSE;
  command = gloss_project_build_accept_command (self->project, self->annotations, suggestions,
                                                label, &error);
  if (command == NULL || !gloss_annotation_list_apply (self->annotations, command, &error))
    {
      gloss_window_show_error (self, _("Could not accept the suggestion"), error);
      return FALSE;
    }
  if (suggestions->len > 1)
    {
      g_autofree char *message = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "Accepted %u suggestion", "Accepted %u suggestions",
                     suggestions->len),
        suggestions->len);

      _gloss_window_show_action_toast (self, message, _("_Undo"), "win.undo");
    }
  return TRUE;
}

static void
suggest_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  _gloss_window_suggest_run (GLOSS_WINDOW (widget));
}

void
_gloss_window_suggest_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.suggest", NULL, suggest_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.suggest", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_S,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.suggest", NULL);
}

void
_gloss_window_suggest_init (GlossWindow *self)
{
  gloss_suggestions_panel_set_view (self->suggestions_panel, self->view);
  g_signal_connect_object (self->view, "accept-suggestions", G_CALLBACK (accept_suggestions_cb),
                           self, G_CONNECT_SWAPPED);
}

void
_gloss_window_suggest_dispose (GlossWindow *self)
{
  if (self->suggest.cancellable != NULL)
    g_cancellable_cancel (self->suggest.cancellable);
  g_clear_object (&self->suggest.cancellable);
  g_clear_pointer (&self->suggest.last_error, g_free);
}
