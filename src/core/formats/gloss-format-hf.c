/* gloss-format-hf.c: Hugging Face datasets export (token classification)
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "gloss-document.h"
#include "gloss-format-conll-private.h"
#include "gloss-formats.h"
#include "gloss-project.h"
#include "gloss-schema.h"
#include "gloss-tokenizer.h"

/* A folder that `datasets.load_dataset("json", data_files=...)` reads:
 *
 *   train.jsonl, validation.jsonl, test.jsonl
 *       one sentence a line: {"id": "NAME:N", "tokens": [...], "ner_tags": [...]}
 *       (NAME the document's name, N the sentence's index in it)
 *   label_names.json
 *       the IOB2 tag list; a tag's id is its index: "O", then "B-X", "I-X"
 *       for each exported label X in schema order
 *   README.md
 *       the dataset card: counts per split and label, split seed and
 *       ratios, the schema, a licence placeholder
 *
 * Tokens, sentences and tags are exactly the CoNLL export's (see
 * gloss-format-conll.c: entity-layer labels unless the options name labels,
 * a token is tagged when a span covers it fully, overlaps: first wins).
 * Documents go whole to one split, by gloss_export_context_split_of(): with
 * no split asked everything is train and the other two files are empty.
 * The output depends only on the project, the filters, the seed and the
 * ratios: no dates, so equal inputs give equal bytes. */

struct _GlossFormatHf
{
  GlossFormat parent_instance;
};

G_DEFINE_FINAL_TYPE (GlossFormatHf, gloss_format_hf, GLOSS_TYPE_FORMAT)

static const char * const split_names[3] = { "train", "validation", "test" };

typedef struct
{
  GPtrArray  *names;        /* char *: "O", "B-X", "I-X", ... */
  GHashTable *ids;          /* tag -> id + 1 */
  GPtrArray  *labels;       /* char *: the exported labels in order */
  GHashTable *counts;       /* label -> guint[3] entity counts per split */
} Tags;

static void
tags_add_label (Tags       *tags,
                const char *label)
{
  g_autofree char *b = NULL;
  g_autofree char *i = NULL;

  if (g_hash_table_contains (tags->counts, label))
    return;
  b = g_strdup_printf ("B-%s", label);
  i = g_strdup_printf ("I-%s", label);
  g_ptr_array_add (tags->labels, g_strdup (label));
  g_hash_table_insert (tags->counts, g_strdup (label), g_new0 (guint, 3));
  g_hash_table_insert (tags->ids, g_strdup (b), GUINT_TO_POINTER (tags->names->len + 1));
  g_ptr_array_add (tags->names, g_steal_pointer (&b));
  g_hash_table_insert (tags->ids, g_strdup (i), GUINT_TO_POINTER (tags->names->len + 1));
  g_ptr_array_add (tags->names, g_steal_pointer (&i));
}

static void
tags_clear (Tags *tags)
{
  g_clear_pointer (&tags->names, g_ptr_array_unref);
  g_clear_pointer (&tags->ids, g_hash_table_unref);
  g_clear_pointer (&tags->labels, g_ptr_array_unref);
  g_clear_pointer (&tags->counts, g_hash_table_unref);
}

static char *
node_to_string (JsonNode *node,
                gboolean  pretty)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  json_generator_set_root (gen, node);
  json_generator_set_pretty (gen, pretty);
  return json_generator_to_data (gen, NULL);
}

