/* gloss-merge.h: folding another project file into this one
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gloss-change-set.h"
#include "gloss-types.h"

G_BEGIN_DECLS

#define GLOSS_MERGE_ERROR (gloss_merge_error_quark ())

typedef enum
{
  GLOSS_MERGE_ERROR_INVALID,         /* the source's schema or rows cannot be read */
  GLOSS_MERGE_ERROR_CHANGED,         /* undo: the project changed since the merge */
  GLOSS_MERGE_ERROR_NOTHING_TO_UNDO, /* undo: the report holds no undoable merge */
} GlossMergeError;

GQuark gloss_merge_error_quark (void);

/* What one merge wrote of one annotator's rows: the annotations and
 * relations whose annotator (their author) is @annotator, and
 * @annotator's document statuses. Counted as the report's totals are. */
typedef struct
{
  char  *annotator;
  guint  documents;            /* documents these rows were written into */
  guint  annotations_added;
  guint  annotations_updated;
  guint  annotations_deleted;
  guint  relations_added;
  guint  relations_updated;
  guint  relations_deleted;
  guint  statuses_updated;
} GlossMergeAnnotator;

/* What one merge did. Counts are of rows whose visible state changed:
 * "added" = absent or deleted before and live after, "deleted" = live
 * before and a tombstone after, "updated" = live before and after with a
 * difference. Rows that changed invisibly (a tombstone replaced by a newer
 * tombstone) count in *_written only. The report also keeps what is needed
 * to undo the merge (see gloss_project_undo_merge()). */
typedef struct
{
  guint      documents_added;
  guint      documents_renamed;
  guint      annotations_added;
  guint      annotations_updated;
  guint      annotations_deleted;
  guint      annotations_written;
  guint      relations_added;
  guint      relations_updated;
  guint      relations_deleted;
  guint      relations_written;
  guint      statuses_updated;
  GPtrArray *labels_added;      /* char *: labels, relation types and document
                                 * attributes new to the target schema */
  GPtrArray *conflicts;         /* char *: notes for people on what the merge settled
                                 * itself: a definition that differs in the source
                                 * (the target's kept), a document renamed */
  GPtrArray *annotators;        /* GlossMergeAnnotator *: each annotator some of whose
                                 * rows the merge wrote, by name */
  guint      annotations_differing; /* annotations both projects held (same uuid and
                                     * document), in different versions; a deletion
                                     * is a version */
  guint      annotations_kept;  /* of those, the ones whose version in the target was
                                 * the newer and stayed */
  GArray    *documents;         /* gint64: the target documents the merge wrote rows
                                 * into, each once */

  /*< private >*/
  GlossChangeSet *changes;      /* what the merge wrote, for its undo */
} GlossMergeReport;

GlossMergeReport *gloss_merge_report_new       (void);
void              gloss_merge_report_free      (GlossMergeReport *report);
/* TRUE when the report holds a merge that changed something and has not
 * been undone. */
gboolean          gloss_merge_report_can_undo  (GlossMergeReport *report);
/* A few sentences for people ("ben’s annotations: 3 added, ..."), translated. */
char             *gloss_merge_report_to_string (GlossMergeReport *report);
/* The figures of @annotator's rows, or NULL when the merge wrote none. */
const GlossMergeAnnotator *
                  gloss_merge_report_lookup_annotator (GlossMergeReport *report,
                                                       const char       *annotator);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossMergeReport, gloss_merge_report_free)

/* Folds the project file at @source_path into @target, in one transaction
 * of the target's store:
 *  - documents match one to one, first by their uuid; a source document
 *    whose uuid the target does not hold (they never met: the same article
 *    imported separately) matches by SHA-256 of its text a target document
 *    no other source document of this merge matched, the first in uuid
 *    order, source documents in uuid order. Two documents of one project
 *    are never folded into one: merging a project into itself or a copy of
 *    it changes nothing. A uuid the target holds for another text stands for
 *    a uuid derived from it and the text. A document left unmatched is added
 *    with its uuid, metadata, attributes and creation time; names are made
 *    unique deterministically: documents whose names collide ("x", "x (2)",
 *    ...) are numbered in uuid order;
 *  - annotations and relations match by uuid and go to the target document
 *    their source document matched; the row with the newer modification
 *    time wins, ties are broken by a total order on the row contents;
 *    tombstones are rows like any other. Rows are restored as they are
 *    (annotator, times), not through commands;
 *  - per-annotator document statuses and assignments (tombstones
 *    included): the newer modification wins;
 *  - schemas are united: the schema stored when the merge's transaction
 *    starts (which another program may have changed since @target read it)
 *    gains the labels, relation types and document attributes only in the
 *    source; a label or relation type defined differently in both keeps the
 *    target's definition and is reported as a conflict. @target is given
 *    the schema the merge leaves stored.
 * So a merge is idempotent and the result does not depend on the order of
 * the sources (document row ids and schema display order aside). Two
 * limits: a text imported independently into two sources (two document
 * uuids, one SHA-256) becomes one document whose uuid, name and metadata
 * come from the first source merged; and a relation may stay live while an
 * end of it is a tombstone (one copy deleted the annotation, another
 * edited the relation later): readers treat such a relation as deleted.
 * An older project version is read from a temporary copy: the source file
 * is never written.
 *
 * A source that is not a Gloss project, is damaged or was written by a
 * newer Gloss is refused with the store's message and the target is left
 * untouched. After the commit the project's documents are reloaded and the
 * open annotation lists of the affected documents re-read their rows (their
 * undo histories are cleared: the merge is undone as a whole with
 * gloss_project_undo_merge()).
 *
 * @report may be NULL; otherwise it is reset and filled. */
gboolean          gloss_merge_project          (GlossProject      *target,
                                                const char        *source_path,
                                                GlossMergeReport  *report,
                                                GCancellable      *cancellable,
                                                GError           **error);

/* Undoes the merge recorded in @report in one transaction: restores every
 * row the merge wrote, removes the documents it added, restores names and
 * the schema the merge found stored. Refused (GLOSS_MERGE_ERROR_CHANGED) when a row the merge wrote
 * has changed since. After success the report can no longer be undone. */
gboolean          gloss_project_undo_merge     (GlossProject      *project,
                                                GlossMergeReport  *report,
                                                GError           **error);

G_END_DECLS
