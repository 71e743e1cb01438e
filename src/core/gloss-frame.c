/* gloss-frame.c: a claim's frame (its source and its cue) proposed from the annotations around it
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include "gloss-annotation.h"
#include "gloss-annotation-list.h"
#include "gloss-frame.h"
#include "gloss-label.h"
#include "gloss-relation.h"
#include "gloss-relation-type.h"
#include "gloss-schema.h"
#include "gloss-tokenizer.h"

#define CLAIM_LAYER "claim"
#define CUE_LAYER   "cue"

/* How many annotations either side of the claim, in list order, are
 * looked at: the frame is always near its claim. */
#define SEARCH_WINDOW 400

/* How far around the claim the text is read for its sentences and
 * quotations, in bytes; a paragraph longer than that is cut. */
#define CONTEXT_BYTES 4096

/* The layer of the first existing target label of @type. */
static const char *
target_layer (GlossSchema       *schema,
              GlossRelationType *type)
{
  const char * const *targets = gloss_relation_type_get_targets (type);

  for (guint k = 0; targets != NULL && targets[k] != NULL; k++)
    {
      GlossLabel *label = gloss_schema_lookup_label (schema, targets[k]);

      if (label != NULL)
        return gloss_label_get_layer (label);
    }

  return NULL;
}

GPtrArray *
gloss_frame_dup_roles (GlossSchema *schema,
                       const char  *label)
{
  GPtrArray *roles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) layers = NULL;
  GListModel *types;
  GlossLabel *source;

  g_return_val_if_fail (GLOSS_IS_SCHEMA (schema), roles);
  g_return_val_if_fail (label != NULL, roles);

  source = gloss_schema_lookup_label (schema, label);
  if (source == NULL || g_strcmp0 (gloss_label_get_layer (source), CLAIM_LAYER) != 0)
    return roles;

  layers = g_hash_table_new (g_str_hash, g_str_equal);
  types = gloss_schema_get_relation_types (schema);
  for (guint i = 0; i < g_list_model_get_n_items (types); i++)
    {
      g_autoptr(GlossRelationType) type = g_list_model_get_item (types, i);
      const char * const *sources = gloss_relation_type_get_sources (type);
      const char * const *targets = gloss_relation_type_get_targets (type);
      const char         *layer;

      /* No sources named: any label may start it. No targets named: it
       * reaches anything, which is no role. */
      if ((sources != NULL && sources[0] != NULL && !g_strv_contains (sources, label)) ||
          targets == NULL)
        continue;

      layer = target_layer (schema, type);
      if (layer == NULL || g_hash_table_contains (layers, layer))
        continue;

      g_hash_table_add (layers, (gpointer) layer);
      g_ptr_array_add (roles, g_object_ref (type));
    }

  return roles;
}

/* ---- where the claim is: its sentences and quotations ------------------- */

typedef struct
{
  guint start;
  guint end;
} Span;

static gboolean
overlaps (guint a_start,
          guint a_end,
          guint b_start,
          guint b_end)
{
  return a_start < b_end && b_start < a_end;
}

static gboolean
is_open_quote (gunichar c)
{
  return c == 0x201C /* “ */ || c == 0x00AB /* « */ || c == 0x201E /* „ */;
}

static gboolean
is_close_quote (gunichar c)
{
  return c == 0x201D /* ” */ || c == 0x00BB /* » */;
}

/* The quotations of @text (@len bytes, starting at code point @base): a
 * straight quote opens and closes in turn, curly and angle quotes by their
 * side. Unclosed ones run to the end. */
static GArray *
find_quotes (const char *text,
             gsize       len,
             guint       base)
{
  GArray     *quotes = g_array_new (FALSE, FALSE, sizeof (Span));
  const char *end = text + len;
  guint       offset = base;
  gboolean    open = FALSE;
  Span        quote = { 0, 0 };

  for (const char *p = text; p < end; p = g_utf8_next_char (p), offset++)
    {
      gunichar c = g_utf8_get_char (p);
      gboolean opens = is_open_quote (c) || (c == '"' && !open);
      gboolean closes = is_close_quote (c) || (c == '"' && open);

      if (opens && !open)
        {
          open = TRUE;
          quote.start = offset;
        }
      else if (closes && open)
        {
          open = FALSE;
          quote.end = offset + 1;
          g_array_append_val (quotes, quote);
        }
    }
  if (open)
    {
      quote.end = offset;
      g_array_append_val (quotes, quote);
    }

  return quotes;
}

