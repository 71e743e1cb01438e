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
#include "gloss-document.h"
#include "gloss-merge.h"
#include "gloss-project-private.h"
#include "gloss-relation.h"
#include "gloss-schema.h"
#include "gloss-store-private.h"
#include "gloss-util-private.h"

G_DEFINE_QUARK (gloss-merge-error-quark, gloss_merge_error)

typedef enum
{
  ROW_ANNOTATION,
  ROW_RELATION,
  ROW_STATUS,
} RowKind;

/* One row the merge wrote: what was there before (NULL = no row; for
 * statuses a status of -1 = no row) and what it wrote. */
typedef struct
{
  RowKind   kind;
  char     *key;             /* uuid, or annotator for statuses */
  gint64    document_id;     /* target document of the row */
  GObject  *before;
  GObject  *after;
  int       before_status;
  int       after_status;
  gint64    before_modified;
  gint64    after_modified;
} MergeRow;

typedef struct
{
  gint64  id;
  char   *old_name;
  char   *new_name;
} Rename;

struct _GlossMergeUndo
{
  GPtrArray *rows;           /* MergeRow, in writing order */
  GArray    *added_documents; /* gint64 */
  GPtrArray *renames;        /* Rename */
  char      *old_schema;     /* JSON before, NULL when the schema did not change */
  char      *new_schema;
  gboolean   undone;
};

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
  GlossProject     *project;
  GlossStore       *target;
  GlossStore       *source;
  GlossMergeReport *report;
  GlossMergeUndo   *undo;
  GHashTable       *document_map;    /* gint64 * source id -> gint64 * target id */
  GHashTable       *touched;         /* gint64 * target id (set) */
  GHashTable       *names_wanted;    /* gint64 * target id of an added document -> base name */
} Merge;

static void
merge_row_free (MergeRow *row)
{
  g_free (row->key);
  g_clear_object (&row->before);
  g_clear_object (&row->after);
  g_free (row);
}

static void
rename_free (Rename *r)
{
  g_free (r->old_name);
  g_free (r->new_name);
  g_free (r);
}

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

static GlossMergeUndo *
merge_undo_new (void)
{
  GlossMergeUndo *undo = g_new0 (GlossMergeUndo, 1);

  undo->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) merge_row_free);
  undo->added_documents = g_array_new (FALSE, FALSE, sizeof (gint64));
  undo->renames = g_ptr_array_new_with_free_func ((GDestroyNotify) rename_free);
  return undo;
}

static void
merge_undo_free (GlossMergeUndo *undo)
{
  if (undo == NULL)
    return;
  g_ptr_array_unref (undo->rows);
  g_array_unref (undo->added_documents);
  g_ptr_array_unref (undo->renames);
  g_free (undo->old_schema);
  g_free (undo->new_schema);
  g_free (undo);
}

/* ---- report */

static void
report_reset (GlossMergeReport *report)
{
  g_clear_pointer (&report->labels_added, g_ptr_array_unref);
  g_clear_pointer (&report->conflicts, g_ptr_array_unref);
  g_clear_pointer (&report->undo, merge_undo_free);
  memset (report, 0, sizeof *report);
  report->labels_added = g_ptr_array_new_with_free_func (g_free);
  report->conflicts = g_ptr_array_new_with_free_func (g_free);
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
  g_clear_pointer (&report->undo, merge_undo_free);
  g_free (report);
}

gboolean
gloss_merge_report_can_undo (GlossMergeReport *report)
{
  g_return_val_if_fail (report != NULL, FALSE);

  return report->undo != NULL && !report->undo->undone &&
         (report->undo->rows->len > 0 || report->undo->added_documents->len > 0 ||
          report->undo->renames->len > 0 || report->undo->old_schema != NULL);
}

