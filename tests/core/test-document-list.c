/* test-document-list.c: the lazy list of a project's documents
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "core-test-util.h"

#define N_DOCS 2000

static guint n_documents_alive;

static void
document_gone_cb (gpointer  data,
                  GObject  *where_the_object_was)
{
  n_documents_alive--;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
test_many (void)
{
  g_autofree char *path = test_path ("many.gloss");
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = gloss_project_create (path, NULL, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GlossStore *store;
  GListModel *docs;
  TestMirror *mirror;
  gint64 t0;

  g_assert_no_error (error);
  store = gloss_project_get_store (project);
  docs = gloss_project_get_documents (project);
  mirror = test_mirror_new (docs);

  t0 = g_get_monotonic_time ();
  g_assert_true (gloss_store_begin (store, &error));
  for (guint i = 0; i < N_DOCS; i++)
    {
      /* names not in insertion order */
      g_autofree char *name = g_strdup_printf ("article %05u", (i * 7919) % 10007);
      g_autofree char *text = g_strdup_printf ("Text of document %u.", i);

      g_assert_cmpint (gloss_store_insert_document (store, NULL, name, text, -1, NULL, NULL, 0,
                                                    &error), >, 0);
      g_ptr_array_add (names, g_steal_pointer (&name));
    }
  g_assert_true (gloss_store_commit (store, &error));
  g_test_message ("%u documents inserted in %.3f s", N_DOCS,
                  (g_get_monotonic_time () - t0) / 1e6);
  g_assert_true (gloss_project_reload_documents (project, &error));
  g_assert_no_error (error);
  test_mirror_check (mirror);
  g_assert_cmpuint (mirror->n_signals, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (docs), ==, N_DOCS);
  test_mirror_free (mirror);

  /* name order */
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < N_DOCS; i += 7)
    {
      g_autoptr(GlossDocument) doc = g_list_model_get_item (docs, i);
      g_assert_cmpstr (gloss_document_get_name (doc), ==, names->pdata[i]);
    }
}

static void
test_lazy (void)
{
  g_autofree char *path = test_path ("lazy.gloss");
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = gloss_project_create (path, NULL, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  GlossStore *store = gloss_project_get_store (project);
  GListModel *docs;
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_true (gloss_store_begin (store, &error));
  for (guint i = 0; i < N_DOCS; i++)
    {
      g_autofree char *name = g_strdup_printf ("d%04u", i);
      g_assert_cmpint (gloss_store_insert_document (store, NULL, name, "x", -1, NULL, NULL, 0,
                                                    &error), >, 0);
    }
  g_assert_true (gloss_store_commit (store, &error));
  g_clear_object (&project);

  project = gloss_project_open (path, &error);
  g_assert_no_error (error);
  docs = gloss_project_get_documents (project);
  g_assert_cmpuint (g_list_model_get_n_items (docs), ==, N_DOCS);

  /* objects come into being only when asked for; count them with weak refs */
  for (guint k = 0; k < 50; k++)
    {
      guint pos = g_rand_int_range (rand, 0, N_DOCS);
      GlossDocument *doc = g_list_model_get_item (docs, pos);
      g_autofree char *expect = g_strdup_printf ("d%04u", pos);

      g_assert_cmpstr (gloss_document_get_name (doc), ==, expect);
      if (!g_ptr_array_find (held, doc, NULL))
        {
          g_object_weak_ref (G_OBJECT (doc), document_gone_cb, NULL);
          n_documents_alive++;
          g_ptr_array_add (held, doc);
        }
      else
        g_object_unref (doc);
    }
  g_assert_null (g_list_model_get_item (docs, N_DOCS));
  /* the same object twice */
  {
    g_autoptr(GlossDocument) a = g_list_model_get_item (docs, 5);
    g_autoptr(GlossDocument) b = g_list_model_get_item (docs, 5);
    g_assert_true (a == b);
  }
  g_ptr_array_set_size (held, 0);
  g_clear_object (&project);
  g_assert_cmpuint (n_documents_alive, ==, 0);
}

static void
test_add_mirror (void)
{
  g_autofree char *path = test_path ("add.gloss");
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = gloss_project_create (path, NULL, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  GListModel *docs = gloss_project_get_documents (project);
  TestMirror *mirror = test_mirror_new (docs);

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *name = g_strdup_printf ("n%03d", g_rand_int_range (rand, 0, 200));
      GlossDocument *doc = gloss_project_add_document (project, name, "text", -1, NULL, &error);
      guint signals = mirror->n_signals;

      g_assert_no_error (error);
      g_assert_nonnull (doc);
      test_mirror_check (mirror);
      g_assert_cmpuint (mirror->n_signals, ==, signals);
      g_assert_cmpuint (g_list_model_get_n_items (docs), ==, i + 1);
    }
  /* exactly one signal per add */
  g_assert_cmpuint (mirror->n_signals, ==, 300);

  /* a batch of inserts in one transaction, then one reload */
  {
    GlossStore *store = gloss_project_get_store (project);

    g_assert_true (gloss_store_begin (store, &error));
    for (guint i = 0; i < 100; i++)
      {
        g_autofree char *name = g_strdup_printf ("n%03d-b", g_rand_int_range (rand, 0, 200));
        g_assert_nonnull (gloss_project_add_document (project, name, "t", -1, NULL, &error));
      }
    g_assert_true (gloss_store_commit (store, &error));
    g_assert_true (gloss_project_reload_documents (project, &error));
    test_mirror_check (mirror);
    g_assert_cmpuint (g_list_model_get_n_items (docs), ==, 400);
  }
  test_mirror_free (mirror);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/documents/many", test_many);
  g_test_add_func ("/core/documents/lazy", test_lazy);
  g_test_add_func ("/core/documents/add-mirror", test_add_mirror);

  return g_test_run ();
}
