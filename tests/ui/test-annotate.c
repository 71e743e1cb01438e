/* test-annotate.c: annotating in the document view, keyboard first
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drives GlossDocumentView through the same entry point as its key
 * controller (_gloss_document_view_handle_key) and checks the store's rows
 * after each step. Run under Xvfb: xvfb-run -a meson test -C _build --suite ui
 */

#include "config.h"

#include <stdlib.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "gloss-annotation-list.h"
#include "gloss-annotation.h"
#include "gloss-bulk.h"
#include "gloss-command.h"
#include "gloss-document-view-private.h"
#include "gloss-document-view.h"
#include "gloss-document.h"
#include "gloss-project.h"
#include "gloss-relation.h"
#include "gloss-store.h"
#include "gloss-window.h"

/* Offsets:       0         1         2         3         4         5         6
 *                0123456789012345678901234567890123456789012345678901234567890123 */
#define TEXT "Valgrad officials said on Tuesday that Meridian ran front firms " \
             "in Singapore. A source told the agency that Valgrad paid €450,000 " \
             "to Meridian, and Valgradian banks denied it.\n\nMeridian said nothing."

typedef struct
{
  char                *dir;
  char                *path;
  GlossProject        *project;
  GlossDocument       *document;      /* borrowed from the project */
  GlossAnnotationList *annotations;
  GtkWidget           *window;
  GlossDocumentView   *view;          /* borrowed: in window */
  GPtrArray           *messages;
} Fixture;

static void
message_cb (GlossDocumentView *view,
            const char        *message,
            Fixture           *fixture)
{
  g_ptr_array_add (fixture->messages, g_strdup (message));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("gloss-annotate-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "test.gloss", NULL);
  fixture->project = gloss_project_create (fixture->path, NULL, &error);
  g_assert_no_error (error);
  gloss_project_set_annotator (fixture->project, "tester");

  fixture->document = gloss_project_add_document (fixture->project, "article", TEXT, -1, NULL,
                                                  &error);
  g_assert_no_error (error);
  fixture->annotations = gloss_project_dup_annotation_list (fixture->project, fixture->document,
                                                            &error);
  g_assert_no_error (error);

  fixture->messages = g_ptr_array_new_with_free_func (g_free);
  fixture->window = g_object_ref_sink (gtk_window_new ());
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 600);
  fixture->view = GLOSS_DOCUMENT_VIEW (gloss_document_view_new ());
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->view));
  gloss_document_view_set_document (fixture->view, fixture->document, fixture->annotations);
  g_signal_connect (fixture->view, "message", G_CALLBACK (message_cb), fixture);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  g_clear_pointer (&fixture->messages, g_ptr_array_unref);
  g_clear_object (&fixture->annotations);
  g_clear_object (&fixture->project);

  g_unlink (fixture->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* ---- helpers ------------------------------------------------------------- */

static guint
offset_of (const char *word,
           guint       nth)
{
  const char *p = TEXT;
  const char *hit = NULL;

  for (guint i = 0; i <= nth; i++)
    {
      hit = strstr (p, word);
      g_assert_nonnull (hit);
      p = hit + 1;
    }

  return g_utf8_pointer_to_offset (TEXT, hit);
}

static void
select_text (Fixture *fixture,
             guint    start,
             guint    end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (fixture->view));
  GtkTextIter a, b;

  gtk_text_buffer_get_iter_at_offset (buffer, &a, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, end);
  gtk_text_buffer_select_range (buffer, &b, &a);
}

static gboolean
key (Fixture         *fixture,
     guint            keyval,
     GdkModifierType  state)
{
  return _gloss_document_view_handle_key (fixture->view, keyval, state);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  return gloss_annotation_compare (*(GlossAnnotation * const *) a,
                                   *(GlossAnnotation * const *) b);
}

/* The live (or all) stored annotations, in document order. */
static GPtrArray *
stored (Fixture  *fixture,
        gboolean  include_deleted)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;

  rows = gloss_store_load_annotations (gloss_project_get_store (fixture->project),
                                       gloss_document_get_id (fixture->document),
                                       include_deleted, &error);
  g_assert_no_error (error);
  g_ptr_array_sort (rows, compare_rows);
  return rows;
}

static void
assert_span (GlossAnnotation *annotation,
             const char      *label,
             guint            start,
             guint            end)
{
  g_assert_nonnull (annotation);
  g_assert_cmpstr (gloss_annotation_get_label (annotation), ==, label);
  g_assert_cmpuint (gloss_annotation_get_start (annotation), ==, start);
  g_assert_cmpuint (gloss_annotation_get_end (annotation), ==, end);
}

static GlossAnnotation *
selected (Fixture *fixture)
{
  return gloss_document_view_get_selected_annotation (fixture->view);
}

static gboolean
has_text_selection (Fixture *fixture)
{
  return gtk_text_buffer_get_has_selection (
    gtk_text_view_get_buffer (GTK_TEXT_VIEW (fixture->view)));
}

/* Waits for a frame, then checks that the view drew exactly one chip per
 * live annotation (the fixture's text fits in the window). */
static void
assert_chips_match (Fixture *fixture)
{
  GListModel *model = G_LIST_MODEL (fixture->annotations);
  g_autoptr(GHashTable) expected = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) chips = NULL;
  gint64 deadline = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (model, i);

      g_hash_table_add (expected, (gpointer) gloss_annotation_get_uuid (annotation));
    }

  gtk_widget_queue_draw (GTK_WIDGET (fixture->view));
  do
    {
      g_main_context_iteration (NULL, FALSE);
      g_clear_pointer (&chips, g_ptr_array_unref);
      chips = _gloss_document_view_dup_chip_uuids (fixture->view);
    }
  while (chips->len != g_hash_table_size (expected) && g_get_monotonic_time () < deadline);

  g_assert_cmpuint (chips->len, ==, g_hash_table_size (expected));
  for (guint i = 0; i < chips->len; i++)
    g_assert_true (g_hash_table_contains (expected, g_ptr_array_index (chips, i)));
}

/* ---- pure helpers -------------------------------------------------------- */

