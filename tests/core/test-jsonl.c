/* test-jsonl.c: Gloss JSONL export and import
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "core-test-util.h"

static char *
samples_path (void)
{
  const char *src = g_getenv ("GLOSS_SOURCE_DIR");

  if (src != NULL)
    return g_build_filename (src, "data", "samples", "samples.jsonl", NULL);
  return g_test_build_filename (G_TEST_DIST, "..", "..", "data", "samples", "samples.jsonl", NULL);
}

static GlossProject *
new_project (const char *name)
{
  g_autofree char *path = test_path (name);
  g_autoptr(GError) error = NULL;
  GlossProject *project;

  g_remove (path);
  project = gloss_project_create (path, NULL, &error);
  g_assert_no_error (error);
  return project;
}

static GBytes *
export_bytes (GlossProject *project)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_jsonl_export (project, out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static gboolean
import_bytes (GlossProject            *project,
              GBytes                  *bytes,
              const char              *filename,
              GlossJsonlImportReport  *report,
              GError                 **error)
{
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_bytes (bytes);

  return gloss_jsonl_import (project, in, filename, report, NULL, error);
}

static gboolean
import_string (GlossProject  *project,
               const char    *data,
               gssize         len,
               const char    *filename,
               GError       **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, len < 0 ? strlen (data) : (gsize) len);

  return import_bytes (project, bytes, filename, NULL, error);
}

static void
assert_bytes_equal (GBytes *a,
                    GBytes *b)
{
  gsize la, lb;
  const char *da = g_bytes_get_data (a, &la);
  const char *db = g_bytes_get_data (b, &lb);

  if (la != lb || memcmp (da, db, la) != 0)
    {
      gsize i = 0;

      while (i < la && i < lb && da[i] == db[i])
        i++;
      g_test_message ("outputs differ at byte %" G_GSIZE_FORMAT " (lengths %" G_GSIZE_FORMAT
                      ", %" G_GSIZE_FORMAT ")", i, la, lb);
      g_test_message ("first:  %.120s", da + (i > 60 ? i - 60 : 0));
      g_test_message ("second: %.120s", db + (i > 60 ? i - 60 : 0));
      g_test_fail ();
    }
}

/* Import the samples, export: the output is samples.jsonl itself, and a
 * second round trip gives the same bytes again. */
