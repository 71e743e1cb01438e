/* gloss-team-progress-window.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-team-progress-window.h"
#include "gloss-window-bulk-private.h"
#include "gloss-window.h"

struct _GlossTeamProgressWindow
{
  AdwWindow     parent_instance;

  GlossProject *project; /* owned */

  /* template children */
  GtkListBox     *list_box;
  GtkStack       *stack;
  GtkLabel       *summary_label;
  AdwEntryRow    *annotators_row;
  GtkSpinButton  *per_document_spin;
  GtkSpinButton  *seed_spin;
  GtkSwitch      *replace_switch;
  GtkLabel       *assign_label;
  gboolean        prefilled;
};

G_DEFINE_FINAL_TYPE (GlossTeamProgressWindow, gloss_team_progress_window, ADW_TYPE_WINDOW)

#define ROW_ANNOTATOR "gloss-annotator"
#define ROW_FIGURES   "gloss-figures"
#define ROW_LEVEL     "gloss-level"

char *
gloss_team_progress_format_figures (const GlossAnnotatorProgress *p)
{
  g_autofree char *assigned = NULL;
  g_autofree char *annotations = NULL;

  g_return_val_if_fail (p != NULL, NULL);

  /* Translators: part of an annotator's progress line */
  assigned = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u assigned", "%u assigned",
                                           p->n_assigned),
                              p->n_assigned);
  annotations = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u annotation", "%u annotations",
                                              p->n_annotations),
                                 p->n_annotations);
  /* Translators: an annotator's progress: "4 assigned · 1 new · 2 in progress · 1 done ·
   * 37 annotations" */
  return g_strdup_printf (_("%s · %u new · %u in progress · %u done · %s"), assigned, p->n_new,
                             p->n_in_progress, p->n_done, annotations);
}

static GtkWidget *
make_row (const GlossAnnotatorProgress *p)
{
  g_autofree char *figures = gloss_team_progress_format_figures (p);
  g_autofree char *percent = NULL;
  g_autofree char *accessible = NULL;
  guint            counted = p->n_new + p->n_in_progress + p->n_done;
  double           level = counted > 0 ? (double) p->n_done / counted : 0.0;
  GtkWidget       *row = gtk_list_box_row_new ();
  GtkWidget       *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget       *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget       *name = gtk_label_new (p->annotator);
  GtkWidget       *line = gtk_label_new (figures);
  GtkWidget       *bar = gtk_level_bar_new_for_interval (0.0, 1.0);
  GtkWidget       *share;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "heading");
  gtk_label_set_xalign (GTK_LABEL (line), 0);
  gtk_label_set_wrap (GTK_LABEL (line), TRUE);
  gtk_widget_add_css_class (line, "caption");
  gtk_widget_add_css_class (line, "dim-label");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (text), name);
  gtk_box_append (GTK_BOX (text), line);

  /* no offsets: the default ones colour a bar red below 25 % */
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), level);
  gtk_widget_set_size_request (bar, 120, -1);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  /* Translators: the share of an annotator's documents done, "40 %" */
  percent = g_strdup_printf (_("%.0f %%"), level * 100.0);
  share = gtk_label_new (percent);
  gtk_label_set_width_chars (GTK_LABEL (share), 5);
  gtk_label_set_xalign (GTK_LABEL (share), 1);
  gtk_widget_add_css_class (share, "numeric");

  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), share);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  /* Translators: what a screen reader says of an annotator's row:
   * "ana: 4 assigned · …, 25 % done" */
  accessible = g_strdup_printf (_("%s: %s, %s done"), p->annotator, figures, percent);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Share done"), -1);

  g_object_set_data_full (G_OBJECT (row), ROW_ANNOTATOR, g_strdup (p->annotator), g_free);
  g_object_set_data_full (G_OBJECT (row), ROW_FIGURES, g_steal_pointer (&figures), g_free);
  g_object_set_data (G_OBJECT (row), ROW_LEVEL, bar);
  return row;
}

/* "ana, ben ,cleo,, ana" as distinct names, in their order. */
static GPtrArray *
split_names (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", ",", -1);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *name = g_strstrip (parts[i]);

      if (*name != '\0' &&
          !g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_add (names, NULL);
  return names;
}

gboolean
_gloss_team_progress_window_assign (GlossTeamProgressWindow  *self,
                                    const char               *annotators,
                                    guint                     n_per_document,
                                    guint32                   seed,
                                    gboolean                  replace,
                                    GError                  **error)
{
  g_autoptr(GPtrArray) names = split_names (annotators);
  g_autoptr(GlossChangeSet) changes = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autofree char *message = NULL;
  guint added = 0, updated = 0, deleted = 0;

  if (names->len <= 1)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Name the annotators, separated by commas"));
      return FALSE;
    }
  changes = gloss_project_assign_evenly (self->project, (const char * const *) names->pdata,
                                        n_per_document, seed, replace, error);
  if (changes == NULL)
    return FALSE;

  gloss_change_set_count (changes, GLOSS_CHANGE_ASSIGNMENT, &added, &updated, &deleted);
  /* Translators: after Assign Evenly: "12 assignments made, 3 taken back" */
  message = g_strdup_printf (_("%u assignments made, %u taken back"), added, deleted);
  gtk_label_set_label (self->assign_label, message);
  /* one step of the window's history */
  if (GLOSS_IS_WINDOW (parent) && gloss_window_get_project (GLOSS_WINDOW (parent)) == self->project)
    _gloss_window_bulk_take_changes (GLOSS_WINDOW (parent), changes);
  gloss_team_progress_window_refresh (self);
  return TRUE;
}

