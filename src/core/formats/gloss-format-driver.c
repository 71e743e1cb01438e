/* gloss-format-driver.c: running an import or an export of a project, all or nothing
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "gloss-annotation.h"
#include "gloss-change-set-private.h"
#include "gloss-curation.h"
#include "gloss-document.h"
#include "gloss-export-context-private.h"
#include "gloss-format-util.h"
#include "gloss-import-context-private.h"
#include "gloss-project.h"
#include "gloss-schema.h"
#include "gloss-store.h"
#include "gloss-store-private.h"

typedef struct
{
  GlossImportContext  *ctx;
  const char * const  *paths;
} Import;

/* An empty file is refused alike whatever its format, "FILE: error: empty
 * file" (an error: nothing is imported unless --skip-bad), where one
 * format imported nothing and said nothing, and another made an empty
 * document its own export could not take back. @format: the one asked for
 * or found, NULL when none was found. */
static gboolean
refuse_empty_file (GlossImportContext *ctx,
                   GlossFormat        *format,
                   const char         *path)
{
  GStatBuf st;
  g_autofree char *display = NULL;

  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size != 0)
    return FALSE;
  if (format != NULL && GLOSS_FORMAT_GET_CLASS (format)->empty_extensions != NULL)
    {
      const char *dot = strrchr (path, '.');

      if (dot != NULL &&
          g_strv_contains (GLOSS_FORMAT_GET_CLASS (format)->empty_extensions, dot + 1))
        return FALSE;
    }
  display = g_filename_display_name (path);
  gloss_import_report_add (ctx->report, GLOSS_PROBLEM_ERROR, display, 0, _("empty file"));
  return TRUE;
}

/* Inside the import's transaction: each path read by its format, which
 * adds documents and puts their rows into the change set. */
static gboolean
import_paths (GlossChangeSet  *changes,
              GlossProject    *project,
              gpointer         user_data,
              GCancellable    *cancellable,
              GError         **error)
{
  Import *import = user_data;
  GlossImportContext *ctx = import->ctx;
  const GlossImportOptions *options = ctx->options;

  /* The documents are written as they are read, with their full-text
   * index: in SQLite's usual 2 MiB of cache, the pages of the documents
   * table, its indexes and the index's segments are spilled to the -wal
   * and read back many times over (a fifth of a large import's time).
   * The size is a ceiling, not an allocation: a small import uses what it
   * dirties. */
  _gloss_store_reserve_cache (ctx->store, G_MAXINT64);
  for (guint i = 0; i < ctx->n_paths; i++)
    {
      const char *path = import->paths[i];
      GlossFormat *format;
      GlossFormatClass *klass;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (options->format != NULL)
        {
          format = gloss_format_lookup (options->format);
          if (format == NULL)
            {
              g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_UNKNOWN_FORMAT,
                           _("Unknown format “%s”"), options->format);
              return FALSE;
            }
        }
      else if ((format = gloss_format_detect (path, error)) == NULL)
        {
          if (!refuse_empty_file (ctx, NULL, path))
            return FALSE;
          g_clear_error (error);
          continue;
        }
      if (refuse_empty_file (ctx, format, path))
        continue;
      klass = GLOSS_FORMAT_GET_CLASS (format);
      if (klass->import_path == NULL)
        {
          g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_UNSUPPORTED,
                       _("Gloss cannot import %s files"), gloss_format_get_display_name (format));
          return FALSE;
        }
      ctx->path_index = i;
      if (!klass->import_path (format, ctx, path, cancellable, error))
        return FALSE;
      gloss_import_context_progress (ctx, 1.0);
    }
  if (!options->skip_bad && gloss_import_report_count (ctx->report, GLOSS_PROBLEM_ERROR) > 0)
    {
      g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_PROBLEMS,
                   _("The import found errors; nothing was imported"));
      return FALSE;
    }
  if (ctx->schema_changed)
    {
      g_autofree char *stored = gloss_store_dup_schema_json (ctx->store);

      _gloss_change_set_set_schema (changes, stored, ctx->schema, NULL);
    }
  return TRUE;
}

