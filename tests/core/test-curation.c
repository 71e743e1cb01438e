/* test-curation.c: curation units, accepting and rejecting
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gloss-annotation.h"
#include "gloss-command.h"
#include "gloss-curation.h"
#include "gloss-store.h"

static void
add (GPtrArray  *annotations,
     const char *annotator,
     const char *label,
     guint       start,
     guint       end)
{
  GlossAnnotation *annotation = gloss_annotation_new_span (label, start, end, annotator);
  g_autofree char *uuid = g_uuid_string_random ();

  gloss_annotation_set_uuid (annotation, uuid);
  g_ptr_array_add (annotations, annotation);
}

static GHashTable *
make_layers (void)
{
  GHashTable *layers = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (layers, (gpointer) "PERSON", (gpointer) "entity");
  g_hash_table_insert (layers, (gpointer) "ORG", (gpointer) "entity");
  g_hash_table_insert (layers, (gpointer) "GPE", (gpointer) "entity");
  g_hash_table_insert (layers, (gpointer) "CLAIM", (gpointer) "claim");
  return layers;
}

/* Every kind once, a claim around entities, and a gold annotation. */
static GPtrArray *
make_fixture (void)
{
  GPtrArray *annotations = g_ptr_array_new_with_free_func (g_object_unref);

  /* agreed */
  add (annotations, "alice", "PERSON", 0, 5);
  add (annotations, "bob", "PERSON", 0, 5);
  add (annotations, "carol", "PERSON", 0, 5);
  /* only alice and bob */
  add (annotations, "bob", "ORG", 10, 15);
  add (annotations, "alice", "ORG", 10, 15);
  /* same span, different labels */
  add (annotations, "alice", "PERSON", 20, 25);
  add (annotations, "bob", "ORG", 20, 25);
  add (annotations, "carol", "PERSON", 20, 25);
  /* overlapping spans */
  add (annotations, "alice", "GPE", 30, 40);
  add (annotations, "bob", "GPE", 32, 40);
  /* a claim of carol's around everything: its own layer, its own unit */
  add (annotations, "carol", "CLAIM", 0, 45);
  /* gold already has the agreed person */
  add (annotations, GLOSS_GOLD_ANNOTATOR, "PERSON", 0, 5);
  return annotations;
}

static void
test_kinds (void)
{
  g_autoptr(GPtrArray) annotations = make_fixture ();
  g_autoptr(GHashTable) layers = make_layers ();
  const char *annotators[] = { "alice", "bob", "carol", NULL };
  g_autoptr(GPtrArray) units = gloss_curation_units (annotations, annotators, layers,
                                                     GLOSS_GOLD_ANNOTATOR);
  GlossCurationUnit *unit;

  g_assert_cmpuint (units->len, ==, 5);

  /* sorted by (start, end): the person 0-5 first, then the claim 0-45 */
  unit = units->pdata[0];
  g_assert_cmpint (unit->kind, ==, GLOSS_CURATION_AGREED);
  g_assert_cmpuint (unit->start, ==, 0);
  g_assert_cmpuint (unit->end, ==, 5);
  g_assert_cmpuint (unit->annotators->len, ==, 3);
  g_assert_cmpstr (unit->annotators->pdata[0], ==, "alice");
  g_assert_cmpuint (unit->gold->len, ==, 1);
  g_assert_true (gloss_curation_unit_is_curated (unit, NULL));

  unit = units->pdata[1];
  g_assert_cmpint (unit->kind, ==, GLOSS_CURATION_ONLY);
  g_assert_cmpuint (unit->end, ==, 45);
  g_assert_cmpuint (unit->annotators->len, ==, 1);
  g_assert_cmpstr (unit->annotators->pdata[0], ==, "carol");

  unit = units->pdata[2];
  g_assert_cmpint (unit->kind, ==, GLOSS_CURATION_ONLY);
  g_assert_cmpuint (unit->start, ==, 10);
  g_assert_cmpuint (unit->annotators->len, ==, 2);
  g_assert_cmpstr (unit->annotators->pdata[0], ==, "alice");
  g_assert_cmpstr (unit->annotators->pdata[1], ==, "bob");
  g_assert_false (gloss_curation_unit_is_curated (unit, NULL));

  unit = units->pdata[3];
  g_assert_cmpint (unit->kind, ==, GLOSS_CURATION_LABEL);
  g_assert_cmpuint (unit->start, ==, 20);
  g_assert_cmpuint (unit->versions->len, ==, 3);
  g_assert_cmpuint (unit->gold->len, ==, 0);

  unit = units->pdata[4];
  g_assert_cmpint (unit->kind, ==, GLOSS_CURATION_OVERLAP);
  g_assert_cmpuint (unit->start, ==, 30);
  g_assert_cmpuint (unit->end, ==, 40);
  g_assert_cmpuint (unit->versions->len, ==, 2);
}

/* Without the annotator list, those present count; without layers, the
 * claim joins the entities it overlaps. */
