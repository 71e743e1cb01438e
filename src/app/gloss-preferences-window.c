/* gloss-preferences-window.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-a11y-private.h"
#include "gloss-preferences-window.h"

struct _GlossPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings           *settings; /* owned */

  /* template children */
  AdwPreferencesGroup *annotator_group;
  AdwEntryRow         *annotator_row;
  AdwComboRow         *color_scheme_row;
  GtkWidget           *font_button;
  GtkSwitch           *snap_switch;
};

G_DEFINE_FINAL_TYPE (GlossPreferencesWindow, gloss_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const color_schemes[] = { "system", "light", "dark" };

static gboolean
scheme_get_mapping (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (color_schemes); i++)
    {
      if (g_strcmp0 (nick, color_schemes[i]) == 0)
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
scheme_set_mapping (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  if (i >= G_N_ELEMENTS (color_schemes))
    i = 0;

  return g_variant_new_string (color_schemes[i]);
}

/* Under the name: which name edits are recorded with now. */
static void
update_annotator_description (GlossPreferencesWindow *self)
{
  GlossAnnotatorSource source;
  g_autofree char     *name = gloss_preferences_dup_annotator (self->settings, &source);
  g_autofree char     *escaped = g_markup_escape_text (name, -1);
  g_autofree char     *text = NULL;

  switch (source)
    {
    case GLOSS_ANNOTATOR_FROM_ENVIRONMENT:
      /* Translators: %s is the name in GLOSS_ANNOTATOR; keep the variable's name */
      text = g_strdup_printf (_("Recorded on every annotation you make. For this run, "
                                "<b>%s</b> is used (from GLOSS_ANNOTATOR)."),
                              escaped);
      break;

    case GLOSS_ANNOTATOR_FROM_LOGIN:
      /* Translators: %s is the user's login name */
      text = g_strdup_printf (_("Recorded on every annotation you make. No name is set: your "
                                "login name <b>%s</b> is used."),
                              escaped);
      break;

    case GLOSS_ANNOTATOR_FROM_SETTINGS:
    default:
      text = g_strdup (_("Recorded on every annotation you make, so that merged projects can "
                         "tell annotators apart."));
      break;
    }
  adw_preferences_group_set_description (self->annotator_group, text);
}

static void
bind_settings (GlossPreferencesWindow *self)
{
  g_settings_bind (self->settings, "annotator-name", self->annotator_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::annotator-name",
                           G_CALLBACK (update_annotator_description), self, G_CONNECT_SWAPPED);
  update_annotator_description (self);
  g_settings_bind (self->settings, "font", self->font_button, "font", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "snap-to-words", self->snap_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "color-scheme",
                                self->color_scheme_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                scheme_get_mapping, scheme_set_mapping, NULL, NULL);
}

static void
gloss_preferences_window_constructed (GObject *object)
{
  GlossPreferencesWindow *self = GLOSS_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (gloss_preferences_window_parent_class)->constructed (object);

  if (self->settings == NULL)
    self->settings = g_settings_new (APP_ID);
  bind_settings (self);
}

static void
gloss_preferences_window_dispose (GObject *object)
{
  GlossPreferencesWindow *self = GLOSS_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (gloss_preferences_window_parent_class)->dispose (object);
}

static void
gloss_preferences_window_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  GlossPreferencesWindow *self = GLOSS_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_preferences_window_class_init (GlossPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /* as in gloss-window.c: a window built without AdwApplication */
  adw_init ();

  object_class->constructed = gloss_preferences_window_constructed;
  object_class->dispose = gloss_preferences_window_dispose;
  object_class->set_property = gloss_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/gloss-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossPreferencesWindow, annotator_group);
  gtk_widget_class_bind_template_child (widget_class, GlossPreferencesWindow, annotator_row);
  gtk_widget_class_bind_template_child (widget_class, GlossPreferencesWindow, color_scheme_row);
  gtk_widget_class_bind_template_child (widget_class, GlossPreferencesWindow, font_button);
  gtk_widget_class_bind_template_child (widget_class, GlossPreferencesWindow, snap_switch);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gloss_preferences_window_init (GlossPreferencesWindow *self)
{
  GtkWidget *inner;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* GtkFontButton's own button is what takes the focus: name it too, or a
   * screen reader announces an unnamed button. */
  inner = gtk_widget_get_first_child (self->font_button);
  if (GTK_IS_BUTTON (inner))
    gtk_accessible_update_property (GTK_ACCESSIBLE (inner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Document font"), -1);
  gloss_a11y_name_descendants (GTK_WIDGET (self->annotator_row), GTK_TYPE_TEXT,
                               _("Annotator name"));
  gloss_a11y_name_descendants (GTK_WIDGET (self), GTK_TYPE_SEARCH_ENTRY, _("Search preferences"));
}

GtkWidget *
gloss_preferences_window_new (GtkWindow *parent,
                              GSettings *settings)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (GLOSS_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       "settings", settings,
                       NULL);
}

/* ---- first-run dialog -------------------------------------------------- */

static void
name_changed_cb (GtkEditable *entry,
                 GtkWidget   *button)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  gtk_widget_set_sensitive (button, name[0] != '\0');
}

static void
continue_clicked_cb (GtkWidget *button,
                     GtkWindow *dialog)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "name-entry");
  GSettings *settings = g_object_get_data (G_OBJECT (dialog), "settings");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (name[0] == '\0')
    return;

  g_settings_set_string (settings, "annotator-name", name);
  gtk_window_destroy (dialog);
}

