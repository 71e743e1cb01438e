/* test-tokenizer.c: the word tokenizer and sentence splitter
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "gloss-tokenizer.h"

/* The tokens of @text as "tok|tok|tok". */
static char *
tokens_string (const char *text,
               GArray     *tokens)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < tokens->len; i++)
    {
      GlossToken *t = &g_array_index (tokens, GlossToken, i);
      const char *a = g_utf8_offset_to_pointer (text, t->start);
      const char *b = g_utf8_offset_to_pointer (text, t->end);
      if (i > 0)
        g_string_append_c (s, '|');
      g_string_append_len (s, a, b - a);
    }
  return g_string_free (s, FALSE);
}

static void
check_tokens (const char *text,
              const char *expected)
{
  g_autoptr(GArray) tokens = gloss_tokenize (text, -1);
  g_autofree char *got = tokens_string (text, tokens);

  if (g_strcmp0 (got, expected) != 0)
    g_error ("tokenizing “%s”: got “%s”, expected “%s”", text, got, expected);
}

static guint
kind_of (const char *text,
         const char *token)
{
  g_autoptr(GArray) tokens = gloss_tokenize (text, -1);
  glong start = g_utf8_pointer_to_offset (text, strstr (text, token));

  for (guint i = 0; i < tokens->len; i++)
    {
      GlossToken *t = &g_array_index (tokens, GlossToken, i);
      if (t->start == start && t->end == start + g_utf8_strlen (token, -1))
        return t->flags & GLOSS_TOKEN_KIND_MASK;
    }
  g_error ("no token “%s” in “%s”", token, text);
  return 0;
}

static void
test_words (void)
{
  check_tokens ("", "");
  check_tokens ("   \n\t ", "");
  check_tokens ("The minister resigned.", "The|minister|resigned|.");
  check_tokens ("well-known Karsovia-based firm", "well-known|Karsovia-based|firm");
  check_tokens ("Hello,world!", "Hello|,|world|!");
  check_tokens ("(Brenvik)", "(|Brenvik|)");
  check_tokens ("“Quoted,” she said.", "“|Quoted|,|”|she|said|.");
  check_tokens ("a - b", "a|-|b");
  check_tokens ("trailing-", "trailing|-");
  check_tokens ("3rd 1990s COVID-19 F16", "3rd|1990s|COVID-19|F16");
  check_tokens ("snake_case", "snake_case");
}

static void
test_contractions (void)
{
  /* Penn Treebank clitics, with straight and curly apostrophes. */
  check_tokens ("don't", "do|n't");
  check_tokens ("Don’t", "Do|n’t");
  check_tokens ("can't won't isn't", "ca|n't|wo|n't|is|n't");
  check_tokens ("Karsovia's", "Karsovia|'s");
  check_tokens ("Karsovia’s minister", "Karsovia|’s|minister");
  check_tokens ("they're we've I'll she'd I'm", "they|'re|we|'ve|I|'ll|she|'d|I|'m");
  check_tokens ("THEY'RE", "THEY|'RE");
  check_tokens ("O'Brien l'homme rock'n'roll", "O'Brien|l'homme|rock'n'roll");
  check_tokens ("O'Brien's", "O'Brien|'s");
  check_tokens ("the ministers' offices", "the|ministers|'|offices");
  check_tokens ("'tis", "'|tis");

  {
    g_autoptr(GArray) tokens = gloss_tokenize ("don't", -1);
    g_assert_cmpuint (tokens->len, ==, 2);
    g_assert_false (g_array_index (tokens, GlossToken, 0).flags & GLOSS_TOKEN_CLITIC);
    g_assert_true (g_array_index (tokens, GlossToken, 1).flags & GLOSS_TOKEN_CLITIC);
  }
}

static void
test_numbers (void)
{
  check_tokens ("1,000.50 and 3.2 or 40%", "1,000.50|and|3.2|or|40%");
  check_tokens ("€450,000", "€|450,000");
  check_tokens ("$4.5 million", "$|4.5|million");
  check_tokens ("12.5.2024", "12.5.2024");
  check_tokens ("It rose 3.2.", "It|rose|3.2|.");
  check_tokens ("In 2024, prices", "In|2024|,|prices");
  check_tokens ("-5 degrees", "-|5|degrees");
  check_tokens ("10-year-old", "10-year-old");
  check_tokens ("1990–2000", "1990|–|2000");
  g_assert_cmpuint (kind_of ("it cost €450,000 then", "450,000"), ==, GLOSS_TOKEN_NUMBER);
  g_assert_cmpuint (kind_of ("it cost €450,000 then", "€"), ==, GLOSS_TOKEN_SYMBOL);
  g_assert_cmpuint (kind_of ("up 40% today", "40%"), ==, GLOSS_TOKEN_NUMBER);
  g_assert_cmpuint (kind_of ("the 3rd day", "3rd"), ==, GLOSS_TOKEN_WORD);
}

