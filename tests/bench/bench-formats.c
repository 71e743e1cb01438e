/* bench-formats.c: import and export speed through the format registry
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * (a) Writes 10,000 invented news-like articles of about 5 KB (seeded, our
 *     own generator: sentences assembled from word lists) as .txt files
 *     into a folder and imports the folder into a new project with
 *     gloss_format_import(), as "gloss-cli import P DIR" does.
 * (b) Builds a project of 1,000 documents with 1,000 annotations each
 *     (entities, claims and cues on the generated words, a few relations),
 *     written through the store in one transaction, then times
 *     gloss_format_export() to Gloss JSONL beside "sqlite3 -json" dumping
 *     the same rows from the same project file (the floor).
 * (c) Times the CoNLL (IOB2) export of the same project.
 *
 * Options: --small (ten times smaller), --runs N (timed runs per export,
 * default 5; the median is printed), --keep (keep the temporary folder and
 * print its path, e.g. to profile "gloss-cli export" on the project).
 * Prints one "name value unit" line per measure.
 */

#include "config.h"

#include <stdio.h>

#include "gloss.h"
#include "bench-util.h"

/* ---- the invented articles */

static const char * const agencies[] = {
  "the Ministry of Finance", "the Port Authority", "the National Statistics Office",
  "the Central Bank of Varnia", "the Harbour Police", "the Regional Water Board",
  "the Audit Commission", "the Transport Agency", "the Federation of Dock Workers",
  "Meridian Holdings", "the Energy Regulator", "the Supreme Court of Valdera",
  "the Grain Exchange", "the Office of the Ombudsman", "Nordlys Rail", "the City Council",
};

static const char * const officials[] = {
  "Deputy Minister Alma Krestin", "spokeswoman Ines Volta", "Mayor Tomas Reuel",
  "Inspector Hana Orlov", "Commissioner Pavel Idris", "chief economist Lena Marsh",
  "Governor Otto Brandvold", "union leader Jorge Almeida", "Senator Mirela Dascălu",
  "prosecutor Yusuf Kaya", "director Søren Lindqvist", "Judge Éloïse Marchand",
  "treasurer Kwame Asante", "minister Zofia Wróbel", "adviser Nikos Παπαδάκης",
};

static const char * const places[] = {
  "Varnia", "Port Elm", "Valdera", "Northgate", "Brackwater", "the Tarn Valley", "Solen",
  "Søndervik", "Île Marant", "Gràcia Nova", "Eastmarch", "Kestrel Bay", "Łęczyca Mała",
};

static const char * const topics[] = {
  "the harbour contract", "the new budget", "the bridge repairs", "the strike",
  "fuel prices", "the audit", "the pension reform", "the grain shipments",
  "the water tariffs", "the rail tender", "the flood defences", "the tax amnesty",
};

static const char * const cues[] = {
  "said", "told reporters", "claimed", "denied", "confirmed", "warned", "estimated",
  "insisted", "alleged", "announced",
};

static const char * const dates[] = {
  "on Monday", "on Tuesday", "last week", "in March 2025", "on 14 June", "this year",
  "since January", "by the end of the month", "on Friday evening",
};

static const char * const datelines[] = {
  "Nov. 20", "March 3", "June 14", "Sept. 9", "Jan. 27", "Oct. 1",
};

static const char * const certainties[] = { "asserted", "hedged", "alleged", "denied" };

typedef struct
{
  const char *label;
  guint       start, end;   /* code points */
} Span;

/* Builds text with code-point offsets of what it appends. */
typedef struct
{
  GString *text;
  guint    n_chars;
  GArray  *spans;           /* Span, or NULL when spans are not needed */
  GRand   *rand;
} Writer;

#define PICK(w, list) ((list)[g_rand_int_range ((w)->rand, 0, G_N_ELEMENTS (list))])

static void
put (Writer     *w,
     const char *s)
{
  g_string_append (w->text, s);
  w->n_chars += g_utf8_strlen (s, -1);
}