char *
gloss_merge_report_to_string (GlossMergeReport *report)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (report != NULL, NULL);

  g_string_append_printf (out, _("Documents: %u added, %u renamed\n"),
                          report->documents_added, report->documents_renamed);
  g_string_append_printf (out, _("Annotations: %u added, %u updated, %u deleted\n"),
                          report->annotations_added, report->annotations_updated,
                          report->annotations_deleted);
  g_string_append_printf (out, _("Relations: %u added, %u updated, %u deleted\n"),
                          report->relations_added, report->relations_updated,
                          report->relations_deleted);
  g_string_append_printf (out, _("Document statuses: %u updated\n"), report->statuses_updated);
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
      g_string_append_printf (out, _("Conflict: %s\n"),
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

/* ---- schema union */

static gboolean
attr_defs_same (GPtrArray *a,
                GPtrArray *b)
{
  guint na = a ? a->len : 0, nb = b ? b->len : 0;

  if (na != nb)
    return FALSE;
  for (guint i = 0; i < na; i++)
    {
      GlossAttrDef *da = g_ptr_array_index (a, i);
      gboolean found = FALSE;

      for (guint j = 0; j < nb && !found; j++)
        if (gloss_attr_def_equal (da, g_ptr_array_index (b, j)))
          found = TRUE;
      if (!found)
        return FALSE;
    }
  return TRUE;
}

static gboolean
strv_same (const char * const *a,
           const char * const *b)
{
  static const char * const empty[] = { NULL };

  return g_strv_equal (a ? a : empty, b ? b : empty);
}

/* Adds to @merged what only @source has; TRUE when something was added. */
static gboolean
unite_schemas (Merge       *m,
               GlossSchema *merged,
               GlossSchema *source)
{
  GListModel *labels = gloss_schema_get_labels (source);
  GListModel *types = gloss_schema_get_relation_types (source);
  GPtrArray *doc_attrs = gloss_schema_get_document_attributes (source);
  GPtrArray *merged_doc_attrs;
  gboolean changed = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (labels, i);
      const char *name = gloss_label_get_name (label);
      GlossLabel *mine = gloss_schema_lookup_label (merged, name);
      const char *hotkey = gloss_label_get_hotkey (label);
      g_autoptr(GlossLabel) copy = NULL;
      g_autoptr(GError) error = NULL;
      GPtrArray *attrs;

      if (mine != NULL)
        {
          if (g_strcmp0 (gloss_label_get_layer (mine), gloss_label_get_layer (label)) != 0 ||
              !attr_defs_same (gloss_label_get_attributes (mine),
                               gloss_label_get_attributes (label)))
            conflict (m, _("label “%s” is defined differently in the source; the target’s "
                           "definition is kept"), name);
          continue;
        }
      if (hotkey != NULL && gloss_schema_lookup_hotkey (merged, hotkey) != NULL)
        hotkey = NULL;
      copy = gloss_label_new (name, gloss_label_get_layer (label), gloss_label_get_color (label),
                              hotkey, gloss_label_get_description (label));
      attrs = gloss_label_get_attributes (label);
      for (guint j = 0; attrs != NULL && j < attrs->len; j++)
        gloss_label_add_attribute (copy, g_ptr_array_index (attrs, j));
      if (!gloss_schema_add_label (merged, copy, &error))
        {
          conflict (m, _("label “%s” cannot be added: %s"), name, error->message);
          continue;
        }
      g_ptr_array_add (m->report->labels_added, g_strdup (name));
      changed = TRUE;
    }

  for (guint i = 0; i < g_list_model_get_n_items (types); i++)
    {
      g_autoptr(GlossRelationType) type = g_list_model_get_item (types, i);
      const char *name = gloss_relation_type_get_name (type);
      GlossRelationType *mine = gloss_schema_lookup_relation_type (merged, name);
      g_autoptr(GlossRelationType) copy = NULL;
      g_autoptr(GError) error = NULL;
      GPtrArray *attrs;

      if (mine != NULL)
        {
          if (!strv_same (gloss_relation_type_get_sources (mine),
                          gloss_relation_type_get_sources (type)) ||
              !strv_same (gloss_relation_type_get_targets (mine),
                          gloss_relation_type_get_targets (type)) ||
              !attr_defs_same (gloss_relation_type_get_attributes (mine),
                               gloss_relation_type_get_attributes (type)))
            conflict (m, _("relation type “%s” is defined differently in the source; the "
                           "target’s definition is kept"), name);
          continue;
        }
      copy = gloss_relation_type_new (name, gloss_relation_type_get_description (type),
                                      gloss_relation_type_get_sources (type),
                                      gloss_relation_type_get_targets (type));
      attrs = gloss_relation_type_get_attributes (type);
      for (guint j = 0; attrs != NULL && j < attrs->len; j++)
        gloss_relation_type_add_attribute (copy, g_ptr_array_index (attrs, j));
      if (!gloss_schema_add_relation_type (merged, copy, &error))
        {
          conflict (m, _("relation type “%s” cannot be added: %s"), name, error->message);
          continue;
        }
      g_ptr_array_add (m->report->labels_added, g_strdup (name));
      changed = TRUE;
    }

  merged_doc_attrs = gloss_schema_get_document_attributes (merged);
  for (guint i = 0; doc_attrs != NULL && i < doc_attrs->len; i++)
    {
      GlossAttrDef *def = g_ptr_array_index (doc_attrs, i);
      GlossAttrDef *mine = NULL;

      for (guint j = 0; merged_doc_attrs != NULL && j < merged_doc_attrs->len; j++)
        if (g_strcmp0 (gloss_attr_def_get_name (g_ptr_array_index (merged_doc_attrs, j)),
                       gloss_attr_def_get_name (def)) == 0)
          mine = g_ptr_array_index (merged_doc_attrs, j);
      if (mine != NULL)
        {
          if (!gloss_attr_def_equal (mine, def))
            conflict (m, _("document attribute “%s” is defined differently in the source; the "
                           "target’s definition is kept"), gloss_attr_def_get_name (def));
          continue;
        }
      gloss_schema_add_document_attribute (merged, def);
      merged_doc_attrs = gloss_schema_get_document_attributes (merged);
      g_ptr_array_add (m->report->labels_added, g_strdup (gloss_attr_def_get_name (def)));
      changed = TRUE;
    }
  return changed;
}

