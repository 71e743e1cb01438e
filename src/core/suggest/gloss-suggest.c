/* gloss-suggest.c: running suggesters, keeping their suggestions, accepting and rejecting
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "gloss-annotation.h"
#include "gloss-annotation-list.h"
#include "gloss-attr-def.h"
#include "gloss-command.h"
#include "gloss-document.h"
#include "gloss-frame.h"
#include "gloss-label.h"
#include "gloss-project.h"
#include "gloss-relation.h"
#include "gloss-relation-type.h"
#include "gloss-schema.h"
#include "gloss-store-private.h"
#include "gloss-suggest.h"
#include "gloss-util-private.h"
#ifdef GLOSS_HAVE_SUGGESTER_RULES
#include "gloss-suggester-rules.h"
#endif
#ifdef GLOSS_HAVE_SUGGESTER_GAZETTEER
#include "gloss-suggester-gazetteer.h"
#endif
#ifdef GLOSS_HAVE_SUGGESTER_MODEL
#include "gloss-suggester-model.h"
#endif
#ifdef GLOSS_HAVE_SUGGESTER_LS
#include "gloss-suggester-ls.h"
#endif
#ifdef GLOSS_HAVE_SUGGESTER_OPENAI
#include "gloss-suggester-openai.h"
#endif

/* ---- the suggesters by name ---------------------------------------------- */

static const char * const suggester_names[] = {
#ifdef GLOSS_HAVE_SUGGESTER_RULES
  "rules",
#endif
#ifdef GLOSS_HAVE_SUGGESTER_GAZETTEER
  "gazetteer",
#endif
#ifdef GLOSS_HAVE_SUGGESTER_MODEL
  "model",
#endif
#ifdef GLOSS_HAVE_SUGGESTER_LS
  "ls-backend",
#endif
#ifdef GLOSS_HAVE_SUGGESTER_OPENAI
  "openai",
#endif
  NULL
};

const char * const *
gloss_suggester_list_names (void)
{
  return suggester_names;
}

GlossSuggester *
gloss_suggester_new_for_name (const char                  *name,
                              const GlossSuggesterOptions *options,
                              GError                     **error)
{
  static const GlossSuggesterOptions none = { 0 };

  g_return_val_if_fail (name != NULL, NULL);

  if (options == NULL)
    options = &none;
#ifdef GLOSS_HAVE_SUGGESTER_RULES
  if (g_str_equal (name, "rules"))
    return gloss_rules_suggester_new ();
#endif
#ifdef GLOSS_HAVE_SUGGESTER_GAZETTEER
  if (g_str_equal (name, "gazetteer"))
    {
      g_autoptr(GlossSuggester) gazetteer = gloss_gazetteer_suggester_new ();

      if (options->list_path != NULL &&
          !gloss_gazetteer_suggester_load_list (GLOSS_GAZETTEER_SUGGESTER (gazetteer),
                                                options->list_path, error))
        return NULL;
      return g_steal_pointer (&gazetteer);
    }
#endif
#ifdef GLOSS_HAVE_SUGGESTER_MODEL
  if (g_str_equal (name, "model"))
    return gloss_model_suggester_new ();
#endif
#if defined(GLOSS_HAVE_SUGGESTER_LS) || defined(GLOSS_HAVE_SUGGESTER_OPENAI)
  if ((g_str_equal (name, "ls-backend") || g_str_equal (name, "openai")) &&
      (options->url == NULL || *options->url == '\0'))
    {
      g_set_error (error, GLOSS_SUGGEST_ERROR, GLOSS_SUGGEST_ERROR_FAILED,
                   _("The suggester “%s” needs the address of its server"), name);
      return NULL;
    }
#endif
#ifdef GLOSS_HAVE_SUGGESTER_LS
  if (g_str_equal (name, "ls-backend"))
    return gloss_ls_suggester_new (options->url);
#endif
#ifdef GLOSS_HAVE_SUGGESTER_OPENAI
  if (g_str_equal (name, "openai"))
    {
      if (options->model == NULL || *options->model == '\0')
        {
          g_set_error (error, GLOSS_SUGGEST_ERROR, GLOSS_SUGGEST_ERROR_FAILED,
                       _("The suggester “%s” needs a model name"), name);
          return NULL;
        }
      return gloss_openai_suggester_new (options->url, options->model, options->api_key);
    }
#endif
  g_set_error (error, GLOSS_SUGGEST_ERROR, GLOSS_SUGGEST_ERROR_FAILED,
               _("No suggester is called “%s”"), name);
  return NULL;
}

/* ---- rows ---------------------------------------------------------------- */

gboolean
_gloss_store_set_suggestion_state (GlossStore  *self,
                                   gint64       document_id,
                                   const char  *id,
                                   int          state,
                                   gint64       modified,
                                   GError     **error)
{
  static const char sql[] =
    "UPDATE suggestions SET state = ?3, modified = ?4 WHERE document = ?1 AND id = ?2";
  g_autoptr(GlossStmt) stmt = NULL;

  if (state < 0)
    return TRUE;
  stmt = _gloss_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, state);
  sqlite3_bind_int64 (stmt, 4, modified);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _gloss_store_set_error_from_db (self, error, _("Cannot save a suggestion"));
      return FALSE;
    }
  return TRUE;
}

