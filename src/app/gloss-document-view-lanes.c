/* gloss-document-view-lanes.c: room above the lines for relation arcs
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An arc runs in a lane above the chips of the line its ends are on, so it
 * never crosses words (brat's layout). The view draws the arcs of the
 * selected annotation only, but every paragraph keeps the room that any of
 * its annotations' arcs could need: selecting never moves the text. A
 * paragraph gets as many levels as the arcs of one annotation stack there,
 * counted in characters (wrapping only splits arcs further), up to
 * GLOSS_LANE_MAX_LEVELS; a paragraph without relations gets none.
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gloss-annotation.h"
#include "gloss-document-view-private.h"
#include "gloss-relation.h"
#include "gloss-schema.h"

#define LANE_TAG_PREFIX "gloss:lane"

/* ---- display-free ------------------------------------------------------ */

static int
compare_arcs (gconstpointer a,
              gconstpointer b)
{
  const GlossLaneArc *x = a;
  const GlossLaneArc *y = b;

  return x->owner < y->owner ? -1 : x->owner > y->owner;
}

/* The paragraph holding @offset: the last start at or before it. */
static guint
paragraph_of (const guint *starts,
              guint        n_paragraphs,
              guint        offset)
{
  guint lo = 0;
  guint hi = n_paragraphs;

  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (starts[mid] <= offset)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

static int
compare_lane_pieces (gconstpointer a,
                     gconstpointer b)
{
  const GlossLanePiece *x = a;
  const GlossLanePiece *y = b;

  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  if (x->x1 - x->x0 != y->x1 - y->x0)
    return x->x1 - x->x0 < y->x1 - y->x0 ? -1 : 1;
  return x->x0 < y->x0 ? -1 : x->x0 > y->x0;
}

#define SAME(a, b) (fabs ((a) - (b)) < 0.5)

/* Takes [lo, hi] out of the free stretches of a run (pairs of doubles). */
static void
subtract (GArray *gaps,
          double  lo,
          double  hi)
{
  g_autoptr(GArray) left = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < gaps->len; i += 2)
    {
      double a = g_array_index (gaps, double, i);
      double b = g_array_index (gaps, double, i + 1);

      if (hi <= a || lo >= b)
        {
          g_array_append_vals (left, (double[2]) { a, b }, 2);
          continue;
        }
      if (lo > a)
        g_array_append_vals (left, (double[2]) { a, lo }, 2);
      if (hi < b)
        g_array_append_vals (left, (double[2]) { hi, b }, 2);
    }
  g_array_set_size (gaps, 0);
  g_array_append_vals (gaps, left->data, left->len);
}

/* Whether @p can go on @level: the runs it crosses there share an end with
 * it and lie inside it; then @name_x is the middle of its widest free
 * stretch, if its name fits there. */
static gboolean
fits_level (const GlossLanePiece *pieces,
            guint                 n_placed,
            const GlossLanePiece *p,
            guint                 level,
            GArray               *gaps,
            double               *name_x)
{
  double best = -1.0;

  g_array_set_size (gaps, 0);
  g_array_append_vals (gaps, (double[2]) { p->x0, p->x1 }, 2);
  for (guint j = 0; j < n_placed; j++)
    {
      const GlossLanePiece *q = &pieces[j];
      double q_name_lo = q->name_x - q->name / 2.0;
      double q_name_hi = q->name_x + q->name / 2.0;

      if (q->line != p->line || q->level != level)
        continue;
      if (q->x0 < p->x1 && p->x0 < q->x1)
        {
          gboolean shares = SAME (q->x0, p->x0) || SAME (q->x1, p->x1) ||
                            SAME (q->x0, p->x1) || SAME (q->x1, p->x0);
          gboolean inside = q->x0 >= p->x0 - 0.5 && q->x1 <= p->x1 + 0.5;

          if (!shares || !inside)
            return FALSE;
          subtract (gaps, q->x0, q->x1);
        }
      if (q->name > 0)
        subtract (gaps, q_name_lo, q_name_hi);
    }

  for (guint i = 0; i < gaps->len / 2; i++)
    {
      double lo = g_array_index (gaps, double, 2 * i);
      double hi = g_array_index (gaps, double, 2 * i + 1);

      if (hi - lo > best)
        {
          best = hi - lo;
          *name_x = (lo + hi) / 2.0;
        }
    }
  if (p->name <= 0)
    {
      if (best < 0)
        *name_x = (p->x0 + p->x1) / 2.0;
      return TRUE;
    }
  if (best < p->name)
    return FALSE;

  /* A name wider than its free stretch spills over nothing else's name. */
  for (guint j = 0; j < n_placed; j++)
    {
      const GlossLanePiece *q = &pieces[j];

      if (q->line == p->line && q->level == level && q->name > 0 &&
          fabs (q->name_x - *name_x) < (q->name + p->name) / 2.0)
        return FALSE;
    }
  return TRUE;
}

