/* gloss-curation-queue.c: every undecided disagreement of a project, filtered
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gloss-annotation.h"
#include "gloss-change-set.h"
#include "gloss-command-private.h"
#include "gloss-relation.h"
#include "gloss-curation-queue.h"
#include "gloss-document.h"
#include "gloss-project.h"
#include "gloss-store.h"
#include "gloss-store-private.h"

/* ---- filters ----------------------------------------------------------- */

void
gloss_curation_filter_clear (GlossCurationFilter *filter)
{
  g_return_if_fail (filter != NULL);

  g_clear_pointer (&filter->label, g_free);
  g_clear_pointer (&filter->annotator_a, g_free);
  g_clear_pointer (&filter->annotator_b, g_free);
  filter->kind = -1;
}

int
gloss_curation_kind_from_name (const char *name)
{
  static const struct
  {
    const char *name;
    int         kind;
  } kinds[] = {
    { "", -1 },
    { "any", -1 },
    { "only", GLOSS_CURATION_ONLY },
    { "label", GLOSS_CURATION_LABEL },
    { "overlap", GLOSS_CURATION_OVERLAP },
    { "details", GLOSS_CURATION_DETAILS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (name != NULL ? name : "", kinds[i].name) == 0)
      return kinds[i].kind;
  return -2;
}

static gboolean
is_set (const char *value)
{
  return value != NULL && *value != '\0';
}

static gboolean
has_label (GlossCurationUnit *unit,
           const char        *label)
{
  for (guint i = 0; i < unit->versions->len; i++)
    {
      GPtrArray *version = unit->versions->pdata[i];

      for (guint j = 0; j < version->len; j++)
        if (g_strcmp0 (gloss_annotation_get_label (version->pdata[j]), label) == 0)
          return TRUE;
    }
  return FALSE;
}

/* @a's version differs from someone else's who annotated the document
 * (@present, or those with a version here when NULL). */
static gboolean
differs_from_anyone (GlossCurationUnit *unit,
                     const char        *a,
                     GHashTable        *present)
{
  if (present != NULL)
    {
      GHashTableIter iter;
      gpointer       other;

      g_hash_table_iter_init (&iter, present);
      while (g_hash_table_iter_next (&iter, &other, NULL))
        if (g_strcmp0 (other, GLOSS_GOLD_ANNOTATOR) != 0 &&
            gloss_curation_unit_differs (unit, a, other))
          return TRUE;
      return FALSE;
    }

  for (guint i = 0; i < unit->annotators->len; i++)
    if (gloss_curation_unit_differs (unit, a, unit->annotators->pdata[i]))
      return TRUE;
  /* a unit of others only: a skipped it */
  return !g_ptr_array_find_with_equal_func (unit->annotators, a, g_str_equal, NULL);
}

static gboolean
absent (GHashTable *present,
        const char *annotator)
{
  return is_set (annotator) && present != NULL && !g_hash_table_contains (present, annotator);
}

gboolean
gloss_curation_unit_matches (GlossCurationUnit         *unit,
                             const GlossCurationFilter *filter,
                             GHashTable                *present)
{
  g_return_val_if_fail (unit != NULL, FALSE);

  if (filter == NULL || filter->kind < 0)
    {
      if (unit->kind == GLOSS_CURATION_AGREED)
        return FALSE;
    }
  else if ((int) unit->kind != filter->kind)
    return FALSE;

  if (filter == NULL)
    return TRUE;
  if (is_set (filter->label) && !has_label (unit, filter->label))
    return FALSE;
  if (absent (present, filter->annotator_a) || absent (present, filter->annotator_b))
    return FALSE;
  if (is_set (filter->annotator_a) && is_set (filter->annotator_b))
    return gloss_curation_unit_differs (unit, filter->annotator_a, filter->annotator_b);
  if (is_set (filter->annotator_a) || is_set (filter->annotator_b))
    return differs_from_anyone (unit,
                                is_set (filter->annotator_a) ? filter->annotator_a
                                                             : filter->annotator_b,
                                present);
  return TRUE;
}

/* ---- documents of a queue ---------------------------------------------- */

static void
document_clear (gpointer data)
{
  GlossCurationDocument *document = data;

  g_free (document->uuid);
  g_free (document->name);
  g_free (document->text);
  g_clear_pointer (&document->annotations, g_ptr_array_unref);
  g_clear_pointer (&document->units, g_ptr_array_unref);
  g_clear_pointer (&document->rejected, g_hash_table_unref);
  g_clear_pointer (&document->matches, g_array_unref);
}

GlossCurationDocument *
gloss_curation_document_ref (GlossCurationDocument *document)
{
  return g_atomic_rc_box_acquire (document);
}

void
gloss_curation_document_unref (GlossCurationDocument *document)
{
  g_atomic_rc_box_release_full (document, document_clear);
}

void
gloss_curation_document_update (GlossCurationDocument     *document,
                                GPtrArray                 *units,
                                GPtrArray                 *annotations,
                                GHashTable                *rejected,
                                const GlossCurationFilter *filter)
{
  g_autoptr(GHashTable) before = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) old_units = NULL;
  g_autoptr(GHashTable) present = NULL;
  GArray *matches = g_array_new (FALSE, FALSE, sizeof (guint));

  g_return_if_fail (document != NULL);
  g_return_if_fail (units != NULL);

  /* what was in the queue stays in it, decided or not */
  old_units = document->units;
  document->units = g_ptr_array_ref (units);
  if (old_units != NULL && document->matches != NULL)
    for (guint i = 0; i < document->matches->len; i++)
      {
        GlossCurationUnit *unit = old_units->pdata[g_array_index (document->matches, guint, i)];

        g_hash_table_add (before, unit->key);
      }

  if (annotations != NULL && annotations != document->annotations)
    {
      g_clear_pointer (&document->annotations, g_ptr_array_unref);
      document->annotations = g_ptr_array_ref (annotations);
    }
  if (rejected != document->rejected)
    {
      g_clear_pointer (&document->rejected, g_hash_table_unref);
      document->rejected = rejected != NULL
                           ? g_hash_table_ref (rejected)
                           : g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }

  present = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; document->annotations != NULL && i < document->annotations->len; i++)
    g_hash_table_add (present,
                      (gpointer) gloss_annotation_get_annotator (document->annotations->pdata[i]));

  for (guint i = 0; i < units->len; i++)
    {
      GlossCurationUnit *unit = units->pdata[i];

      if (g_hash_table_contains (before, unit->key) ||
          (gloss_curation_unit_matches (unit, filter, present) &&
           !gloss_curation_unit_is_curated (unit, document->rejected)))
        g_array_append_val (matches, i);
    }

  g_clear_pointer (&document->matches, g_array_unref);
  document->matches = matches;
}

