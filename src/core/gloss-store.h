/* gloss-store.h: the SQLite project file
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gloss-types.h"

G_BEGIN_DECLS

#define GLOSS_STORE_ERROR (gloss_store_error_quark ())

typedef enum
{
  GLOSS_STORE_ERROR_NOT_A_PROJECT,   /* not SQLite, or SQLite but not ours */
  GLOSS_STORE_ERROR_CORRUPT,         /* integrity check failed */
  GLOSS_STORE_ERROR_TOO_NEW,         /* written by a newer Gloss */
  GLOSS_STORE_ERROR_EXISTS,          /* create over an existing file */
  GLOSS_STORE_ERROR_NOT_FOUND,       /* no such file, document, annotation */
  GLOSS_STORE_ERROR_CONSTRAINT,      /* a duplicate name or uuid, a dangling reference */
  GLOSS_STORE_ERROR_INVALID,         /* invalid input (text not UTF-8, NUL bytes, ...) */
  GLOSS_STORE_ERROR_FAILED,          /* any other SQLite failure (I/O, disk full) */
  GLOSS_STORE_ERROR_BUSY,            /* another program held the write lock too long */
  GLOSS_STORE_ERROR_JOURNAL_LOST,    /* the -wal was deleted or replaced under the store */
  GLOSS_STORE_ERROR_READ_ONLY,       /* a write to a store open read-only */
  GLOSS_STORE_ERROR_DISK_FULL,       /* no room left on the disk */
} GlossStoreError;

GQuark gloss_store_error_quark (void);

/* 'Glos' */
#define GLOSS_STORE_APPLICATION_ID 0x476c6f73
/* The largest document text a project takes, in bytes. */
#define GLOSS_STORE_MAX_TEXT_SIZE (G_GUINT64_CONSTANT (256) * 1000 * 1000)
/* The schema version this build writes; older files are migrated forward. */
#define GLOSS_STORE_VERSION 5

#define GLOSS_TYPE_STORE (gloss_store_get_type ())
G_DECLARE_FINAL_TYPE (GlossStore, gloss_store, GLOSS, STORE, GObject)

typedef enum
{
  GLOSS_STORE_OPEN_DEFAULT   = 0,       /* for editing, read-only if it cannot be written */
  GLOSS_STORE_OPEN_READ_ONLY = 1 << 0,  /* for reading: the file is never written */
  /* this process opened the file a moment ago and checked it whole: no
   * second read of every page (a worker thread's own connection) */
  GLOSS_STORE_OPEN_CHECKED   = 1 << 1,
} GlossStoreOpenFlags;

/* One connection; use one GlossStore per thread. @path may be ":memory:".
 * create refuses an existing file; open refuses a missing file, a file that
 * is not a Gloss project, a corrupted one and one of a newer version, and
 * leaves such a file untouched. */
GlossStore    *gloss_store_create                (const char           *path,
                                                  const char           *schema_json,
                                                  GError              **error);
GlossStore    *gloss_store_open                  (const char           *path,
                                                  GError              **error);
/* Opening for editing upgrades an older project in place, after keeping a
 * consistent copy of it beside it ("NAME.v1.bak", see get_backup_path). A
 * project that cannot be written (its permissions, its folder's, a
 * read-only file system) opens read-only instead, saying why. Opening
 * read-only never writes to the file, never upgrades it (an older project
 * is read from an upgraded private copy) and leaves no -wal or -shm behind
 * a project that cannot be written. */
GlossStore    *gloss_store_open_full             (const char           *path,
                                                  GlossStoreOpenFlags   flags,
                                                  GError              **error);
/* NULL when the store can write; else why not (translated, e.g. "its
 * permissions do not allow writing"). Every write of a read-only store
 * fails with GLOSS_STORE_ERROR_READ_ONLY. */
const char    *gloss_store_get_read_only_reason  (GlossStore           *self);
gboolean       gloss_store_is_read_only          (GlossStore           *self);
/* Another read-only connection to the file @self has open, for a worker
 * thread: the same hardened settings as every connection, none of the
 * checks opening made. */
GlossStore    *gloss_store_open_reader           (GlossStore           *self,
                                                  GError              **error);
/* The document list's filter: the ids (gint64), in display order, of the
 * documents whose name contains @text (ignoring ASCII case) or whose name
 * or text holds @text's words in a row, the last one as a prefix (ignoring
 * case and diacritics; from GLOSS_STORE_FILTER_MIN_CHARS characters on).
 * Cancellable from another thread (then NULL with G_IO_ERROR_CANCELLED). */
