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

typedef int (*CommandFunc) (int argc, char **argv);

typedef struct
{
  const char  *name;
  CommandFunc  func;
  const char  *summary;
} Command;

static void
print_error (const char *format,
             ...) G_GNUC_PRINTF (1, 2);

static void
print_error (const char *format,
             ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("gloss-cli: %s\n", msg);
}

/* Parses the options of one command; prints the usage error itself. */
static gboolean
parse_options (const char    *command,
               const char    *parameters,
               const char    *summary,
               GOptionEntry  *entries,
               int           *argc,
               char        ***argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameters);
  g_autofree char *prgname = g_strdup_printf ("gloss-cli %s", command);
  g_autoptr(GError) error = NULL;

  g_set_prgname (prgname);
  g_option_context_set_summary (context, summary);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      print_error ("%s", error->message);
      g_printerr (_("Run “gloss-cli %s --help” for usage.\n"), command);
      return FALSE;
    }
  return TRUE;
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
      print_error (_("%s: wrong number of arguments"), command);
      g_printerr (_("Run “gloss-cli %s --help” for usage.\n"), command);
      return FALSE;
    }
  return TRUE;
}

static GlossProject *
open_project (const char *path)
{
  g_autoptr(GError) error = NULL;
  GlossProject *project = gloss_project_open (path, &error);

  /* the store's messages name the file already */
  if (project == NULL)
    print_error ("%s", error->message);
  return project;
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
      print_error ("%s: %s", schema_arg, error->message);
      return 1;
    }
  project = gloss_project_create (argv[1], schema, &error);
  if (project == NULL)
    {
      print_error ("%s", error->message);
      return 1;
    }
  return 0;
}

/* ---- import */

typedef struct
{
  char   *path;
  char   *contents;
  gsize   len;
  gboolean jsonl;
} InputFile;

static void
input_file_free (InputFile *f)
{
  g_free (f->path);
  g_free (f->contents);
  g_free (f);
}

/* NULL when the file is fine, else why not. */
static char *
check_text_file (InputFile *f)
{
  g_autoptr(GError) error = NULL;
  const char *end;

  if (!g_file_get_contents (f->path, &f->contents, &f->len, &error))
    return g_strdup (error->message);
  if (f->jsonl)
    return NULL;
  if (f->len == 0)
    return g_strdup (_("the file is empty"));
  if (memchr (f->contents, '\0', f->len) != NULL)
    {
      const char *nul = memchr (f->contents, '\0', f->len);
      return g_strdup_printf (_("the file contains a NUL byte at byte %" G_GSIZE_FORMAT
                                " (not a text file)"), (gsize) (nul - f->contents));
    }
  if (!g_utf8_validate_len (f->contents, f->len, &end))
    {
      gsize line = 1;

      for (const char *p = f->contents; p < end; p++)
        if (*p == '\n')
          line++;
      return g_strdup_printf (_("invalid UTF-8 at byte %" G_GSIZE_FORMAT " (line %" G_GSIZE_FORMAT
                                ")"), (gsize) (end - f->contents), line);
    }
  return NULL;
}

static char *
document_name_for (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

static char *
text_meta_json (const char *path)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *abs = g_file_get_path (file);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "filename");
  json_builder_add_string_value (builder, base);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "text");
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, abs ? abs : path);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

