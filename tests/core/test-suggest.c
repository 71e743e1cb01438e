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
#include "gloss-frame.h"
#include "gloss-project.h"
#include "gloss-relation.h"
#include "gloss-relation-type.h"
#include "gloss-schema.h"
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

/* ---- many frames: the accept path at scale --------------------------------- */

#define N_FRAMES 60

/* An article of @N_FRAMES sentences whose frames cross: sentence k has a
 * source, a cue and two claims, a narrow one by its own source and a wide
 * one, overlapping it, by the previous sentence's source (the first by the
 * last's). Every fifth source is annotated already, by bob. */
typedef struct
{
  char      *text;
  GPtrArray *spans;        /* GlossSuggestion, by offsets */
  GPtrArray *odd_claims;   /* the narrow claims of the odd sentences, ids */
  GPtrArray *expected;     /* "LABEL start-end" and "type start-end > start-end", sorted */
} Frames;

static void
frames_clear (Frames *frames)
{
  g_free (frames->text);
  g_clear_pointer (&frames->spans, g_ptr_array_unref);
  g_clear_pointer (&frames->odd_claims, g_ptr_array_unref);
  g_clear_pointer (&frames->expected, g_ptr_array_unref);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

static void
frames_make (Frames *frames)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GlossFragment source[N_FRAMES], cue[N_FRAMES], narrow[N_FRAMES], wide[N_FRAMES];

  frames->spans = g_ptr_array_new_with_free_func (g_object_unref);
  frames->odd_claims = g_ptr_array_new_with_free_func (g_free);
  frames->expected = g_ptr_array_new_with_free_func (g_free);
  /* ASCII: bytes are code points */
  for (guint k = 0; k < N_FRAMES; k++)
    {
      g_string_append_printf (text, "%u. ", k);
      source[k].start = text->len;
      g_string_append_printf (text, "Officer %u", k);
      source[k].end = text->len;
      g_string_append (text, " ");
      cue[k].start = text->len;
      g_string_append (text, "told");
      cue[k].end = text->len;
      g_string_append (text, " reporters ");
      wide[k].start = text->len;
      g_string_append_printf (text, "on day %u that ", k);
      narrow[k].start = text->len;
      g_string_append_printf (text, "convoy %u left", k);
      wide[k].end = text->len;
      g_string_append_printf (text, " the port of Haeju %u", k);
      narrow[k].end = text->len;
      g_string_append (text, ".\n");
    }
  frames->text = g_strdup (text->str);

  for (guint k = 0; k < N_FRAMES; k++)
    {
      guint before = (k + N_FRAMES - 1) % N_FRAMES;
      GlossSuggestion *src = gloss_suggestion_new ("SOURCE", &source[k], 1, 0.8, NULL);
      GlossSuggestion *c = gloss_suggestion_new ("CUE", &cue[k], 1, 0.9, NULL);
      GlossSuggestion *claim = gloss_suggestion_new ("CLAIM", &narrow[k], 1, 0.7, NULL);
      GlossSuggestion *claim_wide = gloss_suggestion_new ("CLAIM", &wide[k], 1, 0.6, NULL);
      g_autofree char *before_id = gloss_suggestion_compute_id ("SOURCE", &source[before], 1);

      gloss_suggestion_set_source (claim, gloss_suggestion_get_id (src));
      gloss_suggestion_set_cue (claim, gloss_suggestion_get_id (c));
      gloss_suggestion_set_source (claim_wide, before_id);
      gloss_suggestion_set_cue (claim_wide, gloss_suggestion_get_id (c));
      if (k % 2 == 1)
        g_ptr_array_add (frames->odd_claims, g_strdup (gloss_suggestion_get_id (claim)));
      g_ptr_array_add (frames->spans, src);
      g_ptr_array_add (frames->spans, c);
      g_ptr_array_add (frames->spans, claim);
      g_ptr_array_add (frames->spans, claim_wide);

      g_ptr_array_add (frames->expected,
                       g_strdup_printf ("SOURCE %u-%u", source[k].start, source[k].end));
      g_ptr_array_add (frames->expected, g_strdup_printf ("CUE %u-%u", cue[k].start, cue[k].end));
      g_ptr_array_add (frames->expected,
                       g_strdup_printf ("CLAIM %u-%u", narrow[k].start, narrow[k].end));
      g_ptr_array_add (frames->expected,
                       g_strdup_printf ("CLAIM %u-%u", wide[k].start, wide[k].end));
      g_ptr_array_add (frames->expected,
                       g_strdup_printf ("attributed-to %u-%u > %u-%u", narrow[k].start,
                                        narrow[k].end, source[k].start, source[k].end));
      g_ptr_array_add (frames->expected,
                       g_strdup_printf ("cue %u-%u > %u-%u", narrow[k].start, narrow[k].end,
                                        cue[k].start, cue[k].end));
      g_ptr_array_add (frames->expected,
                       g_strdup_printf ("attributed-to %u-%u > %u-%u", wide[k].start,
                                        wide[k].end, source[before].start, source[before].end));
      g_ptr_array_add (frames->expected,
                       g_strdup_printf ("cue %u-%u > %u-%u", wide[k].start, wide[k].end,
                                        cue[k].start, cue[k].end));
    }
  g_ptr_array_sort (frames->expected, compare_strings);
}

