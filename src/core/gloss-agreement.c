/* gloss-agreement.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "gloss-agreement.h"
#include "gloss-annotation.h"
#include "gloss-document.h"
#include "gloss-project.h"
#include "gloss-relation.h"
#include "gloss-store.h"
#include "gloss-util-private.h"

#define CLAIM_LABEL     "CLAIM"
#define ATTRIBUTED_TO   "attributed-to"
#define CERTAINTY       "certainty"

/* ---- pure statistics */

double
gloss_agreement_cohen_kappa (const int *a,
                             const int *b,
                             gsize      n)
{
  g_autoptr(GHashTable) count_a = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) count_b = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer k, v;
  gsize total = 0, agreed = 0;
  double po, pe = 0.0;

  for (gsize i = 0; i < n; i++)
    {
      if (a[i] < 0 || b[i] < 0)
        continue;
      total++;
      if (a[i] == b[i])
        agreed++;
      g_hash_table_insert (count_a, GINT_TO_POINTER (a[i] + 1),
                           GSIZE_TO_POINTER (GPOINTER_TO_SIZE (g_hash_table_lookup (count_a,
                                                               GINT_TO_POINTER (a[i] + 1))) + 1));
      g_hash_table_insert (count_b, GINT_TO_POINTER (b[i] + 1),
                           GSIZE_TO_POINTER (GPOINTER_TO_SIZE (g_hash_table_lookup (count_b,
                                                               GINT_TO_POINTER (b[i] + 1))) + 1));
    }
  if (total == 0)
    return NAN;
  po = (double) agreed / total;
  g_hash_table_iter_init (&iter, count_a);
  while (g_hash_table_iter_next (&iter, &k, &v))
    pe += ((double) GPOINTER_TO_SIZE (v) / total) *
          ((double) GPOINTER_TO_SIZE (g_hash_table_lookup (count_b, k)) / total);
  if (pe >= 1.0)
    return NAN;
  return (po - pe) / (1.0 - pe);
}

double
gloss_agreement_krippendorff_alpha (const int *values,
                                    gsize      n_units,
                                    gsize      n_coders)
{
  int max_value = -1;
  gsize n_cat;
  double *o, *n_c;
  double n = 0.0, disagree_o = 0.0, disagree_e = 0.0;
  double result;

  for (gsize i = 0; i < n_units * n_coders; i++)
    max_value = MAX (max_value, values[i]);
  if (max_value < 0)
    return NAN;
  n_cat = (gsize) max_value + 1;
  /* the coincidence matrix: o[c][k] = sum over units of the c-k pairs of
   * values within the unit, each weighted 1 / (m_u - 1) */
  o = g_new0 (double, n_cat * n_cat);
  n_c = g_new0 (double, n_cat);
  for (gsize u = 0; u < n_units; u++)
    {
      const int *row = values + u * n_coders;
      gsize m = 0;

      for (gsize c = 0; c < n_coders; c++)
        if (row[c] >= 0)
          m++;
      if (m < 2)
        continue;
      for (gsize i = 0; i < n_coders; i++)
        for (gsize j = 0; j < n_coders; j++)
          if (i != j && row[i] >= 0 && row[j] >= 0)
            o[row[i] * n_cat + row[j]] += 1.0 / (m - 1);
    }
  for (gsize c = 0; c < n_cat; c++)
    for (gsize k = 0; k < n_cat; k++)
      {
        n_c[c] += o[c * n_cat + k];
        if (c != k)
          disagree_o += o[c * n_cat + k];
      }
  for (gsize c = 0; c < n_cat; c++)
    n += n_c[c];
  for (gsize c = 0; c < n_cat; c++)
    for (gsize k = 0; k < n_cat; k++)
      if (c != k)
        disagree_e += n_c[c] * n_c[k];
  if (n < 2.0 || disagree_e <= 0.0)
    result = NAN;
  else
    result = 1.0 - (n - 1.0) * disagree_o / disagree_e;
  g_free (o);
  g_free (n_c);
  return result;
}

double
gloss_agreement_f1 (guint matches,
                    guint n_a,
                    guint n_b)
{
  if (n_a + n_b == 0)
    return NAN;
  return 2.0 * matches / (n_a + n_b);
}

static double
ratio (guint num,
       guint den)
{
  return den == 0 ? NAN : (double) num / den;
}

GArray *
gloss_agreement_tokenize (const char *text)
{
  GArray *tokens = g_array_new (FALSE, FALSE, sizeof (GlossFragment));
  guint offset = 0;
  gboolean in_word = FALSE;
  GlossFragment word = { 0, 0 };

  g_return_val_if_fail (text != NULL, tokens);

  for (const char *p = text; *p; p = g_utf8_next_char (p), offset++)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        {
          if (!in_word)
            {
              word.start = offset;
              in_word = TRUE;
            }
          continue;
        }
      if (in_word)
        {
          word.end = offset;
          g_array_append_val (tokens, word);
          in_word = FALSE;
        }
      if (!g_unichar_isspace (c))
        {
          GlossFragment t = { offset, offset + 1 };
          g_array_append_val (tokens, t);
        }
    }
  if (in_word)
    {
      word.end = offset;
      g_array_append_val (tokens, word);
    }
  return tokens;
}

/* ---- spans of one annotator in one document */

