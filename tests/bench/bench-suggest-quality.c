/* bench-suggest-quality.c: how right the suggesters are, on third-party corpora and our own
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-suggest-quality [--corpora DIR] [--folds K] [--only NAME] [--verbose]
 *
 * Each annotated corpus of DIR (default: ../shared/corpora beside the
 * source tree; exit 77 without it) is imported with Gloss's own importer
 * into a temporary project. The gazetteer and the model are then
 * cross-validated over K folds by document: trained on the annotations of
 * the other folds, they propose for each document of the fold, given its
 * text only. A corpus of fewer than 2 K documents is cut into pieces
 * first, at the line breaks no annotation crosses (a CoNLL sentence is a
 * line), or also at sentence ends when that gives too few, and the output
 * says so. The rules need no training and run on every document, scored on
 * the labels they propose that the corpus has too, under the mapping
 * printed. Our invented articles (tests/data/suggest/news-gold.jsonl) are
 * scored the same way. A document's answers are one annotator's: gold, or
 * else the annotator's with the most annotations, as the model learns.
 *
 * Every proposal counts, whatever its score. A proposal is right
 * ("exact") when a gold span of its label has the very same fragments,
 * and ("overlap") when one shares a code point with it; each gold span is
 * matched at most once (bench-quality.c). Prints "name value unit" lines:
 * quality.CORPUS.SUGGESTER.LABEL.{gold,proposed} count and
 * .{precision,recall}_{exact,overlap} ratio, the label "micro" summing
 * the labels; lines starting with "#" say what was done. --verbose lists
 * each document's gold and proposed spans on stderr, to check by hand.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "gloss.h"
#include "gloss-suggester.h"
#include "gloss-suggester-gazetteer-private.h"
#include "gloss-suggester-model.h"
#include "gloss-suggester-rules.h"
#include "bench-quality.h"
#include "bench-util.h"
#include "suggest-gold.h"

typedef struct
{
  const char *name;
  const char *path; /* under the corpora folder */
  const char *format;
  /* A document without annotations says "nothing to find here" (an
   * accepted Prodigy answer), rather than "not annotated" (a brat
   * tutorial page about the user interface), and is scored. */
  gboolean    empty_is_gold;
  /* Only these labels are scored and learnt from (NULL: all). */
  const char *labels[6];
} Corpus;

static const Corpus corpora[] = {
  { "prodigy-headlines",
    "spacy-jsonl/explosion-prodigy-recipes/annotated_news_headlines-ORG-PERSON-LOCATION-ner.jsonl",
    "spacy", TRUE, { NULL } },
  { "rel-component", "spacy-jsonl/explosion-projects-rel_component/annotations.jsonl",
    "spacy", TRUE, { NULL } },
  { "brat-news-tutorial", "brat/nlplab-brat-tutorials/news", "brat", FALSE, { NULL } },
  { "brat-tdt", "brat/nlplab-brat-example-TDT", "brat", FALSE, { NULL } },
  { "opennlp-voa", "brat/apache-opennlp-brat-fixtures/voa-with-entities.txt",
    "brat", TRUE, { NULL } },
  { "spacy-iob", "conll-iob/spacy-ner-example-data/ner-token-per-line-conll2003.iob",
    "conll", TRUE, { NULL } },
  { "conll2002", "conll-iob/dkpro-core-conll-fixtures/2002/ner2002_test.conll",
    "conll", TRUE, { NULL } },
  { "germeval2014", "conll-iob/dkpro-core-conll-fixtures/2002/germeval2014_test.conll",
    "conll", TRUE, { NULL } },
  { "doccano-transformer", "doccano-jsonl/doccano-transformer/labeling.jsonl",
    "doccano", TRUE, { NULL } },
  { "label-studio-ner",
    "label-studio-json/label-studio-frontend-examples/named_entity/annotations/1.json",
    "label-studio", TRUE, { NULL } },
  { "label-studio-legacy", "label-studio-json/label-studio-converter-legacy/completions/348.json",
    "label-studio", TRUE, { NULL } },
  { "webanno-kafka", "webanno-tsv3/inception-io-webanno-tsv/tsv3/coref.tsv",
    "webanno", TRUE, { "PER", "ORG", "LOC", "OTH", NULL } },
};

/* The rules' labels under the names corpora give them, besides the same
 * name in any case. */
static const char * const rule_synonyms[][4] = {
  { "PERSON", "PER", "PERS", NULL },
  { "ORG", "ORGANIZATION", "ORGANISATION", NULL },
};

static guint    n_folds = 5;
static gboolean verbose = FALSE;

/* ---- documents */

