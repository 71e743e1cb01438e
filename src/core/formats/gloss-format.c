/* gloss-format.c: the base type, reports, contexts and the drivers
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gunixoutputstream.h>

#include "gloss-annotation.h"
#include "gloss-document.h"
#include "gloss-format-private.h"
#include "gloss-format-util.h"
#include "gloss-project.h"
#include "gloss-relation.h"
#include "gloss-schema.h"
#include "gloss-store.h"
#include "gloss-store-private.h"
#include "gloss-util-private.h"

G_DEFINE_QUARK (gloss-format-error-quark, gloss_format_error)
G_DEFINE_ABSTRACT_TYPE (GlossFormat, gloss_format, G_TYPE_OBJECT)

struct _GlossImportContext
{
  GlossProject             *project;      /* borrowed */
  GlossStore               *store;        /* borrowed */
  GlossSchema              *schema;       /* owned: the copy being extended */
  const GlossImportOptions *options;      /* borrowed */
  GlossImportReport        *report;       /* borrowed */
  GHashTable               *lengths;      /* doc id -> length in code points */
  guint                     path_index;   /* for progress: the path being read */
  guint                     n_paths;
  guint                     schema_changed : 1;
};

struct _GlossExportContext
{
  GlossProject             *project;      /* borrowed */
  const GlossExportOptions *options;      /* borrowed */
  GPtrArray                *documents;    /* owned: GlossDocument */
  GlossImportReport        *report;       /* borrowed */
  GlossOutputSet           *outputs;      /* owned: the files written, renamed at the end */
  guint                     n_lost[GLOSS_EXPORT_N_LOSSES];
  int                       has_relations; /* -1: not asked yet */
};

/* ---- reports */

static void
problem_free (GlossProblem *p)
{
  g_free (p->file);
  g_free (p->message);
  g_free (p);
}

GlossImportReport *
gloss_import_report_new (void)
{
  GlossImportReport *report = g_new0 (GlossImportReport, 1);

  report->labels_added = g_ptr_array_new_with_free_func (g_free);
  report->relation_types_added = g_ptr_array_new_with_free_func (g_free);
  report->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);
  return report;
}

void
gloss_import_report_free (GlossImportReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->labels_added);
  g_ptr_array_unref (report->relation_types_added);
  g_ptr_array_unref (report->problems);
  g_free (report);
}

static void report_addv (GlossImportReport    *report,
                         GlossProblemSeverity  severity,
                         const char           *file,
                         guint                 line,
                         const char           *format,
                         va_list               args) G_GNUC_PRINTF (5, 0);

static void
report_addv (GlossImportReport    *report,
             GlossProblemSeverity  severity,
             const char           *file,
             guint                 line,
             const char           *format,
             va_list               args)
{
  GlossProblem *p = g_new0 (GlossProblem, 1);

  p->severity = severity;
  p->file = g_strdup (file);
  p->line = line;
  p->message = g_strdup_vprintf (format, args);
  g_ptr_array_add (report->problems, p);
}

void
gloss_import_report_add (GlossImportReport    *report,
                         GlossProblemSeverity  severity,
                         const char           *file,
                         guint                 line,
                         const char           *format,
                         ...)
{
  va_list args;

  g_return_if_fail (report != NULL);
  va_start (args, format);
  report_addv (report, severity, file, line, format, args);
  va_end (args);
}

guint
gloss_import_report_count (GlossImportReport    *report,
                           GlossProblemSeverity  severity)
{
  guint n = 0;

  g_return_val_if_fail (report != NULL, 0);
  for (guint i = 0; i < report->problems->len; i++)
    if (((GlossProblem *) g_ptr_array_index (report->problems, i))->severity == severity)
      n++;
  return n;
}

static char *
problem_to_string (GlossProblem *p)
{
  const char *kind = p->severity == GLOSS_PROBLEM_ERROR ? _("error")
                   : p->severity == GLOSS_PROBLEM_WARNING ? _("warning") : _("note");

  if (p->file && p->line)
    return g_strdup_printf ("%s:%u: %s: %s", p->file, p->line, kind, p->message);
  if (p->file)
    return g_strdup_printf ("%s: %s: %s", p->file, kind, p->message);
  return g_strdup_printf ("%s: %s", kind, p->message);
}

char *
gloss_import_report_to_string (GlossImportReport *report)
{
  GString *str = g_string_new (NULL);

  g_return_val_if_fail (report != NULL, NULL);

  g_string_append_printf (str, ngettext ("%u document", "%u documents", report->n_documents),
                          report->n_documents);
  g_string_append (str, ", ");
  g_string_append_printf (str, ngettext ("%u annotation", "%u annotations",
                                         report->n_annotations),
                          report->n_annotations);
  g_string_append (str, ", ");
  g_string_append_printf (str, ngettext ("%u relation", "%u relations", report->n_relations),
                          report->n_relations);
  g_string_append_c (str, '\n');
  if (report->labels_added->len > 0)
    {
      g_string_append (str, _("Labels added to the schema:"));
      for (guint i = 0; i < report->labels_added->len; i++)
        g_string_append_printf (str, " %s", (char *) g_ptr_array_index (report->labels_added, i));
      g_string_append_c (str, '\n');
    }
  if (report->relation_types_added->len > 0)
    {
      g_string_append (str, _("Relation types added to the schema:"));
      for (guint i = 0; i < report->relation_types_added->len; i++)
        g_string_append_printf (str, " %s",
                                (char *) g_ptr_array_index (report->relation_types_added, i));
      g_string_append_c (str, '\n');
    }
  for (guint i = 0; i < report->problems->len; i++)
    {
      g_autofree char *line = problem_to_string (g_ptr_array_index (report->problems, i));
      g_string_append_printf (str, "%s\n", line);
    }
  return g_string_free (str, FALSE);
}

/* ---- base type */

static void
gloss_format_class_init (GlossFormatClass *klass)
{
}

static void
gloss_format_init (GlossFormat *self)
{
}

const char *
gloss_format_get_name (GlossFormat *self)
{
  g_return_val_if_fail (GLOSS_IS_FORMAT (self), NULL);
  return GLOSS_FORMAT_GET_CLASS (self)->name;
}

const char *
gloss_format_get_display_name (GlossFormat *self)
{
  g_return_val_if_fail (GLOSS_IS_FORMAT (self), NULL);
  return _(GLOSS_FORMAT_GET_CLASS (self)->display_name);
}

gboolean
gloss_format_can_import (GlossFormat *self)
{
  g_return_val_if_fail (GLOSS_IS_FORMAT (self), FALSE);
  return GLOSS_FORMAT_GET_CLASS (self)->import_path != NULL;
}

gboolean
gloss_format_can_export (GlossFormat *self)
{
  g_return_val_if_fail (GLOSS_IS_FORMAT (self), FALSE);
  return GLOSS_FORMAT_GET_CLASS (self)->export_path != NULL;
}

