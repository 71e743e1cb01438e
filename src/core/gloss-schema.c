/* gloss-schema.c: layers, labels, attribute definitions and relation types
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

#include "gloss-schema.h"

/* The "version" written to and accepted from JSON. */
#define SCHEMA_FORMAT_VERSION 1

#define DEFAULT_LAYER "entity"
#define DEFAULT_COLOR "#c0bfbc"

static const char * const empty_strv[] = { NULL };

/* Colours given, in turn, to labels that a JSON schema leaves without one. */
static const char * const fallback_colors[] = {
  "#3584e4", "#33d17a", "#f6d32d", "#ff7800", "#c061cb", "#b5835a", "#f66151",
  "#99c1f1", "#8ff0a4", "#f9f06b", "#ffbe6f", "#dc8add", "#cdab8f", "#9a9996",
};

G_DEFINE_QUARK (gloss-schema-error-quark, gloss_schema_error)

/* ------------------------------------------------------------------------ */
/* Shared helpers                                                            */

/* Like g_set_str (GLib 2.76). */
static gboolean
replace_string (char       **ptr,
                const char  *value)
{
  char *copy;

  if (g_strcmp0 (*ptr, value) == 0)
    return FALSE;

  copy = g_strdup (value);
  g_free (*ptr);
  *ptr = copy;

  return TRUE;
}

static const char *
nonempty (const char *str)
{
  return (str != NULL && *str != '\0') ? str : NULL;
}

/* Names of layers, labels, relation types and attributes end up in formats
 * such as brat's, which split on white space. */
static gboolean
name_is_valid (const char *name)
{
  if (name == NULL || *name == '\0' || !g_utf8_validate (name, -1, NULL))
    return FALSE;

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        return FALSE;
    }

  return TRUE;
}

/* TRUE when @str has more than @max characters; looks at @max + 1 at most. */
static gboolean
utf8_longer_than (const char *str,
                  guint       max)
{
  guint n = 0;

  for (const char *p = str; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (++n > max)
        return TRUE;
    }

  return FALSE;
}

static gboolean
name_too_long (const char *name)
{
  return utf8_longer_than (name, GLOSS_SCHEMA_MAX_NAME_LENGTH);
}

/* A name that may be far too long to quote whole in a message. */
static char *
name_excerpt (const char *name)
{
  g_autofree char *start = NULL;

  if (!utf8_longer_than (name, 40))
    return g_strdup (name);

  start = g_utf8_substring (name, 0, 40);

  return g_strconcat (start, "…", NULL);
}

static gboolean
color_is_valid (const char *color)
{
  if (color == NULL || strlen (color) != 7 || color[0] != '#')
    return FALSE;

  for (guint i = 1; i < 7; i++)
    {
      if (!g_ascii_isxdigit (color[i]))
        return FALSE;
    }

  return TRUE;
}

/* One printable character ("1", "p", "é") or a key name made of ASCII
 * letters, digits and underscores ("F2", "KP_1"). */
static gboolean
hotkey_is_valid (const char *hotkey)
{
  if (hotkey == NULL || *hotkey == '\0' || !g_utf8_validate (hotkey, -1, NULL))
    return FALSE;

  if (*g_utf8_next_char (hotkey) == '\0')
    return g_unichar_isgraph (g_utf8_get_char (hotkey));

  if (strlen (hotkey) > 32)
    return FALSE;

  for (const char *p = hotkey; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '_')
        return FALSE;
    }

  return TRUE;
}

static char **
strv_copy_or_empty (const char * const *strv)
{
  if (strv == NULL)
    return g_new0 (char *, 1);

  return g_strdupv ((char **) strv);
}

static char *
strv_join (const char * const *strv)
{
  return g_strjoinv (", ", (char **) strv);
}

/* ------------------------------------------------------------------------ */
/* GlossAttrDef                                                              */

struct _GlossAttrDef
{
  gatomicrefcount  ref_count;
  char            *name;           /* owned */
  GlossAttrType    type;
  char           **values;         /* owned, never NULL; empty unless ENUM */
  GVariant        *default_value;  /* owned, nullable */
};

G_DEFINE_BOXED_TYPE (GlossAttrDef, gloss_attr_def, gloss_attr_def_ref, gloss_attr_def_unref)

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

