/* core-test-util.h: helpers shared by the core units (header only)
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "gloss.h"
#include "gloss-store-private.h"

/* A fresh file path inside the per-test isolated directory (the test runs
 * with G_TEST_OPTION_ISOLATE_DIRS, so the directory goes away with it). */
static inline char *
test_path (const char *name)
{
  const char *dir = g_get_user_data_dir ();

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, name, NULL);
}

/* SHA-256 of a file's bytes, or NULL when it cannot be read. */
static inline char *
test_file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

static inline sqlite3 *
test_raw_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);
  return db;
}

static inline void
test_raw_exec (sqlite3    *db,
               const char *sql)
{
  char *msg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("SQL failed: %s\n%s", msg, sql);
}

static inline gint64
test_raw_int (sqlite3    *db,
              const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static inline char *
test_raw_text (sqlite3    *db,
               const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

/* The whole content of the store as text: every table of sqlite_schema,
 * every row in primary key order, every column. The full-text index is
 * left out like SQLite's own indexes: its pages hold how it got there (an
 * undone import leaves deletion marks), and test-fts.c checks what it says. */
static inline char *
test_dump_store (sqlite3 *db)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT name FROM sqlite_schema WHERE type = 'table' "
                                       "AND name NOT LIKE 'sqlite_%' "
                                       "AND name NOT LIKE 'documents_fts%' ORDER BY name",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint t = 0; t < tables->len; t++)
    {
      const char *table = g_ptr_array_index (tables, t);
      g_autoptr(GString) order = g_string_new (NULL);
      g_autofree char *sql = NULL;
      g_autofree char *info = g_strdup_printf ("PRAGMA table_info(\"%s\")", table);

      /* primary key columns, in key order; rowid tables without one use rowid */
      g_assert_cmpint (sqlite3_prepare_v2 (db, info, -1, &stmt, NULL), ==, SQLITE_OK);
      {
        char *keys[16] = { NULL };
        int max_pk = 0;

        while (sqlite3_step (stmt) == SQLITE_ROW)
          {
            int pk = sqlite3_column_int (stmt, 5);
            if (pk > 0 && pk < 16)
              {
                keys[pk] = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
                max_pk = MAX (max_pk, pk);
              }
          }
        for (int k = 1; k <= max_pk; k++)
          {
            g_string_append_printf (order, "%s\"%s\"", order->len ? ", " : "", keys[k]);
            g_free (keys[k]);
          }
      }
      sqlite3_finalize (stmt);
      if (order->len == 0)
        g_string_append (order, "rowid");

      sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY %s", table, order->str);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      g_string_append_printf (out, "== %s\n", table);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const char *v = (const char *) sqlite3_column_text (stmt, c);
              g_string_append_printf (out, "%s%s=%s", c ? "|" : "",
                                      sqlite3_column_name (stmt, c), v ? v : "<NULL>");
            }
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
    }
  return g_string_free (out, FALSE);
}

/* A project at schema version 1 (no document attributes) with one document,
 * "old article", and one annotation, as Gloss 1 wrote it. */
#define TEST_TEXT_V1 "Ministers met in Zürich on Monday, officials said."

