/* gloss-window-suggest.c: the suggesters run for the open document, and decisions on them
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "gloss-command.h"
#include "gloss-document.h"
#include "gloss-project.h"
#include "gloss-secrets.h"
#include "gloss-store.h"
#include "gloss-suggest-settings.h"
#include "gloss-suggest.h"
#include "gloss-suggester-model.h"
#include "gloss-task-runner.h"
#include "gloss-window-bulk-private.h"
#include "gloss-window-private.h"

/* The project says which suggesters run (the Suggestions tab's switches,
 * Project Properties for the servers). They run on a worker thread when a
 * document without suggestions is opened and on Ctrl+Shift+S; typing never
 * waits for them. The learned model is trained on a worker too, the first
 * time it is needed and again a few seconds after the annotations stop
 * changing, and kept between runs: a run only predicts with it. */

#define RETRAIN_DELAY_SECONDS 5

/* A worker's window, still there to be told: not closed, and not in the
 * middle of its dispose (its panels are gone then, the weak pointer not
 * yet). */
static gboolean
still_there (GlossWindow *self)
{
  return self != NULL && self->suggestions_panel != NULL;
}

/* ---- a run ----------------------------------------------------------------- */

typedef struct
{
  char    *name;
  char    *status; /* owned, NULL: its count */
  gboolean problem;
} Outcome;

static void
outcome_free (Outcome *outcome)
{
  g_free (outcome->name);
  g_free (outcome->status);
  g_free (outcome);
}

/* What each of the window's jobs on the learned model holds (a run, a
 * training, the search for the least certain document). */
typedef struct
{
  GlossWindow    *window;   /* weak: a closed window does not wait for the job */
  GlossSuggester *model;    /* owned: trained already, or NULL: train one here */
  GlossSuggester *trained;  /* owned: the model trained here, for the window */
  GPtrArray      *outcomes; /* Outcome */
} ModelJob;

static void
model_job_init (ModelJob    *job,
                GlossWindow *window,
                gboolean     with_model)
{
  g_set_weak_pointer (&job->window, window);
  if (with_model && window->suggest.model != NULL)
    job->model = g_object_ref (window->suggest.model);
  job->outcomes = g_ptr_array_new_with_free_func ((GDestroyNotify) outcome_free);
}

static void
model_job_clear (ModelJob *job)
{
  g_clear_weak_pointer (&job->window);
  g_clear_object (&job->model);
  g_clear_object (&job->trained);
  g_clear_pointer (&job->outcomes, g_ptr_array_unref);
}

typedef struct
{
  ModelJob        base;
  GCancellable   *cancellable; /* owned: the run's */
  gint64          document_id;
  char          **names; /* the suggesters to run */
  gint64          kept;
} SuggestJob;

static void
suggest_job_free (SuggestJob *job)
{
  model_job_clear (&job->base);
  g_clear_object (&job->cancellable);
  g_strfreev (job->names);
  g_free (job);
}

static void
add_outcome (GPtrArray  *outcomes,
             const char *name,
             const char *status,
             gboolean    problem)
{
  Outcome *outcome = g_new0 (Outcome, 1);

  outcome->name = g_strdup (name);
  outcome->status = g_strdup (status);
  outcome->problem = problem;
  g_ptr_array_add (outcomes, outcome);
}

/* The API key of an OpenAI-compatible endpoint, from the keyring (a key
 * file named in Project Properties comes in gloss_project_new_suggester()). */
static char *
lookup_key (GlossProject *project,
            const char   *name,
            GCancellable *cancellable)
{
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;
  char *key;

  if (!g_str_equal (name, "openai"))
    return NULL;
  url = gloss_project_dup_suggester_setting (project, name, "url");
  if (url == NULL)
    return NULL;
  key = gloss_secrets_lookup_api_key (url, cancellable, &error);
  if (error != NULL)
    g_debug ("No key from the keyring for %s: %s", url, error->message);
  return key;
}

