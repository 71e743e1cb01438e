/* test-widgets.c: templates, the document view's tags, the main window
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run under Xvfb: xvfb-run -a meson test -C _build --suite ui
 */

#include "config.h"

#include <stdlib.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "gloss-annotation-list.h"
#include "gloss-annotation-row.h"
#include "gloss-annotation.h"
#include "gloss-command.h"
#include "gloss-document-row.h"
#include "gloss-document-view-private.h"
#include "gloss-document-view.h"
#include "gloss-document.h"
#include "gloss-preferences-window.h"
#include "gloss-project.h"
#include "gloss-schema.h"
#include "gloss-window.h"
#include "ui-test-util.h"

#define N_RANDOM_STEPS 400

typedef struct
{
  char                *dir;
  char                *path;
  GlossProject        *project;
  GlossDocument       *document;      /* borrowed from the project */
  GlossAnnotationList *annotations;
  GPtrArray           *labels;        /* label names (borrowed from the schema) */
} Fixture;

static const char *words[] = {
  "Valgrad", "said", "the", "agency", "told", "Meridian", "on", "Tuesday", "a", "source",
  "familiar", "with", "matter", "network", "of", "informants", "€450,000", "café", "officials",
  "denied", "claims", "that", "it", "ran", "front", "firms", "in", "Singapore", "—", "naïve",
};

static char *
make_text (GRand *rand,
           guint  n_words)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n_words; i++)
    {
      g_string_append (text, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      if (i % 37 == 36)
        g_string_append (text, ".\n\n");
      else if (i % 11 == 10)
        g_string_append (text, ", ");
      else
        g_string_append_c (text, ' ');
    }

  return g_string_free (text, FALSE);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = make_text (rand, 400);
  GListModel *labels;

  fixture->dir = g_dir_make_tmp ("gloss-ui-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "test.gloss", NULL);
  fixture->project = gloss_project_create (fixture->path, NULL, &error);
  g_assert_no_error (error);
  gloss_project_set_annotator (fixture->project, "tester");

  fixture->document = gloss_project_add_document (fixture->project, "article", text, -1, NULL,
                                                  &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->document);
  fixture->annotations = gloss_project_dup_annotation_list (fixture->project, fixture->document,
                                                            &error);
  g_assert_no_error (error);

  fixture->labels = g_ptr_array_new ();
  labels = gloss_schema_get_labels (gloss_project_get_schema (fixture->project));
  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (labels, i);

      g_ptr_array_add (fixture->labels, (gpointer) gloss_label_get_name (label));
    }
  g_assert_cmpuint (fixture->labels->len, >, 1);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);

  g_clear_pointer (&fixture->labels, g_ptr_array_unref);
  g_clear_object (&fixture->annotations);
  g_clear_object (&fixture->project);

  g_unlink (fixture->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
apply (GlossAnnotationList *annotations,
       GlossCommand        *command)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_annotation_list_apply (annotations, command, &error));
  g_assert_no_error (error);
}

static void
add_span (Fixture    *fixture,
          const char *label,
          guint       start,
          guint       end)
{
  g_autoptr(GlossAnnotation) annotation = gloss_annotation_new_span (label, start, end, NULL);
  g_autoptr(GlossCommand) command = gloss_command_new ("Add");

  apply (fixture->annotations, gloss_command_create_annotation (command, annotation));
}

/* The model's coverage of @label: one flag per code point. */
static gboolean *
model_mask (GlossAnnotationList *annotations,
            const char          *label,
            guint                length)
{
  gboolean *mask = g_new0 (gboolean, length + 1);
  GListModel *model = G_LIST_MODEL (annotations);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (model, i);
      const GlossFragment *fragments;
      guint n_fragments;

      if (g_strcmp0 (gloss_annotation_get_label (annotation), label) != 0)
        continue;

      fragments = gloss_annotation_get_fragments (annotation, &n_fragments);
      for (guint j = 0; j < n_fragments; j++)
        for (guint k = fragments[j].start; k < fragments[j].end && k < length; k++)
          mask[k] = TRUE;
    }

  return mask;
}

/* The buffer's coverage by the label's tag, walking its toggles. */
static gboolean *
tag_mask (GtkTextBuffer *buffer,
          const char    *label,
          guint          length)
{
  gboolean *mask = g_new0 (gboolean, length + 1);
  g_autofree char *name = gloss_document_view_dup_tag_name (label);
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), name);
  GtkTextIter iter;
  gboolean inside;
  guint position = 0;

  if (tag == NULL)
    return mask;

  gtk_text_buffer_get_start_iter (buffer, &iter);
  inside = gtk_text_iter_has_tag (&iter, tag);
  while (gtk_text_iter_forward_to_tag_toggle (&iter, tag))
    {
      guint offset = gtk_text_iter_get_offset (&iter);

      for (; position < offset; position++)
        mask[position] = inside;
      inside = !inside;
    }
  g_assert_false (inside);

  return mask;
}

