/* gloss-suggester-gazetteer.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "gloss-annotation.h"
#include "gloss-document.h"
#include "gloss-offsets.h"
#include "gloss-project.h"
#include "gloss-schema.h"
#include "gloss-suggester-gazetteer-private.h"
#include "gloss-tokenizer.h"

/* An entry as added, listed or learnt. */
typedef struct
{
  char       *text;  /* owned, stripped */
  const char *label; /* interned */
  double      score;
} Entry;

/* A (label, score) of an indexed text. */
typedef struct
{
  const char *label; /* interned */
  double      score;
} LabelScore;

/* One distinct text in the index, with every label it proposes. */
typedef struct
{
  char    *key;     /* owned: the text, case-folded when matching ignores case */
  gsize    key_len; /* bytes */
  guint    n_chars; /* code points of the text as given */
  gboolean ascii;   /* the text is ASCII: it folds to lowercase, byte for byte */
  GArray  *labels;  /* owned, of LabelScore */
} IndexEntry;

/* A byte range, the key of the first-token table (lookups need no copy). */
typedef struct
{
  const char *str;
  gsize       len;
} Bytes;

typedef struct
{
  Bytes      first;   /* into entry->key or its own copy (owned below) */
  char      *owned;   /* owned, when first is not inside the key */
  GPtrArray *entries; /* owned array, borrowed IndexEntry, longest first */
} Bucket;

/* What suggest() reads: built once after the entries or the case change. */
typedef struct
{
  GHashTable *by_first; /* Bytes* (in Bucket) -> Bucket*, owns buckets */
  GPtrArray  *entries;  /* owned IndexEntry */
  gboolean    case_sensitive;
} Index;

struct _GlossGazetteerSuggester
{
  GObject     parent_instance;

  GHashTable *manual;  /* owned: "text\x1flabel" -> Entry*, added or listed */
  GHashTable *trained; /* owned: the same, learnt by train() */
  gboolean    case_sensitive;
  Index      *index; /* owned, NULL until needed after a change */
};

static void gloss_gazetteer_suggester_iface_init (GlossSuggesterInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GlossGazetteerSuggester, gloss_gazetteer_suggester, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GLOSS_TYPE_SUGGESTER,
                                                      gloss_gazetteer_suggester_iface_init))

/* ---- entries -------------------------------------------------------------- */

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->text);
  g_free (entry);
}

static GHashTable *
entries_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
}

static void
entries_put (GHashTable *entries,
             const char *text,
             const char *label,
             double      score)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->text = g_strdup (text);
  entry->label = g_intern_string (label);
  entry->score = CLAMP (score, 0.0, 1.0);
  g_hash_table_replace (entries, g_strconcat (text, "\x1f", label, NULL), entry);
}

/* Only the entity and cue layers: never a whole claim. */
static gboolean
label_is_proposable (GlossSchema *schema,
                     const char  *label)
{
  GlossLabel *l;
  const char *layer;

  if (schema == NULL || (l = gloss_schema_lookup_label (schema, label)) == NULL)
    return FALSE;
  layer = gloss_label_get_layer (l);
  return g_strcmp0 (layer, "entity") == 0 || g_strcmp0 (layer, "cue") == 0;
}

/* ---- the index ------------------------------------------------------------ */

static guint
bytes_hash (gconstpointer key)
{
  const Bytes *b = key;
  guint32      h = 2166136261u;

  for (gsize i = 0; i < b->len; i++)
    h = (h ^ (guchar) b->str[i]) * 16777619u;
  return h;
}

static gboolean
bytes_equal (gconstpointer a,
             gconstpointer b)
{
  const Bytes *x = a, *y = b;

  return x->len == y->len && memcmp (x->str, y->str, x->len) == 0;
}

static void
bucket_free (gpointer data)
{
  Bucket *bucket = data;

  g_free (bucket->owned);
  g_ptr_array_unref (bucket->entries);
  g_free (bucket);
}

static void
index_entry_free (gpointer data)
{
  IndexEntry *entry = data;

  g_free (entry->key);
  g_array_unref (entry->labels);
  g_free (entry);
}

static void
index_free (Index *index)
{
  g_hash_table_unref (index->by_first);
  g_ptr_array_unref (index->entries);
  g_free (index);
}

static gboolean
is_ascii (const char *str,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if ((guchar) str[i] >= 128)
      return FALSE;
  return TRUE;
}

