/* gloss-format-conll.c: CoNLL-style IOB column files (import: IOB1, IOB2, BIOES, BILOU;
 * export: CoNLL-2003 IOB2, and the two-column CoNLL-2002 layout)
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
#include "gloss-project.h"
#include "gloss-schema.h"
#include "gloss-tokenizer.h"

/* Import
 * ------
 * One token a line, columns separated by TABs (then each column is kept
 * whole, so a token may hold spaces) or else by runs of spaces; the first
 * column is the token, the last the tag. A blank (or whitespace-only) line
 * ends a sentence, a -DOCSTART- line (any spelling) a document. Lines that
 * start with "#" and do not end in a tag are comments. Two layouts are
 * recognised per file: GermEval 2014 (an index column first and two tag
 * columns last: outer and nested entities, both imported) and spaCy's
 * sentence-per-line "word|POS|TAG word|POS|TAG ...".
 *
 * The tags are decoded leniently, so that IOB1, IOB2, IOE, BIOES/IOBES and
 * BILOU all work: B-, S- and U- start an entity; I-, E- and L- continue the
 * entity before them when it has the same type and is still open, else
 * start one; E-, L-, S- and U- close it. The scheme found is reported.
 *
 * The document text is the tokens joined by one space, a sentence a line.
 * Its meta says {"format": "conll", "tokenized": true} so that token-level
 * exports split it on spaces again and give back exactly the same tokens. */

struct _GlossFormatConll
{
  GlossFormat parent_instance;
};

G_DEFINE_FINAL_TYPE (GlossFormatConll, gloss_format_conll, GLOSS_TYPE_FORMAT)

typedef struct
{
  guint start;
  guint end;
  char *label;
} Span;

typedef struct
{
  GString *text;
  guint    n_chars;
  guint    n_tokens;
  GArray  *spans;      /* Span */
} Doc;

typedef struct
{
  gboolean active;
  guint    start;
  guint    end;
  char    *label;
} Column;

typedef struct
{
  guint n_begin;        /* B- */
  guint n_inside_start; /* I- starting an entity: IOB1 */
  guint n_end_single;   /* E-, S- */
  guint n_last_unit;    /* L-, U- */
} Scheme;

static void
span_clear (gpointer data)
{
  g_free (((Span *) data)->label);
}

static void
doc_free (Doc *doc)
{
  g_string_free (doc->text, TRUE);
  g_array_unref (doc->spans);
  g_free (doc);
}

static Doc *
doc_new (void)
{
  Doc *doc = g_new0 (Doc, 1);

  doc->text = g_string_new (NULL);
  doc->spans = g_array_new (FALSE, FALSE, sizeof (Span));
  g_array_set_clear_func (doc->spans, span_clear);
  return doc;
}

gboolean
_gloss_conll_parse_tag (const char  *tag,
                        char        *prefix,
                        const char **label)
{
  if (strcmp (tag, "O") == 0)
    {
      *prefix = 'O';
      *label = NULL;
      return TRUE;
    }
  if (strchr ("BIESLU", tag[0]) != NULL && tag[0] != '\0' && (tag[1] == '-' || tag[1] == '_') &&
      tag[2] != '\0')
    {
      *prefix = tag[0];
      *label = tag + 2;
      return TRUE;
    }
  return FALSE;
}

static void
column_close (Column *col,
              Doc    *doc)
{
  if (col->active)
    {
      Span s = { col->start, col->end, g_steal_pointer (&col->label) };
      g_array_append_val (doc->spans, s);
    }
  col->active = FALSE;
  g_clear_pointer (&col->label, g_free);
}

