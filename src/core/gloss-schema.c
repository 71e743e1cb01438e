/* gloss-schema.c: GlossSchema: layers, labels and relation types, looked up, compared, merged
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "gloss-schema-private.h"

static const char * const empty_strv[] = { NULL };

G_DEFINE_QUARK (gloss-schema-error-quark, gloss_schema_error)

/* ------------------------------------------------------------------------ */
/* The rules of names, colours and hotkeys, shared by the schema's types    */

/* Like g_set_str (GLib 2.76). */
gboolean
_gloss_schema_replace_string (char       **ptr,
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

const char *
_gloss_schema_nonempty (const char *str)
{
  return (str != NULL && *str != '\0') ? str : NULL;
}

/* Names of layers, labels, relation types and attributes end up in formats
 * such as brat's, which split on white space. */
gboolean
_gloss_schema_name_is_valid (const char *name)
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

gboolean
_gloss_schema_name_too_long (const char *name)
{
  return utf8_longer_than (name, GLOSS_SCHEMA_MAX_NAME_LENGTH);
}

/* A name that may be far too long to quote whole in a message. */
char *
_gloss_schema_name_excerpt (const char *name)
{
  g_autofree char *start = NULL;

  if (!utf8_longer_than (name, 40))
    return g_strdup (name);

  start = g_utf8_substring (name, 0, 40);

  return g_strconcat (start, "…", NULL);
}

gboolean
_gloss_schema_color_is_valid (const char *color)
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
gboolean
_gloss_schema_hotkey_is_valid (const char *hotkey)
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

char **
_gloss_schema_strv_copy_or_empty (const char * const *strv)
{
  if (strv == NULL)
    return g_new0 (char *, 1);

  return g_strdupv ((char **) strv);
}

/* ------------------------------------------------------------------------ */
/* GlossSchema                                                              */

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

gboolean
_gloss_schema_has_layer (GlossSchema *self,
                         const char  *layer)
{
  return g_hash_table_contains (self->layer_set, layer);
}

void
_gloss_schema_append_layer (GlossSchema *self,
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
  if (_gloss_schema_name_too_long (layer))
    {
      g_autofree char *excerpt = _gloss_schema_name_excerpt (layer);

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

      _gloss_schema_replace_string (&entry->name, label->name);
      _gloss_schema_replace_string (&entry->hotkey, label->hotkey);
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
      _gloss_schema_replace_string (&entry->name, label->name);
      label_index_file (self, self->labels_by_name, entry->name, entry);
      changed = TRUE;
    }

  if (g_strcmp0 (entry->hotkey, label->hotkey) != 0)
    {
      label_index_unfile (self->labels_by_hotkey, entry->hotkey, entry);
      _gloss_schema_replace_string (&entry->hotkey, label->hotkey);
      label_index_file (self, self->labels_by_hotkey, entry->hotkey, entry);
      changed = TRUE;
    }

  if (changed)
    label_index_changed (self);
}

/* Returns: (transfer none) (nullable) */
GlossLabel *
_gloss_schema_find_label (GlossSchema *self,
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
GlossLabel *
_gloss_schema_find_hotkey (GlossSchema *self,
                           const char  *hotkey)
{
  LabelEntry *entry;

  if (hotkey == NULL || (entry = g_hash_table_lookup (self->labels_by_hotkey, hotkey)) == NULL)
    return NULL;

  return entry->label;
}

/* Returns: (transfer none) (nullable) */
GlossRelationType *
_gloss_schema_find_relation_type (GlossSchema *self,
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
  if (pspec == _gloss_label_get_pspec (LABEL_PROP_LAYER) &&
      !_gloss_schema_has_layer (self, label->layer))
    _gloss_schema_append_layer (self, label->layer);

  if (pspec == _gloss_label_get_pspec (LABEL_PROP_NAME) ||
      pspec == _gloss_label_get_pspec (LABEL_PROP_HOTKEY))
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

/* ---- Public API */

GlossSchema *
gloss_schema_new (const char *name)
{
  g_return_val_if_fail (name != NULL && *name != '\0', NULL);

  return g_object_new (GLOSS_TYPE_SCHEMA,
                       "name", name,
                       NULL);
}

GlossSchema *
gloss_schema_copy (GlossSchema *self)
{
  GlossSchema *copy;
  guint n_items;

  g_return_val_if_fail (GLOSS_IS_SCHEMA (self), NULL);

  copy = gloss_schema_new (self->name);

  for (guint i = 0; i < self->layers->len; i++)
    _gloss_schema_append_layer (copy, g_ptr_array_index (self->layers, i));

  /* Attribute definitions are immutable and shared. */
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->labels));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (G_LIST_MODEL (self->labels), i);
      g_autoptr(GlossLabel) dup = gloss_label_new (label->name, label->layer, label->color,
                                                   label->hotkey, label->description);

      _gloss_attr_defs_extend (dup->attributes, label->attributes);

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

      _gloss_attr_defs_extend (dup->attributes, type->attributes);

      g_hash_table_insert (copy->relation_types_by_name, dup->name, dup);
      g_list_store_append (copy->relation_types, dup);
      g_signal_connect_object (dup, "notify", G_CALLBACK (relation_type_notify_cb), copy,
                               G_CONNECT_SWAPPED);
    }

  _gloss_attr_defs_extend (copy->document_attributes, self->document_attributes);

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

      if (!_gloss_label_equal (la, lb))
        return FALSE;
    }

  n_items = g_list_model_get_n_items (G_LIST_MODEL (a->relation_types));
  if (n_items != g_list_model_get_n_items (G_LIST_MODEL (b->relation_types)))
    return FALSE;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GlossRelationType) ta = g_list_model_get_item (G_LIST_MODEL (a->relation_types), i);
      g_autoptr(GlossRelationType) tb = g_list_model_get_item (G_LIST_MODEL (b->relation_types), i);

      if (!_gloss_relation_type_equal (ta, tb))
        return FALSE;
    }

  return _gloss_attr_defs_equal (a->document_attributes, b->document_attributes);
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

  if (!_gloss_schema_name_is_valid (layer))
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                   _("“%s” is not a valid layer name"), layer != NULL ? layer : "");
      return FALSE;
    }

  if (_gloss_schema_has_layer (self, layer))
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_DUPLICATE,
                   _("Layer “%s” already exists"), layer);
      return FALSE;
    }

  if (!check_new_layer (self, layer, error))
    return FALSE;

  _gloss_schema_append_layer (self, layer);
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

  return _gloss_schema_find_label (self, name, NULL);
}

