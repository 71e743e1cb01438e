/* gloss-export-context.c: what exporters read through: filtered rows, splits, outputs, losses
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <gio/gunixoutputstream.h>

#include "gloss-annotation.h"
#include "gloss-document.h"
#include "gloss-export-context-private.h"
#include "gloss-project.h"
#include "gloss-relation.h"
#include "gloss-store.h"
#include "gloss-store-private.h"
#include "gloss-util-private.h"

GlossProject *
gloss_export_context_get_project (GlossExportContext *ctx)
{
  return ctx->project;
}

const GlossExportOptions *
gloss_export_context_get_options (GlossExportContext *ctx)
{
  return ctx->options;
}

GPtrArray *
gloss_export_context_get_documents (GlossExportContext *ctx)
{
  return ctx->documents;
}

gboolean
_gloss_export_options_keep (const GlossExportOptions *o,
                            const char               *annotator,
                            const char               *label)
{
  if (o->gold_only && g_strcmp0 (annotator, GLOSS_GOLD_ANNOTATOR) != 0)
    return FALSE;
  if (o->annotator != NULL && g_strcmp0 (annotator, o->annotator) != 0)
    return FALSE;
  if (label != NULL && o->labels != NULL && !g_strv_contains (o->labels, label))
    return FALSE;
  return TRUE;
}

gboolean
_gloss_export_options_filter_rows (const GlossExportOptions *o)
{
  return o->gold_only || o->annotator != NULL || o->labels != NULL;
}

static gboolean
annotation_passes (GlossExportContext *ctx,
                   GlossAnnotation    *a)
{
  return _gloss_export_options_keep (ctx->options, gloss_annotation_get_annotator (a),
                                     gloss_annotation_get_label (a));
}

GPtrArray *
gloss_export_context_dup_annotations (GlossExportContext  *ctx,
                                      GlossDocument       *doc,
                                      GError             **error)
{
  GlossStore *store = gloss_project_get_store (ctx->project);
  g_autoptr(GPtrArray) all = gloss_store_load_annotations (store, gloss_document_get_id (doc),
                                                           FALSE, error);
  GPtrArray *out;

  if (all == NULL)
    return NULL;
  out = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < all->len; i++)
    if (annotation_passes (ctx, g_ptr_array_index (all, i)))
      g_ptr_array_add (out, g_object_ref (g_ptr_array_index (all, i)));
  return out;
}

GPtrArray *
gloss_export_context_dup_relations (GlossExportContext  *ctx,
                                    GlossDocument       *doc,
                                    GPtrArray           *annotations,
                                    GError             **error)
{
  GlossStore *store = gloss_project_get_store (ctx->project);
  g_autoptr(GPtrArray) all = gloss_store_load_relations (store, gloss_document_get_id (doc),
                                                         FALSE, error);
  g_autoptr(GHashTable) kept = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *out;

  if (all == NULL)
    return NULL;
  for (guint i = 0; i < annotations->len; i++)
    g_hash_table_add (kept, (gpointer) gloss_annotation_get_uuid (g_ptr_array_index (annotations,
                                                                                     i)));
  out = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < all->len; i++)
    {
      GlossRelation *r = g_ptr_array_index (all, i);
      if (g_hash_table_contains (kept, gloss_relation_get_source (r)) &&
          g_hash_table_contains (kept, gloss_relation_get_target (r)))
        g_ptr_array_add (out, g_object_ref (r));
    }
  return out;
}

/* Reports a loss found from a row's columns: the message wants the whole
 * annotation, read only for the listed examples. */
static gboolean
lost_by_uuid (GlossExportContext  *ctx,
              GlossDocument       *doc,
              const char          *uuid,
              GlossExportLoss      loss,
              GError             **error)
{
  g_autoptr(GlossAnnotation) a = NULL;

  if (ctx->n_lost[loss] >= GLOSS_EXPORT_REPORT_EXAMPLES)
    {
      ctx->n_lost[loss]++;
      return TRUE;
    }
  a = gloss_store_load_annotation (gloss_project_get_store (ctx->project), uuid, error);
  if (a == NULL)
    return FALSE;
  gloss_export_context_lost_annotation (ctx, doc, a, loss);
  return TRUE;
}

/* A row of gloss_export_context_dup_spans(), before the tie order. */
typedef struct
{
  GlossAnnotation *annotation;
  gint64           start;
  gint64           end;
  guint            has_attributes : 1;
  guint            has_note : 1;
  guint            has_norm : 1;
} SpanRow;

