/* test-span-index.c: the interval index against a brute-force list
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "gloss-span-index.h"
#include "gloss-span-index-private.h"

#define DEFAULT_SEED 20260417

typedef struct
{
  guint    start;
  guint    end;
  gpointer data;
} Entry;

static guint32
get_seed (void)
{
  const char *env = g_getenv ("GLOSS_TEST_SEED");
  guint32 seed = DEFAULT_SEED;

  if (env != NULL && *env != '\0')
    seed = strtoul (env, NULL, 10);

  g_test_message ("seed %u (set GLOSS_TEST_SEED to replay)", seed);

  return seed;
}

static int
entry_compare (const Entry *a,
               const Entry *b)
{
  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  if (a->end != b->end)
    return a->end < b->end ? -1 : 1;
  if (a->data != b->data)
    return GPOINTER_TO_SIZE (a->data) < GPOINTER_TO_SIZE (b->data) ? -1 : 1;
  return 0;
}

/* The brute-force model: a sorted array of entries. Returns the position of
 * @e, or where it would go, in @pos. */
static gboolean
model_find (GArray      *model,
            const Entry *e,
            guint       *pos)
{
  guint lo = 0;
  guint hi = model->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      int cmp = entry_compare (&g_array_index (model, Entry, mid), e);

      if (cmp == 0)
        {
          *pos = mid;
          return TRUE;
        }
      if (cmp < 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  *pos = lo;
  return FALSE;
}

static guint64
effective_end (const Entry *e)
{
  return e->end > e->start ? e->end : (guint64) e->start + 1;
}

static void
model_query (GArray    *model,
             guint      start,
             guint      end,
             gboolean   unique,
             GPtrArray *out)
{
  guint64 qe = end > start ? end : (guint64) start + 1;
  guint first = out->len;

  for (guint i = 0; i < model->len; i++)
    {
      const Entry *e = &g_array_index (model, Entry, i);

      if (e->start < qe && effective_end (e) > start)
        {
          guint j;

          if (unique)
            {
              for (j = first; j < out->len; j++)
                if (out->pdata[j] == e->data)
                  break;
              if (j < out->len)
                continue;
            }
          g_ptr_array_add (out, e->data);
        }
    }
}

static void
assert_same_results (GPtrArray *expected,
                     GPtrArray *actual)
{
  g_assert_cmpuint (actual->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_true (actual->pdata[i] == expected->pdata[i]);
}

static gboolean
collect_entry_cb (guint    start,
                  guint    end,
                  gpointer data,
                  gpointer user_data)
{
  GArray *entries = user_data;
  Entry e = { start, end, data };

  g_array_append_val (entries, e);

  return TRUE;
}

static void
assert_same_entries (GlossSpanIndex *index,
                     GArray         *model)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (Entry));

  gloss_span_index_foreach (index, collect_entry_cb, entries);

  g_assert_cmpuint (entries->len, ==, model->len);
  for (guint i = 0; i < model->len; i++)
    g_assert_cmpint (entry_compare (&g_array_index (entries, Entry, i),
                                    &g_array_index (model, Entry, i)), ==, 0);
}

/* Positions are crowded into a short range so that many entries share a
 * start, many are empty and many overlap; data pointers come from a small
 * pool (NULL included) so that the same data recurs with other intervals. */
#define MAX_START 400
#define MAX_LENGTH 60
#define N_DATA 48

static Entry
random_entry (GRand *rand)
{
  Entry e;
  guint length;

  e.start = g_rand_int_range (rand, 0, MAX_START);
  length = g_rand_int_range (rand, 0, 10) < 3 ? 0 : g_rand_int_range (rand, 1, MAX_LENGTH);
  e.end = e.start + length;
  e.data = GUINT_TO_POINTER (g_rand_int_range (rand, 0, N_DATA));

  return e;
}