/* The undo description: "Import “news.jsonl”", or "Import of 3 Files". */
static char *
describe_import (const char * const *paths)
{
  guint n = g_strv_length ((char **) paths);

  if (n == 1)
    {
      g_autofree char *base = g_path_get_basename (paths[0]);
      g_autofree char *display = g_filename_display_name (base);

      /* Translators: an undo description, %s is a file name */
      return g_strdup_printf (_("Import “%s”"), display);
    }
  /* Translators: an undo description */
  return g_strdup_printf (ngettext ("Import of %u File", "Import of %u Files", n), n);
}

gboolean
gloss_format_import (GlossProject              *project,
                     const char * const        *paths,
                     const GlossImportOptions  *options,
                     GlossImportReport         *report,
                     GCancellable              *cancellable,
                     GError                   **error)
{
  return gloss_format_import_full (project, paths, options, report, NULL, cancellable, error);
}

gboolean
gloss_format_import_full (GlossProject              *project,
                          const char * const        *paths,
                          const GlossImportOptions  *options,
                          GlossImportReport         *report,
                          GlossChangeSet           **changes_out,
                          GCancellable              *cancellable,
                          GError                   **error)
{
  static const GlossImportOptions defaults = GLOSS_IMPORT_OPTIONS_INIT;
  g_autoptr(GlossImportReport) own_report = NULL;
  g_autoptr(GlossChangeSet) changes = NULL;
  g_autofree char *description = NULL;
  GlossImportContext ctx = { 0 };
  Import import = { &ctx, paths };
  gboolean ok;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (paths != NULL, FALSE);
  g_return_val_if_fail (changes_out == NULL || *changes_out == NULL, FALSE);

  if (options == NULL)
    options = &defaults;
  if (report == NULL)
    {
      own_report = gloss_import_report_new ();
      report = own_report;
    }

  description = describe_import (paths);
  changes = gloss_change_set_new (description);
  ctx.project = project;
  ctx.store = gloss_project_get_store (project);
  ctx.changes = changes;
  ctx.schema = gloss_schema_copy (gloss_project_get_schema (project));
  ctx.options = options;
  ctx.report = report;
  ctx.lengths = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  ctx.labelled = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  ctx.n_paths = g_strv_length ((char **) paths);

  /* the rows are written after the formats read everything: progress is
   * theirs until then */
  ok = _gloss_project_apply_changes_full (project, changes, import_paths, &import, NULL, NULL,
                                          cancellable, error);

  g_hash_table_unref (ctx.lengths);
  g_hash_table_unref (ctx.labelled);
  g_object_unref (ctx.schema);
  if (!ok)
    {
      report->n_documents = report->n_annotations = report->n_relations = 0;
      g_ptr_array_set_size (report->labels_added, 0);
      g_ptr_array_set_size (report->relation_types_added, 0);
    }
  else if (changes_out != NULL)
    *changes_out = g_steal_pointer (&changes);
  return ok;
}

gboolean
gloss_format_get_gold_state (GlossProject    *project,
                             GlossDocument   *document,
                             GlossGoldState  *state,
                             guint           *n_decided,
                             guint           *n_units,
                             GError         **error)
{
  gboolean has_gold = FALSE;
  guint decided = 0;
  guint n = 0;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  /* The curation's own count, plus gold drawn outside any annotator's
   * unit. */
  if (!gloss_curation_progress_full (project, document, &decided, &n, NULL, &has_gold, error))
    return FALSE;

  if (n > 0 && decided == n)
    *state = GLOSS_GOLD_CURATED;
  else if (n == 0 && has_gold)
    *state = GLOSS_GOLD_CURATED;
  else if (decided > 0 || has_gold)
    *state = GLOSS_GOLD_PARTIAL;
  else
    *state = GLOSS_GOLD_NOT_CURATED;
  if (n_decided != NULL)
    *n_decided = decided;
  if (n_units != NULL)
    *n_units = n;
  return TRUE;
}

