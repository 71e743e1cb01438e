/* gloss-document-view-draw.c: label chips, outlines and relation arcs over the visible text
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <math.h>

#include "gloss-annotation.h"
#include "gloss-document-view-private.h"
#include "gloss-relation-type.h"
#include "gloss-relation.h"
#include "gloss-schema.h"
#include "gloss-suggestion.h"

#define CHIP_RADIUS        3.0
#define CHIP_PAD_X         4
#define CHIP_GAP_X         3
#define CHIP_GAP_Y         1

static GlossLabel *
lookup_label (GlossDocumentView *self,
              const char        *name)
{
  return self->schema != NULL ? gloss_schema_lookup_label (self->schema, name) : NULL;
}

static void
ensure_chip_font (GlossDocumentView *self)
{
  PangoContext *context;
  g_autoptr(PangoLayout) layout = NULL;
  int height;

  if (self->chip_font != NULL)
    return;

  context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  self->chip_font = pango_font_description_copy (pango_context_get_font_description (context));
  pango_font_description_set_size (self->chip_font, 7 * PANGO_SCALE);
  pango_font_description_set_weight (self->chip_font, PANGO_WEIGHT_BOLD);

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), "PERSON");
  pango_layout_set_font_description (layout, self->chip_font);
  pango_layout_get_pixel_size (layout, NULL, &height);
  self->chip_height = height + 1;

  /* Room above every display line for the chips; the arcs' lanes
   * above that. */
  gtk_text_view_set_pixels_above_lines (GTK_TEXT_VIEW (self), self->chip_height + 3);
  gtk_text_view_set_pixels_inside_wrap (GTK_TEXT_VIEW (self), self->chip_height + 3);
  _gloss_document_view_restyle_lanes (self);
}

static void
label_color (GlossDocumentView *self,
             const char        *label_name,
             GdkRGBA           *color)
{
  GlossLabel *label = lookup_label (self, label_name);

  if (label == NULL || !gdk_rgba_parse (color, gloss_label_get_color (label)))
    *color = (GdkRGBA) { 0.6, 0.6, 0.6, 1.0 };
}

static void
chip_colors (GlossDocumentView *self,
             const char        *label_name,
             GdkRGBA           *background,
             GdkRGBA           *foreground)
{
  double luminance;

  label_color (self, label_name, background);
  luminance = 0.299 * background->red + 0.587 * background->green + 0.114 * background->blue;
  if (luminance > 0.62)
    *foreground = (GdkRGBA) { 0.0, 0.0, 0.0, 0.8 };
  else
    *foreground = (GdkRGBA) { 1.0, 1.0, 1.0, 1.0 };
}

/* A darker shade of the label colour: white text reads on it. */
static void
strong_color (GlossDocumentView *self,
              const char        *label_name,
              GdkRGBA           *color)
{
  label_color (self, label_name, color);
  color->red *= 0.62;
  color->green *= 0.62;
  color->blue *= 0.62;
  color->alpha = 1.0;
}

/* The label colour for lines (arcs, outlines, brackets) on the text's
 * background: darker on a light one, lighter on a dark one. */
static void
line_color (GlossDocumentView *self,
            const char        *label_name,
            GdkRGBA           *color)
{
  GdkRGBA text;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &text);
  G_GNUC_END_IGNORE_DEPRECATIONS
  if (0.299 * text.red + 0.587 * text.green + 0.114 * text.blue < 0.5)
    {
      strong_color (self, label_name, color);
      return;
    }
  label_color (self, label_name, color);
  color->red += (1.0 - color->red) * 0.25;
  color->green += (1.0 - color->green) * 0.25;
  color->blue += (1.0 - color->blue) * 0.25;
  color->alpha = 1.0;
}

void
_gloss_chip_hit_clear (gpointer data)
{
  GlossChipHit *hit = data;

  g_clear_pointer (&hit->uuid, g_free);
}

const char *
_gloss_document_view_chip_at (GlossDocumentView *self,
                              double             x,
                              double             y)
{
  for (guint i = 0; i < self->chips->len; i++)
    {
      GlossChipHit *hit = &g_array_index (self->chips, GlossChipHit, i);

      if (graphene_rect_contains_point (&hit->rect, &GRAPHENE_POINT_INIT (x, y)))
        return hit->uuid;
    }

  return NULL;
}

/* Rectangles of the display lines [start, end) covers, in buffer
 * coordinates, clipped to [clip_start, clip_end). */
static void
span_line_rects (GlossDocumentView *self,
                 guint              start,
                 guint              end,
                 guint              clip_start,
                 guint              clip_end,
                 GArray            *rects)
{
  GtkTextView *text_view = GTK_TEXT_VIEW (self);
  GtkTextBuffer *buffer = _gloss_document_view_get_buffer (self);
  GdkRectangle current = { 0, 0, 0, 0 };
  gboolean have = FALSE;
  GtkTextIter iter;

  start = MAX (start, clip_start);
  end = MIN (end, clip_end);
  if (start >= end)
    return;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, start);
  for (guint offset = start; offset < end; offset++, gtk_text_iter_forward_char (&iter))
    {
      GdkRectangle location;

      if (gtk_text_iter_ends_line (&iter))
        continue;

      gtk_text_view_get_iter_location (text_view, &iter, &location);
      if (have && location.y == current.y)
        {
          current.width = MAX (current.width, location.x + location.width - current.x);
          continue;
        }
      if (have)
        g_array_append_val (rects, current);
      current = location;
      have = TRUE;
    }
  if (have)
    g_array_append_val (rects, current);
}

