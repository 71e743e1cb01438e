/* test-annotation.c: an annotation's covered text (gloss_dup_covered_text),
 * and the uuids and fragment strings its rows are stored with
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "core-test-util.h"
#include "gloss-util-private.h"

/* Offsets: "Zürich" 0-6, tab, "officials said" 7-21, line break, "that" 22-26,
 * "Müller" 27-33, "resigned." 34-43. */
#define TEXT "Zürich\tofficials said\nthat Müller resigned."

/* Every case with and without an offset map: the same text either way. */
static char *
covered (const GlossFragment *fragments,
         guint                n_fragments,
         guint                max_chars,
         GlossCoveredTextFlags flags)
{
  g_autoptr(GlossOffsetMap) map = gloss_offset_map_new (TEXT, -1);
  g_autofree char *walked = gloss_dup_covered_text (TEXT, NULL, fragments, n_fragments,
                                                    max_chars, flags);
  char *mapped = gloss_dup_covered_text (TEXT, map, fragments, n_fragments, max_chars, flags);

  g_assert_cmpstr (walked, ==, mapped);
  return mapped;
}

static void
test_covered_text (void)
{
  GlossFragment one[] = { { 0, 6 } };
  GlossFragment two[] = { { 0, 6 }, { 27, 33 } };
  GlossFragment across[] = { { 7, 26 } };
  GlossFragment past[] = { { 40, 60 }, { 70, 80 } };
  g_autoptr(GlossAnnotation) annotation = NULL;
  g_autofree char *a = covered (one, 1, 0, GLOSS_COVERED_TEXT_FULL);
  g_autofree char *b = covered (two, 2, 0, GLOSS_COVERED_TEXT_FULL);
  g_autofree char *c = covered (across, 1, 0, GLOSS_COVERED_TEXT_FULL);
  g_autofree char *d = covered (across, 1, 0, GLOSS_COVERED_TEXT_ONE_LINE);
  g_autofree char *e = covered (across, 1, 9, GLOSS_COVERED_TEXT_FULL);
  g_autofree char *f = covered (across, 1, 9,
                                GLOSS_COVERED_TEXT_ONE_LINE | GLOSS_COVERED_TEXT_ELLIPSIS);
  g_autofree char *g = covered (two, 2, 6, GLOSS_COVERED_TEXT_ELLIPSIS);
  g_autofree char *h = covered (two, 2, 9, GLOSS_COVERED_TEXT_ELLIPSIS);
  g_autofree char *i = covered (two, 2, 13, GLOSS_COVERED_TEXT_ELLIPSIS);
  g_autofree char *j = covered (one, 1, 6, GLOSS_COVERED_TEXT_ELLIPSIS);
  g_autofree char *k = covered (past, 2, 0, GLOSS_COVERED_TEXT_ELLIPSIS);
  g_autofree char *l = covered (NULL, 0, 0, GLOSS_COVERED_TEXT_ELLIPSIS);
  g_autofree char *m = NULL;
  g_autofree char *n = covered (two, 2, 0, GLOSS_COVERED_TEXT_GAPS);
  g_autofree char *o = covered (two, 2, 8, GLOSS_COVERED_TEXT_GAPS | GLOSS_COVERED_TEXT_ELLIPSIS);
  g_autofree char *q = covered (two, 2, 11, GLOSS_COVERED_TEXT_GAPS | GLOSS_COVERED_TEXT_ELLIPSIS);

  /* Code points, not bytes; fragments joined by one space. */
  g_assert_cmpstr (a, ==, "Zürich");
  g_assert_cmpstr (b, ==, "Zürich Müller");
  g_assert_cmpstr (c, ==, "officials said\nthat");
  g_assert_cmpstr (d, ==, "officials said that");

  /* At most max_chars characters, the joining spaces counted; the
   * ellipsis only when something was left out. */
  g_assert_cmpstr (e, ==, "officials");
  g_assert_cmpstr (f, ==, "officials…");
  g_assert_cmpstr (g, ==, "Zürich…");
  g_assert_cmpstr (h, ==, "Zürich Mü…");
  g_assert_cmpstr (i, ==, "Zürich Müller");
  g_assert_cmpstr (j, ==, "Zürich");

  /* With the gaps shown: " … " between fragments, counted as three
   * characters; a limit inside it cuts before it. */
  g_assert_cmpstr (n, ==, "Zürich … Müller");
  g_assert_cmpstr (o, ==, "Zürich…");
  g_assert_cmpstr (q, ==, "Zürich … Mü…");

  /* Offsets past the text end there; none at all give "". */
  g_assert_cmpstr (k, ==, "ed. ");
  g_assert_cmpstr (l, ==, "");

  /* gloss_annotation_dup_text() is the whole covered text. */
  annotation = gloss_annotation_new ("PERSON", two, 2, NULL);
  m = gloss_annotation_dup_text (annotation, TEXT);
  g_assert_cmpstr (m, ==, b);
}

