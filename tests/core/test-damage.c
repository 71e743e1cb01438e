/* test-damage.c: damage told from data; one bad row does not make the
 * project unreadable
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "core-test-util.h"

typedef struct
{
  GPtrArray *lines;   /* "document: message" */
} Problems;

static void
collect_cb (const char *document,
            const char *message,
            gpointer    user_data)
{
  Problems *p = user_data;

  g_ptr_array_add (p->lines, g_strdup_printf ("%s: %s", document ? document : "(project)",
                                              message));
}

static gboolean
has_line (Problems   *p,
          const char *document,
          const char *part)
{
  g_autofree char *prefix = g_strdup_printf ("%s: ", document);

  for (guint i = 0; i < p->lines->len; i++)
    if (g_str_has_prefix (p->lines->pdata[i], prefix) && strstr (p->lines->pdata[i], part))
      return TRUE;
  return FALSE;
}

static void
create_span (GlossAnnotationList *list,
             const char          *uuid,
             const char          *label,
             guint                start,
             guint                end)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossCommand) cmd = gloss_command_new ("create");
  g_autoptr(GlossAnnotation) a = gloss_annotation_new_span (label, start, end, NULL);

  gloss_annotation_set_uuid (a, uuid);
  gloss_command_create_annotation (cmd, a);
  g_assert_true (gloss_annotation_list_apply (list, cmd, &error));
  g_assert_no_error (error);
}

/* Six documents with two annotations each and a relation, then damage
 * planted with a plain connection, as a bad disk, a bug or a hostile
 * sender could leave it. */
static char *
write_damaged_project (void)
{
  static const char * const names[] = { "clean", "nul", "latin", "sha", "length", "rows" };
  g_autoptr(GError) error = NULL;
  char *path = test_path ("damaged.gloss");
  sqlite3 *db;

  {
    g_autoptr(GlossProject) project = gloss_project_create (path, NULL, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autoptr(GlossAnnotationList) list = NULL;
        g_autoptr(GlossCommand) link = gloss_command_new ("link");
        g_autoptr(GlossRelation) r = NULL;
        g_autofree char *a = g_strdup_printf ("%s-a", names[i]);
        g_autofree char *b = g_strdup_printf ("%s-b", names[i]);
        g_autofree char *rel = g_strdup_printf ("%s-r", names[i]);
        GlossDocument *doc = gloss_project_add_document (project, names[i],
                                                         "Kim told the agency it was over.", -1,
                                                         NULL, &error);

        g_assert_no_error (error);
        list = gloss_project_dup_annotation_list (project, doc, &error);
        g_assert_no_error (error);
        create_span (list, a, "CLAIM", 4, 31);
        create_span (list, b, "PERSON", 0, 3);
        r = gloss_relation_new ("attributed-to", a, b, NULL);
        gloss_relation_set_uuid (r, rel);
        gloss_command_add_relation (link, r);
        g_assert_true (gloss_annotation_list_apply (list, link, &error));
        g_assert_no_error (error);
      }
  }

  db = test_raw_open (path);
  test_raw_exec (db,
    "UPDATE documents SET text = CAST (x'4b696d00746f6c64' AS TEXT) WHERE name = 'nul';"
    "UPDATE documents SET text = CAST (x'4b696d20e9746f6c64' AS TEXT) WHERE name = 'latin';"
    "UPDATE documents SET sha256 = 'deadbeef' WHERE name = 'sha';"
    "UPDATE documents SET length = 3 WHERE name = 'length';"
    "UPDATE annotations SET start = 1 WHERE uuid = 'rows-a';"
    "UPDATE annotations SET attributes = '{broken' WHERE uuid = 'rows-b';"
    "UPDATE relations SET attributes = '[1,' WHERE uuid = 'clean-r';"
    "UPDATE annotations SET start = 'abc' WHERE uuid = 'length-b';"
    "CREATE TRIGGER planted AFTER INSERT ON annotations BEGIN SELECT 1; END;"
    "CREATE VIEW peek AS SELECT name FROM documents;");
  sqlite3_close (db);
  return path;
}

/* validate names every piece of damage with its row */
static void
test_validate (void)
{
  g_autofree char *path = write_damaged_project ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = gloss_project_open_full (path, GLOSS_STORE_OPEN_READ_ONLY,
                                                             &error);
  Problems p = { g_ptr_array_new_with_free_func (g_free) };
  guint n = 0;

  g_assert_no_error (error);
  g_assert_true (gloss_project_validate (project, GLOSS_VALIDATE_DEFAULT, collect_cb, &p, &n,
                                         &error));
  g_assert_no_error (error);
  for (guint i = 0; i < p.lines->len; i++)
    g_test_message ("%s", (char *) p.lines->pdata[i]);
  g_assert_true (has_line (&p, "(project)", "trigger “planted”"));
  g_assert_true (has_line (&p, "(project)", "view “peek”"));
  g_assert_true (has_line (&p, "nul", "NUL byte at byte 3"));
  g_assert_true (has_line (&p, "latin", "not UTF-8 at byte 4"));
  g_assert_true (has_line (&p, "sha", "SHA-256 stored (deadbeef…)"));
  g_assert_true (has_line (&p, "length", "length stored (3) disagrees with the text (32 "));
  g_assert_true (has_line (&p, "length", "annotation length-b: its offsets are not whole numbers"));
  g_assert_true (has_line (&p, "rows", "annotation rows-a: its fragments (4–31) disagree with its "
                                       "start and end (1–31)"));
  g_assert_true (has_line (&p, "rows", "annotation rows-b: its attributes cannot be read"));
  g_assert_true (has_line (&p, "clean", "relation clean-r: its attributes cannot be read"));
  g_assert_false (has_line (&p, "sha", "annotation"));
  g_assert_cmpuint (n, ==, p.lines->len);
  g_assert_cmpuint (n, ==, 10);
  g_ptr_array_unref (p.lines);
}

