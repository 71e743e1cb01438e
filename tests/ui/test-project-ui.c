/* test-project-ui.c: new project, project properties, recent projects, document list filters
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run under Xvfb: xvfb-run -a meson test -C _build --suite ui
 * Screenshots of the dialogs and the filtered window go to
 * $GLOSS_BUILD_DIR/tests/artifacts/.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <sqlite3.h>

#include "gloss-annotation-list.h"
#include "gloss-annotation.h"
#include "gloss-command.h"
#include "gloss-document-list-private.h"
#include "gloss-document.h"
#include "gloss-new-project-dialog.h"
#include "gloss-project-properties.h"
#include "gloss-project.h"
#include "gloss-schema.h"
#include "gloss-store.h"
#include "gloss-window-private.h"
#include "gloss-window.h"
#include "ui-test-util.h"

typedef struct
{
  char         *dir;
  char         *path;
  GlossProject *project;
} Fixture;

static const char *texts[][2] = {
  { "alpha", "The minister said the budget would rise. Informants in Singapore were paid." },
  { "bravo", "A court in Lyon heard the case on Monday; the judge adjourned it." },
  { "charlie", "Rain is expected across the north; the agency warned of floods." },
  { "delta", "Nothing to report from the harbour, officials told reporters." },
};

static void
remove_project (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("gloss-project-ui-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "test.gloss", NULL);
  fixture->project = gloss_project_create (fixture->path, NULL, &error);
  g_assert_no_error (error);
  gloss_project_set_annotator (fixture->project, "tester");

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      gloss_project_add_document (fixture->project, texts[i][0], texts[i][1], -1, NULL, &error);
      g_assert_no_error (error);
    }
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_clear_object (&fixture->project);
  remove_project (fixture->path);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
project_created_cb (GlossNewProjectDialog  *dialog,
                    GlossProject           *project,
                    GFile                  *file,
                    GlossProject          **out)
{
  g_set_object (out, project);
}

static void
test_new_project (Fixture       *fixture,
                  gconstpointer  user_data)
{
  const char * const presets[] = { "news", "conll2003", "ontonotes" };

  for (guint i = 0; i <= G_N_ELEMENTS (presets); i++)
    {
      g_autofree char *name = g_strdup_printf ("new-%u.gloss", i);
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_autofree char *schema_path = g_build_filename (fixture->dir, "schema.json", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GlossProject) created = NULL;
      g_autoptr(GlossProject) returned = NULL;
      g_autoptr(GError) error = NULL;
      GtkWidget *dialog;
      GtkWidget *create_button;
      const char *expected;

      dialog = gloss_new_project_dialog_new (NULL, file);
      g_object_ref (dialog);
      g_signal_connect (dialog, "project-created", G_CALLBACK (project_created_cb), &created);
      gtk_window_present (GTK_WINDOW (dialog));
      iterate_main_context (50);
      g_assert_true (gloss_new_project_dialog_get_file (GLOSS_NEW_PROJECT_DIALOG (dialog)) ==
                     file);
      /* News is the default. */
      if (i == 0)
        {
          g_assert_cmpstr (gloss_new_project_dialog_get_preset (GLOSS_NEW_PROJECT_DIALOG (dialog)),
                           ==, "news");
          save_screenshot (dialog, "new-project-dialog.png");
        }

      if (i < G_N_ELEMENTS (presets))
        {
          gloss_new_project_dialog_set_preset (GLOSS_NEW_PROJECT_DIALOG (dialog), presets[i]);
          expected = presets[i];
        }
      else
        {
          /* From a file: a schema written by another project (CoNLL's). */
          g_autoptr(GlossSchema) schema = gloss_schema_new_preset ("conll2003", &error);
          g_autofree char *json = NULL;
          g_autoptr(GFile) schema_file = g_file_new_for_path (schema_path);

          g_assert_no_error (error);
          json = gloss_schema_to_json (schema);
          g_assert_true (g_file_set_contents (schema_path, json, -1, &error));
          g_assert_no_error (error);

          gloss_new_project_dialog_set_preset (GLOSS_NEW_PROJECT_DIALOG (dialog), NULL);
          g_assert_null (gloss_new_project_dialog_get_preset (GLOSS_NEW_PROJECT_DIALOG (dialog)));
          /* Nothing to create from yet. */
          create_button = gtk_window_get_default_widget (GTK_WINDOW (dialog));
          g_assert_false (gtk_widget_get_sensitive (create_button));
          g_assert_null (gloss_new_project_dialog_create (GLOSS_NEW_PROJECT_DIALOG (dialog),
                                                          &error));
          g_assert_nonnull (error);
          g_clear_error (&error);
          g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

          gloss_new_project_dialog_set_schema_file (GLOSS_NEW_PROJECT_DIALOG (dialog),
                                                    schema_file);
          g_assert_true (gtk_widget_get_sensitive (create_button));
          iterate_main_context (50);
          save_screenshot (dialog, "new-project-dialog-file.png");
          expected = "conll2003";
        }

      returned = gloss_new_project_dialog_create (GLOSS_NEW_PROJECT_DIALOG (dialog), &error);
      g_assert_no_error (error);
      g_assert_nonnull (returned);
      g_assert_true (created == returned);
      g_assert_cmpstr (gloss_schema_get_name (gloss_project_get_schema (returned)), ==, expected);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

      /* The schema is stored: opening the file again gives it back. */
      g_clear_object (&created);
      g_clear_object (&returned);
      {
        g_autoptr(GlossProject) reopened = gloss_project_open (path, &error);

        g_assert_no_error (error);
        g_assert_cmpstr (gloss_schema_get_name (gloss_project_get_schema (reopened)), ==,
                         expected);
      }

      /* Create closes the dialog. */
      iterate_main_context (20);
      g_assert_finalize_object (dialog);
      remove_project (path);
      g_unlink (schema_path);
    }
}

