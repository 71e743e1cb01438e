/* gloss-task-runner.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include "gloss-schema.h"
#include "gloss-store.h"
#include "gloss-task-runner.h"

/* Progress shared between the worker and the main context: the worker
 * stores the latest fraction and schedules one delivery at a time. */
typedef struct
{
  GMutex             mutex;
  double             fraction;
  gboolean           pending;    /* a delivery is scheduled */
  gboolean           done;       /* the task completed: deliver no more */
  GMainContext      *context;    /* owned */
  GlossProgressFunc  progress;
  gpointer           progress_data;
} Forward;

typedef struct
{
  char                *path;        /* owned */
  char                *annotator;   /* owned */
  GlossWorkerFunc      func;
  gpointer             data;
  GDestroyNotify       data_free;
  Forward             *forward;     /* owned ref */
  GAsyncReadyCallback  callback;
  gpointer             user_data;
} RunData;

static Forward *
forward_ref (Forward *forward)
{
  return g_atomic_rc_box_acquire (forward);
}

static void
forward_clear (Forward *forward)
{
  g_mutex_clear (&forward->mutex);
  g_main_context_unref (forward->context);
}

static void
forward_unref (Forward *forward)
{
  g_atomic_rc_box_release_full (forward, (GDestroyNotify) forward_clear);
}

static void
run_data_free (RunData *run)
{
  if (run->data_free != NULL && run->data != NULL)
    run->data_free (run->data);
  g_free (run->path);
  g_free (run->annotator);
  forward_unref (run->forward);
  g_free (run);
}

static gboolean
deliver_cb (gpointer user_data)
{
  Forward *forward = user_data;
  gboolean done;
  double fraction;

  g_mutex_lock (&forward->mutex);
  fraction = forward->fraction;
  forward->pending = FALSE;
  done = forward->done;
  g_mutex_unlock (&forward->mutex);

  if (!done && forward->progress != NULL)
    forward->progress (fraction, forward->progress_data);

  return G_SOURCE_REMOVE;
}

/* Worker thread. */
static void
forward_progress (double   fraction,
                  gpointer user_data)
{
  Forward *forward = user_data;
  gboolean schedule = FALSE;

  g_mutex_lock (&forward->mutex);
  forward->fraction = fraction;
  if (!forward->pending && !forward->done)
    {
      forward->pending = TRUE;
      schedule = TRUE;
    }
  g_mutex_unlock (&forward->mutex);

  if (schedule)
    g_main_context_invoke_full (forward->context, G_PRIORITY_DEFAULT, deliver_cb,
                                forward_ref (forward), (GDestroyNotify) forward_unref);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *run = task_data;
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;

  /* The window checked the file whole when it opened it. */
  project = gloss_project_open_full (run->path, GLOSS_STORE_OPEN_CHECKED, &error);
  if (project == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (run->annotator != NULL)
    gloss_project_set_annotator (project, run->annotator);

  if (!run->func (project, run->data, forward_progress, run->forward, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
run_done_cb (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  RunData *run = g_task_get_task_data (G_TASK (result));

  g_mutex_lock (&run->forward->mutex);
  run->forward->done = TRUE;
  g_mutex_unlock (&run->forward->mutex);

  if (run->callback != NULL)
    run->callback (source_object, result, run->user_data);
}

void
gloss_task_runner_run_async (gpointer             source_object,
                             GlossProject        *project,
                             GlossWorkerFunc      func,
                             gpointer             data,
                             GDestroyNotify       data_free,
                             GlossProgressFunc    progress,
                             gpointer             progress_data,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *run;

  g_return_if_fail (source_object == NULL || G_IS_OBJECT (source_object));
  g_return_if_fail (GLOSS_IS_PROJECT (project));
  g_return_if_fail (func != NULL);

  run = g_new0 (RunData, 1);
  run->path = g_strdup (gloss_project_get_path (project));
  run->annotator = g_strdup (gloss_project_get_annotator (project));
  run->func = func;
  run->data = data;
  run->data_free = data_free;
  run->callback = callback;
  run->user_data = user_data;
  run->forward = g_atomic_rc_box_new0 (Forward);
  g_mutex_init (&run->forward->mutex);
  run->forward->context = g_main_context_ref_thread_default ();
  run->forward->progress = progress;
  run->forward->progress_data = progress_data;

  task = g_task_new (source_object, cancellable, run_done_cb, NULL);
  g_task_set_source_tag (task, gloss_task_runner_run_async);
  g_task_set_task_data (task, run, (GDestroyNotify) run_data_free);
  /* The import rolls back on cancellation; report it as the error it is.
   * The worker's own result decides: one that committed just before the
   * cancellation succeeded, and must not be reported as cancelled. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, run_thread);
}

gboolean
gloss_task_runner_run_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gloss_task_runner_run_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- refreshing the window's project ----------------------------------- */

gboolean
gloss_task_runner_refresh_project (GlossProject  *project,
                                   GError       **error)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (project), FALSE);

  /* what the worker's connection committed, the schema added to in place
   * where only additions lead to it */
  return gloss_project_refresh (project, NULL, error);
}
