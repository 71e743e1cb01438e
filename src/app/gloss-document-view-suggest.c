/* gloss-document-view-suggest.c: suggestions under review in the view: selection, keys, decisions
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
#include "gloss-suggest.h"

enum
{
  ACCEPT_SUGGESTIONS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- what is pending ----------------------------------------------------- */

gboolean
_gloss_document_view_suggestion_pending (GlossDocumentView *self,
                                         GlossSuggestion   *suggestion)
{
  const GlossFragment *f;
  const char          *label;
  guint                n;

  if (gloss_suggestion_get_state (suggestion) != GLOSS_SUGGESTION_PENDING)
    return FALSE;
  if (self->annotations == NULL)
    return TRUE;
  label = gloss_suggestion_get_label (suggestion);
  f = gloss_suggestion_get_fragments (suggestion, &n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GPtrArray) hits = gloss_annotation_list_query_range (self->annotations,
                                                                      f[i].start, f[i].end);

      for (guint j = 0; j < hits->len; j++)
        if (g_strcmp0 (gloss_annotation_get_label (g_ptr_array_index (hits, j)), label) == 0)
          return FALSE;
    }
  return TRUE;
}

GPtrArray *
gloss_document_view_dup_pending_suggestions (GlossDocumentView *self)
{
  GPtrArray *pending = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), pending);

  for (guint i = 0; self->suggestions != NULL && i < self->suggestions->len; i++)
    {
      GlossSuggestion *s = g_ptr_array_index (self->suggestions, i);

      if (_gloss_document_view_suggestion_pending (self, s))
        g_ptr_array_add (pending, g_object_ref (s));
    }
  return pending;
}

static GlossSuggestion *
find_id (GlossDocumentView *self,
         const char        *id)
{
  for (guint i = 0; self->suggestions != NULL && i < self->suggestions->len; i++)
    {
      GlossSuggestion *s = g_ptr_array_index (self->suggestions, i);

      if (g_str_equal (gloss_suggestion_get_id (s), id))
        return s;
    }
  return NULL;
}

/* ---- selection ------------------------------------------------------------ */

void
_gloss_document_view_select_suggestion (GlossDocumentView *self,
                                        GlossSuggestion   *suggestion,
                                        gboolean           scroll)
{
  if (suggestion != NULL)
    {
      guint start, end;

      /* one selection at a time: the annotation's and the text's go */
      _gloss_document_view_select (self, NULL, FALSE);
      if (_gloss_document_view_get_text_selection (self, &start, &end))
        _gloss_document_view_clear_text_selection (self, gloss_suggestion_get_start (suggestion));
    }
  if (suggestion != self->selected_suggestion)
    {
      g_set_object (&self->selected_suggestion, suggestion);
      if (suggestion != NULL)
        {
          const GlossFragment *f;
          g_autofree char     *text = NULL;
          g_autofree char     *description = NULL;
          guint                n;

          /* screen readers hear what is proposed */
          f = gloss_suggestion_get_fragments (suggestion, &n);
          text = gloss_dup_covered_text (_gloss_document_view_get_text (self), NULL, f, n, 60,
                                         GLOSS_COVERED_TEXT_ONE_LINE |
                                           GLOSS_COVERED_TEXT_ELLIPSIS);
          /* Translators: the text view's accessible description, e.g.
           * "Suggested: PERSON “Ivešić” (0.82)" */
          description = g_strdup_printf (_("Suggested: %s “%s” (%.2f)"),
                                            gloss_suggestion_get_label (suggestion), text,
                                            gloss_suggestion_get_score (suggestion));
          gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
        }
    }
  if (suggestion != NULL && scroll)
    _gloss_document_view_scroll_to_offset (self, gloss_suggestion_get_start (suggestion));
  _gloss_document_view_update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  _gloss_document_view_notify (self, PROP_SELECTED_SUGGESTION);
}

void
gloss_document_view_select_suggestion (GlossDocumentView *self,
                                       GlossSuggestion   *suggestion)
{
  g_return_if_fail (GLOSS_IS_DOCUMENT_VIEW (self));

  if (suggestion != NULL)
    suggestion = find_id (self, gloss_suggestion_get_id (suggestion));
  _gloss_document_view_select_suggestion (self, suggestion, suggestion != NULL);
}