static int
compare_rows_by_uuid (gconstpointer a,
                      gconstpointer b)
{
  return strcmp (gloss_annotation_get_uuid (((const SpanRow *) a)->annotation),
                 gloss_annotation_get_uuid (((const SpanRow *) b)->annotation));
}

GPtrArray *
gloss_export_context_dup_spans (GlossExportContext  *ctx,
                                GlossDocument       *doc,
                                GlossExportLabelFunc keep_label,
                                GlossExportCarries   carries,
                                GError             **error)
{
  /* The rows of gloss_store_load_annotations(). Its order is (start, end,
   * uuid); the index gives (start, end), and sorting the ties by uuid here
   * is much cheaper than SQLite's temporary B-tree for them. */
  static const char sql[] =
    "SELECT uuid, label, fragments, annotator, attributes != '{}', "
    "  note IS NOT NULL AND note != '', norm_id IS NOT NULL AND norm_id != '', start, end "
    "FROM annotations WHERE document = ?1 AND deleted = 0 ORDER BY start, end";
  static const char sql_relations[] =
    "SELECT uuid, source, target FROM relations WHERE document = ?1 AND deleted = 0 "
    "ORDER BY created, uuid";
  const GlossExportOptions *o = ctx->options;
  GlossStore *store = gloss_project_get_store (ctx->project);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) keep = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) kept = NULL;
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (SpanRow));
  g_autoptr(GArray) frags = NULL;
  int rc;

  {
    g_autoptr(GlossStmt) stmt = _gloss_store_prepare (store, sql, error);

    if (stmt == NULL)
      return NULL;
    sqlite3_bind_int64 (stmt, 1, gloss_document_get_id (doc));
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        const char *uuid = (const char *) sqlite3_column_text (stmt, 0);
        const char *label = (const char *) sqlite3_column_text (stmt, 1);
        const char *annotator = (const char *) sqlite3_column_text (stmt, 3);
        gpointer verdict;
        SpanRow row;

        if (uuid == NULL || label == NULL || annotator == NULL)
          continue;  /* NOT NULL columns; never seen */
        if (!_gloss_export_options_keep (o, annotator, label))
          continue;
        if (!g_hash_table_lookup_extended (keep, label, NULL, &verdict))
          {
            verdict = GINT_TO_POINTER (keep_label == NULL || keep_label (ctx, label));
            g_hash_table_insert (keep, g_strdup (label), verdict);
          }
        if (!GPOINTER_TO_INT (verdict))
          continue;
        g_clear_pointer (&frags, g_array_unref);
        if (!_gloss_fragments_from_string ((const char *) sqlite3_column_text (stmt, 2), &frags))
          {
            g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_CORRUPT,
                         _("annotation %s: unreadable fragments"), uuid);
            for (guint i = 0; i < rows->len; i++)
              g_object_unref (g_array_index (rows, SpanRow, i).annotation);
            return NULL;
          }
        /* Not gloss_annotation_new(): it would draw a uuid to replace. */
        row.annotation = g_object_new (GLOSS_TYPE_ANNOTATION, NULL);
        gloss_annotation_set_uuid (row.annotation, uuid);
        gloss_annotation_set_label (row.annotation, label);
        gloss_annotation_set_fragments (row.annotation, (GlossFragment *) (gpointer) frags->data,
                                        frags->len);
        gloss_annotation_set_annotator (row.annotation, annotator);
        gloss_annotation_set_document_id (row.annotation, gloss_document_get_id (doc));
        row.has_attributes = sqlite3_column_int (stmt, 4) != 0;
        row.has_note = sqlite3_column_int (stmt, 5) != 0;
        row.has_norm = sqlite3_column_int (stmt, 6) != 0;
        row.start = sqlite3_column_int64 (stmt, 7);
        row.end = sqlite3_column_int64 (stmt, 8);
        g_array_append_val (rows, row);
      }
    if (rc != SQLITE_DONE)
      {
        _gloss_store_set_error_from_db (store, error, _("Cannot read the annotations"));
        for (guint i = 0; i < rows->len; i++)
          g_object_unref (g_array_index (rows, SpanRow, i).annotation);
        return NULL;
      }
  }

  /* Ties in (start, end) by uuid; then as gloss_export_context_check_annotations()
   * would, in that order. */
  for (guint i = 0, j; i < rows->len; i = j)
    {
      SpanRow *first = &g_array_index (rows, SpanRow, i);

      for (j = i + 1; j < rows->len; j++)
        {
          SpanRow *r = &g_array_index (rows, SpanRow, j);
          if (r->start != first->start || r->end != first->end)
            break;
        }
      if (j - i > 1)
        qsort (first, j - i, sizeof (SpanRow), compare_rows_by_uuid);
    }
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (out, g_array_index (rows, SpanRow, i).annotation);  /* takes the ref */
  for (guint i = 0; i < rows->len; i++)
    {
      SpanRow *r = &g_array_index (rows, SpanRow, i);
      const char *uuid = gloss_annotation_get_uuid (r->annotation);

      if ((!(carries & GLOSS_EXPORT_CARRIES_DISCONTINUOUS)
           && gloss_annotation_get_n_fragments (r->annotation) > 1
           && !lost_by_uuid (ctx, doc, uuid, GLOSS_EXPORT_LOSS_DISCONTINUOUS, error))
          || (!(carries & GLOSS_EXPORT_CARRIES_ATTRIBUTES) && r->has_attributes
              && !lost_by_uuid (ctx, doc, uuid, GLOSS_EXPORT_LOSS_ATTRIBUTES, error))
          || (!(carries & GLOSS_EXPORT_CARRIES_NOTES) && r->has_note
              && !lost_by_uuid (ctx, doc, uuid, GLOSS_EXPORT_LOSS_NOTE, error))
          || (!(carries & GLOSS_EXPORT_CARRIES_NORMALISATIONS) && r->has_norm
              && !lost_by_uuid (ctx, doc, uuid, GLOSS_EXPORT_LOSS_NORMALISATION, error)))
        return NULL;
    }

  /* The relations between them are lost. */
  if (out->len == 0 || !gloss_export_context_has_relations (ctx))
    return g_steal_pointer (&out);
  kept = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < out->len; i++)
    g_hash_table_add (kept, (gpointer) gloss_annotation_get_uuid (g_ptr_array_index (out, i)));
  {
    g_autoptr(GlossStmt) stmt = _gloss_store_prepare (store, sql_relations, error);

    if (stmt == NULL)
      return NULL;
    sqlite3_bind_int64 (stmt, 1, gloss_document_get_id (doc));
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        const char *uuid = (const char *) sqlite3_column_text (stmt, 0);
        g_autoptr(GlossRelation) r = NULL;

        if (!g_hash_table_contains (kept, sqlite3_column_text (stmt, 1))
            || !g_hash_table_contains (kept, sqlite3_column_text (stmt, 2)))
          continue;
        if (ctx->n_lost[GLOSS_EXPORT_LOSS_RELATION] >= GLOSS_EXPORT_REPORT_EXAMPLES)
          {
            ctx->n_lost[GLOSS_EXPORT_LOSS_RELATION]++;
            continue;
          }
        r = gloss_store_load_relation (store, uuid, error);
        if (r == NULL)
          return NULL;
        gloss_export_context_lost_relation (ctx, doc, r, GLOSS_EXPORT_LOSS_RELATION);
      }
    if (rc != SQLITE_DONE)
      {
        _gloss_store_set_error_from_db (store, error, _("Cannot read the relations"));
        return NULL;
      }
  }
  return g_steal_pointer (&out);
}

