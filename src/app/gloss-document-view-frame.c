/* gloss-document-view-frame.c: the claim frame, proposed when a claim is made and linked with Enter
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

/* A claim is made with its label's hotkey; at once the view proposes who
 * makes it and which words report it (the roles of gloss_frame_dup_roles(),
 * each filled with its best candidate of gloss_frame_propose()),
 * draws them as dashed arcs and says in the hint bar what the keys do:
 * Enter links them all, Tab and Shift+Tab go through the focused role's
 * candidates (and "none"), Up and Down focus another role, a digit picks
 * the focused role's n-th candidate (0: none) and goes on to the next
 * role, linking after the last, and Escape leaves the claim unlinked. The
 * frame stays pending while text is selected, so a second fragment can be
 * added (Ctrl+Shift+A or Ctrl+drag) before it is linked; that proposes it
 * anew from both fragments. Selecting another annotation drops it. */

void
_gloss_frame_role_free (gpointer data)
{
  GlossFrameRole *role = data;

  g_clear_object (&role->type);
  g_clear_pointer (&role->candidates, g_ptr_array_unref);
  g_free (role);
}

GlossAnnotation *
_gloss_document_view_frame_choice (GlossDocumentView *self,
                                   GlossFrameRole    *role)
{
  if (role->chosen < 0 || (guint) role->chosen >= role->candidates->len ||
      self->annotations == NULL)
    return NULL;

  return gloss_annotation_list_lookup (self->annotations,
                                       g_ptr_array_index (role->candidates, role->chosen));
}

