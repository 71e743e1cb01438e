/* test-offsets.c: code point, UTF-8 byte and UTF-16 offset conversions
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gloss-offsets.h"

/* The offsets of every code point of a text, computed with GLib only, so
 * that they do not depend on the code under test. Entry n_chars is the end. */
typedef struct
{
  const char *text;
  gsize       n_bytes;
  guint       n_chars;
  guint       n_utf16;
  gsize      *bytes;   /* n_chars + 1 entries */
  guint      *utf16;   /* n_chars + 1 entries */
  gint       *byte_to_char;   /* n_bytes + 1 entries, -1 inside a character */
  gint       *utf16_to_char;  /* n_utf16 + 1 entries, -1 inside a pair */
} Reference;

static void
reference_init (Reference  *ref,
                const char *text,
                gsize       n_bytes)
{
  g_autoptr(GError) error = NULL;
  glong n_utf16 = 0;

  g_assert_true (g_utf8_validate (text, n_bytes, NULL));

  ref->text = text;
  ref->n_bytes = n_bytes;
  ref->n_chars = g_utf8_strlen (text, n_bytes);
  ref->bytes = g_new (gsize, ref->n_chars + 1);
  ref->utf16 = g_new (guint, ref->n_chars + 1);
  ref->byte_to_char = g_new (gint, n_bytes + 1);

  for (gsize b = 0; b <= n_bytes; b++)
    ref->byte_to_char[b] = -1;

  /* One character at a time: GLib tells its byte length and how many
   * UTF-16 units it takes. */
  ref->bytes[0] = 0;
  ref->utf16[0] = 0;
  for (guint i = 0; i < ref->n_chars; i++)
    {
      const char *p = text + ref->bytes[i];
      const char *next = g_utf8_next_char (p);
      gunichar2 *u16 = g_utf8_to_utf16 (p, next - p, NULL, &n_utf16, &error);

      g_assert_no_error (error);
      g_free (u16);  /* only its length, n_utf16, is wanted */
      ref->bytes[i + 1] = next - text;
      ref->utf16[i + 1] = ref->utf16[i] + n_utf16;
    }
  g_assert_cmpuint (ref->bytes[ref->n_chars], ==, n_bytes);
  for (guint i = 0; i <= ref->n_chars; i++)
    ref->byte_to_char[ref->bytes[i]] = i;

  ref->n_utf16 = ref->utf16[ref->n_chars];
  ref->utf16_to_char = g_new (gint, ref->n_utf16 + 1);
  for (guint u = 0; u <= ref->n_utf16; u++)
    ref->utf16_to_char[u] = -1;
  for (guint i = 0; i <= ref->n_chars; i++)
    ref->utf16_to_char[ref->utf16[i]] = i;
}

static void
reference_clear (Reference *ref)
{
  g_clear_pointer (&ref->bytes, g_free);
  g_clear_pointer (&ref->utf16, g_free);
  g_clear_pointer (&ref->byte_to_char, g_free);
  g_clear_pointer (&ref->utf16_to_char, g_free);
}

static void
check_char (const Reference *ref,
            GlossOffsetMap  *map,
            gssize           len,
            guint            c)
{
  gboolean valid = c <= ref->n_chars;
  gsize byte = G_MAXSIZE;
  guint utf16 = G_MAXUINT;

  g_assert_cmpint (gloss_offsets_char_to_byte (ref->text, len, c, &byte), ==, valid);
  if (valid)
    g_assert_cmpuint (byte, ==, ref->bytes[c]);
  g_assert_cmpint (gloss_offset_map_char_to_byte (map, c, &byte), ==, valid);
  if (valid)
    g_assert_cmpuint (byte, ==, ref->bytes[c]);

  g_assert_cmpint (gloss_offsets_char_to_utf16 (ref->text, len, c, &utf16), ==, valid);
  if (valid)
    g_assert_cmpuint (utf16, ==, ref->utf16[c]);
  g_assert_cmpint (gloss_offset_map_char_to_utf16 (map, c, &utf16), ==, valid);
  if (valid)
    g_assert_cmpuint (utf16, ==, ref->utf16[c]);
}

static void
check_byte (const Reference *ref,
            GlossOffsetMap  *map,
            gssize           len,
            gsize            b)
{
  gboolean valid = b <= ref->n_bytes && ref->byte_to_char[b] >= 0;
  guint c = G_MAXUINT;

  g_assert_cmpint (gloss_offsets_byte_to_char (ref->text, len, b, &c), ==, valid);
  if (valid)
    g_assert_cmpint (c, ==, ref->byte_to_char[b]);
  g_assert_cmpint (gloss_offset_map_byte_to_char (map, b, &c), ==, valid);
  if (valid)
    g_assert_cmpint (c, ==, ref->byte_to_char[b]);
}