static char *
fold (const char *str,
      gssize      len,
      gboolean    case_sensitive)
{
  return case_sensitive ? g_strndup (str, len >= 0 ? (gsize) len : strlen (str))
                        : g_utf8_casefold (str, len);
}

static int
compare_by_length_desc (gconstpointer a,
                        gconstpointer b)
{
  const IndexEntry *x = *(IndexEntry **) a, *y = *(IndexEntry **) b;

  if (x->n_chars != y->n_chars)
    return x->n_chars > y->n_chars ? -1 : 1;
  return strcmp (x->key, y->key);
}

static void
index_add_entries (GHashTable *texts,
                   GHashTable *entries)
{
  GHashTableIter iter;
  Entry         *entry;

  g_hash_table_iter_init (&iter, entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    {
      GArray  *labels = g_hash_table_lookup (texts, entry->text);
      gboolean found = FALSE;

      if (labels == NULL)
        {
          labels = g_array_new (FALSE, FALSE, sizeof (LabelScore));
          g_hash_table_insert (texts, entry->text, labels);
        }
      for (guint i = 0; i < labels->len; i++)
        {
          LabelScore *ls = &g_array_index (labels, LabelScore, i);

          if (ls->label == entry->label)
            {
              ls->score = MAX (ls->score, entry->score);
              found = TRUE;
            }
        }
      if (!found)
        {
          LabelScore ls = { entry->label, entry->score };

          g_array_append_val (labels, ls);
        }
    }
}

static int
compare_label_scores (gconstpointer a,
                      gconstpointer b)
{
  return strcmp (((const LabelScore *) a)->label, ((const LabelScore *) b)->label);
}

static Index *
index_build (GlossGazetteerSuggester *self)
{
  g_autoptr(GHashTable) texts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                        (GDestroyNotify) g_array_unref);
  Index         *index = g_new0 (Index, 1);
  GHashTableIter iter;
  const char    *text;
  GArray        *labels;

  index->case_sensitive = self->case_sensitive;
  index->by_first = g_hash_table_new_full (bytes_hash, bytes_equal, NULL, bucket_free);
  index->entries = g_ptr_array_new_with_free_func (index_entry_free);

  /* Texts that differ only in case are one text when case is ignored:
   * their labels are merged below through the bucket's key lookup. */
  index_add_entries (texts, self->manual);
  index_add_entries (texts, self->trained);

  g_hash_table_iter_init (&iter, texts);
  while (g_hash_table_iter_next (&iter, (gpointer *) &text, (gpointer *) &labels))
    {
      g_autoptr(GArray) tokens = gloss_tokenize (text, -1);
      const GlossToken *first;
      g_autofree char  *first_text = NULL;
      Bucket           *bucket;
      Bytes             key;
      IndexEntry       *entry = NULL;

      if (tokens->len == 0)
        continue;
      first = &g_array_index (tokens, GlossToken, 0);
      {
        const char *p = g_utf8_offset_to_pointer (text, first->start);
        const char *q = g_utf8_offset_to_pointer (p, first->end - first->start);

        first_text = fold (p, q - p, index->case_sensitive);
      }
      key.str = first_text;
      key.len = strlen (first_text);
      bucket = g_hash_table_lookup (index->by_first, &key);
      if (bucket == NULL)
        {
          bucket = g_new0 (Bucket, 1);
          bucket->owned = g_steal_pointer (&first_text);
          bucket->first.str = bucket->owned;
          bucket->first.len = key.len;
          bucket->entries = g_ptr_array_new ();
          g_hash_table_insert (index->by_first, &bucket->first, bucket);
        }

      {
        g_autofree char *folded = fold (text, -1, index->case_sensitive);

        for (guint i = 0; i < bucket->entries->len; i++)
          {
            IndexEntry *e = g_ptr_array_index (bucket->entries, i);

            if (strcmp (e->key, folded) == 0)
              entry = e;
          }
        if (entry == NULL)
          {
            entry = g_new0 (IndexEntry, 1);
            entry->key_len = strlen (folded);
            entry->key = g_steal_pointer (&folded);
            entry->n_chars = (guint) g_utf8_strlen (text, -1);
            entry->ascii = is_ascii (text, strlen (text));
            entry->labels = g_array_new (FALSE, FALSE, sizeof (LabelScore));
            g_ptr_array_add (index->entries, entry);
            g_ptr_array_add (bucket->entries, entry);
          }
      }
      for (guint i = 0; i < labels->len; i++)
        {
          LabelScore *ls = &g_array_index (labels, LabelScore, i);
          gboolean    found = FALSE;

          for (guint j = 0; j < entry->labels->len; j++)
            {
              LabelScore *have = &g_array_index (entry->labels, LabelScore, j);

              if (have->label == ls->label)
                {
                  have->score = MAX (have->score, ls->score);
                  found = TRUE;
                }
            }
          if (!found)
            g_array_append_val (entry->labels, *ls);
        }
    }

  /* Deterministic whatever the hash order: longest first, labels sorted. */
  g_hash_table_iter_init (&iter, index->by_first);
  {
    Bucket *bucket;

    while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &bucket))
      g_ptr_array_sort (bucket->entries, compare_by_length_desc);
  }
  for (guint i = 0; i < index->entries->len; i++)
    {
      IndexEntry *entry = g_ptr_array_index (index->entries, i);

      g_array_sort (entry->labels, compare_label_scores);
    }
  return index;
}

