/* gloss-application.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-application-private.h"
#include "gloss-new-project-dialog.h"
#include "gloss-prefetch.h"
#include "gloss-preferences-window.h"
#include "gloss-project.h"
#include "gloss-window.h"

#define MAX_RECENT_PROJECTS 10
#define PLATFORM_DOCUMENT   "gloss-document"

struct _GlossApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;            /* owned */
  char           *pending_document;    /* owned: --document NAME */
  char           *pending_project;     /* owned: the first PROJECT argument */
  GlossPrefetch  *prefetch;            /* owned: opens it while GTK starts */
  gboolean        first_run_asked;
};

G_DEFINE_FINAL_TYPE (GlossApplication, gloss_application, ADW_TYPE_APPLICATION)

static const GOptionEntry main_entries[] = {
  { "document", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("Show the document called NAME"), N_("NAME") },
  { NULL }
};

/* ---- helpers ----------------------------------------------------------- */

static GlossWindow *
get_window (GlossApplication *self,
            gboolean          want_empty)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (GLOSS_IS_WINDOW (window) &&
      (!want_empty || gloss_window_get_project (GLOSS_WINDOW (window)) == NULL))
    return GLOSS_WINDOW (window);

  return gloss_window_new (GTK_APPLICATION (self));
}

static void
maybe_ask_annotator (GlossApplication *self,
                     GtkWindow        *parent)
{
  g_autofree char *name = NULL;

  if (self->first_run_asked || g_getenv ("GLOSS_NO_FIRST_RUN") != NULL)
    return;

  name = g_settings_get_string (self->settings, "annotator-name");
  if (name[0] != '\0')
    return;

  self->first_run_asked = TRUE;
  gloss_first_run_dialog_present (parent, self->settings);
}

/* "Follow System" leaves the style to libadwaita's style manager, which
 * follows the desktop's dark style (the settings portal, or GNOME's own
 * setting); Light and Dark force one. */
static void
apply_color_scheme (GlossApplication *self)
{
  AdwStyleManager *manager = adw_application_get_style_manager (ADW_APPLICATION (self));
  AdwColorScheme scheme;

  switch (g_settings_get_enum (self->settings, "color-scheme"))
    {
    case 1:
      scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
      break;

    case 2:
      scheme = ADW_COLOR_SCHEME_FORCE_DARK;
      break;

    default:
      scheme = ADW_COLOR_SCHEME_PREFER_LIGHT;
      break;
    }

  adw_style_manager_set_color_scheme (manager, scheme);
}

static void
open_project_in_window (GlossApplication *self,
                        GlossWindow      *window,
                        GFile            *file,
                        const char       *document)
{
  g_autoptr(GError) error = NULL;

  if (!gloss_window_open_file (window, file, &error))
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *primary = g_strdup_printf (_("Could not open “%s”"), name);

      gtk_window_present (GTK_WINDOW (window));
      gloss_window_show_error (window, primary, error);
      return;
    }

  if (document == NULL || !gloss_window_select_document (window, document))
    {
      if (document != NULL)
        g_printerr (_("No document called “%s” in this project\n"), document);
      gloss_window_restore_document (window);
    }
}

static GtkFileFilter *
new_project_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Gloss Projects"));
  gtk_file_filter_add_pattern (filter, "*.gloss");
  gtk_file_filter_add_mime_type (filter, "application/x-gloss-project");

  return filter;
}

/* ---- callbacks --------------------------------------------------------- */

static void
open_response_cb (GtkNativeDialog  *native,
                  int               response,
                  GlossApplication *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      GlossWindow *window = get_window (self, TRUE);

      open_project_in_window (self, window, file, NULL);
      gtk_window_present (GTK_WINDOW (window));
    }

  g_object_unref (native);
}

static void
project_created_cb (GlossApplication      *self,
                    GlossProject          *project,
                    GFile                 *file,
                    GlossNewProjectDialog *dialog)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));
  GlossWindow *window;

  if (GLOSS_IS_WINDOW (parent) && gloss_window_get_project (GLOSS_WINDOW (parent)) == NULL)
    window = GLOSS_WINDOW (parent);
  else
    window = get_window (self, TRUE);

  gloss_window_set_project (window, project);
  gloss_application_add_recent (self, file);
  gtk_window_present (GTK_WINDOW (window));
}

