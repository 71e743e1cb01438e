/* gloss-format-webanno.c: WebAnno TSV 3.x (INCEpTION) import and export
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
#include "gloss-tokenizer.h"
#include "gloss-format-util.h"
#include "gloss-formats.h"
#include "gloss-offsets.h"
#include "gloss-relation.h"

/* How TSV 3 maps onto Gloss (FORMATS.md §7):
 *
 * Text. The document text is the sentences' "#Text=" lines (several lines
 * of one sentence are joined by a line feed; \t \n \r \\ and the other
 * escapes are undone). The text between sentences is not in the file: it
 * is inferred from the offsets — before the first sentence spaces, between
 * sentences line feeds (as INCEpTION writes them) — so that every token's
 * begin-end, counted in UTF-16 code units as the format says, lands on the
 * token's text. Offsets are then converted to code points; a token whose
 * text does not match its offsets is an error naming the line.
 *
 * Span layers (#T_SP). Each annotation becomes a Gloss annotation whose
 * label is the value of its feature called "value" (else of its first
 * feature with a value, else the layer's short name: "NamedEntity",
 * "Span"); its other features become string attributes. Stacked cells
 * "A|B", disambiguation ids "A[3]" (one annotation over several rows, or
 * across sentences) and sub-token rows "1-2.1" are all honoured.
 * Zero-width annotations cannot be represented: each is reported and
 * skipped, with the relations that use it.
 *
 * Relation layers (#T_RL). The last column names the governor's row
 * ("1-3", or "1-3[4_5]" with the ids of governor and dependent), the row
 * holding the cell is the dependent's first row; both ends are annotations
 * of the base layer (BT_...). A relation becomes a Gloss relation from
 * governor to dependent whose type is its first feature's value (else the
 * layer's short name); other features become attributes. When the base
 * layer is the Token layer, the ends become "Token" annotations (noted).
 *
 * Chains (#T_CH). Each link is an annotation labelled with its
 * referenceType (else the layer's short name) and consecutive links of a
 * chain are joined by a relation typed with the referenceRelation (else
 * "next").
 *
 * Slot features (ROLE_...). Each filled slot becomes a relation from the
 * host annotation to the filler, typed with the role (else "slot").
 *
 * The whole file is parsed and checked before anything is written. */

struct _GlossFormatWebanno
{
  GlossFormat parent_instance;
};

G_DEFINE_FINAL_TYPE (GlossFormatWebanno, gloss_format_webanno, GLOSS_TYPE_FORMAT)

typedef enum
{
  LAYER_SPAN,
  LAYER_CHAIN,
  LAYER_RELATION,
} LayerKind;

typedef enum
{
  COL_FEATURE,
  COL_SLOT_ROLES,
  COL_SLOT_TARGETS,
  COL_CHAIN_TYPE,
  COL_CHAIN_RELATION,
  COL_GOVERNOR,
} ColumnKind;

typedef struct
{
  ColumnKind kind;
  char      *feature;      /* the feature's name, or NULL */
  char      *slot_target;  /* COL_SLOT_TARGETS: the filler's layer type */
} Column;

typedef struct
{
  guint      index;
  LayerKind  kind;
  char      *type;
  char      *short_name;
  char      *base_type;    /* relations: BT_... */
  GArray    *columns;      /* Column */
  guint      first_col;    /* index of the first column in a row (after id, offsets, token) */
} Layer;

typedef struct
{
  Layer   *layer;
  guint    begin;         /* UTF-16 */
  guint    end;
  char   **values;        /* per column of the layer (NULL = no value), owned */
  guint    n_values;      /* columns: @values has holes, so no g_strfreev () */
  char    *first_row;     /* "1-2" or "1-2.1" */
  guint    id;            /* disambiguation id or 0 */
  guint    line;
  guint    chain;         /* chains: chain and link numbers */
  guint    link;
  char    *uuid;          /* once written */
  gboolean is_token;      /* an implicit Token annotation (relation end) */
} Ann;

typedef struct
{
  Layer *layer;
  char **values;          /* per feature column (NULL = no value) */
  guint  n_values;
  char  *governor_row;
  guint  governor_id;
  char  *dependent_row;
  guint  dependent_id;
  guint  line;
} PendingRelation;

typedef struct
{
  Ann   *host;
  char  *role;
  char  *target_row;
  guint  target_id;
  char  *target_type;
  guint  line;
} PendingSlot;

typedef struct
{
  char  *row;
  guint  begin;
  guint  end;
  char  *form;
  guint  line;
} Row;

static void
column_clear (gpointer data)
{
  Column *c = data;
  g_free (c->feature);
  g_free (c->slot_target);
}

static void
layer_free (Layer *layer)
{
  g_free (layer->type);
  g_free (layer->short_name);
  g_free (layer->base_type);
  g_array_unref (layer->columns);
  g_free (layer);
}

static void
values_free (char  **values,
             guint   n_values)
{
  for (guint i = 0; values != NULL && i < n_values; i++)
    g_free (values[i]);
  g_free (values);
}

static void
ann_free (Ann *a)
{
  values_free (a->values, a->n_values);
  g_free (a->first_row);
  g_free (a->uuid);
  g_free (a);
}

static void
pending_relation_free (PendingRelation *r)
{
  values_free (r->values, r->n_values);
  g_free (r->governor_row);
  g_free (r->dependent_row);
  g_free (r);
}

static void
pending_slot_free (PendingSlot *s)
{
  g_free (s->role);
  g_free (s->target_row);
  g_free (s->target_type);
  g_free (s);
}

static void
row_free (Row *r)
{
  g_free (r->row);
  g_free (r->form);
  g_free (r);
}

typedef struct
{
  GlossImportContext *ctx;
  const char         *display;
  GPtrArray          *layers;     /* Layer */
  guint               n_columns;  /* layer columns in a row */
  GPtrArray          *anns;       /* Ann, in creation order */
  GHashTable         *by_key;     /* "layer:id" or "layer:chain-link" -> Ann */
  GHashTable         *by_row;     /* "layer|row" -> Ann (the first starting there) */
  GHashTable         *by_row_id;  /* "layer|row|id" -> Ann */
  GPtrArray          *relations;  /* PendingRelation */
  GPtrArray          *slots;      /* PendingSlot */
  GPtrArray          *rows;       /* Row */
  GHashTable         *row_index;  /* row id -> Row, built on demand */
  GString            *text;
  guint               text16;     /* UTF-16 length of text */
  guint               n_sentences;
  guint               n_zero_width;
  guint               n_token_ends;
} Parser;

/* ---- escapes */