static gboolean
label_wanted (const Corpus *corpus,
              const char   *label)
{
  if (corpus == NULL || corpus->labels[0] == NULL)
    return TRUE;
  return g_strv_contains ((const char * const *) corpus->labels, label);
}

/* Whose annotations of @input are the answers: the gold ones when there
 * are any, else the annotator's with the most (the first name on a tie),
 * as the model learns. Sets *@n_annotators. */
static const char *
answer_annotator (GlossSuggestInput *input,
                  guint             *n_annotators)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  const char    *best = NULL;
  guint          best_count = 0;
  GHashTableIter iter;
  gpointer       who, count;

  for (guint i = 0; i < input->annotations->len; i++)
    {
      const char *name = gloss_annotation_get_annotator (g_ptr_array_index (input->annotations, i));

      name = name ? name : "";
      g_hash_table_insert (counts, (gpointer) name,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, name)) +
                                             1));
    }
  *n_annotators = g_hash_table_size (counts);
  if (g_hash_table_contains (counts, GLOSS_GOLD_ANNOTATOR))
    return GLOSS_GOLD_ANNOTATOR;
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &who, &count))
    if (best == NULL || GPOINTER_TO_UINT (count) > best_count ||
        (GPOINTER_TO_UINT (count) == best_count && strcmp (who, best) < 0))
      {
        best = who;
        best_count = GPOINTER_TO_UINT (count);
      }
  return best;
}

/* The part [@start, @end) of @input (code points) as a document of its
 * own, with the annotations inside it that @corpus wants, shifted: those
 * of one annotator (answer_annotator()), so that two annotators' copies of
 * one span are not two spans to find. */
static GlossSuggestInput *
cut_input (GlossSuggestInput *input,
           const Corpus      *corpus,
           guint              start,
           guint              end,
           const char        *name)
{
  g_autofree char *text = g_utf8_substring (input->text, start, end);
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  guint       n_annotators;
  const char *annotator = answer_annotator (input, &n_annotators);

  for (guint i = 0; i < input->annotations->len; i++)
    {
      GlossAnnotation          *a = g_ptr_array_index (input->annotations, i);
      const char               *who = gloss_annotation_get_annotator (a);
      guint                     n;
      const GlossFragment      *f = gloss_annotation_get_fragments (a, &n);
      g_autofree GlossFragment *shifted = g_new (GlossFragment, n);
      gboolean                  inside = TRUE;

      if (!label_wanted (corpus, gloss_annotation_get_label (a)) ||
          g_strcmp0 (who ? who : "", annotator) != 0)
        continue;
      for (guint k = 0; k < n; k++)
        {
          inside = inside && f[k].start >= start && f[k].end <= end;
          shifted[k].start = f[k].start - MIN (start, f[k].start);
          shifted[k].end = f[k].end - MIN (start, f[k].end);
        }
      if (inside)
        g_ptr_array_add (annotations,
                         gloss_annotation_new (gloss_annotation_get_label (a), shifted, n,
                                               gloss_annotation_get_annotator (a)));
    }
  return gloss_suggest_input_new_text (name, text, input->schema, annotations);
}

/* Cuts @input where no annotation crosses into @out, leaving out blank
 * pieces: after each line break, or with @sentences also after a full
 * stop, question or exclamation mark and a space. Returns how many pieces
 * it added. */
static guint
cut_pieces (GlossSuggestInput *input,
            const Corpus      *corpus,
            gboolean           sentences,
            GPtrArray         *out)
{
  g_autofree guint *busy = g_new0 (guint, input->length + 1); /* annotations over cp */
  guint             from = 0, cp = 0, n = 0;
  gboolean          blank = TRUE;
  gunichar          before = 0;
  const char       *p;

  for (guint i = 0; i < input->annotations->len; i++)
    {
      GlossAnnotation     *a = g_ptr_array_index (input->annotations, i);
      guint                nf;
      const GlossFragment *f = gloss_annotation_get_fragments (a, &nf);

      /* The whole extent, so that a discontinuous span stays in one piece. */
      for (guint c = f[0].start; c < f[nf - 1].end && c < input->length; c++)
        busy[c]++;
    }
  for (p = input->text; *p != '\0'; p = g_utf8_next_char (p), cp++)
    {
      gunichar ch = g_utf8_get_char (p);
      gboolean end = ch == '\n' || (sentences && g_unichar_isspace (ch) &&
                                    (before == '.' || before == '?' || before == '!'));

      blank = blank && g_unichar_isspace (ch);
      before = ch;
      /* A cut after @ch: nothing may cover both sides. */
      if (end && (cp + 1 >= input->length || busy[cp] == 0 || busy[cp + 1] == 0))
        {
          if (!blank)
            {
              g_autofree char *name = g_strdup_printf ("%s#%u", input->name, ++n);
              g_ptr_array_add (out, cut_input (input, corpus, from, cp + 1, name));
            }
          from = cp + 1;
          blank = TRUE;
        }
    }
  if (!blank)
    {
      g_autofree char *name = g_strdup_printf ("%s#%u", input->name, ++n);
      g_ptr_array_add (out, cut_input (input, corpus, from, input->length, name));
    }
  return n;
}

