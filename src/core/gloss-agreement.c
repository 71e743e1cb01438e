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
#include "gloss-store-private.h"
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

/* Alpha (nominal) from the coincidence matrix @o of @n_cat values. */
static double
alpha_of_coincidence (const double *o,
                      gsize         n_cat)
{
  double *n_c = g_new0 (double, n_cat);
  double n = 0.0, disagree_o = 0.0, disagree_e = 0.0;
  double result;

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
  g_free (n_c);
  return result;
}

double
gloss_agreement_krippendorff_alpha (const int *values,
                                    gsize      n_units,
                                    gsize      n_coders)
{
  int max_value = -1;
  gsize n_cat;
  double *o;
  double result;

  for (gsize i = 0; i < n_units * n_coders; i++)
    max_value = MAX (max_value, values[i]);
  if (max_value < 0)
    return NAN;
  n_cat = (gsize) max_value + 1;
  /* the coincidence matrix: o[c][k] = sum over units of the c-k pairs of
   * values within the unit, each weighted 1 / (m_u - 1) */
  o = g_new0 (double, n_cat * n_cat);
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
  result = alpha_of_coincidence (o, n_cat);
  g_free (o);
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

/* g_unichar_isalnum and g_unichar_isspace, without their table look-ups
 * for ASCII (its letters and digits; tab, newline, form feed, carriage
 * return and space; not vertical tab, as GLib has it) */
static inline gboolean
is_alnum (gunichar c)
{
  if (c < 0x80)
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  return g_unichar_isalnum (c);
}

static inline gboolean
is_space (gunichar c)
{
  if (c < 0x80)
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
  return g_unichar_isspace (c);
}

GArray *
gloss_agreement_tokenize (const char *text)
{
  GArray *tokens;
  guint offset = 0;
  gboolean in_word = FALSE;
  GlossFragment word = { 0, 0 };

  g_return_val_if_fail (text != NULL, g_array_new (FALSE, FALSE, sizeof (GlossFragment)));

  /* news text has a token every five bytes or so */
  tokens = g_array_sized_new (FALSE, FALSE, sizeof (GlossFragment), strlen (text) / 4 + 1);
  for (const char *p = text; *p; p = g_utf8_next_char (p), offset++)
    {
      gunichar c = (guchar) *p < 0x80 ? (gunichar) *p : g_utf8_get_char (p);

      if (is_alnum (c))
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
      if (!is_space (c))
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
  guint       index;           /* in the documents computed over */
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

/* What one pair adds up to, over one document or many: only counts, so that
 * the figures of a project are the sum of its documents' in any order (two
 * threads each add up some of them, merged afterwards). Kappa over tokens
 * needs no more than how often each pair of labels met at a token. */
typedef struct
{
  guint       n_labels;        /* including "O" at 0 */
  Counts     *counts;          /* [n_labels], 0 unused */
  guint64    *tokens;          /* [n_labels²]: A's token label a row, B's a column */
  guint64    *first_a;         /* [n_labels]: where A's label first met a token, 0: never */
  guint       n_documents;
  guint       claims_matched, claims_attributed, attribution_agreed, certainty_agreed;
  GHashTable *certainty;       /* "A's\x1fB's" (unset: "") -> count of matched claims */
  guint      *confusion;       /* [n_labels²]: labels 1… at 0…, "(none)" last */
} PairAccum;

static PairAccum *
pair_accum_new (guint n_labels)
{
  PairAccum *p = g_new0 (PairAccum, 1);

  p->n_labels = n_labels;
  p->counts = g_new0 (Counts, n_labels);
  p->tokens = g_new0 (guint64, n_labels * n_labels);
  p->first_a = g_new0 (guint64, n_labels);
  p->certainty = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  p->confusion = g_new0 (guint, n_labels * n_labels);
  return p;
}

static void
pair_accum_free (PairAccum *p)
{
  g_free (p->counts);
  g_free (p->tokens);
  g_free (p->first_a);
  g_hash_table_unref (p->certainty);
  g_free (p->confusion);
  g_free (p);
}

static void
pair_accum_add_certainty (PairAccum  *p,
                          const char *key,
                          guint       count)
{
  gpointer old = g_hash_table_lookup (p->certainty, key);

  g_hash_table_insert (p->certainty, g_strdup (key),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (old) + count));
}

/* @into += @from */
static void
pair_accum_merge (PairAccum *into,
                  PairAccum *from)
{
  guint          n = into->n_labels;
  GHashTableIter iter;
  gpointer       k, v;

  for (guint l = 0; l < n; l++)
    {
      into->counts[l].n_a += from->counts[l].n_a;
      into->counts[l].n_b += from->counts[l].n_b;
      into->counts[l].exact += from->counts[l].exact;
      into->counts[l].overlap += from->counts[l].overlap;
    }
  for (guint i = 0; i < n * n; i++)
    {
      into->tokens[i] += from->tokens[i];
      into->confusion[i] += from->confusion[i];
    }
  for (guint l = 0; l < n; l++)
    if (from->first_a[l] != 0 && (into->first_a[l] == 0 || from->first_a[l] < into->first_a[l]))
      into->first_a[l] = from->first_a[l];
  into->n_documents += from->n_documents;
  into->claims_matched += from->claims_matched;
  into->claims_attributed += from->claims_attributed;
  into->attribution_agreed += from->attribution_agreed;
  into->certainty_agreed += from->certainty_agreed;
  g_hash_table_iter_init (&iter, from->certainty);
  while (g_hash_table_iter_next (&iter, &k, &v))
    pair_accum_add_certainty (into, k, GPOINTER_TO_UINT (v));
}

/* Cohen's kappa from the table of how often value r of A met value c of B
 * (@n values each), bit for bit what gloss_agreement_cohen_kappa gives over
 * the items the table counts: that function adds p_e's terms in the order
 * of its hash table of A's values, which depends only on the order the
 * values first appeared in (a value that is there again changes no
 * bucket), so the same table is built from @first (where each of A's
 * values first appeared, 0: never; NULL: in value order). */
static double
kappa_of_table_in (const guint64 *table,
                   guint          n,
                   const guint64 *first,
                   guint64       *row,
                   guint64       *column,
                   guint         *order)
{
  g_autoptr(GHashTable) count_a = g_hash_table_new (NULL, NULL);
  guint64 total = 0, agreed = 0;
  guint n_order = 0;
  GHashTableIter iter;
  gpointer k, v;
  double po, pe = 0.0;

  for (guint r = 0; r < n; r++)
    for (guint c = 0; c < n; c++)
      {
        total += table[r * n + c];
        row[r] += table[r * n + c];
        column[c] += table[r * n + c];
        if (r == c)
          agreed += table[r * n + c];
      }
  if (total == 0)
    return NAN;
  po = (double) agreed / total;
  for (guint r = 0; r < n; r++)
    if (row[r] > 0)
      order[n_order++] = r;
  /* insertion sort by first appearance: a dozen labels */
  for (guint i = 1; first != NULL && i < n_order; i++)
    for (guint j = i; j > 0 && first[order[j - 1]] > first[order[j]]; j--)
      {
        guint t = order[j];

        order[j] = order[j - 1];
        order[j - 1] = t;
      }
  for (guint i = 0; i < n_order; i++)
    g_hash_table_insert (count_a, GINT_TO_POINTER (order[i] + 1),
                         GSIZE_TO_POINTER ((gsize) row[order[i]]));
  g_hash_table_iter_init (&iter, count_a);
  while (g_hash_table_iter_next (&iter, &k, &v))
    pe += ((double) GPOINTER_TO_SIZE (v) / total) *
          ((double) column[GPOINTER_TO_INT (k) - 1] / total);
  if (pe >= 1.0)
    return NAN;
  return (po - pe) / (1.0 - pe);
}

/* (the sums and the order freed by hand: scan-build loses g_autofree
 * buffers across the early returns) */
static double
kappa_of_table (const guint64 *table,
                guint          n,
                const guint64 *first)
{
  guint64 *row = g_new0 (guint64, n + 1);
  guint64 *column = g_new0 (guint64, n + 1);
  guint   *order = g_new0 (guint, n + 1);
  double   kappa = kappa_of_table_in (table, n, first, row, column, order);

  g_free (row);
  g_free (column);
  g_free (order);
  return kappa;
}

static int compare_strings (gconstpointer a,
                            gconstpointer b);

/* Kappa of the certainty of matched claims: the values, sorted, index a
 * table. */
static double
certainty_kappa (PairAccum *p)
{
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  guint64       *table;
  double         kappa;
  GHashTableIter iter;
  gpointer k, v;
  guint n;

  g_hash_table_iter_init (&iter, p->certainty);
  while (g_hash_table_iter_next (&iter, &k, NULL))
    {
      g_auto(GStrv) ab = g_strsplit (k, "\x1f", 2);

      for (guint i = 0; i < 2; i++)
        if (!g_hash_table_contains (index, ab[i]))
          {
            char *value = g_strdup (ab[i]);

            g_ptr_array_add (values, value);
            g_hash_table_add (index, value);
          }
    }
  g_ptr_array_sort (values, compare_strings);
  g_hash_table_remove_all (index);
  for (guint i = 0; i < values->len; i++)
    g_hash_table_insert (index, g_ptr_array_index (values, i), GUINT_TO_POINTER (i));
  n = values->len;
  table = g_new0 (guint64, MAX (n * n, 1));
  g_hash_table_iter_init (&iter, p->certainty);
  while (g_hash_table_iter_next (&iter, &k, &v))
    {
      g_auto(GStrv) ab = g_strsplit (k, "\x1f", 2);
      guint r = GPOINTER_TO_UINT (g_hash_table_lookup (index, ab[0]));
      guint c = GPOINTER_TO_UINT (g_hash_table_lookup (index, ab[1]));

      table[r * n + c] += GPOINTER_TO_UINT (v);
    }
  kappa = kappa_of_table (table, n, NULL);
  g_free (table);
  return kappa;
}

typedef struct
{
  GPtrArray  *labels;          /* char *, index 0 = "O" */
} Context;

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
          const char *ca = sa->certainty ? sa->certainty : "";
          const char *cb = sb->certainty ? sb->certainty : "";
          g_autofree char *key = g_strconcat (ca, "\x1f", cb, NULL);

          acc->claims_matched++;
          if (sa->targets->len > 0 || sb->targets->len > 0)
            {
              acc->claims_attributed++;
              if (same_targets (sa, sb))
                acc->attribution_agreed++;
            }
          if (strcmp (ca, cb) == 0)
            acc->certainty_agreed++;
          pair_accum_add_certainty (acc, key, 1);
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

/* A span's label as one of the pair gave it. */
typedef struct
{
  const char *span_key;
  int         label;
  gboolean    of_b;
} SpanLabel;

/* by span, then A's before B's, then by label */
static int
compare_span_labels (gconstpointer a,
                     gconstpointer b)
{
  const SpanLabel *la = a, *lb = b;
  int              c = strcmp (la->span_key, lb->span_key);

  if (c != 0)
    return c;
  if (la->of_b != lb->of_b)
    return la->of_b ? 1 : -1;
  return (la->label > lb->label) - (la->label < lb->label);
}

static void
add_span_labels (GArray    *all,
                 GPtrArray *spans,
                 gboolean   of_b)
{
  for (guint i = 0; spans != NULL && i < spans->len; i++)
    {
      Span     *span = g_ptr_array_index (spans, i);
      SpanLabel l = { span->span_key, span->label, of_b };

      g_array_append_val (all, l);
    }
}

/* The label confusion of one document: per span, the labels both gave
 * match one to one (the exact matches), the rest pair in label order and
 * what is left over goes against "(none)" (index n_labels - 1; the label
 * indexes from 1 move down by one). The spans' labels are sorted by span
 * and walked a span at a time: no table of spans to build. */
static void
confuse_spans (PairAccum *acc,
               GPtrArray *spans_a,
               GPtrArray *spans_b)
{
  guint     n = acc->n_labels, none = n - 1;
  guint     total = (spans_a ? spans_a->len : 0) + (spans_b ? spans_b->len : 0);
  g_autoptr(GArray) all = g_array_sized_new (FALSE, FALSE, sizeof (SpanLabel), total);
  g_autoptr(GArray) left_a = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) left_b = g_array_new (FALSE, FALSE, sizeof (int));
  guint     start = 0;

  add_span_labels (all, spans_a, FALSE);
  add_span_labels (all, spans_b, TRUE);
  g_array_sort (all, compare_span_labels);
  while (start < all->len)
    {
      const SpanLabel *l = (const SpanLabel *) (gpointer) all->data;
      guint            end = start, mid, i, j;

      while (end < all->len && strcmp (l[end].span_key, l[start].span_key) == 0)
        end++;
      for (mid = start; mid < end && !l[mid].of_b; mid++)
        ;
      /* A's labels are l[start, mid), B's l[mid, end), each sorted */
      g_array_set_size (left_a, 0);
      g_array_set_size (left_b, 0);
      i = start, j = mid;
      while (i < mid && j < end)
        {
          int la = l[i].label, lb = l[j].label;

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
      for (; i < mid; i++)
        g_array_append_val (left_a, l[i].label);
      for (; j < end; j++)
        g_array_append_val (left_b, l[j].label);
      for (guint k = 0; k < MAX (left_a->len, left_b->len); k++)
        {
          guint row = k < left_a->len ? (guint) g_array_index (left_a, int, k) - 1 : none;
          guint column = k < left_b->len ? (guint) g_array_index (left_b, int, k) - 1 : none;

          acc->confusion[row * n + column]++;
        }
      start = end;
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
  guint8    *present;

  if (!g_hash_table_contains (doc->annotated, annotator_a) ||
      !g_hash_table_contains (doc->annotated, annotator_b))
    return;
  acc->n_documents++;
  /* only the labels either gave: the others add nothing */
  present = g_new0 (guint8, ctx->labels->len);
  for (guint i = 0; a != NULL && i < a->len; i++)
    present[((Span *) g_ptr_array_index (a, i))->label] = TRUE;
  for (guint i = 0; b != NULL && i < b->len; i++)
    present[((Span *) g_ptr_array_index (b, i))->label] = TRUE;
  for (guint l = 1; l < ctx->labels->len; l++)
    if (present[l])
      match_label (ctx, acc, l, a, b);
  g_free (present);
  confuse_spans (acc, a, b);
  if (token_cache[ia] == NULL)
    token_cache[ia] = token_labels (ctx, doc->tokens, a);
  if (token_cache[ib] == NULL)
    token_cache[ib] = token_labels (ctx, doc->tokens, b);
  for (guint t = 0; t < doc->tokens->len; t++)
    {
      int la = token_cache[ia][t];

      acc->tokens[la * acc->n_labels + token_cache[ib][t]]++;
      if (acc->first_a[la] == 0)
        acc->first_a[la] = ((guint64) doc->index << 32 | t) + 1;
    }
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
  for (guint i = 0; i < acc->n_labels * acc->n_labels; i++)
    p->n_tokens += acc->tokens[i];
  p->kappa = kappa_of_table (acc->tokens, acc->n_labels, acc->first_a);
  p->claims_matched = acc->claims_matched;
  p->claims_attributed = acc->claims_attributed;
  p->attribution_agreed = acc->attribution_agreed;
  p->attribution_agreement = ratio (acc->attribution_agreed, acc->claims_attributed);
  p->certainty_agreed = acc->certainty_agreed;
  p->certainty_agreement = ratio (acc->certainty_agreed, acc->claims_matched);
  p->certainty_kappa = certainty_kappa (acc);
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

static int
compare_fragments (gconstpointer a,
                   gconstpointer b)
{
  const GlossFragment *fa = a, *fb = b;

  if (fa->start != fb->start)
    return fa->start < fb->start ? -1 : 1;
  return (fa->end > fb->end) - (fa->end < fb->end);
}

static char *
fragments_key (const GlossFragment *f,
               guint                n)
{
  return _gloss_fragments_to_string (f, n);
}

/* One document's live rows, read straight from its tables with the
 * statements @store keeps prepared: no GlossAnnotation is made, and @store
 * is the calling thread's own connection. */
static DocData *
load_document (GlossStore  *store,
               gint64       id,
               GHashTable  *label_filter,
               GHashTable  *label_index,
               GError     **error)
{
  static const char sql_document[] = "SELECT name, text FROM documents WHERE id = ?1";
  static const char sql_annotations[] =
    "SELECT uuid, label, fragments, annotator, "
    "  CASE WHEN label = '" CLAIM_LABEL "' AND "
    "            json_type (attributes, '$." CERTAINTY "') = 'text' "
    "    THEN json_extract (attributes, '$." CERTAINTY "') END "
    "FROM annotations WHERE document = ?1 AND deleted = 0";
  static const char sql_relations[] =
    "SELECT source, target FROM relations "
    "WHERE document = ?1 AND deleted = 0 AND type = '" ATTRIBUTED_TO "'";
  static const char sql_statuses[] = "SELECT annotator FROM document_status WHERE document = ?1";
  g_autoptr(GHashTable) by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  /* uuid of a relation's target -> its span key, once read */
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) relations = g_ptr_array_new_with_free_func (g_free); /* source, target, … */
  DocData *d = g_new0 (DocData, 1);
  GHashTableIter iter;
  gpointer v;
  int rc;

  d->id = id;
  d->spans = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                    (GDestroyNotify) g_ptr_array_unref);
  d->annotated = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  {
    g_autoptr(GlossStmt) stmt = _gloss_store_prepare (store, sql_document, error);
    const char *text;

    if (stmt == NULL)
      goto fail;
    sqlite3_bind_int64 (stmt, 1, id);
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_DONE)
      {
        g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_FOUND,
                     _("No document with id %" G_GINT64_FORMAT), id);
        goto fail;
      }
    if (rc != SQLITE_ROW)
      {
        _gloss_store_set_error_from_db (store, error, _("Cannot read a document"));
        goto fail;
      }
    d->name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    text = (const char *) sqlite3_column_text (stmt, 1);
    if (sqlite3_column_type (stmt, 1) == SQLITE_NULL)
      text = NULL;
    else if (text == NULL)
      text = "";
    if (!_gloss_store_check_stored_text (text, sqlite3_column_bytes (stmt, 1), d->name, error))
      goto fail;
    d->tokens = gloss_agreement_tokenize (text);
  }

  {
    g_autoptr(GlossStmt) stmt = _gloss_store_prepare (store, sql_statuses, error);

    if (stmt == NULL)
      goto fail;
    sqlite3_bind_int64 (stmt, 1, id);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      g_hash_table_add (d->annotated, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
    if (rc != SQLITE_DONE)
      {
        _gloss_store_set_error_from_db (store, error, _("Cannot read the annotations"));
        goto fail;
      }
  }

  /* the attributed-to relations first: the span keys of their targets
   * are all that is kept of annotations of other labels */
  {
    g_autoptr(GlossStmt) stmt = _gloss_store_prepare (store, sql_relations, error);

    if (stmt == NULL)
      goto fail;
    sqlite3_bind_int64 (stmt, 1, id);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        const char *source = (const char *) sqlite3_column_text (stmt, 0);
        const char *target = (const char *) sqlite3_column_text (stmt, 1);

        if (source == NULL || target == NULL)
          continue;
        g_ptr_array_add (relations, g_strdup (source));
        g_ptr_array_add (relations, g_strdup (target));
        g_hash_table_insert (keys, g_strdup (target), NULL);
      }
    if (rc != SQLITE_DONE)
      {
        _gloss_store_set_error_from_db (store, error, _("Cannot read the relations"));
        goto fail;
      }
  }

  {
    g_autoptr(GlossStmt) stmt = _gloss_store_prepare (store, sql_annotations, error);

    if (stmt == NULL)
      goto fail;
    sqlite3_bind_int64 (stmt, 1, id);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        const char *uuid = (const char *) sqlite3_column_text (stmt, 0);
        const char *label = (const char *) sqlite3_column_text (stmt, 1);
        const char *annotator = (const char *) sqlite3_column_text (stmt, 3);
        g_autoptr(GArray) frags = NULL;
        GPtrArray *list;
        Span *s;

        if (uuid == NULL || label == NULL || annotator == NULL ||
            !_gloss_fragments_from_string ((const char *) sqlite3_column_text (stmt, 2),
                                           &frags))
          {
            g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_CORRUPT,
                         _("annotation %s: unreadable fragments"), uuid ? uuid : "?");
            goto fail;
          }
        if (frags->len > 1)
          g_array_sort (frags, compare_fragments);
        if (!g_hash_table_contains (d->annotated, annotator))
          g_hash_table_add (d->annotated, g_strdup (annotator));
        if (g_hash_table_contains (keys, uuid))
          g_hash_table_insert (keys, g_strdup (uuid),
                               fragments_key ((GlossFragment *) (gpointer) frags->data,
                                              frags->len));
        if (!g_hash_table_contains (label_filter, label))
          continue;
        s = g_new0 (Span, 1);
        s->uuid = g_strdup (uuid);
        s->label = GPOINTER_TO_INT (g_hash_table_lookup (label_index, label));
        s->n_frags = frags->len;
        s->frags = (GlossFragment *) (gpointer) g_array_free (g_steal_pointer (&frags), FALSE);
        for (guint j = 0; j < s->n_frags; j++)
          s->length += s->frags[j].end - s->frags[j].start;
        s->span_key = fragments_key (s->frags, s->n_frags);
        s->key = g_strconcat (label, "\x1f", s->span_key, NULL);
        if (sqlite3_column_type (stmt, 4) == SQLITE_TEXT)
          s->certainty = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
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
    if (rc != SQLITE_DONE)
      {
        _gloss_store_set_error_from_db (store, error, _("Cannot read the annotations"));
        goto fail;
      }
  }

  /* attributed-to targets of claims, as exact spans (any label) */
  for (guint i = 0; i < relations->len; i += 2)
    {
      Span *claim = g_hash_table_lookup (by_uuid, g_ptr_array_index (relations, i));
      const char *key = g_hash_table_lookup (keys, g_ptr_array_index (relations, i + 1));

      if (claim != NULL && key != NULL &&
          !g_ptr_array_find_with_equal_func (claim->targets, key, g_str_equal, NULL))
        g_ptr_array_add (claim->targets, g_strdup (key));
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

fail:
  doc_data_free (d);
  return NULL;
}