/* ---- collecting -------------------------------------------------------- */

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* A queue holds what it shows, not whole documents: the units it lists (a
 * document's agreed units are most of them, and each holds its
 * annotations) and no list of the document's annotations, which
 * gloss_curation_document_dup_annotations() reads when one is shown. On the
 * 10,000-article team project of issue 12 this is most of the queue's
 * memory. */
static void
keep_matches_only (GlossCurationDocument *document)
{
  g_autoptr(GPtrArray) kept = NULL;
  gpointer *all;
  gsize     n_all = 0;
  g_autoptr(GHashTable) matched = g_hash_table_new (NULL, NULL);

  g_clear_pointer (&document->annotations, g_ptr_array_unref);
  if (document->matches->len == document->units->len)
    return;

  kept = g_ptr_array_new_full (document->matches->len, (GDestroyNotify) gloss_curation_unit_free);
  for (guint j = 0; j < document->matches->len; j++)
    g_hash_table_add (matched, GUINT_TO_POINTER (g_array_index (document->matches, guint, j) + 1));
  /* the units were made here: no one else holds them */
  all = g_ptr_array_steal (document->units, &n_all);
  for (guint i = 0; i < n_all; i++)
    if (!g_hash_table_contains (matched, GUINT_TO_POINTER (i + 1)))
      gloss_curation_unit_free (all[i]);
  for (guint j = 0; j < document->matches->len; j++)
    {
      guint *index = &g_array_index (document->matches, guint, j);

      g_ptr_array_add (kept, all[*index]);
      *index = j;
    }
  g_free (all);
  g_ptr_array_unref (document->units);
  document->units = g_steal_pointer (&kept);
}

/* A document of the project, as the queue names it. */
typedef struct
{
  gint64 id;
  char  *uuid;
  char  *name;
} Listed;

static void
listed_clear (gpointer data)
{
  Listed *listed = data;

  g_free (listed->uuid);
  g_free (listed->name);
}

/* Every document's id, uuid and name in the document list's order, with
 * one statement: loading each document for them cost a query and a count
 * of its annotations per document, an eighth of a large project's queue. */
