/* gloss-brat-ann.c: brat .ann files: reading one with its text, writing one
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "gloss-annotation.h"
#include "gloss-brat-private.h"
#include "gloss-document.h"
#include "gloss-format-util.h"
#include "gloss-import-context-private.h"
#include "gloss-offsets.h"
#include "gloss-relation.h"
#include "gloss-schema-private.h"

/* ---- .ann parsing */

typedef struct
{
  char   *role;
  char   *id;
} Arg;

typedef struct
{
  char        kind;       /* 'T' 'R' 'E' 'A' 'N' '#' */
  char       *id;
  guint       line;
  char       *type;
  GArray     *frags;      /* T: GlossFragment as written (file unit), listed order */
  char       *tail;       /* T: covered text; N: name; #: note text (may be NULL) */
  char       *trigger;    /* E */
  GArray     *args;       /* R, E: Arg */
  char       *target;     /* A, N, # */
  char       *value;      /* A: NULL = binary; N: "DB:ID" */
  /* resolved */
  GlossAnnotation *ann;   /* T: owned */
  GlossRelation   *rel;   /* R: owned */
  gboolean         dropped;
  gboolean         spaces;  /* fields separated by spaces, not TABs */
} Item;

static void
arg_clear (Arg *a)
{
  g_free (a->role);
  g_free (a->id);
}

static void
item_free (Item *it)
{
  g_free (it->id);
  g_free (it->type);
  g_clear_pointer (&it->frags, g_array_unref);
  g_free (it->tail);
  g_free (it->trigger);
  g_clear_pointer (&it->args, g_array_unref);
  g_free (it->target);
  g_free (it->value);
  g_clear_object (&it->ann);
  g_clear_object (&it->rel);
  g_free (it);
}

static const char *
skip_spaces (const char *p,
             const char *end)
{
  while (p < end && _gloss_brat_is_space (*p))
    p++;
  return p;
}

/* A token up to white space; NULL at the end. */
static char *
next_token (const char **p,
            const char  *end)
{
  const char *start = skip_spaces (*p, end);
  const char *q = start;

  while (q < end && !_gloss_brat_is_space (*q))
    q++;
  *p = q;
  if (q == start)
    return NULL;
  return g_strndup (start, q - start);
}

static gboolean
parse_uint (const char **p,
            const char  *end,
            guint       *out)
{
  const char *q = *p;
  guint64 v = 0;

  if (q >= end || !g_ascii_isdigit (*q))
    return FALSE;
  while (q < end && g_ascii_isdigit (*q))
    {
      v = v * 10 + (*q - '0');
      if (v > G_MAXUINT)
        return FALSE;
      q++;
    }
  *p = q;
  *out = (guint) v;
  return TRUE;
}

static gboolean
split_arg (const char *token,
           Arg        *arg)
{
  const char *colon = strrchr (token, ':');

  if (colon == NULL || colon == token || colon[1] == '\0')
    return FALSE;
  arg->role = g_strndup (token, colon - token);
  arg->id = g_strdup (colon + 1);
  return TRUE;
}

/* Parses one line into @it; FALSE with a reason in @why. Returns TRUE with
 * it->kind 0 for lines to report as not representable. */
static gboolean
parse_line (const char  *line,
            gsize        len,
            Item        *it,
            char       **why)
{
  const char *end = line + len;
  const char *p = line;
  const char *tab;
  const char *data_end;
  g_autofree char *id = NULL;

  /* ID: up to the first TAB (or white space in space-separated files). */
  while (p < end && !_gloss_brat_is_space (*p))
    p++;
  id = g_strndup (line, p - line);
  if (*id == '\0')
    {
      *why = g_strdup (_("line without an identifier"));
      return FALSE;
    }
  if (p < end && *p == '\t')
    p++;
  else
    {
      p = skip_spaces (p, end);
      it->spaces = TRUE;
    }
  /* DATA ends at the next TAB, TAIL follows. */
  tab = memchr (p, '\t', end - p);
  data_end = tab ? tab : end;

  it->id = g_strdup (id);
  switch (id[0])
    {
    case 'T':
      {
        const char *q = p;

        it->kind = 'T';
        it->type = next_token (&q, data_end);
        it->frags = g_array_new (FALSE, FALSE, sizeof (GlossFragment));
        for (;;)
          {
            GlossFragment f;

            q = skip_spaces (q, data_end);
            if (!parse_uint (&q, data_end, &f.start))
              break;
            q = skip_spaces (q, data_end);
            if (!parse_uint (&q, data_end, &f.end))
              {
                *why = g_strdup (_("a fragment needs a start and an end offset"));
                return FALSE;
              }
            g_array_append_val (it->frags, f);
            q = skip_spaces (q, data_end);
            if (q < data_end && *q == ';')
              {
                q++;
                continue;
              }
            break;
          }
        if (it->type == NULL || it->frags->len == 0)
          {
            *why = g_strdup (_("a text-bound annotation needs “TYPE START END”"));
            return FALSE;
          }
        if (tab != NULL)
          {
            if (skip_spaces (q, data_end) != data_end)
              {
                *why = g_strdup (_("unexpected text after the offsets"));
                return FALSE;
              }
            it->tail = g_strndup (tab + 1, end - tab - 1);
          }
        else
          {
            /* space-separated fields (OpenNLP's fixtures): the rest is the text */
            q = skip_spaces (q, end);
            it->tail = q < end ? g_strndup (q, end - q) : NULL;
          }
        return TRUE;
      }
    case 'R':
    case 'E':
      {
        const char *q = p;
        char *tok;

        it->kind = id[0];
        it->args = g_array_new (FALSE, TRUE, sizeof (Arg));
        g_array_set_clear_func (it->args, (GDestroyNotify) arg_clear);
        tok = next_token (&q, data_end);
        if (tok == NULL)
          {
            *why = g_strdup (_("missing type"));
            return FALSE;
          }
        if (it->kind == 'E')
          {
            Arg a = { 0 };

            if (!split_arg (tok, &a))
              {
                g_free (tok);
                *why = g_strdup (_("an event needs “TYPE:TRIGGER”"));
                return FALSE;
              }
            it->type = a.role;
            it->trigger = a.id;
          }
        else
          it->type = g_strdup (tok);
        g_free (tok);
        while ((tok = next_token (&q, data_end)) != NULL)
          {
            Arg a = { 0 };

            if (!split_arg (tok, &a))
              {
                g_autofree char *quoted = gloss_format_quote (tok, -1);

                *why = g_strdup_printf (_("argument “%s” is not ROLE:ID"), quoted);
                g_free (tok);
                return FALSE;
              }
            g_free (tok);
            g_array_append_val (it->args, a);
          }
        if (it->kind == 'R' && it->args->len != 2)
          {
            *why = g_strdup (_("a relation needs exactly two arguments"));
            return FALSE;
          }
        return TRUE;
      }
    case 'A':
    case 'M':
      {
        const char *q = p;
        const char *rest;

        it->kind = 'A';
        it->type = next_token (&q, data_end);
        it->target = next_token (&q, data_end);
        if (it->type == NULL || it->target == NULL)
          {
            *why = g_strdup (_("an attribute needs “TYPE TARGET [VALUE]”"));
            return FALSE;
          }
        rest = skip_spaces (q, data_end);
        if (rest < data_end)
          {
            const char *e = data_end;
            g_autofree char *raw = NULL;

            while (e > rest && _gloss_brat_is_space (e[-1]))
              e--;
            raw = g_strndup (rest, e - rest);
            it->value = _gloss_brat_decode_value (raw);
          }
        return TRUE;
      }
    case 'N':
      {
        const char *q = p;

        it->kind = 'N';
        it->type = next_token (&q, data_end);
        it->target = next_token (&q, data_end);
        it->value = next_token (&q, data_end);
        if (it->value == NULL || strchr (it->value, ':') == NULL)
          {
            *why = g_strdup (_("a normalisation needs “TYPE TARGET DB:ID”"));
            return FALSE;
          }
        it->tail = tab ? g_strndup (tab + 1, end - tab - 1) : NULL;
        return TRUE;
      }
    case '#':
      {
        const char *q = p;
        const char *text_start = tab;

        it->kind = '#';
        it->type = next_token (&q, data_end);
        it->target = next_token (&q, data_end);
        if (it->type != NULL && it->target == NULL && tab != NULL)
          {
            /* "#1<TAB>AnnotatorNotes<TAB>T1<TAB>text" (not conformant, seen in
             * OpenNLP's fixtures) */
            const char *t2 = tab + 1;
            const char *tab2 = memchr (t2, '\t', end - t2);
            const char *e2 = tab2 ? tab2 : end;

            it->target = next_token (&t2, e2);
            text_start = tab2;
          }
        if (it->type == NULL || it->target == NULL)
          {
            *why = g_strdup (_("a note needs “TYPE TARGET<TAB>TEXT”"));
            return FALSE;
          }
        it->tail = text_start ? g_strndup (text_start + 1, end - text_start - 1) : g_strdup ("");
        return TRUE;
      }
    case '*':
      it->kind = '*';
      it->type = g_strndup (p, end - p);
      return TRUE;
    default:
      break;
    }
  /* Other kinds of identifiers brat knows nothing of: report, don't fail. */
  if (g_ascii_isalpha (id[0]))
    {
      it->kind = 0;
      return TRUE;
    }
  {
    g_autofree char *quoted = gloss_format_quote (id, -1);
    *why = g_strdup_printf (_("“%s” is not a brat identifier"), quoted);
  }
  return FALSE;
}

