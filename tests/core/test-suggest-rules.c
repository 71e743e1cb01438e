/* test-suggest-rules.c: the rules suggester on invented news
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "gloss.h"
#include "gloss-suggester.h"
#include "gloss-suggester-rules.h"
#include "suggest-gold.h"

/* ---- helpers */

static GlossSchema *
news_schema (void)
{
  g_autoptr(GError) error = NULL;
  GlossSchema *schema = gloss_schema_new_preset ("news", &error);

  g_assert_no_error (error);
  return schema;
}

static GPtrArray *
run_with (const char  *text,
          GlossSchema *schema,
          GPtrArray   *annotations)
{
  g_autoptr(GlossSuggester) rules = gloss_rules_suggester_new ();
  g_autoptr(GlossSuggestInput) input = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *out;

  input = gloss_suggest_input_new_text ("article", text, schema, annotations);
  out = gloss_suggester_suggest (rules, input, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (out);
  for (guint i = 0; i < out->len; i++)
    {
      GlossSuggestion     *s = g_ptr_array_index (out, i);
      guint                n;
      const GlossFragment *f = gloss_suggestion_get_fragments (s, &n);

      g_assert_cmpstr (gloss_suggestion_get_suggester (s), ==, "rules");
      g_assert_nonnull (gloss_schema_lookup_label (schema, gloss_suggestion_get_label (s)));
      for (guint k = 0; k < n; k++)
        {
          g_assert_cmpuint (f[k].start, <, f[k].end);
          g_assert_cmpuint (f[k].end, <=, input->length);
        }
      g_assert_cmpfloat (gloss_suggestion_get_score (s), >, 0.0);
      g_assert_cmpfloat (gloss_suggestion_get_score (s), <=, 1.0);
    }
  return out;
}

static GPtrArray *
run (const char *text)
{
  g_autoptr(GlossSchema) schema = news_schema ();

  return run_with (text, schema, NULL);
}

/* The code point where the @nth (1-based) occurrence of @needle starts. */
static guint
cp_nth (const char *text,
        const char *needle,
        guint       nth)
{
  const char *p = text;

  for (guint i = 0; i < nth; i++)
    {
      p = strstr (i == 0 ? p : p + 1, needle);
      g_assert_nonnull (p);
    }
  return g_utf8_pointer_to_offset (text, p);
}

static guint
cp (const char *text,
    const char *needle)
{
  return cp_nth (text, needle, 1);
}

/* The suggestion with @label whose fragments are exactly @n pairs of
 * (start, end) in @expected, or NULL. */
static GlossSuggestion *
find_exact (GPtrArray   *out,
            const char  *label,
            const guint *expected,
            guint        n)
{
  for (guint i = 0; i < out->len; i++)
    {
      GlossSuggestion     *s = g_ptr_array_index (out, i);
      const GlossFragment *f;
      guint                n_f, k;

      if (g_strcmp0 (gloss_suggestion_get_label (s), label) != 0)
        continue;
      f = gloss_suggestion_get_fragments (s, &n_f);
      if (n_f != n)
        continue;
      for (k = 0; k < n; k++)
        if (f[k].start != expected[2 * k] || f[k].end != expected[2 * k + 1])
          break;
      if (k == n)
        return s;
    }
  return NULL;
}

/* The suggestion of @label over the one span @span of @text (its first
 * occurrence), asserting there is one. */
static GlossSuggestion *
expect_span (GPtrArray  *out,
             const char *text,
             const char *label,
             const char *span)
{
  guint            start = cp (text, span);
  guint            expected[2] = { start, start + (guint) g_utf8_strlen (span, -1) };
  GlossSuggestion *s = find_exact (out, label, expected, 1);

  if (s == NULL)
    g_error ("no %s over “%s” [%u, %u)", label, span, expected[0], expected[1]);
  return s;
}

static GlossSuggestion *
by_id (GPtrArray  *out,
       const char *id)
{
  for (guint i = 0; i < out->len; i++)
    if (g_strcmp0 (gloss_suggestion_get_id (g_ptr_array_index (out, i)), id) == 0)
      return g_ptr_array_index (out, i);
  return NULL;
}

static char *
covered (const char      *text,
         GlossSuggestion *s)
{
  GString             *str = g_string_new (NULL);
  guint                n;
  const GlossFragment *f = gloss_suggestion_get_fragments (s, &n);

  for (guint k = 0; k < n; k++)
    {
      g_autofree char *piece = g_utf8_substring (text, f[k].start, f[k].end);

      if (k > 0)
        g_string_append (str, "|");
      g_string_append (str, piece);
    }
  return g_string_free (str, FALSE);
}

/* The frame's source / cue suggestion, asserting its label and text. */
static void
expect_ref (GPtrArray  *out,
            const char *text,
            const char *ref,
            const char *label,
            const char *span)
{
  GlossSuggestion *s;
  g_autofree char *got = NULL;

  g_assert_nonnull (ref);
  g_assert_true (gloss_suggestion_is_id (ref));
  s = by_id (out, ref);
  g_assert_nonnull (s);
  g_assert_cmpstr (gloss_suggestion_get_label (s), ==, label);
  got = covered (text, s);
  g_assert_cmpstr (got, ==, span);
}

static void
expect_certainty (GlossSuggestion *claim,
                  const char      *value)
{
  GVariant *v = gloss_suggestion_get_attribute (claim, "certainty");

  g_assert_nonnull (v);
  g_assert_cmpstr (g_variant_get_string (v, NULL), ==, value);
}

static guint
count_label (GPtrArray  *out,
             const char *label)
{
  guint n = 0;

  for (guint i = 0; i < out->len; i++)
    n += g_strcmp0 (gloss_suggestion_get_label (g_ptr_array_index (out, i)), label) == 0;
  return n;
}

static void
remove_claim (GlossSchema *schema)
{
  g_autoptr(GError) error = NULL;

  /* The relation types that name CLAIM go first. */
  for (guint i = 0; i < 3; i++)
    {
      const char *type = (const char *[]) { "attributed-to", "cue", "about" }[i];

      g_assert_true (gloss_schema_remove_relation_type (schema, type, &error));
      g_assert_no_error (error);
    }
  g_assert_true (gloss_schema_remove_label (schema, "CLAIM", &error));
  g_assert_no_error (error);
}

/* ---- tests */

static void
test_name_and_labels (void)
{
  g_autoptr(GlossSuggester) rules = gloss_rules_suggester_new ();
  g_autoptr(GlossSchema) news = news_schema ();
  g_autoptr(GlossSchema) conll = gloss_schema_new_preset ("conll2003", NULL);
  g_auto(GStrv) news_labels = gloss_suggester_dup_labels (rules, news);
  g_auto(GStrv) conll_labels = gloss_suggester_dup_labels (rules, conll);

  g_assert_cmpstr (gloss_suggester_get_name (rules), ==, "rules");
  g_assert_false (gloss_suggester_can_train (rules));
  g_assert_true (g_strv_contains ((const char * const *) news_labels, "CLAIM"));
  g_assert_true (g_strv_contains ((const char * const *) news_labels, "CUE"));
  g_assert_true (g_strv_contains ((const char * const *) news_labels, "SOURCE"));
  g_assert_true (g_strv_contains ((const char * const *) news_labels, "DATE"));
  g_assert_false (g_strv_contains ((const char * const *) news_labels, "PERCENT"));
  /* A place that speaks for its government ("Pyongyang said") is a source. */
  g_assert_true (g_strv_contains ((const char * const *) news_labels, "GPE"));
  g_assert_false (g_strv_contains ((const char * const *) news_labels, "LOC"));
  /* A CoNLL schema gets only what it has: ORG (a source's name). */
  g_assert_cmpuint (g_strv_length (conll_labels), ==, 1);
  g_assert_cmpstr (conll_labels[0], ==, "ORG");
}

static void
test_quote_named (void)
{
  /* Non-ASCII before the spans: bytes and code points differ. */
  const char *text = "SEOUL, Ōtsu — “The unit stole the keys,” Kim Min-jun said on Wednesday.";
  g_autoptr(GPtrArray) out = run (text);
  guint            claim_span[2] = { 15, 38 }; /* counted by hand: “ is code point 14 */
  GlossSuggestion *claim;

  g_assert_cmpuint (cp (text, "The unit"), ==, 15);
  g_assert_cmpuint (strstr (text, "The unit") - text, !=, 15);
  claim = find_exact (out, "CLAIM", claim_span, 1);
  g_assert_nonnull (claim);
  expect_ref (out, text, gloss_suggestion_get_source (claim), "PERSON", "Kim Min-jun");
  expect_ref (out, text, gloss_suggestion_get_cue (claim), "CUE", "said");
  expect_certainty (claim, "asserted");
  g_assert_cmpfloat (gloss_suggestion_get_score (claim), >=, 0.85);
  expect_span (out, text, "DATE", "Wednesday");
  g_assert_cmpuint (count_label (out, "CLAIM"), ==, 1);
}

static void
test_quote_inverted_org (void)
{
  const char *text = "Ünal wrote on Monday. \"We have found no link to the hackers,\" said the "
                     "National Intelligence Agency in a statement.";
  g_autoptr(GPtrArray) out = run (text);
  GlossSuggestion *claim = expect_span (out, text, "CLAIM",
                                        "We have found no link to the hackers");

  expect_ref (out, text, gloss_suggestion_get_source (claim), "ORG",
              "National Intelligence Agency");
  expect_ref (out, text, gloss_suggestion_get_cue (claim), "CUE", "said");
}

static void
test_interrupted_quote (void)
{
  const char *text = "Über Nacht — “We have no link to the unit,” he said, “and we never had.”";
  g_autoptr(GPtrArray) out = run (text);
  guint            expected[4];
  GlossSuggestion *claim;

  expected[0] = cp (text, "We have");
  expected[1] = cp (text, ",”");
  expected[2] = cp (text, "and we");
  expected[3] = cp (text, ".”") + 1;
  claim = find_exact (out, "CLAIM", expected, 2);
  g_assert_nonnull (claim);
  expect_ref (out, text, gloss_suggestion_get_cue (claim), "CUE", "said");
  g_assert_cmpuint (count_label (out, "CLAIM"), ==, 1);
  /* "he" has no antecedent here: no source, and no entity for a pronoun. */
  g_assert_null (gloss_suggestion_get_source (claim));
  g_assert_cmpuint (count_label (out, "PERSON"), ==, 0);
}

static void
test_multi_paragraph_quote (void)
{
  const char *text =
    "Defector Park Ji-hoon, who fled Pyŏngyang, described the unit.\n\n"
    "Park said: “They trained us for six years in Shenyang.\n\n"
    "“Nobody was allowed to leave the building.”\n\n"
    "The ministry declined to comment.";
  g_autoptr(GPtrArray) out = run (text);
  guint            expected[4];
  GlossSuggestion *claim;

  expected[0] = cp (text, "They trained");
  expected[1] = cp (text, "Shenyang.") + strlen ("Shenyang.");
  expected[2] = cp (text, "Nobody");
  expected[3] = cp (text, "building.") + strlen ("building.");
  claim = find_exact (out, "CLAIM", expected, 2);
  g_assert_nonnull (claim);
  expect_ref (out, text, gloss_suggestion_get_source (claim), "PERSON", "Park");
  expect_ref (out, text, gloss_suggestion_get_cue (claim), "CUE", "said");
  expect_span (out, text, "QUANTITY", "six years");
  /* "declined to comment" reports nothing. */
  g_assert_cmpuint (count_label (out, "CLAIM"), ==, 1);
}

static void
test_that_clause (void)
{
  const char *text = "Érd, Hungary — A source told the agency that the unit stole 300 million "
                     "dollars in 2023.";
  g_autoptr(GPtrArray) out = run (text);
  GlossSuggestion *claim = expect_span (out, text, "CLAIM",
                                        "the unit stole 300 million dollars in 2023");

  expect_ref (out, text, gloss_suggestion_get_source (claim), "SOURCE", "A source");
  expect_ref (out, text, gloss_suggestion_get_cue (claim), "CUE", "told");
  expect_certainty (claim, "asserted");
  g_assert_cmpfloat (gloss_suggestion_get_score (claim), <, 0.85);
  expect_span (out, text, "MONEY", "300 million dollars");
  expect_span (out, text, "DATE", "2023");
  /* The agency is the listener, not the source. */
  g_assert_cmpuint (count_label (out, "SOURCE"), ==, 1);
  g_assert_cmpuint (count_label (out, "ORG"), ==, 0);
}

static void
test_bare_and_before_clause (void)
{
  const char *text = "Škoda files. He said the unit stole 300 million dollars. The unit "
                     "recruited 1,200 people, a senior official said on Wednesday.";
  g_autoptr(GPtrArray) out = run (text);
  GlossSuggestion *c1 = expect_span (out, text, "CLAIM", "the unit stole 300 million dollars");
  GlossSuggestion *c2 = expect_span (out, text, "CLAIM", "The unit recruited 1,200 people");

  expect_ref (out, text, gloss_suggestion_get_cue (c1), "CUE", "said");
  expect_ref (out, text, gloss_suggestion_get_source (c2), "SOURCE", "a senior official");
  expect_ref (out, text, gloss_suggestion_get_cue (c2), "CUE", "said");
  expect_span (out, text, "QUANTITY", "1,200 people");
  g_assert_cmpfloat (gloss_suggestion_get_score (c1), <, 0.7);
}

static void
test_according_to (void)
{
  const char *text = "Zürich — According to officials, the defectors crossed the river in "
                     "June 2024. The cell was dissolved, according to the Reconnaissance "
                     "General Bureau.";
  g_autoptr(GPtrArray) out = run (text);
  GlossSuggestion *c1 = expect_span (out, text, "CLAIM",
                                     "the defectors crossed the river in June 2024");
  GlossSuggestion *c2 = expect_span (out, text, "CLAIM", "The cell was dissolved");
  guint            second_cue[2] = { cp_nth (text, "according to", 1),
                                     cp_nth (text, "according to", 1) + 12 };

  expect_ref (out, text, gloss_suggestion_get_source (c1), "SOURCE", "officials");
  expect_ref (out, text, gloss_suggestion_get_cue (c1), "CUE", "According to");
  expect_ref (out, text, gloss_suggestion_get_source (c2), "ORG",
              "Reconnaissance General Bureau");
  g_assert_cmpstr (gloss_suggestion_get_cue (c2), ==,
                   gloss_suggestion_get_id (find_exact (out, "CUE", second_cue, 1)));
  expect_span (out, text, "DATE", "June 2024");
}

static void
test_pronoun_existing_person (void)
{
  const char *text = "Ms Ōno met Lee Sang-min in Busan. Later, the agency's files showed gaps. "
                     "He said the transfers began last year.";
  g_autoptr(GlossSchema) schema = news_schema ();
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) out = NULL;
  GlossAnnotation *lee = gloss_annotation_new_span ("PERSON", cp (text, "Lee"),
                                                    cp (text, " in Busan"), "ann");
  GlossAnnotation *busan = gloss_annotation_new_span ("GPE", cp (text, "Busan"),
                                                      cp (text, ". Later"), "ann");
  GlossSuggestion *claim;

  g_ptr_array_add (annotations, lee);
  g_ptr_array_add (annotations, busan);
  out = run_with (text, schema, annotations);
  claim = expect_span (out, text, "CLAIM", "the transfers began last year");
  g_assert_cmpstr (gloss_suggestion_get_source (claim), ==, gloss_annotation_get_uuid (lee));
  /* The pronoun itself is never proposed. */
  g_assert_cmpuint (count_label (out, "PERSON"), ==, 0);
  g_assert_cmpuint (count_label (out, "SOURCE"), ==, 0);
  expect_span (out, text, "DATE", "last year");
}

