/* test-schema.c: the annotation schema, its presets and its JSON form
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "gloss-schema.h"

typedef struct
{
  guint position;
  guint removed;
  guint added;
} ItemsChanged;

typedef struct
{
  GArray *items_changed;  /* of ItemsChanged */
  guint   n_changed;
} Recorder;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Recorder   *recorder)
{
  ItemsChanged ic = { position, removed, added };

  g_array_append_val (recorder->items_changed, ic);
}

static void
changed_cb (GlossSchema *schema,
            Recorder    *recorder)
{
  recorder->n_changed++;
}

static void
recorder_init (Recorder    *recorder,
               GlossSchema *schema)
{
  recorder->items_changed = g_array_new (FALSE, FALSE, sizeof (ItemsChanged));
  recorder->n_changed = 0;
  g_signal_connect (gloss_schema_get_labels (schema), "items-changed",
                    G_CALLBACK (items_changed_cb), recorder);
  g_signal_connect (schema, "changed", G_CALLBACK (changed_cb), recorder);
}

static void
recorder_reset (Recorder *recorder)
{
  g_array_set_size (recorder->items_changed, 0);
  recorder->n_changed = 0;
}

static void
recorder_clear (Recorder    *recorder,
                GlossSchema *schema)
{
  g_signal_handlers_disconnect_by_data (gloss_schema_get_labels (schema), recorder);
  g_signal_handlers_disconnect_by_data (schema, recorder);
  g_array_unref (recorder->items_changed);
}

static void
assert_items_changed (Recorder *recorder,
                      guint     index,
                      guint     position,
                      guint     removed,
                      guint     added)
{
  ItemsChanged *ic;

  g_assert_cmpuint (index, <, recorder->items_changed->len);
  ic = &g_array_index (recorder->items_changed, ItemsChanged, index);
  g_assert_cmpuint (ic->position, ==, position);
  g_assert_cmpuint (ic->removed, ==, removed);
  g_assert_cmpuint (ic->added, ==, added);
}

static char *
label_names (GlossSchema *schema)
{
  GListModel *labels = gloss_schema_get_labels (schema);
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (labels, i);

      if (i > 0)
        g_string_append_c (str, ' ');
      g_string_append (str, gloss_label_get_name (label));
    }

  return g_string_free (str, FALSE);
}

static char *
strv_to_string (const char * const *strv)
{
  return g_strjoinv (" ", (char **) strv);
}

static gboolean
color_looks_valid (const char *color)
{
  if (color == NULL || strlen (color) != 7 || color[0] != '#')
    return FALSE;
  for (guint i = 1; i < 7; i++)
    {
      if (!g_ascii_isxdigit (color[i]) || g_ascii_isupper (color[i]))
        return FALSE;
    }
  return TRUE;
}

/* Every label has a valid colour and a description, and no two labels
 * share a hotkey or a colour. */
static void
assert_labels_sane (GlossSchema *schema)
{
  g_autoptr(GHashTable) hotkeys = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) colors = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *labels = gloss_schema_get_labels (schema);

  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (labels, i);
      const char *hotkey = gloss_label_get_hotkey (label);
      const char *color = gloss_label_get_color (label);

      g_assert_true (color_looks_valid (color));
      g_assert_nonnull (hotkey);
      g_assert_false (g_hash_table_contains (hotkeys, hotkey));
      g_hash_table_add (hotkeys, (gpointer) hotkey);
      g_assert_false (g_hash_table_contains (colors, color));
      g_hash_table_add (colors, (gpointer) color);
      g_assert_nonnull (gloss_label_get_description (label));
      g_assert_true (g_str_has_suffix (gloss_label_get_description (label), "."));
      g_assert_true (gloss_schema_lookup_hotkey (schema, hotkey) == label);
      g_assert_true (g_strv_contains (gloss_schema_get_layers (schema),
                                      gloss_label_get_layer (label)));
    }
}

static void
test_types (void)
{
  GlossDocumentStatus status;
  GlossAttrType type;

  g_assert_cmpstr (gloss_document_status_to_string (GLOSS_DOCUMENT_STATUS_NEW), ==, "new");
  g_assert_cmpstr (gloss_document_status_to_string (GLOSS_DOCUMENT_STATUS_IN_PROGRESS), ==,
                   "in-progress");
  g_assert_cmpstr (gloss_document_status_to_string (GLOSS_DOCUMENT_STATUS_DONE), ==, "done");
  g_assert_true (gloss_document_status_from_string ("in-progress", &status));
  g_assert_cmpint (status, ==, GLOSS_DOCUMENT_STATUS_IN_PROGRESS);
  g_assert_true (gloss_document_status_from_string ("done", &status));
  g_assert_cmpint (status, ==, GLOSS_DOCUMENT_STATUS_DONE);
  g_assert_false (gloss_document_status_from_string ("Done", &status));
  g_assert_false (gloss_document_status_from_string (NULL, &status));

  g_assert_cmpstr (gloss_attr_type_to_string (GLOSS_ATTR_TYPE_ENUM), ==, "enum");
  g_assert_cmpstr (gloss_attr_type_to_string (GLOSS_ATTR_TYPE_BOOLEAN), ==, "boolean");
  g_assert_cmpstr (gloss_attr_type_to_string (GLOSS_ATTR_TYPE_TEXT), ==, "text");
  g_assert_true (gloss_attr_type_from_string ("boolean", &type));
  g_assert_cmpint (type, ==, GLOSS_ATTR_TYPE_BOOLEAN);
  g_assert_true (gloss_attr_type_from_string ("text", &type));
  g_assert_cmpint (type, ==, GLOSS_ATTR_TYPE_TEXT);
  g_assert_true (gloss_attr_type_from_string ("enum", &type));
  g_assert_cmpint (type, ==, GLOSS_ATTR_TYPE_ENUM);
  g_assert_false (gloss_attr_type_from_string ("number", &type));
}

static void
test_presets_list (void)
{
  const char * const *presets = gloss_schema_list_presets ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossSchema) schema = NULL;

  g_assert_cmpuint (g_strv_length ((char **) presets), ==, 3);
  g_assert_true (g_strv_contains (presets, "news"));
  g_assert_true (g_strv_contains (presets, "conll2003"));
  g_assert_true (g_strv_contains (presets, "ontonotes"));

  for (guint i = 0; presets[i] != NULL; i++)
    {
      g_autoptr(GlossSchema) preset = gloss_schema_new_preset (presets[i], &error);

      g_assert_no_error (error);
      g_assert_cmpstr (gloss_schema_get_name (preset), ==, presets[i]);
      assert_labels_sane (preset);
    }

  schema = gloss_schema_new_preset ("brat", &error);
  g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_UNKNOWN);
  g_assert_null (schema);
  g_assert_nonnull (strstr (error->message, "brat"));
}

static void
test_presets_news (void)
{
  g_autoptr(GlossSchema) schema = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;
  g_autofree char *layers = NULL;
  g_autofree char *values = NULL;
  g_autofree char *ends = NULL;
  g_autoptr(GPtrArray) between = NULL;
  const char *hotkeys[] = { "1", "2", "3", "4", "5", "6", "7", "8", "9", "e", "s", "c", "u" };
  GlossLabel *claim;
  GlossAttrDef *def;
  GlossRelationType *type;
  GListModel *relations;
  GPtrArray *attrs;

  schema = gloss_schema_new_preset ("news", &error);
  g_assert_no_error (error);

  layers = strv_to_string (gloss_schema_get_layers (schema));
  g_assert_cmpstr (layers, ==, "entity claim cue");

  names = label_names (schema);
  g_assert_cmpstr (names, ==,
                   "PERSON ORG GPE LOC FAC NORP DATE MONEY QUANTITY EVENT SOURCE CLAIM CUE");
  g_assert_cmpuint (gloss_schema_get_n_labels (schema), ==, 13);

  for (guint i = 0; i < G_N_ELEMENTS (hotkeys); i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (gloss_schema_get_labels (schema), i);

      g_assert_cmpstr (gloss_label_get_hotkey (label), ==, hotkeys[i]);
      if (i < 11)
        g_assert_cmpstr (gloss_label_get_layer (label), ==, "entity");
    }

  g_assert_cmpstr (gloss_label_get_layer (gloss_schema_lookup_label (schema, "CLAIM")), ==,
                   "claim");
  g_assert_cmpstr (gloss_label_get_layer (gloss_schema_lookup_label (schema, "CUE")), ==, "cue");
  g_assert_cmpuint (gloss_label_get_attributes (gloss_schema_lookup_label (schema, "PERSON"))->len,
                    ==, 0);

  claim = gloss_schema_lookup_label (schema, "CLAIM");
  attrs = gloss_label_get_attributes (claim);
  g_assert_cmpuint (attrs->len, ==, 3);

  def = gloss_label_lookup_attribute (claim, "certainty");
  g_assert_nonnull (def);
  g_assert_cmpint (gloss_attr_def_get_attr_type (def), ==, GLOSS_ATTR_TYPE_ENUM);
  values = strv_to_string (gloss_attr_def_get_values (def));
  g_assert_cmpstr (values, ==, "asserted hedged alleged denied");
  g_assert_cmpstr (g_variant_get_string (gloss_attr_def_get_default_value (def), NULL), ==,
                   "asserted");
  g_clear_pointer (&values, g_free);

  def = gloss_label_lookup_attribute (claim, "status");
  g_assert_nonnull (def);
  values = strv_to_string (gloss_attr_def_get_values (def));
  g_assert_cmpstr (values, ==, "unverified corroborated disputed false");
  g_assert_cmpstr (g_variant_get_string (gloss_attr_def_get_default_value (def), NULL), ==,
                   "unverified");
  g_clear_pointer (&values, g_free);

  def = gloss_label_lookup_attribute (claim, "checkworthy");
  g_assert_nonnull (def);
  g_assert_cmpint (gloss_attr_def_get_attr_type (def), ==, GLOSS_ATTR_TYPE_BOOLEAN);
  g_assert_true (g_variant_is_of_type (gloss_attr_def_get_default_value (def),
                                       G_VARIANT_TYPE_BOOLEAN));
  g_assert_false (g_variant_get_boolean (gloss_attr_def_get_default_value (def)));
  g_assert_null (gloss_attr_def_get_values (def)[0]);
  g_assert_null (gloss_label_lookup_attribute (claim, "confidence"));

  relations = gloss_schema_get_relation_types (schema);
  g_assert_cmpuint (g_list_model_get_n_items (relations), ==, 3);

  type = gloss_schema_lookup_relation_type (schema, "attributed-to");
  g_assert_nonnull (type);
  ends = strv_to_string (gloss_relation_type_get_sources (type));
  g_assert_cmpstr (ends, ==, "CLAIM");
  g_clear_pointer (&ends, g_free);
  ends = strv_to_string (gloss_relation_type_get_targets (type));
  g_assert_cmpstr (ends, ==, "PERSON ORG GPE NORP SOURCE");
  g_clear_pointer (&ends, g_free);
  g_assert_nonnull (gloss_relation_type_get_description (type));
  def = gloss_relation_type_lookup_attribute (type, "confidence");
  g_assert_nonnull (def);
  values = strv_to_string (gloss_attr_def_get_values (def));
  g_assert_cmpstr (values, ==, "high medium low");
  g_assert_null (gloss_attr_def_get_default_value (def));
  g_clear_pointer (&values, g_free);

  type = gloss_schema_lookup_relation_type (schema, "cue");
  g_assert_nonnull (type);
  g_assert_true (gloss_relation_type_allows (type, "CLAIM", "CUE"));
  g_assert_false (gloss_relation_type_allows (type, "CLAIM", "PERSON"));
  g_assert_false (gloss_relation_type_allows (type, "CUE", "CLAIM"));

  type = gloss_schema_lookup_relation_type (schema, "about");
  g_assert_nonnull (type);
  ends = strv_to_string (gloss_relation_type_get_targets (type));
  g_assert_cmpstr (ends, ==, "PERSON ORG GPE LOC FAC NORP DATE MONEY QUANTITY EVENT SOURCE");
  g_clear_pointer (&ends, g_free);
  g_assert_false (gloss_relation_type_allows (type, "CLAIM", "CUE"));
  g_assert_false (gloss_relation_type_allows (type, "CLAIM", "CLAIM"));

  between = gloss_schema_dup_relation_types_between (schema, "CLAIM", "PERSON");
  g_assert_cmpuint (between->len, ==, 2);
  g_assert_cmpstr (gloss_relation_type_get_name (g_ptr_array_index (between, 0)), ==,
                   "attributed-to");
  g_assert_cmpstr (gloss_relation_type_get_name (g_ptr_array_index (between, 1)), ==, "about");
  g_clear_pointer (&between, g_ptr_array_unref);
  between = gloss_schema_dup_relation_types_between (schema, "CLAIM", "LOC");
  g_assert_cmpuint (between->len, ==, 1);
  g_clear_pointer (&between, g_ptr_array_unref);
  between = gloss_schema_dup_relation_types_between (schema, "PERSON", "CLAIM");
  g_assert_cmpuint (between->len, ==, 0);

  attrs = gloss_schema_get_document_attributes (schema);
  g_assert_cmpuint (attrs->len, ==, 2);
  g_assert_cmpstr (gloss_attr_def_get_name (g_ptr_array_index (attrs, 0)), ==, "topic");
  g_assert_cmpint (gloss_attr_def_get_attr_type (g_ptr_array_index (attrs, 0)), ==,
                   GLOSS_ATTR_TYPE_TEXT);
  g_assert_cmpstr (gloss_attr_def_get_name (g_ptr_array_index (attrs, 1)), ==, "reliability");
  values = strv_to_string (gloss_attr_def_get_values (g_ptr_array_index (attrs, 1)));
  g_assert_cmpstr (values, ==, "high medium low");
}