/* ---- scoring */

static BenchQualitySpan *
gold_spans (GlossSuggestInput *input,
            guint             *n)
{
  BenchQualitySpan *spans = g_new0 (BenchQualitySpan, MAX (input->annotations->len, 1));

  for (guint i = 0; i < input->annotations->len; i++)
    {
      GlossAnnotation *a = g_ptr_array_index (input->annotations, i);

      spans[i].label = gloss_annotation_get_label (a);
      spans[i].fragments = gloss_annotation_get_fragments (a, &spans[i].n_fragments);
    }
  *n = input->annotations->len;
  return spans;
}

/* The suggestions as spans, under the corpus's name of their label when
 * @map (suggester label -> corpus label) is given, and without those it
 * does not map. */
static BenchQualitySpan *
proposed_spans (GPtrArray  *suggestions,
                GHashTable *map,
                guint      *n)
{
  BenchQualitySpan *spans = g_new0 (BenchQualitySpan, MAX (suggestions->len, 1));

  *n = 0;
  for (guint i = 0; i < suggestions->len; i++)
    {
      GlossSuggestion *s = g_ptr_array_index (suggestions, i);
      const char      *label = gloss_suggestion_get_label (s);

      if (map != NULL && (label = g_hash_table_lookup (map, label)) == NULL)
        continue;
      spans[*n].label = label;
      spans[*n].fragments = gloss_suggestion_get_fragments (s, &spans[*n].n_fragments);
      (*n)++;
    }
  return spans;
}

/* Scores @suggestions for @gold's document into @table; with @map, only
 * the gold spans of the labels it maps to count. */
static void
score (GHashTable        *table,
       const char        *suggester,
       GlossSuggestInput *gold,
       GPtrArray         *suggestions,
       GHashTable        *map)
{
  guint                        n_gold, n_pred;
  g_autofree BenchQualitySpan *g = gold_spans (gold, &n_gold);
  g_autofree BenchQualitySpan *p = proposed_spans (suggestions, map, &n_pred);

  if (map != NULL)
    {
      g_autoptr(GHashTable) targets = g_hash_table_new (g_str_hash, g_str_equal);
      GHashTableIter iter;
      gpointer       value;
      guint          kept = 0;

      g_hash_table_iter_init (&iter, map);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        g_hash_table_add (targets, value);
      for (guint i = 0; i < n_gold; i++)
        if (g_hash_table_contains (targets, g[i].label))
          g[kept++] = g[i];
      n_gold = kept;
    }
  if (verbose)
    {
      fprintf (stderr, "%s on %s\n", suggester, gold->name);
      for (guint i = 0; i < n_gold + n_pred; i++)
        {
          const BenchQualitySpan *span = i < n_gold ? &g[i] : &p[i - n_gold];
          guint                   start = span->fragments[0].start;
          guint                   end = span->fragments[span->n_fragments - 1].end;
          g_autofree char        *covered = g_utf8_substring (gold->text, start, end);

          fprintf (stderr, "  %s %s %u-%u “%s”\n", i < n_gold ? "gold    " : "proposed",
                   span->label, start, end, covered);
        }
    }
  bench_quality_score (table, g, n_gold, p, n_pred);
}

static char *
name_part (const char *label)
{
  char *s = g_strdup (label);

  for (char *c = s; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && *c != '-' && *c != '_')
      *c = '_';
  return s;
}

static void
print_counts (const char               *prefix,
              const BenchQualityCounts *c)
{
  printf ("%s.gold %u count\n", prefix, c->n_gold);
  printf ("%s.proposed %u count\n", prefix, c->n_pred);
  printf ("%s.precision_exact %.3f ratio\n", prefix, bench_quality_ratio (c->exact, c->n_pred));
  printf ("%s.recall_exact %.3f ratio\n", prefix, bench_quality_ratio (c->exact, c->n_gold));
  printf ("%s.precision_overlap %.3f ratio\n", prefix,
          bench_quality_ratio (c->overlap, c->n_pred));
  printf ("%s.recall_overlap %.3f ratio\n", prefix, bench_quality_ratio (c->overlap, c->n_gold));
}

