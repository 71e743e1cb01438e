/* gloss-schema.c: layers, labels, attribute definitions and relation types
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
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

static gboolean
attr_def_equal (GlossAttrDef *a,
                GlossAttrDef *b)
{
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
      if (!attr_def_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
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
  g_return_if_fail (attr_defs_lookup (self->attributes, def->name) == NULL);

  g_ptr_array_add (self->attributes, gloss_attr_def_ref (def));
  g_object_notify_by_pspec (G_OBJECT (self), label_properties[LABEL_PROP_ATTRIBUTES]);
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

static gboolean
end_allows (char       **labels,
            const char  *label)
{
  if (labels[0] == NULL)
    return TRUE;

  return label != NULL && g_strv_contains ((const char * const *) labels, label);
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
  if (end_replace (self->sources, old_name, new_name))
    g_object_notify_by_pspec (G_OBJECT (self), relation_properties[RELATION_PROP_SOURCES]);

  if (end_replace (self->targets, old_name, new_name))
    g_object_notify_by_pspec (G_OBJECT (self), relation_properties[RELATION_PROP_TARGETS]);
}

static void
gloss_relation_type_finalize (GObject *object)
{
  GlossRelationType *self = GLOSS_RELATION_TYPE (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->description, g_free);
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
      g_strfreev (self->sources);
      self->sources = strv_copy_or_empty (g_value_get_boxed (value));
      break;

    case RELATION_PROP_TARGETS:
      g_strfreev (self->targets);
      self->targets = strv_copy_or_empty (g_value_get_boxed (value));
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

  return end_allows (self->sources, source_label) && end_allows (self->targets, target_label);
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
  g_return_if_fail (attr_defs_lookup (self->attributes, def->name) == NULL);

  g_ptr_array_add (self->attributes, gloss_attr_def_ref (def));
  g_object_notify_by_pspec (G_OBJECT (self), relation_properties[RELATION_PROP_ATTRIBUTES]);
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

struct _GlossSchema
{
  GObject     parent_instance;

  char       *name;                 /* owned */
  GPtrArray  *layers;               /* owned, of char *, NULL-terminated */
  GListStore *labels;               /* owned, of GlossLabel */
  GListStore *relation_types;       /* owned, of GlossRelationType */
  GPtrArray  *document_attributes;  /* owned, of GlossAttrDef */

  guint       freeze_count;
  guint       changed_pending : 1;
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
  for (guint i = 0; i < self->layers->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (self->layers, i), layer))
        return TRUE;
    }

  return FALSE;
}

/* Returns: (transfer none) (nullable) */
static GlossLabel *
find_label (GlossSchema *self,
            const char  *name,
            guint       *position)
{
  guint n_items;

  if (name == NULL)
    return NULL;

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->labels));

  for (guint i = 0; i < n_items; i++)
    {
      GlossLabel *label = g_list_model_get_item (G_LIST_MODEL (self->labels), i);

      /* The store keeps its own reference. */
      g_object_unref (label);

      if (g_strcmp0 (label->name, name) == 0)
        {
          if (position != NULL)
            *position = i;
          return label;
        }
    }

  return NULL;
}

/* Returns: (transfer none) (nullable) */
static GlossRelationType *
find_relation_type (GlossSchema *self,
                    const char  *name,
                    guint       *position)
{
  guint n_items;

  if (name == NULL)
    return NULL;

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->relation_types));

  for (guint i = 0; i < n_items; i++)
    {
      GlossRelationType *type = g_list_model_get_item (G_LIST_MODEL (self->relation_types), i);

      g_object_unref (type);

      if (g_strcmp0 (type->name, name) == 0)
        {
          if (position != NULL)
            *position = i;
          return type;
        }
    }

  return NULL;
}

static void
label_notify_cb (GlossSchema *self,
                 GParamSpec  *pspec,
                 GlossLabel  *label)
{
  /* A label moved to a new layer brings the layer along. */
  if (pspec == label_properties[LABEL_PROP_LAYER] && !has_layer (self, label->layer))
    g_ptr_array_add (self->layers, g_strdup (label->layer));

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
  g_clear_object (&self->labels);
  g_clear_object (&self->relation_types);

  G_OBJECT_CLASS (gloss_schema_parent_class)->dispose (object);
}

