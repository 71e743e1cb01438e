/* gloss-window.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-annotation-list.h"
#include "gloss-annotation-panel.h"
#include "gloss-annotation.h"
#include "gloss-application-private.h"
#include "gloss-claims-panel.h"
#include "gloss-command.h"
#include "gloss-curation-view.h"
#include "gloss-document-row.h"
#include "gloss-document-sidebar.h"
#include "gloss-document-view.h"
#include "gloss-document.h"
#include "gloss-import-dialog.h"
#include "gloss-inspector.h"
#include "gloss-label-palette.h"
#include "gloss-preferences-window.h"
#include "gloss-project.h"
#include "gloss-window-bulk-private.h"
#include "gloss-window-private.h"
#include "gloss-window-teams-private.h"
#include "gloss-window.h"

/* Frames to wait, once the window shows what it will show, before the
 * GLOSS_SCREENSHOT hook renders it: lets layout and the chips settle. */
#define SCREENSHOT_SETTLE_FRAMES 6
/* How long a message's toast stays, in seconds (libadwaita's default). */
#define MESSAGE_TIMEOUT_S 5
/* How often the window looks for what other programs committed to the
 * project (one PRAGMA when nothing was). */
#define REFRESH_SECONDS 2
/* How long a write of the window waits for another program's write lock
 * before it waits off the main loop (edits) or fails saying so. */
#define WINDOW_LOCK_TIMEOUT_MS 20
/* Below this window width the document list folds away: it is shown over
 * the text on demand (F9, the header bar's button). */
#define FOLD_WIDTH 1100
/* The reading measure: the text column holds about this many characters
 * of the view's font at most; the rest of a wide window goes to the
 * panels, then to the margins beside the text. */
#define MEASURE_CHARS 80
/* The right panel widens into spare width up to this, never narrower
 * than the user dragged it. */
#define RIGHT_PANE_MAX_AUTO_WIDTH 560

G_DEFINE_FINAL_TYPE (GlossWindow, gloss_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_SHOW_SIDEBAR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- helpers ----------------------------------------------------------- */

static void
update_titles (GlossWindow *self)
{
  g_autofree char *title = NULL;

  g_autofree char *window_title = NULL;

  if (self->project != NULL)
    title = gloss_project_dup_title (self->project);

  /* Translators: the window title, "document — project" */
  if (self->document != NULL && title != NULL)
    window_title = g_strdup_printf (_("%s — %s"), gloss_document_get_name (self->document),
                                    title);

  adw_window_title_set_title (self->window_title, title != NULL ? title : _("Gloss"));
  adw_window_title_set_subtitle (self->window_title,
                                 self->document != NULL
                                   ? gloss_document_get_name (self->document)
                                   : NULL);
  gtk_window_set_title (GTK_WINDOW (self), window_title != NULL ? window_title
                                           : title != NULL      ? title
                                                                : _("Gloss"));
}

/* The view's hint (what a link or a frame in progress waits for) stays under the
 * text for as long as it holds; messages are toasts. */
static void
view_hint_changed_cb (GlossWindow *self)
{
  const char *hint = gloss_document_view_get_hint (self->view);

  if (hint != NULL)
    gtk_label_set_label (self->hint_label, hint);
  gtk_revealer_set_reveal_child (self->hint_revealer, hint != NULL);
}

/* libadwaita 1.2 leaves the toast's close button unnamed for screen
 * readers: the toasts are the overlay's children after its content. */
static void
name_toast_buttons (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && gtk_button_get_label (GTK_BUTTON (child)) == NULL)
        {
          gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("Dismiss"), -1);
          gtk_widget_set_tooltip_text (child, _("Dismiss"));
        }
      name_toast_buttons (child);
    }
}

static void
show_toast (GlossWindow *self,
            const char  *text,
            guint        timeout)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);
  AdwToast        *toast = adw_toast_new (markup);

  adw_toast_set_timeout (toast, timeout);
  _gloss_window_add_toast (self, toast);
}

static gboolean
is_open_document (GlossWindow   *self,
                  GlossDocument *document)
{
  return document != NULL && self->document != NULL &&
         g_strcmp0 (gloss_document_get_uuid (document),
                    gloss_document_get_uuid (self->document)) == 0;
}

/* The curation progress of the visible rows (the list view's rows are its
 * only descendants of that type): the open document's, or with @all every
 * row's; their count and status follow the document itself. */
static void
refresh_document_rows (GlossWindow *self,
                       GtkWidget   *widget,
                       gboolean     all)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GLOSS_IS_DOCUMENT_ROW (child))
        {
          GlossDocumentRow *row = GLOSS_DOCUMENT_ROW (child);

          if (all || is_open_document (self, gloss_document_row_get_document (row)))
            _gloss_window_teams_update_row (self, row, gloss_document_row_get_document (row));
        }
      else
        refresh_document_rows (self, child, all);
    }
}

void
_gloss_window_refresh_document_rows (GlossWindow *self)
{
  refresh_document_rows (self, GTK_WIDGET (self->document_sidebar), TRUE);
}

/* The visible rows show the status of the project's annotator. */
static void
set_rows_annotator (GtkWidget  *widget,
                    const char *annotator)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GLOSS_IS_DOCUMENT_ROW (child))
      gloss_document_row_set_annotator (GLOSS_DOCUMENT_ROW (child), annotator);
    else
      set_rows_annotator (child, annotator);
}

static void
status_changed_cb (GlossWindow *self)
{
  if (self->annotations != NULL && gtk_toggle_button_get_active (self->curate_button))
    refresh_document_rows (self, GTK_WIDGET (self->document_sidebar), FALSE);
}

static void
update_annotation_count (GlossWindow *self)
{
  const char      *page;
  guint n = 0;
  g_autofree char *text = NULL;

  if (self->annotations != NULL)
    n = g_list_model_get_n_items (G_LIST_MODEL (self->annotations));

  /* The count follows the page shown: annotations, claims or pending
   * suggestions. The suggestions' list takes the inspector's room: a
   * suggestion is no annotation to inspect. */
  page = gtk_stack_get_visible_child_name (self->side_stack);
  if (g_strcmp0 (page, "claims") == 0)
    n = g_list_model_get_n_items (gloss_claims_panel_get_claims (self->claims_panel));
  else if (g_strcmp0 (page, "suggestions") == 0)
    n = gloss_suggestions_panel_get_n_rows (self->suggestions_panel);
  gtk_widget_set_visible (GTK_WIDGET (self->inspector), g_strcmp0 (page, "suggestions") != 0);

  text = g_strdup_printf ("%u", n);
  gtk_label_set_label (self->annotation_count_label, self->annotations != NULL ? text : "");
}

/* ---- recent projects --------------------------------------------------- */

#define MAX_RECENT_ITEMS 10