gboolean
gloss_format_check_export_options (const char               *format_name,
                                   const GlossExportOptions *options,
                                   GError                  **error)
{
  GlossFormat *format = NULL;

  g_return_val_if_fail (options != NULL, FALSE);

  if (format_name != NULL && (format = gloss_format_lookup (format_name)) == NULL)
    {
      g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_UNKNOWN_FORMAT,
                   _("Unknown format “%s”"), format_name);
      return FALSE;
    }
  if (options->gold_only && options->annotator != NULL
      && g_strcmp0 (options->annotator, GLOSS_GOLD_ANNOTATOR) != 0)
    {
      g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_OPTIONS,
                   _("The gold set belongs to no annotator: it cannot be filtered by "
                     "annotator “%s”"),
                   options->annotator);
      return FALSE;
    }
  if (options->include_partial && !options->gold_only)
    {
      g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_OPTIONS,
                   _("Partially curated documents are a choice of gold exports only: "
                     "export the gold set to include them"));
      return FALSE;
    }
  if (format != NULL && !gloss_format_exports_splits (format)
      && options->split[0] + options->split[1] + options->split[2] > 0)
    {
      g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_OPTIONS,
                   _("%s writes no train/validation/test split: only the Hugging Face "
                     "layout does"),
                   gloss_format_get_display_name (format));
      return FALSE;
    }
  /* Span formats keep every offset as it is: extending would change
   * spans that need no change. */
  if (format != NULL && !gloss_format_exports_tokens (format)
      && options->misaligned != GLOSS_MISALIGNED_DROP)
    {
      g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_OPTIONS,
                   _("%s keeps spans as they are: extending spans to token boundaries "
                     "applies to the token formats (CoNLL, CoNLL-U, Hugging Face) only"),
                   gloss_format_get_display_name (format));
      return FALSE;
    }
  return TRUE;
}

/* The gold rule: which documents a gold export writes, and what it says
 * about the others, one warning each (the counts follow them, from
 * report_gold_skips()). Returns FALSE with @error when the store cannot be
 * read; *@passes tells whether @doc is exported. */
static gboolean
gold_document_passes (GlossExportContext  *ctx,
                      GlossDocument       *doc,
                      gboolean            *passes,
                      guint               *n_not_curated,
                      guint               *n_partial_skipped,
                      GError             **error)
{
  const char *name = gloss_document_get_name (doc);
  GlossGoldState state;
  guint decided, units;

  if (!gloss_format_get_gold_state (ctx->project, doc, &state, &decided, &units, error))
    return FALSE;
  *passes = state == GLOSS_GOLD_CURATED
            || (state == GLOSS_GOLD_PARTIAL && ctx->options->include_partial);
  if (state == GLOSS_GOLD_NOT_CURATED)
    {
      (*n_not_curated)++;
      gloss_import_report_add (ctx->report, GLOSS_PROBLEM_WARNING, name, 0,
                               _("not curated: skipped"));
    }
  else if (state == GLOSS_GOLD_PARTIAL && !*passes)
    {
      (*n_partial_skipped)++;
      gloss_import_report_add (ctx->report, GLOSS_PROBLEM_WARNING, name, 0,
                               /* Translators: the units of a document decided and in all */
                               _("partially curated (%u of %u units decided): skipped; "
                                 "partially curated documents were not asked for"),
                               decided, units);
    }
  else if (state == GLOSS_GOLD_PARTIAL)
    gloss_import_report_add (ctx->report, GLOSS_PROBLEM_WARNING, name, 0,
                             /* Translators: the units of a document decided and in all */
                             _("partially curated (%u of %u units decided): exported with "
                               "the gold annotations of its decided units only"),
                             decided, units);
  return TRUE;
}

/* After the documents of a gold export: how many were left out, and why. */
static void
report_gold_skips (GlossExportContext *ctx,
                   guint               n_not_curated,
                   guint               n_partial_skipped)
{
  if (n_not_curated > 0)
    gloss_import_report_add (ctx->report, GLOSS_PROBLEM_WARNING, NULL, 0,
                             ngettext ("Skipped %u document that is not curated",
                                       "Skipped %u documents that are not curated",
                                       n_not_curated),
                             n_not_curated);
  if (n_partial_skipped > 0)
    gloss_import_report_add (ctx->report, GLOSS_PROBLEM_WARNING, NULL, 0,
                             ngettext ("Skipped %u partially curated document",
                                       "Skipped %u partially curated documents",
                                       n_partial_skipped),
                             n_partial_skipped);
}