/* Prints @table's labels, sorted, then their sum. */
static void
print_table (const char *corpus,
             const char *suggester,
             GHashTable *table)
{
  g_autoptr(GList) labels = g_list_sort (g_hash_table_get_keys (table), (GCompareFunc) strcmp);
  BenchQualityCounts micro = { 0 };

  for (GList *l = labels; l != NULL; l = l->next)
    {
      const BenchQualityCounts *c = g_hash_table_lookup (table, l->data);
      g_autofree char          *part = name_part (l->data);
      g_autofree char          *prefix = g_strdup_printf ("quality.%s.%s.%s", corpus, suggester,
                                                          part);

      print_counts (prefix, c);
      micro.n_gold += c->n_gold;
      micro.n_pred += c->n_pred;
      micro.exact += c->exact;
      micro.overlap += c->overlap;
    }
  {
    g_autofree char *prefix = g_strdup_printf ("quality.%s.%s.micro", corpus, suggester);

    print_counts (prefix, &micro);
  }
}

/* ---- the suggesters */

/* The rules' labels (proposed with the news preset) that @docs' gold also
 * has, to the corpus's name for them; NULL when none. */
static GHashTable *
rules_map (GlossSuggester *rules,
           GlossSchema    *news,
           GPtrArray      *docs)
{
  g_auto(GStrv) proposed = gloss_suggester_dup_labels (rules, news);
  g_autoptr(GHashTable) gold = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTable *map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint d = 0; d < docs->len; d++)
    {
      GlossSuggestInput *input = g_ptr_array_index (docs, d);

      for (guint i = 0; i < input->annotations->len; i++)
        g_hash_table_add (gold, (gpointer) gloss_annotation_get_label (
                                  g_ptr_array_index (input->annotations, i)));
    }
  for (guint r = 0; proposed[r] != NULL; r++)
    {
      GHashTableIter iter;
      const char    *label;

      g_hash_table_iter_init (&iter, gold);
      while (g_hash_table_iter_next (&iter, (gpointer *) &label, NULL))
        {
          gboolean same = g_ascii_strcasecmp (label, proposed[r]) == 0;

          for (guint s = 0; !same && s < G_N_ELEMENTS (rule_synonyms); s++)
            if (g_str_equal (rule_synonyms[s][0], proposed[r]))
              for (guint k = 1; !same && rule_synonyms[s][k] != NULL; k++)
                same = g_ascii_strcasecmp (label, rule_synonyms[s][k]) == 0;
          if (same && !g_hash_table_contains (map, proposed[r]))
            g_hash_table_insert (map, g_strdup (proposed[r]), g_strdup (label));
        }
    }
  if (g_hash_table_size (map) == 0)
    g_clear_pointer (&map, g_hash_table_unref);
  return map;
}

static GPtrArray *
suggest_bare (GlossSuggester    *suggester,
              GlossSuggestInput *gold,
              GlossSchema       *schema)
{
  g_autoptr(GError) error = NULL;
  /* The text only: a suggester must not see the answers. */
  g_autoptr(GlossSuggestInput) bare = gloss_suggest_input_new_text (gold->name, gold->text, schema,
                                                                     NULL);
  GPtrArray *out = gloss_suggester_suggest (suggester, bare, NULL, &error);

  if (out == NULL)
    g_error ("%s on %s: %s", gloss_suggester_get_name (suggester), gold->name, error->message);
  return out;
}

static void
run_rules (const char *corpus,
           GPtrArray  *docs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossSchema) news = gloss_schema_new_preset ("news", &error);
  g_autoptr(GlossSuggester) rules = gloss_rules_suggester_new ();
  g_autoptr(GHashTable) map = NULL;
  g_autoptr(GHashTable) table = bench_quality_table_new ();
  g_autoptr(GList) keys = NULL;
  g_autoptr(GString) said = g_string_new (NULL);

  if (news == NULL)
    g_error ("%s", error->message);
  map = rules_map (rules, news, docs);
  if (map == NULL)
    {
      printf ("# %s: rules: no label in common with the corpus\n", corpus);
      return;
    }
  keys = g_list_sort (g_hash_table_get_keys (map), (GCompareFunc) strcmp);
  for (GList *l = keys; l != NULL; l = l->next)
    g_string_append_printf (said, " %s->%s", (char *) l->data,
                            (char *) g_hash_table_lookup (map, l->data));
  printf ("# %s: rules on every document, labels mapped:%s\n", corpus, said->str);

  for (guint d = 0; d < docs->len; d++)
    {
      GlossSuggestInput *gold = g_ptr_array_index (docs, d);
      g_autoptr(GPtrArray) out = suggest_bare (rules, gold, news);

      score (table, "rules", gold, out, map);
    }
  /* Labels the corpus has that no proposal or gold span reached still
   * get their line: that the rules found nothing is a figure too. */
  for (GList *l = keys; l != NULL; l = l->next)
    bench_quality_counts_for (table, g_hash_table_lookup (map, l->data));
  print_table (corpus, "rules", table);
}

