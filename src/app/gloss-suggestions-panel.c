/* gloss-suggestions-panel.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-annotation.h"
#include "gloss-document.h"
#include "gloss-suggest.h"
#include "gloss-suggestions-panel.h"

/* One suggester's row. */
typedef struct
{
  char      *name;
  GtkWidget *row;    /* borrowed: in suggesters_list */
  GtkSwitch *toggle; /* borrowed */
  GtkLabel  *status; /* borrowed */
  gboolean   enabled;
  char      *text; /* owned: what it says, or NULL: its count */
  gboolean   problem;
} SuggesterRow;

static void
suggester_row_free (SuggesterRow *row)
{
  g_free (row->name);
  g_free (row->text);
  g_free (row);
}

enum
{
  SUGGESTER_TOGGLED,
  REFRESHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

struct _GlossSuggestionsPanel
{
  GtkWidget          parent_instance;

  GlossDocumentView *view;    /* weak */
  GPtrArray         *shown;   /* owned: GlossSuggestion, one per row */
  GListStore        *store;   /* owned: the same, for the list view */
  GtkSingleSelection *selection; /* owned */
  GHashTable        *rows;    /* owned: suggestion id -> row index + 1 */
  char              *problem; /* owned, nullable */
  gboolean           running;
  gboolean           selecting; /* the panel sets the view's selection */
  GPtrArray         *suggesters; /* owned: SuggesterRow, as gloss_suggester_list_names () */
  gboolean           toggling;   /* the panel sets a switch */

