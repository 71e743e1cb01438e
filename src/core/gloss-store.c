/* gloss-store.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "gloss-annotation.h"
#include "gloss-document-private.h"
#include "gloss-file-locks-private.h"
#include "gloss-identity-private.h"
#include "gloss-relation.h"
#include "gloss-store-private.h"
#include "gloss-util-private.h"

struct _GlossStore
{
  GObject     parent_instance;

  sqlite3    *db;             /* owned */
  char       *path;           /* owned */
  GHashTable *statements;     /* const char *sql -> sqlite3_stmt *, owned */
  guint       depth;          /* transaction nesting */
  gboolean    failed;         /* a nested level rolled back */
  int         opened_version;
  guint       lock_timeout;   /* ms a write waits for another program */
  dev_t       wal_dev;        /* the -wal this connection writes to, */
  ino_t       wal_ino;        /* 0 until known */
  gboolean    journal_lost;   /* the -wal was deleted or replaced: write nothing */
  char       *read_only;      /* why the store writes nothing (translated), or NULL; owned */
  char       *tmp_copy;       /* a private upgraded copy read instead of an older file; owned */
  char       *backup_path;    /* where opening kept the file before upgrading it; owned */
  int         usual_cache;    /* PRAGMA cache_size as it was before a transaction raised it */
  int         cache_kib;      /* the same in KiB; 0: not looked at in this transaction */
  int         raised_kib;     /* what the transaction raised it to */
  gboolean    skip_damaged;   /* loads leave out rows that cannot be read */
  GHashTable *skipped;        /* uuids of the rows they left out, owned */
};

#define DEFAULT_LOCK_TIMEOUT 60000
/* How long one statement waits for a lock (a write waits for several). */
#define BUSY_TIMEOUT 10000

G_DEFINE_FINAL_TYPE (GlossStore, gloss_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (gloss-store-error-quark, gloss_store_error)

/* Each entry upgrades a file from version i to i + 1. Version 0 is an empty
 * file. Never change a step once released: add a new one. */
/* The index's definition, also checked when a project is opened: a file
 * from elsewhere cannot pass off another table or tokenizer as ours. */
#define GLOSS_STORE_FTS_CREATE \
  "CREATE VIRTUAL TABLE documents_fts USING fts5 (name, text, content = 'documents', " \
  "content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2')"

static const char * const migrations[] = {
  /* 0 -> 1 */
  "CREATE TABLE project ("
  "  key TEXT PRIMARY KEY NOT NULL,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"
  "CREATE TABLE documents ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL UNIQUE,"
  "  text TEXT NOT NULL,"
  "  sha256 TEXT NOT NULL,"
  "  length INTEGER NOT NULL,"
  "  meta TEXT NOT NULL DEFAULT '{}',"
  "  created INTEGER NOT NULL"
  ");"
  "CREATE INDEX documents_by_sha256 ON documents (sha256);"
  "CREATE TABLE document_status ("
  "  document INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  annotator TEXT NOT NULL,"
  "  status INTEGER NOT NULL,"
  "  modified INTEGER NOT NULL,"
  "  PRIMARY KEY (document, annotator)"
  ") WITHOUT ROWID;"
  "CREATE TABLE annotations ("
  "  uuid TEXT PRIMARY KEY NOT NULL,"
  "  document INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  label TEXT NOT NULL,"
  "  start INTEGER NOT NULL,"
  "  end INTEGER NOT NULL,"
  "  fragments TEXT NOT NULL,"
  "  attributes TEXT NOT NULL DEFAULT '{}',"
  "  note TEXT,"
  "  norm_id TEXT,"
  "  norm_name TEXT,"
  "  annotator TEXT NOT NULL,"
  "  created INTEGER NOT NULL,"
  "  modified INTEGER NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX annotations_by_document ON annotations (document, start, end);"
  "CREATE TABLE relations ("
  "  uuid TEXT PRIMARY KEY NOT NULL,"
  "  document INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  type TEXT NOT NULL,"
  "  source TEXT NOT NULL REFERENCES annotations (uuid) DEFERRABLE INITIALLY DEFERRED,"
  "  target TEXT NOT NULL REFERENCES annotations (uuid) DEFERRABLE INITIALLY DEFERRED,"
  "  attributes TEXT NOT NULL DEFAULT '{}',"
  "  annotator TEXT NOT NULL,"
  "  created INTEGER NOT NULL,"
  "  modified INTEGER NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX relations_by_document ON relations (document);",

  /* 1 -> 2: document-level attributes; relation ends indexed for the
   * foreign keys */
  "ALTER TABLE documents ADD COLUMN attributes TEXT NOT NULL DEFAULT '{}';"
  "CREATE INDEX relations_by_source ON relations (source);"
  "CREATE INDEX relations_by_target ON relations (target);",

  /* 2 -> 3: which annotators the lead assigned each document to; a
   * removed assignment stays as a tombstone so that merges converge */
  "CREATE TABLE assignments ("
  "  document INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  annotator TEXT NOT NULL,"
  "  modified INTEGER NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (document, annotator)"
  ") WITHOUT ROWID;"
  "CREATE INDEX assignments_by_annotator ON assignments (annotator, document);",

  /* 3 -> 4: suggestions (proposed spans, never annotations; a rejected one
   * is remembered) and the provenance of an annotation accepted from one */
  "ALTER TABLE annotations ADD COLUMN provenance TEXT;"
  "CREATE TABLE suggestions ("
  "  document INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  id TEXT NOT NULL,"
  "  label TEXT NOT NULL,"
  "  start INTEGER NOT NULL,"
  "  end INTEGER NOT NULL,"
  "  fragments TEXT NOT NULL,"
  "  score REAL NOT NULL,"
  "  suggester TEXT NOT NULL,"
  "  attributes TEXT NOT NULL DEFAULT '{}',"
  "  source TEXT,"
  "  cue TEXT,"
  "  state INTEGER NOT NULL DEFAULT 0,"
  "  modified INTEGER NOT NULL,"
  "  PRIMARY KEY (document, id)"
  ") WITHOUT ROWID;",

  /* 4 -> 5: a full-text index over the documents' names and texts, for the
   * document list's filter and the corpus search. External content: the
   * texts are stored once, in documents; the store's own write paths keep
   * the index in step (a trigger could not: trusted_schema is off, and
   * SQLite refuses a virtual table inside a trigger then). unicode61 folds
   * case and diacritics ("Zurich" finds "Zürich"); offsets of hits are
   * found again in the text, so the index keeps full detail. */
  GLOSS_STORE_FTS_CREATE "; INSERT INTO documents_fts (documents_fts) VALUES ('rebuild');",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == GLOSS_STORE_VERSION);

static void remember_wal (GlossStore *self);

static void
set_error_from_code (GError     **error,
                     int          code,
                     const char  *message,
                     const char  *what)
{
  GlossStoreError e;

  switch (code & 0xff)
    {
    case SQLITE_CORRUPT:
      e = GLOSS_STORE_ERROR_CORRUPT;
      break;
    case SQLITE_NOTADB:
      e = GLOSS_STORE_ERROR_NOT_A_PROJECT;
      break;
    case SQLITE_CONSTRAINT:
      e = GLOSS_STORE_ERROR_CONSTRAINT;
      break;
    case SQLITE_CANTOPEN:
      e = GLOSS_STORE_ERROR_NOT_FOUND;
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      e = GLOSS_STORE_ERROR_BUSY;
      break;
    case SQLITE_READONLY:
      e = GLOSS_STORE_ERROR_READ_ONLY;
      break;
    case SQLITE_FULL:
      e = GLOSS_STORE_ERROR_DISK_FULL;
      message = _("the disk is full");
      break;
    default:
      e = GLOSS_STORE_ERROR_FAILED;
      break;
    }
  g_set_error (error, GLOSS_STORE_ERROR, e, "%s: %s", what, message);
}

void
_gloss_store_set_error_from_db (GlossStore  *self,
                                GError     **error,
                                const char  *what)
{
  set_error_from_code (error, sqlite3_extended_errcode (self->db),
                       sqlite3_errmsg (self->db), what);
}

/* Removes the private copy of an older project and its folder. */
static void
remove_tmp_copy (const char *copy)
{
  g_autofree char *dir = g_path_get_dirname (copy);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);
      g_unlink (file);
    }
  g_rmdir (dir);
}

static void
gloss_store_finalize (GObject *object)
{
  GlossStore *self = (GlossStore *) object;

  if (self->depth > 0 && self->db != NULL)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  self->db = NULL;
  if (self->tmp_copy != NULL)
    remove_tmp_copy (self->tmp_copy);
  g_clear_pointer (&self->tmp_copy, g_free);
  g_clear_pointer (&self->read_only, g_free);
  g_clear_pointer (&self->backup_path, g_free);
  g_clear_pointer (&self->skipped, g_hash_table_unref);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (gloss_store_parent_class)->finalize (object);
}

static void
gloss_store_class_init (GlossStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gloss_store_finalize;
}

static void
gloss_store_init (GlossStore *self)
{
  self->lock_timeout = DEFAULT_LOCK_TIMEOUT;
  self->statements = g_hash_table_new_full (NULL, NULL, NULL,
                                            (GDestroyNotify) sqlite3_finalize);
}

sqlite3 *
_gloss_store_get_db (GlossStore *self)
{
  return self->db;
}

sqlite3_stmt *
_gloss_store_prepare (GlossStore  *self,
                      const char  *sql,
                      GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      _gloss_store_set_error_from_db (self, error, _("Cannot prepare a query"));
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

/* SQLite binds NULL where a bind fails (a value too large for SQLite, no
 * memory left) and the statement then fails with a misleading error (a
 * NOT NULL constraint: "already exists"). Text binds go through this;
 * *@rc keeps the first failure, for binds_ok() before the step. */
static void
bind_text (sqlite3_stmt            *stmt,
           int                      index,
           const char              *text,
           gssize                   len,
           sqlite3_destructor_type  destroy,
           int                     *rc)
{
  int r;

  if (text == NULL)
    r = sqlite3_bind_null (stmt, index);
  else
    r = sqlite3_bind_text64 (stmt, index, text, len < 0 ? strlen (text) : (sqlite3_uint64) len,
                             destroy, SQLITE_UTF8);
  if (r != SQLITE_OK && *rc == SQLITE_OK)
    *rc = r;
}

static gboolean
binds_ok (int          rc,
          const char  *what,
          GError     **error)
{
  if (rc == SQLITE_OK)
    return TRUE;
  if (rc == SQLITE_TOOBIG)
    g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID, "%s: %s", what,
                 _("a value is too large for a project"));
  else
    set_error_from_code (error, rc, sqlite3_errstr (rc), what);
  return FALSE;
}

