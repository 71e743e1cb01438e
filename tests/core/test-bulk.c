/* test-bulk.c: "annotate all occurrences" in all documents, its undo and redo
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "core-test-util.h"

/* Three documents with the word and one without; an emoji and accented
 * letters stand before some hits, so byte and code point offsets differ. */
static const char * const texts[] = {
  "Valgrad said Valgradian units met in Valgrad.",
  "😀 Ünter Valgrad, the café near Valgrad-East.",
  "Nothing here but Valgradia and xValgrad.",
  "No match at all.",
  "«Valgrad»: Valgrad Valgrad",
};

typedef struct
{
  GlossProject  *project;
  GlossDocument *docs[G_N_ELEMENTS (texts)];
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = test_path ("bulk.gloss");
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
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->project);
}

static char *
dump (Fixture *f)
{
  return test_dump_store (_gloss_store_get_db (gloss_project_get_store (f->project)));
}

/* Code point offset of the @nth (from 0) occurrence of @needle in @text. */
static guint
offset_of (const char *text,
           const char *needle,
           guint       nth)
{
  const char *p = text;

  for (;;)
    {
      p = strstr (p, needle);
      g_assert_nonnull (p);
      if (nth-- == 0)
        return g_utf8_pointer_to_offset (text, p);
      p++;
    }
}

static int
by_span_then_label (GlossAnnotation **a,
                    GlossAnnotation **b)
{
  int c = gloss_annotation_compare (*a, *b);

  if (gloss_annotation_get_start (*a) == gloss_annotation_get_start (*b) &&
      gloss_annotation_get_end (*a) == gloss_annotation_get_end (*b))
    c = strcmp (gloss_annotation_get_label (*a), gloss_annotation_get_label (*b));
  return c;
}

/* "start-end label annotator" of the live annotations of @doc by span, then label. */
static char *
spans_of (Fixture       *f,
          GlossDocument *doc)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = gloss_store_load_annotations (gloss_project_get_store (f->project),
                                                            gloss_document_get_id (doc), FALSE,
                                                            &error);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  g_ptr_array_sort (rows, (GCompareFunc) by_span_then_label);
  for (guint i = 0; i < rows->len; i++)
    {
      GlossAnnotation *a = g_ptr_array_index (rows, i);

      g_ptr_array_add (lines, g_strdup_printf ("%u-%u %s %s", gloss_annotation_get_start (a),
                                               gloss_annotation_get_end (a),
                                               gloss_annotation_get_label (a),
                                               gloss_annotation_get_annotator (a)));
    }
  g_ptr_array_add (lines, NULL);
  return g_strjoinv (";", (char **) lines->pdata);
}

