/* gloss-format-spacy.c: spaCy / Prodigy JSONL (text, tokens, spans, relations)
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gloss.h"
#include "gloss-formats.h"
#include "gloss-format-json-private.h"
#include "gloss-format-util.h"
#include "gloss-tokenizer.h"

/* What the importer reads (FORMATS.md §5): one JSON object per line,
 *   {"text", "tokens": [{"text", "start", "end", "id", "ws"}],
 *    "spans": [{"start", "end", "token_start", "token_end" (inclusive), "label", "text"?}],
 *    "relations": [{"head", "child", "head_span", "child_span", "label"}],
 *    "meta": {...}, "answer": "accept" | "reject" | "ignore", "_annotator_id"?}
 * Offsets are code points (Python string indices). Only accepted records
 * (or records without "answer") are imported; the others are listed as
 * notes. A span's "text", when given, is checked against the covered text.
 * A relation's ends are found by its head_span / child_span (by offsets and
 * label), else by the span covering the head / child token.
 *
 * The export writes one accepted record per document with our own tokens
 * (gloss_tokenize(), or one token per run of non-spaces for documents
 * imported from token-level formats), split further wherever an annotation
 * starts or ends inside a token so that every span has exact token_start /
 * token_end. Relations name the last token of each end, as Prodigy does. A
 * discontinuous annotation becomes one span per fragment (its relations
 * start from the first). */

struct _GlossFormatSpacy
{
  GlossFormat parent_instance;
};

G_DEFINE_FINAL_TYPE (GlossFormatSpacy, gloss_format_spacy, GLOSS_TYPE_FORMAT)

/* The members of a record the importer reads; every other one (Prodigy's
 * _input_hash and _task_hash, _session_id, _timestamp…) is kept in the
 * document's metadata as "spacy_record" and written back on export, so
 * that Prodigy still knows the task. _view_id is written anew. */
static const char * const read_members[] = { "text", "tokens", "spans", "relations", "meta",
                                             "answer", "_annotator_id", "_view_id", NULL };

typedef struct
{
  GlossFragment  fragment;
  char          *label;
  guint          token_start;   /* G_MAXUINT: unknown */
  guint          token_end;
} Span;

typedef struct
{
  guint  head;
  guint  child;
  char  *label;
} Relation;

static void
span_clear (gpointer data)
{
  Span *s = data;

  g_free (s->label);
}

static void
relation_clear (gpointer data)
{
  Relation *r = data;

  g_free (r->label);
}

typedef struct
{
  GlossImportContext *ctx;
  char               *display;
  char               *base;
  guint               n_skipped;
} SpacyImport;

static int
spacy_detect (GlossFormat *format,
              const char  *path,
              GBytes      *head)
{
  static const char * const exts[] = { "jsonl", "json", NULL };
  gboolean ext = gloss_format_has_extension (path, exts);

  if (gloss_json_head_first_char (head) != '{' || gloss_json_head_has (head, "{\"gloss\":"))
    return 0;
  if (gloss_json_head_has (head, "\"ner_tags\""))
    return 0;
  if (gloss_json_head_has (head, "\"text\"") &&
      (gloss_json_head_has (head, "\"_input_hash\"") ||
       gloss_json_head_has (head, "\"_view_id\"") ||
       gloss_json_head_has (head, "\"token_start\"") ||
       (gloss_json_head_has (head, "\"tokens\"") && gloss_json_head_has (head, "\"spans\""))))
    return ext ? 90 : 70;
  if (gloss_json_head_has (head, "\"text\"") && gloss_json_head_has (head, "\"spans\""))
    return ext ? 40 : 20;
  return 0;
}

/* Reads the tokens' character ranges (code points). */
static gboolean
read_tokens (JsonArray  *list,
             guint       n_chars,
             GArray     *tokens,
             GError    **error)
{
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);
      GlossFragment t = { 0, 0 };

      if (!JSON_NODE_HOLDS_OBJECT (node) ||
          !gloss_format_json_get_uint (json_node_get_object (node), "start", TRUE, &t.start,
                                       error) ||
          !gloss_format_json_get_uint (json_node_get_object (node), "end", TRUE, &t.end, error))
        {
          if (error != NULL && *error == NULL)
            g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID,
                         _("must be an object"));
          g_prefix_error (error, _("token %u: "), i);
          return FALSE;
        }
      if (t.start > t.end || t.end > n_chars)
        {
          g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID,
                       _("token %u: %u–%u lies outside the text (length %u)"), i, t.start, t.end,
                       n_chars);
          return FALSE;
        }
      g_array_append_val (tokens, t);
    }
  return TRUE;
}

