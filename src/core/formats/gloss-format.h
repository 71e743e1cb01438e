/* gloss-format.h: importers and exporters behind one base type
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gloss-change-set.h"
#include "gloss-types.h"

G_BEGIN_DECLS

#define GLOSS_FORMAT_ERROR (gloss_format_error_quark ())

typedef enum
{
  GLOSS_FORMAT_ERROR_INVALID,         /* the file is malformed; message names file and line */
  GLOSS_FORMAT_ERROR_UNKNOWN_FORMAT,  /* no format recognises the file, or an unknown name */
  GLOSS_FORMAT_ERROR_UNSUPPORTED,     /* the format cannot import / export */
  GLOSS_FORMAT_ERROR_PROBLEMS,        /* the import found errors and nothing was written */
  GLOSS_FORMAT_ERROR_TOO_LARGE,       /* a file or text larger than the limits below */
  GLOSS_FORMAT_ERROR_OPTIONS,         /* export options that cannot apply together or to
                                       * the format; see gloss_format_check_export_options() */
} GlossFormatError;

GQuark gloss_format_error_quark (void);

/* ---- limits */

/* The largest document Gloss takes: files that are one document (text,
 * HTML, a brat .txt) are refused above it before they are read, and so is
 * a larger text from any format (SQLite stores at most 1,000,000,000 bytes
 * in one value; a document also lives whole in memory and in a
 * GtkTextBuffer). */
#define GLOSS_FORMAT_MAX_DOCUMENT_SIZE (G_GUINT64_CONSTANT (256) * 1000 * 1000)
/* The largest file of records that is read whole (JSON and JSON Lines,
 * CoNLL, CoNLL-U, WebAnno TSV, a brat .ann), refused above it before it is
 * read. */
#define GLOSS_FORMAT_MAX_FILE_SIZE (G_GUINT64_CONSTANT (1000) * 1000 * 1000)

/* ---- reports */

typedef enum
{
  GLOSS_PROBLEM_NOTE,      /* information, e.g. "events became trigger spans plus relations" */
  GLOSS_PROBLEM_WARNING,   /* something could not be represented and was reported */
  GLOSS_PROBLEM_ERROR,     /* a bad record: the import fails unless skip_bad is set */
} GlossProblemSeverity;

typedef struct
{
  GlossProblemSeverity  severity;
  char                 *file;     /* display name, may be NULL */
  guint                 line;     /* 1-based line or record number, 0 = none */
  char                 *message;
} GlossProblem;

/* The report of an import, and of an export (gloss_format_export()): there
 * n_documents counts the documents written, the other counts and lists stay
 * 0 / empty, and problems holds one GLOSS_PROBLEM_WARNING per thing the
 * format could not carry (file = the document's name; see GlossExportLoss),
 * at most GLOSS_EXPORT_REPORT_EXAMPLES of each kind, then one warning (file
 * NULL) counting the rest of that kind. */
typedef struct
{
  guint      n_documents;
  guint      n_annotations;
  guint      n_relations;
  GPtrArray *labels_added;          /* char * */
  GPtrArray *relation_types_added;  /* char * */
  GPtrArray *problems;              /* GlossProblem * */
} GlossImportReport;

GlossImportReport *gloss_import_report_new        (void);
void               gloss_import_report_free       (GlossImportReport *report);
void               gloss_import_report_add        (GlossImportReport    *report,
                                                   GlossProblemSeverity  severity,
                                                   const char           *file,
                                                   guint                 line,
                                                   const char           *format,
                                                   ...) G_GNUC_PRINTF (5, 6);
guint              gloss_import_report_count      (GlossImportReport    *report,
                                                   GlossProblemSeverity  severity);
/* Human-readable, one problem a line ("file:line: message"). */
char              *gloss_import_report_to_string  (GlossImportReport    *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossImportReport, gloss_import_report_free)

/* ---- options */

