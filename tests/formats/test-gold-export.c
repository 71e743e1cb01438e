/* test-gold-export.c: gold exports hold curated documents only, and every filter applies
 * to every format
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "format-test-util.h"
#include "gloss-jsonl.h"

/* tests/formats/data/gold-curation.jsonl: two annotators, ann and ben,
 * and the gold set of a curation:
 *
 *   curated    "Anna Berg met Carl Dahl in Oslo."  3 units, 3 with gold
 *   partial    "Erik Lund flew to Rome on Monday." 2 units, 1 with gold (PERSON 0-9)
 *   uncurated  "Maja Holm wrote from Paris."       2 units, none decided */
static GlossProject *
curation_project (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "formats", "data",
                                                 "gold-curation.jsonl", NULL);
  g_autoptr(GError) error = NULL;
  GlossProject *project = ft_new_project ();

  g_assert_true (ft_import (project, "jsonl", path, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ft_n_documents (project), ==, 3);
  return project;
}

static GlossDocument *
document_named (GlossProject *project,
                const char   *name)
{
  for (guint i = 0; i < ft_n_documents (project); i++)
    if (g_strcmp0 (gloss_document_get_name (ft_document (project, i)), name) == 0)
      return ft_document (project, i);
  g_assert_not_reached ();
}

/* Every problem of the report as "FILE: message" lines. */
static char *
report_lines (GlossImportReport *report)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < report->problems->len; i++)
    {
      GlossProblem *p = g_ptr_array_index (report->problems, i);

      g_string_append_printf (text, "%s: %s\n", p->file != NULL ? p->file : "", p->message);
    }
  return g_string_free (text, FALSE);
}

/* The contents of a file, or of every file under a folder, concatenated. */
static void
append_contents (GString    *all,
                 const char *path)
{
  g_autoptr(GError) error = NULL;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      GDir *dir = g_dir_open (path, 0, &error);
      const char *name;

      g_assert_no_error (error);
      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_strdup (name));
      g_dir_close (dir);
      g_ptr_array_sort (names, ft_compare_strings);
      for (guint i = 0; i < names->len; i++)
        {
          g_autofree char *child = g_build_filename (path, names->pdata[i], NULL);

          append_contents (all, child);
        }
    }
  else
    {
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (path, &contents, &length, &error));
      g_assert_no_error (error);
      g_string_append_len (all, contents, length);
    }
}

static char *
export_to_string (GlossProject             *project,
                  const char               *format,
                  const char               *name,
                  const GlossExportOptions *options,
                  GlossImportReport        *report)
{
  g_autofree char *path = ft_path (name);
  g_autoptr(GError) error = NULL;
  GString *all = g_string_new (NULL);

  g_assert_true (gloss_format_export (project, format, path, options, report, NULL, &error));
  g_assert_no_error (error);
  append_contents (all, path);
  return g_string_free (all, FALSE);
}

/* The .ann file of one document of a brat export, or NULL. */
static char *
brat_ann (const char *folder,
          const char *document)
{
  g_autofree char *name = g_strconcat (document, ".ann", NULL);
  g_autofree char *path = g_build_filename (folder, name, NULL);
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  return contents;
}

/* ---- the gold state of a document */

