/* gloss-prefetch.c: opening a project while GTK starts
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include "gloss-document.h"
#include "gloss-prefetch.h"

struct _GlossPrefetch
{
  GThread             *thread;
  char                *path;
  char                *document;
  char                *uuid;
  /* written by the thread, read after the join */
  GlossProject        *project;
  GlossAnnotationList *annotations;
};

/* The document the window will show when no name is given: the one with
 * @uuid, else the first in the list (name order, as the window's list). */
static GlossDocument *
find_shown_document (GlossProject *project,
                     const char   *uuid)
{
  GListModel *documents = gloss_project_get_documents (project);
  guint n = g_list_model_get_n_items (documents);
  g_autoptr(GlossDocument) first = NULL;

  if (n == 0)
    return NULL;
  first = g_list_model_get_item (documents, 0);
  for (guint i = 0; uuid != NULL && *uuid != '\0' && i < n; i++)
    {
      g_autoptr(GlossDocument) document = g_list_model_get_item (documents, i);

      if (g_strcmp0 (gloss_document_get_uuid (document), uuid) == 0)
        return document;   /* the list keeps it */
    }
  return first;
}

static gpointer
prefetch_thread (gpointer data)
{
  GlossPrefetch *self = data;
  g_autoptr(GError) error = NULL;
  GlossDocument *document;

  self->project = gloss_project_open (self->path, &error);
  if (self->project == NULL)
    {
      /* The window opens the file again and reports the error. */
      g_debug ("Prefetch of %s failed: %s", self->path, error->message);
      return NULL;
    }
  if (self->document != NULL)
    document = gloss_project_find_document (self->project, self->document);
  else
    document = find_shown_document (self->project, self->uuid);
  if (document == NULL)
    return NULL;

  /* The text first: the annotation list and the view both need it. */
  gloss_document_get_text (document);
  self->annotations = gloss_project_dup_annotation_list (self->project, document, &error);
  if (self->annotations == NULL)
    g_debug ("Prefetch of %s in %s failed: %s", self->document, self->path, error->message);

  return NULL;
}

GlossPrefetch *
gloss_prefetch_start (const char *path,
                      const char *document_name,
                      const char *document_uuid)
{
  GlossPrefetch *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_new0 (GlossPrefetch, 1);
  self->path = g_strdup (path);
  self->document = g_strdup (document_name);
  self->uuid = g_strdup (document_uuid);
  self->thread = g_thread_new ("gloss-prefetch", prefetch_thread, self);

  return self;
}

static void
join (GlossPrefetch *self)
{
  if (self->thread != NULL)
    g_thread_join (g_steal_pointer (&self->thread));
}

GlossProject *
gloss_prefetch_take_project (GlossPrefetch *self,
                             const char    *path)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  join (self);
  if (g_strcmp0 (path, self->path) != 0)
    return NULL;

  return g_steal_pointer (&self->project);
}

void
gloss_prefetch_free (GlossPrefetch *self)
{
  if (self == NULL)
    return;

  join (self);
  g_clear_object (&self->annotations);
  g_clear_object (&self->project);
  g_free (self->document);
  g_free (self->uuid);
  g_free (self->path);
  g_free (self);
}
