/* gloss-inspector.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-lazy-tooltip.h"
#include "gloss-annotation.h"
#include "gloss-command.h"
#include "gloss-document.h"
#include "gloss-editing.h"
#include "gloss-inspector-private.h"
#include "gloss-relation.h"
#include "gloss-schema.h"
#include "gloss-swatch.h"

/* Longest covered text shown, in characters. */
#define MAX_QUOTE_CHARS 600

struct _GlossInspector
{
  GtkWidget            parent_instance;

  GlossAnnotationList *annotations;         /* owned */
  GlossSchema         *schema;              /* owned: the list's */
  char                *uuid;                /* owned: the shown annotation */
  char                *built_label;         /* owned: label the attribute rows were built for */
  GtkStringList       *label_names;         /* owned: the dropdown's model */
  GHashTable          *attr_widgets;        /* attribute name (owned) -> control (borrowed) */
  GtkFilterListModel  *target_model;        /* owned */
  GtkCustomFilter     *target_filter;       /* owned by target_model */
  GtkSortListModel    *target_sorted;       /* owned: nearest first */
  GtkCustomSorter     *target_sorter;       /* owned by target_sorted */
  char                *relation_type;       /* owned: type being added */
  guint                relations_idle_id;
  gboolean             updating;

  /* template children */
  GtkMenuButton       *add_relation_button;
  GtkLabel            *attributes_heading;
  GtkGrid             *attributes_grid;
  GtkScrolledWindow   *annotation_scroller;
  GtkButton           *back_button;
  GtkLabel            *error_label;
  GtkDropDown         *label_dropdown;
  GtkLabel            *meta_label;
  GtkLabel            *no_relations_label;
  GtkLabel            *no_types_label;
  GtkEntry            *norm_id_entry;
  GtkEntry            *norm_name_entry;
  GtkLabel            *note_heading;
  GtkTextView         *note_view;
  GtkPopover          *relation_popover;
  GtkStack            *relation_stack;
  GtkListBox          *relations_list;
  GtkStack            *stack;
  GlossSwatch         *swatch;
  GtkListView         *target_list_view;
  GtkSearchEntry      *target_search;
  GtkLabel            *target_title_label;
  GtkLabel            *text_label;
  GtkListBox          *type_list;
};

G_DEFINE_FINAL_TYPE (GlossInspector, gloss_inspector, GTK_TYPE_WIDGET)

enum {
  ANNOTATION_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void refresh (GlossInspector *self,
                     gboolean        full);

/* ---- helpers ----------------------------------------------------------- */

static GlossAnnotation *
get_annotation (GlossInspector *self)
{
  if (self->annotations == NULL || self->uuid == NULL)
    return NULL;

  return gloss_annotation_list_lookup (self->annotations, self->uuid);
}

static const char *
get_document_text (GlossInspector *self)
{
  GlossDocument *document;

  if (self->annotations == NULL)
    return NULL;

  document = gloss_annotation_list_get_document (self->annotations);
  return document != NULL ? gloss_document_get_text (document) : NULL;
}

/* The covered text on one line, shortened to @max characters. */
static char *
dup_covered_text (GlossInspector  *self,
                  GlossAnnotation *annotation,
                  guint            max)
{
  const char *text = get_document_text (self);
  const GlossFragment *fragments;
  guint n_fragments;

  if (text == NULL || annotation == NULL)
    return g_strdup ("");

  fragments = gloss_annotation_get_fragments (annotation, &n_fragments);
  return gloss_dup_covered_text (text, NULL, fragments, n_fragments, max,
                                 GLOSS_COVERED_TEXT_ONE_LINE | GLOSS_COVERED_TEXT_ELLIPSIS |
                                   GLOSS_COVERED_TEXT_GAPS);
}

static void
show_error (GlossInspector *self,
            const GError   *error)
{
  if (error == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
      return;
    }

  gtk_label_set_label (self->error_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

/* Applies @command (taking it) to the list; shows a failure inline. */
static gboolean
apply (GlossInspector *self,
       GlossCommand   *command)
{
  g_autoptr(GlossCommand) owned = command;
  g_autoptr(GError) error = NULL;

  if (self->annotations == NULL)
    return FALSE;

  if (!gloss_annotation_list_apply (self->annotations, owned, &error))
    {
      show_error (self, error);
      refresh (self, FALSE);
      return FALSE;
    }

  show_error (self, NULL);
  return TRUE;
}

static char *
dup_entry_value (GtkEntry *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static gboolean
has_focus_within (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* ---- attribute controls ------------------------------------------------- */

static GVariant *
enum_dropdown_value (GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  GListModel *model = gtk_drop_down_get_model (dropdown);

  /* Item 0 is "(unset)". */
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;

  return g_variant_new_string (gtk_string_list_get_string (GTK_STRING_LIST (model), selected));
}

static void
set_enum_dropdown_value (GtkDropDown *dropdown,
                         GVariant    *value)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);
  guint n = g_list_model_get_n_items (model);
  guint selected = 0;

  if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    {
      for (guint i = 1; i < n; i++)
        if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i),
                       g_variant_get_string (value, NULL)) == 0)
          selected = i;
    }

  gtk_drop_down_set_selected (dropdown, selected);
}

static GtkWidget *
create_enum_dropdown (GlossAttrDef *def)
{
  const char * const *values = gloss_attr_def_get_values (def);
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);

  gtk_string_list_append (strings, _("(unset)"));
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    gtk_string_list_append (strings, values[i]);

  return gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&strings)), NULL);
}

/* Sets a control's value from @value (NULL = unset). */
static void
set_control_value (GtkWidget    *control,
                   GlossAttrDef *def,
                   GVariant     *value,
                   gboolean      even_if_focused)
{
  switch (gloss_attr_def_get_attr_type (def))
    {
    case GLOSS_ATTR_TYPE_ENUM:
      set_enum_dropdown_value (GTK_DROP_DOWN (control), value);
      break;

    case GLOSS_ATTR_TYPE_BOOLEAN:
      gtk_switch_set_active (GTK_SWITCH (control),
                             value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN)
                             && g_variant_get_boolean (value));
      break;

    case GLOSS_ATTR_TYPE_TEXT:
    default:
      if (even_if_focused || !has_focus_within (control))
        gtk_editable_set_text (GTK_EDITABLE (control),
                               value != NULL && g_variant_is_of_type (value,
                                                                      G_VARIANT_TYPE_STRING)
                               ? g_variant_get_string (value, NULL) : "");
      break;
    }
}