static void
put_span (Writer     *w,
          const char *label,
          const char *s)
{
  Span span = { label, w->n_chars, 0 };

  put (w, s);
  span.end = w->n_chars;
  if (w->spans != NULL)
    g_array_append_val (w->spans, span);
}

static void
put_sum (Writer *w)
{
  g_autofree char *s = NULL;

  switch (g_rand_int_range (w->rand, 0, 3))
    {
    case 0:
      s = g_strdup_printf ("€%d million", g_rand_int_range (w->rand, 2, 950));
      break;
    case 1:
      s = g_strdup_printf ("%d.%d billion dollars", g_rand_int_range (w->rand, 1, 40),
                           g_rand_int_range (w->rand, 1, 10));
      break;
    default:
      s = g_strdup_printf ("$%d,%03d", g_rand_int_range (w->rand, 1, 999),
                           g_rand_int_range (w->rand, 0, 1000));
      break;
    }
  put_span (w, "MONEY", s);
}

/* One sentence. A claim sentence gets a CLAIM span over the claimed
 * clause, recorded after the spans inside it. */
static void
put_sentence (Writer *w)
{
  guint claim_start;
  Span claim = { "CLAIM", 0, 0 };

  switch (g_rand_int_range (w->rand, 0, 6))
    {
    case 0:
      put_span (w, "PERSON", PICK (w, officials));
      put (w, " of ");
      put_span (w, "ORG", PICK (w, agencies));
      put (w, " ");
      put_span (w, "CUE", PICK (w, cues));
      put (w, " that ");
      claim_start = w->n_chars;
      put (w, PICK (w, topics));
      put (w, " would cost ");
      put_sum (w);
      claim.start = claim_start;
      claim.end = w->n_chars;
      put (w, " ");
      put_span (w, "DATE", PICK (w, dates));
      put (w, ".");
      break;
    case 1:
      put (w, "“");
      claim_start = w->n_chars;
      put (w, "We will not sign ");
      put (w, PICK (w, topics));
      put (w, " before the inspectors report");
      claim.start = claim_start;
      claim.end = w->n_chars;
      put (w, ",” ");
      put_span (w, "PERSON", PICK (w, officials));
      put (w, " ");
      put_span (w, "CUE", "told reporters");
      put (w, " in ");
      put_span (w, "GPE", PICK (w, places));
      put (w, ".");
      break;
    case 2:
      put_span (w, "CUE", "According to");
      put (w, " ");
      put_span (w, "ORG", PICK (w, agencies));
      put (w, ", ");
      claim_start = w->n_chars;
      put_sum (w);
      put (w, " was spent on ");
      put (w, PICK (w, topics));
      put (w, " ");
      put_span (w, "DATE", PICK (w, dates));
      claim.start = claim_start;
      claim.end = w->n_chars;
      put (w, ".");
      break;
    case 3:
      put_span (w, "ORG", PICK (w, agencies));
      put (w, " ");
      put_span (w, "CUE", "denied");
      put (w, " that ");
      claim_start = w->n_chars;
      put_span (w, "PERSON", PICK (w, officials));
      put (w, " had approved ");
      put (w, PICK (w, topics));
      claim.start = claim_start;
      claim.end = w->n_chars;
      put (w, ".");
      break;
    case 4:
      put (w, "Residents of ");
      put_span (w, "GPE", PICK (w, places));
      put (w, " complained ");
      put_span (w, "DATE", PICK (w, dates));
      put (w, " that ");
      put (w, PICK (w, topics));
      put (w, " had been delayed again.");
      break;
    default:
      put (w, "The figures for ");
      put_span (w, "GPE", PICK (w, places));
      put (w, " could not be independently verified.");
      break;
    }
  if (claim.end > claim.start && w->spans != NULL)
    g_array_append_val (w->spans, claim);
}

/* Headline, dateline and paragraphs until @n_bytes of text (or @n_spans
 * spans when @w records them). */