guint
gloss_export_context_split_of (GlossExportContext *ctx,
                               GlossDocument      *doc)
{
  const GlossExportOptions *o = ctx->options;
  guint total = o->split[0] + o->split[1] + o->split[2];
  g_autofree char *key = NULL;
  g_autofree char *digest = NULL;
  guint64 h = 0;
  guint bucket;

  if (total == 0)
    return 0;
  key = g_strdup_printf ("%" G_GUINT64_FORMAT ":%s", o->seed, gloss_document_get_sha256 (doc));
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
  for (guint i = 0; i < 15; i++)
    h = h * 16 + g_ascii_xdigit_value (digest[i]);
  bucket = h % total;
  if (bucket < o->split[0])
    return 0;
  if (bucket < o->split[0] + o->split[1])
    return 1;
  return 2;
}

void
gloss_export_context_progress (GlossExportContext *ctx,
                               double              fraction)
{
  if (ctx->options->progress != NULL)
    ctx->options->progress (CLAMP (fraction, 0.0, 1.0), ctx->options->progress_data);
}

GlossImportReport *
gloss_export_context_get_report (GlossExportContext *ctx)
{
  return ctx->report;
}

GOutputStream *
gloss_export_context_open_output (GlossExportContext  *ctx,
                                  const char          *path,
                                  GCancellable        *cancellable,
                                  GError             **error)
{
  g_return_val_if_fail (ctx != NULL && path != NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (strcmp (path, "-") == 0)
    {
      g_autoptr(GOutputStream) out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
      return g_buffered_output_stream_new_sized (out, 64 * 1024);
    }
  return gloss_output_set_open (ctx->outputs, path, error);
}

gboolean
gloss_export_context_write_file (GlossExportContext  *ctx,
                                 const char          *dir,
                                 const char          *name,
                                 const char          *contents,
                                 gsize                length,
                                 GCancellable        *cancellable,
                                 GError             **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GOutputStream) out = gloss_export_context_open_output (ctx, path, cancellable, error);

  return out != NULL
         && g_output_stream_write_all (out, contents, length, NULL, cancellable, error)
         && g_output_stream_close (out, cancellable, error);
}