static void
test_presets_others (void)
{
  g_autoptr(GlossSchema) conll = NULL;
  g_autoptr(GlossSchema) onto = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;
  GListModel *labels;

  conll = gloss_schema_new_preset ("conll2003", &error);
  g_assert_no_error (error);
  names = label_names (conll);
  g_assert_cmpstr (names, ==, "PER ORG LOC MISC");
  g_clear_pointer (&names, g_free);
  labels = gloss_schema_get_labels (conll);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (labels, i);
      char hotkey[2] = { (char) ('1' + i), '\0' };

      g_assert_cmpstr (gloss_label_get_hotkey (label), ==, hotkey);
      g_assert_cmpstr (gloss_label_get_layer (label), ==, "entity");
    }
  g_assert_cmpuint (g_list_model_get_n_items (gloss_schema_get_relation_types (conll)), ==, 0);

  onto = gloss_schema_new_preset ("ontonotes", &error);
  g_assert_no_error (error);
  names = label_names (onto);
  g_assert_cmpstr (names, ==,
                   "PERSON NORP FAC ORG GPE LOC PRODUCT EVENT WORK_OF_ART LAW LANGUAGE DATE TIME "
                   "PERCENT MONEY QUANTITY ORDINAL CARDINAL");
  labels = gloss_schema_get_labels (onto);
  g_assert_cmpuint (g_list_model_get_n_items (labels), ==, 18);
  for (guint i = 0; i < 9; i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (labels, i);
      char hotkey[2] = { (char) ('1' + i), '\0' };

      g_assert_cmpstr (gloss_label_get_hotkey (label), ==, hotkey);
    }
  for (guint i = 9; i < 18; i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (labels, i);

      g_assert_true (g_ascii_islower (gloss_label_get_hotkey (label)[0]));
    }
}

static void
assert_round_trip (GlossSchema *schema)
{
  g_autoptr(GlossSchema) parsed = NULL;
  g_autoptr(GlossSchema) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json2 = NULL;
  g_autofree char *json3 = NULL;

  json = gloss_schema_to_json (schema);
  g_assert_true (g_str_has_suffix (json, "}\n"));

  parsed = gloss_schema_new_from_json (json, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (parsed);
  g_assert_true (gloss_schema_equal (schema, parsed));
  g_assert_true (gloss_schema_equal (parsed, schema));

  json2 = gloss_schema_to_json (parsed);
  g_assert_cmpstr (json, ==, json2);

  copy = gloss_schema_copy (schema);
  g_assert_true (gloss_schema_equal (schema, copy));
  json3 = gloss_schema_to_json (copy);
  g_assert_cmpstr (json, ==, json3);
}

static void
test_json_round_trip (void)
{
  const char * const *presets = gloss_schema_list_presets ();
  g_autoptr(GlossSchema) empty = gloss_schema_new ("empty");

  for (guint i = 0; presets[i] != NULL; i++)
    {
      g_autoptr(GlossSchema) schema = gloss_schema_new_preset (presets[i], NULL);

      assert_round_trip (schema);
    }

  assert_round_trip (empty);
}

static void
test_json_shape (void)
{
  g_autoptr(GlossSchema) schema = gloss_schema_new_preset ("news", NULL);
  g_autoptr(GlossSchema) other = gloss_schema_new_preset ("news", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = gloss_schema_to_json (schema);
  g_autoptr(GList) members = NULL;
  JsonObject *root;
  JsonObject *label;
  JsonObject *attr;
  JsonObject *relation;
  const char *root_keys[] = {
    "name", "version", "layers", "labels", "relations", "document_attributes"
  };
  guint i;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));

  /* Keys in a fixed order. */
  members = json_object_get_members (root);
  g_assert_cmpuint (g_list_length (members), ==, G_N_ELEMENTS (root_keys));
  i = 0;
  for (const GList *l = members; l != NULL; l = l->next)
    g_assert_cmpstr (l->data, ==, root_keys[i++]);

  g_assert_cmpstr (json_object_get_string_member (root, "name"), ==, "news");
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (root, "layers"),
                                                    1),
                     "name"), ==, "claim");

  label = json_array_get_object_element (json_object_get_array_member (root, "labels"), 11);
  g_assert_cmpstr (json_object_get_string_member (label, "name"), ==, "CLAIM");
  g_assert_cmpstr (json_object_get_string_member (label, "layer"), ==, "claim");
  g_assert_cmpstr (json_object_get_string_member (label, "hotkey"), ==, "c");
  attr = json_array_get_object_element (json_object_get_array_member (label, "attributes"), 2);
  g_assert_cmpstr (json_object_get_string_member (attr, "name"), ==, "checkworthy");
  g_assert_cmpstr (json_object_get_string_member (attr, "type"), ==, "boolean");
  g_assert_false (json_object_has_member (attr, "values"));
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (attr, "default")), ==,
                   G_TYPE_BOOLEAN);

  label = json_array_get_object_element (json_object_get_array_member (root, "labels"), 0);
  g_assert_false (json_object_has_member (label, "attributes"));

  relation = json_array_get_object_element (json_object_get_array_member (root, "relations"), 0);
  g_assert_cmpstr (json_object_get_string_member (relation, "name"), ==, "attributed-to");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (relation, "source")), ==,
                    1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (relation, "target")), ==,
                    5);
  attr = json_array_get_object_element (json_object_get_array_member (relation, "attributes"), 0);
  g_assert_cmpstr (json_object_get_string_member (attr, "name"), ==, "confidence");
  g_assert_false (json_object_has_member (attr, "default"));

  /* Presets are deterministic, and equal compares contents. */
  g_assert_true (gloss_schema_equal (schema, other));
  g_assert_true (gloss_schema_set_label_hotkey (other, "CUE", "k", NULL));
  g_assert_false (gloss_schema_equal (schema, other));
}

static void
test_json_minimal (void)
{
  const char *json =
    "{\"name\": \"mini\", \"labels\": ["
    "  {\"name\": \"A\", \"color\": \"#AABBCC\", \"description\": \"\"},"
    "  {\"name\": \"B\", \"layer\": \"event\", \"hotkey\": \"b\"}],"
    " \"relations\": [{\"name\": \"link\"}],"
    " \"unknown_key\": 42}";
  g_autoptr(GlossSchema) schema = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *layers = NULL;
  GlossLabel *a;
  GlossLabel *b;
  GlossRelationType *link;

  schema = gloss_schema_new_from_json (json, -1, &error);
  g_assert_no_error (error);

  layers = strv_to_string (gloss_schema_get_layers (schema));
  g_assert_cmpstr (layers, ==, "entity event");

  a = gloss_schema_lookup_label (schema, "A");
  g_assert_cmpstr (gloss_label_get_layer (a), ==, "entity");
  g_assert_cmpstr (gloss_label_get_color (a), ==, "#aabbcc");
  g_assert_null (gloss_label_get_hotkey (a));
  g_assert_null (gloss_label_get_description (a));

  b = gloss_schema_lookup_label (schema, "B");
  g_assert_true (color_looks_valid (gloss_label_get_color (b)));
  g_assert_true (gloss_schema_lookup_hotkey (schema, "b") == b);
  g_assert_null (gloss_schema_lookup_hotkey (schema, "a"));

  /* No ends means any label at either end. */
  link = gloss_schema_lookup_relation_type (schema, "link");
  g_assert_null (gloss_relation_type_get_sources (link)[0]);
  g_assert_true (gloss_relation_type_allows (link, "A", "B"));
  g_assert_true (gloss_relation_type_allows (link, "B", "B"));
  g_assert_true (gloss_schema_check_relation (schema, "link", "B", "A", NULL));

  assert_round_trip (schema);

  /* Explicit length: only the first bytes count. */
  g_clear_object (&schema);
  schema = gloss_schema_new_from_json ("{\"name\": \"x\"}garbage", 13, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gloss_schema_get_name (schema), ==, "x");
}

typedef struct
{
  const char       *json;
  GlossSchemaError  code;
  const char       *message;
} BadCase;