static void
check_utf16 (const Reference *ref,
             GlossOffsetMap  *map,
             gssize           len,
             guint            u)
{
  gboolean valid = u <= ref->n_utf16 && ref->utf16_to_char[u] >= 0;
  guint c = G_MAXUINT;

  g_assert_cmpint (gloss_offsets_utf16_to_char (ref->text, len, u, &c), ==, valid);
  if (valid)
    g_assert_cmpint (c, ==, ref->utf16_to_char[u]);
  g_assert_cmpint (gloss_offset_map_utf16_to_char (map, u, &c), ==, valid);
  if (valid)
    g_assert_cmpint (c, ==, ref->utf16_to_char[u]);
}

/* Checks every offset of @text (and a few past its end) in every direction,
 * with the one-shot functions and a map, given an explicit length or -1. */
static void
check_exhaustive (const char *text,
                  gssize      len)
{
  g_autoptr(GlossOffsetMap) map = NULL;
  Reference ref;

  reference_init (&ref, text, len < 0 ? strlen (text) : (gsize) len);
  map = gloss_offset_map_new (text, len);

  g_assert_cmpuint (gloss_offset_map_get_n_bytes (map), ==, ref.n_bytes);
  g_assert_cmpuint (gloss_offset_map_get_n_chars (map), ==, ref.n_chars);
  g_assert_cmpuint (gloss_offset_map_get_n_utf16 (map), ==, ref.n_utf16);

  for (guint c = 0; c <= ref.n_chars + 3; c++)
    check_char (&ref, map, len, c);
  for (gsize b = 0; b <= ref.n_bytes + 3; b++)
    check_byte (&ref, map, len, b);
  for (guint u = 0; u <= ref.n_utf16 + 3; u++)
    check_utf16 (&ref, map, len, u);

  check_char (&ref, map, len, G_MAXUINT);
  check_byte (&ref, map, len, G_MAXSIZE);
  check_utf16 (&ref, map, len, G_MAXUINT);

  reference_clear (&ref);
}

static void
test_ascii (void)
{
  const char *text = "Hello, world";
  gsize byte;
  guint c;
  guint u;

  g_assert_true (gloss_offsets_char_to_byte (text, -1, 7, &byte));
  g_assert_cmpuint (byte, ==, 7);
  g_assert_true (gloss_offsets_byte_to_char (text, -1, 12, &c));
  g_assert_cmpuint (c, ==, 12);
  g_assert_true (gloss_offsets_char_to_utf16 (text, -1, 12, &u));
  g_assert_cmpuint (u, ==, 12);
  g_assert_false (gloss_offsets_char_to_byte (text, -1, 13, &byte));
  g_assert_false (gloss_offsets_byte_to_char (text, -1, 13, &c));
  g_assert_false (gloss_offsets_utf16_to_char (text, -1, 13, &c));

  /* NULL out-parameters are allowed. */
  g_assert_true (gloss_offsets_char_to_byte (text, -1, 3, NULL));

  check_exhaustive (text, -1);
}

static void
test_accents (void)
{
  /* "é" and "ü" take two bytes and one UTF-16 unit each. */
  const char *text = "Café Müller a été";
  g_autoptr(GlossOffsetMap) map = gloss_offset_map_new (text, -1);
  gsize byte;
  guint c;
  guint u;

  g_assert_cmpuint (gloss_offset_map_get_n_chars (map), ==, 17);
  g_assert_cmpuint (gloss_offset_map_get_n_bytes (map), ==, 21);
  g_assert_cmpuint (gloss_offset_map_get_n_utf16 (map), ==, 17);

  g_assert_true (gloss_offset_map_char_to_byte (map, 4, &byte));
  g_assert_cmpuint (byte, ==, 5);
  g_assert_true (gloss_offset_map_byte_to_char (map, 5, &c));
  g_assert_cmpuint (c, ==, 4);
  /* Byte 4 is the continuation byte of "é". */
  g_assert_false (gloss_offset_map_byte_to_char (map, 4, &c));
  g_assert_false (gloss_offsets_byte_to_char (text, -1, 4, &c));
  g_assert_true (gloss_offset_map_char_to_utf16 (map, 17, &u));
  g_assert_cmpuint (u, ==, 17);

  check_exhaustive (text, -1);
}

static void
test_euro (void)
{
  /* "€" is U+20AC: three bytes, one UTF-16 unit. */
  const char *text = "Prix: 5 € ou 10€";
  gsize byte;
  guint c;

  g_assert_true (gloss_offsets_char_to_byte (text, -1, 9, &byte));
  g_assert_cmpuint (byte, ==, 11);
  g_assert_false (gloss_offsets_byte_to_char (text, -1, 9, &c));
  g_assert_false (gloss_offsets_byte_to_char (text, -1, 10, &c));
  g_assert_true (gloss_offsets_byte_to_char (text, -1, 11, &c));
  g_assert_cmpuint (c, ==, 9);

  check_exhaustive (text, -1);
  check_exhaustive ("€", -1);
}