static void
test_random (void)
{
  g_autoptr(GlossSpanIndex) index = gloss_span_index_new ();
  g_autoptr(GArray) model = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  g_autoptr(GPtrArray) actual = g_ptr_array_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (get_seed ());
  guint n_ops = g_test_slow () ? 1000000 : 150000;
  guint n_found = 0;
  guint max_size = 0;

  for (guint op = 0; op < n_ops; op++)
    {
      guint target = (op / 20000) % 2 == 0 ? 1500 : 100;
      guint r = g_rand_int_range (rand, 0, 100);
      guint pos;

      if (r < (model->len < target ? 45 : 25))
        {
          /* Insert, sometimes an entry that is already there. */
          Entry e = random_entry (rand);
          gboolean present;

          if (model->len > 0 && g_rand_int_range (rand, 0, 10) == 0)
            e = g_array_index (model, Entry, g_rand_int_range (rand, 0, model->len));

          present = model_find (model, &e, &pos);
          g_assert_cmpint (gloss_span_index_insert (index, e.start, e.end, e.data), ==, !present);
          if (!present)
            g_array_insert_val (model, pos, e);
        }
      else if (r < 65)
        {
          /* Remove an entry that is there. */
          Entry e;

          if (model->len == 0)
            continue;

          pos = g_rand_int_range (rand, 0, model->len);
          e = g_array_index (model, Entry, pos);
          g_assert_true (gloss_span_index_remove (index, e.start, e.end, e.data));
          g_array_remove_index (model, pos);
          g_assert_false (gloss_span_index_remove (index, e.start, e.end, e.data));
        }
      else if (r < 72)
        {
          /* Remove an entry that is probably not there. */
          Entry e = random_entry (rand);
          gboolean present = model_find (model, &e, &pos);

          g_assert_cmpint (gloss_span_index_remove (index, e.start, e.end, e.data), ==, present);
          if (present)
            g_array_remove_index (model, pos);
        }
      else if (r < 75)
        {
          Entry e = random_entry (rand);

          g_assert_cmpint (gloss_span_index_contains (index, e.start, e.end, e.data), ==,
                           model_find (model, &e, &pos));
        }
      else if (r < 87)
        {
          guint offset = g_rand_int_range (rand, 0, MAX_START + MAX_LENGTH + 10);

          g_ptr_array_set_size (expected, 0);
          g_ptr_array_set_size (actual, 0);
          model_query (model, offset, offset + 1, FALSE, expected);
          gloss_span_index_query_point (index, offset, actual);
          assert_same_results (expected, actual);
          n_found += actual->len;
        }
      else
        {
          guint start = g_rand_int_range (rand, 0, MAX_START + MAX_LENGTH + 10);
          guint end = start + (g_rand_int_range (rand, 0, 5) == 0 ? 0 : g_rand_int_range (rand, 1, 120));
          gboolean unique = g_rand_boolean (rand);

          /* Results are appended after what @out already holds. */
          g_ptr_array_set_size (expected, 0);
          g_ptr_array_set_size (actual, 0);
          g_ptr_array_add (expected, GUINT_TO_POINTER (1));
          g_ptr_array_add (actual, GUINT_TO_POINTER (1));

          model_query (model, start, end, unique, expected);
          if (unique)
            gloss_span_index_query_range_unique (index, start, end, actual);
          else
            gloss_span_index_query_range (index, start, end, actual);
          assert_same_results (expected, actual);
          n_found += actual->len;
        }

      g_assert_cmpuint (gloss_span_index_get_size (index), ==, model->len);
      max_size = MAX (max_size, model->len);

      if (op % 5003 == 0)
        {
          g_assert_true (_gloss_span_index_check (index));
          assert_same_entries (index, model);
        }
    }

  g_assert_true (_gloss_span_index_check (index));
  assert_same_entries (index, model);
  g_test_message ("%u operations, up to %u entries, %u results", n_ops, max_size, n_found);

  gloss_span_index_clear (index);
  g_assert_cmpuint (gloss_span_index_get_size (index), ==, 0);
  g_assert_true (_gloss_span_index_check (index));
}

