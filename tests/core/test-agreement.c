/* test-agreement.c: agreement statistics against hand-computed and
 * textbook values
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "core-test-util.h"

#define EPS 1e-9

/* Wikipedia, "Cohen's kappa", the worked example: 50 proposals read by two
 * readers, 20 yes/yes, 5 yes(A)/no(B), 10 no(A)/yes(B), 15 no/no.
 * p_o = 35/50 = 0.7; p_yes = 25/50 · 30/50 = 0.3, p_no = 25/50 · 20/50 = 0.2,
 * p_e = 0.5; kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4. */
static void
test_kappa_wikipedia (void)
{
  int a[50], b[50];
  guint i = 0;

  for (guint k = 0; k < 20; k++, i++)
    a[i] = 1, b[i] = 1;
  for (guint k = 0; k < 5; k++, i++)
    a[i] = 1, b[i] = 0;
  for (guint k = 0; k < 10; k++, i++)
    a[i] = 0, b[i] = 1;
  for (guint k = 0; k < 15; k++, i++)
    a[i] = 0, b[i] = 0;
  g_assert_cmpuint (i, ==, 50);
  g_assert_cmpfloat_with_epsilon (gloss_agreement_cohen_kappa (a, b, 50), 0.4, EPS);
}

/* Edge cases: perfect agreement, chance-level agreement, undefined. */
static void
test_kappa_edges (void)
{
  const int a[] = { 0, 1, 2, 0, 1, 2 };
  const int same_a[] = { 3, 3, 3 };
  /* p_o = 2/4, p_e = 1/2·1/2 + 1/2·1/2 = 1/2: kappa 0 */
  const int c[] = { 0, 0, 1, 1 };
  const int d[] = { 0, 1, 0, 1 };
  /* a missing value (negative) skips the item */
  const int e[] = { 0, 1, -1 };
  const int f[] = { 0, 1, 1 };

  g_assert_cmpfloat_with_epsilon (gloss_agreement_cohen_kappa (a, a, 6), 1.0, EPS);
  g_assert_cmpfloat_with_epsilon (gloss_agreement_cohen_kappa (c, d, 4), 0.0, EPS);
  g_assert_true (isnan (gloss_agreement_cohen_kappa (same_a, same_a, 3)));
  g_assert_true (isnan (gloss_agreement_cohen_kappa (a, a, 0)));
  g_assert_cmpfloat_with_epsilon (gloss_agreement_cohen_kappa (e, f, 3), 1.0, EPS);
}

/* Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability.
 * Annenberg School for Communication, University of Pennsylvania. Section
 * C, "Nominal data, any number of observers, missing data": 4 observers,
 * 12 units, values 1–5 with missing data; alpha = 0.743. (n = 40 pairable
 * values; alpha = 1 - (n - 1) · sum of off-diagonal coincidences /
 * sum over c ≠ k of n_c n_k = 0.7434.) */
static void
test_alpha_krippendorff_2011 (void)
{
#define M -1
  static const int by_observer[4][12] = {
    { 1, 2, 3, 3, 2, 1, 4, 1, 2, M, M, M },   /* A */
    { 1, 2, 3, 3, 2, 2, 4, 1, 2, 5, M, 3 },   /* B */
    { M, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, M },   /* C */
    { 1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, M },   /* D */
  };
#undef M
  int values[12 * 4];
  double alpha;

  for (guint u = 0; u < 12; u++)
    for (guint c = 0; c < 4; c++)
      values[u * 4 + c] = by_observer[c][u];
  alpha = gloss_agreement_krippendorff_alpha (values, 12, 4);
  g_test_message ("Krippendorff (2011) nominal example: alpha = %.6f", alpha);
  g_assert_cmpfloat_with_epsilon (alpha, 0.743, 0.0005);
  g_assert_cmpfloat_with_epsilon (alpha, 0.743421052631579, 1e-9);
}

static void
test_alpha_edges (void)
{
  /* two coders who always agree on varied data: 1 */
  const int agree[] = { 0, 0, 1, 1, 2, 2 };
  /* one category only: undefined */
  const int one[] = { 4, 4, 4, 4 };
  /* no unit with two values: undefined */
  const int lonely[] = { 1, -1, -1, 2 };

  g_assert_cmpfloat_with_epsilon (gloss_agreement_krippendorff_alpha (agree, 3, 2), 1.0, EPS);
  g_assert_true (isnan (gloss_agreement_krippendorff_alpha (one, 2, 2)));
  g_assert_true (isnan (gloss_agreement_krippendorff_alpha (lonely, 2, 2)));
}