/* Runs a statement that returns no row; on failure, @what heads the error. */
static gboolean
step_done (GlossStore   *self,
           sqlite3_stmt *stmt,
           const char   *what,
           GError      **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _gloss_store_set_error_from_db (self, error, what);
      return FALSE;
    }
  return TRUE;
}

static gboolean
exec (GlossStore  *self,
      const char  *sql,
      GError     **error)
{
  char *msg = NULL;
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, &msg);

  if (rc != SQLITE_OK)
    {
      set_error_from_code (error, rc, msg ? msg : sqlite3_errstr (rc), self->path);
      sqlite3_free (msg);
      return FALSE;
    }
  return TRUE;
}

static gboolean
pragma_int (sqlite3    *db,
            const char *sql,
            int        *value,
            int        *rc_out)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *value = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  if (rc_out)
    *rc_out = rc;
  return rc == SQLITE_OK;
}

/* Opens @filename (a path, or a URI with SQLITE_OPEN_URI) with the
 * hardened settings every connection to a project uses; @path names the
 * project in messages. */
static sqlite3 *
open_connection (const char  *filename,
                 const char  *path,
                 int          flags,
                 GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  /* Locks no close() elsewhere in the process can drop, before any file
   * is opened (gloss-file-locks.c). */
  _gloss_file_locks_install ();
  rc = sqlite3_open_v2 (filename, &db, flags | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_autofree char *display = g_filename_display_name (path);
      set_error_from_code (error, rc, db ? sqlite3_errmsg (db) : sqlite3_errstr (rc), display);
      sqlite3_close_v2 (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);
  /* Every connection waits for a lock another one holds, the read-only
   * look before opening too: a writer closing the file (its last
   * checkpoint) made that look fail at once with "database is locked". */
  sqlite3_busy_timeout (db, BUSY_TIMEOUT);
  /* A project file from someone else may not run code of its own. */
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
  /* Every connection checks that relations and rows name what exists. */
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_FKEY, 1, NULL);
  return db;
}

static sqlite3 *
open_db (const char  *path,
         int          flags,
         GError     **error)
{
  return open_connection (path, path, flags, error);
}

/* Why @path cannot be written, or NULL when it can. A file or folder
 * without any write permission bit was made read-only on purpose, so that
 * counts even where the permissions would let this user write (root). */
static const char *
why_read_only (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  struct stat st;

  if (access (path, W_OK) != 0)
    return errno == EROFS ? _("it is on a read-only file system")
                          : _("its permissions do not allow writing");
  if (stat (path, &st) == 0 && (st.st_mode & 0222) == 0)
    return _("its permissions do not allow writing");
  /* SQLite creates the -wal and -shm beside the project */
  if (access (dir, W_OK) != 0)
    return errno == EROFS ? _("it is on a read-only file system")
                          : _("its folder does not allow writing");
  if (stat (dir, &st) == 0 && (st.st_mode & 0222) == 0)
    return _("its folder does not allow writing");
  return NULL;
}

/* A read-only connection to @path that leaves nothing behind. SQLite
 * creates the -wal and -shm of a WAL project even for a reader, with the
 * project's own permissions: beside a read-only (0444) project those block
 * the next writer once the project is made writable again. When the
 * project cannot be written and nobody has it open (no -wal, no hot
 * -journal), it cannot change while it is read: it is opened immutable,
 * and nothing is created. */
static sqlite3 *
open_reader (const char  *path,
             gboolean     unwritable,
             GError     **error)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  if (unwritable && !g_file_test (wal, G_FILE_TEST_EXISTS) &&
      !g_file_test (journal, G_FILE_TEST_EXISTS))
    {
      g_autofree char *absolute = g_canonicalize_filename (path, NULL);
      g_autofree char *uri = g_filename_to_uri (absolute, NULL, error);
      g_autofree char *immutable = NULL;

      if (uri == NULL)
        return NULL;
      immutable = g_strconcat (uri, "?mode=ro&immutable=1", NULL);
      return open_connection (immutable, path, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, error);
    }
  return open_db (path, SQLITE_OPEN_READONLY, error);
}

/* Writes a consistent copy of what @db reads (the WAL's contents
 * included) to the new file @to. */
static gboolean
copy_into (sqlite3     *db,
           const char  *path,
           const char  *to,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "VACUUM INTO ?1", -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, to, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  if (rc != SQLITE_OK)
    {
      g_autofree char *display = g_filename_display_name (path);
      g_autofree char *to_display = g_filename_display_name (to);
      g_autofree char *what = g_strdup_printf (_("Cannot copy “%s” to “%s”"), display,
                                               to_display);
      set_error_from_code (error, sqlite3_extended_errcode (db), sqlite3_errmsg (db), what);
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_OK;
}

static gboolean
configure (GlossStore  *self,
           GError     **error)
{
  gboolean memory = g_strcmp0 (self->path, ":memory:") == 0;

  if (!exec (self, "PRAGMA synchronous = FULL;", error))
    return FALSE;
  if (!memory && !exec (self, "PRAGMA journal_mode = WAL;", error))
    return FALSE;
  return TRUE;
}

static gboolean
migrate (GlossStore  *self,
         int          from,
         int          to,
         GError     **error)
{
  g_autofree char *set_version = NULL;

  if (from >= to)
    return TRUE;
  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  for (int v = from; v < to; v++)
    {
      if (!exec (self, migrations[v], error))
        {
          g_prefix_error (error, _("Cannot upgrade the project from version %d: "), v);
          exec (self, "ROLLBACK", NULL);
          return FALSE;
        }
    }
  set_version = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                                 GLOSS_STORE_APPLICATION_ID, to);
  if (!exec (self, set_version, error) || !exec (self, "COMMIT", error))
    {
      exec (self, "ROLLBACK", NULL);
      return FALSE;
    }
  return TRUE;
}

static gboolean
create_internal (GlossStore  *self,
                 int          version,
                 const char  *schema_json,
                 GError     **error)
{
  gint64 now = g_get_real_time ();
  g_autofree char *created = _gloss_time_to_iso8601 (now);

  if (!configure (self, error) || !migrate (self, 0, version, error))
    return FALSE;
  if (!gloss_store_set_meta (self, "created", created, error) ||
      !gloss_store_set_meta (self, "generator", "Gloss " PACKAGE_VERSION, error))
    return FALSE;
  if (schema_json != NULL && !gloss_store_set_schema_json (self, schema_json, error))
    return FALSE;
  return TRUE;
}

static gboolean
file_exists_nonempty (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0;
}

GlossStore *
gloss_store_create (const char  *path,
                    const char  *schema_json,
                    GError     **error)
{
  g_autoptr(GlossStore) self = NULL;
  gboolean memory;

  g_return_val_if_fail (path != NULL, NULL);

  memory = strcmp (path, ":memory:") == 0;
  if (!memory && file_exists_nonempty (path))
    {
      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_EXISTS,
                   _("“%s” already exists; choose another file name"), path);
      return NULL;
    }

  self = g_object_new (GLOSS_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->db = open_db (path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error);
  if (self->db == NULL)
    return NULL;
  if (!create_internal (self, GLOSS_STORE_VERSION, schema_json, error))
    {
      g_clear_object (&self);
      if (!memory)
        {
          g_autofree char *wal = g_strconcat (path, "-wal", NULL);
          g_autofree char *shm = g_strconcat (path, "-shm", NULL);
          g_unlink (path);
          g_unlink (wal);
          g_unlink (shm);
        }
      return NULL;
    }
  self->opened_version = GLOSS_STORE_VERSION;
  remember_wal (self);
  return g_steal_pointer (&self);
}

gboolean
_gloss_store_create_at_version (const char  *path,
                                int          version,
                                const char  *schema_json,
                                GError     **error)
{
  g_autoptr(GlossStore) self = NULL;

  g_return_val_if_fail (version >= 1 && version <= GLOSS_STORE_VERSION, FALSE);

  self = g_object_new (GLOSS_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->db = open_db (path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error);
  if (self->db == NULL)
    return FALSE;
  return create_internal (self, version, schema_json, error);
}

/* The tables of a project at @version and the columns each must have. */
static const struct
{
  const char *table;
  int         since;
  const char *columns[16];
} expected_tables[] = {
  { "project", 1, { "key", "value" } },
  { "documents", 1, { "id", "uuid", "name", "text", "sha256", "length", "meta", "created" } },
  { "documents", 2, { "attributes" } },
  { "document_status", 1, { "document", "annotator", "status", "modified" } },
  { "assignments", 3, { "document", "annotator", "modified", "deleted" } },
  { "annotations", 1, { "uuid", "document", "label", "start", "end", "fragments", "attributes",
                        "note", "norm_id", "norm_name", "annotator", "created", "modified",
                        "deleted" } },
  { "annotations", 4, { "provenance" } },
  { "suggestions", 4, { "document", "id", "label", "start", "end", "fragments", "score",
                        "suggester", "attributes", "source", "cue", "state", "modified" } },
  { "relations", 1, { "uuid", "document", "type", "source", "target", "attributes", "annotator",
                      "created", "modified", "deleted" } },
};

/* The file's tables are the ones Gloss made: present, real tables (not
 * views), with their columns, none of them generated (a generated column
 * would make every read return what its expression fabricates). */
static gboolean
check_tables (sqlite3     *db,
              const char  *display,
              int          version,
              GError     **error)
{
  for (guint t = 0; t < G_N_ELEMENTS (expected_tables); t++)
    {
      g_autoptr(GHashTable) columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                             NULL);
      const char *table = expected_tables[t].table;
      g_autofree char *sql = g_strdup_printf ("SELECT name, hidden FROM pragma_table_xinfo('%s') "
                                              "WHERE (SELECT type FROM sqlite_schema "
                                              "WHERE name = '%s') = 'table'", table, table);
      sqlite3_stmt *stmt = NULL;
      g_autofree char *generated = NULL;
      int rc;

      if (expected_tables[t].since > version)
        continue;
      rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
      while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *name = (const char *) sqlite3_column_text (stmt, 0);

          g_hash_table_add (columns, g_strdup (name));
          if (sqlite3_column_int (stmt, 1) != 0 && generated == NULL)
            generated = g_strdup (name);
          rc = SQLITE_OK;
        }
      if (rc != SQLITE_OK && rc != SQLITE_DONE)
        {
          set_error_from_code (error, rc, sqlite3_errmsg (db), display);
          sqlite3_finalize (stmt);
          return FALSE;
        }
      if (generated != NULL)
        {
          g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_CORRUPT,
                       _("“%s” has been altered and is refused: column “%s” of table “%s” is "
                         "computed by an expression instead of holding data"),
                       display, generated, table);
          sqlite3_finalize (stmt);
          return FALSE;
        }
      sqlite3_finalize (stmt);
      if (g_hash_table_size (columns) == 0)
        {
          g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_CORRUPT,
                       _("“%s” is damaged and is refused: its table “%s” is missing or is not a "
                         "table"), display, table);
          return FALSE;
        }
      for (guint c = 0; c < G_N_ELEMENTS (expected_tables[t].columns) &&
                        expected_tables[t].columns[c] != NULL; c++)
        if (!g_hash_table_contains (columns, expected_tables[t].columns[c]))
          {
            g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_CORRUPT,
                         _("“%s” is damaged and is refused: table “%s” has no column “%s”"),
                         display, table, expected_tables[t].columns[c]);
            return FALSE;
          }
    }

  /* The full-text index is a virtual table: its definition names the
   * module, the content table and the tokenizer, so it must be ours to the
   * letter. */
  if (version >= 5)
    {
      sqlite3_stmt *stmt = NULL;
      gboolean ours = FALSE;

      if (sqlite3_prepare_v2 (db, "SELECT sql FROM sqlite_schema WHERE name = 'documents_fts'",
                              -1, &stmt, NULL) == SQLITE_OK &&
          sqlite3_step (stmt) == SQLITE_ROW)
        ours = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0),
                          GLOSS_STORE_FTS_CREATE) == 0;
      sqlite3_finalize (stmt);
      if (!ours)
        {
          g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_CORRUPT,
                       _("“%s” is damaged and is refused: its text index is not Gloss’s"),
                       display);
          return FALSE;
        }
    }
  return TRUE;
}

