/* gloss-suggester-model.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "gloss-annotation.h"
#include "gloss-document.h"
#include "gloss-project.h"
#include "gloss-schema.h"
#include "gloss-suggester-gazetteer-private.h"
#include "gloss-suggester-model.h"
#include "gloss-tokenizer.h"

/* Weights: hashed feature buckets, each with a float per tag of its layer.
 * The number of buckets follows the vocabulary of the training documents
 * (BUCKETS_PER_WORD a distinct word, a power of two between the bounds):
 * a table that fits the caches trains several times faster, and a large
 * vocabulary needs room against collisions. */
#define MIN_BUCKET_BITS  14
#define MAX_BUCKET_BITS  20
#define BUCKETS_PER_WORD 16
#define DEFAULT_EPOCHS   6
#define SHUFFLE_SEED     0x676c6f73u

/* Features of a token that do not depend on the tags decoded so far. */
enum
{
  F_BIAS,
  F_LOWER,
  F_SHAPE,
  F_PREFIX1,
  F_PREFIX2,
  F_PREFIX3,
  F_SUFFIX1,
  F_SUFFIX2,
  F_SUFFIX3,
  F_CAPITALISED,
  F_DIGIT,
  F_PREV1,
  F_NEXT1,
  F_PREV2,
  F_NEXT2,
  F_PREV_SHAPE,
  F_NEXT_SHAPE,
  F_BIGRAM,
  F_GAZETTEER,
  F_GAZETTEER_NEXT,
  N_STATIC
};

/* ...and those that do. */
enum
{
  F_PREV_TAG = N_STATIC,
  F_PREV_TAGS,
  F_PREV_TAG_LOWER,
  N_FEATURES
};

/* One layer's tagger: tag 0 is O, 1 + 2k is B of label k, 2 + 2k is I. */
typedef struct
{
  char      *layer;  /* owned */
  GPtrArray *labels; /* owned strings */
  guint      n_tags;
  guint32    mask;    /* buckets - 1 */
  float     *weights; /* owned: buckets * n_tags, averaged */
} Tagger;

typedef struct
{
  GPtrArray               *taggers;   /* owned Tagger */
  GlossGazetteerSuggester *gazetteer; /* owned, learnt from all the training documents */
} Model;

struct _GlossModelSuggester
{
  GObject parent_instance;

  Model  *model; /* owned, NULL until trained */
  guint   epochs;
  guint   n_documents; /* learnt from */
};

static void gloss_model_suggester_iface_init (GlossSuggesterInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GlossModelSuggester, gloss_model_suggester, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GLOSS_TYPE_SUGGESTER,
                                                      gloss_model_suggester_iface_init))

/* ---- the model ------------------------------------------------------------ */

static void
tagger_free (gpointer data)
{
  Tagger *tagger = data;

  g_free (tagger->layer);
  g_ptr_array_unref (tagger->labels);
  g_free (tagger->weights);
  g_free (tagger);
}

static void
model_free (Model *model)
{
  g_ptr_array_unref (model->taggers);
  g_clear_object (&model->gazetteer);
  g_free (model);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Model, model_free)

/* ---- hashing -------------------------------------------------------------- */

static inline guint32
mix (guint32 h)
{
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  h ^= h >> 16;
  return h;
}

static inline guint32
hash_bytes (const char *s,
            gsize       len)
{
  guint32 h = 2166136261u;

  for (gsize i = 0; i < len; i++)
    h = (h ^ (guchar) s[i]) * 16777619u;
  return h;
}

static inline guint32
feature (guint   kind,
         guint32 value)
{
  return mix (value ^ (kind * 0x9e3779b9u));
}

/* ---- features ------------------------------------------------------------- */

/* What every layer's tagger reads of a document: per token, the buckets of
 * its static features, and the hash of its lowercased text. */
typedef struct
{
  guint    n_tokens;
  guint32 *features; /* owned: n_tokens * N_STATIC buckets */
  guint32 *lower;    /* owned: n_tokens hashes */
} Features;

static void
features_clear (Features *f)
{
  g_clear_pointer (&f->features, g_free);
  g_clear_pointer (&f->lower, g_free);
}

static char
char_class (gunichar c)
{
  if (g_unichar_isupper (c) || g_unichar_istitle (c))
    return 'X';
  if (g_unichar_islower (c))
    return 'x';
  if (g_unichar_isdigit (c))
    return 'd';
  return 0;
}

/* "Xxxx", "dd", "X.X.", runs of one class cut at four. */
static guint32
shape_hash (const char *s,
            const char *end)
{
  char  buf[64];
  guint n = 0, run = 0;
  char  last = 0;

  for (const char *p = s; p < end && n + 8 < sizeof buf; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      char     k = char_class (c);

      if (k == 0)
        {
          /* Other characters as themselves (ASCII) or as one mark. */
          k = c < 128 ? (char) c : '*';
        }
      run = k == last ? run + 1 : 1;
      last = k;
      if (run <= 4)
        buf[n++] = k;
    }
  return hash_bytes (buf, n);
}

