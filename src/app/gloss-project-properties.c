/* gloss-project-properties.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>

#include <adwaita.h>

#include "gloss-a11y-private.h"
#include "gloss-project-properties.h"
#include "gloss-schema.h"
#include "gloss-secrets.h"
#include "gloss-store.h"
#include "gloss-suggest-settings.h"

struct _GlossProjectProperties
{
  GtkWindow   parent_instance;

  GHashTable   *values;      /* key -> shown value */
  GlossProject *project;     /* owned */
  GCancellable *cancellable; /* owned: the keyring's work */

  /* template children */
  GtkListBox   *attributes_list;
  GtkListBox   *counts_list;
  GtkListBox   *info_list;
  AdwEntryRow  *ls_url_row;
  AdwEntryRow  *openai_url_row;
  AdwEntryRow  *openai_model_row;
  AdwEntryRow  *openai_key_row;
  AdwEntryRow  *openai_key_file_row;
  AdwEntryRow  *gazetteer_list_row;
  GtkLabel     *suggesters_status;
};

enum
{
  SUGGESTERS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GlossProjectProperties, gloss_project_properties, GTK_TYPE_WINDOW)

/* ---- helpers ----------------------------------------------------------- */

static void
add_row (GlossProjectProperties *self,
         GtkListBox             *list,
         const char             *key,
         const char             *title,
         const char             *value)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *value_label = gtk_label_new (value);
  g_autofree char *name = g_strdup_printf ("%s: %s", title, value);

  gtk_widget_add_css_class (box, "preference-row");
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_label_set_xalign (GTK_LABEL (value_label), 1);
  /* Long paths lose their middle; the tooltip has all of it. */
  gtk_label_set_ellipsize (GTK_LABEL (value_label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_width_chars (GTK_LABEL (value_label), 12);
  gtk_widget_set_tooltip_text (value_label, value);
  gtk_widget_set_hexpand (value_label, TRUE);
  gtk_widget_add_css_class (value_label, "dim-label");
  /* Rows take the focus, so that the keyboard walks the values and a
   * screen reader reads each as "title: value". */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_box_append (GTK_BOX (box), title_label);
  gtk_box_append (GTK_BOX (box), value_label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_list_box_append (list, row);

  if (key != NULL)
    g_hash_table_insert (self->values, g_strdup (key), g_strdup (value));
}

static void
add_count_row (GlossProjectProperties *self,
               const char             *key,
               const char             *title,
               gint64                  n)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, n);

  add_row (self, self->counts_list, key, title, text);
}

static guint64
file_size (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  return info != NULL ? (guint64) g_file_info_get_size (info) : 0;
}

static char *
format_created (const char *iso)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso == NULL)
    return g_strdup (_("Unknown"));

  utc = g_date_time_new_from_iso8601 (iso, NULL);
  if (utc == NULL)
    return g_strdup (iso);
  local = g_date_time_to_local (utc);

  /* Translators: a date and time, see g_date_time_format() */
  return g_date_time_format (local, _("%-d %B %Y, %H:%M"));
}

static char *
describe_attribute (GlossAttrDef *def)
{
  const char * const *values = gloss_attr_def_get_values (def);

  switch (gloss_attr_def_get_attr_type (def))
    {
    case GLOSS_ATTR_TYPE_ENUM:
      {
        g_autofree char *joined = values != NULL ? g_strjoinv (", ", (char **) values)
                                                 : g_strdup ("");

        /* Translators: an attribute with a choice of values, listed */
        return g_strdup_printf (_("One of %s"), joined);
      }

    case GLOSS_ATTR_TYPE_BOOLEAN:
      return g_strdup (_("Yes or no"));

    case GLOSS_ATTR_TYPE_TEXT:
    default:
      return g_strdup (_("Text"));
    }
}

