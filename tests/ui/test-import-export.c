/* test-import-export.c: the Import and Export dialogs and their worker
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run under Xvfb: xvfb-run -a meson test -C _build --suite ui
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "gloss-annotation-list.h"
#include "gloss-annotation.h"
#include "gloss-document-view.h"
#include "gloss-document.h"
#include "gloss-export-dialog-private.h"
#include "gloss-format.h"
#include "gloss-import-dialog-private.h"
#include "gloss-jsonl.h"
#include "gloss-project.h"
#include "gloss-schema.h"
#include "gloss-window.h"
#include "ui-test-util.h"

typedef struct
{
  char         *dir;
  char         *path;
  GlossProject *project;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("gloss-import-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "test.gloss", NULL);
  fixture->project = gloss_project_create (fixture->path, NULL, &error);
  g_assert_no_error (error);
  gloss_project_set_annotator (fixture->project, "tester");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_clear_object (&fixture->project);
  remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
wait_import (GlossImportDialog *dialog)
{
  gint64 until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (_gloss_import_dialog_is_running (dialog))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, until);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
wait_export (GlossExportDialog *dialog)
{
  gint64 until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (_gloss_export_dialog_is_running (dialog))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, until);
      g_main_context_iteration (NULL, TRUE);
    }
}

static char *
sample_path (const char *name)
{
  return g_build_filename (g_getenv ("GLOSS_SOURCE_DIR"), "data", "samples", name, NULL);
}

static GPtrArray *
sample_texts (void)
{
  g_autofree char *dir_path = sample_path ("");
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (paths, g_build_filename (dir_path, name, NULL));
  g_ptr_array_sort (paths, (GCompareFunc) g_strcmp0);
  g_assert_cmpuint (paths->len, >=, 3);
  return paths;
}

static char *
write_bad_file (Fixture *fixture)
{
  static const char bad[] = "A line of text.\nAnd then \xff\xfe bytes that are no UTF-8.\n";
  g_autofree char *path = g_build_filename (fixture->dir, "broken.txt", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, bad, sizeof bad - 1, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static guint
n_documents (GlossProject *project)
{
  return g_list_model_get_n_items (gloss_project_get_documents (project));
}

/* A second connection sees what the file holds. */
static guint
n_documents_on_disk (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) other = gloss_project_open (fixture->path, &error);

  g_assert_no_error (error);
  return n_documents (other);
}