/* Computes @f for the tokens of @input, with @gaz_tags (per token: 0, or
 * the hash of "B-LABEL" / "I-LABEL" of a gazetteer match). */
static void
features_compute (Features          *f,
                  GlossSuggestInput *input,
                  const guint32     *gaz_tags)
{
  GArray             *tokens = input->tokens;
  guint               n = tokens->len;
  g_autofree guint32 *shape = g_new0 (guint32, n);
  const char         *p = input->text;
  guint               p_offset = 0;
  char                lower_buf[256];

  f->n_tokens = n;
  f->features = g_new0 (guint32, (gsize) n * N_STATIC + 1);
  f->lower = g_new0 (guint32, n + 1);

  /* First pass: the token itself. */
  for (guint i = 0; i < n; i++)
    {
      const GlossToken *token = &g_array_index (tokens, GlossToken, i);
      guint32          *out = f->features + (gsize) i * N_STATIC;
      const char       *start, *end;
      g_autofree char  *heap = NULL;
      const char       *lower;
      gsize             lower_len, len;
      gboolean          ascii = TRUE, has_digit = FALSE;
      gunichar          first;
      guint             n_chars;
      const char       *q;

      start = g_utf8_offset_to_pointer (p, token->start - p_offset);
      end = g_utf8_offset_to_pointer (start, token->end - token->start);
      p = start;
      p_offset = token->start;
      len = end - start;

      for (gsize k = 0; k < len; k++)
        {
          if ((guchar) start[k] >= 128)
            ascii = FALSE;
          if (g_ascii_isdigit (start[k]))
            has_digit = TRUE;
        }
      if (ascii && len < sizeof lower_buf)
        {
          for (gsize k = 0; k < len; k++)
            lower_buf[k] = g_ascii_tolower (start[k]);
          lower_buf[len] = '\0';
          lower = lower_buf;
          lower_len = len;
          n_chars = (guint) len;
        }
      else
        {
          heap = g_utf8_strdown (start, len);
          lower = heap;
          lower_len = strlen (heap);
          n_chars = (guint) g_utf8_strlen (heap, -1);
        }

      f->lower[i] = hash_bytes (lower, lower_len);
      shape[i] = shape_hash (start, end);
      first = g_utf8_get_char (start);

      out[F_BIAS] = feature (F_BIAS, 0);
      out[F_LOWER] = feature (F_LOWER, f->lower[i]);
      out[F_SHAPE] = feature (F_SHAPE, shape[i]);
      /* Affixes of one to three characters (the whole token when shorter). */
      q = lower;
      for (guint k = 0; k < 3; k++)
        {
          if (k < n_chars)
            q = g_utf8_next_char (q);
          out[F_PREFIX1 + k] = feature (F_PREFIX1 + k, hash_bytes (lower, q - lower));
        }
      q = lower + lower_len;
      for (guint k = 0; k < 3; k++)
        {
          if (k < n_chars)
            q = g_utf8_prev_char (q);
          out[F_SUFFIX1 + k] = feature (F_SUFFIX1 + k,
                                        hash_bytes (q, lower + lower_len - q));
        }
      out[F_CAPITALISED] = feature (F_CAPITALISED,
                                    g_unichar_isupper (first) || g_unichar_istitle (first));
      out[F_DIGIT] = feature (F_DIGIT, has_digit ? 1 + ((token->flags & GLOSS_TOKEN_NUMBER) != 0)
                                                 : 0);
      out[F_GAZETTEER] = feature (F_GAZETTEER, gaz_tags != NULL ? gaz_tags[i] : 0);
    }

  /* Second pass: the neighbours. Out of the text is its own value. */
  for (guint i = 0; i < n; i++)
    {
      guint32 *out = f->features + (gsize) i * N_STATIC;
      guint32  none = 0x5bd1e995u;

      out[F_PREV1] = feature (F_PREV1, i >= 1 ? f->lower[i - 1] : none);
      out[F_NEXT1] = feature (F_NEXT1, i + 1 < n ? f->lower[i + 1] : none);
      out[F_PREV2] = feature (F_PREV2, i >= 2 ? f->lower[i - 2] : none);
      out[F_NEXT2] = feature (F_NEXT2, i + 2 < n ? f->lower[i + 2] : none);
      out[F_PREV_SHAPE] = feature (F_PREV_SHAPE, i >= 1 ? shape[i - 1] : none);
      out[F_NEXT_SHAPE] = feature (F_NEXT_SHAPE, i + 1 < n ? shape[i + 1] : none);
      out[F_BIGRAM] = feature (F_BIGRAM, (i >= 1 ? f->lower[i - 1] : none) * 31u + f->lower[i]);
      out[F_GAZETTEER_NEXT] = feature (F_GAZETTEER_NEXT,
                                       gaz_tags != NULL && i + 1 < n ? gaz_tags[i + 1] : 0);
    }
  /* freed where scan-build sees it */
  g_clear_pointer (&shape, g_free);
}

/* Per token, the hash of the gazetteer's "B-LABEL"/"I-LABEL" there, or 0.
 * With @drop, each match is left out with a chance of one half. */