static void
test_samples_round_trip (void)
{
  g_autofree char *path = samples_path ();
  g_autoptr(GlossProject) p1 = new_project ("p1.gloss");
  g_autoptr(GlossProject) p2 = new_project ("p2.gloss");
  g_autoptr(GBytes) samples = NULL;
  g_autoptr(GBytes) e1 = NULL;
  g_autoptr(GBytes) e2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len;
  GlossJsonlImportReport report = { 0 };

  if (!g_file_get_contents (path, &contents, &len, NULL))
    {
      g_test_skip ("samples.jsonl not found");
      return;
    }
  samples = g_bytes_new_take (g_steal_pointer (&contents), len);

  g_assert_true (import_bytes (p1, samples, "samples.jsonl", &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_documents, ==, 3);
  g_assert_cmpuint (report.n_annotations, >, 0);
  g_assert_cmpuint (report.n_relations, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (gloss_project_get_documents (p1)), ==, 3);

  e1 = export_bytes (p1);
  g_assert_true (import_bytes (p2, e1, "e1.jsonl", NULL, &error));
  g_assert_no_error (error);
  e2 = export_bytes (p2);
  assert_bytes_equal (e1, e2);

  /* samples.jsonl is written in canonical form by build-aux/make-samples.py */
  assert_bytes_equal (e1, samples);
}

/* A project edited through commands: a tombstone, a discontinuous span,
 * attributes, notes, normalisation, statuses, a removed relation. */
static guint
count_substrings (const char *haystack,
                  const char *needle)
{
  guint n = 0;

  for (const char *at = strstr (haystack, needle); at != NULL; at = strstr (at + 1, needle))
    n++;
  return n;
}

static void
test_commands_round_trip (void)
{
  static const char text[] = "Officials in Zürich said the minister “will resign”, "
                             "according to a source.\nΕλλάδα denied it.";
  g_autoptr(GlossProject) p1 = new_project ("c1.gloss");
  g_autoptr(GlossProject) p2 = new_project ("c2.gloss");
  g_autoptr(GlossAnnotationList) list = NULL;
  g_autoptr(GlossAnnotation) gpe = NULL;
  g_autoptr(GlossAnnotation) claim = NULL;
  g_autoptr(GlossAnnotation) src = NULL;
  g_autoptr(GlossAnnotation) gone = NULL;
  g_autoptr(GlossRelation) rel = NULL;
  g_autoptr(GlossRelation) rel2 = NULL;
  g_autoptr(GlossCommand) cmd = NULL;
  g_autoptr(GlossCommand) cmd2 = NULL;
  g_autoptr(GBytes) e1 = NULL;
  g_autoptr(GBytes) e2 = NULL;
  g_autoptr(GError) error = NULL;
  GlossFragment frags[] = { { 29, 37 }, { 39, 50 } };
  GlossDocument *doc;
  g_autofree char *e1_str = NULL;
  g_auto(GStrv) lines = NULL;

  doc = gloss_project_add_document (p1, "article", text, -1, "{\"url\":\"https://example.org\"}",
                                    &error);
  g_assert_no_error (error);
  gloss_project_add_document (p1, "empty-one", "Nothing here.", -1, NULL, &error);
  g_assert_no_error (error);
  gloss_project_set_annotator (p1, "alice");
  list = gloss_project_dup_annotation_list (p1, doc, &error);
  g_assert_no_error (error);

  gpe = gloss_annotation_new_span ("GPE", 13, 19, "alice");
  claim = gloss_annotation_new ("CLAIM", frags, G_N_ELEMENTS (frags), "alice");
  src = gloss_annotation_new_span ("SOURCE", 68, 74, "alice");
  /* accepted from a suggestion: the provenance travels with it */
  gloss_annotation_set_provenance (src, "rules", 0.75);
  gone = gloss_annotation_new_span ("PERSON", 29, 37, "alice");
  rel = gloss_relation_new ("attributed-to", gloss_annotation_get_uuid (claim),
                            gloss_annotation_get_uuid (src), "alice");
  rel2 = gloss_relation_new ("about", gloss_annotation_get_uuid (claim),
                             gloss_annotation_get_uuid (gpe), "alice");
  cmd = gloss_command_new ("build");
  gloss_command_create_annotation (cmd, gpe);
  gloss_command_create_annotation (cmd, claim);
  gloss_command_create_annotation (cmd, src);
  gloss_command_create_annotation (cmd, gone);
  gloss_command_add_relation (cmd, rel);
  gloss_command_add_relation (cmd, rel2);
  gloss_command_set_attribute (cmd, gloss_annotation_get_uuid (claim), "certainty",
                               g_variant_new_string ("hedged"));
  gloss_command_set_attribute (cmd, gloss_annotation_get_uuid (claim), "checkworthy",
                               g_variant_new_boolean (TRUE));
  gloss_command_set_relation_attribute (cmd, gloss_relation_get_uuid (rel), "confidence",
                                        g_variant_new_string ("high"));
  gloss_command_set_note (cmd, gloss_annotation_get_uuid (gpe), "a “quoted” note\twith a tab");
  gloss_command_set_normalisation (cmd, gloss_annotation_get_uuid (gpe), "Q72", "Zürich");
  gloss_command_set_document_status (cmd, "alice", GLOSS_DOCUMENT_STATUS_DONE);
  gloss_command_set_document_status (cmd, "bob", GLOSS_DOCUMENT_STATUS_IN_PROGRESS);
  g_assert_true (gloss_annotation_list_apply (list, cmd, &error));
  g_assert_no_error (error);

  cmd2 = gloss_command_new ("delete");
  gloss_command_remove_relation (cmd2, gloss_relation_get_uuid (rel2));
  gloss_command_delete_annotation (cmd2, gloss_annotation_get_uuid (gone));
  g_assert_true (gloss_annotation_list_apply (list, cmd2, &error));
  g_assert_no_error (error);

  e1 = export_bytes (p1);
  e1_str = g_strndup (g_bytes_get_data (e1, NULL), g_bytes_get_size (e1));
  g_assert_nonnull (strstr (e1_str, "\"deleted\":true"));
  g_assert_nonnull (strstr (e1_str, "\"fragments\":[[29,37],[39,50]]"));
  g_assert_nonnull (strstr (e1_str, "\"text\":\"minister will resign\""));
  g_assert_nonnull (strstr (e1_str, "\"status\":{\"alice\":\"done\",\"bob\":\"in-progress\"}"));
  g_assert_nonnull (strstr (e1_str, "\"attributes\":{\"certainty\":\"hedged\",\"checkworthy\":true}"));
  g_assert_nonnull (strstr (e1_str, "\"norm_id\":\"Q72\",\"norm_name\":\"Zürich\""));
  g_assert_nonnull (strstr (e1_str, "\"meta\":{\"url\":\"https://example.org\"}"));
  g_assert_nonnull (strstr (e1_str, "\"provenance\":{\"suggester\":\"rules\",\"score\":0.75}"));
  g_assert_cmpuint (count_substrings (e1_str, "\"provenance\""), ==, 1);
  /* documents in name order, one line each */
  g_assert_true (g_str_has_prefix (e1_str, "{\"gloss\":1,"));
  g_assert_true (strstr (e1_str, "\"name\":\"article\"") < strstr (e1_str, "\"name\":\"empty-one\""));
  lines = g_strsplit (e1_str, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);

  g_assert_true (import_bytes (p2, e1, "c.jsonl", NULL, &error));
  g_assert_no_error (error);
  e2 = export_bytes (p2);
  assert_bytes_equal (e1, e2);

  /* The same file again: the uuids are taken now. */
  g_assert_false (import_bytes (p2, e1, "c.jsonl", NULL, &error));
  g_assert_error (error, GLOSS_JSONL_ERROR, GLOSS_JSONL_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "c.jsonl:1:"));
  g_assert_nonnull (strstr (error->message, "document uuid"));
  g_assert_cmpuint (g_list_model_get_n_items (gloss_project_get_documents (p2)), ==, 2);
}