/* ---- rows */

static void
touch (Merge  *m,
       gint64  document_id)
{
  g_hash_table_add (m->touched, g_memdup2 (&document_id, sizeof document_id));
}

/* A total order on row contents for ties of the modification time; the
 * document is left out (its local id differs between projects). */
static char *
annotation_key (GlossAnnotation *a)
{
  const GlossFragment *f;
  guint n;
  g_autofree char *frags = NULL;
  g_autofree char *attrs = NULL;

  f = gloss_annotation_get_fragments (a, &n);
  frags = _gloss_fragments_to_string (f, n);
  attrs = _gloss_attributes_to_json (gloss_annotation_get_attributes (a));
  return g_strdup_printf ("%d\x1f%s\x1f%s\x1f%s\x1f%d%s\x1f%d%s\x1f%d%s\x1f%s\x1f%" G_GINT64_FORMAT,
                          gloss_annotation_get_deleted (a),
                          gloss_annotation_get_label (a), frags, attrs,
                          gloss_annotation_get_note (a) != NULL,
                          gloss_annotation_get_note (a) ? gloss_annotation_get_note (a) : "",
                          gloss_annotation_get_norm_id (a) != NULL,
                          gloss_annotation_get_norm_id (a) ? gloss_annotation_get_norm_id (a) : "",
                          gloss_annotation_get_norm_name (a) != NULL,
                          gloss_annotation_get_norm_name (a) ? gloss_annotation_get_norm_name (a)
                                                             : "",
                          gloss_annotation_get_annotator (a),
                          gloss_annotation_get_created (a));
}

static char *
relation_key (GlossRelation *r)
{
  g_autofree char *attrs = _gloss_attributes_to_json (gloss_relation_get_attributes (r));

  return g_strdup_printf ("%d\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%" G_GINT64_FORMAT,
                          gloss_relation_get_deleted (r),
                          gloss_relation_get_relation_type (r),
                          gloss_relation_get_source (r), gloss_relation_get_target (r), attrs,
                          gloss_relation_get_annotator (r), gloss_relation_get_created (r));
}

/* >0 when @incoming beats @current, 0 when they are the same row. */
static int
compare_rows (gint64      incoming_modified,
              const char *incoming_key,
              gint64      current_modified,
              const char *current_key)
{
  if (incoming_modified != current_modified)
    return incoming_modified > current_modified ? 1 : -1;
  return strcmp (incoming_key, current_key);
}

static void
count_change (gboolean  before_live,
              gboolean  after_live,
              guint    *added,
              guint    *updated,
              guint    *deleted)
{
  if (!before_live && after_live)
    (*added)++;
  else if (before_live && !after_live)
    (*deleted)++;
  else if (before_live && after_live)
    (*updated)++;
}

