/* gloss-agreement-window.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "gloss-agreement-window.h"
#include "gloss-curation-view.h"
#include "gloss-document.h"
#include "gloss-schema.h"

/* Wait this long after a change of the selectors before computing. */
#define RECOMPUTE_DELAY_MS 250

/* Chart geometry, in pixels. */
#define CHART_MARGIN      16
#define CHART_ROW         22
#define CHART_BAR         14
#define CHART_CELL        52
#define CHART_NAME_WIDTH  110
#define CHART_BAR_WIDTH   190
#define CHART_GAP         48
#define CHART_TITLE       28

G_STATIC_ASSERT (GLOSS_AGREEMENT_N_COLUMNS == 5);

/* ---- rows ---------------------------------------------------------------- */

struct _GlossAgreementRow
{
  GObject  parent_instance;

  char    *label;        /* owned, NULL = all labels */
  char    *annotator_a;  /* owned */
  char    *annotator_b;  /* owned */
  guint    n_a;
  guint    n_b;
  double   values[GLOSS_AGREEMENT_N_COLUMNS];
};

G_DEFINE_FINAL_TYPE (GlossAgreementRow, gloss_agreement_row, G_TYPE_OBJECT)

static void
gloss_agreement_row_finalize (GObject *object)
{
  GlossAgreementRow *self = GLOSS_AGREEMENT_ROW (object);

  g_free (self->label);
  g_free (self->annotator_a);
  g_free (self->annotator_b);
  G_OBJECT_CLASS (gloss_agreement_row_parent_class)->finalize (object);
}

static void
gloss_agreement_row_class_init (GlossAgreementRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gloss_agreement_row_finalize;
}

static void
gloss_agreement_row_init (GlossAgreementRow *self)
{
  for (guint i = 0; i < GLOSS_AGREEMENT_N_COLUMNS; i++)
    self->values[i] = NAN;
}

static GlossAgreementRow *
row_new (GlossPairScores *pair,
         GlossSpanScores *scores,
         gboolean         all)
{
  GlossAgreementRow *self = g_object_new (GLOSS_TYPE_AGREEMENT_ROW, NULL);

  self->label = all ? NULL : g_strdup (scores->label);
  self->annotator_a = g_strdup (pair->annotator_a);
  self->annotator_b = g_strdup (pair->annotator_b);
  self->n_a = scores->n_a;
  self->n_b = scores->n_b;
  self->values[GLOSS_AGREEMENT_COLUMN_EXACT_PRECISION] = scores->exact_precision;
  self->values[GLOSS_AGREEMENT_COLUMN_EXACT_RECALL] = scores->exact_recall;
  self->values[GLOSS_AGREEMENT_COLUMN_EXACT_F1] = scores->exact_f1;
  self->values[GLOSS_AGREEMENT_COLUMN_OVERLAP_F1] = scores->overlap_f1;
  if (all)
    self->values[GLOSS_AGREEMENT_COLUMN_KAPPA] = pair->kappa;
  return self;
}

const char *
gloss_agreement_row_get_label (GlossAgreementRow *self)
{
  g_return_val_if_fail (GLOSS_IS_AGREEMENT_ROW (self), NULL);
  return self->label;
}

const char *
gloss_agreement_row_get_annotator_a (GlossAgreementRow *self)
{
  g_return_val_if_fail (GLOSS_IS_AGREEMENT_ROW (self), NULL);
  return self->annotator_a;
}

const char *
gloss_agreement_row_get_annotator_b (GlossAgreementRow *self)
{
  g_return_val_if_fail (GLOSS_IS_AGREEMENT_ROW (self), NULL);
  return self->annotator_b;
}

double
gloss_agreement_row_get_value (GlossAgreementRow    *self,
                               GlossAgreementColumn  column)
{
  g_return_val_if_fail (GLOSS_IS_AGREEMENT_ROW (self), NAN);
  g_return_val_if_fail (column < GLOSS_AGREEMENT_N_COLUMNS, NAN);
  return self->values[column];
}

/* ---- the window ---------------------------------------------------------- */

struct _GlossAgreementWindow
{
  GtkWindow        parent_instance;

  GlossProject    *project;        /* owned */
  GlossDocument   *document;       /* owned, may be NULL */
  GlossAgreement  *agreement;      /* owned, the last result */
  GListStore      *rows;           /* owned: GlossAgreementRow */
  GCancellable    *cancellable;    /* owned: the running computation */
  GHashTable      *label_colors;   /* owned: label -> GdkRGBA */
  guint            recompute_id;
  gboolean         selectors_filled;
  gboolean         busy;
  gboolean         cancelled;      /* the user stopped the last computation */

  /* template children */
  GtkCheckButton  *all_documents_check;
  GtkBox          *annotators_box;
  GtkButton       *cancel_button;
  GtkDrawingArea  *chart;
  GtkLabel        *confusion_caption;
  GtkGrid         *confusion_grid;
  GtkDropDown     *confusion_pair_dropdown;
  GtkButton       *csv_button;
  GtkBox          *labels_box;
  GtkButton       *png_button;
  GtkBox          *progress_box;
  GtkProgressBar  *progress_bar;
  GtkSpinner      *spinner;
  GtkLabel        *summary_label;
  GtkColumnView   *table;
  GtkCheckButton  *this_document_check;
  GtkStack        *view_stack;
};

G_DEFINE_FINAL_TYPE (GlossAgreementWindow, gloss_agreement_window, GTK_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void compute (GlossAgreementWindow *self);

/* ---- helpers ----------------------------------------------------------- */

static char *
format_value (double value)
{
  if (isnan (value))
    return g_strdup ("—");
  return g_strdup_printf ("%.3f", value);
}

static void
set_busy (GlossAgreementWindow *self,
          gboolean              busy)
{
  if (self->busy == busy)
    return;

  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_box), busy);
  if (busy)
    {
      gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
      gtk_progress_bar_set_text (self->progress_bar, _("Reading the documents…"));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
get_fg_color (GtkWidget *widget,
              GdkRGBA   *color)
{
#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (widget, color);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
#endif
}

/* Selected names from a box of check buttons (the name is the label). */
static GStrv
checked_names (GtkBox *box)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (child)))
      g_strv_builder_add (builder, g_object_get_data (G_OBJECT (child), "gloss-name"));

  return g_strv_builder_end (builder);
}

static void
selectors_changed_cb (GlossAgreementWindow *self);

