/* test-format-base.c: what every format shares: exports that are all or
 * nothing, messages that quote at most a little of the input, and files too
 * large to be documents refused before they are read
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include "token-formats-test-util.h"

/* ---- projects to export */

/* One unit of text: a person and a claim, for every format to write. */
#define UNIT "Alice met Bob in Paris. Alice said the sky is green. "

/* A doccano JSONL record: "Document N version V. " then @units units, each
 * with a PERSON and a CLAIM span. */
static void
append_record (GString *out,
               guint    n,
               guint    version,
               guint    units)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) labels = g_string_new (NULL);

  g_string_append_printf (text, "Document %u version %u. ", n, version);
  for (guint u = 0; u < units; u++)
    {
      gsize at = text->len;

      g_string_append (text, UNIT);
      g_string_append_printf (labels, "%s[%" G_GSIZE_FORMAT ",%" G_GSIZE_FORMAT ",\"PERSON\"],"
                              "[%" G_GSIZE_FORMAT ",%" G_GSIZE_FORMAT ",\"CLAIM\"]",
                              labels->len > 0 ? "," : "", at, at + 5,
                              at + strlen ("Alice met Bob in Paris. Alice said "),
                              at + strlen ("Alice met Bob in Paris. Alice said the sky is green"));
    }
  g_string_append_printf (out, "{\"text\":\"%s\",\"label\":[%s]}\n", text->str, labels->str);
}

/* Version 1: two small documents. Version 2: the same two documents with
 * other texts, then a third one of @big_units units. Both import from a
 * file named data.jsonl, so that their documents have the same names. */
static GlossProject *
project_version (guint version,
                 guint big_units)
{
  g_autoptr(GlossProject) project = ft_new_project ();
  g_autoptr(GString) data = g_string_new (NULL);
  g_autofree char *dir_name = g_strdup_printf ("input-%u", version);
  g_autofree char *dir = ft_path (dir_name);
  g_autofree char *path = g_build_filename (dir, "data.jsonl", NULL);
  g_autoptr(GError) error = NULL;

  append_record (data, 1, version, 1);
  append_record (data, 2, version, 2);
  if (big_units > 0)
    append_record (data, 3, version, big_units);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, data->str, data->len, &error);
  g_assert_no_error (error);
  g_assert_true (ft_import (project, "doccano", path, FALSE, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&project);
}

/* Every file of @dir (hidden ones too) with its contents, sorted. */
static char *
snapshot (const char *dir)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = g_dir_open (dir, 0, &error);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      g_autofree char *sum = NULL;
      gsize length = 0;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_ptr_array_add (lines, g_strdup_printf ("%s/", name));
          continue;
        }
      g_file_get_contents (path, &contents, &length, &error);
      g_assert_no_error (error);
      sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *) contents, length);
      g_ptr_array_add (lines, g_strdup_printf ("%s (%" G_GSIZE_FORMAT " bytes) %s", name, length,
                                               sum));
    }
  return ft_join_sorted (lines);
}

/* The folder an export of @format writes into, and the path to give it:
 * the folder itself for folder formats, else a file in it. */
static char *
export_target (GlossFormat  *format,
               const char   *test,
               char        **dir)
{
  g_autofree char *name = g_strdup_printf ("%s-%s", test, gloss_format_get_name (format));

  *dir = ft_path (name);
  g_assert_cmpint (g_mkdir_with_parents (*dir, 0700), ==, 0);
  if (gloss_format_exports_to_folder (format))
    return g_strdup (*dir);
  return g_build_filename (*dir, "export.out", NULL);
}

/* ---- exports that fail part-way leave the previous export */

static void
check_failed_export (GlossFormat  *format,
                     const char   *dir,
                     const char   *before,
                     gboolean      ok,
                     const GError *error)
{
  g_autofree char *after = snapshot (dir);

  g_test_message ("%s: %s", gloss_format_get_name (format), error ? error->message : "(no error)");
  g_assert_false (ok);
  g_assert_nonnull (error);
  /* byte for byte the previous export, and no temporary file beside it */
  g_assert_cmpstr (before, ==, after);
}

