/* test-change-set.c: the one path for project-wide changes: applied, undone
 * and redone, and every kind of bulk change followed by the open lists
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "core-test-util.h"

static const char * const texts[] = {
  "The agency said the minister met Valgrad officials on Monday.",
  "Valgrad denied it, a defector told reporters in Norden.",
  "No names here.",
};

typedef struct
{
  GlossProject        *project;
  GlossDocument       *docs[G_N_ELEMENTS (texts)];
  GlossAnnotationList *lists[2];       /* the open documents 0 and 1 */
  TestMirror          *mirrors[2];     /* what a view of each list holds */
  TestMirror          *documents;      /* what the sidebar holds */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = test_path ("changes.gloss");
  g_autoptr(GError) error = NULL;

  f->project = gloss_project_create (path, NULL, &error);
  g_assert_no_error (error);
  gloss_project_set_annotator (f->project, "alice");
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *name = g_strdup_printf ("doc %u", i);

      f->docs[i] = gloss_project_add_document (f->project, name, texts[i], -1, NULL, &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (f->lists); i++)
    {
      f->lists[i] = gloss_project_dup_annotation_list (f->project, f->docs[i], &error);
      g_assert_no_error (error);
      f->mirrors[i] = test_mirror_new (G_LIST_MODEL (f->lists[i]));
    }
  f->documents = test_mirror_new (gloss_project_get_documents (f->project));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  test_mirror_free (f->documents);
  for (guint i = 0; i < G_N_ELEMENTS (f->lists); i++)
    {
      test_mirror_free (f->mirrors[i]);
      g_assert_finalize_object (f->lists[i]);
    }
  g_assert_finalize_object (f->project);
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

/* What an open window shows follows the store: the open lists and the views
 * on them, the document list and every document's count. */
static void
check_follows (Fixture *f)
{
  for (guint i = 0; i < G_N_ELEMENTS (f->lists); i++)
    {
      test_check_list_matches_store (f->lists[i], store_of (f));
      test_mirror_check (f->mirrors[i]);
    }
  test_mirror_check (f->documents);
  test_check_documents_match_store (f->project);
}

static GlossAnnotation *
span (GlossDocument *document,
      const char    *label,
      guint          start,
      guint          end,
      gint64         modified)
{
  GlossAnnotation *a = gloss_annotation_new_span (label, start, end, "bob");

  gloss_annotation_set_document_id (a, gloss_document_get_id (document));
  gloss_annotation_set_times (a, modified, modified);
  return a;
}

/* A set of new rows in two documents, applied, undone, redone: the store
 * is as before (byte for byte) after undo and as after applying after
 * redo, and the open lists follow each time. */
