/* gloss-cli.c: the Gloss command-line tool
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gio/gunixoutputstream.h>
#include <json-glib/json-glib.h>

#include "gloss.h"
#include "gloss-cli-private.h"
#include "gloss-cli-teams.h"

typedef int (*CommandFunc) (int argc, char **argv);

typedef struct
{
  const char  *name;
  CommandFunc  func;
  const char  *summary;
} Command;

/* Parses the options of one command; prints the usage error itself. */
static gboolean
parse_options (const char    *command,
               const char    *parameters,
               const char    *summary,
               GOptionEntry  *entries,
               int           *argc,
               char        ***argv)
{
  return gloss_cli_parse (command, parameters, summary, entries, argc, argv, 0);
}

static gboolean
check_n_args (const char *command,
              int         argc,
              int         min,
              int         max)
{
  /* argv[0] is the command */
  if (argc - 1 < min || (max >= 0 && argc - 1 > max))
    {
      gloss_cli_print_error (_("%s: wrong number of arguments"), command);
      g_printerr (_("Run “gloss-cli %s --help” for usage.\n"), command);
      return FALSE;
    }
  return TRUE;
}

static void
print_problem_line (const char *document,
                    const char *message,
                    gpointer    user_data)
{
  const char *project = user_data;

  if (document != NULL)
    g_print ("%s: %s\n", document, message);
  else
    g_print ("%s: %s\n", project, message);
}

static void
print_salvage_line (const char *document,
                    const char *message,
                    gpointer    user_data)
{
  const char *project = user_data;

  g_printerr (_("gloss-cli: salvage: %s: %s\n"), document != NULL ? document : project,
              message);
}

/* A read-only project, or with @salvage a private copy of it without the
 * rows that cannot be read, each reported on stderr. */
static GlossProject *
open_project_to_read (const char *path,
                      gboolean    salvage)
{
  g_autoptr(GError) error = NULL;
  GlossProject *project;
  guint n = 0;

  if (!salvage)
    return gloss_cli_open_project (path, FALSE);
  project = gloss_project_open_salvaged (path, print_salvage_line, (gpointer) path, &n, &error);
  if (project == NULL)
    gloss_cli_print_error ("%s", error->message);
  else if (n > 0)
    g_printerr (ngettext ("gloss-cli: salvage: %u problem found; what cannot be read is left "
                          "out, the file is unchanged\n",
                          "gloss-cli: salvage: %u problems found; what cannot be read is left "
                          "out, the file is unchanged\n", n), n);
  return project;
}

/* The annotator of this run: $GLOSS_ANNOTATOR, else the login name. Imports
 * stamp it on the annotations whose file names no annotator; exports treat
 * it as the project's own (doccano, spaCy). */
static void
set_annotator (GlossProject *project)
{
  const char *name = g_getenv ("GLOSS_ANNOTATOR");

  if (name == NULL || *name == '\0')
    name = g_get_user_name ();
  gloss_project_set_annotator (project, name);
}

/* ---- init */

static int
cmd_init (int    argc,
          char **argv)
{
  g_autofree char *schema_arg = NULL;
  g_autoptr(GlossSchema) schema = NULL;
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "schema", 's', 0, G_OPTION_ARG_STRING, &schema_arg,
      N_("The schema: news (the default), conll2003, ontonotes or a schema JSON file"),
      N_("SCHEMA") },
    { NULL }
  };

  if (!parse_options ("init", _("PROJECT"), _("Create a new, empty project file."),
                      entries, &argc, &argv)
      || !check_n_args ("init", argc, 1, 1))
    return 2;

  if (schema_arg == NULL || g_strv_contains (gloss_schema_list_presets (), schema_arg))
    schema = gloss_schema_new_preset (schema_arg ? schema_arg : "news", &error);
  else
    schema = gloss_schema_new_from_file (schema_arg, &error);
  if (schema == NULL)
    {
      gloss_cli_print_error ("%s: %s", schema_arg, error->message);
      return 1;
    }
  project = gloss_project_create (argv[1], schema, &error);
  if (project == NULL)
    {
      gloss_cli_print_error ("%s", error->message);
      return 1;
    }
  return 0;
}

/* ---- import and export progress */

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  const char *what = user_data;

  g_printerr ("\r%s %3d%%", what, (int) (fraction * 100 + 0.5));
  if (fraction >= 1.0)
    g_printerr ("\n");
}