gboolean
gloss_format_exports_to_folder (GlossFormat *self)
{
  g_return_val_if_fail (GLOSS_IS_FORMAT (self), FALSE);
  return GLOSS_FORMAT_GET_CLASS (self)->export_to_folder;
}

GPtrArray *
gloss_format_list (void)
{
  static GPtrArray *formats;

  if (g_once_init_enter (&formats))
    {
      GPtrArray *list = g_ptr_array_new ();
      guint n;
      GType *types = _gloss_format_builtin_types (&n);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (list, g_object_new (types[i], NULL));
      g_once_init_leave (&formats, list);
    }
  return formats;
}

GlossFormat *
gloss_format_lookup (const char *name)
{
  GPtrArray *formats = gloss_format_list ();

  g_return_val_if_fail (name != NULL, NULL);
  for (guint i = 0; i < formats->len; i++)
    if (g_strcmp0 (gloss_format_get_name (g_ptr_array_index (formats, i)), name) == 0)
      return g_ptr_array_index (formats, i);
  return NULL;
}

static GBytes *
read_head (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = NULL;
  guint8 buf[8192];
  gsize n = 0;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return g_bytes_new (NULL, 0);
  in = g_file_read (file, NULL, NULL);
  if (in == NULL || !g_input_stream_read_all (G_INPUT_STREAM (in), buf, sizeof buf, &n, NULL,
                                              NULL))
    return NULL;
  return g_bytes_new (buf, n);
}

static gboolean
has_extension (GlossFormat *format,
               const char  *path)
{
  const char * const *exts = GLOSS_FORMAT_GET_CLASS (format)->extensions;
  g_autofree char *lower = g_ascii_strdown (path, -1);

  for (guint i = 0; exts && exts[i]; i++)
    {
      g_autofree char *suffix = g_strconcat (".", exts[i], NULL);
      if (g_str_has_suffix (lower, suffix))
        return TRUE;
    }
  return FALSE;
}

GlossFormat *
gloss_format_detect (const char  *path,
                     GError     **error)
{
  GPtrArray *formats = gloss_format_list ();
  g_autoptr(GBytes) head = NULL;
  GlossFormat *best = NULL;
  int best_score = 0;

  g_return_val_if_fail (path != NULL, NULL);

  head = read_head (path);
  if (head == NULL)
    {
      g_autofree char *display = g_filename_display_name (path);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("%s: cannot be read"), display);
      return NULL;
    }
  /* Detectors read UTF-8: a UTF-16 file (with its BOM) is shown to them
   * converted. */
  {
    GBytes *utf8 = gloss_format_head_to_utf8 (head);
    g_bytes_unref (head);
    head = utf8;
  }
  for (guint i = 0; i < formats->len; i++)
    {
      GlossFormat *format = g_ptr_array_index (formats, i);
      GlossFormatClass *klass = GLOSS_FORMAT_GET_CLASS (format);
      int score;

      if (klass->import_path == NULL)
        continue;
      if (klass->detect != NULL)
        score = klass->detect (format, path, head);
      else
        score = has_extension (format, path) ? 50 : 0;
      if (score > best_score)
        {
          best = format;
          best_score = score;
        }
    }
  if (best == NULL)
    {
      g_autofree char *display = g_filename_display_name (path);
      g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_UNKNOWN_FORMAT,
                   _("%s: not a format Gloss can import (choose one with --format)"), display);
    }
  return best;
}

/* ---- import context */

GlossProject *
gloss_import_context_get_project (GlossImportContext *ctx)
{
  return ctx->project;
}

GlossSchema *
gloss_import_context_get_schema (GlossImportContext *ctx)
{
  return ctx->schema;
}

const GlossImportOptions *
gloss_import_context_get_options (GlossImportContext *ctx)
{
  return ctx->options;
}

GlossImportReport *
gloss_import_context_get_report (GlossImportContext *ctx)
{
  return ctx->report;
}

const char *
gloss_import_context_annotator (GlossImportContext *ctx,
                                const char         *from_file)
{
  if (ctx->options->annotator != NULL && *ctx->options->annotator != '\0')
    return ctx->options->annotator;
  if (from_file != NULL && *from_file != '\0')
    return from_file;
  return gloss_format_default_annotator (ctx->project);
}

const char *
gloss_format_default_annotator (GlossProject *project)
{
  const char *name;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), NULL);

  /* Never nobody: a project without an annotator name (a new one, or the
   * app before its first-run question) gives the login name. */
  name = gloss_project_get_annotator (project);
  return name != NULL && *name != '\0' ? name : g_get_user_name ();
}

/* The schema's rule for label, layer, relation type and attribute names
 * (the constructors in gloss-schema.c check it with g_return_val_if_fail):
 * names read from a file are checked here first so that a bad one is
 * reported, never a critical. */
static gboolean
schema_name_ok (const char *name)
{
  if (name == NULL || *name == '\0' || !g_utf8_validate (name, -1, NULL))
    return FALSE;
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        return FALSE;
    }
  return TRUE;
}

static const char *
pick_color (GlossSchema *schema)
{
  static const char * const palette[] = {
    "#62a0ea", "#57e389", "#f8e45c", "#ffa348", "#ed333b", "#c061cb", "#b5835a",
    "#99c1f1", "#8ff0a4", "#f9f06b", "#ffbe6f", "#f66151", "#dc8add", "#cdab8f",
  };
  return palette[gloss_schema_get_n_labels (schema) % G_N_ELEMENTS (palette)];
}

GlossLabel *
gloss_import_context_ensure_label (GlossImportContext *ctx,
                                   const char         *label,
                                   const char         *layer)
{
  GlossLabel *existing = gloss_schema_lookup_label (ctx->schema, label);
  g_autoptr(GlossLabel) created = NULL;
  g_autoptr(GError) error = NULL;

  if (existing != NULL)
    return existing;
  if (!schema_name_ok (label) || (layer != NULL && !schema_name_ok (layer)))
    return NULL;
  created = gloss_label_new (label, layer ? layer : "entity", pick_color (ctx->schema), NULL,
                             NULL);
  if (!gloss_schema_add_label (ctx->schema, created, &error))
    {
      g_debug ("Cannot add label %s: %s", label, error->message);
      return NULL;
    }
  ctx->schema_changed = TRUE;
  g_ptr_array_add (ctx->report->labels_added, g_strdup (label));
  return gloss_schema_lookup_label (ctx->schema, label);
}

GlossRelationType *
gloss_import_context_ensure_relation_type (GlossImportContext *ctx,
                                           const char         *type)
{
  GlossRelationType *existing = gloss_schema_lookup_relation_type (ctx->schema, type);
  g_autoptr(GlossRelationType) created = NULL;
  g_autoptr(GError) error = NULL;

  if (existing != NULL)
    return existing;
  if (!schema_name_ok (type))
    return NULL;
  created = gloss_relation_type_new (type, NULL, NULL, NULL);
  if (!gloss_schema_add_relation_type (ctx->schema, created, &error))
    {
      g_debug ("Cannot add relation type %s: %s", type, error->message);
      return NULL;
    }
  ctx->schema_changed = TRUE;
  g_ptr_array_add (ctx->report->relation_types_added, g_strdup (type));
  return gloss_schema_lookup_relation_type (ctx->schema, type);
}

