/* test-export-ui.c: the Export dialog remembers, warns, applies every filter and exports
 * curated documents only as gold
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
 * - every filter applies to every format, Gloss JSONL included: none is
 *   disabled, and "Gold set only" writes the gold set only;
 * - a gold export skips the documents that are not curated and the
 *   partially curated ones (unless "Include partially curated documents"
 *   is ticked), and the report lists each and counts them;
 * - an export with nothing to warn about closes the dialog and says so in
 *   a toast of the window;
 * - the token formats (CoNLL-2003, CoNLL-2002, CoNLL-U, Hugging Face) are
 *   listed with a check box that extends misaligned spans to whole words,
 *   which the others do not show; unticked, "North Korea" of "North
 *   Korean" is left out, ticked it is extended, and the warnings say which.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

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

/* Every filter applies to every format: none is disabled, no reason shown. */
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

      if (!gloss_format_can_export (format))
        continue;
      g_assert_true (_gloss_export_dialog_select_format (dialog, name));
      g_assert_true (_gloss_export_dialog_get_filters_apply (dialog, &reason));
      g_assert_null (reason);
      g_assert_true (gtk_widget_get_sensitive (
        GTK_WIDGET (_gloss_export_dialog_get_gold_switch (dialog))));
      g_assert_true (gtk_widget_get_sensitive (_gloss_export_dialog_get_annotator_dropdown (
        dialog)));
    }
  g_assert_true (_gloss_export_dialog_select_format (dialog, "jsonl"));
  iterate_main_context (100);
  save_screenshot (GTK_WIDGET (dialog), "export-dialog-jsonl.png");
  destroy_and_finalize (dialog);
}

/* tests/formats/data/gold-curation.jsonl: "curated" (3 units, all in
 * gold), "partial" (1 of 2) and "uncurated", by annotators ann and ben. */
static GlossProject *
curation_project (Fixture *fixture)
{
  g_autofree char *jsonl = g_build_filename (g_getenv ("GLOSS_SOURCE_DIR"), "tests", "formats",
                                             "data", "gold-curation.jsonl", NULL);
  g_autofree char *path = g_build_filename (fixture->dir, "curation.gloss", NULL);
  const char *paths[] = { jsonl, NULL };
  g_autoptr(GError) error = NULL;
  GlossProject *project = gloss_project_create (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (gloss_format_import (project, paths, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return project;
}

/* Clicks Export as a user would, and waits for the done page. */
static void
click_export (GlossExportDialog *dialog)
{
  GtkWidget *button = _gloss_export_dialog_get_export_button (dialog);

  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (_gloss_export_dialog_is_running (dialog));
  wait_export (dialog);
  g_assert_no_error (_gloss_export_dialog_get_error (dialog));
  iterate_main_context (100);
}

/* "NAME ANNOTATOR LABEL" for each annotation of a Gloss JSONL file. */
static char *
jsonl_annotations (const char *path)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonNode) node = NULL;
      JsonObject *doc;
      JsonArray *annotations;

      if (lines[i][0] == '\0')
        continue;
      node = json_from_string (lines[i], NULL);
      g_assert_nonnull (node);
      doc = json_node_get_object (node);
      annotations = json_object_get_array_member (doc, "annotations");
      for (guint k = 0; k < json_array_get_length (annotations); k++)
        {
          JsonObject *a = json_array_get_object_element (annotations, k);

          g_string_append_printf (out, "%s %s %s\n",
                                  json_object_get_string_member (doc, "name"),
                                  json_object_get_string_member (a, "annotator"),
                                  json_object_get_string_member (a, "label"));
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The reproduction of issue 16, defects 2 and 3: with Gloss JSONL, the
 * default, "Gold set only" was disabled (before: ignored) and the file
 * held every annotator's work and every document. */
static void
test_gold_jsonl (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GlossProject) project = curation_project (fixture);
  g_autofree char *out = g_build_filename (fixture->dir, "gold.jsonl", NULL);
  g_autofree char *rows = NULL;
  g_autofree char *warnings = NULL;
  GlossExportDialog *dialog = new_dialog (NULL, project);
  GtkSwitch *gold = _gloss_export_dialog_get_gold_switch (dialog);
  GtkCheckButton *partial = _gloss_export_dialog_get_partial_check (dialog);

  g_assert_cmpstr (_gloss_export_dialog_get_format (dialog), ==, "jsonl");
  /* the check box is the gold set's choice */
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (partial)));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (gold)));
  gtk_switch_set_active (gold, TRUE);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (partial)));
  g_assert_false (gtk_check_button_get_active (partial));
  /* the gold set belongs to no annotator */
  g_assert_false (gtk_widget_get_sensitive (_gloss_export_dialog_get_annotator_dropdown (dialog)));
  iterate_main_context (100);
  save_screenshot (GTK_WIDGET (dialog), "export-dialog-gold.png");

  _gloss_export_dialog_set_destination (dialog, out);
  click_export (dialog);
  rows = jsonl_annotations (out);
  g_assert_cmpstr (rows, ==,
                   "curated gold PERSON\n"
                   "curated gold PERSON\n"
                   "curated gold GPE\n");

  g_assert_cmpstr (_gloss_export_dialog_get_done_title (dialog), ==, "Exported with Warnings");
  warnings = _gloss_export_dialog_dup_warnings (dialog);
  g_test_message ("%s", warnings);
  g_assert_nonnull (strstr (warnings, "uncurated: warning: not curated: skipped"));
  g_assert_nonnull (strstr (warnings, "partial: warning: partially curated (1 of 2 units "
                                      "decided): skipped"));
  g_assert_nonnull (strstr (warnings, "warning: Skipped 1 document that is not curated"));
  g_assert_nonnull (strstr (warnings, "warning: Skipped 1 partially curated document"));
  save_screenshot (GTK_WIDGET (dialog), "export-dialog-gold-done.png");
  destroy_and_finalize (dialog);
}