static gboolean
import_files (GlossProject  *project,
              GPtrArray     *files,
              guint         *n_docs,
              GError       **error)
{
  GlossStore *store = gloss_project_get_store (project);

  if (!gloss_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < files->len; i++)
    {
      InputFile *f = g_ptr_array_index (files, i);

      if (f->jsonl)
        {
          g_autoptr(GInputStream) in = g_memory_input_stream_new_from_data (f->contents, f->len,
                                                                            NULL);
          GlossJsonlImportReport report = { 0 };

          if (!gloss_jsonl_import (project, in, f->path, &report, NULL, error))
            {
              gloss_store_rollback (store);
              return FALSE;
            }
          *n_docs += report.n_documents;
        }
      else
        {
          g_autofree char *name = document_name_for (f->path);
          g_autofree char *unique = gloss_store_dup_unique_name (store, name);
          g_autofree char *meta = text_meta_json (f->path);
          const char *text = f->contents;
          gsize len = f->len;

          if (len >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
            {
              text += 3;
              len -= 3;
            }
          if (gloss_store_insert_document (store, NULL, unique, text, len, meta, NULL, 0,
                                           error) == 0)
            {
              g_prefix_error (error, "%s: ", f->path);
              gloss_store_rollback (store);
              return FALSE;
            }
          (*n_docs)++;
        }
    }
  if (!gloss_store_commit (store, error))
    return FALSE;
  return gloss_project_reload_documents (project, error);
}

static int
cmd_import (int    argc,
            char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) input_file_free);
  g_autoptr(GError) error = NULL;
  guint n_bad = 0;
  guint n_docs = 0;

  if (!parse_options ("import", _("PROJECT FILE…"),
                      _("Import plain UTF-8 text files (one document each, named after the file)\n"
                        "and Gloss JSONL files (*.jsonl). Every file is checked first; when one\n"
                        "is refused nothing is imported."),
                      NULL, &argc, &argv)
      || !check_n_args ("import", argc, 2, -1))
    return 2;

  for (int i = 2; i < argc; i++)
    {
      InputFile *f = g_new0 (InputFile, 1);
      g_autofree char *why = NULL;

      f->path = g_strdup (argv[i]);
      f->jsonl = g_str_has_suffix (argv[i], ".jsonl");
      g_ptr_array_add (files, f);
      why = check_text_file (f);
      if (why != NULL)
        {
          print_error ("%s: %s", f->path, why);
          n_bad++;
        }
    }
  if (n_bad > 0)
    {
      print_error (ngettext ("%u file refused, nothing imported",
                             "%u files refused, nothing imported", n_bad), n_bad);
      return 1;
    }

  project = open_project (argv[1]);
  if (project == NULL)
    return 1;
  if (!import_files (project, files, &n_docs, &error))
    {
      print_error ("%s", error->message);
      print_error ("%s", _("nothing imported"));
      return 1;
    }
  g_print (ngettext ("Imported %u document\n", "Imported %u documents\n", n_docs), n_docs);
  return 0;
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
  project = open_project (argv[1]);
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
  gboolean json = FALSE;
  guint n_anns = 0, n_rels = 0;
  GlossStore *store;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON object"), NULL },
    { NULL }
  };

  if (!parse_options ("stats", _("PROJECT"),
                      _("Count the documents, the annotations per label and per annotator and\n"
                        "the relations per type (deleted ones are not counted)."),
                      entries, &argc, &argv)
      || !check_n_args ("stats", argc, 1, 1))
    return 2;
  project = open_project (argv[1]);
  if (project == NULL)
    return 1;
  store = gloss_project_get_store (project);
  ids = gloss_store_list_document_ids (store, &error);
  if (ids == NULL)
    {
      print_error ("%s: %s", argv[1], error->message);
      return 1;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(GPtrArray) anns = gloss_store_load_annotations (store, id, FALSE, &error);
      g_autoptr(GPtrArray) rels = NULL;

      if (anns == NULL)
        {
          print_error ("%s: %s", argv[1], error->message);
          return 1;
        }
      rels = gloss_store_load_relations (store, id, FALSE, &error);
      if (rels == NULL)
        {
          print_error ("%s: %s", argv[1], error->message);
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
export_to_file (GlossProject  *project,
                const char    *path,
                GError       **error)
{
  g_autofree char *tmp = g_strdup_printf ("%s.XXXXXX", path);
  g_autoptr(GOutputStream) out = NULL;
  gboolean ok;
  int fd;

  fd = g_mkstemp_full (tmp, O_WRONLY | O_CREAT | O_EXCL, 0666);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot create a temporary file beside %s: %s"), path, g_strerror (saved));
      return FALSE;
    }
  out = g_unix_output_stream_new (fd, TRUE);
  ok = gloss_jsonl_export (project, out, NULL, error);
  if (ok && fsync (fd) != 0 && errno != EINVAL)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s", g_strerror (saved));
      ok = FALSE;
    }
  if (ok)
    ok = g_output_stream_close (out, NULL, error);
  if (ok && g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot rename %s to %s: %s"), tmp, path, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    {
      g_output_stream_close (out, NULL, NULL);
      g_unlink (tmp);
    }
  return ok;
}

static int
cmd_export (int    argc,
            char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("The format (jsonl)"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The file to write (“-” for the standard output)"), N_("FILE") },
    { NULL }
  };

  if (!parse_options ("export", _("PROJECT"),
                      _("Export every document with its annotations and relations. The file is\n"
                        "written beside its destination and renamed into place when complete."),
                      entries, &argc, &argv)
      || !check_n_args ("export", argc, 1, 1))
    return 2;
  if (format == NULL || strcmp (format, "jsonl") != 0)
    {
      print_error (_("export: unknown or missing --format (supported: jsonl)"));
      return 2;
    }
  if (output == NULL)
    {
      print_error (_("export: missing -o FILE"));
      return 2;
    }
  project = open_project (argv[1]);
  if (project == NULL)
    return 1;

  if (strcmp (output, "-") == 0)
    {
      g_autoptr(GOutputStream) out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);

      if (!gloss_jsonl_export (project, out, NULL, &error))
        {
          print_error ("%s", error->message);
          return 1;
        }
      return 0;
    }
  if (!export_to_file (project, output, &error))
    {
      print_error ("%s: %s", output, error->message);
      return 1;
    }
  return 0;
}

/* ---- validate */