static void
append_outline (GlossDocumentView *self,
                GtkSnapshot       *snapshot,
                GlossAnnotation   *annotation,
                guint              clip_start,
                guint              clip_end,
                const GdkRGBA     *color,
                const GdkRGBA     *fill,
                float              width)
{
  g_autoptr(GArray) rects = g_array_new (FALSE, FALSE, sizeof (GdkRectangle));
  const GlossFragment *fragments;
  guint n_fragments;

  fragments = gloss_annotation_get_fragments (annotation, &n_fragments);
  for (guint i = 0; i < n_fragments; i++)
    span_line_rects (self, fragments[i].start, fragments[i].end, clip_start, clip_end, rects);

  for (guint i = 0; i < rects->len; i++)
    {
      GdkRectangle *r = &g_array_index (rects, GdkRectangle, i);
      GskRoundedRect rounded;

      gsk_rounded_rect_init_from_rect (&rounded,
                                       &GRAPHENE_RECT_INIT (r->x - 2, r->y - 1,
                                                            r->width + 4, r->height + 2),
                                       3);
      if (fill != NULL)
        {
          gtk_snapshot_push_rounded_clip (snapshot, &rounded);
          gtk_snapshot_append_color (snapshot, fill, &rounded.bounds);
          gtk_snapshot_pop (snapshot);
        }
      gtk_snapshot_append_border (snapshot, &rounded,
                                  (float[4]) { width, width, width, width },
                                  (GdkRGBA[4]) { *color, *color, *color, *color });
    }
}

/* ---- relation arcs --------------------------------------------------------
 *
 * brat's layout: an arc leaves the top of its source's chip, runs in the
 * lane reserved above that line (-lanes.c) and comes down onto its
 * target's chip with an arrow head. Ends on different lines make two
 * pieces: one to the right edge of the first line, one from the left edge
 * of the second. On each line the shortest pieces take the lowest levels,
 * and a piece goes up a level where it would touch another or its name. */

/* One end of an arc: where its leg comes down. */
typedef struct
{
  double x;
  double foot;   /* the top of the chip */
  int    line_y; /* the top of the line's text */
  guint  room;   /* the levels reserved above the line */
} ArcEnd;

typedef struct
{
  double      x0, x1;          /* the run along the lane, left to right */
  double      foot0, foot1;    /* where a leg at x0 / x1 comes down to */
  gboolean    leg0, leg1;
  gboolean    arrow0, arrow1;  /* the leg ends on the target */
  int         line_y;
  guint       room;
  const char *name;
  int         name_width;
  int         name_height;
  GdkRGBA     color;
  GdkRGBA     pill;            /* under its name, white on it */
  gboolean    dashed;
  guint       level;
  double      name_x;
} ArcPiece;

#define ARC_CORNER 5.0

static void
arc_end (GlossDocumentView *self,
         GlossAnnotation   *annotation,
         ArcEnd            *end)
{
  const char *uuid = gloss_annotation_get_uuid (annotation);
  GtkTextIter iter;
  GdkRectangle location;

  gtk_text_buffer_get_iter_at_offset (_gloss_document_view_get_buffer (self), &iter,
                                      gloss_annotation_get_start (annotation));
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (self), &iter, &location);
  end->line_y = location.y;
  end->x = location.x + 6;
  end->foot = location.y - self->chip_height - CHIP_GAP_Y;
  end->room = _gloss_document_view_lane_levels_at (self, &iter);

  /* The chip this frame drew: chips side by side are not at the text. */
  for (guint i = 0; i < self->chips->len; i++)
    {
      GlossChipHit *hit = &g_array_index (self->chips, GlossChipHit, i);

      if (g_strcmp0 (hit->uuid, uuid) == 0)
        {
          end->x = hit->rect.origin.x + MIN (6.0, hit->rect.size.width / 2.0);
          end->foot = hit->rect.origin.y;
          break;
        }
    }
}

