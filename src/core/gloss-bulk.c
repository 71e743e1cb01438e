/* gloss-bulk.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "gloss-annotation.h"
#include "gloss-bulk.h"
#include "gloss-change-set-private.h"
#include "gloss-command.h"
#include "gloss-document.h"
#include "gloss-editing.h"
#include "gloss-project-private.h"
#include "gloss-schema.h"
#include "gloss-store-private.h"

struct _GlossBulkStep
{
  GObject    parent_instance;

  char           *label;
  char           *needle;
  GlossChangeSet *changes;       /* the rows, written by the one change path */
  GPtrArray      *uuids;         /* char * (owned): the annotations created */
  GArray         *document_ids;  /* gint64, index for index with uuids */
  guint           n_documents;
};

G_DEFINE_FINAL_TYPE (GlossBulkStep, gloss_bulk_step, G_TYPE_OBJECT)

G_DEFINE_QUARK (gloss-bulk-error-quark, gloss_bulk_error)

/* ---- finding occurrences */

GArray *
gloss_find_occurrences (const char *text,
                        const char *needle,
                        gboolean    whole_words)
{
  GArray *hits = g_array_new (FALSE, FALSE, sizeof (GlossFragment));
  gsize needle_len;
  glong needle_chars;
  gboolean word_start, word_end;
  const char *p = text;
  guint offset = 0;

  if (text == NULL || needle == NULL || *needle == '\0')
    return hits;

  needle_len = strlen (needle);
  needle_chars = g_utf8_strlen (needle, -1);
  word_start = gloss_is_word_char (g_utf8_get_char (needle));
  word_end = gloss_is_word_char (g_utf8_get_char (g_utf8_prev_char (needle + needle_len)));

  for (;;)
    {
      const char *hit = strstr (p, needle);
      const char *after;

      if (hit == NULL)
        break;

      offset += g_utf8_strlen (p, hit - p);
      after = hit + needle_len;

      if (!whole_words ||
          ((!word_start || hit == text ||
            !gloss_is_word_char (g_utf8_get_char (g_utf8_prev_char (hit)))) &&
           (!word_end || *after == '\0' || !gloss_is_word_char (g_utf8_get_char (after)))))
        {
          GlossFragment f = { offset, offset + needle_chars };

          g_array_append_val (hits, f);
          p = after;
          offset += needle_chars;
        }
      else
        {
          /* Not at a word boundary: look again one character further. */
          p = g_utf8_next_char (hit);
          offset++;
        }
    }

  return hits;
}

/* ---- the step */

static void
gloss_bulk_step_finalize (GObject *object)
{
  GlossBulkStep *self = GLOSS_BULK_STEP (object);

  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->needle, g_free);
  g_clear_object (&self->changes);
  g_clear_pointer (&self->uuids, g_ptr_array_unref);
  g_clear_pointer (&self->document_ids, g_array_unref);

  G_OBJECT_CLASS (gloss_bulk_step_parent_class)->finalize (object);
}

static void
gloss_bulk_step_class_init (GlossBulkStepClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gloss_bulk_step_finalize;
}

