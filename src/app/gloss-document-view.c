/* gloss-document-view.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>

#include <math.h>
#include <string.h>

#include "gloss-annotation.h"
#include "gloss-bulk.h"
#include "gloss-command.h"
#include "gloss-document-view.h"
#include "gloss-document-view-private.h"
#include "gloss-editing.h"
#include "gloss-offsets.h"
#include "gloss-relation.h"
#include "gloss-schema.h"

#define TAG_PREFIX         "label:"
#define FONT_TAG_NAME      "gloss:font"
#define BACKGROUND_ALPHA   0.35
#define CHIP_RADIUS        3.0
#define CHIP_PAD_X         4
#define CHIP_GAP_X         3
#define CHIP_GAP_Y         1
#define SEARCH_TAG_NAME    "gloss:search-match"
#define SCROLL_MARK_NAME   "gloss:scroll"
#define ARC_RISE           28.0

typedef struct
{
  graphene_rect_t  rect;   /* buffer coordinates */
  char            *uuid;   /* owned */
} ChipHit;

struct _GlossDocumentView
{
  GtkTextView           parent_instance;

  GlossDocument        *document;      /* owned */
  GlossAnnotationList  *annotations;   /* owned */
  GlossSchema          *schema;        /* owned */
  char                 *font;          /* owned */
  GlossOffsetMap       *offset_map;    /* owned, made at the first use: maps the text */
  GPtrArray            *label_tags;    /* owned: GtkTextTag, one per label in the buffer */
  guint                 tag_idle_id;   /* tags the rest of a long document after the start */
  guint                 tagged_end;    /* offset up to which the buffer has been tagged */
  PangoFontDescription *chip_font;     /* owned, lazily computed */
  int                   chip_height;

  GlossAnnotation      *selected;      /* owned: the selected annotation's snapshot */
  char                 *vanished_uuid; /* owned: the selection that left the list, or NULL */
  GArray               *chips;         /* owned: ChipHit drawn in the last frame */
  gboolean              snap_to_words;
  gboolean              fragment_mode; /* the text selection was made with Ctrl held */

  /* Link mode: the selected annotation is the source. */
  gboolean              linking;
  GlossAnnotation      *link_target;   /* owned: the candidate target */
  GHashTable           *link_labels;   /* owned: label names a relation may reach */
  char                 *hint;          /* owned: what the user is asked to do, or NULL */
  gboolean              chip_drag;     /* a press on a chip that may become a drag */
  gboolean              chip_dragging; /* dragging a link from a chip */
  double                drag_x;        /* the pointer while dragging, buffer coordinates */
  double                drag_y;

  GtkWidget            *label_popover;    /* owned (parented to the view) */
  GtkWidget            *label_list;       /* borrowed: in label_popover */
  GtkWidget            *relation_popover; /* owned (parented to the view) */
  GtkWidget            *relation_box;     /* borrowed: in relation_popover */

  char                 *search_text;   /* owned */
  guint                 n_matches;
};

G_DEFINE_FINAL_TYPE (GlossDocumentView, gloss_document_view, GTK_TYPE_TEXT_VIEW)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_ANNOTATIONS,
  PROP_FONT,
  PROP_SELECTED_ANNOTATION,
  PROP_SNAP_TO_WORDS,
  PROP_LINKING,
  PROP_HINT,
  N_PROPS
};

enum {
  MESSAGE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void select_annotation (GlossDocumentView *self,
                               GlossAnnotation   *annotation,
                               gboolean           scroll);
static void cancel_link       (GlossDocumentView *self);
static void annotation_changed_selection (GlossDocumentView *self,
                                          GlossAnnotation   *old_annotation,
                                          GlossAnnotation   *new_annotation);

/* ---- display-free helpers --------------------------------------------- */

static int
compare_tag_ranges (gconstpointer a,
                    gconstpointer b)
{
  const GlossTagRange *ra = *(const GlossTagRange * const *) a;
  const GlossTagRange *rb = *(const GlossTagRange * const *) b;
  int cmp = g_strcmp0 (ra->label, rb->label);

  if (cmp != 0)
    return cmp;
  if (ra->start != rb->start)
    return ra->start < rb->start ? -1 : 1;
  if (ra->end != rb->end)
    return ra->end < rb->end ? -1 : 1;
  return 0;
}

GPtrArray *
_gloss_document_view_compute_tag_ranges (GlossAnnotationList *annotations,
                                         guint                start,
                                         guint                end)
{
  g_autoptr(GPtrArray) hits = NULL;
  GPtrArray *ranges;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION_LIST (annotations), NULL);

  ranges = g_ptr_array_new_with_free_func (g_free);
  if (start >= end)
    return ranges;

  hits = gloss_annotation_list_query_range (annotations, start, end);
  for (guint i = 0; i < hits->len; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (hits, i);
      const GlossFragment *fragments;
      guint n_fragments;

      fragments = gloss_annotation_get_fragments (annotation, &n_fragments);
      for (guint j = 0; j < n_fragments; j++)
        {
          guint s = MAX (fragments[j].start, start);
          guint e = MIN (fragments[j].end, end);
          GlossTagRange *range;

          if (s >= e)
            continue;

          range = g_new (GlossTagRange, 1);
          range->label = gloss_annotation_get_label (annotation);
          range->start = s;
          range->end = e;
          g_ptr_array_add (ranges, range);
        }
    }

  g_ptr_array_sort (ranges, compare_tag_ranges);

  return ranges;
}

static void
extend_hull (GlossAnnotation *annotation,
             gboolean        *found,
             guint           *start,
             guint           *end)
{
  if (annotation == NULL || gloss_annotation_get_n_fragments (annotation) == 0)
    return;

  if (!*found)
    {
      *start = gloss_annotation_get_start (annotation);
      *end = gloss_annotation_get_end (annotation);
      *found = TRUE;
    }
  else
    {
      *start = MIN (*start, gloss_annotation_get_start (annotation));
      *end = MAX (*end, gloss_annotation_get_end (annotation));
    }
}

gboolean
_gloss_document_view_changed_range (GlossAnnotation *old_annotation,
                                    GlossAnnotation *new_annotation,
                                    guint           *start,
                                    guint           *end)
{
  gboolean found = FALSE;
  guint s = 0;
  guint e = 0;

  extend_hull (old_annotation, &found, &s, &e);
  extend_hull (new_annotation, &found, &s, &e);

  if (start != NULL)
    *start = s;
  if (end != NULL)
    *end = e;

  return found;
}

gboolean
_gloss_document_view_layer_is_underlined (const char *layer)
{
  return g_strcmp0 (layer, "claim") == 0;
}

/* ---- tags -------------------------------------------------------------- */

char *
gloss_document_view_dup_tag_name (const char *label)
{
  return g_strconcat (TAG_PREFIX, label, NULL);
}

static void
style_label_tag (GtkTextTag *tag,
                 GlossLabel *label)
{
  GdkRGBA rgba = { 0.6, 0.6, 0.6, 1.0 };
  const char *layer = NULL;

  if (label != NULL)
    {
      if (!gdk_rgba_parse (&rgba, gloss_label_get_color (label)))
        rgba = (GdkRGBA) { 0.6, 0.6, 0.6, 1.0 };
      layer = gloss_label_get_layer (label);
    }

  if (_gloss_document_view_layer_is_underlined (layer))
    {
      g_object_set (tag,
                    "underline", PANGO_UNDERLINE_DOUBLE,
                    "underline-rgba", &rgba,
                    NULL);
    }
  else
    {
      rgba.alpha = BACKGROUND_ALPHA;
      g_object_set (tag, "background-rgba", &rgba, NULL);
    }
}

static GtkTextTag *
ensure_label_tag (GlossDocumentView *self,
                  GtkTextBuffer     *buffer,
                  const char        *label)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  g_autofree char *name = gloss_document_view_dup_tag_name (label);
  GtkTextTag *tag;

  tag = gtk_text_tag_table_lookup (table, name);
  if (tag != NULL)
    return tag;

  tag = gtk_text_buffer_create_tag (buffer, name, NULL);
  style_label_tag (tag, self->schema != NULL ? gloss_schema_lookup_label (self->schema, label)
                                             : NULL);
  g_ptr_array_add (self->label_tags, g_object_ref (tag));

  return tag;
}