static void
fill (GlossProjectProperties *self,
      GlossProject           *project)
{
  GlossStore *store = gloss_project_get_store (project);
  GlossSchema *schema = gloss_project_get_schema (project);
  const char *path = gloss_project_get_path (project);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *size = g_format_size (file_size (path) + file_size (wal));
  g_autofree char *created_iso = gloss_store_dup_meta (store, "created");
  g_autofree char *created = format_created (created_iso);
  g_autofree char *display_path = g_filename_display_name (path);
  const char *schema_name = gloss_schema_get_name (schema);
  GPtrArray *attributes = gloss_schema_get_document_attributes (schema);
  GlossStoreCounts counts;

  add_row (self, self->info_list, "path", _("File"), display_path);
  add_row (self, self->info_list, "size", _("Size on disk"), size);
  add_row (self, self->info_list, "created", _("Created"), created);
  add_row (self, self->info_list, "schema", _("Schema"),
           schema_name != NULL && *schema_name != '\0' ? schema_name : _("Unnamed"));

  gloss_store_get_counts (store, &counts);
  add_count_row (self, "documents", _("Documents"), counts.n_documents);
  add_count_row (self, "annotations", _("Annotations"), counts.n_annotations);
  add_count_row (self, "relations", _("Relations"), counts.n_relations);
  add_count_row (self, "annotators", _("Annotators"), counts.n_annotators);

  if (attributes == NULL || attributes->len == 0)
    add_row (self, self->attributes_list, NULL, _("None"),
             _("The schema declares no document attributes"));
  else
    for (guint i = 0; i < attributes->len; i++)
      {
        GlossAttrDef *def = g_ptr_array_index (attributes, i);
        g_autofree char *description = describe_attribute (def);

        add_row (self, self->attributes_list, NULL, gloss_attr_def_get_name (def), description);
      }
}

/* ---- the suggesters' settings ------------------------------------------- */

typedef struct
{
  const char *name;
  const char *key;
} RowSetting;

static gboolean
row_setting (GlossProjectProperties *self,
             AdwEntryRow            *row,
             RowSetting             *setting)
{
  static const RowSetting settings[] = {
    { "ls-backend", "url" },
    { "openai", "url" },
    { "openai", "model" },
    { "openai", "key-file" },
    { "gazetteer", "list" },
  };
  AdwEntryRow *rows[] = { self->ls_url_row, self->openai_url_row, self->openai_model_row,
                          self->openai_key_file_row, self->gazetteer_list_row };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (rows[i] == row)
      {
        *setting = settings[i];
        return TRUE;
      }
  return FALSE;
}

static void
say (GlossProjectProperties *self,
     const char             *text,
     gboolean                problem)
{
  gtk_label_set_text (self->suggesters_status, text);
  if (problem)
    gtk_widget_add_css_class (GTK_WIDGET (self->suggesters_status), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->suggesters_status), "error");
}

static void
setting_applied_cb (GlossProjectProperties *self,
                    AdwEntryRow            *row)
{
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  RowSetting  setting;

  if (!row_setting (self, row, &setting))
    return;
  if (!gloss_project_set_suggester_setting (self->project, setting.name, setting.key, text,
                                            &error))
    {
      g_autofree char *message = g_strdup_printf (_("Not kept: %s"), error->message);

      say (self, message, TRUE);
      return;
    }
  say (self, *text != '\0' ? _("Kept in the project.") : _("Removed from the project."), FALSE);
  g_signal_emit (self, signals[SUGGESTERS_CHANGED], 0);
}

static void
key_stored_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  GlossProjectProperties *self = GLOSS_PROJECT_PROPERTIES (source);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("The keyring did not keep the key (%s). Name a file that "
                                   "holds it instead."),
                                    error->message);
      say (self, message, TRUE);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->openai_key_row), "");
  say (self, GPOINTER_TO_INT (data) ? _("The key is kept in the keyring.")
                                    : _("The key is removed from the keyring."),
                                         FALSE);
  g_signal_emit (self, signals[SUGGESTERS_CHANGED], 0);
}

