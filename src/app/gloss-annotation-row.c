/* gloss-annotation-row.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row of the annotation panel: a dot in the label's colour, the label,
 * the covered text and, dimmed at the end, the annotator, drawn by the row
 * itself.
 *
 * Why drawn and not a box of labels: GTK 4.8's GtkListView keeps 200 rows
 * around its anchor and, after an item is inserted or removed, binds each
 * of them again to the item now at its position. With two GtkLabels a row,
 * every hotkey annotation re-shaped and re-measured 400 labels (about two
 * thirds of the time between the key and the repainted window on a
 * 20,000-annotation document). Here a row's measure is a constant, and its
 * Pango layouts live in a cache keyed by the annotation object (an edit
 * makes a new object, so a key never goes stale): a row bound again to an
 * annotation that another row showed takes the shaped layouts as they are,
 * and rows outside the visible part of the list build none at all. The
 * annotation panel owns the cache its rows share (a row made alone has one
 * of its own).
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-annotation-row.h"

#define MARGIN_X          12
#define MARGIN_Y          6
#define SPACING           8
#define DOT_SIZE          10
#define LABEL_CHARS       10     /* width of the label column, in digits */
#define CACHE_MAX         1024   /* annotations whose layouts are kept */

/* ---- the layout cache, shared by the rows of one panel --------------- */

typedef struct
{
  char        *covered;        /* the covered text, newlines flattened */
  char        *label;          /* the label's name */
  char        *annotator;
  PangoLayout *label_layout;   /* NULL until first drawn */
  PangoLayout *text_layout;
  PangoLayout *annotator_layout;
  int          text_width;     /* Pango units the text was ellipsized to */
} Entry;

/* Reference counted (g_rc_box): the panel holds one reference, each row
 * another. */
struct _GlossAnnotationRowCache
{
  GHashTable   *entries;        /* owned: GlossAnnotation (ref) -> Entry */
  GlossSchema  *schema;         /* owned: the colours, looked up when drawn */
  PangoContext *context;        /* not a ref: compared only */
  guint         serial;
  int           line_height;
  int           label_width;
};

static void
entry_free (Entry *entry)
{
  g_free (entry->covered);
  g_free (entry->label);
  g_free (entry->annotator);
  g_clear_object (&entry->label_layout);
  g_clear_object (&entry->text_layout);
  g_clear_object (&entry->annotator_layout);
  g_free (entry);
}

static void
cache_clear (GlossAnnotationRowCache *cache)
{
  g_clear_pointer (&cache->entries, g_hash_table_unref);
  g_clear_object (&cache->schema);
}

static Entry *
cache_lookup (GlossAnnotationRowCache *cache,
              GlossAnnotation         *annotation)
{
  return g_hash_table_lookup (cache->entries, annotation);
}

static Entry *
cache_insert (GlossAnnotationRowCache *cache,
              GlossAnnotation         *annotation,
              const char              *covered)
{
  Entry *entry;

  if (g_hash_table_size (cache->entries) >= CACHE_MAX)
    g_hash_table_remove_all (cache->entries);

  entry = g_new0 (Entry, 1);
  entry->covered = g_strdup (covered != NULL ? covered : "");
  g_strdelimit (entry->covered, "\n\r\t", ' ');
  entry->label = g_strdup (gloss_annotation_get_label (annotation));
  entry->annotator = g_strdup (gloss_annotation_get_annotator (annotation));

  g_hash_table_insert (cache->entries, g_object_ref (annotation), entry);
  return entry;
}

/* Layouts are made for one Pango context in one state (font, scale): when
 * the widget's differs, every cached layout goes. */
static void
cache_check_context (GlossAnnotationRowCache *cache,
                     GtkWidget               *widget)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);
  PangoFontMetrics *metrics;
  GHashTableIter iter;
  Entry *entry;

  if (context == cache->context && pango_context_get_serial (context) == cache->serial)
    return;

  g_hash_table_iter_init (&iter, cache->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    {
      g_clear_object (&entry->label_layout);
      g_clear_object (&entry->text_layout);
      g_clear_object (&entry->annotator_layout);
    }

  cache->context = context;
  cache->serial = pango_context_get_serial (context);
  metrics = pango_context_get_metrics (context, NULL, NULL);
  cache->line_height = PANGO_PIXELS_CEIL (pango_font_metrics_get_height (metrics));
  if (cache->line_height <= 0)
    cache->line_height = PANGO_PIXELS_CEIL (pango_font_metrics_get_ascent (metrics) +
                                            pango_font_metrics_get_descent (metrics));
  cache->label_width = PANGO_PIXELS_CEIL (pango_font_metrics_get_approximate_digit_width (metrics)
                                          * LABEL_CHARS * 0.85);
  pango_font_metrics_unref (metrics);
}