static void
test_json_malformed (void)
{
  static const BadCase cases[] = {
    { "", GLOSS_SCHEMA_ERROR_INVALID, "schema: no JSON data" },
    { "  \n", GLOSS_SCHEMA_ERROR_INVALID, "schema: no JSON data" },
    { "not json", GLOSS_SCHEMA_ERROR_INVALID, "not valid JSON" },
    { "{\"name\": \"x\",", GLOSS_SCHEMA_ERROR_INVALID, "not valid JSON" },
    { "\xff\xfe{}", GLOSS_SCHEMA_ERROR_INVALID, "UTF-8" },
    { "[1, 2]", GLOSS_SCHEMA_ERROR_INVALID, "expected a JSON object" },
    { "42", GLOSS_SCHEMA_ERROR_INVALID, "expected a JSON object" },
    { "{}", GLOSS_SCHEMA_ERROR_INVALID, "schema: missing name" },
    { "{\"name\": 3}", GLOSS_SCHEMA_ERROR_INVALID, "name must be a string" },
    { "{\"name\": \"\"}", GLOSS_SCHEMA_ERROR_INVALID, "empty name" },
    { "{\"name\": \"x\", \"version\": \"1\"}", GLOSS_SCHEMA_ERROR_INVALID, "version" },
    { "{\"name\": \"x\", \"version\": 2}", GLOSS_SCHEMA_ERROR_INVALID, "unsupported version 2" },
    { "{\"name\": \"x\", \"labels\": {}}", GLOSS_SCHEMA_ERROR_INVALID,
      "labels must be an array" },
    { "{\"name\": \"x\", \"labels\": [3]}", GLOSS_SCHEMA_ERROR_INVALID,
      "label 1: expected an object" },
    { "{\"name\": \"x\", \"labels\": [{\"name\": \"A\"}, {}, {\"name\": \"C\"}]}",
      GLOSS_SCHEMA_ERROR_INVALID, "label 2: missing name" },
    { "{\"name\": \"x\", \"labels\": [{\"name\": \"A\"}, {\"name\": \"B\"}, {\"layer\": \"e\"}]}",
      GLOSS_SCHEMA_ERROR_INVALID, "label 3: missing name" },
    { "{\"name\": \"x\", \"labels\": [{\"name\": [\"A\"]}]}", GLOSS_SCHEMA_ERROR_INVALID,
      "label 1: name must be a string" },
    { "{\"name\": \"x\", \"labels\": [{\"name\": \"A B\"}]}", GLOSS_SCHEMA_ERROR_INVALID,
      "invalid name" },
    { "{\"name\": \"x\", \"labels\": [{\"name\": \"A\", \"hotkey\": 1}]}",
      GLOSS_SCHEMA_ERROR_INVALID, "label 1 (A): hotkey must be a string" },
    { "{\"name\": \"x\", \"labels\": [{\"name\": \"A\"}, {\"name\": \"A\"}]}",
      GLOSS_SCHEMA_ERROR_DUPLICATE, "label 2: duplicate label “A”" },
    { "{\"name\": \"x\", \"labels\": [{\"name\": \"A\", \"hotkey\": \"1\"},"
      " {\"name\": \"B\", \"hotkey\": \"1\"}]}",
      GLOSS_SCHEMA_ERROR_DUPLICATE, "hotkey “1” is already used by label “A”" },
    { "{\"name\": \"x\", \"labels\": [{\"name\": \"A\", \"color\": \"blue\"}]}",
      GLOSS_SCHEMA_ERROR_INVALID, "label 1 (A): bad colour “blue”" },
    { "{\"name\": \"x\", \"labels\": [{\"name\": \"A\", \"color\": \"#12345g\"}]}",
      GLOSS_SCHEMA_ERROR_INVALID, "bad colour" },
    { "{\"name\": \"x\", \"labels\": [{\"name\": \"A\", \"color\": \"#fff\"}]}",
      GLOSS_SCHEMA_ERROR_INVALID, "bad colour" },
    { "{\"name\": \"x\", \"labels\": [{\"name\": \"A\", \"layer\": \"a b\"}]}",
      GLOSS_SCHEMA_ERROR_INVALID, "invalid layer" },
    { "{\"name\": \"x\", \"labels\": [{\"name\": \"A\", \"attributes\": {}}]}",
      GLOSS_SCHEMA_ERROR_INVALID, "attributes must be an array" },
    { "{\"name\": \"x\", \"labels\": [{\"name\": \"A\", \"attributes\": [{\"name\": \"n\"}]}]}",
      GLOSS_SCHEMA_ERROR_INVALID, "label 1 (A), attribute 1 (n): missing type" },
    { "{\"name\": \"x\", \"labels\": [{\"name\": \"A\", \"attributes\":"
      " [{\"name\": \"n\", \"type\": \"number\"}]}]}",
      GLOSS_SCHEMA_ERROR_INVALID, "unknown attribute type “number”" },
    { "{\"name\": \"x\", \"labels\": [{\"name\": \"A\", \"attributes\":"
      " [{\"name\": \"n\", \"type\": \"enum\"}]}]}",
      GLOSS_SCHEMA_ERROR_INVALID, "enum attribute without values" },
    { "{\"name\": \"x\", \"labels\": [{\"name\": \"A\", \"attributes\":"
      " [{\"name\": \"n\", \"type\": \"enum\", \"values\": []}]}]}",
      GLOSS_SCHEMA_ERROR_INVALID, "enum attribute without values" },
    { "{\"name\": \"x\", \"labels\": [{\"name\": \"A\", \"attributes\":"
      " [{\"name\": \"n\", \"type\": \"enum\", \"values\": [\"a\", 2]}]}]}",
      GLOSS_SCHEMA_ERROR_INVALID, "values must be an array of non-empty strings" },
    { "{\"name\": \"x\", \"labels\": [{\"name\": \"A\", \"attributes\":"
      " [{\"name\": \"n\", \"type\": \"enum\", \"values\": [\"a\", \"a\"]}]}]}",
      GLOSS_SCHEMA_ERROR_DUPLICATE, "values lists “a” twice" },
    { "{\"name\": \"x\", \"labels\": [{\"name\": \"A\", \"attributes\":"
      " [{\"name\": \"n\", \"type\": \"enum\", \"values\": [\"a\"], \"default\": \"b\"}]}]}",
      GLOSS_SCHEMA_ERROR_INVALID, "default “b” is not one of the values" },
    { "{\"name\": \"x\", \"labels\": [{\"name\": \"A\", \"attributes\":"
      " [{\"name\": \"n\", \"type\": \"boolean\", \"default\": \"false\"}]}]}",
      GLOSS_SCHEMA_ERROR_INVALID, "default must be true or false" },
    { "{\"name\": \"x\", \"labels\": [{\"name\": \"A\", \"attributes\":"
      " [{\"name\": \"n\", \"type\": \"text\", \"default\": true}]}]}",
      GLOSS_SCHEMA_ERROR_INVALID, "default must be a string" },
    { "{\"name\": \"x\", \"labels\": [{\"name\": \"A\", \"attributes\":"
      " [{\"name\": \"n\", \"type\": \"boolean\", \"values\": [\"a\"]}]}]}",
      GLOSS_SCHEMA_ERROR_INVALID, "only enum attributes have values" },
    { "{\"name\": \"x\", \"labels\": [{\"name\": \"A\", \"attributes\":"
      " [{\"name\": \"n\", \"type\": \"text\"}, {\"name\": \"n\", \"type\": \"boolean\"}]}]}",
      GLOSS_SCHEMA_ERROR_DUPLICATE, "duplicate attribute “n”" },
    { "{\"name\": \"x\", \"layers\": [\"entity\"]}", GLOSS_SCHEMA_ERROR_INVALID,
      "layer 1: expected an object" },
    { "{\"name\": \"x\", \"layers\": [{\"name\": \"e\"}, {\"name\": \"e\"}]}",
      GLOSS_SCHEMA_ERROR_DUPLICATE, "layer 2: duplicate layer “e”" },
    { "{\"name\": \"x\", \"labels\": [{\"name\": \"A\"}],"
      " \"relations\": [{\"name\": \"r\", \"source\": [\"A\"], \"target\": [\"B\"]}]}",
      GLOSS_SCHEMA_ERROR_UNKNOWN, "relation 1 (r): target names unknown label “B”" },
    { "{\"name\": \"x\", \"labels\": [{\"name\": \"A\"}],"
      " \"relations\": [{\"name\": \"r\", \"source\": \"A\"}]}",
      GLOSS_SCHEMA_ERROR_INVALID, "source must be an array" },
    { "{\"name\": \"x\", \"relations\": [{\"name\": \"r\"}, {\"name\": \"r\"}]}",
      GLOSS_SCHEMA_ERROR_DUPLICATE, "relation 2: duplicate relation type “r”" },
    { "{\"name\": \"x\", \"relations\": [{\"description\": \"d\"}]}",
      GLOSS_SCHEMA_ERROR_INVALID, "relation 1: missing name" },
    { "{\"name\": \"x\", \"document_attributes\": [{\"name\": \"t\", \"type\": \"int\"}]}",
      GLOSS_SCHEMA_ERROR_INVALID, "document attribute 1 (t): unknown attribute type" },
    { "{\"name\": \"x\", \"document_attributes\": [{\"type\": \"text\"}]}",
      GLOSS_SCHEMA_ERROR_INVALID, "document attribute 1: missing name" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GlossSchema) schema = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *escaped = g_strescape (cases[i].json, NULL);

      g_test_message ("case %u: %s", i, escaped);
      schema = gloss_schema_new_from_json (cases[i].json, -1, &error);
      g_assert_null (schema);
      g_assert_error (error, GLOSS_SCHEMA_ERROR, (int) cases[i].code);
      g_test_message ("  -> %s", error->message);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("case %u: “%s” does not contain “%s”", i, error->message, cases[i].message);
    }

  /* A NUL byte inside the given length. */
  {
    static const char with_nul[] = "{\"name\": \"x\"}\0{}";
    g_autoptr(GlossSchema) schema = NULL;
    g_autoptr(GError) error = NULL;

    schema = gloss_schema_new_from_json (with_nul, sizeof with_nul - 1, &error);
    g_assert_null (schema);
    g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "NUL"));
  }

  /* Deep nesting must not overflow the parser's stack. */
  {
    g_autoptr(GlossSchema) schema = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *deep = g_malloc (200001);

    memset (deep, '[', 200000);
    deep[200000] = '\0';
    schema = gloss_schema_new_from_json (deep, -1, &error);
    g_assert_null (schema);
    g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT);
    g_assert_nonnull (strstr (error->message, "nested"));
  }
}

static void
test_json_file (void)
{
  g_autoptr(GlossSchema) schema = gloss_schema_new_preset ("conll2003", NULL);
  g_autoptr(GlossSchema) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = gloss_schema_to_json (schema);
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "schema.json", NULL);
  g_autofree char *bad = g_build_filename (g_get_tmp_dir (), "bad.json", NULL);

  g_assert_true (g_file_set_contents (path, json, -1, &error));
  g_assert_no_error (error);
  loaded = gloss_schema_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_true (gloss_schema_equal (schema, loaded));
  g_clear_object (&loaded);

  g_assert_true (g_file_set_contents (bad, "{\"name\": \"x\", \"labels\": [{}]}", -1, &error));
  loaded = gloss_schema_new_from_file (bad, &error);
  g_assert_null (loaded);
  g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, bad));
  g_assert_nonnull (strstr (error->message, "label 1: missing name"));
  g_clear_error (&error);

  loaded = gloss_schema_new_from_file ("/nonexistent/schema.json", &error);
  g_assert_null (loaded);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

