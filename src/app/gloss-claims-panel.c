/* gloss-claims-panel.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-annotation.h"
#include "gloss-claim-row.h"
#include "gloss-claims-panel.h"
#include "gloss-schema.h"

struct _GlossClaimsPanel
{
  GtkWidget            parent_instance;

  GlossAnnotationList *annotations;   /* owned */
  GlossSchema         *schema;        /* owned: the list's */
  GtkFilterListModel  *claims;        /* owned */
  GtkCustomFilter     *filter;        /* owned by @claims */
  GHashTable          *bound_rows;    /* GlossClaimRow (borrowed) set */
  GtkSingleSelection  *selection;     /* owned */
  GlossAnnotationList *attached;      /* borrowed: the list @claims filters now */
  char                *pending_uuid;  /* owned: to select once attached */

  /* template children */
  GtkListView         *list_view;
  GtkStack            *stack;
};

G_DEFINE_FINAL_TYPE (GlossClaimsPanel, gloss_claims_panel, GTK_TYPE_WIDGET)

enum {
  ANNOTATION_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void map_cb (GlossClaimsPanel *self);

static gboolean
claim_filter_func (gpointer item,
                   gpointer user_data)
{
  GlossClaimsPanel *self = user_data;
  GlossLabel *label;

  if (self->schema == NULL)
    return FALSE;

  label = gloss_schema_lookup_label (self->schema, gloss_annotation_get_label (item));
  return label != NULL && g_strcmp0 (gloss_label_get_layer (label), GLOSS_CLAIM_LAYER) == 0;
}

static void
update_page (GlossClaimsPanel *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->claims));

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
}

/* Relations and the sources' own texts are not part of the filtered
 * items: refresh the rows on screen. */
static void
refresh_bound_rows (GlossClaimsPanel *self)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->bound_rows);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      GlossClaimRow *row = key;
      GlossAnnotation *claim = gloss_claim_row_get_claim (row);
      GlossAnnotation *current = NULL;

      if (claim != NULL)
        current = gloss_annotation_list_lookup (self->annotations,
                                                gloss_annotation_get_uuid (claim));
      if (current != NULL)
        gloss_claim_row_set_claim (row, self->annotations, current);
    }
}

static void
schema_changed_cb (GlossClaimsPanel *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  refresh_bound_rows (self);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  gtk_list_item_set_child (item, gloss_claim_row_new ());
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         GlossClaimsPanel         *self)
{
  GtkWidget *row = gtk_list_item_get_child (item);

  gloss_claim_row_set_claim (GLOSS_CLAIM_ROW (row), self->annotations,
                             gtk_list_item_get_item (item));
  g_hash_table_add (self->bound_rows, row);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           GlossClaimsPanel         *self)
{
  GtkWidget *row = gtk_list_item_get_child (item);

  g_hash_table_remove (self->bound_rows, row);
  gloss_claim_row_set_claim (GLOSS_CLAIM_ROW (row), NULL, NULL);
}

static void
teardown_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             GlossClaimsPanel         *self)
{
  GtkWidget *row = gtk_list_item_get_child (item);

  if (row != NULL)
    g_hash_table_remove (self->bound_rows, row);
}

static void
activate_cb (GlossClaimsPanel *self,
             guint             position)
{
  g_autoptr(GlossAnnotation) claim = g_list_model_get_item (G_LIST_MODEL (self->claims),
                                                            position);

  if (claim != NULL)
    g_signal_emit (self, signals[ANNOTATION_ACTIVATED], 0, gloss_annotation_get_uuid (claim));
}

static void
gloss_claims_panel_dispose (GObject *object)
{
  GlossClaimsPanel *self = GLOSS_CLAIMS_PANEL (object);

  gloss_claims_panel_set_annotation_list (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_CLAIMS_PANEL);
  g_clear_object (&self->selection);
  g_clear_object (&self->claims);

  G_OBJECT_CLASS (gloss_claims_panel_parent_class)->dispose (object);
}

static void
gloss_claims_panel_finalize (GObject *object)
{
  GlossClaimsPanel *self = GLOSS_CLAIMS_PANEL (object);

  g_clear_pointer (&self->bound_rows, g_hash_table_unref);
  g_clear_pointer (&self->pending_uuid, g_free);

  G_OBJECT_CLASS (gloss_claims_panel_parent_class)->finalize (object);
}

