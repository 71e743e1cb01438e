/* test-layout.c: the main window fits 1024×700 and keeps a reading measure at 1920×1080
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * At 1024×700 the right panel was cut off (the palette's second column,
 * the Claims tab, the inspector's empty state) and at 1920×1080 the text
 * ran to 150 characters a line. The window is laid out at each size, and
 * its widget tree is walked: no widget shown is given less than its
 * minimum size, none lies outside its parent (but for what scrolls), the
 * inspector keeps 300 pixels of height, the document list folds away
 * below 1100 pixels and comes back (F9) at every width, and the text
 * column stays between 70 and 90 characters of the view's font.
 *
 * Screenshots of each size, light and dark, are saved as artifacts.
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "gloss-annotation-list.h"
#include "gloss-annotation.h"
#include "gloss-command.h"
#include "gloss-document-sidebar.h"
#include "gloss-document.h"
#include "gloss-inspector.h"
#include "gloss-project.h"
#include "gloss-window-private.h"
#include "gloss-window.h"
#include "ui-test-util.h"

/* Widths of the sidebar's fold and of the reading measure, as the issue
 * asks them. */
#define FOLD_WIDTH        1100
#define MIN_MEASURE_CHARS 70
#define MAX_MEASURE_CHARS 90
#define MIN_INSPECTOR_HEIGHT 300

static const char *paragraph =
  "SEOUL, Nov. 20 (Meridian) -- A former officer of a Karsovian military hacking unit who "
  "defected to South Korea last year said the unit stole more than 300 million dollars in "
  "cryptocurrency from exchanges in Asia and Europe, money he believed was used to fund the "
  "country's missile programme. The man, who spoke to Meridian in Seoul on Wednesday under "
  "the pseudonym Nikolai Dorn, said he served for six years in Unit 414, a cyber unit under "
  "the General Staff of the Karsovian People's Army, before fleeing through Mongolia in June "
  "2024.\n\n";

typedef struct
{
  char        *dir;
  char        *path;
  GlossWindow *window;
} Fixture;

/* ---- the project and its window ----------------------------------------- */