static void
update_recent_menu (GlossWindow *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-projects");
  guint n = 0;

  g_menu_remove_all (self->recent_menu);
  for (guint i = 0; recent[i] != NULL && n < MAX_RECENT_ITEMS; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (recent[i]);
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *name = NULL;

      if (!g_file_query_exists (file, NULL))
        continue;

      name = g_file_get_basename (file);
      item = g_menu_item_new (name, NULL);
      g_menu_item_set_action_and_target_value (item, "app.open-recent",
                                               g_variant_new_string (recent[i]));
      g_menu_append_item (self->recent_menu, item);
      n++;
    }

  if (n == 0)
    g_menu_append (self->recent_menu, _("No Recent Projects"), "win.no-recent");
}

/* The project's annotator: GLOSS_ANNOTATOR (this run only), the setting,
 * or else the login name, as imports use: without a name set ("Later" in
 * the welcome dialog) edits are still recorded, never refused. The
 * visible rows show that annotator's status. */
static void
set_project_annotator (GlossWindow *self)
{
  g_autofree char *name = gloss_preferences_dup_annotator (self->settings, NULL);

  if (self->project != NULL)
    {
      gloss_project_set_annotator (self->project, name);
      if (self->document_sidebar != NULL)
        set_rows_annotator (GTK_WIDGET (self->document_sidebar), name);
    }
}

static void
apply_annotator (GlossWindow *self)
{
  set_project_annotator (self);
  if (self->document_sidebar != NULL)
    gloss_document_sidebar_refresh_status_filter (self->document_sidebar);
}

static void
document_status_changed_cb (GlossWindow *self)
{
  gloss_document_sidebar_statuses_changed (self->document_sidebar);
}

static void
find_changed_cb (GlossWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->find_entry));
  guint n = gloss_document_view_set_search (self->view, text);
  g_autofree char *count = NULL;

  if (text != NULL && *text != '\0')
    count = n == 0 ? g_strdup (_("No matches"))
                   : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u match", "%u matches", n),
                                      n);
  gtk_label_set_label (self->find_count_label, count != NULL ? count : "");
}

/* The open document as text, or in the curation view (the Curate button). */
static void
show_document_page (GlossWindow *self)
{
  gboolean curate = gtk_toggle_button_get_active (self->curate_button);

  gtk_widget_set_sensitive (GTK_WIDGET (self->curate_button), self->annotations != NULL);
  if (self->annotations == NULL)
    gtk_stack_set_visible_child_name (self->document_stack, "none");
  else
    gtk_stack_set_visible_child_name (self->document_stack, curate ? "curation" : "document");
}

static void
close_document (GlossWindow *self)
{
  if (self->annotations != NULL)
    g_signal_handlers_disconnect_by_data (self->annotations, self);

  gloss_document_view_set_document (self->view, NULL, NULL);
  gloss_annotation_panel_set_annotation_list (self->annotation_panel, NULL);
  gloss_inspector_set_annotation_list (self->inspector, NULL);
  gloss_claims_panel_set_annotation_list (self->claims_panel, NULL);
  gloss_label_palette_set_annotation_list (self->palette, NULL);
  gloss_curation_view_set_annotation_list (self->curation_view, NULL, NULL);
  g_clear_object (&self->annotations);
  g_clear_object (&self->document);

  show_document_page (self);
  _gloss_window_update_undo_actions (self);
  update_annotation_count (self);
  _gloss_window_update_annotation_actions (self);
  update_titles (self);
}

/* The bar across the top says what holds for the whole project: that it
 * is read-only, and why. */
static void
update_banner (GlossWindow *self)
{
  GlossStore *store = self->project != NULL ? gloss_project_get_store (self->project) : NULL;
  const char *reason = store != NULL ? gloss_store_get_read_only_reason (store) : NULL;
  guint n_skipped = store != NULL ? gloss_store_get_n_skipped (store) : 0;
  g_autoptr(GString) text = g_string_new (NULL);

  if (reason != NULL)
    {
      g_autofree char *title = gloss_project_dup_title (self->project);

      g_string_append_printf (text, _("“%s” is read-only: %s. You can read, search and export "
                                      "it; edits are not saved."), title, reason);
    }
  if (self->annotations != NULL && gloss_annotation_list_get_n_waiting (self->annotations) > 0)
    {
      guint n = gloss_annotation_list_get_n_waiting (self->annotations);

      g_string_append_printf (text, ngettext ("Waiting for another program that is writing to "
                                              "this project: %u edit will be saved as soon as it "
                                              "has finished.",
                                              "Waiting for another program that is writing to "
                                              "this project: %u edits will be saved, in order, as "
                                              "soon as it has finished.", n), n);
    }
  if (n_skipped > 0)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append_printf (text, ngettext ("%u damaged row of this project is left out (it "
                                              "stays in the file); “gloss-cli validate” lists "
                                              "the damage.",
                                              "%u damaged rows of this project are left out "
                                              "(they stay in the file); “gloss-cli validate” "
                                              "lists the damage.", n_skipped), n_skipped);
    }
  if (text->len > 0)
    gtk_label_set_label (self->banner_label, text->str);
  gtk_revealer_set_reveal_child (self->banner_revealer, text->len > 0);
}

static void
waiting_failed_cb (GlossWindow  *self,
                   GlossCommand *command,
                   GError       *error)
{
  gloss_window_show_error (self, _("An edit that waited for another program was not saved"),
                           error);
}

/* Follows what other programs (and this one's worker threads) committed:
 * new documents, the open document's annotations, the schema. */
static void
refresh_project (GlossWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->project == NULL || _gloss_window_bulk_is_running (self))
    return;
  if (!gloss_project_refresh (self->project, NULL, &error))
    _gloss_window_show_problem (self, error->message);
  update_banner (self);
}

static gboolean
refresh_cb (gpointer user_data)
{
  refresh_project (user_data);
  return G_SOURCE_CONTINUE;
}

static void
active_changed_cb (GlossWindow *self)
{
  if (gtk_window_is_active (GTK_WINDOW (self)))
    refresh_project (self);
}

/* A project just set: look for other programs' commits every few seconds
 * and whenever the window is brought back; say when it is read-only, and
 * when opening it upgraded the file. */
static void
follow_project (GlossWindow *self)
{
  GlossStore *store;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  update_banner (self);
  if (self->project == NULL)
    return;
  /* a damaged row does not keep the rest of its document from opening */
  gloss_store_set_skip_damaged (gloss_project_get_store (self->project), TRUE);
  /* another program's write lock never holds the main loop: edits wait
   * (see open_document()), other writes say that the project is busy */
  gloss_store_set_lock_timeout (gloss_project_get_store (self->project), WINDOW_LOCK_TIMEOUT_MS);
  self->refresh_id = g_timeout_add_seconds (REFRESH_SECONDS, refresh_cb, self);
  store = gloss_project_get_store (self->project);
  if (gloss_store_get_backup_path (store) != NULL)
    {
      g_autofree char *backup = g_filename_display_basename (gloss_store_get_backup_path (store));
      g_autofree char *text = g_strdup_printf (_("The project was upgraded to this version of "
                                                 "Gloss; the older file is kept as “%s”"), backup);

      /* it names the file kept: until dismissed */
      show_toast (self, text, 0);
    }
}

