/* test-suggest-settings-ui.c: the suggesters' switches, their servers in Project Properties,
 * and the learned model in the window
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <gtk/gtk.h>

#include "gloss-annotation-list.h"
#include "gloss-annotation.h"
#include "gloss-command.h"
#include "gloss-document-view.h"
#include "gloss-document.h"
#include "gloss-project-properties.h"
#include "gloss-project.h"
#include "gloss-secrets.h"
#include "gloss-store.h"
#include "gloss-suggest-settings.h"
#include "gloss-suggest.h"
#include "gloss-window-private.h"
#include "gloss-window.h"
#include "ui-test-util.h"

static const char story[] =
  "SEOUL, Nov. 20 (Meridian) — A defector told the agency that Unit 414 stole 300 million "
  "dollars from exchanges in Asia.";

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture      *fixture,
               gconstpointer data)
{
  const char * const names[] = { "wire" };
  const char * const texts[] = { story };
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("gloss-suggest-settings-ui-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "p.gloss", NULL);
  create_project_file (fixture->path, names, texts, 1);
}

static void
fixture_teardown (Fixture      *fixture,
                  gconstpointer data)
{
  remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
wait_for_runs (GlossWindow *window,
               guint        runs)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (window->suggest.n_runs < runs && g_get_monotonic_time () < deadline)
    iterate_main_context (20);
  g_assert_cmpuint (window->suggest.n_runs, >=, runs);
}

/* Every value kept in the project file, one string: a key must not be in it. */
static char *
dup_all_settings (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = gloss_project_open (path, &error);
  const char *keys[] = { "suggest.ls-backend.url", "suggest.openai.url", "suggest.openai.model",
                         "suggest.openai.key-file", "suggest.gazetteer.list" };
  GString    *all = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *value = gloss_store_dup_meta (gloss_project_get_store (project), keys[i]);

      g_string_append_printf (all, "%s=%s\n", keys[i], value != NULL ? value : "");
    }
  return g_string_free (all, FALSE);
}

static AdwEntryRow *
row (GtkWidget  *properties,
     const char *name)
{
  AdwEntryRow *found = ADW_ENTRY_ROW (gtk_widget_get_template_child (properties,
                                                                     GLOSS_TYPE_PROJECT_PROPERTIES,
                                                                     name));

  g_assert_nonnull (found);
  return found;
}

static void
apply (AdwEntryRow *entry,
       const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "apply");
}

static const char *
status_of (GtkWidget *properties)
{
  return gtk_label_get_text (GTK_LABEL (
    gtk_widget_get_template_child (properties, GLOSS_TYPE_PROJECT_PROPERTIES,
                                   "suggesters_status")));
}

static GtkWidget *
open_properties (GlossWindow *window)
{
  g_autoptr(GList) toplevels = NULL;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.project-properties", NULL);
  settle (50);
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (GLOSS_IS_PROJECT_PROPERTIES (l->data))
      return l->data;
  g_assert_not_reached ();
  return NULL;
}

/* Project Properties keeps a server's address in the project, the window
 * runs it, says plainly when it cannot be reached, and its switch turns it
 * off. An API key is never written into the project. */
