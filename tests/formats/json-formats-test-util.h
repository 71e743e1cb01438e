/* json-formats-test-util.h: helpers for the doccano, spaCy and Label Studio units
 * (header only)
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "format-test-util.h"

/* Reads a JSON Lines file, a JSON array or one JSON object into a list of
 * records (JsonNode). */
static inline GPtrArray *
jf_read_records (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *p;
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  p = contents;
  while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
    p++;
  if (*p == '[' || (*p == '{' && strchr (p, '\n') != NULL && p[1] == '\n'))
    {
      JsonNode *root;

      json_parser_load_from_data (parser, contents, len, &error);
      g_assert_no_error (error);
      root = json_parser_get_root (parser);
      if (JSON_NODE_HOLDS_ARRAY (root))
        {
          JsonArray *a = json_node_get_array (root);
          for (guint i = 0; i < json_array_get_length (a); i++)
            g_ptr_array_add (records, json_node_copy (json_array_get_element (a, i)));
        }
      else
        g_ptr_array_add (records, json_node_copy (root));
      return records;
    }
  {
    g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);

    for (guint i = 0; lines[i] != NULL; i++)
      {
        if (*g_strstrip (lines[i]) == '\0')
          continue;
        json_parser_load_from_data (parser, lines[i], -1, &error);
        g_assert_no_error (error);
        g_ptr_array_add (records, json_node_copy (json_parser_get_root (parser)));
      }
  }
  return records;
}

/* A member as a string key: strings as they are, integers printed. */
static inline char *
jf_key (JsonObject *o,
        const char *member)
{
  JsonNode *n = json_object_get_member (o, member);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n))
    return g_strdup ("");
  if (json_node_get_value_type (n) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (n));
  return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (n));
}