/* ---- import of one pair */

static char *
strip_digits (const char *role)
{
  char *r = g_strdup (role);
  gsize n = strlen (r);

  while (n > 1 && g_ascii_isdigit (r[n - 1]))
    r[--n] = '\0';
  return r;
}

static char *
fragments_text (const char          *text,
                GlossOffsetMap      *map,
                const GlossFragment *frags,
                guint                n,
                const char          *sep)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *piece = gloss_format_dup_span_text (map, text, frags[i].start,
                                                           frags[i].end);
      if (i > 0)
        g_string_append (out, sep);
      g_string_append (out, piece ? piece : "");
    }
  return g_string_free (out, FALSE);
}

static int
compare_fragments (gconstpointer a,
                   gconstpointer b)
{
  const GlossFragment *fa = a, *fb = b;

  if (fa->start != fb->start)
    return fa->start < fb->start ? -1 : 1;
  return fa->end < fb->end ? -1 : fa->end > fb->end;
}

/* Maps offsets of the raw text (CR LF counted as two) to the text with LF
 * line ends; raw_to_lf[i] for i in 0..raw_chars. */
static guint *
build_crlf_map (const char *raw,
                gsize       raw_len,
                guint      *n_raw_chars)
{
  guint n = g_utf8_strlen (raw, raw_len);
  guint *map = g_new (guint, n + 1);
  guint i = 0, out = 0;

  for (const char *p = raw; p < raw + raw_len; p = g_utf8_next_char (p), i++)
    {
      map[i] = out;
      if (*p == '\r' && p + 1 < raw + raw_len && p[1] == '\n')
        continue;  /* the CR of a CR LF vanishes into the LF */
      out++;
    }
  map[n] = out;
  *n_raw_chars = n;
  return map;
}

static char *
to_lf (const char *raw,
       gsize       len,
       gsize      *out_len)
{
  GString *out = g_string_sized_new (len);

  for (gsize i = 0; i < len; i++)
    {
      if (raw[i] == '\r')
        {
          g_string_append_c (out, '\n');
          if (i + 1 < len && raw[i + 1] == '\n')
            i++;
        }
      else
        g_string_append_c (out, raw[i]);
    }
  *out_len = out->len;
  return g_string_free (out, FALSE);
}

typedef struct
{
  GlossImportReport *report;    /* where problems go: the read's, then the import's */
  gboolean         skip_bad;
  const char      *ann_display;
  GPtrArray       *items;       /* Item */
  GHashTable      *by_id;       /* id -> Item (borrowed) */
  char            *text;        /* LF text */
  gsize            text_len;
  guint            n_chars;
  GlossOffsetMap  *map;
  guint           *crlf_map;    /* raw -> LF code points, when the text has CRs */
  guint            n_raw_chars;
  GlossOffsetMap  *raw_map;     /* over the raw text (the LF map when no CR) */
  guint            shift;       /* 1 when a BOM was dropped */
} Pair;

/* The units offsets may have been counted in. brat counts code points of the
 * text read with universal newlines (CR LF as one); other tools count CR LF
 * as two, or count UTF-16 units or UTF-8 bytes of the file. */
typedef enum
{
  UNIT_CHARS,
  UNIT_RAW_CHARS,
  UNIT_UTF16,
  UNIT_BYTES,
  N_UNITS
} Unit;

static void
pair_clear (Pair *pair)
{
  if (pair->raw_map != NULL && pair->raw_map != pair->map)
    gloss_offset_map_free (pair->raw_map);
  g_clear_pointer (&pair->map, gloss_offset_map_free);
  g_clear_pointer (&pair->text, g_free);
  pair->raw_map = NULL;
}

/* One pair read and not yet written: what the reading thread hands the
 * writer (gloss-format-brat.c). */
struct _GlossBratRead
{
  char              *ann_path;     /* owned; NULL: the text has no .ann */
  char              *txt_path;     /* owned */
  char              *ann_display;  /* owned */
  char              *txt_display;  /* owned */
  GlossImportReport *report;       /* owned: what reading found, in order */
  GError            *error;        /* owned: why reading stopped the import, or NULL */
  gboolean           ok;
  gboolean           complete;     /* read to the end; else a bad record skipped the pair */
  char              *raw;          /* owned: the text as read, when it had CRs */
  guint             *crlf_map;     /* owned */
  Pair               pair;
  GPtrArray         *items;        /* owned: Item */
  GHashTable        *by_id;        /* owned: id -> Item (borrowed) */
  GHashTable        *triggers;     /* owned: ids of event triggers (borrowed) */
  GPtrArray         *relations;    /* owned: GlossRelation of the events' roles */
  char              *name;         /* owned: the document's name */
  char              *meta;         /* owned: its metadata, JSON */
  char              *sha256;       /* owned: the text's digest, for the store */
  guint              n_events;
  guint              n_unordered;
};

static gboolean
bad (Pair     *pair,
     guint     line,
     GError  **error,
     const char *format,
     ...) G_GNUC_PRINTF (4, 5);

static gboolean
bad (Pair        *pair,
     guint        line,
     GError     **error,
     const char  *format,
     ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  return _gloss_import_report_bad_record (pair->report, pair->skip_bad, pair->ann_display, line,
                                          msg, error);
}

static void
warn (Pair       *pair,
      guint       line,
      const char *format,
      ...) G_GNUC_PRINTF (3, 4);

static void
warn (Pair       *pair,
      guint       line,
      const char *format,
      ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  gloss_import_report_add (pair->report, GLOSS_PROBLEM_WARNING, pair->ann_display, line, "%s",
                           msg);
}

static gboolean
bad_in (GlossBratRead  *rd,
        const char     *file,
        guint           line,
        GError        **error,
        const char     *format,
        ...) G_GNUC_PRINTF (5, 6);

/* bad() about another file of the pair (the text) */
static gboolean
bad_in (GlossBratRead  *rd,
        const char     *file,
        guint           line,
        GError        **error,
        const char     *format,
        ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  return _gloss_import_report_bad_record (rd->report, rd->pair.skip_bad, file, line, msg, error);
}

