/* gloss-json-merge.c: three-way merge of JSON documents
 *
 * A program that read a JSON document (the project's schema), changed it
 * and writes it back must not undo what another program wrote in the
 * meantime. Given the text it read (base), the text it means to write
 * (ours) and the text now stored (theirs), this applies what ours changed
 * from base to theirs:
 *
 * - objects merge member by member, in theirs' order with members only
 *   ours has after them;
 * - arrays whose elements are all objects with a string "name" (labels,
 *   layers, relation types, attribute definitions) merge element by
 *   element by name, in theirs' order unless ours reordered the elements
 *   it shares with base, new elements after their predecessor;
 * - other arrays merge as sets (what ours removed goes, what ours added
 *   comes, in theirs' order then ours');
 * - a value both changed, differently, is ours: the last writer wins only
 *   where there really is a conflict.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gloss-util-private.h"

static JsonNode *merge_nodes (JsonNode *base,
                              JsonNode *ours,
                              JsonNode *theirs);

static gboolean
same (JsonNode *a,
      JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return json_node_equal (a, b);
}

static gboolean
is_type (JsonNode     *node,
         JsonNodeType  type)
{
  return node != NULL && JSON_NODE_TYPE (node) == type;
}

static JsonNode *
member (JsonNode   *object,
        const char *name)
{
  if (!is_type (object, JSON_NODE_OBJECT))
    return NULL;
  return json_object_get_member (json_node_get_object (object), name);
}

static JsonNode *
merge_objects (JsonNode *base,
               JsonNode *ours,
               JsonNode *theirs)
{
  JsonObject *out = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GList) names = json_object_get_members (json_node_get_object (theirs));
  g_autoptr(GList) our_names = json_object_get_members (json_node_get_object (ours));

  for (GList *l = our_names; l != NULL; l = l->next)
    if (!json_object_has_member (json_node_get_object (theirs), l->data))
      names = g_list_append (names, l->data);
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *merged = merge_nodes (member (base, l->data), member (ours, l->data),
                                      member (theirs, l->data));
      if (merged != NULL)
        json_object_set_member (out, l->data, merged);
    }
  json_node_take_object (node, out);
  return node;
}

/* The "name" of an element of a keyed array, or NULL. */
static const char *
element_name (JsonNode *element)
{
  JsonNode *name = member (element, "name");

  if (name == NULL || JSON_NODE_TYPE (name) != JSON_NODE_VALUE ||
      json_node_get_value_type (name) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (name);
}

/* name -> element, and the names in order; FALSE when @array (which may
 * be NULL, an empty keyed array) is not keyed by unique names. */
static gboolean
index_by_name (JsonNode    *array,
               GHashTable **by_name,
               GPtrArray  **order)
{
  *by_name = g_hash_table_new (g_str_hash, g_str_equal);
  *order = g_ptr_array_new ();
  if (array == NULL)
    return TRUE;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (array)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (array), i);
      const char *name = element_name (element);

      if (name == NULL || g_hash_table_contains (*by_name, name))
        return FALSE;
      g_hash_table_insert (*by_name, (gpointer) name, element);
      g_ptr_array_add (*order, (gpointer) name);
    }
  return TRUE;
}

static void
free_index (GHashTable *by_name,
            GPtrArray  *order)
{
  g_hash_table_unref (by_name);
  g_ptr_array_unref (order);
}

static gboolean
contains (GPtrArray  *names,
          const char *name,
          guint      *at)
{
  return g_ptr_array_find_with_equal_func (names, name, g_str_equal, at);
}

/* The names of @first in order, then each name of @second missing from it
 * after its predecessor in @second (first when it has none). */
static GPtrArray *
interleave (GPtrArray *first,
            GPtrArray *second)
{
  GPtrArray *out = g_ptr_array_copy (first, NULL, NULL);

  for (guint i = 0; i < second->len; i++)
    {
      guint at = 0;

      if (contains (out, second->pdata[i], NULL))
        continue;
      if (i > 0 && contains (out, second->pdata[i - 1], &at))
        at++;
      else if (i > 0)
        at = out->len;
      g_ptr_array_insert (out, at, second->pdata[i]);
    }
  return out;
}

/* The names both @a and @b hold, in @a's order. */
static GPtrArray *
common (GPtrArray *a,
        GPtrArray *b)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < a->len; i++)
    if (contains (b, a->pdata[i], NULL))
      g_ptr_array_add (out, a->pdata[i]);
  return out;
}

static gboolean
same_names (GPtrArray *a,
            GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (strcmp (a->pdata[i], b->pdata[i]) != 0)
      return FALSE;
  return TRUE;
}