static gboolean
show_progress (void)
{
  return isatty (STDERR_FILENO);
}

/* ---- import */

static void
print_problem (GlossProblem *p,
               gboolean      as_error)
{
  const char *kind = p->severity == GLOSS_PROBLEM_ERROR ? _("error")
                   : p->severity == GLOSS_PROBLEM_WARNING ? _("warning") : _("note");
  g_autofree char *where = NULL;

  if (p->file != NULL && p->line > 0)
    where = g_strdup_printf ("%s:%u: ", p->file, p->line);
  else if (p->file != NULL)
    where = g_strdup_printf ("%s: ", p->file);
  else
    where = g_strdup ("");
  if (as_error)
    gloss_cli_print_error ("%s%s: %s", where, kind, p->message);
  else
    g_print ("%s%s: %s\n", where, kind, p->message);
}

static int
cmd_import (int    argc,
            char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GlossImportReport) report = gloss_import_report_new ();
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *format = NULL;
  g_autofree char *annotator = NULL;
  g_autofree char *description = NULL;
  gboolean skip_bad = FALSE;
  GlossImportOptions options = GLOSS_IMPORT_OPTIONS_INIT;
  const char *first_missing = NULL;
  guint n_missing = 0;
  gboolean ok;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      N_("The format of the files (default: detected per file; see “gloss-cli formats”)"),
      N_("FORMAT") },
    { "annotator", 'a', 0, G_OPTION_ARG_STRING, &annotator,
      N_("The annotator the imported annotations belong to (default: as the files say, "
         "else $GLOSS_ANNOTATOR, else the login name)"),
      N_("NAME") },
    { "skip-bad", 0, 0, G_OPTION_ARG_NONE, &skip_bad,
      N_("Import the good records and files, report and skip the bad ones"), NULL },
    { NULL }
  };

  description =
    g_strdup_printf (_("Import files and folders: plain text (UTF-8, UTF-8/UTF-16 with BOM),\n"
                       "HTML articles, folders of those, brat standoff, Gloss JSONL and the other\n"
                       "formats “gloss-cli formats” lists. Everything is imported in one\n"
                       "transaction: when a file or record is bad nothing is imported, unless\n"
                       "--skip-bad is given. Every problem is printed as FILE:LINE: message.\n"
                       "Annotations belong to --annotator NAME, else to the annotator the file\n"
                       "names, else to $GLOSS_ANNOTATOR, else to the login name. A document\n"
                       "is at most %u MB: a larger text, HTML or brat .txt file is refused\n"
                       "before it is read, and so are other files over %u MB."),
                     (guint) (GLOSS_FORMAT_MAX_DOCUMENT_SIZE / 1000000),
                     (guint) (GLOSS_FORMAT_MAX_FILE_SIZE / 1000000));
  if (!parse_options ("import", _("PROJECT PATH…"), description, entries, &argc, &argv)
      || !check_n_args ("import", argc, 2, -1))
    return 2;
  if (format != NULL && gloss_format_lookup (format) == NULL)
    {
      gloss_cli_print_error (_("import: unknown format “%s” (see “gloss-cli formats”)"), format);
      return 2;
    }

  for (int i = 2; i < argc; i++)
    {
      if (!g_file_test (argv[i], G_FILE_TEST_EXISTS))
        {
          gloss_cli_print_error (_("%s: no such file or folder"), argv[i]);
          n_missing++;
          if (first_missing == NULL)
            first_missing = argv[i];
          continue;
        }
      g_ptr_array_add (paths, argv[i]);
    }
  /* Without --skip-bad a missing file fails the import, but the other files
   * are still checked so that every problem is reported at once: the
   * missing one goes last, where it stops the import before the commit. */
  if (n_missing > 0 && !skip_bad)
    g_ptr_array_add (paths, (gpointer) first_missing);
  g_ptr_array_add (paths, NULL);

  project = gloss_cli_open_project (argv[1], TRUE);
  if (project == NULL)
    return 1;
  set_annotator (project);

  options.format = format;
  options.annotator = annotator;
  options.skip_bad = skip_bad;
  if (show_progress ())
    {
      options.progress = progress_cb;
      options.progress_data = (gpointer) _("Importing");
    }
  ok = paths->len > 1
       && gloss_format_import (project, (const char * const *) paths->pdata, &options, report,
                               NULL, &error);
  if (!ok)
    {
      for (guint i = 0; i < report->problems->len; i++)
        print_problem (g_ptr_array_index (report->problems, i), TRUE);
      /* a bad record's error repeats the last problem */
      if (error != NULL
          && !g_error_matches (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_PROBLEMS)
          && !(g_error_matches (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID)
               && gloss_import_report_count (report, GLOSS_PROBLEM_ERROR) > 0)
          && (first_missing == NULL || strstr (error->message, first_missing) == NULL))
        gloss_cli_print_error ("%s", error->message);
      gloss_cli_print_error ("%s", _("nothing imported"));
      return 1;
    }

  g_print (ngettext ("Imported %u document", "Imported %u documents", report->n_documents),
           report->n_documents);
  g_print (", ");
  g_print (ngettext ("%u annotation", "%u annotations", report->n_annotations),
           report->n_annotations);
  g_print (", ");
  g_print (ngettext ("%u relation\n", "%u relations\n", report->n_relations),
           report->n_relations);
  if (report->labels_added->len > 0)
    {
      g_print ("%s", _("Labels added to the schema:"));
      for (guint i = 0; i < report->labels_added->len; i++)
        g_print (" %s", (char *) g_ptr_array_index (report->labels_added, i));
      g_print ("\n");
    }
  if (report->relation_types_added->len > 0)
    {
      g_print ("%s", _("Relation types added to the schema:"));
      for (guint i = 0; i < report->relation_types_added->len; i++)
        g_print (" %s", (char *) g_ptr_array_index (report->relation_types_added, i));
      g_print ("\n");
    }
  for (guint i = 0; i < report->problems->len; i++)
    print_problem (g_ptr_array_index (report->problems, i), FALSE);
  return n_missing > 0 ? 1 : 0;
}