static void
test_tokenize (void)
{
  /* "Dorn said: “Hi”, 2024." -> Dorn | said | : | “ | Hi | ” | , | 2024 | . */
  g_autoptr(GArray) t = gloss_agreement_tokenize ("Dorn said: \u201cHi\u201d, 2024.");
  static const GlossFragment expected[] = {
    { 0, 4 }, { 5, 9 }, { 9, 10 }, { 11, 12 }, { 12, 14 }, { 14, 15 }, { 15, 16 },
    { 17, 21 }, { 21, 22 },
  };

  g_assert_cmpuint (t->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < t->len; i++)
    {
      g_assert_cmpuint (g_array_index (t, GlossFragment, i).start, ==, expected[i].start);
      g_assert_cmpuint (g_array_index (t, GlossFragment, i).end, ==, expected[i].end);
    }
}

/* ---- a small project, computed by hand */

static void
annotate (GlossProject  *project,
          const char    *doc_name,
          const char    *annotator,
          const char    *label,
          guint          start,
          guint          end,
          const char    *certainty,
          char         **uuid_out)
{
  g_autoptr(GError) error = NULL;
  GlossDocument *doc = gloss_project_find_document (project, doc_name);
  g_autoptr(GlossAnnotationList) list = gloss_project_dup_annotation_list (project, doc, &error);
  g_autoptr(GlossCommand) cmd = gloss_command_new ("annotate");
  g_autoptr(GlossAnnotation) a = gloss_annotation_new_span (label, start, end, annotator);

  g_assert_no_error (error);
  if (certainty)
    gloss_annotation_set_attribute (a, "certainty", g_variant_new_string (certainty));
  gloss_command_create_annotation (cmd, a);
  g_assert_true (gloss_annotation_list_apply (list, cmd, &error));
  g_assert_no_error (error);
  if (uuid_out)
    *uuid_out = g_strdup (gloss_annotation_get_uuid (a));
}

static void
relate (GlossProject *project,
        const char   *doc_name,
        const char   *annotator,
        const char   *source,
        const char   *target)
{
  g_autoptr(GError) error = NULL;
  GlossDocument *doc = gloss_project_find_document (project, doc_name);
  g_autoptr(GlossAnnotationList) list = gloss_project_dup_annotation_list (project, doc, &error);
  g_autoptr(GlossCommand) cmd = gloss_command_new ("relate");
  g_autoptr(GlossRelation) r = gloss_relation_new ("attributed-to", source, target, annotator);

  gloss_command_add_relation (cmd, r);
  g_assert_true (gloss_annotation_list_apply (list, cmd, &error));
  g_assert_no_error (error);
}

/* doc1 "Alice met Bob in Paris."
 *   tokens: Alice 0-5 | met 6-9 | Bob 10-13 | in 14-16 | Paris 17-22 | . 22-23
 *   a: PERSON 0-5, PERSON 10-13, GPE 17-22
 *   b: PERSON 0-5, ORG 10-13,    GPE 17-23
 *   gold: PERSON 0-5 (left out by default)
 * doc2 "Bob left."  a: PERSON 0-3; b did not annotate it (no row at all)
 * doc3 "Officials said the talks failed."
 *   tokens: Officials 0-9 | said 10-14 | the 15-18 | talks 19-24 | failed 25-31 | . 31-32
 *   a: SOURCE 0-9, CLAIM 15-31 (asserted), CLAIM attributed-to SOURCE
 *   b: SOURCE 0-9, CLAIM 15-31 (hedged),   CLAIM attributed-to SOURCE */
