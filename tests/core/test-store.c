/* test-store.c: the SQLite project file
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <unistd.h>

#include "core-test-util.h"

static GlossStore *
make_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  GlossStore *store = gloss_store_create (path, "{\"name\":\"test\"}", &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
test_round_trip (void)
{
  g_autofree char *path = test_path ("round-trip.gloss");
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = make_store (path);
  g_autoptr(GlossDocument) doc = NULL;
  g_autofree char *text = NULL;
  g_autofree char *schema = NULL;
  const char *body = "Zürich — “quoted” 𝄞 text";
  gint64 id;

  id = gloss_store_insert_document (store, NULL, "first", body, -1, "{\"source\":\"x\"}", NULL, 0,
                                    &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_true (gloss_store_set_meta (store, "k", "v", &error));
  g_clear_object (&store);

  store = gloss_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gloss_store_get_opened_version (store), ==, GLOSS_STORE_VERSION);
  g_assert_cmpuint (gloss_store_count_documents (store), ==, 1);
  g_assert_cmpint (gloss_store_find_document_by_name (store, "first"), ==, id);
  doc = gloss_store_load_document (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gloss_document_get_name (doc), ==, "first");
  g_assert_cmpuint (gloss_document_get_length (doc), ==, g_utf8_strlen (body, -1));
  g_assert_cmpstr (gloss_document_get_meta_string (doc, "source"), ==, "x");
  g_assert_cmpstr (gloss_document_get_text (doc), ==, body);
  text = gloss_store_dup_document_text (store, id, &error);
  g_assert_cmpstr (text, ==, body);
  schema = gloss_store_dup_schema_json (store);
  g_assert_cmpstr (schema, ==, "{\"name\":\"test\"}");
  g_assert_true (gloss_store_check_integrity (store, &error));
  g_assert_no_error (error);
  {
    g_autofree char *v = gloss_store_dup_meta (store, "k");
    g_assert_cmpstr (v, ==, "v");
  }
}

static void
test_header_and_pragmas (void)
{
  g_autofree char *path = test_path ("pragmas.gloss");
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = make_store (path);

  for (int pass = 0; pass < 2; pass++)
    {
      sqlite3 *db = _gloss_store_get_db (store);
      g_autofree char *mode = test_raw_text (db, "PRAGMA journal_mode");

      g_assert_cmpint (test_raw_int (db, "PRAGMA application_id"), ==, GLOSS_STORE_APPLICATION_ID);
      g_assert_cmpint (test_raw_int (db, "PRAGMA user_version"), ==, GLOSS_STORE_VERSION);
      g_assert_cmpstr (mode, ==, "wal");
      g_assert_cmpint (test_raw_int (db, "PRAGMA synchronous"), ==, 2);
      g_assert_cmpint (test_raw_int (db, "PRAGMA foreign_keys"), ==, 1);
      g_assert_cmpint (test_raw_int (db, "PRAGMA trusted_schema"), ==, 0);

      /* again on a reopened file */
      g_clear_object (&store);
      store = gloss_store_open (path, &error);
      g_assert_no_error (error);
    }
}

static void
test_create_refuses_existing (void)
{
  g_autofree char *path = test_path ("exists.gloss");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GlossStore) store = NULL;

  g_assert_true (g_file_set_contents (path, "precious", -1, NULL));
  before = test_file_checksum (path);
  store = gloss_store_create (path, NULL, &error);
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_EXISTS);
  g_assert_null (store);
  after = test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);

  /* an existing project too */
  g_clear_error (&error);
  g_unlink (path);
  store = make_store (path);
  g_clear_object (&store);
  g_free (before);
  before = test_file_checksum (path);
  store = gloss_store_create (path, NULL, &error);
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_EXISTS);
  g_free (after);
  after = test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

