/* gloss-schema-json.c: a schema to and from JSON, read within limits
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "gloss-schema-private.h"

/* The "version" written to and accepted from JSON. */
#define SCHEMA_FORMAT_VERSION 1

/* Colours given, in turn, to labels that a JSON schema leaves without one. */
static const char * const fallback_colors[] = {
  "#3584e4", "#33d17a", "#f6d32d", "#ff7800", "#c061cb", "#b5835a", "#f66151",
  "#99c1f1", "#8ff0a4", "#f9f06b", "#ffbe6f", "#dc8add", "#cdab8f", "#9a9996",
};

/* ---- JSON output */

static void
build_attr_defs (JsonBuilder *builder,
                 const char  *member,
                 GPtrArray   *defs)
{
  if (defs->len == 0)
    return;

  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);

  for (guint i = 0; i < defs->len; i++)
    {
      GlossAttrDef *def = g_ptr_array_index (defs, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, def->name);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, gloss_attr_type_to_string (def->type));

      if (def->values[0] != NULL)
        {
          json_builder_set_member_name (builder, "values");
          json_builder_begin_array (builder);
          for (guint j = 0; def->values[j] != NULL; j++)
            json_builder_add_string_value (builder, def->values[j]);
          json_builder_end_array (builder);
        }

      if (def->default_value != NULL)
        {
          json_builder_set_member_name (builder, "default");
          if (g_variant_is_of_type (def->default_value, G_VARIANT_TYPE_BOOLEAN))
            json_builder_add_boolean_value (builder, g_variant_get_boolean (def->default_value));
          else
            json_builder_add_string_value (builder,
                                           g_variant_get_string (def->default_value, NULL));
        }

      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
}

static void
build_string_array (JsonBuilder        *builder,
                    const char         *member,
                    const char * const *strv)
{
  if (strv == NULL || strv[0] == NULL)
    return;

  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
}

static void
build_optional_string (JsonBuilder *builder,
                       const char  *member,
                       const char  *value)
{
  if (_gloss_schema_nonempty (value) == NULL)
    return;

  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

/* ---- JSON input */

/* json-glib builds the whole tree, recursively and at some 300 bytes an
 * object, before the schema sees any of it, so a quick pass over the text
 * comes first. Without building anything it refuses JSON nested too deep, an
 * array or object with too many entries (the limit of the schema part it is,
 * where the pass can tell, such as the labels or one attribute's values),
 * too many values in all, or too many bytes; and the two things json-glib
 * reads beyond JSON that could hide brackets from this pass: comments and
 * single-quoted strings. It checks no other syntax: json-glib does. */

typedef enum
{
  PART_OTHER,
  PART_ROOT,        /* the schema object */
  PART_LAYERS,      /* its "layers" */
  PART_LABELS,      /* its "labels" */
  PART_LABEL,
  PART_RELATIONS,   /* its "relations" */
  PART_RELATION,
  PART_ATTRIBUTES,  /* "attributes" of a label or relation, or "document_attributes" */
  PART_ATTRIBUTE,
  PART_VALUES,      /* "values" of an attribute */
  PART_ENDS,        /* "source" or "target" of a relation */
} SchemaPart;

typedef enum
{
  MEMBER_OTHER,
  MEMBER_LAYERS,
  MEMBER_LABELS,
  MEMBER_RELATIONS,
  MEMBER_DOCUMENT_ATTRIBUTES,
  MEMBER_ATTRIBUTES,
  MEMBER_VALUES,
  MEMBER_SOURCE,
  MEMBER_TARGET,
} Member;

static const struct
{
  const char *name;
  Member      member;
} members[] = {
  { "layers", MEMBER_LAYERS },
  { "labels", MEMBER_LABELS },
  { "relations", MEMBER_RELATIONS },
  { "document_attributes", MEMBER_DOCUMENT_ATTRIBUTES },
  { "attributes", MEMBER_ATTRIBUTES },
  { "values", MEMBER_VALUES },
  { "source", MEMBER_SOURCE },
  { "target", MEMBER_TARGET },
};

typedef struct
{
  SchemaPart  part;
  gboolean    is_object;
  gboolean    expect_name;      /* objects: the next string names a member */
  Member      member;           /* objects: the member being read */
  guint       n_entries;        /* elements or members begun so far */
  guint       number;           /* PART_LABEL, _RELATION, _ATTRIBUTE: 1-based place */
  /* For attributes, values and ends: whose they are, for messages. */
  SchemaPart  owner;            /* PART_LABEL, PART_RELATION or PART_ROOT (the document) */
  guint       owner_number;
  guint       attribute_number;
  const char *member_name;      /* PART_VALUES, PART_ENDS: "values", "source", "target" */
} ScanFrame;

static Member
member_from_name (const char *name,
                  gsize       length)
{
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      if (strlen (members[i].name) == length && memcmp (members[i].name, name, length) == 0)
        return members[i].member;
    }

  return MEMBER_OTHER;
}

