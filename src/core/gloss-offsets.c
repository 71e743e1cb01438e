/* gloss-offsets.c: conversions between code point, UTF-8 byte and UTF-16 offsets
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include "gloss-offsets.h"

/* One checkpoint every CHECKPOINT_STRIDE code points, so a conversion walks at
 * most that many characters after a binary search. */
#define CHECKPOINT_STRIDE 64

typedef struct
{
  gsize byte;   /* UTF-8 byte offset of code point i * CHECKPOINT_STRIDE */
  guint utf16;  /* UTF-16 offset of the same code point */
} Checkpoint;

struct _GlossOffsetMap
{
  const char *text;         /* borrowed */
  gsize       n_bytes;
  guint       n_chars;
  guint       n_utf16;
  Checkpoint *checkpoints;  /* owned, n_checkpoints entries, the first at 0 */
  guint       n_checkpoints;
};

/* A position in the text, counted in the three units at once. */
typedef struct
{
  gsize byte;
  guint chr;
  guint utf16;
} Cursor;

static inline guint
utf16_width (const char *p)
{
  /* A lead byte of 0xF0 or more starts a 4-byte sequence: a code point
   * above U+FFFF, which UTF-16 writes as a surrogate pair. */
  return (guchar) *p >= 0xF0 ? 2 : 1;
}

static inline gboolean
is_continuation_byte (const char *p)
{
  return ((guchar) *p & 0xC0) == 0x80;
}

/* TRUE when the CHECKPOINT_STRIDE bytes at @p are all ASCII: as many code
 * points and UTF-16 units as bytes. */
static inline gboolean
stride_is_ascii (const char *p)
{
  guint64 any = 0;

  for (guint i = 0; i < CHECKPOINT_STRIDE; i += sizeof (guint64))
    {
      guint64 word;

      memcpy (&word, p + i, sizeof word);
      any |= word;
    }

  return (any & G_GUINT64_CONSTANT (0x8080808080808080)) == 0;
}

static inline gsize
resolve_length (const char *text,
                gssize      len)
{
  return len < 0 ? strlen (text) : (gsize) len;
}

static inline void
cursor_step (Cursor     *cur,
             const char *text)
{
  const char *p = text + cur->byte;

  cur->utf16 += utf16_width (p);
  cur->byte = g_utf8_next_char (p) - text;
  cur->chr++;
}

/* Walks forward from @cur until it reaches code point @target. */
static gboolean
walk_to_char (Cursor     *cur,
              const char *text,
              gsize       n_bytes,
              guint       target)
{
  while (cur->chr < target)
    {
      if (cur->byte >= n_bytes)
        return FALSE;
      cursor_step (cur, text);
    }

  return cur->byte <= n_bytes;
}

/* Walks forward from @cur until it reaches byte @target; FALSE when @target
 * falls inside a character or past the end. */
static gboolean
walk_to_byte (Cursor     *cur,
              const char *text,
              gsize       n_bytes,
              gsize       target)
{
  if (target > n_bytes)
    return FALSE;
  if (target < n_bytes && is_continuation_byte (text + target))
    return FALSE;

  while (cur->byte < target)
    cursor_step (cur, text);

  return cur->byte == target;
}

/* Walks forward from @cur until it reaches UTF-16 unit @target; FALSE when
 * @target falls between the halves of a surrogate pair or past the end. */
static gboolean
walk_to_utf16 (Cursor     *cur,
               const char *text,
               gsize       n_bytes,
               guint       target)
{
  while (cur->utf16 < target)
    {
      if (cur->byte >= n_bytes)
        return FALSE;
      cursor_step (cur, text);
    }

  return cur->utf16 == target && cur->byte <= n_bytes;
}

static inline Cursor
checkpoint_cursor (GlossOffsetMap *map,
                   guint           i)
{
  Cursor cur;

  cur.byte = map->checkpoints[i].byte;
  cur.utf16 = map->checkpoints[i].utf16;
  cur.chr = i * CHECKPOINT_STRIDE;

  return cur;
}

/* Index of the last checkpoint whose byte offset is <= @byte. */
static guint
find_checkpoint_by_byte (GlossOffsetMap *map,
                         gsize           byte)
{
  guint lo = 0;
  guint hi = map->n_checkpoints;

  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (map->checkpoints[mid].byte <= byte)
        lo = mid;
      else
        hi = mid;
    }

  return lo;
}

