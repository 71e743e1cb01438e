/* gloss-schema-editor.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-annotation-list.h"
#include "gloss-annotation.h"
#include "gloss-change-set.h"
#include "gloss-command.h"
#include "gloss-document.h"
#include "gloss-schema-editor-private.h"
#include "gloss-schema.h"
#include "gloss-store.h"
#include "gloss-swatch.h"
#include "gloss-window-bulk-private.h"
#include "gloss-window.h"

struct _GlossSchemaEditor
{
  GtkWindow     parent_instance;

  GlossProject *project;          /* owned */
  GlossSchema  *schema;           /* owned: the project's */
  char         *selected;         /* owned: name of the label shown */
  GlossChangeSet *changes;        /* owned: the last rename, the window's step to undo */
  char         *toast;            /* owned: what the window says of it when the editor closes */
  GtkWidget    *color_button;     /* borrowed: in color_box */
  GtkWidget    *new_color_button; /* borrowed: in new_color_box */
  gboolean      updating;

  /* template children */
  GtkMenuButton *add_button;
  GtkLabel      *add_error_label;
  GtkPopover    *add_popover;
  GtkEntry      *attr_name_entry;
  GtkDropDown   *attr_type_dropdown;
  GtkEntry      *attr_values_entry;
  GtkListBox    *attributes_list;
  GtkBox        *color_box;
  GtkLabel      *color_label;
  GtkEntry      *description_entry;
  GtkWidget     *details_box;
  GtkButton     *down_button;
  GtkLabel      *error_label;
  GtkEntry      *hotkey_entry;
  GtkListBox    *label_list;
  GtkEntry      *layer_entry;
  GtkStack      *main_stack;
  GtkEntry      *name_entry;
  GtkBox        *new_color_box;
  GtkEntry      *new_hotkey_entry;
  GtkEntry      *new_layer_entry;
  GtkEntry      *new_name_entry;
  GtkLabel      *rel_error_label;
  GtkEntry      *rel_name_entry;
  GtkEntry      *rel_sources_entry;
  GtkEntry      *rel_targets_entry;
  GtkListBox    *relation_list;
  GtkButton     *remove_button;
  GtkButton     *up_button;
};

G_DEFINE_FINAL_TYPE (GlossSchemaEditor, gloss_schema_editor, GTK_TYPE_WINDOW)

/* Colours offered for new labels, in turn. */
static const char * const new_colors[] = {
  "#62a0ea", "#57e389", "#f8e45c", "#ffa348", "#dc8add", "#f66151", "#cdab8f", "#9141ac",
};

/* ---- colour buttons (GtkColorButton on GTK 4.8) -------------------------- */

static GtkWidget *
color_button_new (void)
{
#if GTK_CHECK_VERSION (4, 10, 0)
  return gtk_color_dialog_button_new (gtk_color_dialog_new ());
#else
  GtkWidget *button = gtk_color_button_new ();

  gtk_color_chooser_set_use_alpha (GTK_COLOR_CHOOSER (button), FALSE);
  return button;
#endif
}

/* Names the colour button for screen readers, and its inner button too:
 * that one takes the focus and would be read as an unnamed button. */
static void
color_button_set_name (GtkWidget  *button,
                       const char *name)
{
  GtkWidget *inner = gtk_widget_get_first_child (button);

  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  if (GTK_IS_BUTTON (inner))
    gtk_accessible_update_property (GTK_ACCESSIBLE (inner), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                    -1);
}

static void
color_button_set (GtkWidget  *button,
                  const char *color)
{
  GdkRGBA rgba;

  if (color == NULL || !gdk_rgba_parse (&rgba, color))
    rgba = (GdkRGBA) { 0.6f, 0.6f, 0.6f, 1.f };
#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_color_dialog_button_set_rgba (GTK_COLOR_DIALOG_BUTTON (button), &rgba);
#else
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (button), &rgba);
#endif
}

/* "#rrggbb" */
static char *
color_button_dup (GtkWidget *button)
{
  GdkRGBA rgba;

#if GTK_CHECK_VERSION (4, 10, 0)
  rgba = *gtk_color_dialog_button_get_rgba (GTK_COLOR_DIALOG_BUTTON (button));
#else
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
#endif

  return g_strdup_printf ("#%02x%02x%02x",
                          (guint) CLAMP (rgba.red * 255.f + .5f, 0, 255),
                          (guint) CLAMP (rgba.green * 255.f + .5f, 0, 255),
                          (guint) CLAMP (rgba.blue * 255.f + .5f, 0, 255));
}

/* ---- helpers ----------------------------------------------------------- */

static gboolean
name_is_valid (const char *name)
{
  if (name == NULL || *name == '\0')
    return FALSE;

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isspace (g_utf8_get_char (p)) || g_unichar_iscntrl (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

static char *
dup_entry (GtkEntry *entry)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
}

/* Comma-separated label names, checked against the schema. NULL = any. */
static char **
parse_label_list (GlossSchema  *schema,
                  const char   *text,
                  GError      **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] == '\0')
        continue;
      if (gloss_schema_lookup_label (schema, parts[i]) == NULL)
        {
          g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_UNKNOWN,
                       _("Unknown label “%s”"), parts[i]);
          return NULL;
        }
      g_strv_builder_add (builder, parts[i]);
      n++;
    }

  return g_strv_builder_end (builder);
}

