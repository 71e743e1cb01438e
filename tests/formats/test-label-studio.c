/* test-label-studio.c: Label Studio JSON import and export
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "json-formats-test-util.h"

static void
add_result_items (GPtrArray  *items,
                  JsonArray  *result,
                  const char *who)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint k = 0; k < json_array_get_length (result); k++)
    {
      JsonObject *r = json_array_get_object_element (result, k);
      JsonObject *v;
      JsonArray *labels;
      GString *s;

      if (g_strcmp0 (json_object_get_string_member (r, "type"), "labels") != 0)
        continue;
      v = json_object_get_object_member (r, "value");
      labels = json_object_get_array_member (v, "labels");
      s = g_string_new (NULL);
      g_string_append_printf (s, "%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT,
                              json_object_get_int_member (v, "start"),
                              json_object_get_int_member (v, "end"));
      for (guint i = 0; i < json_array_get_length (labels); i++)
        g_string_append_printf (s, " %s", json_array_get_string_element (labels, i));
      g_string_append_printf (s, " %s", who);
      g_hash_table_insert (ids, g_strdup (json_object_get_string_member (r, "id")),
                           g_strdup (s->str));
      g_ptr_array_add (items, g_string_free (s, FALSE));
    }
  for (guint k = 0; k < json_array_get_length (result); k++)
    {
      JsonObject *r = json_array_get_object_element (result, k);
      JsonArray *labels;
      GString *s;

      if (g_strcmp0 (json_object_get_string_member (r, "type"), "relation") != 0)
        continue;
      labels = json_object_get_array_member (r, "labels");
      s = g_string_new ("relation");
      for (guint i = 0; i < json_array_get_length (labels); i++)
        g_string_append_printf (s, " %s", json_array_get_string_element (labels, i));
      g_string_append_printf (s, " (%s) -> (%s)",
                              (char *) g_hash_table_lookup (ids, json_object_get_string_member (
                                                              r, "from_id")),
                              (char *) g_hash_table_lookup (ids, json_object_get_string_member (
                                                              r, "to_id")));
      g_ptr_array_add (items, g_string_free (s, FALSE));
    }
}

/* One string per task: its text, then its span regions "start-end labels
 * who" and relations, by offsets (region ids and value.text aside). */
static char *
file_signature (const char *path)
{
  g_autoptr(GPtrArray) records = jf_read_records (path);
  g_autoptr(GPtrArray) sigs = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < records->len; i++)
    {
      JsonObject *task = json_node_get_object (g_ptr_array_index (records, i));
      JsonObject *data = json_object_get_object_member (task, "data");
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *joined = NULL;
      const char *groups[] = { "annotations", "completions", "predictions" };
      const char *text = json_object_has_member (data, "text")
                         ? json_object_get_string_member (data, "text")
                         : json_object_get_string_member (data, "ner");

      for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
        {
          JsonArray *list;

          if (!json_object_has_member (task, groups[g]))
            continue;
          list = json_object_get_array_member (task, groups[g]);
          for (guint k = 0; k < json_array_get_length (list); k++)
            {
              JsonObject *a = json_array_get_object_element (list, k);
              g_autofree char *who = g == 2 ? g_strdup_printf ("prediction:%s",
                                                               json_object_get_string_member (
                                                                 a, "model_version"))
                                            : g_strdup ("annotation");

              add_result_items (items, json_object_get_array_member (a, "result"), who);
            }
        }
      joined = ft_join_sorted (items);
      g_ptr_array_add (sigs, g_strdup_printf ("%s\n%s", text, joined));
    }
  return ft_join_sorted (sigs);
}

static void
round_trip (const char        *path,
            GlossImportReport *report,
            gboolean           compare_with_original)
{
  g_autofree char *out = ft_round_trip ("label-studio", path, "export.json", FALSE, report, TRUE);

  if (compare_with_original)
    {
      g_autofree char *orig = file_signature (path);
      g_autofree char *exported = file_signature (out);
      g_assert_cmpstr (orig, ==, exported);
    }
}