static gboolean
attr_defs_equal (GPtrArray *a,
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
static void
attr_defs_extend (GPtrArray *dest,
                  GPtrArray *src)
{
  g_ptr_array_extend (dest, src, attr_def_copy, NULL);
}

static GlossAttrDef *
attr_defs_lookup (GPtrArray  *defs,
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
  if (name_too_long (def->name))
    {
      g_autofree char *excerpt = name_excerpt (def->name);

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
static gboolean
check_attr_defs (GPtrArray  *defs,
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
static gboolean
check_attr_def_add (GPtrArray     *defs,
                    GlossAttrDef  *def,
                    GError       **error)
{
  if (attr_defs_lookup (defs, def->name) != NULL)
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

  g_return_val_if_fail (name_is_valid (name), NULL);
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
  def->values = type == GLOSS_ATTR_TYPE_ENUM ? strv_copy_or_empty (values) : g_new0 (char *, 1);
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

/* ------------------------------------------------------------------------ */
/* GlossLabel                                                                */

struct _GlossLabel
{
  GObject    parent_instance;

  char      *name;         /* owned */
  char      *layer;        /* owned, never NULL */
  char      *color;        /* owned, never NULL, "#rrggbb" in lower case */
  char      *hotkey;       /* owned, nullable */
  char      *description;  /* owned, nullable */
  GPtrArray *attributes;   /* owned, of GlossAttrDef */
};

G_DEFINE_FINAL_TYPE (GlossLabel, gloss_label, G_TYPE_OBJECT)

enum {
  LABEL_PROP_0,
  LABEL_PROP_NAME,
  LABEL_PROP_LAYER,
  LABEL_PROP_COLOR,
  LABEL_PROP_HOTKEY,
  LABEL_PROP_DESCRIPTION,
  LABEL_PROP_ATTRIBUTES,
  N_LABEL_PROPS
};

static GParamSpec *label_properties[N_LABEL_PROPS];

static gboolean
label_equal (GlossLabel *a,
             GlossLabel *b)
{
  return g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->layer, b->layer) == 0 &&
         g_strcmp0 (a->color, b->color) == 0 &&
         g_strcmp0 (a->hotkey, b->hotkey) == 0 &&
         g_strcmp0 (a->description, b->description) == 0 &&
         attr_defs_equal (a->attributes, b->attributes);
}

static void
gloss_label_finalize (GObject *object)
{
  GlossLabel *self = GLOSS_LABEL (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->layer, g_free);
  g_clear_pointer (&self->color, g_free);
  g_clear_pointer (&self->hotkey, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->attributes, g_ptr_array_unref);

  G_OBJECT_CLASS (gloss_label_parent_class)->finalize (object);
}

static void
gloss_label_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  GlossLabel *self = GLOSS_LABEL (object);

  switch (prop_id)
    {
    case LABEL_PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case LABEL_PROP_LAYER:
      g_value_set_string (value, self->layer);
      break;

    case LABEL_PROP_COLOR:
      g_value_set_string (value, self->color);
      break;

    case LABEL_PROP_HOTKEY:
      g_value_set_string (value, self->hotkey);
      break;

    case LABEL_PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case LABEL_PROP_ATTRIBUTES:
      g_value_set_boxed (value, self->attributes);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_label_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  GlossLabel *self = GLOSS_LABEL (object);

  switch (prop_id)
    {
    case LABEL_PROP_NAME:
      gloss_label_set_name (self, g_value_get_string (value));
      break;

    case LABEL_PROP_LAYER:
      gloss_label_set_layer (self, g_value_get_string (value));
      break;

    case LABEL_PROP_COLOR:
      gloss_label_set_color (self, g_value_get_string (value));
      break;

    case LABEL_PROP_HOTKEY:
      gloss_label_set_hotkey (self, g_value_get_string (value));
      break;

    case LABEL_PROP_DESCRIPTION:
      gloss_label_set_description (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_label_class_init (GlossLabelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gloss_label_finalize;
  object_class->get_property = gloss_label_get_property;
  object_class->set_property = gloss_label_set_property;

  label_properties[LABEL_PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  label_properties[LABEL_PROP_LAYER] =
    g_param_spec_string ("layer", NULL, NULL,
                         DEFAULT_LAYER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  label_properties[LABEL_PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL,
                         DEFAULT_COLOR,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  label_properties[LABEL_PROP_HOTKEY] =
    g_param_spec_string ("hotkey", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  label_properties[LABEL_PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Notifies when gloss_label_add_attribute() adds a definition. */
  label_properties[LABEL_PROP_ATTRIBUTES] =
    g_param_spec_boxed ("attributes", NULL, NULL,
                        G_TYPE_PTR_ARRAY,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_LABEL_PROPS, label_properties);
}

static void
gloss_label_init (GlossLabel *self)
{
  self->layer = g_strdup (DEFAULT_LAYER);
  self->color = g_strdup (DEFAULT_COLOR);
  self->attributes = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_attr_def_unref);
}

/* @layer: NULL means "entity". @color: NULL means a neutral grey. */
GlossLabel *
gloss_label_new (const char *name,
                 const char *layer,
                 const char *color,
                 const char *hotkey,
                 const char *description)
{
  g_return_val_if_fail (name_is_valid (name), NULL);
  g_return_val_if_fail (layer == NULL || name_is_valid (layer), NULL);
  g_return_val_if_fail (color == NULL || color_is_valid (color), NULL);
  g_return_val_if_fail (nonempty (hotkey) == NULL || hotkey_is_valid (hotkey), NULL);

  return g_object_new (GLOSS_TYPE_LABEL,
                       "name", name,
                       "layer", layer,
                       "color", color,
                       "hotkey", hotkey,
                       "description", description,
                       NULL);
}

const char *
gloss_label_get_name (GlossLabel *self)
{
  g_return_val_if_fail (GLOSS_IS_LABEL (self), NULL);

  return self->name;
}

/* Inside a schema, prefer gloss_schema_rename_label(): it refuses duplicates
 * and keeps relation type ends in step. */
void
gloss_label_set_name (GlossLabel *self,
                      const char *name)
{
  g_return_if_fail (GLOSS_IS_LABEL (self));
  g_return_if_fail (name_is_valid (name));

  if (replace_string (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), label_properties[LABEL_PROP_NAME]);
}

const char *
gloss_label_get_layer (GlossLabel *self)
{
  g_return_val_if_fail (GLOSS_IS_LABEL (self), NULL);

  return self->layer;
}

void
gloss_label_set_layer (GlossLabel *self,
                       const char *layer)
{
  g_return_if_fail (GLOSS_IS_LABEL (self));
  g_return_if_fail (layer == NULL || name_is_valid (layer));

  if (layer == NULL)
    layer = DEFAULT_LAYER;

  if (replace_string (&self->layer, layer))
    g_object_notify_by_pspec (G_OBJECT (self), label_properties[LABEL_PROP_LAYER]);
}

const char *
gloss_label_get_color (GlossLabel *self)
{
  g_return_val_if_fail (GLOSS_IS_LABEL (self), NULL);

  return self->color;
}

void
gloss_label_set_color (GlossLabel *self,
                       const char *color)
{
  g_autofree char *lower = NULL;

  g_return_if_fail (GLOSS_IS_LABEL (self));
  g_return_if_fail (color == NULL || color_is_valid (color));

  lower = g_ascii_strdown (color != NULL ? color : DEFAULT_COLOR, -1);

  if (replace_string (&self->color, lower))
    g_object_notify_by_pspec (G_OBJECT (self), label_properties[LABEL_PROP_COLOR]);
}

const char *
gloss_label_get_hotkey (GlossLabel *self)
{
  g_return_val_if_fail (GLOSS_IS_LABEL (self), NULL);

  return self->hotkey;
}

/* Inside a schema, prefer gloss_schema_set_label_hotkey(): it refuses a
 * hotkey that another label already has. */
void
gloss_label_set_hotkey (GlossLabel *self,
                        const char *hotkey)
{
  g_return_if_fail (GLOSS_IS_LABEL (self));

  hotkey = nonempty (hotkey);
  g_return_if_fail (hotkey == NULL || hotkey_is_valid (hotkey));

  if (replace_string (&self->hotkey, hotkey))
    g_object_notify_by_pspec (G_OBJECT (self), label_properties[LABEL_PROP_HOTKEY]);
}

const char *
gloss_label_get_description (GlossLabel *self)
{
  g_return_val_if_fail (GLOSS_IS_LABEL (self), NULL);

  return self->description;
}

void
gloss_label_set_description (GlossLabel *self,
                             const char *description)
{
  g_return_if_fail (GLOSS_IS_LABEL (self));

  if (replace_string (&self->description, nonempty (description)))
    g_object_notify_by_pspec (G_OBJECT (self), label_properties[LABEL_PROP_DESCRIPTION]);
}

/* Returns: (transfer none): the label's GlossAttrDef, in order. */
GPtrArray *
gloss_label_get_attributes (GlossLabel *self)
{
  g_return_val_if_fail (GLOSS_IS_LABEL (self), NULL);

  return self->attributes;
}

void
gloss_label_add_attribute (GlossLabel   *self,
                           GlossAttrDef *def)
{
  g_return_if_fail (GLOSS_IS_LABEL (self));
  g_return_if_fail (def != NULL);
  g_return_if_fail (check_attr_def_add (self->attributes, def, NULL));

  g_ptr_array_add (self->attributes, gloss_attr_def_ref (def));
  g_object_notify_by_pspec (G_OBJECT (self), label_properties[LABEL_PROP_ATTRIBUTES]);
}

gboolean
gloss_label_try_add_attribute (GlossLabel    *self,
                               GlossAttrDef  *def,
                               GError       **error)
{
  g_return_val_if_fail (GLOSS_IS_LABEL (self), FALSE);
  g_return_val_if_fail (def != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_attr_def_add (self->attributes, def, error))
    {
      g_prefix_error (error, _("Label “%s”: "), self->name);
      return FALSE;
    }

  gloss_label_add_attribute (self, def);

  return TRUE;
}

/* Returns: (transfer none) (nullable) */
GlossAttrDef *
gloss_label_lookup_attribute (GlossLabel *self,
                              const char *name)
{
  g_return_val_if_fail (GLOSS_IS_LABEL (self), NULL);

  return attr_defs_lookup (self->attributes, name);
}

/* ------------------------------------------------------------------------ */
/* GlossRelationType                                                         */

struct _GlossRelationType
{
  GObject    parent_instance;

  char      *name;         /* owned */
  char      *description;  /* owned, nullable */
  char     **sources;      /* owned, never NULL; empty = any label */
  char     **targets;      /* owned, never NULL; empty = any label */
  GHashTable *source_set;  /* owned, nullable: @sources' strings when there are many */
  GHashTable *target_set;  /* owned, nullable: @targets' strings when there are many */
  GPtrArray *attributes;   /* owned, of GlossAttrDef */
};

G_DEFINE_FINAL_TYPE (GlossRelationType, gloss_relation_type, G_TYPE_OBJECT)

enum {
  RELATION_PROP_0,
  RELATION_PROP_NAME,
  RELATION_PROP_DESCRIPTION,
  RELATION_PROP_SOURCES,
  RELATION_PROP_TARGETS,
  RELATION_PROP_ATTRIBUTES,
  N_RELATION_PROPS
};

static GParamSpec *relation_properties[N_RELATION_PROPS];

static gboolean
relation_type_equal (GlossRelationType *a,
                     GlossRelationType *b)
{
  return g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->description, b->description) == 0 &&
         g_strv_equal ((const char * const *) a->sources, (const char * const *) b->sources) &&
         g_strv_equal ((const char * const *) a->targets, (const char * const *) b->targets) &&
         attr_defs_equal (a->attributes, b->attributes);
}

/* Ends longer than this are also kept in a hash set, so that asking which
 * relation types fit two labels stays quick with long ends. Built whenever an
 * end changes, never while reading, since readers may be on other threads. */
#define END_SET_MIN 16

static GHashTable *
end_set_new (char **labels)
{
  GHashTable *set;

  if (g_strv_length (labels) <= END_SET_MIN)
    return NULL;

  set = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; labels[i] != NULL; i++)
    g_hash_table_add (set, labels[i]);

  return set;
}

static void
relation_type_update_end_sets (GlossRelationType *self)
{
  g_clear_pointer (&self->source_set, g_hash_table_unref);
  g_clear_pointer (&self->target_set, g_hash_table_unref);
  self->source_set = end_set_new (self->sources);
  self->target_set = end_set_new (self->targets);
}

static gboolean
end_allows (char       **labels,
            GHashTable  *set,
            const char  *label)
{
  if (labels[0] == NULL)
    return TRUE;

  if (label == NULL)
    return FALSE;

  if (set != NULL)
    return g_hash_table_contains (set, label);

  return g_strv_contains ((const char * const *) labels, label);
}

static gboolean
end_is_only (char       **labels,
             const char  *label)
{
  return labels[0] != NULL && labels[1] == NULL && g_str_equal (labels[0], label);
}

/* Replaces @old_name with @new_name (or drops it when @new_name is NULL)
 * in one end list. Returns TRUE if something changed. */
static gboolean
end_replace (char       **labels,
             const char  *old_name,
             const char  *new_name)
{
  gboolean changed = FALSE;
  guint j = 0;

  for (guint i = 0; labels[i] != NULL; i++)
    {
      if (g_str_equal (labels[i], old_name))
        {
          changed = TRUE;

          if (new_name == NULL)
            {
              g_free (labels[i]);
              continue;
            }

          g_free (labels[i]);
          labels[i] = g_strdup (new_name);
        }

      labels[j++] = labels[i];
    }

  labels[j] = NULL;

  return changed;
}

static void
relation_type_replace_label (GlossRelationType *self,
                             const char        *old_name,
                             const char        *new_name)
{
  gboolean sources_changed;
  gboolean targets_changed;

  /* The sets point into the ends: gone before end_replace() frees strings. */
  g_clear_pointer (&self->source_set, g_hash_table_unref);
  g_clear_pointer (&self->target_set, g_hash_table_unref);

  sources_changed = end_replace (self->sources, old_name, new_name);
  targets_changed = end_replace (self->targets, old_name, new_name);

  relation_type_update_end_sets (self);

  if (sources_changed)
    g_object_notify_by_pspec (G_OBJECT (self), relation_properties[RELATION_PROP_SOURCES]);

  if (targets_changed)
    g_object_notify_by_pspec (G_OBJECT (self), relation_properties[RELATION_PROP_TARGETS]);
}

static void
gloss_relation_type_finalize (GObject *object)
{
  GlossRelationType *self = GLOSS_RELATION_TYPE (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->source_set, g_hash_table_unref);
  g_clear_pointer (&self->target_set, g_hash_table_unref);
  g_clear_pointer (&self->sources, g_strfreev);
  g_clear_pointer (&self->targets, g_strfreev);
  g_clear_pointer (&self->attributes, g_ptr_array_unref);

  G_OBJECT_CLASS (gloss_relation_type_parent_class)->finalize (object);
}

static void
gloss_relation_type_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  GlossRelationType *self = GLOSS_RELATION_TYPE (object);

  switch (prop_id)
    {
    case RELATION_PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case RELATION_PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case RELATION_PROP_SOURCES:
      g_value_set_boxed (value, self->sources);
      break;

    case RELATION_PROP_TARGETS:
      g_value_set_boxed (value, self->targets);
      break;

    case RELATION_PROP_ATTRIBUTES:
      g_value_set_boxed (value, self->attributes);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_relation_type_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  GlossRelationType *self = GLOSS_RELATION_TYPE (object);

  switch (prop_id)
    {
    case RELATION_PROP_NAME:
      g_free (self->name);
      self->name = g_value_dup_string (value);
      break;

    case RELATION_PROP_DESCRIPTION:
      g_free (self->description);
      self->description = g_strdup (nonempty (g_value_get_string (value)));
      break;

    case RELATION_PROP_SOURCES:
      g_clear_pointer (&self->source_set, g_hash_table_unref);
      g_strfreev (self->sources);
      self->sources = strv_copy_or_empty (g_value_get_boxed (value));
      self->source_set = end_set_new (self->sources);
      break;

    case RELATION_PROP_TARGETS:
      g_clear_pointer (&self->target_set, g_hash_table_unref);
      g_strfreev (self->targets);
      self->targets = strv_copy_or_empty (g_value_get_boxed (value));
      self->target_set = end_set_new (self->targets);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_relation_type_class_init (GlossRelationTypeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gloss_relation_type_finalize;
  object_class->get_property = gloss_relation_type_get_property;
  object_class->set_property = gloss_relation_type_set_property;

  relation_properties[RELATION_PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  relation_properties[RELATION_PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* The ends notify when the schema renames or removes a label they name. */
  relation_properties[RELATION_PROP_SOURCES] =
    g_param_spec_boxed ("sources", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  relation_properties[RELATION_PROP_TARGETS] =
    g_param_spec_boxed ("targets", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  relation_properties[RELATION_PROP_ATTRIBUTES] =
    g_param_spec_boxed ("attributes", NULL, NULL,
                        G_TYPE_PTR_ARRAY,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_RELATION_PROPS, relation_properties);
}

static void
gloss_relation_type_init (GlossRelationType *self)
{
  self->sources = g_new0 (char *, 1);
  self->targets = g_new0 (char *, 1);
  self->attributes = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_attr_def_unref);
}

GlossRelationType *
gloss_relation_type_new (const char         *name,
                         const char         *description,
                         const char * const *sources,
                         const char * const *targets)
{
  g_return_val_if_fail (name_is_valid (name), NULL);

  return g_object_new (GLOSS_TYPE_RELATION_TYPE,
                       "name", name,
                       "description", description,
                       "sources", sources,
                       "targets", targets,
                       NULL);
}

const char *
gloss_relation_type_get_name (GlossRelationType *self)
{
  g_return_val_if_fail (GLOSS_IS_RELATION_TYPE (self), NULL);

  return self->name;
}

const char *
gloss_relation_type_get_description (GlossRelationType *self)
{
  g_return_val_if_fail (GLOSS_IS_RELATION_TYPE (self), NULL);

  return self->description;
}

/* Never NULL; empty means any label. */
const char * const *
gloss_relation_type_get_sources (GlossRelationType *self)
{
  g_return_val_if_fail (GLOSS_IS_RELATION_TYPE (self), NULL);

  return (const char * const *) self->sources;
}

/* Never NULL; empty means any label. */
const char * const *
gloss_relation_type_get_targets (GlossRelationType *self)
{
  g_return_val_if_fail (GLOSS_IS_RELATION_TYPE (self), NULL);

  return (const char * const *) self->targets;
}

gboolean
gloss_relation_type_allows (GlossRelationType *self,
                            const char        *source_label,
                            const char        *target_label)
{
  g_return_val_if_fail (GLOSS_IS_RELATION_TYPE (self), FALSE);

  return end_allows (self->sources, self->source_set, source_label) &&
         end_allows (self->targets, self->target_set, target_label);
}

GPtrArray *
gloss_relation_type_get_attributes (GlossRelationType *self)
{
  g_return_val_if_fail (GLOSS_IS_RELATION_TYPE (self), NULL);

  return self->attributes;
}

void
gloss_relation_type_add_attribute (GlossRelationType *self,
                                   GlossAttrDef      *def)
{
  g_return_if_fail (GLOSS_IS_RELATION_TYPE (self));
  g_return_if_fail (def != NULL);
  g_return_if_fail (check_attr_def_add (self->attributes, def, NULL));

  g_ptr_array_add (self->attributes, gloss_attr_def_ref (def));
  g_object_notify_by_pspec (G_OBJECT (self), relation_properties[RELATION_PROP_ATTRIBUTES]);
}

gboolean
gloss_relation_type_try_add_attribute (GlossRelationType  *self,
                                       GlossAttrDef       *def,
                                       GError            **error)
{
  g_return_val_if_fail (GLOSS_IS_RELATION_TYPE (self), FALSE);
  g_return_val_if_fail (def != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_attr_def_add (self->attributes, def, error))
    {
      g_prefix_error (error, _("Relation type “%s”: "), self->name);
      return FALSE;
    }

  gloss_relation_type_add_attribute (self, def);

  return TRUE;
}

GlossAttrDef *
gloss_relation_type_lookup_attribute (GlossRelationType *self,
                                      const char        *name)
{
  g_return_val_if_fail (GLOSS_IS_RELATION_TYPE (self), NULL);

  return attr_defs_lookup (self->attributes, name);
}

/* ------------------------------------------------------------------------ */
/* GlossSchema                                                               */

/* What the label index knows of one label: the name and hotkey it is filed
 * under, which differ from the label's own for a moment while it notifies a
 * change. */
typedef struct
{
  GlossLabel *label;   /* borrowed: the schema's store holds it */
  char       *name;    /* owned */
  char       *hotkey;  /* owned, nullable */
} LabelEntry;

struct _GlossSchema
{
  GObject     parent_instance;

  char       *name;                 /* owned */
  GPtrArray  *layers;               /* owned, of char *, NULL-terminated */
  GHashTable *layer_set;            /* owned, the strings of @layers (borrowed) */
  GListStore *labels;               /* owned, of GlossLabel */
  GListStore *relation_types;       /* owned, of GlossRelationType */
  GPtrArray  *document_attributes;  /* owned, of GlossAttrDef */

  /* The label index: lookups by name and hotkey in constant time, with
   * @labels keeping the order. Each key is its entry's own string. A name or
   * hotkey that two labels share (possible only by setting it on the label
   * itself, bypassing the schema's checks) finds the first of them in order,
   * as a scan would; while there is such a clash the index is rebuilt after
   * each change, otherwise it is updated in place. */
  GHashTable *label_entries;        /* owned: GlossLabel * → LabelEntry * (owned) */
  GHashTable *labels_by_name;       /* owned: name → LabelEntry * */
  GHashTable *labels_by_hotkey;     /* owned: hotkey → LabelEntry * */
  GHashTable *relation_types_by_name; /* owned: name (borrowed) → GlossRelationType * */

  guint       freeze_count;
  guint       changed_pending : 1;
  guint       label_index_clash : 1;
};

G_DEFINE_FINAL_TYPE (GlossSchema, gloss_schema, G_TYPE_OBJECT)

enum {
  SCHEMA_PROP_0,
  SCHEMA_PROP_NAME,
  N_SCHEMA_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *schema_properties[N_SCHEMA_PROPS];
static guint signals[N_SIGNALS];

static void
emit_changed (GlossSchema *self)
{
  if (self->freeze_count > 0)
    {
      self->changed_pending = TRUE;
      return;
    }

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
freeze_changed (GlossSchema *self)
{
  self->freeze_count++;
}

static void
thaw_changed (GlossSchema *self)
{
  g_assert (self->freeze_count > 0);

  if (--self->freeze_count == 0 && self->changed_pending)
    {
      self->changed_pending = FALSE;
      g_signal_emit (self, signals[CHANGED], 0);
    }
}

static gboolean
has_layer (GlossSchema *self,
           const char  *layer)
{
  return g_hash_table_contains (self->layer_set, layer);
}

static void
append_layer (GlossSchema *self,
              const char  *layer)
{
  char *copy = g_strdup (layer);

  g_ptr_array_add (self->layers, copy);
  g_hash_table_add (self->layer_set, copy);
}

static gboolean
check_new_layer (GlossSchema  *self,
                 const char   *layer,
                 GError      **error)
{
  if (name_too_long (layer))
    {
      g_autofree char *excerpt = name_excerpt (layer);

      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT,
                   _("Layer name “%s” is longer than %u characters (the limit)"),
                   excerpt, GLOSS_SCHEMA_MAX_NAME_LENGTH);
      return FALSE;
    }

  if (self->layers->len >= GLOSS_SCHEMA_MAX_LAYERS)
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT,
                   _("Cannot add layer “%s”: more than %u layers (the limit)"),
                   layer, GLOSS_SCHEMA_MAX_LAYERS);
      return FALSE;
    }

  return TRUE;
}

static void
label_entry_free (gpointer data)
{
  LabelEntry *entry = data;

  g_free (entry->name);
  g_free (entry->hotkey);
  g_free (entry);
}

/* Files @entry under @key (its own name or hotkey) unless another label is
 * there already. */
static void
label_index_file (GlossSchema *self,
                  GHashTable  *index,
                  char        *key,
                  LabelEntry  *entry)
{
  LabelEntry *other;

  if (key == NULL)
    return;

  other = g_hash_table_lookup (index, key);

  if (other == NULL)
    g_hash_table_insert (index, key, entry);
  else if (other != entry)
    self->label_index_clash = TRUE;
}

static void
label_index_unfile (GHashTable *index,
                    const char *key,
                    LabelEntry *entry)
{
  if (key != NULL && g_hash_table_lookup (index, key) == entry)
    g_hash_table_remove (index, key);
}

/* From scratch, in display order, so that the first of two labels that share
 * a name or hotkey wins. A label on its way out has no entry any more. */
static void
label_index_rebuild (GlossSchema *self)
{
  GListModel *labels = G_LIST_MODEL (self->labels);
  guint n_items = g_list_model_get_n_items (labels);

  g_hash_table_remove_all (self->labels_by_name);
  g_hash_table_remove_all (self->labels_by_hotkey);
  self->label_index_clash = FALSE;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (labels, i);
      LabelEntry *entry = g_hash_table_lookup (self->label_entries, label);

      if (entry == NULL)
        continue;

      replace_string (&entry->name, label->name);
      replace_string (&entry->hotkey, label->hotkey);
      label_index_file (self, self->labels_by_name, entry->name, entry);
      label_index_file (self, self->labels_by_hotkey, entry->hotkey, entry);
    }
}

/* After a label was added, removed or moved, or changed its name or hotkey. */
static void
label_index_changed (GlossSchema *self)
{
  if (self->label_index_clash)
    label_index_rebuild (self);
}

/* For a label about to be appended to @labels: call label_index_changed()
 * once it is there. */
static void
label_index_add (GlossSchema *self,
                 GlossLabel  *label)
{
  LabelEntry *entry = g_new0 (LabelEntry, 1);

  entry->label = label;
  entry->name = g_strdup (label->name);
  entry->hotkey = g_strdup (label->hotkey);
  g_hash_table_insert (self->label_entries, label, entry);
  label_index_file (self, self->labels_by_name, entry->name, entry);
  label_index_file (self, self->labels_by_hotkey, entry->hotkey, entry);
}

/* For a label about to be taken out of @labels. */
static void
label_index_remove (GlossSchema *self,
                    GlossLabel  *label)
{
  LabelEntry *entry = g_hash_table_lookup (self->label_entries, label);

  g_assert (entry != NULL);

  label_index_unfile (self->labels_by_name, entry->name, entry);
  label_index_unfile (self->labels_by_hotkey, entry->hotkey, entry);
  g_hash_table_remove (self->label_entries, label);
  label_index_changed (self);
}

/* Brings the label's entry in step with its name and hotkey. */
static void
label_index_sync (GlossSchema *self,
                  GlossLabel  *label)
{
  LabelEntry *entry = g_hash_table_lookup (self->label_entries, label);
  gboolean changed = FALSE;

  g_assert (entry != NULL);

  if (g_strcmp0 (entry->name, label->name) != 0)
    {
      label_index_unfile (self->labels_by_name, entry->name, entry);
      replace_string (&entry->name, label->name);
      label_index_file (self, self->labels_by_name, entry->name, entry);
      changed = TRUE;
    }

  if (g_strcmp0 (entry->hotkey, label->hotkey) != 0)
    {
      label_index_unfile (self->labels_by_hotkey, entry->hotkey, entry);
      replace_string (&entry->hotkey, label->hotkey);
      label_index_file (self, self->labels_by_hotkey, entry->hotkey, entry);
      changed = TRUE;
    }

  if (changed)
    label_index_changed (self);
}

/* Returns: (transfer none) (nullable) */
static GlossLabel *
find_label (GlossSchema *self,
            const char  *name,
            guint       *position)
{
  LabelEntry *entry;

  if (name == NULL || (entry = g_hash_table_lookup (self->labels_by_name, name)) == NULL)
    return NULL;

  if (position != NULL && !g_list_store_find (self->labels, entry->label, position))
    g_assert_not_reached ();

  return entry->label;
}

/* Returns: (transfer none) (nullable) */
static GlossLabel *
find_hotkey (GlossSchema *self,
             const char  *hotkey)
{
  LabelEntry *entry;

  if (hotkey == NULL || (entry = g_hash_table_lookup (self->labels_by_hotkey, hotkey)) == NULL)
    return NULL;

  return entry->label;
}

/* Returns: (transfer none) (nullable) */
static GlossRelationType *
find_relation_type (GlossSchema *self,
                    const char  *name,
                    guint       *position)
{
  GlossRelationType *type;

  if (name == NULL || (type = g_hash_table_lookup (self->relation_types_by_name, name)) == NULL)
    return NULL;

  if (position != NULL && !g_list_store_find (self->relation_types, type, position))
    g_assert_not_reached ();

  return type;
}

static void
label_notify_cb (GlossSchema *self,
                 GParamSpec  *pspec,
                 GlossLabel  *label)
{
  /* A label moved to a new layer brings the layer along. */
  if (pspec == label_properties[LABEL_PROP_LAYER] && !has_layer (self, label->layer))
    append_layer (self, label->layer);

  if (pspec == label_properties[LABEL_PROP_NAME] || pspec == label_properties[LABEL_PROP_HOTKEY])
    label_index_sync (self, label);

  emit_changed (self);
}

static void
relation_type_notify_cb (GlossSchema       *self,
                         GParamSpec        *pspec,
                         GlossRelationType *type)
{
  emit_changed (self);
}

static void
disconnect_all (GlossSchema *self)
{
  guint n_items;

  if (self->labels != NULL)
    {
      n_items = g_list_model_get_n_items (G_LIST_MODEL (self->labels));
      for (guint i = 0; i < n_items; i++)
        {
          g_autoptr(GlossLabel) label = g_list_model_get_item (G_LIST_MODEL (self->labels), i);

          g_signal_handlers_disconnect_by_func (label, label_notify_cb, self);
        }
    }

  if (self->relation_types != NULL)
    {
      n_items = g_list_model_get_n_items (G_LIST_MODEL (self->relation_types));
      for (guint i = 0; i < n_items; i++)
        {
          g_autoptr(GlossRelationType) type =
            g_list_model_get_item (G_LIST_MODEL (self->relation_types), i);

          g_signal_handlers_disconnect_by_func (type, relation_type_notify_cb, self);
        }
    }
}

static void
gloss_schema_dispose (GObject *object)
{
  GlossSchema *self = GLOSS_SCHEMA (object);

  disconnect_all (self);
  g_clear_pointer (&self->labels_by_name, g_hash_table_unref);
  g_clear_pointer (&self->labels_by_hotkey, g_hash_table_unref);
  g_clear_pointer (&self->label_entries, g_hash_table_unref);
  g_clear_pointer (&self->relation_types_by_name, g_hash_table_unref);
  g_clear_object (&self->labels);
  g_clear_object (&self->relation_types);

  G_OBJECT_CLASS (gloss_schema_parent_class)->dispose (object);
}

static void
gloss_schema_finalize (GObject *object)
{
  GlossSchema *self = GLOSS_SCHEMA (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->layer_set, g_hash_table_unref);
  g_clear_pointer (&self->layers, g_ptr_array_unref);
  g_clear_pointer (&self->document_attributes, g_ptr_array_unref);

  G_OBJECT_CLASS (gloss_schema_parent_class)->finalize (object);
}

static void
gloss_schema_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  GlossSchema *self = GLOSS_SCHEMA (object);

  switch (prop_id)
    {
    case SCHEMA_PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_schema_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  GlossSchema *self = GLOSS_SCHEMA (object);

  switch (prop_id)
    {
    case SCHEMA_PROP_NAME:
      g_free (self->name);
      self->name = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_schema_class_init (GlossSchemaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gloss_schema_dispose;
  object_class->finalize = gloss_schema_finalize;
  object_class->get_property = gloss_schema_get_property;
  object_class->set_property = gloss_schema_set_property;

  schema_properties[SCHEMA_PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_SCHEMA_PROPS, schema_properties);

  /**
   * GlossSchema::changed:
   *
   * Emitted once after each change to the schema or to one of its labels or
   * relation types.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);
}

static void
gloss_schema_init (GlossSchema *self)
{
  self->layers = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  self->layer_set = g_hash_table_new (g_str_hash, g_str_equal);
  self->labels = g_list_store_new (GLOSS_TYPE_LABEL);
  self->label_entries = g_hash_table_new_full (NULL, NULL, NULL, label_entry_free);
  self->labels_by_name = g_hash_table_new (g_str_hash, g_str_equal);
  self->labels_by_hotkey = g_hash_table_new (g_str_hash, g_str_equal);
  self->relation_types_by_name = g_hash_table_new (g_str_hash, g_str_equal);
  self->relation_types = g_list_store_new (GLOSS_TYPE_RELATION_TYPE);
  self->document_attributes =
    g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_attr_def_unref);
}

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
  if (nonempty (value) == NULL)
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

  if (!name_is_valid (*name))
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                   _("%s: invalid name “%s” (empty or with spaces)"), where, *name);
      return FALSE;
    }

  if (name_too_long (*name))
    {
      g_autofree char *excerpt = name_excerpt (*name);

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

      if (has_layer (self, name))
        {
          g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_DUPLICATE,
                       _("%s: duplicate layer “%s”"), where, name);
          return FALSE;
        }

      append_layer (self, name);
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

  if (find_label (self, name, NULL) != NULL)
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

  layer = nonempty (layer);
  if (layer != NULL && !name_is_valid (layer))
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                   _("%s: invalid layer “%s” (empty or with spaces)"), where, layer);
      return FALSE;
    }

  if (layer != NULL && name_too_long (layer))
    {
      g_autofree char *excerpt = name_excerpt (layer);

      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT,
                   _("%s: layer “%s” is longer than %u characters (the limit)"),
                   where, excerpt, GLOSS_SCHEMA_MAX_NAME_LENGTH);
      return FALSE;
    }

  if (color == NULL)
    color = fallback_colors[(number - 1) % G_N_ELEMENTS (fallback_colors)];
  else if (!color_is_valid (color))
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                   _("%s: bad colour “%s” (expected #rrggbb)"), where, color);
      return FALSE;
    }

  hotkey = nonempty (hotkey);
  if (hotkey != NULL && !hotkey_is_valid (hotkey))
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                   _("%s: invalid hotkey “%s”"), where, hotkey);
      return FALSE;
    }

  if (hotkey != NULL && (other = find_hotkey (self, hotkey)) != NULL)
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
  attr_defs_extend (label->attributes, attributes);

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
      if (find_label (self, (*out)[i], NULL) == NULL)
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

  if (find_relation_type (self, name, NULL) != NULL)
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
  attr_defs_extend (type->attributes, attributes);

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

GlossSchema *
gloss_schema_new (const char *name)
{
  g_return_val_if_fail (name != NULL && *name != '\0', NULL);

  return g_object_new (GLOSS_TYPE_SCHEMA,
                       "name", name,
                       NULL);
}

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

GlossSchema *
gloss_schema_copy (GlossSchema *self)
{
  GlossSchema *copy;
  guint n_items;

  g_return_val_if_fail (GLOSS_IS_SCHEMA (self), NULL);

  copy = gloss_schema_new (self->name);

  for (guint i = 0; i < self->layers->len; i++)
    append_layer (copy, g_ptr_array_index (self->layers, i));

  /* Attribute definitions are immutable and shared. */
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->labels));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (G_LIST_MODEL (self->labels), i);
      g_autoptr(GlossLabel) dup = gloss_label_new (label->name, label->layer, label->color,
                                                   label->hotkey, label->description);

      attr_defs_extend (dup->attributes, label->attributes);

      label_index_add (copy, dup);
      g_list_store_append (copy->labels, dup);
      g_signal_connect_object (dup, "notify", G_CALLBACK (label_notify_cb), copy,
                               G_CONNECT_SWAPPED);
    }

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->relation_types));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GlossRelationType) type =
        g_list_model_get_item (G_LIST_MODEL (self->relation_types), i);
      g_autoptr(GlossRelationType) dup =
        gloss_relation_type_new (type->name, type->description,
                                 (const char * const *) type->sources,
                                 (const char * const *) type->targets);

      attr_defs_extend (dup->attributes, type->attributes);

      g_hash_table_insert (copy->relation_types_by_name, dup->name, dup);
      g_list_store_append (copy->relation_types, dup);
      g_signal_connect_object (dup, "notify", G_CALLBACK (relation_type_notify_cb), copy,
                               G_CONNECT_SWAPPED);
    }

  attr_defs_extend (copy->document_attributes, self->document_attributes);

  return copy;
}

gboolean
gloss_schema_equal (GlossSchema *a,
                    GlossSchema *b)
{
  guint n_items;

  g_return_val_if_fail (GLOSS_IS_SCHEMA (a), FALSE);
  g_return_val_if_fail (GLOSS_IS_SCHEMA (b), FALSE);

  if (a == b)
    return TRUE;

  if (g_strcmp0 (a->name, b->name) != 0 ||
      a->layers->len != b->layers->len ||
      a->document_attributes->len != b->document_attributes->len)
    return FALSE;

  for (guint i = 0; i < a->layers->len; i++)
    {
      if (!g_str_equal (g_ptr_array_index (a->layers, i), g_ptr_array_index (b->layers, i)))
        return FALSE;
    }

  n_items = g_list_model_get_n_items (G_LIST_MODEL (a->labels));
  if (n_items != g_list_model_get_n_items (G_LIST_MODEL (b->labels)))
    return FALSE;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GlossLabel) la = g_list_model_get_item (G_LIST_MODEL (a->labels), i);
      g_autoptr(GlossLabel) lb = g_list_model_get_item (G_LIST_MODEL (b->labels), i);

      if (!label_equal (la, lb))
        return FALSE;
    }

  n_items = g_list_model_get_n_items (G_LIST_MODEL (a->relation_types));
  if (n_items != g_list_model_get_n_items (G_LIST_MODEL (b->relation_types)))
    return FALSE;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GlossRelationType) ta = g_list_model_get_item (G_LIST_MODEL (a->relation_types), i);
      g_autoptr(GlossRelationType) tb = g_list_model_get_item (G_LIST_MODEL (b->relation_types), i);

      if (!relation_type_equal (ta, tb))
        return FALSE;
    }

  return attr_defs_equal (a->document_attributes, b->document_attributes);
}

const char *
gloss_schema_get_name (GlossSchema *self)
{
  g_return_val_if_fail (GLOSS_IS_SCHEMA (self), NULL);

  return self->name;
}

/* Never NULL. */
const char * const *
gloss_schema_get_layers (GlossSchema *self)
{
  g_return_val_if_fail (GLOSS_IS_SCHEMA (self), NULL);

  if (self->layers->len == 0)
    return empty_strv;

  return (const char * const *) self->layers->pdata;
}

gboolean
gloss_schema_add_layer (GlossSchema  *self,
                        const char   *layer,
                        GError      **error)
{
  g_return_val_if_fail (GLOSS_IS_SCHEMA (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!name_is_valid (layer))
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                   _("“%s” is not a valid layer name"), layer != NULL ? layer : "");
      return FALSE;
    }

  if (has_layer (self, layer))
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_DUPLICATE,
                   _("Layer “%s” already exists"), layer);
      return FALSE;
    }

  if (!check_new_layer (self, layer, error))
    return FALSE;

  append_layer (self, layer);
  emit_changed (self);

  return TRUE;
}