/* The part that a container opening inside @parent is. */
static void
scan_frame_open (ScanFrame *parent,
                 ScanFrame *child,
                 gboolean   is_object)
{
  memset (child, 0, sizeof *child);
  child->is_object = is_object;
  child->expect_name = is_object;
  child->part = PART_OTHER;

  if (parent == NULL)
    {
      if (is_object)
        child->part = PART_ROOT;
      return;
    }

  child->owner = parent->owner;
  child->owner_number = parent->owner_number;
  child->attribute_number = parent->attribute_number;

  if (parent->is_object && !is_object)
    {
      switch ((int) parent->part)
        {
        case PART_ROOT:
          if (parent->member == MEMBER_LAYERS)
            child->part = PART_LAYERS;
          else if (parent->member == MEMBER_LABELS)
            child->part = PART_LABELS;
          else if (parent->member == MEMBER_RELATIONS)
            child->part = PART_RELATIONS;
          else if (parent->member == MEMBER_DOCUMENT_ATTRIBUTES)
            {
              child->part = PART_ATTRIBUTES;
              child->owner = PART_ROOT;
            }
          break;

        case PART_LABEL:
        case PART_RELATION:
          if (parent->member == MEMBER_ATTRIBUTES)
            {
              child->part = PART_ATTRIBUTES;
              child->owner = parent->part;
              child->owner_number = parent->number;
            }
          else if (parent->part == PART_RELATION &&
                   (parent->member == MEMBER_SOURCE || parent->member == MEMBER_TARGET))
            {
              child->part = PART_ENDS;
              child->owner = PART_RELATION;
              child->owner_number = parent->number;
              child->member_name = parent->member == MEMBER_SOURCE ? "source" : "target";
            }
          break;

        case PART_ATTRIBUTE:
          if (parent->member == MEMBER_VALUES)
            {
              child->part = PART_VALUES;
              child->member_name = "values";
            }
          break;

        default:
          break;
        }
    }
  else if (!parent->is_object && is_object)
    {
      child->number = parent->n_entries;

      if (parent->part == PART_LABELS)
        child->part = PART_LABEL;
      else if (parent->part == PART_RELATIONS)
        child->part = PART_RELATION;
      else if (parent->part == PART_ATTRIBUTES)
        {
          child->part = PART_ATTRIBUTE;
          child->attribute_number = child->number;
        }
    }
}

/* Where an attribute or relation end is, in the words parse_attr_defs() and
 * parse_relation() use. */
static char *
scan_frame_where (ScanFrame *frame)
{
  g_autofree char *owner = NULL;

  if (frame->owner == PART_ROOT)
    return g_strdup_printf (_("document attribute %u"), frame->attribute_number);

  if (frame->owner == PART_LABEL)
    owner = g_strdup_printf (_("label %u"), frame->owner_number);
  else
    owner = g_strdup_printf (_("relation %u"), frame->owner_number);

  if (frame->part == PART_VALUES)
    return g_strdup_printf (_("%s, attribute %u"), owner, frame->attribute_number);

  return g_steal_pointer (&owner);
}

