/* gloss-annotation.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include "gloss-annotation.h"
#include "gloss-util-private.h"

struct _GlossAnnotation
{
  GObject        parent_instance;

  char          *uuid;           /* owned */
  char          *label;          /* owned */
  GlossFragment *fragments;      /* owned, sorted */
  guint          n_fragments;
  guint          deleted : 1;
  GHashTable    *attributes;     /* owned, NULL when empty */
  char          *note;           /* owned, nullable */
  char          *norm_id;        /* owned, nullable */
  char          *norm_name;      /* owned, nullable */
  char          *annotator;      /* owned */
  gint64         document_id;
  gint64         created;
  gint64         modified;
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

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->fragments, g_free);
  g_clear_pointer (&self->attributes, g_hash_table_unref);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->norm_id, g_free);
  g_clear_pointer (&self->norm_name, g_free);
  g_clear_pointer (&self->annotator, g_free);

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
      g_value_set_string (value, self->uuid);
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
      g_value_set_string (value, self->annotator);
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
  self->uuid = g_uuid_string_random ();
  self->label = g_strdup (label);
  self->annotator = g_strdup (annotator ? annotator : "");
  self->created = self->modified = g_get_real_time ();
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
  copy->uuid = g_strdup (self->uuid);
  copy->label = g_strdup (self->label);
  copy->fragments = g_memdup2 (self->fragments, sizeof (GlossFragment) * self->n_fragments);
  copy->n_fragments = self->n_fragments;
  copy->attributes = _gloss_attributes_copy (self->attributes);
  copy->note = g_strdup (self->note);
  copy->norm_id = g_strdup (self->norm_id);
  copy->norm_name = g_strdup (self->norm_name);
  copy->annotator = g_strdup (self->annotator);
  copy->document_id = self->document_id;
  copy->created = self->created;
  copy->modified = self->modified;
  copy->deleted = self->deleted;
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
  return str_equal0 (a->uuid, b->uuid) &&
         str_equal0 (a->label, b->label) &&
         a->n_fragments == b->n_fragments &&
         (a->n_fragments == 0 ||
          memcmp (a->fragments, b->fragments, sizeof (GlossFragment) * a->n_fragments) == 0) &&
         _gloss_attributes_equal (a->attributes, b->attributes) &&
         str_equal0 (a->note, b->note) &&
         str_equal0 (a->norm_id, b->norm_id) &&
         str_equal0 (a->norm_name, b->norm_name) &&
         str_equal0 (a->annotator, b->annotator) &&
         a->document_id == b->document_id &&
         a->created == b->created &&
         a->modified == b->modified &&
         a->deleted == b->deleted;
}

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
  return g_strcmp0 (a->uuid, b->uuid);
}

const char *
gloss_annotation_get_uuid (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);
  return self->uuid;
}

void
gloss_annotation_set_uuid (GlossAnnotation *self,
                           const char      *uuid)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION (self));
  g_return_if_fail (uuid != NULL);
  g_free (self->uuid);
  self->uuid = g_strdup (uuid);
}

gint64
gloss_annotation_get_document_id (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), 0);
  return self->document_id;
}

void
gloss_annotation_set_document_id (GlossAnnotation *self,
                                  gint64           document_id)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION (self));
  self->document_id = document_id;
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

GVariant *
gloss_annotation_get_attribute (GlossAnnotation *self,
                                const char      *name)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);
  return self->attributes ? g_hash_table_lookup (self->attributes, name) : NULL;
}

void
gloss_annotation_set_attribute (GlossAnnotation *self,
                                const char      *name,
                                GVariant        *value)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION (self));
  g_return_if_fail (name != NULL);
  _gloss_attributes_set (&self->attributes, name, value);
}

GHashTable *
gloss_annotation_get_attributes (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);
  return self->attributes;
}

void
gloss_annotation_set_attributes (GlossAnnotation *self,
                                 GHashTable      *attributes)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION (self));
  g_clear_pointer (&self->attributes, g_hash_table_unref);
  self->attributes = _gloss_attributes_copy (attributes);
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

const char *
gloss_annotation_get_annotator (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);
  return self->annotator;
}

void
gloss_annotation_set_annotator (GlossAnnotation *self,
                                const char      *annotator)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION (self));
  g_free (self->annotator);
  self->annotator = g_strdup (annotator ? annotator : "");
}

gint64
gloss_annotation_get_created (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), 0);
  return self->created;
}

gint64
gloss_annotation_get_modified (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), 0);
  return self->modified;
}

void
gloss_annotation_set_times (GlossAnnotation *self,
                            gint64           created,
                            gint64           modified)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION (self));
  self->created = created;
  self->modified = modified;
}

gboolean
gloss_annotation_get_deleted (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), FALSE);
  return self->deleted;
}

void
gloss_annotation_set_deleted (GlossAnnotation *self,
                              gboolean         deleted)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION (self));
  self->deleted = !!deleted;
}

char *
gloss_annotation_dup_text (GlossAnnotation *self,
                           const char      *text)
{
  GString *str;
  const char *p = text;
  guint pos = 0;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  str = g_string_new (NULL);
  for (guint i = 0; i < self->n_fragments; i++)
    {
      const char *s, *e;

      if (self->fragments[i].start < pos)
        {
          p = text;
          pos = 0;
        }
      s = g_utf8_offset_to_pointer (p, self->fragments[i].start - pos);
      e = g_utf8_offset_to_pointer (s, self->fragments[i].end - self->fragments[i].start);
      if (i > 0)
        g_string_append_c (str, ' ');
      g_string_append_len (str, s, e - s);
      p = e;
      pos = self->fragments[i].end;
    }
  return g_string_free (str, FALSE);
}