/* Cross-validates the gazetteer and the model over @docs. */
static void
run_learners (const char  *corpus,
              GlossSchema *schema,
              GPtrArray   *docs)
{
  guint k = MIN (n_folds, docs->len);
  g_autoptr(GHashTable) gazetteer_table = bench_quality_table_new ();
  g_autoptr(GHashTable) model_table = bench_quality_table_new ();
  double train_s = 0;

  if (k < 2)
    {
      printf ("# %s: %u document(s): too few to cross-validate\n", corpus, docs->len);
      return;
    }
  printf ("# %s: gazetteer and model, %u-fold cross-validation over %u documents "
          "(document i in fold i mod %u)\n",
          corpus, k, docs->len, k);
  for (guint f = 0; f < k; f++)
    {
      g_autoptr(GPtrArray) train = g_ptr_array_new ();
      g_autoptr(GPtrArray) test = g_ptr_array_new ();
      g_autoptr(GlossSuggester) gazetteer = gloss_gazetteer_suggester_new ();
      g_autoptr(GlossSuggester) model = gloss_model_suggester_new ();
      g_autoptr(GError) error = NULL;
      gboolean trained;
      gint64   t0;

      for (guint d = 0; d < docs->len; d++)
        g_ptr_array_add (d % k == f ? test : train, g_ptr_array_index (docs, d));
      _gloss_gazetteer_suggester_learn (GLOSS_GAZETTEER_SUGGESTER (gazetteer), schema, train);
      t0 = g_get_monotonic_time ();
      trained = gloss_model_suggester_train_inputs (GLOSS_MODEL_SUGGESTER (model), schema, train,
                                                    NULL, NULL, NULL, &error);
      train_s += (g_get_monotonic_time () - t0) / 1e6;
      if (!trained && !g_error_matches (error, GLOSS_SUGGEST_ERROR,
                                        GLOSS_SUGGEST_ERROR_NOT_TRAINED))
        g_error ("model on %s: %s", corpus, error->message);
      if (!trained)
        printf ("# %s: fold %u: nothing annotated to train the model on\n", corpus, f + 1);

      for (guint d = 0; d < test->len; d++)
        {
          GlossSuggestInput *gold = g_ptr_array_index (test, d);
          g_autoptr(GPtrArray) by_gazetteer = suggest_bare (gazetteer, gold, schema);
          g_autoptr(GPtrArray) by_model = trained ? suggest_bare (model, gold, schema)
                                                   : g_ptr_array_new ();

          score (gazetteer_table, "gazetteer", gold, by_gazetteer, NULL);
          score (model_table, "model", gold, by_model, NULL);
        }
    }
  print_table (corpus, "gazetteer", gazetteer_table);
  print_table (corpus, "model", model_table);
  printf ("quality.%s.model_train %.2f s\n", corpus, train_s);
}

static void
run_all (const char  *corpus,
         GlossSchema *schema,
         GPtrArray   *docs)
{
  guint n_spans = 0;

  for (guint d = 0; d < docs->len; d++)
    n_spans += ((GlossSuggestInput *) g_ptr_array_index (docs, d))->annotations->len;
  printf ("quality.%s.documents %u count\n", corpus, docs->len);
  printf ("quality.%s.spans %u count\n", corpus, n_spans);
  run_rules (corpus, docs);
  run_learners (corpus, schema, docs);
}

/* ---- the corpora */

/* Imports @corpus into a temporary project and scores it; FALSE when its
 * files are missing or the import fails (said on stderr). */
