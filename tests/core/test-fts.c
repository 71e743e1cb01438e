/* test-fts.c: the full-text index stays in step with the documents
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * After every step (add, rename, remove, an import, its undo and redo, a
 * merge) the index's own words (fts5vocab, one row per word occurrence)
 * equal the words of the stored names and texts, split and folded here the
 * way unicode61 does for this vocabulary, and the document filter gives
 * what a plain scan over the names and texts gives for random queries.
 */

#include "config.h"

#include "core-test-util.h"

/* Words of the generated texts; two carry diacritics that fold away. */
static const char * const words[] = {
  "agency",
  "officials",
  "said",
  "defector",
  "Pyongyang",
  "Seoul",
  "Zürich",
  "Bogotá",
  "ministry",
  "cyber",
  "unit",
  "source",
  "told",
  "reporters",
  "network",
  "alleged",
  "the",
  "a",
  "of",
  "in",
  "bureau",
  "121",
  "Lazarus",
  "group",
  "sanctions",
  "envoy",
};

/* A word as the index keeps it: lower case, without diacritics. */
static char *
fold (const char *word)
{
  g_autofree char *down = g_ascii_strdown (word, -1);
  GString         *out = g_string_new (NULL);

  for (const char *p = down; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0xfc || c == 0xdc)
        g_string_append_c (out, 'u');
      else if (c == 0xe1 || c == 0xc1)
        g_string_append_c (out, 'a');
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* The folded words of @s in order: letters, digits and the two accented
 * letters make words; everything else separates them. */
static GPtrArray *
split (const char *s)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  GString   *word = g_string_new (NULL);

  for (const char *p = s;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && (g_ascii_isalnum (c) || c >= 0x80))
        g_string_append_unichar (word, c);
      else if (word->len > 0)
        {
          g_ptr_array_add (out, fold (word->str));
          g_string_truncate (word, 0);
        }
      if (c == 0)
        break;
    }
  g_string_free (word, TRUE);
  return out;
}

static char *
make_text (GRand *rand)
{
  GString *text = g_string_new (NULL);
  guint    n = g_rand_int_range (rand, 3, 25);

  for (guint i = 0; i < n; i++)
    {
      g_string_append (text, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      g_string_append (text, g_rand_int_range (rand, 0, 6) == 0 ? ", " : " ");
    }
  g_string_append_c (text, '.');
  return g_string_free (text, FALSE);
}

static char *
make_name (GRand *rand)
{
  return g_strdup_printf ("%s-%05u", words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))],
                          g_rand_int_range (rand, 0, 100000));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Every word occurrence the index holds against every word of the stored
 * rows, as "id col offset word" lines. */
static void
check_index (GlossProject *project)
{
  sqlite3 *db = _gloss_store_get_db (gloss_project_get_store (project));
  g_autoptr(GPtrArray) indexed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) stored = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  test_raw_exec (db, "CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_words "
                     "USING fts5vocab (main, documents_fts, instance)");
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT doc, col, offset, term FROM temp.fts_words",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (indexed, g_strdup_printf ("%lld %s %d %s",
                                               (long long) sqlite3_column_int64 (stmt, 0),
                                               sqlite3_column_text (stmt, 1),
                                               sqlite3_column_int (stmt, 2),
                                               sqlite3_column_text (stmt, 3)));
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id, name, text FROM documents", -1, &stmt,
                                       NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int col = 1; col <= 2; col++)
      {
        g_autoptr(GPtrArray) w = split ((const char *) sqlite3_column_text (stmt, col));

        for (guint i = 0; i < w->len; i++)
          g_ptr_array_add (stored, g_strdup_printf ("%lld %s %u %s",
                                                    (long long) sqlite3_column_int64 (stmt, 0),
                                                    col == 1 ? "name" : "text", i,
                                                    (const char *) w->pdata[i]));
      }
  sqlite3_finalize (stmt);

  g_assert_cmpuint (indexed->len, ==, stored->len);
  g_ptr_array_sort (indexed, compare_strings);
  g_ptr_array_sort (stored, compare_strings);
  for (guint i = 0; i < stored->len; i++)
    g_assert_cmpstr (indexed->pdata[i], ==, stored->pdata[i]);
}

