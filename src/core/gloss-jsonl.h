/* gloss-jsonl.h: lossless Gloss JSONL export and import
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gloss-types.h"

G_BEGIN_DECLS

#define GLOSS_JSONL_ERROR (gloss_jsonl_error_quark ())

typedef enum
{
  GLOSS_JSONL_ERROR_INVALID,         /* not JSON, a missing or malformed member, bad offsets */
  GLOSS_JSONL_ERROR_UNKNOWN,         /* a label or relation type the schema does not have */
  GLOSS_JSONL_ERROR_CONFLICT,        /* a uuid already in the project */
  GLOSS_JSONL_ERROR_TOO_NEW,         /* "gloss" version newer than this build reads */
  GLOSS_JSONL_ERROR_EMPTY,           /* no document in the file */
} GlossJsonlError;

GQuark gloss_jsonl_error_quark (void);

/* The "gloss" member of every line. */
#define GLOSS_JSONL_VERSION 1

typedef struct
{
  guint n_documents;
  guint n_annotations;
  guint n_relations;
} GlossJsonlImportReport;

/* Gloss JSONL: one compact JSON object per document, documents in name
 * order, members in a fixed order:
 *
 *   {"gloss":1,"uuid":…,"name":…,"text":…,"sha256":…,"meta":{…},
 *    "attributes":{…},"status":{"annotator":"in-progress",…},
 *    "annotations":[{"uuid","label","fragments":[[s,e],…],"text",
 *                    "attributes","note","norm_id","norm_name",
 *                    "annotator","created","modified","deleted"},…],
 *    "relations":[{"uuid","type","source","target","attributes",
 *                  "annotator","created","modified","deleted"},…]}
 *
 * Offsets are code points, end-exclusive; times ISO 8601 UTC with
 * microseconds; annotations in (start, end, uuid) order, relations in
 * (created, uuid) order; tombstones included ("deleted": true), so that
 * export (import (export (P))) is byte-identical to export (P).
 *
 * The export reads the store one document at a time. */
gboolean gloss_jsonl_export (GlossProject            *project,
                             GOutputStream           *out,
                             GCancellable            *cancellable,
                             GError                 **error);

/* Which rows a filtered export writes: an annotation of @annotator with
 * @label, or (@label NULL) @annotator's status of a document. */
typedef gboolean (*GlossJsonlKeepFunc) (const char *annotator,
                                        const char *label,
                                        gpointer    user_data);

/* gloss_jsonl_export() of a view of the project, in the same line format:
 * the documents of @document_ids (gint64, in that order; NULL: every one,
 * in name order), and, with @keep, only the live annotations it keeps,
 * the live relations between them and the statuses of the annotators it
 * keeps: no tombstones, since the file is no longer a copy to merge back.
 * Without @keep, every row as gloss_jsonl_export() writes it. */
gboolean gloss_jsonl_export_filtered (GlossProject            *project,
                                      GOutputStream           *out,
                                      GArray                  *document_ids,
                                      GlossJsonlKeepFunc       keep,
                                      gpointer                 keep_data,
                                      GCancellable            *cancellable,
                                      GError                 **error);

/* All or nothing, in one store transaction: any bad line gives an error
 * "FILENAME:LINE: …" and nothing is written. Documents whose name is taken
 * get a unique name; a document uuid (or annotation/relation uuid) already
 * in the project is an error. Labels and relation types must be in the
 * project's schema. Rows are restored as they are (uuid, annotator, times,
 * tombstones), not through commands. Reloads the project's documents on
 * success. */
gboolean gloss_jsonl_import (GlossProject            *project,
                             GInputStream            *in,
                             const char              *filename_for_messages,
                             GlossJsonlImportReport  *report,
                             GCancellable            *cancellable,
                             GError                 **error);

G_END_DECLS
