/* gloss-format-conllu.c: CoNLL-U import and export (Universal Dependencies)
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "gloss-annotation.h"
#include "gloss-document.h"
#include "gloss-format-conll-private.h"
#include "gloss-format-util.h"
#include "gloss-formats.h"
#include "gloss-tokenizer.h"

/* The text of each sentence is rebuilt from its surface tokens: the FORM of
 * a multiword token range ("11-12 Iran’s") instead of its words, otherwise
 * the word's FORM, followed by one space unless MISC has SpaceAfter=No.
 * Sentences go one a line, and a "# newpar" adds an empty line. "# newdoc"
 * starts a new document (named by its id when it has one). A "# text"
 * comment must equal the rebuilt sentence, as the UD validator demands.
 *
 * The file must pass the UD validator's line-level checks, so that its
 * invalid test cases are refused with "file:line: reason": LF line ends,
 * exactly 10 TAB-separated fields, none empty, no stray whitespace (spaces
 * are allowed inside FORM, LEMMA and MISC only), IDs 1, 2, ... in each
 * sentence with multiword ranges placed right before their first word and
 * not overlapping, empty nodes N.1, N.2, ... after word N, multiword lines
 * with "_" everywhere but FORM and MISC, comments only before a sentence's
 * first word line, exactly one blank line after each sentence, no empty
 * sentence, FORM and LEMMA in NFC, sent_id unique and present in every
 * sentence once any sentence has one. One tolerance: the empty line after
 * the last sentence may be missing (the validator's missing-final-line
 * case), because DKPro's and OpenNLP's exports omit it; the report warns
 * with the line instead of refusing the file.
 *
 * Named entities come from MISC when present ("NE=B-PER", "NER=I-LOC" or
 * "Entity=..." with IOB/BIOES tags); a file with none imports its text
 * only, and the report says so. Lemmas, tags, features and dependencies
 * have no place in Gloss: the report notes that they were not imported.
 * The offsets where two surface tokens meet without a space go into the
 * document's meta ("token_joins"), so that exports give back the same
 * tokens. */

struct _GlossFormatConllu
{
  GlossFormat parent_instance;
};

G_DEFINE_FINAL_TYPE (GlossFormatConllu, gloss_format_conllu, GLOSS_TYPE_FORMAT)

typedef struct
{
  guint start;
  guint end;
  char *label;
} Span;

typedef struct
{
  char    *name;
  GString *text;
  guint    n_chars;
  GArray  *spans;
  GArray  *joins;      /* guint: where two tokens meet without a space */
  guint    n_sentences;
} Doc;

static void
span_clear (gpointer data)
{
  g_free (((Span *) data)->label);
}

static void
doc_free (Doc *doc)
{
  g_free (doc->name);
  g_string_free (doc->text, TRUE);
  g_array_unref (doc->spans);
  g_array_unref (doc->joins);
  g_free (doc);
}

static Doc *
doc_new (const char *name)
{
  Doc *doc = g_new0 (Doc, 1);

  doc->name = g_strdup (name);
  doc->text = g_string_new (NULL);
  doc->spans = g_array_new (FALSE, FALSE, sizeof (Span));
  g_array_set_clear_func (doc->spans, span_clear);
  doc->joins = g_array_new (FALSE, FALSE, sizeof (guint));
  return doc;
}

/* One surface token of the sentence being read. */
typedef struct
{
  char    *form;
  gboolean space_after;
  char    *tag;       /* NE tag from MISC, or NULL */
  guint    start;     /* in the document's text, set when the sentence ends */
} Surface;

static void
surface_clear (gpointer data)
{
  Surface *s = data;
  g_free (s->form);
  g_free (s->tag);
}

typedef struct
{
  GlossImportContext *ctx;
  const char         *display;
  GPtrArray          *docs;
  Doc                *doc;
  const char         *base;
  guint               n_unnamed_docs;

  /* The sentence being read. */
  gboolean            in_sentence;    /* a word line was seen */
  gboolean            has_comments;
  guint               first_line;
  guint               last_word;      /* the last word ID */
  guint               range_end;      /* the last word of the open MWT range, or 0 */
  guint               last_range_end; /* the end of the last MWT range */
  guint               empty_word;     /* N of the last empty node N.K */
  guint               empty_index;    /* K */
  char               *text_comment;
  guint               text_line;
  char               *sent_id;
  guint               n_sent_ids;
  gboolean            newpar;
  GArray             *surface;        /* Surface */
  GString            *words;          /* the word FORMs joined by spaces */
  gboolean            has_mwt;

  /* The file. */
  GHashTable         *sent_ids;
  guint               n_with_sent_id;
  guint               first_without_sent_id; /* line, or 0 */
  guint               n_sentences;
  guint               n_tags;
  guint               n_blank_run;
  gboolean            prev_blank;
} Parser;