static gboolean
merge_annotation (Merge            *m,
                  GlossAnnotation  *incoming,
                  gint64            target_document,
                  GError          **error)
{
  const char *uuid = gloss_annotation_get_uuid (incoming);
  g_autoptr(GlossAnnotation) current = gloss_store_load_annotation (m->target, uuid, NULL);
  MergeRow *row;

  gloss_annotation_set_document_id (incoming, target_document);
  if (current != NULL)
    {
      g_autofree char *ik = annotation_key (incoming);
      g_autofree char *ck = annotation_key (current);
      int cmp = compare_rows (gloss_annotation_get_modified (incoming), ik,
                              gloss_annotation_get_modified (current), ck);

      if (cmp < 0 || (cmp == 0 && gloss_annotation_get_document_id (current) == target_document))
        return TRUE;
    }
  if (!gloss_store_put_annotation (m->target, incoming, error))
    return FALSE;

  count_change (current != NULL && !gloss_annotation_get_deleted (current),
                !gloss_annotation_get_deleted (incoming),
                &m->report->annotations_added, &m->report->annotations_updated,
                &m->report->annotations_deleted);
  m->report->annotations_written++;
  row = g_new0 (MergeRow, 1);
  row->kind = ROW_ANNOTATION;
  row->key = g_strdup (uuid);
  row->document_id = target_document;
  row->before = current ? G_OBJECT (g_steal_pointer (&current)) : NULL;
  row->after = G_OBJECT (g_object_ref (incoming));
  g_ptr_array_add (m->undo->rows, row);
  touch (m, target_document);
  if (row->before != NULL)
    touch (m, gloss_annotation_get_document_id (GLOSS_ANNOTATION (row->before)));
  return TRUE;
}

static gboolean
merge_relation (Merge          *m,
                GlossRelation  *incoming,
                gint64          target_document,
                GError        **error)
{
  const char *uuid = gloss_relation_get_uuid (incoming);
  g_autoptr(GlossRelation) current = gloss_store_load_relation (m->target, uuid, NULL);
  MergeRow *row;

  gloss_relation_set_document_id (incoming, target_document);
  if (current != NULL)
    {
      g_autofree char *ik = relation_key (incoming);
      g_autofree char *ck = relation_key (current);
      int cmp = compare_rows (gloss_relation_get_modified (incoming), ik,
                              gloss_relation_get_modified (current), ck);

      if (cmp < 0 || (cmp == 0 && gloss_relation_get_document_id (current) == target_document))
        return TRUE;
    }
  if (!gloss_store_put_relation (m->target, incoming, error))
    return FALSE;

  count_change (current != NULL && !gloss_relation_get_deleted (current),
                !gloss_relation_get_deleted (incoming),
                &m->report->relations_added, &m->report->relations_updated,
                &m->report->relations_deleted);
  m->report->relations_written++;
  row = g_new0 (MergeRow, 1);
  row->kind = ROW_RELATION;
  row->key = g_strdup (uuid);
  row->document_id = target_document;
  row->before = current ? G_OBJECT (g_steal_pointer (&current)) : NULL;
  row->after = G_OBJECT (g_object_ref (incoming));
  g_ptr_array_add (m->undo->rows, row);
  touch (m, target_document);
  if (row->before != NULL)
    touch (m, gloss_relation_get_document_id (GLOSS_RELATION (row->before)));
  return TRUE;
}

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
    {
      const char *annotator = (const char *) sqlite3_column_text (stmt, 0);
      int status = CLAMP (sqlite3_column_int (stmt, 1), 0, GLOSS_DOCUMENT_STATUS_DONE);
      gint64 modified = sqlite3_column_int64 (stmt, 2);
      GlossDocumentStatus current;
      gint64 current_modified;
      gboolean exists;
      MergeRow *row;

      exists = gloss_store_get_document_status (m->target, target_document, annotator, &current,
                                                &current_modified);
      if (exists && (current_modified > modified ||
                     (current_modified == modified && (int) current >= status)))
        continue;
      if (!gloss_store_set_document_status (m->target, target_document, annotator, status,
                                            modified, error))
        return FALSE;
      m->report->statuses_updated++;
      row = g_new0 (MergeRow, 1);
      row->kind = ROW_STATUS;
      row->key = g_strdup (annotator);
      row->document_id = target_document;
      row->before_status = exists ? (int) current : -1;
      row->before_modified = exists ? current_modified : 0;
      row->after_status = status;
      row->after_modified = modified;
      g_ptr_array_add (m->undo->rows, row);
      touch (m, target_document);
    }
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

