/* gloss-format-util.c: small helpers shared by the format implementations
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "gloss-format.h"
#include "gloss-format-util.h"
#include "gloss-offsets.h"

/* ---- reading files */

/* Whole megabytes, rounded up: a file just over a limit is never shown
 * with the limit's own size. */
static guint64
megabytes (guint64 size)
{
  return size / 1000000 + (size % 1000000 != 0);
}

char *
gloss_format_dup_too_large (const char *name,
                            guint64     size)
{
  g_autofree char *quoted = gloss_format_quote (name, -1);

  return g_strdup_printf (_("“%s” is too large (%" G_GUINT64_FORMAT " MB; Gloss takes documents "
                            "up to %" G_GUINT64_FORMAT " MB)"), quoted, megabytes (size),
                          megabytes (GLOSS_FORMAT_MAX_DOCUMENT_SIZE));
}

static void
set_too_large (GError     **error,
               const char  *display,
               guint64      size,
               gboolean     document)
{
  if (document)
    {
      g_autofree char *message = gloss_format_dup_too_large (display, size);
      g_set_error_literal (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_TOO_LARGE, message);
    }
  else
    g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_TOO_LARGE,
                 _("“%s” is too large (%" G_GUINT64_FORMAT " MB; Gloss reads files up to %"
                   G_GUINT64_FORMAT " MB)"), display, megabytes (size),
                 megabytes (GLOSS_FORMAT_MAX_FILE_SIZE));
}

static void
set_read_error (GError     **error,
                const char  *path,
                int          saved_errno)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno), "%s: %s", display,
               g_strerror (saved_errno));
}

/* Reads at most @max_size bytes: the size is checked before anything is
 * read (and again while reading, for files that are not regular or that
 * grow). */
static gboolean
read_file_max (const char  *path,
               guint64      max_size,
               gboolean     document,
               char       **contents,
               gsize       *length,
               GError     **error)
{
  char *buf;
  gsize size = 0, allocated;
  gboolean ok = TRUE;
  struct stat st;
  int fd;

  g_return_val_if_fail (path != NULL && contents != NULL, FALSE);

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      set_read_error (error, path, errno);
      return FALSE;
    }
  if (fstat (fd, &st) != 0)
    {
      set_read_error (error, path, errno);
      close (fd);
      return FALSE;
    }
  if (S_ISDIR (st.st_mode))
    {
      set_read_error (error, path, EISDIR);
      close (fd);
      return FALSE;
    }
  if (S_ISREG (st.st_mode) && (guint64) st.st_size > max_size)
    {
      g_autofree char *display = g_filename_display_name (path);
      set_too_large (error, display, st.st_size, document);
      close (fd);
      return FALSE;
    }

  allocated = S_ISREG (st.st_mode) ? (gsize) st.st_size + 1 : 64 * 1024;
  buf = g_malloc (allocated);
  for (;;)
    {
      char probe[8192];
      char *dst = buf + size;
      gsize room = allocated - 1 - size;
      gssize n;

      /* Full: a file that is not regular, or that grew. Read on into a
       * small buffer first, so that the end of a regular file costs no
       * larger one. */
      if (room == 0)
        {
          dst = probe;
          room = sizeof probe;
        }
      n = read (fd, dst, room);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_read_error (error, path, errno);
          ok = FALSE;
          break;
        }
      if (n == 0)
        break;
      if (size + n > max_size)
        {
          g_autofree char *display = g_filename_display_name (path);
          set_too_large (error, display, size + n, document);
          ok = FALSE;
          break;
        }
      if (dst == probe)
        {
          allocated = MIN (MAX (allocated * 2, size + n + 1), (gsize) max_size + 1);
          buf = g_realloc (buf, allocated);
          memcpy (buf + size, probe, n);
        }
      size += n;
    }
  close (fd);
  if (!ok)
    {
      g_free (buf);
      return FALSE;
    }
  buf[size] = '\0';
  *contents = buf;
  if (length != NULL)
    *length = size;
  return TRUE;
}

