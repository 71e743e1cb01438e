/* test-merge.c: merging project files (random histories, every order)
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <unistd.h>

#include "core-test-util.h"

#define N_COPIES      3
#define N_BASE_DOCS   3
#define N_BASE_SPANS  30
#define N_EDITS       150

static const char * const entity_labels[] = { "PERSON", "ORG", "GPE", "SOURCE", "DATE" };
static const char * const certainties[] = { "asserted", "hedged", "alleged", "denied" };

/* The store compared row by row: every table, every column, with the
 * documents' local integer ids replaced by their uuids (a document added by
 * a merge gets the next free id of its target, which depends on the order
 * of the merges; nothing else may). */
static char *
dump_project (GlossProject *project)
{
  static const char * const queries[] = {
    "SELECT key, value FROM project ORDER BY key",
    "SELECT uuid, name, sha256, length, meta, attributes, created, text FROM documents "
    "ORDER BY uuid",
    "SELECT d.uuid, s.annotator, s.status, s.modified FROM document_status s "
    "JOIN documents d ON d.id = s.document ORDER BY d.uuid, s.annotator",
    "SELECT d.uuid, a.annotator, a.deleted, a.modified FROM assignments a "
    "JOIN documents d ON d.id = a.document ORDER BY d.uuid, a.annotator",
    "SELECT a.uuid, d.uuid, a.label, a.start, a.end, a.fragments, a.attributes, a.note, "
    "a.norm_id, a.norm_name, a.annotator, a.created, a.modified, a.deleted, a.provenance "
    "FROM annotations a "
    "JOIN documents d ON d.id = a.document ORDER BY a.uuid",
    "SELECT r.uuid, d.uuid, r.type, r.source, r.target, r.attributes, r.annotator, r.created, "
    "r.modified, r.deleted FROM relations r JOIN documents d ON d.id = r.document "
    "ORDER BY r.uuid",
    "SELECT d.uuid, s.id, s.label, s.fragments, s.score, s.suggester, s.attributes, s.source, "
    "s.cue, s.state FROM suggestions s JOIN documents d ON d.id = s.document "
    "ORDER BY d.uuid, s.id",
  };
  sqlite3 *db = _gloss_store_get_db (gloss_project_get_store (project));
  GString *out = g_string_new (NULL);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, queries[q], -1, &stmt, NULL), ==, SQLITE_OK);
      g_string_append_printf (out, "== %u\n", q);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const char *v = (const char *) sqlite3_column_text (stmt, c);
              g_string_append_printf (out, "%s%s", c ? "|" : "", v ? v : "<NULL>");
            }
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
    }
  /* every table is dumped: fail when one is added and not compared here
   * (the full-text index is derived from documents; test-fts.c checks it) */
  {
    g_autofree char *tables =
      test_raw_text (db, "SELECT group_concat (name, ',') FROM (SELECT name FROM sqlite_schema "
                         "WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                         "AND name NOT LIKE 'documents_fts%' ORDER BY name)");
    g_assert_cmpstr (tables, ==,
                     "annotations,assignments,document_status,documents,project,relations,"
                     "suggestions");
  }
  return g_string_free (out, FALSE);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GFile) a = g_file_new_for_path (from);
  g_autoptr(GFile) b = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;

  g_file_copy (a, b, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static GVariant *
random_certainty (GRand *rand)
{
  return g_variant_new_string (certainties[g_rand_int_range (rand, 0, G_N_ELEMENTS (certainties))]);
}

static GlossAnnotation *
random_live (GRand               *rand,
             GlossAnnotationList *list)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  if (n == 0)
    return NULL;
  return g_list_model_get_item (G_LIST_MODEL (list), g_rand_int_range (rand, 0, n));
}

/* One random single-edit command; refused ones (schema, relation ends) are
 * simply skipped. */
static void
random_edit (GRand               *rand,
             GlossAnnotationList *list)
{
  g_autoptr(GlossCommand) cmd = gloss_command_new ("random");
  g_autoptr(GlossAnnotation) a = random_live (rand, list);
  guint length = gloss_document_get_length (gloss_annotation_list_get_document (list));
  int kind = a ? g_rand_int_range (rand, 0, 10) : 0;
  g_autoptr(GError) error = NULL;

  switch (kind)
    {
    case 0:
    case 1:
      {
        guint start = g_rand_int_range (rand, 0, length - 12);
        gboolean claim = g_rand_int_range (rand, 0, 3) == 0;
        g_autoptr(GlossAnnotation) n =
          gloss_annotation_new_span (claim ? "CLAIM"
                                           : entity_labels[g_rand_int_range (rand, 0, 5)],
                                     start, start + g_rand_int_range (rand, 1, 12), NULL);
        if (claim)
          gloss_annotation_set_attribute (n, "certainty", random_certainty (rand));
        gloss_command_create_annotation (cmd, n);
        break;
      }
    case 2:
      gloss_command_delete_annotation (cmd, gloss_annotation_get_uuid (a));
      break;
    case 3:
      gloss_command_set_label (cmd, gloss_annotation_get_uuid (a),
                               entity_labels[g_rand_int_range (rand, 0, 5)]);
      break;
    case 4:
      {
        guint start = g_rand_int_range (rand, 0, length - 12);
        GlossFragment f = { start, start + g_rand_int_range (rand, 1, 12) };
        gloss_command_set_fragments (cmd, gloss_annotation_get_uuid (a), &f, 1);
        break;
      }
    case 5:
      gloss_command_set_note (cmd, gloss_annotation_get_uuid (a),
                              g_rand_boolean (rand) ? "checked" : NULL);
      break;
    case 6:
      gloss_command_set_attribute (cmd, gloss_annotation_get_uuid (a), "certainty",
                                   random_certainty (rand));
      break;
    case 7:
      {
        g_autoptr(GlossAnnotation) b = random_live (rand, list);
        g_autoptr(GlossRelation) r = gloss_relation_new ("attributed-to",
                                                         gloss_annotation_get_uuid (a),
                                                         gloss_annotation_get_uuid (b), NULL);
        gloss_command_add_relation (cmd, r);
        break;
      }
    case 8:
      {
        GListModel *rels = gloss_annotation_list_get_relations (list);
        guint n = g_list_model_get_n_items (rels);
        g_autoptr(GlossRelation) r = n ? g_list_model_get_item (rels, g_rand_int_range (rand, 0, n))
                                       : NULL;
        if (r == NULL)
          return;
        gloss_command_remove_relation (cmd, gloss_relation_get_uuid (r));
        break;
      }
    default:
      gloss_command_set_document_status (cmd, NULL, g_rand_int_range (rand, 0, 3));
      break;
    }
  gloss_annotation_list_apply (list, cmd, &error);
}

typedef struct
{
  char *base;
  char *copies[N_COPIES];
} Histories;

static void
histories_free (Histories *h)
{
  g_free (h->base);
  for (guint i = 0; i < N_COPIES; i++)
    g_free (h->copies[i]);
  g_free (h);
}