static void
gloss_bulk_step_init (GlossBulkStep *self)
{
  self->uuids = g_ptr_array_new_with_free_func (g_free);
  self->document_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

const char *
gloss_bulk_step_get_label (GlossBulkStep *self)
{
  g_return_val_if_fail (GLOSS_IS_BULK_STEP (self), NULL);
  return self->label;
}

const char *
gloss_bulk_step_get_needle (GlossBulkStep *self)
{
  g_return_val_if_fail (GLOSS_IS_BULK_STEP (self), NULL);
  return self->needle;
}

guint
gloss_bulk_step_get_n_annotations (GlossBulkStep *self)
{
  g_return_val_if_fail (GLOSS_IS_BULK_STEP (self), 0);
  return self->uuids->len;
}

guint
gloss_bulk_step_get_n_documents (GlossBulkStep *self)
{
  g_return_val_if_fail (GLOSS_IS_BULK_STEP (self), 0);
  return self->n_documents;
}

GPtrArray *
gloss_bulk_step_get_uuids (GlossBulkStep *self)
{
  g_return_val_if_fail (GLOSS_IS_BULK_STEP (self), NULL);
  return self->uuids;
}

GArray *
gloss_bulk_step_get_document_ids (GlossBulkStep *self)
{
  g_return_val_if_fail (GLOSS_IS_BULK_STEP (self), NULL);
  return self->document_ids;
}

gboolean
gloss_bulk_step_can_undo (GlossBulkStep *self)
{
  g_return_val_if_fail (GLOSS_IS_BULK_STEP (self), FALSE);
  return self->changes != NULL && gloss_change_set_can_undo (self->changes);
}

gboolean
gloss_bulk_step_can_redo (GlossBulkStep *self)
{
  g_return_val_if_fail (GLOSS_IS_BULK_STEP (self), FALSE);
  return self->changes != NULL && gloss_change_set_can_redo (self->changes);
}

char *
gloss_bulk_step_dup_description (GlossBulkStep *self)
{
  g_return_val_if_fail (GLOSS_IS_BULK_STEP (self), NULL);
  /* Translators: the undo description of "annotate all occurrences in all documents" */
  return g_strdup_printf (_("Annotate All “%s” in All Documents"), self->needle);
}

/* ---- writing */

/* Ids of the documents whose text holds @needle anywhere, in id order. */
static GArray *
documents_with (GlossStore  *store,
                const char  *needle,
                GError     **error)
{
  static const char sql[] =
    "SELECT id FROM documents WHERE instr(text, ?1) > 0 ORDER BY id";
  g_autoptr(GlossStmt) stmt = _gloss_store_prepare (store, sql, error);
  g_autoptr(GArray) ids = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_bind_text (stmt, 1, needle, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      _gloss_store_set_error_from_db (store, error, _("Cannot search the documents"));
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/* "start-end" keys of the live one-fragment annotations labelled @label. */
static GHashTable *
spans_with_label (GlossStore  *store,
                  gint64       document_id,
                  const char  *label,
                  GError     **error)
{
  g_autoptr(GPtrArray) rows = gloss_store_load_annotations (store, document_id, FALSE, error);
  GHashTable *spans;

  if (rows == NULL)
    return NULL;
  spans = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      GlossAnnotation *a = g_ptr_array_index (rows, i);
      const GlossFragment *f;
      guint n;

      if (gloss_annotation_get_deleted (a) ||
          g_strcmp0 (gloss_annotation_get_label (a), label) != 0)
        continue;
      f = gloss_annotation_get_fragments (a, &n);
      if (n == 1)
        g_hash_table_add (spans, g_strdup_printf ("%u-%u", f[0].start, f[0].end));
    }
  return spans;
}

typedef struct
{
  GlossBulkStep     *step;
  GlossSchema       *schema;
  const char        *annotator;
  gboolean           whole_words;
  gint64             now;
  GlossProgressFunc  progress;
  gpointer           progress_data;
} Annotate;

static gboolean
annotate_document (Annotate  *job,
                   GlossStore  *store,
                   gint64       document_id,
                   GError     **error)
{
  GlossBulkStep *step = job->step;
  g_autofree char *text = gloss_store_dup_document_text (store, document_id, error);
  g_autoptr(GArray) hits = NULL;
  g_autoptr(GHashTable) existing = NULL;
  guint before = step->uuids->len;

  if (text == NULL)
    return FALSE;
  hits = gloss_find_occurrences (text, step->needle, job->whole_words);
  if (hits->len == 0)
    return TRUE;
  existing = spans_with_label (store, document_id, step->label, error);
  if (existing == NULL)
    return FALSE;

  for (guint i = 0; i < hits->len; i++)
    {
      GlossFragment *f = &g_array_index (hits, GlossFragment, i);
      g_autofree char *key = g_strdup_printf ("%u-%u", f->start, f->end);
      g_autoptr(GlossAnnotation) annotation = NULL;

      if (g_hash_table_contains (existing, key))
        continue;
      annotation = gloss_annotation_new_span (step->label, f->start, f->end, job->annotator);
      gloss_editing_apply_defaults (annotation, job->schema);
      gloss_annotation_set_document_id (annotation, document_id);
      gloss_annotation_set_times (annotation, job->now, job->now);
      gloss_change_set_put_annotation (step->changes, annotation, GLOSS_CHANGE_ALWAYS);
      g_ptr_array_add (step->uuids, g_strdup (gloss_annotation_get_uuid (annotation)));
      g_array_append_val (step->document_ids, document_id);
    }
  if (step->uuids->len > before)
    step->n_documents++;
  return TRUE;
}

/* Inside the change set's transaction: the annotations to create, found in
 * the texts and the rows as they are now. */
static gboolean
prepare (GlossChangeSet  *changes,
         GlossProject    *project,
         gpointer         user_data,
         GCancellable    *cancellable,
         GError         **error)
{
  Annotate *job = user_data;
  GlossStore *store = gloss_project_get_store (project);
  g_autoptr(GArray) ids = documents_with (store, job->step->needle, error);

  if (ids == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !annotate_document (job, store, g_array_index (ids, gint64, i), error))
        return FALSE;
      /* the search is the first half of the work, writing the second */
      if (job->progress != NULL && (i + 1) % MAX (1, ids->len / 50) == 0)
        job->progress (0.5 * (i + 1) / ids->len, job->progress_data);
    }
  return TRUE;
}

static gboolean
annotate_everywhere (GlossProject      *project,
                     const char        *label,
                     const char        *needle,
                     gboolean           whole_words,
                     gboolean           quiet,
                     GlossProgressFunc  progress,
                     gpointer           progress_data,
                     GlossBulkStep    **step_out,
                     GCancellable      *cancellable,
                     GError           **error)
{
  g_autoptr(GlossBulkStep) step = NULL;
  g_autofree char *description = NULL;
  Annotate job = { 0 };

  if (label == NULL ||
      gloss_schema_lookup_label (gloss_project_get_schema (project), label) == NULL)
    {
      g_set_error (error, GLOSS_COMMAND_ERROR, GLOSS_COMMAND_ERROR_INVALID,
                   _("The schema has no label “%s”"), label ? label : "");
      return FALSE;
    }
  if (needle == NULL || *needle == '\0' || !g_utf8_validate (needle, -1, NULL))
    {
      g_set_error_literal (error, GLOSS_COMMAND_ERROR, GLOSS_COMMAND_ERROR_INVALID,
                           _("There is no text to look for"));
      return FALSE;
    }

  step = g_object_new (GLOSS_TYPE_BULK_STEP, NULL);
  step->label = g_strdup (label);
  step->needle = g_strdup (needle);
  description = gloss_bulk_step_dup_description (step);
  step->changes = gloss_change_set_new (description);
  _gloss_change_set_set_quiet (step->changes, quiet);
  job.step = step;
  job.schema = gloss_project_get_schema (project);
  job.annotator = gloss_project_get_annotator (project);
  job.whole_words = whole_words;
  job.now = g_get_real_time ();
  job.progress = progress;
  job.progress_data = progress_data;

  if (!_gloss_project_apply_changes_full (project, step->changes, prepare, &job, progress,
                                          progress_data, cancellable, error))
    return FALSE;
  if (step_out != NULL)
    *step_out = g_steal_pointer (&step);
  return TRUE;
}

gboolean
gloss_project_annotate_everywhere (GlossProject   *project,
                                   const char     *label,
                                   const char     *needle,
                                   gboolean        whole_words,
                                   GlossBulkStep **step_out,
                                   GCancellable   *cancellable,
                                   GError        **error)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (step_out == NULL || *step_out == NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);

  return annotate_everywhere (project, label, needle, whole_words, FALSE, NULL, NULL, step_out,
                              cancellable, error);
}