static gboolean
run_corpus (const Corpus *corpus,
            const char   *corpora_dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (corpora_dir, corpus->path, NULL);
  g_autofree char *dir = NULL;
  g_autofree char *project_path = NULL;
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GlossImportReport) report = gloss_import_report_new ();
  g_autoptr(GPtrArray) imported = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                                     gloss_suggest_input_unref);
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                                 gloss_suggest_input_unref);
  GlossImportOptions options = GLOSS_IMPORT_OPTIONS_INIT;
  const char        *paths[2] = { path, NULL };
  GListModel        *documents;
  guint              n_empty = 0, n_shared = 0;
  gint64             t0 = g_get_monotonic_time ();

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      fprintf (stderr, "%s: %s is missing, skipped\n", corpus->name, path);
      return FALSE;
    }
  dir = bench_dir ();
  project_path = g_build_filename (dir, "quality.gloss", NULL);
  project = gloss_project_create (project_path, NULL, &error);
  if (project == NULL)
    g_error ("%s", error->message);
  options.format = corpus->format;
  /* Third-party files have records Gloss refuses (a Prodigy "ignore"
   * answer); the others are what is measured. */
  options.skip_bad = TRUE;
  if (!gloss_format_import (project, paths, &options, report, NULL, &error))
    {
      fprintf (stderr, "%s: import failed, skipped: %s\n", corpus->name, error->message);
      g_clear_object (&project);
      bench_cleanup (dir);
      return FALSE;
    }
  printf ("# %s: %s (%s): %u documents, %u annotations imported, %u problems reported\n",
          corpus->name, corpus->path, corpus->format, report->n_documents, report->n_annotations,
          report->problems->len);
  for (guint i = 0; i < MIN (report->problems->len, 3); i++)
    {
      GlossProblem *problem = g_ptr_array_index (report->problems, i);

      printf ("#   %s:%u: %s\n", problem->file ? problem->file : "", problem->line,
              problem->message);
    }

  documents = gloss_project_get_documents (project);
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(GlossDocument) document = g_list_model_get_item (documents, i);
      GlossSuggestInput *input = gloss_suggest_input_new (project, document, &error);
      guint              n_annotators;

      if (input == NULL)
        g_error ("%s", error->message);
      answer_annotator (input, &n_annotators);
      n_shared += n_annotators > 1;
      g_ptr_array_add (imported, input);
    }
  if (n_shared > 0)
    printf ("# %s: %u document(s) annotated by several annotators: scored against one (gold, "
            "else the one with the most)\n",
            corpus->name, n_shared);

  if (imported->len < 2 * n_folds)
    {
      gboolean sentences = FALSE;

      for (guint i = 0; i < imported->len; i++)
        cut_pieces (g_ptr_array_index (imported, i), corpus, FALSE, docs);
      /* Too few lines too: sentences, then. */
      if (docs->len < 2 * n_folds)
        {
          g_ptr_array_set_size (docs, 0);
          sentences = TRUE;
          for (guint i = 0; i < imported->len; i++)
            cut_pieces (g_ptr_array_index (imported, i), corpus, TRUE, docs);
        }
      printf ("# %s: %u document(s): cut into %u pieces at the %s no annotation crosses\n",
              corpus->name, imported->len, docs->len,
              sentences ? "line breaks and sentence ends" : "line breaks");
    }
  else
    for (guint i = 0; i < imported->len; i++)
      {
        GlossSuggestInput *input = g_ptr_array_index (imported, i);
        GlossSuggestInput *doc = cut_input (input, corpus, 0, input->length, input->name);

        if (doc->annotations->len == 0 && !corpus->empty_is_gold)
          {
            n_empty++;
            gloss_suggest_input_unref (doc);
            continue;
          }
        g_ptr_array_add (docs, doc);
      }
  if (n_empty > 0)
    printf ("# %s: %u document(s) without annotations left out (not annotated, not "
            "\"nothing here\")\n",
            corpus->name, n_empty);
  if (corpus->labels[0] != NULL)
    {
      g_autofree char *labels = g_strjoinv (" ", (char **) corpus->labels);

      printf ("# %s: only the labels %s\n", corpus->name, labels);
    }

  run_all (corpus->name, gloss_project_get_schema (project), docs);
  printf ("quality.%s.seconds %.2f s\n", corpus->name, (g_get_monotonic_time () - t0) / 1e6);

  g_ptr_array_set_size (docs, 0);
  g_ptr_array_set_size (imported, 0);
  g_clear_object (&project);
  bench_cleanup (dir);
  return TRUE;
}

/* ---- our own invented articles */

/* ---- keys per claim ---------------------------------------------------------- */

typedef struct
{
  guint claims;     /* gold claims */
  guint missed;     /* no claim suggested over exactly its words: typed by hand */
  guint one_key;    /* suggested with its whole frame right: Enter */
  guint le4;        /* fixed with Tab, Down and Enter in at most 4 keys */
  guint more;       /* fixed, but with more than 4 keys */
  guint unfixable;  /* its source or cue was suggested nowhere near: linked by hand */
  guint keys;       /* over the suggested and fixable ones */
} Keys;

static char *
ref_text (const char *text,
          GPtrArray  *suggestions,
          const char *ref)
{
  for (guint i = 0; ref != NULL && i < suggestions->len; i++)
    {
      GlossSuggestion     *s = g_ptr_array_index (suggestions, i);
      const GlossFragment *f;
      guint                n;

      if (!g_str_equal (gloss_suggestion_get_id (s), ref))
        continue;
      f = gloss_suggestion_get_fragments (s, &n);
      return gloss_dup_covered_text (text, NULL, f, n, 0, GLOSS_COVERED_TEXT_FULL);
    }
  return NULL;
}