static void
restyle_tags_cb (GlossDocumentView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GListModel *labels;

  if (self->schema == NULL)
    return;

  /* New labels get their tags (in schema order, so later layers draw over
   * earlier ones); existing tags pick up changed colours. */
  labels = gloss_schema_get_labels (self->schema);
  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (labels, i);
      GtkTextTag *tag = ensure_label_tag (self, buffer, gloss_label_get_name (label));

      style_label_tag (tag, label);
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
apply_ranges (GlossDocumentView *self,
              GtkTextBuffer     *buffer,
              GPtrArray         *ranges)
{
  GtkTextTag *tag = NULL;
  const char *tag_label = NULL;
  guint run_start = 0;
  guint run_end = 0;
  gboolean have_run = FALSE;

  /* Ranges are sorted by (label, start): merge overlapping runs of a label
   * so that each stretch is tagged once. */
  for (guint i = 0; i <= ranges->len; i++)
    {
      GlossTagRange *range = i < ranges->len ? g_ptr_array_index (ranges, i) : NULL;

      if (have_run && range != NULL && g_strcmp0 (range->label, tag_label) == 0 &&
          range->start <= run_end)
        {
          run_end = MAX (run_end, range->end);
          continue;
        }

      if (have_run)
        {
          GtkTextIter a, b;

          gtk_text_buffer_get_iter_at_offset (buffer, &a, run_start);
          gtk_text_buffer_get_iter_at_offset (buffer, &b, run_end);
          gtk_text_buffer_apply_tag (buffer, tag, &a, &b);
        }

      if (range == NULL)
        break;

      if (tag_label == NULL || g_strcmp0 (range->label, tag_label) != 0)
        {
          tag = ensure_label_tag (self, buffer, range->label);
          tag_label = range->label;
        }
      run_start = range->start;
      run_end = range->end;
      have_run = TRUE;
    }
}

static void
retag_range (GlossDocumentView *self,
             guint              start,
             guint              end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  g_autoptr(GPtrArray) ranges = NULL;
  guint n_chars = gtk_text_buffer_get_char_count (buffer);
  GtkTextIter a, b;

  end = MIN (end, n_chars);
  if (start >= end)
    return;

  gtk_text_buffer_get_iter_at_offset (buffer, &a, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, end);
  for (guint i = 0; i < self->label_tags->len; i++)
    gtk_text_buffer_remove_tag (buffer, g_ptr_array_index (self->label_tags, i), &a, &b);

  ranges = _gloss_document_view_compute_tag_ranges (self->annotations, start, end);
  apply_ranges (self, buffer, ranges);
}

/* A long document shows its first screen tagged at once; the rest is
 * tagged in slices just below the redraw priority, so that opening does not
 * wait for every run of the whole text. */
#define TAG_SLICE_CHARS 65536
/* The first screen: tall windows show under 8,000 characters. */
#define TAG_FIRST_CHARS 8192

static gboolean
tag_rest_cb (gpointer user_data)
{
  GlossDocumentView *self = user_data;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  guint n_chars = gtk_text_buffer_get_char_count (buffer);
  guint end = MIN (self->tagged_end + TAG_SLICE_CHARS, n_chars);

  retag_range (self, self->tagged_end, end);
  self->tagged_end = end;
  if (end < n_chars)
    return G_SOURCE_CONTINUE;

  self->tag_idle_id = 0;
  return G_SOURCE_REMOVE;
}

static void
annotation_changed_cb (GlossDocumentView   *self,
                       GlossAnnotation     *old_annotation,
                       GlossAnnotation     *new_annotation,
                       GlossAnnotationList *annotations)
{
  guint start, end;

  if (_gloss_document_view_changed_range (old_annotation, new_annotation, &start, &end))
    retag_range (self, start, end);

  annotation_changed_selection (self, old_annotation, new_annotation);

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
apply_font (GlossDocumentView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextTag *tag;
  GtkTextIter a, b;

  tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), FONT_TAG_NAME);
  if (tag == NULL)
    {
      tag = gtk_text_buffer_create_tag (buffer, FONT_TAG_NAME, NULL);
      gtk_text_tag_set_priority (tag, 0);
    }

  g_object_set (tag, "font", self->font != NULL ? self->font : "Serif 12", NULL);
  gtk_text_buffer_get_bounds (buffer, &a, &b);
  gtk_text_buffer_apply_tag (buffer, tag, &a, &b);
}

/* ---- small helpers ------------------------------------------------------ */

static void
emit_message (GlossDocumentView *self,
              const char        *message)
{
  g_debug ("%s", message);
  g_signal_emit (self, signals[MESSAGE], 0, message);
}

static void
set_hint (GlossDocumentView *self,
          const char        *hint)
{
  if (g_strcmp0 (self->hint, hint) == 0)
    return;

  g_free (self->hint);
  self->hint = g_strdup (hint);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HINT]);
}

static GtkTextBuffer *
get_buffer (GlossDocumentView *self)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
}

static const char *
get_text (GlossDocumentView *self)
{
  return self->document != NULL ? gloss_document_get_text (self->document) : NULL;
}

static GlossLabel *
lookup_label (GlossDocumentView *self,
              const char        *name)
{
  return self->schema != NULL ? gloss_schema_lookup_label (self->schema, name) : NULL;
}

/* The annotation's covered text, shortened for messages. */
#define SHORT_TEXT_CHARS 40

static char *
dup_short_text (GlossDocumentView *self,
                GlossAnnotation   *annotation)
{
  return gloss_document_view_dup_covered_text (self, annotation, SHORT_TEXT_CHARS,
                                               GLOSS_COVERED_TEXT_ONE_LINE |
                                               GLOSS_COVERED_TEXT_ELLIPSIS);
}

static gboolean
apply_command (GlossDocumentView *self,
               GlossCommand      *command)
{
  g_autoptr(GError) error = NULL;

  if (gloss_annotation_list_apply (self->annotations, command, &error))
    return TRUE;

  emit_message (self, error->message);
  return FALSE;
}

static gboolean
get_text_selection (GlossDocumentView *self,
                    guint             *start,
                    guint             *end)
{
  GtkTextIter a, b;

  if (!gtk_text_buffer_get_selection_bounds (get_buffer (self), &a, &b))
    return FALSE;

  *start = gtk_text_iter_get_offset (&a);
  *end = gtk_text_iter_get_offset (&b);
  return *start < *end;
}

static void
clear_text_selection (GlossDocumentView *self,
                      guint              caret)
{
  GtkTextBuffer *buffer = get_buffer (self);
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, caret);
  gtk_text_buffer_select_range (buffer, &iter, &iter);
  self->fragment_mode = FALSE;
}

static void
scroll_to_offset (GlossDocumentView *self,
                  guint              offset)
{
  GtkTextBuffer *buffer = get_buffer (self);
  GtkTextMark *mark = gtk_text_buffer_get_mark (buffer, SCROLL_MARK_NAME);
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  if (mark == NULL)
    mark = gtk_text_buffer_create_mark (buffer, SCROLL_MARK_NAME, &iter, TRUE);
  else
    gtk_text_buffer_move_mark (buffer, mark, &iter);

  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self), mark, 0.15, FALSE, 0.0, 0.0);
}

/* The rectangle of [start, end) on its first display line, in buffer
 * coordinates. */
static void
get_span_rect (GlossDocumentView *self,
               guint              start,
               guint              end,
               GdkRectangle      *rect)
{
  GtkTextBuffer *buffer = get_buffer (self);
  GdkRectangle a, b;
  GtkTextIter ia, ib;

  gtk_text_buffer_get_iter_at_offset (buffer, &ia, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &ib, end > start ? end - 1 : end);
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (self), &ia, &a);
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (self), &ib, &b);

  *rect = a;
  if (b.y == a.y && b.x + b.width > a.x)
    rect->width = b.x + b.width - a.x;
  rect->width = MAX (rect->width, 1);
}

static void
point_popover_at (GlossDocumentView *self,
                  GtkWidget         *popover,
                  guint              start,
                  guint              end)
{
  GdkRectangle rect;

  get_span_rect (self, start, end, &rect);
  gtk_text_view_buffer_to_window_coords (GTK_TEXT_VIEW (self), GTK_TEXT_WINDOW_WIDGET,
                                         rect.x, rect.y, &rect.x, &rect.y);
  gtk_popover_set_pointing_to (GTK_POPOVER (popover), &rect);
}

/* ---- selection ---------------------------------------------------------- */

static void
select_annotation (GlossDocumentView *self,
                   GlossAnnotation   *annotation,
                   gboolean           scroll)
{
  if (annotation == self->selected)
    {
      if (annotation != NULL && scroll)
        scroll_to_offset (self, gloss_annotation_get_start (annotation));
      return;
    }

  if (self->linking)
    cancel_link (self);

  g_clear_pointer (&self->vanished_uuid, g_free);
  g_set_object (&self->selected, annotation);
  if (annotation != NULL && scroll)
    scroll_to_offset (self, gloss_annotation_get_start (annotation));

  /* Screen readers hear what is selected. */
  if (annotation != NULL)
    {
      g_autofree char *text = dup_short_text (self, annotation);
      /* Translators: the text view's accessible description, e.g. "Selected: PERSON “Ivešić”" */
      g_autofree char *description = g_strdup_printf (_("Selected: %s “%s”"),
                                                      gloss_annotation_get_label (annotation),
                                                      text);

      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
    }
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);

  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ANNOTATION]);
}