gboolean
gloss_format_read_file (const char  *path,
                        char       **contents,
                        gsize       *length,
                        GError     **error)
{
  return read_file_max (path, GLOSS_FORMAT_MAX_FILE_SIZE, FALSE, contents, length, error);
}

gboolean
gloss_format_read_document (const char  *path,
                            char       **contents,
                            gsize       *length,
                            GError     **error)
{
  return read_file_max (path, GLOSS_FORMAT_MAX_DOCUMENT_SIZE, TRUE, contents, length, error);
}

/* ---- quoting the input in messages */

char *
gloss_format_quote (const char *text,
                    gssize      length)
{
  gsize i = 0, cut = 0;
  guint n = 0;
  gboolean shortened = FALSE;

  if (text == NULL)
    return g_strdup ("");
  /* Count characters by their first bytes (anything but 10xxxxxx), so
   * that the cut falls between characters even in invalid UTF-8 and the
   * rest of a long text is never looked at. */
  for (i = 0; length < 0 ? text[i] != '\0' : i < (gsize) length; i++)
    {
      if (((guchar) text[i] & 0xc0) == 0x80)
        continue;
      if (n == GLOSS_FORMAT_QUOTE_MAX)
        {
          shortened = TRUE;
          break;
        }
      n++;
    }
  cut = i;
  if (!shortened)
    return g_utf8_make_valid (text, cut);
  {
    g_autofree char *valid = g_utf8_make_valid (text, cut);
    return g_strconcat (valid, "…", NULL);
  }
}

/* ---- text checks and decoding */

gboolean
gloss_format_utf8_check (const char *data,
                         gsize       length,
                         gsize      *bad_byte,
                         guint      *bad_line)
{
  const char *end;
  guint line = 1;

  if (g_utf8_validate_len (data, length, &end))
    return TRUE;
  for (const char *p = data; p < end; p++)
    if (*p == '\n')
      line++;
  if (bad_byte != NULL)
    *bad_byte = end - data;
  if (bad_line != NULL)
    *bad_line = line;
  return FALSE;
}

gboolean
gloss_format_validate_utf8 (const char  *data,
                            gsize        length,
                            const char  *display,
                            GError     **error)
{
  gsize byte;
  guint line;

  if (gloss_format_utf8_check (data, length, &byte, &line))
    return TRUE;
  if (display != NULL)
    g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID,
                 _("%s:%u: invalid UTF-8 at byte %" G_GSIZE_FORMAT " (line %u)"),
                 display, line, byte, line);
  else
    g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID,
                 _("invalid UTF-8 at byte %" G_GSIZE_FORMAT " (line %u)"), byte, line);
  return FALSE;
}

static void
set_text_error (GError     **error,
                const char  *display,
                const char  *format,
                ...) G_GNUC_PRINTF (3, 4);

static void
set_text_error (GError     **error,
                const char  *display,
                const char  *format,
                ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  if (display != NULL)
    g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID, "%s: %s", display, msg);
  else
    g_set_error_literal (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID, msg);
}

