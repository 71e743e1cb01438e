/* fuzz-spacy.c: libFuzzer target for the spacy importer
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"

/* The whole input is one .jsonl file imported with --format spacy. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  return fuzz_import_one_file ("spacy", "fuzz.jsonl", data, size);
}