static int
cmd_validate (int    argc,
              char **argv)
{
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  GlossSchema *schema;
  GlossStore *store;
  guint n_problems = 0;

  if (!parse_options ("validate", _("PROJECT"),
                      _("Check the project: SQLite integrity, annotation fragments inside their\n"
                        "text, labels and relation types in the schema, relation ends present and\n"
                        "allowed. Prints each problem; the exit status is 1 when there is any."),
                      NULL, &argc, &argv)
      || !check_n_args ("validate", argc, 1, 1))
    return 2;
  project = open_project (argv[1]);
  if (project == NULL)
    return 1;
  store = gloss_project_get_store (project);
  schema = gloss_project_get_schema (project);

  if (!gloss_store_check_integrity (store, &error))
    {
      g_print ("%s: %s\n", argv[1], error->message);
      g_clear_error (&error);
      n_problems++;
    }
  ids = gloss_store_list_document_ids (store, &error);
  if (ids == NULL)
    {
      print_error ("%s: %s", argv[1], error->message);
      return 1;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(GlossDocument) doc = gloss_store_load_document (store, id, &error);
      g_autoptr(GPtrArray) anns = NULL;
      g_autoptr(GPtrArray) rels = NULL;
      g_autoptr(GHashTable) by_uuid = NULL;
      const char *name;
      guint length;

      if (doc == NULL
          || (anns = gloss_store_load_annotations (store, id, TRUE, &error)) == NULL
          || (rels = gloss_store_load_relations (store, id, FALSE, &error)) == NULL)
        {
          g_print ("%s: %s\n", argv[1], error->message);
          g_clear_error (&error);
          n_problems++;
          continue;
        }
      name = gloss_document_get_name (doc);
      length = gloss_document_get_length (doc);
      by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint j = 0; j < anns->len; j++)
        {
          GlossAnnotation *a = g_ptr_array_index (anns, j);
          const char *uuid = gloss_annotation_get_uuid (a);
          const GlossFragment *frags;
          guint n_frags;

          g_hash_table_insert (by_uuid, (gpointer) uuid, a);
          frags = gloss_annotation_get_fragments (a, &n_frags);
          if (n_frags == 0)
            {
              g_print (_("%s: annotation %s has no fragment\n"), name, uuid);
              n_problems++;
            }
          for (guint k = 0; k < n_frags; k++)
            if (frags[k].start >= frags[k].end || frags[k].end > length)
              {
                g_print (_("%s: annotation %s: fragment %u–%u outside the text (length %u)\n"),
                         name, uuid, frags[k].start, frags[k].end, length);
                n_problems++;
              }
          if (!gloss_annotation_get_deleted (a)
              && gloss_schema_lookup_label (schema, gloss_annotation_get_label (a)) == NULL)
            {
              g_print (_("%s: annotation %s: label “%s” is not in the schema\n"),
                       name, uuid, gloss_annotation_get_label (a));
              n_problems++;
            }
        }
      for (guint j = 0; j < rels->len; j++)
        {
          GlossRelation *r = g_ptr_array_index (rels, j);
          GlossAnnotation *s = g_hash_table_lookup (by_uuid, gloss_relation_get_source (r));
          GlossAnnotation *t = g_hash_table_lookup (by_uuid, gloss_relation_get_target (r));
          const char *uuid = gloss_relation_get_uuid (r);

          if (s == NULL || gloss_annotation_get_deleted (s))
            {
              g_print (_("%s: relation %s: source %s is missing or deleted\n"),
                       name, uuid, gloss_relation_get_source (r));
              n_problems++;
            }
          if (t == NULL || gloss_annotation_get_deleted (t))
            {
              g_print (_("%s: relation %s: target %s is missing or deleted\n"),
                       name, uuid, gloss_relation_get_target (r));
              n_problems++;
            }
          if (s != NULL && t != NULL
              && !gloss_schema_check_relation (schema, gloss_relation_get_relation_type (r),
                                               gloss_annotation_get_label (s),
                                               gloss_annotation_get_label (t), &error))
            {
              g_print (_("%s: relation %s: %s\n"), name, uuid, error->message);
              g_clear_error (&error);
              n_problems++;
            }
        }
    }

  if (n_problems > 0)
    {
      print_error (ngettext ("%s: %u problem", "%s: %u problems", n_problems), argv[1],
                   n_problems);
      return 1;
    }
  g_print (_("%s: no problems (%u documents)\n"), argv[1], ids->len);
  return 0;
}

/* ---- main */

static const Command commands[] = {
  { "init", cmd_init, N_("Create a new project") },
  { "import", cmd_import, N_("Import text files and Gloss JSONL files") },
  { "list", cmd_list, N_("List the documents of a project") },
  { "stats", cmd_stats, N_("Count documents, annotations and relations") },
  { "export", cmd_export, N_("Export a project as Gloss JSONL") },
  { "validate", cmd_validate, N_("Check a project for problems") },
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

  print_error (_("unknown command “%s”"), argv[1]);
  g_printerr (_("Run “gloss-cli --help” for the list of commands.\n"));
  return 2;
}