static void
write_article (Writer *w,
               guint   n_bytes,
               guint   n_spans)
{
  put (w, "Officials in ");
  put_span (w, "GPE", PICK (w, places));
  put (w, " dispute the cost of ");
  put (w, PICK (w, topics));
  put (w, "\n\n");
  put_span (w, "GPE", PICK (w, places));
  put (w, ", ");
  put_span (w, "DATE", PICK (w, datelines));
  put (w, " (Meridian) -- ");
  while (w->spans != NULL ? w->spans->len < n_spans : w->text->len < n_bytes)
    {
      guint n = g_rand_int_range (w->rand, 3, 7);

      for (guint i = 0; i < n; i++)
        {
          if (i > 0)
            put (w, " ");
          put_sentence (w);
        }
      put (w, "\n\n");
    }
  if (w->spans != NULL && w->spans->len > n_spans)
    g_array_set_size (w->spans, n_spans);
}

/* ---- helpers */

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      GDir *d = g_dir_open (path, 0, NULL);
      const char *name;

      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      if (d != NULL)
        g_dir_close (d);
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static double
file_mib (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? st.st_size / 1048576.0 : 0;
}

/* Wall seconds of one run of @argv (stdout to /dev/null). */
static double
time_spawn (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  gint64 t0 = g_get_monotonic_time ();
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                     NULL, &err, &status, &error))
    g_error ("%s: %s", argv[0], error->message);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s: %s\n%s", argv[0], error->message, err);
  return (g_get_monotonic_time () - t0) / 1e6;
}

static double
time_export (GlossProject *project,
             const char   *format,
             const char   *out)
{
  g_autoptr(GError) error = NULL;
  gint64 t0 = g_get_monotonic_time ();

  if (!gloss_format_export (project, format, out, NULL, NULL, NULL, &error))
    g_error ("%s export: %s", format, error->message);
  return (g_get_monotonic_time () - t0) / 1e6;
}

static double
median (GArray *values)
{
  return bench_quantile (values, 0.5);
}

/* ---- (a) articles */

static void
bench_import (const char *dir,
              guint       n_articles)
{
  g_autofree char *folder = g_build_filename (dir, "articles", NULL);
  g_autofree char *path = g_build_filename (dir, "articles.gloss", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261124);
  g_autoptr(GlossImportReport) report = gloss_import_report_new ();
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[] = { folder, NULL };
  guint64 total_bytes = 0;
  double secs;
  gint64 t0;

  g_mkdir (folder, 0755);
  for (guint i = 0; i < n_articles; i++)
    {
      g_autofree char *name = g_strdup_printf ("article-%05u.txt", i);
      g_autofree char *file = g_build_filename (folder, name, NULL);
      Writer w = { g_string_new (NULL), 0, NULL, rand };

      write_article (&w, 5000, 0);
      if (!g_file_set_contents (file, w.text->str, w.text->len, &error))
        g_error ("%s", error->message);
      total_bytes += w.text->len;
      g_string_free (w.text, TRUE);
    }

  project = gloss_project_create (path, NULL, &error);
  if (project == NULL)
    g_error ("%s", error->message);
  t0 = g_get_monotonic_time ();
  if (!gloss_format_import (project, paths, NULL, report, NULL, &error))
    g_error ("import: %s", error->message);
  secs = (g_get_monotonic_time () - t0) / 1e6;
  g_assert_cmpuint (report->n_documents, ==, n_articles);

  printf ("articles %u count\n", n_articles);
  printf ("articles_size %.1f MiB\n", total_bytes / 1048576.0);
  printf ("article_mean_size %.0f B\n", (double) total_bytes / n_articles);
  printf ("import_total %.3f s\n", secs);
  printf ("articles_per_second %.0f 1/s\n", n_articles / secs);
  printf ("MB_per_second %.1f MB/s\n", total_bytes / 1e6 / secs);
  printf ("import_peak_rss %" G_GUINT64_FORMAT " KiB\n", bench_peak_rss_kib ());
  g_clear_object (&project);
  printf ("import_project_size %.1f MiB\n", file_mib (path));
  remove_tree (folder);
}

/* ---- (b) a million annotations */