static void
add_arc_pieces (GlossDocumentView *self,
                GArray            *pieces,
                PangoLayout       *layout,
                const GdkRectangle *visible,
                GlossAnnotation   *source,
                GlossAnnotation   *target,
                const char        *name,
                gboolean           dashed)
{
  GtkTextView *text_view = GTK_TEXT_VIEW (self);
  double left = gtk_text_view_get_left_margin (text_view) - 6.0;
  double right = visible->x + visible->width - gtk_text_view_get_right_margin (text_view) + 6.0;
  ArcEnd s, t;
  ArcPiece piece = { 0 };
  int name_width = 0;
  int name_height = 0;

  arc_end (self, source, &s);
  arc_end (self, target, &t);
  if (name != NULL)
    {
      pango_layout_set_text (layout, name, -1);
      pango_layout_get_pixel_size (layout, &name_width, &name_height);
    }
  piece.name = name;
  piece.name_width = name_width;
  piece.name_height = name_height;
  piece.dashed = dashed;
  line_color (self, gloss_annotation_get_label (target), &piece.color);
  strong_color (self, gloss_annotation_get_label (target), &piece.pill);

  if (s.line_y == t.line_y)
    {
      const ArcEnd *first = s.x <= t.x ? &s : &t;
      const ArcEnd *second = s.x <= t.x ? &t : &s;

      piece.x0 = first->x;
      piece.x1 = MAX (second->x, first->x + 2 * ARC_CORNER);
      piece.foot0 = first->foot;
      piece.foot1 = second->foot;
      piece.leg0 = piece.leg1 = TRUE;
      piece.arrow0 = first == &t;
      piece.arrow1 = second == &t;
      piece.line_y = s.line_y;
      piece.room = s.room;
      g_array_append_val (pieces, piece);
    }
  else
    {
      const ArcEnd *first = s.line_y < t.line_y ? &s : &t;
      const ArcEnd *second = s.line_y < t.line_y ? &t : &s;
      ArcPiece tail = piece;

      /* Cut in two, the arc is named where it lands, not again at the
       * selected annotation: its pieces there share a level. */
      gboolean first_selected =
        _gloss_document_view_same (first == &s ? source : target, self->selected);

      if (first_selected)
        piece.name = NULL;
      else
        tail.name = NULL;
      piece.x0 = first->x;
      piece.x1 = MAX (right, first->x + 2 * ARC_CORNER);
      piece.foot0 = first->foot;
      piece.leg0 = TRUE;
      piece.arrow0 = first == &t;
      piece.line_y = first->line_y;
      piece.room = first->room;
      g_array_append_val (pieces, piece);

      tail.x0 = MIN (left, second->x - 2 * ARC_CORNER);
      tail.x1 = second->x;
      tail.foot1 = second->foot;
      tail.leg1 = TRUE;
      tail.arrow1 = second == &t;
      tail.line_y = second->line_y;
      tail.room = second->room;
      g_array_append_val (pieces, tail);
    }
}

/* Levels and the names' places, as the lanes reserved them (-lanes.c). */
static void
place_pieces (GArray *pieces)
{
  g_autoptr(GArray) runs = g_array_sized_new (FALSE, FALSE, sizeof (GlossLanePiece),
                                              pieces->len);

  for (guint i = 0; i < pieces->len; i++)
    {
      ArcPiece *piece = &g_array_index (pieces, ArcPiece, i);
      GlossLanePiece run = { piece->line_y, piece->x0, piece->x1, 0, piece->room, i, 0, 0 };

      if (piece->name != NULL)
        run.name = piece->name_width + piece->name_height + 6;
      g_array_append_val (runs, run);
    }

  _gloss_lane_place ((GlossLanePiece *) (gpointer) runs->data, runs->len);
  for (guint i = 0; i < runs->len; i++)
    {
      GlossLanePiece *run = &g_array_index (runs, GlossLanePiece, i);
      ArcPiece *piece = &g_array_index (pieces, ArcPiece, run->id);

      piece->level = run->level;
      piece->name_x = run->name_x;
    }
}

static void
draw_arrow_head (cairo_t *cr,
                 double   x,
                 double   y)
{
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x - 3.5, y - 6.0);
  cairo_line_to (cr, x + 3.5, y - 6.0);
  cairo_close_path (cr);
  cairo_fill (cr);
}