static void
test_properties (Fixture       *fixture,
                 gconstpointer  user_data)
{
  GlossDocument *document = gloss_project_find_document (fixture->project, "alpha");
  g_autoptr(GlossAnnotationList) annotations = NULL;
  g_autoptr(GlossCommand) command = NULL;
  g_autoptr(GError) error = NULL;
  GlossProjectProperties *properties;
  GtkWidget *dialog;

  annotations = gloss_project_dup_annotation_list (fixture->project, document, &error);
  g_assert_no_error (error);
  command = gloss_command_new ("two");
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GlossAnnotation) annotation = gloss_annotation_new_span (i == 0 ? "PERSON" : "LOC",
                                                                         i * 10, i * 10 + 5,
                                                                         "tester");

      gloss_command_create_annotation (command, annotation);
    }
  g_assert_true (gloss_annotation_list_apply (annotations, command, &error));
  g_assert_no_error (error);

  dialog = g_object_ref (gloss_project_properties_new (NULL, fixture->project));
  properties = GLOSS_PROJECT_PROPERTIES (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  iterate_main_context (50);
  save_screenshot (dialog, "project-properties.png");

  g_assert_true (g_str_has_suffix (gloss_project_properties_get_value (properties, "path"),
                                   "test.gloss"));
  g_assert_cmpstr (gloss_project_properties_get_value (properties, "documents"), ==, "4");
  g_assert_cmpstr (gloss_project_properties_get_value (properties, "annotations"), ==, "2");
  g_assert_cmpstr (gloss_project_properties_get_value (properties, "relations"), ==, "0");
  g_assert_cmpstr (gloss_project_properties_get_value (properties, "annotators"), ==, "1");
  g_assert_cmpstr (gloss_project_properties_get_value (properties, "schema"), ==, "news");
  g_assert_nonnull (gloss_project_properties_get_value (properties, "size"));
  /* A date, not the fallback. */
  g_assert_nonnull (strstr (gloss_project_properties_get_value (properties, "created"), "20"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  iterate_main_context (20);
  g_assert_finalize_object (dialog);
}

static GPtrArray *
shown_names (GlossWindow *window)
{
  GListModel *list = _gloss_window_get_document_list (window);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GlossDocument) document = g_list_model_get_item (list, i);

      g_ptr_array_add (names, g_strdup (gloss_document_get_name (document)));
    }
  g_ptr_array_add (names, NULL);

  return names;
}