/* After the save chooser, a small dialog asks for the schema. */
static void
new_project_response_cb (GtkNativeDialog  *native,
                         int               response,
                         GlossApplication *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autoptr(GFile) file = NULL;
      g_autofree char *path = g_file_get_path (chosen);
      GtkWindow *parent = gtk_native_dialog_get_transient_for (native);
      GtkWidget *dialog;

      if (path == NULL)
        {
          g_autoptr(GError) error = NULL;
          GlossWindow *window = get_window (self, FALSE);

          g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Projects must be local files"));
          gtk_window_present (GTK_WINDOW (window));
          gloss_window_show_error (window, _("Could not create the project"), error);
          g_object_unref (native);
          return;
        }

      if (!g_str_has_suffix (path, ".gloss"))
        {
          char *with_suffix = g_strconcat (path, ".gloss", NULL);

          g_free (path);
          path = with_suffix;
        }
      file = g_file_new_for_path (path);

      if (parent == NULL)
        parent = GTK_WINDOW (get_window (self, FALSE));
      dialog = gloss_new_project_dialog_new (parent, file);
      g_signal_connect_object (dialog, "project-created", G_CALLBACK (project_created_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_window_present (GTK_WINDOW (dialog));
    }

  g_object_unref (native);
}

/* ---- actions ----------------------------------------------------------- */

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GlossApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));
  g_autoptr(GList) copy = g_list_copy (windows);

  /* Closing (rather than quitting) lets each window save its state. */
  for (GList *l = copy; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

/* AdwAboutWindow 1.2 leaves its icon-only buttons (Back on each page) and
 * the version button unnamed for screen readers: their tooltip, or the
 * text they show, names them. */
static void
name_buttons (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && gtk_button_get_label (GTK_BUTTON (child)) == NULL)
        {
          GtkWidget *inner = gtk_button_get_child (GTK_BUTTON (child));
          const char *name = gtk_widget_get_tooltip_text (child);

          if (name == NULL && GTK_IS_LABEL (inner))
            name = gtk_label_get_text (GTK_LABEL (inner));
          if (name != NULL && *name != '\0')
            gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                            GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
        }
      name_buttons (child);
    }
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GlossApplication *self = user_data;
  static const char *developers[] = { "The Gloss authors", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "title", _("About Gloss"),
                        "application-name", _("Gloss"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Gloss authors"),
                        "developers", developers,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "comments", _("Annotate articles: entities, claims and "
                                      "their sources"),
                        "copyright", "© 2026 The Gloss authors",
                        /* Translators: your names, one a line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  name_buttons (about);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GlossApplication *self = user_data;
  GtkWidget *window;

  window = gloss_preferences_window_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                         self->settings);
  gtk_window_present (GTK_WINDOW (window));
}

static void
open_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GlossApplication *self = user_data;
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = new_project_filter ();

  native = gtk_file_chooser_native_new (_("Open Project"),
                                        gtk_application_get_active_window (GTK_APPLICATION (self)),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_signal_connect_object (native, "response", G_CALLBACK (open_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
new_project_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GlossApplication *self = user_data;
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = new_project_filter ();

  native = gtk_file_chooser_native_new (_("New Project"),
                                        gtk_application_get_active_window (GTK_APPLICATION (self)),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Create"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), _("Untitled.gloss"));
  g_signal_connect_object (native, "response", G_CALLBACK (new_project_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
open_recent_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GlossApplication *self = user_data;
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));
  GlossWindow *window = get_window (self, TRUE);

  open_project_in_window (self, window, file, NULL);
  gtk_window_present (GTK_WINDOW (window));
}

static const GActionEntry app_entries[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
  { "open", open_action },
  { "new-project", new_project_action },
  { "open-recent", open_recent_action, "s" },
};

/* ---- vfuncs ------------------------------------------------------------ */

static int
gloss_application_handle_local_options (GApplication *application,
                                        GVariantDict *options)
{
  GlossApplication *self = GLOSS_APPLICATION (application);
  const char *document = NULL;

  if (g_variant_dict_lookup (options, "document", "&s", &document))
    {
      g_free (self->pending_document);
      self->pending_document = g_strdup (document);
    }

  return -1;
}

/* GApplication keeps the file arguments to itself until "open", after
 * startup: a quiet parse of a copy of the command line finds the project
 * for the prefetch, which startup starts (in the primary instance only). */
static gboolean
gloss_application_local_command_line (GApplication   *application,
                                      char         ***arguments,
                                      int            *exit_status)
{
  GlossApplication *self = GLOSS_APPLICATION (application);
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_auto(GStrv) files = NULL;
  g_autofree char *document = NULL;
  g_auto(GStrv) copy = g_strdupv (*arguments);
  g_autofree char **argv = g_memdup2 (copy, sizeof (char *) * (g_strv_length (copy) + 1));
  int argc = g_strv_length (copy);
  /* --document is parsed (and ignored here) so that its value is not taken
   * for the project; handle_local_options() reads it. */
  const GOptionEntry entries[] = {
    { "document", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &document, NULL, NULL },
    { G_OPTION_REMAINING, 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };

  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_set_ignore_unknown_options (context, TRUE);
  g_option_context_add_main_entries (context, entries, NULL);
  if (g_option_context_parse (context, &argc, &argv, NULL) && files != NULL && files[0] != NULL)
    {
      g_free (self->pending_project);
      self->pending_project = g_canonicalize_filename (files[0], NULL);
    }

  return G_APPLICATION_CLASS (gloss_application_parent_class)->local_command_line (application,
                                                                                   arguments,
                                                                                   exit_status);
}

static void
gloss_application_add_platform_data (GApplication    *application,
                                     GVariantBuilder *builder)
{
  GlossApplication *self = GLOSS_APPLICATION (application);

  G_APPLICATION_CLASS (gloss_application_parent_class)->add_platform_data (application, builder);

  /* Hands --document to the primary instance. */
  if (self->pending_document != NULL)
    g_variant_builder_add (builder, "{sv}", PLATFORM_DOCUMENT,
                           g_variant_new_string (self->pending_document));
}

static void
gloss_application_before_emit (GApplication *application,
                               GVariant     *platform_data)
{
  GlossApplication *self = GLOSS_APPLICATION (application);
  const char *document = NULL;

  G_APPLICATION_CLASS (gloss_application_parent_class)->before_emit (application, platform_data);

  if (g_variant_lookup (platform_data, PLATFORM_DOCUMENT, "&s", &document))
    {
      g_free (self->pending_document);
      self->pending_document = g_strdup (document);
    }
}

static void
gloss_application_startup (GApplication *application)
{
  GlossApplication *self = GLOSS_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *open_accels[] = { "<Control>o", NULL };
  static const char *new_project_accels[] = { "<Control>n", NULL };

  /* The project opens in a thread while GTK initialises and the window is
   * built (see gloss-prefetch.h). */
  if (self->pending_project != NULL && g_getenv ("GLOSS_NO_PREFETCH") == NULL)
    {
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);
      g_autofree char *last = g_settings_get_string (settings, "last-document");

      self->prefetch = gloss_prefetch_start (self->pending_project, self->pending_document, last);
    }
  g_clear_pointer (&self->pending_project, g_free);

  /* AdwApplication: libadwaita, its style manager, and style.css from the
   * resource base path (RESOURCE_PREFIX, from the application id). */
  G_APPLICATION_CLASS (gloss_application_parent_class)->startup (application);

  g_set_application_name (_("Gloss"));
  gtk_window_set_default_icon_name (APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_entries, G_N_ELEMENTS (app_entries),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.open", open_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.new-project",
                                         new_project_accels);

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (apply_color_scheme), self, G_CONNECT_SWAPPED);
  apply_color_scheme (self);
}

static void
gloss_application_activate (GApplication *application)
{
  GlossApplication *self = GLOSS_APPLICATION (application);
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));
  GlossWindow *window;

  if (active != NULL)
    {
      gtk_window_present (active);
      return;
    }

  window = gloss_window_new (GTK_APPLICATION (self));

  /* Reopen the most recent project when it is still there. */
  {
    g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-projects");

    if (recent[0] != NULL)
      {
        g_autoptr(GFile) file = g_file_new_for_uri (recent[0]);
        g_autoptr(GError) error = NULL;

        if (g_file_query_exists (file, NULL))
          {
            if (gloss_window_open_file (window, file, &error))
              gloss_window_restore_document (window);
            else
              g_debug ("Not reopening %s: %s", recent[0], error->message);
          }
      }
  }

  gtk_window_present (GTK_WINDOW (window));
  maybe_ask_annotator (self, GTK_WINDOW (window));
}