static void
column_tag (Column     *col,
            Doc        *doc,
            Scheme     *scheme,
            char        prefix,
            const char *label,
            guint       start,
            guint       end)
{
  gboolean open_new = FALSE;

  switch (prefix)
    {
    case 'O':
      column_close (col, doc);
      return;
    case 'B':
      scheme->n_begin++;
      open_new = TRUE;
      break;
    case 'S':
    case 'U':
      if (prefix == 'S')
        scheme->n_end_single++;
      else
        scheme->n_last_unit++;
      open_new = TRUE;
      break;
    case 'E':
    case 'L':
      if (prefix == 'E')
        scheme->n_end_single++;
      else
        scheme->n_last_unit++;
      G_GNUC_FALLTHROUGH;
    case 'I':
    default:
      if (!col->active || g_strcmp0 (col->label, label) != 0)
        {
          if (prefix == 'I')
            scheme->n_inside_start++;
          open_new = TRUE;
        }
      break;
    }
  if (open_new)
    {
      column_close (col, doc);
      col->active = TRUE;
      col->start = start;
      col->label = g_strdup (label);
    }
  col->end = end;
  if (prefix == 'E' || prefix == 'L' || prefix == 'S' || prefix == 'U')
    column_close (col, doc);
}

/* Splits a line into columns: on TABs when it has any, else on runs of
 * spaces. Empty columns between TABs are kept. */
static char **
split_columns (const char *line)
{
  if (strchr (line, '\t') != NULL)
    {
      char **cols = g_strsplit (line, "\t", -1);
      for (guint i = 0; cols[i] != NULL; i++)
        g_strstrip (cols[i]);
      return cols;
    }
  else
    {
      GPtrArray *cols = g_ptr_array_new ();
      const char *p = line;
      while (*p != '\0')
        {
          const char *q;
          while (*p == ' ')
            p++;
          if (*p == '\0')
            break;
          q = p;
          while (*q != '\0' && *q != ' ')
            q++;
          g_ptr_array_add (cols, g_strndup (p, q - p));
          p = q;
        }
      g_ptr_array_add (cols, NULL);
      return (char **) g_ptr_array_free (cols, FALSE);
    }
}

static gboolean
is_tag (const char *s)
{
  char prefix;
  const char *label;

  return s != NULL && _gloss_conll_parse_tag (s, &prefix, &label);
}

static gboolean
is_docstart (const char *line)
{
  return g_str_has_prefix (line, "-DOCSTART-");
}

static gboolean
is_blank (const char *line)
{
  for (const char *p = line; *p != '\0'; p++)
    if (*p != ' ' && *p != '\t' && *p != '\r')
      return FALSE;
  return TRUE;
}

/* A "word|POS|TAG" field of spaCy's sentence-per-line layout. */
static gboolean
is_piped_field (const char *field)
{
  const char *bar = strrchr (field, '|');
  return bar != NULL && bar != field && is_tag (bar + 1);
}