static gboolean
problems_mention (GlossImportDialog *dialog,
                  const char        *needle)
{
  GListModel *problems = _gloss_import_dialog_get_problems (dialog);

  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(GtkStringObject) row = g_list_model_get_item (problems, i);

      if (strstr (gtk_string_object_get_string (row), needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
destroy_and_finalize (GtkWidget *widget)
{
  gtk_window_destroy (GTK_WINDOW (widget));
  iterate_main_context (20);
  g_assert_finalize_object (widget);
}

/* ---- tests ------------------------------------------------------------- */

static void
test_templates (Fixture       *fixture,
                gconstpointer  user_data)
{
  GtkWidget *widget;

  widget = g_object_ref (gloss_import_dialog_new (NULL, fixture->project));
  {
    g_autoptr(GPtrArray) paths = sample_texts ();
    g_autofree char *dir = sample_path ("");

    for (guint i = 0; i < paths->len; i++)
      {
        g_autoptr(GFile) file = g_file_new_for_path (g_ptr_array_index (paths, i));

        gloss_import_dialog_add_file (GLOSS_IMPORT_DIALOG (widget), file);
        /* twice: listed once */
        gloss_import_dialog_add_file (GLOSS_IMPORT_DIALOG (widget), file);
      }
    {
      g_autoptr(GFile) file = g_file_new_for_path (dir);

      gloss_import_dialog_add_file (GLOSS_IMPORT_DIALOG (widget), file);
    }
  }
  gtk_window_present (GTK_WINDOW (widget));
  iterate_main_context (200);
  save_screenshot (widget, "import-dialog.png");
  g_assert_false (_gloss_import_dialog_is_running (GLOSS_IMPORT_DIALOG (widget)));
  g_assert_null (_gloss_import_dialog_get_report (GLOSS_IMPORT_DIALOG (widget)));
  destroy_and_finalize (widget);

  widget = g_object_ref (gloss_export_dialog_new (NULL, fixture->project));
  gtk_window_present (GTK_WINDOW (widget));
  iterate_main_context (50);
  g_assert_true (_gloss_export_dialog_select_format (GLOSS_EXPORT_DIALOG (widget), "hf"));
  g_assert_true (_gloss_export_dialog_select_format (GLOSS_EXPORT_DIALOG (widget), "jsonl"));
  g_assert_false (_gloss_export_dialog_select_format (GLOSS_EXPORT_DIALOG (widget), "text"));
  /* Only "All annotators" in an empty project. */
  g_assert_cmpuint (g_list_model_get_n_items (
                      _gloss_export_dialog_get_annotators (GLOSS_EXPORT_DIALOG (widget))), ==, 1);
  destroy_and_finalize (widget);
}

static void
test_import_bad_file (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GPtrArray) paths = sample_texts ();
  g_autofree char *bad = write_bad_file (fixture);
  guint n_good = paths->len;
  GlossImportDialog *dialog;
  GlossImportReport *report;
  const GError *error;

  g_ptr_array_add (paths, g_strdup (bad));
  g_ptr_array_add (paths, NULL);

  /* Without "skip bad records": nothing is imported, the report names the
   * bad file. */
  dialog = g_object_ref (GLOSS_IMPORT_DIALOG (gloss_import_dialog_new (NULL, fixture->project)));
  gtk_window_present (GTK_WINDOW (dialog));
  _gloss_import_dialog_start (dialog, (const char * const *) paths->pdata, NULL, NULL, FALSE);
  g_assert_true (_gloss_import_dialog_is_running (dialog));
  wait_import (dialog);

  error = _gloss_import_dialog_get_error (dialog);
  g_assert_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_PROBLEMS);
  report = _gloss_import_dialog_get_report (dialog);
  g_assert_nonnull (report);
  g_assert_cmpuint (gloss_import_report_count (report, GLOSS_PROBLEM_ERROR), ==, 1);
  g_assert_cmpuint (report->n_documents, ==, 0);
  g_assert_true (problems_mention (dialog, "broken.txt"));
  g_assert_cmpuint (n_documents (fixture->project), ==, 0);
  g_assert_cmpuint (n_documents_on_disk (fixture), ==, 0);

  iterate_main_context (200);
  save_screenshot (GTK_WIDGET (dialog), "import-dialog-failed.png");
  destroy_and_finalize (GTK_WIDGET (dialog));

  /* With it: the good files are there, the bad one is reported. */
  dialog = g_object_ref (GLOSS_IMPORT_DIALOG (gloss_import_dialog_new (NULL, fixture->project)));
  gtk_window_present (GTK_WINDOW (dialog));
  _gloss_import_dialog_start (dialog, (const char * const *) paths->pdata, NULL, NULL, TRUE);
  wait_import (dialog);

  g_assert_no_error (_gloss_import_dialog_get_error (dialog));
  report = _gloss_import_dialog_get_report (dialog);
  g_assert_cmpuint (report->n_documents, ==, n_good);
  g_assert_cmpuint (gloss_import_report_count (report, GLOSS_PROBLEM_ERROR), ==, 1);
  g_assert_true (problems_mention (dialog, "broken.txt"));
  /* The window's project follows the worker's import. */
  g_assert_cmpuint (n_documents (fixture->project), ==, n_good);
  g_assert_cmpuint (n_documents_on_disk (fixture), ==, n_good);
  g_assert_nonnull (gloss_project_find_document (fixture->project, "spy-network-abroad"));

  iterate_main_context (200);
  save_screenshot (GTK_WIDGET (dialog), "import-dialog-report.png");
  destroy_and_finalize (GTK_WIDGET (dialog));
}

static void
test_import_cancel (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *folder = g_build_filename (fixture->dir, "many", NULL);
  GlossImportDialog *dialog;

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *name = g_strdup_printf ("article-%03u.txt", i);
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GError) error = NULL;

      for (guint j = 0; j < 200; j++)
        g_string_append_printf (text, "Sentence %u of article %u says something. ", j, i);
      g_file_set_contents (path, text->str, text->len, &error);
      g_assert_no_error (error);
      g_ptr_array_add (paths, g_steal_pointer (&path));
    }
  g_ptr_array_add (paths, NULL);

  dialog = g_object_ref (GLOSS_IMPORT_DIALOG (gloss_import_dialog_new (NULL, fixture->project)));
  gtk_window_present (GTK_WINDOW (dialog));
  _gloss_import_dialog_start (dialog, (const char * const *) paths->pdata, "text", NULL, FALSE);
  _gloss_import_dialog_cancel (dialog);
  wait_import (dialog);

  g_assert_error (_gloss_import_dialog_get_error (dialog), G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (n_documents (fixture->project), ==, 0);
  g_assert_cmpuint (n_documents_on_disk (fixture), ==, 0);
  destroy_and_finalize (GTK_WIDGET (dialog));

  /* Closing the window while it runs cancels too, and the window goes. */
  dialog = g_object_ref (GLOSS_IMPORT_DIALOG (gloss_import_dialog_new (NULL, fixture->project)));
  gtk_window_present (GTK_WINDOW (dialog));
  _gloss_import_dialog_start (dialog, (const char * const *) paths->pdata, "text", NULL, FALSE);
  gtk_window_close (GTK_WINDOW (dialog));
  wait_import (dialog);
  iterate_main_context (20);
  g_assert_finalize_object (dialog);
  g_assert_cmpuint (n_documents_on_disk (fixture), ==, 0);
  g_assert_cmpuint (n_documents (fixture->project), ==, 0);
}

