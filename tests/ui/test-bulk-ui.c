/* test-bulk-ui.c: "annotate all occurrences in all documents" in the window
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <sqlite3.h>

#include "gloss-annotation-list.h"
#include "gloss-annotation.h"
#include "gloss-bulk.h"
#include "gloss-document-view-private.h"
#include "gloss-document-view.h"
#include "gloss-document.h"
#include "gloss-project.h"
#include "gloss-store.h"
#include "gloss-window-private.h"
#include "gloss-window.h"
#include "ui-test-util.h"

static const char * const names[] = { "article", "second", "third" };
static const char * const texts[] = {
  "Valgrad officials said that Valgrad paid.",
  "In Valgrad, Valgradian banks denied it.",
  "😀 Ünter Valgrad again.",
};

static guint
count_rows (GlossWindow *window,
            const char  *name)
{
  GlossProject *project = gloss_window_get_project (window);
  GlossDocument *document = gloss_project_find_document (project, name);

  g_assert_nonnull (document);
  return gloss_store_count_annotations (gloss_project_get_store (project),
                                        gloss_document_get_id (document));
}

static void
assert_rows (GlossWindow *window,
             guint        article,
             guint        second,
             guint        third)
{
  g_assert_cmpuint (count_rows (window, "article"), ==, article);
  g_assert_cmpuint (count_rows (window, "second"), ==, second);
  g_assert_cmpuint (count_rows (window, "third"), ==, third);
}

/* The label of the message bar: the first label whose text starts so. */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *prefix)
{
  if (GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), prefix))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_label (c, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* How many labels' text starts with @prefix. */
static guint
count_labels (GtkWidget  *widget,
              const char *prefix)
{
  guint n = GTK_IS_LABEL (widget) &&
            g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), prefix) ? 1 : 0;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    n += count_labels (c, prefix);
  return n;
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *action_name)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, action_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
undo_button (GlossWindow *window,
             const char  *action_name)
{
  GtkWidget *titlebar = gtk_window_get_titlebar (GTK_WINDOW (window));
  GtkWidget *button = titlebar ? find_button (titlebar, action_name) : NULL;

  if (button == NULL)
    button = find_button (GTK_WIDGET (window), action_name);
  g_assert_nonnull (button);
  return button;
}

static void
select_and_label (GlossDocumentView *view,
                  guint              start,
                  guint              end,
                  guint              hotkey)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter a, b;

  gtk_text_buffer_get_iter_at_offset (buffer, &a, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, end);
  gtk_text_buffer_select_range (buffer, &a, &b);
  g_assert_true (_gloss_document_view_handle_key (view, hotkey, 0));
}

