/* test-agreement-ui.c: the agreement report's figures are the command line's
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A team project of 48 invented wire stories, each annotated by ana, ben
 * and cai, who skip, relabel and cut spans and disagree on claims'
 * sources and certainty at random (a fixed seed). The report window
 * computes on its worker threads; `gloss-cli agreement --json` reads the
 * same file in another process. Every figure of the window's table (each
 * pair, all labels and each label), of its pairs (documents, tokens, κ,
 * the claims) and of the project (α, tokens) equals the command line's to
 * the 12 significant digits it prints, for the whole project and again
 * with an annotator and a label unticked in the window, given to the
 * command line as --annotators and --labels. Skips without gloss-cli
 * (GLOSS_BUILD_DIR).
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include <adwaita.h>
#include <gtk/gtk.h>

#include "gloss-agreement-window.h"
#include "gloss-annotation-list.h"
#include "gloss-annotation.h"
#include "gloss-command.h"
#include "gloss-document.h"
#include "gloss-project.h"
#include "gloss-relation.h"
#include "gloss-window.h"
#include "ui-test-util.h"

#define N_DOCUMENTS 48

static const char *annotators[] = { "ana", "ben", "cai" };
static const char *entity_labels[] = { "PERSON", "ORG", "GPE", "DATE", "MONEY" };

static const char *people[] = { "Ruslan Vey", "Kim Sol-ji", "Park Min-ho", "Mira Šolc",
                                "Nikolai Dorn", "Lena Ostrova" };
static const char *orgs[] = { "Meridian", "Unit 414", "the Bureau of External Studies",
                              "Karsovian People's Army", "Northline Bank" };
static const char *places[] = { "Seoul", "Vienna", "Zürich", "Ulaanbaatar", "Singapore" };
static const char *dates[] = { "Tuesday", "June 2024", "last year", "Nov. 20" };
static const char *amounts[] = { "300 million dollars", "40 informants", "$2.5 billion" };

typedef struct
{
  const char *label;
  guint       start;
  guint       end;
} Span;

typedef struct
{
  char *dir;
  char *path;
  char *cli;
} Fixture;

/* Appends @piece to @text; the span it covers (in characters) under
 * @label goes to @spans unless @label is NULL. */
static void
put (GString    *text,
     GArray     *spans,
     const char *label,
     const char *piece)
{
  Span span = { label, g_utf8_strlen (text->str, -1), 0 };

  g_string_append (text, piece);
  span.end = g_utf8_strlen (text->str, -1);
  if (label != NULL)
    g_array_append_val (spans, span);
}

#define PICK(rand, array) (array[g_rand_int_range (rand, 0, G_N_ELEMENTS (array))])

/* A story of three sentences, its entity spans in @spans, the claim's
 * and its source's in @claim and @source. */
static char *
make_story (GRand  *rand,
            GArray *spans,
            Span   *claim,
            Span   *source)
{
  GString *text = g_string_new (NULL);
  g_autoptr(GArray) frame = g_array_new (FALSE, FALSE, sizeof (Span));

  put (text, spans, "PERSON", PICK (rand, people));
  put (text, NULL, NULL, " told ");
  put (text, spans, "ORG", PICK (rand, orgs));
  put (text, NULL, NULL, " in ");
  put (text, spans, "GPE", PICK (rand, places));
  put (text, NULL, NULL, " on ");
  put (text, spans, "DATE", PICK (rand, dates));
  put (text, NULL, NULL, " that ");
  put (text, spans, "ORG", PICK (rand, orgs));
  put (text, NULL, NULL, " moved ");
  put (text, spans, "MONEY", PICK (rand, amounts));
  put (text, NULL, NULL, " through ");
  put (text, spans, "GPE", PICK (rand, places));
  put (text, NULL, NULL, ". ");
  put (text, frame, "SOURCE", "A source familiar with the matter");
  put (text, NULL, NULL, " said ");
  put (text, frame, "CLAIM", "the money was never returned");
  put (text, NULL, NULL, ", but officials in ");
  put (text, spans, "GPE", PICK (rand, places));
  put (text, NULL, NULL, " denied it.");
  *source = g_array_index (frame, Span, 0);
  *claim = g_array_index (frame, Span, 1);
  return g_string_free (text, FALSE);
}

/* @annotator's annotations of one story: each span skipped, relabelled or
 * cut short now and then; the claim with its source and a certainty, or
 * without either. */