static void
test_corpus (void)
{
  static const char * const json[] = { "json", NULL };
  g_autofree char *dir = NULL;
  g_autoptr(GPtrArray) files = ft_corpus_files ("label-studio-json", json, 7, &dir);

  if (files == NULL)
    return;
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      const char *rel = path + strlen (dir) + 1;
      g_autoptr(GlossImportReport) report = gloss_import_report_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *problems = NULL;
      GlossFormat *format = gloss_format_detect (path, &error);
      gboolean html = strstr (rel, "rich_text_html") != NULL;

      g_assert_no_error (error);
      g_assert_cmpstr (gloss_format_get_name (format), ==, "label-studio");
      round_trip (path, report, !html);
      problems = gloss_import_report_to_string (report);
      g_test_message ("%s: %u documents, %u annotations, %u relations; %u errors, %u warnings, "
                      "%u notes; round trip exact%s%s", rel, report->n_documents,
                      report->n_annotations, report->n_relations,
                      gloss_import_report_count (report, GLOSS_PROBLEM_ERROR),
                      gloss_import_report_count (report, GLOSS_PROBLEM_WARNING),
                      gloss_import_report_count (report, GLOSS_PROBLEM_NOTE),
                      *problems ? "\n" : "", problems);
      g_assert_cmpuint (report->n_documents, ==, 1);
      if (html)
        {
          /* XPath regions: reported, not imported. */
          g_assert_cmpuint (report->n_annotations, ==, 0);
          g_assert_cmpuint (gloss_import_report_count (report, GLOSS_PROBLEM_WARNING), ==, 4);
          g_assert_nonnull (strstr (problems, "HyperText"));
        }
      else if (strstr (rel, "rich_text_plain") != NULL)
        {
          /* The region's text is not the text at its offsets. */
          g_assert_cmpuint (report->n_annotations, ==, 1);
          g_assert_cmpuint (gloss_import_report_count (report, GLOSS_PROBLEM_WARNING), ==, 1);
          g_assert_nonnull (strstr (problems, "February 22"));
        }
      else if (strstr (rel, "348.json") != NULL)
        {
          g_assert_cmpuint (report->n_annotations, ==, 38);
          g_assert_cmpuint (gloss_import_report_count (report, GLOSS_PROBLEM_WARNING), ==, 0);
        }
      else
        {
          g_assert_cmpuint (report->n_annotations, ==, 1);
          g_assert_cmpuint (gloss_import_report_count (report, GLOSS_PROBLEM_WARNING), ==, 0);
        }
    }
}

static void
test_text_key (void)
{
  g_autofree char *dir = ft_corpus_dir ("label-studio-json");
  g_autofree char *path = NULL;
  g_autoptr(GlossProject) project = ft_new_project ();
  g_autoptr(GError) error = NULL;
  GlossDocument *doc;

  if (dir == NULL)
    {
      g_test_skip ("no corpora");
      return;
    }
  /* The text is data.ner; predictions are annotator "prediction:model 1". */
  path = g_build_filename (dir, "label-studio-frontend-examples", "rich_text_plain", "tasks.json",
                           NULL);
  g_assert_true (ft_import (project, "label-studio", path, FALSE, NULL, &error));
  g_assert_no_error (error);
  doc = ft_document (project, 0);
  g_assert_true (g_str_has_prefix (gloss_document_get_text (doc), "Donald Trump"));
  g_assert_cmpstr (gloss_document_get_meta_string (doc, "label_studio_data_key"), ==, "ner");
  {
    g_autofree char *sig = ft_signature (project, TRUE);
    g_assert_nonnull (strstr (sig, " Date 343-354 @prediction:model 1\n"));
  }
}

/* "Ana 👩🏽‍💻 met Bo 😀 in Łódź." in code points. */
#define EMOJI_TEXT "Ana \xf0\x9f\x91\xa9\xf0\x9f\x8f\xbd\xe2\x80\x8d\xf0\x9f\x92\xbb met Bo " \
                   "\xf0\x9f\x98\x80 in \xc5\x81\xc3\xb3" "d\xc5\xba."

