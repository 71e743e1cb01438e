/* gloss-document-view-pointer.c: clicks on the text and its chips, and links dragged from a chip
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <math.h>

#include "gloss-annotation.h"
#include "gloss-document-view-private.h"

static void
click_pressed_cb (GtkGestureClick   *gesture,
                  int                n_press,
                  double             x,
                  double             y,
                  GlossDocumentView *self)
{
  GdkModifierType state;
  guint button;
  const char *uuid;
  GtkTextIter iter;
  int bx, by;
  guint start, end;

  if (self->annotations == NULL)
    return;

  button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  gtk_text_view_window_to_buffer_coords (GTK_TEXT_VIEW (self), GTK_TEXT_WINDOW_WIDGET,
                                         (int) x, (int) y, &bx, &by);
  uuid = _gloss_document_view_chip_at (self, bx, by);
  gtk_text_view_get_iter_at_location (GTK_TEXT_VIEW (self), &iter, bx, by);

  if (button == GDK_BUTTON_SECONDARY)
    {
      /* With a text selection: the label popover instead of the menu. */
      if (_gloss_document_view_get_text_selection (self, &start, &end))
        {
          gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
          gloss_document_view_show_label_popover (self);
          return;
        }
      if (uuid != NULL)
        _gloss_document_view_select (self, gloss_annotation_list_lookup (self->annotations, uuid),
                                     FALSE);
      else if (!self->linking)
        _gloss_document_view_select_at_offset (self, gtk_text_iter_get_offset (&iter));
      return;
    }

  if (button != GDK_BUTTON_PRIMARY)
    return;

  if (self->linking)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      if (uuid != NULL)
        {
          GlossAnnotation *target = gloss_annotation_list_lookup (self->annotations, uuid);

          if (target != NULL && !_gloss_document_view_same (target, self->selected))
            {
              g_set_object (&self->link_target, target);
              _gloss_document_view_update_link_hint (self);
              _gloss_document_view_confirm_link (self, 0);
            }
        }
      else
        _gloss_document_view_link_to_offset (self, gtk_text_iter_get_offset (&iter));
      return;
    }

  /* Ctrl+select adds a fragment to the selected annotation. */
  self->fragment_mode = (state & GDK_CONTROL_MASK) != 0 && self->selected != NULL;
  if (self->fragment_mode || n_press > 1)
    return;

  /* A chip: the drag gesture selects it (and may drag a link from it). */
  if (uuid != NULL)
    return;

  _gloss_document_view_select_at_offset (self, gtk_text_iter_get_offset (&iter));
}

/* Dragging from a chip links its annotation to the one it is dropped on. */

#define DRAG_THRESHOLD 6.0

static void
drag_begin_cb (GtkGestureDrag    *gesture,
               double             x,
               double             y,
               GlossDocumentView *self)
{
  GdkModifierType state;
  const char *uuid;
  int bx, by;

  self->chip_drag = FALSE;
  self->chip_dragging = FALSE;
  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  if (self->annotations == NULL || self->linking || (state & GDK_CONTROL_MASK) != 0)
    return;

  gtk_text_view_window_to_buffer_coords (GTK_TEXT_VIEW (self), GTK_TEXT_WINDOW_WIDGET,
                                         (int) x, (int) y, &bx, &by);
  uuid = _gloss_document_view_chip_at (self, bx, by);
  if (uuid == NULL)
    return;

  /* A press on a chip selects its annotation, and the text stays as is. */
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (gloss_suggestion_is_id (uuid))
    {
      /* a suggestion's hollow chip: that suggestion, for Enter or Backspace */
      for (guint i = 0; self->suggestions != NULL && i < self->suggestions->len; i++)
        if (g_str_equal (gloss_suggestion_get_id (g_ptr_array_index (self->suggestions, i)),
                         uuid))
          _gloss_document_view_select_suggestion (self,
                                                  g_ptr_array_index (self->suggestions, i),
                                                  FALSE);
      return;
    }
  _gloss_document_view_select (self, gloss_annotation_list_lookup (self->annotations, uuid), FALSE);
  self->chip_drag = TRUE;
}