gboolean
_gloss_store_get_suggestion_state (GlossStore *self,
                                   gint64      document_id,
                                   const char *id,
                                   int        *state,
                                   gint64     *modified)
{
  static const char sql[] =
    "SELECT state, modified FROM suggestions WHERE document = ?1 AND id = ?2";
  g_autoptr(GlossStmt) stmt = NULL;

  *state = -1;
  *modified = 0;
  stmt = _gloss_store_prepare (self, sql, NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  *state = sqlite3_column_int (stmt, 0);
  *modified = sqlite3_column_int64 (stmt, 1);
  return TRUE;
}

#define SUGGESTION_COLUMNS \
  "document, id, label, fragments, score, suggester, attributes, source, cue, state"

static GlossSuggestion *
suggestion_from_row (GlossStore    *store,
                     sqlite3_stmt  *stmt,
                     GError       **error)
{
  g_autoptr(GArray) frags = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  GlossSuggestion *s;

  if (!_gloss_fragments_from_string ((const char *) sqlite3_column_text (stmt, 3), &frags) ||
      frags->len == 0)
    {
      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_CORRUPT,
                   _("suggestion %s: unreadable fragments"),
                   (const char *) sqlite3_column_text (stmt, 1));
      return NULL;
    }
  attributes = _gloss_attributes_from_json ((const char *) sqlite3_column_text (stmt, 6), NULL);
  s = gloss_suggestion_new ((const char *) sqlite3_column_text (stmt, 2),
                            (GlossFragment *) (gpointer) frags->data, frags->len,
                            sqlite3_column_double (stmt, 4),
                            (const char *) sqlite3_column_text (stmt, 5));
  gloss_suggestion_set_document_id (s, sqlite3_column_int64 (stmt, 0));
  gloss_suggestion_set_attributes (s, attributes);
  gloss_suggestion_set_source (s, (const char *) sqlite3_column_text (stmt, 7));
  gloss_suggestion_set_cue (s, (const char *) sqlite3_column_text (stmt, 8));
  gloss_suggestion_set_state (s, sqlite3_column_int (stmt, 9));
  return s;
}

static GPtrArray *
load_suggestions (GlossStore  *store,
                  const char  *sql,
                  gint64       document_id,
                  const char  *id,
                  GError     **error)
{
  g_autoptr(GlossStmt) stmt = _gloss_store_prepare (store, sql, error);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (document_id != 0)
    sqlite3_bind_int64 (stmt, 1, document_id);
  if (id != NULL)
    sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GlossSuggestion *s = suggestion_from_row (store, stmt, error);

      if (s == NULL)
        return NULL;
      g_ptr_array_add (rows, s);
    }
  if (rc != SQLITE_DONE)
    {
      _gloss_store_set_error_from_db (store, error, _("Cannot read the suggestions"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

static gboolean
put_suggestion (GlossStore       *store,
                GlossSuggestion  *s,
                gint64            now,
                GError          **error)
{
  static const char sql[] =
    "INSERT INTO suggestions (document, id, label, start, end, fragments, score, suggester, "
    "  attributes, source, cue, state, modified) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 0, ?12) "
    "ON CONFLICT (document, id) DO UPDATE SET score = excluded.score, "
    "  suggester = excluded.suggester, attributes = excluded.attributes, "
    "  source = excluded.source, cue = excluded.cue, modified = excluded.modified "
    "WHERE state = 0";
  g_autoptr(GlossStmt) stmt = _gloss_store_prepare (store, sql, error);
  const GlossFragment *f;
  guint n;

  if (stmt == NULL)
    return FALSE;
  f = gloss_suggestion_get_fragments (s, &n);
  sqlite3_bind_int64 (stmt, 1, gloss_suggestion_get_document_id (s));
  sqlite3_bind_text (stmt, 2, gloss_suggestion_get_id (s), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, gloss_suggestion_get_label (s), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, gloss_suggestion_get_start (s));
  sqlite3_bind_int64 (stmt, 5, gloss_suggestion_get_end (s));
  sqlite3_bind_text (stmt, 6, _gloss_fragments_to_string (f, n), -1, g_free);
  sqlite3_bind_double (stmt, 7, gloss_suggestion_get_score (s));
  sqlite3_bind_text (stmt, 8, gloss_suggestion_get_suggester (s), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, _gloss_attributes_to_json (gloss_suggestion_get_attributes (s)),
                     -1, g_free);
  if (gloss_suggestion_get_source (s) != NULL)
    sqlite3_bind_text (stmt, 10, gloss_suggestion_get_source (s), -1, SQLITE_STATIC);
  if (gloss_suggestion_get_cue (s) != NULL)
    sqlite3_bind_text (stmt, 11, gloss_suggestion_get_cue (s), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 12, now);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _gloss_store_set_error_from_db (store, error, _("Cannot save a suggestion"));
      return FALSE;
    }
  return TRUE;
}

/* ---- what annotations already make ---------------------------------------- */

typedef struct
{
  guint            start;
  guint            end;
  GlossAnnotation *annotation;  /* borrowed */
} Piece;

static int
compare_pieces (gconstpointer a,
                gconstpointer b)
{
  const Piece *pa = a, *pb = b;

  if (pa->start != pb->start)
    return pa->start < pb->start ? -1 : 1;
  return 0;
}

/* Per label, the live annotations' fragments sorted by start, with the
 * running maximum of their ends: "does any overlap [s, e)" is a binary
 * search. */
typedef struct
{
  GArray *pieces;   /* Piece */
  GArray *max_end;  /* guint, max end of pieces[0..i] */
} LabelIndex;

static void
label_index_free (LabelIndex *index)
{
  g_array_unref (index->pieces);
  g_array_unref (index->max_end);
  g_free (index);
}

static GHashTable *
index_annotations (GPtrArray *annotations)
{
  GHashTable *by_label = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                (GDestroyNotify) label_index_free);
  GHashTableIter iter;
  LabelIndex *index;

  for (guint i = 0; annotations != NULL && i < annotations->len; i++)
    {
      GlossAnnotation *a = g_ptr_array_index (annotations, i);
      const char *label = gloss_annotation_get_label (a);
      const GlossFragment *f;
      guint n;

      if (gloss_annotation_get_deleted (a))
        continue;
      index = g_hash_table_lookup (by_label, label);
      if (index == NULL)
        {
          index = g_new0 (LabelIndex, 1);
          index->pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
          index->max_end = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (by_label, (gpointer) label, index);
        }
      f = gloss_annotation_get_fragments (a, &n);
      for (guint j = 0; j < n; j++)
        {
          Piece piece = { f[j].start, f[j].end, a };

          g_array_append_val (index->pieces, piece);
        }
    }

  g_hash_table_iter_init (&iter, by_label);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &index))
    {
      guint max = 0;

      g_array_sort (index->pieces, compare_pieces);
      g_array_set_size (index->max_end, index->pieces->len);
      for (guint i = 0; i < index->pieces->len; i++)
        {
          max = MAX (max, g_array_index (index->pieces, Piece, i).end);
          g_array_index (index->max_end, guint, i) = max;
        }
    }
  return by_label;
}

