/* test-assignments.c: documents assigned to annotators, their progress, and merges of both
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "core-test-util.h"
#include "gloss-assignments.h"
#include "gloss-merge.h"

static const char * const texts[] = {
  "A defector told the agency that the cyber unit moved to Minsk in March.",
  "Officials said the network paid 40,000 dollars to a courier, a source claimed.",
  "The ministry denied that its envoy met the defector in Vienna last week.",
  "Analysts believe the group recruited two engineers from a state laboratory.",
  "A spokesman for the agency declined to comment on the report, he said.",
  "The courier was detained at the border on Tuesday, the wire service reported.",
  "Two officials claimed the unit had been disbanded after the leak.",
};

static GlossProject *
new_project (const char *name,
             guint       n_documents)
{
  g_autofree char *path = test_path (name);
  g_autoptr(GError) error = NULL;
  GlossProject *project = gloss_project_create (path, NULL, &error);

  g_assert_no_error (error);
  gloss_project_set_annotator (project, "lead");
  for (guint d = 0; d < n_documents; d++)
    {
      g_autofree char *doc_name = g_strdup_printf ("wire-%03u", d);

      gloss_project_add_document (project, doc_name, texts[d % G_N_ELEMENTS (texts)], -1, NULL,
                                  &error);
      g_assert_no_error (error);
    }
  return project;
}

static gint64
document_id (GlossProject *project,
             const char   *name)
{
  GlossDocument *doc = gloss_project_find_document (project, name);

  g_assert_nonnull (doc);
  return gloss_document_get_id (doc);
}

static char *
assignees_string (GlossProject *project,
                  const char   *name)
{
  g_auto(GStrv) who = gloss_store_dup_assignees (gloss_project_get_store (project),
                                                  document_id (project, name));

  return g_strjoinv (",", who);
}

static void
test_assign_unassign (void)
{
  g_autoptr(GlossProject) project = new_project ("assign.gloss", 3);
  GlossStore *store = gloss_project_get_store (project);
  const char *ana_ben[] = { "ben", "ana", NULL };
  const char *ana[] = { "ana", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossChangeSet) set = NULL;
  g_autoptr(GlossChangeSet) again = NULL;
  g_autoptr(GlossChangeSet) removed = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *who = NULL;
  int              state;
  gint64           modified;

  set = gloss_project_assign (project, document_id (project, "wire-001"), ana_ben, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (set);
  who = assignees_string (project, "wire-001");
  g_assert_cmpstr (who, ==, "ana,ben");
  g_clear_pointer (&who, g_free);
  who = assignees_string (project, "wire-000");
  g_assert_cmpstr (who, ==, "");
  g_clear_pointer (&who, g_free);

  /* assigning again writes nothing */
  again = gloss_project_assign (project, document_id (project, "wire-001"), ana, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_change_set_get_n_written (again), ==, 0);

  ids = gloss_store_list_assigned_documents (store, "ana", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, document_id (project, "wire-001"));

  /* removing leaves a tombstone, newer than the assignment */
  g_assert_true (gloss_store_get_assignment (store, document_id (project, "wire-001"), "ana",
                                             &state, &modified));
  g_assert_cmpint (state, ==, 0);
  removed = gloss_project_assign (project, document_id (project, "wire-001"), ana, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_change_set_get_n_written (removed), ==, 1);
  who = assignees_string (project, "wire-001");
  g_assert_cmpstr (who, ==, "ben");
  g_clear_pointer (&who, g_free);
  {
    gint64 later;

    g_assert_true (gloss_store_get_assignment (store, document_id (project, "wire-001"), "ana",
                                               &state, &later));
    g_assert_cmpint (state, ==, 1);
    g_assert_cmpint (later, >, modified);
  }

  /* undo puts the assignment back */
  g_assert_true (gloss_project_undo_changes (project, removed, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  who = assignees_string (project, "wire-001");
  g_assert_cmpstr (who, ==, "ana,ben");
  g_clear_pointer (&who, g_free);
  g_assert_true (gloss_store_get_assignment (store, document_id (project, "wire-001"), "ana",
                                             &state, NULL));
  g_assert_cmpint (state, ==, 0);
  g_assert_true (gloss_store_check_integrity (store, &error));
}

/* Loads of the annotators over the whole project, and checks that every
 * document has @n distinct assignees. */
static GHashTable *
check_spread (GlossProject *project,
              guint         n)
{
  GListModel *docs = gloss_project_get_documents (project);
  GHashTable *loads = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (docs); i++)
    {
      g_autoptr(GlossDocument) doc = g_list_model_get_item (docs, i);
      g_auto(GStrv) who = gloss_store_dup_assignees (gloss_project_get_store (project),
                                                      gloss_document_get_id (doc));

      g_assert_cmpuint (g_strv_length (who), ==, n);
      for (guint k = 0; who[k] != NULL; k++)
        {
          guint load = GPOINTER_TO_UINT (g_hash_table_lookup (loads, who[k]));
          g_hash_table_insert (loads, g_strdup (who[k]), GUINT_TO_POINTER (load + 1));
        }
    }
  return loads;
}

