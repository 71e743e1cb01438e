/* test-undo-random.c: seeded random edit sequences, undone and redone
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "core-test-util.h"

#define N_DOCS      3
#define MIN_EDITS   2400

static const char * const entity_labels[] = { "PERSON", "ORG", "GPE", "SOURCE", "DATE" };
static const char * const certainties[] = { "asserted", "hedged", "alleged", "denied" };
static const char * const confidences[] = { "high", "medium", "low" };

typedef struct
{
  GRand               *rand;
  GlossProject        *project;
  GlossAnnotationList *lists[N_DOCS];
  TestMirror          *mirrors[N_DOCS];
  /* shadow of one list while a command is built */
  GHashTable          *labels;     /* uuid -> label (borrowed or owned strings) */
  GPtrArray           *uuids;      /* live uuids, owned */
  GPtrArray           *relations;  /* live relation uuids, owned */
  GHashTable          *rel_ends;   /* relation uuid -> "source\ttarget\ttype" */
  guint                length;
} Random;

static const char *
pick (Random             *r,
      const char * const *strv,
      guint               n)
{
  return strv[g_rand_int_range (r->rand, 0, n)];
}

static void
shadow_load (Random              *r,
             GlossAnnotationList *list)
{
  GListModel *rels = gloss_annotation_list_get_relations (list);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  g_hash_table_remove_all (r->labels);
  g_hash_table_remove_all (r->rel_ends);
  g_ptr_array_set_size (r->uuids, 0);
  g_ptr_array_set_size (r->relations, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossAnnotation) a = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_ptr_array_add (r->uuids, g_strdup (gloss_annotation_get_uuid (a)));
      g_hash_table_insert (r->labels, g_strdup (gloss_annotation_get_uuid (a)),
                           g_strdup (gloss_annotation_get_label (a)));
    }
  for (guint i = 0; i < g_list_model_get_n_items (rels); i++)
    {
      g_autoptr(GlossRelation) rel = g_list_model_get_item (rels, i);
      g_ptr_array_add (r->relations, g_strdup (gloss_relation_get_uuid (rel)));
      g_hash_table_insert (r->rel_ends, g_strdup (gloss_relation_get_uuid (rel)),
                           g_strdup_printf ("%s\t%s\t%s", gloss_relation_get_source (rel),
                                            gloss_relation_get_target (rel),
                                            gloss_relation_get_relation_type (rel)));
    }
  r->length = gloss_document_get_length (gloss_annotation_list_get_document (list));
}

static gboolean
has_relation (Random     *r,
              const char *uuid)
{
  GHashTableIter iter;
  gpointer v;

  g_hash_table_iter_init (&iter, r->rel_ends);
  while (g_hash_table_iter_next (&iter, NULL, &v))
    if (strstr (v, uuid) != NULL)
      return TRUE;
  return FALSE;
}

static const char *
random_with_label (Random     *r,
                   const char *label,
                   gboolean    entity)
{
  g_autoptr(GPtrArray) candidates = g_ptr_array_new ();

  for (guint i = 0; i < r->uuids->len; i++)
    {
      const char *l = g_hash_table_lookup (r->labels, r->uuids->pdata[i]);
      gboolean is_entity = g_strv_contains ((const char * const *) entity_labels, l) &&
                           g_strcmp0 (l, "DATE") != 0;
      if (entity ? is_entity : g_strcmp0 (l, label) == 0)
        g_ptr_array_add (candidates, r->uuids->pdata[i]);
    }
  if (candidates->len == 0)
    return NULL;
  return candidates->pdata[g_rand_int_range (r->rand, 0, candidates->len)];
}

static guint
random_fragments (Random        *r,
                  GlossFragment *f)
{
  guint n = g_rand_int_range (r->rand, 0, 5) == 0 ? 2 : 1;
  guint start = g_rand_int_range (r->rand, 0, r->length - 20);

  f[0].start = start;
  f[0].end = start + g_rand_int_range (r->rand, 1, 10);
  if (n == 2)
    {
      f[1].start = f[0].end + g_rand_int_range (r->rand, 0, 5);
      f[1].end = f[1].start + g_rand_int_range (r->rand, 1, 5);
    }
  return n;
}

