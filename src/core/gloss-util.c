/* gloss-util.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gloss-util-private.h"

char *
_gloss_time_to_iso8601 (gint64 usec)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autofree char *base = NULL;
  gint64 frac = usec % G_USEC_PER_SEC;

  if (frac < 0)
    {
      g_clear_pointer (&dt, g_date_time_unref);
      dt = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC - 1);
      frac += G_USEC_PER_SEC;
    }
  if (dt == NULL)
    return g_strdup ("1970-01-01T00:00:00.000000Z");
  base = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%06" G_GINT64_FORMAT "Z", base, frac);
}

gboolean
_gloss_time_from_iso8601 (const char *str,
                          gint64     *usec)
{
  g_autoptr(GDateTime) dt = NULL;

  if (str == NULL)
    return FALSE;
  dt = g_date_time_new_from_iso8601 (str, NULL);
  if (dt == NULL)
    return FALSE;
  *usec = g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
  return TRUE;
}

GHashTable *
_gloss_attributes_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                (GDestroyNotify) g_variant_unref);
}

GHashTable *
_gloss_attributes_copy (GHashTable *attrs)
{
  GHashTable *copy;
  GHashTableIter iter;
  gpointer k, v;

  if (attrs == NULL || g_hash_table_size (attrs) == 0)
    return NULL;
  copy = _gloss_attributes_new ();
  g_hash_table_iter_init (&iter, attrs);
  while (g_hash_table_iter_next (&iter, &k, &v))
    g_hash_table_insert (copy, g_strdup (k), g_variant_ref (v));
  return copy;
}

void
_gloss_attributes_set (GHashTable **attrs,
                       const char  *name,
                       GVariant    *value)
{
  if (value == NULL)
    {
      if (*attrs != NULL)
        {
          g_hash_table_remove (*attrs, name);
          if (g_hash_table_size (*attrs) == 0)
            g_clear_pointer (attrs, g_hash_table_unref);
        }
      return;
    }
  if (*attrs == NULL)
    *attrs = _gloss_attributes_new ();
  g_hash_table_insert (*attrs, g_strdup (name), g_variant_ref_sink (value));
}

gboolean
_gloss_attributes_equal (GHashTable *a,
                         GHashTable *b)
{
  guint na = a ? g_hash_table_size (a) : 0;
  guint nb = b ? g_hash_table_size (b) : 0;
  GHashTableIter iter;
  gpointer k, v;

  if (na != nb)
    return FALSE;
  if (na == 0)
    return TRUE;
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &k, &v))
    {
      GVariant *other = g_hash_table_lookup (b, k);
      if (other == NULL || !g_variant_equal (v, other))
        return FALSE;
    }
  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

void
_gloss_attributes_to_builder (GHashTable  *attrs,
                              JsonBuilder *builder)
{
  g_autofree gpointer *keys = NULL;
  guint n = 0;

  json_builder_begin_object (builder);
  if (attrs != NULL)
    {
      keys = g_hash_table_get_keys_as_array (attrs, &n);
      qsort (keys, n, sizeof (gpointer), compare_strings);
    }
  for (guint i = 0; i < n; i++)
    {
      GVariant *v = g_hash_table_lookup (attrs, keys[i]);

      json_builder_set_member_name (builder, keys[i]);
      if (g_variant_is_of_type (v, G_VARIANT_TYPE_BOOLEAN))
        json_builder_add_boolean_value (builder, g_variant_get_boolean (v));
      else if (g_variant_is_of_type (v, G_VARIANT_TYPE_STRING))
        json_builder_add_string_value (builder, g_variant_get_string (v, NULL));
      else
        json_builder_add_null_value (builder);
    }
  json_builder_end_object (builder);
}

char *
_gloss_attributes_to_json (GHashTable *attrs)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) gen = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (attrs == NULL || g_hash_table_size (attrs) == 0)
    return g_strdup ("{}");
  builder = json_builder_new ();
  _gloss_attributes_to_builder (attrs, builder);
  root = json_builder_get_root (builder);
  gen = json_generator_new ();
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

GHashTable *
_gloss_attributes_from_node (JsonNode  *node,
                             GError   **error)
{
  g_autoptr(GHashTable) attrs = NULL;
  JsonObject *obj;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "attributes must be a JSON object");
      return NULL;
    }
  obj = json_node_get_object (node);
  if (json_object_get_size (obj) == 0)
    return NULL;
  attrs = _gloss_attributes_new ();
  json_object_iter_init (&iter, obj);
  while (json_object_iter_next (&iter, &name, &member))
    {
      GType vt = JSON_NODE_HOLDS_VALUE (member) ? json_node_get_value_type (member) : G_TYPE_INVALID;

      if (vt == G_TYPE_BOOLEAN)
        g_hash_table_insert (attrs, g_strdup (name),
                             g_variant_ref_sink (g_variant_new_boolean (json_node_get_boolean (member))));
      else if (vt == G_TYPE_STRING)
        g_hash_table_insert (attrs, g_strdup (name),
                             g_variant_ref_sink (g_variant_new_string (json_node_get_string (member))));
      else
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "attribute “%s” must be a string or a boolean", name);
          return NULL;
        }
    }
  return g_steal_pointer (&attrs);
}

GHashTable *
_gloss_attributes_from_json (const char  *json,
                             GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;

  if (json == NULL || json[0] == '\0' || strcmp (json, "{}") == 0)
    return NULL;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, json, -1, error))
    return NULL;
  return _gloss_attributes_from_node (json_parser_get_root (parser), error);
}

/* Writes @v in decimal at @p, returns the end. */
static char *
put_uint (char  *p,
          guint  v)
{
  char digits[16];
  int n = 0;

  do
    digits[n++] = '0' + v % 10;
  while ((v /= 10) > 0);
  while (n > 0)
    *p++ = digits[--n];
  return p;
}