static gboolean
fail (Parser     *p,
      guint       line,
      GError    **error,
      const char *message)
{
  /* Structural errors make the rest of the file meaningless: the file
   * stops here and nothing of it is written. With skip_bad the error is
   * only reported (no @error) and the import goes on with the next file. */
  gloss_import_context_bad_record (p->ctx, p->display, line, error, "%s", message);
  return FALSE;
}

static gboolean
parse_uint (const char *s,
            const char *end,
            guint      *out)
{
  guint64 v = 0;

  if (s == end || *s == '0' || end - s > 9)
    return FALSE;
  for (const char *c = s; c < end; c++)
    {
      if (!g_ascii_isdigit (*c))
        return FALSE;
      v = v * 10 + (*c - '0');
    }
  *out = (guint) v;
  return TRUE;
}

static void
doc_append (Doc        *doc,
            const char *s)
{
  g_string_append (doc->text, s);
  doc->n_chars += g_utf8_strlen (s, -1);
}

/* Decodes the sentence's NE tags leniently (see gloss-format-conll.c). */
static void
add_sentence_spans (Doc    *doc,
                    GArray *surface)
{
  gboolean active = FALSE;
  const char *label = NULL;
  guint start = 0, end = 0;

  for (guint i = 0; i <= surface->len; i++)
    {
      char prefix = 'O';
      const char *l = NULL;
      gboolean open_new = FALSE, close_before = FALSE;

      if (i < surface->len)
        {
          Surface *s = &g_array_index (surface, Surface, i);
          if (s->tag == NULL || !_gloss_conll_parse_tag (s->tag, &prefix, &l))
            prefix = 'O';
        }
      if (prefix == 'O')
        close_before = TRUE;
      else if (prefix == 'B' || prefix == 'S' || prefix == 'U')
        open_new = close_before = TRUE;
      else if (!active || g_strcmp0 (label, l) != 0)
        open_new = close_before = TRUE;

      if (close_before && active)
        {
          Span span = { start, end, g_strdup (label) };
          g_array_append_val (doc->spans, span);
          active = FALSE;
        }
      if (i == surface->len)
        break;
      if (open_new)
        {
          active = TRUE;
          label = l;
          start = g_array_index (surface, Surface, i).start;
        }
      if (active)
        {
          Surface *s = &g_array_index (surface, Surface, i);
          end = s->start + g_utf8_strlen (s->form, -1);
        }
      if (active && (prefix == 'E' || prefix == 'L' || prefix == 'S' || prefix == 'U'))
        {
          Span span = { start, end, g_strdup (label) };
          g_array_append_val (doc->spans, span);
          active = FALSE;
        }
    }
}

