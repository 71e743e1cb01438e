/* gloss-store-private.h
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "gloss-store.h"

G_BEGIN_DECLS

sqlite3    *_gloss_store_get_db                (GlossStore  *self);
/* Writes a new project at an older schema @version without migrating it
 * (for migration tests). */
gboolean    _gloss_store_create_at_version     (const char  *path,
                                                int          version,
                                                const char  *schema_json,
                                                GError     **error);
/* A writable private copy of the project at @path (upgraded when older),
 * removed with the store; the file itself is never written. */
GlossStore *_gloss_store_open_private_copy     (const char  *path,
                                                GError     **error);
/* From now on every write is refused, saying @reason. */
void        _gloss_store_set_read_only         (GlossStore  *self,
                                                const char  *reason);
/* A cached prepared statement, reset; NULL with @error on failure. */
sqlite3_stmt *_gloss_store_prepare             (GlossStore  *self,
                                                const char  *sql,
                                                GError     **error);
void        _gloss_store_set_error_from_db     (GlossStore  *self,
                                                GError     **error,
                                                const char  *what);

/* Says that the error met in a row is damage, and what to do about it. */
void        _gloss_store_prefix_damage         (GError     **error);
/* TRUE when @text (@len bytes, as stored) is a document text: present,
 * UTF-8, without NUL; else GLOSS_STORE_ERROR_CORRUPT naming document @name. */
gboolean    _gloss_store_check_stored_text     (const char  *text,
                                                gsize        len,
                                                const char  *name,
                                                GError     **error);

/* What a document's live rows add up to: equal digests from the store and
 * from an open annotation list mean the list shows what is stored (every
 * change of a row sets its modification time). */
#define GLOSS_DIGEST_MODULUS 1000000007
typedef struct
{
  gint64 n_annotations;
  gint64 annotations_modified;   /* sum of (modified % GLOSS_DIGEST_MODULUS) */
  gint64 n_relations;
  gint64 relations_modified;
} GlossDigest;

gboolean    _gloss_store_get_document_digest   (GlossStore  *self,
                                                gint64       document_id,
                                                GlossDigest *digest,
                                                GError     **error);

typedef sqlite3_stmt GlossStmt;
static inline void
_gloss_stmt_release (GlossStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossStmt, _gloss_stmt_release)

/* Adds document @id's stored name and text to the full-text index, or
 * (@add FALSE) takes them out: before the row changes or goes, since the
 * index forgets what it is told the row held. Inside a transaction. */
gboolean    _gloss_store_index_document        (GlossStore  *self,
                                                gint64       id,
                                                gboolean     add,
                                                GError     **error);
/* Builds the full-text index again from every document. */
gboolean    _gloss_store_rebuild_index         (GlossStore  *self,
                                                GError     **error);

/* gloss_store_insert_document () of a text whose @n_chars code points the
 * caller counted already (-1: not counted), and whose SHA-256 (hex) it may
 * have computed already (NULL: not computed), on another thread. */
gint64      _gloss_store_insert_counted_document (GlossStore  *self,
                                                  const char  *uuid,
                                                  const char  *name,
                                                  const char  *text,
                                                  gssize       text_len,
                                                  glong        n_chars,
                                                  const char  *sha256,
                                                  const char  *meta_json,
                                                  const char  *attributes_json,
                                                  gint64       created,
                                                  GError     **error);

/* Inside a transaction: lets SQLite's page cache grow to about @bytes
 * (up to 128 MiB) until the transaction ends, so that a large one keeps the
 * pages of the indexes it writes at random instead of writing them out and
 * reading them back; commit and rollback give back the usual size. */
void        _gloss_store_reserve_cache         (GlossStore       *self,
                                                gint64            bytes);

/* A read transaction, outside any change: every query until
 * _gloss_store_end_read() sees the file as it was at the first one, and the
 * locks are taken once instead of by each query. For a reader of many small
 * queries (a merge reads its source a document at a time). */
gboolean    _gloss_store_begin_read            (GlossStore       *self,
                                                GError          **error);
void        _gloss_store_end_read              (GlossStore       *self);

/* Writes @a (@r) when no row has its uuid, and says in *@added whether it
 * did; a row that is there is left as it is. One lookup where a load and a
 * put take two: for the many rows a change set writes that are new. */
gboolean    _gloss_store_add_annotation        (GlossStore       *self,
                                                GlossAnnotation  *a,
                                                gboolean         *added,
                                                GError          **error);
gboolean    _gloss_store_add_relation          (GlossStore       *self,
                                                GlossRelation    *r,
                                                gboolean         *added,
                                                GError          **error);

/* The state of kept suggestion @id of @document_id (gloss-suggest.c):
 * set writes only a row that is there; get fills -1 and 0 when none. */
gboolean    _gloss_store_set_suggestion_state  (GlossStore  *self,
                                                gint64       document_id,
                                                const char  *id,
                                                int          state,
                                                gint64       modified,
                                                GError     **error);
gboolean    _gloss_store_get_suggestion_state  (GlossStore  *self,
                                                gint64       document_id,
                                                const char  *id,
                                                int         *state,
                                                gint64      *modified);

G_END_DECLS
