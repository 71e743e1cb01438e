/* gloss-document-view-edit.c: creating and changing annotations from the selection
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-annotation.h"
#include "gloss-attr-def.h"
#include "gloss-bulk.h"
#include "gloss-command.h"
#include "gloss-document-view-private.h"
#include "gloss-editing.h"
#include "gloss-label-popover.h"
#include "gloss-schema.h"

gboolean
_gloss_document_view_apply_command (GlossDocumentView *self,
                                    GlossCommand      *command)
{
  g_autoptr(GError) error = NULL;

  if (gloss_annotation_list_apply (self->annotations, command, &error))
    return TRUE;

  _gloss_document_view_emit_message (self, error->message);
  return FALSE;
}

/* First position in the list whose annotation starts at or after @offset. */
static guint
lower_bound (GlossAnnotationList *annotations,
             guint                offset)
{
  GListModel *model = G_LIST_MODEL (annotations);
  guint lo = 0;
  guint hi = g_list_model_get_n_items (model);

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (model, mid);

      if (gloss_annotation_get_start (annotation) < offset)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* Characters of context around a selection when snapping: words longer
 * than this are cut at the context's edge. */
#define SNAP_CONTEXT 128

static gboolean
snap_range (GlossDocumentView *self,
            guint             *start,
            guint             *end)
{
  GtkTextBuffer *buffer = _gloss_document_view_get_buffer (self);
  g_autofree char *slice = NULL;
  GtkTextIter a, b;
  guint base, s, e;

  if (*start >= *end)
    return FALSE;
  if (!self->snap_to_words)
    return TRUE;

  /* Snap within a slice around the selection, not the whole text: the
   * cost stays the same at the end of a long document. */
  base = *start > SNAP_CONTEXT ? *start - SNAP_CONTEXT : 0;
  gtk_text_buffer_get_iter_at_offset (buffer, &a, base);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, *end + SNAP_CONTEXT);
  slice = gtk_text_buffer_get_slice (buffer, &a, &b, TRUE);

  if (!gloss_snap_to_words (slice, *start - base, *end - base, &s, &e))
    return FALSE;

  *start = base + s;
  *end = base + e;
  return TRUE;
}

static gboolean
add_fragment (GlossDocumentView *self,
              guint              start,
              guint              end,
              const char        *label)
{
  g_autoptr(GlossCommand) command = NULL;
  g_autofree GlossFragment *fragments = NULL;
  const GlossFragment *old;
  const char *uuid;
  guint n_old, n;

  old = gloss_annotation_get_fragments (self->selected, &n_old);
  fragments = gloss_fragments_add (old, n_old, start, end, &n);
  uuid = gloss_annotation_get_uuid (self->selected);

  command = gloss_command_new (_("Add fragment"));
  gloss_command_set_fragments (command, uuid, fragments, n);
  if (label != NULL && g_strcmp0 (label, gloss_annotation_get_label (self->selected)) != 0)
    gloss_command_set_label (command, uuid, label);
  if (!_gloss_document_view_apply_command (self, command))
    return FALSE;

  _gloss_document_view_clear_text_selection (self, end);
  /* A claim's frame is measured from every fragment: propose it anew. */
  _gloss_document_view_propose_frame (self);
  return TRUE;
}

