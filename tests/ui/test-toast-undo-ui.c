/* test-toast-undo-ui.c: every undoable bulk step in the window says what it
 * did in a toast whose Undo takes it back, and whose Redo then puts it back:
 * an import, a label renamed in the schema editor, and Ctrl+E in the open
 * document
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <sqlite3.h>

#include "gloss-annotation.h"
#include "gloss-change-set.h"
#include "gloss-document-view-private.h"
#include "gloss-document-view.h"
#include "gloss-document.h"
#include "gloss-import-dialog-private.h"
#include "gloss-project.h"
#include "gloss-schema-editor-private.h"
#include "gloss-schema.h"
#include "gloss-window-bulk-private.h"
#include "gloss-window-private.h"
#include "gloss-window.h"
#include "ui-test-util.h"

static const char * const names[] = { "article", "second", "third" };
static const char * const texts[] = {
  "Valgrad officials said that Valgrad paid.",
  "In Valgrad, Valgradian banks denied it.",
  "No names here.",
};

typedef struct
{
  char        *dir;
  char        *path;
  GlossWindow *window; /* owned */
} Setup;

/* The three texts in a project file, in a window showing "article". */
static void
setup_window (Setup *setup)
{
  g_autoptr(GError) error = NULL;

  setup->dir = g_dir_make_tmp ("gloss-toast-ui-XXXXXX", &error);
  g_assert_no_error (error);
  setup->path = g_build_filename (setup->dir, "toast.gloss", NULL);
  create_project_file (setup->path, names, texts, G_N_ELEMENTS (names));
  setup->window = open_project_window (setup->path, "article");
  gtk_window_present (GTK_WINDOW (setup->window));
  settle (300);
}

static void
teardown_window (Setup *setup)
{
  gtk_window_destroy (GTK_WINDOW (setup->window));
  g_assert_finalize_object (setup->window);
  remove_tree (setup->dir);
  g_free (setup->path);
  g_free (setup->dir);
}

/* One number from the project file, as another program reads it. */
static gint64
db_int (Setup      *setup,
        const char *sql)
{
  sqlite3      *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64        value;

  g_assert_cmpint (sqlite3_open_v2 (setup->path, &db, SQLITE_OPEN_READONLY, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static gint64
n_documents (Setup *setup)
{
  return db_int (setup, "SELECT count(*) FROM documents");
}

static gint64
n_annotations (Setup      *setup,
               const char *label)
{
  g_autofree char *sql = NULL;

  if (label == NULL)
    return db_int (setup, "SELECT count(*) FROM annotations WHERE deleted = 0");
  sql = g_strdup_printf ("SELECT count(*) FROM annotations WHERE deleted = 0 AND label = '%s'",
                         label);
  return db_int (setup, sql);
}

/* The toast shown: its title, button and action, which it then activates
 * as its button does. */
static void
click_toast (Setup      *setup,
             const char *title,
             const char *button_label,
             const char *action_name)
{
  AdwToast *toast;

  wait_for_toast (setup->window);
  toast = setup->window->toast;
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, title);
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, button_label);
  g_assert_cmpstr (adw_toast_get_action_name (toast), ==, action_name);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (setup->window), action_name, NULL));
  settle (50);
}

