/* gloss-annotation.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include "gloss-annotation.h"
#include "gloss-identity-private.h"
#include "gloss-offsets.h"

struct _GlossAnnotation
{
  GObject        parent_instance;

  GlossIdentity  identity;
  char          *label;          /* owned */
  GlossFragment *fragments;      /* owned, sorted */
  guint          n_fragments;
  char          *note;           /* owned, nullable */
  char          *norm_id;        /* owned, nullable */
  char          *norm_name;      /* owned, nullable */
  char          *provenance;     /* owned, nullable: the suggester it was accepted from */
  double         provenance_score;
};

G_DEFINE_FINAL_TYPE (GlossAnnotation, gloss_annotation, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_UUID,
  PROP_LABEL,
  PROP_START,
  PROP_END,
  PROP_ANNOTATOR,
  PROP_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

static gboolean
str_equal0 (const char *a,
            const char *b)
{
  return g_strcmp0 (a, b) == 0;
}

static void
gloss_annotation_finalize (GObject *object)
{
  GlossAnnotation *self = (GlossAnnotation *) object;

  _gloss_identity_clear (&self->identity);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->fragments, g_free);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->norm_id, g_free);
  g_clear_pointer (&self->norm_name, g_free);
  g_clear_pointer (&self->provenance, g_free);

  G_OBJECT_CLASS (gloss_annotation_parent_class)->finalize (object);
}

static void
gloss_annotation_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  GlossAnnotation *self = GLOSS_ANNOTATION (object);

  switch (prop_id)
    {
    case PROP_UUID:
      g_value_set_string (value, self->identity.uuid);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_START:
      g_value_set_uint (value, gloss_annotation_get_start (self));
      break;
    case PROP_END:
      g_value_set_uint (value, gloss_annotation_get_end (self));
      break;
    case PROP_ANNOTATOR:
      g_value_set_string (value, self->identity.annotator);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_annotation_class_init (GlossAnnotationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gloss_annotation_finalize;
  object_class->get_property = gloss_annotation_get_property;

  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_START] =
    g_param_spec_uint ("start", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_END] =
    g_param_spec_uint ("end", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANNOTATOR] =
    g_param_spec_string ("annotator", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gloss_annotation_init (GlossAnnotation *self)
{
}

GlossAnnotation *
gloss_annotation_new (const char          *label,
                      const GlossFragment *fragments,
                      guint                n_fragments,
                      const char          *annotator)
{
  GlossAnnotation *self;

  g_return_val_if_fail (label != NULL, NULL);
  g_return_val_if_fail (n_fragments == 0 || fragments != NULL, NULL);

  self = g_object_new (GLOSS_TYPE_ANNOTATION, NULL);
  _gloss_identity_init_new (&self->identity, annotator);
  self->label = g_strdup (label);
  gloss_annotation_set_fragments (self, fragments, n_fragments);
  return self;
}

GlossAnnotation *
gloss_annotation_new_span (const char *label,
                           guint       start,
                           guint       end,
                           const char *annotator)
{
  GlossFragment f = { start, end };

  return gloss_annotation_new (label, &f, 1, annotator);
}

GlossAnnotation *
gloss_annotation_copy (GlossAnnotation *self)
{
  GlossAnnotation *copy;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  copy = g_object_new (GLOSS_TYPE_ANNOTATION, NULL);
  _gloss_identity_copy (&copy->identity, &self->identity);
  copy->label = g_strdup (self->label);
  copy->fragments = g_memdup2 (self->fragments, sizeof (GlossFragment) * self->n_fragments);
  copy->n_fragments = self->n_fragments;
  copy->note = g_strdup (self->note);
  copy->norm_id = g_strdup (self->norm_id);
  copy->norm_name = g_strdup (self->norm_name);
  copy->provenance = g_strdup (self->provenance);
  copy->provenance_score = self->provenance_score;
  return copy;
}

gboolean
gloss_annotation_equal (GlossAnnotation *a,
                        GlossAnnotation *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;
  return _gloss_identity_equal (&a->identity, &b->identity) &&
         str_equal0 (a->label, b->label) &&
         a->n_fragments == b->n_fragments &&
         (a->n_fragments == 0 ||
          memcmp (a->fragments, b->fragments, sizeof (GlossFragment) * a->n_fragments) == 0) &&
         str_equal0 (a->note, b->note) &&
         str_equal0 (a->norm_id, b->norm_id) &&
         str_equal0 (a->norm_name, b->norm_name) &&
         str_equal0 (a->provenance, b->provenance) &&
         (a->provenance == NULL || a->provenance_score == b->provenance_score);
}

GLOSS_DEFINE_IDENTITY_ACCESSORS (GlossAnnotation, gloss_annotation, GLOSS_IS_ANNOTATION)

/* Document order: start, then end, then uuid (a total order). */
int
gloss_annotation_compare (GlossAnnotation *a,
                          GlossAnnotation *b)
{
  guint as = gloss_annotation_get_start (a), bs = gloss_annotation_get_start (b);
  guint ae, be;

  if (as != bs)
    return as < bs ? -1 : 1;
  ae = gloss_annotation_get_end (a);
  be = gloss_annotation_get_end (b);
  if (ae != be)
    return ae < be ? -1 : 1;
  return g_strcmp0 (a->identity.uuid, b->identity.uuid);
}

const char *
gloss_annotation_get_label (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);
  return self->label;
}

void
gloss_annotation_set_label (GlossAnnotation *self,
                            const char      *label)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION (self));
  g_return_if_fail (label != NULL);
  g_free (self->label);
  self->label = g_strdup (label);
}