static Index *
ensure_index (GlossGazetteerSuggester *self)
{
  if (self->index == NULL)
    self->index = index_build (self);
  return self->index;
}

static void
invalidate (GlossGazetteerSuggester *self)
{
  g_clear_pointer (&self->index, index_free);
}

/* ---- matching ------------------------------------------------------------- */

typedef struct
{
  guint       first_token;
  guint       n_tokens;
  guint       n_chars;
  IndexEntry *entry; /* borrowed */
} Candidate;

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *x = a, *y = b;

  if (x->n_chars != y->n_chars)
    return x->n_chars > y->n_chars ? -1 : 1;
  if (x->first_token != y->first_token)
    return x->first_token < y->first_token ? -1 : 1;
  return 0;
}

static int
compare_candidates_in_text (gconstpointer a,
                            gconstpointer b)
{
  const Candidate *x = a, *y = b;

  if (x->first_token != y->first_token)
    return x->first_token < y->first_token ? -1 : 1;
  return 0;
}

/* The accepted candidates (longest first where they overlap), in text
 * order, or NULL when cancelled. */
static GArray *
find_candidates (Index             *index,
                 GlossSuggestInput *input,
                 GCancellable      *cancellable)
{
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autofree guint8 *taken = NULL;
  GArray            *accepted;
  GArray            *tokens = input->tokens;
  const char        *text = input->text;
  const char        *text_end = text + strlen (text);
  const char        *p = text;
  guint              p_offset = 0;

  if (g_hash_table_size (index->by_first) == 0)
    return g_array_new (FALSE, FALSE, sizeof (Candidate));

  for (guint i = 0; i < tokens->len; i++)
    {
      const GlossToken *token = &g_array_index (tokens, GlossToken, i);
      const char       *start, *end;
      g_autofree char  *folded = NULL;
      char              buf[128];
      Bucket           *bucket;
      Bytes             key;

      if ((i & 4095) == 4095 && g_cancellable_is_cancelled (cancellable))
        return NULL;

      start = g_utf8_offset_to_pointer (p, token->start - p_offset);
      end = g_utf8_offset_to_pointer (start, token->end - token->start);
      p = start;
      p_offset = token->start;

      if (index->case_sensitive)
        {
          key.str = start;
          key.len = end - start;
        }
      else if (is_ascii (start, end - start) && (gsize) (end - start) < sizeof buf)
        {
          /* ASCII folds to lowercase: no allocation for most tokens. */
          for (gsize k = 0; k < (gsize) (end - start); k++)
            buf[k] = g_ascii_tolower (start[k]);
          key.str = buf;
          key.len = end - start;
        }
      else
        {
          folded = g_utf8_casefold (start, end - start);
          key.str = folded;
          key.len = strlen (folded);
        }
      bucket = g_hash_table_lookup (index->by_first, &key);
      if (bucket == NULL)
        continue;

      for (guint k = 0; k < bucket->entries->len; k++)
        {
          IndexEntry *entry = g_ptr_array_index (bucket->entries, k);
          guint       match_end = token->start + entry->n_chars;
          guint       last;

          if (match_end > input->length)
            continue;
          if (index->case_sensitive)
            {
              if ((gsize) (text_end - start) < entry->key_len ||
                  memcmp (start, entry->key, entry->key_len) != 0)
                continue;
            }
          else if (entry->ascii)
            {
              if ((gsize) (text_end - start) < entry->key_len ||
                  g_ascii_strncasecmp (start, entry->key, entry->key_len) != 0)
                continue;
            }
          else
            {
              const char      *q = g_utf8_offset_to_pointer (start, entry->n_chars);
              g_autofree char *span = g_utf8_casefold (start, q - start);

              if (strcmp (span, entry->key) != 0)
                continue;
            }
          /* It must end where a token ends. */
          last = gloss_tokens_find (tokens, match_end - 1);
          if (last >= tokens->len || g_array_index (tokens, GlossToken, last).end != match_end)
            continue;
          {
            Candidate c = { i, last - i + 1, entry->n_chars, entry };

            g_array_append_val (candidates, c);
          }
        }
    }

  /* Longest match wins where matches overlap. */
  g_array_sort (candidates, compare_candidates);
  taken = g_new0 (guint8, tokens->len + 1);
  accepted = g_array_new (FALSE, FALSE, sizeof (Candidate));
  for (guint i = 0; i < candidates->len; i++)
    {
      const Candidate *c = &g_array_index (candidates, Candidate, i);
      gboolean         free_span = TRUE;

      for (guint t = c->first_token; t < c->first_token + c->n_tokens && free_span; t++)
        free_span = !taken[t];
      if (!free_span)
        continue;
      memset (taken + c->first_token, 1, c->n_tokens);
      g_array_append_val (accepted, *c);
    }
  g_array_sort (accepted, compare_candidates_in_text);
  /* freed where scan-build sees it */
  g_clear_pointer (&taken, g_free);
  return accepted;
}

