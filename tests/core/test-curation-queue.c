/* test-curation-queue.c: the project-wide queue of undecided disagreements
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "gloss-annotation-list.h"
#include "gloss-annotation.h"
#include "gloss-command.h"
#include "gloss-curation-queue.h"
#include "gloss-document.h"
#include "gloss-project.h"
#include "gloss-store.h"

static const char wire[] =
  "SEOUL, Nov. 20 (Meridian) -- Nikolai Dorn, a former officer of Unit 414, "
  "said he fled through Mongolia in June 2024.";
static const char brief[] =
  "RIGA (Baltic Wire) -- The ministry said Anna Kell would travel to Oslo.";
static const char lone[] = "TALLINN -- Only one annotator read this brief.";

static GlossAnnotation *
span_with (GlossCommand *command,
           const char   *text,
           const char   *covered,
           const char   *label,
           const char   *annotator,
           const char   *certainty)
{
  const char *at = strstr (text, covered);
  guint start, end;
  GlossAnnotation *annotation;
  g_autofree char *uuid = g_uuid_string_random ();

  g_assert_nonnull (at);
  start = (guint) g_utf8_pointer_to_offset (text, at);
  end = start + (guint) g_utf8_strlen (covered, -1);
  annotation = gloss_annotation_new_span (label, start, end, annotator);
  gloss_annotation_set_uuid (annotation, uuid);
  if (certainty != NULL)
    gloss_annotation_set_attribute (annotation, "certainty", g_variant_new_string (certainty));
  gloss_command_create_annotation (command, annotation);
  return annotation;
}

static GlossAnnotation *
span (GlossCommand *command,
      const char   *text,
      const char   *covered,
      const char   *label,
      const char   *annotator)
{
  return span_with (command, text, covered, label, annotator, NULL);
}

typedef struct
{
  char                *dir;
  char                *path;
  GlossProject        *project;
  GlossAnnotationList *wire_list;
} Fixture;

/* wire: three annotators. "Nikolai Dorn" agreed; "Unit 414" ORG by alice
 * and cai, FAC by ben (labels differ); "Mongolia" GPE by alice and ben,
 * cai skipped (only some); the claim agreed but for ben's certainty
 * (details); "SEOUL" agreed and already in gold.
 * brief: alice and ben. "Anna Kell" PERSON by both; "Oslo" GPE by alice
 * only (only some); "The ministry" ORG by alice, "ministry" ORG by ben
 * (overlap).
 * lone: one annotator, so no disagreement. */