static void
gloss_schema_finalize (GObject *object)
{
  GlossSchema *self = GLOSS_SCHEMA (object);

  g_clear_pointer (&self->name, g_free);
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
  self->labels = g_list_store_new (GLOSS_TYPE_LABEL);
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

/* json-glib parses recursively, so very deep nesting would overflow the
 * stack. A schema nests six levels deep at most: refuse anything far deeper
 * before parsing. */
#define MAX_JSON_DEPTH 32

static gboolean
json_depth_ok (const char *json,
               gsize       length)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = json[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_JSON_DEPTH)
            return FALSE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return TRUE;
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

/* An array of distinct non-empty strings; absent or null gives NULL. */
static gboolean
member_strv (JsonObject   *object,
             const char   *member,
             const char   *where,
             char       ***out,
             GError      **error)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonArray *array;
  guint length;

  *out = NULL;

  if (!member_array (object, member, where, &array, error))
    return FALSE;

  if (array == NULL)
    return TRUE;

  builder = g_strv_builder_new ();
  length = json_array_get_length (array);

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

      for (guint j = 0; j < i; j++)
        {
          if (g_str_equal (str, json_array_get_string_element (array, j)))
            {
              g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_DUPLICATE,
                           _("%s: %s lists “%s” twice"), where, member, str);
              return FALSE;
            }
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

  if (!member_strv (object, "values", where, &values, error))
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
  JsonArray *array;
  guint length;

  if (!member_array (object, member, owner != NULL ? owner : "schema", &array, error))
    return NULL;

  defs = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_attr_def_unref);

  if (array == NULL)
    return g_steal_pointer (&defs);

  length = json_array_get_length (array);

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

      if (attr_defs_lookup (defs, def->name) != NULL)
        {
          g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_DUPLICATE,
                       _("%s: duplicate attribute “%s”"), where, def->name);
          gloss_attr_def_unref (def);
          return NULL;
        }

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

      g_ptr_array_add (self->layers, g_strdup (name));
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

  if (hotkey != NULL && (other = gloss_schema_lookup_hotkey (self, hotkey)) != NULL)
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
  if (!member_strv (object, member, where, out, error))
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

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      if (!parse_label (self, json_array_get_element (array, i), i + 1, error))
        return NULL;
    }

  if (!member_array (object, "relations", "schema", &array, error))
    return NULL;

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
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (json);

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

  if (!json_depth_ok (json, length))
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                   _("schema: JSON nested more than %d levels deep"), MAX_JSON_DEPTH);
      return NULL;
    }

  parser = json_parser_new_immutable ();

  if (!json_parser_load_from_data (parser, json, length, &local_error))
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                   _("schema: not valid JSON: %s"), local_error->message);
      return NULL;
    }

  return schema_from_root (json_parser_get_root (parser), error);
}

GlossSchema *
gloss_schema_new_from_file (const char  *path,
                            GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length;
  GlossSchema *schema;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

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
    g_ptr_array_add (copy->layers, g_strdup (g_ptr_array_index (self->layers, i)));

  /* Attribute definitions are immutable and shared. */
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->labels));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (G_LIST_MODEL (self->labels), i);
      g_autoptr(GlossLabel) dup = gloss_label_new (label->name, label->layer, label->color,
                                                   label->hotkey, label->description);

      attr_defs_extend (dup->attributes, label->attributes);

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

  g_ptr_array_add (self->layers, g_strdup (layer));
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
  guint n_items;

  g_return_val_if_fail (GLOSS_IS_SCHEMA (self), NULL);

  if (nonempty (hotkey) == NULL)
    return NULL;

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->labels));

  for (guint i = 0; i < n_items; i++)
    {
      GlossLabel *label = g_list_model_get_item (G_LIST_MODEL (self->labels), i);

      g_object_unref (label);

      if (g_strcmp0 (label->hotkey, hotkey) == 0)
        return label;
    }

  return NULL;
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

  if (label->hotkey != NULL && (other = gloss_schema_lookup_hotkey (self, label->hotkey)) != NULL)
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_DUPLICATE,
                   _("Hotkey “%s” is already used by label “%s”"), label->hotkey, other->name);
      return FALSE;
    }

  if (!has_layer (self, label->layer))
    g_ptr_array_add (self->layers, g_strdup (label->layer));

  g_list_store_append (self->labels, label);
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

  other = gloss_schema_lookup_hotkey (self, hotkey);
  if (other != NULL && other != label)
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_DUPLICATE,
                   _("Hotkey “%s” is already used by label “%s”"), hotkey, other->name);
      return FALSE;
    }

  gloss_label_set_hotkey (label, hotkey);

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

  if (!check_relation_ends (self, type, type->sources, error) ||
      !check_relation_ends (self, type, type->targets, error))
    return FALSE;

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
  g_return_if_fail (attr_defs_lookup (self->document_attributes, def->name) == NULL);

  g_ptr_array_add (self->document_attributes, gloss_attr_def_ref (def));

  emit_changed (self);
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