/* A trained model, or NULL with the reason in @outcomes. */
static GlossSuggester *
train_model (GlossProject *project,
             GPtrArray    *outcomes,
             GCancellable *cancellable,
             GError      **error)
{
  g_autoptr(GlossSuggester) model = gloss_model_suggester_new ();
  g_autoptr(GError) local = NULL;

  if (gloss_suggester_train (model, project, NULL, NULL, cancellable, &local))
    {
      guint            n = gloss_model_suggester_get_n_documents (GLOSS_MODEL_SUGGESTER (model));
      g_autofree char *status = NULL;

      if (n >= GLOSS_MODEL_MIN_DOCUMENTS)
        return g_steal_pointer (&model);
      /* Translators: the learned model's row, e.g. "Learns once 5 documents
       * are annotated (2 so far)" */
      status = g_strdup_printf (_("Learns once %u documents are annotated (%u so far)"),
                                   GLOSS_MODEL_MIN_DOCUMENTS, n);
      add_outcome (outcomes, "model", status, FALSE);
      return NULL;
    }
  if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_steal_pointer (&local));
  else if (g_error_matches (local, GLOSS_SUGGEST_ERROR, GLOSS_SUGGEST_ERROR_NOT_TRAINED))
    add_outcome (outcomes, "model", _("Learns from annotated documents: none yet"), FALSE);
  else
    add_outcome (outcomes, "model", local->message, TRUE);
  return NULL;
}

/* train_model() for a worker: FALSE with @error set when the job was
 * cancelled, also when the cancel came after a training that gave no
 * model (too few documents): a worker that fails says why, or GTask
 * takes its FALSE without an error for a programming error. */
static gboolean
train_for_worker (GlossProject    *project,
                  GPtrArray       *outcomes,
                  GlossSuggester **trained,
                  GCancellable    *cancellable,
                  GError         **error)
{
  g_autoptr(GError) local = NULL;

  *trained = train_model (project, outcomes, cancellable, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return *trained != NULL || !g_cancellable_set_error_if_cancelled (cancellable, error);
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
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; job->names[i] != NULL; i++)
    {
      const char *name = job->names[i];
      g_autoptr(GlossSuggester) suggester = NULL;
      g_autofree char *key = NULL;
      GError          *local = NULL;

      if (g_str_equal (name, "model"))
        {
          if (job->base.model == NULL)
            {
              if (!train_for_worker (project, job->base.outcomes, &job->base.trained,
                                     cancellable, error))
                return FALSE;
              if (job->base.trained == NULL)
                continue;
            }
          g_ptr_array_add (suggesters, g_object_ref (job->base.model != NULL
                                                       ? job->base.model
                                                       : job->base.trained));
          continue;
        }
      key = lookup_key (project, name, cancellable);
      suggester = gloss_project_new_suggester (project, name,
                                               &(GlossSuggesterOptions) { .api_key = key },
                                               &local);
      if (suggester != NULL &&
          gloss_suggester_train (suggester, project, NULL, NULL, cancellable, &local))
        {
          g_ptr_array_add (suggesters, g_steal_pointer (&suggester));
          continue;
        }
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, local);
          return FALSE;
        }
      add_outcome (job->base.outcomes, name, local->message, TRUE);
      g_error_free (local);
    }
  if (suggesters->len == 0)
    return TRUE;
  g_array_append_val (ids, job->document_id);
  job->kept = gloss_project_suggest (project, suggesters, ids, errors, progress, progress_data,
                                     cancellable, error);
  /* each error starts with its suggester's name */
  for (guint i = 0; i < errors->len; i++)
    {
      const char *message = ((GError *) g_ptr_array_index (errors, i))->message;
      gboolean    found = FALSE;

      for (guint j = 0; job->names[j] != NULL && !found; j++)
        {
          gsize n = strlen (job->names[j]);

          if (g_str_has_prefix (message, job->names[j]) && g_str_has_prefix (message + n, ": "))
            {
              add_outcome (job->base.outcomes, job->names[j], message + n + 2, TRUE);
              found = TRUE;
            }
        }
      if (!found)
        add_outcome (job->base.outcomes, NULL, message, TRUE);
    }
  return job->kept >= 0;
}

/* What the model's row says before it has learnt: how many documents it
 * waits for, or NULL. Asked of the store: going through the document list
 * read every document of a project with fewer annotated ones (100,000 rows
 * and 3 s before the first frame of a large unannotated project). */