/* ---- list */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
format_statuses (GlossStore *store,
                 gint64      id)
{
  g_autoptr(GHashTable) statuses = gloss_store_dup_document_statuses (store, id);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree gpointer *keys = NULL;
  guint n = 0;

  if (statuses != NULL)
    {
      keys = g_hash_table_get_keys_as_array (statuses, &n);
      qsort (keys, n, sizeof (gpointer), compare_strings);
    }
  for (guint i = 0; i < n; i++)
    {
      int st = GPOINTER_TO_INT (g_hash_table_lookup (statuses, keys[i]));
      g_string_append_printf (out, "%s%s=%s", i ? "," : "", (const char *) keys[i],
                              gloss_document_status_to_string (st));
    }
  if (out->len == 0)
    g_string_append (out, "-");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static int
cmd_list (int    argc,
          char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  GListModel *docs;

  if (!parse_options ("list", _("PROJECT"),
                      _("List the documents, one per line: name, length in characters, number\n"
                        "of annotations and statuses (annotator=status), separated by tabs."),
                      NULL, &argc, &argv)
      || !check_n_args ("list", argc, 1, 1))
    return 2;
  project = gloss_cli_open_project (argv[1], FALSE);
  if (project == NULL)
    return 1;
  docs = gloss_project_get_documents (project);
  for (guint i = 0; i < g_list_model_get_n_items (docs); i++)
    {
      g_autoptr(GlossDocument) doc = g_list_model_get_item (docs, i);
      g_autofree char *statuses = format_statuses (gloss_project_get_store (project),
                                                   gloss_document_get_id (doc));

      g_print ("%s\t%u\t%u\t%s\n", gloss_document_get_name (doc), gloss_document_get_length (doc),
               gloss_document_get_n_annotations (doc), statuses);
    }
  return 0;
}

/* ---- stats */

static void
count (GHashTable *table,
       const char *key)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (table, key));
  g_hash_table_insert (table, g_strdup (key), GUINT_TO_POINTER (n + 1));
}

static guint
sum_counts (GHashTable *table)
{
  GHashTableIter iter;
  gpointer       n;
  guint          sum = 0;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, NULL, &n))
    sum += GPOINTER_TO_UINT (n);
  return sum;
}

static void
add_counts (JsonBuilder *builder,
            const char  *name,
            GHashTable  *table)
{
  g_autofree gpointer *keys = NULL;
  guint n = 0;

  keys = g_hash_table_get_keys_as_array (table, &n);
  qsort (keys, n, sizeof (gpointer), compare_strings);
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  for (guint i = 0; i < n; i++)
    {
      json_builder_set_member_name (builder, keys[i]);
      json_builder_add_int_value (builder, GPOINTER_TO_UINT (g_hash_table_lookup (table, keys[i])));
    }
  json_builder_end_object (builder);
}

