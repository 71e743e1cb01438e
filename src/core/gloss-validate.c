/* gloss-validate.c: telling damage from data
 *
 * The loaders read rows into objects and fail on a row they cannot read;
 * the check reads the rows as stored, so that each piece of damage is
 * reported with the row it is in, and the rest is checked too. With
 * GLOSS_VALIDATE_SALVAGE it also leaves the damaged rows out of a private
 * copy of the project, so that what can be read still can be.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "gloss-project-private.h"
#include "gloss-schema.h"
#include "gloss-store-private.h"
#include "gloss-util-private.h"
#include "gloss-validate.h"

typedef struct
{
  gint64  id;
  char   *name;       /* as shown: the name, or "#id" */
  gint64  length;     /* code points of its text; -1 when the text is damaged */
} Doc;

typedef struct
{
  char   *label;
  gint64  document;
  gboolean deleted;
} Ann;

typedef struct
{
  GlossStore        *store;
  sqlite3           *db;
  GlossSchema       *schema;
  GlossValidateFlags flags;
  GlossProblemFunc   func;
  gpointer           data;
  guint              n_problems;
  GHashTable        *documents;    /* gint64 id -> Doc */
  GHashTable        *annotations;  /* uuid -> Ann (readable ones) */
  GHashTable        *damaged;      /* uuids of annotations that cannot be read */
  GPtrArray         *remove_documents;    /* gint64 *, owned */
  GPtrArray         *remove_annotations;  /* uuid, owned */
  GPtrArray         *remove_relations;    /* uuid, owned */
  GPtrArray         *repair_documents;    /* gint64 *, owned */
} Check;

static void
doc_free (Doc *d)
{
  g_free (d->name);
  g_free (d);
}

static void
ann_free (Ann *a)
{
  g_free (a->label);
  g_free (a);
}

G_GNUC_PRINTF (3, 4)
static void
problem (Check      *c,
         const char *document,
         const char *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  c->n_problems++;
  if (c->func != NULL)
    c->func (document, message, c->data);
}

static gboolean
salvaging (Check *c)
{
  return (c->flags & GLOSS_VALIDATE_SALVAGE) != 0;
}

static const char *
doc_name (Check  *c,
          gint64  id)
{
  Doc *d = g_hash_table_lookup (c->documents, &id);

  return d != NULL ? d->name : NULL;
}

static gboolean
prepare (Check         *c,
         const char    *sql,
         sqlite3_stmt **stmt,
         GError       **error)
{
  if (sqlite3_prepare_v2 (c->db, sql, -1, stmt, NULL) == SQLITE_OK)
    return TRUE;
  _gloss_store_set_error_from_db (c->store, error, _("Cannot check the project"));
  return FALSE;
}

static gboolean
finish (Check         *c,
        sqlite3_stmt  *stmt,
        int            rc,
        GError       **error)
{
  if (rc != SQLITE_DONE)
    _gloss_store_set_error_from_db (c->store, error, _("Cannot check the project"));
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE;
}

/* ---- the file as a whole */

static gboolean
check_file (Check   *c,
            GError **error)
{
  g_autoptr(GError) damage = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!gloss_store_check_integrity (c->store, &damage))
    problem (c, NULL, "%s", damage->message);

  /* Gloss never runs them (its connections disable triggers and views),
   * but every other program that opens the file would. */
  if (!prepare (c, "SELECT type, name FROM sqlite_schema WHERE type IN ('trigger', 'view') "
                   "ORDER BY type, name", &stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *type = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (type, "trigger") == 0)
        problem (c, NULL, _("a trigger “%s” was planted in the file: other programs that open it "
                            "would run it"), sqlite3_column_text (stmt, 1));
      else
        problem (c, NULL, _("a view “%s” was planted in the file: other programs that open it "
                            "would read what it computes"), sqlite3_column_text (stmt, 1));
    }
  return finish (c, stmt, rc, error);
}

/* ---- documents */

static gboolean
is_json_object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  return json != NULL && json_parser_load_from_data (parser, json, -1, NULL) &&
         JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser));
}