static void
test_punctuation (void)
{
  check_tokens ("Wait... what?!", "Wait|...|what|?|!");
  check_tokens ("Wait… what", "Wait|…|what");
  check_tokens ("this--that", "this|--|that");
  check_tokens ("this---that", "this|---|that");
  check_tokens ("this — that—there", "this|—|that|—|there");
  check_tokens ("a;b:c", "a|;|b|:|c");
  check_tokens ("«Oui»", "«|Oui|»");
  g_assert_cmpuint (kind_of ("Wait... what", "..."), ==, GLOSS_TOKEN_PUNCT);
}

static void
test_urls (void)
{
  check_tokens ("See https://example.org/a/b?x=1&y=2.", "See|https://example.org/a/b?x=1&y=2|.");
  check_tokens ("(www.karsovia.gov.ks)", "(|www.karsovia.gov.ks|)");
  check_tokens ("https://en.wikipedia.org/wiki/Foo_(bar) ok",
                "https://en.wikipedia.org/wiki/Foo_(bar)|ok");
  check_tokens ("\"http://x.org\"", "\"|http://x.org|\"");
  check_tokens ("Write to press.office@karsovia-gov.ks, please",
                "Write|to|press.office@karsovia-gov.ks|,|please");
  check_tokens ("a@b is not mail", "a|@|b|is|not|mail");
  g_assert_cmpuint (kind_of ("go to https://example.org now", "https://example.org"), ==,
                    GLOSS_TOKEN_URL);
  g_assert_cmpuint (kind_of ("mail ana.ivesic@brenvik.ks now", "ana.ivesic@brenvik.ks"), ==,
                    GLOSS_TOKEN_EMAIL);
}

static void
test_abbreviations (void)
{
  check_tokens ("Mr. Smith and Dr. Jones", "Mr.|Smith|and|Dr.|Jones");
  check_tokens ("the U.S. and e.g. this", "the|U.S.|and|e.g.|this");
  check_tokens ("e.g., that", "e.g.|,|that");
  check_tokens ("He sat.", "He|sat|.");
  check_tokens ("in Nov. 2024", "in|Nov.|2024");
  check_tokens ("No. 5 and no.", "No.|5|and|no|.");
  check_tokens ("apples, pears etc. and", "apples|,|pears|etc.|and");
}

static void
test_unicode (void)
{
  g_autofree char *decomposed = NULL;

  check_tokens ("Ivešić visited Gdańsk.", "Ivešić|visited|Gdańsk|.");
  /* Decomposed: s + U+030C, c + U+0301. */
  decomposed = g_strdup ("Ives\xcc\x8cic\xcc\x81 spoke");
  check_tokens (decomposed, "Ives\xcc\x8cic\xcc\x81|spoke");
  check_tokens ("Straße groß", "Straße|groß");
  check_tokens ("Москва и Київ", "Москва|и|Київ");
  check_tokens ("東京", "東京");
  check_tokens ("Great 😊!", "Great|😊|!");
  check_tokens ("👍🏽 ok", "👍🏽|ok");
  check_tokens ("👨‍👩‍👧 family", "👨‍👩‍👧|family");
  check_tokens ("🇰🇷🇯🇵", "🇰🇷|🇯🇵");
  check_tokens ("❤️x", "❤️|x");
  check_tokens ("a\u00a0b", "a|b");

  /* Offsets are code points. */
  {
    const char *text = "😊 Gdańsk €5";
    g_autoptr(GArray) tokens = gloss_tokenize (text, -1);
    g_assert_cmpuint (tokens->len, ==, 4);
    g_assert_cmpuint (g_array_index (tokens, GlossToken, 0).start, ==, 0);
    g_assert_cmpuint (g_array_index (tokens, GlossToken, 0).end, ==, 1);
    g_assert_cmpuint (g_array_index (tokens, GlossToken, 1).start, ==, 2);
    g_assert_cmpuint (g_array_index (tokens, GlossToken, 1).end, ==, 8);
    g_assert_cmpuint (g_array_index (tokens, GlossToken, 2).start, ==, 9);
    g_assert_cmpuint (g_array_index (tokens, GlossToken, 3).start, ==, 10);
    g_assert_cmpuint (g_array_index (tokens, GlossToken, 3).end, ==, 11);
  }
}