static void
draw_piece (GlossDocumentView *self,
            cairo_t           *cr,
            PangoLayout       *layout,
            const ArcPiece    *piece)
{
  double step = _gloss_document_view_lane_step (self);
  double y = piece->line_y - self->chip_height - CHIP_GAP_Y - 2 - (piece->level + 0.5) * step;
  double r = MIN (ARC_CORNER, (piece->x1 - piece->x0) / 2.0);
  double bottom = y;
  GlossArcBox box;

  cairo_save (cr);
  cairo_set_source_rgba (cr, piece->color.red, piece->color.green, piece->color.blue, 0.85);
  cairo_set_line_width (cr, 1.5);
  if (piece->dashed)
    cairo_set_dash (cr, (double[2]) { 4.0, 3.0 }, 2, 0.0);
  if (piece->leg0)
    {
      cairo_move_to (cr, piece->x0, piece->foot0);
      cairo_line_to (cr, piece->x0, y + r);
      cairo_curve_to (cr, piece->x0, y, piece->x0, y, piece->x0 + r, y);
      bottom = MAX (bottom, piece->foot0);
    }
  else
    cairo_move_to (cr, piece->x0, y);
  if (piece->leg1)
    {
      cairo_line_to (cr, piece->x1 - r, y);
      cairo_curve_to (cr, piece->x1, y, piece->x1, y, piece->x1, y + r);
      cairo_line_to (cr, piece->x1, piece->foot1);
      bottom = MAX (bottom, piece->foot1);
    }
  else
    cairo_line_to (cr, piece->x1, y);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0.0);

  if (piece->arrow0)
    draw_arrow_head (cr, piece->x0, piece->foot0);
  if (piece->arrow1)
    draw_arrow_head (cr, piece->x1, piece->foot1);

  box.bounds = GRAPHENE_RECT_INIT (piece->x0 - 4, y - 1, piece->x1 - piece->x0 + 8,
                                   bottom - y + 1);
  box.name = GRAPHENE_RECT_INIT (0, 0, 0, 0);
  if (piece->name != NULL)
    {
      double mx = piece->name_x;
      double tw = piece->name_width;
      double th = piece->name_height;

      /* The name on a pill in the middle of the run. */
      pango_layout_set_text (layout, piece->name, -1);
      cairo_new_path (cr);
      cairo_arc (cr, mx - tw / 2.0, y, th / 2.0, G_PI / 2, 3 * G_PI / 2);
      cairo_arc (cr, mx + tw / 2.0, y, th / 2.0, 3 * G_PI / 2, G_PI / 2);
      cairo_close_path (cr);
      gdk_cairo_set_source_rgba (cr, &piece->pill);
      cairo_fill (cr);
      cairo_move_to (cr, mx - tw / 2.0, y - th / 2.0);
      cairo_set_source_rgba (cr, 1.0, 1.0, 1.0, 1.0);
      pango_cairo_show_layout (cr, layout);
      box.name = GRAPHENE_RECT_INIT (mx - tw / 2.0 - th / 2.0, y - th / 2.0, tw + th, th);
      graphene_rect_union (&box.bounds, &box.name, &box.bounds);
    }
  cairo_restore (cr);

  box.line_y = piece->line_y;
  box.level = piece->level;
  g_array_append_val (self->arc_boxes, box);
}

static gboolean
starts_in (GlossAnnotation *annotation,
           guint            start,
           guint            end)
{
  guint offset = gloss_annotation_get_start (annotation);

  return offset >= start && offset < end;
}

static void
draw_relations (GlossDocumentView *self,
                GtkSnapshot       *snapshot,
                GdkRectangle      *visible,
                guint              start,
                guint              end)
{
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(GArray) pieces = NULL;
  gboolean preview;
  cairo_t *cr;

  relations = gloss_annotation_list_relations_of (self->annotations,
                                                  gloss_annotation_get_uuid (self->selected));
  preview = self->linking && self->link_target != NULL;
  if (relations->len == 0 && !preview && !self->chip_dragging && self->frame == NULL)
    return;

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  pango_layout_set_font_description (layout, self->chip_font);
  pieces = g_array_new (FALSE, FALSE, sizeof (ArcPiece));

  for (guint i = 0; i < relations->len; i++)
    {
      GlossRelation *relation = g_ptr_array_index (relations, i);
      GlossAnnotation *source;
      GlossAnnotation *target;

      source = gloss_annotation_list_lookup (self->annotations,
                                             gloss_relation_get_source (relation));
      target = gloss_annotation_list_lookup (self->annotations,
                                             gloss_relation_get_target (relation));
      /* Only arcs with at least one end on screen. */
      if (source == NULL || target == NULL ||
          (!starts_in (source, start, end) && !starts_in (target, start, end)))
        continue;

      add_arc_pieces (self, pieces, layout, visible, source, target,
                      gloss_relation_get_relation_type (relation), FALSE);
    }

  /* A pending claim frame: a dashed arc, named, to each role's choice. */
  for (guint i = 0; self->frame != NULL && i < self->frame->len; i++)
    {
      GlossFrameRole  *role = g_ptr_array_index (self->frame, i);
      GlossAnnotation *choice = _gloss_document_view_frame_choice (self, role);

      if (choice != NULL &&
          (starts_in (self->selected, start, end) || starts_in (choice, start, end)))
        add_arc_pieces (self, pieces, layout, visible, self->selected, choice,
                        gloss_relation_type_get_name (role->type), TRUE);
    }

  if (preview && (starts_in (self->selected, start, end) ||
                  starts_in (self->link_target, start, end)))
    add_arc_pieces (self, pieces, layout, visible, self->selected, self->link_target, NULL,
                    TRUE);

  place_pieces (pieces);

  cr = gtk_snapshot_append_cairo (snapshot,
                                  &GRAPHENE_RECT_INIT (visible->x, visible->y,
                                                       visible->width, visible->height));
  for (guint i = 0; i < pieces->len; i++)
    draw_piece (self, cr, layout, &g_array_index (pieces, ArcPiece, i));

  if (!preview && self->chip_dragging)
    {
      GdkRGBA color;
      ArcEnd from;

      /* Nothing under the pointer yet: a dashed line to it. */
      arc_end (self, self->selected, &from);
      line_color (self, gloss_annotation_get_label (self->selected), &color);
      cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.85);
      cairo_set_line_width (cr, 1.5);
      cairo_set_dash (cr, (double[2]) { 4.0, 3.0 }, 2, 0.0);
      cairo_move_to (cr, from.x, from.foot);
      cairo_line_to (cr, self->drag_x, self->drag_y);
      cairo_stroke (cr);
    }

  cairo_destroy (cr);
}