static void
test_pronoun_own_entity (void)
{
  const char *text = "“Ça suffit,” said Choi Eun-ha. The ministry denied that the unit "
                     "existed. She said the order came from Pyongyang.";
  g_autoptr(GPtrArray) out = run (text);
  GlossSuggestion *first = expect_span (out, text, "CLAIM", "Ça suffit");
  GlossSuggestion *last = expect_span (out, text, "CLAIM",
                                       "the order came from Pyongyang");
  GlossSuggestion *denied = expect_span (out, text, "CLAIM", "the unit existed");

  expect_ref (out, text, gloss_suggestion_get_source (first), "PERSON", "Choi Eun-ha");
  g_assert_cmpstr (gloss_suggestion_get_source (last), ==,
                   gloss_suggestion_get_source (first));
  expect_ref (out, text, gloss_suggestion_get_source (denied), "SOURCE", "The ministry");
  expect_certainty (denied, "denied");
}

static void
test_certainty (void)
{
  const char *text = "Défense. Analysts believe that the unit moved to Dandong. Prosecutors "
                     "allege that Kim laundered the funds. The embassy denied that it paid "
                     "the hackers. Officials said that the talks would resume. A defector "
                     "claimed that the camp had closed.";
  g_autoptr(GPtrArray) out = run (text);

  expect_certainty (expect_span (out, text, "CLAIM", "the unit moved to Dandong"), "hedged");
  expect_certainty (expect_span (out, text, "CLAIM", "Kim laundered the funds"), "alleged");
  expect_certainty (expect_span (out, text, "CLAIM", "it paid the hackers"), "denied");
  expect_certainty (expect_span (out, text, "CLAIM", "the talks would resume"), "asserted");
  expect_certainty (expect_span (out, text, "CLAIM", "the camp had closed"), "alleged");
  expect_span (out, text, "SOURCE", "Analysts");
  expect_span (out, text, "SOURCE", "A defector");
  expect_span (out, text, "CUE", "believe");
  expect_span (out, text, "CUE", "allege");
}

