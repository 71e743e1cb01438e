/* test-commands.c: every edit kind through GlossAnnotationList
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "core-test-util.h"

/*                         0         1         2         3         4         5         6
 *                         0123456789012345678901234567890123456789012345678901234567890123 */
static const char text[] = "The minister, officials said, will resign. Reuters told reporters "
                           "that Zürich talks resume.";

typedef struct
{
  char                *old_uuid;   /* NULL = none */
  char                *new_uuid;
  gboolean             new_deleted;
} Signal;

typedef struct
{
  GlossProject        *project;
  GlossDocument       *doc;
  GlossAnnotationList *list;
  TestMirror          *mirror;
  TestMirror          *rel_mirror;
  GPtrArray           *signals;    /* Signal, annotation-changed */
  GPtrArray           *rsignals;   /* Signal, relation-changed */
  GPtrArray           *statuses;   /* char *, status-changed */
} Fixture;

static void
signal_free (Signal *s)
{
  g_free (s->old_uuid);
  g_free (s->new_uuid);
  g_free (s);
}

static void
annotation_changed_cb (GlossAnnotationList *list,
                       GlossAnnotation     *old,
                       GlossAnnotation     *new,
                       Fixture             *f)
{
  Signal *s = g_new0 (Signal, 1);

  /* emitted after items-changed: the model already shows the new state */
  if (new != NULL)
    g_assert_true (gloss_annotation_list_lookup (list, gloss_annotation_get_uuid (new)) == new);
  else
    g_assert_null (gloss_annotation_list_lookup (list, gloss_annotation_get_uuid (old)));
  if (old != NULL)
    g_assert_false (gloss_annotation_get_deleted (old));
  s->old_uuid = old ? g_strdup (gloss_annotation_get_uuid (old)) : NULL;
  s->new_uuid = new ? g_strdup (gloss_annotation_get_uuid (new)) : NULL;
  s->new_deleted = new ? gloss_annotation_get_deleted (new) : FALSE;
  g_ptr_array_add (f->signals, s);
}

static void
relation_changed_cb (GlossAnnotationList *list,
                     GlossRelation       *old,
                     GlossRelation       *new,
                     Fixture             *f)
{
  Signal *s = g_new0 (Signal, 1);

  if (new != NULL)
    g_assert_true (gloss_annotation_list_lookup_relation (list, gloss_relation_get_uuid (new))
                   == new);
  else
    g_assert_null (gloss_annotation_list_lookup_relation (list, gloss_relation_get_uuid (old)));
  s->old_uuid = old ? g_strdup (gloss_relation_get_uuid (old)) : NULL;
  s->new_uuid = new ? g_strdup (gloss_relation_get_uuid (new)) : NULL;
  g_ptr_array_add (f->rsignals, s);
}

static void
status_changed_cb (GlossAnnotationList *list,
                   const char          *annotator,
                   Fixture             *f)
{
  g_ptr_array_add (f->statuses, g_strdup (annotator));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_path ("commands.gloss");

  f->project = gloss_project_create (path, NULL, &error);
  g_assert_no_error (error);
  gloss_project_set_annotator (f->project, "alice");
  f->doc = gloss_project_add_document (f->project, "doc", text, -1, NULL, &error);
  g_assert_no_error (error);
  f->list = gloss_project_dup_annotation_list (f->project, f->doc, &error);
  g_assert_no_error (error);
  f->mirror = test_mirror_new (G_LIST_MODEL (f->list));
  f->rel_mirror = test_mirror_new (gloss_annotation_list_get_relations (f->list));
  f->signals = g_ptr_array_new_with_free_func ((GDestroyNotify) signal_free);
  f->rsignals = g_ptr_array_new_with_free_func ((GDestroyNotify) signal_free);
  f->statuses = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (f->list, "annotation-changed", G_CALLBACK (annotation_changed_cb), f);
  g_signal_connect (f->list, "relation-changed", G_CALLBACK (relation_changed_cb), f);
  g_signal_connect (f->list, "status-changed", G_CALLBACK (status_changed_cb), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_store_check_integrity (gloss_project_get_store (f->project), &error));
  g_assert_no_error (error);
  test_mirror_free (f->mirror);
  test_mirror_free (f->rel_mirror);
  g_signal_handlers_disconnect_by_data (f->list, f);
  g_clear_object (&f->list);
  g_clear_object (&f->project);
  g_ptr_array_unref (f->signals);
  g_ptr_array_unref (f->rsignals);
  g_ptr_array_unref (f->statuses);
}

static void
check (Fixture *f)
{
  test_mirror_check (f->mirror);
  test_mirror_check (f->rel_mirror);
  test_check_list_matches_store (f->list, gloss_project_get_store (f->project));
  g_assert_cmpuint (gloss_document_get_n_annotations (f->doc), ==,
                    g_list_model_get_n_items (G_LIST_MODEL (f->list)));
}

static void
apply_ok (Fixture      *f,
          GlossCommand *cmd)
{
  g_autoptr(GError) error = NULL;

  g_ptr_array_set_size (f->signals, 0);
  g_ptr_array_set_size (f->rsignals, 0);
  g_ptr_array_set_size (f->statuses, 0);
  gloss_annotation_list_apply (f->list, cmd, &error);
  g_assert_no_error (error);
  g_assert_true (gloss_command_is_applied (cmd));
  g_object_unref (cmd);
  check (f);
}