/* ---- computing */

/* What the documents add up to for the project: each pair's counts, and
 * for alpha how often two values met in a token that m coders labelled
 * (weighted 1 / (m - 1) only at the end, so that the sum is exact and the
 * same in any order). */
typedef struct
{
  guint      n_labels;
  guint      n_coders;
  GPtrArray *pairs;            /* PairAccum, pairs in annotator order */
  guint64   *coincidence;      /* [(n_coders + 1) * n_labels²], by m */
  guint      n_tokens;
} Totals;

static Totals *
totals_new (guint n_labels,
            guint n_coders)
{
  Totals *t = g_new0 (Totals, 1);

  t->n_labels = n_labels;
  t->n_coders = n_coders;
  t->pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) pair_accum_free);
  for (guint i = 0; i < n_coders; i++)
    for (guint j = i + 1; j < n_coders; j++)
      g_ptr_array_add (t->pairs, pair_accum_new (n_labels));
  t->coincidence = g_new0 (guint64, (gsize) (n_coders + 1) * n_labels * n_labels);
  return t;
}

static void
totals_free (Totals *t)
{
  g_ptr_array_unref (t->pairs);
  g_free (t->coincidence);
  g_free (t);
}

/* @into += @from */
static void
totals_merge (Totals *into,
              Totals *from)
{
  for (guint p = 0; p < into->pairs->len; p++)
    pair_accum_merge (g_ptr_array_index (into->pairs, p), g_ptr_array_index (from->pairs, p));
  for (gsize i = 0; i < (gsize) (into->n_coders + 1) * into->n_labels * into->n_labels; i++)
    into->coincidence[i] += from->coincidence[i];
  into->n_tokens += from->n_tokens;
}

