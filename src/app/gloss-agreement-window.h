/* gloss-agreement-window.h: the inter-annotator agreement report (table and chart)
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gloss-agreement.h"
#include "gloss-project.h"

G_BEGIN_DECLS

/* One row of the table: a label (or all labels) for a pair of annotators. */
typedef enum
{
  GLOSS_AGREEMENT_COLUMN_EXACT_PRECISION,
  GLOSS_AGREEMENT_COLUMN_EXACT_RECALL,
  GLOSS_AGREEMENT_COLUMN_EXACT_F1,
  GLOSS_AGREEMENT_COLUMN_OVERLAP_F1,
  GLOSS_AGREEMENT_COLUMN_KAPPA,
  GLOSS_AGREEMENT_N_COLUMNS
} GlossAgreementColumn;

#define GLOSS_TYPE_AGREEMENT_ROW (gloss_agreement_row_get_type ())
G_DECLARE_FINAL_TYPE (GlossAgreementRow, gloss_agreement_row, GLOSS, AGREEMENT_ROW, GObject)

/* NULL label: all labels together. */
const char     *gloss_agreement_row_get_label         (GlossAgreementRow    *self);
const char     *gloss_agreement_row_get_annotator_a   (GlossAgreementRow    *self);
const char     *gloss_agreement_row_get_annotator_b   (GlossAgreementRow    *self);
/* NaN when undefined or not applicable. */
double          gloss_agreement_row_get_value         (GlossAgreementRow    *self,
                                                       GlossAgreementColumn  column);

#define GLOSS_TYPE_AGREEMENT_WINDOW (gloss_agreement_window_get_type ())
G_DECLARE_FINAL_TYPE (GlossAgreementWindow, gloss_agreement_window, GLOSS, AGREEMENT_WINDOW,
                      GtkWindow)

/* The report computes on a worker thread with a project of its own opened
 * on @project's file. @document (may be NULL) is "this document". */
GtkWidget      *gloss_agreement_window_new            (GtkWindow            *parent,
                                                       GlossProject         *project,
                                                       GlossDocument        *document);
/* TRUE while a computation runs. Property "busy". */
gboolean        gloss_agreement_window_get_busy       (GlossAgreementWindow *self);
/* The last result, or NULL. */
GlossAgreement *gloss_agreement_window_get_agreement  (GlossAgreementWindow *self);
/* The table's rows (GlossAgreementRow). */
GListModel     *gloss_agreement_window_get_rows       (GlossAgreementWindow *self);
/* Scope: the current document only, or all documents; recomputes. */
void            gloss_agreement_window_set_all_documents (GlossAgreementWindow *self,
                                                          gboolean              all);
/* The figures as CSV: a row per pair and label as the table shows them
 * (a pair's "*" row with its documents, tokens, κ and claim figures), then
 * every pair pooled ("*" annotators) per label as the chart shows it, and
 * for all labels with α, the tokens and the claims of the summary. The
 * chart as PNG, always in the light style, under a title (the project and
 * "Agreement"), the scope (documents, annotators, labels) and α. */
char           *gloss_agreement_window_dup_csv        (GlossAgreementWindow *self);
gboolean        gloss_agreement_window_save_csv       (GlossAgreementWindow *self,
                                                       GFile                *file,
                                                       GError              **error);
gboolean        gloss_agreement_window_save_png       (GlossAgreementWindow *self,
                                                       GFile                *file,
                                                       GError              **error);

G_END_DECLS