static gboolean
is_sentence_per_line (char **cols)
{
  guint n = g_strv_length (cols);

  if (n < 2)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!is_piped_field (cols[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_comment (const char *line,
            char      **cols)
{
  guint n = g_strv_length (cols);
  return line[0] == '#' && (n < 2 || !is_tag (cols[n - 1]));
}

/* GermEval 2014: every token line is "INDEX TOKEN OUTER INNER" with the
 * index counting 1, 2, ... in each sentence. */
static gboolean
detect_germeval (const char *data,
                 gsize       length)
{
  GlossLineReader reader;
  const char *line;
  gsize line_len;
  guint expected = 1, n_lines = 0;

  gloss_line_reader_init (&reader, data, length);
  while (gloss_line_reader_next (&reader, &line, &line_len, NULL, NULL))
    {
      g_autofree char *copy = g_strndup (line, line_len);
      g_auto(GStrv) cols = NULL;
      guint n;
      guint64 index;

      if (is_blank (copy))
        {
          expected = 1;
          continue;
        }
      if (is_docstart (copy))
        continue;
      cols = split_columns (copy);
      if (is_comment (copy, cols))
        continue;
      n = g_strv_length (cols);
      if (n < 4 || !is_tag (cols[n - 1]) || !is_tag (cols[n - 2]) ||
          !g_ascii_string_to_unsigned (cols[0], 10, 1, G_MAXUINT, &index, NULL) ||
          index != expected)
        return FALSE;
      expected++;
      n_lines++;
    }
  return n_lines > 0;
}

typedef struct
{
  GlossImportContext *ctx;
  const char         *display;
  GPtrArray          *docs;       /* Doc */
  Doc                *doc;        /* borrowed: the last of docs, or NULL */
  Column              cols[2];
  Scheme              scheme;
  gboolean            in_sentence;
  guint               n_comments;
  guint               n_extra_columns;
} Parser;

static void
end_sentence (Parser *p)
{
  for (guint c = 0; c < 2; c++)
    if (p->doc != NULL)
      column_close (&p->cols[c], p->doc);
  if (p->in_sentence && p->doc != NULL)
    {
      g_string_append_c (p->doc->text, '\n');
      p->doc->n_chars++;
    }
  p->in_sentence = FALSE;
}

static void
end_document (Parser *p)
{
  end_sentence (p);
  p->doc = NULL;
}

static void
add_token (Parser     *p,
           const char *token,
           const char *tags[2],
           guint       n_tags)
{
  guint start, len;

  if (p->doc == NULL)
    {
      p->doc = doc_new ();
      g_ptr_array_add (p->docs, p->doc);
    }
  if (p->in_sentence)
    {
      g_string_append_c (p->doc->text, ' ');
      p->doc->n_chars++;
    }
  start = p->doc->n_chars;
  len = g_utf8_strlen (token, -1);
  g_string_append (p->doc->text, token);
  p->doc->n_chars += len;
  p->doc->n_tokens++;
  p->in_sentence = TRUE;
  for (guint c = 0; c < n_tags; c++)
    {
      char prefix;
      const char *label;

      if (_gloss_conll_parse_tag (tags[c], &prefix, &label))
        column_tag (&p->cols[c], p->doc, &p->scheme, prefix, label, start, start + len);
    }
}

static gboolean
conll_import (GlossFormat         *format,
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
  GlossImportReport *report = gloss_import_context_get_report (ctx);
  GlossLineReader reader;
  const char *line;
  gsize length, line_len;
  gboolean germeval;
  Parser p = { 0 };
  const char *scheme_name;

  if (!gloss_format_read_file (path, &data, &length, error))
    return FALSE;
  if (!gloss_format_validate_utf8 (data, length, display, error))
    return FALSE;
  if (memchr (data, '\0', length) != NULL)
    return gloss_import_context_bad_record (ctx, display, 0, error,
                                            _("NUL bytes: not a CoNLL text file"));

  /* A UTF-8 byte order mark is not part of the first line. */
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      memmove (data, data + 3, length - 2);
      length -= 3;
    }
  germeval = detect_germeval (data, length);
  p.ctx = ctx;
  p.display = display;
  p.docs = docs;

  gloss_line_reader_init (&reader, data, length);
  while (gloss_line_reader_next (&reader, &line, &line_len, NULL, NULL))
    {
      g_autofree char *copy = g_strndup (line, line_len);
      g_auto(GStrv) cols = NULL;
      guint n;

      if (reader.line % 4096 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          end_document (&p);  /* frees the labels of open spans */
          return FALSE;
        }
      if (is_blank (copy))
        {
          end_sentence (&p);
          continue;
        }
      if (is_docstart (copy))
        {
          end_document (&p);
          continue;
        }
      cols = split_columns (copy);
      n = g_strv_length (cols);
      if (is_comment (copy, cols))
        {
          p.n_comments++;
          continue;
        }
      if (strchr (copy, '\t') == NULL && is_sentence_per_line (cols))
        {
          for (guint i = 0; i < n; i++)
            {
              g_auto(GStrv) parts = g_strsplit (cols[i], "|", -1);
              guint np = g_strv_length (parts);
              const char *tags[2] = { parts[np - 1], NULL };
              if (np > 2)
                p.n_extra_columns = MAX (p.n_extra_columns, np - 2);
              add_token (&p, parts[0], tags, 1);
            }
          end_sentence (&p);
          continue;
        }
      if (n < 2 || *cols[0] == '\0')
        {
          if (!gloss_import_context_bad_record (ctx, display, reader.line, error,
                                                _("expected a token and a tag separated by a "
                                                  "TAB or spaces")))
            {
              end_document (&p);
              return FALSE;
            }
          continue;
        }
      if (!is_tag (cols[n - 1]))
        {
          g_autofree char *quoted = gloss_format_quote (cols[n - 1], -1);

          if (!gloss_import_context_bad_record (ctx, display, reader.line, error,
                                                _("“%s” is not an IOB tag (O, B-X, I-X, E-X, "
                                                  "S-X, L-X or U-X)"), quoted))
            {
              end_document (&p);
              return FALSE;
            }
          continue;
        }
      if (germeval)
        {
          const char *tags[2] = { cols[n - 2], cols[n - 1] };
          p.n_extra_columns = MAX (p.n_extra_columns, n - 4);
          add_token (&p, cols[1], tags, 2);
        }
      else
        {
          const char *tags[2] = { cols[n - 1], NULL };
          p.n_extra_columns = MAX (p.n_extra_columns, n - 2);
          add_token (&p, cols[0], tags, 1);
        }
    }
  end_document (&p);

  /* Everything parsed: now write. */
  for (guint d = 0, number = 0; d < docs->len; d++)
    {
      Doc *doc = g_ptr_array_index (docs, d);
      g_autofree char *name = NULL;
      g_autofree char *meta = NULL;
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      gint64 id;

      if (doc->n_tokens == 0)
        continue;
      number++;
      /* Drop the final line break: the text ends with its last token. */
      if (doc->text->len > 0 && doc->text->str[doc->text->len - 1] == '\n')
        g_string_truncate (doc->text, doc->text->len - 1);
      name = docs->len > 1 ? g_strdup_printf ("%s-%u", base, number) : g_strdup (base);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "source");
      json_builder_add_string_value (b, file_name);
      json_builder_set_member_name (b, "format");
      json_builder_add_string_value (b, "conll");
      json_builder_set_member_name (b, "tokenized");
      json_builder_add_boolean_value (b, TRUE);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      meta = json_to_string (root, FALSE);

      id = gloss_import_context_add_document (ctx, name, doc->text->str, doc->text->len, meta,
                                              error);
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

  if (p.scheme.n_last_unit > 0)
    scheme_name = "BILOU";
  else if (p.scheme.n_end_single > 0)
    scheme_name = "BIOES/IOBES";
  else if (p.scheme.n_inside_start > 0)
    scheme_name = "IOB1";
  else
    scheme_name = "IOB2";
  if (p.scheme.n_begin + p.scheme.n_inside_start + p.scheme.n_end_single +
      p.scheme.n_last_unit > 0)
    gloss_import_report_add (report, GLOSS_PROBLEM_NOTE, display, 0, _("tags read as %s"),
                             scheme_name);
  if (germeval)
    gloss_import_report_add (report, GLOSS_PROBLEM_NOTE, display, 0,
                             _("GermEval layout: the outer and the nested entity columns both "
                               "became annotations; the index column was dropped"));
  if (p.n_extra_columns > 0)
    gloss_import_report_add (report, GLOSS_PROBLEM_NOTE, display, 0,
                             _("%u column(s) between the token and the tag (POS, chunk, "
                               "lemma…) cannot be represented and were not imported"),
                             p.n_extra_columns);
  if (p.n_comments > 0)
    gloss_import_report_add (report, GLOSS_PROBLEM_NOTE, display, 0,
                             _("%u comment line(s) were not imported"), p.n_comments);
  return TRUE;
}

static int
conll_detect (GlossFormat *format,
              const char  *path,
              GBytes      *head)
{
  static const char * const exts[] = { "conll", "iob", "bio", "bioes", "conll2003", NULL };
  gsize len;
  const char *data = g_bytes_get_data (head, &len);
  GlossLineReader reader;
  const char *line;
  gsize line_len;
  guint good = 0, bad = 0;
  gboolean docstart = FALSE;

  if (len == 0)
    return gloss_format_has_extension (path, exts) ? 40 : 0;
  if (!gloss_format_utf8_check (data, len, NULL, NULL) && len < 8192)
    return 0;
  gloss_line_reader_init (&reader, data, len);
  while (gloss_line_reader_next (&reader, &line, &line_len, NULL, NULL) && reader.line < 200)
    {
      g_autofree char *copy = g_strndup (line, line_len);
      g_auto(GStrv) cols = NULL;
      guint n;

      if (reader.pos >= len && len >= 8192)
        break;  /* a line cut by the head's end */
      if (is_blank (copy))
        continue;
      if (is_docstart (copy))
        {
          docstart = TRUE;
          continue;
        }
      cols = split_columns (copy);
      n = g_strv_length (cols);
      if (is_comment (copy, cols))
        continue;
      if (n >= 2 && (is_tag (cols[n - 1]) || is_sentence_per_line (cols)))
        good++;
      else
        bad++;
    }
  if (good == 0)
    return docstart ? 60 : 0;
  if (bad * 10 > good)
    return gloss_format_has_extension (path, exts) ? 30 : 0;
  return docstart ? 90 : (gloss_format_has_extension (path, exts) ? 80 : 60);
}

/* Export
 * ------
 * CoNLL-2003 layout with IOB2 tags: "-DOCSTART- -X- -X- O", a blank line,
 * then a line "TOKEN _ _ TAG" per token and a blank line after each
 * sentence. Documents imported from token files (meta "tokenized") are
 * split on spaces and lines again, so an import/export round trip gives
 * the same tokens; any other text goes through gloss_tokenize() and
 * gloss_split_sentences().
 *
 * Only entity-layer labels are exported (claims and cues span whole
 * clauses and would swallow the entities inside them), unless the export
 * options name labels explicitly. A span that does not line up with the
 * tokens ("North Korea" of "North Korean") is never cut to the tokens it
 * covers whole, which would write a wrong entity (B-GPE "North"): it is
 * left out, or with GLOSS_MISALIGNED_EXTEND extended to every token it
 * touches; either is a warning. Spans may start or end in the spaces
 * around tokens ("Karsovia" of "Karsovia's" is a token of its own). A
 * span covering no token at all is left out. Overlapping spans
 * cannot be written: the first (then longest) one wins and the other is
 * dropped whole. Each of these cases is a warning of the export report,
 * as are discontinuous annotations, attributes, notes, normalisations and
 * relations (IOB tags carry none of them); _gloss_conll_tag_document()
 * also counts the spans that do not fit for the dataset card. */

gboolean
_gloss_conll_document_is_tokenized (GlossDocument *doc)
{
  JsonObject *meta = gloss_document_get_meta (doc);

  if (meta == NULL)
    return FALSE;
  /* Imported from CoNLL-U: the surface tokens, some joined without a
   * space (SpaceAfter=No), a sentence a line. */
  if (json_object_has_member (meta, "token_joins") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (meta, "token_joins")))
    return TRUE;
  return json_object_has_member (meta, "tokenized") &&
         JSON_NODE_HOLDS_VALUE (json_object_get_member (meta, "tokenized")) &&
         json_object_get_boolean_member (meta, "tokenized");
}

/* Splits the tokens of @tokens (runs of non-spaces) at the offsets of
 * @joins, ascending: where the CoNLL-U file had two tokens with no space
 * between them. */
static void
split_at_joins (GArray    *tokens,
                JsonArray *joins)
{
  guint n_joins = json_array_get_length (joins);
  g_autoptr(GArray) out = NULL;
  guint j = 0;

  if (n_joins == 0)
    return;
  out = g_array_sized_new (FALSE, FALSE, sizeof (GlossToken), tokens->len + n_joins);
  for (guint i = 0; i < tokens->len; i++)
    {
      GlossToken tok = g_array_index (tokens, GlossToken, i);
      guint flags = tok.flags;

      while (j < n_joins && (guint) json_array_get_int_element (joins, j) <= tok.start)
        j++;
      while (j < n_joins && (guint) json_array_get_int_element (joins, j) < tok.end)
        {
          GlossToken left = { tok.start, (guint) json_array_get_int_element (joins, j),
                              flags & GLOSS_TOKEN_KIND_MASK };
          g_array_append_val (out, left);
          tok.start = left.end;
          j++;
        }
      g_array_append_val (out, tok);
    }
  g_array_set_size (tokens, 0);
  g_array_append_vals (tokens, out->data, out->len);
}

gboolean
_gloss_conll_label_exported (GlossExportContext *ctx,
                             const char         *label)
{
  const GlossExportOptions *o = gloss_export_context_get_options (ctx);
  GlossSchema *schema = gloss_project_get_schema (gloss_export_context_get_project (ctx));
  GlossLabel *l;

  if (o->labels != NULL)
    return g_strv_contains (o->labels, label);
  l = gloss_schema_lookup_label (schema, label);
  return l == NULL || g_strcmp0 (gloss_label_get_layer (l), "entity") == 0;
}

void
_gloss_conll_tagged_free (GlossConllTagged *t)
{
  if (t == NULL)
    return;
  g_clear_pointer (&t->tokens, g_array_unref);
  g_clear_pointer (&t->sentences, g_array_unref);
  g_clear_pointer (&t->labels, g_ptr_array_unref);
  g_free (t->owner);
  g_free (t);
}

GlossConllTagged *
_gloss_conll_tag_document (GlossExportContext  *ctx,
                           GlossDocument       *doc,
                           GError             **error)
{
  /* Only the exported labels, read lean; their losses are reported. */
  g_autoptr(GPtrArray) kept = gloss_export_context_dup_spans (ctx, doc,
                                                              _gloss_conll_label_exported,
                                                              GLOSS_EXPORT_CARRIES_NONE, error);
  const char *text = gloss_document_get_text (doc);
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (GlossTokenSpan));
  g_autofree GlossSpanFit *fits = NULL;
  gboolean extend = gloss_export_context_get_options (ctx)->misaligned
                    == GLOSS_MISALIGNED_EXTEND;
  GlossConllTagged *t;

  if (kept == NULL)
    return NULL;
  if (text == NULL)
    {
      gloss_document_load_text (doc, error);
      return NULL;
    }
  t = g_new0 (GlossConllTagged, 1);
  t->labels = g_ptr_array_new_with_free_func (g_free);
  if (_gloss_conll_document_is_tokenized (doc))
    {
      JsonObject *meta = gloss_document_get_meta (doc);
      JsonNode *joins = json_object_get_member (meta, "token_joins");

      t->tokens = gloss_tokenize_on_spaces (text, -1);
      if (joins != NULL && JSON_NODE_HOLDS_ARRAY (joins))
        split_at_joins (t->tokens, json_node_get_array (joins));
      t->sentences = gloss_split_lines (text, -1, t->tokens);
    }
  else
    t->tokens = gloss_tokenize_sentences (text, -1, &t->sentences);
  for (guint i = 0; i < kept->len; i++)
    {
      GlossAnnotation *a = g_ptr_array_index (kept, i);
      const GlossFragment *f;
      guint n;

      /* Each fragment of a discontinuous annotation is its own entity. */
      f = gloss_annotation_get_fragments (a, &n);
      for (guint k = 0; k < n; k++)
        {
          GlossTokenSpan s = { f[k].start, f[k].end, i };
          g_array_append_val (spans, s);
          g_ptr_array_add (t->labels, g_strdup (gloss_annotation_get_label (a)));
        }
    }
  fits = g_new (GlossSpanFit, spans->len + 1);
  t->owner = gloss_tokens_assign_spans_full (t->tokens, (GlossTokenSpan *) spans->data,
                                             spans->len,
                                             extend ? GLOSS_SPAN_ALIGN_EXTEND
                                                    : GLOSS_SPAN_ALIGN_DROP,
                                             fits);
  t->text = text;

  /* The report: spans that do not fit the tokens (what IOB tags cannot
   * carry at all was reported while reading). None is ever cut to the
   * tokens it covers whole: that would be a wrong entity. */
  for (guint i = 0; i < spans->len; i++)
    {
      GlossTokenSpan *s = &g_array_index (spans, GlossTokenSpan, i);
      GlossAnnotation *a = g_ptr_array_index (kept, s->id);

      if ((fits[i] & GLOSS_SPAN_FIT_PARTIAL) && !(fits[i] & GLOSS_SPAN_FIT_CONFLICT))
        t->n_partial++;
      if (fits[i] & GLOSS_SPAN_FIT_CONFLICT)
        {
          t->n_conflicts++;
          gloss_export_context_lost_annotation (ctx, doc, a, GLOSS_EXPORT_LOSS_OVERLAP);
        }
      else if (fits[i] & GLOSS_SPAN_FIT_NO_TOKEN)
        {
          t->n_no_token++;
          gloss_export_context_lost_annotation (ctx, doc, a, GLOSS_EXPORT_LOSS_NO_TOKEN);
        }
      else if ((fits[i] & GLOSS_SPAN_FIT_PARTIAL) && !extend)
        gloss_export_context_lost_annotation (ctx, doc, a, GLOSS_EXPORT_LOSS_TOKEN_BOUNDARY);
      else if (fits[i] & GLOSS_SPAN_FIT_PARTIAL)
        {
          /* Extended: say to where. */
          guint first = gloss_tokens_find (t->tokens, s->start), last = first;
          g_autofree char *where = NULL;

          while (last + 1 < t->tokens->len
                 && g_array_index (t->tokens, GlossToken, last + 1).start < s->end)
            last++;
          where = g_strdup_printf ("(%u-%u)",
                                   MIN (s->start,
                                        g_array_index (t->tokens, GlossToken, first).start),
                                   MAX (s->end,
                                        g_array_index (t->tokens, GlossToken, last).end));
          gloss_export_context_lost_annotation_full (ctx, doc, a, GLOSS_EXPORT_LOSS_EXTENDED,
                                                     where);
        }
    }
  return t;
}