static void
assert_shown (GlossWindow *window,
              const char  *expected)
{
  g_autoptr(GPtrArray) names = shown_names (window);
  g_autofree char *joined = g_strjoinv (" ", (char **) names->pdata);

  g_assert_cmpstr (joined, ==, expected);
}

/* Until the document search's matches are shown (a worker thread queries
 * the project file 200 ms after the last change). */
static void
wait_for_search (GlossWindow *window)
{
  gint64 until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  iterate_main_context (20);
  while (_gloss_window_is_searching_documents (window) && g_get_monotonic_time () < until)
    iterate_main_context (10);
  g_assert_false (_gloss_window_is_searching_documents (window));
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  user_data)
{
  GlossStore *store = gloss_project_get_store (fixture->project);
  g_autoptr(GError) error = NULL;
  GlossWindow *window;
  GtkDropDown *status;
  GtkEditable *search;

  /* bravo done, charlie in progress for "tester"; delta done by someone else. */
  g_assert_true (gloss_store_set_document_status (
    store, gloss_document_get_id (gloss_project_find_document (fixture->project, "bravo")),
    "tester", GLOSS_DOCUMENT_STATUS_DONE, 1, &error));
  g_assert_true (gloss_store_set_document_status (
    store, gloss_document_get_id (gloss_project_find_document (fixture->project, "charlie")),
    "tester", GLOSS_DOCUMENT_STATUS_IN_PROGRESS, 1, &error));
  g_assert_true (gloss_store_set_document_status (
    store, gloss_document_get_id (gloss_project_find_document (fixture->project, "delta")),
    "other", GLOSS_DOCUMENT_STATUS_DONE, 1, &error));
  g_assert_no_error (error);

  window = g_object_ref (gloss_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  gtk_window_present (GTK_WINDOW (window));
  gloss_window_set_project (window, fixture->project);
  g_assert_cmpstr (gloss_project_get_annotator (fixture->project), ==, "tester");
  gloss_window_restore_document (window);
  iterate_main_context (100);
  status = _gloss_window_get_status_dropdown (window);
  search = _gloss_window_get_search_entry (window);

  assert_shown (window, "alpha bravo charlie delta");
  gtk_drop_down_set_selected (status, 1);
  assert_shown (window, "alpha delta");
  gtk_drop_down_set_selected (status, 2);
  assert_shown (window, "charlie");
  gtk_drop_down_set_selected (status, 3);
  assert_shown (window, "bravo");
  iterate_main_context (600);
  save_screenshot (GTK_WIDGET (window), "window-status-filter.png");

  /* Marking the open document done updates the list (alpha is open). */
  g_assert_cmpstr (gloss_document_get_name (gloss_window_get_document (window)), ==, "alpha");
  /* The title names the document and the project. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "alpha — test");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.mark-done", NULL));
  iterate_main_context (50);
  assert_shown (window, "alpha bravo");
  gtk_drop_down_set_selected (status, 1);
  assert_shown (window, "delta");
  gtk_drop_down_set_selected (status, 0);
  assert_shown (window, "alpha bravo charlie delta");

  /* Names (anywhere in the name) and words of the texts (the last one
   * as typed so far), once the entry's delay is over; until then the list
   * stays as it was. */
  gtk_editable_set_text (search, "ha");
  g_assert_true (_gloss_window_is_searching_documents (window));
  assert_shown (window, "alpha bravo charlie delta");
  wait_for_search (window);
  assert_shown (window, "alpha charlie delta");   /* delta: "harbour" */
  gtk_editable_set_text (search, "informants");
  wait_for_search (window);
  assert_shown (window, "alpha");
  gtk_editable_set_text (search, "agency the");
  wait_for_search (window);
  assert_shown (window, "");
  gtk_editable_set_text (search, "the agen");
  wait_for_search (window);
  assert_shown (window, "charlie");
  gtk_editable_set_text (search, "the agency");
  wait_for_search (window);
  assert_shown (window, "charlie");
  /* Both filters at once. */
  gtk_drop_down_set_selected (status, 2);
  assert_shown (window, "charlie");
  gtk_drop_down_set_selected (status, 3);
  assert_shown (window, "");
  gtk_editable_set_text (search, "");
  assert_shown (window, "alpha bravo");
  gtk_drop_down_set_selected (status, 0);
  assert_shown (window, "alpha bravo charlie delta");

  gtk_window_destroy (GTK_WINDOW (window));
  iterate_main_context (50);
  g_assert_finalize_object (window);
}

/* Typing into the document search, one character every 30 ms, on a
 * project of 2,000 documents: the list then shows what a plain scan of the
 * names and texts finds, and only the rows on screen were read. A document
 * added while the search is up shows when it matches. */
static void
test_filter_typing (Fixture       *fixture,
                    gconstpointer  user_data)
{
  static const char *places[] = { "Pyongyang", "Seoul", "Vienna", "Bogotá", "Pyinmana" };
  static const char typed[] = "pyongyan";
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) loaded = NULL;
  GlossStore *store = gloss_project_get_store (fixture->project);
  GlossWindow *window;
  GtkEditable *search;
  GListModel *list;

  g_assert_true (gloss_store_begin (store, &error));
  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *name = g_strdup_printf (i % 97 == 0 ? "pyongyang-desk-%04u" : "wire-%04u",
                                               i);
      g_autofree char *text = g_strdup_printf ("Officials in %s said the envoy left on day %u.",
                                               places[i % G_N_ELEMENTS (places)], i);

      g_assert_nonnull (gloss_project_add_document (fixture->project, name, text, -1, NULL,
                                                    &error));
      g_assert_no_error (error);
    }
  g_assert_true (gloss_store_commit (store, &error));
  g_assert_true (gloss_project_reload_documents (fixture->project, &error));

  /* The plain way: in name order, a name that holds the letters or a text
   * with a word that starts with them. */
  {
    GListModel *all = gloss_project_get_documents (fixture->project);

    for (guint i = 0; i < g_list_model_get_n_items (all); i++)
      {
        g_autoptr(GlossDocument) document = g_list_model_get_item (all, i);
        const char *name = gloss_document_get_name (document);
        const char *text = gloss_document_get_text (document);

        if (strstr (name, typed) != NULL || strstr (text, " Pyongyang ") != NULL)
          g_ptr_array_add (expected, g_strdup (name));
      }
    g_assert_cmpuint (expected->len, >, 400);
  }

  /* A new window on the project reopened: its list has read no document. */
  g_clear_object (&fixture->project);
  fixture->project = gloss_project_open (fixture->path, &error);
  g_assert_no_error (error);
  window = g_object_ref (gloss_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  gtk_window_present (GTK_WINDOW (window));
  gloss_window_set_project (window, fixture->project);
  iterate_main_context (100);
  search = _gloss_window_get_search_entry (window);
  list = _gloss_window_get_document_list (window);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2004);

  gtk_widget_grab_focus (GTK_WIDGET (search));
  for (guint i = 1; i <= strlen (typed); i++)
    {
      g_autofree char *prefix = g_strndup (typed, i);

      gtk_editable_set_text (search, prefix);
      gtk_editable_set_position (search, -1);
      iterate_main_context (30);
    }
  wait_for_search (window);
  iterate_main_context (50);

  /* Only rows put on screen (for each intermediate result too) were read:
   * filtering on the documents' "name" property read all 2,004. */
  loaded = _gloss_document_list_dup_loaded (GLOSS_DOCUMENT_LIST (
    gloss_project_get_documents (fixture->project)));
  g_assert_cmpuint (loaded->len, <, 1000);

  {
    g_autoptr(GPtrArray) names = shown_names (window);

    g_assert_cmpuint (names->len - 1, ==, expected->len);
    for (guint i = 0; i < expected->len; i++)
      g_assert_cmpstr (names->pdata[i], ==, expected->pdata[i]);
  }

  /* A new document that matches joins the list. */
  g_assert_nonnull (gloss_project_add_document (fixture->project, "late",
                                                "Pyongyang answered late.", -1, NULL, &error));
  g_assert_no_error (error);
  iterate_main_context (20);
  wait_for_search (window);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, expected->len + 1);

  gtk_editable_set_text (search, "");
  iterate_main_context (20);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2005);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate_main_context (50);
  g_assert_finalize_object (window);
}