static guint32 *
gazetteer_tags (GlossGazetteerSuggester *gazetteer,
                GlossSuggestInput       *input,
                GRand                   *drop)
{
  g_autoptr(GArray) matches = NULL;
  guint32 *tags = g_new0 (guint32, input->tokens->len + 1);

  if (gazetteer == NULL)
    return tags;
  matches = _gloss_gazetteer_suggester_match (gazetteer, input);
  for (guint i = 0; i < matches->len; i++)
    {
      const GlossGazetteerMatch *m = &g_array_index (matches, GlossGazetteerMatch, i);
      guint32                    h = hash_bytes (m->label, strlen (m->label));

      /* A text with several labels: the first (sorted) one. */
      if (tags[m->first_token] != 0 || (drop != NULL && g_rand_boolean (drop)))
        continue;
      tags[m->first_token] = mix (h ^ 0xb);
      for (guint t = 1; t < m->n_tokens; t++)
        tags[m->first_token + t] = mix (h ^ 0x1);
    }
  return tags;
}

/* The buckets of the features that read the tags decoded before @i. */
static inline void
dynamic_features (guint32        *out,
                  const Features *f,
                  guint           i,
                  guint           prev,
                  guint           prev2)
{
  out[0] = feature (F_PREV_TAG, prev);
  out[1] = feature (F_PREV_TAGS, prev2 * 1000u + prev);
  out[2] = feature (F_PREV_TAG_LOWER, f->lower[i] * 31u + prev);
}

/* ---- decoding ------------------------------------------------------------- */

static inline void
score_tags (const float   *weights,
            guint32        mask,
            guint          n_tags,
            const guint32 *statics,
            const guint32 *dynamics,
            float         *scores)
{
  memset (scores, 0, n_tags * sizeof (float));
  for (guint k = 0; k < N_STATIC; k++)
    {
      const float *w = weights + (gsize) (statics[k] & mask) * n_tags;

      for (guint t = 0; t < n_tags; t++)
        scores[t] += w[t];
    }
  for (guint k = 0; k < N_FEATURES - N_STATIC; k++)
    {
      const float *w = weights + (gsize) (dynamics[k] & mask) * n_tags;

      for (guint t = 0; t < n_tags; t++)
        scores[t] += w[t];
    }
}

/* An I tag only continues its own label's B or I. */
static inline gboolean
tag_allowed (guint tag,
             guint prev)
{
  if (tag == 0 || (tag & 1) == 1)
    return TRUE;
  return prev == tag || prev == tag - 1;
}

/* Decodes @f with @tagger: @tags and @probs (the softmax probability of
 * each chosen tag) get one value per token. */
static void
decode (const Tagger   *tagger,
        const Features *f,
        guint          *tags,
        float          *probs)
{
  g_autofree float *scores = g_new (float, tagger->n_tags);
  guint             prev = 0, prev2 = 0;

  for (guint i = 0; i < f->n_tokens; i++)
    {
      const guint32 *statics = f->features + (gsize) i * N_STATIC;
      guint32        dyn[N_FEATURES - N_STATIC];
      guint          best = 0;
      double         sum = 0;

      dynamic_features (dyn, f, i, prev, prev2);
      score_tags (tagger->weights, tagger->mask, tagger->n_tags, statics, dyn, scores);
      for (guint t = 1; t < tagger->n_tags; t++)
        if (tag_allowed (t, prev) && scores[t] > scores[best])
          best = t;
      for (guint t = 0; t < tagger->n_tags; t++)
        if (tag_allowed (t, prev))
          sum += exp ((double) scores[t] - scores[best]);
      tags[i] = best;
      probs[i] = (float) (1.0 / sum);
      prev2 = prev;
      prev = best;
    }
}

/* ---- training ------------------------------------------------------------- */

/* One training document. */
typedef struct
{
  Features features;
  guint8 **gold; /* owned: per tagger, n_tokens tags (owned) */
} Example;

typedef struct
{
  float *w; /* current weights */
  float *u; /* sum of step * update, for averaging */
} Trainer;

/* The annotations to learn from: the gold ones when there are any, else
 * those of the annotator with the most (the first name on a tie). */
static GPtrArray *
choose_annotations (GlossSuggestInput *input)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray     *chosen = g_ptr_array_new ();
  const char    *best = NULL;
  guint          best_count = 0;
  GHashTableIter iter;
  gpointer       key, value;

  for (guint i = 0; i < input->annotations->len; i++)
    {
      GlossAnnotation *a = g_ptr_array_index (input->annotations, i);
      const char      *who = gloss_annotation_get_annotator (a);
      guint            count;

      if (who == NULL)
        who = "";
      count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, who));
      g_hash_table_insert (counts, (gpointer) who, GUINT_TO_POINTER (count + 1));
    }
  if (g_hash_table_contains (counts, GLOSS_GOLD_ANNOTATOR))
    best = GLOSS_GOLD_ANNOTATOR;
  else
    {
      g_hash_table_iter_init (&iter, counts);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (best == NULL || GPOINTER_TO_UINT (value) > best_count ||
            (GPOINTER_TO_UINT (value) == best_count && strcmp (key, best) < 0))
          {
            best = key;
            best_count = GPOINTER_TO_UINT (value);
          }
    }
  for (guint i = 0; i < input->annotations->len; i++)
    {
      GlossAnnotation *a = g_ptr_array_index (input->annotations, i);

      if (g_strcmp0 (gloss_annotation_get_annotator (a), best) == 0 ||
          (best != NULL && *best == '\0' && gloss_annotation_get_annotator (a) == NULL))
        g_ptr_array_add (chosen, a);
    }
  return chosen;
}