/* A value an enum attribute can take: not longer than a schema name. */
static gboolean
fits_enum (GVariant *value)
{
  return g_utf8_strlen (g_variant_get_string (value, NULL), -1) <= GLOSS_SCHEMA_MAX_NAME_LENGTH;
}

/* A new definition that also admits @value, or NULL when @def admits it.
 * An enum that would grow past the schema's limit on values (or take a
 * value longer than a name) becomes a text attribute: imported free text
 * never makes the schema one that cannot be opened again. */
static GlossAttrDef *
widen_definition (GlossAttrDef *def,
                  const char   *name,
                  GVariant     *value)
{
  if (def == NULL)
    {
      if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
        return gloss_attr_def_new (name, GLOSS_ATTR_TYPE_BOOLEAN, NULL, NULL);
      else if (!fits_enum (value))
        return gloss_attr_def_new (name, GLOSS_ATTR_TYPE_TEXT, NULL, NULL);
      else
        {
          const char *values[] = { g_variant_get_string (value, NULL), NULL };
          return gloss_attr_def_new (name, GLOSS_ATTR_TYPE_ENUM, values, NULL);
        }
    }
  if (gloss_attr_def_check_value (def, value, NULL))
    return NULL;
  if (gloss_attr_def_get_attr_type (def) == GLOSS_ATTR_TYPE_ENUM &&
      g_variant_is_of_type (value, G_VARIANT_TYPE_STRING) &&
      (!fits_enum (value) ||
       g_strv_length ((char **) gloss_attr_def_get_values (def)) >= GLOSS_SCHEMA_MAX_ENUM_VALUES))
    return gloss_attr_def_new (name, GLOSS_ATTR_TYPE_TEXT, NULL, NULL);
  if (gloss_attr_def_get_attr_type (def) == GLOSS_ATTR_TYPE_ENUM &&
      g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) values = NULL;

      g_strv_builder_addv (builder, (const char **) gloss_attr_def_get_values (def));
      g_strv_builder_add (builder, g_variant_get_string (value, NULL));
      values = g_strv_builder_end (builder);
      return gloss_attr_def_new (name, GLOSS_ATTR_TYPE_ENUM, (const char * const *) values,
                                 gloss_attr_def_get_default_value (def));
    }
  /* A type clash (boolean value for an enum): widen to text when both are
   * strings; otherwise keep the definition and let validation report it. */
  return NULL;
}

static void
replace_definition (GPtrArray    *defs,
                    GlossAttrDef *def)
{
  for (guint i = 0; i < defs->len; i++)
    if (g_strcmp0 (gloss_attr_def_get_name (g_ptr_array_index (defs, i)),
                   gloss_attr_def_get_name (def)) == 0)
      {
        GlossAttrDef *old = g_ptr_array_index (defs, i);
        defs->pdata[i] = gloss_attr_def_ref (def);
        gloss_attr_def_unref (old);
        return;
      }
}

void
gloss_import_context_ensure_attribute (GlossImportContext *ctx,
                                       const char         *label,
                                       const char         *name,
                                       GVariant           *value)
{
  GlossLabel *l = gloss_import_context_ensure_label (ctx, label, NULL);
  GlossAttrDef *def;
  g_autoptr(GlossAttrDef) wider = NULL;

  if (l == NULL || !schema_name_ok (name))
    return;
  def = gloss_label_lookup_attribute (l, name);
  wider = widen_definition (def, name, value);
  if (wider == NULL)
    return;
  if (def == NULL)
    {
      g_autoptr(GError) error = NULL;

      /* past the schema's limit on attributes the values stay unchecked */
      if (!gloss_label_try_add_attribute (l, wider, &error))
        {
          g_debug ("Attribute %s of %s not declared: %s", name, label, error->message);
          return;
        }
    }
  else
    replace_definition (gloss_label_get_attributes (l), wider);
  ctx->schema_changed = TRUE;
}

void
gloss_import_context_ensure_relation_attribute (GlossImportContext *ctx,
                                                const char         *type,
                                                const char         *name,
                                                GVariant           *value)
{
  GlossRelationType *t = gloss_import_context_ensure_relation_type (ctx, type);
  GlossAttrDef *def;
  g_autoptr(GlossAttrDef) wider = NULL;

  if (t == NULL || !schema_name_ok (name))
    return;
  def = gloss_relation_type_lookup_attribute (t, name);
  wider = widen_definition (def, name, value);
  if (wider == NULL)
    return;
  if (def == NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!gloss_relation_type_try_add_attribute (t, wider, &error))
        {
          g_debug ("Attribute %s of %s not declared: %s", name, type, error->message);
          return;
        }
    }
  else
    replace_definition (gloss_relation_type_get_attributes (t), wider);
  ctx->schema_changed = TRUE;
}

gint64
gloss_import_context_add_document (GlossImportContext  *ctx,
                                   const char          *name,
                                   const char          *text,
                                   gssize               len,
                                   const char          *meta_json,
                                   GError             **error)
{
  g_autofree char *unique = NULL;
  gsize size = len < 0 ? strlen (text) : (gsize) len;
  gint64 id;

  if (name == NULL || *name == '\0')
    name = _("Untitled");
  if (size > GLOSS_FORMAT_MAX_DOCUMENT_SIZE)
    {
      g_autofree char *message = gloss_format_dup_too_large (name, size);
      g_set_error_literal (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_TOO_LARGE, message);
      return 0;
    }
  unique = gloss_store_dup_unique_name (ctx->store, name);
  id = gloss_store_insert_document (ctx->store, NULL, unique, text, len, meta_json, NULL, 0,
                                    error);
  if (id == 0)
    return 0;
  g_hash_table_insert (ctx->lengths, g_memdup2 (&id, sizeof id),
                       GUINT_TO_POINTER (g_utf8_strlen (text, len)));
  ctx->report->n_documents++;
  return id;
}