/* The control's value (floating or NULL = unset). */
static GVariant *
get_control_value (GtkWidget    *control,
                   GlossAttrDef *def)
{
  switch (gloss_attr_def_get_attr_type (def))
    {
    case GLOSS_ATTR_TYPE_ENUM:
      return enum_dropdown_value (GTK_DROP_DOWN (control));

    case GLOSS_ATTR_TYPE_BOOLEAN:
      return g_variant_new_boolean (gtk_switch_get_active (GTK_SWITCH (control)));

    case GLOSS_ATTR_TYPE_TEXT:
    default:
      {
        g_autofree char *text = dup_entry_value (GTK_ENTRY (control));

        return text != NULL ? g_variant_new_string (text) : NULL;
      }
    }
}

static gboolean
variant_equal0 (GVariant *a,
                GVariant *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return g_variant_equal (a, b);
}

/* Commits an annotation attribute control when it differs from the model. */
static void
commit_attribute (GlossInspector *self,
                  GtkWidget      *control)
{
  GlossAnnotation *annotation = get_annotation (self);
  GlossAttrDef *def = g_object_get_data (G_OBJECT (control), "gloss-attr-def");
  g_autoptr(GVariant) value = NULL;
  g_autofree char *description = NULL;
  const char *name;

  if (self->updating || annotation == NULL || def == NULL)
    return;

  name = gloss_attr_def_get_name (def);
  value = get_control_value (control, def);
  if (value != NULL)
    g_variant_ref_sink (value);

  if (variant_equal0 (value, gloss_annotation_get_attribute (annotation, name)))
    return;

  description = g_strdup_printf (_("Set %s"), name);
  apply (self, gloss_command_set_attribute (gloss_command_new (description), self->uuid, name,
                                            value));
}

/* Commits a relation attribute control. */
static void
commit_relation_attribute (GlossInspector *self,
                           GtkWidget      *control)
{
  GlossAttrDef *def = g_object_get_data (G_OBJECT (control), "gloss-attr-def");
  const char *relation_uuid = g_object_get_data (G_OBJECT (control), "gloss-relation");
  GlossRelation *relation;
  g_autoptr(GVariant) value = NULL;
  g_autofree char *description = NULL;
  const char *name;

  if (self->updating || self->annotations == NULL || def == NULL || relation_uuid == NULL)
    return;

  relation = gloss_annotation_list_lookup_relation (self->annotations, relation_uuid);
  if (relation == NULL)
    return;

  name = gloss_attr_def_get_name (def);
  value = get_control_value (control, def);
  if (value != NULL)
    g_variant_ref_sink (value);

  if (variant_equal0 (value, gloss_relation_get_attribute (relation, name)))
    return;

  description = g_strdup_printf (_("Set %s"), name);
  apply (self, gloss_command_set_relation_attribute (gloss_command_new (description),
                                                     relation_uuid, name, value));
}

static void
attribute_control_changed_cb (GtkWidget      *control,
                              GParamSpec     *pspec,
                              GlossInspector *self)
{
  if (g_object_get_data (G_OBJECT (control), "gloss-relation") != NULL)
    commit_relation_attribute (self, control);
  else
    commit_attribute (self, control);
}

static void
attribute_entry_activate_cb (GtkWidget      *control,
                             GlossInspector *self)
{
  attribute_control_changed_cb (control, NULL, self);
}

static void
attribute_entry_leave_cb (GtkEventControllerFocus *controller,
                          GlossInspector          *self)
{
  attribute_control_changed_cb (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)),
                                NULL, self);
}

/* A control for @def; @relation_uuid NULL for an annotation attribute. */
static GtkWidget *
create_control (GlossInspector *self,
                GlossAttrDef   *def,
                const char     *relation_uuid)
{
  const char *name = gloss_attr_def_get_name (def);
  GtkWidget *control;

  switch (gloss_attr_def_get_attr_type (def))
    {
    case GLOSS_ATTR_TYPE_ENUM:
      control = create_enum_dropdown (def);
      g_signal_connect_object (control, "notify::selected",
                               G_CALLBACK (attribute_control_changed_cb), self, 0);
      break;

    case GLOSS_ATTR_TYPE_BOOLEAN:
      control = gtk_switch_new ();
      gtk_widget_set_halign (control, GTK_ALIGN_START);
      gtk_widget_set_valign (control, GTK_ALIGN_CENTER);
      g_signal_connect_object (control, "notify::active",
                               G_CALLBACK (attribute_control_changed_cb), self, 0);
      break;

    case GLOSS_ATTR_TYPE_TEXT:
    default:
      {
        GtkEventController *focus = gtk_event_controller_focus_new ();

        control = gtk_entry_new ();
        gtk_editable_set_width_chars (GTK_EDITABLE (control), 8);
        g_signal_connect_object (control, "activate",
                                 G_CALLBACK (attribute_entry_activate_cb), self, 0);
        g_signal_connect_object (focus, "leave",
                                 G_CALLBACK (attribute_entry_leave_cb), self, 0);
        gtk_widget_add_controller (control, focus);
      }
      break;
    }

  g_object_set_data_full (G_OBJECT (control), "gloss-attr-def", gloss_attr_def_ref (def),
                          (GDestroyNotify) gloss_attr_def_unref);
  if (relation_uuid != NULL)
    g_object_set_data_full (G_OBJECT (control), "gloss-relation", g_strdup (relation_uuid),
                            g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (control),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gloss_widget_set_lazy_tooltip (control, name);

  return control;
}

static void
rebuild_attributes (GlossInspector  *self,
                    GlossAnnotation *annotation)
{
  GtkWidget *child;
  GlossLabel *label = NULL;
  GPtrArray *defs = NULL;
  GlossAttrDef *quick = NULL;
  gboolean was_updating = self->updating;

  /* A focused entry going away emits "leave": not a commit. */
  self->updating = TRUE;
  g_hash_table_remove_all (self->attr_widgets);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->attributes_grid))) != NULL)
    gtk_grid_remove (self->attributes_grid, child);
  self->updating = was_updating;

  g_clear_pointer (&self->built_label, g_free);
  if (annotation == NULL)
    return;

  self->built_label = g_strdup (gloss_annotation_get_label (annotation));
  if (self->schema != NULL)
    label = gloss_schema_lookup_label (self->schema, self->built_label);
  if (label != NULL)
    defs = gloss_label_get_attributes (label);

  if (label != NULL)
    quick = gloss_editing_lookup_quick_attribute (self->schema, self->built_label);

  for (guint i = 0; defs != NULL && i < defs->len; i++)
    {
      GlossAttrDef *def = g_ptr_array_index (defs, i);
      GtkWidget *name = gtk_label_new (gloss_attr_def_get_name (def));
      GtkWidget *control = create_control (self, def, NULL);

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_widget_add_css_class (name, "dim-label");
      gtk_widget_set_hexpand (control, TRUE);
      if (def == quick)
        {
          const char * const *values = gloss_attr_def_get_values (def);
          guint n = values != NULL ? MIN (g_strv_length ((char **) values), 9) : 0;
          g_autofree char *keys = NULL;
          g_autofree char *markup = NULL;

          /* The keys that set it from the text, under its name. */
          /* Translators: the keys that set an attribute, e.g. "Alt+1…4" */
          keys = n > 1 ? g_strdup_printf (_("Alt+1…%u"), n) : g_strdup (_("Alt+1"));
          markup = g_markup_printf_escaped ("%s\n<small>%s</small>", gloss_attr_def_get_name (def),
                                            keys);
          gtk_label_set_markup (GTK_LABEL (name), markup);
        }
      gtk_grid_attach (self->attributes_grid, name, 0, i, 1, 1);
      gtk_grid_attach (self->attributes_grid, control, 1, i, 1, 1);
      gtk_label_set_mnemonic_widget (GTK_LABEL (name), control);
      g_hash_table_insert (self->attr_widgets, g_strdup (gloss_attr_def_get_name (def)),
                           control);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->attributes_heading), defs != NULL && defs->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->attributes_grid), defs != NULL && defs->len > 0);
}