static gboolean
document_passes (GlossExportContext *ctx,
                 GlossDocument      *doc)
{
  const GlossExportOptions *o = ctx->options;
  GlossStore *store = gloss_project_get_store (ctx->project);
  g_autoptr(GHashTable) statuses = NULL;
  GHashTableIter iter;
  gpointer k, v;

  if (o->status < 0)
    return TRUE;
  statuses = gloss_store_dup_document_statuses (store, gloss_document_get_id (doc));
  if (o->annotator != NULL)
    {
      if (g_hash_table_lookup_extended (statuses, o->annotator, NULL, &v))
        return GPOINTER_TO_INT (v) == o->status;
      return o->status == GLOSS_DOCUMENT_STATUS_NEW;
    }
  g_hash_table_iter_init (&iter, statuses);
  while (g_hash_table_iter_next (&iter, &k, &v))
    if (GPOINTER_TO_INT (v) == o->status)
      return TRUE;
  return o->status == GLOSS_DOCUMENT_STATUS_NEW && g_hash_table_size (statuses) == 0;
}

gboolean
gloss_format_export (GlossProject              *project,
                     const char                *format_name,
                     const char                *path,
                     const GlossExportOptions  *options,
                     GlossImportReport         *report,
                     GCancellable              *cancellable,
                     GError                   **error)
{
  static const GlossExportOptions defaults = GLOSS_EXPORT_OPTIONS_INIT;
  g_autoptr(GlossImportReport) own_report = NULL;
  GlossFormat *format;
  GlossFormatClass *klass;
  GlossExportContext ctx = { 0 };
  guint n_not_curated = 0, n_partial_skipped = 0;
  GListModel *docs;
  gboolean ok;
  guint n;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (format_name != NULL && path != NULL, FALSE);

  if (options == NULL)
    options = &defaults;
  format = gloss_format_lookup (format_name);
  if (format == NULL)
    {
      g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_UNKNOWN_FORMAT,
                   _("Unknown format “%s”"), format_name);
      return FALSE;
    }
  klass = GLOSS_FORMAT_GET_CLASS (format);
  if (klass->export_path == NULL)
    {
      g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_UNSUPPORTED,
                   _("Gloss cannot export %s files"), gloss_format_get_display_name (format));
      return FALSE;
    }

  if (!gloss_format_check_export_options (format_name, options, error))
    return FALSE;

  if (report == NULL)
    {
      own_report = gloss_import_report_new ();
      report = own_report;
    }
  ctx.project = project;
  ctx.options = options;
  ctx.report = report;
  ctx.has_relations = -1;
  ctx.documents = g_ptr_array_new_with_free_func (g_object_unref);
  docs = gloss_project_get_documents (project);
  n = g_list_model_get_n_items (docs);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossDocument) doc = g_list_model_get_item (docs, i);
      gboolean passes = TRUE;

      if (doc == NULL || !document_passes (&ctx, doc))
        continue;
      if (options->gold_only
          && (g_cancellable_set_error_if_cancelled (cancellable, error)
              || !gold_document_passes (&ctx, doc, &passes, &n_not_curated, &n_partial_skipped,
                                       error)))
        {
          g_ptr_array_unref (ctx.documents);
          return FALSE;
        }
      if (options->gold_only && !passes)
        continue;
      g_ptr_array_add (ctx.documents, g_steal_pointer (&doc));
    }
  report_gold_skips (&ctx, n_not_curated, n_partial_skipped);

  /* All or nothing: the files are written beside their destinations and
   * renamed into place only when every one was written. */
  ctx.outputs = gloss_output_set_new ();
  ok = klass->export_path (format, &ctx, path, cancellable, error)
       && gloss_output_set_commit (ctx.outputs, cancellable, error);
  /* what was not renamed is deleted */
  g_clear_pointer (&ctx.outputs, gloss_output_set_free);
  if (ok)
    {
      _gloss_export_context_summarise_losses (&ctx);
      report->n_documents = ctx.documents->len;
    }
  g_ptr_array_unref (ctx.documents);
  return ok;
}