GArray *
_gloss_document_view_get_arc_boxes (GlossDocumentView *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), NULL);

  return self->arc_boxes;
}

/* Spans drawn as a background merge where they nest or overlap: "BBC"
 * inside "BBC World News" (both ORG) is one block of colour. Each span in
 * such a group gets a bracket under its text (a bar with a tick at either
 * end), one step lower per level of nesting, so every start and end shows. */
typedef struct
{
  GlossAnnotation *annotation;  /* borrowed */
  guint            depth;
  gboolean         grouped;     /* nests in, holds or crosses another span */
} Nested;

static int
compare_outer_first (gconstpointer a,
                     gconstpointer b)
{
  GlossAnnotation *aa = ((const Nested *) a)->annotation;
  GlossAnnotation *ab = ((const Nested *) b)->annotation;
  guint sa = gloss_annotation_get_start (aa);
  guint sb = gloss_annotation_get_start (ab);
  guint ea = gloss_annotation_get_end (aa);
  guint eb = gloss_annotation_get_end (ab);

  if (sa != sb)
    return sa < sb ? -1 : 1;
  if (ea != eb)
    return ea > eb ? -1 : 1;
  return gloss_annotation_compare (aa, ab);
}

static void
draw_nesting_brackets (GlossDocumentView *self,
                       GtkSnapshot       *snapshot,
                       GPtrArray         *hits,
                       guint              start,
                       guint              end)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (Nested));
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (guint));  /* indexes */
  g_autoptr(GArray) rects = g_array_new (FALSE, FALSE, sizeof (GdkRectangle));

  for (guint i = 0; i < hits->len; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (hits, i);
      GlossLabel *label = lookup_label (self, gloss_annotation_get_label (annotation));
      Nested nested = { annotation, 0, FALSE };

      if (label == NULL || _gloss_document_view_layer_is_underlined (gloss_label_get_layer (label)))
        continue;
      g_array_append_val (spans, nested);
    }
  if (spans->len < 2)
    return;
  g_array_sort (spans, compare_outer_first);

  /* One sweep: the spans still open where the next one starts hold it. */
  for (guint i = 0; i < spans->len; i++)
    {
      Nested *span = &g_array_index (spans, Nested, i);
      guint s = gloss_annotation_get_start (span->annotation);

      while (open->len > 0 &&
             gloss_annotation_get_end (
               g_array_index (spans, Nested, g_array_index (open, guint, open->len - 1))
                 .annotation) <= s)
        g_array_set_size (open, open->len - 1);
      span->depth = open->len;
      if (open->len > 0)
        {
          span->grouped = TRUE;
          g_array_index (spans, Nested, g_array_index (open, guint, open->len - 1)).grouped = TRUE;
        }
      g_array_append_val (open, i);
    }

  for (guint i = 0; i < spans->len; i++)
    {
      Nested *span = &g_array_index (spans, Nested, i);
      const GlossFragment *fragments;
      guint n_fragments;
      GdkRGBA color;

      if (!span->grouped)
        continue;

      line_color (self, gloss_annotation_get_label (span->annotation), &color);
      fragments = gloss_annotation_get_fragments (span->annotation, &n_fragments);
      for (guint f = 0; f < n_fragments; f++)
        {
          g_array_set_size (rects, 0);
          span_line_rects (self, fragments[f].start, fragments[f].end, start, end, rects);
          for (guint r = 0; r < rects->len; r++)
            {
              GdkRectangle *rect = &g_array_index (rects, GdkRectangle, r);
              float y = rect->y + rect->height + 1 + span->depth * 3;
              float x = rect->x + 1 + span->depth;
              float w = MAX (rect->width - 2 - 2 * (int) span->depth, 2);

              gtk_snapshot_append_color (snapshot, &color, &GRAPHENE_RECT_INIT (x, y, w, 1.5));
              /* Ticks where the span starts and ends, not where a line
               * break cuts it. */
              if (r == 0)
                gtk_snapshot_append_color (snapshot, &color,
                                           &GRAPHENE_RECT_INIT (x, y - 3, 1.5, 4.5));
              if (r + 1 == rects->len)
                gtk_snapshot_append_color (snapshot, &color,
                                           &GRAPHENE_RECT_INIT (x + w - 1.5, y - 3, 1.5, 4.5));
            }
        }
    }
}

/* A claim split by its cue ("X, he said, Y") is one annotation in pieces:
 * a dashed bow under the text joins the end of each fragment to the start
 * of the next, so the gap reads as part of it. */