static void
test_labels_edit (void)
{
  g_autoptr(GlossSchema) schema = gloss_schema_new ("edit");
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;
  g_autofree char *layers = NULL;
  Recorder recorder;
  const char *abc[] = { "A", "B", "C", "D" };

  recorder_init (&recorder, schema);

  for (guint i = 0; i < G_N_ELEMENTS (abc); i++)
    {
      g_autoptr(GlossLabel) label = gloss_label_new (abc[i], i < 3 ? "entity" : "other",
                                                     "#3584e4", NULL, NULL);

      g_assert_true (gloss_schema_add_label (schema, label, &error));
      g_assert_no_error (error);
      assert_items_changed (&recorder, i, i, 0, 1);
    }
  g_assert_cmpuint (recorder.items_changed->len, ==, 4);
  g_assert_cmpuint (recorder.n_changed, ==, 4);
  layers = strv_to_string (gloss_schema_get_layers (schema));
  g_assert_cmpstr (layers, ==, "entity other");

  /* Duplicate name. */
  {
    g_autoptr(GlossLabel) dup = gloss_label_new ("B", NULL, NULL, NULL, NULL);

    recorder_reset (&recorder);
    g_assert_false (gloss_schema_add_label (schema, dup, &error));
    g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_DUPLICATE);
    g_assert_nonnull (strstr (error->message, "“B”"));
    g_clear_error (&error);
    g_assert_cmpuint (recorder.items_changed->len, ==, 0);
    g_assert_cmpuint (recorder.n_changed, ==, 0);
  }

  /* Move D to the front: one removal, one insertion. */
  recorder_reset (&recorder);
  g_assert_true (gloss_schema_move_label (schema, "D", 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (recorder.items_changed->len, ==, 2);
  assert_items_changed (&recorder, 0, 3, 1, 0);
  assert_items_changed (&recorder, 1, 0, 0, 1);
  g_assert_cmpuint (recorder.n_changed, ==, 1);
  names = label_names (schema);
  g_assert_cmpstr (names, ==, "D A B C");
  g_clear_pointer (&names, g_free);

  /* Past the end means last; moving to the same place changes nothing. */
  recorder_reset (&recorder);
  g_assert_true (gloss_schema_move_label (schema, "A", G_MAXUINT, &error));
  assert_items_changed (&recorder, 0, 1, 1, 0);
  assert_items_changed (&recorder, 1, 3, 0, 1);
  names = label_names (schema);
  g_assert_cmpstr (names, ==, "D B C A");
  g_clear_pointer (&names, g_free);
  recorder_reset (&recorder);
  g_assert_true (gloss_schema_move_label (schema, "B", 1, &error));
  g_assert_cmpuint (recorder.items_changed->len, ==, 0);
  g_assert_cmpuint (recorder.n_changed, ==, 0);
  g_assert_false (gloss_schema_move_label (schema, "Z", 0, &error));
  g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_UNKNOWN);
  g_clear_error (&error);

  /* Rename: no items-changed, one "changed". */
  recorder_reset (&recorder);
  g_assert_true (gloss_schema_rename_label (schema, "B", "BEE", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (recorder.items_changed->len, ==, 0);
  g_assert_cmpuint (recorder.n_changed, ==, 1);
  g_assert_null (gloss_schema_lookup_label (schema, "B"));
  g_assert_nonnull (gloss_schema_lookup_label (schema, "BEE"));
  g_assert_false (gloss_schema_rename_label (schema, "BEE", "C", &error));
  g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_false (gloss_schema_rename_label (schema, "BEE", "B E", &error));
  g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gloss_schema_rename_label (schema, "nope", "X", &error));
  g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_UNKNOWN);
  g_clear_error (&error);
  /* The old name may point into the label itself. */
  g_assert_true (gloss_schema_rename_label (schema,
                                            gloss_label_get_name (
                                              gloss_schema_lookup_label (schema, "BEE")),
                                            "B", &error));
  g_assert_no_error (error);

  /* Remove C (index 2). */
  recorder_reset (&recorder);
  g_assert_true (gloss_schema_remove_label (schema, "C", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (recorder.items_changed->len, ==, 1);
  assert_items_changed (&recorder, 0, 2, 1, 0);
  g_assert_cmpuint (recorder.n_changed, ==, 1);
  names = label_names (schema);
  g_assert_cmpstr (names, ==, "D B A");
  g_clear_pointer (&names, g_free);
  g_assert_false (gloss_schema_remove_label (schema, "C", &error));
  g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_UNKNOWN);
  g_clear_error (&error);

  /* Property changes of a label in the schema emit "changed"... */
  recorder_reset (&recorder);
  gloss_label_set_color (gloss_schema_lookup_label (schema, "A"), "#33D17A");
  g_assert_cmpstr (gloss_label_get_color (gloss_schema_lookup_label (schema, "A")), ==,
                   "#33d17a");
  g_assert_cmpuint (recorder.n_changed, ==, 1);
  gloss_label_set_color (gloss_schema_lookup_label (schema, "A"), "#33d17a");
  g_assert_cmpuint (recorder.n_changed, ==, 1);
  gloss_label_set_layer (gloss_schema_lookup_label (schema, "A"), "third");
  g_assert_cmpuint (recorder.n_changed, ==, 2);
  g_clear_pointer (&layers, g_free);
  layers = strv_to_string (gloss_schema_get_layers (schema));
  g_assert_cmpstr (layers, ==, "entity other third");
  {
    g_autoptr(GlossAttrDef) def = gloss_attr_def_new ("note", GLOSS_ATTR_TYPE_TEXT, NULL, NULL);

    gloss_label_add_attribute (gloss_schema_lookup_label (schema, "A"), def);
    g_assert_cmpuint (recorder.n_changed, ==, 3);
  }

  /* ...but not after it was removed. */
  {
    g_autoptr(GlossLabel) d = g_object_ref (gloss_schema_lookup_label (schema, "D"));

    g_assert_true (gloss_schema_remove_label (schema, "D", NULL));
    recorder_reset (&recorder);
    gloss_label_set_description (d, "Gone.");
    g_assert_cmpuint (recorder.n_changed, ==, 0);
  }

  /* Layers. */
  recorder_reset (&recorder);
  g_assert_true (gloss_schema_add_layer (schema, "fourth", &error));
  g_assert_cmpuint (recorder.n_changed, ==, 1);
  g_assert_false (gloss_schema_add_layer (schema, "fourth", &error));
  g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_false (gloss_schema_add_layer (schema, "", &error));
  g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID);
  g_clear_error (&error);

  assert_round_trip (schema);
  recorder_clear (&recorder, schema);
}

static void
test_labels_hotkey (void)
{
  g_autoptr(GlossSchema) schema = gloss_schema_new_preset ("news", NULL);
  g_autoptr(GlossLabel) extra = NULL;
  g_autoptr(GError) error = NULL;

  extra = gloss_label_new ("WEAPON", "entity", "#e01b24", "1", "A weapon.");
  g_assert_false (gloss_schema_add_label (schema, extra, &error));
  g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "PERSON"));
  g_assert_nonnull (strstr (error->message, "“1”"));
  g_clear_error (&error);
  g_assert_null (gloss_schema_lookup_label (schema, "WEAPON"));

  gloss_label_set_hotkey (extra, "w");
  g_assert_true (gloss_schema_add_label (schema, extra, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_schema_lookup_hotkey (schema, "w") == extra);

  g_assert_false (gloss_schema_set_label_hotkey (schema, "WEAPON", "c", &error));
  g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "CLAIM"));
  g_clear_error (&error);
  g_assert_cmpstr (gloss_label_get_hotkey (extra), ==, "w");

  g_assert_false (gloss_schema_set_label_hotkey (schema, "WEAPON", "two words", &error));
  g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gloss_schema_set_label_hotkey (schema, "NOPE", "x", &error));
  g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_UNKNOWN);
  g_clear_error (&error);

  /* Setting a label's own hotkey again is fine; clearing frees it. */
  g_assert_true (gloss_schema_set_label_hotkey (schema, "CLAIM", "c", &error));
  g_assert_true (gloss_schema_set_label_hotkey (schema, "CLAIM", NULL, &error));
  g_assert_null (gloss_label_get_hotkey (gloss_schema_lookup_label (schema, "CLAIM")));
  g_assert_null (gloss_schema_lookup_hotkey (schema, "c"));
  g_assert_true (gloss_schema_set_label_hotkey (schema, "WEAPON", "c", &error));
  g_assert_no_error (error);
  g_assert_true (gloss_schema_lookup_hotkey (schema, "c") == extra);
  g_assert_true (gloss_schema_set_label_hotkey (schema, "CLAIM", "F2", &error));
  g_assert_no_error (error);

  assert_round_trip (schema);
}

static void
test_relations (void)
{
  g_autoptr(GlossSchema) schema = gloss_schema_new_preset ("news", NULL);
  g_autoptr(GlossRelationType) bad = NULL;
  g_autoptr(GlossRelationType) dup = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ends = NULL;
  GlossRelationType *type;
  GListModel *relations = gloss_schema_get_relation_types (schema);
  const char *sources[] = { "CLAIM", NULL };
  const char *unknown[] = { "PERSON", "WEAPON", NULL };

  g_assert_true (gloss_schema_check_relation (schema, "attributed-to", "CLAIM", "SOURCE", &error));
  g_assert_no_error (error);
  g_assert_true (gloss_schema_check_relation (schema, "cue", "CLAIM", "CUE", &error));
  g_assert_true (gloss_schema_check_relation (schema, "about", "CLAIM", "MONEY", &error));

  g_assert_false (gloss_schema_check_relation (schema, "attributed-to", "CLAIM", "DATE", &error));
  g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_NOT_ALLOWED);
  g_assert_nonnull (strstr (error->message, "attributed-to"));
  g_clear_error (&error);
  g_assert_false (gloss_schema_check_relation (schema, "attributed-to", "PERSON", "CLAIM",
                                               &error));
  g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_false (gloss_schema_check_relation (schema, "cue", "CLAIM", "CLAIM", &error));
  g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_false (gloss_schema_check_relation (schema, "supports", "CLAIM", "CLAIM", &error));
  g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_UNKNOWN);
  g_clear_error (&error);
  g_assert_false (gloss_schema_check_relation (schema, "cue", "CLAIM", "VERB", &error));
  g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_UNKNOWN);
  g_assert_nonnull (strstr (error->message, "VERB"));
  g_clear_error (&error);

  /* Adding: unknown ends and duplicates are refused. */
  bad = gloss_relation_type_new ("mentions", NULL, sources, unknown);
  g_assert_false (gloss_schema_add_relation_type (schema, bad, &error));
  g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_UNKNOWN);
  g_assert_nonnull (strstr (error->message, "WEAPON"));
  g_clear_error (&error);
  dup = gloss_relation_type_new ("cue", NULL, NULL, NULL);
  g_assert_false (gloss_schema_add_relation_type (schema, dup, &error));
  g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (relations), ==, 3);

  /* Renaming a label renames it at the relation ends. */
  g_assert_true (gloss_schema_rename_label (schema, "SOURCE", "ANON", &error));
  g_assert_no_error (error);
  type = gloss_schema_lookup_relation_type (schema, "attributed-to");
  ends = strv_to_string (gloss_relation_type_get_targets (type));
  g_assert_cmpstr (ends, ==, "PERSON ORG GPE NORP ANON");
  g_clear_pointer (&ends, g_free);
  g_assert_true (gloss_schema_check_relation (schema, "attributed-to", "CLAIM", "ANON", NULL));

  /* Removing a label drops it from the ends, unless it is alone there. */
  g_assert_true (gloss_schema_remove_label (schema, "NORP", &error));
  g_assert_no_error (error);
  ends = strv_to_string (gloss_relation_type_get_targets (type));
  g_assert_cmpstr (ends, ==, "PERSON ORG GPE ANON");
  g_clear_pointer (&ends, g_free);
  g_assert_false (gloss_schema_remove_label (schema, "CUE", &error));
  g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_NOT_ALLOWED);
  g_assert_nonnull (strstr (error->message, "cue"));
  g_clear_error (&error);
  g_assert_nonnull (gloss_schema_lookup_label (schema, "CUE"));

  g_assert_true (gloss_schema_remove_relation_type (schema, "cue", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (relations), ==, 2);
  g_assert_true (gloss_schema_remove_label (schema, "CUE", &error));
  g_assert_no_error (error);
  g_assert_false (gloss_schema_remove_relation_type (schema, "cue", &error));
  g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_UNKNOWN);
  g_clear_error (&error);

  g_assert_true (gloss_schema_add_relation_type (schema, dup, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_schema_check_relation (schema, "cue", "PERSON", "CLAIM", &error));

  assert_round_trip (schema);
}

