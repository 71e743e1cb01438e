/* gloss-cli-suggest.c: gloss-cli suggest, proposals from the suggesters and their acceptance
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "gloss.h"
#include "gloss-cli-private.h"
#include "gloss-suggest.h"
#include "gloss-suggest-settings.h"
#include "gloss-suggester-model.h"

/* The key of an OpenAI-compatible endpoint: from the file the user names
 * (its first line), else $GLOSS_API_KEY; never from the project. */
static char *
read_api_key (const char  *path,
              GError     **error)
{
  const char *env;

  if (path != NULL)
    return gloss_suggest_read_key_file (path, error);
  env = g_getenv ("GLOSS_API_KEY");
  return env != NULL && *env != '\0' ? g_strdup (env) : NULL;
}

/* --set NAME.KEY=VALUE: kept in the project, as Project Properties does. */
static gboolean
apply_setting (GlossProject *project,
               const char   *setting,
               GError      **error)
{
  const char *eq = strchr (setting, '=');
  const char *dot = strchr (setting, '.');
  g_autofree char *name = NULL;
  g_autofree char *key = NULL;

  if (eq == NULL || dot == NULL || dot > eq || dot == setting)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--set takes NAME.KEY=VALUE, e.g. openai.url=http://localhost:11434/v1, "
                     "not “%s”"),
                   setting);
      return FALSE;
    }
  name = g_strndup (setting, dot - setting);
  key = g_strndup (dot + 1, eq - dot - 1);
  if (g_str_equal (key, "enabled"))
    {
      if (!g_str_equal (eq + 1, "true") && !g_str_equal (eq + 1, "false"))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("%s.enabled is true or false, not “%s”"), name, eq + 1);
          return FALSE;
        }
      return gloss_project_set_suggester_enabled (project, name, g_str_equal (eq + 1, "true"),
                                                  error);
    }
  return gloss_project_set_suggester_setting (project, name, key, eq + 1, error);
}

static void
add_suggestion_json (JsonBuilder     *builder,
                     GlossSuggestion *s,
                     const char      *text)
{
  const GlossFragment *f;
  g_autofree char *covered = NULL;
  GHashTable *attributes;
  guint n;

  f = gloss_suggestion_get_fragments (s, &n);
  covered = gloss_dup_covered_text (text, NULL, f, n, 0, GLOSS_COVERED_TEXT_FULL);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, gloss_suggestion_get_id (s));
  json_builder_set_member_name (builder, "label");
  json_builder_add_string_value (builder, gloss_suggestion_get_label (s));
  json_builder_set_member_name (builder, "fragments");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      json_builder_begin_array (builder);
      json_builder_add_int_value (builder, f[i].start);
      json_builder_add_int_value (builder, f[i].end);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, covered);
  json_builder_set_member_name (builder, "score");
  json_builder_add_double_value (builder, gloss_suggestion_get_score (s));
  json_builder_set_member_name (builder, "suggester");
  json_builder_add_string_value (builder, gloss_suggestion_get_suggester (s));
  json_builder_set_member_name (builder, "frame");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "source");
  if (gloss_suggestion_get_source (s) != NULL)
    json_builder_add_string_value (builder, gloss_suggestion_get_source (s));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "cue");
  if (gloss_suggestion_get_cue (s) != NULL)
    json_builder_add_string_value (builder, gloss_suggestion_get_cue (s));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "attributes");
  json_builder_begin_object (builder);
  attributes = gloss_suggestion_get_attributes (s);
  if (attributes != NULL)
    {
      g_autoptr(GList) names = g_list_sort (g_hash_table_get_keys (attributes),
                                            (GCompareFunc) g_strcmp0);

      for (GList *l = names; l != NULL; l = l->next)
        {
          GVariant *value = g_hash_table_lookup (attributes, l->data);

          json_builder_set_member_name (builder, l->data);
          if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
            json_builder_add_boolean_value (builder, g_variant_get_boolean (value));
          else
            json_builder_add_string_value (builder, g_variant_get_string (value, NULL));
        }
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static void
print_document_json (GlossDocument *document,
                     GPtrArray     *suggestions)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *line = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "document");
  json_builder_add_string_value (builder, gloss_document_get_name (document));
  json_builder_set_member_name (builder, "suggestions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < suggestions->len; i++)
    add_suggestion_json (builder, g_ptr_array_index (suggestions, i),
                         gloss_document_get_text (document));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  line = json_to_string (root, FALSE);
  g_print ("%s\n", line);
}

