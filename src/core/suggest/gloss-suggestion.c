/* gloss-suggestion.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include "gloss-suggestion.h"

struct _GlossSuggestion
{
  GObject               parent_instance;

  char                 *id;           /* owned, computed on first use */
  char                 *label;        /* owned */
  GlossFragment        *fragments;    /* owned, sorted */
  guint                 n_fragments;
  double                score;
  char                 *suggester;    /* owned */
  gint64                document_id;
  GlossSuggestionState  state;
  char                 *source;       /* owned, nullable */
  char                 *cue;          /* owned, nullable */
  GHashTable           *attributes;   /* owned, nullable: name -> GVariant */
};

G_DEFINE_FINAL_TYPE (GlossSuggestion, gloss_suggestion, G_TYPE_OBJECT)

static int
compare_fragments (gconstpointer a,
                   gconstpointer b)
{
  const GlossFragment *fa = a, *fb = b;

  if (fa->start != fb->start)
    return fa->start < fb->start ? -1 : 1;
  if (fa->end != fb->end)
    return fa->end < fb->end ? -1 : 1;
  return 0;
}

static void
gloss_suggestion_finalize (GObject *object)
{
  GlossSuggestion *self = GLOSS_SUGGESTION (object);

  g_free (self->id);
  g_free (self->label);
  g_free (self->fragments);
  g_free (self->suggester);
  g_free (self->source);
  g_free (self->cue);
  g_clear_pointer (&self->attributes, g_hash_table_unref);

  G_OBJECT_CLASS (gloss_suggestion_parent_class)->finalize (object);
}

static void
gloss_suggestion_class_init (GlossSuggestionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gloss_suggestion_finalize;
}

static void
gloss_suggestion_init (GlossSuggestion *self)
{
}

GlossSuggestion *
gloss_suggestion_new (const char          *label,
                      const GlossFragment *fragments,
                      guint                n_fragments,
                      double               score,
                      const char          *suggester)
{
  GlossSuggestion *self;

  g_return_val_if_fail (label != NULL, NULL);
  g_return_val_if_fail (n_fragments > 0 && fragments != NULL, NULL);

  self = g_object_new (GLOSS_TYPE_SUGGESTION, NULL);
  self->label = g_strdup (label);
  self->fragments = g_memdup2 (fragments, sizeof (GlossFragment) * n_fragments);
  self->n_fragments = n_fragments;
  qsort (self->fragments, n_fragments, sizeof (GlossFragment), compare_fragments);
  self->score = CLAMP (score, 0.0, 1.0);
  self->suggester = g_strdup (suggester != NULL ? suggester : "");
  return self;
}

GlossSuggestion *
gloss_suggestion_new_span (const char *label,
                           guint       start,
                           guint       end,
                           double      score,
                           const char *suggester)
{
  GlossFragment fragment = { start, end };

  return gloss_suggestion_new (label, &fragment, 1, score, suggester);
}

char *
gloss_suggestion_compute_id (const char          *label,
                             const GlossFragment *fragments,
                             guint                n_fragments)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GString) key = g_string_new (label);
  const char *digest;

  for (guint i = 0; i < n_fragments; i++)
    g_string_append_printf (key, "\x1f%u-%u", fragments[i].start, fragments[i].end);
  g_checksum_update (checksum, (const guchar *) key->str, key->len);
  digest = g_checksum_get_string (checksum);
  return g_strdup_printf (GLOSS_SUGGESTION_ID_PREFIX "%.16s", digest);
}

gboolean
gloss_suggestion_is_id (const char *ref)
{
  return ref != NULL && g_str_has_prefix (ref, GLOSS_SUGGESTION_ID_PREFIX);
}

const char *
gloss_suggestion_get_id (GlossSuggestion *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION (self), NULL);

  if (self->id == NULL)
    self->id = gloss_suggestion_compute_id (self->label, self->fragments, self->n_fragments);
  return self->id;
}

const char *
gloss_suggestion_get_label (GlossSuggestion *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION (self), NULL);
  return self->label;
}

const GlossFragment *
gloss_suggestion_get_fragments (GlossSuggestion *self,
                                guint           *n_fragments)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION (self), NULL);

  if (n_fragments != NULL)
    *n_fragments = self->n_fragments;
  return self->fragments;
}

guint
gloss_suggestion_get_start (GlossSuggestion *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION (self), 0);
  return self->fragments[0].start;
}