static void
forget_annotation (Random     *r,
                   const char *uuid)
{
  GHashTableIter iter;
  gpointer k, v;

  g_hash_table_iter_init (&iter, r->rel_ends);
  while (g_hash_table_iter_next (&iter, &k, &v))
    if (strstr (v, uuid) != NULL)
      {
        for (guint i = 0; i < r->relations->len; i++)
          if (g_str_equal (r->relations->pdata[i], k))
            {
              g_ptr_array_remove_index_fast (r->relations, i);
              break;
            }
        g_hash_table_iter_remove (&iter);
      }
  for (guint i = 0; i < r->uuids->len; i++)
    if (g_str_equal (r->uuids->pdata[i], uuid))
      {
        g_ptr_array_remove_index_fast (r->uuids, i);
        break;
      }
  g_hash_table_remove (r->labels, uuid);
}

/* Adds one valid random edit to @cmd, updating the shadow. */
static void
add_random_edit (Random       *r,
                 GlossCommand *cmd)
{
  for (;;)
    {
      int kind = g_rand_int_range (r->rand, 0, 12);
      const char *uuid = r->uuids->len
        ? r->uuids->pdata[g_rand_int_range (r->rand, 0, r->uuids->len)] : NULL;

      if (kind <= 2 || r->uuids->len < 4)
        {
          GlossFragment f[2];
          guint n = random_fragments (r, f);
          int which = g_rand_int_range (r->rand, 0, 10);
          const char *label = which < 5 ? pick (r, entity_labels, G_N_ELEMENTS (entity_labels))
                            : which < 8 ? "CLAIM" : "CUE";
          g_autoptr(GlossAnnotation) a = gloss_annotation_new (label, f, n, NULL);

          if (g_str_equal (label, "CLAIM") && g_rand_boolean (r->rand))
            gloss_annotation_set_attribute (a, "certainty",
                                            g_variant_new_string (pick (r, certainties, 4)));
          gloss_command_create_annotation (cmd, a);
          g_ptr_array_add (r->uuids, g_strdup (gloss_annotation_get_uuid (a)));
          g_hash_table_insert (r->labels, g_strdup (gloss_annotation_get_uuid (a)),
                               g_strdup (label));
          return;
        }
      switch (kind)
        {
        case 3:
          {
            g_autofree char *u = g_strdup (uuid);
            gloss_command_delete_annotation (cmd, u);
            forget_annotation (r, u);
            return;
          }
        case 4:
          if (has_relation (r, uuid))
            continue;
          {
            const char *label = g_rand_boolean (r->rand)
              ? pick (r, entity_labels, G_N_ELEMENTS (entity_labels)) : "CLAIM";
            gloss_command_set_label (cmd, uuid, label);
            g_hash_table_insert (r->labels, g_strdup (uuid), g_strdup (label));
            return;
          }
        case 5:
          {
            GlossFragment f[2];
            guint n = random_fragments (r, f);
            gloss_command_set_fragments (cmd, uuid, f, n);
            return;
          }
        case 6:
          {
            const char *claim = random_with_label (r, "CLAIM", FALSE);
            if (claim == NULL)
              continue;
            if (g_rand_boolean (r->rand))
              gloss_command_set_attribute (cmd, claim, "certainty",
                                           g_rand_int_range (r->rand, 0, 4) == 0 ? NULL :
                                           g_variant_new_string (pick (r, certainties, 4)));
            else
              gloss_command_set_attribute (cmd, claim, "checkworthy",
                                           g_variant_new_boolean (g_rand_boolean (r->rand)));
            return;
          }
        case 7:
          {
            g_autofree char *note = g_strdup_printf ("note %u", g_rand_int (r->rand));
            gloss_command_set_note (cmd, uuid, g_rand_int_range (r->rand, 0, 3) ? note : NULL);
            return;
          }
        case 8:
          {
            g_autofree char *qid = g_strdup_printf ("Q%u", g_rand_int_range (r->rand, 1, 999));
            gloss_command_set_normalisation (cmd, uuid, qid, g_rand_boolean (r->rand) ? "Name"
                                                                                        : NULL);
            return;
          }
        case 9:
          {
            const char *claim = random_with_label (r, "CLAIM", FALSE);
            gboolean cue = g_rand_boolean (r->rand);
            const char *other = cue ? random_with_label (r, "CUE", FALSE)
                                    : random_with_label (r, NULL, TRUE);
            g_autoptr(GlossRelation) rel = NULL;

            if (claim == NULL || other == NULL)
              continue;
            rel = gloss_relation_new (cue ? "cue" : "attributed-to", claim, other, NULL);
            gloss_command_add_relation (cmd, rel);
            g_ptr_array_add (r->relations, g_strdup (gloss_relation_get_uuid (rel)));
            g_hash_table_insert (r->rel_ends, g_strdup (gloss_relation_get_uuid (rel)),
                                 g_strdup_printf ("%s\t%s\t%s", claim, other,
                                                  gloss_relation_get_relation_type (rel)));
            return;
          }
        case 10:
          {
            const char *ru;
            const char *ends;
            if (r->relations->len == 0)
              continue;
            ru = r->relations->pdata[g_rand_int_range (r->rand, 0, r->relations->len)];
            ends = g_hash_table_lookup (r->rel_ends, ru);
            if (g_str_has_suffix (ends, "attributed-to") && g_rand_boolean (r->rand))
              {
                gloss_command_set_relation_attribute (cmd, ru, "confidence",
                                                      g_variant_new_string (pick (r, confidences,
                                                                                  3)));
                return;
              }
            gloss_command_remove_relation (cmd, ru);
            g_hash_table_remove (r->rel_ends, ru);
            g_ptr_array_remove_fast (r->relations, (gpointer) ru);
            return;
          }
        case 11:
          gloss_command_set_document_status (cmd, g_rand_boolean (r->rand) ? NULL : "bob",
                                             g_rand_int_range (r->rand, 0, 3));
          return;
        default:
          g_assert_not_reached ();
        }
    }
}

