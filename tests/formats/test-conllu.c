/* test-conllu.c: CoNLL-U import and export
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "token-formats-test-util.h"

static void
test_corpus (void)
{
  g_autofree char *dir = ft_corpus_dir ("conllu");
  static const char * const exts[] = { "conllu", NULL };
  g_autoptr(GPtrArray) files = NULL;
  guint n_ok = 0, n_rejected = 0, n_docs = 0, n_anns = 0, n_tolerated = 0, n_empty = 0;

  if (dir == NULL)
    {
      g_test_skip ("no corpora");
      return;
    }
  files = ft_list_files (dir, exts);
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autoptr(GlossProject) project = ft_new_project ();
      g_autoptr(GlossImportReport) report = gloss_import_report_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *base = g_path_get_basename (path);
      gboolean invalid = strstr (path, "/invalid-level") != NULL;
      gboolean ok;

      ok = ft_import (project, "conllu", path, FALSE, report, &error);
      /* The one tolerance (see gloss-format-conllu.c): a missing empty line
       * after the last sentence is a warning, as DKPro and OpenNLP files in
       * the same corpus omit it. */
      if (g_str_has_suffix (path, "missing-final-line.conllu"))
        {
          g_autofree char *s = gloss_import_report_to_string (report);
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpuint (gloss_import_report_count (report, GLOSS_PROBLEM_WARNING), ==, 1);
          g_assert_nonnull (strstr (s, "missing-final-line.conllu:4: "));
          g_test_message ("%s: imported with a warning", base);
          n_tolerated++;
          continue;
        }
      /* UD's own valid case of an empty file: valid CoNLL-U that holds no
       * sentence, refused as every importer refuses an empty file, with
       * the same message (gloss-format-driver.c), rather than importing
       * nothing without a word */
      if (g_str_has_suffix (path, "/empty-file.conllu"))
        {
          g_autofree char *s = gloss_import_report_to_string (report);

          g_assert_false (ok);
          g_assert_cmpuint (ft_n_documents (project), ==, 0);
          g_assert_nonnull (strstr (s, "empty-file.conllu: error: empty file"));
          g_test_message ("%s: refused as empty", base);
          n_empty++;
          continue;
        }
      if (invalid)
        {
          g_autofree char *where = g_strdup_printf ("%s:", base);
          if (ok)
            g_error ("%s: invalid on purpose but imported", path);
          g_assert_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID);
          /* "file:line: reason" */
          g_assert_nonnull (strstr (error->message, where));
          g_assert_true (g_ascii_isdigit (strstr (error->message, where)[strlen (where)]));
          g_assert_cmpuint (ft_n_documents (project), ==, 0);
          g_test_message ("%s: rejected: %s", base, strstr (error->message, where));
          n_rejected++;
          continue;
        }
      if (!ok)
        g_error ("%s: %s", path, error->message);
      g_test_message ("%s: %u documents, %u annotations", base, report->n_documents,
                      report->n_annotations);
      n_ok++;
      n_docs += report->n_documents;
      n_anns += report->n_annotations;
      {
        g_autoptr(GError) derror = NULL;
        GlossFormat *format = gloss_format_detect (path, &derror);
        g_assert_cmpstr (gloss_format_get_name (format), ==, "conllu");
      }
    }
  g_test_message ("conllu: %u files imported (%u documents, %u annotations), %u invalid ones "
                  "rejected, %u tolerated with a warning", n_ok, n_docs, n_anns, n_rejected,
                  n_tolerated);
  g_assert_cmpuint (n_rejected, ==, 48);
  g_assert_cmpuint (n_tolerated, ==, 1);
  g_assert_cmpuint (n_ok, ==, 26);
  g_assert_cmpuint (n_empty, ==, 1);
}