static void
print_counts (const char *title,
              GHashTable *table)
{
  g_autofree gpointer *keys = NULL;
  guint n = 0;

  keys = g_hash_table_get_keys_as_array (table, &n);
  qsort (keys, n, sizeof (gpointer), compare_strings);
  g_print ("%s\n", title);
  for (guint i = 0; i < n; i++)
    g_print ("  %-20s %u\n", (const char *) keys[i],
             GPOINTER_TO_UINT (g_hash_table_lookup (table, keys[i])));
}

static int
cmd_stats (int    argc,
           char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GHashTable) labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) annotators = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE, salvage = FALSE;
  guint n_anns = 0, n_rels = 0;
  GlossStore *store;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON object"), NULL },
    { "salvage", 0, 0, G_OPTION_ARG_NONE, &salvage,
      N_("Leave out what cannot be read (damaged rows), reporting each"), NULL },
    { NULL }
  };

  if (!parse_options ("stats", _("PROJECT"),
                      _("Count the documents, the annotations per label and per annotator and\n"
                        "the relations per type (deleted ones are not counted)."),
                      entries, &argc, &argv)
      || !check_n_args ("stats", argc, 1, 1))
    return 2;
  project = open_project_to_read (argv[1], salvage);
  if (project == NULL)
    return 1;
  store = gloss_project_get_store (project);
  ids = gloss_store_list_document_ids (store, &error);
  if (ids == NULL)
    {
      gloss_cli_print_error ("%s: %s", argv[1], error->message);
      return 1;
    }
  if (!salvage)
    {
      /* Counted in SQL: loading every annotation to count it took seconds
       * on a team project of 10,000 articles (issue 12). */
      g_clear_pointer (&labels, g_hash_table_unref);
      g_clear_pointer (&annotators, g_hash_table_unref);
      g_clear_pointer (&types, g_hash_table_unref);
      labels = gloss_store_tally (store, GLOSS_STORE_TALLY_LABELS, &error);
      if (labels != NULL)
        annotators = gloss_store_tally (store, GLOSS_STORE_TALLY_ANNOTATORS, &error);
      if (annotators != NULL)
        types = gloss_store_tally (store, GLOSS_STORE_TALLY_RELATION_TYPES, &error);
      if (types == NULL)
        {
          gloss_cli_print_error ("%s: %s", argv[1], error->message);
          return 1;
        }
      n_anns = sum_counts (labels);
      n_rels = sum_counts (types);
    }
  /* --salvage counts what can be read, so it reads every row */
  for (guint i = 0; salvage && i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(GPtrArray) anns = gloss_store_load_annotations (store, id, FALSE, &error);
      g_autoptr(GPtrArray) rels = NULL;

      if (anns == NULL)
        {
          gloss_cli_print_error ("%s: %s", argv[1], error->message);
          return 1;
        }
      rels = gloss_store_load_relations (store, id, FALSE, &error);
      if (rels == NULL)
        {
          gloss_cli_print_error ("%s: %s", argv[1], error->message);
          return 1;
        }
      for (guint j = 0; j < anns->len; j++)
        {
          GlossAnnotation *a = g_ptr_array_index (anns, j);
          count (labels, gloss_annotation_get_label (a));
          count (annotators, gloss_annotation_get_annotator (a));
        }
      for (guint j = 0; j < rels->len; j++)
        count (types, gloss_relation_get_relation_type (g_ptr_array_index (rels, j)));
      n_anns += anns->len;
      n_rels += rels->len;
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *out = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "documents");
      json_builder_add_int_value (builder, ids->len);
      json_builder_set_member_name (builder, "annotations");
      json_builder_add_int_value (builder, n_anns);
      json_builder_set_member_name (builder, "relations");
      json_builder_add_int_value (builder, n_rels);
      add_counts (builder, "labels", labels);
      add_counts (builder, "annotators", annotators);
      add_counts (builder, "relation_types", types);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      json_generator_set_root (gen, root);
      json_generator_set_pretty (gen, TRUE);
      out = json_generator_to_data (gen, NULL);
      g_print ("%s\n", out);
      return 0;
    }

  g_print (_("Documents:   %u\n"), ids->len);
  g_print (_("Annotations: %u\n"), n_anns);
  g_print (_("Relations:   %u\n"), n_rels);
  print_counts (_("Annotations per label:"), labels);
  print_counts (_("Annotations per annotator:"), annotators);
  print_counts (_("Relations per type:"), types);
  return 0;
}

