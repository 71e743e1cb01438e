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
#include "gloss-document-filter.h"
#include "gloss-document-list.h"
#include "gloss-document-sidebar.h"
#include "gloss-document.h"

struct _GlossDocumentSidebar
{
  GtkWidget             parent_instance;

  GlossProject         *project;              /* owned, may be NULL */
  GlossDocumentFilter  *filter;               /* owned, may be NULL: the project's documents */
  GListStore           *empty;                /* owned: the model without a project */
  GHashTable           *status_ids;           /* owned, may be NULL: see refresh_status_filter() */
  gboolean              status_excludes;      /* status_ids are the documents to leave out */
  GArray               *search_ids;           /* owned, may be NULL (no search): what matched */
  GCancellable         *text_search;          /* owned, may be NULL: the search running */
  gboolean              searching;            /* typed, its result not shown yet */
  gboolean              pick_first;           /* Enter came first: pick once it shows */
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

static void selection_changed_cb (GlossDocumentSidebar *self);

static GListModel *
shown_model (GlossDocumentSidebar *self)
{
  return self->filter != NULL ? G_LIST_MODEL (self->filter) : G_LIST_MODEL (self->empty);
}

static void
update_document_list_page (GlossDocumentSidebar *self)
{
  guint n = g_list_model_get_n_items (shown_model (self));
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  GtkWidget *empty = gtk_stack_get_child_by_name (self->document_list_stack, "empty");

  gboolean filtered = (search != NULL && *search != '\0') ||
                      gtk_drop_down_get_selected (self->status_dropdown) != STATUS_FILTER_ALL;

  if (n == 0)
    gtk_label_set_label (GTK_LABEL (empty), filtered ? _("No Matching Documents")
                                                     : _("No Documents"));
  gtk_stack_set_visible_child_name (self->document_list_stack, n > 0 ? "list" : "empty");
}

/* Shows @ids (NULL: every document). The selected document stays selected
 * when it is still shown: a large change reaches the selection as a
 * removal and an addition (see gloss-document-filter.c), which drops it.
 * Quietly, since it was selected already. */
static void
set_shown (GlossDocumentSidebar *self,
           GArray               *ids)
{
  GlossDocument *selected = gtk_single_selection_get_selected_item (self->document_selection);
  gint64 id = selected != NULL ? gloss_document_get_id (selected) : 0;

  gloss_document_filter_set_ids (self->filter, ids);
  if (id != 0 && gtk_single_selection_get_selected_item (self->document_selection) == NULL)
    {
      guint position = gloss_document_filter_find (self->filter, id);

      if (position != GLOSS_DOCUMENT_FILTER_NOT_FOUND)
        {
          g_signal_handlers_block_by_func (self->document_selection, selection_changed_cb, self);
          gtk_single_selection_set_selected (self->document_selection, position);
          g_signal_handlers_unblock_by_func (self->document_selection, selection_changed_cb,
                                             self);
        }
    }
  update_document_list_page (self);
}

/* What the list shows: the search's matches (or every document) that have
 * the status asked for. Ids only, from the store's indexes: no document is
 * read to decide, so a filter over 100,000 documents reads none of them. */
static void
apply_filters (GlossDocumentSidebar *self)
{
  GArray *from;
  g_autoptr(GArray) shown = NULL;

  if (self->filter == NULL)
    return;
  if (self->search_ids == NULL && self->status_ids == NULL)
    {
      set_shown (self, NULL);
      return;
    }

  from = self->search_ids;
  if (from == NULL)
    from = gloss_document_list_get_ids (
      GLOSS_DOCUMENT_LIST (gloss_project_get_documents (self->project)));
  shown = g_array_sized_new (FALSE, FALSE, sizeof (gint64), from->len);
  for (guint i = 0; i < from->len; i++)
    {
      gint64 id = g_array_index (from, gint64, i);

      if (self->status_ids == NULL ||
          g_hash_table_contains (self->status_ids, &id) != self->status_excludes)
        g_array_append_val (shown, id);
    }
  set_shown (self, shown);
}

/* One query for the whole list, again when a status changes: never one per
 * row. The set holds the documents to show, or for "New" those to leave out
 * (the ones with any other status). */
static void
refresh_status_filter (GlossDocumentSidebar *self)
{
  guint wanted = gtk_drop_down_get_selected (self->status_dropdown);

  g_clear_pointer (&self->status_ids, g_hash_table_unref);
  self->status_excludes = wanted == STATUS_FILTER_NEW;
  if (self->project != NULL && wanted != STATUS_FILTER_ALL &&
      wanted != GTK_INVALID_LIST_POSITION)
    {
      GlossStore *store = gloss_project_get_store (self->project);
      const char *annotator = gloss_project_get_annotator (self->project);
      GlossDocumentStatus status = wanted == STATUS_FILTER_DONE ? GLOSS_DOCUMENT_STATUS_DONE
                                   : GLOSS_DOCUMENT_STATUS_IN_PROGRESS;

      if (wanted == STATUS_FILTER_ASSIGNED)
        self->status_ids = gloss_store_find_assigned_documents (store, annotator);
      else if (wanted == STATUS_FILTER_NEW)   /* those whose status is anything but new */
        self->status_ids = gloss_store_find_documents_with_status (store, annotator,
                                                                   GLOSS_DOCUMENT_STATUS_NEW,
                                                                   TRUE);
      else
        self->status_ids = gloss_store_find_documents_with_status (store, annotator, status,
                                                                   FALSE);
    }
  apply_filters (self);
}

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
 * read beside the window's): typing never waits for the query, and the
 * next keystroke cancels it. */
static void
text_search_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  TextSearch *search = task_data;
  g_autoptr(GlossStore) reader = gloss_store_open_reader (search->store, NULL);
  GArray *ids = NULL;
  g_autoptr(GError) error = NULL;

