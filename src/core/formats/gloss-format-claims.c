/* gloss-format-claims.c: the claims dataset export (JSONL, one record per claim)
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "gloss-annotation.h"
#include "gloss-document.h"
#include "gloss-format-conll-private.h"
#include "gloss-formats.h"
#include "gloss-project.h"
#include "gloss-relation.h"
#include "gloss-schema.h"
#include "gloss-tokenizer.h"

/* One line per claim (an annotation whose label is on the "claim" layer),
 * documents in name order, claims in document order:
 *
 *   {"document": NAME, "document_id": DOCUMENT-UUID, "claim_id": UUID,
 *    "label": "CLAIM", "text": the covered text (fragments joined by a space),
 *    "fragments": [[start, end], ...] (code points),
 *    "source": {"text", "label", "id", "confidence"?} or null,
 *    "cue": {"text", "id"} or null,
 *    "certainty", "status", "checkworthy": the claim's attributes or null,
 *    "sentence": the text of the sentences (gloss_split_sentences()) from the
 *                one holding the claim's start to the one holding its end,
 *    "sentence_span": [start, end] of that text (code points),
 *    "sources", "cues", "about": every target of the claim's "attributed-to",
 *                "cue" and "about" relations, in creation order (the
 *                singular fields above are the first of them),
 *    "note": the claim's note or null}
 *
 * Filters apply as for every export: a source or cue filtered out (by
 * annotator or label) gives null. */

struct _GlossFormatClaims
{
  GlossFormat parent_instance;
};

G_DEFINE_FINAL_TYPE (GlossFormatClaims, gloss_format_claims, GLOSS_TYPE_FORMAT)

static gboolean
is_claim_label (GlossSchema *schema,
                const char  *label)
{
  GlossLabel *l = gloss_schema_lookup_label (schema, label);

  if (l == NULL)
    return g_ascii_strcasecmp (label, "CLAIM") == 0;
  return g_strcmp0 (gloss_label_get_layer (l), "claim") == 0;
}

static void
add_variant (JsonBuilder *b,
             GVariant    *v)
{
  if (v == NULL)
    json_builder_add_null_value (b);
  else if (g_variant_is_of_type (v, G_VARIANT_TYPE_BOOLEAN))
    json_builder_add_boolean_value (b, g_variant_get_boolean (v));
  else if (g_variant_is_of_type (v, G_VARIANT_TYPE_STRING))
    json_builder_add_string_value (b, g_variant_get_string (v, NULL));
  else if (g_variant_is_of_type (v, G_VARIANT_TYPE_INT64))
    json_builder_add_int_value (b, g_variant_get_int64 (v));
  else if (g_variant_is_of_type (v, G_VARIANT_TYPE_DOUBLE))
    json_builder_add_double_value (b, g_variant_get_double (v));
  else
    {
      g_autofree char *s = g_variant_print (v, FALSE);
      json_builder_add_string_value (b, s);
    }
}

static void
add_target (JsonBuilder     *b,
            GlossAnnotation *a,
            GlossRelation   *r,
            const char      *text,
            gboolean         with_label)
{
  g_autofree char *covered = gloss_annotation_dup_text (a, text);
  GVariant *confidence = gloss_relation_get_attribute (r, "confidence");

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, covered);
  if (with_label)
    {
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, gloss_annotation_get_label (a));
    }
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, gloss_annotation_get_uuid (a));
  if (confidence != NULL)
    {
      json_builder_set_member_name (b, "confidence");
      add_variant (b, confidence);
    }
  json_builder_end_object (b);
}

/* The relations of @type from @claim, in creation order. */
static GPtrArray *
targets_of (GPtrArray  *relations,
            const char *claim,
            const char *type)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < relations->len; i++)
    {
      GlossRelation *r = g_ptr_array_index (relations, i);
      if (g_strcmp0 (gloss_relation_get_source (r), claim) == 0 &&
          g_strcmp0 (gloss_relation_get_relation_type (r), type) == 0)
        g_ptr_array_add (out, r);
    }
  return out;
}

