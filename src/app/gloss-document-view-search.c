/* gloss-document-view-search.c: find: every match highlighted, the next one selected
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include "gloss-document-view-private.h"

#define SEARCH_TAG_NAME    "gloss:search-match"

guint
gloss_document_view_set_search (GlossDocumentView *self,
                                const char        *text)
{
  GtkTextBuffer *buffer;
  GtkTextTagTable *table;
  GtkTextTag *tag;
  GtkTextIter a, b, iter;
  guint n = 0;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), 0);

  buffer = _gloss_document_view_get_buffer (self);
  table = gtk_text_buffer_get_tag_table (buffer);
  tag = gtk_text_tag_table_lookup (table, SEARCH_TAG_NAME);
  if (tag == NULL)
    {
      tag = gtk_text_buffer_create_tag (buffer, SEARCH_TAG_NAME,
                                        "background-rgba", &(GdkRGBA) { 1.0, 0.78, 0.0, 0.55 },
                                        NULL);
    }
  gtk_text_tag_set_priority (tag, gtk_text_tag_table_get_size (table) - 1);

  gtk_text_buffer_get_bounds (buffer, &a, &b);
  gtk_text_buffer_remove_tag (buffer, tag, &a, &b);

  g_free (self->search_text);
  self->search_text = (text != NULL && *text != '\0') ? g_strdup (text) : NULL;

  iter = a;
  while (self->search_text != NULL &&
         gtk_text_iter_forward_search (&iter, self->search_text,
                                       GTK_TEXT_SEARCH_CASE_INSENSITIVE |
                                       GTK_TEXT_SEARCH_TEXT_ONLY,
                                       &a, &b, NULL))
    {
      gtk_text_buffer_apply_tag (buffer, tag, &a, &b);
      iter = b;
      n++;
    }

  self->n_matches = n;
  return n;
}

gboolean
gloss_document_view_find_next (GlossDocumentView *self,
                               int                direction)
{
  GtkTextBuffer *buffer;
  GtkTextIter sel_start, sel_end, a, b;
  GtkTextSearchFlags flags = GTK_TEXT_SEARCH_CASE_INSENSITIVE | GTK_TEXT_SEARCH_TEXT_ONLY;
  gboolean found;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), FALSE);

  if (self->search_text == NULL)
    return FALSE;

  buffer = _gloss_document_view_get_buffer (self);
  gtk_text_buffer_get_selection_bounds (buffer, &sel_start, &sel_end);
  if (direction > 0)
    {
      found = gtk_text_iter_forward_search (&sel_end, self->search_text, flags, &a, &b, NULL);
      if (!found)
        {
          gtk_text_buffer_get_start_iter (buffer, &sel_end);
          found = gtk_text_iter_forward_search (&sel_end, self->search_text, flags, &a, &b, NULL);
        }
    }
  else
    {
      found = gtk_text_iter_backward_search (&sel_start, self->search_text, flags, &a, &b, NULL);
      if (!found)
        {
          gtk_text_buffer_get_end_iter (buffer, &sel_start);
          found = gtk_text_iter_backward_search (&sel_start, self->search_text, flags,
                                                 &a, &b, NULL);
        }
    }

  if (!found)
    return FALSE;

  /* The match becomes the text selection: a hotkey annotates it. */
  gtk_text_buffer_select_range (buffer, &a, &b);
  self->fragment_mode = FALSE;
  _gloss_document_view_scroll_to_offset (self, gtk_text_iter_get_offset (&a));
  return TRUE;
}

const char *
gloss_document_view_get_search (GlossDocumentView *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), NULL);

  return self->search_text != NULL ? self->search_text : "";
}

guint
gloss_document_view_get_n_matches (GlossDocumentView *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), 0);

  return self->search_text != NULL ? self->n_matches : 0;
}