static char *
dump_assignments (GlossProject *project)
{
  sqlite3      *db = _gloss_store_get_db (gloss_project_get_store (project));
  sqlite3_stmt *stmt = NULL;
  GString      *out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT d.uuid, a.annotator, a.deleted, a.modified "
                                           "FROM assignments a JOIN documents d "
                                           "ON d.id = a.document ORDER BY d.uuid, a.annotator",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s|%s|%d|%lld\n", sqlite3_column_text (stmt, 0),
                            sqlite3_column_text (stmt, 1), sqlite3_column_int (stmt, 2),
                            (long long) sqlite3_column_int64 (stmt, 3));
  sqlite3_finalize (stmt);
  return g_string_free (out, FALSE);
}

static char *
live_assignments (GlossProject *project)
{
  sqlite3      *db = _gloss_store_get_db (gloss_project_get_store (project));
  sqlite3_stmt *stmt = NULL;
  GString      *out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT d.name, a.annotator FROM assignments a "
                                           "JOIN documents d ON d.id = a.document "
                                           "WHERE a.deleted = 0 ORDER BY d.name, a.annotator",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s:%s\n", sqlite3_column_text (stmt, 0),
                            sqlite3_column_text (stmt, 1));
  sqlite3_finalize (stmt);
  return g_string_free (out, FALSE);
}

