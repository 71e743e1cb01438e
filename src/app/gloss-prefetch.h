/* gloss-prefetch.h: opening a project while GTK starts
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "gloss-project.h"

G_BEGIN_DECLS

/* `gloss PROJECT [--document NAME]` knows what it will show before GTK is
 * up. A prefetch opens the project, reads the document's text and loads its
 * annotation list (store, span index, relations) in a thread of its own
 * while the main thread initialises GTK and builds the window; the window
 * then takes the open project instead of opening it again. Only GLib and
 * the core run in the thread, and nothing it made is touched by the main
 * thread before gloss_prefetch_take_project() has joined it. */
typedef struct _GlossPrefetch GlossPrefetch;

/* Starts the thread. The document is the one called @document_name, else
 * the one whose uuid is @document_uuid (the window reopens the document
 * open last time), else the first of the project — the one the window will
 * show. Both may be NULL or empty. */
GlossPrefetch *gloss_prefetch_start        (const char    *path,
                                            const char    *document_name,
                                            const char    *document_uuid);
/* Waits for the thread. Returns the open project when it was prefetched
 * from @path and opened without error, else NULL (the caller opens the
 * project itself and reports errors as usual). The annotation list stays
 * open until gloss_prefetch_free(), so a window that opens the document
 * gets the loaded list from gloss_project_dup_annotation_list(). */
GlossProject  *gloss_prefetch_take_project (GlossPrefetch *self,
                                            const char    *path);
/* Waits for the thread if it still runs and frees everything not taken. */
void           gloss_prefetch_free         (GlossPrefetch *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossPrefetch, gloss_prefetch_free)

G_END_DECLS
