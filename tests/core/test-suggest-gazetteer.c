/* test-suggest-gazetteer.c: the gazetteer suggester
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "core-test-util.h"
#include "gloss-suggester-gazetteer.h"

/* The code point offset of the @nth (from 0) occurrence of @needle in @text. */
static guint
offset_of (const char *text,
           const char *needle,
           guint       nth)
{
  const char *at = strstr (text, needle);

  for (guint i = 0; i < nth && at != NULL; i++)
    at = strstr (at + 1, needle);
  g_assert_nonnull (at);
  return (guint) g_utf8_pointer_to_offset (text, at);
}

static GlossSchema *
news_schema (void)
{
  g_autoptr(GError) error = NULL;
  GlossSchema *schema = gloss_schema_new_preset ("news", &error);

  g_assert_no_error (error);
  return schema;
}

static GPtrArray *
run (GlossSuggester *suggester,
     const char     *text,
     GPtrArray      *annotations)
{
  g_autoptr(GlossSchema) schema = news_schema ();
  g_autoptr(GlossSuggestInput) input = gloss_suggest_input_new_text ("doc", text, schema,
                                                                      annotations);
  g_autoptr(GError) error = NULL;
  GPtrArray *suggestions = gloss_suggester_suggest (suggester, input, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (suggestions);
  return suggestions;
}

/* Asserts suggestion @i is @label over the @nth occurrence of @covered. */
static void
assert_suggestion (GPtrArray  *suggestions,
                   guint       i,
                   const char *text,
                   const char *covered,
                   guint       nth,
                   const char *label)
{
  GlossSuggestion *s;
  guint            start = offset_of (text, covered, nth);

  g_assert_cmpuint (i, <, suggestions->len);
  s = g_ptr_array_index (suggestions, i);
  g_assert_cmpstr (gloss_suggestion_get_label (s), ==, label);
  g_assert_cmpuint (gloss_suggestion_get_start (s), ==, start);
  g_assert_cmpuint (gloss_suggestion_get_end (s), ==, start + g_utf8_strlen (covered, -1));
  g_assert_cmpstr (gloss_suggestion_get_suggester (s), ==, "gazetteer");
}

static int
compare_suggestions (gconstpointer a,
                     gconstpointer b)
{
  return gloss_suggestion_compare (*(GlossSuggestion **) a, *(GlossSuggestion **) b);
}

static void
sort (GPtrArray *suggestions)
{
  g_ptr_array_sort (suggestions, compare_suggestions);
}

static void
test_name_and_labels (void)
{
  g_autoptr(GlossSuggester) suggester = gloss_gazetteer_suggester_new ();
  g_autoptr(GlossSchema) schema = news_schema ();
  g_auto(GStrv) labels = gloss_suggester_dup_labels (suggester, schema);

  g_assert_cmpstr (gloss_suggester_get_name (suggester), ==, "gazetteer");
  g_assert_true (gloss_suggester_can_train (suggester));
  g_assert_true (g_strv_contains ((const char * const *) labels, "PERSON"));
  g_assert_true (g_strv_contains ((const char * const *) labels, "SOURCE"));
  g_assert_true (g_strv_contains ((const char * const *) labels, "CUE"));
  g_assert_false (g_strv_contains ((const char * const *) labels, "CLAIM"));
}

static void
test_longest_match (void)
{
  static const char text[] =
    "Defectors from North Korea told the agency that Korea had moved Unit 414 Command "
    "closer to the border, and that Unit 414 itself was disbanded.";
  g_autoptr(GlossSuggester) suggester = gloss_gazetteer_suggester_new ();
  GlossGazetteerSuggester *gaz = GLOSS_GAZETTEER_SUGGESTER (suggester);
  g_autoptr(GPtrArray) suggestions = NULL;

  gloss_gazetteer_suggester_add (gaz, "Korea", "LOC", 1.0);
  gloss_gazetteer_suggester_add (gaz, "North Korea", "GPE", 0.9);
  gloss_gazetteer_suggester_add (gaz, "Unit 414", "ORG", 1.0);
  gloss_gazetteer_suggester_add (gaz, "Unit 414 Command", "FAC", 0.5);
  gloss_gazetteer_suggester_add (gaz, "Command closer", "EVENT", 1.0);
  suggestions = run (suggester, text, NULL);
  sort (suggestions);

  g_assert_cmpuint (suggestions->len, ==, 4);
  assert_suggestion (suggestions, 0, text, "North Korea", 0, "GPE");
  g_assert_cmpfloat_with_epsilon (gloss_suggestion_get_score (suggestions->pdata[0]), 0.9, 1e-9);
  assert_suggestion (suggestions, 1, text, "Korea", 1, "LOC");
  assert_suggestion (suggestions, 2, text, "Unit 414 Command", 0, "FAC");
  assert_suggestion (suggestions, 3, text, "Unit 414", 1, "ORG");
}

static void
test_word_boundaries (void)
{
  static const char text[] =
    "Korean officials said the Koreas talk; in Korea, one spoke of Korea's \"Korea-first\" line.";
  g_autoptr(GlossSuggester) suggester = gloss_gazetteer_suggester_new ();
  g_autoptr(GPtrArray) suggestions = NULL;

  gloss_gazetteer_suggester_add (GLOSS_GAZETTEER_SUGGESTER (suggester), "Korea", "GPE", 1.0);
  suggestions = run (suggester, text, NULL);
  sort (suggestions);

  /* Not in "Korean", "Koreas" or "Korea-first" (one token); in "Korea,"
   * and in "Korea's" (the clitic is a token of its own). */
  g_assert_cmpuint (suggestions->len, ==, 2);
  assert_suggestion (suggestions, 0, text, "Korea", 2, "GPE");
  assert_suggestion (suggestions, 1, text, "Korea", 3, "GPE");
}

static void
test_case_sensitivity (void)
{
  static const char text[] =
    "UNIT 414 and unit 414 are written thus; Unit 414 is the name. The Agency and the agency.";
  g_autoptr(GlossSuggester) suggester = gloss_gazetteer_suggester_new ();
  GlossGazetteerSuggester *gaz = GLOSS_GAZETTEER_SUGGESTER (suggester);
  g_autoptr(GPtrArray) sensitive = NULL;
  g_autoptr(GPtrArray) insensitive = NULL;

  g_assert_true (gloss_gazetteer_suggester_get_case_sensitive (gaz));
  gloss_gazetteer_suggester_add (gaz, "Unit 414", "ORG", 1.0);
  gloss_gazetteer_suggester_add (gaz, "the agency", "ORG", 1.0);

  sensitive = run (suggester, text, NULL);
  sort (sensitive);
  g_assert_cmpuint (sensitive->len, ==, 2);
  assert_suggestion (sensitive, 0, text, "Unit 414", 0, "ORG");
  assert_suggestion (sensitive, 1, text, "the agency", 0, "ORG");

  gloss_gazetteer_suggester_set_case_sensitive (gaz, FALSE);
  g_assert_false (gloss_gazetteer_suggester_get_case_sensitive (gaz));
  insensitive = run (suggester, text, NULL);
  sort (insensitive);
  g_assert_cmpuint (insensitive->len, ==, 5);
  assert_suggestion (insensitive, 0, text, "UNIT 414", 0, "ORG");
  assert_suggestion (insensitive, 1, text, "unit 414", 0, "ORG");
  assert_suggestion (insensitive, 2, text, "Unit 414", 0, "ORG");
  assert_suggestion (insensitive, 3, text, "The Agency", 0, "ORG");
  assert_suggestion (insensitive, 4, text, "the agency", 0, "ORG");

  /* And back. */
  gloss_gazetteer_suggester_set_case_sensitive (gaz, TRUE);
  g_clear_pointer (&sensitive, g_ptr_array_unref);
  sensitive = run (suggester, text, NULL);
  g_assert_cmpuint (sensitive->len, ==, 2);
}

static void
test_non_ascii (void)
{
  static const char text[] =
    "ZÜRICH — «Ivešić», 🇰🇵 said: Ελλάδα’s envoy met Ivešić and Ana Núñez of Unit 414 in Zürich.";
  g_autoptr(GlossSuggester) suggester = gloss_gazetteer_suggester_new ();
  GlossGazetteerSuggester *gaz = GLOSS_GAZETTEER_SUGGESTER (suggester);
  g_autoptr(GPtrArray) suggestions = NULL;

  gloss_gazetteer_suggester_add (gaz, "Ana Núñez", "PERSON", 1.0);
  gloss_gazetteer_suggester_add (gaz, "Unit 414", "ORG", 1.0);
  gloss_gazetteer_suggester_add (gaz, "Zürich", "GPE", 1.0);
  gloss_gazetteer_suggester_add (gaz, "Ivešić", "PERSON", 1.0);
  suggestions = run (suggester, text, NULL);
  sort (suggestions);

  g_assert_cmpuint (suggestions->len, ==, 5);
  assert_suggestion (suggestions, 0, text, "Ivešić", 0, "PERSON");
  assert_suggestion (suggestions, 1, text, "Ivešić", 1, "PERSON");
  assert_suggestion (suggestions, 2, text, "Ana Núñez", 0, "PERSON");
  assert_suggestion (suggestions, 3, text, "Unit 414", 0, "ORG");
  assert_suggestion (suggestions, 4, text, "Zürich", 0, "GPE");

  /* Case-insensitive over non-ASCII letters: "ZÜRICH" too. */
  gloss_gazetteer_suggester_set_case_sensitive (gaz, FALSE);
  g_clear_pointer (&suggestions, g_ptr_array_unref);
  suggestions = run (suggester, text, NULL);
  sort (suggestions);
  g_assert_cmpuint (suggestions->len, ==, 6);
  assert_suggestion (suggestions, 0, text, "ZÜRICH", 0, "GPE");
}

static void
test_schema_layers (void)
{
  static const char text[] = "A source said he fled through Mongolia; Zorblax agreed.";
  g_autoptr(GlossSuggester) suggester = gloss_gazetteer_suggester_new ();
  GlossGazetteerSuggester *gaz = GLOSS_GAZETTEER_SUGGESTER (suggester);
  g_autoptr(GPtrArray) suggestions = NULL;

  gloss_gazetteer_suggester_add (gaz, "A source", "SOURCE", 1.0);
  gloss_gazetteer_suggester_add (gaz, "said", "CUE", 1.0);
  gloss_gazetteer_suggester_add (gaz, "he fled through Mongolia", "CLAIM", 1.0);
  gloss_gazetteer_suggester_add (gaz, "Zorblax", "ALIEN", 1.0);
  suggestions = run (suggester, text, NULL);
  sort (suggestions);

  /* No claim, and no label the schema lacks. */
  g_assert_cmpuint (suggestions->len, ==, 2);
  assert_suggestion (suggestions, 0, text, "A source", 0, "SOURCE");
  assert_suggestion (suggestions, 1, text, "said", 0, "CUE");
}

static void
test_list_file (void)
{
  static const char text[] =
    "The Directorate of Signals said Mira Tan left Valgrad for Oslo.";
  g_autofree char *path = test_path ("names.tsv");
  g_autofree char *bad = test_path ("bad.tsv");
  g_autofree char *not_utf8 = test_path ("latin1.tsv");
  g_autoptr(GlossSuggester) suggester = gloss_gazetteer_suggester_new ();
  GlossGazetteerSuggester *gaz = GLOSS_GAZETTEER_SUGGESTER (suggester);
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path,
                                      "# invented names\n"
                                      "\n"
                                      "Directorate of Signals\tORG\n"
                                      "Mira Tan\tPERSON\r\n"
                                      "   \n"
                                      "Valgrad\tGPE\n"
                                      "Oslo\tGPE",
                                      -1, NULL));
  g_assert_true (gloss_gazetteer_suggester_load_list (gaz, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_gazetteer_suggester_get_n_entries (gaz), ==, 4);

  suggestions = run (suggester, text, NULL);
  sort (suggestions);
  g_assert_cmpuint (suggestions->len, ==, 4);
  assert_suggestion (suggestions, 0, text, "Directorate of Signals", 0, "ORG");
  assert_suggestion (suggestions, 1, text, "Mira Tan", 0, "PERSON");
  assert_suggestion (suggestions, 2, text, "Valgrad", 0, "GPE");
  assert_suggestion (suggestions, 3, text, "Oslo", 0, "GPE");
  g_assert_cmpfloat (gloss_suggestion_get_score (suggestions->pdata[0]), ==, 1.0);

  /* A bad line is an error naming the file and the line; nothing of that
   * file is added. */
  g_assert_true (g_file_set_contents (bad,
                                      "Norden\tGPE\n"
                                      "# fine\n"
                                      "Lars Brun PERSON\n",
                                      -1, NULL));
  g_assert_false (gloss_gazetteer_suggester_load_list (gaz, bad, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "bad.tsv:3:"));
  g_assert_cmpuint (gloss_gazetteer_suggester_get_n_entries (gaz), ==, 4);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (bad, "Norden\t\n", -1, NULL));
  g_assert_false (gloss_gazetteer_suggester_load_list (gaz, bad, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "bad.tsv:1:"));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (not_utf8, "Z\xfcrich\tGPE\n", -1, NULL));
  g_assert_false (gloss_gazetteer_suggester_load_list (gaz, not_utf8, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  g_assert_false (gloss_gazetteer_suggester_load_list (gaz, "/nonexistent/list.tsv", &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (gloss_gazetteer_suggester_get_n_entries (gaz), ==, 4);
}

static GlossAnnotation *
span (GlossCommand *command,
      const char   *text,
      const char   *covered,
      guint         nth,
      const char   *label,
      const char   *annotator)
{
  guint            start = offset_of (text, covered, nth);
  guint            end = start + g_utf8_strlen (covered, -1);
  g_autofree char *uuid = g_uuid_string_random ();
  g_autoptr(GlossAnnotation) annotation = gloss_annotation_new_span (label, start, end, annotator);

  gloss_annotation_set_uuid (annotation, uuid);
  gloss_command_create_annotation (command, annotation);
  return g_steal_pointer (&annotation);
}

static const char wire[] =
  "SEOUL (Meridian) -- Nikolai Dorn, a former officer of Unit 414, said he fled in June. "
  "Nikolai Dorn told the agency that Unit 414 ran the border posts.";
static const char brief[] =
  "RIGA (Baltic Wire) -- Unit 414 is a unit, officials said; Anna Kell denied it.";
static const char fresh[] =
  "OSLO -- Anna Kell and Nikolai Dorn met; he fled, officials said, from Unit 414.";

static void
annotate (GlossProject  *project,
          GlossDocument *document,
          GlossCommand  *command)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossAnnotationList) list = gloss_project_dup_annotation_list (project, document,
                                                                            &error);

  g_assert_no_error (error);
  g_assert_true (gloss_annotation_list_apply (list, command, &error));
  g_assert_no_error (error);
}

static GPtrArray *
run_on (GlossSuggester *suggester,
        GlossProject   *project,
        GlossDocument  *document)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossSuggestInput) input = gloss_suggest_input_new (project, document, &error);
  GPtrArray *suggestions;

  g_assert_no_error (error);
  suggestions = gloss_suggester_suggest (suggester, input, NULL, &error);
  g_assert_no_error (error);
  sort (suggestions);
  return suggestions;
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, *last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  *last = fraction;
}