static void
test_assign_evenly (void)
{
  const char *team[] = { "ana", "ben", "carl", "dora", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *other_seed = NULL;

  for (guint n = 1; n <= 4; n++)
    {
      g_autofree char *name = g_strdup_printf ("evenly-%u.gloss", n);
      g_autoptr(GlossProject) project = new_project (name, 23);
      g_autoptr(GlossChangeSet) set = NULL;
      g_autoptr(GHashTable) loads = NULL;
      guint          min = G_MAXUINT, max = 0, total = 0;
      GHashTableIter iter;
      gpointer       value;

      set = gloss_project_assign_evenly (project, team, n, 42, FALSE, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (gloss_change_set_get_n_written (set), ==, 23 * n);
      loads = check_spread (project, n);
      g_assert_cmpuint (g_hash_table_size (loads), ==, 4);
      g_hash_table_iter_init (&iter, loads);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          min = MIN (min, GPOINTER_TO_UINT (value));
          max = MAX (max, GPOINTER_TO_UINT (value));
          total += GPOINTER_TO_UINT (value);
        }
      g_assert_cmpuint (total, ==, 23 * n);
      g_assert_cmpuint (max - min, <=, 1);

      /* again without replace: every document has its n already */
      {
        g_autoptr(GlossChangeSet) again = gloss_project_assign_evenly (project, team, n, 7, FALSE,
                                                                        &error);
        g_assert_no_error (error);
        g_assert_cmpuint (gloss_change_set_get_n_written (again), ==, 0);
      }
      if (n == 2)
        first = live_assignments (project);
    }

  /* deterministic: the same seed gives the same assignments, another seed
   * others */
  {
    g_autoptr(GlossProject) project = new_project ("evenly-again.gloss", 23);
    g_autoptr(GlossChangeSet) set = gloss_project_assign_evenly (project, team, 2, 42, FALSE,
                                                                  &error);
    g_autofree char *same = NULL;

    g_assert_no_error (error);
    same = live_assignments (project);
    g_assert_cmpstr (same, ==, first);
  }
  {
    g_autoptr(GlossProject) project = new_project ("evenly-other.gloss", 23);
    g_autoptr(GlossChangeSet) set = gloss_project_assign_evenly (project, team, 2, 43, FALSE,
                                                                  &error);

    g_assert_no_error (error);
    other_seed = live_assignments (project);
    g_assert_cmpstr (other_seed, !=, first);
  }

  /* too many per document */
  {
    g_autoptr(GlossProject) project = new_project ("evenly-refused.gloss", 2);
    const char *pair[] = { "ana", "ana", "ben", NULL };
    g_autoptr(GlossChangeSet) set = gloss_project_assign_evenly (project, pair, 3, 1, FALSE,
                                                                  &error);

    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    g_assert_null (set);
    g_clear_error (&error);
  }
}

static void
test_assign_keep_replace (void)
{
  g_autoptr(GlossProject) project = new_project ("keep.gloss", 6);
  const char *team[] = { "ana", "ben", "carl", NULL };
  const char *newcomers[] = { "eve", "finn", NULL };
  const char *zed[] = { "zed", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossChangeSet) manual = NULL;
  g_autoptr(GlossChangeSet) set = NULL;
  g_autoptr(GlossChangeSet) replaced = NULL;
  g_autoptr(GHashTable) loads = NULL;
  g_autofree char *who = NULL;

  /* a hand-made assignment is kept and counts towards the two */
  manual = gloss_project_assign (project, document_id (project, "wire-002"), zed, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (manual);
  set = gloss_project_assign_evenly (project, team, 2, 5, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_change_set_get_n_written (set), ==, 5 * 2 + 1);
  who = assignees_string (project, "wire-002");
  g_assert_nonnull (strstr (who, "zed"));
  g_clear_pointer (&who, g_free);
  loads = check_spread (project, 2);
  g_clear_pointer (&loads, g_hash_table_unref);

  /* replacing removes every assignment first: none of the team remains */
  replaced = gloss_project_assign_evenly (project, newcomers, 1, 5, TRUE, &error);
  g_assert_no_error (error);
  loads = check_spread (project, 1);
  g_assert_cmpuint (g_hash_table_size (loads), ==, 2);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (loads, "eve")), ==, 3);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (loads, "finn")), ==, 3);
  g_assert_true (gloss_store_check_integrity (gloss_project_get_store (project), &error));

  /* and undoing the replacement brings the team back */
  g_assert_true (gloss_project_undo_changes (project, replaced, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&loads, g_hash_table_unref);
  loads = check_spread (project, 2);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (loads, "zed")), ==, 1);
}

static void
add_annotation (GlossProject *project,
                const char   *doc,
                const char   *uuid,
                const char   *annotator,
                gboolean      deleted)
{
  sqlite3         *db = _gloss_store_get_db (gloss_project_get_store (project));
  g_autofree char *sql = g_strdup_printf ("INSERT INTO annotations (uuid, document, label, start, "
                                          "end, fragments, annotator, created, modified, deleted) "
                                          "VALUES ('%s', %" G_GINT64_FORMAT ", 'ORG', 0, 1, "
                                          "'0-1', '%s', 1, 1, %d)",
                                          uuid,
                                          document_id (project, doc), annotator, deleted);

  test_raw_exec (db, sql);
}

static GlossAnnotatorProgress *
find_progress (GPtrArray  *all,
               const char *annotator)
{
  for (guint i = 0; i < all->len; i++)
    {
      GlossAnnotatorProgress *p = all->pdata[i];

      if (g_strcmp0 (p->annotator, annotator) == 0)
        return p;
    }
  return NULL;
}