static char *
dump (Fixture *f)
{
  return test_dump_store (_gloss_store_get_db (gloss_project_get_store (f->project)));
}

/* Applies @cmd expecting a failure; nothing may change. */
static GError *
apply_fails (Fixture      *f,
             GlossCommand *cmd)
{
  GError *error = NULL;
  g_autofree char *before = dump (f);
  g_autofree char *after = NULL;
  guint n_signals = f->mirror->n_signals + f->rel_mirror->n_signals;
  gboolean could_undo = gloss_annotation_list_can_undo (f->list);
  const char *undo_desc = gloss_annotation_list_get_undo_description (f->list);

  g_ptr_array_set_size (f->signals, 0);
  g_ptr_array_set_size (f->rsignals, 0);
  g_assert_false (gloss_annotation_list_apply (f->list, cmd, &error));
  g_assert_nonnull (error);
  g_test_message ("refused as expected: %s", error->message);
  g_assert_false (gloss_command_is_applied (cmd));
  g_object_unref (cmd);
  after = dump (f);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (f->mirror->n_signals + f->rel_mirror->n_signals, ==, n_signals);
  g_assert_cmpuint (f->signals->len, ==, 0);
  g_assert_cmpuint (f->rsignals->len, ==, 0);
  g_assert_cmpint (gloss_annotation_list_can_undo (f->list), ==, could_undo);
  g_assert_true (gloss_annotation_list_get_undo_description (f->list) == undo_desc);
  g_assert_false (gloss_store_in_transaction (gloss_project_get_store (f->project)));
  check (f);
  return error;
}

static GlossAnnotation *
create (Fixture    *f,
        const char *label,
        guint       start,
        guint       end)
{
  g_autoptr(GlossAnnotation) a = gloss_annotation_new_span (label, start, end, NULL);
  const char *uuid;

  apply_ok (f, gloss_command_create_annotation (gloss_command_new ("Create"), a));
  uuid = gloss_annotation_get_uuid (a);
  g_assert_cmpuint (f->signals->len, ==, 1);
  g_assert_null (((Signal *) f->signals->pdata[0])->old_uuid);
  g_assert_cmpstr (((Signal *) f->signals->pdata[0])->new_uuid, ==, uuid);
  return gloss_annotation_list_lookup (f->list, uuid);
}

static GlossRelation *
relate (Fixture    *f,
        const char *type,
        const char *source,
        const char *target)
{
  g_autoptr(GlossRelation) r = gloss_relation_new (type, source, target, NULL);

  apply_ok (f, gloss_command_add_relation (gloss_command_new ("Relate"), r));
  g_assert_cmpuint (f->rsignals->len, ==, 1);
  return gloss_annotation_list_lookup_relation (f->list, gloss_relation_get_uuid (r));
}

static void
undo_ok (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_ptr_array_set_size (f->signals, 0);
  g_ptr_array_set_size (f->rsignals, 0);
  g_assert_true (gloss_annotation_list_undo (f->list, &error));
  g_assert_no_error (error);
  check (f);
}

static void
redo_ok (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_ptr_array_set_size (f->signals, 0);
  g_ptr_array_set_size (f->rsignals, 0);
  g_assert_true (gloss_annotation_list_redo (f->list, &error));
  g_assert_no_error (error);
  check (f);
}

/* ---- tests */