guint
gloss_suggestion_get_end (GlossSuggestion *self)
{
  guint end = 0;

  g_return_val_if_fail (GLOSS_IS_SUGGESTION (self), 0);
  for (guint i = 0; i < self->n_fragments; i++)
    end = MAX (end, self->fragments[i].end);
  return end;
}

double
gloss_suggestion_get_score (GlossSuggestion *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION (self), 0);
  return self->score;
}

void
gloss_suggestion_set_score (GlossSuggestion *self,
                            double           score)
{
  g_return_if_fail (GLOSS_IS_SUGGESTION (self));
  self->score = CLAMP (score, 0.0, 1.0);
}

const char *
gloss_suggestion_get_suggester (GlossSuggestion *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION (self), NULL);
  return self->suggester;
}

void
gloss_suggestion_set_suggester (GlossSuggestion *self,
                                const char      *suggester)
{
  g_return_if_fail (GLOSS_IS_SUGGESTION (self));
  g_free (self->suggester);
  self->suggester = g_strdup (suggester != NULL ? suggester : "");
}

gint64
gloss_suggestion_get_document_id (GlossSuggestion *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION (self), 0);
  return self->document_id;
}

void
gloss_suggestion_set_document_id (GlossSuggestion *self,
                                  gint64           document_id)
{
  g_return_if_fail (GLOSS_IS_SUGGESTION (self));
  self->document_id = document_id;
}

GlossSuggestionState
gloss_suggestion_get_state (GlossSuggestion *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION (self), GLOSS_SUGGESTION_PENDING);
  return self->state;
}

void
gloss_suggestion_set_state (GlossSuggestion      *self,
                            GlossSuggestionState  state)
{
  g_return_if_fail (GLOSS_IS_SUGGESTION (self));
  self->state = state;
}

const char *
gloss_suggestion_get_source (GlossSuggestion *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION (self), NULL);
  return self->source;
}

void
gloss_suggestion_set_source (GlossSuggestion *self,
                             const char      *ref)
{
  g_return_if_fail (GLOSS_IS_SUGGESTION (self));
  g_free (self->source);
  self->source = (ref != NULL && *ref != '\0') ? g_strdup (ref) : NULL;
}

const char *
gloss_suggestion_get_cue (GlossSuggestion *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION (self), NULL);
  return self->cue;
}

void
gloss_suggestion_set_cue (GlossSuggestion *self,
                          const char      *ref)
{
  g_return_if_fail (GLOSS_IS_SUGGESTION (self));
  g_free (self->cue);
  self->cue = (ref != NULL && *ref != '\0') ? g_strdup (ref) : NULL;
}

GVariant *
gloss_suggestion_get_attribute (GlossSuggestion *self,
                                const char      *name)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return self->attributes != NULL ? g_hash_table_lookup (self->attributes, name) : NULL;
}

void
gloss_suggestion_set_attribute (GlossSuggestion *self,
                                const char      *name,
                                GVariant        *value)
{
  g_return_if_fail (GLOSS_IS_SUGGESTION (self));
  g_return_if_fail (name != NULL);

  if (value == NULL)
    {
      if (self->attributes != NULL)
        g_hash_table_remove (self->attributes, name);
      return;
    }
  if (self->attributes == NULL)
    self->attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) g_variant_unref);
  g_hash_table_insert (self->attributes, g_strdup (name), g_variant_ref_sink (value));
}

GHashTable *
gloss_suggestion_get_attributes (GlossSuggestion *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTION (self), NULL);

  if (self->attributes != NULL && g_hash_table_size (self->attributes) == 0)
    return NULL;
  return self->attributes;
}

void
gloss_suggestion_set_attributes (GlossSuggestion *self,
                                 GHashTable      *attributes)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (GLOSS_IS_SUGGESTION (self));

  g_clear_pointer (&self->attributes, g_hash_table_unref);
  if (attributes == NULL)
    return;
  g_hash_table_iter_init (&iter, attributes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    gloss_suggestion_set_attribute (self, key, value);
}

int
gloss_suggestion_compare (GlossSuggestion *a,
                          GlossSuggestion *b)
{
  guint ea, eb;

  if (gloss_suggestion_get_start (a) != gloss_suggestion_get_start (b))
    return gloss_suggestion_get_start (a) < gloss_suggestion_get_start (b) ? -1 : 1;
  ea = gloss_suggestion_get_end (a);
  eb = gloss_suggestion_get_end (b);
  if (ea != eb)
    return ea < eb ? -1 : 1;
  return strcmp (a->label, b->label);
}