static void
build_project (const char *path,
               guint       n_docs,
               guint       per_doc,
               guint      *n_relations)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = gloss_project_create (path, NULL, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (424242);
  GlossStore *store;
  gint64 t0 = g_get_monotonic_time ();

  if (project == NULL)
    g_error ("%s", error->message);
  store = gloss_project_get_store (project);
  if (!gloss_store_begin (store, &error))
    g_error ("%s", error->message);
  *n_relations = 0;
  for (guint d = 0; d < n_docs; d++)
    {
      g_autofree char *name = g_strdup_printf ("report-%04u", d);
      g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
      g_autoptr(GPtrArray) anns = g_ptr_array_new_with_free_func (g_object_unref);
      Writer w = { g_string_new (NULL), 0, spans, rand };
      GlossAnnotation *person = NULL, *cue = NULL;
      guint n_rels = 0;
      gint64 id;

      write_article (&w, 0, per_doc);
      id = gloss_store_insert_document (store, NULL, name, w.text->str, w.text->len, NULL, NULL,
                                        0, &error);
      g_string_free (w.text, TRUE);
      if (id == 0)
        g_error ("%s", error->message);
      if (d % 3 == 0
          && !gloss_store_set_document_status (store, id, "bench", GLOSS_DOCUMENT_STATUS_DONE,
                                               g_get_real_time (), &error))
        g_error ("%s", error->message);

      for (guint i = 0; i < spans->len; i++)
        {
          const Span *s = &g_array_index (spans, Span, i);
          GlossAnnotation *a = gloss_annotation_new_span (s->label, s->start, s->end, "bench");

          gloss_annotation_set_document_id (a, id);
          if (g_str_equal (s->label, "CLAIM"))
            {
              gloss_annotation_set_attribute (a, "certainty",
                                              g_variant_new_string (certainties[i % 4]));
              gloss_annotation_set_attribute (a, "checkworthy",
                                              g_variant_new_boolean (i % 5 == 0));
            }
          if (i % 97 == 0)
            gloss_annotation_set_note (a, "check the “figure” against the\tbudget");
          if (g_str_equal (s->label, "PERSON") && i % 7 == 0)
            gloss_annotation_set_normalisation (a, "Q42", "Alma Krestin");
          if (!gloss_store_put_annotation (store, a, &error))
            g_error ("%s", error->message);
          g_ptr_array_add (anns, a);

          /* a few relations: the first 20 claims of each document get
           * their source and cue */
          if (g_str_equal (s->label, "PERSON"))
            person = a;
          else if (g_str_equal (s->label, "CUE"))
            cue = a;
          else if (g_str_equal (s->label, "CLAIM") && n_rels < 40 && person != NULL
                   && cue != NULL)
            {
              g_autoptr(GlossRelation) r1 =
                gloss_relation_new ("attributed-to", gloss_annotation_get_uuid (a),
                                    gloss_annotation_get_uuid (person), "bench");
              g_autoptr(GlossRelation) r2 =
                gloss_relation_new ("cue", gloss_annotation_get_uuid (a),
                                    gloss_annotation_get_uuid (cue), "bench");

              gloss_relation_set_document_id (r1, id);
              gloss_relation_set_document_id (r2, id);
              gloss_relation_set_attribute (r1, "confidence", g_variant_new_string ("high"));
              if (!gloss_store_put_relation (store, r1, &error)
                  || !gloss_store_put_relation (store, r2, &error))
                g_error ("%s", error->message);
              n_rels += 2;
            }
        }
      *n_relations += n_rels;
    }
  if (!gloss_store_commit (store, &error))
    g_error ("%s", error->message);
  printf ("build_total %.3f s\n", (g_get_monotonic_time () - t0) / 1e6);
}