/* Returns: (transfer none) (nullable) */
GlossLabel *
gloss_schema_lookup_hotkey (GlossSchema *self,
                            const char  *hotkey)
{
  g_return_val_if_fail (GLOSS_IS_SCHEMA (self), NULL);

  return _gloss_schema_find_hotkey (self, _gloss_schema_nonempty (hotkey));
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

  if (!_gloss_schema_name_is_valid (label->name))
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                   _("“%s” is not a valid label name"), label->name != NULL ? label->name : "");
      return FALSE;
    }

  if (_gloss_schema_find_label (self, label->name, NULL) != NULL)
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_DUPLICATE,
                   _("Label “%s” already exists"), label->name);
      return FALSE;
    }

  if (label->hotkey != NULL && (other = _gloss_schema_find_hotkey (self, label->hotkey)) != NULL)
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_DUPLICATE,
                   _("Hotkey “%s” is already used by label “%s”"), label->hotkey, other->name);
      return FALSE;
    }

  if (_gloss_schema_name_too_long (label->name))
    {
      g_autofree char *excerpt = _gloss_schema_name_excerpt (label->name);

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

  if (!_gloss_schema_has_layer (self, label->layer) && !check_new_layer (self, label->layer, error))
    return FALSE;

  if (!_gloss_attr_defs_check (label->attributes, error))
    {
      g_prefix_error (error, _("Label “%s”: "), label->name);
      return FALSE;
    }

  if (!_gloss_schema_has_layer (self, label->layer))
    _gloss_schema_append_layer (self, label->layer);

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

  if (_gloss_schema_find_label (self, name, &position) == NULL)
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

      if (_gloss_relation_type_end_is_only (type->sources, name) ||
          _gloss_relation_type_end_is_only (type->targets, name))
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

      _gloss_relation_type_replace_label (type, label->name, NULL);
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

  if (_gloss_schema_find_label (self, name, &old_position) == NULL)
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

  if ((label = _gloss_schema_find_label (self, old_name, NULL)) == NULL)
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_UNKNOWN,
                   _("Unknown label “%s”"), old_name != NULL ? old_name : "");
      return FALSE;
    }

  if (!_gloss_schema_name_is_valid (new_name))
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                   _("“%s” is not a valid label name"), new_name != NULL ? new_name : "");
      return FALSE;
    }

  if (g_str_equal (old_name, new_name))
    return TRUE;

  if (_gloss_schema_find_label (self, new_name, NULL) != NULL)
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_DUPLICATE,
                   _("Label “%s” already exists"), new_name);
      return FALSE;
    }

  if (_gloss_schema_name_too_long (new_name))
    {
      g_autofree char *excerpt = _gloss_schema_name_excerpt (new_name);

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

      _gloss_relation_type_replace_label (type, old_copy, new_copy);
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

  if ((label = _gloss_schema_find_label (self, name, NULL)) == NULL)
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_UNKNOWN,
                   _("Unknown label “%s”"), name != NULL ? name : "");
      return FALSE;
    }

  hotkey = _gloss_schema_nonempty (hotkey);

  if (hotkey != NULL && !_gloss_schema_hotkey_is_valid (hotkey))
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                   _("“%s” is not a valid hotkey"), hotkey);
      return FALSE;
    }

  other = _gloss_schema_find_hotkey (self, hotkey);
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

  return _gloss_schema_find_relation_type (self, name, NULL);
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

      if (_gloss_schema_find_label (self, labels[i], NULL) == NULL)
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

  if (!_gloss_schema_name_is_valid (type->name))
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                   _("“%s” is not a valid relation type name"),
                   type->name != NULL ? type->name : "");
      return FALSE;
    }

  if (_gloss_schema_find_relation_type (self, type->name, NULL) != NULL)
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_DUPLICATE,
                   _("Relation type “%s” already exists"), type->name);
      return FALSE;
    }

  if (_gloss_schema_name_too_long (type->name))
    {
      g_autofree char *excerpt = _gloss_schema_name_excerpt (type->name);

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

  if (!_gloss_attr_defs_check (type->attributes, error))
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

  if ((type = _gloss_schema_find_relation_type (self, name, &position)) == NULL)
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
  g_return_if_fail (_gloss_attr_defs_check_add (self->document_attributes, def, NULL));

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

  if (!_gloss_attr_defs_check_add (self->document_attributes, def, error))
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

  if ((l = _gloss_schema_find_label (self, label, NULL)) == NULL)
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_UNKNOWN,
                   _("Unknown label “%s”"), label != NULL ? label : "");
      return FALSE;
    }

  if ((def = _gloss_attr_defs_lookup (l->attributes, attribute)) == NULL)
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

  if ((rt = _gloss_schema_find_relation_type (self, type, NULL)) == NULL)
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_UNKNOWN,
                   _("Unknown relation type “%s”"), type != NULL ? type : "");
      return FALSE;
    }

  if (_gloss_schema_find_label (self, source_label, NULL) == NULL)
    {
      g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_UNKNOWN,
                   _("Unknown label “%s”"), source_label != NULL ? source_label : "");
      return FALSE;
    }

  if (_gloss_schema_find_label (self, target_label, NULL) == NULL)
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

