/* gloss-label-palette.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-annotation.h"
#include "gloss-label-palette.h"
#include "gloss-swatch.h"

struct _GlossLabelPalette
{
  GtkWidget            parent_instance;

  GlossSchema         *schema;        /* owned */
  GlossAnnotationList *annotations;   /* owned */
  GHashTable          *counts;        /* label name (owned) -> GUINT count */
  GHashTable          *count_labels;  /* label name (owned) -> GtkLabel (borrowed) */
  GHashTable          *items;         /* label name (owned) -> GtkFlowBoxChild (borrowed) */

  /* template children */
  GtkWidget           *box;
  GtkLabel            *heading_label;
  GtkBox              *layers_box;
};

G_DEFINE_FINAL_TYPE (GlossLabelPalette, gloss_label_palette, GTK_TYPE_WIDGET)

enum {
  LABEL_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- helpers ----------------------------------------------------------- */

static char *
dup_layer_title (const char *layer)
{
  g_autofree char *first = NULL;

  if (layer == NULL || *layer == '\0')
    return g_strdup (_("Other"));

  first = g_utf8_strup (layer, g_utf8_next_char (layer) - layer);
  return g_strconcat (first, g_utf8_next_char (layer), NULL);
}

static void
update_item (GlossLabelPalette *self,
             const char        *name)
{
  GtkLabel *count_label = g_hash_table_lookup (self->count_labels, name);
  GtkWidget *item = g_hash_table_lookup (self->items, name);
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, name));
  GlossLabel *label = NULL;
  g_autofree char *text = NULL;
  g_autofree char *description = NULL;

  if (count_label == NULL || item == NULL)
    return;

  text = g_strdup_printf ("%u", count);
  gtk_label_set_label (count_label, text);
  if (count > 0)
    gtk_widget_remove_css_class (GTK_WIDGET (count_label), "zero");
  else
    gtk_widget_add_css_class (GTK_WIDGET (count_label), "zero");

  if (self->schema != NULL)
    label = gloss_schema_lookup_label (self->schema, name);

  if (label != NULL && gloss_label_get_hotkey (label) != NULL)
    /* Translators: a label of the palette read by screen readers: name, hotkey, count. */
    description = g_strdup_printf (ngettext ("%s, hotkey %s, %u annotation",
                                             "%s, hotkey %s, %u annotations", count),
                                   name, gloss_label_get_hotkey (label), count);
  else
    description = g_strdup_printf (ngettext ("%s, %u annotation", "%s, %u annotations", count),
                                   name, count);

  gtk_accessible_update_property (GTK_ACCESSIBLE (item),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  -1);
}

static void
count_one (gpointer data,
           gpointer user_data)
{
  GHashTable *counts = user_data;
  const char *name = gloss_annotation_get_label (data);
  gpointer key, value;

  /* Stolen and put back: inserting a key the table holds would free it. */
  if (g_hash_table_steal_extended (counts, name, &key, &value))
    g_hash_table_insert (counts, key, GUINT_TO_POINTER (GPOINTER_TO_UINT (value) + 1));
  else
    g_hash_table_insert (counts, g_strdup (name), GUINT_TO_POINTER (1));
}

static void
recount (GlossLabelPalette *self)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_remove_all (self->counts);

  if (self->annotations != NULL)
    gloss_annotation_list_foreach (self->annotations, count_one, self->counts);

  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    update_item (self, key);
}

static void
add_to_count (GlossLabelPalette *self,
              const char        *name,
              int                delta)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, name));

  if (delta < 0 && count == 0)
    return;

  count += delta;
  if (count == 0)
    g_hash_table_remove (self->counts, name);
  else
    g_hash_table_insert (self->counts, g_strdup (name), GUINT_TO_POINTER (count));

  update_item (self, name);
}