static void
show_error (GtkLabel     *label,
            const GError *error)
{
  gtk_widget_set_visible (GTK_WIDGET (label), error != NULL);
  if (error != NULL)
    gtk_label_set_label (label, error->message);
}

static GlossLabel *
get_selected_label (GlossSchemaEditor *self)
{
  if (self->selected == NULL)
    return NULL;

  return gloss_schema_lookup_label (self->schema, self->selected);
}

static guint
label_position (GlossSchemaEditor *self,
                const char        *name)
{
  GListModel *labels = gloss_schema_get_labels (self->schema);

  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (labels, i);

      if (g_strcmp0 (gloss_label_get_name (label), name) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* ---- label details -------------------------------------------------------- */

static void
attribute_row_add (GlossSchemaEditor *self,
                   GlossAttrDef      *def)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (gloss_attr_def_get_name (def));
  GtkWidget *kind;
  g_autofree char *values = NULL;

  switch (gloss_attr_def_get_attr_type (def))
    {
    case GLOSS_ATTR_TYPE_ENUM:
      {
        g_autofree char *joined = g_strjoinv (", ", (char **) gloss_attr_def_get_values (def));

        /* Translators: an enum attribute and its values. */
        values = g_strdup_printf (_("one of: %s"), joined);
      }
      break;

    case GLOSS_ATTR_TYPE_BOOLEAN:
      values = g_strdup (_("yes or no"));
      break;

    case GLOSS_ATTR_TYPE_TEXT:
    default:
      values = g_strdup (_("text"));
      break;
    }

  kind = gtk_label_new (values);
  gtk_widget_add_css_class (name, "heading");
  gtk_label_set_xalign (GTK_LABEL (kind), 0);
  gtk_label_set_wrap (GTK_LABEL (kind), TRUE);
  gtk_widget_set_hexpand (kind, TRUE);
  gtk_widget_add_css_class (kind, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), kind);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_list_box_append (self->attributes_list, box);
}

static void
show_details (GlossSchemaEditor *self)
{
  GlossLabel *label = get_selected_label (self);
  GPtrArray *attributes;
  GtkWidget *child;
  guint position;
  guint n_labels = gloss_schema_get_n_labels (self->schema);

  gtk_widget_set_sensitive (self->details_box, label != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->remove_button), label != NULL);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->attributes_list))) != NULL)
    gtk_list_box_remove (self->attributes_list, child);

  if (label == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->up_button), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->down_button), FALSE);
      return;
    }

  position = label_position (self, self->selected);
  gtk_widget_set_sensitive (GTK_WIDGET (self->up_button), position > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->down_button), position + 1 < n_labels);

  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), gloss_label_get_name (label));
  gtk_editable_set_text (GTK_EDITABLE (self->layer_entry),
                         gloss_label_get_layer (label) != NULL ? gloss_label_get_layer (label)
                                                               : "");
  color_button_set (self->color_button, gloss_label_get_color (label));
  gtk_editable_set_text (GTK_EDITABLE (self->hotkey_entry),
                         gloss_label_get_hotkey (label) != NULL ? gloss_label_get_hotkey (label)
                                                                : "");
  gtk_editable_set_text (GTK_EDITABLE (self->description_entry),
                         gloss_label_get_description (label) != NULL
                         ? gloss_label_get_description (label) : "");
  self->updating = FALSE;

  attributes = gloss_label_get_attributes (label);
  for (guint i = 0; attributes != NULL && i < attributes->len; i++)
    attribute_row_add (self, g_ptr_array_index (attributes, i));
  gtk_widget_set_visible (GTK_WIDGET (self->attributes_list),
                          attributes != NULL && attributes->len > 0);
}

static GtkWidget *
create_label_row (gpointer item,
                  gpointer user_data)
{
  GlossLabel *label = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *name = gtk_label_new (gloss_label_get_name (label));
  GtkWidget *layer = gtk_label_new (gloss_label_get_layer (label));
  const char *hotkey = gloss_label_get_hotkey (label);

  gtk_box_append (GTK_BOX (box), gloss_swatch_new (gloss_label_get_color (label), 14));
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), name);
  gtk_widget_add_css_class (layer, "dim-label");
  gtk_widget_add_css_class (layer, "caption");
  gtk_box_append (GTK_BOX (box), layer);
  if (hotkey != NULL)
    {
      GtkWidget *keycap = gtk_label_new (hotkey);

      gtk_widget_add_css_class (keycap, "keycap");
      gtk_widget_set_valign (keycap, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), keycap);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "gloss-label",
                          g_strdup (gloss_label_get_name (label)), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gloss_label_get_name (label), -1);

  return row;
}