static char *
model_waits (GlossProject *project)
{
  guint n = gloss_store_count_annotated_documents (gloss_project_get_store (project),
                                                   GLOSS_MODEL_MIN_DOCUMENTS);

  if (n >= GLOSS_MODEL_MIN_DOCUMENTS)
    return NULL;
  return g_strdup_printf (_("Learns once %u documents are annotated (%u so far)"),
                          GLOSS_MODEL_MIN_DOCUMENTS, n);
}

/* Each suggester's row says whether it runs and what it needs. */
static void
show_settings (GlossWindow *self)
{
  const char * const *names = gloss_suggester_list_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *missing = NULL;
      gboolean         enabled = self->project != NULL &&
                         gloss_project_get_suggester_enabled (self->project, names[i]);

      if (self->project != NULL &&
          !gloss_project_suggester_is_ready (self->project, names[i], &missing))
        enabled = FALSE;
      else if (enabled && g_str_equal (names[i], "model") && self->suggest.model == NULL)
        missing = model_waits (self->project);
      gloss_suggestions_panel_set_suggester (self->suggestions_panel, names[i], enabled, missing,
                                             FALSE);
    }
}

static void
suggest_progress_cb (double   fraction,
                     gpointer data)
{
  SuggestJob *job = data;

  if (still_there (job->base.window))
    gloss_suggestions_panel_set_progress (job->base.window->suggestions_panel, fraction);
}

static void
suggest_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SuggestJob  *job = user_data;
  GlossWindow *self = job->base.window;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  gboolean cancelled = FALSE;

  if (!gloss_task_runner_run_finish (result, &error))
    {
      cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      if (!cancelled)
        g_string_append (problems, error->message);
    }
  if (!still_there (self))
    return;

  if (job->base.trained != NULL)
    g_set_object (&self->suggest.model, job->base.trained);
  /* a run that another replaced leaves the new one running */
  if (self->suggest.cancellable == job->cancellable)
    g_clear_object (&self->suggest.cancellable);
  self->suggest.n_runs++;
  g_clear_pointer (&self->suggest.last_error, g_free);
  gloss_suggestions_panel_set_running (self->suggestions_panel,
                                       self->suggest.cancellable != NULL);
  show_settings (self);
  for (guint i = 0; i < job->base.outcomes->len; i++)
    {
      Outcome *outcome = g_ptr_array_index (job->base.outcomes, i);

      if (outcome->name != NULL)
        gloss_suggestions_panel_set_suggester (self->suggestions_panel, outcome->name, TRUE,
                                               outcome->status, outcome->problem);
      if (outcome->problem)
        g_string_append_printf (problems, "%s%s%s%s", problems->len > 0 ? "\n" : "",
                                outcome->name != NULL ? outcome->name : "",
                                outcome->name != NULL ? ": " : "", outcome->status);
    }
  if (problems->len > 0)
    {
      g_autofree char *message = g_strdup_printf (_("Some suggestions could not be made: %s"),
                                                     problems->str);

      self->suggest.last_error = g_strdup (problems->str);
      gloss_suggestions_panel_set_problem (self->suggestions_panel, message);
      _gloss_window_show_problem (self, message);
    }
  if (cancelled || self->document == NULL ||
      gloss_document_get_id (self->document) != job->document_id)
    return;

  gloss_task_runner_refresh_project (self->project, NULL);
  _gloss_window_suggest_reload (self);
}

void
_gloss_window_suggest_run (GlossWindow *self)
{
  g_auto(GStrv) names = NULL;
  SuggestJob *job;

  g_return_if_fail (GLOSS_IS_WINDOW (self));

  if (self->project == NULL || self->document == NULL ||
      gloss_project_is_read_only (self->project) ||
      gloss_project_get_path (self->project) == NULL)
    return;
  names = gloss_project_dup_enabled_suggesters (self->project);
  show_settings (self);
  if (names[0] == NULL)
    {
      gloss_suggestions_panel_set_problem (self->suggestions_panel,
                                           _("No suggester runs: turn one on below"));
      return;
    }
  if (self->suggest.cancellable != NULL)
    g_cancellable_cancel (self->suggest.cancellable);
  g_clear_object (&self->suggest.cancellable);
  self->suggest.cancellable = g_cancellable_new ();
  self->suggest.document_id = gloss_document_get_id (self->document);

  gloss_suggestions_panel_set_problem (self->suggestions_panel, NULL);
  gloss_suggestions_panel_set_running (self->suggestions_panel, TRUE);
  gloss_suggestions_panel_set_progress (self->suggestions_panel, 0);
  job = g_new0 (SuggestJob, 1);
  model_job_init (&job->base, self, TRUE);
  job->cancellable = g_object_ref (self->suggest.cancellable);
  job->document_id = self->suggest.document_id;
  job->names = g_steal_pointer (&names);
  gloss_task_runner_run_async (NULL, self->project, suggest_worker, job,
                               (GDestroyNotify) suggest_job_free, suggest_progress_cb, job,
                               self->suggest.cancellable, suggest_done_cb, job);
}