static void
test_attributes (void)
{
  g_autoptr(GlossSchema) schema = gloss_schema_new_preset ("news", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) hedged = g_variant_ref_sink (g_variant_new_string ("hedged"));
  g_autoptr(GVariant) maybe = g_variant_ref_sink (g_variant_new_string ("maybe"));
  g_autoptr(GVariant) yes = g_variant_ref_sink (g_variant_new_boolean (TRUE));
  g_autoptr(GVariant) number = g_variant_ref_sink (g_variant_new_int32 (3));
  g_autoptr(GlossAttrDef) def = NULL;
  GlossAttrDef *topic;
  const char * const values[] = { "x", "y", NULL };

  g_assert_true (gloss_schema_check_label_attribute (schema, "CLAIM", "certainty", hedged,
                                                     &error));
  g_assert_no_error (error);
  g_assert_true (gloss_schema_check_label_attribute (schema, "CLAIM", "checkworthy", yes,
                                                     &error));

  g_assert_false (gloss_schema_check_label_attribute (schema, "CLAIM", "certainty", maybe,
                                                      &error));
  g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_NOT_ALLOWED);
  g_assert_nonnull (strstr (error->message, "maybe"));
  g_assert_nonnull (strstr (error->message, "certainty"));
  g_clear_error (&error);
  g_assert_false (gloss_schema_check_label_attribute (schema, "CLAIM", "certainty", yes, &error));
  g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_false (gloss_schema_check_label_attribute (schema, "CLAIM", "checkworthy", hedged,
                                                      &error));
  g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_false (gloss_schema_check_label_attribute (schema, "CLAIM", "checkworthy", NULL,
                                                      &error));
  g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_false (gloss_schema_check_label_attribute (schema, "PERSON", "certainty", hedged,
                                                      &error));
  g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_UNKNOWN);
  g_assert_nonnull (strstr (error->message, "PERSON"));
  g_clear_error (&error);
  g_assert_false (gloss_schema_check_label_attribute (schema, "THING", "certainty", hedged,
                                                      &error));
  g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_UNKNOWN);
  g_clear_error (&error);

  topic = g_ptr_array_index (gloss_schema_get_document_attributes (schema), 0);
  g_assert_true (gloss_attr_def_check_value (topic, maybe, &error));
  g_assert_false (gloss_attr_def_check_value (topic, number, &error));
  g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_NOT_ALLOWED);
  g_clear_error (&error);

  /* A boxed, refcounted definition. */
  def = gloss_attr_def_new ("pick", GLOSS_ATTR_TYPE_ENUM, values, g_variant_new_string ("y"));
  g_assert_true (G_TYPE_IS_BOXED (GLOSS_TYPE_ATTR_DEF));
  {
    GlossAttrDef *copy = g_boxed_copy (GLOSS_TYPE_ATTR_DEF, def);

    g_assert_true (copy == def);
    g_boxed_free (GLOSS_TYPE_ATTR_DEF, copy);
  }
  g_assert_cmpstr (gloss_attr_def_get_name (def), ==, "pick");
  g_assert_cmpstr (gloss_attr_def_get_values (def)[1], ==, "y");
  g_assert_cmpstr (g_variant_get_string (gloss_attr_def_get_default_value (def), NULL), ==, "y");
}

/* Ends longer than a few labels are also hashed: they must follow renames
 * and removals like short ones. */
static void
test_relations_long_ends (void)
{
  g_autoptr(GlossSchema) schema = gloss_schema_new ("ends");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GlossRelationType) type = NULL;
  g_autoptr(GPtrArray) between = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) sources = NULL;
  const char * const targets[] = { "L39", NULL };

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *name = g_strdup_printf ("L%u", i);
      g_autoptr(GlossLabel) label = gloss_label_new (name, NULL, NULL, NULL, NULL);

      g_assert_true (gloss_schema_add_label (schema, label, &error));
      if (i < 30)
        g_strv_builder_add (builder, name);
    }
  sources = g_strv_builder_end (builder);
  type = gloss_relation_type_new ("r", NULL, (const char * const *) sources, targets);
  g_assert_true (gloss_schema_add_relation_type (schema, type, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *name = g_strdup_printf ("L%u", i);

      g_assert_cmpint (gloss_relation_type_allows (type, name, "L39"), ==, i < 30);
      g_assert_false (gloss_relation_type_allows (type, name, "L0"));
    }

  g_assert_true (gloss_schema_rename_label (schema, "L3", "X", &error));
  g_assert_true (gloss_relation_type_allows (type, "X", "L39"));
  g_assert_false (gloss_relation_type_allows (type, "L3", "L39"));
  g_assert_true (gloss_schema_rename_label (schema, "L39", "Y", &error));
  g_assert_true (gloss_relation_type_allows (type, "X", "Y"));
  g_assert_true (gloss_schema_remove_label (schema, "L4", &error));
  g_assert_false (gloss_relation_type_allows (type, "L4", "Y"));
  g_assert_true (gloss_relation_type_allows (type, "L5", "Y"));
  g_assert_no_error (error);

  between = gloss_schema_dup_relation_types_between (schema, "L29", "Y");
  g_assert_cmpuint (between->len, ==, 1);
  g_clear_pointer (&between, g_ptr_array_unref);
  between = gloss_schema_dup_relation_types_between (schema, "L30", "Y");
  g_assert_cmpuint (between->len, ==, 0);

  assert_round_trip (schema);
}

/* ---- Bounded hostile input */

/* The JSON the schema wrote before its lookups were hashed, pinned: the
 * index must not change a byte of the output. */
static void
test_json_presets_unchanged (void)
{
  static const struct
  {
    const char *preset;
    const char *sha256;
  } expected[] = {
    { "news", "b98ca435dece6235e50d8a08f216d88278ffd1f7049b2af5df2a3bc89b7421d1" },
    { "conll2003", "e14132eb8afc18ff031a197d42bdac6877a685a841a3b8a16324c038bd0971ac" },
    { "ontonotes", "414d2e34055bf4f6d726e3a2a4494e9ea7ff68aa6fdf8f4ce687a8b9c50a0c60" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(GlossSchema) schema = gloss_schema_new_preset (expected[i].preset, NULL);
      g_autofree char *json = gloss_schema_to_json (schema);
      g_autofree char *sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, json, -1);

      g_assert_cmpstr (sha256, ==, expected[i].sha256);
    }
}

/* Appends @prefix, @number and @suffix; without allocating, unlike
 * g_string_append_printf(), which counts under sanitizers. */
static void
append_numbered (GString    *str,
                 const char *prefix,
                 guint       number,
                 const char *suffix)
{
  char digits[16];

  g_string_append (str, prefix);
  g_string_append_len (str, digits, g_snprintf (digits, sizeof digits, "%u", number));
  g_string_append (str, suffix);
}

/* {"name": "big", "labels": [{"name": "L0"}, …]} with @n labels. */
static GString *
labels_json (guint    n,
             gboolean with_hotkeys)
{
  GString *json = g_string_new ("{\"name\": \"big\", \"labels\": [");

  for (guint i = 0; i < n; i++)
    {
      append_numbered (json, i > 0 ? ", {\"name\": \"L" : "{\"name\": \"L", i, "\"");
      if (with_hotkeys)
        append_numbered (json, ", \"hotkey\": \"K", i, "\"");
      g_string_append_c (json, '}');
    }

  g_string_append (json, "]}");

  return json;
}

static void
test_limits_million_labels (void)
{
  g_autoptr(GString) json = labels_json (1000000, FALSE);
  g_autoptr(GlossSchema) schema = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_strdup_printf ("more than %u labels", GLOSS_SCHEMA_MAX_LABELS);
  gint64 start;

  start = g_get_monotonic_time ();
  schema = gloss_schema_new_from_json (json->str, json->len, &error);
  g_test_message ("1,000,000 labels (%zu bytes) refused in %.4f s",
                  json->len, (g_get_monotonic_time () - start) / 1e6);

  g_assert_null (schema);
  g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT);
  g_test_message ("  -> %s", error->message);
  g_assert_nonnull (strstr (error->message, expected));
}

/* A schema at the limit loads, writes the same JSON again, and finds every
 * label by name and by hotkey. */
static void
test_limits_labels_at_limit (void)
{
  g_autoptr(GString) json = labels_json (GLOSS_SCHEMA_MAX_LABELS, TRUE);
  g_autoptr(GlossSchema) schema = NULL;
  g_autoptr(GlossSchema) again = NULL;
  g_autoptr(GlossLabel) extra = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *out_again = NULL;
  GListModel *labels;
  gint64 start;

  start = g_get_monotonic_time ();
  schema = gloss_schema_new_from_json (json->str, json->len, &error);
  g_test_message ("%u labels loaded in %.3f s", GLOSS_SCHEMA_MAX_LABELS,
                  (g_get_monotonic_time () - start) / 1e6);
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_schema_get_n_labels (schema), ==, GLOSS_SCHEMA_MAX_LABELS);

  labels = gloss_schema_get_labels (schema);
  for (guint i = 0; i < GLOSS_SCHEMA_MAX_LABELS; i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (labels, i);
      g_autofree char *name = g_strdup_printf ("L%u", i);
      g_autofree char *hotkey = g_strdup_printf ("K%u", i);

      g_assert_cmpstr (gloss_label_get_name (label), ==, name);
      g_assert_true (gloss_schema_lookup_label (schema, name) == label);
      g_assert_true (gloss_schema_lookup_hotkey (schema, hotkey) == label);
    }
  g_assert_null (gloss_schema_lookup_label (schema, "L10000"));
  g_assert_null (gloss_schema_lookup_hotkey (schema, "K10000"));

  out = gloss_schema_to_json (schema);
  start = g_get_monotonic_time ();
  again = gloss_schema_new_from_json (out, -1, &error);
  g_test_message ("its own JSON (%zu bytes) loaded in %.3f s", strlen (out),
                  (g_get_monotonic_time () - start) / 1e6);
  g_assert_no_error (error);
  g_assert_true (gloss_schema_equal (schema, again));
  out_again = gloss_schema_to_json (again);
  g_assert_cmpstr (out, ==, out_again);

  /* One more is refused through the API too. */
  extra = gloss_label_new ("EXTRA", NULL, NULL, NULL, NULL);
  g_assert_false (gloss_schema_add_label (schema, extra, &error));
  g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "10000 labels"));
  g_assert_null (gloss_schema_lookup_label (schema, "EXTRA"));
}

