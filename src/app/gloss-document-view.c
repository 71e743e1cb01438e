/* gloss-document-view.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-annotation.h"
#include "gloss-document-view.h"
#include "gloss-document-view-private.h"
#include "gloss-schema.h"

#define TAG_PREFIX         "label:"
#define FONT_TAG_NAME      "gloss:font"
#define BACKGROUND_ALPHA   0.35
#define CHIP_RADIUS        3.0
#define CHIP_PAD_X         4
#define CHIP_GAP_X         3
#define CHIP_GAP_Y         1

struct _GlossDocumentView
{
  GtkTextView           parent_instance;

  GlossDocument        *document;      /* owned */
  GlossAnnotationList  *annotations;   /* owned */
  GlossSchema          *schema;        /* owned */
  char                 *font;          /* owned */
  GPtrArray            *label_tags;    /* owned: GtkTextTag, one per label in the buffer */
  PangoFontDescription *chip_font;     /* owned, lazily computed */
  int                   chip_height;
};

G_DEFINE_FINAL_TYPE (GlossDocumentView, gloss_document_view, GTK_TYPE_TEXT_VIEW)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_ANNOTATIONS,
  PROP_FONT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

static void
annotation_changed_cb (GlossDocumentView   *self,
                       GlossAnnotation     *old_annotation,
                       GlossAnnotation     *new_annotation,
                       GlossAnnotationList *annotations)
{
  guint start, end;

  if (_gloss_document_view_changed_range (old_annotation, new_annotation, &start, &end))
    retag_range (self, start, end);

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

/* ---- chips ------------------------------------------------------------- */

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
chip_colors (GlossDocumentView *self,
             const char        *label_name,
             GdkRGBA           *background,
             GdkRGBA           *foreground)
{
  GlossLabel *label = NULL;
  double luminance;

  if (self->schema != NULL)
    label = gloss_schema_lookup_label (self->schema, label_name);
  if (label == NULL || !gdk_rgba_parse (background, gloss_label_get_color (label)))
    *background = (GdkRGBA) { 0.6, 0.6, 0.6, 1.0 };

  luminance = 0.299 * background->red + 0.587 * background->green + 0.114 * background->blue;
  if (luminance > 0.62)
    *foreground = (GdkRGBA) { 0.0, 0.0, 0.0, 0.8 };
  else
    *foreground = (GdkRGBA) { 1.0, 1.0, 1.0, 1.0 };
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

  hits = gloss_annotation_list_query_range (self->annotations, start, end);
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  pango_layout_set_font_description (layout, self->chip_font);

  for (guint i = 0; i < hits->len; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (hits, i);
      guint offset = gloss_annotation_get_start (annotation);
      const char *label = gloss_annotation_get_label (annotation);
      GdkRGBA background, foreground;
      GskRoundedRect rounded;
      GdkRectangle location;
      GtkTextIter iter;
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

      prev_start = offset;
      prev_y = y;
      next_x = x + width + CHIP_GAP_X;
    }
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
  if (self->label_tags != NULL)
    g_ptr_array_set_size (self->label_tags, 0);

  G_OBJECT_CLASS (gloss_document_view_parent_class)->dispose (object);
}

static void
gloss_document_view_finalize (GObject *object)
{
  GlossDocumentView *self = GLOSS_DOCUMENT_VIEW (object);

  g_clear_pointer (&self->label_tags, g_ptr_array_unref);
  g_clear_pointer (&self->chip_font, pango_font_description_free);
  g_clear_pointer (&self->font, g_free);

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

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
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
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "textview");
}

static void
gloss_document_view_init (GlossDocumentView *self)
{
  GtkTextView *text_view = GTK_TEXT_VIEW (self);

  self->label_tags = g_ptr_array_new_with_free_func (g_object_unref);
  self->font = g_strdup ("Serif 12");
  self->chip_height = 11;

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

  if (self->annotations != NULL)
    g_signal_handlers_disconnect_by_data (self->annotations, self);
  if (self->schema != NULL)
    g_signal_handlers_disconnect_by_data (self->schema, self);
  g_clear_object (&self->schema);
  g_ptr_array_set_size (self->label_tags, 0);

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
      retag_range (self, 0, gtk_text_buffer_get_char_count (buffer));
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
  GtkTextBuffer *buffer;
  GtkTextIter a, b;

  g_return_if_fail (GLOSS_IS_DOCUMENT_VIEW (self));
  g_return_if_fail (GLOSS_IS_ANNOTATION (annotation));

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  gtk_text_buffer_get_iter_at_offset (buffer, &a, gloss_annotation_get_start (annotation));
  gtk_text_buffer_get_iter_at_offset (buffer, &b, gloss_annotation_get_end (annotation));
  gtk_text_buffer_select_range (buffer, &a, &b);
  gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self), &a, 0.1, TRUE, 0.0, 0.3);
  gtk_widget_grab_focus (GTK_WIDGET (self));
}