/* The annotation of @label that overlaps [start, end) in @by_label, the
 * one with the same start if there is one; NULL when none does. */
static GlossAnnotation *
find_overlapping (GHashTable *by_label,
                  const char *label,
                  guint       start,
                  guint       end)
{
  LabelIndex *index = g_hash_table_lookup (by_label, label);
  GlossAnnotation *found = NULL;
  guint lo = 0, hi;

  if (index == NULL)
    return NULL;
  /* the pieces that start before @end: [0, hi) */
  hi = index->pieces->len;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (index->pieces, Piece, mid).start < end)
        lo = mid + 1;
      else
        hi = mid;
    }
  /* walk back while some piece before can still reach past @start */
  for (guint i = lo; i > 0 && g_array_index (index->max_end, guint, i - 1) > start; i--)
    {
      Piece *piece = &g_array_index (index->pieces, Piece, i - 1);

      if (piece->end > start)
        {
          found = piece->annotation;
          if (piece->start == start)
            break;
        }
    }
  return found;
}

static GlossAnnotation *
find_made (GHashTable      *by_label,
           GlossSuggestion *s)
{
  const GlossFragment *f;
  guint n;

  f = gloss_suggestion_get_fragments (s, &n);
  for (guint i = 0; i < n; i++)
    {
      GlossAnnotation *a = find_overlapping (by_label, gloss_suggestion_get_label (s),
                                             f[i].start, f[i].end);

      if (a != NULL)
        return a;
    }
  return NULL;
}

/* Drops what @by_label makes; references to a dropped suggestion point at
 * the annotation that makes it, references to one gone otherwise are
 * cleared. */
static void
drop_made (GPtrArray  *suggestions,
           GHashTable *by_label)
{
  g_autoptr(GHashTable) made = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) kept = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < suggestions->len;)
    {
      GlossSuggestion *s = g_ptr_array_index (suggestions, i);
      GlossAnnotation *a = find_made (by_label, s);

      if (a != NULL)
        {
          g_hash_table_insert (made, g_strdup (gloss_suggestion_get_id (s)),
                               (gpointer) gloss_annotation_get_uuid (a));
          g_ptr_array_remove_index (suggestions, i);
        }
      else
        {
          g_hash_table_add (kept, (gpointer) gloss_suggestion_get_id (s));
          i++;
        }
    }

  for (guint i = 0; i < suggestions->len; i++)
    {
      GlossSuggestion *s = g_ptr_array_index (suggestions, i);
      const char *refs[2] = { gloss_suggestion_get_source (s), gloss_suggestion_get_cue (s) };

      for (guint r = 0; r < 2; r++)
        {
          const char *to = refs[r];

          if (!gloss_suggestion_is_id (to) || g_hash_table_contains (kept, to))
            continue;
          to = g_hash_table_lookup (made, to);
          if (r == 0)
            gloss_suggestion_set_source (s, to);
          else
            gloss_suggestion_set_cue (s, to);
        }
    }
}

void
gloss_suggestions_drop_annotated (GPtrArray *suggestions,
                                  GPtrArray *annotations)
{
  g_autoptr(GHashTable) by_label = NULL;

  g_return_if_fail (suggestions != NULL);

  by_label = index_annotations (annotations);
  drop_made (suggestions, by_label);
}

/* ---- one document --------------------------------------------------------- */

static int
compare_suggestions (gconstpointer a,
                     gconstpointer b)
{
  return gloss_suggestion_compare (*(GlossSuggestion **) a, *(GlossSuggestion **) b);
}

/* @into takes what @from adds: a frame and attributes it lacks, the
 * higher score and its suggester. */
static void
merge_into (GlossSuggestion *into,
            GlossSuggestion *from)
{
  GHashTable *attributes = gloss_suggestion_get_attributes (from);

  if (gloss_suggestion_get_score (from) > gloss_suggestion_get_score (into))
    {
      gloss_suggestion_set_score (into, gloss_suggestion_get_score (from));
      gloss_suggestion_set_suggester (into, gloss_suggestion_get_suggester (from));
    }
  if (gloss_suggestion_get_source (into) == NULL)
    gloss_suggestion_set_source (into, gloss_suggestion_get_source (from));
  if (gloss_suggestion_get_cue (into) == NULL)
    gloss_suggestion_set_cue (into, gloss_suggestion_get_cue (from));
  if (attributes != NULL)
    {
      GHashTableIter iter;
      gpointer name, value;

      g_hash_table_iter_init (&iter, attributes);
      while (g_hash_table_iter_next (&iter, &name, &value))
        if (gloss_suggestion_get_attribute (into, name) == NULL)
          gloss_suggestion_set_attribute (into, name, value);
    }
}

/* Whether @s fits @input: a label of the schema, fragments inside the
 * text. A suggester that breaks this is not trusted with the row. */
static gboolean
fits (GlossSuggestion   *s,
      GlossSuggestInput *input)
{
  const GlossFragment *f;
  guint n;

  if (input->schema != NULL &&
      gloss_schema_lookup_label (input->schema, gloss_suggestion_get_label (s)) == NULL)
    return FALSE;
  f = gloss_suggestion_get_fragments (s, &n);
  for (guint i = 0; i < n; i++)
    if (f[i].start >= f[i].end || f[i].end > input->length)
      return FALSE;
  return TRUE;
}

