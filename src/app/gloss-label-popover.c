/* gloss-label-popover.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include "gloss-label-popover.h"
#include "gloss-schema.h"

/* The label's name on its row. */
#define ROW_LABEL_KEY "gloss-label"

struct _GlossLabelPopover
{
  GtkPopover   parent_instance;

  GlossSchema *schema;  /* owned */

  /* template children */
  GtkListBox  *list;
};

G_DEFINE_FINAL_TYPE (GlossLabelPopover, gloss_label_popover, GTK_TYPE_POPOVER)

enum
{
  PROP_0,
  PROP_SCHEMA,
  N_PROPS
};

enum
{
  LABEL_CHOSEN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GtkWidget *
new_label_row (GlossLabel *label)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *dot = gtk_label_new (NULL);
  GtkWidget *name = gtk_label_new (gloss_label_get_name (label));
  GtkWidget *hotkey = gtk_label_new (gloss_label_get_hotkey (label));
  g_autofree char *markup = NULL;

  markup = g_markup_printf_escaped ("<span foreground=\"%s\">●</span>",
                                    gloss_label_get_color (label));
  gtk_label_set_markup (GTK_LABEL (dot), markup);
  gtk_widget_set_halign (name, GTK_ALIGN_START);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (hotkey, "dim-label");
  gtk_widget_add_css_class (hotkey, "monospace");
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_box_append (GTK_BOX (box), dot);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), hotkey);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  if (gloss_label_get_description (label) != NULL)
    gtk_widget_set_tooltip_text (row, gloss_label_get_description (label));
  g_object_set_data_full (G_OBJECT (row), ROW_LABEL_KEY, g_strdup (gloss_label_get_name (label)),
                          g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gloss_label_get_name (label), -1);

  return row;
}

/* Pops down first, so that the keys are back where they were when the
 * label is used. */
static void
choose (GlossLabelPopover *self,
        const char        *name)
{
  g_autofree char *label = g_strdup (name);

  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[LABEL_CHOSEN], 0, label);
}

static void
row_activated_cb (GlossLabelPopover *self,
                  GtkListBoxRow     *row,
                  GtkListBox        *list)
{
  const char *name = g_object_get_data (G_OBJECT (row), ROW_LABEL_KEY);

  if (name != NULL)
    choose (self, name);
  else
    gtk_popover_popdown (GTK_POPOVER (self));
}

/* A label's hotkey picks it, as in the text. */
static gboolean
key_pressed_cb (GlossLabelPopover     *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  gunichar c = gdk_keyval_to_unicode (keyval);
  char buf[8] = { 0 };
  GlossLabel *label;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0 || c == 0 || !g_unichar_isgraph (c) ||
      self->schema == NULL)
    return FALSE;

  g_unichar_to_utf8 (c, buf);
  label = gloss_schema_lookup_hotkey (self->schema, buf);
  if (label == NULL)
    return FALSE;

  choose (self, gloss_label_get_name (label));
  return TRUE;
}

static void
gloss_label_popover_dispose (GObject *object)
{
  GlossLabelPopover *self = GLOSS_LABEL_POPOVER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_LABEL_POPOVER);
  g_clear_object (&self->schema);

  G_OBJECT_CLASS (gloss_label_popover_parent_class)->dispose (object);
}

static void
gloss_label_popover_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  GlossLabelPopover *self = GLOSS_LABEL_POPOVER (object);

  switch (prop_id)
    {
    case PROP_SCHEMA:
      g_value_set_object (value, self->schema);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_label_popover_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  GlossLabelPopover *self = GLOSS_LABEL_POPOVER (object);

  switch (prop_id)
    {
    case PROP_SCHEMA:
      gloss_label_popover_set_schema (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_label_popover_class_init (GlossLabelPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_label_popover_dispose;
  object_class->get_property = gloss_label_popover_get_property;
  object_class->set_property = gloss_label_popover_set_property;

  properties[PROP_SCHEMA] =
    g_param_spec_object ("schema", NULL, NULL, GLOSS_TYPE_SCHEMA,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A label was picked (its name); the popover is already down. */
  signals[LABEL_CHOSEN] =
    g_signal_new ("label-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossapp/Gloss/gloss-label-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossLabelPopover, list);
  gtk_widget_class_bind_template_callback (widget_class, key_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
gloss_label_popover_init (GlossLabelPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
gloss_label_popover_new (void)
{
  return g_object_new (GLOSS_TYPE_LABEL_POPOVER, NULL);
}

GlossSchema *
gloss_label_popover_get_schema (GlossLabelPopover *self)
{
  g_return_val_if_fail (GLOSS_IS_LABEL_POPOVER (self), NULL);

  return self->schema;
}

void
gloss_label_popover_set_schema (GlossLabelPopover *self,
                                GlossSchema       *schema)
{
  g_return_if_fail (GLOSS_IS_LABEL_POPOVER (self));
  g_return_if_fail (schema == NULL || GLOSS_IS_SCHEMA (schema));

  if (g_set_object (&self->schema, schema))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCHEMA]);
}

void
gloss_label_popover_popup (GlossLabelPopover *self)
{
  GtkWidget *child;

  g_return_if_fail (GLOSS_IS_LABEL_POPOVER (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  if (self->schema != NULL)
    {
      GListModel *labels = gloss_schema_get_labels (self->schema);

      for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
        {
          g_autoptr(GlossLabel) label = g_list_model_get_item (labels, i);

          gtk_list_box_append (self->list, new_label_row (label));
        }
    }

  gtk_popover_popup (GTK_POPOVER (self));
  child = gtk_widget_get_first_child (GTK_WIDGET (self->list));
  if (child != NULL)
    gtk_widget_grab_focus (child);
}
