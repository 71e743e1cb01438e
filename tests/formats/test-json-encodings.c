/* test-json-encodings.c: JSON inputs with a UTF-8 BOM or in UTF-16 with a BOM import; other
 * encodings are refused with the reason
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "json-formats-test-util.h"

typedef struct
{
  const char *format;
  const char *name;      /* file name: the extension helps detection */
  const char *content;   /* UTF-8, invented */
  guint       n_documents;
  guint       n_annotations;
  const char *first_text;
} Case;

static const Case cases[] = {
  { "doccano", "doccano.jsonl",
    "{\"text\":\"Alma met Bob in Varnia 😀.\",\"label\":[[0,4,\"PERSON\"],[9,12,\"PERSON\"]]}\n"
    "{\"text\":\"Ünïcode Karsovia.\",\"label\":[[8,16,\"GPE\"]]}\n",
    2, 3, "Alma met Bob in Varnia 😀." },
  { "doccano", "doccano-array.json",
    "[\n  {\"text\": \"Alma met Bob.\", \"label\": [[0, 4, \"PERSON\"]]}\n]\n",
    1, 1, "Alma met Bob." },
  { "label-studio", "tasks.json",
    "[{\"id\":1,\"data\":{\"text\":\"Alma met Bob ✓.\"},\"annotations\":[{\"id\":1,"
    "\"completed_by\":\"ann\",\"result\":[{\"id\":\"r1\",\"from_name\":\"label\","
    "\"to_name\":\"text\",\"type\":\"labels\",\"value\":{\"start\":0,\"end\":4,"
    "\"text\":\"Alma\",\"labels\":[\"PERSON\"]}}]}]}]\n",
    1, 1, "Alma met Bob ✓." },
  { "spacy", "prodigy.jsonl",
    "{\"text\":\"Alma met Bøb.\",\"tokens\":[{\"text\":\"Alma\",\"start\":0,\"end\":4,"
    "\"id\":0},{\"text\":\"met\",\"start\":5,\"end\":8,\"id\":1},{\"text\":\"Bøb\","
    "\"start\":9,\"end\":12,\"id\":2},{\"text\":\".\",\"start\":12,\"end\":13,\"id\":3}],"
    "\"spans\":[{\"start\":0,\"end\":4,\"token_start\":0,\"token_end\":0,\"label\":\"PERSON\"},"
    "{\"start\":9,\"end\":12,\"token_start\":2,\"token_end\":2,\"label\":\"PERSON\"}],"
    "\"answer\":\"accept\"}\n",
    1, 2, "Alma met Bøb." },
};

typedef enum
{
  ENC_UTF8,
  ENC_UTF8_BOM,
  ENC_UTF16LE_BOM,
  ENC_UTF16BE_BOM,
} Encoding;

static GBytes *
encode (const char *utf8,
        Encoding    encoding)
{
  g_autoptr(GError) error = NULL;
  GByteArray *out = g_byte_array_new ();
  const char *target = NULL;

  switch (encoding)
    {
    case ENC_UTF8:
      break;
    case ENC_UTF8_BOM:
      g_byte_array_append (out, (const guint8 *) "\xef\xbb\xbf", 3);
      break;
    case ENC_UTF16LE_BOM:
      g_byte_array_append (out, (const guint8 *) "\xff\xfe", 2);
      target = "UTF-16LE";
      break;
    case ENC_UTF16BE_BOM:
    default:
      g_byte_array_append (out, (const guint8 *) "\xfe\xff", 2);
      target = "UTF-16BE";
      break;
    }
  if (target == NULL)
    g_byte_array_append (out, (const guint8 *) utf8, strlen (utf8));
  else
    {
      gsize written = 0;
      g_autofree char *converted = g_convert (utf8, -1, target, "UTF-8", NULL, &written, &error);

      g_assert_no_error (error);
      g_byte_array_append (out, (const guint8 *) converted, written);
    }
  return g_byte_array_free_to_bytes (out);
}

static char *
write_file (const char *name,
            GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;
  char *path = ft_path (name);
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  g_assert_true (g_file_set_contents (path, data, len, &error));
  g_assert_no_error (error);
  return path;
}

static void
check_import (const char *format,
              const char *path,
              const Case *c,
              const char *encoding)
{
  g_autoptr(GlossProject) project = ft_new_project ();
  g_autoptr(GlossImportReport) report = gloss_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossDocument) first = NULL;
  g_autofree char *note = g_strdup_printf ("read as %s, converted to UTF-8", encoding);
  gboolean converted = FALSE;

  g_assert_true (ft_import (project, format, path, FALSE, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_documents, ==, c->n_documents);
  g_assert_cmpuint (report->n_annotations, ==, c->n_annotations);
  first = g_list_model_get_item (gloss_project_get_documents (project), 0);
  g_assert_nonnull (first);
  g_assert_cmpstr (gloss_document_get_text (first), ==, c->first_text);
  for (guint i = 0; i < report->problems->len; i++)
    {
      GlossProblem *p = g_ptr_array_index (report->problems, i);
      if (g_str_equal (p->message, note))
        converted = TRUE;
    }
  g_assert_true (converted == g_str_has_prefix (encoding, "UTF-16"));
}