static void
test_flags (void)
{
  const char *text = "Hi there,\nfriend";
  g_autoptr(GArray) tokens = gloss_tokenize (text, -1);

  g_assert_cmpuint (tokens->len, ==, 4);
  g_assert_true (g_array_index (tokens, GlossToken, 0).flags & GLOSS_TOKEN_SPACE_AFTER);
  g_assert_false (g_array_index (tokens, GlossToken, 1).flags & GLOSS_TOKEN_SPACE_AFTER);
  g_assert_true (g_array_index (tokens, GlossToken, 2).flags & GLOSS_TOKEN_SPACE_AFTER);
  g_assert_true (g_array_index (tokens, GlossToken, 2).flags & GLOSS_TOKEN_NEWLINE_AFTER);
  g_assert_false (g_array_index (tokens, GlossToken, 0).flags & GLOSS_TOKEN_NEWLINE_AFTER);
  g_assert_true (g_array_index (tokens, GlossToken, 3).flags & GLOSS_TOKEN_SPACE_AFTER);

  g_assert_cmpuint (gloss_tokens_find (tokens, 0), ==, 0);
  g_assert_cmpuint (gloss_tokens_find (tokens, 2), ==, 1);   /* the space before "there" */
  g_assert_cmpuint (gloss_tokens_find (tokens, 4), ==, 1);
  g_assert_cmpuint (gloss_tokens_find (tokens, 100), ==, 4);
}

/* The sentences of @text as "s1 || s2 || ...". */
static void
check_sentences (const char *text,
                 const char *expected)
{
  g_autoptr(GArray) sentences = gloss_split_sentences (text, -1, NULL);
  GString *s = g_string_new (NULL);
  g_autofree char *got = NULL;

  for (guint i = 0; i < sentences->len; i++)
    {
      GlossSentence *st = &g_array_index (sentences, GlossSentence, i);
      const char *a = g_utf8_offset_to_pointer (text, st->start);
      const char *b = g_utf8_offset_to_pointer (text, st->end);
      g_assert_cmpuint (st->n_tokens, >, 0);
      if (i > 0)
        g_string_append (s, " || ");
      g_string_append_len (s, a, b - a);
    }
  got = g_string_free (s, FALSE);
  if (g_strcmp0 (got, expected) != 0)
    g_error ("splitting “%s”: got “%s”, expected “%s”", text, got, expected);
}

static void
test_sentences (void)
{
  check_sentences ("", "");
  check_sentences ("One. Two! Three? four", "One. || Two! || Three? four");
  check_sentences ("Mr. Smith met Dr. Jones. They talked.",
                   "Mr. Smith met Dr. Jones. || They talked.");
  check_sentences ("He moved to the U.S. Then he left.", "He moved to the U.S. Then he left.");
  check_sentences ("On Nov. 3 it rained. It stopped.", "On Nov. 3 it rained. || It stopped.");
  check_sentences ("Use e.g. Python. Or C.", "Use e.g. Python. || Or C.");
  check_sentences ("Prices rose 3.2 percent. Markets fell.",
                   "Prices rose 3.2 percent. || Markets fell.");
  check_sentences ("It cost €450,000. Ivešić paid.", "It cost €450,000. || Ivešić paid.");
  check_sentences ("“We won,” she said. “Really?” he asked.",
                   "“We won,” she said. || “Really?” he asked.");
  check_sentences ("He said “Stop.” Then he left.", "He said “Stop.” || Then he left.");
  check_sentences ("(It ended.) Then more.", "(It ended.) || Then more.");
  check_sentences ("Wait... what? Yes.", "Wait... what? || Yes.");
  check_sentences ("J. R. Smith arrived. Good.", "J. R. Smith arrived. || Good.");
  check_sentences ("Pears, apples etc. The rest.", "Pears, apples etc. || The rest.");
  check_sentences ("Karsovia Ltd. The firm grew.", "Karsovia Ltd. || The firm grew.");
  check_sentences ("end of line.\nnext line starts lower",
                   "end of line. || next line starts lower");
  check_sentences ("no stop here\nstill same", "no stop here\nstill same");
  check_sentences ("Title without stop\n\nBody text. More",
                   "Title without stop || Body text. || More");
  check_sentences ("Para one\r\n\r\nPara two", "Para one || Para two");
  check_sentences ("Great 😊. 😊 Again.", "Great 😊. || 😊 Again.");
  check_sentences ("Visit https://example.org. Then stop.",
                   "Visit https://example.org. || Then stop.");
  check_sentences ("Gdańsk is big. Ölands too. 2024 was good.",
                   "Gdańsk is big. || Ölands too. || 2024 was good.");
  check_sentences ("東京に行きました。大阪も。", "東京に行きました。 || 大阪も。");
}