static GtkWidget *
create_item (GlossLabelPalette *self,
             GlossLabel        *label)
{
  const char *name = gloss_label_get_name (label);
  const char *hotkey = gloss_label_get_hotkey (label);
  GtkWidget *child = gtk_flow_box_child_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name_label = gtk_label_new (name);
  GtkWidget *count_label = gtk_label_new ("0");

  gtk_widget_add_css_class (child, "palette-item");
  gtk_box_append (GTK_BOX (box), gloss_swatch_new (gloss_label_get_color (label), 12));

  gtk_label_set_xalign (GTK_LABEL (name_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name_label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name_label, TRUE);
  gtk_widget_add_css_class (name_label, "palette-name");
  gtk_box_append (GTK_BOX (box), name_label);

  if (hotkey != NULL && *hotkey != '\0')
    {
      GtkWidget *keycap = gtk_label_new (hotkey);

      gtk_widget_add_css_class (keycap, "keycap");
      gtk_widget_add_css_class (keycap, "dim-label");
      gtk_widget_set_valign (keycap, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), keycap);
    }

  gtk_widget_add_css_class (count_label, "palette-count");
  gtk_widget_add_css_class (count_label, "numeric");
  gtk_label_set_width_chars (GTK_LABEL (count_label), 2);
  gtk_label_set_xalign (GTK_LABEL (count_label), 1);
  gtk_box_append (GTK_BOX (box), count_label);

  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), box);
  if (gloss_label_get_description (label) != NULL)
    gtk_widget_set_tooltip_text (child, gloss_label_get_description (label));

  g_object_set_data_full (G_OBJECT (child), "gloss-label", g_strdup (name), g_free);
  g_hash_table_insert (self->count_labels, g_strdup (name), count_label);
  g_hash_table_insert (self->items, g_strdup (name), child);

  return child;
}

static void
child_activated_cb (GlossLabelPalette *self,
                    GtkFlowBoxChild   *child)
{
  const char *name = g_object_get_data (G_OBJECT (child), "gloss-label");

  if (name != NULL)
    g_signal_emit (self, signals[LABEL_ACTIVATED], 0, name);
}

static void
rebuild (GlossLabelPalette *self)
{
  GtkWidget *child;
  const char * const *layers;
  GListModel *labels;
  guint n_labels;
  g_autoptr(GPtrArray) seen_layers = g_ptr_array_new_with_free_func (g_free);

  g_hash_table_remove_all (self->count_labels);
  g_hash_table_remove_all (self->items);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->layers_box))) != NULL)
    gtk_box_remove (self->layers_box, child);

  if (self->schema == NULL)
    return;

  labels = gloss_schema_get_labels (self->schema);
  n_labels = g_list_model_get_n_items (labels);

  /* Layers in schema order, then any layer a label names but the schema
   * does not list. */
  layers = gloss_schema_get_layers (self->schema);
  for (guint i = 0; layers != NULL && layers[i] != NULL; i++)
    g_ptr_array_add (seen_layers, g_strdup (layers[i]));
  for (guint i = 0; i < n_labels; i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (labels, i);
      const char *layer = gloss_label_get_layer (label);

      if (layer != NULL && !g_ptr_array_find_with_equal_func (seen_layers, layer, g_str_equal,
                                                              NULL))
        g_ptr_array_add (seen_layers, g_strdup (layer));
    }

  for (guint l = 0; l < seen_layers->len; l++)
    {
      const char *layer = g_ptr_array_index (seen_layers, l);
      g_autofree char *title = dup_layer_title (layer);
      GtkWidget *heading = NULL;
      GtkWidget *flow = NULL;

      for (guint i = 0; i < n_labels; i++)
        {
          g_autoptr(GlossLabel) label = g_list_model_get_item (labels, i);

          if (g_strcmp0 (gloss_label_get_layer (label), layer) != 0)
            continue;

          if (flow == NULL)
            {
              heading = gtk_label_new (title);
              gtk_label_set_xalign (GTK_LABEL (heading), 0);
              gtk_widget_add_css_class (heading, "palette-layer");
              gtk_widget_add_css_class (heading, "dim-label");
              gtk_box_append (self->layers_box, heading);

              flow = gtk_flow_box_new ();
              gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
              gtk_flow_box_set_activate_on_single_click (GTK_FLOW_BOX (flow), TRUE);
              gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
              gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow), 2);
              gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 4);
              gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 2);
              gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 2);
              gtk_accessible_update_property (GTK_ACCESSIBLE (flow),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
              g_signal_connect_object (flow, "child-activated",
                                       G_CALLBACK (child_activated_cb), self,
                                       G_CONNECT_SWAPPED);
              gtk_box_append (self->layers_box, flow);
            }

          gtk_flow_box_append (GTK_FLOW_BOX (flow), create_item (self, label));
        }
    }

  recount (self);
}

/* ---- callbacks --------------------------------------------------------- */