/* The keys a role costs, as the window takes them: none when the
 * suggester's choice is @want's text, else Tab (or Shift+Tab, the shorter
 * way round) to it; -1 when it is not among the candidates. */
static int
role_keys (const char        *text,
           GlossSuggestion   *claim,
           GlossRelationType *type,
           GPtrArray         *suggestions,
           const char        *current,
           const char        *want)
{
  g_autoptr(GPtrArray) refs = gloss_suggestion_rank_candidates (claim, type, suggestions, NULL,
                                                                current,
                                                                GLOSS_SUGGEST_FRAME_REACH);

  for (guint k = 0; k < refs->len; k++)
    {
      g_autofree char *covered = ref_text (text, suggestions, g_ptr_array_index (refs, k));

      if (g_strcmp0 (covered, want) == 0)
        return (int) MIN (k, refs->len - k);
    }
  return -1;
}

/* Every gold claim of one article against the rules' suggestions: what
 * reviewing them costs in keys (the certainty is not in the gold). */
static void
count_keys (Keys        *keys,
            GlossSchema *news,
            const char  *text,
            GPtrArray   *gold,
            JsonArray   *spans,
            GPtrArray   *suggestions)
{
  g_autoptr(GPtrArray) roles = gloss_frame_dup_roles (news, "CLAIM");

  for (guint i = 0; i < gold->len; i++)
    {
      GlossAnnotation     *g = g_ptr_array_index (gold, i);
      JsonObject          *o = json_array_get_object_element (spans, i);
      const GlossFragment *gf;
      GlossSuggestion     *claim = NULL;
      guint                gn;
      int                  cost = 1;

      if (g_strcmp0 (gloss_annotation_get_label (g), "CLAIM") != 0)
        continue;
      keys->claims++;
      gf = gloss_annotation_get_fragments (g, &gn);
      for (guint j = 0; j < suggestions->len && claim == NULL; j++)
        {
          GlossSuggestion     *s = g_ptr_array_index (suggestions, j);
          const GlossFragment *sf;
          guint                sn;

          sf = gloss_suggestion_get_fragments (s, &sn);
          if (g_str_equal (gloss_suggestion_get_label (s), "CLAIM") && sn == gn &&
              memcmp (sf, gf, gn * sizeof (GlossFragment)) == 0)
            claim = s;
        }
      if (claim == NULL)
        {
          keys->missed++;
          continue;
        }
      for (guint r = 0; r < roles->len && cost > 0; r++)
        {
          GlossRelationType *type = g_ptr_array_index (roles, r);
          gboolean           is_cue = g_str_equal (gloss_relation_type_get_name (type), "cue");
          const char        *want = json_object_get_string_member_with_default (
            o, is_cue ? "cue" : "source", NULL);
          const char        *current = is_cue ? gloss_suggestion_get_cue (claim)
                                              : gloss_suggestion_get_source (claim);
          g_autofree char   *now = ref_text (text, suggestions, current);
          int                tabs;

          if (g_strcmp0 (now, want) == 0)
            continue;
          tabs = role_keys (text, claim, type, suggestions, current, want);
          if (tabs < 0)
            cost = -1;
          else
            cost += tabs + (r > 0 ? 1 : 0); /* Down to a role after the first */
          if (verbose)
            fprintf (stderr, "keys: “%s” %s: suggested “%s”, gold “%s”: %d\n",
                     json_object_get_string_member (o, "text"),
                     gloss_relation_type_get_name (type), now != NULL ? now : "-",
                     want != NULL ? want : "-", tabs);
        }
      if (cost < 0)
        keys->unfixable++;
      else
        {
          keys->keys += cost;
          if (cost == 1)
            keys->one_key++;
          else if (cost <= 4)
            keys->le4++;
          else
            keys->more++;
        }
    }
}

static void
print_keys (const char *corpus,
            const Keys *keys)
{
  guint fixable = keys->one_key + keys->le4 + keys->more;

  printf ("# %s: keys per claim reviewed from the rules' suggestions in the window (Enter "
          "accepts; Tab/Shift+Tab to another source, Down then Tab to another cue)\n",
          corpus);
  printf ("keys.%s.claims %u count\n", corpus, keys->claims);
  printf ("keys.%s.one_key %u count\n", corpus, keys->one_key);
  printf ("keys.%s.fixed_in_4 %u count\n", corpus, keys->le4);
  printf ("keys.%s.fixed_in_more %u count\n", corpus, keys->more);
  printf ("keys.%s.frame_by_hand %u count\n", corpus, keys->unfixable);
  printf ("keys.%s.claim_by_hand %u count\n", corpus, keys->missed);
  printf ("keys.%s.mean_keys %.2f keys\n", corpus, fixable > 0 ? (double) keys->keys / fixable : 0);
}