static void
fixture_set_up (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  const char *who[] = { "alice", "ben", "cai" };
  GlossDocument *document;
  g_autoptr(GlossAnnotationList) list = NULL;
  g_autoptr(GlossCommand) command = NULL;

  fixture->dir = g_dir_make_tmp ("gloss-queue-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "team.gloss", NULL);
  fixture->project = gloss_project_create (fixture->path, NULL, &error);
  g_assert_no_error (error);

  document = gloss_project_add_document (fixture->project, "a-wire", wire, -1, NULL, &error);
  g_assert_no_error (error);
  fixture->wire_list = gloss_project_dup_annotation_list (fixture->project, document, &error);
  g_assert_no_error (error);
  command = gloss_command_new ("annotate");
  for (guint i = 0; i < 3; i++)
    {
      g_object_unref (span (command, wire, "SEOUL", "GPE", who[i]));
      g_object_unref (span (command, wire, "Nikolai Dorn", "PERSON", who[i]));
      g_object_unref (span (command, wire, "Unit 414", i == 1 ? "FAC" : "ORG", who[i]));
      if (i < 2)
        g_object_unref (span (command, wire, "Mongolia", "GPE", who[i]));
      g_object_unref (span_with (command, wire, "he fled through Mongolia in June 2024", "CLAIM",
                                 who[i], i == 1 ? "hedged" : "asserted"));
    }
  g_object_unref (span (command, wire, "SEOUL", "GPE", GLOSS_GOLD_ANNOTATOR));
  g_assert_true (gloss_annotation_list_apply (fixture->wire_list, command, &error));
  g_assert_no_error (error);
  g_clear_object (&command);

  document = gloss_project_add_document (fixture->project, "b-brief", brief, -1, NULL, &error);
  g_assert_no_error (error);
  list = gloss_project_dup_annotation_list (fixture->project, document, &error);
  g_assert_no_error (error);
  command = gloss_command_new ("annotate");
  for (guint i = 0; i < 2; i++)
    g_object_unref (span (command, brief, "Anna Kell", "PERSON", who[i]));
  g_object_unref (span (command, brief, "Oslo", "GPE", "alice"));
  g_object_unref (span (command, brief, "The ministry", "ORG", "alice"));
  g_object_unref (span (command, brief, "ministry", "ORG", "ben"));
  g_assert_true (gloss_annotation_list_apply (list, command, &error));
  g_assert_no_error (error);
  g_clear_object (&command);
  g_clear_object (&list);

  document = gloss_project_add_document (fixture->project, "c-lone", lone, -1, NULL, &error);
  g_assert_no_error (error);
  list = gloss_project_dup_annotation_list (fixture->project, document, &error);
  g_assert_no_error (error);
  command = gloss_command_new ("annotate");
  g_object_unref (span (command, lone, "TALLINN", "GPE", "alice"));
  g_object_unref (span (command, lone, "Only", "ORG", "alice"));
  g_assert_true (gloss_annotation_list_apply (list, command, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fixture)
{
  g_clear_object (&fixture->wire_list);
  g_clear_object (&fixture->project);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *file = g_strconcat (fixture->path, (const char *[]){ "", "-wal", "-shm" }[i],
                                           NULL);

      g_unlink (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* The queue's units as "document:covered text" lines, in queue order. */
static char *
describe (GPtrArray *queue)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < queue->len; i++)
    {
      GlossCurationDocument *document = queue->pdata[i];

      for (guint j = 0; j < document->matches->len; j++)
        {
          GlossCurationUnit *unit =
            document->units->pdata[g_array_index (document->matches, guint, j)];
          const char *from = g_utf8_offset_to_pointer (document->text, unit->start);
          const char *to = g_utf8_offset_to_pointer (document->text, unit->end);

          g_string_append_printf (out, "%s:%.*s|", document->name, (int) (to - from), from);
        }
    }
  return g_string_free (out, FALSE);
}

static char *
collect (Fixture    *fixture,
         const char *label,
         const char *a,
         const char *b,
         const char *kind)
{
  g_autoptr(GError) error = NULL;
  GlossCurationFilter filter = { (char *) label, (char *) a, (char *) b,
                                 gloss_curation_kind_from_name (kind) };
  g_autoptr(GPtrArray) queue = NULL;

  g_assert_cmpint (filter.kind, >=, -1);
  queue = gloss_curation_queue_collect (fixture->project, &filter, NULL, NULL, NULL, NULL,
                                        &error);
  g_assert_no_error (error);
  return describe (queue);
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) annotators = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) queue = NULL;
  struct
  {
    const char *label, *a, *b, *kind, *expected;
  } cases[] = {
    /* every undecided disagreement, in document and text order; the
     * agreed units, the gold one and the lone document are not there */
    { NULL, NULL, NULL, "",
      "a-wire:Unit 414|a-wire:he fled through Mongolia in June 2024|a-wire:Mongolia|"
      "b-brief:The ministry|b-brief:Oslo|" },
    { "ORG", NULL, NULL, "", "a-wire:Unit 414|b-brief:The ministry|" },
    { "GPE", NULL, NULL, "only", "a-wire:Mongolia|b-brief:Oslo|" },
    { NULL, NULL, NULL, "details", "a-wire:he fled through Mongolia in June 2024|" },
    { NULL, NULL, NULL, "overlap", "b-brief:The ministry|" },
    { NULL, NULL, NULL, "label", "a-wire:Unit 414|" },
    /* alice and cai differ only where cai skipped Mongolia */
    { NULL, "alice", "cai", "", "a-wire:Mongolia|" },
    { NULL, "cai", "alice", "", "a-wire:Mongolia|" },
    /* ben against anyone: everything ben did differently or skipped */
    { NULL, "ben", NULL, "",
      "a-wire:Unit 414|a-wire:he fled through Mongolia in June 2024|a-wire:Mongolia|"
      "b-brief:The ministry|b-brief:Oslo|" },
    { "ORG", "alice", "ben", "label", "a-wire:Unit 414|" },
    { "FAC", "alice", "cai", "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = collect (fixture, cases[i].label, cases[i].a, cases[i].b,
                                      cases[i].kind);

      g_test_message ("case %u", i);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }

  g_assert_cmpint (gloss_curation_kind_from_name ("nonsense"), ==, -2);

  queue = gloss_curation_queue_collect (fixture->project, NULL, annotators, NULL, NULL, NULL,
                                        &error);
  g_assert_no_error (error);
  g_assert_cmpuint (queue->len, ==, 2);
  g_assert_cmpuint (gloss_curation_queue_count_undecided (queue), ==, 5);
  g_assert_cmpuint (annotators->len, ==, 3);
  g_assert_cmpstr (annotators->pdata[0], ==, "alice");
  g_assert_cmpstr (annotators->pdata[2], ==, "cai");
}

/* A decided unit leaves the next queue but stays in the one a lead is
 * working through, with its new state. */
static void
test_decided (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) queue = NULL;
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GHashTable) layers = NULL;
  g_autoptr(GlossCommand) accept = gloss_command_new ("accept");
  g_autoptr(GHashTable) rejected = NULL;
  GlossCurationDocument *document;
  GlossCurationUnit *unit;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  queue = gloss_curation_queue_collect (fixture->project, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  document = queue->pdata[0];
  g_assert_cmpstr (document->name, ==, "a-wire");
  before = describe (queue);

  /* accept alice's "Unit 414", reject the claim */
  unit = document->units->pdata[g_array_index (document->matches, guint, 0)];
  g_assert_cmpint (unit->kind, ==, GLOSS_CURATION_LABEL);
  g_assert_cmpuint (gloss_curation_accept (unit, 0, GLOSS_GOLD_ANNOTATOR, accept, NULL), ==, 1);
  g_assert_true (gloss_annotation_list_apply (fixture->wire_list, accept, &error));
  unit = document->units->pdata[g_array_index (document->matches, guint, 1)];
  g_assert_cmpint (unit->kind, ==, GLOSS_CURATION_DETAILS);
  rejected = gloss_curation_set_rejected (gloss_project_get_store (fixture->project),
                                          document->uuid, unit->key, TRUE, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (fixture->wire_list)); i++)
    g_ptr_array_add (annotations,
                     g_list_model_get_item (G_LIST_MODEL (fixture->wire_list), i));
  layers = gloss_curation_dup_layers (gloss_project_get_schema (fixture->project));
  units = gloss_curation_units_full (annotations, NULL, NULL, layers, GLOSS_GOLD_ANNOTATOR);
  gloss_curation_document_update (document, units, annotations, rejected, NULL);
  after = describe (queue);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (gloss_curation_queue_count_undecided (queue), ==, 3);
  g_assert_true (gloss_curation_unit_is_curated (
    document->units->pdata[g_array_index (document->matches, guint, 0)], document->rejected));

  g_clear_pointer (&queue, g_ptr_array_unref);
  queue = gloss_curation_queue_collect (fixture->project, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&after, g_free);
  after = describe (queue);
  g_assert_cmpstr (after, ==, "a-wire:Mongolia|b-brief:The ministry|b-brief:Oslo|");
}