/* One span object (also head_span / child_span). */
static gboolean
read_span (SpacyImport    *imp,
           JsonNode       *node,
           const char     *text,
           GlossOffsetMap *map,
           GArray         *tokens,
           guint           line,
           Span           *span,
           GError        **error)
{
  JsonObject *o;
  const char *label = NULL;
  const char *stated = NULL;
  g_autofree char *q_label = NULL;
  gboolean has_start, has_end;
  guint n_chars = gloss_offset_map_get_n_chars (map);

  span->token_start = span->token_end = G_MAXUINT;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID,
                   _("expected {start, end, label}"));
      return FALSE;
    }
  o = json_node_get_object (node);
  if (!gloss_format_json_get_string (o, "label", TRUE, &label, error) ||
      !gloss_format_json_get_string (o, "text", FALSE, &stated, error) ||
      !gloss_format_json_get_uint (o, "token_start", FALSE, &span->token_start, error) ||
      !gloss_format_json_get_uint (o, "token_end", FALSE, &span->token_end, error) ||
      !gloss_format_json_get_uint (o, "start", FALSE, &span->fragment.start, error) ||
      !gloss_format_json_get_uint (o, "end", FALSE, &span->fragment.end, error))
    return FALSE;
  q_label = gloss_format_quote (label, -1);
  has_start = json_object_has_member (o, "start");
  has_end = json_object_has_member (o, "end");
  /* Offsets from the tokens when the file gives only token indices. */
  if (!has_start || !has_end)
    {
      if (span->token_start == G_MAXUINT || span->token_end == G_MAXUINT ||
          span->token_start > span->token_end || span->token_end >= tokens->len)
        {
          g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID,
                       _("span “%s” has neither start/end offsets nor valid token indices"),
                       q_label);
          return FALSE;
        }
      span->fragment.start = g_array_index (tokens, GlossFragment, span->token_start).start;
      span->fragment.end = g_array_index (tokens, GlossFragment, span->token_end).end;
    }
  if (span->fragment.start >= span->fragment.end)
    {
      g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID,
                   _("span %u–%u (“%s”) is empty or reversed"), span->fragment.start,
                   span->fragment.end, q_label);
      return FALSE;
    }

  /* The stated text decides the unit when code points do not fit it. */
  if (stated != NULL)
    {
      g_autofree char *covered = gloss_format_dup_span_text (map, text, span->fragment.start,
                                                             span->fragment.end);
      if (g_strcmp0 (covered, stated) != 0)
        {
          GlossFragment f16;
          g_autofree char *covered16 = NULL;

          if (gloss_format_span_from_utf16 (map, span->fragment.start, span->fragment.end, &f16))
            covered16 = gloss_format_dup_span_text (map, text, f16.start, f16.end);
          if (covered16 != NULL && g_str_equal (covered16, stated))
            {
              gloss_import_report_add (gloss_import_context_get_report (imp->ctx),
                                       GLOSS_PROBLEM_WARNING, imp->display, line,
                                       _("span %u–%u (“%s”) matches its text only as UTF-16 "
                                         "code units: read as such"), span->fragment.start,
                                       span->fragment.end, q_label);
              span->fragment = f16;
            }
          else if (covered != NULL)
            {
              g_autofree char *q_stated = gloss_format_quote (stated, -1);
              g_autofree char *q_covered = gloss_format_quote (covered, -1);

              gloss_import_report_add (gloss_import_context_get_report (imp->ctx),
                                       GLOSS_PROBLEM_WARNING, imp->display, line,
                                       _("span %u–%u (“%s”) says “%s” but covers “%s”"),
                                       span->fragment.start, span->fragment.end, q_label,
                                       q_stated, q_covered);
            }
        }
    }
  if (span->fragment.end > n_chars)
    {
      g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID,
                   _("span %u–%u (“%s”) lies past the end of the text (length %u)"),
                   span->fragment.start, span->fragment.end, q_label, n_chars);
      return FALSE;
    }
  span->label = g_strdup (label);
  return TRUE;
}

