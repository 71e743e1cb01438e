/* gloss-merge.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "gloss-annotation.h"
#include "gloss-assignments.h"
#include "gloss-change-set-private.h"
#include "gloss-document.h"
#include "gloss-merge.h"
#include "gloss-project-private.h"
#include "gloss-relation.h"
#include "gloss-schema.h"
#include "gloss-store-private.h"
#include "gloss-util-private.h"

G_DEFINE_QUARK (gloss-merge-error-quark, gloss_merge_error)

/* A source document, read before the transaction. */
typedef struct
{
  gint64  id;
  char   *uuid;
  char   *name;
  char   *sha256;
  char   *meta;
  char   *attributes;
  gint64  created;
} SourceDocument;

typedef struct
{
  GlossStore       *target;
  GlossStore       *source;
  GlossSchema      *source_schema;
  GPtrArray        *documents;       /* SourceDocument */
  GlossMergeReport *report;
  GlossChangeSet   *changes;
  GHashTable       *document_map;    /* gint64 * source id -> gint64 * target id */
  GHashTable       *differing;       /* char * uuid (set): annotations held in both, unlike;
                                      * filled by the change set as it writes */
} Merge;

static void
source_document_free (SourceDocument *d)
{
  g_free (d->uuid);
  g_free (d->name);
  g_free (d->sha256);
  g_free (d->meta);
  g_free (d->attributes);
  g_free (d);
}

/* ---- report */

static void
annotator_free (GlossMergeAnnotator *a)
{
  g_free (a->annotator);
  g_free (a);
}

static void
report_reset (GlossMergeReport *report)
{
  g_clear_pointer (&report->labels_added, g_ptr_array_unref);
  g_clear_pointer (&report->conflicts, g_ptr_array_unref);
  g_clear_pointer (&report->annotators, g_ptr_array_unref);
  g_clear_pointer (&report->documents, g_array_unref);
  g_clear_object (&report->changes);
  memset (report, 0, sizeof *report);
  report->labels_added = g_ptr_array_new_with_free_func (g_free);
  report->conflicts = g_ptr_array_new_with_free_func (g_free);
  report->annotators = g_ptr_array_new_with_free_func ((GDestroyNotify) annotator_free);
  report->documents = g_array_new (FALSE, FALSE, sizeof (gint64));
}

GlossMergeReport *
gloss_merge_report_new (void)
{
  GlossMergeReport *report = g_new0 (GlossMergeReport, 1);

  report_reset (report);
  return report;
}

void
gloss_merge_report_free (GlossMergeReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->labels_added, g_ptr_array_unref);
  g_clear_pointer (&report->conflicts, g_ptr_array_unref);
  g_clear_pointer (&report->annotators, g_ptr_array_unref);
  g_clear_pointer (&report->documents, g_array_unref);
  g_clear_object (&report->changes);
  g_free (report);
}

gboolean
gloss_merge_report_can_undo (GlossMergeReport *report)
{
  g_return_val_if_fail (report != NULL, FALSE);

  return report->changes != NULL && gloss_change_set_can_undo (report->changes);
}

const GlossMergeAnnotator *
gloss_merge_report_lookup_annotator (GlossMergeReport *report,
                                     const char       *annotator)
{
  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (annotator != NULL, NULL);

  if (report->annotators == NULL)
    return NULL;
  for (guint i = 0; i < report->annotators->len; i++)
    {
      const GlossMergeAnnotator *a = g_ptr_array_index (report->annotators, i);

      if (strcmp (a->annotator, annotator) == 0)
        return a;
    }
  return NULL;
}

/* "; relations: 1 added, 0 changed, 0 deleted; 2 document statuses updated" */
static void
append_relations_statuses (GString *out,
                           guint    added,
                           guint    updated,
                           guint    deleted,
                           guint    statuses)
{
  if (added + updated + deleted > 0)
    g_string_append_printf (out,
                            _("; relations: %u added, %u changed, %u deleted"),
                            added, updated, deleted);
  if (statuses > 0)
    {
      g_string_append (out, "; ");
      g_string_append_printf (out,
                              g_dngettext (GETTEXT_PACKAGE, "%u document status updated",
                                           "%u document statuses updated", statuses),
                              statuses);
    }
}

