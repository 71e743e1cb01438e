/* gloss-format-brat.c: brat standoff (.txt + .ann folders): the format, detection, the folder walk
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "gloss-brat-private.h"
#include "gloss-document.h"
#include "gloss-format-util.h"
#include "gloss-formats.h"
#include "gloss-project.h"

struct _GlossFormatBrat
{
  GlossFormat parent_instance;
};

G_DEFINE_FINAL_TYPE (GlossFormatBrat, gloss_format_brat, GLOSS_TYPE_FORMAT)

static const char * const brat_extensions[] = { "ann", NULL };
static const char * const ann_extensions[] = { "ann", NULL };

/* ---- detection */

static char *
sibling (const char *path,
         const char *ext)
{
  const char *dot = strrchr (path, '.');
  const char *slash = strrchr (path, G_DIR_SEPARATOR);

  if (dot == NULL || (slash != NULL && dot < slash))
    return g_strconcat (path, ".", ext, NULL);
  return g_strdup_printf ("%.*s.%s", (int) (dot - path), path, ext);
}

static gboolean
folder_has_ann (const char *dir)
{
  g_autoptr(GPtrArray) files = gloss_format_list_files (dir, ann_extensions, NULL);

  return files != NULL && files->len > 0;
}

static int
brat_detect (GlossFormat *format,
             const char  *path,
             GBytes      *head)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return folder_has_ann (path) ? 80 : 0;
  if (gloss_format_has_extension (path, ann_extensions))
    return 90;
  if (gloss_format_has_extension (path, (const char * const[]) { "txt", NULL }))
    {
      g_autofree char *ann = sibling (path, "ann");
      if (g_file_test (ann, G_FILE_TEST_IS_REGULAR))
        return 70;
    }
  return 0;
}

/* ---- import */

/* One document of a folder: its .ann (NULL: none) and .txt. */
typedef struct
{
  char *ann;   /* owned */
  char *txt;   /* owned */
  char *abs;   /* owned: the .ann's absolute name, where annotation.conf is looked for from */
} Job;

static void
job_free (Job *job)
{
  g_free (job->ann);
  g_free (job->txt);
  g_free (job->abs);
  g_free (job);
}

/* How many pairs the reader may be ahead of the writer: enough to keep it
 * busy while the writer writes a long document, few enough that a
 * folder of 10,000 is not held in memory at once. */
#define READ_AHEAD 64

/* The folder's pairs are read on a thread of their own, in order, while
 * the import's thread writes the ones read before: reading, parsing and
 * converting offsets take about as long as writing. */
typedef struct
{
  GPtrArray    *jobs;        /* borrowed: Job */
  gboolean      skip_bad;
  GAsyncQueue  *read;        /* GlossBratRead, in the jobs' order */
  GAsyncQueue  *slots;       /* one per pair the reader may read ahead: &slot_token, or a
                              * GlossBratRead written, to free */
  gint          stop;        /* atomic: the writer stopped; read no more */
} Reader;

/* A slot the writer hands back: a token, or a pair it wrote, freed here
 * (by the thread that made it, which frees it faster, and off the
 * writer's time). */
static char slot_token;

static void
free_slot (gpointer slot)
{
  if (slot != &slot_token)
    _gloss_brat_read_free (slot);
}

static gpointer
reader_thread (gpointer data)
{
  Reader *reader = data;

  for (guint i = 0; i < reader->jobs->len; i++)
    {
      Job *job = g_ptr_array_index (reader->jobs, i);
      GlossBratRead *rd;
      gboolean stopped;

      free_slot (g_async_queue_pop (reader->slots));
      if (g_atomic_int_get (&reader->stop))
        break;
      rd = _gloss_brat_read (job->ann, job->txt, reader->skip_bad);
      /* a pair that stops the import is the last one wanted */
      stopped = _gloss_brat_read_failed (rd);
      g_async_queue_push (reader->read, rd);
      if (stopped)
        break;
    }
  return NULL;
}