static void
add_targets (JsonBuilder *b,
             const char  *member,
             const char  *list_member,
             GPtrArray   *targets,
             GHashTable  *by_uuid,
             const char  *text,
             gboolean     with_label)
{
  json_builder_set_member_name (b, member);
  if (targets->len == 0)
    json_builder_add_null_value (b);
  else
    {
      GlossRelation *r = g_ptr_array_index (targets, 0);
      add_target (b, g_hash_table_lookup (by_uuid, gloss_relation_get_target (r)), r, text,
                  with_label);
    }
  if (list_member == NULL)
    return;
  json_builder_set_member_name (b, list_member);
  json_builder_begin_array (b);
  for (guint i = 0; i < targets->len; i++)
    {
      GlossRelation *r = g_ptr_array_index (targets, i);
      add_target (b, g_hash_table_lookup (by_uuid, gloss_relation_get_target (r)), r, text,
                  with_label);
    }
  json_builder_end_array (b);
}

static gboolean
claims_export (GlossFormat         *format,
               GlossExportContext  *ctx,
               const char          *path,
               GCancellable        *cancellable,
               GError             **error)
{
  GPtrArray *docs = gloss_export_context_get_documents (ctx);
  GlossSchema *schema = gloss_project_get_schema (gloss_export_context_get_project (ctx));
  g_autoptr(GOutputStream) out = gloss_export_context_open_output (ctx, path, cancellable, error);
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(GString) buf = g_string_new (NULL);

  if (out == NULL)
    return FALSE;
  for (guint d = 0; d < docs->len; d++)
    {
      GlossDocument *doc = g_ptr_array_index (docs, d);
      g_autoptr(GPtrArray) anns = gloss_export_context_dup_annotations (ctx, doc, error);
      g_autoptr(GPtrArray) rels = NULL;
      g_autoptr(GHashTable) by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GArray) sentences = NULL;
      const char *text = gloss_document_get_text (doc);
      gboolean any = FALSE;

      if (anns == NULL)
        return FALSE;
      rels = gloss_export_context_dup_relations (ctx, doc, anns, error);
      if (rels == NULL)
        return FALSE;
      if (text == NULL)
        return gloss_document_load_text (doc, error);
      for (guint i = 0; i < anns->len; i++)
        {
          GlossAnnotation *a = g_ptr_array_index (anns, i);
          g_hash_table_insert (by_uuid, (gpointer) gloss_annotation_get_uuid (a), a);
          if (is_claim_label (schema, gloss_annotation_get_label (a)))
            any = TRUE;
        }
      if (!any)
        continue;
      sentences = gloss_split_sentences (text, -1, NULL);
      g_string_truncate (buf, 0);

      for (guint i = 0; i < anns->len; i++)
        {
          GlossAnnotation *a = g_ptr_array_index (anns, i);
          const char *uuid = gloss_annotation_get_uuid (a);
          g_autoptr(JsonBuilder) b = NULL;
          g_autoptr(JsonNode) root = NULL;
          g_autoptr(GPtrArray) sources = NULL;
          g_autoptr(GPtrArray) cues = NULL;
          g_autoptr(GPtrArray) about = NULL;
          g_autofree char *covered = NULL;
          g_autofree char *line = NULL;
          const GlossFragment *f;
          guint n, first_s, last_s, s_start = 0, s_end = 0;
          static const char * const attrs[] = { "certainty", "status", "checkworthy" };

          if (!is_claim_label (schema, gloss_annotation_get_label (a)))
            continue;
          b = json_builder_new ();
          f = gloss_annotation_get_fragments (a, &n);
          covered = gloss_annotation_dup_text (a, text);

          /* The sentences from the claim's start to its end. */
          first_s = last_s = sentences->len;
          for (guint s = 0; s < sentences->len; s++)
            {
              GlossSentence *st = &g_array_index (sentences, GlossSentence, s);
              if (first_s == sentences->len && st->end > f[0].start)
                first_s = s;
              if (st->start < f[n - 1].end)
                last_s = s;
            }
          if (first_s < sentences->len && last_s < sentences->len && first_s <= last_s)
            {
              s_start = MIN (g_array_index (sentences, GlossSentence, first_s).start, f[0].start);
              s_end = MAX (g_array_index (sentences, GlossSentence, last_s).end, f[n - 1].end);
            }
          else
            {
              s_start = f[0].start;
              s_end = f[n - 1].end;
            }

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "document");
          json_builder_add_string_value (b, gloss_document_get_name (doc));
          json_builder_set_member_name (b, "document_id");
          json_builder_add_string_value (b, gloss_document_get_uuid (doc));
          json_builder_set_member_name (b, "claim_id");
          json_builder_add_string_value (b, uuid);
          json_builder_set_member_name (b, "label");
          json_builder_add_string_value (b, gloss_annotation_get_label (a));
          json_builder_set_member_name (b, "text");
          json_builder_add_string_value (b, covered);
          json_builder_set_member_name (b, "fragments");
          json_builder_begin_array (b);
          for (guint k = 0; k < n; k++)
            {
              json_builder_begin_array (b);
              json_builder_add_int_value (b, f[k].start);
              json_builder_add_int_value (b, f[k].end);
              json_builder_end_array (b);
            }
          json_builder_end_array (b);

          sources = targets_of (rels, uuid, "attributed-to");
          cues = targets_of (rels, uuid, "cue");
          about = targets_of (rels, uuid, "about");
          add_targets (b, "source", NULL, sources, by_uuid, text, TRUE);
          add_targets (b, "cue", NULL, cues, by_uuid, text, FALSE);
          for (guint k = 0; k < G_N_ELEMENTS (attrs); k++)
            {
              json_builder_set_member_name (b, attrs[k]);
              add_variant (b, gloss_annotation_get_attribute (a, attrs[k]));
            }
          {
            const char *p = g_utf8_offset_to_pointer (text, s_start);
            const char *e = g_utf8_offset_to_pointer (p, s_end - s_start);
            g_autofree char *sentence = g_strndup (p, e - p);
            json_builder_set_member_name (b, "sentence");
            json_builder_add_string_value (b, sentence);
            json_builder_set_member_name (b, "sentence_span");
            json_builder_begin_array (b);
            json_builder_add_int_value (b, s_start);
            json_builder_add_int_value (b, s_end);
            json_builder_end_array (b);
          }
          json_builder_set_member_name (b, "sources");
          json_builder_begin_array (b);
          for (guint k = 0; k < sources->len; k++)
            {
              GlossRelation *r = g_ptr_array_index (sources, k);
              add_target (b, g_hash_table_lookup (by_uuid, gloss_relation_get_target (r)), r,
                          text, TRUE);
            }
          json_builder_end_array (b);
          json_builder_set_member_name (b, "cues");
          json_builder_begin_array (b);
          for (guint k = 0; k < cues->len; k++)
            {
              GlossRelation *r = g_ptr_array_index (cues, k);
              add_target (b, g_hash_table_lookup (by_uuid, gloss_relation_get_target (r)), r,
                          text, FALSE);
            }
          json_builder_end_array (b);
          json_builder_set_member_name (b, "about");
          json_builder_begin_array (b);
          for (guint k = 0; k < about->len; k++)
            {
              GlossRelation *r = g_ptr_array_index (about, k);
              add_target (b, g_hash_table_lookup (by_uuid, gloss_relation_get_target (r)), r,
                          text, TRUE);
            }
          json_builder_end_array (b);
          json_builder_set_member_name (b, "note");
          if (gloss_annotation_get_note (a) != NULL && *gloss_annotation_get_note (a) != '\0')
            json_builder_add_string_value (b, gloss_annotation_get_note (a));
          else
            json_builder_add_null_value (b);
          json_builder_end_object (b);

          root = json_builder_get_root (b);
          json_generator_set_root (gen, root);
          line = json_generator_to_data (gen, NULL);
          g_string_append (buf, line);
          g_string_append_c (buf, '\n');
        }
      if (!g_output_stream_write_all (out, buf->str, buf->len, NULL, cancellable, error))
        return FALSE;
      gloss_export_context_progress (ctx, (double) (d + 1) / docs->len);
    }
  return g_output_stream_close (out, cancellable, error);
}

static void
gloss_format_claims_class_init (GlossFormatClaimsClass *klass)
{
  GlossFormatClass *format_class = GLOSS_FORMAT_CLASS (klass);

  format_class->name = "claims";
  format_class->display_name = N_("Claims dataset (JSONL)");
  format_class->extensions = NULL;
  format_class->export_path = claims_export;
}

static void
gloss_format_claims_init (GlossFormatClaims *self)
{
}