/* Converts the fragments of @it, counted in @unit, into code points of the
 * LF text; FALSE when out of range or inside a character. */
static gboolean
convert_fragments (Pair   *pair,
                   Item   *it,
                   Unit    unit,
                   GArray *out)
{
  /* a dropped BOM was one character, one UTF-16 unit or three bytes */
  guint shift = pair->shift * (unit == UNIT_BYTES ? 3 : 1);

  g_array_set_size (out, 0);
  for (guint i = 0; i < it->frags->len; i++)
    {
      GlossFragment f = g_array_index (it->frags, GlossFragment, i);

      if (f.start > f.end)
        return FALSE;
      if (shift > 0)
        {
          f.start = f.start >= shift ? f.start - shift : 0;
          f.end = f.end >= shift ? f.end - shift : 0;
        }
      switch (unit)
        {
        case UNIT_CHARS:
          if (f.end > pair->n_chars)
            return FALSE;
          break;
        case UNIT_RAW_CHARS:
          if (pair->crlf_map == NULL || f.end > pair->n_raw_chars)
            return FALSE;
          break;
        case UNIT_UTF16:
          if (!gloss_format_span_from_utf16 (pair->raw_map, f.start, f.end, &f))
            return FALSE;
          break;
        case UNIT_BYTES:
          if (!gloss_format_span_from_bytes (pair->raw_map, f.start, f.end, &f))
            return FALSE;
          break;
        case N_UNITS:
        default:
          g_assert_not_reached ();
        }
      if (unit != UNIT_CHARS && pair->crlf_map != NULL)
        {
          f.start = pair->crlf_map[f.start];
          f.end = pair->crlf_map[f.end];
        }
      g_array_append_val (out, f);
    }
  return TRUE;
}

/* Does the written text match the fragments? brat ≥ 1.3 joins fragment
 * texts with one space, older files concatenate them; listed or sorted
 * order. */
static gboolean
tail_matches (Pair          *pair,
              const char    *tail,
              GArray        *listed,
              GArray        *sorted)
{
  GArray *orders[] = { listed, sorted };

  if (tail == NULL)
    return TRUE;
  /* one fragment, nearly every span: its bytes compared where they are */
  if (listed->len == 1)
    {
      GlossFragment f = g_array_index (listed, GlossFragment, 0);
      gsize a, b;

      if (!gloss_format_span_to_bytes (pair->map, &f, &a, &b))
        return *tail == '\0';
      return strlen (tail) == b - a && memcmp (pair->text + a, tail, b - a) == 0;
    }
  for (guint o = 0; o < 2; o++)
    for (guint s = 0; s < 2; s++)
      {
        g_autofree char *t = fragments_text (pair->text, pair->map,
                                             (GlossFragment *) orders[o]->data, orders[o]->len,
                                             s == 0 ? " " : "");
        if (strcmp (t, tail) == 0)
          return TRUE;
      }
  return FALSE;
}

static GlossAnnotation *
annotation_of (Pair       *pair,
               const char *id)
{
  Item *it = g_hash_table_lookup (pair->by_id, id);

  if (it == NULL)
    return NULL;
  if (it->kind == 'E')
    it = g_hash_table_lookup (pair->by_id, it->trigger);
  return it != NULL && it->kind == 'T' ? it->ann : NULL;
}

/* Reads the pair of @r into it: everything short of writing, so that it
 * can run on a thread of its own while the writer writes the pair before.
 * What it finds goes to r->report; FALSE with @error where the import
 * stops; TRUE without r->complete where a bad record skips the pair. */