typedef struct
{
  char          *uuid;
  int            label;        /* index into the labels, from 1 */
  GlossFragment *frags;
  guint          n_frags;
  guint          length;       /* code points covered */
  char          *key;          /* label and fragments: identical spans, same key */
  char          *span_key;     /* fragments only */
  char          *certainty;    /* CLAIM certainty, NULL when unset */
  GPtrArray     *targets;      /* char *: span keys of attributed-to targets, sorted */
} Span;

static void
span_free (Span *s)
{
  g_free (s->uuid);
  g_free (s->frags);
  g_free (s->key);
  g_free (s->span_key);
  g_free (s->certainty);
  g_clear_pointer (&s->targets, g_ptr_array_unref);
  g_free (s);
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const Span *sa = *(Span * const *) a;
  const Span *sb = *(Span * const *) b;

  if (sa->frags[0].start != sb->frags[0].start)
    return sa->frags[0].start < sb->frags[0].start ? -1 : 1;
  if (sa->frags[sa->n_frags - 1].end != sb->frags[sb->n_frags - 1].end)
    return sa->frags[sa->n_frags - 1].end < sb->frags[sb->n_frags - 1].end ? -1 : 1;
  return strcmp (sa->uuid, sb->uuid);
}

typedef struct
{
  gint64      id;
  char       *name;
  GArray     *tokens;          /* GlossFragment */
  GHashTable *spans;           /* annotator -> GPtrArray of Span (sorted) */
  GHashTable *annotated;       /* annotators who annotated the document (set) */
} DocData;

static void
doc_data_free (DocData *d)
{
  g_free (d->name);
  g_clear_pointer (&d->tokens, g_array_unref);
  g_clear_pointer (&d->spans, g_hash_table_unref);
  g_clear_pointer (&d->annotated, g_hash_table_unref);
  g_free (d);
}

/* ---- accumulating one pair */

typedef struct
{
  guint n_a, n_b, exact, overlap;
} Counts;

typedef struct
{
  guint   n_labels;            /* including "O" at 0 */
  Counts *counts;              /* [n_labels], 0 unused */
  GArray *tok_a, *tok_b;       /* int */
  guint   n_documents;
  guint   claims_matched, claims_attributed, attribution_agreed, certainty_agreed;
  GArray *cert_a, *cert_b;     /* int */
  guint  *confusion;           /* [n_labels²]: labels 1… at 0…, "(none)" last */
} PairAccum;

static PairAccum *
pair_accum_new (guint n_labels)
{
  PairAccum *p = g_new0 (PairAccum, 1);

  p->n_labels = n_labels;
  p->counts = g_new0 (Counts, n_labels);
  p->tok_a = g_array_new (FALSE, FALSE, sizeof (int));
  p->tok_b = g_array_new (FALSE, FALSE, sizeof (int));
  p->cert_a = g_array_new (FALSE, FALSE, sizeof (int));
  p->cert_b = g_array_new (FALSE, FALSE, sizeof (int));
  p->confusion = g_new0 (guint, n_labels * n_labels);
  return p;
}

static void
pair_accum_free (PairAccum *p)
{
  g_free (p->counts);
  g_array_unref (p->tok_a);
  g_array_unref (p->tok_b);
  g_array_unref (p->cert_a);
  g_array_unref (p->cert_b);
  g_free (p->confusion);
  g_free (p);
}

typedef struct
{
  GPtrArray  *labels;          /* char *, index 0 = "O" */
  GHashTable *certainties;     /* char * -> index + 1 */
} Context;

static int
certainty_index (Context    *ctx,
                 const char *value)
{
  const char *key = value ? value : "";
  gpointer idx = g_hash_table_lookup (ctx->certainties, key);

  if (idx == NULL)
    {
      idx = GUINT_TO_POINTER (g_hash_table_size (ctx->certainties) + 1);
      g_hash_table_insert (ctx->certainties, g_strdup (key), idx);
    }
  return GPOINTER_TO_INT (idx) - 1;
}

static guint
overlap_length (Span *a,
                Span *b)
{
  guint total = 0;

  for (guint i = 0; i < a->n_frags; i++)
    for (guint j = 0; j < b->n_frags; j++)
      {
        guint s = MAX (a->frags[i].start, b->frags[j].start);
        guint e = MIN (a->frags[i].end, b->frags[j].end);
        if (s < e)
          total += e - s;
      }
  return total;
}

typedef struct
{
  guint i, j, overlap;
} Candidate;

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *ca = a, *cb = b;

  if (ca->overlap != cb->overlap)
    return ca->overlap > cb->overlap ? -1 : 1;
  if (ca->i != cb->i)
    return ca->i < cb->i ? -1 : 1;
  return ca->j < cb->j ? -1 : ca->j > cb->j;
}

/* Spans of one label, in document order. */
static GPtrArray *
spans_of_label (GPtrArray *spans,
                int        label)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; spans != NULL && i < spans->len; i++)
    if (((Span *) g_ptr_array_index (spans, i))->label == label)
      g_ptr_array_add (out, g_ptr_array_index (spans, i));
  return out;
}

static gboolean
same_targets (Span *a,
              Span *b)
{
  if (a->targets->len != b->targets->len)
    return FALSE;
  for (guint i = 0; i < a->targets->len; i++)
    if (strcmp (g_ptr_array_index (a->targets, i), g_ptr_array_index (b->targets, i)) != 0)
      return FALSE;
  return TRUE;
}

