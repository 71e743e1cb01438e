/* gloss-document-sidebar.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-assignments.h"
#include "gloss-document-row.h"
#include "gloss-document-sidebar.h"
#include "gloss-document.h"

struct _GlossDocumentSidebar
{
  GtkWidget             parent_instance;

  GlossProject         *project;              /* owned, may be NULL */
  GtkFilterListModel   *document_filter_model;/* owned */
  GtkStringFilter      *name_filter;          /* borrowed from the filter model */
  GtkCustomFilter      *text_filter;          /* borrowed from the filter model */
  GtkCustomFilter      *status_filter;        /* borrowed from the filter model */
  GHashTable           *text_ids;             /* owned, may be NULL: ids whose text matches */
  GHashTable           *status_ids;           /* owned, may be NULL: see refresh_status_filter() */
  gboolean              text_filter_set;
  GCancellable         *text_search;          /* owned, may be NULL: the search running */
  GtkSingleSelection   *document_selection;   /* owned */
  guint                 pick_idle_id;         /* "document-activated" after a click */

  /* template children */
  GtkBox               *box;
  GtkStack             *document_list_stack;
  GtkListView          *document_list_view;
  GtkSearchEntry       *search_entry;
  GtkDropDown          *status_dropdown;
};

G_DEFINE_FINAL_TYPE (GlossDocumentSidebar, gloss_document_sidebar, GTK_TYPE_WIDGET)

enum
{
  DOCUMENT_SELECTED,
  DOCUMENT_ACTIVATED,
  ROW_BOUND,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The status dropdown's rows. */
enum
{
  STATUS_FILTER_ALL,
  STATUS_FILTER_NEW,
  STATUS_FILTER_IN_PROGRESS,
  STATUS_FILTER_DONE,
  STATUS_FILTER_ASSIGNED,   /* assigned to the project's annotator */
};

/* ---- helpers ----------------------------------------------------------- */

static void
update_document_list_page (GlossDocumentSidebar *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->document_filter_model));
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  GtkWidget *empty = gtk_stack_get_child_by_name (self->document_list_stack, "empty");

  gboolean filtered = (search != NULL && *search != '\0') ||
                      gtk_drop_down_get_selected (self->status_dropdown) != STATUS_FILTER_ALL;

  if (n == 0)
    gtk_label_set_label (GTK_LABEL (empty), filtered ? _("No Matching Documents")
                                                     : _("No Documents"));
  gtk_stack_set_visible_child_name (self->document_list_stack, n > 0 ? "list" : "empty");
}