static Tagger *
find_tagger (GPtrArray  *taggers,
             const char *layer)
{
  for (guint i = 0; i < taggers->len; i++)
    {
      Tagger *tagger = g_ptr_array_index (taggers, i);

      if (g_str_equal (tagger->layer, layer))
        return tagger;
    }
  return NULL;
}

static int
find_label (Tagger     *tagger,
            const char *label)
{
  for (guint i = 0; i < tagger->labels->len; i++)
    if (g_str_equal (g_ptr_array_index (tagger->labels, i), label))
      return (int) i;
  return -1;
}

/* The taggers for every layer and label @inputs' chosen annotations use,
 * in schema order. */
static GPtrArray *
make_taggers (GlossSchema *schema,
              GPtrArray   *inputs,
              GPtrArray   *chosen)
{
  g_autoptr(GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray  *taggers = g_ptr_array_new_with_free_func (tagger_free);
  GListModel *labels = gloss_schema_get_labels (schema);

  for (guint i = 0; i < inputs->len; i++)
    {
      GPtrArray *annotations = g_ptr_array_index (chosen, i);

      for (guint j = 0; j < annotations->len; j++)
        g_hash_table_add (used, (gpointer) gloss_annotation_get_label (annotations->pdata[j]));
    }
  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (labels, i);
      const char *name = gloss_label_get_name (label);
      const char *layer = gloss_label_get_layer (label);
      Tagger     *tagger;

      if (!g_hash_table_contains (used, name))
        continue;
      if (layer == NULL)
        layer = "";
      tagger = find_tagger (taggers, layer);
      if (tagger == NULL)
        {
          tagger = g_new0 (Tagger, 1);
          tagger->layer = g_strdup (layer);
          tagger->labels = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (taggers, tagger);
        }
      g_ptr_array_add (tagger->labels, g_strdup (name));
    }
  for (guint i = 0; i < taggers->len; i++)
    {
      Tagger *tagger = g_ptr_array_index (taggers, i);

      tagger->n_tags = 1 + 2 * tagger->labels->len;
    }
  return taggers;
}

/* The gold BIO tags of one tagger over @input's tokens. */
static guint8 *
gold_tags (Tagger            *tagger,
           GlossSchema       *schema,
           GlossSuggestInput *input,
           GPtrArray         *annotations)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (GlossTokenSpan));
  g_autoptr(GArray) span_labels = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree guint *assigned = NULL;
  guint             n = input->tokens->len;
  guint8           *tags = g_new0 (guint8, n + 1);

  for (guint i = 0; i < annotations->len; i++)
    {
      GlossAnnotation     *a = g_ptr_array_index (annotations, i);
      const char          *name = gloss_annotation_get_label (a);
      GlossLabel          *label = gloss_schema_lookup_label (schema, name);
      const GlossFragment *fragments;
      guint                n_fragments;
      int                  k;

      if (label == NULL || g_strcmp0 (gloss_label_get_layer (label), tagger->layer) != 0)
        continue;
      k = find_label (tagger, gloss_annotation_get_label (a));
      if (k < 0)
        continue;
      fragments = gloss_annotation_get_fragments (a, &n_fragments);
      for (guint j = 0; j < n_fragments; j++)
        {
          GlossTokenSpan span = { fragments[j].start, fragments[j].end, spans->len };

          g_array_append_val (spans, span);
          g_array_append_val (span_labels, k);
        }
    }
  if (spans->len == 0)
    return tags;

  assigned = gloss_tokens_assign_spans (input->tokens, (GlossTokenSpan *) spans->data, spans->len,
                                        NULL, NULL);
  for (guint i = 0; i < n; i++)
    {
      guint v = assigned[i];
      int   k;

      if (v == 0)
        continue;
      k = g_array_index (span_labels, int, v - 1);
      tags[i] = (i > 0 && assigned[i - 1] == v) ? 2 + 2 * k : 1 + 2 * k;
    }
  return tags;
}

static void
example_clear (Example *e,
               guint    n_taggers)
{
  features_clear (&e->features);
  for (guint t = 0; e->gold != NULL && t < n_taggers; t++)
    g_free (e->gold[t]);
  g_clear_pointer (&e->gold, g_free);
}

static inline void
update (Trainer       *tr,
        guint32        mask,
        guint          n_tags,
        const guint32 *statics,
        const guint32 *dynamics,
        guint          tag,
        float          delta,
        float          step)
{
  for (guint k = 0; k < N_FEATURES; k++)
    {
      guint32 h = k < N_STATIC ? statics[k] : dynamics[k - N_STATIC];
      gsize   at = (gsize) (h & mask) * n_tags + tag;

      tr->w[at] += delta;
      tr->u[at] += step * delta;
    }
}