static void
select_label (GlossSchemaEditor *self,
              const char        *name)
{
  guint position = name != NULL ? label_position (self, name) : GTK_INVALID_LIST_POSITION;
  GtkListBoxRow *row = NULL;

  if (position == GTK_INVALID_LIST_POSITION && gloss_schema_get_n_labels (self->schema) > 0)
    position = 0;
  if (position != GTK_INVALID_LIST_POSITION)
    row = gtk_list_box_get_row_at_index (self->label_list, position);

  g_free (self->selected);
  self->selected = row != NULL
                   ? g_strdup (g_object_get_data (G_OBJECT (row), "gloss-label")) : NULL;

  self->updating = TRUE;
  gtk_list_box_select_row (self->label_list, row);
  self->updating = FALSE;

  show_details (self);
}

/* ---- relation types ------------------------------------------------------ */

static guint
count_relation_uses (GlossSchemaEditor *self,
                     const char        *type)
{
  return gloss_store_count_relation_type_uses (gloss_project_get_store (self->project), type);
}

static void
remove_relation_type_cb (GtkButton         *button,
                         GlossSchemaEditor *self)
{
  const char *type = g_object_get_data (G_OBJECT (button), "gloss-relation-type");
  g_autoptr(GError) error = NULL;
  guint uses;

  if (type == NULL)
    return;

  uses = count_relation_uses (self, type);
  if (uses > 0)
    {
      g_set_error (&error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_NOT_ALLOWED,
                   ngettext ("“%s” is used by %u relation in this project; remove it first",
                             "“%s” is used by %u relations in this project; remove them first",
                             uses),
                   type, uses);
      show_error (self->rel_error_label, error);
      return;
    }

  gloss_schema_remove_relation_type (self->schema, type, &error);
  show_error (self->rel_error_label, error);
}

static char *
dup_ends (const char * const *labels)
{
  if (labels == NULL || labels[0] == NULL)
    return g_strdup (_("any label"));

  return g_strjoinv (", ", (char **) labels);
}

static void
rebuild_relation_list (GlossSchemaEditor *self)
{
  GListModel *types = gloss_schema_get_relation_types (self->schema);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->relation_list))) != NULL)
    gtk_list_box_remove (self->relation_list, child);

  for (guint i = 0; i < g_list_model_get_n_items (types); i++)
    {
      g_autoptr(GlossRelationType) type = g_list_model_get_item (types, i);
      g_autofree char *sources = dup_ends (gloss_relation_type_get_sources (type));
      g_autofree char *targets = dup_ends (gloss_relation_type_get_targets (type));
      g_autofree char *ends = g_strdup_printf ("%s → %s", sources, targets);
      g_autofree char *remove_name = NULL;
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *name = gtk_label_new (gloss_relation_type_get_name (type));
      GtkWidget *ends_label = gtk_label_new (ends);
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      GPtrArray *attributes = gloss_relation_type_get_attributes (type);

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_widget_add_css_class (name, "heading");
      gtk_label_set_xalign (GTK_LABEL (ends_label), 0);
      gtk_label_set_wrap (GTK_LABEL (ends_label), TRUE);
      gtk_widget_add_css_class (ends_label, "dim-label");
      gtk_box_append (GTK_BOX (texts), name);
      gtk_box_append (GTK_BOX (texts), ends_label);
      for (guint j = 0; attributes != NULL && j < attributes->len; j++)
        {
          GlossAttrDef *def = g_ptr_array_index (attributes, j);
          const char * const *values = gloss_attr_def_get_values (def);
          g_autofree char *joined = values != NULL ? g_strjoinv (", ", (char **) values) : NULL;
          g_autofree char *text = g_strdup_printf ("%s: %s", gloss_attr_def_get_name (def),
                                                   joined != NULL && *joined != '\0'
                                                   ? joined
                                                   : gloss_attr_type_to_string (
                                                       gloss_attr_def_get_attr_type (def)));
          GtkWidget *attr = gtk_label_new (text);

          gtk_label_set_xalign (GTK_LABEL (attr), 0);
          gtk_widget_add_css_class (attr, "caption");
          gtk_box_append (GTK_BOX (texts), attr);
        }
      gtk_widget_set_hexpand (texts, TRUE);
      gtk_box_append (GTK_BOX (box), texts);

      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Delete Relation Type"));
      remove_name = g_strdup_printf (_("Delete relation type %s"),
                                     gloss_relation_type_get_name (type));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      remove_name, -1);
      g_object_set_data_full (G_OBJECT (remove), "gloss-relation-type",
                              g_strdup (gloss_relation_type_get_name (type)), g_free);
      g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_relation_type_cb), self, 0);
      gtk_box_append (GTK_BOX (box), remove);

      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 6);
      gtk_widget_set_margin_top (box, 8);
      gtk_widget_set_margin_bottom (box, 8);
      gtk_list_box_append (self->relation_list, box);
    }
}