GArray *
_gloss_gazetteer_suggester_match (GlossGazetteerSuggester *self,
                                  GlossSuggestInput       *input)
{
  g_autoptr(GArray) candidates = find_candidates (ensure_index (self), input, NULL);
  GArray *matches = g_array_new (FALSE, FALSE, sizeof (GlossGazetteerMatch));

  for (guint i = 0; i < candidates->len; i++)
    {
      const Candidate *c = &g_array_index (candidates, Candidate, i);

      for (guint j = 0; j < c->entry->labels->len; j++)
        {
          const LabelScore   *ls = &g_array_index (c->entry->labels, LabelScore, j);
          GlossGazetteerMatch m = { c->first_token, c->n_tokens, ls->label, ls->score };

          g_array_append_val (matches, m);
        }
    }
  return matches;
}

/* ---- annotated spans ------------------------------------------------------ */

/* The fragments of one label sorted by start, with the largest end so far. */
typedef struct
{
  GArray *starts;   /* guint */
  GArray *max_ends; /* guint: max end of fragments 0..i */
} Covered;

static void
covered_free (gpointer data)
{
  Covered *covered = data;

  g_array_unref (covered->starts);
  g_array_unref (covered->max_ends);
  g_free (covered);
}

static int
compare_fragments (gconstpointer a,
                   gconstpointer b)
{
  const GlossFragment *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return x->end < y->end ? -1 : x->end > y->end;
}

/* label (interned) -> Covered */
static GHashTable *
covered_new (GPtrArray *annotations)
{
  g_autoptr(GHashTable) fragments = g_hash_table_new_full (NULL, NULL, NULL,
                                                            (GDestroyNotify) g_array_unref);
  GHashTable    *table = g_hash_table_new_full (NULL, NULL, NULL, covered_free);
  GHashTableIter iter;
  const char    *label;
  GArray        *array;

  for (guint i = 0; annotations != NULL && i < annotations->len; i++)
    {
      GlossAnnotation     *a = g_ptr_array_index (annotations, i);
      const GlossFragment *f;
      guint                n;

      label = g_intern_string (gloss_annotation_get_label (a));
      array = g_hash_table_lookup (fragments, label);
      if (array == NULL)
        {
          array = g_array_new (FALSE, FALSE, sizeof (GlossFragment));
          g_hash_table_insert (fragments, (gpointer) label, array);
        }
      f = gloss_annotation_get_fragments (a, &n);
      g_array_append_vals (array, f, n);
    }

  g_hash_table_iter_init (&iter, fragments);
  while (g_hash_table_iter_next (&iter, (gpointer *) &label, (gpointer *) &array))
    {
      Covered *covered = g_new0 (Covered, 1);
      guint    max_end = 0;

      g_array_sort (array, compare_fragments);
      covered->starts = g_array_sized_new (FALSE, FALSE, sizeof (guint), array->len);
      covered->max_ends = g_array_sized_new (FALSE, FALSE, sizeof (guint), array->len);
      for (guint i = 0; i < array->len; i++)
        {
          const GlossFragment *f = &g_array_index (array, GlossFragment, i);

          max_end = MAX (max_end, f->end);
          g_array_append_val (covered->starts, f->start);
          g_array_append_val (covered->max_ends, max_end);
        }
      g_hash_table_insert (table, (gpointer) label, covered);
    }
  return table;
}