static void
draw_gap_connectors (GlossDocumentView *self,
                     GtkSnapshot       *snapshot,
                     GdkRectangle      *visible,
                     GPtrArray         *hits,
                     guint              start,
                     guint              end)
{
  GtkTextView *text_view = GTK_TEXT_VIEW (self);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  cairo_t *cr = NULL;

  for (guint i = 0; i < hits->len; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (hits, i);
      const GlossFragment *fragments;
      guint n_fragments;
      GdkRGBA color;

      fragments = gloss_annotation_get_fragments (annotation, &n_fragments);
      if (n_fragments < 2)
        continue;

      line_color (self, gloss_annotation_get_label (annotation), &color);
      for (guint k = 0; k + 1 < n_fragments; k++)
        {
          GdkRectangle a, b;
          GtkTextIter iter;
          double x1, y1, x2, y2, bow;

          /* Only gaps that start or end on screen. */
          if ((fragments[k].end < start || fragments[k].end > end) &&
              (fragments[k + 1].start < start || fragments[k + 1].start > end))
            continue;
          if (fragments[k].end == 0)
            continue;

          gtk_text_buffer_get_iter_at_offset (buffer, &iter, fragments[k].end - 1);
          gtk_text_view_get_iter_location (text_view, &iter, &a);
          gtk_text_buffer_get_iter_at_offset (buffer, &iter, fragments[k + 1].start);
          gtk_text_view_get_iter_location (text_view, &iter, &b);
          x1 = a.x + a.width;
          y1 = a.y + a.height + 1;
          x2 = b.x;
          y2 = b.y + b.height + 1;
          bow = 5.0;

          if (cr == NULL)
            cr = gtk_snapshot_append_cairo (snapshot,
                                            &GRAPHENE_RECT_INIT (visible->x, visible->y,
                                                                 visible->width,
                                                                 visible->height));
          cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.8);
          cairo_set_line_width (cr, 1.2);
          cairo_set_dash (cr, (double[2]) { 3.0, 2.0 }, 2, 0.0);
          cairo_move_to (cr, x1, y1);
          if (a.y == b.y)
            cairo_curve_to (cr, x1 + 2, y1 + bow, x2 - 2, y2 + bow, x2, y2);
          else
            /* Across a line break: down from the end, and in to the start
             * of the next piece from the left. */
            cairo_curve_to (cr, x1 + 8, y1 + bow, x2 - 8, y2 + bow, x2, y2);
          cairo_stroke (cr);
        }
    }

  if (cr != NULL)
    cairo_destroy (cr);
}

/* ---- suggestions ----------------------------------------------------------
 *
 * A suggestion is not an annotation and must never look like one: its
 * spans get a dashed outline in the label's line colour (no fill, no tag),
 * its chip is hollow (an outline and the label's name in that colour), and
 * the selected one is drawn thicker, with a light wash. */

static void
dashed_outline (GlossDocumentView *self,
                GtkSnapshot       *snapshot,
                GlossSuggestion   *suggestion,
                guint              clip_start,
                guint              clip_end,
                const GdkRGBA     *color,
                gboolean           selected)
{
  g_autoptr(GArray) rects = g_array_new (FALSE, FALSE, sizeof (GdkRectangle));
  const GlossFragment *fragments;
  graphene_rect_t bounds;
  guint n_fragments;
  cairo_t *cr;

  fragments = gloss_suggestion_get_fragments (suggestion, &n_fragments);
  for (guint i = 0; i < n_fragments; i++)
    span_line_rects (self, fragments[i].start, fragments[i].end, clip_start, clip_end, rects);
  if (rects->len == 0)
    return;

  for (guint i = 0; i < rects->len; i++)
    {
      GdkRectangle *r = &g_array_index (rects, GdkRectangle, i);
      graphene_rect_t one = GRAPHENE_RECT_INIT (r->x - 3, r->y - 2, r->width + 6, r->height + 4);

      if (i == 0)
        bounds = one;
      else
        graphene_rect_union (&bounds, &one, &bounds);
    }
  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, 1.0);
  cairo_set_line_width (cr, selected ? 2.0 : 1.25);
  cairo_set_dash (cr, (double[2]) { 4.0, 2.5 }, 2, 0.0);
  for (guint i = 0; i < rects->len; i++)
    {
      GdkRectangle *r = &g_array_index (rects, GdkRectangle, i);

      cairo_rectangle (cr, r->x - 1.5, r->y - 0.5, r->width + 3, r->height + 1);
      if (selected)
        {
          cairo_save (cr);
          cairo_set_source_rgba (cr, color->red, color->green, color->blue, 0.12);
          cairo_fill_preserve (cr);
          cairo_restore (cr);
        }
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
}

/* Whether a chip drawn this frame covers [x, x + width) on the chip row at
 * @y; returns the x after it when it does. */
static gboolean
chip_in_the_way (GlossDocumentView *self,
                 double             x,
                 double             y,
                 double             width,
                 double            *after)
{
  for (guint i = 0; i < self->chips->len; i++)
    {
      graphene_rect_t *r = &g_array_index (self->chips, GlossChipHit, i).rect;

      if (fabs (r->origin.y - y) < 1 && x < r->origin.x + r->size.width &&
          r->origin.x < x + width)
        {
          *after = r->origin.x + r->size.width + CHIP_GAP_X;
          return TRUE;
        }
    }
  return FALSE;
}