/* A taken name gets a unique one; a new uuid is made when there is none. */
static void
test_names (void)
{
  g_autoptr(GlossProject) p = new_project ("n.gloss");
  g_autoptr(GError) error = NULL;
  GListModel *docs = gloss_project_get_documents (p);

  gloss_project_add_document (p, "x", "some text", -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (import_string (p, "{\"gloss\":1,\"name\":\"x\",\"text\":\"abc\"}\n"
                                   "\n"
                                   "{\"gloss\":1,\"name\":\"x\",\"text\":\"def\","
                                   "\"annotations\":[{\"label\":\"PERSON\",\"fragments\":[[0,3]]}]}\n",
                                -1, "n.jsonl", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (docs), ==, 3);
  g_assert_nonnull (gloss_project_find_document (p, "x (2)"));
  g_assert_nonnull (gloss_project_find_document (p, "x (3)"));
  g_assert_cmpuint (gloss_document_get_n_annotations (gloss_project_find_document (p, "x (3)")),
                    ==, 1);
}

typedef struct
{
  const char *name;
  const char *data;
  gssize      len;
  const char *where;     /* expected in the message */
  const char *what;      /* expected in the message, or NULL */
} BadInput;

#define GOOD_LINE \
  "{\"gloss\":1,\"name\":\"good\",\"text\":\"Ann met Bob.\"," \
  "\"annotations\":[{\"uuid\":\"00000000-0000-4000-8000-000000000001\",\"label\":\"PERSON\"," \
  "\"fragments\":[[0,3]]},{\"uuid\":\"00000000-0000-4000-8000-000000000002\"," \
  "\"label\":\"PERSON\",\"fragments\":[[8,11]]}]}\n"

static const BadInput bad_inputs[] = {
  { "bad-provenance",
    "{\"gloss\":1,\"name\":\"b\",\"text\":\"short\",\"annotations\":["
    "{\"label\":\"PERSON\",\"fragments\":[[0,2]],\"provenance\":\"rules\"}]}\n", -1,
    "bad.jsonl:1: annotation 1: “provenance” must be", NULL },
  { "not-json", GOOD_LINE "{\"gloss\":1,\"name\":\"b\",\n", -1, "bad.jsonl:2:", "not JSON" },
  { "missing-text", GOOD_LINE "{\"gloss\":1,\"name\":\"c\",\"text\":\"abc\"}\n" "{\"gloss\":1,\"name\":\"b\"}\n", -1, "bad.jsonl:3:",
    "“text” is missing" },
  { "fragment-out-of-range",
    "{\"gloss\":1,\"name\":\"b\",\"text\":\"short\",\"annotations\":["
    "{\"label\":\"PERSON\",\"fragments\":[[0,2]]},"
    "{\"label\":\"PERSON\",\"fragments\":[[3,90]]}]}\n", -1,
    "bad.jsonl:1: annotation 2: fragment 3–90 outside the text (length 5)", NULL },
  { "unknown-label", GOOD_LINE
    "{\"gloss\":1,\"name\":\"b\",\"text\":\"short\",\"annotations\":["
    "{\"label\":\"WIDGET\",\"fragments\":[[0,2]]},{\"label\":\"GADGET\",\"fragments\":[[0,2]]}]}\n",
    -1, "bad.jsonl:2:", "labels not in the schema: WIDGET, GADGET" },
  { "unknown-relation-type",
    "{\"gloss\":1,\"name\":\"b\",\"text\":\"Ann met Bob.\",\"annotations\":["
    "{\"uuid\":\"00000000-0000-4000-8000-000000000011\",\"label\":\"PERSON\",\"fragments\":[[0,3]]}],"
    "\"relations\":[{\"type\":\"likes\",\"source\":\"00000000-0000-4000-8000-000000000011\","
    "\"target\":\"00000000-0000-4000-8000-000000000011\"}]}\n",
    -1, "bad.jsonl:1:", "relation types not in the schema: likes" },
  { "relation-to-missing-annotation",
    "{\"gloss\":1,\"name\":\"b\",\"text\":\"Ann met Bob.\",\"annotations\":["
    "{\"uuid\":\"00000000-0000-4000-8000-000000000021\",\"label\":\"CLAIM\",\"fragments\":[[0,3]]}],"
    "\"relations\":[{\"type\":\"attributed-to\",\"source\":\"00000000-0000-4000-8000-000000000021\","
    "\"target\":\"00000000-0000-4000-8000-000000000099\"}]}\n",
    -1, "bad.jsonl:1: relation 1: target", "not an annotation of this document" },
  { "relation-to-other-document", GOOD_LINE
    "{\"gloss\":1,\"name\":\"b\",\"text\":\"Ann met Bob.\",\"annotations\":["
    "{\"uuid\":\"00000000-0000-4000-8000-000000000031\",\"label\":\"CLAIM\",\"fragments\":[[0,3]]}],"
    "\"relations\":[{\"type\":\"attributed-to\",\"source\":\"00000000-0000-4000-8000-000000000031\","
    "\"target\":\"00000000-0000-4000-8000-000000000001\"}]}\n",
    -1, "bad.jsonl:2: relation 1: target", NULL },
  { "invalid-utf8", GOOD_LINE "{\"gloss\":1,\"name\":\"b\",\"text\":\"caf\xe9\"}\n", -1,
    "bad.jsonl:2:", "invalid UTF-8 at byte 34" },
  { "nul-byte", GOOD_LINE "{\"gloss\":1,\"name\":\"b\",\"text\":\"x\0y\"}\n",
    sizeof (GOOD_LINE "{\"gloss\":1,\"name\":\"b\",\"text\":\"x\0y\"}\n") - 1,
    "bad.jsonl:2:", "NUL byte" },
  { "empty-file", "", 0, "bad.jsonl:1:", "no document" },
  { "blank-file", "\n  \n", -1, "bad.jsonl:", "no document" },
  { "not-an-object", "[1,2]\n", -1, "bad.jsonl:1:", "not a JSON object" },
  { "no-version", "{\"name\":\"b\",\"text\":\"abc\"}\n", -1, "bad.jsonl:1:", "“gloss”" },
  { "too-new", "{\"gloss\":7,\"name\":\"b\",\"text\":\"abc\"}\n", -1, "bad.jsonl:1:", "version 7" },
  { "bad-sha256", "{\"gloss\":1,\"name\":\"b\",\"text\":\"abc\",\"sha256\":\"00\"}\n", -1,
    "bad.jsonl:1:", "sha256" },
  { "text-mismatch",
    "{\"gloss\":1,\"name\":\"b\",\"text\":\"Zürich\",\"annotations\":["
    "{\"label\":\"GPE\",\"fragments\":[[0,6]],\"text\":\"Züric\"}]}\n", -1,
    "bad.jsonl:1: annotation 1:", "Züric" },
  { "empty-fragment",
    "{\"gloss\":1,\"name\":\"b\",\"text\":\"abc\",\"annotations\":["
    "{\"label\":\"GPE\",\"fragments\":[[2,2]]}]}\n", -1, "bad.jsonl:1: annotation 1:", "empty" },
  { "bad-time",
    "{\"gloss\":1,\"name\":\"b\",\"text\":\"abc\",\"annotations\":["
    "{\"label\":\"GPE\",\"fragments\":[[0,2]],\"created\":\"yesterday\"}]}\n", -1,
    "bad.jsonl:1: annotation 1:", "created" },
  { "bad-status", "{\"gloss\":1,\"name\":\"b\",\"text\":\"abc\",\"status\":{\"a\":\"finished\"}}\n",
    -1, "bad.jsonl:1:", "status" },
  { "bad-attribute",
    "{\"gloss\":1,\"name\":\"b\",\"text\":\"abc\",\"annotations\":["
    "{\"label\":\"GPE\",\"fragments\":[[0,2]],\"attributes\":{\"n\":3}}]}\n", -1,
    "bad.jsonl:1: annotation 1:", NULL },
  { "duplicate-annotation-uuid", GOOD_LINE
    "{\"gloss\":1,\"name\":\"b\",\"text\":\"Ann met Bob.\",\"annotations\":["
    "{\"uuid\":\"00000000-0000-4000-8000-000000000001\",\"label\":\"PERSON\",\"fragments\":[[0,3]]}]}\n",
    -1, "bad.jsonl:2: annotation 1:", "already in the project" },
};

static void
test_bad_input (gconstpointer data)
{
  const BadInput *bad = data;
  g_autofree char *name = g_strdup_printf ("bad-%s.gloss", bad->name);
  g_autoptr(GlossProject) p = new_project (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  GListModel *docs = gloss_project_get_documents (p);

  gloss_project_add_document (p, "existing", "Existing text.", -1, NULL, &error);
  g_assert_no_error (error);
  before = export_bytes (p);

  g_assert_false (import_string (p, bad->data, bad->len, "bad.jsonl", &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "bad.jsonl:"));
  g_assert_nonnull (strstr (error->message, bad->where));
  if (bad->what != NULL)
    g_assert_nonnull (strstr (error->message, bad->what));

  g_assert_cmpuint (g_list_model_get_n_items (docs), ==, 1);
  g_assert_cmpuint (gloss_store_count_documents (gloss_project_get_store (p)), ==, 1);
  g_assert_false (gloss_store_in_transaction (gloss_project_get_store (p)));
  after = export_bytes (p);
  assert_bytes_equal (before, after);

  /* The project still works: a good import goes through. */
  g_clear_error (&error);
  g_assert_true (import_string (p, GOOD_LINE, -1, "good.jsonl", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (docs), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/jsonl/samples-round-trip", test_samples_round_trip);
  g_test_add_func ("/core/jsonl/commands-round-trip", test_commands_round_trip);
  g_test_add_func ("/core/jsonl/names", test_names);
  for (guint i = 0; i < G_N_ELEMENTS (bad_inputs); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/jsonl/bad/%s", bad_inputs[i].name);
      g_test_add_data_func (path, &bad_inputs[i], test_bad_input);
    }

  return g_test_run ();
}