gboolean
gloss_import_context_add_annotation (GlossImportContext  *ctx,
                                     gint64               doc_id,
                                     GlossAnnotation     *annotation,
                                     GError             **error)
{
  g_autoptr(GlossAnnotation) a = gloss_annotation_copy (annotation);
  gpointer value;
  guint length, n;
  const GlossFragment *f;
  GHashTable *attrs;

  if (!g_hash_table_lookup_extended (ctx->lengths, &doc_id, NULL, &value))
    {
      g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID,
                   _("annotation for a document this import did not create"));
      return FALSE;
    }
  length = GPOINTER_TO_UINT (value);
  f = gloss_annotation_get_fragments (a, &n);
  if (n == 0)
    {
      g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID,
                   _("annotation without a span"));
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    if (f[i].start >= f[i].end || f[i].end > length ||
        (i > 0 && f[i].start < f[i - 1].end))
      {
        g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID,
                     _("span %u–%u is empty, overlaps another fragment or lies outside the "
                       "text (length %u)"), f[i].start, f[i].end, length);
        return FALSE;
      }
  if (gloss_import_context_ensure_label (ctx, gloss_annotation_get_label (a), NULL) == NULL)
    {
      g_autofree char *quoted = gloss_format_quote (gloss_annotation_get_label (a), -1);

      g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID,
                   _("“%s” cannot be a label name"), quoted);
      return FALSE;
    }
  attrs = gloss_annotation_get_attributes (a);
  if (attrs != NULL)
    {
      GHashTableIter iter;
      gpointer k, v;

      g_hash_table_iter_init (&iter, attrs);
      while (g_hash_table_iter_next (&iter, &k, &v))
        gloss_import_context_ensure_attribute (ctx, gloss_annotation_get_label (a), k, v);
    }
  gloss_annotation_set_document_id (a, doc_id);
  if (*gloss_annotation_get_annotator (a) == '\0')
    gloss_annotation_set_annotator (a, gloss_import_context_annotator (ctx, NULL));
  else if (ctx->options->annotator != NULL && *ctx->options->annotator != '\0')
    gloss_annotation_set_annotator (a, ctx->options->annotator);
  if (gloss_annotation_get_created (a) <= 0)
    {
      gint64 now = g_get_real_time ();
      gloss_annotation_set_times (a, now, now);
    }
  if (!gloss_store_put_annotation (ctx->store, a, error))
    return FALSE;
  ctx->report->n_annotations++;
  return TRUE;
}

gboolean
gloss_import_context_add_relation (GlossImportContext  *ctx,
                                   gint64               doc_id,
                                   GlossRelation       *relation,
                                   GError             **error)
{
  g_autoptr(GlossRelation) r = gloss_relation_copy (relation);
  GHashTable *attrs;

  if (gloss_import_context_ensure_relation_type (ctx, gloss_relation_get_relation_type (r)) == NULL)
    {
      g_autofree char *quoted = gloss_format_quote (gloss_relation_get_relation_type (r), -1);

      g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID,
                   _("“%s” cannot be a relation type"), quoted);
      return FALSE;
    }
  attrs = gloss_relation_get_attributes (r);
  if (attrs != NULL)
    {
      GHashTableIter iter;
      gpointer k, v;

      g_hash_table_iter_init (&iter, attrs);
      while (g_hash_table_iter_next (&iter, &k, &v))
        gloss_import_context_ensure_relation_attribute (ctx, gloss_relation_get_relation_type (r),
                                                        k, v);
    }
  gloss_relation_set_document_id (r, doc_id);
  if (*gloss_relation_get_annotator (r) == '\0')
    gloss_relation_set_annotator (r, gloss_import_context_annotator (ctx, NULL));
  else if (ctx->options->annotator != NULL && *ctx->options->annotator != '\0')
    gloss_relation_set_annotator (r, ctx->options->annotator);
  if (gloss_relation_get_created (r) <= 0)
    {
      gint64 now = g_get_real_time ();
      gloss_relation_set_times (r, now, now);
    }
  if (!gloss_store_put_relation (ctx->store, r, error))
    return FALSE;
  ctx->report->n_relations++;
  return TRUE;
}

gboolean
gloss_import_context_set_status (GlossImportContext   *ctx,
                                 gint64                doc_id,
                                 const char           *annotator,
                                 GlossDocumentStatus   status,
                                 GError              **error)
{
  return gloss_store_set_document_status (ctx->store, doc_id,
                                          gloss_import_context_annotator (ctx, annotator),
                                          status, g_get_real_time (), error);
}

gboolean
gloss_import_context_bad_record (GlossImportContext  *ctx,
                                 const char          *file,
                                 guint                line,
                                 GError             **error,
                                 const char          *format,
                                 ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  gloss_import_report_add (ctx->report, GLOSS_PROBLEM_ERROR, file, line, "%s", message);
  if (ctx->options->skip_bad)
    return TRUE;
  if (line > 0)
    g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID, "%s:%u: %s",
                 file ? file : "", line, message);
  else
    g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID, "%s: %s",
                 file ? file : "", message);
  return FALSE;
}

void
gloss_import_context_progress (GlossImportContext *ctx,
                               double              fraction)
{
  double overall;

  if (ctx->options->progress == NULL)
    return;
  /* Each path has its share of the bar. */
  overall = (ctx->path_index + CLAMP (fraction, 0.0, 1.0)) / MAX (ctx->n_paths, 1);
  ctx->options->progress (CLAMP (overall, 0.0, 1.0), ctx->options->progress_data);
}

gboolean
gloss_format_import (GlossProject              *project,
                     const char * const        *paths,
                     const GlossImportOptions  *options,
                     GlossImportReport         *report,
                     GCancellable              *cancellable,
                     GError                   **error)
{
  static const GlossImportOptions defaults = GLOSS_IMPORT_OPTIONS_INIT;
  g_autoptr(GlossImportReport) own_report = NULL;
  GlossImportContext ctx = { 0 };
  gboolean ok = TRUE;
  guint n_paths;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (paths != NULL, FALSE);

  if (options == NULL)
    options = &defaults;
  if (report == NULL)
    report = own_report = gloss_import_report_new ();
  n_paths = g_strv_length ((char **) paths);

  ctx.project = project;
  ctx.store = gloss_project_get_store (project);
  ctx.schema = gloss_schema_copy (gloss_project_get_schema (project));
  ctx.options = options;
  ctx.report = report;
  ctx.lengths = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  ctx.n_paths = n_paths;

  if (!gloss_store_begin (ctx.store, error))
    {
      ok = FALSE;
      goto out;
    }
  for (guint i = 0; ok && i < n_paths; i++)
    {
      GlossFormat *format;
      GlossFormatClass *klass;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      if (options->format != NULL)
        {
          format = gloss_format_lookup (options->format);
          if (format == NULL)
            {
              g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_UNKNOWN_FORMAT,
                           _("Unknown format “%s”"), options->format);
              ok = FALSE;
              break;
            }
        }
      else if ((format = gloss_format_detect (paths[i], error)) == NULL)
        {
          ok = FALSE;
          break;
        }
      klass = GLOSS_FORMAT_GET_CLASS (format);
      if (klass->import_path == NULL)
        {
          g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_UNSUPPORTED,
                       _("Gloss cannot import %s files"), gloss_format_get_display_name (format));
          ok = FALSE;
          break;
        }
      ctx.path_index = i;
      ok = klass->import_path (format, &ctx, paths[i], cancellable, error);
      gloss_import_context_progress (&ctx, 1.0);
    }
  if (ok && !options->skip_bad && gloss_import_report_count (report, GLOSS_PROBLEM_ERROR) > 0)
    {
      g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_PROBLEMS,
                   _("The import found errors; nothing was imported"));
      ok = FALSE;
    }
  if (ok && ctx.schema_changed)
    ok = gloss_project_set_schema (project, ctx.schema, error);
  if (ok)
    ok = gloss_store_commit (ctx.store, error);
  else
    gloss_store_rollback (ctx.store);

  /* The list follows the store, whatever happened. */
  gloss_project_reload_documents (project, NULL);