/* Adds @other's attribute definitions that @have lacks, through @add;
 * TRUE when one was added. With @conflict, a definition @have holds
 * otherwise makes it TRUE. */
static gboolean
add_missing_attributes (GPtrArray     *have,
                        GPtrArray     *other,
                        gpointer       owner,
                        gboolean     (*add) (gpointer owner, GlossAttrDef *def, GError **error),
                        gboolean      *conflict)
{
  gboolean added = FALSE;

  for (guint i = 0; other != NULL && i < other->len; i++)
    {
      GlossAttrDef *def = g_ptr_array_index (other, i);
      GlossAttrDef *mine = NULL;

      for (guint j = 0; have != NULL && j < have->len && mine == NULL; j++)
        if (g_strcmp0 (gloss_attr_def_get_name (g_ptr_array_index (have, j)),
                       gloss_attr_def_get_name (def)) == 0)
          mine = g_ptr_array_index (have, j);
      if (mine == NULL)
        added |= add (owner, def, NULL);
      else if (conflict != NULL && !gloss_attr_def_equal (mine, def))
        *conflict = TRUE;
    }
  return added;
}

static gboolean
strv_same (const char * const *a,
           const char * const *b)
{
  static const char * const empty[] = { NULL };

  return g_strv_equal (a ? a : empty, b ? b : empty);
}