static void
test_sentence_tokens (void)
{
  const char *text = "A b. C d e.\n\nF";
  g_autoptr(GArray) tokens = gloss_tokenize (text, -1);
  g_autoptr(GArray) sentences = gloss_split_sentences (text, -1, tokens);
  guint covered = 0;

  g_assert_cmpuint (sentences->len, ==, 3);
  for (guint i = 0; i < sentences->len; i++)
    {
      GlossSentence *s = &g_array_index (sentences, GlossSentence, i);
      g_assert_cmpuint (s->first_token, ==, covered);
      covered += s->n_tokens;
      g_assert_cmpuint (s->start, ==, g_array_index (tokens, GlossToken, s->first_token).start);
      g_assert_cmpuint (s->end, ==,
                        g_array_index (tokens, GlossToken, s->first_token + s->n_tokens - 1).end);
    }
  g_assert_cmpuint (covered, ==, tokens->len);
}

/* Deterministic and total: every non-space character is in exactly one
 * token, tokens are ordered and never empty, on a mixed stress text. */
static void
test_coverage (void)
{
  const char *text =
    "Ivešić (Gdańsk) said: \"It's 40% — no, 41.5%!\" See www.x.ks/a_(b)... or "
    "mail a.b@c.ks; 👩🏽‍💻 wrote 3rd-rate code?! €1,000,000.00 -- 'quoted' ’tis…\n\n"
    "Nov. 5, U.S.-based co. 1.2.3. x--y ..\t\u00a0 \u2028 end";
  g_autoptr(GArray) t1 = gloss_tokenize (text, -1);
  g_autoptr(GArray) t2 = gloss_tokenize (text, -1);
  g_autofree gunichar *ucs = NULL;
  glong n;
  guint pos = 0;

  g_assert_cmpuint (t1->len, ==, t2->len);
  g_assert_cmpmem (t1->data, t1->len * sizeof (GlossToken), t2->data,
                   t2->len * sizeof (GlossToken));
  ucs = g_utf8_to_ucs4_fast (text, -1, &n);
  for (guint i = 0; i < t1->len; i++)
    {
      GlossToken *t = &g_array_index (t1, GlossToken, i);
      g_assert_cmpuint (t->start, <, t->end);
      g_assert_cmpuint (t->start, >=, pos);
      for (guint k = pos; k < t->start; k++)
        g_assert_true (g_unichar_isspace (ucs[k]) || ucs[k] == 0xa0);
      for (guint k = t->start; k < t->end; k++)
        g_assert_false (g_unichar_isspace (ucs[k]));
      pos = t->end;
    }

  /* Long runs stay linear (this would take minutes if quadratic). */
  {
    GString *big = g_string_new (NULL);
    g_autoptr(GArray) many = NULL;
    g_autoptr(GArray) sentences = NULL;
    for (guint k = 0; k < 100000; k++)
      g_string_append (big, "abc.");
    for (guint k = 0; k < 100000; k++)
      g_string_append (big, "a-");
    for (guint k = 0; k < 100000; k++)
      g_string_append (big, "....");
    many = gloss_tokenize (big->str, big->len);
    g_assert_cmpuint (many->len, >=, 200000);
    sentences = gloss_split_sentences (big->str, big->len, many);
    g_assert_cmpuint (sentences->len, >, 0);
    g_string_free (big, TRUE);
  }

  /* Length-limited input stops where told. */
  {
    g_autoptr(GArray) part = gloss_tokenize ("abc def", 3);
    g_assert_cmpuint (part->len, ==, 1);
  }
}