static void
test_gold_state (void)
{
  g_autoptr(GlossProject) project = curation_project ();
  g_autoptr(GError) error = NULL;
  GlossDocument *partial = document_named (project, "partial");
  GlossGoldState state;
  guint decided, units;

  g_assert_true (gloss_format_get_gold_state (project, document_named (project, "curated"),
                                              &state, &decided, &units, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state, ==, GLOSS_GOLD_CURATED);
  g_assert_cmpuint (decided, ==, 3);
  g_assert_cmpuint (units, ==, 3);

  g_assert_true (gloss_format_get_gold_state (project, partial, &state, &decided, &units,
                                              &error));
  g_assert_cmpint (state, ==, GLOSS_GOLD_PARTIAL);
  g_assert_cmpuint (decided, ==, 1);
  g_assert_cmpuint (units, ==, 2);

  g_assert_true (gloss_format_get_gold_state (project, document_named (project, "uncurated"),
                                              &state, &decided, &units, &error));
  g_assert_cmpint (state, ==, GLOSS_GOLD_NOT_CURATED);
  g_assert_cmpuint (decided, ==, 0);
  g_assert_cmpuint (units, ==, 2);

  /* Rejecting the last undecided unit finishes the curation. */
  {
    GlossStore *store = gloss_project_get_store (project);
    g_autoptr(GPtrArray) annotations = NULL;
    g_autoptr(GPtrArray) unit_list = NULL;
    g_autoptr(GHashTable) layers = NULL;
    g_autoptr(GHashTable) rejected = NULL;

    annotations = gloss_store_load_annotations (store, gloss_document_get_id (partial), FALSE,
                                                &error);
    g_assert_no_error (error);
    layers = gloss_curation_dup_layers (gloss_project_get_schema (project));
    unit_list = gloss_curation_units (annotations, NULL, layers, GLOSS_GOLD_ANNOTATOR);
    for (guint i = 0; i < unit_list->len; i++)
      {
        GlossCurationUnit *unit = unit_list->pdata[i];
        GHashTable *set;

        if (gloss_curation_unit_is_curated (unit, NULL))
          continue;
        set = gloss_curation_set_rejected (store, gloss_document_get_uuid (partial), unit->key,
                                           TRUE, &error);
        g_assert_no_error (error);
        g_clear_pointer (&rejected, g_hash_table_unref);
        rejected = set;
      }
    g_assert_nonnull (rejected);
  }
  g_assert_true (gloss_format_get_gold_state (project, partial, &state, &decided, &units,
                                              &error));
  g_assert_no_error (error);
  g_assert_cmpint (state, ==, GLOSS_GOLD_CURATED);
  g_assert_cmpuint (decided, ==, 2);
}

/* ---- gold exports */

/* The reproduction of issue 16: a gold export wrote the uncurated and the
 * partially curated documents as well, with empty or partial .ann files. */
static void
test_gold_brat (void)
{
  g_autoptr(GlossProject) project = curation_project ();
  g_autoptr(GlossImportReport) report = gloss_import_report_new ();
  g_autofree char *folder = ft_path ("gold-brat");
  g_autofree char *curated = NULL;
  g_autofree char *partial = NULL;
  g_autofree char *uncurated = NULL;
  g_autofree char *lines = NULL;
  g_autoptr(GError) error = NULL;
  GlossExportOptions options = GLOSS_EXPORT_OPTIONS_INIT;

  options.gold_only = TRUE;
  g_assert_true (gloss_format_export (project, "brat", folder, &options, report, NULL, &error));
  g_assert_no_error (error);

  curated = brat_ann (folder, "curated");
  partial = brat_ann (folder, "partial");
  uncurated = brat_ann (folder, "uncurated");
  g_assert_nonnull (curated);
  g_assert_nonnull (strstr (curated, "PERSON 0 9\tAnna Berg"));
  g_assert_nonnull (strstr (curated, "PERSON 14 23\tCarl Dahl"));
  g_assert_nonnull (strstr (curated, "GPE 27 31\tOslo"));
  g_assert_null (partial);
  g_assert_null (uncurated);
  g_assert_cmpuint (report->n_documents, ==, 1);

  lines = report_lines (report);
  g_test_message ("%s", lines);
  g_assert_nonnull (strstr (lines, "uncurated: not curated: skipped\n"));
  g_assert_nonnull (strstr (lines, "partial: partially curated (1 of 2 units decided): skipped"));
  g_assert_nonnull (strstr (lines, ": Skipped 1 document that is not curated\n"));
  g_assert_nonnull (strstr (lines, ": Skipped 1 partially curated document\n"));
  g_assert_false (g_str_has_prefix (lines, "curated:"));
  g_assert_null (strstr (lines, "\ncurated:"));
}

static void
test_gold_include_partial (void)
{
  g_autoptr(GlossProject) project = curation_project ();
  g_autoptr(GlossImportReport) report = gloss_import_report_new ();
  g_autofree char *folder = ft_path ("gold-partial-brat");
  g_autofree char *partial = NULL;
  g_autofree char *lines = NULL;
  g_autoptr(GError) error = NULL;
  GlossExportOptions options = GLOSS_EXPORT_OPTIONS_INIT;

  options.gold_only = TRUE;
  options.include_partial = TRUE;
  g_assert_true (gloss_format_export (project, "brat", folder, &options, report, NULL, &error));
  g_assert_no_error (error);

  partial = brat_ann (folder, "partial");
  g_assert_nonnull (partial);
  g_assert_cmpstr (partial, ==, "T1\tPERSON 0 9\tErik Lund\n");
  g_assert_null (brat_ann (folder, "uncurated"));
  g_assert_cmpuint (report->n_documents, ==, 2);

  lines = report_lines (report);
  g_assert_nonnull (strstr (lines, "partial: partially curated (1 of 2 units decided): exported"));
  g_assert_nonnull (strstr (lines, "uncurated: not curated: skipped\n"));
  g_assert_nonnull (strstr (lines, ": Skipped 1 document that is not curated\n"));
  g_assert_null (strstr (lines, "partially curated document\n"));
}

/* Each format: the gold export holds the curated document and nothing of
 * the others, says so, and holds no annotator's work. */
static void
test_gold_every_format (void)
{
  g_autoptr(GlossProject) project = curation_project ();
  GPtrArray *formats = gloss_format_list ();
  guint n_tried = 0;

  for (guint i = 0; i < formats->len; i++)
    {
      GlossFormat *format = g_ptr_array_index (formats, i);
      const char *name = gloss_format_get_name (format);
      g_autoptr(GlossImportReport) report = gloss_import_report_new ();
      g_autofree char *file = g_strconcat ("gold-every.", name, NULL);
      g_autofree char *out = NULL;
      g_autofree char *lines = NULL;
      GlossExportOptions options = GLOSS_EXPORT_OPTIONS_INIT;

      if (!gloss_format_can_export (format))
        continue;
      n_tried++;
      g_test_message ("format %s", name);
      options.gold_only = TRUE;
      out = export_to_string (project, name, file, &options, report);
      g_assert_cmpuint (report->n_documents, ==, 1);
      /* the claims table has rows for claims only, and here are none */
      if (g_strcmp0 (name, "claims") != 0)
        g_assert_nonnull (strstr (out, "Oslo"));
      g_assert_null (strstr (out, "Maja"));
      g_assert_null (strstr (out, "Erik"));
      g_assert_null (strstr (out, "\"ann\""));
      g_assert_null (strstr (out, "\"ben\""));
      lines = report_lines (report);
      g_assert_nonnull (strstr (lines, "uncurated: not curated: skipped\n"));
      g_assert_nonnull (strstr (lines, ": Skipped 1 document that is not curated\n"));
      g_assert_nonnull (strstr (lines, ": Skipped 1 partially curated document\n"));
    }
  g_assert_cmpuint (n_tried, >=, 9);
}

/* ---- every filter for Gloss JSONL */

/* The annotators and labels of the annotations in a Gloss JSONL export,
 * "NAME ANNOTATOR LABEL" per annotation, sorted, plus "NAME status
 * ANNOTATOR" per status. */
static char *
jsonl_rows (const char *jsonl)
{
  g_auto(GStrv) lines = g_strsplit (jsonl, "\n", -1);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonNode) node = NULL;
      JsonObject *doc, *status;
      JsonArray *annotations;
      const char *name;
      GList *members;

      if (lines[i][0] == '\0')
        continue;
      node = json_from_string (lines[i], NULL);
      g_assert_nonnull (node);
      doc = json_node_get_object (node);
      name = json_object_get_string_member (doc, "name");
      annotations = json_object_get_array_member (doc, "annotations");
      for (guint k = 0; k < json_array_get_length (annotations); k++)
        {
          JsonObject *a = json_array_get_object_element (annotations, k);

          g_assert_false (json_object_get_boolean_member (a, "deleted"));
          g_ptr_array_add (rows, g_strdup_printf ("%s %s %s", name,
                                                  json_object_get_string_member (a, "annotator"),
                                                  json_object_get_string_member (a, "label")));
        }
      status = json_object_get_object_member (doc, "status");
      members = json_object_get_members (status);
      for (GList *l = members; l != NULL; l = l->next)
        g_ptr_array_add (rows, g_strdup_printf ("%s status %s", name, (char *) l->data));
      g_list_free (members);
    }
  return ft_join_sorted (rows);
}