static char *
unescape (const char *s,
          gssize      len)
{
  GString *out = g_string_sized_new (len < 0 ? 16 : len);
  const char *end = len < 0 ? s + strlen (s) : s + len;

  for (const char *p = s; p < end; p++)
    {
      if (*p == '\\' && p + 1 < end)
        {
          char c = p[1];
          if (c == 't')
            g_string_append_c (out, '\t');
          else if (c == 'n')
            g_string_append_c (out, '\n');
          else if (c == 'r')
            g_string_append_c (out, '\r');
          else if (c == '-' && p + 2 < end && p[2] == '>')
            {
              g_string_append (out, "->");
              p++;
            }
          else if (strchr ("\\[]|_;*", c) != NULL)
            g_string_append_c (out, c);
          else
            {
              g_string_append_c (out, '\\');
              g_string_append_c (out, c);
            }
          p++;
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* Splits on an unescaped @sep, keeping the escapes in the pieces. */
static GPtrArray *
split_unescaped (const char *s,
                 char        sep)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  const char *start = s;

  for (const char *p = s; ; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          p++;
          continue;
        }
      if (*p == sep || *p == '\0')
        {
          g_ptr_array_add (parts, g_strndup (start, p - start));
          if (*p == '\0')
            break;
          start = p + 1;
        }
    }
  return parts;
}

/* Strips an unescaped "[N]" (or "[N_M]") suffix; returns the raw rest. */
static char *
strip_id (const char *s,
          guint      *id,
          guint      *id2)
{
  gsize len = strlen (s);
  const char *open;

  *id = 0;
  if (id2 != NULL)
    *id2 = 0;
  if (len < 3 || s[len - 1] != ']' || (len >= 2 && s[len - 2] == '\\'))
    return g_strdup (s);
  open = strrchr (s, '[');
  if (open == NULL || (open > s && open[-1] == '\\'))
    return g_strdup (s);
  {
    g_autofree char *inner = g_strndup (open + 1, s + len - 1 - (open + 1));
    char *underscore = strchr (inner, '_');
    guint64 a = 0, b = 0;

    if (underscore != NULL)
      {
        *underscore = '\0';
        if (id2 == NULL || !g_ascii_string_to_unsigned (inner, 10, 0, G_MAXUINT, &a, NULL) ||
            !g_ascii_string_to_unsigned (underscore + 1, 10, 0, G_MAXUINT, &b, NULL))
          return g_strdup (s);
        *id = a;
        *id2 = b;
      }
    else
      {
        if (!g_ascii_string_to_unsigned (inner, 10, 0, G_MAXUINT, &a, NULL))
          return g_strdup (s);
        *id = a;
      }
  }
  return g_strndup (s, open - s);
}

/* A cell value: NULL for "*" (present, no value), else unescaped. */
static char *
cell_value (const char *raw)
{
  if (strcmp (raw, "*") == 0 || *raw == '\0')
    return NULL;
  return unescape (raw, -1);
}

static guint
utf16_length (const char *s,
              gssize      len)
{
  guint n = 0;
  const char *end = len < 0 ? s + strlen (s) : s + len;

  for (const char *p = s; p < end; p = g_utf8_next_char (p))
    n += g_utf8_get_char (p) > 0xFFFF ? 2 : 1;
  return n;
}

static char *
short_name (const char *type)
{
  const char *dot = strrchr (type, '.');
  return g_strdup (dot ? dot + 1 : type);
}

/* Label names may not hold spaces or control characters. */
static char *
label_name (const char *value)
{
  char *s = g_strdup (value);

  for (char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        {
          /* Replace the whole character with '_' bytes. */
          const char *next = g_utf8_next_char (p);
          for (char *q = p; q < next; q++)
            *q = '_';
        }
    }
  return s;
}

/* ---- header */

static gboolean
parse_header_line (Parser     *p,
                   const char *line,
                   guint       lineno,
                   GError    **error)
{
  LayerKind kind;
  g_auto(GStrv) parts = NULL;
  Layer *layer;
  guint n;

  if (g_str_has_prefix (line, "#T_SP="))
    kind = LAYER_SPAN;
  else if (g_str_has_prefix (line, "#T_CH="))
    kind = LAYER_CHAIN;
  else if (g_str_has_prefix (line, "#T_RL="))
    kind = LAYER_RELATION;
  else
    {
      gloss_import_report_add (gloss_import_context_get_report (p->ctx), GLOSS_PROBLEM_WARNING,
                               p->display, lineno, _("unknown header line ignored"));
      return TRUE;
    }
  parts = g_strsplit (line + 6, "|", -1);
  n = g_strv_length (parts);
  if (n == 0 || *parts[0] == '\0')
    return gloss_import_context_bad_record (p->ctx, p->display, lineno, error,
                                            _("a layer without a type name"));
  layer = g_new0 (Layer, 1);
  layer->index = p->layers->len;
  layer->kind = kind;
  layer->type = g_strdup (parts[0]);
  layer->short_name = short_name (parts[0]);
  layer->columns = g_array_new (FALSE, TRUE, sizeof (Column));
  g_array_set_clear_func (layer->columns, column_clear);
  layer->first_col = p->n_columns;
  g_ptr_array_add (p->layers, layer);

  for (guint i = 1; i < n; i++)
    {
      Column c = { COL_FEATURE, NULL, NULL };

      if (kind == LAYER_RELATION && g_str_has_prefix (parts[i], "BT_"))
        {
          g_free (layer->base_type);
          layer->base_type = g_strdup (parts[i] + 3);
          continue;
        }
      if (*parts[i] == '\0')
        continue;  /* "type|": a layer without features */
      if (kind == LAYER_CHAIN)
        {
          c.kind = g_str_equal (parts[i], "referenceRelation") ? COL_CHAIN_RELATION
                                                                 : COL_CHAIN_TYPE;
          c.feature = g_strdup (parts[i]);
          g_array_append_val (layer->columns, c);
          continue;
        }
      if (g_str_has_prefix (parts[i], "ROLE_"))
        {
          Column t = { COL_SLOT_TARGETS, NULL, NULL };
          c.kind = COL_SLOT_ROLES;
          c.feature = g_strdup (parts[i]);
          if (i + 1 < n)
            t.slot_target = g_strdup (parts[++i]);
          g_array_append_val (layer->columns, c);
          g_array_append_val (layer->columns, t);
          continue;
        }
      c.feature = g_strdup (parts[i]);
      g_array_append_val (layer->columns, c);
    }
  if (kind == LAYER_SPAN && layer->columns->len == 0)
    {
      /* One column even without features: "*" marks the annotation. */
      Column c = { COL_FEATURE, NULL, NULL };
      g_array_append_val (layer->columns, c);
    }
  if (kind == LAYER_RELATION)
    {
      Column c = { COL_GOVERNOR, NULL, NULL };
      g_array_append_val (layer->columns, c);
    }
  /* Counted even when the layer is bad: the rows still have its columns. */
  p->n_columns += layer->columns->len;
  if (kind == LAYER_RELATION && layer->base_type == NULL)
    return gloss_import_context_bad_record (p->ctx, p->display, lineno, error,
                                            _("a relation layer without its base type "
                                              "(BT_…)"));
  return TRUE;
}

/* ---- body */

static Layer *
find_layer (Parser     *p,
            const char *type)
{
  if (type == NULL)  /* e.g. a relation layer without its BT_ column */
    return NULL;
  for (guint i = 0; i < p->layers->len; i++)
    {
      Layer *l = g_ptr_array_index (p->layers, i);
      if (g_str_equal (l->type, type))
        return l;
    }
  return NULL;
}

static void
index_ann (Parser *p,
           Ann    *a)
{
  g_autofree char *k1 = g_strdup_printf ("%u|%s", a->layer->index, a->first_row);
  char *k2 = g_strdup_printf ("%u|%s|%u", a->layer->index, a->first_row, a->id);

  if (!g_hash_table_contains (p->by_row, k1))
    g_hash_table_insert (p->by_row, g_steal_pointer (&k1), a);
  g_hash_table_insert (p->by_row_id, k2, a);
}

static Ann *
new_ann (Parser     *p,
         Layer      *layer,
         const Row  *row,
         guint       id)
{
  Ann *a = g_new0 (Ann, 1);

  a->layer = layer;
  a->begin = row->begin;
  a->end = row->end;
  a->values = g_new0 (char *, layer->columns->len + 1);
  a->n_values = layer->columns->len;
  a->first_row = g_strdup (row->row);
  a->id = id;
  a->line = row->line;
  g_ptr_array_add (p->anns, a);
  return a;
}

static void
extend_ann (Ann       *a,
            const Row *row)
{
  a->begin = MIN (a->begin, row->begin);
  a->end = MAX (a->end, row->end);
}

static Ann *
lookup_ann (Parser     *p,
            Layer      *layer,
            const char *row,
            guint       id)
{
  g_autofree char *key = NULL;

  if (id != 0)
    {
      key = g_strdup_printf ("%u|%s|%u", layer->index, row, id);
      return g_hash_table_lookup (p->by_row_id, key);
    }
  key = g_strdup_printf ("%u|%s", layer->index, row);
  return g_hash_table_lookup (p->by_row, key);
}

static gboolean
span_cells (Parser     *p,
            Layer      *layer,
            char      **cells,
            const Row  *row,
            GError    **error)
{
  g_autoptr(GPtrArray) first = NULL;
  guint pc = 0;

  /* The annotations present: from the first column with any (a slot host
   * without roles shows "_" for its roles and "*" for its fillers). */
  while (pc < layer->columns->len && g_str_equal (cells[pc], "_"))
    pc++;
  if (pc == layer->columns->len)
    return TRUE;
  first = split_unescaped (cells[pc], '|');
  for (guint e = 0; e < first->len; e++)
    {
      guint id;
      g_autofree char *raw = strip_id (g_ptr_array_index (first, e), &id, NULL);
      g_autofree char *key = NULL;
      Ann *a = NULL;
      gboolean created = FALSE;

      (void) raw;
      if (id != 0)
        {
          key = g_strdup_printf ("%u:%u", layer->index, id);
          a = g_hash_table_lookup (p->by_key, key);
        }
      if (a == NULL)
        {
          a = new_ann (p, layer, row, id);
          created = TRUE;
          if (key != NULL)
            g_hash_table_insert (p->by_key, g_steal_pointer (&key), a);
          index_ann (p, a);
        }
      else
        extend_ann (a, row);
      if (!created)
        continue;
      for (guint c = 0; c < layer->columns->len; c++)
        {
          Column *col = &g_array_index (layer->columns, Column, c);
          g_autoptr(GPtrArray) elems = split_unescaped (cells[c], '|');
          const char *elem;
          guint eid;

          if (g_str_equal (cells[c], "_") || e >= elems->len)
            continue;
          elem = g_ptr_array_index (elems, e);
          if (col->kind == COL_FEATURE)
            {
              g_autofree char *v = strip_id (elem, &eid, NULL);
              a->values[c] = cell_value (v);
            }
          else if (col->kind == COL_SLOT_ROLES && c + 1 < layer->columns->len)
            {
              g_autofree char *roles_raw = strip_id (elem, &eid, NULL);
              g_autoptr(GPtrArray) roles = split_unescaped (roles_raw, ';');
              g_autoptr(GPtrArray) targets_elems = split_unescaped (cells[c + 1], '|');
              g_autoptr(GPtrArray) targets = NULL;
              Column *tcol = &g_array_index (layer->columns, Column, c + 1);

              if (e >= targets_elems->len || g_str_equal (roles_raw, "_"))
                continue;
              targets = split_unescaped (g_ptr_array_index (targets_elems, e), ';');
              for (guint r = 0; r < roles->len && r < targets->len; r++)
                {
                  PendingSlot *s;
                  g_autofree char *target = NULL;
                  const char *t = g_ptr_array_index (targets, r);

                  if (g_str_equal (t, "*") || g_str_equal (t, "_") || *t == '\0')
                    continue;
                  s = g_new0 (PendingSlot, 1);
                  target = strip_id (t, &s->target_id, NULL);
                  s->host = a;
                  s->role = cell_value (g_ptr_array_index (roles, r));
                  s->target_row = g_strdup (target);
                  s->target_type = g_strdup (tcol->slot_target);
                  s->line = row->line;
                  g_ptr_array_add (p->slots, s);
                }
            }
        }
    }
  return TRUE;
}

static gboolean
chain_cells (Parser     *p,
             Layer      *layer,
             char      **cells,
             const Row  *row,
             GError    **error)
{
  int type_col = -1, rel_col = -1;
  g_autoptr(GPtrArray) types = NULL;
  g_autoptr(GPtrArray) rels = NULL;

  for (guint c = 0; c < layer->columns->len; c++)
    {
      Column *col = &g_array_index (layer->columns, Column, c);
      if (col->kind == COL_CHAIN_TYPE && type_col < 0)
        type_col = c;
      else if (col->kind == COL_CHAIN_RELATION && rel_col < 0)
        rel_col = c;
    }
  if (rel_col < 0 || g_str_equal (cells[rel_col], "_"))
    return TRUE;
  rels = split_unescaped (cells[rel_col], '|');
  if (type_col >= 0 && !g_str_equal (cells[type_col], "_"))
    types = split_unescaped (cells[type_col], '|');
  for (guint e = 0; e < rels->len; e++)
    {
      const char *elem = g_ptr_array_index (rels, e);
      const char *arrow = NULL;
      guint64 chain, link;
      g_autofree char *key = NULL;
      g_auto(GStrv) nums = NULL;
      Ann *a;

      for (const char *q = elem; *q != '\0'; q++)
        {
          if (*q == '\\' && q[1] != '\0')
            {
              q++;
              continue;
            }
          if (q[0] == '-' && q[1] == '>')
            arrow = q;
        }
      if (arrow == NULL)
        return gloss_import_context_bad_record (p->ctx, p->display, row->line, error,
                                                _("a chain cell without “->CHAIN-LINK”"));
      nums = g_strsplit (arrow + 2, "-", 2);
      if (g_strv_length (nums) != 2 ||
          !g_ascii_string_to_unsigned (nums[0], 10, 1, G_MAXUINT, &chain, NULL) ||
          !g_ascii_string_to_unsigned (nums[1], 10, 1, G_MAXUINT, &link, NULL))
        {
          g_autofree char *quoted = gloss_format_quote (elem, -1);

          return gloss_import_context_bad_record (p->ctx, p->display, row->line, error,
                                                  _("“%s” is not a chain link"), quoted);
        }
      key = g_strdup_printf ("%u:c%u-%u", layer->index, (guint) chain, (guint) link);
      a = g_hash_table_lookup (p->by_key, key);
      if (a != NULL)
        {
          extend_ann (a, row);
          continue;
        }
      a = new_ann (p, layer, row, 0);
      a->chain = chain;
      a->link = link;
      g_hash_table_insert (p->by_key, g_steal_pointer (&key), a);
      {
        g_autofree char *relv = g_strndup (elem, arrow - elem);
        a->values[rel_col] = cell_value (relv);
      }
      if (types != NULL && e < types->len && type_col >= 0)
        {
          guint id;
          g_autofree char *v = strip_id (g_ptr_array_index (types, e), &id, NULL);
          a->values[type_col] = cell_value (v);
        }
    }
  return TRUE;
}

static gboolean
relation_cells (Parser     *p,
                Layer      *layer,
                char      **cells,
                const Row  *row,
                GError    **error)
{
  guint gov_col = layer->columns->len - 1;
  g_autoptr(GPtrArray) govs = NULL;

  /* a "#T_RL=" header without columns: no governor column to read */
  if (layer->columns->len == 0 || g_str_equal (cells[gov_col], "_"))
    return TRUE;
  govs = split_unescaped (cells[gov_col], '|');
  for (guint e = 0; e < govs->len; e++)
    {
      PendingRelation *r = g_new0 (PendingRelation, 1);
      g_autofree char *gov = strip_id (g_ptr_array_index (govs, e), &r->governor_id,
                                       &r->dependent_id);

      r->layer = layer;
      r->governor_row = g_strdup (gov);
      r->dependent_row = g_strdup (row->row);
      r->line = row->line;
      r->values = g_new0 (char *, layer->columns->len + 1);
      r->n_values = layer->columns->len;
      for (guint c = 0; c < gov_col; c++)
        {
          g_autoptr(GPtrArray) elems = split_unescaped (cells[c], '|');
          if (!g_str_equal (cells[c], "_") && e < elems->len)
            r->values[c] = cell_value (g_ptr_array_index (elems, e));
        }
      g_ptr_array_add (p->relations, r);
    }
  return TRUE;
}

static gboolean
parse_offsets (const char *s,
               guint      *begin,
               guint      *end)
{
  const char *dash = strchr (s, '-');
  g_autofree char *a = NULL;
  guint64 x, y;

  if (dash == NULL)
    return FALSE;
  a = g_strndup (s, dash - s);
  if (!g_ascii_string_to_unsigned (a, 10, 0, G_MAXUINT, &x, NULL) ||
      !g_ascii_string_to_unsigned (dash + 1, 10, 0, G_MAXUINT, &y, NULL) || x > y)
    return FALSE;
  *begin = x;
  *end = y;
  return TRUE;
}

static gboolean
token_row (Parser     *p,
           const char *line,
           guint       lineno,
           GError    **error)
{
  g_auto(GStrv) fields = g_strsplit (line, "\t", -1);
  guint n = g_strv_length (fields);
  Row *row;

  /* INCEpTION ends every row with a TAB: an empty last field. */
  if (n > 0 && *fields[n - 1] == '\0')
    n--;
  if (n != 3 + p->n_columns)
    return gloss_import_context_bad_record (p->ctx, p->display, lineno, error,
                                            _("%u columns where the header declares %u"), n,
                                            3 + p->n_columns);
  row = g_new0 (Row, 1);
  row->row = g_strdup (fields[0]);
  row->line = lineno;
  row->form = unescape (fields[2], -1);
  g_ptr_array_add (p->rows, row);
  if (!parse_offsets (fields[1], &row->begin, &row->end))
    {
      g_autofree char *quoted = gloss_format_quote (fields[1], -1);

      return gloss_import_context_bad_record (p->ctx, p->display, lineno, error,
                                              _("“%s” is not a BEGIN-END offset pair"), quoted);
    }
  for (guint l = 0; l < p->layers->len; l++)
    {
      Layer *layer = g_ptr_array_index (p->layers, l);
      char **cells = fields + 3 + layer->first_col;
      gboolean ok = TRUE;

      switch (layer->kind)
        {
        case LAYER_SPAN:
          ok = span_cells (p, layer, cells, row, error);
          break;
        case LAYER_CHAIN:
          ok = chain_cells (p, layer, cells, row, error);
          break;
        case LAYER_RELATION:
        default:
          ok = relation_cells (p, layer, cells, row, error);
          break;
        }
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/* Appends a sentence's text, padding from the offsets of its first row. */
static void
add_sentence_text (Parser     *p,
                   const char *text,
                   const Row  *first)
{
  guint start16 = p->text16;

  if (first != NULL)
    {
      const char *at = *first->form != '\0' ? strstr (text, first->form) : NULL;
      guint prefix = at ? utf16_length (text, at - text) : 0;
      if (first->begin >= prefix)
        start16 = first->begin - prefix;
    }
  while (p->text16 < start16)
    {
      g_string_append_c (p->text, p->n_sentences == 0 ? ' ' : '\n');
      p->text16++;
    }
  g_string_append (p->text, text);
  p->text16 += utf16_length (text, -1);
  p->n_sentences++;
}

/* ---- writing */

static const char *
feature_label (Ann *a)
{
  Layer *layer = a->layer;

  if (a->is_token)
    return "Token";
  if (layer->kind == LAYER_CHAIN)
    {
      for (guint c = 0; c < layer->columns->len; c++)
        if (g_array_index (layer->columns, Column, c).kind == COL_CHAIN_TYPE && a->values[c])
          return a->values[c];
      return layer->short_name;
    }
  /* "label" (our own exports), else "value" (NamedEntity, custom spans). */
  for (guint c = 0; c < layer->columns->len; c++)
    {
      Column *col = &g_array_index (layer->columns, Column, c);
      if (col->kind == COL_FEATURE && g_strcmp0 (col->feature, "label") == 0 && a->values[c])
        return a->values[c];
    }
  for (guint c = 0; c < layer->columns->len; c++)
    {
      Column *col = &g_array_index (layer->columns, Column, c);
      if (col->kind == COL_FEATURE && g_strcmp0 (col->feature, "value") == 0 && a->values[c])
        return a->values[c];
    }
  for (guint c = 0; c < layer->columns->len; c++)
    {
      Column *col = &g_array_index (layer->columns, Column, c);
      if (col->kind == COL_FEATURE && a->values[c] != NULL && *a->values[c] != '\0')
        return a->values[c];
    }
  return layer->short_name;
}

static gboolean
write_ann (Parser         *p,
           gint64          doc_id,
           GlossOffsetMap *map,
           Ann            *a,
           GError        **error)
{
  GlossFragment f;
  const char *value = feature_label (a);
  g_autofree char *label = label_name (value);
  g_autoptr(GlossAnnotation) ann = NULL;

  if (a->begin == a->end)
    {
      g_autofree char *quoted = gloss_format_quote (a->layer->short_name, -1);

      gloss_import_report_add (gloss_import_context_get_report (p->ctx), GLOSS_PROBLEM_WARNING,
                               p->display, a->line,
                               _("zero-width %s annotation at %u cannot be represented and was "
                                 "skipped"), quoted, a->begin);
      p->n_zero_width++;
      return TRUE;
    }
  if (!gloss_format_span_from_utf16 (map, a->begin, a->end, &f))
    return gloss_import_context_bad_record (p->ctx, p->display, a->line, error,
                                            _("offsets %u-%u lie outside the text or inside a "
                                              "character"), a->begin, a->end);
  ann = gloss_annotation_new (label, &f, 1, "");
  if (!g_str_equal (label, value))
    gloss_annotation_set_attribute (ann, "value", g_variant_new_string (value));
  if (!a->is_token && a->layer->kind == LAYER_SPAN)
    for (guint c = 0; c < a->layer->columns->len; c++)
      {
        Column *col = &g_array_index (a->layer->columns, Column, c);
        if (col->kind == COL_FEATURE && col->feature != NULL && a->values[c] != NULL &&
            a->values[c] != value && *a->values[c] != '\0')
          {
            /* Our own exports write the note as a feature "note". */
            if (g_str_equal (col->feature, "note"))
              gloss_annotation_set_note (ann, a->values[c]);
            else
              gloss_annotation_set_attribute (ann, col->feature,
                                              g_variant_new_string (a->values[c]));
          }
      }
  if (!gloss_import_context_add_annotation (p->ctx, doc_id, ann, error))
    {
      g_prefix_error (error, "%s:%u: ", p->display, a->line);
      return FALSE;
    }
  a->uuid = g_strdup (gloss_annotation_get_uuid (ann));
  return TRUE;
}

static gboolean
write_relation (Parser      *p,
                gint64       doc_id,
                Ann         *source,
                Ann         *target,
                const char  *type,
                Layer       *layer,
                char       **values,
                guint        line,
                GError     **error)
{
  g_autofree char *name = label_name (type);
  g_autoptr(GlossRelation) r = NULL;

  if (source->uuid == NULL || target->uuid == NULL)
    {
      g_autofree char *quoted = gloss_format_quote (type, -1);

      gloss_import_report_add (gloss_import_context_get_report (p->ctx), GLOSS_PROBLEM_WARNING,
                               p->display, line,
                               _("a %s relation joins a zero-width annotation and was skipped"),
                               quoted);
      return TRUE;
    }
  r = gloss_relation_new (name, source->uuid, target->uuid, "");
  if (layer != NULL && values != NULL)
    for (guint c = 0; c + 1 < layer->columns->len; c++)
      {
        Column *col = &g_array_index (layer->columns, Column, c);
        if (values[c] != NULL && values[c] != type && col->feature != NULL)
          gloss_relation_set_attribute (r, col->feature, g_variant_new_string (values[c]));
      }
  if (!gloss_import_context_add_relation (p->ctx, doc_id, r, error))
    {
      g_prefix_error (error, "%s:%u: ", p->display, line);
      return FALSE;
    }
  return TRUE;
}

/* A relation end on the Token layer: an annotation over the row. */
static Ann *
token_end (Parser     *p,
           const char *row_id)
{
  g_autofree char *key = g_strdup_printf ("token:%s", row_id);
  Ann *a = g_hash_table_lookup (p->by_key, key);

  Row *row;

  if (a != NULL)
    return a;
  if (g_hash_table_size (p->row_index) == 0)
    {
      for (guint i = 0; i < p->rows->len; i++)
        {
          Row *r = g_ptr_array_index (p->rows, i);
          if (!g_hash_table_contains (p->row_index, r->row))
            g_hash_table_insert (p->row_index, r->row, r);
        }
    }
  row = g_hash_table_lookup (p->row_index, row_id);
  if (row == NULL)
    return NULL;
  a = new_ann (p, g_ptr_array_index (p->layers, 0), row, 0);
  a->is_token = TRUE;
  p->n_token_ends++;
  g_hash_table_insert (p->by_key, g_steal_pointer (&key), a);
  return a;
}

static int
compare_links (gconstpointer x,
               gconstpointer y)
{
  const Ann *a = *(Ann * const *) x;
  const Ann *b = *(Ann * const *) y;

  if (a->layer->index != b->layer->index)
    return a->layer->index < b->layer->index ? -1 : 1;
  if (a->chain != b->chain)
    return a->chain < b->chain ? -1 : 1;
  return a->link < b->link ? -1 : a->link > b->link;
}

static char *
document_name (const char *path)
{
  g_autofree char *base = gloss_format_name_from_path (path);

  /* The INCEpTION test suite names every file reference.tsv. */
  if (g_str_equal (base, "reference"))
    {
      g_autofree char *dir = g_path_get_dirname (path);
      return g_path_get_basename (dir);
    }
  return g_steal_pointer (&base);
}

static gboolean
import_file (GlossImportContext  *ctx,
             const char          *path,
             GCancellable        *cancellable,
             GError             **error)
{
  g_autofree char *data = NULL;
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *name = document_name (path);
  g_autofree char *file_name = g_path_get_basename (path);
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func ((GDestroyNotify) layer_free);
  g_autoptr(GPtrArray) anns = g_ptr_array_new_with_free_func ((GDestroyNotify) ann_free);
  g_autoptr(GPtrArray) relations =
    g_ptr_array_new_with_free_func ((GDestroyNotify) pending_relation_free);
  g_autoptr(GPtrArray) slots = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_slot_free);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) by_row = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) by_row_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) sentence = g_string_new (NULL);
  g_autoptr(GlossOffsetMap) map = NULL;
  GlossImportReport *report = gloss_import_context_get_report (ctx);
  GlossLineReader reader;
  const char *line;
  gsize length, line_len;
  gboolean in_header = TRUE, have_sentence = FALSE;
  guint sentence_first_row = 0;
  Parser p = { 0 };
  g_autoptr(GHashTable) row_index = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 doc_id;

  if (!gloss_format_read_file (path, &data, &length, error))
    return FALSE;
  if (length == 0)
    {
      /* as the import of a single file says it (gloss-format-driver.c) */
      gloss_import_report_add (report, GLOSS_PROBLEM_ERROR, display, 0, _("empty file"));
      return TRUE;
    }
  if (!gloss_format_validate_utf8 (data, length, display, error))
    return FALSE;
  if (memchr (data, '\0', length) != NULL)
    return gloss_import_context_bad_record (ctx, display, 0, error,
                                            _("NUL bytes: not a WebAnno TSV file"));

  p.ctx = ctx;
  p.display = display;
  p.layers = layers;
  p.anns = anns;
  p.relations = relations;
  p.slots = slots;
  p.rows = rows;
  p.row_index = row_index;
  p.by_key = by_key;
  p.by_row = by_row;
  p.by_row_id = by_row_id;
  p.text = text;

  gloss_line_reader_init (&reader, data, length);
  while (gloss_line_reader_next (&reader, &line, &line_len, NULL, NULL))
    {
      g_autofree char *copy = g_strndup (line, line_len);

      if (reader.line % 4096 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (reader.line == 1)
        {
          const char *l = g_str_has_prefix (copy, "\xef\xbb\xbf") ? copy + 3 : copy;
          if (!g_str_has_prefix (l, "#FORMAT=WebAnno TSV 3"))
            return gloss_import_context_bad_record (ctx, display, 1, error,
                                                    _("not a WebAnno TSV 3 file (no "
                                                      "“#FORMAT=WebAnno TSV 3.x” line)"));
          continue;
        }
      if (in_header && g_str_has_prefix (copy, "#T_"))
        {
          if (!parse_header_line (&p, copy, reader.line, error))
            return FALSE;
          continue;
        }
      if (line_len == 0)
        {
          if (have_sentence)
            {
              add_sentence_text (&p, sentence->str,
                                 sentence_first_row < rows->len
                                 ? g_ptr_array_index (rows, sentence_first_row) : NULL);
              g_string_truncate (sentence, 0);
              have_sentence = FALSE;
            }
          continue;
        }
      in_header = FALSE;
      if (g_str_has_prefix (copy, "#Text="))
        {
          g_autofree char *t = unescape (copy + 6, -1);
          if (have_sentence && rows->len > sentence_first_row)
            {
              /* A new sentence without a blank line before it. */
              add_sentence_text (&p, sentence->str, g_ptr_array_index (rows, sentence_first_row));
              g_string_truncate (sentence, 0);
              have_sentence = FALSE;
            }
          if (have_sentence)
            g_string_append_c (sentence, '\n');
          else
            sentence_first_row = rows->len;
          g_string_append (sentence, t);
          have_sentence = TRUE;
          continue;
        }
      if (copy[0] == '#')
        continue;  /* #Sentence.id= and other comments */
      if (!have_sentence)
        {
          if (!gloss_import_context_bad_record (ctx, display, reader.line, error,
                                                _("a token row outside a sentence (no “#Text=” "
                                                  "line before it)")))
            return FALSE;
          continue;
        }
      if (!token_row (&p, copy, reader.line, error))
        return FALSE;
    }
  if (have_sentence)
    add_sentence_text (&p, sentence->str,
                       sentence_first_row < rows->len ? g_ptr_array_index (rows,
                                                                           sentence_first_row)
                                                      : NULL);

  /* Every token must sit on its own text. */
  map = gloss_offset_map_new (text->str, text->len);
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = g_ptr_array_index (rows, i);
      GlossFragment f;
      g_autofree char *covered = NULL;

      if (!gloss_format_span_from_utf16 (map, row->begin, row->end, &f))
        {
          if (!gloss_import_context_bad_record (ctx, display, row->line, error,
                                                _("token offsets %u-%u lie outside the text "
                                                  "(%u UTF-16 units) or inside a character"),
                                                row->begin, row->end, p.text16))
            return FALSE;
          continue;
        }
      covered = gloss_format_dup_span_text (map, text->str, f.start, f.end);
      if (g_strcmp0 (covered, row->form) != 0 && !(f.start == f.end && *row->form == '\0'))
        {
          g_autofree char *q_form = gloss_format_quote (row->form, -1);
          g_autofree char *q_covered = gloss_format_quote (covered, -1);

          if (!gloss_import_context_bad_record (ctx, display, row->line, error,
                                                _("token “%s” does not match the text at "
                                                  "%u-%u (“%s”)"), q_form, row->begin,
                                                row->end, q_covered))
            return FALSE;
        }
    }

  /* Write. */
  {
    g_autoptr(JsonBuilder) b = json_builder_new ();
    g_autoptr(JsonNode) root = NULL;
    g_autofree char *meta = NULL;

    json_builder_begin_object (b);
    json_builder_set_member_name (b, "source");
    json_builder_add_string_value (b, file_name);
    json_builder_set_member_name (b, "format");
    json_builder_add_string_value (b, "webanno");
    json_builder_end_object (b);
    root = json_builder_get_root (b);
    meta = json_to_string (root, FALSE);
    doc_id = gloss_import_context_add_document (ctx, name, text->str, text->len, meta, error);
    if (doc_id == 0)
      return FALSE;
  }

  /* Resolve relation and slot ends first: Token ends add annotations. */
  {
    g_autoptr(GPtrArray) rel_ends = g_ptr_array_new ();  /* Ann * pairs */
    g_autoptr(GPtrArray) slot_ends = g_ptr_array_new ();
    g_autoptr(GPtrArray) links = NULL;
    guint n_anns;

    for (guint i = 0; i < relations->len; i++)
      {
        PendingRelation *r = g_ptr_array_index (relations, i);
        Layer *base = find_layer (&p, r->layer->base_type);
        Ann *gov = NULL, *dep = NULL;

        if (base != NULL)
          {
            gov = lookup_ann (&p, base, r->governor_row, r->governor_id);
            dep = lookup_ann (&p, base, r->dependent_row, r->dependent_id);
          }
        else if (r->layer->base_type != NULL &&
                 g_str_has_suffix (r->layer->base_type, ".Token"))
          {
            gov = token_end (&p, r->governor_row);
            dep = token_end (&p, r->dependent_row);
          }
        if (gov == NULL || dep == NULL)
          {
            g_autofree char *q_gov = gloss_format_quote (r->governor_row, -1);
            g_autofree char *q_dep = gloss_format_quote (r->dependent_row, -1);
            g_autofree char *q_type = gloss_format_quote (r->layer->base_type, -1);

            if (!gloss_import_context_bad_record (ctx, display, r->line, error,
                                                  _("relation end %s or %s has no %s "
                                                    "annotation"), q_gov, q_dep, q_type))
              return FALSE;
          }
        g_ptr_array_add (rel_ends, gov);
        g_ptr_array_add (rel_ends, dep);
      }
    for (guint i = 0; i < slots->len; i++)
      {
        PendingSlot *s = g_ptr_array_index (slots, i);
        Layer *target_layer = s->target_type ? find_layer (&p, s->target_type) : NULL;
        Ann *t = target_layer ? lookup_ann (&p, target_layer, s->target_row, s->target_id)
                              : NULL;

        /* "uima.tcas.Annotation": a filler of any span layer. */
        for (guint l = 0; t == NULL && target_layer == NULL && l < layers->len; l++)
          {
            Layer *any = g_ptr_array_index (layers, l);
            if (any->kind == LAYER_SPAN)
              t = lookup_ann (&p, any, s->target_row, s->target_id);
          }
        if (t == NULL)
          {
            g_autofree char *q_row = gloss_format_quote (s->target_row, -1);
            g_autofree char *q_type = gloss_format_quote (s->target_type ? s->target_type : "?",
                                                          -1);

            if (!gloss_import_context_bad_record (ctx, display, s->line, error,
                                                  _("slot filler %s has no %s annotation"),
                                                  q_row, q_type))
              return FALSE;
          }
        g_ptr_array_add (slot_ends, t);
      }

    n_anns = anns->len;
    for (guint i = 0; i < n_anns; i++)
      if (!write_ann (&p, doc_id, map, g_ptr_array_index (anns, i), error))
        return FALSE;

    for (guint i = 0; i < relations->len; i++)
      {
        PendingRelation *r = g_ptr_array_index (relations, i);
        Ann *gov = g_ptr_array_index (rel_ends, 2 * i);
        Ann *dep = g_ptr_array_index (rel_ends, 2 * i + 1);
        const char *type = r->layer->short_name;

        if (gov == NULL || dep == NULL)
          continue;
        for (guint c = 0; c + 1 < r->layer->columns->len; c++)
          if (r->values[c] != NULL && *r->values[c] != '\0')
            {
              Column *col = &g_array_index (r->layer->columns, Column, c);
              if (g_strcmp0 (col->feature, "value") == 0 || type == r->layer->short_name)
                type = r->values[c];
            }
        if (!write_relation (&p, doc_id, gov, dep, type, r->layer, r->values, r->line, error))
          return FALSE;
      }
    for (guint i = 0; i < slots->len; i++)
      {
        PendingSlot *s = g_ptr_array_index (slots, i);
        Ann *t = g_ptr_array_index (slot_ends, i);
        if (t == NULL)
          continue;
        if (!write_relation (&p, doc_id, s->host, t, s->role ? s->role : "slot", NULL, NULL,
                             s->line, error))
          return FALSE;
      }

    /* Chains: link k -> link k+1. */
    links = g_ptr_array_new ();
    for (guint i = 0; i < anns->len; i++)
      {
        Ann *a = g_ptr_array_index (anns, i);
        if (!a->is_token && a->layer->kind == LAYER_CHAIN)
          g_ptr_array_add (links, a);
      }
    g_ptr_array_sort (links, compare_links);
    for (guint i = 0; i + 1 < links->len; i++)
      {
        Ann *a = g_ptr_array_index (links, i);
        Ann *next = g_ptr_array_index (links, i + 1);
        const char *type = "next";

        if (a->layer != next->layer || a->chain != next->chain)
          continue;
        for (guint c = 0; c < a->layer->columns->len; c++)
          if (g_array_index (a->layer->columns, Column, c).kind == COL_CHAIN_RELATION &&
              a->values[c] != NULL)
            type = a->values[c];
        if (!write_relation (&p, doc_id, a, next, type, NULL, NULL, a->line, error))
          return FALSE;
      }
  }

  if (p.n_token_ends > 0)
    gloss_import_report_add (report, GLOSS_PROBLEM_NOTE, display, 0,
                             _("%u relation ends on the Token layer became “Token” "
                               "annotations"), p.n_token_ends);
  for (guint l = 0; l < layers->len; l++)
    {
      Layer *layer = g_ptr_array_index (layers, l);
      g_autofree char *quoted = gloss_format_quote (layer->short_name, -1);

      if (layer->kind == LAYER_CHAIN)
        gloss_import_report_add (report, GLOSS_PROBLEM_NOTE, display, 0,
                                 _("chain layer %s: links became annotations, consecutive links "
                                   "relations"), quoted);
      for (guint c = 0; c < layer->columns->len; c++)
        if (g_array_index (layer->columns, Column, c).kind == COL_SLOT_ROLES)
          gloss_import_report_add (report, GLOSS_PROBLEM_NOTE, display, 0,
                                   _("slot feature of %s: filled slots became relations typed "
                                     "with their role"), quoted);
    }
  gloss_import_report_add (report, GLOSS_PROBLEM_NOTE, display, 0,
                           _("sentence and token boundaries are not kept (Gloss stores text "
                             "and spans)"));
  return TRUE;
}