gboolean
gloss_document_view_annotate (GlossDocumentView *self,
                              const char        *label)
{
  guint start, end;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), FALSE);
  g_return_val_if_fail (label != NULL, FALSE);

  if (self->annotations == NULL)
    return FALSE;

  if (_gloss_document_view_get_text_selection (self, &start, &end))
    {
      g_autoptr(GlossAnnotation) annotation = NULL;
      g_autoptr(GlossCommand) command = NULL;
      g_autofree char *description = NULL;
      const char *uuid;

      if (!snap_range (self, &start, &end))
        {
          _gloss_document_view_emit_message (self, _("The selection holds no text to annotate"));
          return FALSE;
        }

      if (self->fragment_mode && self->selected != NULL)
        return add_fragment (self, start, end, label);

      annotation = gloss_annotation_new_span (label, start, end, NULL);
      if (self->schema != NULL)
        gloss_editing_apply_defaults (annotation, self->schema);
      /* Translators: the undo description of a new annotation, e.g. "Add PERSON" */
      description = g_strdup_printf (_("Add %s"), label);
      command = gloss_command_new (description);
      gloss_command_create_annotation (command, annotation);
      gloss_editing_start_document (command, self->document,
                                    gloss_annotation_list_get_annotator (self->annotations));
      if (!_gloss_document_view_apply_command (self, command))
        return FALSE;

      _gloss_document_view_clear_text_selection (self, end);
      uuid = gloss_annotation_get_uuid (annotation);
      _gloss_document_view_select (self, gloss_annotation_list_lookup (self->annotations, uuid),
                                   FALSE);
      _gloss_document_view_propose_frame (self);
      return TRUE;
    }

  if (self->selected != NULL)
    {
      g_autoptr(GlossCommand) command = NULL;

      if (g_strcmp0 (gloss_annotation_get_label (self->selected), label) == 0)
        return TRUE;

      command = gloss_command_new (_("Change label"));
      gloss_command_set_label (command, gloss_annotation_get_uuid (self->selected), label);
      if (!_gloss_document_view_apply_command (self, command))
        return FALSE;
      _gloss_document_view_propose_frame (self);
      return TRUE;
    }

  _gloss_document_view_emit_message (self, _("Select some text or an annotation first"));
  return FALSE;
}

gboolean
gloss_document_view_add_fragment (GlossDocumentView *self)
{
  guint start, end;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), FALSE);

  if (self->annotations == NULL)
    return FALSE;
  if (self->selected == NULL || !_gloss_document_view_get_text_selection (self, &start, &end))
    {
      _gloss_document_view_emit_message (self,
                                         _("Select an annotation, then the text to add to it"));
      return FALSE;
    }
  if (!snap_range (self, &start, &end))
    return FALSE;

  return add_fragment (self, start, end, NULL);
}

gboolean
gloss_document_view_set_quick_attribute (GlossDocumentView *self,
                                         guint              n)
{
  g_autoptr(GlossCommand) command = NULL;
  g_autofree char    *description = NULL;
  g_autofree char    *message = NULL;
  const char * const *values;
  GlossAttrDef       *def;
  GVariant           *current;
  const char         *name;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), FALSE);

  if (self->annotations == NULL || self->selected == NULL || self->schema == NULL)
    return FALSE;
  def = gloss_editing_lookup_quick_attribute (self->schema,
                                              gloss_annotation_get_label (self->selected));
  if (def == NULL)
    return FALSE;

  values = gloss_attr_def_get_values (def);
  name = gloss_attr_def_get_name (def);
  if (n == 0 || values == NULL || n > g_strv_length ((char **) values))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return FALSE;
    }

  /* Translators: e.g. "certainty: hedged", said after Alt+2 */
  message = g_strdup_printf (_("%s: %s"), name, values[n - 1]);
  current = gloss_annotation_get_attribute (self->selected, name);
  if (current != NULL && g_variant_is_of_type (current, G_VARIANT_TYPE_STRING) &&
      g_strcmp0 (g_variant_get_string (current, NULL), values[n - 1]) == 0)
    {
      _gloss_document_view_emit_message (self, message);
      return TRUE;
    }

  /* Translators: the undo description of setting an attribute, e.g. "Set certainty" */
  description = g_strdup_printf (_("Set %s"), name);
  command = gloss_command_new (description);
  gloss_command_set_attribute (command, gloss_annotation_get_uuid (self->selected), name,
                               g_variant_new_string (values[n - 1]));
  if (!_gloss_document_view_apply_command (self, command))
    return FALSE;

  _gloss_document_view_emit_message (self, message);
  return TRUE;
}

gboolean
gloss_document_view_get_frame_pending (GlossDocumentView *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), FALSE);

  return self->frame != NULL;
}

gboolean
gloss_document_view_delete_selected (GlossDocumentView *self)
{
  g_autoptr(GlossCommand) command = NULL;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), FALSE);

  if (self->annotations == NULL || self->selected == NULL)
    return FALSE;

  command = gloss_command_new (_("Delete annotation"));
  gloss_command_delete_annotation (command, gloss_annotation_get_uuid (self->selected));
  return _gloss_document_view_apply_command (self, command);
}