/* Returns: (transfer none): a GListModel of GlossLabel. */
GListModel *
gloss_schema_get_labels (GlossSchema *self)
{
  g_return_val_if_fail (GLOSS_IS_SCHEMA (self), NULL);

  return G_LIST_MODEL (self->labels);
}

guint
gloss_schema_get_n_labels (GlossSchema *self)
{
  g_return_val_if_fail (GLOSS_IS_SCHEMA (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->labels));
}

/* Returns: (transfer none) (nullable) */
GlossLabel *
gloss_schema_lookup_label (GlossSchema *self,
                           const char  *name)
{
  g_return_val_if_fail (GLOSS_IS_SCHEMA (self), NULL);

  return find_label (self, name, NULL);
}

/* Returns: (transfer none) (nullable) */
GlossLabel *
gloss_schema_lookup_hotkey (GlossSchema *self,
                            const char  *hotkey)
{
  g_return_val_if_fail (GLOSS_IS_SCHEMA (self), NULL);

  return find_hotkey (self, nonempty (hotkey));
}

gboolean
gloss_schema_add_label (GlossSchema  *self,
                        GlossLabel   *label,
                        GError      **error)
{
  GlossLabel *other;

  g_return_val_if_fail (GLOSS_IS_SCHEMA (self), FALSE);
  g_return_val_if_fail (GLOSS_IS_LABEL (label), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!name_is_valid (label->name))
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                   _("“%s” is not a valid label name"), label->name != NULL ? label->name : "");
      return FALSE;
    }

  if (find_label (self, label->name, NULL) != NULL)
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_DUPLICATE,
                   _("Label “%s” already exists"), label->name);
      return FALSE;
    }

  if (label->hotkey != NULL && (other = find_hotkey (self, label->hotkey)) != NULL)
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_DUPLICATE,
                   _("Hotkey “%s” is already used by label “%s”"), label->hotkey, other->name);
      return FALSE;
    }

  if (name_too_long (label->name))
    {
      g_autofree char *excerpt = name_excerpt (label->name);

      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT,
                   _("Label name “%s” is longer than %u characters (the limit)"),
                   excerpt, GLOSS_SCHEMA_MAX_NAME_LENGTH);
      return FALSE;
    }

  if (g_list_model_get_n_items (G_LIST_MODEL (self->labels)) >= GLOSS_SCHEMA_MAX_LABELS)
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT,
                   _("Cannot add label “%s”: more than %u labels (the limit)"),
                   label->name, GLOSS_SCHEMA_MAX_LABELS);
      return FALSE;
    }

  if (!has_layer (self, label->layer) && !check_new_layer (self, label->layer, error))
    return FALSE;

  if (!check_attr_defs (label->attributes, error))
    {
      g_prefix_error (error, _("Label “%s”: "), label->name);
      return FALSE;
    }

  if (!has_layer (self, label->layer))
    append_layer (self, label->layer);

  label_index_add (self, label);
  g_list_store_append (self->labels, label);
  label_index_changed (self);
  g_signal_connect_object (label, "notify", G_CALLBACK (label_notify_cb), self,
                           G_CONNECT_SWAPPED);

  emit_changed (self);

  return TRUE;
}

