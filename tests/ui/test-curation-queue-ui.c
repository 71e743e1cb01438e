/* test-curation-queue-ui.c: the project-wide disagreement queue in the window
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A lead opens the queue (win.curation-queue, as the menu and the agreement
 * report's cells do), decides units of two documents with the digits and R,
 * and the document opens under the keys; Ctrl+Z takes the last decision
 * back where it was taken; a filter narrows the queue.
 */

#include "config.h"

#include "gloss-agreement-window.h"
#include "gloss-agreement.h"
#include "gloss-annotation-list.h"
#include "gloss-annotation.h"
#include "gloss-command.h"
#include "gloss-curation-view.h"
#include "gloss-document.h"
#include "gloss-project.h"
#include "gloss-store.h"
#include "gloss-window.h"
#include "ui-test-util.h"

static const char wire[] =
  "SEOUL, Nov. 20 (Meridian) -- Nikolai Dorn, a former officer of Unit 414, "
  "said he fled through Mongolia in June 2024.";
static const char brief[] =
  "RIGA (Baltic Wire) -- The ministry said Anna Kell would travel to Oslo.";

static void
span (GlossCommand *command,
      const char   *text,
      const char   *covered,
      const char   *label,
      const char   *annotator,
      const char   *certainty)
{
  const char *at = strstr (text, covered);
  guint start = (guint) g_utf8_pointer_to_offset (text, at);
  g_autoptr(GlossAnnotation) annotation =
    gloss_annotation_new_span (label, start, start + (guint) g_utf8_strlen (covered, -1),
                               annotator);

  if (certainty != NULL)
    gloss_annotation_set_attribute (annotation, "certainty", g_variant_new_string (certainty));
  gloss_command_create_annotation (command, annotation);
}

static void
add_story (GlossProject *project,
           const char   *name,
           const char   *text,
           void        (*annotate) (GlossCommand *command))
{
  g_autoptr(GError) error = NULL;
  GlossDocument *document = gloss_project_add_document (project, name, text, -1, NULL, &error);
  g_autoptr(GlossAnnotationList) list = NULL;
  g_autoptr(GlossCommand) command = gloss_command_new ("annotate");

  g_assert_no_error (error);
  list = gloss_project_dup_annotation_list (project, document, &error);
  g_assert_no_error (error);
  annotate (command);
  g_assert_true (gloss_annotation_list_apply (list, command, &error));
  g_assert_no_error (error);
}

/* "Unit 414" ORG, FAC, ORG; the claim hedged by ben; Mongolia skipped by cai. */
static void
annotate_wire (GlossCommand *command)
{
  const char *who[] = { "alice", "ben", "cai" };

  for (guint i = 0; i < 3; i++)
    {
      span (command, wire, "Nikolai Dorn", "PERSON", who[i], NULL);
      span (command, wire, "Unit 414", i == 1 ? "FAC" : "ORG", who[i], NULL);
      span (command, wire, "he fled through Mongolia in June 2024", "CLAIM", who[i],
            i == 1 ? "hedged" : "asserted");
      if (i < 2)
        span (command, wire, "Mongolia", "GPE", who[i], NULL);
    }
}

/* "The ministry" against ben's "ministry"; Oslo by alice only. */
static void
annotate_brief (GlossCommand *command)
{
  span (command, brief, "Anna Kell", "PERSON", "alice", NULL);
  span (command, brief, "Anna Kell", "PERSON", "ben", NULL);
  span (command, brief, "Oslo", "GPE", "alice", NULL);
  span (command, brief, "The ministry", "ORG", "alice", NULL);
  span (command, brief, "ministry", "ORG", "ben", NULL);
}