static Histories *
make_histories (guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  Histories *h = g_new0 (Histories, 1);
  g_autoptr(GError) error = NULL;

  h->base = test_path ("base.gloss");
  {
    g_autoptr(GlossProject) base = gloss_project_create (h->base, NULL, &error);
    g_assert_no_error (error);
    gloss_project_set_annotator (base, "lead");
    for (guint d = 0; d < N_BASE_DOCS; d++)
      {
        g_autofree char *text = test_make_text (rand, 400);
        g_autofree char *name = g_strdup_printf ("doc-%u", d);
        GlossDocument *doc = gloss_project_add_document (base, name, text, -1, NULL, &error);
        g_autoptr(GlossAnnotationList) list = NULL;

        g_assert_no_error (error);
        list = gloss_project_dup_annotation_list (base, doc, &error);
        g_assert_no_error (error);
        while (g_list_model_get_n_items (G_LIST_MODEL (list)) < N_BASE_SPANS)
          random_edit (rand, list);
      }
  }

  for (guint c = 0; c < N_COPIES; c++)
    {
      g_autofree char *name = g_strdup_printf ("copy-%u.gloss", c);
      g_autofree char *annotator = g_strdup_printf ("annotator-%u", c);
      g_autoptr(GlossProject) copy = NULL;
      GListModel *docs;

      h->copies[c] = test_path (name);
      copy_file (h->base, h->copies[c]);
      copy = gloss_project_open (h->copies[c], &error);
      g_assert_no_error (error);
      gloss_project_set_annotator (copy, annotator);

      /* documents new in the copies: two of the same name, one named like
       * a base document */
      {
        g_autofree char *text = test_make_text (rand, 300);
        gloss_project_add_document (copy, c == 2 ? "doc-0" : "extra", text, -1,
                                    "{\"source\":\"copy\"}", &error);
        g_assert_no_error (error);
      }

      docs = gloss_project_get_documents (copy);
      for (guint e = 0; e < N_EDITS; e++)
        {
          guint n_docs = g_list_model_get_n_items (docs);
          g_autoptr(GlossDocument) doc = g_list_model_get_item (docs,
                                                                g_rand_int_range (rand, 0, n_docs));
          g_autoptr(GlossAnnotationList) list = gloss_project_dup_annotation_list (copy, doc,
                                                                                   &error);
          g_assert_no_error (error);
          random_edit (rand, list);
        }
    }
  return h;
}

static const guint orders[6][3] = {
  { 0, 1, 2 }, { 0, 2, 1 }, { 1, 0, 2 }, { 1, 2, 0 }, { 2, 0, 1 }, { 2, 1, 0 },
};

static void
test_orders (void)
{
  Histories *h = make_histories (g_test_rand_int ());
  g_autofree char *first = NULL;
  g_autoptr(GError) error = NULL;

  for (guint o = 0; o < G_N_ELEMENTS (orders); o++)
    {
      g_autofree char *name = g_strdup_printf ("target-%u.gloss", o);
      g_autofree char *path = test_path (name);
      g_autoptr(GlossProject) target = NULL;
      g_autofree char *dump = NULL;

      copy_file (h->base, path);
      target = gloss_project_open (path, &error);
      g_assert_no_error (error);
      for (guint k = 0; k < N_COPIES; k++)
        {
          g_autoptr(GlossMergeReport) report = gloss_merge_report_new ();

          g_assert_true (gloss_merge_project (target, h->copies[orders[o][k]], report, NULL,
                                              &error));
          g_assert_no_error (error);
          g_assert_cmpuint (report->conflicts->len, <=, 2);
        }
      g_assert_true (gloss_store_check_integrity (gloss_project_get_store (target), &error));
      g_assert_no_error (error);
      dump = dump_project (target);
      if (first == NULL)
        first = g_steal_pointer (&dump);
      else
        g_assert_cmpstr (dump, ==, first);

      /* idempotent: the same sources again change nothing */
      if (o == 0)
        for (guint k = 0; k < N_COPIES; k++)
          {
            g_autoptr(GlossMergeReport) report = gloss_merge_report_new ();
            g_autofree char *again = NULL;

            g_assert_true (gloss_merge_project (target, h->copies[k], report, NULL, &error));
            g_assert_no_error (error);
            g_assert_cmpuint (report->annotations_written + report->relations_written +
                              report->statuses_updated + report->documents_added +
                              report->documents_renamed, ==, 0);
            g_assert_false (gloss_merge_report_can_undo (report));
            again = dump_project (target);
            g_assert_cmpstr (again, ==, first);
          }
    }
  /* the merged names are deterministic: two "extra" and a second "doc-0" */
  g_assert_nonnull (strstr (first, "|extra|"));
  g_assert_nonnull (strstr (first, "|extra (2)|"));
  g_assert_nonnull (strstr (first, "|doc-0 (2)|"));
  histories_free (h);
}

/* Every row a merge writes is listed, and undo restores the exact store;
 * open lists follow both steps. */
