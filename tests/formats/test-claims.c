/* test-claims.c: the claims dataset export
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "token-formats-test-util.h"

static char *
samples_path (void)
{
  return g_build_filename (g_getenv ("GLOSS_SOURCE_DIR"), "data", "samples", "samples.jsonl",
                           NULL);
}

/* What the samples file says about each claim: uuid -> "source|cue|attrs". */
static GHashTable *
expected_claims (void)
{
  g_autofree char *path = samples_path ();
  g_autofree char *data = tf_read (path);
  g_auto(GStrv) lines = g_strsplit (data, "\n", -1);
  GHashTable *claims = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_autoptr(JsonNode) node = json_from_string (lines[i], NULL);
      JsonObject *doc = json_node_get_object (node);
      JsonArray *anns = json_object_get_array_member (doc, "annotations");
      JsonArray *rels = json_object_get_array_member (doc, "relations");
      g_autoptr(GHashTable) by_uuid = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint k = 0; k < json_array_get_length (anns); k++)
        {
          JsonObject *a = json_array_get_object_element (anns, k);
          g_hash_table_insert (by_uuid, (gpointer) json_object_get_string_member (a, "uuid"), a);
        }
      for (guint k = 0; k < json_array_get_length (anns); k++)
        {
          JsonObject *a = json_array_get_object_element (anns, k);
          const char *uuid = json_object_get_string_member (a, "uuid");
          JsonObject *attrs = json_object_get_object_member (a, "attributes");
          JsonObject *source = NULL, *cue = NULL;
          GString *s;

          if (!g_str_equal (json_object_get_string_member (a, "label"), "CLAIM"))
            continue;
          for (guint r = 0; r < json_array_get_length (rels); r++)
            {
              JsonObject *rel = json_array_get_object_element (rels, r);
              const char *type = json_object_get_string_member (rel, "type");
              JsonObject *target = g_hash_table_lookup (by_uuid,
                                                        json_object_get_string_member (rel,
                                                                                       "target"));
              if (!g_str_equal (json_object_get_string_member (rel, "source"), uuid))
                continue;
              if (g_str_equal (type, "attributed-to") && source == NULL)
                source = target;
              if (g_str_equal (type, "cue") && cue == NULL)
                cue = target;
            }
          s = g_string_new (NULL);
          if (source != NULL)
            g_string_append_printf (s, "%s/%s/%s", json_object_get_string_member (source, "text"),
                                    json_object_get_string_member (source, "label"),
                                    json_object_get_string_member (source, "uuid"));
          else
            g_string_append (s, "null");
          g_string_append_c (s, '|');
          if (cue != NULL)
            g_string_append_printf (s, "%s/%s", json_object_get_string_member (cue, "text"),
                                    json_object_get_string_member (cue, "uuid"));
          else
            g_string_append (s, "null");
          g_string_append_printf (s, "|%s/%s/%s",
                                  json_object_get_string_member_with_default (attrs, "certainty",
                                                                              "null"),
                                  json_object_get_string_member_with_default (attrs, "status",
                                                                              "null"),
                                  json_object_get_boolean_member_with_default (attrs,
                                                                               "checkworthy",
                                                                               FALSE)
                                  ? "true" : "false");
          g_hash_table_insert (claims, g_strdup (uuid), g_string_free (s, FALSE));
        }
    }
  return claims;
}