guint
_gloss_lane_place (GlossLanePiece *pieces,
                   guint           n_pieces)
{
  g_autoptr(GArray) gaps = g_array_new (FALSE, FALSE, sizeof (double));
  guint most = 0;

  qsort (pieces, n_pieces, sizeof (GlossLanePiece), compare_lane_pieces);
  for (guint i = 0; i < n_pieces; i++)
    {
      GlossLanePiece *p = &pieces[i];
      guint level = 0;
      double name_x = (p->x0 + p->x1) / 2.0;

      while (!fits_level (pieces, i, p, level, gaps, &name_x))
        {
          if (level + 1 >= p->room)
            {
              /* No room left: over other arcs, never over words. */
              name_x = (p->x0 + p->x1) / 2.0;
              break;
            }
          level++;
        }
      p->level = level;
      p->name_x = name_x;
      most = MAX (most, level + 1);
    }

  return most;
}

guint8 *
_gloss_document_view_compute_lane_levels (GlossLaneArc *arcs,
                                          guint         n_arcs,
                                          const guint  *paragraph_starts,
                                          guint         n_paragraphs,
                                          guint         n_chars)
{
  guint8 *levels = g_new0 (guint8, MAX (n_paragraphs, 1));
  g_autoptr(GArray) pieces = g_array_new (FALSE, FALSE, sizeof (GlossLanePiece));

  if (n_paragraphs == 0)
    return levels;

  if (n_arcs > 1)
    qsort (arcs, n_arcs, sizeof (GlossLaneArc), compare_arcs);
  for (guint i = 0; i < n_arcs;)
    {
      guint owner = arcs[i].owner;

      /* The arcs one selection shows: one owner's, cut at paragraphs. */
      g_array_set_size (pieces, 0);
      for (; i < n_arcs && arcs[i].owner == owner; i++)
        {
          guint lo = MIN (arcs[i].a, arcs[i].b);
          guint hi = MAX (arcs[i].a, arcs[i].b);
          guint p = paragraph_of (paragraph_starts, n_paragraphs, lo);
          guint q = paragraph_of (paragraph_starts, n_paragraphs, hi);
          guint p_end = p + 1 < n_paragraphs ? paragraph_starts[p + 1] : n_chars;
          GlossLanePiece piece = { p, lo, p == q ? hi : p_end, arcs[i].name_chars,
                                   GLOSS_LANE_MAX_LEVELS, 0, 0, 0 };

          if (q != p)
            {
              GlossLanePiece tail = { q, paragraph_starts[q], hi, arcs[i].name_chars,
                                      GLOSS_LANE_MAX_LEVELS, 0, 0, 0 };

              /* Cut in two, the arc is named at its other end only. */
              if (arcs[i].a == lo)
                piece.name = 0;
              else
                tail.name = 0;
              g_array_append_val (pieces, tail);
            }
          g_array_append_val (pieces, piece);
        }

      _gloss_lane_place ((GlossLanePiece *) (gpointer) pieces->data, pieces->len);
      for (guint k = 0; k < pieces->len; k++)
        {
          const GlossLanePiece *piece = &g_array_index (pieces, GlossLanePiece, k);
          guint paragraph = (guint) piece->line;

          levels[paragraph] = MAX (levels[paragraph], piece->level + 1);
        }
    }

  return levels;
}