static void
test_order (void)
{
  g_autoptr(GlossSpanIndex) index = gloss_span_index_new ();
  g_autoptr(GPtrArray) out = g_ptr_array_new ();
  static int d[8];
  /* In (start, end, data) order; inserted scrambled below. */
  const Entry sorted[] = {
    { 0, 0, &d[3] },
    { 0, 5, &d[0] },
    { 0, 5, &d[1] },
    { 0, 9, &d[0] },
    { 2, 2, &d[2] },
    { 2, 3, &d[2] },
    { 4, 20, &d[4] },
    { 10, 12, &d[5] },
  };
  const guint scramble[] = { 6, 2, 7, 0, 4, 1, 5, 3 };

  G_STATIC_ASSERT (G_N_ELEMENTS (sorted) == G_N_ELEMENTS (scramble));

  for (guint i = 0; i < G_N_ELEMENTS (scramble); i++)
    {
      const Entry *e = &sorted[scramble[i]];

      g_assert_true (gloss_span_index_insert (index, e->start, e->end, e->data));
      g_assert_true (_gloss_span_index_check (index));
    }
  g_assert_false (gloss_span_index_insert (index, 0, 5, &d[1]));
  g_assert_cmpuint (gloss_span_index_get_size (index), ==, G_N_ELEMENTS (sorted));

  gloss_span_index_query_range (index, 0, 100, out);
  g_assert_cmpuint (out->len, ==, G_N_ELEMENTS (sorted));
  for (guint i = 0; i < G_N_ELEMENTS (sorted); i++)
    g_assert_true (out->pdata[i] == sorted[i].data);

  /* An empty entry answers at its own offset only. */
  g_ptr_array_set_size (out, 0);
  gloss_span_index_query_point (index, 2, out);
  g_assert_cmpuint (out->len, ==, 5);
  g_assert_true (out->pdata[0] == &d[0]);
  g_assert_true (out->pdata[1] == &d[1]);
  g_assert_true (out->pdata[2] == &d[0]);
  g_assert_true (out->pdata[3] == &d[2]);
  g_assert_true (out->pdata[4] == &d[2]);

  g_ptr_array_set_size (out, 0);
  gloss_span_index_query_point (index, 3, out);
  g_assert_cmpuint (out->len, ==, 3);

  /* End-exclusive. */
  g_ptr_array_set_size (out, 0);
  gloss_span_index_query_point (index, 20, out);
  g_assert_cmpuint (out->len, ==, 0);
  g_ptr_array_set_size (out, 0);
  gloss_span_index_query_range (index, 12, 20, out);
  g_assert_cmpuint (out->len, ==, 1);
  g_assert_true (out->pdata[0] == &d[4]);

  /* An empty query range is a point query. */
  g_ptr_array_set_size (out, 0);
  gloss_span_index_query_range (index, 0, 0, out);
  g_assert_cmpuint (out->len, ==, 4);
  g_assert_true (out->pdata[0] == &d[3]);
}

static void
test_unique (void)
{
  g_autoptr(GlossSpanIndex) index = gloss_span_index_new ();
  g_autoptr(GPtrArray) out = g_ptr_array_new ();
  static int a, b, c;

  /* A discontinuous annotation a with three fragments. */
  g_assert_true (gloss_span_index_insert (index, 0, 5, &a));
  g_assert_true (gloss_span_index_insert (index, 10, 15, &a));
  g_assert_true (gloss_span_index_insert (index, 20, 20, &a));
  g_assert_true (gloss_span_index_insert (index, 3, 12, &b));
  g_assert_true (gloss_span_index_insert (index, 30, 40, &c));

  gloss_span_index_query_range (index, 0, 25, out);
  g_assert_cmpuint (out->len, ==, 4);
  g_assert_true (out->pdata[0] == &a);
  g_assert_true (out->pdata[1] == &b);
  g_assert_true (out->pdata[2] == &a);
  g_assert_true (out->pdata[3] == &a);

  g_ptr_array_set_size (out, 0);
  gloss_span_index_query_range_unique (index, 0, 25, out);
  g_assert_cmpuint (out->len, ==, 2);
  g_assert_true (out->pdata[0] == &a);
  g_assert_true (out->pdata[1] == &b);

  /* Dedup covers only what this call appends. */
  g_ptr_array_set_size (out, 0);
  g_ptr_array_add (out, &b);
  gloss_span_index_query_range_unique (index, 11, 35, out);
  g_assert_cmpuint (out->len, ==, 4);
  g_assert_true (out->pdata[0] == &b);
  g_assert_true (out->pdata[1] == &b);
  g_assert_true (out->pdata[2] == &a);
  g_assert_true (out->pdata[3] == &c);

  /* Many fragments of few annotations: past the linear-scan threshold. */
  for (guint i = 0; i < 500; i++)
    g_assert_true (gloss_span_index_insert (index, 100 + i, 101 + i, i % 2 ? &b : &c));
  g_ptr_array_set_size (out, 0);
  gloss_span_index_query_range_unique (index, 0, 1000, out);
  g_assert_cmpuint (out->len, ==, 3);
  g_assert_true (out->pdata[0] == &a);
  g_assert_true (out->pdata[1] == &b);
  g_assert_true (out->pdata[2] == &c);
}

