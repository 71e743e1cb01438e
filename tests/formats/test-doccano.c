/* test-doccano.c: doccano JSONL import and export
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "json-formats-test-util.h"

/* The corpus file with a record without "text" (SOURCES.md): rejected at
 * line 3 by default, imported without that record with skip_bad. */
static gboolean
is_broken_on_purpose (const char *path)
{
  return g_str_has_suffix (path, "data_import-tests-data/sequence_labeling/example.jsonl");
}

/* One string per record: its text and its spans "start-end label @user"
 * (sorted) and relations "from -> to type", offsets as the file says. */
static char *
record_signature (JsonNode *node)
{
  JsonObject *o = json_node_get_object (node);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  static const char * const keys[] = { "label", "labels", "column_label", "entities",
                                       "annotations", NULL };
  const char *text = json_object_has_member (o, "text")
                     ? json_object_get_string_member (o, "text")
                     : json_object_get_string_member (o, "column_data");
  g_autofree char *spans = NULL;

  for (guint k = 0; keys[k] != NULL; k++)
    {
      JsonArray *a;

      if (!json_object_has_member (o, keys[k]))
        continue;
      a = json_object_get_array_member (o, keys[k]);
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          JsonNode *e = json_array_get_element (a, i);
          char *item;

          if (JSON_NODE_HOLDS_ARRAY (e))
            {
              JsonArray *t = json_node_get_array (e);
              item = g_strdup_printf ("%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT " %s",
                                      json_array_get_int_element (t, 0),
                                      json_array_get_int_element (t, 1),
                                      json_array_get_string_element (t, 2));
            }
          else
            {
              JsonObject *s = json_node_get_object (e);
              g_autofree char *label = jf_key (s, "label");
              g_autofree char *user = jf_key (s, "user");
              g_autofree char *id = json_object_has_member (s, "id") ? jf_key (s, "id")
                                                                     : g_strdup_printf ("%u", i);

              item = g_strdup_printf ("%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT " %s @%s",
                                      json_object_get_int_member (s, "start_offset"),
                                      json_object_get_int_member (s, "end_offset"), label, user);
              g_hash_table_insert (ids, g_steal_pointer (&id), g_strdup (item));
            }
          g_ptr_array_add (items, item);
        }
    }
  if (json_object_has_member (o, "relations"))
    {
      JsonArray *a = json_object_get_array_member (o, "relations");
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          JsonObject *r = json_array_get_object_element (a, i);
          g_autofree char *from = jf_key (r, "from_id");
          g_autofree char *to = jf_key (r, "to_id");

          g_ptr_array_add (items, g_strdup_printf ("relation (%s) -> (%s) %s",
                                                   (char *) g_hash_table_lookup (ids, from),
                                                   (char *) g_hash_table_lookup (ids, to),
                                                   json_object_get_string_member (r, "type")));
        }
    }
  spans = ft_join_sorted (items);
  return g_strdup_printf ("%s\n%s", text, spans);
}

/* The records of both files as a sorted multiset of signatures. */
static char *
file_signature (const char *path)
{
  g_autoptr(GPtrArray) records = jf_read_records (path);
  g_autoptr(GPtrArray) sigs = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < records->len; i++)
    {
      JsonObject *o = json_node_get_object (g_ptr_array_index (records, i));
      if (json_object_has_member (o, "text") || json_object_has_member (o, "column_data"))
        g_ptr_array_add (sigs, record_signature (g_ptr_array_index (records, i)));
    }
  return ft_join_sorted (sigs);
}

/* Round trip of one file (ft_round_trip()); the exported offsets must be the
 * original's. */
static void
round_trip (const char        *path,
            gboolean           skip_bad,
            GlossImportReport *report,
            gboolean           compare_with_original)
{
  g_autofree char *out = ft_round_trip ("doccano", path, "export.jsonl", skip_bad, report, FALSE);

  if (compare_with_original)
    {
      /* The exported offsets are the original's, in the same unit. */
      g_autofree char *orig = file_signature (path);
      g_autofree char *exported = file_signature (out);
      g_assert_cmpstr (orig, ==, exported);
    }
}