/* Looks at a file without writing to it: is it ours, whole and not newer?
 * @unwritable: the file cannot be written (the look then leaves nothing
 * behind, see open_reader). @whole: also read every page (quick_check),
 * which a file this process has checked already is spared. */
static gboolean
inspect (const char  *path,
         gboolean     unwritable,
         gboolean     whole,
         int         *version,
         GError     **error)
{
  sqlite3 *db;
  int app_id = 0, rc = SQLITE_OK;
  g_autofree char *display = g_filename_display_name (path);

  db = open_reader (path, unwritable, error);
  if (db == NULL)
    return FALSE;

  if (!pragma_int (db, "PRAGMA application_id", &app_id, &rc))
    {
      if ((rc & 0xff) == SQLITE_NOTADB)
        g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_A_PROJECT,
                     _("“%s” is not a Gloss project (not an SQLite database)"), display);
      else if ((rc & 0xff) == SQLITE_CORRUPT)
        g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_CORRUPT,
                     _("“%s” is damaged and cannot be opened: %s"), display, sqlite3_errstr (rc));
      else
        set_error_from_code (error, rc, sqlite3_errmsg (db), display);
      sqlite3_close_v2 (db);
      return FALSE;
    }
  if (app_id != GLOSS_STORE_APPLICATION_ID)
    {
      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_A_PROJECT,
                   _("“%s” is an SQLite database but not a Gloss project"), display);
      sqlite3_close_v2 (db);
      return FALSE;
    }
  if (!pragma_int (db, "PRAGMA user_version", version, &rc))
    {
      set_error_from_code (error, rc, sqlite3_errmsg (db), display);
      sqlite3_close_v2 (db);
      return FALSE;
    }
  if (*version > GLOSS_STORE_VERSION)
    {
      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_TOO_NEW,
                   _("“%s” was written by a newer version of Gloss (project version %d, "
                     "this Gloss understands up to %d); update Gloss to open it"),
                   display, *version, GLOSS_STORE_VERSION);
      sqlite3_close_v2 (db);
      return FALSE;
    }
  if (*version < 1)
    {
      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_A_PROJECT,
                   _("“%s” is not a complete Gloss project (version %d)"), display, *version);
      sqlite3_close_v2 (db);
      return FALSE;
    }
  if (!check_tables (db, display, *version, error))
    {
      sqlite3_close_v2 (db);
      return FALSE;
    }

  if (!whole)
    {
      sqlite3_close_v2 (db);
      return TRUE;
    }

  {
    sqlite3_stmt *stmt = NULL;
    gboolean ok = FALSE;
    const char *msg = NULL;

    rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check(1)", -1, &stmt, NULL);
    if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
      {
        msg = (const char *) sqlite3_column_text (stmt, 0);
        ok = g_strcmp0 (msg, "ok") == 0;
      }
    if (!ok)
      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged and cannot be opened (%s)"), display,
                   msg ? msg : sqlite3_errmsg (db));
    sqlite3_finalize (stmt);
    sqlite3_close_v2 (db);
    return ok;
  }
}

/* A file name beside @path for the copy kept before upgrading it from
 * @version: "NAME.v1.bak", else "NAME.v1.2.bak", … */
static char *
backup_name (const char *path,
             int         version)
{
  char *name = g_strdup_printf ("%s.v%d.bak", path, version);

  for (guint i = 2; g_file_test (name, G_FILE_TEST_EXISTS); i++)
    {
      g_free (name);
      name = g_strdup_printf ("%s.v%d.%u.bak", path, version, i);
    }
  return name;
}

/* Opens a private copy of the project in a temporary folder (removed when
 * the store is finalized), upgraded: the file itself is never written. */
static gboolean
open_copy (GlossStore  *self,
           gboolean     unwritable,
           int          version,
           GError     **error)
{
  g_autofree char *dir = NULL;
  sqlite3 *reader;
  gboolean copied;

  dir = g_dir_make_tmp ("gloss-read-XXXXXX", error);
  if (dir == NULL)
    return FALSE;
  self->tmp_copy = g_build_filename (dir, "project.gloss", NULL);
  reader = open_reader (self->path, unwritable, error);
  if (reader == NULL)
    return FALSE;
  copied = copy_into (reader, self->path, self->tmp_copy, error);
  sqlite3_close_v2 (reader);
  if (!copied)
    return FALSE;
  self->db = open_db (self->tmp_copy, SQLITE_OPEN_READWRITE, error);
  return self->db != NULL && migrate (self, version, GLOSS_STORE_VERSION, error);
}

/* Opens the store read-only. An older project is read from an upgraded
 * private copy, so that the file itself is never written. */
static gboolean
open_read_only (GlossStore  *self,
                gboolean     unwritable,
                int          version,
                GError     **error)
{
  if (version == GLOSS_STORE_VERSION)
    {
      self->db = open_reader (self->path, unwritable, error);
      return self->db != NULL;
    }
  if (!open_copy (self, unwritable, version, error))
    return FALSE;
  /* read-only from here on, like any other read-only store */
  sqlite3_close_v2 (self->db);
  self->db = open_db (self->tmp_copy, SQLITE_OPEN_READONLY, error);
  return self->db != NULL;
}

/* Keeps a consistent copy of the older project @self is about to
 * upgrade, beside it. */
static gboolean
keep_backup (GlossStore  *self,
             int          version,
             GError     **error)
{
  g_autofree char *backup = backup_name (self->path, version);
  sqlite3 *reader = open_reader (self->path, FALSE, error);
  gboolean ok;

  if (reader == NULL)
    return FALSE;
  ok = copy_into (reader, self->path, backup, error);
  sqlite3_close_v2 (reader);
  if (!ok)
    {
      g_prefix_error (error, _("The project was not upgraded: "));
      g_unlink (backup);
      return FALSE;
    }
  self->backup_path = g_steal_pointer (&backup);
  return TRUE;
}

/* A store for the project at @path, looked at but not opened yet: it is a
 * whole Gloss project, not newer; @unwritable says why it cannot be
 * written (NULL when it can). */
static GlossStore *
store_for_file (const char   *path,
                gboolean      whole,
                const char  **unwritable,
                GError      **error)
{
  GlossStore *self;
  int version = 0;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (path);
      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_FOUND,
                   _("“%s” does not exist"), display);
      return NULL;
    }
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *display = g_filename_display_name (path);
      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_A_PROJECT,
                   _("“%s” is a folder, not a Gloss project"), display);
      return NULL;
    }
  *unwritable = why_read_only (path);
  if (!inspect (path, *unwritable != NULL, whole, &version, error))
    return NULL;
  self = g_object_new (GLOSS_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->opened_version = version;
  return self;
}

GlossStore *
gloss_store_open_full (const char           *path,
                       GlossStoreOpenFlags   flags,
                       GError              **error)
{
  g_autoptr(GlossStore) self = NULL;
  const char *unwritable = NULL;
  int version;

  g_return_val_if_fail (path != NULL, NULL);

  self = store_for_file (path, !(flags & GLOSS_STORE_OPEN_CHECKED), &unwritable, error);
  if (self == NULL)
    return NULL;
  version = self->opened_version;
  if (unwritable != NULL || (flags & GLOSS_STORE_OPEN_READ_ONLY))
    {
      self->read_only = g_strdup (unwritable ? unwritable : _("it was opened for reading only"));
      if (!open_read_only (self, unwritable != NULL, version, error))
        return NULL;
      return g_steal_pointer (&self);
    }

  if (version < GLOSS_STORE_VERSION && !keep_backup (self, version, error))
    return NULL;
  self->db = open_db (path, SQLITE_OPEN_READWRITE, error);
  if (self->db == NULL)
    return NULL;
  if (!configure (self, error) || !migrate (self, version, GLOSS_STORE_VERSION, error))
    return NULL;
  remember_wal (self);
  return g_steal_pointer (&self);
}

GlossStore *
gloss_store_open (const char  *path,
                  GError     **error)
{
  return gloss_store_open_full (path, GLOSS_STORE_OPEN_DEFAULT, error);
}

