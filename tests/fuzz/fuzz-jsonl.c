/* fuzz-jsonl.c: libFuzzer target for the Gloss JSONL import
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"
/* The input is imported into a fresh in-memory project. On success the
 * project is exported, the export imported into a second project and
 * exported again: both exports must be byte-identical (gloss-jsonl.h). On
 * failure nothing may have been written. */
static GBytes *
export_project (GlossProject *project)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_jsonl_export (project, out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (out, NULL, &error));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GlossProject) second = NULL;
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GInputStream) in2 = NULL;
  g_autoptr(GBytes) first_export = NULL;
  g_autoptr(GBytes) second_export = NULL;
  GlossJsonlImportReport report = { 0 };

  fuzz_init ();

  project = gloss_project_create (":memory:", NULL, &error);
  g_assert_no_error (error);
  in = g_memory_input_stream_new_from_data (data, size, NULL);
  if (!gloss_jsonl_import (project, in, "fuzz.jsonl", &report, NULL, &error))
    {
      g_assert_nonnull (error);
      g_assert_cmpuint (g_list_model_get_n_items (gloss_project_get_documents (project)), ==, 0);
      return 0;
    }
  g_assert_no_error (error);
  fuzz_check_project (project);

  first_export = export_project (project);
  second = gloss_project_create (":memory:", NULL, &error);
  g_assert_no_error (error);
  in2 = g_memory_input_stream_new_from_bytes (first_export);
  g_assert_true (gloss_jsonl_import (second, in2, "export.jsonl", NULL, NULL, &error));
  g_assert_no_error (error);
  second_export = export_project (second);
  g_assert_true (g_bytes_equal (first_export, second_export));
  return 0;
}
