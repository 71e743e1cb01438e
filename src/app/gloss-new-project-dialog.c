/* gloss-new-project-dialog.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-new-project-dialog.h"
#include "gloss-schema.h"

struct _GlossNewProjectDialog
{
  GtkWindow    parent_instance;

  GFile       *file;          /* owned: the project to create */
  GFile       *schema_file;   /* owned, may be NULL */

  /* template children */
  GtkButton   *create_button;
  GtkLabel    *description_label;
  GtkLabel    *location_label;
  GtkDropDown *schema_dropdown;
  GtkButton   *schema_file_button;
  GtkLabel    *schema_file_label;
  GtkWidget   *schema_file_row;
};

G_DEFINE_FINAL_TYPE (GlossNewProjectDialog, gloss_new_project_dialog, GTK_TYPE_WINDOW)

enum {
  PROJECT_CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The dropdown's rows, in order; the last one is "From a File…". */
static const char * const presets[] = { "news", "conll2003", "ontonotes" };

/* ---- helpers ----------------------------------------------------------- */

static gboolean
file_chosen (GlossNewProjectDialog *self)
{
  return gtk_drop_down_get_selected (self->schema_dropdown) >= G_N_ELEMENTS (presets);
}

static void
update_state (GlossNewProjectDialog *self)
{
  gboolean from_file = file_chosen (self);
  const char *preset = gloss_new_project_dialog_get_preset (self);
  g_autoptr(GlossSchema) schema = NULL;
  g_autofree char *description = NULL;

  gtk_widget_set_visible (self->schema_file_row, from_file);
  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button),
                            !from_file || self->schema_file != NULL);

  if (preset != NULL)
    schema = gloss_schema_new_preset (preset, NULL);
  if (schema != NULL)
    {
      guint n_labels = gloss_schema_get_n_labels (schema);
      guint n_types = g_list_model_get_n_items (gloss_schema_get_relation_types (schema));
      g_autofree char *labels = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u label",
                                                              "%u labels", n_labels), n_labels);
      g_autofree char *types = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u relation type",
                                                             "%u relation types", n_types),
                                                n_types);

      /* Translators: "12 labels, 4 relation types" */
      description = g_strdup_printf (_("%s, %s"), labels, types);
    }
  else if (from_file)
    description = g_strdup (_("A schema exported from another project, or written by hand in "
                              "Gloss’s schema JSON format"));

  gtk_label_set_label (self->description_label, description != NULL ? description : "");
}

/* ---- callbacks --------------------------------------------------------- */

static void
cancel_clicked_cb (GlossNewProjectDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
create_clicked_cb (GlossNewProjectDialog *self)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;

  project = gloss_new_project_dialog_create (self, &error);
  if (project == NULL)
    {
      GtkWidget *dialog;

      dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                       GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                       GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE, "%s",
                                       _("Could not create the project"));
      gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                                error->message);
      g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
schema_file_response_cb (GtkNativeDialog       *native,
                         int                    response,
                         GlossNewProjectDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      gloss_new_project_dialog_set_schema_file (self, file);
    }

  g_object_unref (native);
}

