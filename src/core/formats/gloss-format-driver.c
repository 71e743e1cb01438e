/* gloss-format-driver.c: running an import or an export of a project, all or nothing
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gloss-change-set-private.h"
#include "gloss-document.h"
#include "gloss-export-context-private.h"
#include "gloss-format-util.h"
#include "gloss-import-context-private.h"
#include "gloss-project.h"
#include "gloss-schema.h"
#include "gloss-store.h"

typedef struct
{
  GlossImportContext  *ctx;
  const char * const  *paths;
} Import;

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
        return FALSE;
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
  ctx.n_paths = g_strv_length ((char **) paths);

  /* the rows are written after the formats read everything: progress is
   * theirs until then */
  ok = _gloss_project_apply_changes_full (project, changes, import_paths, &import, NULL, NULL,
                                          cancellable, error);

  g_hash_table_unref (ctx.lengths);
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
      if (doc != NULL && document_passes (&ctx, doc))
        g_ptr_array_add (ctx.documents, g_steal_pointer (&doc));
    }

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