static void
match_label (Context   *ctx,
             PairAccum *acc,
             int        label,
             GPtrArray *all_a,
             GPtrArray *all_b)
{
  g_autoptr(GPtrArray) a = spans_of_label (all_a, label);
  g_autoptr(GPtrArray) b = spans_of_label (all_b, label);
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                        (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  gboolean *used_a = g_new0 (gboolean, a->len + 1);
  gboolean *used_b = g_new0 (gboolean, b->len + 1);
  gboolean is_claim = strcmp (g_ptr_array_index (ctx->labels, label), CLAIM_LABEL) == 0;
  Counts *counts = &acc->counts[label];

  counts->n_a += a->len;
  counts->n_b += b->len;

  /* exact: identical fragments, one to one, in document order */
  for (guint i = 0; i < a->len; i++)
    {
      Span *s = g_ptr_array_index (a, i);
      GPtrArray *list = g_hash_table_lookup (by_key, s->key);

      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (by_key, s->key, list);
        }
      g_ptr_array_add (list, s);
    }
  for (guint j = 0; j < b->len; j++)
    {
      Span *sb = g_ptr_array_index (b, j);
      GPtrArray *list = g_hash_table_lookup (by_key, sb->key);
      Span *sa;

      if (list == NULL || list->len == 0)
        continue;
      sa = g_ptr_array_steal_index (list, 0);
      counts->exact++;
      if (is_claim)
        {
          int ca = certainty_index (ctx, sa->certainty);
          int cb = certainty_index (ctx, sb->certainty);

          acc->claims_matched++;
          if (sa->targets->len > 0 || sb->targets->len > 0)
            {
              acc->claims_attributed++;
              if (same_targets (sa, sb))
                acc->attribution_agreed++;
            }
          if (ca == cb)
            acc->certainty_agreed++;
          g_array_append_val (acc->cert_a, ca);
          g_array_append_val (acc->cert_b, cb);
        }
    }

  /* overlap: greedy one to one, largest overlap first */
  for (guint i = 0; i < a->len; i++)
    {
      Span *sa = g_ptr_array_index (a, i);
      guint a_end = sa->frags[sa->n_frags - 1].end;

      for (guint j = 0; j < b->len; j++)
        {
          Span *sb = g_ptr_array_index (b, j);
          Candidate c = { i, j, 0 };

          if (sb->frags[0].start >= a_end)
            break;
          c.overlap = overlap_length (sa, sb);
          if (c.overlap > 0)
            g_array_append_val (candidates, c);
        }
    }
  g_array_sort (candidates, compare_candidates);
  for (guint k = 0; k < candidates->len; k++)
    {
      Candidate *c = &g_array_index (candidates, Candidate, k);

      if (used_a[c->i] || used_b[c->j])
        continue;
      used_a[c->i] = used_b[c->j] = TRUE;
      counts->overlap++;
    }
  g_free (used_a);
  g_free (used_b);
}

static int
compare_ints (gconstpointer a,
              gconstpointer b)
{
  int ia = *(const int *) a, ib = *(const int *) b;

  return (ia > ib) - (ia < ib);
}

/* The labels A and B gave one span (its fragments). */
typedef struct
{
  GArray *a, *b; /* int: label indexes */
} SpanLabels;

static void
span_labels_free (SpanLabels *l)
{
  g_array_unref (l->a);
  g_array_unref (l->b);
  g_free (l);
}

static void
add_span_labels (GHashTable *by_span,
                 GPtrArray  *spans,
                 gboolean    first)
{
  for (guint i = 0; spans != NULL && i < spans->len; i++)
    {
      Span       *span = g_ptr_array_index (spans, i);
      SpanLabels *l = g_hash_table_lookup (by_span, span->span_key);

      if (l == NULL)
        {
          l = g_new0 (SpanLabels, 1);
          l->a = g_array_new (FALSE, FALSE, sizeof (int));
          l->b = g_array_new (FALSE, FALSE, sizeof (int));
          g_hash_table_insert (by_span, span->span_key, l);
        }
      g_array_append_val (first ? l->a : l->b, span->label);
    }
}

/* The label confusion of one document: per span, the labels both gave
 * match one to one (the exact matches), the rest pair in label order and
 * what is left over goes against "(none)" (index n_labels - 1; the label
 * indexes from 1 move down by one). */
static void
confuse_spans (PairAccum *acc,
               GPtrArray *spans_a,
               GPtrArray *spans_b)
{
  g_autoptr(GHashTable) by_span = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                          (GDestroyNotify) span_labels_free);
  guint          n = acc->n_labels, none = n - 1;
  GHashTableIter iter;
  gpointer       v;

  add_span_labels (by_span, spans_a, TRUE);
  add_span_labels (by_span, spans_b, FALSE);
  g_hash_table_iter_init (&iter, by_span);
  while (g_hash_table_iter_next (&iter, NULL, &v))
    {
      SpanLabels *l = v;
      g_autoptr(GArray) left_a = g_array_new (FALSE, FALSE, sizeof (int));
      g_autoptr(GArray) left_b = g_array_new (FALSE, FALSE, sizeof (int));
      guint i = 0, j = 0;

      g_array_sort (l->a, compare_ints);
      g_array_sort (l->b, compare_ints);
      while (i < l->a->len && j < l->b->len)
        {
          int la = g_array_index (l->a, int, i), lb = g_array_index (l->b, int, j);

          if (la == lb)
            {
              acc->confusion[(la - 1) * n + (lb - 1)]++;
              i++, j++;
            }
          else if (la < lb)
            g_array_append_val (left_a, la), i++;
          else
            g_array_append_val (left_b, lb), j++;
        }
      for (; i < l->a->len; i++)
        g_array_append_val (left_a, g_array_index (l->a, int, i));
      for (; j < l->b->len; j++)
        g_array_append_val (left_b, g_array_index (l->b, int, j));
      for (guint k = 0; k < MAX (left_a->len, left_b->len); k++)
        {
          guint row = k < left_a->len ? (guint) g_array_index (left_a, int, k) - 1 : none;
          guint column = k < left_b->len ? (guint) g_array_index (left_b, int, k) - 1 : none;

          acc->confusion[row * n + column]++;
        }
    }
}

