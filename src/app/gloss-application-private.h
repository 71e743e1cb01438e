/* gloss-application-private.h: what the window takes from the application
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-application.h"

G_BEGIN_DECLS

/* The project at @path when the command line's project was opened while GTK
 * started (see gloss-prefetch.h), else NULL. For gloss_window_open_file(). */
GlossProject     *_gloss_application_take_prefetched (GlossApplication *self,
                                                      const char       *path);

G_END_DECLS
