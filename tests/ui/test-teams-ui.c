/* test-teams-ui.c: merging in the window, the agreement report and the curation view
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run under Xvfb: xvfb-run -a meson test -C _build --suite ui
 * GLOSS_TEAMS_SCREENSHOTS=DIR also saves screenshots of the agreement window
 * and of the curation view there.
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "gloss-agreement-window.h"
#include "gloss-annotation-list.h"
#include "gloss-annotation.h"
#include "gloss-command.h"
#include "gloss-curation-view.h"
#include "gloss-document-view.h"
#include "gloss-document.h"
#include "gloss-format.h"
#include "gloss-project.h"
#include "gloss-relation.h"
#include "gloss-window-teams-private.h"
#include "gloss-window.h"
#include "ui-test-util.h"

static const char *text =
  "Colonel Ruslan Vey told Meridian in Seoul on Tuesday that Unit 414 stole 300 million "
  "dollars from exchanges in Asia. A source familiar with the matter said the unit was "
  "disbanded in June, but officials in Seoul denied that Unit 414 ever existed.";

#define CLAIM_TEXT "the unit was disbanded in June"
#define SOURCE_TEXT "A source familiar with the matter"
/* annotations of alice and bob beyond the specs: the claim and its source */
#define N_CLAIM_ANNOTATIONS 4

typedef struct
{
  const char *annotator;
  const char *label;
  const char *span;     /* the first occurrence in the text */
  guint       skip;     /* characters of the span to leave out at its end */
} Spec;

/* Three annotators who disagree in every way the curation view knows. */
static const Spec specs[] = {
  /* agreed */
  { "alice", "PERSON", "Ruslan Vey", 0 },
  { "bob", "PERSON", "Ruslan Vey", 0 },
  { "carol", "PERSON", "Ruslan Vey", 0 },
  { "alice", "DATE", "Tuesday", 0 },
  { "bob", "DATE", "Tuesday", 0 },
  { "carol", "DATE", "Tuesday", 0 },
  /* only alice and bob */
  { "alice", "ORG", "Meridian", 0 },
  { "bob", "ORG", "Meridian", 0 },
  /* same span, different labels */
  { "alice", "GPE", "Seoul", 0 },
  { "bob", "LOC", "Seoul", 0 },
  { "carol", "GPE", "Seoul", 0 },
  /* overlapping spans */
  { "alice", "ORG", "Unit 414 stole", 6 },
  { "bob", "ORG", "Unit 414 stole", 0 },
  /* only carol */
  { "carol", "MONEY", "300 million dollars", 0 },
};

typedef struct
{
  char         *dir;
  char         *lead_path;
  GPtrArray    *copies;         /* char * paths */
  GlossProject *lead;
} Fixture;

static void
apply (GlossAnnotationList *annotations,
       GlossCommand        *command)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = gloss_annotation_list_apply (annotations, command, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

static guint
offset_of (const char *span)
{
  const char *p = strstr (text, span);

  g_assert_nonnull (p);
  return g_utf8_pointer_to_offset (text, p);
}

/* One copy of the project per annotator, each with the same document. */
static char *
make_copy (const char *dir,
           const char *annotator)
{
  g_autofree char *name = g_strconcat (annotator, ".gloss", NULL);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = gloss_project_create (path, NULL, &error);
  g_autoptr(GlossAnnotationList) annotations = NULL;
  g_autoptr(GlossCommand) command = gloss_command_new ("annotate");
  GlossDocument *document;

  g_assert_no_error (error);
  gloss_project_set_annotator (project, annotator);
  document = gloss_project_add_document (project, "briefing", text, -1, NULL, &error);
  g_assert_no_error (error);
  annotations = gloss_project_dup_annotation_list (project, document, &error);
  g_assert_no_error (error);
  gloss_annotation_list_set_annotator (annotations, annotator);

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      g_autoptr(GlossAnnotation) annotation = NULL;
      guint start;

      if (strcmp (specs[i].annotator, annotator) != 0)
        continue;
      start = offset_of (specs[i].span);
      annotation = gloss_annotation_new_span (specs[i].label, start,
                                              start + g_utf8_strlen (specs[i].span, -1) -
                                              specs[i].skip,
                                              annotator);
      gloss_command_create_annotation (command, annotation);
    }

  /* alice and bob agree on a claim and its source, with the relation. */
  if (strcmp (annotator, "carol") != 0)
    {
      guint claim_start = offset_of (CLAIM_TEXT);
      guint source_start = offset_of (SOURCE_TEXT);
      g_autoptr(GlossAnnotation) claim =
        gloss_annotation_new_span ("CLAIM", claim_start, claim_start + strlen (CLAIM_TEXT),
                                   annotator);
      g_autoptr(GlossAnnotation) source =
        gloss_annotation_new_span ("SOURCE", source_start, source_start + strlen (SOURCE_TEXT),
                                   annotator);
      g_autoptr(GlossRelation) relation =
        gloss_relation_new ("attributed-to", gloss_annotation_get_uuid (claim),
                            gloss_annotation_get_uuid (source), annotator);

      gloss_command_create_annotation (command, claim);
      gloss_command_create_annotation (command, source);
      gloss_command_add_relation (command, relation);
    }
  apply (annotations, command);

  return path;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("gloss-teams-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->copies = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (fixture->copies, make_copy (fixture->dir, "alice"));
  g_ptr_array_add (fixture->copies, make_copy (fixture->dir, "bob"));
  g_ptr_array_add (fixture->copies, make_copy (fixture->dir, "carol"));

  fixture->lead_path = g_build_filename (fixture->dir, "lead.gloss", NULL);
  fixture->lead = gloss_project_create (fixture->lead_path, NULL, &error);
  g_assert_no_error (error);
  gloss_project_set_annotator (fixture->lead, "lead");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_clear_object (&fixture->lead);
  remove_tree (fixture->dir);
  g_clear_pointer (&fixture->copies, g_ptr_array_unref);
  g_free (fixture->lead_path);
  g_free (fixture->dir);
}

static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  const char *dir = g_getenv ("GLOSS_TEAMS_SCREENSHOTS");
  g_autofree char *path = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (dir == NULL || width <= 0 || height <= 0)
    return;

  path = g_build_filename (dir, name, NULL);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static GlossWindow *
new_window (void)
{
  GlossWindow *window = g_object_ref_sink (g_object_new (GLOSS_TYPE_WINDOW, NULL));

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 760);
  return window;
}

static void
close_window (GlossWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_main_context (50);
  g_assert_finalize_object (window);
}