static void
test_import (void)
{
  static const char doccano[] =
    "{\"text\": \"Alice Varga met Bob in Valgrad.\", "
    "\"label\": [[0, 11, \"PLAYER\"], [23, 30, \"VENUE\"]]}\n"
    "{\"text\": \"Valgrad denied it.\", \"label\": [[0, 7, \"VENUE\"]]}\n";
  g_autoptr(GError) error = NULL;
  g_autofree char   *file = NULL;
  const char        *paths[] = { NULL, NULL };
  GlossImportDialog *dialog;
  GlossProject      *project;
  GListModel        *documents;
  Setup              setup = { 0 };

  setup_window (&setup);
  project = gloss_window_get_project (setup.window);
  documents = gloss_project_get_documents (project);
  file = g_build_filename (setup.dir, "people.jsonl", NULL);
  g_assert_true (g_file_set_contents (file, doccano, -1, &error));
  g_assert_no_error (error);
  paths[0] = file;

  dialog = GLOSS_IMPORT_DIALOG (g_object_ref (gloss_import_dialog_new (GTK_WINDOW (setup.window),
                                                                       project)));
  gtk_window_present (GTK_WINDOW (dialog));
  _gloss_import_dialog_start (dialog, paths, "doccano", NULL, FALSE);
  while (_gloss_import_dialog_is_running (dialog))
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (_gloss_import_dialog_get_error (dialog));
  g_assert_cmpint (n_documents (&setup), ==, 5);
  g_assert_cmpint (n_annotations (&setup, NULL), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 5);
  g_assert_nonnull (_gloss_window_bulk_get_changes (setup.window));
  g_assert_true (_gloss_window_bulk_can_undo (setup.window));

  /* the report closes: the window says what came in, with Undo */
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
  settle (50);
  click_toast (&setup, "Imported 2 documents (3 annotations)", "_Undo", "win.undo-bulk-step");
  g_assert_cmpint (n_documents (&setup), ==, 3);
  g_assert_cmpint (n_annotations (&setup, NULL), ==, 0);
  g_assert_cmpint (db_int (&setup, "SELECT count(*) FROM project WHERE key = 'schema' AND "
                                   "instr(value, '\"VENUE\"') > 0"),
                   ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 3);
  g_assert_null (gloss_schema_lookup_label (gloss_project_get_schema (project), "VENUE"));

  click_toast (&setup, "Undone: Import “people.jsonl”", "_Redo", "win.redo-bulk-step");
  g_assert_cmpint (n_documents (&setup), ==, 5);
  g_assert_cmpint (n_annotations (&setup, "VENUE"), ==, 2);
  g_assert_cmpint (n_annotations (&setup, "PLAYER"), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 5);
  g_assert_nonnull (gloss_schema_lookup_label (gloss_project_get_schema (project), "VENUE"));

  /* and the header bar's undo takes it back again */
  click_toast (&setup, "Redone: Import “people.jsonl”", "_Undo", "win.undo-bulk-step");
  g_assert_cmpint (n_documents (&setup), ==, 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (setup.window), "win.redo", NULL));
  g_assert_cmpint (n_documents (&setup), ==, 5);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (setup.window), "win.undo", NULL));
  g_assert_cmpint (n_documents (&setup), ==, 3);
  g_assert_cmpint (n_annotations (&setup, NULL), ==, 0);

  teardown_window (&setup);
}

