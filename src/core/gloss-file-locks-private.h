/* gloss-file-locks-private.h: SQLite's file locks that survive a close()
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  GLOSS_FILE_LOCKS_UNKNOWN,  /* installed, no lock taken yet */
  GLOSS_FILE_LOCKS_OFD,      /* open-file-description locks */
  GLOSS_FILE_LOCKS_POSIX,    /* the kernel refused them: process-wide POSIX locks */
} GlossFileLocksMode;

/* Makes SQLite's unix VFS lock through open-file-description locks held on
 * one description per file, so that no close() elsewhere in the process
 * drops them. Idempotent and thread-safe; must run before the first SQLite
 * file is opened (the store calls it before each open). */
void               _gloss_file_locks_install (void);
GlossFileLocksMode _gloss_file_locks_mode    (void);

G_END_DECLS