/* Another program imports 2,050 documents, adds an annotation to the open
 * document and a label to the schema: the open window shows each within
 * 5 s, without a click. */
static void
test_follows_other_programs (Fixture       *fixture,
                             gconstpointer  user_data)
{
  const char *build = g_getenv ("GLOSS_BUILD_DIR");
  g_autofree char *cli = build ? g_build_filename (build, "src", "cli", "gloss-cli", NULL) : NULL;
  g_autofree char *folder = g_build_filename (fixture->dir, "incoming", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossAnnotationList) shown = NULL;
  GlossWindow *window;
  GListModel *list;
  int status = 0;
  gint64 t0;

  if (cli == NULL || !g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("gloss-cli is not built");
      return;
    }
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  for (guint i = 0; i < 2050; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s/wire-%04u.txt", folder, i);
      g_autofree char *text = g_strdup_printf ("Report %u: officials in Vienna said nothing.", i);

      g_assert_true (g_file_set_contents (name, text, -1, &error));
    }

  window = g_object_ref (gloss_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  gtk_window_present (GTK_WINDOW (window));
  gloss_window_set_project (window, fixture->project);
  g_assert_true (gloss_window_select_document (window, "alpha"));
  iterate_main_context (100);
  list = _gloss_window_get_document_list (window);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 4);

  {
    const char *argv[] = { cli, "import", fixture->path, folder, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                                 NULL, NULL, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, &error));
  }
  t0 = g_get_monotonic_time ();
  while (g_list_model_get_n_items (list) < 2054 && g_get_monotonic_time () - t0 < 5 * G_USEC_PER_SEC)
    iterate_main_context (20);
  g_test_message ("2,050 imported documents shown %.2f s after gloss-cli import ended",
                  (g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2054);

  /* an annotation on the open document, and a new label */
  shown = gloss_project_dup_annotation_list (fixture->project,
                                             gloss_window_get_document (window), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shown)), ==, 0);
  {
    g_autoptr(GlossProject) other = gloss_project_open (fixture->path, &error);
    g_autoptr(GlossAnnotationList) theirs = NULL;
    g_autoptr(GlossCommand) cmd = gloss_command_new ("create");
    g_autoptr(GlossAnnotation) a = gloss_annotation_new_span ("GPE", 53, 62, NULL);
    g_autoptr(GlossLabel) label = gloss_label_new ("WEAPON", "entity", "#a51d2d", "w", NULL);

    g_assert_no_error (error);
    theirs = gloss_project_dup_annotation_list (other, gloss_project_find_document (other,
                                                                                    "alpha"),
                                                &error);
    g_assert_no_error (error);
    gloss_command_create_annotation (cmd, a);
    g_assert_true (gloss_annotation_list_apply (theirs, cmd, &error));
    g_assert_true (gloss_schema_add_label (gloss_project_get_schema (other), label, &error));
    g_assert_no_error (error);
  }
  t0 = g_get_monotonic_time ();
  while ((gloss_schema_lookup_label (gloss_project_get_schema (fixture->project), "WEAPON") == NULL ||
          g_list_model_get_n_items (G_LIST_MODEL (shown)) == 0) &&
         g_get_monotonic_time () - t0 < 5 * G_USEC_PER_SEC)
    iterate_main_context (20);
  g_test_message ("the annotation and the label shown %.2f s after they were committed",
                  (g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC);
  g_assert_nonnull (gloss_schema_lookup_label (gloss_project_get_schema (fixture->project),
                                               "WEAPON"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shown)), ==, 1);
  g_assert_cmpstr (gloss_document_get_name (gloss_window_get_document (window)), ==, "alpha");
  save_screenshot (GTK_WIDGET (window), "window-followed-other-programs.png");

  gtk_window_destroy (GTK_WINDOW (window));
  iterate_main_context (50);
  g_assert_finalize_object (window);
  for (guint i = 0; i < 2050; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s/wire-%04u.txt", folder, i);
      g_unlink (name);
    }
  g_rmdir (folder);
}