/* One more entry for @frame; FALSE past its limit. */
static gboolean
scan_frame_add_entry (ScanFrame  *frame,
                      guint       line,
                      GError    **error)
{
  g_autofree char *where = NULL;
  guint limit;

  frame->n_entries++;

  switch ((int) frame->part)
    {
    case PART_LAYERS:
      limit = GLOSS_SCHEMA_MAX_LAYERS;
      break;
    case PART_LABELS:
      limit = GLOSS_SCHEMA_MAX_LABELS;
      break;
    case PART_RELATIONS:
      limit = GLOSS_SCHEMA_MAX_RELATION_TYPES;
      break;
    case PART_ATTRIBUTES:
      limit = GLOSS_SCHEMA_MAX_ATTRIBUTES;
      break;
    case PART_VALUES:
      limit = GLOSS_SCHEMA_MAX_ENUM_VALUES;
      break;
    case PART_ENDS:
      limit = GLOSS_SCHEMA_MAX_LABELS;
      break;
    default:
      limit = GLOSS_SCHEMA_MAX_JSON_ENTRIES;
      break;
    }

  if (frame->n_entries <= limit)
    return TRUE;

  switch ((int) frame->part)
    {
    case PART_LAYERS:
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT,
                   _("schema: more than %u layers (the limit)"), limit);
      break;

    case PART_LABELS:
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT,
                   _("schema: more than %u labels (the limit)"), limit);
      break;

    case PART_RELATIONS:
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT,
                   _("schema: more than %u relation types (the limit)"), limit);
      break;

    case PART_ATTRIBUTES:
      if (frame->owner == PART_ROOT)
        {
          g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT,
                       _("schema: more than %u document attributes (the limit)"), limit);
          break;
        }
      where = scan_frame_where (frame);
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT,
                   _("%s: more than %u attributes (the limit)"), where, limit);
      break;

    case PART_VALUES:
    case PART_ENDS:
      where = scan_frame_where (frame);
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT,
                   _("%s: %s has more than %u entries (the limit)"),
                   where, frame->member_name, limit);
      break;

    default:
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT,
                   _("schema: line %u: an array or object with more than %u entries (the limit)"),
                   line, limit);
      break;
    }

  return FALSE;
}

/* @n_values_out: (optional): the values counted */
static gboolean
scan_json (const char  *json,
           gsize        length,
           guint       *n_values_out,
           GError     **error)
{
  ScanFrame stack[GLOSS_SCHEMA_MAX_JSON_DEPTH];
  gsize n = MIN (length, (gsize) GLOSS_SCHEMA_MAX_JSON_SIZE);
  guint depth = 0;
  guint line = 1;
  guint n_values = 0;
  gboolean want_value = TRUE;

  for (gsize i = 0; i < n; i++)
    {
      ScanFrame *top = depth > 0 ? &stack[depth - 1] : NULL;
      char c = json[i];
      gboolean value_start = FALSE;

      switch (c)
        {
        case '\n':
          line++;
          break;

        case ' ':
        case '\t':
        case '\r':
          break;

        case '"':
          {
            gsize start = i + 1;

            for (i = start; i < n && json[i] != '"'; i++)
              {
                if (json[i] == '\\')
                  i++;
                else if (json[i] == '\n')
                  line++;
              }

            if (top != NULL && top->is_object && top->expect_name)
              {
                top->expect_name = FALSE;
                top->member = member_from_name (json + start, MIN (i, n) - start);
                if (!scan_frame_add_entry (top, line, error))
                  return FALSE;
              }
            else
              value_start = want_value;
          }
          break;

        case '[':
        case '{':
          if (depth == GLOSS_SCHEMA_MAX_JSON_DEPTH)
            {
              g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT,
                           _("schema: JSON nested more than %d levels deep"),
                           GLOSS_SCHEMA_MAX_JSON_DEPTH);
              return FALSE;
            }

          if (top != NULL && !top->is_object && !scan_frame_add_entry (top, line, error))
            return FALSE;

          if (++n_values > GLOSS_SCHEMA_MAX_JSON_VALUES)
            goto too_many_values;

          scan_frame_open (top, &stack[depth++], c == '{');
          want_value = c == '[';
          break;

        case ']':
        case '}':
          if (depth > 0)
            depth--;
          want_value = FALSE;
          break;

        case ',':
          if (top != NULL && top->is_object)
            top->expect_name = TRUE;
          else
            want_value = TRUE;
          break;

        case ':':
          want_value = TRUE;
          break;

        case '/':
        case '\'':
          g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                       _("schema: not valid JSON: unexpected “%c” on line %u (comments and "
                         "single-quoted strings are not JSON)"),
                       c, line);
          return FALSE;

        default:
          /* A number, a literal or a stray character: one value. */
          value_start = want_value;
          break;
        }

      if (value_start)
        {
          want_value = FALSE;

          if (top != NULL && !top->is_object && !scan_frame_add_entry (top, line, error))
            return FALSE;

          if (++n_values > GLOSS_SCHEMA_MAX_JSON_VALUES)
            goto too_many_values;
        }
    }

  if (length > GLOSS_SCHEMA_MAX_JSON_SIZE)
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT,
                   _("schema: larger than %u MiB (the limit)"),
                   GLOSS_SCHEMA_MAX_JSON_SIZE / (1024 * 1024));
      return FALSE;
    }

  if (n_values_out != NULL)
    *n_values_out = n_values;

  return TRUE;