/* Whether a fragment of @label overlaps [start, end). */
static gboolean
covered_overlaps (GHashTable *table,
                  const char *label,
                  guint       start,
                  guint       end)
{
  Covered *covered = g_hash_table_lookup (table, label);
  guint    lo = 0, hi;

  if (covered == NULL)
    return FALSE;
  /* The fragments starting before @end: [0, lo). */
  hi = covered->starts->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (covered->starts, guint, mid) < end)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo > 0 && g_array_index (covered->max_ends, guint, lo - 1) > start;
}

/* ---- learning ------------------------------------------------------------- */

typedef struct
{
  const char *label; /* interned */
  guint       count;
} LabelCount;

static void
learn_input (GHashTable        *counts,
             GlossSchema       *schema,
             GlossSuggestInput *input)
{
  for (guint i = 0; i < input->annotations->len; i++)
    {
      GlossAnnotation     *a = g_ptr_array_index (input->annotations, i);
      const char          *label = gloss_annotation_get_label (a);
      const GlossFragment *f;
      guint                n;
      gsize                p, q;
      g_autofree char     *text = NULL;
      GArray              *labels;
      gboolean             found = FALSE;

      f = gloss_annotation_get_fragments (a, &n);
      if (n != 1 || f->end > input->length || !label_is_proposable (schema, label))
        continue;
      if (!gloss_offset_map_char_to_byte (input->map, f->start, &p) ||
          !gloss_offset_map_char_to_byte (input->map, f->end, &q))
        continue;
      text = g_strstrip (g_strndup (input->text + p, q - p));
      if (*text == '\0')
        continue;

      label = g_intern_string (label);
      labels = g_hash_table_lookup (counts, text);
      if (labels == NULL)
        {
          labels = g_array_new (FALSE, FALSE, sizeof (LabelCount));
          g_hash_table_insert (counts, g_strdup (text), labels);
        }
      for (guint j = 0; j < labels->len && !found; j++)
        {
          LabelCount *lc = &g_array_index (labels, LabelCount, j);

          if (lc->label == label)
            {
              lc->count++;
              found = TRUE;
            }
        }
      if (!found)
        {
          LabelCount lc = { label, 1 };

          g_array_append_val (labels, lc);
        }
    }
}

static GHashTable *
counts_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
}

/* The most frequent label of each text (the first name on a tie), scored
 * with its share. */
static GHashTable *
counts_to_entries (GHashTable *counts)
{
  GHashTable    *entries = entries_new ();
  GHashTableIter iter;
  const char    *text;
  GArray        *labels;

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, (gpointer *) &text, (gpointer *) &labels))
    {
      const LabelCount *best = NULL;
      guint             total = 0;

      for (guint i = 0; i < labels->len; i++)
        {
          const LabelCount *lc = &g_array_index (labels, LabelCount, i);

          total += lc->count;
          if (best == NULL || lc->count > best->count ||
              (lc->count == best->count && strcmp (lc->label, best->label) < 0))
            best = lc;
        }
      if (best == NULL)
        continue;
      entries_put (entries, text, best->label, (double) best->count / total);
    }
  return entries;
}

void
_gloss_gazetteer_suggester_learn (GlossGazetteerSuggester *self,
                                  GlossSchema             *schema,
                                  GPtrArray               *inputs)
{
  g_autoptr(GHashTable) counts = counts_new ();

  g_return_if_fail (GLOSS_IS_GAZETTEER_SUGGESTER (self));

  for (guint i = 0; i < inputs->len; i++)
    learn_input (counts, schema, g_ptr_array_index (inputs, i));
  g_hash_table_unref (self->trained);
  self->trained = counts_to_entries (counts);
  invalidate (self);
}

/* ---- GlossSuggester ------------------------------------------------------- */