/* ---- export */

static gboolean
parse_split (const char  *arg,
             guint        split[3])
{
  g_auto(GStrv) parts = g_strsplit (arg, "/", -1);
  guint64 total = 0;

  if (g_strv_length (parts) != 3)
    return FALSE;
  for (guint i = 0; i < 3; i++)
    {
      guint64 v;

      if (!g_ascii_string_to_unsigned (parts[i], 10, 0, 1000000, &v, NULL))
        return FALSE;
      split[i] = (guint) v;
      total += v;
    }
  return total > 0;
}

static int
cmd_export (int    argc,
            char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GlossImportReport) report = gloss_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *annotator = NULL;
  g_autofree char *status = NULL;
  g_autofree char *labels = NULL;
  g_autofree char *split = NULL;
  g_autofree char *seed = NULL;
  g_autofree char *misaligned = NULL;
  g_auto(GStrv) label_list = NULL;
  gboolean gold = FALSE, include_partial = FALSE, salvage = FALSE, keep_paths = FALSE;
  const char *description;
  GlossExportOptions options = GLOSS_EXPORT_OPTIONS_INIT;
  GlossFormat *fmt;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      N_("The format (see “gloss-cli formats”)"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The file or folder to write (“-” for the standard output)"), N_("PATH") },
    { "annotator", 'a', 0, G_OPTION_ARG_STRING, &annotator,
      N_("Only this annotator’s annotations"), N_("NAME") },
    { "gold", 0, 0, G_OPTION_ARG_NONE, &gold,
      N_("Only the gold set, of the curated documents only"), NULL },
    { "include-partial", 0, 0, G_OPTION_ARG_NONE, &include_partial,
      N_("With --gold, also the partially curated documents (each named in a warning)"),
      NULL },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status,
      N_("Only documents with this status: new, in-progress or done"), N_("STATUS") },
    { "labels", 0, 0, G_OPTION_ARG_STRING, &labels,
      N_("Only these labels (comma-separated)"), N_("L1,L2") },
    { "split", 0, 0, G_OPTION_ARG_STRING, &split,
      N_("Train/validation/test ratios, e.g. 80/10/10"), N_("T/V/T") },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed, N_("The seed of the split"), N_("N") },
    { "misaligned", 0, 0, G_OPTION_ARG_STRING, &misaligned,
      N_("Token formats: a span that starts or ends inside a token is left out (drop, the "
         "default) or extended to the token’s boundaries (extend); each is reported"),
      N_("drop|extend") },
    { "salvage", 0, 0, G_OPTION_ARG_NONE, &salvage,
      N_("Leave out what cannot be read (damaged rows), reporting each"), NULL },
    { "keep-paths", 0, 0, G_OPTION_ARG_NONE, &keep_paths,
      N_("Write where each imported file was (its full path), not its name only"), NULL },
    { NULL }
  };

  description = _("Export the documents with their annotations and relations. Files are\n"
                  "written beside their destination and renamed into place once all of\n"
                  "them are complete, so an export that fails leaves the previous one as\n"
                  "it was; folder formats (brat, hf…) write a folder. What the format\n"
                  "cannot carry (discontinuous spans, relations, attributes, notes,\n"
                  "overlaps…) is printed as warnings on the standard error; the export\n"
                  "still succeeds.\n"
                  "\n"
                  "The filters (--gold, --annotator, --labels, --status) apply to every\n"
                  "format, Gloss JSONL included: filtered, a Gloss JSONL file holds the\n"
                  "live annotations that pass and the relations between them, without\n"
                  "tombstones. --split applies to the Hugging Face layout (hf) only.\n"
                  "\n"
                  "Token formats (conll, conll2002, conllu, hf) never cut a span that\n"
                  "does not line up with the tokens (“North Korea” of “North Korean”):\n"
                  "it is left out and named in a warning, or with --misaligned extend\n"
                  "it takes every token it touches, also named in a warning.\n"
                  "\n"
                  "--gold exports the gold set of the curated documents, those whose\n"
                  "every unit was accepted or rejected in curation. A document whose\n"
                  "curation never began is skipped, and so is one curated in part unless\n"
                  "--include-partial is given: each skipped document is named in a\n"
                  "warning, then counted (“Skipped 7 documents that are not curated”).\n"
                  "A partially curated document exported is named in a warning too: its\n"
                  "undecided units have no gold annotations.\n"
                  "\n"
                  "A document imported from a file records where the file was; doccano,\n"
                  "Label Studio and spaCy exports write the file’s name only (a path\n"
                  "names the annotator’s folders), unless --keep-paths is given.");
  if (!parse_options ("export", _("PROJECT"), description, entries, &argc, &argv)
      || !check_n_args ("export", argc, 1, 1))
    return 2;
  if (format == NULL)
    {
      gloss_cli_print_error (_("export: missing --format (see “gloss-cli formats”)"));
      return 2;
    }
  fmt = gloss_format_lookup (format);
  if (fmt == NULL || !gloss_format_can_export (fmt))
    {
      gloss_cli_print_error (_("export: unknown format “%s” or one Gloss cannot export "
                               "(see “gloss-cli formats”)"),
                             format);
      return 2;
    }
  if (output == NULL)
    {
      gloss_cli_print_error (_("export: missing -o PATH"));
      return 2;
    }
  if (status != NULL)
    {
      GlossDocumentStatus s;

      if (!gloss_document_status_from_string (status, &s))
        {
          gloss_cli_print_error (_("export: unknown status “%s” (new, in-progress or done)"),
                                 status);
          return 2;
        }
      options.status = s;
    }
  if (labels != NULL)
    {
      label_list = g_strsplit (labels, ",", -1);
      for (guint i = 0; label_list[i]; i++)
        g_strstrip (label_list[i]);
      options.labels = (const char * const *) label_list;
    }
  if (split != NULL && !parse_split (split, options.split))
    {
      gloss_cli_print_error (_("export: --split wants three ratios such as 80/10/10"));
      return 2;
    }
  if (seed != NULL && !g_ascii_string_to_unsigned (seed, 10, 0, G_MAXUINT64, &options.seed, NULL))
    {
      gloss_cli_print_error (_("export: --seed wants a non-negative integer"));
      return 2;
    }
  if (misaligned != NULL && strcmp (misaligned, "drop") == 0)
    options.misaligned = GLOSS_MISALIGNED_DROP;
  else if (misaligned != NULL && strcmp (misaligned, "extend") == 0)
    options.misaligned = GLOSS_MISALIGNED_EXTEND;
  else if (misaligned != NULL)
    {
      gloss_cli_print_error (_("export: --misaligned wants drop or extend"));
      return 2;
    }
  options.annotator = annotator;
  options.gold_only = gold;
  options.include_partial = include_partial;
  options.keep_paths = keep_paths;
  if (!gloss_format_check_export_options (format, &options, &error))
    {
      gloss_cli_print_error (_("export: %s"), error->message);
      return 2;
    }
  if (show_progress () && strcmp (output, "-") != 0)
    {
      options.progress = progress_cb;
      options.progress_data = (gpointer) _("Exporting");
    }

  project = open_project_to_read (argv[1], salvage);
  if (project == NULL)
    return 1;
  set_annotator (project);
  if (!gloss_format_export (project, format, output, &options, report, NULL, &error))
    {
      gloss_cli_print_error ("%s", error->message);
      return 1;
    }
  /* What the format could not carry: warnings, the export succeeded. */
  for (guint i = 0; i < report->problems->len; i++)
    print_problem (g_ptr_array_index (report->problems, i), TRUE);
  return 0;
}