/* A label that some relation type names at one of its ends is dropped from
 * that end; it is refused if it is the only label at that end, since an
 * empty end would mean "any label". */
gboolean
gloss_schema_remove_label (GlossSchema  *self,
                           const char   *name,
                           GError      **error)
{
  g_autoptr(GlossLabel) label = NULL;
  guint position;
  guint n_items;

  g_return_val_if_fail (GLOSS_IS_SCHEMA (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (find_label (self, name, &position) == NULL)
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_UNKNOWN,
                   _("Unknown label “%s”"), name != NULL ? name : "");
      return FALSE;
    }

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->relation_types));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GlossRelationType) type =
        g_list_model_get_item (G_LIST_MODEL (self->relation_types), i);

      if (end_is_only (type->sources, name) || end_is_only (type->targets, name))
        {
          g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_NOT_ALLOWED,
                       _("Label “%s” is the only label allowed at one end of relation type "
                         "“%s”; remove the relation type first"),
                       name, type->name);
          return FALSE;
        }
    }

  label = g_list_model_get_item (G_LIST_MODEL (self->labels), position);

  freeze_changed (self);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GlossRelationType) type =
        g_list_model_get_item (G_LIST_MODEL (self->relation_types), i);

      relation_type_replace_label (type, label->name, NULL);
    }

  g_signal_handlers_disconnect_by_func (label, label_notify_cb, self);
  label_index_remove (self, label);
  g_list_store_remove (self->labels, position);
  emit_changed (self);

  thaw_changed (self);

  return TRUE;
}