gboolean
gloss_format_decode_text (const char  *data,
                          gsize        length,
                          const char  *display,
                          char       **text,
                          gsize       *text_length,
                          const char **encoding,
                          GError     **error)
{
  const char *nul;
  const char *enc = "UTF-8";

  g_return_val_if_fail (text != NULL, FALSE);

  if (length == 0)
    {
      set_text_error (error, display, _("empty file"));
      return FALSE;
    }
  if (length >= 2 && (((guchar) data[0] == 0xff && (guchar) data[1] == 0xfe)
                      || ((guchar) data[0] == 0xfe && (guchar) data[1] == 0xff)))
    {
      gboolean le = (guchar) data[0] == 0xff;
      g_autoptr(GError) local = NULL;
      gsize read = 0, written = 0;
      char *out;

      enc = le ? "UTF-16LE" : "UTF-16BE";
      if (length == 2)
        {
          set_text_error (error, display, _("empty file"));
          return FALSE;
        }
      out = g_convert (data + 2, length - 2, "UTF-8", enc, &read, &written, &local);
      if (out == NULL)
        {
          set_text_error (error, display, _("invalid %s at byte %" G_GSIZE_FORMAT " (%s)"), enc,
                          read + 2, local->message);
          return FALSE;
        }
      if (read != length - 2 || !g_utf8_validate_len (out, written, NULL))
        {
          set_text_error (error, display, _("invalid %s at byte %" G_GSIZE_FORMAT), enc,
                          read + 2);
          g_free (out);
          return FALSE;
        }
      if ((nul = memchr (out, '\0', written)) != NULL)
        {
          set_text_error (error, display, _("NUL character at character %ld: binary file?"),
                          g_utf8_pointer_to_offset (out, nul));
          g_free (out);
          return FALSE;
        }
      *text = out;
      if (text_length != NULL)
        *text_length = written;
      if (encoding != NULL)
        *encoding = enc;
      return TRUE;
    }
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      length -= 3;
      enc = "UTF-8 with BOM";
      if (length == 0)
        {
          set_text_error (error, display, _("empty file"));
          return FALSE;
        }
    }
  if ((nul = memchr (data, '\0', length)) != NULL)
    {
      set_text_error (error, display, _("NUL bytes at byte %" G_GSIZE_FORMAT ": binary file?"),
                      (gsize) (nul - data) + (enc[5] != '\0' ? 3 : 0));
      return FALSE;
    }
  if (!gloss_format_validate_utf8 (data, length, display, error))
    return FALSE;
  *text = g_strndup (data, length);
  if (text_length != NULL)
    *text_length = length;
  if (encoding != NULL)
    *encoding = enc;
  return TRUE;
}

gboolean
gloss_format_json_to_utf8 (char       **data,
                           gsize       *length,
                           const char **encoding,
                           GError     **error)
{
  const guchar *d = (const guchar *) *data;
  gsize len = *length;

  if (encoding != NULL)
    *encoding = "UTF-8";
  if (len >= 4 && ((d[0] == 0xff && d[1] == 0xfe && d[2] == 0 && d[3] == 0)
                   || (d[0] == 0 && d[1] == 0 && d[2] == 0xfe && d[3] == 0xff)))
    {
      set_text_error (error, NULL, _("UTF-32 text: save the file as UTF-8 (or UTF-16 with a "
                                     "byte order mark)"));
      return FALSE;
    }
  if (len >= 2 && ((d[0] == 0xff && d[1] == 0xfe) || (d[0] == 0xfe && d[1] == 0xff)))
    {
      g_autofree char *text = NULL;
      gsize text_length;

      if (!gloss_format_decode_text (*data, len, NULL, &text, &text_length, encoding, error))
        return FALSE;
      g_free (*data);
      *data = g_steal_pointer (&text);
      *length = text_length;
      return TRUE;
    }
  if (len >= 3 && memcmp (d, "\xef\xbb\xbf", 3) == 0)
    {
      memmove (*data, *data + 3, len - 3 + 1);  /* with the final NUL */
      *length = len - 3;
      if (encoding != NULL)
        *encoding = "UTF-8 with BOM";
      return TRUE;
    }
  if (len >= 2 && (d[0] == 0 || d[1] == 0))
    {
      set_text_error (error, NULL, _("NUL bytes at the start: UTF-16 or UTF-32 without a byte "
                                     "order mark? Save the file as UTF-8"));
      return FALSE;
    }
  return TRUE;
}