static const char *
gloss_gazetteer_suggester_get_name (GlossSuggester *suggester)
{
  return "gazetteer";
}

static char **
gloss_gazetteer_suggester_dup_labels (GlossSuggester *suggester,
                                      GlossSchema    *schema)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GListModel *labels;

  if (schema == NULL)
    return g_strv_builder_end (builder);
  labels = gloss_schema_get_labels (schema);
  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (labels, i);

      if (label_is_proposable (schema, gloss_label_get_name (label)))
        g_strv_builder_add (builder, gloss_label_get_name (label));
    }
  return g_strv_builder_end (builder);
}

static gboolean
gloss_gazetteer_suggester_train (GlossSuggester   *suggester,
                                 GlossProject     *project,
                                 GlossProgressFunc progress,
                                 gpointer          progress_data,
                                 GCancellable     *cancellable,
                                 GError          **error)
{
  GlossGazetteerSuggester *self = GLOSS_GAZETTEER_SUGGESTER (suggester);
  GlossSchema             *schema = gloss_project_get_schema (project);
  g_autoptr(GHashTable) counts = counts_new ();
  /* Only the annotated documents, in list order: walking the whole list
   * read every document of the project (100,000 rows and 120 MB beside a
   * window that had just opened a large unannotated project). */
  g_autoptr(GArray) ids = gloss_store_list_annotated_documents (gloss_project_get_store (project),
                                                                error);

  if (ids == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      GlossDocument *document = gloss_project_lookup_document (project,
                                                               g_array_index (ids, gint64, i));
      g_autoptr(GlossSuggestInput) input = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      /* a document removed a moment ago (by another program) is none */
      if (document != NULL)
        {
          input = gloss_suggest_input_new (project, document, error);
          if (input == NULL)
            return FALSE;
          learn_input (counts, schema, input);
        }
      if (progress != NULL)
        progress ((double) (i + 1) / ids->len, progress_data);
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  g_hash_table_unref (self->trained);
  self->trained = counts_to_entries (counts);
  invalidate (self);
  if (progress != NULL)
    progress (1.0, progress_data);
  return TRUE;
}

static GPtrArray *
gloss_gazetteer_suggester_suggest (GlossSuggester    *suggester,
                                   GlossSuggestInput *input,
                                   GCancellable      *cancellable,
                                   GError           **error)
{
  GlossGazetteerSuggester *self = GLOSS_GAZETTEER_SUGGESTER (suggester);
  g_autoptr(GPtrArray) suggestions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) proposable = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) covered = NULL;
  g_autoptr(GArray) candidates = NULL;

  candidates = find_candidates (ensure_index (self), input, cancellable);
  if (candidates == NULL)
    {
      g_cancellable_set_error_if_cancelled (cancellable, error);
      return NULL;
    }
  covered = covered_new (input->annotations);

  for (guint i = 0; i < candidates->len; i++)
    {
      const Candidate *c = &g_array_index (candidates, Candidate, i);
      guint            start = g_array_index (input->tokens, GlossToken, c->first_token).start;
      guint            end = start + c->n_chars;

      for (guint j = 0; j < c->entry->labels->len; j++)
        {
          const LabelScore *ls = &g_array_index (c->entry->labels, LabelScore, j);
          gpointer          ok;

          if (!g_hash_table_lookup_extended (proposable, ls->label, NULL, &ok))
            {
              ok = GINT_TO_POINTER (label_is_proposable (input->schema, ls->label));
              g_hash_table_insert (proposable, (gpointer) ls->label, ok);
            }
          if (!GPOINTER_TO_INT (ok) || covered_overlaps (covered, ls->label, start, end))
            continue;
          g_ptr_array_add (suggestions,
                           gloss_suggestion_new_span (ls->label, start, end, ls->score,
                                                      "gazetteer"));
        }
    }
  return g_steal_pointer (&suggestions);
}

static void
gloss_gazetteer_suggester_iface_init (GlossSuggesterInterface *iface)
{
  iface->get_name = gloss_gazetteer_suggester_get_name;
  iface->dup_labels = gloss_gazetteer_suggester_dup_labels;
  iface->train = gloss_gazetteer_suggester_train;
  iface->suggest = gloss_gazetteer_suggester_suggest;
}

/* ---- GObject -------------------------------------------------------------- */