static void
test_encodings (void)
{
  static const char * const names[] = { "UTF-8", "UTF-8 with BOM", "UTF-16LE", "UTF-16BE" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (Encoding e = ENC_UTF8; e <= ENC_UTF16BE_BOM; e++)
      {
        g_autoptr(GBytes) bytes = encode (cases[i].content, e);
        g_autofree char *name = g_strdup_printf ("%u-%u-%s", i, e, cases[i].name);
        g_autofree char *path = write_file (name, bytes);

        g_test_message ("%s in %s", cases[i].name, names[e]);
        /* Named, and detected. */
        check_import (cases[i].format, path, &cases[i], names[e]);
        check_import (NULL, path, &cases[i], names[e]);
      }
}

/* Gloss JSONL: an export of the first case, in each encoding. */
static void
test_gloss_jsonl (void)
{
  static const char * const names[] = { "UTF-8", "UTF-8 with BOM", "UTF-16LE", "UTF-16BE" };
  g_autoptr(GlossProject) source = ft_new_project ();
  g_autoptr(GBytes) doccano = encode (cases[0].content, ENC_UTF8);
  g_autofree char *doccano_path = write_file ("source.jsonl", doccano);
  g_autofree char *export_path = ft_path ("export.jsonl");
  g_autofree char *exported = NULL;
  g_autoptr(GError) error = NULL;
  Case c = cases[0];

  g_assert_true (ft_import (source, "doccano", doccano_path, FALSE, NULL, &error));
  g_assert_no_error (error);
  ft_export (source, "jsonl", export_path);
  g_assert_true (g_file_get_contents (export_path, &exported, NULL, &error));
  g_assert_no_error (error);
  c.format = "jsonl";

  for (Encoding e = ENC_UTF8; e <= ENC_UTF16BE_BOM; e++)
    {
      g_autoptr(GBytes) bytes = encode (exported, e);
      g_autofree char *name = g_strdup_printf ("gloss-%u.jsonl", e);
      g_autofree char *path = write_file (name, bytes);

      g_test_message ("Gloss JSONL in %s", names[e]);
      check_import ("jsonl", path, &c, names[e]);
      check_import (NULL, path, &c, names[e]);
    }
}

/* Refused, with the reason, and nothing imported. */
static void
check_refused (const char *format,
               const char *name,
               GBytes     *bytes,
               const char *reason)
{
  g_autoptr(GlossProject) project = ft_new_project ();
  g_autoptr(GlossImportReport) report = gloss_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file (name, bytes);

  g_test_message ("%s as %s", name, format);
  g_assert_false (ft_import (project, format, path, FALSE, report, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, name));
  g_assert_nonnull (strstr (error->message, reason));
  g_assert_cmpuint (g_list_model_get_n_items (gloss_project_get_documents (project)), ==, 0);
}

static void
test_refused (void)
{
  static const char * const formats[] = { "doccano", "label-studio", "spacy", "jsonl" };
  const char *text = cases[0].content;
  g_autofree char *le = g_convert (text, -1, "UTF-16LE", "UTF-8", NULL, NULL, NULL);
  g_autofree char *utf32 = g_convert (text, -1, "UTF-32LE", "UTF-8", NULL, NULL, NULL);
  g_autofree char *latin1 = g_strdup ("{\"text\":\"caf\xe9\",\"label\":[]}\n");
  g_autoptr(GBytes) no_bom = g_bytes_new (le, 2 * g_utf8_strlen (text, -1) + 2);
  g_autoptr(GByteArray) with_bom = g_byte_array_new ();
  g_autoptr(GBytes) utf32_bytes = NULL;
  g_autoptr(GBytes) latin1_bytes = g_bytes_new (latin1, strlen (latin1));
  g_autoptr(GBytes) bad_utf16 = g_bytes_new ("\xff\xfe{\x00\x00\xd8", 6);  /* a lone surrogate */

  g_byte_array_append (with_bom, (const guint8 *) "\xff\xfe\x00\x00", 4);
  g_byte_array_append (with_bom, (const guint8 *) utf32, 4 * g_utf8_strlen (text, -1));
  utf32_bytes = g_bytes_new (with_bom->data, with_bom->len);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      check_refused (formats[i], "utf16-no-bom.jsonl", no_bom, "without a byte order mark");
      check_refused (formats[i], "utf32.jsonl", utf32_bytes, "UTF-32");
      check_refused (formats[i], "bad-utf16.jsonl", bad_utf16, "invalid UTF-16LE");
      if (!g_str_equal (formats[i], "jsonl"))
        check_refused (formats[i], "latin1.jsonl", latin1_bytes, "invalid UTF-8 at byte");
    }
}

/* With --skip-bad a refused file is skipped, the others imported. */
static void
test_skip_bad (void)
{
  g_autoptr(GlossProject) project = ft_new_project ();
  g_autoptr(GlossImportReport) report = gloss_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) good = encode (cases[0].content, ENC_UTF16LE_BOM);
  g_autoptr(GBytes) bad = g_bytes_new ("\x00\x00\xfe\xff\x00\x00\x00{", 8);
  g_autofree char *good_path = write_file ("good.jsonl", good);
  g_autofree char *bad_path = write_file ("bad.jsonl", bad);
  const char *paths[] = { bad_path, good_path, NULL };
  GlossImportOptions options = GLOSS_IMPORT_OPTIONS_INIT;

  options.format = "doccano";
  options.skip_bad = TRUE;
  g_assert_true (gloss_format_import (project, paths, &options, report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_documents, ==, 2);
  g_assert_cmpuint (gloss_import_report_count (report, GLOSS_PROBLEM_ERROR), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/formats/json-encodings/boms", test_encodings);
  g_test_add_func ("/formats/json-encodings/gloss-jsonl", test_gloss_jsonl);
  g_test_add_func ("/formats/json-encodings/refused", test_refused);
  g_test_add_func ("/formats/json-encodings/skip-bad", test_skip_bad);
  return g_test_run ();
}