static void
check_all (Random *r)
{
  GlossStore *store = gloss_project_get_store (r->project);

  for (guint d = 0; d < N_DOCS; d++)
    {
      test_mirror_check (r->mirrors[d]);
      test_check_list_matches_store (r->lists[d], store);
    }
}

static char *
dump (Random *r)
{
  return test_dump_store (_gloss_store_get_db (gloss_project_get_store (r->project)));
}

static void
test_random (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_path ("random.gloss");
  g_autofree char *original = NULL;
  g_autofree char *edited = NULL;
  g_autoptr(GArray) history = g_array_new (FALSE, FALSE, sizeof (guint));
  Random r = { 0 };
  guint n_edits = 0, n_failed = 0;
  guint64 seed = g_test_rand_int ();

  if (g_getenv ("GLOSS_TEST_SEED"))
    seed = g_ascii_strtoull (g_getenv ("GLOSS_TEST_SEED"), NULL, 10);
  g_test_message ("seed %" G_GUINT64_FORMAT " (set GLOSS_TEST_SEED to replay)", seed);
  r.rand = g_rand_new_with_seed ((guint32) seed);
  r.labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  r.rel_ends = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  r.uuids = g_ptr_array_new_with_free_func (g_free);
  r.relations = g_ptr_array_new_with_free_func (g_free);

  r.project = gloss_project_create (path, NULL, &error);
  g_assert_no_error (error);
  gloss_project_set_annotator (r.project, "alice");
  for (guint d = 0; d < N_DOCS; d++)
    {
      g_autofree char *name = g_strdup_printf ("doc %u", d);
      g_autofree char *text = test_make_text (r.rand, 400 + 200 * d);
      GlossDocument *doc = gloss_project_add_document (r.project, name, text, -1, NULL, &error);

      g_assert_no_error (error);
      r.lists[d] = gloss_project_dup_annotation_list (r.project, doc, &error);
      g_assert_no_error (error);
      r.mirrors[d] = test_mirror_new (G_LIST_MODEL (r.lists[d]));
    }
  original = dump (&r);

  while (n_edits < MIN_EDITS)
    {
      guint d = g_rand_int_range (r.rand, 0, N_DOCS);
      GlossAnnotationList *list = r.lists[d];
      g_autoptr(GlossCommand) cmd = gloss_command_new ("random");
      guint size = g_rand_int_range (r.rand, 0, 3) == 0 ? g_rand_int_range (r.rand, 2, 8) : 1;
      gboolean spoil = g_rand_int_range (r.rand, 0, 25) == 0;

      shadow_load (&r, list);
      for (guint i = 0; i < size; i++)
        add_random_edit (&r, cmd);
      if (spoil)
        {
          /* a bad edit at the end: nothing may change */
          g_autofree char *before = dump (&r);
          g_autofree char *after = NULL;
          GlossFragment f = { 0, r.length + 5 };
          g_autoptr(GlossAnnotation) bad = gloss_annotation_new ("PERSON", &f, 1, NULL);

          gloss_command_create_annotation (cmd, bad);
          g_assert_false (gloss_annotation_list_apply (list, cmd, &error));
          g_assert_error (error, GLOSS_COMMAND_ERROR, GLOSS_COMMAND_ERROR_INVALID);
          g_clear_error (&error);
          after = dump (&r);
          g_assert_cmpstr (before, ==, after);
          n_failed++;
        }
      else
        {
          gloss_annotation_list_apply (list, cmd, &error);
          g_assert_no_error (error);
          g_array_append_val (history, d);
          n_edits += size;
        }
      check_all (&r);

      /* now and then, undo and redo right away */
      if (history->len > 0 && g_rand_int_range (r.rand, 0, 10) == 0)
        {
          guint last = g_array_index (history, guint, history->len - 1);
          g_autofree char *before = dump (&r);
          g_autofree char *after = NULL;

          g_assert_true (gloss_annotation_list_undo (r.lists[last], &error));
          g_assert_no_error (error);
          check_all (&r);
          g_assert_true (gloss_annotation_list_redo (r.lists[last], &error));
          g_assert_no_error (error);
          check_all (&r);
          after = dump (&r);
          g_assert_cmpstr (before, ==, after);
        }
    }
  g_test_message ("%u edits in %u commands, %u refused", n_edits, history->len, n_failed);
  edited = dump (&r);
  g_assert_true (gloss_store_check_integrity (gloss_project_get_store (r.project), &error));
  g_assert_no_error (error);

  for (guint i = history->len; i > 0; i--)
    {
      guint d = g_array_index (history, guint, i - 1);
      g_assert_true (gloss_annotation_list_undo (r.lists[d], &error));
      g_assert_no_error (error);
      if (i % 7 == 0)
        check_all (&r);
    }
  check_all (&r);
  for (guint d = 0; d < N_DOCS; d++)
    g_assert_false (gloss_annotation_list_can_undo (r.lists[d]));
  {
    g_autofree char *now = dump (&r);
    g_assert_cmpstr (now, ==, original);
  }

  for (guint i = 0; i < history->len; i++)
    {
      guint d = g_array_index (history, guint, i);
      g_assert_true (gloss_annotation_list_redo (r.lists[d], &error));
      g_assert_no_error (error);
      if (i % 7 == 0)
        check_all (&r);
    }
  check_all (&r);
  {
    g_autofree char *now = dump (&r);
    g_assert_cmpstr (now, ==, edited);
  }
  g_assert_true (gloss_store_check_integrity (gloss_project_get_store (r.project), &error));

  /* a fresh list built from the store equals the live one */
  for (guint d = 0; d < N_DOCS; d++)
    {
      GlossDocument *doc = gloss_annotation_list_get_document (r.lists[d]);
      GListModel *rels = gloss_annotation_list_get_relations (r.lists[d]);
      g_autoptr(GPtrArray) stored = gloss_store_load_relations (gloss_project_get_store (r.project),
                                                                gloss_document_get_id (doc), FALSE,
                                                                &error);
      g_assert_no_error (error);
      g_assert_cmpuint (stored->len, ==, g_list_model_get_n_items (rels));
      for (guint i = 0; i < stored->len; i++)
        {
          GlossRelation *s = g_ptr_array_index (stored, i);
          GlossRelation *m = gloss_annotation_list_lookup_relation (r.lists[d],
                                                                    gloss_relation_get_uuid (s));
          g_assert_nonnull (m);
          g_assert_true (gloss_relation_equal (s, m));
        }
    }

  for (guint d = 0; d < N_DOCS; d++)
    {
      test_mirror_free (r.mirrors[d]);
      g_object_unref (r.lists[d]);
    }
  g_object_unref (r.project);
  g_rand_free (r.rand);
  g_hash_table_unref (r.labels);
  g_hash_table_unref (r.rel_ends);
  g_ptr_array_unref (r.uuids);
  g_ptr_array_unref (r.relations);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/commands/undo-random", test_random);

  return g_test_run ();
}
