/* gloss-relation-type.c: GlossRelationType, a relation type and the labels at its ends
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gloss-schema-private.h"

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

gboolean
_gloss_relation_type_equal (GlossRelationType *a,
                            GlossRelationType *b)
{
  return g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->description, b->description) == 0 &&
         g_strv_equal ((const char * const *) a->sources, (const char * const *) b->sources) &&
         g_strv_equal ((const char * const *) a->targets, (const char * const *) b->targets) &&
         _gloss_attr_defs_equal (a->attributes, b->attributes);
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

gboolean
_gloss_relation_type_end_is_only (char       **labels,
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

void
_gloss_relation_type_replace_label (GlossRelationType *self,
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

/* @labels with @label appended, when @labels names labels and not it;
 * else @labels itself. */
static char **
end_add (char       **labels,
         const char  *label)
{
  guint n = g_strv_length (labels);
  char **wider;

  if (n == 0 || g_strv_contains ((const char * const *) labels, label))
    return labels;
  wider = g_renew (char *, labels, n + 2);
  wider[n] = g_strdup (label);
  wider[n + 1] = NULL;
  return wider;
}

gboolean
_gloss_relation_type_allow (GlossRelationType *self,
                            const char        *source_label,
                            const char        *target_label)
{
  guint n_sources, n_targets;
  gboolean sources_changed, targets_changed;

  g_return_val_if_fail (GLOSS_IS_RELATION_TYPE (self), FALSE);

  n_sources = g_strv_length (self->sources);
  n_targets = g_strv_length (self->targets);
  /* The sets point into the ends: gone before the ends may move. */
  g_clear_pointer (&self->source_set, g_hash_table_unref);
  g_clear_pointer (&self->target_set, g_hash_table_unref);
  self->sources = end_add (self->sources, source_label);
  self->targets = end_add (self->targets, target_label);
  relation_type_update_end_sets (self);

  sources_changed = g_strv_length (self->sources) != n_sources;
  targets_changed = g_strv_length (self->targets) != n_targets;
  if (sources_changed)
    g_object_notify_by_pspec (G_OBJECT (self), relation_properties[RELATION_PROP_SOURCES]);
  if (targets_changed)
    g_object_notify_by_pspec (G_OBJECT (self), relation_properties[RELATION_PROP_TARGETS]);
  return sources_changed || targets_changed;
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
      self->description = g_strdup (_gloss_schema_nonempty (g_value_get_string (value)));
      break;

    case RELATION_PROP_SOURCES:
      g_clear_pointer (&self->source_set, g_hash_table_unref);
      g_strfreev (self->sources);
      self->sources = _gloss_schema_strv_copy_or_empty (g_value_get_boxed (value));
      self->source_set = end_set_new (self->sources);
      break;

    case RELATION_PROP_TARGETS:
      g_clear_pointer (&self->target_set, g_hash_table_unref);
      g_strfreev (self->targets);
      self->targets = _gloss_schema_strv_copy_or_empty (g_value_get_boxed (value));
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
  g_return_val_if_fail (_gloss_schema_name_is_valid (name), NULL);

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
  g_return_if_fail (_gloss_attr_defs_check_add (self->attributes, def, NULL));

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

  if (!_gloss_attr_defs_check_add (self->attributes, def, error))
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

  return _gloss_attr_defs_lookup (self->attributes, name);
}