static void
annotation_changed_cb (GlossLabelPalette *self,
                       GlossAnnotation   *old_annotation,
                       GlossAnnotation   *new_annotation)
{
  if (old_annotation != NULL && new_annotation != NULL &&
      g_strcmp0 (gloss_annotation_get_label (old_annotation),
                 gloss_annotation_get_label (new_annotation)) == 0)
    return;

  if (old_annotation != NULL)
    add_to_count (self, gloss_annotation_get_label (old_annotation), -1);
  if (new_annotation != NULL)
    add_to_count (self, gloss_annotation_get_label (new_annotation), +1);
}

/* ---- vfuncs ------------------------------------------------------------ */

static void
gloss_label_palette_dispose (GObject *object)
{
  GlossLabelPalette *self = GLOSS_LABEL_PALETTE (object);

  gloss_label_palette_set_annotation_list (self, NULL);
  gloss_label_palette_set_schema (self, NULL);
  g_hash_table_remove_all (self->items);
  g_hash_table_remove_all (self->count_labels);

  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_LABEL_PALETTE);

  G_OBJECT_CLASS (gloss_label_palette_parent_class)->dispose (object);
}

static void
gloss_label_palette_finalize (GObject *object)
{
  GlossLabelPalette *self = GLOSS_LABEL_PALETTE (object);

  g_clear_pointer (&self->counts, g_hash_table_unref);
  g_clear_pointer (&self->count_labels, g_hash_table_unref);
  g_clear_pointer (&self->items, g_hash_table_unref);

  G_OBJECT_CLASS (gloss_label_palette_parent_class)->finalize (object);
}

static void
gloss_label_palette_class_init (GlossLabelPaletteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_label_palette_dispose;
  object_class->finalize = gloss_label_palette_finalize;

  signals[LABEL_ACTIVATED] =
    g_signal_new ("label-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/gloss-label-palette.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossLabelPalette, box);
  gtk_widget_class_bind_template_child (widget_class, GlossLabelPalette, heading_label);
  gtk_widget_class_bind_template_child (widget_class, GlossLabelPalette, layers_box);

  gtk_widget_class_set_css_name (widget_class, "labelpalette");
}

static void
gloss_label_palette_init (GlossLabelPalette *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->count_labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* ---- public API -------------------------------------------------------- */

GtkWidget *
gloss_label_palette_new (void)
{
  return g_object_new (GLOSS_TYPE_LABEL_PALETTE, NULL);
}

GlossSchema *
gloss_label_palette_get_schema (GlossLabelPalette *self)
{
  g_return_val_if_fail (GLOSS_IS_LABEL_PALETTE (self), NULL);

  return self->schema;
}

void
gloss_label_palette_set_schema (GlossLabelPalette *self,
                                GlossSchema       *schema)
{
  g_return_if_fail (GLOSS_IS_LABEL_PALETTE (self));
  g_return_if_fail (schema == NULL || GLOSS_IS_SCHEMA (schema));

  if (schema == self->schema)
    return;

  if (self->schema != NULL)
    g_signal_handlers_disconnect_by_data (self->schema, self);
  g_set_object (&self->schema, schema);
  if (schema != NULL)
    g_signal_connect_object (schema, "changed", G_CALLBACK (rebuild), self, G_CONNECT_SWAPPED);

  rebuild (self);
}

GlossAnnotationList *
gloss_label_palette_get_annotation_list (GlossLabelPalette *self)
{
  g_return_val_if_fail (GLOSS_IS_LABEL_PALETTE (self), NULL);

  return self->annotations;
}

void
gloss_label_palette_set_annotation_list (GlossLabelPalette   *self,
                                         GlossAnnotationList *annotations)
{
  g_return_if_fail (GLOSS_IS_LABEL_PALETTE (self));
  g_return_if_fail (annotations == NULL || GLOSS_IS_ANNOTATION_LIST (annotations));

  if (annotations == self->annotations)
    return;

  if (self->annotations != NULL)
    g_signal_handlers_disconnect_by_data (self->annotations, self);
  g_set_object (&self->annotations, annotations);

  if (annotations != NULL)
    {
      g_signal_connect_object (annotations, "annotation-changed",
                               G_CALLBACK (annotation_changed_cb), self, G_CONNECT_SWAPPED);
      gloss_label_palette_set_schema (self, gloss_annotation_list_get_schema (annotations));
    }

  recount (self);
}

guint
gloss_label_palette_get_count (GlossLabelPalette *self,
                               const char        *label)
{
  g_return_val_if_fail (GLOSS_IS_LABEL_PALETTE (self), 0);
  g_return_val_if_fail (label != NULL, 0);

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, label));
}