static gboolean
check_documents (Check   *c,
                 GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!prepare (c, "SELECT id, uuid, name, text, sha256, length, meta, attributes, "
                   "typeof (length) FROM documents ORDER BY name, id", &stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Doc *d = g_new0 (Doc, 1);
      const char *uuid = (const char *) sqlite3_column_text (stmt, 1);
      const char *name = (const char *) sqlite3_column_text (stmt, 2);
      const char *text = sqlite3_column_blob (stmt, 3);
      gsize len = sqlite3_column_bytes (stmt, 3);
      const char *sha = (const char *) sqlite3_column_text (stmt, 4);
      g_autoptr(GError) damage = NULL;
      gboolean repair = FALSE;

      d->id = sqlite3_column_int64 (stmt, 0);
      d->name = name != NULL && *name != '\0' ? g_strdup (name)
                                              : g_strdup_printf ("#%" G_GINT64_FORMAT, d->id);
      d->length = -1;
      g_hash_table_insert (c->documents, &d->id, d);

      if (name == NULL || *name == '\0')
        problem (c, d->name, _("document %s has no name"), d->name);
      if (uuid == NULL || *uuid == '\0')
        problem (c, d->name, _("document %s has no uuid"), d->name);
      if (sqlite3_column_type (stmt, 3) == SQLITE_NULL)
        text = NULL;
      else if (text == NULL)
        text = "";
      if (sqlite3_column_type (stmt, 3) != SQLITE_TEXT && text != NULL)
        problem (c, d->name, _("the text is stored as a %s, not as text"),
                 sqlite3_column_type (stmt, 3) == SQLITE_BLOB ? "blob" : "number");
      if (!_gloss_store_check_stored_text (text, len, d->name, &damage))
        {
          problem (c, d->name, "%s", damage->message);
          if (salvaging (c))
            {
              g_ptr_array_add (c->remove_documents, g_memdup2 (&d->id, sizeof d->id));
              problem (c, d->name, _("document %s is left out, with its annotations"), d->name);
            }
          continue;
        }

      d->length = g_utf8_strlen (text, len);
      {
        g_autofree char *computed = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                                 (const guchar *) text, len);

        if (g_strcmp0 (computed, sha) != 0)
          {
            problem (c, d->name, _("the SHA-256 stored (%.16s…) disagrees with the text's "
                                   "(%.16s…)"), sha ? sha : "none", computed);
            repair = TRUE;
          }
      }
      if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 8), "integer") != 0 ||
          sqlite3_column_int64 (stmt, 5) != d->length)
        {
          problem (c, d->name, _("the length stored (%s) disagrees with the text (%"
                                 G_GINT64_FORMAT " characters)"),
                   sqlite3_column_text (stmt, 5) ? (const char *) sqlite3_column_text (stmt, 5)
                                                 : "none", d->length);
          repair = TRUE;
        }
      if (!is_json_object ((const char *) sqlite3_column_text (stmt, 6)))
        {
          problem (c, d->name, _("its metadata is not a JSON object"));
          repair = TRUE;
        }
      if (!is_json_object ((const char *) sqlite3_column_text (stmt, 7)))
        {
          problem (c, d->name, _("its attributes are not a JSON object"));
          repair = TRUE;
        }
      if (repair && salvaging (c))
        {
          g_ptr_array_add (c->repair_documents, g_memdup2 (&d->id, sizeof d->id));
          problem (c, d->name, _("its SHA-256, length, metadata and attributes are made from "
                                 "its text again"));
        }
    }
  return finish (c, stmt, rc, error);
}

/* ---- annotations */