  /* template children */
  GtkButton         *accept_all_button;
  GtkCheckButton    *by_score_check;
  GtkButton         *cancel_button;
  GtkListView       *list;
  GtkProgressBar    *progress_bar;
  GtkButton         *suggest_button;
  GtkExpander       *suggesters_expander;
  GtkLabel          *suggesters_summary;
  GtkListBox        *suggesters_list;
  GtkAdjustment     *score_adjustment;
  GtkSpinner        *spinner;
  GtkLabel          *status_label;
};

G_DEFINE_FINAL_TYPE (GlossSuggestionsPanel, gloss_suggestions_panel, GTK_TYPE_WIDGET)

/* ---- rows ----------------------------------------------------------------- */

/* Rows are made for what is on screen only: a document can have tens of
 * thousands of suggestions (12,000 on 1 MB), which a row each would take
 * seconds to build at every decision. */
static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *words = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 2);
  gtk_widget_set_margin_bottom (box, 2);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_label_set_width_chars (GTK_LABEL (label), 8);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_xalign (GTK_LABEL (words), 0);
  gtk_label_set_ellipsize (GTK_LABEL (words), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (words, TRUE);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), words);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_list_item_set_child (item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             GlossSuggestionsPanel    *self)
{
  GlossSuggestion     *s = gtk_list_item_get_item (item);
  GtkWidget           *box = gtk_list_item_get_child (item);
  GtkWidget           *label = gtk_widget_get_first_child (box);
  GtkWidget           *words = gtk_widget_get_next_sibling (label);
  GtkWidget           *detail = gtk_widget_get_next_sibling (words);
  const GlossFragment *f;
  g_autofree char     *covered = NULL;
  g_autofree char     *score = NULL;
  g_autofree char     *accessible = NULL;
  guint                n;

  if (self->view == NULL || gloss_document_view_get_document (self->view) == NULL)
    return;
  f = gloss_suggestion_get_fragments (s, &n);
  covered = gloss_document_view_dup_fragments_text (self->view, f, n, 120,
                                                    GLOSS_COVERED_TEXT_ONE_LINE |
                                                      GLOSS_COVERED_TEXT_GAPS |
                                                      GLOSS_COVERED_TEXT_ELLIPSIS);
  score = g_strdup_printf ("%.2f · %s", gloss_suggestion_get_score (s),
                           gloss_suggestion_get_suggester (s));
  gtk_label_set_text (GTK_LABEL (label), gloss_suggestion_get_label (s));
  gtk_label_set_text (GTK_LABEL (words), covered);
  gtk_label_set_text (GTK_LABEL (detail), score);
  accessible = g_strdup_printf ("%s %s", gloss_suggestion_get_label (s), covered);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  /* the row a screen reader walks is the list's own item, the box's parent */
  if (gtk_widget_get_parent (box) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (box)),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

/* ---- the suggesters ---------------------------------------------------------- */

static const char *
display_name (const char *name)
{
  if (g_str_equal (name, "rules"))
    return _("Rules");
  if (g_str_equal (name, "gazetteer"))
    return _("Gazetteer");
  if (g_str_equal (name, "model"))
    return _("Learned model");
  if (g_str_equal (name, "ls-backend"))
    return _("Label Studio ML backend");
  if (g_str_equal (name, "openai"))
    return _("Language model server");
  return name;
}

static SuggesterRow *
find_suggester (GlossSuggestionsPanel *self,
                const char            *name)
{
  for (guint i = 0; i < self->suggesters->len; i++)
    {
      SuggesterRow *row = g_ptr_array_index (self->suggesters, i);

      if (g_str_equal (row->name, name))
        return row;
    }
  return NULL;
}

static void
toggled_cb (GtkSwitch             *toggle,
            GParamSpec            *pspec,
            GlossSuggestionsPanel *self)
{
  SuggesterRow *row = g_object_get_data (G_OBJECT (toggle), "gloss-suggester-row");

  if (self->toggling || row == NULL)
    return;
  row->enabled = gtk_switch_get_active (toggle);
  g_signal_emit (self, signals[SUGGESTER_TOGGLED], 0, row->name, row->enabled);
}

static void
add_suggester_rows (GlossSuggestionsPanel *self)
{
  const char * const *names = gloss_suggester_list_names ();

  self->suggesters = g_ptr_array_new_with_free_func ((GDestroyNotify) suggester_row_free);
  for (guint i = 0; names[i] != NULL; i++)
    {
      SuggesterRow *row = g_new0 (SuggesterRow, 1);
      GtkWidget    *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget    *title = gtk_label_new (display_name (names[i]));
      GtkWidget    *status = gtk_label_new (NULL);
      GtkWidget    *toggle = gtk_switch_new ();

      row->name = g_strdup (names[i]);
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_label_set_xalign (GTK_LABEL (status), 1);
      gtk_label_set_ellipsize (GTK_LABEL (status), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (status, TRUE);
      gtk_widget_add_css_class (status, "caption");
      gtk_widget_add_css_class (status, "dim-label");
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      display_name (names[i]), -1);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (toggle),
                                      GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, status, NULL, -1);
      g_object_set_data (G_OBJECT (toggle), "gloss-suggester-row", row);
      g_signal_connect (toggle, "notify::active", G_CALLBACK (toggled_cb), self);
      gtk_box_append (GTK_BOX (box), toggle);
      gtk_box_append (GTK_BOX (box), title);
      gtk_box_append (GTK_BOX (box), status);
      gtk_widget_set_margin_top (box, 3);
      gtk_widget_set_margin_bottom (box, 3);

      row->row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row->row), box);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row->row), FALSE);
      row->toggle = GTK_SWITCH (toggle);
      row->status = GTK_LABEL (status);
      gtk_list_box_append (self->suggesters_list, row->row);
      g_ptr_array_add (self->suggesters, row);
    }
}