static void
add_relation_type_cb (GlossSchemaEditor *self)
{
  g_autofree char *name = dup_entry (self->rel_name_entry);
  g_autofree char *sources_text = dup_entry (self->rel_sources_entry);
  g_autofree char *targets_text = dup_entry (self->rel_targets_entry);
  g_auto(GStrv) sources = NULL;
  g_auto(GStrv) targets = NULL;
  g_autoptr(GlossRelationType) type = NULL;
  g_autoptr(GError) error = NULL;

  if (!name_is_valid (name))
    {
      g_set_error (&error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                   _("“%s” is not a valid relation type name"), name);
      show_error (self->rel_error_label, error);
      return;
    }

  sources = parse_label_list (self->schema, sources_text, &error);
  if (sources != NULL)
    targets = parse_label_list (self->schema, targets_text, &error);
  if (sources == NULL || targets == NULL)
    {
      show_error (self->rel_error_label, error);
      return;
    }

  type = gloss_relation_type_new (name, NULL, (const char * const *) sources,
                                  (const char * const *) targets);
  if (!gloss_schema_add_relation_type (self->schema, type, &error))
    {
      show_error (self->rel_error_label, error);
      return;
    }

  show_error (self->rel_error_label, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->rel_name_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->rel_sources_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->rel_targets_entry), "");
}

/* ---- label callbacks ------------------------------------------------------ */

static void
schema_changed_cb (GlossSchemaEditor *self)
{
  g_autofree char *selected = g_strdup (self->selected);

  /* Rows show properties of the labels: create them again. */
  gtk_list_box_bind_model (self->label_list, gloss_schema_get_labels (self->schema),
                           create_label_row, self, NULL);
  select_label (self, selected);
  rebuild_relation_list (self);
}

/* The project's schema object was replaced (another program changed the
 * stored schema, or saving combined this editor's change with another
 * program's): edit the new one. */
static void
project_schema_cb (GlossSchemaEditor *self)
{
  GlossSchema *schema = gloss_project_get_schema (self->project);

  if (schema == self->schema)
    return;
  g_signal_handlers_disconnect_by_data (self->schema, self);
  g_set_object (&self->schema, schema);
  g_signal_connect_object (self->schema, "changed", G_CALLBACK (schema_changed_cb), self,
                           G_CONNECT_SWAPPED);
  schema_changed_cb (self);
}

static void
row_selected_cb (GlossSchemaEditor *self,
                 GtkListBoxRow     *row)
{
  if (self->updating)
    return;

  g_free (self->selected);
  self->selected = row != NULL
                   ? g_strdup (g_object_get_data (G_OBJECT (row), "gloss-label")) : NULL;
  show_error (self->error_label, NULL);
  show_details (self);
}

/* The window this editor edits the project of, or NULL. */
static GlossWindow *
get_window (GlossSchemaEditor *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (!GLOSS_IS_WINDOW (parent) || self->project == NULL ||
      gloss_window_get_project (GLOSS_WINDOW (parent)) != self->project)
    return NULL;
  return GLOSS_WINDOW (parent);
}

static void
rename_cb (GlossSchemaEditor *self)
{
  g_autofree char *new_name = dup_entry (self->name_entry);
  g_autofree char *old_name = g_strdup (self->selected);
  g_autoptr(GlossChangeSet) changes = NULL;
  g_autoptr(GError) error = NULL;
  GlossWindow *window;
  guint n = 0;

  if (old_name == NULL || g_strcmp0 (old_name, new_name) == 0)
    return;

  /* The label in the schema and its annotations, as one step the window
   * can undo; the project adopts the renamed schema (project_schema_cb). */
  changes = gloss_project_rename_label (self->project, old_name, new_name, &error);
  if (changes == NULL)
    {
      show_error (self->error_label, error);
      return;
    }

  g_free (self->selected);
  self->selected = g_strdup (new_name);
  select_label (self, new_name);
  show_error (self->error_label, NULL);

  g_clear_object (&self->changes);
  g_clear_pointer (&self->toast, g_free);
  window = get_window (self);
  if (window == NULL)
    return;
  _gloss_window_bulk_take_changes (window, changes);
  self->changes = g_steal_pointer (&changes);
  gloss_change_set_count (self->changes, GLOSS_CHANGE_ANNOTATION, NULL, &n, NULL);
  /* Translators: "Renamed ORG to ORGANISATION in 12 annotations" */
  self->toast = g_strdup_printf (ngettext ("Renamed %s to %s in %u annotation",
                                           "Renamed %s to %s in %u annotations", n),
                                 old_name, new_name, n);
}

static void
layer_cb (GlossSchemaEditor *self)
{
  GlossLabel *label = get_selected_label (self);
  g_autofree char *layer = dup_entry (self->layer_entry);
  g_autoptr(GError) error = NULL;
  const char * const *layers = gloss_schema_get_layers (self->schema);

  if (label == NULL || self->updating || g_strcmp0 (layer, gloss_label_get_layer (label)) == 0)
    return;

  if (!name_is_valid (layer))
    {
      g_set_error (&error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                   _("“%s” is not a valid layer name"), layer);
      show_error (self->error_label, error);
      return;
    }

  if ((layers == NULL || !g_strv_contains (layers, layer)) &&
      !gloss_schema_add_layer (self->schema, layer, &error))
    {
      show_error (self->error_label, error);
      return;
    }

  show_error (self->error_label, NULL);
  gloss_label_set_layer (label, layer);
}

