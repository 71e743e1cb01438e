/* suggest-gold.h: the hand-made gold spans of tests/data/suggest/, read the same way by the
 * rules' test and the quality benchmark
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include <json-glib/json-glib.h>

#include "gloss-annotation.h"

/* One gold span of a line of news-gold.jsonl or news-fresh.jsonl:
 * {"label": L, "text": "..." or ["...", "..."], "n": k}: the k-th
 * occurrence (default 1) of its first piece in @text, each further piece
 * the next one after the previous piece. Aborts, naming @line, on a piece
 * the text lacks: the gold file is wrong. */
static inline GlossAnnotation *
suggest_gold_annotation (const char *text,
                         JsonObject *o,
                         guint       line)
{
  JsonNode *t = json_object_get_member (o, "text");
  guint     nth = (guint) json_object_get_int_member_with_default (o, "n", 1);
  g_autoptr(GArray) frags = g_array_new (FALSE, FALSE, sizeof (GlossFragment));
  g_autoptr(GPtrArray) pieces = g_ptr_array_new ();
  const char *from = text;

  if (JSON_NODE_HOLDS_ARRAY (t))
    {
      JsonArray *a = json_node_get_array (t);

      for (guint i = 0; i < json_array_get_length (a); i++)
        g_ptr_array_add (pieces, (gpointer) json_array_get_string_element (a, i));
    }
  else
    g_ptr_array_add (pieces, (gpointer) json_node_get_string (t));

  for (guint i = 0; i < pieces->len; i++)
    {
      const char   *piece = g_ptr_array_index (pieces, i);
      const char   *p = from;
      GlossFragment f;

      for (guint k = 0; k < (i == 0 ? nth : 1); k++)
        {
          p = strstr (k == 0 ? p : p + 1, piece);
          if (p == NULL)
            g_error ("gold line %u: “%s” not found", line, piece);
        }
      f.start = g_utf8_pointer_to_offset (text, p);
      f.end = f.start + g_utf8_strlen (piece, -1);
      g_array_append_val (frags, f);
      from = p + strlen (piece);
    }
  return gloss_annotation_new (json_object_get_string_member (o, "label"),
                               (GlossFragment *) frags->data, frags->len, "gold");
}
