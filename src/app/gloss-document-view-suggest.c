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
#include "gloss-editing.h"
#include "gloss-frame.h"
#include "gloss-label.h"
#include "gloss-relation-type.h"
#include "gloss-schema.h"
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

/* The order N takes the suggestions in: the text's, or the highest score
 * first. */
static GPtrArray *
review_order (GlossDocumentView *self)
{
  return self->by_score && self->by_score_order != NULL ? self->by_score_order
                                                        : self->suggestions;
}

GPtrArray *
gloss_document_view_dup_pending_suggestions (GlossDocumentView *self)
{
  GPtrArray *pending = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *order;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), pending);

  order = review_order (self);
  for (guint i = 0; order != NULL && i < order->len; i++)
    {
      GlossSuggestion *s = g_ptr_array_index (order, i);

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

/* ---- the frame under review ------------------------------------------------- */

/* A claim suggestion comes with its source and cue. When the rules chose
 * the wrong one, Tab and Shift+Tab go through the others that could fill
 * the focused role (the suggestions and annotations of its labels near
 * the claim, nearest first, and last "nobody"), Up and Down focus the
 * other role, Alt+digit sets the certainty, and Enter accepts the frame as
 * it now stands: the keys of a claim typed by hand. The choice is written
 * into the suggestion, so it survives a look elsewhere. */

#define REVIEW_REACH GLOSS_SUGGEST_FRAME_REACH

static void
review_role_free (gpointer data)
{
  GlossReviewRole *role = data;

  g_clear_object (&role->type);
  g_clear_pointer (&role->refs, g_ptr_array_unref);
  g_free (role);
}

/* The pending suggestions and the annotations near the claim, ranked by
 * the core (gloss_suggestion_rank_candidates(): what the keys measure in
 * bench-suggest-quality is what the view offers). */
static GPtrArray *
role_candidates (GlossDocumentView *self,
                 GlossSuggestion   *claim,
                 GlossReviewRole   *role,
                 const char        *current)
{
  g_autoptr(GPtrArray) near = g_ptr_array_new ();
  g_autoptr(GPtrArray) hits = NULL;
  guint lo, hi;

  lo = gloss_suggestion_get_start (claim) > REVIEW_REACH
       ? gloss_suggestion_get_start (claim) - REVIEW_REACH
       : 0;
  hi = gloss_suggestion_get_end (claim) + REVIEW_REACH;
  for (guint i = 0; self->suggestions != NULL && i < self->suggestions->len; i++)
    {
      GlossSuggestion *s = g_ptr_array_index (self->suggestions, i);

      if (gloss_suggestion_get_start (s) >= hi)
        break;
      if (gloss_suggestion_get_end (s) > lo && _gloss_document_view_suggestion_pending (self, s))
        g_ptr_array_add (near, s);
    }
  if (self->annotations != NULL)
    hits = gloss_annotation_list_query_range (self->annotations, lo, hi);
  return gloss_suggestion_rank_candidates (claim, role->type, near, hits, current, REVIEW_REACH);
}

static void
review_build (GlossDocumentView *self)
{
  GlossSuggestion *claim = self->selected_suggestion;
  g_autoptr(GPtrArray) types = NULL;
  gboolean have_source = FALSE;
  gboolean have_cue = FALSE;

  g_clear_pointer (&self->review, g_ptr_array_unref);
  self->review_focus = 0;
  if (claim == NULL || self->schema == NULL)
    return;
  types = gloss_frame_dup_roles (self->schema, gloss_suggestion_get_label (claim));
  if (types->len == 0)
    return;
  self->review = g_ptr_array_new_with_free_func (review_role_free);
  for (guint i = 0; i < types->len; i++)
    {
      GlossRelationType  *type = g_ptr_array_index (types, i);
      const char * const *targets = gloss_relation_type_get_targets (type);
      GlossLabel         *first = targets != NULL && targets[0] != NULL
                                  ? gloss_schema_lookup_label (self->schema, targets[0])
                                  : NULL;
      gboolean            is_cue = first != NULL &&
                        g_strcmp0 (gloss_label_get_layer (first), "cue") == 0;
      GlossReviewRole *role;

      /* a suggestion has one source and one cue: the first role of each */
      if (is_cue ? have_cue : have_source)
        continue;
      if (is_cue)
        have_cue = TRUE;
      else
        have_source = TRUE;
      role = g_new0 (GlossReviewRole, 1);
      role->type = g_object_ref (type);
      role->is_cue = is_cue;
      role->refs = role_candidates (self, claim, role,
                                    is_cue ? gloss_suggestion_get_cue (claim)
                                           : gloss_suggestion_get_source (claim));
      /* the suggester's choice, or nobody */
      role->chosen = (is_cue ? gloss_suggestion_get_cue (claim)
                             : gloss_suggestion_get_source (claim)) != NULL
                     ? 0
                     : role->refs->len - 1;
      g_ptr_array_add (self->review, role);
    }
}

static GlossAnnotation *
suggestion_as_annotation (GlossSuggestion *s)
{
  const GlossFragment *f;
  GlossAnnotation     *a;
  guint                n;

  f = gloss_suggestion_get_fragments (s, &n);
  a = gloss_annotation_new (gloss_suggestion_get_label (s), f, n, NULL);
  /* the chips drawn for suggestions carry their ids: arcs find them */
  gloss_annotation_set_uuid (a, gloss_suggestion_get_id (s));
  return a;
}

GlossAnnotation *
_gloss_document_view_review_choice (GlossDocumentView *self,
                                    GlossReviewRole   *role)
{
  GlossAnnotation *a;
  const char      *ref;

  if (role->chosen >= role->refs->len)
    return NULL;
  ref = g_ptr_array_index (role->refs, role->chosen);
  if (ref == NULL)
    return NULL;
  if (gloss_suggestion_is_id (ref))
    {
      GlossSuggestion *s = find_id (self, ref);

      return s != NULL ? suggestion_as_annotation (s) : NULL;
    }
  a = self->annotations != NULL ? gloss_annotation_list_lookup (self->annotations, ref) : NULL;
  return a != NULL ? g_object_ref (a) : NULL;
}

GlossAnnotation *
_gloss_document_view_review_claim (GlossDocumentView *self)
{
  return self->selected_suggestion != NULL
         ? suggestion_as_annotation (self->selected_suggestion)
         : NULL;
}

/* The hint bar names the focused role's choice and the keys. */
static void
review_update_hint (GlossDocumentView *self)
{
  g_autoptr(GString) hint = g_string_new (NULL);

  if (self->review == NULL || self->review->len == 0)
    {
      _gloss_document_view_set_hint (self, NULL);
      return;
    }
  for (guint i = 0; i < self->review->len; i++)
    {
      GlossReviewRole *role = g_ptr_array_index (self->review, i);
      g_autoptr(GlossAnnotation) choice = _gloss_document_view_review_choice (self, role);
      g_autofree char *text = choice != NULL ? _gloss_document_view_dup_short_text (self, choice)
                                             : g_strdup (_("nobody"));

      if (i > 0)
        g_string_append (hint, " · ");
      if (i == self->review_focus)
        /* Translators: the focused role of a suggested claim's frame, e.g.
         * "[attributed-to: “a defector” (1 of 4)]" */
        g_string_append_printf (hint, _("[%s: “%s” (%u of %u)]"),
                                gloss_relation_type_get_name (role->type), text,
                                role->chosen + 1, role->refs->len);
      else
        /* Translators: another role of a suggested claim's frame, e.g. "cue: “said”" */
        g_string_append_printf (hint, _("%s: “%s”"), gloss_relation_type_get_name (role->type),
                                text);
    }
  g_string_append (hint, _(" — Tab: another · Up/Down: role · Alt+digit: certainty · "
                           "Enter: accept · Backspace: reject"));
  _gloss_document_view_set_hint (self, hint->str);
}

gboolean
gloss_document_view_review_cycle (GlossDocumentView *self,
                                  int                direction)
{
  GlossReviewRole *role;
  const char      *ref;
  guint            n;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), FALSE);

  if (self->review == NULL || self->review_focus >= self->review->len ||
      self->selected_suggestion == NULL)
    return FALSE;
  role = g_ptr_array_index (self->review, self->review_focus);
  n = role->refs->len;
  role->chosen = (role->chosen + n + (direction >= 0 ? 1 : n - 1)) % n;
  ref = g_ptr_array_index (role->refs, role->chosen);
  if (role->is_cue)
    gloss_suggestion_set_cue (self->selected_suggestion, ref);
  else
    gloss_suggestion_set_source (self->selected_suggestion, ref);
  review_update_hint (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

gboolean
gloss_document_view_review_focus (GlossDocumentView *self,
                                  int                direction)
{
  guint n;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), FALSE);

  if (self->review == NULL || self->review->len == 0)
    return FALSE;
  n = self->review->len;
  self->review_focus = (self->review_focus + n + (direction >= 0 ? 1 : n - 1)) % n;
  review_update_hint (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

gboolean
_gloss_document_view_review_set_attribute (GlossDocumentView *self,
                                           guint              n)
{
  const char * const *values;
  g_autofree char    *message = NULL;
  GlossAttrDef       *def;
  const char         *label;

  if (self->selected_suggestion == NULL || self->schema == NULL)
    return FALSE;
  label = gloss_suggestion_get_label (self->selected_suggestion);
  def = gloss_editing_lookup_quick_attribute (self->schema, label);
  values = def != NULL ? gloss_attr_def_get_values (def) : NULL;
  if (values == NULL || n == 0 || n > g_strv_length ((char **) values))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return FALSE;
    }
  gloss_suggestion_set_attribute (self->selected_suggestion, gloss_attr_def_get_name (def),
                                  g_variant_new_string (values[n - 1]));
  /* Translators: e.g. "certainty: hedged", said after Alt+2 */
  message = g_strdup_printf (_("%s: %s"), gloss_attr_def_get_name (def), values[n - 1]);
  _gloss_document_view_emit_message (self, message);
  return TRUE;
}