static GlossProject *
make_fixture (void)
{
  g_autofree char *path = test_path ("agreement.gloss");
  g_autoptr(GError) error = NULL;
  GlossProject *project = gloss_project_create (path, NULL, &error);
  g_autofree char *ca = NULL, *sa = NULL, *cb = NULL, *sb = NULL;

  g_assert_no_error (error);
  gloss_project_add_document (project, "doc1", "Alice met Bob in Paris.", -1, NULL, &error);
  g_assert_no_error (error);
  gloss_project_add_document (project, "doc2", "Bob left.", -1, NULL, &error);
  g_assert_no_error (error);
  gloss_project_add_document (project, "doc3", "Officials said the talks failed.", -1, NULL,
                              &error);
  g_assert_no_error (error);

  annotate (project, "doc1", "a", "PERSON", 0, 5, NULL, NULL);
  annotate (project, "doc1", "a", "PERSON", 10, 13, NULL, NULL);
  annotate (project, "doc1", "a", "GPE", 17, 22, NULL, NULL);
  annotate (project, "doc1", "b", "PERSON", 0, 5, NULL, NULL);
  annotate (project, "doc1", "b", "ORG", 10, 13, NULL, NULL);
  annotate (project, "doc1", "b", "GPE", 17, 23, NULL, NULL);
  annotate (project, "doc1", GLOSS_GOLD_ANNOTATOR, "PERSON", 0, 5, NULL, NULL);
  annotate (project, "doc2", "a", "PERSON", 0, 3, NULL, NULL);
  annotate (project, "doc3", "a", "SOURCE", 0, 9, NULL, &sa);
  annotate (project, "doc3", "a", "CLAIM", 15, 31, "asserted", &ca);
  relate (project, "doc3", "a", ca, sa);
  annotate (project, "doc3", "b", "SOURCE", 0, 9, NULL, &sb);
  annotate (project, "doc3", "b", "CLAIM", 15, 31, "hedged", &cb);
  relate (project, "doc3", "b", cb, sb);
  return project;
}

static GlossSpanScores *
label_scores (GlossPairScores *p,
              const char      *label)
{
  for (guint i = 0; i < p->labels->len; i++)
    if (g_str_equal (((GlossSpanScores *) g_ptr_array_index (p->labels, i))->label, label))
      return g_ptr_array_index (p->labels, i);
  g_assert_not_reached ();
  return NULL;
}