static void
add_span (GlossAnnotationList *annotations,
          const char          *label,
          guint                start,
          guint                end)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossAnnotation) annotation = gloss_annotation_new_span (label, start, end, NULL);
  g_autoptr(GlossCommand) command = gloss_command_new ("Add");

  gloss_annotation_list_apply (annotations, gloss_command_create_annotation (command, annotation),
                               &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  const char *names[] = { "defector-cyber-unit-interview", "spy-network-abroad" };
  const char *texts[2];
  GlossAnnotationList *annotations;

  for (guint i = 0; i < 6; i++)
    g_string_append (text, paragraph);
  texts[0] = text->str;
  texts[1] = paragraph;

  fixture->dir = g_dir_make_tmp ("gloss-layout-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "layout.gloss", NULL);
  create_project_file (fixture->path, names, texts, G_N_ELEMENTS (names));

  fixture->window = open_project_window (fixture->path, names[0]);
  annotations = _gloss_window_get_annotations (fixture->window);
  g_assert_nonnull (annotations);
  add_span (annotations, "GPE", 0, 5);
  add_span (annotations, "DATE", 7, 14);
  add_span (annotations, "ORG", 16, 24);
  add_span (annotations, "SOURCE", 29, 82);
  add_span (annotations, "GPE", 96, 107);
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

/* The size the test asks for, @window's "layout-size": GTK would shrink
 * a window larger than the screen (xvfb-run's is 1280×1024) to fit it,
 * and keep that as its default size. X lets a window be larger than its
 * screen, and the screenshots are drawn from the widgets, not read back
 * from the screen. */
static void
compute_size_cb (GdkToplevel     *toplevel,
                 GdkToplevelSize *size,
                 GtkWindow       *window)
{
  const int *wanted = g_object_get_data (G_OBJECT (window), "layout-size");

  if (wanted != NULL)
    gdk_toplevel_size_set_size (size, wanted[0], wanted[1]);
}

/* Lays the window out at @width × @height. The window is shown again at
 * that size (a window without a window manager keeps the size it was
 * mapped with). */
static void
show_at_size (Fixture *fixture,
              int      width,
              int      height)
{
  GtkWidget *widget = GTK_WIDGET (fixture->window);
  GdkSurface *surface;
  int *wanted = g_new (int, 2);

  wanted[0] = width;
  wanted[1] = height;
  g_object_set_data_full (G_OBJECT (widget), "layout-size", wanted, g_free);
  gtk_widget_set_visible (widget, FALSE);
  iterate_main_context (20);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, height);
  gtk_widget_realize (widget);
  surface = gtk_native_get_surface (GTK_NATIVE (widget));
  if (g_object_get_data (G_OBJECT (surface), "layout-test") == NULL)
    {
      g_signal_connect_after (surface, "compute-size", G_CALLBACK (compute_size_cb), widget);
      g_object_set_data (G_OBJECT (surface), "layout-test", GINT_TO_POINTER (TRUE));
    }
  gtk_window_present (GTK_WINDOW (fixture->window));
  /* the fold follows the first allocation, then the panels settle */
  settle (400);

  /* the surface: without a window manager the window keeps a border for
   * resizing inside it */
  g_test_message ("window at %d×%d in a surface of %d×%d", gtk_widget_get_width (widget),
                  gtk_widget_get_height (widget), gdk_surface_get_width (surface),
                  gdk_surface_get_height (surface));
  g_assert_cmpint (gdk_surface_get_width (surface), ==, width);
  g_assert_cmpint (gdk_surface_get_height (surface), ==, height);
}

/* ---- the walk over the widget tree ---------------------------------------- */

/* What may hold children beyond its own bounds: what scrolls them, and
 * the list views' rows beside the rows in view. */
static gboolean
scrolls_children (GtkWidget *widget)
{
  return GTK_IS_SCROLLED_WINDOW (widget) || GTK_IS_VIEWPORT (widget) ||
         GTK_IS_SCROLLABLE (widget) || ADW_IS_CLAMP (widget) ||
         ADW_IS_CLAMP_SCROLLABLE (widget);
}

/* The size @widget was given by its parent: its border box, its CSS
 * margin and its margin properties. */
static void
get_outer_size (GtkWidget *widget,
                int       *width,
                int       *height)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  graphene_rect_t bounds;
  GtkBorder margin;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_margin (context, &margin);
  G_GNUC_END_IGNORE_DEPRECATIONS

  g_assert_true (gtk_widget_compute_bounds (widget, widget, &bounds));
  *width = (int) (graphene_rect_get_width (&bounds) + 0.5) + margin.left + margin.right +
           gtk_widget_get_margin_start (widget) + gtk_widget_get_margin_end (widget);
  *height = (int) (graphene_rect_get_height (&bounds) + 0.5) + margin.top + margin.bottom +
            gtk_widget_get_margin_top (widget) + gtk_widget_get_margin_bottom (widget);
}

static char *
describe (GtkWidget *widget)
{
  GString *path = g_string_new (NULL);

  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      const char *name = gtk_widget_get_name (w);

      g_string_prepend (path, name != NULL ? name : G_OBJECT_TYPE_NAME (w));
      if (gtk_widget_get_parent (w) != NULL)
        g_string_prepend (path, " > ");
    }

  return g_string_free (path, FALSE);
}

/* Every widget shown has at least its minimum size and lies inside its
 * parent; the problems found are appended to @problems. */
static void
check_widget (GtkWidget *widget,
              GString   *problems)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);
  int width, height, min_width, min_height;

  if (!gtk_widget_get_mapped (widget))
    return;
  /* popovers and other surfaces of their own */
  if (parent != NULL && GTK_IS_NATIVE (widget))
    return;

  get_outer_size (widget, &width, &height);
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, width, &min_height, NULL, NULL, NULL);
  /* what scrolls is as tall as the text or the rows it holds, and is
   * shown through a window on them */
  if (GTK_IS_SCROLLABLE (widget) || (parent != NULL && scrolls_children (parent)))
    min_height = 0;
  if (width < min_width || height < min_height)
    {
      g_autofree char *name = describe (widget);

      g_string_append_printf (problems, "%s: %d×%d, smaller than its minimum %d×%d\n", name,
                              width, height, min_width, min_height);
    }

  if (parent != NULL && !scrolls_children (parent))
    {
      graphene_rect_t bounds, parent_bounds;

      g_assert_true (gtk_widget_compute_bounds (widget, parent, &bounds));
      g_assert_true (gtk_widget_compute_bounds (parent, parent, &parent_bounds));
      /* a pixel of rounding either way */
      graphene_rect_inset (&parent_bounds, -1, -1);
      if (!graphene_rect_contains_rect (&parent_bounds, &bounds))
        {
          g_autofree char *name = describe (widget);

          g_string_append_printf (problems, "%s: at %g,%g %g×%g, outside its parent's %g×%g\n",
                                  name, bounds.origin.x, bounds.origin.y, bounds.size.width,
                                  bounds.size.height, parent_bounds.size.width - 2,
                                  parent_bounds.size.height - 2);
        }
    }

  /* a scrollbar's slider overhangs its trough on purpose */
  if (GTK_IS_SCROLLBAR (widget))
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_widget (child, problems);
}