static void
update_attributes (GlossInspector  *self,
                   GlossAnnotation *annotation,
                   gboolean         full)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->attr_widgets);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GlossAttrDef *def = g_object_get_data (G_OBJECT (value), "gloss-attr-def");

      set_control_value (value, def, gloss_annotation_get_attribute (annotation, key), full);
    }
}

/* ---- relations ---------------------------------------------------------- */

static void
remove_relation_clicked_cb (GtkButton      *button,
                            GlossInspector *self)
{
  const char *relation_uuid = g_object_get_data (G_OBJECT (button), "gloss-relation");

  if (relation_uuid != NULL)
    apply (self, gloss_command_remove_relation (gloss_command_new (_("Remove relation")),
                                                relation_uuid));
}

static GtkWidget *
create_relation_row (GlossInspector *self,
                     GlossRelation  *relation)
{
  const char *type_name = gloss_relation_get_relation_type (relation);
  gboolean outgoing = g_strcmp0 (gloss_relation_get_source (relation), self->uuid) == 0;
  const char *other_uuid = outgoing ? gloss_relation_get_target (relation)
                                    : gloss_relation_get_source (relation);
  GlossAnnotation *other = gloss_annotation_list_lookup (self->annotations, other_uuid);
  GlossRelationType *type = NULL;
  GlossLabel *other_label = NULL;
  GPtrArray *defs = NULL;
  g_autofree char *other_text = dup_covered_text (self, other, 80);
  g_autofree char *title = NULL;
  g_autofree char *remove_name = NULL;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *hbox = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *vbox = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *title_label;
  GtkWidget *chip_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *chip_label;
  GtkWidget *remove;

  if (self->schema != NULL)
    {
      type = gloss_schema_lookup_relation_type (self->schema, type_name);
      if (other != NULL)
        other_label = gloss_schema_lookup_label (self->schema, gloss_annotation_get_label (other));
    }

  /* Translators: a relation of the inspected annotation: "attributed-to → “a source”". */
  title = outgoing ? g_strdup_printf (_("%s → “%s”"), type_name, other_text)
                   : g_strdup_printf (_("%s ← “%s”"), type_name, other_text);
  title_label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_label_set_wrap (GTK_LABEL (title_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (title_label), 3);
  gtk_label_set_ellipsize (GTK_LABEL (title_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (title_label), 24);
  gtk_box_append (GTK_BOX (vbox), title_label);

  gtk_box_append (GTK_BOX (chip_box),
                  gloss_swatch_new (other_label != NULL ? gloss_label_get_color (other_label)
                                                        : NULL, 8));
  chip_label = gtk_label_new (other != NULL ? gloss_annotation_get_label (other) : _("missing"));
  gtk_widget_add_css_class (chip_label, "label-chip-text");
  gtk_widget_add_css_class (chip_label, "dim-label");
  gtk_box_append (GTK_BOX (chip_box), chip_label);
  gtk_box_append (GTK_BOX (vbox), chip_box);

  if (type != NULL)
    defs = gloss_relation_type_get_attributes (type);
  for (guint i = 0; defs != NULL && i < defs->len; i++)
    {
      GlossAttrDef *def = g_ptr_array_index (defs, i);
      GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *name = gtk_label_new (gloss_attr_def_get_name (def));
      GtkWidget *control = create_control (self, def, gloss_relation_get_uuid (relation));

      gtk_widget_add_css_class (name, "dim-label");
      gtk_widget_add_css_class (name, "caption");
      gtk_widget_set_hexpand (control, TRUE);
      self->updating = TRUE;
      set_control_value (control, def,
                         gloss_relation_get_attribute (relation, gloss_attr_def_get_name (def)),
                         TRUE);
      self->updating = FALSE;
      gtk_box_append (GTK_BOX (line), name);
      gtk_box_append (GTK_BOX (line), control);
      gtk_box_append (GTK_BOX (vbox), line);
    }

  gtk_widget_set_hexpand (vbox, TRUE);
  gtk_box_append (GTK_BOX (hbox), vbox);

  remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_START);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove Relation"));
  /* Translators: accessible name of the button removing a relation. */
  remove_name = g_strdup_printf (_("Remove relation %s “%s”"), type_name, other_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_name, -1);
  g_object_set_data_full (G_OBJECT (remove), "gloss-relation",
                          g_strdup (gloss_relation_get_uuid (relation)), g_free);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_relation_clicked_cb), self, 0);
  gtk_box_append (GTK_BOX (hbox), remove);

  gtk_widget_set_margin_start (hbox, 10);
  gtk_widget_set_margin_end (hbox, 4);
  gtk_widget_set_margin_top (hbox, 6);
  gtk_widget_set_margin_bottom (hbox, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), hbox);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_object_set_data_full (G_OBJECT (row), "gloss-other", g_strdup (other_uuid), g_free);

  return row;
}