static GHashTable *
new_id_set (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

static gboolean
status_filter_func (gpointer item,
                    gpointer user_data)
{
  GlossDocumentSidebar *self = user_data;
  guint wanted = gtk_drop_down_get_selected (self->status_dropdown);
  gint64 id;

  if (wanted == STATUS_FILTER_ALL || wanted == GTK_INVALID_LIST_POSITION ||
      self->status_ids == NULL)
    return TRUE;

  id = gloss_document_get_id (item);
  /* For "New" the set holds the documents that are not new. */
  return g_hash_table_contains (self->status_ids, &id) == (wanted != STATUS_FILTER_NEW);
}

/* One query for the whole list, again when a status changes: never one per row. */
static void
refresh_status_filter (GlossDocumentSidebar *self)
{
  guint wanted = gtk_drop_down_get_selected (self->status_dropdown);

  g_clear_pointer (&self->status_ids, g_hash_table_unref);
  if (self->project != NULL && wanted != STATUS_FILTER_ALL &&
      wanted != GTK_INVALID_LIST_POSITION)
    {
      GlossStore *store = gloss_project_get_store (self->project);
      const char *annotator = gloss_project_get_annotator (self->project);
      GlossDocumentStatus status = wanted == STATUS_FILTER_NEW ? GLOSS_DOCUMENT_STATUS_NEW
                                   : wanted == STATUS_FILTER_DONE ? GLOSS_DOCUMENT_STATUS_DONE
                                   : GLOSS_DOCUMENT_STATUS_IN_PROGRESS;

      if (wanted == STATUS_FILTER_ASSIGNED)
        self->status_ids = gloss_store_find_assigned_documents (store, annotator);
      else   /* for "New", the documents that are not new */
        self->status_ids = gloss_store_find_documents_with_status (store, annotator, status,
                                                                   wanted == STATUS_FILTER_NEW);
    }

  /* Without a function the filter matches all: the lazy list then never
   * has to make every document to show the first rows. */
  if (self->status_ids != NULL)
    gtk_custom_filter_set_filter_func (self->status_filter, status_filter_func, self, NULL);
  else
    gtk_custom_filter_set_filter_func (self->status_filter, NULL, NULL, NULL);
}

static gboolean
text_filter_func (gpointer item,
                  gpointer user_data)
{
  GlossDocumentSidebar *self = user_data;
  gint64 id;

  if (self->text_ids == NULL)
    return FALSE;

  id = gloss_document_get_id (item);
  return g_hash_table_contains (self->text_ids, &id);
}

/* The name filter follows every keystroke; the texts are searched when the
 * entry's "search-changed" fires, 200 ms after the last one. */
static void
search_text_changed_cb (GlossDocumentSidebar *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gboolean searching = text != NULL && *text != '\0';

  if (self->text_search != NULL)
    g_cancellable_cancel (self->text_search);
  g_clear_object (&self->text_search);
  if (self->text_ids != NULL)
    {
      g_clear_pointer (&self->text_ids, g_hash_table_unref);
      gtk_filter_changed (GTK_FILTER (self->text_filter), GTK_FILTER_CHANGE_MORE_STRICT);
    }

  /* No function (match all) without a search, like the name filter: then
   * the filter model does not look at the documents at all. */
  if (searching != self->text_filter_set)
    {
      self->text_filter_set = searching;
      gtk_custom_filter_set_filter_func (self->text_filter, searching ? text_filter_func : NULL,
                                         searching ? self : NULL, NULL);
    }
  gtk_string_filter_set_search (self->name_filter, text);
}

#define TEXT_SEARCH_MIN_CHARS 2
/* LIKE ignores ASCII case, as the name filter does, without copying every
 * text the way lower () would; 0.2 s for 100,000 texts of 2 kB. */
typedef struct
{
  GlossStore *store;    /* owned: the window's, whose file the worker reads */
  char       *text;
} TextSearch;

static void
text_search_free (TextSearch *search)
{
  g_clear_object (&search->store);
  g_free (search->text);
  g_free (search);
}

/* In a worker thread, on a read-only connection of its own (WAL lets it
 * read beside the window's): the list never waits for the texts. */
static void
text_search_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  TextSearch *search = task_data;
  g_autoptr(GlossStore) reader = gloss_store_open_reader (search->store, NULL);
  GHashTable *ids = NULL;
  g_autoptr(GError) error = NULL;

  if (reader != NULL)
    ids = gloss_store_find_documents_with_text (reader, search->text, cancellable, &error);
  if (g_task_return_error_if_cancelled (task))
    g_clear_pointer (&ids, g_hash_table_unref);
  else if (ids == NULL)
    g_task_return_pointer (task, new_id_set (), (GDestroyNotify) g_hash_table_unref);
  else
    g_task_return_pointer (task, ids, (GDestroyNotify) g_hash_table_unref);
}

static void
set_text_ids (GlossDocumentSidebar *self,
              GHashTable           *ids)
{
  g_clear_pointer (&self->text_ids, g_hash_table_unref);
  self->text_ids = ids;
  gtk_filter_changed (GTK_FILTER (self->text_filter), GTK_FILTER_CHANGE_LESS_STRICT);
}

static void
text_search_done_cb (GObject      *source_object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GlossDocumentSidebar *self = GLOSS_DOCUMENT_SIDEBAR (source_object);
  GHashTable *ids = g_task_propagate_pointer (G_TASK (result), NULL);

  /* NULL: cancelled by a newer search, a cleared entry or the window's end. */
  if (ids == NULL)
    return;
  if (self->document_filter_model == NULL || !self->text_filter_set)
    {
      g_hash_table_unref (ids);
      return;
    }

  set_text_ids (self, ids);
}