/* The row's problems as one sentence each; TRUE when it is readable. */
static gboolean
check_annotation_row (Check        *c,
                      sqlite3_stmt *stmt,
                      const char   *uuid,
                      const char   *name,
                      Doc          *d)
{
  const char *start_type = (const char *) sqlite3_column_text (stmt, 2);
  const char *end_type = (const char *) sqlite3_column_text (stmt, 3);
  gint64 start = sqlite3_column_int64 (stmt, 4);
  gint64 end = sqlite3_column_int64 (stmt, 5);
  const char *frags_text = (const char *) sqlite3_column_text (stmt, 6);
  const char *label = (const char *) sqlite3_column_text (stmt, 7);
  const char *attrs = (const char *) sqlite3_column_text (stmt, 8);
  gboolean deleted = sqlite3_column_int (stmt, 9) != 0;
  g_autoptr(GArray) frags = NULL;
  g_autoptr(GError) damage = NULL;
  GHashTable *parsed;
  gboolean readable = TRUE;

  if (g_strcmp0 (start_type, "integer") != 0 || g_strcmp0 (end_type, "integer") != 0)
    {
      problem (c, name, _("annotation %s: its offsets are not whole numbers (%s, %s)"), uuid,
               sqlite3_column_text (stmt, 4) ? (const char *) sqlite3_column_text (stmt, 4) : "none",
               sqlite3_column_text (stmt, 5) ? (const char *) sqlite3_column_text (stmt, 5) : "none");
      readable = FALSE;
    }
  else if (start < 0 || end < 0 || end <= start)
    {
      problem (c, name, _("annotation %s: offsets %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT
                          " are negative or out of order"), uuid, start, end);
      readable = FALSE;
    }
  if (!_gloss_fragments_from_string (frags_text, &frags) || frags->len == 0)
    {
      problem (c, name, _("annotation %s: its fragments cannot be read"), uuid);
      readable = FALSE;
    }
  else
    {
      gint64 lo = G_MAXINT64, hi = -1;

      for (guint k = 0; k < frags->len; k++)
        {
          GlossFragment *f = &g_array_index (frags, GlossFragment, k);

          lo = MIN (lo, (gint64) f->start);
          hi = MAX (hi, (gint64) f->end);
          if (f->start >= f->end || (d != NULL && d->length >= 0 && f->end > d->length))
            {
              problem (c, name, _("annotation %s: fragment %u–%u outside the text (length %"
                                  G_GINT64_FORMAT ")"), uuid, f->start, f->end,
                       d != NULL ? d->length : 0);
              readable = FALSE;
            }
        }
      if (readable && (lo != start || hi != end))
        {
          problem (c, name, _("annotation %s: its fragments (%" G_GINT64_FORMAT "–%"
                              G_GINT64_FORMAT ") disagree with its start and end (%"
                              G_GINT64_FORMAT "–%" G_GINT64_FORMAT ")"),
                   uuid, lo, hi, start, end);
          readable = FALSE;
        }
    }
  if (label == NULL || *label == '\0')
    {
      problem (c, name, _("annotation %s has no label"), uuid);
      readable = FALSE;
    }
  else if (!deleted && gloss_schema_lookup_label (c->schema, label) == NULL)
    problem (c, name, _("annotation %s: label “%s” is not in the schema"), uuid, label);
  parsed = _gloss_attributes_from_json (attrs, &damage);
  g_clear_pointer (&parsed, g_hash_table_unref);  /* only whether it can be read matters */
  if (damage != NULL)
    {
      problem (c, name, _("annotation %s: its attributes cannot be read (%s)"), uuid,
               damage->message);
      readable = FALSE;
    }
  return readable;
}

static gboolean
check_annotations (Check   *c,
                   GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!prepare (c, "SELECT uuid, document, typeof (start), typeof (end), start, end, "
                   "fragments, label, attributes, deleted FROM annotations "
                   "ORDER BY document, start, end, uuid", &stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *uuid = (const char *) sqlite3_column_text (stmt, 0);
      gint64 document = sqlite3_column_int64 (stmt, 1);
      Doc *d = g_hash_table_lookup (c->documents, &document);
      const char *name = d != NULL ? d->name : NULL;

      if (uuid == NULL || *uuid == '\0')
        {
          problem (c, name, _("an annotation has no uuid"));
          continue;
        }
      if (d == NULL)
        problem (c, NULL, _("annotation %s belongs to no document"), uuid);
      if (d != NULL && d->length < 0)
        continue;   /* left out with its document */
      if (check_annotation_row (c, stmt, uuid, name, d))
        {
          Ann *a = g_new0 (Ann, 1);

          a->label = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
          a->document = document;
          a->deleted = sqlite3_column_int (stmt, 9) != 0;
          g_hash_table_insert (c->annotations, g_strdup (uuid), a);
        }
      else
        {
          g_hash_table_add (c->damaged, g_strdup (uuid));
          if (salvaging (c))
            {
              g_ptr_array_add (c->remove_annotations, g_strdup (uuid));
              problem (c, name, _("annotation %s is left out"), uuid);
            }
        }
    }
  return finish (c, stmt, rc, error);
}

/* ---- relations */