too_many_values:
  g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT,
               _("schema: more than %u JSON values (the limit)"), GLOSS_SCHEMA_MAX_JSON_VALUES);
  return FALSE;
}

static gboolean
member_string (JsonObject   *object,
               const char   *member,
               gboolean      required,
               const char   *where,
               const char  **out,
               GError      **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (!required)
        return TRUE;

      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                   _("%s: missing %s"), where, member);
      return FALSE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                   _("%s: %s must be a string"), where, member);
      return FALSE;
    }

  *out = json_node_get_string (node);

  return TRUE;
}

/* Absent or null gives a NULL array. */
static gboolean
member_array (JsonObject  *object,
              const char  *member,
              const char  *where,
              JsonArray  **out,
              GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                   _("%s: %s must be an array"), where, member);
      return FALSE;
    }

  *out = json_node_get_array (node);

  return TRUE;
}

/* An array of at most @max distinct non-empty strings; absent or null gives
 * NULL. */
static gboolean
member_strv (JsonObject   *object,
             const char   *member,
             guint         max,
             const char   *where,
             char       ***out,
             GError      **error)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autoptr(GHashTable) seen = NULL;
  JsonArray *array;
  guint length;

  *out = NULL;

  if (!member_array (object, member, where, &array, error))
    return FALSE;

  if (array == NULL)
    return TRUE;

  length = json_array_get_length (array);

  if (length > max)
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT,
                   _("%s: %s has more than %u entries (the limit)"), where, member, max);
      return FALSE;
    }

  builder = g_strv_builder_new ();
  seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < length; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *str;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
          *(str = json_node_get_string (node)) == '\0')
        {
          g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                       _("%s: %s must be an array of non-empty strings"), where, member);
          return FALSE;
        }

      if (!g_hash_table_add (seen, (char *) str))
        {
          g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_DUPLICATE,
                       _("%s: %s lists “%s” twice"), where, member, str);
          return FALSE;
        }

      g_strv_builder_add (builder, str);
    }

  *out = g_strv_builder_end (builder);

  return TRUE;
}

/* Every named entry (layer, label, relation type, attribute) is an object
 * with a valid "name". */
static gboolean
named_object (JsonNode     *node,
              const char   *where,
              JsonObject  **object,
              const char  **name,
              GError      **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                   _("%s: expected an object"), where);
      return FALSE;
    }

  *object = json_node_get_object (node);

  if (!member_string (*object, "name", TRUE, where, name, error))
    return FALSE;

  if (!_gloss_schema_name_is_valid (*name))
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                   _("%s: invalid name “%s” (empty or with spaces)"), where, *name);
      return FALSE;
    }

  if (_gloss_schema_name_too_long (*name))
    {
      g_autofree char *excerpt = _gloss_schema_name_excerpt (*name);

      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT,
                   _("%s: name “%s” is longer than %u characters (the limit)"),
                   where, excerpt, GLOSS_SCHEMA_MAX_NAME_LENGTH);
      return FALSE;
    }

  return TRUE;
}