char *
gloss_merge_report_to_string (GlossMergeReport *report)
{
  GString *out = g_string_new (NULL);
  guint    n_annotators;

  g_return_val_if_fail (report != NULL, NULL);

  n_annotators = report->annotators != NULL ? report->annotators->len : 0;
  for (guint i = 0; i < n_annotators; i++)
    {
      const GlossMergeAnnotator *a = g_ptr_array_index (report->annotators, i);
      g_autofree char *documents = NULL;

      documents = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%u document", "%u documents", a->documents), a->documents);

      /* Translators: an annotator's name, then what a merge wrote of their
       * annotations, then "in 2 documents" */
      g_string_append_printf (out,
                              _("%s’s annotations: %u added, %u changed, %u deleted, in %s"),
                              a->annotator, a->annotations_added, a->annotations_updated,
                              a->annotations_deleted, documents);
      append_relations_statuses (out, a->relations_added, a->relations_updated,
                                 a->relations_deleted, a->statuses_updated);
      g_string_append (out, ".\n");
    }
  if (n_annotators == 0 && report->documents_added == 0 &&
      (report->labels_added == NULL || report->labels_added->len == 0))
    g_string_append (out, _("Nothing new to take from this file.\n"));
  else if (n_annotators == 1)
    {
      /* the one annotator's line says it all but the new documents */
      if (report->documents_added > 0)
        {
          g_string_append_printf (out,
                                  g_dngettext (GETTEXT_PACKAGE, "%u document added",
                                               "%u documents added", report->documents_added),
                                  report->documents_added);
          g_string_append (out, ".\n");
        }
    }
  else
    {
      g_string_append_printf (out,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "In all: %u document added; annotations: %u added, "
                                           "%u changed, %u deleted",
                                           "In all: %u documents added; annotations: %u added, "
                                           "%u changed, %u deleted",
                                           report->documents_added),
                              report->documents_added, report->annotations_added,
                              report->annotations_updated, report->annotations_deleted);
      append_relations_statuses (out, report->relations_added, report->relations_updated,
                                 report->relations_deleted, report->statuses_updated);
      g_string_append (out, ".\n");
    }
  if (report->annotations_differing > 0)
    {
      guint n = report->annotations_differing;

      g_string_append_printf (out,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u annotation differed between the two files; the "
                                           "newer version was kept",
                                           "%u annotations differed between the two files; the "
                                           "newer version of each was kept",
                                           n),
                              n);
      if (report->annotations_kept > 0 && report->annotations_differing == 1)
        g_string_append (out, _(" (this project’s)"));
      else if (report->annotations_kept > 0)
        g_string_append_printf (out, _(" (%u of them this project’s)"), report->annotations_kept);
      g_string_append (out, ".\n");
    }
  if (report->labels_added != NULL && report->labels_added->len > 0)
    {
      g_string_append (out, _("Added to the schema:"));
      for (guint i = 0; i < report->labels_added->len; i++)
        g_string_append_printf (out, " %s", (const char *) g_ptr_array_index (report->labels_added,
                                                                               i));
      g_string_append_c (out, '\n');
    }
  if (report->conflicts != NULL)
    for (guint i = 0; i < report->conflicts->len; i++)
      /* Translators: what the merge settled itself, e.g. a label defined
       * differently in the two files */
      g_string_append_printf (out, _("Note: %s.\n"),
                                      (const char *) g_ptr_array_index (report->conflicts, i));
  return g_string_free (out, FALSE);
}

static void
conflict (Merge      *m,
          const char *format,
          ...) G_GNUC_PRINTF (2, 3);

static void
conflict (Merge      *m,
          const char *format,
          ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (m->report->conflicts, g_strdup_vprintf (format, args));
  va_end (args);
}

/* ---- rows: each is written where it is newer than the target's row of
 * its uuid (GLOSS_CHANGE_IF_NEWER), so that merges in any order agree */