static void
fill_checks (GlossAgreementWindow *self,
             GtkBox               *box,
             GPtrArray            *names)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);

  for (guint i = 0; i < names->len; i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (names->pdata[i]);

      /* A name is no mnemonic: "a_b" must not show as "ab". */
      gtk_check_button_set_use_underline (GTK_CHECK_BUTTON (check), FALSE);

      g_object_set_data_full (G_OBJECT (check), "gloss-name", g_strdup (names->pdata[i]), g_free);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      g_signal_connect_object (check, "toggled", G_CALLBACK (selectors_changed_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_box_append (box, check);
    }
}

static void
update_summary (GlossAgreementWindow *self)
{
  GlossAgreementScores *scores;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *alpha = NULL;
  guint matched = 0, attributed = 0, attribution_agreed = 0, certainty_agreed = 0;

  if (self->agreement == NULL)
    {
      if (self->busy)
        gtk_label_set_label (self->summary_label, _("Computing…"));
      else if (self->cancelled)
        gtk_label_set_label (self->summary_label,
                             _("Cancelled. Change a selection to compute again."));
      else
        gtk_label_set_label (self->summary_label, "");
      return;
    }

  scores = self->agreement->project;
  alpha = format_value (scores->alpha);
  /* Translators: Krippendorff's alpha over the tokens */
  g_string_append_printf (text, _("<b>Krippendorff’s α</b> %s over %u tokens, %u annotators"),
                          alpha, scores->n_tokens, self->agreement->annotators->len);

  for (guint i = 0; i < scores->pairs->len; i++)
    {
      GlossPairScores *pair = scores->pairs->pdata[i];

      matched += pair->claims_matched;
      attributed += pair->claims_attributed;
      attribution_agreed += pair->attribution_agreed;
      certainty_agreed += pair->certainty_agreed;
    }

  g_string_append_c (text, '\n');
  if (matched > 0)
    g_string_append_printf (text,
                            _("<b>Claims</b> %u matched over all pairs: source attribution "
                              "agrees on %u of %u attributed, certainty on %u of %u"),
                            matched, attribution_agreed, attributed, certainty_agreed, matched);
  else
    g_string_append (text, _("<b>Claims</b> no claim matched between annotators"));

  if (self->agreement->annotators->len < 2)
    {
      g_string_append_c (text, '\n');
      g_string_append (text, _("Agreement needs at least two annotators."));
    }

  gtk_label_set_markup (self->summary_label, text->str);
}

static void
fill_rows (GlossAgreementWindow *self)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->agreement != NULL)
    {
      GPtrArray *pairs = self->agreement->project->pairs;

      for (guint i = 0; i < pairs->len; i++)
        {
          GlossPairScores *pair = pairs->pdata[i];

          g_ptr_array_add (rows, row_new (pair, pair->all, TRUE));
          for (guint j = 0; j < pair->labels->len; j++)
            g_ptr_array_add (rows, row_new (pair, pair->labels->pdata[j], FALSE));
        }
    }

  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       rows->pdata, rows->len);
}

/* ---- drill-down and the confusion matrix ---------------------------------- */

/* Asks the window this report belongs to for its curation queue, filtered
 * to the disagreements of @label ("" any) between @a and @b ("" any) of
 * @kind ("" any, "label": labelled differently). */
static void
open_disagreements (GlossAgreementWindow *self,
                    const char           *label,
                    const char           *a,
                    const char           *b,
                    const char           *kind)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (parent == NULL ||
      !gtk_widget_activate_action (GTK_WIDGET (parent), "win.curation-queue", "(ssss)", label,
                                   a, b, kind))
    g_debug ("No curation queue to open for %s, %s, %s, %s", label, a, b, kind);
}

static void
table_activate_cb (GlossAgreementWindow *self,
                   guint                 position)
{
  GListModel *shown = G_LIST_MODEL (gtk_column_view_get_model (self->table));
  g_autoptr(GlossAgreementRow) row = g_list_model_get_item (shown, position);

  if (row == NULL)
    return;
  open_disagreements (self, row->label != NULL ? row->label : "", row->annotator_a,
                      row->annotator_b, "");
}

/* The pair the matrix shows: NULL for every pair pooled. */
static GlossPairScores *
confusion_pair (GlossAgreementWindow *self)
{
  guint      selected = gtk_drop_down_get_selected (self->confusion_pair_dropdown);
  GPtrArray *pairs;

  if (self->agreement == NULL || selected == GTK_INVALID_LIST_POSITION || selected == 0)
    return NULL;
  pairs = self->agreement->project->pairs;
  return selected - 1 < pairs->len ? pairs->pdata[selected - 1] : NULL;
}

static void
confusion_cell_clicked_cb (GtkButton            *button,
                           GlossAgreementWindow *self)
{
  const char      *row = g_object_get_data (G_OBJECT (button), "gloss-row");
  const char      *column = g_object_get_data (G_OBJECT (button), "gloss-column");
  GlossPairScores *pair = confusion_pair (self);
  gboolean         row_none = g_strcmp0 (row, GLOSS_AGREEMENT_NONE) == 0;
  gboolean         column_none = g_strcmp0 (column, GLOSS_AGREEMENT_NONE) == 0;

  /* A span one of the two did not label may be one the other drew
   * differently (an overlap) or not at all (not everyone): any kind. */
  open_disagreements (self, row_none ? column : row, pair != NULL ? pair->annotator_a : "",
                      pair != NULL ? pair->annotator_b : "",
                      row_none || column_none ? "" : "label");
}