/* Labels the import adds reach the window's schema object in place. */
static void
test_import_schema (Fixture       *fixture,
                    gconstpointer  user_data)
{
  static const char doccano[] =
    "{\"text\": \"Alice Varga met Bob in Valgrad.\", "
    "\"label\": [[0, 11, \"PERSON\"], [23, 30, \"PLACE\"]]}\n"
    "{\"text\": \"The widget shipped.\", \"label\": [[4, 10, \"WIDGET\"]]}\n";
  g_autofree char *file = g_build_filename (fixture->dir, "people.jsonl", NULL);
  const char *paths[] = { file, NULL };
  g_autoptr(GlossSchema) empty = gloss_schema_new ("empty");
  g_autoptr(GError) error = NULL;
  GlossImportDialog *dialog;
  GlossSchema *schema;
  GlossImportReport *report;

  g_file_set_contents (file, doccano, -1, &error);
  g_assert_no_error (error);
  g_assert_true (gloss_project_set_schema (fixture->project, empty, &error));
  g_assert_no_error (error);
  schema = gloss_project_get_schema (fixture->project);
  g_assert_cmpuint (gloss_schema_get_n_labels (schema), ==, 0);

  dialog = g_object_ref (GLOSS_IMPORT_DIALOG (gloss_import_dialog_new (NULL, fixture->project)));
  gtk_window_present (GTK_WINDOW (dialog));
  _gloss_import_dialog_start (dialog, paths, "doccano", NULL, FALSE);
  wait_import (dialog);

  g_assert_no_error (_gloss_import_dialog_get_error (dialog));
  report = _gloss_import_dialog_get_report (dialog);
  g_assert_cmpuint (report->n_documents, ==, 2);
  g_assert_cmpuint (report->n_annotations, ==, 3);
  g_assert_cmpuint (report->labels_added->len, ==, 3);
  g_assert_true (gloss_project_get_schema (fixture->project) == schema);
  for (guint i = 0; i < report->labels_added->len; i++)
    g_assert_nonnull (gloss_schema_lookup_label (schema,
                                                 g_ptr_array_index (report->labels_added, i)));
  {
    g_autoptr(GlossProject) other = gloss_project_open (fixture->path, &error);

    g_assert_no_error (error);
    g_assert_true (gloss_schema_equal (gloss_project_get_schema (other), schema));
  }
  destroy_and_finalize (GTK_WIDGET (dialog));
}