static void
test_certainty_needs_schema_value (void)
{
  const char *text = "Analysts believe that the unit moved to Dandong.";
  g_autoptr(GlossSchema) schema = news_schema ();
  g_autoptr(GlossLabel) claim_label = NULL;
  g_autoptr(GlossAttrDef) certainty = NULL;
  g_autoptr(GPtrArray) out = NULL;
  static const char * const values[] = { "asserted", "denied", NULL };
  GlossSuggestion          *claim;

  /* A CLAIM whose certainty has no "hedged": nothing is proposed for it. */
  remove_claim (schema);
  claim_label = gloss_label_new ("CLAIM", "claim", "#dc8add", "c", NULL);
  certainty = gloss_attr_def_new ("certainty", GLOSS_ATTR_TYPE_ENUM, values, NULL);
  gloss_label_add_attribute (claim_label, certainty);
  g_assert_true (gloss_schema_add_label (schema, claim_label, NULL));
  out = run_with (text, schema, NULL);
  claim = expect_span (out, text, "CLAIM", "the unit moved to Dandong");
  g_assert_null (gloss_suggestion_get_attribute (claim, "certainty"));
}

static void
test_existing_cue (void)
{
  const char *text = "Łódź — The ministry's spokesman said the border would stay closed.";
  g_autoptr(GlossSchema) schema = news_schema ();
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) out = NULL;
  GlossAnnotation *cue = gloss_annotation_new_span ("CUE", cp (text, "said"),
                                                    cp (text, " the border"), "ann");
  GlossSuggestion *claim;

  g_ptr_array_add (annotations, cue);
  out = run_with (text, schema, annotations);
  claim = expect_span (out, text, "CLAIM", "the border would stay closed");
  g_assert_cmpstr (gloss_suggestion_get_cue (claim), ==, gloss_annotation_get_uuid (cue));
  g_assert_cmpuint (count_label (out, "CUE"), ==, 0);
  expect_ref (out, text, gloss_suggestion_get_source (claim), "SOURCE",
              "The ministry's spokesman");
}