static void
test_occurrences (void)
{
  g_autoptr(GArray) hits = NULL;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) none = NULL;
  g_autoptr(GArray) punct = NULL;
  GlossFragment *f;

  hits = gloss_find_occurrences (texts[0], "Valgrad", TRUE);
  g_assert_cmpuint (hits->len, ==, 2);
  f = &g_array_index (hits, GlossFragment, 0);
  g_assert_cmpuint (f->start, ==, 0);
  g_assert_cmpuint (f->end, ==, 7);
  f = &g_array_index (hits, GlossFragment, 1);
  g_assert_cmpuint (f->start, ==, offset_of (texts[0], "Valgrad", 2));
  g_assert_cmpuint (f->end, ==, f->start + 7);

  all = gloss_find_occurrences (texts[0], "Valgrad", FALSE);
  g_assert_cmpuint (all->len, ==, 3);

  /* after an emoji (4 bytes, 1 code point) and Ü (2 bytes) */
  g_clear_pointer (&hits, g_array_unref);
  hits = gloss_find_occurrences (texts[1], "Valgrad", TRUE);
  g_assert_cmpuint (hits->len, ==, 2);
  f = &g_array_index (hits, GlossFragment, 0);
  g_assert_cmpuint (f->start, ==, 8);
  f = &g_array_index (hits, GlossFragment, 1);
  g_assert_cmpuint (f->start, ==, offset_of (texts[1], "Valgrad", 1));
  g_assert_cmpuint (f->start, ==, 31);

  /* a needle with a multi-byte letter */
  g_clear_pointer (&hits, g_array_unref);
  hits = gloss_find_occurrences (texts[1], "café", TRUE);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpuint (g_array_index (hits, GlossFragment, 0).start, ==, 21);
  g_assert_cmpuint (g_array_index (hits, GlossFragment, 0).end, ==, 25);

  /* inside longer words on either side: none */
  g_clear_pointer (&hits, g_array_unref);
  hits = gloss_find_occurrences (texts[2], "Valgrad", TRUE);
  g_assert_cmpuint (hits->len, ==, 0);

  /* a needle that starts with punctuation matches after a letter too */
  punct = gloss_find_occurrences ("x«Valgrad»", "«Valgrad", TRUE);
  g_assert_cmpuint (punct->len, ==, 1);
  g_assert_cmpuint (g_array_index (punct, GlossFragment, 0).start, ==, 1);

  none = gloss_find_occurrences (texts[0], "", TRUE);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_annotate_undo_redo (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GlossBulkStep) step = NULL;
  g_autoptr(GlossAnnotationList) open_list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  g_autofree char *spans = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *description = NULL;
  GArray *ids;

  /* one hit of document 4 carries the label already, one another label */
  {
    g_autoptr(GlossAnnotationList) list =
      gloss_project_dup_annotation_list (f->project, f->docs[4], &error);
    g_autoptr(GlossCommand) cmd = gloss_command_new ("seed");
    g_autoptr(GlossAnnotation) same = gloss_annotation_new_span ("PERSON", 1, 8, NULL);
    g_autoptr(GlossAnnotation) other = gloss_annotation_new_span ("ORG", 11, 18, NULL);

    g_assert_no_error (error);
    gloss_command_create_annotation (cmd, same);
    gloss_command_create_annotation (cmd, other);
    gloss_annotation_list_apply (list, cmd, &error);
    g_assert_no_error (error);
  }
  /* document 0 is open: its list follows */
  open_list = gloss_project_dup_annotation_list (f->project, f->docs[0], &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (open_list)), ==, 0);

  before = dump (f);
  g_assert_true (gloss_project_annotate_everywhere (f->project, "PERSON", "Valgrad", TRUE, &step,
                                                    NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (step);

  /* doc 0: 2, doc 1: 2, doc 2: 0, doc 3: 0, doc 4: 3 hits, 1 already there */
  g_assert_cmpuint (gloss_bulk_step_get_n_annotations (step), ==, 6);
  g_assert_cmpuint (gloss_bulk_step_get_n_documents (step), ==, 3);
  g_assert_cmpuint (gloss_bulk_step_get_uuids (step)->len, ==, 6);
  ids = gloss_bulk_step_get_document_ids (step);
  g_assert_cmpuint (ids->len, ==, 6);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, gloss_document_get_id (f->docs[0]));
  g_assert_cmpstr (gloss_bulk_step_get_label (step), ==, "PERSON");
  g_assert_cmpstr (gloss_bulk_step_get_needle (step), ==, "Valgrad");
  g_assert_true (gloss_bulk_step_can_undo (step));
  g_assert_false (gloss_bulk_step_can_redo (step));
  description = gloss_bulk_step_dup_description (step);
  g_assert_nonnull (strstr (description, "Valgrad"));

  spans = spans_of (f, f->docs[0]);
  expected = g_strdup_printf ("0-7 PERSON alice;%u-%u PERSON alice",
                              offset_of (texts[0], "Valgrad", 2),
                              offset_of (texts[0], "Valgrad", 2) + 7);
  g_assert_cmpstr (spans, ==, expected);
  g_clear_pointer (&spans, g_free);
  spans = spans_of (f, f->docs[1]);
  g_assert_cmpstr (spans, ==, "8-15 PERSON alice;31-38 PERSON alice");
  g_clear_pointer (&spans, g_free);
  spans = spans_of (f, f->docs[2]);
  g_assert_cmpstr (spans, ==, "");
  g_clear_pointer (&spans, g_free);
  spans = spans_of (f, f->docs[4]);
  g_assert_cmpstr (spans, ==, "1-8 PERSON alice;11-18 ORG alice;11-18 PERSON alice;"
                              "19-26 PERSON alice");
  /* the open list and the document counts followed */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (open_list)), ==, 2);
  g_assert_cmpuint (gloss_document_get_n_annotations (
                      gloss_project_lookup_document (f->project,
                                                     gloss_document_get_id (f->docs[1]))), ==, 2);

  /* the same again finds nothing new */
  {
    g_autoptr(GlossBulkStep) again = NULL;

    after = dump (f);
    g_assert_true (gloss_project_annotate_everywhere (f->project, "PERSON", "Valgrad", TRUE,
                                                      &again, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (gloss_bulk_step_get_n_annotations (again), ==, 0);
    g_assert_cmpuint (gloss_bulk_step_get_n_documents (again), ==, 0);
    g_assert_false (gloss_bulk_step_can_undo (again));
    g_assert_false (gloss_project_undo_bulk (f->project, again, &error));
    g_assert_error (error, GLOSS_BULK_ERROR, GLOSS_BULK_ERROR_NOTHING_TO_UNDO);
    g_clear_error (&error);
    redone = dump (f);
    g_assert_cmpstr (redone, ==, after);
    g_clear_pointer (&redone, g_free);
  }

  /* undo: the store as before, byte for byte */
  g_assert_false (gloss_project_redo_bulk (f->project, step, &error));
  g_assert_error (error, GLOSS_BULK_ERROR, GLOSS_BULK_ERROR_NOTHING_TO_REDO);
  g_clear_error (&error);
  g_assert_true (gloss_project_undo_bulk (f->project, step, &error));
  g_assert_no_error (error);
  undone = dump (f);
  g_assert_cmpstr (undone, ==, before);
  g_assert_false (gloss_bulk_step_can_undo (step));
  g_assert_true (gloss_bulk_step_can_redo (step));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (open_list)), ==, 0);

  /* redo: the same rows again */
  g_assert_true (gloss_project_redo_bulk (f->project, step, &error));
  g_assert_no_error (error);
  redone = dump (f);
  g_assert_cmpstr (redone, ==, after);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (open_list)), ==, 2);
  g_assert_true (gloss_bulk_step_can_undo (step));

  /* and undo once more */
  g_assert_true (gloss_project_undo_bulk (f->project, step, &error));
  g_assert_no_error (error);
  g_clear_pointer (&undone, g_free);
  undone = dump (f);
  g_assert_cmpstr (undone, ==, before);
}

