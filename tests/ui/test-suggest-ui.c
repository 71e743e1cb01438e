/* test-suggest-ui.c: reviewing suggestions in the window, from the keyboard
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "gloss-annotation-list.h"
#include "gloss-annotation.h"
#include "gloss-document-view-private.h"
#include "gloss-document.h"
#include "gloss-project.h"
#include "gloss-relation.h"
#include "gloss-store.h"
#include "gloss-suggest.h"
#include "gloss-window-private.h"
#include "gloss-window.h"
#include "suggest-test-util.h"
#include "ui-test-util.h"

static const char story[] =
  "SEOUL, Nov. 20 (Meridian) — A defector told the agency that Unit 414 stole 300 million "
  "dollars from exchanges in Asia.\n\n"
  "“We moved the money through Mongolia,” Nikolai Dorn said. He believes the unit is still "
  "active, officials said on Wednesday.";

/* ---- what a model or a server would propose ------------------------------ */

static const Proposal proposals[] = {
  { "SOURCE", "A defector", 0.8, NULL, NULL, NULL },
  { "CUE", "told", 0.9, NULL, NULL, NULL },
  { "CLAIM", "Unit 414 stole 300 million dollars from exchanges in Asia", 0.7, "A defector",
    "told", "asserted" },
  { "MONEY", "300 million dollars", 0.95, NULL, NULL, NULL },
  { "GPE", "Mongolia", 0.4, NULL, NULL, NULL },
  { "ORG", "Nikolai Dorn", 0.3, NULL, NULL, NULL },
  { "DATE", "Wednesday", 0.6, NULL, NULL, NULL },
};

/* ---- helpers ------------------------------------------------------------ */

typedef struct
{
  char        *dir;
  char        *path;
  GlossWindow *window;
} Fixture;

static void
fixture_setup (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  const char *names[] = { "defector-money" };
  const char *texts[] = { story };
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GPtrArray) suggesters = g_ptr_array_new_with_free_func (g_object_unref);

  fixture->dir = g_dir_make_tmp ("gloss-suggest-ui-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "suggest.gloss", NULL);
  create_project_file (fixture->path, names, texts, 1);

  /* the suggestions are kept in the project before the window opens it */
  project = gloss_project_open (fixture->path, &error);
  g_assert_no_error (error);
  g_ptr_array_add (suggesters, fixed_new ("fixed", "SOURCE CUE CLAIM MONEY GPE ORG DATE",
                                           proposals, G_N_ELEMENTS (proposals)));
  g_assert_cmpint (gloss_project_suggest (project, suggesters, NULL, NULL, NULL, NULL, NULL,
                                          &error),
                   ==, G_N_ELEMENTS (proposals));
  g_assert_no_error (error);
  g_clear_object (&project);

  fixture->window = open_project_window (fixture->path, names[0]);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (fixture->window));
  settle (300);
}

static void
fixture_teardown (Fixture *fixture)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  iterate_main_context (50);
  g_assert_finalize_object (fixture->window);
  remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static GlossDocumentView *
view_of (Fixture *fixture)
{
  return GLOSS_DOCUMENT_VIEW (gloss_window_get_view (fixture->window));
}

static gboolean
key (Fixture        *fixture,
     guint           keyval,
     GdkModifierType state)
{
  gboolean handled = _gloss_document_view_handle_key (view_of (fixture), keyval, state);

  iterate_main_context (20);
  return handled;
}

static const char *
selected_text (Fixture *fixture)
{
  static char          buf[256];
  GlossSuggestion     *s = gloss_document_view_get_selected_suggestion (view_of (fixture));
  const GlossFragment *f;
  g_autofree char     *text = NULL;
  guint                n;

  if (s == NULL)
    return NULL;
  f = gloss_suggestion_get_fragments (s, &n);
  text = gloss_dup_covered_text (story, NULL, f, n, 0, GLOSS_COVERED_TEXT_FULL);
  g_snprintf (buf, sizeof buf, "%s %s", gloss_suggestion_get_label (s), text);
  return buf;
}

static guint
n_pending (Fixture *fixture)
{
  g_autoptr(GPtrArray) pending = gloss_document_view_dup_pending_suggestions (view_of (fixture));

  return pending->len;
}