static void
merge_files (GlossWindow *window,
             const char  *paths[],
             guint        n)
{
  g_autoptr(GError) error = NULL;
  GFile *files[3];

  g_assert_cmpuint (n, <=, G_N_ELEMENTS (files));
  for (guint i = 0; i < n; i++)
    files[i] = g_file_new_for_path (paths[i]);
  g_assert_true (_gloss_window_merge_files (window, files, n, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    g_object_unref (files[i]);
}

static void
merge_copies (Fixture     *fixture,
              GlossWindow *window)
{
  merge_files (window, (const char **) fixture->copies->pdata, 3);
  g_assert_true (_gloss_window_can_undo_merge (window));
}

/* The merge report window, or NULL. */
static GtkWindow *
find_report (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (gtk_widget_has_css_class (l->data, "merge-report") &&
        gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* The text of every label under @widget, a line each. */
static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, out);
}

/* The toast's Details: the report, its text in @text. */
static GtkWindow *
open_details (GlossWindow *window,
              char       **shown)
{
  GString   *out = g_string_new (NULL);
  GtkWindow *report;

  g_assert_null (find_report ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.merge-details", NULL));
  report = find_report ();
  g_assert_nonnull (report);
  collect_text (GTK_WIDGET (report), out);
  *shown = g_string_free (out, FALSE);
  g_test_message ("%s", *shown);
  return report;
}

static guint
count_annotations (GlossProject *project,
                   const char   *annotator)
{
  GlossDocument *document = gloss_project_find_document (project, "briefing");
  g_autoptr(GlossAnnotationList) annotations = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  if (document == NULL)
    return 0;
  annotations = gloss_project_dup_annotation_list (project, document, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (annotations)); i++)
    {
      g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (G_LIST_MODEL (annotations),
                                                                     i);

      if (annotator == NULL || g_strcmp0 (gloss_annotation_get_annotator (annotation),
                                           annotator) == 0)
        n++;
    }
  return n;
}

/* A label under @widget whose text starts with @prefix, or NULL. */
static GtkWidget *
find_label_prefix (GtkWidget  *widget,
                   const char *prefix)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_prefix (child, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The document list's caption of the briefing, after a merge, without
 * opening it: the merged count and the curation progress (also when the
 * merge re-creates a document an undone merge deleted while it was open,
 * and the new one takes the old one's id). */
static void
assert_briefing_row (GlossWindow *window,
                     guint        n_annotations)
{
  g_autofree char *prefix = g_strdup_printf ("%u annotations ·", n_annotations);
  GtkWidget       *label;

  iterate_main_context (100);
  label = find_label_prefix (GTK_WIDGET (window), prefix);
  if (label == NULL)
    g_error ("no document row says “%s…”", prefix);
  if (n_annotations > 0)
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "curated 0 of "));
}

/* Merge three copies in the window, undo the merge, merge again. */
static void
test_merge (Fixture       *fixture,
            gconstpointer  user_data)
{
  GlossWindow *window = new_window ();
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  GtkWindow *report;

  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (window)) &&
                  _gloss_window_can_undo_merge (window));
  gloss_window_set_project (window, fixture->lead);
  gtk_window_present (GTK_WINDOW (window));
  iterate_main_context (100);

  /* a short toast, no report in the way; its Details open the report */
  merge_copies (fixture, window);
  g_assert_null (find_report ());
  g_assert_cmpstr (_gloss_window_get_toast_title (window), ==,
                   "Merged alice’s, bob’s and carol’s work: 18 annotations in 1 document");
  report = open_details (window, &shown);
  iterate_main_context (300);
  screenshot (GTK_WIDGET (report), "merge-report.png");
  g_assert_nonnull (strstr (shown, "alice’s annotations: 7 added, 0 changed, 0 deleted, in 1 "
                                   "document; relations: 1 added, 0 changed, 0 deleted.\n"));
  g_assert_nonnull (strstr (shown, "bob’s annotations: 7 added, 0 changed, 0 deleted, in 1 "
                                   "document; relations: 1 added, 0 changed, 0 deleted.\n"));
  g_assert_nonnull (strstr (shown, "carol’s annotations: 4 added, 0 changed, 0 deleted, in 1 "
                                   "document.\n"));
  g_assert_null (strstr (shown, "differed"));
  g_assert_null (strstr (shown, "onflict"));
  g_clear_pointer (&shown, g_free);
  g_assert_cmpuint (count_annotations (fixture->lead, NULL), ==,
                    G_N_ELEMENTS (specs) + N_CLAIM_ANNOTATIONS);
  g_assert_cmpuint (count_annotations (fixture->lead, "bob"), ==, 7);
  /* closed, the report leaves a toast with Undo, as before */
  gtk_window_destroy (report);
  g_assert_cmpstr (_gloss_window_get_toast_title (window), ==, "3 projects merged");
  assert_briefing_row (window, G_N_ELEMENTS (specs) + N_CLAIM_ANNOTATIONS);
  g_assert_true (gloss_window_select_document (window, "briefing"));

  g_assert_true (_gloss_window_undo_merge (window, &error));
  g_assert_no_error (error);
  g_assert_false (_gloss_window_can_undo_merge (window));
  g_assert_false (_gloss_window_undo_merge (window, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  iterate_main_context (50);
  g_assert_cmpuint (count_annotations (fixture->lead, NULL), ==, 0);

  merge_copies (fixture, window);
  g_assert_cmpuint (count_annotations (fixture->lead, NULL), ==,
                    G_N_ELEMENTS (specs) + N_CLAIM_ANNOTATIONS);
  assert_briefing_row (window, G_N_ELEMENTS (specs) + N_CLAIM_ANNOTATIONS);

  /* lead relabels one of carol's, then carol's file comes again: nothing
   * new, and the annotation that differs keeps lead's newer version */
  {
    GlossDocument *document = gloss_project_find_document (fixture->lead, "briefing");
    g_autoptr(GlossAnnotationList) annotations =
                 gloss_project_dup_annotation_list (fixture->lead, document, &error);
    g_autoptr(GlossCommand) command = gloss_command_new ("relabel");
    const char *carol[] = { fixture->copies->pdata[2] };

    g_assert_no_error (error);
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (annotations)); i++)
      {
        g_autoptr(GlossAnnotation) a = g_list_model_get_item (G_LIST_MODEL (annotations), i);

        if (g_strcmp0 (gloss_annotation_get_label (a), "MONEY") == 0)
          gloss_command_set_label (command, gloss_annotation_get_uuid (a), "QUANTITY");
      }
    apply (annotations, command);
    merge_files (window, carol, 1);
  }
  g_assert_cmpstr (_gloss_window_get_toast_title (window), ==, "Nothing new to merge");
  report = open_details (window, &shown);
  g_assert_nonnull (strstr (shown, "carol.gloss\nNothing new to take from this file.\n"));
  g_assert_nonnull (strstr (shown, "1 annotation differed between the two files; the newer "
                                   "version was kept (this project’s).\n"));
  gtk_window_destroy (report);

  close_window (window);
}