/* Each row's words, and the summary the collapsed list shows. */
static void
update_suggesters (GlossSuggestionsPanel *self)
{
  g_autoptr(GString) summary = g_string_new (NULL);
  gboolean any_problem = FALSE;

  for (guint i = 0; i < self->suggesters->len; i++)
    {
      SuggesterRow    *row = g_ptr_array_index (self->suggesters, i);
      g_autofree char *text = NULL;
      guint            count = 0;

      for (guint j = 0; self->shown != NULL && j < self->shown->len; j++)
        if (g_strcmp0 (gloss_suggestion_get_suggester (g_ptr_array_index (self->shown, j)),
                       row->name) == 0)
          count++;
      if (row->text != NULL)
        text = g_strdup (row->text);
      else if (!row->enabled)
        text = g_strdup (_("Off"));
      else
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u pending", "%u pending", count),
                                count);
      gtk_label_set_text (row->status, text);
      gtk_widget_set_tooltip_text (GTK_WIDGET (row->status), text);
      if (row->problem)
        {
          gtk_widget_remove_css_class (GTK_WIDGET (row->status), "dim-label");
          gtk_widget_add_css_class (GTK_WIDGET (row->status), "warning");
        }
      else
        {
          gtk_widget_remove_css_class (GTK_WIDGET (row->status), "warning");
          gtk_widget_add_css_class (GTK_WIDGET (row->status), "dim-label");
        }
      self->toggling = TRUE;
      gtk_switch_set_active (row->toggle, row->enabled);
      self->toggling = FALSE;

      any_problem |= row->problem;
      if (row->enabled)
        g_string_append_printf (summary, "%s%s", summary->len > 0 ? ", " : "",
                                display_name (row->name));
    }
  if (summary->len == 0)
    g_string_assign (summary, _("none runs"));
  g_string_prepend (summary, any_problem ? _("Suggesters (a problem): ") : _("Suggesters: "));
  gtk_label_set_text (self->suggesters_summary, summary->str);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->suggesters_expander),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, summary->str, -1);
}

void
gloss_suggestions_panel_set_suggester (GlossSuggestionsPanel *self,
                                       const char            *name,
                                       gboolean               enabled,
                                       const char            *status,
                                       gboolean               problem)
{
  SuggesterRow *row;

  g_return_if_fail (GLOSS_IS_SUGGESTIONS_PANEL (self));
  g_return_if_fail (name != NULL);

  row = find_suggester (self, name);
  if (row == NULL)
    return;
  row->enabled = enabled;
  g_free (row->text);
  row->text = g_strdup (status);
  row->problem = problem && status != NULL;
  update_suggesters (self);
}

const char *
gloss_suggestions_panel_get_suggester_status (GlossSuggestionsPanel *self,
                                              const char            *name)
{
  SuggesterRow *row;

  g_return_val_if_fail (GLOSS_IS_SUGGESTIONS_PANEL (self), NULL);

  row = find_suggester (self, name);
  return row != NULL ? gtk_label_get_text (row->status) : NULL;
}

void
gloss_suggestions_panel_set_progress (GlossSuggestionsPanel *self,
                                      double                 fraction)
{
  g_return_if_fail (GLOSS_IS_SUGGESTIONS_PANEL (self));

  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), fraction >= 0);
  if (fraction >= 0)
    gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
}

static void
update_status (GlossSuggestionsPanel *self)
{
  g_autofree char *text = NULL;
  guint            n = self->shown != NULL ? self->shown->len : 0;

  if (self->running)
    text = g_strdup (_("Suggesting…"));
  else if (self->problem != NULL)
    text = g_strdup (self->problem);
  else if (n == 0)
    text = g_strdup (_("No pending suggestions"));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u pending: N next, Enter accept, Backspace reject",
                                         "%u pending: N next, Enter accept, Backspace reject", n),
                            n);
  gtk_label_set_text (self->status_label, text);
  gtk_spinner_set_spinning (self->spinner, self->running);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->running);
  gtk_widget_set_visible (GTK_WIDGET (self->suggest_button), !self->running);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), self->running);
  if (!self->running)
    gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->accept_all_button), n > 0);
  if (self->suggesters != NULL)
    update_suggesters (self);
}

