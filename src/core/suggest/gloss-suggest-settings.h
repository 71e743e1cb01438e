/* gloss-suggest-settings.h: which suggesters a project runs, and where their servers are
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gloss-suggest.h"

G_BEGIN_DECLS

/* A project says which suggesters run for it and how to reach the HTTP
 * ones, so that the window and gloss-cli run the same ones without being
 * told again. The settings are kept in the project file's metadata (they
 * travel with it); a secret never is: an API key lives in the desktop's
 * keyring or in a file the user names, and only that file's path is kept.
 *
 * Settings, by suggester:
 *   "ls-backend": "url"
 *   "openai":     "url", "model", "key-file" (a file whose first line is the key)
 *   "gazetteer":  "list" (a text<TAB>label file)
 */

/* Whether @name runs for @project: as set, else rules, gazetteer and model
 * do and the HTTP suggesters do once their URL is set. */
gboolean        gloss_project_get_suggester_enabled (GlossProject *project,
                                                     const char   *name);
gboolean        gloss_project_set_suggester_enabled (GlossProject *project,
                                                     const char   *name,
                                                     gboolean      enabled,
                                                     GError      **error);
/* A setting of @name (see above), or NULL when unset. */
char           *gloss_project_dup_suggester_setting (GlossProject *project,
                                                     const char   *name,
                                                     const char   *key);
/* Sets it; NULL or "" unsets it. Fails for a key @name does not take. */
gboolean        gloss_project_set_suggester_setting (GlossProject *project,
                                                     const char   *name,
                                                     const char   *key,
                                                     const char   *value,
                                                     GError      **error);
/* Whether @name has what it needs to run (an HTTP suggester its URL, and
 * "openai" its model name); FALSE with a message saying what is missing. */
gboolean        gloss_project_suggester_is_ready (GlossProject *project,
                                                  const char   *name,
                                                  char        **missing);
/* A new suggester of @name set up from @project's settings, each field of
 * @overrides (may be NULL) that is not NULL taken instead of its setting:
 * the window brings the key from the keyring, gloss-cli its options. An
 * @overrides api_key is used instead of the key file. */
GlossSuggester *gloss_project_new_suggester         (GlossProject                *project,
                                                     const char                  *name,
                                                     const GlossSuggesterOptions *overrides,
                                                     GError                     **error);
/* The API key in the file at @path: its first line, without the spaces
 * around it (NULL with @error when it cannot be read). */
char           *gloss_suggest_read_key_file (const char *path,
                                             GError    **error);
/* The names of the suggesters @project runs (enabled and ready), in
 * gloss_suggester_list_names() order; a new NULL-terminated array. */
char          **gloss_project_dup_enabled_suggesters (GlossProject *project);

G_END_DECLS