static gboolean
import_jobs (GlossBratImport  *bi,
             GPtrArray        *jobs,
             const char       *root,
             GCancellable     *cancellable,
             GError          **error)
{
  GlossImportContext *ctx = bi->ctx;
  Reader reader = { jobs, gloss_import_context_get_options (ctx)->skip_bad, NULL, NULL, 0 };
  GlossBratRead *rd;
  GThread *thread;
  gboolean ok = TRUE;

  reader.read = g_async_queue_new_full ((GDestroyNotify) _gloss_brat_read_free);
  reader.slots = g_async_queue_new_full (free_slot);
  for (guint i = 0; i < READ_AHEAD; i++)
    g_async_queue_push (reader.slots, &slot_token);
  thread = g_thread_new ("gloss-brat-reader", reader_thread, &reader);

  for (guint i = 0; ok && i < jobs->len; i++)
    {
      Job *job = g_ptr_array_index (jobs, i);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      _gloss_brat_seed_confs_for (bi, job->abs, root);
      if (job->ann == NULL)
        {
          g_autofree char *display = g_filename_display_name (job->txt);
          gloss_import_report_add (gloss_import_context_get_report (ctx), GLOSS_PROBLEM_NOTE,
                                   display, 0, _("no .ann file: the text has no annotations"));
        }
      rd = g_async_queue_pop (reader.read);
      ok = _gloss_brat_write (bi, rd, error);
      g_async_queue_push (reader.slots, rd);
      if (ok)
        gloss_import_context_progress (ctx, (double) (i + 1) / jobs->len);
    }

  /* a reader waiting for a slot wakes up and stops */
  g_atomic_int_set (&reader.stop, 1);
  g_async_queue_push (reader.slots, &slot_token);
  g_thread_join (thread);
  /* what it read ahead, and what it did not free, goes */
  g_async_queue_unref (reader.read);
  g_async_queue_unref (reader.slots);
  return ok;
}

static gboolean
brat_import (GlossFormat         *format,
             GlossImportContext  *ctx,
             const char          *path,
             GCancellable        *cancellable,
             GError             **error)
{
  g_autoptr(GHashTable) confs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) folders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GlossBratImport bi = { ctx, confs, folders };

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      static const char * const pair_extensions[] = { "ann", "txt", NULL };
      g_autoptr(GPtrArray) files = gloss_format_list_files (path, pair_extensions, error);
      g_autoptr(GPtrArray) stems = g_ptr_array_new_with_free_func (g_free);
      /* stem -> its files, in path order (a GPtrArray of borrowed names) */
      g_autoptr(GHashTable) by_stem = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                             (GDestroyNotify) g_ptr_array_unref);
      g_autofree char *root = g_canonicalize_filename (path, NULL);
      g_autoptr(GPtrArray) jobs = NULL;
      guint n_ann = 0;

      if (files == NULL)
        return FALSE;
      /* the documents: every .ann with its .txt, and every .txt alone (a
       * document brat shows without annotations), in path order; the
       * listing says which files there are, so that a folder of thousands
       * is not searched or looked at again for each */
      for (guint i = 0; i < files->len; i++)
        {
          const char *f = g_ptr_array_index (files, i);
          char *stem = g_strndup (f, strlen (f) - 4);
          GPtrArray *same;

          if (gloss_format_has_extension (f, ann_extensions))
            n_ann++;
          if ((same = g_hash_table_lookup (by_stem, stem)) != NULL)
            {
              g_ptr_array_add (same, (gpointer) f);
              g_free (stem);
              continue;
            }
          same = g_ptr_array_new ();
          g_ptr_array_add (same, (gpointer) f);
          g_hash_table_insert (by_stem, stem, same);
          g_ptr_array_add (stems, stem);
        }
      if (n_ann == 0)
        {
          g_autofree char *display = g_filename_display_name (path);
          g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID,
                       _("%s: no .ann files in this folder"), display);
          return FALSE;
        }
      jobs = g_ptr_array_new_full (stems->len, (GDestroyNotify) job_free);
      for (guint i = 0; i < stems->len; i++)
        {
          const char *stem = g_ptr_array_index (stems, i);
          GPtrArray *same = g_hash_table_lookup (by_stem, stem);
          Job *job = g_new0 (Job, 1);
          gboolean has_ann = FALSE;

          job->ann = g_strconcat (stem, ".ann", NULL);
          job->txt = g_strconcat (stem, ".txt", NULL);
          for (guint j = 0; j < same->len; j++)
            if (strcmp (g_ptr_array_index (same, j), job->ann) == 0)
              has_ann = TRUE;
          if (!has_ann)
            {
              /* the extension may be upper case: the real names */
              for (guint j = 0; j < same->len; j++)
                {
                  const char *f = g_ptr_array_index (same, j);

                  if (gloss_format_has_extension (f, ann_extensions))
                    {
                      g_free (job->ann);
                      job->ann = g_strdup (f);
                      has_ann = TRUE;
                    }
                  else
                    {
                      g_free (job->txt);
                      job->txt = g_strdup (f);
                    }
                }
            }
          /* the conf is looked for from the name with .ann, as brat would */
          job->abs = g_canonicalize_filename (job->ann, NULL);
          if (!has_ann)
            g_clear_pointer (&job->ann, g_free);
          g_ptr_array_add (jobs, job);
        }
      return import_jobs (&bi, jobs, root, cancellable, error);
    }
  else
    {
      g_autofree char *ann = sibling (path, "ann");
      g_autofree char *txt = sibling (path, "txt");
      g_autofree char *abs = g_canonicalize_filename (ann, NULL);

      if (!g_file_test (ann, G_FILE_TEST_IS_REGULAR))
        {
          /* a .txt alone: a document without annotations */
          g_autofree char *display = g_filename_display_name (ann);
          if (!g_file_test (txt, G_FILE_TEST_IS_REGULAR))
            {
              g_autofree char *d = g_filename_display_name (path);
              return gloss_import_context_bad_record (ctx, d, 0, error,
                                                      _("no such file"));
            }
          gloss_import_report_add (gloss_import_context_get_report (ctx), GLOSS_PROBLEM_NOTE,
                                   display, 0, _("no .ann file: the text has no annotations"));
          _gloss_brat_seed_confs_for (&bi, abs, NULL);
          return _gloss_brat_import_pair (&bi, NULL, txt, error);
        }
      _gloss_brat_seed_confs_for (&bi, abs, NULL);
      return _gloss_brat_import_pair (&bi, ann, txt, error);
    }
}