static gboolean
end_sentence (Parser  *p,
              guint    line,
              GError **error)
{
  g_autoptr(GString) rebuilt = g_string_new (NULL);

  if (!p->in_sentence)
    {
      if (p->has_comments)
        return fail (p, line, error, _("a sentence must have at least one word line"));
      return TRUE;
    }
  if (p->range_end != 0 && p->range_end > p->last_word)
    return fail (p, line, error, _("multiword token range goes past the sentence's last word"));
  if (p->last_range_end > p->last_word)
    return fail (p, line, error, _("multiword token range goes past the sentence's last word"));

  {
    guint n_chars = 0;
    for (guint i = 0; i < p->surface->len; i++)
      {
        Surface *s = &g_array_index (p->surface, Surface, i);
        s->start = n_chars;  /* in the sentence for now */
        g_string_append (rebuilt, s->form);
        n_chars += g_utf8_strlen (s->form, -1);
        if (s->space_after && i + 1 < p->surface->len)
          {
            g_string_append_c (rebuilt, ' ');
            n_chars++;
          }
      }
  }
  if (p->words->len > 0)
    g_string_truncate (p->words, p->words->len - 1);
  if (p->text_comment != NULL && strcmp (p->text_comment, rebuilt->str) != 0 &&
      p->has_mwt && strcmp (p->text_comment, p->words->str) == 0)
    gloss_import_report_add (gloss_import_context_get_report (p->ctx), GLOSS_PROBLEM_WARNING,
                             p->display, p->text_line,
                             _("“# text” spells out the words of multiword tokens; the surface "
                               "forms were used"));
  else if (p->text_comment != NULL && strcmp (p->text_comment, rebuilt->str) != 0)
    {
      g_autofree char *q_text = gloss_format_quote (p->text_comment, -1);
      g_autofree char *q_words = gloss_format_quote (rebuilt->str, rebuilt->len);
      g_autofree char *message =
        g_strdup_printf (_("“# text = %s” differs from the words with their SpaceAfter "
                           "(“%s”)"), q_text, q_words);
      return fail (p, p->text_line, error, message);
    }
  if (p->sent_id != NULL)
    {
      if (g_hash_table_contains (p->sent_ids, p->sent_id))
        return fail (p, p->first_line, error, _("sent_id is not unique in the file"));
      g_hash_table_add (p->sent_ids, g_steal_pointer (&p->sent_id));
      p->n_with_sent_id++;
    }
  else if (p->first_without_sent_id == 0)
    p->first_without_sent_id = p->first_line;

  if (p->doc == NULL)
    {
      g_autofree char *name = g_strdup_printf ("%s", p->base);
      p->doc = doc_new (name);
      g_ptr_array_add (p->docs, p->doc);
    }
  if (p->doc->n_sentences > 0)
    {
      doc_append (p->doc, "\n");
      if (p->newpar)
        doc_append (p->doc, "\n");
    }
  for (guint i = 0; i < p->surface->len; i++)
    {
      Surface *s = &g_array_index (p->surface, Surface, i);

      s->start += p->doc->n_chars;
      if (i > 0 && !g_array_index (p->surface, Surface, i - 1).space_after)
        g_array_append_val (p->doc->joins, s->start);
    }
  doc_append (p->doc, rebuilt->str);
  add_sentence_spans (p->doc, p->surface);
  p->doc->n_sentences++;
  p->n_sentences++;

  p->in_sentence = FALSE;
  p->has_comments = FALSE;
  p->last_word = p->range_end = p->last_range_end = 0;
  p->first_line = 0;
  p->empty_word = p->empty_index = 0;
  p->newpar = FALSE;
  p->n_sent_ids = 0;
  g_clear_pointer (&p->text_comment, g_free);
  g_clear_pointer (&p->sent_id, g_free);
  g_array_set_size (p->surface, 0);
  g_string_truncate (p->words, 0);
  p->has_mwt = FALSE;
  return TRUE;
}

static void
start_document (Parser     *p,
                const char *id)
{
  g_autofree char *name = NULL;

  if (id != NULL && *id != '\0')
    name = g_strdup (id);
  else
    name = g_strdup_printf ("%s-%u", p->base, ++p->n_unnamed_docs);
  p->doc = doc_new (name);
  g_ptr_array_add (p->docs, p->doc);
}

/* "key = value" (or just "key"): the value, else NULL. */
static const char *
comment_value (const char *body,
               const char *key)
{
  gsize k = strlen (key);

  if (strncmp (body, key, k) != 0)
    return NULL;
  body += k;
  while (*body == ' ')
    body++;
  if (*body == '\0')
    return body;
  if (*body != '=')
    return NULL;
  return body + 1;
}

static gboolean
comment_line (Parser     *p,
              const char *line,
              guint       lineno,
              GError    **error)
{
  const char *body = line + 1;
  const char *value;

  if (p->in_sentence)
    return fail (p, lineno, error, _("comment lines must come before a sentence's first word "
                                     "line"));
  while (*body == ' ')
    body++;
  p->has_comments = TRUE;
  if (p->first_line == 0)
    p->first_line = lineno;
  if ((value = comment_value (body, "text")) != NULL)
    {
      g_free (p->text_comment);
      p->text_comment = g_strstrip (g_strdup (value));
      p->text_line = lineno;
    }
  else if ((value = comment_value (body, "sent_id")) != NULL)
    {
      if (++p->n_sent_ids > 1)
        return fail (p, lineno, error, _("a sentence has more than one sent_id"));
      g_free (p->sent_id);
      p->sent_id = g_strstrip (g_strdup (value));
    }
  else if ((value = comment_value (body, "newdoc id")) != NULL ||
           (value = comment_value (body, "newdoc")) != NULL)
    {
      g_autofree char *id = g_strstrip (g_strdup (value));
      start_document (p, id);
    }
  else if (comment_value (body, "newpar") != NULL || comment_value (body, "newpar id") != NULL)
    p->newpar = TRUE;
  return TRUE;
}

