/* test-schema.c: the annotation schema, its presets and its JSON form
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

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
    g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID);
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

  return g_test_run ();
}