/* ---- the buffer -------------------------------------------------------- */

static GtkTextTag *
lane_tag (GlossDocumentView *self,
          guint              levels)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (_gloss_document_view_get_buffer (self));
  g_autofree char *name = g_strdup_printf (LANE_TAG_PREFIX "%u", levels);
  GtkTextTag *tag = gtk_text_tag_table_lookup (table, name);

  if (tag == NULL)
    {
      tag = gtk_text_tag_new (name);
      gtk_text_tag_table_add (table, tag);
      g_object_unref (tag);
      _gloss_document_view_style_lane_tag (self, tag, levels);
    }
  return tag;
}

int
_gloss_document_view_lane_step (GlossDocumentView *self)
{
  return self->chip_height + 2;
}

void
_gloss_document_view_style_lane_tag (GlossDocumentView *self,
                                     GtkTextTag        *tag,
                                     guint              levels)
{
  int pixels = gtk_text_view_get_pixels_above_lines (GTK_TEXT_VIEW (self)) +
               (int) levels * _gloss_document_view_lane_step (self);
  int above = -1;
  int inside = -1;

  /* Setting a tag lays out its text again, even to the same value. */
  g_object_get (tag, "pixels-above-lines", &above, "pixels-inside-wrap", &inside, NULL);
  if (above != pixels || inside != pixels)
    g_object_set (tag, "pixels-above-lines", pixels, "pixels-inside-wrap", pixels, NULL);
}

void
_gloss_document_view_restyle_lanes (GlossDocumentView *self)
{
  for (guint levels = 1; levels <= GLOSS_LANE_MAX_LEVELS; levels++)
    _gloss_document_view_style_lane_tag (self, lane_tag (self, levels), levels);
}

/* Owner ids: one per annotation uuid, in first-seen order. */
static guint
owner_id (GHashTable *owners,
          const char *uuid)
{
  gpointer id;

  if (!g_hash_table_lookup_extended (owners, uuid, NULL, &id))
    {
      id = GUINT_TO_POINTER (g_hash_table_size (owners));
      g_hash_table_insert (owners, (gpointer) uuid, id);
    }
  return GPOINTER_TO_UINT (id);
}

/* The room a name takes beside the text, in characters: the chips' font
 * is about two thirds of the text's, and the pill adds its ends. */
static guint
name_chars (const char *name)
{
  return name != NULL ? (guint) (g_utf8_strlen (name, -1) * 2 / 3) + 3 : 0;
}

static void
add_arc (GArray          *arcs,
         GHashTable      *owners,
         GlossAnnotation *source,
         GlossAnnotation *target,
         const char      *name)
{
  GlossLaneArc arc = { 0, gloss_annotation_get_start (source),
                       gloss_annotation_get_start (target), name_chars (name) };

  /* Selecting either end shows the arc. */
  arc.owner = owner_id (owners, gloss_annotation_get_uuid (source));
  g_array_append_val (arcs, arc);
  arc.owner = owner_id (owners, gloss_annotation_get_uuid (target));
  arc.a = gloss_annotation_get_start (target);
  arc.b = gloss_annotation_get_start (source);
  g_array_append_val (arcs, arc);
}

static void
ensure_paragraph_starts (GlossDocumentView *self)
{
  GtkTextBuffer *buffer = _gloss_document_view_get_buffer (self);
  guint n_lines = gtk_text_buffer_get_line_count (buffer);
  GtkTextIter iter;

  if (self->paragraph_starts != NULL && self->paragraph_starts->len == n_lines)
    return;

  g_clear_pointer (&self->paragraph_starts, g_array_unref);
  self->paragraph_starts = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_lines);
  gtk_text_buffer_get_start_iter (buffer, &iter);
  do
    {
      guint offset = gtk_text_iter_get_offset (&iter);

      g_array_append_val (self->paragraph_starts, offset);
    }
  while (gtk_text_iter_forward_line (&iter));
}