GlossSuggestion *
gloss_document_view_get_selected_suggestion (GlossDocumentView *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), NULL);
  return self->selected_suggestion;
}

/* The pending suggestion after (@direction 1) or before (-1) the selected
 * one, or the caret when none is selected; none past the ends. */
static GlossSuggestion *
next_pending (GlossDocumentView *self,
              int                direction,
              guint              from,
              GlossSuggestion   *after)
{
  guint n = self->suggestions != NULL ? self->suggestions->len : 0;
  int   at = -1;

  if (after != NULL)
    for (guint i = 0; i < n; i++)
      if (g_ptr_array_index (self->suggestions, i) == after)
        at = i;
  if (at < 0)
    {
      /* from an offset: the first starting at or after it, going forward */
      for (guint i = 0; i < n; i++)
        {
          GlossSuggestion *s = g_ptr_array_index (self->suggestions, direction > 0 ? i
                                                                                   : n - 1 - i);
          guint            start = gloss_suggestion_get_start (s);

          if ((direction > 0 ? start >= from : start < from) &&
              _gloss_document_view_suggestion_pending (self, s))
            return s;
        }
      return NULL;
    }
  for (int i = at + direction; i >= 0 && i < (int) n; i += direction)
    {
      GlossSuggestion *s = g_ptr_array_index (self->suggestions, i);

      if (_gloss_document_view_suggestion_pending (self, s))
        return s;
    }
  return NULL;
}

static guint
caret_offset (GlossDocumentView *self)
{
  GtkTextBuffer *buffer = _gloss_document_view_get_buffer (self);
  GtkTextIter    iter;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  return gtk_text_iter_get_offset (&iter);
}

gboolean
gloss_document_view_select_next_suggestion (GlossDocumentView *self,
                                            int                direction)
{
  GlossSuggestion *next;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), FALSE);

  next = next_pending (self, direction >= 0 ? 1 : -1, caret_offset (self),
                       self->selected_suggestion);
  if (next == NULL)
    {
      _gloss_document_view_emit_message (self, direction >= 0
                                         ? _("No more suggestions after this one")
                                         : _("No more suggestions before this one"));
      return FALSE;
    }
  _gloss_document_view_select_suggestion (self, next, TRUE);
  return TRUE;
}

/* After a decision on @decided (at @start): the next pending suggestion,
 * else the previous one. */
static void
advance (GlossDocumentView *self,
         guint              start)
{
  GlossSuggestion *next = next_pending (self, 1, start, NULL);

  if (next == NULL)
    next = next_pending (self, -1, start, NULL);
  _gloss_document_view_select_suggestion (self, next, next != NULL);
}

/* ---- decisions ------------------------------------------------------------- */

static gboolean
accept (GlossDocumentView *self,
        GPtrArray         *suggestions,
        const char        *label)
{
  gboolean handled = FALSE;

  g_signal_emit (self, signals[ACCEPT_SUGGESTIONS], 0, suggestions, label, &handled);
  return handled;
}

gboolean
gloss_document_view_accept_suggestion (GlossDocumentView *self,
                                       const char        *label)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func (g_object_unref);
  guint start;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), FALSE);

  if (self->selected_suggestion == NULL)
    return FALSE;
  start = gloss_suggestion_get_start (self->selected_suggestion);
  g_ptr_array_add (one, g_object_ref (self->selected_suggestion));
  if (!accept (self, one, label))
    return FALSE;
  advance (self, start);
  return TRUE;
}

gboolean
_gloss_document_view_accept_suggestion_as (GlossDocumentView *self,
                                           const char        *label)
{
  guint start, end;

  if (self->selected_suggestion == NULL ||
      _gloss_document_view_get_text_selection (self, &start, &end))
    return FALSE;
  return gloss_document_view_accept_suggestion (self, label);
}

gboolean
gloss_document_view_reject_suggestion (GlossDocumentView *self)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GlossCommand) command = NULL;
  guint start;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), FALSE);

  if (self->selected_suggestion == NULL || self->annotations == NULL)
    return FALSE;
  start = gloss_suggestion_get_start (self->selected_suggestion);
  g_ptr_array_add (one, g_object_ref (self->selected_suggestion));
  command = gloss_suggestions_build_reject_command (one);
  if (!_gloss_document_view_apply_command (self, command))
    return FALSE;
  advance (self, start);
  return TRUE;
}