typedef struct
{
  const char        *format;         /* NULL: detect per file */
  const char        *annotator;      /* NULL: as the file says, else the project's */
  gboolean           skip_bad;       /* import the good records, report the bad ones */
  GlossProgressFunc  progress;
  gpointer           progress_data;
} GlossImportOptions;

/* What token-based exports (CoNLL, CoNLL-U, Hugging Face) do with a span
 * that does not line up with the tokens, one that starts or ends inside a
 * token ("North Korea" of "North Korean"). Never truncated: a span cut to
 * the whole tokens it covers would be a wrong entity. */
typedef enum
{
  GLOSS_MISALIGNED_DROP,    /* left out, each one reported (the default) */
  GLOSS_MISALIGNED_EXTEND,  /* extended to the boundaries of the tokens it touches, reported */
} GlossMisaligned;

typedef struct
{
  const char         *annotator;     /* only this annotator's annotations, NULL = all */
  gboolean            gold_only;     /* only the gold set (annotator GLOSS_GOLD_ANNOTATOR), of
                                      * the curated documents only: see GlossGoldState */
  gboolean            include_partial; /* with gold_only: partially curated documents too,
                                        * each named in a warning */
  int                 status;        /* only documents with this status for some annotator
                                      * (or for @annotator when set); -1 = all */
  const char * const *labels;        /* only these labels, NULL = all */
  guint               split[3];      /* train/validation/test ratios; all 0 = no split */
  guint64             seed;
  gboolean            keep_paths;    /* documents' "source" metadata keeps the full path of
                                      * the file imported, not its name only */
  GlossMisaligned     misaligned;    /* token-based formats only (gloss_format_exports_tokens()) */
  GlossProgressFunc   progress;
  gpointer            progress_data;
} GlossExportOptions;

/* Every filter off: all documents, annotators and labels. */
#define GLOSS_EXPORT_OPTIONS_INIT \
  { \
    .status = -1 \
  }
#define GLOSS_IMPORT_OPTIONS_INIT { NULL, NULL, FALSE, NULL, NULL }

/* ---- the gold set */

/* How far a document's curation went, as the curation view counts it
 * (gloss_curation_units(), gloss_curation_unit_is_curated()): a unit is
 * decided when it has a gold annotation or was rejected. */
typedef enum
{
  GLOSS_GOLD_NOT_CURATED,  /* no unit decided and no gold annotation: curation never began */
  GLOSS_GOLD_PARTIAL,      /* begun, not finished: some units are still undecided */
  GLOSS_GOLD_CURATED,      /* every unit decided (or, with no annotator's unit, gold drawn) */
} GlossGoldState;

/* The gold state of a stored document, with its units decided and in all
 * (either may be NULL). This is the rule gold exports follow
 * (GlossExportOptions.gold_only): only CURATED documents are exported,
 * PARTIAL ones when include_partial is set, each with a warning, and the
 * others are skipped, each named in a warning, then counted. */
gboolean      gloss_format_get_gold_state    (GlossProject              *project,
                                              GlossDocument             *document,
                                              GlossGoldState            *state,
                                              guint                     *n_decided,
                                              guint                     *n_units,
                                              GError                   **error);

/* Refuses, with a message that says why, the options that cannot apply
 * together or to @format (a name; NULL: any format): the gold set with
 * another annotator's filter, include_partial without gold_only, a split
 * for a format that does not split. gloss_format_export() checks it
 * first; the faces ask it to disable or refuse early. */
gboolean      gloss_format_check_export_options (const char               *format,
                                                 const GlossExportOptions *options,
                                                 GError                  **error);

/* ---- what exports lose */