static gboolean
open_document (GlossWindow   *self,
               GlossDocument *document)
{
  g_autoptr(GlossAnnotationList) annotations = NULL;
  g_autoptr(GError) error = NULL;

  if (document == self->document)
    return TRUE;

  /* A damaged text never reaches the view's buffer. */
  if (gloss_document_load_text (document, &error))
    annotations = gloss_project_dup_annotation_list (self->project, document, &error);
  if (annotations == NULL)
    {
      g_autofree char *primary = g_strdup_printf (_("Could not open “%s”"),
                                                  gloss_document_get_name (document));

      gloss_window_show_error (self, primary, error);
      return FALSE;
    }

  close_document (self);

  self->document = g_object_ref (document);
  self->annotations = g_steal_pointer (&annotations);

  g_signal_connect_object (self->annotations, "status-changed",
                           G_CALLBACK (status_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->annotations, "status-changed",
                           G_CALLBACK (document_status_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->annotations, "items-changed",
                           G_CALLBACK (status_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->annotations, "notify::can-undo",
                           G_CALLBACK (_gloss_window_update_undo_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->annotations, "notify::can-redo",
                           G_CALLBACK (_gloss_window_update_undo_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->annotations, "items-changed",
                           G_CALLBACK (update_annotation_count), self, G_CONNECT_SWAPPED);
  gloss_annotation_list_set_wait_when_busy (self->annotations, TRUE);
  g_signal_connect_object (self->annotations, "notify::n-waiting", G_CALLBACK (update_banner),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->annotations, "waiting-failed", G_CALLBACK (waiting_failed_cb),
                           self, G_CONNECT_SWAPPED);

  gloss_document_view_set_document (self->view, self->document, self->annotations);
  gloss_annotation_panel_set_annotation_list (self->annotation_panel, self->annotations);
  gloss_label_palette_set_annotation_list (self->palette, self->annotations);
  gloss_claims_panel_set_annotation_list (self->claims_panel, self->annotations);
  gloss_inspector_set_annotation_list (self->inspector, self->annotations);
  gloss_curation_view_set_annotation_list (self->curation_view, self->project, self->annotations);
  show_document_page (self);

  g_settings_set_string (self->settings, "last-document", gloss_document_get_uuid (document));

  update_banner (self);
  _gloss_window_update_undo_actions (self);
  update_annotation_count (self);
  _gloss_window_update_annotation_actions (self);
  update_titles (self);
  if (gtk_search_bar_get_search_mode (self->find_bar))
    find_changed_cb (self);

  /* Keyboard first: the text takes the focus, unless the user is in the
   * document list or its search entry (arrowing through the list). */
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
    GtkWidget *sidebar = GTK_WIDGET (self->document_sidebar);

    if (focus == NULL || !gtk_widget_is_ancestor (focus, sidebar))
      _gloss_window_focus_document (self);
  }

  self->screenshot_frames = 0;
  _gloss_window_suggest_document_opened (self);

  return TRUE;
}

/* Position of @document in the filtered list, by identity or by name. */
static gboolean
find_document_position (GlossWindow *self,
                        const char  *name,
                        const char  *uuid,
                        guint       *position)
{
  GListModel *model = gloss_document_sidebar_get_documents (self->document_sidebar);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossDocument) document = g_list_model_get_item (model, i);

      if ((name != NULL && g_strcmp0 (gloss_document_get_name (document), name) == 0) ||
          (uuid != NULL && g_strcmp0 (gloss_document_get_uuid (document), uuid) == 0))
        {
          *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

void
_gloss_window_select_position (GlossWindow *self,
                               guint        position)
{
  gloss_document_sidebar_select_position (self->document_sidebar, position);
}

/* The main menu is built when first opened: a GtkPopoverMenu of a dozen
 * items costs a few milliseconds of the window's start. */
static void
create_menu_popup (GtkMenuButton *button,
                   gpointer       user_data)
{
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (user_data));
}

/* ---- screenshot hook (GLOSS_SCREENSHOT=/path.png) ----------------------- */

static void
take_screenshot (GlossWindow *self,
                 const char  *path)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  renderer = gtk_native_get_renderer (GTK_NATIVE (self));

  if (node == NULL || renderer == NULL)
    {
      g_warning ("Could not render the window for the screenshot");
      return;
    }

  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    g_warning ("Could not save the screenshot to %s", path);
  else
    g_message ("Saved a screenshot to %s", path);
}

static gboolean
screenshot_tick_cb (GtkWidget     *widget,
                    GdkFrameClock *frame_clock,
                    gpointer       user_data)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  const char *path = g_getenv ("GLOSS_SCREENSHOT");

  /* Wait for the document when one is on its way (a project is open). */
  if (self->project != NULL && self->document == NULL && self->screenshot_frames < 120)
    {
      self->screenshot_frames++;
      return G_SOURCE_CONTINUE;
    }

  if (++self->screenshot_frames < SCREENSHOT_SETTLE_FRAMES)
    return G_SOURCE_CONTINUE;

  self->screenshot_tick_id = 0;
  take_screenshot (self, path);

  if (g_getenv ("GLOSS_SCREENSHOT_QUIT") != NULL)
    {
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

      if (app != NULL)
        g_application_quit (G_APPLICATION (app));
    }

  return G_SOURCE_REMOVE;
}

/* ---- callbacks --------------------------------------------------------- */

/* A row selected in the document list opens its document. */
static void
document_selected_cb (GlossWindow   *self,
                      GlossDocument *document)
{
  open_document (self, document);
}

/* The curation progress of a row the document list shows. */
static void
document_row_bound_cb (GlossWindow      *self,
                       GlossDocumentRow *row,
                       GlossDocument    *document)
{
  _gloss_window_teams_update_row (self, row, document);
}

/* The right-hand panels: the palette applies a label, the claims panel and
 * the inspector reveal an annotation, the view's selection drives the
 * inspector. */
static void
palette_label_activated_cb (GlossWindow *self,
                            const char  *label)
{
  if (self->annotations == NULL)
    return;

  gloss_document_view_annotate (self->view, label);
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static void
panel_annotation_activated_cb (GlossWindow *self,
                               const char  *uuid)
{
  GlossAnnotation *annotation;

  if (self->annotations == NULL)
    return;

  annotation = gloss_annotation_list_lookup (self->annotations, uuid);
  if (annotation != NULL)
    gloss_document_view_reveal_annotation (self->view, annotation);
}

static void
selected_annotation_changed_cb (GlossWindow *self)
{
  GlossAnnotation *annotation = gloss_document_view_get_selected_annotation (self->view);
  const char *uuid = annotation != NULL ? gloss_annotation_get_uuid (annotation) : NULL;

  gloss_inspector_set_annotation (self->inspector, uuid);
  gloss_claims_panel_select_annotation (self->claims_panel, uuid);
  gloss_annotation_panel_select_annotation (self->annotation_panel, uuid);
}

/* The right panel keeps the width the user dragged it to when the window
 * is resized, and takes the width the text column leaves beyond its
 * reading measure, up to RIGHT_PANE_MAX_AUTO_WIDTH: its rows stop
 * truncating while the text keeps its measure. "max-position" changes
 * with every new width of the paned, so it tells when to apply it. */
#define PANED_HANDLE_WIDTH 1

static void
sync_right_pane (GlossWindow *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->inner_paned));
  int spare, target;

  if (width <= 0)
    return;

  spare = width - self->measure_width - PANED_HANDLE_WIDTH;
  target = MAX (self->right_pane_width, MIN (spare, RIGHT_PANE_MAX_AUTO_WIDTH));

  /* the paned keeps the panel at its minimum width itself */
  self->syncing_right_pane = TRUE;
  gtk_paned_set_position (self->inner_paned, MAX (width - target - PANED_HANDLE_WIDTH, 0));
  self->syncing_right_pane = FALSE;
}

/* Only the user's drag (or the handle moved by keys) sets the width to
 * keep: the paned moves the handle itself when it enforces its children's
 * minimum widths. */
static gboolean
pointer_button_down (GtkWidget *widget)
{
  GdkSeat *seat = gdk_display_get_default_seat (gtk_widget_get_display (widget));
  GdkDevice *pointer = seat != NULL ? gdk_seat_get_pointer (seat) : NULL;

  return pointer != NULL && (gdk_device_get_modifier_state (pointer) & GDK_BUTTON1_MASK) != 0;
}

static void
inner_paned_position_cb (GlossWindow *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->inner_paned));

  if (self->syncing_right_pane || width <= 0 ||
      !gtk_widget_get_mapped (GTK_WIDGET (self->inner_paned)))
    return;
  if (!self->moving_right_pane && !pointer_button_down (GTK_WIDGET (self->inner_paned)))
    return;

  self->right_pane_width = width - gtk_paned_get_position (self->inner_paned) - PANED_HANDLE_WIDTH;
}