GBytes *
gloss_format_head_to_utf8 (GBytes *head)
{
  gsize len;
  const guchar *d = g_bytes_get_data (head, &len);
  gunichar2 *units;
  gboolean le;
  glong n_read = 0, n_written = 0;
  char *utf8;
  gsize n;

  if (len < 4 || !((d[0] == 0xff && d[1] == 0xfe) || (d[0] == 0xfe && d[1] == 0xff))
      || (d[2] == 0 && d[3] == 0))
    return g_bytes_ref (head);
  le = d[0] == 0xff;
  n = (len - 2) / 2;
  units = g_new (gunichar2, n + 1);
  for (gsize i = 0; i < n; i++)
    units[i] = le ? (d[2 + 2 * i] | d[3 + 2 * i] << 8) : (d[2 + 2 * i] << 8 | d[3 + 2 * i]);
  /* With items_read, a surrogate cut by the end is not an error. */
  utf8 = g_utf16_to_utf8 (units, n, &n_read, &n_written, NULL);
  g_free (units);
  if (utf8 == NULL)
    return g_bytes_ref (head);
  return g_bytes_new_take (utf8, n_written);
}

/* ---- lines */

void
gloss_line_reader_init (GlossLineReader *reader,
                        const char      *data,
                        gsize            length)
{
  reader->data = data;
  reader->length = length;
  reader->pos = 0;
  reader->line = 0;
}

gboolean
gloss_line_reader_next (GlossLineReader *reader,
                        const char     **line,
                        gsize           *line_length,
                        gsize           *line_start,
                        gboolean        *had_cr)
{
  const char *start, *nl;
  gsize len;
  gboolean cr = FALSE;

  if (reader->pos >= reader->length)
    return FALSE;
  start = reader->data + reader->pos;
  nl = memchr (start, '\n', reader->length - reader->pos);
  len = nl ? (gsize) (nl - start) : reader->length - reader->pos;
  reader->pos += len + (nl ? 1 : 0);
  reader->line++;
  if (len > 0 && start[len - 1] == '\r')
    {
      len--;
      cr = TRUE;
    }
  *line = start;
  *line_length = len;
  if (line_start != NULL)
    *line_start = start - reader->data;
  if (had_cr != NULL)
    *had_cr = cr;
  return TRUE;
}

/* ---- offsets */

gboolean
gloss_format_span_from_utf16 (GlossOffsetMap *map,
                              guint           start,
                              guint           end,
                              GlossFragment  *fragment)
{
  if (start > end)
    return FALSE;
  return gloss_offset_map_utf16_to_char (map, start, &fragment->start)
         && gloss_offset_map_utf16_to_char (map, end, &fragment->end);
}

gboolean
gloss_format_span_from_bytes (GlossOffsetMap *map,
                              gsize           start,
                              gsize           end,
                              GlossFragment  *fragment)
{
  if (start > end)
    return FALSE;
  return gloss_offset_map_byte_to_char (map, start, &fragment->start)
         && gloss_offset_map_byte_to_char (map, end, &fragment->end);
}

gboolean
gloss_format_span_to_utf16 (GlossOffsetMap      *map,
                            const GlossFragment *fragment,
                            guint               *start,
                            guint               *end)
{
  return fragment->start <= fragment->end
         && gloss_offset_map_char_to_utf16 (map, fragment->start, start)
         && gloss_offset_map_char_to_utf16 (map, fragment->end, end);
}

gboolean
gloss_format_span_to_bytes (GlossOffsetMap      *map,
                            const GlossFragment *fragment,
                            gsize               *start,
                            gsize               *end)
{
  return fragment->start <= fragment->end
         && gloss_offset_map_char_to_byte (map, fragment->start, start)
         && gloss_offset_map_char_to_byte (map, fragment->end, end);
}

char *
gloss_format_dup_span_text (GlossOffsetMap *map,
                            const char     *text,
                            guint           start,
                            guint           end)
{
  GlossFragment f = { start, end };
  gsize a, b;

  if (!gloss_format_span_to_bytes (map, &f, &a, &b))
    return NULL;
  return g_strndup (text + a, b - a);
}

/* ---- writing files all or nothing */

