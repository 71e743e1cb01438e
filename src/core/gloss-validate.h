/* gloss-validate.h: telling damage from data
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gloss-types.h"

G_BEGIN_DECLS

/* One problem: the document it is in (its name, or NULL for the project as
 * a whole) and what is wrong, in a sentence that names the row. */
typedef void (*GlossProblemFunc) (const char *document,
                                  const char *message,
                                  gpointer    user_data);

typedef enum
{
  GLOSS_VALIDATE_DEFAULT = 0,
  /* Leave the damaged rows out of the project (which must be a private
   * copy: see gloss_project_open_salvaged()): a document whose text is
   * damaged, an annotation or relation whose values cannot be read, a
   * relation whose ends are gone; repair a document's SHA-256 and length
   * from its text. Every row left out or repaired is reported. */
  GLOSS_VALIDATE_SALVAGE = 1 << 0,
} GlossValidateFlags;

/* Checks everything a project file can hold wrong, reading the rows as
 * stored (so that damage is reported, not failed on): SQLite's integrity
 * and foreign keys; triggers and views planted in the file; each
 * document's text (present, UTF-8, no NUL), its SHA-256, length, metadata
 * and attributes; each annotation's offsets (integers, not negative, in
 * order), fragments (readable, inside the text, agreeing with start and
 * end), label (present, in the schema when live) and attributes; each
 * relation's attributes, ends (present, live) and type (allowed by the
 * schema). Calls @func for each problem and sets @n_problems. FALSE with
 * @error only when the check itself cannot run. */
gboolean      gloss_project_validate         (GlossProject        *project,
                                              GlossValidateFlags   flags,
                                              GlossProblemFunc     func,
                                              gpointer             user_data,
                                              guint               *n_problems,
                                              GError             **error);

/* Opens a private, read-only copy of the project at @path with its damaged
 * rows left out (GLOSS_VALIDATE_SALVAGE), reporting each through @func:
 * what `stats --salvage` and `export --salvage` read. The file itself is
 * never written. */
GlossProject *gloss_project_open_salvaged    (const char          *path,
                                              GlossProblemFunc     func,
                                              gpointer             user_data,
                                              guint               *n_problems,
                                              GError             **error);

G_END_DECLS