static gboolean
read_pair (GlossBratRead  *r,
           GError        **error)
{
  GlossImportReport *report = r->report;
  const char *ann_path = r->ann_path;
  const char *txt_path = r->txt_path;
  const char *ann_display = r->ann_display;
  const char *txt_display = r->txt_display;
  GPtrArray *items = r->items;
  GHashTable *by_id = r->by_id;
  GHashTable *triggers = r->triggers;
  GPtrArray *relations = r->relations;
  Pair *pair = &r->pair;
  g_autofree char *ann_data = NULL;
  g_autoptr(GArray) frags = g_array_new (FALSE, FALSE, sizeof (GlossFragment));
  g_autoptr(GArray) sorted = g_array_new (FALSE, FALSE, sizeof (GlossFragment));
  g_autoptr(GError) local = NULL;
  GlossLineReader reader;
  const char *line;
  gsize raw_len = 0, ann_len = 0, len;
  Unit unit = UNIT_CHARS;
  gboolean has_cr;
  const char *nul;

  /* the text */
  if (!g_file_test (txt_path, G_FILE_TEST_IS_REGULAR))
    return bad (pair, 0, error, _("no text file “%s” beside it"), txt_display);
  if (!gloss_format_read_document (txt_path, &r->raw, &raw_len, &local))
    return bad_in (r, txt_display, 0, error, "%s", local->message);
  if (raw_len >= 3 && memcmp (r->raw, "\xef\xbb\xbf", 3) == 0)
    {
      memmove (r->raw, r->raw + 3, raw_len - 3 + 1);
      raw_len -= 3;
      pair->shift = 1; /* Python keeps the BOM as a character: offsets count it */
    }
  if ((nul = memchr (r->raw, '\0', raw_len)) != NULL)
    return bad_in (r, txt_display, 0, error,
                   _("NUL bytes at byte %" G_GSIZE_FORMAT ": binary file?"),
                   (gsize) (nul - r->raw));
  {
    gsize byte;
    guint bad_line;

    if (!gloss_format_utf8_check (r->raw, raw_len, &byte, &bad_line))
      return bad_in (r, txt_display, bad_line, error,
                     _("invalid UTF-8 at byte %" G_GSIZE_FORMAT " (line %u)"), byte, bad_line);
  }
  if (raw_len == 0)
    return bad_in (r, txt_display, 0, error, _("empty text file"));

  /* the annotations */
  if (ann_path == NULL)
    ann_data = g_strdup ("");
  else if (!gloss_format_read_file (ann_path, &ann_data, &ann_len, &local))
    return bad_in (r, ann_display, 0, error, "%s", local->message);
  {
    gsize byte;
    guint bad_line;

    if (!gloss_format_utf8_check (ann_data, ann_len, &byte, &bad_line))
      return bad (pair, bad_line, error,
                  _("invalid UTF-8 at byte %" G_GSIZE_FORMAT " (line %u)"), byte, bad_line);
    if ((nul = memchr (ann_data, '\0', ann_len)) != NULL)
      return bad (pair, 0, error, _("NUL bytes at byte %" G_GSIZE_FORMAT ": binary file?"),
                  (gsize) (nul - ann_data));
  }

  gloss_line_reader_init (&reader, ann_data, ann_len);
  while (gloss_line_reader_next (&reader, &line, &len, NULL, NULL))
    {
      Item *it;
      g_autofree char *why = NULL;

      if (len == 0 || (len > 0 && strspn (line, " \t") >= len))
        continue;
      it = g_new0 (Item, 1);
      it->line = reader.line;
      if (!parse_line (line, len, it, &why))
        {
          item_free (it);
          if (!bad (pair, reader.line, error, "%s", why))
            return FALSE;
          continue;
        }
      if (it->kind == 0 || it->kind == '*')
        {
          g_autofree char *copy = gloss_format_quote (line, len);
          for (char *c = copy; *c; c++)
            if (*c == '\t')
              *c = ' ';
          if (it->kind == '*')
            warn (pair, reader.line, _("“%s”: equivalence sets cannot be represented; "
                                        "not imported"), copy);
          else
            warn (pair, reader.line, _("“%s”: this kind of line cannot be represented; "
                                        "not imported"), copy);
          item_free (it);
          continue;
        }
      if (g_hash_table_contains (by_id, it->id))
        {
          g_autofree char *quoted = gloss_format_quote (it->id, -1);
          gboolean go_on = bad (pair, reader.line, error, _("duplicate identifier “%s”"),
                                quoted);
          item_free (it);
          if (!go_on)
            return FALSE;
          continue;
        }
      if ((it->kind == 'T' || it->kind == 'E' || it->kind == 'R' || it->kind == 'A')
          && !_gloss_schema_name_is_valid (it->type))
        {
          g_autofree char *quoted = gloss_format_quote (it->type, -1);
          gboolean go_on = bad (pair, reader.line, error, _("“%s” cannot be a type name"),
                                quoted);
          item_free (it);
          if (!go_on)
            return FALSE;
          continue;
        }
      g_hash_table_insert (by_id, it->id, it);
      g_ptr_array_add (items, it);
    }

  /* The unit of the offsets: code points as brat counts them, unless the
   * written texts say otherwise (CR LF counted as two characters, UTF-16
   * units, UTF-8 bytes). */
  has_cr = memchr (r->raw, '\r', raw_len) != NULL;
  if (has_cr)
    {
      pair->text = to_lf (r->raw, raw_len, &pair->text_len);
      r->crlf_map = build_crlf_map (r->raw, raw_len, &pair->n_raw_chars);
      pair->crlf_map = r->crlf_map;
    }
  else
    {
      pair->text = g_steal_pointer (&r->raw);
      pair->text_len = raw_len;
    }
  pair->map = gloss_offset_map_new (pair->text, pair->text_len);
  pair->n_chars = gloss_offset_map_get_n_chars (pair->map);
  pair->raw_map = has_cr ? gloss_offset_map_new (r->raw, raw_len) : pair->map;
  {
    guint votes[N_UNITS] = { 0 };
    guint n_tails = 0;
    gboolean ascii = gloss_offset_map_get_n_bytes (pair->raw_map)
                     == gloss_offset_map_get_n_chars (pair->raw_map);

    for (guint u = 0; u < N_UNITS; u++)
      {
        if ((u == UNIT_RAW_CHARS && !has_cr) || ((u == UNIT_UTF16 || u == UNIT_BYTES) && ascii))
          continue;
        for (guint i = 0; i < items->len; i++)
          {
            Item *it = g_ptr_array_index (items, i);

            if (it->kind != 'T' || it->tail == NULL)
              continue;
            if (u == UNIT_CHARS)
              n_tails++;
            if (convert_fragments (pair, it, u, frags))
              {
                g_array_set_size (sorted, 0);
                g_array_append_vals (sorted, frags->data, frags->len);
                g_array_sort (sorted, compare_fragments);
                if (tail_matches (pair, it->tail, frags, sorted))
                  votes[u]++;
              }
          }
        if (u == UNIT_CHARS && votes[u] == n_tails && !has_cr)
          break;  /* the usual case: every written text matches */
        if (votes[u] > votes[unit])
          unit = u;
      }
    if (has_cr && unit == UNIT_CHARS)
      gloss_import_report_add (report, GLOSS_PROBLEM_NOTE, txt_display, 0,
                               _("CR LF line ends converted to LF; the offsets counted CR LF "
                                 "as one character, as brat does (%u of %u written texts "
                                 "matched that way)"), votes[unit], n_tails);
    else if (unit == UNIT_RAW_CHARS)
      gloss_import_report_add (report, GLOSS_PROBLEM_NOTE, txt_display, 0,
                               _("CR LF line ends converted to LF; the offsets counted CR LF "
                                 "as two characters (%u of %u written texts matched that "
                                 "way, %u as brat counts)"),
                               votes[unit], n_tails, votes[UNIT_CHARS]);
    else if (unit != UNIT_CHARS)
      gloss_import_report_add (report, GLOSS_PROBLEM_WARNING, ann_display, 0,
                               _("the offsets count %s, not characters as brat does: %u of %u "
                                 "written texts matched that way, %u as characters"),
                               unit == UNIT_UTF16 ? _("UTF-16 units") : _("UTF-8 bytes"),
                               votes[unit], n_tails, votes[UNIT_CHARS]);
  }

  /* text-bound annotations */
  for (guint i = 0; i < items->len; i++)
    {
      Item *it = g_ptr_array_index (items, i);
      g_autofree char *q_id = NULL;
      guint kept = 0;

      if (it->kind == 'E')
        g_hash_table_add (triggers, it->trigger);
      if (it->kind != 'T')
        continue;
      q_id = gloss_format_quote (it->id, -1);
      if (!convert_fragments (pair, it, unit, frags))
        {
          if (!bad (pair, it->line, error,
                    _("%s: offsets past the end of the text (%u characters) or start after end"),
                    q_id, unit == UNIT_RAW_CHARS ? pair->n_raw_chars : pair->n_chars))
            return FALSE;
          it->dropped = TRUE;
          continue;
        }
      g_array_set_size (sorted, 0);
      g_array_append_vals (sorted, frags->data, frags->len);
      g_array_sort (sorted, compare_fragments);
      if (!tail_matches (pair, it->tail, frags, sorted))
        {
          g_autofree char *actual = fragments_text (pair->text, pair->map,
                                                    (GlossFragment *) frags->data, frags->len,
                                                    " ");
          g_autofree char *q_tail = gloss_format_quote (it->tail, -1);
          g_autofree char *q_actual = gloss_format_quote (actual, -1);

          warn (pair, it->line, _("%s: the text written “%s” differs from the text at its "
                                   "offsets “%s”; the offsets were kept"),
                q_id, q_tail, q_actual);
        }
      /* overlapping fragments are an error; empty ones vanish */
      for (guint j = 0; j < sorted->len; j++)
        {
          GlossFragment *f = &g_array_index (sorted, GlossFragment, j);

          if (kept > 0 && f->start < g_array_index (sorted, GlossFragment, kept - 1).end)
            break;
          if (f->start < f->end)
            g_array_index (sorted, GlossFragment, kept++) = *f;
        }
      if (kept < sorted->len)
        {
          gboolean overlap = FALSE;

          for (guint j = 1; j < sorted->len; j++)
            if (g_array_index (sorted, GlossFragment, j).start
                < g_array_index (sorted, GlossFragment, j - 1).end)
              overlap = TRUE;
          if (overlap)
            {
              if (!bad (pair, it->line, error, _("%s: fragments overlap"), q_id))
                return FALSE;
              it->dropped = TRUE;
              continue;
            }
          if (kept == 0)
            {
              warn (pair, it->line, _("%s: an empty span cannot be represented; not imported"),
                    q_id);
              it->dropped = TRUE;
              continue;
            }
          warn (pair, it->line, _("%s: empty fragments dropped"), q_id);
        }
      it->ann = gloss_annotation_new (it->type, (GlossFragment *) sorted->data, kept, NULL);
      if (memcmp (frags->data, sorted->data, frags->len * sizeof (GlossFragment)) != 0)
        r->n_unordered++;
    }

  /* events: their trigger span plus one relation per role */
  for (guint i = 0; i < items->len; i++)
    {
      Item *it = g_ptr_array_index (items, i);
      Item *trigger;
      g_autofree char *q_id = NULL;
      g_autofree char *q_trigger = NULL;

      if (it->kind != 'E')
        continue;
      q_id = gloss_format_quote (it->id, -1);
      q_trigger = gloss_format_quote (it->trigger, -1);
      trigger = g_hash_table_lookup (by_id, it->trigger);
      if (trigger == NULL || trigger->kind != 'T')
        {
          if (!bad (pair, it->line, error,
                    _("%s: the trigger “%s” is not a text-bound annotation of this file"), q_id,
                    q_trigger))
            return FALSE;
          it->dropped = TRUE;
          continue;
        }
      if (trigger->dropped)
        {
          warn (pair, it->line, _("%s: its trigger %s was not imported, so neither is the event"),
                q_id, q_trigger);
          it->dropped = TRUE;
          continue;
        }
      r->n_events++;
      if (strcmp (it->type, trigger->type) != 0)
        {
          g_autofree char *q_type = gloss_format_quote (it->type, -1);
          g_autofree char *q_trigger_type = gloss_format_quote (trigger->type, -1);

          warn (pair, it->line,
                _("%s: the event type “%s” differs from its trigger’s type “%s”; the trigger "
                  "keeps “%s”"),
                q_id, q_type, q_trigger_type, q_trigger_type);
        }
    }
  {
    g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

    for (guint i = 0; i < items->len; i++)
      {
        Item *it = g_ptr_array_index (items, i);

        if (it->kind != 'E' || it->dropped)
          continue;
        if (g_hash_table_contains (seen, it->trigger))
          {
            g_autofree char *q_id = gloss_format_quote (it->id, -1);
            g_autofree char *q_trigger = gloss_format_quote (it->trigger, -1);

            warn (pair, it->line, _("%s: shares its trigger %s with another event; their "
                                     "roles, attributes and notes merge on that span"),
                  q_id, q_trigger);
          }
        g_hash_table_add (seen, it->trigger);
      }
  }
  for (guint i = 0; i < items->len; i++)
    {
      Item *it = g_ptr_array_index (items, i);
      GlossAnnotation *src;

      if (it->kind != 'E' || it->dropped)
        continue;
      src = annotation_of (pair, it->id);
      for (guint j = 0; j < it->args->len; j++)
        {
          Arg *a = &g_array_index (it->args, Arg, j);
          GlossAnnotation *dst = annotation_of (pair, a->id);
          Item *target = g_hash_table_lookup (by_id, a->id);
          g_autofree char *role = strip_digits (a->role);
          g_autofree char *q_id = gloss_format_quote (it->id, -1);
          g_autofree char *q_role = gloss_format_quote (a->role, -1);
          g_autofree char *q_arg = gloss_format_quote (a->id, -1);

          if (target == NULL || (target->kind != 'T' && target->kind != 'E'))
            {
              if (!bad (pair, it->line, error, _("%s: argument %s:%s names no annotation"),
                        q_id, q_role, q_arg))
                return FALSE;
              continue;
            }
          if (dst == NULL)
            {
              warn (pair, it->line, _("%s: argument %s:%s was not imported"), q_id, q_role,
                    q_arg);
              continue;
            }
          if (!_gloss_schema_name_is_valid (role))
            {
              if (!bad (pair, it->line, error, _("“%s” cannot be a role name"), q_role))
                return FALSE;
              continue;
            }
          g_ptr_array_add (relations, gloss_relation_new (role, gloss_annotation_get_uuid (src),
                                                          gloss_annotation_get_uuid (dst), NULL));
        }
    }

  /* relations */
  for (guint i = 0; i < items->len; i++)
    {
      Item *it = g_ptr_array_index (items, i);
      Arg *a1, *a2;
      GlossAnnotation *src, *dst;
      g_autofree char *q_id = NULL;
      g_autofree char *q_role1 = NULL;
      g_autofree char *q_role2 = NULL;

      if (it->kind != 'R')
        continue;
      a1 = &g_array_index (it->args, Arg, 0);
      a2 = &g_array_index (it->args, Arg, 1);
      q_id = gloss_format_quote (it->id, -1);
      q_role1 = gloss_format_quote (a1->role, -1);
      q_role2 = gloss_format_quote (a2->role, -1);
      if (strcmp (a1->role, a2->role) == 0)
        {
          if (!bad (pair, it->line, error, _("%s: both arguments have the role “%s”"), q_id,
                    q_role1))
            return FALSE;
          it->dropped = TRUE;
          continue;
        }
      for (guint j = 0; j < 2; j++)
        {
          Item *t = g_hash_table_lookup (by_id, j == 0 ? a1->id : a2->id);
          if (t == NULL || (t->kind != 'T' && t->kind != 'E'))
            {
              g_autofree char *q_arg = gloss_format_quote (j == 0 ? a1->id : a2->id, -1);

              if (!bad (pair, it->line, error, _("%s: argument %s names no annotation"), q_id,
                        q_arg))
                return FALSE;
              it->dropped = TRUE;
            }
        }
      if (it->dropped)
        continue;
      src = annotation_of (pair, a1->id);
      dst = annotation_of (pair, a2->id);
      if (src == NULL || dst == NULL)
        {
          warn (pair, it->line, _("%s: an argument was not imported, so neither is the "
                                   "relation"), q_id);
          it->dropped = TRUE;
          continue;
        }
      if (!(strcmp (a1->role, "Arg1") == 0 && strcmp (a2->role, "Arg2") == 0))
        warn (pair, it->line, _("%s: the roles “%s” and “%s” become source and target"),
              q_id, q_role1, q_role2);
      it->rel = gloss_relation_new (it->type, gloss_annotation_get_uuid (src),
                                    gloss_annotation_get_uuid (dst), NULL);
    }

  /* attributes, normalisations, notes */
  for (guint i = 0; i < items->len; i++)
    {
      Item *it = g_ptr_array_index (items, i);
      Item *target;
      GlossAnnotation *ann = NULL;
      GlossRelation *rel = NULL;
      g_autofree char *q_id = NULL;
      g_autofree char *q_target = NULL;
      g_autofree char *q_type = NULL;

      if (it->kind != 'A' && it->kind != 'N' && it->kind != '#')
        continue;
      q_id = gloss_format_quote (it->id, -1);
      q_target = gloss_format_quote (it->target, -1);
      q_type = gloss_format_quote (it->type, -1);
      target = g_hash_table_lookup (by_id, it->target);
      if (target == NULL || (target->kind != 'T' && target->kind != 'E' && target->kind != 'R'))
        {
          if (!bad (pair, it->line, error, _("%s: the target “%s” names no annotation"), q_id,
                    q_target))
            return FALSE;
          continue;
        }
      if (target->kind == 'R')
        rel = target->rel;
      else
        ann = annotation_of (pair, it->target);
      if (ann == NULL && rel == NULL)
        {
          warn (pair, it->line, _("%s: its target %s was not imported"), q_id, q_target);
          continue;
        }
      if (it->kind == 'A')
        {
          g_autoptr(GVariant) v = g_variant_ref_sink (it->value ? g_variant_new_string (it->value)
                                                                : g_variant_new_boolean (TRUE));
          GVariant *old = ann ? gloss_annotation_get_attribute (ann, it->type)
                              : gloss_relation_get_attribute (rel, it->type);

          if (old != NULL && !g_variant_equal (old, v))
            {
              warn (pair, it->line,
                    _("%s: %s already has a value for “%s”; this one was not imported"), q_id,
                    q_target, q_type);
              continue;
            }
          if (ann)
            gloss_annotation_set_attribute (ann, it->type, v);
          else
            gloss_relation_set_attribute (rel, it->type, v);
        }
      else if (it->kind == 'N')
        {
          if (rel != NULL)
            {
              warn (pair, it->line, _("%s: a normalisation of a relation cannot be "
                                       "represented; not imported"), q_id);
              continue;
            }
          if (gloss_annotation_get_norm_id (ann) != NULL
              && *gloss_annotation_get_norm_id (ann) != '\0')
            {
              warn (pair, it->line, _("%s: %s already has a normalisation; this one was not "
                                       "imported"), q_id, q_target);
              continue;
            }
          if (strcmp (it->type, "Reference") != 0)
            warn (pair, it->line, _("%s: the normalisation type “%s” is read as “Reference”"),
                  q_id, q_type);
          gloss_annotation_set_normalisation (ann, it->value, it->tail ? it->tail : "");
        }
      else
        {
          if (rel != NULL)
            {
              GVariant *old = gloss_relation_get_attribute (rel, RELATION_NOTE_ATTR);

              if (old != NULL)
                {
                  warn (pair, it->line, _("%s: %s already has a note; this one was not "
                                           "imported"), q_id, q_target);
                  continue;
                }
              if (strcmp (it->type, DEFAULT_NOTE_TYPE) != 0)
                warn (pair, it->line, _("%s: the note type “%s” of a relation is read as “%s”"),
                      q_id, q_type, DEFAULT_NOTE_TYPE);
              gloss_relation_set_attribute (rel, RELATION_NOTE_ATTR,
                                            g_variant_new_string (it->tail));
              continue;
            }
          if (gloss_annotation_get_note (ann) != NULL && *gloss_annotation_get_note (ann) != '\0')
            {
              warn (pair, it->line, _("%s: %s already has a note; this one was not imported"),
                    q_id, q_target);
              continue;
            }
          gloss_annotation_set_note (ann, it->tail);
          if (strcmp (it->type, DEFAULT_NOTE_TYPE) != 0
              && _gloss_schema_name_is_valid (it->type))
            gloss_annotation_set_attribute (ann, NOTE_TYPE_ATTR, g_variant_new_string (it->type));
        }
    }

  /* its name, where it came from, and its digest, here rather than on the
   * writer's thread */
  r->name = gloss_format_name_from_path (txt_path);
  r->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) pair->text,
                                           pair->text_len);
  {
    g_autoptr(JsonBuilder) builder = json_builder_new ();
    g_autoptr(JsonNode) root = NULL;
    g_autofree char *base = g_path_get_basename (txt_path);
    g_autofree char *base_display = g_filename_display_name (base);
    g_autoptr(GFile) file = g_file_new_for_path (txt_path);
    g_autofree char *abs = g_file_get_path (file);
    g_autofree char *abs_display = g_filename_display_name (abs ? abs : txt_path);

    json_builder_begin_object (builder);
    json_builder_set_member_name (builder, "filename");
    json_builder_add_string_value (builder, base_display);
    json_builder_set_member_name (builder, "format");
    json_builder_add_string_value (builder, "brat");
    json_builder_set_member_name (builder, "source");
    json_builder_add_string_value (builder, abs_display);
    json_builder_end_object (builder);
    root = json_builder_get_root (builder);
    r->meta = json_to_string (root, FALSE);
  }
  r->complete = TRUE;
  return TRUE;
}