/* The label index of each token for one annotator: the shortest covering
 * annotation, ties by label name; 0 ("O") when none. */
static int *
token_labels (Context   *ctx,
              GArray    *tokens,
              GPtrArray *spans)
{
  int *labels = g_new0 (int, tokens->len + 1);
  guint *lengths = g_new0 (guint, tokens->len + 1);

  for (guint s = 0; spans != NULL && s < spans->len; s++)
    {
      Span *span = g_ptr_array_index (spans, s);

      for (guint f = 0; f < span->n_frags; f++)
        {
          guint lo = 0, hi = tokens->len;

          /* first token ending after the fragment's start */
          while (lo < hi)
            {
              guint mid = (lo + hi) / 2;
              if (g_array_index (tokens, GlossFragment, mid).end <= span->frags[f].start)
                lo = mid + 1;
              else
                hi = mid;
            }
          for (guint t = lo; t < tokens->len; t++)
            {
              if (g_array_index (tokens, GlossFragment, t).start >= span->frags[f].end)
                break;
              if (labels[t] == 0 || span->length < lengths[t] ||
                  (span->length == lengths[t] &&
                   strcmp (g_ptr_array_index (ctx->labels, span->label),
                           g_ptr_array_index (ctx->labels, labels[t])) < 0))
                {
                  labels[t] = span->label;
                  lengths[t] = span->length;
                }
            }
        }
    }
  g_free (lengths);
  return labels;
}

static void
accumulate_pair (Context    *ctx,
                 PairAccum  *acc,
                 DocData    *doc,
                 const char *annotator_a,
                 const char *annotator_b,
                 int       **token_cache,
                 guint       ia,
                 guint       ib)
{
  GPtrArray *a = g_hash_table_lookup (doc->spans, annotator_a);
  GPtrArray *b = g_hash_table_lookup (doc->spans, annotator_b);

  if (!g_hash_table_contains (doc->annotated, annotator_a) ||
      !g_hash_table_contains (doc->annotated, annotator_b))
    return;
  acc->n_documents++;
  for (guint l = 1; l < ctx->labels->len; l++)
    match_label (ctx, acc, l, a, b);
  confuse_spans (acc, a, b);
  if (token_cache[ia] == NULL)
    token_cache[ia] = token_labels (ctx, doc->tokens, a);
  if (token_cache[ib] == NULL)
    token_cache[ib] = token_labels (ctx, doc->tokens, b);
  g_array_append_vals (acc->tok_a, token_cache[ia], doc->tokens->len);
  g_array_append_vals (acc->tok_b, token_cache[ib], doc->tokens->len);
}

static void
span_scores_fill (GlossSpanScores *s,
                  Counts          *c)
{
  s->n_a = c->n_a;
  s->n_b = c->n_b;
  s->exact_matches = c->exact;
  s->exact_precision = ratio (c->exact, c->n_b);
  s->exact_recall = ratio (c->exact, c->n_a);
  s->exact_f1 = gloss_agreement_f1 (c->exact, c->n_a, c->n_b);
  s->overlap_matches = c->overlap;
  s->overlap_precision = ratio (c->overlap, c->n_b);
  s->overlap_recall = ratio (c->overlap, c->n_a);
  s->overlap_f1 = gloss_agreement_f1 (c->overlap, c->n_a, c->n_b);
}

static void
span_scores_free (GlossSpanScores *s)
{
  g_free (s->label);
  g_free (s);
}

static void
pair_scores_free (GlossPairScores *p)
{
  g_free (p->annotator_a);
  g_free (p->annotator_b);
  g_clear_pointer (&p->labels, g_ptr_array_unref);
  g_clear_pointer (&p->all, span_scores_free);
  g_free (p->confusion);
  g_free (p);
}

static GlossPairScores *
pair_scores_new (Context    *ctx,
                 PairAccum  *acc,
                 const char *a,
                 const char *b)
{
  GlossPairScores *p = g_new0 (GlossPairScores, 1);
  Counts all = { 0, 0, 0, 0 };

  p->annotator_a = g_strdup (a);
  p->annotator_b = g_strdup (b);
  p->n_documents = acc->n_documents;
  p->labels = g_ptr_array_new_with_free_func ((GDestroyNotify) span_scores_free);
  for (guint l = 1; l < ctx->labels->len; l++)
    {
      GlossSpanScores *s = g_new0 (GlossSpanScores, 1);

      s->label = g_strdup (g_ptr_array_index (ctx->labels, l));
      span_scores_fill (s, &acc->counts[l]);
      g_ptr_array_add (p->labels, s);
      all.n_a += acc->counts[l].n_a;
      all.n_b += acc->counts[l].n_b;
      all.exact += acc->counts[l].exact;
      all.overlap += acc->counts[l].overlap;
    }
  p->all = g_new0 (GlossSpanScores, 1);
  span_scores_fill (p->all, &all);
  p->n_tokens = acc->tok_a->len;
  p->kappa = gloss_agreement_cohen_kappa ((const int *) (gpointer) acc->tok_a->data,
                                          (const int *) (gpointer) acc->tok_b->data,
                                          acc->tok_a->len);
  p->claims_matched = acc->claims_matched;
  p->claims_attributed = acc->claims_attributed;
  p->attribution_agreed = acc->attribution_agreed;
  p->attribution_agreement = ratio (acc->attribution_agreed, acc->claims_attributed);
  p->certainty_agreed = acc->certainty_agreed;
  p->certainty_agreement = ratio (acc->certainty_agreed, acc->claims_matched);
  p->certainty_kappa = gloss_agreement_cohen_kappa ((const int *) (gpointer) acc->cert_a->data,
                                                    (const int *) (gpointer) acc->cert_b->data,
                                                    acc->cert_a->len);
  p->confusion = g_memdup2 (acc->confusion, sizeof (guint) * acc->n_labels * acc->n_labels);
  return p;
}