static GtkWidget *
confusion_header (const char *text,
                  gboolean    none,
                  float       xalign)
{
  GtkWidget *label = gtk_label_new (none ? _("(none)") : text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_widget_add_css_class (label, "confusion-header");
  if (none)
    gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static char *
only_tooltip (guint       count,
              const char *label)
{
  return g_strdup_printf (ngettext ("Open the %u %s span only one of the two annotated in "
                                    "the curation queue",
                                    "Open the %u %s spans only one of the two annotated in "
                                    "the curation queue",
                                    count),
                          count, label);
}

static char *
label_tooltip (guint       count,
               const char *row_label,
               const char *column_label)
{
  return g_strdup_printf (ngettext ("Open the %u span labelled %s and %s in the curation queue",
                                    "Open the %u spans labelled %s and %s in the curation queue",
                                    count),
                          count, row_label, column_label);
}

static void
update_confusion (GlossAgreementWindow *self)
{
  g_autoptr(GlossConfusion) confusion = NULL;
  GlossPairScores *pair = confusion_pair (self);
  const char      *a = pair != NULL ? pair->annotator_a : NULL;
  const char      *b = pair != NULL ? pair->annotator_b : NULL;
  g_autofree char *caption = NULL;
  g_autofree char *corner = NULL;
  GtkWidget       *child;
  guint            n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->confusion_grid))) != NULL)
    gtk_grid_remove (self->confusion_grid, child);
  if (self->agreement == NULL)
    return;

  confusion = gloss_agreement_dup_confusion (self->agreement, NULL, a, b);
  if (confusion == NULL)
    return;
  n = confusion->labels->len;

  if (pair != NULL)
    caption = g_strdup_printf (_("Each span either annotated, counted once: the rows are "
                                 "the labels %s gave it, the columns those of %s. The "
                                 "diagonal is agreement; “(none)”, a span only the other "
                                 "annotated. %u spans."),
                                  a, b, confusion->total);
  else
    caption = g_strdup_printf (_("Every pair pooled: the rows are the labels of the first "
                                 "annotator of each pair, the columns those of the second. "
                                 "The diagonal is agreement; “(none)”, a span only the other "
                                 "annotated. %u spans."),
                                  confusion->total);
  gtk_label_set_label (self->confusion_caption, caption);

  /* Translators: the corner of the confusion matrix: rows ↓, columns → */
  corner = pair != NULL ? g_strdup_printf (_("%s ↓\n%s →"), a, b)
                        : g_strdup (_("first ↓\nsecond →"));
  child = gtk_label_new (corner);
  gtk_label_set_xalign (GTK_LABEL (child), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (child), 10);
  gtk_widget_add_css_class (child, "dim-label");
  gtk_widget_add_css_class (child, "caption");
  gtk_grid_attach (self->confusion_grid, child, 0, 0, 1, 1);

  for (guint i = 0; i < n; i++)
    {
      gboolean none = i == n - 1;

      gtk_grid_attach (self->confusion_grid,
                       confusion_header (confusion->labels->pdata[i], none, 0.5), i + 1, 0, 1,
                       1);
      gtk_grid_attach (self->confusion_grid,
                       confusion_header (confusion->labels->pdata[i], none, 1.0), 0, i + 1, 1,
                       1);
    }

  for (guint r = 0; r < n; r++)
    for (guint c = 0; c < n; c++)
      {
        guint            count = confusion->counts[r * n + c];
        const char      *row_label = confusion->labels->pdata[r];
        const char      *column_label = confusion->labels->pdata[c];
        g_autofree char *text = g_strdup_printf ("%u", count);
        GtkWidget       *cell;

        if (r == c && r == n - 1)
          continue;
        if (r == c || count == 0)
          {
            cell = gtk_label_new (count == 0 ? "·" : text);
            if (count == 0)
              gtk_widget_add_css_class (cell, "dim-label");
          }
        else
          {
            g_autofree char *tooltip = NULL;

            cell = gtk_button_new_with_label (text);
            gtk_widget_add_css_class (cell, "flat");
            g_object_set_data_full (G_OBJECT (cell), "gloss-row", g_strdup (row_label), g_free);
            g_object_set_data_full (G_OBJECT (cell), "gloss-column", g_strdup (column_label),
                                    g_free);
            if (r == n - 1 || c == n - 1)
              tooltip = only_tooltip (count, r == n - 1 ? column_label : row_label);
            else
              tooltip = label_tooltip (count, row_label, column_label);
            gtk_widget_set_tooltip_text (cell, tooltip);
            gtk_accessible_update_property (GTK_ACCESSIBLE (cell),
                                            GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip, -1);
            g_signal_connect_object (cell, "clicked", G_CALLBACK (confusion_cell_clicked_cb),
                                     self, 0);
          }
        gtk_widget_add_css_class (cell, "confusion-cell");
        gtk_widget_add_css_class (cell, "numeric");
        if (r == c)
          gtk_widget_add_css_class (cell, "diagonal");
        gtk_grid_attach (self->confusion_grid, cell, c + 1, r + 1, 1, 1);
      }
}

/* The dropdown's pairs: every pair pooled first, then each pair. Keeps the
 * pair shown when it is still there. */
static void
fill_confusion_pairs (GlossAgreementWindow *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *shown_a = NULL;
  g_autofree char *shown_b = NULL;
  GPtrArray       *pairs = self->agreement->project->pairs;
  guint            selected = 0;

  if (gtk_drop_down_get_model (self->confusion_pair_dropdown) != NULL)
    {
      guint       old = gtk_drop_down_get_selected (self->confusion_pair_dropdown);
      GListModel *model = gtk_drop_down_get_model (self->confusion_pair_dropdown);
      g_autoptr(GtkStringObject) item = old != GTK_INVALID_LIST_POSITION && old > 0
                                         ? g_list_model_get_item (model, old)
                                         : NULL;

      if (item != NULL)
        {
          shown_a = g_strdup (g_object_get_data (G_OBJECT (item), "gloss-a"));
          shown_b = g_strdup (g_object_get_data (G_OBJECT (item), "gloss-b"));
        }
    }

  gtk_string_list_append (names, _("All pairs (pooled)"));
  for (guint i = 0; i < pairs->len; i++)
    {
      GlossPairScores *pair = pairs->pdata[i];
      g_autofree char *name = g_strdup_printf (_("%s – %s"), pair->annotator_a,
                                                  pair->annotator_b);
      g_autoptr(GtkStringObject) item = NULL;

      gtk_string_list_append (names, name);
      item = g_list_model_get_item (G_LIST_MODEL (names), i + 1);
      g_object_set_data_full (G_OBJECT (item), "gloss-a", g_strdup (pair->annotator_a), g_free);
      g_object_set_data_full (G_OBJECT (item), "gloss-b", g_strdup (pair->annotator_b), g_free);
      if (g_strcmp0 (pair->annotator_a, shown_a) == 0 &&
          g_strcmp0 (pair->annotator_b, shown_b) == 0)
        selected = i + 1;
    }

  g_signal_handlers_block_by_func (self->confusion_pair_dropdown, update_confusion, self);
  gtk_drop_down_set_model (self->confusion_pair_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->confusion_pair_dropdown, selected);
  g_signal_handlers_unblock_by_func (self->confusion_pair_dropdown, update_confusion, self);
  update_confusion (self);
}

/* ---- the chart ----------------------------------------------------------- */

/* Pooled exact and overlap F1 of a label over every pair. */
static void
label_f1 (GlossAgreement *agreement,
          const char     *label,
          double         *exact,
          double         *overlap)
{
  guint exact_matches = 0, overlap_matches = 0, n = 0;
  GPtrArray *pairs = agreement->project->pairs;

  for (guint i = 0; i < pairs->len; i++)
    {
      GlossPairScores *pair = pairs->pdata[i];

      for (guint j = 0; j < pair->labels->len; j++)
        {
          GlossSpanScores *scores = pair->labels->pdata[j];

          if (g_strcmp0 (scores->label, label) != 0)
            continue;
          exact_matches += scores->exact_matches;
          overlap_matches += scores->overlap_matches;
          n += scores->n_a + scores->n_b;
        }
    }

  *exact = n > 0 ? 2.0 * exact_matches / n : NAN;
  *overlap = n > 0 ? 2.0 * overlap_matches / n : NAN;
}

static double
pair_kappa (GlossAgreement *agreement,
            const char     *a,
            const char     *b)
{
  GPtrArray *pairs = agreement->project->pairs;

  if (g_strcmp0 (a, b) == 0)
    return 1.0;

  for (guint i = 0; i < pairs->len; i++)
    {
      GlossPairScores *pair = pairs->pdata[i];

      if ((g_strcmp0 (pair->annotator_a, a) == 0 && g_strcmp0 (pair->annotator_b, b) == 0) ||
          (g_strcmp0 (pair->annotator_a, b) == 0 && g_strcmp0 (pair->annotator_b, a) == 0))
        return pair->kappa;
    }
  return NAN;
}

/* The height of the bar chart of @n_labels labels, with its title and axis. */
static int
bars_height (guint n_labels)
{
  return CHART_TITLE + (int) n_labels * CHART_ROW + 56 + CHART_GAP / 2;
}

