/* test-changes-ui.c: every kind of project-wide change made behind an open
 * window's back, and what the window shows afterwards
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gtk/gtk.h>
#include <sqlite3.h>

#include "gloss.h"
#include "gloss-application.h"
#include "gloss-document-row.h"
#include "gloss-document-view.h"
#include "gloss-schema-editor.h"
#include "gloss-window-private.h"
#include "gloss-window.h"
#include "ui-test-util.h"

static const char * const names[] = { "article", "second", "third" };
static const char * const texts[] = {
  "Valgrad officials said that Valgrad paid.",
  "In Valgrad, Valgradian banks denied it.",
  "A defector told reporters in Norden.",
};

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    if (GLOSS_IS_DOCUMENT_ROW (c))
      g_ptr_array_add (rows, c);
    else
      collect_rows (c, rows);
}

/* The text of the first label under @widget that holds @part. */
static const char *
label_with (GtkWidget  *widget,
            const char *part)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), part) != NULL &&
      gtk_widget_get_visible (widget))
    return gtk_label_get_label (GTK_LABEL (widget));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      const char *found = label_with (c, part);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* What the window shows is what the store holds: the annotation panel of
 * the open document, and each document row's count and the status the
 * window's annotator gave the document. */
static void
check_window (GlossWindow *window)
{
  GlossProject *project = gloss_window_get_project (window);
  GlossStore *store = gloss_project_get_store (project);
  const char *annotator = gloss_project_get_annotator (project);
  GlossAnnotationList *open = _gloss_window_get_annotations (window);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GArray) ids = gloss_store_list_document_ids (store, NULL);

  settle (100);
  g_assert_nonnull (open);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (open)), ==,
                    gloss_store_count_annotations (
                      store, gloss_document_get_id (gloss_annotation_list_get_document (open))));

  collect_rows (GTK_WIDGET (window), rows);
  g_assert_cmpuint (rows->len, ==, ids->len);
  for (guint i = 0; i < rows->len; i++)
    {
      GlossDocumentRow *row = g_ptr_array_index (rows, i);
      GlossDocument *document = gloss_document_row_get_document (row);
      guint n = gloss_store_count_annotations (store, gloss_document_get_id (document));
      g_autofree char *count = g_strdup_printf (n == 1 ? "%u annotation " : "%u annotations ", n);
      GlossDocumentStatus status = GLOSS_DOCUMENT_STATUS_NEW;
      const char *caption = label_with (GTK_WIDGET (row), "annotation");

      g_assert_nonnull (caption);
      if (!g_str_has_prefix (caption, count))
        g_error ("%s: the row says “%s”, the store holds %u", gloss_document_get_name (document),
                 caption, n);
      gloss_store_get_document_status (store, gloss_document_get_id (document), annotator,
                                       &status, NULL);
      if (status == GLOSS_DOCUMENT_STATUS_DONE)
        g_assert_nonnull (label_with (GTK_WIDGET (row), "Done"));
      else
        g_assert_null (label_with (GTK_WIDGET (row), "Done"));
      if (status == GLOSS_DOCUMENT_STATUS_IN_PROGRESS)
        g_assert_nonnull (label_with (GTK_WIDGET (row), "In progress"));
      else
        g_assert_null (label_with (GTK_WIDGET (row), "In progress"));
    }
}

