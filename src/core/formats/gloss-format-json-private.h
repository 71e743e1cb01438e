/* gloss-format-json-private.h: JSON and JSON Lines files for importers and exporters
 * (the doccano, spaCy and Label Studio formats): reading record by record,
 * members, keys, the steps of an import and the loop of an export
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "gloss-format.h"

G_BEGIN_DECLS

/* ---- reading a file record by record */

/* Called once per record. @node is the record (any JSON value; the callee
 * checks its type), or NULL when the record could not be read at all; then
 * @problem says why ("invalid JSON: ...", "invalid UTF-8 at byte N"). @line
 * is the 1-based line where the record starts, @index its 1-based number.
 * Return FALSE with @error set to stop. */
typedef gboolean (*GlossJsonRecordFunc) (JsonNode    *node,
                                         guint        line,
                                         guint        index,
                                         const char  *problem,
                                         gpointer     user_data,
                                         GError     **error);

typedef enum
{
  GLOSS_JSON_RECORDS_AUTO,   /* lines, unless the file is one JSON array or a pretty object */
  GLOSS_JSON_RECORDS_LINES,  /* JSON Lines: one record per non-blank line */
  GLOSS_JSON_RECORDS_WHOLE,  /* one JSON value: an array of records, or one record */
} GlossJsonRecordsMode;

/* Reads @data (a whole file) record by record. */
gboolean gloss_json_records_foreach (const char            *data,
                                     gsize                  length,
                                     GlossJsonRecordsMode   mode,
                                     GlossJsonRecordFunc    func,
                                     gpointer               user_data,
                                     GCancellable          *cancellable,
                                     GError               **error);

/* ---- members, type-checked for import messages */

/* Each getter looks up @member in @object:
 *  - absent or JSON null: returns TRUE and leaves *out untouched when
 *    @required is FALSE (set your default first); returns FALSE with
 *    "field “x” is missing" when @required is TRUE;
 *  - of the wrong type: FALSE with "field “x” must be a number" (a string,
 *    an integer, a non-negative integer, a boolean, an array, an object);
 *  - else stores the value (borrowed for strings, arrays and objects).
 * The messages carry no location: hand them to
 * gloss_import_context_bad_record (ctx, file, record, error, "%s", msg),
 * which prefixes "file:record: ", or prefix "record N: " with
 * gloss_format_json_prefix_record(). */
gboolean  gloss_format_json_get_string   (JsonObject  *object,
                                          const char  *member,
                                          gboolean     required,
                                          const char **out,
                                          GError     **error);
/* Offsets and counts: 0 <= value <= G_MAXUINT. */
gboolean  gloss_format_json_get_uint     (JsonObject  *object,
                                          const char  *member,
                                          gboolean     required,
                                          guint       *out,
                                          GError     **error);
gboolean  gloss_format_json_get_boolean  (JsonObject  *object,
                                          const char  *member,
                                          gboolean     required,
                                          gboolean    *out,
                                          GError     **error);
gboolean  gloss_format_json_get_array    (JsonObject  *object,
                                          const char  *member,
                                          gboolean     required,
                                          JsonArray  **out,
                                          GError     **error);
gboolean  gloss_format_json_get_object   (JsonObject  *object,
                                          const char  *member,
                                          gboolean     required,
                                          JsonObject **out,
                                          GError     **error);
/* Prefixes "record N: " to an error's message (no-op for a NULL error). */
void      gloss_format_json_prefix_record (GError    **error,
                                           guint       record);

/* ---- members, keys and meta, leniently */

/* A string, or an integer written as a string ("12"), else NULL: for ids,
 * numeric labels and user ids. */
char *gloss_json_node_dup_key (JsonNode *node);

/* The string value of @member, or NULL when absent or not a string. */
const char *gloss_json_member_string (JsonObject *object,
                                      const char *member);

/* A non-negative integer that fits a guint (integral doubles too). */
gboolean gloss_json_node_get_uint (JsonNode *node,
                                   guint    *out);

/* Adds a string that may be an integer ("12") as a JSON integer, else as a
 * string: numeric ids and labels go back out the way they came in. */