static void
test_emoji_and_relations (void)
{
  const char *fixture =
    "[{\"id\": 5, \"data\": {\"text\": \"" EMOJI_TEXT "\", \"title\": \"t\"},\n"
    " \"annotations\": [\n"
    "  {\"id\": 1, \"completed_by\": {\"id\": 3, \"email\": \"ana@example.org\"}, \"result\": [\n"
    "    {\"id\": \"a\", \"from_name\": \"label\", \"to_name\": \"text\", \"type\": \"labels\", "
    "\"value\": {\"start\": 0, \"end\": 3, \"text\": \"Ana\", \"labels\": [\"PER\", "
    "\"SOURCE\"]}},\n"
    "    {\"id\": \"b\", \"from_name\": \"label\", \"to_name\": \"text\", \"type\": \"labels\", "
    "\"value\": {\"start\": 13, \"end\": 15, \"text\": \"Bo\", \"labels\": [\"PER\"]}},\n"
    "    {\"id\": \"c\", \"from_name\": \"label\", \"to_name\": \"text\", \"type\": \"labels\", "
    "\"value\": {\"start\": 21, \"end\": 25, \"text\": \"\xc5\x81\xc3\xb3" "d\xc5\xba\", "
    "\"labels\": [\"LOC\"]}},\n"
    "    {\"from_id\": \"a\", \"to_id\": \"b\", \"type\": \"relation\", \"direction\": \"right\", "
    "\"labels\": [\"met\"]},\n"
    "    {\"from_id\": \"c\", \"to_id\": \"b\", \"type\": \"relation\", \"direction\": \"left\", "
    "\"labels\": [\"in\"]},\n"
    "    {\"from_id\": \"a\", \"to_id\": \"c\", \"type\": \"relation\", \"direction\": \"bi\", "
    "\"labels\": []},\n"
    "    {\"id\": \"d\", \"from_name\": \"sentiment\", \"to_name\": \"text\", "
    "\"type\": \"choices\", "
    "\"value\": {\"choices\": [\"Positive\"]}}\n"
    "  ]},\n"
    "  {\"id\": 2, \"completed_by\": 7, \"was_cancelled\": true, \"result\": []},\n"
    "  {\"id\": 3, \"completed_by\": 8, \"result\": [{\"id\": \"x\", \"type\": \"labels\", "
    "\"value\": {\"start\": 13, \"end\": 15, \"labels\": [\"PER\"]}}]}\n"
    " ]}]\n";
  g_autofree char *path = ft_write_fixture ("emoji.json", fixture, -1);
  g_autofree char *out = ft_path ("emoji-out.json");
  g_autoptr(GlossProject) project = ft_new_project ();
  g_autoptr(GlossProject) again = ft_new_project ();
  g_autoptr(GlossImportReport) report = gloss_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *sig = NULL;
  g_autofree char *sig2 = NULL;
  g_autofree char *orig = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *problems = NULL;

  g_assert_true (ft_import (project, "label-studio", path, FALSE, report, &error));
  g_assert_no_error (error);
  problems = gloss_import_report_to_string (report);
  g_test_message ("%s", problems);
  g_assert_cmpuint (report->n_annotations, ==, 5);
  g_assert_cmpuint (report->n_relations, ==, 3);
  /* The choices result (a warning) and the cancelled annotation (a note). */
  g_assert_cmpuint (gloss_import_report_count (report, GLOSS_PROBLEM_WARNING), ==, 1);
  g_assert_cmpuint (gloss_import_report_count (report, GLOSS_PROBLEM_NOTE), ==, 1);
  g_assert_nonnull (strstr (problems, "emoji.json:1: "));
  sig = ft_signature (project, TRUE);
  g_assert_nonnull (strstr (sig, " PER 0-3 @ana@example.org\n"));
  g_assert_nonnull (strstr (sig, " SOURCE 0-3 @ana@example.org\n"));
  g_assert_nonnull (strstr (sig, " LOC 21-25 @ana@example.org\n"));
  g_assert_nonnull (strstr (sig, " PER 13-15 @8\n"));
  g_assert_nonnull (strstr (sig, "relation met (PER 0-3 @ana@example.org) -> (PER 13-15 "
                                 "@ana@example.org)"));
  /* "left": from c to b means b -> c. */
  g_assert_nonnull (strstr (sig, "relation in (PER 13-15 @ana@example.org) -> (LOC 21-25 "
                                 "@ana@example.org)"));
  g_assert_nonnull (strstr (sig, "relation related (PER 0-3 @ana@example.org) -> (LOC 21-25"));

  ft_export (project, "label-studio", out);
  g_assert_true (ft_import (again, "label-studio", out, FALSE, NULL, &error));
  g_assert_no_error (error);
  sig2 = ft_signature (again, TRUE);
  g_assert_cmpstr (sig, ==, sig2);
  exported = file_signature (out);
  g_assert_nonnull (strstr (exported, "21-25 LOC annotation\n"));
  g_assert_nonnull (strstr (exported, "13-15 PER annotation\n"));
  orig = file_signature (path);
  g_assert_nonnull (strstr (orig, "21-25 LOC annotation\n"));
  {
    g_autofree char *contents = NULL;
    g_file_get_contents (out, &contents, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (contents, "\"direction\":\"bi\""));
    g_assert_nonnull (strstr (contents, "\"completed_by\":8"));
    g_assert_nonnull (strstr (contents, "\"title\":\"t\""));
  }
}