static GArray *
list_documents (GlossStore *store,
                GError    **error)
{
  static const char sql[] = "SELECT id, uuid, name FROM documents ORDER BY name, id";
  g_autoptr(GlossStmt) stmt = _gloss_store_prepare (store, sql, error);
  g_autoptr(GArray) listed = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  listed = g_array_new (FALSE, FALSE, sizeof (Listed));
  g_array_set_clear_func (listed, listed_clear);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Listed row = {
        .id = sqlite3_column_int64 (stmt, 0),
        .uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
        .name = g_strdup ((const char *) sqlite3_column_text (stmt, 2)),
      };

      g_array_append_val (listed, row);
    }
  if (rc != SQLITE_DONE)
    {
      _gloss_store_set_error_from_db (store, error, _("Cannot list the documents"));
      return NULL;
    }
  return g_steal_pointer (&listed);
}

static GlossCurationDocument *
collect_document (GlossStore                *store,
                  const Listed              *listed,
                  GHashTable                *layers,
                  const GlossCurationFilter *filter,
                  GHashTable                *annotators,
                  GError                   **error)
{
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GHashTable) rejected = NULL;
  g_autoptr(GHashTable) here = g_hash_table_new (g_str_hash, g_str_equal);
  GlossCurationDocument *document;

  annotations = gloss_store_load_annotations (store, listed->id, FALSE, error);
  if (annotations == NULL)
    return NULL;
  for (guint i = 0; i < annotations->len; i++)
    {
      const char *who = gloss_annotation_get_annotator (annotations->pdata[i]);

      if (g_strcmp0 (who, GLOSS_GOLD_ANNOTATOR) == 0 || who == NULL || *who == '\0')
        continue;
      g_hash_table_add (here, (gpointer) who);
      if (!g_hash_table_contains (annotators, who))
        g_hash_table_add (annotators, g_strdup (who));
    }
  /* one annotator disagrees with no one */
  if (g_hash_table_size (here) < 2)
    return NULL;

  relations = gloss_store_load_relations (store, listed->id, FALSE, error);
  if (relations == NULL)
    return NULL;

  rejected = gloss_curation_load_rejected (store, listed->uuid);
  units = gloss_curation_units_full (annotations, relations, NULL, layers, GLOSS_GOLD_ANNOTATOR);

  document = g_atomic_rc_box_new0 (GlossCurationDocument);
  document->id = listed->id;
  document->uuid = g_strdup (listed->uuid);
  document->name = g_strdup (listed->name);
  gloss_curation_document_update (document, units, annotations, rejected, filter);
  if (document->matches->len == 0)
    {
      gloss_curation_document_unref (document);
      return NULL;
    }
  keep_matches_only (document);

  document->text = gloss_store_dup_document_text (store, listed->id, error);
  if (document->text == NULL)
    {
      gloss_curation_document_unref (document);
      return NULL;
    }
  document->length = (guint) g_utf8_strlen (document->text, -1);
  return document;
}

/* The queue is read on two threads (a large project's takes seconds, and
 * the machine has at least two cores): each reads every other run of
 * COLLECT_RUN documents through a connection of its own, into the slot of
 * each document, so the queue's order is the list's whatever thread read
 * what. */
#define COLLECT_RUN 32
#define ALL_RUNS    G_MAXUINT

typedef struct
{
  GlossStore                *store;
  GArray                    *listed;
  GHashTable                *layers;
  const GlossCurationFilter *filter;
  guint                      parity; /* of the runs it reads, or ALL_RUNS */
  GlossCurationDocument    **slots;
  GHashTable                *annotators; /* owned: char * */
  GCancellable              *cancellable;
  gint                      *n_done;   /* atomic, both parts */
  gint                      *failed;   /* atomic: the other part stopped */
  GlossProgressFunc          progress; /* only on the caller's part */
  gpointer                   progress_data;
  GError                    *error;
} CollectPart;

static void
collect_part (CollectPart *part)
{
  guint n = part->listed->len;

  for (guint i = 0; i < n; i++)
    {
      if (part->parity != ALL_RUNS && (i / COLLECT_RUN) % 2 != part->parity)
        continue;
      if (g_atomic_int_get (part->failed) ||
          g_cancellable_set_error_if_cancelled (part->cancellable, &part->error))
        break;
      part->slots[i] = collect_document (part->store, &g_array_index (part->listed, Listed, i),
                                         part->layers, part->filter, part->annotators,
                                         &part->error);
      if (part->error != NULL)
        break;
      g_atomic_int_inc (part->n_done);
      if (part->progress != NULL && i % COLLECT_RUN == COLLECT_RUN - 1)
        part->progress ((double) g_atomic_int_get (part->n_done) / n, part->progress_data);
    }
  if (part->error != NULL)
    g_atomic_int_set (part->failed, TRUE);
}