/* ---- the row ---------------------------------------------------------- */

struct _GlossAnnotationRow
{
  GtkWidget        parent_instance;

  GlossAnnotationRowCache *cache;         /* owned reference */
  GlossAnnotation         *annotation;    /* owned */
  char                    *covered;       /* owned: tooltip and accessible name */
};

G_DEFINE_FINAL_TYPE (GlossAnnotationRow, gloss_annotation_row, GTK_TYPE_WIDGET)

static PangoAttrList *
label_attributes (GtkWidget *widget)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);
  PangoFontDescription *font = pango_context_get_font_description (context);
  PangoAttrList *attrs = pango_attr_list_new ();
  int size = font != NULL ? pango_font_description_get_size (font) : 10 * PANGO_SCALE;

  /* As the panel's .annotation-label was: smaller, bold, a little spaced. */
  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_attr_list_insert (attrs, pango_attr_letter_spacing_new ((int) (size * 0.03)));

  return attrs;
}

static void
get_color (GtkWidget *widget,
           GdkRGBA   *color)
{
#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (widget, color);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
#endif
}

/* TRUE when some of the row shows in the scrolled window around it (rows
 * kept by the list view outside its visible part draw nothing). */
static gboolean
is_showing (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;

  if (scrolled == NULL || !gtk_widget_compute_bounds (widget, scrolled, &bounds))
    return TRUE;

  return bounds.origin.y + bounds.size.height > 0 &&
         bounds.origin.y < gtk_widget_get_height (scrolled);
}

static void
gloss_annotation_row_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  GlossAnnotationRowCache *cache = GLOSS_ANNOTATION_ROW (widget)->cache;

  cache_check_context (cache, widget);

  if (orientation == GTK_ORIENTATION_VERTICAL)
    *minimum = *natural = 2 * MARGIN_Y + MAX (cache->line_height, DOT_SIZE);
  else
    {
      *minimum = 2 * MARGIN_X + DOT_SIZE + 2 * SPACING + cache->label_width
                 + 4 * cache->line_height;
      *natural = *minimum + 8 * cache->line_height;
    }
}