/* The scores of one document, whose counts are added to @totals. */
static GlossAgreementScores *
compute_document (Context   *ctx,
                  DocData   *doc,
                  GPtrArray *annotators,
                  Totals    *totals)
{
  GlossAgreementScores *scores = g_new0 (GlossAgreementScores, 1);
  guint                 n_ann = annotators->len;
  guint                 nl = ctx->labels->len;
  g_autoptr(GPtrArray) accs = g_ptr_array_new_with_free_func ((GDestroyNotify) pair_accum_free);
  gsize                 n_values = (gsize) doc->tokens->len * n_ann;
  int                  *units = g_new (int, n_values + 1);
  int                 **cache = g_new0 (int *, n_ann + 1);
  guint                 p = 0;

  scores->document = g_strdup (doc->name);
  scores->document_id = doc->id;
  scores->n_coders = n_ann;
  for (guint i = 0; i < n_ann; i++)
    for (guint j = i + 1; j < n_ann; j++)
      g_ptr_array_add (accs, pair_accum_new (nl));

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
    {
      int  *row = units + (gsize) t * n_ann;
      guint m = 0;

      for (guint i = 0; i < n_ann; i++)
        {
          row[i] = cache[i] ? cache[i][t] : -1;
          if (row[i] >= 0)
            m++;
        }
      if (m < 2)
        continue;
      for (guint i = 0; i < n_ann; i++)
        for (guint j = 0; j < n_ann; j++)
          if (i != j && row[i] >= 0 && row[j] >= 0)
            totals->coincidence[((gsize) m * nl + row[i]) * nl + row[j]]++;
    }
  scores->n_tokens = doc->tokens->len;
  totals->n_tokens += doc->tokens->len;

  scores->pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) pair_scores_free);
  p = 0;
  for (guint i = 0; i < n_ann; i++)
    for (guint j = i + 1; j < n_ann; j++, p++)
      {
        PairAccum       *acc = g_ptr_array_index (accs, p);
        GlossPairScores *pair = pair_scores_new (ctx, acc, g_ptr_array_index (annotators, i),
                                                 g_ptr_array_index (annotators, j));

        g_ptr_array_add (scores->pairs, pair);
        pair_accum_merge (g_ptr_array_index (totals->pairs, p), acc);
      }
  for (guint i = 0; i < n_ann; i++)
    g_free (cache[i]);
  g_free (cache);
  scores->alpha = n_ann == 0 ? NAN
                : gloss_agreement_krippendorff_alpha (units, doc->tokens->len, n_ann);
  g_free (units);
  return scores;
}