static void
test_export_file_too_large (void)
{
  g_autoptr(GlossProject) small = project_version (1, 0);
  /* about 100 kB of text in the third document */
  g_autoptr(GlossProject) large = project_version (2, 2000);
  GPtrArray *formats = gloss_format_list ();
  guint n_tested = 0;

  for (guint i = 0; i < formats->len; i++)
    {
      GlossFormat *format = g_ptr_array_index (formats, i);
      g_autofree char *dir = NULL;
      g_autofree char *target = NULL;
      g_autofree char *before = NULL;
      g_autoptr(GError) error = NULL;
      struct rlimit old, limited;
      gboolean ok;

      if (!gloss_format_can_export (format))
        continue;
      target = export_target (format, "too-large", &dir);
      ft_export (small, gloss_format_get_name (format), target);
      before = snapshot (dir);
      g_assert_nonnull (strstr (before, " bytes) "));

      /* No file may grow past 48 KiB: writes past it fail with EFBIG as
       * on a full disk (SIGXFSZ ignored). */
      g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &old), ==, 0);
      limited = old;
      limited.rlim_cur = 48 * 1024;
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limited), ==, 0);
      ok = gloss_format_export (large, gloss_format_get_name (format), target, NULL, NULL, NULL,
                                &error);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &old), ==, 0);

      check_failed_export (format, dir, before, ok, error);
      /* The message names the file and says why in words. */
      g_assert_nonnull (strstr (error->message, dir));
      g_assert_nonnull (strstr (error->message, "file too large"));
      n_tested++;
    }
  g_assert_cmpuint (n_tested, >=, 9);
}

