/* test-durability.c: the store keeps its locks whatever else the process
 * does with the project file, and other programs' locks still count
 *
 * POSIX advisory locks belong to the process and the inode: any close() of
 * any descriptor of the file inside the process drops them all (GTK's file
 * chooser sniffing a content type, GIO's query_info, our own hashing). The
 * next program to open and close the project then believes it is the last
 * user, checkpoints and deletes the WAL while Gloss still writes into it.
 * These tests touch the project's three files from inside the process the
 * way GIO and plain code do, let another program (plain-sqlite: SQLite's
 * default VFS, plain POSIX locks, as the sqlite3 shell or Python) read and
 * write it, and check that every edit stays visible to everyone.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core-test-util.h"
#include "gloss-file-locks-private.h"

/* Steps of the random interleavings; GLOSS_INTERLEAVINGS overrides it. */
#define N_INTERLEAVINGS 200

static guint
n_interleavings (void)
{
  const char *env = g_getenv ("GLOSS_INTERLEAVINGS");

  return env ? (guint) g_ascii_strtoull (env, NULL, 10) : N_INTERLEAVINGS;
}

typedef struct
{
  char                *path;
  char                *files[3];   /* the project, its -wal and its -shm */
  GlossProject        *project;
  GlossAnnotationList *list;
  guint                length;
  guint                expected;   /* live annotations committed so far */
  ino_t                wal_inode;
} Fixture;

/* Runs plain-sqlite with @args; returns its standard output and sets
 * @status to its exit status. */
static char *
run_plain (const char * const *args,
           int                *status)
{
  g_autofree char *helper = g_test_build_filename (G_TEST_BUILT, "core", "plain-sqlite", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_ptr_array_add (argv, helper);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                            &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  *status = g_subprocess_get_exit_status (proc);
  if (*status != 0 && *status != 3)
    g_test_message ("plain-sqlite: %s", err);
  return g_steal_pointer (&out);
}

/* Another program's view of one number. */
static gint64
plain_int (const char *path,
           const char *sql)
{
  const char *args[] = { "--wait", "10000", path, sql, NULL };
  int status = 0;
  g_autofree char *out = run_plain (args, &status);

  g_assert_cmpint (status, ==, 0);
  return g_ascii_strtoll (out, NULL, 10);
}

static ino_t
inode_of (const char *path)
{
  struct stat st;

  if (stat (path, &st) != 0)
    return 0;
  return st.st_ino;
}

static void
fixture_open (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GlossDocument *doc;

  f->path = test_path ("p.gloss");
  f->files[0] = g_strdup (f->path);
  f->files[1] = g_strconcat (f->path, "-wal", NULL);
  f->files[2] = g_strconcat (f->path, "-shm", NULL);
  {
    g_autoptr(GlossProject) project = gloss_project_create (f->path, NULL, &error);
    g_assert_no_error (error);
    gloss_project_add_document (project, "wire", "A defector told the agency on Monday that the "
                                "cyber unit had moved to Pyongyang, officials said.", -1, NULL,
                                &error);
    g_assert_no_error (error);
  }
  f->project = gloss_project_open (f->path, &error);
  g_assert_no_error (error);
  doc = gloss_project_find_document (f->project, "wire");
  f->length = gloss_document_get_length (doc);
  f->list = gloss_project_dup_annotation_list (f->project, doc, &error);
  g_assert_no_error (error);
  f->wal_inode = inode_of (f->files[1]);
  g_assert_cmpuint (f->wal_inode, !=, 0);
}

/* Closes the project; the paths stay until fixture_free(). */
static void
fixture_close (Fixture *f)
{
  g_clear_object (&f->list);
  g_clear_object (&f->project);
}

static void
fixture_free (Fixture *f)
{
  fixture_close (f);
  for (guint i = 0; i < 3; i++)
    g_free (f->files[i]);
  g_free (f->path);
}

/* One durable edit through the command path. */
static void
add_one (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossCommand) cmd = gloss_command_new ("create");
  guint start = (f->expected * 7) % (f->length - 6);
  g_autoptr(GlossAnnotation) a = gloss_annotation_new_span ("PERSON", start, start + 5, NULL);

  gloss_command_create_annotation (cmd, a);
  g_assert_true (gloss_annotation_list_apply (f->list, cmd, &error));
  g_assert_no_error (error);
  f->expected++;
}

/* What GIO and plain code in the same process do with a file: read it
 * and close it. Each close drops every POSIX lock the process has on it. */
