/* gloss-document-view.c: the widget, its properties, selection and public API
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GlossDocumentView is split over files along its jobs, sharing the struct
 * in gloss-document-view-private.h: -tags.c (the model projected onto the
 * buffer's tags), -edit.c (annotating from the selection), -link.c (link
 * mode and its popover), -search.c, -draw.c (chips and arcs), -pointer.c
 * (clicks and drags), -actions.c (the keys); the label popover is
 * GlossLabelPopover.
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-annotation.h"
#include "gloss-document-view-private.h"
#include "gloss-offsets.h"
#include "gloss-schema.h"

#define SCROLL_MARK_NAME   "gloss:scroll"

G_DEFINE_FINAL_TYPE (GlossDocumentView, gloss_document_view, GTK_TYPE_TEXT_VIEW)

enum {
  MESSAGE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- small helpers ------------------------------------------------------ */

void
_gloss_document_view_notify (GlossDocumentView    *self,
                             GlossDocumentViewProp prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
_gloss_document_view_emit_message (GlossDocumentView *self,
                                   const char        *message)
{
  g_debug ("%s", message);
  g_signal_emit (self, signals[MESSAGE], 0, message);
}

void
_gloss_document_view_set_hint (GlossDocumentView *self,
                               const char        *hint)
{
  if (g_strcmp0 (self->hint, hint) == 0)
    return;

  g_free (self->hint);
  self->hint = g_strdup (hint);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HINT]);
}

/* The annotation's covered text, shortened for messages. */
#define SHORT_TEXT_CHARS 40

char *
_gloss_document_view_dup_short_text (GlossDocumentView *self,
                                     GlossAnnotation   *annotation)
{
  return gloss_document_view_dup_covered_text (self, annotation, SHORT_TEXT_CHARS,
                                               GLOSS_COVERED_TEXT_ONE_LINE |
                                                 GLOSS_COVERED_TEXT_ELLIPSIS |
                                                 GLOSS_COVERED_TEXT_GAPS);
}

gboolean
_gloss_document_view_get_text_selection (GlossDocumentView *self,
                                         guint             *start,
                                         guint             *end)
{
  GtkTextIter a, b;

  if (!gtk_text_buffer_get_selection_bounds (_gloss_document_view_get_buffer (self), &a, &b))
    return FALSE;

  *start = gtk_text_iter_get_offset (&a);
  *end = gtk_text_iter_get_offset (&b);
  return *start < *end;
}

void
_gloss_document_view_clear_text_selection (GlossDocumentView *self,
                                           guint              caret)
{
  GtkTextBuffer *buffer = _gloss_document_view_get_buffer (self);
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, caret);
  gtk_text_buffer_select_range (buffer, &iter, &iter);
  self->fragment_mode = FALSE;
}

void
_gloss_document_view_scroll_to_offset (GlossDocumentView *self,
                                       guint              offset)
{
  GtkTextBuffer *buffer = _gloss_document_view_get_buffer (self);
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
  GtkTextBuffer *buffer = _gloss_document_view_get_buffer (self);
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

void
_gloss_document_view_point_popover_at (GlossDocumentView *self,
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

void
_gloss_document_view_select (GlossDocumentView *self,
                             GlossAnnotation   *annotation,
                             gboolean           scroll)
{
  if (annotation == self->selected)
    {
      if (annotation != NULL && scroll)
        _gloss_document_view_scroll_to_offset (self, gloss_annotation_get_start (annotation));
      return;
    }

  if (self->linking)
    _gloss_document_view_cancel_link (self);
  /* The frame is the selected claim's: another selection drops it. */
  if (!_gloss_document_view_same (annotation, self->selected))
    _gloss_document_view_cancel_frame (self);

  g_clear_pointer (&self->vanished_uuid, g_free);
  g_set_object (&self->selected, annotation);
  if (annotation != NULL && self->selected_suggestion != NULL)
    {
      g_clear_object (&self->selected_suggestion);
      if (self->review != NULL)
        {
          g_clear_pointer (&self->review, g_ptr_array_unref);
          _gloss_document_view_set_hint (self, NULL);
        }
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_SUGGESTION]);
    }
  if (annotation != NULL && scroll)
    _gloss_document_view_scroll_to_offset (self, gloss_annotation_get_start (annotation));

  /* Screen readers hear what is selected. */
  if (annotation != NULL)
    {
      g_autofree char *text = _gloss_document_view_dup_short_text (self, annotation);
      /* Translators: the text view's accessible description, e.g. "Selected: PERSON “Ivešić”" */
      g_autofree char *description = g_strdup_printf (_("Selected: %s “%s”"),
                                                      gloss_annotation_get_label (annotation),
                                                      text);

      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
    }
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);

  _gloss_document_view_update_actions (self);
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
GPtrArray *
_gloss_document_view_annotations_at (GlossDocumentView *self,
                                     guint              offset)
{
  GPtrArray *hits = gloss_annotation_list_query_at (self->annotations, offset);

  g_ptr_array_sort (hits, compare_by_length);
  return hits;
}

