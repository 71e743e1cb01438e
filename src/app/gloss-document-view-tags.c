/* gloss-document-view-tags.c: the model projected onto the buffer's tags
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include "gloss-annotation.h"
#include "gloss-document-view-private.h"
#include "gloss-schema.h"

#define TAG_PREFIX         "label:"
#define FONT_TAG_NAME      "gloss:font"
#define BACKGROUND_ALPHA   0.35

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

void
_gloss_document_view_restyle_tags (GlossDocumentView *self)
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

void
_gloss_document_view_retag_range (GlossDocumentView *self,
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

  _gloss_document_view_retag_range (self, self->tagged_end, end);
  self->tagged_end = end;
  if (end < n_chars)
    return G_SOURCE_CONTINUE;

  self->tag_idle_id = 0;
  return G_SOURCE_REMOVE;
}

void
_gloss_document_view_tag_buffer (GlossDocumentView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  guint n_chars = gtk_text_buffer_get_char_count (buffer);

  g_clear_handle_id (&self->tag_idle_id, g_source_remove);
  self->tagged_end = MIN (n_chars, TAG_FIRST_CHARS);
  _gloss_document_view_retag_range (self, 0, self->tagged_end);
  if (self->tagged_end < n_chars)
    self->tag_idle_id = g_idle_add_full (GDK_PRIORITY_REDRAW + 1, tag_rest_cb, self, NULL);
}

void
_gloss_document_view_apply_font (GlossDocumentView *self)
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