static void
schema_file_clicked_cb (GlossNewProjectDialog *self)
{
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Schema Files"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_filter_add_mime_type (filter, "application/json");

  native = gtk_file_chooser_native_new (_("Choose a Schema"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_signal_connect_object (native, "response", G_CALLBACK (schema_file_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* ---- vfuncs ------------------------------------------------------------ */

static void
gloss_new_project_dialog_dispose (GObject *object)
{
  GlossNewProjectDialog *self = GLOSS_NEW_PROJECT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_NEW_PROJECT_DIALOG);
  g_clear_object (&self->file);
  g_clear_object (&self->schema_file);

  G_OBJECT_CLASS (gloss_new_project_dialog_parent_class)->dispose (object);
}

static void
gloss_new_project_dialog_class_init (GlossNewProjectDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_new_project_dialog_dispose;

  /**
   * GlossNewProjectDialog::project-created:
   * @project: the new project
   * @file: where it is
   */
  signals[PROJECT_CREATED] =
    g_signal_new ("project-created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, GLOSS_TYPE_PROJECT, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/gloss-new-project-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossNewProjectDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, GlossNewProjectDialog, description_label);
  gtk_widget_class_bind_template_child (widget_class, GlossNewProjectDialog, location_label);
  gtk_widget_class_bind_template_child (widget_class, GlossNewProjectDialog, schema_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GlossNewProjectDialog, schema_file_button);
  gtk_widget_class_bind_template_child (widget_class, GlossNewProjectDialog, schema_file_label);
  gtk_widget_class_bind_template_child (widget_class, GlossNewProjectDialog, schema_file_row);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, create_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, schema_file_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gloss_new_project_dialog_init (GlossNewProjectDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->create_button));
  g_signal_connect_object (self->schema_dropdown, "notify::selected", G_CALLBACK (update_state),
                           self, G_CONNECT_SWAPPED);
  update_state (self);
}

/* ---- public API -------------------------------------------------------- */

GtkWidget *
gloss_new_project_dialog_new (GtkWindow *parent,
                              GFile     *file)
{
  GlossNewProjectDialog *self;
  g_autofree char *name = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GFile) parent_dir = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (GLOSS_TYPE_NEW_PROJECT_DIALOG, "transient-for", parent, NULL);
  self->file = g_object_ref (file);

  name = g_file_get_basename (file);
  parent_dir = g_file_get_parent (file);
  folder = parent_dir != NULL ? g_file_get_parse_name (parent_dir) : g_strdup ("");
  /* Translators: "“Interviews.gloss” in /home/ana/Projects" */
  text = g_markup_printf_escaped (_("<b>“%s”</b> in %s"), name, folder);
  gtk_label_set_markup (self->location_label, text);

  return GTK_WIDGET (self);
}

GFile *
gloss_new_project_dialog_get_file (GlossNewProjectDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_NEW_PROJECT_DIALOG (self), NULL);

  return self->file;
}

void
gloss_new_project_dialog_set_preset (GlossNewProjectDialog *self,
                                     const char            *preset)
{
  guint position = G_N_ELEMENTS (presets);

  g_return_if_fail (GLOSS_IS_NEW_PROJECT_DIALOG (self));

  for (guint i = 0; preset != NULL && i < G_N_ELEMENTS (presets); i++)
    if (g_str_equal (preset, presets[i]))
      position = i;

  gtk_drop_down_set_selected (self->schema_dropdown, position);
}

const char *
gloss_new_project_dialog_get_preset (GlossNewProjectDialog *self)
{
  guint position;

  g_return_val_if_fail (GLOSS_IS_NEW_PROJECT_DIALOG (self), NULL);

  position = gtk_drop_down_get_selected (self->schema_dropdown);

  return position < G_N_ELEMENTS (presets) ? presets[position] : NULL;
}

void
gloss_new_project_dialog_set_schema_file (GlossNewProjectDialog *self,
                                          GFile                 *schema_file)
{
  g_autofree char *name = NULL;

  g_return_if_fail (GLOSS_IS_NEW_PROJECT_DIALOG (self));
  g_return_if_fail (schema_file == NULL || G_IS_FILE (schema_file));

  g_set_object (&self->schema_file, schema_file);
  if (schema_file != NULL)
    name = g_file_get_basename (schema_file);
  gtk_label_set_label (self->schema_file_label, name != NULL ? name : _("Choose…"));
  update_state (self);
}

GlossProject *
gloss_new_project_dialog_create (GlossNewProjectDialog  *self,
                                 GError                **error)
{
  g_autoptr(GlossSchema) schema = NULL;
  g_autoptr(GlossProject) project = NULL;
  g_autofree char *path = NULL;
  const char *preset;

  g_return_val_if_fail (GLOSS_IS_NEW_PROJECT_DIALOG (self), NULL);

  path = g_file_get_path (self->file);
  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Projects must be local files"));
      return NULL;
    }

  preset = gloss_new_project_dialog_get_preset (self);
  if (preset != NULL)
    schema = gloss_schema_new_preset (preset, error);
  else if (self->schema_file != NULL)
    {
      g_autofree char *schema_path = g_file_get_path (self->schema_file);

      if (schema_path == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                             _("The schema must be a local file"));
      else
        schema = gloss_schema_new_from_file (schema_path, error);
    }
  else
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                         _("Choose a schema file"));
  if (schema == NULL)
    return NULL;

  project = gloss_project_create (path, schema, error);
  if (project == NULL)
    return NULL;

  g_object_ref (self);
  g_signal_emit (self, signals[PROJECT_CREATED], 0, project, self->file);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);

  return g_steal_pointer (&project);
}