static void
test_jsonl_filters (void)
{
  g_autoptr(GlossProject) project = curation_project ();
  g_autoptr(GError) error = NULL;
  g_autofree char *whole = NULL;
  GlossExportOptions options = GLOSS_EXPORT_OPTIONS_INIT;
  const char *person[] = { "PERSON", NULL };

  /* No filter: the lossless copy, every row. */
  {
    g_autofree char *out = export_to_string (project, "jsonl", "all.jsonl", &options, NULL);

    whole = jsonl_rows (out);
    g_assert_nonnull (strstr (whole, "uncurated ben PERSON\n"));
    g_assert_nonnull (strstr (whole, "curated gold GPE\n"));
  }

  /* Gold set only: the reproduction of issue 16, defect 3. */
  {
    g_autofree char *out = NULL;
    g_autofree char *rows = NULL;

    options.gold_only = TRUE;
    out = export_to_string (project, "jsonl", "gold.jsonl", &options, NULL);
    rows = jsonl_rows (out);
    g_assert_cmpstr (rows, ==,
                     "curated gold GPE\n"
                     "curated gold PERSON\n"
                     "curated gold PERSON\n");
    options.gold_only = FALSE;
  }

  /* One annotator, with the status that annotator gave. */
  {
    g_autofree char *out = NULL;
    g_autofree char *rows = NULL;

    options.annotator = "ben";
    out = export_to_string (project, "jsonl", "ben.jsonl", &options, NULL);
    rows = jsonl_rows (out);
    g_assert_cmpstr (rows, ==,
                     "curated ben GPE\n"
                     "curated ben PERSON\n"
                     "curated ben PERSON\n"
                     "curated status ben\n"
                     "partial ben GPE\n"
                     "partial ben PERSON\n"
                     "partial status ben\n"
                     "uncurated ben PERSON\n"
                     "uncurated status ben\n");
    options.annotator = NULL;
  }

  /* Labels, and the documents by status. */
  {
    g_autofree char *out = NULL;
    g_autofree char *rows = NULL;

    options.labels = person;
    options.status = GLOSS_DOCUMENT_STATUS_IN_PROGRESS;
    out = export_to_string (project, "jsonl", "person.jsonl", &options, NULL);
    rows = jsonl_rows (out);
    g_assert_cmpstr (rows, ==,
                     "uncurated ann PERSON\n"
                     "uncurated ben PERSON\n"
                     "uncurated status ann\n"
                     "uncurated status ben\n");
  }
}