/* Is @uuid linked from the selected claim with @type already? */
static gboolean
is_linked (GlossDocumentView *self,
           const char        *type,
           const char        *uuid)
{
  const char *claim = gloss_annotation_get_uuid (self->selected);
  g_autoptr(GPtrArray) relations = gloss_annotation_list_relations_of (self->annotations, claim);

  for (guint i = 0; i < relations->len; i++)
    {
      GlossRelation *relation = g_ptr_array_index (relations, i);

      if (g_strcmp0 (gloss_relation_get_source (relation), claim) == 0 &&
          g_strcmp0 (gloss_relation_get_target (relation), uuid) == 0 &&
          g_strcmp0 (gloss_relation_get_relation_type (relation), type) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
update_frame_hint (GlossDocumentView *self)
{
  g_autoptr(GString) hint = NULL;
  GlossFrameRole *focused;

  if (self->frame == NULL)
    {
      _gloss_document_view_set_hint (self, NULL);
      return;
    }

  hint = g_string_new (NULL);
  /* Translators: the start of the hint while a claim's frame is proposed,
   * e.g. "CLAIM frame:" then each role and its proposed annotation */
  g_string_printf (hint, _("%s frame:"), gloss_annotation_get_label (self->selected));
  for (guint i = 0; i < self->frame->len; i++)
    {
      GlossFrameRole *role = g_ptr_array_index (self->frame, i);
      GlossAnnotation *choice = _gloss_document_view_frame_choice (self, role);
      const char *name = gloss_relation_type_get_name (role->type);
      g_autofree char *text = NULL;

      g_string_append (hint, i == 0 ? "  " : "  ·  ");
      if (i == self->frame_focus)
        g_string_append (hint, "▸ ");
      if (choice == NULL)
        /* Translators: a role of a claim frame left empty, e.g. "cue: none" */
        g_string_append_printf (hint, _("%s: none"), name);
      else
        {
          text = _gloss_document_view_dup_short_text (self, choice);
          /* Translators: a role of a claim frame, e.g. "attributed-to: PERSON “Dorn” (1/4)" */
          g_string_append_printf (hint, _("%s: %s “%s” (%d/%u)"), name,
                                  gloss_annotation_get_label (choice), text, role->chosen + 1,
                                  role->candidates->len);
        }
    }

  focused = g_ptr_array_index (self->frame, self->frame_focus);
  g_string_append (hint, "\n");
  /* Translators: the keys while a claim's frame is proposed; %s is the
   * focused role, e.g. "cue" */
  g_string_append_printf (hint,
                          _("Enter: link · Tab: another %s · ↑↓: role · 1–9: pick · 0: none · "
                            "Esc: leave unlinked"),
                          gloss_relation_type_get_name (focused->type));
  _gloss_document_view_set_hint (self, hint->str);
}

static void
frame_changed (GlossDocumentView *self)
{
  update_frame_hint (self);
  _gloss_document_view_update_actions (self);
  _gloss_document_view_queue_lanes (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_gloss_document_view_cancel_frame (GlossDocumentView *self)
{
  if (self->frame == NULL)
    return;

  g_clear_pointer (&self->frame, g_ptr_array_unref);
  self->frame_focus = 0;
  frame_changed (self);
  _gloss_document_view_notify (self, PROP_FRAME_PENDING);
}

void
_gloss_document_view_propose_frame (GlossDocumentView *self)
{
  g_autoptr(GPtrArray) proposals = NULL;
  g_autoptr(GPtrArray) frame = NULL;
  const char *text = _gloss_document_view_get_text (self);
  gboolean any = FALSE;
  gboolean was_pending = self->frame != NULL;

  g_clear_pointer (&self->frame, g_ptr_array_unref);
  self->frame_focus = 0;

  if (self->annotations == NULL || self->schema == NULL || self->selected == NULL ||
      self->linking)
    {
      if (was_pending)
        frame_changed (self);
      return;
    }

  proposals = gloss_frame_propose (self->annotations, text, self->selected);
  frame = g_ptr_array_new_with_free_func (_gloss_frame_role_free);
  for (guint i = 0; i < proposals->len; i++)
    {
      GlossFrameProposal *proposal = g_ptr_array_index (proposals, i);
      GlossFrameRole *role = g_new0 (GlossFrameRole, 1);

      role->type = g_object_ref (proposal->type);
      role->candidates = g_ptr_array_new_with_free_func (g_free);
      for (guint k = 0; k < proposal->candidates->len; k++)
        g_ptr_array_add (role->candidates,
                         g_strdup (gloss_annotation_get_uuid (
                           g_ptr_array_index (proposal->candidates, k))));
      role->chosen = role->candidates->len > 0 ? 0 : -1;
      any = any || role->candidates->len > 0;
      g_ptr_array_add (frame, role);
    }

  if (any)
    self->frame = g_steal_pointer (&frame);
  if (any || was_pending)
    {
      frame_changed (self);
      _gloss_document_view_notify (self, PROP_FRAME_PENDING);
    }
}

gboolean
_gloss_document_view_accept_frame (GlossDocumentView *self)
{
  g_autoptr(GlossCommand) command = NULL;
  g_autoptr(GString) message = NULL;
  guint n_links = 0;

  if (self->frame == NULL || self->selected == NULL)
    return FALSE;

  message = g_string_new (NULL);
  /* Translators: the undo description of linking a claim's frame */
  command = gloss_command_new (_("Link frame"));
  for (guint i = 0; i < self->frame->len; i++)
    {
      GlossFrameRole *role = g_ptr_array_index (self->frame, i);
      GlossAnnotation *choice = _gloss_document_view_frame_choice (self, role);
      const char *type = gloss_relation_type_get_name (role->type);
      g_autoptr(GlossRelation) relation = NULL;
      g_autofree char *text = NULL;

      if (choice == NULL)
        continue;

      text = _gloss_document_view_dup_short_text (self, choice);
      g_string_append_printf (message, "%s%s “%s”", n_links > 0 ? ", " : "", type, text);
      n_links++;
      if (is_linked (self, type, gloss_annotation_get_uuid (choice)))
        continue;
      relation = gloss_relation_new (type, gloss_annotation_get_uuid (self->selected),
                                     gloss_annotation_get_uuid (choice), NULL);
      gloss_command_add_relation (command, relation);
    }

  if (gloss_command_get_n_edits (command) > 0 &&
      !_gloss_document_view_apply_command (self, command))
    return FALSE;

  _gloss_document_view_cancel_frame (self);
  if (n_links > 0)
    {
      g_autofree char *said = NULL;

      /* Translators: after linking a claim's frame, e.g.
       * "Linked CLAIM: attributed-to “Dorn”, cue “said”" */
      said = g_strdup_printf (_("Linked %s: %s"), gloss_annotation_get_label (self->selected),
                              message->str);
      _gloss_document_view_emit_message (self, said);
    }
  return TRUE;
}

void
_gloss_document_view_cycle_frame (GlossDocumentView *self,
                                  int                direction)
{
  GlossFrameRole *role;
  int n;

  if (self->frame == NULL)
    return;

  /* Positions 0 … n-1 are the candidates, n is "none". */
  role = g_ptr_array_index (self->frame, self->frame_focus);
  n = (int) role->candidates->len;
  {
    int position = role->chosen < 0 ? n : role->chosen;

    position = (position + (direction > 0 ? 1 : n)) % (n + 1);
    role->chosen = position == n ? -1 : position;
  }

  {
    GlossAnnotation *choice = _gloss_document_view_frame_choice (self, role);

    if (choice != NULL)
      _gloss_document_view_scroll_to_offset (self, gloss_annotation_get_start (choice));
  }
  frame_changed (self);
}

void
_gloss_document_view_focus_frame_role (GlossDocumentView *self,
                                       int                direction)
{
  if (self->frame == NULL)
    return;

  self->frame_focus = (self->frame_focus + (direction > 0 ? 1 : self->frame->len - 1)) %
                      self->frame->len;
  frame_changed (self);
}

void
_gloss_document_view_pick_frame (GlossDocumentView *self,
                                 guint              n)
{
  GlossFrameRole *role;

  if (self->frame == NULL)
    return;

  role = g_ptr_array_index (self->frame, self->frame_focus);
  if (n > role->candidates->len)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  role->chosen = (int) n - 1;

  if (self->frame_focus + 1 < self->frame->len)
    {
      self->frame_focus++;
      frame_changed (self);
    }
  else
    _gloss_document_view_accept_frame (self);
}
