/* test-webanno.c: WebAnno TSV 3 import and export
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "token-formats-test-util.h"

static guint
n_relations (GlossProject  *project,
             GlossDocument *doc)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rels = gloss_store_load_relations (gloss_project_get_store (project),
                                                          gloss_document_get_id (doc), FALSE,
                                                          &error);
  g_assert_no_error (error);
  return rels->len;
}

static void
test_corpus (void)
{
  g_autofree char *dir = ft_corpus_dir ("webanno-tsv3");
  static const char * const exts[] = { "tsv", NULL };
  g_autoptr(GPtrArray) files = NULL;
  guint n_files = 0, n_anns = 0, n_rels = 0;

  if (dir == NULL)
    {
      g_test_skip ("no corpora");
      return;
    }
  files = ft_list_files (dir, exts);
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autoptr(GlossProject) project = ft_new_project ();
      g_autoptr(GlossImportReport) report = gloss_import_report_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *rel = g_strdup (path + strlen (dir) + 1);

      if (!ft_import (project, NULL, path, FALSE, report, &error))
        g_error ("%s: %s", path, error->message);
      g_assert_cmpuint (ft_n_documents (project), ==, 1);
      g_test_message ("%s: %u annotations, %u relations, %u warnings", rel,
                      report->n_annotations, report->n_relations,
                      gloss_import_report_count (report, GLOSS_PROBLEM_WARNING));
      n_files++;
      n_anns += report->n_annotations;
      n_rels += report->n_relations;
    }
  g_test_message ("webanno-tsv3: %u files imported, %u annotations, %u relations", n_files,
                  n_anns, n_rels);
  g_assert_cmpuint (n_files, ==, 81);
}

/* ---- the reference CAS of each suite case */

typedef struct
{
  char      *text;
  GPtrArray *spans;   /* "start-end" in code points */
} Cas;

static void
cas_free (Cas *cas)
{
  g_free (cas->text);
  g_ptr_array_unref (cas->spans);
  g_free (cas);
}

static gboolean
is_structural (const xmlNode *node)
{
  const char *name = (const char *) node->name;

  return g_str_equal (name, "Token") || g_str_equal (name, "Sentence") ||
         g_str_equal (name, "DocumentMetaData") ||
         (node->ns != NULL && g_str_equal ((const char *) node->ns->prefix, "cas"));
}

static Cas *
read_cas (const char *path)
{
  xmlDoc *doc = xmlReadFile (path, NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS);
  xmlNode *root;
  Cas *cas;

  g_assert_nonnull (doc);
  root = xmlDocGetRootElement (doc);
  cas = g_new0 (Cas, 1);
  cas->spans = g_ptr_array_new_with_free_func (g_free);
  for (xmlNode *n = root->children; n != NULL; n = n->next)
    if (n->type == XML_ELEMENT_NODE && g_str_equal ((const char *) n->name, "Sofa"))
      {
        xmlChar *s = xmlGetProp (n, (const xmlChar *) "sofaString");
        cas->text = g_strdup ((const char *) s);
        xmlFree (s);
      }
  g_assert_nonnull (cas->text);
  for (xmlNode *n = root->children; n != NULL; n = n->next)
    {
      xmlChar *b, *e, *gov;
      guint64 begin, end;
      guint cb = 0, ce = 0;

      if (n->type != XML_ELEMENT_NODE || is_structural (n))
        continue;
      b = xmlGetProp (n, (const xmlChar *) "begin");
      e = xmlGetProp (n, (const xmlChar *) "end");
      gov = xmlGetProp (n, (const xmlChar *) "Governor");
      if (b != NULL && e != NULL && gov == NULL &&
          g_ascii_string_to_unsigned ((const char *) b, 10, 0, G_MAXUINT, &begin, NULL) &&
          g_ascii_string_to_unsigned ((const char *) e, 10, 0, G_MAXUINT, &end, NULL) &&
          begin < end)
        {
          g_assert_true (gloss_offsets_utf16_to_char (cas->text, -1, begin, &cb));
          g_assert_true (gloss_offsets_utf16_to_char (cas->text, -1, end, &ce));
          g_ptr_array_add (cas->spans, g_strdup_printf ("%u-%u", cb, ce));
        }
      xmlFree (b);
      xmlFree (e);
      xmlFree (gov);
    }
  g_ptr_array_sort (cas->spans, ft_compare_strings);
  xmlFreeDoc (doc);
  return cas;
}

