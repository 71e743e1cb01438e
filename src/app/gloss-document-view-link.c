/* gloss-document-view-link.c: link mode, relations from the selected annotation
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-annotation.h"
#include "gloss-command.h"
#include "gloss-document-view-private.h"
#include "gloss-frame.h"
#include "gloss-relation.h"
#include "gloss-schema.h"

static void
ensure_link_labels (GlossDocumentView *self)
{
  GListModel *labels;
  const char *source;

  g_clear_pointer (&self->link_labels, g_hash_table_unref);
  self->link_labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (self->schema == NULL || self->selected == NULL)
    return;

  source = gloss_annotation_get_label (self->selected);
  labels = gloss_schema_get_labels (self->schema);
  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (labels, i);
      g_autoptr(GPtrArray) types = NULL;

      types = gloss_schema_dup_relation_types_between (self->schema, source,
                                                       gloss_label_get_name (label));
      if (types != NULL && types->len > 0)
        g_hash_table_add (self->link_labels, g_strdup (gloss_label_get_name (label)));
    }
}

gboolean
_gloss_document_view_is_link_candidate (GlossDocumentView *self,
                                        GlossAnnotation   *annotation)
{
  return !_gloss_document_view_same (annotation, self->selected) &&
         g_hash_table_contains (self->link_labels, gloss_annotation_get_label (annotation));
}

/* The link candidates near the source, best first: measured from each of
 * its fragments, those between the fragments of a split claim and those
 * in its sentence or quotation first, the annotations it is linked to
 * already last (gloss_frame_rank_candidates()). A new array of borrowed
 * annotations. */
static GPtrArray *
rank_candidates (GlossDocumentView *self)
{
  g_autofree const char **targets = NULL;

  targets = (const char **) g_hash_table_get_keys_as_array (self->link_labels, NULL);
  return gloss_frame_rank_candidates (self->annotations, _gloss_document_view_get_text (self),
                                      self->selected, targets, NULL, NULL, TRUE);
}

void
_gloss_document_view_update_link_hint (GlossDocumentView *self)
{
  g_autoptr(GPtrArray) types = NULL;
  g_autoptr(GString) hint = g_string_new (NULL);
  g_autofree char *text = NULL;

  if (!self->linking)
    {
      _gloss_document_view_set_hint (self, NULL);
      return;
    }

  if (self->link_target == NULL)
    {
      /* Translators: shown while linking and no target could be proposed */
      g_string_printf (hint, _("Link %s to: click an annotation · Esc cancels"),
                       gloss_annotation_get_label (self->selected));
      _gloss_document_view_set_hint (self, hint->str);
      return;
    }

  text = _gloss_document_view_dup_short_text (self, self->link_target);
  types = gloss_schema_dup_relation_types_between (self->schema,
                                                   gloss_annotation_get_label (self->selected),
                                                   gloss_annotation_get_label (self->link_target));
  /* Translators: "Link CLAIM → PERSON “John Smith”:" then the relation types */
  g_string_printf (hint, _("Link %s → %s “%s”:"),
                   gloss_annotation_get_label (self->selected),
                   gloss_annotation_get_label (self->link_target), text);
  for (guint i = 0; types != NULL && i < types->len && i < 9; i++)
    g_string_append_printf (hint, "%s%u %s", i == 0 ? "  " : " · ", i + 1,
                            gloss_relation_type_get_name (g_ptr_array_index (types, i)));
  g_string_append (hint, "\n");
  g_string_append (hint, types != NULL && types->len == 1
                           ? _("Enter: link · Tab: another target · Esc: cancel")
                           : _("1–9: link with that type · Tab: another target · Esc: cancel"));
  _gloss_document_view_set_hint (self, hint->str);
}