static gboolean
merge_statuses (Merge   *m,
                gint64   source_document,
                gint64   target_document,
                GError **error)
{
  static const char sql[] =
    "SELECT annotator, status, modified FROM document_status WHERE document = ?1 "
    "ORDER BY annotator";
  g_autoptr(GlossStmt) stmt = _gloss_store_prepare (m->source, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, source_document);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    gloss_change_set_put_status (m->changes, target_document,
                                 (const char *) sqlite3_column_text (stmt, 0),
                                 CLAMP (sqlite3_column_int (stmt, 1), 0,
                                        GLOSS_DOCUMENT_STATUS_DONE),
                                 sqlite3_column_int64 (stmt, 2), GLOSS_CHANGE_IF_NEWER);
  if (rc != SQLITE_DONE)
    {
      _gloss_store_set_error_from_db (m->source, error, _("Cannot read the source’s statuses"));
      return FALSE;
    }
  return TRUE;
}

/* ---- documents */

static GPtrArray *
read_source_documents (GlossStore  *source,
                       GError     **error)
{
  static const char sql[] =
    "SELECT id, uuid, name, sha256, meta, attributes, created FROM documents ORDER BY uuid, id";
  g_autoptr(GlossStmt) stmt = _gloss_store_prepare (source, sql, error);
  g_autoptr(GPtrArray) out = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) source_document_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SourceDocument *d = g_new0 (SourceDocument, 1);

      d->id = sqlite3_column_int64 (stmt, 0);
      d->uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      d->name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      d->sha256 = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      d->meta = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      d->attributes = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      d->created = sqlite3_column_int64 (stmt, 6);
      g_ptr_array_add (out, d);
    }
  if (rc != SQLITE_DONE)
    {
      _gloss_store_set_error_from_db (source, error, _("Cannot read the source’s documents"));
      return NULL;
    }
  return g_steal_pointer (&out);
}

/* A uuid derived from the source document's uuid and text hash, so that
 * the replacement is the same whatever the order of the merges. */
static char *
derived_uuid (const char *uuid,
              const char *sha256)
{
  g_autofree char *seed = g_strconcat ("gloss-merge\x1f", uuid, "\x1f", sha256, NULL);
  g_autofree char *hex = g_compute_checksum_for_string (G_CHECKSUM_SHA256, seed, -1);

  /* version 4 layout, variant 10 */
  return g_strdup_printf ("%.8s-%.4s-4%.3s-a%.3s-%.12s", hex, hex + 8, hex + 13, hex + 17,
                          hex + 20);
}

/* The order merges agree on, whatever the order of the rows: by uuid,
 * then by id (a project may hold a uuid twice). */
static int
compare_uuid_id (const char *uuid_a,
                 gint64      id_a,
                 const char *uuid_b,
                 gint64      id_b)
{
  int cmp = strcmp (uuid_a, uuid_b);

  if (cmp != 0)
    return cmp;
  return id_a < id_b ? -1 : id_a > id_b;
}

static char *
temporary_name (const char *uuid)
{
  return g_strconcat ("\x1fgloss-merge-", uuid, NULL);
}

/* TRUE when @name is @base or "@base (N)" with N ≥ 2 written canonically. */
static gboolean
name_in_group (const char *name,
               const char *base)
{
  gsize blen = strlen (base);
  const char *p;

  if (strcmp (name, base) == 0)
    return TRUE;
  if (strncmp (name, base, blen) != 0 || strncmp (name + blen, " (", 2) != 0)
    return FALSE;
  p = name + blen + 2;
  if (*p < '1' || *p > '9')
    return FALSE;
  while (*p >= '0' && *p <= '9')
    p++;
  if (strcmp (p, ")") != 0)
    return FALSE;
  return g_ascii_strtoull (name + blen + 2, NULL, 10) >= 2;
}

typedef struct
{
  gint64  id;
  char   *uuid;
  char   *name;       /* current name */
} GroupMember;

static void
group_member_free (GroupMember *g)
{
  g_free (g->uuid);
  g_free (g->name);
  g_free (g);
}

static int
compare_members (gconstpointer a,
                 gconstpointer b)
{
  const GroupMember *ga = *(GroupMember * const *) a;
  const GroupMember *gb = *(GroupMember * const *) b;

  return compare_uuid_id (ga->uuid, ga->id, gb->uuid, gb->id);
}

/* Gives the added document @id (under a temporary name) the name @base.
 * When @base is taken, every document named @base or "@base (N)" plus the
 * new one are numbered again in uuid order, so the names depend only on the
 * set of documents, not on the order of the merges. */