static gboolean
check_relations (Check   *c,
                 GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!prepare (c, "SELECT uuid, document, type, source, target, attributes, deleted "
                   "FROM relations ORDER BY document, created, uuid", &stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *uuid = (const char *) sqlite3_column_text (stmt, 0);
      gint64 document = sqlite3_column_int64 (stmt, 1);
      const char *type = (const char *) sqlite3_column_text (stmt, 2);
      const char *source = (const char *) sqlite3_column_text (stmt, 3);
      const char *target = (const char *) sqlite3_column_text (stmt, 4);
      gboolean deleted = sqlite3_column_int (stmt, 6) != 0;
      const char *name = doc_name (c, document);
      Doc *d = g_hash_table_lookup (c->documents, &document);
      Ann *s = source ? g_hash_table_lookup (c->annotations, source) : NULL;
      Ann *t = target ? g_hash_table_lookup (c->annotations, target) : NULL;
      g_autoptr(GError) damage = NULL;
      g_autoptr(GError) disallowed = NULL;
      GHashTable *parsed;
      gboolean readable = TRUE;

      if (uuid == NULL || *uuid == '\0')
        {
          problem (c, name, _("a relation has no uuid"));
          continue;
        }
      if (d != NULL && d->length < 0)
        continue;   /* left out with its document */
      parsed = _gloss_attributes_from_json ((const char *) sqlite3_column_text (stmt, 5), &damage);
      g_clear_pointer (&parsed, g_hash_table_unref);  /* only whether it can be read matters */
      if (damage != NULL)
        {
          problem (c, name, _("relation %s: its attributes cannot be read (%s)"), uuid,
                   damage->message);
          readable = FALSE;
        }
      /* an end that cannot be read was reported; the relation goes with it */
      if ((source != NULL && g_hash_table_contains (c->damaged, source)) ||
          (target != NULL && g_hash_table_contains (c->damaged, target)))
        {
          if (salvaging (c))
            problem (c, name, _("relation %s is left out with the annotation it links"), uuid);
          continue;
        }
      if (!deleted)
        {
          if (s == NULL || s->deleted)
            {
              problem (c, name, _("relation %s: source %s is missing or deleted"), uuid,
                       source ? source : "none");
              readable = FALSE;
            }
          if (t == NULL || t->deleted)
            {
              problem (c, name, _("relation %s: target %s is missing or deleted"), uuid,
                       target ? target : "none");
              readable = FALSE;
            }
          if (s != NULL && t != NULL &&
              !gloss_schema_check_relation (c->schema, type, s->label, t->label, &disallowed))
            problem (c, name, _("relation %s: %s"), uuid, disallowed->message);
        }
      if (!readable && salvaging (c))
        {
          g_ptr_array_add (c->remove_relations, g_strdup (uuid));
          problem (c, name, _("relation %s is left out"), uuid);
        }
    }
  return finish (c, stmt, rc, error);
}

/* ---- salvage: the copy without what cannot be read */