static void
test_pretokenized (void)
{
  const char *text = "Ana Ivešić met\tBo .\nNew line here\n\nLast";
  g_autoptr(GArray) tokens = gloss_tokenize_on_spaces (text, -1);
  g_autoptr(GArray) lines = gloss_split_lines (text, -1, tokens);
  g_autofree char *got = tokens_string (text, tokens);

  g_assert_cmpstr (got, ==, "Ana|Ivešić|met|Bo|.|New|line|here|Last");
  g_assert_cmpuint (g_array_index (tokens, GlossToken, 1).start, ==, 4);
  g_assert_cmpuint (g_array_index (tokens, GlossToken, 1).end, ==, 10);
  g_assert_true (g_array_index (tokens, GlossToken, 4).flags & GLOSS_TOKEN_NEWLINE_AFTER);
  g_assert_cmpuint (lines->len, ==, 3);
  g_assert_cmpuint (g_array_index (lines, GlossSentence, 0).n_tokens, ==, 5);
  g_assert_cmpuint (g_array_index (lines, GlossSentence, 1).first_token, ==, 5);
  g_assert_cmpuint (g_array_index (lines, GlossSentence, 1).n_tokens, ==, 3);
  g_assert_cmpuint (g_array_index (lines, GlossSentence, 2).start, ==,
                    g_utf8_strlen (text, -1) - 4);
}

/* How each span fared, for the export report. */
static void
test_span_fits (void)
{
  const char *text = "Karsovia's minister met Ana Ivešić";
  g_autoptr(GArray) tokens = gloss_tokenize (text, -1);
  const GlossTokenSpan spans[] = {
    { 0, 8, 0 },     /* "Karsovia": whole */
    { 24, 34, 1 },   /* "Ana Ivešić": whole */
    { 24, 27, 2 },   /* "Ana", nested in it: dropped */
    { 11, 14, 3 },   /* "min": no whole token, dropped */
    { 5, 23, 4 },    /* "via's minister met": "Karsovia" only in part */
    { 26, 29, 5 },   /* "a I": in part, and overlapping "Ana Ivešić": dropped */
  };
  GlossSpanFit fits[G_N_ELEMENTS (spans)];
  g_autofree guint *owner = gloss_tokens_assign_spans_full (tokens, spans, G_N_ELEMENTS (spans),
                                                            GLOSS_SPAN_ALIGN_INSIDE, fits);
  g_autofree guint *dropped = NULL;
  g_autofree guint *extended = NULL;

  g_assert_cmpint (fits[0], ==, GLOSS_SPAN_FIT_WHOLE);
  g_assert_cmpint (fits[1], ==, GLOSS_SPAN_FIT_WHOLE);
  g_assert_cmpint (fits[2], ==, GLOSS_SPAN_FIT_CONFLICT);
  g_assert_cmpint (fits[3], ==, GLOSS_SPAN_FIT_NO_TOKEN);
  g_assert_cmpint (fits[4], ==, GLOSS_SPAN_FIT_PARTIAL);
  g_assert_cmpint (fits[5], ==, GLOSS_SPAN_FIT_NO_TOKEN);
  g_assert_cmpuint (owner[0], ==, 1);
  g_assert_cmpuint (owner[1], ==, 5);
  g_assert_cmpuint (owner[4], ==, 2);

  /* Misaligned spans dropped whole, "min" inside one token too. */
  dropped = gloss_tokens_assign_spans_full (tokens, spans, G_N_ELEMENTS (spans),
                                            GLOSS_SPAN_ALIGN_DROP, fits);
  g_assert_cmpint (fits[0], ==, GLOSS_SPAN_FIT_WHOLE);
  g_assert_cmpint (fits[1], ==, GLOSS_SPAN_FIT_WHOLE);
  g_assert_cmpint (fits[2], ==, GLOSS_SPAN_FIT_CONFLICT);
  g_assert_cmpint (fits[3], ==, GLOSS_SPAN_FIT_PARTIAL);
  g_assert_cmpint (fits[4], ==, GLOSS_SPAN_FIT_PARTIAL);
  g_assert_cmpint (fits[5], ==, GLOSS_SPAN_FIT_PARTIAL);
  {
    const guint expected[] = { 1, 0, 0, 0, 2, 2 };
    for (guint k = 0; k < G_N_ELEMENTS (expected); k++)
      g_assert_cmpuint (dropped[k], ==, expected[k]);
  }

  /* Extended to every token they touch, unless one is taken: "min" takes
   * "minister", "via's minister met" would take "Karsovia" again. */
  extended = gloss_tokens_assign_spans_full (tokens, spans, G_N_ELEMENTS (spans),
                                             GLOSS_SPAN_ALIGN_EXTEND, fits);
  g_assert_cmpint (fits[0], ==, GLOSS_SPAN_FIT_WHOLE);
  g_assert_cmpint (fits[1], ==, GLOSS_SPAN_FIT_WHOLE);
  g_assert_cmpint (fits[2], ==, GLOSS_SPAN_FIT_CONFLICT);
  g_assert_cmpint (fits[3], ==, GLOSS_SPAN_FIT_PARTIAL);
  g_assert_cmpint (fits[4], ==, GLOSS_SPAN_FIT_CONFLICT | GLOSS_SPAN_FIT_PARTIAL);
  g_assert_cmpint (fits[5], ==, GLOSS_SPAN_FIT_CONFLICT | GLOSS_SPAN_FIT_PARTIAL);
  {
    const guint expected[] = { 1, 0, 4, 0, 2, 2 };
    for (guint k = 0; k < G_N_ELEMENTS (expected); k++)
      g_assert_cmpuint (extended[k], ==, expected[k]);
  }
}

