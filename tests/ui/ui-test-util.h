/* ui-test-util.h: helpers the in-process UI tests share
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "gloss-project.h"
#include "gloss-window-private.h"
#include "gloss-window.h"

/* Runs the main loop for @milliseconds, dispatching whatever is ready. */
/* Deletes @path, a file or a folder with all it holds. */
static inline void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_rmdir (path);
}

static inline void
iterate_main_context (guint milliseconds)
{
  gint64 until = g_get_monotonic_time () + milliseconds * 1000;

  while (g_get_monotonic_time () < until)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (2000);
    }
}

/* A GSourceFunc that sets the gboolean @data points to and is done. */
/* @keyval pressed (no modifier) as @widget's own key controllers see it;
 * TRUE when one of them handled it. */
static inline gboolean
press_widget_key (GtkWidget *widget,
                  guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, (GdkModifierType) 0,
                               &handled);
    }
  iterate_main_context (20);
  return handled;
}

static inline gboolean
flag_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets windows lay out and handle what is pending for @milliseconds,
 * sleeping in the main loop when nothing is. */
static inline void
settle (guint milliseconds)
{
  gboolean done = FALSE;

  g_timeout_add (milliseconds, flag_timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Lets a toast that waits for the one shown (see _gloss_window_add_toast)
 * show, for up to 3 s. */
static inline void
wait_for_toast (GlossWindow *window)
{
  gint64 until = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;

  while (_gloss_window_toast_pending (window) && g_get_monotonic_time () < until)
    settle (20);
  g_assert_false (_gloss_window_toast_pending (window));
}

/* The first widget of @type in the tree under @widget (itself included),
 * or NULL. */
static inline GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The check button under @widget whose label shows @shown, or NULL. */
static inline GtkWidget *
find_check_showing (GtkWidget  *widget,
                    const char *shown)
{
  if (GTK_IS_CHECK_BUTTON (widget))
    {
      GtkWidget *label = find_descendant (widget, GTK_TYPE_LABEL);

      if (label != NULL && strstr (gtk_label_get_text (GTK_LABEL (label)), shown) != NULL)
        return widget;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_check_showing (child, shown);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Creates a project file at @path with @n_documents documents, named
 * @names and holding @texts. */
static inline void
create_project_file (const char         *path,
                     const char * const *names,
                     const char * const *texts,
                     guint               n_documents)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = gloss_project_create (path, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < n_documents; i++)
    {
      gloss_project_add_document (project, names[i], texts[i], -1, NULL, &error);
      g_assert_no_error (error);
    }
}

/* A new window (a reference for the caller) on the project file at @path,
 * for the annotator "tester", showing @document; not presented yet. */
static inline GlossWindow *
open_project_window (const char *path,
                     const char *document)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GlossWindow *window;

  g_setenv ("GLOSS_ANNOTATOR", "tester", TRUE);
  {
    /* what a test annotates is what it says: no suggester runs behind it
     * (test-suggest-ui turns them on where it means to) */
    g_autoptr(GSettings) settings = g_settings_new ("io.github.glossapp.Gloss");

    g_settings_set_boolean (settings, "suggest-automatically", FALSE);
  }
  window = g_object_ref (gloss_window_new (NULL));
  g_assert_true (gloss_window_open_file (window, file, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_window_select_document (window, document));
  return window;
}

static inline void
painted_cb (GdkFrameClock *clock,
            gpointer       data)
{
  *(gboolean *) data = TRUE;
}

/* Until @widget's window has painted a frame (at most 2 s): what a
 * resize, a style change or a new page queued is laid out by then, so a
 * snapshot meets no widget without an allocation (GTK warns of that, and
 * a warning fails a test; a loaded machine made it happen). */
static inline void
wait_for_paint (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gint64 until = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  gboolean painted = FALSE;
  gulong id;

  if (clock == NULL)
    return;
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (painted_cb), &painted);
  gtk_widget_queue_draw (widget);
  while (!painted && g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_signal_handler_disconnect (clock, id);
}

/* Renders @widget (shown, in a realized window) to
 * $GLOSS_BUILD_DIR/tests/artifacts/@name, a test artifact; nothing without
 * GLOSS_BUILD_DIR. */
static inline void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  const char *build = g_getenv ("GLOSS_BUILD_DIR");
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  int width, height;

  if (build == NULL)
    return;
  dir = g_build_filename (build, "tests", "artifacts", NULL);
  g_mkdir_with_parents (dir, 0755);
  path = g_build_filename (dir, name, NULL);

  wait_for_paint (widget);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  renderer = gtk_native_get_renderer (GTK_NATIVE (widget));
  if (node == NULL || renderer == NULL)
    return;
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}
