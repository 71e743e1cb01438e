/* test-view-long.c: the document view on a long document, tagged in slices
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A long document shows its start tagged at once and the rest is tagged in
 * idle slices: check the start right after gloss_document_view_set_document(),
 * then, once the main loop is idle, that the whole buffer matches the model,
 * edits made meanwhile included. Run under Xvfb.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "gloss-annotation-list.h"
#include "gloss-annotation.h"
#include "gloss-command.h"
#include "gloss-document-view.h"
#include "gloss-project.h"

#define N_WORDS      60000   /* about 400,000 characters */
#define SLICE_CHARS  8192    /* tagged at once (TAG_FIRST_CHARS in gloss-document-view.c) */

static const char *labels[] = { "PERSON", "ORG", "GPE", "CLAIM" };

typedef struct
{
  char                *dir;
  char                *path;
  GlossProject        *project;
  GlossDocument       *document;     /* borrowed from the project */
  GlossAnnotationList *annotations;
  guint                length;
} Fixture;

static void
apply (GlossAnnotationList *annotations,
       GlossCommand        *command)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_annotation_list_apply (annotations, command, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GlossCommand) command = gloss_command_new ("spans");
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261124);

  for (guint i = 0; i < N_WORDS; i++)
    g_string_append (text, i % 40 == 39 ? "café.\n\n" : "word ");

  fixture->dir = g_dir_make_tmp ("gloss-ui-long-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "long.gloss", NULL);
  fixture->project = gloss_project_create (fixture->path, NULL, &error);
  g_assert_no_error (error);
  gloss_project_set_annotator (fixture->project, "tester");
  fixture->document = gloss_project_add_document (fixture->project, "long", text->str, -1,
                                                  NULL, &error);
  g_assert_no_error (error);
  fixture->length = g_utf8_strlen (text->str, -1);
  fixture->annotations = gloss_project_dup_annotation_list (fixture->project, fixture->document,
                                                            &error);
  g_assert_no_error (error);

  /* Spans all over the text, some overlapping, some across slice edges. */
  for (guint start = 3; start + 40 < fixture->length; start += g_rand_int_range (rand, 20, 90))
    {
      guint end = start + g_rand_int_range (rand, 1, 40);
      const char *label = labels[g_rand_int_range (rand, 0, G_N_ELEMENTS (labels))];
      g_autoptr(GlossAnnotation) annotation = gloss_annotation_new_span (label, start, end,
                                                                         NULL);

      gloss_command_create_annotation (command, annotation);
    }
  apply (fixture->annotations, command);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);

  g_clear_object (&fixture->annotations);
  g_clear_object (&fixture->project);
  g_unlink (fixture->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* The tags of every label over [0, end) against the model's fragments. */
static void
check_tags (Fixture           *fixture,
            GlossDocumentView *view,
            guint              end,
            const char        *context)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GListModel *model = G_LIST_MODEL (fixture->annotations);

  for (guint l = 0; l < G_N_ELEMENTS (labels); l++)
    {
      g_autofree gboolean *expected = g_new0 (gboolean, fixture->length + 1);
      g_autofree char *name = gloss_document_view_dup_tag_name (labels[l]);
      GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), name);
      GtkTextIter iter;
      gboolean inside;
      guint position = 0;

      g_assert_nonnull (tag);
      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (model, i);
          const GlossFragment *fragments;
          guint n;

          if (g_strcmp0 (gloss_annotation_get_label (annotation), labels[l]) != 0)
            continue;
          fragments = gloss_annotation_get_fragments (annotation, &n);
          for (guint f = 0; f < n; f++)
            for (guint c = fragments[f].start; c < fragments[f].end; c++)
              expected[c] = TRUE;
        }

      /* Walk the tag's toggles: the state holds up to the next one. */
      gtk_text_buffer_get_start_iter (buffer, &iter);
      inside = gtk_text_iter_has_tag (&iter, tag);
      while (position < end)
        {
          guint next = fixture->length;

          if (gtk_text_iter_forward_to_tag_toggle (&iter, tag))
            next = gtk_text_iter_get_offset (&iter);
          for (; position < next && position < end; position++)
            if (expected[position] != inside)
              g_error ("%s: %s at %u is %s", context, labels[l], position,
                       inside ? "tagged but not annotated" : "annotated but not tagged");
          if (next == fixture->length)
            break;
          inside = !inside;
        }
    }
}

static void
wait_until_idle (void)
{
  /* The slices run just below the redraw priority: drain them all. */
  for (guint i = 0; i < 10000 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

static void
test_long_tagging (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GlossCommand) command = gloss_command_new ("late");
  g_autoptr(GlossAnnotation) late = NULL;
  GtkWidget *view;

  g_assert_cmpuint (fixture->length, >, 4 * SLICE_CHARS);

  view = g_object_ref_sink (gloss_document_view_new ());
  gloss_document_view_set_document (GLOSS_DOCUMENT_VIEW (view), fixture->document,
                                    fixture->annotations);
  check_tags (fixture, GLOSS_DOCUMENT_VIEW (view), SLICE_CHARS, "first slice");

  /* An edit in the part not tagged yet, before the slices run. */
  late = gloss_annotation_new_span ("ORG", fixture->length - 30, fixture->length - 20, NULL);
  gloss_command_create_annotation (command, late);
  apply (fixture->annotations, command);

  wait_until_idle ();
  check_tags (fixture, GLOSS_DOCUMENT_VIEW (view), fixture->length, "all slices");

  /* Detaching while slices are pending cancels them. */
  gloss_document_view_set_document (GLOSS_DOCUMENT_VIEW (view), NULL, NULL);
  gloss_document_view_set_document (GLOSS_DOCUMENT_VIEW (view), fixture->document,
                                    fixture->annotations);
  gloss_document_view_set_document (GLOSS_DOCUMENT_VIEW (view), NULL, NULL);
  wait_until_idle ();

  g_assert_finalize_object (view);
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

  g_test_add ("/ui/document-view/long-document-slices", Fixture, NULL,
              fixture_setup, test_long_tagging, fixture_teardown);

  return g_test_run ();
}