static void
test_undo (void)
{
  Histories *h = make_histories (g_test_rand_int ());
  g_autofree char *path = test_path ("target.gloss");
  g_autoptr(GlossProject) target = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lists = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *docs;

  copy_file (h->base, path);
  target = gloss_project_open (path, &error);
  g_assert_no_error (error);
  docs = gloss_project_get_documents (target);
  for (guint i = 0; i < g_list_model_get_n_items (docs); i++)
    {
      g_autoptr(GlossDocument) doc = g_list_model_get_item (docs, i);
      GlossAnnotationList *list = gloss_project_dup_annotation_list (target, doc, &error);
      g_assert_no_error (error);
      g_ptr_array_add (lists, list);
    }

  for (guint k = 0; k < N_COPIES; k++)
    {
      g_autoptr(GlossMergeReport) report = gloss_merge_report_new ();
      g_autofree char *before = dump_project (target);
      g_autofree char *after = NULL;
      g_autofree char *restored = NULL;
      g_autofree char *redone = NULL;
      TestMirror *mirror = test_mirror_new (G_LIST_MODEL (g_ptr_array_index (lists, 0)));

      g_assert_true (gloss_merge_project (target, h->copies[k], report, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (gloss_merge_report_can_undo (report));
      g_assert_cmpuint (report->documents_added, ==, 1);
      after = dump_project (target);
      g_assert_cmpstr (after, !=, before);
      test_mirror_check (mirror);
      for (guint i = 0; i < lists->len; i++)
        {
          test_check_list_matches_store (g_ptr_array_index (lists, i),
                                         gloss_project_get_store (target));
          g_assert_false (gloss_annotation_list_can_undo (g_ptr_array_index (lists, i)));
        }

      g_assert_true (gloss_project_undo_merge (target, report, &error));
      g_assert_no_error (error);
      g_assert_false (gloss_merge_report_can_undo (report));
      restored = dump_project (target);
      g_assert_cmpstr (restored, ==, before);
      test_mirror_check (mirror);
      for (guint i = 0; i < lists->len; i++)
        test_check_list_matches_store (g_ptr_array_index (lists, i),
                                       gloss_project_get_store (target));
      g_assert_cmpuint (g_list_model_get_n_items (docs), ==, N_BASE_DOCS + k);
      test_mirror_free (mirror);

      /* merge again for good, so that the next source meets a merged target */
      g_assert_true (gloss_merge_project (target, h->copies[k], report, NULL, &error));
      g_assert_no_error (error);
      redone = dump_project (target);
      g_assert_cmpstr (redone, ==, after);
    }
  g_assert_cmpuint (g_list_model_get_n_items (docs), ==, N_BASE_DOCS + N_COPIES);
  histories_free (h);
}

static void
test_undo_refused_after_edit (void)
{
  Histories *h = make_histories (g_test_rand_int ());
  g_autofree char *path = test_path ("target.gloss");
  g_autoptr(GlossProject) target = NULL;
  g_autoptr(GlossMergeReport) report = gloss_merge_report_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossAnnotationList) list = NULL;
  g_autoptr(GlossCommand) cmd = gloss_command_new ("delete");
  g_autofree char *before = NULL;
  GlossAnnotation *victim = NULL;
  GListModel *docs;

  copy_file (h->base, path);
  target = gloss_project_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (gloss_merge_project (target, h->copies[0], report, NULL, &error));
  g_assert_no_error (error);

  /* edit a row the merge wrote */
  docs = gloss_project_get_documents (target);
  for (guint i = 0; i < g_list_model_get_n_items (docs) && victim == NULL; i++)
    {
      g_autoptr(GlossDocument) doc = g_list_model_get_item (docs, i);
      g_autoptr(GPtrArray) rows = gloss_store_load_annotations (gloss_project_get_store (target),
                                                                gloss_document_get_id (doc),
                                                                FALSE, NULL);
      for (guint k = 0; k < rows->len && victim == NULL; k++)
        if (g_str_has_prefix (gloss_annotation_get_annotator (g_ptr_array_index (rows, k)),
                              "annotator-"))
          {
            g_clear_object (&list);
            list = gloss_project_dup_annotation_list (target, doc, &error);
            victim = gloss_annotation_list_lookup (list, gloss_annotation_get_uuid (
                                                            g_ptr_array_index (rows, k)));
          }
    }
  g_assert_nonnull (victim);
  gloss_command_delete_annotation (cmd, gloss_annotation_get_uuid (victim));
  g_assert_true (gloss_annotation_list_apply (list, cmd, &error));
  g_assert_no_error (error);
  before = dump_project (target);

  g_assert_false (gloss_project_undo_merge (target, report, &error));
  g_assert_error (error, GLOSS_MERGE_ERROR, GLOSS_MERGE_ERROR_CHANGED);
  g_clear_error (&error);
  {
    g_autofree char *after = dump_project (target);
    g_assert_cmpstr (after, ==, before);
  }
  histories_free (h);
}

/* Sources that are not projects, damaged or newer are refused and the
 * target is untouched. */
static void
test_refuse (void)
{
  g_autofree char *path = test_path ("target.gloss");
  g_autofree char *text = test_path ("not-a-project.gloss");
  g_autofree char *newer = test_path ("newer.gloss");
  g_autofree char *missing = test_path ("missing.gloss");
  g_autofree char *corrupt = test_path ("corrupt.gloss");
  g_autoptr(GlossProject) target = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;

  target = gloss_project_create (path, NULL, &error);
  g_assert_no_error (error);
  gloss_project_add_document (target, "a", "Some text.", -1, NULL, &error);
  g_assert_no_error (error);
  before = dump_project (target);

  g_assert_true (g_file_set_contents (text, "hello, not SQLite at all\n", -1, NULL));
  {
    /* damaged: garbage over b-tree pages in the middle of a real project */
    g_autoptr(GlossStore) store = gloss_store_create (corrupt, NULL, &error);
    g_autoptr(GRand) rand = g_rand_new_with_seed (7);
    gint64 page_size;
    int fd;

    g_assert_no_error (error);
    for (int i = 0; i < 40; i++)
      {
        g_autofree char *name = g_strdup_printf ("doc %d", i);
        g_autofree char *t = test_make_text (rand, 3000);

        g_assert_cmpint (gloss_store_insert_document (store, NULL, name, t, -1, NULL, NULL, 0,
                                                      &error), >, 0);
      }
    page_size = test_raw_int (_gloss_store_get_db (store), "PRAGMA page_size");
    g_clear_object (&store);
    fd = g_open (corrupt, O_WRONLY, 0);
    g_assert_cmpint (fd, >=, 0);
    for (gint64 page = 3; page < 7; page++)
      {
        guchar garbage[512];

        for (guint i = 0; i < sizeof garbage; i++)
          garbage[i] = g_rand_int_range (rand, 0, 256);
        g_assert_cmpint (pwrite (fd, garbage, sizeof garbage, (page - 1) * page_size), ==,
                         sizeof garbage);
      }
    g_assert_cmpint (close (fd), ==, 0);
  }
  {
    g_autoptr(GlossProject) p = gloss_project_create (newer, NULL, &error);
    g_assert_no_error (error);
  }
  {
    sqlite3 *db = test_raw_open (newer);
    test_raw_exec (db, "PRAGMA user_version = 99");
    sqlite3_close (db);
  }

  {
    g_autoptr(GlossMergeReport) report = gloss_merge_report_new ();

    g_assert_false (gloss_merge_project (target, text, report, NULL, &error));
    g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_A_PROJECT);
    g_clear_error (&error);
    g_assert_false (gloss_merge_project (target, newer, report, NULL, &error));
    g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_TOO_NEW);
    g_clear_error (&error);
    g_assert_false (gloss_merge_project (target, corrupt, report, NULL, &error));
    g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_CORRUPT);
    g_clear_error (&error);
    g_assert_false (gloss_merge_project (target, missing, report, NULL, &error));
    g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_false (gloss_merge_report_can_undo (report));
  }
  {
    /* cancelled: rolled back */
    g_autofree char *valid = test_path ("valid.gloss");
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GlossProject) source = gloss_project_create (valid, NULL, &error);

    g_assert_no_error (error);
    gloss_project_add_document (source, "b", "Other text.", -1, NULL, &error);
    g_assert_no_error (error);
    g_cancellable_cancel (cancellable);
    g_assert_false (gloss_merge_project (target, valid, NULL, cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
  }
  {
    g_autofree char *after = dump_project (target);
    g_assert_cmpstr (after, ==, before);
  }
  g_assert_cmpuint (g_list_model_get_n_items (gloss_project_get_documents (target)), ==, 1);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

/* Schemas are united; a label defined differently keeps the target's. */
static void
test_schema_union (void)
{
  g_autofree char *tpath = test_path ("target.gloss");
  g_autofree char *spath = test_path ("source.gloss");
  g_autoptr(GlossProject) target = NULL;
  g_autoptr(GlossMergeReport) report = gloss_merge_report_new ();
  g_autoptr(GError) error = NULL;
  GlossSchema *schema;

  target = gloss_project_create (tpath, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GlossSchema) s = gloss_schema_new_preset ("news", &error);
    g_autoptr(GlossLabel) weapon = gloss_label_new ("WEAPON", "entity", "#aa0000", NULL,
                                                    "A weapon system");
    g_autoptr(GlossProject) source = NULL;
    g_autoptr(GlossAnnotationList) list = NULL;
    g_autoptr(GlossCommand) cmd = gloss_command_new ("weapon");
    g_autoptr(GlossAnnotation) a = gloss_annotation_new_span ("WEAPON", 0, 7, "x");
    GlossDocument *doc;

    g_assert_no_error (error);
    g_assert_true (gloss_schema_add_label (s, weapon, &error));
    /* PERSON moves to another layer in the source: a conflict */
    gloss_label_set_layer (gloss_schema_lookup_label (s, "PERSON"), "people");
    source = gloss_project_create (spath, s, &error);
    g_assert_no_error (error);
    doc = gloss_project_add_document (source, "d", "Missile launched.", -1, NULL, &error);
    g_assert_no_error (error);
    list = gloss_project_dup_annotation_list (source, doc, &error);
    g_assert_no_error (error);
    gloss_command_create_annotation (cmd, a);
    g_assert_true (gloss_annotation_list_apply (list, cmd, &error));
    g_assert_no_error (error);
  }

  g_assert_true (gloss_merge_project (target, spath, report, NULL, &error));
  g_assert_no_error (error);
  schema = gloss_project_get_schema (target);
  g_assert_nonnull (gloss_schema_lookup_label (schema, "WEAPON"));
  g_assert_cmpstr (gloss_label_get_layer (gloss_schema_lookup_label (schema, "PERSON")), ==,
                   "entity");
  g_assert_cmpuint (report->labels_added->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (report->labels_added, 0), ==, "WEAPON");
  g_assert_cmpuint (report->conflicts->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (report->conflicts, 0), "PERSON"));
  g_assert_cmpuint (report->documents_added, ==, 1);
  g_assert_cmpuint (report->annotations_added, ==, 1);
  {
    g_autofree char *json = gloss_store_dup_schema_json (gloss_project_get_store (target));
    g_assert_nonnull (strstr (json, "WEAPON"));
  }

  /* undo takes the label out again */
  g_assert_true (gloss_project_undo_merge (target, report, &error));
  g_assert_no_error (error);
  g_assert_null (gloss_schema_lookup_label (gloss_project_get_schema (target), "WEAPON"));
  g_assert_cmpuint (gloss_store_count_documents (gloss_project_get_store (target)), ==, 0);
}

/* Names: colliding documents are numbered in uuid order (a target document
 * may be renamed, and undo names it back); a document uuid taken by another
 * text gets a derived uuid. */