static void
color_changed_cb (GlossSchemaEditor *self)
{
  GlossLabel *label = get_selected_label (self);
  g_autofree char *color = NULL;

  if (label == NULL || self->updating)
    return;

  color = color_button_dup (self->color_button);
  if (g_ascii_strcasecmp (color, gloss_label_get_color (label)) != 0)
    gloss_label_set_color (label, color);
}

static void
hotkey_cb (GlossSchemaEditor *self)
{
  GlossLabel *label = get_selected_label (self);
  g_autofree char *hotkey = dup_entry (self->hotkey_entry);
  g_autoptr(GError) error = NULL;

  if (label == NULL || self->updating ||
      g_strcmp0 (*hotkey != '\0' ? hotkey : NULL, gloss_label_get_hotkey (label)) == 0)
    return;

  if (!gloss_schema_set_label_hotkey (self->schema, self->selected,
                                      *hotkey != '\0' ? hotkey : NULL, &error))
    {
      show_error (self->error_label, error);
      self->updating = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->hotkey_entry),
                             gloss_label_get_hotkey (label) != NULL
                             ? gloss_label_get_hotkey (label) : "");
      self->updating = FALSE;
      return;
    }

  show_error (self->error_label, NULL);
}

static void
description_cb (GlossSchemaEditor *self)
{
  GlossLabel *label = get_selected_label (self);
  g_autofree char *description = dup_entry (self->description_entry);

  if (label == NULL || self->updating ||
      g_strcmp0 (description, gloss_label_get_description (label) != NULL
                              ? gloss_label_get_description (label) : "") == 0)
    return;

  gloss_label_set_description (label, *description != '\0' ? description : NULL);
}

static void
move_selected (GlossSchemaEditor *self,
               int                delta)
{
  g_autofree char *name = g_strdup (self->selected);
  guint position;
  g_autoptr(GError) error = NULL;

  if (name == NULL)
    return;

  position = label_position (self, name);
  if (position == GTK_INVALID_LIST_POSITION || (delta < 0 && position == 0))
    return;

  if (!gloss_schema_move_label (self->schema, name, position + delta, &error))
    show_error (self->error_label, error);

  select_label (self, name);
  if (gtk_list_box_get_selected_row (self->label_list) != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (delta < 0 ? self->up_button : self->down_button));
}

static void
up_clicked_cb (GlossSchemaEditor *self)
{
  move_selected (self, -1);
}

static void
down_clicked_cb (GlossSchemaEditor *self)
{
  move_selected (self, +1);
}

static void
add_attribute_cb (GlossSchemaEditor *self)
{
  GlossLabel *label = get_selected_label (self);
  g_autofree char *name = dup_entry (self->attr_name_entry);
  g_autofree char *values_text = dup_entry (self->attr_values_entry);
  g_autoptr(GlossAttrDef) def = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) values = NULL;
  GlossAttrType type;

  if (label == NULL)
    return;

  switch (gtk_drop_down_get_selected (self->attr_type_dropdown))
    {
    case 1:
      type = GLOSS_ATTR_TYPE_BOOLEAN;
      break;
    case 2:
      type = GLOSS_ATTR_TYPE_TEXT;
      break;
    default:
      type = GLOSS_ATTR_TYPE_ENUM;
      break;
    }

  if (!name_is_valid (name))
    g_set_error (&error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                 _("“%s” is not a valid attribute name"), name);
  else if (gloss_label_lookup_attribute (label, name) != NULL)
    g_set_error (&error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_DUPLICATE,
                 _("Label “%s” already has an attribute “%s”"), self->selected, name);

  if (error == NULL && type == GLOSS_ATTR_TYPE_ENUM)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) parts = g_strsplit (values_text, ",", -1);
      guint n = 0;

      for (guint i = 0; parts[i] != NULL; i++)
        {
          g_strstrip (parts[i]);
          if (*parts[i] != '\0')
            {
              g_strv_builder_add (builder, parts[i]);
              n++;
            }
        }
      values = g_strv_builder_end (builder);
      if (n == 0)
        g_set_error (&error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                     _("A choice attribute needs its values, comma-separated"));
    }

  if (error != NULL)
    {
      show_error (self->error_label, error);
      return;
    }

  def = gloss_attr_def_new (name, type, (const char * const *) values, NULL);
  if (!gloss_label_try_add_attribute (label, def, &error))
    {
      show_error (self->error_label, error);
      return;
    }
  show_error (self->error_label, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->attr_name_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->attr_values_entry), "");
}

static void
add_popover_show_cb (GlossSchemaEditor *self)
{
  guint n = gloss_schema_get_n_labels (self->schema);

  gtk_editable_set_text (GTK_EDITABLE (self->new_name_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->new_hotkey_entry), "");
  color_button_set (self->new_color_button, new_colors[n % G_N_ELEMENTS (new_colors)]);
  show_error (self->add_error_label, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->new_name_entry));
}