/* The IOB2 tag of token @k, written into @buf. */
const char *
_gloss_conll_tagged_tag (GlossConllTagged *t,
                         guint             sentence_first,
                         guint             k,
                         GString          *buf)
{
  guint owner = t->owner[k];

  if (owner == 0)
    return "O";
  g_string_assign (buf, k > sentence_first && t->owner[k - 1] == owner ? "I-" : "B-");
  g_string_append (buf, g_ptr_array_index (t->labels, owner - 1));
  return buf->str;
}

typedef enum
{
  LAYOUT_CONLL2003,  /* -DOCSTART- per document, "TOKEN _ _ TAG" */
  LAYOUT_CONLL2002,  /* "TOKEN TAG", no document boundaries */
} Layout;

static gboolean
write_tagged (GlossExportContext  *ctx,
              const char          *path,
              Layout               layout,
              GCancellable        *cancellable,
              GError             **error)
{
  GPtrArray *docs = gloss_export_context_get_documents (ctx);
  g_autoptr(GOutputStream) out = gloss_export_context_open_output (ctx, path, cancellable, error);
  g_autoptr(GString) buf = g_string_new (NULL);
  g_autoptr(GString) tag = g_string_new (NULL);
  const char *separator = layout == LAYOUT_CONLL2003 ? " _ _ " : " ";
  gboolean written = FALSE;

  if (out == NULL)
    return FALSE;
  for (guint d = 0; d < docs->len; d++)
    {
      GlossDocument *doc = g_ptr_array_index (docs, d);
      GlossConllTagged *t = _gloss_conll_tag_document (ctx, doc, error);
      const char *p;
      guint pos = 0;

      if (t == NULL)
        return FALSE;
      if (layout == LAYOUT_CONLL2003)
        g_string_assign (buf, "-DOCSTART- -X- -X- O\n\n");
      else
        {
          /* CoNLL-2002 has no document boundaries: a re-import reads one
           * document. Said of every document that runs on from another. */
          g_string_truncate (buf, 0);
          if (written && t->sentences->len > 0)
            gloss_export_context_lost_document (ctx, doc, GLOSS_EXPORT_LOSS_DOCUMENT_BOUNDARY,
                                                NULL);
        }
      p = t->text;
      for (guint s = 0; s < t->sentences->len; s++)
        {
          GlossSentence *st = &g_array_index (t->sentences, GlossSentence, s);
          for (guint k = st->first_token; k < st->first_token + st->n_tokens; k++)
            {
              GlossToken *tok = &g_array_index (t->tokens, GlossToken, k);
              const char *a, *b;

              /* Walk forward through the text: tokens are in order. */
              a = g_utf8_offset_to_pointer (p, tok->start - pos);
              b = g_utf8_offset_to_pointer (a, tok->end - tok->start);
              p = b;
              pos = tok->end;
              g_string_append_len (buf, a, b - a);
              g_string_append (buf, separator);
              g_string_append (buf, _gloss_conll_tagged_tag (t, st->first_token, k, tag));
              g_string_append_c (buf, '\n');
            }
          g_string_append_c (buf, '\n');
          written = TRUE;
        }
      _gloss_conll_tagged_free (t);
      if (!g_output_stream_write_all (out, buf->str, buf->len, NULL, cancellable, error))
        return FALSE;
      gloss_export_context_progress (ctx, (double) (d + 1) / docs->len);
    }
  return g_output_stream_close (out, cancellable, error);
}