GtkWidget *
gloss_first_run_dialog_present (GtkWindow *parent,
                                GSettings *settings)
{
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *dialog;
  GtkWidget *continue_button;
  GtkWidget *later_button;
  GtkWidget *entry;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/gloss-first-run.ui");
  dialog = GTK_WINDOW (gtk_builder_get_object (builder, "dialog"));
  entry = GTK_WIDGET (gtk_builder_get_object (builder, "name_entry"));
  continue_button = GTK_WIDGET (gtk_builder_get_object (builder, "continue_button"));
  later_button = GTK_WIDGET (gtk_builder_get_object (builder, "later_button"));
  {
    /* Translators: %s is the user's login name */
    g_autofree char *note = g_strdup_printf (_("Until you set one, your login name “%s” is "
                                               "recorded."),
                                             g_get_user_name ());

    gtk_label_set_label (GTK_LABEL (gtk_builder_get_object (builder, "later_label")), note);
  }

  g_object_set_data_full (G_OBJECT (dialog), "settings", g_object_ref (settings), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "name-entry", entry);

  gtk_window_set_transient_for (dialog, parent);
  gtk_window_set_default_widget (dialog, continue_button);
  g_signal_connect (entry, "changed", G_CALLBACK (name_changed_cb), continue_button);
  g_signal_connect (continue_button, "clicked", G_CALLBACK (continue_clicked_cb), dialog);
  g_signal_connect_swapped (later_button, "clicked", G_CALLBACK (gtk_window_destroy), dialog);

  gtk_window_present (dialog);

  return GTK_WIDGET (dialog);
}

char *
gloss_preferences_dup_annotator (GSettings            *settings,
                                 GlossAnnotatorSource *source)
{
  const char          *environment = g_getenv ("GLOSS_ANNOTATOR");
  g_autofree char     *name = NULL;
  GlossAnnotatorSource from = GLOSS_ANNOTATOR_FROM_LOGIN;

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  if (environment != NULL && *environment != '\0')
    {
      name = g_strdup (environment);
      from = GLOSS_ANNOTATOR_FROM_ENVIRONMENT;
    }
  else if (settings != NULL)
    {
      name = g_strstrip (g_settings_get_string (settings, "annotator-name"));
      from = GLOSS_ANNOTATOR_FROM_SETTINGS;
    }
  if (name == NULL || *name == '\0')
    {
      g_free (name);
      name = g_strdup (g_get_user_name ());
      from = GLOSS_ANNOTATOR_FROM_LOGIN;
    }
  if (source != NULL)
    *source = from;
  return g_steal_pointer (&name);
}