/* An annotation near the end of a long text: the map reaches it at once,
 * and walking gives the same text. */
static void
test_covered_text_long (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GlossOffsetMap) map = NULL;
  g_autofree char *walked = NULL;
  g_autofree char *mapped = NULL;
  GlossFragment fragments[2];
  guint n_chars;

  for (guint i = 0; i < 20000; i++)
    g_string_append (text, "Ein Bürger sagte: ");
  g_string_append (text, "Zürich.");
  n_chars = g_utf8_strlen (text->str, -1);
  map = gloss_offset_map_new (text->str, text->len);

  fragments[0] = (GlossFragment) { 4, 10 };
  fragments[1] = (GlossFragment) { n_chars - 7, n_chars - 1 };
  walked = gloss_dup_covered_text (text->str, NULL, fragments, 2, 200, GLOSS_COVERED_TEXT_FULL);
  mapped = gloss_dup_covered_text (text->str, map, fragments, 2, 200, GLOSS_COVERED_TEXT_FULL);
  g_assert_cmpstr (walked, ==, "Bürger Zürich");
  g_assert_cmpstr (mapped, ==, walked);
}

/* Written without printf, as printf wrote them. */
static void
test_stored_forms (void)
{
  const GlossFragment cases[][3] = {
    { { 0, 1 } },
    { { 0, 9 }, { 10, 99 }, { 100, 4294967295u } },
    { { 1234567, 1234568 }, { 4294967294u, 4294967295u } },
  };
  const guint n_cases[] = { 1, 3, 2 };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GString) expected = g_string_new (NULL);
      g_autofree char *written = _gloss_fragments_to_string (cases[c], n_cases[c]);
      g_autoptr(GArray) read = NULL;

      for (guint i = 0; i < n_cases[c]; i++)
        g_string_append_printf (expected, "%s%u-%u", i ? ";" : "", cases[c][i].start,
                                cases[c][i].end);
      g_assert_cmpstr (written, ==, expected->str);
      g_assert_true (_gloss_fragments_from_string (written, &read));
      g_assert_cmpuint (read->len, ==, n_cases[c]);
      g_assert_cmpmem (read->data, read->len * sizeof (GlossFragment), cases[c],
                       n_cases[c] * sizeof (GlossFragment));
    }

  for (guint i = 0; i < 1000; i++)
    {
      char *uuid = _gloss_uuid_string_random ();

      g_assert_true (g_uuid_string_is_valid (uuid));
      g_assert_cmpuint (strlen (uuid), ==, 36);
      g_assert_cmpint (uuid[14], ==, '4');
      g_assert_nonnull (strchr ("89ab", uuid[19]));
      for (const char *p = uuid; *p; p++)
        g_assert_true (*p == '-' || g_ascii_isdigit (*p) || (*p >= 'a' && *p <= 'f'));
      g_assert_true (g_hash_table_add (seen, uuid));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/annotation/covered-text", test_covered_text);
  g_test_add_func ("/core/annotation/covered-text-long", test_covered_text_long);
  g_test_add_func ("/core/annotation/stored-forms", test_stored_forms);

  return g_test_run ();
}