#define GLOSS_STORE_FILTER_MIN_CHARS 2
GArray        *gloss_store_filter_documents      (GlossStore           *self,
                                                  const char           *text,
                                                  GCancellable         *cancellable,
                                                  GError              **error);
/* With @skip, loading a document's annotations or relations leaves out the
 * rows that cannot be read (damaged values) instead of failing; get_n_skipped
 * counts the different rows left out so far. The window opens the rest of a
 * damaged project. */
void           gloss_store_set_skip_damaged      (GlossStore           *self,
                                                  gboolean              skip);
guint          gloss_store_get_n_skipped         (GlossStore           *self);
/* The copy kept before opening upgraded the file, or NULL. */
const char    *gloss_store_get_backup_path       (GlossStore           *self);
const char    *gloss_store_get_path              (GlossStore           *self);
/* The user_version the file had when opened (before migration). */
int            gloss_store_get_opened_version    (GlossStore           *self);

/* SQLite's PRAGMA data_version: it changes when another connection (another
 * program, another thread's store) commits to the project. */
gint64         gloss_store_get_data_version      (GlossStore           *self);

/* How long a write waits for another program's write lock before it
 * fails with GLOSS_STORE_ERROR_BUSY (default 60 s). */
void           gloss_store_set_lock_timeout      (GlossStore           *self,
                                                  guint                 timeout_ms);

/* Transactions nest: only the outermost begin/commit reach SQLite
 * (BEGIN IMMEDIATE ... COMMIT). A rollback at any depth rolls back the
 * whole outermost transaction once the depth returns to zero. The outermost
 * begin also checks that the project's -wal is still the file the store
 * opened: when another program deleted or replaced it, the store writes
 * nothing more, and every begin fails with GLOSS_STORE_ERROR_JOURNAL_LOST
 * naming the file. */
gboolean       gloss_store_begin                 (GlossStore           *self,
                                                  GError              **error);
gboolean       gloss_store_commit                (GlossStore           *self,
                                                  GError              **error);
void           gloss_store_rollback              (GlossStore           *self);
gboolean       gloss_store_in_transaction        (GlossStore           *self);

/* Project metadata */
char          *gloss_store_dup_schema_json       (GlossStore           *self);
gboolean       gloss_store_set_schema_json       (GlossStore           *self,
                                                  const char           *json,
                                                  GError              **error);
char          *gloss_store_dup_meta              (GlossStore           *self,
                                                  const char           *key);
gboolean       gloss_store_set_meta              (GlossStore           *self,
                                                  const char           *key,
                                                  const char           *value,
                                                  GError              **error);

/* Documents. The text must be valid UTF-8 without NUL. meta_json and
 * attributes_json are JSON objects (NULL = {}). @uuid NULL = a new one,
 * @created 0 = now. Returns the new row id, or 0 with @error set. */
gint64         gloss_store_insert_document       (GlossStore           *self,
                                                  const char           *uuid,
                                                  const char           *name,
                                                  const char           *text,
                                                  gssize                text_len,
                                                  const char           *meta_json,
                                                  const char           *attributes_json,
                                                  gint64                created,
                                                  GError              **error);
/* @base, or "@base (2)", "@base (3)" ... whichever is free. */
char          *gloss_store_dup_unique_name       (GlossStore           *self,
                                                  const char           *base);
guint          gloss_store_count_documents       (GlossStore           *self);
/* Document ids in display order (by name, then id). */
GArray        *gloss_store_list_document_ids     (GlossStore           *self,
                                                  GError              **error);
GlossDocument *gloss_store_load_document         (GlossStore           *self,
                                                  gint64                id,
                                                  GError              **error);
/* The text as stored; GLOSS_STORE_ERROR_CORRUPT when it is missing, holds
 * a NUL byte or is not UTF-8 (damage never reaches a reader). */
char          *gloss_store_dup_document_text     (GlossStore           *self,
                                                  gint64                id,
                                                  GError              **error);
gint64         gloss_store_find_document_by_name (GlossStore           *self,
                                                  const char           *name);
gint64         gloss_store_find_document_by_sha256 (GlossStore         *self,
                                                    const char         *sha256);
/* Names are unique: GLOSS_STORE_ERROR_CONSTRAINT when @name is taken. */
gboolean       gloss_store_set_document_name     (GlossStore           *self,
                                                  gint64                id,
                                                  const char           *name,
                                                  GError              **error);
/* The document and every row in it. */
gboolean       gloss_store_delete_document       (GlossStore           *self,
                                                  gint64                id,
                                                  GError              **error);

/* Annotations and relations: upsert a whole snapshot (the row as the object
 * says, tombstone included), remove a row, load. */
gboolean       gloss_store_put_annotation        (GlossStore           *self,
                                                  GlossAnnotation      *annotation,
                                                  GError              **error);
