/* test-suggest.c: the suggestion engine: kept, merged, rejected, accepted with their frames
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "gloss-annotation-list.h"
#include "gloss-annotation.h"
#include "gloss-command.h"
#include "gloss-document.h"
#include "gloss-project.h"
#include "gloss-relation.h"
#include "gloss-store.h"
#include "gloss-suggest.h"
#include "suggest-test-util.h"

/* "É" and "—" before the spans: code points are not bytes. */
static const char wire[] =
  "ÉCHO (Meridian) — A defector told the agency that Unit 414 stole 300 million dollars. "
  "Nikolai Dorn said he fled in June.";

#define FIXED_LABELS "PERSON ORG SOURCE CLAIM CUE MONEY"

static const Proposal frame[] = {
  { "SOURCE", "A defector", 0.8, NULL, NULL, NULL },
  { "CUE", "told", 0.9, NULL, NULL, NULL },
  { "CLAIM", "Unit 414 stole 300 million dollars", 0.7, "A defector", "told", "asserted" },
  { "MONEY", "300 million dollars", 0.95, NULL, NULL, NULL },
  { "PERSON", "Nikolai Dorn", 0.6, NULL, NULL, NULL },
  { "CUE", "said", 0.9, NULL, NULL, NULL },
  { "CLAIM", "he fled in June", 0.5, "Nikolai Dorn", "said", "hedged" },
};

/* ---- fixture --------------------------------------------------------------- */

typedef struct
{
  char          *dir;
  char          *path;
  GlossProject  *project;
  GlossDocument *document;
  GPtrArray     *suggesters;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("gloss-suggest-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "suggest.gloss", NULL);
  fixture->project = gloss_project_create (fixture->path, NULL, &error);
  g_assert_no_error (error);
  gloss_project_set_annotator (fixture->project, "alice");
  fixture->document = gloss_project_add_document (fixture->project, "wire", wire, -1, NULL,
                                                  &error);
  g_assert_no_error (error);
  fixture->suggesters = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (fixture->suggesters,
                   fixed_new ("fixed", FIXED_LABELS, frame, G_N_ELEMENTS (frame)));
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->suggesters, g_ptr_array_unref);
  g_clear_object (&fixture->project);
  remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static gint64
suggest (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  gint64 n = gloss_project_suggest (fixture->project, fixture->suggesters, NULL, NULL, NULL, NULL,
                                    NULL, &error);

  g_assert_no_error (error);
  return n;
}

static GPtrArray *
pending (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = gloss_project_dup_suggestions (fixture->project,
                                                   gloss_document_get_id (fixture->document),
                                                   TRUE, &error);

  g_assert_no_error (error);
  return rows;
}

static GlossSuggestion *
find (GPtrArray  *rows,
      const char *label,
      const char *covered)
{
  guint start, end;

  span_of (wire, covered, &start, &end);
  for (guint i = 0; i < rows->len; i++)
    {
      GlossSuggestion *s = g_ptr_array_index (rows, i);

      if (g_str_equal (gloss_suggestion_get_label (s), label) &&
          gloss_suggestion_get_start (s) == start && gloss_suggestion_get_end (s) == end)
        return s;
    }
  return NULL;
}

static GPtrArray *
live_annotations (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = gloss_store_load_annotations (gloss_project_get_store (fixture->project),
                                                  gloss_document_get_id (fixture->document),
                                                  FALSE, &error);

  g_assert_no_error (error);
  return rows;
}

static GPtrArray *
live_relations (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = gloss_store_load_relations (gloss_project_get_store (fixture->project),
                                                gloss_document_get_id (fixture->document),
                                                FALSE, &error);

  g_assert_no_error (error);
  return rows;
}

static GlossAnnotation *
annotation_at (GPtrArray  *annotations,
               const char *label,
               const char *covered)
{
  guint start, end;

  span_of (wire, covered, &start, &end);
  for (guint i = 0; i < annotations->len; i++)
    {
      GlossAnnotation *a = g_ptr_array_index (annotations, i);

      if (g_str_equal (gloss_annotation_get_label (a), label) &&
          gloss_annotation_get_start (a) == start && gloss_annotation_get_end (a) == end)
        return a;
    }
  return NULL;
}

/* ---- tests ----------------------------------------------------------------- */

/* Kept in the project, not again when run again, still there reopened;
 * never annotations. */
static void
test_kept (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (suggest (fixture), ==, G_N_ELEMENTS (frame));
  g_assert_cmpint (suggest (fixture), ==, G_N_ELEMENTS (frame));
  rows = pending (fixture);
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (frame));
  g_assert_nonnull (find (rows, "MONEY", "300 million dollars"));
  g_assert_cmpstr (gloss_suggestion_get_suggester (find (rows, "CUE", "told")), ==, "fixed");
  g_assert_cmpfloat (gloss_suggestion_get_score (find (rows, "CUE", "told")), ==, 0.9);
  g_clear_pointer (&rows, g_ptr_array_unref);
  annotations = live_annotations (fixture);
  g_assert_cmpuint (annotations->len, ==, 0);

  g_clear_object (&fixture->project);
  fixture->project = gloss_project_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->document = gloss_project_find_document (fixture->project, "wire");
  rows = pending (fixture);
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (frame));
  {
    GlossSuggestion *claim = find (rows, "CLAIM", "Unit 414 stole 300 million dollars");
    g_autofree char *source = id_of (wire, "SOURCE", "A defector");
    g_autofree char *cue = id_of (wire, "CUE", "told");

    g_assert_nonnull (claim);
    g_assert_cmpstr (gloss_suggestion_get_source (claim), ==, source);
    g_assert_cmpstr (gloss_suggestion_get_cue (claim), ==, cue);
    g_assert_cmpstr (g_variant_get_string (gloss_suggestion_get_attribute (claim, "certainty"),
                                           NULL),
                     ==, "asserted");
  }
}