/* ---- the model, learned again when the annotations change ------------------ */

/* A training is a ModelJob with no model to start from. */
static void
train_job_free (ModelJob *job)
{
  model_job_clear (job);
  g_free (job);
}

static gboolean
train_worker (GlossProject     *project,
              gpointer          data,
              GlossProgressFunc progress,
              gpointer          progress_data,
              GCancellable     *cancellable,
              GError          **error)
{
  ModelJob *job = data;

  return train_for_worker (project, job->outcomes, &job->trained, cancellable, error);
}

static void
train_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  ModelJob    *job = user_data;
  GlossWindow *self = job->window;
  g_autoptr(GError) error = NULL;

  if (!gloss_task_runner_run_finish (result, &error) || !still_there (self))
    return;
  g_clear_object (&self->suggest.train_cancellable);
  self->suggest.n_trainings++;
  if (job->trained != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *time = g_date_time_format (now, "%H:%M");
      /* Translators: the learned model's row, e.g. "Learned at 14:05" */
      g_autofree char *status = g_strdup_printf (_("Learned at %s"), time);

      g_set_object (&self->suggest.model, job->trained);
      gloss_suggestions_panel_set_suggester (self->suggestions_panel, "model", TRUE, status,
                                             FALSE);
    }
  for (guint i = 0; i < job->outcomes->len; i++)
    {
      Outcome *outcome = g_ptr_array_index (job->outcomes, i);

      gloss_suggestions_panel_set_suggester (self->suggestions_panel, "model", TRUE,
                                             outcome->status, outcome->problem);
    }
}

static void
train_now (GlossWindow *self)
{
  ModelJob *job;

  if (self->project == NULL || gloss_project_get_path (self->project) == NULL ||
      !gloss_project_get_suggester_enabled (self->project, "model"))
    return;
  if (self->suggest.train_cancellable != NULL)
    g_cancellable_cancel (self->suggest.train_cancellable);
  g_clear_object (&self->suggest.train_cancellable);
  self->suggest.train_cancellable = g_cancellable_new ();
  job = g_new0 (ModelJob, 1);
  model_job_init (job, self, FALSE);
  gloss_suggestions_panel_set_suggester (self->suggestions_panel, "model", TRUE,
                                         _("Learning from the annotations…"), FALSE);
  gloss_task_runner_run_async (NULL, self->project, train_worker, job,
                               (GDestroyNotify) train_job_free, NULL, NULL,
                               self->suggest.train_cancellable, train_done_cb, job);
}

static gboolean
retrain_cb (gpointer data)
{
  GlossWindow *self = data;

  self->suggest.retrain_source = 0;
  train_now (self);
  return G_SOURCE_REMOVE;
}

/* Annotations changed: the model learns again once they stop changing. */
static void
schedule_retrain (GlossWindow *self)
{
  if (self->project == NULL || !gloss_project_get_suggester_enabled (self->project, "model"))
    return;
  g_clear_handle_id (&self->suggest.retrain_source, g_source_remove);
  self->suggest.retrain_source = g_timeout_add_seconds (RETRAIN_DELAY_SECONDS, retrain_cb, self);
}

/* ---- the document the model is least sure of (Alt+Shift+Down) --------------- */

/* Documents looked at for the next one: enough for a day's queue, few
 * enough to answer within a second on 5 KB articles. */
#define UNCERTAIN_LIMIT 2000

typedef struct
{
  ModelJob base;
  gint64   exclude;
  gint64   found;
  double   uncertainty;
} UncertainJob;

static void
uncertain_job_free (UncertainJob *job)
{
  model_job_clear (&job->base);
  g_free (job);
}