GPtrArray *
gloss_suggest_document (GPtrArray          *suggesters,
                        GlossSuggestInput  *input,
                        GHashTable         *rejected,
                        GPtrArray          *errors,
                        GCancellable       *cancellable,
                        GError            **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) by_label = NULL;

  g_return_val_if_fail (suggesters != NULL, NULL);
  g_return_val_if_fail (input != NULL, NULL);

  for (guint i = 0; i < suggesters->len; i++)
    {
      GlossSuggester *suggester = g_ptr_array_index (suggesters, i);
      g_autoptr(GPtrArray) found = NULL;
      GError *local = NULL;

      found = gloss_suggester_suggest (suggester, input, cancellable, &local);
      if (found == NULL)
        {
          if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, local);
              return NULL;
            }
          g_prefix_error (&local, "%s: ", gloss_suggester_get_name (suggester));
          if (errors != NULL)
            g_ptr_array_add (errors, local);
          else
            g_error_free (local);
          continue;
        }
      for (guint j = 0; j < found->len; j++)
        {
          GlossSuggestion *s = g_ptr_array_index (found, j);
          GlossSuggestion *same;

          if (!fits (s, input) ||
              (rejected != NULL && g_hash_table_contains (rejected, gloss_suggestion_get_id (s))))
            continue;
          same = g_hash_table_lookup (by_id, gloss_suggestion_get_id (s));
          if (same != NULL)
            {
              merge_into (same, s);
              continue;
            }
          g_hash_table_insert (by_id, (gpointer) gloss_suggestion_get_id (s), s);
          g_ptr_array_add (result, g_object_ref (s));
        }
    }

  by_label = index_annotations (input->annotations);
  drop_made (result, by_label);
  g_ptr_array_sort (result, compare_suggestions);
  return g_steal_pointer (&result);
}

/* ---- a project ------------------------------------------------------------ */

GHashTable *
gloss_project_dup_rejected_suggestions (GlossProject  *project,
                                        gint64         document_id,
                                        GError       **error)
{
  static const char sql[] =
    "SELECT id FROM suggestions WHERE document = ?1 AND state = 2";
  GlossStore *store = gloss_project_get_store (project);
  g_autoptr(GlossStmt) stmt = _gloss_store_prepare (store, sql, error);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      _gloss_store_set_error_from_db (store, error, _("Cannot read the suggestions"));
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/* Keeps @suggestions as @document_id's pending ones from @names. */
static gboolean
keep_suggestions (GlossStore  *store,
                  gint64       document_id,
                  GStrv        names,
                  GPtrArray   *suggestions,
                  GError     **error)
{
  static const char sql_clear[] =
    "DELETE FROM suggestions WHERE document = ?1 AND state = 0 AND suggester = ?2";
  gint64 now = g_get_real_time ();

  if (!gloss_store_begin (store, error))
    return FALSE;
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(GlossStmt) stmt = _gloss_store_prepare (store, sql_clear, error);

      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, document_id);
      sqlite3_bind_text (stmt, 2, names[i], -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          _gloss_store_set_error_from_db (store, error, _("Cannot save a suggestion"));
          goto fail;
        }
    }
  for (guint i = 0; i < suggestions->len; i++)
    if (!put_suggestion (store, g_ptr_array_index (suggestions, i), now, error))
      goto fail;
  if (gloss_store_commit (store, error))
    return TRUE;

fail:
  gloss_store_rollback (store);
  return FALSE;
}

gint64
gloss_project_suggest (GlossProject       *project,
                       GPtrArray          *suggesters,
                       GArray             *document_ids,
                       GPtrArray          *errors,
                       GlossProgressFunc   progress,
                       gpointer            progress_data,
                       GCancellable       *cancellable,
                       GError            **error)
{
  GlossStore *store;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;
  gint64 kept = 0;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), -1);
  g_return_val_if_fail (suggesters != NULL, -1);

  store = gloss_project_get_store (project);
  if (document_ids == NULL)
    {
      all = gloss_store_list_document_ids (store, error);
      if (all == NULL)
        return -1;
      document_ids = all;
    }
  for (guint i = 0; i < suggesters->len; i++)
    g_strv_builder_add (builder, gloss_suggester_get_name (g_ptr_array_index (suggesters, i)));
  names = g_strv_builder_end (builder);

  for (guint i = 0; i < document_ids->len; i++)
    {
      gint64 id = g_array_index (document_ids, gint64, i);
      GlossDocument *document = gloss_project_lookup_document (project, id);
      g_autoptr(GlossSuggestInput) input = NULL;
      g_autoptr(GHashTable) rejected = NULL;
      g_autoptr(GPtrArray) found = NULL;

      if (document == NULL)
        continue;
      input = gloss_suggest_input_new (project, document, error);
      if (input == NULL)
        return -1;
      rejected = gloss_project_dup_rejected_suggestions (project, id, error);
      if (rejected == NULL)
        return -1;
      found = gloss_suggest_document (suggesters, input, rejected, errors, cancellable, error);
      if (found == NULL || !keep_suggestions (store, id, names, found, error))
        return -1;
      kept += found->len;
      if (progress != NULL)
        progress ((double) (i + 1) / document_ids->len, progress_data);
    }
  return kept;
}