static void
note (GPtrArray  *messages,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static void
note (GPtrArray  *messages,
      const char *format,
      ...)
{
  va_list args;

  if (messages == NULL)
    return;
  va_start (args, format);
  g_ptr_array_add (messages, g_strdup_vprintf (format, args));
  va_end (args);
}

gboolean
gloss_schema_add_missing_full (GlossSchema *self,
                               GlossSchema *other,
                               GPtrArray   *added,
                               GPtrArray   *conflicts)
{
  GListModel *labels, *types;
  const char * const *layers;
  gboolean changed = FALSE;

  g_return_val_if_fail (GLOSS_IS_SCHEMA (self), FALSE);
  g_return_val_if_fail (GLOSS_IS_SCHEMA (other), FALSE);

  layers = gloss_schema_get_layers (other);
  for (guint i = 0; layers != NULL && layers[i] != NULL; i++)
    if (!g_strv_contains (gloss_schema_get_layers (self), layers[i]))
      changed |= gloss_schema_add_layer (self, layers[i], NULL);

  labels = gloss_schema_get_labels (other);
  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (labels, i);
      const char *name = gloss_label_get_name (label);
      GlossLabel *have = gloss_schema_lookup_label (self, name);

      if (have == NULL)
        {
          const char *hotkey = gloss_label_get_hotkey (label);
          g_autoptr(GlossLabel) copy = NULL;
          g_autoptr(GError) error = NULL;

          /* a key this schema gives another label stays that label's */
          if (hotkey != NULL && gloss_schema_lookup_hotkey (self, hotkey) != NULL)
            hotkey = NULL;
          copy = gloss_label_new (name, gloss_label_get_layer (label),
                                  gloss_label_get_color (label), hotkey,
                                  gloss_label_get_description (label));
          add_missing_attributes (NULL, gloss_label_get_attributes (label), copy,
                                  (gpointer) gloss_label_try_add_attribute, NULL);
          if (!gloss_schema_add_label (self, copy, &error))
            {
              note (conflicts, _("label “%s” cannot be added: %s"), name, error->message);
              continue;
            }
          note (added, "%s", name);
          changed = TRUE;
        }
      else
        {
          gboolean conflict = g_strcmp0 (gloss_label_get_layer (have),
                                         gloss_label_get_layer (label)) != 0;

          changed |= add_missing_attributes (gloss_label_get_attributes (have),
                                             gloss_label_get_attributes (label), have,
                                             (gpointer) gloss_label_try_add_attribute, &conflict);
          if (conflict)
            note (conflicts,
                  _("label “%s” is defined differently in the source; the target’s "
                    "definition is kept"),
                  name);
        }
    }

  types = gloss_schema_get_relation_types (other);
  for (guint i = 0; i < g_list_model_get_n_items (types); i++)
    {
      g_autoptr(GlossRelationType) type = g_list_model_get_item (types, i);
      const char *name = gloss_relation_type_get_name (type);
      GlossRelationType *have = gloss_schema_lookup_relation_type (self, name);

      if (have == NULL)
        {
          g_autoptr(GlossRelationType) copy =
            gloss_relation_type_new (name, gloss_relation_type_get_description (type),
                                     gloss_relation_type_get_sources (type),
                                     gloss_relation_type_get_targets (type));
          g_autoptr(GError) error = NULL;

          add_missing_attributes (NULL, gloss_relation_type_get_attributes (type), copy,
                                  (gpointer) gloss_relation_type_try_add_attribute, NULL);
          if (!gloss_schema_add_relation_type (self, copy, &error))
            {
              note (conflicts, _("relation type “%s” cannot be added: %s"), name,
                    error->message);
              continue;
            }
          note (added, "%s", name);
          changed = TRUE;
        }
      else
        {
          gboolean conflict =
            !strv_same (gloss_relation_type_get_sources (have),
                        gloss_relation_type_get_sources (type)) ||
            !strv_same (gloss_relation_type_get_targets (have),
                        gloss_relation_type_get_targets (type));

          changed |= add_missing_attributes (gloss_relation_type_get_attributes (have),
                                             gloss_relation_type_get_attributes (type), have,
                                             (gpointer) gloss_relation_type_try_add_attribute,
                                             &conflict);
          if (conflict)
            note (conflicts,
                  _("relation type “%s” is defined differently in the source; the target’s "
                    "definition is kept"),
                  name);
        }
    }

  {
    GPtrArray *doc_attrs = gloss_schema_get_document_attributes (other);

    for (guint i = 0; doc_attrs != NULL && i < doc_attrs->len; i++)
      {
        GlossAttrDef *def = g_ptr_array_index (doc_attrs, i);
        GPtrArray *mine = gloss_schema_get_document_attributes (self);
        g_autoptr(GPtrArray) one = g_ptr_array_new ();
        gboolean conflict = FALSE;

        g_ptr_array_add (one, def);
        if (add_missing_attributes (mine, one, self,
                                    (gpointer) gloss_schema_try_add_document_attribute,
                                    &conflict))
          {
            note (added, "%s", gloss_attr_def_get_name (def));
            changed = TRUE;
          }
        if (conflict)
          note (conflicts,
                _("document attribute “%s” is defined differently in the source; the "
                  "target’s definition is kept"),
                gloss_attr_def_get_name (def));
      }
  }
  return changed;
}

void
gloss_schema_add_missing (GlossSchema *self,
                          GlossSchema *other)
{
  gloss_schema_add_missing_full (self, other, NULL, NULL);
}