static void
test_fixture (void)
{
  g_autoptr(GlossProject) project = make_fixture ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossAgreement) ag = gloss_agreement_compute (project, NULL, NULL, NULL, NULL,
                                                          &error);
  GlossAgreementScores *doc1, *doc2, *doc3;
  GlossPairScores *p;
  GlossSpanScores *s;
  g_autofree char *json = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (ag->annotators->len, ==, 2);   /* gold left out */
  g_assert_cmpstr (g_ptr_array_index (ag->annotators, 0), ==, "a");
  g_assert_cmpstr (g_ptr_array_index (ag->annotators, 1), ==, "b");
  g_assert_cmpuint (ag->labels->len, ==, 5);        /* CLAIM GPE ORG PERSON SOURCE */
  g_assert_cmpuint (ag->documents->len, ==, 3);
  doc1 = g_ptr_array_index (ag->documents, 0);
  doc2 = g_ptr_array_index (ag->documents, 1);
  doc3 = g_ptr_array_index (ag->documents, 2);
  g_assert_cmpstr (doc1->document, ==, "doc1");

  /* doc1, pair (a, b) */
  p = g_ptr_array_index (doc1->pairs, 0);
  g_assert_cmpuint (p->n_documents, ==, 1);
  g_assert_cmpuint (p->n_tokens, ==, 6);
  /* PERSON: n_a 2, n_b 1, 1 exact: P = 1/1, R = 1/2, F1 = 2·1/(2+1) = 2/3 */
  s = label_scores (p, "PERSON");
  g_assert_cmpuint (s->n_a, ==, 2);
  g_assert_cmpuint (s->n_b, ==, 1);
  g_assert_cmpfloat_with_epsilon (s->exact_precision, 1.0, EPS);
  g_assert_cmpfloat_with_epsilon (s->exact_recall, 0.5, EPS);
  g_assert_cmpfloat_with_epsilon (s->exact_f1, 2.0 / 3.0, EPS);
  /* ORG only in b: P = 0/1, R undefined, F1 = 0/(0+1) = 0 */
  s = label_scores (p, "ORG");
  g_assert_cmpfloat_with_epsilon (s->exact_precision, 0.0, EPS);
  g_assert_true (isnan (s->exact_recall));
  g_assert_cmpfloat_with_epsilon (s->exact_f1, 0.0, EPS);
  /* GPE 17-22 against 17-23: no exact match, one overlap match */
  s = label_scores (p, "GPE");
  g_assert_cmpuint (s->exact_matches, ==, 0);
  g_assert_cmpfloat_with_epsilon (s->exact_f1, 0.0, EPS);
  g_assert_cmpuint (s->overlap_matches, ==, 1);
  g_assert_cmpfloat_with_epsilon (s->overlap_f1, 1.0, EPS);
  /* CLAIM, SOURCE: none in doc1, F1 undefined */
  g_assert_true (isnan (label_scores (p, "CLAIM")->exact_f1));
  /* all labels: 3 and 3 spans, 1 exact (F1 1/3), 2 overlapping (F1 2/3) */
  g_assert_cmpfloat_with_epsilon (p->all->exact_f1, 1.0 / 3.0, EPS);
  g_assert_cmpfloat_with_epsilon (p->all->overlap_f1, 2.0 / 3.0, EPS);
  /* tokens a: PERSON O PERSON O GPE O; b: PERSON O ORG O GPE GPE
   * p_o = 4/6; marginals a: PERSON 2, O 3, GPE 1; b: PERSON 1, O 2, ORG 1,
   * GPE 2; p_e = (2·1 + 3·2 + 1·2) / 36 = 10/36;
   * kappa = (24/36 - 10/36) / (26/36) = 14/26 */
  g_assert_cmpfloat_with_epsilon (p->kappa, 14.0 / 26.0, EPS);
  /* alpha over the 6 tokens, 2 coders: coincidences o(P,P) 2, o(O,O) 4,
   * o(P,ORG) = o(ORG,P) 1, o(G,G) 2, o(O,G) = o(G,O) 1; n_P 3, n_O 5,
   * n_ORG 1, n_G 3, n 12; sum c≠k n_c n_k = 144 - (9+25+1+9) = 100;
   * alpha = 1 - 11 · 4 / 100 = 0.56 */
  g_assert_cmpfloat_with_epsilon (doc1->alpha, 0.56, EPS);

  /* doc2: only a annotated it: the pair has no document, alpha undefined */
  p = g_ptr_array_index (doc2->pairs, 0);
  g_assert_cmpuint (p->n_documents, ==, 0);
  g_assert_true (isnan (p->kappa));
  g_assert_true (isnan (doc2->alpha));

  /* doc3: same spans; claims: 1 matched, attributed by both to the same
   * span (1/1), certainty asserted vs hedged (0/1); certainty kappa over one
   * item: p_o = 0, p_e = 1·0 + 0·1 = 0, kappa = 0 */
  p = g_ptr_array_index (doc3->pairs, 0);
  g_assert_cmpfloat_with_epsilon (p->all->exact_f1, 1.0, EPS);
  g_assert_cmpfloat_with_epsilon (p->kappa, 1.0, EPS);
  g_assert_cmpuint (p->claims_matched, ==, 1);
  g_assert_cmpuint (p->claims_attributed, ==, 1);
  g_assert_cmpfloat_with_epsilon (p->attribution_agreement, 1.0, EPS);
  g_assert_cmpfloat_with_epsilon (p->certainty_agreement, 0.0, EPS);
  g_assert_cmpfloat_with_epsilon (p->certainty_kappa, 0.0, EPS);

  /* the project: doc1 and doc3 (doc2 not annotated by b)
   * spans: n_a 5, n_b 5, exact 3 (F1 0.6), overlap 4 (F1 0.8)
   * tokens: 12; agreements 4 + 6 = 10; marginals a: PERSON 2, O 5, GPE 1,
   * SOURCE 1, CLAIM 3; b: PERSON 1, O 4, ORG 1, GPE 2, SOURCE 1, CLAIM 3;
   * p_e = (2 + 20 + 2 + 1 + 9) / 144 = 34/144;
   * kappa = (120 - 34) / (144 - 34) = 86/110
   * alpha: doc3 adds o(S,S) 2, o(O,O) 4, o(C,C) 6: n_P 3, n_O 9, n_ORG 1,
   * n_G 3, n_S 2, n_C 6, n 24; sum c≠k n_c n_k = 576 - 140 = 436;
   * alpha = 1 - 23 · 4 / 436 = 344/436 (doc2's tokens have one coder) */
  p = g_ptr_array_index (ag->project->pairs, 0);
  g_assert_cmpuint (p->n_documents, ==, 2);
  g_assert_cmpuint (p->n_tokens, ==, 12);
  g_assert_cmpfloat_with_epsilon (p->all->exact_f1, 0.6, EPS);
  g_assert_cmpfloat_with_epsilon (p->all->overlap_f1, 0.8, EPS);
  g_assert_cmpfloat_with_epsilon (p->kappa, 86.0 / 110.0, EPS);
  g_assert_cmpfloat_with_epsilon (ag->project->alpha, 344.0 / 436.0, EPS);
  g_assert_cmpuint (ag->project->n_tokens, ==, 6 + 3 + 6);
  g_test_message ("fixture: kappa(a,b) = %.6f, alpha = %.6f, exact F1 = %.3f, overlap F1 = %.3f",
                  p->kappa, ag->project->alpha, p->all->exact_f1, p->all->overlap_f1);

  json = gloss_agreement_to_json (ag);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *root, *pair;

    g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
    g_assert_no_error (error);
    root = json_node_get_object (json_parser_get_root (parser));
    pair = json_array_get_object_element (
      json_object_get_array_member (json_object_get_object_member (root, "project"), "pairs"), 0);
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (pair, "kappa"),
                                    86.0 / 110.0, EPS);
    /* undefined values are null */
    g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (
      json_object_get_object_member (json_object_get_object_member (pair, "labels"), "ORG"),
      "exact_recall")));
  }
}