static void
test_whole_words_off (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GlossBulkStep) step = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_project_annotate_everywhere (f->project, "GPE", "Valgrad", FALSE, &step,
                                                    NULL, &error));
  g_assert_no_error (error);
  /* 3 + 2 + 2 + 0 + 3 */
  g_assert_cmpuint (gloss_bulk_step_get_n_annotations (step), ==, 10);
  g_assert_cmpuint (gloss_bulk_step_get_n_documents (step), ==, 4);
}

static void
test_undo_refused (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const edits[] = { "relabel", "delete", "note", "relation" };

  for (guint e = 0; e < G_N_ELEMENTS (edits); e++)
    {
      g_autoptr(GlossBulkStep) step = NULL;
      g_autoptr(GlossAnnotationList) list = NULL;
      g_autoptr(GlossCommand) cmd = gloss_command_new (edits[e]);
      g_autoptr(GError) error = NULL;
      g_autofree char *edited = NULL;
      g_autofree char *now = NULL;
      g_autofree char *uuid = NULL;

      g_test_message ("edit: %s", edits[e]);
      g_assert_true (gloss_project_annotate_everywhere (f->project, "PERSON", "Valgrad", TRUE,
                                                        &step, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (gloss_bulk_step_get_n_annotations (step), ==, 7);

      /* edit one created annotation of document 1 through its list */
      list = gloss_project_dup_annotation_list (f->project, f->docs[1], &error);
      g_assert_no_error (error);
      uuid = g_strdup (g_ptr_array_index (gloss_bulk_step_get_uuids (step), 2));
      g_assert_cmpint (g_array_index (gloss_bulk_step_get_document_ids (step), gint64, 2), ==,
                       gloss_document_get_id (f->docs[1]));
      if (e == 0)
        gloss_command_set_label (cmd, uuid, "ORG");
      else if (e == 1)
        gloss_command_delete_annotation (cmd, uuid);
      else if (e == 2)
        gloss_command_set_note (cmd, uuid, "checked");
      else
        {
          g_autoptr(GlossAnnotation) claim = gloss_annotation_new_span ("CLAIM", 16, 40, NULL);
          g_autoptr(GlossRelation) rel = NULL;

          gloss_command_create_annotation (cmd, claim);
          rel = gloss_relation_new ("attributed-to", gloss_annotation_get_uuid (claim), uuid,
                                    NULL);
          gloss_command_add_relation (cmd, rel);
        }
      gloss_annotation_list_apply (list, cmd, &error);
      g_assert_no_error (error);

      edited = dump (f);
      g_assert_false (gloss_project_undo_bulk (f->project, step, &error));
      g_assert_error (error, GLOSS_BULK_ERROR, GLOSS_BULK_ERROR_CHANGED);
      g_assert_nonnull (strstr (error->message, "doc 1"));
      g_clear_error (&error);
      now = dump (f);
      g_assert_cmpstr (now, ==, edited);
      g_assert_true (gloss_bulk_step_can_undo (step));

      /* the document's own undo takes the edit back, then the step undoes */
      g_assert_true (gloss_annotation_list_undo (list, &error));
      g_assert_no_error (error);
      g_assert_true (gloss_project_undo_bulk (f->project, step, &error));
      g_assert_no_error (error);
    }
}

static void
test_refused_input (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GlossBulkStep) step = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump (f);
  g_autofree char *after = NULL;

  g_assert_false (gloss_project_annotate_everywhere (f->project, "NO-SUCH-LABEL", "Valgrad", TRUE,
                                                     &step, NULL, &error));
  g_assert_error (error, GLOSS_COMMAND_ERROR, GLOSS_COMMAND_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "NO-SUCH-LABEL"));
  g_assert_null (step);
  g_clear_error (&error);

  g_assert_false (gloss_project_annotate_everywhere (f->project, "PERSON", "", TRUE, &step, NULL,
                                                     &error));
  g_assert_error (error, GLOSS_COMMAND_ERROR, GLOSS_COMMAND_ERROR_INVALID);
  g_clear_error (&error);

  /* cancelled: nothing written */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    g_cancellable_cancel (cancellable);
    g_assert_false (gloss_project_annotate_everywhere (f->project, "PERSON", "Valgrad", TRUE,
                                                       &step, cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_null (step);
  }

  after = dump (f);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (gloss_store_in_transaction (gloss_project_get_store (f->project)));
}

/* Records the fractions; cancels once past @cancel_after when set. */
typedef struct
{
  GArray       *fractions;     /* double */
  GCancellable *cancellable;   /* borrowed, may be NULL */
  double        cancel_after;
} Progress;

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  Progress *p = user_data;

  g_array_append_val (p->fractions, fraction);
  if (p->cancellable != NULL && fraction > p->cancel_after)
    g_cancellable_cancel (p->cancellable);
}