static void
chart_size (GlossAgreementWindow *self,
            int                  *width,
            int                  *height)
{
  guint n_labels = self->agreement != NULL ? self->agreement->labels->len : 0;
  guint n_annotators = self->agreement != NULL ? self->agreement->annotators->len : 0;
  int map = CHART_TITLE + CHART_NAME_WIDTH / 2 + (int) n_annotators * CHART_CELL + 20;

  /* The bars above the κ matrix: narrow, to stand beside the table. */
  *width = 2 * CHART_MARGIN + CHART_NAME_WIDTH +
           MAX (CHART_BAR_WIDTH + CHART_GAP, (int) n_annotators * CHART_CELL);
  *height = 2 * CHART_MARGIN + MAX (bars_height (n_labels) + map, 160);
}

static void
draw_text (cairo_t     *cr,
           PangoLayout *layout,
           const char  *text,
           double       x,
           double       y,
           double       xalign,
           double       yalign)
{
  int w, h;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x - xalign * w, y - yalign * h);
  pango_cairo_show_layout (cr, layout);
}

static void
set_weight (PangoLayout *layout,
            PangoWeight  weight,
            double       scale)
{
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_weight_new (weight));
  if (scale != 1.0)
    pango_attr_list_insert (attrs, pango_attr_scale_new (scale));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
}

/* The chart in the colour @fg_color, with layouts of @context's font. */
static void
draw_chart (GlossAgreementWindow *self,
            cairo_t              *cr,
            PangoContext         *context,
            const GdkRGBA        *fg_color,
            int                   width,
            int                   height)
{
  g_autoptr(PangoLayout) layout = pango_layout_new (context);
  g_autoptr(PangoLayout) bold = pango_layout_new (context);
  GdkRGBA    fg = *fg_color;
  GPtrArray *labels, *annotators;
  double x0, y0, map_x0;

  set_weight (bold, PANGO_WEIGHT_BOLD, 1.0);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_width (layout, (CHART_NAME_WIDTH - 8) * PANGO_SCALE);

  if (self->agreement == NULL)
    {
      gdk_cairo_set_source_rgba (cr, &fg);
      pango_layout_set_width (layout, -1);
      draw_text (cr, layout, self->busy ? _("Computing…") : _("No result"), width / 2.0,
                 height / 2.0, 0.5, 0.5);
      return;
    }

  labels = self->agreement->labels;
  annotators = self->agreement->annotators;

  /* Bar chart: exact F1 (solid) and overlap F1 (light) per label. */
  x0 = CHART_MARGIN + CHART_NAME_WIDTH;
  y0 = CHART_MARGIN + CHART_TITLE;
  gdk_cairo_set_source_rgba (cr, &fg);
  draw_text (cr, bold, _("F1 per label, pooled over all pairs"), CHART_MARGIN, CHART_MARGIN, 0, 0);

  for (guint i = 0; i < labels->len; i++)
    {
      const char *label = labels->pdata[i];
      const GdkRGBA *color = g_hash_table_lookup (self->label_colors, label);
      GdkRGBA fallback = { 0.4, 0.55, 0.8, 1.0 };
      double exact, overlap;
      double y = y0 + i * CHART_ROW;
      g_autofree char *value = NULL;

      if (color == NULL)
        color = &fallback;
      label_f1 (self->agreement, label, &exact, &overlap);

      gdk_cairo_set_source_rgba (cr, &fg);
      draw_text (cr, layout, label, x0 - 8, y + CHART_ROW / 2.0, 1.0, 0.5);

      if (!isnan (overlap))
        {
          cairo_set_source_rgba (cr, color->red, color->green, color->blue, 0.35);
          cairo_rectangle (cr, x0, y + (CHART_ROW - CHART_BAR) / 2.0,
                           overlap * CHART_BAR_WIDTH, CHART_BAR);
          cairo_fill (cr);
        }
      if (!isnan (exact))
        {
          gdk_cairo_set_source_rgba (cr, color);
          cairo_rectangle (cr, x0, y + (CHART_ROW - CHART_BAR) / 2.0 + 3,
                           exact * CHART_BAR_WIDTH, CHART_BAR - 6);
          cairo_fill (cr);
        }

      value = format_value (exact);
      gdk_cairo_set_source_rgba (cr, &fg);
      draw_text (cr, layout, value,
                 x0 + (isnan (overlap) ? 0 : MAX (exact, overlap) * CHART_BAR_WIDTH) + 6,
                 y + CHART_ROW / 2.0, 0, 0.5);
    }

  /* Axis and ticks. */
  {
    double axis_y = y0 + labels->len * CHART_ROW + 4;

    cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.6);
    cairo_set_line_width (cr, 1);
    cairo_move_to (cr, x0 + 0.5, y0 - 4);
    cairo_line_to (cr, x0 + 0.5, axis_y + 0.5);
    cairo_line_to (cr, x0 + CHART_BAR_WIDTH + 0.5, axis_y + 0.5);
    cairo_stroke (cr);
    for (guint t = 0; t <= 4; t++)
      {
        double x = x0 + t * CHART_BAR_WIDTH / 4.0;
        char tick[8];

        cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.15);
        cairo_move_to (cr, floor (x) + 0.5, y0 - 4);
        cairo_line_to (cr, floor (x) + 0.5, axis_y);
        cairo_stroke (cr);
        g_snprintf (tick, sizeof tick, "%.2g", t / 4.0);
        gdk_cairo_set_source_rgba (cr, &fg);
        draw_text (cr, layout, tick, x, axis_y + 4, 0.5, 0);
      }
    pango_layout_set_width (layout, -1);
    draw_text (cr, layout, _("exact (solid), overlap (light)"), x0, axis_y + 24, 0, 0);
    pango_layout_set_width (layout, (CHART_NAME_WIDTH - 8) * PANGO_SCALE);
  }

  /* Heat map of Cohen's kappa per pair. */
  map_x0 = CHART_MARGIN + CHART_NAME_WIDTH;
  y0 = CHART_MARGIN + bars_height (labels->len);
  gdk_cairo_set_source_rgba (cr, &fg);
  draw_text (cr, bold, _("Cohen’s κ per pair"), CHART_MARGIN, y0, 0, 0);
  y0 += CHART_TITLE + CHART_NAME_WIDTH / 2.0;
  pango_layout_set_width (layout, (CHART_CELL - 4) * PANGO_SCALE);
  for (guint j = 0; j < annotators->len; j++)
    draw_text (cr, layout, annotators->pdata[j], map_x0 + (j + 0.5) * CHART_CELL, y0 - 4, 0.5,
               1.0);
  pango_layout_set_width (layout, (CHART_NAME_WIDTH - 8) * PANGO_SCALE);

  for (guint i = 0; i < annotators->len; i++)
    {
      double y = y0 + i * CHART_CELL;

      gdk_cairo_set_source_rgba (cr, &fg);
      draw_text (cr, layout, annotators->pdata[i], map_x0 - 8, y + CHART_CELL / 2.0, 1.0, 0.5);

      for (guint j = 0; j < annotators->len; j++)
        {
          double kappa = pair_kappa (self->agreement, annotators->pdata[i],
                                     annotators->pdata[j]);
          double x = map_x0 + j * CHART_CELL;
          g_autofree char *value = format_value (kappa);

          /* One hue, stronger as κ rises to 1 (κ ≤ 0 is the palest): reads
           * in light and dark styles and without telling red from green. */
          if (i == j || isnan (kappa))
            cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.06);
          else
            cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.12 + 0.88 * CLAMP (kappa, 0.0, 1.0));
          cairo_rectangle (cr, x + 1, y + 1, CHART_CELL - 2, CHART_CELL - 2);
          cairo_fill (cr);

          if (isnan (kappa) || i == j || kappa < 0.5)
            gdk_cairo_set_source_rgba (cr, &fg);
          else
            cairo_set_source_rgb (cr, 1, 1, 1);
          draw_text (cr, layout, i == j ? "" : value, x + CHART_CELL / 2.0,
                     y + CHART_CELL / 2.0, 0.5, 0.5);
        }
    }
}

