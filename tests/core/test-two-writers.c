/* test-two-writers.c: two processes editing one project file at once
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sys/wait.h>
#include <unistd.h>

#include "core-test-util.h"

/* Commands per writer; GLOSS_TWO_WRITERS_N overrides it for slow disks. */
#define DEFAULT_N 5000

static guint
n_commands (void)
{
  const char *env = g_getenv ("GLOSS_TWO_WRITERS_N");

  return env ? (guint) g_ascii_strtoull (env, NULL, 10) : DEFAULT_N;
}

/* A child: opens the project on its own connection and applies @n
 * single-annotation commands to document @doc_name. Exit status 0 when all
 * of them were applied. */
static int
writer (const char *path,
        const char *doc_name,
        const char *annotator,
        guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = gloss_project_open (path, &error);
  g_autoptr(GlossAnnotationList) list = NULL;
  GlossDocument *doc;
  guint length;

  /* uuids come from g_random, whose state a forked child shares with its
   * parent and sibling; separate processes are seeded separately */
  g_random_set_seed ((guint32) getpid () ^ (guint32) g_get_real_time ());
  if (project == NULL)
    {
      g_printerr ("%s: %s\n", annotator, error->message);
      return 1;
    }
  gloss_project_set_annotator (project, annotator);
  doc = gloss_project_find_document (project, doc_name);
  list = gloss_project_dup_annotation_list (project, doc, &error);
  if (list == NULL)
    {
      g_printerr ("%s: %s\n", annotator, error->message);
      return 1;
    }
  length = gloss_document_get_length (doc);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossCommand) cmd = gloss_command_new ("create");
      guint start = (i * 7) % (length - 5);
      g_autoptr(GlossAnnotation) a = gloss_annotation_new_span ("PERSON", start, start + 5, NULL);

      gloss_command_create_annotation (cmd, a);
      if (!gloss_annotation_list_apply (list, cmd, &error))
        {
          g_printerr ("%s: command %u: %s\n", annotator, i, error->message);
          return 1;
        }
    }
  return 0;
}

static void
run_writers (gboolean same_document)
{
  g_autofree char *path = test_path ("shared.gloss");
  g_autoptr(GError) error = NULL;
  guint n = n_commands ();
  const char *docs[2] = { "one", same_document ? "one" : "two" };
  const char *who[2] = { "alice", "bob" };
  pid_t pids[2];
  gint64 t0;

  {
    g_autoptr(GlossProject) project = gloss_project_create (path, NULL, &error);
    g_assert_no_error (error);
    gloss_project_add_document (project, "one", "Alice met Bob in Vienna on Monday, officials "
                                "said, and Carol met Dave in Oslo.", -1, NULL, &error);
    g_assert_no_error (error);
    gloss_project_add_document (project, "two", "The ministry said the talks would resume in "
                                "Geneva after the holidays.", -1, NULL, &error);
    g_assert_no_error (error);
  }

  t0 = g_get_monotonic_time ();
  for (guint w = 0; w < 2; w++)
    {
      pids[w] = fork ();
      g_assert_cmpint (pids[w], >=, 0);
      if (pids[w] == 0)
        _exit (writer (path, docs[w], who[w], n));
    }
  for (guint w = 0; w < 2; w++)
    {
      int status = 0;

      g_assert_cmpint (waitpid (pids[w], &status, 0), ==, pids[w]);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
    }
  g_test_message ("2 x %u commands in %.1f s", n,
                  (g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC);

  {
    g_autoptr(GlossProject) project = gloss_project_open (path, &error);
    sqlite3 *db;

    g_assert_no_error (error);
    g_assert_true (gloss_store_check_integrity (gloss_project_get_store (project), &error));
    g_assert_no_error (error);
    db = _gloss_store_get_db (gloss_project_get_store (project));
    g_assert_cmpint (test_raw_int (db, "SELECT count(*) FROM annotations WHERE deleted = 0"), ==,
                     2 * n);
    g_assert_cmpint (test_raw_int (db, "SELECT count(*) FROM annotations "
                                       "WHERE annotator = 'alice'"), ==, n);
    g_assert_cmpint (test_raw_int (db, "SELECT count(*) FROM annotations "
                                       "WHERE annotator = 'bob'"), ==, n);
    g_assert_cmpint (test_raw_int (db, "SELECT count(DISTINCT uuid) FROM annotations"), ==,
                     2 * n);
  }
}

static void
test_two_documents (void)
{
  run_writers (FALSE);
}

static void
test_same_document (void)
{
  run_writers (TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/two-writers/two-documents", test_two_documents);
  g_test_add_func ("/core/two-writers/same-document", test_same_document);
  return g_test_run ();
}