static void
search_changed_cb (GlossDocumentSidebar *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  const char *path;
  g_autoptr(GTask) task = NULL;
  TextSearch *search;

  if (self->text_search != NULL)
    g_cancellable_cancel (self->text_search);
  g_clear_object (&self->text_search);
  g_clear_pointer (&self->text_ids, g_hash_table_unref);
  if (self->project == NULL || !self->text_filter_set || text == NULL ||
      g_utf8_strlen (text, -1) < TEXT_SEARCH_MIN_CHARS)
    return;

  path = gloss_project_get_path (self->project);
  if (path == NULL || g_strcmp0 (path, ":memory:") == 0)
    {
      GlossStore *store = gloss_project_get_store (self->project);
      GHashTable *ids = gloss_store_find_documents_with_text (store, text, NULL, NULL);

      set_text_ids (self, ids != NULL ? ids : new_id_set ());
      return;
    }

  search = g_new0 (TextSearch, 1);
  search->store = g_object_ref (gloss_project_get_store (self->project));
  search->text = g_strdup (text);
  self->text_search = g_cancellable_new ();
  task = g_task_new (self, self->text_search, text_search_done_cb, NULL);
  g_task_set_source_tag (task, search_changed_cb);
  g_task_set_task_data (task, search, (GDestroyNotify) text_search_free);
  g_task_run_in_thread (task, text_search_thread);
}


static void
setup_document_row_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       gpointer                  user_data)
{
  gtk_list_item_set_child (item, gloss_document_row_new ());
}

static void
bind_document_row_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      GlossDocumentSidebar     *self)
{
  GlossDocumentRow *row = GLOSS_DOCUMENT_ROW (gtk_list_item_get_child (item));
  GlossDocument *document = gtk_list_item_get_item (item);

  gloss_document_row_set_annotator (row, self->project ? gloss_project_get_annotator (self->project)
                                                     : NULL);
  gloss_document_row_set_document (row, document);
  if (document != NULL)
    g_signal_emit (self, signals[ROW_BOUND], 0, row, document);
}

static void
unbind_document_row_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *item,
                        gpointer                  user_data)
{
  gloss_document_row_set_document (GLOSS_DOCUMENT_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
selection_changed_cb (GlossDocumentSidebar *self)
{
  GlossDocument *document = gtk_single_selection_get_selected_item (self->document_selection);

  /* Filtering the selected row away keeps the open document. */
  if (document != NULL)
    g_signal_emit (self, signals[DOCUMENT_SELECTED], 0, document);
}

/* A click on a row, or Enter, picks its document ("document-activated");
 * arrowing through the list only opens each. The row selects itself on
 * the press, after this handler: the pick waits for it. */
static gboolean
pick_idle_cb (gpointer user_data)
{
  GlossDocumentSidebar *self = user_data;
  GlossDocument *document = gtk_single_selection_get_selected_item (self->document_selection);

  self->pick_idle_id = 0;
  if (document != NULL)
    g_signal_emit (self, signals[DOCUMENT_ACTIVATED], 0, document);
  return G_SOURCE_REMOVE;
}

static void
list_pressed_cb (GtkGestureClick      *gesture,
                 int                   n_press,
                 double                x,
                 double                y,
                 GlossDocumentSidebar *self)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self->document_list_view), x, y,
                                       GTK_PICK_DEFAULT);

  if (picked == NULL || (!GLOSS_IS_DOCUMENT_ROW (picked) &&
                         gtk_widget_get_ancestor (picked, GLOSS_TYPE_DOCUMENT_ROW) == NULL))
    return;
  if (self->pick_idle_id == 0)
    self->pick_idle_id = g_idle_add (pick_idle_cb, self);
}

static void
list_activate_cb (GlossDocumentSidebar *self,
                  guint                 position)
{
  g_autoptr(GlossDocument) document =
    g_list_model_get_item (G_LIST_MODEL (self->document_filter_model), position);

  if (document != NULL)
    g_signal_emit (self, signals[DOCUMENT_ACTIVATED], 0, document);
}