gboolean
gloss_export_context_has_relations (GlossExportContext *ctx)
{
  if (ctx->has_relations < 0)
    {
      GlossStore *store = gloss_project_get_store (ctx->project);
      g_autoptr(GlossStmt) stmt =
        _gloss_store_prepare (store, "SELECT EXISTS (SELECT 1 FROM relations WHERE deleted = 0)",
                              NULL);

      /* When the question fails, say yes: the relations are then loaded
       * and checked one document at a time. */
      ctx->has_relations = stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW
                           || sqlite3_column_int (stmt, 0) != 0;
    }
  return ctx->has_relations;
}

/* What each kind of loss says, after "annotation ID (LABEL OFFSETS): ". */
static const char *
loss_message (GlossExportLoss loss)
{
  switch (loss)
    {
    case GLOSS_EXPORT_LOSS_DISCONTINUOUS:
      return _("discontinuous: its fragments were written as separate spans");
    case GLOSS_EXPORT_LOSS_ATTRIBUTES:
    case GLOSS_EXPORT_LOSS_RELATION_ATTRIBUTES:
      return _("attributes not written:");
    case GLOSS_EXPORT_LOSS_NOTE:
      return _("note not written");
    case GLOSS_EXPORT_LOSS_NORMALISATION:
      return _("normalisation not written:");
    case GLOSS_EXPORT_LOSS_RELATION:
      return _("relations cannot be written");
    case GLOSS_EXPORT_LOSS_OVERLAP:
      return _("overlaps another span: left out");
    case GLOSS_EXPORT_LOSS_TOKEN_BOUNDARY:
      return _("does not line up with the tokens (it starts or ends inside one): left out");
    case GLOSS_EXPORT_LOSS_NO_TOKEN:
      return _("covers no token: left out");
    case GLOSS_EXPORT_LOSS_EXTENDED:
      return _("does not line up with the tokens: extended to their boundaries");
    case GLOSS_EXPORT_LOSS_DOCUMENT_BOUNDARY:
      return _("the format has no document boundaries: this document runs on from the one "
               "before it");
    case GLOSS_EXPORT_LOSS_SPACING:
      return _("the text changes on re-import:");
    case GLOSS_EXPORT_LOSS_EMPTY_DOCUMENT:
      return _("no token to write: the document was left out");
    case GLOSS_EXPORT_N_LOSSES:
    default:
      break;
    }
  g_return_val_if_reached ("");
}