static void
rebuild_relations (GlossInspector *self)
{
  g_autoptr(GPtrArray) relations = NULL;
  GtkWidget *child;
  gboolean was_updating = self->updating;

  self->updating = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->relations_list))) != NULL)
    gtk_list_box_remove (self->relations_list, child);
  self->updating = was_updating;

  if (self->annotations != NULL && get_annotation (self) != NULL)
    relations = gloss_annotation_list_relations_of (self->annotations, self->uuid);

  for (guint i = 0; relations != NULL && i < relations->len; i++)
    gtk_list_box_append (self->relations_list,
                         create_relation_row (self, g_ptr_array_index (relations, i)));

  gtk_widget_set_visible (GTK_WIDGET (self->relations_list),
                          relations != NULL && relations->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->no_relations_label),
                          relations == NULL || relations->len == 0);
}

static gboolean
rebuild_relations_idle_cb (gpointer user_data)
{
  GlossInspector *self = user_data;

  self->relations_idle_id = 0;
  rebuild_relations (self);

  return G_SOURCE_REMOVE;
}

/* Rebuilt from an idle: a remove button or a relation dropdown may be
 * the widget whose signal led here. */
static void
queue_rebuild_relations (GlossInspector *self)
{
  if (self->relations_idle_id == 0)
    self->relations_idle_id = g_idle_add (rebuild_relations_idle_cb, self);
}

static void
relation_row_activated_cb (GlossInspector *self,
                           GtkListBoxRow  *row)
{
  const char *other = g_object_get_data (G_OBJECT (row), "gloss-other");

  if (other != NULL)
    g_signal_emit (self, signals[ANNOTATION_ACTIVATED], 0, other);
}

/* ---- adding a relation --------------------------------------------------- */

static gboolean
end_allows (const char * const *labels,
            const char         *label)
{
  return labels == NULL || labels[0] == NULL || g_strv_contains (labels, label);
}

static gboolean
target_filter_func (gpointer item,
                    gpointer user_data)
{
  GlossInspector *self = user_data;
  GlossAnnotation *annotation = item;
  GlossAnnotation *source = get_annotation (self);
  GlossRelationType *type;
  const char *search;
  g_autofree char *covered = NULL;
  g_autofree char *haystack = NULL;
  g_autofree char *needle = NULL;

  if (source == NULL || self->relation_type == NULL || self->schema == NULL)
    return FALSE;
  if (g_strcmp0 (gloss_annotation_get_uuid (annotation), self->uuid) == 0)
    return FALSE;

  type = gloss_schema_lookup_relation_type (self->schema, self->relation_type);
  if (type == NULL || !gloss_relation_type_allows (type, gloss_annotation_get_label (source),
                                                   gloss_annotation_get_label (annotation)))
    return FALSE;

  search = gtk_editable_get_text (GTK_EDITABLE (self->target_search));
  if (search == NULL || *search == '\0')
    return TRUE;

  covered = dup_covered_text (self, annotation, 200);
  haystack = g_utf8_casefold (covered, -1);
  needle = g_utf8_casefold (search, -1);

  return strstr (haystack, needle) != NULL ||
         g_ascii_strcasecmp (gloss_annotation_get_label (annotation), search) == 0;
}

/* Characters between the two annotations' extents (0 when they overlap). */
static guint
distance_to (GlossAnnotation *source,
             GlossAnnotation *other)
{
  guint start, end, other_start, other_end;

  if (source == NULL)
    return gloss_annotation_get_start (other);

  start = gloss_annotation_get_start (source);
  end = gloss_annotation_get_end (source);
  other_start = gloss_annotation_get_start (other);
  other_end = gloss_annotation_get_end (other);

  if (other_start >= end)
    return other_start - end;
  if (other_end <= start)
    return start - other_end;
  return 0;
}

/* Candidates nearest to the inspected annotation first: sources and cues
 * sit close to their claims. */
static int
target_distance_cmp (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  GlossInspector *self = user_data;
  GlossAnnotation *source = get_annotation (self);
  guint da = distance_to (source, (GlossAnnotation *) a);
  guint db = distance_to (source, (GlossAnnotation *) b);

  if (da != db)
    return da < db ? -1 : 1;

  return gloss_annotation_compare ((GlossAnnotation *) a, (GlossAnnotation *) b);
}

static void
target_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *text = gtk_label_new (NULL);

  gtk_box_append (GTK_BOX (box), gloss_swatch_new (NULL, 10));
  gtk_widget_add_css_class (label, "annotation-label");
  gtk_label_set_width_chars (GTK_LABEL (label), 7);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), text);
  gtk_list_item_set_child (item, box);
}

static void
target_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                GlossInspector           *self)
{
  GlossAnnotation *annotation = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *swatch = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (swatch);
  GtkWidget *text = gtk_widget_get_next_sibling (label);
  GlossLabel *schema_label = NULL;
  g_autofree char *covered = dup_covered_text (self, annotation, 120);
  const char *name = gloss_annotation_get_label (annotation);

  if (self->schema != NULL)
    schema_label = gloss_schema_lookup_label (self->schema, name);
  gloss_swatch_set_color (GLOSS_SWATCH (swatch),
                          schema_label != NULL ? gloss_label_get_color (schema_label) : NULL);
  gtk_label_set_label (GTK_LABEL (label), name);
  gtk_label_set_label (GTK_LABEL (text), covered);
  gloss_widget_set_lazy_tooltip (box, covered);
}