static gboolean
conll_export (GlossFormat         *format,
              GlossExportContext  *ctx,
              const char          *path,
              GCancellable        *cancellable,
              GError             **error)
{
  return write_tagged (ctx, path, LAYOUT_CONLL2003, cancellable, error);
}

static void
gloss_format_conll_class_init (GlossFormatConllClass *klass)
{
  GlossFormatClass *format_class = GLOSS_FORMAT_CLASS (klass);
  static const char * const extensions[] = { "conll", "iob", "bio", "bioes", NULL };

  format_class->name = "conll";
  format_class->display_name = N_("CoNLL IOB (CoNLL-2003)");
  format_class->extensions = extensions;
  format_class->detect = conll_detect;
  format_class->import_path = conll_import;
  format_class->export_path = conll_export;
  format_class->export_tokens = TRUE;
}

static void
gloss_format_conll_init (GlossFormatConll *self)
{
}

/* CoNLL-2002
 * ----------
 * The two-column layout of the CoNLL-2002 shared task (Spanish, Dutch),
 * which many NER tools read: "TOKEN TAG" a line, IOB2 tags, a blank line
 * after each sentence, and no -DOCSTART- line, so every document after
 * the first runs on from the one before it (each is named in a warning).
 * A format of its own rather than an option of "conll", so that it is one
 * more choice wherever formats are listed (the export dialog, gloss-cli
 * formats) and needs no option there. It is read by the CoNLL importer
 * above, which takes the token from the first column and the tag from the
 * last whatever their number; "conll" wins the detection of such files,
 * to the same effect. */

struct _GlossFormatConll2002
{
  GlossFormat parent_instance;
};

G_DEFINE_FINAL_TYPE (GlossFormatConll2002, gloss_format_conll2002, GLOSS_TYPE_FORMAT)

static gboolean
conll2002_export (GlossFormat         *format,
                  GlossExportContext  *ctx,
                  const char          *path,
                  GCancellable        *cancellable,
                  GError             **error)
{
  return write_tagged (ctx, path, LAYOUT_CONLL2002, cancellable, error);
}

static void
gloss_format_conll2002_class_init (GlossFormatConll2002Class *klass)
{
  GlossFormatClass *format_class = GLOSS_FORMAT_CLASS (klass);
  static const char * const extensions[] = { "conll", "iob", "bio", "conll2002", NULL };

  format_class->name = "conll2002";
  format_class->display_name = N_("CoNLL IOB, two columns (CoNLL-2002)");
  format_class->extensions = extensions;
  format_class->detect = conll_detect;
  format_class->import_path = conll_import;
  format_class->export_path = conll2002_export;
  format_class->export_tokens = TRUE;
}

static void
gloss_format_conll2002_init (GlossFormatConll2002 *self)
{
}