static void
test_occurrences (void)
{
  g_autoptr(GArray) hits = NULL;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) none = NULL;
  GlossFragment *f;

  hits = gloss_find_occurrences (TEXT, "Valgrad", TRUE);
  /* Not "Valgradian". */
  g_assert_cmpuint (hits->len, ==, 2);
  f = &g_array_index (hits, GlossFragment, 0);
  g_assert_cmpuint (f->start, ==, 0);
  g_assert_cmpuint (f->end, ==, 7);
  f = &g_array_index (hits, GlossFragment, 1);
  g_assert_cmpuint (f->start, ==, offset_of ("Valgrad", 1));
  g_assert_cmpuint (f->end, ==, offset_of ("Valgrad", 1) + 7);

  all = gloss_find_occurrences (TEXT, "Valgrad", FALSE);
  g_assert_cmpuint (all->len, ==, 3);

  /* Offsets in code points after a multi-byte character. */
  hits = (g_array_unref (hits), gloss_find_occurrences (TEXT, "Meridian", TRUE));
  g_assert_cmpuint (hits->len, ==, 3);
  f = &g_array_index (hits, GlossFragment, 1);
  g_assert_cmpuint (f->start, ==, offset_of ("Meridian", 1));

  none = gloss_find_occurrences (TEXT, "", TRUE);
  g_assert_cmpuint (none->len, ==, 0);
}

/* ---- the view ------------------------------------------------------------ */

static void
test_hotkey (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  guint officials = offset_of ("officials", 0);

  /* Nothing selected: a hotkey says so and creates nothing. */
  g_assert_true (key (fixture, GDK_KEY_1, 0));
  g_assert_cmpuint (fixture->messages->len, ==, 1);
  rows = stored (fixture, TRUE);
  g_assert_cmpuint (rows->len, ==, 0);

  /* Part of "Valgrad" and a space, then "1" (PERSON): snapped to the word. */
  select_text (fixture, 2, 8);
  g_assert_true (key (fixture, GDK_KEY_1, 0));
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = stored (fixture, TRUE);
  g_assert_cmpuint (rows->len, ==, 1);
  assert_span (g_ptr_array_index (rows, 0), "PERSON", 0, 7);
  g_assert_cmpstr (gloss_annotation_get_annotator (g_ptr_array_index (rows, 0)), ==, "tester");
  /* The first annotation puts the document in progress, in the same step. */
  g_assert_cmpint (gloss_document_get_status (fixture->document, "tester"), ==,
                   GLOSS_DOCUMENT_STATUS_IN_PROGRESS);

  /* The new annotation is selected; the text selection is gone. */
  g_assert_nonnull (selected (fixture));
  uuid = g_strdup (gloss_annotation_get_uuid (selected (fixture)));
  g_assert_cmpstr (gloss_annotation_get_uuid (g_ptr_array_index (rows, 0)), ==, uuid);
  g_assert_false (has_text_selection (fixture));

  /* The hotkey with no text selection relabels: "3" is GPE. */
  g_assert_true (key (fixture, GDK_KEY_3, 0));
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = stored (fixture, FALSE);
  g_assert_cmpuint (rows->len, ==, 1);
  assert_span (g_ptr_array_index (rows, 0), "GPE", 0, 7);
  g_assert_cmpstr (gloss_annotation_get_label (selected (fixture)), ==, "GPE");

  /* Alt+Right moves the end one word on; Alt+Left back. */
  g_assert_true (key (fixture, GDK_KEY_Right, GDK_ALT_MASK));
  assert_span (gloss_annotation_list_lookup (fixture->annotations, uuid), "GPE", 0,
               officials + 9);
  g_assert_true (key (fixture, GDK_KEY_Left, GDK_ALT_MASK));
  assert_span (gloss_annotation_list_lookup (fixture->annotations, uuid), "GPE", 0, 7);
  /* Not past the start: the span never becomes empty. */
  g_assert_true (key (fixture, GDK_KEY_Left, GDK_ALT_MASK));
  assert_span (gloss_annotation_list_lookup (fixture->annotations, uuid), "GPE", 0, 7);

  /* Alt+Shift+Right moves the start one word on (grow the end first). */
  g_assert_true (key (fixture, GDK_KEY_Right, GDK_ALT_MASK));
  g_assert_true (key (fixture, GDK_KEY_Right, GDK_ALT_MASK | GDK_SHIFT_MASK));
  assert_span (gloss_annotation_list_lookup (fixture->annotations, uuid), "GPE", officials,
               officials + 9);
  g_assert_true (key (fixture, GDK_KEY_Left, GDK_ALT_MASK | GDK_SHIFT_MASK));
  assert_span (gloss_annotation_list_lookup (fixture->annotations, uuid), "GPE", 0,
               officials + 9);

  /* Without snapping, a character at a time. */
  gloss_document_view_set_snap_to_words (fixture->view, FALSE);
  g_assert_true (key (fixture, GDK_KEY_Left, GDK_ALT_MASK));
  assert_span (gloss_annotation_list_lookup (fixture->annotations, uuid), "GPE", 0,
               officials + 8);
  gloss_document_view_set_snap_to_words (fixture->view, TRUE);

  /* Delete tombstones it and clears the selection. */
  g_assert_true (key (fixture, GDK_KEY_Delete, 0));
  g_assert_null (selected (fixture));
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = stored (fixture, FALSE);
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = stored (fixture, TRUE);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_true (gloss_annotation_get_deleted (g_ptr_array_index (rows, 0)));

  /* Undo brings it back, redo deletes it again. */
  g_assert_true (gloss_annotation_list_undo (fixture->annotations, &error));
  g_assert_no_error (error);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = stored (fixture, FALSE);
  g_assert_cmpuint (rows->len, ==, 1);
  /* ...selected again. */
  g_assert_nonnull (selected (fixture));
  g_assert_cmpstr (gloss_annotation_get_uuid (selected (fixture)), ==, uuid);
  g_assert_true (gloss_annotation_list_redo (fixture->annotations, &error));
  g_assert_no_error (error);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = stored (fixture, FALSE);
  g_assert_cmpuint (rows->len, ==, 0);

  /* Keys the view does not use pass on. */
  g_assert_false (key (fixture, GDK_KEY_x, 0));
  g_assert_false (key (fixture, GDK_KEY_Delete, 0));
  g_assert_false (key (fixture, GDK_KEY_Escape, 0));

  /* Selecting only white space creates nothing. */
  select_text (fixture, 7, 8);
  g_assert_true (key (fixture, GDK_KEY_1, 0));
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = stored (fixture, FALSE);
  g_assert_cmpuint (rows->len, ==, 0);

  /* Uppercase hotkeys fall back to the lower-case one: "C" is CLAIM. */
  select_text (fixture, offset_of ("Meridian", 0), offset_of ("firms", 0) + 5);
  g_assert_true (key (fixture, GDK_KEY_C, GDK_SHIFT_MASK));
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = stored (fixture, FALSE);
  g_assert_cmpuint (rows->len, ==, 1);
  assert_span (g_ptr_array_index (rows, 0), "CLAIM", offset_of ("Meridian", 0),
               offset_of ("firms", 0) + 5);
}

