/* gloss-task-runner.h: run an import or export on a worker thread
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gloss-format.h"
#include "gloss-project.h"

G_BEGIN_DECLS

/* Runs on the worker thread with a GlossProject of its own, opened on the
 * same file as the window's (a store is used by one thread only; WAL lets
 * the window keep reading). @progress may be called from that thread. */
typedef gboolean (*GlossWorkerFunc) (GlossProject       *project,
                                     gpointer            data,
                                     GlossProgressFunc   progress,
                                     gpointer            progress_data,
                                     GCancellable       *cancellable,
                                     GError            **error);

/* Runs @func in g_task_run_in_thread(). @progress is called on the
 * calling thread's main context with the latest fraction (coalesced), never
 * after @callback. @data is freed with @data_free once the task is done.
 * The result is @func's own, even when @cancellable was cancelled after
 * @func last checked it (it then committed: not an error). */
void     gloss_task_runner_run_async       (gpointer             source_object,
                                            GlossProject        *project,
                                            GlossWorkerFunc      func,
                                            gpointer             data,
                                            GDestroyNotify       data_free,
                                            GlossProgressFunc    progress,
                                            gpointer             progress_data,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean gloss_task_runner_run_finish      (GAsyncResult        *result,
                                            GError             **error);

/* After a worker wrote into the project's file: reloads the document list
 * and brings the schema up to the stored one. New labels, relation types
 * and attributes are merged into the project's schema object in place (so
 * the views, which follow its "changed" signal, update); when that cannot
 * give the stored schema, the schema is replaced (GlossProject:schema). */
gboolean gloss_task_runner_refresh_project (GlossProject        *project,
                                            GError             **error);

G_END_DECLS
