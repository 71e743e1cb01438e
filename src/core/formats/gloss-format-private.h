/* gloss-format-private.h: the list of built-in formats
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-format.h"

G_BEGIN_DECLS

/* Each format file defines its type; gloss-format-registry.c lists them. */
GType *_gloss_format_builtin_types (guint *n_types);

G_END_DECLS