/* @position: the new index; past the end means last. Emits items-changed
 * for the removal and then for the insertion. */
gboolean
gloss_schema_move_label (GlossSchema  *self,
                         const char   *name,
                         guint         position,
                         GError      **error)
{
  g_autoptr(GlossLabel) label = NULL;
  guint old_position;
  guint n_items;

  g_return_val_if_fail (GLOSS_IS_SCHEMA (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (find_label (self, name, &old_position) == NULL)
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_UNKNOWN,
                   _("Unknown label “%s”"), name != NULL ? name : "");
      return FALSE;
    }

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->labels));
  position = MIN (position, n_items - 1);

  if (position == old_position)
    return TRUE;

  label = g_list_model_get_item (G_LIST_MODEL (self->labels), old_position);
  g_list_store_remove (self->labels, old_position);
  g_list_store_insert (self->labels, position, label);
  label_index_changed (self);

  emit_changed (self);

  return TRUE;
}

gboolean
gloss_schema_rename_label (GlossSchema  *self,
                           const char   *old_name,
                           const char   *new_name,
                           GError      **error)
{
  g_autofree char *old_copy = NULL;
  g_autofree char *new_copy = NULL;
  GlossLabel *label;
  guint n_items;

  g_return_val_if_fail (GLOSS_IS_SCHEMA (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((label = find_label (self, old_name, NULL)) == NULL)
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_UNKNOWN,
                   _("Unknown label “%s”"), old_name != NULL ? old_name : "");
      return FALSE;
    }

  if (!name_is_valid (new_name))
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                   _("“%s” is not a valid label name"), new_name != NULL ? new_name : "");
      return FALSE;
    }

  if (g_str_equal (old_name, new_name))
    return TRUE;

  if (find_label (self, new_name, NULL) != NULL)
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_DUPLICATE,
                   _("Label “%s” already exists"), new_name);
      return FALSE;
    }

  if (name_too_long (new_name))
    {
      g_autofree char *excerpt = name_excerpt (new_name);

      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT,
                   _("Label name “%s” is longer than %u characters (the limit)"),
                   excerpt, GLOSS_SCHEMA_MAX_NAME_LENGTH);
      return FALSE;
    }

  /* Either name may point into the label or a relation type. */
  old_copy = g_strdup (old_name);
  new_copy = g_strdup (new_name);

  freeze_changed (self);

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->relation_types));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GlossRelationType) type =
        g_list_model_get_item (G_LIST_MODEL (self->relation_types), i);

      relation_type_replace_label (type, old_copy, new_copy);
    }

  gloss_label_set_name (label, new_copy);
  /* In case the label's notifications are frozen. */
  label_index_sync (self, label);

  thaw_changed (self);

  return TRUE;
}