static void
test_select (Fixture       *fixture,
             gconstpointer  user_data)
{
  guint meridian = offset_of ("Meridian", 0);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (fixture->view));
  GtkTextIter iter;
  GlossAnnotation *first;
  g_autofree char *first_uuid = NULL;

  /* Three annotations: a claim around an org, and a person later. */
  select_text (fixture, meridian, offset_of ("firms", 0) + 5);
  key (fixture, GDK_KEY_c, 0);
  select_text (fixture, meridian, meridian + 8);
  key (fixture, GDK_KEY_2, 0);
  select_text (fixture, offset_of ("Valgrad", 1), offset_of ("Valgrad", 1) + 7);
  key (fixture, GDK_KEY_3, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->annotations)), ==, 3);
  assert_chips_match (fixture);

  /* Escape clears the selection, then passes on. */
  g_assert_nonnull (selected (fixture));
  g_assert_true (key (fixture, GDK_KEY_Escape, 0));
  g_assert_null (selected (fixture));
  g_assert_false (key (fixture, GDK_KEY_Escape, 0));

  /* Tab from the caret at the start: document order, wrapping. */
  gtk_text_buffer_get_start_iter (buffer, &iter);
  gtk_text_buffer_place_cursor (buffer, &iter);
  g_assert_true (key (fixture, GDK_KEY_Tab, 0));
  first = selected (fixture);
  g_assert_nonnull (first);
  first_uuid = g_strdup (gloss_annotation_get_uuid (first));
  g_assert_cmpuint (gloss_annotation_get_start (first), ==, meridian);
  g_assert_true (key (fixture, GDK_KEY_Tab, 0));
  g_assert_cmpuint (gloss_annotation_get_start (selected (fixture)), ==, meridian);
  g_assert_false (selected (fixture) == first);
  g_assert_true (key (fixture, GDK_KEY_Tab, 0));
  g_assert_cmpstr (gloss_annotation_get_label (selected (fixture)), ==, "GPE");
  g_assert_true (key (fixture, GDK_KEY_Tab, 0));
  g_assert_true (selected (fixture) == first);
  g_assert_true (key (fixture, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  g_assert_cmpstr (gloss_annotation_get_label (selected (fixture)), ==, "GPE");

  /* The property follows, and setting it selects by uuid. */
  g_object_set (fixture->view, "selected-annotation", first, NULL);
  g_assert_true (selected (fixture) == first);
  g_object_set (fixture->view, "selected-annotation", NULL, NULL);
  g_assert_null (selected (fixture));

  /* Relabelling keeps the selection on the new snapshot. */
  gloss_document_view_set_selected_annotation (fixture->view, first);
  key (fixture, GDK_KEY_4, 0);
  g_assert_nonnull (selected (fixture));
  g_assert_cmpstr (gloss_annotation_get_label (selected (fixture)), ==, "LOC");
  g_assert_cmpstr (gloss_annotation_get_uuid (selected (fixture)), ==, first_uuid);
  assert_chips_match (fixture);

  /* Delete, undo, redo: the chips follow the model. */
  g_assert_true (key (fixture, GDK_KEY_Delete, 0));
  assert_chips_match (fixture);
  g_assert_true (gloss_annotation_list_undo (fixture->annotations, NULL));
  assert_chips_match (fixture);
  g_assert_true (gloss_annotation_list_redo (fixture->annotations, NULL));
  assert_chips_match (fixture);
}

static void
test_fragment (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GPtrArray) rows = NULL;
  const GlossFragment *fragments;
  guint n_fragments;
  guint said = offset_of ("said", 0);
  guint told = offset_of ("told", 0);

  /* A cue, then another piece added with Ctrl+Shift+A. */
  select_text (fixture, said, said + 4);
  key (fixture, GDK_KEY_u, 0);
  select_text (fixture, told, told + 4);
  g_assert_true (key (fixture, GDK_KEY_A, GDK_CONTROL_MASK | GDK_SHIFT_MASK));

  rows = stored (fixture, FALSE);
  g_assert_cmpuint (rows->len, ==, 1);
  fragments = gloss_annotation_get_fragments (g_ptr_array_index (rows, 0), &n_fragments);
  g_assert_cmpuint (n_fragments, ==, 2);
  g_assert_cmpuint (fragments[0].start, ==, said);
  g_assert_cmpuint (fragments[1].start, ==, told);
  g_assert_cmpuint (fragments[1].end, ==, told + 4);

  /* Alt+Right moves the last fragment's end; the first stays. */
  g_assert_true (key (fixture, GDK_KEY_Right, GDK_ALT_MASK));
  fragments = gloss_annotation_get_fragments (selected (fixture), &n_fragments);
  g_assert_cmpuint (n_fragments, ==, 2);
  g_assert_cmpuint (fragments[0].end, ==, said + 4);
  g_assert_cmpuint (fragments[1].end, ==, offset_of ("the agency", 0) + 3);

  /* One undo step per edit. */
  g_assert_true (gloss_annotation_list_undo (fixture->annotations, NULL));
  fragments = gloss_annotation_get_fragments (selected (fixture), &n_fragments);
  g_assert_cmpuint (fragments[1].end, ==, told + 4);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The relations stored from @source (uuid), as "type>covered text" joined
 * with "|", sorted. */
static char *
stored_links (Fixture    *fixture,
              const char *source)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  relations = gloss_store_load_relations (gloss_project_get_store (fixture->project),
                                          gloss_document_get_id (fixture->document), FALSE,
                                          &error);
  g_assert_no_error (error);
  for (guint i = 0; i < relations->len; i++)
    {
      GlossRelation   *relation = g_ptr_array_index (relations, i);
      GlossAnnotation *target;
      g_autofree char *text = NULL;

      if (g_strcmp0 (gloss_relation_get_source (relation), source) != 0)
        continue;
      target = gloss_annotation_list_lookup (fixture->annotations,
                                             gloss_relation_get_target (relation));
      g_assert_nonnull (target);
      text = gloss_annotation_dup_text (target, TEXT);
      g_ptr_array_add (parts, g_strdup_printf ("%s>%s", gloss_relation_get_relation_type (relation),
                                               text));
    }
  g_ptr_array_sort (parts, compare_strings);
  g_ptr_array_add (parts, NULL);
  return g_strjoinv ("|", (char **) parts->pdata);
}