static const char * const tsv_extensions[] = { "tsv", NULL };

/* A folder: every .tsv file in it and below, in path order, one document
 * each, as the export writes them (and INCEpTION keeps them, one folder
 * per document). */
static gboolean
webanno_import (GlossFormat         *format,
                GlossImportContext  *ctx,
                const char          *path,
                GCancellable        *cancellable,
                GError             **error)
{
  g_autoptr(GPtrArray) files = NULL;
  g_autofree char *display = NULL;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    return import_file (ctx, path, cancellable, error);

  files = gloss_format_list_files (path, tsv_extensions, error);
  if (files == NULL)
    return FALSE;
  if (files->len == 0)
    {
      display = g_filename_display_name (path);
      gloss_import_report_add (gloss_import_context_get_report (ctx), GLOSS_PROBLEM_ERROR,
                               display, 0, _("no .tsv file in this folder"));
      return TRUE;
    }
  for (guint i = 0; i < files->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !import_file (ctx, g_ptr_array_index (files, i), cancellable, error))
        return FALSE;
      gloss_import_context_progress (ctx, (i + 1) / (double) files->len);
    }
  return TRUE;
}

static gboolean
is_webanno_head (const char *data,
                 gsize       len)
{
  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      len -= 3;
    }
  return len >= 21 && strncmp (data, "#FORMAT=WebAnno TSV 3", 21) == 0;
}

