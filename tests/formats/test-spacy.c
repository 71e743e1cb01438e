/* test-spacy.c: spaCy / Prodigy JSONL import and export
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "json-formats-test-util.h"

static char *
span_key (JsonObject *s)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT " %s",
                          json_object_get_int_member (s, "start"),
                          json_object_get_int_member (s, "end"),
                          json_object_get_string_member (s, "label"));
}

/* One string per accepted record: text, spans and relations by character
 * offsets (the token indices are the tokenizer's business). Also checks
 * that the token indices of @check_tokens files agree with the offsets. */
static char *
file_signature (const char *path,
                gboolean    check_tokens)
{
  g_autoptr(GPtrArray) records = jf_read_records (path);
  g_autoptr(GPtrArray) sigs = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < records->len; i++)
    {
      JsonObject *o = json_node_get_object (g_ptr_array_index (records, i));
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *joined = NULL;
      JsonArray *tokens = json_object_has_member (o, "tokens")
                          ? json_object_get_array_member (o, "tokens") : NULL;

      if (json_object_has_member (o, "answer") &&
          g_strcmp0 (json_object_get_string_member (o, "answer"), "accept") != 0)
        continue;
      if (json_object_has_member (o, "spans"))
        {
          JsonArray *a = json_object_get_array_member (o, "spans");
          for (guint k = 0; k < json_array_get_length (a); k++)
            {
              JsonObject *s = json_array_get_object_element (a, k);

              g_ptr_array_add (items, span_key (s));
              if (check_tokens)
                {
                  JsonObject *first, *last;

                  first = json_array_get_object_element (
                    tokens, json_object_get_int_member (s, "token_start"));
                  last = json_array_get_object_element (
                    tokens, json_object_get_int_member (s, "token_end"));
                  g_assert_cmpint (json_object_get_int_member (first, "start"), ==,
                                   json_object_get_int_member (s, "start"));
                  g_assert_cmpint (json_object_get_int_member (last, "end"), ==,
                                   json_object_get_int_member (s, "end"));
                }
            }
        }
      if (json_object_has_member (o, "relations"))
        {
          JsonArray *a = json_object_get_array_member (o, "relations");
          for (guint k = 0; k < json_array_get_length (a); k++)
            {
              JsonObject *r = json_array_get_object_element (a, k);
              g_autofree char *head = span_key (json_object_get_object_member (r, "head_span"));
              g_autofree char *child = span_key (json_object_get_object_member (r, "child_span"));

              g_ptr_array_add (items, g_strdup_printf ("relation %s (%s) -> (%s)",
                                                       json_object_get_string_member (r, "label"),
                                                       head, child));
              if (check_tokens)
                {
                  JsonObject *hs = json_object_get_object_member (r, "head_span");
                  g_assert_cmpint (json_object_get_int_member (r, "head"), ==,
                                   json_object_get_int_member (hs, "token_end"));
                }
            }
        }
      joined = ft_join_sorted (items);
      g_ptr_array_add (sigs, g_strdup_printf ("%s\n%s", json_object_get_string_member (o, "text"),
                                              joined));
    }
  return ft_join_sorted (sigs);
}

static void
round_trip (const char        *path,
            GlossImportReport *report)
{
  g_autofree char *out = ft_round_trip ("spacy", path, "export.jsonl", FALSE, report, TRUE);
  g_autofree char *orig = NULL;
  g_autofree char *exported = NULL;

  /* Same offsets as the original file, record by record. */
  orig = file_signature (path, FALSE);
  exported = file_signature (out, TRUE);
  g_assert_cmpstr (orig, ==, exported);
}