/* @hotkey: NULL or "" clears the label's hotkey. */
gboolean
gloss_schema_set_label_hotkey (GlossSchema  *self,
                               const char   *name,
                               const char   *hotkey,
                               GError      **error)
{
  GlossLabel *label;
  GlossLabel *other;

  g_return_val_if_fail (GLOSS_IS_SCHEMA (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((label = find_label (self, name, NULL)) == NULL)
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_UNKNOWN,
                   _("Unknown label “%s”"), name != NULL ? name : "");
      return FALSE;
    }

  hotkey = nonempty (hotkey);

  if (hotkey != NULL && !hotkey_is_valid (hotkey))
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                   _("“%s” is not a valid hotkey"), hotkey);
      return FALSE;
    }

  other = find_hotkey (self, hotkey);
  if (other != NULL && other != label)
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_DUPLICATE,
                   _("Hotkey “%s” is already used by label “%s”"), hotkey, other->name);
      return FALSE;
    }

  gloss_label_set_hotkey (label, hotkey);
  label_index_sync (self, label);

  return TRUE;
}

/* Returns: (transfer none): a GListModel of GlossRelationType. */
GListModel *
gloss_schema_get_relation_types (GlossSchema *self)
{
  g_return_val_if_fail (GLOSS_IS_SCHEMA (self), NULL);

  return G_LIST_MODEL (self->relation_types);
}