static void
type_row_activated_cb (GlossInspector *self,
                       GtkListBoxRow  *row)
{
  const char *type = g_object_get_data (G_OBJECT (row), "gloss-relation-type");
  g_autofree char *title = NULL;

  if (type == NULL)
    return;

  g_free (self->relation_type);
  self->relation_type = g_strdup (type);

  /* Translators: title of the target list when adding a relation. */
  title = g_strdup_printf (_("%s → …"), type);
  gtk_label_set_label (self->target_title_label, title);
  gtk_editable_set_text (GTK_EDITABLE (self->target_search), "");
  gtk_filter_list_model_set_model (self->target_model,
                                   self->annotations != NULL
                                   ? G_LIST_MODEL (self->annotations) : NULL);
  gtk_filter_changed (GTK_FILTER (self->target_filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_sorter_changed (GTK_SORTER (self->target_sorter), GTK_SORTER_CHANGE_DIFFERENT);
  gtk_stack_set_visible_child_name (self->relation_stack, "targets");
  gtk_widget_grab_focus (GTK_WIDGET (self->target_search));
}

static void
fill_type_list (GlossInspector *self)
{
  GlossAnnotation *annotation = get_annotation (self);
  GtkWidget *child;
  GListModel *types;
  guint n_shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->type_list))) != NULL)
    gtk_list_box_remove (self->type_list, child);

  if (annotation == NULL || self->schema == NULL)
    return;

  types = gloss_schema_get_relation_types (self->schema);
  for (guint i = 0; i < g_list_model_get_n_items (types); i++)
    {
      g_autoptr(GlossRelationType) type = g_list_model_get_item (types, i);
      const char *description = gloss_relation_type_get_description (type);
      GtkWidget *row;
      GtkWidget *box;
      GtkWidget *name;

      if (!end_allows (gloss_relation_type_get_sources (type),
                       gloss_annotation_get_label (annotation)))
        continue;

      row = gtk_list_box_row_new ();
      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      name = gtk_label_new (gloss_relation_type_get_name (type));
      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_widget_add_css_class (name, "heading");
      gtk_box_append (GTK_BOX (box), name);
      if (description != NULL && *description != '\0')
        {
          GtkWidget *desc = gtk_label_new (description);

          gtk_label_set_xalign (GTK_LABEL (desc), 0);
          gtk_label_set_wrap (GTK_LABEL (desc), TRUE);
          gtk_label_set_max_width_chars (GTK_LABEL (desc), 32);
          gtk_widget_add_css_class (desc, "dim-label");
          gtk_widget_add_css_class (desc, "caption");
          gtk_box_append (GTK_BOX (box), desc);
        }
      gtk_widget_set_margin_start (box, 6);
      gtk_widget_set_margin_end (box, 6);
      gtk_widget_set_margin_top (box, 4);
      gtk_widget_set_margin_bottom (box, 4);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      g_object_set_data_full (G_OBJECT (row), "gloss-relation-type",
                              g_strdup (gloss_relation_type_get_name (type)), g_free);
      gtk_list_box_append (self->type_list, row);
      n_shown++;
    }

  if (n_shown == 0)
    {
      g_autofree char *text =
        /* Translators: no relation type can start at an annotation with this label. */
        g_strdup_printf (_("The schema has no relation types that start at %s."),
                         gloss_annotation_get_label (annotation));

      gtk_label_set_label (self->no_types_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->no_types_label), n_shown == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->type_list), n_shown > 0);
}

static void
relation_popover_show_cb (GlossInspector *self)
{
  fill_type_list (self);
  gtk_stack_set_visible_child_name (self->relation_stack, "types");
}

static void
relation_popover_closed_cb (GlossInspector *self)
{
  /* Stop filtering the document's annotations while nobody looks. */
  gtk_filter_list_model_set_model (self->target_model, NULL);
  g_clear_pointer (&self->relation_type, g_free);
}

static void
back_clicked_cb (GlossInspector *self)
{
  gtk_stack_set_visible_child_name (self->relation_stack, "types");
}