/* Adds to @region the sentences overlapping [start, end). */
static void
add_sentences (GArray *region,
               GArray *sentences,
               guint   base,
               guint   start,
               guint   end)
{
  for (guint i = 0; i < sentences->len; i++)
    {
      GlossSentence *sentence = &g_array_index (sentences, GlossSentence, i);
      Span           span = { base + sentence->start, base + sentence->end };

      /* A span between two sentences (white space) takes neither. */
      if (overlaps (span.start, span.end, start, MAX (end, start + 1)))
        g_array_append_val (region, span);
    }
}

/* The spans of text that count as "where the claim is": the sentences its
 * fragments are in, and each quotation a fragment is in with the
 * sentences where it opens and closes. Read within the claim's paragraph
 * (the lines around it), at most CONTEXT_BYTES either side. */
static GArray *
claim_region (const char          *text,
              const GlossFragment *fragments,
              guint                n_fragments)
{
  GArray *region = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr(GArray) sentences = NULL;
  g_autoptr(GArray) quotes = NULL;
  const char *first, *last, *from, *to;
  guint       base;

  if (text == NULL || n_fragments == 0)
    return region;

  first = g_utf8_offset_to_pointer (text, fragments[0].start);
  last = g_utf8_offset_to_pointer (first, fragments[n_fragments - 1].end - fragments[0].start);
  if (strlen (first) < (gsize) (last - first))
    return region;

  /* Back to the start of the paragraph, forward to its end. */
  from = first;
  while (from > text && from[-1] != '\n' && first - from < CONTEXT_BYTES)
    from--;
  while (from < first && (*from & 0xC0) == 0x80)
    from++;
  to = last;
  while (*to != '\0' && *to != '\n' && to - last < CONTEXT_BYTES)
    to++;
  while (to > last && (*to & 0xC0) == 0x80)
    to--;

  base = fragments[0].start - (guint) g_utf8_pointer_to_offset (from, first);
  sentences = gloss_split_sentences (from, to - from, NULL);
  quotes = find_quotes (from, to - from, base);

  for (guint f = 0; f < n_fragments; f++)
    {
      add_sentences (region, sentences, base, fragments[f].start, fragments[f].end);
      for (guint q = 0; q < quotes->len; q++)
        {
          Span *quote = &g_array_index (quotes, Span, q);

          if (!overlaps (quote->start, quote->end, fragments[f].start, fragments[f].end))
            continue;
          g_array_append_val (region, *quote);
          add_sentences (region, sentences, base, quote->start, quote->start + 1);
          add_sentences (region, sentences, base, quote->end - 1, quote->end);
        }
    }

  return region;
}

/* ---- ranking ------------------------------------------------------------ */

typedef enum
{
  CLASS_LINKED,
  CLASS_BETWEEN,
  CLASS_SAME_SENTENCE,
  CLASS_NEAR,
  CLASS_INSIDE,
  CLASS_RELATED_LAST,
} CandidateClass;

typedef struct
{
  GlossAnnotation *annotation; /* borrowed */
  CandidateClass   klass;
  guint            distance; /* from the anchor, when there is one */
  guint            to_claim; /* from the nearest fragment */
} Candidate;

/* Beyond any real distance within a paragraph: a side of the anchor that
 * comes after the other one. */
#define WRONG_SIDE 1000000

static int
candidate_compare (gconstpointer a,
                   gconstpointer b)
{
  const Candidate *ca = a;
  const Candidate *cb = b;

  if (ca->klass != cb->klass)
    return ca->klass < cb->klass ? -1 : 1;
  if (ca->distance != cb->distance)
    return ca->distance < cb->distance ? -1 : 1;
  if (ca->to_claim != cb->to_claim)
    return ca->to_claim < cb->to_claim ? -1 : 1;
  return gloss_annotation_compare (ca->annotation, cb->annotation);
}

