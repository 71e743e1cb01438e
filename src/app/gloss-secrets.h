/* gloss-secrets.h: API keys of suggestion servers, kept in the desktop's keyring
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A key is kept by the address of its endpoint (the same server, the same
 * key, whichever project asks), with libsecret: never in a project file. */

/* The key kept for @endpoint, or NULL (none kept, or no keyring: @error
 * says which; a missing key is no error). Blocks: for worker threads. */
char    *gloss_secrets_lookup_api_key (const char   *endpoint,
                                       GCancellable *cancellable,
                                       GError      **error);
/* Keeps @key for @endpoint (NULL or "": forgets it). Blocks. */
gboolean gloss_secrets_store_api_key (const char   *endpoint,
                                      const char   *key,
                                      GCancellable *cancellable,
                                      GError      **error);

G_END_DECLS