/* Opens @path expecting @code; the file's bytes must not change. */
static void
assert_open_refused (const char *path,
                     int         code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = test_file_checksum (path);
  g_autoptr(GlossStore) store = gloss_store_open (path, &error);
  g_autofree char *after = test_file_checksum (path);
  g_autoptr(GlossProject) project = NULL;

  g_test_message ("%s: %s", path, error ? error->message : "(no error)");
  g_assert_error (error, GLOSS_STORE_ERROR, code);
  g_assert_null (store);
  g_assert_cmpstr (before, ==, after);

  /* the project layer refuses it the same way */
  g_clear_error (&error);
  project = gloss_project_open (path, &error);
  g_assert_error (error, GLOSS_STORE_ERROR, code);
  g_assert_null (project);
  g_free (after);
  after = test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_open_refuses_missing (void)
{
  g_autofree char *path = test_path ("missing.gloss");
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = gloss_store_open (path, &error);

  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_FOUND);
  g_assert_null (store);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_open_refuses_directory (void)
{
  g_autofree char *path = test_path ("folder.gloss");
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = NULL;

  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  store = gloss_store_open (path, &error);
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_A_PROJECT);
  g_assert_null (store);
}

static void
test_open_refuses_text (void)
{
  g_autofree char *path = test_path ("notes.gloss");
  g_autofree char *empty = test_path ("empty.gloss");
  GString *s = g_string_new (NULL);

  for (int i = 0; i < 500; i++)
    g_string_append (s, "This is a plain text file, not a database.\n");
  g_assert_true (g_file_set_contents (path, s->str, s->len, NULL));
  g_string_free (s, TRUE);
  assert_open_refused (path, GLOSS_STORE_ERROR_NOT_A_PROJECT);

  /* a short text file (less than one page) */
  g_assert_true (g_file_set_contents (path, "hello\n", -1, NULL));
  assert_open_refused (path, GLOSS_STORE_ERROR_NOT_A_PROJECT);

  /* an empty file */
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  assert_open_refused (empty, GLOSS_STORE_ERROR_NOT_A_PROJECT);
}

static void
test_open_refuses_foreign_sqlite (void)
{
  g_autofree char *path = test_path ("foreign.sqlite");
  sqlite3 *db = test_raw_open (path);

  test_raw_exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES (1);");
  sqlite3_close (db);
  assert_open_refused (path, GLOSS_STORE_ERROR_NOT_A_PROJECT);

  /* our application id but user_version 0 */
  db = test_raw_open (path);
  {
    g_autofree char *sql = g_strdup_printf ("PRAGMA application_id = %d",
                                            GLOSS_STORE_APPLICATION_ID);
    test_raw_exec (db, sql);
  }
  sqlite3_close (db);
  assert_open_refused (path, GLOSS_STORE_ERROR_NOT_A_PROJECT);
}

static void
test_open_refuses_too_new (void)
{
  g_autofree char *path = test_path ("future.gloss");
  g_autoptr(GlossStore) store = make_store (path);
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", GLOSS_STORE_VERSION + 1);
  sqlite3 *db;

  g_clear_object (&store);
  db = test_raw_open (path);
  test_raw_exec (db, sql);
  sqlite3_close (db);
  assert_open_refused (path, GLOSS_STORE_ERROR_TOO_NEW);
}

/* Another connection holds the file (here with an exclusive lock that a
 * thread lets go of after 300 ms, as a writer closing the file does for its
 * last checkpoint): opening waits for it instead of failing at once with
 * "database is locked". */
static gpointer
release_lock_later (gpointer data)
{
  sqlite3 *db = data;

  g_usleep (300 * 1000);
  test_raw_exec (db, "COMMIT");
  sqlite3_close (db);
  return NULL;
}

static void
test_open_waits_for_lock (void)
{
  g_autofree char *path = test_path ("locked.gloss");
  g_autoptr(GlossStore) store = make_store (path);
  g_autoptr(GError) error = NULL;
  GThread *thread;
  sqlite3 *db;
  gint64 start;

  g_clear_object (&store);
  db = test_raw_open (path);
  test_raw_exec (db, "PRAGMA locking_mode = EXCLUSIVE");
  test_raw_exec (db, "BEGIN EXCLUSIVE");
  /* a write (the lock is taken) that changes nothing */
  test_raw_exec (db, "PRAGMA user_version = " G_STRINGIFY (GLOSS_STORE_VERSION));
  start = g_get_monotonic_time ();
  thread = g_thread_new ("release", release_lock_later, db);

  store = gloss_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 250 * 1000);
  g_thread_join (thread);
}