static int
compare_by_length (gconstpointer a,
                   gconstpointer b)
{
  GlossAnnotation *aa = *(GlossAnnotation * const *) a;
  GlossAnnotation *ab = *(GlossAnnotation * const *) b;
  guint la = gloss_annotation_get_end (aa) - gloss_annotation_get_start (aa);
  guint lb = gloss_annotation_get_end (ab) - gloss_annotation_get_start (ab);

  if (la != lb)
    return la < lb ? -1 : 1;
  return gloss_annotation_compare (aa, ab);
}

/* The annotations at @offset, innermost (shortest) first. */
static GPtrArray *
annotations_at (GlossDocumentView *self,
                guint              offset)
{
  GPtrArray *hits = gloss_annotation_list_query_at (self->annotations, offset);

  g_ptr_array_sort (hits, compare_by_length);
  return hits;
}

static gboolean
same_annotation (GlossAnnotation *a,
                 GlossAnnotation *b)
{
  return a != NULL && b != NULL &&
         g_strcmp0 (gloss_annotation_get_uuid (a), gloss_annotation_get_uuid (b)) == 0;
}

/* Clicking at @offset: the innermost annotation there, or the next one
 * around when the selected one is already there (cycling). */
static void
select_at_offset (GlossDocumentView *self,
                  guint              offset)
{
  g_autoptr(GPtrArray) hits = annotations_at (self, offset);
  GlossAnnotation *next = NULL;

  for (guint i = 0; i < hits->len; i++)
    if (same_annotation (g_ptr_array_index (hits, i), self->selected))
      {
        next = g_ptr_array_index (hits, (i + 1) % hits->len);
        break;
      }
  if (next == NULL && hits->len > 0)
    next = g_ptr_array_index (hits, 0);

  select_annotation (self, next, FALSE);
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

static void
annotation_changed_selection (GlossDocumentView *self,
                              GlossAnnotation   *old_annotation,
                              GlossAnnotation   *new_annotation)
{
  if (old_annotation != NULL && same_annotation (old_annotation, self->selected))
    {
      if (new_annotation != NULL)
        {
          /* A new snapshot of the selected annotation. */
          g_set_object (&self->selected, new_annotation);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ANNOTATION]);
        }
      else
        {
          /* Deleted: an undo that brings it back selects it again. */
          select_annotation (self, NULL, FALSE);
          g_free (self->vanished_uuid);
          self->vanished_uuid = g_strdup (gloss_annotation_get_uuid (old_annotation));
        }
    }
  else if (old_annotation == NULL && new_annotation != NULL && self->selected == NULL &&
           g_strcmp0 (gloss_annotation_get_uuid (new_annotation), self->vanished_uuid) == 0)
    {
      g_clear_pointer (&self->vanished_uuid, g_free);
      select_annotation (self, new_annotation, FALSE);
    }

  if (old_annotation != NULL && same_annotation (old_annotation, self->link_target))
    g_set_object (&self->link_target, new_annotation);
}

/* ---- edits -------------------------------------------------------------- */

/* Characters of context around a selection when snapping: words longer
 * than this are cut at the context's edge. */
#define SNAP_CONTEXT 128

static gboolean
snap_range (GlossDocumentView *self,
            guint             *start,
            guint             *end)
{
  GtkTextBuffer *buffer = get_buffer (self);
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
  if (!apply_command (self, command))
    return FALSE;

  clear_text_selection (self, end);
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

  if (get_text_selection (self, &start, &end))
    {
      g_autoptr(GlossAnnotation) annotation = NULL;
      g_autoptr(GlossCommand) command = NULL;
      g_autofree char *description = NULL;

      if (!snap_range (self, &start, &end))
        {
          emit_message (self, _("The selection holds no text to annotate"));
          return FALSE;
        }

      if (self->fragment_mode && self->selected != NULL)
        return add_fragment (self, start, end, label);

      annotation = gloss_annotation_new_span (label, start, end, NULL);
      /* Translators: the undo description of a new annotation, e.g. "Add PERSON" */
      description = g_strdup_printf (_("Add %s"), label);
      command = gloss_command_new (description);
      gloss_command_create_annotation (command, annotation);
      gloss_editing_start_document (command, self->document,
                                    gloss_annotation_list_get_annotator (self->annotations));
      if (!apply_command (self, command))
        return FALSE;

      clear_text_selection (self, end);
      select_annotation (self,
                         gloss_annotation_list_lookup (self->annotations,
                                                       gloss_annotation_get_uuid (annotation)),
                         FALSE);
      return TRUE;
    }

  if (self->selected != NULL)
    {
      g_autoptr(GlossCommand) command = NULL;

      if (g_strcmp0 (gloss_annotation_get_label (self->selected), label) == 0)
        return TRUE;

      command = gloss_command_new (_("Change label"));
      gloss_command_set_label (command, gloss_annotation_get_uuid (self->selected), label);
      return apply_command (self, command);
    }

  emit_message (self, _("Select some text or an annotation first"));
  return FALSE;
}

gboolean
gloss_document_view_add_fragment (GlossDocumentView *self)
{
  guint start, end;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), FALSE);

  if (self->annotations == NULL)
    return FALSE;
  if (self->selected == NULL || !get_text_selection (self, &start, &end))
    {
      emit_message (self, _("Select an annotation, then the text to add to it"));
      return FALSE;
    }
  if (!snap_range (self, &start, &end))
    return FALSE;

  return add_fragment (self, start, end, NULL);
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
  return apply_command (self, command);
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

      gtk_text_buffer_get_iter_at_mark (get_buffer (self), &iter,
                                        gtk_text_buffer_get_insert (get_buffer (self)));
      caret = gtk_text_iter_get_offset (&iter);
      position = lower_bound (self->annotations, caret);
      if (direction > 0)
        position = position % n;
      else
        position = (position + n - 1) % n;
    }

  next = g_list_model_get_item (model, position);
  select_annotation (self, next, TRUE);
  clear_text_selection (self, gloss_annotation_get_start (next));
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
  GtkTextBuffer *buffer = get_buffer (self);
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
          while (!gtk_text_iter_is_end (&iter) && !gloss_is_word_char (gtk_text_iter_get_char (&iter)))
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
  if (!apply_command (self, command))
    return FALSE;

  scroll_to_offset (self, start_edge ? fragments[0].start : fragments[n - 1].end);
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

  if (self->annotations == NULL || (text = get_text (self)) == NULL)
    return 0;
  if (self->selected == NULL)
    {
      emit_message (self, _("Select an annotation first"));
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
      gloss_command_create_annotation (command, annotation);
      count++;
    }

  if (count == 0)
    {
      message = g_strdup_printf (_("No other occurrences of “%s” to annotate"), needle);
      emit_message (self, message);
      return 0;
    }

  if (!apply_command (self, command))
    return 0;

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Annotated %u more occurrence",
                                          "Annotated %u more occurrences", count), count);
  emit_message (self, message);
  return count;
}

/* ---- relations and link mode ------------------------------------------- */

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

static gboolean
is_link_candidate (GlossDocumentView *self,
                   GlossAnnotation   *annotation)
{
  return !same_annotation (annotation, self->selected) &&
         g_hash_table_contains (self->link_labels, gloss_annotation_get_label (annotation));
}

/* The uuids of the annotations related to @annotation (a new set of
 * borrowed strings, valid while the relations are unchanged). */
static GHashTable *
dup_related_uuids (GlossDocumentView *self,
                   GlossAnnotation   *annotation)
{
  g_autoptr(GPtrArray) relations = NULL;
  GHashTable *related = g_hash_table_new (g_str_hash, g_str_equal);

  relations = gloss_annotation_list_relations_of (self->annotations,
                                                  gloss_annotation_get_uuid (annotation));
  for (guint i = 0; i < relations->len; i++)
    {
      GlossRelation *relation = g_ptr_array_index (relations, i);

      g_hash_table_add (related, (gpointer) gloss_relation_get_source (relation));
      g_hash_table_add (related, (gpointer) gloss_relation_get_target (relation));
    }

  return related;
}

/* Distance in characters between the spans; spans inside or overlapping
 * the source come after all others. */