static void
test_apply_undo_redo (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GlossChangeSet) changes = gloss_change_set_new ("three rows");
  g_autoptr(GlossAnnotation) a = span (f->docs[0], "ORG", 4, 10, 1000);
  g_autoptr(GlossAnnotation) b = span (f->docs[1], "GPE", 0, 7, 1000);
  g_autoptr(GlossAnnotation) c = span (f->docs[2], "GPE", 0, 2, 1000);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump (f);
  g_autofree char *after = NULL;
  g_autofree char *again = NULL;
  guint added = 0, updated = 0, deleted = 0;

  gloss_change_set_put_annotation (changes, a, GLOSS_CHANGE_ALWAYS);
  gloss_change_set_put_annotation (changes, b, GLOSS_CHANGE_ALWAYS);
  gloss_change_set_put_annotation (changes, c, GLOSS_CHANGE_ALWAYS);
  gloss_change_set_put_status (changes, gloss_document_get_id (f->docs[1]), "bob",
                               GLOSS_DOCUMENT_STATUS_DONE, 1000, GLOSS_CHANGE_ALWAYS);
  g_assert_false (gloss_change_set_can_undo (changes));
  g_assert_cmpuint (gloss_change_set_get_n_written (changes), ==, 0);

  g_assert_true (gloss_project_apply_changes (f->project, changes, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_change_set_get_n_written (changes), ==, 4);
  g_assert_cmpuint (gloss_change_set_count (changes, GLOSS_CHANGE_ANNOTATION, &added, &updated,
                                            &deleted), ==, 3);
  g_assert_cmpuint (added, ==, 3);
  g_assert_cmpuint (updated + deleted, ==, 0);
  g_assert_cmpuint (gloss_change_set_get_document_ids (changes)->len, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->lists[0])), ==, 1);
  g_assert_nonnull (gloss_annotation_list_lookup (f->lists[1], gloss_annotation_get_uuid (b)));
  check_follows (f);
  after = dump (f);
  g_assert_cmpstr (after, !=, before);

  /* applied once only */
  g_assert_false (gloss_project_apply_changes (f->project, changes, NULL, NULL, NULL, &error));
  g_assert_error (error, GLOSS_CHANGE_SET_ERROR, GLOSS_CHANGE_SET_ERROR_STATE);
  g_clear_error (&error);
  g_assert_false (gloss_project_redo_changes (f->project, changes, NULL, NULL, NULL, &error));
  g_assert_error (error, GLOSS_CHANGE_SET_ERROR, GLOSS_CHANGE_SET_ERROR_STATE);
  g_clear_error (&error);

  g_assert_true (gloss_project_undo_changes (f->project, changes, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&again, g_free);
  again = dump (f);
  g_assert_cmpstr (again, ==, before);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->lists[0])), ==, 0);
  check_follows (f);

  g_assert_true (gloss_change_set_can_redo (changes));
  g_assert_true (gloss_project_redo_changes (f->project, changes, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&again, g_free);
  again = dump (f);
  g_assert_cmpstr (again, ==, after);
  check_follows (f);
}

/* GLOSS_CHANGE_IF_NEWER: the later modification wins, ties go to the
 * greater content, and the same row is not written again. */