gboolean
gloss_document_view_select_next (GlossDocumentView *self,
                                 int                direction)
{
  GListModel *model;
  g_autoptr(GlossAnnotation) next = NULL;
  guint n, position;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), FALSE);

  if (self->annotations == NULL)
    return FALSE;

  model = G_LIST_MODEL (self->annotations);
  n = g_list_model_get_n_items (model);
  if (n == 0)
    return FALSE;

  if (self->selected != NULL &&
      gloss_annotation_list_find (self->annotations,
                                  gloss_annotation_get_uuid (self->selected), &position))
    position = direction > 0 ? (position + 1) % n : (position + n - 1) % n;
  else
    {
      GtkTextIter iter;
      guint caret;

      GtkTextBuffer *buffer = _gloss_document_view_get_buffer (self);

      gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
      caret = gtk_text_iter_get_offset (&iter);
      position = lower_bound (self->annotations, caret);
      if (direction > 0)
        position = position % n;
      else
        position = (position + n - 1) % n;
    }

  next = g_list_model_get_item (model, position);
  _gloss_document_view_select (self, next, TRUE);
  _gloss_document_view_clear_text_selection (self, gloss_annotation_get_start (next));
  return TRUE;
}

/* Where an edge at @offset goes one step in @direction: a word when
 * snapping, else a character. */
static guint
step_edge (GlossDocumentView *self,
           guint              offset,
           int                direction,
           gboolean           is_end)
{
  GtkTextBuffer *buffer = _gloss_document_view_get_buffer (self);
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  if (!self->snap_to_words)
    {
      if (direction > 0)
        gtk_text_iter_forward_char (&iter);
      else
        gtk_text_iter_backward_char (&iter);
      return gtk_text_iter_get_offset (&iter);
    }

  if (is_end)
    {
      if (direction > 0)
        gtk_text_iter_forward_word_end (&iter);
      else
        {
          gtk_text_iter_backward_word_start (&iter);
          /* ...then back over the gap to the previous word's end. */
          while (!gtk_text_iter_is_start (&iter))
            {
              GtkTextIter prev = iter;

              gtk_text_iter_backward_char (&prev);
              if (gloss_is_word_char (gtk_text_iter_get_char (&prev)))
                break;
              iter = prev;
            }
        }
    }
  else
    {
      if (direction < 0)
        gtk_text_iter_backward_word_start (&iter);
      else
        {
          gtk_text_iter_forward_word_end (&iter);
          while (!gtk_text_iter_is_end (&iter) &&
                 !gloss_is_word_char (gtk_text_iter_get_char (&iter)))
            gtk_text_iter_forward_char (&iter);
        }
    }

  return gtk_text_iter_get_offset (&iter);
}

gboolean
gloss_document_view_move_edge (GlossDocumentView *self,
                               gboolean           start_edge,
                               int                direction)
{
  g_autoptr(GlossCommand) command = NULL;
  g_autofree GlossFragment *fragments = NULL;
  const GlossFragment *old;
  GlossFragment *f;
  guint n, value;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), FALSE);

  if (self->annotations == NULL || self->selected == NULL)
    return FALSE;

  old = gloss_annotation_get_fragments (self->selected, &n);
  fragments = g_memdup2 (old, n * sizeof (GlossFragment));

  if (start_edge)
    {
      f = &fragments[0];
      value = step_edge (self, f->start, direction, FALSE);
      if (value >= f->end || value == f->start)
        return FALSE;
      f->start = value;
    }
  else
    {
      f = &fragments[n - 1];
      value = step_edge (self, f->end, direction, TRUE);
      if (value <= f->start || value == f->end)
        return FALSE;
      f->end = value;
      /* The last fragment may not swallow the one before it. */
      if (n > 1 && f->start <= fragments[n - 2].end)
        return FALSE;
    }

  command = gloss_command_new (_("Resize annotation"));
  gloss_command_set_fragments (command, gloss_annotation_get_uuid (self->selected),
                               fragments, n);
  if (!_gloss_document_view_apply_command (self, command))
    return FALSE;

  _gloss_document_view_scroll_to_offset (self, start_edge ? fragments[0].start
                                                          : fragments[n - 1].end);
  return TRUE;
}