static guint
link_distance (GlossAnnotation *source,
               GlossAnnotation *target)
{
  guint ss = gloss_annotation_get_start (source);
  guint se = gloss_annotation_get_end (source);
  guint ts = gloss_annotation_get_start (target);
  guint te = gloss_annotation_get_end (target);

  if (te <= ss)
    return ss - te;
  if (ts >= se)
    return ts - se;
  return G_MAXUINT / 2 + (ts > ss ? ts - ss : ss - ts);
}

#define LINK_SEARCH_WINDOW 400

/* The nearest compatible annotation not yet related to the source, else
 * the nearest compatible one. */
static GlossAnnotation *
find_nearest_candidate (GlossDocumentView *self)
{
  GListModel *model = G_LIST_MODEL (self->annotations);
  guint n = g_list_model_get_n_items (model);
  guint position = 0;
  g_autoptr(GHashTable) related = dup_related_uuids (self, self->selected);
  GlossAnnotation *best = NULL;
  GlossAnnotation *best_related = NULL;
  guint best_distance = G_MAXUINT;
  guint best_related_distance = G_MAXUINT;
  guint from, to;

  gloss_annotation_list_find (self->annotations, gloss_annotation_get_uuid (self->selected),
                              &position);
  from = position > LINK_SEARCH_WINDOW ? position - LINK_SEARCH_WINDOW : 0;
  to = MIN (n, position + LINK_SEARCH_WINDOW);

  for (guint i = from; i < to; i++)
    {
      g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (model, i);
      guint distance;

      if (!is_link_candidate (self, annotation))
        continue;

      distance = link_distance (self->selected, annotation);
      if (g_hash_table_contains (related, gloss_annotation_get_uuid (annotation)))
        {
          if (distance < best_related_distance)
            {
              best_related_distance = distance;
              best_related = annotation;
            }
        }
      else if (distance < best_distance)
        {
          best_distance = distance;
          best = annotation;
        }
    }

  return best != NULL ? best : best_related;
}

static void
update_link_hint (GlossDocumentView *self)
{
  g_autoptr(GPtrArray) types = NULL;
  g_autoptr(GString) hint = g_string_new (NULL);
  g_autofree char *text = NULL;

  if (!self->linking)
    {
      set_hint (self, NULL);
      return;
    }

  if (self->link_target == NULL)
    {
      /* Translators: shown while linking and no target could be proposed */
      g_string_printf (hint, _("Link %s to: click an annotation · Esc cancels"),
                       gloss_annotation_get_label (self->selected));
      set_hint (self, hint->str);
      return;
    }

  text = dup_short_text (self, self->link_target);
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
  set_hint (self, hint->str);
}

static void
set_link_target (GlossDocumentView *self,
                 GlossAnnotation   *target)
{
  g_set_object (&self->link_target, target);
  if (target != NULL)
    scroll_to_offset (self, gloss_annotation_get_start (target));
  update_link_hint (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
cancel_link (GlossDocumentView *self)
{
  if (!self->linking)
    return;

  self->linking = FALSE;
  g_clear_object (&self->link_target);
  if (self->relation_popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->relation_popover));
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  update_link_hint (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINKING]);
}

static gboolean
begin_link (GlossDocumentView *self,
            gboolean           propose);

gboolean
gloss_document_view_start_link (GlossDocumentView *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), FALSE);

  return begin_link (self, TRUE);
}

/* Enters link mode from the selected annotation; with @propose, the nearest
 * compatible annotation is the proposed target (and scrolled to). */
static gboolean
begin_link (GlossDocumentView *self,
            gboolean           propose)
{
  if (self->annotations == NULL || self->selected == NULL)
    {
      emit_message (self, _("Select the annotation to link from first"));
      return FALSE;
    }

  ensure_link_labels (self);
  if (g_hash_table_size (self->link_labels) == 0)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("No relation starts from %s in this schema"),
                                 gloss_annotation_get_label (self->selected));
      emit_message (self, message);
      return FALSE;
    }

  self->linking = TRUE;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "crosshair");
  if (propose)
    set_link_target (self, find_nearest_candidate (self));
  else
    update_link_hint (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINKING]);
  return TRUE;
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
  if (!apply_command (self, command))
    return FALSE;

  /* Translators: after linking, e.g. "Linked CLAIM —attributed-to→ PERSON" */
  message = g_strdup_printf (_("Linked %s —%s→ %s"),
                             gloss_annotation_get_label (self->selected), type,
                             gloss_annotation_get_label (target));
  cancel_link (self);
  emit_message (self, message);
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
popover_closed_cb (GlossDocumentView *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
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
                               G_CALLBACK (popover_closed_cb), self, G_CONNECT_SWAPPED);
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

  point_popover_at (self, self->relation_popover,
                    gloss_annotation_get_start (self->link_target),
                    gloss_annotation_get_end (self->link_target));
  gtk_popover_popup (GTK_POPOVER (self->relation_popover));
  child = gtk_widget_get_first_child (self->relation_box);
  if (child != NULL)
    gtk_widget_grab_focus (child);
}

/* Links the source to the current target: with @choice 1..9 the type of
 * that number, with 0 the only type or else a popover to choose. */
static gboolean
confirm_link (GlossDocumentView *self,
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
      emit_message (self, message);
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
  update_link_hint (self);
  return confirm_link (self, choice);
}

static void
cycle_link_target (GlossDocumentView *self,
                   int                direction)
{
  GListModel *model = G_LIST_MODEL (self->annotations);
  guint n = g_list_model_get_n_items (model);
  guint position = 0;
  GlossAnnotation *from = self->link_target != NULL ? self->link_target : self->selected;

  if (n == 0 || !gloss_annotation_list_find (self->annotations,
                                             gloss_annotation_get_uuid (from), &position))
    return;

  for (guint k = 1; k < n; k++)
    {
      guint i = direction > 0 ? (position + k) % n : (position + n - k) % n;
      g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (model, i);

      if (is_link_candidate (self, annotation))
        {
          set_link_target (self, annotation);
          return;
        }
    }
}

/* A click at @offset in link mode picks the innermost annotation there
 * that the schema lets the source reach, or else the innermost one. */
static void
link_to_offset (GlossDocumentView *self,
                guint              offset)
{
  g_autoptr(GPtrArray) hits = annotations_at (self, offset);
  GlossAnnotation *target = NULL;

  for (guint i = 0; i < hits->len && target == NULL; i++)
    if (is_link_candidate (self, g_ptr_array_index (hits, i)))
      target = g_ptr_array_index (hits, i);
  for (guint i = 0; i < hits->len && target == NULL; i++)
    if (!same_annotation (g_ptr_array_index (hits, i), self->selected))
      target = g_ptr_array_index (hits, i);

  if (target == NULL)
    return;

  g_set_object (&self->link_target, target);
  update_link_hint (self);
  confirm_link (self, 0);
}

/* ---- label popover ------------------------------------------------------- */

static void
label_row_activated_cb (GtkListBox        *list,
                        GtkListBoxRow     *row,
                        GlossDocumentView *self)
{
  g_autofree char *label = g_strdup (g_object_get_data (G_OBJECT (row), "label"));

  gtk_popover_popdown (GTK_POPOVER (self->label_popover));
  if (label != NULL)
    gloss_document_view_annotate (self, label);
}

static gboolean
label_popover_key_cb (GtkEventControllerKey *controller,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      GlossDocumentView     *self)
{
  gunichar c = gdk_keyval_to_unicode (keyval);
  char buf[8] = { 0 };
  GlossLabel *label;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0 || c == 0 || !g_unichar_isgraph (c) ||
      self->schema == NULL)
    return FALSE;

  g_unichar_to_utf8 (c, buf);
  label = gloss_schema_lookup_hotkey (self->schema, buf);
  if (label == NULL)
    return FALSE;

  gtk_popover_popdown (GTK_POPOVER (self->label_popover));
  gloss_document_view_annotate (self, gloss_label_get_name (label));
  return TRUE;
}

static GtkWidget *
new_label_row (GlossLabel *label)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *dot = gtk_label_new (NULL);
  GtkWidget *name = gtk_label_new (gloss_label_get_name (label));
  GtkWidget *hotkey = gtk_label_new (gloss_label_get_hotkey (label));
  g_autofree char *markup = NULL;

  markup = g_markup_printf_escaped ("<span foreground=\"%s\">●</span>",
                                    gloss_label_get_color (label));
  gtk_label_set_markup (GTK_LABEL (dot), markup);
  gtk_widget_set_halign (name, GTK_ALIGN_START);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (hotkey, "dim-label");
  gtk_widget_add_css_class (hotkey, "monospace");
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_box_append (GTK_BOX (box), dot);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), hotkey);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  if (gloss_label_get_description (label) != NULL)
    gtk_widget_set_tooltip_text (row, gloss_label_get_description (label));
  g_object_set_data_full (G_OBJECT (row), "label", g_strdup (gloss_label_get_name (label)),
                          g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gloss_label_get_name (label), -1);

  return row;
}