/* What a format cannot carry, one kind of warning each. */
typedef enum
{
  GLOSS_EXPORT_LOSS_DISCONTINUOUS,        /* fragments written as separate spans */
  GLOSS_EXPORT_LOSS_ATTRIBUTES,           /* an annotation's attributes */
  GLOSS_EXPORT_LOSS_NOTE,                 /* an annotation's note */
  GLOSS_EXPORT_LOSS_NORMALISATION,        /* an annotation's normalisation */
  GLOSS_EXPORT_LOSS_RELATION,             /* a whole relation */
  GLOSS_EXPORT_LOSS_RELATION_ATTRIBUTES,  /* a relation's attributes */
  GLOSS_EXPORT_LOSS_OVERLAP,              /* a span overlapping or nested in another: left out */
  GLOSS_EXPORT_LOSS_TOKEN_BOUNDARY,       /* a span starting or ending inside a token: left out */
  GLOSS_EXPORT_LOSS_NO_TOKEN,             /* a span covering no token: left out */
  GLOSS_EXPORT_LOSS_EXTENDED,             /* a misaligned span extended to token boundaries
                                           * (GLOSS_MISALIGNED_EXTEND): written, but changed */
  GLOSS_EXPORT_LOSS_DOCUMENT_BOUNDARY,    /* documents run together (formats without them) */
  GLOSS_EXPORT_LOSS_SPACING,              /* the text would come back changed (spacing, NFC) */
  GLOSS_EXPORT_LOSS_EMPTY_DOCUMENT,       /* a document with no token: not written */
  GLOSS_EXPORT_N_LOSSES
} GlossExportLoss;

/* What a format can carry, for gloss_export_context_check_annotations()
 * and gloss_export_context_check_relations(). */
typedef enum
{
  GLOSS_EXPORT_CARRIES_NONE                = 0,
  GLOSS_EXPORT_CARRIES_DISCONTINUOUS       = 1 << 0,
  GLOSS_EXPORT_CARRIES_ATTRIBUTES          = 1 << 1,
  GLOSS_EXPORT_CARRIES_NOTES               = 1 << 2,
  GLOSS_EXPORT_CARRIES_NORMALISATIONS      = 1 << 3,
  GLOSS_EXPORT_CARRIES_RELATIONS           = 1 << 4,
  GLOSS_EXPORT_CARRIES_RELATION_ATTRIBUTES = 1 << 5,
} GlossExportCarries;

/* Warnings listed per kind of loss; the rest are counted in one line. */
#define GLOSS_EXPORT_REPORT_EXAMPLES 20

/* ---- contexts handed to the format implementations */

typedef struct _GlossImportContext GlossImportContext;
typedef struct _GlossExportContext GlossExportContext;

GlossProject             *gloss_import_context_get_project   (GlossImportContext *ctx);
/* The schema being built up by this import (a copy; saved on success). */
GlossSchema              *gloss_import_context_get_schema    (GlossImportContext *ctx);
const GlossImportOptions *gloss_import_context_get_options   (GlossImportContext *ctx);
GlossImportReport        *gloss_import_context_get_report    (GlossImportContext *ctx);
/* The annotator for imported rows: options->annotator, else @from_file when
 * not NULL/empty, else the project's annotator. */
const char               *gloss_import_context_annotator     (GlossImportContext *ctx,
                                                              const char         *from_file);
/* Adds the label to the schema when missing (layer NULL = "entity"), noting
 * it in the report. Never fails for a valid name. */
GlossLabel               *gloss_import_context_ensure_label  (GlossImportContext *ctx,
                                                              const char         *label,
                                                              const char         *layer);
GlossRelationType        *gloss_import_context_ensure_relation_type (GlossImportContext *ctx,
                                                                     const char         *type);
/* Declares an attribute for @label when missing: booleans as boolean,
 * strings as enum (the value is added to the enum's values). */
void                      gloss_import_context_ensure_attribute (GlossImportContext *ctx,
                                                                 const char         *label,
                                                                 const char         *name,
                                                                 GVariant           *value);
void                      gloss_import_context_ensure_relation_attribute (GlossImportContext *ctx,
                                                                          const char         *type,
                                                                          const char         *name,
                                                                          GVariant           *value);
/* Adds a document (unique name from @name); returns its id or 0. */
gint64                    gloss_import_context_add_document  (GlossImportContext *ctx,
                                                              const char         *name,
                                                              const char         *text,
                                                              gssize              len,
                                                              const char         *meta_json,
                                                              GError            **error);