static guint
count_gold (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GListModel *documents = gloss_project_get_documents (fixture->project);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(GlossDocument) document = g_list_model_get_item (documents, i);
      g_autoptr(GPtrArray) annotations =
        gloss_store_load_annotations (gloss_project_get_store (fixture->project),
                                      gloss_document_get_id (document), FALSE, &error);

      g_assert_no_error (error);
      for (guint j = 0; j < annotations->len; j++)
        if (g_strcmp0 (gloss_annotation_get_annotator (annotations->pdata[j]),
                       GLOSS_GOLD_ANNOTATOR) == 0)
          n++;
    }
  return n;
}

/* Alt+A of the queue: the agreed units of every document with two
 * annotators or more, in one undoable change set. */
static void
test_accept_agreed_everywhere (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossChangeSet) changes = NULL;
  g_autoptr(GlossChangeSet) again = NULL;
  guint n_units = 0, n_documents = 0;

  /* SEOUL is gold already */
  g_assert_cmpuint (count_gold (fixture), ==, 1);
  g_assert_true (gloss_curation_accept_agreed_everywhere (fixture->project, &changes, &n_units,
                                                          &n_documents, NULL, NULL, NULL,
                                                          &error));
  g_assert_no_error (error);
  g_assert_nonnull (changes);
  /* Nikolai Dorn in the wire, Anna Kell in the brief; not the lone brief */
  g_assert_cmpuint (n_units, ==, 2);
  g_assert_cmpuint (n_documents, ==, 2);
  g_assert_cmpuint (count_gold (fixture), ==, 3);
  /* the open list of the wire follows */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->wire_list)), ==, 16);

  /* nothing left to accept: no set */
  g_assert_true (gloss_curation_accept_agreed_everywhere (fixture->project, &again, &n_units,
                                                          &n_documents, NULL, NULL, NULL,
                                                          &error));
  g_assert_null (again);
  g_assert_cmpuint (n_units, ==, 0);

  g_assert_true (gloss_project_undo_changes (fixture->project, changes, NULL, NULL, NULL,
                                             &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_gold (fixture), ==, 1);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) queue = NULL;

  g_cancellable_cancel (cancellable);
  queue = gloss_curation_queue_collect (fixture->project, NULL, NULL, NULL, NULL, cancellable,
                                        &error);
  g_assert_null (queue);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
progress_cb (double   fraction,
             gpointer data)
{
  GArray *fractions = data;

  g_array_append_val (fractions, fraction);
}