static gboolean
name_added_document (Merge       *m,
                     gint64       id,
                     const char  *uuid,
                     const char  *base,
                     GError     **error)
{
  static const char sql[] =
    "SELECT id, uuid, name FROM documents WHERE name = ?1 OR substr (name, 1, ?3) = ?2";
  g_autofree char *prefix = g_strconcat (base, " (", NULL);
  g_autoptr(GPtrArray) group = NULL;
  g_autoptr(GlossStmt) stmt = NULL;
  GroupMember *self_member;
  int rc;

  if (gloss_store_find_document_by_name (m->target, base) == 0)
    return gloss_store_set_document_name (m->target, id, base, error);

  stmt = _gloss_store_prepare (m->target, sql, error);
  if (stmt == NULL)
    return FALSE;
  group = g_ptr_array_new_with_free_func ((GDestroyNotify) group_member_free);
  sqlite3_bind_text (stmt, 1, base, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, prefix, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, g_utf8_strlen (prefix, -1));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 2);
      GroupMember *g;

      if (!name_in_group (name, base))
        continue;
      g = g_new0 (GroupMember, 1);
      g->id = sqlite3_column_int64 (stmt, 0);
      g->uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      g->name = g_strdup (name);
      g_ptr_array_add (group, g);
    }
  if (rc != SQLITE_DONE)
    {
      _gloss_store_set_error_from_db (m->target, error, _("Cannot list the documents"));
      return FALSE;
    }
  g_clear_pointer (&stmt, _gloss_stmt_release);
  self_member = g_new0 (GroupMember, 1);
  self_member->id = id;
  self_member->uuid = g_strdup (uuid);
  self_member->name = NULL;
  g_ptr_array_add (group, self_member);
  g_ptr_array_sort (group, compare_members);

  /* out of the way first: names are unique */
  for (guint i = 0; i < group->len; i++)
    {
      GroupMember *g = g_ptr_array_index (group, i);
      g_autofree char *tmp = temporary_name (g->uuid);

      if (g->name != NULL && !gloss_store_set_document_name (m->target, g->id, tmp, error))
        return FALSE;
    }
  for (guint i = 0; i < group->len; i++)
    {
      GroupMember *g = g_ptr_array_index (group, i);
      g_autofree char *name = i == 0 ? g_strdup (base) : g_strdup_printf ("%s (%u)", base, i + 1);

      if (!gloss_store_set_document_name (m->target, g->id, name, error))
        return FALSE;
      /* the documents this merge added have no name to go back to */
      if (g->name != NULL && strcmp (g->name, name) != 0 &&
          !_gloss_change_set_has_added (m->changes, g->id))
        {
          if (!_gloss_change_set_has_renamed (m->changes, g->id))
            {
              m->report->documents_renamed++;
              conflict (m, _("document “%s” renamed “%s”: another document of the same name "
                             "came with the merge"), g->name, name);
            }
          _gloss_change_set_rename_document (m->changes, g->id, g->name, name);
        }
    }
  return TRUE;
}

/* The target document of uuid @uuid and its text hash, or 0. */
static gint64
find_document_by_uuid (GlossStore  *store,
                       const char  *uuid,
                       char       **sha256)
{
  static const char sql[] = "SELECT id, sha256 FROM documents WHERE uuid = ?1";
  g_autoptr(GlossStmt) stmt = _gloss_store_prepare (store, sql, NULL);

  *sha256 = NULL;
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  *sha256 = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  return sqlite3_column_int64 (stmt, 0);
}

/* The first target document of text @sha256 in uuid order that is not in
 * @matched, or 0. */
static gint64
find_free_document_by_sha256 (GlossStore  *store,
                              const char  *sha256,
                              GHashTable  *matched,
                              GError     **error)
{
  static const char sql[] = "SELECT id FROM documents WHERE sha256 = ?1 ORDER BY uuid";
  g_autoptr(GlossStmt) stmt = _gloss_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (!g_hash_table_contains (matched, &id))
        return id;
    }
  if (rc != SQLITE_DONE)
    {
      _gloss_store_set_error_from_db (store, error, _("Cannot list the documents"));
      return -1;
    }
  return 0;
}

static int
compare_by_uuid (gconstpointer a,
                 gconstpointer b)
{
  const SourceDocument *da = *(SourceDocument * const *) a;
  const SourceDocument *db = *(SourceDocument * const *) b;

  return compare_uuid_id (da->uuid, da->id, db->uuid, db->id);
}