static void
test_open_refuses_corrupt (void)
{
  g_autofree char *path = test_path ("corrupt.gloss");
  g_autoptr(GlossStore) store = make_store (path);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GError) error = NULL;
  int page_size;
  gint64 n_pages;
  int fd;

  g_assert_true (gloss_store_begin (store, &error));
  for (int i = 0; i < 40; i++)
    {
      g_autofree char *name = g_strdup_printf ("doc %d", i);
      g_autofree char *text = test_make_text (rand, 3000);

      g_assert_cmpint (gloss_store_insert_document (store, NULL, name, text, -1, NULL, NULL, 0,
                                                    &error), >, 0);
    }
  g_assert_true (gloss_store_commit (store, &error));
  page_size = test_raw_int (_gloss_store_get_db (store), "PRAGMA page_size");
  g_clear_object (&store);   /* checkpoints the WAL into the file */

  {
    GStatBuf st;
    g_assert_cmpint (g_stat (path, &st), ==, 0);
    n_pages = st.st_size / page_size;
  }
  g_assert_cmpint (n_pages, >, 10);

  /* garbage over a few b-tree pages in the middle (page numbers from 1) */
  fd = g_open (path, O_WRONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  for (gint64 page = 3; page < 3 + 4; page++)
    {
      guchar garbage[512];

      for (guint i = 0; i < sizeof garbage; i++)
        garbage[i] = g_rand_int_range (rand, 0, 256);
      g_assert_cmpint (pwrite (fd, garbage, sizeof garbage, (page - 1) * page_size), ==,
                       sizeof garbage);
    }
  g_assert_cmpint (close (fd), ==, 0);

  assert_open_refused (path, GLOSS_STORE_ERROR_CORRUPT);
}

static void
test_invalid_text (void)
{
  g_autofree char *path = test_path ("invalid.gloss");
  g_autoptr(GlossStore) store = make_store (path);
  g_autoptr(GError) error = NULL;
  static const char nul_text[] = "before\0after";

  g_assert_cmpint (gloss_store_insert_document (store, NULL, "bad", "caf\xe9 latin-1", -1, NULL,
                                                NULL, 0, &error), ==, 0);
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (gloss_store_insert_document (store, NULL, "bad", nul_text,
                                                sizeof nul_text - 1, NULL, NULL, 0, &error),
                   ==, 0);
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* truncated multibyte sequence at the end */
  g_assert_cmpint (gloss_store_insert_document (store, NULL, "bad", "abc\xc3", 4, NULL, NULL, 0,
                                                &error), ==, 0);
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (gloss_store_insert_document (store, NULL, "", "text", -1, NULL, NULL, 0,
                                                &error), ==, 0);
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (gloss_store_count_documents (store), ==, 0);

  /* an explicit length stops before a NUL that follows */
  g_assert_cmpint (gloss_store_insert_document (store, NULL, "ok", nul_text, 6, NULL, NULL, 0,
                                                &error), >, 0);
  g_assert_no_error (error);
}