GlossStore *
_gloss_store_open_private_copy (const char  *path,
                                GError     **error)
{
  g_autoptr(GlossStore) self = NULL;
  const char *unwritable = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = store_for_file (path, TRUE, &unwritable, error);
  if (self == NULL || !open_copy (self, unwritable != NULL, self->opened_version, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
_gloss_store_set_read_only (GlossStore *self,
                            const char *reason)
{
  g_return_if_fail (GLOSS_IS_STORE (self));
  g_free (self->read_only);
  self->read_only = g_strdup (reason);
}

GlossStore *
gloss_store_open_reader (GlossStore  *self,
                         GError     **error)
{
  g_autoptr(GlossStore) reader = NULL;
  const char *file;

  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);

  file = self->tmp_copy != NULL ? self->tmp_copy : self->path;
  if (g_strcmp0 (file, ":memory:") == 0)
    {
      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_FOUND,
                   _("A project in memory has no file to read from another thread"));
      return NULL;
    }
  reader = g_object_new (GLOSS_TYPE_STORE, NULL);
  reader->path = g_strdup (self->path);
  reader->opened_version = GLOSS_STORE_VERSION;
  reader->read_only = g_strdup (_("it was opened for reading only"));
  /* it reads what its store reads, damaged rows left out alike */
  reader->skip_damaged = self->skip_damaged;
  reader->db = open_reader (file, why_read_only (file) != NULL, error);
  if (reader->db == NULL)
    return NULL;
  return g_steal_pointer (&reader);
}

static int
cancelled_cb (void *cancellable)
{
  return g_cancellable_is_cancelled (cancellable);
}

/* @text as an FTS5 query: one phrase (the words in a row), its last word
 * a prefix, so that the filter finds "Pyongyang" from "pyong" while it is
 * typed. Inside a string only '"' is special; it is doubled. */
static char *
fts_phrase_prefix (const char *text)
{
  GString *query = g_string_new ("\"");

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (query, '"');
      g_string_append_c (query, *p);
    }
  g_string_append (query, "\" *");
  return g_string_free (query, FALSE);
}

static gboolean
has_word_char (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

GArray *
gloss_store_filter_documents (GlossStore    *self,
                              const char    *text,
                              GCancellable  *cancellable,
                              GError       **error)
{
  /* The name index covers the LIKE scan (100,000 names in about 20 ms);
   * the texts go through the full-text index. Both in display order. */
  static const char names_sql[] =
    "SELECT id FROM documents WHERE name LIKE ?1 ESCAPE '\\' ORDER BY name, id";
  static const char both_sql[] =
    "SELECT id FROM documents WHERE name LIKE ?1 ESCAPE '\\' OR id IN "
    "(SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?2) ORDER BY name, id";
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) pattern = g_string_new ("%");
  g_autofree char *query = NULL;
  g_autoptr(GlossStmt) stmt = NULL;
  int rc = SQLITE_OK;

  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');

  /* One letter would ask the index for every word that starts with it:
   * the names alone then. */
  if (g_utf8_strlen (text, -1) >= GLOSS_STORE_FILTER_MIN_CHARS && has_word_char (text))
    query = fts_phrase_prefix (text);

  stmt = _gloss_store_prepare (self, query != NULL ? both_sql : names_sql, error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, pattern->str, pattern->len, SQLITE_STATIC, &rc);
  if (query != NULL)
    bind_text (stmt, 2, query, -1, SQLITE_STATIC, &rc);
  if (!binds_ok (rc, _("Cannot search the documents"), error))
    return NULL;
  if (cancellable != NULL)
    sqlite3_progress_handler (self->db, 10000, cancelled_cb, cancellable);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (cancellable != NULL)
    sqlite3_progress_handler (self->db, 0, NULL, NULL);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (rc != SQLITE_DONE)
    {
      _gloss_store_set_error_from_db (self, error, _("Cannot search the documents"));
      return NULL;
    }
  return g_steal_pointer (&ids);
}

void
gloss_store_set_skip_damaged (GlossStore *self,
                              gboolean    skip)
{
  g_return_if_fail (GLOSS_IS_STORE (self));
  self->skip_damaged = !!skip;
}

guint
gloss_store_get_n_skipped (GlossStore *self)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), 0);
  return self->skipped != NULL ? g_hash_table_size (self->skipped) : 0;
}

const char *
gloss_store_get_read_only_reason (GlossStore *self)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);
  return self->read_only;
}

gboolean
gloss_store_is_read_only (GlossStore *self)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  return self->read_only != NULL;
}

const char *
gloss_store_get_backup_path (GlossStore *self)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);
  return self->backup_path;
}

const char *
gloss_store_get_path (GlossStore *self)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);
  return self->path;
}

int
gloss_store_get_opened_version (GlossStore *self)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), 0);
  return self->opened_version;
}

gint64
gloss_store_get_data_version (GlossStore *self)
{
  int version = 0;

  g_return_val_if_fail (GLOSS_IS_STORE (self), 0);
  pragma_int (self->db, "PRAGMA data_version", &version, NULL);
  return version;
}

gboolean
_gloss_store_get_document_digest (GlossStore  *self,
                                  gint64       document_id,
                                  GlossDigest *digest,
                                  GError     **error)
{
  static const char sql[] =
    "SELECT (SELECT count(*) FROM annotations WHERE document = ?1 AND deleted = 0), "
    "  (SELECT sum(modified % " G_STRINGIFY (GLOSS_DIGEST_MODULUS) ") FROM annotations "
    "   WHERE document = ?1 AND deleted = 0), "
    "  (SELECT count(*) FROM relations WHERE document = ?1 AND deleted = 0), "
    "  (SELECT sum(modified % " G_STRINGIFY (GLOSS_DIGEST_MODULUS) ") FROM relations "
    "   WHERE document = ?1 AND deleted = 0)";
  g_autoptr(GlossStmt) stmt = _gloss_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _gloss_store_set_error_from_db (self, error, _("Cannot read the annotations"));
      return FALSE;
    }
  digest->n_annotations = sqlite3_column_int64 (stmt, 0);
  digest->annotations_modified = sqlite3_column_int64 (stmt, 1);
  digest->n_relations = sqlite3_column_int64 (stmt, 2);
  digest->relations_modified = sqlite3_column_int64 (stmt, 3);
  return TRUE;
}

void
gloss_store_set_lock_timeout (GlossStore *self,
                              guint       timeout_ms)
{
  g_return_if_fail (GLOSS_IS_STORE (self));

  self->lock_timeout = timeout_ms;
  sqlite3_busy_timeout (self->db, MIN (timeout_ms, BUSY_TIMEOUT));
}

static char *
wal_path (GlossStore *self)
{
  return g_strconcat (self->path, "-wal", NULL);
}

/* Notes which -wal this connection writes to, once it exists. */
static void
remember_wal (GlossStore *self)
{
  g_autofree char *wal = NULL;
  struct stat st;

  if (self->wal_ino != 0 || g_strcmp0 (self->path, ":memory:") == 0)
    return;
  wal = wal_path (self);
  if (stat (wal, &st) == 0)
    {
      self->wal_dev = st.st_dev;
      self->wal_ino = st.st_ino;
    }
}

/* The -wal is still the file this connection writes to. Nothing but
 * another program can delete or replace it while the connection is open
 * (SQLite removes it only when the last connection anywhere closes), and
 * writing on into a deleted file would lose every edit from here on. */
static gboolean
check_wal (GlossStore  *self,
           GError     **error)
{
  g_autofree char *wal = NULL;
  g_autofree char *display = NULL;
  struct stat st;

  if (!self->journal_lost)
    {
      if (self->wal_ino == 0)
        {
          remember_wal (self);
          return TRUE;
        }
      wal = wal_path (self);
      if (stat (wal, &st) == 0 && st.st_ino == self->wal_ino && st.st_dev == self->wal_dev)
        return TRUE;
      self->journal_lost = TRUE;
      if (self->read_only == NULL)
        self->read_only = g_strdup (_("another program deleted or replaced its journal while "
                                      "Gloss had it open; close it and open it again"));
    }
  if (wal == NULL)
    wal = wal_path (self);
  display = g_filename_display_name (wal);
  g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_JOURNAL_LOST,
               _("Another program deleted or replaced “%s”, the journal of this project, while "
                 "Gloss had it open. Gloss stopped writing to the project so that what is on "
                 "disk stays whole; close the project and open it again"), display);
  return FALSE;
}

gboolean
gloss_store_begin (GlossStore  *self,
                   GError     **error)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);

  if (self->depth == 0)
    {
      gint64 deadline = g_get_monotonic_time () + self->lock_timeout * (gint64) 1000;
      int rc;

      if (self->journal_lost)
        return check_wal (self, error);
      if (self->read_only != NULL)
        {
          g_autofree char *display = g_filename_display_name (self->path);
          g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_READ_ONLY,
                       _("“%s” is open read-only (%s); the change was not saved"), display,
                       self->read_only);
          return FALSE;
        }
      /* The busy handler waits up to BUSY_TIMEOUT for another program's
       * write lock; keep trying until the store's own limit. */
      while ((rc = sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL)) != SQLITE_OK &&
             ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) &&
             g_get_monotonic_time () < deadline)
        g_usleep (20000);
      if (rc != SQLITE_OK)
        {
          if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
            {
              g_autofree char *display = g_filename_display_name (self->path);
              g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_BUSY,
                           _("Another program has been writing to “%s” for %u s; the change "
                             "was not made"), display, (self->lock_timeout + 999) / 1000);
            }
          else
            _gloss_store_set_error_from_db (self, error, _("Cannot start a change"));
          return FALSE;
        }
      if (!check_wal (self, error))
        {
          exec (self, "ROLLBACK", NULL);
          return FALSE;
        }
      self->failed = FALSE;
    }
  self->depth++;
  return TRUE;
}

/* The page cache a transaction may raise to, in KiB: a merge of 200,000 rows
 * into a project of as many dirties about 100 MiB of pages. */
#define MAX_CACHE_KIB (128 * 1024)

void
_gloss_store_reserve_cache (GlossStore *self,
                            gint64      bytes)
{
  int kib = (int) CLAMP (bytes / 1024, 0, MAX_CACHE_KIB);
  g_autofree char *sql = NULL;

  g_return_if_fail (GLOSS_IS_STORE (self));
  g_return_if_fail (self->depth > 0);

  /* SQLite's usual cache is 2 MiB: a small change needs no look */
  if (self->cache_kib == 0 && kib <= 2048)
    return;
  if (self->cache_kib == 0)
    {
      int usual = 0, page_size = 0;

      /* negative: KiB; positive: pages */
      if (!pragma_int (self->db, "PRAGMA cache_size", &usual, NULL) || usual == 0 ||
          !pragma_int (self->db, "PRAGMA page_size", &page_size, NULL))
        return;
      self->cache_kib = self->raised_kib = usual < 0 ? -usual : usual * (page_size / 1024);
      self->usual_cache = usual;
    }
  if (kib <= self->raised_kib)
    return;
  sql = g_strdup_printf ("PRAGMA cache_size = -%d", kib);
  if (exec (self, sql, NULL))
    self->raised_kib = kib;
}