/* Two suggesters proposing the same span and label make one suggestion,
 * with the higher score; a failing suggester says so and the others go on. */
static void
test_merged_and_errors (Fixture      *fixture,
                        gconstpointer data)
{
  static const Proposal more[] = { { "MONEY", "300 million dollars", 0.99, NULL, NULL, NULL } };
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  GlossSuggester *broken = fixed_new ("broken", FIXED_LABELS, NULL, 0);
  gint64          n;

  TEST_FIXED (broken)->fail = TRUE;
  g_ptr_array_add (fixture->suggesters, fixed_new ("more", FIXED_LABELS, more, 1));
  g_ptr_array_add (fixture->suggesters, broken);
  n = gloss_project_suggest (fixture->project, fixture->suggesters, NULL, errors, NULL, NULL,
                             NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, G_N_ELEMENTS (frame));
  g_assert_cmpuint (errors->len, ==, 1);
  g_assert_true (g_str_has_prefix (((GError *) errors->pdata[0])->message, "broken: "));
  g_assert_nonnull (strstr (((GError *) errors->pdata[0])->message, "did not answer"));
  rows = pending (fixture);
  g_assert_cmpfloat (gloss_suggestion_get_score (find (rows, "MONEY", "300 million dollars")),
                     ==, 0.99);
  g_assert_cmpstr (gloss_suggestion_get_suggester (find (rows, "MONEY", "300 million dollars")),
                   ==, "more");
}

/* A rejected suggestion is not proposed again; undoing the rejection
 * brings it back. */
static void
test_reject (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GlossChangeSet) changes = NULL;
  g_autoptr(GError) error = NULL;

  suggest (fixture);
  rows = pending (fixture);
  g_ptr_array_add (one, g_object_ref (find (rows, "PERSON", "Nikolai Dorn")));
  changes = gloss_project_reject_suggestions (fixture->project, one, &error);
  g_assert_no_error (error);
  g_assert_nonnull (changes);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = pending (fixture);
  g_assert_null (find (rows, "PERSON", "Nikolai Dorn"));
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (frame) - 1);

  /* run again: still not proposed; the frame that named it loses its source */
  g_assert_cmpint (suggest (fixture), ==, G_N_ELEMENTS (frame) - 1);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = pending (fixture);
  g_assert_null (find (rows, "PERSON", "Nikolai Dorn"));
  g_assert_null (gloss_suggestion_get_source (find (rows, "CLAIM", "he fled in June")));

  g_assert_true (gloss_project_undo_changes (fixture->project, changes, NULL, NULL, NULL,
                                             &error));
  g_assert_no_error (error);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = pending (fixture);
  g_assert_nonnull (find (rows, "PERSON", "Nikolai Dorn"));
}

/* Accepting a claim makes the claim, its source and its cue, linked, with
 * the certainty and the provenance, in one step that undoes as one. */