static void
add_label_cb (GlossSchemaEditor *self)
{
  g_autofree char *name = dup_entry (self->new_name_entry);
  g_autofree char *layer = dup_entry (self->new_layer_entry);
  g_autofree char *hotkey = dup_entry (self->new_hotkey_entry);
  g_autofree char *color = color_button_dup (self->new_color_button);
  g_autoptr(GlossLabel) label = NULL;
  g_autoptr(GError) error = NULL;

  if (!name_is_valid (name))
    g_set_error (&error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                 _("“%s” is not a valid label name"), name);
  else if (!name_is_valid (layer))
    g_set_error (&error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_INVALID,
                 _("“%s” is not a valid layer name"), layer);
  if (error != NULL)
    {
      show_error (self->add_error_label, error);
      return;
    }

  label = gloss_label_new (name, layer, color, NULL, NULL);
  if (!gloss_schema_add_label (self->schema, label, &error))
    {
      show_error (self->add_error_label, error);
      return;
    }

  if (*hotkey != '\0' && !gloss_schema_set_label_hotkey (self->schema, name, hotkey, &error))
    {
      /* Refused (a conflict): take the label back and say why. */
      gloss_schema_remove_label (self->schema, name, NULL);
      show_error (self->add_error_label, error);
      return;
    }

  gtk_popover_popdown (self->add_popover);
  select_label (self, name);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
}

typedef struct
{
  GlossSchemaEditor *self;
  char              *label;
} RemoveData;

static void
remove_data_free (RemoveData *data)
{
  g_object_unref (data->self);
  g_free (data->label);
  g_free (data);
}

static void
remove_label_now (GlossSchemaEditor *self,
                  const char        *name)
{
  g_autoptr(GError) error = NULL;

  if (!gloss_schema_editor_rewrite_label (self->project, name, NULL, &error) ||
      !gloss_schema_remove_label (self->schema, name, &error))
    {
      show_error (self->error_label, error);
      return;
    }

  show_error (self->error_label, NULL);
  select_label (self, NULL);
}

static void
confirm_response_cb (GtkDialog  *dialog,
                     int         response,
                     RemoveData *data)
{
  if (response == GTK_RESPONSE_ACCEPT)
    remove_label_now (data->self, data->label);

  gtk_window_destroy (GTK_WINDOW (dialog));
  remove_data_free (data);
}

