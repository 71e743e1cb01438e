/* gloss-attr-def.c: GlossAttrDef, an immutable attribute definition
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gloss-schema-private.h"

G_DEFINE_BOXED_TYPE (GlossAttrDef, gloss_attr_def, gloss_attr_def_ref, gloss_attr_def_unref)

static char *
strv_join (const char * const *strv)
{
  return g_strjoinv (", ", (char **) strv);
}

static gboolean
attr_value_fits (GlossAttrType        type,
                 const char * const  *values,
                 GVariant            *value)
{
  switch (type)
    {
    case GLOSS_ATTR_TYPE_ENUM:
      return g_variant_is_of_type (value, G_VARIANT_TYPE_STRING) &&
             values != NULL &&
             g_strv_contains (values, g_variant_get_string (value, NULL));

    case GLOSS_ATTR_TYPE_BOOLEAN:
      return g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN);

    case GLOSS_ATTR_TYPE_TEXT:
      return g_variant_is_of_type (value, G_VARIANT_TYPE_STRING);

    default:
      return FALSE;
    }
}

gboolean
gloss_attr_def_equal (GlossAttrDef *a,
                      GlossAttrDef *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (a == b)
    return TRUE;

  if (g_strcmp0 (a->name, b->name) != 0 || a->type != b->type)
    return FALSE;

  if (!g_strv_equal ((const char * const *) a->values, (const char * const *) b->values))
    return FALSE;

  if (a->default_value == NULL || b->default_value == NULL)
    return a->default_value == b->default_value;

  return g_variant_equal (a->default_value, b->default_value);
}

gboolean
_gloss_attr_defs_equal (GPtrArray *a,
                        GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      if (!gloss_attr_def_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
        return FALSE;
    }

  return TRUE;
}

static gpointer
attr_def_copy (gconstpointer def,
               gpointer      user_data)
{
  return gloss_attr_def_ref ((GlossAttrDef *) def);
}

/* Appends @src's definitions (immutable, so shared) to @dest. For a new
 * owner only: @src has no duplicates and nothing listens to the owner yet. */
void
_gloss_attr_defs_extend (GPtrArray *dest,
                         GPtrArray *src)
{
  g_ptr_array_extend (dest, src, attr_def_copy, NULL);
}

GlossAttrDef *
_gloss_attr_defs_lookup (GPtrArray  *defs,
                         const char *name)
{
  if (name == NULL)
    return NULL;

  for (guint i = 0; i < defs->len; i++)
    {
      GlossAttrDef *def = g_ptr_array_index (defs, i);

      if (g_str_equal (def->name, name))
        return def;
    }

  return NULL;
}

static gboolean
check_attr_def (GlossAttrDef  *def,
                GError       **error)
{
  if (_gloss_schema_name_too_long (def->name))
    {
      g_autofree char *excerpt = _gloss_schema_name_excerpt (def->name);

      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT,
                   _("Attribute name “%s” is longer than %u characters (the limit)"),
                   excerpt, GLOSS_SCHEMA_MAX_NAME_LENGTH);
      return FALSE;
    }

  if (g_strv_length (def->values) > GLOSS_SCHEMA_MAX_ENUM_VALUES)
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT,
                   _("Attribute “%s” has more than %u values (the limit)"),
                   def->name, GLOSS_SCHEMA_MAX_ENUM_VALUES);
      return FALSE;
    }

  return TRUE;
}

/* The definitions of a label or relation type joining a schema. */
gboolean
_gloss_attr_defs_check (GPtrArray  *defs,
                        GError    **error)
{
  if (defs->len > GLOSS_SCHEMA_MAX_ATTRIBUTES)
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT,
                   _("More than %u attributes (the limit)"), GLOSS_SCHEMA_MAX_ATTRIBUTES);
      return FALSE;
    }

  for (guint i = 0; i < defs->len; i++)
    {
      if (!check_attr_def (g_ptr_array_index (defs, i), error))
        return FALSE;
    }

  return TRUE;
}

/* One more definition for @defs. */
gboolean
_gloss_attr_defs_check_add (GPtrArray     *defs,
                            GlossAttrDef  *def,
                            GError       **error)
{
  if (_gloss_attr_defs_lookup (defs, def->name) != NULL)
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_DUPLICATE,
                   _("Attribute “%s” already exists"), def->name);
      return FALSE;
    }

  if (defs->len >= GLOSS_SCHEMA_MAX_ATTRIBUTES)
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT,
                   _("Cannot add attribute “%s”: more than %u attributes (the limit)"),
                   def->name, GLOSS_SCHEMA_MAX_ATTRIBUTES);
      return FALSE;
    }

  return check_attr_def (def, error);
}