out:
  g_hash_table_unref (ctx.lengths);
  g_object_unref (ctx.schema);
  if (!ok)
    {
      report->n_documents = report->n_annotations = report->n_relations = 0;
      g_ptr_array_set_size (report->labels_added, 0);
      g_ptr_array_set_size (report->relation_types_added, 0);
    }
  return ok;
}

/* ---- export context */

GlossProject *
gloss_export_context_get_project (GlossExportContext *ctx)
{
  return ctx->project;
}

const GlossExportOptions *
gloss_export_context_get_options (GlossExportContext *ctx)
{
  return ctx->options;
}

GPtrArray *
gloss_export_context_get_documents (GlossExportContext *ctx)
{
  return ctx->documents;
}

static gboolean
annotation_passes (GlossExportContext *ctx,
                   GlossAnnotation    *a)
{
  const GlossExportOptions *o = ctx->options;
  const char *who = gloss_annotation_get_annotator (a);

  if (o->gold_only && g_strcmp0 (who, GLOSS_GOLD_ANNOTATOR) != 0)
    return FALSE;
  if (o->annotator != NULL && g_strcmp0 (who, o->annotator) != 0)
    return FALSE;
  if (o->labels != NULL && !g_strv_contains (o->labels, gloss_annotation_get_label (a)))
    return FALSE;
  return TRUE;
}

GPtrArray *
gloss_export_context_dup_annotations (GlossExportContext  *ctx,
                                      GlossDocument       *doc,
                                      GError             **error)
{
  GlossStore *store = gloss_project_get_store (ctx->project);
  g_autoptr(GPtrArray) all = gloss_store_load_annotations (store, gloss_document_get_id (doc),
                                                           FALSE, error);
  GPtrArray *out;

  if (all == NULL)
    return NULL;
  out = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < all->len; i++)
    if (annotation_passes (ctx, g_ptr_array_index (all, i)))
      g_ptr_array_add (out, g_object_ref (g_ptr_array_index (all, i)));
  return out;
}

GPtrArray *
gloss_export_context_dup_relations (GlossExportContext  *ctx,
                                    GlossDocument       *doc,
                                    GPtrArray           *annotations,
                                    GError             **error)
{
  GlossStore *store = gloss_project_get_store (ctx->project);
  g_autoptr(GPtrArray) all = gloss_store_load_relations (store, gloss_document_get_id (doc),
                                                         FALSE, error);
  g_autoptr(GHashTable) kept = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *out;

  if (all == NULL)
    return NULL;
  for (guint i = 0; i < annotations->len; i++)
    g_hash_table_add (kept, (gpointer) gloss_annotation_get_uuid (g_ptr_array_index (annotations,
                                                                                     i)));
  out = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < all->len; i++)
    {
      GlossRelation *r = g_ptr_array_index (all, i);
      if (g_hash_table_contains (kept, gloss_relation_get_source (r)) &&
          g_hash_table_contains (kept, gloss_relation_get_target (r)))
        g_ptr_array_add (out, g_object_ref (r));
    }
  return out;
}

/* Reports a loss found from a row's columns: the message wants the whole
 * annotation, read only for the listed examples. */
static gboolean
lost_by_uuid (GlossExportContext  *ctx,
              GlossDocument       *doc,
              const char          *uuid,
              GlossExportLoss      loss,
              GError             **error)
{
  g_autoptr(GlossAnnotation) a = NULL;

  if (ctx->n_lost[loss] >= GLOSS_EXPORT_REPORT_EXAMPLES)
    {
      ctx->n_lost[loss]++;
      return TRUE;
    }
  a = gloss_store_load_annotation (gloss_project_get_store (ctx->project), uuid, error);
  if (a == NULL)
    return FALSE;
  gloss_export_context_lost_annotation (ctx, doc, a, loss);
  return TRUE;
}

/* A row of gloss_export_context_dup_spans(), before the tie order. */
typedef struct
{
  GlossAnnotation *annotation;
  gint64           start;
  gint64           end;
  guint            has_attributes : 1;
  guint            has_note : 1;
  guint            has_norm : 1;
} SpanRow;

static int
compare_rows_by_uuid (gconstpointer a,
                      gconstpointer b)
{
  return strcmp (gloss_annotation_get_uuid (((const SpanRow *) a)->annotation),
                 gloss_annotation_get_uuid (((const SpanRow *) b)->annotation));
}