static const char *
stored_attribute (Fixture    *fixture,
                  const char *uuid,
                  const char *name)
{
  GlossAnnotation *annotation = gloss_annotation_list_lookup (fixture->annotations, uuid);
  GVariant        *value = NULL;

  if (annotation != NULL)
    value = gloss_annotation_get_attribute (annotation, name);

  return value != NULL ? g_variant_get_string (value, NULL) : NULL;
}

/* A claim made with its hotkey starts with its declared defaults and a
 * proposed frame (source and cue): Enter links both, in one undo step.
 * Tab, Up/Down and the digits choose other candidates; Escape leaves the
 * claim unlinked; Alt+digits set its certainty. */
static void
test_frame (Fixture      *fixture,
            gconstpointer user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *claim = NULL;
  g_autofree char *second = NULL;
  g_autofree char *links = NULL;
  guint            that = offset_of ("that Valgrad", 0);
  guint            keys = 0;

  /* "A source told the agency that Valgrad paid €450,000 to Meridian" */
  select_text (fixture, offset_of ("A source", 0), offset_of ("A source", 0) + 8);
  key (fixture, GDK_KEY_s, 0);
  select_text (fixture, offset_of ("told", 0), offset_of ("told", 0) + 4);
  key (fixture, GDK_KEY_u, 0);
  select_text (fixture, offset_of ("the agency", 0), offset_of ("the agency", 0) + 10);
  key (fixture, GDK_KEY_2, 0);
  g_assert_false (gloss_document_view_get_frame_pending (fixture->view));

  /* The claim: c, then Enter. Two keys after the selection. */
  select_text (fixture, that + 5, offset_of ("to Meridian", 0) + 11);
  g_assert_true (key (fixture, GDK_KEY_c, 0));
  keys++;
  claim = g_strdup (gloss_annotation_get_uuid (selected (fixture)));
  g_assert_cmpstr (stored_attribute (fixture, claim, "certainty"), ==, "asserted");
  g_assert_cmpstr (stored_attribute (fixture, claim, "status"), ==, "unverified");
  g_assert_true (gloss_document_view_get_frame_pending (fixture->view));
  /* The speaker before the cue, not the recipient between the cue and
   * the claim. */
  g_assert_nonnull (strstr (gloss_document_view_get_hint (fixture->view),
                            "attributed-to: SOURCE “A source”"));
  g_assert_nonnull (strstr (gloss_document_view_get_hint (fixture->view), "cue: CUE “told”"));
  g_assert_true (key (fixture, GDK_KEY_Return, 0));
  keys++;
  g_assert_false (gloss_document_view_get_frame_pending (fixture->view));
  g_assert_null (gloss_document_view_get_hint (fixture->view));
  links = stored_links (fixture, claim);
  g_assert_cmpstr (links, ==, "attributed-to>A source|cue>told");
  g_assert_cmpuint (keys, <=, 4);

  /* Alt+2: certainty hedged, without the inspector. */
  g_assert_true (key (fixture, GDK_KEY_2, GDK_ALT_MASK));
  g_assert_cmpstr (stored_attribute (fixture, claim, "certainty"), ==, "hedged");
  /* Past the last value: nothing changes. */
  key (fixture, GDK_KEY_9, GDK_ALT_MASK);
  g_assert_cmpstr (stored_attribute (fixture, claim, "certainty"), ==, "hedged");

  /* One undo takes the certainty back, the next both links at once. */
  g_assert_true (gloss_annotation_list_undo (fixture->annotations, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (stored_attribute (fixture, claim, "certainty"), ==, "asserted");
  g_assert_true (gloss_annotation_list_undo (fixture->annotations, &error));
  g_assert_no_error (error);
  g_clear_pointer (&links, g_free);
  links = stored_links (fixture, claim);
  g_assert_cmpstr (links, ==, "");
  g_assert_nonnull (gloss_annotation_list_lookup (fixture->annotations, claim));

  /* Delete the claim and make it again: Tab goes to the next source (the
   * agency), Shift+Tab back, Tab again; Down to the cue; 0 for none,
   * which after the last role links the frame. */
  gloss_document_view_set_selected_annotation (fixture->view,
                                               gloss_annotation_list_lookup (fixture->annotations,
                                                                             claim));
  g_assert_true (key (fixture, GDK_KEY_Delete, 0));
  select_text (fixture, that + 5, offset_of ("to Meridian", 0) + 11);
  g_assert_true (key (fixture, GDK_KEY_c, 0));
  g_free (claim);
  claim = g_strdup (gloss_annotation_get_uuid (selected (fixture)));
  g_assert_true (key (fixture, GDK_KEY_Tab, 0));
  g_assert_nonnull (strstr (gloss_document_view_get_hint (fixture->view), "the agency"));
  g_assert_true (key (fixture, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  g_assert_nonnull (strstr (gloss_document_view_get_hint (fixture->view), "“A source”"));
  g_assert_true (key (fixture, GDK_KEY_Tab, 0));
  g_assert_true (key (fixture, GDK_KEY_Down, 0));
  g_assert_true (key (fixture, GDK_KEY_0, 0));
  g_assert_false (gloss_document_view_get_frame_pending (fixture->view));
  g_clear_pointer (&links, g_free);
  links = stored_links (fixture, claim);
  g_assert_cmpstr (links, ==, "attributed-to>the agency");

  /* Digits pick by rank and go on to the next role: 1 then 1 links. */
  select_text (fixture, offset_of ("Meridian ran", 0), offset_of ("Singapore", 0) + 9);
  g_assert_true (key (fixture, GDK_KEY_c, 0));
  second = g_strdup (gloss_annotation_get_uuid (selected (fixture)));
  g_assert_true (gloss_document_view_get_frame_pending (fixture->view));
  /* Escape leaves it unlinked; the claim stays selected. */
  g_assert_true (key (fixture, GDK_KEY_Escape, 0));
  g_assert_false (gloss_document_view_get_frame_pending (fixture->view));
  g_assert_nonnull (selected (fixture));
  g_clear_pointer (&links, g_free);
  links = stored_links (fixture, second);
  g_assert_cmpstr (links, ==, "");

  /* A second fragment proposes the frame anew, from both fragments. */
  select_text (fixture, offset_of ("Valgradian", 0), offset_of ("denied it", 0) + 9);
  g_assert_true (key (fixture, GDK_KEY_a, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  g_assert_cmpuint (gloss_annotation_get_n_fragments (selected (fixture)), ==, 2);
  g_assert_true (gloss_document_view_get_frame_pending (fixture->view));
  g_assert_true (key (fixture, GDK_KEY_1, 0));
  g_assert_true (key (fixture, GDK_KEY_1, 0));
  g_assert_false (gloss_document_view_get_frame_pending (fixture->view));
  g_clear_pointer (&links, g_free);
  links = stored_links (fixture, second);
  g_assert_nonnull (strstr (links, "attributed-to>"));
  g_assert_nonnull (strstr (links, "cue>"));
}

/* Runs on lanes: ones sharing an end fork on one level with each name in
 * the stretch only its run covers; crossing ones stack; a line with less
 * room keeps them low (over each other, never over words). */
static void
test_lane_place (void)
{
  GlossLanePiece fork[] = {
    { 0, 10, 50, 5, 2, 0, 0, 0 },
    { 0, 30, 50, 5, 2, 1, 0, 0 },
    { 0, 50, 90, 5, 2, 2, 0, 0 },
  };
  GlossLanePiece crossing[] = {
    { 0, 10, 50, 5, 2, 0, 0, 0 },
    { 0, 30, 80, 5, 2, 1, 0, 0 },
    /* Another line: its own levels. */
    { 1, 30, 80, 5, 2, 2, 0, 0 },
  };
  GlossLanePiece tight[] = {
    { 0, 10, 50, 5, 1, 0, 0, 0 },
    { 0, 30, 80, 5, 1, 1, 0, 0 },
  };
  GlossLanePiece crowded[] = {
    /* The longer run's own stretch [10, 14] is too short for its name. */
    { 0, 10, 50, 8, 2, 0, 0, 0 },
    { 0, 14, 50, 8, 2, 1, 0, 0 },
  };

  g_assert_cmpuint (_gloss_lane_place (fork, G_N_ELEMENTS (fork)), ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (fork); i++)
    {
      g_assert_cmpuint (fork[i].level, ==, 0);
      if (fork[i].id == 0)
        g_assert_cmpfloat (fork[i].name_x, ==, 20.0);
      else if (fork[i].id == 1)
        g_assert_cmpfloat (fork[i].name_x, ==, 40.0);
      else
        g_assert_cmpfloat (fork[i].name_x, ==, 70.0);
    }

  g_assert_cmpuint (_gloss_lane_place (crossing, G_N_ELEMENTS (crossing)), ==, 2);
  for (guint i = 0; i < G_N_ELEMENTS (crossing); i++)
    g_assert_cmpuint (crossing[i].level, ==, crossing[i].id == 1 ? 1 : 0);

  g_assert_cmpuint (_gloss_lane_place (tight, G_N_ELEMENTS (tight)), ==, 1);
  g_assert_cmpuint (tight[0].level, ==, 0);
  g_assert_cmpuint (tight[1].level, ==, 0);

  g_assert_cmpuint (_gloss_lane_place (crowded, G_N_ELEMENTS (crowded)), ==, 2);
  for (guint i = 0; i < G_N_ELEMENTS (crowded); i++)
    g_assert_cmpuint (crowded[i].level, ==, crowded[i].id == 0 ? 1 : 0);
}

/* The levels each paragraph reserves: what one selection shows there. */
static void
test_lane_levels (void)
{
  const guint  starts[] = { 0, 100, 200 };
  GlossLaneArc arcs[] = {
    /* A claim at 50 linked to a source at 10 and a cue at 30: a fork. */
    { 0, 50, 10, 5 },
    { 0, 50, 30, 5 },
    { 1, 10, 50, 5 },
    { 2, 30, 50, 5 },
    /* A claim at 150 linked to a source at 20: both paragraphs. */
    { 3, 150, 20, 5 },
    { 4, 20, 150, 5 },
  };
  g_autofree guint8 *levels = NULL;
  GlossLaneArc       crossing[] = {
          { 0, 10, 60, 5 },
          { 0, 40, 90, 5 },
  };
  g_autofree guint8 *stacked = NULL;

  levels = _gloss_document_view_compute_lane_levels (arcs, G_N_ELEMENTS (arcs), starts, 3, 300);
  g_assert_cmpuint (levels[0], ==, 1);
  g_assert_cmpuint (levels[1], ==, 1);
  g_assert_cmpuint (levels[2], ==, 0);

  stacked = _gloss_document_view_compute_lane_levels (crossing, G_N_ELEMENTS (crossing), starts,
                                                      3, 300);
  g_assert_cmpuint (stacked[0], ==, 2);
  g_assert_cmpuint (stacked[1], ==, 0);
}

/* The rectangles of the text of every display line, in buffer
 * coordinates. */
static GArray *
text_bands (Fixture *fixture)
{
  GtkTextView *view = GTK_TEXT_VIEW (fixture->view);
  GArray      *bands = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  GtkTextIter  iter;

  gtk_text_buffer_get_start_iter (gtk_text_view_get_buffer (view), &iter);
  do
    {
      GdkRectangle    location;
      graphene_rect_t band;

      gtk_text_view_get_iter_location (view, &iter, &location);
      band = GRAPHENE_RECT_INIT (0, location.y, 10000, location.height);
      g_array_append_val (bands, band);
    }
  while (gtk_text_view_forward_display_line (view, &iter));

  return bands;
}

static int
line_y_of (Fixture *fixture,
           guint    offset)
{
  GtkTextIter  iter;
  GdkRectangle location;

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (GTK_TEXT_VIEW (fixture->view)),
                                      &iter, offset);
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (fixture->view), &iter, &location);
  return location.y;
}

static void
wait_for_arcs (Fixture *fixture,
               guint    n_pieces)
{
  gint64 deadline = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;

  gtk_widget_queue_draw (GTK_WIDGET (fixture->view));
  while (_gloss_document_view_get_arc_boxes (fixture->view)->len < n_pieces &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  /* One more frame after the last layout. */
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (_gloss_document_view_get_arc_boxes (fixture->view)->len, >=, n_pieces);
}

static gboolean
arcs_clear_of_text (Fixture *fixture)
{
  g_autoptr(GArray) bands = text_bands (fixture);
  GArray *boxes = _gloss_document_view_get_arc_boxes (fixture->view);

  for (guint i = 0; i < boxes->len; i++)
    for (guint k = 0; k < bands->len; k++)
      if (graphene_rect_intersection (&g_array_index (boxes, GlossArcBox, i).bounds,
                                      &g_array_index (bands, graphene_rect_t, k), NULL))
        return FALSE;
  return TRUE;
}

/* Until the arcs drawn last leave every line of text alone (3 s at most:
 * the assertions after it say what is wrong). */
static void
wait_for_arcs_clear_of_text (Fixture *fixture)
{
  gint64 deadline = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;

  while (!arcs_clear_of_text (fixture) && g_get_monotonic_time () < deadline)
    {
      gtk_widget_queue_draw (GTK_WIDGET (fixture->view));
      g_main_context_iteration (NULL, FALSE);
    }
}

/* Relation arcs run in lanes above the lines: no arc and no name covers a
 * word, names do not overlap, a claim's paragraph keeps its room whether
 * or not it is selected, and a paragraph without relations keeps none. */
static void
test_arcs (Fixture      *fixture,
           gconstpointer user_data)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (fixture->view));
  guint          that = offset_of ("that Valgrad", 0);
  guint          last = offset_of ("Meridian said", 0);
  g_autoptr(GArray) bands = NULL;
  GlossAnnotation *claim;
  GArray          *boxes;
  GtkTextIter      iter;
  int              y_last;

  /* Narrow: the source is on another line than the claim. */
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (fixture->view), 520);

  select_text (fixture, offset_of ("A source", 0), offset_of ("A source", 0) + 8);
  key (fixture, GDK_KEY_s, 0);
  select_text (fixture, offset_of ("told", 0), offset_of ("told", 0) + 4);
  key (fixture, GDK_KEY_u, 0);
  select_text (fixture, that + 5, offset_of ("to Meridian", 0) + 11);
  key (fixture, GDK_KEY_c, 0);
  g_assert_true (key (fixture, GDK_KEY_Return, 0));
  claim = selected (fixture);
  g_assert_nonnull (claim);

  wait_for_arcs (fixture, 2);
  g_assert_cmpint (line_y_of (fixture, offset_of ("A source", 0)), <,
                   line_y_of (fixture, gloss_annotation_get_start (claim)));

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, that);
  g_assert_cmpuint (_gloss_document_view_lane_levels_at (fixture->view, &iter), >=, 1);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, last);
  g_assert_cmpuint (_gloss_document_view_lane_levels_at (fixture->view, &iter), ==, 0);

  /* The lanes take their room in a relayout after the arcs are first
   * drawn: on a busy machine that is some frames later. */
  wait_for_arcs_clear_of_text (fixture);
  bands = text_bands (fixture);
  boxes = _gloss_document_view_get_arc_boxes (fixture->view);
  for (guint i = 0; i < boxes->len; i++)
    {
      GlossArcBox *box = &g_array_index (boxes, GlossArcBox, i);

      for (guint k = 0; k < bands->len; k++)
        g_assert_false (graphene_rect_intersection (&box->bounds,
                                                    &g_array_index (bands, graphene_rect_t, k),
                                                    NULL));
      for (guint j = 0; j < i; j++)
        {
          GlossArcBox *other = &g_array_index (boxes, GlossArcBox, j);

          if (box->name.size.width > 0 && other->name.size.width > 0)
            g_assert_false (graphene_rect_intersection (&box->name, &other->name, NULL));
        }
    }

  /* Selecting elsewhere moves no line. */
  y_last = line_y_of (fixture, last);
  gloss_document_view_set_selected_annotation (fixture->view, NULL);
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (line_y_of (fixture, last), ==, y_last);
}

