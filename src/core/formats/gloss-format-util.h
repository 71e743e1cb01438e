/* gloss-format-util.h: small helpers shared by the format implementations
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gloss-types.h"

G_BEGIN_DECLS

/* All errors below are GLOSS_FORMAT_ERROR_INVALID (or a GIO/GFile error for
 * I/O). Where a @display name is taken (the name to show for the file, e.g.
 * g_filename_display_name() of the path), messages start with "DISPLAY: " or
 * "DISPLAY:LINE: " so that they can be shown as they are; with @display NULL
 * they carry no location, ready for gloss_import_context_bad_record(). */

/* ---- reading files */

/* Reads the whole of a file of records (JSON, CoNLL, a brat .ann…) into a
 * NUL-terminated buffer (the NUL is not counted in @length). Errors name
 * the file: "DISPLAY: No such file or directory"; a file larger than
 * GLOSS_FORMAT_MAX_FILE_SIZE is refused before anything is read, with
 * GLOSS_FORMAT_ERROR_TOO_LARGE: "“DISPLAY” is too large (N MB; Gloss reads
 * files up to M MB)". */
gboolean  gloss_format_read_file         (const char  *path,
                                          char       **contents,
                                          gsize       *length,
                                          GError     **error);
/* The same for a file that is one document (text, HTML, a brat .txt), up to
 * GLOSS_FORMAT_MAX_DOCUMENT_SIZE: "“DISPLAY” is too large (N MB; Gloss
 * takes documents up to M MB)". */
gboolean  gloss_format_read_document     (const char  *path,
                                          char       **contents,
                                          gsize       *length,
                                          GError     **error);
/* The message for a document of @size bytes, larger than
 * GLOSS_FORMAT_MAX_DOCUMENT_SIZE: "“NAME” is too large (N MB; Gloss takes
 * documents up to M MB)". */
char     *gloss_format_dup_too_large     (const char  *name,
                                          guint64      size);

/* ---- quoting the input in messages */

/* Messages quote at most this many characters of the input. */
#define GLOSS_FORMAT_QUOTE_MAX 200

/* Input text (span texts, tokens, labels, lines, JSON…) to quote in a
 * message: @text (@length bytes, -1 = NUL-terminated) as it is when it has
 * at most GLOSS_FORMAT_QUOTE_MAX characters, else its first
 * GLOSS_FORMAT_QUOTE_MAX characters and "…", cut between characters. Bytes
 * that are not UTF-8 become U+FFFD. NULL gives "". */
char     *gloss_format_quote             (const char  *text,
                                          gssize       length);

/* ---- text checks and decoding */

/* TRUE when @data is valid UTF-8 (NUL bytes are valid here). Otherwise FALSE
 * and, when not NULL, @bad_byte is the 0-based byte offset of the first bad
 * byte and @bad_line its 1-based line number. */
gboolean  gloss_format_utf8_check        (const char  *data,
                                          gsize        length,
                                          gsize       *bad_byte,
                                          guint       *bad_line);

/* The same as an error: "DISPLAY:L: invalid UTF-8 at byte N (line L)", or
 * without @display "invalid UTF-8 at byte N (line L)". */
gboolean  gloss_format_validate_utf8     (const char  *data,
                                          gsize        length,
                                          const char  *display,
                                          GError     **error);

/* Turns the bytes of a text file into the UTF-8 text a document stores:
 * UTF-8 (a BOM is dropped), UTF-16 LE/BE with a BOM (converted). Refuses,
 * with the reason: an empty file ("empty file"), NUL bytes ("NUL bytes at
 * byte N: binary file?"), invalid UTF-8 ("invalid UTF-8 at byte N (line
 * L)"), an undecodable UTF-16 file ("invalid UTF-16LE at byte N"); each
 * prefixed with "DISPLAY: " when @display is not NULL. @encoding (may be
 * NULL) receives a static name: "UTF-8", "UTF-8 with BOM", "UTF-16LE",
 * "UTF-16BE". Line ends are kept as they are. */
gboolean  gloss_format_decode_text       (const char  *data,
                                          gsize        length,
                                          const char  *display,
                                          char       **text,
                                          gsize       *text_length,
                                          const char **encoding,
                                          GError     **error);

/* Makes the bytes of a JSON or JSON Lines file UTF-8, in place: a UTF-8
 * BOM is dropped, UTF-16 LE/BE with a BOM converted (as
 * gloss_format_decode_text() does, with its errors). Other bytes are left
 * for the record reader to check record by record (invalid UTF-8 names its
 * record), except what cannot be read as UTF-8 at all: UTF-32 (by its BOM)
 * and UTF-16 or UTF-32 without a BOM (a NUL in the first two bytes) are
 * refused with the reason. Errors are GLOSS_FORMAT_ERROR_INVALID without a
 * location. @encoding (may be NULL) receives "UTF-8", "UTF-8 with BOM",
 * "UTF-16LE" or "UTF-16BE". */
gboolean  gloss_format_json_to_utf8      (char       **data,
                                          gsize       *length,
                                          const char **encoding,
                                          GError     **error);