/* A folder is WebAnno's when its first .tsv file is (a folder of brat or
 * text files has none). */
static gboolean
folder_is_webanno (const char *dir)
{
  g_autoptr(GPtrArray) files = gloss_format_list_files (dir, tsv_extensions, NULL);
  g_autoptr(GFile) first = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  char head[32];
  gsize n = 0;

  if (files == NULL || files->len == 0)
    return FALSE;
  first = g_file_new_for_path (g_ptr_array_index (files, 0));
  in = g_file_read (first, NULL, NULL);
  if (in == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (in), head, sizeof head, &n, NULL, NULL))
    return FALSE;
  return is_webanno_head (head, n);
}

static int
webanno_detect (GlossFormat *format,
                const char  *path,
                GBytes      *head)
{
  gsize len;
  const char *data = g_bytes_get_data (head, &len);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return folder_is_webanno (path) ? 85 : 0;

  return is_webanno_head (data, len) ? 100 : 0;
}

/* ---- export
 *
 * A folder with one TSV 3.3 file per document, "NAME.tsv", as INCEpTION
 * keeps one file per document. Each file declares
 *
 *   #T_SP=webanno.custom.Span|label|ATTR...|note
 *   #T_RL=webanno.custom.Relation|label|ATTR...|BT_webanno.custom.Span
 *
 * with one feature per attribute name the exported annotations (relations)
 * use, in name order, and "note" when an annotation has one; values are
 * written as strings ("true"/"false" for booleans). Tokens come from
 * gloss_tokenize(), further cut at every annotation boundary so that each
 * annotation covers whole tokens (no sub-token rows are needed; a span's
 * leading or trailing white space is dropped, as INCEpTION does). Sentences
 * come from gloss_split_sentences(), merged wherever the text between two
 * of them is more than line feeds: the importer (ours and INCEpTION's)
 * rebuilds that text as line feeds, so the text comes back exactly. What
 * TSV cannot carry is left out: a discontinuous annotation is written as
 * one annotation per fragment, and text after the last token is lost. */