/* Index of the last checkpoint whose UTF-16 offset is <= @utf16. */
static guint
find_checkpoint_by_utf16 (GlossOffsetMap *map,
                          guint           utf16)
{
  guint lo = 0;
  guint hi = map->n_checkpoints;

  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (map->checkpoints[mid].utf16 <= utf16)
        lo = mid;
      else
        hi = mid;
    }

  return lo;
}

/**
 * gloss_offset_map_new:
 * @text: valid UTF-8 text, borrowed: it must outlive the map
 * @len: length of @text in bytes, or -1 if it is nul-terminated
 *
 * Returns: (transfer full): a new map over @text
 */
GlossOffsetMap *
gloss_offset_map_new (const char *text,
                      gssize      len)
{
  GlossOffsetMap *map;
  Cursor cur = { 0, 0, 0 };
  gsize max_checkpoints;
  guint n = 0;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  map = g_new0 (GlossOffsetMap, 1);
  map->text = text != NULL ? text : "";
  map->n_bytes = resolve_length (map->text, len);

  /* There are never more code points than bytes. */
  max_checkpoints = map->n_bytes / CHECKPOINT_STRIDE + 1;
  map->checkpoints = g_new (Checkpoint, max_checkpoints);

  while (cur.byte < map->n_bytes)
    {
      if (cur.chr % CHECKPOINT_STRIDE == 0)
        {
          map->checkpoints[n].byte = cur.byte;
          map->checkpoints[n].utf16 = cur.utf16;
          n++;

          /* Most of a news text is ASCII: a stride of it at once (a map
           * of 1 MB then takes under a millisecond, not ten). */
          if (map->n_bytes - cur.byte >= CHECKPOINT_STRIDE &&
              stride_is_ascii (map->text + cur.byte))
            {
              cur.byte += CHECKPOINT_STRIDE;
              cur.chr += CHECKPOINT_STRIDE;
              cur.utf16 += CHECKPOINT_STRIDE;
              continue;
            }
        }
      cursor_step (&cur, map->text);
    }

  if (n == 0)
    {
      map->checkpoints[0].byte = 0;
      map->checkpoints[0].utf16 = 0;
      n = 1;
    }

  g_assert (n <= max_checkpoints);

  map->checkpoints = g_renew (Checkpoint, map->checkpoints, n);
  map->n_checkpoints = n;
  map->n_chars = cur.chr;
  map->n_utf16 = cur.utf16;

  return map;
}

void
gloss_offset_map_free (GlossOffsetMap *map)
{
  if (map == NULL)
    return;

  g_clear_pointer (&map->checkpoints, g_free);
  g_free (map);
}

guint
gloss_offset_map_get_n_chars (GlossOffsetMap *map)
{
  g_return_val_if_fail (map != NULL, 0);

  return map->n_chars;
}

gsize
gloss_offset_map_get_n_bytes (GlossOffsetMap *map)
{
  g_return_val_if_fail (map != NULL, 0);

  return map->n_bytes;
}

guint
gloss_offset_map_get_n_utf16 (GlossOffsetMap *map)
{
  g_return_val_if_fail (map != NULL, 0);

  return map->n_utf16;
}

gboolean
gloss_offset_map_char_to_byte (GlossOffsetMap *map,
                               guint           char_offset,
                               gsize          *byte_offset)
{
  Cursor cur;

  g_return_val_if_fail (map != NULL, FALSE);

  if (char_offset > map->n_chars)
    return FALSE;

  if (map->n_bytes == map->n_chars)
    {
      cur.byte = char_offset;
    }
  else if (char_offset == map->n_chars)
    {
      cur.byte = map->n_bytes;
    }
  else
    {
      cur = checkpoint_cursor (map, char_offset / CHECKPOINT_STRIDE);
      if (!walk_to_char (&cur, map->text, map->n_bytes, char_offset))
        return FALSE;
    }

  if (byte_offset != NULL)
    *byte_offset = cur.byte;

  return TRUE;
}