typedef enum
{
  SHAPE_LABEL_ATTRIBUTES,     /* n attributes on one label */
  SHAPE_RELATION_ATTRIBUTES,  /* n attributes on one relation type */
  SHAPE_DOCUMENT_ATTRIBUTES,  /* n document attributes */
  SHAPE_ENUM_VALUES,          /* n values of one enum attribute */
  SHAPE_RELATIONS,            /* n relation types */
  SHAPE_LAYERS,               /* n layers */
  SHAPE_ENDS,                 /* one relation type with a source of n labels */
  SHAPE_LABEL_NAME,           /* a label name of n characters */
  SHAPE_LAYER_NAME,           /* a label's layer of n characters */
  SHAPE_RELATION_NAME,        /* a relation type name of n characters */
  SHAPE_ATTRIBUTE_NAME,       /* an attribute name of n characters */
  SHAPE_ESCAPED_ATTRIBUTES,   /* as LABEL_ATTRIBUTES, the member name escaped */
} Shape;

static char *
long_name (guint n)
{
  GString *str = g_string_new (NULL);

  /* Two bytes a character: the limit counts characters. */
  for (guint i = 0; i < n; i++)
    g_string_append (str, "é");

  return g_string_free (str, FALSE);
}

static char *
shape_json (Shape shape,
            guint n)
{
  g_autofree char *name = long_name (n);
  GString *json = g_string_new ("{\"name\": \"x\"");

  switch (shape)
    {
    case SHAPE_LABEL_ATTRIBUTES:
    case SHAPE_ESCAPED_ATTRIBUTES:
      g_string_append_printf (json, ", \"labels\": [{\"name\": \"A\", \"%s\": [",
                              shape == SHAPE_LABEL_ATTRIBUTES ? "attributes"
                                                              : "attribut\\u0065s");
      for (guint i = 0; i < n; i++)
        {
          g_string_append (json, i > 0 ? ", " : "");
          append_numbered (json, "{\"name\": \"a", i, "\", \"type\": \"text\"}");
        }
      g_string_append (json, "]}]");
      break;

    case SHAPE_RELATION_ATTRIBUTES:
      g_string_append (json, ", \"relations\": [{\"name\": \"r\", \"attributes\": [");
      for (guint i = 0; i < n; i++)
        {
          g_string_append (json, i > 0 ? ", " : "");
          append_numbered (json, "{\"name\": \"a", i, "\", \"type\": \"boolean\"}");
        }
      g_string_append (json, "]}]");
      break;

    case SHAPE_DOCUMENT_ATTRIBUTES:
      g_string_append (json, ", \"document_attributes\": [");
      for (guint i = 0; i < n; i++)
        {
          g_string_append (json, i > 0 ? ", " : "");
          append_numbered (json, "{\"name\": \"a", i, "\", \"type\": \"text\"}");
        }
      g_string_append (json, "]");
      break;

    case SHAPE_ENUM_VALUES:
      g_string_append (json, ", \"labels\": [{\"name\": \"A\", \"attributes\": "
                             "[{\"name\": \"e\", \"type\": \"enum\", \"values\": [");
      for (guint i = 0; i < n; i++)
        {
          g_string_append (json, i > 0 ? ", " : "");
          append_numbered (json, "\"v", i, "\"");
        }
      g_string_append (json, "]}]}]");
      break;

    case SHAPE_RELATIONS:
      g_string_append (json, ", \"relations\": [");
      for (guint i = 0; i < n; i++)
        {
          g_string_append (json, i > 0 ? ", " : "");
          append_numbered (json, "{\"name\": \"r", i, "\"}");
        }
      g_string_append (json, "]");
      break;

    case SHAPE_LAYERS:
      g_string_append (json, ", \"layers\": [");
      for (guint i = 0; i < n; i++)
        {
          g_string_append (json, i > 0 ? ", " : "");
          append_numbered (json, "{\"name\": \"y", i, "\"}");
        }
      g_string_append (json, "]");
      break;

    case SHAPE_ENDS:
      g_string_append (json, ", \"labels\": [");
      for (guint i = 0; i < MIN (n, GLOSS_SCHEMA_MAX_LABELS); i++)
        {
          g_string_append (json, i > 0 ? ", " : "");
          append_numbered (json, "{\"name\": \"L", i, "\"}");
        }
      g_string_append (json, "], \"relations\": [{\"name\": \"r\", \"source\": [");
      for (guint i = 0; i < n; i++)
        {
          g_string_append (json, i > 0 ? ", " : "");
          append_numbered (json, "\"L", i, "\"");
        }
      g_string_append (json, "]}]");
      break;

    case SHAPE_LABEL_NAME:
      g_string_append_printf (json, ", \"labels\": [{\"name\": \"%s\"}]", name);
      break;

    case SHAPE_LAYER_NAME:
      g_string_append_printf (json, ", \"labels\": [{\"name\": \"A\", \"layer\": \"%s\"}]", name);
      break;

    case SHAPE_RELATION_NAME:
      g_string_append_printf (json, ", \"relations\": [{\"name\": \"%s\"}]", name);
      break;

    case SHAPE_ATTRIBUTE_NAME:
      g_string_append_printf (json, ", \"labels\": [{\"name\": \"A\", \"attributes\": "
                                    "[{\"name\": \"%s\", \"type\": \"text\"}]}]", name);
      break;

    default:
      g_assert_not_reached ();
    }

  g_string_append (json, "}");

  return g_string_free (json, FALSE);
}

/* Each limit: at it the schema loads and round-trips, one past it is refused
 * with a message naming what is too many or too long and the limit. */
static void
test_limits_json (void)
{
  static const struct
  {
    Shape       shape;
    guint       limit;
    const char *message;
  } cases[] = {
    { SHAPE_LABEL_ATTRIBUTES, GLOSS_SCHEMA_MAX_ATTRIBUTES,
      "label 1: more than 256 attributes (the limit)" },
    { SHAPE_RELATION_ATTRIBUTES, GLOSS_SCHEMA_MAX_ATTRIBUTES,
      "relation 1: more than 256 attributes (the limit)" },
    { SHAPE_DOCUMENT_ATTRIBUTES, GLOSS_SCHEMA_MAX_ATTRIBUTES,
      "schema: more than 256 document attributes (the limit)" },
    { SHAPE_ENUM_VALUES, GLOSS_SCHEMA_MAX_ENUM_VALUES,
      "label 1, attribute 1: values has more than 1000 entries (the limit)" },
    { SHAPE_RELATIONS, GLOSS_SCHEMA_MAX_RELATION_TYPES,
      "schema: more than 10000 relation types (the limit)" },
    { SHAPE_LAYERS, GLOSS_SCHEMA_MAX_LAYERS,
      "schema: more than 10000 layers (the limit)" },
    { SHAPE_ENDS, GLOSS_SCHEMA_MAX_LABELS,
      "relation 1: source has more than 10000 entries (the limit)" },
    { SHAPE_LABEL_NAME, GLOSS_SCHEMA_MAX_NAME_LENGTH,
      "is longer than 200 characters (the limit)" },
    { SHAPE_LAYER_NAME, GLOSS_SCHEMA_MAX_NAME_LENGTH,
      "is longer than 200 characters (the limit)" },
    { SHAPE_RELATION_NAME, GLOSS_SCHEMA_MAX_NAME_LENGTH,
      "is longer than 200 characters (the limit)" },
    { SHAPE_ATTRIBUTE_NAME, GLOSS_SCHEMA_MAX_NAME_LENGTH,
      "is longer than 200 characters (the limit)" },
    /* The quick pass cannot read the escaped name: the parser refuses. */
    { SHAPE_ESCAPED_ATTRIBUTES, GLOSS_SCHEMA_MAX_ATTRIBUTES,
      "label 1 (A): more than 256 attributes (the limit)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *at_limit = shape_json (cases[i].shape, cases[i].limit);
      g_autofree char *past_limit = shape_json (cases[i].shape, cases[i].limit + 1);
      g_autoptr(GlossSchema) schema = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("case %u: %u", i, cases[i].limit);
      schema = gloss_schema_new_from_json (at_limit, -1, &error);
      g_assert_no_error (error);
      /* Large ones round-trip in /core/schema/limits/labels-at-limit; here
       * they would cost seconds under sanitizers. */
      if (cases[i].limit < GLOSS_SCHEMA_MAX_LABELS)
        assert_round_trip (schema);
      g_clear_object (&schema);

      schema = gloss_schema_new_from_json (past_limit, -1, &error);
      g_assert_null (schema);
      g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT);
      g_test_message ("  -> %s", error->message);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("case %u: “%s” does not contain “%s”", i, error->message, cases[i].message);
    }
}