/* At the end of the outermost transaction: the page cache as it was. */
static void
restore_cache (GlossStore *self)
{
  g_autofree char *sql = NULL;

  if (self->cache_kib == 0)
    return;
  if (self->raised_kib > self->cache_kib)
    {
      sql = g_strdup_printf ("PRAGMA cache_size = %d", self->usual_cache);
      exec (self, sql, NULL);
    }
  self->cache_kib = self->raised_kib = 0;
}

gboolean
gloss_store_commit (GlossStore  *self,
                    GError     **error)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (--self->depth > 0)
    return TRUE;
  if (self->failed)
    {
      exec (self, "ROLLBACK", NULL);
      restore_cache (self);
      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_FAILED,
                   _("The change was rolled back"));
      return FALSE;
    }
  if (!exec (self, "COMMIT", error))
    {
      exec (self, "ROLLBACK", NULL);
      restore_cache (self);
      return FALSE;
    }
  restore_cache (self);
  return TRUE;
}

void
gloss_store_rollback (GlossStore *self)
{
  g_return_if_fail (GLOSS_IS_STORE (self));
  g_return_if_fail (self->depth > 0);

  if (--self->depth > 0)
    {
      self->failed = TRUE;
      return;
    }
  exec (self, "ROLLBACK", NULL);
  restore_cache (self);
}

gboolean
_gloss_store_begin_read (GlossStore  *self,
                         GError     **error)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);

  /* deferred: the read lock comes with the first query, and stays */
  return exec (self, "BEGIN", error);
}

void
_gloss_store_end_read (GlossStore *self)
{
  g_return_if_fail (GLOSS_IS_STORE (self));
  g_return_if_fail (self->depth == 0);

  if (!sqlite3_get_autocommit (self->db))
    exec (self, "COMMIT", NULL);
}

gboolean
gloss_store_in_transaction (GlossStore *self)
{
  return self->depth > 0;
}

/* ---- project metadata */

char *
gloss_store_dup_meta (GlossStore *self,
                      const char *key)
{
  static const char sql[] = "SELECT value FROM project WHERE key = ?1";
  g_autoptr(GlossStmt) stmt = _gloss_store_prepare (self, sql, NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  return NULL;
}

gboolean
gloss_store_set_meta (GlossStore  *self,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  static const char sql[] =
    "INSERT INTO project (key, value) VALUES (?1, ?2) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value";
  g_autoptr(GlossStmt) stmt = _gloss_store_prepare (self, sql, error);

  int rc = SQLITE_OK;

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, key, -1, SQLITE_STATIC, &rc);
  bind_text (stmt, 2, value, -1, SQLITE_STATIC, &rc);
  return binds_ok (rc, _("Cannot write the project settings"), error) &&
         step_done (self, stmt, _("Cannot write the project settings"), error);
}

char *
gloss_store_dup_schema_json (GlossStore *self)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);
  return gloss_store_dup_meta (self, "schema");
}

gboolean
gloss_store_set_schema_json (GlossStore  *self,
                             const char  *json,
                             GError     **error)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  return gloss_store_set_meta (self, "schema", json, error);
}

/* ---- documents */

static gboolean
check_text (const char  *text,
            gsize        len,
            GError     **error)
{
  const char *end = NULL;

  if (memchr (text, '\0', len) != NULL)
    {
      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID,
                   _("the text contains NUL bytes (is it a binary file?)"));
      return FALSE;
    }
  if (!g_utf8_validate_len (text, len, &end))
    {
      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID,
                   _("the text is not valid UTF-8 (first bad byte at offset %lu)"),
                   (unsigned long) (end - text));
      return FALSE;
    }
  return TRUE;
}

gint64
gloss_store_insert_document (GlossStore  *self,
                             const char  *uuid,
                             const char  *name,
                             const char  *text,
                             gssize       text_len,
                             const char  *meta_json,
                             const char  *attributes_json,
                             gint64       created,
                             GError     **error)
{
  return _gloss_store_insert_counted_document (self, uuid, name, text, text_len, -1, NULL,
                                               meta_json, attributes_json, created, error);
}

gint64
_gloss_store_insert_counted_document (GlossStore  *self,
                                      const char  *uuid,
                                      const char  *name,
                                      const char  *text,
                                      gssize       text_len,
                                      glong        n_chars,
                                      const char  *sha256,
                                      const char  *meta_json,
                                      const char  *attributes_json,
                                      gint64       created,
                                      GError     **error)
{
  static const char sql[] =
    "INSERT INTO documents (uuid, name, text, sha256, length, meta, attributes, created) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
  static const char fts_sql[] = "INSERT INTO documents_fts (rowid, name, text) VALUES (?1, ?2, ?3)";
  g_autoptr(GlossStmt) stmt = NULL;
  g_autoptr(GlossStmt) stmt_fts = NULL;
  g_autofree char *new_uuid = NULL;
  g_autofree char *sha = NULL;
  int rc = SQLITE_OK;
  gint64 id;
  gsize len;

  g_return_val_if_fail (GLOSS_IS_STORE (self), 0);
  g_return_val_if_fail (name != NULL && text != NULL, 0);

  len = text_len < 0 ? strlen (text) : (gsize) text_len;
  if (len > GLOSS_STORE_MAX_TEXT_SIZE)
    {
      g_autofree char *size = g_format_size (len);
      g_autofree char *limit = g_format_size (GLOSS_STORE_MAX_TEXT_SIZE);

      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID,
                   _("the text is too large (%s; a document holds up to %s)"), size, limit);
      return 0;
    }
  if (!check_text (text, len, error))
    return 0;
  if (*name == '\0')
    {
      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_INVALID,
                   _("a document needs a name"));
      return 0;
    }
  if (uuid == NULL)
    {
      new_uuid = _gloss_uuid_string_random ();
      uuid = new_uuid;
    }
  if (sha256 == NULL)
    sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) text, len);

  stmt = _gloss_store_prepare (self, sql, error);
  if (stmt == NULL)
    return 0;
  bind_text (stmt, 1, uuid, -1, SQLITE_STATIC, &rc);
  bind_text (stmt, 2, name, -1, SQLITE_STATIC, &rc);
  bind_text (stmt, 3, text, len, SQLITE_STATIC, &rc);
  bind_text (stmt, 4, sha256 ? sha256 : sha, -1, SQLITE_STATIC, &rc);
  sqlite3_bind_int64 (stmt, 5, n_chars >= 0 ? n_chars : g_utf8_strlen (text, len));
  bind_text (stmt, 6, meta_json ? meta_json : "{}", -1, SQLITE_STATIC, &rc);
  bind_text (stmt, 7, attributes_json ? attributes_json : "{}", -1, SQLITE_STATIC, &rc);
  sqlite3_bind_int64 (stmt, 8, created ? created : g_get_real_time ());
  if (!binds_ok (rc, _("Cannot add the document"), error))
    return 0;
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      if ((sqlite3_extended_errcode (self->db) & 0xff) == SQLITE_CONSTRAINT)
        g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_CONSTRAINT,
                     _("a document named “%s” or with the same id already exists"), name);
      else
        _gloss_store_set_error_from_db (self, error, _("Cannot add the document"));
      return 0;
    }
  id = sqlite3_last_insert_rowid (self->db);

  /* The index from the same buffers, in the caller's transaction. */
  stmt_fts = _gloss_store_prepare (self, fts_sql, error);
  if (stmt_fts == NULL)
    return 0;
  sqlite3_bind_int64 (stmt_fts, 1, id);
  bind_text (stmt_fts, 2, name, -1, SQLITE_STATIC, &rc);
  bind_text (stmt_fts, 3, text, len, SQLITE_STATIC, &rc);
  if (!binds_ok (rc, _("Cannot add the document"), error))
    return 0;
  if (!step_done (self, stmt_fts, _("Cannot index the document"), error))
    return 0;
  return id;
}

gboolean
_gloss_store_index_document (GlossStore *self,
                             gint64      id,
                             gboolean    add,
                             GError    **error)
{
  /* An external-content index forgets a row by being told what it held:
   * the row as it is still stored, so this comes before a change. */
  static const char add_sql[] =
    "INSERT INTO documents_fts (rowid, name, text) "
    "SELECT id, name, text FROM documents WHERE id = ?1";
  static const char remove_sql[] =
    "INSERT INTO documents_fts (documents_fts, rowid, name, text) "
    "SELECT 'delete', id, name, text FROM documents WHERE id = ?1";
  g_autoptr(GlossStmt) stmt = _gloss_store_prepare (self, add ? add_sql : remove_sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return step_done (self, stmt, _("Cannot index the document"), error);
}

gboolean
_gloss_store_rebuild_index (GlossStore  *self,
                            GError     **error)
{
  return exec (self, "INSERT INTO documents_fts (documents_fts) VALUES ('rebuild')", error);
}

gint64
gloss_store_find_document_by_name (GlossStore *self,
                                   const char *name)
{
  static const char sql[] = "SELECT id FROM documents WHERE name = ?1";
  g_autoptr(GlossStmt) stmt = _gloss_store_prepare (self, sql, NULL);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

gint64
gloss_store_find_document_by_sha256 (GlossStore *self,
                                     const char *sha256)
{
  static const char sql[] = "SELECT id FROM documents WHERE sha256 = ?1 ORDER BY id LIMIT 1";
  g_autoptr(GlossStmt) stmt = _gloss_store_prepare (self, sql, NULL);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

gboolean
gloss_store_set_document_name (GlossStore  *self,
                               gint64       id,
                               const char  *name,
                               GError     **error)
{
  static const char sql[] = "UPDATE documents SET name = ?2 WHERE id = ?1";
  g_autoptr(GlossStmt) stmt = NULL;
  int rc = SQLITE_OK;

  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!_gloss_store_index_document (self, id, FALSE, error))
    return FALSE;
  stmt = _gloss_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  bind_text (stmt, 2, name, -1, SQLITE_STATIC, &rc);
  return binds_ok (rc, _("Cannot rename a document"), error) &&
         step_done (self, stmt, _("Cannot rename a document"), error) &&
         _gloss_store_index_document (self, id, TRUE, error);
}

gboolean
gloss_store_delete_document (GlossStore  *self,
                             gint64       id,
                             GError     **error)
{
  static const char sql[] = "DELETE FROM documents WHERE id = ?1";
  g_autoptr(GlossStmt) stmt = NULL;

  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);

  if (!_gloss_store_index_document (self, id, FALSE, error))
    return FALSE;
  stmt = _gloss_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return step_done (self, stmt, _("Cannot remove a document"), error);
}

char *
gloss_store_dup_unique_name (GlossStore *self,
                             const char *base)
{
  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);

  if (gloss_store_find_document_by_name (self, base) == 0)
    return g_strdup (base);
  for (guint i = 2; ; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s (%u)", base, i);
      if (gloss_store_find_document_by_name (self, name) == 0)
        return g_steal_pointer (&name);
    }
}