/* A stream to the temporary file of one destination, with its own buffer:
 * a stream given up is dropped without a last flush. */
#define OUTPUT_BUFFER_SIZE (64 * 1024)

#define GLOSS_TYPE_OUTPUT_FILE (gloss_output_file_get_type ())
G_DECLARE_FINAL_TYPE (GlossOutputFile, gloss_output_file, GLOSS, OUTPUT_FILE, GOutputStream)

struct _GlossOutputFile
{
  GOutputStream  parent_instance;

  char          *path;       /* owned: the destination */
  char          *tmp_path;   /* owned: the temporary file; NULL once renamed or deleted */
  char          *display;    /* owned: the destination, for messages */
  guint8        *buffer;     /* owned: OUTPUT_BUFFER_SIZE bytes */
  gsize          buffered;
  int            fd;         /* -1 once closed */
  guint          replaces : 1;  /* the destination exists: sync before the rename */
  guint          discard : 1;   /* given up: write nothing more */
};

G_DEFINE_FINAL_TYPE (GlossOutputFile, gloss_output_file, G_TYPE_OUTPUT_STREAM)

/* "DISPLAY: cannot be written: REASON", in words where the system's
 * reason would be obscure. */
static void
set_write_error (GError     **error,
                 const char  *display,
                 int          saved_errno)
{
  const char *why;

  switch (saved_errno)
    {
    case ENOSPC:
      why = _("the disk is full");
      break;
#ifdef EDQUOT
    case EDQUOT:
      why = _("the disk quota is used up");
      break;
#endif
    case EFBIG:
      why = _("file too large for the file system or for the limit on file sizes");
      break;
    default:
      why = g_strerror (saved_errno);
      break;
    }
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("%s: cannot be written: %s"), display, why);
}

static gboolean
output_file_write_out (GlossOutputFile  *self,
                       const guint8     *data,
                       gsize             length,
                       GError          **error)
{
  while (length > 0)
    {
      gssize n = write (self->fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_write_error (error, self->display, errno);
          return FALSE;
        }
      data += n;
      length -= n;
    }
  return TRUE;
}

static gboolean
output_file_flush_buffer (GlossOutputFile  *self,
                          GError          **error)
{
  gsize n = self->buffered;

  self->buffered = 0;
  return self->discard || output_file_write_out (self, self->buffer, n, error);
}

static gssize
gloss_output_file_write (GOutputStream  *stream,
                         const void     *data,
                         gsize           count,
                         GCancellable   *cancellable,
                         GError        **error)
{
  GlossOutputFile *self = GLOSS_OUTPUT_FILE (stream);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;
  if (self->discard)
    return count;
  if (self->buffered + count > OUTPUT_BUFFER_SIZE && !output_file_flush_buffer (self, error))
    return -1;
  if (count >= OUTPUT_BUFFER_SIZE)
    return output_file_write_out (self, data, count, error) ? (gssize) count : -1;
  memcpy (self->buffer + self->buffered, data, count);
  self->buffered += count;
  return count;
}

static gboolean
gloss_output_file_flush (GOutputStream  *stream,
                         GCancellable   *cancellable,
                         GError        **error)
{
  GlossOutputFile *self = GLOSS_OUTPUT_FILE (stream);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return output_file_flush_buffer (self, error);
}

static gboolean
gloss_output_file_close (GOutputStream  *stream,
                         GCancellable   *cancellable,
                         GError        **error)
{
  GlossOutputFile *self = GLOSS_OUTPUT_FILE (stream);
  gboolean ok = TRUE;

  if (self->fd < 0)
    return TRUE;
  if (!self->discard)
    {
      ok = !g_cancellable_set_error_if_cancelled (cancellable, error)
           && output_file_flush_buffer (self, error);
      /* A file that replaces another reaches the disk before the rename,
       * or a crash could leave neither (as g_file_set_contents() does). */
      if (ok && self->replaces && fsync (self->fd) != 0)
        {
          set_write_error (error, self->display, errno);
          ok = FALSE;
        }
    }
  if (close (self->fd) != 0 && ok && !self->discard)
    {
      set_write_error (error, self->display, errno);
      ok = FALSE;
    }
  self->fd = -1;
  return ok;
}