/* ---- vfuncs ------------------------------------------------------------ */

/* The keyboard goes to the list (its selected row), or to the search
 * entry when the list is empty. */
static gboolean
gloss_document_sidebar_grab_focus (GtkWidget *widget)
{
  GlossDocumentSidebar *self = GLOSS_DOCUMENT_SIDEBAR (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->document_list_stack), "list") == 0 &&
      gtk_widget_grab_focus (GTK_WIDGET (self->document_list_view)))
    return TRUE;
  return gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
gloss_document_sidebar_dispose (GObject *object)
{
  GlossDocumentSidebar *self = GLOSS_DOCUMENT_SIDEBAR (object);

  g_clear_handle_id (&self->pick_idle_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_DOCUMENT_SIDEBAR);

  g_clear_object (&self->document_selection);
  g_clear_object (&self->document_filter_model);
  g_clear_pointer (&self->text_ids, g_hash_table_unref);
  g_clear_pointer (&self->status_ids, g_hash_table_unref);
  if (self->text_search != NULL)
    g_cancellable_cancel (self->text_search);
  g_clear_object (&self->text_search);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (gloss_document_sidebar_parent_class)->dispose (object);
}

static void
gloss_document_sidebar_class_init (GlossDocumentSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_document_sidebar_dispose;
  widget_class->grab_focus = gloss_document_sidebar_grab_focus;

  signals[DOCUMENT_SELECTED] =
    g_signal_new ("document-selected",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, GLOSS_TYPE_DOCUMENT);
  /* A document picked for reading: a click on its row, or Enter. */
  signals[DOCUMENT_ACTIVATED] =
    g_signal_new ("document-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, GLOSS_TYPE_DOCUMENT);
  signals[ROW_BOUND] =
    g_signal_new ("row-bound",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, GLOSS_TYPE_DOCUMENT_ROW, GLOSS_TYPE_DOCUMENT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/gloss-document-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossDocumentSidebar, box);
  gtk_widget_class_bind_template_child (widget_class, GlossDocumentSidebar, document_list_stack);
  gtk_widget_class_bind_template_child (widget_class, GlossDocumentSidebar, document_list_view);
  gtk_widget_class_bind_template_child (widget_class, GlossDocumentSidebar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossDocumentSidebar, status_dropdown);
}

static void
gloss_document_sidebar_init (GlossDocumentSidebar *self)
{
  g_autoptr(GtkListItemFactory) document_factory = NULL;
  GtkStringFilter *filter;
  GtkFilter *any;
  GtkFilter *every;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Document list: project documents, filtered by the search entry. */
  filter = gtk_string_filter_new (gtk_property_expression_new (GLOSS_TYPE_DOCUMENT, NULL,
                                                               "name"));
  gtk_string_filter_set_match_mode (filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (filter, TRUE);
  self->name_filter = filter;
  self->text_filter = gtk_custom_filter_new (NULL, NULL, NULL);
  self->status_filter = gtk_custom_filter_new (NULL, NULL, NULL);
  any = GTK_FILTER (gtk_any_filter_new ());
  gtk_multi_filter_append (GTK_MULTI_FILTER (any), GTK_FILTER (filter));
  gtk_multi_filter_append (GTK_MULTI_FILTER (any), GTK_FILTER (self->text_filter));
  every = GTK_FILTER (gtk_every_filter_new ());
  gtk_multi_filter_append (GTK_MULTI_FILTER (every), GTK_FILTER (self->status_filter));
  gtk_multi_filter_append (GTK_MULTI_FILTER (every), any);
  g_signal_connect_object (self->search_entry, "changed", G_CALLBACK (search_text_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->status_dropdown, "notify::selected",
                           G_CALLBACK (refresh_status_filter), self, G_CONNECT_SWAPPED);
  self->document_filter_model = gtk_filter_list_model_new (NULL, every);
  self->document_selection =
    gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->document_filter_model)));
  gtk_single_selection_set_autoselect (self->document_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->document_selection, TRUE);
  gtk_single_selection_set_selected (self->document_selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->document_selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document_filter_model, "items-changed",
                           G_CALLBACK (update_document_list_page), self, G_CONNECT_SWAPPED);

  document_factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (document_factory, "setup", G_CALLBACK (setup_document_row_cb), NULL);
  g_signal_connect_object (document_factory, "bind", G_CALLBACK (bind_document_row_cb),
                           self, 0);
  g_signal_connect (document_factory, "unbind", G_CALLBACK (unbind_document_row_cb), NULL);
  gtk_list_view_set_factory (self->document_list_view, document_factory);
  gtk_list_view_set_model (self->document_list_view,
                           GTK_SELECTION_MODEL (self->document_selection));

  g_signal_connect_object (self->document_list_view, "activate", G_CALLBACK (list_activate_cb),
                           self, G_CONNECT_SWAPPED);
  {
    GtkGesture *click = gtk_gesture_click_new ();

    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
    g_signal_connect_object (click, "pressed", G_CALLBACK (list_pressed_cb), self, 0);
    gtk_widget_add_controller (GTK_WIDGET (self->document_list_view),
                               GTK_EVENT_CONTROLLER (click));
  }
}