/* The Import button with the annotator entry left as it opens: doccano's
 * per-user annotations keep their users, the others get the project's
 * annotator ("tester"). */
static void
test_import_annotators (Fixture       *fixture,
                        gconstpointer  user_data)
{
  static const char doccano[] =
    "{\"text\": \"Alice Varga met Bob in Valgrad.\", \"annotations\": ["
    "{\"label\": \"PERSON\", \"start_offset\": 0, \"end_offset\": 11, \"user\": \"ana\"},"
    "{\"label\": \"PERSON\", \"start_offset\": 16, \"end_offset\": 19, \"user\": \"ben\"}]}\n"
    "{\"text\": \"The widget shipped from Valgrad.\", \"label\": [[24, 31, \"GPE\"]]}\n";
  g_autofree char *file = g_build_filename (fixture->dir, "users.jsonl", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *documents;
  GlossImportDialog *dialog;

  g_file_set_contents (file, doccano, -1, &error);
  g_assert_no_error (error);

  dialog = g_object_ref (GLOSS_IMPORT_DIALOG (gloss_import_dialog_new (NULL, fixture->project)));
  gtk_window_present (GTK_WINDOW (dialog));
  {
    g_autoptr(GFile) gfile = g_file_new_for_path (file);

    gloss_import_dialog_add_file (dialog, gfile);
  }
  _gloss_import_dialog_import (dialog);
  wait_import (dialog);
  g_assert_no_error (_gloss_import_dialog_get_error (dialog));
  g_assert_cmpuint (_gloss_import_dialog_get_report (dialog)->n_annotations, ==, 3);

  documents = gloss_project_get_documents (fixture->project);
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(GlossDocument) doc = g_list_model_get_item (documents, i);
      g_autoptr(GlossAnnotationList) list =
        gloss_project_dup_annotation_list (fixture->project, doc, &error);

      g_assert_no_error (error);
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (list)); j++)
        {
          g_autoptr(GlossAnnotation) a = g_list_model_get_item (G_LIST_MODEL (list), j);
          g_autofree char *key = g_strdup_printf ("%s %s", gloss_annotation_get_label (a),
                                                  gloss_annotation_get_annotator (a));

          g_hash_table_add (seen, g_steal_pointer (&key));
        }
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, 3);
  g_assert_true (g_hash_table_contains (seen, "PERSON ana"));
  g_assert_true (g_hash_table_contains (seen, "PERSON ben"));
  g_assert_true (g_hash_table_contains (seen, "GPE tester"));

  destroy_and_finalize (GTK_WIDGET (dialog));
}

