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
#include "gloss-command.h"
#include "gloss-document.h"
#include "gloss-project-private.h"
#include "gloss-schema.h"
#include "gloss-store-private.h"

struct _GlossBulkStep
{
  GObject    parent_instance;

  char      *label;
  char      *needle;
  GPtrArray *annotations;   /* GlossAnnotation (owned): the rows as written */
  GPtrArray *uuids;         /* char * (owned), index for index with annotations */
  GArray    *document_ids;  /* gint64, index for index with annotations */
  guint      n_documents;
  gboolean   undone;
};

G_DEFINE_FINAL_TYPE (GlossBulkStep, gloss_bulk_step, G_TYPE_OBJECT)

G_DEFINE_QUARK (gloss-bulk-error-quark, gloss_bulk_error)

/* ---- finding occurrences */

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

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
  word_start = is_word_char (g_utf8_get_char (needle));
  word_end = is_word_char (g_utf8_get_char (g_utf8_prev_char (needle + needle_len)));

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
            !is_word_char (g_utf8_get_char (g_utf8_prev_char (hit)))) &&
           (!word_end || *after == '\0' || !is_word_char (g_utf8_get_char (after)))))
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
  g_clear_pointer (&self->annotations, g_ptr_array_unref);
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
  self->annotations = g_ptr_array_new_with_free_func (g_object_unref);
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
  return self->annotations->len;
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
  return self->annotations->len > 0 && !self->undone;
}

gboolean
gloss_bulk_step_can_redo (GlossBulkStep *self)
{
  g_return_val_if_fail (GLOSS_IS_BULK_STEP (self), FALSE);
  return self->annotations->len > 0 && self->undone;
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

static gboolean
annotate_document (GlossBulkStep  *step,
                   GlossStore     *store,
                   gint64          document_id,
                   const char     *annotator,
                   gboolean        whole_words,
                   gint64          now,
                   GError        **error)
{
  g_autofree char *text = gloss_store_dup_document_text (store, document_id, error);
  g_autoptr(GArray) hits = NULL;
  g_autoptr(GHashTable) existing = NULL;
  guint before = step->annotations->len;

  if (text == NULL)
    return FALSE;
  hits = gloss_find_occurrences (text, step->needle, whole_words);
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
      annotation = gloss_annotation_new_span (step->label, f->start, f->end, annotator);
      gloss_annotation_set_document_id (annotation, document_id);
      gloss_annotation_set_times (annotation, now, now);
      if (!gloss_store_put_annotation (store, annotation, error))
        return FALSE;
      g_ptr_array_add (step->uuids, g_strdup (gloss_annotation_get_uuid (annotation)));
      g_array_append_val (step->document_ids, document_id);
      g_ptr_array_add (step->annotations, g_steal_pointer (&annotation));
    }
  if (step->annotations->len > before)
    step->n_documents++;
  return TRUE;
}

/* The document list and the open lists follow what @step wrote. */
static void
refresh_project (GlossProject  *project,
                 GlossBulkStep *step)
{
  g_autoptr(GError) error = NULL;

  if (!gloss_project_reload (project, (const gint64 *) (gpointer) step->document_ids->data,
                             step->document_ids->len, NULL, &error))
    g_warning ("Cannot reload the documents: %s", error->message);
}

static gboolean
annotate_everywhere (GlossProject      *project,
                     const char        *label,
                     const char        *needle,
                     gboolean           whole_words,
                     gboolean           refresh,
                     GlossProgressFunc  progress,
                     gpointer           progress_data,
                     GlossBulkStep    **step_out,
                     GCancellable      *cancellable,
                     GError           **error)
{
  g_autoptr(GlossBulkStep) step = NULL;
  g_autoptr(GArray) ids = NULL;
  GlossStore *store;
  const char *annotator;
  gint64 now;

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
  store = gloss_project_get_store (project);
  annotator = gloss_project_get_annotator (project);
  now = g_get_real_time ();

  if (!gloss_store_begin (store, error))
    return FALSE;
  ids = documents_with (store, needle, error);
  if (ids == NULL)
    goto rollback;
  if (progress != NULL)
    progress (0.0, progress_data);
  for (guint i = 0; i < ids->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !annotate_document (step, store, g_array_index (ids, gint64, i), annotator,
                              whole_words, now, error))
        goto rollback;
      /* about a hundred calls in all: each costs a lock and a wake-up */
      if (progress != NULL && (i + 1) % MAX (1, ids->len / 100) == 0)
        progress ((double) (i + 1) / ids->len, progress_data);
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto rollback;
  if (!gloss_store_commit (store, error))
    return FALSE;
  if (progress != NULL)
    progress (1.0, progress_data);

  if (refresh && step->annotations->len > 0)
    refresh_project (project, step);
  if (step_out != NULL)
    *step_out = g_steal_pointer (&step);
  return TRUE;

rollback:
  gloss_store_rollback (store);
  return FALSE;
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

  return annotate_everywhere (project, label, needle, whole_words, TRUE, NULL, NULL, step_out,
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

  return annotate_everywhere (project, label, needle, whole_words, FALSE, progress,
                              progress_data, step_out, cancellable, error);
}

void
gloss_project_refresh_for_bulk (GlossProject  *project,
                                GlossBulkStep *step)
{
  g_return_if_fail (GLOSS_IS_PROJECT (project));
  g_return_if_fail (GLOSS_IS_BULK_STEP (step));

  if (step->annotations->len > 0)
    refresh_project (project, step);
}

static gboolean
has_relations (GlossStore  *store,
               const char  *uuid,
               gboolean    *result,
               GError     **error)
{
  static const char sql[] =
    "SELECT EXISTS (SELECT 1 FROM relations WHERE source = ?1 OR target = ?1)";
  g_autoptr(GlossStmt) stmt = _gloss_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _gloss_store_set_error_from_db (store, error, _("Cannot read the relations"));
      return FALSE;
    }
  *result = sqlite3_column_int (stmt, 0) != 0;
  return TRUE;
}