guint
gloss_store_count_documents (GlossStore *self)
{
  static const char sql[] = "SELECT count(*) FROM documents";
  g_autoptr(GlossStmt) stmt = _gloss_store_prepare (self, sql, NULL);

  if (stmt == NULL)
    return 0;
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int (stmt, 0) : 0;
}

/* The ids (gint64) in the first column of @stmt's rows, bound already; NULL
 * with @error (@what says what was asked) when a step fails. */
static GArray *
ids_of_rows (GlossStore   *self,
             sqlite3_stmt *stmt,
             const char   *what,
             GError      **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      _gloss_store_set_error_from_db (self, error, what);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

GArray *
gloss_store_list_document_ids (GlossStore *self,
                               GError    **error)
{
  static const char sql[] = "SELECT id FROM documents ORDER BY name, id";
  g_autoptr(GlossStmt) stmt = _gloss_store_prepare (self, sql, error);

  if (stmt == NULL)
    return NULL;
  return ids_of_rows (self, stmt, _("Cannot list the documents"), error);
}

GlossDocument *
gloss_store_load_document (GlossStore  *self,
                           gint64       id,
                           GError     **error)
{
  static const char sql[] =
    "SELECT uuid, name, sha256, length, meta, created, "
    "  (SELECT count(*) FROM annotations WHERE document = ?1 AND deleted = 0) "
    "FROM documents WHERE id = ?1";
  g_autoptr(GlossStmt) stmt = _gloss_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return _gloss_document_new (self, id,
                                (const char *) sqlite3_column_text (stmt, 0),
                                (const char *) sqlite3_column_text (stmt, 1),
                                (const char *) sqlite3_column_text (stmt, 2),
                                sqlite3_column_int (stmt, 3),
                                (const char *) sqlite3_column_text (stmt, 4),
                                sqlite3_column_int64 (stmt, 5),
                                sqlite3_column_int (stmt, 6));
  if (rc == SQLITE_DONE)
    g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_FOUND,
                 _("No document with id %lld"), (long long) id);
  else
    _gloss_store_set_error_from_db (self, error, _("Cannot read a document"));
  return NULL;
}

void
_gloss_store_prefix_damage (GError **error)
{
  g_prefix_error (error, "%s", _("the project is damaged (“gloss-cli validate” lists the damage, "
                                 "“--salvage” leaves it out): "));
}

gboolean
_gloss_store_check_stored_text (const char  *text,
                                gsize        len,
                                const char  *name,
                                GError     **error)
{
  const char *bad = NULL;

  if (text == NULL)
    g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_CORRUPT,
                 _("the text of document “%s” is missing; “gloss-cli validate” lists the "
                   "damage"), name);
  else if ((bad = memchr (text, '\0', len)) != NULL)
    g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_CORRUPT,
                 _("the text of document “%s” is damaged (a NUL byte at byte %" G_GSIZE_FORMAT
                   "); “gloss-cli validate” lists the damage"), name, (gsize) (bad - text));
  else if (!g_utf8_validate_len (text, len, &bad))
    g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_CORRUPT,
                 _("the text of document “%s” is damaged (not UTF-8 at byte %" G_GSIZE_FORMAT
                   "); “gloss-cli validate” lists the damage"), name, (gsize) (bad - text));
  else
    return TRUE;
  return FALSE;
}

char *
gloss_store_dup_document_text (GlossStore  *self,
                               gint64       id,
                               GError     **error)
{
  static const char sql[] = "SELECT text, name FROM documents WHERE id = ?1";
  g_autoptr(GlossStmt) stmt = _gloss_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      /* the bytes as stored: never handed on unless they are a text */
      const char *text = sqlite3_column_blob (stmt, 0);
      gsize len = sqlite3_column_bytes (stmt, 0);

      if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
        text = NULL;
      else if (text == NULL)
        text = "";
      if (!_gloss_store_check_stored_text (text, len,
                                           (const char *) sqlite3_column_text (stmt, 1), error))
        return NULL;
      return g_strndup (text, len);
    }
  if (rc == SQLITE_DONE)
    g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_FOUND,
                 _("No document with id %lld"), (long long) id);
  else
    _gloss_store_set_error_from_db (self, error, _("Cannot read a document"));
  return NULL;
}

typedef GObject *(*RowFunc) (sqlite3_stmt *stmt, GError **error);

/* One row by uuid through @sql, or NULL with NOT_FOUND. */
static GObject *
load_one (GlossStore  *self,
          const char  *sql,
          const char  *uuid,
          RowFunc      row_func,
          const char  *missing,
          const char  *what,
          GError     **error)
{
  g_autoptr(GlossStmt) stmt = _gloss_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return row_func (stmt, error);
  if (rc == SQLITE_DONE)
    {
      /* @missing is one of our own translated "No … %s" strings. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_FOUND, missing, uuid);
#pragma GCC diagnostic pop
    }
  else
    _gloss_store_set_error_from_db (self, error, what);
  return NULL;
}

/* Every row of a document through @sql, in the query's order. */
static GPtrArray *
load_many (GlossStore  *self,
           const char  *sql,
           gint64       document_id,
           RowFunc      row_func,
           const char  *what,
           GError     **error)
{
  g_autoptr(GlossStmt) stmt = _gloss_store_prepare (self, sql, error);
  g_autoptr(GPtrArray) out = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  out = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_bind_int64 (stmt, 1, document_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GError) row_error = NULL;
      GObject *row = row_func (stmt, &row_error);

      if (row == NULL && row_error == NULL)
        row_error = g_error_new_literal (GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_CORRUPT,
                                         _("A row cannot be read"));
      if (row != NULL)
        g_ptr_array_add (out, row);
      else if (self->skip_damaged)
        {
          const char *uuid = (const char *) sqlite3_column_text (stmt, 0);

          if (self->skipped == NULL)
            self->skipped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_add (self->skipped, g_strdup (uuid ? uuid : ""));
          g_debug ("Left out a damaged row: %s", row_error->message);
        }
      else
        {
          _gloss_store_prefix_damage (&row_error);
          g_propagate_error (error, g_steal_pointer (&row_error));
          return NULL;
        }
    }
  if (rc != SQLITE_DONE)
    {
      _gloss_store_set_error_from_db (self, error, what);
      return NULL;
    }
  return g_steal_pointer (&out);
}

/* ---- identity columns, shared by annotations and relations */

/* Binds @id: uuid to ?1, document to ?2, attributes (JSON) to ?@attributes,
 * then annotator, created, modified and deleted from ?@annotator on. */
static void
bind_identity (sqlite3_stmt        *stmt,
               const GlossIdentity *id,
               int                  attributes,
               int                  annotator,
               int                 *rc)
{
  bind_text (stmt, 1, id->uuid, -1, SQLITE_STATIC, rc);
  sqlite3_bind_int64 (stmt, 2, id->document_id);
  bind_text (stmt, attributes, _gloss_attributes_to_json (id->attributes), -1, g_free, rc);
  bind_text (stmt, annotator, id->annotator, -1, SQLITE_STATIC, rc);
  sqlite3_bind_int64 (stmt, annotator + 1, id->created);
  sqlite3_bind_int64 (stmt, annotator + 2, id->modified);
  sqlite3_bind_int (stmt, annotator + 3, id->deleted);
}

/* Reads @id from a row laid out like bind_identity()'s columns, less one
 * (uuid in column 0, document in 1). @what ("annotation %s: ") prefixes an
 * error about the attributes. */
static gboolean
identity_from_row (GlossIdentity  *id,
                   sqlite3_stmt   *stmt,
                   int             attributes,
                   int             annotator,
                   const char     *what,
                   GError        **error)
{
  g_autoptr(GHashTable) attrs = NULL;
  const char *uuid = (const char *) sqlite3_column_text (stmt, 0);
  const char *attrs_json = (const char *) sqlite3_column_text (stmt, attributes);

  if (attrs_json != NULL && strcmp (attrs_json, "{}") != 0)
    {
      attrs = _gloss_attributes_from_json (attrs_json, error);
      if (attrs == NULL && error && *error)
        {
          /* @what is one of our own translated "… %s: " strings. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
          g_prefix_error (error, what, uuid);
#pragma GCC diagnostic pop
          return FALSE;
        }
    }
  _gloss_identity_set_uuid (id, uuid);
  id->document_id = sqlite3_column_int64 (stmt, 1);
  _gloss_identity_set_attributes (id, attrs);
  _gloss_identity_set_annotator (id, (const char *) sqlite3_column_text (stmt, annotator));
  id->created = sqlite3_column_int64 (stmt, annotator + 1);
  id->modified = sqlite3_column_int64 (stmt, annotator + 2);
  id->deleted = !!sqlite3_column_int (stmt, annotator + 3);
  return TRUE;
}

/* Deletes the row @uuid through @sql. */
static gboolean
remove_by_uuid (GlossStore  *self,
                const char  *sql,
                const char  *uuid,
                const char  *what,
                GError     **error)
{
  g_autoptr(GlossStmt) stmt = _gloss_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  return step_done (self, stmt, what, error);
}

/* ---- annotations */

#define ANNOTATION_COLUMNS \
  "uuid, document, label, fragments, attributes, note, norm_id, norm_name, " \
  "annotator, created, modified, deleted, provenance"

/* The provenance column: {"suggester": NAME, "score": S}, or NULL. */
static char *
provenance_to_json (GlossAnnotation *a)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char *suggester;
  double score;

  suggester = gloss_annotation_get_provenance (a, &score);
  if (suggester == NULL)
    return NULL;
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "suggester");
  json_builder_add_string_value (builder, suggester);
  json_builder_set_member_name (builder, "score");
  json_builder_add_double_value (builder, score);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static gboolean
provenance_from_json (const char      *json,
                      GlossAnnotation *a)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  JsonNode *score;

  if (!json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return FALSE;
  object = json_node_get_object (json_parser_get_root (parser));
  score = json_object_get_member (object, "score");
  if (json_object_get_string_member_with_default (object, "suggester", NULL) == NULL ||
      score == NULL || (json_node_get_value_type (score) != G_TYPE_DOUBLE &&
                        json_node_get_value_type (score) != G_TYPE_INT64))
    return FALSE;
  gloss_annotation_set_provenance (a, json_object_get_string_member (object, "suggester"),
                                   json_node_get_double (score));
  return TRUE;
}

static GlossAnnotation *
annotation_from_row (sqlite3_stmt  *stmt,
                     GError       **error)
{
  g_autoptr(GlossAnnotation) a = g_object_new (GLOSS_TYPE_ANNOTATION, NULL);
  g_autoptr(GArray) frags = NULL;

  if (!_gloss_fragments_from_string ((const char *) sqlite3_column_text (stmt, 3), &frags))
    {
      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_CORRUPT,
                   _("annotation %s: unreadable fragments"),
                   (const char *) sqlite3_column_text (stmt, 0));
      return NULL;
    }
  if (!identity_from_row (_gloss_annotation_get_identity (a), stmt, 4, 8,
                          _("annotation %s: "), error))
    return NULL;
  gloss_annotation_set_label (a, (const char *) sqlite3_column_text (stmt, 2));
  gloss_annotation_set_fragments (a, (GlossFragment *) (gpointer) frags->data, frags->len);
  gloss_annotation_set_note (a, (const char *) sqlite3_column_text (stmt, 5));
  gloss_annotation_set_normalisation (a, (const char *) sqlite3_column_text (stmt, 6),
                                      (const char *) sqlite3_column_text (stmt, 7));
  if (sqlite3_column_type (stmt, 12) == SQLITE_TEXT &&
      !provenance_from_json ((const char *) sqlite3_column_text (stmt, 12), a))
    {
      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_CORRUPT,
                   _("annotation %s: unreadable provenance"),
                   (const char *) sqlite3_column_text (stmt, 0));
      return NULL;
    }
  return g_steal_pointer (&a);
}

#define ANNOTATION_INSERT \
  "INSERT INTO annotations (uuid, document, label, start, end, fragments, attributes, note, " \
  "  norm_id, norm_name, annotator, created, modified, deleted, provenance) " \
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) "