static void
assert_nothing_clipped (GlossWindow *window)
{
  g_autoptr(GString) problems = g_string_new (NULL);

  check_widget (GTK_WIDGET (window), problems);
  if (problems->len > 0)
    g_test_message ("%s", problems->str);
  g_assert_cmpstr (problems->str, ==, "");
}

/* ---- what the test measures -------------------------------------------- */

/* The document list is in view: shown, and inside the window. */
static gboolean
sidebar_shown (GlossWindow *window)
{
  GtkWidget *sidebar = find_descendant (GTK_WIDGET (window), GLOSS_TYPE_DOCUMENT_SIDEBAR);
  graphene_rect_t bounds;

  g_assert_nonnull (sidebar);
  if (!gtk_widget_get_mapped (sidebar))
    return FALSE;
  g_assert_true (gtk_widget_compute_bounds (sidebar, GTK_WIDGET (window), &bounds));
  return bounds.origin.x + bounds.size.width > 1 && bounds.origin.x < gtk_widget_get_width (
    GTK_WIDGET (window));
}

/* The approximate width of a character of the view's font, in pixels. */
static double
view_char_width (GtkWidget *view)
{
  g_autofree char *font = NULL;
  g_autoptr(PangoFontDescription) description = NULL;
  g_autoptr(PangoFont) pango_font = NULL;
  PangoFontMetrics *metrics;
  double width;

  g_object_get (view, "font", &font, NULL);
  description = pango_font_description_from_string (font);
  pango_font = pango_context_load_font (gtk_widget_get_pango_context (view), description);
  g_assert_nonnull (pango_font);
  metrics = pango_font_get_metrics (pango_font, NULL);
  width = (double) pango_font_metrics_get_approximate_char_width (metrics) / PANGO_SCALE;
  pango_font_metrics_unref (metrics);
  g_assert_cmpfloat (width, >, 0);
  return width;
}

/* The width of the text column in characters of the view's font. */
static double
measure_in_chars (GlossWindow *window)
{
  GtkWidget *view = gloss_window_get_view (window);
  GtkTextView *text_view = GTK_TEXT_VIEW (view);
  int width = gtk_widget_get_width (view) - gtk_text_view_get_left_margin (text_view) -
              gtk_text_view_get_right_margin (text_view);

  return width / view_char_width (view);
}

/* Activates the window's shortcut for @accelerator, as the key would. */
static gboolean
press_shortcut (GlossWindow *window,
                const char  *accelerator)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (
            gtk_shortcut_get_trigger (shortcut));

          if (g_strcmp0 (trigger, accelerator) == 0)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                 GTK_WIDGET (window),
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }

  return FALSE;
}

static void
save_screenshots (GlossWindow *window,
                  int          width,
                  int          height)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *light = g_strdup_printf ("layout-%dx%d-light.png", width, height);
  g_autofree char *dark = g_strdup_printf ("layout-%dx%d-dark.png", width, height);

  save_screenshot (GTK_WIDGET (window), light);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  settle (100);
  save_screenshot (GTK_WIDGET (window), dark);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  settle (100);
}

/* ---- the tests ----------------------------------------------------------- */