/* Filters: one label, chosen annotators (gold included), chosen documents. */
static void
test_filters (void)
{
  g_autoptr(GlossProject) project = make_fixture ();
  g_autoptr(GError) error = NULL;
  static const char * const person[] = { "PERSON", NULL };
  static const char * const three[] = { "a", "b", GLOSS_GOLD_ANNOTATOR, NULL };
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 id = gloss_document_get_id (gloss_project_find_document (project, "doc1"));
  GlossPairScores *p;

  g_array_append_val (ids, id);
  {
    /* PERSON only, doc1: a PERSON O PERSON O O O; b PERSON O O O O O;
     * p_o = 5/6; p_e = (2·1 + 4·5) / 36 = 22/36; kappa = (30 - 22) / (36 - 22) = 8/14 */
    g_autoptr(GlossAgreement) ag = gloss_agreement_compute (project, ids, NULL, person, NULL,
                                                            &error);
    g_assert_no_error (error);
    g_assert_cmpuint (ag->labels->len, ==, 1);
    g_assert_cmpuint (ag->documents->len, ==, 1);
    p = g_ptr_array_index (ag->project->pairs, 0);
    g_assert_cmpfloat_with_epsilon (p->kappa, 8.0 / 14.0, EPS);
    g_assert_cmpfloat_with_epsilon (p->all->exact_f1, 2.0 / 3.0, EPS);
  }
  {
    /* with gold: pairs (a,b), (a,gold), (b,gold); (a, gold) over doc1 only
     * (gold annotated nothing else): PERSON a 2 gold 1 exact 1; GPE a 1
     * gold 0: all n_a 3, n_b 1, exact 1: F1 = 2/4 */
    g_autoptr(GlossAgreement) ag = gloss_agreement_compute (project, NULL, three, NULL, NULL,
                                                            &error);
    g_assert_no_error (error);
    g_assert_cmpuint (ag->project->pairs->len, ==, 3);
    p = g_ptr_array_index (ag->project->pairs, 1);
    g_assert_cmpstr (p->annotator_a, ==, "a");
    g_assert_cmpstr (p->annotator_b, ==, GLOSS_GOLD_ANNOTATOR);
    g_assert_cmpuint (p->n_documents, ==, 1);
    g_assert_cmpfloat_with_epsilon (p->all->exact_f1, 0.5, EPS);
  }
}

/* Every row of a pair's matrix adds up to n_a of its label, every column to
 * n_b, and the diagonal holds the exact matches. */
static void
assert_consistent (GlossAgreement  *ag,
                   GlossPairScores *p)
{
  g_autoptr(GlossConfusion) c = gloss_agreement_dup_confusion (ag, NULL, p->annotator_a,
                                                                p->annotator_b);
  guint n = c->labels->len;

  for (guint l = 0; l < p->labels->len; l++)
    {
      GlossSpanScores *s = g_ptr_array_index (p->labels, l);
      guint            row = 0, column = 0;

      g_assert_cmpstr (g_ptr_array_index (c->labels, l), ==, s->label);
      for (guint k = 0; k < n; k++)
        {
          row += c->counts[l * n + k];
          column += c->counts[k * n + l];
        }
      g_assert_cmpuint (row, ==, s->n_a);
      g_assert_cmpuint (column, ==, s->n_b);
      g_assert_cmpuint (c->counts[l * n + l], ==, s->exact_matches);
    }
  g_assert_cmpuint (c->counts[n * n - 1], ==, 0);
}

/* The label confusion of the fixture, by hand. (a, b) over doc1 and doc3
 * (b did not annotate doc2): Alice PERSON/PERSON, Bob PERSON/ORG, Paris
 * 17-22 GPE/(none), Paris. 17-23 (none)/GPE, Officials SOURCE/SOURCE, the
 * claim CLAIM/CLAIM: 6 spans. With gold (doc1 only, PERSON on Alice):
 * (a, gold) Alice PERSON/PERSON, Bob PERSON/(none), Paris GPE/(none);
 * (b, gold) Alice PERSON/PERSON, Bob ORG/(none), Paris. GPE/(none). */