static void
test_corpus (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GPtrArray) files = ft_corpus_files ("spacy-jsonl", NULL, 2, &dir);

  if (files == NULL)
    return;
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      const char *rel = path + strlen (dir) + 1;
      g_autoptr(GlossImportReport) report = gloss_import_report_new ();
      g_autoptr(GError) error = NULL;
      GlossFormat *format = gloss_format_detect (path, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (gloss_format_get_name (format), ==, "spacy");
      round_trip (path, report);
      g_test_message ("%s: %u documents, %u annotations, %u relations; %u errors, %u warnings, "
                      "%u notes; round trip exact", rel, report->n_documents,
                      report->n_annotations, report->n_relations,
                      gloss_import_report_count (report, GLOSS_PROBLEM_ERROR),
                      gloss_import_report_count (report, GLOSS_PROBLEM_WARNING),
                      gloss_import_report_count (report, GLOSS_PROBLEM_NOTE));
      g_assert_cmpuint (gloss_import_report_count (report, GLOSS_PROBLEM_ERROR), ==, 0);
      if (strstr (rel, "annotated_news_headlines") != NULL)
        {
          /* 373 records, one answered "ignore". */
          g_assert_cmpuint (report->n_documents, ==, 372);
          g_assert_cmpuint (gloss_import_report_count (report, GLOSS_PROBLEM_NOTE), ==, 1);
        }
      else if (strstr (rel, "rel_component") != NULL)
        {
          g_assert_cmpuint (report->n_documents, ==, 149);
          g_assert_cmpuint (report->n_annotations, ==, 466);
          g_assert_cmpuint (report->n_relations, ==, 267);
        }
    }
}

/* "Ana 👩🏽‍💻 met “Zürich” officials 😀 in Łódź." with code point offsets. */
#define EMOJI_TEXT "Ana \xf0\x9f\x91\xa9\xf0\x9f\x8f\xbd\xe2\x80\x8d\xf0\x9f\x92\xbb met " \
                   "\xe2\x80\x9cZ\xc3\xbcrich\xe2\x80\x9d officials \xf0\x9f\x98\x80 in " \
                   "\xc5\x81\xc3\xb3" "d\xc5\xba."