void
_gloss_document_view_update_lanes (GlossDocumentView *self)
{
  GtkTextBuffer *buffer = _gloss_document_view_get_buffer (self);
  g_autoptr(GArray) arcs = g_array_new (FALSE, FALSE, sizeof (GlossLaneArc));
  g_autoptr(GHashTable) owners = g_hash_table_new (g_str_hash, g_str_equal);
  guint8 *levels;
  GListModel *relations;
  guint n_paragraphs;

  g_clear_handle_id (&self->lane_idle_id, g_source_remove);
  ensure_paragraph_starts (self);
  n_paragraphs = self->paragraph_starts->len;

  if (self->annotations != NULL)
    {
      relations = gloss_annotation_list_get_relations (self->annotations);
      for (guint i = 0; i < g_list_model_get_n_items (relations); i++)
        {
          g_autoptr(GlossRelation) relation = g_list_model_get_item (relations, i);
          GlossAnnotation *source =
            gloss_annotation_list_lookup (self->annotations, gloss_relation_get_source (relation));
          GlossAnnotation *target =
            gloss_annotation_list_lookup (self->annotations, gloss_relation_get_target (relation));

          if (source != NULL && target != NULL)
            add_arc (arcs, owners, source, target, gloss_relation_get_relation_type (relation));
        }
    }
  /* A pending frame keeps the room its links will take: Enter moves
   * nothing. */
  for (guint i = 0; self->frame != NULL && self->selected != NULL && i < self->frame->len; i++)
    {
      GlossAnnotation *choice =
        _gloss_document_view_frame_choice (self, g_ptr_array_index (self->frame, i));

      if (choice != NULL)
        add_arc (arcs, owners, self->selected, choice,
                 gloss_relation_type_get_name (
                   ((GlossFrameRole *) g_ptr_array_index (self->frame, i))->type));
    }

  levels = _gloss_document_view_compute_lane_levels ((GlossLaneArc *) (gpointer) arcs->data,
                                                     arcs->len,
                                                     (const guint *) (gpointer)
                                                       self->paragraph_starts->data,
                                                     n_paragraphs,
                                                     gtk_text_buffer_get_char_count (buffer));

  if (self->lane_levels == NULL)
    self->lane_levels = g_byte_array_new ();
  if (self->lane_levels->len != n_paragraphs)
    {
      g_byte_array_set_size (self->lane_levels, n_paragraphs);
      memset (self->lane_levels->data, 0, n_paragraphs);
    }

  /* Only the paragraphs whose room changes are laid out again. */
  for (guint p = 0; p < n_paragraphs; p++)
    {
      guint8 old = self->lane_levels->data[p];
      GtkTextIter a, b;

      if (old == levels[p])
        continue;

      gtk_text_buffer_get_iter_at_line (buffer, &a, (int) p);
      b = a;
      if (!gtk_text_iter_ends_line (&b))
        gtk_text_iter_forward_to_line_end (&b);
      if (!gtk_text_iter_is_end (&b))
        gtk_text_iter_forward_char (&b);
      if (old > 0)
        gtk_text_buffer_remove_tag (buffer, lane_tag (self, old), &a, &b);
      if (levels[p] > 0)
        gtk_text_buffer_apply_tag (buffer, lane_tag (self, levels[p]), &a, &b);
      self->lane_levels->data[p] = levels[p];
    }
  g_free (levels);
}

static gboolean
update_lanes_cb (gpointer user_data)
{
  GlossDocumentView *self = user_data;

  self->lane_idle_id = 0;
  _gloss_document_view_update_lanes (self);
  return G_SOURCE_REMOVE;
}

void
_gloss_document_view_queue_lanes (GlossDocumentView *self)
{
  /* Before the next layout: arcs are never drawn in a stale lane. */
  if (self->lane_idle_id == 0)
    self->lane_idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_lanes_cb, self, NULL);
}

guint
_gloss_document_view_lane_levels_at (GlossDocumentView *self,
                                     const GtkTextIter *iter)
{
  guint line = (guint) gtk_text_iter_get_line (iter);

  if (self->lane_levels == NULL || line >= self->lane_levels->len)
    return 0;
  return self->lane_levels->data[line];
}
