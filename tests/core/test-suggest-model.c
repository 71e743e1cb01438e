/* test-suggest-model.c: the learned sequence tagger
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "core-test-util.h"
#include "gloss-suggester-model.h"

/* ---- invented news, made from templates ------------------------------------ */

static const char * const people[] = {
  "Nikolai Dorn",
  "Anna Kell",
  "Mira Tan",
  "Lars Brun",
  "Oskar Veld",
  "Ilse Marr",
  "Teodor Salk",
  "Vera Lind",
  "Petra Novak",
  "Jonas Ekberg",
  "Sofia Raine",
  "Emil Hart",
  "Dana Kosic",
  "Ruth Adler",
  "Milan Cerny",
  "Hana Ito",
};
static const char * const orgs[] = {
  "Unit 414",
  "Baltic Wire",
  "Directorate of Signals",
  "Meridian Agency",
  "Northern Command",
  "Harbour Police",
  "State Security Bureau",
  "Coastal Guard",
  "Interior Ministry",
  "Frontier Service",
  "Signals Bureau",
  "Valgrad Times",
};
static const char * const places[] = {
  "Valgrad",
  "Norden",
  "Oslo",
  "Riga",
  "Tallinn",
  "Karsovia",
  "Mongolia",
  "Seoul",
  "Lisbon",
  "Vienna",
  "Ostrava",
  "Kaunas",
};

/* Held out: names the training documents never use. */
static const char * const new_people[] = { "Greta Holm", "Boris Lenk", "Clara Voss", "Aron Stahl" };
static const char * const new_orgs[] = { "Eastern Command", "Maritime Bureau", "Customs Service" };
static const char * const new_places[] = { "Bergen", "Turku", "Gdansk" };

/* {P} person, {O} organisation, {G} place. */
static const char * const templates[] = {
  "{P}, a former officer of {O}, said he fled through {G} in June.",
  "Officials in {G} told reporters that {P} had left {O} last year.",
  "{P} of the {O} met {P} in {G} on Monday.",
  "A source close to {O} said {P} was arrested in {G}.",
  "The {O} denied that {P} had travelled to {G}.",
  "In {G}, {P} told the agency that {O} ran the border posts.",
  "{O} officials said {P} would visit {G} next week.",
  "According to {P}, the {O} moved its staff from {G} to {G}.",
};

typedef struct
{
  GString *text;
  GArray  *spans; /* Span */
} Doc;

typedef struct
{
  guint       start;
  guint       end;
  const char *label;
} Span;

static void
doc_clear (Doc *doc)
{
  g_string_free (doc->text, TRUE);
  g_array_unref (doc->spans);
}

/* A document of @n_sentences sentences, names drawn from the lists by
 * @rand: the same seed gives the same document. */
static Doc
make_doc (GRand              *rand,
          guint               n_sentences,
          const char * const *p,
          guint               n_p,
          const char * const *o,
          guint               n_o,
          const char * const *g,
          guint               n_g)
{
  Doc doc = { g_string_new (NULL), g_array_new (FALSE, FALSE, sizeof (Span)) };

  for (guint s = 0; s < n_sentences; s++)
    {
      const char *t = templates[g_rand_int_range (rand, 0, G_N_ELEMENTS (templates))];

      if (s > 0)
        g_string_append_c (doc.text, ' ');
      while (*t != '\0')
        {
          if (t[0] == '{' && t[2] == '}')
            {
              const char *name = NULL, *label = NULL;
              Span        span;

              switch (t[1])
                {
                case 'P':
                  name = p[g_rand_int_range (rand, 0, n_p)];
                  label = "PERSON";
                  break;
                case 'O':
                  name = o[g_rand_int_range (rand, 0, n_o)];
                  label = "ORG";
                  break;
                default:
                  name = g[g_rand_int_range (rand, 0, n_g)];
                  label = "GPE";
                  break;
                }
              span.start = (guint) g_utf8_strlen (doc.text->str, -1);
              span.end = span.start + (guint) g_utf8_strlen (name, -1);
              span.label = label;
              g_array_append_val (doc.spans, span);
              g_string_append (doc.text, name);
              t += 3;
            }
          else
            g_string_append_c (doc.text, *t++);
        }
    }
  return doc;
}