static gboolean
uncertain_worker (GlossProject     *project,
                  gpointer          data,
                  GlossProgressFunc progress,
                  gpointer          progress_data,
                  GCancellable     *cancellable,
                  GError          **error)
{
  UncertainJob   *job = data;
  GlossSuggester *model = job->base.model;

  if (model == NULL)
    {
      if (!train_for_worker (project, job->base.outcomes, &job->base.trained, cancellable,
                             error))
        return FALSE;
      if (job->base.trained == NULL)
        return TRUE;
      model = job->base.trained;
    }
  job->found = gloss_model_suggester_find_most_uncertain (GLOSS_MODEL_SUGGESTER (model), project,
                                                          job->exclude, UNCERTAIN_LIMIT,
                                                          &job->uncertainty, cancellable, error);
  return job->found >= 0;
}

static void
uncertain_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  UncertainJob *job = user_data;
  GlossWindow  *self = job->base.window;
  g_autoptr(GError) error = NULL;
  GlossDocument   *document;
  g_autofree char *message = NULL;

  if (!gloss_task_runner_run_finish (result, &error))
    {
      if (still_there (self) && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gloss_window_show_error (self, _("Could not find the next document"), error);
      return;
    }
  if (!still_there (self))
    return;
  if (job->base.trained != NULL)
    g_set_object (&self->suggest.model, job->base.trained);
  if (job->base.outcomes->len > 0)
    {
      Outcome *outcome = g_ptr_array_index (job->base.outcomes, 0);

      /* Translators: Alt+Shift+Down without a model, e.g. "The model
       * learns once 5 documents are annotated (2 so far)" */
      message = g_strdup_printf (_("No document chosen by the model: %s"), outcome->status);
      gloss_window_show_message (self, message);
      return;
    }
  document = job->found > 0 ? gloss_project_lookup_document (self->project, job->found) : NULL;
  if (document == NULL)
    {
      gloss_window_show_message (self, _("Every document has annotations: none is left for the "
                                         "model to choose"));
      return;
    }
  self->suggest.n_uncertain++;
  gloss_window_select_document (self, gloss_document_get_name (document));
  /* Translators: after Alt+Shift+Down, e.g. "The model is least sure of
   * “wire-12” (uncertainty 0.31)" */
  message = g_strdup_printf (_("The model is least sure of “%s” (uncertainty %.2f)"),
                                gloss_document_get_name (document), job->uncertainty);
  gloss_window_show_message (self, message);
}

static void
next_uncertain_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GlossWindow  *self = GLOSS_WINDOW (widget);
  UncertainJob *job;

  if (self->project == NULL || gloss_project_get_path (self->project) == NULL)
    return;
  job = g_new0 (UncertainJob, 1);
  model_job_init (&job->base, self, TRUE);
  job->exclude = self->document != NULL ? gloss_document_get_id (self->document) : 0;
  gloss_window_show_message (self, _("Finding the document the model is least sure of…"));
  gloss_task_runner_run_async (NULL, self->project, uncertain_worker, job,
                               (GDestroyNotify) uncertain_job_free, NULL, NULL, NULL,
                               uncertain_done_cb, job);
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

/* An annotation typed over a suggestion makes it: the list follows, and
 * the model will learn from it. */
static void
annotations_changed_cb (GlossWindow *self)
{
  gloss_suggestions_panel_refresh (self->suggestions_panel);
  schedule_retrain (self);
}

/* The document a window opens with gets its suggestions once the window is
 * on screen: a tick callback first runs in the window's first frame, before
 * it is drawn, so the run starts at the second. Started sooner, the
 * suggesters (their own project, a model learned) took a core from the
 * launch on a two-core machine. */
static gboolean
launch_tick_cb (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  static const guint first_frame = 1;

  if (++self->suggest.launch_frames <= first_frame)
    return G_SOURCE_CONTINUE;
  self->suggest.launch_tick = 0;
  if (self->document != NULL && self->suggest.cancellable == NULL &&
      g_settings_get_boolean (self->settings, "suggest-automatically"))
    _gloss_window_suggest_run (self);
  return G_SOURCE_REMOVE;
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
  /* another project: its own model */
  if (self->suggest.model_project != self->project)
    {
      g_clear_object (&self->suggest.model);
      g_set_weak_pointer (&self->suggest.model_project, self->project);
    }
  gloss_suggestions_panel_set_problem (self->suggestions_panel, NULL);
  show_settings (self);
  if (self->annotations != NULL)
    g_signal_connect_object (self->annotations, "items-changed",
                             G_CALLBACK (annotations_changed_cb), self, G_CONNECT_SWAPPED);
  /* kept from before (rejected ones included): not made again */
  kept = _gloss_window_suggest_reload (self);
  if (kept == 0 &&
      g_settings_get_boolean (self->settings, "suggest-automatically"))
    {
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        _gloss_window_suggest_run (self);
      else if (self->suggest.launch_tick == 0)
        {
          self->suggest.launch_frames = 0;
          self->suggest.launch_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self),
                                                                    launch_tick_cb, NULL, NULL);
        }
    }
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