static void
set_link_target (GlossDocumentView *self,
                 GlossAnnotation   *target)
{
  g_set_object (&self->link_target, target);
  if (target != NULL)
    _gloss_document_view_scroll_to_offset (self, gloss_annotation_get_start (target));
  _gloss_document_view_update_link_hint (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_gloss_document_view_cancel_link (GlossDocumentView *self)
{
  if (!self->linking)
    return;

  self->linking = FALSE;
  g_clear_object (&self->link_target);
  if (self->relation_popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->relation_popover));
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  _gloss_document_view_update_link_hint (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  _gloss_document_view_update_actions (self);
  _gloss_document_view_notify (self, PROP_LINKING);
}

static gboolean
create_relation (GlossDocumentView *self,
                 GlossAnnotation   *target,
                 const char        *type)
{
  g_autoptr(GlossRelation) relation = NULL;
  g_autoptr(GlossCommand) command = NULL;
  g_autofree char *description = NULL;
  g_autofree char *message = NULL;

  relation = gloss_relation_new (type, gloss_annotation_get_uuid (self->selected),
                                 gloss_annotation_get_uuid (target), NULL);
  /* Translators: the undo description of a new relation, e.g. "Link attributed-to" */
  description = g_strdup_printf (_("Link %s"), type);
  command = gloss_command_new (description);
  gloss_command_add_relation (command, relation);
  if (!_gloss_document_view_apply_command (self, command))
    return FALSE;

  /* Translators: after linking, e.g. "Linked CLAIM —attributed-to→ PERSON" */
  message = g_strdup_printf (_("Linked %s —%s→ %s"),
                             gloss_annotation_get_label (self->selected), type,
                             gloss_annotation_get_label (target));
  _gloss_document_view_cancel_link (self);
  _gloss_document_view_emit_message (self, message);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

static void
relation_button_clicked_cb (GtkButton         *button,
                            GlossDocumentView *self)
{
  const char *type = g_object_get_data (G_OBJECT (button), "relation-type");
  g_autoptr(GlossAnnotation) target = NULL;

  gtk_popover_popdown (GTK_POPOVER (self->relation_popover));
  if (self->linking && self->link_target != NULL && type != NULL)
    {
      target = g_object_ref (self->link_target);
      create_relation (self, target, type);
    }
}

static gboolean
relation_popover_key_cb (GtkEventControllerKey *controller,
                         guint                  keyval,
                         guint                  keycode,
                         GdkModifierType        state,
                         GlossDocumentView     *self)
{
  GtkWidget *child;
  guint index;

  if (keyval < GDK_KEY_1 || keyval > GDK_KEY_9)
    return FALSE;

  index = keyval - GDK_KEY_1;
  child = gtk_widget_get_first_child (self->relation_box);
  while (child != NULL && index-- > 0)
    child = gtk_widget_get_next_sibling (child);
  if (child != NULL)
    g_signal_emit_by_name (child, "clicked");
  return TRUE;
}

static void
show_relation_popover (GlossDocumentView *self,
                       GPtrArray         *types)
{
  GtkWidget *child;

  if (self->relation_popover == NULL)
    {
      GtkEventController *controller;

      self->relation_popover = gtk_popover_new ();
      gtk_widget_set_parent (self->relation_popover, GTK_WIDGET (self));
      self->relation_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      gtk_popover_set_child (GTK_POPOVER (self->relation_popover), self->relation_box);
      controller = gtk_event_controller_key_new ();
      g_signal_connect_object (controller, "key-pressed",
                               G_CALLBACK (relation_popover_key_cb), self, 0);
      gtk_widget_add_controller (self->relation_popover, controller);
      g_signal_connect_object (self->relation_popover, "closed",
                               G_CALLBACK (_gloss_document_view_popover_closed_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->relation_popover),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Relation type"), -1);
    }

  while ((child = gtk_widget_get_first_child (self->relation_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->relation_box), child);

  for (guint i = 0; i < types->len && i < 9; i++)
    {
      GlossRelationType *type = g_ptr_array_index (types, i);
      g_autofree char *text = g_strdup_printf ("_%u  %s", i + 1,
                                               gloss_relation_type_get_name (type));
      GtkWidget *button = gtk_button_new_with_mnemonic (text);

      gtk_widget_add_css_class (button, "flat");
      gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), 0.0);
      if (gloss_relation_type_get_description (type) != NULL)
        gtk_widget_set_tooltip_text (button, gloss_relation_type_get_description (type));
      g_object_set_data_full (G_OBJECT (button), "relation-type",
                              g_strdup (gloss_relation_type_get_name (type)), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (relation_button_clicked_cb),
                               self, 0);
      gtk_box_append (GTK_BOX (self->relation_box), button);
    }

  _gloss_document_view_point_popover_at (self, self->relation_popover,
                                         gloss_annotation_get_start (self->link_target),
                                         gloss_annotation_get_end (self->link_target));
  gtk_popover_popup (GTK_POPOVER (self->relation_popover));
  child = gtk_widget_get_first_child (self->relation_box);
  if (child != NULL)
    gtk_widget_grab_focus (child);
}

/* Links the source to the current target: with @choice 1..9 the type of
 * that number, with 0 the only type or else a popover to choose. */
gboolean
_gloss_document_view_confirm_link (GlossDocumentView *self,
                                   guint              choice)
{
  g_autoptr(GPtrArray) types = NULL;
  g_autoptr(GlossAnnotation) target = NULL;

  if (!self->linking || self->link_target == NULL)
    return FALSE;

  target = g_object_ref (self->link_target);
  types = gloss_schema_dup_relation_types_between (self->schema,
                                                   gloss_annotation_get_label (self->selected),
                                                   gloss_annotation_get_label (target));
  if (types == NULL || types->len == 0)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("No relation from %s to %s in this schema"),
                                 gloss_annotation_get_label (self->selected),
                                 gloss_annotation_get_label (target));
      _gloss_document_view_emit_message (self, message);
      return FALSE;
    }

  if (choice > 0)
    {
      if (choice > types->len)
        return FALSE;
      return create_relation (self, target,
                              gloss_relation_type_get_name (g_ptr_array_index (types,
                                                                               choice - 1)));
    }

  if (types->len == 1)
    return create_relation (self, target,
                            gloss_relation_type_get_name (g_ptr_array_index (types, 0)));

  show_relation_popover (self, types);
  return TRUE;
}

/* Enters link mode from the selected annotation; with @propose, the nearest
 * compatible annotation is the proposed target (and scrolled to). */
gboolean
_gloss_document_view_begin_link (GlossDocumentView *self,
                                 gboolean           propose)
{
  if (self->annotations == NULL || self->selected == NULL)
    {
      _gloss_document_view_emit_message (self, _("Select the annotation to link from first"));
      return FALSE;
    }

  ensure_link_labels (self);
  if (g_hash_table_size (self->link_labels) == 0)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("No relation starts from %s in this schema"),
                                 gloss_annotation_get_label (self->selected));
      _gloss_document_view_emit_message (self, message);
      return FALSE;
    }

  _gloss_document_view_cancel_frame (self);
  self->linking = TRUE;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "crosshair");
  if (propose)
    {
      g_autoptr(GPtrArray) ranked = rank_candidates (self);

      set_link_target (self, ranked->len > 0 ? g_ptr_array_index (ranked, 0) : NULL);
    }
  else
    _gloss_document_view_update_link_hint (self);
  _gloss_document_view_update_actions (self);
  _gloss_document_view_notify (self, PROP_LINKING);
  return TRUE;
}