static char *
join (GPtrArray *strings)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < strings->len; i++)
    g_string_append_printf (s, "%s%s", i ? " " : "", (const char *) g_ptr_array_index (strings,
                                                                                       i));
  return g_string_free (s, FALSE);
}

static char *
our_spans (GlossProject  *project,
           GlossDocument *doc)
{
  g_autoptr(GPtrArray) anns = tf_annotations (project, doc);
  g_autoptr(GPtrArray) spans = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < anns->len; i++)
    {
      GlossAnnotation *a = g_ptr_array_index (anns, i);
      if (g_str_equal (gloss_annotation_get_label (a), "Token"))
        continue;  /* relation ends on tokens: not annotations in the CAS */
      g_ptr_array_add (spans, g_strdup_printf ("%u-%u", gloss_annotation_get_start (a),
                                               gloss_annotation_get_end (a)));
    }
  g_ptr_array_sort (spans, ft_compare_strings);
  return join (spans);
}

/* Text and span offsets against reference.xmi (UTF-16 -> code points). */
static void
test_reference_xmi (void)
{
  g_autofree char *dir = ft_corpus_dir ("webanno-tsv3/inception-io-webanno-tsv/tsv3-suite");
  /* Cases whose CAS holds what TSV cannot carry (FORMATS.md §7): text
   * after the last token, spans starting or ending in whitespace (TSV
   * trims them to tokens), slot links, elevated types. */
  static const char * const text_differs[] = {
    "testAnnotationWithTrailingWhitespaceAtEnd",
    "testZeroWidthAnnotationBeyondLastTokenIsMovedToEndOfLastToken", NULL
  };
  static const char * const spans_differ[] = {
    "testAnnotationWithLeadingWhitespace", "testAnnotationWithLeadingWhitespaceAtStart",
    "testAnnotationWithTrailingWhitespace", "testAnnotationWithTrailingWhitespaceAtEnd",
    NULL
  };
  static const char * const must_match[] = {
    "testSentenceWithEmoji", "testMultiTokenStackedSpanWithFeatureValue",
    "testSubMultiTokenSpanWithFeatureValue", "testCrossSentenceSpanWithFeatureValue",
    "testTwoSentencesWithNoSpaceInBetween", "testSentenceWithLineBreak", "testSentenceWithTab",
    "testTokenBoundedSpanWithNastyFeatureValue", "testMultiTokenChain", "testStackedChain",
    "testSingleStackedNonTokenRelationWithoutFeatureValue", "testSubtokenChain", NULL
  };
  g_autoptr(GDir) gdir = NULL;
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_free);
  guint n_text = 0, n_spans = 0, n_cases = 0;
  const char *name;

  if (dir == NULL)
    {
      g_test_skip ("no corpora");
      return;
    }
  gdir = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (gdir)) != NULL)
    g_ptr_array_add (cases, g_strdup (name));
  g_ptr_array_sort (cases, ft_compare_strings);

  for (guint i = 0; i < cases->len; i++)
    {
      const char *c = g_ptr_array_index (cases, i);
      g_autofree char *tsv = g_build_filename (dir, c, "reference.tsv", NULL);
      g_autofree char *xmi = g_build_filename (dir, c, "reference.xmi", NULL);
      g_autoptr(GlossProject) project = NULL;
      g_autoptr(GError) error = NULL;
      Cas *cas = NULL;
      g_autofree char *ours = NULL;
      g_autofree char *theirs = NULL;
      GlossDocument *doc;
      gboolean text_ok, spans_ok;

      if (!g_file_test (xmi, G_FILE_TEST_EXISTS))
        continue;
      n_cases++;
      project = ft_new_project ();
      g_assert_true (ft_import (project, "webanno", tsv, FALSE, NULL, &error));
      g_assert_no_error (error);
      doc = ft_document (project, 0);
      cas = read_cas (xmi);
      text_ok = g_str_equal (gloss_document_get_text (doc), cas->text);
      ours = our_spans (project, doc);
      theirs = join (cas->spans);
      spans_ok = g_str_equal (ours, theirs);
      n_text += text_ok;
      n_spans += spans_ok;
      if (!text_ok)
        g_test_message ("%s: text “%s” vs CAS “%s”", c, gloss_document_get_text (doc),
                        cas->text);
      if (!spans_ok)
        g_test_message ("%s: spans [%s] vs CAS [%s]", c, ours, theirs);
      if (!text_ok && !g_strv_contains (text_differs, c))
        g_error ("%s: text differs from the CAS", c);
      if (!spans_ok && !g_strv_contains (spans_differ, c))
        g_error ("%s: spans differ from the CAS", c);
      if (g_strv_contains (must_match, c))
        g_assert_true (text_ok && spans_ok);
      cas_free (cas);
    }
  g_test_message ("tsv3-suite: %u cases with reference.xmi: text equal in %u, spans equal in %u",
                  n_cases, n_text, n_spans);
  g_assert_cmpuint (n_cases, >=, 60);
}