static void
touch_file (const char *path,
            guint       how)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  switch (how)
    {
    case 0:
      {
        /* the file chooser's content-type sniffing */
        g_autoptr(GFileInfo) info =
          g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE ","
                             G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL,
                             &error);
        g_assert_no_error (error);
        g_assert_nonnull (info);
      }
      break;
    case 1:
      {
        g_autofree char *contents = NULL;
        gsize len = 0;

        g_file_load_contents (file, NULL, &contents, &len, NULL, &error);
        g_assert_no_error (error);
      }
      break;
    default:
      {
        char buf[512];
        int fd = open (path, O_RDONLY | O_CLOEXEC);

        g_assert_cmpint (fd, >=, 0);
        g_assert_cmpint (read (fd, buf, sizeof buf), >=, 0);
        g_assert_cmpint (close (fd), ==, 0);
      }
      break;
    }
}

/* The WAL is the one the store opened, and another program sees every
 * committed edit. */
static void
check_shared_view (Fixture *f)
{
  g_assert_cmpuint (inode_of (f->files[1]), ==, f->wal_inode);
  g_assert_cmpint (plain_int (f->path, "SELECT count(*) FROM annotations WHERE deleted = 0"),
                   ==, f->expected);
  g_assert_cmpuint (inode_of (f->files[1]), ==, f->wal_inode);
}

/* The reproduction from the issue: the project open with edits in flight,
 * its files read and closed inside the process, another program reads it:
 * the WAL must survive and the next edit must be seen. */
static void
test_foreign_close (void)
{
  Fixture f = { 0 };

  fixture_open (&f);
  add_one (&f);
  for (guint i = 0; i < 3; i++)
    for (guint how = 0; how < 3; how++)
      touch_file (f.files[i], how);
  check_shared_view (&f);
  add_one (&f);
  check_shared_view (&f);
  g_assert_cmpstr (g_strchomp (run_plain ((const char *[]) { f.path, "PRAGMA integrity_check",
                                                            NULL }, &(int) { 0 })), ==, "ok");
  fixture_close (&f);
  g_assert_cmpint (plain_int (f.path, "SELECT count(*) FROM annotations"), ==, 2);
  fixture_free (&f);
}

/* Random interleavings of edits, foreign closes inside the process, other
 * programs reading and writing, and other connections of this process
 * opening and closing the project. */