/* The project's scores from what its documents added up to. */
static GlossAgreementScores *
totals_to_scores (Context   *ctx,
                  Totals    *totals,
                  GPtrArray *annotators)
{
  GlossAgreementScores *scores = g_new0 (GlossAgreementScores, 1);
  guint                 n_ann = annotators->len;
  guint                 nl = totals->n_labels;
  gsize                 n_cells = (gsize) nl * nl;
  double               *o = g_new0 (double, n_cells);
  guint                 p = 0;

  scores->n_coders = n_ann;
  scores->n_tokens = totals->n_tokens;
  scores->pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) pair_scores_free);
  for (guint i = 0; i < n_ann; i++)
    for (guint j = i + 1; j < n_ann; j++, p++)
      g_ptr_array_add (scores->pairs,
                       pair_scores_new (ctx, g_ptr_array_index (totals->pairs, p),
                                        g_ptr_array_index (annotators, i),
                                        g_ptr_array_index (annotators, j)));
  for (guint m = 2; m <= n_ann; m++)
    for (gsize i = 0; i < n_cells; i++)
      o[i] += (double) totals->coincidence[m * n_cells + i] / (m - 1);
  scores->alpha = n_ann == 0 ? NAN : alpha_of_coincidence (o, nl);
  g_free (o);
  return scores;
}