/* A queue long enough to be read on two threads (each takes every other
 * run of documents, through its own connection) is the queue of the list's
 * order, whichever thread read a document; an annotator seen only by the
 * second thread is named; progress climbs to 1. */
static void
test_two_threads (Fixture      *fixture,
                  gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) expected = g_string_new ("a-wire:Unit 414|"
                                               "a-wire:he fled through Mongolia in June 2024|"
                                               "a-wire:Mongolia|"
                                               "b-brief:The ministry|b-brief:Oslo|");
  g_autoptr(GPtrArray) queue = NULL;
  g_autoptr(GPtrArray) annotators = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char    *described = NULL;
  g_autofree char    *names = NULL;
  GlossCurationFilter filter = { NULL, NULL, NULL, -1 };

  for (guint i = 0; i < 150; i++)
    {
      static const char text[] = "OSLO (Nordic Wire) -- Officials in Oslo denied the report.";
      g_autofree char  *name = g_strdup_printf ("d-%03u", i);
      g_autoptr(GlossAnnotationList) list = NULL;
      g_autoptr(GlossCommand) command = gloss_command_new ("annotate");
      GlossDocument *document;

      document = gloss_project_add_document (fixture->project, name, text, -1, NULL, &error);
      g_assert_no_error (error);
      list = gloss_project_dup_annotation_list (fixture->project, document, &error);
      g_assert_no_error (error);
      g_object_unref (span (command, text, "Officials", "PERSON", "alice"));
      g_object_unref (span (command, text, "Officials", "PERSON", i == 101 ? "dana" : "ben"));
      /* every third document: "Oslo" a GPE for alice, a LOC for ben */
      g_object_unref (span (command, text, "Oslo denied", "GPE", "alice"));
      if (i == 101)
        {
          /* dana instead of ben: what each of them left out differs */
          g_object_unref (span (command, text, "Oslo denied", "GPE", "ben"));
          g_string_append_printf (expected, "%s:Officials|%s:Oslo denied|", name, name);
        }
      else if (i % 3 == 0)
        {
          g_object_unref (span (command, text, "Oslo denied", "LOC", "ben"));
          g_string_append_printf (expected, "%s:Oslo denied|", name);
        }
      else
        g_object_unref (span (command, text, "Oslo denied", "GPE", "ben"));
      g_assert_true (gloss_annotation_list_apply (list, command, &error));
      g_assert_no_error (error);
    }

  queue = gloss_curation_queue_collect (fixture->project, &filter, annotators, progress_cb,
                                        fractions, NULL, &error);
  g_assert_no_error (error);
  described = describe (queue);
  g_assert_cmpstr (described, ==, expected->str);

  /* a queue holds the units it lists, and reads a document's annotations
   * when asked */
  for (guint i = 0; i < queue->len; i++)
    {
      GlossCurationDocument *document = queue->pdata[i];
      g_autoptr(GPtrArray) annotations = NULL;

      g_assert_cmpuint (document->units->len, ==, document->matches->len);
      for (guint j = 0; j < document->matches->len; j++)
        g_assert_cmpuint (g_array_index (document->matches, guint, j), ==, j);
      g_assert_null (document->annotations);
      if (g_str_equal (document->name, "d-000"))
        {
          annotations = gloss_curation_document_dup_annotations (
            document, gloss_project_get_store (fixture->project), &error);
          g_assert_no_error (error);
          g_assert_cmpuint (annotations->len, ==, 4);
          g_assert_true (document->annotations == annotations);
        }
    }

  g_ptr_array_add (annotators, NULL);
  names = g_strjoinv (",", (char **) annotators->pdata);
  g_assert_cmpstr (names, ==, "alice,ben,cai,dana");

  g_assert_cmpuint (fractions->len, >, 1);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >=,
                       g_array_index (fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/core/curation-queue/filters", Fixture, NULL, (void *) fixture_set_up,
              test_filters, (void *) fixture_tear_down);
  g_test_add ("/core/curation-queue/decided", Fixture, NULL, (void *) fixture_set_up,
              test_decided, (void *) fixture_tear_down);
  g_test_add ("/core/curation-queue/accept-agreed-everywhere", Fixture, NULL,
              (void *) fixture_set_up, test_accept_agreed_everywhere,
              (void *) fixture_tear_down);
  g_test_add ("/core/curation-queue/cancel", Fixture, NULL, (void *) fixture_set_up,
              test_cancel, (void *) fixture_tear_down);
  g_test_add ("/core/curation-queue/two-threads", Fixture, NULL, (void *) fixture_set_up,
              test_two_threads, (void *) fixture_tear_down);
  return g_test_run ();
}