/* ---- validate */

static int
cmd_validate (int    argc,
              char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  guint n_problems = 0;

  if (!parse_options ("validate", _("PROJECT"),
                      _("Check the project: SQLite integrity; triggers or views planted in the\n"
                        "file; each text (UTF-8, no NUL, its SHA-256 and length); annotation\n"
                        "offsets and fragments inside their text and agreeing with each other;\n"
                        "labels and relation types in the schema; attributes readable; relation\n"
                        "ends present and allowed. Prints each problem; the exit status is 1\n"
                        "when there is any. “stats --salvage” and “export --salvage” leave\n"
                        "out what cannot be read."),
                      NULL, &argc, &argv)
      || !check_n_args ("validate", argc, 1, 1))
    return 2;
  project = gloss_cli_open_project (argv[1], FALSE);
  if (project == NULL)
    return 1;
  if (!gloss_project_validate (project, GLOSS_VALIDATE_DEFAULT, print_problem_line, argv[1],
                               &n_problems, &error))
    {
      gloss_cli_print_error ("%s: %s", argv[1], error->message);
      return 1;
    }
  if (n_problems > 0)
    {
      gloss_cli_print_error (ngettext ("%s: %u problem", "%s: %u problems", n_problems), argv[1],
                   n_problems);
      return 1;
    }
  g_print (_("%s: no problems (%u documents)\n"), argv[1],
           g_list_model_get_n_items (gloss_project_get_documents (project)));
  return 0;
}