static void
assign_clicked_cb (GlossTeamProgressWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!_gloss_team_progress_window_assign (
        self, gtk_editable_get_text (GTK_EDITABLE (self->annotators_row)),
        (guint) gtk_spin_button_get_value_as_int (self->per_document_spin),
        (guint32) gtk_spin_button_get_value_as_int (self->seed_spin),
        gtk_switch_get_active (self->replace_switch), &error))
    gtk_label_set_label (self->assign_label, error->message);
}

static void
gloss_team_progress_window_dispose (GObject *object)
{
  GlossTeamProgressWindow *self = GLOSS_TEAM_PROGRESS_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_TEAM_PROGRESS_WINDOW);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (gloss_team_progress_window_parent_class)->dispose (object);
}

static void
gloss_team_progress_window_class_init (GlossTeamProgressWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_team_progress_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/gloss-team-progress-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossTeamProgressWindow, list_box);
  gtk_widget_class_bind_template_child (widget_class, GlossTeamProgressWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, GlossTeamProgressWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, GlossTeamProgressWindow, annotators_row);
  gtk_widget_class_bind_template_child (widget_class, GlossTeamProgressWindow, per_document_spin);
  gtk_widget_class_bind_template_child (widget_class, GlossTeamProgressWindow, seed_spin);
  gtk_widget_class_bind_template_child (widget_class, GlossTeamProgressWindow, replace_switch);
  gtk_widget_class_bind_template_child (widget_class, GlossTeamProgressWindow, assign_label);
  gtk_widget_class_bind_template_callback (widget_class, assign_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gloss_team_progress_window_init (GlossTeamProgressWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
gloss_team_progress_window_new (GtkWindow    *parent,
                                GlossProject *project)
{
  GlossTeamProgressWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (GLOSS_IS_PROJECT (project), NULL);

  self = g_object_new (GLOSS_TYPE_TEAM_PROGRESS_WINDOW, "transient-for", parent,
                       "destroy-with-parent", TRUE, NULL);
  self->project = g_object_ref (project);
  gloss_team_progress_window_refresh (self);
  return GTK_WIDGET (self);
}

void
gloss_team_progress_window_refresh (GlossTeamProgressWindow *self)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  GtkWidget       *child;
  guint            n_done = 0, n_counted = 0;

  g_return_if_fail (GLOSS_IS_TEAM_PROGRESS_WINDOW (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);

  all = gloss_project_dup_annotator_progress (self->project, &error);
  if (all == NULL)
    {
      g_warning ("Cannot read the team's progress: %s", error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  for (guint i = 0; i < all->len; i++)
    {
      GlossAnnotatorProgress *p = all->pdata[i];

      gtk_list_box_append (self->list_box, make_row (p));
      n_done += p->n_done;
      n_counted += p->n_new + p->n_in_progress + p->n_done;
    }
  /* Translators: above the list of annotators: "3 annotators · 12 of 40 done" */
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u annotator · %u of %u done",
                                          "%u annotators · %u of %u done", all->len),
                             all->len, n_done, n_counted);
  gtk_label_set_label (self->summary_label, summary);
  /* the names the lead is likely to assign to, once */
  if (!self->prefilled && all->len > 0)
    {
      GString *names = g_string_new (NULL);

      for (guint i = 0; i < all->len; i++)
        g_string_append_printf (names, "%s%s", i > 0 ? ", " : "",
                                ((GlossAnnotatorProgress *) all->pdata[i])->annotator);
      gtk_editable_set_text (GTK_EDITABLE (self->annotators_row), names->str);
      g_string_free (names, TRUE);
    }
  self->prefilled = TRUE;
  /* the list page also holds the assigning */
  gtk_stack_set_visible_child_name (self->stack, "list");
}

GtkWidget *
_gloss_team_progress_window_get_row (GlossTeamProgressWindow *self,
                                     const char              *annotator)
{
  g_return_val_if_fail (GLOSS_IS_TEAM_PROGRESS_WINDOW (self), NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_box)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), ROW_ANNOTATOR), annotator) == 0)
      return row;
  return NULL;
}

const char *
_gloss_team_progress_row_get_figures (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), ROW_FIGURES);
}

double
_gloss_team_progress_row_get_done_level (GtkWidget *row)
{
  return gtk_level_bar_get_value (g_object_get_data (G_OBJECT (row), ROW_LEVEL));
}