/* Writes an annotation row into document @doc_id. Checks fragments against
 * the text length and ensures the label; stamps annotator and times when
 * the annotation has none (empty annotator, created 0). */
gboolean                  gloss_import_context_add_annotation (GlossImportContext *ctx,
                                                               gint64              doc_id,
                                                               GlossAnnotation    *annotation,
                                                               GError            **error);
gboolean                  gloss_import_context_add_relation  (GlossImportContext *ctx,
                                                              gint64              doc_id,
                                                              GlossRelation      *relation,
                                                              GError            **error);
gboolean                  gloss_import_context_set_status    (GlossImportContext *ctx,
                                                              gint64              doc_id,
                                                              const char         *annotator,
                                                              GlossDocumentStatus status,
                                                              GError            **error);
/* Records a bad record. Returns TRUE when the importer should go on (skip
 * the record: skip_bad is set), FALSE when it must stop; then @error is set
 * to a GLOSS_FORMAT_ERROR_INVALID naming file and line. */
gboolean                  gloss_import_context_bad_record    (GlossImportContext *ctx,
                                                              const char         *file,
                                                              guint               line,
                                                              GError            **error,
                                                              const char         *format,
                                                              ...) G_GNUC_PRINTF (5, 6);
void                      gloss_import_context_progress      (GlossImportContext *ctx,
                                                              double              fraction);

GlossProject             *gloss_export_context_get_project   (GlossExportContext *ctx);
const GlossExportOptions *gloss_export_context_get_options   (GlossExportContext *ctx);
/* The documents passing the filters, in name order (GlossDocument). */
GPtrArray                *gloss_export_context_get_documents (GlossExportContext *ctx);
/* Live annotations / relations of @doc passing the filters, in document
 * order / creation order; relations only between exported annotations. */
GPtrArray                *gloss_export_context_dup_annotations (GlossExportContext *ctx,
                                                                GlossDocument      *doc,
                                                                GError            **error);
GPtrArray                *gloss_export_context_dup_relations (GlossExportContext *ctx,
                                                              GlossDocument      *doc,
                                                              GPtrArray          *annotations,
                                                              GError            **error);
/* For exports that write labels and offsets only (CoNLL, Hugging Face):
 * the annotations of @doc passing the filters and @keep_label (may be
 * NULL; asked once per label and document), in document order, read
 * without building what such a format drops: they carry only their uuid,
 * label, fragments and annotator. What they lose is reported as
 * gloss_export_context_check_annotations() (with @carries) would, then the
 * relations between them, as gloss_export_context_check_relations() with
 * GLOSS_EXPORT_CARRIES_NONE would. */
typedef gboolean (*GlossExportLabelFunc) (GlossExportContext *ctx,
                                          const char         *label);
GPtrArray                *gloss_export_context_dup_spans     (GlossExportContext  *ctx,
                                                              GlossDocument       *doc,
                                                              GlossExportLabelFunc keep_label,
                                                              GlossExportCarries   carries,
                                                              GError             **error);
/* 0 train, 1 validation, 2 test: deterministic from the document's sha256
 * and the seed; 0 when no split is asked. */
guint                     gloss_export_context_split_of      (GlossExportContext *ctx,
                                                              GlossDocument      *doc);
void                      gloss_export_context_progress      (GlossExportContext *ctx,
                                                              double              fraction);
/* The export's report (never NULL). */
GlossImportReport        *gloss_export_context_get_report    (GlossExportContext *ctx);
/* TRUE when the project has live relations (asked once per export). */
gboolean                  gloss_export_context_has_relations (GlossExportContext *ctx);
/* One warning: "annotation UUID (LABEL START-END[,START-END…]): what was
 * lost", file = the document's name. Kinds past
 * GLOSS_EXPORT_REPORT_EXAMPLES are only counted. */
void                      gloss_export_context_lost_annotation (GlossExportContext *ctx,
                                                                GlossDocument      *doc,
                                                                GlossAnnotation    *annotation,
                                                                GlossExportLoss     loss);