/* Limits on the JSON text itself, whatever the schema parts. */
static void
test_limits_json_text (void)
{
  g_autoptr(GlossSchema) schema = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) json = NULL;

  /* Nesting behind a comment, which json-glib skips and a bracket count
   * alone would not: refused, not a stack overflow. */
  json = g_string_new ("{\"name\": \"x\", \"other\": /* \" */ ");
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (json, '[');
  schema = gloss_schema_new_from_json (json->str, json->len, &error);
  g_assert_null (schema);
  g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID);
  g_test_message ("comment: %s", error->message);
  g_assert_nonnull (strstr (error->message, "unexpected “/” on line 1"));
  g_clear_error (&error);
  g_string_free (g_steal_pointer (&json), TRUE);

  /* Single-quoted strings, which could hide brackets the same way. */
  schema = gloss_schema_new_from_json ("{\"name\": 'x'}", -1, &error);
  g_assert_null (schema);
  g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "unexpected “'”"));
  g_clear_error (&error);

  /* A long array the schema would ignore. */
  json = g_string_new ("{\"name\": \"x\",\n\"other\": [0");
  for (guint i = 0; i < GLOSS_SCHEMA_MAX_JSON_ENTRIES; i++)
    g_string_append (json, ", 0");
  g_string_append (json, "]}");
  schema = gloss_schema_new_from_json (json->str, json->len, &error);
  g_assert_null (schema);
  g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT);
  g_test_message ("entries: %s", error->message);
  g_assert_nonnull (strstr (error->message,
                            "line 2: an array or object with more than 10000 entries"));
  g_clear_error (&error);
  g_string_free (g_steal_pointer (&json), TRUE);

  /* Many values in arrays each within the limit. */
  json = g_string_new ("{\"name\": \"x\", \"other\": [");
  for (guint i = 0; i <= GLOSS_SCHEMA_MAX_JSON_VALUES / 10000; i++)
    {
      g_string_append (json, i > 0 ? ", [0" : "[0");
      for (guint j = 1; j < 10000; j++)
        g_string_append (json, ",0");
      g_string_append (json, "]");
    }
  g_string_append (json, "]}");
  schema = gloss_schema_new_from_json (json->str, json->len, &error);
  g_assert_null (schema);
  g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT);
  g_test_message ("values: %s", error->message);
  g_assert_nonnull (strstr (error->message, "more than 500000 JSON values (the limit)"));
  g_clear_error (&error);
  g_string_free (g_steal_pointer (&json), TRUE);

  /* Too many bytes, though little else. */
  json = g_string_new ("{\"name\": \"x\"}");
  while (json->len <= GLOSS_SCHEMA_MAX_JSON_SIZE)
    g_string_append (json, "                                ");
  schema = gloss_schema_new_from_json (json->str, json->len, &error);
  g_assert_null (schema);
  g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT);
  g_test_message ("size: %s", error->message);
  g_assert_nonnull (strstr (error->message, "larger than 16 MiB (the limit)"));
}

static void
test_limits_file (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "large.json", NULL);
  g_autoptr(GlossSchema) schema = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) json = g_string_new ("{\"name\": \"x\"}");

  while (json->len <= GLOSS_SCHEMA_MAX_JSON_SIZE)
    g_string_append (json, "                                ");
  g_assert_true (g_file_set_contents (path, json->str, json->len, &error));
  g_assert_no_error (error);

  schema = gloss_schema_new_from_file (path, &error);
  g_assert_null (schema);
  g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, "larger than 16 MiB (the limit)"));
  g_unlink (path);
}

/* A file with no end is read up to the limit, not until memory runs out. */
static void
test_limits_file_endless (void)
{
  g_autoptr(GlossSchema) schema = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_test ("/dev/zero", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/zero");
      return;
    }

  schema = gloss_schema_new_from_file ("/dev/zero", &error);
  g_assert_null (schema);
  g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "larger than 16 MiB (the limit)"));
}

/* The schema API refuses what the JSON reader would. */
static void
test_limits_api (void)
{
  g_autoptr(GlossSchema) schema = gloss_schema_new ("api");
  g_autoptr(GlossLabel) label = gloss_label_new ("A", NULL, NULL, NULL, NULL);
  g_autoptr(GlossRelationType) extra = NULL;
  g_autoptr(GlossAttrDef) many = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *too_long = long_name (GLOSS_SCHEMA_MAX_NAME_LENGTH + 1);
  g_autofree char *longest = long_name (GLOSS_SCHEMA_MAX_NAME_LENGTH);
  g_auto(GStrv) values = NULL;

  g_assert_true (gloss_schema_add_label (schema, label, &error));
  g_assert_no_error (error);

  /* Names. */
  g_assert_false (gloss_schema_rename_label (schema, "A", too_long, &error));
  g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "longer than 200 characters"));
  g_clear_error (&error);
  g_assert_true (gloss_schema_rename_label (schema, "A", longest, &error));
  g_assert_true (gloss_schema_lookup_label (schema, longest) == label);
  g_assert_true (gloss_schema_rename_label (schema, longest, "A", &error));
  g_assert_no_error (error);

  g_assert_false (gloss_schema_add_layer (schema, too_long, &error));
  g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT);
  g_clear_error (&error);

  {
    g_autoptr(GlossLabel) long_label = gloss_label_new (too_long, NULL, NULL, NULL, NULL);
    g_autoptr(GlossRelationType) long_type = gloss_relation_type_new (too_long, NULL, NULL, NULL);

    g_assert_false (gloss_schema_add_label (schema, long_label, &error));
    g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT);
    g_clear_error (&error);
    g_assert_false (gloss_schema_add_relation_type (schema, long_type, &error));
    g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT);
    g_clear_error (&error);
  }

  /* Attributes: up to the limit, then refused; and duplicates. */
  for (guint i = 0; i < GLOSS_SCHEMA_MAX_ATTRIBUTES; i++)
    {
      g_autofree char *name = g_strdup_printf ("a%u", i);
      g_autoptr(GlossAttrDef) def = gloss_attr_def_new (name, GLOSS_ATTR_TYPE_TEXT, NULL, NULL);

      g_assert_true (gloss_label_try_add_attribute (label, def, &error));
      g_assert_no_error (error);
    }
  {
    g_autoptr(GlossAttrDef) def = gloss_attr_def_new ("one-more", GLOSS_ATTR_TYPE_TEXT,
                                                      NULL, NULL);
    g_autoptr(GlossAttrDef) dup = gloss_attr_def_new ("a0", GLOSS_ATTR_TYPE_TEXT, NULL, NULL);

    g_assert_false (gloss_label_try_add_attribute (label, def, &error));
    g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT);
    g_assert_cmpstr (error->message, ==,
                     "Label “A”: Cannot add attribute “one-more”: more than 256 attributes "
                     "(the limit)");
    g_clear_error (&error);
    g_assert_true (gloss_schema_try_add_document_attribute (schema, dup, &error));
    g_assert_no_error (error);
    g_assert_false (gloss_schema_try_add_document_attribute (schema, dup, &error));
    g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_DUPLICATE);
    g_clear_error (&error);
  }
  g_assert_cmpuint (gloss_label_get_attributes (label)->len, ==, GLOSS_SCHEMA_MAX_ATTRIBUTES);
  assert_round_trip (schema);

  /* An enum with too many values. */
  for (guint i = 0; i <= GLOSS_SCHEMA_MAX_ENUM_VALUES; i++)
    {
      g_autofree char *value = g_strdup_printf ("v%u", i);

      g_strv_builder_add (builder, value);
    }
  values = g_strv_builder_end (builder);
  many = gloss_attr_def_new ("many", GLOSS_ATTR_TYPE_ENUM, (const char * const *) values, NULL);
  {
    g_autoptr(GlossRelationType) type = gloss_relation_type_new ("r", NULL, NULL, NULL);

    g_assert_false (gloss_relation_type_try_add_attribute (type, many, &error));
    g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT);
    g_assert_nonnull (strstr (error->message, "more than 1000 values"));
    g_clear_error (&error);
  }

  /* Relation types and layers: up to the limit. */
  for (guint i = 0; i < GLOSS_SCHEMA_MAX_RELATION_TYPES; i++)
    {
      g_autofree char *name = g_strdup_printf ("r%u", i);
      g_autoptr(GlossRelationType) type = gloss_relation_type_new (name, NULL, NULL, NULL);

      g_assert_true (gloss_schema_add_relation_type (schema, type, &error));
    }
  extra = gloss_relation_type_new ("extra", NULL, NULL, NULL);
  g_assert_false (gloss_schema_add_relation_type (schema, extra, &error));
  g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "more than 10000 relation types"));
  g_clear_error (&error);
  g_assert_true (gloss_schema_lookup_relation_type (schema, "r9999") != NULL);
  g_assert_null (gloss_schema_lookup_relation_type (schema, "extra"));

  while (g_strv_length ((char **) gloss_schema_get_layers (schema)) < GLOSS_SCHEMA_MAX_LAYERS)
    {
      g_autofree char *name =
        g_strdup_printf ("y%u", g_strv_length ((char **) gloss_schema_get_layers (schema)));

      g_assert_true (gloss_schema_add_layer (schema, name, &error));
    }
  g_assert_false (gloss_schema_add_layer (schema, "one-more", &error));
  g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "more than 10000 layers"));
  g_clear_error (&error);

  {
    g_autoptr(GlossLabel) new_layer = gloss_label_new ("B", "new-layer", NULL, NULL, NULL);

    g_assert_false (gloss_schema_add_label (schema, new_layer, &error));
    g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT);
    g_clear_error (&error);
    g_assert_null (gloss_schema_lookup_label (schema, "B"));
  }
}

/* ---- The label index against a plain list */

typedef struct
{
  GlossLabel *label;   /* borrowed */
  char       *name;
  char       *hotkey;
} RefLabel;

static void
ref_label_clear (gpointer data)
{
  RefLabel *ref = data;

  g_free (ref->name);
  g_free (ref->hotkey);
}

/* The first in order, as a scan finds it. */
static gint
ref_find (GArray     *ref,
          const char *name,
          const char *hotkey)
{
  for (guint i = 0; i < ref->len; i++)
    {
      RefLabel *r = &g_array_index (ref, RefLabel, i);

      if ((name != NULL && g_strcmp0 (r->name, name) == 0) ||
          (hotkey != NULL && g_strcmp0 (r->hotkey, hotkey) == 0))
        return (gint) i;
    }

  return -1;
}

#define N_RANDOM_NAMES 24
#define N_RANDOM_HOTKEYS 8

static void
assert_matches_ref (GlossSchema *schema,
                    GArray      *ref,
                    GPtrArray   *ref_types)
{
  GListModel *labels = gloss_schema_get_labels (schema);
  GListModel *types = gloss_schema_get_relation_types (schema);

  g_assert_cmpuint (g_list_model_get_n_items (labels), ==, ref->len);

  for (guint i = 0; i < ref->len; i++)
    {
      RefLabel *r = &g_array_index (ref, RefLabel, i);
      g_autoptr(GlossLabel) label = g_list_model_get_item (labels, i);

      g_assert_true (label == r->label);
      g_assert_cmpstr (gloss_label_get_name (label), ==, r->name);
      g_assert_cmpstr (gloss_label_get_hotkey (label), ==, r->hotkey);
    }

  for (guint i = 0; i < N_RANDOM_NAMES; i++)
    {
      g_autofree char *name = g_strdup_printf ("N%u", i);
      gint found = ref_find (ref, name, NULL);

      if (found < 0)
        g_assert_null (gloss_schema_lookup_label (schema, name));
      else
        g_assert_true (gloss_schema_lookup_label (schema, name) ==
                       g_array_index (ref, RefLabel, found).label);

      if (g_ptr_array_find_with_equal_func (ref_types, name, g_str_equal, NULL))
        g_assert_cmpstr (gloss_relation_type_get_name (
                           gloss_schema_lookup_relation_type (schema, name)), ==, name);
      else
        g_assert_null (gloss_schema_lookup_relation_type (schema, name));
    }

  for (guint i = 0; i < N_RANDOM_HOTKEYS; i++)
    {
      char hotkey[2] = { (char) ('a' + i), '\0' };
      gint found = ref_find (ref, NULL, hotkey);

      if (found < 0)
        g_assert_null (gloss_schema_lookup_hotkey (schema, hotkey));
      else
        g_assert_true (gloss_schema_lookup_hotkey (schema, hotkey) ==
                       g_array_index (ref, RefLabel, found).label);
    }

  g_assert_cmpuint (g_list_model_get_n_items (types), ==, ref_types->len);
  for (guint i = 0; i < ref_types->len; i++)
    {
      g_autoptr(GlossRelationType) type = g_list_model_get_item (types, i);

      g_assert_cmpstr (gloss_relation_type_get_name (type), ==, g_ptr_array_index (ref_types, i));
    }
}

