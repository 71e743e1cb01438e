/* gloss-window-private.h: the window's document list filters and recent menu, for tests
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gloss-window.h"

G_BEGIN_DECLS

/* The document list as shown: filtered by name or text and by status. */
GListModel  *_gloss_window_get_document_list   (GlossWindow *self);
GtkEditable *_gloss_window_get_search_entry    (GlossWindow *self);
/* Rows: all, new, in progress, done (for the current annotator). */
GtkDropDown *_gloss_window_get_status_dropdown (GlossWindow *self);
/* The "Open Recent" submenu. */
GMenuModel  *_gloss_window_get_recent_menu     (GlossWindow *self);

G_END_DECLS