/* The live annotations of the open document, as "LABEL text" lines. */
static char *
annotations_dump (Fixture *fixture)
{
  GlossAnnotationList *list = _gloss_window_get_annotations (fixture->window);
  GString             *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(GlossAnnotation) a = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autofree char *text = gloss_annotation_dup_text (a, story);

      g_string_append_printf (out, "%s %s;", gloss_annotation_get_label (a), text);
    }
  return g_string_free (out, FALSE);
}

static GtkWidget *
find_list_view (GtkWidget *widget)
{
  if (GTK_IS_LIST_VIEW (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_list_view (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* ---- tests ----------------------------------------------------------------- */

/* N walks the suggestions; Enter accepts a claim with its whole frame and
 * the next one is selected; Backspace rejects; a label's key accepts with
 * that label; Ctrl+Z takes each decision back in turn. */
static void
test_review (void)
{
  Fixture              fixture = { 0 };
  GlossDocumentView   *view;
  GlossAnnotationList *list;
  g_autofree char     *dump = NULL;

  fixture_setup (&fixture);
  view = view_of (&fixture);
  list = _gloss_window_get_annotations (fixture.window);
  g_assert_cmpuint (n_pending (&fixture), ==, G_N_ELEMENTS (proposals));
  gtk_stack_set_visible_child_name (fixture.window->side_stack, "suggestions");
  settle (100);
  g_assert_cmpuint (gloss_suggestions_panel_get_n_rows (fixture.window->suggestions_panel), ==,
                    G_N_ELEMENTS (proposals));
  g_assert_cmpstr (gloss_suggestions_panel_get_status (fixture.window->suggestions_panel), ==,
                   "7 pending: N next, Enter accept, Backspace reject");
  save_screenshot (GTK_WIDGET (fixture.window), "suggest-review-light.png");

  /* N from the start: the first suggestion; N again: the next */
  g_assert_true (key (&fixture, GDK_KEY_n, 0));
  g_assert_cmpstr (selected_text (&fixture), ==, "SOURCE A defector");
  g_assert_true (key (&fixture, GDK_KEY_n, 0));
  g_assert_cmpstr (selected_text (&fixture), ==, "CUE told");
  g_assert_true (key (&fixture, GDK_KEY_n, 0));
  g_assert_cmpstr (selected_text (&fixture), ==,
                   "CLAIM Unit 414 stole 300 million dollars from exchanges in Asia");
  g_assert_true (key (&fixture, GDK_KEY_N, GDK_SHIFT_MASK));
  g_assert_cmpstr (selected_text (&fixture), ==, "CUE told");
  g_assert_true (key (&fixture, GDK_KEY_n, 0));

  /* Enter on the claim: claim, source and cue, linked, one undo step */
  g_assert_true (key (&fixture, GDK_KEY_Return, 0));
  dump = annotations_dump (&fixture);
  g_assert_cmpstr (dump, ==,
                   "SOURCE A defector;CUE told;"
                   "CLAIM Unit 414 stole 300 million dollars from exchanges in Asia;");
  g_assert_cmpuint (g_list_model_get_n_items (gloss_annotation_list_get_relations (list)), ==, 2);
  g_assert_cmpuint (n_pending (&fixture), ==, G_N_ELEMENTS (proposals) - 3);
  /* the next pending one is selected: no key spent to reach it */
  g_assert_cmpstr (selected_text (&fixture), ==, "MONEY 300 million dollars");
  /* the panel follows: four rows left */
  g_assert_cmpuint (gloss_suggestions_panel_get_n_rows (fixture.window->suggestions_panel), ==,
                    G_N_ELEMENTS (proposals) - 3);
  save_screenshot (GTK_WIDGET (fixture.window), "suggest-accepted-light.png");

  /* Enter again: the money */
  g_assert_true (key (&fixture, GDK_KEY_Return, 0));
  g_assert_cmpstr (selected_text (&fixture), ==, "GPE Mongolia");
  /* a wrong one: Backspace, and it is gone for good */
  g_assert_true (key (&fixture, GDK_KEY_BackSpace, 0));
  g_assert_cmpstr (selected_text (&fixture), ==, "ORG Nikolai Dorn");
  /* a wrong label: PERSON's key accepts it as PERSON */
  g_assert_true (key (&fixture, GDK_KEY_1, 0));
  g_assert_cmpstr (selected_text (&fixture), ==, "DATE Wednesday");
  g_clear_pointer (&dump, g_free);
  dump = annotations_dump (&fixture);
  g_assert_nonnull (strstr (dump, "PERSON Nikolai Dorn;"));
  g_assert_null (strstr (dump, "ORG Nikolai Dorn;"));
  g_assert_null (strstr (dump, "Mongolia"));

  {
    g_autofree char *mongolia = id_of (story, "GPE", "Mongolia");
    g_autofree char *dorn = id_of (story, "ORG", "Nikolai Dorn");
    g_autoptr(GHashTable) rejected = gloss_project_dup_rejected_suggestions (
      gloss_window_get_project (fixture.window),
      gloss_document_get_id (gloss_annotation_list_get_document (list)), NULL);

    g_assert_nonnull (rejected);

    /* Backspace, and ORG taken as PERSON: both not to be proposed again */
    g_assert_true (g_hash_table_contains (rejected, mongolia));
    g_assert_true (g_hash_table_contains (rejected, dorn));
    g_assert_cmpuint (g_hash_table_size (rejected), ==, 2);
  }

  /* Ctrl+Z: the PERSON (and ORG is proposed again), then the rejection */
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.undo", NULL);
  iterate_main_context (20);
  g_clear_pointer (&dump, g_free);
  dump = annotations_dump (&fixture);
  g_assert_null (strstr (dump, "PERSON Nikolai Dorn;"));
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.undo", NULL);
  iterate_main_context (20);
  {
    g_autoptr(GPtrArray) pending = gloss_document_view_dup_pending_suggestions (view);
    gboolean back = FALSE;

    for (guint i = 0; i < pending->len; i++)
      back |= g_str_equal (gloss_suggestion_get_label (g_ptr_array_index (pending, i)), "GPE");
    g_assert_true (back);
  }

  fixture_teardown (&fixture);
}

/* Ctrl+Enter while reviewing: every pending suggestion scored at least
 * the accept score, in one step, said in a toast with Undo. */
static void
test_accept_all (void)
{
  Fixture          fixture = { 0 };
  g_autofree char *dump = NULL;
  const char      *title;

  fixture_setup (&fixture);
  /* a row of the panel activated: its suggestion is selected in the text */
  {
    GtkWidget *list = find_list_view (GTK_WIDGET (fixture.window->suggestions_panel));

    g_assert_nonnull (list);
    g_signal_emit_by_name (list, "activate", 3);
    iterate_main_context (20);
    g_assert_cmpstr (selected_text (&fixture), ==, "MONEY 300 million dollars");
    gloss_document_view_select_suggestion (view_of (&fixture), NULL);
  }
  /* without a suggestion selected, Ctrl+Enter is not the view's */
  g_assert_false (key (&fixture, GDK_KEY_Return, GDK_CONTROL_MASK));
  g_assert_true (key (&fixture, GDK_KEY_n, 0));
  gloss_document_view_set_accept_score (view_of (&fixture), 0.6);
  g_assert_true (key (&fixture, GDK_KEY_Return, GDK_CONTROL_MASK));
  wait_for_toast (fixture.window);
  title = _gloss_window_get_toast_title (fixture.window);
  g_assert_cmpstr (title, ==, "Accepted 5 suggestions");
  dump = annotations_dump (&fixture);
  /* 0.4 and 0.3 stay pending */
  g_assert_cmpstr (dump, ==,
                   "SOURCE A defector;CUE told;"
                   "CLAIM Unit 414 stole 300 million dollars from exchanges in Asia;"
                   "MONEY 300 million dollars;DATE Wednesday;");
  g_assert_cmpuint (n_pending (&fixture), ==, 2);
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.undo", NULL);
  iterate_main_context (20);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (
                      _gloss_window_get_annotations (fixture.window))),
                    ==, 0);
  g_assert_cmpuint (n_pending (&fixture), ==, G_N_ELEMENTS (proposals));

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  settle (100);
  g_assert_true (key (&fixture, GDK_KEY_n, 0));
  save_screenshot (GTK_WIDGET (fixture.window), "suggest-review-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);
  fixture_teardown (&fixture);
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
  /* the window must not run the real suggesters over the fixed ones */
  {
    g_autoptr(GSettings) settings = g_settings_new ("io.github.glossapp.Gloss");

    g_settings_set_boolean (settings, "suggest-automatically", FALSE);
  }

  g_test_add_func ("/ui/suggest/review", test_review);
  g_test_add_func ("/ui/suggest/accept-all", test_accept_all);

  return g_test_run ();
}