static void
append_card (GString            *card,
             GlossExportContext *ctx,
             Tags               *tags,
             guint               n_docs[3],
             guint               n_sentences[3],
             guint               n_tokens[3],
             guint               n_partial,
             guint               n_conflicts)
{
  const GlossExportOptions *o = gloss_export_context_get_options (ctx);
  GlossProject *project = gloss_export_context_get_project (ctx);
  GlossSchema *schema = gloss_project_get_schema (project);
  g_autofree char *title = gloss_project_dup_title (project);

  g_string_append (card,
                   "---\n"
                   "license: other  # TODO: choose a licence for the texts and annotations\n"
                   "task_categories:\n- token-classification\n"
                   "task_ids:\n- named-entity-recognition\n"
                   "configs:\n- config_name: default\n  data_files:\n"
                   "  - split: train\n    path: train.jsonl\n"
                   "  - split: validation\n    path: validation.jsonl\n"
                   "  - split: test\n    path: test.jsonl\n"
                   "---\n\n");
  g_string_append_printf (card, "# %s\n\n", title ? title : "Gloss dataset");
  g_string_append (card,
                   "Named-entity recognition data exported by Gloss. Each line of "
                   "`train.jsonl`, `validation.jsonl` and `test.jsonl` is one sentence: "
                   "`{\"id\", \"tokens\", \"ner_tags\"}`; `ner_tags` are indices into "
                   "`label_names.json` (IOB2).\n\n");

  g_string_append (card, "## Splits\n\n| split | documents | sentences | tokens |\n"
                         "|---|---:|---:|---:|\n");
  for (guint s = 0; s < 3; s++)
    g_string_append_printf (card, "| %s | %u | %u | %u |\n", split_names[s], n_docs[s],
                            n_sentences[s], n_tokens[s]);
  g_string_append (card, "\nWhole documents go to one split, chosen from a hash of the "
                         "document's SHA-256 and the seed.\n");
  if (o->split[0] + o->split[1] + o->split[2] == 0)
    g_string_append (card, "No split was asked: everything is in train.\n");
  else
    g_string_append_printf (card, "Ratios train/validation/test: %u/%u/%u; seed: %"
                            G_GUINT64_FORMAT ".\n", o->split[0], o->split[1], o->split[2],
                            o->seed);

  g_string_append (card, "\n## Entities per split\n\n| label | train | validation | test |\n"
                         "|---|---:|---:|---:|\n");
  for (guint i = 0; i < tags->labels->len; i++)
    {
      const char *label = g_ptr_array_index (tags->labels, i);
      guint *c = g_hash_table_lookup (tags->counts, label);
      g_string_append_printf (card, "| %s | %u | %u | %u |\n", label, c[0], c[1], c[2]);
    }
  if (n_partial + n_conflicts > 0)
    g_string_append_printf (card, "\nSpans not aligned with tokens: %u (%s); spans covering no "
                                  "token or overlapping another, left out: %u.\n",
                            n_partial,
                            o->misaligned == GLOSS_MISALIGNED_EXTEND
                              ? "extended to token boundaries"
                              : "left out, never cut to the tokens they cover",
                            n_conflicts);

  g_string_append (card, "\n## Tags\n\n| id | tag |\n|---:|---|\n");
  for (guint i = 0; i < tags->names->len; i++)
    g_string_append_printf (card, "| %u | %s |\n", i,
                            (const char *) g_ptr_array_index (tags->names, i));

  g_string_append_printf (card, "\n## Schema\n\nSchema “%s”. Exported labels:\n\n",
                          gloss_schema_get_name (schema));
  for (guint i = 0; i < tags->labels->len; i++)
    {
      const char *label = g_ptr_array_index (tags->labels, i);
      GlossLabel *l = gloss_schema_lookup_label (schema, label);
      const char *desc = l ? gloss_label_get_description (l) : NULL;
      g_string_append_printf (card, "- **%s**%s%s\n", label, desc && *desc ? ": " : "",
                              desc ? desc : "");
    }
  if (o->annotator != NULL || o->gold_only || o->status >= 0)
    {
      g_string_append (card, "\nFilters:");
      if (o->gold_only)
        g_string_append (card, " gold annotations only;");
      if (o->annotator != NULL)
        g_string_append_printf (card, " annotator %s;", o->annotator);
      if (o->status >= 0)
        g_string_append_printf (card, " documents with status %s;",
                                gloss_document_status_to_string (o->status));
      g_string_append_c (card, '\n');
    }
  g_string_append (card, "\n## Licence\n\nTODO: state the licence of the source texts and of "
                         "the annotations, and cite their authors.\n");
}