/* Writes what read_pair() read into @rd: the document, its annotations,
 * then its relations. On the import's thread, after what reading found
 * went into the import's report. */
static gboolean
write_pair (GlossBratImport  *bi,
            GlossBratRead    *rd,
            GError          **error)
{
  GlossImportContext *ctx = bi->ctx;
  GlossImportReport *report = gloss_import_context_get_report (ctx);
  const char *ann_display = rd->ann_display;
  const char *txt_display = rd->txt_display;
  GPtrArray *items = rd->items;
  GHashTable *triggers = rd->triggers;
  GPtrArray *relations = rd->relations;
  Pair *pair = &rd->pair;
  g_autoptr(GError) local = NULL;
  guint n_spaces = 0;
  gint64 doc_id;

  /* what goes wrong from here on is the import's to report */
  pair->report = report;

  /* write: the document, its annotations, then the relations */
  doc_id = _gloss_import_context_add_counted_document (ctx, rd->name, pair->text, pair->text_len,
                                                       pair->n_chars, rd->sha256, rd->meta, error);
  if (doc_id == 0)
    {
      g_prefix_error (error, "%s: ", txt_display);
      return FALSE;
    }
  for (guint i = 0; i < items->len; i++)
    {
      Item *it = g_ptr_array_index (items, i);

      if (it->kind != 'T' || it->ann == NULL)
        continue;
      gloss_import_context_ensure_label (ctx, it->type,
                                         g_hash_table_contains (triggers, it->id) ? "event"
                                                                                  : "entity");
      if (gloss_annotation_get_attribute (it->ann, NOTE_TYPE_ATTR) != NULL)
        gloss_import_context_ensure_attribute (ctx, it->type, NOTE_TYPE_ATTR,
                                               gloss_annotation_get_attribute (it->ann,
                                                                               NOTE_TYPE_ATTR));
      /* the item's own: nothing reads it after this */
      if (!_gloss_import_context_take_annotation (ctx, doc_id, g_steal_pointer (&it->ann),
                                                  &local))
        {
          g_autofree char *q_id = gloss_format_quote (it->id, -1);

          if (!bad (pair, it->line, error, "%s: %s", q_id, local->message))
            return FALSE;
          g_clear_error (&local);
          /* a skipped annotation (it->ann went with it): relations to it
           * must go too */
        }
    }
  for (guint i = 0; i < items->len; i++)
    {
      Item *it = g_ptr_array_index (items, i);

      if (it->kind == 'R' && it->rel != NULL)
        g_ptr_array_add (relations, g_object_ref (it->rel));
    }
  for (guint i = 0; i < relations->len; i++)
    {
      GlossRelation *r = g_ptr_array_index (relations, i);
      GVariant *note = gloss_relation_get_attribute (r, RELATION_NOTE_ATTR);

      if (note != NULL)
        {
          GlossRelationType *t =
            gloss_import_context_ensure_relation_type (ctx, gloss_relation_get_relation_type (r));

          if (t != NULL && gloss_relation_type_lookup_attribute (t, RELATION_NOTE_ATTR) == NULL)
            {
              GPtrArray *defs;

              /* declared through the context, so that the schema is saved,
               * then turned from an enum into free text */
              gloss_import_context_ensure_relation_attribute (ctx,
                                                              gloss_relation_get_relation_type (r),
                                                              RELATION_NOTE_ATTR, note);
              defs = gloss_relation_type_get_attributes (t);
              for (guint j = 0; defs != NULL && j < defs->len; j++)
                if (strcmp (gloss_attr_def_get_name (g_ptr_array_index (defs, j)),
                            RELATION_NOTE_ATTR) == 0)
                  {
                    gloss_attr_def_unref (g_ptr_array_index (defs, j));
                    defs->pdata[j] = gloss_attr_def_new (RELATION_NOTE_ATTR, GLOSS_ATTR_TYPE_TEXT,
                                                         NULL, NULL);
                  }
            }
        }
      if (!gloss_import_context_add_relation (ctx, doc_id, r, &local))
        {
          if (!bad (pair, 0, error, "%s", local->message))
            return FALSE;
          g_clear_error (&local);
        }
    }
  for (guint i = 0; i < items->len; i++)
    if (((Item *) g_ptr_array_index (items, i))->spaces)
      n_spaces++;
  if (n_spaces > 0)
    gloss_import_report_add (report, GLOSS_PROBLEM_NOTE, ann_display, 0,
                             ngettext ("%u line separates its fields with spaces instead of "
                                       "TABs (accepted)",
                                       "%u lines separate their fields with spaces instead of "
                                       "TABs (accepted)", n_spaces), n_spaces);
  if (rd->n_unordered > 0)
    gloss_import_report_add (report, GLOSS_PROBLEM_NOTE, ann_display, 0,
                             ngettext ("%u span lists its fragments out of order (sorted)",
                                       "%u spans list their fragments out of order (sorted)",
                                       rd->n_unordered),
                             rd->n_unordered);
  if (rd->n_events > 0)
    gloss_import_report_add (report, GLOSS_PROBLEM_NOTE, ann_display, 0,
                             ngettext ("%u event became its trigger span plus one relation per "
                                       "role",
                                       "%u events became their trigger spans plus one relation "
                                       "per role",
                                       rd->n_events),
                             rd->n_events);
  return TRUE;
}

