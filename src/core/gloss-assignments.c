/* gloss-assignments.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gloss-assignments.h"
#include "gloss-curation.h"
#include "gloss-document.h"
#include "gloss-project.h"
#include "gloss-store-private.h"

/* ---- rows */

gboolean
gloss_store_set_assignment (GlossStore  *self,
                            gint64       document_id,
                            const char  *annotator,
                            int          state,
                            gint64       modified,
                            GError     **error)
{
  static const char sql_put[] =
    "INSERT INTO assignments (document, annotator, modified, deleted) "
    "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (document, annotator) DO UPDATE SET "
    "modified = excluded.modified, deleted = excluded.deleted";
  static const char sql_del[] = "DELETE FROM assignments WHERE document = ?1 AND annotator = ?2";
  g_autoptr(GlossStmt) stmt = NULL;

  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);
  g_return_val_if_fail (annotator != NULL, FALSE);

  stmt = _gloss_store_prepare (self, state < 0 ? sql_del : sql_put, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_text (stmt, 2, annotator, -1, SQLITE_STATIC);
  if (state >= 0)
    {
      sqlite3_bind_int64 (stmt, 3, modified);
      sqlite3_bind_int (stmt, 4, state > 0);
    }
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _gloss_store_set_error_from_db (self, error, _("Cannot save an assignment"));
      return FALSE;
    }
  return TRUE;
}

gboolean
gloss_store_get_assignment (GlossStore *self,
                            gint64      document_id,
                            const char *annotator,
                            int        *state,
                            gint64     *modified)
{
  static const char sql[] =
    "SELECT deleted, modified FROM assignments WHERE document = ?1 AND annotator = ?2";
  g_autoptr(GlossStmt) stmt = NULL;

  g_return_val_if_fail (GLOSS_IS_STORE (self), FALSE);

  if (state != NULL)
    *state = -1;
  if (modified != NULL)
    *modified = 0;
  stmt = _gloss_store_prepare (self, sql, NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_text (stmt, 2, annotator, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  if (state != NULL)
    *state = sqlite3_column_int (stmt, 0) != 0;
  if (modified != NULL)
    *modified = sqlite3_column_int64 (stmt, 1);
  return TRUE;
}

GStrv
gloss_store_dup_assignees (GlossStore *self,
                           gint64      document_id)
{
  static const char sql[] =
    "SELECT annotator FROM assignments WHERE document = ?1 AND deleted = 0 ORDER BY annotator";
  g_autoptr(GlossStmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);

  stmt = _gloss_store_prepare (self, sql, NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, document_id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
    }
  return g_strv_builder_end (builder);
}

GArray *
gloss_store_list_assigned_documents (GlossStore  *self,
                                     const char  *annotator,
                                     GError     **error)
{
  static const char sql[] =
    "SELECT document FROM assignments WHERE annotator = ?1 AND deleted = 0 ORDER BY document";
  g_autoptr(GlossStmt) stmt = NULL;
  g_autoptr(GArray) ids = NULL;
  int rc;

  g_return_val_if_fail (GLOSS_IS_STORE (self), NULL);
  g_return_val_if_fail (annotator != NULL, NULL);

  stmt = _gloss_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, annotator, -1, SQLITE_STATIC);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      _gloss_store_set_error_from_db (self, error, _("Cannot list the assigned documents"));
      return NULL;
    }
  return g_steal_pointer (&ids);
}

GHashTable *
gloss_store_find_assigned_documents (GlossStore *self,
                                     const char *annotator)
{
  GHashTable *set = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (GLOSS_IS_STORE (self), set);

  ids = gloss_store_list_assigned_documents (self, annotator ? annotator : "", NULL);
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    g_hash_table_add (set, g_memdup2 (&g_array_index (ids, gint64, i), sizeof (gint64)));
  return set;
}

/* ---- assigning */

/* Later than the row's own time, so that the change wins every merge. */
static gint64
stamp (GlossStore *store,
       gint64      document_id,
       const char *annotator)
{
  gint64 modified = 0;

  gloss_store_get_assignment (store, document_id, annotator, NULL, &modified);
  return MAX (g_get_real_time (), modified + 1);
}