/* Offsets written before Label Studio stored code points (UTF-16 units)
 * are recognised by value.text. */
static void
test_utf16_legacy (void)
{
  /* "😀 Ana": Ana is 2–5 in code points, 3–6 in UTF-16 units. */
  const char *fixture =
    "{\"data\": {\"text\": \"\xf0\x9f\x98\x80 Ana\"}, \"completions\": [{\"id\": 1, \"result\": "
    "[{\"id\": \"r\", \"type\": \"labels\", \"value\": {\"start\": 3, \"end\": 6, \"text\": "
    "\"Ana\", \"labels\": [\"PER\"]}}]}]}\n";
  g_autofree char *path = ft_write_fixture ("legacy.json", fixture, -1);
  g_autoptr(GlossProject) project = ft_new_project ();
  g_autoptr(GlossImportReport) report = gloss_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *sig = NULL;
  g_autofree char *problems = NULL;

  g_assert_true (ft_import (project, "label-studio", path, FALSE, report, &error));
  g_assert_no_error (error);
  problems = gloss_import_report_to_string (report);
  g_assert_cmpuint (gloss_import_report_count (report, GLOSS_PROBLEM_WARNING), ==, 1);
  g_assert_nonnull (strstr (problems, "UTF-16"));
  sig = ft_signature (project, FALSE);
  g_assert_nonnull (strstr (sig, " PER 2-5\n"));
}