gboolean
gloss_document_view_show_label_popover (GlossDocumentView *self)
{
  GListModel *labels;
  GtkWidget *child;
  guint start, end;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), FALSE);

  if (self->schema == NULL)
    return FALSE;

  if (!get_text_selection (self, &start, &end))
    {
      if (self->selected == NULL)
        {
          emit_message (self, _("Select some text or an annotation first"));
          return FALSE;
        }
      start = gloss_annotation_get_start (self->selected);
      end = gloss_annotation_get_end (self->selected);
    }

  if (self->label_popover == NULL)
    {
      GtkEventController *controller;
      GtkWidget *scroller;

      self->label_popover = gtk_popover_new ();
      gtk_widget_set_parent (self->label_popover, GTK_WIDGET (self));
      scroller = gtk_scrolled_window_new ();
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                      GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 420);
      self->label_list = gtk_list_box_new ();
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->label_list), GTK_SELECTION_NONE);
      gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (self->label_list), TRUE);
      gtk_widget_add_css_class (self->label_list, "label-popover-list");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->label_list),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Labels"), -1);
      g_signal_connect_object (self->label_list, "row-activated",
                               G_CALLBACK (label_row_activated_cb), self, 0);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->label_list);
      gtk_popover_set_child (GTK_POPOVER (self->label_popover), scroller);
      controller = gtk_event_controller_key_new ();
      gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
      g_signal_connect_object (controller, "key-pressed",
                               G_CALLBACK (label_popover_key_cb), self, 0);
      gtk_widget_add_controller (self->label_popover, controller);
      g_signal_connect_object (self->label_popover, "closed",
                               G_CALLBACK (popover_closed_cb), self, G_CONNECT_SWAPPED);
    }

  while ((child = gtk_widget_get_first_child (self->label_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->label_list), child);

  labels = gloss_schema_get_labels (self->schema);
  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (labels, i);

      gtk_list_box_append (GTK_LIST_BOX (self->label_list), new_label_row (label));
    }

  point_popover_at (self, self->label_popover, start, end);
  gtk_popover_popup (GTK_POPOVER (self->label_popover));
  child = gtk_widget_get_first_child (self->label_list);
  if (child != NULL)
    gtk_widget_grab_focus (child);

  return TRUE;
}

/* ---- search ------------------------------------------------------------- */

guint
gloss_document_view_set_search (GlossDocumentView *self,
                                const char        *text)
{
  GtkTextBuffer *buffer;
  GtkTextTag *tag;
  GtkTextIter a, b, iter;
  guint n = 0;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), 0);

  buffer = get_buffer (self);
  tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), SEARCH_TAG_NAME);
  if (tag == NULL)
    {
      tag = gtk_text_buffer_create_tag (buffer, SEARCH_TAG_NAME,
                                        "background-rgba", &(GdkRGBA) { 1.0, 0.78, 0.0, 0.55 },
                                        NULL);
    }
  gtk_text_tag_set_priority (tag, gtk_text_tag_table_get_size (
                               gtk_text_buffer_get_tag_table (buffer)) - 1);

  gtk_text_buffer_get_bounds (buffer, &a, &b);
  gtk_text_buffer_remove_tag (buffer, tag, &a, &b);

  g_free (self->search_text);
  self->search_text = (text != NULL && *text != '\0') ? g_strdup (text) : NULL;

  iter = a;
  while (self->search_text != NULL &&
         gtk_text_iter_forward_search (&iter, self->search_text,
                                       GTK_TEXT_SEARCH_CASE_INSENSITIVE |
                                       GTK_TEXT_SEARCH_TEXT_ONLY,
                                       &a, &b, NULL))
    {
      gtk_text_buffer_apply_tag (buffer, tag, &a, &b);
      iter = b;
      n++;
    }

  self->n_matches = n;
  return n;
}

gboolean
gloss_document_view_find_next (GlossDocumentView *self,
                               int                direction)
{
  GtkTextBuffer *buffer;
  GtkTextIter sel_start, sel_end, a, b;
  GtkTextSearchFlags flags = GTK_TEXT_SEARCH_CASE_INSENSITIVE | GTK_TEXT_SEARCH_TEXT_ONLY;
  gboolean found;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), FALSE);

  if (self->search_text == NULL)
    return FALSE;

  buffer = get_buffer (self);
  gtk_text_buffer_get_selection_bounds (buffer, &sel_start, &sel_end);
  if (direction > 0)
    {
      found = gtk_text_iter_forward_search (&sel_end, self->search_text, flags, &a, &b, NULL);
      if (!found)
        {
          gtk_text_buffer_get_start_iter (buffer, &sel_end);
          found = gtk_text_iter_forward_search (&sel_end, self->search_text, flags, &a, &b, NULL);
        }
    }
  else
    {
      found = gtk_text_iter_backward_search (&sel_start, self->search_text, flags, &a, &b, NULL);
      if (!found)
        {
          gtk_text_buffer_get_end_iter (buffer, &sel_start);
          found = gtk_text_iter_backward_search (&sel_start, self->search_text, flags,
                                                 &a, &b, NULL);
        }
    }

  if (!found)
    return FALSE;

  /* The match becomes the text selection: a hotkey annotates it. */
  gtk_text_buffer_select_range (buffer, &a, &b);
  self->fragment_mode = FALSE;
  scroll_to_offset (self, gtk_text_iter_get_offset (&a));
  return TRUE;
}

const char *
gloss_document_view_get_search (GlossDocumentView *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), NULL);

  return self->search_text != NULL ? self->search_text : "";
}

guint
gloss_document_view_get_n_matches (GlossDocumentView *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), 0);

  return self->search_text != NULL ? self->n_matches : 0;
}

/* ---- keys and pointer ---------------------------------------------------- */