/* ---- schema */

static gboolean
write_text_file (const char  *path,
                 const char  *text,
                 GError     **error)
{
  if (strcmp (path, "-") == 0)
    {
      if (fputs (text, stdout) == EOF || fflush (stdout) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Cannot write to the standard output: %s"), g_strerror (saved_errno));
          return FALSE;
        }
      return TRUE;
    }
  return g_file_set_contents (path, text, -1, error);
}

/* Labels and relation types in use (by live annotations and relations)
 * that @schema lacks, as "label X (N annotations)" lines. */
static GPtrArray *
missing_in_schema (GlossProject  *project,
                   GlossSchema   *schema,
                   GError       **error)
{
  GlossStore *store = gloss_project_get_store (project);
  g_autoptr(GArray) ids = gloss_store_list_document_ids (store, error);
  g_autoptr(GHashTable) labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *missing;
  GHashTableIter iter;
  gpointer k, v;

  if (ids == NULL)
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(GPtrArray) anns = gloss_store_load_annotations (store, id, FALSE, error);
      g_autoptr(GPtrArray) rels = NULL;

      if (anns == NULL || (rels = gloss_store_load_relations (store, id, FALSE, error)) == NULL)
        return NULL;
      for (guint j = 0; j < anns->len; j++)
        {
          const char *l = gloss_annotation_get_label (g_ptr_array_index (anns, j));
          if (gloss_schema_lookup_label (schema, l) == NULL)
            {
              guint n = GPOINTER_TO_UINT (g_hash_table_lookup (labels, l));
              g_hash_table_replace (labels, g_strdup (l), GUINT_TO_POINTER (n + 1));
            }
        }
      for (guint j = 0; j < rels->len; j++)
        {
          const char *t = gloss_relation_get_relation_type (g_ptr_array_index (rels, j));
          if (gloss_schema_lookup_relation_type (schema, t) == NULL)
            {
              guint n = GPOINTER_TO_UINT (g_hash_table_lookup (types, t));
              g_hash_table_replace (types, g_strdup (t), GUINT_TO_POINTER (n + 1));
            }
        }
    }
  missing = g_ptr_array_new_with_free_func (g_free);
  g_hash_table_iter_init (&iter, labels);
  while (g_hash_table_iter_next (&iter, &k, &v))
    g_ptr_array_add (missing, g_strdup_printf (ngettext ("label “%s” (%u annotation)",
                                                         "label “%s” (%u annotations)",
                                                         GPOINTER_TO_UINT (v)),
                                               (char *) k, GPOINTER_TO_UINT (v)));
  g_hash_table_iter_init (&iter, types);
  while (g_hash_table_iter_next (&iter, &k, &v))
    g_ptr_array_add (missing, g_strdup_printf (ngettext ("relation type “%s” (%u relation)",
                                                         "relation type “%s” (%u relations)",
                                                         GPOINTER_TO_UINT (v)),
                                               (char *) k, GPOINTER_TO_UINT (v)));
  g_ptr_array_sort (missing, compare_strings);
  return missing;
}