static void
scores_free (GlossAgreementScores *s)
{
  g_free (s->document);
  g_clear_pointer (&s->pairs, g_ptr_array_unref);
  g_free (s);
}

/* ---- loading */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}


static char *
fragments_key (const GlossFragment *f,
               guint                n)
{
  return _gloss_fragments_to_string (f, n);
}

static DocData *
load_document (GlossStore          *store,
               GlossDocument       *document,
               GHashTable          *label_filter,
               GHashTable          *label_index,
               GError             **error)
{
  gint64 id = gloss_document_get_id (document);
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GHashTable) by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) statuses = NULL;
  const char *text;
  DocData *d;
  GHashTableIter iter;
  gpointer k, v;

  if (!gloss_document_load_text (document, error))
    return NULL;
  text = gloss_document_get_text (document);
  annotations = gloss_store_load_annotations (store, id, FALSE, error);
  if (annotations == NULL)
    return NULL;
  relations = gloss_store_load_relations (store, id, FALSE, error);
  if (relations == NULL)
    return NULL;

  d = g_new0 (DocData, 1);
  d->id = id;
  d->name = g_strdup (gloss_document_get_name (document));
  d->tokens = gloss_agreement_tokenize (text);
  d->spans = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                    (GDestroyNotify) g_ptr_array_unref);
  d->annotated = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  statuses = gloss_store_dup_document_statuses (store, id);
  g_hash_table_iter_init (&iter, statuses);
  while (g_hash_table_iter_next (&iter, &k, NULL))
    g_hash_table_add (d->annotated, g_strdup (k));

  for (guint i = 0; i < annotations->len; i++)
    {
      GlossAnnotation *a = g_ptr_array_index (annotations, i);
      const char *annotator = gloss_annotation_get_annotator (a);
      const char *label = gloss_annotation_get_label (a);
      const GlossFragment *f;
      GVariant *certainty;
      GPtrArray *list;
      Span *s;
      guint n;

      g_hash_table_add (d->annotated, g_strdup (annotator));
      if (label_filter != NULL && !g_hash_table_contains (label_filter, label))
        continue;
      f = gloss_annotation_get_fragments (a, &n);
      if (n == 0)
        continue;
      s = g_new0 (Span, 1);
      s->uuid = g_strdup (gloss_annotation_get_uuid (a));
      s->label = GPOINTER_TO_INT (g_hash_table_lookup (label_index, label));
      s->frags = g_memdup2 (f, sizeof (GlossFragment) * n);
      s->n_frags = n;
      for (guint j = 0; j < n; j++)
        s->length += f[j].end - f[j].start;
      s->span_key = fragments_key (f, n);
      s->key = g_strconcat (label, "\x1f", s->span_key, NULL);
      certainty = gloss_annotation_get_attribute (a, CERTAINTY);
      if (certainty != NULL && g_variant_is_of_type (certainty, G_VARIANT_TYPE_STRING))
        s->certainty = g_variant_dup_string (certainty, NULL);
      s->targets = g_ptr_array_new_with_free_func (g_free);
      list = g_hash_table_lookup (d->spans, annotator);
      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func ((GDestroyNotify) span_free);
          g_hash_table_insert (d->spans, g_strdup (annotator), list);
        }
      g_ptr_array_add (list, s);
      g_hash_table_insert (by_uuid, s->uuid, s);
    }

  /* attributed-to targets of claims, as exact spans (any label) */
  for (guint i = 0; i < relations->len; i++)
    {
      GlossRelation *r = g_ptr_array_index (relations, i);
      Span *claim;
      GlossAnnotation *target = NULL;

      if (strcmp (gloss_relation_get_relation_type (r), ATTRIBUTED_TO) != 0)
        continue;
      claim = g_hash_table_lookup (by_uuid, gloss_relation_get_source (r));
      if (claim == NULL)
        continue;
      for (guint j = 0; j < annotations->len && target == NULL; j++)
        if (strcmp (gloss_annotation_get_uuid (g_ptr_array_index (annotations, j)),
                    gloss_relation_get_target (r)) == 0)
          target = g_ptr_array_index (annotations, j);
      if (target != NULL)
        {
          guint n;
          const GlossFragment *f = gloss_annotation_get_fragments (target, &n);
          g_autofree char *key = fragments_key (f, n);

          if (!g_ptr_array_find_with_equal_func (claim->targets, key, g_str_equal, NULL))
            g_ptr_array_add (claim->targets, g_steal_pointer (&key));
        }
    }
  g_hash_table_iter_init (&iter, d->spans);
  while (g_hash_table_iter_next (&iter, NULL, &v))
    {
      GPtrArray *list = v;

      g_ptr_array_sort (list, compare_spans);
      for (guint i = 0; i < list->len; i++)
        g_ptr_array_sort (((Span *) g_ptr_array_index (list, i))->targets, compare_strings);
    }
  return d;
}

