/* fuzz-label-studio.c: libFuzzer target for the label-studio importer
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"

/* The whole input is one .json file imported with --format label-studio. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  return fuzz_import_one_file ("label-studio", "fuzz.json", data, size);
}