GPtrArray *
gloss_project_dup_suggestions (GlossProject  *project,
                               gint64         document_id,
                               gboolean       pending_only,
                               GError       **error)
{
  static const char sql_one[] =
    "SELECT " SUGGESTION_COLUMNS " FROM suggestions WHERE document = ?1 "
    "ORDER BY start, end, label";
  static const char sql_all[] =
    "SELECT " SUGGESTION_COLUMNS " FROM suggestions ORDER BY document, start, end, label";
  GlossStore *store;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) result = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), NULL);

  store = gloss_project_get_store (project);
  rows = load_suggestions (store, document_id != 0 ? sql_one : sql_all, document_id, NULL, error);
  if (rows == NULL || !pending_only)
    return g_steal_pointer (&rows);

  /* pending: not rejected, and not made since by an annotation */
  result = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < rows->len;)
    {
      gint64 document = gloss_suggestion_get_document_id (g_ptr_array_index (rows, i));
      g_autoptr(GPtrArray) group = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) annotations = NULL;

      while (i < rows->len &&
             gloss_suggestion_get_document_id (g_ptr_array_index (rows, i)) == document)
        {
          GlossSuggestion *s = g_ptr_array_index (rows, i++);

          if (gloss_suggestion_get_state (s) == GLOSS_SUGGESTION_PENDING)
            g_ptr_array_add (group, g_object_ref (s));
        }
      annotations = gloss_store_load_annotations (store, document, FALSE, error);
      if (annotations == NULL)
        return NULL;
      gloss_suggestions_drop_annotated (group, annotations);
      for (guint j = 0; j < group->len; j++)
        g_ptr_array_add (result, g_object_ref (g_ptr_array_index (group, j)));
    }
  return g_steal_pointer (&result);
}

static GlossSuggestion *
load_suggestion (GlossStore *store,
                 gint64      document_id,
                 const char *id)
{
  static const char sql[] =
    "SELECT " SUGGESTION_COLUMNS " FROM suggestions WHERE document = ?1 AND id = ?2";
  g_autoptr(GPtrArray) rows = load_suggestions (store, sql, document_id, id, NULL);

  if (rows == NULL || rows->len == 0)
    return NULL;
  return g_object_ref (g_ptr_array_index (rows, 0));
}

/* ---- accepting ------------------------------------------------------------ */

typedef struct
{
  GlossProject   *project;     /* borrowed */
  GlossStore     *store;       /* borrowed */
  GlossSchema    *schema;      /* borrowed */
  const char     *annotator;
  GlossChangeSet *changes;     /* borrowed: where the rows go, or */
  GlossCommand   *command;     /* borrowed: the edits of one open document */
  gint64          document_id;
  GPtrArray      *annotations; /* the document's live ones, and those made here */
  GPtrArray      *relations;   /* the document's live ones, and those made here */
  GHashTable     *made;        /* suggestion id -> annotation uuid (owned strings) */
  GPtrArray      *given;       /* borrowed: the suggestions to accept */

  /* Indexes, so that accepting thousands of suggestions stays linear:
   * each lookup below was a scan of the document's annotations, relations
   * or of @given per suggestion. */
  GHashTable     *by_uuid;     /* uuid -> GlossAnnotation of @annotations (borrowed) */
  GHashTable     *by_span;     /* Span -> the first GlossAnnotation of @annotations with it */
  GHashTable     *links;       /* "type\x1f" "source\x1f" "target" of @relations (owned) */
  GHashTable     *given_by_id; /* "document\x1f" "id" -> the first of @given (owned keys) */
} Accept;

/* A label over fragments, the key of Accept.by_span; borrows from the
 * annotation it indexes, or from the caller for a lookup. */
typedef struct
{
  const char          *label;
  const GlossFragment *fragments;
  guint                n_fragments;
} Span;

static guint
span_hash (gconstpointer p)
{
  const Span *span = p;
  guint hash = g_str_hash (span->label) ^ span->n_fragments;

  for (guint i = 0; i < span->n_fragments; i++)
    hash = hash * 31 + span->fragments[i].start * 2654435761u + span->fragments[i].end;
  return hash;
}

static gboolean
span_equal (gconstpointer a,
            gconstpointer b)
{
  const Span *x = a, *y = b;

  return x->n_fragments == y->n_fragments && g_str_equal (x->label, y->label) &&
         memcmp (x->fragments, y->fragments, x->n_fragments * sizeof (GlossFragment)) == 0;
}

static char *
link_key (const char *type,
          const char *source,
          const char *target)
{
  return g_strconcat (type, "\x1f", source, "\x1f", target, NULL);
}

/* Keeps the first annotation of a uuid or a span, as the scans did. */
static void
index_annotation (Accept          *accept,
                  GlossAnnotation *a)
{
  Span *span = g_new (Span, 1);

  if (!g_hash_table_contains (accept->by_uuid, gloss_annotation_get_uuid (a)))
    g_hash_table_insert (accept->by_uuid, (gpointer) gloss_annotation_get_uuid (a), a);
  span->label = gloss_annotation_get_label (a);
  span->fragments = gloss_annotation_get_fragments (a, &span->n_fragments);
  if (!g_hash_table_contains (accept->by_span, span))
    g_hash_table_insert (accept->by_span, span, a);
  else
    g_free (span);
}

static void
index_relation (Accept        *accept,
                GlossRelation *r)
{
  g_hash_table_add (accept->links, link_key (gloss_relation_get_relation_type (r),
                                             gloss_relation_get_source (r),
                                             gloss_relation_get_target (r)));
}

static char *
given_key (gint64      document_id,
           const char *id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%s", document_id, id);
}

static void
accept_clear (Accept *accept)
{
  g_clear_pointer (&accept->by_uuid, g_hash_table_unref);
  g_clear_pointer (&accept->by_span, g_hash_table_unref);
  g_clear_pointer (&accept->links, g_hash_table_unref);
  g_clear_pointer (&accept->annotations, g_ptr_array_unref);
  g_clear_pointer (&accept->relations, g_ptr_array_unref);
  g_clear_pointer (&accept->made, g_hash_table_unref);
}