static void
test_properties_and_switches (Fixture      *fixture,
                              gconstpointer data)
{
  g_autoptr(GlossWindow) window = open_project_window (fixture->path, "wire");
  g_autofree char *settings = NULL;
  GtkWidget       *properties;
  const char      *status;
  gint64           deadline;

  gtk_window_present (GTK_WINDOW (window));
  settle (50);
  properties = open_properties (window);

  /* nothing listens on port 1 */
  apply (row (properties, "ls_url_row"), " http://127.0.0.1:1 ");
  g_assert_cmpstr (status_of (properties), ==, "Kept in the project.");
  /* a key needs its server's address first */
  apply (row (properties, "openai_key_row"), "sk-never-in-the-file");
  g_assert_nonnull (strstr (status_of (properties), "address first"));
  apply (row (properties, "openai_url_row"), "http://127.0.0.1:1/v1");
  apply (row (properties, "openai_model_row"), "tiny");
  apply (row (properties, "openai_key_row"), "sk-never-in-the-file");
  /* the keyring answers on a thread; without one, the dialog says so and
   * what to do instead */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (g_str_has_prefix (status_of (properties), "Keeping") &&
         g_get_monotonic_time () < deadline)
    iterate_main_context (20);
  status = status_of (properties);
  g_test_message ("keyring: %s", status);
  g_assert_nonnull (strstr (status, "The keyring did not keep the key"));
  g_assert_nonnull (strstr (status, "file"));
  settings = dup_all_settings (fixture->path);
  g_assert_nonnull (strstr (settings, "suggest.ls-backend.url=http://127.0.0.1:1\n"));
  g_assert_nonnull (strstr (settings, "suggest.openai.model=tiny\n"));
  g_assert_null (strstr (settings, "sk-never"));
  gtk_window_destroy (GTK_WINDOW (properties));

  /* the window runs the servers now set, and says what failed, by name */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.suggest", NULL);
  wait_for_runs (window, 1);
  status = gloss_suggestions_panel_get_suggester_status (window->suggestions_panel, "ls-backend");
  g_test_message ("ls-backend: %s", status);
  g_assert_nonnull (strstr (status, "127.0.0.1:1"));
  g_assert_nonnull (window->suggest.last_error);
  /* the rules ran all the same */
  g_assert_nonnull (strstr (gloss_suggestions_panel_get_suggester_status (
                              window->suggestions_panel, "rules"),
                            "pending"));
  g_assert_cmpuint (gloss_suggestions_panel_get_n_rows (window->suggestions_panel), >, 0);

  /* its switch turns it off, in the project, and the next run is clean */
  g_signal_emit_by_name (window->suggestions_panel, "suggester-toggled", "ls-backend", FALSE);
  g_signal_emit_by_name (window->suggestions_panel, "suggester-toggled", "openai", FALSE);
  wait_for_runs (window, 3);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GlossProject) project = gloss_project_open (fixture->path, &error);

    g_assert_no_error (error);
    g_assert_false (gloss_project_get_suggester_enabled (project, "ls-backend"));
  }
  g_assert_null (window->suggest.last_error);
  g_assert_cmpstr (gloss_suggestions_panel_get_suggester_status (window->suggestions_panel,
                                                                 "ls-backend"),
                   ==, "Off");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Adds documents @from to @to - 1, each with a PERSON annotated. */
static void
annotate_documents (const char *path,
                    guint       from,
                    guint       to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = gloss_project_open (path, &error);

  g_assert_no_error (error);
  for (guint i = from; i < to; i++)
    {
      g_autofree char *name = g_strdup_printf ("annotated-%u", i);
      g_autofree char *text = g_strdup_printf ("Agent Kalinov met Meridian in Seoul on day %u.", i);
      GlossDocument   *document;
      g_autoptr(GlossAnnotationList) list = NULL;
      GlossFragment f = { 6, 13 };
      g_autoptr(GlossAnnotation) a = gloss_annotation_new ("PERSON", &f, 1, "tester");
      g_autoptr(GlossCommand) command = gloss_command_new ("Annotate");

      document = gloss_project_add_document (project, name, text, -1, NULL, &error);
      g_assert_no_error (error);
      list = gloss_project_dup_annotation_list (project, document, &error);
      g_assert_no_error (error);
      gloss_command_create_annotation (command, a);
      g_assert_true (gloss_annotation_list_apply (list, command, &error));
      g_assert_no_error (error);
    }
}

/* The model waits for enough annotated documents, then learns on a worker
 * and its proposals join the others. */
