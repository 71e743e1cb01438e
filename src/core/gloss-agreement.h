/* gloss-agreement.h: inter-annotator agreement
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gloss-types.h"

G_BEGIN_DECLS

/* ---- the pure statistics, on plain arrays (categories are small
 * non-negative integers; a negative value is missing data) */

/* Cohen's kappa of two raters over @n items: (p_o - p_e) / (1 - p_e).
 * NaN when it is undefined (no items, or p_e = 1). Items where either value
 * is negative are skipped. */
double gloss_agreement_cohen_kappa       (const int *a,
                                          const int *b,
                                          gsize      n);
/* Krippendorff's alpha for nominal data: @values holds @n_units rows of
 * @n_coders values (values[u * n_coders + c]), negative = missing. Units
 * with fewer than two values are not pairable and ignored. NaN when
 * undefined (fewer than two pairable values, or a single category). */
double gloss_agreement_krippendorff_alpha (const int *values,
                                           gsize      n_units,
                                           gsize      n_coders);
/* F1 from matches and the two counts: 2m / (n_a + n_b); NaN for 0 / 0. */
double gloss_agreement_f1                (guint      matches,
                                          guint      n_a,
                                          guint      n_b);

/* The tokens agreement counts over: maximal runs of letters and digits, and
 * every other non-space character alone. Returns an array of GlossFragment
 * (code point offsets into @text). */
GArray *gloss_agreement_tokenize         (const char *text);

/* ---- agreement over a project */

/* Span scores of one label (or of all labels, label NULL) for one pair of
 * annotators; A is the reference and B the prediction: precision =
 * matches / n_b, recall = matches / n_a. Exact: same label and same
 * fragments. Overlap: same label and overlapping fragments, matched one to
 * one greedily (largest overlap first). Undefined values are NaN. */
typedef struct
{
  char   *label;
  guint   n_a;
  guint   n_b;
  guint   exact_matches;
  double  exact_precision;
  double  exact_recall;
  double  exact_f1;
  guint   overlap_matches;
  double  overlap_precision;
  double  overlap_recall;
  double  overlap_f1;
} GlossSpanScores;

/* One pair of annotators over the documents both annotated. Tokens carry
 * the label of the shortest annotation covering them (ties: the smaller
 * label name), "O" when none. Claims: CLAIM annotations matched exactly;
 * attribution agrees when the sets of exact spans their "attributed-to"
 * relations point to are equal, counted over the matched claims that at
 * least one of the two attributed; certainty compares the "certainty"
 * attribute (unset is a value of its own). */
typedef struct
{
  char            *annotator_a;
  char            *annotator_b;
  guint            n_documents;
  GPtrArray       *labels;            /* GlossSpanScores, one per label */
  GlossSpanScores *all;               /* all labels together (micro) */
  guint            n_tokens;
  double           kappa;
  guint            claims_matched;
  guint            claims_attributed;
  guint            attribution_agreed;
  double           attribution_agreement;
  guint            certainty_agreed;
  double           certainty_agreement;
  double           certainty_kappa;
  guint           *confusion; /* see GlossConfusion; (labels + 1)², a's label a row */
} GlossPairScores;

/* Scores of one document, or of the whole project (document NULL). Alpha
 * is over the tokens of the documents, with every annotator who annotated
 * a document (an annotation or a status row) as a coder of its tokens and
 * the others missing. */
typedef struct
{
  char      *document;
  gint64     document_id;
  GPtrArray *pairs;                   /* GlossPairScores, pairs in annotator order */
  guint      n_tokens;
  guint      n_coders;
  double     alpha;
} GlossAgreementScores;

typedef struct
{
  GPtrArray            *annotators;   /* char *, sorted */
  GPtrArray            *labels;       /* char *, sorted */
  GlossAgreementScores *project;
  GPtrArray            *documents;    /* GlossAgreementScores, in document order */
  guint                 n_documents;  /* computed over, also when not kept */
} GlossAgreement;

/* @documents: document ids (gint64) or NULL for all; @annotators: NULL for
 * every annotator present except GLOSS_GOLD_ANNOTATOR; @labels: NULL for all
 * labels (annotations of other labels are then ignored everywhere). */
GlossAgreement *gloss_agreement_compute  (GlossProject        *project,
                                          GArray              *documents,
                                          const char * const  *annotators,
                                          const char * const  *labels,
                                          GCancellable        *cancellable,
                                          GError             **error);
/* Called with how many of the @total documents are done, on the thread
 * that computes, after each document. */
typedef void (*GlossAgreementProgressFunc) (guint    done,
                                            guint    total,
                                            gpointer user_data);

/* As gloss_agreement_compute, streaming: documents are read one at a time
 * (on two threads where two cores and a project file allow), and only
 * counts are kept for the project's figures. @keep_documents FALSE leaves
 * the agreement's documents empty, so that memory does not grow with the
 * project. @progress (or NULL) is called after each document. */
GlossAgreement *gloss_agreement_compute_full (GlossProject               *project,
                                              GArray                     *documents,
                                              const char * const         *annotators,
                                              const char * const         *labels,
                                              gboolean                    keep_documents,
                                              GlossAgreementProgressFunc  progress,
                                              gpointer                    user_data,
                                              GCancellable               *cancellable,
                                              GError                    **error);
void            gloss_agreement_free     (GlossAgreement      *agreement);
/* Pretty-printed JSON; NaN becomes null. The documents come before the
 * project, as gloss_agreement_write_json streams them. */
char           *gloss_agreement_to_json  (GlossAgreement      *agreement);
/* Computes the agreement as gloss_agreement_compute does and writes the
 * JSON of gloss_agreement_to_json to @out as it goes, each document as soon
 * as it is done, without keeping the documents. */
gboolean        gloss_agreement_write_json (GlossProject       *project,
                                            GArray             *documents,
                                            const char        *const *annotators,
                                            const char        *const *labels,
                                            GOutputStream      *out,
                                            GCancellable       *cancellable,
                                            GError            **error);

/* The label confusion of a pair: each span (its fragments, exactly) that
 * either annotator annotated counts once in the cell (label of A, label of
 * B), GLOSS_AGREEMENT_NONE when one of them did not annotate it. At a span,
 * the labels both gave are matched one to one first (as the exact-span F1
 * matches them), and what is left is paired in label order, the rest
 * against "(none)". So the diagonal holds the exact matches of each label,
 * row X adds up to n_a of X and column X to n_b of X. Documents and labels
 * are the pair's (the documents both annotated, the labels chosen). */
#define GLOSS_AGREEMENT_NONE "(none)"

typedef struct
{
  GPtrArray *labels; /* char *: the agreement's labels, then "(none)" */
  guint     *counts; /* [row * labels->len + column] */
  guint      total;
} GlossConfusion;

/* The confusion of @annotator_a (rows) and @annotator_b (columns) over
 * @scores (NULL: the whole project), either order of the pair; both NULL:
 * pooled over every pair, each in its order (first annotator the row).
 * NULL when there is no such pair. */
GlossConfusion *gloss_agreement_dup_confusion (GlossAgreement       *agreement,
                                               GlossAgreementScores *scores,
                                               const char           *annotator_a,
                                               const char           *annotator_b);
/* The count of a cell, by label names (GLOSS_AGREEMENT_NONE for none); 0
 * for a label not in the matrix. */
guint           gloss_confusion_get (GlossConfusion *confusion,
                                     const char     *label_a,
                                     const char     *label_b);
void            gloss_confusion_free (GlossConfusion *confusion);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossAgreement, gloss_agreement_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossConfusion, gloss_confusion_free)

G_END_DECLS