/* ---- export */

static char *
file_name_for (GlossDocument *doc,
               GHashTable    *used)
{
  const char *filename = gloss_document_get_meta_string (doc, "filename");
  g_autofree char *base = NULL;
  char *name;

  if (filename != NULL && *filename != '\0')
    base = gloss_format_name_from_path (filename);
  else
    base = g_strdup (gloss_document_get_name (doc));
  for (char *p = base; *p; p++)
    if (*p == '/' || *p == '\\' || (guchar) *p < 0x20)
      *p = '_';
  if (*base == '\0' || *base == '.')
    {
      char *tmp = g_strconcat ("_", base, NULL);
      g_free (base);
      base = tmp;
    }
  name = g_strdup (base);
  for (guint n = 2; g_hash_table_contains (used, name); n++)
    {
      g_free (name);
      name = g_strdup_printf ("%s-%u", base, n);
    }
  g_hash_table_add (used, g_strdup (name));
  return name;
}

static gboolean
brat_export (GlossFormat         *format,
             GlossExportContext  *ctx,
             const char          *path,
             GCancellable        *cancellable,
             GError             **error)
{
  GPtrArray *docs = gloss_export_context_get_documents (ctx);
  GlossProject *project = gloss_export_context_get_project (ctx);
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (g_strcmp0 (path, "-") == 0)
    {
      g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_UNSUPPORTED,
                   _("brat exports write a folder, not the standard output"));
      return FALSE;
    }
  if (g_mkdir_with_parents (path, 0777) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (path);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("%s: cannot create the folder: %s"), display, g_strerror (saved));
      return FALSE;
    }
  /* configuration names in the folder are taken */
  g_hash_table_add (used, g_strdup ("annotation"));
  g_hash_table_add (used, g_strdup ("visual"));
  for (guint i = 0; i < docs->len; i++)
    {
      GlossDocument *doc = g_ptr_array_index (docs, i);
      g_autofree char *base = file_name_for (doc, used);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!_gloss_brat_export_document (ctx, doc, path, base, cancellable, error))
        return FALSE;
      gloss_export_context_progress (ctx, (double) (i + 1) / docs->len);
    }
  return _gloss_brat_write_confs (ctx, gloss_project_get_schema (project), path, cancellable,
                                  error);
}

static void
gloss_format_brat_class_init (GlossFormatBratClass *klass)
{
  GlossFormatClass *format_class = GLOSS_FORMAT_CLASS (klass);

  format_class->name = "brat";
  format_class->display_name = N_("brat standoff");
  format_class->extensions = brat_extensions;
  format_class->empty_extensions = ann_extensions;
  format_class->export_to_folder = TRUE;
  format_class->detect = brat_detect;
  format_class->import_path = brat_import;
  format_class->export_path = brat_export;
}

static void
gloss_format_brat_init (GlossFormatBrat *self)
{
}
