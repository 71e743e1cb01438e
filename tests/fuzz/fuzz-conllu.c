/* fuzz-conllu.c: libFuzzer target for the conllu importer
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"

/* The whole input is one .conllu file imported with --format conllu. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  return fuzz_import_one_file ("conllu", "fuzz.conllu", data, size);
}