static char *
range_of (GlossAnnotation *a)
{
  return g_strdup_printf ("%u-%u", gloss_annotation_get_start (a), gloss_annotation_get_end (a));
}

/* The live annotations and relations of @document, as in Frames.expected;
 * fails on an annotation made twice. */
static GPtrArray *
frames_dump (GlossProject *project,
             gint64        document)
{
  g_autoptr(GError) error = NULL;
  GlossStore *store = gloss_project_get_store (project);
  g_autoptr(GPtrArray) annotations = gloss_store_load_annotations (store, document, FALSE,
                                                                    &error);
  g_autoptr(GPtrArray) relations = gloss_store_load_relations (store, document, FALSE, &error);
  g_autoptr(GHashTable) ranges = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *dump = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (guint i = 0; i < annotations->len; i++)
    {
      GlossAnnotation *a = g_ptr_array_index (annotations, i);
      g_autofree char *range = range_of (a);
      char *line = g_strdup_printf ("%s %s", gloss_annotation_get_label (a), range);

      g_hash_table_insert (ranges, (gpointer) gloss_annotation_get_uuid (a),
                           g_steal_pointer (&range));
      g_ptr_array_add (dump, line);
      g_assert_true (g_hash_table_add (seen, line));
    }
  for (guint i = 0; i < relations->len; i++)
    {
      GlossRelation *r = g_ptr_array_index (relations, i);
      const char *from = g_hash_table_lookup (ranges, gloss_relation_get_source (r));
      const char *to = g_hash_table_lookup (ranges, gloss_relation_get_target (r));
      char *line;

      g_assert_nonnull (from);
      g_assert_nonnull (to);
      line = g_strdup_printf ("%s %s > %s", gloss_relation_get_relation_type (r), from, to);
      g_ptr_array_add (dump, line);
      g_assert_true (g_hash_table_add (seen, line));
    }
  g_ptr_array_sort (dump, compare_strings);
  return dump;
}

static void
assert_same_lines (GPtrArray *got,
                   GPtrArray *expected)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  g_ptr_array_add (got, NULL);
  g_ptr_array_add (expected, NULL);
  a = g_strjoinv ("\n", (char **) got->pdata);
  b = g_strjoinv ("\n", (char **) expected->pdata);
  g_ptr_array_remove_index (got, got->len - 1);
  g_ptr_array_remove_index (expected, expected->len - 1);
  g_assert_cmpstr (a, ==, b);
}