static void
test_confusion (void)
{
  g_autoptr(GlossProject) project = make_fixture ();
  g_autoptr(GError) error = NULL;
  static const char * const three[] = { "a", "b", GLOSS_GOLD_ANNOTATOR, NULL };
  static const char * const labels[] = { "CLAIM", "GPE", "ORG", "PERSON", "SOURCE",
                                         GLOSS_AGREEMENT_NONE };
  g_autoptr(GlossAgreement) ag = gloss_agreement_compute (project, NULL, NULL, NULL, NULL,
                                                           &error);
  g_autoptr(GlossAgreement) with_gold = NULL;
  g_autoptr(GlossConfusion) c = NULL;
  g_autoptr(GlossConfusion) reversed = NULL;
  g_autoptr(GlossConfusion) pooled = NULL;
  g_autoptr(GlossConfusion) doc1 = NULL;
  g_autofree char *json = NULL;

  g_assert_no_error (error);
  c = gloss_agreement_dup_confusion (ag, NULL, "a", "b");
  g_assert_nonnull (c);
  g_assert_cmpuint (c->labels->len, ==, G_N_ELEMENTS (labels));
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    g_assert_cmpstr (g_ptr_array_index (c->labels, i), ==, labels[i]);
  g_assert_cmpuint (c->total, ==, 6);
  g_assert_cmpuint (gloss_confusion_get (c, "PERSON", "PERSON"), ==, 1);
  g_assert_cmpuint (gloss_confusion_get (c, "PERSON", "ORG"), ==, 1);
  g_assert_cmpuint (gloss_confusion_get (c, "ORG", "PERSON"), ==, 0);
  g_assert_cmpuint (gloss_confusion_get (c, "GPE", GLOSS_AGREEMENT_NONE), ==, 1);
  g_assert_cmpuint (gloss_confusion_get (c, GLOSS_AGREEMENT_NONE, "GPE"), ==, 1);
  g_assert_cmpuint (gloss_confusion_get (c, "GPE", "GPE"), ==, 0);
  g_assert_cmpuint (gloss_confusion_get (c, "SOURCE", "SOURCE"), ==, 1);
  g_assert_cmpuint (gloss_confusion_get (c, "CLAIM", "CLAIM"), ==, 1);
  g_assert_cmpuint (gloss_confusion_get (c, "MONEY", "MONEY"), ==, 0);
  assert_consistent (ag, g_ptr_array_index (ag->project->pairs, 0));

  /* the other order: the transpose */
  reversed = gloss_agreement_dup_confusion (ag, NULL, "b", "a");
  g_assert_cmpuint (reversed->total, ==, 6);
  g_assert_cmpuint (gloss_confusion_get (reversed, "ORG", "PERSON"), ==, 1);
  g_assert_cmpuint (gloss_confusion_get (reversed, "PERSON", "ORG"), ==, 0);
  g_assert_null (gloss_agreement_dup_confusion (ag, NULL, "a", "nobody"));

  /* one document: doc1 only */
  doc1 = gloss_agreement_dup_confusion (ag, g_ptr_array_index (ag->documents, 0), "a", "b");
  g_assert_cmpuint (doc1->total, ==, 4);
  g_assert_cmpuint (gloss_confusion_get (doc1, "SOURCE", "SOURCE"), ==, 0);

  /* pooled over (a, b), (a, gold), (b, gold) */
  with_gold = gloss_agreement_compute (project, NULL, three, NULL, NULL, &error);
  g_assert_no_error (error);
  pooled = gloss_agreement_dup_confusion (with_gold, NULL, NULL, NULL);
  g_assert_cmpuint (pooled->total, ==, 6 + 3 + 3);
  g_assert_cmpuint (gloss_confusion_get (pooled, "PERSON", "PERSON"), ==, 3);
  g_assert_cmpuint (gloss_confusion_get (pooled, "PERSON", "ORG"), ==, 1);
  g_assert_cmpuint (gloss_confusion_get (pooled, "PERSON", GLOSS_AGREEMENT_NONE), ==, 1);
  g_assert_cmpuint (gloss_confusion_get (pooled, "ORG", GLOSS_AGREEMENT_NONE), ==, 1);
  g_assert_cmpuint (gloss_confusion_get (pooled, "GPE", GLOSS_AGREEMENT_NONE), ==, 3);
  g_assert_cmpuint (gloss_confusion_get (pooled, GLOSS_AGREEMENT_NONE, "GPE"), ==, 1);
  for (guint i = 0; i < with_gold->project->pairs->len; i++)
    assert_consistent (with_gold, g_ptr_array_index (with_gold->project->pairs, i));

  /* in the JSON: pooled per scope, and per pair */
  json = gloss_agreement_to_json (with_gold);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *project_scores, *confusion;
    JsonArray  *rows;

    g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
    g_assert_no_error (error);
    project_scores = json_object_get_object_member (
      json_node_get_object (json_parser_get_root (parser)), "project");
    confusion = json_object_get_object_member (project_scores, "confusion");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (confusion, "labels")),
                      ==, 6);
    g_assert_cmpstr (json_array_get_string_element (
                       json_object_get_array_member (confusion, "labels"), 5),
                     ==, "(none)");
    rows = json_object_get_array_member (confusion, "counts");
    /* GPE row (1), (none) column (5) */
    g_assert_cmpint (json_array_get_int_element (json_array_get_array_element (rows, 1), 5), ==,
                     3);
    confusion = json_object_get_object_member (
      json_array_get_object_element (json_object_get_array_member (project_scores, "pairs"), 0),
      "confusion");
    rows = json_object_get_array_member (confusion, "counts");
    /* (a, b): PERSON row (3), ORG column (2) */
    g_assert_cmpint (json_array_get_int_element (json_array_get_array_element (rows, 3), 2), ==,
                     1);
  }
}