static GlossAttrDef *
parse_attr_def (JsonNode    *node,
                const char  *where_base,
                GError     **error)
{
  g_autofree char *where = NULL;
  g_auto(GStrv) values = NULL;
  g_autoptr(GVariant) default_value = NULL;
  JsonObject *object;
  JsonNode *default_node;
  const char *name;
  const char *type_str;
  GlossAttrType type;

  if (!named_object (node, where_base, &object, &name, error))
    return NULL;

  where = g_strdup_printf ("%s (%s)", where_base, name);

  if (!member_string (object, "type", TRUE, where, &type_str, error))
    return NULL;

  if (!gloss_attr_type_from_string (type_str, &type))
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                   _("%s: unknown attribute type “%s” (expected enum, boolean or text)"),
                   where, type_str);
      return NULL;
    }

  if (!member_strv (object, "values", GLOSS_SCHEMA_MAX_ENUM_VALUES, where, &values, error))
    return NULL;

  if (type == GLOSS_ATTR_TYPE_ENUM && (values == NULL || values[0] == NULL))
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                   _("%s: enum attribute without values"), where);
      return NULL;
    }

  if (type != GLOSS_ATTR_TYPE_ENUM && values != NULL && values[0] != NULL)
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                   _("%s: only enum attributes have values"), where);
      return NULL;
    }

  default_node = json_object_get_member (object, "default");

  if (default_node != NULL && !JSON_NODE_HOLDS_NULL (default_node))
    {
      GType value_type = JSON_NODE_HOLDS_VALUE (default_node)
                         ? json_node_get_value_type (default_node)
                         : G_TYPE_INVALID;

      switch (type)
        {
        case GLOSS_ATTR_TYPE_BOOLEAN:
          if (value_type != G_TYPE_BOOLEAN)
            {
              g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                           _("%s: default must be true or false"), where);
              return NULL;
            }
          default_value =
            g_variant_ref_sink (g_variant_new_boolean (json_node_get_boolean (default_node)));
          break;

        case GLOSS_ATTR_TYPE_ENUM:
        case GLOSS_ATTR_TYPE_TEXT:
          if (value_type != G_TYPE_STRING)
            {
              g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                           _("%s: default must be a string"), where);
              return NULL;
            }
          if (type == GLOSS_ATTR_TYPE_ENUM &&
              !g_strv_contains ((const char * const *) values,
                                json_node_get_string (default_node)))
            {
              g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                           _("%s: default “%s” is not one of the values"),
                           where, json_node_get_string (default_node));
              return NULL;
            }
          default_value =
            g_variant_ref_sink (g_variant_new_string (json_node_get_string (default_node)));
          break;

        default:
          g_assert_not_reached ();
        }
    }

  return gloss_attr_def_new (name, type, (const char * const *) values, default_value);
}

/* @owner: "label 3 (CLAIM)" or NULL for document attributes. */
static GPtrArray *
parse_attr_defs (JsonObject  *object,
                 const char  *member,
                 const char  *owner,
                 GError     **error)
{
  g_autoptr(GPtrArray) defs = NULL;
  g_autoptr(GHashTable) seen = NULL;
  JsonArray *array;
  guint length;

  if (!member_array (object, member, owner != NULL ? owner : "schema", &array, error))
    return NULL;

  defs = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_attr_def_unref);

  if (array == NULL)
    return g_steal_pointer (&defs);

  length = json_array_get_length (array);

  if (length > GLOSS_SCHEMA_MAX_ATTRIBUTES)
    {
      if (owner != NULL)
        g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT,
                     _("%s: more than %u attributes (the limit)"),
                     owner, GLOSS_SCHEMA_MAX_ATTRIBUTES);
      else
        g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT,
                     _("schema: more than %u document attributes (the limit)"),
                     GLOSS_SCHEMA_MAX_ATTRIBUTES);
      return NULL;
    }

  seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < length; i++)
    {
      g_autofree char *where = NULL;
      GlossAttrDef *def;

      if (owner != NULL)
        where = g_strdup_printf (_("%s, attribute %u"), owner, i + 1);
      else
        where = g_strdup_printf (_("document attribute %u"), i + 1);

      def = parse_attr_def (json_array_get_element (array, i), where, error);
      if (def == NULL)
        return NULL;

      if (!g_hash_table_add (seen, def->name))
        {
          g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_DUPLICATE,
                       _("%s: duplicate attribute “%s”"), where, def->name);
          gloss_attr_def_unref (def);
          return NULL;
        }

      /* @seen borrows the name from @defs. */
      g_ptr_array_add (defs, def);
    }

  return g_steal_pointer (&defs);
}

static gboolean
parse_layers (GlossSchema  *self,
              JsonObject   *root,
              GError      **error)
{
  JsonArray *array;
  guint length;

  if (!member_array (root, "layers", "schema", &array, error))
    return FALSE;

  if (array == NULL)
    return TRUE;

  length = json_array_get_length (array);

  if (length > GLOSS_SCHEMA_MAX_LAYERS)
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT,
                   _("schema: more than %u layers (the limit)"), GLOSS_SCHEMA_MAX_LAYERS);
      return FALSE;
    }

  for (guint i = 0; i < length; i++)
    {
      g_autofree char *where = g_strdup_printf (_("layer %u"), i + 1);
      JsonObject *object;
      const char *name;

      if (!named_object (json_array_get_element (array, i), where, &object, &name, error))
        return FALSE;

      if (_gloss_schema_has_layer (self, name))
        {
          g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_DUPLICATE,
                       _("%s: duplicate layer “%s”"), where, name);
          return FALSE;
        }

      _gloss_schema_append_layer (self, name);
    }

  return TRUE;
}

