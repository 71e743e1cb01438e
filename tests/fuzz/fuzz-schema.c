/* fuzz-schema.c: libFuzzer target for the schema JSON parser
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"
#include "gloss-schema.h"

/* Any input either fails with an error or gives a schema whose JSON reads
 * back into an equal schema with the same JSON (gloss-schema.h promises). */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GlossSchema) schema = NULL;
  g_autoptr(GlossSchema) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;

  fuzz_init ();

  schema = gloss_schema_new_from_json ((const char *) data, size, &error);
  g_assert_true ((schema == NULL) == (error != NULL));
  if (schema == NULL)
    return 0;

  json = gloss_schema_to_json (schema);
  again = gloss_schema_new_from_json (json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (gloss_schema_equal (schema, again));
  json_again = gloss_schema_to_json (again);
  g_assert_cmpstr (json, ==, json_again);
  return 0;
}