static gboolean
accept_begin_document (Accept  *accept,
                       gint64   document_id,
                       GError **error)
{
  accept_clear (accept);
  accept->document_id = document_id;
  accept->annotations = gloss_store_load_annotations (accept->store, document_id, FALSE, error);
  if (accept->annotations == NULL)
    return FALSE;
  accept->relations = gloss_store_load_relations (accept->store, document_id, FALSE, error);
  if (accept->relations == NULL)
    return FALSE;
  accept->made = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  accept->by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  accept->by_span = g_hash_table_new_full (span_hash, span_equal, g_free, NULL);
  accept->links = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < accept->annotations->len; i++)
    index_annotation (accept, g_ptr_array_index (accept->annotations, i));
  for (guint i = 0; i < accept->relations->len; i++)
    index_relation (accept, g_ptr_array_index (accept->relations, i));

  /* once for all documents: @given does not change */
  if (accept->given_by_id == NULL)
    {
      accept->given_by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < accept->given->len; i++)
        {
          GlossSuggestion *s = g_ptr_array_index (accept->given, i);
          char *key = given_key (gloss_suggestion_get_document_id (s),
                                 gloss_suggestion_get_id (s));

          if (!g_hash_table_contains (accept->given_by_id, key))
            g_hash_table_insert (accept->given_by_id, key, s);
          else
            g_free (key);
        }
    }
  return TRUE;
}

static void
accept_finish (Accept *accept)
{
  accept_clear (accept);
  g_clear_pointer (&accept->given_by_id, g_hash_table_unref);
}

/* The live annotation of @label over exactly @fragments, or NULL. */
static GlossAnnotation *
find_same (Accept              *accept,
           const char          *label,
           const GlossFragment *fragments,
           guint                n_fragments)
{
  Span span = { label, fragments, n_fragments };

  return g_hash_table_lookup (accept->by_span, &span);
}

static GlossAnnotation *
find_uuid (Accept     *accept,
           const char *uuid)
{
  return uuid != NULL ? g_hash_table_lookup (accept->by_uuid, uuid) : NULL;
}

/* The attribute values of @s that @label's schema allows. */
static void
copy_attributes (Accept          *accept,
                 GlossSuggestion *s,
                 const char      *label,
                 GlossAnnotation *annotation)
{
  GlossLabel *def = gloss_schema_lookup_label (accept->schema, label);
  GHashTable *attributes = gloss_suggestion_get_attributes (s);
  GHashTableIter iter;
  gpointer name, value;

  if (def == NULL || attributes == NULL)
    return;
  g_hash_table_iter_init (&iter, attributes);
  while (g_hash_table_iter_next (&iter, &name, &value))
    {
      GlossAttrDef *attr = gloss_label_lookup_attribute (def, name);

      if (attr != NULL && gloss_attr_def_check_value (attr, value, NULL))
        gloss_annotation_set_attribute (annotation, name, value);
    }
}

/* The annotation @s becomes (or the one that makes it already), with
 * @label instead of its own when not NULL; NULL when the schema lacks the
 * label. Its frame follows (accept_frame). */
static GlossAnnotation *accept_one (Accept          *accept,
                                    GlossSuggestion *s,
                                    const char      *label);

/* The annotation @ref names: an annotation of the document, or a kept
 * suggestion accepted now. */
static GlossAnnotation *
resolve_ref (Accept     *accept,
             const char *ref)
{
  g_autoptr(GlossSuggestion) loaded = NULL;
  g_autofree char *key = NULL;
  GlossSuggestion *given;
  const char *uuid;

  if (ref == NULL)
    return NULL;
  if (!gloss_suggestion_is_id (ref))
    return find_uuid (accept, ref);
  uuid = g_hash_table_lookup (accept->made, ref);
  if (uuid != NULL)
    return find_uuid (accept, uuid);
  key = given_key (accept->document_id, ref);
  given = g_hash_table_lookup (accept->given_by_id, key);
  if (given != NULL)
    return accept_one (accept, given, NULL);
  loaded = load_suggestion (accept->store, accept->document_id, ref);
  if (loaded == NULL || gloss_suggestion_get_state (loaded) == GLOSS_SUGGESTION_REJECTED)
    return NULL;
  return accept_one (accept, loaded, NULL);
}

static gboolean
has_relation (Accept     *accept,
              const char *type,
              const char *source,
              const char *target)
{
  g_autofree char *key = link_key (type, source, target);

  return g_hash_table_contains (accept->links, key);
}

/* Links @claim to @target with the first frame role of @claim's label
 * whose type allows it. */
static void
link_role (Accept          *accept,
           GlossAnnotation *claim,
           GlossAnnotation *target)
{
  g_autoptr(GPtrArray) roles = NULL;

  if (target == NULL)
    return;
  roles = gloss_frame_dup_roles (accept->schema, gloss_annotation_get_label (claim));
  for (guint i = 0; i < roles->len; i++)
    {
      GlossRelationType *type = g_ptr_array_index (roles, i);
      const char *name = gloss_relation_type_get_name (type);
      g_autoptr(GlossRelation) relation = NULL;

      if (!gloss_relation_type_allows (type, gloss_annotation_get_label (claim),
                                       gloss_annotation_get_label (target)))
        continue;
      if (has_relation (accept, name, gloss_annotation_get_uuid (claim),
                        gloss_annotation_get_uuid (target)))
        return;
      relation = gloss_relation_new (name, gloss_annotation_get_uuid (claim),
                                     gloss_annotation_get_uuid (target), accept->annotator);
      gloss_relation_set_document_id (relation, accept->document_id);
      if (accept->command != NULL)
        gloss_command_add_relation (accept->command, relation);
      else
        gloss_change_set_put_relation (accept->changes, relation, GLOSS_CHANGE_ALWAYS);
      index_relation (accept, relation);
      g_ptr_array_add (accept->relations, g_steal_pointer (&relation));
      return;
    }
}