static void
test_progress (void)
{
  g_autoptr(GlossProject) project = new_project ("progress.gloss", 5);
  GlossStore *store = gloss_project_get_store (project);
  const char *ana_ben[] = { "ana", "ben", NULL };
  const char *ana[] = { "ana", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  GlossAnnotatorProgress *p;

  g_clear_object (&(GlossChangeSet *) { gloss_project_assign (project,
                                                              document_id (project, "wire-000"),
                                                              ana_ben, FALSE, &error) });
  g_clear_object (&(GlossChangeSet *) { gloss_project_assign (project,
                                                              document_id (project, "wire-001"),
                                                              ana_ben, FALSE, &error) });
  g_clear_object (&(GlossChangeSet *) { gloss_project_assign (project,
                                                              document_id (project, "wire-002"),
                                                              ana, FALSE, &error) });
  g_assert_no_error (error);
  /* ana: done with 0, working on 1, not started 2; done with 4 (not hers) */
  g_assert_true (gloss_store_set_document_status (store, document_id (project, "wire-000"), "ana",
                                                  GLOSS_DOCUMENT_STATUS_DONE, 10, &error));
  g_assert_true (gloss_store_set_document_status (store, document_id (project, "wire-001"), "ana",
                                                  GLOSS_DOCUMENT_STATUS_IN_PROGRESS, 10,
                                                  &error));
  g_assert_true (gloss_store_set_document_status (store, document_id (project, "wire-004"), "ana",
                                                  GLOSS_DOCUMENT_STATUS_DONE, 10, &error));
  /* ben: done with 1; cleo has nothing assigned, done with 3, working on 4 */
  g_assert_true (gloss_store_set_document_status (store, document_id (project, "wire-001"), "ben",
                                                  GLOSS_DOCUMENT_STATUS_DONE, 10, &error));
  g_assert_true (gloss_store_set_document_status (store, document_id (project, "wire-003"), "cleo",
                                                  GLOSS_DOCUMENT_STATUS_DONE, 10, &error));
  g_assert_true (gloss_store_set_document_status (store, document_id (project, "wire-004"), "cleo",
                                                  GLOSS_DOCUMENT_STATUS_IN_PROGRESS, 10,
                                                  &error));
  add_annotation (project, "wire-000", "a1", "ana", FALSE);
  add_annotation (project, "wire-000", "a2", "ana", FALSE);
  add_annotation (project, "wire-004", "a3", "ana", FALSE);
  add_annotation (project, "wire-001", "a4", "ana", TRUE);
  add_annotation (project, "wire-001", "b1", "ben", FALSE);
  add_annotation (project, "wire-003", "d1", "dan", FALSE);
  add_annotation (project, "wire-003", "g1", GLOSS_GOLD_ANNOTATOR, FALSE);

  all = gloss_project_dup_annotator_progress (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 4); /* ana, ben, cleo, dan; gold aside */
  g_assert_cmpstr (((GlossAnnotatorProgress *) all->pdata[0])->annotator, ==, "ana");
  g_assert_cmpstr (((GlossAnnotatorProgress *) all->pdata[3])->annotator, ==, "dan");

  p = find_progress (all, "ana");
  g_assert_cmpuint (p->n_assigned, ==, 3);
  g_assert_cmpuint (p->n_new, ==, 1);
  g_assert_cmpuint (p->n_in_progress, ==, 1);
  g_assert_cmpuint (p->n_done, ==, 1);
  g_assert_cmpuint (p->n_annotations, ==, 3);

  p = find_progress (all, "ben");
  g_assert_cmpuint (p->n_assigned, ==, 2);
  g_assert_cmpuint (p->n_new, ==, 1);
  g_assert_cmpuint (p->n_in_progress, ==, 0);
  g_assert_cmpuint (p->n_done, ==, 1);
  g_assert_cmpuint (p->n_annotations, ==, 1);

  /* nothing assigned: over every document */
  p = find_progress (all, "cleo");
  g_assert_cmpuint (p->n_assigned, ==, 0);
  g_assert_cmpuint (p->n_new, ==, 3);
  g_assert_cmpuint (p->n_in_progress, ==, 1);
  g_assert_cmpuint (p->n_done, ==, 1);
  g_assert_cmpuint (p->n_annotations, ==, 0);

  p = find_progress (all, "dan");
  g_assert_cmpuint (p->n_assigned, ==, 0);
  g_assert_cmpuint (p->n_new, ==, 5);
  g_assert_cmpuint (p->n_annotations, ==, 1);

  /* per document */
  {
    g_autoptr(GlossDocumentProgress) d = NULL;
    g_autofree char *assignees = NULL;
    g_autofree char *done = NULL;

    d = gloss_project_dup_document_progress (project,
                                             gloss_project_find_document (project, "wire-001"),
                                             &error);
    g_assert_no_error (error);
    assignees = g_strjoinv (",", d->assignees);
    done = g_strjoinv (",", d->done);
    g_assert_cmpstr (d->name, ==, "wire-001");
    g_assert_cmpstr (assignees, ==, "ana,ben");
    g_assert_cmpstr (done, ==, "ben");
    g_assert_false (d->curated);
  }
  {
    g_autoptr(GlossDocumentProgress) d = NULL;

    /* wire-003: only dan annotated, and gold agrees with nothing to decide
     * but its own span */
    d = gloss_project_dup_document_progress (project,
                                             gloss_project_find_document (project, "wire-002"),
                                             &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_strv_length (d->assignees), ==, 1);
    g_assert_cmpuint (g_strv_length (d->done), ==, 0);
    g_assert_false (d->curated);
  }
}

/* Three copies assign and unassign the same document at known times; the
 * merges agree in every order, keep tombstones, and change nothing when
 * repeated. */
static void
test_merge (void)
{
  g_autofree char *base = test_path ("base.gloss");
  g_autofree char *copies[3] = { NULL };
  g_autofree char *first = NULL;
  g_autoptr(GError) error = NULL;
  static const guint orders[6][3] = {
    { 0, 1, 2 },
    { 0, 2, 1 },
    { 1, 0, 2 },
    { 1, 2, 0 },
    { 2, 0, 1 },
    { 2, 1, 0 },
  };
  /* copy, annotator, deleted, modified */
  static const struct
  {
    guint       copy;
    const char *who;
    int         deleted;
    gint64      modified;
  } rows[] = {
    { 0, "ana", 0, 100 },
    { 1, "ana", 1, 200 },
    { 2, "ana", 0, 150 },
    { 2, "ben", 0, 300 },
    { 1, "ben", 0, 250 },
    { 0, "carl", 0, 400 },
    { 1, "carl", 1, 400 }, /* a tie: the tombstone wins */
    { 0, "dora", 0, 500 },
  };

  {
    g_autoptr(GlossProject) project = new_project ("base.gloss", 2);
  }
  for (guint c = 0; c < 3; c++)
    {
      g_autofree char *name = g_strdup_printf ("copy-%u.gloss", c);
      g_autoptr(GFile) from = g_file_new_for_path (base);
      g_autoptr(GFile) to = NULL;
      g_autoptr(GlossProject) copy = NULL;

      copies[c] = test_path (name);
      to = g_file_new_for_path (copies[c]);
      g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      copy = gloss_project_open (copies[c], &error);
      g_assert_no_error (error);
      for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
        if (rows[r].copy == c)
          g_assert_true (gloss_store_set_assignment (gloss_project_get_store (copy),
                                                     document_id (copy, "wire-001"), rows[r].who,
                                                     rows[r].deleted, rows[r].modified, &error));
    }

  for (guint o = 0; o < G_N_ELEMENTS (orders); o++)
    {
      g_autofree char *name = g_strdup_printf ("target-%u.gloss", o);
      g_autofree char *path = test_path (name);
      g_autoptr(GFile) from = g_file_new_for_path (base);
      g_autoptr(GFile) to = g_file_new_for_path (path);
      g_autoptr(GlossProject) target = NULL;
      g_autofree char *dump = NULL;
      g_autofree char *live = NULL;

      g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      target = gloss_project_open (path, &error);
      g_assert_no_error (error);
      for (guint k = 0; k < 3; k++)
        {
          g_autoptr(GlossMergeReport) report = gloss_merge_report_new ();

          g_assert_true (gloss_merge_project (target, copies[orders[o][k]], report, NULL, &error));
          g_assert_no_error (error);
        }
      dump = dump_assignments (target);
      live = live_assignments (target);
      g_assert_cmpstr (live, ==, "wire-001:ben\nwire-001:dora\n");
      g_assert_nonnull (strstr (dump, "|ana|1|200\n"));
      g_assert_nonnull (strstr (dump, "|ben|0|300\n"));
      g_assert_nonnull (strstr (dump, "|carl|1|400\n"));
      if (first == NULL)
        first = g_steal_pointer (&dump);
      else
        g_assert_cmpstr (dump, ==, first);

      /* idempotent */
      for (guint k = 0; o == 0 && k < 3; k++)
        {
          g_autoptr(GlossMergeReport) report = gloss_merge_report_new ();
          g_autofree char *again = NULL;

          g_assert_true (gloss_merge_project (target, copies[k], report, NULL, &error));
          g_assert_no_error (error);
          g_assert_false (gloss_merge_report_can_undo (report));
          again = dump_assignments (target);
          g_assert_cmpstr (again, ==, first);
        }
    }

  /* a merge's assignments are undone with it */
  {
    g_autofree char *path = test_path ("undo.gloss");
    g_autoptr(GFile) from = g_file_new_for_path (base);
    g_autoptr(GFile) to = g_file_new_for_path (path);
    g_autoptr(GlossProject) target = NULL;
    g_autoptr(GlossMergeReport) report = gloss_merge_report_new ();
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;

    g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    target = gloss_project_open (path, &error);
    g_assert_no_error (error);
    before = dump_assignments (target);
    g_assert_true (gloss_merge_project (target, copies[0], report, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (gloss_merge_report_can_undo (report));
    g_assert_true (gloss_project_undo_merge (target, report, &error));
    g_assert_no_error (error);
    after = dump_assignments (target);
    g_assert_cmpstr (after, ==, before);
  }
}

/* A project of version 2 gains the table, empty. */
static void
test_migrate (void)
{
  g_autofree char *path = test_path ("v2.gloss");
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = NULL;
  sqlite3 *db;

  g_assert_true (_gloss_store_create_at_version (path, 2, NULL, &error));
  g_assert_no_error (error);
  db = test_raw_open (path);
  g_assert_cmpint (test_raw_int (db, "SELECT count(*) FROM sqlite_schema WHERE name = "
                                     "'assignments'"),
                   ==, 0);
  sqlite3_close (db);

  project = gloss_project_open (path, &error);
  g_assert_no_error (error);
  db = _gloss_store_get_db (gloss_project_get_store (project));
  g_assert_cmpint (test_raw_int (db, "PRAGMA user_version"), ==, GLOSS_STORE_VERSION);
  g_assert_cmpint (test_raw_int (db, "SELECT count(*) FROM assignments"), ==, 0);
  g_assert_cmpint (test_raw_int (db, "SELECT count(*) FROM sqlite_schema WHERE name = "
                                     "'assignments_by_annotator'"),
                   ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/assignments/assign-unassign", test_assign_unassign);
  g_test_add_func ("/core/assignments/evenly", test_assign_evenly);
  g_test_add_func ("/core/assignments/keep-replace", test_assign_keep_replace);
  g_test_add_func ("/core/assignments/progress", test_progress);
  g_test_add_func ("/core/assignments/merge", test_merge);
  g_test_add_func ("/core/assignments/migrate", test_migrate);

  return g_test_run ();
}