GlossAttrDef *
gloss_attr_def_new (const char         *name,
                    GlossAttrType       type,
                    const char * const *values,
                    GVariant           *default_value)
{
  GlossAttrDef *def;

  g_return_val_if_fail (_gloss_schema_name_is_valid (name), NULL);
  g_return_val_if_fail (type == GLOSS_ATTR_TYPE_ENUM ||
                        type == GLOSS_ATTR_TYPE_BOOLEAN ||
                        type == GLOSS_ATTR_TYPE_TEXT, NULL);
  g_return_val_if_fail (type != GLOSS_ATTR_TYPE_ENUM || (values != NULL && values[0] != NULL),
                        NULL);
  g_return_val_if_fail (default_value == NULL || attr_value_fits (type, values, default_value),
                        NULL);

  def = g_new0 (GlossAttrDef, 1);
  g_atomic_ref_count_init (&def->ref_count);
  def->name = g_strdup (name);
  def->type = type;
  def->values = type == GLOSS_ATTR_TYPE_ENUM ? _gloss_schema_strv_copy_or_empty (values)
                                             : g_new0 (char *, 1);
  def->default_value = default_value != NULL ? g_variant_ref_sink (default_value) : NULL;

  return def;
}

GlossAttrDef *
gloss_attr_def_ref (GlossAttrDef *def)
{
  g_return_val_if_fail (def != NULL, NULL);

  g_atomic_ref_count_inc (&def->ref_count);

  return def;
}

void
gloss_attr_def_unref (GlossAttrDef *def)
{
  g_return_if_fail (def != NULL);

  if (g_atomic_ref_count_dec (&def->ref_count))
    {
      g_free (def->name);
      g_strfreev (def->values);
      g_clear_pointer (&def->default_value, g_variant_unref);
      g_free (def);
    }
}

const char *
gloss_attr_def_get_name (GlossAttrDef *def)
{
  g_return_val_if_fail (def != NULL, NULL);

  return def->name;
}

GlossAttrType
gloss_attr_def_get_attr_type (GlossAttrDef *def)
{
  g_return_val_if_fail (def != NULL, GLOSS_ATTR_TYPE_TEXT);

  return def->type;
}

/* Never NULL: empty for BOOLEAN and TEXT attributes. */
const char * const *
gloss_attr_def_get_values (GlossAttrDef *def)
{
  g_return_val_if_fail (def != NULL, NULL);

  return (const char * const *) def->values;
}

GVariant *
gloss_attr_def_get_default_value (GlossAttrDef *def)
{
  g_return_val_if_fail (def != NULL, NULL);

  return def->default_value;
}

gboolean
gloss_attr_def_check_value (GlossAttrDef  *def,
                            GVariant      *value,
                            GError       **error)
{
  g_return_val_if_fail (def != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (value == NULL)
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_NOT_ALLOWED,
                   _("Attribute “%s” needs a value"), def->name);
      return FALSE;
    }

  if (attr_value_fits (def->type, (const char * const *) def->values, value))
    return TRUE;

  switch (def->type)
    {
    case GLOSS_ATTR_TYPE_ENUM:
      if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        {
          g_autofree char *allowed = strv_join ((const char * const *) def->values);

          g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_NOT_ALLOWED,
                       _("Attribute “%s” cannot be “%s” (allowed: %s)"),
                       def->name, g_variant_get_string (value, NULL), allowed);
        }
      else
        {
          g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_NOT_ALLOWED,
                       _("Attribute “%s” takes a string value, not “%s”"),
                       def->name, g_variant_get_type_string (value));
        }
      break;

    case GLOSS_ATTR_TYPE_BOOLEAN:
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_NOT_ALLOWED,
                   _("Attribute “%s” takes a boolean value, not “%s”"),
                   def->name, g_variant_get_type_string (value));
      break;

    case GLOSS_ATTR_TYPE_TEXT:
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_NOT_ALLOWED,
                   _("Attribute “%s” takes a string value, not “%s”"),
                   def->name, g_variant_get_type_string (value));
      break;

    default:
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                   _("Attribute “%s” has an unknown type"), def->name);
      break;
    }

  return FALSE;
}