/* The same with @detail (may be NULL) after the message, e.g. the offsets
 * a span was extended to: "(0-12)". */
void                      gloss_export_context_lost_annotation_full (GlossExportContext *ctx,
                                                                     GlossDocument      *doc,
                                                                     GlossAnnotation    *annotation,
                                                                     GlossExportLoss     loss,
                                                                     const char         *detail);
/* A loss of the document as a whole (document boundaries, spacing): one
 * warning "MESSAGE DETAIL", file = the document's name, counted like the
 * others. */
void                      gloss_export_context_lost_document (GlossExportContext *ctx,
                                                              GlossDocument      *doc,
                                                              GlossExportLoss     loss,
                                                              const char         *detail);
/* "relation UUID (TYPE): what was lost". */
void                      gloss_export_context_lost_relation (GlossExportContext *ctx,
                                                              GlossDocument      *doc,
                                                              GlossRelation      *relation,
                                                              GlossExportLoss     loss);
/* Reports, for each of @annotations, what the format cannot carry:
 * discontinuity, attributes, note, normalisation. */
void                      gloss_export_context_check_annotations (GlossExportContext *ctx,
                                                                  GlossDocument      *doc,
                                                                  GPtrArray          *annotations,
                                                                  GlossExportCarries  carries);
/* The same for @relations (may be NULL): whole relations without
 * GLOSS_EXPORT_CARRIES_RELATIONS, else their attributes other than
 * @kept (NULL-terminated, may be NULL) without
 * GLOSS_EXPORT_CARRIES_RELATION_ATTRIBUTES. */
void                      gloss_export_context_check_relations (GlossExportContext *ctx,
                                                                GlossDocument      *doc,
                                                                GPtrArray          *relations,
                                                                GlossExportCarries  carries,
                                                                const char * const *kept);

/* ---- where exports write */

/* Every file an export writes is opened here: each is written to a
 * temporary file in its destination's folder, and gloss_format_export()
 * renames them all into place only when the export succeeded, every file
 * was written and @cancellable was not cancelled. Otherwise it deletes the
 * temporary files, and the previous export (one file, or the whole set of
 * a folder export) is left byte for byte as it was. Write errors name the
 * destination and say why ("the disk is full", "file too large"); writes
 * fail with G_IO_ERROR_CANCELLED once @cancellable is cancelled.
 *
 * Returns a new buffered stream to @path (unref it; closing it is
 * optional: gloss_format_export() closes what is left open), or for "-"
 * one to the standard output, which is written as it goes. */
GOutputStream            *gloss_export_context_open_output   (GlossExportContext  *ctx,
                                                              const char          *path,
                                                              GCancellable        *cancellable,
                                                              GError             **error);
/* Writes the whole of file @name in folder @dir at once, the same way. */
gboolean                  gloss_export_context_write_file    (GlossExportContext  *ctx,
                                                              const char          *dir,
                                                              const char          *name,
                                                              const char          *contents,
                                                              gsize                length,
                                                              GCancellable        *cancellable,
                                                              GError             **error);

/* ---- the base type */

#define GLOSS_TYPE_FORMAT (gloss_format_get_type ())
G_DECLARE_DERIVABLE_TYPE (GlossFormat, gloss_format, GLOSS, FORMAT, GObject)

struct _GlossFormatClass
{
  GObjectClass parent_class;

  const char         *name;            /* "brat", "conll", ... (for --format) */
  const char         *display_name;    /* translatable, e.g. N_("brat standoff") */
  const char * const *extensions;      /* without dots, NULL-terminated */
  gboolean            export_to_folder;/* exports write a folder, not a file */
  gboolean            export_splits;   /* exports honour GlossExportOptions.split */
  /* Files that may be empty (brat's .ann: a text without annotations);
   * every other empty file is refused before the format reads it. */
  const char * const *empty_extensions;
  gboolean            export_tokens;   /* exports honour GlossExportOptions.misaligned */