static gboolean
apply (GlossProject    *project,
       GlossChangeSet  *changes,
       GError         **error)
{
  return gloss_project_apply_changes (project, changes, NULL, NULL, NULL, error);
}

GlossChangeSet *
gloss_project_assign (GlossProject        *project,
                      gint64               document_id,
                      const char * const  *annotators,
                      gboolean             remove,
                      GError             **error)
{
  g_autoptr(GlossChangeSet) changes = NULL;
  GlossStore *store;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), NULL);
  g_return_val_if_fail (annotators != NULL, NULL);

  store = gloss_project_get_store (project);
  if (gloss_project_lookup_document (project, document_id) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("No document %" G_GINT64_FORMAT), document_id);
      return NULL;
    }
  changes = gloss_change_set_new (remove ? _("Unassign") : _("Assign"));
  for (guint i = 0; annotators[i] != NULL; i++)
    {
      int state = -1;

      if (*annotators[i] == '\0')
        continue;
      gloss_store_get_assignment (store, document_id, annotators[i], &state, NULL);
      if ((state == 0) == !remove)
        continue;   /* already so */
      if (remove && state < 0)
        continue;   /* never assigned: nothing to take away */
      gloss_change_set_put_assignment (changes, document_id, annotators[i], remove,
                                       stamp (store, document_id, annotators[i]),
                                       GLOSS_CHANGE_ALWAYS);
    }
  if (!apply (project, changes, error))
    return NULL;
  return g_steal_pointer (&changes);
}

typedef struct
{
  const char *name;
  guint       load;
  guint32     tie;
} Candidate;

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *ca = a, *cb = b;

  if (ca->load != cb->load)
    return ca->load < cb->load ? -1 : 1;
  if (ca->tie != cb->tie)
    return ca->tie < cb->tie ? -1 : 1;
  return g_strcmp0 (ca->name, cb->name);
}

GlossChangeSet *
gloss_project_assign_evenly (GlossProject        *project,
                             const char * const  *annotators,
                             guint                n_per_document,
                             guint32              seed,
                             gboolean             replace,
                             GError             **error)
{
  g_autoptr(GlossChangeSet) changes = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autofree guint *loads = NULL;
  g_autofree Candidate *candidates = NULL;
  GlossStore *store;
  g_return_val_if_fail (GLOSS_IS_PROJECT (project), NULL);
  g_return_val_if_fail (annotators != NULL, NULL);

  for (guint i = 0; annotators[i] != NULL; i++)
    if (*annotators[i] != '\0' && !g_hash_table_contains (index, annotators[i]))
      {
        g_hash_table_insert (index, (gpointer) annotators[i], GUINT_TO_POINTER (names->len));
        g_ptr_array_add (names, (gpointer) annotators[i]);
      }
  if (n_per_document == 0 || n_per_document > names->len)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Cannot give each document %u annotators out of %u",
                                "Cannot give each document %u annotators out of %u",
                                n_per_document),
                   n_per_document, names->len);
      return NULL;
    }

  store = gloss_project_get_store (project);
  ids = gloss_store_list_document_ids (store, error);
  if (ids == NULL)
    return NULL;
  changes = gloss_change_set_new (_("Assign Evenly"));
  loads = g_new0 (guint, names->len);
  candidates = g_new0 (Candidate, names->len);

  /* the loads the annotators start with */
  if (!replace)
    for (guint a = 0; a < names->len; a++)
      {
        g_autoptr(GArray) theirs = gloss_store_list_assigned_documents (store, names->pdata[a],
                                                                        error);
        if (theirs == NULL)
          {
            /* freed where scan-build sees it */
            g_clear_pointer (&loads, g_free);
            g_clear_pointer (&candidates, g_free);
            return NULL;
          }
        loads[a] = theirs->len;
      }

  /* a shuffled order of the documents (Fisher–Yates) */
  rand = g_rand_new_with_seed (seed);
  for (guint i = ids->len; i > 1; i--)
    {
      guint j = g_rand_int_range (rand, 0, i);
      gint64 tmp = g_array_index (ids, gint64, i - 1);

      g_array_index (ids, gint64, i - 1) = g_array_index (ids, gint64, j);
      g_array_index (ids, gint64, j) = tmp;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_auto(GStrv) current = gloss_store_dup_assignees (store, id);
      g_autoptr(GHashTable) taken = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GHashTable) picked = g_hash_table_new (g_str_hash, g_str_equal);
      guint have = 0, n = 0;

      /* what the document keeps counts towards its assignees */
      for (guint k = 0; !replace && current[k] != NULL; k++, have++)
        g_hash_table_add (taken, current[k]);
      for (guint a = 0; a < names->len; a++)
        {
          guint32 tie = g_rand_int (rand);

          if (!g_hash_table_contains (taken, names->pdata[a]))
            candidates[n++] = (Candidate) { names->pdata[a], loads[a], tie };
        }
      qsort (candidates, n, sizeof (Candidate), compare_candidates);
      for (guint c = 0; c < n && have < n_per_document; c++, have++)
        {
          guint a = GPOINTER_TO_UINT (g_hash_table_lookup (index, candidates[c].name));

          loads[a]++;
          g_hash_table_add (picked, (gpointer) candidates[c].name);
          if (replace && g_strv_contains ((const char * const *) current, candidates[c].name))
            continue;   /* kept as it is */
          gloss_change_set_put_assignment (changes, id, candidates[c].name, FALSE,
                                           stamp (store, id, candidates[c].name),
                                           GLOSS_CHANGE_ALWAYS);
        }
      for (guint k = 0; replace && current[k] != NULL; k++)
        if (!g_hash_table_contains (picked, current[k]))
          gloss_change_set_put_assignment (changes, id, current[k], TRUE,
                                           stamp (store, id, current[k]), GLOSS_CHANGE_ALWAYS);
    }
  /* done with them (freed where scan-build sees it) */
  g_clear_pointer (&loads, g_free);
  g_clear_pointer (&candidates, g_free);

  if (!apply (project, changes, error))
    return NULL;
  return g_steal_pointer (&changes);
}