static gboolean
has_label_span (GlossDocumentView *self,
                const char        *label,
                guint              start,
                guint              end)
{
  g_autoptr(GPtrArray) hits = gloss_annotation_list_query_range (self->annotations, start, end);

  for (guint i = 0; i < hits->len; i++)
    if (g_strcmp0 (gloss_annotation_get_label (g_ptr_array_index (hits, i)), label) == 0)
      return TRUE;

  return FALSE;
}

guint
gloss_document_view_annotate_all (GlossDocumentView *self)
{
  g_autoptr(GlossCommand) command = NULL;
  g_autoptr(GArray) hits = NULL;
  g_autofree char *needle = NULL;
  g_autofree char *description = NULL;
  g_autofree char *message = NULL;
  const char *text = NULL;
  const char *label;
  guint count = 0;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), 0);

  if (self->annotations == NULL || (text = _gloss_document_view_get_text (self)) == NULL)
    return 0;
  if (self->selected == NULL)
    {
      _gloss_document_view_emit_message (self, _("Select an annotation first"));
      return 0;
    }

  label = gloss_annotation_get_label (self->selected);
  needle = g_utf8_substring (text, gloss_annotation_get_start (self->selected),
                             gloss_annotation_get_end (self->selected));
  hits = gloss_find_occurrences (text, needle, TRUE);

  /* Translators: the undo description of "annotate all occurrences" */
  description = g_strdup_printf (_("Annotate all “%s”"), needle);
  command = gloss_command_new (description);
  for (guint i = 0; i < hits->len; i++)
    {
      GlossFragment *f = &g_array_index (hits, GlossFragment, i);
      g_autoptr(GlossAnnotation) annotation = NULL;

      if (has_label_span (self, label, f->start, f->end))
        continue;

      annotation = gloss_annotation_new_span (label, f->start, f->end, NULL);
      if (self->schema != NULL)
        gloss_editing_apply_defaults (annotation, self->schema);
      gloss_command_create_annotation (command, annotation);
      count++;
    }

  if (count == 0)
    {
      message = g_strdup_printf (_("No other occurrences of “%s” to annotate"), needle);
      _gloss_document_view_emit_message (self, message);
      return 0;
    }

  if (!_gloss_document_view_apply_command (self, command))
    return 0;

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Annotated %u more occurrence",
                                          "Annotated %u more occurrences", count),
                             count);
  _gloss_document_view_emit_message (self, message);
  return count;
}

/* ---- the label popover -------------------------------------------------- */

static void
label_chosen_cb (GlossDocumentView *self,
                 const char        *label)
{
  gloss_document_view_annotate (self, label);
}

gboolean
gloss_document_view_show_label_popover (GlossDocumentView *self)
{
  guint start, end;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), FALSE);

  if (self->schema == NULL)
    return FALSE;

  if (!_gloss_document_view_get_text_selection (self, &start, &end))
    {
      if (self->selected == NULL)
        {
          _gloss_document_view_emit_message (self, _("Select some text or an annotation first"));
          return FALSE;
        }
      start = gloss_annotation_get_start (self->selected);
      end = gloss_annotation_get_end (self->selected);
    }

  if (self->label_popover == NULL)
    {
      self->label_popover = gloss_label_popover_new ();
      gtk_widget_set_parent (self->label_popover, GTK_WIDGET (self));
      g_signal_connect_object (self->label_popover, "label-chosen",
                               G_CALLBACK (label_chosen_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->label_popover, "closed",
                               G_CALLBACK (_gloss_document_view_popover_closed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  gloss_label_popover_set_schema (GLOSS_LABEL_POPOVER (self->label_popover), self->schema);
  _gloss_document_view_point_popover_at (self, self->label_popover, start, end);
  gloss_label_popover_popup (GLOSS_LABEL_POPOVER (self->label_popover));

  return TRUE;
}