static void
draw_suggestions (GlossDocumentView *self,
                  GtkSnapshot       *snapshot,
                  PangoLayout       *layout,
                  guint              start,
                  guint              end)
{
  GtkTextView *text_view = GTK_TEXT_VIEW (self);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);

  for (guint i = 0; self->suggestions != NULL && i < self->suggestions->len; i++)
    {
      GlossSuggestion *s = g_ptr_array_index (self->suggestions, i);
      const char *label = gloss_suggestion_get_label (s);
      gboolean selected = s == self->selected_suggestion;
      guint offset = gloss_suggestion_get_start (s);
      GskRoundedRect rounded;
      GdkRectangle location;
      GtkTextIter iter;
      GlossChipHit hit;
      GdkRGBA color;
      double x, y, after;
      int width, height;

      if (gloss_suggestion_get_end (s) <= start)
        continue;
      if (offset >= end)
        break;
      if (!_gloss_document_view_suggestion_pending (self, s))
        continue;

      line_color (self, label, &color);
      dashed_outline (self, snapshot, s, start, end, &color, selected);
      if (offset < start)
        continue;

      /* the hollow chip, beside the chips already on its row */
      gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
      gtk_text_view_get_iter_location (text_view, &iter, &location);
      pango_layout_set_text (layout, label, -1);
      pango_layout_get_pixel_size (layout, &width, &height);
      width += 2 * CHIP_PAD_X;
      x = location.x;
      y = location.y - self->chip_height - CHIP_GAP_Y;
      while (chip_in_the_way (self, x, y, width, &after))
        x = after;
      gsk_rounded_rect_init_from_rect (&rounded,
                                       &GRAPHENE_RECT_INIT (x + 0.5, y + 0.5, width - 1,
                                                            self->chip_height - 1),
                                       CHIP_RADIUS);
      if (selected)
        {
          GdkRGBA wash = color;

          wash.alpha = 0.18;
          gtk_snapshot_push_rounded_clip (snapshot, &rounded);
          gtk_snapshot_append_color (snapshot, &wash, &rounded.bounds);
          gtk_snapshot_pop (snapshot);
        }
      gtk_snapshot_append_border (snapshot, &rounded,
                                  (float[4]) { 1, 1, 1, 1 },
                                  (GdkRGBA[4]) { color, color, color, color });
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT (x + CHIP_PAD_X,
                                                    y + (self->chip_height - height) / 2.0));
      gtk_snapshot_append_layout (snapshot, layout, &color);
      gtk_snapshot_restore (snapshot);

      /* a chip of its own in the hit list: later suggestions go beside it
       * (its uuid is the suggestion's id, which no annotation has) */
      hit.rect = GRAPHENE_RECT_INIT (x, y, width, self->chip_height);
      hit.uuid = g_strdup (gloss_suggestion_get_id (s));
      g_array_append_val (self->chips, hit);
    }
}

/* The frame of the claim suggestion under review: a dashed arc, named, to
 * each role's choice, which is outlined (the focused role's thicker). */
static void
draw_review_frame (GlossDocumentView *self,
                   GtkSnapshot       *snapshot,
                   GdkRectangle      *visible,
                   guint              start,
                   guint              end)
{
  g_autoptr(GlossAnnotation) claim = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(GArray) pieces = NULL;
  cairo_t *cr;

  if (self->review == NULL || self->review->len == 0 || self->selected_suggestion == NULL)
    return;
  claim = _gloss_document_view_review_claim (self);
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  pango_layout_set_font_description (layout, self->chip_font);
  pieces = g_array_new (FALSE, FALSE, sizeof (ArcPiece));
  for (guint i = 0; i < self->review->len; i++)
    {
      GlossReviewRole *role = g_ptr_array_index (self->review, i);
      g_autoptr(GlossAnnotation) choice = _gloss_document_view_review_choice (self, role);
      GdkRGBA color;

      if (choice == NULL)
        continue;
      line_color (self, gloss_annotation_get_label (choice), &color);
      append_outline (self, snapshot, choice, start, end, &color, NULL,
                      i == self->review_focus ? 2.5 : 1.0);
      if (starts_in (claim, start, end) || starts_in (choice, start, end))
        add_arc_pieces (self, pieces, layout, visible, claim, choice,
                        gloss_relation_type_get_name (role->type), TRUE);
    }
  if (pieces->len == 0)
    return;
  place_pieces (pieces);
  cr = gtk_snapshot_append_cairo (snapshot,
                                  &GRAPHENE_RECT_INIT (visible->x, visible->y,
                                                       visible->width, visible->height));
  for (guint i = 0; i < pieces->len; i++)
    draw_piece (self, cr, layout, &g_array_index (pieces, ArcPiece, i));
  cairo_destroy (cr);
}