static gboolean
parse_label (GlossSchema  *self,
             JsonNode     *node,
             guint         number,
             GError      **error)
{
  g_autofree char *where = g_strdup_printf (_("label %u"), number);
  g_autoptr(GPtrArray) attributes = NULL;
  g_autoptr(GlossLabel) label = NULL;
  JsonObject *object;
  GlossLabel *other;
  const char *name;
  const char *layer;
  const char *color;
  const char *hotkey;
  const char *description;

  if (!named_object (node, where, &object, &name, error))
    return FALSE;

  if (_gloss_schema_find_label (self, name, NULL) != NULL)
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_DUPLICATE,
                   _("%s: duplicate label “%s”"), where, name);
      return FALSE;
    }

  g_free (where);
  where = g_strdup_printf (_("label %u (%s)"), number, name);

  if (!member_string (object, "layer", FALSE, where, &layer, error) ||
      !member_string (object, "color", FALSE, where, &color, error) ||
      !member_string (object, "hotkey", FALSE, where, &hotkey, error) ||
      !member_string (object, "description", FALSE, where, &description, error))
    return FALSE;

  layer = _gloss_schema_nonempty (layer);
  if (layer != NULL && !_gloss_schema_name_is_valid (layer))
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                   _("%s: invalid layer “%s” (empty or with spaces)"), where, layer);
      return FALSE;
    }

  if (layer != NULL && _gloss_schema_name_too_long (layer))
    {
      g_autofree char *excerpt = _gloss_schema_name_excerpt (layer);

      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT,
                   _("%s: layer “%s” is longer than %u characters (the limit)"),
                   where, excerpt, GLOSS_SCHEMA_MAX_NAME_LENGTH);
      return FALSE;
    }

  if (color == NULL)
    color = fallback_colors[(number - 1) % G_N_ELEMENTS (fallback_colors)];
  else if (!_gloss_schema_color_is_valid (color))
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                   _("%s: bad colour “%s” (expected #rrggbb)"), where, color);
      return FALSE;
    }

  hotkey = _gloss_schema_nonempty (hotkey);
  if (hotkey != NULL && !_gloss_schema_hotkey_is_valid (hotkey))
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                   _("%s: invalid hotkey “%s”"), where, hotkey);
      return FALSE;
    }

  if (hotkey != NULL && (other = _gloss_schema_find_hotkey (self, hotkey)) != NULL)
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_DUPLICATE,
                   _("%s: hotkey “%s” is already used by label “%s”"),
                   where, hotkey, other->name);
      return FALSE;
    }

  attributes = parse_attr_defs (object, "attributes", where, error);
  if (attributes == NULL)
    return FALSE;

  label = gloss_label_new (name, layer, color, hotkey, description);
  _gloss_attr_defs_extend (label->attributes, attributes);

  if (!gloss_schema_add_label (self, label, error))
    {
      g_prefix_error (error, "%s: ", where);
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_relation_ends (GlossSchema  *self,
                     JsonObject   *object,
                     const char   *member,
                     const char   *where,
                     char       ***out,
                     GError      **error)
{
  if (!member_strv (object, member, GLOSS_SCHEMA_MAX_LABELS, where, out, error))
    return FALSE;

  for (guint i = 0; *out != NULL && (*out)[i] != NULL; i++)
    {
      if (_gloss_schema_find_label (self, (*out)[i], NULL) == NULL)
        {
          g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_UNKNOWN,
                       _("%s: %s names unknown label “%s”"), where, member, (*out)[i]);
          g_clear_pointer (out, g_strfreev);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
parse_relation (GlossSchema  *self,
                JsonNode     *node,
                guint         number,
                GError      **error)
{
  g_autofree char *where = g_strdup_printf (_("relation %u"), number);
  g_autoptr(GPtrArray) attributes = NULL;
  g_autoptr(GlossRelationType) type = NULL;
  g_auto(GStrv) sources = NULL;
  g_auto(GStrv) targets = NULL;
  JsonObject *object;
  const char *name;
  const char *description;

  if (!named_object (node, where, &object, &name, error))
    return FALSE;

  if (_gloss_schema_find_relation_type (self, name, NULL) != NULL)
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_DUPLICATE,
                   _("%s: duplicate relation type “%s”"), where, name);
      return FALSE;
    }

  g_free (where);
  where = g_strdup_printf (_("relation %u (%s)"), number, name);

  if (!member_string (object, "description", FALSE, where, &description, error) ||
      !parse_relation_ends (self, object, "source", where, &sources, error) ||
      !parse_relation_ends (self, object, "target", where, &targets, error))
    return FALSE;

  attributes = parse_attr_defs (object, "attributes", where, error);
  if (attributes == NULL)
    return FALSE;

  type = gloss_relation_type_new (name, description,
                                  (const char * const *) sources,
                                  (const char * const *) targets);
  _gloss_attr_defs_extend (type->attributes, attributes);

  if (!gloss_schema_add_relation_type (self, type, error))
    {
      g_prefix_error (error, "%s: ", where);
      return FALSE;
    }

  return TRUE;
}

static GlossSchema *
schema_from_root (JsonNode  *root,
                  GError   **error)
{
  g_autoptr(GlossSchema) self = NULL;
  g_autoptr(GPtrArray) document_attributes = NULL;
  JsonObject *object;
  JsonNode *version;
  JsonArray *array;
  const char *name;

  if (root == NULL)
    {
      g_set_error_literal (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                           _("schema: no JSON data"));
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                           _("schema: expected a JSON object"));
      return NULL;
    }

  object = json_node_get_object (root);

  if (!member_string (object, "name", TRUE, "schema", &name, error))
    return NULL;

  if (*name == '\0')
    {
      g_set_error_literal (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                           _("schema: empty name"));
      return NULL;
    }

  version = json_object_get_member (object, "version");
  if (version != NULL && !JSON_NODE_HOLDS_NULL (version))
    {
      gint64 v;

      if (!JSON_NODE_HOLDS_VALUE (version) || json_node_get_value_type (version) != G_TYPE_INT64)
        {
          g_set_error_literal (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                               _("schema: version must be an integer"));
          return NULL;
        }

      v = json_node_get_int (version);
      if (v != SCHEMA_FORMAT_VERSION)
        {
          g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                       _("schema: unsupported version %" G_GINT64_FORMAT " (expected %d)"),
                       v, SCHEMA_FORMAT_VERSION);
          return NULL;
        }
    }

  self = gloss_schema_new (name);

  if (!parse_layers (self, object, error))
    return NULL;

  if (!member_array (object, "labels", "schema", &array, error))
    return NULL;

  if (array != NULL && json_array_get_length (array) > GLOSS_SCHEMA_MAX_LABELS)
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT,
                   _("schema: more than %u labels (the limit)"), GLOSS_SCHEMA_MAX_LABELS);
      return NULL;
    }

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      if (!parse_label (self, json_array_get_element (array, i), i + 1, error))
        return NULL;
    }

  if (!member_array (object, "relations", "schema", &array, error))
    return NULL;

  if (array != NULL && json_array_get_length (array) > GLOSS_SCHEMA_MAX_RELATION_TYPES)
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT,
                   _("schema: more than %u relation types (the limit)"),
                   GLOSS_SCHEMA_MAX_RELATION_TYPES);
      return NULL;
    }

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      if (!parse_relation (self, json_array_get_element (array, i), i + 1, error))
        return NULL;
    }

  document_attributes = parse_attr_defs (object, "document_attributes", NULL, error);
  if (document_attributes == NULL)
    return NULL;

  for (guint i = 0; i < document_attributes->len; i++)
    gloss_schema_add_document_attribute (self, g_ptr_array_index (document_attributes, i));

  return g_steal_pointer (&self);
}