static void
store_key_thread (GTask        *task,
                  gpointer      source,
                  gpointer      data,
                  GCancellable *cancellable)
{
  char  **pair = data; /* endpoint, key */
  GError *error = NULL;

  if (gloss_secrets_store_api_key (pair[0], pair[1], cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* The key goes to the keyring, kept by the server's address, on a thread:
 * the keyring may take a moment (or ask to be unlocked). */
static void
key_applied_cb (GlossProjectProperties *self,
                AdwEntryRow            *row)
{
  g_autofree char *url = gloss_project_dup_suggester_setting (self->project, "openai", "url");
  const char      *key = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autoptr(GTask) task = NULL;
  char **pair;

  if (url == NULL)
    {
      say (self, _("Set the server’s address first: the key is kept for that address."), TRUE);
      return;
    }
  pair = g_new0 (char *, 3);
  pair[0] = g_steal_pointer (&url);
  pair[1] = g_strdup (key);
  task = g_task_new (self, self->cancellable, key_stored_cb, GINT_TO_POINTER (*key != '\0'));
  g_task_set_task_data (task, pair, (GDestroyNotify) g_strfreev);
  say (self, _("Keeping the key…"), FALSE);
  g_task_run_in_thread (task, store_key_thread);
}

static void
fill_suggesters (GlossProjectProperties *self)
{
  AdwEntryRow *rows[] = { self->ls_url_row, self->openai_url_row, self->openai_model_row,
                          self->openai_key_file_row, self->gazetteer_list_row };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *value = NULL;
      RowSetting       setting;

      if (!row_setting (self, rows[i], &setting))
        continue;
      value = gloss_project_dup_suggester_setting (self->project, setting.name, setting.key);
      gtk_editable_set_text (GTK_EDITABLE (rows[i]), value != NULL ? value : "");
    }
  if (gloss_project_is_read_only (self->project))
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->ls_url_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->openai_url_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->openai_model_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->openai_key_file_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->gazetteer_list_row), FALSE);
      say (self, _("The project is open read-only: its settings cannot change."), FALSE);
    }
}

/* ---- vfuncs ------------------------------------------------------------ */

static void
gloss_project_properties_dispose (GObject *object)
{
  GlossProjectProperties *self = GLOSS_PROJECT_PROPERTIES (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_PROJECT_PROPERTIES);
  g_clear_pointer (&self->values, g_hash_table_unref);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (gloss_project_properties_parent_class)->dispose (object);
}

static void
gloss_project_properties_class_init (GlossProjectPropertiesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_project_properties_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/gloss-project-properties.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossProjectProperties, attributes_list);
  gtk_widget_class_bind_template_child (widget_class, GlossProjectProperties, counts_list);
  gtk_widget_class_bind_template_child (widget_class, GlossProjectProperties, info_list);
  gtk_widget_class_bind_template_child (widget_class, GlossProjectProperties, ls_url_row);
  gtk_widget_class_bind_template_child (widget_class, GlossProjectProperties, openai_url_row);
  gtk_widget_class_bind_template_child (widget_class, GlossProjectProperties, openai_model_row);
  gtk_widget_class_bind_template_child (widget_class, GlossProjectProperties, openai_key_row);
  gtk_widget_class_bind_template_child (widget_class, GlossProjectProperties,
                                        openai_key_file_row);
  gtk_widget_class_bind_template_child (widget_class, GlossProjectProperties,
                                        gazetteer_list_row);
  gtk_widget_class_bind_template_child (widget_class, GlossProjectProperties, suggesters_status);
  gtk_widget_class_bind_template_callback (widget_class, setting_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, key_applied_cb);

  /* A suggester's setting was kept (the window shows what now runs). */
  signals[SUGGESTERS_CHANGED] =
    g_signal_new ("suggesters-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gloss_project_properties_init (GlossProjectProperties *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->cancellable = g_cancellable_new ();
  /* libadwaita 1.2 leaves the password row's show/hide icon unnamed */
  gloss_a11y_name_descendants (GTK_WIDGET (self->openai_key_row), GTK_TYPE_IMAGE,
                               _("Show or hide the key"));
}

/* ---- public API -------------------------------------------------------- */

GtkWidget *
gloss_project_properties_new (GtkWindow    *parent,
                              GlossProject *project)
{
  GlossProjectProperties *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (GLOSS_IS_PROJECT (project), NULL);

  self = g_object_new (GLOSS_TYPE_PROJECT_PROPERTIES, "transient-for", parent, NULL);
  self->project = g_object_ref (project);
  fill (self, project);
  fill_suggesters (self);

  return GTK_WIDGET (self);
}

const char *
gloss_project_properties_get_value (GlossProjectProperties *self,
                                    const char             *key)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT_PROPERTIES (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return g_hash_table_lookup (self->values, key);
}