static void
test_emoji (void)
{
  g_autofree char *dir = ft_corpus_dir ("webanno-tsv3/inception-io-webanno-tsv/tsv3-suite");
  g_autofree char *path = NULL;
  g_autoptr(GlossProject) project = ft_new_project ();
  g_autoptr(GError) error = NULL;
  g_autofree char *sig = NULL;

  if (dir == NULL)
    {
      g_test_skip ("no corpora");
      return;
    }
  path = g_build_filename (dir, "testSentenceWithEmoji", "reference.tsv", NULL);
  g_assert_true (ft_import (project, NULL, path, FALSE, NULL, &error));
  g_assert_cmpstr (gloss_document_get_text (ft_document (project, 0)), ==, "I like it 😊 .");
  sig = tf_annotation_signature (project, ft_document (project, 0));
  /* UTF-16 10-12 is code points 10-11. */
  g_assert_cmpstr (sig, ==, "Span 10-11 «😊»\n");
}

static void
test_features (void)
{
  g_autofree char *dir = ft_corpus_dir ("webanno-tsv3/inception-io-webanno-tsv");
  struct { const char *file; const char *signature; guint n_relations; } cases[] = {
    { "tsv3-suite/testMultiTokenStackedSpanWithFeatureValue/reference.tsv",
      "LOCATION 0-16 «This is a test .»\nPERSON 0-16 «This is a test .»\n", 0 },
    { "tsv3-suite/testTokenBoundedSpanWithNastyFeatureValue/reference.tsv", NULL, 0 },
    { "tsv3-suite/testSingleStackedNonTokenRelationWithoutFeatureValue/reference.tsv",
      "Span 0-4 «This»\nSpan 0-4 «This»\nSpan 15-16 «.»\nSpan 15-16 «.»\n", 1 },
    { "tsv3-suite/testStackedChain/reference.tsv", NULL, 4 },
    { "tsv3-suite/testSingleTokenRelationWithMultipleFeatureValues/reference.tsv",
      "Token 0-4 «This»\nToken 15-16 «.»\n", 1 },
    { "tsv3-suite/testMultiTokenSlotFeature/reference.tsv", NULL, 2 },
    { "tsv3/example2.tsv", NULL, 0 },
  };

  if (dir == NULL)
    {
      g_test_skip ("no corpora");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (dir, cases[i].file, NULL);
      g_autoptr(GlossProject) project = ft_new_project ();
      g_autoptr(GError) error = NULL;
      g_autofree char *sig = NULL;
      GlossDocument *doc;

      g_assert_true (ft_import (project, "webanno", path, FALSE, NULL, &error));
      g_assert_no_error (error);
      doc = ft_document (project, 0);
      sig = tf_annotation_signature (project, doc);
      if (cases[i].signature != NULL)
        g_assert_cmpstr (sig, ==, cases[i].signature);
      if (cases[i].n_relations > 0)
        g_assert_cmpuint (n_relations (project, doc), ==, cases[i].n_relations);
      g_test_message ("%s:\n%s", cases[i].file, sig);
    }

  /* The nasty value survives as an attribute of a sanitised label. */
  {
    g_autofree char *path = g_build_filename (dir, "tsv3/example2.tsv", NULL);
    g_autoptr(GlossProject) project = ft_new_project ();
    g_autoptr(GError) error = NULL;
    g_autofree char *sig = NULL;

    g_assert_true (ft_import (project, "webanno", path, FALSE, NULL, &error));
    sig = tf_annotation_signature (project, ft_document (project, 0));
    g_assert_nonnull (strstr (sig, "PER 0-8 «Ms. Haag»\n"));
    g_assert_nonnull (strstr (sig, "ORG 25-42 «Rolls-Royce Motor»\n"));
    /* Dependencies between POS annotations. */
    g_assert_cmpuint (n_relations (project, ft_document (project, 0)), >, 50);
  }
}