static void
draw_chart_cb (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  GdkRGBA fg;

  get_fg_color (GTK_WIDGET (area), &fg);
  draw_chart (user_data, cr, gtk_widget_get_pango_context (GTK_WIDGET (area)), &fg, width,
              height);
}

static void
update_chart (GlossAgreementWindow *self)
{
  int width, height;

  chart_size (self, &width, &height);
  gtk_drawing_area_set_content_width (self->chart, width);
  gtk_drawing_area_set_content_height (self->chart, height);
  gtk_widget_queue_draw (GTK_WIDGET (self->chart));
}

/* ---- computing ----------------------------------------------------------- */

typedef struct
{
  char   *path;
  GArray *documents;     /* gint64, or NULL for all */
  GStrv   annotators;    /* or NULL for all */
  GStrv   labels;        /* or NULL for all */
} Job;

static void
job_free (Job *job)
{
  g_free (job->path);
  g_clear_pointer (&job->documents, g_array_unref);
  g_strfreev (job->annotators);
  g_strfreev (job->labels);
  g_free (job);
}

/* How far the computation is, handed from its thread to the window's. */
typedef struct
{
  GlossAgreementWindow *window;      /* owned */
  GCancellable         *cancellable; /* owned: the computation it is about */
  guint                 done;
  guint                 total;
} Progress;

static void
progress_free (Progress *progress)
{
  g_object_unref (progress->window);
  g_object_unref (progress->cancellable);
  g_free (progress);
}

static gboolean
show_progress_cb (gpointer user_data)
{
  Progress             *progress = user_data;
  GlossAgreementWindow *self = progress->window;
  g_autofree char      *text = NULL;

  /* an older computation, or one that is over */
  if (self->cancellable != progress->cancellable || !self->busy)
    return G_SOURCE_REMOVE;
  /* Translators: progress of the agreement, in documents */
  text = g_strdup_printf (_("%u of %u documents"), progress->done, progress->total);
  gtk_progress_bar_set_fraction (self->progress_bar,
                                 progress->total ? (double) progress->done / progress->total : 1.0);
  gtk_progress_bar_set_text (self->progress_bar, text);
  return G_SOURCE_REMOVE;
}

typedef struct
{
  GTask  *task;                      /* borrowed: the thread's */
  gint64  last;                      /* when the window was last told */
} ProgressState;

/* On the computing thread, after each document: the window hears of it at
 * most every 50 ms, and of the last document. */
static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  ProgressState *state = user_data;
  gint64         now = g_get_monotonic_time ();
  Progress      *progress;

  if (done < total && now - state->last < 50 * G_TIME_SPAN_MILLISECOND)
    return;
  state->last = now;
  progress = g_new0 (Progress, 1);
  progress->window = g_object_ref (g_task_get_source_object (state->task));
  progress->cancellable = g_object_ref (g_task_get_cancellable (state->task));
  progress->done = done;
  progress->total = total;
  g_main_context_invoke_full (g_task_get_context (state->task), G_PRIORITY_DEFAULT,
                              show_progress_cb, progress, (GDestroyNotify) progress_free);
}

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  ProgressState state = { task, 0 };
  GlossAgreement *agreement;

  /* One connection per thread: a project of our own on the same file. */
  project = gloss_project_open (job->path, &error);
  if (project == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* the report shows the project's figures: no document's are kept, so
   * memory stays flat however many documents there are */
  agreement = gloss_agreement_compute_full (project, job->documents,
                                            (const char * const *) job->annotators,
                                            (const char * const *) job->labels, FALSE,
                                            progress_cb, &state, cancellable, &error);
  if (agreement == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, agreement, (GDestroyNotify) gloss_agreement_free);
}

static void
compute_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GlossAgreementWindow *self = GLOSS_AGREEMENT_WINDOW (object);
  g_autoptr(GError) error = NULL;
  GlossAgreement *agreement;

  agreement = g_task_propagate_pointer (G_TASK (result), &error);

  /* A newer computation may have replaced this one, or the window closed. */
  if (self->cancellable == NULL || g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    {
      g_clear_pointer (&agreement, gloss_agreement_free);
      return;
    }

  if (agreement == NULL)
    {
      g_clear_object (&self->cancellable);
      set_busy (self, FALSE);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* the figures shown, if any, are the last finished computation's */
          self->cancelled = TRUE;
          if (self->agreement != NULL)
            gtk_label_set_label (self->summary_label,
                                 _("Cancelled. The figures are those of the last "
                                   "computation that finished."));
          else
            update_summary (self);
        }
      else
        gtk_label_set_label (self->summary_label, error->message);
      return;
    }

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->agreement, gloss_agreement_free);
  self->agreement = agreement;

  if (!self->selectors_filled)
    {
      self->selectors_filled = TRUE;
      fill_checks (self, self->annotators_box, agreement->annotators);
      fill_checks (self, self->labels_box, agreement->labels);
    }

  fill_rows (self);
  fill_confusion_pairs (self);
  update_summary (self);
  update_chart (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->csv_button), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->png_button), TRUE);
  set_busy (self, FALSE);
}

static void
compute (GlossAgreementWindow *self)
{
  g_autoptr(GTask) task = NULL;
  Job *job = g_new0 (Job, 1);

  g_clear_handle_id (&self->recompute_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  job->path = g_strdup (gloss_project_get_path (self->project));
  if (self->document != NULL && gtk_check_button_get_active (self->this_document_check))
    {
      gint64 id = gloss_document_get_id (self->document);

      job->documents = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_val (job->documents, id);
    }
  if (self->selectors_filled)
    {
      job->annotators = checked_names (self->annotators_box);
      job->labels = checked_names (self->labels_box);
    }

  self->cancelled = FALSE;
  set_busy (self, TRUE);
  update_summary (self);

  task = g_task_new (self, self->cancellable, compute_done_cb, NULL);
  g_task_set_source_tag (task, compute);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, compute_thread);
}

static void
cancel_clicked_cb (GlossAgreementWindow *self)
{
  /* compute_done_cb says so when the thread has stopped */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  gtk_progress_bar_set_text (self->progress_bar, _("Cancelling…"));
}

static gboolean
recompute_cb (gpointer user_data)
{
  GlossAgreementWindow *self = user_data;

  self->recompute_id = 0;
  compute (self);
  return G_SOURCE_REMOVE;
}