static gpointer
collect_part_thread (gpointer data)
{
  collect_part (data);
  return NULL;
}

GPtrArray *
gloss_curation_queue_collect (GlossProject              *project,
                              const GlossCurationFilter *filter,
                              GPtrArray                 *annotators,
                              GlossProgressFunc          progress,
                              gpointer                   progress_data,
                              GCancellable              *cancellable,
                              GError                   **error)
{
  GlossStore *store;
  g_autoptr(GArray) listed = NULL;
  g_autoptr(GHashTable) layers = NULL;
  g_autoptr(GlossStore) reader = NULL;
  g_autoptr(GPtrArray) queue = NULL;
  g_autofree GlossCurationDocument **slots = NULL;
  CollectPart                        parts[2];
  GThread                           *thread = NULL;
  gint                               n_done = 0, failed = FALSE;
  gboolean                           ok = TRUE;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), NULL);

  store = gloss_project_get_store (project);
  listed = list_documents (store, error);
  if (listed == NULL)
    return NULL;

  layers = gloss_curation_dup_layers (gloss_project_get_schema (project));
  slots = g_new0 (GlossCurationDocument *, listed->len + 1);
  for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
    parts[p] = (CollectPart) {
      .store = store,
      .listed = listed,
      .layers = layers,
      .filter = filter,
      .parity = p,
      .slots = slots,
      .annotators = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
      .cancellable = cancellable,
      .n_done = &n_done,
      .failed = &failed,
    };
  parts[0].progress = progress;
  parts[0].progress_data = progress_data;

  /* A project in memory has no second connection: one thread reads all. */
  if (listed->len > COLLECT_RUN)
    reader = gloss_store_open_reader (store, NULL);
  if (reader != NULL)
    {
      parts[1].store = reader;
      thread = g_thread_new ("gloss-curation-queue", collect_part_thread, &parts[1]);
      collect_part (&parts[0]);
      g_thread_join (thread);
    }
  else
    {
      parts[0].parity = ALL_RUNS;
      collect_part (&parts[0]);
    }
  if (progress != NULL && parts[0].error == NULL && parts[1].error == NULL)
    progress (1.0, progress_data);

  queue = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_curation_document_unref);
  for (guint i = 0; i < listed->len; i++)
    if (slots[i] != NULL)
      g_ptr_array_add (queue, slots[i]);

  for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
    {
      /* the first error, a cancellation before what the other part met */
      if (ok && parts[p].error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&parts[p].error));
          ok = FALSE;
        }
      g_clear_error (&parts[p].error);
    }
  if (ok && annotators != NULL)
    {
      g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
      GHashTableIter iter;
      gpointer       name;
      guint          first = annotators->len;

      for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
        {
          g_hash_table_iter_init (&iter, parts[p].annotators);
          while (g_hash_table_iter_next (&iter, &name, NULL))
            if (g_hash_table_add (names, name))
              g_ptr_array_add (annotators, g_strdup (name));
        }
      /* sorted among themselves */
      qsort (annotators->pdata + first, annotators->len - first, sizeof (gpointer),
             compare_names);
    }
  for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
    g_hash_table_unref (parts[p].annotators);

  return ok ? g_steal_pointer (&queue) : NULL;
}

GPtrArray *
gloss_curation_document_dup_annotations (GlossCurationDocument *document,
                                         GlossStore            *store,
                                         GError               **error)
{
  g_return_val_if_fail (document != NULL, NULL);
  g_return_val_if_fail (GLOSS_IS_STORE (store), NULL);

  if (document->annotations == NULL)
    document->annotations = gloss_store_load_annotations (store, document->id, FALSE, error);
  return document->annotations != NULL ? g_ptr_array_ref (document->annotations) : NULL;
}

guint
gloss_curation_document_count_undecided (GlossCurationDocument *document)
{
  guint n = 0;

  g_return_val_if_fail (document != NULL, 0);

  for (guint j = 0; j < document->matches->len; j++)
    if (!gloss_curation_unit_is_curated (
          document->units->pdata[g_array_index (document->matches, guint, j)],
          document->rejected))
      n++;
  return n;
}

guint
gloss_curation_queue_count_undecided (GPtrArray *queue)
{
  guint n = 0;

  g_return_val_if_fail (queue != NULL, 0);

  for (guint i = 0; i < queue->len; i++)
    n += gloss_curation_document_count_undecided (queue->pdata[i]);
  return n;
}

/* ---- every agreed unit of the project ---------------------------------- */