static gboolean
label_in (const char         *label,
          const char * const *labels)
{
  return labels != NULL && g_strv_contains (labels, label);
}

static Candidate
classify (GlossAnnotation     *annotation,
          const GlossFragment *fragments,
          guint                n_fragments,
          GArray              *region)
{
  guint     start = gloss_annotation_get_start (annotation);
  guint     end = gloss_annotation_get_end (annotation);
  Candidate candidate = { annotation, CLASS_NEAR, G_MAXUINT };

  for (guint f = 0; f < n_fragments; f++)
    {
      guint distance;

      if (overlaps (start, end, fragments[f].start, fragments[f].end))
        {
          candidate.klass = CLASS_INSIDE;
          distance = 0;
        }
      else
        distance = end <= fragments[f].start ? fragments[f].start - end
                                             : start - fragments[f].end;
      candidate.distance = MIN (candidate.distance, distance);
    }
  candidate.to_claim = candidate.distance;
  if (candidate.klass == CLASS_INSIDE)
    return candidate;

  for (guint f = 0; f + 1 < n_fragments; f++)
    if (start >= fragments[f].end && end <= fragments[f + 1].start)
      {
        candidate.klass = CLASS_BETWEEN;
        return candidate;
      }

  for (guint i = 0; i < region->len; i++)
    {
      Span *span = &g_array_index (region, Span, i);

      if (overlaps (start, end, span->start, span->end))
        {
          candidate.klass = CLASS_SAME_SENTENCE;
          break;
        }
    }

  return candidate;
}

/* How far @annotation is from @anchor (the claim's cue): the speaker of
 * "A source told the agency that X" stands before the cue, not between it
 * and the claim it introduces, so when the cue comes before the claim
 * (which starts at @claim_start) what lies between them comes after the
 * rest. */
static guint
anchor_distance (GlossAnnotation *annotation,
                 GlossAnnotation *anchor,
                 guint            claim_start)
{
  guint start = gloss_annotation_get_start (annotation);
  guint end = gloss_annotation_get_end (annotation);
  guint a_start = gloss_annotation_get_start (anchor);
  guint a_end = gloss_annotation_get_end (anchor);

  if (end <= a_start)
    return a_start - end;
  if (start < a_end)
    return 0;
  if (a_end <= claim_start && end <= claim_start)
    return WRONG_SIDE + (start - a_end);
  return start - a_end;
}

/* gloss_frame_rank_candidates(), as a sorted array of Candidate. */
static GArray *
rank (GlossAnnotationList *list,
      const char          *text,
      GlossAnnotation     *claim,
      const char * const  *targets,
      const char          *relation_type,
      GlossAnnotation     *anchor,
      gboolean             related_last)
{
  GArray *candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GArray) region = NULL;
  g_autoptr(GHashTable) linked = NULL;
  g_autoptr(GHashTable) related = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  const GlossFragment *fragments;
  GListModel          *model;
  const char          *uuid;
  guint                n_fragments, n, position = 0, from, to;

  model = G_LIST_MODEL (list);
  n = g_list_model_get_n_items (model);
  uuid = gloss_annotation_get_uuid (claim);
  fragments = gloss_annotation_get_fragments (claim, &n_fragments);
  if (n_fragments == 0 || !gloss_annotation_list_find (list, uuid, &position))
    return candidates;

  /* What the claim is linked to already. */
  linked = g_hash_table_new (g_str_hash, g_str_equal);
  related = g_hash_table_new (g_str_hash, g_str_equal);
  relations = gloss_annotation_list_relations_of (list, uuid);
  for (guint i = 0; i < relations->len; i++)
    {
      GlossRelation *relation = g_ptr_array_index (relations, i);

      if (g_strcmp0 (gloss_relation_get_source (relation), uuid) != 0)
        continue;
      g_hash_table_add (related, (gpointer) gloss_relation_get_target (relation));
      if (relation_type != NULL &&
          g_strcmp0 (gloss_relation_get_relation_type (relation), relation_type) == 0)
        g_hash_table_add (linked, (gpointer) gloss_relation_get_target (relation));
    }

  region = claim_region (text, fragments, n_fragments);
  from = position > SEARCH_WINDOW ? position - SEARCH_WINDOW : 0;
  to = MIN (n, position + SEARCH_WINDOW + 1);
  for (guint i = from; i < to; i++)
    {
      g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (model, i);
      const char *other = gloss_annotation_get_uuid (annotation);
      Candidate   candidate;

      if (g_strcmp0 (other, uuid) == 0 ||
          !label_in (gloss_annotation_get_label (annotation), targets))
        continue;

      candidate = classify (annotation, fragments, n_fragments, region);
      if (anchor != NULL)
        candidate.distance = anchor_distance (annotation, anchor, fragments[0].start);
      if (related_last && g_hash_table_contains (related, other))
        candidate.klass = CLASS_RELATED_LAST;
      else if (!related_last && g_hash_table_contains (linked, other))
        candidate.klass = CLASS_LINKED;
      /* get_item() gave a ref of the list's own item, which the list
       * keeps alive: the borrowed pointer classify() kept is enough. */
      g_array_append_val (candidates, candidate);
    }

  g_array_sort (candidates, candidate_compare);
  return candidates;
}