static Doc
make_train_doc (GRand *rand)
{
  return make_doc (rand, 4, people, G_N_ELEMENTS (people), orgs, G_N_ELEMENTS (orgs), places,
                   G_N_ELEMENTS (places));
}

static Doc
make_held_out_doc (GRand *rand)
{
  return make_doc (rand, 8, new_people, G_N_ELEMENTS (new_people), new_orgs,
                   G_N_ELEMENTS (new_orgs), new_places, G_N_ELEMENTS (new_places));
}

static void
add_annotations (GlossProject  *project,
                 GlossDocument *document,
                 const Doc     *doc,
                 const char    *annotator)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossAnnotationList) list = gloss_project_dup_annotation_list (project, document,
                                                                            &error);
  g_autoptr(GlossCommand) command = gloss_command_new ("annotate");

  g_assert_no_error (error);
  for (guint i = 0; i < doc->spans->len; i++)
    {
      const Span      *s = &g_array_index (doc->spans, Span, i);
      g_autofree char *uuid = g_uuid_string_random ();
      g_autoptr(GlossAnnotation) a = gloss_annotation_new_span (s->label, s->start, s->end,
                                                                 annotator);

      gloss_annotation_set_uuid (a, uuid);
      gloss_command_create_annotation (command, a);
    }
  g_assert_true (gloss_annotation_list_apply (list, command, &error));
  g_assert_no_error (error);
}