/* Gives the file up: closes it without writing and deletes it. */
static void
output_file_discard (GlossOutputFile *self)
{
  self->discard = TRUE;
  self->buffered = 0;
  if (self->fd >= 0)
    {
      close (self->fd);
      self->fd = -1;
    }
  if (self->tmp_path != NULL)
    {
      g_unlink (self->tmp_path);
      g_clear_pointer (&self->tmp_path, g_free);
    }
}

static void
gloss_output_file_finalize (GObject *object)
{
  GlossOutputFile *self = GLOSS_OUTPUT_FILE (object);

  /* A file never committed: the set gave it up already, but be sure. */
  output_file_discard (self);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->display, g_free);
  g_clear_pointer (&self->buffer, g_free);
  G_OBJECT_CLASS (gloss_output_file_parent_class)->finalize (object);
}

static void
gloss_output_file_class_init (GlossOutputFileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GOutputStreamClass *stream_class = G_OUTPUT_STREAM_CLASS (klass);

  object_class->finalize = gloss_output_file_finalize;
  stream_class->write_fn = gloss_output_file_write;
  stream_class->flush = gloss_output_file_flush;
  stream_class->close_fn = gloss_output_file_close;
}

static void
gloss_output_file_init (GlossOutputFile *self)
{
  self->fd = -1;
}

struct _GlossOutputSet
{
  GPtrArray *files;   /* owned: GlossOutputFile, in the order opened */
};

GlossOutputSet *
gloss_output_set_new (void)
{
  GlossOutputSet *set = g_new0 (GlossOutputSet, 1);

  set->files = g_ptr_array_new_with_free_func (g_object_unref);
  return set;
}

void
gloss_output_set_free (GlossOutputSet *set)
{
  if (set == NULL)
    return;
  for (guint i = 0; i < set->files->len; i++)
    output_file_discard (g_ptr_array_index (set->files, i));
  g_ptr_array_unref (set->files);
  g_free (set);
}

GOutputStream *
gloss_output_set_open (GlossOutputSet  *set,
                       const char      *path,
                       GError         **error)
{
  g_autoptr(GlossOutputFile) file = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *templ = NULL;
  struct stat st;

  g_return_val_if_fail (set != NULL && path != NULL, NULL);

  /* Opened again: the later one wins. */
  for (guint i = 0; i < set->files->len; i++)
    {
      GlossOutputFile *other = g_ptr_array_index (set->files, i);

      if (strcmp (other->path, path) == 0)
        {
          output_file_discard (other);
          g_ptr_array_remove_index (set->files, i);
          break;
        }
    }

  file = g_object_new (GLOSS_TYPE_OUTPUT_FILE, NULL);
  file->path = g_strdup (path);
  file->display = g_filename_display_name (path);
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  templ = g_strdup_printf (".%s.XXXXXX", base);
  file->tmp_path = g_build_filename (dir, templ, NULL);
  /* the mode of a new file (0666 less the umask)... */
  file->fd = g_mkstemp_full (file->tmp_path, O_RDWR | O_CLOEXEC, 0666);
  if (file->fd < 0)
    {
      set_write_error (error, file->display, errno);
      g_clear_pointer (&file->tmp_path, g_free);
      return NULL;
    }
  /* ...or that of the file it replaces */
  if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode))
    {
      file->replaces = TRUE;
      fchmod (file->fd, st.st_mode & 07777);
    }
  file->buffer = g_malloc (OUTPUT_BUFFER_SIZE);
  g_ptr_array_add (set->files, g_object_ref (file));
  return G_OUTPUT_STREAM (g_steal_pointer (&file));
}