/* The index of the span equal to @s (offsets and label), else of the one at
 * the same offsets; G_MAXUINT when none. */
static guint
find_span (GArray     *spans,
           const Span *s)
{
  guint same_offsets = G_MAXUINT;

  for (guint i = 0; i < spans->len; i++)
    {
      Span *t = &g_array_index (spans, Span, i);

      if (t->fragment.start != s->fragment.start || t->fragment.end != s->fragment.end)
        continue;
      if (g_strcmp0 (t->label, s->label) == 0)
        return i;
      if (same_offsets == G_MAXUINT)
        same_offsets = i;
    }
  return same_offsets;
}

/* The span covering token @token (by offsets), else G_MAXUINT. */
static guint
find_span_at_token (GArray *spans,
                    GArray *tokens,
                    guint   token)
{
  GlossFragment *t;

  if (token >= tokens->len)
    return G_MAXUINT;
  t = &g_array_index (tokens, GlossFragment, token);
  for (guint i = 0; i < spans->len; i++)
    {
      Span *s = &g_array_index (spans, Span, i);
      if (s->fragment.start <= t->start && t->end <= s->fragment.end)
        return i;
    }
  return G_MAXUINT;
}

/* A relation end: by its *_span object, else by its token. A span object
 * that matches no span of the record is added to them. */
static gboolean
resolve_end (SpacyImport    *imp,
             JsonObject     *rel,
             const char     *span_member,
             const char     *token_member,
             const char     *text,
             GlossOffsetMap *map,
             GArray         *tokens,
             GArray         *spans,
             guint           line,
             guint          *index,
             GError        **error)
{
  JsonNode *node = json_object_get_member (rel, span_member);
  guint token = G_MAXUINT;

  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      Span s = { { 0, 0 }, NULL, 0, 0 };

      if (!read_span (imp, node, text, map, tokens, line, &s, error))
        {
          g_prefix_error (error, "“%s”: ", span_member);
          return FALSE;
        }
      *index = find_span (spans, &s);
      if (*index == G_MAXUINT)
        {
          g_array_append_val (spans, s);
          *index = spans->len - 1;
        }
      else
        span_clear (&s);
      return TRUE;
    }
  if (!gloss_format_json_get_uint (rel, token_member, TRUE, &token, error))
    return FALSE;
  *index = find_span_at_token (spans, tokens, token);
  if (*index == G_MAXUINT)
    {
      g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID,
                   _("no span covers token %u (“%s”)"), token, token_member);
      return FALSE;
    }
  return TRUE;
}

static char *
build_meta (SpacyImport *imp,
            JsonObject  *record)
{
  g_autoptr(JsonObject) meta = json_object_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonNode *m = json_object_get_member (record, "meta");

  if (m != NULL && JSON_NODE_HOLDS_OBJECT (m))
    {
      JsonObject *mo = json_node_get_object (m);
      g_autoptr(GList) members = json_object_get_members (mo);

      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (meta, l->data, json_node_copy (json_object_get_member (mo,
                                                                                       l->data)));
    }
  {
    g_autoptr(GList) members = json_object_get_members (record);
    g_autoptr(JsonObject) kept = json_object_new ();

    for (GList *l = members; l != NULL; l = l->next)
      if (!g_strv_contains (read_members, l->data))
        json_object_set_member (kept, l->data,
                                json_node_copy (json_object_get_member (record, l->data)));
    if (json_object_get_size (kept) > 0)
      json_object_set_object_member (meta, "spacy_record", g_steal_pointer (&kept));
  }
  if (!json_object_has_member (meta, "format"))
    json_object_set_string_member (meta, "format", "spacy");
  if (!json_object_has_member (meta, "filename"))
    json_object_set_string_member (meta, "filename", imp->display);
  json_node_set_object (root, meta);
  return json_to_string (root, FALSE);
}