/* ---- running over the documents */

/* How many documents the workers may run ahead of the one handed on next:
 * what bounds the memory while the documents' scores go out in order. */
#define WINDOW 64

typedef struct _Run Run;

/* Called on the calling thread with each document's scores, in order, and
 * its JSON when the run makes it. */
typedef void (*DocumentSink) (Run                  *run,
                              GlossAgreementScores *scores,
                              const char           *json,
                              gpointer              user_data);

typedef struct
{
  GlossAgreementScores *scores;
  char                 *json;
} Done;

typedef struct
{
  Run        *run;
  GlossStore *store;           /* the worker's own reader, or the project's (borrowed) */
  gboolean    own_store;
  Totals     *totals;
  GThread    *thread;
} Worker;

struct _Run
{
  /* set before the workers start, read only while they run */
  GlossStore     *store;       /* the project's (borrowed) */
  GlossAgreement *agreement;   /* owned until returned: annotators and labels */
  Context         ctx;
  GArray         *ids;         /* gint64 (owned) */
  GHashTable     *label_filter;
  GHashTable     *label_index;
  gboolean        json;        /* each document's JSON made by the worker */
  GCancellable   *cancellable;

  GMutex          lock;        /* guards what follows */
  GCond           cond;
  guint           next;        /* the next document to take */
  guint           emitted;     /* documents handed on */
  Done            window[WINDOW];
  GError         *error;       /* the first error of any worker */
};

static char *scores_to_json (GlossAgreement       *agreement,
                             GlossAgreementScores *s);

static gboolean
process_document (Run     *run,
                  Worker  *worker,
                  guint    i,
                  Done    *done,
                  GError **error)
{
  DocData *doc;

  if (g_cancellable_set_error_if_cancelled (run->cancellable, error))
    return FALSE;
  doc = load_document (worker->store, g_array_index (run->ids, gint64, i), run->label_filter,
                       run->label_index, error);
  if (doc == NULL)
    return FALSE;
  doc->index = i;
  done->scores = compute_document (&run->ctx, doc, run->agreement->annotators, worker->totals);
  doc_data_free (doc);
  done->json = run->json ? scores_to_json (run->agreement, done->scores) : NULL;
  return TRUE;
}

