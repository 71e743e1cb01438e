/* test-progress-ui.c: assignees in the document list, "Assigned to Me" and Team Progress
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run under Xvfb: xvfb-run -a meson test -C _build --suite ui test-progress-ui
 * Screenshots of the window and of the Team Progress window, light and dark,
 * are saved as artifacts (tests/artifacts in the build folder).
 */

#include "config.h"

#include <gtk/gtk.h>

#include "gloss-annotation-list.h"
#include "gloss-assignments.h"
#include "gloss-command.h"
#include "gloss-document-row.h"
#include "gloss-document-sidebar.h"
#include "gloss-document.h"
#include "gloss-project.h"
#include "gloss-store-private.h"
#include "gloss-team-progress-window.h"
#include "gloss-window-private.h"
#include "gloss-window.h"
#include "ui-test-util.h"

static const char * const names[] = { "wire-000", "wire-001", "wire-002", "wire-003" };
static const char * const texts[] = {
  "A defector told the agency that the cyber unit moved to Minsk in March.",
  "Officials said the network paid 40,000 dollars to a courier, a source claimed.",
  "The ministry denied that its envoy met the defector in Vienna last week.",
  "Analysts believe the group recruited two engineers from a state laboratory.",
};

static void
assign (GlossProject       *project,
        const char         *name,
        const char * const *who)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossChangeSet) set = NULL;

  set = gloss_project_assign (project,
                              gloss_document_get_id (gloss_project_find_document (project, name)),
                              who, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (set);
}

static void
set_status (GlossProject       *project,
            const char         *name,
            const char         *who,
            GlossDocumentStatus status)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_store_set_document_status (
    gloss_project_get_store (project),
    gloss_document_get_id (gloss_project_find_document (project, name)), who, status, 10,
    &error));
  g_assert_no_error (error);
}

static void
add_annotations (GlossProject *project,
                 const char   *name,
                 const char   *who,
                 guint         n)
{
  sqlite3 *db = _gloss_store_get_db (gloss_project_get_store (project));
  gint64   id = gloss_document_get_id (gloss_project_find_document (project, name));

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *sql = g_strdup_printf (
        "INSERT INTO annotations (uuid, document, label, start, end, fragments, annotator, "
        "created, modified) VALUES ('%s-%s-%u', %" G_GINT64_FORMAT ", 'ORG', %u, %u, '%u-%u', "
        "'%s', 1, 1)",
        who, name, i, id, i, i + 1, i, i + 1, who);

      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    }
}

static GlossDocumentRow *
find_row (GtkWidget  *widget,
          const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GlossDocumentRow *found;

      if (GLOSS_IS_DOCUMENT_ROW (child))
        {
          GlossDocument *doc = gloss_document_row_get_document (GLOSS_DOCUMENT_ROW (child));

          if (doc != NULL && g_strcmp0 (gloss_document_get_name (doc), name) == 0)
            return GLOSS_DOCUMENT_ROW (child);
          continue;
        }
      found = find_row (child, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GlossTeamProgressWindow *
find_progress_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* not ours */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (GLOSS_IS_TEAM_PROGRESS_WINDOW (window))
        return GLOSS_TEAM_PROGRESS_WINDOW (window);
    }
  return NULL;
}

static void
save_light_and_dark (GtkWidget  *widget,
                     const char *stem)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *light = g_strdup_printf ("%s-light.png", stem);
  g_autofree char *dark = g_strdup_printf ("%s-dark.png", stem);

  save_screenshot (widget, light);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  settle (150);
  save_screenshot (widget, dark);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  settle (100);
}