static void
test_model (Fixture      *fixture,
            gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossWindow) window = NULL;
  const char *status;

  /* two annotated documents: too few */
  annotate_documents (fixture->path, 0, 2);
  window = open_project_window (fixture->path, "wire");
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.suggest", NULL);
  wait_for_runs (window, 1);
  status = gloss_suggestions_panel_get_suggester_status (window->suggestions_panel, "model");
  g_test_message ("model: %s", status);
  g_assert_nonnull (strstr (status, "2 so far"));
  g_assert_null (window->suggest.model);
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&window);

  /* five: it learns, and proposes what it learnt */
  annotate_documents (fixture->path, 2, 5);
  {
    g_autoptr(GlossProject) project = gloss_project_open (fixture->path, &error);

    g_assert_no_error (error);
    gloss_project_add_document (project, "unread", "Officials in Pyongyang denied the report.",
                                -1, NULL, &error);
    g_assert_no_error (error);
  }
  window = open_project_window (fixture->path, "wire");
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.suggest", NULL);
  wait_for_runs (window, 1);
  status = gloss_suggestions_panel_get_suggester_status (window->suggestions_panel, "model");
  g_test_message ("model: %s", status);
  g_assert_nonnull (window->suggest.model);
  g_assert_nonnull (strstr (status, "pending"));

  /* an annotation made: it learns again once the annotations rest */
  {
    GlossFragment f = { 26, 36 };
    g_autoptr(GlossAnnotation) a = gloss_annotation_new ("SOURCE", &f, 1, "tester");
    g_autoptr(GlossCommand) command = gloss_command_new ("Annotate");
    gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

    gloss_command_create_annotation (command, a);
    g_assert_true (gloss_annotation_list_apply (window->annotations, command, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (window->suggest.n_trainings, ==, 0);
    while (window->suggest.n_trainings == 0 && g_get_monotonic_time () < deadline)
      iterate_main_context (50);
    g_assert_cmpuint (window->suggest.n_trainings, ==, 1);
    g_assert_nonnull (strstr (gloss_suggestions_panel_get_suggester_status (
                                window->suggestions_panel, "model"),
                              "Learned at"));
  }

  /* Alt+Shift+Down: the unannotated document the model is least sure of
   * (the open one aside) */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.next-uncertain", NULL);
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (window->suggest.n_uncertain == 0 && g_get_monotonic_time () < deadline)
      iterate_main_context (20);
  }
  g_assert_cmpuint (window->suggest.n_uncertain, ==, 1);
  g_assert_cmpstr (gloss_document_get_name (window->document), ==, "unread");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* On a keyring (with-keyring.sh): the key typed in Project Properties is
 * kept there under the server's address, the window's suggesters read it
 * back, and the project file never holds it; an empty key removes it. */
static void
test_keyring (Fixture      *fixture,
              gconstpointer data)
{
  g_autoptr(GlossWindow) window = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *settings = NULL;
  g_autofree char *key = NULL;
  GtkWidget       *properties;
  gint64           deadline;

  if (g_getenv ("GLOSS_TEST_KEYRING") == NULL)
    {
      g_test_skip ("needs a keyring of its own: run by with-keyring.sh");
      return;
    }
  window = open_project_window (fixture->path, "wire");
  gtk_window_present (GTK_WINDOW (window));
  properties = open_properties (window);
  apply (row (properties, "openai_url_row"), "http://127.0.0.1:1/v1");
  apply (row (properties, "openai_key_row"), "sk-kept-in-the-keyring");
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (g_str_has_prefix (status_of (properties), "Keeping") &&
         g_get_monotonic_time () < deadline)
    iterate_main_context (20);
  g_assert_cmpstr (status_of (properties), ==, "The key is kept in the keyring.");
  /* the field is emptied: the key is not left on the screen */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (properties, "openai_key_row"))), ==,
                   "");
  key = gloss_secrets_lookup_api_key ("http://127.0.0.1:1/v1", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, "sk-kept-in-the-keyring");
  settings = dup_all_settings (fixture->path);
  g_assert_null (strstr (settings, "sk-kept"));

  apply (row (properties, "openai_key_row"), "");
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (g_str_has_prefix (status_of (properties), "Keeping") &&
         g_get_monotonic_time () < deadline)
    iterate_main_context (20);
  g_assert_cmpstr (status_of (properties), ==, "The key is removed from the keyring.");
  g_clear_pointer (&key, g_free);
  key = gloss_secrets_lookup_api_key ("http://127.0.0.1:1/v1", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (key);
  gtk_window_destroy (GTK_WINDOW (properties));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Highest score first: N walks the pending suggestions by falling score,
 * the list shows them so, and a decision goes on to the next in that
 * order; off again, N follows the text. */
static void
test_by_score (Fixture      *fixture,
               gconstpointer data)
{
  g_autoptr(GlossWindow) window = open_project_window (fixture->path, "wire");
  GlossDocumentView *view;
  g_autoptr(GSettings) settings = g_settings_new ("io.github.glossapp.Gloss");
  g_autoptr(GPtrArray) pending = NULL;
  double last = 2;
  guint n;

  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.suggest", NULL);
  wait_for_runs (window, 1);
  view = GLOSS_DOCUMENT_VIEW (gloss_window_get_view (window));
  g_settings_set_boolean (settings, "suggestions-by-score", TRUE);
  g_assert_true (gloss_document_view_get_suggestions_by_score (view));
  pending = gloss_document_view_dup_pending_suggestions (view);
  n = pending->len;
  g_assert_cmpuint (n, >=, 3);
  for (guint i = 0; i < n; i++)
    {
      double score = gloss_suggestion_get_score (g_ptr_array_index (pending, i));

      g_assert_cmpfloat (score, <=, last);
      last = score;
    }
  /* N: the first of that order, then the second */
  g_assert_true (gloss_document_view_select_next_suggestion (view, 1));
  g_assert_true (gloss_document_view_get_selected_suggestion (view) ==
                 g_ptr_array_index (pending, 0));
  g_assert_true (gloss_document_view_select_next_suggestion (view, 1));
  g_assert_true (gloss_document_view_get_selected_suggestion (view) ==
                 g_ptr_array_index (pending, 1));
  /* a rejection goes on to the third */
  g_assert_true (gloss_document_view_reject_suggestion (view));
  g_assert_true (gloss_document_view_get_selected_suggestion (view) ==
                 g_ptr_array_index (pending, 2));
  g_assert_cmpuint (gloss_suggestions_panel_get_n_rows (window->suggestions_panel), ==, n - 1);

  g_settings_set_boolean (settings, "suggestions-by-score", FALSE);
  g_assert_false (gloss_document_view_get_suggestions_by_score (view));
  g_clear_pointer (&pending, g_ptr_array_unref);
  pending = gloss_document_view_dup_pending_suggestions (view);
  for (guint i = 1; i < pending->len; i++)
    g_assert_cmpuint (gloss_suggestion_get_start (g_ptr_array_index (pending, i - 1)), <=,
                      gloss_suggestion_get_start (g_ptr_array_index (pending, i)));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GLOSS_ANNOTATOR", "tester", TRUE);
  /* No session bus, so no keyring: what the dialog says then is tested
   * whatever the machine's keyring would do (prompt, or keep the key);
   * with-keyring.sh gives the keyring case one of its own. */
  if (g_getenv ("GLOSS_TEST_KEYRING") == NULL)
    g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/gloss-test-bus", TRUE);
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_printerr ("No display: skipping the UI tests\n");
      return 77;
    }
  adw_init ();

  g_test_add ("/ui/suggest/settings/properties-and-switches", Fixture, NULL, fixture_setup,
              test_properties_and_switches, fixture_teardown);
  g_test_add ("/ui/suggest/settings/model", Fixture, NULL, fixture_setup, test_model,
              fixture_teardown);
  g_test_add ("/ui/suggest/settings/keyring", Fixture, NULL, fixture_setup, test_keyring,
              fixture_teardown);
  g_test_add ("/ui/suggest/settings/by-score", Fixture, NULL, fixture_setup, test_by_score,
              fixture_teardown);

  return g_test_run ();
}