/* ---- Public API */

/* @length: the length of @json in bytes, or -1 if it is NUL-terminated. */
GlossSchema *
gloss_schema_new_from_json (const char  *json,
                            gssize       length,
                            GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GlossSchema) schema = NULL;
  g_autoptr(GError) local_error = NULL;
  guint n_values = 0;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (json);

  /* Bounded: looks at GLOSS_SCHEMA_MAX_JSON_SIZE bytes at most. */
  if (!scan_json (json, length, &n_values, error))
    return NULL;

  if (memchr (json, '\0', length) != NULL)
    {
      g_set_error_literal (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                           _("schema: contains a NUL byte"));
      return NULL;
    }

  if (!g_utf8_validate_len (json, length, NULL))
    {
      g_set_error_literal (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                           _("schema: not valid UTF-8 text"));
      return NULL;
    }

  parser = json_parser_new_immutable ();

  if (!json_parser_load_from_data (parser, json, length, &local_error))
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                   _("schema: not valid JSON: %s"), local_error->message);
      return NULL;
    }

  schema = schema_from_root (json_parser_get_root (parser), error);
  if (schema == NULL)
    return NULL;

  /* What loads must load again once written out (into a project, say), and
   * gloss_schema_to_json() adds values (each label's layer and colour, the
   * layers) and bytes (indents). Written out, a label's 2 values at least
   * become 6 at most, and a value of n bytes 6 n + 45 at most: within
   * the limits for an input below these, so only a larger one is checked. */
  if (length > 1024 * 1024 || n_values > 50000)
    {
      g_autofree char *again = gloss_schema_to_json (schema);

      if (!scan_json (again, strlen (again), NULL, &local_error))
        {
          g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT,
                       _("schema: written out again it would pass a limit: %s"),
                       local_error->message);
          return NULL;
        }
    }

  return g_steal_pointer (&schema);
}