static void
test_if_newer (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GlossAnnotation) stored = span (f->docs[0], "ORG", 4, 10, 2000);
  g_autoptr(GlossChangeSet) first = gloss_change_set_new ("stored");
  g_autoptr(GlossChangeSet) second = gloss_change_set_new ("merge");
  g_autoptr(GlossAnnotation) older = gloss_annotation_copy (stored);
  g_autoptr(GlossAnnotation) same = gloss_annotation_copy (stored);
  g_autoptr(GlossAnnotation) newer = span (f->docs[0], "PERSON", 0, 3, 1000);
  g_autoptr(GlossAnnotation) loaded = NULL;
  g_autoptr(GError) error = NULL;

  gloss_change_set_put_annotation (first, stored, GLOSS_CHANGE_ALWAYS);
  g_assert_true (gloss_project_apply_changes (f->project, first, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* older: left alone; the same row: left alone; a newer one of another
   * uuid: written; statuses by time too */
  gloss_annotation_set_label (older, "PERSON");
  gloss_annotation_set_times (older, 2000, 1999);
  gloss_change_set_put_annotation (second, older, GLOSS_CHANGE_IF_NEWER);
  gloss_change_set_put_annotation (second, same, GLOSS_CHANGE_IF_NEWER);
  gloss_change_set_put_annotation (second, newer, GLOSS_CHANGE_IF_NEWER);
  gloss_change_set_put_status (second, gloss_document_get_id (f->docs[0]), "carol",
                               GLOSS_DOCUMENT_STATUS_IN_PROGRESS, 5, GLOSS_CHANGE_IF_NEWER);
  gloss_change_set_put_status (second, gloss_document_get_id (f->docs[0]), "carol",
                               GLOSS_DOCUMENT_STATUS_DONE, 4, GLOSS_CHANGE_IF_NEWER);
  g_assert_true (gloss_project_apply_changes (f->project, second, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_change_set_get_n_written (second), ==, 2);
  loaded = gloss_store_load_annotation (store_of (f), gloss_annotation_get_uuid (stored), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gloss_annotation_get_label (loaded), ==, "ORG");
  {
    GlossDocumentStatus status;
    gint64 modified;

    g_assert_true (gloss_store_get_document_status (store_of (f),
                                                    gloss_document_get_id (f->docs[0]),
                                                    "carol", &status, &modified));
    g_assert_cmpint (status, ==, GLOSS_DOCUMENT_STATUS_IN_PROGRESS);
    g_assert_cmpint (modified, ==, 5);
  }
  check_follows (f);

  /* a tie on the time: the greater content wins whichever comes second */
  {
    g_autoptr(GlossChangeSet) tie = gloss_change_set_new ("tie");
    g_autoptr(GlossAnnotation) rival = gloss_annotation_copy (stored);

    gloss_annotation_set_label (rival, "PERSON");   /* "PERSON" > "ORG" */
    gloss_change_set_put_annotation (tie, rival, GLOSS_CHANGE_IF_NEWER);
    g_assert_true (gloss_project_apply_changes (f->project, tie, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (gloss_change_set_get_n_written (tie), ==, 1);
  }
  {
    g_autoptr(GlossChangeSet) tie = gloss_change_set_new ("tie back");

    gloss_change_set_put_annotation (tie, stored, GLOSS_CHANGE_IF_NEWER);
    g_assert_true (gloss_project_apply_changes (f->project, tie, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (gloss_change_set_get_n_written (tie), ==, 0);
    g_assert_false (gloss_change_set_can_undo (tie));
  }
  check_follows (f);
}

/* Undo refuses, writing nothing, when a row changed since, or when an
 * annotation it would take away is now the end of someone's relation. */
static void
test_undo_refused (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GlossChangeSet) changes = gloss_change_set_new ("Tag “Valgrad”");
  g_autoptr(GlossAnnotation) a = span (f->docs[1], "GPE", 0, 7, 1000);
  g_autoptr(GlossCommand) edit = gloss_command_new ("note");
  g_autoptr(GError) error = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *now = NULL;

  gloss_change_set_put_annotation (changes, a, GLOSS_CHANGE_ALWAYS);
  g_assert_true (gloss_project_apply_changes (f->project, changes, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  gloss_command_set_note (edit, gloss_annotation_get_uuid (a), "checked");
  g_assert_true (gloss_annotation_list_apply (f->lists[1], edit, &error));
  g_assert_no_error (error);
  edited = dump (f);
  g_assert_false (gloss_project_undo_changes (f->project, changes, NULL, NULL, NULL, &error));
  g_assert_error (error, GLOSS_CHANGE_SET_ERROR, GLOSS_CHANGE_SET_ERROR_CHANGED);
  g_assert_nonnull (strstr (error->message, "Tag “Valgrad”"));
  g_assert_nonnull (strstr (error->message, "doc 1"));
  g_clear_error (&error);
  now = dump (f);
  g_assert_cmpstr (now, ==, edited);
  g_assert_true (gloss_change_set_can_undo (changes));

  /* the note taken back, a relation to the annotation made instead */
  g_assert_true (gloss_annotation_list_undo (f->lists[1], &error));
  g_assert_no_error (error);
  {
    g_autoptr(GlossCommand) link = gloss_command_new ("link");
    g_autoptr(GlossAnnotation) claim = gloss_annotation_new_span ("CLAIM", 9, 15, NULL);
    g_autoptr(GlossRelation) rel = gloss_relation_new ("attributed-to",
                                                       gloss_annotation_get_uuid (claim),
                                                       gloss_annotation_get_uuid (a), NULL);

    gloss_command_create_annotation (link, claim);
    gloss_command_add_relation (link, rel);
    g_assert_true (gloss_annotation_list_apply (f->lists[1], link, &error));
    g_assert_no_error (error);
  }
  g_assert_false (gloss_project_undo_changes (f->project, changes, NULL, NULL, NULL, &error));
  g_assert_error (error, GLOSS_CHANGE_SET_ERROR, GLOSS_CHANGE_SET_ERROR_CHANGED);
  g_clear_error (&error);

  /* once the relation is gone too, the set undoes */
  g_assert_true (gloss_annotation_list_undo (f->lists[1], &error));
  g_assert_no_error (error);
  g_assert_true (gloss_project_undo_changes (f->project, changes, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  check_follows (f);
}

/* A merge can leave a live relation at an annotation another copy deleted
 * (the relation is new, the tombstone newer than the annotation the
 * relation's copy had). A later set that brings the annotation back is
 * undone to that state: the relation was there before the set, so it is
 * no reason to refuse. (A random merge history of tests/core/test-merge.c,
 * seed R02S51a61af5754cf6840d5e1f8f240fdfa1, met this.) With @data more
 * annotations new in the set, its relations are found in one pass over the
 * project's relations instead of a lookup for each annotation. */
static void
test_undo_revival (Fixture       *f,
                   gconstpointer  data)
{
  guint n_more = GPOINTER_TO_UINT (data);
  g_autoptr(GlossChangeSet) first = gloss_change_set_new ("Merge “ann1.gloss”");
  g_autoptr(GlossChangeSet) tombstone = gloss_change_set_new ("Merge “ann2.gloss”");
  g_autoptr(GlossChangeSet) revival = gloss_change_set_new ("Merge “ann3.gloss”");
  g_autoptr(GlossAnnotation) a = span (f->docs[0], "ORG", 4, 10, 1000);
  g_autoptr(GlossAnnotation) b = span (f->docs[0], "PERSON", 15, 23, 1000);
  g_autoptr(GlossAnnotation) dead = gloss_annotation_copy (a);
  g_autoptr(GlossAnnotation) alive = gloss_annotation_copy (a);
  g_autoptr(GlossRelation) rel = gloss_relation_new ("attributed-to",
                                                     gloss_annotation_get_uuid (a),
                                                     gloss_annotation_get_uuid (b), "bob");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after_undo = NULL;

  gloss_change_set_put_annotation (first, a, GLOSS_CHANGE_ALWAYS);
  gloss_change_set_put_annotation (first, b, GLOSS_CHANGE_ALWAYS);
  g_assert_true (gloss_project_apply_changes (f->project, first, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* a copy deleted the annotation; another linked it, earlier */
  gloss_annotation_set_deleted (dead, TRUE);
  gloss_annotation_set_times (dead, 1000, 3000);
  gloss_relation_set_document_id (rel, gloss_document_get_id (f->docs[0]));
  gloss_relation_set_times (rel, 2000, 2000);
  gloss_change_set_put_annotation (tombstone, dead, GLOSS_CHANGE_IF_NEWER);
  gloss_change_set_put_relation (tombstone, rel, GLOSS_CHANGE_IF_NEWER);
  g_assert_true (gloss_project_apply_changes (f->project, tombstone, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  before = dump (f);

  /* a third copy edited it later still: it lives again */
  gloss_annotation_set_times (alive, 1000, 4000);
  gloss_annotation_set_note (alive, "checked");
  gloss_change_set_put_annotation (revival, alive, GLOSS_CHANGE_IF_NEWER);
  for (guint i = 0; i < n_more; i++)
    {
      g_autoptr(GlossAnnotation) more = span (f->docs[0], "PERSON", 15, 23, 4000);

      gloss_change_set_put_annotation (revival, more, GLOSS_CHANGE_IF_NEWER);
    }
  g_assert_true (gloss_project_apply_changes (f->project, revival, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_change_set_can_undo (revival));

  g_assert_true (gloss_project_undo_changes (f->project, revival, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  after_undo = dump (f);
  g_assert_cmpstr (after_undo, ==, before);
  check_follows (f);

  /* a relation made after the set still holds the annotation */
  g_assert_true (gloss_project_redo_changes (f->project, revival, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GlossCommand) link = gloss_command_new ("link");
    g_autoptr(GlossAnnotation) claim = gloss_annotation_new_span ("CLAIM", 24, 30, NULL);
    g_autoptr(GlossRelation) later = gloss_relation_new ("attributed-to",
                                                         gloss_annotation_get_uuid (claim),
                                                         gloss_annotation_get_uuid (a), NULL);

    gloss_command_create_annotation (link, claim);
    gloss_command_add_relation (link, later);
    g_assert_true (gloss_annotation_list_apply (f->lists[0], link, &error));
    g_assert_no_error (error);
  }
  g_assert_false (gloss_project_undo_changes (f->project, revival, NULL, NULL, NULL, &error));
  g_assert_error (error, GLOSS_CHANGE_SET_ERROR, GLOSS_CHANGE_SET_ERROR_CHANGED);
}

/* A failed apply (a row in no document) and a cancelled one write nothing;
 * the set can then be applied. */
static void
test_failure_writes_nothing (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GlossChangeSet) bad = gloss_change_set_new ("bad");
  g_autoptr(GlossChangeSet) changes = gloss_change_set_new ("cancelled, then applied");
  g_autoptr(GlossAnnotation) a = span (f->docs[0], "ORG", 4, 10, 1000);
  g_autoptr(GlossAnnotation) orphan = span (f->docs[0], "ORG", 0, 3, 1000);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump (f);
  g_autofree char *now = NULL;

  gloss_change_set_put_annotation (bad, a, GLOSS_CHANGE_ALWAYS);
  gloss_annotation_set_document_id (orphan, 4242);
  gloss_change_set_put_annotation (bad, orphan, GLOSS_CHANGE_ALWAYS);
  g_assert_false (gloss_project_apply_changes (f->project, bad, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  now = dump (f);
  g_assert_cmpstr (now, ==, before);
  g_assert_cmpuint (gloss_change_set_get_n_written (bad), ==, 0);

  gloss_change_set_put_annotation (changes, a, GLOSS_CHANGE_ALWAYS);
  g_cancellable_cancel (cancellable);
  g_assert_false (gloss_project_apply_changes (f->project, changes, NULL, NULL, cancellable,
                                               &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_pointer (&now, g_free);
  now = dump (f);
  g_assert_cmpstr (now, ==, before);
  check_follows (f);

  g_assert_true (gloss_project_apply_changes (f->project, changes, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_change_set_get_n_written (changes), ==, 1);
  check_follows (f);
}

/* Every kind of bulk change, made behind the open lists' backs: each ends
 * with the lists, the views on them and the document list as the store
 * is. */
static void
test_every_kind_followed (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* "Annotate All", its undo and redo */
  {
    g_autoptr(GlossBulkStep) step = NULL;

    g_assert_true (gloss_project_annotate_everywhere (f->project, "GPE", "Valgrad", TRUE, &step,
                                                      NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (gloss_bulk_step_get_n_annotations (step), ==, 2);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->lists[0])), ==, 1);
    check_follows (f);
    g_assert_true (gloss_project_undo_bulk (f->project, step, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->lists[0])), ==, 0);
    check_follows (f);
    g_assert_true (gloss_project_redo_bulk (f->project, step, &error));
    g_assert_no_error (error);
    check_follows (f);
  }

  /* a label renamed, then deleted with the relations touching it */
  {
    g_autoptr(GlossChangeSet) renamed = NULL;
    g_autoptr(GlossChangeSet) deleted = NULL;
    g_autoptr(GlossCommand) link = gloss_command_new ("link");
    g_autoptr(GlossAnnotation) claim = gloss_annotation_new_span ("CLAIM", 0, 14, NULL);
    g_autoptr(GlossAnnotation) gpe = NULL;
    g_autoptr(GlossRelation) rel = NULL;

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->lists[1])), ==, 1);
    gpe = g_list_model_get_item (G_LIST_MODEL (f->lists[1]), 0);
    rel = gloss_relation_new ("attributed-to", gloss_annotation_get_uuid (claim),
                              gloss_annotation_get_uuid (gpe), NULL);
    gloss_command_create_annotation (link, claim);
    gloss_command_add_relation (link, rel);
    g_assert_true (gloss_annotation_list_apply (f->lists[1], link, &error));
    g_assert_no_error (error);

    renamed = gloss_project_relabel (f->project, "GPE", "ORG", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (gloss_change_set_get_n_written (renamed), ==, 2);
    g_assert_null (gloss_store_list_documents_with_label (store_of (f), "GPE", NULL)->len
                   ? "GPE left" : NULL);
    check_follows (f);
    deleted = gloss_project_relabel (f->project, "ORG", NULL, &error);
    g_assert_no_error (error);
    /* two annotations and the relation */
    g_assert_cmpuint (gloss_change_set_get_n_written (deleted), ==, 3);
    g_assert_cmpuint (g_list_model_get_n_items (gloss_annotation_list_get_relations (f->lists[1])),
                      ==, 0);
    check_follows (f);
    g_assert_true (gloss_project_undo_changes (f->project, deleted, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (gloss_annotation_list_get_relations (f->lists[1])),
                      ==, 1);
    check_follows (f);
  }

  /* a merge of a copy that went on elsewhere, and its undo */
  {
    g_autofree char *path = test_path ("other.gloss");
    g_autoptr(GlossMergeReport) report = gloss_merge_report_new ();
    guint n_documents = g_list_model_get_n_items (gloss_project_get_documents (f->project));

    {
      g_autoptr(GlossProject) other = gloss_project_create (path, NULL, &error);
      g_autoptr(GlossDocument) added = NULL;
      g_autoptr(GlossAnnotationList) list = NULL;
      g_autoptr(GlossCommand) command = gloss_command_new ("elsewhere");
      g_autoptr(GlossAnnotation) a = gloss_annotation_new_span ("PERSON", 0, 3, "dana");

      g_assert_no_error (error);
      added = g_object_ref (gloss_project_add_document (other, "doc 0", texts[0], -1, NULL,
                                                        &error));
      g_assert_no_error (error);
      g_assert_nonnull (gloss_project_add_document (other, "new one", "A new text.", -1, NULL,
                                                    &error));
      g_assert_no_error (error);
      list = gloss_project_dup_annotation_list (other, added, &error);
      g_assert_no_error (error);
      gloss_command_create_annotation (command, a);
      g_assert_true (gloss_annotation_list_apply (list, command, &error));
      g_assert_no_error (error);
    }
    g_assert_true (gloss_merge_project (f->project, path, report, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (report->documents_added, ==, 1);
    g_assert_cmpuint (report->annotations_added, ==, 1);
    g_assert_cmpuint (g_list_model_get_n_items (gloss_project_get_documents (f->project)), ==,
                      n_documents + 1);
    check_follows (f);
    g_assert_true (gloss_project_undo_merge (f->project, report, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (gloss_project_get_documents (f->project)), ==,
                      n_documents);
    check_follows (f);
  }

  /* imports: a format's and Gloss's own JSON lines */
  {
    g_autofree char *path = test_path ("article.txt");
    const char * const paths[] = { path, NULL };
    g_autoptr(GInputStream) in = NULL;
    static const char jsonl[] =
      "{\"gloss\": 1, \"name\": \"from jsonl\", \"text\": \"Norden said so.\", \"annotations\": "
      "[{\"label\": \"GPE\", \"fragments\": [[0, 6]]}]}\n";

    g_assert_true (g_file_set_contents (path, "An imported article.", -1, &error));
    g_assert_no_error (error);
    g_assert_true (gloss_format_import (f->project, paths, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_nonnull (gloss_project_find_document (f->project, "article"));
    check_follows (f);

    in = g_memory_input_stream_new_from_data (jsonl, -1, NULL);
    g_assert_true (gloss_jsonl_import (f->project, in, "test.jsonl", NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_nonnull (gloss_project_find_document (f->project, "from jsonl"));
    check_follows (f);
  }
}

static void
count_signal_cb (GlossDocument *document,
                 const char    *annotator,
                 GPtrArray     *seen)
{
  g_ptr_array_add (seen, g_strdup (annotator));
}

/* A document's statuses and count are the model's: its own commands, a
 * change set behind its back and another program's write each update them
 * and announce it. */
static void
test_document_follows (Fixture       *f,
                       gconstpointer  data)
{
  GlossDocument *doc0 = f->docs[0];
  GlossDocument *doc2 = f->docs[2];   /* no open list */
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GlossCommand) command = gloss_command_new ("done");
  g_autoptr(GlossChangeSet) changes = gloss_change_set_new ("statuses");
  g_autoptr(GlossAnnotation) a = span (doc2, "GPE", 0, 2, 1000);
  g_autoptr(GError) error = NULL;
  gboolean changed = FALSE;

  g_signal_connect (doc0, "status-changed", G_CALLBACK (count_signal_cb), seen);
  g_signal_connect (doc2, "status-changed", G_CALLBACK (count_signal_cb), seen);
  g_assert_cmpint (gloss_document_get_status (doc0, "alice"), ==, GLOSS_DOCUMENT_STATUS_NEW);
  g_assert_cmpint (gloss_document_get_status (doc2, "bob"), ==, GLOSS_DOCUMENT_STATUS_NEW);

  /* a command of the open document, its undo and redo */
  gloss_command_set_document_status (command, NULL, GLOSS_DOCUMENT_STATUS_DONE);
  g_assert_true (gloss_annotation_list_apply (f->lists[0], command, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gloss_document_get_status (doc0, "alice"), ==, GLOSS_DOCUMENT_STATUS_DONE);
  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, "alice");
  g_assert_true (gloss_annotation_list_undo (f->lists[0], &error));
  g_assert_no_error (error);
  g_assert_cmpint (gloss_document_get_status (doc0, "alice"), ==, GLOSS_DOCUMENT_STATUS_NEW);
  g_assert_cmpuint (seen->len, ==, 2);

  /* a change set into a document nobody opened: count and status */
  gloss_change_set_put_annotation (changes, a, GLOSS_CHANGE_ALWAYS);
  gloss_change_set_put_status (changes, gloss_document_get_id (doc2), "bob",
                               GLOSS_DOCUMENT_STATUS_IN_PROGRESS, 1000, GLOSS_CHANGE_ALWAYS);
  g_assert_true (gloss_project_apply_changes (f->project, changes, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gloss_document_get_status (doc2, "bob"), ==,
                   GLOSS_DOCUMENT_STATUS_IN_PROGRESS);
  g_assert_cmpuint (gloss_document_get_n_annotations (doc2), ==, 1);
  g_assert_cmpuint (seen->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (seen, 2), ==, "bob");

  /* another program */
  {
    g_autofree char *sql =
      g_strdup_printf ("UPDATE document_status SET status = 2, modified = 2000 "
                       "WHERE document = %" G_GINT64_FORMAT " AND annotator = 'bob';"
                       "DELETE FROM annotations WHERE document = %" G_GINT64_FORMAT ";",
                       gloss_document_get_id (doc2), gloss_document_get_id (doc2));
    g_autofree char *path = g_strdup (gloss_project_get_path (f->project));
    sqlite3 *db = test_raw_open (path);

    test_raw_exec (db, sql);
    sqlite3_close (db);
  }
  g_assert_true (gloss_project_refresh (f->project, &changed, &error));
  g_assert_no_error (error);
  g_assert_true (changed);
  g_assert_cmpint (gloss_document_get_status (doc2, "bob"), ==, GLOSS_DOCUMENT_STATUS_DONE);
  g_assert_cmpuint (gloss_document_get_n_annotations (doc2), ==, 0);
  g_assert_cmpuint (seen->len, ==, 4);
  check_follows (f);

  g_signal_handlers_disconnect_by_data (doc0, seen);
  g_signal_handlers_disconnect_by_data (doc2, seen);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/core/change-set/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("apply-undo-redo", test_apply_undo_redo);
  ADD ("if-newer", test_if_newer);
  ADD ("undo-refused", test_undo_refused);
  ADD ("undo-revival", test_undo_revival);
  g_test_add ("/core/change-set/undo-revival-many", Fixture, GUINT_TO_POINTER (100),
              fixture_setup, test_undo_revival, fixture_teardown);
  ADD ("failure-writes-nothing", test_failure_writes_nothing);
  ADD ("every-kind-followed", test_every_kind_followed);
  ADD ("document-follows", test_document_follows);
#undef ADD

  return g_test_run ();
}