/* The model suggester's work: everything from @inputs (with their
 * annotations), or NULL when cancelled or when nothing is annotated. */
static Model *
train_model (GlossSchema      *schema,
             GPtrArray        *inputs,
             guint             epochs,
             GlossProgressFunc progress,
             gpointer          progress_data,
             double            progress_from,
             GCancellable     *cancellable,
             GError          **error)
{
  g_autoptr(Model) model = g_new0 (Model, 1);
  g_autoptr(GPtrArray) chosen = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) half0 = g_ptr_array_new ();
  g_autoptr(GPtrArray) half1 = g_ptr_array_new ();
  g_autoptr(GlossGazetteerSuggester) fold0 = NULL;
  g_autoptr(GlossGazetteerSuggester) fold1 = NULL;
  GPtrArray               *halves[2] = { half0, half1 };
  GlossGazetteerSuggester *folds[2];
  g_autoptr(GRand) rand = g_rand_new_with_seed (SHUFFLE_SEED);
  g_autofree Example *examples = NULL;
  g_autofree guint   *order = NULL;
  g_autofree Trainer *trainers = NULL;
  guint               n = inputs->len, n_taggers;
  guint               max_tags = 1, bits;
  float               step = 1;
  gboolean            cancelled = FALSE;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (chosen, choose_annotations (g_ptr_array_index (inputs, i)));
  model->taggers = make_taggers (schema, inputs, chosen);
  n_taggers = model->taggers->len;
  if (n_taggers == 0)
    {
      g_set_error (error, GLOSS_SUGGEST_ERROR, GLOSS_SUGGEST_ERROR_NOT_TRAINED,
                   _("No document has annotations of a label of the schema to learn from"));
      g_clear_pointer (&model, model_free);
      return NULL;
    }

  /* The gazetteer of all documents proposes at suggestion time; while
   * training, each document sees the one learnt from the other half, and
   * half of its matches only, so that the tagger does not learn to trust
   * it blindly: names it has never seen must be found from their context. */
  model->gazetteer = GLOSS_GAZETTEER_SUGGESTER (gloss_gazetteer_suggester_new ());
  {
    g_autoptr(GPtrArray) gold_inputs = g_ptr_array_new ();

    for (guint i = 0; i < n; i++)
      {
        GlossSuggestInput *input = g_ptr_array_index (inputs, i);
        GlossSuggestInput *only = g_new0 (GlossSuggestInput, 1);

        /* The same document with the chosen annotations only. */
        *only = *input;
        only->annotations = g_ptr_array_index (chosen, i);
        g_ptr_array_add (gold_inputs, only);
        g_ptr_array_add (halves[i % 2], only);
      }
    _gloss_gazetteer_suggester_learn (model->gazetteer, schema, gold_inputs);
    fold0 = GLOSS_GAZETTEER_SUGGESTER (gloss_gazetteer_suggester_new ());
    fold1 = GLOSS_GAZETTEER_SUGGESTER (gloss_gazetteer_suggester_new ());
    folds[0] = fold0;
    folds[1] = fold1;
    for (guint h = 0; h < 2; h++)
      _gloss_gazetteer_suggester_learn (folds[h], schema, halves[h]);
    /* The copies borrow everything: free the shells only. */
    for (guint i = 0; i < gold_inputs->len; i++)
      g_free (gold_inputs->pdata[i]);
  }

  examples = g_new0 (Example, n);
  for (guint i = 0; i < n; i++)
    {
      GlossSuggestInput  *input = g_ptr_array_index (inputs, i);
      g_autofree guint32 *gaz = gazetteer_tags (folds[1 - i % 2], input, rand);

      if (g_cancellable_is_cancelled (cancellable))
        {
          cancelled = TRUE;
          n = i;
          break;
        }
      features_compute (&examples[i].features, input, gaz);
      examples[i].gold = g_new0 (guint8 *, n_taggers);
      for (guint t = 0; t < n_taggers; t++)
        examples[i].gold[t] = gold_tags (g_ptr_array_index (model->taggers, t), schema, input,
                                         g_ptr_array_index (chosen, i));
    }

  /* The size of the table, from the number of distinct words. */
  {
    g_autoptr(GHashTable) words = g_hash_table_new (NULL, NULL);

    for (guint i = 0; i < n; i++)
      for (guint k = 0; k < examples[i].features.n_tokens; k++)
        g_hash_table_add (words, GUINT_TO_POINTER (examples[i].features.lower[k]));
    bits = MIN_BUCKET_BITS;
    while (bits < MAX_BUCKET_BITS &&
           (1u << bits) < (guint64) g_hash_table_size (words) * BUCKETS_PER_WORD)
      bits++;
  }

  trainers = g_new0 (Trainer, n_taggers);
  for (guint t = 0; t < n_taggers && !cancelled; t++)
    {
      Tagger *tagger = g_ptr_array_index (model->taggers, t);

      tagger->mask = (1u << bits) - 1;
      trainers[t].w = g_new0 (float, ((gsize) tagger->mask + 1) * tagger->n_tags);
      trainers[t].u = g_new0 (float, ((gsize) tagger->mask + 1) * tagger->n_tags);
      max_tags = MAX (max_tags, tagger->n_tags);
    }

  order = g_new (guint, n + 1);
  for (guint i = 0; i < n; i++)
    order[i] = i;

  for (guint epoch = 0; epoch < epochs && !cancelled; epoch++)
    {
      /* Fisher–Yates with a fixed seed: the same order every training. */
      for (guint i = n; i > 1; i--)
        {
          guint j = (guint) g_rand_int_range (rand, 0, (gint32) i);
          guint tmp = order[i - 1];

          order[i - 1] = order[j];
          order[j] = tmp;
        }
      for (guint k = 0; k < n; k++)
        {
          const Example    *e = &examples[order[k]];
          g_autofree float *scores = g_new (float, max_tags);

          if (g_cancellable_is_cancelled (cancellable))
            {
              cancelled = TRUE;
              g_clear_pointer (&scores, g_free);
              break;
            }
          for (guint t = 0; t < n_taggers; t++)
            {
              Tagger  *tagger = g_ptr_array_index (model->taggers, t);
              Trainer *tr = &trainers[t];
              guint    prev = 0, prev2 = 0;

              for (guint i = 0; i < e->features.n_tokens; i++)
                {
                  const guint32 *statics = e->features.features + (gsize) i * N_STATIC;
                  guint32        dyn[N_FEATURES - N_STATIC];
                  guint          gold = e->gold[t][i], guess = 0;

                  dynamic_features (dyn, &e->features, i, prev, prev2);
                  score_tags (tr->w, tagger->mask, tagger->n_tags, statics, dyn, scores);
                  for (guint g = 1; g < tagger->n_tags; g++)
                    if (scores[g] > scores[guess])
                      guess = g;
                  if (guess != gold)
                    {
                      update (tr, tagger->mask, tagger->n_tags, statics, dyn, gold, 1, step);
                      update (tr, tagger->mask, tagger->n_tags, statics, dyn, guess, -1, step);
                    }
                  step++;
                  prev2 = prev;
                  prev = guess;
                }
            }
          if (progress != NULL)
            progress (progress_from + (1 - progress_from) * 0.999 *
                                        ((double) epoch * n + k + 1) / ((double) epochs * n),
                      progress_data);
          g_clear_pointer (&scores, g_free);
        }
    }

  /* Averaged weights: w - u / steps. */
  for (guint t = 0; t < n_taggers && !cancelled; t++)
    {
      Tagger *tagger = g_ptr_array_index (model->taggers, t);
      gsize   size = ((gsize) tagger->mask + 1) * tagger->n_tags;

      tagger->weights = g_steal_pointer (&trainers[t].w);
      for (gsize i = 0; i < size; i++)
        tagger->weights[i] -= trainers[t].u[i] / step;
    }

  for (guint t = 0; t < n_taggers; t++)
    {
      g_free (trainers[t].w);
      g_free (trainers[t].u);
    }
  for (guint i = 0; i < inputs->len && examples != NULL; i++)
    if (i < n)
      example_clear (&examples[i], n_taggers);
  /* freed where scan-build sees it */
  g_clear_pointer (&examples, g_free);
  g_clear_pointer (&order, g_free);
  g_clear_pointer (&trainers, g_free);

  if (cancelled)
    {
      g_cancellable_set_error_if_cancelled (cancellable, error);
      g_clear_pointer (&model, model_free);
      return NULL;
    }
  return g_steal_pointer (&model);
}