static void
test_sources (void)
{
  const char *text =
    "Ålesund — “The line runs at night,” a former worker told the newspaper. He said that 900 "
    "students had been hired. The attack was planned for months, the attorney general’s office "
    "said. The plant doubled its output, according to documents seen by the newspaper. Phishing "
    "rose sharply, the Korea Internet & Security Agency said. “It was routine,” the hospital’s "
    "director, Ingrid Holm, said. A defector who worked for the bureau said that the unit had "
    "moved. Diplomats in Geneva said the council would not act.";
  g_autoptr(GPtrArray) out = run (text);
  GlossSuggestion *quote = expect_span (out, text, "CLAIM", "The line runs at night");
  GlossSuggestion *hired = expect_span (out, text, "CLAIM", "900 students had been hired");

  /* "He" after an unnamed person is that source. */
  expect_ref (out, text, gloss_suggestion_get_source (quote), "SOURCE", "a former worker");
  g_assert_cmpstr (gloss_suggestion_get_source (hired), ==, gloss_suggestion_get_source (quote));
  expect_ref (out, text,
              gloss_suggestion_get_source (expect_span (out, text, "CLAIM",
                                                        "The attack was planned for months")),
              "SOURCE", "the attorney general’s office");
  expect_ref (out, text,
              gloss_suggestion_get_source (expect_span (out, text, "CLAIM",
                                                        "The plant doubled its output")),
              "SOURCE", "documents seen by the newspaper");
  expect_ref (out, text,
              gloss_suggestion_get_source (expect_span (out, text, "CLAIM",
                                                        "Phishing rose sharply")),
              "ORG", "Korea Internet & Security Agency");
  expect_ref (out, text,
              gloss_suggestion_get_source (expect_span (out, text, "CLAIM", "It was routine")),
              "PERSON", "Ingrid Holm");
  expect_ref (out, text,
              gloss_suggestion_get_source (expect_span (out, text, "CLAIM", "the unit had moved")),
              "SOURCE", "A defector");
  expect_ref (out, text,
              gloss_suggestion_get_source (expect_span (out, text, "CLAIM",
                                                        "the council would not act")),
              "SOURCE", "Diplomats in Geneva");
}

