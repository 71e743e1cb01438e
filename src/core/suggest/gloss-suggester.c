/* gloss-suggester.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include "gloss-annotation.h"
#include "gloss-document.h"
#include "gloss-offsets.h"
#include "gloss-project.h"
#include "gloss-relation.h"
#include "gloss-schema.h"
#include "gloss-store.h"
#include "gloss-suggester.h"
#include "gloss-tokenizer.h"

G_DEFINE_QUARK (gloss-suggest-error-quark, gloss_suggest_error)

G_DEFINE_INTERFACE (GlossSuggester, gloss_suggester, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (GlossSuggestInput, gloss_suggest_input, gloss_suggest_input_ref,
                     gloss_suggest_input_unref)

static void
gloss_suggester_default_init (GlossSuggesterInterface *iface)
{
}

/* ---- the input ------------------------------------------------------------ */

static int
compare_annotations (gconstpointer a,
                     gconstpointer b)
{
  return gloss_annotation_compare (*(GlossAnnotation **) a, *(GlossAnnotation **) b);
}

static GlossSuggestInput *
input_new (const char  *name,
           char        *text,
           GlossSchema *schema)
{
  GlossSuggestInput *input = g_new0 (GlossSuggestInput, 1);

  g_atomic_ref_count_init (&input->ref_count);
  input->name = g_strdup (name);
  input->text = text;
  input->schema = schema != NULL ? g_object_ref (schema) : NULL;
  input->map = gloss_offset_map_new (input->text, -1);
  input->length = gloss_offset_map_get_n_chars (input->map);
  input->tokens = gloss_tokenize (input->text, -1);
  return input;
}

GlossSuggestInput *
gloss_suggest_input_new (GlossProject   *project,
                         GlossDocument  *document,
                         GError        **error)
{
  GlossStore *store;
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  GlossSuggestInput *input;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), NULL);
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (document), NULL);

  store = gloss_project_get_store (project);
  annotations = gloss_store_load_annotations (store, gloss_document_get_id (document), FALSE,
                                              error);
  if (annotations == NULL)
    return NULL;
  relations = gloss_store_load_relations (store, gloss_document_get_id (document), FALSE, error);
  if (relations == NULL)
    return NULL;

  input = input_new (gloss_document_get_name (document),
                     g_strdup (gloss_document_get_text (document)),
                     gloss_project_get_schema (project));
  input->document_id = gloss_document_get_id (document);
  input->annotations = g_steal_pointer (&annotations);
  input->relations = g_steal_pointer (&relations);
  return input;
}

GlossSuggestInput *
gloss_suggest_input_new_text (const char  *name,
                              const char  *text,
                              GlossSchema *schema,
                              GPtrArray   *annotations)
{
  GlossSuggestInput *input;

  g_return_val_if_fail (text != NULL, NULL);

  input = input_new (name != NULL ? name : "", g_strdup (text), schema);
  input->annotations = g_ptr_array_new_with_free_func (g_object_unref);
  input->relations = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; annotations != NULL && i < annotations->len; i++)
    g_ptr_array_add (input->annotations, g_object_ref (g_ptr_array_index (annotations, i)));
  g_ptr_array_sort (input->annotations, compare_annotations);
  return input;
}

GlossSuggestInput *
gloss_suggest_input_ref (GlossSuggestInput *input)
{
  g_return_val_if_fail (input != NULL, NULL);

  g_atomic_ref_count_inc (&input->ref_count);
  return input;
}

void
gloss_suggest_input_unref (GlossSuggestInput *input)
{
  g_return_if_fail (input != NULL);

  if (!g_atomic_ref_count_dec (&input->ref_count))
    return;
  g_clear_pointer (&input->map, gloss_offset_map_free);
  g_free (input->name);
  g_free (input->text);
  g_clear_object (&input->schema);
  g_clear_pointer (&input->annotations, g_ptr_array_unref);
  g_clear_pointer (&input->relations, g_ptr_array_unref);
  g_clear_pointer (&input->tokens, g_array_unref);
  g_free (input);
}

/* ---- the interface -------------------------------------------------------- */

const char *
gloss_suggester_get_name (GlossSuggester *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTER (self), NULL);

  return GLOSS_SUGGESTER_GET_IFACE (self)->get_name (self);
}

char **
gloss_suggester_dup_labels (GlossSuggester *self,
                            GlossSchema    *schema)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTER (self), NULL);

  return GLOSS_SUGGESTER_GET_IFACE (self)->dup_labels (self, schema);
}

gboolean
gloss_suggester_can_train (GlossSuggester *self)
{
  g_return_val_if_fail (GLOSS_IS_SUGGESTER (self), FALSE);

  return GLOSS_SUGGESTER_GET_IFACE (self)->train != NULL;
}

gboolean
gloss_suggester_train (GlossSuggester     *self,
                       GlossProject       *project,
                       GlossProgressFunc   progress,
                       gpointer            progress_data,
                       GCancellable       *cancellable,
                       GError            **error)
{
  GlossSuggesterInterface *iface;

  g_return_val_if_fail (GLOSS_IS_SUGGESTER (self), FALSE);
  g_return_val_if_fail (GLOSS_IS_PROJECT (project), FALSE);

  iface = GLOSS_SUGGESTER_GET_IFACE (self);
  if (iface->train == NULL)
    return TRUE;
  return iface->train (self, project, progress, progress_data, cancellable, error);
}

GPtrArray *
gloss_suggester_suggest (GlossSuggester     *self,
                         GlossSuggestInput  *input,
                         GCancellable       *cancellable,
                         GError            **error)
{
  GPtrArray *suggestions;
  const char *name;

  g_return_val_if_fail (GLOSS_IS_SUGGESTER (self), NULL);
  g_return_val_if_fail (input != NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  suggestions = GLOSS_SUGGESTER_GET_IFACE (self)->suggest (self, input, cancellable, error);
  if (suggestions == NULL)
    return NULL;

  /* Every suggestion says where it came from and which document it is of. */
  name = gloss_suggester_get_name (self);
  for (guint i = 0; i < suggestions->len; i++)
    {
      GlossSuggestion *s = g_ptr_array_index (suggestions, i);

      if (*gloss_suggestion_get_suggester (s) == '\0')
        gloss_suggestion_set_suggester (s, name);
      gloss_suggestion_set_document_id (s, input->document_id);
    }
  return suggestions;
}