/* Whether @query's words follow each other in @have, the last as a prefix. */
static gboolean
has_phrase_prefix (GPtrArray *have,
                   GPtrArray *query)
{
  if (query->len == 0)
    return FALSE;
  for (guint i = 0; i + query->len <= have->len; i++)
    {
      guint k = 0;

      while (k + 1 < query->len && strcmp (have->pdata[i + k], query->pdata[k]) == 0)
        k++;
      if (k + 1 == query->len && g_str_has_prefix (have->pdata[i + k], query->pdata[k]))
        return TRUE;
    }
  return FALSE;
}

static gboolean
ascii_contains (const char *haystack,
                const char *needle)
{
  g_autofree char *h = g_ascii_strdown (haystack, -1);
  g_autofree char *n = g_ascii_strdown (needle, -1);

  return strstr (h, n) != NULL;
}

/* The filter the plain way: every row read, ordered by (name, id). */
static GArray *
scan (GlossProject *project,
      const char   *query)
{
  sqlite3 *db = _gloss_store_get_db (gloss_project_get_store (project));
  g_autoptr(GPtrArray) q = split (query);
  GArray       *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean      words_too = g_utf8_strlen (query, -1) >= GLOSS_STORE_FILTER_MIN_CHARS;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id, name, text FROM documents "
                                           "ORDER BY name, id",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      g_autoptr(GPtrArray) name_words = split (name);
      g_autoptr(GPtrArray) text_words = split ((const char *) sqlite3_column_text (stmt, 2));

      if (ascii_contains (name, query) ||
          (words_too && (has_phrase_prefix (name_words, q) || has_phrase_prefix (text_words, q))))
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          g_array_append_val (ids, id);
        }
    }
  sqlite3_finalize (stmt);
  return ids;
}

/* A query as someone types it: one to three words of a stored text in a
 * row, the last cut short, in any case; or a piece of a name. */
static char *
make_query (GlossProject *project,
            GRand        *rand)
{
  GListModel *documents = gloss_project_get_documents (project);
  guint       n = g_list_model_get_n_items (documents);
  g_autoptr(GlossDocument) document = g_list_model_get_item (documents,
                                                              g_rand_int_range (rand, 0, n));
  const char *name = gloss_document_get_name (document);
  g_autoptr(GPtrArray) w = NULL;
  GString *query;
  guint    first, count;

  if (g_rand_int_range (rand, 0, 4) == 0)
    {
      glong len = g_utf8_strlen (name, -1);
      glong start = g_rand_int_range (rand, 0, len);

      return g_utf8_substring (name, start, g_rand_int_range (rand, start + 1, len + 1));
    }

  w = split (gloss_document_get_text (document));
  first = g_rand_int_range (rand, 0, w->len);
  count = g_rand_int_range (rand, 1, 4); /* not inside MIN (): it would draw twice */
  count = MIN (w->len - first, count);
  query = g_string_new (NULL);
  for (guint i = 0; i < count; i++)
    {
      const char *word = w->pdata[first + i];

      if (i > 0)
        g_string_append_c (query, ' ');
      if (i + 1 == count)
        g_string_append_len (query, word, g_rand_int_range (rand, 1, strlen (word) + 1));
      else
        g_string_append (query, word);
    }
  if (g_rand_boolean (rand))
    {
      g_autofree char *up = g_ascii_strup (query->str, -1);

      g_string_assign (query, up);
    }
  return g_string_free (query, FALSE);
}

static void
check_queries (GlossProject *project,
               GRand        *rand,
               guint         n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *query = make_query (project, rand);
      g_autoptr(GArray) expected = scan (project, query);
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) found = gloss_store_filter_documents (
        gloss_project_get_store (project), query, NULL, &error);

      g_assert_no_error (error);
      if (found->len != expected->len ||
          memcmp (found->data, expected->data, found->len * sizeof (gint64)) != 0)
        g_error ("query “%s”: %u documents found, %u expected", query, found->len,
                 expected->len);
    }
}

static void
check (GlossProject *project,
       GRand        *rand)
{
  check_index (project);
  check_queries (project, rand, 20);
}