/* A place that speaks for its government is no person: a city or country
 * seen as a place elsewhere in the article (a dateline, "in X"), a name
 * like "North Korea", or a lone name never given as a person's. */
static void
test_place_sources (void)
{
  const char *text =
    "ANKARA, March 2 — Officials in Baku denied the reports. Baku said the drones were its own. "
    "Ankara said it would send an envoy. South Sudan said the border was calm. Minsk has "
    "insisted that the shipments were legal.\n\n"
    "Vera Lindqvist, a trade envoy, met officials there. Lindqvist said the talks had stalled. "
    "Dr Oyelaran told reporters that the cargo was medical.";
  g_autoptr(GPtrArray) out = run (text);

  expect_ref (out, text,
              gloss_suggestion_get_source (expect_span (out, text, "CLAIM",
                                                        "the drones were its own")),
              "GPE", "Baku");
  expect_ref (out, text,
              gloss_suggestion_get_source (expect_span (out, text, "CLAIM",
                                                        "it would send an envoy")),
              "GPE", "Ankara");
  expect_ref (out, text,
              gloss_suggestion_get_source (expect_span (out, text, "CLAIM",
                                                        "the border was calm")),
              "GPE", "South Sudan");
  expect_ref (out, text,
              gloss_suggestion_get_source (expect_span (out, text, "CLAIM",
                                                        "the shipments were legal")),
              "GPE", "Minsk");
  /* people stay people: a surname after the full name, a name after a title */
  expect_ref (out, text,
              gloss_suggestion_get_source (expect_span (out, text, "CLAIM",
                                                        "the talks had stalled")),
              "PERSON", "Lindqvist");
  expect_ref (out, text,
              gloss_suggestion_get_source (expect_span (out, text, "CLAIM",
                                                        "the cargo was medical")),
              "PERSON", "Oyelaran");
  g_assert_cmpuint (count_label (out, "PERSON"), ==, 2);
}

/* Names with lower-case particles, hyphenated or not, and names of three
 * words, in either place of the subject. */
static void
test_particle_names (void)
{
  const char *text =
    "Yusuf el-Khatib, a former officer, said the depot had been emptied. “Nothing is left,” "
    "said Hamid bin Zayed. Marieke van den Broek told the court that the fees were paid. "
    "Ji Su Han said the unit had moved, and el-Khatib told the agency that he had proof.";
  g_autoptr(GPtrArray) out = run (text);

  expect_ref (out, text,
              gloss_suggestion_get_source (expect_span (out, text, "CLAIM",
                                                        "the depot had been emptied")),
              "PERSON", "Yusuf el-Khatib");
  expect_ref (out, text,
              gloss_suggestion_get_source (expect_span (out, text, "CLAIM", "Nothing is left")),
              "PERSON", "Hamid bin Zayed");
  expect_ref (out, text,
              gloss_suggestion_get_source (expect_span (out, text, "CLAIM",
                                                        "the fees were paid")),
              "PERSON", "Marieke van den Broek");
  expect_ref (out, text,
              gloss_suggestion_get_source (expect_span (out, text, "CLAIM",
                                                        "the unit had moved")),
              "PERSON", "Ji Su Han");
  expect_ref (out, text,
              gloss_suggestion_get_source (expect_span (out, text, "CLAIM", "he had proof")),
              "PERSON", "el-Khatib");
}

/* An unnamed source is its head noun with all its prepositional phrases,
 * before the cue, after it, after "according to", and before a cue with
 * an object at the end of the sentence. */
static void
test_long_sources (void)
{
  const char *text =
    "A spokeswoman for the Office for Nuclear Safety in Vienna said the samples were clean. "
    "“The gates were open,” said a soldier at the northern checkpoint near the old harbour. "
    "According to an engineer at the power company in the province, the grid failed twice. "
    "The convoy turned back, a senior officer of the coast guard told reporters. "
    "Taiwan’s defence ministry said the drills had ended.";
  g_autoptr(GPtrArray) out = run (text);

  expect_ref (out, text,
              gloss_suggestion_get_source (expect_span (out, text, "CLAIM",
                                                        "the samples were clean")),
              "SOURCE", "A spokeswoman for the Office for Nuclear Safety in Vienna");
  expect_ref (out, text,
              gloss_suggestion_get_source (expect_span (out, text, "CLAIM",
                                                        "The gates were open")),
              "SOURCE", "a soldier at the northern checkpoint near the old harbour");
  expect_ref (out, text,
              gloss_suggestion_get_source (expect_span (out, text, "CLAIM",
                                                        "the grid failed twice")),
              "SOURCE", "an engineer at the power company in the province");
  expect_ref (out, text,
              gloss_suggestion_get_source (expect_span (out, text, "CLAIM",
                                                        "The convoy turned back")),
              "SOURCE", "a senior officer of the coast guard");
  expect_ref (out, text,
              gloss_suggestion_get_source (expect_span (out, text, "CLAIM",
                                                        "the drills had ended")),
              "SOURCE", "Taiwan’s defence ministry");
}