/* ---- computing */

static GlossAgreementScores *
compute_scores (Context     *ctx,
                GPtrArray   *docs,
                GPtrArray   *annotators,
                const char  *document,
                gint64       document_id)
{
  GlossAgreementScores *scores = g_new0 (GlossAgreementScores, 1);
  guint                 n_ann = annotators->len;
  g_autoptr(GPtrArray) accs = g_ptr_array_new_with_free_func ((GDestroyNotify) pair_accum_free);
  g_autoptr(GArray) units = g_array_new (FALSE, FALSE, sizeof (int));

  scores->document = g_strdup (document);
  scores->document_id = document_id;
  scores->n_coders = n_ann;
  for (guint i = 0; i < n_ann; i++)
    for (guint j = i + 1; j < n_ann; j++)
      g_ptr_array_add (accs, pair_accum_new (ctx->labels->len));

  for (guint d = 0; d < docs->len; d++)
    {
      DocData *doc = g_ptr_array_index (docs, d);
      int    **cache = g_new0 (int *, n_ann + 1);
      guint p = 0;

      for (guint i = 0; i < n_ann; i++)
        for (guint j = i + 1; j < n_ann; j++, p++)
          accumulate_pair (ctx, g_ptr_array_index (accs, p), doc,
                           g_ptr_array_index (annotators, i), g_ptr_array_index (annotators, j),
                           cache, i, j);
      /* alpha: every token a unit, the annotators of the document its coders */
      for (guint i = 0; i < n_ann; i++)
        if (cache[i] == NULL && g_hash_table_contains (doc->annotated,
                                                       g_ptr_array_index (annotators, i)))
          cache[i] = token_labels (ctx, doc->tokens,
                                   g_hash_table_lookup (doc->spans,
                                                        g_ptr_array_index (annotators, i)));
      for (guint t = 0; t < doc->tokens->len; t++)
        for (guint i = 0; i < n_ann; i++)
          {
            int value = cache[i] ? cache[i][t] : -1;
            g_array_append_val (units, value);
          }
      scores->n_tokens += doc->tokens->len;
      for (guint i = 0; i < n_ann; i++)
        g_free (cache[i]);
      g_free (cache);
    }

  scores->pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) pair_scores_free);
  {
    guint p = 0;

    for (guint i = 0; i < n_ann; i++)
      for (guint j = i + 1; j < n_ann; j++, p++)
        g_ptr_array_add (scores->pairs,
                         pair_scores_new (ctx, g_ptr_array_index (accs, p),
                                          g_ptr_array_index (annotators, i),
                                          g_ptr_array_index (annotators, j)));
  }
  scores->alpha = n_ann == 0 ? NAN
                : gloss_agreement_krippendorff_alpha ((const int *) (gpointer) units->data,
                                                      units->len / n_ann, n_ann);
  return scores;
}