static void
annotate (GlossProject  *project,
          GlossDocument *document,
          const char    *annotator,
          GArray        *spans,
          const Span    *claim_span,
          const Span    *source_span,
          GRand         *rand)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossAnnotationList) list = gloss_project_dup_annotation_list (project, document,
                                                                            &error);
  g_autoptr(GlossCommand) command = gloss_command_new ("annotate");
  g_autoptr(GlossAnnotation) claim = NULL;

  g_assert_no_error (error);
  gloss_annotation_list_set_annotator (list, annotator);
  for (guint i = 0; i < spans->len; i++)
    {
      const Span *span = &g_array_index (spans, Span, i);
      const char *label = span->label;
      guint       end = span->end;
      double      dice = g_rand_double (rand);
      g_autoptr(GlossAnnotation) annotation = NULL;

      if (dice < 0.12)
        continue;
      if (dice < 0.22)
        label = PICK (rand, entity_labels);
      else if (dice < 0.30 && end - span->start > 3)
        end -= 2;
      annotation = gloss_annotation_new_span (label, span->start, end, annotator);
      gloss_command_create_annotation (command, annotation);
    }

  if (g_rand_double (rand) < 0.85)
    {
      static const char *certainties[] = { "asserted", "hedged", "alleged" };

      claim = gloss_annotation_new_span ("CLAIM", claim_span->start, claim_span->end, annotator);
      gloss_annotation_set_attribute (claim, "certainty",
                                      g_variant_new_string (PICK (rand, certainties)));
      gloss_command_create_annotation (command, claim);
      if (g_rand_double (rand) < 0.8)
        {
          g_autoptr(GlossAnnotation) source =
                       gloss_annotation_new_span ("SOURCE", source_span->start, source_span->end,
                                                  annotator);
          g_autoptr(GlossRelation) relation =
                       gloss_relation_new ("attributed-to", gloss_annotation_get_uuid (claim),
                                           gloss_annotation_get_uuid (source), annotator);

          gloss_command_create_annotation (command, source);
          gloss_command_add_relation (command, relation);
        }
    }

  gloss_annotation_list_apply (list, command, &error);
  g_assert_no_error (error);
  g_assert_true (gloss_command_is_applied (command));
}

static void
fixture_setup (Fixture      *fixture,
               gconstpointer user_data)
{
  const char *build = g_getenv ("GLOSS_BUILD_DIR");
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261207);

  fixture->cli = build != NULL ? g_build_filename (build, "src", "cli", "gloss-cli", NULL)
                               : NULL;
  fixture->dir = g_dir_make_tmp ("gloss-agreement-ui-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "team.gloss", NULL);
  project = gloss_project_create (fixture->path, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < N_DOCUMENTS; i++)
    {
      g_autofree char *name = g_strdup_printf ("wire-%02u", i);
      g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
      Span             claim, source;
      g_autofree char *text = make_story (rand, spans, &claim, &source);
      GlossDocument   *document = gloss_project_add_document (project, name, text, -1, NULL,
                                                              &error);

      g_assert_no_error (error);
      for (guint a = 0; a < G_N_ELEMENTS (annotators); a++)
        /* cai never opened every fifth story */
        if (a != 2 || i % 5 != 4)
          annotate (project, document, annotators[a], spans, &claim, &source, rand);
    }
}

static void
fixture_teardown (Fixture      *fixture,
                  gconstpointer user_data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->cli);
}

/* ---- comparing --------------------------------------------------------- */