static void
check_tags (Fixture           *fixture,
            GlossDocumentView *view,
            const char        *context)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  guint length = gloss_document_get_length (fixture->document);

  g_assert_cmpuint (gtk_text_buffer_get_char_count (buffer), ==, length);

  for (guint i = 0; i < fixture->labels->len; i++)
    {
      const char *label = g_ptr_array_index (fixture->labels, i);
      gboolean *expected = model_mask (fixture->annotations, label, length);
      gboolean *actual = tag_mask (buffer, label, length);

      for (guint k = 0; k < length; k++)
        {
          if (expected[k] != actual[k])
            g_error ("%s: label %s at offset %u: model %d, tags %d",
                     context, label, k, expected[k], actual[k]);
        }
      g_free (expected);
      g_free (actual);
    }
}

static const char *
random_uuid (GlossAnnotationList *annotations,
             GRand               *rand)
{
  GListModel *model = G_LIST_MODEL (annotations);
  guint n = g_list_model_get_n_items (model);
  g_autoptr(GlossAnnotation) annotation = NULL;

  if (n == 0)
    return NULL;

  annotation = g_list_model_get_item (model, g_rand_int_range (rand, 0, n));
  /* The list keeps the snapshot alive. */
  return gloss_annotation_get_uuid (annotation);
}

static void
random_fragments (GRand         *rand,
                  guint          length,
                  GlossFragment *fragments,
                  guint         *n_fragments)
{
  guint start = g_rand_int_range (rand, 0, length - 1);
  guint end = MIN (length, start + 1 + g_rand_int_range (rand, 0, 40));

  fragments[0].start = start;
  fragments[0].end = end;
  *n_fragments = 1;

  /* Now and then a discontinuous span. */
  if (end + 2 < length && g_rand_int_range (rand, 0, 5) == 0)
    {
      fragments[1].start = end + 1 + g_rand_int_range (rand, 0, MIN (30, length - end - 2));
      fragments[1].end = MIN (length, fragments[1].start + 1 + g_rand_int_range (rand, 0, 20));
      *n_fragments = 2;
    }
}

static void
random_step (Fixture *fixture,
             GRand   *rand)
{
  GlossAnnotationList *annotations = fixture->annotations;
  guint length = gloss_document_get_length (fixture->document);
  const char *label = g_ptr_array_index (fixture->labels,
                                         g_rand_int_range (rand, 0, fixture->labels->len));
  g_autoptr(GlossCommand) command = gloss_command_new ("Random");
  g_autoptr(GError) error = NULL;
  GlossFragment fragments[2];
  guint n_fragments;
  const char *uuid = random_uuid (annotations, rand);
  int op = g_rand_int_range (rand, 0, 10);

  if (uuid == NULL && op >= 3 && op < 7)
    op = 0;

  switch (op)
    {
    case 0:
    case 1:
    case 2:
      {
        g_autoptr(GlossAnnotation) annotation = NULL;

        random_fragments (rand, length, fragments, &n_fragments);
        annotation = gloss_annotation_new (label, fragments, n_fragments, NULL);
        apply (annotations, gloss_command_create_annotation (command, annotation));
      }
      break;

    case 3:
      apply (annotations, gloss_command_delete_annotation (command, uuid));
      break;

    case 4:
      apply (annotations, gloss_command_set_label (command, uuid, label));
      break;

    case 5:
    case 6:
      random_fragments (rand, length, fragments, &n_fragments);
      apply (annotations, gloss_command_set_fragments (command, uuid, fragments, n_fragments));
      break;

    case 7:
    case 8:
      if (gloss_annotation_list_can_undo (annotations))
        {
          g_assert_true (gloss_annotation_list_undo (annotations, &error));
          g_assert_no_error (error);
        }
      break;

    default:
      if (gloss_annotation_list_can_redo (annotations))
        {
          g_assert_true (gloss_annotation_list_redo (annotations, &error));
          g_assert_no_error (error);
        }
      break;
    }
}

/* ---- tests ------------------------------------------------------------- */