/* A switch in the Suggestions tab: kept in the project, and the document's
 * suggestions made again with what now runs. */
static void
suggester_toggled_cb (GlossWindow *self,
                      const char  *name,
                      gboolean     enabled)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = NULL;

  if (self->project == NULL)
    return;
  if (enabled && !gloss_project_suggester_is_ready (self->project, name, &missing))
    {
      gloss_suggestions_panel_set_suggester (self->suggestions_panel, name, FALSE, missing, TRUE);
      return;
    }
  if (!gloss_project_set_suggester_enabled (self->project, name, enabled, &error))
    {
      gloss_window_show_error (self, _("Could not change the suggesters"), error);
      show_settings (self);
      return;
    }
  if (g_str_equal (name, "model") && !enabled)
    g_clear_object (&self->suggest.model);
  _gloss_window_suggest_run (self);
}

static void
suggest_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  _gloss_window_suggest_run (GLOSS_WINDOW (widget));
}

static void
cancel_suggest_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);

  if (self->suggest.cancellable != NULL)
    g_cancellable_cancel (self->suggest.cancellable);
}

void
_gloss_window_suggest_settings_changed (GlossWindow *self)
{
  g_return_if_fail (GLOSS_IS_WINDOW (self));

  show_settings (self);
}

void
_gloss_window_suggest_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.suggest", NULL, suggest_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-suggest", NULL,
                                   cancel_suggest_action);
  gtk_widget_class_install_action (widget_class, "win.next-uncertain", NULL,
                                   next_uncertain_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK | GDK_SHIFT_MASK,
                                       "win.next-uncertain", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Down,
                                       GDK_ALT_MASK | GDK_SHIFT_MASK, "win.next-uncertain", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.suggest", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_S,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.suggest", NULL);
}

/* Highest score first, or the text's order: the view's N and the list. */
static void
order_changed_cb (GlossWindow *self)
{
  gloss_document_view_set_suggestions_by_score (
    self->view, g_settings_get_boolean (self->settings, "suggestions-by-score"));
  gloss_suggestions_panel_refresh (self->suggestions_panel);
}

void
_gloss_window_suggest_init (GlossWindow *self)
{
  g_settings_bind (self->settings, "suggestions-by-score",
                   gloss_suggestions_panel_get_by_score_button (self->suggestions_panel), "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::suggestions-by-score",
                           G_CALLBACK (order_changed_cb), self, G_CONNECT_SWAPPED);
  order_changed_cb (self);
  gloss_suggestions_panel_set_view (self->suggestions_panel, self->view);
  g_signal_connect_object (self->view, "accept-suggestions", G_CALLBACK (accept_suggestions_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->suggestions_panel, "suggester-toggled",
                           G_CALLBACK (suggester_toggled_cb), self, G_CONNECT_SWAPPED);
}

void
_gloss_window_suggest_dispose (GlossWindow *self)
{
  if (self->suggest.cancellable != NULL)
    g_cancellable_cancel (self->suggest.cancellable);
  g_clear_object (&self->suggest.cancellable);
  if (self->suggest.train_cancellable != NULL)
    g_cancellable_cancel (self->suggest.train_cancellable);
  g_clear_object (&self->suggest.train_cancellable);
  g_clear_handle_id (&self->suggest.retrain_source, g_source_remove);
  if (self->suggest.launch_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->suggest.launch_tick);
  self->suggest.launch_tick = 0;
  g_clear_object (&self->suggest.model);
  g_clear_weak_pointer (&self->suggest.model_project);
  g_clear_pointer (&self->suggest.last_error, g_free);
}