static void
selectors_changed_cb (GlossAgreementWindow *self)
{
  g_clear_handle_id (&self->recompute_id, g_source_remove);
  self->recompute_id = g_timeout_add (RECOMPUTE_DELAY_MS, recompute_cb, self);
}

/* ---- the table ----------------------------------------------------------- */

enum
{
  TEXT_LABEL = GLOSS_AGREEMENT_N_COLUMNS,
  TEXT_PAIR,
  TEXT_COUNTS,
};

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column < GLOSS_AGREEMENT_N_COLUMNS ? 1.0 : 0.0);
  /* Names may be cut; figures never are. */
  if (column == TEXT_LABEL || column == TEXT_PAIR)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column < GLOSS_AGREEMENT_N_COLUMNS || column == TEXT_COUNTS)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  GlossAgreementRow *row = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  g_autofree char *text = NULL;

  switch (column)
    {
    case TEXT_LABEL:
      text = row->label != NULL ? g_markup_escape_text (row->label, -1)
                                : g_strdup_printf ("<b>%s</b>", _("All labels"));
      gtk_label_set_markup (label, text);
      return;
    case TEXT_PAIR:
      /* Translators: a pair of annotators */
      text = g_strdup_printf (_("%s – %s"), row->annotator_a, row->annotator_b);
      break;
    case TEXT_COUNTS:
      text = g_strdup_printf ("%u / %u", row->n_a, row->n_b);
      break;
    default:
      text = format_value (row->values[column]);
      break;
    }
  gtk_label_set_label (label, text);
}

/* Undefined values sort after every number, so that ascending order
 * starts at the worst agreement. */
static int
compare_values (double a,
                double b)
{
  if (isnan (a) || isnan (b))
    return isnan (a) - isnan (b);
  return (a > b) - (a < b);
}

static int
compare_names (const char *a,
               const char *b)
{
  if (a == NULL || b == NULL)
    return (a != NULL) - (b != NULL);
  return g_utf8_collate (a, b);
}

/* The rows of one column of the table, as the header sorts them: numbers
 * as numbers, names by name ("All labels", a NULL label, first). */
static int
compare_rows_cb (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const GlossAgreementRow *ra = a, *rb = b;
  guint                    column = GPOINTER_TO_UINT (user_data);
  int                      result;

  switch (column)
    {
    case TEXT_LABEL:
      return compare_names (ra->label, rb->label);
    case TEXT_PAIR:
      result = compare_names (ra->annotator_a, rb->annotator_a);
      return result != 0 ? result : compare_names (ra->annotator_b, rb->annotator_b);
    case TEXT_COUNTS:
      return compare_values ((double) ra->n_a + ra->n_b,
                             (double) rb->n_a + rb->n_b);
    default:
      return compare_values (ra->values[column], rb->values[column]);
    }
}

static void
add_column (GlossAgreementWindow *self,
            const char           *title,
            guint                 column,
            gboolean              expand)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) view_column = NULL;
  g_autoptr(GtkSorter) sorter = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GUINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GUINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, g_object_ref (factory));
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_rows_cb, GUINT_TO_POINTER (column), NULL));
  gtk_column_view_column_set_sorter (view_column, sorter);
  gtk_column_view_append_column (self->table, view_column);
}

/* ---- exports ------------------------------------------------------------- */

static void
save_response_cb (GtkNativeDialog      *dialog,
                  int                   response,
                  GlossAgreementWindow *self)
{
  gboolean png = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "gloss-png"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GError) error = NULL;
      gboolean ok = png ? gloss_agreement_window_save_png (self, file, &error)
                        : gloss_agreement_window_save_csv (self, file, &error);

      if (!ok)
        {
          GtkWidget *message;

          message = gtk_message_dialog_new (GTK_WINDOW (self),
                                            GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                            GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE, "%s",
                                            _("Could not export"));
          gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (message), "%s",
                                                    error->message);
          g_signal_connect (message, "response", G_CALLBACK (gtk_window_destroy), NULL);
          gtk_window_present (GTK_WINDOW (message));
        }
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
export (GlossAgreementWindow *self,
        gboolean              png)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (png ? _("Export Chart") : _("Export Table"),
                                         GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), NULL);
  gtk_file_filter_set_name (filter, png ? _("PNG images") : _("CSV files"));
  gtk_file_filter_add_pattern (filter, png ? "*.png" : "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser),
                                     png ? "agreement.png" : "agreement.csv");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data (G_OBJECT (chooser), "gloss-png", GINT_TO_POINTER (png));
  g_signal_connect_object (chooser, "response", G_CALLBACK (save_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_csv_clicked_cb (GlossAgreementWindow *self)
{
  export (self, FALSE);
}

static void
export_png_clicked_cb (GlossAgreementWindow *self)
{
  export (self, TRUE);
}

static void
append_csv_field (GString    *out,
                  const char *field)
{
  if (field != NULL && strpbrk (field, ",\"\n\r") != NULL)
    {
      g_autoptr(GString) quoted = g_string_new (field);

      g_string_replace (quoted, "\"", "\"\"", 0);
      g_string_append_printf (out, "\"%s\"", quoted->str);
    }
  else if (field != NULL)
    g_string_append (out, field);
}

/* ---- vfuncs ------------------------------------------------------------ */

static void
gloss_agreement_window_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  GlossAgreementWindow *self = GLOSS_AGREEMENT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_agreement_window_dispose (GObject *object)
{
  GlossAgreementWindow *self = GLOSS_AGREEMENT_WINDOW (object);

  g_clear_handle_id (&self->recompute_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_AGREEMENT_WINDOW);

  g_clear_object (&self->rows);
  g_clear_object (&self->project);
  g_clear_object (&self->document);
  g_clear_pointer (&self->agreement, gloss_agreement_free);
  g_clear_pointer (&self->label_colors, g_hash_table_unref);

  G_OBJECT_CLASS (gloss_agreement_window_parent_class)->dispose (object);
}

static void
gloss_agreement_window_class_init (GlossAgreementWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_agreement_window_dispose;
  object_class->get_property = gloss_agreement_window_get_property;

  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/gloss-agreement-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, all_documents_check);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, annotators_box);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, chart);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, confusion_caption);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, confusion_grid);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow,
                                        confusion_pair_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, csv_button);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, labels_box);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, png_button);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, progress_box);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, table);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, this_document_check);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, view_stack);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_csv_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_png_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, selectors_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, table_activate_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