static const char *
misc_value (const char *misc,
            const char *key)
{
  gsize klen = strlen (key);

  for (const char *p = misc; p != NULL && *p != '\0';)
    {
      if (strncmp (p, key, klen) == 0 && p[klen] == '=')
        return p + klen + 1;
      p = strchr (p, '|');
      if (p != NULL)
        p++;
    }
  return NULL;
}

static char *
misc_dup (const char *misc,
          const char *key)
{
  const char *v = misc_value (misc, key);
  const char *end;

  if (v == NULL)
    return NULL;
  end = strchr (v, '|');
  return end ? g_strndup (v, end - v) : g_strdup (v);
}

static gboolean
word_line (Parser     *p,
           const char *line,
           guint       lineno,
           GError    **error)
{
  g_auto(GStrv) f = g_strsplit (line, "\t", -1);
  guint n = g_strv_length (f);
  const char *id = f[0];
  const char *dash, *dot;
  guint a = 0, b = 0;

  if (n != 10)
    {
      g_autofree char *message = g_strdup_printf (_("%u TAB-separated fields instead of 10"), n);
      return fail (p, lineno, error, message);
    }
  for (guint i = 0; i < 10; i++)
    {
      gsize len = strlen (f[i]);
      if (len == 0)
        return fail (p, lineno, error, _("empty field (use “_”)"));
      if (g_ascii_isspace (f[i][0]) || g_ascii_isspace (f[i][len - 1]))
        return fail (p, lineno, error, _("leading or trailing whitespace in a field"));
      if (i != 1 && i != 2 && i != 9 && strpbrk (f[i], " \t\r\n") != NULL)
        return fail (p, lineno, error, _("whitespace inside a field other than FORM, LEMMA or "
                                         "MISC"));
      if ((i == 1 || i == 2) && (strstr (f[i], "  ") != NULL))
        return fail (p, lineno, error, _("repeated whitespace inside FORM or LEMMA"));
    }
  for (guint i = 1; i <= 2; i++)
    {
      g_autofree char *nfc = g_utf8_normalize (f[i], -1, G_NORMALIZE_NFC);
      if (nfc == NULL || strcmp (nfc, f[i]) != 0)
        return fail (p, lineno, error, _("FORM or LEMMA is not in Unicode NFC"));
    }
  if (!p->in_sentence && p->first_line == 0)
    p->first_line = lineno;

  dash = strchr (id, '-');
  dot = strchr (id, '.');
  if (dash != NULL)
    {
      /* Multiword token N-M. */
      if (!parse_uint (id, dash, &a) || !parse_uint (dash + 1, id + strlen (id), &b))
        return fail (p, lineno, error, _("a multiword token range must be two integers N-M"));
      if (a >= b)
        return fail (p, lineno, error, _("a multiword token range must have first < last"));
      if (a != p->last_word + 1 || p->empty_word == p->last_word + 1)
        return fail (p, lineno, error, _("a multiword token range must come right before "
                                         "its first word"));
      if (a <= p->last_range_end)
        return fail (p, lineno, error, _("multiword token ranges overlap"));
      for (guint i = 2; i < 9; i++)
        if (strcmp (f[i], "_") != 0)
          return fail (p, lineno, error, _("a multiword token must have “_” in every field "
                                           "but ID, FORM and MISC"));
      p->range_end = b;
      p->last_range_end = b;
      p->has_mwt = TRUE;
      {
        const char *sa = misc_value (f[9], "SpaceAfter");
        Surface s = { g_strdup (f[1]), !(sa != NULL && g_str_has_prefix (sa, "No")), NULL, 0 };
        g_array_append_val (p->surface, s);
      }
      p->in_sentence = TRUE;
      return TRUE;
    }
  if (dot != NULL)
    {
      /* Empty node N.K (N may be 0). */
      guint k;
      if (!(dot == id + 1 && id[0] == '0' ? (a = 0, TRUE) : parse_uint (id, dot, &a)) ||
          !parse_uint (dot + 1, id + strlen (id), &k))
        return fail (p, lineno, error, _("an empty node ID must be N.K"));
      if (a != p->last_word)
        return fail (p, lineno, error, _("empty node N.K must follow word N"));
      if (p->empty_word == a ? k != p->empty_index + 1 : k != 1)
        return fail (p, lineno, error, _("empty nodes after a word must be numbered .1, .2, …"));
      if (strcmp (f[6], "_") != 0 || strcmp (f[7], "_") != 0)
        return fail (p, lineno, error, _("an empty node must have “_” in HEAD and DEPREL"));
      for (const char *c = f[3]; strcmp (f[3], "_") != 0 && *c != '\0'; c++)
        if (!g_ascii_isupper (*c))
          return fail (p, lineno, error, _("UPOS must be “_” or [A-Z]+"));
      p->empty_word = a;
      p->empty_index = k;
      p->in_sentence = TRUE;
      return TRUE;
    }
  if (!parse_uint (id, id + strlen (id), &a))
    {
      g_autofree char *quoted = gloss_format_quote (id, -1);
      g_autofree char *message = g_strdup_printf (_("“%s” is not a word ID (1, 2, 3, …)"),
                                                  quoted);
      return fail (p, lineno, error, message);
    }
  if (a != p->last_word + 1)
    {
      g_autofree char *message = g_strdup_printf (_("word ID %u where %u was expected"), a,
                                                  p->last_word + 1);
      return fail (p, lineno, error, message);
    }
  if (strcmp (f[6], "_") != 0)
    {
      guint head;
      if (strcmp (f[6], "0") != 0 && !parse_uint (f[6], f[6] + strlen (f[6]), &head))
        return fail (p, lineno, error, _("HEAD must be an integer"));
    }
  p->last_word = a;
  p->in_sentence = TRUE;
  g_string_append (p->words, f[1]);
  g_string_append_c (p->words, ' ');
  {
    char *tag = misc_dup (f[9], "NE");
    if (tag == NULL)
      tag = misc_dup (f[9], "NER");
    if (tag == NULL)
      tag = misc_dup (f[9], "Entity");
    if (tag != NULL)
      p->n_tags++;
    if (p->range_end >= a)
      {
        /* A word inside a multiword token: its tag goes to the surface. */
        Surface *s = &g_array_index (p->surface, Surface, p->surface->len - 1);
        if (s->tag == NULL || strcmp (s->tag, "O") == 0)
          {
            g_free (s->tag);
            s->tag = tag;
          }
        else
          g_free (tag);
        if (p->range_end == a)
          p->range_end = 0;
      }
    else
      {
        const char *sa = misc_value (f[9], "SpaceAfter");
        Surface s = { g_strdup (f[1]), !(sa != NULL && g_str_has_prefix (sa, "No")), tag, 0 };
        g_array_append_val (p->surface, s);
      }
  }
  return TRUE;
}