static gboolean
hf_export (GlossFormat         *format,
           GlossExportContext  *ctx,
           const char          *path,
           GCancellable        *cancellable,
           GError             **error)
{
  GPtrArray *docs = gloss_export_context_get_documents (ctx);
  GlossSchema *schema = gloss_project_get_schema (gloss_export_context_get_project (ctx));
  GListModel *labels = gloss_schema_get_labels (schema);
  GOutputStream *out[3] = { NULL, NULL, NULL };
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(GString) tag = g_string_new (NULL);
  g_autoptr(GString) card = g_string_new (NULL);
  guint n_docs[3] = { 0 }, n_sentences[3] = { 0 }, n_tokens[3] = { 0 };
  guint n_partial = 0, n_conflicts = 0;
  Tags tags;
  gboolean ok = TRUE;

  if (g_mkdir_with_parents (path, 0755) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (path);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("%s: cannot create the folder: %s"), display, g_strerror (saved));
      return FALSE;
    }
  for (guint s = 0; s < 3; s++)
    {
      g_autofree char *name = g_strdup_printf ("%s.jsonl", split_names[s]);
      g_autofree char *file_path = g_build_filename (path, name, NULL);

      out[s] = gloss_export_context_open_output (ctx, file_path, cancellable, error);
      if (out[s] == NULL)
        {
          for (guint k = 0; k < s; k++)
            g_object_unref (out[k]);
          return FALSE;
        }
    }

  tags.names = g_ptr_array_new_with_free_func (g_free);
  tags.ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  tags.labels = g_ptr_array_new_with_free_func (g_free);
  tags.counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_ptr_array_add (tags.names, g_strdup ("O"));
  g_hash_table_insert (tags.ids, g_strdup ("O"), GUINT_TO_POINTER (1));
  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    {
      g_autoptr(GlossLabel) l = g_list_model_get_item (labels, i);
      if (_gloss_conll_label_exported (ctx, gloss_label_get_name (l)))
        tags_add_label (&tags, gloss_label_get_name (l));
    }

  for (guint d = 0; ok && d < docs->len; d++)
    {
      GlossDocument *doc = g_ptr_array_index (docs, d);
      guint split = gloss_export_context_split_of (ctx, doc);
      GlossConllTagged *t = _gloss_conll_tag_document (ctx, doc, error);
      const char *p;
      guint pos = 0;

      if (t == NULL)
        {
          ok = FALSE;
          break;
        }
      n_docs[split]++;
      n_partial += t->n_partial;
      n_conflicts += t->n_conflicts + t->n_no_token;
      p = t->text;
      for (guint s = 0; ok && s < t->sentences->len; s++)
        {
          GlossSentence *st = &g_array_index (t->sentences, GlossSentence, s);
          g_autoptr(JsonBuilder) b = json_builder_new ();
          g_autoptr(JsonNode) root = NULL;
          g_autofree char *json = NULL;
          g_autofree char *id = g_strdup_printf ("%s:%u", gloss_document_get_name (doc), s);
          g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint));

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_string_value (b, id);
          json_builder_set_member_name (b, "tokens");
          json_builder_begin_array (b);
          for (guint k = st->first_token; k < st->first_token + st->n_tokens; k++)
            {
              GlossToken *tok = &g_array_index (t->tokens, GlossToken, k);
              const char *a = g_utf8_offset_to_pointer (p, tok->start - pos);
              const char *e = g_utf8_offset_to_pointer (a, tok->end - tok->start);
              g_autofree char *text = g_strndup (a, e - a);
              const char *name = _gloss_conll_tagged_tag (t, st->first_token, k, tag);
              guint tag_id;

              p = e;
              pos = tok->end;
              json_builder_add_string_value (b, text);
              if (!g_hash_table_contains (tags.ids, name))
                tags_add_label (&tags, name + 2);
              tag_id = GPOINTER_TO_UINT (g_hash_table_lookup (tags.ids, name)) - 1;
              g_array_append_val (ids, tag_id);
              if (name[0] == 'B')
                ((guint *) g_hash_table_lookup (tags.counts, name + 2))[split]++;
            }
          json_builder_end_array (b);
          json_builder_set_member_name (b, "ner_tags");
          json_builder_begin_array (b);
          for (guint k = 0; k < ids->len; k++)
            json_builder_add_int_value (b, g_array_index (ids, guint, k));
          json_builder_end_array (b);
          json_builder_end_object (b);
          root = json_builder_get_root (b);
          json = node_to_string (root, FALSE);
          g_string_assign (line, json);
          g_string_append_c (line, '\n');
          ok = g_output_stream_write_all (out[split], line->str, line->len, NULL, cancellable,
                                          error);
          n_sentences[split]++;
          n_tokens[split] += st->n_tokens;
        }
      _gloss_conll_tagged_free (t);
      gloss_export_context_progress (ctx, (double) (d + 1) / docs->len);
    }
  for (guint s = 0; s < 3; s++)
    {
      /* after an error the set drops what was written */
      if (ok && !g_output_stream_close (out[s], cancellable, error))
        ok = FALSE;
      g_object_unref (out[s]);
    }

  if (ok)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *json = NULL;
      g_autofree char *with_newline = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < tags.names->len; i++)
        json_builder_add_string_value (b, g_ptr_array_index (tags.names, i));
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      json = node_to_string (root, TRUE);
      with_newline = g_strconcat (json, "\n", NULL);
      ok = gloss_export_context_write_file (ctx, path, "label_names.json", with_newline,
                                            strlen (with_newline), cancellable, error);
    }
  if (ok)
    {
      append_card (card, ctx, &tags, n_docs, n_sentences, n_tokens, n_partial, n_conflicts);
      ok = gloss_export_context_write_file (ctx, path, "README.md", card->str, card->len,
                                            cancellable, error);
    }
  tags_clear (&tags);
  return ok;
}

static void
gloss_format_hf_class_init (GlossFormatHfClass *klass)
{
  GlossFormatClass *format_class = GLOSS_FORMAT_CLASS (klass);

  format_class->name = "hf";
  format_class->display_name = N_("Hugging Face datasets (token classification)");
  format_class->extensions = NULL;
  format_class->export_to_folder = TRUE;
  format_class->export_splits = TRUE;
  format_class->export_tokens = TRUE;
  format_class->export_path = hf_export;
}

static void
gloss_format_hf_init (GlossFormatHf *self)
{
}