gboolean
gloss_document_view_start_link (GlossDocumentView *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), FALSE);

  return _gloss_document_view_begin_link (self, TRUE);
}

gboolean
gloss_document_view_link_to (GlossDocumentView *self,
                             GlossAnnotation   *target,
                             guint              choice)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), FALSE);
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (target), FALSE);

  if (!self->linking && !gloss_document_view_start_link (self))
    return FALSE;

  g_set_object (&self->link_target, target);
  _gloss_document_view_update_link_hint (self);
  return _gloss_document_view_confirm_link (self, choice);
}

static gboolean
same_annotation (gconstpointer a,
                 gconstpointer b)
{
  return _gloss_document_view_same ((GlossAnnotation *) a, (GlossAnnotation *) b);
}

void
_gloss_document_view_cycle_link_target (GlossDocumentView *self,
                                        int                direction)
{
  GListModel *model = G_LIST_MODEL (self->annotations);
  guint n = g_list_model_get_n_items (model);
  guint position = 0;
  GlossAnnotation *from = self->link_target != NULL ? self->link_target : self->selected;
  g_autoptr(GPtrArray) ranked = rank_candidates (self);

  /* Through the ranked candidates near the source, when the target is
   * one of them; else (a target clicked far away) in document order. */
  if (ranked->len > 0 && (self->link_target == NULL ||
                          g_ptr_array_find_with_equal_func (ranked, self->link_target,
                                                            same_annotation, &position)))
    {
      guint next = self->link_target == NULL
                   ? (direction > 0 ? 0 : ranked->len - 1)
                   : (position + (direction > 0 ? 1 : ranked->len - 1)) % ranked->len;

      set_link_target (self, g_ptr_array_index (ranked, next));
      return;
    }

  if (n == 0 || !gloss_annotation_list_find (self->annotations,
                                             gloss_annotation_get_uuid (from), &position))
    return;

  for (guint k = 1; k < n; k++)
    {
      guint i = direction > 0 ? (position + k) % n : (position + n - k) % n;
      g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (model, i);

      if (_gloss_document_view_is_link_candidate (self, annotation))
        {
          set_link_target (self, annotation);
          return;
        }
    }
}

/* A click at @offset in link mode picks the innermost annotation there
 * that the schema lets the source reach, or else the innermost one. */
void
_gloss_document_view_link_to_offset (GlossDocumentView *self,
                                     guint              offset)
{
  g_autoptr(GPtrArray) hits = _gloss_document_view_annotations_at (self, offset);
  GlossAnnotation *target = NULL;

  for (guint i = 0; i < hits->len && target == NULL; i++)
    if (_gloss_document_view_is_link_candidate (self, g_ptr_array_index (hits, i)))
      target = g_ptr_array_index (hits, i);
  for (guint i = 0; i < hits->len && target == NULL; i++)
    if (!_gloss_document_view_same (g_ptr_array_index (hits, i), self->selected))
      target = g_ptr_array_index (hits, i);

  if (target == NULL)
    return;

  g_set_object (&self->link_target, target);
  _gloss_document_view_update_link_hint (self);
  _gloss_document_view_confirm_link (self, 0);
}