/* Import, export Gloss JSONL, import that: the same text, spans, relations. */
static void
test_round_trip_jsonl (void)
{
  g_autofree char *dir = ft_corpus_dir ("webanno-tsv3");
  static const char * const exts[] = { "tsv", NULL };
  g_autoptr(GPtrArray) files = NULL;
  guint n = 0;

  if (dir == NULL)
    {
      g_test_skip ("no corpora");
      return;
    }
  files = ft_list_files (dir, exts);
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autoptr(GlossProject) first = ft_new_project ();
      g_autoptr(GlossProject) second = ft_new_project ();
      g_autoptr(GError) error = NULL;
      g_autofree char *out = ft_path ("round.jsonl");
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;

      g_assert_true (ft_import (first, "webanno", path, FALSE, NULL, &error));
      g_assert_true (gloss_format_export (first, "jsonl", out, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      /* Gloss JSONL carries documents and annotations; the schema travels
       * on its own (gloss-cli schema export/import). */
      g_assert_true (gloss_project_set_schema (second, gloss_project_get_schema (first), &error));
      g_assert_no_error (error);
      if (!ft_import (second, "jsonl", out, FALSE, NULL, &error))
        g_error ("%s: %s", path, error->message);
      g_assert_cmpstr (gloss_document_get_text (ft_document (first, 0)), ==,
                       gloss_document_get_text (ft_document (second, 0)));
      a = tf_annotation_signature (first, ft_document (first, 0));
      b = tf_annotation_signature (second, ft_document (second, 0));
      g_assert_cmpstr (a, ==, b);
      g_assert_cmpuint (n_relations (first, ft_document (first, 0)), ==,
                        n_relations (second, ft_document (second, 0)));
      n++;
    }
  g_test_message ("%u TSV files round-tripped through Gloss JSONL", n);
}


static int
compare_ptr_strings (gconstpointer a,
                     gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
variant_text (GVariant *v)
{
  if (g_variant_is_of_type (v, G_VARIANT_TYPE_STRING))
    return g_variant_dup_string (v, NULL);
  if (g_variant_is_of_type (v, G_VARIANT_TYPE_BOOLEAN))
    return g_strdup (g_variant_get_boolean (v) ? "true" : "false");
  return g_variant_print (v, FALSE);
}

static void
append_attributes (GString    *s,
                   GHashTable *attrs)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer k;

  if (attrs == NULL)
    return;
  g_hash_table_iter_init (&iter, attrs);
  while (g_hash_table_iter_next (&iter, &k, NULL))
    g_ptr_array_add (keys, k);
  g_ptr_array_sort (keys, compare_ptr_strings);
  for (guint i = 0; i < keys->len; i++)
    {
      g_autofree char *v = variant_text (g_hash_table_lookup (attrs, g_ptr_array_index (keys, i)));
      g_string_append_printf (s, " %s=%s", (const char *) g_ptr_array_index (keys, i), v);
    }
}

static char *
span_key (GlossAnnotation *a)
{
  GString *s = g_string_new (gloss_annotation_get_label (a));
  const GlossFragment *f;
  guint n;

  f = gloss_annotation_get_fragments (a, &n);
  for (guint k = 0; k < n; k++)
    g_string_append_printf (s, "%c%u-%u", k == 0 ? ' ' : ',', f[k].start, f[k].end);
  return g_string_free (s, FALSE);
}

/* Annotations with attributes and notes, then relations by their ends;
 * @single_only keeps one-fragment annotations and the relations between
 * them. */
static char *
full_signature (GlossProject  *project,
                GlossDocument *doc,
                gboolean       single_only)
{
  g_autoptr(GPtrArray) anns = tf_annotations (project, doc);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rels = gloss_store_load_relations (gloss_project_get_store (project),
                                                          gloss_document_get_id (doc), FALSE,
                                                          &error);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < anns->len; i++)
    {
      GlossAnnotation *a = g_ptr_array_index (anns, i);
      GString *l;

      if (single_only && gloss_annotation_get_n_fragments (a) != 1)
        continue;
      l = g_string_new (NULL);
      g_hash_table_insert (keys, (gpointer) gloss_annotation_get_uuid (a), span_key (a));
      g_string_append (l, g_hash_table_lookup (keys, gloss_annotation_get_uuid (a)));
      append_attributes (l, gloss_annotation_get_attributes (a));
      if (gloss_annotation_get_note (a) != NULL && *gloss_annotation_get_note (a) != '\0')
        g_string_append_printf (l, " note=%s", gloss_annotation_get_note (a));
      g_ptr_array_add (lines, g_string_free (l, FALSE));
    }
  for (guint i = 0; i < rels->len; i++)
    {
      GlossRelation *r = g_ptr_array_index (rels, i);
      const char *src = g_hash_table_lookup (keys, gloss_relation_get_source (r));
      const char *tgt = g_hash_table_lookup (keys, gloss_relation_get_target (r));
      GString *l;

      if (src == NULL || tgt == NULL)
        continue;
      l = g_string_new (NULL);
      g_string_append_printf (l, "rel %s [%s] -> [%s]", gloss_relation_get_relation_type (r),
                              src, tgt);
      append_attributes (l, gloss_relation_get_attributes (r));
      g_ptr_array_add (lines, g_string_free (l, FALSE));
    }
  g_ptr_array_sort (lines, compare_ptr_strings);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (out, "%s\n", (const char *) g_ptr_array_index (lines, i));
  return g_string_free (out, FALSE);
}