static void
test_emoji (void)
{
  /* U+1F600 is four bytes and a surrogate pair. */
  const char *text = "a\xF0\x9F\x98\x80" "b";
  g_autoptr(GlossOffsetMap) map = gloss_offset_map_new (text, -1);
  gsize byte;
  guint c;
  guint u;

  g_assert_cmpuint (gloss_offset_map_get_n_chars (map), ==, 3);
  g_assert_cmpuint (gloss_offset_map_get_n_bytes (map), ==, 6);
  g_assert_cmpuint (gloss_offset_map_get_n_utf16 (map), ==, 4);

  g_assert_true (gloss_offset_map_char_to_byte (map, 2, &byte));
  g_assert_cmpuint (byte, ==, 5);
  g_assert_true (gloss_offset_map_char_to_utf16 (map, 2, &u));
  g_assert_cmpuint (u, ==, 3);
  g_assert_true (gloss_offset_map_utf16_to_char (map, 3, &c));
  g_assert_cmpuint (c, ==, 2);

  /* Between the two halves of the pair. */
  g_assert_false (gloss_offset_map_utf16_to_char (map, 2, &c));
  g_assert_false (gloss_offsets_utf16_to_char (text, -1, 2, &c));
  for (gsize b = 2; b <= 4; b++)
    {
      g_assert_false (gloss_offset_map_byte_to_char (map, b, &c));
      g_assert_false (gloss_offsets_byte_to_char (text, -1, b, &c));
    }

  check_exhaustive (text, -1);
}

static void
test_zwj (void)
{
  /* Family: man, ZWJ, woman, ZWJ, girl. Five code points, one grapheme. */
  const char *family = "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7";
  g_autofree char *text = g_strdup_printf ("Die %s ist da, %s%s!", family, family, family);
  g_autoptr(GlossOffsetMap) map = gloss_offset_map_new (family, -1);
  guint u;
  guint c;

  g_assert_cmpuint (gloss_offset_map_get_n_chars (map), ==, 5);
  g_assert_cmpuint (gloss_offset_map_get_n_bytes (map), ==, 18);
  g_assert_cmpuint (gloss_offset_map_get_n_utf16 (map), ==, 8);

  /* After man + ZWJ. */
  g_assert_true (gloss_offset_map_char_to_utf16 (map, 2, &u));
  g_assert_cmpuint (u, ==, 3);
  g_assert_true (gloss_offset_map_utf16_to_char (map, 6, &c));
  g_assert_cmpuint (c, ==, 4);
  g_assert_false (gloss_offset_map_utf16_to_char (map, 7, &c));

  check_exhaustive (family, -1);
  check_exhaustive (text, -1);
}

static void
test_empty (void)
{
  g_autoptr(GlossOffsetMap) map = gloss_offset_map_new ("", -1);
  g_autoptr(GlossOffsetMap) null_map = gloss_offset_map_new (NULL, 0);
  gsize byte = 1;
  guint c = 1;
  guint u = 1;

  g_assert_cmpuint (gloss_offset_map_get_n_chars (map), ==, 0);
  g_assert_cmpuint (gloss_offset_map_get_n_bytes (map), ==, 0);
  g_assert_cmpuint (gloss_offset_map_get_n_utf16 (map), ==, 0);
  g_assert_true (gloss_offset_map_char_to_byte (map, 0, &byte));
  g_assert_cmpuint (byte, ==, 0);
  g_assert_true (gloss_offset_map_utf16_to_char (map, 0, &c));
  g_assert_cmpuint (c, ==, 0);
  g_assert_false (gloss_offset_map_char_to_utf16 (map, 1, &u));

  g_assert_cmpuint (gloss_offset_map_get_n_chars (null_map), ==, 0);
  g_assert_true (gloss_offset_map_byte_to_char (null_map, 0, &c));
  g_assert_false (gloss_offset_map_byte_to_char (null_map, 1, &c));
  g_assert_true (gloss_offsets_char_to_byte (NULL, 0, 0, &byte));
  g_assert_false (gloss_offsets_char_to_byte (NULL, 0, 1, &byte));

  check_exhaustive ("", -1);
  check_exhaustive ("", 0);
}

