/* test-export-report.c: what each export reports it could not carry
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gloss-store.h"
#include "token-formats-test-util.h"

/* An invented story with one of each thing a format may not carry:
 *
 *   Alma Krestin met Varnia officials in Karsovia's capital. Rain fell on Ostrava.
 *   0           12   17    23       33   37      45 48     55 57   62   67 70     77
 *
 *  01 PERSON 0-12 with the attribute role=minister
 *  02 ORG 17-33 with a note and a normalisation
 *  03 GPE 17-23, nested in 02
 *  04 GPE 37-45 + 48-55, discontinuous
 *  05 LOC 72-77, inside the token "Ostrava"
 *  06 LOC 64-69, "ll on": ends of "fell" and "on"
 *  11 works-for 01 -> 02 with the attribute confidence=high */
static const char story[] =
  "Alma Krestin met Varnia officials in Karsovia's capital. Rain fell on Ostrava.";

#define UUID(n) "00000000-0000-4000-8000-0000000000" n

static void
put_annotation (GlossStore      *store,
                gint64           doc_id,
                GlossAnnotation *a,
                const char      *uuid)
{
  g_autoptr(GError) error = NULL;

  gloss_annotation_set_uuid (a, uuid);
  gloss_annotation_set_document_id (a, doc_id);
  g_assert_true (gloss_store_put_annotation (store, a, &error));
  g_assert_no_error (error);
  g_object_unref (a);
}

static GlossProject *
story_project (guint n_extra_discontinuous)
{
  GlossProject *project = ft_new_project ();
  GlossStore *store = gloss_project_get_store (project);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossRelation) r = NULL;
  GlossAnnotation *a;
  gint64 id;

  id = gloss_store_insert_document (store, NULL, "story", story, -1, NULL, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  a = gloss_annotation_new_span ("PERSON", 0, 12, "alice");
  gloss_annotation_set_attribute (a, "role", g_variant_new_string ("minister"));
  put_annotation (store, id, a, UUID ("01"));
  a = gloss_annotation_new_span ("ORG", 17, 33, "alice");
  gloss_annotation_set_note (a, "which ministry?");
  gloss_annotation_set_normalisation (a, "Q1", "Varnia government");
  put_annotation (store, id, a, UUID ("02"));
  put_annotation (store, id, gloss_annotation_new_span ("GPE", 17, 23, "alice"), UUID ("03"));
  {
    const GlossFragment f[] = { { 37, 45 }, { 48, 55 } };
    a = gloss_annotation_new ("GPE", f, G_N_ELEMENTS (f), "alice");
    put_annotation (store, id, a, UUID ("04"));
  }
  put_annotation (store, id, gloss_annotation_new_span ("LOC", 72, 77, "alice"), UUID ("05"));
  put_annotation (store, id, gloss_annotation_new_span ("LOC", 64, 69, "alice"), UUID ("06"));
  /* More discontinuous annotations, to see the report summarise. */
  for (guint i = 0; i < n_extra_discontinuous; i++)
    {
      const GlossFragment f[] = { { 57, 61 }, { 62, 66 } };
      g_autofree char *uuid = g_strdup_printf ("00000000-0000-4000-8000-1%011u", i);
      a = gloss_annotation_new ("MISC", f, G_N_ELEMENTS (f), "alice");
      put_annotation (store, id, a, uuid);
    }

  r = gloss_relation_new ("works-for", UUID ("01"), UUID ("02"), "alice");
  gloss_relation_set_uuid (r, UUID ("11"));
  gloss_relation_set_document_id (r, id);
  gloss_relation_set_attribute (r, "confidence", g_variant_new_string ("high"));
  g_assert_true (gloss_store_put_relation (store, r, &error));
  g_assert_no_error (error);

  g_assert_true (gloss_project_reload_documents (project, &error));
  g_assert_no_error (error);
  return project;
}

static char *export_warnings_with (GlossProject             *project,
                                   const char               *format,
                                   const GlossExportOptions *options);

/* The warnings of exporting the story as @format, one "file: message" a
 * line. */
static char *
export_warnings (GlossProject *project,
                 const char   *format)
{
  return export_warnings_with (project, format, NULL);
}

/* The same with export @options (may be NULL). */
static char *
export_warnings_with (GlossProject             *project,
                      const char               *format,
                      const GlossExportOptions *options)
{
  g_autoptr(GlossImportReport) report = gloss_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("story-%s.out", format);
  g_autofree char *path = ft_path (name);
  GString *lines = g_string_new (NULL);

  g_assert_true (gloss_format_export (project, format, path, options, report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_documents, ==, 1);
  for (guint i = 0; i < report->problems->len; i++)
    {
      GlossProblem *p = g_ptr_array_index (report->problems, i);

      g_assert_cmpint (p->severity, ==, GLOSS_PROBLEM_WARNING);
      g_assert_cmpuint (p->line, ==, 0);
      g_string_append_printf (lines, "%s: %s\n", p->file ? p->file : "-", p->message);
    }
  return g_string_free (lines, FALSE);
}

#define W_ATTRIBUTE \
  "story: annotation " UUID ("01") " (PERSON 0-12): attributes not written: role\n"
#define W_NOTE "story: annotation " UUID ("02") " (ORG 17-33): note not written\n"
#define W_NORM "story: annotation " UUID ("02") " (ORG 17-33): normalisation not written: Q1\n"
#define W_DISCONTINUOUS \
  "story: annotation " UUID ("04") " (GPE 37-45,48-55): discontinuous: its fragments were " \
  "written as separate spans\n"
#define W_RELATION_ATTRIBUTE \
  "story: relation " UUID ("11") " (works-for): attributes not written: confidence\n"
#define W_RELATION "story: relation " UUID ("11") " (works-for): relations cannot be written\n"
#define W_NESTED "story: annotation " UUID ("03") " (GPE 17-23): overlaps another span: left out\n"
/* Never cut to the tokens they cover whole: left out. */
#define W_PARTIAL \
  "story: annotation " UUID ("06") " (LOC 64-69): does not line up with the tokens (it " \
                                   "starts or ends inside one): left out\n"
#define W_INSIDE_TOKEN \
  "story: annotation " UUID ("05") " (LOC 72-77): does not line up with the tokens (it " \
                                   "starts or ends inside one): left out\n"

static void
test_span_formats (void)
{
  g_autoptr(GlossProject) project = story_project (0);
  const char *expected = W_ATTRIBUTE W_NOTE W_NORM W_DISCONTINUOUS W_RELATION_ATTRIBUTE;
  const char * const formats[] = { "doccano", "spacy", "label-studio" };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *warnings = export_warnings (project, formats[i]);
      g_test_message ("%s", formats[i]);
      g_assert_cmpstr (warnings, ==, expected);
    }
}