static void
cancel_cb (double   fraction,
           gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

static void
test_export_cancelled (void)
{
  g_autoptr(GlossProject) small = project_version (1, 0);
  g_autoptr(GlossProject) large = project_version (2, 50);
  GPtrArray *formats = gloss_format_list ();

  for (guint i = 0; i < formats->len; i++)
    {
      GlossFormat *format = g_ptr_array_index (formats, i);
      const char *name = gloss_format_get_name (format);
      g_autofree char *dir = NULL;
      g_autofree char *target = NULL;
      g_autofree char *before = NULL;

      if (!gloss_format_can_export (format))
        continue;
      target = export_target (format, "cancelled", &dir);
      ft_export (small, name, target);
      before = snapshot (dir);

      /* cancelled after the first document (or at the end, for a format
       * that reports no progress), then before it starts */
      for (guint k = 0; k < 2; k++)
        {
          g_autoptr(GCancellable) cancellable = g_cancellable_new ();
          GlossExportOptions options = GLOSS_EXPORT_OPTIONS_INIT;
          g_autoptr(GError) error = NULL;
          gboolean ok;

          if (k == 0)
            {
              options.progress = cancel_cb;
              options.progress_data = cancellable;
            }
          else
            g_cancellable_cancel (cancellable);
          ok = gloss_format_export (large, name, target, &options, NULL, cancellable, &error);
          if (ok && k == 0 && !g_cancellable_is_cancelled (cancellable))
            {
              /* no progress reported, nothing cancelled: the
               * previous export again */
              g_autofree char *again = NULL;

              ft_export (small, name, target);
              again = snapshot (dir);
              g_assert_cmpstr (again, ==, before);
              continue;
            }
          check_failed_export (format, dir, before, ok, error);
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
        }
    }
}

/* ---- messages quote at most about 200 characters of the input */

#define HUGE_SIZE (10 * 1000 * 1000)
#define BIG_SIZE (1000 * 1000)
/* 200 characters of each of two quotes, and the rest of the message */
#define MESSAGE_MAX 1024

static char *
repeat (char  c,
        gsize n)
{
  char *s = g_malloc (n + 1);

  memset (s, c, n);
  s[n] = '\0';
  return s;
}

static void
check_messages_bounded (const char        *what,
                        GlossImportReport *report,
                        const GError      *error)
{
  guint n_quoted = 0;

  g_assert_cmpuint (report->problems->len, >, 0);
  for (guint i = 0; i < report->problems->len; i++)
    {
      GlossProblem *p = g_ptr_array_index (report->problems, i);
      gsize len = strlen (p->message);

      g_test_message ("%s: %" G_GSIZE_FORMAT " bytes: %.300s", what, len, p->message);
      g_assert_cmpuint (len, <=, MESSAGE_MAX);
      g_assert_true (g_utf8_validate (p->message, -1, NULL));
      if (strstr (p->message, "…") != NULL)
        n_quoted++;
    }
  /* the quote was shortened, not left out */
  g_assert_cmpuint (n_quoted, >, 0);
  if (error != NULL)
    g_assert_cmpuint (strlen (error->message), <=, MESSAGE_MAX);
}

static void
import_huge (const char *what,
             const char *format,
             const char *path)
{
  g_autoptr(GlossProject) project = ft_new_project ();
  g_autoptr(GlossImportReport) report = gloss_import_report_new ();
  g_autoptr(GlossImportReport) strict = gloss_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  /* with --skip-bad every problem is in the report */
  ft_import (project, format, path, TRUE, report, &error);
  g_assert_no_error (error);
  check_messages_bounded (what, report, NULL);
  /* without it, bad records stop the import with the same message */
  ft_import (project, format, path, FALSE, strict, &error);
  check_messages_bounded (what, strict, error);
  text = gloss_import_report_to_string (report);
  g_assert_cmpuint (strlen (text), <=, 16 * MESSAGE_MAX);
}

static void
test_huge_quotes (void)
{
  g_autofree char *x = repeat ('x', HUGE_SIZE);
  g_autofree char *y = repeat ('y', HUGE_SIZE);
  g_autofree char *dir = ft_path ("huge-quotes");

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);

  /* brat: the text column of a span differs from the text at its offsets */
  {
    g_autofree char *txt = g_build_filename (dir, "huge.txt", NULL);
    g_autofree char *ann = g_build_filename (dir, "huge.ann", NULL);
    g_autofree char *line = g_strdup_printf ("T1\tPERSON 0 %u\t%s\n", HUGE_SIZE, y);

    tf_write (txt, x);
    tf_write (ann, line);
    import_huge ("brat", "brat", ann);
  }
  /* spaCy: a span says one text and covers another */
  {
    g_autofree char *path = g_build_filename (dir, "huge-spacy.jsonl", NULL);
    g_autofree char *record =
      g_strdup_printf ("{\"text\":\"%.*s\",\"spans\":[{\"start\":0,\"end\":%u,\"label\":\"PERSON\","
                       "\"text\":\"%.*s\"}]}\n", BIG_SIZE, x, BIG_SIZE, BIG_SIZE, y);
    tf_write (path, record);
    import_huge ("spacy", "spacy", path);
  }
  /* Label Studio: a region's text is not the text at its offsets */
  {
    g_autofree char *path = g_build_filename (dir, "huge-ls.json", NULL);
    g_autofree char *task =
      g_strdup_printf ("[{\"id\":1,\"data\":{\"text\":\"%.*s\"},\"annotations\":[{\"result\":["
                       "{\"id\":\"r1\",\"from_name\":\"label\",\"to_name\":\"text\","
                       "\"type\":\"labels\",\"value\":{\"start\":0,\"end\":%u,\"text\":\"%.*s\","
                       "\"labels\":[\"PERSON\"]}}]}]}]\n", BIG_SIZE, x, BIG_SIZE, BIG_SIZE, y);
    tf_write (path, task);
    import_huge ("label-studio", "label-studio", path);
  }
  /* WebAnno: a token's form is not the text at its offsets */
  {
    g_autofree char *path = g_build_filename (dir, "huge.tsv", NULL);
    g_autofree char *tsv =
      g_strdup_printf ("#FORMAT=WebAnno TSV 3.3\n\n\n#Text=a %.*s\n1-1\t0-1\ta\t\n"
                       "1-2\t2-%u\t%.*s\t\n", BIG_SIZE, x, 2 + BIG_SIZE, BIG_SIZE, y);
    tf_write (path, tsv);
    import_huge ("webanno", "webanno", path);
  }
  /* CoNLL-U: "# text" differs from the words */
  {
    g_autofree char *path = g_build_filename (dir, "huge.conllu", NULL);
    g_autofree char *conllu =
      g_strdup_printf ("# text = %.*s\n1\t%.*s\t_\tX\t_\t_\t0\troot\t_\t_\n\n", BIG_SIZE, x,
                       BIG_SIZE, y);
    tf_write (path, conllu);
    import_huge ("conllu", "conllu", path);
  }
  /* doccano: a label that cannot be a label name */
  {
    g_autofree char *path = g_build_filename (dir, "huge-doccano.jsonl", NULL);
    g_autofree char *record =
      g_strdup_printf ("{\"text\":\"abc\",\"label\":[[0,1,\"%.*s z\"]]}\n", BIG_SIZE, y);
    tf_write (path, record);
    import_huge ("doccano", "doccano", path);
  }
  /* CoNLL: a tag that is not an IOB tag */
  {
    g_autofree char *path = g_build_filename (dir, "huge.conll", NULL);
    g_autofree char *conll = g_strdup_printf ("Alice B-%.*s\nmet %.*s\n\n", 10, y, BIG_SIZE, y);
    tf_write (path, conll);
    import_huge ("conll", "conll", path);
  }
}

