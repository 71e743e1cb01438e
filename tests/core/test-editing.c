/* test-editing.c: the rules of annotating by hand (gloss-editing.h)
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "core-test-util.h"

static void
test_snap (void)
{
  const char *text = "  Valgrad  officials, naïve café—€450,000 ok ";
  guint s, e;

  /* A cut word grows to the whole word. */
  g_assert_true (gloss_snap_to_words (text, 4, 6, &s, &e));
  g_assert_cmpuint (s, ==, 2);
  g_assert_cmpuint (e, ==, 9);

  /* Surrounding white space is trimmed, then cut words grow. */
  g_assert_true (gloss_snap_to_words (text, 0, 14, &s, &e));
  g_assert_cmpuint (s, ==, 2);
  g_assert_cmpuint (e, ==, 20);

  /* Punctuation at an edge stays as selected. */
  g_assert_true (gloss_snap_to_words (text, 11, 21, &s, &e));
  g_assert_cmpuint (s, ==, 11);
  g_assert_cmpuint (e, ==, 21);

  /* Non-ASCII letters are word characters. */
  g_assert_true (gloss_snap_to_words (text, 24, 25, &s, &e));
  g_assert_cmpuint (s, ==, 22);
  g_assert_cmpuint (e, ==, 27);
  g_assert_true (gloss_snap_to_words (text, 29, 30, &s, &e));
  g_assert_cmpuint (s, ==, 28);
  g_assert_cmpuint (e, ==, 32);

  /* Digits too: "450" grows to "450" only (the comma splits). */
  g_assert_true (gloss_snap_to_words (text, 35, 36, &s, &e));
  g_assert_cmpuint (s, ==, 34);
  g_assert_cmpuint (e, ==, 37);

  /* Never an empty span: white space only, empty or reversed ranges. */
  g_assert_false (gloss_snap_to_words (text, 0, 2, &s, &e));
  g_assert_false (gloss_snap_to_words (text, 9, 11, &s, &e));
  g_assert_false (gloss_snap_to_words (text, 5, 5, &s, &e));
  g_assert_false (gloss_snap_to_words (text, 6, 5, &s, &e));

  /* Past the end: clipped to the text, the end is the last word's. */
  g_assert_true (gloss_snap_to_words (text, 42, 400, &s, &e));
  g_assert_cmpuint (s, ==, 42);
  g_assert_cmpuint (e, ==, 44);
  g_assert_false (gloss_snap_to_words (text, 400, 410, &s, &e));

  /* Edges at the very start and end of the text. */
  g_assert_true (gloss_snap_to_words ("word", 1, 3, &s, &e));
  g_assert_cmpuint (s, ==, 0);
  g_assert_cmpuint (e, ==, 4);
}

static void
test_word_chars (void)
{
  /* Letters, digits and combining marks (a decomposed "é"); not
   * punctuation, symbols or white space. */
  g_assert_true (gloss_is_word_char ('a'));
  g_assert_true (gloss_is_word_char (0x00EF));  /* ï */
  g_assert_true (gloss_is_word_char ('7'));
  g_assert_true (gloss_is_word_char (0x0301));  /* combining acute accent */
  g_assert_false (gloss_is_word_char (','));
  g_assert_false (gloss_is_word_char (0x2014)); /* em dash */
  g_assert_false (gloss_is_word_char (0x20AC)); /* € */
  g_assert_false (gloss_is_word_char (' '));

  /* So a word with a decomposed accent snaps whole. */
  {
    guint s, e;

    g_assert_true (gloss_snap_to_words ("un cafe\xcc\x81 noir", 4, 5, &s, &e));
    g_assert_cmpuint (s, ==, 3);
    g_assert_cmpuint (e, ==, 8);
  }
}

