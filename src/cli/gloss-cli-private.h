/* gloss-cli-private.h: what every gloss-cli command shares
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss.h"

G_BEGIN_DECLS

/* "gloss-cli: MESSAGE" on stderr. */
void          gloss_cli_print_error  (const char    *format,
                                      ...) G_GNUC_PRINTF (1, 2);
/* Parses the options of @command (argv[0]) and checks that at least
 * @min_args arguments follow; prints the usage error itself. */
gboolean      gloss_cli_parse        (const char    *command,
                                      const char    *parameters,
                                      const char    *summary,
                                      GOptionEntry  *entries,
                                      int           *argc,
                                      char        ***argv,
                                      int            min_args);
/* Opens a project to write (@write) or only to read, saying why not on
 * stderr (NULL then), and that it was upgraded when it was. */
GlossProject *gloss_cli_open_project (const char    *path,
                                      gboolean       write);

/* gloss-cli suggest */
int           gloss_cli_suggest      (int            argc,
                                      char         **argv);

G_END_DECLS