static void
gloss_annotation_row_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  GlossAnnotationRow *self = GLOSS_ANNOTATION_ROW (widget);
  GlossAnnotationRowCache *cache = self->cache;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int text_x, text_width, label_x, dot_x, annotator_x, annotator_width = 0;
  graphene_rect_t dot;
  GskRoundedRect round;
  GdkRGBA fg, color = { 0.6, 0.6, 0.6, 1.0 };
  GlossLabel *label;
  Entry *entry;

  if (self->annotation == NULL || width <= 0
      || (entry = cache_lookup (cache, self->annotation)) == NULL)
    return;
  if (!is_showing (widget))
    return;

  cache_check_context (cache, widget);
  get_color (widget, &fg);

  dot_x = rtl ? width - MARGIN_X - DOT_SIZE : MARGIN_X;
  label_x = rtl ? width - MARGIN_X - DOT_SIZE - SPACING - cache->label_width
                : MARGIN_X + DOT_SIZE + SPACING;
  /* The annotator, dimmed at the end of the row, takes at most a quarter. */
  if (entry->annotator_layout == NULL && entry->annotator != NULL && *entry->annotator != '\0')
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
      entry->annotator_layout = gtk_widget_create_pango_layout (widget, entry->annotator);
      pango_layout_set_attributes (entry->annotator_layout, attrs);
      pango_layout_set_ellipsize (entry->annotator_layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (entry->annotator_layout, TRUE);
      pango_attr_list_unref (attrs);
    }
  if (entry->annotator_layout != NULL)
    {
      int cap = width / 4;

      if (pango_layout_get_width (entry->annotator_layout) != cap * PANGO_SCALE)
        pango_layout_set_width (entry->annotator_layout, cap * PANGO_SCALE);
      pango_layout_get_pixel_size (entry->annotator_layout, &annotator_width, NULL);
      annotator_width = MIN (annotator_width, cap);
    }
  annotator_x = rtl ? MARGIN_X : width - MARGIN_X - annotator_width;

  text_width = MAX (width - 2 * MARGIN_X - DOT_SIZE - 2 * SPACING - cache->label_width
                    - (annotator_width > 0 ? annotator_width + SPACING : 0), 0);
  text_x = rtl ? MARGIN_X + (annotator_width > 0 ? annotator_width + SPACING : 0)
               : label_x + cache->label_width + SPACING;

  graphene_rect_init (&dot, dot_x, (height - DOT_SIZE) / 2.0, DOT_SIZE, DOT_SIZE);
  gsk_rounded_rect_init_from_rect (&round, &dot, DOT_SIZE / 2.0);
  gtk_snapshot_push_rounded_clip (snapshot, &round);
  /* The colour from the schema as it is now: recolouring a label redraws. */
  if (cache->schema != NULL
      && (label = gloss_schema_lookup_label (cache->schema, entry->label)) != NULL)
    gdk_rgba_parse (&color, gloss_label_get_color (label));
  gtk_snapshot_append_color (snapshot, &color, &dot);
  gtk_snapshot_pop (snapshot);

  if (entry->label_layout == NULL)
    {
      PangoAttrList *attrs = label_attributes (widget);

      entry->label_layout = gtk_widget_create_pango_layout (widget, entry->label);
      pango_layout_set_attributes (entry->label_layout, attrs);
      pango_layout_set_ellipsize (entry->label_layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_width (entry->label_layout, cache->label_width * PANGO_SCALE);
      pango_layout_set_single_paragraph_mode (entry->label_layout, TRUE);
      pango_attr_list_unref (attrs);
    }
  if (entry->text_layout == NULL)
    {
      entry->text_layout = gtk_widget_create_pango_layout (widget, entry->covered);
      pango_layout_set_ellipsize (entry->text_layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (entry->text_layout, TRUE);
      entry->text_width = -1;
    }
  if (entry->text_width != text_width * PANGO_SCALE)
    {
      entry->text_width = text_width * PANGO_SCALE;
      pango_layout_set_width (entry->text_layout, entry->text_width);
    }

  {
    int label_height, text_height;

    pango_layout_get_pixel_size (entry->label_layout, NULL, &label_height);
    pango_layout_get_pixel_size (entry->text_layout, NULL, &text_height);

    gtk_snapshot_save (snapshot);
    gtk_snapshot_translate (snapshot,
                            &GRAPHENE_POINT_INIT (label_x, (height - label_height) / 2));
    gtk_snapshot_append_layout (snapshot, entry->label_layout, &fg);
    gtk_snapshot_restore (snapshot);

    gtk_snapshot_save (snapshot);
    gtk_snapshot_translate (snapshot,
                            &GRAPHENE_POINT_INIT (text_x, (height - text_height) / 2));
    gtk_snapshot_append_layout (snapshot, entry->text_layout, &fg);
    gtk_snapshot_restore (snapshot);

    if (entry->annotator_layout != NULL)
      {
        GdkRGBA dim = fg;
        int annotator_height;

        dim.alpha *= 0.55f;
        pango_layout_get_pixel_size (entry->annotator_layout, NULL, &annotator_height);
        gtk_snapshot_save (snapshot);
        gtk_snapshot_translate (snapshot,
                                &GRAPHENE_POINT_INIT (annotator_x,
                                                      (height - annotator_height) / 2));
        gtk_snapshot_append_layout (snapshot, entry->annotator_layout, &dim);
        gtk_snapshot_restore (snapshot);
      }
  }
}

/* The tooltip is asked for when shown: gtk_widget_set_tooltip_text() on
 * every bind would query the pointer (an X server round trip) for every
 * row rebound after an edit. */
static gboolean
query_tooltip_cb (GlossAnnotationRow *self,
                  int                 x,
                  int                 y,
                  gboolean            keyboard_mode,
                  GtkTooltip         *tooltip)
{
  if (self->covered == NULL || *self->covered == '\0')
    return FALSE;

  gtk_tooltip_set_text (tooltip, self->covered);
  return TRUE;
}

/* What a screen reader reads for the row: "PERSON: Ana Lima, by ana". The
 * list item around the row (GTK's, the one that takes the focus) gets the
 * same name. */
static void
update_accessible_label (GlossAnnotationRow *self)
{
  g_autofree char *name = NULL;
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  if (self->annotation == NULL)
    return;

  /* Translators: accessible name of an annotation in the list: label, text, annotator */
  name = g_strdup_printf (_("%s: %s, by %s"), gloss_annotation_get_label (self->annotation),
                          self->covered != NULL ? self->covered : "",
                          gloss_annotation_get_annotator (self->annotation));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  if (parent != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (parent), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    name, -1);
}

static void
gloss_annotation_row_dispose (GObject *object)
{
  GlossAnnotationRow *self = GLOSS_ANNOTATION_ROW (object);

  g_clear_object (&self->annotation);
  g_clear_pointer (&self->covered, g_free);
  g_clear_pointer (&self->cache, gloss_annotation_row_cache_unref);

  G_OBJECT_CLASS (gloss_annotation_row_parent_class)->dispose (object);
}

static void
gloss_annotation_row_class_init (GlossAnnotationRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_annotation_row_dispose;

  widget_class->measure = gloss_annotation_row_measure;
  widget_class->snapshot = gloss_annotation_row_snapshot;

  gtk_widget_class_set_css_name (widget_class, "annotationrow");
}

static void
gloss_annotation_row_init (GlossAnnotationRow *self)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
}