static GlossProject *
export_and_reimport (GlossProject *project,
                     GlossProject *target)
{
  g_autofree char *dir = ft_path ("tsv-out");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) gdir = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      gdir = g_dir_open (dir, 0, NULL);
      while ((name = g_dir_read_name (gdir)) != NULL)
        {
          g_autofree char *f = g_build_filename (dir, name, NULL);
          g_unlink (f);
        }
      g_clear_pointer (&gdir, g_dir_close);
    }
  g_assert_true (gloss_format_export (project, "webanno", dir, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  gdir = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (gdir)) != NULL)
    g_ptr_array_add (paths, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (paths, compare_ptr_strings);
  g_ptr_array_add (paths, NULL);
  {
    GlossImportOptions options = GLOSS_IMPORT_OPTIONS_INIT;
    options.format = "webanno";
    if (!gloss_format_import (target, (const char * const *) paths->pdata, &options, NULL, NULL,
                              &error))
      g_error ("re-import: %s", error->message);
  }
  return target;
}

/* Import each corpus file, export TSV, import that: same text, spans,
 * attributes, relations. */
static void
test_round_trip_tsv (void)
{
  g_autofree char *dir = ft_corpus_dir ("webanno-tsv3");
  static const char * const exts[] = { "tsv", NULL };
  g_autoptr(GPtrArray) files = NULL;
  guint n = 0;

  if (dir == NULL)
    {
      g_test_skip ("no corpora");
      return;
    }
  files = ft_list_files (dir, exts);
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autoptr(GlossProject) first = ft_new_project ();
      g_autoptr(GlossProject) second = ft_new_project ();
      g_autoptr(GError) error = NULL;
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;

      g_assert_true (ft_import (first, "webanno", path, FALSE, NULL, &error));
      export_and_reimport (first, second);
      g_assert_cmpuint (ft_n_documents (second), ==, 1);
      g_assert_cmpstr (gloss_document_get_text (ft_document (first, 0)), ==,
                       gloss_document_get_text (ft_document (second, 0)));
      a = full_signature (first, ft_document (first, 0), FALSE);
      b = full_signature (second, ft_document (second, 0), FALSE);
      if (g_strcmp0 (a, b) != 0)
        g_error ("%s: TSV round trip differs:\n%s---\n%s", path, a, b);
      n++;
    }
  g_test_message ("%u TSV files round-tripped through our TSV export", n);
}

/* The sample articles: the text (but the final line break) and every
 * one-fragment annotation and relation between them come back; the
 * discontinuous claims come back as one annotation per fragment. */