/* A project that cannot be written opens with a banner that says so, and
 * an edit is refused with a message. */
static void
test_read_only_banner (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = NULL;
  GlossWindow *window;
  const char *banner;

  g_clear_object (&fixture->project);
  g_assert_cmpint (g_chmod (fixture->path, 0444), ==, 0);
  project = gloss_project_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (gloss_project_is_read_only (project));

  window = g_object_ref (gloss_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  gtk_window_present (GTK_WINDOW (window));
  gloss_window_set_project (window, project);
  g_assert_true (gloss_window_select_document (window, "alpha"));
  iterate_main_context (300);
  banner = _gloss_window_get_banner (window);
  g_assert_nonnull (banner);
  g_assert_nonnull (strstr (banner, "read-only"));
  g_assert_nonnull (strstr (banner, "permissions"));
  save_screenshot (GTK_WIDGET (window), "window-read-only.png");

  gtk_window_destroy (GTK_WINDOW (window));
  iterate_main_context (50);
  g_assert_finalize_object (window);
  g_chmod (fixture->path, 0644);
}

/* A damaged project opens with the rest: a row that cannot be read is left
 * out of its document (the banner counts it), and a document whose text is
 * damaged is refused instead of reaching the view. */
static void
test_damaged_rows (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GlossAnnotationList) list = NULL;
  GlossWindow *window;
  const char *banner;
  sqlite3 *db;

  list = gloss_project_dup_annotation_list (fixture->project,
                                            gloss_project_find_document (fixture->project,
                                                                         "alpha"), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GlossCommand) cmd = gloss_command_new ("create");
      g_autoptr(GlossAnnotation) a = gloss_annotation_new_span ("PERSON", 4 + 9 * i, 12 + 9 * i,
                                                                NULL);

      gloss_annotation_set_uuid (a, i == 0 ? "good" : "bad");
      gloss_command_create_annotation (cmd, a);
      g_assert_true (gloss_annotation_list_apply (list, cmd, &error));
      g_assert_no_error (error);
    }
  g_clear_object (&list);
  g_clear_object (&fixture->project);
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE annotations SET attributes = '{broken' "
                                     "WHERE uuid = 'bad'; UPDATE documents SET text = "
                                     "CAST (x'4b696d20e9746f6c64' AS TEXT) WHERE name = 'bravo'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  project = gloss_project_open (fixture->path, &error);
  g_assert_no_error (error);
  window = g_object_ref (gloss_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  gtk_window_present (GTK_WINDOW (window));
  gloss_window_set_project (window, project);
  g_assert_true (gloss_window_select_document (window, "alpha"));
  iterate_main_context (300);
  list = gloss_project_dup_annotation_list (project, gloss_window_get_document (window), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  banner = _gloss_window_get_banner (window);
  g_assert_nonnull (banner);
  g_test_message ("banner: %s", banner);
  g_assert_nonnull (strstr (banner, "1 damaged row"));
  save_screenshot (GTK_WIDGET (window), "window-damaged-rows.png");

  g_assert_false (gloss_window_select_document (window, "bravo"));
  iterate_main_context (100);
  g_assert_cmpstr (gloss_document_get_name (gloss_window_get_document (window)), ==, "alpha");

  g_clear_object (&list);
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_main_context (50);
  g_assert_finalize_object (window);
}

/* A project whose table was replaced by a view is refused by the window
 * with a message that says so, instead of showing an empty project. */
static void
test_altered_refused (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (fixture->path);
  GlossWindow *window;
  sqlite3 *db;

  g_clear_object (&fixture->project);
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP TABLE relations; CREATE VIEW relations AS "
                                     "SELECT * FROM annotations", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  window = g_object_ref (gloss_window_new (NULL));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_false (gloss_window_open_file (window, file, &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "“relations” is missing or is not a table"));
  g_assert_null (gloss_window_get_project (window));
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_main_context (50);
  g_assert_finalize_object (window);
}

static void
test_recent_menu (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GFile) file = g_file_new_for_path (fixture->path);
  g_autofree char *uri = g_file_get_uri (file);
  g_auto(GStrv) recent = NULL;
  GMenuModel *menu;
  GlossWindow *window;

  window = g_object_ref (gloss_window_new (NULL));
  menu = _gloss_window_get_recent_menu (window);

  /* Nothing recent: one disabled item. */
  g_settings_set_strv (settings, "recent-projects", NULL);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 1);
  {
    g_autofree char *action = NULL;

    /* A disabled action: the item shows but does nothing. */
    g_assert_true (g_menu_model_get_item_attribute (menu, 0, G_MENU_ATTRIBUTE_ACTION, "s",
                                                    &action));
    g_assert_cmpstr (action, ==, "win.no-recent");
  }

  /* Missing files are left out, at most ten, newest first. */
  g_strv_builder_add (builder, "file:///nonexistent/gone.gloss");
  for (guint i = 0; i < 12; i++)
    g_strv_builder_add (builder, uri);
  recent = g_strv_builder_end (builder);
  g_settings_set_strv (settings, "recent-projects", (const char * const *) recent);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 10);
  {
    g_autofree char *label = NULL;
    g_autofree char *action = NULL;
    g_autoptr(GVariant) target = NULL;

    g_assert_true (g_menu_model_get_item_attribute (menu, 0, G_MENU_ATTRIBUTE_LABEL, "s",
                                                    &label));
    g_assert_cmpstr (label, ==, "test.gloss");
    g_assert_true (g_menu_model_get_item_attribute (menu, 0, G_MENU_ATTRIBUTE_ACTION, "s",
                                                    &action));
    g_assert_cmpstr (action, ==, "app.open-recent");
    target = g_menu_model_get_item_attribute_value (menu, 0, G_MENU_ATTRIBUTE_TARGET,
                                                    G_VARIANT_TYPE_STRING);
    g_assert_cmpstr (g_variant_get_string (target, NULL), ==, uri);
  }

  g_settings_set_strv (settings, "recent-projects", NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_main_context (20);
  g_assert_finalize_object (window);
}