static void
target_search_changed_cb (GlossInspector *self)
{
  gtk_filter_changed (GTK_FILTER (self->target_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
add_relation_to (GlossInspector *self,
                 GlossAnnotation *target)
{
  g_autoptr(GlossRelation) relation = NULL;
  g_autofree char *description = NULL;

  if (target == NULL || self->relation_type == NULL || self->uuid == NULL)
    return;

  relation = gloss_relation_new (self->relation_type, self->uuid,
                                 gloss_annotation_get_uuid (target), NULL);
  description = g_strdup_printf (_("Add %s relation"), self->relation_type);
  gtk_popover_popdown (self->relation_popover);
  apply (self, gloss_command_add_relation (gloss_command_new (description), relation));
}

static void
target_activated_cb (GlossInspector *self,
                     guint           position)
{
  g_autoptr(GlossAnnotation) target = NULL;

  target = g_list_model_get_item (G_LIST_MODEL (self->target_sorted), position);
  add_relation_to (self, target);
}

static void
target_search_activate_cb (GlossInspector *self)
{
  g_autoptr(GlossAnnotation) target = NULL;

  /* Enter in the search entry picks the first match. */
  target = g_list_model_get_item (G_LIST_MODEL (self->target_sorted), 0);
  add_relation_to (self, target);
}

/* ---- label, note, normalisation ------------------------------------------ */

static void
rebuild_label_names (GlossInspector *self)
{
  GListModel *labels;
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->label_names));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (self->schema != NULL)
    {
      labels = gloss_schema_get_labels (self->schema);
      for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
        {
          g_autoptr(GlossLabel) label = g_list_model_get_item (labels, i);

          g_ptr_array_add (names, g_strdup (gloss_label_get_name (label)));
        }
    }
  g_ptr_array_add (names, NULL);

  self->updating = TRUE;
  gtk_string_list_splice (self->label_names, 0, n_old, (const char * const *) names->pdata);
  self->updating = FALSE;
}

static void
label_selected_cb (GlossInspector *self)
{
  GlossAnnotation *annotation = get_annotation (self);
  guint selected = gtk_drop_down_get_selected (self->label_dropdown);
  const char *name;

  if (self->updating || annotation == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;

  name = gtk_string_list_get_string (self->label_names, selected);
  if (name == NULL || g_strcmp0 (name, gloss_annotation_get_label (annotation)) == 0)
    return;

  apply (self, gloss_command_set_label (gloss_command_new (_("Change label")), self->uuid, name));
}

static char *
dup_note_text (GlossInspector *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_strchomp (text);

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static void
commit_note (GlossInspector *self)
{
  GlossAnnotation *annotation = get_annotation (self);
  g_autofree char *note = NULL;

  if (self->updating || annotation == NULL)
    return;

  note = dup_note_text (self);
  if (g_strcmp0 (note, gloss_annotation_get_note (annotation)) == 0)
    return;

  apply (self, gloss_command_set_note (gloss_command_new (_("Edit note")), self->uuid, note));
}

static void
commit_normalisation (GlossInspector *self)
{
  GlossAnnotation *annotation = get_annotation (self);
  g_autofree char *norm_id = NULL;
  g_autofree char *norm_name = NULL;

  if (self->updating || annotation == NULL)
    return;

  norm_id = dup_entry_value (self->norm_id_entry);
  norm_name = dup_entry_value (self->norm_name_entry);
  if (g_strcmp0 (norm_id, gloss_annotation_get_norm_id (annotation)) == 0 &&
      g_strcmp0 (norm_name, gloss_annotation_get_norm_name (annotation)) == 0)
    return;

  apply (self, gloss_command_set_normalisation (gloss_command_new (_("Edit normalisation")),
                                                self->uuid, norm_id, norm_name));
}

/* Text edits not yet committed (focus still inside). */
static void
commit_pending (GlossInspector *self)
{
  GHashTableIter iter;
  gpointer value;

  if (get_annotation (self) == NULL)
    return;

  commit_note (self);
  commit_normalisation (self);

  g_hash_table_iter_init (&iter, self->attr_widgets);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (GTK_IS_ENTRY (value))
      commit_attribute (self, value);
}

/* ---- refresh ----------------------------------------------------------- */

static char *
dup_meta (GlossAnnotation *annotation)
{
  const char *annotator = gloss_annotation_get_annotator (annotation);
  gint64 modified = gloss_annotation_get_modified (annotation);
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *when = NULL;

  if (modified > 0)
    time = g_date_time_new_from_unix_local (modified / G_USEC_PER_SEC);
  if (time != NULL)
    when = g_date_time_format (time, "%e %b %Y, %H:%M");
  if (when != NULL)
    g_strstrip (when);

  if (annotator != NULL && when != NULL)
    /* Translators: annotator and time of the last change of an annotation. */
    return g_strdup_printf (_("%s · %s"), annotator, when);

  return g_strdup (annotator != NULL ? annotator : when != NULL ? when : "");
}

static void
refresh (GlossInspector *self,
         gboolean        full)
{
  GlossAnnotation *annotation = get_annotation (self);
  GlossLabel *label = NULL;
  g_autofree char *covered = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *meta = NULL;
  guint position = GTK_INVALID_LIST_POSITION;

  if (annotation == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      rebuild_attributes (self, NULL);
      queue_rebuild_relations (self);
      gtk_widget_set_sensitive (GTK_WIDGET (self->add_relation_button), FALSE);
      return;
    }

  self->updating = TRUE;

  gtk_stack_set_visible_child_name (self->stack, "annotation");
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_relation_button), TRUE);

  if (self->schema != NULL)
    label = gloss_schema_lookup_label (self->schema, gloss_annotation_get_label (annotation));
  gloss_swatch_set_color (self->swatch, label != NULL ? gloss_label_get_color (label) : NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->label_names)); i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->label_names, i),
                   gloss_annotation_get_label (annotation)) == 0)
      position = i;
  gtk_drop_down_set_selected (self->label_dropdown, position);

  covered = dup_covered_text (self, annotation, MAX_QUOTE_CHARS);
  quoted = g_strdup_printf ("“%s”", covered);
  gtk_label_set_label (self->text_label, quoted);

  meta = dup_meta (annotation);
  gtk_label_set_label (self->meta_label, meta);

  /* The attribute rows depend on the label only: selecting another
   * annotation with the same label keeps them and sets their values (a
   * rebuild made every hotkey annotation cost new dropdowns). A schema
   * change or a new annotation list forgets built_label. */
  if (g_strcmp0 (self->built_label, gloss_annotation_get_label (annotation)) != 0)
    rebuild_attributes (self, annotation);
  update_attributes (self, annotation, full);

  if (full || !has_focus_within (GTK_WIDGET (self->note_view)))
    {
      const char *note = gloss_annotation_get_note (annotation);

      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view),
                                note != NULL ? note : "", -1);
    }
  if (full || !has_focus_within (GTK_WIDGET (self->norm_id_entry)))
    gtk_editable_set_text (GTK_EDITABLE (self->norm_id_entry),
                           gloss_annotation_get_norm_id (annotation) != NULL
                           ? gloss_annotation_get_norm_id (annotation) : "");
  if (full || !has_focus_within (GTK_WIDGET (self->norm_name_entry)))
    gtk_editable_set_text (GTK_EDITABLE (self->norm_name_entry),
                           gloss_annotation_get_norm_name (annotation) != NULL
                           ? gloss_annotation_get_norm_name (annotation) : "");

  self->updating = FALSE;

  if (full)
    {
      g_clear_handle_id (&self->relations_idle_id, g_source_remove);
      rebuild_relations (self);
    }
  else
    queue_rebuild_relations (self);
}

/* ---- model callbacks ----------------------------------------------------- */

static void
annotation_changed_cb (GlossInspector  *self,
                       GlossAnnotation *old_annotation,
                       GlossAnnotation *new_annotation)
{
  const char *uuid;

  if (self->uuid == NULL)
    return;

  uuid = new_annotation != NULL ? gloss_annotation_get_uuid (new_annotation)
                                : gloss_annotation_get_uuid (old_annotation);

  if (g_strcmp0 (uuid, self->uuid) == 0)
    refresh (self, FALSE);
  else if (gtk_widget_get_visible (GTK_WIDGET (self->relations_list)))
    /* The other end of a relation may have changed its text or label. */
    queue_rebuild_relations (self);
}

static void
relation_changed_cb (GlossInspector *self,
                     GlossRelation  *old_relation,
                     GlossRelation  *new_relation)
{
  GlossRelation *relation = new_relation != NULL ? new_relation : old_relation;

  if (self->uuid == NULL || relation == NULL)
    return;

  if (g_strcmp0 (gloss_relation_get_source (relation), self->uuid) == 0 ||
      g_strcmp0 (gloss_relation_get_target (relation), self->uuid) == 0)
    queue_rebuild_relations (self);
}

