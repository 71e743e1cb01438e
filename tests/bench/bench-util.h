/* bench-util.h: helpers shared by the benchmarks (header only)
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

/* Peak resident set size in KiB (VmHWM), or 0. */
static inline guint64
bench_peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmHWM:");
  return line ? g_ascii_strtoull (line + strlen ("VmHWM:"), NULL, 10) : 0;
}

static inline int
bench_compare_doubles (gconstpointer a,
                       gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* The value at quantile @q (0..1) of @values, which it sorts. */
static inline double
bench_quantile (GArray *values,
                double  q)
{
  guint i;

  if (values->len == 0)
    return 0;
  g_array_sort (values, bench_compare_doubles);
  i = (guint) (q * (values->len - 1) + 0.5);
  return g_array_index (values, double, MIN (i, values->len - 1));
}

static inline char *
bench_make_text (GRand *rand,
                 guint  n_chars)
{
  static const char * const words[] = {
    "the", "minister", "said", "that", "Zürich", "talks", "would", "resume", "on", "Monday",
    "officials", "told", "reporters", "Ελλάδα", "bank", "€", "rates", "claimed", "a", "source",
  };
  GString *s = g_string_new (NULL);
  guint n = 0;

  while (n < n_chars)
    {
      const char *w = words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))];
      if (n > 0)
        {
          g_string_append_c (s, ' ');
          n++;
        }
      g_string_append (s, w);
      n += g_utf8_strlen (w, -1);
    }
  return g_string_free (s, FALSE);
}

/* The command line most benchmarks take, "[--runs N] PARAMETER", read with
 * GOption: *@runs is N (at least 1; left as it is without --runs) and the
 * return value the one argument, or NULL after printing the usage and
 * @note (may be NULL) on stderr. */
static inline const char *
bench_parse_runs (int         argc,
                  char      **argv,
                  const char *parameter,
                  const char *note,
                  guint      *runs)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameter);
  g_autoptr(GError) error = NULL;
  int          n = (int) *runs;
  GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &n, "Timed runs (the median is printed)", "N" },
    { NULL },
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (note != NULL)
    g_option_context_set_description (context, note);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || n < 1)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      if (error != NULL)
        g_printerr ("%s\n", error->message);
      g_printerr ("%s", help);
      return NULL;
    }
  *runs = (guint) n;
  return argv[1];
}

/* A fresh directory for the benchmark's files, removed by bench_cleanup. */
static inline char *
bench_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("gloss-bench-XXXXXX", &error);

  if (dir == NULL)
    g_error ("%s", error->message);
  return dir;
}

static inline void
bench_cleanup (const char *dir)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (dir, name, NULL);
      g_unlink (p);
    }
  if (d)
    g_dir_close (d);
  g_rmdir (dir);
}

/* The text of @path: a plain text file, or the "text" of the first line of
 * a JSONL file (what ../shared/bench/gen_corpus.py writes). */
static inline char *
bench_read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(JsonParser) parser = NULL;
  char     *newline;
  JsonNode *root;

  if (!g_file_get_contents (path, &contents, NULL, &error))
    g_error ("%s", error->message);
  if (!g_str_has_suffix (path, ".jsonl") && !g_str_has_suffix (path, ".json"))
    return g_steal_pointer (&contents);

  newline = strchr (contents, '\n');
  if (newline != NULL)
    *newline = '\0';
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, contents, -1, &error))
    g_error ("%s: %s", path, error->message);
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root) ||
      !json_object_has_member (json_node_get_object (root), "text"))
    g_error ("%s: the first line has no \"text\"", path);
  return g_strdup (json_object_get_string_member (json_node_get_object (root), "text"));
}