/* Several labels on one span: the shared label matches first, the rest
 * pair up in label order, the remainder against (none); a discontinuous
 * span is another span than its fragments. "Vey told Meridian."
 * a: PERSON and ORG on Vey 0-3, CLAIM on 0-3 + 9-17;
 * b: ORG, GPE and NORP on Vey 0-3, CLAIM on Meridian 9-17. */
static void
test_confusion_same_span (void)
{
  g_autofree char *path = test_path ("same-span.gloss");
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = gloss_project_create (path, NULL, &error);
  g_autoptr(GlossAgreement) ag = NULL;
  g_autoptr(GlossConfusion) c = NULL;
  static const GlossFragment claim[] = { { 0, 3 }, { 9, 17 } };

  g_assert_no_error (error);
  gloss_project_add_document (project, "wire", "Vey told Meridian.", -1, NULL, &error);
  g_assert_no_error (error);
  annotate (project, "wire", "a", "PERSON", 0, 3, NULL, NULL);
  annotate (project, "wire", "a", "ORG", 0, 3, NULL, NULL);
  annotate (project, "wire", "b", "ORG", 0, 3, NULL, NULL);
  annotate (project, "wire", "b", "GPE", 0, 3, NULL, NULL);
  annotate (project, "wire", "b", "NORP", 0, 3, NULL, NULL);
  annotate (project, "wire", "b", "CLAIM", 9, 17, NULL, NULL);
  {
    GlossDocument *doc = gloss_project_find_document (project, "wire");
    g_autoptr(GlossAnnotationList) list = gloss_project_dup_annotation_list (project, doc,
                                                                              &error);
    g_autoptr(GlossCommand) cmd = gloss_command_new ("annotate");
    g_autoptr(GlossAnnotation) a = gloss_annotation_new ("CLAIM", claim, 2, "a");

    gloss_command_create_annotation (cmd, a);
    g_assert_true (gloss_annotation_list_apply (list, cmd, &error));
    g_assert_no_error (error);
  }

  ag = gloss_agreement_compute (project, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  c = gloss_agreement_dup_confusion (ag, NULL, NULL, NULL);
  /* labels CLAIM GPE NORP ORG PERSON (none) */
  g_assert_cmpuint (c->labels->len, ==, 6);
  g_assert_cmpuint (c->total, ==, 5);
  g_assert_cmpuint (gloss_confusion_get (c, "ORG", "ORG"), ==, 1);
  g_assert_cmpuint (gloss_confusion_get (c, "PERSON", "GPE"), ==, 1);
  g_assert_cmpuint (gloss_confusion_get (c, GLOSS_AGREEMENT_NONE, "NORP"), ==, 1);
  g_assert_cmpuint (gloss_confusion_get (c, "PERSON", "NORP"), ==, 0);
  g_assert_cmpuint (gloss_confusion_get (c, "CLAIM", "CLAIM"), ==, 0);
  g_assert_cmpuint (gloss_confusion_get (c, "CLAIM", GLOSS_AGREEMENT_NONE), ==, 1);
  g_assert_cmpuint (gloss_confusion_get (c, GLOSS_AGREEMENT_NONE, "CLAIM"), ==, 1);
  assert_consistent (ag, g_ptr_array_index (ag->project->pairs, 0));
}

typedef struct
{
  GArray       *seen;         /* guint: done, total, done, total, … */
  GCancellable *cancel_after; /* cancelled once the first document is done */
} ProgressLog;

static void
progress_log_cb (guint    done,
                 guint    total,
                 gpointer user_data)
{
  ProgressLog *log = user_data;

  g_array_append_val (log->seen, done);
  g_array_append_val (log->seen, total);
  if (log->cancel_after != NULL)
    g_cancellable_cancel (log->cancel_after);
}

/* The streaming forms give the figures of gloss_agreement_compute, on one
 * thread and on two, and stop when cancelled. */
static void
test_streaming (void)
{
  g_autoptr(GlossProject) project = make_fixture ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossAgreement) kept = NULL;
  g_autofree char *expected = NULL;

  for (guint threads = 1; threads <= 2; threads++)
    {
      g_autoptr(GlossAgreement) ag = NULL;
      g_autoptr(GlossAgreement) again = NULL;
      g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autofree char *json = NULL;
      g_autofree char *streamed = NULL;
      ProgressLog log = { seen, NULL };

      g_setenv ("GLOSS_AGREEMENT_THREADS", threads == 1 ? "1" : "2", TRUE);
      again = gloss_agreement_compute (project, NULL, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      json = gloss_agreement_to_json (again);
      if (expected == NULL)
        expected = g_strdup (json);
      /* the same bits, whichever thread took which document */
      g_assert_cmpstr (json, ==, expected);

      ag = gloss_agreement_compute_full (project, NULL, NULL, NULL, FALSE, progress_log_cb, &log,
                                         NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (ag->documents->len, ==, 0);
      g_assert_cmpuint (ag->n_documents, ==, 3);
      g_assert_cmpuint (seen->len, ==, 6);
      for (guint i = 0; i < 3; i++)
        {
          g_assert_cmpuint (g_array_index (seen, guint, 2 * i), ==, i + 1);
          g_assert_cmpuint (g_array_index (seen, guint, 2 * i + 1), ==, 3);
        }
      g_assert_cmpfloat (ag->project->alpha, ==, again->project->alpha);
      for (guint p = 0; p < ag->project->pairs->len; p++)
        {
          GlossPairScores *a = g_ptr_array_index (ag->project->pairs, p);
          GlossPairScores *b = g_ptr_array_index (again->project->pairs, p);

          g_assert_cmpfloat (a->kappa, ==, b->kappa);
          g_assert_cmpuint (a->n_tokens, ==, b->n_tokens);
          g_assert_cmpuint (a->all->exact_matches, ==, b->all->exact_matches);
          g_assert_cmpuint (a->claims_matched, ==, b->claims_matched);
        }

      /* streamed JSON: what to_json makes of the whole agreement */
      g_assert_true (gloss_agreement_write_json (project, NULL, NULL, NULL, out, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_output_stream_write_all (out, "", 1, NULL, NULL, &error));
      g_assert_true (g_output_stream_close (out, NULL, &error));
      streamed = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
      g_assert_cmpstr (streamed, ==, json);

      /* cancelled before, and after the first document */
      g_cancellable_cancel (cancellable);
      g_assert_null (gloss_agreement_compute_full (project, NULL, NULL, NULL, TRUE, NULL, NULL,
                                                   cancellable, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
      g_cancellable_reset (cancellable);
      log.cancel_after = cancellable;
      g_array_set_size (seen, 0);
      g_assert_null (gloss_agreement_compute_full (project, NULL, NULL, NULL, TRUE,
                                                   progress_log_cb, &log, cancellable, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
      g_assert_cmpuint (seen->len, <, 6);
    }
  g_unsetenv ("GLOSS_AGREEMENT_THREADS");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/agreement/kappa-wikipedia", test_kappa_wikipedia);
  g_test_add_func ("/core/agreement/kappa-edges", test_kappa_edges);
  g_test_add_func ("/core/agreement/alpha-krippendorff-2011", test_alpha_krippendorff_2011);
  g_test_add_func ("/core/agreement/alpha-edges", test_alpha_edges);
  g_test_add_func ("/core/agreement/tokenize", test_tokenize);
  g_test_add_func ("/core/agreement/fixture", test_fixture);
  g_test_add_func ("/core/agreement/filters", test_filters);
  g_test_add_func ("/core/agreement/confusion", test_confusion);
  g_test_add_func ("/core/agreement/confusion-same-span", test_confusion_same_span);
  g_test_add_func ("/core/agreement/streaming", test_streaming);
  return g_test_run ();
}