/* A company named by its trade is an organisation, not a person. */
static void
test_company_sources (void)
{
  const char *text = "Fares rose 12 percent in May, Kestrel Airlines told reporters. Marlow "
                     "Holdings said the bid had been withdrawn.";
  g_autoptr(GPtrArray) out = run (text);

  expect_ref (out, text,
              gloss_suggestion_get_source (expect_span (out, text, "CLAIM",
                                                        "Fares rose 12 percent in May")),
              "ORG", "Kestrel Airlines");
  expect_ref (out, text,
              gloss_suggestion_get_source (expect_span (out, text, "CLAIM",
                                                        "the bid had been withdrawn")),
              "ORG", "Marlow Holdings");
  g_assert_cmpuint (count_label (out, "PERSON"), ==, 0);
}

static void
test_entities (void)
{
  const char *text = "Ärzte ohne Grenzen: On Nov. 20, the group moved $4.5 million and "
                     "€450,000 across 40 km of border; 2 billion won followed on 20 November "
                     "2024. Prices rose 40% and wages 12 percent last year, after six years "
                     "of decline since the 1990s.";
  g_autoptr(GPtrArray) out = run (text);

  expect_span (out, text, "DATE", "Nov. 20");
  expect_span (out, text, "MONEY", "$4.5 million");
  expect_span (out, text, "MONEY", "€450,000");
  expect_span (out, text, "QUANTITY", "40 km");
  expect_span (out, text, "MONEY", "2 billion won");
  expect_span (out, text, "DATE", "20 November 2024");
  /* No PERCENT in the news schema: percentages are quantities. */
  expect_span (out, text, "QUANTITY", "40%");
  expect_span (out, text, "QUANTITY", "12 percent");
  expect_span (out, text, "DATE", "last year");
  expect_span (out, text, "QUANTITY", "six years");
  expect_span (out, text, "DATE", "1990s");
  g_assert_cmpuint (count_label (out, "CLAIM"), ==, 0);
}

static void
test_percent_label (void)
{
  const char *text = "Support fell to 40% from 52 per cent.";
  g_autoptr(GlossSchema) schema = news_schema ();
  g_autoptr(GlossLabel) percent = gloss_label_new ("PERCENT", "entity", "#ffffff", NULL, NULL);
  g_autoptr(GPtrArray) out = NULL;

  g_assert_true (gloss_schema_add_label (schema, percent, NULL));
  out = run_with (text, schema, NULL);
  expect_span (out, text, "PERCENT", "40%");
  expect_span (out, text, "PERCENT", "52 per cent");
  g_assert_cmpuint (count_label (out, "QUANTITY"), ==, 0);
}

static void
test_schema_without_claim (void)
{
  const char *text = "“The unit stole the keys,” Kim Min-jun said on Wednesday. A source "
                     "told the agency that 300 million dollars went missing.";
  g_autoptr(GlossSchema) schema = news_schema ();
  g_autoptr(GlossSchema) conll = gloss_schema_new_preset ("conll2003", NULL);
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(GPtrArray) conll_out = NULL;

  remove_claim (schema);
  out = run_with (text, schema, NULL);
  g_assert_cmpuint (count_label (out, "CLAIM"), ==, 0);
  /* What the schema has is still proposed. */
  expect_span (out, text, "CUE", "said");
  expect_span (out, text, "SOURCE", "A source");
  expect_span (out, text, "DATE", "Wednesday");

  conll_out = run_with (text, conll, NULL);
  g_assert_cmpuint (conll_out->len, ==, 0);
}

static void
test_cancelled (void)
{
  g_autoptr(GlossSuggester) rules = gloss_rules_suggester_new ();
  g_autoptr(GlossSchema) schema = news_schema ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GlossSuggestInput) input = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  GPtrArray *out;

  for (guint i = 0; i < 2000; i++)
    g_string_append (text, "“The unit stole 300 million dollars,” a source said on Monday.\n");
  input = gloss_suggest_input_new_text ("long", text->str, schema, NULL);
  g_cancellable_cancel (cancellable);

  /* The suggester's own vfunc, not only the interface's check before it. */
  out = GLOSS_SUGGESTER_GET_IFACE (rules)->suggest (rules, input, cancellable, &error);
  g_assert_null (out);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  out = gloss_suggester_suggest (rules, input, cancellable, &error);
  g_assert_null (out);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_bad_input (void)
{
  static const char * const texts[] = {
    "",
    "“",
    "\"",
    "”",
    "said",
    "According to",
    "according to,",
    "“unclosed quote\n\nno reopen",
    "Nov.",
    "$",
    "40",
    "He said",
    "“,” said",
    ", said",
    "“”",
    "\"\" said Kim",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GPtrArray) out = run (texts[i]);

      g_assert_cmpuint (count_label (out, "CLAIM"), ==, 0);
    }
}

/* ---- evaluation on hand-annotated invented articles */

typedef struct
{
  guint tp_exact, tp_overlap, n_pred, n_gold;
} Counts;

static gboolean
fragments_overlap (const GlossFragment *a,
                   guint                na,
                   const GlossFragment *b,
                   guint                nb)
{
  for (guint i = 0; i < na; i++)
    for (guint j = 0; j < nb; j++)
      if (a[i].start < b[j].end && b[j].start < a[i].end)
        return TRUE;
  return FALSE;
}