GPtrArray *
gloss_export_context_dup_spans (GlossExportContext  *ctx,
                                GlossDocument       *doc,
                                GlossExportLabelFunc keep_label,
                                GlossExportCarries   carries,
                                GError             **error)
{
  /* The rows of gloss_store_load_annotations(). Its order is (start, end,
   * uuid); the index gives (start, end), and sorting the ties by uuid here
   * is much cheaper than SQLite's temporary B-tree for them. */
  static const char sql[] =
    "SELECT uuid, label, fragments, annotator, attributes != '{}', "
    "  note IS NOT NULL AND note != '', norm_id IS NOT NULL AND norm_id != '', start, end "
    "FROM annotations WHERE document = ?1 AND deleted = 0 ORDER BY start, end";
  static const char sql_relations[] =
    "SELECT uuid, source, target FROM relations WHERE document = ?1 AND deleted = 0 "
    "ORDER BY created, uuid";
  const GlossExportOptions *o = ctx->options;
  GlossStore *store = gloss_project_get_store (ctx->project);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) keep = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) kept = NULL;
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (SpanRow));
  g_autoptr(GArray) frags = NULL;
  int rc;

  {
    g_autoptr(GlossStmt) stmt = _gloss_store_prepare (store, sql, error);

    if (stmt == NULL)
      return NULL;
    sqlite3_bind_int64 (stmt, 1, gloss_document_get_id (doc));
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        const char *uuid = (const char *) sqlite3_column_text (stmt, 0);
        const char *label = (const char *) sqlite3_column_text (stmt, 1);
        const char *annotator = (const char *) sqlite3_column_text (stmt, 3);
        gpointer verdict;
        SpanRow row;

        if (uuid == NULL || label == NULL || annotator == NULL)
          continue;  /* NOT NULL columns; never seen */
        if (o->gold_only && strcmp (annotator, GLOSS_GOLD_ANNOTATOR) != 0)
          continue;
        if (o->annotator != NULL && strcmp (annotator, o->annotator) != 0)
          continue;
        if (o->labels != NULL && !g_strv_contains (o->labels, label))
          continue;
        if (!g_hash_table_lookup_extended (keep, label, NULL, &verdict))
          {
            verdict = GINT_TO_POINTER (keep_label == NULL || keep_label (ctx, label));
            g_hash_table_insert (keep, g_strdup (label), verdict);
          }
        if (!GPOINTER_TO_INT (verdict))
          continue;
        g_clear_pointer (&frags, g_array_unref);
        if (!_gloss_fragments_from_string ((const char *) sqlite3_column_text (stmt, 2), &frags))
          {
            g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_CORRUPT,
                         _("annotation %s: unreadable fragments"), uuid);
            for (guint i = 0; i < rows->len; i++)
              g_object_unref (g_array_index (rows, SpanRow, i).annotation);
            return NULL;
          }
        /* Not gloss_annotation_new(): it would draw a uuid to replace. */
        row.annotation = g_object_new (GLOSS_TYPE_ANNOTATION, NULL);
        gloss_annotation_set_uuid (row.annotation, uuid);
        gloss_annotation_set_label (row.annotation, label);
        gloss_annotation_set_fragments (row.annotation, (GlossFragment *) (gpointer) frags->data,
                                        frags->len);
        gloss_annotation_set_annotator (row.annotation, annotator);
        gloss_annotation_set_document_id (row.annotation, gloss_document_get_id (doc));
        row.has_attributes = sqlite3_column_int (stmt, 4) != 0;
        row.has_note = sqlite3_column_int (stmt, 5) != 0;
        row.has_norm = sqlite3_column_int (stmt, 6) != 0;
        row.start = sqlite3_column_int64 (stmt, 7);
        row.end = sqlite3_column_int64 (stmt, 8);
        g_array_append_val (rows, row);
      }
    if (rc != SQLITE_DONE)
      {
        _gloss_store_set_error_from_db (store, error, _("Cannot read the annotations"));
        for (guint i = 0; i < rows->len; i++)
          g_object_unref (g_array_index (rows, SpanRow, i).annotation);
        return NULL;
      }
  }

  /* Ties in (start, end) by uuid; then as gloss_export_context_check_annotations()
   * would, in that order. */
  for (guint i = 0, j; i < rows->len; i = j)
    {
      SpanRow *first = &g_array_index (rows, SpanRow, i);

      for (j = i + 1; j < rows->len; j++)
        {
          SpanRow *r = &g_array_index (rows, SpanRow, j);
          if (r->start != first->start || r->end != first->end)
            break;
        }
      if (j - i > 1)
        qsort (first, j - i, sizeof (SpanRow), compare_rows_by_uuid);
    }
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (out, g_array_index (rows, SpanRow, i).annotation);  /* takes the ref */
  for (guint i = 0; i < rows->len; i++)
    {
      SpanRow *r = &g_array_index (rows, SpanRow, i);
      const char *uuid = gloss_annotation_get_uuid (r->annotation);

      if ((!(carries & GLOSS_EXPORT_CARRIES_DISCONTINUOUS)
           && gloss_annotation_get_n_fragments (r->annotation) > 1
           && !lost_by_uuid (ctx, doc, uuid, GLOSS_EXPORT_LOSS_DISCONTINUOUS, error))
          || (!(carries & GLOSS_EXPORT_CARRIES_ATTRIBUTES) && r->has_attributes
              && !lost_by_uuid (ctx, doc, uuid, GLOSS_EXPORT_LOSS_ATTRIBUTES, error))
          || (!(carries & GLOSS_EXPORT_CARRIES_NOTES) && r->has_note
              && !lost_by_uuid (ctx, doc, uuid, GLOSS_EXPORT_LOSS_NOTE, error))
          || (!(carries & GLOSS_EXPORT_CARRIES_NORMALISATIONS) && r->has_norm
              && !lost_by_uuid (ctx, doc, uuid, GLOSS_EXPORT_LOSS_NORMALISATION, error)))
        return NULL;
    }

  /* The relations between them are lost. */
  if (out->len == 0 || !gloss_export_context_has_relations (ctx))
    return g_steal_pointer (&out);
  kept = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < out->len; i++)
    g_hash_table_add (kept, (gpointer) gloss_annotation_get_uuid (g_ptr_array_index (out, i)));
  {
    g_autoptr(GlossStmt) stmt = _gloss_store_prepare (store, sql_relations, error);

    if (stmt == NULL)
      return NULL;
    sqlite3_bind_int64 (stmt, 1, gloss_document_get_id (doc));
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        const char *uuid = (const char *) sqlite3_column_text (stmt, 0);
        g_autoptr(GlossRelation) r = NULL;

        if (!g_hash_table_contains (kept, sqlite3_column_text (stmt, 1))
            || !g_hash_table_contains (kept, sqlite3_column_text (stmt, 2)))
          continue;
        if (ctx->n_lost[GLOSS_EXPORT_LOSS_RELATION] >= GLOSS_EXPORT_REPORT_EXAMPLES)
          {
            ctx->n_lost[GLOSS_EXPORT_LOSS_RELATION]++;
            continue;
          }
        r = gloss_store_load_relation (store, uuid, error);
        if (r == NULL)
          return NULL;
        gloss_export_context_lost_relation (ctx, doc, r, GLOSS_EXPORT_LOSS_RELATION);
      }
    if (rc != SQLITE_DONE)
      {
        _gloss_store_set_error_from_db (store, error, _("Cannot read the relations"));
        return NULL;
      }
  }
  return g_steal_pointer (&out);
}

guint
gloss_export_context_split_of (GlossExportContext *ctx,
                               GlossDocument      *doc)
{
  const GlossExportOptions *o = ctx->options;
  guint total = o->split[0] + o->split[1] + o->split[2];
  g_autofree char *key = NULL;
  g_autofree char *digest = NULL;
  guint64 h = 0;
  guint bucket;

  if (total == 0)
    return 0;
  key = g_strdup_printf ("%" G_GUINT64_FORMAT ":%s", o->seed, gloss_document_get_sha256 (doc));
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
  for (guint i = 0; i < 15; i++)
    h = h * 16 + g_ascii_xdigit_value (digest[i]);
  bucket = h % total;
  if (bucket < o->split[0])
    return 0;
  if (bucket < o->split[0] + o->split[1])
    return 1;
  return 2;
}

void
gloss_export_context_progress (GlossExportContext *ctx,
                               double              fraction)
{
  if (ctx->options->progress != NULL)
    ctx->options->progress (CLAMP (fraction, 0.0, 1.0), ctx->options->progress_data);
}

GlossImportReport *
gloss_export_context_get_report (GlossExportContext *ctx)
{
  return ctx->report;
}