/* Reads @path whole, like g_file_get_contents(), but refuses to read more
 * than @max bytes, whatever the file is (a FIFO, /dev/zero, a sparse file). */
static gboolean
read_file_at_most (const char  *path,
                   gsize        max,
                   char       **contents,
                   gsize       *length,
                   GError     **error)
{
  g_autofree char *display_name = g_filename_display_name (path);
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Failed to open file “%s”: %s"), display_name, g_strerror (saved_errno));
      return FALSE;
    }

  for (;;)
    {
      guint8 buffer[65536];
      gssize n = read (fd, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;

      if (n < 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       _("Failed to read from file “%s”: %s"),
                       display_name, g_strerror (saved_errno));
          close (fd);
          return FALSE;
        }

      if (n == 0)
        break;

      if (bytes->len + (gsize) n > max)
        {
          close (fd);
          g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT,
                       _("schema: larger than %u MiB (the limit)"),
                       (guint) (max / (1024 * 1024)));
          return FALSE;
        }

      g_byte_array_append (bytes, buffer, n);
    }

  close (fd);

  *length = bytes->len;
  g_byte_array_append (bytes, (const guint8 *) "", 1);
  *contents = (char *) g_byte_array_free (g_steal_pointer (&bytes), FALSE);

  return TRUE;
}

/* Reads GLOSS_SCHEMA_MAX_JSON_SIZE bytes at most. */
GlossSchema *
gloss_schema_new_from_file (const char  *path,
                            GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;
  GlossSchema *schema;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!read_file_at_most (path, GLOSS_SCHEMA_MAX_JSON_SIZE, &contents, &length, &local_error))
    {
      /* Errors from the file name it already. */
      if (local_error->domain == GLOSS_SCHEMA_ERROR)
        g_prefix_error (&local_error, "%s: ", path);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  schema = gloss_schema_new_from_json (contents, length, error);
  if (schema == NULL)
    g_prefix_error (error, "%s: ", path);

  return schema;
}

char *
gloss_schema_to_json (GlossSchema *self)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  guint n_items;

  g_return_val_if_fail (GLOSS_IS_SCHEMA (self), NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, self->name);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, SCHEMA_FORMAT_VERSION);

  if (self->layers->len > 0)
    {
      json_builder_set_member_name (builder, "layers");
      json_builder_begin_array (builder);
      for (guint i = 0; i < self->layers->len; i++)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, g_ptr_array_index (self->layers, i));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->labels));
  if (n_items > 0)
    {
      json_builder_set_member_name (builder, "labels");
      json_builder_begin_array (builder);
      for (guint i = 0; i < n_items; i++)
        {
          g_autoptr(GlossLabel) label = g_list_model_get_item (G_LIST_MODEL (self->labels), i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, label->name);
          json_builder_set_member_name (builder, "layer");
          json_builder_add_string_value (builder, label->layer);
          json_builder_set_member_name (builder, "color");
          json_builder_add_string_value (builder, label->color);
          build_optional_string (builder, "hotkey", label->hotkey);
          build_optional_string (builder, "description", label->description);
          build_attr_defs (builder, "attributes", label->attributes);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->relation_types));
  if (n_items > 0)
    {
      json_builder_set_member_name (builder, "relations");
      json_builder_begin_array (builder);
      for (guint i = 0; i < n_items; i++)
        {
          g_autoptr(GlossRelationType) type =
            g_list_model_get_item (G_LIST_MODEL (self->relation_types), i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, type->name);
          build_optional_string (builder, "description", type->description);
          build_string_array (builder, "source", (const char * const *) type->sources);
          build_string_array (builder, "target", (const char * const *) type->targets);
          build_attr_defs (builder, "attributes", type->attributes);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }

  build_attr_defs (builder, "document_attributes", self->document_attributes);

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);

  return g_strconcat (json, "\n", NULL);
}