/* What the command line prints for @args (after PROJECT), parsed. */
static JsonNode *
cli_agreement (Fixture    *fixture,
               const char *args)
{
  g_autofree char *command = g_strdup_printf ("%s agreement %s --json %s", fixture->cli,
                                              fixture->path, args);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  int status = 0;

  g_test_message ("%s", command);
  g_assert_true (g_spawn_command_line_sync (command, &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("gloss-cli agreement failed: %s", err);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* @value as the command line prints it: 12 significant digits, null for
 * NaN. */
static void
assert_figure (const char *what,
               double      value,
               JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  g_assert_nonnull (node);
  if (isnan (value))
    {
      if (!JSON_NODE_HOLDS_NULL (node))
        g_error ("%s %s: the window shows none, the command line %.12g", what, member,
                 json_node_get_double (node));
      return;
    }
  if (JSON_NODE_HOLDS_NULL (node))
    g_error ("%s %s: the window shows %.12g, the command line none", what, member, value);
  {
    double cli = json_node_get_double (node);

    if (fabs (value - cli) > 1e-11 * MAX (1.0, fabs (value)))
      g_error ("%s %s: the window shows %.15g, the command line %.15g", what, member, value,
               cli);
  }
}

static void
assert_count (const char *what,
              guint       value,
              JsonObject *object,
              const char *member)
{
  gint64 cli = json_object_get_int_member (object, member);

  if ((gint64) value != cli)
    g_error ("%s %s: the window counts %u, the command line %" G_GINT64_FORMAT, what, member,
             value, cli);
}

static void
assert_names (GPtrArray *names,
              JsonArray *cli)
{
  g_assert_cmpuint (names->len, ==, json_array_get_length (cli));
  for (guint i = 0; i < names->len; i++)
    g_assert_cmpstr (names->pdata[i], ==, json_array_get_string_element (cli, i));
}

static void
assert_scores (const char      *what,
               GlossSpanScores *scores,
               JsonObject      *cli)
{
  assert_count (what, scores->n_a, cli, "n_a");
  assert_count (what, scores->n_b, cli, "n_b");
  assert_count (what, scores->exact_matches, cli, "exact_matches");
  assert_count (what, scores->overlap_matches, cli, "overlap_matches");
  assert_figure (what, scores->exact_precision, cli, "exact_precision");
  assert_figure (what, scores->exact_recall, cli, "exact_recall");
  assert_figure (what, scores->exact_f1, cli, "exact_f1");
  assert_figure (what, scores->overlap_precision, cli, "overlap_precision");
  assert_figure (what, scores->overlap_recall, cli, "overlap_recall");
  assert_figure (what, scores->overlap_f1, cli, "overlap_f1");
}

/* The command line's pair @a / @b. */
static JsonObject *
cli_pair (JsonObject *project,
          const char *a,
          const char *b)
{
  JsonArray *pairs = json_object_get_array_member (project, "pairs");

  for (guint i = 0; i < json_array_get_length (pairs); i++)
    {
      JsonObject *pair = json_array_get_object_element (pairs, i);

      if (g_strcmp0 (json_object_get_string_member (pair, "a"), a) == 0 &&
          g_strcmp0 (json_object_get_string_member (pair, "b"), b) == 0)
        return pair;
    }
  g_error ("the command line has no pair %s / %s", a, b);
  return NULL;
}

/* The window's last figures, and its table's rows, against @root. Returns
 * the number of figures compared. */
static guint
assert_window_equals_cli (GlossAgreementWindow *report,
                          JsonNode             *root)
{
  GlossAgreement *agreement = gloss_agreement_window_get_agreement (report);
  GListModel     *rows = gloss_agreement_window_get_rows (report);
  JsonObject     *cli = json_node_get_object (root);
  JsonObject     *project = json_object_get_object_member (cli, "project");
  guint           compared = 0;

  g_assert_nonnull (agreement);
  assert_names (agreement->annotators, json_object_get_array_member (cli, "annotators"));
  assert_names (agreement->labels, json_object_get_array_member (cli, "labels"));
  assert_figure ("project", agreement->project->alpha, project, "alpha");
  assert_count ("project", agreement->project->n_tokens, project, "tokens");
  assert_count ("project", agreement->project->n_coders, project, "coders");
  g_assert_cmpuint (agreement->project->pairs->len, ==,
                    json_array_get_length (json_object_get_array_member (project, "pairs")));
  compared += 3;

  for (guint i = 0; i < agreement->project->pairs->len; i++)
    {
      GlossPairScores *pair = agreement->project->pairs->pdata[i];
      JsonObject      *other = cli_pair (project, pair->annotator_a, pair->annotator_b);
      JsonObject      *claims = json_object_get_object_member (other, "claims");
      JsonObject      *labels = json_object_get_object_member (other, "labels");
      g_autofree char *what = g_strdup_printf ("%s / %s", pair->annotator_a,
                                               pair->annotator_b);

      assert_count (what, pair->n_documents, other, "documents");
      assert_count (what, pair->n_tokens, other, "tokens");
      assert_figure (what, pair->kappa, other, "kappa");
      assert_scores (what, pair->all, json_object_get_object_member (other, "all"));
      assert_count (what, pair->claims_matched, claims, "matched");
      assert_count (what, pair->claims_attributed, claims, "attributed");
      assert_count (what, pair->attribution_agreed, claims, "attribution_agreed");
      assert_figure (what, pair->attribution_agreement, claims, "attribution_agreement");
      assert_count (what, pair->certainty_agreed, claims, "certainty_agreed");
      assert_figure (what, pair->certainty_agreement, claims, "certainty_agreement");
      assert_figure (what, pair->certainty_kappa, claims, "certainty_kappa");
      compared += 20;
      g_assert_cmpuint (pair->labels->len, ==, json_object_get_size (labels));
      for (guint j = 0; j < pair->labels->len; j++)
        {
          GlossSpanScores *scores = pair->labels->pdata[j];
          g_autofree char *label_what = g_strdup_printf ("%s %s", what, scores->label);

          assert_scores (label_what, scores, json_object_get_object_member (labels, scores->label));
          compared += 10;
        }
    }

  /* the table shows what the report computed: a row per pair and label */
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GlossAgreementRow) row = g_list_model_get_item (rows, i);
      const char      *label = gloss_agreement_row_get_label (row);
      JsonObject      *pair = cli_pair (project, gloss_agreement_row_get_annotator_a (row),
                                        gloss_agreement_row_get_annotator_b (row));
      JsonObject      *scores = label == NULL
                                ? json_object_get_object_member (pair, "all")
                                : json_object_get_object_member (
                                    json_object_get_object_member (pair, "labels"), label);
      g_autofree char *what = g_strdup_printf ("row %u (%s)", i, label ? label : "all");

      static const struct
      {
        GlossAgreementColumn column;
        const char          *member;
      } columns[] = {
        { GLOSS_AGREEMENT_COLUMN_EXACT_PRECISION, "exact_precision" },
        { GLOSS_AGREEMENT_COLUMN_EXACT_RECALL, "exact_recall" },
        { GLOSS_AGREEMENT_COLUMN_EXACT_F1, "exact_f1" },
        { GLOSS_AGREEMENT_COLUMN_OVERLAP_F1, "overlap_f1" },
      };

      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        assert_figure (what, gloss_agreement_row_get_value (row, columns[c].column), scores,
                       columns[c].member);
      if (label == NULL)
        assert_figure (what, gloss_agreement_row_get_value (row, GLOSS_AGREEMENT_COLUMN_KAPPA),
                       pair, "kappa");
      compared += label == NULL ? 5 : 4;
    }
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==,
                    agreement->project->pairs->len * (agreement->labels->len + 1));
  return compared;
}

