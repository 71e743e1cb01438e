/* bench-suggest-rules.c: the rules suggester on the 1 MB generated document
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-suggest-rules [--runs N] FILE
 *
 * FILE is the generated document: news_1m.jsonl of
 *   python3 ../shared/bench/gen_corpus.py --out DIR --sizes 1m --no-brat
 * (DIR/jsonl/news_1m.jsonl, whose first line's "text" is read), or any
 * UTF-8 .txt file. Reads it into a GlossSuggestInput with the news schema
 * (tokenizing it, as the engine does once per document) and times
 * gloss_suggester_suggest() of the rules suggester, N runs (default 5).
 * Prints one "name value unit" line per measure, the median of the runs:
 *   rules-input-1mb <ms> ms    (reading the document: text, tokens, offsets)
 *   rules-1mb <ms> ms          (the suggester alone; the goal is < 100 ms)
 *   rules-1mb-min <ms> ms      (the fastest run: less noise on a shared machine)
 *   rules-1mb-cpu <ms> ms      (the median of the thread's CPU time)
 *   rules-1mb-suggestions <n> count
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <json-glib/json-glib.h>

#include "gloss.h"
#include "gloss-suggester.h"
#include "gloss-suggester-rules.h"
#include "bench-util.h"

/* This thread's CPU time in ms: what the suggester costs when other
 * processes share the cores. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GlossSchema) schema = NULL;
  g_autoptr(GlossSuggester) rules = NULL;
  g_autoptr(GArray) input_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) suggest_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) suggest_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *text = NULL;
  guint            runs = 5, n_suggestions = 0;
  const char      *path = NULL;

  path = bench_parse_runs (argc, argv, "news_1m.jsonl|FILE.txt",
                           "python3 ../shared/bench/gen_corpus.py --out DIR --sizes 1m --no-brat "
                           "writes DIR/jsonl/news_1m.jsonl",
                           &runs);
  if (path == NULL)
    return 2;

  text = bench_read_text (path);
  schema = gloss_schema_new_preset ("news", NULL);
  rules = gloss_rules_suggester_new ();

  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(GlossSuggestInput) input = NULL;
      g_autoptr(GPtrArray) out = NULL;
      g_autoptr(GError) error = NULL;
      gint64 t0, t1, t2;
      double ms, c1, c2;

      t0 = g_get_monotonic_time ();
      input = gloss_suggest_input_new_text ("news_1m", text, schema, NULL);
      t1 = g_get_monotonic_time ();
      c1 = cpu_ms ();
      out = gloss_suggester_suggest (rules, input, NULL, &error);
      c2 = cpu_ms ();
      t2 = g_get_monotonic_time ();
      if (out == NULL)
        g_error ("%s", error->message);
      n_suggestions = out->len;
      ms = (t1 - t0) / 1000.0;
      g_array_append_val (input_ms, ms);
      ms = (t2 - t1) / 1000.0;
      g_array_append_val (suggest_ms, ms);
      ms = c2 - c1;
      g_array_append_val (suggest_cpu_ms, ms);
    }

  printf ("rules-input-1mb %.1f ms\n", bench_quantile (input_ms, 0.5));
  printf ("rules-1mb %.1f ms\n", bench_quantile (suggest_ms, 0.5));
  printf ("rules-1mb-min %.1f ms\n", bench_quantile (suggest_ms, 0.0));
  printf ("rules-1mb-cpu %.1f ms\n", bench_quantile (suggest_cpu_ms, 0.5));
  printf ("rules-1mb-suggestions %u count\n", n_suggestions);
  return 0;
}