/* "Valgrad" labelled ORG in "article" (twice) and "second". */
static void
label_valgrad (GlossProject *project)
{
  g_autoptr(GlossChangeSet) changes = gloss_change_set_new ("ORG");
  g_autoptr(GError) error = NULL;
  const struct
  {
    const char *document;
    guint       start;
  } spans[] = { { "article", 0 }, { "article", 28 }, { "second", 3 } };

  for (guint i = 0; i < G_N_ELEMENTS (spans); i++)
    {
      GlossDocument *document = gloss_project_find_document (project, spans[i].document);
      g_autoptr(GlossAnnotation) a = gloss_annotation_new_span ("ORG", spans[i].start,
                                                                 spans[i].start + 7, "tester");

      gloss_annotation_set_document_id (a, gloss_document_get_id (document));
      gloss_change_set_put_annotation (changes, a, GLOSS_CHANGE_ALWAYS);
    }
  g_assert_true (gloss_project_apply_changes (project, changes, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_rename_label (void)
{
  GlossSchemaEditor *editor;
  GlossProject      *project;
  GtkEntry          *entry;
  Setup              setup = { 0 };

  setup_window (&setup);
  project = gloss_window_get_project (setup.window);
  label_valgrad (project);
  g_assert_cmpint (n_annotations (&setup, "ORG"), ==, 3);

  editor = GLOSS_SCHEMA_EDITOR (g_object_ref (gloss_schema_editor_new (GTK_WINDOW (setup.window),
                                                                       project)));
  gtk_window_present (GTK_WINDOW (editor));
  settle (50);
  _gloss_schema_editor_select_label (editor, "ORG");
  entry = _gloss_schema_editor_get_entry (editor, GLOSS_SCHEMA_EDITOR_ENTRY_NAME);
  gtk_editable_set_text (GTK_EDITABLE (entry), "ORGANISATION");
  g_signal_emit_by_name (entry, "activate");
  g_assert_null (_gloss_schema_editor_get_error (editor));
  g_assert_cmpint (n_annotations (&setup, "ORG"), ==, 0);
  g_assert_cmpint (n_annotations (&setup, "ORGANISATION"), ==, 3);
  g_assert_nonnull (gloss_schema_lookup_label (gloss_project_get_schema (project),
                                               "ORGANISATION"));
  g_assert_nonnull (_gloss_window_bulk_get_changes (setup.window));

  gtk_window_close (GTK_WINDOW (editor));
  g_assert_finalize_object (editor);
  settle (50);
  click_toast (&setup, "Renamed ORG to ORGANISATION in 3 annotations", "_Undo",
               "win.undo-bulk-step");
  g_assert_cmpint (n_annotations (&setup, "ORG"), ==, 3);
  g_assert_cmpint (n_annotations (&setup, "ORGANISATION"), ==, 0);
  g_assert_cmpint (db_int (&setup, "SELECT count(*) FROM project WHERE key = 'schema' AND "
                                   "instr(value, '\"ORGANISATION\"') > 0"),
                   ==, 0);
  g_assert_nonnull (gloss_schema_lookup_label (gloss_project_get_schema (project), "ORG"));
  g_assert_null (gloss_schema_lookup_label (gloss_project_get_schema (project), "ORGANISATION"));

  click_toast (&setup, "Undone: Rename Label “ORG” to “ORGANISATION”", "_Redo",
               "win.redo-bulk-step");
  g_assert_cmpint (n_annotations (&setup, "ORG"), ==, 0);
  g_assert_cmpint (n_annotations (&setup, "ORGANISATION"), ==, 3);
  g_assert_cmpint (db_int (&setup, "SELECT count(*) FROM project WHERE key = 'schema' AND "
                                   "instr(value, '\"ORGANISATION\"') > 0"),
                   ==, 1);
  g_assert_null (gloss_schema_lookup_label (gloss_project_get_schema (project), "ORG"));

  teardown_window (&setup);
}

static void
test_annotate_all_in_document (void)
{
  GlossDocumentView *view;
  GtkTextBuffer     *buffer;
  GtkTextIter        a, b;
  Setup              setup = { 0 };

  setup_window (&setup);
  view = GLOSS_DOCUMENT_VIEW (gloss_window_get_view (setup.window));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

  /* the first "Valgrad" labelled with the first hotkey; it stays selected */
  gtk_text_buffer_get_iter_at_offset (buffer, &a, 0);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, 7);
  gtk_text_buffer_select_range (buffer, &a, &b);
  g_assert_true (_gloss_document_view_handle_key (view, GDK_KEY_1, 0));
  g_assert_cmpint (n_annotations (&setup, NULL), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (setup.window), "win.annotate-all",
                                             NULL));
  g_assert_cmpint (n_annotations (&setup, NULL), ==, 2);
  click_toast (&setup, "Annotated 1 more occurrence", "_Undo", "win.undo-annotate-all");
  g_assert_cmpint (n_annotations (&setup, NULL), ==, 1);
  click_toast (&setup, "Undone: Annotate all “Valgrad”", "_Redo", "win.redo-annotate-all");
  g_assert_cmpint (n_annotations (&setup, NULL), ==, 2);

  /* after another edit, the toast's Undo no longer takes anything back:
   * win.undo (Ctrl+Z) undoes that edit first */
  wait_for_toast (setup.window);
  g_assert_cmpstr (adw_toast_get_action_name (setup.window->toast), ==, "win.undo-annotate-all");
  gtk_text_buffer_get_iter_at_offset (buffer, &a, 18);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, 22);
  gtk_text_buffer_select_range (buffer, &a, &b);
  g_assert_true (_gloss_document_view_handle_key (view, GDK_KEY_2, 0));
  g_assert_cmpint (n_annotations (&setup, NULL), ==, 3);
  gtk_widget_activate_action (GTK_WIDGET (setup.window), "win.undo-annotate-all", NULL);
  g_assert_cmpint (n_annotations (&setup, NULL), ==, 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (setup.window), "win.undo", NULL));
  g_assert_cmpint (n_annotations (&setup, NULL), ==, 2);

  teardown_window (&setup);
}

int
main (int   argc,
      char *argv[])
{
  /* No G_TEST_OPTION_ISOLATE_DIRS: it hides the icon theme from GTK (see
   * test-widgets.c). Settings use the memory backend. */
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_printerr ("No display: skipping the UI tests\n");
      return 77;
    }

  g_test_add_func ("/ui/toast-undo/import", test_import);
  g_test_add_func ("/ui/toast-undo/rename-label", test_rename_label);
  g_test_add_func ("/ui/toast-undo/annotate-all-in-document", test_annotate_all_in_document);

  return g_test_run ();
}