/* ---- GlossSuggester ------------------------------------------------------- */

static const char *
gloss_model_suggester_get_name (GlossSuggester *suggester)
{
  return "model";
}

static char **
gloss_model_suggester_dup_labels (GlossSuggester *suggester,
                                  GlossSchema    *schema)
{
  GlossModelSuggester *self = GLOSS_MODEL_SUGGESTER (suggester);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GListModel *labels;

  if (schema == NULL)
    return g_strv_builder_end (builder);
  labels = gloss_schema_get_labels (schema);
  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (labels, i);
      const char *name = gloss_label_get_name (label);
      gboolean    known = self->model == NULL;

      for (guint t = 0; self->model != NULL && t < self->model->taggers->len && !known; t++)
        known = find_label (g_ptr_array_index (self->model->taggers, t), name) >= 0;
      if (known)
        g_strv_builder_add (builder, name);
    }
  return g_strv_builder_end (builder);
}

static gboolean
gloss_model_suggester_train (GlossSuggester   *suggester,
                             GlossProject     *project,
                             GlossProgressFunc progress,
                             gpointer          progress_data,
                             GCancellable     *cancellable,
                             GError          **error)
{
  GlossModelSuggester *self = GLOSS_MODEL_SUGGESTER (suggester);
  g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                                   gloss_suggest_input_unref);
  /* Only the annotated documents, in list order: the others would all be
   * read for nothing. */
  g_autoptr(GArray) ids = gloss_store_list_annotated_documents (gloss_project_get_store (project),
                                                                error);
  guint  n;
  Model *model;

  if (ids == NULL)
    return FALSE;
  n = ids->len;
  /* Reading the documents is the first tenth of the progress. */
  for (guint i = 0; i < n; i++)
    {
      GlossDocument *document = gloss_project_lookup_document (project,
                                                               g_array_index (ids, gint64, i));
      GlossSuggestInput *input;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      /* NULL: removed since it was listed */
      if (document == NULL)
        continue;
      input = gloss_suggest_input_new (project, document, error);
      if (input == NULL)
        return FALSE;
      if (input->annotations->len > 0)
        g_ptr_array_add (inputs, input);
      else
        gloss_suggest_input_unref (input);
      if (progress != NULL)
        progress (0.1 * (i + 1) / n, progress_data);
    }

  model = train_model (gloss_project_get_schema (project), inputs, self->epochs, progress,
                       progress_data, 0.1, cancellable, error);
  if (model == NULL)
    return FALSE;
  g_clear_pointer (&self->model, model_free);
  self->model = model;
  self->n_documents = inputs->len;
  if (progress != NULL)
    progress (1.0, progress_data);
  return TRUE;
}