static void
test_explicit_length (void)
{
  /* A length cuts the text; what lies beyond it is out of range. */
  const char *text = "\xC3\xA9t\xC3\xA9 \xF0\x9F\x98\x80 plus";
  guint c;

  check_exhaustive (text, 5);
  check_exhaustive (text, 10);
  check_exhaustive (text, 0);

  g_assert_true (gloss_offsets_byte_to_char (text, 10, 10, &c));
  g_assert_cmpuint (c, ==, 5);
  g_assert_false (gloss_offsets_byte_to_char (text, 10, 11, &c));
  g_assert_false (gloss_offsets_char_to_byte (text, 10, 6, NULL));
}

static void
test_long_text (void)
{
  static const char * const pieces[] = {
    "a", "b", " ", "Z", ".", "\n",
    "\xC3\xA9",                  /* é */
    "\xC3\x9F",                  /* ß */
    "\xE2\x82\xAC",              /* € */
    "\xE4\xB8\xAD",              /* 中 */
    "\xE2\x80\x8D",              /* ZWJ */
    "\xF0\x9F\x98\x80",          /* 😀 */
    "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7",
  };
  g_autoptr(GString) str = g_string_new (NULL);
  g_autoptr(GlossOffsetMap) map = NULL;
  g_autoptr(GRand) rand = NULL;
  guint32 seed = 20260101;
  const char *env;
  Reference ref;

  env = g_getenv ("GLOSS_TEST_SEED");
  if (env != NULL)
    seed = strtoul (env, NULL, 10);
  g_test_message ("seed %u (set GLOSS_TEST_SEED to replay)", seed);
  rand = g_rand_new_with_seed (seed);

  /* Runs of plain ASCII between runs of everything else, so that some
   * checkpoint windows are pure ASCII and others are dense. */
  while (str->len < 200000)
    {
      gboolean ascii = g_rand_boolean (rand);
      guint run = g_rand_int_range (rand, 1, 300);

      for (guint i = 0; i < run; i++)
        g_string_append (str, pieces[g_rand_int_range (rand, 0, ascii ? 6 : G_N_ELEMENTS (pieces))]);
    }

  reference_init (&ref, str->str, str->len);
  map = gloss_offset_map_new (str->str, str->len);

  g_assert_cmpuint (gloss_offset_map_get_n_chars (map), ==, ref.n_chars);
  g_assert_cmpuint (gloss_offset_map_get_n_utf16 (map), ==, ref.n_utf16);

  /* The map over every offset. */
  for (guint c = 0; c <= ref.n_chars + 1; c++)
    {
      gsize byte;
      guint u;

      g_assert_cmpint (gloss_offset_map_char_to_byte (map, c, &byte), ==, c <= ref.n_chars);
      g_assert_cmpint (gloss_offset_map_char_to_utf16 (map, c, &u), ==, c <= ref.n_chars);
      if (c <= ref.n_chars)
        {
          g_assert_cmpuint (byte, ==, ref.bytes[c]);
          g_assert_cmpuint (u, ==, ref.utf16[c]);
        }
    }
  for (gsize b = 0; b <= ref.n_bytes + 1; b++)
    {
      guint c;
      gboolean valid = b <= ref.n_bytes && ref.byte_to_char[b] >= 0;

      g_assert_cmpint (gloss_offset_map_byte_to_char (map, b, &c), ==, valid);
      if (valid)
        g_assert_cmpint (c, ==, ref.byte_to_char[b]);
    }
  for (guint u = 0; u <= ref.n_utf16 + 1; u++)
    {
      guint c;
      gboolean valid = u <= ref.n_utf16 && ref.utf16_to_char[u] >= 0;

      g_assert_cmpint (gloss_offset_map_utf16_to_char (map, u, &c), ==, valid);
      if (valid)
        g_assert_cmpint (c, ==, ref.utf16_to_char[u]);
    }

  /* Map and one-shot functions agree at random positions. */
  for (guint i = 0; i < 300; i++)
    {
      check_char (&ref, map, str->len, g_rand_int_range (rand, 0, ref.n_chars + 2));
      check_byte (&ref, map, str->len, g_rand_int_range (rand, 0, ref.n_bytes + 2));
      check_utf16 (&ref, map, str->len, g_rand_int_range (rand, 0, ref.n_utf16 + 2));
    }

  reference_clear (&ref);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/offsets/ascii", test_ascii);
  g_test_add_func ("/core/offsets/accents", test_accents);
  g_test_add_func ("/core/offsets/euro", test_euro);
  g_test_add_func ("/core/offsets/emoji", test_emoji);
  g_test_add_func ("/core/offsets/zwj", test_zwj);
  g_test_add_func ("/core/offsets/empty", test_empty);
  g_test_add_func ("/core/offsets/explicit-length", test_explicit_length);
  g_test_add_func ("/core/offsets/long-text", test_long_text);

  return g_test_run ();
}