GlossAgreement *
gloss_agreement_compute (GlossProject        *project,
                         GArray              *documents,
                         const char * const  *annotators,
                         const char * const  *labels,
                         GCancellable        *cancellable,
                         GError             **error)
{
  GlossAgreement *result = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GHashTable) label_filter = NULL;
  g_autoptr(GHashTable) label_index = NULL;
  g_autoptr(GHashTable) seen_labels = NULL;
  g_autoptr(GArray) all_ids = NULL;
  GlossStore *store;
  Context ctx = { 0 };
  GArray *ids;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), NULL);

  store = gloss_project_get_store (project);
  if (documents == NULL)
    {
      all_ids = gloss_store_list_document_ids (store, error);
      if (all_ids == NULL)
        return NULL;
      ids = all_ids;
    }
  else
    ids = documents;

  /* labels: the filter, or every label used in the documents */
  seen_labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (labels != NULL)
    {
      label_filter = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; labels[i]; i++)
        {
          g_hash_table_add (label_filter, (gpointer) labels[i]);
          g_hash_table_add (seen_labels, g_strdup (labels[i]));
        }
    }
  else
    {
      for (guint d = 0; d < ids->len; d++)
        {
          g_autoptr(GPtrArray) rows = gloss_store_load_annotations (store,
                                                                    g_array_index (ids, gint64, d),
                                                                    FALSE, error);
          if (rows == NULL)
            return NULL;
          for (guint i = 0; i < rows->len; i++)
            g_hash_table_add (seen_labels,
                              g_strdup (gloss_annotation_get_label (g_ptr_array_index (rows, i))));
        }
    }

  result = g_new0 (GlossAgreement, 1);
  result->labels = g_ptr_array_new_with_free_func (g_free);
  {
    GHashTableIter iter;
    gpointer k;

    g_hash_table_iter_init (&iter, seen_labels);
    while (g_hash_table_iter_next (&iter, &k, NULL))
      g_ptr_array_add (result->labels, g_strdup (k));
    g_ptr_array_sort (result->labels, compare_strings);
  }
  ctx.labels = g_ptr_array_new ();
  g_ptr_array_add (ctx.labels, (gpointer) "O");
  label_index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < result->labels->len; i++)
    {
      g_ptr_array_add (ctx.labels, g_ptr_array_index (result->labels, i));
      g_hash_table_insert (label_index, g_ptr_array_index (result->labels, i),
                           GINT_TO_POINTER (i + 1));
    }
  if (label_filter == NULL)
    label_filter = g_hash_table_ref (label_index);
  ctx.certainties = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  docs = g_ptr_array_new_with_free_func ((GDestroyNotify) doc_data_free);
  for (guint d = 0; d < ids->len; d++)
    {
      gint64 id = g_array_index (ids, gint64, d);
      GlossDocument *doc = gloss_project_lookup_document (project, id);
      DocData *data;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto fail;
      if (doc == NULL)
        {
          g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_FOUND,
                       _("No document with id %" G_GINT64_FORMAT), id);
          goto fail;
        }
      data = load_document (store, doc, label_filter, label_index, error);
      if (data == NULL)
        goto fail;
      g_ptr_array_add (docs, data);
    }

  result->annotators = g_ptr_array_new_with_free_func (g_free);
  if (annotators != NULL)
    {
      for (guint i = 0; annotators[i]; i++)
        g_ptr_array_add (result->annotators, g_strdup (annotators[i]));
    }
  else
    {
      g_autoptr(GHashTable) all = g_hash_table_new (g_str_hash, g_str_equal);
      GHashTableIter iter;
      gpointer k;

      for (guint d = 0; d < docs->len; d++)
        {
          g_hash_table_iter_init (&iter, ((DocData *) g_ptr_array_index (docs, d))->annotated);
          while (g_hash_table_iter_next (&iter, &k, NULL))
            if (strcmp (k, GLOSS_GOLD_ANNOTATOR) != 0 && *(const char *) k != '\0')
              g_hash_table_add (all, k);
        }
      g_hash_table_iter_init (&iter, all);
      while (g_hash_table_iter_next (&iter, &k, NULL))
        g_ptr_array_add (result->annotators, g_strdup (k));
      g_ptr_array_sort (result->annotators, compare_strings);
    }

  result->project = compute_scores (&ctx, docs, result->annotators, NULL, 0);
  result->documents = g_ptr_array_new_with_free_func ((GDestroyNotify) scores_free);
  for (guint d = 0; d < docs->len; d++)
    {
      DocData *doc = g_ptr_array_index (docs, d);
      g_autoptr(GPtrArray) one = g_ptr_array_new ();

      g_ptr_array_add (one, doc);
      g_ptr_array_add (result->documents,
                       compute_scores (&ctx, one, result->annotators, doc->name, doc->id));
    }
  g_ptr_array_unref (ctx.labels);
  g_hash_table_unref (ctx.certainties);
  return result;

fail:
  g_clear_pointer (&ctx.labels, g_ptr_array_unref);
  g_clear_pointer (&ctx.certainties, g_hash_table_unref);
  gloss_agreement_free (result);
  return NULL;
}

void
gloss_agreement_free (GlossAgreement *agreement)
{
  if (agreement == NULL)
    return;
  g_clear_pointer (&agreement->annotators, g_ptr_array_unref);
  g_clear_pointer (&agreement->labels, g_ptr_array_unref);
  g_clear_pointer (&agreement->project, scores_free);
  g_clear_pointer (&agreement->documents, g_ptr_array_unref);
  g_free (agreement);
}

/* ---- label confusion */

GlossConfusion *
gloss_agreement_dup_confusion (GlossAgreement       *agreement,
                               GlossAgreementScores *scores,
                               const char           *annotator_a,
                               const char           *annotator_b)
{
  GlossConfusion *c;
  gboolean pooled = annotator_a == NULL && annotator_b == NULL;
  gboolean found = FALSE;
  guint    n;

  g_return_val_if_fail (agreement != NULL, NULL);

  if (scores == NULL)
    scores = agreement->project;
  g_return_val_if_fail (scores != NULL, NULL);
  n = agreement->labels->len + 1;
  c = g_new0 (GlossConfusion, 1);
  c->labels = g_ptr_array_new_full (n, g_free);
  for (guint i = 0; i < agreement->labels->len; i++)
    g_ptr_array_add (c->labels, g_strdup (g_ptr_array_index (agreement->labels, i)));
  g_ptr_array_add (c->labels, g_strdup (GLOSS_AGREEMENT_NONE));
  c->counts = g_new0 (guint, n * n);

  for (guint p = 0; p < scores->pairs->len; p++)
    {
      GlossPairScores *pair = g_ptr_array_index (scores->pairs, p);
      gboolean         transpose;

      if (pooled || (g_strcmp0 (pair->annotator_a, annotator_a) == 0 &&
                     g_strcmp0 (pair->annotator_b, annotator_b) == 0))
        transpose = FALSE;
      else if (g_strcmp0 (pair->annotator_a, annotator_b) == 0 &&
               g_strcmp0 (pair->annotator_b, annotator_a) == 0)
        transpose = TRUE;
      else
        continue;
      found = TRUE;
      for (guint r = 0; r < n; r++)
        for (guint k = 0; k < n; k++)
          {
            guint count = pair->confusion[r * n + k];

            c->counts[transpose ? k * n + r : r * n + k] += count;
            c->total += count;
          }
    }
  if (!found && !pooled)
    {
      gloss_confusion_free (c);
      return NULL;
    }
  return c;
}