guint
gloss_model_suggester_get_n_documents (GlossModelSuggester *self)
{
  g_return_val_if_fail (GLOSS_IS_MODEL_SUGGESTER (self), 0);
  return self->model != NULL ? self->n_documents : 0;
}

static gboolean
check_trained (GlossModelSuggester *self,
               GError             **error)
{
  if (self->model != NULL)
    return TRUE;
  g_set_error (error, GLOSS_SUGGEST_ERROR, GLOSS_SUGGEST_ERROR_NOT_TRAINED,
               _("The model has not been trained on any annotations yet"));
  return FALSE;
}

static GPtrArray *
gloss_model_suggester_suggest (GlossSuggester    *suggester,
                               GlossSuggestInput *input,
                               GCancellable      *cancellable,
                               GError           **error)
{
  GlossModelSuggester *self = GLOSS_MODEL_SUGGESTER (suggester);
  g_autoptr(GPtrArray) suggestions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) annotated = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree guint32 *gaz = NULL;
  g_autofree guint   *tags = NULL;
  g_autofree float   *probs = NULL;
  Features            f = { 0 };
  GArray             *tokens = input->tokens;
  guint               n = tokens->len;

  if (!check_trained (self, error))
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  for (guint i = 0; i < input->annotations->len; i++)
    {
      GlossAnnotation *a = g_ptr_array_index (input->annotations, i);

      const char      *label = gloss_annotation_get_label (a);

      g_hash_table_add (annotated, g_strdup_printf ("%s\x1f%u\x1f%u", label,
                                                    gloss_annotation_get_start (a),
                                                    gloss_annotation_get_end (a)));
    }

  gaz = gazetteer_tags (self->model->gazetteer, input, NULL);
  features_compute (&f, input, gaz);
  tags = g_new0 (guint, n + 1);
  probs = g_new0 (float, n + 1);

  for (guint t = 0; t < self->model->taggers->len; t++)
    {
      Tagger *tagger = g_ptr_array_index (self->model->taggers, t);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          features_clear (&f);
          g_clear_pointer (&gaz, g_free);
          g_clear_pointer (&tags, g_free);
          g_clear_pointer (&probs, g_free);
          return NULL;
        }
      decode (tagger, &f, tags, probs);
      for (guint i = 0; i < n;)
        {
          guint            k, j;
          double           sum;
          const char      *label;
          guint            start, end;
          g_autofree char *key = NULL;

          if (tags[i] == 0 || (tags[i] & 1) == 0)
            {
              i++;
              continue;
            }
          k = (tags[i] - 1) / 2;
          sum = probs[i];
          for (j = i + 1; j < n && tags[j] == 2 + 2 * k; j++)
            sum += probs[j];
          label = g_ptr_array_index (tagger->labels, k);
          start = g_array_index (tokens, GlossToken, i).start;
          end = g_array_index (tokens, GlossToken, j - 1).end;
          key = g_strdup_printf ("%s\x1f%u\x1f%u", label, start, end);
          if (input->schema != NULL && gloss_schema_lookup_label (input->schema, label) != NULL &&
              !g_hash_table_contains (annotated, key))
            g_ptr_array_add (suggestions,
                             gloss_suggestion_new_span (label, start, end,
                                                        CLAMP (sum / (j - i), 0.0, 1.0),
                                                        "model"));
          i = j;
        }
    }
  features_clear (&f);
  /* freed where scan-build sees it */
  g_clear_pointer (&gaz, g_free);
  g_clear_pointer (&tags, g_free);
  g_clear_pointer (&probs, g_free);
  return g_steal_pointer (&suggestions);
}

static void
gloss_model_suggester_iface_init (GlossSuggesterInterface *iface)
{
  iface->get_name = gloss_model_suggester_get_name;
  iface->dup_labels = gloss_model_suggester_dup_labels;
  iface->train = gloss_model_suggester_train;
  iface->suggest = gloss_model_suggester_suggest;
}