/* Every way to change labels, through the schema and on the labels
 * themselves (which can make two labels share a name or a hotkey), checked
 * after each step against a plain list searched in order. */
static void
test_index_random (void)
{
  g_autoptr(GlossSchema) schema = gloss_schema_new ("random");
  g_autoptr(GArray) ref = g_array_new (FALSE, TRUE, sizeof (RefLabel));
  g_autoptr(GPtrArray) ref_types = g_ptr_array_new_with_free_func (g_free);
  guint n_steps = g_test_thorough () ? 100000 : 5000;
  guint n_done[10] = { 0 };

  g_array_set_clear_func (ref, ref_label_clear);

  for (guint step = 0; step < n_steps; step++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("N%u", g_test_rand_int_range (0, N_RANDOM_NAMES));
      g_autofree char *name2 = g_strdup_printf ("N%u", g_test_rand_int_range (0, N_RANDOM_NAMES));
      char hotkey_buf[2] = { (char) ('a' + g_test_rand_int_range (0, N_RANDOM_HOTKEYS)), '\0' };
      const char *hotkey = g_test_rand_bit () ? hotkey_buf : NULL;
      guint op = g_test_rand_int_range (0, 10);
      gint found = ref_find (ref, name, NULL);
      gboolean ok;

      switch (op)
        {
        case 0:  /* add */
          {
            g_autoptr(GlossLabel) label = gloss_label_new (name, NULL, NULL, hotkey, NULL);
            gboolean expected = found < 0 && (hotkey == NULL || ref_find (ref, NULL, hotkey) < 0);

            ok = gloss_schema_add_label (schema, label, &error);
            g_assert_cmpint (ok, ==, expected);
            if (ok)
              {
                RefLabel r = { label, g_strdup (name), g_strdup (hotkey) };

                g_array_append_val (ref, r);
              }
          }
          break;

        case 1:  /* remove */
          ok = gloss_schema_remove_label (schema, name, &error);
          g_assert_cmpint (ok, ==, found >= 0);
          if (ok)
            g_array_remove_index (ref, found);
          break;

        case 2:  /* move */
          {
            guint position = g_test_rand_int_range (0, ref->len + 2);

            ok = gloss_schema_move_label (schema, name, position, &error);
            g_assert_cmpint (ok, ==, found >= 0);
            if (ok)
              {
                RefLabel r = g_array_index (ref, RefLabel, found);

                /* Moved, not freed. */
                g_array_index (ref, RefLabel, found).name = NULL;
                g_array_index (ref, RefLabel, found).hotkey = NULL;
                g_array_remove_index (ref, found);
                g_array_insert_val (ref, MIN (position, ref->len), r);
              }
          }
          break;

        case 3:  /* rename */
          {
            gboolean expected = found >= 0 &&
                                (g_str_equal (name, name2) || ref_find (ref, name2, NULL) < 0);

            ok = gloss_schema_rename_label (schema, name, name2, &error);
            g_assert_cmpint (ok, ==, expected);
            if (ok)
              {
                g_free (g_array_index (ref, RefLabel, found).name);
                g_array_index (ref, RefLabel, found).name = g_strdup (name2);
              }
          }
          break;

        case 4:  /* hotkey */
          {
            gint holder = hotkey != NULL ? ref_find (ref, NULL, hotkey) : -1;
            gboolean expected = found >= 0 && (holder < 0 || holder == found);

            ok = gloss_schema_set_label_hotkey (schema, name, hotkey, &error);
            g_assert_cmpint (ok, ==, expected);
            if (ok)
              {
                g_free (g_array_index (ref, RefLabel, found).hotkey);
                g_array_index (ref, RefLabel, found).hotkey = g_strdup (hotkey);
              }
          }
          break;

        case 5:  /* a name set on the label itself, clashing or not */
        case 6:  /* a hotkey set on the label itself */
          if (ref->len > 0)
            {
              RefLabel *r = &g_array_index (ref, RefLabel, g_test_rand_int_range (0, ref->len));

              if (op == 5)
                {
                  gloss_label_set_name (r->label, name2);
                  g_free (r->name);
                  r->name = g_strdup (name2);
                }
              else
                {
                  gloss_label_set_hotkey (r->label, hotkey);
                  g_free (r->hotkey);
                  r->hotkey = g_strdup (hotkey);
                }
              ok = TRUE;
            }
          else
            ok = FALSE;
          break;

        case 7:  /* add a relation type */
          {
            g_autoptr(GlossRelationType) type = gloss_relation_type_new (name, NULL, NULL, NULL);
            gboolean exists = g_ptr_array_find_with_equal_func (ref_types, name, g_str_equal,
                                                                NULL);

            ok = gloss_schema_add_relation_type (schema, type, &error);
            g_assert_cmpint (ok, ==, !exists);
            if (ok)
              g_ptr_array_add (ref_types, g_strdup (name));
          }
          break;

        case 8:  /* remove a relation type */
          {
            guint index;
            gboolean exists = g_ptr_array_find_with_equal_func (ref_types, name, g_str_equal,
                                                                &index);

            ok = gloss_schema_remove_relation_type (schema, name, &error);
            g_assert_cmpint (ok, ==, exists);
            if (ok)
              g_ptr_array_remove_index (ref_types, index);
          }
          break;

        case 9:  /* a copy has the same lookups */
          {
            g_autoptr(GlossSchema) copy = gloss_schema_copy (schema);
            g_autoptr(GArray) copy_ref = g_array_new (FALSE, TRUE, sizeof (RefLabel));
            GListModel *labels = gloss_schema_get_labels (copy);

            g_array_set_clear_func (copy_ref, ref_label_clear);
            for (guint i = 0; i < ref->len; i++)
              {
                g_autoptr(GlossLabel) label = g_list_model_get_item (labels, i);
                RefLabel r = { label, g_strdup (g_array_index (ref, RefLabel, i).name),
                               g_strdup (g_array_index (ref, RefLabel, i).hotkey) };

                g_array_append_val (copy_ref, r);
              }
            assert_matches_ref (copy, copy_ref, ref_types);
            ok = TRUE;
          }
          break;

        default:
          g_assert_not_reached ();
        }

      g_assert_true (ok == (error == NULL) || op >= 5);
      n_done[op] += ok;
      assert_matches_ref (schema, ref, ref_types);
    }

  g_test_message ("done: add %u, remove %u, move %u, rename %u, hotkey %u, label name %u, "
                  "label hotkey %u, add type %u, remove type %u, copy %u",
                  n_done[0], n_done[1], n_done[2], n_done[3], n_done[4], n_done[5],
                  n_done[6], n_done[7], n_done[8], n_done[9]);
}

/* One union of schemas (the merge's, the project's in-place update): what
 * is missing is added, what is defined otherwise is reported and kept, and
 * a label whose hotkey another label holds comes without it instead of not
 * at all. */
static void
test_add_missing_full (void)
{
  g_autoptr(GlossSchema) mine = gloss_schema_new ("mine");
  g_autoptr(GlossSchema) theirs = gloss_schema_new ("theirs");
  g_autoptr(GlossLabel) a = gloss_label_new ("ALPHA", "entity", "#112233", "1", NULL);
  g_autoptr(GlossLabel) a2 = gloss_label_new ("ALPHA", "other", "#112233", NULL, NULL);
  g_autoptr(GlossLabel) b = gloss_label_new ("BETA", "entity", "#445566", "1", NULL);
  g_autoptr(GlossAttrDef) note = gloss_attr_def_new ("note", GLOSS_ATTR_TYPE_TEXT, NULL, NULL);
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  GlossLabel *got;

  g_assert_true (gloss_schema_add_label (mine, a, &error));
  g_assert_no_error (error);
  gloss_label_add_attribute (a2, note);
  g_assert_true (gloss_schema_add_label (theirs, a2, &error));
  g_assert_true (gloss_schema_add_label (theirs, b, &error));
  g_assert_no_error (error);

  g_assert_true (gloss_schema_add_missing_full (mine, theirs, added, conflicts));
  got = gloss_schema_lookup_label (mine, "BETA");
  g_assert_nonnull (got);
  g_assert_null (gloss_label_get_hotkey (got));
  g_assert_true (gloss_schema_lookup_hotkey (mine, "1") == gloss_schema_lookup_label (mine,
                                                                                        "ALPHA"));
  got = gloss_schema_lookup_label (mine, "ALPHA");
  g_assert_cmpstr (gloss_label_get_layer (got), ==, "entity");
  g_assert_nonnull (gloss_label_lookup_attribute (got, "note"));
  g_assert_cmpuint (added->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (added, 0), ==, "BETA");
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (conflicts, 0), "ALPHA"));

  /* twice: nothing more */
  g_ptr_array_set_size (added, 0);
  g_ptr_array_set_size (conflicts, 0);
  g_assert_false (gloss_schema_add_missing_full (mine, mine, added, conflicts));
  g_assert_cmpuint (added->len + conflicts->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/schema/types", test_types);
  g_test_add_func ("/core/schema/presets/list", test_presets_list);
  g_test_add_func ("/core/schema/presets/news", test_presets_news);
  g_test_add_func ("/core/schema/presets/others", test_presets_others);
  g_test_add_func ("/core/schema/json/round-trip", test_json_round_trip);
  g_test_add_func ("/core/schema/json/shape", test_json_shape);
  g_test_add_func ("/core/schema/json/minimal", test_json_minimal);
  g_test_add_func ("/core/schema/json/malformed", test_json_malformed);
  g_test_add_func ("/core/schema/json/file", test_json_file);
  g_test_add_func ("/core/schema/labels/edit", test_labels_edit);
  g_test_add_func ("/core/schema/labels/hotkey", test_labels_hotkey);
  g_test_add_func ("/core/schema/relations", test_relations);
  g_test_add_func ("/core/schema/attributes", test_attributes);
  g_test_add_func ("/core/schema/relations/long-ends", test_relations_long_ends);
  g_test_add_func ("/core/schema/json/presets-unchanged", test_json_presets_unchanged);
  g_test_add_func ("/core/schema/limits/million-labels", test_limits_million_labels);
  g_test_add_func ("/core/schema/limits/labels-at-limit", test_limits_labels_at_limit);
  g_test_add_func ("/core/schema/limits/json", test_limits_json);
  g_test_add_func ("/core/schema/limits/json-text", test_limits_json_text);
  g_test_add_func ("/core/schema/limits/file", test_limits_file);
  g_test_add_func ("/core/schema/limits/file-endless", test_limits_file_endless);
  g_test_add_func ("/core/schema/limits/api", test_limits_api);
  g_test_add_func ("/core/schema/index/random", test_index_random);
  g_test_add_func ("/core/schema/add-missing-full", test_add_missing_full);

  return g_test_run ();
}