void
_gloss_document_view_snapshot_above_text (GlossDocumentView *self,
                                          GtkSnapshot       *snapshot)
{
  GtkTextView *text_view = GTK_TEXT_VIEW (self);
  GtkTextBuffer *buffer;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  GdkRectangle visible;
  GtkTextIter first, last;
  guint start, end;
  guint prev_start = G_MAXUINT;
  int prev_y = G_MININT;
  int next_x = G_MININT;

  if (self->annotations == NULL)
    return;

  ensure_chip_font (self);
  buffer = gtk_text_view_get_buffer (text_view);
  g_array_set_size (self->chips, 0);
  g_array_set_size (self->arc_boxes, 0);

  /* Only the annotations starting in the visible rectangle get a chip. */
  gtk_text_view_get_visible_rect (text_view, &visible);
  gtk_text_view_get_iter_at_location (text_view, &first, visible.x, visible.y);
  gtk_text_view_get_iter_at_location (text_view, &last, visible.x + visible.width,
                                      visible.y + visible.height + self->chip_height);
  gtk_text_iter_set_line_offset (&first, 0);
  if (!gtk_text_iter_ends_line (&last))
    gtk_text_iter_forward_to_line_end (&last);
  start = gtk_text_iter_get_offset (&first);
  end = gtk_text_iter_get_offset (&last) + 1;

  /* The selected annotation and the link target: outlined. */
  if (self->selected != NULL)
    {
      GdkRGBA color, fill;

      line_color (self, gloss_annotation_get_label (self->selected), &color);
      fill = color;
      fill.alpha = 0.12;
      append_outline (self, snapshot, self->selected, start, end, &color, &fill, 2.0);
    }
  if (self->linking && self->link_target != NULL)
    {
      GdkRGBA color;

      line_color (self, gloss_annotation_get_label (self->link_target), &color);
      append_outline (self, snapshot, self->link_target, start, end, &color, NULL, 1.5);
    }
  for (guint i = 0; self->frame != NULL && i < self->frame->len; i++)
    {
      GlossAnnotation *choice =
        _gloss_document_view_frame_choice (self, g_ptr_array_index (self->frame, i));
      GdkRGBA color;

      if (choice == NULL)
        continue;
      line_color (self, gloss_annotation_get_label (choice), &color);
      append_outline (self, snapshot, choice, start, end, &color, NULL,
                      i == self->frame_focus ? 2.0 : 1.0);
    }

  hits = gloss_annotation_list_query_range (self->annotations, start, end);
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  pango_layout_set_font_description (layout, self->chip_font);

  for (guint i = 0; i < hits->len; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (hits, i);
      guint offset = gloss_annotation_get_start (annotation);
      const char *label = gloss_annotation_get_label (annotation);
      gboolean emphasised =
        _gloss_document_view_same (annotation, self->selected) ||
        (self->linking && _gloss_document_view_same (annotation, self->link_target));
      GdkRGBA background, foreground;
      GskRoundedRect rounded;
      GdkRectangle location;
      GtkTextIter iter;
      GlossChipHit hit;
      int width, height;
      int x, y;

      if (offset < start || offset >= end)
        continue;

      gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
      gtk_text_view_get_iter_location (text_view, &iter, &location);

      x = location.x;
      y = location.y - self->chip_height - CHIP_GAP_Y;
      /* Chips of annotations starting at the same place, or too close to
       * the previous chip on the same line, go side by side. */
      if ((offset == prev_start || y == prev_y) && x < next_x)
        x = next_x;

      pango_layout_set_text (layout, label, -1);
      pango_layout_get_pixel_size (layout, &width, &height);
      width += 2 * CHIP_PAD_X;

      chip_colors (self, label, &background, &foreground);
      if (emphasised)
        {
          strong_color (self, label, &background);
          foreground = (GdkRGBA) { 1.0, 1.0, 1.0, 1.0 };
        }
      gsk_rounded_rect_init_from_rect (&rounded,
                                       &GRAPHENE_RECT_INIT (x, y, width, self->chip_height),
                                       CHIP_RADIUS);
      gtk_snapshot_push_rounded_clip (snapshot, &rounded);
      gtk_snapshot_append_color (snapshot, &background, &rounded.bounds);
      gtk_snapshot_pop (snapshot);

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT (x + CHIP_PAD_X,
                                                    y + (self->chip_height - height) / 2.0));
      gtk_snapshot_append_layout (snapshot, layout, &foreground);
      gtk_snapshot_restore (snapshot);

      hit.rect = GRAPHENE_RECT_INIT (x, y, width, self->chip_height);
      hit.uuid = g_strdup (gloss_annotation_get_uuid (annotation));
      g_array_append_val (self->chips, hit);

      prev_start = offset;
      prev_y = y;
      next_x = x + width + CHIP_GAP_X;
    }

  draw_nesting_brackets (self, snapshot, hits, start, end);
  draw_gap_connectors (self, snapshot, &visible, hits, start, end);
  draw_suggestions (self, snapshot, layout, start, end);
  draw_review_frame (self, snapshot, &visible, start, end);

  if (self->selected != NULL)
    draw_relations (self, snapshot, &visible, start, end);
}

GPtrArray *
_gloss_document_view_dup_chip_uuids (GlossDocumentView *self)
{
  GPtrArray *uuids = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), uuids);

  for (guint i = 0; i < self->chips->len; i++)
    g_ptr_array_add (uuids, g_strdup (g_array_index (self->chips, GlossChipHit, i).uuid));

  return uuids;
}
