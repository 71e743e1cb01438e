/* test-hf.c: Hugging Face datasets export
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "token-formats-test-util.h"

static const char * const files[] = {
  "train.jsonl", "validation.jsonl", "test.jsonl", "label_names.json", "README.md"
};

static GlossProject *
samples_project (void)
{
  GlossProject *project = ft_new_project ();
  g_autofree char *samples = g_build_filename (g_getenv ("GLOSS_SOURCE_DIR"), "data", "samples",
                                               "samples.jsonl", NULL);
  const char *paths[] = { samples, NULL };
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_format_import (project, paths, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ft_n_documents (project), ==, 3);
  return project;
}

static char *
export (GlossProject *project,
        const char   *name,
        guint64       seed,
        gboolean      split)
{
  GlossExportOptions options = GLOSS_EXPORT_OPTIONS_INIT;
  char *dir = ft_path (name);
  g_autoptr(GError) error = NULL;

  if (split)
    {
      options.split[0] = 80;
      options.split[1] = 10;
      options.split[2] = 10;
    }
  options.seed = seed;
  g_assert_true (gloss_format_export (project, "hf", dir, &options, NULL, NULL, &error));
  g_assert_no_error (error);
  return dir;
}

static char *
read_in (const char *dir,
         const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  return tf_read (path);
}

/* "doc-name -> split" for every document with sentences in the export. */
static char *
split_signature (const char *dir)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint k = 0; k < 3; k++)
    {
      g_autofree char *data = read_in (dir, files[k]);
      g_auto(GStrv) lines = g_strsplit (data, "\n", -1);
      g_autofree char *last = NULL;

      for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
        {
          g_autoptr(JsonNode) node = json_from_string (lines[i], NULL);
          const char *id = json_object_get_string_member (json_node_get_object (node), "id");
          g_autofree char *doc = g_strndup (id, strrchr (id, ':') - id);
          if (g_strcmp0 (doc, last) != 0)
            g_string_append_printf (s, "%s=%s;", doc, files[k]);
          g_free (last);
          last = g_steal_pointer (&doc);
        }
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
test_determinism (void)
{
  g_autoptr(GlossProject) project = samples_project ();
  g_autofree char *a = export (project, "a", 7, TRUE);
  g_autofree char *b = export (project, "b", 7, TRUE);
  g_autofree char *sig_a = split_signature (a);
  gboolean differs = FALSE;

  /* Same seed, same bytes. */
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *x = read_in (a, files[i]);
      g_autofree char *y = read_in (b, files[i]);
      g_assert_cmpstr (x, ==, y);
    }
  g_test_message ("seed 7: %s", sig_a);

  /* Another seed moves some document to another split. */
  for (guint64 seed = 8; seed < 40 && !differs; seed++)
    {
      g_autofree char *name = g_strdup_printf ("seed-%" G_GUINT64_FORMAT, seed);
      g_autofree char *c = export (project, name, seed, TRUE);
      g_autofree char *sig_c = split_signature (c);
      if (g_strcmp0 (sig_a, sig_c) != 0)
        {
          g_test_message ("seed %" G_GUINT64_FORMAT ": %s", seed, sig_c);
          differs = TRUE;
        }
    }
  g_assert_true (differs);

  /* No split: everything in train, the others empty. */
  {
    g_autofree char *d = export (project, "nosplit", 0, FALSE);
    g_autofree char *v = read_in (d, "validation.jsonl");
    g_autofree char *t = read_in (d, "test.jsonl");
    g_autofree char *sig = split_signature (d);
    g_assert_cmpstr (v, ==, "");
    g_assert_cmpstr (t, ==, "");
    g_assert_cmpstr (sig, ==, "defector-cyber-unit=train.jsonl;spy-network-abroad=train.jsonl;"
                              "tech-workers-abroad=train.jsonl;");
  }
}

static void
test_tags (void)
{
  g_autoptr(GlossProject) project = samples_project ();
  g_autofree char *dir = export (project, "tags", 3, TRUE);
  g_autofree char *names_json = read_in (dir, "label_names.json");
  g_autoptr(JsonNode) names_node = json_from_string (names_json, NULL);
  JsonArray *names = json_node_get_array (names_node);
  const char *expected_labels[] = {
    "PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "DATE", "MONEY", "QUANTITY", "EVENT", "SOURCE"
  };
  guint n_entities = 0, n_sentences = 0;
  gboolean saw_karsovia = FALSE;
  g_autofree char *card = read_in (dir, "README.md");

  /* "O", then B-/I- per entity label in schema order. */
  g_assert_cmpuint (json_array_get_length (names), ==, 1 + 2 * G_N_ELEMENTS (expected_labels));
  g_assert_cmpstr (json_array_get_string_element (names, 0), ==, "O");
  for (guint i = 0; i < G_N_ELEMENTS (expected_labels); i++)
    {
      g_autofree char *b = g_strdup_printf ("B-%s", expected_labels[i]);
      g_autofree char *in = g_strdup_printf ("I-%s", expected_labels[i]);
      g_assert_cmpstr (json_array_get_string_element (names, 1 + 2 * i), ==, b);
      g_assert_cmpstr (json_array_get_string_element (names, 2 + 2 * i), ==, in);
    }

  for (guint k = 0; k < 3; k++)
    {
      g_autofree char *data = read_in (dir, files[k]);
      g_auto(GStrv) lines = g_strsplit (data, "\n", -1);

      for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(JsonNode) node = json_from_string (lines[i], &error);
          JsonObject *o;
          JsonArray *tokens, *tags;
          const char *prev = "O";

          g_assert_no_error (error);
          o = json_node_get_object (node);
          tokens = json_object_get_array_member (o, "tokens");
          tags = json_object_get_array_member (o, "ner_tags");
          g_assert_cmpuint (json_array_get_length (tokens), >, 0);
          g_assert_cmpuint (json_array_get_length (tokens), ==, json_array_get_length (tags));
          n_sentences++;
          for (guint t = 0; t < json_array_get_length (tags); t++)
            {
              gint64 id = json_array_get_int_element (tags, t);
              const char *name;
              g_assert_cmpint (id, >=, 0);
              g_assert_cmpint (id, <, json_array_get_length (names));
              name = json_array_get_string_element (names, id);
              /* Valid IOB2: I-X only after B-X or I-X. */
              if (name[0] == 'I')
                g_assert_cmpstr (prev + (prev[0] == 'O' ? 0 : 2), ==, name + 2);
              if (name[0] == 'B')
                n_entities++;
              if (g_str_equal (json_array_get_string_element (tokens, t), "Karsovia") &&
                  g_str_equal (name, "B-GPE"))
                saw_karsovia = TRUE;
              prev = name;
            }
        }
    }
  g_test_message ("%u sentences, %u entities", n_sentences, n_entities);
  g_assert_true (saw_karsovia);
  /* 194 entity annotations in the samples; nested ones cannot be IOB. */
  g_assert_cmpuint (n_entities, >, 150);
  g_assert_cmpuint (n_entities, <=, 194);

  g_assert_true (g_str_has_prefix (card, "---\nlicense: other"));
  g_assert_nonnull (strstr (card, "seed: 3"));
  g_assert_nonnull (strstr (card, "80/10/10"));
  g_assert_nonnull (strstr (card, "| GPE |"));
  g_assert_nonnull (strstr (card, "## Licence"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/formats/hf/determinism", test_determinism);
  g_test_add_func ("/core/formats/hf/tags", test_tags);

  return g_test_run ();
}