static gboolean
stop_after_three_cb (guint    start,
                     guint    end,
                     gpointer data,
                     gpointer user_data)
{
  guint *count = user_data;

  return ++*count < 3;
}

static void
test_foreach_stop (void)
{
  g_autoptr(GlossSpanIndex) index = gloss_span_index_new ();
  guint count = 0;

  for (guint i = 0; i < 10; i++)
    gloss_span_index_insert (index, i, i + 1, NULL);

  gloss_span_index_foreach (index, stop_after_three_cb, &count);
  g_assert_cmpuint (count, ==, 3);
}

static void
test_large (void)
{
  g_autoptr(GlossSpanIndex) index = gloss_span_index_new ();
  g_autoptr(GPtrArray) out = g_ptr_array_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (get_seed ());
  guint n = g_test_slow () ? 1000000 : 200000;
  guint height;

  /* Sorted inserts are the worst case for an unbalanced tree. */
  for (guint i = 0; i < n; i++)
    g_assert_true (gloss_span_index_insert (index, i, i + 3, GUINT_TO_POINTER (i)));

  g_assert_cmpuint (gloss_span_index_get_size (index), ==, n);
  g_assert_true (_gloss_span_index_check (index));
  height = _gloss_span_index_get_height (index);
  g_test_message ("%u entries, height %u", n, height);
  g_assert_cmpfloat (height, <=, 1.45 * log2 (n + 2));

  for (guint i = 0; i < 1000; i++)
    {
      guint offset = g_rand_int_range (rand, 0, n + 5);

      guint lo = offset >= 2 ? offset - 2 : 0;
      guint hi = MIN (offset, n - 1);

      g_ptr_array_set_size (out, 0);
      gloss_span_index_query_point (index, offset, out);
      g_assert_cmpuint (out->len, ==, hi >= lo ? hi - lo + 1 : 0);
      for (guint j = 0; j < out->len; j++)
        g_assert_cmpuint (GPOINTER_TO_UINT (out->pdata[j]), ==, lo + j);
    }

  /* Remove every other entry, then the rest in reverse. */
  for (guint i = 0; i < n; i += 2)
    g_assert_true (gloss_span_index_remove (index, i, i + 3, GUINT_TO_POINTER (i)));
  g_assert_true (_gloss_span_index_check (index));
  for (guint k = n / 2; k > 0; k--)
    g_assert_true (gloss_span_index_remove (index, 2 * k - 1, 2 * k + 2, GUINT_TO_POINTER (2 * k - 1)));
  g_assert_cmpuint (gloss_span_index_get_size (index), ==, 0);
  g_assert_true (_gloss_span_index_check (index));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/span-index/random", test_random);
  g_test_add_func ("/core/span-index/order", test_order);
  g_test_add_func ("/core/span-index/unique", test_unique);
  g_test_add_func ("/core/span-index/foreach-stop", test_foreach_stop);
  g_test_add_func ("/core/span-index/large", test_large);

  return g_test_run ();
}
