/* gloss-offsets.h: conversions between code point, UTF-8 byte and UTF-16 offsets
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-types.h"

G_BEGIN_DECLS

/* Gloss stores offsets in Unicode code points. Formats that count UTF-8 bytes
 * (spaCy token maps, some JSON tools) or UTF-16 code units (doccano, WebAnno
 * TSV, old Label Studio) convert at the edge with these helpers.
 *
 * A GlossOffsetMap precomputes a checkpoint table over one valid UTF-8 text so
 * that many conversions over the same text cost O(log n + k) each instead of a
 * scan from the start. It borrows @text, which must outlive the map. */

GlossOffsetMap *gloss_offset_map_new            (const char     *text,
                                                 gssize          len);
void            gloss_offset_map_free           (GlossOffsetMap *map);
guint           gloss_offset_map_get_n_chars    (GlossOffsetMap *map);
gsize           gloss_offset_map_get_n_bytes    (GlossOffsetMap *map);
guint           gloss_offset_map_get_n_utf16    (GlossOffsetMap *map);

/* Each returns FALSE when the input offset is out of range or falls inside a
 * character (a UTF-8 continuation byte, or between the two halves of a
 * UTF-16 surrogate pair). */
gboolean        gloss_offset_map_char_to_byte   (GlossOffsetMap *map,
                                                 guint           char_offset,
                                                 gsize          *byte_offset);
gboolean        gloss_offset_map_byte_to_char   (GlossOffsetMap *map,
                                                 gsize           byte_offset,
                                                 guint          *char_offset);
gboolean        gloss_offset_map_char_to_utf16  (GlossOffsetMap *map,
                                                 guint           char_offset,
                                                 guint          *utf16_offset);
gboolean        gloss_offset_map_utf16_to_char  (GlossOffsetMap *map,
                                                 guint           utf16_offset,
                                                 guint          *char_offset);

/* One-shot conversions (linear in the offset). */
gboolean        gloss_offsets_char_to_byte      (const char     *text,
                                                 gssize          len,
                                                 guint           char_offset,
                                                 gsize          *byte_offset);
gboolean        gloss_offsets_byte_to_char      (const char     *text,
                                                 gssize          len,
                                                 gsize           byte_offset,
                                                 guint          *char_offset);
gboolean        gloss_offsets_char_to_utf16     (const char     *text,
                                                 gssize          len,
                                                 guint           char_offset,
                                                 guint          *utf16_offset);
gboolean        gloss_offsets_utf16_to_char     (const char     *text,
                                                 gssize          len,
                                                 guint           utf16_offset,
                                                 guint          *char_offset);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossOffsetMap, gloss_offset_map_free)

G_END_DECLS
