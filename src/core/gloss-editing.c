/* gloss-editing.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include "gloss-annotation.h"
#include "gloss-attr-def.h"
#include "gloss-command.h"
#include "gloss-document.h"
#include "gloss-editing.h"
#include "gloss-label.h"
#include "gloss-schema.h"

gboolean
gloss_is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

gboolean
gloss_snap_to_words (const char *text,
                     guint       start,
                     guint       end,
                     guint      *out_start,
                     guint      *out_end)
{
  const char *ps = text;
  const char *pe;
  guint offset = 0;

  g_return_val_if_fail (text != NULL, FALSE);

  if (start >= end)
    return FALSE;

  /* Walk to start and end without running past the NUL. */
  while (offset < start && *ps != '\0')
    {
      ps = g_utf8_next_char (ps);
      offset++;
    }
  if (offset < start)
    return FALSE;
  pe = ps;
  while (offset < end && *pe != '\0')
    {
      pe = g_utf8_next_char (pe);
      offset++;
    }
  end = offset;

  /* Trim surrounding white space. */
  while (start < end && g_unichar_isspace (g_utf8_get_char (ps)))
    {
      ps = g_utf8_next_char (ps);
      start++;
    }
  while (end > start && g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (pe))))
    {
      pe = g_utf8_prev_char (pe);
      end--;
    }
  if (start >= end)
    return FALSE;

  /* Grow a cut word at either edge to the whole word. */
  if (gloss_is_word_char (g_utf8_get_char (ps)))
    while (ps > text && gloss_is_word_char (g_utf8_get_char (g_utf8_prev_char (ps))))
      {
        ps = g_utf8_prev_char (ps);
        start--;
      }
  if (gloss_is_word_char (g_utf8_get_char (g_utf8_prev_char (pe))))
    while (*pe != '\0' && gloss_is_word_char (g_utf8_get_char (pe)))
      {
        pe = g_utf8_next_char (pe);
        end++;
      }

  if (out_start != NULL)
    *out_start = start;
  if (out_end != NULL)
    *out_end = end;

  return TRUE;
}

GlossFragment *
gloss_fragments_add (const GlossFragment *fragments,
                     guint                n_fragments,
                     guint                start,
                     guint                end,
                     guint               *n_result)
{
  g_autoptr(GArray) all = NULL;
  GlossFragment extra = { start, end };
  GArray *merged;
  guint i = 0;

  g_return_val_if_fail (fragments != NULL || n_fragments == 0, NULL);
  g_return_val_if_fail (n_result != NULL, NULL);

  all = g_array_sized_new (FALSE, FALSE, sizeof (GlossFragment), n_fragments + 1);
  merged = g_array_sized_new (FALSE, FALSE, sizeof (GlossFragment), n_fragments + 1);

  /* Insert in order, then merge touching or overlapping pieces. */
  while (i < n_fragments && (fragments[i].start < start ||
                             (fragments[i].start == start && fragments[i].end < end)))
    g_array_append_val (all, fragments[i++]);
  g_array_append_val (all, extra);
  for (; i < n_fragments; i++)
    g_array_append_val (all, fragments[i]);

  for (i = 0; i < all->len; i++)
    {
      GlossFragment f = g_array_index (all, GlossFragment, i);

      if (merged->len > 0)
        {
          GlossFragment *last = &g_array_index (merged, GlossFragment, merged->len - 1);

          if (f.start <= last->end)
            {
              last->end = MAX (last->end, f.end);
              continue;
            }
        }
      g_array_append_val (merged, f);
    }

  *n_result = merged->len;
  return (GlossFragment *) g_array_free (merged, FALSE);
}

gboolean
gloss_editing_start_document (GlossCommand  *command,
                              GlossDocument *document,
                              const char    *annotator)
{
  g_return_val_if_fail (GLOSS_IS_COMMAND (command), FALSE);
  g_return_val_if_fail (document == NULL || GLOSS_IS_DOCUMENT (document), FALSE);

  if (document == NULL ||
      gloss_document_get_status (document, annotator) != GLOSS_DOCUMENT_STATUS_NEW)
    return FALSE;

  gloss_command_set_document_status (command, annotator, GLOSS_DOCUMENT_STATUS_IN_PROGRESS);
  return TRUE;
}

gboolean
gloss_editing_apply_defaults (GlossAnnotation *annotation,
                              GlossSchema     *schema)
{
  GlossLabel *label;
  GPtrArray  *defs;
  gboolean    changed = FALSE;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION (annotation), FALSE);
  g_return_val_if_fail (GLOSS_IS_SCHEMA (schema), FALSE);

  label = gloss_schema_lookup_label (schema, gloss_annotation_get_label (annotation));
  defs = label != NULL ? gloss_label_get_attributes (label) : NULL;
  for (guint i = 0; defs != NULL && i < defs->len; i++)
    {
      GlossAttrDef *def = g_ptr_array_index (defs, i);
      GVariant     *value = gloss_attr_def_get_default_value (def);
      const char   *name = gloss_attr_def_get_name (def);

      if (value == NULL || gloss_annotation_get_attribute (annotation, name) != NULL)
        continue;
      gloss_annotation_set_attribute (annotation, name, value);
      changed = TRUE;
    }

  return changed;
}

GlossAttrDef *
gloss_editing_lookup_quick_attribute (GlossSchema *schema,
                                      const char  *label)
{
  GlossLabel *found;
  GPtrArray  *defs;

  g_return_val_if_fail (GLOSS_IS_SCHEMA (schema), NULL);

  found = label != NULL ? gloss_schema_lookup_label (schema, label) : NULL;
  defs = found != NULL ? gloss_label_get_attributes (found) : NULL;
  for (guint i = 0; defs != NULL && i < defs->len; i++)
    {
      GlossAttrDef *def = g_ptr_array_index (defs, i);

      if (gloss_attr_def_get_attr_type (def) == GLOSS_ATTR_TYPE_ENUM)
        return def;
    }

  return NULL;
}