/* ---- public API -------------------------------------------------------- */

GtkWidget *
gloss_document_sidebar_new (void)
{
  return g_object_new (GLOSS_TYPE_DOCUMENT_SIDEBAR, NULL);
}

void
gloss_document_sidebar_set_project (GlossDocumentSidebar *self,
                                    GlossProject         *project)
{
  g_return_if_fail (GLOSS_IS_DOCUMENT_SIDEBAR (self));
  g_return_if_fail (project == NULL || GLOSS_IS_PROJECT (project));

  g_set_object (&self->project, project);
  refresh_status_filter (self);
  gtk_filter_list_model_set_model (self->document_filter_model,
                                   project != NULL ? gloss_project_get_documents (project) : NULL);
  gtk_single_selection_set_selected (self->document_selection, GTK_INVALID_LIST_POSITION);
  update_document_list_page (self);
}

GListModel *
gloss_document_sidebar_get_documents (GlossDocumentSidebar *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_SIDEBAR (self), NULL);

  return G_LIST_MODEL (self->document_filter_model);
}

GtkEditable *
gloss_document_sidebar_get_search_entry (GlossDocumentSidebar *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_SIDEBAR (self), NULL);

  return GTK_EDITABLE (self->search_entry);
}

GtkDropDown *
gloss_document_sidebar_get_status_dropdown (GlossDocumentSidebar *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_SIDEBAR (self), NULL);

  return self->status_dropdown;
}

guint
gloss_document_sidebar_get_selected (GlossDocumentSidebar *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_SIDEBAR (self), GTK_INVALID_LIST_POSITION);

  return gtk_single_selection_get_selected (self->document_selection);
}

void
gloss_document_sidebar_unselect (GlossDocumentSidebar *self)
{
  g_return_if_fail (GLOSS_IS_DOCUMENT_SIDEBAR (self));

  gtk_single_selection_set_selected (self->document_selection, GTK_INVALID_LIST_POSITION);
}

void
gloss_document_sidebar_select_position (GlossDocumentSidebar *self,
                                        guint                 position)
{
  g_return_if_fail (GLOSS_IS_DOCUMENT_SIDEBAR (self));

  gtk_single_selection_set_selected (self->document_selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->document_list_view), "list.scroll-to-item",
                              "u", position);
}

void
gloss_document_sidebar_refresh_status_filter (GlossDocumentSidebar *self)
{
  g_return_if_fail (GLOSS_IS_DOCUMENT_SIDEBAR (self));

  refresh_status_filter (self);
}

void
gloss_document_sidebar_statuses_changed (GlossDocumentSidebar *self)
{
  g_return_if_fail (GLOSS_IS_DOCUMENT_SIDEBAR (self));

  if (gtk_drop_down_get_selected (self->status_dropdown) != STATUS_FILTER_ALL)
    refresh_status_filter (self);
}