static GlossAnnotation *
accept_one (Accept          *accept,
            GlossSuggestion *s,
            const char      *label)
{
  const char *id = gloss_suggestion_get_id (s);
  const GlossFragment *f;
  GlossAnnotation *annotation;
  const char *uuid;
  guint n;

  if (label == NULL)
    label = gloss_suggestion_get_label (s);
  uuid = g_hash_table_lookup (accept->made, id);
  if (uuid != NULL)
    return find_uuid (accept, uuid);
  if (gloss_schema_lookup_label (accept->schema, label) == NULL)
    return NULL;

  f = gloss_suggestion_get_fragments (s, &n);
  annotation = find_same (accept, label, f, n);
  if (annotation == NULL)
    {
      g_autoptr(GlossAnnotation) made = gloss_annotation_new (label, f, n, accept->annotator);
      double score = gloss_suggestion_get_score (s);

      gloss_annotation_set_document_id (made, accept->document_id);
      copy_attributes (accept, s, label, made);
      gloss_annotation_set_provenance (made, gloss_suggestion_get_suggester (s),
                                       score > 0 ? score : 0);
      if (accept->command != NULL)
        gloss_command_create_annotation (accept->command, made);
      else
        gloss_change_set_put_annotation (accept->changes, made, GLOSS_CHANGE_ALWAYS);
      g_ptr_array_add (accept->annotations, g_object_ref (made));
      index_annotation (accept, made);
      annotation = made;
    }
  g_hash_table_insert (accept->made, g_strdup (id),
                       g_strdup (gloss_annotation_get_uuid (annotation)));

  /* the frame: its source and cue, made or found, and linked */
  link_role (accept, annotation, resolve_ref (accept, gloss_suggestion_get_source (s)));
  link_role (accept, annotation, resolve_ref (accept, gloss_suggestion_get_cue (s)));
  return annotation;
}

static int
compare_by_document (gconstpointer a,
                     gconstpointer b)
{
  gint64 da = gloss_suggestion_get_document_id (*(GlossSuggestion **) a);
  gint64 db = gloss_suggestion_get_document_id (*(GlossSuggestion **) b);

  if (da != db)
    return da < db ? -1 : 1;
  return compare_suggestions (a, b);
}

GlossChangeSet *
gloss_project_accept_suggestions (GlossProject *project,
                                  GPtrArray    *suggestions,
                                  const char   *label,
                                  const char   *annotator,
                                  GError      **error)
{
  g_autoptr(GlossChangeSet) changes = NULL;
  g_autoptr(GPtrArray) sorted = NULL;
  Accept   accept = { 0 };
  gboolean ok;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), NULL);
  g_return_val_if_fail (suggestions != NULL, NULL);

  if (annotator == NULL)
    annotator = gloss_project_get_annotator (project);
  if (label != NULL &&
      gloss_schema_lookup_label (gloss_project_get_schema (project), label) == NULL)
    {
      g_set_error (error, GLOSS_SUGGEST_ERROR, GLOSS_SUGGEST_ERROR_FAILED,
                   _("The schema has no label “%s”"), label);
      return NULL;
    }

  changes = gloss_change_set_new (suggestions->len == 1 ? _("Accept Suggestion")
                                                        : _("Accept Suggestions"));
  sorted = g_ptr_array_copy (suggestions, (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
  g_ptr_array_set_free_func (sorted, g_object_unref);
  g_ptr_array_sort (sorted, compare_by_document);

  accept.project = project;
  accept.store = gloss_project_get_store (project);
  accept.schema = gloss_project_get_schema (project);
  accept.annotator = annotator;
  accept.changes = changes;
  accept.given = sorted;
  ok = TRUE;
  for (guint i = 0; ok && i < sorted->len; i++)
    {
      GlossSuggestion *s = g_ptr_array_index (sorted, i);

      if (accept.made == NULL || gloss_suggestion_get_document_id (s) != accept.document_id)
        ok = accept_begin_document (&accept, gloss_suggestion_get_document_id (s), error);
      if (!ok)
        break;
      accept_one (&accept, s, label);
      if (label != NULL && !g_str_equal (label, gloss_suggestion_get_label (s)))
        gloss_change_set_put_suggestion_state (changes, gloss_suggestion_get_document_id (s),
                                               gloss_suggestion_get_id (s),
                                               GLOSS_SUGGESTION_REJECTED, g_get_real_time ());
    }
  accept_finish (&accept);
  if (!ok || !gloss_project_apply_changes (project, changes, NULL, NULL, NULL, error))
    return NULL;
  return g_steal_pointer (&changes);
}

GlossChangeSet *
gloss_project_reject_suggestions (GlossProject  *project,
                                  GPtrArray     *suggestions,
                                  GError       **error)
{
  g_autoptr(GlossChangeSet) changes = NULL;
  gint64 now = g_get_real_time ();

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), NULL);
  g_return_val_if_fail (suggestions != NULL, NULL);

  changes = gloss_change_set_new (suggestions->len == 1 ? _("Reject Suggestion")
                                                        : _("Reject Suggestions"));
  for (guint i = 0; i < suggestions->len; i++)
    {
      GlossSuggestion *s = g_ptr_array_index (suggestions, i);

      gloss_change_set_put_suggestion_state (changes, gloss_suggestion_get_document_id (s),
                                             gloss_suggestion_get_id (s),
                                             GLOSS_SUGGESTION_REJECTED, now);
    }
  if (!gloss_project_apply_changes (project, changes, NULL, NULL, NULL, error))
    return NULL;
  return g_steal_pointer (&changes);
}

