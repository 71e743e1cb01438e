/* gloss-secrets.c: API keys of suggestion servers, kept in the desktop's keyring
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "gloss-secrets.h"

static const SecretSchema *
api_key_schema (void)
{
  static const SecretSchema schema = {
    "io.github.glossapp.Gloss.ApiKey",
    SECRET_SCHEMA_NONE,
    {
      { "endpoint", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0,
    NULL,
    NULL,
    NULL,
    NULL,
    NULL,
    NULL,
    NULL,
  };

  return &schema;
}

char *
gloss_secrets_lookup_api_key (const char   *endpoint,
                              GCancellable *cancellable,
                              GError      **error)
{
  g_return_val_if_fail (endpoint != NULL, NULL);

  return secret_password_lookup_sync (api_key_schema (), cancellable, error, "endpoint",
                                      endpoint, NULL);
}

gboolean
gloss_secrets_store_api_key (const char   *endpoint,
                             const char   *key,
                             GCancellable *cancellable,
                             GError      **error)
{
  g_autofree char *label = NULL;

  g_return_val_if_fail (endpoint != NULL, FALSE);

  if (key == NULL || *key == '\0')
    {
      g_autoptr(GError) local = NULL;

      /* nothing to forget is no failure */
      secret_password_clear_sync (api_key_schema (), cancellable, &local, "endpoint", endpoint,
                                  NULL);
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      return TRUE;
    }
  /* Translators: how the key is named in the keyring (Passwords and Keys) */
  label = g_strdup_printf (_("Gloss: API key for %s"), endpoint);
  return secret_password_store_sync (api_key_schema (), SECRET_COLLECTION_DEFAULT, label, key,
                                     cancellable, error, "endpoint", endpoint, NULL);
}