static gpointer
worker_thread (gpointer data)
{
  Worker *worker = data;
  Run    *run = worker->run;

  g_mutex_lock (&run->lock);
  while (run->error == NULL)
    {
      GError *error = NULL;
      Done    done = { NULL, NULL };
      guint   i;

      while (run->error == NULL && run->next < run->ids->len &&
             run->next >= run->emitted + WINDOW)
        g_cond_wait (&run->cond, &run->lock);
      if (run->error != NULL || run->next >= run->ids->len)
        break;
      i = run->next++;
      g_mutex_unlock (&run->lock);

      process_document (run, worker, i, &done, &error);

      g_mutex_lock (&run->lock);
      if (error != NULL)
        {
          if (run->error == NULL)
            run->error = error;
          else
            g_error_free (error);
        }
      else
        run->window[i % WINDOW] = done;
      g_cond_broadcast (&run->cond);
    }
  g_mutex_unlock (&run->lock);
  return NULL;
}

static void
hand_on (Run                        *run,
         Done                       *done,
         gboolean                    keep,
         DocumentSink                sink,
         gpointer                    sink_data,
         GlossAgreementProgressFunc  progress,
         gpointer                    progress_data,
         guint                       n_done)
{
  if (sink != NULL)
    sink (run, done->scores, done->json, sink_data);
  g_free (done->json);
  if (keep)
    g_ptr_array_add (run->agreement->documents, done->scores);
  else
    scores_free (done->scores);
  if (progress != NULL)
    progress (n_done, run->ids->len, progress_data);
}

/* How many threads work through the documents: two where there are two
 * cores and enough documents to pay for the second connection;
 * GLOSS_AGREEMENT_THREADS (1 or 2) decides instead, for measuring. */
static guint
n_workers_for (guint n_documents)
{
  const char *env = g_getenv ("GLOSS_AGREEMENT_THREADS");
  guint       n = MIN (g_get_num_processors (), 2);

  if (env != NULL && (strcmp (env, "1") == 0 || strcmp (env, "2") == 0))
    return (guint) (env[0] - '0');
  return n_documents < 16 ? 1 : n;
}

/* Runs every document through the workers and hands their scores on in
 * document order; the project's scores go into run->agreement. */
static gboolean
run_documents (Run                        *run,
               gboolean                    keep,
               DocumentSink                sink,
               gpointer                    sink_data,
               GlossAgreementProgressFunc  progress,
               gpointer                    progress_data,
               GError                    **error)
{
  guint    n_workers = n_workers_for (run->ids->len);
  guint    n_labels = run->ctx.labels->len, n_ann = run->agreement->annotators->len;
  Worker   workers[2] = { { 0 } };
  gboolean ok = TRUE;

  for (guint w = 0; w < n_workers; w++)
    {
      workers[w].run = run;
      workers[w].totals = totals_new (n_labels, n_ann);
    }
  /* a second connection for each thread, reading in one transaction (one
   * snapshot, and no lock taken and dropped for every statement) through a
   * memory map; a project in memory has none, and then the calling thread
   * does the work on the project's */
  if (n_workers > 1)
    for (guint w = 0; w < n_workers && n_workers > 1; w++)
      {
        workers[w].store = gloss_store_open_reader (run->store, NULL);
        workers[w].own_store = TRUE;
        if (workers[w].store != NULL &&
            sqlite3_exec (_gloss_store_get_db (workers[w].store),
                          "BEGIN", NULL, NULL,
                          NULL) != SQLITE_OK)
          g_clear_object (&workers[w].store);
        if (workers[w].store == NULL)
          {
            for (guint k = 1; k < n_workers; k++)
              {
                g_clear_object (&workers[k].store);
                totals_free (workers[k].totals);
                workers[k].totals = NULL;
              }
            g_clear_object (&workers[0].store);
            n_workers = 1;
          }
      }

  if (n_workers == 1)
    {
      workers[0].store = run->store;
      workers[0].own_store = FALSE;
      for (guint i = 0; i < run->ids->len && ok; i++)
        {
          Done done = { NULL, NULL };

          ok = process_document (run, &workers[0], i, &done, error);
          if (ok)
            {
              hand_on (run, &done, keep, sink, sink_data, progress, progress_data, i + 1);
              /* cancelled while handing on (the last document too) */
              ok = !g_cancellable_set_error_if_cancelled (run->cancellable, error);
            }
        }
    }
  else
    {
      for (guint w = 0; w < n_workers; w++)
        workers[w].thread = g_thread_new ("gloss-agreement", worker_thread, &workers[w]);
      for (guint i = 0; i < run->ids->len; i++)
        {
          Done done;

          g_mutex_lock (&run->lock);
          while (run->error == NULL && run->window[i % WINDOW].scores == NULL)
            g_cond_wait (&run->cond, &run->lock);
          if (run->error != NULL)
            {
              g_mutex_unlock (&run->lock);
              break;
            }
          done = run->window[i % WINDOW];
          run->window[i % WINDOW] = (Done) { NULL, NULL };
          run->emitted = i + 1;
          g_cond_broadcast (&run->cond);
          g_mutex_unlock (&run->lock);
          hand_on (run, &done, keep, sink, sink_data, progress, progress_data, i + 1);
          if (g_cancellable_is_cancelled (run->cancellable))
            {
              g_mutex_lock (&run->lock);
              if (run->error == NULL)
                g_cancellable_set_error_if_cancelled (run->cancellable, &run->error);
              g_cond_broadcast (&run->cond);
              g_mutex_unlock (&run->lock);
              break;
            }
        }
      for (guint w = 0; w < n_workers; w++)
        g_thread_join (workers[w].thread);
      /* scores made past a failure */
      for (guint i = 0; i < WINDOW; i++)
        {
          g_clear_pointer (&run->window[i].scores, scores_free);
          g_clear_pointer (&run->window[i].json, g_free);
        }
      if (run->error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&run->error));
          ok = FALSE;
        }
    }

  /* the workers' sums are counts: merged in worker order, the same figures
   * whichever worker took which document */
  for (guint w = 1; w < n_workers; w++)
    totals_merge (workers[0].totals, workers[w].totals);
  if (ok)
    run->agreement->project = totals_to_scores (&run->ctx, workers[0].totals,
                                                run->agreement->annotators);
  for (guint w = 0; w < n_workers; w++)
    {
      if (workers[w].own_store && workers[w].store != NULL)
        {
          sqlite3_exec (_gloss_store_get_db (workers[w].store), "COMMIT", NULL, NULL, NULL);
          g_clear_object (&workers[w].store);
        }
      totals_free (workers[w].totals);
    }
  return ok;
}