/* ---- progress */

void
gloss_annotator_progress_free (GlossAnnotatorProgress *progress)
{
  if (progress == NULL)
    return;
  g_free (progress->annotator);
  g_free (progress);
}

void
gloss_document_progress_free (GlossDocumentProgress *progress)
{
  if (progress == NULL)
    return;
  g_free (progress->name);
  g_strfreev (progress->assignees);
  g_strfreev (progress->done);
  g_free (progress);
}

static GlossAnnotatorProgress *
progress_of (GHashTable *by_name,
             GPtrArray  *out,
             const char *annotator)
{
  GlossAnnotatorProgress *p = g_hash_table_lookup (by_name, annotator);

  if (p == NULL)
    {
      p = g_new0 (GlossAnnotatorProgress, 1);
      p->annotator = g_strdup (annotator);
      g_hash_table_insert (by_name, p->annotator, p);
      g_ptr_array_add (out, p);
    }
  return p;
}

static int
compare_progress (gconstpointer a,
                  gconstpointer b)
{
  const GlossAnnotatorProgress *pa = *(GlossAnnotatorProgress **) a;
  const GlossAnnotatorProgress *pb = *(GlossAnnotatorProgress **) b;

  return g_strcmp0 (pa->annotator, pb->annotator);
}

GPtrArray *
gloss_project_dup_annotator_progress (GlossProject  *project,
                                      GError       **error)
{
  /* per annotator: assigned documents, and the statuses over them */
  static const char sql_assigned[] =
    "SELECT a.annotator, count(*), "
    "  sum(coalesce(s.status, 0) = 1), sum(coalesce(s.status, 0) = 2) "
    "FROM assignments a LEFT JOIN document_status s "
    "  ON s.document = a.document AND s.annotator = a.annotator "
    "WHERE a.deleted = 0 GROUP BY a.annotator";
  /* per annotator: statuses over every document */
  static const char sql_statuses[] =
    "SELECT annotator, sum(status = 1), sum(status = 2) FROM document_status "
    "GROUP BY annotator";
  static const char sql_annotations[] =
    "SELECT annotator, count(*) FROM annotations WHERE deleted = 0 AND annotator != '' "
    "GROUP BY annotator";
  static const char * const queries[] = { sql_assigned, sql_statuses, sql_annotations };
  GlossStore *store;
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);
  GlossStoreCounts counts;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), NULL);

  store = gloss_project_get_store (project);
  gloss_store_get_counts (store, &counts);
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_annotator_progress_free);
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GlossStmt) stmt = _gloss_store_prepare (store, queries[q], error);
      int rc;

      if (stmt == NULL)
        return NULL;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *annotator = (const char *) sqlite3_column_text (stmt, 0);
          GlossAnnotatorProgress *p;

          if (g_strcmp0 (annotator, GLOSS_GOLD_ANNOTATOR) == 0)
            continue;
          p = progress_of (by_name, out, annotator);
          if (queries[q] == sql_assigned)
            {
              p->n_assigned = sqlite3_column_int (stmt, 1);
              p->n_in_progress = sqlite3_column_int (stmt, 2);
              p->n_done = sqlite3_column_int (stmt, 3);
              p->n_new = p->n_assigned - p->n_in_progress - p->n_done;
            }
          else if (queries[q] == sql_statuses && p->n_assigned == 0)
            {
              p->n_in_progress = sqlite3_column_int (stmt, 1);
              p->n_done = sqlite3_column_int (stmt, 2);
            }
          else if (queries[q] == sql_annotations)
            p->n_annotations = sqlite3_column_int (stmt, 1);
        }
      if (rc != SQLITE_DONE)
        {
          _gloss_store_set_error_from_db (store, error, _("Cannot read the annotators’ progress"));
          return NULL;
        }
    }
  /* without assignments, every document counts */
  for (guint i = 0; i < out->len; i++)
    {
      GlossAnnotatorProgress *p = out->pdata[i];

      if (p->n_assigned == 0)
        p->n_new = counts.n_documents - MIN (counts.n_documents,
                                             (guint64) p->n_in_progress + p->n_done);
    }
  g_ptr_array_sort (out, compare_progress);
  return g_steal_pointer (&out);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