static inline char *
test_write_v1_project (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossSchema) schema = gloss_schema_new_preset ("news", &error);
  g_autofree char *json = gloss_schema_to_json (schema);
  char *path = test_path (name);
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, TEST_TEXT_V1, -1);

  g_assert_true (_gloss_store_create_at_version (path, 1, json, &error));
  g_assert_no_error (error);

  db = test_raw_open (path);
  g_assert_cmpint (test_raw_int (db, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (test_raw_int (db, "PRAGMA application_id"), ==, GLOSS_STORE_APPLICATION_ID);
  /* the v1 documents table has no attributes column */
  g_assert_cmpint (test_raw_int (db, "SELECT count(*) FROM pragma_table_info('documents') "
                                     "WHERE name = 'attributes'"), ==, 0);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO documents (uuid, name, text, sha256, length, "
                                       "meta, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, "0f6a2c1e-0000-4000-8000-000000000001", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, "old article", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, TEST_TEXT_V1, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, sha, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, g_utf8_strlen (TEST_TEXT_V1, -1));
  sqlite3_bind_text (stmt, 6, "{\"source\":\"Wire\"}", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, 1700000000000000);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  test_raw_exec (db, "INSERT INTO annotations (uuid, document, label, start, end, fragments, "
                     "annotator, created, modified) VALUES "
                     "('a-1', 1, 'GPE', 17, 23, '17-23', 'old', 1, 1)");
  sqlite3_close (db);
  return path;
}

/* A mirror of a GListModel, kept in step by replaying items-changed. */
typedef struct
{
  GListModel *model;
  GPtrArray  *items;     /* strong refs */
  gulong      handler;
  guint       n_signals;
} TestMirror;

static inline void
test_mirror_items_changed_cb (GListModel *model,
                              guint       position,
                              guint       removed,
                              guint       added,
                              TestMirror *mirror)
{
  g_assert_cmpuint (position + removed, <=, mirror->items->len);
  g_ptr_array_remove_range (mirror->items, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (mirror->items, position + i, g_list_model_get_item (model, position + i));
  mirror->n_signals++;
}

static inline TestMirror *
test_mirror_new (GListModel *model)
{
  TestMirror *mirror = g_new0 (TestMirror, 1);
  guint n = g_list_model_get_n_items (model);

  mirror->model = g_object_ref (model);
  mirror->items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (mirror->items, g_list_model_get_item (model, i));
  mirror->handler = g_signal_connect (model, "items-changed",
                                      G_CALLBACK (test_mirror_items_changed_cb), mirror);
  return mirror;
}

/* The mirror holds the very objects the model holds now, in order. */
static inline void
test_mirror_check (TestMirror *mirror)
{
  guint n = g_list_model_get_n_items (mirror->model);

  g_assert_cmpuint (mirror->items->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (mirror->model, i);
      g_assert_true (item == g_ptr_array_index (mirror->items, i));
    }
}

static inline void
test_mirror_free (TestMirror *mirror)
{
  g_signal_handler_disconnect (mirror->model, mirror->handler);
  g_object_unref (mirror->model);
  g_ptr_array_unref (mirror->items);
  g_free (mirror);
}

/* The project's document list follows the store: the same documents in
 * the same order, each with the store's count of its annotations. */
static inline void
test_check_documents_match_store (GlossProject *project)
{
  GlossStore *store = gloss_project_get_store (project);
  GListModel *documents = gloss_project_get_documents (project);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = gloss_store_list_document_ids (store, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, ids->len);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GlossDocument) document = g_list_model_get_item (documents, i);

      g_assert_cmpint (gloss_document_get_id (document), ==, g_array_index (ids, gint64, i));
      g_assert_cmpuint (gloss_document_get_n_annotations (document), ==,
                        gloss_store_count_annotations (store, gloss_document_get_id (document)));
    }
}

/* The list equals what the store holds: same uuids, same order, equal. */
static inline void
test_check_list_matches_store (GlossAnnotationList *list,
                               GlossStore          *store)
{
  g_autoptr(GError) error = NULL;
  GlossDocument *doc = gloss_annotation_list_get_document (list);
  g_autoptr(GPtrArray) rows = gloss_store_load_annotations (store, gloss_document_get_id (doc),
                                                            FALSE, &error);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossAnnotation) a = g_list_model_get_item (G_LIST_MODEL (list), i);
      GlossAnnotation *b = g_ptr_array_index (rows, i);

      g_assert_cmpstr (gloss_annotation_get_uuid (a), ==, gloss_annotation_get_uuid (b));
      g_assert_true (gloss_annotation_equal (a, b));
    }

  /* The relations index gives what a scan of the store's live relations
   * touching each annotation gives. */
  {
    g_autoptr(GPtrArray) rels = gloss_store_load_relations (store, gloss_document_get_id (doc),
                                                            FALSE, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(GlossAnnotation) a = g_list_model_get_item (G_LIST_MODEL (list), i);
        const char *uuid = gloss_annotation_get_uuid (a);
        g_autoptr(GPtrArray) got = gloss_annotation_list_relations_of (list, uuid);
        guint expected = 0;

        for (guint k = 0; k < rels->len; k++)
          {
            GlossRelation *r = g_ptr_array_index (rels, k);
            if (g_strcmp0 (gloss_relation_get_source (r), uuid) == 0 ||
                g_strcmp0 (gloss_relation_get_target (r), uuid) == 0)
              {
                g_assert_cmpuint (expected, <, got->len);
                g_assert_cmpstr (gloss_relation_get_uuid (g_ptr_array_index (got, expected)), ==,
                                 gloss_relation_get_uuid (r));
                expected++;
              }
          }
        g_assert_cmpuint (got->len, ==, expected);
      }
  }
}

/* Generated text of about @n_chars code points, with some non-ASCII. */
static inline char *
test_make_text (GRand *rand,
                guint  n_chars)
{
  static const char * const words[] = {
    "the", "minister", "said", "that", "Zürich", "talks", "would", "resume", "on", "Monday",
    "officials", "told", "reporters", "Ελλάδα", "bank", "€", "rates", "claimed", "a", "source",
  };
  GString *s = g_string_new (NULL);
  guint n = 0;

  while (n < n_chars)
    {
      const char *w = words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))];
      if (n > 0)
        {
          g_string_append_c (s, ' ');
          n++;
        }
      g_string_append (s, w);
      n += g_utf8_strlen (w, -1);
    }
  return g_string_free (s, FALSE);
}