/* ---- what cannot apply is refused */

static void
test_refused_options (void)
{
  g_autoptr(GlossProject) project = curation_project ();
  g_autofree char *path = ft_path ("refused.jsonl");
  GlossExportOptions options = GLOSS_EXPORT_OPTIONS_INIT;
  g_autoptr(GError) error = NULL;

  options.gold_only = TRUE;
  options.annotator = "ann";
  g_assert_false (gloss_format_check_export_options ("brat", &options, &error));
  g_assert_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_OPTIONS);
  g_clear_error (&error);
  g_assert_false (gloss_format_export (project, "jsonl", path, &options, NULL, NULL, &error));
  g_assert_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_OPTIONS);
  g_clear_error (&error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  options.annotator = NULL;
  options.gold_only = FALSE;
  options.include_partial = TRUE;
  g_assert_false (gloss_format_check_export_options (NULL, &options, &error));
  g_assert_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_OPTIONS);
  g_clear_error (&error);

  options.include_partial = FALSE;
  options.split[0] = 80;
  options.split[2] = 20;
  g_assert_false (gloss_format_check_export_options ("brat", &options, &error));
  g_assert_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_OPTIONS);
  g_clear_error (&error);
  g_assert_true (gloss_format_check_export_options ("hf", &options, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/formats/gold/state", test_gold_state);
  g_test_add_func ("/formats/gold/brat", test_gold_brat);
  g_test_add_func ("/formats/gold/include-partial", test_gold_include_partial);
  g_test_add_func ("/formats/gold/every-format", test_gold_every_format);
  g_test_add_func ("/formats/filters/jsonl", test_jsonl_filters);
  g_test_add_func ("/formats/filters/refused", test_refused_options);

  return g_test_run ();
}