static gboolean
conllu_import (GlossFormat         *format,
               GlossImportContext  *ctx,
               const char          *path,
               GCancellable        *cancellable,
               GError             **error)
{
  g_autofree char *data = NULL;
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *base = gloss_format_name_from_path (path);
  g_autofree char *file_name = g_path_get_basename (path);
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) doc_free);
  g_autoptr(GHashTable) sent_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) surface = g_array_new (FALSE, FALSE, sizeof (Surface));
  g_autoptr(GString) words = g_string_new (NULL);
  g_autoptr(GError) local_error = NULL;
  GlossImportReport *report = gloss_import_context_get_report (ctx);
  GlossLineReader reader;
  const char *line;
  gsize length, line_len;
  gboolean had_cr, ok = TRUE;
  guint last_line = 0;
  Parser p = { 0 };

  if (!gloss_format_read_file (path, &data, &length, error))
    return FALSE;
  if (!gloss_format_validate_utf8 (data, length, display, error))
    return FALSE;
  if (memchr (data, '\0', length) != NULL)
    return gloss_import_context_bad_record (ctx, display, 0, error,
                                            _("NUL bytes: not a CoNLL-U text file"));

  /* A UTF-8 byte order mark is not part of the first line. */
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      memmove (data, data + 3, length - 2);
      length -= 3;
    }
  g_array_set_clear_func (surface, surface_clear);
  p.ctx = ctx;
  p.display = display;
  p.docs = docs;
  p.base = base;
  p.sent_ids = sent_ids;
  p.surface = surface;
  p.words = words;

  gloss_line_reader_init (&reader, data, length);
  while (ok && gloss_line_reader_next (&reader, &line, &line_len, NULL, &had_cr))
    {
      g_autofree char *copy = g_strndup (line, line_len);

      last_line = reader.line;
      if (reader.line % 4096 == 0 &&
          g_cancellable_set_error_if_cancelled (cancellable, &local_error))
        {
          ok = FALSE;
          break;
        }
      if (had_cr || strchr (copy, '\r') != NULL)
        ok = fail (&p, reader.line, &local_error,
                   _("CR LF line ends: CoNLL-U wants LF only"));
      else if (line_len == 0)
        {
          if (!p.in_sentence && !p.has_comments)
            ok = fail (&p, reader.line, &local_error,
                       _("an extra empty line: exactly one must follow each sentence"));
          else
            ok = end_sentence (&p, reader.line, &local_error);
        }
      else if (copy[0] == '#')
        ok = comment_line (&p, copy, reader.line, &local_error);
      else if (g_ascii_isspace (copy[0]) && strspn (copy, " \t") == line_len)
        ok = fail (&p, reader.line, &local_error,
                   _("a line with only whitespace: an empty line must be empty"));
      else
        ok = word_line (&p, copy, reader.line, &local_error);
    }
  if (ok && (p.in_sentence || p.has_comments))
    {
      /* No blank line after the last sentence. */
      gloss_import_report_add (report, GLOSS_PROBLEM_WARNING, display, last_line,
                               _("the last sentence is not followed by an empty line"));
      ok = end_sentence (&p, last_line, &local_error);
    }
  if (ok && p.n_with_sent_id > 0 && p.first_without_sent_id != 0)
    ok = fail (&p, p.first_without_sent_id, &local_error,
               _("this sentence has no sent_id while others in the file have one"));
  g_clear_pointer (&p.text_comment, g_free);
  g_clear_pointer (&p.sent_id, g_free);
  if (!ok)
    {
      /* Skipped under skip_bad: the report has the error. */
      if (local_error == NULL)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (p.n_sentences == 0)
    gloss_import_report_add (report, GLOSS_PROBLEM_NOTE, display, 0,
                             _("no sentences: nothing to import"));
  for (guint d = 0; d < docs->len; d++)
    {
      Doc *doc = g_ptr_array_index (docs, d);
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *meta = NULL;
      gint64 id;

      if (doc->n_sentences == 0)
        continue;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "source");
      json_builder_add_string_value (b, file_name);
      json_builder_set_member_name (b, "format");
      json_builder_add_string_value (b, "conllu");
      /* The surface tokens come back on export: the text splits on
       * spaces and at these offsets (see gloss-format-conll.c). */
      json_builder_set_member_name (b, "token_joins");
      json_builder_begin_array (b);
      for (guint j = 0; j < doc->joins->len; j++)
        json_builder_add_int_value (b, g_array_index (doc->joins, guint, j));
      json_builder_end_array (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      meta = json_to_string (root, FALSE);
      id = gloss_import_context_add_document (ctx, doc->name, doc->text->str, doc->text->len,
                                              meta, error);
      if (id == 0)
        return FALSE;
      for (guint s = 0; s < doc->spans->len; s++)
        {
          Span *span = &g_array_index (doc->spans, Span, s);
          g_autoptr(GlossAnnotation) a = gloss_annotation_new_span (span->label, span->start,
                                                                    span->end, "");
          if (!gloss_import_context_add_annotation (ctx, id, a, error))
            {
              g_prefix_error (error, "%s: ", display);
              return FALSE;
            }
        }
    }
  if (p.n_sentences > 0)
    {
      if (p.n_tags == 0)
        gloss_import_report_add (report, GLOSS_PROBLEM_NOTE, display, 0,
                                 _("no named-entity tags in MISC (NE=…): the text was imported "
                                   "without annotations"));
      gloss_import_report_add (report, GLOSS_PROBLEM_NOTE, display, 0,
                               _("lemmas, part-of-speech tags, features and dependencies cannot "
                                 "be represented and were not imported"));
    }
  return TRUE;
}