static void
test_export_jsonl (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *samples = sample_path ("samples.jsonl");
  const char *paths[] = { samples, NULL };
  g_autofree char *out = g_build_filename (fixture->dir, "out.jsonl", NULL);
  g_autofree char *folder = g_build_filename (fixture->dir, "hf", NULL);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  gsize written_len = 0;
  GlossExportOptions options = GLOSS_EXPORT_OPTIONS_INIT;
  GlossExportDialog *dialog;
  GListModel *annotators;

  g_assert_true (gloss_format_import (fixture->project, paths, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  dialog = g_object_ref (GLOSS_EXPORT_DIALOG (gloss_export_dialog_new (NULL, fixture->project)));
  gtk_window_present (GTK_WINDOW (dialog));
  iterate_main_context (100);

  annotators = _gloss_export_dialog_get_annotators (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (annotators), >, 1);

  _gloss_export_dialog_start (dialog, "jsonl", out, NULL);
  wait_export (dialog);
  g_assert_no_error (_gloss_export_dialog_get_error (dialog));

  g_assert_true (gloss_jsonl_export (fixture->project, memory, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (memory, NULL, &error));
  g_assert_true (g_file_get_contents (out, &written, &written_len, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (written, written_len,
                   g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (memory)),
                   g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory)));

  iterate_main_context (200);
  save_screenshot (GTK_WIDGET (dialog), "export-dialog-done.png");
  destroy_and_finalize (GTK_WIDGET (dialog));

  /* A folder format with a split, through the same path. */
  dialog = g_object_ref (GLOSS_EXPORT_DIALOG (gloss_export_dialog_new (NULL, fixture->project)));
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (_gloss_export_dialog_select_format (dialog, "hf"));
  iterate_main_context (200);
  save_screenshot (GTK_WIDGET (dialog), "export-dialog.png");
  options.split[0] = 80;
  options.split[1] = 10;
  options.split[2] = 10;
  options.seed = 7;
  _gloss_export_dialog_start (dialog, "hf", folder, &options);
  wait_export (dialog);
  g_assert_no_error (_gloss_export_dialog_get_error (dialog));
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  destroy_and_finalize (GTK_WIDGET (dialog));
}

static void
test_window_actions (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GFile) file = g_file_new_for_path (fixture->path);
  g_autoptr(GError) error = NULL;
  const char *actions[] = { "win.import", "win.export" };
  GlossWindow *window;

  window = g_object_ref (gloss_window_new (NULL));
  gtk_window_present (GTK_WINDOW (window));
  iterate_main_context (50);

  g_assert_true (gloss_window_open_file (window, file, &error));
  g_assert_no_error (error);

  for (guint a = 0; a < G_N_ELEMENTS (actions); a++)
    {
      GListModel *toplevels;
      GtkWidget *dialog = NULL;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), actions[a], NULL));
      iterate_main_context (50);
      toplevels = gtk_window_get_toplevels ();
      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

          if (a == 0 ? GLOSS_IS_IMPORT_DIALOG (toplevel) : GLOSS_IS_EXPORT_DIALOG (toplevel))
            dialog = toplevel;
        }
      g_assert_nonnull (dialog);
      g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
      g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
      gtk_window_destroy (GTK_WINDOW (dialog));
      iterate_main_context (20);
    }

  /* Without a project they are disabled and open nothing. */
  gloss_window_set_project (window, NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL);
  iterate_main_context (20);
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

        g_assert_false (GLOSS_IS_IMPORT_DIALOG (toplevel));
      }
  }

  gtk_window_destroy (GTK_WINDOW (window));
  iterate_main_context (50);
  g_assert_finalize_object (window);
}

/* When the project's schema object is replaced (an import the in-place
 * merge could not express), the open document follows it. */
static void
test_window_schema_replaced (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossSchema) replacement = NULL;
  g_autoptr(GlossLabel) label = gloss_label_new ("GADGET", "entity", "#62a0ea", NULL, NULL);
  GlossDocumentView *view;
  GlossWindow *window;

  g_assert_nonnull (gloss_project_add_document (fixture->project, "article",
                                                "Alice bought a gadget.", -1, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&fixture->project);

  file = g_file_new_for_path (fixture->path);
  window = g_object_ref (gloss_window_new (NULL));
  g_assert_true (gloss_window_open_file (window, file, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_window_select_document (window, "article"));
  gtk_window_present (GTK_WINDOW (window));
  iterate_main_context (100);

  view = GLOSS_DOCUMENT_VIEW (gloss_window_get_view (window));
  replacement = gloss_schema_copy (gloss_project_get_schema (gloss_window_get_project (window)));
  g_assert_true (gloss_schema_add_label (replacement, label, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_project_set_schema (gloss_window_get_project (window), replacement,
                                           &error));
  g_assert_no_error (error);
  iterate_main_context (50);

  g_assert_nonnull (gloss_document_view_get_annotations (view));
  g_assert_true (gloss_annotation_list_get_schema (gloss_document_view_get_annotations (view)) ==
                 replacement);
  g_assert_cmpstr (gloss_document_get_name (gloss_window_get_document (window)), ==, "article");

  gloss_window_set_project (window, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_main_context (50);
  g_assert_finalize_object (window);
}

static gboolean
emit_drop (GtkWidget *widget,
           GSList    *files)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean handled = FALSE;

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        {
          g_signal_emit_by_name (controller, "drop", &value, 10.0, 10.0, &handled);
          return handled;
        }
    }
  g_assert_not_reached ();
}

static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type))
        return toplevel;
    }
  return NULL;
}