static void
wait_idle (GlossAgreementWindow *window)
{
  gint64 until = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  iterate_main_context (20);
  while (gloss_agreement_window_get_busy (window) && g_get_monotonic_time () < until)
    iterate_main_context (20);
  g_assert_false (gloss_agreement_window_get_busy (window));
}

/* The scrolled window around @widget. */
static GtkWidget *
scroller_of (GtkWidget *widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);

  g_assert_nonnull (scroller);
  return scroller;
}

/* At its default size the window fits a 1280×800 screen and shows the
 * whole chart (the κ matrix of three annotators is at its right) and at
 * least 15 rows of the table. */
static void
assert_default_layout (GlossAgreementWindow *report)
{
  GtkWidget  *chart = find_descendant (GTK_WIDGET (report), GTK_TYPE_DRAWING_AREA);
  GtkWidget  *table = find_descendant (GTK_WIDGET (report), GTK_TYPE_COLUMN_VIEW);
  GtkWidget  *header = gtk_widget_get_first_child (table);
  GListModel *rows = gloss_agreement_window_get_rows (report);
  int         width, height, natural, header_height, visible;
  double      row_height;

  gtk_window_get_default_size (GTK_WINDOW (report), &width, &height);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  g_assert_cmpint (width, <=, 1280);
  g_assert_cmpint (height, <=, 800 - 32);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (report)), <=, 1280);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (report)), <=, 800 - 32);

  g_assert_cmpint (gtk_widget_get_width (scroller_of (chart)), >=,
                   gtk_drawing_area_get_content_width (GTK_DRAWING_AREA (chart)));
  g_assert_cmpint (gtk_widget_get_height (scroller_of (chart)), >=,
                   gtk_drawing_area_get_content_height (GTK_DRAWING_AREA (chart)));

  gtk_widget_measure (table, GTK_ORIENTATION_VERTICAL, -1, NULL, &natural, NULL, NULL);
  header_height = gtk_widget_get_height (header);
  row_height = (double) (natural - header_height) / g_list_model_get_n_items (rows);
  visible = (int) ((gtk_widget_get_height (scroller_of (table)) - header_height) / row_height);
  g_test_message ("table: %d rows of %.1f px show", visible, row_height);
  g_assert_cmpint (visible, >=, 15);
}

/* The column of @table titled @title. */
static GtkColumnViewColumn *
column_titled (GtkColumnView *table,
               const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (table);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }
  g_error ("no column titled “%s”", title);
  return NULL;
}

/* Sorting the table by a column header orders the rows the view shows:
 * numbers as numbers (undefined after them when ascending, so the worst
 * agreement comes first), names by name. */
static void
assert_sorts (GlossAgreementWindow *report)
{
  GtkColumnView *table = GTK_COLUMN_VIEW (find_descendant (GTK_WIDGET (report),
                                                           GTK_TYPE_COLUMN_VIEW));
  GListModel    *shown = G_LIST_MODEL (gtk_column_view_get_model (table));
  guint          n = g_list_model_get_n_items (shown);
  gboolean       seen_nan = FALSE, mixed = FALSE;

  g_assert_cmpuint (n, ==, g_list_model_get_n_items (gloss_agreement_window_get_rows (report)));

  /* unsorted: the store's order, pair by pair, with F1 going up and down */
  for (guint i = 1; i < n && !mixed; i++)
    {
      g_autoptr(GlossAgreementRow) a = g_list_model_get_item (shown, i - 1);
      g_autoptr(GlossAgreementRow) b = g_list_model_get_item (shown, i);

      mixed = gloss_agreement_row_get_value (a, GLOSS_AGREEMENT_COLUMN_EXACT_F1) >
              gloss_agreement_row_get_value (b, GLOSS_AGREEMENT_COLUMN_EXACT_F1);
    }
  g_assert_true (mixed);

  gtk_column_view_sort_by_column (table, column_titled (table, "F1"), GTK_SORT_ASCENDING);
  iterate_main_context (50);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossAgreementRow) row = g_list_model_get_item (shown, i);
      double value = gloss_agreement_row_get_value (row, GLOSS_AGREEMENT_COLUMN_EXACT_F1);

      if (i > 0 && !isnan (value))
        {
          g_autoptr(GlossAgreementRow) prev = g_list_model_get_item (shown, i - 1);

          g_assert_false (seen_nan);
          g_assert_cmpfloat (gloss_agreement_row_get_value (prev,
                                                            GLOSS_AGREEMENT_COLUMN_EXACT_F1),
                             <=, value);
        }
      seen_nan |= isnan (value);
    }
  g_assert_true (seen_nan);

  /* descending: the reverse (undefined values first) */
  gtk_column_view_sort_by_column (table, column_titled (table, "F1"), GTK_SORT_DESCENDING);
  iterate_main_context (50);
  {
    double prev = INFINITY;
    guint  n_defined = 0;

    for (guint i = 0; i < n; i++)
      {
        g_autoptr(GlossAgreementRow) row = g_list_model_get_item (shown, i);
        double value = gloss_agreement_row_get_value (row, GLOSS_AGREEMENT_COLUMN_EXACT_F1);

        if (isnan (value))
          {
            g_assert_cmpuint (n_defined, ==, 0);
            continue;
          }
        if (n_defined++ == 0)
          g_assert_cmpfloat (value, ==, 1.0);
        g_assert_cmpfloat (value, <=, prev);
        prev = value;
      }
  }

  /* names: the label column, alphabetically ("All labels" rows first) */
  gtk_column_view_sort_by_column (table, column_titled (table, "Label"), GTK_SORT_ASCENDING);
  iterate_main_context (50);
  for (guint i = 1; i < n; i++)
    {
      g_autoptr(GlossAgreementRow) a = g_list_model_get_item (shown, i - 1);
      g_autoptr(GlossAgreementRow) b = g_list_model_get_item (shown, i);
      const char *la = gloss_agreement_row_get_label (a);
      const char *lb = gloss_agreement_row_get_label (b);

      g_assert_true (la == NULL || lb != NULL);
      if (la != NULL)
        g_assert_cmpint (g_utf8_collate (la, lb), <=, 0);
    }

  /* back to the store's order for what follows */
  gtk_column_view_sort_by_column (table, NULL, GTK_SORT_ASCENDING);
  iterate_main_context (50);
}

