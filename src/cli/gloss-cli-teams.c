/* gloss-cli-teams.c: gloss-cli merge and gloss-cli agreement
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <unistd.h>

#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>

#include "gloss.h"
#include "gloss-cli-private.h"
#include "gloss-cli-teams.h"

/* ---- merge */

int
gloss_cli_merge (int    argc,
                 char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;

  if (!gloss_cli_parse ("merge", _("TARGET SOURCE…"),
              _("Fold other project files into TARGET: documents match by text, annotations\n"
                "and relations by uuid, the newer change wins, deletions carry over, schemas\n"
                "are united. Each SOURCE is merged in one transaction and its report printed:\n"
                "per annotator, what came in of their annotations, relations and statuses;\n"
                "the totals; the annotations both files held in different versions.\n"
                "A SOURCE that is not a Gloss project, is damaged or newer is refused (exit\n"
                "status 1); the sources merged before it stay merged."),
              NULL, &argc, &argv, 2))
    return 2;

  project = gloss_project_open (argv[1], &error);
  if (project == NULL)
    {
      gloss_cli_print_error ("%s", error->message);
      return 1;
    }
  for (int i = 2; i < argc; i++)
    {
      g_autoptr(GlossMergeReport) report = gloss_merge_report_new ();
      g_autofree char *text = NULL;

      if (!gloss_merge_project (project, argv[i], report, NULL, &error))
        {
          gloss_cli_print_error ("%s", error->message);
          return 1;
        }
      text = gloss_merge_report_to_string (report);
      g_print ("%s:\n%s", argv[i], text);
    }
  return 0;
}

/* ---- agreement */

static char *
format_number (double value)
{
  return isnan (value) ? g_strdup ("-") : g_strdup_printf ("%.3f", value);
}

static void
print_table (GlossAgreement *ag)
{
  GlossAgreementScores *p = ag->project;
  g_autofree char *alpha = format_number (p->alpha);

  g_print (_("Documents: %u  Annotators: %u  Tokens: %u  Krippendorff’s alpha: %s\n"),
           ag->n_documents, ag->annotators->len, p->n_tokens, alpha);
  g_print ("\n%-24s %-12s %6s %6s %9s %11s\n", _("Pair"), _("Label"), "n(A)", "n(B)",
           _("exact F1"), _("overlap F1"));
  for (guint i = 0; i < p->pairs->len; i++)
    {
      GlossPairScores *pair = g_ptr_array_index (p->pairs, i);
      g_autofree char *name = g_strdup_printf ("%s / %s", pair->annotator_a, pair->annotator_b);

      for (guint l = 0; l <= pair->labels->len; l++)
        {
          GlossSpanScores *s = l < pair->labels->len ? g_ptr_array_index (pair->labels, l)
                                                     : pair->all;
          g_autofree char *exact = format_number (s->exact_f1);
          g_autofree char *overlap = format_number (s->overlap_f1);

          g_print ("%-24s %-12s %6u %6u %9s %11s\n", name, s->label ? s->label : _("(all)"),
                   s->n_a, s->n_b, exact, overlap);
        }
    }
  g_print ("\n%-24s %6s %7s %7s %12s %10s %9s\n", _("Pair"), _("docs"), _("kappa"), _("claims"),
           _("attribution"), _("certainty"), _("cert. κ"));
  for (guint i = 0; i < p->pairs->len; i++)
    {
      GlossPairScores *pair = g_ptr_array_index (p->pairs, i);
      g_autofree char *name = g_strdup_printf ("%s / %s", pair->annotator_a, pair->annotator_b);
      g_autofree char *kappa = format_number (pair->kappa);
      g_autofree char *attribution = format_number (pair->attribution_agreement);
      g_autofree char *certainty = format_number (pair->certainty_agreement);
      g_autofree char *ckappa = format_number (pair->certainty_kappa);

      g_print ("%-24s %6u %7s %7u %12s %10s %9s\n", name, pair->n_documents, kappa,
               pair->claims_matched, attribution, certainty, ckappa);
    }
}