guint
gloss_confusion_get (GlossConfusion *confusion,
                     const char     *label_a,
                     const char     *label_b)
{
  guint row, column;

  g_return_val_if_fail (confusion != NULL, 0);

  if (!g_ptr_array_find_with_equal_func (confusion->labels, label_a, g_str_equal, &row) ||
      !g_ptr_array_find_with_equal_func (confusion->labels, label_b, g_str_equal, &column))
    return 0;
  return confusion->counts[row * confusion->labels->len + column];
}

void
gloss_confusion_free (GlossConfusion *confusion)
{
  if (confusion == NULL)
    return;
  g_clear_pointer (&confusion->labels, g_ptr_array_unref);
  g_free (confusion->counts);
  g_free (confusion);
}

/* ---- JSON */

static void
add_number (JsonBuilder *b,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (b, name);
  if (isnan (value))
    json_builder_add_null_value (b);
  else
    json_builder_add_double_value (b, value);
}

static void
add_uint (JsonBuilder *b,
          const char  *name,
          guint        value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
add_span_scores (JsonBuilder     *b,
                 GlossSpanScores *s)
{
  json_builder_begin_object (b);
  add_uint (b, "n_a", s->n_a);
  add_uint (b, "n_b", s->n_b);
  add_uint (b, "exact_matches", s->exact_matches);
  add_number (b, "exact_precision", s->exact_precision);
  add_number (b, "exact_recall", s->exact_recall);
  add_number (b, "exact_f1", s->exact_f1);
  add_uint (b, "overlap_matches", s->overlap_matches);
  add_number (b, "overlap_precision", s->overlap_precision);
  add_number (b, "overlap_recall", s->overlap_recall);
  add_number (b, "overlap_f1", s->overlap_f1);
  json_builder_end_object (b);
}

/* {"labels": [… "(none)"], "counts": [[…], …]}: rows are A's labels. */
static void
add_confusion (JsonBuilder    *b,
               GlossConfusion *c)
{
  guint n = c->labels->len;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "labels");
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    json_builder_add_string_value (b, g_ptr_array_index (c->labels, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "counts");
  json_builder_begin_array (b);
  for (guint r = 0; r < n; r++)
    {
      json_builder_begin_array (b);
      for (guint k = 0; k < n; k++)
        json_builder_add_int_value (b, c->counts[r * n + k]);
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
add_scores (JsonBuilder          *b,
            GlossAgreement       *agreement,
            GlossAgreementScores *s)
{
  GlossConfusion *pooled = gloss_agreement_dup_confusion (agreement, s, NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "document");
  if (s->document)
    json_builder_add_string_value (b, s->document);
  else
    json_builder_add_null_value (b);
  add_uint (b, "tokens", s->n_tokens);
  add_uint (b, "coders", s->n_coders);
  add_number (b, "alpha", s->alpha);
  json_builder_set_member_name (b, "pairs");
  json_builder_begin_array (b);
  for (guint i = 0; i < s->pairs->len; i++)
    {
      GlossPairScores *p = g_ptr_array_index (s->pairs, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "a");
      json_builder_add_string_value (b, p->annotator_a);
      json_builder_set_member_name (b, "b");
      json_builder_add_string_value (b, p->annotator_b);
      add_uint (b, "documents", p->n_documents);
      add_uint (b, "tokens", p->n_tokens);
      add_number (b, "kappa", p->kappa);
      json_builder_set_member_name (b, "all");
      add_span_scores (b, p->all);
      json_builder_set_member_name (b, "labels");
      json_builder_begin_object (b);
      for (guint l = 0; l < p->labels->len; l++)
        {
          GlossSpanScores *ls = g_ptr_array_index (p->labels, l);
          json_builder_set_member_name (b, ls->label);
          add_span_scores (b, ls);
        }
      json_builder_end_object (b);
      json_builder_set_member_name (b, "claims");
      json_builder_begin_object (b);
      add_uint (b, "matched", p->claims_matched);
      add_uint (b, "attributed", p->claims_attributed);
      add_uint (b, "attribution_agreed", p->attribution_agreed);
      add_number (b, "attribution_agreement", p->attribution_agreement);
      add_uint (b, "certainty_agreed", p->certainty_agreed);
      add_number (b, "certainty_agreement", p->certainty_agreement);
      add_number (b, "certainty_kappa", p->certainty_kappa);
      json_builder_end_object (b);
      {
        g_autoptr(GlossConfusion) c = gloss_agreement_dup_confusion (agreement, s,
                                                                      p->annotator_a,
                                                                      p->annotator_b);
        json_builder_set_member_name (b, "confusion");
        add_confusion (b, c);
      }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "confusion");
  add_confusion (b, pooled);
  json_builder_end_object (b);
  gloss_confusion_free (pooled);
}

char *
gloss_agreement_to_json (GlossAgreement *agreement)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (agreement != NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "annotators");
  json_builder_begin_array (b);
  for (guint i = 0; i < agreement->annotators->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (agreement->annotators, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "labels");
  json_builder_begin_array (b);
  for (guint i = 0; i < agreement->labels->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (agreement->labels, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "project");
  add_scores (b, agreement, agreement->project);
  json_builder_set_member_name (b, "documents");
  json_builder_begin_array (b);
  for (guint i = 0; i < agreement->documents->len; i++)
    add_scores (b, agreement, g_ptr_array_index (agreement->documents, i));
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  return json_generator_to_data (gen, NULL);
}