static int
conllu_detect (GlossFormat *format,
               const char  *path,
               GBytes      *head)
{
  static const char * const exts[] = { "conllu", NULL };
  gsize len;
  const char *data = g_bytes_get_data (head, &len);
  GlossLineReader reader;
  const char *line;
  gsize line_len;
  guint good = 0, bad = 0;

  if (gloss_format_has_extension (path, exts))
    return 90;
  gloss_line_reader_init (&reader, data, len);
  while (gloss_line_reader_next (&reader, &line, &line_len, NULL, NULL) && reader.line < 100)
    {
      guint tabs = 0;
      if (line_len == 0 || line[0] == '#')
        continue;
      if (reader.pos >= len && len >= 8192)
        break;
      for (gsize i = 0; i < line_len; i++)
        if (line[i] == '\t')
          tabs++;
      if (tabs == 9 && g_ascii_isdigit (line[0]))
        good++;
      else
        bad++;
    }
  return good > 0 && bad == 0 ? 85 : 0;
}

/* Export
 * ------
 * The tokens and sentences of the CoNLL exports (gloss-format-conll.c:
 * the surface tokens of a document imported from CoNLL-U or CoNLL, else
 * Gloss's tokenizer), with the same rules for spans that do not line up.
 * Each document starts with "# newdoc id = NAME", each sentence with
 * "# sent_id = NAME-N" (unique in the file: N has no "-") and "# text",
 * and a "# newpar" marks a blank line before a sentence. The ten columns
 * hold ID, FORM and MISC, "_" elsewhere: Gloss knows no lemma, tag,
 * feature or dependency. MISC has the entity tag ("NER=B-ORG", IOB2;
 * none for tokens outside entities) and SpaceAfter=No where no space
 * follows. What the importer rebuilds is one space between tokens and a
 * sentence a line: a document whose text would come back otherwise is
 * named in a warning, and so is one whose tokens are not in Unicode NFC
 * (written normalised, as the format demands). */