/* ---- GObject -------------------------------------------------------------- */

static void
gloss_model_suggester_finalize (GObject *object)
{
  GlossModelSuggester *self = GLOSS_MODEL_SUGGESTER (object);

  g_clear_pointer (&self->model, model_free);

  G_OBJECT_CLASS (gloss_model_suggester_parent_class)->finalize (object);
}

static void
gloss_model_suggester_class_init (GlossModelSuggesterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gloss_model_suggester_finalize;
}

static void
gloss_model_suggester_init (GlossModelSuggester *self)
{
  self->epochs = DEFAULT_EPOCHS;
}

/* ---- public API ----------------------------------------------------------- */

GlossSuggester *
gloss_model_suggester_new (void)
{
  return g_object_new (GLOSS_TYPE_MODEL_SUGGESTER, NULL);
}

gboolean
gloss_model_suggester_is_trained (GlossModelSuggester *self)
{
  g_return_val_if_fail (GLOSS_IS_MODEL_SUGGESTER (self), FALSE);

  return self->model != NULL;
}

void
gloss_model_suggester_set_epochs (GlossModelSuggester *self,
                                  guint                epochs)
{
  g_return_if_fail (GLOSS_IS_MODEL_SUGGESTER (self));

  self->epochs = MAX (epochs, 1);
}

gboolean
gloss_model_suggester_train_inputs (GlossModelSuggester *self,
                                    GlossSchema         *schema,
                                    GPtrArray           *inputs,
                                    GlossProgressFunc    progress,
                                    gpointer             progress_data,
                                    GCancellable        *cancellable,
                                    GError             **error)
{
  Model *model;

  g_return_val_if_fail (GLOSS_IS_MODEL_SUGGESTER (self), FALSE);
  g_return_val_if_fail (GLOSS_IS_SCHEMA (schema), FALSE);
  g_return_val_if_fail (inputs != NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  model = train_model (schema, inputs, self->epochs, progress, progress_data, 0, cancellable,
                       error);
  if (model == NULL)
    return FALSE;
  g_clear_pointer (&self->model, model_free);
  self->model = model;
  self->n_documents = inputs->len;
  if (progress != NULL)
    progress (1.0, progress_data);
  return TRUE;
}

double
gloss_model_suggester_document_uncertainty (GlossModelSuggester *self,
                                            GlossSuggestInput   *input)
{
  g_autofree guint32 *gaz = NULL;
  g_autofree guint   *tags = NULL;
  g_autofree float   *probs = NULL;
  Features            f = { 0 };
  double              sum = 0;
  guint               n;

  g_return_val_if_fail (GLOSS_IS_MODEL_SUGGESTER (self), -1);
  g_return_val_if_fail (input != NULL, -1);

  if (self->model == NULL)
    return -1;
  n = input->tokens->len;
  if (n == 0 || self->model->taggers->len == 0)
    return 0;

  gaz = gazetteer_tags (self->model->gazetteer, input, NULL);
  features_compute (&f, input, gaz);
  tags = g_new0 (guint, n);
  probs = g_new0 (float, n);
  for (guint t = 0; t < self->model->taggers->len; t++)
    {
      decode (g_ptr_array_index (self->model->taggers, t), &f, tags, probs);
      for (guint i = 0; i < n; i++)
        sum += 1.0 - probs[i];
    }
  features_clear (&f);
  g_clear_pointer (&gaz, g_free);
  g_clear_pointer (&tags, g_free);
  g_clear_pointer (&probs, g_free);
  return CLAMP (sum / ((double) n * self->model->taggers->len), 0.0, 1.0);
}

gint64
gloss_model_suggester_find_most_uncertain (GlossModelSuggester *self,
                                           GlossProject        *project,
                                           gint64               exclude_id,
                                           guint                limit,
                                           double              *uncertainty,
                                           GCancellable        *cancellable,
                                           GError             **error)
{
  GListModel *documents;
  gint64      best = 0;
  double      best_score = -1;
  guint       looked = 0;

  g_return_val_if_fail (GLOSS_IS_MODEL_SUGGESTER (self), -1);
  g_return_val_if_fail (GLOSS_IS_PROJECT (project), -1);

  documents = gloss_project_get_documents (project);
  for (guint i = 0; i < g_list_model_get_n_items (documents) && looked < limit; i++)
    {
      g_autoptr(GlossDocument) document = g_list_model_get_item (documents, i);
      GlossSuggestInput *input;
      double             score;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return -1;
      if (document == NULL || gloss_document_get_id (document) == exclude_id ||
          gloss_document_get_n_annotations (document) > 0)
        continue;
      input = gloss_suggest_input_new (project, document, error);
      if (input == NULL)
        return -1;
      score = gloss_model_suggester_document_uncertainty (self, input);
      gloss_suggest_input_unref (input);
      looked++;
      if (score > best_score)
        {
          best_score = score;
          best = gloss_document_get_id (document);
        }
    }
  if (uncertainty != NULL)
    *uncertainty = best_score;
  return best;
}