  /* 0 (not this format) .. 100 (certainly). @head is the file's first
   * bytes (empty for folders). NULL = by extension only. */
  int      (*detect)      (GlossFormat        *self,
                           const char         *path,
                           GBytes             *head);
  /* NULL when the format cannot import / export. */
  gboolean (*import_path) (GlossFormat        *self,
                           GlossImportContext *ctx,
                           const char         *path,
                           GCancellable       *cancellable,
                           GError            **error);
  gboolean (*export_path) (GlossFormat        *self,
                           GlossExportContext *ctx,
                           const char         *path,
                           GCancellable       *cancellable,
                           GError            **error);

  gpointer padding[8];
};

const char   *gloss_format_get_name          (GlossFormat *self);
const char   *gloss_format_get_display_name  (GlossFormat *self);
gboolean      gloss_format_can_import        (GlossFormat *self);
gboolean      gloss_format_can_export        (GlossFormat *self);
/* TRUE when exports write a folder (brat, hf), FALSE for one file. */
gboolean      gloss_format_exports_to_folder (GlossFormat *self);
/* TRUE when exports write train/validation/test splits (hf). */
gboolean      gloss_format_exports_splits    (GlossFormat *self);
/* TRUE when exports write tokens with tags (CoNLL, CoNLL-U, hf): they
 * honour GlossExportOptions.misaligned. */
gboolean      gloss_format_exports_tokens    (GlossFormat *self);

/* The annotator of imported annotations whose file names none (without
 * --annotator), and the one exports leave unnamed where a format names
 * annotators only when needed: the project's annotator, else the login
 * name. */
const char   *gloss_format_default_annotator (GlossProject *project);

/* Registry: every built-in format, in a fixed order (GlossFormat, owned). */
GPtrArray    *gloss_format_list              (void);
GlossFormat  *gloss_format_lookup            (const char  *name);
/* The best format for a file or folder; NULL with an error naming it. */
GlossFormat  *gloss_format_detect            (const char  *path,
                                              GError     **error);

/* Imports @paths in ONE transaction: on any error (or any error-severity
 * problem without skip_bad) nothing is written and the project, its
 * schema and its document list are as before. @report may be NULL. */
gboolean      gloss_format_import            (GlossProject              *project,
                                              const char * const        *paths,
                                              const GlossImportOptions  *options,
                                              GlossImportReport         *report,
                                              GCancellable              *cancellable,
                                              GError                   **error);
/* gloss_format_import(), and on success *@changes_out (may be NULL) receives
 * the import as the change set it applied: the documents it added with
 * their rows, and the labels and relation types it put into the schema.
 * gloss_project_undo_changes() removes exactly that, in one step, and
 * gloss_project_redo_changes() writes it again (same documents and ids).
 * Imported on a worker thread's own project, the set undoes and redoes on
 * the project that shows the documents (after gloss_project_refresh()). */
gboolean      gloss_format_import_full       (GlossProject              *project,
                                              const char *const         *paths,
                                              const GlossImportOptions  *options,
                                              GlossImportReport         *report,
                                              GlossChangeSet           **changes_out,
                                              GCancellable              *cancellable,
                                              GError                   **error);
/* Streams the filtered project to @path (a file, or a folder for
 * folder formats). All or nothing: every file is written to a temporary
 * file beside its destination, and they are renamed into place only when
 * all of them were written (see gloss_export_context_open_output()), so an
 * export that fails or is cancelled part-way leaves the previous export
 * (every file of it, for folder formats) as it was and no temporary file
 * behind. "-" exports a file format to stdout.
 * @report (may be NULL) receives a warning for everything the format could
 * not carry (see GlossImportReport): the export still succeeds. */
gboolean      gloss_format_export            (GlossProject              *project,
                                              const char                *format,
                                              const char                *path,
                                              const GlossExportOptions  *options,
                                              GlossImportReport         *report,
                                              GCancellable              *cancellable,
                                              GError                   **error);

G_END_DECLS