/* Only the suggestions of @rows whose ids are in @ids. */
static GPtrArray *
only_ids (GPtrArray *rows,
          GPtrArray *ids)
{
  GPtrArray *some = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < rows->len; i++)
    {
      GlossSuggestion *s = g_ptr_array_index (rows, i);

      for (guint j = 0; j < ids->len; j++)
        if (g_str_equal (gloss_suggestion_get_id (s), g_ptr_array_index (ids, j)))
          g_ptr_array_add (some, g_object_ref (s));
    }
  return some;
}

/* Many frames that share their members, accepted in two steps (the odd
 * sentences' claims, which bring their sources and cues from the project;
 * then every suggestion as it was listed before, twice over: made ones
 * are found, not made again), through the project and through the open
 * document's commands: each annotation and relation made once, and the
 * same in both ways. */
static void
test_accept_many (Fixture       *fixture,
                  gconstpointer  data)
{
  Frames frames = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) suggesters = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) odd = NULL;
  g_autoptr(GPtrArray) dump = NULL;
  g_autoptr(GlossChangeSet) first = NULL;
  g_autoptr(GlossChangeSet) second = NULL;
  g_autoptr(GlossAnnotationList) list = NULL;
  g_autoptr(GlossCommand) bob = gloss_command_new ("annotate");
  GlossDocument *document;
  gint64 id;

  frames_make (&frames);
  document = gloss_project_add_document (fixture->project, "frames", frames.text, -1, NULL,
                                         &error);
  g_assert_no_error (error);
  id = gloss_document_get_id (document);
  g_array_append_val (ids, id);

  /* bob's sources, before the suggester runs */
  list = gloss_project_dup_annotation_list (fixture->project, document, &error);
  g_assert_no_error (error);
  for (guint k = 0; k < N_FRAMES; k += 5)
    {
      GlossSuggestion *s = g_ptr_array_index (frames.spans, 4 * k);
      g_autoptr(GlossAnnotation) a = gloss_annotation_new_span ("SOURCE",
                                                                gloss_suggestion_get_start (s),
                                                                gloss_suggestion_get_end (s),
                                                                "bob");

      gloss_command_create_annotation (bob, a);
    }
  g_assert_true (gloss_annotation_list_apply (list, bob, &error));
  g_assert_no_error (error);
  g_clear_object (&list);

  g_ptr_array_add (suggesters, fixed_new_spans ("fixed", FIXED_LABELS,
                                                g_ptr_array_ref (frames.spans)));
  g_assert_cmpint (gloss_project_suggest (fixture->project, suggesters, ids, NULL, NULL, NULL,
                                          NULL, &error),
                   ==, 4 * N_FRAMES - N_FRAMES / 5);
  g_assert_no_error (error);
  rows = gloss_project_dup_suggestions (fixture->project, id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 4 * N_FRAMES - N_FRAMES / 5);
  odd = only_ids (rows, frames.odd_claims);
  g_assert_cmpuint (odd->len, ==, N_FRAMES / 2);
  /* the stale list, twice over */
  for (guint i = 0, n = rows->len; i < n; i++)
    g_ptr_array_add (rows, g_object_ref (g_ptr_array_index (rows, i)));

  /* the project's way */
  first = gloss_project_accept_suggestions (fixture->project, odd, NULL, NULL, &error);
  g_assert_no_error (error);
  second = gloss_project_accept_suggestions (fixture->project, rows, NULL, NULL, &error);
  g_assert_no_error (error);
  dump = frames_dump (fixture->project, id);
  assert_same_lines (dump, frames.expected);
  g_clear_pointer (&dump, g_ptr_array_unref);

  /* undone, the open document's way */
  g_assert_true (gloss_project_undo_changes (fixture->project, second, NULL, NULL, NULL,
                                             &error));
  g_assert_no_error (error);
  g_assert_true (gloss_project_undo_changes (fixture->project, first, NULL, NULL, NULL,
                                             &error));
  g_assert_no_error (error);
  dump = frames_dump (fixture->project, id);
  g_assert_cmpuint (dump->len, ==, N_FRAMES / 5);
  g_clear_pointer (&dump, g_ptr_array_unref);

  list = gloss_project_dup_annotation_list (fixture->project, document, &error);
  g_assert_no_error (error);
  for (guint step = 0; step < 2; step++)
    {
      g_autoptr(GlossCommand) command = NULL;

      command = gloss_project_build_accept_command (fixture->project, list,
                                                    step == 0 ? odd : rows, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (gloss_annotation_list_apply (list, command, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4 * N_FRAMES);
  dump = frames_dump (fixture->project, id);
  assert_same_lines (dump, frames.expected);

  frames_clear (&frames);
}

/* Who else could be a claim's source, in the order Tab offers them: the
 * suggester's choice, then those outside the claim nearest first (a
 * suggestion or an annotation alike), then one inside the claim, then
 * nobody; a cue is no source, and what is out of reach is not offered. */
static void
test_rank_candidates (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossSchema) news = gloss_schema_new_preset ("news", &error);
  g_autoptr(GPtrArray) roles = NULL;
  g_autoptr(GPtrArray) suggestions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) refs = NULL;
  g_autoptr(GlossSuggestion) claim = gloss_suggestion_new_span ("CLAIM", 100, 150, 0.9, "rules");
  GlossSuggestion *chosen, *near, *inside, *cue, *far;
  GlossFragment af = { 60, 70 };
  GlossAnnotation *annotated;

  g_assert_no_error (error);
  roles = gloss_frame_dup_roles (news, "CLAIM");
  g_assert_cmpstr (gloss_relation_type_get_name (g_ptr_array_index (roles, 0)), ==,
                   "attributed-to");
  chosen = gloss_suggestion_new_span ("PERSON", 20, 30, 0.8, "rules");  /* 70 before */
  near = gloss_suggestion_new_span ("SOURCE", 152, 160, 0.7, "rules");  /* 2 after */
  inside = gloss_suggestion_new_span ("ORG", 110, 120, 0.7, "rules");   /* in the claim */
  cue = gloss_suggestion_new_span ("CUE", 95, 99, 0.9, "rules");        /* no source */
  far = gloss_suggestion_new_span ("PERSON", 5000, 5010, 0.9, "rules"); /* out of reach */
  g_ptr_array_add (suggestions, chosen);
  g_ptr_array_add (suggestions, near);
  g_ptr_array_add (suggestions, inside);
  g_ptr_array_add (suggestions, cue);
  g_ptr_array_add (suggestions, far);
  annotated = gloss_annotation_new ("ORG", &af, 1, "ana"); /* 30 before */
  g_ptr_array_add (annotations, annotated);

  refs = gloss_suggestion_rank_candidates (claim, g_ptr_array_index (roles, 0), suggestions,
                                           annotations, gloss_suggestion_get_id (chosen),
                                           GLOSS_SUGGEST_FRAME_REACH);
  g_assert_cmpuint (refs->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (refs, 0), ==, gloss_suggestion_get_id (chosen));
  g_assert_cmpstr (g_ptr_array_index (refs, 1), ==, gloss_suggestion_get_id (near));
  g_assert_cmpstr (g_ptr_array_index (refs, 2), ==, gloss_annotation_get_uuid (annotated));
  g_assert_cmpstr (g_ptr_array_index (refs, 3), ==, gloss_suggestion_get_id (inside));
  g_assert_null (g_ptr_array_index (refs, 4));

  /* the cue's role takes only the cue */
  g_clear_pointer (&refs, g_ptr_array_unref);
  refs = gloss_suggestion_rank_candidates (claim, g_ptr_array_index (roles, 1), suggestions,
                                           annotations, NULL, GLOSS_SUGGEST_FRAME_REACH);
  g_assert_cmpuint (refs->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (refs, 0), ==, gloss_suggestion_get_id (cue));
  g_assert_null (g_ptr_array_index (refs, 1));
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
  ADD ("accept-many", test_accept_many);
#undef ADD
  g_test_add_func ("/core/suggest/rank-candidates", test_rank_candidates);

  return g_test_run ();
}