static GlossCurationView *
find_view (GtkWidget *widget)
{
  if (GLOSS_IS_CURATION_VIEW (widget))
    return GLOSS_CURATION_VIEW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GlossCurationView *found = find_view (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
wait_for_queue (GlossCurationView *view)
{
  for (guint i = 0; i < 500 && gloss_curation_view_is_collecting (view); i++)
    iterate_main_context (10);
  g_assert_false (gloss_curation_view_is_collecting (view));
}

static gboolean
press_key (GlossCurationView *view,
           guint              keyval)
{
  return press_widget_key (GTK_WIDGET (view), keyval);
}

/* "document:covered text" of each row. */
static char *
describe_rows (GlossCurationView *view)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < gloss_curation_view_get_n_rows (view); i++)
    {
      const char *name = NULL;
      GlossCurationUnit *unit = gloss_curation_view_get_row (view, i, &name);
      const char *text = g_str_equal (name, "a-wire") ? wire : brief;
      const char *from = g_utf8_offset_to_pointer (text, unit->start);
      const char *to = g_utf8_offset_to_pointer (text, unit->end);

      g_string_append_printf (out, "%s:%.*s|", name, (int) (to - from), from);
    }
  return g_string_free (out, FALSE);
}

/* The gold set of the project file: "document:LABEL covered" in order. */
static char *
gold_of (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = gloss_project_open (path, &error);
  GString *out = g_string_new (NULL);
  GListModel *documents;

  g_assert_no_error (error);
  documents = gloss_project_get_documents (project);
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(GlossDocument) document = g_list_model_get_item (documents, i);
      g_autoptr(GPtrArray) annotations = NULL;

      annotations = gloss_store_load_annotations (gloss_project_get_store (project),
                                                  gloss_document_get_id (document), FALSE,
                                                  &error);
      g_assert_no_error (error);
      for (guint j = 0; j < annotations->len; j++)
        {
          GlossAnnotation *annotation = annotations->pdata[j];
          g_autofree char *covered = NULL;

          if (g_strcmp0 (gloss_annotation_get_annotator (annotation), GLOSS_GOLD_ANNOTATOR) != 0)
            continue;
          g_assert_true (gloss_document_load_text (document, &error));
          covered = gloss_annotation_dup_text (annotation, gloss_document_get_text (document));
          g_string_append_printf (out, "%s:%s %s|", gloss_document_get_name (document),
                                  gloss_annotation_get_label (annotation), covered);
        }
    }
  return g_string_free (out, FALSE);
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static char *
make_project (char **dir)
{
  g_autoptr(GError) error = NULL;
  char *path;
  g_autoptr(GlossProject) project = NULL;

  *dir = g_dir_make_tmp ("gloss-queue-ui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (*dir, "team.gloss", NULL);
  project = gloss_project_create (path, NULL, &error);
  g_assert_no_error (error);
  add_story (project, "a-wire", wire, annotate_wire);
  add_story (project, "b-brief", brief, annotate_brief);
  return path;
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A cell of the agreement report's confusion matrix (pooled): a button
 * where the labels differ. */
static GtkWidget *
confusion_cell (GtkWidget  *report,
                const char *row,
                const char *column)
{
  GlossAgreementWindow *window = GLOSS_AGREEMENT_WINDOW (report);
  GlossAgreement *agreement = gloss_agreement_window_get_agreement (window);
  GtkGrid        *grid = GTK_GRID (find_type (report, GTK_TYPE_GRID));
  guint           r = 0, c = 0;

  g_assert_nonnull (grid);
  g_assert_true (g_ptr_array_find_with_equal_func (agreement->labels, row, g_str_equal, &r));
  g_assert_true (g_ptr_array_find_with_equal_func (agreement->labels, column, g_str_equal, &c));
  return gtk_grid_get_child_at (grid, c + 1, r + 1);
}

/* From a cell of the agreement report to the queue of those disagreements
 * in the window the report belongs to. */
static void
test_drill_down (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_project (&dir);
  g_autoptr(GlossWindow) window = open_project_window (path, "b-brief");
  GtkWidget *report;
  GlossCurationView *view;
  g_autofree char *rows = NULL;

  gtk_window_present (GTK_WINDOW (window));
  iterate_main_context (100);
  view = find_view (GTK_WIDGET (window));

  report = gloss_agreement_window_new (GTK_WINDOW (window), gloss_window_get_project (window),
                                       NULL);
  gloss_agreement_window_set_all_documents (GLOSS_AGREEMENT_WINDOW (report), TRUE);
  gtk_window_present (GTK_WINDOW (report));
  for (guint i = 0; i < 500 && (gloss_agreement_window_get_busy (GLOSS_AGREEMENT_WINDOW (report)) ||
                                gloss_agreement_window_get_agreement (
                                  GLOSS_AGREEMENT_WINDOW (report)) == NULL);
       i++)
    iterate_main_context (10);

  /* ORG against FAC: "Unit 414", in the document that is not open */
  g_assert_true (GTK_IS_BUTTON (confusion_cell (report, "ORG", "FAC")));
  g_signal_emit_by_name (confusion_cell (report, "ORG", "FAC"), "clicked");
  g_assert_true (gloss_curation_view_get_queue_mode (view));
  wait_for_queue (view);
  rows = describe_rows (view);
  g_assert_cmpstr (rows, ==, "a-wire:Unit 414|");

  gtk_window_destroy (GTK_WINDOW (report));
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_main_context (50);
  remove_tree (dir);
}

/* While the queue is collected (seconds on a large project) the view says
 * how far it got and offers Cancel; Cancel, or Escape, goes back to the open
 * document, and the collection's result, when it comes, is dropped. */
static void
test_cancel_collecting (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_project (&dir);
  g_autoptr(GlossWindow) window = NULL;
  GlossCurationView *view;
  GtkWidget         *cancel;
  guint              document_rows;

  window = open_project_window (path, "a-wire");
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  iterate_main_context (100);
  view = find_view (GTK_WIDGET (window));
  g_assert_nonnull (view);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.curate", NULL);
  iterate_main_context (50);
  document_rows = gloss_curation_view_get_n_rows (view);
  g_assert_cmpuint (document_rows, >, 0);

  for (guint way = 0; way < 2; way++)
    {
      /* the worker cannot be done before the main loop runs again */
      gtk_widget_activate_action (GTK_WIDGET (window), "win.curation-queue", "(ssss)", "", "",
                                  "", "");
      g_assert_true (gloss_curation_view_is_collecting (view));
      cancel = find_button (GTK_WIDGET (view), "_Cancel");
      g_assert_nonnull (cancel);
      g_assert_true (gtk_widget_get_mapped (cancel));
      if (way == 0)
        g_signal_emit_by_name (cancel, "clicked");
      else
        g_assert_true (press_key (view, GDK_KEY_Escape));
      g_assert_false (gloss_curation_view_is_collecting (view));
      g_assert_false (gloss_curation_view_get_queue_mode (view));
      iterate_main_context (300);
      g_assert_false (gloss_curation_view_get_queue_mode (view));
      g_assert_cmpuint (gloss_curation_view_get_n_rows (view), ==, document_rows);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  iterate_main_context (50);
  remove_tree (dir);
}

static void
test_queue (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_project (&dir);
  g_autoptr(GlossWindow) window = NULL;
  GlossCurationView *view;
  g_autofree char *rows = NULL;
  g_autofree char *gold = NULL;

  window = open_project_window (path, "a-wire");
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  iterate_main_context (100);
  view = find_view (GTK_WIDGET (window));
  g_assert_nonnull (view);

  /* the menu's and the agreement report's way in */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.curation-queue", "(ssss)", "", "", "",
                              "");
  g_assert_true (gloss_curation_view_get_queue_mode (view));
  wait_for_queue (view);
  rows = describe_rows (view);
  g_assert_cmpstr (rows, ==,
                   "a-wire:Unit 414|a-wire:he fled through Mongolia in June 2024|"
                   "a-wire:Mongolia|b-brief:The ministry|b-brief:Oslo|");
  g_assert_cmpuint (gloss_curation_view_get_n_undecided (view), ==, 5);
  g_assert_cmpuint (gloss_curation_view_get_selected (view), ==, 0);
  save_screenshot (GTK_WIDGET (window), "curation-queue.png");

  /* 1: alice's ORG; R: the claim rejected; 3: cai skipped Mongolia, so
   * nothing; 1: alice's Mongolia */
  g_assert_true (press_key (view, GDK_KEY_1));
  g_assert_cmpuint (gloss_curation_view_get_selected (view), ==, 1);
  g_assert_true (press_key (view, GDK_KEY_r));
  g_assert_cmpuint (gloss_curation_view_get_selected (view), ==, 2);
  g_assert_true (press_key (view, GDK_KEY_3));
  g_assert_cmpuint (gloss_curation_view_get_selected (view), ==, 2);
  g_assert_true (press_key (view, GDK_KEY_1));
  g_assert_cmpuint (gloss_curation_view_get_selected (view), ==, 3);
  g_assert_cmpstr (gloss_document_get_name (gloss_window_get_document (window)), ==, "a-wire");

  /* 2 on the next document's row: the document opens, ben's span is taken */
  g_assert_true (press_key (view, GDK_KEY_2));
  g_assert_cmpstr (gloss_document_get_name (gloss_window_get_document (window)), ==, "b-brief");
  g_assert_true (gloss_curation_view_get_queue_mode (view));
  g_assert_cmpuint (gloss_curation_view_get_selected (view), ==, 4);
  gold = gold_of (path);
  g_assert_cmpstr (gold, ==,
                   "a-wire:ORG Unit 414|a-wire:GPE Mongolia|b-brief:ORG ministry|");
  g_assert_cmpuint (gloss_curation_view_get_n_undecided (view), ==, 1);
  /* the rows stay, with their states */
  g_clear_pointer (&rows, g_free);
  rows = describe_rows (view);
  g_assert_cmpstr (rows, ==,
                   "a-wire:Unit 414|a-wire:he fled through Mongolia in June 2024|"
                   "a-wire:Mongolia|b-brief:The ministry|b-brief:Oslo|");

  /* Ctrl+Z takes it back, in its document; N goes back to it */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  iterate_main_context (50);
  g_clear_pointer (&gold, g_free);
  gold = gold_of (path);
  g_assert_cmpstr (gold, ==, "a-wire:ORG Unit 414|a-wire:GPE Mongolia|");
  g_assert_cmpuint (gloss_curation_view_get_n_undecided (view), ==, 2);
  g_assert_true (press_key (view, GDK_KEY_n));
  g_assert_cmpuint (gloss_curation_view_get_selected (view), ==, 3);

  /* a filter: GPE units not everyone made, between alice and ben */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.curation-queue", "(ssss)", "GPE",
                              "alice", "ben", "only");
  wait_for_queue (view);
  g_clear_pointer (&rows, g_free);
  rows = describe_rows (view);
  g_assert_cmpstr (rows, ==, "b-brief:Oslo|");

  /* an unknown kind is refused with a word, the queue unchanged */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.curation-queue", "(ssss)", "", "", "",
                              "sideways");
  g_assert_false (gloss_curation_view_is_collecting (view));
  g_assert_cmpuint (gloss_curation_view_get_n_rows (view), ==, 1);

  /* Alt+A in the queue: the agreed units of every document, one step
   * that win.undo takes back */
  {
    GtkWidget *button = find_button (GTK_WIDGET (view), "Accept All _Agreed");
    g_autofree char *before = gold_of (path);

    g_assert_nonnull (button);
    g_assert_true (gtk_widget_get_sensitive (button));
    g_signal_emit_by_name (button, "clicked");
    iterate_main_context (50);
    g_clear_pointer (&gold, g_free);
    gold = gold_of (path);
    g_assert_cmpstr (gold, ==,
                     "a-wire:PERSON Nikolai Dorn|a-wire:ORG Unit 414|a-wire:GPE Mongolia|"
                     "b-brief:PERSON Anna Kell|");
    gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
    iterate_main_context (50);
    g_clear_pointer (&gold, g_free);
    gold = gold_of (path);
    g_assert_cmpstr (gold, ==, before);
  }

  /* Q: back to the open document's units */
  g_assert_true (press_key (view, GDK_KEY_q));
  g_assert_false (gloss_curation_view_get_queue_mode (view));
  g_assert_cmpuint (gloss_curation_view_get_n_rows (view), ==, 3);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate_main_context (50);
  remove_tree (dir);
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
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/ui/curation/queue", test_queue);
  g_test_add_func ("/ui/curation/drill-down", test_drill_down);
  g_test_add_func ("/ui/curation/cancel-collecting", test_cancel_collecting);
  return g_test_run ();
}