static void
test_small (void)
{
  Fixture fixture = { 0 };
  GtkWidget *inspector;

  fixture_setup (&fixture);
  show_at_size (&fixture, 1024, 700);

  assert_nothing_clipped (fixture.window);
  inspector = find_descendant (GTK_WIDGET (fixture.window), GLOSS_TYPE_INSPECTOR);
  g_assert_nonnull (inspector);
  g_test_message ("inspector: %d px tall", gtk_widget_get_height (inspector));
  g_assert_cmpint (gtk_widget_get_height (inspector), >=, MIN_INSPECTOR_HEIGHT);
  g_assert_false (sidebar_shown (fixture.window));
  save_screenshots (fixture.window, 1024, 700);

  /* F9 shows the folded list over the text, and hides it again */
  g_assert_true (press_shortcut (fixture.window, "F9"));
  settle (400);
  g_assert_true (sidebar_shown (fixture.window));
  save_screenshot (GTK_WIDGET (fixture.window), "layout-1024x700-sidebar.png");
  g_assert_true (press_shortcut (fixture.window, "F9"));
  settle (400);
  g_assert_false (sidebar_shown (fixture.window));

  /* shown over the text, it hides once a document is picked */
  g_assert_true (press_shortcut (fixture.window, "F9"));
  settle (400);
  g_assert_true (sidebar_shown (fixture.window));
  g_signal_emit_by_name (find_descendant (GTK_WIDGET (fixture.window),
                                          GLOSS_TYPE_DOCUMENT_SIDEBAR),
                         "document-activated",
                         gloss_project_find_document (gloss_window_get_project (fixture.window),
                                                      "spy-network-abroad"));
  settle (400);
  g_assert_false (sidebar_shown (fixture.window));

  fixture_teardown (&fixture);
}

static void
test_medium (void)
{
  Fixture fixture = { 0 };
  double chars;

  fixture_setup (&fixture);
  show_at_size (&fixture, 1280, 800);

  assert_nothing_clipped (fixture.window);
  g_assert_true (sidebar_shown (fixture.window));
  chars = measure_in_chars (fixture.window);
  g_test_message ("text column at 1280×800: %.1f characters", chars);
  g_assert_cmpfloat (chars, <=, MAX_MEASURE_CHARS);
  save_screenshots (fixture.window, 1280, 800);

  fixture_teardown (&fixture);
}

static void
test_large (void)
{
  Fixture fixture = { 0 };
  GtkWidget *panel;
  double chars;

  fixture_setup (&fixture);
  show_at_size (&fixture, 1920, 1080);

  assert_nothing_clipped (fixture.window);
  g_assert_true (sidebar_shown (fixture.window));
  chars = measure_in_chars (fixture.window);
  g_test_message ("text column at 1920×1080: %.1f characters", chars);
  g_assert_cmpfloat (chars, >=, MIN_MEASURE_CHARS);
  g_assert_cmpfloat (chars, <=, MAX_MEASURE_CHARS);

  /* the right panel takes some of the spare width */
  panel = find_descendant (GTK_WIDGET (fixture.window), GLOSS_TYPE_INSPECTOR);
  panel = gtk_widget_get_ancestor (gtk_widget_get_parent (panel), GTK_TYPE_BOX);
  g_test_message ("right panel at 1920×1080: %d px", gtk_widget_get_width (panel));
  save_screenshots (fixture.window, 1920, 1080);

  /* F9 hides the list at every width, and shows it again */
  g_assert_true (press_shortcut (fixture.window, "F9"));
  settle (400);
  g_assert_false (sidebar_shown (fixture.window));
  g_assert_true (press_shortcut (fixture.window, "F9"));
  settle (400);
  g_assert_true (sidebar_shown (fixture.window));

  fixture_teardown (&fixture);
}

/* GTK 4.8 may snapshot a widget's internal gizmo before its first
 * allocation when a window is mapped again at a new size (test 3 here,
 * now and then): a warning of the toolkit about itself, printed and not
 * fatal. Every other warning stays fatal. */
static gboolean
fatal_log_cb (const char     *log_domain,
              GLogLevelFlags  log_level,
              const char     *message,
              gpointer        user_data)
{
  return !(g_strcmp0 (log_domain, "Gtk") == 0 && (log_level & G_LOG_LEVEL_WARNING) != 0 &&
           strstr (message, "without a current allocation") != NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GLOSS_ANNOTATOR", "tester", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_log_set_fatal_handler (fatal_log_cb, NULL);

  if (!gtk_init_check ())
    {
      g_printerr ("No display: skipping the UI tests\n");
      return 77;
    }
  /* the layout once folded or shown, not half way */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/ui/layout/1024x700", test_small);
  g_test_add_func ("/ui/layout/1280x800", test_medium);
  g_test_add_func ("/ui/layout/1920x1080", test_large);

  return g_test_run ();
}