int
gloss_cli_agreement (int    argc,
                     char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GlossAgreement) ag = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_auto(GStrv) labels = NULL;
  g_auto(GStrv) annotators = NULL;
  g_autofree char *labels_arg = NULL;
  g_autofree char *documents_arg = NULL;
  g_autofree char *annotators_arg = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print everything as JSON"), NULL },
    { "labels", 'l', 0, G_OPTION_ARG_STRING, &labels_arg,
      N_("Only these labels (comma-separated)"), N_("L1,L2") },
    { "documents", 'd', 0, G_OPTION_ARG_STRING, &documents_arg,
      N_("Only these documents, by name (comma-separated)"), N_("D1,D2") },
    { "annotators", 'a', 0, G_OPTION_ARG_STRING, &annotators_arg,
      N_("These annotators (comma-separated; default: all but “gold”)"), N_("A,B") },
    { NULL }
  };

  if (!gloss_cli_parse ("agreement", _("PROJECT"),
              _("Inter-annotator agreement: per pair of annotators and label, exact-span and\n"
                "overlap precision, recall and F1; Cohen’s kappa over tokens per pair;\n"
                "Krippendorff’s alpha (nominal) over tokens for all annotators; agreement on\n"
                "claims’ source attribution and certainty. Without --json, prints the\n"
                "whole-project table; --json adds the figures of every document."),
              entries, &argc, &argv, 1))
    return 2;
  if (argc != 2)
    {
      gloss_cli_print_error (_("%s: wrong number of arguments"), "agreement");
      return 2;
    }
  project = gloss_project_open_full (argv[1], GLOSS_STORE_OPEN_READ_ONLY, &error);
  if (project == NULL)
    {
      gloss_cli_print_error ("%s", error->message);
      return 1;
    }
  if (labels_arg != NULL)
    labels = g_strsplit (labels_arg, ",", -1);
  if (annotators_arg != NULL)
    annotators = g_strsplit (annotators_arg, ",", -1);
  if (documents_arg != NULL)
    {
      g_auto(GStrv) names = g_strsplit (documents_arg, ",", -1);

      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      for (guint i = 0; names[i]; i++)
        {
          GlossDocument *doc = gloss_project_find_document (project, names[i]);
          gint64 id;

          if (doc == NULL)
            {
              gloss_cli_print_error (_("%s: no document named “%s”"), argv[1], names[i]);
              return 1;
            }
          id = gloss_document_get_id (doc);
          g_array_append_val (ids, id);
        }
    }
  if (labels != NULL)
    for (guint i = 0; labels[i]; i++)
      if (gloss_schema_lookup_label (gloss_project_get_schema (project), labels[i]) == NULL)
        {
          gloss_cli_print_error (_("%s: the schema has no label “%s”"), argv[1], labels[i]);
          return 1;
        }

  if (json)
    {
      /* streamed: each document's figures go out as they are made */
      g_autoptr(GOutputStream) out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);

      if (!gloss_agreement_write_json (project, ids, (const char * const *) annotators,
                                       (const char * const *) labels, out, NULL, &error) ||
          !g_output_stream_write_all (out, "\n", 1, NULL, NULL, &error))
        {
          gloss_cli_print_error ("%s: %s", argv[1], error->message);
          return 1;
        }
      return 0;
    }
  /* the table is the project's: no document is kept */
  ag = gloss_agreement_compute_full (project, ids, (const char * const *) annotators,
                                     (const char * const *) labels, FALSE, NULL, NULL, NULL,
                                     &error);
  if (ag == NULL)
    {
      gloss_cli_print_error ("%s: %s", argv[1], error->message);
      return 1;
    }
  print_table (ag);
  return 0;
}

/* ---- assign */

/* The comma-separated names of @arg, without empty ones. */
static GStrv
split_names (const char *arg)
{
  g_auto(GStrv) parts = g_strsplit (arg ? arg : "", ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

int
gloss_cli_assign (int    argc,
                  char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GlossChangeSet) changes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *annotators_arg = NULL;
  g_autofree char *document_arg = NULL;
  g_autofree char *to_arg = NULL;
  g_auto(GStrv) names = NULL;
  gboolean evenly = FALSE, replace = FALSE, remove = FALSE;
  int per_document = 0;
  gint64 seed = 0;
  guint added = 0, deleted = 0;
  GOptionEntry entries[] = {
    { "evenly", 0, 0, G_OPTION_ARG_NONE, &evenly,
      N_("Spread every document evenly over the annotators"), NULL },
    { "annotators", 'a', 0, G_OPTION_ARG_STRING, &annotators_arg,
      N_("With --evenly: the annotators (comma-separated)"), N_("A,B,C") },
    { "per-document", 'n', 0, G_OPTION_ARG_INT, &per_document,
      N_("With --evenly: how many annotators each document gets"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed,
      N_("With --evenly: the seed of the random spread (default 0)"), N_("S") },
    { "replace", 0, 0, G_OPTION_ARG_NONE, &replace,
      N_("With --evenly: remove every assignment first"), NULL },
    { "document", 'd', 0, G_OPTION_ARG_STRING, &document_arg,
      N_("The document to assign, by name"), N_("NAME") },
    { "to", 't', 0, G_OPTION_ARG_STRING, &to_arg,
      N_("With --document: the annotators (comma-separated)"), N_("A,B") },
    { "remove", 0, 0, G_OPTION_ARG_NONE, &remove,
      N_("With --document: take the document from them instead"), NULL },
    { NULL }
  };

  if (!gloss_cli_parse ("assign", _("PROJECT"),
              _("Assign documents to annotators, by hand (--document NAME --to A,B, or\n"
                "--remove) or evenly at random (--evenly --annotators A,B,C --per-document N):\n"
                "each document gets N distinct annotators, counting those it has, and the\n"
                "annotators' loads differ by at most one. The same seed gives the same\n"
                "assignments. Assignments travel with the project file and merge like\n"
                "statuses: the newer change wins."),
              entries, &argc, &argv, 1))
    return 2;
  if (argc != 2 || evenly == (document_arg != NULL))
    {
      gloss_cli_print_error (_("assign: give a PROJECT and either --evenly or --document"));
      return 2;
    }
  names = split_names (evenly ? annotators_arg : to_arg);
  if (names[0] == NULL)
    {
      gloss_cli_print_error (evenly ? _("assign: --evenly needs --annotators")
                          : _("assign: --document needs --to"));
      return 2;
    }
  if (evenly && per_document <= 0)
    {
      gloss_cli_print_error (_("assign: --evenly needs a --per-document of 1 or more"));
      return 2;
    }

  project = gloss_project_open (argv[1], &error);
  if (project == NULL)
    {
      gloss_cli_print_error ("%s", error->message);
      return 1;
    }
  if (evenly)
    changes = gloss_project_assign_evenly (project, (const char * const *) names, per_document,
                                           (guint32) seed, replace, &error);
  else
    {
      GlossDocument *doc = gloss_project_find_document (project, document_arg);

      if (doc == NULL)
        {
          gloss_cli_print_error (_("%s: no document named “%s”"), argv[1], document_arg);
          return 1;
        }
      changes = gloss_project_assign (project, gloss_document_get_id (doc),
                                      (const char * const *) names, remove, &error);
    }
  if (changes == NULL)
    {
      gloss_cli_print_error ("%s: %s", argv[1], error->message);
      return 1;
    }
  gloss_change_set_count (changes, GLOSS_CHANGE_ASSIGNMENT, &added, NULL, &deleted);
  g_print (_("Assignments: %u added, %u removed\n"), added, deleted);
  return 0;
}

/* ---- progress */

static void
add_names (JsonBuilder        *builder,
           const char         *member,
           const char * const *names)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; names[i] != NULL; i++)
    json_builder_add_string_value (builder, names[i]);
  json_builder_end_array (builder);
}