/* Files dropped on the window open the import dialog with them listed; one
 * .gloss file opens that project. */
static void
test_window_drop (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GFile) file = g_file_new_for_path (fixture->path);
  g_autoptr(GPtrArray) paths = sample_texts ();
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.gloss", NULL);
  g_autoptr(GSList) files = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;
  GlossWindow *window;

  {
    g_autoptr(GlossProject) other = gloss_project_create (other_path, NULL, &error);

    g_assert_no_error (error);
  }

  window = g_object_ref (gloss_window_new (NULL));
  g_assert_true (gloss_window_open_file (window, file, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  iterate_main_context (50);

  for (guint i = 0; i < 2; i++)
    files = g_slist_append (files, g_file_new_for_path (g_ptr_array_index (paths, i)));
  g_assert_true (emit_drop (GTK_WIDGET (window), files));
  g_slist_free_full (g_steal_pointer (&files), g_object_unref);
  iterate_main_context (50);

  dialog = find_toplevel (GLOSS_TYPE_IMPORT_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpuint (_gloss_import_dialog_get_paths (GLOSS_IMPORT_DIALOG (dialog))->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (_gloss_import_dialog_get_paths (GLOSS_IMPORT_DIALOG (dialog)),
                                      0), ==, g_ptr_array_index (paths, 0));
  gtk_window_destroy (GTK_WINDOW (dialog));
  iterate_main_context (20);

  files = g_slist_append (files, g_file_new_for_path (other_path));
  g_assert_true (emit_drop (GTK_WIDGET (window), files));
  g_slist_free_full (g_steal_pointer (&files), g_object_unref);
  iterate_main_context (50);
  g_assert_null (find_toplevel (GLOSS_TYPE_IMPORT_DIALOG));
  g_assert_cmpstr (gloss_project_get_path (gloss_window_get_project (window)), ==, other_path);

  gloss_window_set_project (window, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_main_context (50);
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_printerr ("No display: skipping the UI tests\n");
      return 77;
    }
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  g_test_add ("/ui/import-export/templates", Fixture, NULL,
              fixture_setup, test_templates, fixture_teardown);
  g_test_add ("/ui/import-export/import-annotators", Fixture, NULL,
              fixture_setup, test_import_annotators, fixture_teardown);
  g_test_add ("/ui/import-export/import-bad-file", Fixture, NULL,
              fixture_setup, test_import_bad_file, fixture_teardown);
  g_test_add ("/ui/import-export/import-cancel", Fixture, NULL,
              fixture_setup, test_import_cancel, fixture_teardown);
  g_test_add ("/ui/import-export/import-schema", Fixture, NULL,
              fixture_setup, test_import_schema, fixture_teardown);
  g_test_add ("/ui/import-export/export-jsonl", Fixture, NULL,
              fixture_setup, test_export_jsonl, fixture_teardown);
  g_test_add ("/ui/import-export/window-actions", Fixture, NULL,
              fixture_setup, test_window_actions, fixture_teardown);

  g_test_add ("/ui/import-export/window-drop", Fixture, NULL,
              fixture_setup, test_window_drop, fixture_teardown);
  g_test_add ("/ui/import-export/window-schema-replaced", Fixture, NULL,
              fixture_setup, test_window_schema_replaced, fixture_teardown);

  return g_test_run ();
}