static void
test_quote (void)
{
  g_autoptr(GString) accents = g_string_new (NULL);
  g_autofree char *short_text = gloss_format_quote ("Bob met Alice", -1);
  g_autofree char *cut = gloss_format_quote ("Bob met Alice", 3);
  g_autofree char *none = gloss_format_quote (NULL, -1);
  g_autofree char *bad = gloss_format_quote ("caf\xe9", -1);
  g_autofree char *quoted = NULL;
  g_autofree char *exact = NULL;
  g_autofree char *expected = NULL;

  g_assert_cmpstr (short_text, ==, "Bob met Alice");
  g_assert_cmpstr (cut, ==, "Bob");
  g_assert_cmpstr (none, ==, "");
  g_assert_true (g_utf8_validate (bad, -1, NULL));
  g_assert_true (g_str_has_prefix (bad, "caf"));

  /* two-byte characters: cut between them, never inside one */
  for (guint i = 0; i < 300; i++)
    g_string_append (accents, "é");
  quoted = gloss_format_quote (accents->str, -1);
  g_assert_true (g_utf8_validate (quoted, -1, NULL));
  g_assert_cmpuint (g_utf8_strlen (quoted, -1), ==, GLOSS_FORMAT_QUOTE_MAX + 1);
  g_assert_true (g_str_has_suffix (quoted, "é…"));
  /* exactly the limit: as it is */
  exact = gloss_format_quote (accents->str, GLOSS_FORMAT_QUOTE_MAX * 2);
  expected = g_strndup (accents->str, GLOSS_FORMAT_QUOTE_MAX * 2);
  g_assert_cmpstr (exact, ==, expected);
}

/* ---- files too large for a document */

/* A sparse file of @size bytes: it takes no room on the disk. */
static char *
sparse_file (const char *name,
             goffset     size)
{
  g_autofree char *dir = ft_path ("too-large");
  char *path = g_build_filename (dir, name, NULL);
  int fd;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  fd = open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, size), ==, 0);
  close (fd);
  return path;
}

static void
check_refused_quickly (const char *format,
                       const char *path,
                       const char *shown_name,
                       const char *limit)
{
  g_autoptr(GlossProject) project = ft_new_project ();
  g_autoptr(GlossImportReport) report = gloss_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *quoted = g_strdup_printf ("%s” is too large (", shown_name);
  g_autofree char *upto = g_strdup_printf ("up to %s)", limit);
  g_autoptr(GString) messages = g_string_new (NULL);
  double elapsed;
  gboolean ok;

  g_test_timer_start ();
  ok = ft_import (project, format, path, FALSE, report, &error);
  elapsed = g_test_timer_elapsed ();
  g_assert_false (ok);
  g_assert_nonnull (error);
  /* in the error, or in the report the error points to */
  g_string_append_printf (messages, "%s\n", error->message);
  for (guint i = 0; i < report->problems->len; i++)
    g_string_append_printf (messages, "%s\n",
                            ((GlossProblem *) g_ptr_array_index (report->problems, i))->message);
  g_test_message ("%s %s: %.3f s: %s", format, shown_name, elapsed, messages->str);
  g_assert_nonnull (strstr (messages->str, quoted));
  g_assert_nonnull (strstr (messages->str, upto));
  g_assert_cmpuint (ft_n_documents (project), ==, 0);
  /* refused before reading, not after */
  g_assert_cmpfloat (elapsed, <, 2.0);
}