static void
gloss_application_open (GApplication  *application,
                        GFile        **files,
                        int            n_files,
                        const char    *hint)
{
  GlossApplication *self = GLOSS_APPLICATION (application);
  g_autofree char *document = g_steal_pointer (&self->pending_document);
  GlossWindow *window = NULL;

  for (int i = 0; i < n_files; i++)
    {
      window = get_window (self, TRUE);
      open_project_in_window (self, window, files[i], i == 0 ? document : NULL);
      gtk_window_present (GTK_WINDOW (window));
    }
  /* Whatever the prefetch opened is in the window now (or unused). */
  g_clear_pointer (&self->prefetch, gloss_prefetch_free);

  if (window != NULL)
    maybe_ask_annotator (self, GTK_WINDOW (window));
}

static void
gloss_application_dispose (GObject *object)
{
  GlossApplication *self = GLOSS_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->prefetch, gloss_prefetch_free);

  G_OBJECT_CLASS (gloss_application_parent_class)->dispose (object);
}

static void
gloss_application_finalize (GObject *object)
{
  GlossApplication *self = GLOSS_APPLICATION (object);

  g_clear_pointer (&self->pending_document, g_free);
  g_clear_pointer (&self->pending_project, g_free);

  G_OBJECT_CLASS (gloss_application_parent_class)->finalize (object);
}