/* Clicking at @offset: the innermost annotation there, or the next one
 * around when the selected one is already there (cycling). */
void
_gloss_document_view_select_at_offset (GlossDocumentView *self,
                                       guint              offset)
{
  g_autoptr(GPtrArray) hits = _gloss_document_view_annotations_at (self, offset);
  GlossAnnotation *next = NULL;

  for (guint i = 0; i < hits->len; i++)
    if (_gloss_document_view_same (g_ptr_array_index (hits, i), self->selected))
      {
        next = g_ptr_array_index (hits, (i + 1) % hits->len);
        break;
      }
  if (next == NULL && hits->len > 0)
    next = g_ptr_array_index (hits, 0);

  _gloss_document_view_select (self, next, FALSE);
}

static void
annotation_changed_selection (GlossDocumentView *self,
                              GlossAnnotation   *old_annotation,
                              GlossAnnotation   *new_annotation)
{
  if (old_annotation != NULL && _gloss_document_view_same (old_annotation, self->selected))
    {
      if (new_annotation != NULL)
        {
          /* A new snapshot of the selected annotation (its label may
           * have changed, and with it what the keys can do). */
          g_set_object (&self->selected, new_annotation);
          _gloss_document_view_update_actions (self);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ANNOTATION]);
        }
      else
        {
          /* Deleted: an undo that brings it back selects it again. */
          _gloss_document_view_select (self, NULL, FALSE);
          g_free (self->vanished_uuid);
          self->vanished_uuid = g_strdup (gloss_annotation_get_uuid (old_annotation));
        }
    }
  else if (old_annotation == NULL && new_annotation != NULL && self->selected == NULL &&
           g_strcmp0 (gloss_annotation_get_uuid (new_annotation), self->vanished_uuid) == 0)
    {
      g_clear_pointer (&self->vanished_uuid, g_free);
      _gloss_document_view_select (self, new_annotation, FALSE);
    }

  if (old_annotation != NULL && _gloss_document_view_same (old_annotation, self->link_target))
    g_set_object (&self->link_target, new_annotation);
}

static gboolean
has_relations (GlossDocumentView *self,
               GlossAnnotation   *annotation)
{
  g_autoptr(GPtrArray) relations = NULL;

  if (annotation == NULL)
    return FALSE;
  relations = gloss_annotation_list_relations_of (self->annotations,
                                                  gloss_annotation_get_uuid (annotation));
  return relations->len > 0;
}