/* The kind, for the line counting the warnings not listed. */
static const char *
loss_plural (GlossExportLoss loss)
{
  switch (loss)
    {
    case GLOSS_EXPORT_LOSS_DISCONTINUOUS:
      return _("discontinuous annotations");
    case GLOSS_EXPORT_LOSS_ATTRIBUTES:
      return _("annotations with attributes");
    case GLOSS_EXPORT_LOSS_NOTE:
      return _("annotations with notes");
    case GLOSS_EXPORT_LOSS_NORMALISATION:
      return _("annotations with normalisations");
    case GLOSS_EXPORT_LOSS_RELATION:
      return _("relations");
    case GLOSS_EXPORT_LOSS_RELATION_ATTRIBUTES:
      return _("relations with attributes");
    case GLOSS_EXPORT_LOSS_OVERLAP:
      return _("overlapping spans");
    case GLOSS_EXPORT_LOSS_TOKEN_BOUNDARY:
      return _("spans not lined up with the tokens");
    case GLOSS_EXPORT_LOSS_NO_TOKEN:
      return _("spans covering no token");
    case GLOSS_EXPORT_LOSS_EXTENDED:
      return _("spans extended to token boundaries");
    case GLOSS_EXPORT_LOSS_DOCUMENT_BOUNDARY:
      return _("documents run together");
    case GLOSS_EXPORT_LOSS_SPACING:
      return _("documents whose text changes on re-import");
    case GLOSS_EXPORT_LOSS_EMPTY_DOCUMENT:
      return _("documents with no token");
    case GLOSS_EXPORT_N_LOSSES:
    default:
      break;
    }
  g_return_val_if_reached ("");
}

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The sorted names of @attrs other than @kept, joined by ", ". */
static char *
join_attribute_names (GHashTable         *attrs,
                      const char * const *kept)
{
  g_autofree gpointer *keys = NULL;
  GString *str = g_string_new (NULL);
  guint n = 0;

  if (attrs != NULL)
    keys = g_hash_table_get_keys_as_array (attrs, &n);
  if (n > 1)
    g_qsort_with_data (keys, n, sizeof (gpointer), compare_names, NULL);
  for (guint i = 0; i < n; i++)
    {
      if (kept != NULL && g_strv_contains (kept, keys[i]))
        continue;
      if (str->len > 0)
        g_string_append (str, ", ");
      g_string_append (str, keys[i]);
    }
  return g_string_free (str, FALSE);
}

/* Counts the loss; TRUE when it is still among the listed examples. */
static gboolean
count_loss (GlossExportContext *ctx,
            GlossExportLoss     loss)
{
  g_return_val_if_fail (loss < GLOSS_EXPORT_N_LOSSES, FALSE);
  return ++ctx->n_lost[loss] <= GLOSS_EXPORT_REPORT_EXAMPLES;
}

void
gloss_export_context_lost_annotation (GlossExportContext *ctx,
                                      GlossDocument      *doc,
                                      GlossAnnotation    *annotation,
                                      GlossExportLoss     loss)
{
  gloss_export_context_lost_annotation_full (ctx, doc, annotation, loss, NULL);
}

void
gloss_export_context_lost_document (GlossExportContext *ctx,
                                    GlossDocument      *doc,
                                    GlossExportLoss     loss,
                                    const char         *detail)
{
  if (!count_loss (ctx, loss))
    return;
  gloss_import_report_add (ctx->report, GLOSS_PROBLEM_WARNING, gloss_document_get_name (doc), 0,
                           "%s%s%s", loss_message (loss), detail != NULL ? " " : "",
                           detail != NULL ? detail : "");
}

void
gloss_export_context_lost_annotation_full (GlossExportContext *ctx,
                                           GlossDocument      *doc,
                                           GlossAnnotation    *annotation,
                                           GlossExportLoss     loss,
                                           const char         *extra)
{
  g_autoptr(GString) where = NULL;
  g_autofree char *detail = NULL;
  const GlossFragment *f;
  guint n;

  if (!count_loss (ctx, loss))
    return;
  where = g_string_new (NULL);
  f = gloss_annotation_get_fragments (annotation, &n);
  for (guint k = 0; k < n; k++)
    g_string_append_printf (where, "%s%u-%u", k > 0 ? "," : "", f[k].start, f[k].end);
  if (loss == GLOSS_EXPORT_LOSS_ATTRIBUTES)
    detail = join_attribute_names (gloss_annotation_get_attributes (annotation), NULL);
  else if (loss == GLOSS_EXPORT_LOSS_NORMALISATION)
    detail = g_strdup (gloss_annotation_get_norm_id (annotation));
  else
    detail = g_strdup (extra);
  gloss_import_report_add (ctx->report, GLOSS_PROBLEM_WARNING, gloss_document_get_name (doc), 0,
                           _("annotation %s (%s %s): %s%s%s"),
                           gloss_annotation_get_uuid (annotation),
                           gloss_annotation_get_label (annotation), where->str,
                           loss_message (loss), detail != NULL ? " " : "",
                           detail != NULL ? detail : "");
}

