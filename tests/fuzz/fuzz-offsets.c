/* fuzz-offsets.c: libFuzzer target for the offset conversions
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"
#include "gloss-offsets.h"

/* The first 12 bytes choose three offsets, the rest is the text. Raw bytes
 * are only run for memory safety (the API wants valid UTF-8); valid text is
 * also checked: the map and the one-shot helpers agree and conversions
 * round-trip. */
static guint
read_u32 (const uint8_t *p)
{
  return (guint) p[0] | (guint) p[1] << 8 | (guint) p[2] << 16 | (guint) p[3] << 24;
}

static void
check_valid (const char *text,
             gsize       len,
             guint       c,
             gsize       b,
             guint       u)
{
  g_autoptr(GlossOffsetMap) map = gloss_offset_map_new (text, len);
  guint n_chars = gloss_offset_map_get_n_chars (map);
  guint n_utf16 = gloss_offset_map_get_n_utf16 (map);
  gsize b1, b2;
  guint c1, c2, u1, u2;
  gboolean ok1, ok2;

  g_assert_cmpuint (gloss_offset_map_get_n_bytes (map), ==, len);
  g_assert_cmpuint (n_chars, ==, g_utf8_strlen (text, len));
  g_assert_cmpuint (n_utf16, >=, n_chars);

  /* Keep the offsets mostly in range, sometimes just past the end. */
  c %= n_chars + 2;
  b %= len + 2;
  u %= n_utf16 + 2;

  ok1 = gloss_offset_map_char_to_byte (map, c, &b1);
  ok2 = gloss_offsets_char_to_byte (text, len, c, &b2);
  g_assert_true (ok1 == ok2);
  g_assert_true (ok1 == (c <= n_chars));
  if (ok1)
    {
      g_assert_cmpuint (b1, ==, b2);
      g_assert_cmpuint (b1, ==, (gsize) (g_utf8_offset_to_pointer (text, c) - text));
      g_assert_true (gloss_offset_map_byte_to_char (map, b1, &c1));
      g_assert_cmpuint (c1, ==, c);
    }

  ok1 = gloss_offset_map_byte_to_char (map, b, &c1);
  ok2 = gloss_offsets_byte_to_char (text, len, b, &c2);
  g_assert_true (ok1 == ok2);
  if (ok1)
    {
      g_assert_cmpuint (c1, ==, c2);
      g_assert_true (gloss_offset_map_char_to_byte (map, c1, &b1));
      g_assert_cmpuint (b1, ==, b);
    }

  ok1 = gloss_offset_map_char_to_utf16 (map, c, &u1);
  ok2 = gloss_offsets_char_to_utf16 (text, len, c, &u2);
  g_assert_true (ok1 == ok2);
  g_assert_true (ok1 == (c <= n_chars));
  if (ok1)
    {
      g_assert_cmpuint (u1, ==, u2);
      g_assert_true (gloss_offset_map_utf16_to_char (map, u1, &c1));
      g_assert_cmpuint (c1, ==, c);
    }

  ok1 = gloss_offset_map_utf16_to_char (map, u, &c1);
  ok2 = gloss_offsets_utf16_to_char (text, len, u, &c2);
  g_assert_true (ok1 == ok2);
  if (ok1)
    {
      g_assert_cmpuint (c1, ==, c2);
      g_assert_true (gloss_offset_map_char_to_utf16 (map, c1, &u1));
      g_assert_cmpuint (u1, ==, u);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  guint c, u;
  gsize b;
  const char *text;
  gsize len;

  fuzz_init ();

  if (size < 12)
    return 0;
  c = read_u32 (data);
  b = read_u32 (data + 4);
  u = read_u32 (data + 8);
  text = (const char *) data + 12;
  len = size - 12;

  if (g_utf8_validate_len (text, len, NULL))
    {
      check_valid (text, len, c, b, u);
    }
  else
    {
      g_autoptr(GlossOffsetMap) map = gloss_offset_map_new (text, len);
      gsize b1;
      guint c1, u1;

      gloss_offset_map_char_to_byte (map, c, &b1);
      gloss_offset_map_byte_to_char (map, b, &c1);
      gloss_offset_map_char_to_utf16 (map, c, &u1);
      gloss_offset_map_utf16_to_char (map, u, &c1);
      gloss_offsets_char_to_byte (text, len, c, &b1);
      gloss_offsets_byte_to_char (text, len, b, &c1);
      gloss_offsets_char_to_utf16 (text, len, c, &u1);
      gloss_offsets_utf16_to_char (text, len, u, &c1);
    }
  return 0;
}