static void
map_document (Merge      *m,
              GHashTable *matched,
              gint64      source_id,
              gint64      target_id)
{
  g_hash_table_insert (m->document_map, g_memdup2 (&source_id, sizeof source_id),
                       g_memdup2 (&target_id, sizeof target_id));
  g_hash_table_add (matched, g_memdup2 (&target_id, sizeof target_id));
}

/* Matches each source document to a target document, one to one:
 *  1. by uuid: the document the target holds under the source document's
 *     uuid (or, when the target holds another text under that uuid, under
 *     the uuid derived from it, see derived_uuid());
 *  2. the documents that never met the target (no such uuid there) by
 *     text: each takes the first target document of the same SHA-256 in
 *     uuid order that no other source document of this merge took, the
 *     source documents taking theirs in uuid order;
 *  3. the rest are added, with their uuid.
 * Two documents of one project are never folded into one, a merge of a
 * project into itself or a copy matches each document to itself, and the
 * same source and target always give the same pairs. */
static gboolean
merge_documents (Merge      *m,
                 GPtrArray  *documents,
                 GError    **error)
{
  g_autoptr(GPtrArray) strangers = g_ptr_array_new ();
  g_autoptr(GPtrArray) added = g_ptr_array_new ();
  g_autoptr(GHashTable) matched = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                         NULL);

  for (guint i = 0; i < documents->len; i++)
    {
      SourceDocument *d = g_ptr_array_index (documents, i);
      g_autofree char *sha256 = NULL;
      gint64 target_id = find_document_by_uuid (m->target, d->uuid, &sha256);

      if (target_id != 0 && strcmp (sha256, d->sha256) != 0)
        {
          char *derived = derived_uuid (d->uuid, d->sha256);

          g_free (d->uuid);
          d->uuid = derived;
          g_clear_pointer (&sha256, g_free);
          target_id = find_document_by_uuid (m->target, d->uuid, &sha256);
          if (target_id != 0 && strcmp (sha256, d->sha256) != 0)
            {
              g_set_error (error, GLOSS_MERGE_ERROR, GLOSS_MERGE_ERROR_INVALID,
                           _("document “%s”: its uuid names another text in the project"),
                           d->name);
              return FALSE;
            }
        }
      if (target_id != 0)
        map_document (m, matched, d->id, target_id);
      else
        g_ptr_array_add (strangers, d);
    }

  g_ptr_array_sort (strangers, compare_by_uuid);
  for (guint i = 0; i < strangers->len; i++)
    {
      SourceDocument *d = g_ptr_array_index (strangers, i);
      gint64 target_id = find_free_document_by_sha256 (m->target, d->sha256, matched, error);
      g_autofree char *text = NULL;
      g_autofree char *tmp = NULL;

      if (target_id < 0)
        return FALSE;
      if (target_id > 0)
        {
          map_document (m, matched, d->id, target_id);
          continue;
        }

      text = gloss_store_dup_document_text (m->source, d->id, error);
      if (text == NULL)
        return FALSE;
      tmp = temporary_name (d->uuid);
      target_id = gloss_store_insert_document (m->target, d->uuid, tmp, text, -1, d->meta,
                                               d->attributes, d->created, error);
      if (target_id == 0)
        {
          g_prefix_error (error, _("document “%s”: "), d->name);
          return FALSE;
        }
      _gloss_change_set_add_document (m->changes, target_id);
      m->report->documents_added++;
      g_ptr_array_add (added, d);
      map_document (m, matched, d->id, target_id);
    }

  /* names once all are in, in uuid order */
  for (guint i = 0; i < added->len; i++)
    {
      SourceDocument *d = g_ptr_array_index (added, i);
      gint64 *target_id = g_hash_table_lookup (m->document_map, &d->id);

      if (!name_added_document (m, *target_id, d->uuid, d->name, error))
        return FALSE;
    }
  return TRUE;
}

static GlossMergeAnnotator *
annotator_entry (GHashTable *annotators,
                 const char *name)
{
  GlossMergeAnnotator *a = g_hash_table_lookup (annotators, name);

  if (a == NULL)
    {
      a = g_new0 (GlossMergeAnnotator, 1);
      a->annotator = g_strdup (name);
      g_hash_table_insert (annotators, a->annotator, a);
    }
  return a;
}