gboolean
_gloss_document_view_handle_key (GlossDocumentView *self,
                                 guint              keyval,
                                 GdkModifierType    state)
{
  gboolean ctrl, alt, shift;
  gunichar c;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), FALSE);

  if (self->annotations == NULL)
    return FALSE;

  state &= gtk_accelerator_get_default_mod_mask ();
  ctrl = (state & GDK_CONTROL_MASK) != 0;
  alt = (state & GDK_ALT_MASK) != 0;
  shift = (state & GDK_SHIFT_MASK) != 0;

  if (self->linking)
    {
      switch (keyval)
        {
        case GDK_KEY_Escape:
          cancel_link (self);
          return TRUE;

        case GDK_KEY_Tab:
        case GDK_KEY_KP_Tab:
        case GDK_KEY_ISO_Left_Tab:
          if (ctrl || alt)
            return FALSE;
          cycle_link_target (self, keyval == GDK_KEY_ISO_Left_Tab || shift ? -1 : 1);
          return TRUE;

        case GDK_KEY_Return:
        case GDK_KEY_KP_Enter:
        case GDK_KEY_ISO_Enter:
          if (ctrl || alt)
            return FALSE;
          confirm_link (self, 0);
          return TRUE;

        default:
          if (!ctrl && !alt && keyval >= GDK_KEY_1 && keyval <= GDK_KEY_9)
            {
              confirm_link (self, keyval - GDK_KEY_0);
              return TRUE;
            }
          if (!ctrl && !alt && keyval >= GDK_KEY_KP_1 && keyval <= GDK_KEY_KP_9)
            {
              confirm_link (self, keyval - GDK_KEY_KP_0);
              return TRUE;
            }
          /* Other printable keys would surprise here: swallow them. */
          c = gdk_keyval_to_unicode (keyval);
          if (!ctrl && !alt && c != 0 && g_unichar_isgraph (c))
            return TRUE;
          return FALSE;
        }
    }

  switch (keyval)
    {
    case GDK_KEY_Escape:
      {
        guint start, end;
        gboolean had_selection = get_text_selection (self, &start, &end);

        if (!had_selection && self->selected == NULL)
          return FALSE;
        if (had_selection)
          clear_text_selection (self, end);
        select_annotation (self, NULL, FALSE);
        return TRUE;
      }

    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
    case GDK_KEY_ISO_Left_Tab:
      if (ctrl || alt)
        return FALSE;
      return gloss_document_view_select_next (self,
                                              keyval == GDK_KEY_ISO_Left_Tab || shift ? -1 : 1);

    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
    case GDK_KEY_BackSpace:
      if (ctrl || alt || shift || self->selected == NULL)
        return FALSE;
      gloss_document_view_delete_selected (self);
      return TRUE;

    case GDK_KEY_Left:
    case GDK_KEY_Right:
    case GDK_KEY_KP_Left:
    case GDK_KEY_KP_Right:
      if (!alt || ctrl || self->selected == NULL)
        return FALSE;
      gloss_document_view_move_edge (self, shift,
                                     keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right
                                       ? 1 : -1);
      return TRUE;

    case GDK_KEY_Menu:
      return gloss_document_view_show_label_popover (self);

    case GDK_KEY_F10:
      if (!shift || ctrl || alt)
        return FALSE;
      return gloss_document_view_show_label_popover (self);

    case GDK_KEY_a:
    case GDK_KEY_A:
      if (ctrl && shift && !alt)
        {
          gloss_document_view_add_fragment (self);
          return TRUE;
        }
      break;

    default:
      break;
    }

  if (ctrl || alt || self->schema == NULL)
    return FALSE;

  c = gdk_keyval_to_unicode (keyval);
  if (c != 0 && g_unichar_isgraph (c))
    {
      char buf[8] = { 0 };
      GlossLabel *label;

      g_unichar_to_utf8 (c, buf);
      label = gloss_schema_lookup_hotkey (self->schema, buf);
      if (label == NULL && g_unichar_isupper (c))
        {
          memset (buf, 0, sizeof buf);
          g_unichar_to_utf8 (g_unichar_tolower (c), buf);
          label = gloss_schema_lookup_hotkey (self->schema, buf);
        }
      if (label != NULL)
        {
          gloss_document_view_annotate (self, gloss_label_get_name (label));
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GlossDocumentView     *self)
{
  return _gloss_document_view_handle_key (self, keyval, state);
}

static const char *
chip_at (GlossDocumentView *self,
         double             x,
         double             y)
{
  for (guint i = 0; i < self->chips->len; i++)
    {
      ChipHit *hit = &g_array_index (self->chips, ChipHit, i);

      if (graphene_rect_contains_point (&hit->rect, &GRAPHENE_POINT_INIT (x, y)))
        return hit->uuid;
    }

  return NULL;
}

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
  uuid = chip_at (self, bx, by);
  gtk_text_view_get_iter_at_location (GTK_TEXT_VIEW (self), &iter, bx, by);

  if (button == GDK_BUTTON_SECONDARY)
    {
      /* With a text selection: the label popover instead of the menu. */
      if (get_text_selection (self, &start, &end))
        {
          gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
          gloss_document_view_show_label_popover (self);
          return;
        }
      if (uuid != NULL)
        select_annotation (self, gloss_annotation_list_lookup (self->annotations, uuid), FALSE);
      else if (!self->linking)
        select_at_offset (self, gtk_text_iter_get_offset (&iter));
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

          if (target != NULL && !same_annotation (target, self->selected))
            {
              g_set_object (&self->link_target, target);
              update_link_hint (self);
              confirm_link (self, 0);
            }
        }
      else
        link_to_offset (self, gtk_text_iter_get_offset (&iter));
      return;
    }

  /* Ctrl+select adds a fragment to the selected annotation. */
  self->fragment_mode = (state & GDK_CONTROL_MASK) != 0 && self->selected != NULL;
  if (self->fragment_mode || n_press > 1)
    return;

  /* A chip: the drag gesture selects it (and may drag a link from it). */
  if (uuid != NULL)
    return;

  select_at_offset (self, gtk_text_iter_get_offset (&iter));
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
  uuid = chip_at (self, bx, by);
  if (uuid == NULL)
    return;

  /* A press on a chip selects its annotation, and the text stays as is. */
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  select_annotation (self, gloss_annotation_list_lookup (self->annotations, uuid), FALSE);
  self->chip_drag = TRUE;
}

/* The link target under the pointer: a chip, or the innermost candidate
 * at that place in the text. */
static GlossAnnotation *
target_at (GlossDocumentView *self,
           int                bx,
           int                by)
{
  const char *uuid = chip_at (self, bx, by);
  g_autoptr(GPtrArray) hits = NULL;
  GtkTextIter iter;
  GdkRectangle location;

  if (uuid != NULL)
    {
      GlossAnnotation *annotation = gloss_annotation_list_lookup (self->annotations, uuid);

      return annotation != NULL && !same_annotation (annotation, self->selected) ? annotation
                                                                                 : NULL;
    }

  gtk_text_view_get_iter_at_location (GTK_TEXT_VIEW (self), &iter, bx, by);
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (self), &iter, &location);
  if (by < location.y || by > location.y + location.height)
    return NULL;

  hits = annotations_at (self, gtk_text_iter_get_offset (&iter));
  for (guint i = 0; i < hits->len; i++)
    if (is_link_candidate (self, g_ptr_array_index (hits, i)))
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
      if (!begin_link (self, FALSE))
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
  if (!same_annotation (target, self->link_target))
    {
      g_set_object (&self->link_target, target);
      update_link_hint (self);
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

  self->chip_drag = FALSE;
  self->chip_dragging = FALSE;
  if (!dragging || !self->linking)
    return;

  if (self->link_target != NULL)
    confirm_link (self, 0);
  else
    cancel_link (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- drawing ------------------------------------------------------------- */

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

  /* Room above every display line for the chips. */
  gtk_text_view_set_pixels_above_lines (GTK_TEXT_VIEW (self), self->chip_height + 3);
  gtk_text_view_set_pixels_inside_wrap (GTK_TEXT_VIEW (self), self->chip_height + 3);
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

/* A darker shade of the label colour that reads on light and dark. */
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

static void
clear_chip_hit (gpointer data)
{
  ChipHit *hit = data;

  g_clear_pointer (&hit->uuid, g_free);
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
  GtkTextBuffer *buffer = get_buffer (self);
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

/* The anchor of an annotation's arcs: the top of its first character. */
static gboolean
arc_anchor (GlossDocumentView *self,
            GlossAnnotation   *annotation,
            double            *x,
            double            *y)
{
  GtkTextIter iter;
  GdkRectangle location;

  gtk_text_buffer_get_iter_at_offset (get_buffer (self), &iter,
                                      gloss_annotation_get_start (annotation));
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (self), &iter, &location);
  *x = location.x + 6;
  *y = location.y - self->chip_height - CHIP_GAP_Y;
  return TRUE;
}

/* One arc from @source to @target, brat-like: up from the source's chip,
 * over, and down onto the target's chip with an arrow head; @name on a
 * pill at the top. Dashed while it is only proposed. */
static void
draw_arc (GlossDocumentView *self,
          cairo_t           *cr,
          PangoLayout       *layout,
          GlossAnnotation   *source,
          GlossAnnotation   *target,
          const char        *name,
          guint              level,
          gboolean           dashed)
{
  GdkRGBA color;
  double x1, y1, x2, y2, top, mx, my, angle;
  int tw, th;

  arc_anchor (self, source, &x1, &y1);
  arc_anchor (self, target, &x2, &y2);
  strong_color (self, gloss_annotation_get_label (target), &color);

  if (fabs (x2 - x1) < 4 && fabs (y2 - y1) < 4)
    x2 += 12;
  /* Each arc of the selection a little higher, so names do not collide. */
  top = MIN (y1, y2) - ARC_RISE * 0.6 - MIN (fabs (x2 - x1), 300.0) * 0.03 -
        level * (self->chip_height + 4);

  cairo_save (cr);
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.85);
  cairo_set_line_width (cr, 1.5);
  if (dashed)
    cairo_set_dash (cr, (double[2]) { 4.0, 3.0 }, 2, 0.0);
  cairo_move_to (cr, x1, y1);
  cairo_curve_to (cr, x1, top, x2, top, x2, y2);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0.0);

  /* Arrow head onto the target's chip. */
  angle = atan2 (y2 - top, 0.0);
  cairo_move_to (cr, x2, y2);
  cairo_line_to (cr, x2 - 6 * cos (angle - 0.5), y2 - 6 * sin (angle - 0.5));
  cairo_line_to (cr, x2 - 6 * cos (angle + 0.5), y2 - 6 * sin (angle + 0.5));
  cairo_close_path (cr);
  cairo_fill (cr);

  if (name != NULL)
    {
      /* The curve's middle: t = 0.5 of the Bézier. */
      mx = (x1 + x2) / 2.0;
      my = 0.125 * y1 + 0.75 * top + 0.125 * y2;
      pango_layout_set_text (layout, name, -1);
      pango_layout_get_pixel_size (layout, &tw, &th);
      cairo_new_path (cr);
      cairo_arc (cr, mx - tw / 2.0, my, th / 2.0 + 1, G_PI / 2, 3 * G_PI / 2);
      cairo_arc (cr, mx + tw / 2.0, my, th / 2.0 + 1, 3 * G_PI / 2, G_PI / 2);
      cairo_close_path (cr);
      cairo_set_source_rgba (cr, color.red, color.green, color.blue, 1.0);
      cairo_fill (cr);
      cairo_move_to (cr, mx - tw / 2.0, my - th / 2.0);
      cairo_set_source_rgba (cr, 1.0, 1.0, 1.0, 1.0);
      pango_cairo_show_layout (cr, layout);
    }
  cairo_restore (cr);
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
  gboolean preview;
  guint level = 0;
  cairo_t *cr;

  relations = gloss_annotation_list_relations_of (self->annotations,
                                                  gloss_annotation_get_uuid (self->selected));
  preview = self->linking && self->link_target != NULL;
  if (relations->len == 0 && !preview && !self->chip_dragging)
    return;

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  pango_layout_set_font_description (layout, self->chip_font);

  cr = gtk_snapshot_append_cairo (snapshot,
                                  &GRAPHENE_RECT_INIT (visible->x, visible->y,
                                                       visible->width, visible->height));
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

      draw_arc (self, cr, layout, source, target,
                gloss_relation_get_relation_type (relation), level++, FALSE);
    }

  if (preview && (starts_in (self->selected, start, end) ||
                  starts_in (self->link_target, start, end)))
    draw_arc (self, cr, layout, self->selected, self->link_target, NULL, level, TRUE);
  else if (self->chip_dragging)
    {
      GdkRGBA color;
      double x1, y1;

      /* Nothing under the pointer yet: a dashed line to it. */
      arc_anchor (self, self->selected, &x1, &y1);
      strong_color (self, gloss_annotation_get_label (self->selected), &color);
      cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.85);
      cairo_set_line_width (cr, 1.5);
      cairo_set_dash (cr, (double[2]) { 4.0, 3.0 }, 2, 0.0);
      cairo_move_to (cr, x1, y1);
      cairo_line_to (cr, self->drag_x, self->drag_y);
      cairo_stroke (cr);
    }

  cairo_destroy (cr);
}