typedef struct
{
  guint start;   /* code points */
  guint end;
} Tok;

static void
append_escaped (GString    *out,
                const char *s,
                gboolean    value)
{
  for (const char *p = s; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\n':
          g_string_append (out, value ? "\\n" : "\n");
          break;
        case '[':
        case ']':
        case '|':
        case '_':
        case ';':
        case '*':
          if (value)
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
          break;
        case '-':
          if (value && p[1] == '>')
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
          break;
        default:
          g_string_append_c (out, *p);
          break;
        }
    }
}

static char *
variant_string (GVariant *v)
{
  if (v == NULL)
    return NULL;
  if (g_variant_is_of_type (v, G_VARIANT_TYPE_STRING))
    return g_variant_dup_string (v, NULL);
  if (g_variant_is_of_type (v, G_VARIANT_TYPE_BOOLEAN))
    return g_strdup (g_variant_get_boolean (v) ? "true" : "false");
  return g_variant_print (v, FALSE);
}

static void
collect_names (GHashTable *attributes,
               GHashTable *names)
{
  GHashTableIter iter;
  gpointer k;

  if (attributes == NULL)
    return;
  g_hash_table_iter_init (&iter, attributes);
  while (g_hash_table_iter_next (&iter, &k, NULL))
    if (!g_str_equal (k, "label") && !g_str_equal (k, "note"))
      g_hash_table_add (names, k);
}