static void
test_names (void)
{
  g_autofree char *tpath = test_path ("target.gloss");
  g_autofree char *spath = test_path ("source.gloss");
  g_autoptr(GlossProject) target = NULL;
  g_autoptr(GlossMergeReport) report = gloss_merge_report_new ();
  g_autoptr(GError) error = NULL;
  GlossStore *store;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *db;

  target = gloss_project_create (tpath, NULL, &error);
  g_assert_no_error (error);
  store = gloss_project_get_store (target);
  g_assert_cmpint (gloss_store_insert_document (store, "ffffffff-0000-4000-8000-000000000000", "x",
                                                "Target text.", -1, NULL, NULL, 0, &error), >, 0);
  g_assert_cmpint (gloss_store_insert_document (store, "11111111-0000-4000-8000-000000000000", "y",
                                                "Another target text.", -1, NULL, NULL, 0,
                                                &error), >, 0);
  g_assert_true (gloss_project_reload_documents (target, &error));
  {
    g_autoptr(GlossStore) source = gloss_store_create (spath, NULL, &error);
    g_assert_no_error (error);
    /* same name as a target document, smaller uuid: takes the name */
    g_assert_cmpint (gloss_store_insert_document (source, "00000000-0000-4000-8000-000000000000",
                                                  "x", "Source text.", -1, NULL, NULL, 0,
                                                  &error), >, 0);
    /* the uuid of target document "y" with another text */
    g_assert_cmpint (gloss_store_insert_document (source, "11111111-0000-4000-8000-000000000000",
                                                  "z", "Source text two.", -1, NULL, NULL, 0,
                                                  &error), >, 0);
    /* the same text twice in the source: two documents, never folded */
    g_assert_cmpint (gloss_store_insert_document (source, "22222222-0000-4000-8000-000000000000",
                                                  "z copy", "Source text two.", -1, NULL, NULL, 0,
                                                  &error), >, 0);
  }
  before = dump_project (target);
  g_assert_true (gloss_merge_project (target, spath, report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->documents_added, ==, 3);
  g_assert_cmpuint (report->documents_renamed, ==, 1);
  db = _gloss_store_get_db (store);
  g_assert_cmpint (test_raw_int (db, "SELECT count(*) FROM documents WHERE name = 'x' AND "
                                     "uuid = '00000000-0000-4000-8000-000000000000'"), ==, 1);
  g_assert_cmpint (test_raw_int (db, "SELECT count(*) FROM documents WHERE name = 'x (2)' AND "
                                     "uuid = 'ffffffff-0000-4000-8000-000000000000'"), ==, 1);
  g_assert_cmpint (test_raw_int (db, "SELECT count(*) FROM documents WHERE name = 'z' AND "
                                     "uuid != '11111111-0000-4000-8000-000000000000'"), ==, 1);
  g_assert_cmpint (test_raw_int (db, "SELECT count(*) FROM documents WHERE name = 'z copy' AND "
                                     "uuid = '22222222-0000-4000-8000-000000000000'"), ==, 1);
  g_assert_nonnull (gloss_project_find_document (target, "x (2)"));
  g_assert_cmpuint (g_list_model_get_n_items (gloss_project_get_documents (target)), ==, 5);
  after = dump_project (target);

  /* again: nothing */
  {
    g_autoptr(GlossMergeReport) again = gloss_merge_report_new ();
    g_autofree char *dump = NULL;

    g_assert_true (gloss_merge_project (target, spath, again, NULL, &error));
    g_assert_no_error (error);
    g_assert_false (gloss_merge_report_can_undo (again));
    dump = dump_project (target);
    g_assert_cmpstr (dump, ==, after);
  }

  g_assert_true (gloss_project_undo_merge (target, report, &error));
  g_assert_no_error (error);
  {
    g_autofree char *dump = dump_project (target);
    g_assert_cmpstr (dump, ==, before);
  }
  g_assert_nonnull (gloss_project_find_document (target, "x"));
  g_assert_cmpuint (g_list_model_get_n_items (gloss_project_get_documents (target)), ==, 2);
  /* a second undo is refused */
  g_assert_false (gloss_project_undo_merge (target, report, &error));
  g_assert_error (error, GLOSS_MERGE_ERROR, GLOSS_MERGE_ERROR_NOTHING_TO_UNDO);
}

static void
put_row (const char *path,
         const char *uuid,
         const char *label,
         gint64      modified,
         gboolean    deleted)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = gloss_store_open (path, &error);
  g_autoptr(GlossAnnotation) a = gloss_annotation_new_span (label, 0, 4, "someone");
  GArray *ids;

  g_assert_no_error (error);
  ids = gloss_store_list_document_ids (store, &error);
  g_assert_no_error (error);
  gloss_annotation_set_uuid (a, uuid);
  gloss_annotation_set_document_id (a, g_array_index (ids, gint64, 0));
  gloss_annotation_set_times (a, 1000, modified);
  gloss_annotation_set_deleted (a, deleted);
  g_assert_true (gloss_store_put_annotation (store, a, &error));
  g_assert_no_error (error);
  g_array_unref (ids);
}

/* Same uuid in two sources: the newer wins, a tie is broken by the row
 * contents, a newer tombstone deletes and an older one loses; the same in
 * both orders. */