const GlossFragment *
gloss_annotation_get_fragments (GlossAnnotation *self,
                                guint           *n_fragments)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);
  if (n_fragments)
    *n_fragments = self->n_fragments;
  return self->fragments;
}

guint
gloss_annotation_get_n_fragments (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), 0);
  return self->n_fragments;
}

void
gloss_annotation_set_fragments (GlossAnnotation     *self,
                                const GlossFragment *fragments,
                                guint                n_fragments)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION (self));

  g_free (self->fragments);
  self->fragments = g_memdup2 (fragments, sizeof (GlossFragment) * n_fragments);
  self->n_fragments = n_fragments;
  if (n_fragments > 1)
    qsort (self->fragments, n_fragments, sizeof (GlossFragment), compare_fragments);
}

guint
gloss_annotation_get_start (GlossAnnotation *self)
{
  return self->n_fragments ? self->fragments[0].start : 0;
}

guint
gloss_annotation_get_end (GlossAnnotation *self)
{
  guint end = 0;

  for (guint i = 0; i < self->n_fragments; i++)
    end = MAX (end, self->fragments[i].end);
  return end;
}

const char *
gloss_annotation_get_note (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);
  return self->note;
}

void
gloss_annotation_set_note (GlossAnnotation *self,
                           const char      *note)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION (self));
  g_free (self->note);
  self->note = (note && *note) ? g_strdup (note) : NULL;
}

const char *
gloss_annotation_get_norm_id (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);
  return self->norm_id;
}

const char *
gloss_annotation_get_norm_name (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);
  return self->norm_name;
}

void
gloss_annotation_set_normalisation (GlossAnnotation *self,
                                    const char      *norm_id,
                                    const char      *norm_name)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION (self));
  g_free (self->norm_id);
  g_free (self->norm_name);
  self->norm_id = (norm_id && *norm_id) ? g_strdup (norm_id) : NULL;
  self->norm_name = (norm_name && *norm_name) ? g_strdup (norm_name) : NULL;
}

char *
gloss_annotation_dup_text (GlossAnnotation *self,
                           const char      *text)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  return gloss_dup_covered_text (text, NULL, self->fragments, self->n_fragments, 0,
                                 GLOSS_COVERED_TEXT_FULL);
}

/* @p moved on by up to @n characters, not past the NUL; *@n_moved says by
 * how many. */
static const char *
skip_chars (const char *p,
            guint       n,
            guint      *n_moved)
{
  guint i = 0;

  while (i < n && *p != '\0')
    {
      p = g_utf8_next_char (p);
      i++;
    }
  *n_moved = i;
  return p;
}

char *
gloss_dup_covered_text (const char           *text,
                        GlossOffsetMap       *map,
                        const GlossFragment  *fragments,
                        guint                 n_fragments,
                        guint                 max_chars,
                        GlossCoveredTextFlags flags)
{
  GString *str;
  const char *p = text;  /* where the walk stands: code point @pos of @text */
  guint pos = 0;
  guint n_chars = 0;
  gboolean cut = FALSE;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (fragments != NULL || n_fragments == 0, NULL);

  if (max_chars == 0)
    max_chars = G_MAXUINT;

  str = g_string_new (NULL);
  for (guint i = 0; i < n_fragments && !cut; i++)
    {
      guint start = fragments[i].start;
      guint len = fragments[i].end > start ? fragments[i].end - start : 0;
      guint moved;
      const char *s;
      const char *e;
      gsize byte;

      if (i > 0)
        {
          if (n_chars >= max_chars)
            {
              cut = TRUE;
              break;
            }
          if (flags & GLOSS_COVERED_TEXT_GAPS)
            {
              if (max_chars - n_chars < 3)
                {
                  cut = TRUE;
                  break;
                }
              g_string_append (str, " … ");
              n_chars += 3;
            }
          else
            {
              g_string_append_c (str, ' ');
              n_chars++;
            }
        }

      /* To the fragment's start: through the map, or on from the last
       * fragment's end (from the text's start when they are not sorted). */
      if (map != NULL)
        {
          if (gloss_offset_map_char_to_byte (map, start, &byte))
            s = text + byte;
          else
            s = text + gloss_offset_map_get_n_bytes (map);
        }
      else
        {
          if (start < pos)
            {
              p = text;
              pos = 0;
            }
          s = skip_chars (p, start - pos, &moved);
        }

      e = skip_chars (s, MIN (len, max_chars - n_chars), &moved);
      cut = len > moved && moved == max_chars - n_chars && *e != '\0';
      g_string_append_len (str, s, e - s);
      n_chars += moved;
      p = e;
      pos = start + moved;
    }

  if ((flags & GLOSS_COVERED_TEXT_ONE_LINE) != 0)
    g_strdelimit (str->str, "\n\r\t", ' ');
  if (cut && (flags & GLOSS_COVERED_TEXT_ELLIPSIS) != 0)
    g_string_append (str, "…");

  return g_string_free (str, FALSE);
}

const char *
gloss_annotation_get_provenance (GlossAnnotation *self,
                                 double          *score)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  if (score != NULL)
    *score = self->provenance != NULL ? self->provenance_score : 0;
  return self->provenance;
}

void
gloss_annotation_set_provenance (GlossAnnotation *self,
                                 const char      *suggester,
                                 double           score)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION (self));

  g_free (self->provenance);
  self->provenance = (suggester != NULL && *suggester != '\0') ? g_strdup (suggester) : NULL;
  self->provenance_score = self->provenance != NULL ? CLAMP (score, 0.0, 1.0) : 0;
}