static void
gloss_gazetteer_suggester_finalize (GObject *object)
{
  GlossGazetteerSuggester *self = GLOSS_GAZETTEER_SUGGESTER (object);

  g_clear_pointer (&self->manual, g_hash_table_unref);
  g_clear_pointer (&self->trained, g_hash_table_unref);
  invalidate (self);

  G_OBJECT_CLASS (gloss_gazetteer_suggester_parent_class)->finalize (object);
}

static void
gloss_gazetteer_suggester_class_init (GlossGazetteerSuggesterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gloss_gazetteer_suggester_finalize;
}

static void
gloss_gazetteer_suggester_init (GlossGazetteerSuggester *self)
{
  self->manual = entries_new ();
  self->trained = entries_new ();
  self->case_sensitive = TRUE;
}

/* ---- public API ----------------------------------------------------------- */

GlossSuggester *
gloss_gazetteer_suggester_new (void)
{
  return g_object_new (GLOSS_TYPE_GAZETTEER_SUGGESTER, NULL);
}

void
gloss_gazetteer_suggester_add (GlossGazetteerSuggester *self,
                               const char              *text,
                               const char              *label,
                               double                   score)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (GLOSS_IS_GAZETTEER_SUGGESTER (self));
  g_return_if_fail (text != NULL && g_utf8_validate (text, -1, NULL));
  g_return_if_fail (label != NULL && *label != '\0');

  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0')
    return;
  entries_put (self->manual, stripped, label, score);
  invalidate (self);
}

gboolean
gloss_gazetteer_suggester_load_list (GlossGazetteerSuggester *self,
                                     const char              *path,
                                     GError                 **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *display = NULL;
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) lines = NULL;
  gsize len;

  g_return_val_if_fail (GLOSS_IS_GAZETTEER_SUGGESTER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  display = g_filename_display_name (path);
  if (!g_file_get_contents (path, &contents, &len, error))
    return FALSE;
  if (memchr (contents, '\0', len) != NULL || !g_utf8_validate (contents, len, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s: the list is not UTF-8 text"), display);
      return FALSE;
    }

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char            *line = lines[i];
      gsize            n = strlen (line);
      char            *tab;
      g_autofree char *text = NULL;
      g_autofree char *label = NULL;

      if (n > 0 && line[n - 1] == '\r')
        line[n - 1] = '\0';
      {
        g_autofree char *copy = g_strstrip (g_strdup (line));

        if (*copy == '\0' || *copy == '#')
          continue;
      }
      tab = strchr (line, '\t');
      if (tab != NULL)
        {
          text = g_strstrip (g_strndup (line, tab - line));
          label = g_strstrip (g_strdup (tab + 1));
        }
      if (tab == NULL || *text == '\0' || *label == '\0' || strchr (label, '\t') != NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("%s:%u: expected “text<TAB>label”"), display, i + 1);
          return FALSE;
        }
      g_ptr_array_add (pairs, g_steal_pointer (&text));
      g_ptr_array_add (pairs, g_steal_pointer (&label));
    }

  for (guint i = 0; i + 1 < pairs->len; i += 2)
    entries_put (self->manual, g_ptr_array_index (pairs, i), g_ptr_array_index (pairs, i + 1),
                 1.0);
  invalidate (self);
  return TRUE;
}

void
gloss_gazetteer_suggester_set_case_sensitive (GlossGazetteerSuggester *self,
                                              gboolean                 case_sensitive)
{
  g_return_if_fail (GLOSS_IS_GAZETTEER_SUGGESTER (self));

  case_sensitive = !!case_sensitive;
  if (self->case_sensitive == case_sensitive)
    return;
  self->case_sensitive = case_sensitive;
  invalidate (self);
}

gboolean
gloss_gazetteer_suggester_get_case_sensitive (GlossGazetteerSuggester *self)
{
  g_return_val_if_fail (GLOSS_IS_GAZETTEER_SUGGESTER (self), TRUE);

  return self->case_sensitive;
}

guint
gloss_gazetteer_suggester_get_n_entries (GlossGazetteerSuggester *self)
{
  g_autoptr(GHashTable) all = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  const char    *key;

  g_return_val_if_fail (GLOSS_IS_GAZETTEER_SUGGESTER (self), 0);

  g_hash_table_iter_init (&iter, self->manual);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
    g_hash_table_add (all, (gpointer) key);
  g_hash_table_iter_init (&iter, self->trained);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
    g_hash_table_add (all, (gpointer) key);
  return g_hash_table_size (all);
}