gloss_agreement_window_init (GlossAgreementWindow *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;
  GtkSortListModel *sorted;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_list_store_new (GLOSS_TYPE_AGREEMENT_ROW);
  self->label_colors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) gdk_rgba_free);
  /* The headers sort: the column view's sorter follows the clicked one. */
  sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->rows)),
                                    g_object_ref (gtk_column_view_get_sorter (self->table)));
  selection = gtk_no_selection_new (G_LIST_MODEL (sorted));
  gtk_column_view_set_model (self->table, GTK_SELECTION_MODEL (selection));

  add_column (self, _("Label"), TEXT_LABEL, TRUE);
  add_column (self, _("Pair"), TEXT_PAIR, TRUE);
  add_column (self, _("Spans"), TEXT_COUNTS, FALSE);
  add_column (self, _("Precision"), GLOSS_AGREEMENT_COLUMN_EXACT_PRECISION, FALSE);
  add_column (self, _("Recall"), GLOSS_AGREEMENT_COLUMN_EXACT_RECALL, FALSE);
  add_column (self, _("F1"), GLOSS_AGREEMENT_COLUMN_EXACT_F1, FALSE);
  add_column (self, _("Overlap F1"), GLOSS_AGREEMENT_COLUMN_OVERLAP_F1, FALSE);
  add_column (self, _("κ"), GLOSS_AGREEMENT_COLUMN_KAPPA, FALSE);

  gtk_drawing_area_set_draw_func (self->chart, draw_chart_cb, self, NULL);
  g_signal_connect_object (self->confusion_pair_dropdown, "notify::selected",
                           G_CALLBACK (update_confusion), self, G_CONNECT_SWAPPED);
  _gloss_teams_ensure_css ();
}

/* ---- public API -------------------------------------------------------- */

GtkWidget *
gloss_agreement_window_new (GtkWindow     *parent,
                            GlossProject  *project,
                            GlossDocument *document)
{
  GlossAgreementWindow *self;
  GListModel *labels;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (GLOSS_IS_PROJECT (project), NULL);
  g_return_val_if_fail (document == NULL || GLOSS_IS_DOCUMENT (document), NULL);

  self = g_object_new (GLOSS_TYPE_AGREEMENT_WINDOW, "transient-for", parent,
                       "destroy-with-parent", TRUE, NULL);
  self->project = g_object_ref (project);
  g_set_object (&self->document, document);

  labels = gloss_schema_get_labels (gloss_project_get_schema (project));
  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (labels, i);
      GdkRGBA color;

      if (gdk_rgba_parse (&color, gloss_label_get_color (label)))
        g_hash_table_insert (self->label_colors, g_strdup (gloss_label_get_name (label)),
                             gdk_rgba_copy (&color));
    }

  if (document == NULL)
    gtk_widget_set_sensitive (GTK_WIDGET (self->this_document_check), FALSE);
  else
    {
      g_autoptr(GString) name = g_string_new (gloss_document_get_name (document));
      g_autofree char *text = NULL;

      /* The label keeps its mnemonic; the name's underscores are not one. */
      g_string_replace (name, "_", "__", 0);
      text = g_strdup_printf (_("_This document (%s)"), name->str);

      gtk_check_button_set_label (self->this_document_check, text);
    }

  compute (self);

  return GTK_WIDGET (self);
}

gboolean
gloss_agreement_window_get_busy (GlossAgreementWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_AGREEMENT_WINDOW (self), FALSE);
  return self->busy;
}

GlossAgreement *
gloss_agreement_window_get_agreement (GlossAgreementWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_AGREEMENT_WINDOW (self), NULL);
  return self->agreement;
}

GListModel *
gloss_agreement_window_get_rows (GlossAgreementWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_AGREEMENT_WINDOW (self), NULL);
  return G_LIST_MODEL (self->rows);
}

void
gloss_agreement_window_set_all_documents (GlossAgreementWindow *self,
                                          gboolean              all)
{
  g_return_if_fail (GLOSS_IS_AGREEMENT_WINDOW (self));

  if (all || self->document == NULL)
    gtk_check_button_set_active (self->all_documents_check, TRUE);
  else
    gtk_check_button_set_active (self->this_document_check, TRUE);
  compute (self);
}

static void
append_csv_number (GString *out,
                   double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_c (out, ',');
  if (!isnan (value))
    g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.6f", value));
}

static void
append_csv_names (GString    *out,
                  const char *label,
                  const char *a,
                  const char *b)
{
  append_csv_field (out, label);
  g_string_append_c (out, ',');
  append_csv_field (out, a);
  g_string_append_c (out, ',');
  append_csv_field (out, b);
}

/* The claim columns: counts and agreements, pair by pair or pooled. */
static void
append_csv_claims (GString *out,
                   guint    matched,
                   guint    attributed,
                   guint    attribution_agreed,
                   guint    certainty_agreed,
                   double   certainty_kappa)
{
  g_string_append_printf (out, ",%u,%u,%u", matched, attributed, attribution_agreed);
  append_csv_number (out, attributed > 0 ? (double) attribution_agreed / attributed : NAN);
  g_string_append_printf (out, ",%u", certainty_agreed);
  append_csv_number (out, matched > 0 ? (double) certainty_agreed / matched : NAN);
  append_csv_number (out, certainty_kappa);
}

char *
gloss_agreement_window_dup_csv (GlossAgreementWindow *self)
{
  static const char *header =
    "label,annotator_a,annotator_b,n_a,n_b,exact_precision,exact_recall,exact_f1,overlap_f1,"
    "kappa,documents,tokens,claims_matched,claims_attributed,attribution_agreed,"
    "attribution_agreement,certainty_agreed,certainty_agreement,certainty_kappa,alpha\r\n";
  GString        *out;
  GlossAgreement *ag;
  GPtrArray      *pairs;
  guint           matched = 0, attributed = 0, attribution_agreed = 0, certainty_agreed = 0;

  g_return_val_if_fail (GLOSS_IS_AGREEMENT_WINDOW (self), NULL);

  out = g_string_new (header);
  ag = self->agreement;
  if (ag == NULL)
    return g_string_free (out, FALSE);
  pairs = ag->project->pairs;

  /* Each pair: all labels (with the pair's κ, tokens and claims), then
   * each label, as the table shows them. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->rows)); i++)
    {
      g_autoptr(GlossAgreementRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);
      GlossPairScores *pair = NULL;

      for (guint p = 0; p < pairs->len && pair == NULL; p++)
        if (g_strcmp0 (((GlossPairScores *) pairs->pdata[p])->annotator_a, row->annotator_a) == 0 &&
            g_strcmp0 (((GlossPairScores *) pairs->pdata[p])->annotator_b, row->annotator_b) == 0)
          pair = pairs->pdata[p];
      if (pair == NULL)
        continue;

      append_csv_names (out, row->label != NULL ? row->label : "*", row->annotator_a,
                        row->annotator_b);
      g_string_append_printf (out, ",%u,%u", row->n_a, row->n_b);
      for (guint c = 0; c < GLOSS_AGREEMENT_N_COLUMNS; c++)
        append_csv_number (out, row->values[c]);
      if (row->label == NULL)
        {
          g_string_append_printf (out, ",%u,%u", pair->n_documents, pair->n_tokens);
          append_csv_claims (out, pair->claims_matched, pair->claims_attributed,
                             pair->attribution_agreed, pair->certainty_agreed,
                             pair->certainty_kappa);
          g_string_append (out, ",\r\n");
        }
      else
        g_string_append (out, ",,,,,,,,,,\r\n");
    }

  /* Every pair pooled ("*" for both annotators): F1 per label as the chart
   * shows it, and for all labels the figures of the summary: α, tokens and
   * the claims over all pairs. */
  for (guint l = 0; l <= ag->labels->len; l++)
    {
      const char *label = l < ag->labels->len ? ag->labels->pdata[l] : NULL;
      guint       n_a = 0, n_b = 0, exact = 0, overlap = 0;

      for (guint p = 0; p < pairs->len; p++)
        {
          GlossPairScores *pair = pairs->pdata[p];
          GlossSpanScores *scores = label != NULL ? pair->labels->pdata[l] : pair->all;

          n_a += scores->n_a;
          n_b += scores->n_b;
          exact += scores->exact_matches;
          overlap += scores->overlap_matches;
        }
      append_csv_names (out, label != NULL ? label : "*", "*", "*");
      g_string_append_printf (out, ",%u,%u", n_a, n_b);
      append_csv_number (out, n_b > 0 ? (double) exact / n_b : NAN);
      append_csv_number (out, n_a > 0 ? (double) exact / n_a : NAN);
      append_csv_number (out, gloss_agreement_f1 (exact, n_a, n_b));
      append_csv_number (out, gloss_agreement_f1 (overlap, n_a, n_b));
      g_string_append_c (out, ',');
      if (label != NULL)
        {
          g_string_append (out, ",,,,,,,,,,\r\n");
          continue;
        }
      for (guint p = 0; p < pairs->len; p++)
        {
          GlossPairScores *pair = pairs->pdata[p];

          matched += pair->claims_matched;
          attributed += pair->claims_attributed;
          attribution_agreed += pair->attribution_agreed;
          certainty_agreed += pair->certainty_agreed;
        }
      g_string_append_printf (out, ",%u,%u", ag->n_documents, ag->project->n_tokens);
      append_csv_claims (out, matched, attributed, attribution_agreed, certainty_agreed, NAN);
      append_csv_number (out, ag->project->alpha);
      g_string_append (out, "\r\n");
    }

  return g_string_free (out, FALSE);
}