/* The fields of one CSV line (no quoted commas in these). */
static GStrv
csv_fields (const char *line)
{
  return g_strsplit (line, ",", -1);
}

static guint
csv_column (GStrv       header,
            const char *name)
{
  for (guint i = 0; header[i] != NULL; i++)
    if (strcmp (header[i], name) == 0)
      return i;
  g_error ("no CSV column “%s”", name);
  return 0;
}

/* The CSV file the window saves, read back: every row has every column;
 * the pairs carry their claim figures, the pooled rows α and F1 per label. */
static void
assert_csv_read_back (GlossAgreementWindow *report,
                      const char           *dir)
{
  GlossAgreement  *agreement = gloss_agreement_window_get_agreement (report);
  g_autofree char *path = g_build_filename (dir, "agreement.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;
  guint    n_columns, n_rows = 0;
  gboolean seen_pair = FALSE, seen_all = FALSE, seen_label = FALSE;

  g_assert_true (gloss_agreement_window_save_csv (report, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\r\n", -1);
  header = csv_fields (lines[0]);
  n_columns = g_strv_length (header);

  for (guint i = 1; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_auto(GStrv) f = csv_fields (lines[i]);

      n_rows++;
      g_assert_cmpuint (g_strv_length (f), ==, n_columns);
      if (strcmp (f[0], "*") == 0 && strcmp (f[1], "alice") == 0 && strcmp (f[2], "bob") == 0)
        {
          /* one claim, matched, attributed by both to the same source */
          seen_pair = TRUE;
          g_assert_cmpstr (f[csv_column (header, "documents")], ==, "1");
          g_assert_cmpstr (f[csv_column (header, "claims_matched")], ==, "1");
          g_assert_cmpstr (f[csv_column (header, "claims_attributed")], ==, "1");
          g_assert_cmpstr (f[csv_column (header, "attribution_agreed")], ==, "1");
          g_assert_cmpstr (f[csv_column (header, "attribution_agreement")], ==, "1.000000");
          g_assert_cmpstr (f[csv_column (header, "certainty_agreed")], ==, "1");
          g_assert_cmpstr (f[csv_column (header, "certainty_agreement")], ==, "1.000000");
          g_assert_cmpstr (f[csv_column (header, "alpha")], ==, "");
        }
      else if (strcmp (f[0], "*") == 0 && strcmp (f[1], "*") == 0 && strcmp (f[2], "*") == 0)
        {
          /* all pairs: α of the report, its tokens, the claims pooled */
          seen_all = TRUE;
          g_assert_cmpfloat_with_epsilon (g_ascii_strtod (f[csv_column (header, "alpha")], NULL),
                                          agreement->project->alpha, 1e-6);
          g_assert_cmpuint (g_ascii_strtoull (f[csv_column (header, "tokens")], NULL, 10), ==,
                            agreement->project->n_tokens);
          g_assert_cmpstr (f[csv_column (header, "claims_matched")], ==, "1");
        }
      else if (strcmp (f[0], "PERSON") == 0 && strcmp (f[1], "*") == 0)
        {
          /* F1 per label pooled over the pairs, as the chart shows it */
          seen_label = TRUE;
          g_assert_cmpstr (f[csv_column (header, "exact_f1")], ==, "1.000000");
        }
    }
  g_assert_true (seen_pair);
  g_assert_true (seen_all);
  g_assert_true (seen_label);
  g_assert_cmpuint (n_rows, ==,
                    g_list_model_get_n_items (gloss_agreement_window_get_rows (report)) +
                      agreement->labels->len + 1);
}

/* The share of pixels of a PNG whose three channels are all above 0.85. */
static double
light_share (const char *path,
             int        *width,
             int        *height,
             gboolean   *light_corner)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_filename (path, &error);
  g_autofree guchar *pixels = NULL;
  gsize              stride, light = 0;

  g_assert_no_error (error);
  *width = gdk_texture_get_width (texture);
  *height = gdk_texture_get_height (texture);
  stride = (gsize) *width * 4;
  pixels = g_malloc (stride * *height);
  gdk_texture_download (texture, pixels, stride);
  for (int y = 0; y < *height; y++)
    for (int x = 0; x < *width; x++)
      {
        const guchar *p = pixels + y * stride + x * 4; /* B G R A, premultiplied */

        if (p[3] == 255 && p[0] > 217 && p[1] > 217 && p[2] > 217)
          light++;
        if (x == 0 && y == 0)
          *light_corner = p[3] == 255 && p[0] > 240 && p[1] > 240 && p[2] > 240;
      }
  return (double) light / (*width * *height);
}

/* The exported chart is in the light style, dark app or not, with a
 * title, the scope and α above the chart. */
static void
assert_png_light (GlossAgreementWindow *report,
                  const char           *dir,
                  gboolean              dark)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWidget       *chart = find_descendant (GTK_WIDGET (report), GTK_TYPE_DRAWING_AREA);
  g_autofree char *name = g_strdup_printf ("agreement-export-%s.png", dark ? "dark" : "light");
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GdkRGBA  fg;
  int      width, height;
  gboolean light_corner = FALSE;
  double   share;

  adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                  : ADW_COLOR_SCHEME_FORCE_LIGHT);
  iterate_main_context (200);
  /* the app is in the style asked for: light text when dark */
  gtk_style_context_get_color (gtk_widget_get_style_context (chart), &fg);
  g_assert_cmpint (fg.red + fg.green + fg.blue > 1.5, ==, dark);

  g_assert_true (gloss_agreement_window_save_png (report, file, &error));
  g_assert_no_error (error);
  share = light_share (path, &width, &height, &light_corner);
  g_test_message ("%s: %d×%d, %.0f%% light", name, width, height, 100 * share);
  g_assert_true (light_corner);
  g_assert_cmpfloat (share, >, 0.8);
  /* the header above the chart: room for a title and three lines of scope */
  g_assert_cmpint (height, >=, gtk_drawing_area_get_content_height (GTK_DRAWING_AREA (chart)) + 60);
  g_assert_cmpint (width, >=, gtk_drawing_area_get_content_width (GTK_DRAWING_AREA (chart)));

  /* keep it with the test's artifacts, to look at */
  {
    const char *build = g_getenv ("GLOSS_BUILD_DIR");

    if (build != NULL)
      {
        g_autofree char *artifacts = g_build_filename (build, "tests", "artifacts", NULL);
        g_autofree char *copy = g_build_filename (artifacts, name, NULL);
        g_autofree char *contents = NULL;
        gsize            length;

        g_mkdir_with_parents (artifacts, 0755);
        g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
        g_assert_true (g_file_set_contents (copy, contents, length, NULL));
      }
  }
  save_screenshot (GTK_WIDGET (report), dark ? "agreement-window-dark.png"
                                             : "agreement-window-light.png");
  gtk_stack_set_visible_child_name (GTK_STACK (find_descendant (GTK_WIDGET (report),
                                                                GTK_TYPE_STACK)),
                                    "confusion");
  iterate_main_context (200);
  save_screenshot (GTK_WIDGET (report), dark ? "agreement-confusion-dark.png"
                                             : "agreement-confusion-light.png");
  gtk_stack_set_visible_child_name (GTK_STACK (find_descendant (GTK_WIDGET (report),
                                                                GTK_TYPE_STACK)),
                                    "table");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  iterate_main_context (100);
}