static void
test_progress (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  Progress p = { fractions, NULL, 0 };
  g_autoptr(GlossBulkStep) step = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_project_annotate_everywhere_full (f->project, "PERSON", "Valgrad", TRUE,
                                                         progress_cb, &p, &step, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_bulk_step_get_n_annotations (step), ==, 7);
  /* 0, then once per document holding the text (four), then 1 after the commit */
  g_assert_cmpuint (fractions->len, >=, 3);
  g_assert_cmpfloat (g_array_index (fractions, double, 0), ==, 0.0);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >=,
                       g_array_index (fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
  /* the project's documents are brought up to the store on demand */
  g_assert_cmpuint (gloss_document_get_n_annotations (f->docs[0]), ==, 0);
  gloss_project_refresh_for_bulk (f->project, step);
  g_assert_cmpuint (gloss_document_get_n_annotations (f->docs[0]), ==, 2);
}

/* Cancelled between two documents: rolled back, nothing written. */
static void
test_cancel_midway (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Progress p = { fractions, cancellable, 0.3 };
  g_autoptr(GlossBulkStep) step = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump (f);
  g_autofree char *after = NULL;

  g_assert_false (gloss_project_annotate_everywhere_full (f->project, "PERSON", "Valgrad", TRUE,
                                                          progress_cb, &p, &step, cancellable,
                                                          &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (step);
  /* it got past the first document before it stopped */
  g_assert_cmpuint (fractions->len, >=, 2);
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), <, 1.0);
  after = dump (f);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (gloss_store_in_transaction (gloss_project_get_store (f->project)));
  g_assert_cmpuint (gloss_document_get_n_annotations (f->docs[0]), ==, 0);
}

/* A step made through one project (a worker's) is shown, undone and
 * redone through another one on the same file (the window's). */
static void
test_other_project (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) other = gloss_project_open (gloss_project_get_path (f->project), &error);
  g_autoptr(GlossAnnotationList) list = NULL;
  g_autoptr(GlossBulkStep) step = NULL;
  g_autofree char *before = dump (f);
  g_autofree char *after = NULL;
  g_autofree char *spans = NULL;
  GlossDocument *doc0, *doc1;

  g_assert_no_error (error);
  doc0 = gloss_project_find_document (other, "doc 0");
  doc1 = gloss_project_find_document (other, "doc 1");
  g_assert_nonnull (doc0);
  g_assert_nonnull (doc1);
  list = gloss_project_dup_annotation_list (other, doc0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  g_assert_true (gloss_project_annotate_everywhere (f->project, "PERSON", "Valgrad", TRUE, &step,
                                                    NULL, &error));
  g_assert_no_error (error);
  /* the other project does not know yet */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  gloss_project_refresh_for_bulk (other, step);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_cmpuint (gloss_document_get_n_annotations (doc1), ==, 2);

  g_assert_true (gloss_project_undo_bulk (other, step, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_cmpuint (gloss_document_get_n_annotations (doc1), ==, 0);
  after = dump (f);
  g_assert_cmpstr (after, ==, before);

  g_assert_true (gloss_project_redo_bulk (other, step, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  spans = spans_of (f, f->docs[0]);
  g_assert_cmpstr (spans, ==, "0-7 PERSON alice;37-44 PERSON alice");
}

/* Undo and redo for a worker: cancelled, nothing changes; otherwise as
 * the plain ones, without reloading the project's lists. */
static void
test_undo_full (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Progress p = { fractions, NULL, 0 };
  g_autoptr(GlossBulkStep) step = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump (f);
  g_autofree char *applied = NULL;
  g_autofree char *now = NULL;

  g_assert_true (gloss_project_annotate_everywhere (f->project, "PERSON", "Valgrad", TRUE, &step,
                                                    NULL, &error));
  g_assert_no_error (error);
  applied = dump (f);

  g_cancellable_cancel (cancellable);
  g_assert_false (gloss_project_undo_bulk_full (f->project, step, TRUE, NULL, NULL, cancellable,
                                                &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_true (gloss_bulk_step_can_undo (step));
  now = dump (f);
  g_assert_cmpstr (now, ==, applied);
  g_clear_pointer (&now, g_free);

  g_assert_true (gloss_project_undo_bulk_full (f->project, step, TRUE, progress_cb, &p, NULL,
                                               &error));
  g_assert_no_error (error);
  g_assert_true (gloss_bulk_step_can_redo (step));
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
  now = dump (f);
  g_assert_cmpstr (now, ==, before);
  g_clear_pointer (&now, g_free);
  /* not reloaded: the document still counts the step's rows until refreshed */
  g_assert_cmpuint (gloss_document_get_n_annotations (f->docs[0]), ==, 2);
  gloss_project_refresh_for_bulk (f->project, step);
  g_assert_cmpuint (gloss_document_get_n_annotations (f->docs[0]), ==, 0);

  g_assert_true (gloss_project_undo_bulk_full (f->project, step, FALSE, NULL, NULL, NULL,
                                               &error));
  g_assert_no_error (error);
  now = dump (f);
  g_assert_cmpstr (now, ==, applied);
  g_assert_true (gloss_bulk_step_can_undo (step));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/bulk/occurrences", test_occurrences);
  g_test_add ("/core/bulk/annotate-undo-redo", Fixture, NULL, fixture_setup,
              test_annotate_undo_redo, fixture_teardown);
  g_test_add ("/core/bulk/whole-words-off", Fixture, NULL, fixture_setup, test_whole_words_off,
              fixture_teardown);
  g_test_add ("/core/bulk/undo-refused", Fixture, NULL, fixture_setup, test_undo_refused,
              fixture_teardown);
  g_test_add ("/core/bulk/refused-input", Fixture, NULL, fixture_setup, test_refused_input,
              fixture_teardown);
  g_test_add ("/core/bulk/progress", Fixture, NULL, fixture_setup, test_progress,
              fixture_teardown);
  g_test_add ("/core/bulk/cancel-midway", Fixture, NULL, fixture_setup, test_cancel_midway,
              fixture_teardown);
  g_test_add ("/core/bulk/undo-full", Fixture, NULL, fixture_setup, test_undo_full,
              fixture_teardown);
  g_test_add ("/core/bulk/other-project", Fixture, NULL, fixture_setup, test_other_project,
              fixture_teardown);

  return g_test_run ();
}