static gboolean
inner_paned_move_handle_cb (GlossWindow *self)
{
  self->moving_right_pane = TRUE;
  return FALSE;
}

static gboolean
inner_paned_moved_handle_cb (GlossWindow *self)
{
  self->moving_right_pane = FALSE;
  return FALSE;
}

/* The reading measure: MEASURE_CHARS of the view's font (the approximate
 * width of a character, from the font's metrics in the view's context, so
 * at the display's resolution) and the view's margins. The text view
 * stays the scrolled window's scrollable child, its lines virtualised:
 * the clamp passes the adjustments through. */
static void
update_reading_measure (GlossWindow *self)
{
  GtkTextView *text_view = GTK_TEXT_VIEW (self->view);
  g_autofree char *font = NULL;
  PangoFontDescription *description;
  PangoFont *pango_font;
  double char_width = 8;
  int width;

  g_object_get (self->view, "font", &font, NULL);
  description = pango_font_description_from_string (font != NULL ? font : "Serif 12");
  pango_font = pango_context_load_font (gtk_widget_get_pango_context (GTK_WIDGET (self->view)),
                                        description);
  if (pango_font != NULL)
    {
      PangoFontMetrics *metrics = pango_font_get_metrics (pango_font, NULL);

      if (pango_font_metrics_get_approximate_char_width (metrics) > 0)
        char_width = (double) pango_font_metrics_get_approximate_char_width (metrics) / PANGO_SCALE;
      pango_font_metrics_unref (metrics);
      g_object_unref (pango_font);
    }
  pango_font_description_free (description);

  width = (int) (char_width * MEASURE_CHARS + 0.5) + gtk_text_view_get_left_margin (text_view) +
          gtk_text_view_get_right_margin (text_view);
  if (width == self->measure_width)
    return;

  self->measure_width = width;
  /* no tightening: the text takes all it is given up to the measure */
  adw_clamp_scrollable_set_maximum_size (self->view_clamp, width);
  adw_clamp_scrollable_set_tightening_threshold (self->view_clamp, width);
  sync_right_pane (self);
}

/* ---- the document list: folded below FOLD_WIDTH ------------------------- */

static gboolean
apply_fold_cb (gpointer user_data)
{
  GlossWindow *self = user_data;
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  self->fold_idle_id = 0;
  if (width > 0)
    adw_flap_set_fold_policy (self->flap, width < FOLD_WIDTH ? ADW_FLAP_FOLD_POLICY_ALWAYS
                                                             : ADW_FLAP_FOLD_POLICY_NEVER);
  return G_SOURCE_REMOVE;
}

static gboolean
sidebar_has_focus (GlossWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  return focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->document_sidebar));
}

/* Shown over the text, the list takes the keyboard; hidden, it gives it
 * back to the text. */
static void
reveal_flap_cb (GlossWindow *self)
{
  gboolean revealed = adw_flap_get_reveal_flap (self->flap);

  if (revealed && adw_flap_get_folded (self->flap) && !sidebar_has_focus (self))
    gtk_widget_grab_focus (GTK_WIDGET (self->document_sidebar));
  else if (!revealed && sidebar_has_focus (self) && self->annotations != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->view));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_SIDEBAR]);
}

/* The keyboard going to the folded list (Ctrl+K) shows it; leaving it
 * (Tab, a click in the text) hides it. */
static void
focus_widget_cb (GlossWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus == NULL || !adw_flap_get_folded (self->flap) ||
      gtk_stack_get_visible_child (self->main_stack) == NULL ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "project") != 0)
    return;

  adw_flap_set_reveal_flap (self->flap, sidebar_has_focus (self));
}

/* A document picked in the list shown over the text: the list makes way. */
static void
document_activated_cb (GlossWindow *self)
{
  if (!adw_flap_get_folded (self->flap))
    return;

  adw_flap_set_reveal_flap (self->flap, FALSE);
  if (self->annotations != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static void
save_window_state (GlossWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  if (self->project != NULL)
    g_settings_set_int (self->settings, "right-pane-position", self->right_pane_width);
  g_settings_apply (self->settings);
}

/* ---- the find bar, the inspector, the project's schema, drops ------- */

static gboolean
inspector_escape_cb (GtkWidget *widget,
                     GVariant  *args,
                     gpointer   user_data)
{
  GlossWindow *self = user_data;

  return self->annotations != NULL && gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

/* Enter can come before the entry's delayed "search-changed". */
static void
sync_find (GlossWindow *self)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->find_entry)),
                 gloss_document_view_get_search (self->view)) != 0)
    find_changed_cb (self);
}

static void
find_activate_cb (GlossWindow *self)
{
  sync_find (self);
  gloss_document_view_find_next (self->view, 1);
}