static GPtrArray *
sorted_keys (GHashTable *set)
{
  GPtrArray *keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer k;

  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, &k, NULL))
    g_ptr_array_add (keys, k);
  return keys;
}

static int
compare_str_ptr (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* One exported span: a fragment of an annotation. */
typedef struct
{
  GlossAnnotation *ann;     /* borrowed */
  guint            first;   /* token range */
  guint            last;
  guint            id;      /* disambiguation id, or 0 */
} Piece;

static gboolean
is_newlines (const gunichar *c,
             guint           from,
             guint           to)
{
  for (guint k = from; k < to; k++)
    if (c[k] != '\n')
      return FALSE;
  return TRUE;
}

static char *
tsv_file_name (const char *name)
{
  GString *s = g_string_new (NULL);

  for (const char *p = name; *p != '\0'; p++)
    g_string_append_c (s, (*p == '/' || *p == '\\' || (p == name && *p == '.')) ? '_' : *p);
  if (s->len == 0)
    g_string_append (s, "document");
  g_string_append (s, ".tsv");
  return g_string_free (s, FALSE);
}

static gboolean
export_document (GlossExportContext  *ctx,
                 GlossDocument       *doc,
                 const char          *dir,
                 GCancellable        *cancellable,
                 GError             **error)
{
  const char *text = gloss_document_get_text (doc);
  g_autoptr(GPtrArray) anns = gloss_export_context_dup_annotations (ctx, doc, error);
  g_autoptr(GPtrArray) rels = NULL;
  g_autoptr(GArray) words = NULL;
  g_autoptr(GArray) sentences = NULL;
  g_autoptr(GArray) toks = g_array_new (FALSE, FALSE, sizeof (Tok));
  g_autoptr(GArray) pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
  g_autoptr(GArray) sent_first = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) boundaries = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) span_attr_set = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) rel_attr_set = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) first_piece = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) span_attrs = NULL;
  g_autoptr(GPtrArray) rel_attrs = NULL;
  g_autoptr(GlossOffsetMap) map = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree gunichar *ucs = NULL;
  guint *n_on_token;  /* how many pieces cover each token; freed once the ids are set */
  g_autofree char *file_name = NULL;
  GPtrArray **cells = NULL;
  gboolean any_note = FALSE;
  glong n_chars = 0;
  guint sentence_no = 0;

  if (anns == NULL)
    return FALSE;
  rels = gloss_export_context_dup_relations (ctx, doc, anns, error);
  if (rels == NULL)
    return FALSE;
  /* Features carry attributes and notes; spans are one fragment each and
   * normalisations have no place. */
  gloss_export_context_check_annotations (ctx, doc, anns,
                                          GLOSS_EXPORT_CARRIES_ATTRIBUTES
                                          | GLOSS_EXPORT_CARRIES_NOTES);
  if (text == NULL)
    return gloss_document_load_text (doc, error);
  ucs = g_utf8_to_ucs4_fast (text, -1, &n_chars);
  map = gloss_offset_map_new (text, -1);

  /* Tokens, cut at annotation boundaries. */
  for (guint i = 0; i < anns->len; i++)
    {
      GlossAnnotation *a = g_ptr_array_index (anns, i);
      const GlossFragment *f;
      guint n;

      f = gloss_annotation_get_fragments (a, &n);
      for (guint k = 0; k < n; k++)
        {
          g_hash_table_add (boundaries, GUINT_TO_POINTER (f[k].start + 1));
          g_hash_table_add (boundaries, GUINT_TO_POINTER (f[k].end + 1));
        }
      collect_names (gloss_annotation_get_attributes (a), span_attr_set);
      if (gloss_annotation_get_note (a) != NULL && *gloss_annotation_get_note (a) != '\0')
        any_note = TRUE;
    }
  for (guint i = 0; i < rels->len; i++)
    collect_names (gloss_relation_get_attributes (g_ptr_array_index (rels, i)), rel_attr_set);
  span_attrs = sorted_keys (span_attr_set);
  rel_attrs = sorted_keys (rel_attr_set);
  g_ptr_array_sort (span_attrs, compare_str_ptr);
  g_ptr_array_sort (rel_attrs, compare_str_ptr);

  words = gloss_tokenize (text, -1);
  for (guint i = 0; i < words->len; i++)
    {
      GlossToken *w = &g_array_index (words, GlossToken, i);
      Tok t = { w->start, w->start };
      for (guint k = w->start + 1; k <= w->end; k++)
        if (k == w->end || g_hash_table_contains (boundaries, GUINT_TO_POINTER (k + 1)))
          {
            t.end = k;
            g_array_append_val (toks, t);
            t.start = k;
          }
    }

  /* Sentences, merged unless only line feeds lie between them. */
  sentences = gloss_split_sentences (text, -1, words);
  for (guint s = 0; s < sentences->len; s++)
    {
      GlossSentence *st = &g_array_index (sentences, GlossSentence, s);
      guint first = 0;

      if (s > 0 && !is_newlines (ucs, g_array_index (sentences, GlossSentence, s - 1).end,
                                 st->start))
        continue;  /* merged with the sentence before */
      while (first < toks->len && g_array_index (toks, Tok, first).start < st->start)
        first++;
      g_array_append_val (sent_first, first);
    }

  /* Pieces: each fragment over the whole tokens it covers. */
  n_on_token = g_new0 (guint, toks->len + 1);
  for (guint i = 0; i < anns->len; i++)
    {
      GlossAnnotation *a = g_ptr_array_index (anns, i);
      const GlossFragment *f;
      guint n;

      f = gloss_annotation_get_fragments (a, &n);
      for (guint k = 0; k < n; k++)
        {
          Piece piece = { a, G_MAXUINT, 0, 0 };
          guint lo = 0, hi = toks->len;

          /* The first token ending after the fragment's start. */
          while (lo < hi)
            {
              guint mid = lo + (hi - lo) / 2;
              if (g_array_index (toks, Tok, mid).end > f[k].start)
                hi = mid;
              else
                lo = mid + 1;
            }
          for (guint t = lo; t < toks->len; t++)
            {
              Tok *tok = &g_array_index (toks, Tok, t);
              if (tok->start >= f[k].end)
                break;
              if (tok->start >= f[k].start && tok->end <= f[k].end)
                {
                  piece.first = MIN (piece.first, t);
                  piece.last = t;
                }
            }
          if (piece.first == G_MAXUINT)
            continue;  /* only white space */
          for (guint t = piece.first; t <= piece.last; t++)
            n_on_token[t]++;
          if (!g_hash_table_contains (first_piece, gloss_annotation_get_uuid (a)))
            g_hash_table_insert (first_piece, (gpointer) gloss_annotation_get_uuid (a),
                                 GUINT_TO_POINTER (pieces->len + 1));
          g_array_append_val (pieces, piece);
        }
    }
  {
    guint next_id = 1;
    for (guint i = 0; i < pieces->len; i++)
      {
        Piece *piece = &g_array_index (pieces, Piece, i);
        gboolean need = piece->first != piece->last;
        for (guint t = piece->first; t <= piece->last; t++)
          if (n_on_token[t] > 1)
            need = TRUE;
        if (need)
          piece->id = next_id++;
      }
  }
  g_free (n_on_token);

  /* Cells per token: span columns and relation columns. */
  {
    guint n_span_cols = 1 + span_attrs->len + (any_note ? 1 : 0);
    guint n_rel_cols = rels->len > 0 ? 1 + rel_attrs->len + 1 : 0;
    guint n_cols = n_span_cols + n_rel_cols;

    cells = g_new0 (GPtrArray *, toks->len * n_cols + 1);
    for (guint i = 0; i < toks->len * n_cols; i++)
      cells[i] = g_ptr_array_new_with_free_func (g_free);

    for (guint i = 0; i < pieces->len; i++)
      {
        Piece *piece = &g_array_index (pieces, Piece, i);
        for (guint t = piece->first; t <= piece->last; t++)
          {
            for (guint c = 0; c < n_span_cols; c++)
              {
                GString *v = g_string_new (NULL);
                g_autofree char *value = NULL;

                if (c == 0)
                  value = g_strdup (gloss_annotation_get_label (piece->ann));
                else if (c <= span_attrs->len)
                  value = variant_string (gloss_annotation_get_attribute (
                    piece->ann, g_ptr_array_index (span_attrs, c - 1)));
                else
                  value = g_strdup (gloss_annotation_get_note (piece->ann));
                if (value == NULL || *value == '\0')
                  g_string_append_c (v, '*');
                else
                  append_escaped (v, value, TRUE);
                if (piece->id != 0)
                  g_string_append_printf (v, "[%u]", piece->id);
                g_ptr_array_add (cells[t * n_cols + c], g_string_free (v, FALSE));
              }
          }
      }
    for (guint i = 0; i < rels->len; i++)
      {
        GlossRelation *r = g_ptr_array_index (rels, i);
        guint gi = GPOINTER_TO_UINT (g_hash_table_lookup (first_piece,
                                                          gloss_relation_get_source (r)));
        guint di = GPOINTER_TO_UINT (g_hash_table_lookup (first_piece,
                                                          gloss_relation_get_target (r)));
        Piece *gov, *dep;
        guint gov_sent = 0, dep_row;

        if (gi == 0 || di == 0)
          continue;  /* an end with no whole token */
        gov = &g_array_index (pieces, Piece, gi - 1);
        dep = &g_array_index (pieces, Piece, di - 1);
        dep_row = dep->first;
        for (guint c = 0; c < n_rel_cols; c++)
          {
            GString *v = g_string_new (NULL);
            if (c == n_rel_cols - 1)
              {
                /* The last sentence starting at or before the governor. */
                guint lo = 0, hi = sent_first->len;
                while (lo < hi)
                  {
                    guint mid = lo + (hi - lo) / 2;
                    if (g_array_index (sent_first, guint, mid) <= gov->first)
                      lo = mid + 1;
                    else
                      hi = mid;
                  }
                gov_sent = lo > 0 ? lo - 1 : 0;
                g_string_append_printf (v, "%u-%u", gov_sent + 1,
                                        gov->first - g_array_index (sent_first, guint, gov_sent)
                                        + 1);
                if (gov->id != 0 || dep->id != 0)
                  g_string_append_printf (v, "[%u_%u]", gov->id, dep->id);
              }
            else
              {
                g_autofree char *value = NULL;
                if (c == 0)
                  value = g_strdup (gloss_relation_get_relation_type (r));
                else
                  value = variant_string (gloss_relation_get_attribute (
                    r, g_ptr_array_index (rel_attrs, c - 1)));
                if (value == NULL || *value == '\0')
                  g_string_append_c (v, '*');
                else
                  append_escaped (v, value, TRUE);
              }
            g_ptr_array_add (cells[dep_row * n_cols + n_span_cols + c], g_string_free (v, FALSE));
          }
      }

    /* Header. */
    g_string_append (out, "#FORMAT=WebAnno TSV 3.3\n#T_SP=webanno.custom.Span|label");
    for (guint i = 0; i < span_attrs->len; i++)
      g_string_append_printf (out, "|%s", (const char *) g_ptr_array_index (span_attrs, i));
    if (any_note)
      g_string_append (out, "|note");
    g_string_append_c (out, '\n');
    if (n_rel_cols > 0)
      {
        g_string_append (out, "#T_RL=webanno.custom.Relation|label");
        for (guint i = 0; i < rel_attrs->len; i++)
          g_string_append_printf (out, "|%s", (const char *) g_ptr_array_index (rel_attrs, i));
        g_string_append (out, "|BT_webanno.custom.Span\n");
      }
    g_string_append (out, "\n\n");

    /* Sentences. */
    for (guint s = 0; s < sent_first->len; s++)
      {
        guint first = g_array_index (sent_first, guint, s);
        guint end = s + 1 < sent_first->len ? g_array_index (sent_first, guint, s + 1)
                                            : toks->len;
        const char *a, *b;
        g_autofree char *sentence = NULL;
        g_auto(GStrv) lines = NULL;

        if (first >= end)
          continue;
        sentence_no++;
        a = g_utf8_offset_to_pointer (text, g_array_index (toks, Tok, first).start);
        b = g_utf8_offset_to_pointer (text, g_array_index (toks, Tok, end - 1).end);
        sentence = g_strndup (a, b - a);
        if (s > 0)
          g_string_append_c (out, '\n');
        lines = g_strsplit (sentence, "\n", -1);
        for (guint l = 0; lines[l] != NULL; l++)
          {
            g_string_append (out, "#Text=");
            append_escaped (out, lines[l], FALSE);
            g_string_append_c (out, '\n');
          }
        for (guint t = first; t < end; t++)
          {
            Tok *tok = &g_array_index (toks, Tok, t);
            guint b16 = 0, e16 = 0;
            const char *ta = g_utf8_offset_to_pointer (text, tok->start);
            const char *tb = g_utf8_offset_to_pointer (ta, tok->end - tok->start);
            g_autofree char *form = g_strndup (ta, tb - ta);

            gloss_offset_map_char_to_utf16 (map, tok->start, &b16);
            gloss_offset_map_char_to_utf16 (map, tok->end, &e16);
            g_string_append_printf (out, "%u-%u\t%u-%u\t", sentence_no, t - first + 1, b16, e16);
            append_escaped (out, form, FALSE);
            g_string_append_c (out, '\t');
            for (guint c = 0; c < n_cols; c++)
              {
                GPtrArray *cell = cells[t * n_cols + c];
                if (cell->len == 0)
                  g_string_append_c (out, '_');
                for (guint k = 0; k < cell->len; k++)
                  {
                    if (k > 0)
                      g_string_append_c (out, '|');
                    g_string_append (out, g_ptr_array_index (cell, k));
                  }
                g_string_append_c (out, '\t');
              }
            g_string_append_c (out, '\n');
          }
      }
    for (guint i = 0; i < toks->len * n_cols; i++)
      g_ptr_array_unref (cells[i]);
    g_free (cells);
  }

  file_name = tsv_file_name (gloss_document_get_name (doc));
  return gloss_export_context_write_file (ctx, dir, file_name, out->str, out->len, cancellable,
                                          error);
}