static void
test_corpus (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GPtrArray) files = ft_corpus_files ("doccano-jsonl", NULL, 11, &dir);

  if (files == NULL)
    return;
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      const char *rel = path + strlen (dir) + 1;
      g_autoptr(GlossImportReport) report = gloss_import_report_new ();
      g_autofree char *problems = NULL;
      gboolean column_names = strstr (path, "data_import-pipeline-examples/sequence_labeling")
                              != NULL;

      /* Detection picks doccano. */
      {
        g_autoptr(GError) error = NULL;
        GlossFormat *format = gloss_format_detect (path, &error);
        g_assert_no_error (error);
        g_assert_cmpstr (gloss_format_get_name (format), ==, "doccano");
      }

      if (is_broken_on_purpose (path))
        {
          g_autoptr(GlossProject) project = ft_new_project ();
          g_autoptr(GError) error = NULL;
          g_autofree char *before = ft_state (project);
          g_autofree char *after = NULL;

          g_assert_false (ft_import (project, "doccano", path, FALSE, NULL, &error));
          g_assert_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID);
          g_assert_nonnull (strstr (error->message, "example.jsonl:3:"));
          after = ft_state (project);
          g_assert_cmpstr (before, ==, after);
          g_test_message ("%s: rejected by default: %s", rel, error->message);
          round_trip (path, TRUE, report, FALSE);
          g_assert_cmpuint (report->n_documents, ==, 2);
          g_assert_cmpuint (gloss_import_report_count (report, GLOSS_PROBLEM_ERROR), ==, 1);
        }
      else
        round_trip (path, FALSE, report, !column_names);

      problems = gloss_import_report_to_string (report);
      g_test_message ("%s: %u documents, %u annotations, %u relations; %u errors, %u warnings, "
                      "%u notes; round trip exact%s%s", rel, report->n_documents,
                      report->n_annotations, report->n_relations,
                      gloss_import_report_count (report, GLOSS_PROBLEM_ERROR),
                      gloss_import_report_count (report, GLOSS_PROBLEM_WARNING),
                      gloss_import_report_count (report, GLOSS_PROBLEM_NOTE),
                      *problems ? "\n" : "", problems);
      g_assert_cmpuint (report->n_documents, >, 0);
    }
}