/* With the check box, the partially curated document comes too, with a
 * warning naming it; the uncurated one is still skipped. */
static void
test_gold_include_partial (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GlossProject) project = curation_project (fixture);
  g_autofree char *folder = g_build_filename (fixture->dir, "gold-brat", NULL);
  g_autofree char *partial_ann = g_build_filename (folder, "partial.ann", NULL);
  g_autofree char *uncurated_ann = g_build_filename (folder, "uncurated.ann", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *warnings = NULL;
  GlossExportDialog *dialog = new_dialog (NULL, project);

  g_assert_true (_gloss_export_dialog_select_format (dialog, "brat"));
  gtk_switch_set_active (_gloss_export_dialog_get_gold_switch (dialog), TRUE);
  gtk_check_button_set_active (_gloss_export_dialog_get_partial_check (dialog), TRUE);
  _gloss_export_dialog_set_destination (dialog, folder);
  click_export (dialog);

  g_assert_true (g_file_get_contents (partial_ann, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "T1\tPERSON 0 9\tErik Lund\n");
  g_assert_false (g_file_test (uncurated_ann, G_FILE_TEST_EXISTS));
  warnings = _gloss_export_dialog_dup_warnings (dialog);
  g_test_message ("%s", warnings);
  g_assert_nonnull (strstr (warnings, "partial: warning: partially curated (1 of 2 units "
                                      "decided): exported"));
  g_assert_nonnull (strstr (warnings, "warning: Skipped 1 document that is not curated"));
  g_assert_null (strstr (warnings, "partially curated document\n"));

  /* Gold off: the check box goes off and out of reach. */
  gtk_stack_set_visible_child_name (GTK_STACK (gtk_window_get_child (GTK_WINDOW (dialog))),
                                    "setup");
  gtk_switch_set_active (_gloss_export_dialog_get_gold_switch (dialog), FALSE);
  g_assert_false (gtk_check_button_get_active (_gloss_export_dialog_get_partial_check (dialog)));
  g_assert_false (gtk_widget_get_sensitive (
    GTK_WIDGET (_gloss_export_dialog_get_partial_check (dialog))));
  destroy_and_finalize (dialog);
}

/* The token formats: listed, with the misaligned check box (and only
 * they); what it does, end to end from the Export button. */
static void
test_token_formats (Fixture       *fixture,
                    gconstpointer  user_data)
{
  static const char * const token_formats[] = { "conll", "conll2002", "conllu", "hf", NULL };
  g_autofree char *brat = g_build_filename (fixture->dir, "korea", NULL);
  g_autofree char *txt = g_build_filename (brat, "defectors.txt", NULL);
  g_autofree char *ann = g_build_filename (brat, "defectors.ann", NULL);
  g_autofree char *gloss = g_build_filename (fixture->dir, "korea.gloss", NULL);
  g_autofree char *conllu = g_build_filename (fixture->dir, "korea.conllu", NULL);
  g_autofree char *conll2002 = g_build_filename (fixture->dir, "korea.conll", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *warnings = NULL;
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[] = { brat, NULL };
  GlossImportOptions import = GLOSS_IMPORT_OPTIONS_INIT;
  GPtrArray *formats = gloss_format_list ();
  GlossExportDialog *dialog;
  GtkCheckButton *check;

  g_assert_cmpint (g_mkdir (brat, 0700), ==, 0);
  g_assert_true (g_file_set_contents (txt, "North Korean defectors met officials in Seoul.\n", -1,
                                      NULL));
  g_assert_true (g_file_set_contents (ann, "T1\tGPE 0 11\tNorth Korea\n", -1, NULL));
  project = gloss_project_create (gloss, NULL, &error);
  g_assert_no_error (error);
  gloss_project_set_annotator (project, "tester");
  import.format = "brat";
  g_assert_true (gloss_format_import (project, paths, &import, NULL, NULL, &error));
  g_assert_no_error (error);

  dialog = new_dialog (NULL, project);
  check = _gloss_export_dialog_get_misaligned_check (dialog);
  for (guint i = 0; token_formats[i] != NULL; i++)
    g_assert_true (_gloss_export_dialog_select_format (dialog, token_formats[i]));
  for (guint i = 0; i < formats->len; i++)
    {
      GlossFormat *format = g_ptr_array_index (formats, i);
      const char *name = gloss_format_get_name (format);

      if (!gloss_format_can_export (format))
        continue;
      g_assert_true (_gloss_export_dialog_select_format (dialog, name));
      g_test_message ("%s: misaligned check %s", name,
                      gtk_widget_get_visible (GTK_WIDGET (check)) ? "shown" : "hidden");
      g_assert_cmpint (gtk_widget_get_visible (GTK_WIDGET (check)), ==,
                       g_strv_contains (token_formats, name));
    }

  /* Ticked: extended to "North Korean", and said. */
  g_assert_true (_gloss_export_dialog_select_format (dialog, "conllu"));
  gtk_check_button_set_active (check, TRUE);
  iterate_main_context (100);
  save_screenshot (GTK_WIDGET (dialog), "export-dialog-conllu.png");
  _gloss_export_dialog_set_destination (dialog, conllu);
  click_export (dialog);
  g_assert_true (g_file_get_contents (conllu, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "1\tNorth\t_\t_\t_\t_\t_\t_\t_\tNER=B-GPE\n"
                                      "2\tKorean\t_\t_\t_\t_\t_\t_\t_\tNER=I-GPE\n"));
  warnings = _gloss_export_dialog_dup_warnings (dialog);
  g_test_message ("%s", warnings);
  g_assert_nonnull (strstr (warnings, "(GPE 0-11): does not line up with the tokens: extended "
                                      "to their boundaries (0-12)"));

  /* Unticked: left out, never cut to "North", and said. */
  g_clear_pointer (&contents, g_free);
  g_clear_pointer (&warnings, g_free);
  gtk_stack_set_visible_child_name (GTK_STACK (gtk_window_get_child (GTK_WINDOW (dialog))),
                                    "setup");
  g_assert_true (_gloss_export_dialog_select_format (dialog, "conll2002"));
  gtk_check_button_set_active (check, FALSE);
  _gloss_export_dialog_set_destination (dialog, conll2002);
  click_export (dialog);
  g_assert_true (g_file_get_contents (conll2002, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "North O\nKorean O\ndefectors O\nmet O\nofficials O\nin O\n"
                                 "Seoul O\n. O\n\n");
  warnings = _gloss_export_dialog_dup_warnings (dialog);
  g_assert_nonnull (strstr (warnings, "(GPE 0-11): does not line up with the tokens (it starts "
                                      "or ends inside one): left out"));
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
  g_test_add ("/ui/export/token-formats", Fixture, NULL, fixture_setup, test_token_formats,
              fixture_teardown);
  g_test_add ("/ui/export/toast", Fixture, NULL, fixture_setup, test_toast, fixture_teardown);
  g_test_add ("/ui/export/gold-jsonl", Fixture, NULL, fixture_setup, test_gold_jsonl,
              fixture_teardown);
  g_test_add ("/ui/export/gold-include-partial", Fixture, NULL, fixture_setup,
              test_gold_include_partial, fixture_teardown);

  return g_test_run ();
}