GlossBratRead *
_gloss_brat_read (const char *ann_path,
                  const char *txt_path,
                  gboolean    skip_bad)
{
  GlossBratRead *rd = g_new0 (GlossBratRead, 1);

  rd->ann_path = g_strdup (ann_path);
  rd->txt_path = g_strdup (txt_path);
  rd->ann_display = g_filename_display_name (ann_path ? ann_path : txt_path);
  rd->txt_display = g_filename_display_name (txt_path);
  rd->report = gloss_import_report_new ();
  rd->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  rd->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  rd->triggers = g_hash_table_new (g_str_hash, g_str_equal);
  rd->relations = g_ptr_array_new_with_free_func (g_object_unref);
  rd->pair.report = rd->report;
  rd->pair.skip_bad = skip_bad;
  rd->pair.ann_display = rd->ann_display;
  rd->pair.items = rd->items;
  rd->pair.by_id = rd->by_id;
  rd->ok = read_pair (rd, &rd->error);
  return rd;
}

void
_gloss_brat_read_free (GlossBratRead *rd)
{
  if (rd == NULL)
    return;
  pair_clear (&rd->pair);
  g_ptr_array_unref (rd->relations);
  g_hash_table_unref (rd->triggers);
  g_hash_table_unref (rd->by_id);
  g_ptr_array_unref (rd->items);
  gloss_import_report_free (rd->report);
  g_clear_error (&rd->error);
  g_free (rd->crlf_map);
  g_free (rd->raw);
  g_free (rd->name);
  g_free (rd->meta);
  g_free (rd->sha256);
  g_free (rd->txt_display);
  g_free (rd->ann_display);
  g_free (rd->txt_path);
  g_free (rd->ann_path);
  g_free (rd);
}