GOutputStream *
gloss_export_context_open_output (GlossExportContext  *ctx,
                                  const char          *path,
                                  GCancellable        *cancellable,
                                  GError             **error)
{
  g_return_val_if_fail (ctx != NULL && path != NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (strcmp (path, "-") == 0)
    {
      g_autoptr(GOutputStream) out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
      return g_buffered_output_stream_new_sized (out, 64 * 1024);
    }
  return gloss_output_set_open (ctx->outputs, path, error);
}

gboolean
gloss_export_context_write_file (GlossExportContext  *ctx,
                                 const char          *dir,
                                 const char          *name,
                                 const char          *contents,
                                 gsize                length,
                                 GCancellable        *cancellable,
                                 GError             **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GOutputStream) out = gloss_export_context_open_output (ctx, path, cancellable, error);

  return out != NULL
         && g_output_stream_write_all (out, contents, length, NULL, cancellable, error)
         && g_output_stream_close (out, cancellable, error);
}

gboolean
gloss_export_context_has_relations (GlossExportContext *ctx)
{
  if (ctx->has_relations < 0)
    {
      GlossStore *store = gloss_project_get_store (ctx->project);
      g_autoptr(GlossStmt) stmt =
        _gloss_store_prepare (store, "SELECT EXISTS (SELECT 1 FROM relations WHERE deleted = 0)",
                              NULL);

      /* When the question fails, say yes: the relations are then loaded
       * and checked one document at a time. */
      ctx->has_relations = stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW
                           || sqlite3_column_int (stmt, 0) != 0;
    }
  return ctx->has_relations;
}

/* What each kind of loss says, after "annotation ID (LABEL OFFSETS): ". */
static const char *
loss_message (GlossExportLoss loss)
{
  switch (loss)
    {
    case GLOSS_EXPORT_LOSS_DISCONTINUOUS:
      return _("discontinuous: its fragments were written as separate spans");
    case GLOSS_EXPORT_LOSS_ATTRIBUTES:
    case GLOSS_EXPORT_LOSS_RELATION_ATTRIBUTES:
      return _("attributes not written:");
    case GLOSS_EXPORT_LOSS_NOTE:
      return _("note not written");
    case GLOSS_EXPORT_LOSS_NORMALISATION:
      return _("normalisation not written:");
    case GLOSS_EXPORT_LOSS_RELATION:
      return _("relations cannot be written");
    case GLOSS_EXPORT_LOSS_OVERLAP:
      return _("overlaps another span: left out");
    case GLOSS_EXPORT_LOSS_TOKEN_BOUNDARY:
      return _("starts or ends inside a token: that token was left out of it");
    case GLOSS_EXPORT_LOSS_NO_TOKEN:
      return _("covers no whole token: left out");
    case GLOSS_EXPORT_N_LOSSES:
    default:
      break;
    }
  g_return_val_if_reached ("");
}

/* The kind, for the line counting the warnings not listed. */
static const char *
loss_plural (GlossExportLoss loss)
{
  switch (loss)
    {
    case GLOSS_EXPORT_LOSS_DISCONTINUOUS:
      return _("discontinuous annotations");
    case GLOSS_EXPORT_LOSS_ATTRIBUTES:
      return _("annotations with attributes");
    case GLOSS_EXPORT_LOSS_NOTE:
      return _("annotations with notes");
    case GLOSS_EXPORT_LOSS_NORMALISATION:
      return _("annotations with normalisations");
    case GLOSS_EXPORT_LOSS_RELATION:
      return _("relations");
    case GLOSS_EXPORT_LOSS_RELATION_ATTRIBUTES:
      return _("relations with attributes");
    case GLOSS_EXPORT_LOSS_OVERLAP:
      return _("overlapping spans");
    case GLOSS_EXPORT_LOSS_TOKEN_BOUNDARY:
      return _("spans ending inside a token");
    case GLOSS_EXPORT_LOSS_NO_TOKEN:
      return _("spans covering no whole token");
    case GLOSS_EXPORT_N_LOSSES:
    default:
      break;
    }
  g_return_val_if_reached ("");
}

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The sorted names of @attrs other than @kept, joined by ", ". */
static char *
join_attribute_names (GHashTable         *attrs,
                      const char * const *kept)
{
  g_autofree gpointer *keys = NULL;
  GString *str = g_string_new (NULL);
  guint n = 0;

  if (attrs != NULL)
    keys = g_hash_table_get_keys_as_array (attrs, &n);
  if (n > 1)
    g_qsort_with_data (keys, n, sizeof (gpointer), compare_names, NULL);
  for (guint i = 0; i < n; i++)
    {
      if (kept != NULL && g_strv_contains (kept, keys[i]))
        continue;
      if (str->len > 0)
        g_string_append (str, ", ");
      g_string_append (str, keys[i]);
    }
  return g_string_free (str, FALSE);
}

/* Counts the loss; TRUE when it is still among the listed examples. */
static gboolean
count_loss (GlossExportContext *ctx,
            GlossExportLoss     loss)
{
  g_return_val_if_fail (loss < GLOSS_EXPORT_N_LOSSES, FALSE);
  return ++ctx->n_lost[loss] <= GLOSS_EXPORT_REPORT_EXAMPLES;
}

void
gloss_export_context_lost_annotation (GlossExportContext *ctx,
                                      GlossDocument      *doc,
                                      GlossAnnotation    *annotation,
                                      GlossExportLoss     loss)
{
  g_autoptr(GString) where = NULL;
  g_autofree char *detail = NULL;
  const GlossFragment *f;
  guint n;

  if (!count_loss (ctx, loss))
    return;
  where = g_string_new (NULL);
  f = gloss_annotation_get_fragments (annotation, &n);
  for (guint k = 0; k < n; k++)
    g_string_append_printf (where, "%s%u-%u", k > 0 ? "," : "", f[k].start, f[k].end);
  if (loss == GLOSS_EXPORT_LOSS_ATTRIBUTES)
    detail = join_attribute_names (gloss_annotation_get_attributes (annotation), NULL);
  else if (loss == GLOSS_EXPORT_LOSS_NORMALISATION)
    detail = g_strdup (gloss_annotation_get_norm_id (annotation));
  gloss_import_report_add (ctx->report, GLOSS_PROBLEM_WARNING, gloss_document_get_name (doc), 0,
                           _("annotation %s (%s %s): %s%s%s"),
                           gloss_annotation_get_uuid (annotation),
                           gloss_annotation_get_label (annotation), where->str,
                           loss_message (loss), detail != NULL ? " " : "",
                           detail != NULL ? detail : "");
}

static void
lost_relation (GlossExportContext *ctx,
               GlossDocument      *doc,
               GlossRelation      *relation,
               GlossExportLoss     loss,
               const char         *detail)
{
  if (!count_loss (ctx, loss))
    return;
  gloss_import_report_add (ctx->report, GLOSS_PROBLEM_WARNING, gloss_document_get_name (doc), 0,
                           _("relation %s (%s): %s%s%s"), gloss_relation_get_uuid (relation),
                           gloss_relation_get_relation_type (relation), loss_message (loss),
                           detail != NULL ? " " : "", detail != NULL ? detail : "");
}