static gboolean
fragments_equal (const GlossFragment *a,
                 guint                na,
                 const GlossFragment *b,
                 guint                nb)
{
  return na == nb && memcmp (a, b, na * sizeof (GlossFragment)) == 0;
}

#define N_EVAL_LABELS 8
static const char * const eval_labels[N_EVAL_LABELS] = {
  "CLAIM",
  "CUE",
  "SOURCE",
  "PERSON",
  "ORG",
  "DATE",
  "MONEY",
  "QUANTITY",
};

/* Scores the suggestions @out for @text against @gold into @counts (one per
 * eval label) and @frames (claims whose content, source and cue texts are
 * all right, against @gold_frames: claim -> "source|cue"). */
static void
score_document (const char *text,
                GPtrArray  *gold,
                GHashTable *gold_frames,
                GPtrArray  *out,
                Counts     *counts,
                Counts     *frames)
{
  for (guint k = 0; k < N_EVAL_LABELS; k++)
    {
      g_autoptr(GHashTable) used_exact = g_hash_table_new (NULL, NULL);
      g_autoptr(GHashTable) used_overlap = g_hash_table_new (NULL, NULL);

      for (guint i = 0; i < gold->len; i++)
        {
          GlossAnnotation *g = g_ptr_array_index (gold, i);

          counts[k].n_gold += g_str_equal (gloss_annotation_get_label (g), eval_labels[k]);
        }
      for (guint j = 0; j < out->len; j++)
        {
          GlossSuggestion     *s = g_ptr_array_index (out, j);
          guint                ns;
          const GlossFragment *fs;
          gboolean             exact = FALSE, overlap = FALSE;

          if (!g_str_equal (gloss_suggestion_get_label (s), eval_labels[k]))
            continue;
          counts[k].n_pred++;
          fs = gloss_suggestion_get_fragments (s, &ns);
          for (guint i = 0; i < gold->len; i++)
            {
              GlossAnnotation     *g = g_ptr_array_index (gold, i);
              guint                ng;
              const GlossFragment *fg = gloss_annotation_get_fragments (g, &ng);

              if (!g_str_equal (gloss_annotation_get_label (g), eval_labels[k]))
                continue;
              if (!exact && !g_hash_table_contains (used_exact, g) &&
                  fragments_equal (fs, ns, fg, ng))
                {
                  exact = TRUE;
                  g_hash_table_add (used_exact, g);
                  /* A claim whose whole frame is right: one key to accept. */
                  if (g_hash_table_contains (gold_frames, g))
                    {
                      GlossSuggestion *src = by_id (out, gloss_suggestion_get_source (s));
                      GlossSuggestion *cue = by_id (out, gloss_suggestion_get_cue (s));
                      g_autofree char *src_text = src ? covered (text, src) : g_strdup ("");
                      g_autofree char *cue_text = cue ? covered (text, cue) : g_strdup ("");
                      g_autofree char *got = g_strdup_printf ("%s|%s", src_text, cue_text);

                      frames->tp_exact += g_str_equal (got, g_hash_table_lookup (gold_frames, g));
                    }
                }
              if (!overlap && !g_hash_table_contains (used_overlap, g) &&
                  fragments_overlap (fs, ns, fg, ng))
                {
                  overlap = TRUE;
                  g_hash_table_add (used_overlap, g);
                }
            }
          counts[k].tp_exact += exact;
          counts[k].tp_overlap += overlap;
        }
    }
  frames->n_gold += g_hash_table_size (gold_frames);
}

static void
print_counts (const char   *set,
              guint         n_docs,
              const Counts *counts,
              const Counts *frames)
{
  gboolean print = g_getenv ("GLOSS_EVAL_PRINT") != NULL;
  g_autoptr(GString) table = g_string_new (NULL);

  g_string_append_printf (table, "rules on %s: %u invented articles "
                                 "(tests/data/suggest/news-gold.jsonl)\n",
                          set, n_docs);
  g_string_append_printf (table, "%-9s %5s %5s  %7s %7s  %7s %7s\n", "label", "gold", "pred",
                          "P exact", "R exact", "P overl", "R overl");
  for (guint k = 0; k < N_EVAL_LABELS; k++)
    {
      const Counts *c = &counts[k];

      g_string_append_printf (table, "%-9s %5u %5u  %7.2f %7.2f  %7.2f %7.2f\n",
                              eval_labels[k], c->n_gold, c->n_pred,
                              c->n_pred ? (double) c->tp_exact / c->n_pred : 0,
                              c->n_gold ? (double) c->tp_exact / c->n_gold : 0,
                              c->n_pred ? (double) c->tp_overlap / c->n_pred : 0,
                              c->n_gold ? (double) c->tp_overlap / c->n_gold : 0);
    }
  g_string_append_printf (table, "claims whose content, source and cue are all exact: "
                                 "%u of %u\n",
                          frames->tp_exact, frames->n_gold);
  g_test_message ("%s", table->str);
  if (print)
    g_printerr ("%s", table->str);
}