static void
print_document_text (GlossDocument *document,
                     GPtrArray     *suggestions)
{
  for (guint i = 0; i < suggestions->len; i++)
    {
      GlossSuggestion *s = g_ptr_array_index (suggestions, i);
      const GlossFragment *f;
      g_autofree char *covered = NULL;
      g_autoptr(GString) where = g_string_new (NULL);
      GVariant *certainty = gloss_suggestion_get_attribute (s, "certainty");
      guint n;

      f = gloss_suggestion_get_fragments (s, &n);
      for (guint j = 0; j < n; j++)
        g_string_append_printf (where, "%s%u-%u", j > 0 ? "," : "", f[j].start, f[j].end);
      covered = gloss_dup_covered_text (gloss_document_get_text (document), NULL, f, n, 80,
                                        GLOSS_COVERED_TEXT_ONE_LINE | GLOSS_COVERED_TEXT_GAPS |
                                          GLOSS_COVERED_TEXT_ELLIPSIS);
      g_print ("%s\t%s\t%s\t%.2f\t%s\t“%s”", gloss_document_get_name (document),
               gloss_suggestion_get_label (s), where->str, gloss_suggestion_get_score (s),
               gloss_suggestion_get_suggester (s), covered);
      if (certainty != NULL && g_variant_is_of_type (certainty, G_VARIANT_TYPE_STRING))
        g_print ("\t%s", g_variant_get_string (certainty, NULL));
      g_print ("\n");
    }
}

/* The documents named, or every document. */
static GArray *
target_documents (GlossProject  *project,
                  char         **names,
                  GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GListModel *documents = gloss_project_get_documents (project);

  if (names == NULL)
    {
      for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
        {
          g_autoptr(GlossDocument) document = g_list_model_get_item (documents, i);
          gint64 id = gloss_document_get_id (document);

          g_array_append_val (ids, id);
        }
      return g_steal_pointer (&ids);
    }
  for (guint i = 0; names[i] != NULL; i++)
    {
      GlossDocument *document = gloss_project_find_document (project, names[i]);
      gint64 id;

      if (document == NULL)
        {
          g_set_error (error, GLOSS_SUGGEST_ERROR, GLOSS_SUGGEST_ERROR_FAILED,
                       _("No document is called “%s”"), names[i]);
          return NULL;
        }
      id = gloss_document_get_id (document);
      g_array_append_val (ids, id);
    }
  return g_steal_pointer (&ids);
}