static void
test_accept_frame (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GlossChangeSet) changes = NULL;
  g_autoptr(GError) error = NULL;
  GlossAnnotation *claim, *source, *cue;
  double score = 0;
  gboolean attributed = FALSE, cued = FALSE;

  suggest (fixture);
  rows = pending (fixture);
  g_ptr_array_add (one, g_object_ref (find (rows, "CLAIM", "Unit 414 stole 300 million dollars")));
  changes = gloss_project_accept_suggestions (fixture->project, one, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (changes);

  annotations = live_annotations (fixture);
  g_assert_cmpuint (annotations->len, ==, 3);
  claim = annotation_at (annotations, "CLAIM", "Unit 414 stole 300 million dollars");
  source = annotation_at (annotations, "SOURCE", "A defector");
  cue = annotation_at (annotations, "CUE", "told");
  g_assert_nonnull (claim);
  g_assert_nonnull (source);
  g_assert_nonnull (cue);
  g_assert_cmpstr (gloss_annotation_get_annotator (claim), ==, "alice");
  g_assert_cmpstr (gloss_annotation_get_provenance (claim, &score), ==, "fixed");
  g_assert_cmpfloat (score, ==, 0.7);
  g_assert_cmpstr (gloss_annotation_get_provenance (cue, &score), ==, "fixed");
  g_assert_cmpfloat (score, ==, 0.9);
  g_assert_cmpstr (g_variant_get_string (gloss_annotation_get_attribute (claim, "certainty"),
                                         NULL),
                   ==, "asserted");

  relations = live_relations (fixture);
  g_assert_cmpuint (relations->len, ==, 2);
  for (guint i = 0; i < relations->len; i++)
    {
      GlossRelation *r = g_ptr_array_index (relations, i);

      g_assert_cmpstr (gloss_relation_get_source (r), ==, gloss_annotation_get_uuid (claim));
      if (g_str_equal (gloss_relation_get_relation_type (r), "attributed-to"))
        attributed = g_str_equal (gloss_relation_get_target (r),
                                  gloss_annotation_get_uuid (source));
      else if (g_str_equal (gloss_relation_get_relation_type (r), "cue"))
        cued = g_str_equal (gloss_relation_get_target (r), gloss_annotation_get_uuid (cue));
    }
  g_assert_true (attributed);
  g_assert_true (cued);

  /* what is annotated is no longer pending; the rest is */
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = pending (fixture);
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (frame) - 3);
  g_assert_null (find (rows, "CUE", "told"));

  /* the provenance survives a reopen */
  g_clear_pointer (&annotations, g_ptr_array_unref);
  g_clear_object (&fixture->project);
  fixture->project = gloss_project_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->document = gloss_project_find_document (fixture->project, "wire");
  annotations = live_annotations (fixture);
  claim = annotation_at (annotations, "CLAIM", "Unit 414 stole 300 million dollars");
  g_assert_cmpstr (gloss_annotation_get_provenance (claim, &score), ==, "fixed");
  g_assert_cmpfloat (score, ==, 0.7);
}

static void
test_accept_undo (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GlossChangeSet) changes = NULL;
  g_autoptr(GError) error = NULL;

  suggest (fixture);
  rows = pending (fixture);
  /* everything at once: the frames' members are named and given, made once */
  changes = gloss_project_accept_suggestions (fixture->project, rows, NULL, NULL, &error);
  g_assert_no_error (error);
  annotations = live_annotations (fixture);
  g_assert_cmpuint (annotations->len, ==, G_N_ELEMENTS (frame));
  relations = live_relations (fixture);
  g_assert_cmpuint (relations->len, ==, 4);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = pending (fixture);
  g_assert_cmpuint (rows->len, ==, 0);

  g_assert_true (gloss_project_undo_changes (fixture->project, changes, NULL, NULL, NULL,
                                             &error));
  g_assert_no_error (error);
  g_clear_pointer (&annotations, g_ptr_array_unref);
  annotations = live_annotations (fixture);
  g_assert_cmpuint (annotations->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = pending (fixture);
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (frame));
}

/* With another label; a label the schema lacks is refused. */
static void
test_accept_as (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GlossChangeSet) changes = NULL;
  g_autoptr(GError) error = NULL;

  suggest (fixture);
  rows = pending (fixture);
  g_ptr_array_add (one, g_object_ref (find (rows, "PERSON", "Nikolai Dorn")));
  changes = gloss_project_accept_suggestions (fixture->project, one, "NO-SUCH", "ben", &error);
  g_assert_error (error, GLOSS_SUGGEST_ERROR, GLOSS_SUGGEST_ERROR_FAILED);
  g_assert_null (changes);
  g_clear_error (&error);
  changes = gloss_project_accept_suggestions (fixture->project, one, "ORG", "ben", &error);
  g_assert_no_error (error);
  g_assert_nonnull (changes);
  annotations = live_annotations (fixture);
  g_assert_cmpuint (annotations->len, ==, 1);
  g_assert_nonnull (annotation_at (annotations, "ORG", "Nikolai Dorn"));
  g_assert_cmpstr (gloss_annotation_get_annotator (g_ptr_array_index (annotations, 0)), ==,
                   "ben");
}

/* What an annotation makes already is not proposed, and a frame that
 * named it links the annotation instead. */