static void
test_agreement_window (Fixture       *fixture,
                       gconstpointer  user_data)
{
  GlossWindow *window = new_window ();
  GlossAgreementWindow *report;
  GlossAgreement *agreement;
  GListModel *rows;
  g_autofree char *csv = NULL;
  g_autofree char *png_path = g_build_filename (fixture->dir, "chart.png", NULL);
  g_autoptr(GFile) png = g_file_new_for_path (png_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  guint n_labels;

  gloss_window_set_project (window, fixture->lead);
  merge_copies (fixture, window);
  g_assert_true (gloss_window_select_document (window, "briefing"));

  report = GLOSS_AGREEMENT_WINDOW (gloss_agreement_window_new (GTK_WINDOW (window),
                                                               fixture->lead,
                                                               gloss_window_get_document (window)));
  g_object_ref (report);
  gtk_window_present (GTK_WINDOW (report));
  wait_idle (report);

  agreement = gloss_agreement_window_get_agreement (report);
  g_assert_nonnull (agreement);
  g_assert_cmpuint (agreement->annotators->len, ==, 3);
  iterate_main_context (200);
  assert_default_layout (report);

  /* F1 per label in the chart is pooled over the pairs, and says so. */
  {
    GtkWidget  *chart = find_descendant (GTK_WIDGET (report), GTK_TYPE_DRAWING_AREA);
    const char *tooltip = gtk_widget_get_tooltip_text (chart);

    g_assert_nonnull (tooltip);
    g_assert_nonnull (strstr (tooltip, "pooled over all pairs"));
  }

  g_assert_cmpuint (agreement->project->pairs->len, ==, 3);
  n_labels = agreement->labels->len;
  g_assert_cmpuint (n_labels, >=, 6);

  /* A row for all labels and one per label, for each pair. */
  rows = gloss_agreement_window_get_rows (report);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3 * (n_labels + 1));
  {
    g_autoptr(GlossAgreementRow) row = g_list_model_get_item (rows, 0);
    GlossPairScores *pair = agreement->project->pairs->pdata[0];

    g_assert_null (gloss_agreement_row_get_label (row));
    g_assert_cmpstr (gloss_agreement_row_get_annotator_a (row), ==, "alice");
    g_assert_cmpstr (gloss_agreement_row_get_annotator_b (row), ==, "bob");
    /* alice and bob: 7 spans each, 5 the same (person, date, Meridian,
     * claim, source), 6 overlapping (and Unit 414); 2 × 5 / 14, 2 × 6 / 14 */
    g_assert_cmpuint (pair->all->exact_matches, ==, 5);
    g_assert_cmpfloat_with_epsilon (gloss_agreement_row_get_value (
                                      row, GLOSS_AGREEMENT_COLUMN_EXACT_F1), 5.0 / 7, 1e-9);
    g_assert_cmpfloat_with_epsilon (gloss_agreement_row_get_value (
                                      row, GLOSS_AGREEMENT_COLUMN_OVERLAP_F1), 6.0 / 7, 1e-9);
    /* the claim: matched, attributed to the same source */
    g_assert_cmpuint (pair->claims_matched, ==, 1);
    g_assert_cmpuint (pair->attribution_agreed, ==, 1);
  }

  assert_sorts (report);

  csv = gloss_agreement_window_dup_csv (report);
  g_assert_true (g_str_has_prefix (csv, "label,annotator_a,annotator_b,n_a,n_b,exact_precision"));
  g_assert_nonnull (strstr (csv, "\r\n*,alice,bob,7,7,0.714286,0.714286,0.714286,0.857143,"));

  iterate_main_context (200);
  g_assert_true (gloss_agreement_window_save_png (report, png, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (png_path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8);
  g_assert_cmpint (memcmp (contents, "\x89PNG", 4), ==, 0);
  screenshot (GTK_WIDGET (report), "agreement-window.png");
  assert_csv_read_back (report, fixture->dir);
  assert_png_light (report, fixture->dir, FALSE);
  assert_png_light (report, fixture->dir, TRUE);

  /* This document only: the same figures here (one document). */
  gloss_agreement_window_set_all_documents (report, FALSE);
  wait_idle (report);
  g_assert_cmpuint (gloss_agreement_window_get_agreement (report)->project->pairs->len, ==, 3);

  gtk_window_destroy (GTK_WINDOW (report));
  iterate_main_context (50);
  g_assert_finalize_object (report);

  /* Names keep their underscores: no mnemonics in names. */
  {
    g_autoptr(GError) add_error = NULL;
    GlossDocument *document = gloss_project_add_document (fixture->lead, "000_8325_briefing",
                                                          text, -1, NULL, &add_error);
    GtkWidget     *named;

    g_assert_no_error (add_error);
    named = gloss_agreement_window_new (GTK_WINDOW (window), fixture->lead, document);
    g_object_ref (named);
    gtk_window_present (GTK_WINDOW (named));
    wait_idle (GLOSS_AGREEMENT_WINDOW (named));
    g_assert_nonnull (find_check_showing (named, "(000_8325_briefing)"));
    g_assert_nonnull (find_check_showing (named, "alice"));
    gtk_window_destroy (GTK_WINDOW (named));
    iterate_main_context (50);
    g_assert_finalize_object (named);
  }

  /* Closed while computing: the result is dropped, the window goes. */
  {
    GtkWidget *closed = gloss_agreement_window_new (GTK_WINDOW (window), fixture->lead, NULL);
    gint64 until = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

    g_object_add_weak_pointer (G_OBJECT (closed), (gpointer *) &closed);
    g_assert_true (gloss_agreement_window_get_busy (GLOSS_AGREEMENT_WINDOW (closed)));
    gtk_window_destroy (GTK_WINDOW (closed));
    while (closed != NULL && g_get_monotonic_time () < until)
      iterate_main_context (20);
    g_assert_null (closed);
  }

  close_window (window);
}

/* What the parent's win.curation-queue received, as "(ssss)" text. */
static void
curation_queue_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  GPtrArray *received = user_data;

  g_ptr_array_add (received, g_variant_print (parameter, FALSE));
}

/* The last parameter the parent received, then forgets them. */
static char *
take_last (GPtrArray *received)
{
  char *last;

  g_assert_cmpuint (received->len, ==, 1);
  last = g_strdup (received->pdata[0]);
  g_ptr_array_set_size (received, 0);
  return last;
}

/* The cell of the confusion grid at (row label, column label). */
static GtkWidget *
confusion_cell (GlossAgreementWindow *report,
                const char           *row,
                const char           *column)
{
  GlossAgreement *agreement = gloss_agreement_window_get_agreement (report);
  GtkGrid        *grid = GTK_GRID (find_descendant (GTK_WIDGET (report), GTK_TYPE_GRID));
  guint           r = agreement->labels->len, c = agreement->labels->len;

  g_assert_nonnull (grid);
  g_ptr_array_find_with_equal_func (agreement->labels, row, g_str_equal, &r);
  g_ptr_array_find_with_equal_func (agreement->labels, column, g_str_equal, &c);
  return gtk_grid_get_child_at (grid, c + 1, r + 1);
}

/* Activating a row of the table or a cell of the confusion matrix asks the
 * parent window for the curation queue of those disagreements. */
static void
test_agreement_drill_down (Fixture      *fixture,
                           gconstpointer user_data)
{
  GlossWindow *window = new_window ();
  GtkWidget   *parent = g_object_ref_sink (gtk_window_new ());
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) action = g_simple_action_new ("curation-queue",
                                                          G_VARIANT_TYPE ("(ssss)"));
  g_autoptr(GPtrArray) received = g_ptr_array_new_with_free_func (g_free);
  GlossAgreementWindow *report;
  GtkColumnView        *table;
  GListModel           *shown;
  GtkDropDown          *pairs;
  g_autofree char      *last = NULL;
  guint                 org_row = G_MAXUINT, all_row = G_MAXUINT;

  gloss_window_set_project (window, fixture->lead);
  merge_copies (fixture, window);

  g_signal_connect (action, "activate", G_CALLBACK (curation_queue_cb), received);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
  gtk_widget_insert_action_group (parent, "win", G_ACTION_GROUP (group));
  gtk_window_present (GTK_WINDOW (parent));

  report = GLOSS_AGREEMENT_WINDOW (gloss_agreement_window_new (GTK_WINDOW (parent),
                                                               fixture->lead, NULL));
  g_object_ref (report);
  gtk_window_present (GTK_WINDOW (report));
  wait_idle (report);

  /* the window says what cells do */
  g_assert_nonnull (find_label_prefix (GTK_WIDGET (report), "Double-click a row"));

  /* the table, sorted by label: ORG of alice and bob, all labels of them */
  table = GTK_COLUMN_VIEW (find_descendant (GTK_WIDGET (report), GTK_TYPE_COLUMN_VIEW));
  gtk_column_view_sort_by_column (table, column_titled (table, "Label"), GTK_SORT_DESCENDING);
  iterate_main_context (50);
  shown = G_LIST_MODEL (gtk_column_view_get_model (table));
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(GlossAgreementRow) row = g_list_model_get_item (shown, i);

      if (strcmp (gloss_agreement_row_get_annotator_a (row), "alice") != 0 ||
          strcmp (gloss_agreement_row_get_annotator_b (row), "bob") != 0)
        continue;
      if (g_strcmp0 (gloss_agreement_row_get_label (row), "ORG") == 0)
        org_row = i;
      else if (gloss_agreement_row_get_label (row) == NULL)
        all_row = i;
    }
  g_assert_cmpuint (org_row, <, all_row);
  g_signal_emit_by_name (table, "activate", org_row);
  last = take_last (received);
  g_assert_cmpstr (last, ==, "('ORG', 'alice', 'bob', '')");
  g_clear_pointer (&last, g_free);
  g_signal_emit_by_name (table, "activate", all_row);
  last = take_last (received);
  g_assert_cmpstr (last, ==, "('', 'alice', 'bob', '')");
  g_clear_pointer (&last, g_free);

  /* the confusion matrix of alice and bob: Seoul GPE and LOC; "Unit 414"
   * of alice alone (bob's span runs on) */
  pairs = GTK_DROP_DOWN (find_descendant (GTK_WIDGET (report), GTK_TYPE_DROP_DOWN));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (pairs)), ==, 4);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (pairs)),
                                               0),
                   ==, "All pairs (pooled)");
  gtk_drop_down_set_selected (pairs, 1);
  iterate_main_context (50);
  g_assert_true (GTK_IS_BUTTON (confusion_cell (report, "GPE", "LOC")));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (confusion_cell (report, "GPE", "LOC"))), ==,
                   "1");
  /* the diagonal: agreement, no button */
  g_assert_true (GTK_IS_LABEL (confusion_cell (report, "PERSON", "PERSON")));
  g_assert_true (gtk_widget_has_css_class (confusion_cell (report, "PERSON", "PERSON"),
                                           "diagonal"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (confusion_cell (report, "PERSON", "PERSON"))),
                   ==, "1");
  g_signal_emit_by_name (confusion_cell (report, "GPE", "LOC"), "clicked");
  last = take_last (received);
  g_assert_cmpstr (last, ==, "('GPE', 'alice', 'bob', 'label')");
  g_clear_pointer (&last, g_free);
  g_signal_emit_by_name (confusion_cell (report, "ORG", "(none)"), "clicked");
  last = take_last (received);
  g_assert_cmpstr (last, ==, "('ORG', 'alice', 'bob', '')");
  g_clear_pointer (&last, g_free);
  g_signal_emit_by_name (confusion_cell (report, "(none)", "ORG"), "clicked");
  last = take_last (received);
  g_assert_cmpstr (last, ==, "('ORG', 'alice', 'bob', '')");
  g_clear_pointer (&last, g_free);

  /* pooled: bob's LOC against carol's GPE too; any pair */
  gtk_drop_down_set_selected (pairs, 0);
  iterate_main_context (50);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (confusion_cell (report, "LOC", "GPE"))), ==,
                   "1");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (confusion_cell (report, "PERSON", "PERSON"))),
                   ==, "3");
  g_signal_emit_by_name (confusion_cell (report, "LOC", "GPE"), "clicked");
  last = take_last (received);
  g_assert_cmpstr (last, ==, "('LOC', '', '', 'label')");
  g_clear_pointer (&last, g_free);
  g_signal_emit_by_name (confusion_cell (report, "(none)", "MONEY"), "clicked");
  last = take_last (received);
  g_assert_cmpstr (last, ==, "('MONEY', '', '', '')");

  gtk_window_destroy (GTK_WINDOW (report));
  iterate_main_context (50);
  g_assert_finalize_object (report);
  gtk_window_destroy (GTK_WINDOW (parent));
  iterate_main_context (50);
  g_assert_finalize_object (parent);
  close_window (window);
}