/* Without printf: every annotation written is formatted here. */
char *
_gloss_fragments_to_string (const GlossFragment *frags,
                            guint                n_frags)
{
  /* two numbers of up to 10 digits, '-' and ';' each */
  char *out = g_malloc ((gsize) n_frags * 22 + 1);
  char *p = out;

  for (guint i = 0; i < n_frags; i++)
    {
      if (i > 0)
        *p++ = ';';
      p = put_uint (p, frags[i].start);
      *p++ = '-';
      p = put_uint (p, frags[i].end);
    }
  *p = '\0';
  return out;
}

char *
_gloss_uuid_string_random (void)
{
  static const char hex[] = "0123456789abcdef";
  guint8 bytes[16];
  char *out = g_malloc (37);
  char *p = out;

  for (guint i = 0; i < 4; i++)
    {
      guint32 r = g_random_int ();

      memcpy (bytes + 4 * i, &r, sizeof r);
    }
  /* version 4, variant RFC 4122: the bits GLib sets */
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  for (guint i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        *p++ = '-';
      *p++ = hex[bytes[i] >> 4];
      *p++ = hex[bytes[i] & 0x0f];
    }
  *p = '\0';
  return out;
}

gboolean
_gloss_fragments_from_string (const char  *str,
                              GArray     **out)
{
  g_autoptr(GArray) frags = g_array_new (FALSE, FALSE, sizeof (GlossFragment));
  const char *p = str;

  if (str == NULL || *str == '\0')
    return FALSE;
  while (*p)
    {
      GlossFragment f;
      char *end;
      guint64 v;

      v = g_ascii_strtoull (p, &end, 10);
      if (end == p || *end != '-' || v > G_MAXUINT)
        return FALSE;
      f.start = v;
      p = end + 1;
      v = g_ascii_strtoull (p, &end, 10);
      if (end == p || v > G_MAXUINT)
        return FALSE;
      f.end = v;
      g_array_append_val (frags, f);
      p = end;
      if (*p == ';')
        p++;
      else if (*p != '\0')
        return FALSE;
    }
  *out = g_steal_pointer (&frags);
  return TRUE;
}