static int
cmd_schema (int    argc,
            char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  const char *action;

  if (!parse_options ("schema", _("export|import PROJECT FILE.json"),
                      _("Export the project’s schema as JSON (“-” for the standard output), or\n"
                        "replace it with the schema in FILE.json. An import is refused when a\n"
                        "label or relation type in use is missing from the new schema."),
                      NULL, &argc, &argv)
      || !check_n_args ("schema", argc, 3, 3))
    return 2;
  action = argv[1];
  if (strcmp (action, "export") != 0 && strcmp (action, "import") != 0)
    {
      gloss_cli_print_error (_("schema: unknown action “%s” (export or import)"), action);
      return 2;
    }
  project = gloss_cli_open_project (argv[2], strcmp (action, "import") == 0);
  if (project == NULL)
    return 1;

  if (strcmp (action, "export") == 0)
    {
      g_autofree char *json = gloss_schema_to_json (gloss_project_get_schema (project));

      if (!write_text_file (argv[3], json, &error))
        {
          gloss_cli_print_error ("%s: %s", argv[3], error->message);
          return 1;
        }
      return 0;
    }
  else
    {
      g_autoptr(GlossSchema) schema = gloss_schema_new_from_file (argv[3], &error);
      g_autoptr(GPtrArray) missing = NULL;

      if (schema == NULL)
        {
          gloss_cli_print_error ("%s: %s", argv[3], error->message);
          return 1;
        }
      missing = missing_in_schema (project, schema, &error);
      if (missing == NULL)
        {
          gloss_cli_print_error ("%s: %s", argv[2], error->message);
          return 1;
        }
      if (missing->len > 0)
        {
          for (guint i = 0; i < missing->len; i++)
            gloss_cli_print_error (_("%s: %s is in use but not in the new schema"), argv[3],
                         (char *) g_ptr_array_index (missing, i));
          gloss_cli_print_error (_("schema not replaced"));
          return 1;
        }
      if (!gloss_project_set_schema (project, schema, &error))
        {
          gloss_cli_print_error ("%s: %s", argv[2], error->message);
          return 1;
        }
      return 0;
    }
}

/* ---- formats */

static int
cmd_formats (int    argc,
             char **argv)
{
  GPtrArray *formats;

  if (!parse_options ("formats", "", _("List the formats Gloss can import and export."),
                      NULL, &argc, &argv)
      || !check_n_args ("formats", argc, 0, 0))
    return 2;
  formats = gloss_format_list ();
  for (guint i = 0; i < formats->len; i++)
    {
      GlossFormat *f = g_ptr_array_index (formats, i);
      GlossFormatClass *klass = GLOSS_FORMAT_GET_CLASS (f);
      g_autofree char *exts = klass->extensions
                              ? g_strjoinv (" ", (char **) klass->extensions) : g_strdup ("");

      g_print ("%-14s%-8s%-8s%s%s%s%s\n", gloss_format_get_name (f),
               gloss_format_can_import (f) ? "import" : "",
               gloss_format_can_export (f) ? "export" : "",
               gloss_format_get_display_name (f),
               *exts ? " (" : "", exts, *exts ? ")" : "");
    }
  return 0;
}

/* ---- main */

static const Command commands[] = {
  { "init", cmd_init, N_("Create a new project") },
  { "import", cmd_import, N_("Import articles and annotated files (text, HTML, brat…)") },
  { "list", cmd_list, N_("List the documents of a project") },
  { "stats", cmd_stats, N_("Count documents, annotations and relations") },
  { "export", cmd_export, N_("Export a project (Gloss JSONL, brat…)") },
  { "validate", cmd_validate, N_("Check a project for problems") },
  { "schema", cmd_schema, N_("Export or replace the schema of a project") },
  { "formats", cmd_formats, N_("List the formats Gloss can import and export") },
  { "merge", gloss_cli_merge, N_("Merge other project files into a project") },
  { "agreement", gloss_cli_agreement, N_("Inter-annotator agreement of a project") },
  { "assign", gloss_cli_assign, N_("Assign documents to annotators") },
  { "progress", gloss_cli_progress, N_("Each annotator’s progress, and each document’s") },
  { "suggest", gloss_cli_suggest, N_("Propose entities and claim frames, or accept them") },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n%s\n", _("Usage: gloss-cli COMMAND [OPTION…] PROJECT [ARGUMENT…]"),
           _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s%s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Options:\n"
                            "  -h, --help     Show this help\n"
                            "  --version      Show the version\n"
                            "\n"
                            "Run “gloss-cli COMMAND --help” for the options of a command."));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("gloss-cli");

  if (argc < 2)
    {
      print_usage (stderr);
      return 2;
    }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0
      || strcmp (argv[1], "help") == 0)
    {
      print_usage (stdout);
      return 0;
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      g_print ("gloss-cli %s\n", PACKAGE_VERSION);
      return 0;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      return commands[i].func (argc - 1, argv + 1);

  gloss_cli_print_error (_("unknown command “%s”"), argv[1]);
  g_printerr (_("Run “gloss-cli --help” for the list of commands.\n"));
  return 2;
}
