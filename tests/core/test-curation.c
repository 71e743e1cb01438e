/* test-curation.c: curation units, accepting and rejecting
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "gloss-annotation-list.h"
#include "gloss-annotation.h"
#include "gloss-command.h"
#include "gloss-curation.h"
#include "gloss-document.h"
#include "gloss-project.h"
#include "gloss-relation.h"
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
static GlossAnnotation *
add_claim (GPtrArray  *annotations,
           const char *annotator,
           const char *certainty)
{
  GlossAnnotation *annotation = gloss_annotation_new_span ("CLAIM", 20, 60, annotator);
  g_autofree char *uuid = g_uuid_string_random ();

  gloss_annotation_set_uuid (annotation, uuid);
  if (certainty != NULL)
    gloss_annotation_set_attribute (annotation, "certainty", g_variant_new_string (certainty));
  g_ptr_array_add (annotations, annotation);
  return annotation;
}

static void
add_link (GPtrArray       *relations,
          GlossAnnotation *source,
          GlossAnnotation *target,
          const char      *type)
{
  GlossRelation   *relation = gloss_relation_new (type, gloss_annotation_get_uuid (source),
                                                  gloss_annotation_get_uuid (target),
                                                  gloss_annotation_get_annotator (source));
  g_autofree char *uuid = g_uuid_string_random ();

  gloss_relation_set_uuid (relation, uuid);
  g_ptr_array_add (relations, relation);
}

/* A claim is agreed only when its certainty and its frame agree too: the
 * same span and label with "alleged" against "hedged", or a cue linked by
 * one annotator and not another, is a DETAILS unit naming the difference,
 * and Accept All Agreed leaves it to the lead. */
static void
test_details (void)
{
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) relations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) layers = make_layers ();
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GlossCommand) command = gloss_command_new ("accept");
  const char              *annotators[] = { "alice", "bob", "carol", NULL };
  GlossAnnotation         *claims[3];
  GlossAnnotation         *cue[3];
  GlossCurationDifference *difference;
  GlossCurationUnit       *unit;

  g_hash_table_insert (layers, (gpointer) "CUE", (gpointer) "cue");
  for (guint i = 0; i < 3; i++)
    {
      cue[i] = gloss_annotation_new_span ("CUE", 10, 14, annotators[i]);
      {
        g_autofree char *uuid = g_uuid_string_random ();

        gloss_annotation_set_uuid (cue[i], uuid);
      }
      g_ptr_array_add (annotations, cue[i]);
    }
  claims[0] = add_claim (annotations, "alice", "alleged");
  claims[1] = add_claim (annotations, "bob", "hedged");
  claims[2] = add_claim (annotations, "carol", "alleged");
  /* alice and bob link their cue; carol does not */
  add_link (relations, claims[0], cue[0], "cue");
  add_link (relations, claims[1], cue[1], "cue");

  units = gloss_curation_units_full (annotations, relations, annotators, layers,
                                     GLOSS_GOLD_ANNOTATOR);
  g_assert_cmpuint (units->len, ==, 2);
  unit = units->pdata[0];
  g_assert_cmpint (unit->kind, ==, GLOSS_CURATION_AGREED);
  unit = units->pdata[1];
  g_assert_cmpint (unit->kind, ==, GLOSS_CURATION_DETAILS);
  g_assert_cmpstr (gloss_curation_kind_to_string (unit->kind), ==, "Different details");
  g_assert_cmpuint (unit->differences->len, ==, 2);

  difference = unit->differences->pdata[0];
  g_assert_cmpstr (difference->name, ==, "certainty");
  g_assert_false (difference->relation);
  g_assert_cmpstr (difference->values->pdata[0], ==, "alleged");
  g_assert_cmpstr (difference->values->pdata[1], ==, "hedged");
  g_assert_cmpstr (difference->values->pdata[2], ==, "alleged");

  difference = unit->differences->pdata[1];
  g_assert_cmpstr (difference->name, ==, "cue");
  g_assert_true (difference->relation);
  g_assert_cmpstr (difference->values->pdata[0], ==, "CUE 10-14");
  g_assert_cmpstr (difference->values->pdata[1], ==, "CUE 10-14");
  g_assert_null (difference->values->pdata[2]);

  /* Accept All Agreed takes the cue, not the claim. */
  g_assert_cmpuint (gloss_curation_accept_agreed (units, NULL, GLOSS_GOLD_ANNOTATOR, command,
                                                  NULL),
                    ==, 1);

  /* The same claim everywhere, linked the same: agreed. */
  gloss_annotation_set_attribute (claims[1], "certainty", g_variant_new_string ("alleged"));
  add_link (relations, claims[2], cue[2], "cue");
  g_clear_pointer (&units, g_ptr_array_unref);
  units = gloss_curation_units_full (annotations, relations, annotators, layers,
                                     GLOSS_GOLD_ANNOTATOR);
  unit = units->pdata[1];
  g_assert_cmpint (unit->kind, ==, GLOSS_CURATION_AGREED);
  g_assert_cmpuint (unit->differences->len, ==, 0);

  /* Without the relations, only the attributes count. */
  gloss_annotation_set_attribute (claims[1], "certainty", g_variant_new_string ("denied"));
  g_clear_pointer (&units, g_ptr_array_unref);
  units = gloss_curation_units (annotations, annotators, layers, GLOSS_GOLD_ANNOTATOR);
  unit = units->pdata[1];
  g_assert_cmpint (unit->kind, ==, GLOSS_CURATION_DETAILS);
  g_assert_cmpuint (unit->differences->len, ==, 1);
}

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
  g_assert_cmpuint (gloss_curation_accept_agreed (units, NULL, NULL, command, NULL), ==, 1);
  g_assert_cmpuint (gloss_command_get_n_edits (command), ==, 1);

  /* A rejected unit is skipped. */
  g_hash_table_add (rejected, ((GlossCurationUnit *) units->pdata[5])->key);
  g_assert_true (gloss_curation_unit_is_curated (units->pdata[5], rejected));
  g_assert_cmpuint (gloss_curation_accept_agreed (units, rejected, NULL, command, NULL), ==, 0);

  /* Accepting bob's version of the label disagreement. */
  unit = units->pdata[3];
  g_assert_cmpuint (gloss_curation_accept (unit, 1, NULL, command, NULL), ==, 1);
  g_assert_cmpuint (gloss_curation_accept (unit, 7, NULL, command, NULL), ==, 0);
  g_assert_cmpuint (gloss_command_get_n_edits (command), ==, 2);
}

