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
#define CHART_BAR_WIDTH   220
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

  /* template children */
  GtkCheckButton  *all_documents_check;
  GtkBox          *annotators_box;
  GtkDrawingArea  *chart;
  GtkButton       *csv_button;
  GtkBox          *labels_box;
  GtkButton       *png_button;
  GtkSpinner      *spinner;
  GtkLabel        *summary_label;
  GtkColumnView   *table;
  GtkCheckButton  *this_document_check;
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
      gtk_label_set_label (self->summary_label, self->busy ? _("Computing…") : "");
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
draw_chart_cb (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  GlossAgreementWindow *self = user_data;
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(PangoLayout) bold = NULL;
  PangoAttrList *attrs;
  GdkRGBA fg;
  GPtrArray *labels, *annotators;
  double x0, y0, map_x0;

  get_fg_color (GTK_WIDGET (area), &fg);
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), NULL);
  bold = gtk_widget_create_pango_layout (GTK_WIDGET (area), NULL);
  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (bold, attrs);
  pango_attr_list_unref (attrs);
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

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  GlossAgreement *agreement;

  /* One connection per thread: a project of our own on the same file. */
  project = gloss_project_open (job->path, &error);
  if (project == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  agreement = gloss_agreement_compute (project, job->documents,
                                       (const char * const *) job->annotators,
                                       (const char * const *) job->labels, cancellable, &error);
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

  set_busy (self, TRUE);
  update_summary (self);

  task = g_task_new (self, self->cancellable, compute_done_cb, NULL);
  g_task_set_source_tag (task, compute);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, compute_thread);
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

static void
add_column (GlossAgreementWindow *self,
            const char           *title,
            guint                 column,
            gboolean              expand)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) view_column = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GUINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GUINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, g_object_ref (factory));
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
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
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, chart);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, csv_button);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, labels_box);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, png_button);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, table);
  gtk_widget_class_bind_template_child (widget_class, GlossAgreementWindow, this_document_check);
  gtk_widget_class_bind_template_callback (widget_class, export_csv_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_png_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, selectors_changed_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
gloss_agreement_window_init (GlossAgreementWindow *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_list_store_new (GLOSS_TYPE_AGREEMENT_ROW);
  self->label_colors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) gdk_rgba_free);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
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

char *
gloss_agreement_window_dup_csv (GlossAgreementWindow *self)
{
  static const char *names[] = { "exact_precision", "exact_recall", "exact_f1", "overlap_f1",
                                 "kappa" };
  GString *out = g_string_new ("label,annotator_a,annotator_b,n_a,n_b");
  GListModel *rows = G_LIST_MODEL (self->rows);

  g_return_val_if_fail (GLOSS_IS_AGREEMENT_WINDOW (self), NULL);

  for (guint c = 0; c < GLOSS_AGREEMENT_N_COLUMNS; c++)
    g_string_append_printf (out, ",%s", names[c]);
  g_string_append (out, "\r\n");

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GlossAgreementRow) row = g_list_model_get_item (rows, i);

      append_csv_field (out, row->label != NULL ? row->label : "*");
      g_string_append_c (out, ',');
      append_csv_field (out, row->annotator_a);
      g_string_append_c (out, ',');
      append_csv_field (out, row->annotator_b);
      g_string_append_printf (out, ",%u,%u", row->n_a, row->n_b);
      for (guint c = 0; c < GLOSS_AGREEMENT_N_COLUMNS; c++)
        {
          char buffer[G_ASCII_DTOSTR_BUF_SIZE];

          g_string_append_c (out, ',');
          if (!isnan (row->values[c]))
            g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.6f",
                                                   row->values[c]));
        }
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

gboolean
gloss_agreement_window_save_png (GlossAgreementWindow  *self,
                                 GFile                 *file,
                                 GError               **error)
{
  GtkWidget *chart;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  int width, height;

  g_return_val_if_fail (GLOSS_IS_AGREEMENT_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  chart = GTK_WIDGET (self->chart);
  width = gtk_widget_get_width (chart);
  height = gtk_widget_get_height (chart);
  renderer = gtk_widget_get_native (chart) != NULL
               ? gtk_native_get_renderer (gtk_widget_get_native (chart)) : NULL;
  if (width <= 0 || height <= 0 || renderer == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("The chart is not shown, so it cannot be rendered"));
      return FALSE;
    }

  /* The window's background under the chart, so that the text stays
   * readable outside the app. */
  snapshot = gtk_snapshot_new ();
  {
    GdkRGBA fg, bg;

    get_fg_color (chart, &fg);
    /* light text: a dark background; dark text: a light one */
    if (fg.red + fg.green + fg.blue > 1.5)
      bg = (GdkRGBA) { 0.14, 0.14, 0.14, 1.0 };
    else
      bg = (GdkRGBA) { 1.0, 1.0, 1.0, 1.0 };
    gtk_snapshot_append_color (snapshot, &bg, &GRAPHENE_RECT_INIT (0, 0, width, height));
  }
  paintable = gtk_widget_paintable_new (chart);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Nothing to render"));
      return FALSE;
    }

  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  bytes = gdk_texture_save_to_png_bytes (texture);
  return g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL,
                                  error);
}