/* The first bytes of a file as detectors want them: UTF-16 with a BOM
 * converted to UTF-8 (a character cut by the end is dropped), anything else
 * as it is. */
GBytes   *gloss_format_head_to_utf8      (GBytes      *head);

/* ---- lines */

/* Iterates over the lines of a buffer without copying. Lines end at "\n";
 * a "\r" before it is not part of the line (@had_cr tells). The last line
 * is returned even without a final "\n"; an empty buffer has no lines. */
typedef struct
{
  const char *data;
  gsize       length;
  gsize       pos;      /* byte offset of the next line */
  guint       line;     /* 1-based number of the line last returned */
} GlossLineReader;

void      gloss_line_reader_init         (GlossLineReader *reader,
                                          const char      *data,
                                          gsize            length);
/* FALSE at the end. @line points into the buffer (not NUL-terminated);
 * @line_start (may be NULL) receives its byte offset in the buffer. */
gboolean  gloss_line_reader_next         (GlossLineReader *reader,
                                          const char     **line,
                                          gsize           *line_length,
                                          gsize           *line_start,
                                          gboolean        *had_cr);

/* ---- offsets (wrappers over gloss-offsets.h for whole fragments) */

/* Converts a [start, end) span in UTF-16 code units / UTF-8 bytes of the
 * map's text to code points. FALSE when start > end, an end lies past the
 * text, or an end falls inside a character. */
gboolean  gloss_format_span_from_utf16   (GlossOffsetMap *map,
                                          guint           start,
                                          guint           end,
                                          GlossFragment  *fragment);
gboolean  gloss_format_span_from_bytes   (GlossOffsetMap *map,
                                          gsize           start,
                                          gsize           end,
                                          GlossFragment  *fragment);
/* The reverse: code points to UTF-16 units / bytes. */
gboolean  gloss_format_span_to_utf16     (GlossOffsetMap      *map,
                                          const GlossFragment *fragment,
                                          guint               *start,
                                          guint               *end);
gboolean  gloss_format_span_to_bytes     (GlossOffsetMap      *map,
                                          const GlossFragment *fragment,
                                          gsize               *start,
                                          gsize               *end);
/* A newly allocated copy of the text of code points [start, end) of the
 * map's text, or NULL when out of range. */
char     *gloss_format_dup_span_text     (GlossOffsetMap *map,
                                          const char     *text,
                                          guint           start,
                                          guint           end);

/* ---- writing files all or nothing */

/* The files of one export (see gloss_export_context_open_output()). Each
 * is written to a temporary file in its destination's folder (".NAME.XXXXXX",
 * with the mode of the file it replaces, else that of a new file);
 * gloss_output_set_commit() renames them all into place once every one is
 * written, and a set freed before that deletes its temporary files,
 * leaving every destination as it was. Write errors name the destination
 * and say why: "DISPLAY: cannot be written: the disk is full" (or "file too
 * large", or the system's reason); writes fail with G_IO_ERROR_CANCELLED
 * once their cancellable is cancelled. */
typedef struct _GlossOutputSet GlossOutputSet;

GlossOutputSet *gloss_output_set_new     (void);
/* Deletes the temporary files not committed. */
void            gloss_output_set_free    (GlossOutputSet  *set);
/* A new buffered stream to the temporary file of @path (the set keeps a
 * reference of its own). Opening a path again drops what was written to
 * it before. */
GOutputStream  *gloss_output_set_open    (GlossOutputSet  *set,
                                          const char      *path,
                                          GError         **error);
/* Opens @path, writes @contents and closes it. */
gboolean        gloss_output_set_write   (GlossOutputSet  *set,
                                          const char      *path,
                                          const char      *contents,
                                          gsize            length,
                                          GCancellable    *cancellable,
                                          GError         **error);
/* Closes the streams left open (each file that replaces another is synced
 * to the disk first) and, when all of them were written and @cancellable
 * is not cancelled, renames them into place. On an error nothing has been
 * renamed, except when a rename itself fails (which the files being in
 * their destinations' folders makes unlikely): the files renamed before it
 * stay. */
gboolean        gloss_output_set_commit  (GlossOutputSet  *set,
                                          GCancellable    *cancellable,
                                          GError         **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossOutputSet, gloss_output_set_free)

/* ---- files and names */

/* The file's base name without its last extension: "/a/b/story.en.txt" gives
 * "story.en". Never empty ("document" as a last resort). */
char      *gloss_format_name_from_path   (const char  *path);

/* The regular files under @dir whose names end in one of @extensions
 * (without dots, case-insensitive; NULL = all), recursively, sorted by
 * path (byte order of the relative path) so imports are deterministic.
 * Hidden files and folders (".name") are skipped. Returns char * paths. */
GPtrArray *gloss_format_list_files       (const char         *dir,
                                          const char * const *extensions,
                                          GError            **error);

/* TRUE when @path's name ends in ".EXT" for one of @extensions
 * (case-insensitive). */
gboolean   gloss_format_has_extension    (const char         *path,
                                          const char * const *extensions);

G_END_DECLS