guint
gloss_document_view_get_review_n_roles (GlossDocumentView *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), 0);
  return self->review != NULL ? self->review->len : 0;
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
      review_build (self);
      review_update_hint (self);
      if (suggestion != NULL)
        {
          const GlossFragment *f;
          g_autofree char     *text = NULL;
          g_autofree char     *description = NULL;
          guint                n;

          /* screen readers hear what is proposed */
          f = gloss_suggestion_get_fragments (suggestion, &n);
          text = gloss_document_view_dup_fragments_text (self, f, n, 60,
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

/* The pending suggestion after (@direction 1) or before (-1) @after in the
 * review order, or, without @after, from the caret (in the text's order) or
 * from the top (by score); none past the ends. */
static GlossSuggestion *
next_pending (GlossDocumentView *self,
              int                direction,
              guint              from,
              GlossSuggestion   *after)
{
  GPtrArray *order = review_order (self);
  guint      n = order != NULL ? order->len : 0;
  int        at = -1;

  if (after != NULL)
    for (guint i = 0; i < n; i++)
      if (g_ptr_array_index (order, i) == after)
        at = i;
  if (at < 0)
    {
      /* from an offset: the first starting at or after it, going forward */
      for (guint i = 0; i < n; i++)
        {
          GlossSuggestion *s = g_ptr_array_index (order, direction > 0 ? i : n - 1 - i);
          guint            start = gloss_suggestion_get_start (s);

          if ((self->by_score || (direction > 0 ? start >= from : start < from)) &&
              _gloss_document_view_suggestion_pending (self, s))
            return s;
        }
      return NULL;
    }
  for (int i = at + direction; i >= 0 && i < (int) n; i += direction)
    {
      GlossSuggestion *s = g_ptr_array_index (order, i);

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
 * else the previous one, in the review order. */
static void
advance (GlossDocumentView *self,
         GlossSuggestion   *decided,
         guint              start)
{
  GlossSuggestion *next = NULL;

  if (self->by_score && decided != NULL)
    {
      next = next_pending (self, 1, start, decided);
      if (next == NULL)
        next = next_pending (self, -1, start, decided);
    }
  else
    {
      next = next_pending (self, 1, start, NULL);
      if (next == NULL)
        next = next_pending (self, -1, start, NULL);
    }
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
  advance (self, g_ptr_array_index (one, 0), start);
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
  advance (self, g_ptr_array_index (one, 0), start);
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
  advance (self, NULL, 0);
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

static int
compare_by_score (gconstpointer a,
                  gconstpointer b)
{
  GlossSuggestion *sa = *(GlossSuggestion **) a;
  GlossSuggestion *sb = *(GlossSuggestion **) b;
  double           da = gloss_suggestion_get_score (sa);
  double           db = gloss_suggestion_get_score (sb);

  if (da != db)
    return da > db ? -1 : 1;
  return gloss_suggestion_compare (sa, sb);
}

static void
rebuild_score_order (GlossDocumentView *self)
{
  g_clear_pointer (&self->by_score_order, g_ptr_array_unref);
  if (!self->by_score || self->suggestions == NULL)
    return;
  self->by_score_order = g_ptr_array_new_full (self->suggestions->len, g_object_unref);
  for (guint i = 0; i < self->suggestions->len; i++)
    g_ptr_array_add (self->by_score_order, g_object_ref (g_ptr_array_index (self->suggestions, i)));
  g_ptr_array_sort (self->by_score_order, compare_by_score);
}

gboolean
gloss_document_view_get_suggestions_by_score (GlossDocumentView *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), FALSE);
  return self->by_score;
}

void
gloss_document_view_set_suggestions_by_score (GlossDocumentView *self,
                                              gboolean           by_score)
{
  g_return_if_fail (GLOSS_IS_DOCUMENT_VIEW (self));

  by_score = !!by_score;
  if (self->by_score == by_score)
    return;
  self->by_score = by_score;
  rebuild_score_order (self);
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
  rebuild_score_order (self);

  if (selected_id != NULL)
    again = find_id (self, selected_id);
  g_clear_object (&self->selected_suggestion);
  if (again != NULL)
    self->selected_suggestion = g_object_ref (again);
  review_build (self);
  review_update_hint (self);
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
  g_clear_pointer (&self->by_score_order, g_ptr_array_unref);
  g_clear_pointer (&self->review, g_ptr_array_unref);
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