static void
test_templates (void)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWidget *window;
  GtkWidget *preferences;
  GtkWidget *dialog;
  GtkWidget *row;
  GObject *overlay;

  window = g_object_ref (GTK_WIDGET (gloss_window_new (NULL)));
  g_assert_true (GLOSS_IS_WINDOW (window));
  g_assert_null (gloss_window_get_project (GLOSS_WINDOW (window)));
  g_assert_true (GLOSS_IS_DOCUMENT_VIEW (gloss_window_get_view (GLOSS_WINDOW (window))));
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);

  preferences = g_object_ref (gloss_preferences_window_new (NULL, settings));
  g_assert_true (GLOSS_IS_PREFERENCES_WINDOW (preferences));
  gtk_window_destroy (GTK_WINDOW (preferences));
  g_assert_finalize_object (preferences);

  dialog = g_object_ref (gloss_first_run_dialog_present (NULL, settings));
  g_assert_true (GTK_IS_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);

  builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/gtk/help-overlay.ui");
  overlay = gtk_builder_get_object (builder, "help_overlay");
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));

  row = g_object_ref_sink (gloss_document_row_new ());
  g_assert_finalize_object (row);
  row = g_object_ref_sink (gloss_annotation_row_new ());
  g_assert_finalize_object (row);
}

static void
test_preferences_bind (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWidget *preferences;

  g_settings_set_string (settings, "annotator-name", "Ada");
  g_settings_set_enum (settings, "color-scheme", 2);
  preferences = g_object_ref (gloss_preferences_window_new (NULL, settings));
  gtk_window_destroy (GTK_WINDOW (preferences));
  g_assert_finalize_object (preferences);
  g_assert_cmpint (g_settings_get_enum (settings, "color-scheme"), ==, 2);
  g_settings_reset (settings, "annotator-name");
  g_settings_reset (settings, "color-scheme");
}

static void
test_changed_range (void)
{
  g_autoptr(GlossAnnotation) a = gloss_annotation_new_span ("PERSON", 10, 20, NULL);
  g_autoptr(GlossAnnotation) b = gloss_annotation_new_span ("ORG", 5, 12, NULL);
  guint start, end;

  g_assert_false (_gloss_document_view_changed_range (NULL, NULL, &start, &end));
  g_assert_true (_gloss_document_view_changed_range (a, NULL, &start, &end));
  g_assert_cmpuint (start, ==, 10);
  g_assert_cmpuint (end, ==, 20);
  g_assert_true (_gloss_document_view_changed_range (a, b, &start, &end));
  g_assert_cmpuint (start, ==, 5);
  g_assert_cmpuint (end, ==, 20);
  g_assert_true (_gloss_document_view_layer_is_underlined ("claim"));
  g_assert_false (_gloss_document_view_layer_is_underlined ("entity"));
}

static void
test_tag_ranges (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GPtrArray) ranges = NULL;
  g_autoptr(GlossAnnotation) annotation = NULL;
  g_autoptr(GlossCommand) command = gloss_command_new ("Split");
  GlossFragment fragments[] = { { 2, 6 }, { 10, 14 } };

  add_span (fixture, "PERSON", 0, 8);
  add_span (fixture, "ORG", 4, 20);
  annotation = gloss_annotation_new ("CLAIM", fragments, G_N_ELEMENTS (fragments), NULL);
  apply (fixture->annotations, gloss_command_create_annotation (command, annotation));

  /* Clipped to the range, sorted by (label, start). */
  ranges = _gloss_document_view_compute_tag_ranges (fixture->annotations, 5, 12);
  g_assert_cmpuint (ranges->len, ==, 4);
#define RANGE(i) ((GlossTagRange *) g_ptr_array_index (ranges, i))
  g_assert_cmpstr (RANGE (0)->label, ==, "CLAIM");
  g_assert_cmpuint (RANGE (0)->start, ==, 5);
  g_assert_cmpuint (RANGE (0)->end, ==, 6);
  g_assert_cmpstr (RANGE (1)->label, ==, "CLAIM");
  g_assert_cmpuint (RANGE (1)->start, ==, 10);
  g_assert_cmpuint (RANGE (1)->end, ==, 12);
  g_assert_cmpstr (RANGE (2)->label, ==, "ORG");
  g_assert_cmpuint (RANGE (2)->start, ==, 5);
  g_assert_cmpuint (RANGE (2)->end, ==, 12);
  g_assert_cmpstr (RANGE (3)->label, ==, "PERSON");
  g_assert_cmpuint (RANGE (3)->start, ==, 5);
  g_assert_cmpuint (RANGE (3)->end, ==, 8);
#undef RANGE

  g_clear_pointer (&ranges, g_ptr_array_unref);
  ranges = _gloss_document_view_compute_tag_ranges (fixture->annotations, 30, 30);
  g_assert_cmpuint (ranges->len, ==, 0);
}