static gboolean
import_record (JsonNode    *node,
               guint        line,
               guint        index,
               const char  *problem,
               gpointer     user_data,
               GError     **error)
{
  SpacyImport *imp = user_data;
  GlossImportContext *ctx = imp->ctx;
  g_autoptr(GArray) tokens = g_array_new (FALSE, FALSE, sizeof (GlossFragment));
  g_autoptr(GArray) spans = g_array_new (FALSE, TRUE, sizeof (Span));
  g_autoptr(GArray) relations = g_array_new (FALSE, TRUE, sizeof (Relation));
  g_autoptr(GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GlossOffsetMap) map = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *name = NULL;
  JsonObject *record;
  JsonArray *list = NULL;
  const char *text = NULL;
  const char *answer = NULL;
  const char *annotator = NULL;
  gint64 doc_id;

  g_array_set_clear_func (spans, span_clear);
  g_array_set_clear_func (relations, relation_clear);

  if (node == NULL)
    return gloss_import_context_bad_record (ctx, imp->display, line, error, "%s", problem);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return gloss_import_context_bad_record (ctx, imp->display, line, error,
                                            _("record %u is not a JSON object"), index);
  record = json_node_get_object (node);

  if (!gloss_format_json_get_string (record, "answer", FALSE, &answer, &local))
    return gloss_import_context_bad_record (ctx, imp->display, line, error, "%s", local->message);
  if (answer != NULL && !g_str_equal (answer, "accept"))
    {
      g_autofree char *quoted = gloss_format_quote (answer, -1);

      gloss_import_report_add (gloss_import_context_get_report (ctx), GLOSS_PROBLEM_NOTE,
                               imp->display, line,
                               _("record %u skipped: its answer is “%s” (only accepted answers "
                                 "are imported)"), index, quoted);
      imp->n_skipped++;
      return TRUE;
    }
  if (!gloss_format_json_get_string (record, "text", TRUE, &text, &local) ||
      !gloss_format_json_get_string (record, "_annotator_id", FALSE, &annotator, &local))
    return gloss_import_context_bad_record (ctx, imp->display, line, error, "%s", local->message);
  map = gloss_offset_map_new (text, -1);

  if (!gloss_format_json_get_array (record, "tokens", FALSE, &list, &local) ||
      !read_tokens (list, gloss_offset_map_get_n_chars (map), tokens, &local))
    return gloss_import_context_bad_record (ctx, imp->display, line, error, "%s", local->message);

  list = NULL;
  if (!gloss_format_json_get_array (record, "spans", FALSE, &list, &local))
    return gloss_import_context_bad_record (ctx, imp->display, line, error, "%s", local->message);
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      Span s = { { 0, 0 }, NULL, 0, 0 };

      if (!read_span (imp, json_array_get_element (list, i), text, map, tokens, line, &s, &local))
        return gloss_import_context_bad_record (ctx, imp->display, line, error,
                                                _("“spans” item %u: %s"), i + 1, local->message);
      /* Token indices that disagree with the offsets are only noted. */
      if (s.token_start != G_MAXUINT && s.token_end != G_MAXUINT && tokens->len > 0 &&
          (s.token_end >= tokens->len || s.token_start > s.token_end ||
           g_array_index (tokens, GlossFragment, s.token_start).start != s.fragment.start ||
           g_array_index (tokens, GlossFragment, s.token_end).end != s.fragment.end))
        {
          g_autofree char *quoted = gloss_format_quote (s.label, -1);

          gloss_import_report_add (gloss_import_context_get_report (ctx), GLOSS_PROBLEM_WARNING,
                                   imp->display, line,
                                   _("span %u–%u (“%s”): its tokens %u–%u do not match its "
                                     "offsets; the offsets were used"), s.fragment.start,
                                   s.fragment.end, quoted, s.token_start, s.token_end);
        }
      g_array_append_val (spans, s);
    }

  list = NULL;
  if (!gloss_format_json_get_array (record, "relations", FALSE, &list, &local))
    return gloss_import_context_bad_record (ctx, imp->display, line, error, "%s", local->message);
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonNode *rn = json_array_get_element (list, i);
      Relation r = { 0, 0, NULL };
      const char *label = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (rn))
        return gloss_import_context_bad_record (ctx, imp->display, line, error,
                                                _("relation %u: expected {head, child, label}"),
                                                i + 1);
      if (!gloss_format_json_get_string (json_node_get_object (rn), "label", TRUE, &label,
                                         &local) ||
          !resolve_end (imp, json_node_get_object (rn), "head_span", "head", text, map, tokens,
                        spans, line, &r.head, &local) ||
          !resolve_end (imp, json_node_get_object (rn), "child_span", "child", text, map, tokens,
                        spans, line, &r.child, &local))
        return gloss_import_context_bad_record (ctx, imp->display, line, error,
                                                _("relation %u: %s"), i + 1, local->message);
      if (gloss_import_context_ensure_relation_type (ctx, label) == NULL)
        {
          g_autofree char *quoted = gloss_format_quote (label, -1);

          return gloss_import_context_bad_record (ctx, imp->display, line, error,
                                                  _("“%s” cannot be a relation type"), quoted);
        }
      r.label = g_strdup (label);
      g_array_append_val (relations, r);
    }
  for (guint i = 0; i < spans->len; i++)
    {
      Span *s = &g_array_index (spans, Span, i);
      if (gloss_import_context_ensure_label (ctx, s->label, NULL) == NULL)
        {
          g_autofree char *quoted = gloss_format_quote (s->label, -1);

          return gloss_import_context_bad_record (ctx, imp->display, line, error,
                                                  _("“%s” cannot be a label name"), quoted);
        }
    }

  /* The record is good: write it. */
  name = g_strdup_printf ("%s-%u", imp->base, index);
  meta = build_meta (imp, record);
  doc_id = gloss_import_context_add_document (ctx, name, text, -1, meta, error);
  if (doc_id == 0)
    return FALSE;
  for (guint i = 0; i < spans->len; i++)
    {
      Span *s = &g_array_index (spans, Span, i);

      if (!gloss_json_add_span (ctx, doc_id, s->label, &s->fragment, annotator, uuids,
                                imp->display, line, error))
        return FALSE;
    }
  for (guint i = 0; i < relations->len; i++)
    {
      Relation *r = &g_array_index (relations, Relation, i);

      if (!gloss_json_add_relation (ctx, doc_id, r->label, uuids, r->head, r->child, annotator,
                                    FALSE, imp->display, line, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
spacy_import (GlossFormat         *format,
              GlossImportContext  *ctx,
              const char          *path,
              GCancellable        *cancellable,
              GError             **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *base = gloss_format_name_from_path (path);
  SpacyImport imp = { ctx, display, base, 0 };
  gsize length;

  if (!gloss_json_read_input (ctx, path, display, &contents, &length, error))
    return FALSE;
  if (contents == NULL)
    return TRUE;  /* a bad file, skipped and reported */
  return gloss_json_records_foreach (contents, length, GLOSS_JSON_RECORDS_AUTO, import_record,
                                     &imp, cancellable, error);
}

/* ---- export */

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* Our tokens, split wherever an annotation starts or ends inside one. */
static GArray *
export_tokens (GlossDocument *doc,
               GPtrArray     *anns)
{
  const char *text = gloss_document_get_text (doc);
  JsonObject *meta = gloss_document_get_meta (doc);
  g_autoptr(GArray) base = NULL;
  g_autoptr(GArray) cuts = g_array_new (FALSE, FALSE, sizeof (guint));
  GArray *tokens = g_array_new (FALSE, FALSE, sizeof (GlossFragment));
  guint c = 0;

  if ((meta != NULL && json_object_has_member (meta, "tokenized") &&
       JSON_NODE_HOLDS_VALUE (json_object_get_member (meta, "tokenized")) &&
       json_node_get_value_type (json_object_get_member (meta, "tokenized")) == G_TYPE_BOOLEAN &&
       json_object_get_boolean_member (meta, "tokenized")))
    base = gloss_tokenize_on_spaces (text, -1);
  else
    base = gloss_tokenize (text, -1);

  for (guint i = 0; i < anns->len; i++)
    {
      const GlossFragment *f;
      guint n;

      f = gloss_annotation_get_fragments (g_ptr_array_index (anns, i), &n);
      for (guint k = 0; k < n; k++)
        {
          g_array_append_val (cuts, f[k].start);
          g_array_append_val (cuts, f[k].end);
        }
    }
  g_array_sort (cuts, compare_uint);

  for (guint i = 0; i < base->len; i++)
    {
      GlossToken *t = &g_array_index (base, GlossToken, i);
      GlossFragment piece = { t->start, t->end };

      while (c < cuts->len && g_array_index (cuts, guint, c) <= piece.start)
        c++;
      while (c < cuts->len && g_array_index (cuts, guint, c) < piece.end)
        {
          GlossFragment left = { piece.start, g_array_index (cuts, guint, c) };
          g_array_append_val (tokens, left);
          piece.start = left.end;
          while (c < cuts->len && g_array_index (cuts, guint, c) <= piece.start)
            c++;
        }
      g_array_append_val (tokens, piece);
    }
  return tokens;
}

/* First token ending after @offset. */
static guint
token_at_or_after (GArray *tokens,
                   guint   offset)
{
  guint lo = 0, hi = tokens->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (g_array_index (tokens, GlossFragment, mid).end <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Last token starting before @offset (G_MAXUINT when none). */
static guint
token_before (GArray *tokens,
              guint   offset)
{
  guint lo = 0, hi = tokens->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (g_array_index (tokens, GlossFragment, mid).start < offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo == 0 ? G_MAXUINT : lo - 1;
}

static void
add_span (JsonBuilder         *b,
          GArray              *tokens,
          const GlossFragment *f,
          const char          *label)
{
  guint first = token_at_or_after (tokens, f->start);
  guint last = token_before (tokens, f->end);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "start");
  json_builder_add_int_value (b, f->start);
  json_builder_set_member_name (b, "end");
  json_builder_add_int_value (b, f->end);
  if (first < tokens->len && last != G_MAXUINT && first <= last)
    {
      json_builder_set_member_name (b, "token_start");
      json_builder_add_int_value (b, first);
      json_builder_set_member_name (b, "token_end");
      json_builder_add_int_value (b, last);
    }
  json_builder_set_member_name (b, "label");
  json_builder_add_string_value (b, label);
  json_builder_end_object (b);
}

typedef struct
{
  const char *project_annotator;
  gboolean    keep_paths;
} SpacyExport;

static JsonNode *
build_document (GlossDocument     *doc,
                GPtrArray         *anns,
                GPtrArray         *rels,
                const SpacyExport *exp)
{
  const char *project_annotator = exp->project_annotator;
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr(GlossOffsetMap) map = NULL;
  g_autoptr(GArray) tokens = export_tokens (doc, anns);
  g_autoptr(GHashTable) by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonObject) meta = gloss_json_export_meta (gloss_document_get_meta (doc),
                                                       exp->keep_paths);
  const char *text = gloss_document_get_text (doc);
  const char *annotator = NULL;
  gboolean one_annotator = TRUE;

  map = gloss_offset_map_new (text, -1);
  for (guint i = 0; i < anns->len; i++)
    {
      GlossAnnotation *a = g_ptr_array_index (anns, i);

      g_hash_table_insert (by_uuid, (gpointer) gloss_annotation_get_uuid (a), a);
      if (annotator == NULL)
        annotator = gloss_annotation_get_annotator (a);
      else if (g_strcmp0 (annotator, gloss_annotation_get_annotator (a)) != 0)
        one_annotator = FALSE;
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, text);

  gloss_json_builder_add_meta (b, meta);
  if (meta != NULL && json_object_has_member (meta, "spacy_record") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (meta, "spacy_record")))
    {
      JsonObject *kept = json_object_get_object_member (meta, "spacy_record");
      g_autoptr(GList) members = json_object_get_members (kept);

      for (GList *l = members; l != NULL; l = l->next)
        if (!g_strv_contains (read_members, l->data))
          {
            json_builder_set_member_name (b, l->data);
            json_builder_add_value (b, json_node_copy (json_object_get_member (kept, l->data)));
          }
    }

  json_builder_set_member_name (b, "tokens");
  json_builder_begin_array (b);
  for (guint i = 0; i < tokens->len; i++)
    {
      GlossFragment *t = &g_array_index (tokens, GlossFragment, i);
      g_autofree char *token_text = gloss_format_dup_span_text (map, text, t->start, t->end);
      gboolean ws = FALSE;
      gsize byte;

      if (gloss_offset_map_char_to_byte (map, t->end, &byte) && text[byte] != '\0')
        ws = g_unichar_isspace (g_utf8_get_char (text + byte));
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "text");
      json_builder_add_string_value (b, token_text ? token_text : "");
      json_builder_set_member_name (b, "start");
      json_builder_add_int_value (b, t->start);
      json_builder_set_member_name (b, "end");
      json_builder_add_int_value (b, t->end);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, i);
      json_builder_set_member_name (b, "ws");
      json_builder_add_boolean_value (b, ws);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "spans");
  json_builder_begin_array (b);
  for (guint i = 0; i < anns->len; i++)
    {
      GlossAnnotation *a = g_ptr_array_index (anns, i);
      const GlossFragment *f;
      guint n;

      f = gloss_annotation_get_fragments (a, &n);
      for (guint k = 0; k < n; k++)
        add_span (b, tokens, &f[k], gloss_annotation_get_label (a));
    }
  json_builder_end_array (b);

  if (rels != NULL && rels->len > 0)
    {
      json_builder_set_member_name (b, "relations");
      json_builder_begin_array (b);
      for (guint i = 0; i < rels->len; i++)
        {
          GlossRelation *r = g_ptr_array_index (rels, i);
          GlossAnnotation *head = g_hash_table_lookup (by_uuid, gloss_relation_get_source (r));
          GlossAnnotation *child = g_hash_table_lookup (by_uuid, gloss_relation_get_target (r));
          const GlossFragment *hf, *cf;
          guint n;

          if (head == NULL || child == NULL)
            continue;
          hf = gloss_annotation_get_fragments (head, &n);
          cf = gloss_annotation_get_fragments (child, &n);
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "head");
          json_builder_add_int_value (b, token_before (tokens, hf[0].end));
          json_builder_set_member_name (b, "child");
          json_builder_add_int_value (b, token_before (tokens, cf[0].end));
          json_builder_set_member_name (b, "head_span");
          add_span (b, tokens, &hf[0], gloss_annotation_get_label (head));
          json_builder_set_member_name (b, "child_span");
          add_span (b, tokens, &cf[0], gloss_annotation_get_label (child));
          json_builder_set_member_name (b, "label");
          json_builder_add_string_value (b, gloss_relation_get_relation_type (r));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }

  if (annotator != NULL && one_annotator && g_strcmp0 (annotator, project_annotator) != 0)
    {
      json_builder_set_member_name (b, "_annotator_id");
      json_builder_add_string_value (b, annotator);
    }
  json_builder_set_member_name (b, "_view_id");
  json_builder_add_string_value (b, rels != NULL && rels->len > 0 ? "relations" : "ner_manual");
  json_builder_set_member_name (b, "answer");
  json_builder_add_string_value (b, "accept");
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static JsonNode *
build_record (GlossDocument *doc,
              guint          index,
              GPtrArray     *anns,
              GPtrArray     *rels,
              gpointer       user_data)
{
  return build_document (doc, anns, rels, user_data);
}

static gboolean
spacy_export (GlossFormat         *format,
              GlossExportContext  *ctx,
              const char          *path,
              GCancellable        *cancellable,
              GError             **error)
{
  GlossProject *project = gloss_export_context_get_project (ctx);
  /* Spans are one fragment each; relations have no attributes. */
  static const GlossJsonExportLayout layout = { GLOSS_JSON_EXPORT_LINES, TRUE,
                                                GLOSS_EXPORT_CARRIES_RELATIONS, NULL };

  SpacyExport exp = { gloss_format_default_annotator (project),
                      gloss_export_context_get_options (ctx)->keep_paths };

  return gloss_json_export_records (ctx, path, &layout, build_record, &exp, cancellable, error);
}

static void
gloss_format_spacy_class_init (GlossFormatSpacyClass *klass)
{
  GlossFormatClass *format_class = GLOSS_FORMAT_CLASS (klass);
  static const char * const extensions[] = { "jsonl", NULL };

  format_class->name = "spacy";
  format_class->display_name = N_("spaCy / Prodigy JSONL");
  format_class->extensions = extensions;
  format_class->detect = spacy_detect;
  format_class->import_path = spacy_import;
  format_class->export_path = spacy_export;
}

static void
gloss_format_spacy_init (GlossFormatSpacy *self)
{
}