static void
sync_selection (GlossSuggestionsPanel *self)
{
  GlossSuggestion *selected = self->view != NULL
                              ? gloss_document_view_get_selected_suggestion (self->view)
                              : NULL;
  guint            index = 0;

  if (selected != NULL)
    index = GPOINTER_TO_UINT (g_hash_table_lookup (self->rows, gloss_suggestion_get_id (selected)));
  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->selection,
                                     index > 0 ? index - 1 : GTK_INVALID_LIST_POSITION);
  if (index > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->list), "list.scroll-to-item", "u", index - 1);
  self->selecting = FALSE;
}

static gboolean
same_rows (GPtrArray *a,
           GPtrArray *b)
{
  if (a == NULL || b == NULL || a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (g_ptr_array_index (a, i) != g_ptr_array_index (b, i))
      return FALSE;
  return TRUE;
}

void
gloss_suggestions_panel_refresh (GlossSuggestionsPanel *self)
{
  g_autoptr(GPtrArray) pending = NULL;

  g_return_if_fail (GLOSS_IS_SUGGESTIONS_PANEL (self));

  if (self->view != NULL && gloss_document_view_get_document (self->view) != NULL)
    pending = gloss_document_view_dup_pending_suggestions (self->view);
  else
    pending = g_ptr_array_new_with_free_func (g_object_unref);
  /* a decision moves the selection: the rows change only when what is
   * pending does */
  if (!same_rows (self->shown, pending))
    {
      g_clear_pointer (&self->shown, g_ptr_array_unref);
      self->shown = g_steal_pointer (&pending);
      g_hash_table_remove_all (self->rows);
      for (guint i = 0; i < self->shown->len; i++)
        g_hash_table_insert (self->rows,
                             (gpointer) gloss_suggestion_get_id (
                               g_ptr_array_index (self->shown, i)),
                             GUINT_TO_POINTER (i + 1));
      self->selecting = TRUE;
      g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                           self->shown->pdata, self->shown->len);
      self->selecting = FALSE;
    }
  update_status (self);
  sync_selection (self);
  g_signal_emit (self, signals[REFRESHED], 0);
}

/* ---- callbacks -------------------------------------------------------------- */

static void
row_activated_cb (GlossSuggestionsPanel *self,
                  guint                  position)
{
  if (self->view == NULL || self->shown == NULL || position >= self->shown->len)
    return;
  gloss_document_view_select_suggestion (self->view, g_ptr_array_index (self->shown, position));
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static void
score_changed_cb (GlossSuggestionsPanel *self)
{
  if (self->view != NULL)
    gloss_document_view_set_accept_score (self->view,
                                          gtk_adjustment_get_value (self->score_adjustment));
}

static void
accept_all_clicked_cb (GlossSuggestionsPanel *self)
{
  if (self->view != NULL)
    gloss_document_view_accept_all_suggestions (self->view);
}

static void
view_selection_cb (GlossSuggestionsPanel *self)
{
  /* a decision selects the next one: the list follows what is pending */
  gloss_suggestions_panel_refresh (self);
}

/* ---- GObject ----------------------------------------------------------------- */

static void
gloss_suggestions_panel_dispose (GObject *object)
{
  GlossSuggestionsPanel *self = GLOSS_SUGGESTIONS_PANEL (object);
  GtkWidget             *child;

  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (self->view, self);
  g_clear_weak_pointer (&self->view);
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->suggesters, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_SUGGESTIONS_PANEL);
  /* GTK 4.8 unparents only the template children with an id */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (gloss_suggestions_panel_parent_class)->dispose (object);
}

static void
gloss_suggestions_panel_finalize (GObject *object)
{
  GlossSuggestionsPanel *self = GLOSS_SUGGESTIONS_PANEL (object);

  g_free (self->problem);
  g_clear_object (&self->selection);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (gloss_suggestions_panel_parent_class)->finalize (object);
}