static gboolean
webanno_export (GlossFormat         *format,
                GlossExportContext  *ctx,
                const char          *path,
                GCancellable        *cancellable,
                GError             **error)
{
  GPtrArray *docs = gloss_export_context_get_documents (ctx);

  if (g_mkdir_with_parents (path, 0755) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (path);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("%s: cannot create the folder: %s"), display, g_strerror (saved));
      return FALSE;
    }
  for (guint d = 0; d < docs->len; d++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!export_document (ctx, g_ptr_array_index (docs, d), path, cancellable, error))
        return FALSE;
      gloss_export_context_progress (ctx, (double) (d + 1) / docs->len);
    }
  return TRUE;
}

static void
gloss_format_webanno_class_init (GlossFormatWebannoClass *klass)
{
  GlossFormatClass *format_class = GLOSS_FORMAT_CLASS (klass);
  static const char * const extensions[] = { "tsv", NULL };

  format_class->name = "webanno";
  format_class->display_name = N_("WebAnno TSV 3 (INCEpTION)");
  format_class->extensions = extensions;
  format_class->detect = webanno_detect;
  format_class->import_path = webanno_import;
  format_class->export_path = webanno_export;
  format_class->export_to_folder = TRUE;
}

static void
gloss_format_webanno_init (GlossFormatWebanno *self)
{
}