static gboolean
print_progress_json (GlossProject  *project,
                     GPtrArray     *annotators,
                     GError       **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  GListModel *documents = gloss_project_get_documents (project);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "annotators");
  json_builder_begin_array (builder);
  for (guint i = 0; i < annotators->len; i++)
    {
      GlossAnnotatorProgress *p = annotators->pdata[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "annotator");
      json_builder_add_string_value (builder, p->annotator);
      json_builder_set_member_name (builder, "assigned");
      json_builder_add_int_value (builder, p->n_assigned);
      json_builder_set_member_name (builder, "new");
      json_builder_add_int_value (builder, p->n_new);
      json_builder_set_member_name (builder, "in_progress");
      json_builder_add_int_value (builder, p->n_in_progress);
      json_builder_set_member_name (builder, "done");
      json_builder_add_int_value (builder, p->n_done);
      json_builder_set_member_name (builder, "annotations");
      json_builder_add_int_value (builder, p->n_annotations);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "documents");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(GlossDocument) doc = g_list_model_get_item (documents, i);
      g_autoptr(GlossDocumentProgress) p = gloss_project_dup_document_progress (project, doc,
                                                                                error);

      if (p == NULL)
        return FALSE;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, p->name);
      add_names (builder, "assignees", (const char * const *) p->assignees);
      add_names (builder, "done", (const char * const *) p->done);
      json_builder_set_member_name (builder, "curated");
      json_builder_add_boolean_value (builder, p->curated);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
  return TRUE;
}

int
gloss_cli_progress (int    argc,
                    char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GPtrArray) annotators = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print JSON, with the progress of every document too"), NULL },
    { NULL }
  };

  if (!gloss_cli_parse ("progress", _("PROJECT"),
              _("Each annotator's progress: documents assigned, and of them (of every\n"
                "document when none is assigned) how many are new, in progress and done,\n"
                "and the annotations made. --json adds, per document, its assignees, who\n"
                "is done and whether it is curated."),
              entries, &argc, &argv, 1))
    return 2;
  if (argc != 2)
    {
      gloss_cli_print_error (_("%s: wrong number of arguments"), "progress");
      return 2;
    }
  project = gloss_project_open_full (argv[1], GLOSS_STORE_OPEN_READ_ONLY, &error);
  if (project == NULL)
    {
      gloss_cli_print_error ("%s", error->message);
      return 1;
    }
  annotators = gloss_project_dup_annotator_progress (project, &error);
  if (annotators == NULL)
    {
      gloss_cli_print_error ("%s: %s", argv[1], error->message);
      return 1;
    }
  if (json)
    {
      if (!print_progress_json (project, annotators, &error))
        {
          gloss_cli_print_error ("%s: %s", argv[1], error->message);
          return 1;
        }
      return 0;
    }
  g_print ("%-20s %9s %6s %12s %6s %12s\n", _("Annotator"), _("Assigned"), _("New"),
           _("In progress"), _("Done"), _("Annotations"));
  for (guint i = 0; i < annotators->len; i++)
    {
      GlossAnnotatorProgress *p = annotators->pdata[i];

      g_print ("%-20s %9u %6u %12u %6u %12u\n", p->annotator, p->n_assigned, p->n_new,
               p->n_in_progress, p->n_done, p->n_annotations);
    }
  return 0;
}