static void
gloss_suggestions_panel_class_init (GlossSuggestionsPanelClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_suggestions_panel_dispose;
  object_class->finalize = gloss_suggestions_panel_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossapp/Gloss/"
                                               "gloss-suggestions-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossSuggestionsPanel, accept_all_button);
  gtk_widget_class_bind_template_child (widget_class, GlossSuggestionsPanel, by_score_check);
  gtk_widget_class_bind_template_child (widget_class, GlossSuggestionsPanel, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, GlossSuggestionsPanel, list);
  gtk_widget_class_bind_template_child (widget_class, GlossSuggestionsPanel, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, GlossSuggestionsPanel, suggest_button);
  gtk_widget_class_bind_template_child (widget_class, GlossSuggestionsPanel,
                                        suggesters_expander);
  gtk_widget_class_bind_template_child (widget_class, GlossSuggestionsPanel, suggesters_list);
  gtk_widget_class_bind_template_child (widget_class, GlossSuggestionsPanel,
                                        suggesters_summary);
  gtk_widget_class_bind_template_child (widget_class, GlossSuggestionsPanel, score_adjustment);
  gtk_widget_class_bind_template_child (widget_class, GlossSuggestionsPanel, spinner);
  gtk_widget_class_bind_template_child (widget_class, GlossSuggestionsPanel, status_label);
  gtk_widget_class_bind_template_callback (widget_class, accept_all_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, score_changed_cb);
  gtk_widget_class_set_css_name (widget_class, "suggestionspanel");

  /* The user turned a suggester on or off (its name, whether it runs). */
  signals[SUGGESTER_TOGGLED] =
    g_signal_new ("suggester-toggled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);
  /* The list was read again (its number of rows may differ). */
  signals[REFRESHED] = g_signal_new ("refreshed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
gloss_suggestions_panel_init (GlossSuggestionsPanel *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_hash_table_new (g_str_hash, g_str_equal);
  self->store = g_list_store_new (GLOSS_TYPE_SUGGESTION);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->store)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_list_view_set_factory (self->list, factory);
  gtk_list_view_set_model (self->list, GTK_SELECTION_MODEL (self->selection));
  add_suggester_rows (self);
  update_status (self);
}

/* ---- public API ------------------------------------------------------------- */

GtkWidget *
gloss_suggestions_panel_new (void)
{
  return g_object_new (GLOSS_TYPE_SUGGESTIONS_PANEL, NULL);
}

void
gloss_suggestions_panel_set_view (GlossSuggestionsPanel *self,
                                  GlossDocumentView     *view)
{
  g_return_if_fail (GLOSS_IS_SUGGESTIONS_PANEL (self));

  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (self->view, self);
  g_set_weak_pointer (&self->view, view);
  if (view != NULL)
    {
      g_signal_connect_object (view, "notify::selected-suggestion",
                               G_CALLBACK (view_selection_cb), self, G_CONNECT_SWAPPED);
      gloss_document_view_set_accept_score (view,
                                            gtk_adjustment_get_value (self->score_adjustment));
    }
  gloss_suggestions_panel_refresh (self);
}

void
gloss_suggestions_panel_set_running (GlossSuggestionsPanel *self,
                                     gboolean               running)
{
  g_return_if_fail (GLOSS_IS_SUGGESTIONS_PANEL (self));
  self->running = running;
  update_status (self);
}

void
gloss_suggestions_panel_set_problem (GlossSuggestionsPanel *self,
                                     const char            *problem)
{
  g_return_if_fail (GLOSS_IS_SUGGESTIONS_PANEL (self));
  g_free (self->problem);
  self->problem = g_strdup (problem);
  update_status (self);
}

guint
gloss_suggestions_panel_get_n_rows (GlossSuggestionsPanel *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTIONS_PANEL (self), 0);
  return self->shown != NULL ? self->shown->len : 0;
}

const char *
gloss_suggestions_panel_get_status (GlossSuggestionsPanel *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTIONS_PANEL (self), NULL);
  return gtk_label_get_text (self->status_label);
}

GtkWidget *
gloss_suggestions_panel_get_by_score_button (GlossSuggestionsPanel *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTIONS_PANEL (self), NULL);
  return GTK_WIDGET (self->by_score_check);
}