static void
test_fragments_add (void)
{
  GlossFragment base[] = { { 10, 20 }, { 30, 40 } };
  g_autofree GlossFragment *a = NULL;
  g_autofree GlossFragment *b = NULL;
  g_autofree GlossFragment *c = NULL;
  guint n;

  a = gloss_fragments_add (base, 2, 50, 55, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (a[2].start, ==, 50);

  b = gloss_fragments_add (base, 2, 0, 5, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (b[0].start, ==, 0);
  g_assert_cmpuint (b[1].start, ==, 10);

  /* Overlapping and touching pieces merge. */
  c = gloss_fragments_add (base, 2, 18, 30, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (c[0].start, ==, 10);
  g_assert_cmpuint (c[0].end, ==, 40);
}

static void
test_fragments_add_edges (void)
{
  GlossFragment base[] = { { 10, 20 } };
  g_autofree GlossFragment *a = NULL;
  g_autofree GlossFragment *b = NULL;
  g_autofree GlossFragment *c = NULL;
  guint n;

  /* To no fragments at all. */
  a = gloss_fragments_add (NULL, 0, 3, 8, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (a[0].start, ==, 3);
  g_assert_cmpuint (a[0].end, ==, 8);

  /* A piece inside a fragment changes nothing; one touching its start joins it. */
  b = gloss_fragments_add (base, 1, 12, 15, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (b[0].start, ==, 10);
  g_assert_cmpuint (b[0].end, ==, 20);
  c = gloss_fragments_add (base, 1, 5, 10, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (c[0].start, ==, 5);
  g_assert_cmpuint (c[0].end, ==, 20);
}

/* The first annotation starts the annotator's work on the document, in the
 * same command: applied, the status is in progress; undone, new again. Later
 * annotations, and other statuses, are left alone. */
static void
test_start_document (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_path ("editing.gloss");
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GlossAnnotationList) list = NULL;
  g_autoptr(GlossCommand) first = NULL;
  g_autoptr(GlossCommand) second = NULL;
  g_autoptr(GlossCommand) other = NULL;
  g_autoptr(GlossCommand) done = NULL;
  g_autoptr(GlossAnnotation) a = NULL;
  g_autoptr(GlossAnnotation) b = NULL;
  GlossDocument *doc;
  guint n_edits;

  project = gloss_project_create (path, NULL, &error);
  g_assert_no_error (error);
  gloss_project_set_annotator (project, "alice");
  doc = gloss_project_add_document (project, "doc", "Reuters told reporters.", -1, NULL,
                                    &error);
  g_assert_no_error (error);
  list = gloss_project_dup_annotation_list (project, doc, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gloss_annotation_list_get_annotator (list), ==, "alice");

  other = gloss_command_new ("Add ORG");
  g_assert_false (gloss_editing_start_document (other, NULL, "alice"));
  g_clear_object (&other);
  g_assert_cmpint (gloss_document_get_status (doc, "alice"), ==, GLOSS_DOCUMENT_STATUS_NEW);

  a = gloss_annotation_new_span ("ORG", 0, 7, NULL);
  first = gloss_command_new ("Add ORG");
  gloss_command_create_annotation (first, a);
  n_edits = gloss_command_get_n_edits (first);
  g_assert_true (gloss_editing_start_document (first, doc, "alice"));
  g_assert_cmpuint (gloss_command_get_n_edits (first), ==, n_edits + 1);
  g_assert_true (gloss_annotation_list_apply (list, first, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gloss_document_get_status (doc, "alice"), ==,
                   GLOSS_DOCUMENT_STATUS_IN_PROGRESS);
  /* Another annotator's status is theirs. */
  g_assert_cmpint (gloss_document_get_status (doc, "bob"), ==, GLOSS_DOCUMENT_STATUS_NEW);

  /* The second annotation: nothing to start. */
  b = gloss_annotation_new_span ("ORG", 13, 22, NULL);
  second = gloss_command_new ("Add ORG");
  gloss_command_create_annotation (second, b);
  g_assert_false (gloss_editing_start_document (second, doc, "alice"));
  g_assert_cmpuint (gloss_command_get_n_edits (second), ==, n_edits);
  g_assert_true (gloss_annotation_list_apply (list, second, &error));
  g_assert_no_error (error);

  /* One undo of the first takes the annotation and the status back. */
  g_assert_true (gloss_annotation_list_undo (list, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_annotation_list_undo (list, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_cmpint (gloss_document_get_status (doc, "alice"), ==, GLOSS_DOCUMENT_STATUS_NEW);

  /* A document already done stays done. */
  done = gloss_command_new ("Done");
  gloss_command_set_document_status (done, NULL, GLOSS_DOCUMENT_STATUS_DONE);
  g_assert_true (gloss_annotation_list_apply (list, done, &error));
  g_assert_no_error (error);
  other = gloss_command_new ("Add ORG");
  gloss_command_create_annotation (other, a);
  g_assert_false (gloss_editing_start_document (other, doc, "alice"));
  g_assert_cmpint (gloss_document_get_status (doc, "alice"), ==, GLOSS_DOCUMENT_STATUS_DONE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/editing/snap-to-words", test_snap);
  g_test_add_func ("/core/editing/word-chars", test_word_chars);
  g_test_add_func ("/core/editing/fragments-add", test_fragments_add);
  g_test_add_func ("/core/editing/fragments-add-edges", test_fragments_add_edges);
  g_test_add_func ("/core/editing/first-annotation-starts-document", test_start_document);

  return g_test_run ();
}