static void
test_defaults (void)
{
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) units = NULL;

  add (annotations, "alice", "ORG", 10, 15);
  add (annotations, "bob", "ORG", 10, 15);
  add (annotations, "alice", "CLAIM", 0, 20);
  units = gloss_curation_units (annotations, NULL, NULL, NULL);
  g_assert_cmpuint (units->len, ==, 1);
  g_assert_cmpint (((GlossCurationUnit *) units->pdata[0])->kind, ==, GLOSS_CURATION_OVERLAP);

  g_ptr_array_remove_index (annotations, 2);
  g_clear_pointer (&units, g_ptr_array_unref);
  units = gloss_curation_units (annotations, NULL, NULL, NULL);
  g_assert_cmpuint (units->len, ==, 1);
  g_assert_cmpint (((GlossCurationUnit *) units->pdata[0])->kind, ==, GLOSS_CURATION_AGREED);
}

/* Keys do not depend on the order of the input. */
static void
test_keys (void)
{
  g_autoptr(GPtrArray) annotations = make_fixture ();
  g_autoptr(GPtrArray) reversed = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) layers = make_layers ();
  g_autoptr(GPtrArray) a = NULL;
  g_autoptr(GPtrArray) b = NULL;

  for (guint i = annotations->len; i > 0; i--)
    g_ptr_array_add (reversed, g_object_ref (annotations->pdata[i - 1]));
  a = gloss_curation_units (annotations, NULL, layers, NULL);
  b = gloss_curation_units (reversed, NULL, layers, NULL);
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      GlossCurationUnit *ua = a->pdata[i];
      GlossCurationUnit *ub = b->pdata[i];

      g_assert_cmpstr (ua->key, ==, ub->key);
      g_assert_cmpint (ua->kind, ==, ub->kind);
    }
}

static void
test_accept (void)
{
  g_autoptr(GPtrArray) annotations = make_fixture ();
  g_autoptr(GHashTable) layers = make_layers ();
  const char *annotators[] = { "alice", "bob", "carol", NULL };
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GlossCommand) command = gloss_command_new ("accept");
  g_autoptr(GHashTable) rejected = g_hash_table_new (g_str_hash, g_str_equal);
  GlossCurationUnit *unit;

  /* A second agreed unit, which gold does not have yet. */
  add (annotations, "alice", "PERSON", 50, 55);
  add (annotations, "bob", "PERSON", 50, 55);
  add (annotations, "carol", "PERSON", 50, 55);
  units = gloss_curation_units (annotations, annotators, layers, NULL);
  g_assert_cmpuint (units->len, ==, 6);

  /* The first agreed unit has gold: only the second is accepted. */
  g_assert_cmpuint (gloss_curation_accept_agreed (units, NULL, NULL, command), ==, 1);
  g_assert_cmpuint (gloss_command_get_n_edits (command), ==, 1);

  /* A rejected unit is skipped. */
  g_hash_table_add (rejected, ((GlossCurationUnit *) units->pdata[5])->key);
  g_assert_true (gloss_curation_unit_is_curated (units->pdata[5], rejected));
  g_assert_cmpuint (gloss_curation_accept_agreed (units, rejected, NULL, command), ==, 0);

  /* Accepting bob's version of the label disagreement. */
  unit = units->pdata[3];
  g_assert_cmpuint (gloss_curation_accept (unit, 1, NULL, command), ==, 1);
  g_assert_cmpuint (gloss_curation_accept (unit, 7, NULL, command), ==, 0);
  g_assert_cmpuint (gloss_command_get_n_edits (command), ==, 2);
}

static void
test_rejected_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossStore) store = gloss_store_create (":memory:", NULL, &error);
  g_autoptr(GHashTable) rejected = NULL;
  g_autoptr(GHashTable) loaded = NULL;

  g_assert_no_error (error);
  rejected = gloss_curation_load_rejected (store, "doc-1");
  g_assert_cmpuint (g_hash_table_size (rejected), ==, 0);

  g_hash_table_add (rejected, g_strdup ("0123456789abcdef"));
  g_hash_table_add (rejected, g_strdup ("fedcba9876543210"));
  g_assert_true (gloss_curation_save_rejected (store, "doc-1", rejected, &error));
  g_assert_no_error (error);

  loaded = gloss_curation_load_rejected (store, "doc-1");
  g_assert_cmpuint (g_hash_table_size (loaded), ==, 2);
  g_assert_true (g_hash_table_contains (loaded, "fedcba9876543210"));
  g_clear_pointer (&loaded, g_hash_table_unref);
  loaded = gloss_curation_load_rejected (store, "doc-2");
  g_assert_cmpuint (g_hash_table_size (loaded), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/curation/kinds", test_kinds);
  g_test_add_func ("/core/curation/defaults", test_defaults);
  g_test_add_func ("/core/curation/keys", test_keys);
  g_test_add_func ("/core/curation/accept", test_accept);
  g_test_add_func ("/core/curation/rejected-store", test_rejected_store);

  return g_test_run ();
}