static void
schema_changed_cb (GlossInspector *self)
{
  rebuild_label_names (self);
  g_clear_pointer (&self->built_label, g_free);
  refresh (self, FALSE);
}

static void
note_leave_cb (GlossInspector *self)
{
  commit_note (self);
}

static void
norm_leave_cb (GlossInspector *self)
{
  commit_normalisation (self);
}

/* ---- vfuncs ------------------------------------------------------------ */

/* Keyboard entry into the inspector ("Edit the selected annotation"): the
 * first attribute control, else the note. FALSE without an annotation. */
static gboolean
gloss_inspector_grab_focus (GtkWidget *widget)
{
  GlossInspector *self = GLOSS_INSPECTOR (widget);
  GtkWidget *first;

  if (get_annotation (self) == NULL)
    return FALSE;

  first = gtk_grid_get_child_at (self->attributes_grid, 1, 0);
  if (first != NULL && gtk_widget_grab_focus (first))
    return TRUE;

  return gtk_widget_grab_focus (GTK_WIDGET (self->note_view));
}

static void
gloss_inspector_dispose (GObject *object)
{
  GlossInspector *self = GLOSS_INSPECTOR (object);

  g_clear_handle_id (&self->relations_idle_id, g_source_remove);

  if (self->annotations != NULL)
    g_signal_handlers_disconnect_by_data (self->annotations, self);
  if (self->schema != NULL)
    g_signal_handlers_disconnect_by_data (self->schema, self);
  g_clear_object (&self->annotations);
  g_clear_object (&self->schema);
  g_hash_table_remove_all (self->attr_widgets);

  if (self->target_model != NULL)
    gtk_filter_list_model_set_model (self->target_model, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_INSPECTOR);

  g_clear_object (&self->target_sorted);
  g_clear_object (&self->target_model);
  g_clear_object (&self->label_names);

  G_OBJECT_CLASS (gloss_inspector_parent_class)->dispose (object);
}

static void
gloss_inspector_finalize (GObject *object)
{
  GlossInspector *self = GLOSS_INSPECTOR (object);

  g_clear_pointer (&self->attr_widgets, g_hash_table_unref);
  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->built_label, g_free);
  g_clear_pointer (&self->relation_type, g_free);

  G_OBJECT_CLASS (gloss_inspector_parent_class)->finalize (object);
}

static void
gloss_inspector_class_init (GlossInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_inspector_dispose;
  object_class->finalize = gloss_inspector_finalize;

  widget_class->grab_focus = gloss_inspector_grab_focus;

  signals[ANNOTATION_ACTIVATED] =
    g_signal_new ("annotation-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  g_type_ensure (GLOSS_TYPE_SWATCH);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/gloss-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossInspector, add_relation_button);
  gtk_widget_class_bind_template_child (widget_class, GlossInspector, attributes_grid);
  gtk_widget_class_bind_template_child (widget_class, GlossInspector, annotation_scroller);
  gtk_widget_class_bind_template_child (widget_class, GlossInspector, attributes_heading);
  gtk_widget_class_bind_template_child (widget_class, GlossInspector, back_button);
  gtk_widget_class_bind_template_child (widget_class, GlossInspector, error_label);
  gtk_widget_class_bind_template_child (widget_class, GlossInspector, label_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GlossInspector, meta_label);
  gtk_widget_class_bind_template_child (widget_class, GlossInspector, no_relations_label);
  gtk_widget_class_bind_template_child (widget_class, GlossInspector, no_types_label);
  gtk_widget_class_bind_template_child (widget_class, GlossInspector, norm_id_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossInspector, norm_name_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossInspector, note_heading);
  gtk_widget_class_bind_template_child (widget_class, GlossInspector, note_view);
  gtk_widget_class_bind_template_child (widget_class, GlossInspector, relation_popover);
  gtk_widget_class_bind_template_child (widget_class, GlossInspector, relation_stack);
  gtk_widget_class_bind_template_child (widget_class, GlossInspector, relations_list);
  gtk_widget_class_bind_template_child (widget_class, GlossInspector, stack);
  gtk_widget_class_bind_template_child (widget_class, GlossInspector, swatch);
  gtk_widget_class_bind_template_child (widget_class, GlossInspector, target_list_view);
  gtk_widget_class_bind_template_child (widget_class, GlossInspector, target_search);
  gtk_widget_class_bind_template_child (widget_class, GlossInspector, target_title_label);
  gtk_widget_class_bind_template_child (widget_class, GlossInspector, text_label);
  gtk_widget_class_bind_template_child (widget_class, GlossInspector, type_list);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, target_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, target_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, target_search_changed_cb);

  gtk_widget_class_set_css_name (widget_class, "inspector");
}

static void
gloss_inspector_init (GlossInspector *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->attr_widgets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  self->label_names = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->label_dropdown, G_LIST_MODEL (self->label_names));
  g_signal_connect_object (self->label_dropdown, "notify::selected",
                           G_CALLBACK (label_selected_cb), self, G_CONNECT_SWAPPED);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_object (controller, "leave", G_CALLBACK (note_leave_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->note_view), controller);

  g_signal_connect_object (self->norm_id_entry, "activate", G_CALLBACK (norm_leave_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->norm_name_entry, "activate", G_CALLBACK (norm_leave_cb), self,
                           G_CONNECT_SWAPPED);
  controller = gtk_event_controller_focus_new ();
  g_signal_connect_object (controller, "leave", G_CALLBACK (norm_leave_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->norm_id_entry), controller);
  controller = gtk_event_controller_focus_new ();
  g_signal_connect_object (controller, "leave", G_CALLBACK (norm_leave_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->norm_name_entry), controller);

  gtk_list_box_set_activate_on_single_click (self->relations_list, TRUE);
  g_signal_connect_object (self->relations_list, "row-activated",
                           G_CALLBACK (relation_row_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->type_list, "row-activated",
                           G_CALLBACK (type_row_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->relation_popover, "show",
                           G_CALLBACK (relation_popover_show_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->relation_popover, "closed",
                           G_CALLBACK (relation_popover_closed_cb), self, G_CONNECT_SWAPPED);

  self->target_filter = gtk_custom_filter_new (target_filter_func, self, NULL);
  self->target_model = gtk_filter_list_model_new (NULL, GTK_FILTER (self->target_filter));
  gtk_filter_list_model_set_incremental (self->target_model, TRUE);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (target_setup_cb), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (target_bind_cb), self, 0);
  gtk_list_view_set_factory (self->target_list_view, factory);
  self->target_sorter = gtk_custom_sorter_new (target_distance_cmp, self, NULL);
  self->target_sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->target_model)),
                                                 GTK_SORTER (self->target_sorter));
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->target_sorted)));
  gtk_list_view_set_model (self->target_list_view, GTK_SELECTION_MODEL (selection));

  refresh (self, TRUE);
}