/* gloss_tokenize_sentences() is gloss_tokenize() + gloss_split_sentences(),
 * on ASCII, accented, non-Latin and emoji text. */
static void
test_tokenize_sentences (void)
{
  static const char * const texts[] = {
    "",
    "Mr. Krestin said: \"We won't pay €5,000.50 by 12.5.2024.\" "
    "See https://example.org/a.",
    "Ivešić met O'Brien in Łódź… Then they left!\n\nNew paragraph, 3rd try (e.g. U.S.).",
    "Ана сказала 😀 «да». 東京に行きました。Ça va? Oui — mail me at a.b@example.com",
    "tabs\tand\u00a0no-break\u2009thin spaces; x_y, A-1, 40% ... -- end",
    "a\vb\fc\rd",
  };

  /* A vertical tab is no space to GLib (a control character: a symbol). */
  check_tokens ("x\vy\fz", "x|\v|y|z");

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GArray) tokens = gloss_tokenize (texts[i], -1);
      g_autoptr(GArray) sentences = gloss_split_sentences (texts[i], -1, tokens);
      g_autoptr(GArray) tokens2 = NULL;
      g_autoptr(GArray) sentences2 = NULL;

      tokens2 = gloss_tokenize_sentences (texts[i], -1, &sentences2);
      g_assert_cmpuint (tokens2->len, ==, tokens->len);
      g_assert_cmpmem (tokens2->data, tokens2->len * sizeof (GlossToken), tokens->data,
                       tokens->len * sizeof (GlossToken));
      g_assert_cmpuint (sentences2->len, ==, sentences->len);
      g_assert_cmpmem (sentences2->data, sentences2->len * sizeof (GlossSentence),
                       sentences->data, sentences->len * sizeof (GlossSentence));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/tokenizer/words", test_words);
  g_test_add_func ("/core/tokenizer/contractions", test_contractions);
  g_test_add_func ("/core/tokenizer/numbers", test_numbers);
  g_test_add_func ("/core/tokenizer/punctuation", test_punctuation);
  g_test_add_func ("/core/tokenizer/urls", test_urls);
  g_test_add_func ("/core/tokenizer/abbreviations", test_abbreviations);
  g_test_add_func ("/core/tokenizer/unicode", test_unicode);
  g_test_add_func ("/core/tokenizer/flags", test_flags);
  g_test_add_func ("/core/tokenizer/sentences", test_sentences);
  g_test_add_func ("/core/tokenizer/sentence-tokens", test_sentence_tokens);
  g_test_add_func ("/core/tokenizer/coverage", test_coverage);
  g_test_add_func ("/core/tokenizer/pretokenized", test_pretokenized);
  g_test_add_func ("/core/tokenizer/span-fits", test_span_fits);
  g_test_add_func ("/core/tokenizer/tokenize-sentences", test_tokenize_sentences);

  return g_test_run ();
}