/* Runs @sql, ANNOTATION_INSERT and a conflict clause, with @a bound. */
static gboolean
write_annotation (GlossStore       *self,
                  const char       *sql,
                  GlossAnnotation  *a,
                  GError          **error)
{
  g_autoptr(GlossStmt) stmt = NULL;
  const GlossFragment *f;
  int rc = SQLITE_OK;
  guint n;

  stmt = _gloss_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  f = gloss_annotation_get_fragments (a, &n);
  bind_identity (stmt, _gloss_annotation_get_identity (a), 7, 11, &rc);
  bind_text (stmt, 3, gloss_annotation_get_label (a), -1, SQLITE_STATIC, &rc);
  sqlite3_bind_int64 (stmt, 4, gloss_annotation_get_start (a));
  sqlite3_bind_int64 (stmt, 5, gloss_annotation_get_end (a));
  bind_text (stmt, 6, _gloss_fragments_to_string (f, n), -1, g_free, &rc);
  bind_text (stmt, 8, gloss_annotation_get_note (a), -1, SQLITE_STATIC, &rc);
  bind_text (stmt, 9, gloss_annotation_get_norm_id (a), -1, SQLITE_STATIC, &rc);
  bind_text (stmt, 10, gloss_annotation_get_norm_name (a), -1, SQLITE_STATIC, &rc);
  bind_text (stmt, 15, provenance_to_json (a), -1, g_free, &rc);
  return binds_ok (rc, _("Cannot save an annotation"), error) &&
         step_done (self, stmt, _("Cannot save an annotation"), error);
}

gboolean
gloss_store_put_annotation (GlossStore       *self,
                            GlossAnnotation  *a,
                            GError          **error)
{
  static const char sql[] =
    ANNOTATION_INSERT
    "ON CONFLICT (uuid) DO UPDATE SET document = excluded.document, label = excluded.label, "
    "  start = excluded.start, end = excluded.end, fragments = excluded.fragments, "
    "  attributes = excluded.attributes, note = excluded.note, norm_id = excluded.norm_id, "
    "  norm_name = excluded.norm_name, annotator = excluded.annotator, "
    "  created = excluded.created, modified = excluded.modified, deleted = excluded.deleted, "
    "  provenance = excluded.provenance";

  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (a), FALSE);

  return write_annotation (self, sql, a, error);
}

gboolean
_gloss_store_add_annotation (GlossStore       *self,
                             GlossAnnotation  *a,
                             gboolean         *added,
                             GError          **error)
{
  static const char sql[] = ANNOTATION_INSERT "ON CONFLICT (uuid) DO NOTHING";

  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (a), FALSE);

  if (!write_annotation (self, sql, a, error))
    return FALSE;
  *added = sqlite3_changes (self->db) > 0;
  return TRUE;
}

gboolean
gloss_store_remove_annotation (GlossStore  *self,
                               const char  *uuid,
                               GError     **error)
{
  static const char sql[] = "DELETE FROM annotations WHERE uuid = ?1";

  return remove_by_uuid (self, sql, uuid, _("Cannot remove an annotation"), error);
}

GlossAnnotation *
gloss_store_load_annotation (GlossStore  *self,
                             const char  *uuid,
                             GError     **error)
{
  static const char sql[] = "SELECT " ANNOTATION_COLUMNS " FROM annotations WHERE uuid = ?1";

  return (GlossAnnotation *) load_one (self, sql, uuid, (RowFunc) annotation_from_row,
                                       _("No annotation %s"), _("Cannot read an annotation"),
                                       error);
}

GPtrArray *
gloss_store_load_annotations (GlossStore  *self,
                              gint64       document_id,
                              gboolean     include_deleted,
                              GError     **error)
{
  static const char sql_live[] =
    "SELECT " ANNOTATION_COLUMNS " FROM annotations WHERE document = ?1 AND deleted = 0 "
    "ORDER BY start, end, uuid";
  static const char sql_all[] =
    "SELECT " ANNOTATION_COLUMNS " FROM annotations WHERE document = ?1 "
    "ORDER BY start, end, uuid";

  return load_many (self, include_deleted ? sql_all : sql_live, document_id,
                    (RowFunc) annotation_from_row, _("Cannot read the annotations"), error);
}

guint
gloss_store_count_annotations (GlossStore *self,
                               gint64      document_id)
{
  static const char sql[] =
    "SELECT count(*) FROM annotations WHERE document = ?1 AND deleted = 0";
  g_autoptr(GlossStmt) stmt = _gloss_store_prepare (self, sql, NULL);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, document_id);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int (stmt, 0) : 0;
}

/* ---- relations */

#define RELATION_COLUMNS \
  "uuid, document, type, source, target, attributes, annotator, created, modified, deleted"

static GlossRelation *
relation_from_row (sqlite3_stmt  *stmt,
                   GError       **error)
{
  g_autoptr(GlossRelation) r = g_object_new (GLOSS_TYPE_RELATION, NULL);

  if (!identity_from_row (_gloss_relation_get_identity (r), stmt, 5, 6,
                          _("relation %s: "), error))
    return NULL;
  gloss_relation_set_relation_type (r, (const char *) sqlite3_column_text (stmt, 2));
  gloss_relation_set_ends (r, (const char *) sqlite3_column_text (stmt, 3),
                           (const char *) sqlite3_column_text (stmt, 4));
  return g_steal_pointer (&r);
}

#define RELATION_INSERT \
  "INSERT INTO relations (uuid, document, type, source, target, attributes, annotator, " \
  "  created, modified, deleted) " \
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "

/* Runs @sql, RELATION_INSERT and a conflict clause, with @r bound. */
static gboolean
write_relation (GlossStore     *self,
                const char     *sql,
                GlossRelation  *r,
                GError        **error)
{
  g_autoptr(GlossStmt) stmt = NULL;
  int rc = SQLITE_OK;

  stmt = _gloss_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  bind_identity (stmt, _gloss_relation_get_identity (r), 6, 7, &rc);
  bind_text (stmt, 3, gloss_relation_get_relation_type (r), -1, SQLITE_STATIC, &rc);
  bind_text (stmt, 4, gloss_relation_get_source (r), -1, SQLITE_STATIC, &rc);
  bind_text (stmt, 5, gloss_relation_get_target (r), -1, SQLITE_STATIC, &rc);
  return binds_ok (rc, _("Cannot save a relation"), error) &&
         step_done (self, stmt, _("Cannot save a relation"), error);
}

gboolean
gloss_store_put_relation (GlossStore     *self,
                          GlossRelation  *r,
                          GError        **error)
{
  static const char sql[] =
    RELATION_INSERT
    "ON CONFLICT (uuid) DO UPDATE SET document = excluded.document, type = excluded.type, "
    "  source = excluded.source, target = excluded.target, attributes = excluded.attributes, "
    "  annotator = excluded.annotator, created = excluded.created, "
    "  modified = excluded.modified, deleted = excluded.deleted";

  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  g_return_val_if_fail (GLOSS_IS_RELATION (r), FALSE);

  return write_relation (self, sql, r, error);
}

gboolean
_gloss_store_add_relation (GlossStore     *self,
                           GlossRelation  *r,
                           gboolean       *added,
                           GError        **error)
{
  static const char sql[] = RELATION_INSERT "ON CONFLICT (uuid) DO NOTHING";

  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  g_return_val_if_fail (GLOSS_IS_RELATION (r), FALSE);

  if (!write_relation (self, sql, r, error))
    return FALSE;
  *added = sqlite3_changes (self->db) > 0;
  return TRUE;
}

gboolean
gloss_store_remove_relation (GlossStore  *self,
                             const char  *uuid,
                             GError     **error)
{
  static const char sql[] = "DELETE FROM relations WHERE uuid = ?1";

  return remove_by_uuid (self, sql, uuid, _("Cannot remove a relation"), error);
}

GlossRelation *
gloss_store_load_relation (GlossStore  *self,
                           const char  *uuid,
                           GError     **error)
{
  static const char sql[] = "SELECT " RELATION_COLUMNS " FROM relations WHERE uuid = ?1";

  return (GlossRelation *) load_one (self, sql, uuid, (RowFunc) relation_from_row,
                                     _("No relation %s"), _("Cannot read a relation"), error);
}

GPtrArray *
gloss_store_load_relations (GlossStore  *self,
                            gint64       document_id,
                            gboolean     include_deleted,
                            GError     **error)
{
  static const char sql_live[] =
    "SELECT " RELATION_COLUMNS " FROM relations WHERE document = ?1 AND deleted = 0 "
    "ORDER BY created, uuid";
  static const char sql_all[] =
    "SELECT " RELATION_COLUMNS " FROM relations WHERE document = ?1 ORDER BY created, uuid";

  return load_many (self, include_deleted ? sql_all : sql_live, document_id,
                    (RowFunc) relation_from_row, _("Cannot read the relations"), error);
}

/* ---- document status */