static guint
count_annotators (GPtrArray *annotations)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < annotations->len; i++)
    {
      const char *who = gloss_annotation_get_annotator (annotations->pdata[i]);

      if (who != NULL && *who != '\0' && g_strcmp0 (who, GLOSS_GOLD_ANNOTATOR) != 0)
        g_hash_table_add (names, (gpointer) who);
    }
  return g_hash_table_size (names);
}

/* The rows @command would create, now, in document @id, into @changes. */
static void
put_created_rows (GlossChangeSet *changes,
                  GlossCommand   *command,
                  gint64          id,
                  gint64          now)
{
  GPtrArray *edits = _gloss_command_get_edits (command);

  for (guint i = 0; i < edits->len; i++)
    {
      GlossEdit *edit = edits->pdata[i];

      if (edit->kind == GLOSS_EDIT_CREATE_ANNOTATION)
        {
          GlossAnnotation *annotation = GLOSS_ANNOTATION (edit->object);

          gloss_annotation_set_document_id (annotation, id);
          gloss_annotation_set_times (annotation, now, now);
          gloss_change_set_put_annotation (changes, annotation, GLOSS_CHANGE_ALWAYS);
        }
      else if (edit->kind == GLOSS_EDIT_ADD_RELATION)
        {
          GlossRelation *relation = GLOSS_RELATION (edit->object);

          gloss_relation_set_document_id (relation, id);
          gloss_relation_set_times (relation, now, now);
          gloss_change_set_put_relation (changes, relation, GLOSS_CHANGE_ALWAYS);
        }
    }
}

gboolean
gloss_curation_accept_agreed_everywhere (GlossProject      *project,
                                         GlossChangeSet   **changes_out,
                                         guint             *n_units,
                                         guint             *n_documents,
                                         GlossProgressFunc  progress,
                                         gpointer           progress_data,
                                         GCancellable      *cancellable,
                                         GError           **error)
{
  GlossStore *store;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GHashTable) layers = NULL;
  g_autoptr(GlossChangeSet) changes = NULL;
  guint units_accepted = 0, documents = 0;
  gint64 now = g_get_real_time ();

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), FALSE);

  if (changes_out != NULL)
    *changes_out = NULL;
  store = gloss_project_get_store (project);
  ids = gloss_store_list_document_ids (store, error);
  if (ids == NULL)
    return FALSE;

  layers = gloss_curation_dup_layers (gloss_project_get_schema (project));
  changes = gloss_change_set_new (_("Accept All Agreed in Every Document"));
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(GPtrArray) annotations = NULL;
      g_autoptr(GPtrArray) relations = NULL;
      g_autoptr(GPtrArray) units = NULL;
      g_autoptr(GHashTable) rejected = NULL;
      g_autoptr(GHashTable) copies = NULL;
      g_autoptr(GlossCommand) command = NULL;
      g_autoptr(GlossDocument) document = NULL;
      guint n;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      annotations = gloss_store_load_annotations (store, id, FALSE, error);
      if (annotations == NULL)
        return FALSE;
      /* one annotator agrees with no one: a lead decides those by hand */
      if (count_annotators (annotations) < 2)
        continue;
      relations = gloss_store_load_relations (store, id, FALSE, error);
      if (relations == NULL)
        return FALSE;
      document = gloss_store_load_document (store, id, error);
      if (document == NULL)
        return FALSE;

      rejected = gloss_curation_load_rejected (store, gloss_document_get_uuid (document));
      units = gloss_curation_units_full (annotations, relations, NULL, layers,
                                         GLOSS_GOLD_ANNOTATOR);
      command = gloss_command_new ("");
      copies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      n = gloss_curation_accept_agreed (units, rejected, GLOSS_GOLD_ANNOTATOR, command, copies);
      if (n > 0)
        {
          gloss_curation_copy_relations (relations, annotations, copies, GLOSS_GOLD_ANNOTATOR,
                                         command);
          put_created_rows (changes, command, id, now);
          units_accepted += n;
          documents++;
        }
      if (progress != NULL && (i % 64 == 63 || i + 1 == ids->len))
        progress (0.5 * (i + 1) / ids->len, progress_data);
    }

  if (n_units != NULL)
    *n_units = units_accepted;
  if (n_documents != NULL)
    *n_documents = documents;
  if (units_accepted == 0)
    return TRUE;

  if (!gloss_project_apply_changes (project, changes, NULL, NULL, cancellable, error))
    return FALSE;
  if (changes_out != NULL)
    *changes_out = g_steal_pointer (&changes);
  return TRUE;
}