static void
test_ties (void)
{
  g_autofree char *base = test_path ("base.gloss");
  g_autofree char *s1 = test_path ("s1.gloss");
  g_autofree char *s2 = test_path ("s2.gloss");
  char *dumps[2] = { NULL, NULL };
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(GlossProject) p = gloss_project_create (base, NULL, &error);
    g_assert_no_error (error);
    gloss_project_add_document (p, "d", "Anna and Olaf met.", -1, NULL, &error);
    g_assert_no_error (error);
  }
  copy_file (base, s1);
  copy_file (base, s2);
  /* tie at 5000: ORG > GPE in the row order, ORG wins */
  put_row (s1, "00000000-0000-4000-8000-00000000000a", "GPE", 5000, FALSE);
  put_row (s2, "00000000-0000-4000-8000-00000000000a", "ORG", 5000, FALSE);
  /* a newer tombstone deletes */
  put_row (s1, "00000000-0000-4000-8000-00000000000b", "PERSON", 5000, FALSE);
  put_row (s2, "00000000-0000-4000-8000-00000000000b", "PERSON", 6000, TRUE);
  /* an older tombstone loses */
  put_row (s1, "00000000-0000-4000-8000-00000000000c", "PERSON", 7000, FALSE);
  put_row (s2, "00000000-0000-4000-8000-00000000000c", "PERSON", 6000, TRUE);

  for (guint o = 0; o < 2; o++)
    {
      g_autofree char *name = g_strdup_printf ("t%u.gloss", o);
      g_autofree char *path = test_path (name);
      g_autoptr(GlossProject) t = NULL;
      sqlite3 *db;

      copy_file (base, path);
      t = gloss_project_open (path, &error);
      g_assert_no_error (error);
      g_assert_true (gloss_merge_project (t, o ? s2 : s1, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (gloss_merge_project (t, o ? s1 : s2, NULL, NULL, &error));
      g_assert_no_error (error);
      db = _gloss_store_get_db (gloss_project_get_store (t));
      g_assert_cmpint (test_raw_int (db, "SELECT label = 'ORG' FROM annotations WHERE uuid = "
                                         "'00000000-0000-4000-8000-00000000000a'"), ==, 1);
      g_assert_cmpint (test_raw_int (db, "SELECT deleted FROM annotations WHERE uuid = "
                                         "'00000000-0000-4000-8000-00000000000b'"), ==, 1);
      g_assert_cmpint (test_raw_int (db, "SELECT deleted FROM annotations WHERE uuid = "
                                         "'00000000-0000-4000-8000-00000000000c'"), ==, 0);
      dumps[o] = dump_project (t);
    }
  g_assert_cmpstr (dumps[0], ==, dumps[1]);
  g_free (dumps[0]);
  g_free (dumps[1]);
}

/* A source of an older project version is read as it is: the merge does
 * not migrate (write) it. */
static void
test_old_source (void)
{
  g_autofree char *tpath = test_path ("target.gloss");
  g_autofree char *spath = test_path ("v1.gloss");
  g_autoptr(GlossProject) target = NULL;
  g_autoptr(GlossMergeReport) report = gloss_merge_report_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossSchema) schema = gloss_schema_new_preset ("news", &error);
  g_autofree char *json = gloss_schema_to_json (schema);
  g_autofree char *sum_before = NULL;
  g_autofree char *sum_after = NULL;
  const char *text = "Berlin, Monday.";
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  g_autofree char *insert = NULL;
  sqlite3 *db;

  g_assert_true (_gloss_store_create_at_version (spath, 1, json, &error));
  g_assert_no_error (error);
  db = test_raw_open (spath);
  insert = g_strdup_printf ("INSERT INTO documents (uuid, name, text, sha256, length, meta, "
                            "created) VALUES ('0f6a2c1e-0000-4000-8000-000000000001', 'old', "
                            "'%s', '%s', %ld, '{}', 1)", text, sha, g_utf8_strlen (text, -1));
  test_raw_exec (db, insert);
  test_raw_exec (db, "INSERT INTO annotations (uuid, document, label, start, end, fragments, "
                     "annotator, created, modified) VALUES "
                     "('a-1', 1, 'GPE', 0, 6, '0-6', 'old', 1, 1)");
  test_raw_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)");
  sqlite3_close (db);
  sum_before = test_file_checksum (spath);

  target = gloss_project_create (tpath, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (gloss_merge_project (target, spath, report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->documents_added, ==, 1);
  g_assert_cmpuint (report->annotations_added, ==, 1);
  sum_after = test_file_checksum (spath);
  g_assert_cmpstr (sum_after, ==, sum_before);
  db = test_raw_open (spath);
  g_assert_cmpint (test_raw_int (db, "PRAGMA user_version"), ==, 1);
  sqlite3_close (db);
}

/* ---- document identity */

/* Projects whose texts repeat: "x", "x again" and "x once more" share one
 * text, "y" and "y bis" another, "z" is alone. Each copy adds documents
 * whose text the project already holds or holds twice: copy 0 another "x"
 * (same name and text), copy 1 "y new", copy 2 "w" and "w twice" (a new
 * text, twice). Then random edits everywhere. */
static Histories *
make_duplicate_histories (guint32 seed)
{
  static const struct
  {
    const char *name;
    guint       text;
  } base_docs[] = {
    { "x", 0 }, { "x again", 0 }, { "x once more", 0 }, { "y", 1 }, { "y bis", 1 }, { "z", 2 },
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  Histories *h = g_new0 (Histories, 1);
  g_autoptr(GError) error = NULL;

  for (guint t = 0; t < 4; t++)
    g_ptr_array_add (texts, test_make_text (rand, 300));

  h->base = test_path ("dup-base.gloss");
  {
    g_autoptr(GlossProject) base = gloss_project_create (h->base, NULL, &error);
    g_assert_no_error (error);
    gloss_project_set_annotator (base, "lead");
    for (guint d = 0; d < G_N_ELEMENTS (base_docs); d++)
      {
        const char *text = g_ptr_array_index (texts, base_docs[d].text);
        GlossDocument *doc = gloss_project_add_document (base, base_docs[d].name, text, -1, NULL,
                                                         &error);
        g_autoptr(GlossAnnotationList) list = NULL;

        g_assert_no_error (error);
        list = gloss_project_dup_annotation_list (base, doc, &error);
        g_assert_no_error (error);
        while (g_list_model_get_n_items (G_LIST_MODEL (list)) < 12)
          random_edit (rand, list);
      }
  }

  for (guint c = 0; c < N_COPIES; c++)
    {
      g_autofree char *name = g_strdup_printf ("dup-copy-%u.gloss", c);
      g_autofree char *annotator = g_strdup_printf ("annotator-%u", c);
      g_autoptr(GlossProject) copy = NULL;
      GListModel *docs;

      h->copies[c] = test_path (name);
      copy_file (h->base, h->copies[c]);
      copy = gloss_project_open (h->copies[c], &error);
      g_assert_no_error (error);
      gloss_project_set_annotator (copy, annotator);
      switch (c)
        {
        case 0:
          gloss_project_add_document (copy, "x", g_ptr_array_index (texts, 0), -1, NULL,
                                      &error);
          break;
        case 1:
          gloss_project_add_document (copy, "y new", g_ptr_array_index (texts, 1), -1, NULL,
                                      &error);
          break;
        default:
          gloss_project_add_document (copy, "w", g_ptr_array_index (texts, 3), -1, NULL,
                                      &error);
          g_assert_no_error (error);
          gloss_project_add_document (copy, "w twice", g_ptr_array_index (texts, 3), -1, NULL,
                                      &error);
          break;
        }
      g_assert_no_error (error);

      docs = gloss_project_get_documents (copy);
      for (guint e = 0; e < N_EDITS; e++)
        {
          guint n_docs = g_list_model_get_n_items (docs);
          g_autoptr(GlossDocument) doc = g_list_model_get_item (docs,
                                                                g_rand_int_range (rand, 0, n_docs));
          g_autoptr(GlossAnnotationList) list = gloss_project_dup_annotation_list (copy, doc,
                                                                                   &error);
          g_assert_no_error (error);
          random_edit (rand, list);
        }
    }
  return h;
}

/* Where everything is, by uuid: each document's uuid -> its text hash, each
 * annotation's and relation's uuid (tombstones too) -> its document's uuid. */
static GHashTable *
dup_places (GlossProject *project)
{
  static const char sql[] =
    "SELECT uuid, sha256 FROM documents UNION ALL "
    "SELECT a.uuid, d.uuid FROM annotations a JOIN documents d ON d.id = a.document UNION ALL "
    "SELECT r.uuid, d.uuid FROM relations r JOIN documents d ON d.id = r.document";
  sqlite3 *db = _gloss_store_get_db (gloss_project_get_store (project));
  GHashTable *places = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_assert_true (g_hash_table_insert (places,
                                        g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                                        g_strdup ((const char *) sqlite3_column_text (stmt, 1))));
  sqlite3_finalize (stmt);
  return places;
}

/* Adds the places of the project at @path to @all; a row is on the same
 * document in every project that has it. */
static void
add_places (GHashTable *all,
            const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = gloss_project_open (path, &error);
  g_autoptr(GHashTable) places = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_assert_no_error (error);
  places = dup_places (project);
  g_hash_table_iter_init (&iter, places);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *known = g_hash_table_lookup (all, key);

      if (known != NULL)
        g_assert_cmpstr (known, ==, value);
      else
        g_hash_table_insert (all, g_strdup (key), g_strdup (value));
    }
}

/* Every document, annotation and relation of the sources is in @project,
 * each row on the document it was made on, and nothing else. */
static void
check_places (GlossProject *project,
              GHashTable   *expected)
{
  g_autoptr(GHashTable) got = dup_places (project);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *place = g_hash_table_lookup (got, key);

      if (g_strcmp0 (place, value) != 0)
        g_error ("%s is on %s, made on %s", (const char *) key, place ? place : "nothing",
                 (const char *) value);
    }
  g_assert_cmpuint (g_hash_table_size (got), ==, g_hash_table_size (expected));
}