static void
test_round_trip_samples (void)
{
  g_autoptr(GlossProject) first = ft_new_project ();
  g_autoptr(GlossProject) second = ft_new_project ();
  g_autofree char *samples = g_build_filename (g_getenv ("GLOSS_SOURCE_DIR"), "data", "samples",
                                               "samples.jsonl", NULL);
  const char *paths[] = { samples, NULL };
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_format_import (first, paths, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  export_and_reimport (first, second);
  g_assert_cmpuint (ft_n_documents (second), ==, 3);
  for (guint d = 0; d < 3; d++)
    {
      GlossDocument *x = ft_document (first, d);
      GlossDocument *y = ft_document (second, d);
      g_autofree char *tx = g_strchomp (g_strdup (gloss_document_get_text (x)));
      g_autofree char *sx = full_signature (first, x, TRUE);
      g_autofree char *sy = full_signature (second, y, FALSE);
      g_auto(GStrv) lines = g_strsplit (sx, "\n", -1);

      g_assert_cmpstr (gloss_document_get_name (x), ==, gloss_document_get_name (y));
      g_assert_cmpstr (tx, ==, gloss_document_get_text (y));
      for (guint l = 0; lines[l] != NULL && *lines[l] != '\0'; l++)
        {
          g_autofree char *needle = g_strconcat (lines[l], "\n", NULL);
          if (strstr (sy, needle) == NULL)
            g_error ("%s: lost “%s”", gloss_document_get_name (x), lines[l]);
        }
    }
}

static void
test_bad_input (void)
{
  struct { const char *contents; const char *where; } cases[] = {
    { "not a tsv\n", "bad.tsv:1:" },
    { "#FORMAT=WebAnno TSV 3.3\n#T_SP=x.Span|value\n\n\n#Text=a b\n1-1\t0-1\ta\t_\t\n"
      "1-2\t2-3\tb\n", "bad.tsv:7:" },
    { "#FORMAT=WebAnno TSV 3.3\n\n\n#Text=a b\n1-1\t0-1\ta\t\n1-2\t2-9\tb\t\n", "bad.tsv:6:" },
    { "#FORMAT=WebAnno TSV 3.3\n\n\n#Text=a b\n1-1\t0-1\ta\t\n1-2\t2-3\tc\t\n", "bad.tsv:6:" },
    { "#FORMAT=WebAnno TSV 3.3\n\n\n#Text=a b\n1-1\tx-1\ta\t\n", "bad.tsv:5:" },
    { "#FORMAT=WebAnno TSV 3.3\n\n\n1-1\t0-1\ta\t\n", "bad.tsv:4:" },
    { "#FORMAT=WebAnno TSV 3.3\n#T_RL=x.Rel|value|BT_x.Span\n\n\n#Text=a b\n"
      "1-1\t0-1\ta\t_\t_\t\n1-2\t2-3\tb\tdep\t1-1\t\n", "bad.tsv:7:" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GlossProject) project = ft_new_project ();
      g_autofree char *path = ft_path ("bad.tsv");
      g_autoptr(GError) error = NULL;
      guint n_labels = gloss_schema_get_n_labels (gloss_project_get_schema (project));

      tf_write (path, cases[i].contents);
      if (ft_import (project, "webanno", path, FALSE, NULL, &error))
        g_error ("case %u imported", i);
      g_assert_nonnull (error);
      if (strstr (error->message, cases[i].where) == NULL)
        g_error ("case %u: “%s” does not name “%s”", i, error->message, cases[i].where);
      g_assert_cmpuint (ft_n_documents (project), ==, 0);
      g_assert_cmpuint (gloss_schema_get_n_labels (gloss_project_get_schema (project)), ==,
                        n_labels);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/formats/webanno/corpus", test_corpus);
  g_test_add_func ("/core/formats/webanno/reference-xmi", test_reference_xmi);
  g_test_add_func ("/core/formats/webanno/emoji", test_emoji);
  g_test_add_func ("/core/formats/webanno/features", test_features);
  g_test_add_func ("/core/formats/webanno/round-trip-jsonl", test_round_trip_jsonl);
  g_test_add_func ("/core/formats/webanno/round-trip-tsv", test_round_trip_tsv);
  g_test_add_func ("/core/formats/webanno/round-trip-samples", test_round_trip_samples);
  g_test_add_func ("/core/formats/webanno/bad-input", test_bad_input);

  return g_test_run ();
}