/* ---- public API -------------------------------------------------------- */

GtkWidget *
gloss_inspector_new (void)
{
  return g_object_new (GLOSS_TYPE_INSPECTOR, NULL);
}

GlossAnnotationList *
gloss_inspector_get_annotation_list (GlossInspector *self)
{
  g_return_val_if_fail (GLOSS_IS_INSPECTOR (self), NULL);

  return self->annotations;
}

void
gloss_inspector_set_annotation_list (GlossInspector      *self,
                                     GlossAnnotationList *annotations)
{
  GlossSchema *schema;

  g_return_if_fail (GLOSS_IS_INSPECTOR (self));
  g_return_if_fail (annotations == NULL || GLOSS_IS_ANNOTATION_LIST (annotations));

  if (annotations == self->annotations)
    return;

  gloss_inspector_set_annotation (self, NULL);

  if (self->annotations != NULL)
    g_signal_handlers_disconnect_by_data (self->annotations, self);
  g_set_object (&self->annotations, annotations);

  schema = annotations != NULL ? gloss_annotation_list_get_schema (annotations) : NULL;
  if (schema != self->schema)
    {
      if (self->schema != NULL)
        g_signal_handlers_disconnect_by_data (self->schema, self);
      g_set_object (&self->schema, schema);
      if (schema != NULL)
        g_signal_connect_object (schema, "changed", G_CALLBACK (schema_changed_cb), self,
                                 G_CONNECT_SWAPPED);
      rebuild_label_names (self);
    }

  if (annotations != NULL)
    {
      g_signal_connect_object (annotations, "annotation-changed",
                               G_CALLBACK (annotation_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (annotations, "relation-changed",
                               G_CALLBACK (relation_changed_cb), self, G_CONNECT_SWAPPED);
    }

  g_clear_pointer (&self->built_label, g_free);
  refresh (self, TRUE);
}

const char *
gloss_inspector_get_annotation (GlossInspector *self)
{
  g_return_val_if_fail (GLOSS_IS_INSPECTOR (self), NULL);

  return self->uuid;
}

void
gloss_inspector_set_annotation (GlossInspector *self,
                                const char     *uuid)
{
  g_return_if_fail (GLOSS_IS_INSPECTOR (self));

  if (g_strcmp0 (uuid, self->uuid) == 0)
    return;

  commit_pending (self);

  g_free (self->uuid);
  self->uuid = g_strdup (uuid);

  if (gtk_widget_get_visible (GTK_WIDGET (self->relation_popover)))
    gtk_popover_popdown (self->relation_popover);

  show_error (self, NULL);
  refresh (self, TRUE);

  /* Another annotation: its label, at the top, comes into view. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->annotation_scroller), 0.0);
}

/* ---- private API for tests ------------------------------------------------- */

GtkDropDown *
_gloss_inspector_get_label_dropdown (GlossInspector *self)
{
  return self->label_dropdown;
}

GtkTextView *
_gloss_inspector_get_note_view (GlossInspector *self)
{
  return self->note_view;
}

GtkEntry *
_gloss_inspector_get_norm_id_entry (GlossInspector *self)
{
  return self->norm_id_entry;
}

GtkEntry *
_gloss_inspector_get_norm_name_entry (GlossInspector *self)
{
  return self->norm_name_entry;
}

static GtkWidget *
find_descendant (GtkWidget  *widget,
                 const char *relation_uuid,
                 const char *name,
                 gboolean    remove_button)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *relation = g_object_get_data (G_OBJECT (child), "gloss-relation");
      GlossAttrDef *def = g_object_get_data (G_OBJECT (child), "gloss-attr-def");
      GtkWidget *found;

      if (g_strcmp0 (relation, relation_uuid) == 0)
        {
          if (remove_button && GTK_IS_BUTTON (child) && def == NULL)
            return child;
          if (!remove_button && def != NULL &&
              g_strcmp0 (gloss_attr_def_get_name (def), name) == 0)
            return child;
        }

      found = find_descendant (child, relation_uuid, name, remove_button);
      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
_gloss_inspector_get_attribute_control (GlossInspector *self,
                                        const char     *relation_uuid,
                                        const char     *name)
{
  if (relation_uuid == NULL)
    return g_hash_table_lookup (self->attr_widgets, name);

  return find_descendant (GTK_WIDGET (self->relations_list), relation_uuid, name, FALSE);
}

GtkWidget *
_gloss_inspector_get_remove_button (GlossInspector *self,
                                    const char     *relation_uuid)
{
  return find_descendant (GTK_WIDGET (self->relations_list), relation_uuid, NULL, TRUE);
}

void
_gloss_inspector_commit_pending (GlossInspector *self)
{
  commit_pending (self);
}

void
_gloss_inspector_add_relation (GlossInspector *self,
                               const char     *type,
                               const char     *target_uuid)
{
  GlossAnnotation *target;

  g_free (self->relation_type);
  self->relation_type = g_strdup (type);
  target = self->annotations != NULL
           ? gloss_annotation_list_lookup (self->annotations, target_uuid) : NULL;
  add_relation_to (self, target);
}

const char *
_gloss_inspector_get_error (GlossInspector *self)
{
  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;

  return gtk_label_get_label (self->error_label);
}

void
_gloss_inspector_flush (GlossInspector *self)
{
  if (self->relations_idle_id != 0)
    {
      g_clear_handle_id (&self->relations_idle_id, g_source_remove);
      rebuild_relations (self);
    }
}