static void
test_view_random (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261120);
  GtkWidget *view;
  GtkTextTag *tag;
  g_autofree char *name = NULL;

  add_span (fixture, "PERSON", 0, 7);
  add_span (fixture, "CLAIM", 3, 60);

  view = g_object_ref_sink (gloss_document_view_new ());
  gloss_document_view_set_document (GLOSS_DOCUMENT_VIEW (view), fixture->document,
                                    fixture->annotations);
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (view)));
  g_assert_true (gtk_text_view_get_cursor_visible (GTK_TEXT_VIEW (view)));
  check_tags (fixture, GLOSS_DOCUMENT_VIEW (view), "initial");

  /* Claims are underlined, entities get a background. */
  name = gloss_document_view_dup_tag_name ("CLAIM");
  tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (
                                     gtk_text_view_get_buffer (GTK_TEXT_VIEW (view))), name);
  g_assert_nonnull (tag);
  {
    PangoUnderline underline;
    gboolean background_set;

    g_object_get (tag, "underline", &underline, "background-set", &background_set, NULL);
    g_assert_cmpint (underline, !=, PANGO_UNDERLINE_NONE);
    g_assert_false (background_set);
  }

  for (guint step = 0; step < N_RANDOM_STEPS; step++)
    {
      g_autofree char *context = g_strdup_printf ("step %u", step);

      random_step (fixture, rand);
      check_tags (fixture, GLOSS_DOCUMENT_VIEW (view), context);
    }

  /* Detaching leaves an empty buffer and no handlers on the list. */
  gloss_document_view_set_document (GLOSS_DOCUMENT_VIEW (view), NULL, NULL);
  g_assert_null (gloss_document_view_get_document (GLOSS_DOCUMENT_VIEW (view)));
  add_span (fixture, "ORG", 1, 3);

  g_assert_finalize_object (view);
}

static void
test_window (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GFile) file = g_file_new_for_path (fixture->path);
  g_autoptr(GError) error = NULL;
  GlossDocumentView *view;
  GlossWindow *window;
  guint n_before;

  add_span (fixture, "PERSON", 0, 7);
  add_span (fixture, "GPE", 10, 19);
  g_clear_object (&fixture->annotations);
  g_clear_object (&fixture->project);

  window = g_object_ref (gloss_window_new (NULL));
  g_assert_true (gloss_window_open_file (window, file, &error));
  g_assert_no_error (error);
  g_assert_nonnull (gloss_window_get_project (window));
  g_assert_false (gloss_window_select_document (window, "no such document"));
  g_assert_true (gloss_window_select_document (window, "article"));
  g_assert_cmpstr (gloss_document_get_name (gloss_window_get_document (window)), ==, "article");

  view = GLOSS_DOCUMENT_VIEW (gloss_window_get_view (window));
  g_assert_true (gloss_document_view_get_document (view) == gloss_window_get_document (window));

  /* Show it so that snapshot_layer draws the chips. */
  gtk_window_present (GTK_WINDOW (window));
  iterate_main_context (300);

  /* win.undo / win.redo drive the list. */
  fixture->annotations = g_object_ref (gloss_document_view_get_annotations (view));
  fixture->document = gloss_window_get_document (window);
  n_before = g_list_model_get_n_items (G_LIST_MODEL (fixture->annotations));
  add_span (fixture, "ORG", 20, 30);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->annotations)), ==,
                    n_before + 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->annotations)), ==,
                    n_before);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->annotations)), ==,
                    n_before + 1);
  check_tags (fixture, view, "window");
  iterate_main_context (100);

  gloss_window_set_project (window, NULL);
  g_assert_null (gloss_window_get_document (window));
  g_clear_object (&fixture->annotations);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate_main_context (50);
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  /* No G_TEST_OPTION_ISOLATE_DIRS: it hides the icon theme from GTK, whose
   * fallback icons then fail to load. Settings use the memory backend and
   * projects live in a g_dir_make_tmp() directory. */
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_printerr ("No display: skipping the UI tests\n");
      return 77;
    }

  g_test_add_func ("/ui/templates", test_templates);
  g_test_add_func ("/ui/preferences/bind", test_preferences_bind);
  g_test_add_func ("/ui/document-view/changed-range", test_changed_range);
  g_test_add ("/ui/document-view/tag-ranges", Fixture, NULL,
              fixture_setup, test_tag_ranges, fixture_teardown);
  g_test_add ("/ui/document-view/random-commands", Fixture, NULL,
              fixture_setup, test_view_random, fixture_teardown);
  g_test_add ("/ui/window/open-project", Fixture, NULL,
              fixture_setup, test_window, fixture_teardown);

  return g_test_run ();
}