/* CoNLL-U gives the two sentences a line each. */
#define W_CONLLU_SPACING \
  "story: the text changes on re-import: it comes back with one space between tokens and a " \
  "sentence a line\n"

static void
test_token_formats (void)
{
  g_autoptr(GlossProject) project = story_project (0);
  /* First what IOB tags cannot carry at all, then the spans that do not
   * fit the tokens. */
  const char *expected = W_ATTRIBUTE W_NOTE W_NORM W_DISCONTINUOUS W_RELATION W_NESTED W_PARTIAL
                         W_INSIDE_TOKEN;
  const char * const formats[] = { "conll", "conll2002", "conllu", "hf" };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *warnings = export_warnings (project, formats[i]);
      g_autofree char *wanted = g_strconcat (expected, strcmp (formats[i], "conllu") == 0
                                                         ? W_CONLLU_SPACING : "", NULL);
      g_test_message ("%s", formats[i]);
      g_assert_cmpstr (warnings, ==, wanted);
    }
}

/* Misaligned spans extended: every token format shares the rule and says
 * where each span went. */
#define W_EXTENDED_PARTIAL \
  "story: annotation " UUID ("06") " (LOC 64-69): does not line up with the tokens: " \
                                   "extended to their boundaries (62-69)\n"
#define W_EXTENDED_INSIDE \
  "story: annotation " UUID ("05") " (LOC 72-77): does not line up with the tokens: " \
                                   "extended to their boundaries (70-77)\n"

static void
test_token_formats_extend (void)
{
  g_autoptr(GlossProject) project = story_project (0);
  GlossExportOptions options = GLOSS_EXPORT_OPTIONS_INIT;
  const char *expected = W_ATTRIBUTE W_NOTE W_NORM W_DISCONTINUOUS W_RELATION W_NESTED
                         W_EXTENDED_PARTIAL W_EXTENDED_INSIDE;
  const char * const formats[] = { "conll", "conll2002", "conllu", "hf" };

  options.misaligned = GLOSS_MISALIGNED_EXTEND;
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *warnings = export_warnings_with (project, formats[i], &options);
      g_autofree char *wanted = g_strconcat (expected, strcmp (formats[i], "conllu") == 0
                                                         ? W_CONLLU_SPACING : "", NULL);
      g_test_message ("%s", formats[i]);
      g_assert_cmpstr (warnings, ==, wanted);
    }
}

static void
test_webanno (void)
{
  g_autoptr(GlossProject) project = story_project (0);
  g_autofree char *warnings = export_warnings (project, "webanno");

  /* Features carry attributes and notes, relation layers relations. */
  g_assert_cmpstr (warnings, ==, W_NORM W_DISCONTINUOUS);
}

static void
test_lossless (void)
{
  g_autoptr(GlossProject) project = story_project (0);
  const char * const formats[] = { "brat", "jsonl" };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *warnings = export_warnings (project, formats[i]);
      g_test_message ("%s", formats[i]);
      g_assert_cmpstr (warnings, ==, "");
    }
}

static void
test_summary (void)
{
  g_autoptr(GlossProject) project = story_project (30);
  g_autofree char *warnings = export_warnings (project, "doccano");
  g_auto(GStrv) lines = g_strsplit (warnings, "\n", -1);
  guint n_discontinuous = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], "discontinuous: its fragments") != NULL)
      n_discontinuous++;
  /* 31 discontinuous annotations: the first ones listed, the rest counted. */
  g_assert_cmpuint (n_discontinuous, ==, GLOSS_EXPORT_REPORT_EXAMPLES);
  g_assert_nonnull (strstr (warnings, "-: 11 more discontinuous annotations not listed "
                                      "(31 in all)\n"));
  g_assert_true (g_str_has_suffix (warnings, "(31 in all)\n"));
}

static void
test_no_report (void)
{
  g_autoptr(GlossProject) project = story_project (0);
  g_autofree char *path = ft_path ("story-no-report.conll");
  g_autoptr(GError) error = NULL;

  /* The report is optional. */
  g_assert_true (gloss_format_export (project, "conll", path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/formats/export-report/span-formats", test_span_formats);
  g_test_add_func ("/formats/export-report/token-formats", test_token_formats);
  g_test_add_func ("/formats/export-report/token-formats-extend", test_token_formats_extend);
  g_test_add_func ("/formats/export-report/webanno", test_webanno);
  g_test_add_func ("/formats/export-report/lossless", test_lossless);
  g_test_add_func ("/formats/export-report/summary", test_summary);
  g_test_add_func ("/formats/export-report/no-report", test_no_report);
  return g_test_run ();
}
