/* replay-main.c: runs a fuzz target over saved inputs without libFuzzer
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Linked with one fuzz-<name>.c, this gives a plain program for every build
 * (gcc, ASan) that feeds each file found in its arguments (folders are walked
 * recursively, in name order) to LLVMFuzzerTestOneInput, so that every crash
 * the fuzzers ever found is replayed by the normal test suite.
 *
 *   replay-fuzz-NAME [--brat-pairs] PATH...
 *
 * --brat-pairs: a NAME.ann beside a NAME.txt is fed as one input, the text,
 * the annotations and the folder's annotation.conf (if any) joined by NUL
 * bytes, which is how fuzz-brat reads its input (the .txt itself is then not
 * fed alone).
 */

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static gboolean brat_pairs;
static guint n_inputs;

static char *
sibling_with_suffix (const char *path,
                     const char *from,
                     const char *to)
{
  g_autofree char *base = NULL;

  if (!g_str_has_suffix (path, from))
    return NULL;
  base = g_strndup (path, strlen (path) - strlen (from));
  return g_strconcat (base, to, NULL);
}

static void
feed (const uint8_t *data,
      size_t         size)
{
  /* libFuzzer never hands out the buffer itself: copy it so that reads past
   * the end are caught by AddressSanitizer here too. */
  g_autofree uint8_t *copy = g_memdup2 (data, size);

  LLVMFuzzerTestOneInput (copy, size);
  n_inputs++;
}

static void
replay_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *other = NULL;
  gsize len;

  if (brat_pairs)
    {
      /* The .txt of a pair is fed with its .ann. */
      other = sibling_with_suffix (path, ".txt", ".ann");
      if (other != NULL && g_file_test (other, G_FILE_TEST_IS_REGULAR))
        return;
      g_clear_pointer (&other, g_free);
      other = sibling_with_suffix (path, ".ann", ".txt");
    }

  g_printerr ("replaying %s\n", path);
  if (!g_file_get_contents (path, &contents, &len, &error))
    {
      g_printerr ("%s\n", error->message);
      exit (EXIT_FAILURE);
    }

  if (other != NULL && g_file_test (other, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *text = NULL;
      gsize text_len;
      g_autoptr(GByteArray) joined = g_byte_array_new ();
      g_autofree char *dir = g_path_get_dirname (path);
      g_autofree char *conf_path = g_build_filename (dir, "annotation.conf", NULL);
      g_autofree char *conf = NULL;
      gsize conf_len;

      if (!g_file_get_contents (other, &text, &text_len, &error))
        {
          g_printerr ("%s\n", error->message);
          exit (EXIT_FAILURE);
        }
      g_byte_array_append (joined, (const guint8 *) text, text_len);
      g_byte_array_append (joined, (const guint8 *) "", 1);
      g_byte_array_append (joined, (const guint8 *) contents, len);
      if (g_file_get_contents (conf_path, &conf, &conf_len, NULL))
        {
          g_byte_array_append (joined, (const guint8 *) "", 1);
          g_byte_array_append (joined, (const guint8 *) conf, conf_len);
        }
      feed (joined->data, joined->len);
      return;
    }

  feed ((const uint8_t *) contents, len);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
replay_path (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      if (dir == NULL)
        {
          g_printerr ("%s\n", error->message);
          exit (EXIT_FAILURE);
        }
      while ((name = g_dir_read_name (dir)) != NULL)
        if (name[0] != '.')
          g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_sort (names, compare_names);
      for (guint i = 0; i < names->len; i++)
        {
          g_autofree char *child = g_build_filename (path, g_ptr_array_index (names, i), NULL);
          replay_path (child);
        }
    }
  else if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      replay_file (path);
    }
}

int
main (int    argc,
      char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--brat-pairs"))
        brat_pairs = TRUE;
      else if (g_file_test (argv[i], G_FILE_TEST_EXISTS))
        replay_path (argv[i]);
      else
        g_printerr ("skipping %s: not found\n", argv[i]);
    }
  g_print ("replayed %u inputs\n", n_inputs);
  return EXIT_SUCCESS;
}