static int
compare_annotators (gconstpointer a,
                    gconstpointer b)
{
  const GlossMergeAnnotator *aa = *(GlossMergeAnnotator * const *) a;
  const GlossMergeAnnotator *ab = *(GlossMergeAnnotator * const *) b;

  return strcmp (aa->annotator, ab->annotator);
}

/* The report's figures per annotator, from what the merge wrote, counted
 * as gloss_change_set_count() counts; and how many of the differing
 * annotations kept the target's version (were not written). */
static void
count_by_annotator (GlossMergeReport *report,
                    GlossChangeSet   *changes,
                    GHashTable       *differing)
{
  GPtrArray *written = _gloss_change_set_get_written (changes);
  g_autoptr(GHashTable) annotators = g_hash_table_new (g_str_hash, g_str_equal);
  /* GlossMergeAnnotator * -> its documents: a set of gint64 *, borrowed
   * from the changes (no key built for each of a large merge's rows) */
  g_autoptr(GHashTable) documents = g_hash_table_new_full (NULL, NULL, NULL,
                                                            (GDestroyNotify) g_hash_table_unref);
  g_autoptr(GHashTable) all_documents = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint          replaced = 0;
  GHashTableIter iter;
  gpointer       value;

  for (guint i = 0; i < written->len; i++)
    {
      GlossChange         *c = g_ptr_array_index (written, i);
      GlossMergeAnnotator *a;
      gboolean             before, after;
      guint               *added, *updated, *deleted;
      const char          *name;
      GHashTable          *seen;

      switch (c->kind)
        {
        case GLOSS_CHANGE_ANNOTATION:
          name = gloss_annotation_get_annotator (GLOSS_ANNOTATION (c->after));
          before = c->before != NULL &&
                   !gloss_annotation_get_deleted (GLOSS_ANNOTATION (c->before));
          after = !gloss_annotation_get_deleted (GLOSS_ANNOTATION (c->after));
          a = annotator_entry (annotators, name);
          added = &a->annotations_added, updated = &a->annotations_updated;
          deleted = &a->annotations_deleted;
          if (g_hash_table_contains (differing, c->key))
            replaced++;
          break;
        case GLOSS_CHANGE_RELATION:
          name = gloss_relation_get_annotator (GLOSS_RELATION (c->after));
          before = c->before != NULL && !gloss_relation_get_deleted (GLOSS_RELATION (c->before));
          after = !gloss_relation_get_deleted (GLOSS_RELATION (c->after));
          a = annotator_entry (annotators, name);
          added = &a->relations_added, updated = &a->relations_updated;
          deleted = &a->relations_deleted;
          break;
        case GLOSS_CHANGE_STATUS:
          name = c->key;
          a = annotator_entry (annotators, name);
          a->statuses_updated++;
          before = after = FALSE;
          added = updated = deleted = NULL;
          break;
        case GLOSS_CHANGE_ASSIGNMENT:
        case GLOSS_CHANGE_SUGGESTION:
          continue;   /* the lead's, or not annotations */
        default:
          g_assert_not_reached ();
        }
      if (!before && after)
        (*added)++;
      else if (before && !after)
        (*deleted)++;
      else if (before && after)
        (*updated)++;
      seen = g_hash_table_lookup (documents, a);
      if (seen == NULL)
        {
          seen = g_hash_table_new (g_int64_hash, g_int64_equal);
          g_hash_table_insert (documents, a, seen);
        }
      if (g_hash_table_add (seen, &c->document_id))
        a->documents++;
      if (g_hash_table_add (all_documents, &c->document_id))
        g_array_append_val (report->documents, c->document_id);
    }

  g_hash_table_iter_init (&iter, annotators);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (report->annotators, value);
  g_ptr_array_sort (report->annotators, compare_annotators);
  report->annotations_differing = g_hash_table_size (differing);
  report->annotations_kept = report->annotations_differing - MIN (replaced,
                                                                  report->annotations_differing);
}

/* How many annotations and relations the source holds, deleted or not
 * (0: unknown). */