static void
wait_idle (GlossAgreementWindow *window)
{
  gint64 until = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  /* a change of the ticks recomputes after a short wait: let it start */
  iterate_main_context (300);
  while (gloss_agreement_window_get_busy (window) && g_get_monotonic_time () < until)
    iterate_main_context (20);
  g_assert_false (gloss_agreement_window_get_busy (window));
}

static void
untick (GlossAgreementWindow *report,
        const char           *shown)
{
  GtkWidget *check = find_check_showing (GTK_WIDGET (report), shown);

  g_assert_nonnull (check);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
}

/* ---- the test ---------------------------------------------------------- */

static void
test_equals_cli (Fixture      *fixture,
                 gconstpointer user_data)
{
  GlossWindow          *window;
  GlossAgreementWindow *report;
  g_autoptr(JsonNode) whole = NULL;
  g_autoptr(JsonNode) filtered = NULL;
  g_autoptr(GString) kept = g_string_new (NULL);
  GlossAgreement *agreement;
  guint           compared;

  if (fixture->cli == NULL || !g_file_test (fixture->cli, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("gloss-cli is not built (GLOSS_BUILD_DIR)");
      return;
    }

  window = open_project_window (fixture->path, "wire-00");
  gtk_window_present (GTK_WINDOW (window));
  report = GLOSS_AGREEMENT_WINDOW (gloss_agreement_window_new (GTK_WINDOW (window),
                                                               gloss_window_get_project (window),
                                                               gloss_window_get_document (window)));
  g_object_ref (report);
  gtk_window_present (GTK_WINDOW (report));
  wait_idle (report);

  agreement = gloss_agreement_window_get_agreement (report);
  g_assert_nonnull (agreement);
  g_assert_cmpuint (agreement->n_documents, ==, N_DOCUMENTS);
  g_assert_cmpuint (agreement->annotators->len, ==, 3);
  whole = cli_agreement (fixture, "");
  compared = assert_window_equals_cli (report, whole);
  g_test_message ("the whole project: %u figures equal", compared);

  /* without cai and MONEY, ticked off in the window */
  untick (report, "cai");
  untick (report, "MONEY");
  wait_idle (report);
  agreement = gloss_agreement_window_get_agreement (report);
  g_assert_cmpuint (agreement->annotators->len, ==, 2);
  for (guint i = 0; i < agreement->labels->len; i++)
    g_string_append_printf (kept, "%s%s", i > 0 ? "," : "",
                            (const char *) agreement->labels->pdata[i]);
  g_assert_null (strstr (kept->str, "MONEY"));
  {
    g_autofree char *args = g_strdup_printf ("--annotators ana,ben --labels %s", kept->str);

    filtered = cli_agreement (fixture, args);
  }
  compared = assert_window_equals_cli (report, filtered);
  g_test_message ("ana and ben without MONEY: %u figures equal", compared);

  gtk_window_destroy (GTK_WINDOW (report));
  iterate_main_context (50);
  g_assert_finalize_object (report);
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_main_context (50);
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_printerr ("No display: skipping\n");
      return 77;
    }

  g_test_add ("/ui/agreement/equals-cli", Fixture, NULL, fixture_setup, test_equals_cli,
              fixture_teardown);

  return g_test_run ();
}