/* Adds the names that @sql gives in its first column to @first and, when
 * @second is not NULL, in its second column to @second; run over the whole
 * project, or (@per_document) for each of @ids as ?1. */
static gboolean
select_names (GlossStore  *store,
              const char  *sql,
              gboolean     per_document,
              GArray      *ids,
              GHashTable  *first,
              GHashTable  *second,
              GError     **error)
{
  for (guint d = 0; d < (per_document ? ids->len : 1); d++)
    {
      g_autoptr(GlossStmt) stmt = _gloss_store_prepare (store, sql, error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      if (per_document)
        sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, d));
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        for (int c = 0; c < (second ? 2 : 1); c++)
          {
            const char *name = (const char *) sqlite3_column_text (stmt, c);
            GHashTable *set = c == 0 ? first : second;

            if (name != NULL && !g_hash_table_contains (set, name))
              g_hash_table_add (set, g_strdup (name));
          }
      if (rc != SQLITE_DONE)
        {
          _gloss_store_set_error_from_db (store, error, _("Cannot read the annotations"));
          return FALSE;
        }
    }
  return TRUE;
}

/* The names of @set, sorted, without "gold" and "" when @annotators. */
static GPtrArray *
sorted_names (GHashTable *set,
              gboolean    annotators)
{
  GPtrArray     *names = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer       k;

  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, &k, NULL))
    if (!annotators || (strcmp (k, GLOSS_GOLD_ANNOTATOR) != 0 && *(const char *) k != '\0'))
      g_ptr_array_add (names, g_strdup (k));
  g_ptr_array_sort (names, compare_strings);
  return names;
}

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->agreement, gloss_agreement_free);
  g_clear_pointer (&run->ctx.labels, g_ptr_array_unref);
  g_clear_pointer (&run->ids, g_array_unref);
  g_clear_pointer (&run->label_filter, g_hash_table_unref);
  g_clear_pointer (&run->label_index, g_hash_table_unref);
  g_clear_error (&run->error);
  g_mutex_clear (&run->lock);
  g_cond_clear (&run->cond);
}

/* Everything but the documents: which documents, annotators and labels,
 * found with SQL (live annotations, and status rows for the annotators)
 * instead of by loading every document. */
static gboolean
run_init (Run                 *run,
          GlossProject        *project,
          GArray              *documents,
          const char * const  *annotators,
          const char * const  *labels,
          GCancellable        *cancellable,
          GError             **error)
{
  /* one scan of the annotations finds both */
  static const char sql_labels_annotators[] =
    "SELECT DISTINCT label, annotator FROM annotations WHERE deleted = 0";
  static const char sql_document_labels_annotators[] =
    "SELECT DISTINCT label, annotator FROM annotations WHERE document = ?1 AND deleted = 0";
  static const char sql_status_annotators[] = "SELECT DISTINCT annotator FROM document_status";
  static const char sql_document_status_annotators[] =
    "SELECT annotator FROM document_status WHERE document = ?1";
  g_autoptr(GHashTable) label_set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) annotator_set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                               NULL);
  GlossAgreement *result;

  memset (run, 0, sizeof (Run));
  g_mutex_init (&run->lock);
  g_cond_init (&run->cond);
  run->store = gloss_project_get_store (project);
  run->cancellable = cancellable;
  if (documents == NULL)
    {
      run->ids = gloss_store_list_document_ids (run->store, error);
      if (run->ids == NULL)
        return FALSE;
    }
  else
    {
      run->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), documents->len);
      g_array_append_vals (run->ids, documents->data, documents->len);
    }

  result = run->agreement = g_new0 (GlossAgreement, 1);
  result->n_documents = run->ids->len;
  result->documents = g_ptr_array_new_with_free_func ((GDestroyNotify) scores_free);
  if ((labels == NULL || annotators == NULL) &&
      (!select_names (run->store,
                      documents ? sql_document_labels_annotators : sql_labels_annotators,
                      documents != NULL, run->ids, label_set, annotator_set, error) ||
       (annotators == NULL &&
        !select_names (run->store,
                       documents ? sql_document_status_annotators : sql_status_annotators,
                       documents != NULL, run->ids, annotator_set, NULL, error))))
    return FALSE;
  if (labels != NULL)
    {
      g_hash_table_remove_all (label_set);
      for (guint i = 0; labels[i]; i++)
        if (!g_hash_table_contains (label_set, labels[i]))
          g_hash_table_add (label_set, g_strdup (labels[i]));
    }
  result->labels = sorted_names (label_set, FALSE);
  if (annotators != NULL)
    {
      result->annotators = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; annotators[i]; i++)
        g_ptr_array_add (result->annotators, g_strdup (annotators[i]));
    }
  else
    result->annotators = sorted_names (annotator_set, TRUE);

  run->ctx.labels = g_ptr_array_new ();
  g_ptr_array_add (run->ctx.labels, (gpointer) "O");
  run->label_index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < result->labels->len; i++)
    {
      g_ptr_array_add (run->ctx.labels, g_ptr_array_index (result->labels, i));
      g_hash_table_insert (run->label_index, g_ptr_array_index (result->labels, i),
                           GINT_TO_POINTER (i + 1));
    }
  run->label_filter = g_hash_table_ref (run->label_index);
  return TRUE;
}