static gboolean
set_document_name (GlossStore  *store,
                   gint64       id,
                   const char  *name,
                   GError     **error)
{
  static const char sql[] = "UPDATE documents SET name = ?2 WHERE id = ?1";
  g_autoptr(GlossStmt) stmt = _gloss_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _gloss_store_set_error_from_db (store, error, _("Cannot rename a document"));
      return FALSE;
    }
  return TRUE;
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
  int cmp = strcmp (ga->uuid, gb->uuid);

  if (cmp != 0)
    return cmp;
  return ga->id < gb->id ? -1 : ga->id > gb->id;
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
    return set_document_name (m->target, id, base, error);

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

      if (g->name != NULL && !set_document_name (m->target, g->id, tmp, error))
        return FALSE;
    }
  for (guint i = 0; i < group->len; i++)
    {
      GroupMember *g = g_ptr_array_index (group, i);
      g_autofree char *name = i == 0 ? g_strdup (base) : g_strdup_printf ("%s (%u)", base, i + 1);

      if (!set_document_name (m->target, g->id, name, error))
        return FALSE;
      if (g->name != NULL && strcmp (g->name, name) != 0)
        {
          Rename *r = NULL;

          /* a document renamed twice in one merge keeps its first old name */
          for (guint k = 0; k < m->undo->renames->len && r == NULL; k++)
            if (((Rename *) g_ptr_array_index (m->undo->renames, k))->id == g->id)
              r = g_ptr_array_index (m->undo->renames, k);
          if (r == NULL)
            {
              gboolean added = FALSE;

              for (guint k = 0; k < m->undo->added_documents->len && !added; k++)
                added = g_array_index (m->undo->added_documents, gint64, k) == g->id;
              if (!added)
                {
                  r = g_new0 (Rename, 1);
                  r->id = g->id;
                  r->old_name = g_strdup (g->name);
                  g_ptr_array_add (m->undo->renames, r);
                  m->report->documents_renamed++;
                  conflict (m, _("document “%s” renamed “%s”: another document of the same "
                                 "name came with the merge"), g->name, name);
                }
            }
          if (r != NULL)
            {
              g_free (r->new_name);
              r->new_name = g_strdup (name);
            }
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
  int cmp = strcmp (da->uuid, db->uuid);

  if (cmp != 0)
    return cmp;
  return da->id < db->id ? -1 : da->id > db->id;
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
      g_array_append_val (m->undo->added_documents, target_id);
      m->report->documents_added++;
      g_ptr_array_add (added, d);
      touch (m, target_id);
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

static gboolean
merge_rows (Merge         *m,
            GPtrArray     *documents,
            GCancellable  *cancellable,
            GError       **error)
{
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
        if (!merge_annotation (m, g_ptr_array_index (annotations, k), target_id, error))
          return FALSE;
      relations = gloss_store_load_relations (m->source, d->id, TRUE, error);
      if (relations == NULL)
        return FALSE;
      for (guint k = 0; k < relations->len; k++)
        if (!merge_relation (m, g_ptr_array_index (relations, k), target_id, error))
          return FALSE;
      if (!merge_statuses (m, d->id, target_id, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- after the commit */

/* The project's documents and the open lists of the touched documents
 * re-read from the store; all the lists when the project was given
 * @new_schema (see adopt_schema()). */
static void
refresh_project (GlossProject *project,
                 GHashTable   *touched,
                 GlossSchema  *new_schema)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, touched);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (ids, *(gint64 *) key);
  if (!gloss_project_reload (project, (const gint64 *) (gpointer) ids->data, ids->len,
                             new_schema, &error))
    g_warning ("Cannot reload the documents: %s", error->message);
}

/* ---- the project's schema */

/* Inside the store's open transaction: gives @project @schema and leaves
 * exactly @json stored. The write is part of the transaction, never a later
 * one that could undo another program's change of the schema made in
 * between. */
static gboolean
adopt_schema (GlossProject  *project,
              GlossSchema   *schema,
              const char    *json,
              GError       **error)
{
  g_assert (gloss_store_in_transaction (gloss_project_get_store (project)));

  return gloss_project_set_schema (project, schema, error) &&
         gloss_store_set_schema_json (gloss_project_get_store (project), json, error);
}

/* After a transaction that adopted a schema failed: gives @project back
 * @previous without writing (the write is rolled back). */
static void
put_back_schema (GlossProject *project,
                 GlossSchema  *previous)
{
  GlossStore *store = gloss_project_get_store (project);

  if (previous == NULL || gloss_project_get_schema (project) == previous ||
      !gloss_store_begin (store, NULL))
    return;
  gloss_project_set_schema (project, previous, NULL);
  gloss_store_rollback (store);
}


/* ---- public API */

gboolean
gloss_merge_project (GlossProject      *target,
                     const char        *source_path,
                     GlossMergeReport  *report,
                     GCancellable      *cancellable,
                     GError           **error)
{
  g_autoptr(GlossMergeReport) own_report = NULL;
  g_autoptr(GlossStore) source = NULL;
  g_autoptr(GlossSchema) source_schema = NULL;
  g_autoptr(GlossSchema) merged = NULL;
  g_autoptr(GlossSchema) previous = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GHashTable) document_map = NULL;
  g_autoptr(GHashTable) touched = NULL;
  g_autofree char *schema_json = NULL;
  g_autofree char *stored_json = NULL;
  g_autofree char *merged_json = NULL;
  g_autofree char *known_json = NULL;
  GlossStore *store;
  gboolean schema_changed;
  gboolean adopted = FALSE;
  Merge m = { 0 };

  g_return_val_if_fail (GLOSS_IS_PROJECT (target), FALSE);
  g_return_val_if_fail (source_path != NULL, FALSE);

  if (report == NULL)
    report = own_report = gloss_merge_report_new ();
  else
    report_reset (report);

  /* A merge never writes to its source: no upgrade, no switch to WAL. */
  source = gloss_store_open_full (source_path, GLOSS_STORE_OPEN_READ_ONLY, error);
  if (source == NULL)
    return FALSE;
  schema_json = gloss_store_dup_schema_json (source);
  source_schema = schema_json ? gloss_schema_new_from_json (schema_json, -1, error)
                              : gloss_schema_new_preset ("news", error);
  if (source_schema == NULL)
    {
      g_autofree char *display = g_filename_display_name (source_path);
      g_prefix_error (error, _("“%s”: the schema cannot be read: "), display);
      return FALSE;
    }
  documents = read_source_documents (source, error);
  if (documents == NULL)
    return FALSE;

  store = gloss_project_get_store (target);
  document_map = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  touched = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  m.project = target;
  m.target = store;
  m.source = source;
  m.report = report;
  m.undo = merge_undo_new ();
  m.document_map = document_map;
  m.touched = touched;
  previous = g_object_ref (gloss_project_get_schema (target));

  if (!gloss_store_begin (store, error))
    goto fail;

  /* The schema as stored now, not as this project read it: another
   * program may have changed it since (another merge adding its labels). */
  stored_json = gloss_store_dup_schema_json (store);
  merged = stored_json ? gloss_schema_new_from_json (stored_json, -1, error)
                       : gloss_schema_new_preset ("news", error);
  if (merged == NULL)
    {
      g_prefix_error (error, _("The project’s schema cannot be read: "));
      goto rollback;
    }
  if (stored_json == NULL)
    stored_json = gloss_schema_to_json (merged);
  schema_changed = unite_schemas (&m, merged, source_schema);
  merged_json = gloss_schema_to_json (merged);
  if (schema_changed)
    {
      if (!gloss_store_set_schema_json (store, merged_json, error))
        goto rollback;
      m.undo->old_schema = g_strdup (stored_json);
      m.undo->new_schema = g_strdup (merged_json);
    }
  if (!merge_documents (&m, documents, error) || !merge_rows (&m, documents, cancellable, error))
    goto rollback;

  /* the project gets the schema the merge leaves stored, unless it holds
   * that one already */
  known_json = gloss_schema_to_json (previous);
  if (strcmp (known_json, merged_json) != 0)
    {
      if (!adopt_schema (target, merged, schema_changed ? merged_json : stored_json, error))
        goto rollback;
      adopted = TRUE;
    }
  if (!gloss_store_commit (store, error))
    goto fail;

  report->undo = m.undo;
  refresh_project (target, touched, adopted ? merged : NULL);
  return TRUE;

rollback:
  gloss_store_rollback (store);
fail:
  if (adopted)
    put_back_schema (target, previous);
  merge_undo_free (m.undo);
  report_reset (report);
  {
    g_autofree char *display = g_filename_display_name (source_path);
    g_prefix_error (error, _("Cannot merge “%s”: "), display);
  }
  return FALSE;
}

static gboolean
row_unchanged (GlossStore *store,
               MergeRow   *row)
{
  switch (row->kind)
    {
    case ROW_ANNOTATION:
      {
        g_autoptr(GlossAnnotation) now = gloss_store_load_annotation (store, row->key, NULL);
        return now != NULL && gloss_annotation_equal (now, GLOSS_ANNOTATION (row->after));
      }
    case ROW_RELATION:
      {
        g_autoptr(GlossRelation) now = gloss_store_load_relation (store, row->key, NULL);
        return now != NULL && gloss_relation_equal (now, GLOSS_RELATION (row->after));
      }
    case ROW_STATUS:
      {
        GlossDocumentStatus status;
        gint64 modified;

        return gloss_store_get_document_status (store, row->document_id, row->key, &status,
                                                &modified) &&
               (int) status == row->after_status && modified == row->after_modified;
      }
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

static gint64
count_rows_of (GlossStore *store,
               gint64      document_id)
{
  static const char sql[] =
    "SELECT (SELECT count(*) FROM annotations WHERE document = ?1) + "
    "(SELECT count(*) FROM relations WHERE document = ?1) + "
    "(SELECT count(*) FROM document_status WHERE document = ?1)";
  g_autoptr(GlossStmt) stmt = _gloss_store_prepare (store, sql, NULL);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, document_id);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
}

static gboolean
delete_document (GlossStore  *store,
                 gint64       id,
                 GError     **error)
{
  static const char sql[] = "DELETE FROM documents WHERE id = ?1";
  g_autoptr(GlossStmt) stmt = _gloss_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _gloss_store_set_error_from_db (store, error, _("Cannot remove a document"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_unchanged (GlossStore      *store,
                 GlossMergeUndo  *undo,
                 GError         **error)
{
  g_autoptr(GHashTable) added = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < undo->added_documents->len; i++)
    g_hash_table_insert (added, g_memdup2 (&g_array_index (undo->added_documents, gint64, i),
                                           sizeof (gint64)), GUINT_TO_POINTER (0));
  for (guint i = 0; i < undo->rows->len; i++)
    {
      MergeRow *row = g_ptr_array_index (undo->rows, i);
      gpointer n;

      if (!row_unchanged (store, row))
        {
          g_set_error (error, GLOSS_MERGE_ERROR, GLOSS_MERGE_ERROR_CHANGED,
                       _("The project changed since the merge (%s %s); the merge can no "
                         "longer be undone"),
                       row->kind == ROW_ANNOTATION ? "annotation" :
                       row->kind == ROW_RELATION ? "relation" : "status", row->key);
          return FALSE;
        }
      if (g_hash_table_lookup_extended (added, &row->document_id, NULL, &n))
        g_hash_table_insert (added, g_memdup2 (&row->document_id, sizeof (gint64)),
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (n) + 1));
    }
  /* nothing else was written into the documents the merge added */
  for (guint i = 0; i < undo->added_documents->len; i++)
    {
      gint64 id = g_array_index (undo->added_documents, gint64, i);

      if (count_rows_of (store, id) != (gint64) GPOINTER_TO_UINT (g_hash_table_lookup (added,
                                                                                       &id)))
        {
          g_set_error (error, GLOSS_MERGE_ERROR, GLOSS_MERGE_ERROR_CHANGED,
                       _("A document the merge added was edited since; the merge can no longer "
                         "be undone"));
          return FALSE;
        }
    }
  for (guint i = 0; i < undo->renames->len; i++)
    {
      Rename *r = g_ptr_array_index (undo->renames, i);
      gint64 id = gloss_store_find_document_by_name (store, r->new_name);

      if (id != r->id)
        {
          g_set_error (error, GLOSS_MERGE_ERROR, GLOSS_MERGE_ERROR_CHANGED,
                       _("Document “%s” was renamed since the merge; the merge can no longer "
                         "be undone"), r->new_name);
          return FALSE;
        }
    }
  if (undo->new_schema != NULL)
    {
      g_autofree char *now = gloss_store_dup_schema_json (store);

      if (g_strcmp0 (now, undo->new_schema) != 0)
        {
          g_set_error (error, GLOSS_MERGE_ERROR, GLOSS_MERGE_ERROR_CHANGED,
                       _("The schema changed since the merge; the merge can no longer be "
                         "undone"));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
restore (GlossStore      *store,
         GlossMergeUndo  *undo,
         GHashTable      *touched,
         GError         **error)
{
  for (guint k = undo->rows->len; k > 0; k--)
    {
      MergeRow *row = g_ptr_array_index (undo->rows, k - 1);
      gboolean ok = TRUE;

      switch (row->kind)
        {
        case ROW_ANNOTATION:
          ok = row->before ? gloss_store_put_annotation (store, GLOSS_ANNOTATION (row->before),
                                                         error)
                           : gloss_store_remove_annotation (store, row->key, error);
          if (row->before)
            {
              gint64 id = gloss_annotation_get_document_id (GLOSS_ANNOTATION (row->before));
              g_hash_table_add (touched, g_memdup2 (&id, sizeof id));
            }
          break;
        case ROW_RELATION:
          ok = row->before ? gloss_store_put_relation (store, GLOSS_RELATION (row->before), error)
                           : gloss_store_remove_relation (store, row->key, error);
          if (row->before)
            {
              gint64 id = gloss_relation_get_document_id (GLOSS_RELATION (row->before));
              g_hash_table_add (touched, g_memdup2 (&id, sizeof id));
            }
          break;
        case ROW_STATUS:
          ok = gloss_store_set_document_status (store, row->document_id, row->key,
                                                row->before_status, row->before_modified, error);
          break;
        default:
          g_assert_not_reached ();
        }
      if (!ok)
        return FALSE;
      g_hash_table_add (touched, g_memdup2 (&row->document_id, sizeof (gint64)));
    }
  for (guint i = 0; i < undo->added_documents->len; i++)
    if (!delete_document (store, g_array_index (undo->added_documents, gint64, i), error))
      return FALSE;
  for (guint i = 0; i < undo->renames->len; i++)
    {
      Rename *r = g_ptr_array_index (undo->renames, i);
      g_autofree char *tmp = g_strdup_printf ("\x1fgloss-undo-%" G_GINT64_FORMAT, r->id);

      if (!set_document_name (store, r->id, tmp, error))
        return FALSE;
    }
  for (guint i = 0; i < undo->renames->len; i++)
    {
      Rename *r = g_ptr_array_index (undo->renames, i);

      if (!set_document_name (store, r->id, r->old_name, error))
        return FALSE;
    }
  if (undo->old_schema != NULL && !gloss_store_set_schema_json (store, undo->old_schema, error))
    return FALSE;
  return TRUE;
}

gboolean
gloss_project_undo_merge (GlossProject      *project,
                          GlossMergeReport  *report,
                          GError           **error)
{
  g_autoptr(GHashTable) touched = NULL;
  g_autoptr(GlossSchema) old_schema = NULL;
  g_autoptr(GlossSchema) previous = NULL;
  GlossStore *store;
  GlossMergeUndo *undo;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  if (!gloss_merge_report_can_undo (report))
    {
      g_set_error (error, GLOSS_MERGE_ERROR, GLOSS_MERGE_ERROR_NOTHING_TO_UNDO,
                   _("There is no merge to undo"));
      return FALSE;
    }
  undo = report->undo;
  store = gloss_project_get_store (project);
  if (undo->old_schema != NULL)
    {
      old_schema = gloss_schema_new_from_json (undo->old_schema, -1, error);
      if (old_schema == NULL)
        return FALSE;
    }
  touched = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  previous = g_object_ref (gloss_project_get_schema (project));
  if (!gloss_store_begin (store, error))
    return FALSE;
  if (!check_unchanged (store, undo, error) || !restore (store, undo, touched, error) ||
      (old_schema != NULL && !adopt_schema (project, old_schema, undo->old_schema, error)))
    {
      gloss_store_rollback (store);
      put_back_schema (project, previous);
      return FALSE;
    }
  if (!gloss_store_commit (store, error))
    {
      put_back_schema (project, previous);
      return FALSE;
    }
  undo->undone = TRUE;

  /* the open lists of removed documents: now empty */
  for (guint i = 0; i < undo->added_documents->len; i++)
    g_hash_table_add (touched, g_memdup2 (&g_array_index (undo->added_documents, gint64, i),
                                          sizeof (gint64)));
  refresh_project (project, touched, old_schema);
  return TRUE;
}