static void
gloss_claims_panel_class_init (GlossClaimsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_claims_panel_dispose;
  object_class->finalize = gloss_claims_panel_finalize;

  signals[ANNOTATION_ACTIVATED] =
    g_signal_new ("annotation-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  g_type_ensure (GLOSS_TYPE_CLAIM_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/gloss-claims-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossClaimsPanel, list_view);
  gtk_widget_class_bind_template_child (widget_class, GlossClaimsPanel, stack);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
}

static void
gloss_claims_panel_init (GlossClaimsPanel *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->bound_rows = g_hash_table_new (NULL, NULL);
  self->filter = gtk_custom_filter_new (claim_filter_func, self, NULL);
  self->claims = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  g_signal_connect_object (self->claims, "items-changed", G_CALLBACK (update_page), self,
                           G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_cb), self, 0);
  g_signal_connect_object (factory, "teardown", G_CALLBACK (teardown_cb), self, 0);
  gtk_list_view_set_factory (self->list_view, factory);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->claims)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect (self, "map", G_CALLBACK (map_cb), NULL);

  update_page (self);
}

GtkWidget *
gloss_claims_panel_new (void)
{
  return g_object_new (GLOSS_TYPE_CLAIMS_PANEL, NULL);
}

GlossAnnotationList *
gloss_claims_panel_get_annotation_list (GlossClaimsPanel *self)
{
  g_return_val_if_fail (GLOSS_IS_CLAIMS_PANEL (self), NULL);

  return self->annotations;
}

static void select_now (GlossClaimsPanel *self,
                        const char       *uuid);

/* The claims are filtered out of the annotations the first time they are
 * shown or asked for, not when a document opens: the panel usually starts
 * on its hidden page, and on a 20,000-annotation document the filter and
 * GtkListView's 200 claim rows cost more than the rest of the panels. */
static void
ensure_attached (GlossClaimsPanel *self)
{
  g_autofree char *uuid = NULL;

  if (self->claims == NULL || self->attached == self->annotations)
    return;

  self->attached = self->annotations;
  gtk_filter_list_model_set_model (self->claims,
                                   self->annotations != NULL ? G_LIST_MODEL (self->annotations)
                                                             : NULL);
  update_page (self);

  uuid = g_steal_pointer (&self->pending_uuid);
  if (uuid != NULL)
    select_now (self, uuid);
}

static void
map_cb (GlossClaimsPanel *self)
{
  ensure_attached (self);
}

void
gloss_claims_panel_set_annotation_list (GlossClaimsPanel    *self,
                                        GlossAnnotationList *annotations)
{
  GlossSchema *schema;

  g_return_if_fail (GLOSS_IS_CLAIMS_PANEL (self));
  g_return_if_fail (annotations == NULL || GLOSS_IS_ANNOTATION_LIST (annotations));

  if (annotations == self->annotations)
    return;

  if (self->annotations != NULL)
    g_signal_handlers_disconnect_by_data (self->annotations, self);
  if (self->schema != NULL)
    g_signal_handlers_disconnect_by_data (self->schema, self);

  /* Detach the model first so that no row is bound to the old list. */
  if (self->claims != NULL)
    gtk_filter_list_model_set_model (self->claims, NULL);
  self->attached = NULL;
  g_clear_pointer (&self->pending_uuid, g_free);

  g_set_object (&self->annotations, annotations);
  schema = annotations != NULL ? gloss_annotation_list_get_schema (annotations) : NULL;
  g_set_object (&self->schema, schema);

  if (annotations != NULL)
    {
      g_signal_connect_object (annotations, "annotation-changed",
                               G_CALLBACK (refresh_bound_rows), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (annotations, "relation-changed",
                               G_CALLBACK (refresh_bound_rows), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (schema, "changed", G_CALLBACK (schema_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  if (annotations == NULL || gtk_widget_get_mapped (GTK_WIDGET (self)))
    ensure_attached (self);
}

GListModel *
gloss_claims_panel_get_claims (GlossClaimsPanel *self)
{
  g_return_val_if_fail (GLOSS_IS_CLAIMS_PANEL (self), NULL);

  ensure_attached (self);
  return G_LIST_MODEL (self->claims);
}

void
gloss_claims_panel_select_annotation (GlossClaimsPanel *self,
                                      const char       *uuid)
{
  g_return_if_fail (GLOSS_IS_CLAIMS_PANEL (self));

  /* Not filtered yet: selected when it is. */
  if (self->attached != self->annotations)
    {
      g_free (self->pending_uuid);
      self->pending_uuid = g_strdup (uuid);
      return;
    }
  select_now (self, uuid);
}

static void
select_now (GlossClaimsPanel *self,
            const char       *uuid)
{
  GListModel *claims;
  guint n;

  claims = G_LIST_MODEL (self->claims);
  n = g_list_model_get_n_items (claims);

  for (guint i = 0; uuid != NULL && i < n; i++)
    {
      g_autoptr(GlossAnnotation) claim = g_list_model_get_item (claims, i);

      if (g_strcmp0 (gloss_annotation_get_uuid (claim), uuid) == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          if (gtk_widget_get_mapped (GTK_WIDGET (self->list_view)))
            gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item",
                                        "u", i);
          return;
        }
    }

  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}
