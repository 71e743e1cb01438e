/* plain-sqlite.c: another program on the project file, as the sqlite3 shell,
 * Python or an older gloss-cli would be: SQLite's default VFS with its
 * plain POSIX advisory locks, no Gloss code at all.
 *
 * Usage: plain-sqlite [--wait MS] [--hold] DB SQL…
 *
 * Runs each SQL argument in turn on one connection, printing the first
 * column of every row on a line of its own. --wait sets the busy timeout
 * (default 0: a lock held elsewhere fails at once). --hold prints "ready"
 * after the last statement and keeps the connection (and any transaction it
 * opened) until its standard input closes. Exit status: 0 done, 3 busy
 * (another connection holds a lock), 1 any other failure.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

int
main (int   argc,
      char *argv[])
{
  sqlite3 *db = NULL;
  int wait_ms = 0, hold = 0, i = 1, status = 0;

  for (; i < argc && strncmp (argv[i], "--", 2) == 0; i++)
    {
      if (strcmp (argv[i], "--wait") == 0 && i + 1 < argc)
        wait_ms = atoi (argv[++i]);
      else if (strcmp (argv[i], "--hold") == 0)
        hold = 1;
      else
        {
          fprintf (stderr, "plain-sqlite: unknown option %s\n", argv[i]);
          return 1;
        }
    }
  if (i >= argc)
    {
      fprintf (stderr, "usage: plain-sqlite [--wait MS] [--hold] DB SQL…\n");
      return 1;
    }
  if (sqlite3_open_v2 (argv[i], &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      fprintf (stderr, "plain-sqlite: %s\n", sqlite3_errmsg (db));
      return 1;
    }
  sqlite3_busy_timeout (db, wait_ms);
  for (i++; i < argc && status == 0; i++)
    {
      const char *sql = argv[i];

      while (sql != NULL && *sql != '\0' && status == 0)
        {
          sqlite3_stmt *stmt = NULL;
          const char *tail = NULL;
          int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, &tail);

          while (rc == SQLITE_OK && stmt != NULL && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
            {
              const unsigned char *v = sqlite3_column_text (stmt, 0);
              printf ("%s\n", v ? (const char *) v : "NULL");
              rc = SQLITE_OK;
            }
          if (rc != SQLITE_OK && rc != SQLITE_DONE)
            {
              fprintf (stderr, "plain-sqlite: %s: %s\n", sql, sqlite3_errmsg (db));
              status = (rc & 0xff) == SQLITE_BUSY ? 3 : 1;
            }
          sqlite3_finalize (stmt);
          sql = tail;
        }
    }
  fflush (stdout);
  if (hold && status == 0)
    {
      printf ("ready\n");
      fflush (stdout);
      while (getchar () != EOF)
        ;
    }
  sqlite3_close (db);
  return status;
}