gboolean
gloss_agreement_window_save_csv (GlossAgreementWindow  *self,
                                 GFile                 *file,
                                 GError               **error)
{
  g_autofree char *csv = NULL;

  g_return_val_if_fail (GLOSS_IS_AGREEMENT_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  csv = gloss_agreement_window_dup_csv (self);
  return g_file_replace_contents (file, csv, strlen (csv), NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}

static char *
join_names (GPtrArray *names)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? ", " : "", (const char *) names->pdata[i]);
  return g_string_free (out, FALSE);
}

/* The header of the exported chart: a title, the scope and α. */
static PangoLayout *
png_header (GlossAgreementWindow *self,
            PangoContext         *context,
            int                   width,
            PangoLayout         **title_out)
{
  GlossAgreement *ag = self->agreement;
  g_autoptr(PangoLayout) title = pango_layout_new (context);
  PangoLayout     *scope = pango_layout_new (context);
  g_autofree char *project = gloss_project_dup_title (self->project);
  g_autofree char *heading = NULL;
  g_autofree char *annotators = NULL;
  g_autofree char *labels = NULL;
  g_autofree char *alpha = format_value (ag->project->alpha);
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_documents = ag->n_documents;

  /* Translators: the title of the exported chart; %s is the project */
  heading = g_strdup_printf (_("%s — Agreement"), project);
  set_weight (title, PANGO_WEIGHT_BOLD, 1.4);
  pango_layout_set_text (title, heading, -1);
  pango_layout_set_width (title, width * PANGO_SCALE);
  pango_layout_set_wrap (title, PANGO_WRAP_WORD_CHAR);

  annotators = join_names (ag->annotators);
  labels = join_names (ag->labels);

  if (n_documents == 1 && self->document != NULL &&
      gtk_check_button_get_active (self->this_document_check))
    g_string_append_printf (text, _("Document: %s"), gloss_document_get_name (self->document));
  else
    g_string_append_printf (text, ngettext ("%u document", "%u documents", n_documents),
                            n_documents);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Annotators: %s"), annotators);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Labels: %s"), labels);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Krippendorff’s α %s over %u tokens"), alpha,
                                   ag->project->n_tokens);
  pango_layout_set_text (scope, text->str, -1);
  pango_layout_set_width (scope, width * PANGO_SCALE);
  pango_layout_set_wrap (scope, PANGO_WRAP_WORD_CHAR);

  *title_out = g_steal_pointer (&title);
  return scope;
}

/* The chart as a PNG: drawn again on an image of its own, always in the
 * light style (dark text on white, whatever the app's style), under a
 * header that says what it shows. */
gboolean
gloss_agreement_window_save_png (GlossAgreementWindow  *self,
                                 GFile                 *file,
                                 GError               **error)
{
  static const GdkRGBA ink = { 0.12, 0.12, 0.13, 1.0 };
  static const GdkRGBA muted = { 0.36, 0.36, 0.38, 1.0 };
  PangoContext *context;
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) scope = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  PangoFontMap    *font_map;
  cairo_surface_t *surface;
  cairo_t         *cr;
  int              chart_width, chart_height, width, height, title_height, scope_height, header;

  g_return_val_if_fail (GLOSS_IS_AGREEMENT_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->agreement == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("There is no result to export yet"));
      return FALSE;
    }

  /* The widget's font, not its colours. */
  font_map = pango_cairo_font_map_get_default ();
  context = pango_font_map_create_context (font_map);
  pango_context_set_font_description (
    context, pango_context_get_font_description (gtk_widget_get_pango_context (
               GTK_WIDGET (self->chart))));

  chart_size (self, &chart_width, &chart_height);
  width = MAX (chart_width, 520);
  title = NULL;
  scope = png_header (self, context, width - 2 * CHART_MARGIN, &title);
  pango_layout_get_pixel_size (title, NULL, &title_height);
  pango_layout_get_pixel_size (scope, NULL, &scope_height);
  header = CHART_MARGIN + title_height + 4 + scope_height + 8;
  height = header + chart_height;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  gdk_cairo_set_source_rgba (cr, &ink);
  cairo_move_to (cr, CHART_MARGIN, CHART_MARGIN);
  pango_cairo_show_layout (cr, title);
  gdk_cairo_set_source_rgba (cr, &muted);
  cairo_move_to (cr, CHART_MARGIN, CHART_MARGIN + title_height + 4);
  pango_cairo_show_layout (cr, scope);
  cairo_set_source_rgba (cr, ink.red, ink.green, ink.blue, 0.15);
  cairo_rectangle (cr, CHART_MARGIN, header - 4, width - 2 * CHART_MARGIN, 1);
  cairo_fill (cr);

  cairo_translate (cr, 0, header);
  draw_chart (self, cr, context, &ink, chart_width, chart_height);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  {
    g_autoptr(GBytes) pixels = g_bytes_new_with_free_func (
      cairo_image_surface_get_data (surface),
      (gsize) cairo_image_surface_get_stride (surface) * height,
      (GDestroyNotify) cairo_surface_destroy, surface);

    texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, pixels,
                                      cairo_image_surface_get_stride (surface));
  }
  g_object_unref (context);
  bytes = gdk_texture_save_to_png_bytes (texture);
  return g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL,
                                  error);
}