static void
test_link (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autofree char *claim = NULL;
  g_autofree char *cue = NULL;
  g_autofree char *source = NULL;
  g_autofree char *date = NULL;
  guint that = offset_of ("that Valgrad", 0);

  /* "A source told the agency that Valgrad paid €450,000 to Meridian" */
  select_text (fixture, offset_of ("A source", 0), offset_of ("A source", 0) + 8);
  key (fixture, GDK_KEY_s, 0);
  source = g_strdup (gloss_annotation_get_uuid (selected (fixture)));
  select_text (fixture, offset_of ("told", 0), offset_of ("told", 0) + 4);
  key (fixture, GDK_KEY_u, 0);
  cue = g_strdup (gloss_annotation_get_uuid (selected (fixture)));
  select_text (fixture, offset_of ("Tuesday", 0), offset_of ("Tuesday", 0) + 7);
  key (fixture, GDK_KEY_7, 0);
  date = g_strdup (gloss_annotation_get_uuid (selected (fixture)));
  select_text (fixture, that + 5, offset_of ("to Meridian", 0) + 11);
  key (fixture, GDK_KEY_c, 0);
  claim = g_strdup (gloss_annotation_get_uuid (selected (fixture)));

  /* Ctrl+R proposes the nearest compatible annotation: the cue "told";
   * it allows one type, so Enter links at once. */
  g_assert_true (gloss_document_view_start_link (fixture->view));
  g_assert_true (gloss_document_view_get_linking (fixture->view));
  g_assert_nonnull (gloss_document_view_get_hint (fixture->view));
  g_assert_nonnull (strstr (gloss_document_view_get_hint (fixture->view), "told"));
  g_assert_true (key (fixture, GDK_KEY_Return, 0));
  g_assert_false (gloss_document_view_get_linking (fixture->view));
  g_assert_null (gloss_document_view_get_hint (fixture->view));

  /* Next Ctrl+R proposes the source (the cue is linked already); "1" is
   * the first type the schema allows, attributed-to. */
  g_assert_true (gloss_document_view_start_link (fixture->view));
  g_assert_nonnull (strstr (gloss_document_view_get_hint (fixture->view), "A source"));
  g_assert_true (key (fixture, GDK_KEY_1, 0));

  relations = gloss_store_load_relations (gloss_project_get_store (fixture->project),
                                          gloss_document_get_id (fixture->document), FALSE,
                                          &error);
  g_assert_no_error (error);
  g_assert_cmpuint (relations->len, ==, 2);
  for (guint i = 0; i < relations->len; i++)
    {
      GlossRelation *relation = g_ptr_array_index (relations, i);

      g_assert_cmpstr (gloss_relation_get_source (relation), ==, claim);
      if (g_strcmp0 (gloss_relation_get_target (relation), cue) == 0)
        g_assert_cmpstr (gloss_relation_get_relation_type (relation), ==, "cue");
      else
        {
          g_assert_cmpstr (gloss_relation_get_target (relation), ==, source);
          g_assert_cmpstr (gloss_relation_get_relation_type (relation), ==, "attributed-to");
        }
    }

  /* Tab moves the proposal; Escape cancels without a relation. */
  g_assert_true (gloss_document_view_start_link (fixture->view));
  g_assert_true (key (fixture, GDK_KEY_Tab, 0));
  g_assert_true (key (fixture, GDK_KEY_Escape, 0));
  g_assert_false (gloss_document_view_get_linking (fixture->view));
  g_assert_nonnull (selected (fixture));
  g_assert_cmpuint (g_list_model_get_n_items (
                      gloss_annotation_list_get_relations (fixture->annotations)), ==, 2);

  /* A DATE cannot be the target of anything from a CUE: a message. */
  gloss_document_view_set_selected_annotation (fixture->view,
                                               gloss_annotation_list_lookup (
                                                 fixture->annotations, cue));
  g_ptr_array_set_size (fixture->messages, 0);
  g_assert_false (gloss_document_view_start_link (fixture->view));
  g_assert_cmpuint (fixture->messages->len, ==, 1);

  /* From the claim to the date: only "about" is allowed, linked at once. */
  gloss_document_view_set_selected_annotation (fixture->view,
                                               gloss_annotation_list_lookup (
                                                 fixture->annotations, claim));
  g_assert_true (gloss_document_view_link_to (fixture->view,
                                              gloss_annotation_list_lookup (
                                                fixture->annotations, date), 0));
  g_assert_false (gloss_document_view_get_linking (fixture->view));
  g_assert_cmpuint (g_list_model_get_n_items (
                      gloss_annotation_list_get_relations (fixture->annotations)), ==, 3);

  /* To the source again: two types allowed, so Enter asks (a popover) and
   * "2" picks the second, about. */
  g_assert_true (gloss_document_view_link_to (fixture->view,
                                              gloss_annotation_list_lookup (
                                                fixture->annotations, source), 0));
  g_assert_true (gloss_document_view_get_linking (fixture->view));
  g_assert_cmpuint (g_list_model_get_n_items (
                      gloss_annotation_list_get_relations (fixture->annotations)), ==, 3);
  g_assert_true (key (fixture, GDK_KEY_2, 0));
  g_assert_false (gloss_document_view_get_linking (fixture->view));
  g_assert_cmpuint (g_list_model_get_n_items (
                      gloss_annotation_list_get_relations (fixture->annotations)), ==, 4);

  /* A type number the schema does not have does nothing. */
  g_assert_true (gloss_document_view_start_link (fixture->view));
  g_assert_true (key (fixture, GDK_KEY_9, 0));
  g_assert_true (gloss_document_view_get_linking (fixture->view));
  g_assert_true (key (fixture, GDK_KEY_Escape, 0));
  g_assert_cmpuint (g_list_model_get_n_items (
                      gloss_annotation_list_get_relations (fixture->annotations)), ==, 4);

  /* From a claim to another claim: nothing allowed, the window is told. */
  {
    g_autofree char *claim2 = NULL;

    select_text (fixture, offset_of ("Meridian", 0), offset_of ("firms", 0) + 5);
    key (fixture, GDK_KEY_c, 0);
    claim2 = g_strdup (gloss_annotation_get_uuid (selected (fixture)));
    gloss_document_view_set_selected_annotation (fixture->view,
                                                 gloss_annotation_list_lookup (
                                                   fixture->annotations, claim));
    g_ptr_array_set_size (fixture->messages, 0);
    g_assert_false (gloss_document_view_link_to (fixture->view,
                                                 gloss_annotation_list_lookup (
                                                   fixture->annotations, claim2), 0));
    g_assert_cmpuint (fixture->messages->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (fixture->messages, 0), ==,
                     "No relation from CLAIM to CLAIM in this schema");
    g_assert_true (key (fixture, GDK_KEY_Escape, 0));
    g_assert_false (gloss_document_view_get_linking (fixture->view));
  }

  /* Deleting the claim removes its relations; undo restores them. */
  g_assert_true (key (fixture, GDK_KEY_Delete, 0));
  g_assert_cmpuint (g_list_model_get_n_items (
                      gloss_annotation_list_get_relations (fixture->annotations)), ==, 0);
  g_assert_true (gloss_annotation_list_undo (fixture->annotations, &error));
  g_assert_cmpuint (g_list_model_get_n_items (
                      gloss_annotation_list_get_relations (fixture->annotations)), ==, 4);
}