gboolean
gloss_store_set_document_status (GlossStore  *self,
                                 gint64       document_id,
                                 const char  *annotator,
                                 int          status,
                                 gint64       modified,
                                 GError     **error)
{
  static const char sql_put[] =
    "INSERT INTO document_status (document, annotator, status, modified) "
    "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (document, annotator) DO UPDATE SET "
    "status = excluded.status, modified = excluded.modified";
  static const char sql_del[] =
    "DELETE FROM document_status WHERE document = ?1 AND annotator = ?2";
  g_autoptr(GlossStmt) stmt = _gloss_store_prepare (self, status < 0 ? sql_del : sql_put, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_text (stmt, 2, annotator, -1, SQLITE_STATIC);
  if (status >= 0)
    {
      sqlite3_bind_int (stmt, 3, status);
      sqlite3_bind_int64 (stmt, 4, modified);
    }
  return step_done (self, stmt, _("Cannot set the document status"), error);
}

gboolean
gloss_store_get_document_status (GlossStore          *self,
                                 gint64               document_id,
                                 const char          *annotator,
                                 GlossDocumentStatus *status,
                                 gint64              *modified)
{
  static const char sql[] =
    "SELECT status, modified FROM document_status WHERE document = ?1 AND annotator = ?2";
  g_autoptr(GlossStmt) stmt = _gloss_store_prepare (self, sql, NULL);

  if (status)
    *status = GLOSS_DOCUMENT_STATUS_NEW;
  if (modified)
    *modified = 0;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_text (stmt, 2, annotator, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  if (status)
    *status = CLAMP (sqlite3_column_int (stmt, 0), 0, GLOSS_DOCUMENT_STATUS_DONE);
  if (modified)
    *modified = sqlite3_column_int64 (stmt, 1);
  return TRUE;
}

GHashTable *
gloss_store_dup_document_statuses (GlossStore *self,
                                   gint64      document_id)
{
  static const char sql[] =
    "SELECT annotator, status FROM document_status WHERE document = ?1 ORDER BY annotator";
  g_autoptr(GlossStmt) stmt = _gloss_store_prepare (self, sql, NULL);
  GHashTable *out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (stmt == NULL)
    return out;
  sqlite3_bind_int64 (stmt, 1, document_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (out, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         GINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
  return out;
}

gboolean
gloss_store_check_integrity (GlossStore  *self,
                             GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  GString *problems = g_string_new (NULL);
  int rc;

  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check", -1, &stmt, NULL);
  while (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *msg = (const char *) sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (msg, "ok") != 0)
        g_string_append_printf (problems, "%s%s", problems->len ? "; " : "", msg);
    }
  sqlite3_finalize (stmt);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_prepare_v2 (self->db, "PRAGMA foreign_key_check", -1, &stmt, NULL);
      while (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
        g_string_append_printf (problems, "%sdangling reference in %s row %lld",
                                problems->len ? "; " : "",
                                sqlite3_column_text (stmt, 0),
                                (long long) sqlite3_column_int64 (stmt, 1));
      sqlite3_finalize (stmt);
    }
  if (rc != SQLITE_OK)
    {
      g_string_free (problems, TRUE);
      _gloss_store_set_error_from_db (self, error, _("Cannot check the project"));
      return FALSE;
    }
  if (problems->len > 0)
    {
      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_CORRUPT,
                   _("The project is damaged: %s"), problems->str);
      g_string_free (problems, TRUE);
      return FALSE;
    }
  g_string_free (problems, TRUE);
  return TRUE;
}

/* ---- what the faces ask of a project */

static guint64
count_of (GlossStore *self,
          const char *sql)
{
  g_autoptr(GlossStmt) stmt = _gloss_store_prepare (self, sql, NULL);

  if (stmt == NULL)
    return 0;
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

void
gloss_store_get_counts (GlossStore       *self,
                        GlossStoreCounts *counts)
{
  g_return_if_fail (GLOSS_IS_STORE (self));
  g_return_if_fail (counts != NULL);

  counts->n_documents = count_of (self, "SELECT count(*) FROM documents");
  counts->n_annotations = count_of (self, "SELECT count(*) FROM annotations WHERE deleted = 0");
  counts->n_relations = count_of (self, "SELECT count(*) FROM relations WHERE deleted = 0");
  counts->n_annotators = count_of (self, "SELECT count(*) FROM (SELECT annotator FROM annotations "
                                         "WHERE deleted = 0 UNION SELECT annotator FROM relations "
                                         "WHERE deleted = 0 UNION SELECT annotator "
                                         "FROM document_status)");
}

GPtrArray *
gloss_store_dup_annotators (GlossStore  *self,
                            GError     **error)
{
  static const char sql[] =
    "SELECT DISTINCT annotator FROM annotations WHERE deleted = 0 AND annotator != '' "
    "ORDER BY annotator";
  g_autoptr(GlossStmt) stmt = NULL;
  g_autoptr(GPtrArray) annotators = NULL;
  int rc;

  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);

  stmt = _gloss_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  annotators = g_ptr_array_new_with_free_func (g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (annotators, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      _gloss_store_set_error_from_db (self, error, _("Cannot list the annotators"));
      return NULL;
    }
  return g_steal_pointer (&annotators);
}

GHashTable *
gloss_store_tally (GlossStore     *self,
                   GlossStoreTally by,
                   GError        **error)
{
  static const char * const sql[] = {
    [GLOSS_STORE_TALLY_LABELS] =
      "SELECT label, count(*) FROM annotations WHERE deleted = 0 GROUP BY label",
    [GLOSS_STORE_TALLY_ANNOTATORS] =
      "SELECT annotator, count(*) FROM annotations WHERE deleted = 0 GROUP BY annotator",
    [GLOSS_STORE_TALLY_RELATION_TYPES] =
      "SELECT type, count(*) FROM relations WHERE deleted = 0 GROUP BY type",
  };
  g_autoptr(GlossStmt) stmt = NULL;
  g_autoptr(GHashTable) tally = NULL;
  int rc;

  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);
  g_return_val_if_fail ((guint) by < G_N_ELEMENTS (sql), NULL);

  stmt = _gloss_store_prepare (self, sql[by], error);
  if (stmt == NULL)
    return NULL;
  tally = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (tally, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         GUINT_TO_POINTER ((guint) sqlite3_column_int64 (stmt, 1)));
  if (rc != SQLITE_DONE)
    {
      _gloss_store_set_error_from_db (self, error, _("Cannot count the annotations"));
      return NULL;
    }
  return g_steal_pointer (&tally);
}

GArray *
gloss_store_list_annotated_documents (GlossStore  *self,
                                      GError     **error)
{
  static const char sql[] =
    "SELECT id FROM documents d WHERE EXISTS "
    "(SELECT 1 FROM annotations a WHERE a.document = d.id AND a.deleted = 0) ORDER BY name, id";
  g_autoptr(GlossStmt) stmt = NULL;

  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);

  stmt = _gloss_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  return ids_of_rows (self, stmt, _("Cannot list the documents"), error);
}

guint
gloss_store_count_annotated_documents (GlossStore *self,
                                       guint       limit)
{
  /* DISTINCT over the (document, start, end) index stops at @limit: a
   * look, not a count of every annotation. */
  static const char sql[] =
    "SELECT count(*) FROM (SELECT DISTINCT document FROM annotations WHERE deleted = 0 "
    "LIMIT ?1)";
  g_autoptr(GlossStmt) stmt = NULL;

  g_return_val_if_fail (GLOSS_IS_STORE (self), 0);

  stmt = _gloss_store_prepare (self, sql, NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, limit);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int (stmt, 0) : 0;
}

guint
gloss_store_count_label_uses (GlossStore *self,
                              const char *label,
                              guint      *n_documents)
{
  static const char sql[] =
    "SELECT count(*), count(DISTINCT document) FROM annotations WHERE label = ?1 AND deleted = 0";
  g_autoptr(GlossStmt) stmt = NULL;
  guint n = 0;

  g_return_val_if_fail (GLOSS_IS_STORE (self), 0);
  g_return_val_if_fail (label != NULL, 0);

  if (n_documents != NULL)
    *n_documents = 0;
  stmt = _gloss_store_prepare (self, sql, NULL);
  if (stmt == NULL)
    return 0;
  bind_text (stmt, 1, label, -1, SQLITE_STATIC, &(int) { SQLITE_OK });
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      n = sqlite3_column_int (stmt, 0);
      if (n_documents != NULL)
        *n_documents = sqlite3_column_int (stmt, 1);
    }
  return n;
}

GArray *
gloss_store_list_documents_with_label (GlossStore  *self,
                                       const char  *label,
                                       GError     **error)
{
  static const char sql[] =
    "SELECT DISTINCT document FROM annotations WHERE label = ?1 AND deleted = 0 ORDER BY document";
  g_autoptr(GlossStmt) stmt = NULL;

  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);
  g_return_val_if_fail (label != NULL, NULL);

  stmt = _gloss_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, label, -1, SQLITE_STATIC, &(int) { SQLITE_OK });
  return ids_of_rows (self, stmt, _("Could not list the documents using a label"), error);
}

guint
gloss_store_count_relation_type_uses (GlossStore *self,
                                      const char *type)
{
  static const char sql[] = "SELECT count(*) FROM relations WHERE type = ?1 AND deleted = 0";
  g_autoptr(GlossStmt) stmt = NULL;

  g_return_val_if_fail (GLOSS_IS_STORE (self), 0);
  g_return_val_if_fail (type != NULL, 0);

  stmt = _gloss_store_prepare (self, sql, NULL);
  if (stmt == NULL)
    return 0;
  bind_text (stmt, 1, type, -1, SQLITE_STATIC, &(int) { SQLITE_OK });
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int (stmt, 0) : 0;
}

GHashTable *
gloss_store_find_documents_with_status (GlossStore          *self,
                                        const char          *annotator,
                                        GlossDocumentStatus  status,
                                        gboolean             other)
{
  static const char sql_is[] =
    "SELECT document FROM document_status WHERE annotator = ?1 AND status = ?2";
  static const char sql_other[] =
    "SELECT document FROM document_status WHERE annotator = ?1 AND status != ?2";
  GHashTable *ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GlossStmt) stmt = NULL;

  g_return_val_if_fail (GLOSS_IS_STORE (self), ids);

  stmt = _gloss_store_prepare (self, other ? sql_other : sql_is, NULL);
  if (stmt == NULL)
    return ids;
  bind_text (stmt, 1, annotator ? annotator : "", -1, SQLITE_STATIC, &(int) { SQLITE_OK });
  sqlite3_bind_int (stmt, 2, status);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (ids, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) },
                                      sizeof (gint64)));
  return ids;
}