static void
test_annotated (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GlossAnnotationList) list = NULL;
  g_autoptr(GlossCommand) command = gloss_command_new ("annotate");
  g_autoptr(GlossAnnotation) person = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GlossChangeSet) changes = NULL;
  g_autoptr(GError) error = NULL;
  guint start, end;
  gboolean linked = FALSE;

  /* "Dorn" alone, PERSON, by bob: overlapping, so "Nikolai Dorn" is made */
  list = gloss_project_dup_annotation_list (fixture->project, fixture->document, &error);
  g_assert_no_error (error);
  span_of (wire, "Dorn", &start, &end);
  person = gloss_annotation_new_span ("PERSON", start, end, "bob");
  gloss_command_create_annotation (command, person);
  g_assert_true (gloss_annotation_list_apply (list, command, &error));
  g_assert_no_error (error);

  suggest (fixture);
  rows = pending (fixture);
  g_assert_null (find (rows, "PERSON", "Nikolai Dorn"));
  g_assert_cmpstr (gloss_suggestion_get_source (find (rows, "CLAIM", "he fled in June")), ==,
                   gloss_annotation_get_uuid (person));

  g_ptr_array_add (one, g_object_ref (find (rows, "CLAIM", "he fled in June")));
  changes = gloss_project_accept_suggestions (fixture->project, one, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (changes);
  relations = live_relations (fixture);
  for (guint i = 0; i < relations->len; i++)
    {
      GlossRelation *r = g_ptr_array_index (relations, i);

      if (g_str_equal (gloss_relation_get_relation_type (r), "attributed-to"))
        linked = g_str_equal (gloss_relation_get_target (r), gloss_annotation_get_uuid (person));
    }
  g_assert_true (linked);
}

static void
suggestion_changed_cb (GlossAnnotationList *list,
                       const char          *id,
                       int                  state,
                       GString             *seen)
{
  g_string_append_printf (seen, "%s=%d;", id, state);
}

/* In the open document, accepting and rejecting are commands of its list:
 * undone with Ctrl+Z like typing, in the order they were made. */
static void
test_commands (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GlossAnnotationList) list = NULL;
  g_autoptr(GlossCommand) accept = NULL;
  g_autoptr(GlossCommand) reject = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) claim = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) person = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GString) seen = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *person_id = id_of (wire, "PERSON", "Nikolai Dorn");
  g_autofree char *expected = NULL;

  suggest (fixture);
  list = gloss_project_dup_annotation_list (fixture->project, fixture->document, &error);
  g_assert_no_error (error);
  g_signal_connect (list, "suggestion-changed", G_CALLBACK (suggestion_changed_cb), seen);
  rows = pending (fixture);
  g_ptr_array_add (claim,
                   g_object_ref (find (rows, "CLAIM", "Unit 414 stole 300 million dollars")));
  g_ptr_array_add (person, g_object_ref (find (rows, "PERSON", "Nikolai Dorn")));

  accept = gloss_project_build_accept_command (fixture->project, list, claim, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (gloss_annotation_list_apply (list, accept, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  relations = live_relations (fixture);
  g_assert_cmpuint (relations->len, ==, 2);

  reject = gloss_suggestions_build_reject_command (person);
  g_assert_true (gloss_annotation_list_apply (list, reject, &error));
  g_assert_no_error (error);
  expected = g_strdup_printf ("%s=%d;", person_id, GLOSS_SUGGESTION_REJECTED);
  g_assert_cmpstr (seen->str, ==, expected);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = pending (fixture);
  g_assert_null (find (rows, "PERSON", "Nikolai Dorn"));
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (frame) - 4);

  /* Ctrl+Z: the rejection first, then the acceptance */
  g_assert_true (gloss_annotation_list_undo (list, &error));
  g_assert_no_error (error);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%s=%d;%s=%d;", person_id, GLOSS_SUGGESTION_REJECTED, person_id,
                              GLOSS_SUGGESTION_PENDING);
  g_assert_cmpstr (seen->str, ==, expected);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = pending (fixture);
  g_assert_nonnull (find (rows, "PERSON", "Nikolai Dorn"));
  g_assert_true (gloss_annotation_list_undo (list, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = pending (fixture);
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (frame));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/core/suggest/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("kept", test_kept);
  ADD ("merged-and-errors", test_merged_and_errors);
  ADD ("reject", test_reject);
  ADD ("accept-frame", test_accept_frame);
  ADD ("accept-undo", test_accept_undo);
  ADD ("accept-as", test_accept_as);
  ADD ("annotated", test_annotated);
  ADD ("commands", test_commands);
#undef ADD

  return g_test_run ();
}