static void
test_annotate_all (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GPtrArray) rows = NULL;
  guint n_before;

  select_text (fixture, offset_of ("Meridian", 1), offset_of ("Meridian", 1) + 8);
  key (fixture, GDK_KEY_2, 0);
  /* A second one already there for the last occurrence. */
  select_text (fixture, offset_of ("Meridian", 2), offset_of ("Meridian", 2) + 8);
  key (fixture, GDK_KEY_2, 0);
  n_before = gloss_annotation_list_can_undo (fixture->annotations);
  g_assert_true (n_before);

  g_ptr_array_set_size (fixture->messages, 0);
  g_assert_cmpuint (gloss_document_view_annotate_all (fixture->view), ==, 1);
  g_assert_cmpuint (fixture->messages->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (fixture->messages, 0), ==,
                   "Annotated 1 more occurrence");

  rows = stored (fixture, FALSE);
  g_assert_cmpuint (rows->len, ==, 3);

  /* Nothing more to do a second time. */
  g_assert_cmpuint (gloss_document_view_annotate_all (fixture->view), ==, 0);

  /* Whole words only: "Valgrad" does not annotate "Valgradian". */
  select_text (fixture, 0, 7);
  key (fixture, GDK_KEY_3, 0);
  g_assert_cmpuint (gloss_document_view_annotate_all (fixture->view), ==, 1);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = stored (fixture, FALSE);
  g_assert_cmpuint (rows->len, ==, 5);

  /* One undo step takes all of them back. */
  g_assert_true (gloss_annotation_list_undo (fixture->annotations, NULL));
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = stored (fixture, FALSE);
  g_assert_cmpuint (rows->len, ==, 4);
}