void
gloss_export_context_lost_relation (GlossExportContext *ctx,
                                    GlossDocument      *doc,
                                    GlossRelation      *relation,
                                    GlossExportLoss     loss)
{
  g_autofree char *detail = NULL;

  if (loss == GLOSS_EXPORT_LOSS_RELATION_ATTRIBUTES)
    detail = join_attribute_names (gloss_relation_get_attributes (relation), NULL);
  lost_relation (ctx, doc, relation, loss, detail);
}

void
gloss_export_context_check_annotations (GlossExportContext *ctx,
                                        GlossDocument      *doc,
                                        GPtrArray          *annotations,
                                        GlossExportCarries  carries)
{
  for (guint i = 0; i < annotations->len; i++)
    {
      GlossAnnotation *a = g_ptr_array_index (annotations, i);
      GHashTable *attrs;
      const char *s;

      if (!(carries & GLOSS_EXPORT_CARRIES_DISCONTINUOUS)
          && gloss_annotation_get_n_fragments (a) > 1)
        gloss_export_context_lost_annotation (ctx, doc, a, GLOSS_EXPORT_LOSS_DISCONTINUOUS);
      if (!(carries & GLOSS_EXPORT_CARRIES_ATTRIBUTES)
          && (attrs = gloss_annotation_get_attributes (a)) != NULL
          && g_hash_table_size (attrs) > 0)
        gloss_export_context_lost_annotation (ctx, doc, a, GLOSS_EXPORT_LOSS_ATTRIBUTES);
      if (!(carries & GLOSS_EXPORT_CARRIES_NOTES)
          && (s = gloss_annotation_get_note (a)) != NULL && *s != '\0')
        gloss_export_context_lost_annotation (ctx, doc, a, GLOSS_EXPORT_LOSS_NOTE);
      if (!(carries & GLOSS_EXPORT_CARRIES_NORMALISATIONS)
          && (s = gloss_annotation_get_norm_id (a)) != NULL && *s != '\0')
        gloss_export_context_lost_annotation (ctx, doc, a, GLOSS_EXPORT_LOSS_NORMALISATION);
    }
}

void
gloss_export_context_check_relations (GlossExportContext *ctx,
                                      GlossDocument      *doc,
                                      GPtrArray          *relations,
                                      GlossExportCarries  carries,
                                      const char * const *kept_attributes)
{
  for (guint i = 0; relations != NULL && i < relations->len; i++)
    {
      GlossRelation *r = g_ptr_array_index (relations, i);
      g_autofree char *lost = NULL;

      if (!(carries & GLOSS_EXPORT_CARRIES_RELATIONS))
        {
          gloss_export_context_lost_relation (ctx, doc, r, GLOSS_EXPORT_LOSS_RELATION);
          continue;
        }
      if (carries & GLOSS_EXPORT_CARRIES_RELATION_ATTRIBUTES)
        continue;
      lost = join_attribute_names (gloss_relation_get_attributes (r), kept_attributes);
      if (*lost != '\0')
        lost_relation (ctx, doc, r, GLOSS_EXPORT_LOSS_RELATION_ATTRIBUTES, lost);
    }
}

/* One line per kind of loss with more warnings than were listed. */
static void
summarise_losses (GlossExportContext *ctx)
{
  for (guint k = 0; k < GLOSS_EXPORT_N_LOSSES; k++)
    if (ctx->n_lost[k] > GLOSS_EXPORT_REPORT_EXAMPLES)
      gloss_import_report_add (ctx->report, GLOSS_PROBLEM_WARNING, NULL, 0,
                               _("%u more %s not listed (%u in all)"),
                               ctx->n_lost[k] - GLOSS_EXPORT_REPORT_EXAMPLES,
                               loss_plural (k), ctx->n_lost[k]);
}

static gboolean
document_passes (GlossExportContext *ctx,
                 GlossDocument      *doc)
{
  const GlossExportOptions *o = ctx->options;
  GlossStore *store = gloss_project_get_store (ctx->project);
  g_autoptr(GHashTable) statuses = NULL;
  GHashTableIter iter;
  gpointer k, v;

  if (o->status < 0)
    return TRUE;
  statuses = gloss_store_dup_document_statuses (store, gloss_document_get_id (doc));
  if (o->annotator != NULL)
    {
      if (g_hash_table_lookup_extended (statuses, o->annotator, NULL, &v))
        return GPOINTER_TO_INT (v) == o->status;
      return o->status == GLOSS_DOCUMENT_STATUS_NEW;
    }
  g_hash_table_iter_init (&iter, statuses);
  while (g_hash_table_iter_next (&iter, &k, &v))
    if (GPOINTER_TO_INT (v) == o->status)
      return TRUE;
  return o->status == GLOSS_DOCUMENT_STATUS_NEW && g_hash_table_size (statuses) == 0;
}

gboolean
gloss_format_export (GlossProject              *project,
                     const char                *format_name,
                     const char                *path,
                     const GlossExportOptions  *options,
                     GlossImportReport         *report,
                     GCancellable              *cancellable,
                     GError                   **error)
{
  static const GlossExportOptions defaults = GLOSS_EXPORT_OPTIONS_INIT;
  g_autoptr(GlossImportReport) own_report = NULL;
  GlossFormat *format;
  GlossFormatClass *klass;
  GlossExportContext ctx = { 0 };
  GListModel *docs;
  gboolean ok;
  guint n;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (format_name != NULL && path != NULL, FALSE);

  if (options == NULL)
    options = &defaults;
  format = gloss_format_lookup (format_name);
  if (format == NULL)
    {
      g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_UNKNOWN_FORMAT,
                   _("Unknown format “%s”"), format_name);
      return FALSE;
    }
  klass = GLOSS_FORMAT_GET_CLASS (format);
  if (klass->export_path == NULL)
    {
      g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_UNSUPPORTED,
                   _("Gloss cannot export %s files"), gloss_format_get_display_name (format));
      return FALSE;
    }

  if (report == NULL)
    report = own_report = gloss_import_report_new ();
  ctx.project = project;
  ctx.options = options;
  ctx.report = report;
  ctx.has_relations = -1;
  ctx.documents = g_ptr_array_new_with_free_func (g_object_unref);
  docs = gloss_project_get_documents (project);
  n = g_list_model_get_n_items (docs);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossDocument) doc = g_list_model_get_item (docs, i);
      if (doc != NULL && document_passes (&ctx, doc))
        g_ptr_array_add (ctx.documents, g_steal_pointer (&doc));
    }

  /* All or nothing: the files are written beside their destinations and
   * renamed into place only when every one was written. */
  ctx.outputs = gloss_output_set_new ();
  ok = klass->export_path (format, &ctx, path, cancellable, error)
       && gloss_output_set_commit (ctx.outputs, cancellable, error);
  /* what was not renamed is deleted */
  g_clear_pointer (&ctx.outputs, gloss_output_set_free);
  if (ok)
    {
      summarise_losses (&ctx);
      report->n_documents = ctx.documents->len;
    }
  g_ptr_array_unref (ctx.documents);
  return ok;
}
