/* test-crash.c: a writer killed at random moments loses nothing it committed
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core-test-util.h"

#define N_KILLS 60

/* The child: applies batches of creates forever, reporting each committed
 * uuid on @fd once apply has returned. Uses only the core, no threads. */
G_GNUC_NORETURN static void
run_child (const char *path,
           int         fd,
           guint       round)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = gloss_project_open (path, &error);
  g_autoptr(GlossAnnotationList) list = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (round);
  GlossDocument *doc;
  guint length;

  if (project == NULL)
    {
      g_printerr ("child: %s\n", error->message);
      _exit (2);
    }
  doc = gloss_project_find_document (project, "doc");
  list = gloss_project_dup_annotation_list (project, doc, &error);
  if (list == NULL)
    _exit (3);
  length = gloss_document_get_length (doc);

  /* The parent starts its random clock once the child is ready to write, so
   * that a slow start (sanitizers) does not make every kill land before the
   * first command. */
  if (write (fd, "ready\n", 6) != 6)
    _exit (5);

  for (guint64 n = 0; ; n++)
    {
      g_autoptr(GlossCommand) cmd = gloss_command_new ("crash");
      guint size = g_rand_int_range (rand, 1, 6);
      GString *report = g_string_new (NULL);

      for (guint i = 0; i < size; i++)
        {
          guint start = g_rand_int_range (rand, 0, length - 10);
          g_autoptr(GlossAnnotation) a = gloss_annotation_new_span ("PERSON", start, start + 5,
                                                                   "crash");
          g_autofree char *uuid = g_strdup_printf ("r%u-n%" G_GUINT64_FORMAT "-i%u",
                                                   round, n, i);

          gloss_annotation_set_uuid (a, uuid);
          gloss_command_create_annotation (cmd, a);
          g_string_append_printf (report, "%s\n", uuid);
        }
      if (!gloss_annotation_list_apply (list, cmd, &error))
        {
          g_printerr ("child: %s\n", error->message);
          _exit (4);
        }
      if (write (fd, report->str, report->len) != (gssize) report->len)
        _exit (5);
      g_string_free (report, TRUE);
    }
}

static void
test_crash (void)
{
  g_autofree char *path = test_path ("crash.gloss");
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  g_autoptr(GPtrArray) committed = g_ptr_array_new_with_free_func (g_free);
  guint n_killed_while_writing = 0;

  {
    g_autoptr(GlossProject) project = gloss_project_create (path, NULL, &error);
    g_autofree char *text = test_make_text (rand, 5000);

    g_assert_no_error (error);
    g_assert_nonnull (gloss_project_add_document (project, "doc", text, -1, NULL, &error));
    g_assert_no_error (error);
  }

  for (guint round = 0; round < N_KILLS; round++)
    {
      int fds[2];
      pid_t pid;
      int status = 0;
      GString *out = g_string_new (NULL);
      char buf[4096];
      gssize got;
      g_auto(GStrv) lines = NULL;

      g_assert_cmpint (pipe (fds), ==, 0);
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          close (fds[0]);
          run_child (path, fds[1], round);
        }
      close (fds[1]);
      {
        char c = 0;

        /* wait for "ready\n" */
        while (c != '\n' && read (fds[0], &c, 1) == 1)
          ;
      }
      g_usleep (1000 * g_rand_int_range (rand, 1, 31));
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      /* it must have been killed, not have failed on its own */
      if (!(WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL))
        g_error ("child ended by itself (status %d)", status);
      while ((got = read (fds[0], buf, sizeof buf)) > 0)
        g_string_append_len (out, buf, got);
      close (fds[0]);

      lines = g_strsplit (out->str, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        if (*lines[i] != '\0')
          g_ptr_array_add (committed, g_strdup (lines[i]));
      if (out->len > 0)
        n_killed_while_writing++;
      g_string_free (out, TRUE);

      {
        g_autoptr(GlossStore) store = gloss_store_open (path, &error);

        g_assert_no_error (error);
        g_assert_true (gloss_store_check_integrity (store, &error));
        g_assert_no_error (error);
        for (guint i = 0; i < committed->len; i++)
          {
            g_autoptr(GlossAnnotation) a = gloss_store_load_annotation (store,
                                                                        committed->pdata[i],
                                                                        &error);
            g_assert_no_error (error);
            g_assert_nonnull (a);
          }
        /* whole batches only: every stored batch is complete */
        {
          sqlite3 *db = _gloss_store_get_db (store);
          g_assert_cmpint (test_raw_int (db,
                                         "SELECT count(*) FROM annotations a WHERE uuid LIKE "
                                         "'%-i1' AND NOT EXISTS (SELECT 1 FROM annotations b "
                                         "WHERE b.uuid = substr(a.uuid, 1, length(a.uuid) - 1) "
                                         "|| '0')"), ==, 0);
        }
      }
    }
  g_test_message ("%u kills, %u with commits reported, %u uuids checked", N_KILLS,
                  n_killed_while_writing, committed->len);
  g_assert_cmpuint (committed->len, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/store/crash", test_crash);

  return g_test_run ();
}