GlossAnnotationRowCache *
gloss_annotation_row_cache_new (void)
{
  GlossAnnotationRowCache *cache = g_rc_box_new0 (GlossAnnotationRowCache);

  cache->entries = g_hash_table_new_full (g_direct_hash, g_direct_equal, g_object_unref,
                                          (GDestroyNotify) entry_free);
  return cache;
}

GlossAnnotationRowCache *
gloss_annotation_row_cache_ref (GlossAnnotationRowCache *cache)
{
  g_return_val_if_fail (cache != NULL, NULL);

  return g_rc_box_acquire (cache);
}

void
gloss_annotation_row_cache_unref (GlossAnnotationRowCache *cache)
{
  g_return_if_fail (cache != NULL);

  g_rc_box_release_full (cache, (GDestroyNotify) cache_clear);
}

void
gloss_annotation_row_cache_set_schema (GlossAnnotationRowCache *cache,
                                       GlossSchema             *schema)
{
  g_return_if_fail (cache != NULL);
  g_return_if_fail (schema == NULL || GLOSS_IS_SCHEMA (schema));

  g_set_object (&cache->schema, schema);
}

GtkWidget *
gloss_annotation_row_new (void)
{
  g_autoptr(GlossAnnotationRowCache) cache = gloss_annotation_row_cache_new ();

  return gloss_annotation_row_new_with_cache (cache);
}

GtkWidget *
gloss_annotation_row_new_with_cache (GlossAnnotationRowCache *cache)
{
  GlossAnnotationRow *self;

  g_return_val_if_fail (cache != NULL, NULL);

  self = g_object_new (GLOSS_TYPE_ANNOTATION_ROW, NULL);
  self->cache = gloss_annotation_row_cache_ref (cache);
  return GTK_WIDGET (self);
}

GlossAnnotation *
gloss_annotation_row_get_annotation (GlossAnnotationRow *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_ROW (self), NULL);

  return self->annotation;
}

static void
show (GlossAnnotationRow *self,
      GlossAnnotation    *annotation,
      Entry              *entry)
{
  g_set_object (&self->annotation, annotation);
  g_free (self->covered);
  self->covered = g_strdup (entry->covered);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  update_accessible_label (self);
}

gboolean
gloss_annotation_row_set_annotation_cached (GlossAnnotationRow *self,
                                            GlossAnnotation    *annotation)
{
  Entry *entry;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION_ROW (self), FALSE);
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (annotation), FALSE);

  if ((entry = cache_lookup (self->cache, annotation)) == NULL)
    return FALSE;

  show (self, annotation, entry);
  return TRUE;
}

void
gloss_annotation_row_set_annotation (GlossAnnotationRow *self,
                                     GlossAnnotation    *annotation,
                                     GlossSchema        *schema,
                                     const char         *text)
{
  g_autofree char *covered = NULL;

  g_return_if_fail (GLOSS_IS_ANNOTATION_ROW (self));
  g_return_if_fail (annotation == NULL || GLOSS_IS_ANNOTATION (annotation));

  if (annotation != NULL && text != NULL && cache_lookup (self->cache, annotation) == NULL)
    {
      const GlossFragment *fragments;
      guint n_fragments;

      fragments = gloss_annotation_get_fragments (annotation, &n_fragments);
      covered = gloss_dup_covered_text (text, NULL, fragments, n_fragments, 0,
                                        GLOSS_COVERED_TEXT_GAPS);
    }

  gloss_annotation_row_set_annotation_with_text (self, annotation, schema, covered);
}

void
gloss_annotation_row_set_annotation_with_text (GlossAnnotationRow *self,
                                               GlossAnnotation    *annotation,
                                               GlossSchema        *schema,
                                               const char         *text)
{
  Entry *entry;

  g_return_if_fail (GLOSS_IS_ANNOTATION_ROW (self));
  g_return_if_fail (annotation == NULL || GLOSS_IS_ANNOTATION (annotation));

  /* Unbinding only lets go: the row is not shown until bound again, and
   * clearing what it draws would cost a redraw for nothing. */
  if (annotation == NULL)
    {
      g_clear_object (&self->annotation);
      g_clear_pointer (&self->covered, g_free);
      return;
    }

  if (schema != NULL && schema != self->cache->schema)
    gloss_annotation_row_cache_set_schema (self->cache, schema);
  if ((entry = cache_lookup (self->cache, annotation)) == NULL)
    entry = cache_insert (self->cache, annotation, text);

  show (self, annotation, entry);
}