static gboolean
run_for_each (Check       *c,
              const char  *sql,
              GPtrArray   *keys,
              gboolean     by_id,
              GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (!prepare (c, sql, &stmt, error))
    return FALSE;
  for (guint i = 0; i < keys->len; i++)
    {
      int rc;

      sqlite3_reset (stmt);
      if (by_id)
        sqlite3_bind_int64 (stmt, 1, *(gint64 *) keys->pdata[i]);
      else
        sqlite3_bind_text (stmt, 1, keys->pdata[i], -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        return finish (c, stmt, rc, error);
    }
  return finish (c, stmt, SQLITE_DONE, error);
}

static gboolean
repair_document (Check   *c,
                 gint64   id,
                 GError **error)
{
  g_autofree char *text = gloss_store_dup_document_text (c->store, id, error);
  g_autofree char *sha = NULL;
  sqlite3_stmt *stmt = NULL;

  if (text == NULL)
    return FALSE;
  sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  if (!prepare (c, "UPDATE documents SET sha256 = ?2, length = ?3, "
                   "meta = CASE WHEN json_valid (meta) AND json_type (meta) = 'object' "
                   "  THEN meta ELSE '{}' END, "
                   "attributes = CASE WHEN json_valid (attributes) AND "
                   "  json_type (attributes) = 'object' THEN attributes ELSE '{}' END "
                   "WHERE id = ?1", &stmt, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, sha, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, g_utf8_strlen (text, -1));
  return finish (c, stmt, sqlite3_step (stmt), error);
}

static gboolean
salvage (Check   *c,
         GError **error)
{
  if (!gloss_store_begin (c->store, error))
    return FALSE;
  if (!run_for_each (c, "DELETE FROM relations WHERE uuid = ?1", c->remove_relations, FALSE,
                     error) ||
      !run_for_each (c, "DELETE FROM relations WHERE source = ?1 OR target = ?1",
                     c->remove_annotations, FALSE, error) ||
      !run_for_each (c, "DELETE FROM annotations WHERE uuid = ?1", c->remove_annotations, FALSE,
                     error) ||
      !run_for_each (c, "DELETE FROM relations WHERE document = ?1", c->remove_documents, TRUE,
                     error) ||
      !run_for_each (c, "DELETE FROM annotations WHERE document = ?1", c->remove_documents,
                     TRUE, error) ||
      !run_for_each (c, "DELETE FROM document_status WHERE document = ?1", c->remove_documents,
                     TRUE, error) ||
      !run_for_each (c, "DELETE FROM assignments WHERE document = ?1", c->remove_documents,
                     TRUE, error) ||
      !run_for_each (c, "DELETE FROM documents WHERE id = ?1", c->remove_documents, TRUE,
                     error))
    {
      gloss_store_rollback (c->store);
      return FALSE;
    }
  for (guint i = 0; i < c->repair_documents->len; i++)
    if (!repair_document (c, *(gint64 *) c->repair_documents->pdata[i], error))
      {
        gloss_store_rollback (c->store);
        return FALSE;
      }
  /* A removed document may have had a damaged text, which the index could
   * not be told to forget word by word: it is built again from what stays. */
  if (c->remove_documents->len > 0 && !_gloss_store_rebuild_index (c->store, error))
    {
      gloss_store_rollback (c->store);
      return FALSE;
    }
  return gloss_store_commit (c->store, error);
}

/* ---- public API */

gboolean
gloss_project_validate (GlossProject        *project,
                        GlossValidateFlags   flags,
                        GlossProblemFunc     func,
                        gpointer             user_data,
                        guint               *n_problems,
                        GError             **error)
{
  Check c = { 0 };
  gboolean ok;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), FALSE);

  c.store = gloss_project_get_store (project);
  c.db = _gloss_store_get_db (c.store);
  c.schema = gloss_project_get_schema (project);
  c.flags = flags;
  c.func = func;
  c.data = user_data;
  c.documents = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) doc_free);
  c.annotations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) ann_free);
  c.damaged = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  c.remove_documents = g_ptr_array_new_with_free_func (g_free);
  c.remove_annotations = g_ptr_array_new_with_free_func (g_free);
  c.remove_relations = g_ptr_array_new_with_free_func (g_free);
  c.repair_documents = g_ptr_array_new_with_free_func (g_free);

  ok = check_file (&c, error) && check_documents (&c, error) && check_annotations (&c, error) &&
       check_relations (&c, error);
  if (ok && salvaging (&c))
    ok = salvage (&c, error);
  if (n_problems != NULL)
    *n_problems = c.n_problems;

  g_hash_table_unref (c.documents);
  g_hash_table_unref (c.annotations);
  g_hash_table_unref (c.damaged);
  g_ptr_array_unref (c.remove_documents);
  g_ptr_array_unref (c.remove_annotations);
  g_ptr_array_unref (c.remove_relations);
  g_ptr_array_unref (c.repair_documents);
  return ok;
}

GlossProject *
gloss_project_open_salvaged (const char        *path,
                             GlossProblemFunc   func,
                             gpointer           user_data,
                             guint             *n_problems,
                             GError           **error)
{
  g_autoptr(GlossStore) store = NULL;
  g_autoptr(GlossProject) project = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  store = _gloss_store_open_private_copy (path, error);
  if (store == NULL)
    return NULL;
  project = _gloss_project_new_for_store (store, error);
  if (project == NULL ||
      !gloss_project_validate (project, GLOSS_VALIDATE_SALVAGE, func, user_data, n_problems,
                               error) ||
      !gloss_project_reload_documents (project, error))
    return NULL;
  _gloss_store_set_read_only (store, _("it is a salvaged copy of the project"));
  return g_steal_pointer (&project);
}