  if (reader != NULL)
    ids = gloss_store_filter_documents (reader, search->text, cancellable, &error);
  if (g_task_return_error_if_cancelled (task))
    g_clear_pointer (&ids, g_array_unref);
  else if (ids == NULL)
    g_task_return_pointer (task, g_array_new (FALSE, FALSE, sizeof (gint64)),
                           (GDestroyNotify) g_array_unref);
  else
    g_task_return_pointer (task, ids, (GDestroyNotify) g_array_unref);
}

static void pick_first_shown (GlossDocumentSidebar *self);

static void
set_search_ids (GlossDocumentSidebar *self,
                GArray               *ids)
{
  g_clear_pointer (&self->search_ids, g_array_unref);
  self->search_ids = ids;
  self->searching = FALSE;
  apply_filters (self);
  if (self->pick_first)
    pick_first_shown (self);
}

static void
text_search_done_cb (GObject      *source_object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GlossDocumentSidebar *self = GLOSS_DOCUMENT_SIDEBAR (source_object);
  GArray *ids = g_task_propagate_pointer (G_TASK (result), NULL);

  /* NULL: cancelled by a newer search, a cleared entry or the window's end. */
  if (ids == NULL)
    return;
  g_clear_object (&self->text_search);
  if (self->filter == NULL)
    {
      g_array_unref (ids);
      return;
    }
  set_search_ids (self, ids);
}

static void
cancel_search (GlossDocumentSidebar *self)
{
  if (self->text_search != NULL)
    g_cancellable_cancel (self->text_search);
  g_clear_object (&self->text_search);
}

static void
start_search (GlossDocumentSidebar *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  const char *path;
  g_autoptr(GTask) task = NULL;
  TextSearch *search;

  cancel_search (self);
  if (self->project == NULL || text == NULL || *text == '\0')
    {
      self->searching = FALSE;
      return;
    }

  path = gloss_project_get_path (self->project);
  if (path == NULL || g_strcmp0 (path, ":memory:") == 0)
    {
      GlossStore *store = gloss_project_get_store (self->project);
      GArray *ids = gloss_store_filter_documents (store, text, NULL, NULL);

      set_search_ids (self, ids != NULL ? ids : g_array_new (FALSE, FALSE, sizeof (gint64)));
      return;
    }

  search = g_new0 (TextSearch, 1);
  search->store = g_object_ref (gloss_project_get_store (self->project));
  search->text = g_strdup (text);
  self->text_search = g_cancellable_new ();
  self->searching = TRUE;
  task = g_task_new (self, self->text_search, text_search_done_cb, NULL);
  g_task_set_source_tag (task, start_search);
  g_task_set_task_data (task, search, (GDestroyNotify) text_search_free);
  g_task_run_in_thread (task, text_search_thread);
}

/* A keystroke only cancels the search under way: the next one starts when
 * the entry's "search-changed" fires, 200 ms after the last key. Clearing
 * the entry shows every document at once. */
