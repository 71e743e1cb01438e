/* gloss-brat-private.h: what the brat format's files share
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gloss-format.h"

G_BEGIN_DECLS

/* How brat things we have no field for are kept, so that they export again:
 * the type of a note that is not "AnnotatorNotes" (TDT's "Lemma") is the
 * annotation attribute NOTE_TYPE_ATTR; a note on a relation is the relation's
 * text attribute RELATION_NOTE_ATTR. */
#define NOTE_TYPE_ATTR     "note-type"
#define RELATION_NOTE_ATTR "note"
#define DEFAULT_NOTE_TYPE  "AnnotatorNotes"

/* One import of a file or folder: the annotation.conf files already read,
 * and the folders whose annotation.conf was already looked for. */
typedef struct
{
  GlossImportContext *ctx;
  GHashTable         *confs;     /* conf paths already read */
  GHashTable         *folders;   /* folders already looked up from, or NULL */
} GlossBratImport;

/* Field separators of a .ann or .conf line. */
static inline gboolean
_gloss_brat_is_space (char c)
{
  return c == ' ' || c == '\t';
}

/* An attribute value as brat can hold it: its .ann line and its
 * annotation.conf split on white space, "," and "|", so those (and "%",
 * then) are written %20, %09, %2C, %7C and %25 ("very likely" is
 * "very%20likely"); decoding takes them back and leaves any other "%" as
 * it is. Newly allocated. */
char    *_gloss_brat_encode_value (const char *value);
char    *_gloss_brat_decode_value (const char *value);

/* One .ann file and its text as read, before anything is written. */
typedef struct _GlossBratRead GlossBratRead;

/* gloss-brat-ann.c: one .ann file (NULL: none) with its text, imported;
 * one document exported as NAME.txt and NAME.ann in @dir.
 *
 * An import is reading then writing: _gloss_brat_read() touches nothing
 * of the import (any thread may run it, with the import's skip_bad), and
 * _gloss_brat_write() puts what it found into the import's report, in
 * order, then writes the pair or fails as reading said. */
gboolean       _gloss_brat_import_pair (GlossBratImport     *bi,
                                        const char          *ann_path,
                                        const char          *txt_path,
                                        GError             **error);
GlossBratRead *_gloss_brat_read        (const char          *ann_path,
                                        const char          *txt_path,
                                        gboolean             skip_bad);
/* TRUE when reading stopped the import: the write will fail. */
gboolean       _gloss_brat_read_failed (GlossBratRead       *rd);
gboolean       _gloss_brat_write       (GlossBratImport     *bi,
                                        GlossBratRead       *rd,
                                        GError             **error);
void           _gloss_brat_read_free   (GlossBratRead       *rd);
gboolean _gloss_brat_export_document  (GlossExportContext  *ctx,
                                       GlossDocument       *doc,
                                       const char          *dir,
                                       const char          *base,
                                       GCancellable        *cancellable,
                                       GError             **error);

/* gloss-brat-conf.c: seeds the schema from the annotation.conf that brat
 * would use for @ann_path, looked for up to @root (NULL: its folder only),
 * once per import; writes annotation.conf and visual.conf of @schema. */
void     _gloss_brat_seed_confs_for   (GlossBratImport     *bi,
                                       const char          *ann_path,
                                       const char          *root);
gboolean _gloss_brat_write_confs      (GlossExportContext  *ctx,
                                       GlossSchema         *schema,
                                       const char          *dir,
                                       GCancellable        *cancellable,
                                       GError             **error);

G_END_DECLS