/* Returns: (transfer none) (nullable) */
GlossRelationType *
gloss_schema_lookup_relation_type (GlossSchema *self,
                                   const char  *name)
{
  g_return_val_if_fail (GLOSS_IS_SCHEMA (self), NULL);

  return find_relation_type (self, name, NULL);
}

static gboolean
check_relation_ends (GlossSchema        *self,
                     GlossRelationType  *type,
                     char              **labels,
                     GError            **error)
{
  for (guint i = 0; labels[i] != NULL; i++)
    {
      if (i == GLOSS_SCHEMA_MAX_LABELS)
        {
          g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT,
                       _("Relation type “%s” names more than %u labels at one end (the limit)"),
                       type->name, GLOSS_SCHEMA_MAX_LABELS);
          return FALSE;
        }

      if (find_label (self, labels[i], NULL) == NULL)
        {
          g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_UNKNOWN,
                       _("Relation type “%s” names unknown label “%s”"), type->name, labels[i]);
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
gloss_schema_add_relation_type (GlossSchema        *self,
                                GlossRelationType  *type,
                                GError            **error)
{
  g_return_val_if_fail (GLOSS_IS_SCHEMA (self), FALSE);
  g_return_val_if_fail (GLOSS_IS_RELATION_TYPE (type), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!name_is_valid (type->name))
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                   _("“%s” is not a valid relation type name"),
                   type->name != NULL ? type->name : "");
      return FALSE;
    }

  if (find_relation_type (self, type->name, NULL) != NULL)
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_DUPLICATE,
                   _("Relation type “%s” already exists"), type->name);
      return FALSE;
    }

  if (name_too_long (type->name))
    {
      g_autofree char *excerpt = name_excerpt (type->name);

      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT,
                   _("Relation type name “%s” is longer than %u characters (the limit)"),
                   excerpt, GLOSS_SCHEMA_MAX_NAME_LENGTH);
      return FALSE;
    }

  if (g_list_model_get_n_items (G_LIST_MODEL (self->relation_types)) >=
      GLOSS_SCHEMA_MAX_RELATION_TYPES)
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_LIMIT,
                   _("Cannot add relation type “%s”: more than %u relation types (the limit)"),
                   type->name, GLOSS_SCHEMA_MAX_RELATION_TYPES);
      return FALSE;
    }

  if (!check_relation_ends (self, type, type->sources, error) ||
      !check_relation_ends (self, type, type->targets, error))
    return FALSE;

  if (!check_attr_defs (type->attributes, error))
    {
      g_prefix_error (error, _("Relation type “%s”: "), type->name);
      return FALSE;
    }

  g_hash_table_insert (self->relation_types_by_name, type->name, type);
  g_list_store_append (self->relation_types, type);
  g_signal_connect_object (type, "notify", G_CALLBACK (relation_type_notify_cb), self,
                           G_CONNECT_SWAPPED);

  emit_changed (self);

  return TRUE;
}