static void
test_annotate_all_documents (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gloss-bulk-ui-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "bulk.gloss", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  GlossDocumentView *view;
  GlossAnnotationList *annotations;
  GlossBulkStep *step;
  GlossWindow *window;
  GtkWidget *message;
  GtkWidget *button;
  const char *tooltip;

  g_assert_no_error (error);
  create_project_file (path, names, texts, G_N_ELEMENTS (names));
  window = open_project_window (path, "article");
  gtk_window_present (GTK_WINDOW (window));

  settle (300);
  view = GLOSS_DOCUMENT_VIEW (gloss_window_get_view (window));
  annotations = gloss_document_view_get_annotations (view);

  /* label the first "Valgrad" with the first hotkey; it stays selected */
  select_and_label (view, 0, 7, GDK_KEY_1);
  g_assert_nonnull (gloss_document_view_get_selected_annotation (view));
  assert_rows (window, 1, 0, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.annotate-all-documents",
                                             NULL));
  /* article: the second "Valgrad"; second: not "Valgradian"; third: after an emoji */
  assert_rows (window, 2, 1, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (annotations)), ==, 2);
  wait_for_toast (window);
  message = find_label (GTK_WIDGET (window), "Annotated");
  g_assert_nonnull (message);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (message)), ==,
                   "Annotated 3 occurrences in 3 documents");
  /* the document list shows the new counts: 2, 1 and 1 */
  g_assert_cmpuint (count_labels (GTK_WIDGET (window), "1 annotation ·"), ==, 2);
  g_assert_cmpuint (count_labels (GTK_WIDGET (window), "2 annotations ·"), ==, 1);
  step = _gloss_window_get_bulk_step (window);
  g_assert_nonnull (step);
  g_assert_cmpuint (gloss_bulk_step_get_n_annotations (step), ==, 3);
  {
    GlossProject *project = gloss_window_get_project (window);
    GlossDocument *third = gloss_project_find_document (project, "third");
    g_autoptr(GPtrArray) rows =
      gloss_store_load_annotations (gloss_project_get_store (project),
                                    gloss_document_get_id (third), FALSE, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (gloss_annotation_get_start (g_ptr_array_index (rows, 0)), ==, 8);
    g_assert_cmpuint (gloss_annotation_get_end (g_ptr_array_index (rows, 0)), ==, 15);
    g_assert_cmpstr (gloss_annotation_get_annotator (g_ptr_array_index (rows, 0)), ==, "tester");
  }

  /* the document's history was cleared by the step: undo names the step */
  g_assert_false (gloss_annotation_list_can_undo (annotations));
  g_assert_true (_gloss_window_bulk_can_undo (window));
  button = undo_button (window, "win.undo");
  tooltip = gtk_widget_get_tooltip_text (button);
  g_assert_cmpstr (tooltip, ==, "Undo Annotate All “Valgrad” in All Documents");

  /* again: nothing new, the step stays */
  {
    g_autoptr(GlossAnnotation) first = g_list_model_get_item (G_LIST_MODEL (annotations), 0);

    g_assert_cmpuint (gloss_annotation_get_start (first), ==, 0);
    gloss_document_view_set_selected_annotation (view, first);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.annotate-all-documents",
                                             NULL));
  assert_rows (window, 2, 1, 1);
  g_assert_true (_gloss_window_get_bulk_step (window) == step);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  assert_rows (window, 1, 0, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (annotations)), ==, 1);
  g_assert_cmpuint (count_labels (GTK_WIDGET (window), "0 annotations ·"), ==, 2);
  g_assert_false (_gloss_window_bulk_can_undo (window));
  g_assert_true (_gloss_window_bulk_can_redo (window));
  tooltip = gtk_widget_get_tooltip_text (undo_button (window, "win.redo"));
  g_assert_cmpstr (tooltip, ==, "Redo Annotate All “Valgrad” in All Documents");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  assert_rows (window, 2, 1, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (annotations)), ==, 2);

  /* a new edit in the document is undone first, then the step */
  select_and_label (view, 18, 22, GDK_KEY_2);
  assert_rows (window, 3, 1, 1);
  tooltip = gtk_widget_get_tooltip_text (button);
  g_assert_cmpstr (tooltip, ==, "Undo");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  assert_rows (window, 2, 1, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  assert_rows (window, 1, 0, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
}

/* ---- on a worker thread ------------------------------------------------ */

typedef struct
{
  char        *dir;
  char        *path;
  GlossWindow *window;   /* owned */
} Setup;

/* A project of the three texts on a file, in a window showing "article"
 * with its first "Valgrad" labelled and selected, and the threshold for
 * the worker at 0 documents. */
static void
setup_threaded (Setup *setup)
{
  g_autoptr(GError) error = NULL;
  GlossDocumentView *view;

  setup->dir = g_dir_make_tmp ("gloss-bulk-ui-XXXXXX", &error);
  g_assert_no_error (error);
  setup->path = g_build_filename (setup->dir, "bulk.gloss", NULL);
  create_project_file (setup->path, names, texts, G_N_ELEMENTS (names));
  setup->window = open_project_window (setup->path, "article");
  gtk_window_present (GTK_WINDOW (setup->window));
  settle (300);

  view = GLOSS_DOCUMENT_VIEW (gloss_window_get_view (setup->window));
  select_and_label (view, 0, 7, GDK_KEY_1);
  g_assert_nonnull (gloss_document_view_get_selected_annotation (view));
  assert_rows (setup->window, 1, 0, 0);
  _gloss_window_bulk_set_thread_threshold (setup->window, 0);
}

static void
teardown_threaded (Setup *setup)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  gtk_window_destroy (GTK_WINDOW (setup->window));
  g_assert_finalize_object (setup->window);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (setup->path, suffixes[i], NULL);

      g_unlink (name);
    }
  g_rmdir (setup->dir);
  g_free (setup->path);
  g_free (setup->dir);
}

/* The modal progress dialog over @window whose text starts with @prefix,
 * or NULL. */
static GtkWindow *
progress_dialog (GlossWindow *window,
                 const char  *prefix)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* borrowed */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window) &&
          gtk_window_get_modal (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)) &&
          find_label (GTK_WIDGET (toplevel), prefix) != NULL)
        return toplevel;
    }
  return NULL;
}

/* Takes the write lock of the project file on a connection of its own:
 * a worker started meanwhile waits in its BEGIN IMMEDIATE, so a test can
 * cancel it before it could commit anything. */
static sqlite3 *
hold_write_lock (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  return db;
}

/* Lets the worker go on. The connection stays open until close_lock(),
 * after the worker: closing it may checkpoint, which the worker's read-only
 * first look at the file (no busy handler) could meet. */
