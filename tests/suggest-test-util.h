/* suggest-test-util.h: a suggester of fixed proposals, for the engine's and the window's tests
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Header only: each test that includes it gets its own copy of the type.
 * The proposals name their spans by the text they cover (its first
 * occurrence), as a model or a server would propose them, so that a test
 * reads as the article it annotates.
 */

#pragma once

#include <string.h>

#include <glib-object.h>

#include "gloss-suggest.h"
#include "gloss-suggester.h"
#include "gloss-suggestion.h"

typedef struct
{
  const char *label;
  const char *covered;
  double      score;
  const char *source; /* covered text of another proposal: the frame */
  const char *cue;
  const char *certainty;
} Proposal;

#define TEST_TYPE_FIXED (test_fixed_get_type ())
G_DECLARE_FINAL_TYPE (TestFixed, test_fixed, TEST, FIXED, GObject)

struct _TestFixed
{
  GObject         parent_instance;
  char           *name;
  char           *labels;    /* what dup_labels says, space-separated */
  const Proposal *proposals; /* borrowed, static */
  guint           n_proposals;
  GPtrArray      *spans; /* owned, or NULL: GlossSuggestion proposed by offsets, as copies */
  gboolean        fail; /* fail as an unreachable server does */
  guint           calls;
};

static void test_fixed_iface_init (GlossSuggesterInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestFixed, test_fixed, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GLOSS_TYPE_SUGGESTER,
                                                      test_fixed_iface_init))

static void
test_fixed_finalize (GObject *object)
{
  TestFixed *self = TEST_FIXED (object);

  g_free (self->name);
  g_free (self->labels);
  g_clear_pointer (&self->spans, g_ptr_array_unref);
  G_OBJECT_CLASS (test_fixed_parent_class)->finalize (object);
}

static void
test_fixed_class_init (TestFixedClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_fixed_finalize;
}

static void
test_fixed_init (TestFixed *self)
{
}

/* The code points [start, end) of the first occurrence of @covered. */
static inline void
span_of (const char *text,
         const char *covered,
         guint      *start,
         guint      *end)
{
  const char *at = strstr (text, covered);

  g_assert_nonnull (at);
  *start = (guint) g_utf8_pointer_to_offset (text, at);
  *end = *start + (guint) g_utf8_strlen (covered, -1);
}

/* The id of the suggestion of @label over @covered. */
static inline char *
id_of (const char *text,
       const char *label,
       const char *covered)
{
  GlossFragment f;

  span_of (text, covered, &f.start, &f.end);
  return gloss_suggestion_compute_id (label, &f, 1);
}

/* The label of the proposal over @covered: a frame names its source by
 * text alone; one that is no proposal is taken for a SOURCE. */
static inline const char *
label_of (const Proposal *proposals,
          guint           n,
          const char     *covered)
{
  for (guint i = 0; i < n; i++)
    if (g_str_equal (proposals[i].covered, covered))
      return proposals[i].label;
  return "SOURCE";
}

static const char *
fixed_get_name (GlossSuggester *suggester)
{
  return TEST_FIXED (suggester)->name;
}

static char **
fixed_dup_labels (GlossSuggester *suggester,
                  GlossSchema    *schema)
{
  return g_strsplit (TEST_FIXED (suggester)->labels, " ", -1);
}

static GPtrArray *
fixed_suggest (GlossSuggester    *suggester,
               GlossSuggestInput *input,
               GCancellable      *cancellable,
               GError           **error)
{
  TestFixed *self = TEST_FIXED (suggester);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);

  self->calls++;
  if (self->fail)
    {
      g_set_error (error, GLOSS_SUGGEST_ERROR, GLOSS_SUGGEST_ERROR_UNREACHABLE,
                   "http://127.0.0.1:9/ did not answer");
      g_ptr_array_unref (out);
      return NULL;
    }
  for (guint i = 0; i < self->n_proposals; i++)
    {
      const Proposal  *p = &self->proposals[i];
      GlossSuggestion *s;
      guint            start, end;

      span_of (input->text, p->covered, &start, &end);
      s = gloss_suggestion_new_span (p->label, start, end, p->score, NULL);
      if (p->source != NULL)
        {
          const char *label = label_of (self->proposals, self->n_proposals, p->source);
          g_autofree char *id = id_of (input->text, label, p->source);
          gloss_suggestion_set_source (s, id);
        }
      if (p->cue != NULL)
        {
          g_autofree char *id = id_of (input->text, "CUE", p->cue);
          gloss_suggestion_set_cue (s, id);
        }
      if (p->certainty != NULL)
        gloss_suggestion_set_attribute (s, "certainty", g_variant_new_string (p->certainty));
      g_ptr_array_add (out, s);
    }
  /* copies: the engine rewrites the frames of what it is given */
  for (guint i = 0; self->spans != NULL && i < self->spans->len; i++)
    {
      GlossSuggestion *from = g_ptr_array_index (self->spans, i);
      const GlossFragment *f;
      GlossSuggestion *s;
      guint n;

      f = gloss_suggestion_get_fragments (from, &n);
      s = gloss_suggestion_new (gloss_suggestion_get_label (from), f, n,
                                gloss_suggestion_get_score (from), NULL);
      gloss_suggestion_set_source (s, gloss_suggestion_get_source (from));
      gloss_suggestion_set_cue (s, gloss_suggestion_get_cue (from));
      g_ptr_array_add (out, s);
    }
  return out;
}

static void
test_fixed_iface_init (GlossSuggesterInterface *iface)
{
  iface->get_name = fixed_get_name;
  iface->dup_labels = fixed_dup_labels;
  iface->suggest = fixed_suggest;
}

/* A suggester called @name that proposes @proposals (static, borrowed)
 * in any document, and says it proposes @labels (space-separated). */
static inline GlossSuggester *
fixed_new (const char     *name,
           const char     *labels,
           const Proposal *proposals,
           guint           n)
{
  TestFixed *self = g_object_new (TEST_TYPE_FIXED, NULL);

  self->name = g_strdup (name);
  self->labels = g_strdup (labels);
  self->proposals = proposals;
  self->n_proposals = n;
  return GLOSS_SUGGESTER (self);
}

/* A suggester that proposes @spans (GlossSuggestion, taken over: frames
 * by id, spans by offsets) in any document: many proposals over a text
 * whose words repeat. */
static inline GlossSuggester *
fixed_new_spans (const char *name,
                 const char *labels,
                 GPtrArray  *spans)
{
  GlossSuggester *self = fixed_new (name, labels, NULL, 0);

  TEST_FIXED (self)->spans = spans;
  return self;
}