/* A name fit for a comment line: line breaks and TABs become spaces. */
static char *
comment_safe (const char *name)
{
  char *safe = g_strdup (name);

  for (char *c = safe; *c != '\0'; c++)
    if (*c == '\n' || *c == '\r' || *c == '\t')
      *c = ' ';
  return g_strstrip (safe);
}

/* The FORM of a token: NFC, and no character the line reader treats as a
 * field or space boundary. Sets *@changed when it differs from @form. */
static char *
form_of (const char *form,
         gssize      len,
         gboolean   *changed)
{
  g_autofree char *raw = g_strndup (form, len);
  char *nfc;
  gboolean plain = TRUE;

  /* Most tokens are plain ASCII: NFC already. */
  for (gssize i = 0; plain && i < len; i++)
    plain = (guchar) form[i] < 0x80 && !g_ascii_isspace (form[i]);
  if (plain)
    return g_steal_pointer (&raw);
  nfc = g_utf8_normalize (raw, -1, G_NORMALIZE_NFC);

  if (nfc == NULL)
    nfc = g_strdup ("_");
  for (char *c = nfc; *c != '\0'; c++)
    if (g_ascii_isspace (*c))
      *c = '_';
  if (strcmp (nfc, raw) != 0)
    *changed = TRUE;
  return nfc;
}

/* The pointer to code point @offset of the text, walking forward from
 * *@at (code point *@at_offset, <= @offset), which it then points at: the
 * tokens come in order, so a document is read once. */
static const char *
walk_to (const char **at,
         guint       *at_offset,
         guint        offset)
{
  *at = g_utf8_offset_to_pointer (*at, offset - *at_offset);
  *at_offset = offset;
  return *at;
}

