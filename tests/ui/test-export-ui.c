/* test-export-ui.c: the Export dialog remembers, warns and says which filters apply
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On the sample articles (entities, claims, cues and relations):
 * - the last format and folder come back in the next dialog;
 * - CoNLL with every label ticked writes the entity layer only, and the
 *   dialog says what it left out (claims, cues, relations) besides the
 *   format's own report, as gloss-cli export does, instead of a bare
 *   "Export Complete";
 * - Gloss JSONL takes the whole project: its filters are disabled, with
 *   the reason shown; every other format has them;
 * - an export with nothing to warn about closes the dialog and says so in
 *   a toast of the window.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "gloss-export-dialog-private.h"
#include "gloss-export-dialog.h"
#include "gloss-format.h"
#include "gloss-project.h"
#include "gloss-window-private.h"
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
  g_autofree char *samples = g_build_filename (g_getenv ("GLOSS_SOURCE_DIR"), "data", "samples",
                                               "samples.jsonl", NULL);
  const char *paths[] = { samples, NULL };
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_reset (settings, "export-format");
  g_settings_reset (settings, "export-folder");
  fixture->dir = g_dir_make_tmp ("gloss-export-ui-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "test.gloss", NULL);
  fixture->project = gloss_project_create (fixture->path, NULL, &error);
  g_assert_no_error (error);
  gloss_project_set_annotator (fixture->project, "tester");
  g_assert_true (gloss_format_import (fixture->project, paths, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
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
wait_export (GlossExportDialog *dialog)
{
  gint64 until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (_gloss_export_dialog_is_running (dialog))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, until);
      g_main_context_iteration (NULL, TRUE);
    }
}

static GlossExportDialog *
new_dialog (GtkWindow    *parent,
            GlossProject *project)
{
  GtkWidget *widget = gloss_export_dialog_new (parent, project);
  GlossExportDialog *dialog = g_object_ref (GLOSS_EXPORT_DIALOG (widget));

  gtk_window_present (GTK_WINDOW (dialog));
  iterate_main_context (100);
  return dialog;
}

static void
destroy_and_finalize (GlossExportDialog *dialog)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  iterate_main_context (20);
  g_assert_finalize_object (dialog);
}

/* CoNLL with all labels ticked: warned of, the last format and folder kept. */
static void
test_conll_warns_and_remembers (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *out = g_build_filename (fixture->dir, "out.conll", NULL);
  g_autofree char *warnings = NULL;
  g_autofree char *folder = NULL;
  GlossExportDialog *dialog;
  const char *note;

  dialog = new_dialog (NULL, fixture->project);
  g_assert_cmpstr (_gloss_export_dialog_get_format (dialog), ==, "jsonl");
  g_assert_true (_gloss_export_dialog_select_format (dialog, "conll"));
  /* before the export: what all ticked labels mean for CoNLL */
  note = _gloss_export_dialog_get_labels_note (dialog);
  g_assert_nonnull (note);
  g_assert_nonnull (strstr (note, "CLAIM"));
  g_assert_nonnull (strstr (note, "CUE"));
  /* all labels ticked: the format chooses (entity labels only) */
  _gloss_export_dialog_start (dialog, "conll", out, NULL);
  wait_export (dialog);
  g_assert_no_error (_gloss_export_dialog_get_error (dialog));
  iterate_main_context (100);
  save_screenshot (GTK_WIDGET (dialog), "export-dialog-conll-warnings.png");

  g_assert_cmpstr (_gloss_export_dialog_get_done_title (dialog), ==, "Exported with Warnings");
  warnings = _gloss_export_dialog_dup_warnings (dialog);
  g_test_message ("%s", warnings);
  g_assert_nonnull (strstr (warnings, "not exported: CLAIM ("));
  g_assert_nonnull (strstr (warnings, "CUE ("));
  g_assert_nonnull (strstr (warnings, "relations are not exported"));
  /* and the format's own report, as gloss-cli prints it */
  g_assert_nonnull (strstr (warnings, ": warning: annotation "));
  g_assert_nonnull (strstr (warnings, "note not written"));
  destroy_and_finalize (dialog);

  /* The next dialog starts with CoNLL, its chooser in that folder. */
  folder = g_settings_get_string (settings, "export-folder");
  g_assert_cmpstr (folder, ==, fixture->dir);
  dialog = new_dialog (NULL, fixture->project);
  g_assert_cmpstr (_gloss_export_dialog_get_format (dialog), ==, "conll");
  destroy_and_finalize (dialog);
}

/* Gloss JSONL holds the whole project: no filters, and the dialog says so. */
static void
test_filters (Fixture       *fixture,
              gconstpointer  user_data)
{
  GPtrArray *formats = gloss_format_list ();
  GlossExportDialog *dialog = new_dialog (NULL, fixture->project);
  const char *reason = NULL;

  for (guint i = 0; i < formats->len; i++)
    {
      GlossFormat *format = g_ptr_array_index (formats, i);
      const char *name = gloss_format_get_name (format);
      gboolean apply;

      if (!gloss_format_can_export (format))
        continue;
      g_assert_true (_gloss_export_dialog_select_format (dialog, name));
      apply = _gloss_export_dialog_get_filters_apply (dialog, &reason);
      if (g_str_equal (name, "jsonl"))
        {
          g_assert_false (apply);
          g_assert_nonnull (reason);
          g_assert_nonnull (strstr (reason, "filters do not apply"));
        }
      else
        {
          g_assert_true (apply);
          g_assert_null (reason);
        }
    }
  g_assert_true (_gloss_export_dialog_select_format (dialog, "jsonl"));
  iterate_main_context (100);
  save_screenshot (GTK_WIDGET (dialog), "export-dialog-jsonl.png");
  destroy_and_finalize (dialog);
}

/* Nothing to warn about: the dialog goes, the window's toast says it. */
static void
test_toast (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autofree char *out = g_build_filename (fixture->dir, "out.jsonl", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (fixture->path);
  g_autoptr(GError) error = NULL;
  GlossExportDialog *dialog;
  GlossWindow *window;

  window = g_object_ref (gloss_window_new (NULL));
  g_assert_true (gloss_window_open_file (window, file, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  iterate_main_context (100);

  dialog = new_dialog (GTK_WINDOW (window), gloss_window_get_project (window));
  _gloss_export_dialog_start (dialog, "jsonl", out, NULL);
  wait_export (dialog);
  g_assert_no_error (_gloss_export_dialog_get_error (dialog));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_cmpstr (_gloss_window_get_toast_title (window), ==,
                   "Exported 3 documents to “out.jsonl”");
  g_assert_finalize_object (dialog);
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
  iterate_main_context (400);
  save_screenshot (GTK_WIDGET (window), "export-toast.png");

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

  g_test_add ("/ui/export/conll-warns-and-remembers", Fixture, NULL, fixture_setup,
              test_conll_warns_and_remembers, fixture_teardown);
  g_test_add ("/ui/export/filters", Fixture, NULL, fixture_setup, test_filters,
              fixture_teardown);
  g_test_add ("/ui/export/toast", Fixture, NULL, fixture_setup, test_toast, fixture_teardown);

  return g_test_run ();
}
