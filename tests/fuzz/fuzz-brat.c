/* fuzz-brat.c: libFuzzer target for the brat standoff importer
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"

/* The input is a .txt, an .ann and optionally an annotation.conf joined by
 * NUL bytes (text first); an input without NUL is all .ann with an empty
 * text. The files are written side by side as doc.txt, doc.ann and
 * annotation.conf and the .ann is imported. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const uint8_t *nul = memchr (data, '\0', size);
  const uint8_t *ann_data = data;
  size_t ann_size = size;
  g_autofree char *txt = NULL;
  g_autofree char *ann = NULL;
  g_autofree char *conf = NULL;
  const char *paths[2] = { NULL, NULL };

  fuzz_init ();

  if (nul != NULL)
    {
      const uint8_t *nul2;

      txt = fuzz_write_file ("doc.txt", data, nul - data);
      ann_data = nul + 1;
      ann_size = size - (ann_data - data);
      nul2 = memchr (ann_data, '\0', ann_size);
      if (nul2 != NULL)
        {
          conf = fuzz_write_file ("annotation.conf", nul2 + 1,
                                  ann_size - (nul2 + 1 - ann_data));
          ann_size = nul2 - ann_data;
        }
    }
  else
    {
      txt = fuzz_write_file ("doc.txt", data, 0);
    }
  ann = fuzz_write_file ("doc.ann", ann_data, ann_size);
  paths[0] = ann;
  fuzz_import_paths ("brat", paths);
  g_remove (txt);
  g_remove (ann);
  if (conf != NULL)
    g_remove (conf);
  return 0;
}
