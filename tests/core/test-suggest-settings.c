/* test-suggest-settings.c: a project's choice of suggesters and their servers, kept in the file
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "gloss-project.h"
#include "gloss-store.h"
#include "gloss-suggest-settings.h"
#include "gloss-suggest.h"

typedef struct
{
  char         *dir;
  char         *path;
  GlossProject *project;
} Fixture;

static void
fixture_setup (Fixture      *fixture,
               gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("gloss-suggest-settings-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "p.gloss", NULL);
  fixture->project = gloss_project_create (fixture->path, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture      *fixture,
                  gconstpointer data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->project);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (fixture->dir, name, NULL);

      g_unlink (child);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static gboolean
has (const char * const *names,
     const char         *name)
{
  return g_strv_contains (names, name);
}

/* A new project runs what needs nothing; a server once it has an address. */
static void
test_defaults (Fixture      *fixture,
               gconstpointer data)
{
  g_auto(GStrv) enabled = gloss_project_dup_enabled_suggesters (fixture->project);
  g_autofree char *missing = NULL;

  g_assert_true (gloss_project_get_suggester_enabled (fixture->project, "rules"));
  g_assert_true (gloss_project_get_suggester_enabled (fixture->project, "gazetteer"));
  g_assert_false (gloss_project_get_suggester_enabled (fixture->project, "ls-backend"));
  g_assert_false (gloss_project_get_suggester_enabled (fixture->project, "crystal-ball"));
  g_assert_false (gloss_project_suggester_is_ready (fixture->project, "ls-backend", &missing));
  g_assert_nonnull (strstr (missing, "address"));
  g_assert_true (has ((const char * const *) enabled, "rules"));
  g_assert_false (has ((const char * const *) enabled, "ls-backend"));
  g_assert_false (has ((const char * const *) enabled, "openai"));
}

/* Settings are kept in the file: a project opened again has them. */
static void
test_kept (Fixture      *fixture,
           gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_auto(GStrv) enabled = NULL;
  g_autofree char *missing = NULL;

  g_assert_true (gloss_project_set_suggester_setting (fixture->project, "ls-backend", "url",
                                                      "  http://127.0.0.1:9090 \n", &error));
  g_assert_no_error (error);
  g_assert_true (gloss_project_set_suggester_enabled (fixture->project, "gazetteer", FALSE,
                                                      &error));
  g_assert_no_error (error);
  g_assert_true (gloss_project_set_suggester_setting (fixture->project, "openai", "url",
                                                      "http://127.0.0.1:11434/v1", &error));
  g_clear_object (&fixture->project);

  fixture->project = gloss_project_open (fixture->path, &error);
  g_assert_no_error (error);
  url = gloss_project_dup_suggester_setting (fixture->project, "ls-backend", "url");
  /* pasted with spaces and a line break: kept without them */
  g_assert_cmpstr (url, ==, "http://127.0.0.1:9090");
  g_assert_true (gloss_project_get_suggester_enabled (fixture->project, "ls-backend"));
  g_assert_false (gloss_project_get_suggester_enabled (fixture->project, "gazetteer"));
  /* an OpenAI endpoint without a model is not ready, and says so */
  g_assert_false (gloss_project_suggester_is_ready (fixture->project, "openai", &missing));
  g_assert_nonnull (strstr (missing, "model"));
  enabled = gloss_project_dup_enabled_suggesters (fixture->project);
  g_assert_true (has ((const char * const *) enabled, "ls-backend"));
  g_assert_false (has ((const char * const *) enabled, "gazetteer"));
  g_assert_false (has ((const char * const *) enabled, "openai"));

  /* "" unsets */
  g_assert_true (gloss_project_set_suggester_setting (fixture->project, "ls-backend", "url", "",
                                                      &error));
  g_assert_null (gloss_project_dup_suggester_setting (fixture->project, "ls-backend", "url"));
  g_assert_false (gloss_project_get_suggester_enabled (fixture->project, "ls-backend"));
}

static void
test_refused (Fixture      *fixture,
              gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (gloss_project_set_suggester_setting (fixture->project, "rules", "url", "x",
                                                       &error));
  g_assert_error (error, GLOSS_SUGGEST_ERROR, GLOSS_SUGGEST_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (gloss_project_set_suggester_setting (fixture->project, "openai", "api-key",
                                                       "sk-1", &error));
  g_assert_error (error, GLOSS_SUGGEST_ERROR, GLOSS_SUGGEST_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (gloss_project_set_suggester_enabled (fixture->project, "crystal-ball", TRUE,
                                                       &error));
  g_assert_error (error, GLOSS_SUGGEST_ERROR, GLOSS_SUGGEST_ERROR_FAILED);
}

/* A suggester made from the settings: the key is read from the file named,
 * and a file that cannot be read is an error naming it. */
static void
test_new_suggester (Fixture      *fixture,
                    gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossSuggester) suggester = NULL;
  g_autofree char *key_path = g_build_filename (fixture->dir, "key", NULL);
  g_autofree char *meta = NULL;

  suggester = gloss_project_new_suggester (fixture->project, "ls-backend", NULL, &error);
  g_assert_null (suggester);
  g_assert_error (error, GLOSS_SUGGEST_ERROR, GLOSS_SUGGEST_ERROR_FAILED);
  g_clear_error (&error);

  g_assert_true (gloss_project_set_suggester_setting (fixture->project, "openai", "url",
                                                      "http://127.0.0.1:1/v1", &error));
  g_assert_true (gloss_project_set_suggester_setting (fixture->project, "openai", "model",
                                                      "tiny", &error));
  g_assert_true (gloss_project_set_suggester_setting (fixture->project, "openai", "key-file",
                                                      key_path, &error));
  g_assert_no_error (error);
  suggester = gloss_project_new_suggester (fixture->project, "openai", NULL, &error);
  g_assert_null (suggester);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "key"));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (key_path, "sk-test-1\n", -1, &error));
  suggester = gloss_project_new_suggester (fixture->project, "openai", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gloss_suggester_get_name (suggester), ==, "openai");
  /* the key itself is nowhere in the project */
  meta = gloss_store_dup_meta (gloss_project_get_store (fixture->project),
                               "suggest.openai.key-file");
  g_assert_cmpstr (meta, ==, key_path);
  g_clear_object (&suggester);

  suggester = gloss_project_new_suggester (fixture->project, "rules", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gloss_suggester_get_name (suggester), ==, "rules");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/suggest/settings/defaults", Fixture, NULL, fixture_setup, test_defaults,
              fixture_teardown);
  g_test_add ("/core/suggest/settings/kept", Fixture, NULL, fixture_setup, test_kept,
              fixture_teardown);
  g_test_add ("/core/suggest/settings/refused", Fixture, NULL, fixture_setup, test_refused,
              fixture_teardown);
  g_test_add ("/core/suggest/settings/new-suggester", Fixture, NULL, fixture_setup,
              test_new_suggester, fixture_teardown);

  return g_test_run ();
}
