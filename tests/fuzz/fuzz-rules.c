/* fuzz-rules.c: libFuzzer target for the rules suggester (and the gazetteer) on any text
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"
#include "gloss-suggester-gazetteer.h"
#include "gloss-suggester-rules.h"

/* The rules look ahead and behind over tokens, quotes and sentences: any
 * valid UTF-8 text must give suggestions inside it, with frames that name
 * suggestions of the same run, and never read past an end. The gazetteer
 * runs over the same text with a few entries. */
static void
check (GlossSuggestInput *input,
       GPtrArray         *suggestions)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < suggestions->len; i++)
    g_hash_table_add (ids, (gpointer) gloss_suggestion_get_id (g_ptr_array_index (suggestions,
                                                                                   i)));
  for (guint i = 0; i < suggestions->len; i++)
    {
      GlossSuggestion *s = g_ptr_array_index (suggestions, i);
      const GlossFragment *f;
      const char *refs[2] = { gloss_suggestion_get_source (s), gloss_suggestion_get_cue (s) };
      guint n;

      f = gloss_suggestion_get_fragments (s, &n);
      g_assert_cmpuint (n, >, 0);
      for (guint j = 0; j < n; j++)
        {
          g_assert_cmpuint (f[j].start, <, f[j].end);
          g_assert_cmpuint (f[j].end, <=, input->length);
        }
      g_assert_nonnull (gloss_schema_lookup_label (input->schema, gloss_suggestion_get_label (s)));
      g_assert_cmpfloat (gloss_suggestion_get_score (s), >=, 0);
      g_assert_cmpfloat (gloss_suggestion_get_score (s), <=, 1);
      for (guint r = 0; r < 2; r++)
        if (gloss_suggestion_is_id (refs[r]))
          g_assert_true (g_hash_table_contains (ids, refs[r]));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static GlossSchema *schema;
  g_autofree char *text = NULL;
  g_autoptr(GlossSuggestInput) input = NULL;
  g_autoptr(GlossSuggester) rules = NULL;
  g_autoptr(GlossSuggester) gazetteer = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  fuzz_init ();
  if (!g_utf8_validate_len ((const char *) data, size, NULL) || memchr (data, 0, size) != NULL)
    return 0;
  if (schema == NULL)
    schema = gloss_schema_new_preset ("news", NULL);
  text = g_strndup ((const char *) data, size);
  input = gloss_suggest_input_new_text ("fuzz", text, schema, NULL);

  rules = gloss_rules_suggester_new ();
  found = gloss_suggester_suggest (rules, input, NULL, &error);
  g_assert_no_error (error);
  check (input, found);
  g_clear_pointer (&found, g_ptr_array_unref);

  gazetteer = gloss_gazetteer_suggester_new ();
  gloss_gazetteer_suggester_add (GLOSS_GAZETTEER_SUGGESTER (gazetteer), "Unit 414", "ORG", 1.0);
  gloss_gazetteer_suggester_add (GLOSS_GAZETTEER_SUGGESTER (gazetteer), "Seoul", "GPE", 0.9);
  gloss_gazetteer_suggester_add (GLOSS_GAZETTEER_SUGGESTER (gazetteer), "a", "SOURCE", 0.5);
  found = gloss_suggester_suggest (gazetteer, input, NULL, &error);
  g_assert_no_error (error);
  check (input, found);
  return 0;
}
