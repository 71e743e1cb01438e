/* test-annotator-ui.c: the annotator name when the welcome dialog was skipped
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Later" in the welcome dialog leaves the annotator-name setting empty:
 * edits are then recorded with the login name (as imports and gloss-cli
 * do), never refused, and Preferences says which name is in use.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "gloss-annotation.h"
#include "gloss-document-view-private.h"
#include "gloss-document-view.h"
#include "gloss-document.h"
#include "gloss-preferences-window.h"
#include "gloss-project.h"
#include "gloss-store.h"
#include "gloss-window-private.h"
#include "gloss-window.h"
#include "ui-test-util.h"

#define TEXT "Valgrad officials said on Tuesday that Meridian ran front firms."

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A visible label whose text holds @needle. */
static GtkWidget *
find_label_containing (GtkWidget  *widget,
                       const char *needle)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      strstr (gtk_label_get_text (GTK_LABEL (widget)), needle) != NULL)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_label_containing (c, needle);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
dialog_is_gone (GtkWidget *dialog)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (toplevel == dialog)
        return FALSE;
    }
  return TRUE;
}

/* Later, then an annotation and Ctrl+Enter: both stored with the login name. */
static void
test_later_uses_login_name (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gloss-annotator-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "test.gloss", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) rows = NULL;
  const char *login = g_get_user_name ();
  GlossDocumentStatus status = GLOSS_DOCUMENT_STATUS_NEW;
  GlossDocumentView *view;
  GlossProject *project;
  GlossDocument *document;
  GtkTextBuffer *buffer;
  GtkTextIter a, b;
  GlossWindow *window;
  GtkWidget *dialog;
  GtkWidget *later;
  GtkWidget *preferences;
  gint64 document_id;

  g_assert_no_error (error);
  {
    g_autoptr(GlossProject) created = gloss_project_create (path, NULL, &error);

    g_assert_no_error (error);
    gloss_project_add_document (created, "article", TEXT, -1, NULL, &error);
    g_assert_no_error (error);
    gloss_project_add_document (created, "second", TEXT, -1, NULL, &error);
    g_assert_no_error (error);
  }

  /* The welcome dialog, skipped: no name is set. */
  g_assert_cmpstr (g_settings_get_string (settings, "annotator-name"), ==, "");
  dialog = g_object_ref (gloss_first_run_dialog_present (NULL, settings));
  later = find_button (dialog, "_Later");
  g_assert_nonnull (later);
  g_signal_emit_by_name (later, "clicked");
  g_assert_true (dialog_is_gone (dialog));
  g_assert_finalize_object (dialog);
  {
    g_autofree char *name = g_settings_get_string (settings, "annotator-name");

    g_assert_cmpstr (name, ==, "");
  }

  window = g_object_ref (gloss_window_new (NULL));
  g_assert_true (gloss_window_open_file (window, file, &error));
  g_assert_no_error (error);
  project = gloss_window_get_project (window);
  g_assert_cmpstr (gloss_project_get_annotator (project), ==, login);
  g_assert_true (gloss_window_select_document (window, "article"));
  gtk_window_present (GTK_WINDOW (window));
  iterate_main_context (200);

  /* An annotation: stored, with the login name. */
  view = GLOSS_DOCUMENT_VIEW (gloss_window_get_view (window));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_get_iter_at_offset (buffer, &a, 0);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, 7);
  gtk_text_buffer_select_range (buffer, &a, &b);
  g_assert_true (_gloss_document_view_handle_key (view, GDK_KEY_1, 0));
  document = gloss_project_find_document (project, "article");
  document_id = gloss_document_get_id (document);
  rows = gloss_store_load_annotations (gloss_project_get_store (project), document_id, FALSE,
                                       &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (gloss_annotation_get_annotator (g_ptr_array_index (rows, 0)), ==, login);

  /* Ctrl+Enter: done, for the login name, and on to the next document
   * (no "A document status needs an annotator name"). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.mark-done", NULL));
  g_assert_true (gloss_store_get_document_status (gloss_project_get_store (project), document_id,
                                                  login, &status, NULL));
  g_assert_cmpint (status, ==, GLOSS_DOCUMENT_STATUS_DONE);
  g_assert_cmpstr (gloss_document_get_name (gloss_window_get_document (window)), ==, "second");

  /* Preferences say which name is in use. */
  preferences = g_object_ref (gloss_preferences_window_new (GTK_WINDOW (window), settings));
  gtk_window_present (GTK_WINDOW (preferences));
  iterate_main_context (100);
  g_assert_nonnull (find_label_containing (preferences, login));
  save_screenshot (preferences, "preferences-login-name.png");
  gtk_window_destroy (GTK_WINDOW (preferences));
  g_assert_finalize_object (preferences);

  /* A name set in Preferences takes over at once. */
  g_settings_set_string (settings, "annotator-name", "Ada");
  g_assert_cmpstr (gloss_project_get_annotator (project), ==, "Ada");
  g_settings_reset (settings, "annotator-name");
  g_assert_cmpstr (gloss_project_get_annotator (project), ==, login);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate_main_context (50);
  g_assert_finalize_object (window);

  {
    const char *suffixes[] = { "", "-wal", "-shm" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

        g_unlink (name);
      }
    g_rmdir (dir);
  }
}

/* GLOSS_ANNOTATOR names the annotator for one run: Preferences show it. */
static void
test_environment_name (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWidget *preferences;

  g_setenv ("GLOSS_ANNOTATOR", "kiosk-7", TRUE);
  preferences = g_object_ref (gloss_preferences_window_new (NULL, settings));
  gtk_window_present (GTK_WINDOW (preferences));
  iterate_main_context (100);
  g_assert_nonnull (find_label_containing (preferences, "kiosk-7"));
  gtk_window_destroy (GTK_WINDOW (preferences));
  g_assert_finalize_object (preferences);
  g_unsetenv ("GLOSS_ANNOTATOR");
}

int
main (int   argc,
      char *argv[])
{
  /* No name from the environment: the login name is the fallback tested. */
  g_unsetenv ("GLOSS_ANNOTATOR");
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_printerr ("No display: skipping the UI tests\n");
      return 77;
    }

  g_test_add_func ("/ui/annotator/later-uses-login-name", test_later_uses_login_name);
  g_test_add_func ("/ui/annotator/environment-name", test_environment_name);

  return g_test_run ();
}
