/* test-text.c: plain-text and HTML article import, folders of articles
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "gloss.h"
#include "gloss-formats.h"

static char *tmp_root;
static guint tmp_counter;

static void
rm_rf (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
      const char *name;

      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          rm_rf (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static char *
tmp_dir (const char *what)
{
  char *dir = g_strdup_printf ("%s/%s-%u", tmp_root, what, ++tmp_counter);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return dir;
}

static GlossProject *
new_project (void)
{
  g_autofree char *dir = tmp_dir ("project");
  g_autofree char *path = g_build_filename (dir, "p.gloss", NULL);
  g_autoptr(GError) error = NULL;
  GlossProject *project = gloss_project_create (path, NULL, &error);

  g_assert_no_error (error);
  return project;
}

static char *
write_file (const char *dir,
            const char *name,
            const char *contents,
            gssize      len)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (parent, 0700);
  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
  return path;
}

static gboolean
import (GlossProject       *project,
        const char * const *paths,
        const char         *format,
        gboolean            skip_bad,
        GlossImportReport  *report,
        GError            **error)
{
  GlossImportOptions options = GLOSS_IMPORT_OPTIONS_INIT;

  options.format = format;
  options.skip_bad = skip_bad;
  return gloss_format_import (project, paths, &options, report, NULL, error);
}

static GlossDocument *
document (GlossProject *project,
          const char   *name)
{
  GlossDocument *doc = gloss_project_find_document (project, name);

  g_assert_nonnull (doc);
  return doc;
}

static guint
n_documents (GlossProject *project)
{
  return g_list_model_get_n_items (gloss_project_get_documents (project));
}

static gboolean
report_has (GlossImportReport    *report,
            GlossProblemSeverity  severity,
            const char           *file_suffix,
            const char           *needle)
{
  for (guint i = 0; i < report->problems->len; i++)
    {
      GlossProblem *p = g_ptr_array_index (report->problems, i);

      if (p->severity == severity && strstr (p->message, needle) != NULL
          && (file_suffix == NULL || (p->file && g_str_has_suffix (p->file, file_suffix))))
        return TRUE;
    }
  return FALSE;
}

/* ---- text */

static const char sample[] = "Zürich, 1 March.\nAgent 🕵 met Анна; “naïve” plans.\n";

static char *
encode (const char *to,
        gsize      *len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = g_convert (sample, -1, to, "UTF-8", NULL, len, &error);
  char *out;

  g_assert_no_error (error);
  out = g_malloc (*len + 2);
  if (strcmp (to, "UTF-16LE") == 0)
    memcpy (out, "\xff\xfe", 2);
  else
    memcpy (out, "\xfe\xff", 2);
  memcpy (out + 2, body, *len);
  *len += 2;
  return out;
}