static void
set_changed_error (GlossProject    *project,
                   GlossAnnotation *annotation,
                   GError         **error)
{
  GlossDocument *document =
    gloss_project_lookup_document (project, gloss_annotation_get_document_id (annotation));

  g_set_error (error, GLOSS_BULK_ERROR, GLOSS_BULK_ERROR_CHANGED,
               _("The annotation at %u–%u in “%s” was changed since; “Annotate All” can "
                 "no longer be undone"),
               gloss_annotation_get_start (annotation), gloss_annotation_get_end (annotation),
               document != NULL ? gloss_document_get_name (document) : "?");
}

/* Reports about a hundred fractions over @n rows. */
static void
report (GlossProgressFunc progress,
        gpointer          progress_data,
        guint             done,
        guint             n)
{
  if (progress != NULL && n > 0 && (done == n || done % MAX (1, n / 100) == 0))
    progress ((double) done / n, progress_data);
}

/* Checks every row first (half the work), then removes them. */
static gboolean
unwrite (GlossProject       *project,
         GlossBulkStep      *step,
         GlossProgressFunc   progress,
         gpointer            progress_data,
         GCancellable       *cancellable,
         GError            **error)
{
  GlossStore *store = gloss_project_get_store (project);
  guint n = step->annotations->len;

  for (guint i = 0; i < n; i++)
    {
      GlossAnnotation *written = g_ptr_array_index (step->annotations, i);
      const char *uuid = gloss_annotation_get_uuid (written);
      g_autoptr(GlossAnnotation) now = gloss_store_load_annotation (store, uuid, NULL);
      gboolean related = FALSE;

      if (i % 256 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!has_relations (store, uuid, &related, error))
        return FALSE;
      if (now == NULL || !gloss_annotation_equal (now, written) || related)
        {
          set_changed_error (project, written, error);
          return FALSE;
        }
      report (progress, progress_data, i + 1, 2 * n);
    }
  for (guint i = 0; i < n; i++)
    {
      if (i % 256 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!gloss_store_remove_annotation (store, g_ptr_array_index (step->uuids, i), error))
        return FALSE;
      report (progress, progress_data, n + i + 1, 2 * n);
    }
  return TRUE;
}

static gboolean
rewrite (GlossStore         *store,
         GlossBulkStep      *step,
         GlossProgressFunc   progress,
         gpointer            progress_data,
         GCancellable       *cancellable,
         GError            **error)
{
  guint n = step->annotations->len;

  for (guint i = 0; i < n; i++)
    {
      GlossAnnotation *written = g_ptr_array_index (step->annotations, i);
      g_autoptr(GlossAnnotation) now =
        gloss_store_load_annotation (store, gloss_annotation_get_uuid (written), NULL);

      if (i % 256 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (now != NULL)
        {
          g_set_error (error, GLOSS_BULK_ERROR, GLOSS_BULK_ERROR_EXISTS,
                       _("Annotation %s exists again; “Annotate All” cannot be redone"),
                       gloss_annotation_get_uuid (written));
          return FALSE;
        }
      if (!gloss_store_put_annotation (store, written, error))
        return FALSE;
      report (progress, progress_data, i + 1, n);
    }
  return TRUE;
}

/* Undoes (@undo) or redoes @step in one transaction; reloads @project's
 * lists when @refresh. */
static gboolean
undo_or_redo (GlossProject       *project,
              GlossBulkStep      *step,
              gboolean            undo,
              gboolean            refresh,
              GlossProgressFunc   progress,
              gpointer            progress_data,
              GCancellable       *cancellable,
              GError            **error)
{
  GlossStore *store;
  gboolean ok;

  if (undo ? !gloss_bulk_step_can_undo (step) : !gloss_bulk_step_can_redo (step))
    {
      g_set_error_literal (error, GLOSS_BULK_ERROR,
                           undo ? GLOSS_BULK_ERROR_NOTHING_TO_UNDO
                                : GLOSS_BULK_ERROR_NOTHING_TO_REDO,
                           undo ? _("There is nothing to undo") : _("There is nothing to redo"));
      return FALSE;
    }

  store = gloss_project_get_store (project);
  if (!gloss_store_begin (store, error))
    return FALSE;
  if (progress != NULL)
    progress (0.0, progress_data);
  ok = undo ? unwrite (project, step, progress, progress_data, cancellable, error)
            : rewrite (store, step, progress, progress_data, cancellable, error);
  if (!ok || g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      gloss_store_rollback (store);
      return FALSE;
    }
  if (!gloss_store_commit (store, error))
    return FALSE;

  step->undone = undo;
  if (refresh)
    refresh_project (project, step);
  return TRUE;
}

gboolean
gloss_project_undo_bulk (GlossProject   *project,
                         GlossBulkStep  *step,
                         GError        **error)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (GLOSS_IS_BULK_STEP (step), FALSE);

  return undo_or_redo (project, step, TRUE, TRUE, NULL, NULL, NULL, error);
}

gboolean
gloss_project_redo_bulk (GlossProject   *project,
                         GlossBulkStep  *step,
                         GError        **error)
{
  g_return_val_if_fail (GLOSS_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (GLOSS_IS_BULK_STEP (step), FALSE);

  return undo_or_redo (project, step, FALSE, TRUE, NULL, NULL, NULL, error);
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

  return undo_or_redo (project, step, undo, FALSE, progress, progress_data, cancellable, error);
}
