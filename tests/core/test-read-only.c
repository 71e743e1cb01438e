/* test-read-only.c: reading a project never writes to it; a project that
 * cannot be written opens read-only; upgrades keep a copy; altered files
 * are refused
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sys/stat.h>

#include "core-test-util.h"

/* A project with one document and one annotation, closed. */
static char *
write_project (const char *name)
{
  g_autoptr(GError) error = NULL;
  char *path = test_path (name);
  g_autoptr(GlossProject) project = gloss_project_create (path, NULL, &error);
  g_autoptr(GlossAnnotationList) list = NULL;
  g_autoptr(GlossCommand) cmd = gloss_command_new ("create");
  g_autoptr(GlossAnnotation) a = gloss_annotation_new_span ("ORG", 2, 9, NULL);
  GlossDocument *doc;

  g_assert_no_error (error);
  doc = gloss_project_add_document (project, "wire", "A defector told the agency on Monday.", -1,
                                    NULL, &error);
  g_assert_no_error (error);
  list = gloss_project_dup_annotation_list (project, doc, &error);
  g_assert_no_error (error);
  gloss_command_create_annotation (cmd, a);
  g_assert_true (gloss_annotation_list_apply (list, cmd, &error));
  g_assert_no_error (error);
  return path;
}

static gboolean
exists (const char *path,
        const char *suffix)
{
  g_autofree char *name = g_strconcat (path, suffix, NULL);

  return g_file_test (name, G_FILE_TEST_EXISTS);
}

/* Everything a reading command looks at. */
static void
read_everything (GlossProject *project)
{
  g_autoptr(GError) error = NULL;
  GListModel *docs = gloss_project_get_documents (project);
  g_autoptr(GlossDocument) doc = g_list_model_get_item (docs, 0);
  g_autoptr(GlossAnnotationList) list = gloss_project_dup_annotation_list (project, doc, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (docs), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_nonnull (gloss_document_get_text (doc));
}

/* An edit is refused, saying why, and nothing is written. */
static void
assert_edit_refused (GlossProject *project,
                     const char   *reason)
{
  g_autoptr(GError) error = NULL;
  GListModel *docs = gloss_project_get_documents (project);
  g_autoptr(GlossDocument) doc = g_list_model_get_item (docs, 0);
  g_autoptr(GlossAnnotationList) list = gloss_project_dup_annotation_list (project, doc, &error);
  g_autoptr(GlossCommand) cmd = gloss_command_new ("create");
  g_autoptr(GlossAnnotation) a = gloss_annotation_new_span ("PERSON", 0, 1, NULL);

  g_assert_no_error (error);
  gloss_command_create_annotation (cmd, a);
  g_assert_false (gloss_annotation_list_apply (list, cmd, &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, reason));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
}

/* Reading commands open read-only: the file's bytes, its version and its
 * journal mode stay as they were, even for an older project in rollback
 * journal mode (it used to be upgraded and switched to WAL by `stats`). */
static void
test_read_does_not_write (void)
{
  g_autofree char *path = test_write_v1_project ("old.gloss");
  g_autofree char *before = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  db = test_raw_open (path);
  test_raw_exec (db, "PRAGMA journal_mode = DELETE");
  sqlite3_close (db);
  g_assert_false (exists (path, "-wal"));
  before = test_file_checksum (path);

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(GlossProject) project =
        gloss_project_open_full (path, GLOSS_STORE_OPEN_READ_ONLY, &error);
      GlossStore *store;

      g_assert_no_error (error);
      store = gloss_project_get_store (project);
      g_assert_true (gloss_project_is_read_only (project));
      g_assert_cmpint (gloss_store_get_opened_version (store), ==, 1);
      g_assert_null (gloss_store_get_backup_path (store));
      /* read through the upgraded private copy: v2 columns are there */
      read_everything (project);
      g_assert_cmpstr (gloss_document_get_text (gloss_project_find_document (project,
                                                                             "old article")),
                       ==, TEST_TEXT_V1);
      assert_edit_refused (project, "opened for reading only");
    }
  {
    g_autofree char *after = test_file_checksum (path);
    g_assert_cmpstr (after, ==, before);
  }
  g_assert_false (exists (path, "-wal"));
  g_assert_false (exists (path, "-shm"));
  db = test_raw_open (path);
  g_assert_cmpint (test_raw_int (db, "PRAGMA user_version"), ==, 1);
  {
    g_autofree char *mode = test_raw_text (db, "PRAGMA journal_mode");
    g_assert_cmpstr (mode, ==, "delete");
  }
  sqlite3_close (db);
}

/* Opening for editing upgrades an older project, after keeping a
 * consistent copy of it beside it. */
