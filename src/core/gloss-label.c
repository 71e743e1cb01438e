/* gloss-label.c: GlossLabel, a label of the schema and its attributes
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gloss-schema-private.h"

#define DEFAULT_LAYER "entity"
#define DEFAULT_COLOR "#c0bfbc"

G_DEFINE_FINAL_TYPE (GlossLabel, gloss_label, G_TYPE_OBJECT)

static GParamSpec *label_properties[N_LABEL_PROPS];

gboolean
_gloss_label_equal (GlossLabel *a,
                    GlossLabel *b)
{
  return g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->layer, b->layer) == 0 &&
         g_strcmp0 (a->color, b->color) == 0 &&
         g_strcmp0 (a->hotkey, b->hotkey) == 0 &&
         g_strcmp0 (a->description, b->description) == 0 &&
         _gloss_attr_defs_equal (a->attributes, b->attributes);
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

GParamSpec *
_gloss_label_get_pspec (guint prop_id)
{
  g_return_val_if_fail (prop_id > LABEL_PROP_0 && prop_id < N_LABEL_PROPS, NULL);

  return label_properties[prop_id];
}

/* @layer: NULL means "entity". @color: NULL means a neutral grey. */
GlossLabel *
gloss_label_new (const char *name,
                 const char *layer,
                 const char *color,
                 const char *hotkey,
                 const char *description)
{
  g_return_val_if_fail (_gloss_schema_name_is_valid (name), NULL);
  g_return_val_if_fail (layer == NULL || _gloss_schema_name_is_valid (layer), NULL);
  g_return_val_if_fail (color == NULL || _gloss_schema_color_is_valid (color), NULL);
  g_return_val_if_fail (_gloss_schema_nonempty (hotkey) == NULL ||
                        _gloss_schema_hotkey_is_valid (hotkey), NULL);

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
  g_return_if_fail (_gloss_schema_name_is_valid (name));

  if (_gloss_schema_replace_string (&self->name, name))
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
  g_return_if_fail (layer == NULL || _gloss_schema_name_is_valid (layer));

  if (layer == NULL)
    layer = DEFAULT_LAYER;

  if (_gloss_schema_replace_string (&self->layer, layer))
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
  g_return_if_fail (color == NULL || _gloss_schema_color_is_valid (color));

  lower = g_ascii_strdown (color != NULL ? color : DEFAULT_COLOR, -1);

  if (_gloss_schema_replace_string (&self->color, lower))
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

  hotkey = _gloss_schema_nonempty (hotkey);
  g_return_if_fail (hotkey == NULL || _gloss_schema_hotkey_is_valid (hotkey));

  if (_gloss_schema_replace_string (&self->hotkey, hotkey))
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

  if (_gloss_schema_replace_string (&self->description, _gloss_schema_nonempty (description)))
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
  g_return_if_fail (_gloss_attr_defs_check_add (self->attributes, def, NULL));

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

  if (!_gloss_attr_defs_check_add (self->attributes, def, error))
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

  return _gloss_attr_defs_lookup (self->attributes, name);
}