static gboolean
run_news_file (const char *corpus,
               const char *file,
               const char *about)
{
  g_autofree char *path = g_build_filename (BENCH_SOURCE_DIR, "tests", "data", "suggest", file,
                                            NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossSchema) news = gloss_schema_new_preset ("news", &error);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                                 gloss_suggest_input_unref);
  g_autoptr(GlossSuggester) rules = gloss_rules_suggester_new ();
  Keys keys = { 0 };
  gint64 t0 = g_get_monotonic_time ();

  if (news == NULL || !g_file_get_contents (path, &contents, NULL, &error))
    {
      fprintf (stderr, "%s: %s\n", corpus, error->message);
      return FALSE;
    }
  lines = g_strsplit (contents, "\n", -1);
  for (guint l = 0; lines[l] != NULL; l++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GPtrArray) gold = g_ptr_array_new_with_free_func (g_object_unref);
      JsonObject *doc;
      JsonArray  *spans;
      const char *text;

      if (*lines[l] == '\0')
        continue;
      if (!json_parser_load_from_data (parser, lines[l], -1, &error))
        g_error ("%s line %u: %s", file, l + 1, error->message);
      doc = json_node_get_object (json_parser_get_root (parser));
      text = json_object_get_string_member (doc, "text");
      spans = json_object_get_array_member (doc, "spans");
      for (guint i = 0; i < json_array_get_length (spans); i++)
        g_ptr_array_add (gold, suggest_gold_annotation (
                                 text, json_array_get_object_element (spans, i), l + 1));
      g_ptr_array_add (docs, gloss_suggest_input_new_text (json_object_get_string_member (doc,
                                                                                          "name"),
                                                           text, news, gold));
      {
        GlossSuggestInput *input = g_ptr_array_index (docs, docs->len - 1);
        g_autoptr(GPtrArray) out = suggest_bare (rules, input, news);

        count_keys (&keys, news, text, gold, spans, out);
      }
    }
  printf ("# %s: tests/data/suggest/%s, %s\n", corpus, file, about);
  run_all (corpus, news, docs);
  print_keys (corpus, &keys);
  printf ("quality.%s.seconds %.2f s\n", corpus, (g_get_monotonic_time () - t0) / 1e6);
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *corpora_dir = NULL;
  const char      *only = NULL;
  gint64           t0 = g_get_monotonic_time ();

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--corpora") && i + 1 < argc)
        corpora_dir = g_strdup (argv[++i]);
      else if (g_str_equal (argv[i], "--folds") && i + 1 < argc)
        n_folds = MAX (2, (guint) g_ascii_strtoull (argv[++i], NULL, 10));
      else if (g_str_equal (argv[i], "--only") && i + 1 < argc)
        only = argv[++i];
      else if (g_str_equal (argv[i], "--verbose"))
        verbose = TRUE;
      else
        {
          fprintf (stderr, "usage: %s [--corpora DIR] [--folds K] [--only NAME] [--verbose]\n",
                   argv[0]);
          return 2;
        }
    }
  if (corpora_dir == NULL)
    corpora_dir = g_canonicalize_filename ("../shared/corpora", BENCH_SOURCE_DIR);
  if (!g_file_test (corpora_dir, G_FILE_TEST_IS_DIR))
    {
      fprintf (stderr, "%s: no corpora at %s (give --corpora DIR)\n", argv[0], corpora_dir);
      return 77;
    }

  printf ("# %u folds; corpora from %s\n", n_folds, corpora_dir);
  if (only == NULL || g_str_equal (only, "news-gold"))
    run_news_file ("news-gold", "news-gold.jsonl",
                   "our invented articles (the rules were tuned on them)");
  if (only == NULL || g_str_equal (only, "news-fresh"))
    run_news_file ("news-fresh", "news-fresh.jsonl",
                   "two invented articles written after the rules and never tuned on");
  for (guint c = 0; c < G_N_ELEMENTS (corpora); c++)
    if (only == NULL || g_str_equal (only, corpora[c].name))
      run_corpus (&corpora[c], corpora_dir);
  printf ("quality.seconds %.2f s\n", (g_get_monotonic_time () - t0) / 1e6);
  printf ("peak_rss %.1f MiB\n", bench_peak_rss_kib () / 1024.0);
  return 0;
}