static GlossRelation *
relate (GPtrArray *annotations,
        guint      source,
        guint      target)
{
  GlossAnnotation *a = annotations->pdata[source];
  GlossAnnotation *b = annotations->pdata[target];
  GlossRelation *relation = gloss_relation_new ("attributed-to", gloss_annotation_get_uuid (a),
                                                gloss_annotation_get_uuid (b),
                                                gloss_annotation_get_annotator (a));
  g_autofree char *uuid = g_uuid_string_random ();

  gloss_relation_set_uuid (relation, uuid);
  return relation;
}

/* A claim attributed to a person by both annotators: one gold relation,
 * between the gold copies; then to a gold twin already there. */
static void
test_relations (void)
{
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) relations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) layers = make_layers ();
  g_autoptr(GHashTable) copies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GlossCommand) command = gloss_command_new ("accept");
  g_autoptr(GlossCommand) second = gloss_command_new ("accept claim");
  g_autoptr(GPtrArray) units = NULL;

  add (annotations, "alice", "CLAIM", 0, 20);
  add (annotations, "bob", "CLAIM", 0, 20);
  add (annotations, "alice", "PERSON", 25, 30);
  add (annotations, "bob", "PERSON", 25, 30);
  g_ptr_array_add (relations, relate (annotations, 0, 2));
  g_ptr_array_add (relations, relate (annotations, 1, 3));

  units = gloss_curation_units (annotations, NULL, layers, NULL);
  g_assert_cmpuint (units->len, ==, 2);
  g_assert_cmpuint (gloss_curation_accept_agreed (units, NULL, NULL, command, copies), ==, 2);
  g_assert_cmpuint (g_hash_table_size (copies), ==, 2);
  g_assert_cmpuint (gloss_curation_copy_relations (relations, annotations, copies, NULL, command),
                    ==, 1);
  g_assert_cmpuint (gloss_command_get_n_edits (command), ==, 3);

  /* Gold has the person already: accepting bob's claim links to it. */
  add (annotations, GLOSS_GOLD_ANNOTATOR, "PERSON", 25, 30);
  g_hash_table_remove_all (copies);
  g_clear_pointer (&units, g_ptr_array_unref);
  units = gloss_curation_units (annotations, NULL, layers, NULL);
  g_assert_cmpuint (gloss_curation_accept (units->pdata[0], 1, NULL, second, copies), ==, 1);
  g_assert_cmpuint (gloss_curation_copy_relations (relations, annotations, copies, NULL, second),
                    ==, 1);
  /* Nothing copied: no relation. */
  g_hash_table_remove_all (copies);
  g_assert_cmpuint (gloss_curation_copy_relations (relations, annotations, copies, NULL, second),
                    ==, 0);
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