gboolean       gloss_store_remove_annotation     (GlossStore           *self,
                                                  const char           *uuid,
                                                  GError              **error);
GlossAnnotation *gloss_store_load_annotation     (GlossStore           *self,
                                                  const char           *uuid,
                                                  GError              **error);
/* GPtrArray of GlossAnnotation in (start, end, uuid) order. */
GPtrArray     *gloss_store_load_annotations      (GlossStore           *self,
                                                  gint64                document_id,
                                                  gboolean              include_deleted,
                                                  GError              **error);
guint          gloss_store_count_annotations     (GlossStore           *self,
                                                  gint64                document_id);
gboolean       gloss_store_put_relation          (GlossStore           *self,
                                                  GlossRelation        *relation,
                                                  GError              **error);
gboolean       gloss_store_remove_relation       (GlossStore           *self,
                                                  const char           *uuid,
                                                  GError              **error);
GlossRelation *gloss_store_load_relation         (GlossStore           *self,
                                                  const char           *uuid,
                                                  GError              **error);
GPtrArray     *gloss_store_load_relations        (GlossStore           *self,
                                                  gint64                document_id,
                                                  gboolean              include_deleted,
                                                  GError              **error);

/* Per-annotator document status. @status < 0 removes the row. */
gboolean       gloss_store_set_document_status   (GlossStore           *self,
                                                  gint64                document_id,
                                                  const char           *annotator,
                                                  int                   status,
                                                  gint64                modified,
                                                  GError              **error);
/* Returns FALSE when there is no row (then @status is NEW, @modified 0). */
gboolean       gloss_store_get_document_status   (GlossStore           *self,
                                                  gint64                document_id,
                                                  const char           *annotator,
                                                  GlossDocumentStatus  *status,
                                                  gint64               *modified);
/* annotator (char*) -> GINT_TO_POINTER (status) */
GHashTable    *gloss_store_dup_document_statuses (GlossStore           *self,
                                                  gint64                document_id);

/* ---- what the faces ask of a project (the app and gloss-cli run no SQL) */

typedef struct
{
  guint64 n_documents;
  guint64 n_annotations;   /* live ones */
  guint64 n_relations;     /* live ones */
  guint64 n_annotators;    /* names on live annotations, relations and statuses */
} GlossStoreCounts;

void           gloss_store_get_counts            (GlossStore           *self,
                                                  GlossStoreCounts     *counts);
/* The annotators of live annotations, sorted, without the empty name. */
GPtrArray     *gloss_store_dup_annotators        (GlossStore           *self,
                                                  GError              **error);
/* What gloss_store_tally() counts live rows by. */
typedef enum
{
  GLOSS_STORE_TALLY_LABELS,         /* annotations per label */
  GLOSS_STORE_TALLY_ANNOTATORS,     /* annotations per annotator */
  GLOSS_STORE_TALLY_RELATION_TYPES, /* relations per type */
} GlossStoreTally;

/* Live rows counted by @by, in SQL (no row is read into an object): a new
 * table of char * (owned) to GUINT_TO_POINTER (count), or NULL with @error. */
GHashTable    *gloss_store_tally (GlossStore     *self,
                                  GlossStoreTally by,
                                  GError        **error);
/* The ids (gint64), in display order, of the documents that hold live
 * annotations (what learns from a project need not read the others). */
GArray        *gloss_store_list_annotated_documents (GlossStore        *self,
                                                     GError           **error);
/* How many documents hold live annotations, counting up to @limit. */
guint          gloss_store_count_annotated_documents (GlossStore       *self,
                                                      guint             limit);
/* Live annotations with @label, and how many documents hold them. */
guint          gloss_store_count_label_uses      (GlossStore           *self,
                                                  const char           *label,
                                                  guint                *n_documents);
/* The ids (gint64) of the documents with live annotations of @label. */
GArray        *gloss_store_list_documents_with_label (GlossStore       *self,
                                                      const char       *label,
                                                      GError          **error);
/* Live relations of @type. */
guint          gloss_store_count_relation_type_uses (GlossStore        *self,
                                                     const char        *type);
/* The ids (a set of gint64 *) of the documents whose status for @annotator
 * is @status, or with @other, is anything but @status (a document without
 * a status is new). */
GHashTable    *gloss_store_find_documents_with_status (GlossStore         *self,
                                                       const char         *annotator,
                                                       GlossDocumentStatus status,
                                                       gboolean            other);

/* Checks: PRAGMA integrity_check (TRUE when "ok"). */
gboolean       gloss_store_check_integrity       (GlossStore           *self,
                                                  GError              **error);

G_END_DECLS