static void
gloss_application_class_init (GlossApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = gloss_application_dispose;
  object_class->finalize = gloss_application_finalize;

  application_class->handle_local_options = gloss_application_handle_local_options;
  application_class->local_command_line = gloss_application_local_command_line;
  application_class->add_platform_data = gloss_application_add_platform_data;
  application_class->before_emit = gloss_application_before_emit;
  application_class->startup = gloss_application_startup;
  application_class->activate = gloss_application_activate;
  application_class->open = gloss_application_open;
}

static void
gloss_application_init (GlossApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[PROJECT]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Annotate articles: entities, claims and "
                                              "their sources."));
}

/* ---- public API -------------------------------------------------------- */

GlossApplication *
gloss_application_new (void)
{
  return g_object_new (GLOSS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       NULL);
}

GSettings *
gloss_application_get_settings (GlossApplication *self)
{
  g_return_val_if_fail (GLOSS_IS_APPLICATION (self), NULL);

  return self->settings;
}

void
gloss_application_add_recent (GlossApplication *self,
                              GFile            *file)
{
  g_auto(GStrv) recent = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) updated = NULL;
  g_autofree char *uri = NULL;
  guint n = 1;

  g_return_if_fail (GLOSS_IS_APPLICATION (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->settings == NULL)
    return;

  uri = g_file_get_uri (file);
  recent = g_settings_get_strv (self->settings, "recent-projects");
  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, uri);
  for (guint i = 0; recent[i] != NULL && n < MAX_RECENT_PROJECTS; i++)
    {
      if (g_strcmp0 (recent[i], uri) == 0)
        continue;
      g_strv_builder_add (builder, recent[i]);
      n++;
    }
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-projects", (const char * const *) updated);
}

GlossProject *
_gloss_application_take_prefetched (GlossApplication *self,
                                    const char       *path)
{
  g_return_val_if_fail (GLOSS_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (self->prefetch == NULL)
    return NULL;
  return gloss_prefetch_take_project (self->prefetch, path);
}
