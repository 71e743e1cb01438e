/* gloss-import-context.c: what importers write through: documents, rows, statuses, schema
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "gloss-annotation.h"
#include "gloss-change-set-private.h"
#include "gloss-format-util.h"
#include "gloss-import-context-private.h"
#include "gloss-project.h"
#include "gloss-relation.h"
#include "gloss-schema-private.h"
#include "gloss-store.h"
#include "gloss-store-private.h"

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

static const char *
pick_color (GlossSchema *schema)
{
  static const char * const palette[] = {
    "#62a0ea", "#57e389", "#f8e45c", "#ffa348", "#ed333b", "#c061cb", "#b5835a",
    "#99c1f1", "#8ff0a4", "#f9f06b", "#ffbe6f", "#f66151", "#dc8add", "#cdab8f",
  };
  return palette[gloss_schema_get_n_labels (schema) % G_N_ELEMENTS (palette)];
}

/* Names read from a file are checked first with the schema's rule, which
 * its constructors enforce with g_return_val_if_fail: a bad one is reported,
 * never a critical. */
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
  if (!_gloss_schema_name_is_valid (label) || (layer != NULL && !_gloss_schema_name_is_valid (layer)))
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
  if (!_gloss_schema_name_is_valid (type))
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

  if (l == NULL || !_gloss_schema_name_is_valid (name))
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

  if (t == NULL || !_gloss_schema_name_is_valid (name))
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
  return _gloss_import_context_add_counted_document (ctx, name, text, len, -1, NULL, meta_json,
                                                     error);
}

gint64
_gloss_import_context_add_counted_document (GlossImportContext  *ctx,
                                            const char          *name,
                                            const char          *text,
                                            gssize               len,
                                            glong                n_chars,
                                            const char          *sha256,
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
  /* counted once, for the store and for the spans' checks */
  if (n_chars < 0)
    n_chars = g_utf8_strlen (text, len);
  id = _gloss_store_insert_counted_document (ctx->store, NULL, unique, text, len, n_chars, sha256,
                                             meta_json, NULL, 0, error);
  if (id == 0)
    return 0;
  _gloss_change_set_add_document (ctx->changes, id);
  g_hash_table_insert (ctx->lengths, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (n_chars));
  ctx->report->n_documents++;
  return id;
}

gboolean
gloss_import_context_add_annotation (GlossImportContext  *ctx,
                                     gint64               doc_id,
                                     GlossAnnotation     *annotation,
                                     GError             **error)
{
  return _gloss_import_context_take_annotation (ctx, doc_id, gloss_annotation_copy (annotation),
                                                error);
}

gboolean
_gloss_import_context_take_annotation (GlossImportContext  *ctx,
                                       gint64               doc_id,
                                       GlossAnnotation     *annotation,
                                       GError             **error)
{
  g_autoptr(GlossAnnotation) a = annotation;
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
  gloss_change_set_put_annotation (ctx->changes, a, GLOSS_CHANGE_ALWAYS);
  if (ctx->labelled != NULL)
    g_hash_table_replace (ctx->labelled, (gpointer) gloss_annotation_get_uuid (a),
                          g_object_ref (a));
  ctx->report->n_annotations++;
  return TRUE;
}

/* What an import accepts, its schema accepts: a relation between labels
 * its type does not allow (brat's attributed-to from an ORG) widens the
 * type's ends, and says so, as an unknown label is added. Else `gloss-cli
 * validate` refused the project the import had just made. Relations to
 * annotations this import did not add are left as they are. */
static void
widen_relation_ends (GlossImportContext *ctx,
                     GlossRelationType  *type,
                     GlossRelation      *r)
{
  GlossAnnotation *source = g_hash_table_lookup (ctx->labelled, gloss_relation_get_source (r));
  GlossAnnotation *target = g_hash_table_lookup (ctx->labelled, gloss_relation_get_target (r));
  const char *source_label, *target_label;

  if (source == NULL || target == NULL)
    return;
  source_label = gloss_annotation_get_label (source);
  target_label = gloss_annotation_get_label (target);
  if (gloss_relation_type_allows (type, source_label, target_label) ||
      !_gloss_relation_type_allow (type, source_label, target_label))
    return;
  ctx->schema_changed = TRUE;
  gloss_import_report_add (ctx->report, GLOSS_PROBLEM_NOTE, NULL, 0,
                           _("relation type “%s” now also allows %s → %s, as the imported "
                             "files have it"),
                           gloss_relation_type_get_name (type), source_label, target_label);
}

gboolean
gloss_import_context_add_relation (GlossImportContext  *ctx,
                                   gint64               doc_id,
                                   GlossRelation       *relation,
                                   GError             **error)
{
  g_autoptr(GlossRelation) r = gloss_relation_copy (relation);
  GlossRelationType *type =
    gloss_import_context_ensure_relation_type (ctx, gloss_relation_get_relation_type (r));
  GHashTable *attrs;

  if (type == NULL)
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
  if (ctx->labelled != NULL)
    widen_relation_ends (ctx, type, r);
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
  gloss_change_set_put_relation (ctx->changes, r, GLOSS_CHANGE_ALWAYS);
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
  gloss_change_set_put_status (ctx->changes, doc_id,
                               gloss_import_context_annotator (ctx, annotator), status,
                               g_get_real_time (), GLOSS_CHANGE_ALWAYS);
  return TRUE;
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

  return _gloss_import_report_bad_record (ctx->report, ctx->options->skip_bad, file, line,
                                          message, error);
}

gboolean
_gloss_import_report_bad_record (GlossImportReport  *report,
                                 gboolean            skip_bad,
                                 const char         *file,
                                 guint               line,
                                 const char         *message,
                                 GError            **error)
{
  gloss_import_report_add (report, GLOSS_PROBLEM_ERROR, file, line, "%s", message);
  if (skip_bad)
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