static void
test_bad_input (void)
{
  static const FtBadCase cases[] = {
    { "not JSON", "[{\"data\": {\"text\": \"ab\"}}, oops]", -1, 1 },
    { "data missing", "[{\"data\": {\"text\": \"ab\"}},\n {\"annotations\": []}]", -1, 2 },
    { "data not an object", "{\"data\": \"ab\"}", -1, 1 },
    { "no text in data", "{\"data\": {\"n\": 1}}", -1, 1 },
    { "annotations not a list", "{\"data\": {\"text\": \"ab\"}, \"annotations\": {}}", -1, 1 },
    { "result not a list", "{\"data\": {\"text\": \"ab\"}, \"annotations\": [{\"result\": 1}]}",
      -1, 1 },
    { "offsets past the end", "[\n{\"data\": {\"text\": \"ab\"}, \"annotations\": [{\"result\": "
      "[{\"id\": \"r\", \"type\": \"labels\", \"value\": {\"start\": 1, \"end\": 9, "
      "\"labels\": [\"X\"]}}]}]}\n]", -1, 2 },
    { "reversed", "{\"data\": {\"text\": \"abc\"}, \"annotations\": [{\"result\": [{\"type\": "
      "\"labels\", \"value\": {\"start\": 2, \"end\": 1, \"labels\": [\"X\"]}}]}]}", -1, 1 },
    { "offset a string-number", "{\"data\": {\"text\": \"abc\"}, \"annotations\": [{\"result\": "
      "[{\"type\": \"labels\", \"value\": {\"start\": 0, \"end\": true, \"labels\": [\"X\"]}}]}]}",
      -1, 1 },
    { "label not a string", "{\"data\": {\"text\": \"abc\"}, \"annotations\": [{\"result\": [{"
      "\"type\": \"labels\", \"value\": {\"start\": 0, \"end\": 1, \"labels\": [1]}}]}]}", -1, 1 },
    { "relation to nowhere", "{\"data\": {\"text\": \"abc\"}, \"annotations\": [{\"result\": [{"
      "\"id\": \"a\", \"type\": \"labels\", \"value\": {\"start\": 0, \"end\": 1, \"labels\": "
      "[\"X\"]}}, {\"type\": \"relation\", \"from_id\": \"a\", \"to_id\": \"z\"}]}]}", -1, 1 },
    { "truncated", "[\n  {\"data\": {\"text\": \"ab\"}},\n  {\"data\": {\"te", -1, 3 },
    { "invalid UTF-8", "[\n{\"data\": {\"text\": \"a\xe2\x82\"}}]", -1, 2 },
    { "binary", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, 1 },
  };

  ft_check_bad_inputs ("label-studio", "json",
                       "[{\"data\": {\"text\": \"seed\"}, "
                       "\"annotations\": [{\"result\": [{\"type\": "
                       "\"labels\", \"value\": {\"start\": 0, \"end\": "
                       "4, \"labels\": [\"SEED\"]}}]}]}]",
                       cases, G_N_ELEMENTS (cases));
}

static void
test_skip_bad (void)
{
  const char *fixture =
    "[\n"
    "  {\"data\": {\"text\": \"one\"}, \"annotations\": [{\"result\": [{\"type\": \"labels\", "
    "\"value\": {\"start\": 0, \"end\": 3, \"labels\": [\"X\"]}}]}]},\n"
    "  {\"data\": {\"text\": \"two\"}, \"annotations\": [{\"result\": [{\"type\": \"labels\", "
    "\"value\": {\"start\": 0, \"end\": 9, \"labels\": [\"X\"]}}]}]},\n"
    "  {\"data\": {\"text\": \"three\"}}\n"
    "]\n";
  g_autofree char *path = ft_write_fixture ("skip.json", fixture, -1);
  g_autoptr(GlossProject) project = ft_new_project ();
  g_autoptr(GlossImportReport) report = gloss_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (ft_import (project, "label-studio", path, TRUE, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_documents, ==, 2);
  g_assert_cmpuint (report->n_annotations, ==, 1);
  g_assert_cmpuint (gloss_import_report_count (report, GLOSS_PROBLEM_ERROR), ==, 1);
  text = gloss_import_report_to_string (report);
  g_assert_nonnull (strstr (text, "skip.json:3: "));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/formats/label-studio/corpus", test_corpus);
  g_test_add_func ("/formats/label-studio/text-key", test_text_key);
  g_test_add_func ("/formats/label-studio/emoji-and-relations", test_emoji_and_relations);
  g_test_add_func ("/formats/label-studio/utf16-legacy", test_utf16_legacy);
  g_test_add_func ("/formats/label-studio/bad-input", test_bad_input);
  g_test_add_func ("/formats/label-studio/skip-bad", test_skip_bad);

  return g_test_run ();
}