GPtrArray *
gloss_frame_rank_candidates (GlossAnnotationList *list,
                             const char          *text,
                             GlossAnnotation     *claim,
                             const char * const  *targets,
                             const char          *relation_type,
                             GlossAnnotation     *anchor,
                             gboolean             related_last)
{
  GPtrArray *ranked = g_ptr_array_new ();
  g_autoptr(GArray) candidates = NULL;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION_LIST (list), ranked);
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (claim), ranked);

  candidates = rank (list, text, claim, targets, relation_type, anchor, related_last);
  for (guint i = 0; i < candidates->len; i++)
    g_ptr_array_add (ranked, g_array_index (candidates, Candidate, i).annotation);

  return ranked;
}

static void
proposal_free (gpointer data)
{
  GlossFrameProposal *proposal = data;

  g_clear_object (&proposal->type);
  g_clear_pointer (&proposal->candidates, g_ptr_array_unref);
  g_free (proposal);
}

GPtrArray *
gloss_frame_propose (GlossAnnotationList *list,
                     const char          *text,
                     GlossAnnotation     *claim)
{
  GPtrArray *proposals = g_ptr_array_new_with_free_func (proposal_free);
  g_autoptr(GPtrArray) roles = NULL;
  GlossAnnotation *cue = NULL;
  GlossSchema     *schema;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION_LIST (list), proposals);
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (claim), proposals);

  schema = gloss_annotation_list_get_schema (list);
  roles = gloss_frame_dup_roles (schema, gloss_annotation_get_label (claim));

  /* The cue first: the other roles are measured from it when it is in the
   * claim's sentence, between its fragments or linked already. */
  for (guint i = 0; i < roles->len && cue == NULL; i++)
    {
      GlossRelationType *type = g_ptr_array_index (roles, i);
      g_autoptr(GArray) ranked = NULL;

      if (g_strcmp0 (target_layer (schema, type), CUE_LAYER) != 0)
        continue;
      ranked = rank (list, text, claim, gloss_relation_type_get_targets (type),
                     gloss_relation_type_get_name (type), NULL, FALSE);
      if (ranked->len > 0 && g_array_index (ranked, Candidate, 0).klass <= CLASS_SAME_SENTENCE)
        cue = g_array_index (ranked, Candidate, 0).annotation;
    }

  for (guint i = 0; i < roles->len; i++)
    {
      GlossRelationType  *type = g_ptr_array_index (roles, i);
      GlossFrameProposal *proposal = g_new0 (GlossFrameProposal, 1);
      gboolean            is_cue = g_strcmp0 (target_layer (schema, type), CUE_LAYER) == 0;

      proposal->type = g_object_ref (type);
      proposal->candidates =
        gloss_frame_rank_candidates (list, text, claim, gloss_relation_type_get_targets (type),
                                     gloss_relation_type_get_name (type),
                                     is_cue ? NULL : cue, FALSE);
      g_ptr_array_add (proposals, proposal);
    }

  return proposals;
}