static void
test_properties_action (Fixture       *fixture,
                        gconstpointer  user_data)
{
  GlossWindow *window = g_object_ref (gloss_window_new (NULL));
  GtkWidget *dialog = NULL;
  GListModel *toplevels;

  gtk_window_present (GTK_WINDOW (window));
  gloss_window_set_project (window, fixture->project);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.project-properties",
                                             NULL));
  iterate_main_context (50);
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (GLOSS_IS_PROJECT_PROPERTIES (toplevel))
        dialog = toplevel;
    }
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (dialog));

  gtk_window_destroy (GTK_WINDOW (window));
  iterate_main_context (50);
  g_assert_finalize_object (window);
}

/* Font and word snapping apply to the open window as soon as they change. */
static void
test_preferences_live (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GlossWindow *window = g_object_ref (gloss_window_new (NULL));
  GtkWidget *view = gloss_window_get_view (window);
  g_autofree char *font = NULL;
  gboolean snap = TRUE;

  gtk_window_present (GTK_WINDOW (window));
  gloss_window_set_project (window, fixture->project);
  g_assert_true (gloss_window_select_document (window, "alpha"));
  iterate_main_context (50);

  g_settings_set_string (settings, "font", "Sans Bold 17");
  g_settings_set_boolean (settings, "snap-to-words", FALSE);
  g_object_get (view, "font", &font, "snap-to-words", &snap, NULL);
  g_assert_cmpstr (font, ==, "Sans Bold 17");
  g_assert_false (snap);

  g_settings_reset (settings, "font");
  g_settings_reset (settings, "snap-to-words");
  g_clear_pointer (&font, g_free);
  g_object_get (view, "font", &font, "snap-to-words", &snap, NULL);
  g_assert_cmpstr (font, ==, "Serif 12");
  g_assert_true (snap);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate_main_context (50);
  g_assert_finalize_object (window);
}

