/* json-formats-test-util.h: helpers for the doccano, spaCy and Label Studio units
 * (header only)
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "gloss.h"
#include "gloss-format-util.h"

/* A fresh file path inside the per-test isolated directory. */
static inline char *
jf_path (const char *name)
{
  const char *dir = g_get_user_data_dir ();

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, name, NULL);
}

static inline GlossProject *
jf_new_project (void)
{
  static guint counter;
  g_autofree char *name = g_strdup_printf ("project-%u.gloss", ++counter);
  g_autofree char *path = jf_path (name);
  g_autoptr(GError) error = NULL;
  GlossProject *project;

  g_unlink (path);
  project = gloss_project_create (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (project);
  return project;
}

/* $GLOSS_CORPORA_DIR/@sub when it exists, else NULL (the caller skips). */
static inline char *
jf_corpus_dir (const char *sub)
{
  const char *dir = g_getenv ("GLOSS_CORPORA_DIR");
  char *path;

  if (dir == NULL)
    return NULL;
  path = g_build_filename (dir, sub, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_free (path);
      return NULL;
    }
  return path;
}

static inline GPtrArray *
jf_list_files (const char         *dir,
               const char * const *extensions)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *files = gloss_format_list_files (dir, extensions, &error);

  g_assert_no_error (error);
  return files;
}

static inline gboolean
jf_import (GlossProject       *project,
           const char         *format,
           const char         *path,
           gboolean            skip_bad,
           GlossImportReport  *report,
           GError            **error)
{
  GlossImportOptions options = GLOSS_IMPORT_OPTIONS_INIT;
  const char *paths[] = { path, NULL };

  options.format = format;
  options.skip_bad = skip_bad;
  return gloss_format_import (project, paths, &options, report, NULL, error);
}

static inline void
jf_export (GlossProject *project,
           const char   *format,
           const char   *path)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_format_export (project, format, path, NULL, NULL, &error));
  g_assert_no_error (error);
}

static inline char *
jf_write_fixture (const char *name,
                  const char *contents,
                  gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = jf_path (name);

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

static inline guint
jf_n_documents (GlossProject *project)
{
  return g_list_model_get_n_items (gloss_project_get_documents (project));
}

static inline GlossDocument *
jf_document (GlossProject *project,
             guint         i)
{
  GlossDocument *doc = g_list_model_get_item (gloss_project_get_documents (project), i);

  g_object_unref (doc);  /* the model keeps it */
  return doc;
}

/* What must not change when an import fails: the document count and the
 * schema. */
static inline char *
jf_state (GlossProject *project)
{
  g_autofree char *schema = gloss_store_dup_schema_json (gloss_project_get_store (project));

  return g_strdup_printf ("%u documents\n%s", gloss_store_count_documents (
                            gloss_project_get_store (project)), schema);
}

static inline int
jf_compare_strings (gconstpointer a,
                    gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static inline char *
jf_join_sorted (GPtrArray *lines)
{
  GString *s = g_string_new (NULL);

  g_ptr_array_sort (lines, jf_compare_strings);
  for (guint i = 0; i < lines->len; i++)
    {
      g_string_append (s, g_ptr_array_index (lines, i));
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}

static inline char *
jf_annotation_key (GlossAnnotation *a,
                   gboolean         with_annotator)
{
  GString *l = g_string_new (gloss_annotation_get_label (a));
  const GlossFragment *f;
  guint n;

  f = gloss_annotation_get_fragments (a, &n);
  for (guint k = 0; k < n; k++)
    g_string_append_printf (l, "%c%u-%u", k == 0 ? ' ' : ',', f[k].start, f[k].end);
  if (with_annotator)
    g_string_append_printf (l, " @%s", gloss_annotation_get_annotator (a));
  return g_string_free (l, FALSE);
}

/* Every annotation and relation of the project, one line each, keyed by the
 * document's text hash (names and identifiers may differ), sorted. */
static inline char *
jf_signature (GlossProject *project,
              gboolean      with_annotator)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GlossStore *store = gloss_project_get_store (project);

  for (guint i = 0; i < jf_n_documents (project); i++)
    {
      GlossDocument *doc = jf_document (project, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) anns = gloss_store_load_annotations (store, gloss_document_get_id (doc),
                                                                FALSE, &error);
      g_autoptr(GPtrArray) rels = NULL;
      g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
      const char *sha = gloss_document_get_sha256 (doc);

      g_assert_no_error (error);
      rels = gloss_store_load_relations (store, gloss_document_get_id (doc), FALSE, &error);
      g_assert_no_error (error);
      g_ptr_array_add (lines, g_strdup_printf ("%.12s document", sha));
      for (guint k = 0; k < anns->len; k++)
        {
          GlossAnnotation *a = g_ptr_array_index (anns, k);
          char *key = jf_annotation_key (a, with_annotator);

          g_hash_table_insert (keys, (gpointer) gloss_annotation_get_uuid (a), key);
          g_ptr_array_add (lines, g_strdup_printf ("%.12s %s", sha, key));
        }
      for (guint k = 0; k < rels->len; k++)
        {
          GlossRelation *r = g_ptr_array_index (rels, k);

          g_ptr_array_add (lines, g_strdup_printf (
                             "%.12s relation %s (%s) -> (%s)%s%s", sha,
                             gloss_relation_get_relation_type (r),
                             (char *) g_hash_table_lookup (keys, gloss_relation_get_source (r)),
                             (char *) g_hash_table_lookup (keys, gloss_relation_get_target (r)),
                             with_annotator ? " @" : "",
                             with_annotator ? gloss_relation_get_annotator (r) : ""));
        }
    }
  return jf_join_sorted (lines);
}

static inline guint
jf_count_lines (const char *signature,
                const char *word)
{
  guint n = 0;
  g_auto(GStrv) lines = g_strsplit (signature, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], word) != NULL)
      n++;
  return n;
}

/* Reads a JSON Lines file, a JSON array or one JSON object into a list of
 * records (JsonNode). */
static inline GPtrArray *
jf_read_records (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *p;
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  p = contents;
  while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
    p++;
  if (*p == '[' || (*p == '{' && strchr (p, '\n') != NULL && p[1] == '\n'))
    {
      JsonNode *root;

      json_parser_load_from_data (parser, contents, len, &error);
      g_assert_no_error (error);
      root = json_parser_get_root (parser);
      if (JSON_NODE_HOLDS_ARRAY (root))
        {
          JsonArray *a = json_node_get_array (root);
          for (guint i = 0; i < json_array_get_length (a); i++)
            g_ptr_array_add (records, json_node_copy (json_array_get_element (a, i)));
        }
      else
        g_ptr_array_add (records, json_node_copy (root));
      return records;
    }
  {
    g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);

    for (guint i = 0; lines[i] != NULL; i++)
      {
        if (*g_strstrip (lines[i]) == '\0')
          continue;
        json_parser_load_from_data (parser, lines[i], -1, &error);
        g_assert_no_error (error);
        g_ptr_array_add (records, json_node_copy (json_parser_get_root (parser)));
      }
  }
  return records;
}

/* A member as a string key: strings as they are, integers printed. */
static inline char *
jf_key (JsonObject *o,
        const char *member)
{
  JsonNode *n = json_object_get_member (o, member);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n))
    return g_strdup ("");
  if (json_node_get_value_type (n) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (n));
  return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (n));
}