static void
test_progress (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gloss-progress-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "desk.gloss", NULL);
  const char      *tester_ana[] = { "ana", "tester", NULL };
  const char      *tester[] = { "tester", NULL };
  const char      *ben_ana[] = { "ben", "ana", NULL };
  g_autoptr(GPtrArray) core = NULL;
  GlossTeamProgressWindow *dialog;
  GlossDocumentSidebar    *sidebar;
  GlossDocumentRow        *row;
  GlossWindow             *window;
  GlossProject            *project;

  g_assert_no_error (error);
  create_project_file (path, names, texts, G_N_ELEMENTS (names));
  {
    g_autoptr(GlossProject) lead = gloss_project_open (path, &error);

    g_assert_no_error (error);
    assign (lead, "wire-000", tester_ana);
    assign (lead, "wire-001", tester);
    assign (lead, "wire-002", ben_ana);
    set_status (lead, "wire-000", "ana", GLOSS_DOCUMENT_STATUS_DONE);
    set_status (lead, "wire-002", "ana", GLOSS_DOCUMENT_STATUS_IN_PROGRESS);
    set_status (lead, "wire-001", "tester", GLOSS_DOCUMENT_STATUS_DONE);
    set_status (lead, "wire-003", "cleo", GLOSS_DOCUMENT_STATUS_DONE);
    add_annotations (lead, "wire-000", "ana", 3);
    add_annotations (lead, "wire-002", "ben", 2);
  }

  window = open_project_window (path, "wire-003");
  gtk_window_present (GTK_WINDOW (window));
  settle (300);
  project = gloss_window_get_project (window);
  sidebar = window->document_sidebar;

  /* the rows name their assignees, a check mark for those done */
  row = find_row (GTK_WIDGET (sidebar), "wire-000");
  g_assert_nonnull (row);
  g_assert_cmpstr (_gloss_document_row_get_assignees_text (row), ==, "Assigned to ana ✓, tester");
  row = find_row (GTK_WIDGET (sidebar), "wire-002");
  g_assert_nonnull (row);
  g_assert_cmpstr (_gloss_document_row_get_assignees_text (row), ==, "Assigned to ana, ben");
  row = find_row (GTK_WIDGET (sidebar), "wire-003");
  g_assert_nonnull (row);
  g_assert_null (_gloss_document_row_get_assignees_text (row));

  /* a status set through the model shows at once */
  {
    g_autoptr(GlossAnnotationList) list = NULL;
    g_autoptr(GlossCommand) command = gloss_command_new ("done");
    GlossDocument *first = gloss_project_find_document (project, "wire-000");

    list = gloss_project_dup_annotation_list (project, first, &error);
    g_assert_no_error (error);
    gloss_command_set_document_status (command, "tester", GLOSS_DOCUMENT_STATUS_DONE);
    g_assert_true (gloss_annotation_list_apply (list, command, &error));
    g_assert_no_error (error);
    settle (50);
    row = find_row (GTK_WIDGET (sidebar), "wire-000");
    g_assert_cmpstr (_gloss_document_row_get_assignees_text (row), ==,
                     "Assigned to ana ✓, tester ✓");
  }
  save_light_and_dark (GTK_WIDGET (window), "progress-window");

  /* "Assigned to Me": the annotator's two documents */
  gtk_drop_down_set_selected (gloss_document_sidebar_get_status_dropdown (sidebar), 4);
  settle (100);
  g_assert_cmpuint (g_list_model_get_n_items (gloss_document_sidebar_get_documents (sidebar)), ==,
                    2);
  gtk_drop_down_set_selected (gloss_document_sidebar_get_status_dropdown (sidebar), 0);
  settle (50);
  g_assert_cmpuint (g_list_model_get_n_items (gloss_document_sidebar_get_documents (sidebar)), ==,
                    G_N_ELEMENTS (names));

  /* Team Progress shows the core's figures */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.team-progress", NULL));
  settle (300);
  dialog = find_progress_window ();
  g_assert_nonnull (dialog);
  core = gloss_project_dup_annotator_progress (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (core->len, ==, 4); /* ana, ben, cleo, tester */
  for (guint i = 0; i < core->len; i++)
    {
      GlossAnnotatorProgress *p = core->pdata[i];
      GtkWidget              *annotator_row =
        _gloss_team_progress_window_get_row (dialog, p->annotator);
      g_autofree char        *figures = gloss_team_progress_format_figures (p);
      guint                   counted = p->n_new + p->n_in_progress + p->n_done;

      g_assert_nonnull (annotator_row);
      g_assert_cmpstr (_gloss_team_progress_row_get_figures (annotator_row), ==, figures);
      g_assert_cmpfloat_with_epsilon (_gloss_team_progress_row_get_done_level (annotator_row),
                                      counted ? (double) p->n_done / counted : 0.0, 1e-9);
    }
  g_assert_cmpstr (_gloss_team_progress_row_get_figures (
                     _gloss_team_progress_window_get_row (dialog, "ana")),
                   ==,
                   "2 assigned · 0 new · 1 in progress · 1 done · 3 annotations");
  g_assert_cmpstr (_gloss_team_progress_row_get_figures (
                     _gloss_team_progress_window_get_row (dialog, "tester")),
                   ==,
                   "2 assigned · 0 new · 0 in progress · 2 done · 0 annotations");
  g_assert_cmpstr (_gloss_team_progress_row_get_figures (
                     _gloss_team_progress_window_get_row (dialog, "cleo")),
                   ==,
                   "0 assigned · 3 new · 0 in progress · 1 done · 0 annotations");
  g_assert_cmpfloat_with_epsilon (
    _gloss_team_progress_row_get_done_level (_gloss_team_progress_window_get_row (dialog, "ana")),
    0.5, 1e-9);
  save_light_and_dark (GTK_WIDGET (dialog), "progress-team");

  /* the lead assigns from the window: every document to two of three,
   * evenly, replacing what was there; one step win.undo takes back */
  {
    g_autoptr(GError) assign_error = NULL;
    guint loads[3] = { 0, 0, 0 };
    const char *team[] = { "ana", "ben", "cleo" };

    g_assert_true (_gloss_team_progress_window_assign (dialog, " ana, ben ,cleo,, ana", 2, 7,
                                                       TRUE, &assign_error));
    g_assert_no_error (assign_error);
    for (guint d = 0; d < G_N_ELEMENTS (names); d++)
      {
        GlossDocument *document = gloss_project_find_document (project, names[d]);
        g_auto(GStrv) assignees = gloss_store_dup_assignees (gloss_project_get_store (project),
                                                             gloss_document_get_id (document));

        g_assert_cmpuint (g_strv_length (assignees), ==, 2);
        for (guint k = 0; k < 3; k++)
          if (g_strv_contains ((const char * const *) assignees, team[k]))
            loads[k]++;
      }
    /* eight assignments over three: 3, 3, 2 in some order */
    g_assert_cmpuint (loads[0] + loads[1] + loads[2], ==, 8);
    for (guint k = 0; k < 3; k++)
      g_assert_true (loads[k] == 2 || loads[k] == 3);
    /* the figures follow */
    g_assert_true (g_str_has_prefix (_gloss_team_progress_row_get_figures (
                                       _gloss_team_progress_window_get_row (dialog, "ana")),
                                     loads[0] == 3 ? "3 assigned" : "2 assigned"));
    g_assert_true (g_str_has_prefix (_gloss_team_progress_row_get_figures (
                                       _gloss_team_progress_window_get_row (dialog, "tester")),
                                     "0 assigned"));
    /* no annotators, or more per document than annotators: a word, nothing written */
    g_assert_false (_gloss_team_progress_window_assign (dialog, " , ", 1, 7, TRUE,
                                                        &assign_error));
    g_assert_nonnull (assign_error);
    g_clear_error (&assign_error);
    g_assert_false (_gloss_team_progress_window_assign (dialog, "ana", 2, 7, TRUE,
                                                        &assign_error));
    g_assert_nonnull (assign_error);
    g_clear_error (&assign_error);

    gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
    settle (50);
    {
      GlossDocument *document = gloss_project_find_document (project, names[0]);
      g_auto(GStrv) assignees = gloss_store_dup_assignees (gloss_project_get_store (project),
                                                           gloss_document_get_id (document));

      /* as before: tester and ana */
      g_assert_cmpuint (g_strv_length (assignees), ==, 2);
      g_assert_true (g_strv_contains ((const char * const *) assignees, "tester"));
    }
  }

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  settle (50);
  g_assert_finalize_object (window);
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

  g_test_add_func ("/ui/progress/assignees-and-team-progress", test_progress);

  return g_test_run ();
}
