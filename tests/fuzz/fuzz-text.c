/* fuzz-text.c: libFuzzer target for the text importer
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"

/* The whole input is one .txt file imported with --format text. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  return fuzz_import_one_file ("text", "fuzz.txt", data, size);
}
