/* test-import-undo.c: an import and a label rename as one step each, undone
 * and redone through their change sets
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "core-test-util.h"

/* doccano lines: two documents, three annotations, two labels the schema
 * does not have yet */
static const char doccano[] =
  "{\"text\": \"Alice Varga met Bob in Valgrad.\", "
  "\"label\": [[0, 11, \"PLAYER\"], [23, 30, \"VENUE\"]]}\n"
  "{\"text\": \"Valgrad denied it.\", \"label\": [[0, 7, \"VENUE\"]]}\n";

typedef struct
{
  GlossProject        *project;
  GlossDocument       *doc;       /* "before", with one ORG annotation */
  GlossAnnotationList *list;      /* open on it */
  TestMirror          *mirror;
  TestMirror          *documents;
  char                *file;      /* the doccano file */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = test_path ("import.gloss");
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossChangeSet) changes = gloss_change_set_new ("setup");
  g_autoptr(GlossAnnotation) org = NULL;

  f->project = gloss_project_create (path, NULL, &error);
  g_assert_no_error (error);
  gloss_project_set_annotator (f->project, "alice");
  f->doc = gloss_project_add_document (f->project, "before", "The agency said so.", -1, NULL,
                                       &error);
  g_assert_no_error (error);
  org = gloss_annotation_new_span ("ORG", 4, 10, "alice");
  gloss_annotation_set_document_id (org, gloss_document_get_id (f->doc));
  gloss_change_set_put_annotation (changes, org, GLOSS_CHANGE_ALWAYS);
  g_assert_true (gloss_project_apply_changes (f->project, changes, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  f->list = gloss_project_dup_annotation_list (f->project, f->doc, &error);
  g_assert_no_error (error);
  f->mirror = test_mirror_new (G_LIST_MODEL (f->list));
  f->documents = test_mirror_new (gloss_project_get_documents (f->project));

  f->file = test_path ("people.jsonl");
  g_assert_true (g_file_set_contents (f->file, doccano, -1, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  test_mirror_free (f->documents);
  test_mirror_free (f->mirror);
  g_assert_finalize_object (f->list);
  g_assert_finalize_object (f->project);
  g_free (f->file);
}

static GlossStore *
store_of (Fixture *f)
{
  return gloss_project_get_store (f->project);
}

static char *
dump (Fixture *f)
{
  return test_dump_store (_gloss_store_get_db (store_of (f)));
}

/* The document list, the open list and every count follow the store. */
static void
check_follows (Fixture *f)
{
  test_check_list_matches_store (f->list, store_of (f));
  test_mirror_check (f->mirror);
  test_mirror_check (f->documents);
  test_check_documents_match_store (f->project);
}

static GlossChangeSet *
import (Fixture *f)
{
  const char * const paths[] = { f->file, NULL };
  GlossImportOptions options = GLOSS_IMPORT_OPTIONS_INIT;
  g_autoptr(GlossImportReport) report = gloss_import_report_new ();
  g_autoptr(GError) error = NULL;
  GlossChangeSet *changes = NULL;
  guint added = 0;

  options.format = "doccano";
  g_assert_true (gloss_format_import_full (f->project, paths, &options, report, &changes, NULL,
                                           &error));
  g_assert_no_error (error);
  g_assert_true (GLOSS_IS_CHANGE_SET (changes));
  g_assert_cmpuint (report->n_documents, ==, 2);
  g_assert_cmpuint (report->n_annotations, ==, 3);
  g_assert_cmpuint (gloss_change_set_count (changes, GLOSS_CHANGE_ANNOTATION, &added, NULL, NULL),
                    ==, 3);
  g_assert_cmpuint (added, ==, 3);
  g_assert_cmpuint (gloss_change_set_get_document_ids (changes)->len, ==, 2);
  g_assert_true (gloss_change_set_can_undo (changes));
  g_assert_false (gloss_change_set_can_redo (changes));
  return changes;
}

/* Undo takes back exactly what the import added, the documents, their
 * annotations and the labels it put into the schema; redo writes all of it
 * again with the same ids, and undo works again after that. */
static void
test_import_undo_redo (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossChangeSet) changes = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  g_autofree char *undone_again = NULL;
  gint64 first_id;

  before = dump (f);
  g_assert_null (gloss_schema_lookup_label (gloss_project_get_schema (f->project), "PLAYER"));
  changes = import (f);
  after = dump (f);
  g_assert_cmpuint (g_list_model_get_n_items (gloss_project_get_documents (f->project)), ==, 3);
  g_assert_nonnull (gloss_schema_lookup_label (gloss_project_get_schema (f->project), "PLAYER"));
  first_id = g_array_index (gloss_change_set_get_document_ids (changes), gint64, 0);
  check_follows (f);

  g_assert_true (gloss_project_undo_changes (f->project, changes, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  undone = dump (f);
  g_assert_cmpstr (undone, ==, before);
  g_assert_cmpuint (g_list_model_get_n_items (gloss_project_get_documents (f->project)), ==, 1);
  g_assert_null (gloss_schema_lookup_label (gloss_project_get_schema (f->project), "PLAYER"));
  check_follows (f);
  g_assert_false (gloss_change_set_can_undo (changes));
  g_assert_true (gloss_change_set_can_redo (changes));

  g_assert_true (gloss_project_redo_changes (f->project, changes, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  redone = dump (f);
  g_assert_cmpstr (redone, ==, after);
  g_assert_nonnull (gloss_project_lookup_document (f->project, first_id));
  g_assert_nonnull (gloss_schema_lookup_label (gloss_project_get_schema (f->project), "PLAYER"));
  check_follows (f);
  {
    /* another program reads what was redone */
    g_autoptr(GlossProject) other = gloss_project_open (gloss_project_get_path (f->project),
                                                        &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (gloss_project_get_documents (other)), ==, 3);
    g_assert_nonnull (gloss_schema_lookup_label (gloss_project_get_schema (other), "VENUE"));
  }

  g_assert_true (gloss_change_set_can_undo (changes));
  g_assert_true (gloss_project_undo_changes (f->project, changes, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  undone_again = dump (f);
  g_assert_cmpstr (undone_again, ==, before);
  check_follows (f);
}

/* Redo refuses, and writes nothing, when a document of the import's name
 * came back meanwhile. */
static void
test_import_redo_refused (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossChangeSet) changes = import (f);
  GlossDocument *other;
  g_autofree char *name = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 id = g_array_index (gloss_change_set_get_document_ids (changes), gint64, 0);

  name = g_strdup (gloss_document_get_name (gloss_project_lookup_document (f->project, id)));
  g_assert_true (gloss_project_undo_changes (f->project, changes, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  other = gloss_project_add_document (f->project, "other", "Other text.", -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (gloss_store_set_document_name (store_of (f), gloss_document_get_id (other), name,
                                                &error));
  g_assert_no_error (error);
  g_assert_true (gloss_project_reload (f->project, NULL, 0, NULL, &error));
  g_assert_no_error (error);

  before = dump (f);
  g_assert_false (gloss_project_redo_changes (f->project, changes, NULL, NULL, NULL, &error));
  g_assert_error (error, GLOSS_CHANGE_SET_ERROR, GLOSS_CHANGE_SET_ERROR_CHANGED);
  after = dump (f);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (gloss_change_set_can_redo (changes));
  check_follows (f);
}

/* Renaming a label renames it in the schema and on its annotations in one
 * step; undo gives both back, redo renames both again. */
static void
test_rename_label (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossChangeSet) changes = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  g_autoptr(GlossAnnotation) row = NULL;
  guint updated = 0;

  before = dump (f);
  changes = gloss_project_rename_label (f->project, "ORG", "ORGANISATION", &error);
  g_assert_no_error (error);
  g_assert_nonnull (changes);
  gloss_change_set_count (changes, GLOSS_CHANGE_ANNOTATION, NULL, &updated, NULL);
  g_assert_cmpuint (updated, ==, 1);
  after = dump (f);
  g_assert_null (gloss_schema_lookup_label (gloss_project_get_schema (f->project), "ORG"));
  g_assert_nonnull (gloss_schema_lookup_label (gloss_project_get_schema (f->project),
                                               "ORGANISATION"));
  row = g_list_model_get_item (G_LIST_MODEL (f->list), 0);
  g_assert_cmpstr (gloss_annotation_get_label (row), ==, "ORGANISATION");
  g_clear_object (&row);
  check_follows (f);

  g_assert_true (gloss_project_undo_changes (f->project, changes, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  undone = dump (f);
  g_assert_cmpstr (undone, ==, before);
  g_assert_nonnull (gloss_schema_lookup_label (gloss_project_get_schema (f->project), "ORG"));
  g_assert_null (gloss_schema_lookup_label (gloss_project_get_schema (f->project),
                                            "ORGANISATION"));
  row = g_list_model_get_item (G_LIST_MODEL (f->list), 0);
  g_assert_cmpstr (gloss_annotation_get_label (row), ==, "ORG");
  g_clear_object (&row);
  check_follows (f);

  g_assert_true (gloss_change_set_can_redo (changes));
  g_assert_true (gloss_project_redo_changes (f->project, changes, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  redone = dump (f);
  g_assert_cmpstr (redone, ==, after);
  g_assert_nonnull (gloss_schema_lookup_label (gloss_project_get_schema (f->project),
                                               "ORGANISATION"));
  check_follows (f);

  /* a name the schema refuses: nothing is written */
  g_clear_object (&changes);
  changes = gloss_project_rename_label (f->project, "ORGANISATION", "two words", &error);
  g_assert_null (changes);
  g_assert_nonnull (error);
  g_clear_pointer (&redone, g_free);
  redone = dump (f);
  g_assert_cmpstr (redone, ==, after);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/core/import-undo/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("import-undo-redo", test_import_undo_redo);
  ADD ("import-redo-refused", test_import_redo_refused);
  ADD ("rename-label", test_rename_label);
#undef ADD

  return g_test_run ();
}