gboolean
gloss_project_annotate_everywhere_full (GlossProject      *project,
                                        const char        *label,
                                        const char        *needle,
                                        gboolean           whole_words,
                                        GlossProgressFunc  progress,
                                        gpointer           progress_data,
                                        GlossBulkStep    **step_out,
                                        GCancellable      *cancellable,
                                        GError           **error)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (step_out == NULL || *step_out == NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);

  return annotate_everywhere (project, label, needle, whole_words, TRUE, progress, progress_data,
                              step_out, cancellable, error);
}

void
gloss_project_refresh_for_bulk (GlossProject  *project,
                                GlossBulkStep *step)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (GLOSS_IS_PROJECT (project));
  g_return_if_fail (GLOSS_IS_BULK_STEP (step));

  if (!gloss_project_reload_changes (project, step->changes, &error))
    g_warning ("Cannot reload the documents: %s", error->message);
}

/* Undoes (@undo) or redoes @step in one transaction, with the step's own
 * errors. */
static gboolean
undo_or_redo (GlossProject       *project,
              GlossBulkStep      *step,
              gboolean            undo,
              gboolean            quiet,
              GlossProgressFunc   progress,
              gpointer            progress_data,
              GCancellable       *cancellable,
              GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  if (undo ? !gloss_bulk_step_can_undo (step) : !gloss_bulk_step_can_redo (step))
    {
      g_set_error_literal (error, GLOSS_BULK_ERROR,
                           undo ? GLOSS_BULK_ERROR_NOTHING_TO_UNDO
                                : GLOSS_BULK_ERROR_NOTHING_TO_REDO,
                           undo ? _("There is nothing to undo") : _("There is nothing to redo"));
      return FALSE;
    }
  _gloss_change_set_set_quiet (step->changes, quiet);
  ok = undo ? gloss_project_undo_changes (project, step->changes, progress, progress_data,
                                          cancellable, &local_error)
            : gloss_project_redo_changes (project, step->changes, progress, progress_data,
                                          cancellable, &local_error);
  _gloss_change_set_set_quiet (step->changes, FALSE);
  if (ok)
    return TRUE;
  if (g_error_matches (local_error, GLOSS_CHANGE_SET_ERROR, GLOSS_CHANGE_SET_ERROR_CHANGED))
    {
      local_error->domain = GLOSS_BULK_ERROR;
      local_error->code = undo ? GLOSS_BULK_ERROR_CHANGED : GLOSS_BULK_ERROR_EXISTS;
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

gboolean
gloss_project_undo_bulk (GlossProject   *project,
                         GlossBulkStep  *step,
                         GError        **error)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (GLOSS_IS_BULK_STEP (step), FALSE);

  return undo_or_redo (project, step, TRUE, FALSE, NULL, NULL, NULL, error);
}

gboolean
gloss_project_redo_bulk (GlossProject   *project,
                         GlossBulkStep  *step,
                         GError        **error)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (GLOSS_IS_BULK_STEP (step), FALSE);

  return undo_or_redo (project, step, FALSE, FALSE, NULL, NULL, NULL, error);
}

gboolean
gloss_project_undo_bulk_full (GlossProject       *project,
                              GlossBulkStep      *step,
                              gboolean            undo,
                              GlossProgressFunc   progress,
                              gpointer            progress_data,
                              GCancellable       *cancellable,
                              GError            **error)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (GLOSS_IS_BULK_STEP (step), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);

  return undo_or_redo (project, step, undo, TRUE, progress, progress_data, cancellable, error);
}