static void
gloss_document_view_snapshot_layer (GtkTextView      *text_view,
                                    GtkTextViewLayer  layer,
                                    GtkSnapshot      *snapshot)
{
  GlossDocumentView *self = GLOSS_DOCUMENT_VIEW (text_view);
  GtkTextBuffer *buffer;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  GdkRectangle visible;
  GtkTextIter first, last;
  guint start, end;
  guint prev_start = G_MAXUINT;
  int prev_y = G_MININT;
  int next_x = G_MININT;

  if (GTK_TEXT_VIEW_CLASS (gloss_document_view_parent_class)->snapshot_layer != NULL)
    GTK_TEXT_VIEW_CLASS (gloss_document_view_parent_class)->snapshot_layer (text_view, layer,
                                                                            snapshot);

  if (layer != GTK_TEXT_VIEW_LAYER_ABOVE_TEXT || self->annotations == NULL)
    return;

  ensure_chip_font (self);
  buffer = gtk_text_view_get_buffer (text_view);
  g_array_set_size (self->chips, 0);

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

      strong_color (self, gloss_annotation_get_label (self->selected), &color);
      fill = color;
      fill.alpha = 0.12;
      append_outline (self, snapshot, self->selected, start, end, &color, &fill, 2.0);
    }
  if (self->linking && self->link_target != NULL)
    {
      GdkRGBA color;

      strong_color (self, gloss_annotation_get_label (self->link_target), &color);
      append_outline (self, snapshot, self->link_target, start, end, &color, NULL, 1.5);
    }

  hits = gloss_annotation_list_query_range (self->annotations, start, end);
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  pango_layout_set_font_description (layout, self->chip_font);

  for (guint i = 0; i < hits->len; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (hits, i);
      guint offset = gloss_annotation_get_start (annotation);
      const char *label = gloss_annotation_get_label (annotation);
      gboolean emphasised = same_annotation (annotation, self->selected) ||
                            (self->linking && same_annotation (annotation, self->link_target));
      GdkRGBA background, foreground;
      GskRoundedRect rounded;
      GdkRectangle location;
      GtkTextIter iter;
      ChipHit hit;
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

  if (self->selected != NULL)
    draw_relations (self, snapshot, &visible, start, end);
}
/* ---- GObject ----------------------------------------------------------- */

static void
gloss_document_view_css_changed (GtkWidget         *widget,
                                 GtkCssStyleChange *change)
{
  GlossDocumentView *self = GLOSS_DOCUMENT_VIEW (widget);

  GTK_WIDGET_CLASS (gloss_document_view_parent_class)->css_changed (widget, change);

  g_clear_pointer (&self->chip_font, pango_font_description_free);
  gtk_widget_queue_draw (widget);
}

static void
gloss_document_view_dispose (GObject *object)
{
  GlossDocumentView *self = GLOSS_DOCUMENT_VIEW (object);

  if (self->annotations != NULL)
    g_signal_handlers_disconnect_by_data (self->annotations, self);
  if (self->schema != NULL)
    g_signal_handlers_disconnect_by_data (self->schema, self);
  g_clear_object (&self->annotations);
  g_clear_object (&self->schema);
  g_clear_object (&self->document);
  g_clear_object (&self->selected);
  g_clear_object (&self->link_target);
  g_clear_pointer (&self->label_popover, gtk_widget_unparent);
  g_clear_pointer (&self->relation_popover, gtk_widget_unparent);
  self->label_list = NULL;
  self->relation_box = NULL;
  if (self->label_tags != NULL)
    g_ptr_array_set_size (self->label_tags, 0);
  g_clear_handle_id (&self->tag_idle_id, g_source_remove);

  G_OBJECT_CLASS (gloss_document_view_parent_class)->dispose (object);
}

static void
gloss_document_view_finalize (GObject *object)
{
  GlossDocumentView *self = GLOSS_DOCUMENT_VIEW (object);

  g_clear_pointer (&self->offset_map, gloss_offset_map_free);
  g_clear_pointer (&self->label_tags, g_ptr_array_unref);
  g_clear_pointer (&self->chip_font, pango_font_description_free);
  g_clear_pointer (&self->font, g_free);
  g_clear_pointer (&self->chips, g_array_unref);
  g_clear_pointer (&self->link_labels, g_hash_table_unref);
  g_clear_pointer (&self->hint, g_free);
  g_clear_pointer (&self->search_text, g_free);
  g_clear_pointer (&self->vanished_uuid, g_free);

  G_OBJECT_CLASS (gloss_document_view_parent_class)->finalize (object);
}

static void
gloss_document_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  GlossDocumentView *self = GLOSS_DOCUMENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_ANNOTATIONS:
      g_value_set_object (value, self->annotations);
      break;

    case PROP_FONT:
      g_value_set_string (value, self->font);
      break;

    case PROP_SELECTED_ANNOTATION:
      g_value_set_object (value, self->selected);
      break;

    case PROP_SNAP_TO_WORDS:
      g_value_set_boolean (value, self->snap_to_words);
      break;

    case PROP_LINKING:
      g_value_set_boolean (value, self->linking);
      break;

    case PROP_HINT:
      g_value_set_string (value, self->hint);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_document_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  GlossDocumentView *self = GLOSS_DOCUMENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_FONT:
      gloss_document_view_set_font (self, g_value_get_string (value));
      break;

    case PROP_SELECTED_ANNOTATION:
      gloss_document_view_set_selected_annotation (self, g_value_get_object (value));
      break;

    case PROP_SNAP_TO_WORDS:
      gloss_document_view_set_snap_to_words (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_document_view_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  GlossDocumentView *self = GLOSS_DOCUMENT_VIEW (widget);

  GTK_WIDGET_CLASS (gloss_document_view_parent_class)->size_allocate (widget, width, height,
                                                                     baseline);

  if (self->label_popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->label_popover));
  if (self->relation_popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->relation_popover));
}

static void
gloss_document_view_class_init (GlossDocumentViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkTextViewClass *text_view_class = GTK_TEXT_VIEW_CLASS (klass);

  object_class->dispose = gloss_document_view_dispose;
  object_class->finalize = gloss_document_view_finalize;
  object_class->get_property = gloss_document_view_get_property;
  object_class->set_property = gloss_document_view_set_property;

  widget_class->css_changed = gloss_document_view_css_changed;
  widget_class->size_allocate = gloss_document_view_size_allocate;

  text_view_class->snapshot_layer = gloss_document_view_snapshot_layer;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, GLOSS_TYPE_DOCUMENT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANNOTATIONS] =
    g_param_spec_object ("annotations", NULL, NULL, GLOSS_TYPE_ANNOTATION_LIST,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FONT] =
    g_param_spec_string ("font", NULL, NULL, "Serif 12",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_ANNOTATION] =
    g_param_spec_object ("selected-annotation", NULL, NULL, GLOSS_TYPE_ANNOTATION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SNAP_TO_WORDS] =
    g_param_spec_boolean ("snap-to-words", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LINKING] =
    g_param_spec_boolean ("linking", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HINT] =
    g_param_spec_string ("hint", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A short message for the window to show (an error, a count...). */
  signals[MESSAGE] =
    g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "textview");
}