void gloss_json_builder_add_key (JsonBuilder *builder,
                                 const char  *key);

/* A document's metadata as exported (a new reference, NULL for NULL): the
 * "source" an import recorded, the absolute path of the file read, becomes
 * the file's name unless @keep_paths. */
JsonObject *gloss_json_export_meta (JsonObject *meta,
                                    gboolean    keep_paths);

/* TRUE for a document metadata key the formats keep for themselves
 * ("format", "filename", the tokens a token format read, what spaCy and
 * Label Studio records held that Gloss has no place for): never written as
 * a record's metadata. */
gboolean gloss_json_meta_key_is_own (const char *key);

/* Adds a "meta" member holding @meta's members but Gloss's own (above),
 * or nothing when none is left. */
void gloss_json_builder_add_meta (JsonBuilder *b,
                                  JsonObject  *meta);

/* ---- reading a file for an importer; what detectors see */

/* Reads a JSON or JSON Lines file for an importer, as UTF-8 (see
 * gloss_format_json_to_utf8(): UTF-8 and UTF-16 with a BOM are read, other
 * encodings refused with the reason). A file that is empty or cannot be
 * read as UTF-8 is a bad record: FALSE with @error, or with skip_bad TRUE
 * and *contents NULL (the file is skipped, the report says why). I/O
 * errors: FALSE with @error. A converted file gets a note. */
gboolean gloss_json_read_input (GlossImportContext  *ctx,
                                const char          *path,
                                const char          *display,
                                char               **contents,
                                gsize               *length,
                                GError             **error);

/* TRUE when the first bytes of a file contain @needle. */
gboolean gloss_json_head_has (GBytes     *head,
                              const char *needle);

/* The first non-blank byte of a file head ('\0' when none). */
char gloss_json_head_first_char (GBytes *head);

/* ---- writing a good record (doccano, spaCy, Label Studio imports) */

/* Adds a one-fragment annotation to document @doc_id and its uuid to
 * @uuids; errors name "DISPLAY:LINE: ". */
gboolean gloss_json_add_span (GlossImportContext   *ctx,
                              gint64                doc_id,
                              const char           *label,
                              const GlossFragment  *fragment,
                              const char           *annotator,
                              GPtrArray            *uuids,
                              const char           *display,
                              guint                 line,
                              GError              **error);

/* Adds a relation between two annotations of @uuids (by index), with
 * "direction": "bi" when @bidirectional. */
gboolean gloss_json_add_relation (GlossImportContext  *ctx,
                                  gint64               doc_id,
                                  const char          *type,
                                  GPtrArray           *uuids,
                                  guint                from,
                                  guint                to,
                                  const char          *annotator,
                                  gboolean             bidirectional,
                                  const char          *display,
                                  guint                line,
                                  GError             **error);

/* ---- the export loop of the doccano, spaCy and Label Studio formats */

/* Builds the record of document @doc (number @index, from 1) from its
 * exported annotations and the relations between them. */
typedef JsonNode *(*GlossJsonRecordBuilder) (GlossDocument *doc,
                                             guint          index,
                                             GPtrArray     *annotations,
                                             GPtrArray     *relations,
                                             gpointer       user_data);

typedef struct
{
  const char         *start;        /* written first */
  const char         *before_first; /* before the first record */
  const char         *before_next;  /* before each other record */
  const char         *after_each;   /* after every record */
  const char         *end;          /* written last */
  gboolean            relations;    /* load the relations (else the builder gets NULL) */
  GlossExportCarries  carries;      /* for the report */
  const char * const *kept_relation_attributes;
} GlossJsonExportLayout;

/* JSON Lines: one record a line. */
#define GLOSS_JSON_EXPORT_LINES "", "", "", "\n", ""

/* Streams one record per exported document to @path; reports what the
 * format cannot carry. */
gboolean gloss_json_export_records (GlossExportContext          *ctx,
                                    const char                  *path,
                                    const GlossJsonExportLayout *layout,
                                    GlossJsonRecordBuilder       build,
                                    gpointer                     user_data,
                                    GCancellable                *cancellable,
                                    GError                     **error);

G_END_DECLS
