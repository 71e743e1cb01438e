/* test-mark-done-ui.c: Ctrl+Enter moves on to the next unfinished document, round the end
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ctrl+Enter (win.mark-done) on the last document marked it done and went
 * nowhere ("This is the last document"). It now goes to the next document
 * the annotator has not marked done, from the end of the list round to its
 * top, and stays, saying so, when every document is done.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "gloss-document.h"
#include "gloss-project.h"
#include "gloss-store.h"
#include "gloss-window-private.h"
#include "gloss-window.h"
#include "ui-test-util.h"

static const char * const names[] = { "alpha", "bravo", "charlie", "delta" };

static const char *
open_name (GlossWindow *window)
{
  return gloss_document_get_name (gloss_window_get_document (window));
}

static GlossDocumentStatus
status_of (GlossWindow *window,
           const char  *name)
{
  GlossProject *project = gloss_window_get_project (window);
  GlossDocument *document = gloss_project_find_document (project, name);
  GlossDocumentStatus status = GLOSS_DOCUMENT_STATUS_NEW;

  gloss_store_get_document_status (gloss_project_get_store (project),
                                   gloss_document_get_id (document), "tester", &status, NULL);
  return status;
}

static void
mark_done (GlossWindow *window)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.mark-done", NULL));
  iterate_main_context (50);
}

static void
test_wraps_to_first_unfinished (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gloss-mark-done-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "test.gloss", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GlossWindow *window;

  g_assert_no_error (error);
  {
    g_autoptr(GlossProject) project = gloss_project_create (path, NULL, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *text = g_strdup_printf ("The text of %s.", names[i]);

        gloss_project_add_document (project, names[i], text, -1, NULL, &error);
        g_assert_no_error (error);
      }
  }

  window = g_object_ref (gloss_window_new (NULL));
  g_assert_true (gloss_window_open_file (window, file, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  iterate_main_context (100);

  /* bravo done: on to charlie, as before */
  g_assert_true (gloss_window_select_document (window, "bravo"));
  mark_done (window);
  g_assert_cmpint (status_of (window, "bravo"), ==, GLOSS_DOCUMENT_STATUS_DONE);
  g_assert_cmpstr (open_name (window), ==, "charlie");

  /* the last one: round to the first unfinished, alpha */
  g_assert_true (gloss_window_select_document (window, "delta"));
  mark_done (window);
  g_assert_cmpint (status_of (window, "delta"), ==, GLOSS_DOCUMENT_STATUS_DONE);
  g_assert_cmpstr (open_name (window), ==, "alpha");
  g_assert_cmpstr (_gloss_window_get_toast_title (window), ==, "“delta” marked done");

  /* alpha: past bravo (done) to charlie */
  mark_done (window);
  g_assert_cmpstr (open_name (window), ==, "charlie");

  /* charlie, the last unfinished: it stays open, and the toast says why */
  mark_done (window);
  g_assert_cmpint (status_of (window, "charlie"), ==, GLOSS_DOCUMENT_STATUS_DONE);
  g_assert_cmpstr (open_name (window), ==, "charlie");
  g_assert_cmpstr (_gloss_window_get_toast_title (window), ==,
                   "“charlie” marked done: every document is done");

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

  g_test_add_func ("/ui/mark-done/wraps-to-first-unfinished", test_wraps_to_first_unfinished);

  return g_test_run ();
}