gboolean
_gloss_brat_read_failed (GlossBratRead *rd)
{
  return !rd->ok;
}

gboolean
_gloss_brat_write (GlossBratImport  *bi,
                   GlossBratRead    *rd,
                   GError          **error)
{
  GPtrArray *problems = gloss_import_context_get_report (bi->ctx)->problems;
  gsize n_found = 0;
  g_autofree gpointer *found = g_ptr_array_steal (rd->report->problems, &n_found);

  /* what reading found comes first in the report, as it was found */
  for (gsize i = 0; i < n_found; i++)
    g_ptr_array_add (problems, found[i]);
  if (!rd->ok)
    {
      g_propagate_error (error, g_steal_pointer (&rd->error));
      return FALSE;
    }
  return !rd->complete || write_pair (bi, rd, error);
}

gboolean
_gloss_brat_import_pair (GlossBratImport  *bi,
                         const char       *ann_path,
                         const char       *txt_path,
                         GError          **error)
{
  const GlossImportOptions *options = gloss_import_context_get_options (bi->ctx);
  GlossBratRead *rd = _gloss_brat_read (ann_path, txt_path, options->skip_bad);
  gboolean ok = _gloss_brat_write (bi, rd, error);

  _gloss_brat_read_free (rd);
  return ok;
}

/* ---- export of one document */