/* Merging @path into @project changes nothing and reports nothing. */
static void
assert_merge_changes_nothing (GlossProject *project,
                              const char   *path)
{
  g_autoptr(GlossMergeReport) report = gloss_merge_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump_project (project);
  g_autofree char *after = NULL;
  GlossSchema *schema = gloss_project_get_schema (project);

  g_assert_true (gloss_merge_project (project, path, report, NULL, &error));
  g_assert_no_error (error);
  /* the project keeps its schema (and its open lists their histories) */
  g_assert_true (gloss_project_get_schema (project) == schema);
  g_assert_cmpuint (report->labels_added->len, ==, 0);
  g_assert_cmpuint (report->annotations_written, ==, 0);
  g_assert_cmpuint (report->relations_written, ==, 0);
  g_assert_cmpuint (report->statuses_updated, ==, 0);
  g_assert_cmpuint (report->documents_added, ==, 0);
  g_assert_cmpuint (report->documents_renamed, ==, 0);
  g_assert_false (gloss_merge_report_can_undo (report));
  after = dump_project (project);
  g_assert_cmpstr (after, ==, before);
}

/* Projects holding one text under several names, in the source and in the
 * target: merged in every order, again, into themselves and with copies of
 * themselves, no row moves to another document and none is lost. */
static void
test_duplicate_texts (void)
{
  Histories *h = make_duplicate_histories (g_test_rand_int ());
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          g_free);
  g_autofree char *first = NULL;
  g_autoptr(GError) error = NULL;

  add_places (expected, h->base);
  for (guint k = 0; k < N_COPIES; k++)
    add_places (expected, h->copies[k]);

  /* each project into itself, and a copy of it into it */
  for (guint k = 0; k <= N_COPIES; k++)
    {
      const char *path = k == 0 ? h->base : h->copies[k - 1];
      g_autofree char *name = g_strdup_printf ("self-copy-%u.gloss", k);
      g_autofree char *copy = test_path (name);
      g_autoptr(GlossProject) project = NULL;

      copy_file (path, copy);
      project = gloss_project_open (path, &error);
      g_assert_no_error (error);
      assert_merge_changes_nothing (project, path);
      assert_merge_changes_nothing (project, copy);
    }

  for (guint o = 0; o < G_N_ELEMENTS (orders); o++)
    {
      g_autofree char *name = g_strdup_printf ("dup-target-%u.gloss", o);
      g_autofree char *path = test_path (name);
      g_autofree char *copy = g_strdup_printf ("%s.copy", path);
      g_autoptr(GlossProject) target = NULL;
      g_autofree char *dump = NULL;

      copy_file (h->base, path);
      target = gloss_project_open (path, &error);
      g_assert_no_error (error);
      for (guint k = 0; k < N_COPIES; k++)
        {
          g_assert_true (gloss_merge_project (target, h->copies[orders[o][k]], NULL, NULL,
                                              &error));
          g_assert_no_error (error);
        }
      g_assert_true (gloss_store_check_integrity (gloss_project_get_store (target), &error));
      g_assert_no_error (error);
      check_places (target, expected);
      /* 6 base documents, one more "x", "y new", "w" and "w twice" */
      g_assert_cmpuint (g_list_model_get_n_items (gloss_project_get_documents (target)), ==, 10);
      dump = dump_project (target);
      if (first == NULL)
        first = g_steal_pointer (&dump);
      else
        g_assert_cmpstr (dump, ==, first);

      /* again, in the same order, into itself, a copy of it into it */
      for (guint k = 0; k < N_COPIES; k++)
        assert_merge_changes_nothing (target, h->copies[orders[o][k]]);
      assert_merge_changes_nothing (target, h->base);
      assert_merge_changes_nothing (target, path);
      {
        GlossStore *store = gloss_project_get_store (target);
        g_autofree char *sql = g_strdup_printf ("VACUUM INTO '%s'", copy);

        test_raw_exec (_gloss_store_get_db (store), sql);
      }
      assert_merge_changes_nothing (target, copy);
      check_places (target, expected);
    }
  histories_free (h);
}

/* Documents that never met (the same article imported separately) match by
 * text, one to one: two documents of one project are never folded into one,
 * and the pairs do not depend on the order of the merges. */
