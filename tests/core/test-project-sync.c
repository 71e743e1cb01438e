/* test-project-sync.c: two connections to one project (two programs, or a
 * window and a worker) never write back stale state, and each follows
 * what the other committed
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "core-test-util.h"

#define N_DOCUMENTS 2050

static char *
new_project (const char *name)
{
  g_autoptr(GError) error = NULL;
  char *path = test_path (name);
  g_autoptr(GlossProject) project = gloss_project_create (path, NULL, &error);

  g_assert_no_error (error);
  gloss_project_add_document (project, "wire", "Officials said the defector met the agency in "
                              "Seoul on Monday.", -1, NULL, &error);
  g_assert_no_error (error);
  gloss_project_add_document (project, "other", "The ministry denied the report.", -1, NULL,
                              &error);
  g_assert_no_error (error);
  return path;
}

static GlossProject *
open_project (const char *path)
{
  g_autoptr(GError) error = NULL;
  GlossProject *project = gloss_project_open (path, &error);

  g_assert_no_error (error);
  return project;
}

static void
count_cb (gpointer  instance,
          gpointer  pspec,
          guint    *count)
{
  (*count)++;
}

static GlossSchema *
stored_schema (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = open_project (path);
  g_autofree char *json = gloss_store_dup_schema_json (gloss_project_get_store (project));
  GlossSchema *schema = gloss_schema_new_from_json (json, -1, &error);

  g_assert_no_error (error);
  return schema;
}

static void
add_label (GlossProject *project,
           const char   *name,
           const char   *hotkey)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossLabel) label = gloss_label_new (name, "entity", "#1c71d8", hotkey, NULL);

  g_assert_true (gloss_schema_add_label (gloss_project_get_schema (project), label, &error));
  g_assert_no_error (error);
}

/* The reproduction: another program adds labels; this one, whose schema
 * in memory predates them, edits a label's description. The stored schema
 * keeps both changes, and this program's schema becomes the combination. */
static void
test_schema_not_written_back (void)
{
  g_autofree char *path = new_project ("schema.gloss");
  g_autoptr(GlossProject) window = open_project (path);
  g_autoptr(GlossProject) other = open_project (path);
  g_autoptr(GlossSchema) stored = NULL;
  GlossLabel *person;
  GlossSchema *before;
  guint notified = 0;

  g_signal_connect (window, "notify::schema", G_CALLBACK (count_cb), &notified);

  add_label (other, "WEAPON", "w");
  add_label (other, "VESSEL", NULL);

  before = gloss_project_get_schema (window);
  person = gloss_schema_lookup_label (before, "PERSON");
  gloss_label_set_description (person, "Someone named: an official, a defector, a hacker.");

  stored = stored_schema (path);
  g_assert_nonnull (gloss_schema_lookup_label (stored, "WEAPON"));
  g_assert_nonnull (gloss_schema_lookup_label (stored, "VESSEL"));
  g_assert_cmpstr (gloss_label_get_description (gloss_schema_lookup_label (stored, "PERSON")),
                   ==, "Someone named: an official, a defector, a hacker.");

  /* the window holds the combined schema, in the very object it had (only
   * additions lead there) */
  g_assert_cmpuint (notified, ==, 0);
  g_assert_true (gloss_project_get_schema (window) == before);
  g_assert_true (gloss_schema_equal (gloss_project_get_schema (window), stored));
  g_assert_cmpstr (gloss_label_get_hotkey (gloss_schema_lookup_label (
                     gloss_project_get_schema (window), "WEAPON")), ==, "w");

  /* and the other follows once it looks */
  {
    g_autoptr(GError) error = NULL;
    gboolean changed = FALSE;

    g_assert_true (gloss_project_refresh (other, &changed, &error));
    g_assert_no_error (error);
    g_assert_true (changed);
    g_assert_true (gloss_schema_equal (gloss_project_get_schema (other), stored));
  }

  /* a label both removed, and one each changed: nothing comes back */
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (gloss_schema_remove_label (gloss_project_get_schema (other), "VESSEL",
                                              &error));
    g_assert_no_error (error);
    gloss_label_set_color (gloss_schema_lookup_label (gloss_project_get_schema (window), "ORG"),
                           "#e01b24");
    g_clear_object (&stored);
    stored = stored_schema (path);
    g_assert_null (gloss_schema_lookup_label (stored, "VESSEL"));
    g_assert_nonnull (gloss_schema_lookup_label (stored, "WEAPON"));
    g_assert_cmpstr (gloss_label_get_color (gloss_schema_lookup_label (stored, "ORG")), ==,
                     "#e01b24");
  }
}

/* Documents imported by another program appear; nothing changed, nothing
 * is reloaded. */