static void
test_search (Fixture       *fixture,
             gconstpointer  user_data)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (fixture->view));
  GtkTextIter a, b;

  g_assert_cmpuint (gloss_document_view_set_search (fixture->view, "meridian"), ==, 3);
  g_assert_cmpuint (gloss_document_view_get_n_matches (fixture->view), ==, 3);

  g_assert_true (gloss_document_view_find_next (fixture->view, 1));
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &a, &b));
  g_assert_cmpuint (gtk_text_iter_get_offset (&a), ==, offset_of ("Meridian", 0));
  g_assert_true (gloss_document_view_find_next (fixture->view, 1));
  gtk_text_buffer_get_selection_bounds (buffer, &a, &b);
  g_assert_cmpuint (gtk_text_iter_get_offset (&a), ==, offset_of ("Meridian", 1));
  g_assert_true (gloss_document_view_find_next (fixture->view, -1));
  gtk_text_buffer_get_selection_bounds (buffer, &a, &b);
  g_assert_cmpuint (gtk_text_iter_get_offset (&a), ==, offset_of ("Meridian", 0));
  /* Wraps around backwards. */
  g_assert_true (gloss_document_view_find_next (fixture->view, -1));
  gtk_text_buffer_get_selection_bounds (buffer, &a, &b);
  g_assert_cmpuint (gtk_text_iter_get_offset (&a), ==, offset_of ("Meridian", 2));

  /* The match is the selection: a hotkey annotates it. */
  key (fixture, GDK_KEY_2, 0);
  g_assert_nonnull (selected (fixture));
  g_assert_cmpuint (gloss_annotation_get_start (selected (fixture)), ==,
                    offset_of ("Meridian", 2));

  g_assert_cmpuint (gloss_document_view_set_search (fixture->view, NULL), ==, 0);
  g_assert_false (gloss_document_view_find_next (fixture->view, 1));
}