static void
test_encodings (void)
{
  g_autofree char *dir = tmp_dir ("enc");
  g_autoptr(GlossProject) project = new_project ();
  g_autoptr(GlossImportReport) report = gloss_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *bom = g_strconcat ("\xef\xbb\xbf", sample, NULL);
  g_autofree char *le = NULL, *be = NULL;
  gsize le_len, be_len;
  g_autofree char *p1 = NULL, *p2 = NULL, *p3 = NULL, *p4 = NULL, *p5 = NULL;
  const char *names[] = { "plain", "bom", "le", "be", "crlf" };
  const char *encodings[] = { NULL, "UTF-8 with BOM", "UTF-16LE", "UTF-16BE", NULL };

  le = encode ("UTF-16LE", &le_len);
  be = encode ("UTF-16BE", &be_len);
  p1 = write_file (dir, "plain.txt", sample, -1);
  p2 = write_file (dir, "bom.txt", bom, -1);
  p3 = write_file (dir, "le.txt", le, le_len);
  p4 = write_file (dir, "be.text", be, be_len);
  p5 = write_file (dir, "crlf.txt", "Line one\r\nLine two\r\n", -1);
  {
    const char *paths[] = { p1, p2, p3, p4, p5, NULL };
    g_assert_true (import (project, paths, NULL, FALSE, report, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (report->n_documents, ==, 5);
  for (guint i = 0; i < 4; i++)
    {
      GlossDocument *doc = document (project, names[i]);

      g_assert_cmpstr (gloss_document_get_text (doc), ==, sample);
      g_assert_cmpuint (gloss_document_get_length (doc), ==, g_utf8_strlen (sample, -1));
      g_assert_cmpstr (gloss_document_get_meta_string (doc, "format"), ==, "text");
      g_assert_cmpstr (gloss_document_get_meta_string (doc, "encoding"), ==, encodings[i]);
      g_assert_true (g_str_has_suffix (gloss_document_get_meta_string (doc, "source"),
                                       gloss_document_get_meta_string (doc, "filename")));
    }
  g_assert_cmpstr (gloss_document_get_meta_string (document (project, "be"), "filename"), ==,
                   "be.text");
  /* line ends are kept as they are */
  g_assert_cmpstr (gloss_document_get_text (document (project, "crlf")), ==,
                   "Line one\r\nLine two\r\n");
}

static void
test_refusals (void)
{
  g_autofree char *dir = tmp_dir ("refuse");
  g_autoptr(GlossProject) project = new_project ();
  g_autoptr(GError) error = NULL;
  g_autofree char *good = write_file (dir, "good.txt", "Fine text.\n", -1);
  g_autofree char *latin1 = write_file (dir, "latin1.txt", "First line\ncaf\xe9 au lait\n", -1);
  g_autofree char *nul = write_file (dir, "nul.txt", "text with a \0 byte\n", 19);
  g_autofree char *empty = write_file (dir, "empty.txt", "", 0);
  g_autofree char *bom_only = write_file (dir, "bom-only.txt", "\xef\xbb\xbf", 3);
  g_autofree char *bad16 = write_file (dir, "bad16.txt", "\xff\xfe\x41\x00\x00\xd8", 6);
  g_autofree char *png = write_file (dir, "image.txt", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  g_autofree char *missing = g_build_filename (dir, "missing.txt", NULL);
  g_autofree char *schema = gloss_schema_to_json (gloss_project_get_schema (project));

  {
    g_autoptr(GlossImportReport) report = gloss_import_report_new ();
    const char *paths[] = { good, latin1, nul, empty, bom_only, bad16, png, missing, NULL };

    g_assert_false (import (project, paths, "text", FALSE, report, &error));
    g_assert_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_PROBLEMS);
    g_clear_error (&error);
    /* every refused file is reported with its reason, nothing is written */
    g_assert_true (report_has (report, GLOSS_PROBLEM_ERROR, "latin1.txt",
                               "invalid UTF-8 at byte 14 (line 2)"));
    g_assert_true (report_has (report, GLOSS_PROBLEM_ERROR, "nul.txt", "NUL"));
    g_assert_true (report_has (report, GLOSS_PROBLEM_ERROR, "empty.txt", "empty file"));
    g_assert_true (report_has (report, GLOSS_PROBLEM_ERROR, "bom-only.txt", "empty file"));
    g_assert_true (report_has (report, GLOSS_PROBLEM_ERROR, "bad16.txt", "UTF-16LE"));
    g_assert_true (report_has (report, GLOSS_PROBLEM_ERROR, "image.txt", "binary"));
    g_assert_true (report_has (report, GLOSS_PROBLEM_ERROR, NULL, "missing.txt"));
    g_assert_cmpuint (gloss_import_report_count (report, GLOSS_PROBLEM_ERROR), ==, 7);
    g_assert_cmpuint (report->n_documents, ==, 0);
    g_assert_cmpuint (n_documents (project), ==, 0);
  }
  {
    /* without --format: detection, then the same refusals */
    g_autoptr(GlossImportReport) report = gloss_import_report_new ();
    const char *paths[] = { good, latin1, NULL };

    g_assert_false (import (project, paths, NULL, FALSE, report, &error));
    g_clear_error (&error);
    g_assert_cmpuint (n_documents (project), ==, 0);
  }
  {
    g_autoptr(GlossImportReport) report = gloss_import_report_new ();
    const char *paths[] = { good, latin1, nul, NULL };
    g_autofree char *after = NULL;

    g_assert_true (import (project, paths, "text", TRUE, report, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (report->n_documents, ==, 1);
    g_assert_cmpuint (gloss_import_report_count (report, GLOSS_PROBLEM_ERROR), ==, 2);
    g_assert_cmpuint (n_documents (project), ==, 1);
    after = gloss_schema_to_json (gloss_project_get_schema (project));
    g_assert_cmpstr (after, ==, schema);
  }
}

/* ---- HTML */

static char *
fixture (const char *name)
{
  const char *src = g_getenv ("GLOSS_SOURCE_DIR");

  if (src != NULL)
    return g_build_filename (src, "tests", "formats", "data", name, NULL);
  return g_test_build_filename (G_TEST_DIST, "formats", "data", name, NULL);
}

static void
test_html_article (void)
{
  g_autoptr(GlossProject) project = new_project ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const char *text;
  GlossDocument *doc;
  const char * const expected[] = {
    "Defector describes cyber unit | The Daily Example",
    "Defector describes cyber unit",
    "By Jane Roe, 1 March 2026",
    "A former officer told the agency that the unit had grown to 300 people, officials said.",
    "Recruitment abroad",
    "Recruiters “worked through front companies” in Berlin & Vienna.",
    "Front company one",
    "Front company two",
    "We were told nothing, he said.",
    NULL
  };
  g_autofree char *joined = g_strjoinv ("\n\n", (char **) expected);

  path = fixture ("news-article.html");
  g_assert_true (gloss_format_detect (path, NULL) == gloss_format_lookup ("html"));
  {
    const char *paths[] = { path, NULL };
    g_assert_true (import (project, paths, NULL, FALSE, NULL, &error));
    g_assert_no_error (error);
  }
  doc = document (project, "news-article");
  text = gloss_document_get_text (doc);
  g_assert_null (strstr (text, "NOISE"));
  g_assert_cmpstr (text, ==, joined);
  g_assert_cmpstr (gloss_document_get_meta_string (doc, "title"), ==,
                   "Defector describes cyber unit | The Daily Example");
  g_assert_cmpstr (gloss_document_get_meta_string (doc, "url"), ==,
                   "https://news.example.org/2026/03/defector-cyber-unit");
  g_assert_cmpstr (gloss_document_get_meta_string (doc, "date"), ==, "2026-03-01");
  g_assert_cmpstr (gloss_document_get_meta_string (doc, "format"), ==, "html");
  g_assert_cmpstr (gloss_document_get_meta_string (doc, "filename"), ==, "news-article.html");
}

static void
test_html_body (void)
{
  g_autofree char *dir = tmp_dir ("html");
  g_autoptr(GlossProject) project = new_project ();
  g_autoptr(GlossImportReport) report = gloss_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *a = write_file (dir, "a.htm",
                                   "<html><body><nav>Menu</nav><h1>Spy  ring found</h1>"
                                   "<div><p>First\tparagraph.</p><span aria-hidden=\"true\">x"
                                   "</span><p>Second <br>one.</p></div>"
                                   "<meta property=\"og:url\" content=\"https://e.org/a\">"
                                   "<meta property=\"article:published_time\" "
                                   "content=\"2026-01-02\"></body></html>", -1);
  g_autofree char *latin = write_file (dir, "latin.html",
                                       "<html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9"
                                       "</title></head><body><p>Na\xefve.</p></body></html>",
                                       -1);
  g_autofree char *empty = write_file (dir, "empty.html", "", 0);
  g_autofree char *blank = write_file (dir, "blank.html", "<html><body><script>x()</script>"
                                                          "</body></html>", -1);
  const char *paths[] = { a, latin, NULL };
  const char *bad[] = { empty, blank, NULL };
  GlossDocument *doc;

  g_assert_true (import (project, paths, NULL, FALSE, report, &error));
  g_assert_no_error (error);
  doc = document (project, "a");
  g_assert_cmpstr (gloss_document_get_text (doc), ==,
                   "Spy ring found\n\nFirst paragraph.\n\nSecond one.");
  g_assert_cmpstr (gloss_document_get_meta_string (doc, "title"), ==, "Spy ring found");
  g_assert_cmpstr (gloss_document_get_meta_string (doc, "url"), ==, "https://e.org/a");
  g_assert_cmpstr (gloss_document_get_meta_string (doc, "date"), ==, "2026-01-02");
  doc = document (project, "latin");
  g_assert_cmpstr (gloss_document_get_text (doc), ==, "Café\n\nNaïve.");

  g_assert_false (import (project, bad, "html", FALSE, report, &error));
  g_assert_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_PROBLEMS);
  g_assert_true (report_has (report, GLOSS_PROBLEM_ERROR, "empty.html", "empty"));
  g_assert_true (report_has (report, GLOSS_PROBLEM_ERROR, "blank.html", "no article text"));
  g_assert_cmpuint (n_documents (project), ==, 2);
}

/* ---- folders */

static void
test_folder (void)
{
  g_autofree char *dir = tmp_dir ("folder");
  g_autoptr(GlossProject) project = new_project ();
  g_autoptr(GlossImportReport) report = gloss_import_report_new ();
  g_autoptr(GError) error = NULL;
  const char *paths[] = { dir, NULL };
  g_autofree char *p1 = write_file (dir, "b-story.txt", "Second story.\n", -1);
  g_autofree char *p2 = write_file (dir, "a/first.text", "First story.\n", -1);
  g_autofree char *p3 = write_file (dir, "a/deep/page.HTML",
                                    "<html><head><title>Page</title></head><body><p>Body."
                                    "</p></body></html>", -1);
  g_autofree char *p4 = write_file (dir, "notes.md", "# not an article\n", -1);
  g_autofree char *p5 = write_file (dir, ".hidden.txt", "hidden\n", -1);
  GListModel *docs;

  g_assert_true (gloss_format_detect (dir, NULL) == gloss_format_lookup ("text"));
  g_assert_true (import (project, paths, NULL, FALSE, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_documents, ==, 3);
  g_assert_true (report_has (report, GLOSS_PROBLEM_NOTE, NULL, "skipped"));
  docs = gloss_project_get_documents (project);
  g_assert_cmpuint (g_list_model_get_n_items (docs), ==, 3);
  g_assert_cmpstr (gloss_document_get_text (document (project, "first")), ==, "First story.\n");
  g_assert_cmpstr (gloss_document_get_text (document (project, "page")), ==, "Page\n\nBody.");
  g_assert_cmpstr (gloss_document_get_meta_string (document (project, "page"), "format"), ==,
                   "html");

  /* a bad file in a folder fails the whole import */
  {
    g_autofree char *bad = write_file (dir, "c-bad.txt", "\xff\xfe\xfd", 3);
    g_autoptr(GlossImportReport) report2 = gloss_import_report_new ();

    g_assert_false (import (project, paths, NULL, FALSE, report2, &error));
    g_clear_error (&error);
    g_assert_cmpuint (g_list_model_get_n_items (docs), ==, 3);
    g_assert_true (report_has (report2, GLOSS_PROBLEM_ERROR, "c-bad.txt", "UTF-16LE"));
  }

  /* a folder holding brat pairs goes to brat */
  g_free (write_file (dir, "c-bad.ann", "", 0));
  g_assert_true (gloss_format_detect (dir, NULL) == gloss_format_lookup ("brat"));
}

int
main (int    argc,
      char **argv)
{
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  tmp_root = g_dir_make_tmp ("gloss-test-text-XXXXXX", NULL);
  g_assert_nonnull (tmp_root);

  g_test_add_func ("/formats/text/encodings", test_encodings);
  g_test_add_func ("/formats/text/refusals", test_refusals);
  g_test_add_func ("/formats/text/folder", test_folder);
  g_test_add_func ("/formats/html/article", test_html_article);
  g_test_add_func ("/formats/html/body", test_html_body);
  ret = g_test_run ();
  rm_rf (tmp_root);
  g_free (tmp_root);
  return ret;
}