GlossCommand *
gloss_project_build_accept_command (GlossProject        *project,
                                    GlossAnnotationList *list,
                                    GPtrArray           *suggestions,
                                    const char          *label,
                                    GError             **error)
{
  g_autoptr(GlossCommand) command = NULL;
  GlossDocument *document;
  Accept accept = { 0 };
  gboolean ok;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), NULL);
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_LIST (list), NULL);
  g_return_val_if_fail (suggestions != NULL, NULL);

  document = gloss_annotation_list_get_document (list);
  if (label != NULL &&
      gloss_schema_lookup_label (gloss_project_get_schema (project), label) == NULL)
    {
      g_set_error (error, GLOSS_SUGGEST_ERROR, GLOSS_SUGGEST_ERROR_FAILED,
                   _("The schema has no label “%s”"), label);
      return NULL;
    }
  command = gloss_command_new (suggestions->len == 1 ? _("Accept Suggestion")
                                                     : _("Accept Suggestions"));
  accept.project = project;
  accept.store = gloss_project_get_store (project);
  accept.schema = gloss_project_get_schema (project);
  accept.annotator = gloss_annotation_list_get_annotator (list);
  accept.command = command;
  accept.given = suggestions;
  ok = accept_begin_document (&accept, gloss_document_get_id (document), error);
  for (guint i = 0; ok && i < suggestions->len; i++)
    {
      GlossSuggestion *s = g_ptr_array_index (suggestions, i);

      if (gloss_suggestion_get_document_id (s) != accept.document_id)
        continue;
      accept_one (&accept, s, label);
      /* taken with another label: as itself it was wrong, and is not
       * proposed again */
      if (label != NULL && !g_str_equal (label, gloss_suggestion_get_label (s)))
        gloss_command_set_suggestion_state (command, gloss_suggestion_get_id (s),
                                            GLOSS_SUGGESTION_REJECTED);
    }
  accept_finish (&accept);
  if (!ok)
    return NULL;
  return g_steal_pointer (&command);
}

GlossCommand *
gloss_suggestions_build_reject_command (GPtrArray *suggestions)
{
  GlossCommand *command;

  g_return_val_if_fail (suggestions != NULL, NULL);

  command = gloss_command_new (suggestions->len == 1 ? _("Reject Suggestion")
                                                     : _("Reject Suggestions"));
  for (guint i = 0; i < suggestions->len; i++)
    gloss_command_set_suggestion_state (command,
                                        gloss_suggestion_get_id (g_ptr_array_index (suggestions,
                                                                                    i)),
                                        GLOSS_SUGGESTION_REJECTED);
  return command;
}

/* ---- a claim's frame under review ------------------------------------------- */

typedef struct
{
  const char *ref;
  guint       inside;   /* over a fragment of the claim: what it is about, rarely who says it */
  guint       distance; /* from the nearest fragment */
  guint       start;
} Candidate;

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *ca = a;
  const Candidate *cb = b;

  if (ca->inside != cb->inside)
    return ca->inside < cb->inside ? -1 : 1;
  if (ca->distance != cb->distance)
    return ca->distance < cb->distance ? -1 : 1;
  return ca->start < cb->start ? -1 : ca->start > cb->start;
}

static void
measure (Candidate           *candidate,
         const GlossFragment *claim,
         guint                n_claim,
         const GlossFragment *span,
         guint                n_span)
{
  candidate->inside = 0;
  candidate->distance = G_MAXUINT;
  candidate->start = n_span > 0 ? span[0].start : 0;
  for (guint i = 0; i < n_claim; i++)
    for (guint j = 0; j < n_span; j++)
      {
        guint gap;

        if (span[j].start < claim[i].end && claim[i].start < span[j].end)
          {
            candidate->inside = 1;
            gap = 0;
          }
        else
          gap = span[j].end <= claim[i].start ? claim[i].start - span[j].end
                                              : span[j].start - claim[i].end;
        candidate->distance = MIN (candidate->distance, gap);
      }
}

static gboolean
within (guint claim_start,
        guint claim_end,
        guint start,
        guint end,
        guint reach)
{
  return end + reach > claim_start && start < claim_end + reach;
}

GPtrArray *
gloss_suggestion_rank_candidates (GlossSuggestion   *claim,
                                  GlossRelationType *type,
                                  GPtrArray         *suggestions,
                                  GPtrArray         *annotations,
                                  const char        *current,
                                  guint              reach)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Candidate));
  const char          *label;
  const GlossFragment *cf;
  GPtrArray           *refs = g_ptr_array_new_with_free_func (g_free);
  guint                n_cf, cs, ce;

  g_return_val_if_fail (GLOSS_IS_SUGGESTION (claim), refs);
  g_return_val_if_fail (GLOSS_IS_RELATION_TYPE (type), refs);

  label = gloss_suggestion_get_label (claim);
  cf = gloss_suggestion_get_fragments (claim, &n_cf);
  cs = gloss_suggestion_get_start (claim);
  ce = gloss_suggestion_get_end (claim);
  for (guint i = 0; suggestions != NULL && i < suggestions->len; i++)
    {
      GlossSuggestion     *s = g_ptr_array_index (suggestions, i);
      const GlossFragment *f;
      Candidate            c;
      guint                n;

      if (s == claim ||
          !within (cs, ce, gloss_suggestion_get_start (s), gloss_suggestion_get_end (s), reach) ||
          !gloss_relation_type_allows (type, label, gloss_suggestion_get_label (s)))
        continue;
      f = gloss_suggestion_get_fragments (s, &n);
      measure (&c, cf, n_cf, f, n);
      c.ref = gloss_suggestion_get_id (s);
      g_array_append_val (found, c);
    }
  for (guint i = 0; annotations != NULL && i < annotations->len; i++)
    {
      GlossAnnotation     *a = g_ptr_array_index (annotations, i);
      const GlossFragment *f;
      Candidate            c;
      guint                n;

      if (!within (cs, ce, gloss_annotation_get_start (a), gloss_annotation_get_end (a), reach) ||
          !gloss_relation_type_allows (type, label, gloss_annotation_get_label (a)))
        continue;
      f = gloss_annotation_get_fragments (a, &n);
      measure (&c, cf, n_cf, f, n);
      c.ref = gloss_annotation_get_uuid (a);
      g_array_append_val (found, c);
    }
  g_array_sort (found, compare_candidates);

  /* the suggester's choice first, then the rest, then nobody */
  if (current != NULL)
    g_ptr_array_add (refs, g_strdup (current));
  for (guint i = 0; i < found->len; i++)
    {
      const char *ref = g_array_index (found, Candidate, i).ref;

      if (g_strcmp0 (ref, current) != 0)
        g_ptr_array_add (refs, g_strdup (ref));
    }
  g_ptr_array_add (refs, NULL);
  return refs;
}