static void
test_popover (Fixture       *fixture,
              gconstpointer  user_data)
{
  /* The popovers build and show at the selection; then close. */
  select_text (fixture, 0, 7);
  g_assert_true (gloss_document_view_show_label_popover (fixture->view));
  g_assert_true (key (fixture, GDK_KEY_Escape, 0));
  g_assert_false (gloss_document_view_show_label_popover (fixture->view));
}

/* ---- the window ------------------------------------------------------------ */

static void
test_window (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GFile) file = g_file_new_for_path (fixture->path);
  g_autoptr(GError) error = NULL;
  GlossDocument *second;
  g_autoptr(GPtrArray) rows = NULL;
  GlossDocumentView *view;
  GlossWindow *window;
  GlossAnnotationList *annotations;
  GtkTextBuffer *buffer;
  GtkTextIter a, b;

  g_setenv ("GLOSS_ANNOTATOR", "tester", TRUE);
  second = gloss_project_add_document (fixture->project, "second", "Another text.", -1, NULL,
                                       &error);
  g_assert_no_error (error);
  g_assert_nonnull (second);

  window = g_object_ref (gloss_window_new (NULL));
  g_assert_true (gloss_window_open_file (window, file, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_window_select_document (window, "article"));
  gtk_window_present (GTK_WINDOW (window));

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "article — test");

  view = GLOSS_DOCUMENT_VIEW (gloss_window_get_view (window));
  annotations = gloss_document_view_get_annotations (view);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

  /* Undo/redo follow the document's stack. */
  g_assert_false (gloss_annotation_list_can_undo (annotations));
  gtk_text_buffer_get_iter_at_offset (buffer, &a, 0);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, 7);
  gtk_text_buffer_select_range (buffer, &a, &b);
  g_assert_true (_gloss_document_view_handle_key (view, GDK_KEY_1, 0));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (annotations)), ==, 1);
  g_assert_true (gloss_annotation_list_can_undo (annotations));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.annotate-all", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (annotations)), ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (annotations)), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (annotations)), ==, 2);

  /* Ctrl+Enter: done for this annotator, then the next document. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.mark-done", NULL));
  g_assert_cmpint (gloss_document_get_status (fixture->document, "tester"), ==,
                   GLOSS_DOCUMENT_STATUS_DONE);
  g_assert_cmpstr (gloss_document_get_name (gloss_window_get_document (window)), ==, "second");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-document",
                                             NULL));
  g_assert_cmpstr (gloss_document_get_name (gloss_window_get_document (window)), ==, "article");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-document", NULL));
  g_assert_cmpstr (gloss_document_get_name (gloss_window_get_document (window)), ==, "second");

  /* Find: the bar opens. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL));

  rows = gloss_store_load_annotations (gloss_project_get_store (fixture->project),
                                       gloss_document_get_id (fixture->document), FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
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

  g_test_add_func ("/ui/annotate/occurrences", test_occurrences);
  g_test_add ("/ui/annotate/hotkey", Fixture, NULL, fixture_setup, test_hotkey,
              fixture_teardown);
  g_test_add ("/ui/annotate/select", Fixture, NULL, fixture_setup, test_select,
              fixture_teardown);
  g_test_add ("/ui/annotate/fragment", Fixture, NULL, fixture_setup, test_fragment,
              fixture_teardown);
  g_test_add_func ("/ui/annotate/lane-place", test_lane_place);
  g_test_add_func ("/ui/annotate/lane-levels", test_lane_levels);
  g_test_add ("/ui/annotate/arcs", Fixture, NULL, fixture_setup, test_arcs, fixture_teardown);
  g_test_add ("/ui/annotate/link", Fixture, NULL, fixture_setup, test_link, fixture_teardown);
  g_test_add ("/ui/annotate/frame", Fixture, NULL, fixture_setup, test_frame, fixture_teardown);
  g_test_add ("/ui/annotate/annotate-all", Fixture, NULL, fixture_setup, test_annotate_all,
              fixture_teardown);
  g_test_add ("/ui/annotate/search", Fixture, NULL, fixture_setup, test_search,
              fixture_teardown);
  g_test_add ("/ui/annotate/popover", Fixture, NULL, fixture_setup, test_popover,
              fixture_teardown);
  g_test_add ("/ui/annotate/window", Fixture, NULL, fixture_setup, test_window,
              fixture_teardown);

  return g_test_run ();
}