static void
test_train_from_project (void)
{
  g_autofree char *path = test_path ("gazetteer.gloss");
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = gloss_project_create (path, NULL, &error);
  g_autoptr(GlossSuggester) suggester = gloss_gazetteer_suggester_new ();
  g_autoptr(GlossCommand) c1 = gloss_command_new ("annotate");
  g_autoptr(GlossCommand) c2 = gloss_command_new ("annotate");
  g_autoptr(GPtrArray) in_wire = NULL;
  g_autoptr(GPtrArray) in_fresh = NULL;
  g_autoptr(GPtrArray) in_brief = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GlossDocument *d_wire, *d_brief, *d_fresh;
  double         last = 0;

  g_assert_no_error (error);
  d_wire = gloss_project_add_document (project, "wire", wire, -1, NULL, &error);
  g_assert_no_error (error);
  d_brief = gloss_project_add_document (project, "brief", brief, -1, NULL, &error);
  g_assert_no_error (error);
  d_fresh = gloss_project_add_document (project, "fresh", fresh, -1, NULL, &error);
  g_assert_no_error (error);

  /* "Unit 414": ORG twice (alice, gold), FAC once (ben): ORG with 2/3.
   * The claim is not learnt; "Nikolai Dorn" is annotated once in wire. */
  g_object_unref (span (c1, wire, "Nikolai Dorn", 0, "PERSON", "alice"));
  g_object_unref (span (c1, wire, "Unit 414", 0, "ORG", "alice"));
  g_object_unref (span (c1, wire, "Unit 414", 0, "ORG", GLOSS_GOLD_ANNOTATOR));
  g_object_unref (span (c1, wire, "he fled in June", 0, "CLAIM", "alice"));
  g_object_unref (span (c1, wire, "said", 0, "CUE", "alice"));
  annotate (project, d_wire, c1);
  g_object_unref (span (c2, brief, "Unit 414", 0, "FAC", "ben"));
  g_object_unref (span (c2, brief, "Anna Kell", 0, "PERSON", "ben"));
  annotate (project, d_brief, c2);

  /* Untrained, it knows nothing. */
  in_fresh = run_on (suggester, project, d_fresh);
  g_assert_cmpuint (in_fresh->len, ==, 0);
  g_clear_pointer (&in_fresh, g_ptr_array_unref);

  /* Cancelled, it fails and learns nothing. */
  g_cancellable_cancel (cancellable);
  g_assert_false (gloss_suggester_train (suggester, project, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (gloss_gazetteer_suggester_get_n_entries (GLOSS_GAZETTEER_SUGGESTER (suggester)),
                    ==, 0);

  g_assert_true (gloss_suggester_train (suggester, project, progress_cb, &last, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (last, ==, 1.0);
  /* Nikolai Dorn, Unit 414, said, Anna Kell. */
  g_assert_cmpuint (gloss_gazetteer_suggester_get_n_entries (GLOSS_GAZETTEER_SUGGESTER (suggester)),
                    ==, 4);

  /* Across documents: fresh has every name and cue, no claim. */
  in_fresh = run_on (suggester, project, d_fresh);
  g_assert_cmpuint (in_fresh->len, ==, 4);
  assert_suggestion (in_fresh, 0, fresh, "Anna Kell", 0, "PERSON");
  g_assert_cmpfloat (gloss_suggestion_get_score (in_fresh->pdata[0]), ==, 1.0);
  assert_suggestion (in_fresh, 1, fresh, "Nikolai Dorn", 0, "PERSON");
  assert_suggestion (in_fresh, 2, fresh, "said", 0, "CUE");
  assert_suggestion (in_fresh, 3, fresh, "Unit 414", 0, "ORG");
  g_assert_cmpfloat_with_epsilon (gloss_suggestion_get_score (in_fresh->pdata[3]), 2.0 / 3, 1e-9);

  /* In the same document: the other occurrences only, never over a span
   * already annotated with the same label. */
  in_wire = run_on (suggester, project, d_wire);
  g_assert_cmpuint (in_wire->len, ==, 2);
  assert_suggestion (in_wire, 0, wire, "Nikolai Dorn", 1, "PERSON");
  assert_suggestion (in_wire, 1, wire, "Unit 414", 1, "ORG");

  /* brief's "Unit 414" is FAC there, so ORG is still proposed over it. */
  in_brief = run_on (suggester, project, d_brief);
  g_assert_cmpuint (in_brief->len, ==, 2);
  assert_suggestion (in_brief, 0, brief, "Unit 414", 0, "ORG");
  assert_suggestion (in_brief, 1, brief, "said", 0, "CUE");
}

static void
test_manual_entries_survive_training (void)
{
  g_autofree char *path = test_path ("empty.gloss");
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = gloss_project_create (path, NULL, &error);
  g_autoptr(GlossSuggester) suggester = gloss_gazetteer_suggester_new ();
  GlossGazetteerSuggester *gaz = GLOSS_GAZETTEER_SUGGESTER (suggester);

  g_assert_no_error (error);
  gloss_gazetteer_suggester_add (gaz, "Valgrad", "GPE", 0.8);
  g_assert_true (gloss_suggester_train (suggester, project, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_gazetteer_suggester_get_n_entries (gaz), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/suggest/gazetteer/name-and-labels", test_name_and_labels);
  g_test_add_func ("/core/suggest/gazetteer/longest-match", test_longest_match);
  g_test_add_func ("/core/suggest/gazetteer/word-boundaries", test_word_boundaries);
  g_test_add_func ("/core/suggest/gazetteer/case-sensitivity", test_case_sensitivity);
  g_test_add_func ("/core/suggest/gazetteer/non-ascii", test_non_ascii);
  g_test_add_func ("/core/suggest/gazetteer/schema-layers", test_schema_layers);
  g_test_add_func ("/core/suggest/gazetteer/list-file", test_list_file);
  g_test_add_func ("/core/suggest/gazetteer/train-from-project", test_train_from_project);
  g_test_add_func ("/core/suggest/gazetteer/manual-entries-survive-training",
                   test_manual_entries_survive_training);

  return g_test_run ();
}