/* Spot checks of what the variants mean. */
static void
test_variants (void)
{
  g_autofree char *dir = ft_corpus_dir ("doccano-jsonl");
  g_autoptr(GError) error = NULL;

  if (dir == NULL)
    {
      g_test_skip ("no corpora");
      return;
    }

  /* Per-user annotations with numeric labels: two annotators. */
  {
    g_autoptr(GlossProject) project = ft_new_project ();
    g_autofree char *path = g_build_filename (dir, "doccano-transformer", "labeling.jsonl", NULL);
    g_autofree char *sig = NULL;

    g_assert_true (ft_import (project, "doccano", path, FALSE, NULL, &error));
    g_assert_no_error (error);
    sig = ft_signature (project, TRUE);
    g_assert_cmpuint (ft_count_lines (sig, " @1"), ==, 5);
    g_assert_cmpuint (ft_count_lines (sig, " @2"), ==, 11);
    g_assert_nonnull (strstr (sig, " 12 9-14 @1\n"));
  }

  /* Pretty-printed relations: 4 entities, 3 relations. */
  {
    g_autoptr(GlossProject) project = ft_new_project ();
    g_autoptr(GlossImportReport) report = gloss_import_report_new ();
    g_autofree char *path = g_build_filename (dir, "doccano", "data_export-pipeline-examples",
                                              "relation_extraction", "example.jsonl", NULL);
    g_autofree char *sig = NULL;

    g_assert_true (ft_import (project, "doccano", path, FALSE, report, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (report->n_documents, ==, 1);
    g_assert_cmpuint (report->n_annotations, ==, 4);
    g_assert_cmpuint (report->n_relations, ==, 3);
    sig = ft_signature (project, FALSE);
    g_assert_nonnull (strstr (sig, "relation foundedBy (ORG 0-6) -> (PERSON 44-54)"));
  }

  /* Custom column names, and meta. */
  {
    g_autoptr(GlossProject) project = ft_new_project ();
    g_autofree char *path = g_build_filename (dir, "doccano", "data_import-pipeline-examples",
                                              "sequence_labeling", "example.jsonl", NULL);
    g_autofree char *path2 = g_build_filename (dir, "doccano", "legacy-app-api-tests-data",
                                               "labeling.jsonl", NULL);
    GlossDocument *doc;

    g_assert_true (ft_import (project, "doccano", path, FALSE, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (ft_n_documents (project), ==, 3);
    g_assert_true (ft_import (project, "doccano", path2, FALSE, NULL, &error));
    g_assert_no_error (error);
    doc = gloss_project_find_document (project, "labeling-1");
    g_assert_nonnull (doc);
    g_assert_cmpint (json_object_get_int_member (gloss_document_get_meta (doc), "wikiPageID"), ==,
                     1);
  }
}

/* Our own fixture with emoji: UTF-16 offsets in, code points inside,
 * UTF-16 offsets out. */
#define EMOJI_TEXT "Crew \xf0\x9f\x91\xa8\xf0\x9f\x8f\xbb\xe2\x80\x8d\xf0\x9f\x9a\x92 Ana met " \
                   "\xf0\x9f\x87\xab\xf0\x9f\x87\xb7 officials in Z\xc3\xbcrich " \
                   "\xf0\x9f\x98\x80 today."

static void
test_emoji (void)
{
  const char *fixture =
    "{\"text\": \"" EMOJI_TEXT "\", \"label\": [[13, 16, \"PERSON\"], [39, 45, \"GPE\"], "
    "[5, 12, \"EMOJI\"], [49, 54, \"DATE\"]]}\n"
    "{\"id\": 7, \"text\": \"" EMOJI_TEXT "\", \"entities\": [{\"id\": 10, \"label\": \"PERSON\", "
    "\"start_offset\": 13, \"end_offset\": 16}, {\"id\": 11, \"label\": \"ORG\", \"start_offset\": "
    "26, \"end_offset\": 35}], \"relations\": [{\"id\": 1, \"from_id\": 10, \"to_id\": 11, "
    "\"type\": \"met\"}]}\n";
  g_autofree char *path = ft_write_fixture ("emoji.jsonl", fixture, -1);
  g_autofree char *out = ft_path ("emoji-out.jsonl");
  g_autoptr(GlossProject) project = ft_new_project ();
  g_autoptr(GlossImportReport) report = gloss_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *sig = NULL;
  g_autofree char *orig = NULL;
  g_autofree char *exported = NULL;

  g_assert_true (ft_import (project, "doccano", path, FALSE, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_annotations, ==, 6);
  g_assert_cmpuint (gloss_import_report_count (report, GLOSS_PROBLEM_WARNING), ==, 0);
  g_assert_cmpuint (gloss_import_report_count (report, GLOSS_PROBLEM_NOTE), ==, 1);
  sig = ft_signature (project, FALSE);
  g_assert_nonnull (strstr (sig, " PERSON 10-13\n"));
  g_assert_nonnull (strstr (sig, " GPE 34-40\n"));
  g_assert_nonnull (strstr (sig, " EMOJI 5-9\n"));
  g_assert_nonnull (strstr (sig, " DATE 43-48\n"));
  g_assert_nonnull (strstr (sig, " ORG 21-30\n"));
  g_assert_nonnull (strstr (sig, "relation met (PERSON 10-13) -> (ORG 21-30)"));

  /* The covered text is right. */
  for (guint i = 0; i < ft_n_documents (project); i++)
    {
      GlossDocument *doc = ft_document (project, i);
      g_autoptr(GPtrArray) anns = gloss_store_load_annotations (gloss_project_get_store (project),
                                                                gloss_document_get_id (doc),
                                                                FALSE, &error);
      for (guint k = 0; k < anns->len; k++)
        {
          GlossAnnotation *a = g_ptr_array_index (anns, k);
          g_autofree char *covered = gloss_annotation_dup_text (a, gloss_document_get_text (doc));
          const char *label = gloss_annotation_get_label (a);

          if (g_str_equal (label, "PERSON"))
            g_assert_cmpstr (covered, ==, "Ana");
          else if (g_str_equal (label, "GPE"))
            g_assert_cmpstr (covered, ==, "Z\xc3\xbcrich");
          else if (g_str_equal (label, "DATE"))
            g_assert_cmpstr (covered, ==, "today");
          else if (g_str_equal (label, "EMOJI"))
            g_assert_cmpstr (covered, ==,
                             "\xf0\x9f\x91\xa8\xf0\x9f\x8f\xbb\xe2\x80\x8d\xf0\x9f\x9a\x92");
        }
    }

  /* Exported offsets are UTF-16 again, equal to the fixture's. */
  ft_export (project, "doccano", out);
  orig = file_signature (path);
  exported = file_signature (out);
  /* The export has relations, so both records come out as entities. */
  {
    g_autoptr(GlossProject) again = ft_new_project ();
    g_autofree char *sig2 = NULL;

    g_assert_true (ft_import (again, "doccano", out, FALSE, NULL, &error));
    g_assert_no_error (error);
    sig2 = ft_signature (again, FALSE);
    g_assert_cmpstr (sig, ==, sig2);
  }
  g_assert_nonnull (strstr (exported, "13-16 PERSON @\n"));
  g_assert_nonnull (strstr (exported, "39-45 GPE @\n"));
  g_assert_nonnull (strstr (exported, "5-12 EMOJI @\n"));
  g_assert_nonnull (strstr (exported, "49-54 DATE @\n"));
  g_assert_nonnull (strstr (exported, "26-35 ORG @\n"));
  g_assert_nonnull (strstr (exported, "relation (13-16 PERSON @) -> (26-35 ORG @) met"));
  g_assert_nonnull (strstr (orig, "26-35 ORG @\n"));
}

/* Offsets that only make sense as code points are read as code points,
 * with a warning. */
static void
test_code_point_fallback (void)
{
  /* "😀😀 Ana": Ana is 3–6 in code points, 5–8 in UTF-16 units; 3 falls
   * inside the second emoji's surrogate pair. */
  const char *fixture = "{\"text\": \"\xf0\x9f\x98\x80\xf0\x9f\x98\x80 Ana\", "
                        "\"label\": [[3, 6, \"PERSON\"]]}\n";
  g_autofree char *path = ft_write_fixture ("fallback.jsonl", fixture, -1);
  g_autoptr(GlossProject) project = ft_new_project ();
  g_autoptr(GlossImportReport) report = gloss_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *sig = NULL;
  g_autofree char *text = NULL;

  g_assert_true (ft_import (project, "doccano", path, FALSE, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_import_report_count (report, GLOSS_PROBLEM_WARNING), ==, 1);
  text = gloss_import_report_to_string (report);
  g_assert_nonnull (strstr (text, "fallback.jsonl:1:"));
  g_assert_nonnull (strstr (text, "code points"));
  sig = ft_signature (project, FALSE);
  g_assert_nonnull (strstr (sig, " PERSON 3-6\n"));
}

static void
test_bad_input (void)
{
  static const FtBadCase cases[] = {
    { "not JSON", "{\"text\": \"a b\", \"label\": []}\nthis is not json\n", -1, 2 },
    { "text not a string", "{\"text\": 5, \"label\": []}\n", -1, 1 },
    { "label not a list", "{\"text\": \"ab\", \"label\": \"x\"}\n", -1, 1 },
    { "offset a string", "{\"text\": \"ab\", \"label\": [[\"0\", 1, \"X\"]]}\n", -1, 1 },
    { "short triple", "{\"text\": \"ab\", \"label\": [[0, 1]]}\n", -1, 1 },
    { "negative offset", "{\"text\": \"ab\", \"label\": [[-1, 1, \"X\"]]}\n", -1, 1 },
    { "past the end", "{\"text\": \"ab\", \"label\": [[0, 1, \"X\"]]}\n"
                      "{\"text\": \"ab\", \"label\": [[1, 3, \"X\"]]}\n", -1, 2 },
    { "reversed", "{\"text\": \"abc\", \"label\": [[2, 1, \"X\"]]}\n", -1, 1 },
    { "empty span", "{\"text\": \"abc\", \"label\": [[1, 1, \"X\"]]}\n", -1, 1 },
    { "inside a surrogate pair", "{\"text\": \"a\xf0\x9f\x98\x80\", \"label\": [[2, 3, \"X\"]]}\n",
      -1, 1 },
    { "text missing", "{\"text\": \"ab\"}\n\n{\"label\": [[0, 1, \"X\"]]}\n", -1, 3 },
    { "record not an object", "[1, 2]\n", -1, 1 },
    { "relation to nowhere", "{\"text\": \"ab\", \"entities\": [{\"id\": 1, \"label\": \"X\", "
      "\"start_offset\": 0, \"end_offset\": 1}], \"relations\": [{\"from_id\": 1, \"to_id\": 2, "
      "\"type\": \"r\"}]}\n", -1, 1 },
    { "relation without type", "{\"text\": \"ab\", \"entities\": [[0, 1, \"X\"]], "
      "\"relations\": [{\"from_id\": 0, \"to_id\": 0}]}\n", -1, 1 },
    { "truncated", "{\"text\": \"ab\", \"label\": [[0, 1, \"X\"]]}\n{\"text\": \"ab\", \"lab", -1,
      2 },
    { "truncated pretty", "{\n  \"text\": \"ab\",\n  \"label\": [\n", -1, 4 },
    { "invalid UTF-8", "{\"text\": \"ab\"}\n{\"text\": \"a\xff\"}\n", -1, 2 },
    { "binary", "{\"text\": \"ab\"}\n{\"te\0\1\2", 22, 2 },
    { "empty array", "[]", -1, 0 },
  };

  ft_check_bad_inputs ("doccano", "jsonl",
                       "{\"text\": \"seed\", \"label\": "
                       "[[0, 4, \"SEED\"]]}",
                       cases, G_N_ELEMENTS (cases));
}

static void
test_skip_bad (void)
{
  const char *fixture = "{\"text\": \"one\", \"label\": [[0, 3, \"X\"]]}\n"
                        "{\"text\": \"two\", \"label\": [[0, 9, \"X\"]]}\n"
                        "not json\n"
                        "{\"text\": \"three\", \"label\": [[0, 5, \"Y\"]]}\n";
  g_autofree char *path = ft_write_fixture ("skip.jsonl", fixture, -1);
  g_autoptr(GlossProject) project = ft_new_project ();
  g_autoptr(GlossImportReport) report = gloss_import_report_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (ft_import (project, "doccano", path, TRUE, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_documents, ==, 2);
  g_assert_cmpuint (report->n_annotations, ==, 2);
  g_assert_cmpuint (gloss_import_report_count (report, GLOSS_PROBLEM_ERROR), ==, 2);
  g_assert_cmpuint (ft_n_documents (project), ==, 2);
}

/* Discontinuous annotations and other annotators come out in a form that
 * re-imports to the same spans and annotators. */
static void
test_export_forms (void)
{
  g_autoptr(GlossProject) project = ft_new_project ();
  g_autoptr(GlossProject) again = ft_new_project ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = ft_path ("forms.jsonl");
  g_autofree char *contents = NULL;
  GlossDocument *doc;
  g_autoptr(GlossAnnotationList) list = NULL;
  g_autoptr(GlossCommand) cmd = gloss_command_new ("test");
  g_autoptr(GlossAnnotation) a = gloss_annotation_new_span ("PERSON", 0, 3, "alice");
  g_autoptr(GlossAnnotation) b = gloss_annotation_new_span ("ORG", 8, 11, "bob");
  g_autofree char *sig1 = NULL;
  g_autofree char *sig2 = NULL;

  doc = gloss_project_add_document (project, "forms", "Ana met ACME.", -1, NULL, &error);
  g_assert_no_error (error);
  list = gloss_project_dup_annotation_list (project, doc, &error);
  g_assert_no_error (error);
  gloss_command_create_annotation (cmd, a);
  gloss_command_create_annotation (cmd, b);
  g_assert_true (gloss_annotation_list_apply (list, cmd, &error));
  g_assert_no_error (error);

  ft_export (project, "doccano", out);
  g_file_get_contents (out, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "\"annotations\":"));
  g_assert_nonnull (strstr (contents, "\"user\":\"alice\""));
  g_assert_nonnull (strstr (contents, "\"id\":1"));
  g_assert_true (ft_import (again, "doccano", out, FALSE, NULL, &error));
  g_assert_no_error (error);
  sig1 = ft_signature (project, TRUE);
  sig2 = ft_signature (again, TRUE);
  g_assert_cmpstr (sig1, ==, sig2);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/formats/doccano/corpus", test_corpus);
  g_test_add_func ("/formats/doccano/variants", test_variants);
  g_test_add_func ("/formats/doccano/emoji", test_emoji);
  g_test_add_func ("/formats/doccano/code-point-fallback", test_code_point_fallback);
  g_test_add_func ("/formats/doccano/bad-input", test_bad_input);
  g_test_add_func ("/formats/doccano/skip-bad", test_skip_bad);
  g_test_add_func ("/formats/doccano/export-forms", test_export_forms);

  return g_test_run ();
}
