/* test-prefetch.c: opening the command line's project while GTK starts
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * gloss-prefetch runs only GLib and the core in its thread: no display is
 * needed. Checked: the document it loads is the one the window will show
 * (by name, by the last document's uuid, else the first), the project it
 * hands over has that annotation list open already, another path or a
 * file that is not a project gives NULL (the window then opens the file
 * itself and reports the error), and freeing an untaken prefetch is clean.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "gloss-annotation-list.h"
#include "gloss-document.h"
#include "gloss-prefetch.h"
#include "gloss-project-private.h"
#include "gloss-project.h"

typedef struct
{
  char *dir;
  char *path;
  char *uuid_b;   /* uuid of document "b" */
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = NULL;
  static const char *names[] = { "c", "a", "b" };

  fixture->dir = g_dir_make_tmp ("gloss-prefetch-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "p.gloss", NULL);
  project = gloss_project_create (fixture->path, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *text = g_strdup_printf ("Story %s from Valgrad.", names[i]);
      GlossDocument *doc = gloss_project_add_document (project, names[i], text, -1, NULL, &error);

      g_assert_no_error (error);
      if (g_str_equal (names[i], "b"))
        fixture->uuid_b = g_strdup (gloss_document_get_uuid (doc));
    }
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);

  g_unlink (fixture->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
  g_free (fixture->uuid_b);
}

/* The name of the one document whose annotation list @project has open. */
static const char *
open_document_name (GlossProject *project)
{
  GListModel *documents = gloss_project_get_documents (project);
  const char *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(GlossDocument) doc = g_list_model_get_item (documents, i);

      if (_gloss_project_peek_annotation_list (project, gloss_document_get_id (doc)) != NULL)
        {
          g_assert_null (found);
          found = gloss_document_get_name (doc);
        }
    }
  return found;
}

static void
check_shown (Fixture    *fixture,
             const char *name,
             const char *uuid,
             const char *expected)
{
  GlossPrefetch *prefetch = gloss_prefetch_start (fixture->path, name, uuid);
  g_autoptr(GlossProject) project = gloss_prefetch_take_project (prefetch, fixture->path);

  g_assert_nonnull (project);
  g_assert_cmpstr (open_document_name (project), ==, expected);
  /* Taken once only. */
  g_assert_null (gloss_prefetch_take_project (prefetch, fixture->path));
  gloss_prefetch_free (prefetch);
  /* The prefetch's list is gone with it; the project stays usable. */
  g_assert_null (open_document_name (project));
  g_assert_nonnull (gloss_project_find_document (project, expected));
}

static void
test_documents (Fixture       *fixture,
                gconstpointer  user_data)
{
  check_shown (fixture, "c", NULL, "c");
  check_shown (fixture, NULL, fixture->uuid_b, "b");
  check_shown (fixture, NULL, NULL, "a");
  check_shown (fixture, NULL, "no-such-uuid", "a");
}

static void
test_no_project (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *other = g_build_filename (fixture->dir, "other.gloss", NULL);
  g_autofree char *junk = g_build_filename (fixture->dir, "junk.gloss", NULL);
  g_autoptr(GError) error = NULL;
  GlossPrefetch *prefetch;

  /* Asked for another file: NULL, and the prefetched project is freed. */
  prefetch = gloss_prefetch_start (fixture->path, "a", NULL);
  g_assert_null (gloss_prefetch_take_project (prefetch, other));
  gloss_prefetch_free (prefetch);

  /* Not a project, or no file: NULL; the file is left as it was. */
  g_file_set_contents (junk, "not a database", -1, &error);
  g_assert_no_error (error);
  prefetch = gloss_prefetch_start (junk, NULL, NULL);
  g_assert_null (gloss_prefetch_take_project (prefetch, junk));
  gloss_prefetch_free (prefetch);
  {
    g_autofree char *contents = NULL;

    g_file_get_contents (junk, &contents, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (contents, ==, "not a database");
  }
  g_unlink (junk);

  prefetch = gloss_prefetch_start (other, NULL, NULL);
  g_assert_null (gloss_prefetch_take_project (prefetch, other));
  gloss_prefetch_free (prefetch);
  g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));

  /* Freed without being taken. */
  gloss_prefetch_free (gloss_prefetch_start (fixture->path, "b", NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/app/prefetch/documents", Fixture, NULL,
              fixture_setup, test_documents, fixture_teardown);
  g_test_add ("/app/prefetch/no-project", Fixture, NULL,
              fixture_setup, test_no_project, fixture_teardown);

  return g_test_run ();
}