static void
test_never_met (void)
{
  const char *text = "Anna told Reuters that Olaf left Berlin on Monday.";
  g_autofree char *apath = test_path ("anna.gloss");
  g_autofree char *bpath = test_path ("bert.gloss");
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  struct
  {
    const char *path;
    const char *annotator;
    guint       n_docs;
  } sources[] = { { apath, "anna", 1 }, { bpath, "bert", 2 } };
  char *uuids[3] = { NULL, NULL, NULL };  /* annotations: anna's, bert's first, bert's second */
  char *doc_uuids[2] = { NULL, NULL };    /* bert's documents */

  for (guint s = 0; s < G_N_ELEMENTS (sources); s++)
    {
      g_autoptr(GlossProject) p = gloss_project_create (sources[s].path, NULL, &error);

      g_assert_no_error (error);
      gloss_project_set_annotator (p, sources[s].annotator);
      for (guint d = 0; d < sources[s].n_docs; d++)
        {
          GlossDocument *doc = gloss_project_add_document (p, d ? "story again" : "story", text,
                                                           -1, NULL, &error);
          g_autoptr(GlossAnnotationList) list = NULL;
          g_autoptr(GlossCommand) cmd = gloss_command_new ("create");
          g_autoptr(GlossAnnotation) a = gloss_annotation_new_span (d ? "GPE" : "PERSON",
                                                                    d ? 33 : 0, d ? 39 : 4, NULL);

          g_assert_no_error (error);
          list = gloss_project_dup_annotation_list (p, doc, &error);
          g_assert_no_error (error);
          gloss_command_create_annotation (cmd, a);
          g_assert_true (gloss_annotation_list_apply (list, cmd, &error));
          g_assert_no_error (error);
          uuids[s + d] = g_strdup (gloss_annotation_get_uuid (a));
          if (s == 1)
            doc_uuids[d] = g_strdup (gloss_document_get_uuid (doc));
        }
    }
  /* anna's document pairs with bert's document of the smaller uuid; the
   * groups of annotations per document, sorted */
  {
    guint paired = strcmp (doc_uuids[0], doc_uuids[1]) < 0 ? 1 : 2;
    guint alone = 3 - paired;
    g_autofree char *pair = strcmp (uuids[0], uuids[paired]) < 0
                              ? g_strconcat (uuids[0], " ", uuids[paired], NULL)
                              : g_strconcat (uuids[paired], " ", uuids[0], NULL);

    expected = strcmp (pair, uuids[alone]) < 0
                 ? g_strdup_printf ("%s\n%s\n", pair, uuids[alone])
                 : g_strdup_printf ("%s\n%s\n", uuids[alone], pair);
  }

  for (guint o = 0; o < 2; o++)
    {
      g_autofree char *name = g_strdup_printf ("met-%u.gloss", o);
      g_autofree char *path = test_path (name);
      g_autoptr(GlossProject) target = gloss_project_create (path, NULL, &error);
      g_autofree char *groups = NULL;
      sqlite3 *db;

      g_assert_no_error (error);
      g_assert_true (gloss_merge_project (target, sources[o].path, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (gloss_merge_project (target, sources[1 - o].path, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (gloss_project_get_documents (target)), ==, 2);
      db = _gloss_store_get_db (gloss_project_get_store (target));
      /* the annotations of each document, one line per document, sorted */
      groups = test_raw_text (db, "SELECT group_concat (g, char (10)) || char (10) FROM "
                                  "(SELECT group_concat (uuid, ' ') AS g FROM "
                                  "(SELECT uuid, document FROM annotations "
                                  "ORDER BY document, uuid) GROUP BY document ORDER BY g)");
      g_assert_cmpstr (groups, ==, expected);

      assert_merge_changes_nothing (target, apath);
      assert_merge_changes_nothing (target, bpath);
      assert_merge_changes_nothing (target, path);
    }
  for (guint i = 0; i < 3; i++)
    g_free (uuids[i]);
  for (guint i = 0; i < 2; i++)
    g_free (doc_uuids[i]);
}

/* ---- the schema */

static void
make_labelled_source (const char *path,
                      const char *label,
                      const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossSchema) schema = gloss_schema_new_preset ("news", &error);
  g_autoptr(GlossLabel) l = gloss_label_new (label, "entity", "#aa0000", NULL, NULL);
  g_autoptr(GlossProject) source = NULL;
  g_autoptr(GlossAnnotationList) list = NULL;
  g_autoptr(GlossCommand) cmd = gloss_command_new ("create");
  g_autoptr(GlossAnnotation) a = gloss_annotation_new_span (label, 0, 4, "x");
  GlossDocument *doc;

  g_assert_no_error (error);
  g_assert_true (gloss_schema_add_label (schema, l, &error));
  g_assert_no_error (error);
  source = gloss_project_create (path, schema, &error);
  g_assert_no_error (error);
  doc = gloss_project_add_document (source, label, text, -1, NULL, &error);
  g_assert_no_error (error);
  list = gloss_project_dup_annotation_list (source, doc, &error);
  g_assert_no_error (error);
  gloss_command_create_annotation (cmd, a);
  g_assert_true (gloss_annotation_list_apply (list, cmd, &error));
  g_assert_no_error (error);
}

static GlossSchema *
stored_schema (GlossStore *store)
{
  g_autofree char *json = gloss_store_dup_schema_json (store);
  g_autoptr(GError) error = NULL;
  GlossSchema *schema;

  g_assert_nonnull (json);
  schema = gloss_schema_new_from_json (json, -1, &error);
  g_assert_no_error (error);
  return schema;
}

/* Two programs merge into one target, each adding a label: the second to
 * write holds a schema read before the first wrote (two GlossProjects on
 * one file, as two processes). The merge unites the source with the schema
 * stored when it writes, so both labels stay; its undo gives back that
 * schema. */
static void
test_stale_schema (void)
{
  g_autofree char *tpath = test_path ("target.gloss");
  g_autofree char *apath = test_path ("alpha.gloss");
  g_autofree char *bpath = test_path ("beta.gloss");
  g_autoptr(GlossProject) first = NULL;
  g_autoptr(GlossProject) second = NULL;
  g_autoptr(GlossMergeReport) ra = gloss_merge_report_new ();
  g_autoptr(GlossMergeReport) rb = gloss_merge_report_new ();
  g_autoptr(GError) error = NULL;
  GlossStore *store;

  {
    g_autoptr(GlossProject) t = gloss_project_create (tpath, NULL, &error);
    g_assert_no_error (error);
  }
  make_labelled_source (apath, "ALPHA", "Alpha text here.");
  make_labelled_source (bpath, "BETA", "Beta text here.");

  first = gloss_project_open (tpath, &error);
  g_assert_no_error (error);
  second = gloss_project_open (tpath, &error);
  g_assert_no_error (error);
  g_assert_null (gloss_schema_lookup_label (gloss_project_get_schema (second), "ALPHA"));

  g_assert_true (gloss_merge_project (first, apath, ra, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ra->labels_added->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (ra->labels_added, 0), ==, "ALPHA");
  g_assert_true (gloss_merge_project (second, bpath, rb, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rb->labels_added->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (rb->labels_added, 0), ==, "BETA");

  store = gloss_project_get_store (second);
  {
    g_autoptr(GlossSchema) stored = stored_schema (store);
    sqlite3 *db = _gloss_store_get_db (store);
    sqlite3_stmt *stmt = NULL;

    g_assert_nonnull (gloss_schema_lookup_label (stored, "ALPHA"));
    g_assert_nonnull (gloss_schema_lookup_label (stored, "BETA"));
    /* every annotation's label is in the schema */
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT DISTINCT label FROM annotations", -1, &stmt,
                                         NULL), ==, SQLITE_OK);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_assert_nonnull (gloss_schema_lookup_label (stored,
                                                   (const char *) sqlite3_column_text (stmt, 0)));
    sqlite3_finalize (stmt);
  }
  /* the project that merged knows both */
  g_assert_nonnull (gloss_schema_lookup_label (gloss_project_get_schema (second), "ALPHA"));
  g_assert_nonnull (gloss_schema_lookup_label (gloss_project_get_schema (second), "BETA"));
  /* the same sources again: nothing to unite, nothing to adopt */
  assert_merge_changes_nothing (second, apath);
  assert_merge_changes_nothing (second, bpath);

  /* undoing the second merge takes BETA out and leaves ALPHA */
  g_assert_true (gloss_project_undo_merge (second, rb, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GlossSchema) stored = stored_schema (store);

    g_assert_nonnull (gloss_schema_lookup_label (stored, "ALPHA"));
    g_assert_null (gloss_schema_lookup_label (stored, "BETA"));
  }
  g_assert_nonnull (gloss_schema_lookup_label (gloss_project_get_schema (second), "ALPHA"));
  g_assert_null (gloss_schema_lookup_label (gloss_project_get_schema (second), "BETA"));
}

/* ---- per annotator */

static const char briefing_text[] =
  "The agency said on Tuesday that a defector from the northern cyber unit had reached "
  "Vienna, officials told reporters.";
static const char unit_text[] =
  "A source close to the ministry claimed the unit paid €2 million to a broker in Lisbon.";

/* Applies one command creating @label on [@start, @end) for @annotator to
 * @list; returns the new annotation's uuid. */
static char *
create_span (GlossAnnotationList *list,
             const char          *label,
             guint                start,
             guint                end,
             const char          *annotator)
{
  g_autoptr(GlossCommand) cmd = gloss_command_new ("create");
  g_autoptr(GlossAnnotation) a = gloss_annotation_new_span (label, start, end, annotator);
  g_autoptr(GError) error = NULL;

  gloss_command_create_annotation (cmd, a);
  g_assert_true (gloss_annotation_list_apply (list, cmd, &error));
  g_assert_no_error (error);
  return g_strdup (gloss_annotation_get_uuid (a));
}

static void
relabel (GlossAnnotationList *list,
         const char          *uuid,
         const char          *label)
{
  g_autoptr(GlossCommand) cmd = gloss_command_new ("relabel");
  g_autoptr(GError) error = NULL;

  gloss_command_set_label (cmd, uuid, label);
  g_assert_true (gloss_annotation_list_apply (list, cmd, &error));
  g_assert_no_error (error);
}

static GlossAnnotationList *
open_list (GlossProject *project,
           const char   *name)
{
  GlossDocument *doc = gloss_project_find_document (project, name);
  g_autoptr(GError) error = NULL;
  GlossAnnotationList *list;

  g_assert_nonnull (doc);
  list = gloss_project_dup_annotation_list (project, doc, &error);
  g_assert_no_error (error);
  return list;
}

static void
assert_annotator (GlossMergeReport *report,
                  const char       *name,
                  guint             documents,
                  guint             added,
                  guint             updated,
                  guint             deleted,
                  guint             relations_added,
                  guint             statuses)
{
  const GlossMergeAnnotator *a = gloss_merge_report_lookup_annotator (report, name);

  g_test_message ("annotator %s", name);
  g_assert_nonnull (a);
  g_assert_cmpstr (a->annotator, ==, name);
  g_assert_cmpuint (a->documents, ==, documents);
  g_assert_cmpuint (a->annotations_added, ==, added);
  g_assert_cmpuint (a->annotations_updated, ==, updated);
  g_assert_cmpuint (a->annotations_deleted, ==, deleted);
  g_assert_cmpuint (a->relations_added, ==, relations_added);
  g_assert_cmpuint (a->relations_updated, ==, 0);
  g_assert_cmpuint (a->relations_deleted, ==, 0);
  g_assert_cmpuint (a->statuses_updated, ==, statuses);
}

/* Two copies by ben and cai of lead's project: the report counts, per
 * annotator whose rows came in, what the merge wrote; and the annotations
 * both files held in different versions, and how many of those kept this
 * project's newer one. */
static void
test_annotators (void)
{
  g_autofree char *base_path = test_path ("base.gloss");
  g_autofree char *ben_path = test_path ("ben.gloss");
  g_autofree char *cai_path = test_path ("cai.gloss");
  g_autofree char *target_path = test_path ("target.gloss");
  g_autoptr(GlossProject) target = NULL;
  g_autoptr(GlossMergeReport) report = gloss_merge_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *lead_person = NULL;   /* "defector", relabelled by cai and, later, lead */
  g_autofree char *lead_gpe = NULL;      /* "Vienna", relabelled by cai */
  g_autofree char *ben_old = NULL;       /* ben's, deleted in ben's copy */
  g_autofree char *cai_old = NULL;       /* cai's, relabelled in cai's copy */

  {
    g_autoptr(GlossProject) base = gloss_project_create (base_path, NULL, &error);
    g_autoptr(GlossAnnotationList) briefing = NULL;
    g_autoptr(GlossAnnotationList) unit = NULL;

    g_assert_no_error (error);
    gloss_project_set_annotator (base, "lead");
    gloss_project_add_document (base, "briefing", briefing_text, -1, NULL, &error);
    g_assert_no_error (error);
    gloss_project_add_document (base, "unit", unit_text, -1, NULL, &error);
    g_assert_no_error (error);
    briefing = open_list (base, "briefing");
    unit = open_list (base, "unit");
    lead_person = create_span (briefing, "PERSON", 34, 42, NULL);   /* defector */
    lead_gpe = create_span (briefing, "GPE", 84, 90, NULL);         /* Vienna */
    ben_old = create_span (briefing, "ORG", 4, 10, "ben");          /* agency */
    cai_old = create_span (unit, "ORG", 22, 30, "cai");             /* ministry */
  }
  copy_file (base_path, ben_path);
  copy_file (base_path, cai_path);

  {
    g_autoptr(GlossProject) ben = gloss_project_open (ben_path, &error);
    g_autoptr(GlossAnnotationList) briefing = NULL;
    g_autoptr(GlossAnnotationList) unit = NULL;
    g_autoptr(GlossCommand) cmd = gloss_command_new ("ben");
    g_autofree char *claim = NULL;
    g_autofree char *source = NULL;
    g_autofree char *date = NULL;

    g_assert_no_error (error);
    gloss_project_set_annotator (ben, "ben");
    briefing = open_list (ben, "briefing");
    unit = open_list (ben, "unit");
    claim = create_span (briefing, "CLAIM", 32, 90, NULL);
    source = create_span (briefing, "SOURCE", 92, 101, NULL);       /* officials */
    date = create_span (briefing, "DATE", 19, 26, NULL);            /* Tuesday */
    g_assert_nonnull (date);
    g_free (create_span (unit, "GPE", 79, 85, NULL));               /* Lisbon */
    {
      g_autoptr(GlossRelation) r = gloss_relation_new ("attributed-to", claim, source, NULL);
      gloss_command_add_relation (cmd, r);
    }
    gloss_command_delete_annotation (cmd, ben_old);
    gloss_command_set_document_status (cmd, NULL, GLOSS_DOCUMENT_STATUS_DONE);
    g_assert_true (gloss_annotation_list_apply (briefing, cmd, &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr(GlossProject) cai = gloss_project_open (cai_path, &error);
    g_autoptr(GlossAnnotationList) briefing = NULL;
    g_autoptr(GlossAnnotationList) unit = NULL;

    g_assert_no_error (error);
    gloss_project_set_annotator (cai, "cai");
    briefing = open_list (cai, "briefing");
    unit = open_list (cai, "unit");
    g_free (create_span (unit, "SOURCE", 0, 8, NULL));              /* A source */
    g_free (create_span (unit, "MONEY", 53, 63, NULL));             /* €2 million */
    relabel (unit, cai_old, "GPE");
    relabel (briefing, lead_person, "NORP");
    relabel (briefing, lead_gpe, "LOC");
  }

  /* lead edits "defector" too, after cai: lead's version is the newer */
  copy_file (base_path, target_path);
  target = gloss_project_open (target_path, &error);
  g_assert_no_error (error);
  gloss_project_set_annotator (target, "lead");
  {
    g_autoptr(GlossAnnotationList) briefing = open_list (target, "briefing");
    relabel (briefing, lead_person, "SOURCE");
  }

  g_assert_true (gloss_merge_project (target, ben_path, report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->annotators->len, ==, 1);
  /* briefing and unit; 4 new, the old one deleted; the claim's source */
  assert_annotator (report, "ben", 2, 4, 0, 1, 1, 1);
  g_assert_null (gloss_merge_report_lookup_annotator (report, "lead"));
  g_assert_cmpuint (report->documents->len, ==, 2);
  g_assert_cmpuint (report->annotations_added, ==, 4);
  g_assert_cmpuint (report->annotations_deleted, ==, 1);
  g_assert_cmpuint (report->relations_added, ==, 1);
  g_assert_cmpuint (report->statuses_updated, ==, 1);
  /* ben's old annotation (deleted there, ben's newer) and "defector" (lead's
   * newer) differ */
  g_assert_cmpuint (report->annotations_differing, ==, 2);
  g_assert_cmpuint (report->annotations_kept, ==, 1);

  g_assert_true (gloss_merge_project (target, cai_path, report, NULL, &error));
  g_assert_no_error (error);
  /* lead's "Vienna" relabelled by cai counts as lead's annotation, changed;
   * lead's newer "defector" stays and is not counted */
  g_assert_cmpuint (report->annotators->len, ==, 2);
  assert_annotator (report, "cai", 1, 2, 1, 0, 0, 0);
  assert_annotator (report, "lead", 1, 0, 1, 0, 0, 0);
  g_assert_cmpstr (((GlossMergeAnnotator *) report->annotators->pdata[0])->annotator, ==, "cai");
  g_assert_cmpuint (report->documents->len, ==, 2);
  g_assert_cmpuint (report->annotations_added, ==, 2);
  g_assert_cmpuint (report->annotations_updated, ==, 2);
  g_assert_cmpuint (report->annotations_deleted, ==, 0);
  /* "ministry", "Vienna", "defector" and ben's deleted one differ; the last
   * two kept this project's version */
  g_assert_cmpuint (report->annotations_differing, ==, 4);
  g_assert_cmpuint (report->annotations_kept, ==, 2);
  {
    g_autofree char *text = gloss_merge_report_to_string (report);

    g_test_message ("%s", text);
    g_assert_nonnull (strstr (text, "cai’s annotations: 2 added, 1 changed, 0 deleted, "
                                    "in 1 document."));
    g_assert_nonnull (strstr (text, "lead’s annotations: 0 added, 1 changed, 0 deleted, "
                                    "in 1 document."));
    g_assert_nonnull (strstr (text, "4 annotations differed between the two files; the newer "
                                    "version of each was kept (2 of them this project’s)."));
    g_assert_null (strstr (text, "onflict"));
  }

  /* merging again writes nothing: no annotator; what differs kept ours */
  g_assert_true (gloss_merge_project (target, cai_path, report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->annotators->len, ==, 0);
  g_assert_cmpuint (report->annotations_differing, ==, 2);
  g_assert_cmpuint (report->annotations_kept, ==, 2);
  {
    g_autofree char *text = gloss_merge_report_to_string (report);

    g_assert_nonnull (strstr (text, "Nothing new"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/merge/orders", test_orders);
  g_test_add_func ("/core/merge/undo", test_undo);
  g_test_add_func ("/core/merge/undo-refused", test_undo_refused_after_edit);
  g_test_add_func ("/core/merge/refuse", test_refuse);
  g_test_add_func ("/core/merge/schema-union", test_schema_union);
  g_test_add_func ("/core/merge/names", test_names);
  g_test_add_func ("/core/merge/ties", test_ties);
  g_test_add_func ("/core/merge/old-source", test_old_source);
  g_test_add_func ("/core/merge/duplicate-texts", test_duplicate_texts);
  g_test_add_func ("/core/merge/never-met", test_never_met);
  g_test_add_func ("/core/merge/stale-schema", test_stale_schema);
  g_test_add_func ("/core/merge/annotators", test_annotators);
  return g_test_run ();
}