static void
test_create_delete (Fixture       *f,
                    gconstpointer  data)
{
  GlossAnnotation *a, *b, *c;
  g_autofree char *a_uuid = NULL;
  g_autofree char *empty = dump (f);
  g_autofree char *full = NULL;
  GError *error = NULL;

  b = create (f, "ORG", 43, 50);
  a = create (f, "PERSON", 4, 12);
  c = create (f, "GPE", 71, 77);
  a_uuid = g_strdup (gloss_annotation_get_uuid (a));
  g_assert_cmpstr (gloss_annotation_get_annotator (a), ==, "alice");
  g_assert_cmpint (gloss_annotation_get_document_id (a), ==, gloss_document_get_id (f->doc));
  {
    g_autoptr(GlossAnnotation) first = g_list_model_get_item (G_LIST_MODEL (f->list), 0);
    g_autoptr(GlossAnnotation) last = g_list_model_get_item (G_LIST_MODEL (f->list), 2);
    g_assert_true (first == a);
    g_assert_true (last == c);
  }
  {
    g_autofree char *covered = gloss_annotation_dup_text (c, gloss_document_get_text (f->doc));
    g_assert_cmpstr (covered, ==, "Zürich");
  }
  full = dump (f);

  /* duplicates, bad labels, bad fragments */
  error = apply_fails (f, gloss_command_create_annotation (gloss_command_new ("x"), a));
  g_assert_error (error, GLOSS_COMMAND_ERROR, GLOSS_COMMAND_ERROR_EXISTS);
  g_clear_error (&error);
  {
    g_autoptr(GlossAnnotation) bad = gloss_annotation_new_span ("NOPE", 0, 3, NULL);
    error = apply_fails (f, gloss_command_create_annotation (gloss_command_new ("x"), bad));
    g_assert_error (error, GLOSS_COMMAND_ERROR, GLOSS_COMMAND_ERROR_INVALID);
    g_clear_error (&error);
  }
  {
    guint len = gloss_document_get_length (f->doc);
    g_autoptr(GlossAnnotation) bad = gloss_annotation_new_span ("ORG", len - 2, len + 1, NULL);
    g_autoptr(GlossAnnotation) empty_span = gloss_annotation_new_span ("ORG", 5, 5, NULL);
    g_autoptr(GlossAnnotation) none = gloss_annotation_new ("ORG", NULL, 0, NULL);
    GlossFragment overlap[] = { { 0, 5 }, { 4, 8 } };
    g_autoptr(GlossAnnotation) ov = gloss_annotation_new ("ORG", overlap, 2, NULL);

    error = apply_fails (f, gloss_command_create_annotation (gloss_command_new ("x"), bad));
    g_assert_error (error, GLOSS_COMMAND_ERROR, GLOSS_COMMAND_ERROR_INVALID);
    g_clear_error (&error);
    error = apply_fails (f, gloss_command_create_annotation (gloss_command_new ("x"), empty_span));
    g_assert_error (error, GLOSS_COMMAND_ERROR, GLOSS_COMMAND_ERROR_INVALID);
    g_clear_error (&error);
    error = apply_fails (f, gloss_command_create_annotation (gloss_command_new ("x"), none));
    g_assert_error (error, GLOSS_COMMAND_ERROR, GLOSS_COMMAND_ERROR_INVALID);
    g_clear_error (&error);
    error = apply_fails (f, gloss_command_create_annotation (gloss_command_new ("x"), ov));
    g_assert_error (error, GLOSS_COMMAND_ERROR, GLOSS_COMMAND_ERROR_INVALID);
    g_clear_error (&error);
  }
  error = apply_fails (f, gloss_command_new ("empty"));
  g_assert_error (error, GLOSS_COMMAND_ERROR, GLOSS_COMMAND_ERROR_EMPTY);
  g_clear_error (&error);

  /* delete: a tombstone stays in the store */
  apply_ok (f, gloss_command_delete_annotation (gloss_command_new ("Delete"), a_uuid));
  g_assert_null (gloss_annotation_list_lookup (f->list, a_uuid));
  g_assert_cmpuint (f->signals->len, ==, 1);
  g_assert_cmpstr (((Signal *) f->signals->pdata[0])->old_uuid, ==, a_uuid);
  g_assert_null (((Signal *) f->signals->pdata[0])->new_uuid);
  {
    g_autoptr(GError) e = NULL;
    g_autoptr(GlossAnnotation) row =
      gloss_store_load_annotation (gloss_project_get_store (f->project), a_uuid, &e);
    g_assert_no_error (e);
    g_assert_true (gloss_annotation_get_deleted (row));
  }
  error = apply_fails (f, gloss_command_delete_annotation (gloss_command_new ("x"), a_uuid));
  g_assert_error (error, GLOSS_COMMAND_ERROR, GLOSS_COMMAND_ERROR_NOT_FOUND);
  g_clear_error (&error);
  error = apply_fails (f, gloss_command_set_label (gloss_command_new ("x"), a_uuid, "ORG"));
  g_assert_error (error, GLOSS_COMMAND_ERROR, GLOSS_COMMAND_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* a deleted uuid cannot be created again */
  {
    g_autoptr(GlossAnnotation) again = gloss_annotation_new_span ("ORG", 0, 3, NULL);
    gloss_annotation_set_uuid (again, a_uuid);
    error = apply_fails (f, gloss_command_create_annotation (gloss_command_new ("x"), again));
    g_assert_error (error, GLOSS_COMMAND_ERROR, GLOSS_COMMAND_ERROR_EXISTS);
    g_clear_error (&error);
  }

  undo_ok (f);
  g_assert_nonnull (gloss_annotation_list_lookup (f->list, a_uuid));
  g_assert_cmpuint (f->signals->len, ==, 1);
  g_assert_null (((Signal *) f->signals->pdata[0])->old_uuid);
  {
    g_autofree char *now = dump (f);
    g_assert_cmpstr (now, ==, full);
  }
  undo_ok (f);
  undo_ok (f);
  undo_ok (f);
  g_assert_false (gloss_annotation_list_can_undo (f->list));
  {
    g_autofree char *now = dump (f);
    g_assert_cmpstr (now, ==, empty);
  }
  redo_ok (f);
  redo_ok (f);
  redo_ok (f);
  {
    g_autofree char *now = dump (f);
    g_assert_cmpstr (now, ==, full);
  }
  (void) b;
}

static void
test_set_label_fragments (Fixture       *f,
                          gconstpointer  data)
{
  GlossAnnotation *a = create (f, "PERSON", 4, 12);
  GlossAnnotation *b = create (f, "ORG", 43, 50);
  g_autofree char *uuid = g_strdup (gloss_annotation_get_uuid (a));
  GlossFragment split[] = { { 54, 64 }, { 0, 12 } };  /* unsorted on purpose */
  guint n, pos;
  const GlossFragment *fr;
  GError *error = NULL;
  gint64 modified = gloss_annotation_get_modified (a);
  gint64 created = gloss_annotation_get_created (a);

  apply_ok (f, gloss_command_set_label (gloss_command_new ("Label"), uuid, "ORG"));
  a = gloss_annotation_list_lookup (f->list, uuid);
  g_assert_cmpstr (gloss_annotation_get_label (a), ==, "ORG");
  g_assert_cmpint (gloss_annotation_get_created (a), ==, created);
  g_assert_cmpint (gloss_annotation_get_modified (a), >, modified);
  g_assert_cmpuint (f->signals->len, ==, 1);
  g_assert_cmpstr (((Signal *) f->signals->pdata[0])->old_uuid, ==, uuid);
  g_assert_cmpstr (((Signal *) f->signals->pdata[0])->new_uuid, ==, uuid);
  error = apply_fails (f, gloss_command_set_label (gloss_command_new ("x"), uuid, "BOGUS"));
  g_assert_error (error, GLOSS_COMMAND_ERROR, GLOSS_COMMAND_ERROR_INVALID);
  g_clear_error (&error);

  /* moves after b, discontinuous */
  apply_ok (f, gloss_command_set_fragments (gloss_command_new ("Move"), uuid, split, 2));
  a = gloss_annotation_list_lookup (f->list, uuid);
  fr = gloss_annotation_get_fragments (a, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (fr[0].start, ==, 0);
  g_assert_cmpuint (fr[1].start, ==, 54);
  g_assert_cmpuint (gloss_annotation_get_start (a), ==, 0);
  g_assert_cmpuint (gloss_annotation_get_end (a), ==, 64);
  g_assert_true (gloss_annotation_list_find (f->list, uuid, &pos));
  g_assert_cmpuint (pos, ==, 0);

  {
    GlossFragment later[] = { { 60, 70 } };
    apply_ok (f, gloss_command_set_fragments (gloss_command_new ("Move"), uuid, later, 1));
    g_assert_true (gloss_annotation_list_find (f->list, uuid, &pos));
    g_assert_cmpuint (pos, ==, 1);
  }
  {
    GlossFragment bad[] = { { 60, 200 } };
    error = apply_fails (f, gloss_command_set_fragments (gloss_command_new ("x"), uuid, bad, 1));
    g_assert_error (error, GLOSS_COMMAND_ERROR, GLOSS_COMMAND_ERROR_INVALID);
    g_clear_error (&error);
    error = apply_fails (f, gloss_command_set_fragments (gloss_command_new ("x"), uuid, NULL, 0));
    g_assert_error (error, GLOSS_COMMAND_ERROR, GLOSS_COMMAND_ERROR_INVALID);
    g_clear_error (&error);
  }

  undo_ok (f);
  g_assert_true (gloss_annotation_list_find (f->list, uuid, &pos));
  g_assert_cmpuint (pos, ==, 0);
  undo_ok (f);
  undo_ok (f);
  a = gloss_annotation_list_lookup (f->list, uuid);
  g_assert_cmpstr (gloss_annotation_get_label (a), ==, "PERSON");
  g_assert_cmpuint (gloss_annotation_get_start (a), ==, 4);
  (void) b;
}

static void
test_attributes (Fixture       *f,
                 gconstpointer  data)
{
  GlossAnnotation *claim = create (f, "CLAIM", 0, 41);
  GlossAnnotation *person = create (f, "PERSON", 4, 12);
  g_autofree char *cu = g_strdup (gloss_annotation_get_uuid (claim));
  g_autofree char *pu = g_strdup (gloss_annotation_get_uuid (person));
  GError *error = NULL;
  GVariant *v;

  apply_ok (f, gloss_command_set_attribute (gloss_command_new ("Attr"), cu, "certainty",
                                            g_variant_new_string ("hedged")));
  claim = gloss_annotation_list_lookup (f->list, cu);
  v = gloss_annotation_get_attribute (claim, "certainty");
  g_assert_nonnull (v);
  g_assert_cmpstr (g_variant_get_string (v, NULL), ==, "hedged");
  apply_ok (f, gloss_command_set_attribute (gloss_command_new ("Attr"), cu, "checkworthy",
                                            g_variant_new_boolean (TRUE)));

  error = apply_fails (f, gloss_command_set_attribute (gloss_command_new ("x"), cu, "certainty",
                                                       g_variant_new_string ("bogus")));
  g_clear_error (&error);
  error = apply_fails (f, gloss_command_set_attribute (gloss_command_new ("x"), cu, "checkworthy",
                                                       g_variant_new_string ("yes")));
  g_clear_error (&error);
  error = apply_fails (f, gloss_command_set_attribute (gloss_command_new ("x"), cu, "nonsense",
                                                       g_variant_new_string ("x")));
  g_clear_error (&error);
  /* PERSON has no certainty */
  error = apply_fails (f, gloss_command_set_attribute (gloss_command_new ("x"), pu, "certainty",
                                                       g_variant_new_string ("hedged")));
  g_clear_error (&error);
  /* nor on creation */
  {
    g_autoptr(GlossAnnotation) p2 = gloss_annotation_new_span ("PERSON", 0, 3, NULL);
    gloss_annotation_set_attribute (p2, "certainty", g_variant_new_string ("hedged"));
    error = apply_fails (f, gloss_command_create_annotation (gloss_command_new ("x"), p2));
    g_clear_error (&error);
  }
  /* a relabel drops the attributes the new label lacks; undo brings them back */
  apply_ok (f, gloss_command_set_label (gloss_command_new ("Relabel"), cu, "PERSON"));
  g_assert_null (gloss_annotation_get_attributes (gloss_annotation_list_lookup (f->list, cu)));
  undo_ok (f);
  claim = gloss_annotation_list_lookup (f->list, cu);
  g_assert_cmpstr (gloss_annotation_get_label (claim), ==, "CLAIM");
  g_assert_nonnull (gloss_annotation_get_attribute (claim, "certainty"));
  g_assert_nonnull (gloss_annotation_get_attribute (claim, "checkworthy"));

  /* unset */
  apply_ok (f, gloss_command_set_attribute (gloss_command_new ("Unset"), cu, "certainty", NULL));
  claim = gloss_annotation_list_lookup (f->list, cu);
  g_assert_null (gloss_annotation_get_attribute (claim, "certainty"));
  g_assert_nonnull (gloss_annotation_get_attribute (claim, "checkworthy"));

  undo_ok (f);
  claim = gloss_annotation_list_lookup (f->list, cu);
  g_assert_cmpstr (g_variant_get_string (gloss_annotation_get_attribute (claim, "certainty"),
                                         NULL), ==, "hedged");

  /* notes and normalisation */
  apply_ok (f, gloss_command_set_note (gloss_command_new ("Note"), pu, "check spelling"));
  apply_ok (f, gloss_command_set_normalisation (gloss_command_new ("Norm"), pu, "Q42",
                                                "Douglas Adams"));
  person = gloss_annotation_list_lookup (f->list, pu);
  g_assert_cmpstr (gloss_annotation_get_note (person), ==, "check spelling");
  g_assert_cmpstr (gloss_annotation_get_norm_id (person), ==, "Q42");
  g_assert_cmpstr (gloss_annotation_get_norm_name (person), ==, "Douglas Adams");
  apply_ok (f, gloss_command_set_note (gloss_command_new ("Note"), pu, NULL));
  apply_ok (f, gloss_command_set_normalisation (gloss_command_new ("Norm"), pu, NULL, NULL));
  person = gloss_annotation_list_lookup (f->list, pu);
  g_assert_null (gloss_annotation_get_note (person));
  g_assert_null (gloss_annotation_get_norm_id (person));
  undo_ok (f);
  undo_ok (f);
  person = gloss_annotation_list_lookup (f->list, pu);
  g_assert_cmpstr (gloss_annotation_get_note (person), ==, "check spelling");
  g_assert_cmpstr (gloss_annotation_get_norm_name (person), ==, "Douglas Adams");

  /* reloaded from the store, the values survive */
  {
    g_autoptr(GError) e = NULL;
    g_autoptr(GlossAnnotation) row =
      gloss_store_load_annotation (gloss_project_get_store (f->project), cu, &e);
    g_assert_no_error (e);
    g_assert_true (gloss_annotation_equal (row, gloss_annotation_list_lookup (f->list, cu)));
  }
}

static void
test_relations (Fixture       *f,
                gconstpointer  data)
{
  GlossAnnotation *claim = create (f, "CLAIM", 30, 41);
  GlossAnnotation *person = create (f, "PERSON", 4, 12);
  GlossAnnotation *cue = create (f, "CUE", 24, 28);
  GlossAnnotation *date = create (f, "GPE", 71, 77);
  g_autofree char *cu = g_strdup (gloss_annotation_get_uuid (claim));
  g_autofree char *pu = g_strdup (gloss_annotation_get_uuid (person));
  g_autofree char *uu = g_strdup (gloss_annotation_get_uuid (cue));
  g_autofree char *gu = g_strdup (gloss_annotation_get_uuid (date));
  GlossRelation *attr, *rcue;
  g_autofree char *au = NULL;
  g_autofree char *ru = NULL;
  g_autofree char *before_delete = NULL;
  GError *error = NULL;

  attr = relate (f, "attributed-to", cu, pu);
  au = g_strdup (gloss_relation_get_uuid (attr));
  rcue = relate (f, "cue", cu, uu);
  ru = g_strdup (gloss_relation_get_uuid (rcue));
  g_assert_cmpstr (gloss_relation_get_annotator (attr), ==, "alice");
  g_assert_cmpuint (g_list_model_get_n_items (gloss_annotation_list_get_relations (f->list)), ==, 2);

  /* ends refused by the schema */
  {
    g_autoptr(GlossRelation) bad = gloss_relation_new ("cue", cu, pu, NULL);
    g_autoptr(GlossRelation) bad2 = gloss_relation_new ("attributed-to", pu, cu, NULL);
    g_autoptr(GlossRelation) bad3 = gloss_relation_new ("no-such-type", cu, pu, NULL);
    g_autoptr(GlossRelation) dangling = gloss_relation_new ("about", cu, "no-such-uuid", NULL);

    error = apply_fails (f, gloss_command_add_relation (gloss_command_new ("x"), bad));
    g_clear_error (&error);
    error = apply_fails (f, gloss_command_add_relation (gloss_command_new ("x"), bad2));
    g_clear_error (&error);
    error = apply_fails (f, gloss_command_add_relation (gloss_command_new ("x"), bad3));
    g_clear_error (&error);
    error = apply_fails (f, gloss_command_add_relation (gloss_command_new ("x"), dangling));
    g_assert_error (error, GLOSS_COMMAND_ERROR, GLOSS_COMMAND_ERROR_NOT_FOUND);
    g_clear_error (&error);
    error = apply_fails (f, gloss_command_add_relation (gloss_command_new ("x"), attr));
    g_assert_error (error, GLOSS_COMMAND_ERROR, GLOSS_COMMAND_ERROR_EXISTS);
    g_clear_error (&error);
  }

  /* relation attributes */
  apply_ok (f, gloss_command_set_relation_attribute (gloss_command_new ("RA"), au, "confidence",
                                                     g_variant_new_string ("high")));
  g_assert_cmpuint (f->rsignals->len, ==, 1);
  attr = gloss_annotation_list_lookup_relation (f->list, au);
  g_assert_cmpstr (g_variant_get_string (gloss_relation_get_attribute (attr, "confidence"), NULL),
                   ==, "high");
  error = apply_fails (f, gloss_command_set_relation_attribute (gloss_command_new ("x"), au,
                                                                "confidence",
                                                                g_variant_new_string ("bogus")));
  g_clear_error (&error);
  error = apply_fails (f, gloss_command_set_relation_attribute (gloss_command_new ("x"), ru,
                                                                "confidence",
                                                                g_variant_new_string ("medium")));
  g_clear_error (&error);
  {
    g_autoptr(GPtrArray) of = gloss_annotation_list_relations_of (f->list, cu);
    g_autoptr(GPtrArray) of_p = gloss_annotation_list_relations_of (f->list, pu);
    g_autoptr(GPtrArray) of_g = gloss_annotation_list_relations_of (f->list, gu);
    g_assert_cmpuint (of->len, ==, 2);
    g_assert_cmpuint (of_p->len, ==, 1);
    g_assert_cmpuint (of_g->len, ==, 0);
  }

  /* a relabel may not break a relation's allowed ends */
  error = apply_fails (f, gloss_command_set_label (gloss_command_new ("x"), pu, "DATE"));
  g_clear_error (&error);
  error = apply_fails (f, gloss_command_set_label (gloss_command_new ("x"), cu, "ORG"));
  g_clear_error (&error);
  apply_ok (f, gloss_command_set_label (gloss_command_new ("Relabel"), pu, "ORG"));
  undo_ok (f);

  /* deleting the claim tombstones both relations, in one step */
  before_delete = dump (f);
  apply_ok (f, gloss_command_delete_annotation (gloss_command_new ("Delete claim"), cu));
  g_assert_cmpuint (g_list_model_get_n_items (gloss_annotation_list_get_relations (f->list)), ==, 0);
  g_assert_cmpuint (f->rsignals->len, ==, 2);
  g_assert_cmpuint (f->signals->len, ==, 1);
  {
    g_autoptr(GError) e = NULL;
    g_autoptr(GPtrArray) all = gloss_store_load_relations (gloss_project_get_store (f->project),
                                                           gloss_document_get_id (f->doc), TRUE,
                                                           &e);
    g_assert_no_error (e);
    g_assert_cmpuint (all->len, ==, 2);
    for (guint i = 0; i < all->len; i++)
      g_assert_true (gloss_relation_get_deleted (g_ptr_array_index (all, i)));
  }
  error = apply_fails (f, gloss_command_remove_relation (gloss_command_new ("x"), au));
  g_assert_error (error, GLOSS_COMMAND_ERROR, GLOSS_COMMAND_ERROR_NOT_FOUND);
  g_clear_error (&error);
  undo_ok (f);
  g_assert_cmpuint (g_list_model_get_n_items (gloss_annotation_list_get_relations (f->list)), ==, 2);
  {
    g_autofree char *now = dump (f);
    g_assert_cmpstr (now, ==, before_delete);
  }

  /* remove relation */
  apply_ok (f, gloss_command_remove_relation (gloss_command_new ("Unrelate"), ru));
  g_assert_null (gloss_annotation_list_lookup_relation (f->list, ru));
  g_assert_cmpuint (f->rsignals->len, ==, 1);
  g_assert_null (((Signal *) f->rsignals->pdata[0])->new_uuid);
  undo_ok (f);
  g_assert_nonnull (gloss_annotation_list_lookup_relation (f->list, ru));
  g_assert_cmpuint (f->rsignals->len, ==, 1);
  g_assert_null (((Signal *) f->rsignals->pdata[0])->old_uuid);
  (void) date;
}

static void
test_document_status (Fixture       *f,
                      gconstpointer  data)
{
  GlossStore *store = gloss_project_get_store (f->project);
  g_autoptr(GlossCommand) cmd = NULL;
  GError *error = NULL;

  g_assert_cmpint (gloss_document_get_status (f->doc, "alice"), ==, GLOSS_DOCUMENT_STATUS_NEW);
  apply_ok (f, gloss_command_set_document_status (gloss_command_new ("Status"), NULL,
                                                  GLOSS_DOCUMENT_STATUS_IN_PROGRESS));
  g_assert_cmpuint (f->statuses->len, ==, 1);
  g_assert_cmpstr (f->statuses->pdata[0], ==, "alice");
  g_assert_cmpint (gloss_document_get_status (f->doc, "alice"), ==,
                   GLOSS_DOCUMENT_STATUS_IN_PROGRESS);
  apply_ok (f, gloss_command_set_document_status (
                 gloss_command_set_document_status (gloss_command_new ("Status"), "bob",
                                                    GLOSS_DOCUMENT_STATUS_IN_PROGRESS),
                 "bob", GLOSS_DOCUMENT_STATUS_DONE));
  g_assert_cmpuint (f->statuses->len, ==, 1);
  g_assert_cmpint (gloss_document_get_status (f->doc, "bob"), ==, GLOSS_DOCUMENT_STATUS_DONE);
  undo_ok (f);
  g_assert_false (gloss_store_get_document_status (store, gloss_document_get_id (f->doc), "bob",
                                                   NULL, NULL));
  undo_ok (f);
  g_assert_cmpint (gloss_document_get_status (f->doc, "alice"), ==, GLOSS_DOCUMENT_STATUS_NEW);
  g_assert_false (gloss_store_get_document_status (store, gloss_document_get_id (f->doc), "alice",
                                                   NULL, NULL));

  gloss_annotation_list_set_annotator (f->list, "");
  error = apply_fails (f, gloss_command_set_document_status (gloss_command_new ("x"), NULL,
                                                             GLOSS_DOCUMENT_STATUS_DONE));
  g_assert_error (error, GLOSS_COMMAND_ERROR, GLOSS_COMMAND_ERROR_INVALID);
  g_clear_error (&error);
  (void) cmd;
}

static void
test_batch (Fixture       *f,
            gconstpointer  data)
{
  GlossAnnotation *keep = create (f, "PERSON", 4, 12);
  g_autofree char *ku = g_strdup (gloss_annotation_get_uuid (keep));
  g_autofree char *before = dump (f);
  g_autofree char *after = NULL;
  g_autoptr(GlossAnnotation) a = gloss_annotation_new_span ("CLAIM", 30, 41, NULL);
  g_autoptr(GlossAnnotation) b = gloss_annotation_new_span ("ORG", 43, 50, NULL);
  g_autoptr(GlossRelation) r = gloss_relation_new ("attributed-to",
                                                   gloss_annotation_get_uuid (a),
                                                   gloss_annotation_get_uuid (b), NULL);
  GlossCommand *cmd = gloss_command_new ("Batch");
  GError *error = NULL;
  guint n_undo_before;

  gloss_command_create_annotation (cmd, a);
  gloss_command_create_annotation (cmd, b);
  gloss_command_add_relation (cmd, r);
  gloss_command_set_label (cmd, ku, "ORG");
  gloss_command_set_label (cmd, ku, "GPE");          /* twice: one signal */
  gloss_command_set_attribute (cmd, gloss_annotation_get_uuid (a), "certainty",
                               g_variant_new_string ("alleged"));
  gloss_command_set_document_status (cmd, NULL, GLOSS_DOCUMENT_STATUS_IN_PROGRESS);
  g_assert_cmpuint (gloss_command_get_n_edits (cmd), ==, 7);
  apply_ok (f, cmd);
  g_assert_cmpuint (f->signals->len, ==, 3);
  g_assert_cmpuint (f->rsignals->len, ==, 1);
  g_assert_cmpuint (f->statuses->len, ==, 1);
  g_assert_cmpstr (gloss_annotation_get_label (gloss_annotation_list_lookup (f->list, ku)), ==,
                   "GPE");
  g_assert_cmpstr (gloss_annotation_list_get_undo_description (f->list), ==, "Batch");
  after = dump (f);

  /* one undo step for all of it */
  undo_ok (f);
  {
    g_autofree char *now = dump (f);
    g_assert_cmpstr (now, ==, before);
  }
  g_assert_cmpuint (f->signals->len, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 1);
  g_assert_cmpstr (gloss_annotation_list_get_redo_description (f->list), ==, "Batch");
  redo_ok (f);
  {
    g_autofree char *now = dump (f);
    g_assert_cmpstr (now, ==, after);
  }

  /* a failure in the middle of a batch leaves everything as it was */
  n_undo_before = gloss_annotation_list_can_undo (f->list);
  {
    g_autoptr(GlossAnnotation) c = gloss_annotation_new_span ("PERSON", 60, 66, NULL);
    GlossCommand *bad = gloss_command_new ("Bad batch");

    gloss_command_create_annotation (bad, c);
    gloss_command_set_label (bad, ku, "ORG");
    gloss_command_delete_annotation (bad, gloss_annotation_get_uuid (b));  /* tombstones r */
    gloss_command_set_note (bad, gloss_annotation_get_uuid (c), "n");
    gloss_command_set_label (bad, gloss_annotation_get_uuid (c), "NOPE");  /* fails */
    gloss_command_set_label (bad, ku, "PERSON");
    error = apply_fails (f, bad);
    g_assert_error (error, GLOSS_COMMAND_ERROR, GLOSS_COMMAND_ERROR_INVALID);
    g_assert_true (g_str_has_prefix (error->message, "Edit 5 of 6"));
    g_clear_error (&error);
  }
  g_assert_cmpint (gloss_annotation_list_can_undo (f->list), ==, n_undo_before);
  g_assert_nonnull (gloss_annotation_list_lookup_relation (f->list, gloss_relation_get_uuid (r)));
  g_assert_cmpstr (gloss_annotation_get_label (gloss_annotation_list_lookup (f->list, ku)), ==,
                   "GPE");
  /* and the redo stack survives a refused command */
  undo_ok (f);
  g_assert_true (gloss_annotation_list_can_redo (f->list));
  error = apply_fails (f, gloss_command_set_label (gloss_command_new ("x"), ku, "NOPE"));
  g_clear_error (&error);
  g_assert_true (gloss_annotation_list_can_redo (f->list));
  redo_ok (f);

  /* create then delete in one batch: no net change in the list */
  {
    g_autoptr(GlossAnnotation) t = gloss_annotation_new_span ("PERSON", 60, 66, NULL);
    GlossCommand *c2 = gloss_command_new ("Temp");
    guint n = g_list_model_get_n_items (G_LIST_MODEL (f->list));

    gloss_command_create_annotation (c2, t);
    gloss_command_delete_annotation (c2, gloss_annotation_get_uuid (t));
    apply_ok (f, c2);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, n);
    g_assert_cmpuint (f->signals->len, ==, 0);
    undo_ok (f);
    redo_ok (f);
  }
}

static void
test_history (Fixture       *f,
              gconstpointer  data)
{
  GError *error = NULL;
  guint n_notify = 0;
  GlossAnnotation *a;

  g_assert_false (gloss_annotation_list_undo (f->list, &error));
  g_assert_error (error, GLOSS_COMMAND_ERROR, GLOSS_COMMAND_ERROR_EMPTY);
  g_clear_error (&error);
  g_assert_false (gloss_annotation_list_redo (f->list, &error));
  g_assert_error (error, GLOSS_COMMAND_ERROR, GLOSS_COMMAND_ERROR_EMPTY);
  g_clear_error (&error);

  {
    gulong id = g_signal_connect_swapped (f->list, "notify::can-redo",
                                          G_CALLBACK (g_atomic_int_inc), &n_notify);
    a = create (f, "PERSON", 0, 3);
    undo_ok (f);
    g_assert_cmpuint (n_notify, ==, 1);
    redo_ok (f);
    g_assert_cmpuint (n_notify, ==, 2);
    g_signal_handler_disconnect (f->list, id);
  }
  /* a new command clears the redo stack */
  undo_ok (f);
  create (f, "ORG", 4, 12);
  g_assert_false (gloss_annotation_list_can_redo (f->list));
  gloss_annotation_list_clear_history (f->list);
  g_assert_false (gloss_annotation_list_can_undo (f->list));
  (void) a;
}

static void
test_queries (Fixture       *f,
              gconstpointer  data)
{
  GlossFragment split[] = { { 0, 12 }, { 30, 41 } };
  g_autoptr(GlossAnnotation) claim = gloss_annotation_new ("CLAIM", split, 2, NULL);
  GlossAnnotation *p, *o, *g;
  GlossAnnotation *c;

  apply_ok (f, gloss_command_create_annotation (gloss_command_new ("c"), claim));
  c = gloss_annotation_list_lookup (f->list, gloss_annotation_get_uuid (claim));
  p = create (f, "PERSON", 4, 12);
  o = create (f, "ORG", 43, 50);
  g = create (f, "GPE", 71, 77);

  {
    g_autoptr(GPtrArray) at = gloss_annotation_list_query_at (f->list, 5);
    g_assert_cmpuint (at->len, ==, 2);
    g_assert_true (at->pdata[0] == c);
    g_assert_true (at->pdata[1] == p);
  }
  {
    /* in the gap of the discontinuous claim */
    g_autoptr(GPtrArray) at = gloss_annotation_list_query_at (f->list, 20);
    g_assert_cmpuint (at->len, ==, 0);
  }
  {
    g_autoptr(GPtrArray) at = gloss_annotation_list_query_at (f->list, 12);  /* end-exclusive */
    g_assert_cmpuint (at->len, ==, 0);
  }
  {
    g_autoptr(GPtrArray) r = gloss_annotation_list_query_range (f->list, 10, 45);
    g_assert_cmpuint (r->len, ==, 3);
    g_assert_true (r->pdata[0] == c);   /* once, though two fragments overlap */
    g_assert_true (r->pdata[1] == p);
    g_assert_true (r->pdata[2] == o);
  }
  {
    g_autoptr(GPtrArray) r = gloss_annotation_list_query_range (f->list, 50, 71);
    g_assert_cmpuint (r->len, ==, 0);
  }
  /* after a move the index follows */
  {
    GlossFragment to[] = { { 72, 76 } };
    apply_ok (f, gloss_command_set_fragments (gloss_command_new ("m"),
                                              gloss_annotation_get_uuid (p), to, 1));
    {
      g_autoptr(GPtrArray) at = gloss_annotation_list_query_at (f->list, 5);
      g_assert_cmpuint (at->len, ==, 1);
    }
    {
      g_autoptr(GPtrArray) at = gloss_annotation_list_query_at (f->list, 73);
      g_assert_cmpuint (at->len, ==, 2);
      g_assert_true (at->pdata[0] == g);
    }
    undo_ok (f);
    {
      g_autoptr(GPtrArray) at = gloss_annotation_list_query_at (f->list, 73);
      g_assert_cmpuint (at->len, ==, 1);
    }
  }
}

/* Two lists for the same document are one object. */
static void
test_shared_list (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossAnnotationList) again = gloss_project_dup_annotation_list (f->project, f->doc,
                                                                            &error);

  g_assert_no_error (error);
  g_assert_true (again == f->list);
  g_assert_cmpstr (gloss_annotation_list_get_annotator (again), ==, "alice");
  gloss_project_set_annotator (f->project, "carol");
  g_assert_cmpstr (gloss_annotation_list_get_annotator (f->list), ==, "carol");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/core/commands/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("create-delete", test_create_delete);
  ADD ("label-fragments", test_set_label_fragments);
  ADD ("attributes", test_attributes);
  ADD ("relations", test_relations);
  ADD ("document-status", test_document_status);
  ADD ("batch", test_batch);
  ADD ("history", test_history);
  ADD ("queries", test_queries);
  ADD ("shared-list", test_shared_list);
#undef ADD

  return g_test_run ();
}