static void
test_corpus_text (void)
{
  g_autofree char *dir = ft_corpus_dir ("conllu");

  if (dir == NULL)
    {
      g_test_skip ("no corpora");
      return;
    }

  /* MWT surface forms and SpaceAfter=No. */
  {
    g_autofree char *path = g_build_filename (dir, "dkpro-core-conllu-fixtures/u_v2/"
                                              "conllu-words_and_tokens.conllu", NULL);
    g_autoptr(GlossProject) project = ft_new_project ();
    g_autoptr(GError) error = NULL;

    g_assert_true (ft_import (project, "conllu", path, FALSE, NULL, &error));
    g_assert_cmpstr (gloss_document_get_text (ft_document (project, 0)), ==,
                     "vámonos al mar");
  }

  /* Two "# newdoc id" give two documents named by their ids. */
  {
    g_autofree char *path = g_build_filename (dir, "dkpro-core-conllu-fixtures/u_v2/"
                                              "conllu-multiple_document_IDs.conllu", NULL);
    g_autoptr(GlossProject) project = ft_new_project ();
    g_autoptr(GError) error = NULL;

    g_assert_true (ft_import (project, "conllu", path, FALSE, NULL, &error));
    g_assert_cmpuint (ft_n_documents (project), ==, 2);
  }

  /* The EWT slice: 11 documents, its "# text" lines all equal our rebuilt
   * sentences (checked by the importer), no NE tags -> a note. */
  {
    g_autofree char *path = g_build_filename (dir, "UD_English-EWT/en_ewt-ud-dev.conllu", NULL);
    g_autoptr(GlossProject) project = ft_new_project ();
    g_autoptr(GlossImportReport) report = gloss_import_report_new ();
    g_autoptr(GError) error = NULL;
    g_autofree char *notes = NULL;

    g_assert_true (ft_import (project, "conllu", path, FALSE, report, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (ft_n_documents (project), ==, 11);
    notes = gloss_import_report_to_string (report);
    g_assert_nonnull (strstr (notes, "no named-entity tags"));
  }
}

static void
test_entities (void)
{
  g_autoptr(GlossProject) project = ft_new_project ();
  g_autoptr(GlossImportReport) report = gloss_import_report_new ();
  g_autofree char *path = ft_path ("ner.conllu");
  g_autoptr(GError) error = NULL;
  g_autofree char *sig = NULL;
  GlossDocument *doc;

  tf_write (path,
            "# newdoc id = story-1\n"
            "# sent_id = 1\n"
            "# text = Ana Ivešić visited Gdańsk.\n"
            "1\tAna\tAna\tPROPN\t_\t_\t3\tnsubj\t_\tNE=B-PER\n"
            "2\tIvešić\tIvešić\tPROPN\t_\t_\t1\tflat\t_\tNE=I-PER\n"
            "3\tvisited\tvisit\tVERB\t_\t_\t0\troot\t_\tNE=O\n"
            "4\tGdańsk\tGdańsk\tPROPN\t_\t_\t3\tobj\t_\tNE=B-LOC|SpaceAfter=No\n"
            "5\t.\t.\tPUNCT\t_\t_\t3\tpunct\t_\tNE=O\n"
            "\n"
            "# sent_id = 2\n"
            "1-2\tKarsovia's\t_\t_\t_\t_\t_\t_\t_\t_\n"
            "1\tKarsovia\tKarsovia\tPROPN\t_\t_\t3\tnmod\t_\tNE=S-GPE\n"
            "2\t's\t's\tPART\t_\t_\t1\tcase\t_\tNE=O\n"
            "3\tmen\tman\tNOUN\t_\t_\t0\troot\t_\tSpaceAfter=No\n"
            "3.1\tleft\tleave\tVERB\t_\t_\t_\t_\t0:root\t_\n"
            "4\t😊\t😊\tSYM\t_\t_\t3\tdiscourse\t_\tNE=B-EMO\n"
            "\n"
            "# newdoc\n"
            "# newpar\n"
            "# sent_id = 3\n"
            "1\tNext\tnext\tADJ\t_\t_\t0\troot\t_\t_\n"
            "\n");
  g_assert_true (ft_import (project, "conllu", path, FALSE, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ft_n_documents (project), ==, 2);
  doc = ft_document (project, 0);
  g_assert_cmpstr (gloss_document_get_name (doc), ==, "ner-1");
  g_assert_cmpstr (gloss_document_get_text (doc), ==, "Next");
  doc = ft_document (project, 1);
  g_assert_cmpstr (gloss_document_get_name (doc), ==, "story-1");
  g_assert_cmpstr (gloss_document_get_text (doc), ==,
                   "Ana Ivešić visited Gdańsk.\nKarsovia's men😊");
  sig = tf_annotation_signature (project, doc);
  g_assert_cmpstr (sig, ==,
                   "EMO 41-42 «😊»\nGPE 27-37 «Karsovia's»\nLOC 19-25 «Gdańsk»\n"
                   "PER 0-10 «Ana Ivešić»\n");
}

static void
test_bad_input (void)
{
  struct { const char *contents; const char *where; } cases[] = {
    { "1\ta\ta\tX\t_\t_\t0\troot\t_\t_\n\n\n", "bad.conllu:3:" },
    { "1\ta\ta\tX\t_\t_\t0\troot\t_\n\n", "bad.conllu:1:" },
    { "1\ta\ta\tX\t_\t_\t0\troot\t_\t_\n2\tb\tb\tX\t_\t_\t0\troot\t_\t_\n# late\n\n",
      "bad.conllu:3:" },
    { "# text = a b\n1\ta\ta\tX\t_\t_\t0\troot\t_\tSpaceAfter=No\n2\tb\tb\tX\t_\t_\t1\tx\t_\t_\n\n",
      "bad.conllu:1:" },
    { "1\ta\xc3\ta\tX\t_\t_\t0\troot\t_\t_\n\n", "bad.conllu:1" },
    { "0\ta\ta\tX\t_\t_\t0\troot\t_\t_\n\n", "bad.conllu:1:" },
    { "\x01\x02\x03 binary \t\t\n", "bad.conllu:1:" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GlossProject) project = ft_new_project ();
      g_autofree char *path = ft_path ("bad.conllu");
      g_autoptr(GError) error = NULL;

      tf_write (path, cases[i].contents);
      if (ft_import (project, "conllu", path, FALSE, NULL, &error))
        g_error ("case %u imported", i);
      g_assert_nonnull (error);
      if (strstr (error->message, cases[i].where) == NULL)
        g_error ("case %u: “%s” does not name “%s”", i, error->message, cases[i].where);
      g_assert_cmpuint (ft_n_documents (project), ==, 0);
    }

  /* With skip_bad a broken file is reported and skipped whole; the good
   * one is imported. */
  {
    g_autoptr(GlossProject) project = ft_new_project ();
    g_autoptr(GlossImportReport) report = gloss_import_report_new ();
    g_autofree char *good = ft_path ("good.conllu");
    g_autofree char *bad = ft_path ("bad.conllu");
    const char *paths[] = { bad, good, NULL };
    GlossImportOptions options = GLOSS_IMPORT_OPTIONS_INIT;
    g_autoptr(GError) error = NULL;
    g_autofree char *text = NULL;

    tf_write (good, "1\tgood\tgood\tX\t_\t_\t0\troot\t_\t_\n\n");
    tf_write (bad, "1\tfine\tfine\tX\t_\t_\t0\troot\t_\t_\n\n"
                   "3\tbad\tbad\tX\t_\t_\t0\troot\t_\t_\n\n");
    options.format = "conllu";
    options.skip_bad = TRUE;
    g_assert_true (gloss_format_import (project, paths, &options, report, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (ft_n_documents (project), ==, 1);
    g_assert_cmpstr (gloss_document_get_text (ft_document (project, 0)), ==, "good");
    text = gloss_import_report_to_string (report);
    g_assert_nonnull (strstr (text, "bad.conllu:3:"));
  }
}

/* Exports @project to CoNLL-U (the file's text returned, the warnings in
 * @warnings, one a line "FILE: MESSAGE"), imports the file into a new
 * project and checks that it has the same documents, texts and spans. */
static char *
export_and_reimport (GlossProject *project,
                     const char   *name,
                     char        **warnings)
{
  g_autofree char *out = ft_path (name);
  g_autoptr(GlossImportReport) report = gloss_import_report_new ();
  g_autoptr(GlossProject) again = ft_new_project ();
  g_autoptr(GError) error = NULL;
  GString *lines = g_string_new (NULL);

  g_assert_true (gloss_format_export (project, "conllu", out, NULL, report, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < report->problems->len; i++)
    {
      GlossProblem *p = g_ptr_array_index (report->problems, i);
      g_string_append_printf (lines, "%s: %s\n", p->file ? p->file : "-", p->message);
    }
  if (warnings != NULL)
    *warnings = g_string_free (lines, FALSE);
  else
    g_string_free (lines, TRUE);

  g_assert_true (ft_import (again, "conllu", out, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ft_n_documents (again), ==, ft_n_documents (project));
  for (guint d = 0; d < ft_n_documents (project); d++)
    {
      GlossDocument *a = ft_document (project, d);
      GlossDocument *b = ft_document (again, d);
      g_autofree char *sig_a = tf_annotation_signature (project, a);
      g_autofree char *sig_b = tf_annotation_signature (again, b);

      g_assert_cmpstr (gloss_document_get_name (b), ==, gloss_document_get_name (a));
      g_assert_cmpstr (gloss_document_get_text (b), ==, gloss_document_get_text (a));
      g_assert_cmpstr (sig_b, ==, sig_a);
    }
  return tf_read (out);
}

/* A document made in Gloss: its tokens and sentences from the tokenizer,
 * the entities in MISC, "_" where Gloss knows nothing. */
static void
test_export (void)
{
  static const char text[] = "Two defectors reached Seoul, the Vostok Agency said.\n\n"
                             "Officials in Karsovia's capital declined.";
  g_autoptr(GlossProject) project = ft_new_project ();
  g_autofree char *warnings = NULL;
  g_autofree char *got = NULL;
  GlossDocument *doc = tf_add_document (project, "defectors", text);

  tf_add_span (project, doc, "GPE", 22, 27); /* Seoul */
  tf_add_span (project, doc, "ORG", 33, 46); /* Vostok Agency */
  tf_add_span (project, doc, "GPE", 67, 75); /* Karsovia */
  got = export_and_reimport (project, "made.conllu", &warnings);
  g_assert_cmpstr (got, ==,
                   "# newdoc id = defectors\n"
                   "# sent_id = defectors-1\n"
                   "# text = Two defectors reached Seoul, the Vostok Agency said.\n"
                   "1\tTwo\t_\t_\t_\t_\t_\t_\t_\t_\n"
                   "2\tdefectors\t_\t_\t_\t_\t_\t_\t_\t_\n"
                   "3\treached\t_\t_\t_\t_\t_\t_\t_\t_\n"
                   "4\tSeoul\t_\t_\t_\t_\t_\t_\t_\tNER=B-GPE|SpaceAfter=No\n"
                   "5\t,\t_\t_\t_\t_\t_\t_\t_\t_\n"
                   "6\tthe\t_\t_\t_\t_\t_\t_\t_\t_\n"
                   "7\tVostok\t_\t_\t_\t_\t_\t_\t_\tNER=B-ORG\n"
                   "8\tAgency\t_\t_\t_\t_\t_\t_\t_\tNER=I-ORG\n"
                   "9\tsaid\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n"
                   "10\t.\t_\t_\t_\t_\t_\t_\t_\t_\n"
                   "\n"
                   "# newpar\n"
                   "# sent_id = defectors-2\n"
                   "# text = Officials in Karsovia's capital declined.\n"
                   "1\tOfficials\t_\t_\t_\t_\t_\t_\t_\t_\n"
                   "2\tin\t_\t_\t_\t_\t_\t_\t_\t_\n"
                   "3\tKarsovia\t_\t_\t_\t_\t_\t_\t_\tNER=B-GPE|SpaceAfter=No\n"
                   "4\t's\t_\t_\t_\t_\t_\t_\t_\t_\n"
                   "5\tcapital\t_\t_\t_\t_\t_\t_\t_\t_\n"
                   "6\tdeclined\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n"
                   "7\t.\t_\t_\t_\t_\t_\t_\t_\t_\n"
                   "\n");
  g_assert_cmpstr (warnings, ==, "");
}

/* What a re-import cannot give back is named, per document: spacing
 * other than one space and a sentence a line, text not in NFC, and a
 * document without a token (left out: a sentence needs a word). */
static void
test_export_losses (void)
{
  g_autoptr(GlossProject) project = ft_new_project ();
  g_autofree char *warnings = NULL;
  g_autofree char *got = NULL;
  g_autofree char *out = ft_path ("losses.conllu");
  g_autoptr(GlossProject) again = ft_new_project ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossImportReport) report = gloss_import_report_new ();
  GString *lines = g_string_new (NULL);

  tf_add_document (project, "a-spaced", "The  agency\tsaid so.");
  tf_add_document (project, "b-decomposed", "Cafe\xcc\x81 owners fled.");  /* e + U+0301 */
  tf_add_document (project, "c-blank", " \n ");
  g_assert_true (gloss_format_export (project, "conllu", out, NULL, report, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < report->problems->len; i++)
    {
      GlossProblem *p = g_ptr_array_index (report->problems, i);
      g_string_append_printf (lines, "%s: %s\n", p->file ? p->file : "-", p->message);
    }
  warnings = g_string_free (lines, FALSE);
  g_assert_cmpstr (warnings, ==,
                   "a-spaced: the text changes on re-import: it comes back with one space "
                   "between tokens and a sentence a line\n"
                   "b-decomposed: the text changes on re-import: it comes back with one space "
                   "between tokens and a sentence a line\n"
                   "b-decomposed: the text changes on re-import: 1 token was written in "
                   "Unicode NFC\n"
                   "c-blank: no token to write: the document was left out\n");
  g_assert_true (ft_import (again, "conllu", out, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ft_n_documents (again), ==, 2);
  g_assert_cmpstr (gloss_document_get_text (ft_document (again, 0)), ==, "The agency said so.");
  g_assert_cmpstr (gloss_document_get_text (ft_document (again, 1)), ==,
                   "Caf\xc3\xa9 owners fled.");
  got = tf_read (out);
  g_assert_nonnull (strstr (got, "1\tCaf\xc3\xa9\t_"));
}

/* A CoNLL-U file comes back with its surface tokens (a multiword token
 * as its surface form), SpaceAfter=No, paragraphs and entities; a second
 * round gives the same file. */
static void
test_export_round_trip (void)
{
  g_autoptr(GlossProject) project = ft_new_project ();
  g_autoptr(GlossProject) again = ft_new_project ();
  g_autofree char *path = ft_path ("source.conllu");
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *first_path = NULL;

  tf_write (path,
            "# newdoc id = wire-1\n"
            "# sent_id = a\n"
            "# text = Ana Ivešić visited Gdańsk.\n"
            "1\tAna\tAna\tPROPN\t_\t_\t3\tnsubj\t_\tNE=B-PER\n"
            "2\tIvešić\tIvešić\tPROPN\t_\t_\t1\tflat\t_\tNE=I-PER\n"
            "3\tvisited\tvisit\tVERB\t_\t_\t0\troot\t_\tNE=O\n"
            "4\tGdańsk\tGdańsk\tPROPN\t_\t_\t3\tobj\t_\tNE=B-LOC|SpaceAfter=No\n"
            "5\t.\t.\tPUNCT\t_\t_\t3\tpunct\t_\tNE=O\n"
            "\n"
            "# sent_id = b\n"
            "1-2\tKarsovia's\t_\t_\t_\t_\t_\t_\t_\t_\n"
            "1\tKarsovia\tKarsovia\tPROPN\t_\t_\t3\tnmod\t_\tNE=S-GPE\n"
            "2\t's\t's\tPART\t_\t_\t1\tcase\t_\tNE=O\n"
            "3\tmen\tman\tNOUN\t_\t_\t0\troot\t_\tSpaceAfter=No\n"
            "4\tn't\tnot\tPART\t_\t_\t3\tadvmod\t_\tSpaceAfter=No\n"
            "5\t😊\t😊\tSYM\t_\t_\t3\tdiscourse\t_\tNE=B-EMO\n"
            "\n"
            "# newpar\n"
            "# sent_id = c\n"
            "1\tVostok\tVostok\tPROPN\t_\t_\t2\tcompound\t_\tNE=B-ORG\n"
            "2\tAgency\tAgency\tPROPN\t_\t_\t0\troot\t_\tNE=E-ORG\n"
            "\n");
  g_assert_true (ft_import (project, "conllu", path, FALSE, NULL, &error));
  g_assert_no_error (error);
  first = export_and_reimport (project, "first.conllu", NULL);
  g_assert_nonnull (strstr (first, "# newdoc id = wire-1\n# sent_id = wire-1-1\n"
                                   "# text = Ana Ivešić visited Gdańsk.\n"));
  /* The surface tokens, not the tokenizer's: "men", "n't", "😊". */
  g_assert_nonnull (strstr (first, "1\tKarsovia's\t_\t_\t_\t_\t_\t_\t_\tNER=B-GPE\n"
                                   "2\tmen\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n"
                                   "3\tn't\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n"
                                   "4\t😊\t_\t_\t_\t_\t_\t_\t_\tNER=B-EMO\n"));
  g_assert_nonnull (strstr (first, "\n\n# newpar\n# sent_id = wire-1-3\n"));

  first_path = ft_path ("first.conllu");
  g_assert_true (ft_import (again, "conllu", first_path, FALSE, NULL, &error));
  g_assert_no_error (error);
  second = export_and_reimport (again, "second.conllu", NULL);
  g_assert_cmpstr (second, ==, first);
}

/* Every valid file of the corpora (UD's valid test cases, EWT, the DKPro
 * and OpenNLP fixtures): imported, exported, imported again, the same
 * documents, texts and spans; the export passes the importer's UD checks
 * and loses nothing of the text. */
static void
test_export_corpus (void)
{
  g_autofree char *dir = ft_corpus_dir ("conllu");
  static const char * const exts[] = { "conllu", NULL };
  g_autoptr(GPtrArray) files = NULL;
  guint n_files = 0, n_docs = 0, n_anns = 0;

  if (dir == NULL)
    {
      g_test_skip ("no corpora");
      return;
    }
  files = ft_list_files (dir, exts);
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autoptr(GlossProject) project = ft_new_project ();
      g_autoptr(GError) error = NULL;
      g_autofree char *exported = NULL;
      g_autofree char *warnings = NULL;

      /* the empty one is refused (see test_corpus) */
      if (strstr (path, "/invalid-level") != NULL || g_str_has_suffix (path, "/empty-file.conllu"))
        continue;
      if (!ft_import (project, "conllu", path, FALSE, NULL, &error))
        g_error ("%s: %s", path, error->message);
      exported = export_and_reimport (project, "corpus.conllu", &warnings);
      g_assert_cmpstr (warnings, ==, "");
      /* One "# newdoc id" a document (a file of no sentence has none). */
      {
        guint n_newdoc = 0;
        for (const char *p = exported; (p = strstr (p, "# newdoc id = ")) != NULL; p++)
          n_newdoc++;
        g_assert_cmpuint (n_newdoc, ==, ft_n_documents (project));
      }
      n_files++;
      n_docs += ft_n_documents (project);
      n_anns += tf_n_annotations (project);
    }
  g_test_message ("conllu: %u files exported and re-imported (%u documents, %u annotations)",
                  n_files, n_docs, n_anns);
  g_assert_cmpuint (n_files, ==, 26);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/formats/conllu/corpus", test_corpus);
  g_test_add_func ("/core/formats/conllu/corpus-text", test_corpus_text);
  g_test_add_func ("/core/formats/conllu/entities", test_entities);
  g_test_add_func ("/core/formats/conllu/bad-input", test_bad_input);
  g_test_add_func ("/core/formats/conllu/export", test_export);
  g_test_add_func ("/core/formats/conllu/export-losses", test_export_losses);
  g_test_add_func ("/core/formats/conllu/export-round-trip", test_export_round_trip);
  g_test_add_func ("/core/formats/conllu/export-corpus", test_export_corpus);

  return g_test_run ();
}