gboolean
gloss_offset_map_byte_to_char (GlossOffsetMap *map,
                               gsize           byte_offset,
                               guint          *char_offset)
{
  Cursor cur;

  g_return_val_if_fail (map != NULL, FALSE);

  if (byte_offset > map->n_bytes)
    return FALSE;

  if (map->n_bytes == map->n_chars)
    {
      cur.chr = byte_offset;
    }
  else
    {
      cur = checkpoint_cursor (map, find_checkpoint_by_byte (map, byte_offset));
      if (!walk_to_byte (&cur, map->text, map->n_bytes, byte_offset))
        return FALSE;
    }

  if (char_offset != NULL)
    *char_offset = cur.chr;

  return TRUE;
}

gboolean
gloss_offset_map_char_to_utf16 (GlossOffsetMap *map,
                                guint           char_offset,
                                guint          *utf16_offset)
{
  Cursor cur;

  g_return_val_if_fail (map != NULL, FALSE);

  if (char_offset > map->n_chars)
    return FALSE;

  if (map->n_utf16 == map->n_chars)
    {
      cur.utf16 = char_offset;
    }
  else if (char_offset == map->n_chars)
    {
      cur.utf16 = map->n_utf16;
    }
  else
    {
      cur = checkpoint_cursor (map, char_offset / CHECKPOINT_STRIDE);
      if (!walk_to_char (&cur, map->text, map->n_bytes, char_offset))
        return FALSE;
    }

  if (utf16_offset != NULL)
    *utf16_offset = cur.utf16;

  return TRUE;
}

gboolean
gloss_offset_map_utf16_to_char (GlossOffsetMap *map,
                                guint           utf16_offset,
                                guint          *char_offset)
{
  Cursor cur;

  g_return_val_if_fail (map != NULL, FALSE);

  if (utf16_offset > map->n_utf16)
    return FALSE;

  if (map->n_utf16 == map->n_chars)
    {
      cur.chr = utf16_offset;
    }
  else
    {
      cur = checkpoint_cursor (map, find_checkpoint_by_utf16 (map, utf16_offset));
      if (!walk_to_utf16 (&cur, map->text, map->n_bytes, utf16_offset))
        return FALSE;
    }

  if (char_offset != NULL)
    *char_offset = cur.chr;

  return TRUE;
}

gboolean
gloss_offsets_char_to_byte (const char *text,
                            gssize      len,
                            guint       char_offset,
                            gsize      *byte_offset)
{
  Cursor cur = { 0, 0, 0 };

  g_return_val_if_fail (text != NULL || len == 0, FALSE);

  if (text == NULL)
    text = "";

  if (!walk_to_char (&cur, text, resolve_length (text, len), char_offset))
    return FALSE;

  if (byte_offset != NULL)
    *byte_offset = cur.byte;

  return TRUE;
}

gboolean
gloss_offsets_byte_to_char (const char *text,
                            gssize      len,
                            gsize       byte_offset,
                            guint      *char_offset)
{
  Cursor cur = { 0, 0, 0 };

  g_return_val_if_fail (text != NULL || len == 0, FALSE);

  if (text == NULL)
    text = "";

  if (!walk_to_byte (&cur, text, resolve_length (text, len), byte_offset))
    return FALSE;

  if (char_offset != NULL)
    *char_offset = cur.chr;

  return TRUE;
}

gboolean
gloss_offsets_char_to_utf16 (const char *text,
                             gssize      len,
                             guint       char_offset,
                             guint      *utf16_offset)
{
  Cursor cur = { 0, 0, 0 };

  g_return_val_if_fail (text != NULL || len == 0, FALSE);

  if (text == NULL)
    text = "";

  if (!walk_to_char (&cur, text, resolve_length (text, len), char_offset))
    return FALSE;

  if (utf16_offset != NULL)
    *utf16_offset = cur.utf16;

  return TRUE;
}

gboolean
gloss_offsets_utf16_to_char (const char *text,
                             gssize      len,
                             guint       utf16_offset,
                             guint      *char_offset)
{
  Cursor cur = { 0, 0, 0 };

  g_return_val_if_fail (text != NULL || len == 0, FALSE);

  if (text == NULL)
    text = "";

  if (!walk_to_utf16 (&cur, text, resolve_length (text, len), utf16_offset))
    return FALSE;

  if (char_offset != NULL)
    *char_offset = cur.chr;

  return TRUE;
}