static void
bench_export (const char *dir,
              const char *cli,
              guint       n_docs,
              guint       per_doc,
              guint       runs)
{
  g_autofree char *path = g_build_filename (dir, "annotations.gloss", NULL);
  g_autofree char *jsonl = g_build_filename (dir, "out.jsonl", NULL);
  g_autofree char *conll = g_build_filename (dir, "out.conll", NULL);
  g_autoptr(GArray) t_jsonl = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_cli = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_floor = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_floor_all = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_conll = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  const char *floor_argv[] = {
    "sqlite3", "-json", path, "SELECT * FROM annotations", NULL
  };
  const char *floor_all_argv[] = {
    "sqlite3", "-json", path,
    "SELECT * FROM documents; SELECT * FROM document_status; SELECT * FROM annotations; "
    "SELECT * FROM relations", NULL
  };
  const char *cli_argv[] = { cli, "export", path, "--format", "jsonl", "-o", jsonl, NULL };
  gboolean have_sqlite3;
  guint n_relations;
  double v;

  build_project (path, n_docs, per_doc, &n_relations);
  printf ("documents %u count\n", n_docs);
  printf ("annotations %u count\n", n_docs * per_doc);
  printf ("relations %u count\n", n_relations);
  printf ("project_size %.1f MiB\n", file_mib (path));

  project = gloss_project_open (path, &error);
  if (project == NULL)
    g_error ("%s", error->message);
  have_sqlite3 = g_find_program_in_path ("sqlite3") != NULL;

  /* one untimed run each to warm the page cache */
  time_export (project, "jsonl", jsonl);
  if (have_sqlite3)
    time_spawn (floor_all_argv);
  for (guint r = 0; r < runs; r++)
    {
      v = time_export (project, "jsonl", jsonl);
      g_array_append_val (t_jsonl, v);
      if (cli != NULL)
        {
          v = time_spawn (cli_argv);
          g_array_append_val (t_cli, v);
        }
      if (have_sqlite3)
        {
          v = time_spawn (floor_argv);
          g_array_append_val (t_floor, v);
          v = time_spawn (floor_all_argv);
          g_array_append_val (t_floor_all, v);
        }
      v = time_export (project, "conll", conll);
      g_array_append_val (t_conll, v);
    }

  printf ("export_jsonl %.3f s\n", median (t_jsonl));
  printf ("export_jsonl_size %.1f MiB\n", file_mib (jsonl));
  printf ("export_jsonl_annotations_per_second %.0f 1/s\n",
          n_docs * per_doc / median (t_jsonl));
  if (cli != NULL)
    printf ("export_jsonl_cli %.3f s\n", median (t_cli));
  if (have_sqlite3)
    {
      printf ("sqlite3_json_annotations %.3f s\n", median (t_floor));
      printf ("sqlite3_json_all %.3f s\n", median (t_floor_all));
      printf ("ratio %.2f x\n", median (t_jsonl) / median (t_floor_all));
      printf ("ratio_annotations_only %.2f x\n", median (t_jsonl) / median (t_floor));
    }
  else
    printf ("sqlite3_json skipped (no sqlite3 in PATH)\n");
  printf ("export_conll %.3f s\n", median (t_conll));
  printf ("export_conll_size %.1f MiB\n", file_mib (conll));
  printf ("runs %u count\n", runs);
}

int
main (int   argc,
      char *argv[])
{
  gboolean small = FALSE, keep = FALSE;
  guint runs = 5;
  g_autofree char *dir = bench_dir ();
  g_autofree char *bindir = g_path_get_dirname (argv[0]);
  g_autofree char *cli = g_build_filename (bindir, "..", "..", "src", "cli", "gloss-cli", NULL);

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--small"))
        small = TRUE;
      else if (g_str_equal (argv[i], "--keep"))
        keep = TRUE;
      else if (g_str_equal (argv[i], "--runs") && i + 1 < argc)
        {
          i++;
          runs = MAX (1, (guint) g_ascii_strtoull (argv[i], NULL, 10));
        }
      else
        {
          fprintf (stderr, "usage: %s [--small] [--runs N] [--keep]\n", argv[0]);
          return 2;
        }
    }
  if (!g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    g_clear_pointer (&cli, g_free);

  bench_import (dir, small ? 1000 : 10000);
  bench_export (dir, cli, small ? 100 : 1000, 1000, runs);
  printf ("peak_rss %" G_GUINT64_FORMAT " KiB\n", bench_peak_rss_kib ());
  if (keep)
    printf ("kept %s\n", dir);
  else
    remove_tree (dir);
  return 0;
}