gboolean
gloss_schema_remove_relation_type (GlossSchema  *self,
                                   const char   *name,
                                   GError      **error)
{
  GlossRelationType *type;
  guint position;

  g_return_val_if_fail (GLOSS_IS_SCHEMA (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((type = find_relation_type (self, name, &position)) == NULL)
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_UNKNOWN,
                   _("Unknown relation type “%s”"), name != NULL ? name : "");
      return FALSE;
    }

  g_signal_handlers_disconnect_by_func (type, relation_type_notify_cb, self);
  g_hash_table_remove (self->relation_types_by_name, name);
  g_list_store_remove (self->relation_types, position);

  emit_changed (self);

  return TRUE;
}

GPtrArray *
gloss_schema_dup_relation_types_between (GlossSchema *self,
                                         const char  *source_label,
                                         const char  *target_label)
{
  GPtrArray *types;
  guint n_items;

  g_return_val_if_fail (GLOSS_IS_SCHEMA (self), NULL);

  types = g_ptr_array_new_with_free_func (g_object_unref);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->relation_types));

  for (guint i = 0; i < n_items; i++)
    {
      GlossRelationType *type = g_list_model_get_item (G_LIST_MODEL (self->relation_types), i);

      if (gloss_relation_type_allows (type, source_label, target_label))
        g_ptr_array_add (types, type);
      else
        g_object_unref (type);
    }

  return types;
}

/* Returns: (transfer none) */
GPtrArray *
gloss_schema_get_document_attributes (GlossSchema *self)
{
  g_return_val_if_fail (GLOSS_IS_SCHEMA (self), NULL);

  return self->document_attributes;
}

void
gloss_schema_add_document_attribute (GlossSchema  *self,
                                     GlossAttrDef *def)
{
  g_return_if_fail (GLOSS_IS_SCHEMA (self));
  g_return_if_fail (def != NULL);
  g_return_if_fail (check_attr_def_add (self->document_attributes, def, NULL));

  g_ptr_array_add (self->document_attributes, gloss_attr_def_ref (def));

  emit_changed (self);
}

gboolean
gloss_schema_try_add_document_attribute (GlossSchema   *self,
                                         GlossAttrDef  *def,
                                         GError       **error)
{
  g_return_val_if_fail (GLOSS_IS_SCHEMA (self), FALSE);
  g_return_val_if_fail (def != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_attr_def_add (self->document_attributes, def, error))
    {
      g_prefix_error (error, _("Document attributes: "));
      return FALSE;
    }

  gloss_schema_add_document_attribute (self, def);

  return TRUE;
}

gboolean
gloss_schema_check_label_attribute (GlossSchema  *self,
                                    const char   *label,
                                    const char   *attribute,
                                    GVariant     *value,
                                    GError      **error)
{
  GlossLabel *l;
  GlossAttrDef *def;

  g_return_val_if_fail (GLOSS_IS_SCHEMA (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((l = find_label (self, label, NULL)) == NULL)
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_UNKNOWN,
                   _("Unknown label “%s”"), label != NULL ? label : "");
      return FALSE;
    }

  if ((def = attr_defs_lookup (l->attributes, attribute)) == NULL)
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_UNKNOWN,
                   _("Label “%s” has no attribute “%s”"),
                   label, attribute != NULL ? attribute : "");
      return FALSE;
    }

  return gloss_attr_def_check_value (def, value, error);
}

gboolean
gloss_schema_check_relation (GlossSchema  *self,
                             const char   *type,
                             const char   *source_label,
                             const char   *target_label,
                             GError      **error)
{
  GlossRelationType *rt;

  g_return_val_if_fail (GLOSS_IS_SCHEMA (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((rt = find_relation_type (self, type, NULL)) == NULL)
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_UNKNOWN,
                   _("Unknown relation type “%s”"), type != NULL ? type : "");
      return FALSE;
    }

  if (find_label (self, source_label, NULL) == NULL)
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_UNKNOWN,
                   _("Unknown label “%s”"), source_label != NULL ? source_label : "");
      return FALSE;
    }

  if (find_label (self, target_label, NULL) == NULL)
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_UNKNOWN,
                   _("Unknown label “%s”"), target_label != NULL ? target_label : "");
      return FALSE;
    }

  if (!gloss_relation_type_allows (rt, source_label, target_label))
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_NOT_ALLOWED,
                   _("Relation type “%s” does not allow %s → %s"),
                   type, source_label, target_label);
      return FALSE;
    }

  return TRUE;
}

/* Adds @other's attribute definitions that @have lacks, through @add. */
static void
add_missing_attributes (GPtrArray     *have,
                        GPtrArray     *other,
                        gpointer       owner,
                        gboolean     (*add) (gpointer owner, GlossAttrDef *def, GError **error))
{
  for (guint i = 0; other != NULL && i < other->len; i++)
    {
      GlossAttrDef *def = g_ptr_array_index (other, i);
      gboolean found = FALSE;

      for (guint j = 0; have != NULL && j < have->len && !found; j++)
        found = g_strcmp0 (gloss_attr_def_get_name (g_ptr_array_index (have, j)),
                           gloss_attr_def_get_name (def)) == 0;
      if (!found)
        add (owner, def, NULL);
    }
}

void
gloss_schema_add_missing (GlossSchema *self,
                          GlossSchema *other)
{
  GListModel *labels, *types;
  const char * const *layers;

  g_return_if_fail (GLOSS_IS_SCHEMA (self));
  g_return_if_fail (GLOSS_IS_SCHEMA (other));

  layers = gloss_schema_get_layers (other);
  for (guint i = 0; layers != NULL && layers[i] != NULL; i++)
    if (!g_strv_contains (gloss_schema_get_layers (self), layers[i]))
      gloss_schema_add_layer (self, layers[i], NULL);

  labels = gloss_schema_get_labels (other);
  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (labels, i);
      GlossLabel *have = gloss_schema_lookup_label (self, gloss_label_get_name (label));

      if (have == NULL)
        {
          g_autoptr(GlossLabel) copy = gloss_label_new (gloss_label_get_name (label),
                                                        gloss_label_get_layer (label),
                                                        gloss_label_get_color (label),
                                                        gloss_label_get_hotkey (label),
                                                        gloss_label_get_description (label));

          add_missing_attributes (NULL, gloss_label_get_attributes (label), copy,
                                  (gpointer) gloss_label_try_add_attribute);
          gloss_schema_add_label (self, copy, NULL);
        }
      else
        add_missing_attributes (gloss_label_get_attributes (have),
                                gloss_label_get_attributes (label), have,
                                (gpointer) gloss_label_try_add_attribute);
    }

  types = gloss_schema_get_relation_types (other);
  for (guint i = 0; i < g_list_model_get_n_items (types); i++)
    {
      g_autoptr(GlossRelationType) type = g_list_model_get_item (types, i);
      GlossRelationType *have = gloss_schema_lookup_relation_type (self,
                                                                   gloss_relation_type_get_name (type));

      if (have == NULL)
        {
          g_autoptr(GlossRelationType) copy =
            gloss_relation_type_new (gloss_relation_type_get_name (type),
                                     gloss_relation_type_get_description (type),
                                     gloss_relation_type_get_sources (type),
                                     gloss_relation_type_get_targets (type));

          add_missing_attributes (NULL, gloss_relation_type_get_attributes (type), copy,
                                  (gpointer) gloss_relation_type_try_add_attribute);
          gloss_schema_add_relation_type (self, copy, NULL);
        }
      else
        add_missing_attributes (gloss_relation_type_get_attributes (have),
                                gloss_relation_type_get_attributes (type), have,
                                (gpointer) gloss_relation_type_try_add_attribute);
    }

  add_missing_attributes (gloss_schema_get_document_attributes (self),
                          gloss_schema_get_document_attributes (other), self,
                          (gpointer) gloss_schema_try_add_document_attribute);
}