static void
annotation_changed_cb (GlossDocumentView   *self,
                       GlossAnnotation     *old_annotation,
                       GlossAnnotation     *new_annotation,
                       GlossAnnotationList *annotations)
{
  guint start, end;

  if (_gloss_document_view_changed_range (old_annotation, new_annotation, &start, &end))
    _gloss_document_view_retag_range (self, start, end);

  annotation_changed_selection (self, old_annotation, new_annotation);

  /* A moved end moves its arcs; an annotation without relations moves no
   * lane (a removed relation says so itself), and typing stays cheap. */
  if (has_relations (self, old_annotation) || has_relations (self, new_annotation))
    _gloss_document_view_queue_lanes (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
relation_changed_cb (GlossDocumentView *self)
{
  _gloss_document_view_queue_lanes (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_gloss_document_view_popover_closed_cb (GlossDocumentView *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

/* ---- GObject ----------------------------------------------------------- */

static void
gloss_document_view_snapshot_layer (GtkTextView      *text_view,
                                    GtkTextViewLayer  layer,
                                    GtkSnapshot      *snapshot)
{
  if (GTK_TEXT_VIEW_CLASS (gloss_document_view_parent_class)->snapshot_layer != NULL)
    GTK_TEXT_VIEW_CLASS (gloss_document_view_parent_class)->snapshot_layer (text_view, layer,
                                                                            snapshot);

  if (layer == GTK_TEXT_VIEW_LAYER_ABOVE_TEXT)
    _gloss_document_view_snapshot_above_text (GLOSS_DOCUMENT_VIEW (text_view), snapshot);
}

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
  g_clear_object (&self->selected_suggestion);
  g_clear_pointer (&self->review, g_ptr_array_unref);
  g_clear_pointer (&self->by_score_order, g_ptr_array_unref);
  g_clear_pointer (&self->suggestions, g_ptr_array_unref);
  g_clear_object (&self->link_target);
  g_clear_pointer (&self->frame, g_ptr_array_unref);
  g_clear_pointer (&self->label_popover, gtk_widget_unparent);
  g_clear_pointer (&self->relation_popover, gtk_widget_unparent);
  self->relation_box = NULL;
  if (self->label_tags != NULL)
    g_ptr_array_set_size (self->label_tags, 0);
  g_clear_handle_id (&self->tag_idle_id, g_source_remove);
  g_clear_handle_id (&self->lane_idle_id, g_source_remove);
  /* Nothing applies any more, and the actions need not be told. */
  self->enabled_actions = 0;

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
  g_clear_pointer (&self->arc_boxes, g_array_unref);
  g_clear_pointer (&self->paragraph_starts, g_array_unref);
  g_clear_pointer (&self->lane_levels, g_byte_array_unref);
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

    case PROP_SELECTED_SUGGESTION:
      g_value_set_object (value, self->selected_suggestion);
      break;
    case PROP_FRAME_PENDING:
      g_value_set_boolean (value, self->frame != NULL);
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
  /* A claim's frame is proposed and waits for Enter (see -frame.c). */
  properties[PROP_FRAME_PENDING] =
    g_param_spec_boolean ("frame-pending", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The suggestion under review (-suggest.c). */
  properties[PROP_SELECTED_SUGGESTION] =
    g_param_spec_object ("selected-suggestion", NULL, NULL, GLOSS_TYPE_SUGGESTION,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A short message for the window to show (an error, a count...). */
  signals[MESSAGE] =
    g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  _gloss_document_view_class_init_suggestions (widget_class);
  _gloss_document_view_class_init_actions (widget_class);

  gtk_widget_class_set_css_name (widget_class, "textview");
}

static void
gloss_document_view_init (GlossDocumentView *self)
{
  GtkTextView *text_view = GTK_TEXT_VIEW (self);

  self->label_tags = g_ptr_array_new_with_free_func (g_object_unref);
  self->font = g_strdup ("Serif 12");
  self->chip_height = 11;
  self->snap_to_words = TRUE;
  self->accept_score = 0.5;
  self->chips = g_array_new (FALSE, FALSE, sizeof (GlossChipHit));
  g_array_set_clear_func (self->chips, _gloss_chip_hit_clear);
  self->arc_boxes = g_array_new (FALSE, FALSE, sizeof (GlossArcBox));
  self->link_labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* Keys before GtkTextView's own bindings. */
  _gloss_document_view_init_actions (self);

  _gloss_document_view_init_pointer (self);

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

  _gloss_document_view_cancel_link (self);
  _gloss_document_view_select (self, NULL, FALSE);
  g_clear_object (&self->selected_suggestion);
  g_clear_pointer (&self->review, g_ptr_array_unref);
  g_clear_pointer (&self->by_score_order, g_ptr_array_unref);
  g_clear_pointer (&self->suggestions, g_ptr_array_unref);
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
  g_signal_handlers_disconnect_by_func (_gloss_document_view_get_buffer (self),
                                        _gloss_document_view_update_actions, self);
  g_ptr_array_set_size (self->label_tags, 0);
  g_clear_handle_id (&self->tag_idle_id, g_source_remove);
  g_clear_handle_id (&self->lane_idle_id, g_source_remove);
  g_clear_pointer (&self->paragraph_starts, g_array_unref);
  g_clear_pointer (&self->lane_levels, g_byte_array_unref);
  g_array_set_size (self->arc_boxes, 0);

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
  _gloss_document_view_apply_font (self);

  if (annotations != NULL)
    {
      self->schema = g_object_ref (gloss_annotation_list_get_schema (annotations));
      _gloss_document_view_restyle_tags (self);
      g_signal_connect_object (self->schema, "changed",
                               G_CALLBACK (_gloss_document_view_restyle_tags), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (annotations, "annotation-changed",
                               G_CALLBACK (annotation_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (annotations, "relation-changed",
                               G_CALLBACK (relation_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (annotations, "items-changed",
                               G_CALLBACK (_gloss_document_view_update_actions), self,
                               G_CONNECT_SWAPPED);
      _gloss_document_view_connect_suggestions (self);
      _gloss_document_view_tag_buffer (self);
      /* Before the first layout: the lines are laid out once. */
      _gloss_document_view_update_lanes (self);
    }

  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
  g_signal_connect_object (buffer, "notify::has-selection",
                           G_CALLBACK (_gloss_document_view_update_actions), self,
                           G_CONNECT_SWAPPED);
  _gloss_document_view_update_actions (self);

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
  _gloss_document_view_apply_font (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FONT]);
}

void
gloss_document_view_reveal_annotation (GlossDocumentView *self,
                                       GlossAnnotation   *annotation)
{
  g_return_if_fail (GLOSS_IS_DOCUMENT_VIEW (self));
  g_return_if_fail (GLOSS_IS_ANNOTATION (annotation));

  _gloss_document_view_select (self, annotation, TRUE);
  _gloss_document_view_clear_text_selection (self, gloss_annotation_get_start (annotation));
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

  _gloss_document_view_select (self, annotation, annotation != NULL);
}

/* How far into the text a covered text is found by walking from the start. */
#define WALK_CHARS 16384

char *
gloss_document_view_dup_fragments_text (GlossDocumentView     *self,
                                        const GlossFragment   *fragments,
                                        guint                  n_fragments,
                                        guint                  max_chars,
                                        GlossCoveredTextFlags  flags)
{
  const char *text;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), NULL);

  if ((text = _gloss_document_view_get_text (self)) == NULL)
    return g_strdup ("");

  /* Near the start, walking the text costs no more than a map; further on,
   * a map made once (one pass over the text) reaches any offset in
   * O(log n), so that rows and messages cost the same at the end of a long
   * document. */
  if (self->offset_map == NULL && n_fragments > 0 &&
      fragments[n_fragments - 1].end > WALK_CHARS)
    self->offset_map = gloss_offset_map_new (text, -1);

  return gloss_dup_covered_text (text, self->offset_map, fragments, n_fragments, max_chars,
                                 flags);
}

char *
gloss_document_view_dup_covered_text (GlossDocumentView     *self,
                                      GlossAnnotation       *annotation,
                                      guint                  max_chars,
                                      GlossCoveredTextFlags  flags)
{
  const GlossFragment *fragments;
  guint n_fragments;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), NULL);
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (annotation), NULL);

  fragments = gloss_annotation_get_fragments (annotation, &n_fragments);
  return gloss_document_view_dup_fragments_text (self, fragments, n_fragments, max_chars, flags);
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

  _gloss_document_view_cancel_link (self);
}

const char *
gloss_document_view_get_hint (GlossDocumentView *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), NULL);

  return self->hint;
}
