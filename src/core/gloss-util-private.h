/* gloss-util-private.h: small helpers shared inside the core
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "gloss-types.h"

G_BEGIN_DECLS

/* Times are microseconds since the Unix epoch (g_get_real_time ()). */
char       *_gloss_time_to_iso8601       (gint64        usec);
gboolean    _gloss_time_from_iso8601     (const char   *str,
                                          gint64       *usec);

/* Attribute maps are GHashTable (char* -> GVariant*, both owned). */
GHashTable *_gloss_attributes_new        (void);
GHashTable *_gloss_attributes_copy       (GHashTable   *attrs);
/* Sets (@value sunk and kept) or, for NULL, removes @name in *@attrs,
 * creating the table on demand and freeing it when it becomes empty. */
void        _gloss_attributes_set        (GHashTable  **attrs,
                                          const char   *name,
                                          GVariant     *value);
gboolean    _gloss_attributes_equal      (GHashTable   *a,
                                          GHashTable   *b);
/* Compact JSON object with sorted keys; "{}" for NULL or empty. */
char       *_gloss_attributes_to_json    (GHashTable   *attrs);
void        _gloss_attributes_to_builder (GHashTable   *attrs,
                                          JsonBuilder  *builder);
/* NULL (no error) for "{}"/NULL/empty input. Accepts string and boolean
 * members; anything else is an error. */
GHashTable *_gloss_attributes_from_json  (const char   *json,
                                          GError      **error);
GHashTable *_gloss_attributes_from_node  (JsonNode     *node,
                                          GError      **error);

/* Fragments as stored in the project: "start-end;start-end". */
char       *_gloss_fragments_to_string   (const GlossFragment *frags,
                                          guint                n_frags);
gboolean    _gloss_fragments_from_string (const char          *str,
                                          GArray             **frags);

/* A random (version 4) UUID, as g_uuid_string_random () writes one, without
 * its printf: a project's every row takes one, an import hundreds of
 * thousands. */
char       *_gloss_uuid_string_random    (void);

/* A three-way merge of JSON texts: what @ours changed from @base, applied
 * to @theirs (see gloss-json-merge.c). NULL with @error when a text is not
 * JSON. */
char       *_gloss_json_merge3           (const char   *base,
                                          const char   *ours,
                                          const char   *theirs,
                                          GError      **error);

G_END_DECLS