static void
gloss_document_view_init (GlossDocumentView *self)
{
  GtkTextView *text_view = GTK_TEXT_VIEW (self);
  GtkEventController *controller;
  GtkGesture *gesture;
  GtkGesture *drag;

  self->label_tags = g_ptr_array_new_with_free_func (g_object_unref);
  self->font = g_strdup ("Serif 12");
  self->chip_height = 11;
  self->snap_to_words = TRUE;
  self->chips = g_array_new (FALSE, FALSE, sizeof (ChipHit));
  g_array_set_clear_func (self->chips, clear_chip_hit);
  self->link_labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* Hotkeys and annotation keys before GtkTextView's own bindings. */
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

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

  gtk_text_view_set_editable (text_view, FALSE);
  gtk_text_view_set_cursor_visible (text_view, TRUE);
  gtk_text_view_set_wrap_mode (text_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (text_view, 48);
  gtk_text_view_set_right_margin (text_view, 48);
  gtk_text_view_set_top_margin (text_view, 24);
  gtk_text_view_set_bottom_margin (text_view, 48);
  gtk_text_view_set_pixels_above_lines (text_view, 14);
  gtk_text_view_set_pixels_below_lines (text_view, 4);
  gtk_text_view_set_pixels_inside_wrap (text_view, 14);
  gtk_widget_add_css_class (GTK_WIDGET (self), "document-view");

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Document text"),
                                  -1);
}

/* ---- public API -------------------------------------------------------- */

GtkWidget *
gloss_document_view_new (void)
{
  return g_object_new (GLOSS_TYPE_DOCUMENT_VIEW, NULL);
}

GlossDocument *
gloss_document_view_get_document (GlossDocumentView *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), NULL);

  return self->document;
}

GlossAnnotationList *
gloss_document_view_get_annotations (GlossDocumentView *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), NULL);

  return self->annotations;
}

void
gloss_document_view_set_document (GlossDocumentView   *self,
                                  GlossDocument       *document,
                                  GlossAnnotationList *annotations)
{
  g_autoptr(GtkTextBuffer) buffer = NULL;
  GtkTextIter start;

  g_return_if_fail (GLOSS_IS_DOCUMENT_VIEW (self));
  g_return_if_fail (document == NULL || GLOSS_IS_DOCUMENT (document));
  g_return_if_fail (annotations == NULL || GLOSS_IS_ANNOTATION_LIST (annotations));

  if (self->document == document && self->annotations == annotations)
    return;

  cancel_link (self);
  select_annotation (self, NULL, FALSE);
  g_clear_pointer (&self->search_text, g_free);
  self->n_matches = 0;
  self->fragment_mode = FALSE;
  if (self->label_popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->label_popover));
  g_array_set_size (self->chips, 0);

  if (self->annotations != NULL)
    g_signal_handlers_disconnect_by_data (self->annotations, self);
  if (self->schema != NULL)
    g_signal_handlers_disconnect_by_data (self->schema, self);
  g_clear_object (&self->schema);
  g_ptr_array_set_size (self->label_tags, 0);
  g_clear_handle_id (&self->tag_idle_id, g_source_remove);

  g_clear_pointer (&self->offset_map, gloss_offset_map_free);
  g_set_object (&self->document, document);
  g_set_object (&self->annotations, annotations);

  /* A fresh buffer per document: no tags or marks of the previous one. */
  buffer = gtk_text_buffer_new (NULL);
  gtk_text_buffer_set_enable_undo (buffer, FALSE);
  if (document != NULL)
    {
      const char *text = gloss_document_get_text (document);

      gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
    }
  gtk_text_view_set_buffer (GTK_TEXT_VIEW (self), buffer);
  apply_font (self);

  if (annotations != NULL)
    {
      self->schema = g_object_ref (gloss_annotation_list_get_schema (annotations));
      restyle_tags_cb (self);
      g_signal_connect_object (self->schema, "changed",
                               G_CALLBACK (restyle_tags_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (annotations, "annotation-changed",
                               G_CALLBACK (annotation_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (annotations, "relation-changed",
                               G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
      self->tagged_end = MIN (gtk_text_buffer_get_char_count (buffer), TAG_FIRST_CHARS);
      retag_range (self, 0, self->tagged_end);
      if (self->tagged_end < (guint) gtk_text_buffer_get_char_count (buffer))
        self->tag_idle_id = g_idle_add_full (GDK_PRIORITY_REDRAW + 1, tag_rest_cb, self, NULL);
    }

  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANNOTATIONS]);
}

void
gloss_document_view_set_font (GlossDocumentView *self,
                              const char        *font)
{
  g_return_if_fail (GLOSS_IS_DOCUMENT_VIEW (self));

  if (font == NULL || *font == '\0')
    font = "Serif 12";

  if (g_strcmp0 (self->font, font) == 0)
    return;

  g_free (self->font);
  self->font = g_strdup (font);
  apply_font (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FONT]);
}

void
gloss_document_view_reveal_annotation (GlossDocumentView *self,
                                       GlossAnnotation   *annotation)
{
  g_return_if_fail (GLOSS_IS_DOCUMENT_VIEW (self));
  g_return_if_fail (GLOSS_IS_ANNOTATION (annotation));

  select_annotation (self, annotation, TRUE);
  clear_text_selection (self, gloss_annotation_get_start (annotation));
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

GlossAnnotation *
gloss_document_view_get_selected_annotation (GlossDocumentView *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), NULL);

  return self->selected;
}

void
gloss_document_view_set_selected_annotation (GlossDocumentView *self,
                                             GlossAnnotation   *annotation)
{
  g_return_if_fail (GLOSS_IS_DOCUMENT_VIEW (self));
  g_return_if_fail (annotation == NULL || GLOSS_IS_ANNOTATION (annotation));

  /* Always the list's current snapshot, looked up by uuid. */
  if (annotation != NULL && self->annotations != NULL)
    annotation = gloss_annotation_list_lookup (self->annotations,
                                               gloss_annotation_get_uuid (annotation));
  else
    annotation = NULL;

  select_annotation (self, annotation, annotation != NULL);
}

/* How far into the text a covered text is found by walking from the start. */
#define WALK_CHARS 16384

char *
gloss_document_view_dup_covered_text (GlossDocumentView     *self,
                                      GlossAnnotation       *annotation,
                                      guint                  max_chars,
                                      GlossCoveredTextFlags  flags)
{
  const GlossFragment *fragments;
  const char *text;
  guint n_fragments;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), NULL);
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (annotation), NULL);

  if ((text = get_text (self)) == NULL)
    return g_strdup ("");

  /* Near the start, walking the text costs no more than a map; further on,
   * a map made once (one pass over the text) reaches any offset in
   * O(log n), so that rows and messages cost the same at the end of a long
   * document. */
  if (self->offset_map == NULL && gloss_annotation_get_end (annotation) > WALK_CHARS)
    self->offset_map = gloss_offset_map_new (text, -1);

  fragments = gloss_annotation_get_fragments (annotation, &n_fragments);
  return gloss_dup_covered_text (text, self->offset_map, fragments, n_fragments, max_chars,
                                 flags);
}

gboolean
gloss_document_view_get_snap_to_words (GlossDocumentView *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), FALSE);

  return self->snap_to_words;
}

void
gloss_document_view_set_snap_to_words (GlossDocumentView *self,
                                       gboolean           snap_to_words)
{
  g_return_if_fail (GLOSS_IS_DOCUMENT_VIEW (self));

  snap_to_words = !!snap_to_words;
  if (self->snap_to_words == snap_to_words)
    return;

  self->snap_to_words = snap_to_words;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNAP_TO_WORDS]);
}

gboolean
gloss_document_view_get_linking (GlossDocumentView *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), FALSE);

  return self->linking;
}

void
gloss_document_view_cancel_link (GlossDocumentView *self)
{
  g_return_if_fail (GLOSS_IS_DOCUMENT_VIEW (self));

  cancel_link (self);
}

const char *
gloss_document_view_get_hint (GlossDocumentView *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), NULL);

  return self->hint;
}

GPtrArray *
_gloss_document_view_dup_chip_uuids (GlossDocumentView *self)
{
  GPtrArray *uuids = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), uuids);

  for (guint i = 0; i < self->chips->len; i++)
    g_ptr_array_add (uuids, g_strdup (g_array_index (self->chips, ChipHit, i).uuid));

  return uuids;
}