static void
search_text_changed_cb (GlossDocumentSidebar *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  cancel_search (self);
  self->pick_first = FALSE;
  if (text == NULL || *text == '\0')
    {
      self->searching = FALSE;
      if (self->search_ids != NULL)
        set_search_ids (self, NULL);
      return;
    }
  self->searching = self->project != NULL;
}

static void
search_changed_cb (GlossDocumentSidebar *self)
{
  start_search (self);
}

/* The first document the list shows, picked as a click would. */
static void
pick_first_shown (GlossDocumentSidebar *self)
{
  g_autoptr(GlossDocument) document = g_list_model_get_item (shown_model (self), 0);

  self->pick_first = FALSE;
  if (document == NULL)
    return;
  gtk_single_selection_set_selected (self->document_selection, 0);
  g_signal_emit (self, signals[DOCUMENT_ACTIVATED], 0, document);
}

/* Enter in the search entry opens the first document that matches: a
 * name typed and Enter, as in a file chooser. Typed faster than the
 * search's 200 ms wait, the search starts at once and the pick follows
 * its result, never the list of before the last keys. */
static void
search_activate_cb (GlossDocumentSidebar *self)
{
  if (!self->searching)
    {
      pick_first_shown (self);
      return;
    }
  self->pick_first = TRUE;
  if (self->text_search == NULL)
    start_search (self);
}

/* Documents came or went: a search shows the new ones that match. */
static void
documents_changed_cb (GlossDocumentSidebar *self)
{
  if (self->search_ids != NULL || self->searching)
    start_search (self);
  else if (self->status_ids != NULL)
    apply_filters (self);
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
    g_list_model_get_item (shown_model (self), position);

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
  cancel_search (self);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_func (gloss_project_get_documents (self->project),
                                          documents_changed_cb, self);
  g_clear_object (&self->filter);
  g_clear_object (&self->empty);
  g_clear_pointer (&self->search_ids, g_array_unref);
  g_clear_pointer (&self->status_ids, g_hash_table_unref);
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

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Document list: the project's documents, narrowed by the search entry
   * and the status in SQL (GlossDocumentFilter). */
  g_signal_connect_object (self->search_entry, "changed", G_CALLBACK (search_text_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "activate", G_CALLBACK (search_activate_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->status_dropdown, "notify::selected",
                           G_CALLBACK (refresh_status_filter), self, G_CONNECT_SWAPPED);
  self->empty = g_list_store_new (GLOSS_TYPE_DOCUMENT);
  self->document_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->empty)));
  gtk_single_selection_set_autoselect (self->document_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->document_selection, TRUE);
  gtk_single_selection_set_selected (self->document_selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->document_selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document_selection, "items-changed",
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

  cancel_search (self);
  self->searching = FALSE;
  g_clear_pointer (&self->search_ids, g_array_unref);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_func (gloss_project_get_documents (self->project),
                                          documents_changed_cb, self);
  g_set_object (&self->project, project);
  g_clear_object (&self->filter);
  if (project != NULL)
    {
      self->filter = gloss_document_filter_new (gloss_project_get_documents (project));
      /* After the filter's own handler: it has dropped removed documents. */
      g_signal_connect_object (gloss_project_get_documents (project), "items-changed",
                               G_CALLBACK (documents_changed_cb), self,
                               G_CONNECT_SWAPPED | G_CONNECT_AFTER);
    }
  gtk_single_selection_set_model (self->document_selection, shown_model (self));
  refresh_status_filter (self);
  if (project != NULL && *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    start_search (self);
  gtk_single_selection_set_selected (self->document_selection, GTK_INVALID_LIST_POSITION);
  update_document_list_page (self);
}

GListModel *
gloss_document_sidebar_get_documents (GlossDocumentSidebar *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_SIDEBAR (self), NULL);

  return shown_model (self);
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

gboolean
gloss_document_sidebar_is_searching (GlossDocumentSidebar *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_SIDEBAR (self), FALSE);

  return self->searching;
}

void
gloss_document_sidebar_statuses_changed (GlossDocumentSidebar *self)
{
  g_return_if_fail (GLOSS_IS_DOCUMENT_SIDEBAR (self));

  if (gtk_drop_down_get_selected (self->status_dropdown) != STATUS_FILTER_ALL)
    refresh_status_filter (self);
}
