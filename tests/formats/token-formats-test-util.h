/* token-formats-test-util.h: helpers for the CoNLL, CoNLL-U, WebAnno, HF and claims units
 * (header only)
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include <glib/gstdio.h>

#include "format-test-util.h"

static inline GPtrArray *
tf_annotations (GlossProject  *project,
                GlossDocument *doc)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *all = gloss_store_load_annotations (gloss_project_get_store (project),
                                                 gloss_document_get_id (doc), FALSE, &error);
  g_assert_no_error (error);
  return all;
}

static inline guint
tf_n_annotations (GlossProject *project)
{
  guint n = 0;

  for (guint i = 0; i < ft_n_documents (project); i++)
    {
      g_autoptr(GPtrArray) a = tf_annotations (project, ft_document (project, i));
      n += a->len;
    }
  return n;
}

/* One line per annotation "LABEL start-end[,start-end] «text»", sorted. */
static inline char *
tf_annotation_signature (GlossProject  *project,
                         GlossDocument *doc)
{
  g_autoptr(GPtrArray) anns = tf_annotations (project, doc);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GString *s = g_string_new (NULL);
  const char *text = gloss_document_get_text (doc);

  for (guint i = 0; i < anns->len; i++)
    {
      GlossAnnotation *a = g_ptr_array_index (anns, i);
      const GlossFragment *f;
      guint n;
      GString *l = g_string_new (gloss_annotation_get_label (a));
      g_autofree char *covered = gloss_annotation_dup_text (a, text);

      f = gloss_annotation_get_fragments (a, &n);
      for (guint k = 0; k < n; k++)
        g_string_append_printf (l, "%c%u-%u", k == 0 ? ' ' : ',', f[k].start, f[k].end);
      g_string_append_printf (l, " «%s»", covered ? covered : "");
      g_ptr_array_add (lines, g_string_free (l, FALSE));
    }
  g_ptr_array_sort (lines, ft_compare_strings);
  for (guint i = 0; i < lines->len; i++)
    {
      g_string_append (s, g_ptr_array_index (lines, i));
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}

static inline char *
tf_read (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static inline void
tf_write (const char *path,
          const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* A document and a span added as the editor would. */
static inline GlossDocument *
tf_add_document (GlossProject *project,
                 const char   *name,
                 const char   *text)
{
  g_autoptr(GError) error = NULL;
  GlossDocument *doc = gloss_project_add_document (project, name, text, -1, NULL, &error);

  g_assert_no_error (error);
  return doc;
}

static inline void
tf_add_span (GlossProject  *project,
             GlossDocument *doc,
             const char    *label,
             guint          start,
             guint          end)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossAnnotationList) list = gloss_project_dup_annotation_list (project, doc, &error);
  g_autoptr(GlossCommand) cmd = gloss_command_new ("add");
  g_autoptr(GlossAnnotation) a = gloss_annotation_new_span (label, start, end, "tester");

  g_assert_no_error (error);
  gloss_command_create_annotation (cmd, a);
  g_assert_true (gloss_annotation_list_apply (list, cmd, &error));
  g_assert_no_error (error);
}