static gint64
count_source_rows (Merge *m)
{
  static const char sql[] =
    "SELECT (SELECT count(*) FROM annotations) + (SELECT count(*) FROM relations)";
  g_autoptr(GlossStmt) stmt = _gloss_store_prepare (m->source, sql, NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
merge_rows (Merge         *m,
            GPtrArray     *documents,
            GCancellable  *cancellable,
            GError       **error)
{
  /* The rows are written a document at a time, each flush too small to
   * raise the page cache by itself: raised once for them all, as an import
   * raises it, so that the pages they dirty (new rows go all over the uuid
   * index) stay in memory rather than being spilled to the WAL and read
   * back again and again. A merged row dirties about twice what an
   * imported one does: its table page, a random leaf of the uuid index and
   * one of the document index, in a project that is already large. */
  _gloss_store_reserve_cache (m->target, count_source_rows (m) * 512);
  for (guint i = 0; i < documents->len; i++)
    {
      SourceDocument *d = g_ptr_array_index (documents, i);
      gint64 target_id = *(gint64 *) g_hash_table_lookup (m->document_map, &d->id);
      g_autoptr(GPtrArray) annotations = NULL;
      g_autoptr(GPtrArray) relations = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      annotations = gloss_store_load_annotations (m->source, d->id, TRUE, error);
      if (annotations == NULL)
        return FALSE;
      for (guint k = 0; k < annotations->len; k++)
        {
          GlossAnnotation *a = g_ptr_array_index (annotations, k);

          gloss_annotation_set_document_id (a, target_id);
          gloss_change_set_put_annotation (m->changes, a, GLOSS_CHANGE_IF_NEWER);
        }
      relations = gloss_store_load_relations (m->source, d->id, TRUE, error);
      if (relations == NULL)
        return FALSE;
      for (guint k = 0; k < relations->len; k++)
        {
          GlossRelation *r = g_ptr_array_index (relations, k);

          gloss_relation_set_document_id (r, target_id);
          gloss_change_set_put_relation (m->changes, r, GLOSS_CHANGE_IF_NEWER);
        }
      if (!merge_statuses (m, d->id, target_id, error) ||
          !_gloss_assignments_merge (m->changes, m->source, d->id, target_id, error) ||
          !_gloss_change_set_flush (m->changes, m->target, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- public API */

/* Inside the transaction: the schema as stored now, not as this project
 * read it (another program may have changed it since: another merge adding
 * its labels) united with the source's, then the documents matched and the
 * rows put. */
static gboolean
prepare (GlossChangeSet  *changes,
         GlossProject    *project,
         gpointer         user_data,
         GCancellable    *cancellable,
         GError         **error)
{
  Merge *m = user_data;
  g_autofree char *stored_json = gloss_store_dup_schema_json (m->target);
  g_autofree char *merged_json = NULL;
  g_autoptr(GlossSchema) merged = NULL;
  gboolean schema_changed;

  merged = stored_json ? gloss_schema_new_from_json (stored_json, -1, error)
                       : gloss_schema_new_preset ("news", error);
  if (merged == NULL)
    {
      g_prefix_error (error, _("The project’s schema cannot be read: "));
      return FALSE;
    }
  if (stored_json == NULL)
    stored_json = gloss_schema_to_json (merged);
  schema_changed = gloss_schema_add_missing_full (merged, m->source_schema,
                                                  m->report->labels_added,
                                                  m->report->conflicts);
  merged_json = gloss_schema_to_json (merged);
  if (schema_changed && !gloss_store_set_schema_json (m->target, merged_json, error))
    return FALSE;
  /* the project gets the schema the merge leaves stored */
  _gloss_change_set_set_schema (changes, schema_changed ? stored_json : NULL, merged,
                                schema_changed ? merged_json : stored_json);

  return merge_documents (m, m->documents, error) &&
         merge_rows (m, m->documents, cancellable, error);
}

/* merge_project() from the open @source. */
static gboolean
merge_from (GlossProject     *target,
            GlossStore       *source,
            const char       *display,
            GlossMergeReport *report,
            GCancellable     *cancellable,
            GError          **error)
{
  g_autoptr(GlossSchema) source_schema = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GHashTable) document_map = NULL;
  g_autoptr(GHashTable) differing = NULL;
  g_autoptr(GlossChangeSet) changes = NULL;
  g_autofree char *schema_json = NULL;
  g_autofree char *description = NULL;
  Merge m = { 0 };

  schema_json = gloss_store_dup_schema_json (source);
  source_schema = schema_json ? gloss_schema_new_from_json (schema_json, -1, error)
                              : gloss_schema_new_preset ("news", error);
  if (source_schema == NULL)
    {
      g_prefix_error (error, _("“%s”: the schema cannot be read: "), display);
      return FALSE;
    }
  documents = read_source_documents (source, error);
  if (documents == NULL)
    return FALSE;

  description = g_strdup_printf (_("Merge “%s”"), display);
  changes = gloss_change_set_new (description);
  document_map = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  differing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  m.target = gloss_project_get_store (target);
  m.source = source;
  m.source_schema = source_schema;
  m.documents = documents;
  m.report = report;
  m.changes = changes;
  m.document_map = document_map;
  m.differing = differing;
  _gloss_change_set_note_differing (changes, differing);

  if (!_gloss_project_apply_changes_full (target, changes, prepare, &m, NULL, NULL, cancellable,
                                          error))
    {
      report_reset (report);
      g_prefix_error (error, _("Cannot merge “%s”: "), display);
      return FALSE;
    }

  report->annotations_written =
    gloss_change_set_count (changes, GLOSS_CHANGE_ANNOTATION, &report->annotations_added,
                            &report->annotations_updated, &report->annotations_deleted);
  report->relations_written =
    gloss_change_set_count (changes, GLOSS_CHANGE_RELATION, &report->relations_added,
                            &report->relations_updated, &report->relations_deleted);
  report->statuses_updated = gloss_change_set_count (changes, GLOSS_CHANGE_STATUS, NULL, NULL,
                                                     NULL);
  count_by_annotator (report, changes, differing);
  report->changes = g_steal_pointer (&changes);
  return TRUE;
}

/* gloss_merge_project() into @report, which is reset and left reset on
 * failure. */
static gboolean
merge_project (GlossProject     *target,
               const char       *source_path,
               GlossMergeReport *report,
               GCancellable     *cancellable,
               GError          **error)
{
  g_autoptr(GlossStore) source = NULL;
  g_autofree char *display = g_filename_display_name (source_path);
  gboolean ok;

  /* A merge never writes to its source: no upgrade, no switch to WAL. */
  source = gloss_store_open_full (source_path, GLOSS_STORE_OPEN_READ_ONLY, error);
  if (source == NULL)
    return FALSE;
  /* One read of the source from its schema to its last document's rows:
   * another program that writes to it meanwhile changes nothing this merge
   * sees, and the read lock is taken once, not by each of the four queries
   * a document takes. */
  if (!_gloss_store_begin_read (source, error))
    return FALSE;
  ok = merge_from (target, source, display, report, cancellable, error);
  _gloss_store_end_read (source);
  return ok;
}

gboolean
gloss_merge_project (GlossProject     *target,
                     const char       *source_path,
                     GlossMergeReport *report,
                     GCancellable     *cancellable,
                     GError          **error)
{
  GlossMergeReport *own_report;
  gboolean          ok;

  g_return_val_if_fail (GLOSS_IS_PROJECT (target), FALSE);
  g_return_val_if_fail (source_path != NULL, FALSE);

  if (report != NULL)
    {
      report_reset (report);
      return merge_project (target, source_path, report, cancellable, error);
    }
  /* The caller wants no report: one of our own for the merge to fill. */
  own_report = gloss_merge_report_new ();
  ok = merge_project (target, source_path, own_report, cancellable, error);
  gloss_merge_report_free (own_report);
  return ok;
}

gboolean
gloss_project_undo_merge (GlossProject      *project,
                          GlossMergeReport  *report,
                          GError           **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  if (!gloss_merge_report_can_undo (report))
    {
      g_set_error (error, GLOSS_MERGE_ERROR, GLOSS_MERGE_ERROR_NOTHING_TO_UNDO,
                   _("There is no merge to undo"));
      return FALSE;
    }
  if (gloss_project_undo_changes (project, report->changes, NULL, NULL, NULL, &local_error))
    return TRUE;
  if (g_error_matches (local_error, GLOSS_CHANGE_SET_ERROR, GLOSS_CHANGE_SET_ERROR_CHANGED))
    {
      local_error->domain = GLOSS_MERGE_ERROR;
      local_error->code = GLOSS_MERGE_ERROR_CHANGED;
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}