static void
find_previous_cb (GlossWindow *self)
{
  sync_find (self);
  gloss_document_view_find_next (self->view, -1);
}

static gboolean
find_key_pressed_cb (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     GlossWindow           *self)
{
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter) && (state & GDK_SHIFT_MASK))
    {
      find_previous_cb (self);
      return TRUE;
    }

  return FALSE;
}

static void
find_mode_changed_cb (GlossWindow *self)
{
  if (gtk_search_bar_get_search_mode (self->find_bar))
    {
      find_changed_cb (self);
      return;
    }

  gloss_document_view_set_search (self->view, NULL);
  gtk_label_set_label (self->find_count_label, "");
  if (self->annotations != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static void
view_message_cb (GlossWindow *self,
                 const char  *message)
{
  gloss_window_show_message (self, message);
}

/* An import can replace the project's schema object (when the new labels
 * could not be merged into it): the palette follows, and the open document
 * is opened again so that its annotation list, the view and the panels
 * take the new schema. */
static void
project_schema_changed_cb (GlossWindow *self)
{
  g_autoptr(GlossDocument) document = NULL;

  if (self->project == NULL)
    return;

  gloss_label_palette_set_schema (self->palette, gloss_project_get_schema (self->project));
  if (self->document == NULL)
    return;

  document = g_object_ref (self->document);
  close_document (self);
  open_document (self, document);
}

/* Dropping one .gloss file opens that project; dropping anything else
 * opens the import dialog with the files and folders listed. */
static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         GlossWindow   *self)
{
  g_autoptr(GSList) files = NULL;
  GtkWidget *dialog;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  if (files == NULL)
    return FALSE;

  if (files->next == NULL)
    {
      g_autofree char *name = g_file_get_basename (files->data);
      g_autofree char *lower = name != NULL ? g_ascii_strdown (name, -1) : NULL;

      if (lower != NULL && g_str_has_suffix (lower, ".gloss"))
        {
          g_autoptr(GError) error = NULL;

          if (!gloss_window_open_file (self, files->data, &error))
            {
              g_autofree char *primary = g_strdup_printf (_("Could not open “%s”"), name);

              gloss_window_show_error (self, primary, error);
              return FALSE;
            }
          gloss_window_restore_document (self);
          return TRUE;
        }
    }

  if (self->project == NULL)
    {
      gloss_window_show_message (self, _("Open or create a project to import files into"));
      return FALSE;
    }

  dialog = gloss_import_dialog_new (GTK_WINDOW (self), self->project);
  for (GSList *l = files; l != NULL; l = l->next)
    gloss_import_dialog_add_file (GLOSS_IMPORT_DIALOG (dialog), l->data);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

void
_gloss_window_focus_document (GlossWindow *self)
{
  if (gtk_toggle_button_get_active (self->curate_button))
    gtk_widget_grab_focus (GTK_WIDGET (self->curation_view));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static void
curate_toggled_cb (GlossWindow *self)
{
  show_document_page (self);
  _gloss_window_update_undo_actions (self);
  if (self->annotations == NULL)
    return;
  _gloss_window_focus_document (self);
}

/* The curation queue decides a unit of another document: open it. */
static void
curation_open_cb (GlossWindow *self,
                  const char  *name)
{
  gboolean curate = gtk_toggle_button_get_active (self->curate_button);

  gloss_window_select_document (self, name);
  /* the list keeps the keys */
  if (curate && !gtk_toggle_button_get_active (self->curate_button))
    gtk_toggle_button_set_active (self->curate_button, TRUE);
}

/* Alt+A in the queue: one step of the whole project, undone like an import. */
static void
curation_changes_cb (GlossWindow    *self,
                     GlossChangeSet *changes,
                     const char     *message)
{
  _gloss_window_bulk_take_changes (self, changes);
  _gloss_window_bulk_show_changes_toast (self, changes, message);
}

/* E in the curation view: back to the text, with the annotation selected. */
static void
curation_edit_cb (GlossWindow *self,
                  const char  *uuid)
{
  GlossAnnotation *annotation;

  if (self->annotations == NULL)
    return;

  gtk_toggle_button_set_active (self->curate_button, FALSE);
  annotation = gloss_annotation_list_lookup (self->annotations, uuid);
  if (annotation != NULL)
    gloss_document_view_reveal_annotation (self->view, annotation);
}

/* ---- vfuncs ------------------------------------------------------------ */

static gboolean
gloss_window_close_request (GtkWindow *window)
{
  save_window_state (GLOSS_WINDOW (window));

  return GTK_WINDOW_CLASS (gloss_window_parent_class)->close_request (window);
}

/* GTK 4.8's GtkShortcutsWindow leaves its search entry, its sections menu
 * button and its icon-only buttons unnamed for screen readers. */
static void
name_help_overlay_controls (GtkWidget *widget)
{
  const char *name = NULL;

  if (GTK_IS_SEARCH_ENTRY (widget))
    name = _("Search shortcuts");
  else if (GTK_IS_MENU_BUTTON (widget))
    name = _("Shortcut sections");
  else if (GTK_IS_BUTTON (widget) && GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (widget))))
    name = _("Close");
  else if (GTK_IS_TOGGLE_BUTTON (widget) && GTK_IS_MENU_BUTTON (gtk_widget_get_parent (widget)))
    name = _("Shortcut sections");

  if (name != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                    -1);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_help_overlay_controls (child);
}

/* The width of the monitor @self opens on, 0 when none is known. */
static int
monitor_width (GlossWindow *self)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (self));
  GdkMonitor *monitor = NULL;
  g_autoptr (GdkMonitor) first = NULL;
  GdkRectangle geometry;

  if (surface != NULL)
    monitor = gdk_display_get_monitor_at_surface (display, surface);
  if (monitor == NULL)
    {
      first = g_list_model_get_item (gdk_display_get_monitors (display), 0);
      monitor = first;
    }
  if (monitor == NULL)
    return 0;

  gdk_monitor_get_geometry (monitor, &geometry);
  return geometry.width;
}

/* The document list folds from the first frame when the window opens
 * narrow, or on a screen narrower than the window was: unfolded, its
 * minimum width would make the window wider than the screen, with its
 * right edge (and the close button) beyond it. GTK shrinks the default
 * size to the screen, but never below the minimum width. */
static void
gloss_window_realize (GtkWidget *widget)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  int width, height, screen_width;

  GTK_WIDGET_CLASS (gloss_window_parent_class)->realize (widget);

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  screen_width = monitor_width (self);
  if (screen_width > 0 && (width <= 0 || width > screen_width))
    width = screen_width;
  if (width > 0 && !gtk_window_is_maximized (GTK_WINDOW (self)))
    adw_flap_set_fold_policy (self->flap, width < FOLD_WIDTH ? ADW_FLAP_FOLD_POLICY_ALWAYS
                                                             : ADW_FLAP_FOLD_POLICY_NEVER);
}