static void
test_changes_behind_the_window (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gloss-changes-ui-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "changes.gloss", NULL);
  g_autofree char *other = g_build_filename (dir, "other.gloss", NULL);
  g_autofree char *txt = g_build_filename (dir, "imported.txt", NULL);
  GlossProject *project;
  GlossWindow *window;

  g_assert_no_error (error);
  create_project_file (path, names, texts, G_N_ELEMENTS (names));
  window = open_project_window (path, "article");
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 700);
  gtk_window_present (GTK_WINDOW (window));
  settle (300);
  project = gloss_window_get_project (window);
  check_window (window);

  /* "Annotate All", undone and redone */
  {
    g_autoptr(GlossBulkStep) step = NULL;

    g_assert_true (gloss_project_annotate_everywhere (project, "GPE", "Valgrad", TRUE, &step, NULL,
                                                      &error));
    g_assert_no_error (error);
    check_window (window);
    g_assert_true (gloss_project_undo_bulk (project, step, &error));
    g_assert_no_error (error);
    check_window (window);
    g_assert_true (gloss_project_redo_bulk (project, step, &error));
    g_assert_no_error (error);
    check_window (window);
  }

  /* a change set: a row and this annotator's status in another document */
  {
    g_autoptr(GlossChangeSet) changes = gloss_change_set_new ("from elsewhere");
    g_autoptr(GlossAnnotation) a = gloss_annotation_new_span ("GPE", 29, 35, "bob");
    GlossDocument *third = gloss_project_find_document (project, "third");

    gloss_annotation_set_document_id (a, gloss_document_get_id (third));
    gloss_change_set_put_annotation (changes, a, GLOSS_CHANGE_ALWAYS);
    gloss_change_set_put_status (changes, gloss_document_get_id (third), "tester",
                                 GLOSS_DOCUMENT_STATUS_DONE, g_get_real_time (),
                                 GLOSS_CHANGE_ALWAYS);
    g_assert_true (gloss_project_apply_changes (project, changes, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    check_window (window);
    g_assert_true (gloss_project_undo_changes (project, changes, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    check_window (window);
  }

  /* the schema editor renames a label, then deletes it */
  g_assert_true (gloss_schema_editor_rewrite_label (project, "GPE", "ORG", &error));
  g_assert_no_error (error);
  check_window (window);
  g_assert_true (gloss_schema_editor_rewrite_label (project, "ORG", NULL, &error));
  g_assert_no_error (error);
  check_window (window);

  /* a merge of a project that went on elsewhere, and its undo */
  {
    g_autoptr(GlossMergeReport) report = gloss_merge_report_new ();

    {
      g_autoptr(GlossProject) p = gloss_project_create (other, NULL, &error);
      g_autoptr(GlossDocument) article = NULL;
      g_autoptr(GlossAnnotationList) list = NULL;
      g_autoptr(GlossCommand) command = gloss_command_new ("elsewhere");
      g_autoptr(GlossAnnotation) a = gloss_annotation_new_span ("PERSON", 0, 7, "dana");

      g_assert_no_error (error);
      article = g_object_ref (gloss_project_add_document (p, "article", texts[0], -1, NULL,
                                                          &error));
      g_assert_no_error (error);
      gloss_project_add_document (p, "fourth", "Officials met again.", -1, NULL, &error);
      g_assert_no_error (error);
      list = gloss_project_dup_annotation_list (p, article, &error);
      g_assert_no_error (error);
      gloss_command_create_annotation (command, a);
      gloss_command_set_document_status (command, "tester", GLOSS_DOCUMENT_STATUS_IN_PROGRESS);
      g_assert_true (gloss_annotation_list_apply (list, command, &error));
      g_assert_no_error (error);
    }
    g_assert_true (gloss_merge_project (project, other, report, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (report->documents_added, ==, 1);
    check_window (window);
    g_assert_true (gloss_project_undo_merge (project, report, &error));
    g_assert_no_error (error);
    check_window (window);
  }

  /* an import */
  {
    const char * const paths[] = { txt, NULL };

    g_assert_true (g_file_set_contents (txt, "An imported article.", -1, &error));
    g_assert_no_error (error);
    g_assert_true (gloss_format_import (project, paths, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    check_window (window);
  }

  /* another program: the window follows on its own within its poll */
  {
    sqlite3 *db = NULL;
    g_autofree char *sql =
      g_strdup_printf ("INSERT INTO document_status (document, annotator, status, modified) "
                       "VALUES (%" G_GINT64_FORMAT ", 'tester', 2, 1) "
                       "ON CONFLICT DO UPDATE SET status = 2, modified = 1;"
                       "DELETE FROM annotations WHERE document = %" G_GINT64_FORMAT ";",
                       gloss_document_get_id (gloss_project_find_document (project, "second")),
                       gloss_document_get_id (gloss_project_find_document (project, "second")));

    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    sqlite3_busy_timeout (db, 5000);
    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
    settle (2600);
    check_window (window);
  }

  save_screenshot (GTK_WIDGET (window), "changes-behind-the-window.png");
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
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

  g_test_add_func ("/ui/changes/behind-the-window", test_changes_behind_the_window);
  return g_test_run ();
}