/* Progress of a stored document: two annotators, one unit accepted into
 * gold, one rejected, one open. */
static void
test_progress (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gloss-curation-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "p.gloss", NULL);
  g_autoptr(GlossProject) project = gloss_project_create (path, NULL, &error);
  g_autoptr(GlossAnnotationList) list = NULL;
  g_autoptr(GlossCommand) command = gloss_command_new ("annotate");
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GHashTable) layers = NULL;
  g_autoptr(GHashTable) rejected = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GlossCommand) accept = gloss_command_new ("accept");
  GlossDocument *document;
  guint n_curated = 9, n_units = 9, n_annotators = 9;

  g_assert_no_error (error);
  document = gloss_project_add_document (project, "d", "Ruslan Vey met Anna Kell in Oslo.", -1,
                                         NULL, &error);
  g_assert_no_error (error);
  list = gloss_project_dup_annotation_list (project, document, &error);
  g_assert_no_error (error);

  g_assert_true (gloss_curation_progress (project, document, &n_curated, &n_units,
                                          &n_annotators, &error));
  g_assert_cmpuint (n_units, ==, 0);
  g_assert_cmpuint (n_annotators, ==, 0);

  add (annotations, "alice", "PERSON", 0, 10);
  add (annotations, "bob", "PERSON", 0, 10);
  add (annotations, "alice", "PERSON", 15, 24);
  add (annotations, "bob", "GPE", 28, 32);
  for (guint i = 0; i < annotations->len; i++)
    gloss_command_create_annotation (command, annotations->pdata[i]);
  g_assert_true (gloss_annotation_list_apply (list, command, &error));
  g_assert_no_error (error);

  layers = gloss_curation_dup_layers (gloss_project_get_schema (project));
  g_assert_cmpstr (g_hash_table_lookup (layers, "PERSON"), ==, "entity");
  units = gloss_curation_units (annotations, NULL, layers, NULL);
  g_assert_cmpuint (units->len, ==, 3);
  g_assert_cmpuint (gloss_curation_accept_agreed (units, NULL, NULL, accept, NULL), ==, 1);
  g_assert_true (gloss_annotation_list_apply (list, accept, &error));
  g_hash_table_add (rejected, ((GlossCurationUnit *) units->pdata[2])->key);
  g_assert_true (gloss_curation_save_rejected (gloss_project_get_store (project),
                                               gloss_document_get_uuid (document), rejected,
                                               &error));

  g_assert_true (gloss_curation_progress (project, document, &n_curated, &n_units,
                                          &n_annotators, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_curated, ==, 2);
  g_assert_cmpuint (n_units, ==, 3);
  g_assert_cmpuint (n_annotators, ==, 2);

  g_clear_object (&list);
  g_clear_object (&project);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (path);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/curation/kinds", test_kinds);
  g_test_add_func ("/core/curation/details", test_details);
  g_test_add_func ("/core/curation/defaults", test_defaults);
  g_test_add_func ("/core/curation/keys", test_keys);
  g_test_add_func ("/core/curation/accept", test_accept);
  g_test_add_func ("/core/curation/relations", test_relations);
  g_test_add_func ("/core/curation/rejected-store", test_rejected_store);
  g_test_add_func ("/core/curation/progress", test_progress);

  return g_test_run ();
}