static char *
one_line (const char *s)
{
  char *copy = g_strdup (s ? s : "");

  for (char *p = copy; *p; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';
  return copy;
}

static void
append_attribute_lines (GString    *ann,
                        guint      *next_a,
                        const char *id,
                        GHashTable *attrs,
                        const char *skip)
{
  g_autofree const char **names = NULL;
  guint n;

  if (attrs == NULL)
    return;
  names = (const char **) g_hash_table_get_keys_as_array (attrs, &n);
  g_qsort_with_data (names, n, sizeof (char *), (GCompareDataFunc) g_strcmp0, NULL);
  for (guint i = 0; i < n; i++)
    {
      GVariant *v = g_hash_table_lookup (attrs, names[i]);

      if (g_strcmp0 (names[i], skip) == 0)
        continue;
      if (g_variant_is_of_type (v, G_VARIANT_TYPE_BOOLEAN))
        {
          if (g_variant_get_boolean (v))
            g_string_append_printf (ann, "A%u\t%s %s\n", (*next_a)++, names[i], id);
        }
      else if (g_variant_is_of_type (v, G_VARIANT_TYPE_STRING))
        {
          g_autofree char *value = _gloss_brat_encode_value (g_variant_get_string (v, NULL));
          g_string_append_printf (ann, "A%u\t%s %s %s\n", (*next_a)++, names[i], id, value);
        }
    }
}

/* The text with LF line ends and the code point map old -> new, or NULL
 * when the text has no CR. */
static guint *
lf_map (const char  *text,
        char       **lf_text)
{
  gsize len = strlen (text);
  guint n_raw;

  if (memchr (text, '\r', len) == NULL)
    return NULL;
  *lf_text = to_lf (text, len, &len);
  return build_crlf_map (text, strlen (text), &n_raw);
}

/* Deterministic order (the store's ties fall back on random uuids): by
 * span, label, fragments, then uuid. */
static int
compare_annotations (gconstpointer pa,
                     gconstpointer pb)
{
  GlossAnnotation *a = *(GlossAnnotation **) pa;
  GlossAnnotation *b = *(GlossAnnotation **) pb;
  const GlossFragment *fa, *fb;
  guint na, nb;
  int c;

  if (gloss_annotation_get_start (a) != gloss_annotation_get_start (b))
    return gloss_annotation_get_start (a) < gloss_annotation_get_start (b) ? -1 : 1;
  if (gloss_annotation_get_end (a) != gloss_annotation_get_end (b))
    return gloss_annotation_get_end (a) < gloss_annotation_get_end (b) ? -1 : 1;
  if ((c = strcmp (gloss_annotation_get_label (a), gloss_annotation_get_label (b))) != 0)
    return c;
  fa = gloss_annotation_get_fragments (a, &na);
  fb = gloss_annotation_get_fragments (b, &nb);
  for (guint i = 0; i < na && i < nb; i++)
    if ((c = compare_fragments (&fa[i], &fb[i])) != 0)
      return c;
  if (na != nb)
    return na < nb ? -1 : 1;
  return strcmp (gloss_annotation_get_uuid (a), gloss_annotation_get_uuid (b));
}

typedef struct
{
  GlossRelation *rel;
  guint          source;   /* T number */
  guint          target;
} RelSort;

static int
compare_relsort (gconstpointer pa,
                 gconstpointer pb)
{
  const RelSort *a = pa, *b = pb;
  int c;

  if (a->source != b->source)
    return a->source < b->source ? -1 : 1;
  if (a->target != b->target)
    return a->target < b->target ? -1 : 1;
  if ((c = strcmp (gloss_relation_get_relation_type (a->rel),
                   gloss_relation_get_relation_type (b->rel))) != 0)
    return c;
  return strcmp (gloss_relation_get_uuid (a->rel), gloss_relation_get_uuid (b->rel));
}

gboolean
_gloss_brat_export_document (GlossExportContext  *ctx,
                             GlossDocument       *doc,
                             const char          *dir,
                             const char          *base,
                             GCancellable        *cancellable,
                             GError             **error)
{
  const char *orig_text = gloss_document_get_text (doc);
  g_autofree char *lf_text = NULL;
  guint *map;  /* code points of orig_text -> lf_text, or NULL; freed after the T lines */
  const char *text;
  g_autoptr(GlossOffsetMap) omap = NULL;
  g_autoptr(GPtrArray) anns = NULL;
  g_autoptr(GPtrArray) rels = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *txt_name = g_strconcat (base, ".txt", NULL);
  g_autofree char *ann_name = g_strconcat (base, ".ann", NULL);
  g_autoptr(GPtrArray) rel_ids = NULL;
  guint next_t = 1, next_r = 1, next_a = 1, next_n = 1, next_note = 1;

  if (orig_text == NULL)
    return gloss_document_load_text (doc, error);
  anns = gloss_export_context_dup_annotations (ctx, doc, error);
  if (anns == NULL)
    return FALSE;
  g_ptr_array_sort (anns, compare_annotations);
  rels = gloss_export_context_dup_relations (ctx, doc, anns, error);
  if (rels == NULL)
    return FALSE;
  map = lf_map (orig_text, &lf_text);
  text = lf_text ? lf_text : orig_text;
  omap = gloss_offset_map_new (text, -1);

  /* T lines; a span over a line break becomes one fragment per line, as
   * brat does (a line of .ann cannot hold a line break) */
  for (guint i = 0; i < anns->len; i++)
    {
      GlossAnnotation *a = g_ptr_array_index (anns, i);
      g_autoptr(GArray) frags = g_array_new (FALSE, FALSE, sizeof (GlossFragment));
      g_autoptr(GString) offsets = g_string_new (NULL);
      g_autofree char *covered = NULL;
      const GlossFragment *f;
      guint n;

      f = gloss_annotation_get_fragments (a, &n);
      for (guint j = 0; j < n; j++)
        {
          guint start = map ? map[f[j].start] : f[j].start;
          guint end = map ? map[f[j].end] : f[j].end;
          gsize bs, be;
          GlossFragment frag = { start, end };
          guint piece_start = start;
          const char *p;

          if (!gloss_format_span_to_bytes (omap, &frag, &bs, &be))
            continue;
          p = text + bs;
          for (guint c = start; c < end; c++, p = g_utf8_next_char (p))
            if (*p == '\n')
              {
                if (c > piece_start)
                  g_array_append_val (frags, ((GlossFragment) { piece_start, c }));
                piece_start = c + 1;
              }
          if (end > piece_start)
            g_array_append_val (frags, ((GlossFragment) { piece_start, end }));
        }
      if (frags->len == 0)
        continue;
      for (guint j = 0; j < frags->len; j++)
        g_string_append_printf (offsets, "%s%u %u", j > 0 ? ";" : "",
                                g_array_index (frags, GlossFragment, j).start,
                                g_array_index (frags, GlossFragment, j).end);
      covered = fragments_text (text, omap, (GlossFragment *) frags->data, frags->len, " ");
      g_hash_table_insert (ids, (gpointer) gloss_annotation_get_uuid (a),
                           g_strdup_printf ("T%u", next_t));
      g_string_append_printf (out, "T%u\t%s %s\t%s\n", next_t, gloss_annotation_get_label (a),
                              offsets->str, covered);
      next_t++;
    }
  g_free (map);
  /* relations in the order of their ends' T numbers */
  {
    g_autoptr(GArray) order = g_array_sized_new (FALSE, FALSE, sizeof (RelSort), rels->len);

    for (guint i = 0; i < rels->len; i++)
      {
        GlossRelation *r = g_ptr_array_index (rels, i);
        const char *s = g_hash_table_lookup (ids, gloss_relation_get_source (r));
        const char *t = g_hash_table_lookup (ids, gloss_relation_get_target (r));
        RelSort rs = { r, s ? (guint) atoi (s + 1) : G_MAXUINT, t ? (guint) atoi (t + 1)
                                                                  : G_MAXUINT };
        g_array_append_val (order, rs);
      }
    g_array_sort (order, compare_relsort);
    for (guint i = 0; i < order->len; i++)
      rels->pdata[i] = g_array_index (order, RelSort, i).rel;
  }

  /* R lines */
  rel_ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < rels->len; i++)
    {
      GlossRelation *r = g_ptr_array_index (rels, i);
      const char *s = g_hash_table_lookup (ids, gloss_relation_get_source (r));
      const char *t = g_hash_table_lookup (ids, gloss_relation_get_target (r));
      char *rid = NULL;

      if (s != NULL && t != NULL)
        {
          rid = g_strdup_printf ("R%u", next_r++);
          g_string_append_printf (out, "%s\t%s Arg1:%s Arg2:%s\n", rid,
                                  gloss_relation_get_relation_type (r), s, t);
        }
      g_ptr_array_add (rel_ids, rid);
    }
  /* A lines: annotations first, then relations */
  for (guint i = 0; i < anns->len; i++)
    {
      GlossAnnotation *a = g_ptr_array_index (anns, i);
      const char *tid = g_hash_table_lookup (ids, gloss_annotation_get_uuid (a));

      if (tid != NULL)
        append_attribute_lines (out, &next_a, tid, gloss_annotation_get_attributes (a),
                                NOTE_TYPE_ATTR);
    }
  for (guint i = 0; i < rels->len; i++)
    if (g_ptr_array_index (rel_ids, i) != NULL)
      append_attribute_lines (out, &next_a, g_ptr_array_index (rel_ids, i),
                              gloss_relation_get_attributes (g_ptr_array_index (rels, i)),
                              RELATION_NOTE_ATTR);
  /* N lines */
  for (guint i = 0; i < anns->len; i++)
    {
      GlossAnnotation *a = g_ptr_array_index (anns, i);
      const char *tid = g_hash_table_lookup (ids, gloss_annotation_get_uuid (a));
      const char *norm = gloss_annotation_get_norm_id (a);

      if (tid != NULL && norm != NULL && *norm != '\0')
        {
          g_autofree char *id1 = one_line (norm);
          g_autofree char *name1 = one_line (gloss_annotation_get_norm_name (a));

          for (char *p = id1; *p; p++)
            if (*p == ' ')
              *p = '_';
          g_string_append_printf (out, "N%u\tReference %s %s%s\t%s\n", next_n++, tid, id1,
                                  strchr (id1, ':') ? "" : ":", name1);
        }
    }
  /* # lines: annotations, then relations */
  for (guint i = 0; i < anns->len; i++)
    {
      GlossAnnotation *a = g_ptr_array_index (anns, i);
      const char *tid = g_hash_table_lookup (ids, gloss_annotation_get_uuid (a));
      const char *note = gloss_annotation_get_note (a);
      GVariant *type = gloss_annotation_get_attribute (a, NOTE_TYPE_ATTR);

      if (tid != NULL && note != NULL && *note != '\0')
        {
          g_autofree char *text1 = one_line (note);
          const char *t = type && g_variant_is_of_type (type, G_VARIANT_TYPE_STRING)
                          ? g_variant_get_string (type, NULL) : DEFAULT_NOTE_TYPE;
          g_string_append_printf (out, "#%u\t%s %s\t%s\n", next_note++, t, tid, text1);
        }
    }
  for (guint i = 0; i < rels->len; i++)
    {
      GVariant *note = gloss_relation_get_attribute (g_ptr_array_index (rels, i),
                                                     RELATION_NOTE_ATTR);

      if (g_ptr_array_index (rel_ids, i) != NULL && note != NULL
          && g_variant_is_of_type (note, G_VARIANT_TYPE_STRING))
        {
          g_autofree char *text1 = one_line (g_variant_get_string (note, NULL));
          g_string_append_printf (out, "#%u\t%s %s\t%s\n", next_note++, DEFAULT_NOTE_TYPE,
                                  (char *) g_ptr_array_index (rel_ids, i), text1);
        }
    }

  return gloss_export_context_write_file (ctx, dir, txt_name, text, strlen (text), cancellable,
                                          error)
         && gloss_export_context_write_file (ctx, dir, ann_name, out->str, out->len, cancellable,
                                             error);
}