static void
test_unique_names (void)
{
  g_autofree char *path = test_path ("names.gloss");
  g_autoptr(GlossStore) store = make_store (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *n1 = NULL, *n2 = NULL, *n3 = NULL;
  const char *uuid = "2b1a3f4e-1111-4222-8333-444455556666";

  n1 = gloss_store_dup_unique_name (store, "article");
  g_assert_cmpstr (n1, ==, "article");
  g_assert_cmpint (gloss_store_insert_document (store, uuid, n1, "a", -1, NULL, NULL, 0, &error),
                   >, 0);
  n2 = gloss_store_dup_unique_name (store, "article");
  g_assert_cmpstr (n2, ==, "article (2)");
  g_assert_cmpint (gloss_store_insert_document (store, NULL, n2, "b", -1, NULL, NULL, 0, &error),
                   >, 0);
  n3 = gloss_store_dup_unique_name (store, "article");
  g_assert_cmpstr (n3, ==, "article (3)");

  g_assert_cmpint (gloss_store_insert_document (store, NULL, "article", "c", -1, NULL, NULL, 0,
                                                &error), ==, 0);
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (gloss_store_insert_document (store, uuid, "other", "c", -1, NULL, NULL, 0,
                                                &error), ==, 0);
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpuint (gloss_store_count_documents (store), ==, 2);

  /* the project layer makes names unique itself */
  {
    g_autoptr(GlossProject) project = NULL;
    g_autofree char *ppath = test_path ("names-project.gloss");
    GlossDocument *a, *b;

    project = gloss_project_create (ppath, NULL, &error);
    g_assert_no_error (error);
    a = gloss_project_add_document (project, "x", "one", -1, NULL, &error);
    g_assert_no_error (error);
    b = gloss_project_add_document (project, "x", "two", -1, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (gloss_document_get_name (a), ==, "x");
    g_assert_cmpstr (gloss_document_get_name (b), ==, "x (2)");
    g_assert_true (gloss_project_find_document (project, "x (2)") == b);
  }
}

static void
test_transactions (void)
{
  g_autofree char *path = test_path ("tx.gloss");
  g_autoptr(GlossStore) store = make_store (path);
  g_autoptr(GError) error = NULL;

  /* nested commit */
  g_assert_true (gloss_store_begin (store, &error));
  g_assert_true (gloss_store_begin (store, &error));
  g_assert_cmpint (gloss_store_insert_document (store, NULL, "a", "a", -1, NULL, NULL, 0, &error),
                   >, 0);
  g_assert_true (gloss_store_commit (store, &error));
  g_assert_true (gloss_store_in_transaction (store));
  g_assert_true (gloss_store_commit (store, &error));
  g_assert_false (gloss_store_in_transaction (store));
  g_assert_cmpuint (gloss_store_count_documents (store), ==, 1);

  /* an inner rollback rolls back everything */
  g_assert_true (gloss_store_begin (store, &error));
  g_assert_cmpint (gloss_store_insert_document (store, NULL, "b", "b", -1, NULL, NULL, 0, &error),
                   >, 0);
  g_assert_true (gloss_store_begin (store, &error));
  gloss_store_rollback (store);
  g_assert_false (gloss_store_commit (store, &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (gloss_store_in_transaction (store));
  g_assert_cmpuint (gloss_store_count_documents (store), ==, 1);

  /* and the store works afterwards */
  g_assert_true (gloss_store_begin (store, &error));
  g_assert_cmpint (gloss_store_insert_document (store, NULL, "c", "c", -1, NULL, NULL, 0, &error),
                   >, 0);
  g_assert_true (gloss_store_commit (store, &error));
  g_assert_cmpuint (gloss_store_count_documents (store), ==, 2);
}

static void
test_foreign_trigger_ignored (void)
{
  g_autofree char *path = test_path ("trigger.gloss");
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GlossAnnotationList) list = NULL;
  g_autoptr(GlossCommand) cmd = NULL;
  g_autoptr(GlossAnnotation) a = NULL;
  GlossDocument *doc;
  gboolean applied;
  sqlite3 *db;

  project = gloss_project_create (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (gloss_project_add_document (project, "d", "Some text here.", -1, NULL,
                                                &error));
  g_clear_object (&project);

  db = test_raw_open (path);
  test_raw_exec (db,
                 "CREATE TABLE side (x);"
                 "CREATE TRIGGER evil AFTER INSERT ON annotations BEGIN "
                 "  INSERT INTO side VALUES (new.uuid); END;"
                 "CREATE TRIGGER evil2 BEFORE UPDATE ON annotations BEGIN "
                 "  INSERT INTO side VALUES ('update'); END;"
                 "CREATE VIEW evil_view AS SELECT * FROM annotations;");
  sqlite3_close (db);

  project = gloss_project_open (path, &error);
  g_assert_no_error (error);
  doc = gloss_project_find_document (project, "d");
  g_assert_nonnull (doc);
  list = gloss_project_dup_annotation_list (project, doc, &error);
  g_assert_no_error (error);
  a = gloss_annotation_new_span ("PERSON", 0, 4, "tester");
  cmd = gloss_command_set_label (gloss_command_create_annotation (gloss_command_new ("x"), a),
                                 gloss_annotation_get_uuid (a), "ORG");
  applied = gloss_annotation_list_apply (list, cmd, &error);
  g_test_message ("apply with a foreign trigger: %s", applied ? "applied" : error->message);
  g_clear_error (&error);
  if (applied)
    {
      g_autoptr(GlossCommand) cmd2 = gloss_command_new ("y");
      gloss_command_set_note (cmd2, gloss_annotation_get_uuid (a), "note");
      g_assert_true (gloss_annotation_list_apply (list, cmd2, &error));
      g_assert_no_error (error);
    }
  g_clear_object (&list);
  g_clear_object (&project);

  db = test_raw_open (path);
  g_assert_cmpint (test_raw_int (db, "SELECT count(*) FROM side"), ==, 0);
  sqlite3_close (db);
}

/* Values too large are refused with a message that says so, never bound
 * as NULL and reported as something else ("already exists"). */
static void
test_too_large (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = gloss_store_create (":memory:", NULL, &error);
  gsize huge = GLOSS_STORE_MAX_TEXT_SIZE + 1;
  char *text = g_malloc0 (huge + 1);
  g_autoptr(GlossAnnotation) a = gloss_annotation_new_span ("PERSON", 0, 4, NULL);
  g_autofree char *note = g_strnfill (5000, 'x');
  gint64 doc;
  gint64 t0 = g_get_monotonic_time ();

  g_assert_no_error (error);
  g_assert_cmpint (gloss_store_insert_document (store, NULL, "huge", text, huge, NULL, NULL, 0,
                                                &error), ==, 0);
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "too large"));
  g_test_message ("%s (%.3f s)", error->message,
                  (g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC);
  g_clear_error (&error);
  g_free (text);

  /* SQLite's own limit, lowered here: the bind fails, and says why */
  doc = gloss_store_insert_document (store, NULL, "small", "Kim said so.", -1, NULL, NULL, 0,
                                     &error);
  g_assert_no_error (error);
  sqlite3_limit (_gloss_store_get_db (store), SQLITE_LIMIT_LENGTH, 1000);
  gloss_annotation_set_document_id (a, doc);
  gloss_annotation_set_note (a, note);
  g_assert_false (gloss_store_put_annotation (store, a, &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "too large"));
  g_clear_error (&error);
  g_assert_cmpint (gloss_store_insert_document (store, NULL, "long meta", "Kim said so.", -1,
                                                "{\"x\": \"" "0123456789" "\"}", NULL, 0,
                                                &error), >, 0);
  g_assert_no_error (error);
}

static int
cache_size (GlossStore *store)
{
  sqlite3 *db = _gloss_store_get_db (store);
  sqlite3_stmt *stmt = NULL;
  int value, rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA cache_size", -1, &stmt, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* A large transaction raises the page cache until it ends, however it
 * ends; a small one leaves it alone. */
static void
test_reserve_cache (void)
{
  g_autofree char *path = test_path ("cache.gloss");
  g_autoptr(GlossStore) store = make_store (path);
  g_autoptr(GError) error = NULL;
  int usual = cache_size (store);

  g_assert_true (gloss_store_begin (store, &error));
  _gloss_store_reserve_cache (store, 1024 * 1024);
  g_assert_cmpint (cache_size (store), ==, usual);
  _gloss_store_reserve_cache (store, 16 * 1024 * 1024);
  g_assert_cmpint (cache_size (store), ==, -16 * 1024);
  _gloss_store_reserve_cache (store, 8 * 1024 * 1024);
  g_assert_cmpint (cache_size (store), ==, -16 * 1024);
  _gloss_store_reserve_cache (store, G_GINT64_CONSTANT (1) << 40);
  g_assert_cmpint (cache_size (store), ==, -128 * 1024);
  g_assert_true (gloss_store_commit (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cache_size (store), ==, usual);

  g_assert_true (gloss_store_begin (store, &error));
  g_assert_true (gloss_store_begin (store, &error));
  _gloss_store_reserve_cache (store, 32 * 1024 * 1024);
  gloss_store_rollback (store);
  g_assert_cmpint (cache_size (store), ==, -32 * 1024);
  gloss_store_rollback (store);
  g_assert_cmpint (cache_size (store), ==, usual);
}

/* How many documents hold live annotations, counted up to a limit without
 * reading the documents (the window asks on every start: a walk over the
 * document list read all 100,000 rows of a project without annotations). */
static void
test_count_annotated_documents (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = gloss_project_create (":memory:", NULL, &error);
  g_autoptr(GlossChangeSet) changes = gloss_change_set_new ("setup");
  GlossStore *store = gloss_project_get_store (project);

  g_assert_no_error (error);
  gloss_project_set_annotator (project, "alice");
  g_assert_cmpuint (gloss_store_count_annotated_documents (store, 5), ==, 0);
  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *name = g_strdup_printf ("wire-%u", i);
      GlossDocument *document = gloss_project_add_document (project, name, "The agency said so.",
                                                            -1, NULL, &error);
      g_autoptr(GlossAnnotation) a = gloss_annotation_new_span ("ORG", 4, 10, "alice");

      g_assert_no_error (error);
      if (i % 2 == 1)
        continue;
      gloss_annotation_set_document_id (a, gloss_document_get_id (document));
      /* the first one is deleted: a tombstone holds nothing */
      gloss_annotation_set_deleted (a, i == 0);
      gloss_change_set_put_annotation (changes, a, GLOSS_CHANGE_ALWAYS);
    }
  g_assert_true (gloss_project_apply_changes (project, changes, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_store_count_annotated_documents (store, 10), ==, 3);
  g_assert_cmpuint (gloss_store_count_annotated_documents (store, 2), ==, 2);

  /* and which, in display order */
  {
    g_autoptr(GArray) ids = gloss_store_list_annotated_documents (store, &error);
    const char *expected[] = { "wire-2", "wire-4", "wire-6" };

    g_assert_no_error (error);
    g_assert_cmpuint (ids->len, ==, G_N_ELEMENTS (expected));
    for (guint i = 0; i < ids->len; i++)
      g_assert_cmpstr (gloss_document_get_name (gloss_project_lookup_document (
                         project, g_array_index (ids, gint64, i))),
                       ==, expected[i]);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/store/round-trip", test_round_trip);
  g_test_add_func ("/core/store/header-and-pragmas", test_header_and_pragmas);
  g_test_add_func ("/core/store/create-refuses-existing", test_create_refuses_existing);
  g_test_add_func ("/core/store/open-refuses/missing", test_open_refuses_missing);
  g_test_add_func ("/core/store/open-refuses/directory", test_open_refuses_directory);
  g_test_add_func ("/core/store/open-refuses/text", test_open_refuses_text);
  g_test_add_func ("/core/store/open-refuses/foreign-sqlite", test_open_refuses_foreign_sqlite);
  g_test_add_func ("/core/store/open-refuses/too-new", test_open_refuses_too_new);
  g_test_add_func ("/core/store/open-refuses/corrupt", test_open_refuses_corrupt);
  g_test_add_func ("/core/store/open-waits-for-lock", test_open_waits_for_lock);
  g_test_add_func ("/core/store/invalid-text", test_invalid_text);
  g_test_add_func ("/core/store/unique-names", test_unique_names);
  g_test_add_func ("/core/store/transactions", test_transactions);
  g_test_add_func ("/core/store/reserve-cache", test_reserve_cache);
  g_test_add_func ("/core/store/foreign-trigger-ignored", test_foreign_trigger_ignored);
  g_test_add_func ("/core/store/too-large", test_too_large);
  g_test_add_func ("/core/store/count-annotated-documents", test_count_annotated_documents);

  return g_test_run ();
}