static GlossProject *
new_project (const char *file,
             GRand      *rand,
             guint       n_documents)
{
  g_autofree char *path = test_path (file);
  g_autoptr(GError) error = NULL;
  GlossProject *project = gloss_project_create (path, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < n_documents; i++)
    {
      g_autofree char *name = make_name (rand);
      g_autofree char *text = make_text (rand);

      g_assert_nonnull (gloss_project_add_document (project, name, text, -1, NULL, &error));
      g_assert_no_error (error);
    }
  return project;
}

static gint64
random_id (GlossProject *project,
           GRand        *rand)
{
  GListModel *documents = gloss_project_get_documents (project);
  guint n = g_list_model_get_n_items (documents);
  g_autoptr(GlossDocument) document = g_list_model_get_item (documents,
                                                             g_rand_int_range (rand, 0, n));

  return gloss_document_get_id (document);
}

/* Adds, renames and removes documents at random, then an import, its undo
 * and redo, and a merge of another project. */
static void
test_in_step (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1212);
  g_autoptr(GlossProject) project = new_project ("fts.gloss", rand, 150);
  GlossStore *store = gloss_project_get_store (project);
  g_autoptr(GError) error = NULL;

  check (project, rand);
  for (guint step = 0; step < 30; step++)
    {
      guint what = g_rand_int_range (rand, 0, 3);

      if (what == 0)
        {
          g_autofree char *name = make_name (rand);
          g_autofree char *text = make_text (rand);

          g_assert_nonnull (gloss_project_add_document (project, name, text, -1, NULL, &error));
        }
      else if (what == 1)
        {
          g_autofree char *name = make_name (rand);

          g_assert_true (gloss_store_begin (store, &error));
          g_assert_true (gloss_store_set_document_name (store, random_id (project, rand), name,
                                                        &error));
          g_assert_true (gloss_store_commit (store, &error));
        }
      else
        {
          g_assert_true (gloss_store_begin (store, &error));
          g_assert_true (gloss_store_delete_document (store, random_id (project, rand), &error));
          g_assert_true (gloss_store_commit (store, &error));
        }
      g_assert_no_error (error);
      g_assert_true (gloss_project_reload_documents (project, &error));
      check (project, rand);
    }

  /* An import of plain texts, undone and redone. */
  {
    g_autofree char *dir = test_path ("incoming");
    g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
    GlossImportOptions options = GLOSS_IMPORT_OPTIONS_INIT;
    g_autoptr(GlossImportReport) report = gloss_import_report_new ();
    g_autoptr(GlossChangeSet) changes = NULL;

    g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
    for (guint i = 0; i < 20; i++)
      {
        g_autofree char *path = g_strdup_printf ("%s/wire-%02u.txt", dir, i);
        g_autofree char *text = make_text (rand);

        g_assert_true (g_file_set_contents (path, text, -1, &error));
        g_ptr_array_add (paths, g_steal_pointer (&path));
      }
    g_ptr_array_add (paths, NULL);
    g_assert_true (gloss_format_import_full (project, (const char * const *) paths->pdata,
                                             &options, report, &changes, NULL, &error));
    g_assert_no_error (error);
    check (project, rand);
    g_assert_true (gloss_project_undo_changes (project, changes, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    check (project, rand);
    g_assert_true (gloss_project_redo_changes (project, changes, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    check (project, rand);
  }

  /* A merge brings another project's documents. */
  {
    g_autoptr(GlossProject) other = new_project ("other.gloss", rand, 40);
    g_autofree char *other_path = g_strdup (gloss_project_get_path (other));
    g_autoptr(GlossMergeReport) report = gloss_merge_report_new ();
    guint before = g_list_model_get_n_items (gloss_project_get_documents (project));

    g_clear_object (&other);
    g_assert_true (gloss_merge_project (project, other_path, report, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (gloss_project_get_documents (project)), ==,
                      before + 40);
    check (project, rand);
    g_assert_true (gloss_project_undo_merge (project, report, &error));
    g_assert_no_error (error);
    check (project, rand);
  }
}

/* A project written before the index gets it when opened. */
static void
test_migrate (void)
{
  g_autofree char *path = test_path ("v4.gloss");
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = NULL;
  sqlite3 *db;

  g_assert_true (_gloss_store_create_at_version (path, 4, NULL, &error));
  g_assert_no_error (error);
  db = test_raw_open (path);
  test_raw_exec (db, "BEGIN");
  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *name = make_name (rand);
      g_autofree char *text = make_text (rand);
      static const char insert[] = "INSERT INTO documents (uuid, name, text, sha256, length, "
                                   "created) VALUES ('u-%u', %Q, %Q, 'x', %d, 1)";
      char *sql = sqlite3_mprintf (insert, i, name, text, (int) g_utf8_strlen (text, -1));

      test_raw_exec (db, sql);
      sqlite3_free (sql);
    }
  test_raw_exec (db, "COMMIT");
  g_assert_cmpint (test_raw_int (db, "SELECT count(*) FROM sqlite_schema "
                                     "WHERE name = 'documents_fts'"),
                   ==, 0);
  sqlite3_close (db);

  project = gloss_project_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gloss_store_get_opened_version (gloss_project_get_store (project)), ==, 4);
  check (project, rand);
}

/* A file whose index is not the one Gloss makes is refused. */
static void
test_foreign_index (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autoptr(GlossProject) project = new_project ("foreign.gloss", rand, 3);
  g_autofree char *path = g_strdup (gloss_project_get_path (project));
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) again = NULL;
  sqlite3 *db;

  g_clear_object (&project);
  db = test_raw_open (path);
  test_raw_exec (db, "DROP TABLE documents_fts; CREATE VIRTUAL TABLE documents_fts USING fts5 "
                     "(name, text, content = 'documents', content_rowid = 'id')");
  sqlite3_close (db);
  again = gloss_project_open (path, &error);
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_CORRUPT);
  g_assert_null (again);
}