GlossAgreement *
gloss_agreement_compute_full (GlossProject               *project,
                              GArray                     *documents,
                              const char * const         *annotators,
                              const char * const         *labels,
                              gboolean                    keep_documents,
                              GlossAgreementProgressFunc  progress,
                              gpointer                    user_data,
                              GCancellable               *cancellable,
                              GError                    **error)
{
  Run             run;
  GlossAgreement *result = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), NULL);

  if (run_init (&run, project, documents, annotators, labels, cancellable, error) &&
      run_documents (&run, keep_documents, NULL, NULL, progress, user_data, error))
    result = g_steal_pointer (&run.agreement);
  run_clear (&run);
  return result;
}

GlossAgreement *
gloss_agreement_compute (GlossProject        *project,
                         GArray              *documents,
                         const char * const  *annotators,
                         const char * const  *labels,
                         GCancellable        *cancellable,
                         GError             **error)
{
  return gloss_agreement_compute_full (project, documents, annotators, labels, TRUE, NULL, NULL,
                                       cancellable, error);
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

/* One scores object, pretty-printed on its own (indent 0). */
static char *
scores_to_json (GlossAgreement       *agreement,
                GlossAgreementScores *s)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  add_scores (b, agreement, s);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  return json_generator_to_data (gen, NULL);
}

/* @text with every line indented by @indent more spaces, the first line
 * too when @first: what a value printed on its own looks like nested. */
static void
append_indented (GString    *out,
                 const char *text,
                 guint       indent,
                 gboolean    first)
{
  const char *line = text;

  for (;;)
    {
      const char *nl = strchr (line, '\n');

      if (line != text || first)
        for (guint i = 0; i < indent; i++)
          g_string_append_c (out, ' ');
      if (nl == NULL)
        {
          g_string_append (out, line);
          return;
        }
      g_string_append_len (out, line, nl - line + 1);
      line = nl + 1;
    }
}

/* The start of the report, up to the opening of "documents": the
 * annotators and the labels, as json-glib prints them. */
static void
append_json_head (GString        *out,
                  GlossAgreement *agreement)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  char *end;

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
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  /* the object's closing "\n}" gives way to more members */
  end = strrchr (text, '\n');
  g_assert (end != NULL);
  g_string_append_len (out, text, end - text);
  g_string_append (out, ",\n  \"documents\" : [");
}

/* After the documents (@n_documents of them): the project's scores and the
 * end of the report. */
static void
append_json_tail (GString        *out,
                  GlossAgreement *agreement,
                  guint           n_documents)
{
  g_autofree char *project = scores_to_json (agreement, agreement->project);

  g_string_append (out, n_documents > 0 ? "\n  ],\n  \"project\" : " : "],\n  \"project\" : ");
  append_indented (out, project, 2, FALSE);
  g_string_append (out, "\n}");
}

static void
append_json_document (GString    *out,
                      const char *json,
                      guint       index)
{
  g_string_append (out, index == 0 ? "\n" : ",\n");
  append_indented (out, json, 4, TRUE);
}

char *
gloss_agreement_to_json (GlossAgreement *agreement)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (agreement != NULL, NULL);

  append_json_head (out, agreement);
  for (guint i = 0; i < agreement->documents->len; i++)
    {
      g_autofree char *json = scores_to_json (agreement,
                                              g_ptr_array_index (agreement->documents, i));

      append_json_document (out, json, i);
    }
  append_json_tail (out, agreement, agreement->documents->len);
  return g_string_free (out, FALSE);
}

typedef struct
{
  GOutputStream *out;
  GCancellable  *cancellable;
  GString       *buffer;
  guint          n_documents;
  GError        *error;        /* the first failed write */
} JsonSink;

static void
json_sink_flush (JsonSink *sink)
{
  if (sink->error == NULL && sink->buffer->len > 0)
    g_output_stream_write_all (sink->out, sink->buffer->str, sink->buffer->len, NULL,
                               sink->cancellable, &sink->error);
  g_string_truncate (sink->buffer, 0);
}

static void
json_document_cb (Run                  *run,
                  GlossAgreementScores *scores,
                  const char           *json,
                  gpointer              user_data)
{
  JsonSink *sink = user_data;

  append_json_document (sink->buffer, json, sink->n_documents++);
  if (sink->buffer->len >= 64 * 1024)
    json_sink_flush (sink);
  /* a reader that went away stops the work */
  if (sink->error != NULL && run->cancellable != NULL)
    g_cancellable_cancel (run->cancellable);
}

static void
cancel_cb (GCancellable *cancellable,
           gpointer      stop)
{
  g_cancellable_cancel (stop);
}

gboolean
gloss_agreement_write_json (GlossProject        *project,
                            GArray              *documents,
                            const char * const  *annotators,
                            const char * const  *labels,
                            GOutputStream       *out,
                            GCancellable        *cancellable,
                            GError             **error)
{
  g_autoptr(GCancellable) stop = g_cancellable_new ();
  g_autoptr(GError) local = NULL;
  JsonSink sink = { out, cancellable, g_string_new (NULL), 0, NULL };
  gulong   handler = 0;
  gboolean ok;
  Run      run;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  /* the workers stop on the caller's cancellable or on a failed write */
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (cancel_cb),
                                     g_object_ref (stop), g_object_unref);
  ok = run_init (&run, project, documents, annotators, labels, stop, &local);
  if (ok)
    {
      run.json = TRUE;
      append_json_head (sink.buffer, run.agreement);
      ok = run_documents (&run, FALSE, json_document_cb, &sink, NULL, NULL, &local);
    }
  if (ok)
    {
      append_json_tail (sink.buffer, run.agreement, sink.n_documents);
      json_sink_flush (&sink);
    }
  /* a failed write says more than the cancellation it caused */
  if (sink.error != NULL)
    {
      g_clear_error (&local);
      local = g_steal_pointer (&sink.error);
      ok = FALSE;
    }
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local));
  if (handler != 0)
    g_cancellable_disconnect (cancellable, handler);
  g_string_free (sink.buffer, TRUE);
  run_clear (&run);
  return ok;
}