static JsonNode *
merge_keyed_arrays (JsonNode   *base,
                    GHashTable *b,
                    GPtrArray  *b_order,
                    GHashTable *o,
                    GPtrArray  *o_order,
                    GHashTable *t,
                    GPtrArray  *t_order)
{
  JsonArray *out = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(GPtrArray) ours_common = common (o_order, b_order);
  g_autoptr(GPtrArray) base_common = common (b_order, o_order);
  g_autoptr(GPtrArray) order = NULL;

  /* ours reordered what it shares with base (a label moved): ours' order */
  if (!same_names (ours_common, base_common))
    order = interleave (o_order, t_order);
  else
    order = interleave (t_order, o_order);
  for (guint i = 0; i < order->len; i++)
    {
      const char *name = order->pdata[i];
      JsonNode *merged = merge_nodes (base ? g_hash_table_lookup (b, name) : NULL,
                                      g_hash_table_lookup (o, name),
                                      g_hash_table_lookup (t, name));
      if (merged != NULL)
        json_array_add_element (out, merged);
    }
  json_node_take_array (node, out);
  return node;
}

static gboolean
array_has (JsonArray *array,
           JsonNode  *value)
{
  if (array == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (json_node_equal (json_array_get_element (array, i), value))
      return TRUE;
  return FALSE;
}

static JsonNode *
merge_sets (JsonNode *base,
            JsonNode *ours,
            JsonNode *theirs)
{
  JsonArray *b = base ? json_node_get_array (base) : NULL;
  JsonArray *o = json_node_get_array (ours);
  JsonArray *t = json_node_get_array (theirs);
  JsonArray *out = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < json_array_get_length (t); i++)
    {
      JsonNode *value = json_array_get_element (t, i);

      /* removed by ours */
      if (array_has (b, value) && !array_has (o, value))
        continue;
      if (!array_has (out, value))
        json_array_add_element (out, json_node_copy (value));
    }
  for (guint i = 0; i < json_array_get_length (o); i++)
    {
      JsonNode *value = json_array_get_element (o, i);

      /* added by ours */
      if (!array_has (b, value) && !array_has (out, value))
        json_array_add_element (out, json_node_copy (value));
    }
  json_node_take_array (node, out);
  return node;
}

static JsonNode *
merge_arrays (JsonNode *base,
              JsonNode *ours,
              JsonNode *theirs)
{
  GHashTable *b, *o, *t;
  GPtrArray *b_order, *o_order, *t_order;
  JsonNode *merged;
  gboolean keyed;

  keyed = index_by_name (base, &b, &b_order);
  keyed = index_by_name (ours, &o, &o_order) && keyed;
  keyed = index_by_name (theirs, &t, &t_order) && keyed;
  /* an empty array on every side is keyed; one with elements must say so */
  keyed = keyed && (o_order->len > 0 || t_order->len > 0 || b_order->len > 0);
  if (keyed)
    merged = merge_keyed_arrays (base, b, b_order, o, o_order, t, t_order);
  else
    merged = merge_sets (base, ours, theirs);
  free_index (b, b_order);
  free_index (o, o_order);
  free_index (t, t_order);
  return merged;
}

/* The merged value, or NULL when it is absent. */
static JsonNode *
merge_nodes (JsonNode *base,
             JsonNode *ours,
             JsonNode *theirs)
{
  if (same (ours, base))
    return theirs ? json_node_copy (theirs) : NULL;
  if (same (theirs, base) || same (ours, theirs))
    return ours ? json_node_copy (ours) : NULL;
  if (is_type (ours, JSON_NODE_OBJECT) && is_type (theirs, JSON_NODE_OBJECT) &&
      (base == NULL || is_type (base, JSON_NODE_OBJECT)))
    return merge_objects (base, ours, theirs);
  if (is_type (ours, JSON_NODE_ARRAY) && is_type (theirs, JSON_NODE_ARRAY) &&
      (base == NULL || is_type (base, JSON_NODE_ARRAY)))
    return merge_arrays (base, ours, theirs);
  /* both changed it, differently */
  return ours ? json_node_copy (ours) : NULL;
}

static JsonNode *
parse (const char  *text,
       const char  *which,
       GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  if (!json_parser_load_from_data (parser, text, -1, error))
    {
      g_prefix_error (error, "%s: ", which);
      return NULL;
    }
  return json_node_copy (json_parser_get_root (parser));
}

char *
_gloss_json_merge3 (const char  *base,
                    const char  *ours,
                    const char  *theirs,
                    GError     **error)
{
  g_autoptr(JsonNode) b = NULL;
  g_autoptr(JsonNode) o = NULL;
  g_autoptr(JsonNode) t = NULL;
  g_autoptr(JsonNode) merged = NULL;
  g_autoptr(JsonGenerator) generator = NULL;

  g_return_val_if_fail (base != NULL && ours != NULL && theirs != NULL, NULL);

  if ((b = parse (base, "base", error)) == NULL ||
      (o = parse (ours, "ours", error)) == NULL ||
      (t = parse (theirs, "theirs", error)) == NULL)
    return NULL;
  merged = merge_nodes (b, o, t);
  if (merged == NULL)
    merged = json_node_new (JSON_NODE_NULL);
  generator = json_generator_new ();
  json_generator_set_root (generator, merged);
  return json_generator_to_data (generator, NULL);
}