static void
lost_relation (GlossExportContext *ctx,
               GlossDocument      *doc,
               GlossRelation      *relation,
               GlossExportLoss     loss,
               const char         *detail)
{
  if (!count_loss (ctx, loss))
    return;
  gloss_import_report_add (ctx->report, GLOSS_PROBLEM_WARNING, gloss_document_get_name (doc), 0,
                           _("relation %s (%s): %s%s%s"), gloss_relation_get_uuid (relation),
                           gloss_relation_get_relation_type (relation), loss_message (loss),
                           detail != NULL ? " " : "", detail != NULL ? detail : "");
}

void
gloss_export_context_lost_relation (GlossExportContext *ctx,
                                    GlossDocument      *doc,
                                    GlossRelation      *relation,
                                    GlossExportLoss     loss)
{
  g_autofree char *detail = NULL;

  if (loss == GLOSS_EXPORT_LOSS_RELATION_ATTRIBUTES)
    detail = join_attribute_names (gloss_relation_get_attributes (relation), NULL);
  lost_relation (ctx, doc, relation, loss, detail);
}

void
gloss_export_context_check_annotations (GlossExportContext *ctx,
                                        GlossDocument      *doc,
                                        GPtrArray          *annotations,
                                        GlossExportCarries  carries)
{
  for (guint i = 0; i < annotations->len; i++)
    {
      GlossAnnotation *a = g_ptr_array_index (annotations, i);
      GHashTable *attrs;
      const char *s;

      if (!(carries & GLOSS_EXPORT_CARRIES_DISCONTINUOUS)
          && gloss_annotation_get_n_fragments (a) > 1)
        gloss_export_context_lost_annotation (ctx, doc, a, GLOSS_EXPORT_LOSS_DISCONTINUOUS);
      if (!(carries & GLOSS_EXPORT_CARRIES_ATTRIBUTES)
          && (attrs = gloss_annotation_get_attributes (a)) != NULL
          && g_hash_table_size (attrs) > 0)
        gloss_export_context_lost_annotation (ctx, doc, a, GLOSS_EXPORT_LOSS_ATTRIBUTES);
      if (!(carries & GLOSS_EXPORT_CARRIES_NOTES)
          && (s = gloss_annotation_get_note (a)) != NULL && *s != '\0')
        gloss_export_context_lost_annotation (ctx, doc, a, GLOSS_EXPORT_LOSS_NOTE);
      if (!(carries & GLOSS_EXPORT_CARRIES_NORMALISATIONS)
          && (s = gloss_annotation_get_norm_id (a)) != NULL && *s != '\0')
        gloss_export_context_lost_annotation (ctx, doc, a, GLOSS_EXPORT_LOSS_NORMALISATION);
    }
}

void
gloss_export_context_check_relations (GlossExportContext *ctx,
                                      GlossDocument      *doc,
                                      GPtrArray          *relations,
                                      GlossExportCarries  carries,
                                      const char * const *kept_attributes)
{
  for (guint i = 0; relations != NULL && i < relations->len; i++)
    {
      GlossRelation *r = g_ptr_array_index (relations, i);
      g_autofree char *lost = NULL;

      if (!(carries & GLOSS_EXPORT_CARRIES_RELATIONS))
        {
          gloss_export_context_lost_relation (ctx, doc, r, GLOSS_EXPORT_LOSS_RELATION);
          continue;
        }
      if (carries & GLOSS_EXPORT_CARRIES_RELATION_ATTRIBUTES)
        continue;
      lost = join_attribute_names (gloss_relation_get_attributes (r), kept_attributes);
      if (*lost != '\0')
        lost_relation (ctx, doc, r, GLOSS_EXPORT_LOSS_RELATION_ATTRIBUTES, lost);
    }
}

/* One line per kind of loss with more warnings than were listed. */
void
_gloss_export_context_summarise_losses (GlossExportContext *ctx)
{
  for (guint k = 0; k < GLOSS_EXPORT_N_LOSSES; k++)
    if (ctx->n_lost[k] > GLOSS_EXPORT_REPORT_EXAMPLES)
      gloss_import_report_add (ctx->report, GLOSS_PROBLEM_WARNING, NULL, 0,
                               _("%u more %s not listed (%u in all)"),
                               ctx->n_lost[k] - GLOSS_EXPORT_REPORT_EXAMPLES,
                               loss_plural (k), ctx->n_lost[k]);
}
