/* fuzz-fragments.c: libFuzzer target for the store's fragment string parser
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"
#include "gloss-util-private.h"

/* "start-end;start-end": a parsed list prints back to a string that parses
 * into the same list. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *str = g_strndup ((const char *) data, size);
  g_autoptr(GArray) frags = NULL;
  g_autoptr(GArray) again = NULL;
  g_autofree char *printed = NULL;

  fuzz_init ();

  if (!_gloss_fragments_from_string (str, &frags))
    {
      g_assert_null (frags);
      return 0;
    }
  g_assert_nonnull (frags);
  g_assert_cmpuint (frags->len, >, 0);

  printed = _gloss_fragments_to_string ((const GlossFragment *) (gpointer) frags->data,
                                        frags->len);
  g_assert_true (_gloss_fragments_from_string (printed, &again));
  g_assert_cmpuint (again->len, ==, frags->len);
  g_assert_cmpmem (again->data, again->len * sizeof (GlossFragment),
                   frags->data, frags->len * sizeof (GlossFragment));
  return 0;
}