static void
test_eval (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "suggest",
                                                 "news-gold.jsonl", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossSchema) schema = news_schema ();
  /* [0]: the first eleven articles; [1]: the held-out ones among them,
   * written after the rules were tuned on the others and not tuned on;
   * [2]: "held-out-2", three written later to show the gaps found on
   * held-out text (places and organisations taken for people, names with
   * particles, long unnamed sources) before the rules learnt them. */
  Counts counts[3][N_EVAL_LABELS] = { { { 0 } } };
  Counts frames[3] = { { 0 } };
  guint  n_docs[3] = { 0 };

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint l = 0; lines[l] != NULL; l++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GPtrArray) gold = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) out = NULL;
      g_autoptr(GHashTable) gold_frames = g_hash_table_new_full (g_direct_hash, g_direct_equal,
                                                                  NULL, g_free);
      JsonObject *doc;
      JsonArray  *spans;
      const char *text;
      const char *split;

      if (*lines[l] == '\0')
        continue;
      g_assert_true (json_parser_load_from_data (parser, lines[l], -1, &error));
      g_assert_no_error (error);
      doc = json_node_get_object (json_parser_get_root (parser));
      text = json_object_get_string_member (doc, "text");
      split = json_object_get_string_member_with_default (doc, "split", "dev");
      spans = json_object_get_array_member (doc, "spans");
      for (guint i = 0; i < json_array_get_length (spans); i++)
        {
          JsonObject      *o = json_array_get_object_element (spans, i);
          GlossAnnotation *a = suggest_gold_annotation (text, o, l + 1);

          g_ptr_array_add (gold, a);
          /* A claim's gold frame: the texts of its source and cue. */
          if (json_object_has_member (o, "source"))
            g_hash_table_insert (gold_frames, a,
                                 g_strdup_printf ("%s|%s",
                                                  json_object_get_string_member (o, "source"),
                                                  json_object_get_string_member (o, "cue")));
        }
      out = run_with (text, schema, NULL);
      for (guint set = 0; set < 3; set++)
        {
          if (set == 0 ? g_str_equal (split, "held-out-2")
                       : !g_str_equal (split, set == 1 ? "held-out" : "held-out-2"))
            continue;
          n_docs[set]++;
          score_document (text, gold, gold_frames, out, counts[set], &frames[set]);
        }
    }

  g_assert_cmpuint (n_docs[0], >=, 6);
  print_counts ("dev and held-out", n_docs[0], counts[0], &frames[0]);
  print_counts ("held-out", n_docs[1], counts[1], &frames[1]);
  print_counts ("held-out-2", n_docs[2], counts[2], &frames[2]);
  g_assert_cmpuint (n_docs[2], ==, 3);

  /* Floors under what was measured on all eleven articles (CLAIM overlap
   * recall 0.95, exact precision 0.98; CUE exact recall 0.98; DATE 1.00;
   * MONEY 1.00; whole frames 53 of 56), so that a rule that breaks shows
   * and tuning does not. */
  g_assert_cmpuint (counts[0][0].tp_overlap * 10, >=, counts[0][0].n_gold * 8); /* CLAIM R ov */
  g_assert_cmpuint (counts[0][0].tp_exact * 10, >=, counts[0][0].n_pred * 8);   /* CLAIM P ex */
  g_assert_cmpuint (counts[0][1].tp_exact * 10, >=, counts[0][1].n_gold * 8);   /* CUE R ex */
  g_assert_cmpuint (counts[0][5].tp_exact * 10, >=, counts[0][5].n_gold * 8);   /* DATE R ex */
  g_assert_cmpuint (counts[0][6].tp_exact * 10, >=, counts[0][6].n_pred * 8);   /* MONEY P ex */
  g_assert_cmpuint (frames[0].tp_exact * 10, >=, frames[0].n_gold * 7);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/suggest/rules/name-and-labels", test_name_and_labels);
  g_test_add_func ("/core/suggest/rules/quote-named", test_quote_named);
  g_test_add_func ("/core/suggest/rules/quote-inverted-org", test_quote_inverted_org);
  g_test_add_func ("/core/suggest/rules/interrupted-quote", test_interrupted_quote);
  g_test_add_func ("/core/suggest/rules/multi-paragraph-quote", test_multi_paragraph_quote);
  g_test_add_func ("/core/suggest/rules/that-clause", test_that_clause);
  g_test_add_func ("/core/suggest/rules/bare-and-before-clause", test_bare_and_before_clause);
  g_test_add_func ("/core/suggest/rules/according-to", test_according_to);
  g_test_add_func ("/core/suggest/rules/pronoun-existing-person", test_pronoun_existing_person);
  g_test_add_func ("/core/suggest/rules/pronoun-own-entity", test_pronoun_own_entity);
  g_test_add_func ("/core/suggest/rules/certainty", test_certainty);
  g_test_add_func ("/core/suggest/rules/certainty-needs-schema-value",
                   test_certainty_needs_schema_value);
  g_test_add_func ("/core/suggest/rules/existing-cue", test_existing_cue);
  g_test_add_func ("/core/suggest/rules/sources", test_sources);
  g_test_add_func ("/core/suggest/rules/place-sources", test_place_sources);
  g_test_add_func ("/core/suggest/rules/particle-names", test_particle_names);
  g_test_add_func ("/core/suggest/rules/long-sources", test_long_sources);
  g_test_add_func ("/core/suggest/rules/company-sources", test_company_sources);
  g_test_add_func ("/core/suggest/rules/entities", test_entities);
  g_test_add_func ("/core/suggest/rules/percent-label", test_percent_label);
  g_test_add_func ("/core/suggest/rules/schema-without-claim", test_schema_without_claim);
  g_test_add_func ("/core/suggest/rules/cancelled", test_cancelled);
  g_test_add_func ("/core/suggest/rules/bad-input", test_bad_input);
  g_test_add_func ("/core/suggest/rules/eval", test_eval);

  return g_test_run ();
}