GlossDocumentProgress *
gloss_project_dup_document_progress (GlossProject   *project,
                                     GlossDocument  *document,
                                     GError        **error)
{
  g_autoptr(GlossDocumentProgress) p = NULL;
  g_autoptr(GHashTable) statuses = NULL;
  g_autoptr(GPtrArray) done = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key, value;
  guint n_curated = 0, n_units = 0, n_annotators = 0;
  gboolean has_gold = FALSE;
  GlossStore *store;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), NULL);
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (document), NULL);

  store = gloss_project_get_store (project);
  p = g_new0 (GlossDocumentProgress, 1);
  p->document_id = gloss_document_get_id (document);
  p->name = g_strdup (gloss_document_get_name (document));
  p->assignees = gloss_store_dup_assignees (store, p->document_id);
  statuses = gloss_store_dup_document_statuses (store, p->document_id);
  g_hash_table_iter_init (&iter, statuses);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_INT (value) == GLOSS_DOCUMENT_STATUS_DONE)
      g_ptr_array_add (done, g_strdup (key));
  g_ptr_array_sort (done, compare_names);
  g_ptr_array_add (done, NULL);
  p->done = (GStrv) g_ptr_array_steal (done, NULL);
  if (!gloss_curation_progress_full (project, document, &n_curated, &n_units, &n_annotators,
                                     &has_gold, error))
    {
      g_clear_pointer (&p, gloss_document_progress_free);
      return NULL;
    }
  p->curated = has_gold && n_curated == n_units;
  return g_steal_pointer (&p);
}

/* ---- merging */

gboolean
_gloss_assignments_merge (GlossChangeSet  *changes,
                          GlossStore      *source,
                          gint64           source_document,
                          gint64           target_document,
                          GError         **error)
{
  static const char sql[] =
    "SELECT annotator, deleted, modified FROM assignments WHERE document = ?1 "
    "ORDER BY annotator";
  g_autoptr(GlossStmt) stmt = _gloss_store_prepare (source, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, source_document);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    gloss_change_set_put_assignment (changes, target_document,
                                     (const char *) sqlite3_column_text (stmt, 0),
                                     sqlite3_column_int (stmt, 1) != 0,
                                     sqlite3_column_int64 (stmt, 2), GLOSS_CHANGE_IF_NEWER);
  if (rc != SQLITE_DONE)
    {
      _gloss_store_set_error_from_db (source, error,
                                      _("Cannot read the source’s assignments"));
      return FALSE;
    }
  return TRUE;
}