guint
gloss_document_view_accept_all_suggestions (GlossDocumentView *self)
{
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) chosen = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), 0);

  pending = gloss_document_view_dup_pending_suggestions (self);
  for (guint i = 0; i < pending->len; i++)
    {
      GlossSuggestion *s = g_ptr_array_index (pending, i);

      if (gloss_suggestion_get_score (s) >= self->accept_score)
        g_ptr_array_add (chosen, g_object_ref (s));
    }
  if (chosen->len == 0)
    {
      g_autofree char *message = g_strdup_printf (_("No suggestion is scored %.2f or more"),
                                                     self->accept_score);

      _gloss_document_view_emit_message (self, message);
      return 0;
    }
  if (!accept (self, chosen, NULL))
    return 0;
  advance (self, 0);
  return chosen->len;
}

double
gloss_document_view_get_accept_score (GlossDocumentView *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), 0);
  return self->accept_score;
}

void
gloss_document_view_set_accept_score (GlossDocumentView *self,
                                      double             score)
{
  g_return_if_fail (GLOSS_IS_DOCUMENT_VIEW (self));
  self->accept_score = CLAMP (score, 0.0, 1.0);
}

/* ---- the suggestions ------------------------------------------------------- */

static int
compare_suggestions (gconstpointer a,
                     gconstpointer b)
{
  return gloss_suggestion_compare (*(GlossSuggestion **) a, *(GlossSuggestion **) b);
}

void
gloss_document_view_set_suggestions (GlossDocumentView *self,
                                     GPtrArray         *suggestions)
{
  g_autofree char *selected_id = NULL;
  GlossSuggestion *again = NULL;

  g_return_if_fail (GLOSS_IS_DOCUMENT_VIEW (self));

  if (self->selected_suggestion != NULL)
    selected_id = g_strdup (gloss_suggestion_get_id (self->selected_suggestion));
  g_clear_pointer (&self->suggestions, g_ptr_array_unref);
  self->suggestions = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; suggestions != NULL && i < suggestions->len; i++)
    g_ptr_array_add (self->suggestions, g_object_ref (g_ptr_array_index (suggestions, i)));
  g_ptr_array_sort (self->suggestions, compare_suggestions);

  if (selected_id != NULL)
    again = find_id (self, selected_id);
  g_clear_object (&self->selected_suggestion);
  if (again != NULL)
    self->selected_suggestion = g_object_ref (again);
  _gloss_document_view_update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  _gloss_document_view_notify (self, PROP_SELECTED_SUGGESTION);
}

/* A command (or its undo) rejected a suggestion or took the rejection
 * back. */
static void
suggestion_changed_cb (GlossDocumentView *self,
                       const char        *id,
                       int                state)
{
  GlossSuggestion *s = find_id (self, id);

  if (s == NULL)
    return;
  gloss_suggestion_set_state (s, state);
  if (s == self->selected_suggestion && state != GLOSS_SUGGESTION_PENDING)
    _gloss_document_view_select_suggestion (self, NULL, FALSE);
  _gloss_document_view_update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_gloss_document_view_connect_suggestions (GlossDocumentView *self)
{
  g_clear_object (&self->selected_suggestion);
  g_clear_pointer (&self->suggestions, g_ptr_array_unref);
  if (self->annotations != NULL)
    g_signal_connect_object (self->annotations, "suggestion-changed",
                             G_CALLBACK (suggestion_changed_cb), self, G_CONNECT_SWAPPED);
}

void
_gloss_document_view_class_init_suggestions (GtkWidgetClass *widget_class)
{
  /* The window accepts: it has the project the command is built from. */
  signals[ACCEPT_SUGGESTIONS] =
    g_signal_new ("accept-suggestions", G_TYPE_FROM_CLASS (widget_class), G_SIGNAL_RUN_LAST, 0,
                  g_signal_accumulator_true_handled, NULL, NULL, G_TYPE_BOOLEAN, 2,
                  G_TYPE_PTR_ARRAY, G_TYPE_STRING);
}