static void
test_too_large (void)
{
  const goffset two_gb = G_GOFFSET_CONSTANT (2) * 1024 * 1024 * 1024;
  g_autofree char *ann = NULL;

  /* Files that are one document: 256 MB at most. */
  {
    g_autofree char *path = sparse_file ("big.txt", two_gb);
    check_refused_quickly ("text", path, "big.txt", "256 MB");
  }
  {
    g_autofree char *path = sparse_file ("over.txt", 300 * 1000 * 1000);
    check_refused_quickly ("text", path, "over.txt", "256 MB");
  }
  {
    g_autofree char *path = sparse_file ("big.html", two_gb);
    check_refused_quickly ("html", path, "big.html", "256 MB");
  }
  /* brat: the .ann beside a text too large */
  ann = ft_write_fixture ("too-large/big.ann", "T1\tPERSON 0 3\tabc\n", -1);
  check_refused_quickly ("brat", ann, "big.txt", "256 MB");

  /* Files of many records, read whole: 1000 MB at most. */
  {
    static const struct { const char *format, *name; } cases[] = {
      { "doccano", "big.jsonl" }, { "spacy", "big-spacy.jsonl" },
      { "label-studio", "big.json" }, { "conll", "big.conll" }, { "conllu", "big.conllu" },
      { "webanno", "big.tsv" }, { "jsonl", "big-gloss.jsonl" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autofree char *path = sparse_file (cases[i].name, two_gb);
        check_refused_quickly (cases[i].format, path, cases[i].name, "1000 MB");
      }
  }
}

/* Imported attribute values never grow an enum past the schema's limit:
 * the attribute becomes a text one, and the project opens again. */
static void
test_attribute_values_capped (void)
{
  g_autoptr(GlossProject) project = ft_new_project ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) ann = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  guint n = GLOSS_SCHEMA_MAX_ENUM_VALUES + 500;
  GlossAttrDef *def;

  for (guint i = 0; i < n; i++)
    {
      g_string_append (text, "word ");
      g_string_append_printf (ann, "T%u\tORG %u %u\tword\nA%u\tSource T%u value%u\n",
                              i + 1, i * 5, i * 5 + 4, i + 1, i + 1, i);
    }
  g_free (ft_write_fixture ("many.txt", text->str, text->len));  /* beside many.ann */
  path = ft_write_fixture ("many.ann", ann->str, ann->len);
  g_assert_true (ft_import (project, "brat", path, FALSE, NULL, &error));
  g_assert_no_error (error);
  def = gloss_label_lookup_attribute (gloss_schema_lookup_label (gloss_project_get_schema (project),
                                                                 "ORG"), "Source");
  g_assert_nonnull (def);
  g_assert_cmpint (gloss_attr_def_get_attr_type (def), ==, GLOSS_ATTR_TYPE_TEXT);
  {
    g_autoptr(GlossProject) again = gloss_project_open (gloss_project_get_path (project), &error);
    g_assert_no_error (error);
    g_assert_nonnull (again);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* Writes past RLIMIT_FSIZE fail with EFBIG instead of killing us. */
  signal (SIGXFSZ, SIG_IGN);

  g_test_add_func ("/core/formats/base/export-file-too-large", test_export_file_too_large);
  g_test_add_func ("/core/formats/base/export-cancelled", test_export_cancelled);
  g_test_add_func ("/core/formats/base/quote", test_quote);
  g_test_add_func ("/core/formats/base/huge-quotes", test_huge_quotes);
  g_test_add_func ("/core/formats/base/too-large", test_too_large);
  g_test_add_func ("/core/formats/base/attribute-values-capped", test_attribute_values_capped);

  return g_test_run ();
}