/* The link target under the pointer: a chip, or the innermost candidate
 * at that place in the text. */
static GlossAnnotation *
target_at (GlossDocumentView *self,
           int                bx,
           int                by)
{
  const char *uuid = _gloss_document_view_chip_at (self, bx, by);
  g_autoptr(GPtrArray) hits = NULL;
  GtkTextIter iter;
  GdkRectangle location;

  if (uuid != NULL)
    {
      GlossAnnotation *annotation = gloss_annotation_list_lookup (self->annotations, uuid);

      return annotation != NULL && !_gloss_document_view_same (annotation, self->selected)
               ? annotation
               : NULL;
    }

  gtk_text_view_get_iter_at_location (GTK_TEXT_VIEW (self), &iter, bx, by);
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (self), &iter, &location);
  if (by < location.y || by > location.y + location.height)
    return NULL;

  hits = _gloss_document_view_annotations_at (self, gtk_text_iter_get_offset (&iter));
  for (guint i = 0; i < hits->len; i++)
    if (_gloss_document_view_is_link_candidate (self, g_ptr_array_index (hits, i)))
      return g_ptr_array_index (hits, i);

  return NULL;
}

static void
drag_update_cb (GtkGestureDrag    *gesture,
                double             offset_x,
                double             offset_y,
                GlossDocumentView *self)
{
  GlossAnnotation *target;
  double x, y;
  int bx, by;

  if (!self->chip_drag)
    return;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  x += offset_x;
  y += offset_y;

  if (!self->chip_dragging)
    {
      if (hypot (offset_x, offset_y) < DRAG_THRESHOLD || self->selected == NULL)
        return;
      if (!_gloss_document_view_begin_link (self, FALSE))
        {
          self->chip_drag = FALSE;
          return;
        }
      self->chip_dragging = TRUE;
    }

  gtk_text_view_window_to_buffer_coords (GTK_TEXT_VIEW (self), GTK_TEXT_WINDOW_WIDGET,
                                         (int) x, (int) y, &bx, &by);
  self->drag_x = bx;
  self->drag_y = by;

  target = target_at (self, bx, by);
  if (!_gloss_document_view_same (target, self->link_target))
    {
      g_set_object (&self->link_target, target);
      _gloss_document_view_update_link_hint (self);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_end_cb (GtkGestureDrag    *gesture,
             double             offset_x,
             double             offset_y,
             GlossDocumentView *self)
{
  gboolean dragging = self->chip_dragging;
  guint    start, end;

  self->chip_drag = FALSE;
  self->chip_dragging = FALSE;

  /* Ctrl+drag with an annotation selected: the dragged text becomes one
   * more of its fragments at once (a claim split by its cue). */
  if (!dragging && self->fragment_mode && self->selected != NULL && !self->linking &&
      _gloss_document_view_get_text_selection (self, &start, &end))
    {
      self->fragment_mode = FALSE;
      gloss_document_view_add_fragment (self);
      return;
    }

  if (!dragging || !self->linking)
    return;

  if (self->link_target != NULL)
    _gloss_document_view_confirm_link (self, 0);
  else
    _gloss_document_view_cancel_link (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_gloss_document_view_init_pointer (GlossDocumentView *self)
{
  GtkGesture *gesture;
  GtkGesture *drag;

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (click_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  /* Presses on chips: select, or drag a link from there. */
  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drag), GTK_PHASE_CAPTURE);
  g_signal_connect_object (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self, 0);
  g_signal_connect_object (drag, "drag-update", G_CALLBACK (drag_update_cb), self, 0);
  g_signal_connect_object (drag, "drag-end", G_CALLBACK (drag_end_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
}