static void
test_refresh_documents (void)
{
  g_autofree char *path = new_project ("documents.gloss");
  g_autoptr(GlossProject) window = open_project (path);
  g_autoptr(GError) error = NULL;
  GListModel *docs = gloss_project_get_documents (window);
  gboolean changed = TRUE;
  TestMirror *mirror = test_mirror_new (docs);

  g_assert_true (gloss_project_refresh (window, &changed, &error));
  g_assert_false (changed);
  g_assert_cmpuint (mirror->n_signals, ==, 0);
  {
    g_autoptr(GlossProject) importer = open_project (path);
    GlossStore *store = gloss_project_get_store (importer);

    g_assert_true (gloss_store_begin (store, &error));
    for (guint i = 0; i < N_DOCUMENTS; i++)
      {
        g_autofree char *name = g_strdup_printf ("import-%04u", i);
        g_autofree char *text = g_strdup_printf ("Report %u: the agency said nothing.", i);

        g_assert_cmpint (gloss_store_insert_document (store, NULL, name, text, -1, NULL, NULL,
                                                      0, &error), >, 0);
      }
    g_assert_true (gloss_store_commit (store, &error));
    g_assert_no_error (error);
  }
  g_assert_true (gloss_project_refresh (window, &changed, &error));
  g_assert_no_error (error);
  g_assert_true (changed);
  g_assert_cmpuint (g_list_model_get_n_items (docs), ==, N_DOCUMENTS + 2);
  test_mirror_check (mirror);
  g_assert_true (gloss_project_refresh (window, &changed, &error));
  g_assert_false (changed);
  test_mirror_free (mirror);
}

static void
create_span (GlossAnnotationList *list,
             const char          *label,
             guint                start,
             guint                end)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossCommand) cmd = gloss_command_new ("create");
  g_autoptr(GlossAnnotation) a = gloss_annotation_new_span (label, start, end, NULL);

  gloss_command_create_annotation (cmd, a);
  g_assert_true (gloss_annotation_list_apply (list, cmd, &error));
  g_assert_no_error (error);
}

/* An open document reloads when another program changed its rows, and
 * only then. */
static void
test_refresh_open_list (void)
{
  g_autofree char *path = new_project ("lists.gloss");
  g_autoptr(GlossProject) window = open_project (path);
  g_autoptr(GlossProject) other = open_project (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossAnnotationList) shown = NULL;
  g_autoptr(GlossAnnotationList) theirs = NULL;
  g_autoptr(GlossAnnotationList) theirs_other = NULL;
  gboolean changed = FALSE;
  TestMirror *mirror;

  shown = gloss_project_dup_annotation_list (window, gloss_project_find_document (window, "wire"),
                                             &error);
  g_assert_no_error (error);
  theirs = gloss_project_dup_annotation_list (other, gloss_project_find_document (other, "wire"),
                                              &error);
  theirs_other = gloss_project_dup_annotation_list (other,
                                                    gloss_project_find_document (other, "other"),
                                                    &error);
  g_assert_no_error (error);
  create_span (shown, "PERSON", 0, 9);
  mirror = test_mirror_new (G_LIST_MODEL (shown));

  /* a change to another document: this one is left alone */
  create_span (theirs_other, "ORG", 4, 12);
  g_assert_true (gloss_project_refresh (window, &changed, &error));
  g_assert_true (changed);
  g_assert_cmpuint (mirror->n_signals, ==, 0);
  g_assert_true (gloss_annotation_list_can_undo (shown));

  /* a change to this document: reloaded */
  create_span (theirs, "GPE", 38, 43);
  g_assert_true (gloss_project_refresh (window, &changed, &error));
  g_assert_true (changed);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shown)), ==, 2);
  test_mirror_check (mirror);
  test_check_list_matches_store (shown, gloss_project_get_store (window));

  /* a change made here does not make the next look reload */
  create_span (shown, "DATE", 47, 53);
  mirror->n_signals = 0;
  g_assert_true (gloss_project_refresh (window, &changed, &error));
  g_assert_false (changed);
  g_assert_cmpuint (mirror->n_signals, ==, 0);
  test_mirror_free (mirror);
}

/* Two curators reject units of one document at once: both rejections stay
 * (the set is changed inside the write transaction, against what is
 * stored). */
static void
test_rejections_kept (void)
{
  g_autofree char *path = new_project ("curation.gloss");
  g_autoptr(GlossProject) one = open_project (path);
  g_autoptr(GlossProject) two = open_project (path);
  g_autoptr(GError) error = NULL;
  const char *doc = gloss_document_get_uuid (gloss_project_find_document (one, "wire"));
  g_autoptr(GHashTable) seen_by_two = gloss_curation_load_rejected (gloss_project_get_store (two),
                                                                    doc);
  g_autoptr(GHashTable) a = NULL;
  g_autoptr(GHashTable) b = NULL;
  g_autoptr(GHashTable) c = NULL;
  g_autoptr(GHashTable) stored = NULL;

  g_assert_cmpuint (g_hash_table_size (seen_by_two), ==, 0);
  a = gloss_curation_set_rejected (gloss_project_get_store (one), doc, "unit-a", TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (g_hash_table_contains (a, "unit-a"));
  b = gloss_curation_set_rejected (gloss_project_get_store (two), doc, "unit-b", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (b), ==, 2);
  c = gloss_curation_set_rejected (gloss_project_get_store (one), doc, "unit-a", FALSE, &error);
  g_assert_no_error (error);
  g_assert_false (g_hash_table_contains (c, "unit-a"));
  g_assert_true (g_hash_table_contains (c, "unit-b"));
  stored = gloss_curation_load_rejected (gloss_project_get_store (two), doc);
  g_assert_cmpuint (g_hash_table_size (stored), ==, 1);
  g_assert_true (g_hash_table_contains (stored, "unit-b"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/project-sync/schema-not-written-back", test_schema_not_written_back);
  g_test_add_func ("/core/project-sync/refresh-documents", test_refresh_documents);
  g_test_add_func ("/core/project-sync/refresh-open-list", test_refresh_open_list);
  g_test_add_func ("/core/project-sync/rejections-kept", test_rejections_kept);
  return g_test_run ();
}