/* Sends a key press to the view's key controller, as GTK would. */
static gboolean
press_key (GlossCurationView *view,
           guint              keyval)
{
  return press_widget_key (GTK_WIDGET (view), keyval);
}

/* A unit of @units whose first member covers @span with @label. */
static guint
find_unit (GPtrArray  *units,
           const char *span)
{
  guint start = offset_of (span);

  for (guint i = 0; i < units->len; i++)
    {
      GlossCurationUnit *unit = units->pdata[i];

      if (unit->start == start)
        return i;
    }
  g_assert_not_reached ();
}

static guint
version_of (GlossCurationUnit *unit,
            const char        *annotator)
{
  for (guint i = 0; i < unit->annotators->len; i++)
    if (strcmp (unit->annotators->pdata[i], annotator) == 0)
      return i;
  g_assert_not_reached ();
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* The brat export of the gold set: "LABEL start end" per entity. */
static GPtrArray *
export_gold (Fixture *fixture,
             guint   *n_relations)
{
  GlossExportOptions options = GLOSS_EXPORT_OPTIONS_INIT;
  g_autofree char *folder = g_build_filename (fixture->dir, "gold-brat", NULL);
  g_autofree char *ann_path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *spans = g_ptr_array_new_with_free_func (g_free);
  GDir *dir;
  const char *name;

  options.gold_only = TRUE;
  g_assert_true (gloss_format_export (fixture->lead, "brat", folder, &options, NULL, NULL, &error));
  g_assert_no_error (error);

  dir = g_dir_open (folder, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".ann"))
      ann_path = g_build_filename (folder, name, NULL);
  g_dir_close (dir);
  g_assert_nonnull (ann_path);

  g_assert_true (g_file_get_contents (ann_path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] == 'T')
      {
        g_auto(GStrv) fields = g_strsplit (lines[i], "\t", 3);

        g_ptr_array_add (spans, g_strdup (fields[1]));
      }
    else if (lines[i][0] == 'R')
      {
        g_assert_true (g_str_has_prefix (strchr (lines[i], '\t') + 1, "attributed-to "));
        (*n_relations)++;
      }
  g_ptr_array_sort (spans, compare_strings);
  return spans;
}