static void
test_interleavings (void)
{
  Fixture f = { 0 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  guint outside_writes = 0;
  guint counts[6] = { 0 };

  fixture_open (&f);
  for (guint step = 0; step < n_interleavings (); step++)
    {
      guint what = g_rand_int_range (rand, 0, 6);

      counts[what]++;
      switch (what)
        {
        case 0:
          add_one (&f);
          break;
        case 1:
          touch_file (f.files[g_rand_int_range (rand, 0, 3)], g_rand_int_range (rand, 0, 3));
          break;
        case 2:
          check_shared_view (&f);
          break;
        case 3:
          {
            /* another connection of this process, as the window's worker
             * thread or the prefetch would open one */
            g_autoptr(GError) error = NULL;
            g_autoptr(GlossStore) other = gloss_store_open (f.path, &error);

            g_assert_no_error (error);
            g_assert_cmpuint (gloss_store_count_annotations (other, 1), ==, f.expected);
          }
          break;
        case 4:
          {
            /* another program writes; this process sees it at once */
            g_autofree char *sql =
              g_strdup_printf ("INSERT OR REPLACE INTO project (key, value) "
                               "VALUES ('outside', '%u')", ++outside_writes);
            g_autofree char *seen = NULL;
            g_autofree char *want = g_strdup_printf ("%u", outside_writes);
            int status = 0;
            g_autofree char *out =
              run_plain ((const char *[]) { "--wait", "10000", f.path, sql, NULL }, &status);

            g_assert_cmpint (status, ==, 0);
            seen = gloss_store_dup_meta (gloss_project_get_store (f.project), "outside");
            g_assert_cmpstr (seen, ==, want);
          }
          break;
        default:
          {
            /* a raw read-only connection in this process opens and closes */
            sqlite3 *db = NULL;

            g_assert_cmpint (sqlite3_open_v2 (f.path, &db, SQLITE_OPEN_READONLY, NULL), ==,
                             SQLITE_OK);
            sqlite3_busy_timeout (db, 10000);
            g_assert_cmpint (test_raw_int (db, "SELECT count(*) FROM annotations"), ==,
                             f.expected);
            sqlite3_close (db);
          }
          break;
        }
    }
  check_shared_view (&f);
  g_test_message ("%u steps: %u edits, %u foreign closes, %u checks, %u connections, "
                  "%u outside writes, %u raw readers", n_interleavings (), counts[0], counts[1],
                  counts[2], counts[3], counts[4], counts[5]);
  g_assert_cmpstr (g_strchomp (run_plain ((const char *[]) { f.path, "PRAGMA integrity_check",
                                                            NULL }, &(int) { 0 })), ==, "ok");
  fixture_close (&f);
  g_assert_cmpint (plain_int (f.path, "SELECT count(*) FROM annotations"), ==, f.expected);
  fixture_free (&f);
}

/* Locks taken with plain POSIX calls by another program exclude Gloss, and
 * Gloss's exclude it, both ways. */
static void
test_posix_excludes (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  GlossStore *store;
  int status = 0;

  fixture_open (&f);
  store = gloss_project_get_store (f.project);
  add_one (&f);

  /* Gloss holds the write lock: another program cannot write */
  gloss_store_set_lock_timeout (store, 200);
  g_assert_true (gloss_store_begin (store, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_store_set_meta (store, "inside", "1", &error));
  g_free (run_plain ((const char *[]) { f.path, "BEGIN IMMEDIATE", NULL }, &status));
  g_assert_cmpint (status, ==, 3);
  g_assert_true (gloss_store_commit (store, &error));
  g_assert_no_error (error);
  g_free (run_plain ((const char *[]) { f.path, "BEGIN IMMEDIATE", "COMMIT", NULL }, &status));
  g_assert_cmpint (status, ==, 0);

  /* another program holds the write lock: Gloss waits, then says so */
  {
    const char *argv[] = {
      NULL, f.path, "BEGIN IMMEDIATE", "INSERT INTO project VALUES ('held', '1')", NULL
    };
    g_autofree char *helper = g_test_build_filename (G_TEST_BUILT, "core", "plain-sqlite", NULL);
    g_autoptr(GSubprocess) proc = NULL;
    g_autoptr(GDataInputStream) out = NULL;
    g_autofree char *line = NULL;
    const char *hold[] = { NULL, "--hold", NULL, NULL, NULL, NULL };

    hold[0] = helper;
    hold[2] = argv[1];
    hold[3] = argv[2];
    hold[4] = argv[3];
    proc = g_subprocess_newv (hold, G_SUBPROCESS_FLAGS_STDIN_PIPE |
                              G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
    g_assert_no_error (error);
    out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
    line = g_data_input_stream_read_line (out, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (line, ==, "ready");

    g_assert_false (gloss_store_begin (store, &error));
    g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_BUSY);
    g_clear_error (&error);

    /* the holder ends without committing; Gloss writes again */
    g_output_stream_close (g_subprocess_get_stdin_pipe (proc), NULL, NULL);
    g_subprocess_wait (proc, NULL, &error);
    g_assert_no_error (error);
  }
  add_one (&f);
  check_shared_view (&f);
  g_assert_null (gloss_store_dup_meta (store, "held"));
  fixture_free (&f);
}

/* Several connections in one process (the window's, a worker's, the
 * prefetch's) share the process's locks as they always did: readers and a
 * writer take turns, and no lock outlives the connection that took it. A
 * rollback-journal file exercises the shared lock on the database file,
 * which WAL files keep for as long as they are open. */
static void
test_connections_in_process (void)
{
  g_autofree char *path = test_path ("rollback.db");
  sqlite3 *a, *b;
  int status = 0;

  _gloss_file_locks_install ();
  a = test_raw_open (path);
  test_raw_exec (a, "PRAGMA journal_mode = DELETE; CREATE TABLE t (x); INSERT INTO t VALUES (1)");
  b = test_raw_open (path);
  sqlite3_busy_timeout (a, 2000);
  sqlite3_busy_timeout (b, 2000);
  for (guint round = 0; round < 20; round++)
    {
      /* a takes the shared lock first, b joins, a leaves first: b's
       * unlock must release what a's lock took */
      test_raw_exec (a, "BEGIN; SELECT count(*) FROM t");
      test_raw_exec (b, "BEGIN; SELECT count(*) FROM t");
      test_raw_exec (a, "COMMIT");
      test_raw_exec (b, "COMMIT");
      /* a writer of this process needs the exclusive lock */
      test_raw_exec (round % 2 ? a : b, "INSERT INTO t VALUES (2)");
    }
  g_assert_cmpint (test_raw_int (a, "SELECT count(*) FROM t"), ==, 21);

  /* another program can write once both are idle, and not while one of
   * them reads */
  test_raw_exec (b, "BEGIN; SELECT count(*) FROM t");
  g_free (run_plain ((const char *[]) { path, "INSERT INTO t VALUES (3)", NULL }, &status));
  g_assert_cmpint (status, ==, 3);
  test_raw_exec (b, "COMMIT");
  sqlite3_close (a);
  sqlite3_close (b);
  g_free (run_plain ((const char *[]) { path, "INSERT INTO t VALUES (3)", NULL }, &status));
  g_assert_cmpint (status, ==, 0);
}

/* Someone deletes the WAL under an open project: the store notices before
 * its next write, writes nothing more and names the file. */
static void
test_wal_deleted (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossCommand) cmd = gloss_command_new ("create");
  g_autoptr(GlossAnnotation) a = gloss_annotation_new_span ("PERSON", 2, 10, NULL);

  fixture_open (&f);
  add_one (&f);
  g_assert_cmpint (g_unlink (f.files[1]), ==, 0);
  gloss_command_create_annotation (cmd, a);
  g_assert_false (gloss_annotation_list_apply (f.list, cmd, &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_JOURNAL_LOST);
  g_assert_nonnull (strstr (error->message, "p.gloss-wal"));
  g_clear_error (&error);
  /* and stays stopped, even once a new WAL appears */
  g_assert_false (gloss_store_begin (gloss_project_get_store (f.project), &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_JOURNAL_LOST);
  fixture_free (&f);
}

/* Another program holds the write lock: in the window's way, edits wait
 * in order off the caller instead of blocking it, undo waits for them, and
 * all are saved once the lock is free. */
static void
test_edits_wait (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *helper = g_test_build_filename (G_TEST_BUILT, "core", "plain-sqlite", NULL);
  g_autoptr(GSubprocess) holder = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  GlossStore *store;
  gint64 t0, slowest = 0;

  fixture_open (&f);
  store = gloss_project_get_store (f.project);
  gloss_store_set_lock_timeout (store, 20);
  gloss_annotation_list_set_wait_when_busy (f.list, TRUE);
  add_one (&f);

  holder = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                             &error, helper, "--hold", f.path, "BEGIN IMMEDIATE", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (holder));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_cmpstr (line, ==, "ready");

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GlossCommand) cmd = gloss_command_new ("create");
      g_autoptr(GlossAnnotation) a = gloss_annotation_new_span ("ORG", 10 + i, 14 + i, NULL);
      g_autofree char *uuid = g_strdup_printf ("waiting-%u", i);

      gloss_annotation_set_uuid (a, uuid);
      gloss_command_create_annotation (cmd, a);
      t0 = g_get_monotonic_time ();
      g_assert_true (gloss_annotation_list_apply (f.list, cmd, &error));
      g_assert_no_error (error);
      slowest = MAX (slowest, g_get_monotonic_time () - t0);
    }
  g_test_message ("each edit returned within %.3f s while another program held the lock",
                  slowest / (double) G_USEC_PER_SEC);
  g_assert_cmpint (slowest, <, G_USEC_PER_SEC / 2);
  g_assert_cmpuint (gloss_annotation_list_get_n_waiting (f.list), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f.list)), ==, 1);
  g_assert_false (gloss_annotation_list_undo (f.list, &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_BUSY);
  g_clear_error (&error);
  /* still waiting after a few tries */
  t0 = g_get_monotonic_time ();
  while (g_get_monotonic_time () - t0 < G_USEC_PER_SEC / 2)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (gloss_annotation_list_get_n_waiting (f.list), ==, 3);

  /* the other program is done: all three are saved, in order */
  g_output_stream_close (g_subprocess_get_stdin_pipe (holder), NULL, NULL);
  g_subprocess_wait (holder, NULL, &error);
  g_assert_no_error (error);
  t0 = g_get_monotonic_time ();
  while (gloss_annotation_list_get_n_waiting (f.list) > 0 &&
         g_get_monotonic_time () - t0 < 5 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (gloss_annotation_list_get_n_waiting (f.list), ==, 0);
  f.expected += 3;
  check_shared_view (&f);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f.list)), ==, 4);
  test_check_list_matches_store (f.list, store);
  g_assert_cmpint (plain_int (f.path, "SELECT count(*) FROM annotations WHERE uuid LIKE "
                                      "'waiting-%' AND created < (SELECT created FROM annotations "
                                      "WHERE uuid = 'waiting-2')"), ==, 2);
  /* undo takes back the last one */
  g_assert_true (gloss_annotation_list_undo (f.list, &error));
  g_assert_no_error (error);
  g_assert_null (gloss_annotation_list_lookup (f.list, "waiting-2"));
  fixture_free (&f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/durability/foreign-close", test_foreign_close);
  g_test_add_func ("/core/durability/interleavings", test_interleavings);
  g_test_add_func ("/core/durability/posix-excludes", test_posix_excludes);
  g_test_add_func ("/core/durability/connections-in-process", test_connections_in_process);
  g_test_add_func ("/core/durability/wal-deleted", test_wal_deleted);
  g_test_add_func ("/core/durability/edits-wait", test_edits_wait);
  return g_test_run ();
}