static void
gloss_window_map (GtkWidget *widget)
{
  GlossWindow *self = GLOSS_WINDOW (widget);

  GTK_WIDGET_CLASS (gloss_window_parent_class)->map (widget);

  {
    GtkShortcutsWindow *overlay =
      gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self));

    if (overlay != NULL && g_object_get_data (G_OBJECT (overlay), "gloss-named") == NULL)
      {
        g_object_set_data (G_OBJECT (overlay), "gloss-named", GINT_TO_POINTER (TRUE));
        name_help_overlay_controls (GTK_WIDGET (overlay));
        if (gtk_window_get_titlebar (GTK_WINDOW (overlay)) != NULL)
          name_help_overlay_controls (gtk_window_get_titlebar (GTK_WINDOW (overlay)));
      }
  }

  if (g_getenv ("GLOSS_SCREENSHOT") != NULL && self->screenshot_tick_id == 0)
    self->screenshot_tick_id = gtk_widget_add_tick_callback (widget, screenshot_tick_cb,
                                                             NULL, NULL);
}

/* libadwaita 1.2 has no breakpoints: the fold follows the window's
 * width, applied after this allocation (changing it here would lay the
 * window out again inside its own layout). */
static void
gloss_window_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  AdwFlapFoldPolicy policy = width < FOLD_WIDTH ? ADW_FLAP_FOLD_POLICY_ALWAYS
                                                : ADW_FLAP_FOLD_POLICY_NEVER;

  GTK_WIDGET_CLASS (gloss_window_parent_class)->size_allocate (widget, width, height, baseline);

  if (self->flap != NULL && adw_flap_get_fold_policy (self->flap) != policy &&
      self->fold_idle_id == 0)
    self->fold_idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_fold_cb, self, NULL);
}

static void
gloss_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  GlossWindow *self = GLOSS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SHOW_SIDEBAR:
      g_value_set_boolean (value, self->flap != NULL && adw_flap_get_reveal_flap (self->flap));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  GlossWindow *self = GLOSS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SHOW_SIDEBAR:
      /* the flap's "notify::reveal-flap" notifies */
      if (self->flap != NULL)
        adw_flap_set_reveal_flap (self->flap, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_window_dispose (GObject *object)
{
  GlossWindow *self = GLOSS_WINDOW (object);

  if (self->screenshot_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->screenshot_tick_id);
      self->screenshot_tick_id = 0;
    }
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->fold_idle_id, g_source_remove);
  g_clear_handle_id (&self->pending_toast_id, g_source_remove);
  g_clear_object (&self->pending_toast);
  g_clear_weak_pointer (&self->toast);
  _gloss_window_suggest_dispose (self);

  if (self->annotations != NULL)
    g_signal_handlers_disconnect_by_data (self->annotations, self);
  g_clear_object (&self->annotations);
  g_clear_object (&self->document);

  /* The claims panel empties its list while it is disposed: the count
   * label would be gone by then. */
  if (self->claims_panel != NULL)
    g_signal_handlers_disconnect_by_data (gloss_claims_panel_get_claims (self->claims_panel),
                                          self);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_WINDOW);

  g_clear_object (&self->project);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (gloss_window_parent_class)->dispose (object);
}

static void
gloss_window_finalize (GObject *object)
{
  GlossWindow *self = GLOSS_WINDOW (object);

  _gloss_window_bulk_finalize (self);
  _gloss_window_teams_finalize (self);

  G_OBJECT_CLASS (gloss_window_parent_class)->finalize (object);
}

static void
gloss_window_class_init (GlossWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = gloss_window_dispose;
  object_class->finalize = gloss_window_finalize;
  object_class->get_property = gloss_window_get_property;
  object_class->set_property = gloss_window_set_property;
  widget_class->map = gloss_window_map;
  widget_class->realize = gloss_window_realize;
  widget_class->size_allocate = gloss_window_size_allocate;
  window_class->close_request = gloss_window_close_request;

  /* AdwApplication initialises libadwaita at startup; a window built
   * without it (the tests') does it here, once. */
  adw_init ();

  g_type_ensure (GLOSS_TYPE_ANNOTATION_PANEL);
  g_type_ensure (GLOSS_TYPE_CLAIMS_PANEL);
  g_type_ensure (GLOSS_TYPE_SUGGESTIONS_PANEL);
  g_type_ensure (GLOSS_TYPE_CURATION_VIEW);
  g_type_ensure (GLOSS_TYPE_DOCUMENT_SIDEBAR);
  g_type_ensure (GLOSS_TYPE_DOCUMENT_VIEW);
  g_type_ensure (GLOSS_TYPE_INSPECTOR);
  g_type_ensure (GLOSS_TYPE_LABEL_PALETTE);

  /* Whether the document list is shown: beside the text, or over it
   * when folded. */
  properties[PROP_SHOW_SIDEBAR] =
    g_param_spec_boolean ("show-sidebar", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/gloss-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, annotation_count_label);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, annotation_panel);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, claims_panel);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, curate_button);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, curation_view);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, inspector);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, palette);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, side_stack);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, find_bar);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, find_button);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, find_count_label);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, find_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, hint_label);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, hint_revealer);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, document_sidebar);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, document_stack);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, inner_paned);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, recent_menu);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, view);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, view_clamp);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, view_scroller);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, suggestions_panel);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, window_title);

  /* F9 shows and hides the document list at every width (GNOME's key
   * for a sidebar). */
  gtk_widget_class_install_property_action (widget_class, "win.show-sidebar", "show-sidebar");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.show-sidebar", NULL);

  _gloss_window_actions_class_init (widget_class);
  _gloss_window_suggest_class_init (widget_class);
}

