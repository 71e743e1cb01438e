/* gloss-types.c: string forms of the shared enumerations
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include "gloss-types.h"

/* These strings are stored in project files and exchanged in JSON: never
 * change them. */

const char *
gloss_document_status_to_string (GlossDocumentStatus status)
{
  switch (status)
    {
    case GLOSS_DOCUMENT_STATUS_NEW:
      return "new";
    case GLOSS_DOCUMENT_STATUS_IN_PROGRESS:
      return "in-progress";
    case GLOSS_DOCUMENT_STATUS_DONE:
      return "done";
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
gloss_document_status_from_string (const char          *str,
                                   GlossDocumentStatus *status)
{
  GlossDocumentStatus value;

  if (str == NULL)
    return FALSE;

  if (g_str_equal (str, "new"))
    value = GLOSS_DOCUMENT_STATUS_NEW;
  else if (g_str_equal (str, "in-progress"))
    value = GLOSS_DOCUMENT_STATUS_IN_PROGRESS;
  else if (g_str_equal (str, "done"))
    value = GLOSS_DOCUMENT_STATUS_DONE;
  else
    return FALSE;

  if (status != NULL)
    *status = value;

  return TRUE;
}

const char *
gloss_attr_type_to_string (GlossAttrType type)
{
  switch (type)
    {
    case GLOSS_ATTR_TYPE_ENUM:
      return "enum";
    case GLOSS_ATTR_TYPE_BOOLEAN:
      return "boolean";
    case GLOSS_ATTR_TYPE_TEXT:
      return "text";
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
gloss_attr_type_from_string (const char    *str,
                             GlossAttrType *type)
{
  GlossAttrType value;

  if (str == NULL)
    return FALSE;

  if (g_str_equal (str, "enum"))
    value = GLOSS_ATTR_TYPE_ENUM;
  else if (g_str_equal (str, "boolean"))
    value = GLOSS_ATTR_TYPE_BOOLEAN;
  else if (g_str_equal (str, "text"))
    value = GLOSS_ATTR_TYPE_TEXT;
  else
    return FALSE;

  if (type != NULL)
    *type = value;

  return TRUE;
}