static void
test_samples (void)
{
  g_autoptr(GlossProject) project = ft_new_project ();
  g_autofree char *samples = samples_path ();
  const char *paths[] = { samples, NULL };
  g_autofree char *out = ft_path ("claims.jsonl");
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) expected = expected_claims ();
  g_autofree char *data = NULL;
  g_auto(GStrv) lines = NULL;
  guint n = 0, n_with_source = 0, n_with_cue = 0;

  g_assert_true (gloss_format_import (project, paths, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_format_export (project, "claims", out, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (expected), ==, 36);

  data = tf_read (out);
  lines = g_strsplit (data, "\n", -1);
  for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_autoptr(JsonNode) node = json_from_string (lines[i], &error);
      JsonObject *o, *source, *cue;
      JsonArray *frags;
      const char *claim_id, *sentence, *text;
      GString *got = g_string_new (NULL);
      g_autofree char *got_str = NULL;
      g_autofree char *doc_text = NULL;
      GlossDocument *doc;
      JsonArray *span;

      g_assert_no_error (error);
      o = json_node_get_object (node);
      claim_id = json_object_get_string_member (o, "claim_id");
      source = json_object_get_null_member (o, "source") ? NULL :
               json_object_get_object_member (o, "source");
      cue = json_object_get_null_member (o, "cue") ? NULL
                                                    : json_object_get_object_member (o, "cue");
      if (source != NULL)
        {
          g_string_append_printf (got, "%s/%s/%s", json_object_get_string_member (source, "text"),
                                  json_object_get_string_member (source, "label"),
                                  json_object_get_string_member (source, "id"));
          n_with_source++;
        }
      else
        g_string_append (got, "null");
      g_string_append_c (got, '|');
      if (cue != NULL)
        {
          g_string_append_printf (got, "%s/%s", json_object_get_string_member (cue, "text"),
                                  json_object_get_string_member (cue, "id"));
          n_with_cue++;
        }
      else
        g_string_append (got, "null");
      g_string_append_printf (got, "|%s/%s/%s",
                              json_object_get_string_member (o, "certainty"),
                              json_object_get_string_member (o, "status"),
                              json_object_get_boolean_member (o, "checkworthy") ? "true"
                                                                                 : "false");
      got_str = g_string_free (got, FALSE);
      g_assert_cmpstr (got_str, ==, g_hash_table_lookup (expected, claim_id));

      /* The sentence context covers the claim's fragments and is the
       * document's text there. */
      doc = gloss_project_find_document (project, json_object_get_string_member (o, "document"));
      g_assert_nonnull (doc);
      g_assert_cmpstr (json_object_get_string_member (o, "document_id"), ==,
                       gloss_document_get_uuid (doc));
      frags = json_object_get_array_member (o, "fragments");
      span = json_object_get_array_member (o, "sentence_span");
      sentence = json_object_get_string_member (o, "sentence");
      text = gloss_document_get_text (doc);
      g_assert_cmpint (json_array_get_int_element (span, 0), <=,
                       json_array_get_int_element (json_array_get_array_element (frags, 0), 0));
      g_assert_cmpint (json_array_get_int_element (span, 1), >=,
                       json_array_get_int_element (json_array_get_array_element (
                         frags, json_array_get_length (frags) - 1), 1));
      {
        const char *a = g_utf8_offset_to_pointer (text, json_array_get_int_element (span, 0));
        const char *b = g_utf8_offset_to_pointer (text, json_array_get_int_element (span, 1));
        doc_text = g_strndup (a, b - a);
      }
      g_assert_cmpstr (sentence, ==, doc_text);
      for (guint k = 0; k < json_array_get_length (frags); k++)
        {
          JsonArray *f = json_array_get_array_element (frags, k);
          const char *a = g_utf8_offset_to_pointer (text, json_array_get_int_element (f, 0));
          const char *b = g_utf8_offset_to_pointer (text, json_array_get_int_element (f, 1));
          g_autofree char *piece = g_strndup (a, b - a);
          g_assert_nonnull (strstr (sentence, piece));
        }
      /* A sentence, not the whole article. */
      g_assert_null (strstr (sentence, "\n\n"));
      n++;
    }
  g_test_message ("%u claims, %u with a source, %u with a cue", n, n_with_source, n_with_cue);
  g_assert_cmpuint (n, ==, 36);

  /* One in full: the first claim of the defector story. */
  {
    g_autoptr(JsonNode) node = json_from_string (lines[0], NULL);
    JsonObject *o = json_node_get_object (node);
    g_assert_cmpstr (json_object_get_string_member (o, "document"), ==, "defector-cyber-unit");
    g_assert_cmpstr (json_object_get_string_member (o, "text"), ==,
                     "the unit stole more than 300 million dollars in cryptocurrency from "
                     "exchanges in Asia and Europe");
    g_assert_true (g_str_has_prefix (json_object_get_string_member (o, "sentence"),
                                     "SEOUL, Nov. 20 (Meridian) -- A former officer"));
    g_assert_true (g_str_has_suffix (json_object_get_string_member (o, "sentence"),
                                     "missile programme."));
  }
}

/* A label filter that drops the sources gives null sources. */
static void
test_filtered (void)
{
  g_autoptr(GlossProject) project = ft_new_project ();
  g_autofree char *samples = samples_path ();
  const char *paths[] = { samples, NULL };
  g_autofree char *out = ft_path ("claims.jsonl");
  g_autoptr(GError) error = NULL;
  GlossExportOptions options = GLOSS_EXPORT_OPTIONS_INIT;
  const char *labels[] = { "CLAIM", "CUE", NULL };
  g_autofree char *data = NULL;

  g_assert_true (gloss_format_import (project, paths, NULL, NULL, NULL, &error));
  options.labels = labels;
  g_assert_true (gloss_format_export (project, "claims", out, &options, NULL, NULL, &error));
  g_assert_no_error (error);
  data = tf_read (out);
  g_assert_null (strstr (data, "\"source\":{"));
  g_assert_nonnull (strstr (data, "\"source\":null"));
  g_assert_nonnull (strstr (data, "\"cue\":{"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/formats/claims/samples", test_samples);
  g_test_add_func ("/core/formats/claims/filtered", test_filtered);

  return g_test_run ();
}