/* Without salvage, a read that meets damage fails naming it; the text of a
 * damaged document never reaches a reader. */
static void
test_reads_refuse_damage (void)
{
  g_autofree char *path = write_damaged_project ();
  g_autofree char *out = test_path ("out.jsonl");
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = gloss_project_open_full (path, GLOSS_STORE_OPEN_READ_ONLY,
                                                             &error);
  GlossStore *store;
  GlossDocument *latin;

  g_assert_no_error (error);
  store = gloss_project_get_store (project);
  latin = gloss_project_find_document (project, "latin");
  g_assert_false (gloss_document_load_text (latin, &error));
  g_assert_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "“latin” is damaged (not UTF-8 at byte 4)"));
  g_clear_error (&error);
  g_assert_null (gloss_document_get_text (latin));

  g_assert_null (gloss_store_load_annotations (store, gloss_document_get_id (
                   gloss_project_find_document (project, "rows")), FALSE, &error));
  g_assert_nonnull (strstr (error->message, "validate"));
  g_clear_error (&error);

  for (guint i = 0; i < 2; i++)
    {
      const char *format = i == 0 ? "jsonl" : "conll";

      g_assert_false (gloss_format_export (project, format, out, NULL, NULL, NULL, &error));
      g_test_message ("%s: %s", format, error->message);
      g_assert_nonnull (strstr (error->message, "damaged"));
      g_clear_error (&error);
    }
}

/* Salvage: a private copy without what cannot be read, each row reported;
 * the file is not touched. */
static void
test_salvage (void)
{
  g_autofree char *path = write_damaged_project ();
  g_autofree char *out = test_path ("salvaged.jsonl");
  g_autofree char *before = test_file_checksum (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = NULL;
  Problems p = { g_ptr_array_new_with_free_func (g_free) };
  g_autofree char *exported = NULL;
  g_auto(GStrv) lines = NULL;
  guint n = 0;

  project = gloss_project_open_salvaged (path, collect_cb, &p, &n, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < p.lines->len; i++)
    g_test_message ("%s", (char *) p.lines->pdata[i]);
  g_assert_true (has_line (&p, "nul", "document nul is left out"));
  g_assert_true (has_line (&p, "latin", "document latin is left out"));
  g_assert_true (has_line (&p, "rows", "annotation rows-a is left out"));
  g_assert_true (has_line (&p, "rows", "annotation rows-b is left out"));
  g_assert_true (has_line (&p, "length", "annotation length-b is left out"));
  g_assert_true (has_line (&p, "clean", "relation clean-r is left out"));
  g_assert_true (has_line (&p, "sha", "made from its text again"));
  g_assert_true (gloss_project_is_read_only (project));

  g_assert_true (gloss_format_export (project, "jsonl", out, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (out, &exported, NULL, &error));
  lines = g_strsplit (g_strchomp (exported), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_null (strstr (exported, "\"nul\""));
  g_assert_null (strstr (exported, "\"latin\""));
  g_assert_null (strstr (exported, "rows-a"));
  g_assert_nonnull (strstr (exported, "clean-a"));
  g_assert_null (strstr (exported, "clean-r"));
  g_assert_nonnull (strstr (exported, "length-a"));
  /* the repaired documents carry their text's own hash and length */
  g_assert_null (strstr (exported, "deadbeef"));
  {
    g_autofree char *after = test_file_checksum (path);
    g_assert_cmpstr (after, ==, before);
  }
  g_ptr_array_unref (p.lines);
}

/* The window's way: a damaged row is left out, counted, and the rest of
 * its document loads. */
static void
test_skip_damaged (void)
{
  g_autofree char *path = write_damaged_project ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = gloss_project_open (path, &error);
  g_autoptr(GlossAnnotationList) list = NULL;
  GlossStore *store;

  g_assert_no_error (error);
  store = gloss_project_get_store (project);
  gloss_store_set_skip_damaged (store, TRUE);
  list = gloss_project_dup_annotation_list (project,
                                            gloss_project_find_document (project, "rows"),
                                            &error);
  g_assert_no_error (error);
  /* rows-b's attributes cannot be read; rows-a's offsets disagree with its
   * fragments, which the loader does not need */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpuint (gloss_store_get_n_skipped (store), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/damage/validate", test_validate);
  g_test_add_func ("/core/damage/reads-refuse-damage", test_reads_refuse_damage);
  g_test_add_func ("/core/damage/salvage", test_salvage);
  g_test_add_func ("/core/damage/skip-damaged", test_skip_damaged);
  return g_test_run ();
}
