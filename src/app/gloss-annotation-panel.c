/* gloss-annotation-panel.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include "gloss-annotation-panel.h"
#include "gloss-annotation-row.h"
#include "gloss-annotation.h"

/* Characters of covered text a row shows at most (it ellipsizes anyway). */
#define ROW_TEXT_CHARS 200

struct _GlossAnnotationPanel
{
  GtkWidget            parent_instance;

  GlossAnnotationList     *annotations;   /* owned, may be NULL */
  GlossDocumentView       *view;          /* borrowed: gives the covered texts */
  GtkSingleSelection      *selection;     /* owned */
  GlossAnnotationRowCache *row_cache;     /* owned: what the rows showed, see the row */
  char                    *pending_uuid;  /* owned: the selection to show, see select_idle_cb */
  guint                    select_idle_id;

  /* template children */
  GtkListView             *list_view;
  GtkStack                *stack;
};

G_DEFINE_FINAL_TYPE (GlossAnnotationPanel, gloss_annotation_panel, GTK_TYPE_WIDGET)

enum {
  ANNOTATION_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- helpers ----------------------------------------------------------- */

static void
update_page (GlossAnnotationPanel *self)
{
  guint n = 0;

  if (self->annotations != NULL)
    n = g_list_model_get_n_items (G_LIST_MODEL (self->annotations));
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
}

/* A label recoloured: the rows draw again (each keeps its own render
 * node, so the list's redraw alone would not reach them). */
static void
redraw_rows (GlossAnnotationPanel *self)
{
  for (GtkWidget *item = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       item != NULL; item = gtk_widget_get_next_sibling (item))
    for (GtkWidget *row = gtk_widget_get_first_child (item); row != NULL;
         row = gtk_widget_get_next_sibling (row))
      gtk_widget_queue_draw (row);
}

/* The annotation's covered text through the view, which reaches any offset
 * in O(log n), where walking the UTF-8 text from its start on every bind
 * took 20 ms for a screen of rows at the end of a 1 MB document. */
static char *
dup_covered_text (GlossAnnotationPanel *self,
                  GlossAnnotation      *annotation)
{
  /* A claim split by its cue shows its gap: "X … Y". */
  return gloss_document_view_dup_covered_text (self->view, annotation, ROW_TEXT_CHARS,
                                               GLOSS_COVERED_TEXT_GAPS);
}

/* ---- callbacks --------------------------------------------------------- */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              GlossAnnotationPanel     *self)
{
  gtk_list_item_set_child (item, gloss_annotation_row_new_with_cache (self->row_cache));
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             GlossAnnotationPanel     *self)
{
  GlossAnnotation *annotation = gtk_list_item_get_item (item);
  g_autofree char *covered = NULL;
  GlossSchema *schema = NULL;

  /* After an insertion GTK 4.8 binds every row again, mostly to annotations
   * another row showed a moment ago: those need no text and no layout. */
  if (annotation != NULL &&
      gloss_annotation_row_set_annotation_cached (
        GLOSS_ANNOTATION_ROW (gtk_list_item_get_child (item)), annotation))
    return;

  if (self->annotations != NULL)
    schema = gloss_annotation_list_get_schema (self->annotations);
  if (annotation != NULL && self->annotations != NULL && self->view != NULL)
    covered = dup_covered_text (self, annotation);

  gloss_annotation_row_set_annotation_with_text (
    GLOSS_ANNOTATION_ROW (gtk_list_item_get_child (item)), annotation, schema, covered);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  gloss_annotation_row_set_annotation (GLOSS_ANNOTATION_ROW (gtk_list_item_get_child (item)),
                                       NULL, NULL, NULL);
}

static void
activate_cb (GlossAnnotationPanel *self,
             guint                 position)
{
  g_autoptr(GlossAnnotation) annotation = NULL;

  if (self->annotations == NULL)
    return;

  annotation = g_list_model_get_item (G_LIST_MODEL (self->annotations), position);
  if (annotation != NULL)
    g_signal_emit (self, signals[ANNOTATION_ACTIVATED], 0, gloss_annotation_get_uuid (annotation));
}

/* ---- vfuncs ------------------------------------------------------------ */