static char *
gold_span (const char *label,
           const char *span,
           guint       skip)
{
  guint start = offset_of (span);

  return g_strdup_printf ("%s %u %u", label, start,
                          start + (guint) g_utf8_strlen (span, -1) - skip);
}

/* The scripted curation: accept the agreed units in bulk, carol's Seoul,
 * alice's Unit 414, reject Meridian and carol's money; the gold export
 * holds exactly those. */
static void
test_curation (Fixture       *fixture,
               gconstpointer  user_data)
{
  GlossWindow *window = new_window ();
  GlossCurationView *view;
  GPtrArray *units;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) gold = NULL;
  guint n_curated, n_units, position, n_relations = 0;

  gloss_window_set_project (window, fixture->lead);
  gtk_window_present (GTK_WINDOW (window));
  merge_copies (fixture, window);
  g_assert_true (gloss_window_select_document (window, "briefing"));
  iterate_main_context (100);

  view = GLOSS_CURATION_VIEW (find_descendant (GTK_WIDGET (window), GLOSS_TYPE_CURATION_VIEW));
  g_assert_nonnull (view);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (view)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.curate", NULL);
  iterate_main_context (100);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

    g_assert_nonnull (focus);
    g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (view)));
  }

  units = gloss_curation_view_get_units (view);
  g_assert_cmpuint (units->len, ==, 8);
  g_assert_cmpint (((GlossCurationUnit *) units->pdata[find_unit (units, "Ruslan Vey")])->kind,
                   ==, GLOSS_CURATION_AGREED);
  g_assert_cmpint (((GlossCurationUnit *) units->pdata[find_unit (units, "Meridian")])->kind,
                   ==, GLOSS_CURATION_ONLY);
  g_assert_cmpint (((GlossCurationUnit *) units->pdata[find_unit (units, "Seoul")])->kind,
                   ==, GLOSS_CURATION_LABEL);
  g_assert_cmpint (((GlossCurationUnit *) units->pdata[find_unit (units, "Unit 414")])->kind,
                   ==, GLOSS_CURATION_OVERLAP);
  gloss_curation_view_get_progress (view, &n_curated, &n_units);
  g_assert_cmpuint (n_curated, ==, 0);
  g_assert_cmpuint (n_units, ==, 8);

  screenshot (GTK_WIDGET (window), "curation-view-before.png");

  g_assert_cmpint (gloss_curation_view_accept_agreed (view, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_cmpint (gloss_curation_view_accept_agreed (view, &error), ==, 0);

  /* The claim (alice's), then its source (bob's): the gold copies are
   * linked as bob linked his. */
  units = gloss_curation_view_get_units (view);
  position = find_unit (units, CLAIM_TEXT);
  g_assert_cmpint (((GlossCurationUnit *) units->pdata[position])->kind, ==, GLOSS_CURATION_ONLY);
  g_assert_true (gloss_curation_view_accept (view, position, 0, &error));
  units = gloss_curation_view_get_units (view);
  position = find_unit (units, SOURCE_TEXT);
  g_assert_true (gloss_curation_view_accept (view, position, 1, &error));
  g_assert_no_error (error);

  /* From the keyboard: 3 accepts carol's Seoul and moves on. */
  units = gloss_curation_view_get_units (view);
  position = find_unit (units, "Seoul");
  g_assert_cmpuint (version_of (units->pdata[position], "carol"), ==, 2);
  gloss_curation_view_select (view, position);
  g_assert_true (press_key (view, GDK_KEY_3));
  g_assert_cmpuint (gloss_curation_view_get_selected (view), ==, position + 1);
  units = gloss_curation_view_get_units (view);
  g_assert_cmpuint (((GlossCurationUnit *) units->pdata[position])->gold->len, ==, 1);
  /* 9: no such annotator here; nothing happens */
  g_assert_true (press_key (view, GDK_KEY_9));
  g_assert_false (press_key (view, GDK_KEY_x));

  /* A second choice replaces the first: bob's LOC, then alice's GPE. */
  units = gloss_curation_view_get_units (view);
  position = find_unit (units, "Unit 414");
  g_assert_true (gloss_curation_view_accept (view, position,
                                             version_of (units->pdata[position], "bob"),
                                             &error));
  units = gloss_curation_view_get_units (view);
  position = find_unit (units, "Unit 414");
  g_assert_true (gloss_curation_view_accept (view, position,
                                             version_of (units->pdata[position], "alice"),
                                             &error));
  g_assert_no_error (error);

  units = gloss_curation_view_get_units (view);
  gloss_curation_view_select (view, find_unit (units, "Meridian"));
  g_assert_true (press_key (view, GDK_KEY_r));
  units = gloss_curation_view_get_units (view);
  g_assert_true (gloss_curation_view_reject (view, find_unit (units, "300 million"), &error));
  g_assert_no_error (error);

  gloss_curation_view_get_progress (view, &n_curated, &n_units);
  g_assert_cmpuint (n_curated, ==, 8);
  g_assert_cmpuint (n_units, ==, 8);
  gloss_curation_view_select (view, 2);
  iterate_main_context (100);
  screenshot (GTK_WIDGET (window), "curation-view.png");

  /* Ctrl+Z in the window takes the rejections back, the last first, then
   * the last acceptance: every decision is one step. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  gloss_curation_view_get_progress (view, &n_curated, &n_units);
  g_assert_cmpuint (n_curated, ==, 7);
  units = gloss_curation_view_get_units (view);
  g_assert_cmpuint (((GlossCurationUnit *) units->pdata[find_unit (units, "Unit 414")])->gold->len,
                    ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  gloss_curation_view_get_progress (view, &n_curated, &n_units);
  g_assert_cmpuint (n_curated, ==, 6);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  units = gloss_curation_view_get_units (view);
  g_assert_cmpuint (((GlossCurationUnit *) units->pdata[find_unit (units, "Unit 414")])->gold->len,
                    ==, 1);
  g_assert_cmpuint (count_annotations (fixture->lead, GLOSS_GOLD_ANNOTATOR), ==, 6);

  g_ptr_array_add (expected, gold_span ("CLAIM", CLAIM_TEXT, 0));
  g_ptr_array_add (expected, gold_span ("SOURCE", SOURCE_TEXT, 0));
  g_ptr_array_add (expected, gold_span ("DATE", "Tuesday", 0));
  g_ptr_array_add (expected, gold_span ("GPE", "Seoul", 0));
  g_ptr_array_add (expected, gold_span ("ORG", "Unit 414 stole", 6));
  g_ptr_array_add (expected, gold_span ("PERSON", "Ruslan Vey", 0));
  g_ptr_array_sort (expected, compare_strings);

  /* Rejections are kept in the project: a new view sees them. */
  {
    GtkWidget *other = g_object_ref_sink (gloss_curation_view_new ());
    GlossDocument *document = gloss_window_get_document (window);
    g_autoptr(GlossAnnotationList) annotations =
      gloss_project_dup_annotation_list (fixture->lead, document, &error);

    g_assert_no_error (error);
    gloss_curation_view_set_annotation_list (GLOSS_CURATION_VIEW (other), fixture->lead,
                                             annotations);
    gloss_curation_view_get_progress (GLOSS_CURATION_VIEW (other), &n_curated, &n_units);
    /* Unit 414 has bob's ORG again after the undo: still curated; the two
     * rejections were taken back */
    g_assert_cmpuint (n_curated, ==, 6);
    gloss_curation_view_set_annotation_list (GLOSS_CURATION_VIEW (other), NULL, NULL);
    g_assert_finalize_object (other);
  }

  /* Back to alice's version and both rejections, in that order, and export. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL);
  gloss_curation_view_get_progress (view, &n_curated, &n_units);
  g_assert_cmpuint (n_curated, ==, 6);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL);
  gloss_curation_view_get_progress (view, &n_curated, &n_units);
  g_assert_cmpuint (n_curated, ==, 8);
  gold = export_gold (fixture, &n_relations);
  g_assert_cmpuint (n_relations, ==, 1);
  g_assert_cmpuint (gold->len, ==, expected->len);
  for (guint i = 0; i < gold->len; i++)
    g_assert_cmpstr (gold->pdata[i], ==, expected->pdata[i]);

  /* E: back to the text with the unit's gold annotation selected. */
  units = gloss_curation_view_get_units (view);
  position = find_unit (units, "Seoul");
  gloss_curation_view_select (view, position);
  g_assert_true (press_key (view, GDK_KEY_e));
  iterate_main_context (50);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (view)));
  {
    GlossDocumentView *document_view = GLOSS_DOCUMENT_VIEW (gloss_window_get_view (window));
    GlossAnnotation *selected = gloss_document_view_get_selected_annotation (document_view);

    g_assert_nonnull (selected);
    g_assert_cmpstr (gloss_annotation_get_annotator (selected), ==, GLOSS_GOLD_ANNOTATOR);
    g_assert_cmpstr (gloss_annotation_get_label (selected), ==, "GPE");
  }

  gtk_widget_activate_action (GTK_WIDGET (window), "win.curate", NULL);
  iterate_main_context (50);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.curate", NULL);
  iterate_main_context (50);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (view)));

  close_window (window);
}