static void
gloss_window_init (GlossWindow *self)
{
  GtkEventController *inspector_keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  _gloss_window_bulk_init (self);

  gtk_menu_button_set_create_popup_func (self->primary_menu_button, create_menu_popup,
                                         self->primary_menu, NULL);

  self->settings = g_settings_new (APP_ID);
  _gloss_window_suggest_init (self);

  g_signal_connect (self, "notify::is-active", G_CALLBACK (active_changed_cb), NULL);
  /* Document list: project documents, filtered by the search entry. */
  g_signal_connect_object (self->document_sidebar, "document-selected",
                           G_CALLBACK (document_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document_sidebar, "row-bound",
                           G_CALLBACK (document_row_bound_cb), self, G_CONNECT_SWAPPED);

  /* Annotation panel over the open document's annotation list: its rows
   * take their covered text from the view. */
  gloss_annotation_panel_set_view (self->annotation_panel, self->view);
  g_signal_connect_object (self->annotation_panel, "annotation-activated",
                           G_CALLBACK (panel_annotation_activated_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->palette, "label-activated",
                           G_CALLBACK (palette_label_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->claims_panel, "annotation-activated",
                           G_CALLBACK (panel_annotation_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->inspector, "annotation-activated",
                           G_CALLBACK (panel_annotation_activated_cb), self, G_CONNECT_SWAPPED);
  /* Escape in the inspector (not taken by a popup) returns to the text. */
  inspector_keys = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (inspector_keys),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                      gtk_callback_action_new (inspector_escape_cb, self, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self->inspector), inspector_keys);
  g_signal_connect_object (self->view, "notify::selected-annotation",
                           G_CALLBACK (selected_annotation_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->side_stack, "notify::visible-child-name",
                           G_CALLBACK (update_annotation_count), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->suggestions_panel, "refreshed",
                           G_CALLBACK (update_annotation_count), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gloss_claims_panel_get_claims (self->claims_panel), "items-changed",
                           G_CALLBACK (update_annotation_count), self, G_CONNECT_SWAPPED);

  g_settings_bind (self->settings, "font", self->view, "font", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "snap-to-words", self->view, "snap-to-words",
                   G_SETTINGS_BIND_GET);
  g_signal_connect_object (self->view, "message", G_CALLBACK (view_message_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "notify::hint", G_CALLBACK (view_hint_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "notify::selected-annotation",
                           G_CALLBACK (_gloss_window_update_annotation_actions), self, G_CONNECT_SWAPPED);

  /* Find in the document. */
  g_object_bind_property (self->find_button, "active", self->find_bar, "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_search_bar_connect_entry (self->find_bar, GTK_EDITABLE (self->find_entry));
  g_signal_connect_object (self->find_entry, "search-changed", G_CALLBACK (find_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->find_entry, "activate", G_CALLBACK (find_activate_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->find_entry, "next-match", G_CALLBACK (find_activate_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->find_entry, "previous-match", G_CALLBACK (find_previous_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->find_bar, "notify::search-mode-enabled",
                           G_CALLBACK (find_mode_changed_cb), self, G_CONNECT_SWAPPED);
  {
    GtkEventController *controller = gtk_event_controller_key_new ();

    g_signal_connect_object (controller, "key-pressed", G_CALLBACK (find_key_pressed_cb),
                             self, 0);
    gtk_widget_add_controller (GTK_WIDGET (self->find_entry), controller);
  }
  g_signal_connect_object (self->settings, "changed::annotator-name",
                           G_CALLBACK (apply_annotator), self, G_CONNECT_SWAPPED);

  /* Window geometry from the last session. */
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  self->right_pane_width = g_settings_get_int (self->settings, "right-pane-position");
  g_signal_connect_object (self->inner_paned, "notify::max-position",
                           G_CALLBACK (sync_right_pane), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->inner_paned, "notify::position",
                           G_CALLBACK (inner_paned_position_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->inner_paned, "move-handle",
                           G_CALLBACK (inner_paned_move_handle_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->inner_paned, "move-handle",
                           G_CALLBACK (inner_paned_moved_handle_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  /* The reading measure follows the view's font and the display's
   * resolution (the text scaling factor). */
  g_signal_connect_object (self->view, "notify::font", G_CALLBACK (update_reading_measure), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_widget_get_settings (GTK_WIDGET (self)), "notify::gtk-xft-dpi",
                           G_CALLBACK (update_reading_measure), self, G_CONNECT_SWAPPED);
  update_reading_measure (self);

  g_signal_connect_object (self->flap, "notify::reveal-flap", G_CALLBACK (reveal_flap_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::focus-widget", G_CALLBACK (focus_widget_cb), NULL);
  g_signal_connect_object (self->document_sidebar, "document-activated",
                           G_CALLBACK (document_activated_cb), self, G_CONNECT_SWAPPED);

  _gloss_window_update_project_actions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.no-recent", FALSE);

  /* Files and folders dropped on the window (see drop_cb()). */
  {
    GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

    g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, 0);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
  }
  _gloss_window_teams_project_changed (self);
  g_signal_connect_object (self->curate_button, "toggled", G_CALLBACK (curate_toggled_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->curation_view, "edit-annotation", G_CALLBACK (curation_edit_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->curation_view, "open-document", G_CALLBACK (curation_open_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->curation_view, "changes-applied",
                           G_CALLBACK (curation_changes_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->curation_view, "message", G_CALLBACK (view_message_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->curation_view, "progress-changed",
                           G_CALLBACK (status_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->curation_view, "progress-changed",
                           G_CALLBACK (document_status_changed_cb), self, G_CONNECT_SWAPPED);
  /* a rejection is undone with Ctrl+Z too */
  g_signal_connect_object (self->curation_view, "progress-changed",
                           G_CALLBACK (_gloss_window_update_undo_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::recent-projects",
                           G_CALLBACK (update_recent_menu), self, G_CONNECT_SWAPPED);
  update_recent_menu (self);
  show_document_page (self);

  _gloss_window_update_undo_actions (self);
  update_annotation_count (self);
  _gloss_window_update_annotation_actions (self);
  update_titles (self);
}

/* ---- public API -------------------------------------------------------- */

GlossWindow *
gloss_window_new (GtkApplication *application)
{
  return g_object_new (GLOSS_TYPE_WINDOW, "application", application, NULL);
}

GlossProject *
gloss_window_get_project (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), NULL);

  return self->project;
}

GlossDocument *
gloss_window_get_document (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), NULL);

  return self->document;
}

GtkWidget *
gloss_window_get_view (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->view);
}

void
gloss_window_set_project (GlossWindow  *self,
                          GlossProject *project)
{
  g_return_if_fail (GLOSS_IS_WINDOW (self));
  g_return_if_fail (project == NULL || GLOSS_IS_PROJECT (project));

  if (project == self->project)
    return;

  close_document (self);
  gloss_document_sidebar_unselect (self->document_sidebar);
  gtk_editable_set_text (gloss_document_sidebar_get_search_entry (self->document_sidebar), "");
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_func (self->project, project_schema_changed_cb, self);
  g_set_object (&self->project, project);
  if (project != NULL)
    g_signal_connect_object (project, "notify::schema", G_CALLBACK (project_schema_changed_cb),
                             self, G_CONNECT_SWAPPED);
  set_project_annotator (self);
  gloss_document_sidebar_set_project (self->document_sidebar, project);

  gtk_stack_set_visible_child_name (self->main_stack, project != NULL ? "project" : "empty");
  gtk_widget_set_visible (GTK_WIDGET (self->sidebar_button), project != NULL);
  _gloss_window_update_project_actions (self);
  _gloss_window_teams_project_changed (self);
  follow_project (self);
  gloss_label_palette_set_schema (self->palette,
                                  project != NULL ? gloss_project_get_schema (project) : NULL);
  update_titles (self);
}

gboolean
gloss_window_open_file (GlossWindow  *self,
                        GFile        *file,
                        GError      **error)
{
  g_autoptr(GlossProject) project = NULL;
  g_autofree char *path = NULL;
  GtkApplication *app;

  g_return_val_if_fail (GLOSS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("%s is not a local file"), uri);
      return FALSE;
    }

  app = gtk_window_get_application (GTK_WINDOW (self));
  if (GLOSS_IS_APPLICATION (app))
    project = _gloss_application_take_prefetched (GLOSS_APPLICATION (app), path);
  if (project == NULL)
    project = gloss_project_open (path, error);
  if (project == NULL)
    return FALSE;

  gloss_window_set_project (self, project);

  if (GLOSS_IS_APPLICATION (app))
    gloss_application_add_recent (GLOSS_APPLICATION (app), file);

  return TRUE;
}

gboolean
gloss_window_select_document (GlossWindow *self,
                              const char  *name)
{
  GlossDocument *document;
  guint position;

  g_return_val_if_fail (GLOSS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (self->project == NULL)
    return FALSE;

  document = gloss_project_find_document (self->project, name);
  if (document == NULL)
    return FALSE;

  gtk_editable_set_text (gloss_document_sidebar_get_search_entry (self->document_sidebar), "");
  if (find_document_position (self, name, NULL, &position))
    _gloss_window_select_position (self, position);
  else
    open_document (self, document);

  return self->document == document;
}

/* Selects the document that was open last time, or else the first one. */
void
gloss_window_restore_document (GlossWindow *self)
{
  g_autofree char *uuid = NULL;
  guint position = 0;

  g_return_if_fail (GLOSS_IS_WINDOW (self));

  if (self->project == NULL || self->document != NULL)
    return;
  if (g_list_model_get_n_items (gloss_document_sidebar_get_documents (self->document_sidebar)) == 0)
    return;

  uuid = g_settings_get_string (self->settings, "last-document");
  if (uuid[0] == '\0' || !find_document_position (self, NULL, uuid, &position))
    position = 0;

  _gloss_window_select_position (self, position);
}

void
gloss_window_show_error (GlossWindow  *self,
                         const char   *primary,
                         const GError *error)
{
  g_return_if_fail (GLOSS_IS_WINDOW (self));

  g_printerr ("%s: %s\n", primary, error != NULL ? error->message : "");

#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GtkAlertDialog) dialog = gtk_alert_dialog_new ("%s", primary);

    if (error != NULL)
      gtk_alert_dialog_set_detail (dialog, error->message);
    gtk_alert_dialog_show (dialog, GTK_WINDOW (self));
  }
#else
  {
    GtkWidget *dialog;

    dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                     GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                     GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE, "%s", primary);
    if (error != NULL)
      gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                                error->message);
    g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
    gtk_window_present (GTK_WINDOW (dialog));
  }
#endif
}

void
gloss_window_show_message (GlossWindow *self,
                           const char  *message)
{
  g_return_if_fail (GLOSS_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  show_toast (self, message, MESSAGE_TIMEOUT_S);
}

/* ---- private API (gloss-window-private.h) ------------------------------- */

GListModel *
_gloss_window_get_document_list (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), NULL);

  return gloss_document_sidebar_get_documents (self->document_sidebar);
}

GtkEditable *
_gloss_window_get_search_entry (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), NULL);

  return gloss_document_sidebar_get_search_entry (self->document_sidebar);
}

gboolean
_gloss_window_is_searching_documents (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), FALSE);

  return gloss_document_sidebar_is_searching (self->document_sidebar);
}

GtkDropDown *
_gloss_window_get_status_dropdown (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), NULL);

  return gloss_document_sidebar_get_status_dropdown (self->document_sidebar);
}

GlossAnnotationList *
_gloss_window_get_annotations (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), NULL);

  return self->annotations;
}

const char *
_gloss_window_get_banner (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->banner_revealer))
    return NULL;
  return gtk_label_get_label (self->banner_label);
}

GMenuModel *
_gloss_window_get_recent_menu (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), NULL);

  return G_MENU_MODEL (self->recent_menu);
}

/* libadwaita 1.2 frees a toast dismissed while it is still sliding in,
 * then its show animation ends on the freed toast and the app crashes
 * (three messages in half a second do it: Ctrl+E, then Ctrl+Z). A toast
 * is replaced only once it has settled; what comes meanwhile waits, and
 * only the last of it is shown. */
#define TOAST_SETTLE_MS 700

static void
add_toast_now (GlossWindow *self,
               AdwToast    *toast)
{
  if (self->toast != NULL)
    adw_toast_dismiss (self->toast);
  g_set_weak_pointer (&self->toast, toast);
  self->toast_added_at = g_get_monotonic_time ();
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  name_toast_buttons (GTK_WIDGET (self->toast_overlay));
}

static gboolean
pending_toast_cb (gpointer user_data)
{
  GlossWindow *self = user_data;

  self->pending_toast_id = 0;
  if (self->pending_toast != NULL && self->toast_overlay != NULL)
    add_toast_now (self, g_steal_pointer (&self->pending_toast));
  return G_SOURCE_REMOVE;
}

void
_gloss_window_add_toast (GlossWindow *self,
                         AdwToast    *toast)
{
  gint64 age;

  g_return_if_fail (GLOSS_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  if (self->toast_overlay == NULL) /* disposed */
    {
      g_object_unref (toast);
      return;
    }

  age = (g_get_monotonic_time () - self->toast_added_at) / 1000;
  /* A toast still waiting is older than this one: this one takes its
   * turn (shown now, the older one would come after it, stale). */
  if (self->pending_toast != NULL || (self->toast != NULL && age < TOAST_SETTLE_MS))
    {
      g_clear_object (&self->pending_toast);
      self->pending_toast = toast;
      if (self->pending_toast_id == 0)
        self->pending_toast_id = g_timeout_add ((guint) CLAMP (TOAST_SETTLE_MS - age, 0,
                                                               TOAST_SETTLE_MS),
                                                pending_toast_cb, self);
      return;
    }

  /* the overlay queues toasts behind the one shown: dismissed, it makes
   * way for this one at once */
  add_toast_now (self, toast);
}

gboolean
_gloss_window_toast_pending (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), FALSE);

  return self->pending_toast != NULL;
}

const char *
_gloss_window_get_toast_title (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), NULL);

  if (self->pending_toast != NULL)
    return adw_toast_get_title (self->pending_toast);
  return self->toast != NULL ? adw_toast_get_title (self->toast) : NULL;
}

void
_gloss_window_show_action_toast (GlossWindow *self,
                                 const char  *message,
                                 const char  *button_label,
                                 const char  *action_name)
{
  g_autofree char *markup = NULL;
  AdwToast        *toast;

  g_return_if_fail (GLOSS_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  markup = g_markup_escape_text (message, -1);
  toast = adw_toast_new (markup);
  adw_toast_set_timeout (toast, MESSAGE_TIMEOUT_S);
  adw_toast_set_button_label (toast, button_label);
  adw_toast_set_action_name (toast, action_name);
  _gloss_window_add_toast (self, toast);
}

void
_gloss_window_show_problem (GlossWindow *self,
                            const char  *message)
{
  g_return_if_fail (GLOSS_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  /* 0: until dismissed (or replaced) */
  show_toast (self, message, 0);
}