static void
gloss_annotation_panel_dispose (GObject *object)
{
  GlossAnnotationPanel *self = GLOSS_ANNOTATION_PANEL (object);

  if (self->annotations != NULL)
    g_signal_handlers_disconnect_by_data (self->annotations, self);
  g_clear_object (&self->annotations);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_ANNOTATION_PANEL);
  g_clear_object (&self->selection);
  g_clear_pointer (&self->row_cache, gloss_annotation_row_cache_unref);
  g_clear_handle_id (&self->select_idle_id, g_source_remove);
  g_clear_pointer (&self->pending_uuid, g_free);
  self->view = NULL;

  G_OBJECT_CLASS (gloss_annotation_panel_parent_class)->dispose (object);
}

static void
gloss_annotation_panel_class_init (GlossAnnotationPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_annotation_panel_dispose;

  signals[ANNOTATION_ACTIVATED] =
    g_signal_new ("annotation-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  g_type_ensure (GLOSS_TYPE_ANNOTATION_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/gloss-annotation-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationPanel, list_view);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationPanel, stack);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
}

static void
gloss_annotation_panel_init (GlossAnnotationPanel *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->row_cache = gloss_annotation_row_cache_new ();
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row_cb), self, 0);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  update_page (self);
}

/* ---- public API -------------------------------------------------------- */

GtkWidget *
gloss_annotation_panel_new (void)
{
  return g_object_new (GLOSS_TYPE_ANNOTATION_PANEL, NULL);
}

void
gloss_annotation_panel_set_view (GlossAnnotationPanel *self,
                                 GlossDocumentView    *view)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION_PANEL (self));
  g_return_if_fail (view == NULL || GLOSS_IS_DOCUMENT_VIEW (view));

  self->view = view;
}

GlossAnnotationList *
gloss_annotation_panel_get_annotation_list (GlossAnnotationPanel *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_PANEL (self), NULL);

  return self->annotations;
}

void
gloss_annotation_panel_set_annotation_list (GlossAnnotationPanel *self,
                                            GlossAnnotationList  *annotations)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION_PANEL (self));
  g_return_if_fail (annotations == NULL || GLOSS_IS_ANNOTATION_LIST (annotations));

  if (annotations == self->annotations)
    return;

  if (self->annotations != NULL)
    g_signal_handlers_disconnect_by_data (self->annotations, self);
  g_set_object (&self->annotations, annotations);

  if (annotations != NULL)
    {
      /* Annotation rows take label colours from the schema when they draw. */
      GlossSchema *schema = gloss_annotation_list_get_schema (annotations);

      gloss_annotation_row_cache_set_schema (self->row_cache, schema);
      g_signal_handlers_disconnect_by_func (schema, redraw_rows, self);
      g_signal_connect_object (schema, "changed", G_CALLBACK (redraw_rows), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (annotations, "items-changed", G_CALLBACK (update_page), self,
                               G_CONNECT_SWAPPED);
    }
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (annotations));

  update_page (self);
}

/* The selection made in the text, shown in the list once the frame with
 * the edit is painted: scrolling the list rebinds rows, which is not worth
 * a slower key press, and a held Tab shows only where it stops. */
static gboolean
select_idle_cb (gpointer data)
{
  GlossAnnotationPanel *self = data;
  g_autofree char *uuid = g_steal_pointer (&self->pending_uuid);
  guint position;

  self->select_idle_id = 0;

  if (self->annotations == NULL || uuid == NULL ||
      !gloss_annotation_list_find (self->annotations, uuid, &position))
    {
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      return G_SOURCE_REMOVE;
    }

  if (gtk_single_selection_get_selected (self->selection) == position)
    return G_SOURCE_REMOVE;
  gtk_single_selection_set_selected (self->selection, position);
  if (gtk_widget_get_mapped (GTK_WIDGET (self->list_view)))
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                                position);
  return G_SOURCE_REMOVE;
}

void
gloss_annotation_panel_select_annotation (GlossAnnotationPanel *self,
                                          const char           *uuid)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION_PANEL (self));

  g_free (self->pending_uuid);
  self->pending_uuid = g_strdup (uuid);
  if (self->select_idle_id == 0)
    self->select_idle_id = g_idle_add_full (G_PRIORITY_LOW, select_idle_cb, self, NULL);
}