int
gloss_cli_suggest (int    argc,
                   char **argv)
{
  g_auto(GStrv) documents = NULL;
  g_auto(GStrv) names = NULL;
  g_auto(GStrv) settings = NULL;
  g_auto(GStrv) enabled = NULL;
  g_autofree char *url = NULL;
  g_autofree char *model = NULL;
  g_autofree char *key_file = NULL;
  g_autofree char *list = NULL;
  g_autofree char *annotator = NULL;
  g_autofree char *api_key = NULL;
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GPtrArray) suggesters = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) accepted = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE, accept = FALSE;
  double min_score = 0;
  int status = 0;
  GOptionEntry entries[] = {
    { "document", 'd', 0, G_OPTION_ARG_STRING_ARRAY, &documents,
      N_("Suggest for this document only (repeat for more)"), N_("NAME") },
    { "suggester", 's', 0, G_OPTION_ARG_STRING_ARRAY, &names,
      N_("rules, gazetteer, model, ls-backend or openai (repeat for more; default: those the "
         "project runs)"), N_("NAME") },
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &settings,
      N_("Keep a setting in the project first: ls-backend.url, openai.url, openai.model, "
         "openai.key-file, gazetteer.list or NAME.enabled (true or false)"),
      N_("NAME.KEY=VALUE") },
    { "url", 0, 0, G_OPTION_ARG_STRING, &url,
      N_("The address of a Label Studio ML backend or an OpenAI-compatible endpoint (default: "
         "the project’s)"),
      N_("URL") },
    { "model", 0, 0, G_OPTION_ARG_STRING, &model, N_("The model an OpenAI endpoint runs"),
      N_("NAME") },
    { "api-key-file", 0, 0, G_OPTION_ARG_FILENAME, &key_file,
      N_("Read the endpoint’s API key from this file (else $GLOSS_API_KEY)"), N_("FILE") },
    { "list", 0, 0, G_OPTION_ARG_FILENAME, &list,
      N_("A gazetteer list: one “text<TAB>label” a line"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print one JSON object a document"), NULL },
    { "accept", 0, 0, G_OPTION_ARG_NONE, &accept,
      N_("Turn the suggestions into annotations"), NULL },
    { "min-score", 0, 0, G_OPTION_ARG_DOUBLE, &min_score,
      N_("Accept only suggestions scored at least S (0 to 1)"), N_("S") },
    { "annotator", 'a', 0, G_OPTION_ARG_STRING, &annotator,
      N_("Accept as this annotator (default: $GLOSS_ANNOTATOR, else the login name)"),
      N_("NAME") },
    { NULL }
  };

  if (!gloss_cli_parse ("suggest", _("PROJECT"),
                        _("Run the suggesters over the documents of PROJECT and keep what they\n"
                          "propose in the project: entities, and claims with their source, cue\n"
                          "and certainty. Prints the pending suggestions (a rejected one is not\n"
                          "proposed again); with --accept, makes them annotations, a claim with\n"
                          "its whole frame. A learned model first trains on the project’s\n"
                          "annotations."),
                        entries, &argc, &argv, 1))
    return 2;
  if (min_score < 0 || min_score > 1)
    {
      gloss_cli_print_error (_("--min-score must lie between 0 and 1"));
      return 2;
    }

  project = gloss_cli_open_project (argv[1], TRUE);
  if (project == NULL)
    return 1;
  if (annotator == NULL)
    {
      const char *env = g_getenv ("GLOSS_ANNOTATOR");

      annotator = g_strdup (env != NULL && *env != '\0' ? env : g_get_user_name ());
    }
  gloss_project_set_annotator (project, annotator);

  for (guint i = 0; settings != NULL && settings[i] != NULL; i++)
    if (!apply_setting (project, settings[i], &error))
      {
        gloss_cli_print_error ("%s", error->message);
        return 1;
      }
  api_key = read_api_key (key_file, &error);
  if (error != NULL)
    {
      gloss_cli_print_error ("%s", error->message);
      return 1;
    }
  enabled = gloss_project_dup_enabled_suggesters (project);
  for (guint i = 0; (names != NULL ? names[i] : enabled[i]) != NULL; i++)
    {
      const char *name = names != NULL ? names[i] : enabled[i];
      g_autoptr(GlossSuggester) suggester = NULL;

      /* the project's settings, each option given taken instead */
      suggester = gloss_project_new_suggester (project, name,
                                               &(GlossSuggesterOptions) {
                                                 .url = url,
                                                 .model = model,
                                                 .list_path = list,
                                                 .api_key = api_key,
                                               },
                                               &error);
      if (suggester == NULL)
        {
          gloss_cli_print_error ("%s", error->message);
          return 1;
        }
      if (!gloss_suggester_train (suggester, project, NULL, NULL, NULL, &error))
        {
          gloss_cli_print_error ("%s: %s", name, error->message);
          /* the project's own choice of a model that has nothing to learn
           * from yet is no failure of the run */
          if (names != NULL ||
              !g_error_matches (error, GLOSS_SUGGEST_ERROR, GLOSS_SUGGEST_ERROR_NOT_TRAINED))
            status = 1;
          g_clear_error (&error);
          continue;
        }
      /* the project's own choice of a model that has learnt from too
       * little: its proposals would be noise */
      if (names == NULL && GLOSS_IS_MODEL_SUGGESTER (suggester) &&
          gloss_model_suggester_get_n_documents (GLOSS_MODEL_SUGGESTER (suggester)) <
            GLOSS_MODEL_MIN_DOCUMENTS)
        {
          gloss_cli_print_error (_("model: learns once %u documents are annotated (%u so far); "
                                   "--suggester model runs it anyway"),
                                    GLOSS_MODEL_MIN_DOCUMENTS,
                                    gloss_model_suggester_get_n_documents (
                                      GLOSS_MODEL_SUGGESTER (suggester)));
          continue;
        }
      g_ptr_array_add (suggesters, g_steal_pointer (&suggester));
    }

  ids = target_documents (project, documents, &error);
  if (ids == NULL)
    {
      gloss_cli_print_error ("%s", error != NULL ? error->message : "?");
      return 1;
    }
  if (suggesters->len > 0 &&
      gloss_project_suggest (project, suggesters, ids, errors, NULL, NULL, NULL, &error) < 0)
    {
      gloss_cli_print_error ("%s", error->message);
      return 1;
    }
  for (guint i = 0; i < errors->len; i++)
    {
      gloss_cli_print_error ("%s", ((GError *) g_ptr_array_index (errors, i))->message);
      status = 1;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      GlossDocument *document = gloss_project_lookup_document (project, id);
      g_autoptr(GPtrArray) pending = gloss_project_dup_suggestions (project, id, TRUE, &error);

      if (pending == NULL)
        {
          gloss_cli_print_error ("%s", error->message);
          return 1;
        }
      if (json)
        print_document_json (document, pending);
      else
        print_document_text (document, pending);
      for (guint j = 0; accept && j < pending->len; j++)
        {
          GlossSuggestion *s = g_ptr_array_index (pending, j);

          if (gloss_suggestion_get_score (s) >= min_score)
            g_ptr_array_add (accepted, g_object_ref (s));
        }
    }

  if (accept && accepted->len > 0)
    {
      g_autoptr(GlossChangeSet) changes = NULL;
      guint added = 0, relations = 0;

      changes = gloss_project_accept_suggestions (project, accepted, NULL, annotator, &error);
      if (changes == NULL)
        {
          gloss_cli_print_error ("%s", error->message);
          return 1;
        }
      gloss_change_set_count (changes, GLOSS_CHANGE_ANNOTATION, &added, NULL, NULL);
      gloss_change_set_count (changes, GLOSS_CHANGE_RELATION, &relations, NULL, NULL);
      g_printerr (_("gloss-cli: accepted %u suggestions as %u annotations and %u relations of "
                    "“%s”\n"),
                  accepted->len, added, relations, annotator);
    }
  return status;
}