/* The shortcuts window lists every group; a screenshot to look at. */
static void
test_shortcuts_window (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PREFIX
                                                                 "/gtk/help-overlay.ui");
  GtkWidget *overlay = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
  const char *groups[] = { "Project", "Documents", "Annotating", "Relations", "Find",
                           "Curation", "General" };
  guint found = 0;
  GLogLevelFlags old_fatal;

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  for (GSList *l = gtk_builder_get_objects (builder), *list = l; l != NULL; l = l->next)
    {
      if (GTK_IS_SHORTCUTS_GROUP (l->data))
        {
          g_autofree char *title = NULL;

          g_object_get (l->data, "title", &title, NULL);
          for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
            if (g_strcmp0 (title, groups[i]) == 0)
              found++;
        }
      if (l->next == NULL)
        g_slist_free (list);
    }
  g_assert_cmpuint (found, ==, G_N_ELEMENTS (groups));

  /* GTK 4.8's GtkShortcutsWindow warns about one of its own labels
   * ("reported min width -4") when it is shown: not fatal here. */
  old_fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  gtk_window_set_default_size (GTK_WINDOW (overlay), 1300, 800);
  gtk_window_present (GTK_WINDOW (overlay));
  iterate_main_context (300);
  save_screenshot (overlay, "shortcuts-window.png");
  gtk_window_destroy (GTK_WINDOW (overlay));
  iterate_main_context (20);
  g_log_set_always_fatal (old_fatal);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GLOSS_ANNOTATOR", "tester", TRUE);
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_printerr ("No display: skipping the UI tests\n");
      return 77;
    }
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);
  /* The application's style, as the app loads it: the screenshots look real. */
  {
    g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (provider),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  g_test_add ("/ui/project/new-project", Fixture, NULL,
              fixture_setup, test_new_project, fixture_teardown);
  g_test_add ("/ui/project/properties", Fixture, NULL,
              fixture_setup, test_properties, fixture_teardown);
  g_test_add ("/ui/project/properties-action", Fixture, NULL,
              fixture_setup, test_properties_action, fixture_teardown);
  g_test_add ("/ui/project/filters", Fixture, NULL,
              fixture_setup, test_filters, fixture_teardown);
  g_test_add ("/ui/project/filter-typing", Fixture, NULL,
              fixture_setup, test_filter_typing, fixture_teardown);
  g_test_add ("/ui/project/recent-menu", Fixture, NULL,
              fixture_setup, test_recent_menu, fixture_teardown);
  g_test_add ("/ui/project/follows-other-programs", Fixture, NULL,
              fixture_setup, test_follows_other_programs, fixture_teardown);
  g_test_add ("/ui/project/read-only-banner", Fixture, NULL,
              fixture_setup, test_read_only_banner, fixture_teardown);
  g_test_add ("/ui/project/damaged-rows", Fixture, NULL,
              fixture_setup, test_damaged_rows, fixture_teardown);
  g_test_add ("/ui/project/altered-refused", Fixture, NULL,
              fixture_setup, test_altered_refused, fixture_teardown);

  g_test_add ("/ui/project/preferences-live", Fixture, NULL,
              fixture_setup, test_preferences_live, fixture_teardown);
  g_test_add_func ("/ui/project/shortcuts-window", test_shortcuts_window);

  return g_test_run ();
}
