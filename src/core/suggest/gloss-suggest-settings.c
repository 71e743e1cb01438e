/* gloss-suggest-settings.c: which suggesters a project runs, and where their servers are
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "gloss-project.h"
#include "gloss-store.h"
#include "gloss-suggest-settings.h"

typedef struct
{
  const char *name;
  const char *keys[4];
} Takes;

/* What each suggester can be told. */
static const Takes takes[] = {
  { "ls-backend", { "url", NULL } },
  { "openai", { "url", "model", "key-file", NULL } },
  { "gazetteer", { "list", NULL } },
};

static gboolean
known_name (const char *name)
{
  return g_strv_contains (gloss_suggester_list_names (), name);
}

static gboolean
takes_key (const char *name,
           const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (takes); i++)
    if (g_str_equal (takes[i].name, name))
      return g_strv_contains (takes[i].keys, key);
  return FALSE;
}

static gboolean
is_http (const char *name)
{
  return g_str_equal (name, "ls-backend") || g_str_equal (name, "openai");
}

static char *
meta_key (const char *name,
          const char *key)
{
  return g_strdup_printf ("suggest.%s.%s", name, key);
}

char *
gloss_project_dup_suggester_setting (GlossProject *project,
                                     const char   *name,
                                     const char   *key)
{
  g_autofree char *meta = NULL;
  char            *value;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), NULL);
  g_return_val_if_fail (name != NULL && key != NULL, NULL);

  meta = meta_key (name, key);
  value = gloss_store_dup_meta (gloss_project_get_store (project), meta);
  if (value != NULL && *value == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

gboolean
gloss_project_set_suggester_setting (GlossProject *project,
                                     const char   *name,
                                     const char   *key,
                                     const char   *value,
                                     GError      **error)
{
  g_autofree char *meta = NULL;
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (name != NULL && key != NULL, FALSE);

  if (!takes_key (name, key))
    {
      g_set_error (error, GLOSS_SUGGEST_ERROR, GLOSS_SUGGEST_ERROR_FAILED,
                   _("The suggester “%s” has no setting “%s”"), name, key);
      return FALSE;
    }
  /* an address or a name pasted with a space or a line break around it */
  stripped = g_strstrip (g_strdup (value != NULL ? value : ""));
  meta = meta_key (name, key);
  return gloss_store_set_meta (gloss_project_get_store (project), meta, stripped, error);
}

gboolean
gloss_project_suggester_is_ready (GlossProject *project,
                                  const char   *name,
                                  char        **missing)
{
  g_autofree char *url = NULL;
  g_autofree char *model = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (missing != NULL)
    *missing = NULL;
  if (!known_name (name))
    {
      if (missing != NULL)
        *missing = g_strdup_printf (_("No suggester is called “%s”"), name);
      return FALSE;
    }
  if (!is_http (name))
    return TRUE;
  url = gloss_project_dup_suggester_setting (project, name, "url");
  if (url == NULL)
    {
      if (missing != NULL)
        *missing = g_strdup (_("Needs the address of its server: set it in Project Properties"));
      return FALSE;
    }
  if (g_str_equal (name, "openai"))
    {
      model = gloss_project_dup_suggester_setting (project, name, "model");
      if (model == NULL)
        {
          if (missing != NULL)
            *missing = g_strdup (_("Needs a model name: set it in Project Properties"));
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
gloss_project_get_suggester_enabled (GlossProject *project,
                                     const char   *name)
{
  g_autofree char *meta = NULL;
  g_autofree char *value = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!known_name (name))
    return FALSE;
  meta = meta_key (name, "enabled");
  value = gloss_store_dup_meta (gloss_project_get_store (project), meta);
  if (value != NULL && *value != '\0')
    return g_str_equal (value, "true");
  /* unset: those that need nothing run, a server once it has an address */
  return !is_http (name) || gloss_project_suggester_is_ready (project, name, NULL);
}

gboolean
gloss_project_set_suggester_enabled (GlossProject *project,
                                     const char   *name,
                                     gboolean      enabled,
                                     GError      **error)
{
  g_autofree char *meta = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!known_name (name))
    {
      g_set_error (error, GLOSS_SUGGEST_ERROR, GLOSS_SUGGEST_ERROR_FAILED,
                   _("No suggester is called “%s”"), name);
      return FALSE;
    }
  meta = meta_key (name, "enabled");
  return gloss_store_set_meta (gloss_project_get_store (project), meta,
                               enabled ? "true" : "false", error);
}

char *
gloss_suggest_read_key_file (const char *path,
                             GError    **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, NULL, &local))
    {
      g_set_error (error, GLOSS_SUGGEST_ERROR, GLOSS_SUGGEST_ERROR_FAILED,
                   _("Could not read the API key: %s"), local->message);
      return NULL;
    }
  contents[strcspn (contents, "\r\n")] = '\0';
  return g_strdup (g_strstrip (contents));
}

GlossSuggester *
gloss_project_new_suggester (GlossProject                *project,
                             const char                  *name,
                             const GlossSuggesterOptions *overrides,
                             GError                     **error)
{
  static const GlossSuggesterOptions none = { 0 };
  g_autofree char      *url = NULL;
  g_autofree char      *model = NULL;
  g_autofree char      *list = NULL;
  g_autofree char      *key_file = NULL;
  g_autofree char      *key = NULL;
  GlossSuggesterOptions options = { 0 };
  g_autofree char      *missing = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (overrides == NULL)
    overrides = &none;
  /* what the project lacks, said as Project Properties would fix it,
   * unless the caller brings the server itself */
  if (overrides->url == NULL && overrides->model == NULL &&
      !gloss_project_suggester_is_ready (project, name, &missing))
    {
      g_set_error (error, GLOSS_SUGGEST_ERROR, GLOSS_SUGGEST_ERROR_FAILED, "%s", missing);
      return NULL;
    }
  url = gloss_project_dup_suggester_setting (project, name, "url");
  model = gloss_project_dup_suggester_setting (project, name, "model");
  list = gloss_project_dup_suggester_setting (project, name, "list");
  key_file = gloss_project_dup_suggester_setting (project, name, "key-file");
  if (overrides->api_key == NULL && key_file != NULL)
    {
      key = gloss_suggest_read_key_file (key_file, error);
      if (key == NULL)
        return NULL;
    }
  options.url = overrides->url != NULL ? overrides->url : url;
  options.model = overrides->model != NULL ? overrides->model : model;
  options.list_path = overrides->list_path != NULL ? overrides->list_path : list;
  options.api_key = overrides->api_key != NULL ? overrides->api_key : key;
  return gloss_suggester_new_for_name (name, &options, error);
}

char **
gloss_project_dup_enabled_suggesters (GlossProject *project)
{
  const char * const *names = gloss_suggester_list_names ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), NULL);

  for (guint i = 0; names[i] != NULL; i++)
    if (gloss_project_get_suggester_enabled (project, names[i]) &&
        gloss_project_suggester_is_ready (project, names[i], NULL))
      g_strv_builder_add (builder, names[i]);
  return g_strv_builder_end (builder);
}
