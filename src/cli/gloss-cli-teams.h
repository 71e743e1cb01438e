/* gloss-cli-teams.h: the team commands of gloss-cli (merge, agreement, assign, progress)
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* argv[0] is the command name; the return value is the exit status. */
int gloss_cli_merge     (int    argc,
                         char **argv);
int gloss_cli_agreement (int    argc,
                         char **argv);
int gloss_cli_assign    (int    argc,
                         char **argv);
int gloss_cli_progress  (int    argc,
                         char **argv);

G_END_DECLS
