/* bench-suggest-gazetteer.c: the gazetteer suggester on the 1 MB generated document
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-suggest-gazetteer TXT ANN [--entries N] [--runs N]
 *
 * TXT and ANN are the brat document gen_corpus.py writes
 * (python3 ../shared/bench/gen_corpus.py --out C --sizes 1m --no-jsonl:
 * C/brat/news_1m/news_1m.txt and .ann). The first N distinct texts of its
 * entities (default 3,000) become the entries, labelled with the "news"
 * preset's labels; then the gazetteer runs on the whole document: once
 * cold (its index built on the way) and --runs times warm (the median is
 * printed), case-sensitive and not. Prints "name value unit" lines.
 */

#include "config.h"

#include <stdio.h>

#include "gloss.h"
#include "gloss-suggester-gazetteer.h"
#include "bench-util.h"

static const char *
news_label (const char *brat)
{
  static const char * const map[][2] = {
    { "Person", "PERSON" },
    { "Organization", "ORG" },
    { "GPE", "GPE" },
    { "Location", "LOC" },
    { "Facility", "FAC" },
    { "Date", "DATE" },
    { "Money", "MONEY" },
    { "Event", "EVENT" },
    { "Percent", "QUANTITY" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (g_str_equal (map[i][0], brat))
      return map[i][1];
  return NULL;
}

static double
ms_since (gint64 t0)
{
  return (g_get_monotonic_time () - t0) / 1000.0;
}

static void
run (GlossSuggester    *suggester,
     GlossSuggestInput *input,
     guint              runs,
     const char        *name)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  guint n = 0;

  for (guint r = 0; r < runs; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(GPtrArray) suggestions = gloss_suggester_suggest (suggester, input, NULL, &error);
      double ms = ms_since (t0);

      if (suggestions == NULL)
        g_error ("%s", error->message);
      n = suggestions->len;
      if (r == 0)
        printf ("%s_cold %.1f ms\n", name, ms);
      g_array_append_val (times, ms);
    }
  printf ("%s %.1f ms\n", name, bench_quantile (times, 0.5));
  printf ("%s_suggestions %u count\n", name, n);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *ann = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GlossSchema) schema = NULL;
  g_autoptr(GlossSuggestInput) input = NULL;
  g_autoptr(GlossSuggester) suggester = gloss_gazetteer_suggester_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GlossGazetteerSuggester *gaz = GLOSS_GAZETTEER_SUGGESTER (suggester);
  const char              *txt_path = NULL, *ann_path = NULL;
  guint                    max_entries = 3000, runs = 5;
  gint64                   t0;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--entries") && i + 1 < argc)
        max_entries = (guint) g_ascii_strtoull (argv[++i], NULL, 10);
      else if (g_str_equal (argv[i], "--runs") && i + 1 < argc)
        runs = MAX (1, (guint) g_ascii_strtoull (argv[++i], NULL, 10));
      else if (txt_path == NULL)
        txt_path = argv[i];
      else if (ann_path == NULL)
        ann_path = argv[i];
    }
  if (ann_path == NULL)
    {
      fprintf (stderr, "usage: %s TXT ANN [--entries N] [--runs N]\n", argv[0]);
      return 2;
    }
  if (!g_file_get_contents (txt_path, &text, NULL, &error) ||
      !g_file_get_contents (ann_path, &ann, NULL, &error))
    g_error ("%s", error->message);

  lines = g_strsplit (ann, "\n", -1);
  for (guint i = 0; lines[i] != NULL && g_hash_table_size (seen) < max_entries; i++)
    {
      g_auto(GStrv) cols = g_strsplit (lines[i], "\t", 3);
      g_auto(GStrv) head = NULL;
      const char *label;

      if (g_strv_length (cols) < 3 || cols[0][0] != 'T' || strchr (cols[1], ';') != NULL)
        continue;
      head = g_strsplit (cols[1], " ", 2);
      label = news_label (head[0]);
      if (label == NULL || g_hash_table_contains (seen, cols[2]))
        continue;
      g_hash_table_add (seen, g_strdup (cols[2]));
      gloss_gazetteer_suggester_add (gaz, cols[2], label, 1.0);
    }
  printf ("gazetteer_entries %u count\n", gloss_gazetteer_suggester_get_n_entries (gaz));

  schema = gloss_schema_new_preset ("news", &error);
  t0 = g_get_monotonic_time ();
  input = gloss_suggest_input_new_text ("news_1m", text, schema, NULL);
  printf ("document_size %.2f MB\n", strlen (text) / 1e6);
  printf ("document_tokens %u count\n", input->tokens->len);
  printf ("input_tokenize_1m %.1f ms\n", ms_since (t0));

  /* The index is built on first use, after the entries change. */
  {
    g_autoptr(GlossSuggestInput) tiny = gloss_suggest_input_new_text ("tiny", "A word.", schema,
                                                                       NULL);
    g_autoptr(GPtrArray) none = NULL;

    t0 = g_get_monotonic_time ();
    none = gloss_suggester_suggest (suggester, tiny, NULL, &error);
    printf ("gazetteer_index_build %.1f ms\n", ms_since (t0));
  }
  run (suggester, input, runs, "gazetteer_suggest_1m");
  gloss_gazetteer_suggester_set_case_sensitive (gaz, FALSE);
  {
    g_autoptr(GlossSuggestInput) tiny = gloss_suggest_input_new_text ("tiny", "A word.", schema,
                                                                       NULL);
    g_autoptr(GPtrArray) none = NULL;

    t0 = g_get_monotonic_time ();
    none = gloss_suggester_suggest (suggester, tiny, NULL, &error);
    printf ("gazetteer_index_build_nocase %.1f ms\n", ms_since (t0));
  }
  run (suggester, input, runs, "gazetteer_suggest_1m_nocase");
  printf ("peak_rss %.1f MiB\n", bench_peak_rss_kib () / 1024.0);
  return 0;
}