static void
remove_clicked_cb (GlossSchemaEditor *self)
{
  g_autoptr(GlossSchema) trial = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup (self->selected);
  guint n_documents = 0;
  guint uses;
  GtkWidget *dialog;
  GtkWidget *button;
  RemoveData *data;

  if (name == NULL)
    return;

  /* Ask the schema first (on a copy) whether it would let the label go,
   * so that no annotation is deleted for nothing. */
  trial = gloss_schema_copy (self->schema);
  if (!gloss_schema_remove_label (trial, name, &error))
    {
      show_error (self->error_label, error);
      return;
    }

  uses = gloss_schema_editor_count_label_uses (self->project, name, &n_documents);
  if (uses == 0)
    {
      remove_label_now (self, name);
      return;
    }

  dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_WARNING, GTK_BUTTONS_NONE,
                                   _("Delete the label “%s” and its annotations?"), name);
  {
    g_autofree char *first = g_strdup_printf (ngettext ("%u annotation uses this label",
                                                        "%u annotations use this label", uses),
                                              uses);
    g_autofree char *second = g_strdup_printf (ngettext ("in %u document",
                                                         "in %u documents", n_documents),
                                               n_documents);
    g_autofree char *text = g_strdup_printf (_("%s %s. They will be deleted with it; each "
                                               "document can undo the deletion, but the label "
                                               "must then be added again."), first, second);

    gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", text);
  }
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL);
  button = gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Delete"), GTK_RESPONSE_ACCEPT);
  gtk_widget_add_css_class (button, "destructive-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);

  data = g_new0 (RemoveData, 1);
  data->self = g_object_ref (self);
  data->label = g_steal_pointer (&name);
  g_signal_connect (dialog, "response", G_CALLBACK (confirm_response_cb), data);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- vfuncs ------------------------------------------------------------ */

/* The editor closes: the window says what the last rename did, with Undo
 * (a toast behind this modal window would go unseen). */
static gboolean
gloss_schema_editor_close_request (GtkWindow *window)
{
  GlossSchemaEditor *self = GLOSS_SCHEMA_EDITOR (window);
  g_autofree char *toast = g_steal_pointer (&self->toast);
  GlossWindow *parent = get_window (self);

  if (toast != NULL && parent != NULL && self->changes != NULL &&
      !gtk_widget_in_destruction (GTK_WIDGET (parent)))
    _gloss_window_bulk_show_changes_toast (parent, self->changes, toast);

  return GTK_WINDOW_CLASS (gloss_schema_editor_parent_class)->close_request (window);
}

static void
gloss_schema_editor_dispose (GObject *object)
{
  GlossSchemaEditor *self = GLOSS_SCHEMA_EDITOR (object);

  if (self->schema != NULL)
    g_signal_handlers_disconnect_by_data (self->schema, self);
  if (self->label_list != NULL)
    gtk_list_box_bind_model (self->label_list, NULL, NULL, NULL, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_SCHEMA_EDITOR);

  g_clear_object (&self->schema);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (gloss_schema_editor_parent_class)->dispose (object);
}

static void
gloss_schema_editor_finalize (GObject *object)
{
  GlossSchemaEditor *self = GLOSS_SCHEMA_EDITOR (object);

  g_clear_pointer (&self->selected, g_free);
  g_clear_object (&self->changes);
  g_free (self->toast);

  G_OBJECT_CLASS (gloss_schema_editor_parent_class)->finalize (object);
}

static void
gloss_schema_editor_class_init (GlossSchemaEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = gloss_schema_editor_dispose;
  object_class->finalize = gloss_schema_editor_finalize;
  window_class->close_request = gloss_schema_editor_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/gloss-schema-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossSchemaEditor, add_button);
  gtk_widget_class_bind_template_child (widget_class, GlossSchemaEditor, add_error_label);
  gtk_widget_class_bind_template_child (widget_class, GlossSchemaEditor, add_popover);
  gtk_widget_class_bind_template_child (widget_class, GlossSchemaEditor, attr_name_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossSchemaEditor, attr_type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GlossSchemaEditor, attr_values_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossSchemaEditor, attributes_list);
  gtk_widget_class_bind_template_child (widget_class, GlossSchemaEditor, color_box);
  gtk_widget_class_bind_template_child (widget_class, GlossSchemaEditor, color_label);
  gtk_widget_class_bind_template_child (widget_class, GlossSchemaEditor, description_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossSchemaEditor, details_box);
  gtk_widget_class_bind_template_child (widget_class, GlossSchemaEditor, down_button);
  gtk_widget_class_bind_template_child (widget_class, GlossSchemaEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, GlossSchemaEditor, hotkey_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossSchemaEditor, label_list);
  gtk_widget_class_bind_template_child (widget_class, GlossSchemaEditor, layer_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossSchemaEditor, main_stack);
  gtk_widget_class_bind_template_child (widget_class, GlossSchemaEditor, name_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossSchemaEditor, new_color_box);
  gtk_widget_class_bind_template_child (widget_class, GlossSchemaEditor, new_hotkey_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossSchemaEditor, new_layer_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossSchemaEditor, new_name_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossSchemaEditor, rel_error_label);
  gtk_widget_class_bind_template_child (widget_class, GlossSchemaEditor, rel_name_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossSchemaEditor, rel_sources_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossSchemaEditor, rel_targets_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossSchemaEditor, relation_list);
  gtk_widget_class_bind_template_child (widget_class, GlossSchemaEditor, remove_button);
  gtk_widget_class_bind_template_child (widget_class, GlossSchemaEditor, up_button);
  gtk_widget_class_bind_template_callback (widget_class, add_attribute_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_label_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_relation_type_cb);
  gtk_widget_class_bind_template_callback (widget_class, description_cb);
  gtk_widget_class_bind_template_callback (widget_class, down_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, hotkey_cb);
  gtk_widget_class_bind_template_callback (widget_class, layer_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, rename_cb);
  gtk_widget_class_bind_template_callback (widget_class, up_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
entry_leave_cb (GtkEventControllerFocus *controller,
                GlossSchemaEditor       *self)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  if (entry == GTK_WIDGET (self->hotkey_entry))
    hotkey_cb (self);
  else if (entry == GTK_WIDGET (self->description_entry))
    description_cb (self);
  else if (entry == GTK_WIDGET (self->layer_entry))
    layer_cb (self);
}

static void
gloss_schema_editor_init (GlossSchemaEditor *self)
{
  GtkWidget *entries[3];

  gtk_widget_init_template (GTK_WIDGET (self));

  self->color_button = color_button_new ();
  color_button_set_name (self->color_button, _("Label colour"));
  gtk_box_append (self->color_box, self->color_button);
  gtk_label_set_mnemonic_widget (self->color_label, self->color_button);
#if GTK_CHECK_VERSION (4, 10, 0)
  g_signal_connect_object (self->color_button, "notify::rgba", G_CALLBACK (color_changed_cb),
                           self, G_CONNECT_SWAPPED);
#else
  g_signal_connect_object (self->color_button, "color-set", G_CALLBACK (color_changed_cb),
                           self, G_CONNECT_SWAPPED);
#endif

  self->new_color_button = color_button_new ();
  color_button_set_name (self->new_color_button, _("New label colour"));
  gtk_box_append (self->new_color_box, self->new_color_button);

  entries[0] = GTK_WIDGET (self->hotkey_entry);
  entries[1] = GTK_WIDGET (self->description_entry);
  entries[2] = GTK_WIDGET (self->layer_entry);
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      GtkEventController *focus = gtk_event_controller_focus_new ();

      g_signal_connect_object (focus, "leave", G_CALLBACK (entry_leave_cb), self, 0);
      gtk_widget_add_controller (entries[i], focus);
    }

  g_signal_connect_object (self->label_list, "row-selected", G_CALLBACK (row_selected_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->add_popover, "show", G_CALLBACK (add_popover_show_cb),
                           self, G_CONNECT_SWAPPED);
}

/* ---- public API -------------------------------------------------------- */

GtkWidget *
gloss_schema_editor_new (GtkWindow    *parent,
                         GlossProject *project)
{
  GlossSchemaEditor *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (GLOSS_IS_PROJECT (project), NULL);

  self = g_object_new (GLOSS_TYPE_SCHEMA_EDITOR,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  self->project = g_object_ref (project);
  self->schema = g_object_ref (gloss_project_get_schema (project));

  g_signal_connect_object (self->schema, "changed", G_CALLBACK (schema_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (project, "notify::schema", G_CALLBACK (project_schema_cb), self,
                           G_CONNECT_SWAPPED);
  schema_changed_cb (self);

  return GTK_WIDGET (self);
}

guint
gloss_schema_editor_count_label_uses (GlossProject *project,
                                      const char   *label,
                                      guint        *n_documents)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (project), 0);
  g_return_val_if_fail (label != NULL, 0);

  return gloss_store_count_label_uses (gloss_project_get_store (project), label, n_documents);
}

gboolean
gloss_schema_editor_rewrite_label (GlossProject *project,
                                   const char   *label,
                                   const char   *new_label,
                                   GError      **error)
{
  g_autoptr(GlossChangeSet) changes = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (label != NULL, FALSE);

  /* one change set across the documents: the open lists follow */
  changes = gloss_project_relabel (project, label, new_label, error);
  return changes != NULL;
}

/* ---- private API for tests ------------------------------------------------- */

void
_gloss_schema_editor_select_label (GlossSchemaEditor *self,
                                   const char        *name)
{
  select_label (self, name);
}

const char *
_gloss_schema_editor_get_selected (GlossSchemaEditor *self)
{
  return self->selected;
}

GtkEntry *
_gloss_schema_editor_get_entry (GlossSchemaEditor      *self,
                                GlossSchemaEditorEntry  which)
{
  switch (which)
    {
    case GLOSS_SCHEMA_EDITOR_ENTRY_NAME:
      return self->name_entry;
    case GLOSS_SCHEMA_EDITOR_ENTRY_LAYER:
      return self->layer_entry;
    case GLOSS_SCHEMA_EDITOR_ENTRY_HOTKEY:
      return self->hotkey_entry;
    case GLOSS_SCHEMA_EDITOR_ENTRY_DESCRIPTION:
      return self->description_entry;
    case GLOSS_SCHEMA_EDITOR_ENTRY_ATTR_NAME:
      return self->attr_name_entry;
    case GLOSS_SCHEMA_EDITOR_ENTRY_ATTR_VALUES:
      return self->attr_values_entry;
    case GLOSS_SCHEMA_EDITOR_ENTRY_NEW_NAME:
      return self->new_name_entry;
    case GLOSS_SCHEMA_EDITOR_ENTRY_NEW_LAYER:
      return self->new_layer_entry;
    case GLOSS_SCHEMA_EDITOR_ENTRY_NEW_HOTKEY:
      return self->new_hotkey_entry;
    case GLOSS_SCHEMA_EDITOR_ENTRY_REL_NAME:
      return self->rel_name_entry;
    case GLOSS_SCHEMA_EDITOR_ENTRY_REL_SOURCES:
      return self->rel_sources_entry;
    case GLOSS_SCHEMA_EDITOR_ENTRY_REL_TARGETS:
      return self->rel_targets_entry;
    default:
      g_return_val_if_reached (NULL);
    }
}

static const char *
visible_text (GtkLabel *label)
{
  return gtk_widget_get_visible (GTK_WIDGET (label)) ? gtk_label_get_label (label) : NULL;
}

const char *
_gloss_schema_editor_get_error (GlossSchemaEditor *self)
{
  return visible_text (self->error_label);
}

const char *
_gloss_schema_editor_get_add_error (GlossSchemaEditor *self)
{
  return visible_text (self->add_error_label);
}

const char *
_gloss_schema_editor_get_rel_error (GlossSchemaEditor *self)
{
  return visible_text (self->rel_error_label);
}

void
_gloss_schema_editor_set_color (GlossSchemaEditor *self,
                                const char        *color)
{
  color_button_set (self->color_button, color);
#if !GTK_CHECK_VERSION (4, 10, 0)
  /* GtkColorButton says "color-set" only for the user's choice. */
  color_changed_cb (self);
#endif
}

void
_gloss_schema_editor_add_label (GlossSchemaEditor *self)
{
  add_label_cb (self);
}

void
_gloss_schema_editor_add_attribute (GlossSchemaEditor *self,
                                    guint              type)
{
  gtk_drop_down_set_selected (self->attr_type_dropdown, type);
  add_attribute_cb (self);
}

void
_gloss_schema_editor_add_relation_type (GlossSchemaEditor *self)
{
  add_relation_type_cb (self);
}

void
_gloss_schema_editor_move (GlossSchemaEditor *self,
                           int                delta)
{
  move_selected (self, delta);
}

void
_gloss_schema_editor_delete (GlossSchemaEditor *self)
{
  remove_clicked_cb (self);
}