gboolean
gloss_output_set_write (GlossOutputSet  *set,
                        const char      *path,
                        const char      *contents,
                        gsize            length,
                        GCancellable    *cancellable,
                        GError         **error)
{
  g_autoptr(GOutputStream) out = gloss_output_set_open (set, path, error);

  return out != NULL
         && g_output_stream_write_all (out, contents, length, NULL, cancellable, error)
         && g_output_stream_close (out, cancellable, error);
}

/* Syncs the folder, so that the renames in it reach the disk. */
static void
sync_folder (const char *dir)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

gboolean
gloss_output_set_commit (GlossOutputSet  *set,
                         GCancellable    *cancellable,
                         GError         **error)
{
  g_autoptr(GPtrArray) dirs = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (set != NULL, FALSE);

  /* Everything written first... */
  for (guint i = 0; i < set->files->len; i++)
    {
      GOutputStream *out = g_ptr_array_index (set->files, i);

      if (!g_output_stream_is_closed (out) && !g_output_stream_close (out, cancellable, error))
        return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  /* ...then in place */
  for (guint i = 0; i < set->files->len; i++)
    {
      GlossOutputFile *file = g_ptr_array_index (set->files, i);
      g_autofree char *dir = NULL;

      if (g_rename (file->tmp_path, file->path) != 0)
        {
          set_write_error (error, file->display, errno);
          return FALSE;
        }
      g_clear_pointer (&file->tmp_path, g_free);
      dir = g_path_get_dirname (file->path);
      if (!g_ptr_array_find_with_equal_func (dirs, dir, g_str_equal, NULL))
        g_ptr_array_add (dirs, g_steal_pointer (&dir));
    }
  for (guint i = 0; i < dirs->len; i++)
    sync_folder (g_ptr_array_index (dirs, i));
  return TRUE;
}

/* ---- files and names */

char *
gloss_format_name_from_path (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  if (*base == '\0' || strcmp (base, ".") == 0 || strcmp (base, G_DIR_SEPARATOR_S) == 0)
    return g_strdup ("document");
  return g_filename_display_name (base);
}

gboolean
gloss_format_has_extension (const char         *path,
                            const char * const *extensions)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *lower = g_ascii_strdown (base, -1);

  if (extensions == NULL)
    return TRUE;
  for (guint i = 0; extensions[i] != NULL; i++)
    {
      g_autofree char *suffix = g_strconcat (".", extensions[i], NULL);
      g_autofree char *lsuffix = g_ascii_strdown (suffix, -1);

      if (g_str_has_suffix (lower, lsuffix) && strlen (lower) > strlen (lsuffix))
        return TRUE;
    }
  return FALSE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char **) a, *(char **) b);
}

static gboolean
list_dir (const char         *dir,
          const char * const *extensions,
          GPtrArray          *out,
          guint               depth,
          GError            **error)
{
  g_autoptr(GDir) d = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (depth > 64)
    return TRUE;  /* symlink loops */
  d = g_dir_open (dir, 0, error);
  if (d == NULL)
    return FALSE;
  while ((name = g_dir_read_name (d)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      GStatBuf st;

      /* one stat a name (links followed, as g_file_test () does) */
      if (g_stat (path, &st) != 0)
        continue;
      if (S_ISDIR (st.st_mode))
        {
          if (!list_dir (path, extensions, out, depth + 1, error))
            return FALSE;
        }
      else if (S_ISREG (st.st_mode) && gloss_format_has_extension (path, extensions))
        g_ptr_array_add (out, g_steal_pointer (&path));
    }
  return TRUE;
}

GPtrArray *
gloss_format_list_files (const char         *dir,
                         const char * const *extensions,
                         GError            **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (dir != NULL, NULL);

  if (!list_dir (dir, extensions, out, 0, error))
    return NULL;
  /* names within one folder are sorted and the walk is depth first */
  return g_steal_pointer (&out);
}