/* Each change is told by a model that holds what the change leaves (a view
 * asks for items and counts while it follows). */
static void
count_follows_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *n)
{
  *n = *n - removed + added;
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, *n);
  for (guint i = 0; i < *n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      g_assert_nonnull (item);
    }
}

/* The filter model shows the ids it is given, drops a removed document and
 * reports exact changes. */
static void
test_filter_model (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (6);
  g_autoptr(GlossProject) project = new_project ("filter.gloss", rand, 100);
  GListModel *documents = gloss_project_get_documents (project);
  g_autoptr(GlossDocumentFilter) filter = gloss_document_filter_new (documents);
  TestMirror *mirror = test_mirror_new (G_LIST_MODEL (filter));
  GlossStore *store = gloss_project_get_store (project);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  guint n_counted;
  gint64 gone;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (filter)), ==, 100);
  n_counted = 100;
  g_signal_connect (filter, "items-changed", G_CALLBACK (count_follows_cb), &n_counted);
  ids = gloss_store_filter_documents (store, "the", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, >, 2);
  /* 100 rows to a few: told as a removal, then an addition */
  mirror->n_signals = 0;
  gloss_document_filter_set_ids (filter, ids);
  test_mirror_check (mirror);
  g_assert_cmpuint (mirror->n_signals, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (filter)), ==, ids->len);
  g_assert_cmpuint (gloss_document_filter_find (filter, g_array_index (ids, gint64, 2)), ==, 2);
  g_assert_cmpuint (gloss_document_filter_find (filter, G_MAXINT64), ==,
                    GLOSS_DOCUMENT_FILTER_NOT_FOUND);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GlossDocument) document = g_list_model_get_item (G_LIST_MODEL (filter), i);

      g_assert_cmpint (gloss_document_get_id (document), ==, g_array_index (ids, gint64, i));
      /* the list's own objects */
      g_assert_true (document == gloss_project_lookup_document (project,
                                                                gloss_document_get_id (document)));
    }

  gone = g_array_index (ids, gint64, 1);
  g_assert_true (gloss_store_begin (store, &error));
  g_assert_true (gloss_store_delete_document (store, gone, &error));
  g_assert_true (gloss_store_commit (store, &error));
  g_assert_true (gloss_project_reload_documents (project, &error));
  test_mirror_check (mirror);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (filter)), ==, ids->len - 1);

  gloss_document_filter_set_ids (filter, NULL);
  test_mirror_check (mirror);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (filter)), ==, 99);
  test_mirror_free (mirror);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/fts/in-step", test_in_step);
  g_test_add_func ("/core/fts/migrate", test_migrate);
  g_test_add_func ("/core/fts/foreign-index", test_foreign_index);
  g_test_add_func ("/core/fts/filter-model", test_filter_model);

  return g_test_run ();
}