static void
test_upgrade_keeps_backup (void)
{
  g_autofree char *path = test_write_v1_project ("upgrade.gloss");
  g_autofree char *backup = g_strconcat (path, ".v1.bak", NULL);
  g_autofree char *dump_before = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  db = test_raw_open (path);
  dump_before = test_dump_store (db);
  sqlite3_close (db);
  {
    g_autoptr(GlossProject) project = gloss_project_open (path, &error);
    GlossStore *store;

    g_assert_no_error (error);
    store = gloss_project_get_store (project);
    g_assert_false (gloss_project_is_read_only (project));
    g_assert_cmpstr (gloss_store_get_backup_path (store), ==, backup);
    g_assert_cmpint (test_raw_int (_gloss_store_get_db (store), "PRAGMA user_version"), ==,
                     GLOSS_STORE_VERSION);
  }
  db = test_raw_open (backup);
  g_assert_cmpint (test_raw_int (db, "PRAGMA user_version"), ==, 1);
  {
    g_autofree char *dump = test_dump_store (db);
    g_assert_cmpstr (dump, ==, dump_before);
  }
  sqlite3_close (db);

  /* opened again: nothing more to upgrade, no second copy */
  {
    g_autoptr(GlossProject) project = gloss_project_open (path, &error);
    g_autofree char *second = g_strconcat (path, ".v1.2.bak", NULL);

    g_assert_no_error (error);
    g_assert_null (gloss_store_get_backup_path (gloss_project_get_store (project)));
    g_assert_false (g_file_test (second, G_FILE_TEST_EXISTS));
  }
}

/* A read-only project (0444) opens read-only, says why, refuses edits,
 * and leaves no -wal or -shm behind (0444 ones would block the next writer
 * once it is made writable again). */
static void
test_unwritable_file (void)
{
  g_autofree char *path = write_project ("locked.gloss");
  g_autofree char *before = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (exists (path, "-wal"));
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  before = test_file_checksum (path);
  {
    g_autoptr(GlossProject) project = gloss_project_open (path, &error);

    g_assert_no_error (error);
    g_assert_true (gloss_project_is_read_only (project));
    g_assert_cmpstr (gloss_store_get_read_only_reason (gloss_project_get_store (project)), ==,
                     "its permissions do not allow writing");
    read_everything (project);
    assert_edit_refused (project, "permissions");
    g_assert_false (exists (path, "-wal"));
    g_assert_false (exists (path, "-shm"));
  }
  {
    g_autofree char *after = test_file_checksum (path);
    g_assert_cmpstr (after, ==, before);
  }
  g_assert_false (exists (path, "-wal"));
  g_assert_false (exists (path, "-shm"));

  /* made writable again, the next writer writes */
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  {
    g_autoptr(GlossProject) project = gloss_project_open (path, &error);

    g_assert_no_error (error);
    g_assert_false (gloss_project_is_read_only (project));
    g_assert_true (gloss_store_set_meta (gloss_project_get_store (project), "after", "1",
                                         &error));
    g_assert_no_error (error);
  }
}

/* A folder that cannot be written (SQLite would create the -wal and -shm
 * there): read-only, nothing created. */
static void
test_unwritable_folder (void)
{
  g_autofree char *path = write_project ("folder.gloss");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
  {
    g_autoptr(GlossProject) project = gloss_project_open (path, &error);

    g_assert_no_error (error);
    g_assert_true (gloss_project_is_read_only (project));
    g_assert_cmpstr (gloss_store_get_read_only_reason (gloss_project_get_store (project)), ==,
                     "its folder does not allow writing");
    read_everything (project);
    assert_edit_refused (project, "folder");
  }
  g_assert_false (exists (path, "-wal"));
  g_assert_false (exists (path, "-shm"));
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
}

/* A project whose tables were altered is refused with a clear message:
 * a table replaced by a view, a table missing, a column computed by an
 * expression (it would make every read return what it fabricates). */
static void
test_altered_tables (void)
{
  const struct { const char *sql; const char *expect; } cases[] = {
    { "DROP TABLE relations; CREATE VIEW relations AS SELECT * FROM annotations",
      "table “relations” is missing or is not a table" },
    { "DROP TABLE document_status", "table “document_status” is missing" },
    { "ALTER TABLE documents ADD COLUMN summary TEXT GENERATED ALWAYS AS "
      "(printf('%.*c', 1000, 'x')) VIRTUAL",
      "column “summary” of table “documents” is computed" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("altered-%u.gloss", i);
      g_autofree char *path = write_project (name);
      g_autoptr(GError) error = NULL;
      sqlite3 *db = test_raw_open (path);
      g_autoptr(GlossProject) project = NULL;
      g_autofree char *before = NULL;

      test_raw_exec (db, cases[i].sql);
      sqlite3_close (db);
      before = test_file_checksum (path);
      project = gloss_project_open (path, &error);
      g_assert_null (project);
      g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_CORRUPT);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].expect));
      g_clear_error (&error);
      project = gloss_project_open_full (path, GLOSS_STORE_OPEN_READ_ONLY, &error);
      g_assert_null (project);
      g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_CORRUPT);
      {
        g_autofree char *after = test_file_checksum (path);
        g_assert_cmpstr (after, ==, before);
      }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/read-only/read-does-not-write", test_read_does_not_write);
  g_test_add_func ("/core/read-only/upgrade-keeps-backup", test_upgrade_keeps_backup);
  g_test_add_func ("/core/read-only/unwritable-file", test_unwritable_file);
  g_test_add_func ("/core/read-only/unwritable-folder", test_unwritable_folder);
  g_test_add_func ("/core/read-only/altered-tables", test_altered_tables);
  return g_test_run ();
}
