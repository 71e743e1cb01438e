/* test-migrate.c: opening a project written at an older schema version
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "core-test-util.h"

static void
test_migrate_v1 (void)
{
  g_autofree char *path = test_write_v1_project ("v1.gloss");
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = gloss_project_open (path, &error);
  g_autoptr(GlossAnnotationList) list = NULL;
  GlossStore *store;
  GlossDocument *doc;
  sqlite3 *db;

  g_assert_no_error (error);
  g_assert_nonnull (project);
  store = gloss_project_get_store (project);
  g_assert_cmpint (gloss_store_get_opened_version (store), ==, 1);
  db = _gloss_store_get_db (store);
  g_assert_cmpint (test_raw_int (db, "PRAGMA user_version"), ==, GLOSS_STORE_VERSION);
  g_assert_cmpint (test_raw_int (db, "PRAGMA application_id"), ==, GLOSS_STORE_APPLICATION_ID);
  {
    g_autofree char *attrs = test_raw_text (db, "SELECT attributes FROM documents WHERE id = 1");
    g_assert_cmpstr (attrs, ==, "{}");
  }
  g_assert_cmpint (test_raw_int (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' "
                                     "AND name IN ('relations_by_source', 'relations_by_target')"),
                   ==, 2);

  g_assert_cmpuint (g_list_model_get_n_items (gloss_project_get_documents (project)), ==, 1);
  doc = gloss_project_find_document (project, "old article");
  g_assert_nonnull (doc);
  g_assert_cmpstr (gloss_document_get_text (doc), ==, TEST_TEXT_V1);
  g_assert_cmpuint (gloss_document_get_length (doc), ==, g_utf8_strlen (TEST_TEXT_V1, -1));
  g_assert_cmpstr (gloss_document_get_meta_string (doc, "source"), ==, "Wire");
  g_assert_cmpstr (gloss_document_get_uuid (doc), ==, "0f6a2c1e-0000-4000-8000-000000000001");
  g_assert_cmpuint (gloss_document_get_n_annotations (doc), ==, 1);
  g_assert_true (gloss_store_check_integrity (store, &error));

  list = gloss_project_dup_annotation_list (project, doc, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_nonnull (gloss_annotation_list_lookup (list, "a-1"));
  g_clear_object (&list);
  g_clear_object (&project);

  /* a second open does not migrate again */
  project = gloss_project_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gloss_store_get_opened_version (gloss_project_get_store (project)), ==,
                   GLOSS_STORE_VERSION);
}

/* A failed upgrade leaves the old file exactly as it was. */
static void
test_migrate_failure_untouched (void)
{
  g_autofree char *path = test_write_v1_project ("v1-broken.gloss");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = NULL;
  sqlite3 *db;

  /* an index that makes the 1 -> 2 step collide */
  db = test_raw_open (path);
  test_raw_exec (db, "CREATE INDEX relations_by_source ON relations (source);");
  test_raw_exec (db, "PRAGMA wal_checkpoint(TRUNCATE);");
  sqlite3_close (db);
  before = test_file_checksum (path);

  project = gloss_project_open (path, &error);
  g_assert_nonnull (error);
  g_assert_null (project);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  after = test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);

  db = test_raw_open (path);
  g_assert_cmpint (test_raw_int (db, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (test_raw_int (db, "SELECT count(*) FROM pragma_table_info('documents') "
                                     "WHERE name = 'attributes'"), ==, 0);
  g_assert_cmpint (test_raw_int (db, "SELECT count(*) FROM documents"), ==, 1);
  sqlite3_close (db);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/store/migrate/v1", test_migrate_v1);
  g_test_add_func ("/core/store/migrate/failure-untouched", test_migrate_failure_untouched);

  return g_test_run ();
}