static void
release_write_lock (sqlite3 *db)
{
  g_assert_cmpint (sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
close_lock (sqlite3 *db)
{
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* Iterates the main context until the worker is done (10 s at most). */
static void
wait_for_worker (GlossWindow *window)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (10, flag_timeout_cb, &timed_out);

  while (_gloss_window_bulk_is_running (window) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
}

static void
test_threaded (void)
{
  Setup setup = { NULL, };
  GlossWindow *window;
  GlossDocumentView *view;
  GlossAnnotationList *annotations;
  GlossBulkStep *step;
  GtkWidget *message;
  GtkWindow *dialog;
  sqlite3 *lock;

  setup_threaded (&setup);
  window = setup.window;
  view = GLOSS_DOCUMENT_VIEW (gloss_window_get_view (window));
  annotations = gloss_document_view_get_annotations (view);
  /* the labelling left something to undo; the worker disables it */
  g_assert_true (gtk_widget_get_sensitive (undo_button (window, "win.undo")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.annotate-all-documents",
                                             NULL));
  g_assert_true (_gloss_window_bulk_is_running (window));
  dialog = progress_dialog (window, "Annotating");
  g_assert_nonnull (dialog);
  g_assert_false (gtk_widget_get_sensitive (undo_button (window, "win.undo")));
  /* a second run is refused while the first one goes */
  {
    g_autoptr(GError) error = NULL;
    guint n = 1;

    g_assert_false (_gloss_window_annotate_all_documents (window, &n, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
    g_assert_cmpuint (n, ==, 0);
  }

  wait_for_worker (window);
  g_assert_null (progress_dialog (window, ""));
  settle (300);

  /* the window's project shows what the worker's wrote */
  assert_rows (window, 2, 1, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (annotations)), ==, 2);
  wait_for_toast (window);
  message = find_label (GTK_WIDGET (window), "Annotated");
  g_assert_nonnull (message);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (message)), ==,
                   "Annotated 3 occurrences in 3 documents");
  g_assert_cmpuint (count_labels (GTK_WIDGET (window), "1 annotation ·"), ==, 2);
  g_assert_cmpuint (count_labels (GTK_WIDGET (window), "2 annotations ·"), ==, 1);
  step = _gloss_window_get_bulk_step (window);
  g_assert_nonnull (step);
  g_assert_cmpuint (gloss_bulk_step_get_n_annotations (step), ==, 3);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (undo_button (window, "win.undo")), ==,
                   "Undo Annotate All “Valgrad” in All Documents");
  g_assert_true (gtk_widget_get_sensitive (undo_button (window, "win.undo")));

  /* the worker's step undoes and redoes (on workers too) for the window's
   * project */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (_gloss_window_bulk_is_running (window));
  g_assert_nonnull (progress_dialog (window, "Undoing"));
  wait_for_worker (window);
  assert_rows (window, 1, 0, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (annotations)), ==, 1);
  g_assert_cmpuint (count_labels (GTK_WIDGET (window), "0 annotations ·"), ==, 2);
  wait_for_toast (window);
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Undone: Annotate All “Valgrad”"));
  g_assert_true (_gloss_window_bulk_can_redo (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  wait_for_worker (window);
  assert_rows (window, 2, 1, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (annotations)), ==, 2);

  /* an undo cancelled before it could commit changes nothing */
  lock = hold_write_lock (setup.path);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  _gloss_window_bulk_cancel (window);
  release_write_lock (lock);
  wait_for_worker (window);
  close_lock (lock);
  assert_rows (window, 2, 1, 1);
  g_assert_true (_gloss_window_bulk_can_undo (window));
  wait_for_toast (window);
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Cancelled: nothing was changed"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  wait_for_worker (window);
  assert_rows (window, 1, 0, 0);

  teardown_threaded (&setup);
}

static GtkWidget *
find_cancel (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), "_Cancel") == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_cancel (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_threaded_cancel (void)
{
  Setup setup = { NULL, };
  GlossWindow *window;
  GlossDocumentView *view;
  GListModel *annotations;
  GtkWidget *cancel;
  GtkWindow *dialog;
  sqlite3 *lock;

  setup_threaded (&setup);
  window = setup.window;
  view = GLOSS_DOCUMENT_VIEW (gloss_window_get_view (window));
  annotations = G_LIST_MODEL (gloss_document_view_get_annotations (view));

  /* the worker waits for the lock: it cannot commit before the Cancel */
  lock = hold_write_lock (setup.path);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.annotate-all-documents",
                                             NULL));
  dialog = progress_dialog (window, "Annotating");
  g_assert_nonnull (dialog);
  cancel = find_cancel (GTK_WIDGET (dialog));
  g_assert_nonnull (cancel);
  g_signal_emit_by_name (cancel, "clicked");
  release_write_lock (lock);
  wait_for_worker (window);
  close_lock (lock);
  g_assert_null (progress_dialog (window, ""));

  /* nothing written, no step; the message says so */
  assert_rows (window, 1, 0, 0);
  g_assert_cmpuint (g_list_model_get_n_items (annotations), ==, 1);
  g_assert_null (_gloss_window_get_bulk_step (window));
  wait_for_toast (window);
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Cancelled"));
  /* the document's own undo is back */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  assert_rows (window, 0, 0, 0);

  teardown_threaded (&setup);
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

  g_test_add_func ("/ui/bulk/annotate-all-documents", test_annotate_all_documents);
  g_test_add_func ("/ui/bulk/threaded", test_threaded);
  g_test_add_func ("/ui/bulk/threaded-cancel", test_threaded_cancel);

  return g_test_run ();
}