static void
test_emoji (void)
{
  const char *fixture =
    "{\"text\": \"" EMOJI_TEXT "\", \"spans\": [{\"start\": 0, \"end\": 3, \"label\": \"PERSON\", "
    "\"text\": \"Ana\"}, {\"start\": 14, \"end\": 20, \"label\": \"GPE\", \"text\": "
    "\"Z\xc3\xbcrich\"}, {\"start\": 4, \"end\": 8, \"label\": \"EMOJI\"}, {\"start\": 37, "
    "\"end\": 41, \"label\": \"GPE\", \"text\": \"\xc5\x81\xc3\xb3" "d\xc5\xba\"}], "
    "\"relations\": [{\"head\": 0, \"child\": 5, \"head_span\": {\"start\": 0, \"end\": 3, "
    "\"label\": \"PERSON\"}, \"child_span\": {\"start\": 37, \"end\": 41, \"label\": \"GPE\"}, "
    "\"label\": \"visited\"}], \"answer\": \"accept\"}\n";
  g_autofree char *path = ft_write_fixture ("emoji.jsonl", fixture, -1);
  g_autofree char *out = ft_path ("emoji-out.jsonl");
  g_autoptr(GlossProject) project = ft_new_project ();
  g_autoptr(GlossImportReport) report = gloss_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *sig = NULL;
  g_autofree char *orig = NULL;
  g_autofree char *exported = NULL;

  g_assert_true (ft_import (project, "spacy", path, FALSE, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_annotations, ==, 4);
  g_assert_cmpuint (report->n_relations, ==, 1);
  g_assert_cmpuint (gloss_import_report_count (report, GLOSS_PROBLEM_WARNING), ==, 0);
  sig = ft_signature (project, FALSE);
  g_assert_nonnull (strstr (sig, "relation visited (PERSON 0-3) -> (GPE 37-41)"));

  ft_export (project, "spacy", out);
  orig = file_signature (path, FALSE);
  exported = file_signature (out, TRUE);
  g_assert_cmpstr (orig, ==, exported);
}

/* Offsets written as UTF-16 units are recognised by the span's text. */
static void
test_utf16_fallback (void)
{
  /* "😀 Ana": Ana is 2–5 in code points, 3–6 in UTF-16 units. */
  const char *fixture = "{\"text\": \"\xf0\x9f\x98\x80 Ana\", \"spans\": [{\"start\": 3, "
                        "\"end\": 6, \"label\": \"PERSON\", \"text\": \"Ana\"}]}\n";
  g_autofree char *path = ft_write_fixture ("utf16.jsonl", fixture, -1);
  g_autoptr(GlossProject) project = ft_new_project ();
  g_autoptr(GlossImportReport) report = gloss_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *sig = NULL;

  g_assert_true (ft_import (project, "spacy", path, FALSE, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_import_report_count (report, GLOSS_PROBLEM_WARNING), ==, 1);
  sig = ft_signature (project, FALSE);
  g_assert_nonnull (strstr (sig, " PERSON 2-5\n"));
}

/* Spans given by token indices only; relations by tokens only; rejected
 * answers skipped with a note. */
static void
test_tokens_only (void)
{
  const char *fixture =
    "{\"text\": \"Ana met Bo\", \"tokens\": [{\"text\": \"Ana\", \"start\": 0, \"end\": 3, "
    "\"id\": 0}, {\"text\": \"met\", \"start\": 4, \"end\": 7, \"id\": 1}, {\"text\": \"Bo\", "
    "\"start\": 8, \"end\": 10, \"id\": 2}], \"spans\": [{\"token_start\": 0, \"token_end\": 0, "
    "\"label\": \"P\"}, "
    "{\"token_start\": 2, \"token_end\": 2, \"label\": \"P\"}], \"relations\": [{\"head\": 0, "
    "\"child\": 2, \"label\": \"knows\"}], \"answer\": \"accept\"}\n"
    "{\"text\": \"rejected\", \"answer\": \"reject\"}\n"
    "{\"text\": \"no spans\"}\n";
  g_autofree char *path = ft_write_fixture ("tokens.jsonl", fixture, -1);
  g_autoptr(GlossProject) project = ft_new_project ();
  g_autoptr(GlossImportReport) report = gloss_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *sig = NULL;
  g_autofree char *text = NULL;

  g_assert_true (ft_import (project, "spacy", path, FALSE, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_documents, ==, 2);
  g_assert_cmpuint (gloss_import_report_count (report, GLOSS_PROBLEM_NOTE), ==, 1);
  text = gloss_import_report_to_string (report);
  g_assert_nonnull (strstr (text, "tokens.jsonl:2: "));
  g_assert_nonnull (strstr (text, "reject"));
  sig = ft_signature (project, FALSE);
  g_assert_nonnull (strstr (sig, "relation knows (P 0-3) -> (P 8-10)"));
}

/* Spans inside our tokens still get exact token indices on export. */
static void
test_export_split_tokens (void)
{
  g_autoptr(GlossProject) project = ft_new_project ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = ft_path ("split.jsonl");
  GlossDocument *doc;
  g_autoptr(GlossAnnotationList) list = NULL;
  g_autoptr(GlossCommand) cmd = gloss_command_new ("test");
  GlossFragment frags[] = { { 0, 4 }, { 25, 29 } };
  g_autoptr(GlossAnnotation) a = gloss_annotation_new_span ("ORG", 0, 4, "");
  g_autoptr(GlossAnnotation) b = gloss_annotation_new ("CLAIM", frags, 2, "");
  g_autofree char *sig = NULL;

  /* "Smad" is inside the tokenizer's "Smad-phosphorylation". */
  doc = gloss_project_add_document (project, "split", "Smad-phosphorylation was seen.", -1, NULL,
                                    &error);
  g_assert_no_error (error);
  list = gloss_project_dup_annotation_list (project, doc, &error);
  g_assert_no_error (error);
  gloss_command_create_annotation (cmd, a);
  gloss_command_create_annotation (cmd, b);
  g_assert_true (gloss_annotation_list_apply (list, cmd, &error));
  g_assert_no_error (error);
  ft_export (project, "spacy", out);
  sig = file_signature (out, TRUE);
  g_assert_nonnull (strstr (sig, "0-4 ORG\n"));
  g_assert_nonnull (strstr (sig, "0-4 CLAIM\n"));
  g_assert_nonnull (strstr (sig, "25-29 CLAIM\n"));
}

static void
test_bad_input (void)
{
  static const FtBadCase cases[] = {
    { "not JSON", "{\"text\": \"ab\"}\n{oops}\n", -1, 2 },
    { "text missing", "{\"spans\": []}\n", -1, 1 },
    { "text not a string", "{\"text\": [1]}\n", -1, 1 },
    { "spans not a list", "{\"text\": \"ab\", \"spans\": {}}\n", -1, 1 },
    { "span offsets strings", "{\"text\": \"ab\", \"spans\": [{\"start\": \"0\", \"end\": 1, "
      "\"label\": \"X\"}]}\n", -1, 1 },
    { "span without label", "{\"text\": \"ab\", \"spans\": [{\"start\": 0, \"end\": 1}]}\n", -1,
      1 },
    { "past the end", "{\"text\": \"ab\", \"spans\": [{\"start\": 1, \"end\": 5, \"label\": "
      "\"X\"}]}\n", -1, 1 },
    { "reversed", "{\"text\": \"abc\", \"spans\": [{\"start\": 2, \"end\": 1, \"label\": "
      "\"X\"}]}\n", -1, 1 },
    { "token past the end", "{\"text\": \"ab\", \"tokens\": [{\"start\": 0, \"end\": 9}]}\n", -1,
      1 },
    { "relation to no span", "{\"text\": \"ab\", \"spans\": [], \"relations\": [{\"head\": 0, "
      "\"child\": 0, \"label\": \"r\"}]}\n", -1, 1 },
    { "answer not a string", "{\"text\": \"ab\", \"answer\": 1}\n", -1, 1 },
    { "truncated", "{\"text\": \"ab\"}\n{\"text\": \"a", -1, 2 },
    { "invalid UTF-8", "{\"text\": \"ab\"}\n\n{\"text\": \"\xc3\x28\"}\n", -1, 3 },
    { "binary", "\x7f" "ELF\x02\x01\x01\0\0\0", 10, 1 },
  };

  ft_check_bad_inputs ("spacy", "jsonl",
                       "{\"text\": \"seed\", \"spans\": [{\"start\": 0, "
                       "\"end\": 4, \"label\": \"SEED\"}]}\n",
                       cases, G_N_ELEMENTS (cases));
}

static void
test_skip_bad (void)
{
  const char *fixture = "{\"text\": \"one\", \"spans\": [{\"start\": 0, \"end\": 3, "
                        "\"label\": \"X\"}]}\n"
                        "{\"text\": \"two\", \"spans\": [{\"start\": 0, \"end\": 9, "
                        "\"label\": \"X\"}]}\n"
                        "[\n"
                        "{\"text\": \"three\", \"answer\": \"accept\"}\n";
  g_autofree char *path = ft_write_fixture ("skip.jsonl", fixture, -1);
  g_autoptr(GlossProject) project = ft_new_project ();
  g_autoptr(GlossImportReport) report = gloss_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (ft_import (project, "spacy", path, TRUE, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_documents, ==, 2);
  g_assert_cmpuint (report->n_annotations, ==, 1);
  g_assert_cmpuint (gloss_import_report_count (report, GLOSS_PROBLEM_ERROR), ==, 2);
  text = gloss_import_report_to_string (report);
  g_assert_nonnull (strstr (text, "skip.jsonl:2: "));
  g_assert_nonnull (strstr (text, "skip.jsonl:3: "));
  g_assert_cmpuint (ft_n_documents (project), ==, 2);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/formats/spacy/corpus", test_corpus);
  g_test_add_func ("/formats/spacy/emoji", test_emoji);
  g_test_add_func ("/formats/spacy/utf16-fallback", test_utf16_fallback);
  g_test_add_func ("/formats/spacy/tokens-only", test_tokens_only);
  g_test_add_func ("/formats/spacy/export-split-tokens", test_export_split_tokens);
  g_test_add_func ("/formats/spacy/bad-input", test_bad_input);
  g_test_add_func ("/formats/spacy/skip-bad", test_skip_bad);

  return g_test_run ();
}