/* The views without a window or a project. */
static void
test_instantiate (void)
{
  GtkWidget *view = g_object_ref_sink (gloss_curation_view_new ());
  guint n_curated = 1, n_units = 1;

  gloss_curation_view_get_progress (GLOSS_CURATION_VIEW (view), &n_curated, &n_units);
  g_assert_cmpuint (n_curated, ==, 0);
  g_assert_cmpuint (n_units, ==, 0);
  g_assert_null (gloss_curation_view_get_units (GLOSS_CURATION_VIEW (view)));
  g_assert_finalize_object (view);
}

int
main (int   argc,
      char *argv[])
{
  /* No G_TEST_OPTION_ISOLATE_DIRS: it hides the icon theme from GTK, whose
   * fallback icons then fail to load. */
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_printerr ("No display: skipping\n");
      return 77;
    }

  g_test_add_func ("/ui/teams/instantiate", test_instantiate);
  g_test_add ("/ui/teams/merge", Fixture, NULL, fixture_setup, test_merge, fixture_teardown);
  g_test_add ("/ui/teams/agreement", Fixture, NULL, fixture_setup, test_agreement_window,
              fixture_teardown);
  g_test_add ("/ui/teams/agreement-drill-down", Fixture, NULL, fixture_setup,
              test_agreement_drill_down, fixture_teardown);
  g_test_add ("/ui/teams/curation", Fixture, NULL, fixture_setup, test_curation,
              fixture_teardown);

  return g_test_run ();
}