static gboolean
conllu_export (GlossFormat         *format,
               GlossExportContext  *ctx,
               const char          *path,
               GCancellable        *cancellable,
               GError             **error)
{
  GPtrArray *docs = gloss_export_context_get_documents (ctx);
  g_autoptr(GOutputStream) out = gloss_export_context_open_output (ctx, path, cancellable, error);
  g_autoptr(GString) buf = g_string_new (NULL);
  g_autoptr(GString) tag = g_string_new (NULL);
  g_autoptr(GString) sentence = g_string_new (NULL);
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autoptr(GString) rebuilt = g_string_new (NULL);

  if (out == NULL)
    return FALSE;
  for (guint d = 0; d < docs->len; d++)
    {
      GlossDocument *doc = g_ptr_array_index (docs, d);
      GlossConllTagged *t = _gloss_conll_tag_document (ctx, doc, error);
      g_autofree char *name = NULL;
      gsize text_len;
      guint n_changed_forms = 0;
      const char *at;
      guint at_offset = 0;

      if (t == NULL)
        return FALSE;
      g_string_truncate (buf, 0);
      g_string_truncate (rebuilt, 0);
      if (t->sentences->len == 0)
        {
          /* A sentence needs a word line: nothing to write. */
          gloss_export_context_lost_document (ctx, doc, GLOSS_EXPORT_LOSS_EMPTY_DOCUMENT, NULL);
          _gloss_conll_tagged_free (t);
          continue;
        }
      at = t->text;
      name = comment_safe (gloss_document_get_name (doc));
      g_string_append_printf (buf, "# newdoc id = %s\n", name);
      for (guint s = 0; s < t->sentences->len; s++)
        {
          GlossSentence *st = &g_array_index (t->sentences, GlossSentence, s);
          GlossSentence *next = s + 1 < t->sentences->len
                                  ? &g_array_index (t->sentences, GlossSentence, s + 1)
                                  : NULL;
          gboolean newpar = FALSE;

          if (s > 0)
            {
              /* A blank line before this sentence: a new paragraph. */
              GlossSentence *prev = &g_array_index (t->sentences, GlossSentence, s - 1);
              const char *a = walk_to (&at, &at_offset, prev->end);
              const char *b = g_utf8_offset_to_pointer (a, st->start - prev->end);
              guint n_breaks = 0;

              for (const char *c = a; c < b; c++)
                n_breaks += *c == '\n';
              newpar = n_breaks >= 2;
              g_string_append (rebuilt, newpar ? "\n\n" : "\n");
            }
          g_string_truncate (sentence, 0);
          g_string_truncate (lines, 0);
          for (guint k = st->first_token; k < st->first_token + st->n_tokens; k++)
            {
              GlossToken *tok = &g_array_index (t->tokens, GlossToken, k);
              gboolean last = k + 1 == st->first_token + st->n_tokens;
              guint next_start = last ? (next != NULL ? next->start : G_MAXUINT)
                                      : g_array_index (t->tokens, GlossToken, k + 1).start;
              gboolean space_after = next_start != tok->end;
              const char *a = walk_to (&at, &at_offset, tok->start);
              const char *b = g_utf8_offset_to_pointer (a, tok->end - tok->start);
              gboolean changed = FALSE;
              g_autofree char *form = form_of (a, b - a, &changed);
              const char *tag_str = _gloss_conll_tagged_tag (t, st->first_token, k, tag);
              gboolean has_ner = strcmp (tag_str, "O") != 0;

              n_changed_forms += changed;
              g_string_append (sentence, form);
              if (!last && space_after)
                g_string_append_c (sentence, ' ');
              g_string_append_printf (lines, "%u\t%s\t_\t_\t_\t_\t_\t_\t_\t",
                                      k - st->first_token + 1, form);
              if (has_ner)
                g_string_append_printf (lines, "NER=%s", tag_str);
              if (!space_after)
                g_string_append_printf (lines, "%sSpaceAfter=No", has_ner ? "|" : "");
              if (!has_ner && space_after)
                g_string_append_c (lines, '_');
              g_string_append_c (lines, '\n');
            }
          if (newpar)
            g_string_append (buf, "# newpar\n");
          g_string_append_printf (buf, "# sent_id = %s-%u\n# text = %s\n%s\n", name, s + 1,
                                  sentence->str, lines->str);
          g_string_append (rebuilt, sentence->str);
        }
      /* What a re-import would make of the text. */
      text_len = strlen (t->text);
      if (rebuilt->len != text_len || memcmp (rebuilt->str, t->text, text_len) != 0)
        gloss_export_context_lost_document (ctx, doc, GLOSS_EXPORT_LOSS_SPACING,
                                            _("it comes back with one space between tokens and "
                                              "a sentence a line"));
      if (n_changed_forms > 0)
        {
          g_autofree char *detail = g_strdup_printf (
            ngettext ("%u token was written in Unicode NFC",
                      "%u tokens were written in Unicode NFC", n_changed_forms),
            n_changed_forms);
          gloss_export_context_lost_document (ctx, doc, GLOSS_EXPORT_LOSS_SPACING, detail);
        }
      _gloss_conll_tagged_free (t);
      if (!g_output_stream_write_all (out, buf->str, buf->len, NULL, cancellable, error))
        return FALSE;
      gloss_export_context_progress (ctx, (double) (d + 1) / docs->len);
    }
  return g_output_stream_close (out, cancellable, error);
}

static void
gloss_format_conllu_class_init (GlossFormatConlluClass *klass)
{
  GlossFormatClass *format_class = GLOSS_FORMAT_CLASS (klass);
  static const char * const extensions[] = { "conllu", NULL };

  format_class->name = "conllu";
  format_class->display_name = N_("CoNLL-U");
  format_class->extensions = extensions;
  format_class->detect = conllu_detect;
  format_class->import_path = conllu_import;
  format_class->export_path = conllu_export;
  format_class->export_tokens = TRUE;
}

static void
gloss_format_conllu_init (GlossFormatConllu *self)
{
}