/* A project of @n annotated training documents and one unannotated one. */
static GlossProject *
make_project (const char *name,
              guint       n)
{
  g_autofree char *path = test_path (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (414);
  GlossProject *project = gloss_project_create (path, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *doc_name = g_strdup_printf ("wire-%02u", i);
      Doc              doc = make_train_doc (rand);
      GlossDocument   *document = gloss_project_add_document (project, doc_name, doc.text->str, -1,
                                                              NULL, &error);

      g_assert_no_error (error);
      add_annotations (project, document, &doc, "alice");
      doc_clear (&doc);
    }
  g_assert_nonnull (gloss_project_add_document (project, "unread", "Nothing annotated here.", -1,
                                                NULL, &error));
  g_assert_no_error (error);
  return project;
}

static GlossSchema *
news_schema (void)
{
  g_autoptr(GError) error = NULL;
  GlossSchema *schema = gloss_schema_new_preset ("news", &error);

  g_assert_no_error (error);
  return schema;
}

static GPtrArray *
suggest_text (GlossSuggester *suggester,
              const char     *text)
{
  g_autoptr(GlossSchema) schema = news_schema ();
  g_autoptr(GlossSuggestInput) input = gloss_suggest_input_new_text ("held-out", text, schema,
                                                                      NULL);
  g_autoptr(GError) error = NULL;
  GPtrArray *suggestions = gloss_suggester_suggest (suggester, input, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (suggestions);
  return suggestions;
}

/* Exact matches (label and span) of @suggestions among @spans. */
static guint
count_found (GPtrArray *suggestions,
             GArray    *spans)
{
  guint found = 0;

  for (guint i = 0; i < spans->len; i++)
    {
      const Span *s = &g_array_index (spans, Span, i);

      for (guint j = 0; j < suggestions->len; j++)
        {
          GlossSuggestion *sg = g_ptr_array_index (suggestions, j);

          if (gloss_suggestion_get_start (sg) == s->start &&
              gloss_suggestion_get_end (sg) == s->end &&
              g_str_equal (gloss_suggestion_get_label (sg), s->label))
            {
              found++;
              break;
            }
        }
    }
  return found;
}

/* ---- tests ----------------------------------------------------------------- */

static void
test_untrained (void)
{
  g_autoptr(GlossSuggester) suggester = gloss_model_suggester_new ();
  g_autoptr(GlossSchema) schema = news_schema ();
  g_autoptr(GlossSuggestInput) input = gloss_suggest_input_new_text ("doc", "Anna Kell said so.",
                                                                      schema, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autofree char *path = test_path ("empty.gloss");
  g_autoptr(GlossProject) project = NULL;

  g_assert_cmpstr (gloss_suggester_get_name (suggester), ==, "model");
  g_assert_true (gloss_suggester_can_train (suggester));
  g_assert_false (gloss_model_suggester_is_trained (GLOSS_MODEL_SUGGESTER (suggester)));

  suggestions = gloss_suggester_suggest (suggester, input, NULL, &error);
  g_assert_null (suggestions);
  g_assert_error (error, GLOSS_SUGGEST_ERROR, GLOSS_SUGGEST_ERROR_NOT_TRAINED);
  g_clear_error (&error);
  g_assert_cmpfloat (gloss_model_suggester_document_uncertainty (GLOSS_MODEL_SUGGESTER (suggester),
                                                                 input),
                     ==, -1);

  /* A project with nothing annotated leaves it untrained. */
  project = gloss_project_create (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (gloss_project_add_document (project, "plain", "Anna Kell said so.", -1, NULL,
                                                &error));
  g_assert_false (gloss_suggester_train (suggester, project, NULL, NULL, NULL, &error));
  g_assert_error (error, GLOSS_SUGGEST_ERROR, GLOSS_SUGGEST_ERROR_NOT_TRAINED);
  g_assert_false (gloss_model_suggester_is_trained (GLOSS_MODEL_SUGGESTER (suggester)));
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, *last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  *last = fraction;
}

static void
test_learns_entities (void)
{
  g_autoptr(GlossProject) project = make_project ("learn.gloss", 30);
  g_autoptr(GlossSuggester) suggester = gloss_model_suggester_new ();
  GlossModelSuggester *model = GLOSS_MODEL_SUGGESTER (suggester);
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) suggestions = NULL;
  g_auto(GStrv) labels = NULL;
  g_autoptr(GlossSchema) schema = news_schema ();
  Doc    doc = make_held_out_doc (rand);
  double last = 0, recall;
  guint  found, right = 0;

  g_assert_true (gloss_suggester_train (suggester, project, progress_cb, &last, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (last, ==, 1.0);
  g_assert_true (gloss_model_suggester_is_trained (model));

  labels = gloss_suggester_dup_labels (suggester, schema);
  g_assert_cmpuint (g_strv_length (labels), ==, 3);
  g_assert_true (g_strv_contains ((const char * const *) labels, "PERSON"));
  g_assert_true (g_strv_contains ((const char * const *) labels, "ORG"));
  g_assert_true (g_strv_contains ((const char * const *) labels, "GPE"));

  suggestions = suggest_text (suggester, doc.text->str);
  found = count_found (suggestions, doc.spans);
  recall = (double) found / doc.spans->len;
  for (guint i = 0; i < suggestions->len; i++)
    {
      GlossSuggestion *s = g_ptr_array_index (suggestions, i);

      g_assert_cmpstr (gloss_suggestion_get_suggester (s), ==, "model");
      g_assert_cmpfloat (gloss_suggestion_get_score (s), >, 0.0);
      g_assert_cmpfloat (gloss_suggestion_get_score (s), <=, 1.0);
      g_assert_cmpuint (gloss_suggestion_get_end (s), <=, g_utf8_strlen (doc.text->str, -1));
    }
  right = found;
  g_test_message ("held-out: %u of %u entities found (recall %.2f), %u proposed (precision %.2f)",
                  found, doc.spans->len, recall, suggestions->len,
                  suggestions->len ? (double) right / suggestions->len : 0.0);
  g_assert_cmpfloat (recall, >=, 0.6);
  g_assert_cmpfloat ((double) right / suggestions->len, >=, 0.6);

  /* It is surer of what it was trained on than of noise. */
  {
    g_autoptr(GRand) again = g_rand_new_with_seed (414);
    Doc seen = make_train_doc (again);
    g_autoptr(GlossSuggestInput) a = gloss_suggest_input_new_text ("seen", seen.text->str, schema,
                                                                    NULL);
    static const char noise[] =
      "Qzv Wrtk, Plom Xeff Brag of Juvv Kotz in Quor; Ylla Merv Gont Hask vrel Zumb.";
    g_autoptr(GlossSuggestInput) b = gloss_suggest_input_new_text ("noise", noise, schema, NULL);
    double ua = gloss_model_suggester_document_uncertainty (model, a);
    double ub = gloss_model_suggester_document_uncertainty (model, b);

    g_test_message ("uncertainty: seen %.3f, noise %.3f", ua, ub);
    g_assert_cmpfloat (ua, >=, 0.0);
    g_assert_cmpfloat (ub, <=, 1.0);
    g_assert_cmpfloat (ua, <, ub);
    doc_clear (&seen);
  }
  doc_clear (&doc);
}

static void
test_deterministic (void)
{
  g_autoptr(GlossProject) project = make_project ("same.gloss", 12);
  g_autoptr(GlossSuggester) one = gloss_model_suggester_new ();
  g_autoptr(GlossSuggester) two = gloss_model_suggester_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) a = NULL;
  g_autoptr(GPtrArray) b = NULL;
  Doc doc = make_held_out_doc (rand);

  g_assert_true (gloss_suggester_train (one, project, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_suggester_train (two, project, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  a = suggest_text (one, doc.text->str);
  b = suggest_text (two, doc.text->str);
  g_assert_cmpuint (a->len, >, 0);
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      GlossSuggestion *x = g_ptr_array_index (a, i), *y = g_ptr_array_index (b, i);

      g_assert_cmpstr (gloss_suggestion_get_id (x), ==, gloss_suggestion_get_id (y));
      g_assert_cmpfloat (gloss_suggestion_get_score (x), ==, gloss_suggestion_get_score (y));
    }
  doc_clear (&doc);
}

static void
cancel_cb (double   fraction,
           gpointer user_data)
{
  if (fraction > 0.3)
    g_cancellable_cancel (user_data);
}

static void
test_cancel (void)
{
  g_autoptr(GlossProject) project = make_project ("cancel.gloss", 10);
  g_autoptr(GlossSuggester) suggester = gloss_model_suggester_new ();
  GlossModelSuggester *model = GLOSS_MODEL_SUGGESTER (suggester);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  static const char text[] = "Anna Kell of the Baltic Wire met Lars Brun in Oslo on Monday.";

  /* Cancelled before it starts: untrained still. */
  g_cancellable_cancel (cancellable);
  g_assert_false (gloss_suggester_train (suggester, project, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (gloss_model_suggester_is_trained (model));

  /* Cancelled part-way through a retraining: the model it had stays. */
  g_assert_true (gloss_suggester_train (suggester, project, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  before = suggest_text (suggester, text);
  g_cancellable_reset (cancellable);
  gloss_model_suggester_set_epochs (model, 20);
  g_assert_false (gloss_suggester_train (suggester, project, cancel_cb, cancellable, cancellable,
                                         &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (gloss_model_suggester_is_trained (model));
  after = suggest_text (suggester, text);
  g_assert_cmpuint (before->len, ==, after->len);
  for (guint i = 0; i < before->len; i++)
    g_assert_cmpfloat (gloss_suggestion_get_score (before->pdata[i]), ==,
                       gloss_suggestion_get_score (after->pdata[i]));

  /* Cancelled suggest fails too. */
  {
    g_autoptr(GlossSchema) schema = news_schema ();
    g_autoptr(GlossSuggestInput) input = gloss_suggest_input_new_text ("doc", text, schema, NULL);
    g_autoptr(GPtrArray) none = NULL;

    g_clear_error (&error);
    none = gloss_suggester_suggest (suggester, input, cancellable, &error);
    g_assert_null (none);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }
}

/* Claims, cues and entities are separate layers: a GPE inside a CLAIM is
 * learnt and proposed as both. Gold is preferred over another annotator. */
static void
test_layers_and_gold (void)
{
  g_autofree char *path = test_path ("layers.gloss");
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = gloss_project_create (path, NULL, &error);
  g_autoptr(GlossSuggester) suggester = gloss_model_suggester_new ();
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (99);
  static const char * const cue_templates[][2] = {
    { "{P} said that troops had crossed into {G}.", "troops had crossed into {G}" },
    { "{P} told reporters the border with {G} was closed.", "the border with {G} was closed" },
  };
  gboolean    claim = FALSE, cue = FALSE, gpe_inside = FALSE;
  const char *text = "Greta Holm said that troops had crossed into Bergen.";

  g_assert_no_error (error);
  for (guint i = 0; i < 24; i++)
    {
      guint            k = i % 2;
      const char      *person = people[g_rand_int_range (rand, 0, G_N_ELEMENTS (people))];
      const char      *place = places[g_rand_int_range (rand, 0, G_N_ELEMENTS (places))];
      g_autofree char *name = g_strdup_printf ("claim-%02u", i);
      g_autoptr(GString) s = g_string_new (cue_templates[k][0]);
      g_autoptr(GString) c = g_string_new (cue_templates[k][1]);
      GlossDocument *document;
      Doc            doc;
      const char    *at;
      Span           span;

      g_string_replace (s, "{P}", person, 1);
      g_string_replace (s, "{G}", place, 1);
      g_string_replace (c, "{G}", place, 1);
      doc.text = g_string_new (s->str);
      doc.spans = g_array_new (FALSE, FALSE, sizeof (Span));
      span = (Span) { 0, g_utf8_strlen (person, -1), "PERSON" };
      g_array_append_val (doc.spans, span);
      at = strstr (s->str, place);
      span.start = g_utf8_pointer_to_offset (s->str, at);
      span.end = span.start + g_utf8_strlen (place, -1);
      span.label = "GPE";
      g_array_append_val (doc.spans, span);
      at = strstr (s->str, k == 0 ? "said" : "told");
      span.start = g_utf8_pointer_to_offset (s->str, at);
      span.end = span.start + 4;
      span.label = "CUE";
      g_array_append_val (doc.spans, span);
      at = strstr (s->str, c->str);
      span.start = g_utf8_pointer_to_offset (s->str, at);
      span.end = span.start + g_utf8_strlen (c->str, -1);
      span.label = "CLAIM";
      g_array_append_val (doc.spans, span);

      document = gloss_project_add_document (project, name, s->str, -1, NULL, &error);
      g_assert_no_error (error);
      add_annotations (project, document, &doc, GLOSS_GOLD_ANNOTATOR);
      /* A careless annotator calls every person an ORG: gold wins. */
      g_array_index (doc.spans, Span, 0).label = "ORG";
      add_annotations (project, document, &doc, "zed");
      doc_clear (&doc);
    }

  g_assert_true (gloss_suggester_train (suggester, project, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  suggestions = suggest_text (suggester, text);
  for (guint i = 0; i < suggestions->len; i++)
    {
      GlossSuggestion *s = g_ptr_array_index (suggestions, i);
      const char      *label = gloss_suggestion_get_label (s);
      guint            start = gloss_suggestion_get_start (s), end = gloss_suggestion_get_end (s);

      g_test_message ("%s [%u, %u)", label, start, end);
      g_assert_cmpstr (label, !=, "ORG");
      if (g_str_equal (label, "CLAIM") && start == 21 && end == 51)
        claim = TRUE;
      if (g_str_equal (label, "CUE") && start == 11 && end == 15)
        cue = TRUE;
      if (g_str_equal (label, "GPE") && start == 45 && end == 51)
        gpe_inside = TRUE;
    }
  g_assert_true (claim);
  g_assert_true (cue);
  g_assert_true (gpe_inside);
}

/* ---- the CoNLL corpora ----------------------------------------------------- */

typedef struct
{
  char   *text;
  GArray *spans; /* Span, labels interned */
} Sentence;

static void
sentence_free (gpointer data)
{
  Sentence *s = data;

  g_free (s->text);
  g_array_unref (s->spans);
  g_free (s);
}

/* Reads a CoNLL/IOB column file: one token a line (the token in column
 * @token_col, the IOB1 or IOB2 tag in @tag_col, negative counting from the
 * end), blank lines between sentences, -DOCSTART- and # lines skipped. A
 * sentence whose text is in @seen already is dropped (the corpora hold the
 * same sentences in several layouts), and so is one with a numeric label. */
static void
read_conll (const char *path,
            int         token_col,
            int         tag_col,
            GHashTable *seen,
            GPtrArray  *out)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GString    *text = g_string_new (NULL);
  GArray     *spans = g_array_new (FALSE, FALSE, sizeof (Span));
  const char *open_label = NULL;
  guint       open_start = 0, n_chars = 0;
  gboolean    bad = FALSE;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0;; i++)
    {
      g_auto(GStrv) cols = NULL;
      guint       n_cols = 0;
      const char *line = lines[i];

      if (line != NULL)
        {
          g_autofree char *stripped = g_strstrip (g_strdup (line));

          if (g_str_has_prefix (stripped, "-DOCSTART-") || stripped[0] == '#')
            continue;
          cols = g_regex_split_simple ("\\s+", stripped, 0, 0);
          n_cols = g_strv_length (cols);
          if (n_cols == 1 && *cols[0] == '\0')
            n_cols = 0;
        }
      if (n_cols == 0)
        {
          if (open_label != NULL)
            {
              Span s = { open_start, n_chars, open_label };

              g_array_append_val (spans, s);
              open_label = NULL;
            }
          if (text->len > 0 && !bad && !g_hash_table_contains (seen, text->str))
            {
              Sentence *s = g_new0 (Sentence, 1);

              g_hash_table_add (seen, g_strdup (text->str));
              s->text = g_strdup (text->str);
              s->spans = g_array_ref (spans);
              g_ptr_array_add (out, s);
            }
          g_string_truncate (text, 0);
          g_array_unref (spans);
          spans = g_array_new (FALSE, FALSE, sizeof (Span));
          n_chars = 0;
          bad = FALSE;
          if (line == NULL)
            break;
          continue;
        }
      {
        int         tc = token_col >= 0 ? token_col : (int) n_cols + token_col;
        int         gc = tag_col >= 0 ? tag_col : (int) n_cols + tag_col;
        const char *token, *tag, *label = NULL;
        gboolean    begin = FALSE;

        if (n_cols < 2 || tc < 0 || gc < 0 || tc >= (int) n_cols || gc >= (int) n_cols)
          {
            bad = TRUE;
            continue;
          }
        token = cols[tc];
        tag = cols[gc];
        if ((tag[0] == 'B' || tag[0] == 'I') && tag[1] == '-' && tag[2] != '\0')
          {
            label = g_intern_string (tag + 2);
            g_assert_nonnull (label);
            begin = tag[0] == 'B' || label != open_label;
            if (g_ascii_isdigit (label[0]))
              bad = TRUE;
          }
        else if (!g_str_equal (tag, "O"))
          bad = TRUE;

        if (text->len > 0)
          {
            g_string_append_c (text, ' ');
            n_chars++;
          }
        if (open_label != NULL && (label == NULL || begin))
          {
            Span s = { open_start, n_chars - 1, open_label };

            g_array_append_val (spans, s);
            open_label = NULL;
          }
        if (label != NULL && open_label == NULL)
          {
            open_label = label;
            open_start = n_chars;
          }
        g_string_append (text, token);
        n_chars += g_utf8_strlen (token, -1);
      }
    }
  g_string_free (text, TRUE);
  g_array_unref (spans);
}

typedef struct
{
  guint tp, fp, fn;
} Counts;

#define N_FOLDS 4

/* Adds to @counts (label -> Counts) what @suggester finds in @s, exact
 * spans and labels. */
static void
evaluate_sentence (GlossSuggester *suggester,
                   GlossSchema    *schema,
                   Sentence       *s,
                   GHashTable     *counts)
{
  g_autoptr(GlossSuggestInput) input = gloss_suggest_input_new_text ("test", s->text, schema, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) suggestions = gloss_suggester_suggest (suggester, input, NULL, &error);

  g_assert_no_error (error);
  for (guint j = 0; j < s->spans->len; j++)
    {
      const Span *span = &g_array_index (s->spans, Span, j);
      g_autoptr(GArray) one = g_array_new (FALSE, FALSE, sizeof (Span));
      Counts     *c = g_hash_table_lookup (counts, span->label);
      guint       found;

      if (c == NULL)
        g_hash_table_insert (counts, (gpointer) span->label, c = g_new0 (Counts, 1));
      g_array_append_val (one, *span);
      found = count_found (suggestions, one);
      c->tp += found;
      c->fn += 1 - found;
    }
  for (guint j = 0; j < suggestions->len; j++)
    {
      GlossSuggestion *sg = g_ptr_array_index (suggestions, j);
      const char      *label = g_intern_string (gloss_suggestion_get_label (sg));
      gboolean         right = FALSE;
      Counts          *c = g_hash_table_lookup (counts, label);

      for (guint k = 0; k < s->spans->len && !right; k++)
        {
          const Span *span = &g_array_index (s->spans, Span, k);

          right = span->start == gloss_suggestion_get_start (sg) &&
                  span->end == gloss_suggestion_get_end (sg) && span->label == label;
        }
      if (c == NULL)
        g_hash_table_insert (counts, (gpointer) label, c = g_new0 (Counts, 1));
      if (!right)
        c->fp++;
    }
}

static void
test_conll_corpora (void)
{
  const char      *corpora = g_getenv ("GLOSS_CORPORA_DIR");
  g_autofree char *dir = NULL;
  g_autoptr(GPtrArray) sentences = g_ptr_array_new_with_free_func (sentence_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GlossSchema) schema = gloss_schema_new ("conll");
  g_autoptr(GHashTable) counts = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GList) labels = NULL;
  Counts all = { 0 };
  /* The files with a tag per token, the column of the token and of its
   * tag (negative: from the end). */
  static const struct
  {
    const char *file;
    int         token;
    int         tag;
  } files[] = {
    { "dkpro-core-conll-fixtures/2003/en-orig.conll", 0, -1 },
    { "dkpro-core-conll-fixtures/2002/ner2002_test.conll", 0, -1 },
    { "apache-opennlp-conll-fixtures/conll2003-en.sample", 0, -1 },
    { "spacy-ner-example-data/ner-token-per-line.iob", 0, -1 },
    { "spacy-ner-example-data/ner-token-per-line-conll2003.iob", 0, -1 },
    { "spacy-ner-example-data/ner-token-per-line-with-pos.iob", 0, -1 },
    { "doccano-transformer/labeling_text_label.conll2003.user0", 0, -1 },
    { "doccano/legacy-app-api-tests-data/labeling.conll", 0, -1 },
    { "doccano/data_import-tests-data/sequence_labeling/example.conll", 0, -1 },
    { "doccano/data_import-tests-data/sequence_labeling/labeling.trailing.conll", 0, -1 },
    { "doccano/data_import-pipeline-examples/sequence_labeling/example.txt", 0, -1 },
    { "apache-opennlp-conll-fixtures/conll2003-de.sample", 0, -1 },
    { "apache-opennlp-conll-fixtures/conll2002-es.sample", 0, -1 },
    { "apache-opennlp-conll-fixtures/conll2002-nl.sample", 0, -1 },
    { "dkpro-core-conll-fixtures/2002/germeval2014_test.conll", 1, 2 },
  };

  if (corpora == NULL)
    {
      g_test_skip ("GLOSS_CORPORA_DIR is not set");
      return;
    }
  dir = g_build_filename (corpora, "conll-iob", NULL);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("no CoNLL corpora here");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i].file, NULL);

      read_conll (path, files[i].token, files[i].tag, seen, sentences);
    }
  g_test_message ("%u distinct sentences", sentences->len);
  if (sentences->len < 8)
    {
      g_test_skip ("too few CoNLL sentences");
      return;
    }

  /* Every label seen, in an entity layer. */
  for (guint i = 0; i < sentences->len; i++)
    {
      Sentence *s = g_ptr_array_index (sentences, i);

      for (guint j = 0; j < s->spans->len; j++)
        {
          const char *label = g_array_index (s->spans, Span, j).label;

          if (gloss_schema_lookup_label (schema, label) == NULL)
            {
              g_autoptr(GlossLabel) l = gloss_label_new (label, "entity", "#3584e4", NULL, NULL);

              g_assert_true (gloss_schema_add_label (schema, l, &error));
              g_assert_no_error (error);
            }
        }
    }
  /* Four folds: each sentence is held out once, from a model trained on
   * the other three quarters. */
  for (guint fold = 0; fold < N_FOLDS; fold++)
    {
      g_autoptr(GPtrArray) train = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                                      gloss_suggest_input_unref);
      g_autoptr(GPtrArray) test = g_ptr_array_new ();
      g_autoptr(GlossSuggester) suggester = gloss_model_suggester_new ();

      for (guint i = 0; i < sentences->len; i++)
        {
          Sentence *s = g_ptr_array_index (sentences, i);
          g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);

          if (i % N_FOLDS == fold)
            {
              g_ptr_array_add (test, s);
              continue;
            }
          for (guint j = 0; j < s->spans->len; j++)
            {
              const Span *span = &g_array_index (s->spans, Span, j);

              g_ptr_array_add (annotations, gloss_annotation_new_span (span->label, span->start,
                                                                       span->end, "conll"));
            }
          g_ptr_array_add (train, gloss_suggest_input_new_text ("train", s->text, schema,
                                                                annotations));
        }
      g_assert_true (gloss_model_suggester_train_inputs (GLOSS_MODEL_SUGGESTER (suggester), schema,
                                                         train, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      for (guint i = 0; i < test->len; i++)
        evaluate_sentence (suggester, schema, g_ptr_array_index (test, i), counts);
    }

  labels = g_list_sort (g_hash_table_get_keys (counts), (GCompareFunc) strcmp);
  g_test_message ("CoNLL corpora: %u sentences, %u folds", sentences->len, N_FOLDS);
  for (GList *l = labels; l != NULL; l = l->next)
    {
      Counts *c = g_hash_table_lookup (counts, l->data);

      all.tp += c->tp;
      all.fp += c->fp;
      all.fn += c->fn;
      g_test_message ("%-10s precision %.2f recall %.2f (tp %u fp %u fn %u)", (char *) l->data,
                      c->tp + c->fp ? (double) c->tp / (c->tp + c->fp) : 0.0,
                      c->tp + c->fn ? (double) c->tp / (c->tp + c->fn) : 0.0, c->tp, c->fp, c->fn);
    }
  g_test_message ("%-10s precision %.2f recall %.2f (tp %u fp %u fn %u)", "all",
                  all.tp + all.fp ? (double) all.tp / (all.tp + all.fp) : 0.0,
                  all.tp + all.fn ? (double) all.tp / (all.tp + all.fn) : 0.0, all.tp, all.fp,
                  all.fn);
  /* A few dozen sentences in five languages teach little; it must still
   * find something right. */
  g_assert_cmpuint (all.tp + all.fn, >, 0);
  g_assert_cmpuint (all.tp, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/suggest/model/untrained", test_untrained);
  g_test_add_func ("/core/suggest/model/learns-entities", test_learns_entities);
  g_test_add_func ("/core/suggest/model/deterministic", test_deterministic);
  g_test_add_func ("/core/suggest/model/cancel", test_cancel);
  g_test_add_func ("/core/suggest/model/layers-and-gold", test_layers_and_gold);
  g_test_add_func ("/core/suggest/model/conll-corpora", test_conll_corpora);

  return g_test_run ();
}
