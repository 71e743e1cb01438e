/* gloss-brat-conf.c: brat annotation.conf: seeding the schema from it, writing it and visual.conf
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "gloss-brat-private.h"
#include "gloss-format-util.h"
#include "gloss-schema-private.h"

/* ---- attribute values */

char *
_gloss_brat_encode_value (const char *value)
{
  GString *out = g_string_sized_new (strlen (value));

  for (const char *p = value; *p; p++)
    switch (*p)
      {
      case ' ':
        g_string_append (out, "%20");
        break;
      case '\t':
        g_string_append (out, "%09");
        break;
      case ',':
        g_string_append (out, "%2C");
        break;
      case '|':
        g_string_append (out, "%7C");
        break;
      case '%':
        g_string_append (out, "%25");
        break;
      case '\n':
      case '\r':
        g_string_append (out, "%20"); /* a value is one line */
        break;
      default:
        g_string_append_c (out, *p);
        break;
      }
  return g_string_free (out, FALSE);
}

char *
_gloss_brat_decode_value (const char *value)
{
  static const struct
  {
    const char *escape;
    char        c;
  } escapes[] = {
    { "20", ' ' },
    { "09", '\t' },
    { "2C", ',' },
    { "7C", '|' },
    { "25", '%' },
  };
  GString *out = g_string_sized_new (strlen (value));

  for (const char *p = value; *p; p++)
    {
      gboolean decoded = FALSE;

      if (*p == '%' && p[1] != '\0' && p[2] != '\0')
        for (guint i = 0; i < G_N_ELEMENTS (escapes) && !decoded; i++)
          if (g_ascii_strncasecmp (p + 1, escapes[i].escape, 2) == 0)
            {
              g_string_append_c (out, escapes[i].c);
              p += 2;
              decoded = TRUE;
            }
      if (!decoded)
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* ---- annotation.conf */

typedef struct
{
  GHashTable *macros;    /* "<NAME>" -> "A|B" */
} Conf;

static char *
strip_comment (const char *line)
{
  char *copy = g_strdup (line);
  char *hash;

  /* brat: '#' starts a comment at the start of a line */
  hash = copy;
  while (*hash == ' ' || *hash == '\t')
    hash++;
  if (*hash == '#')
    *hash = '\0';
  return g_strstrip (copy);
}

/* Expands a "A|B|<MACRO>" list; NULL entries mean "any". */
static void
expand_types (Conf       *conf,
              const char *list,
              GPtrArray  *out,
              gboolean   *any,
              int         depth)
{
  g_auto(GStrv) parts = g_strsplit (list, "|", -1);

  for (guint i = 0; parts[i]; i++)
    {
      char *t = g_strstrip (parts[i]);
      const char *macro;

      if (*t == '\0')
        continue;
      if (t[0] == '<' && (macro = g_hash_table_lookup (conf->macros, t)) != NULL && depth < 8)
        expand_types (conf, macro, out, any, depth + 1);
      else if (t[0] == '<')
        *any = TRUE;
      else if (_gloss_schema_name_is_valid (t)
               && !g_ptr_array_find_with_equal_func (out, t, g_str_equal, NULL))
        g_ptr_array_add (out, g_strdup (t));
    }
}

static char *
strip_role (const char *role)
{
  char *r = g_strdup (role);
  gsize n = strlen (r);

  /* "Theme+", "Participant*", "Site?", "Theme{2}", "Theme2" */
  while (n > 0 && (strchr ("?*+}", r[n - 1]) != NULL))
    {
      if (r[n - 1] == '}')
        {
          char *brace = strrchr (r, '{');
          if (brace == NULL)
            break;
          *brace = '\0';
          n = strlen (r);
        }
      else
        r[--n] = '\0';
    }
  while (n > 1 && g_ascii_isdigit (r[n - 1]))
    r[--n] = '\0';
  return r;
}

typedef struct
{
  char      *name;
  GPtrArray *sources;
  GPtrArray *targets;
  gboolean   any_source;
  gboolean   any_target;
} RelDecl;

static void
rel_decl_free (RelDecl *d)
{
  g_free (d->name);
  g_ptr_array_unref (d->sources);
  g_ptr_array_unref (d->targets);
  g_free (d);
}

static RelDecl *
rel_decl_get (GPtrArray  *decls,
              const char *name)
{
  RelDecl *d;

  for (guint i = 0; i < decls->len; i++)
    if (strcmp (((RelDecl *) g_ptr_array_index (decls, i))->name, name) == 0)
      return g_ptr_array_index (decls, i);
  d = g_new0 (RelDecl, 1);
  d->name = g_strdup (name);
  d->sources = g_ptr_array_new_with_free_func (g_free);
  d->targets = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (decls, d);
  return d;
}

static void
add_all (GPtrArray *to,
         GPtrArray *from)
{
  for (guint i = 0; i < from->len; i++)
    if (!g_ptr_array_find_with_equal_func (to, g_ptr_array_index (from, i), g_str_equal, NULL))
      g_ptr_array_add (to, g_strdup (g_ptr_array_index (from, i)));
}

static void
seed_relation_type (GlossImportContext *ctx,
                    RelDecl            *d)
{
  GlossSchema *schema = gloss_import_context_get_schema (ctx);
  g_autoptr(GlossRelationType) typed = NULL;

  if (gloss_schema_lookup_relation_type (schema, d->name) != NULL
      || !_gloss_schema_name_is_valid (d->name))
    return;
  if (gloss_import_context_ensure_relation_type (ctx, d->name) == NULL)
    return;
  g_ptr_array_add (d->sources, NULL);
  g_ptr_array_add (d->targets, NULL);
  typed = gloss_relation_type_new (d->name, NULL,
                                   d->any_source ? NULL : (const char * const *) d->sources->pdata,
                                   d->any_target ? NULL : (const char * const *) d->targets->pdata);
  g_ptr_array_set_size (d->sources, d->sources->len - 1);
  g_ptr_array_set_size (d->targets, d->targets->len - 1);
  if (gloss_schema_remove_relation_type (schema, d->name, NULL))
    gloss_schema_add_relation_type (schema, typed, NULL);
}

/* Seeds the schema from one annotation.conf: labels for entities (layer
 * "entity") and events (layer "event"), relation types with the labels
 * allowed at each end, event roles as relation types from the event, and
 * attributes with their values. Problems are reported, never fatal. */
static void
seed_from_conf (GlossImportContext *ctx,
                const char         *path)
{
  GlossImportReport *report = gloss_import_context_get_report (ctx);
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entities = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rels = g_ptr_array_new_with_free_func ((GDestroyNotify) rel_decl_free);
  g_autoptr(GPtrArray) attr_lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) macros = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  Conf conf = { macros };
  GlossLineReader reader;
  const char *line;
  gsize len;
  char section = 0;
  guint n_lines = 0;

  if (!gloss_format_read_file (path, &data, &len, &error)
      || !gloss_format_validate_utf8 (data, len, display, &error))
    {
      gloss_import_report_add (report, GLOSS_PROBLEM_WARNING, NULL, 0,
                               _("%s (the schema was not seeded from it)"), error->message);
      return;
    }

  /* macros first: they may be used before their definition */
  gloss_line_reader_init (&reader, data, len);
  while (gloss_line_reader_next (&reader, &line, &len, NULL, NULL))
    {
      g_autofree char *raw = g_strndup (line, len);
      g_autofree char *l = strip_comment (raw);
      char *eq;

      if (l[0] == '<' && (eq = strstr (l, ">=")) != NULL)
        g_hash_table_replace (macros, g_strndup (l, eq + 1 - l), g_strdup (g_strstrip (eq + 2)));
    }

  gloss_line_reader_init (&reader, data, strlen (data));
  while (gloss_line_reader_next (&reader, &line, &len, NULL, NULL))
    {
      g_autofree char *raw = g_strndup (line, len);
      g_autofree char *l = strip_comment (raw);
      char *name_end;
      g_autofree char *name = NULL;

      if (*l == '\0')
        continue;
      if (l[0] == '[')
        {
          section = (g_str_has_prefix (l, "[entities]") || g_str_has_prefix (l, "[spans]")) ? 'e'
                  : g_str_has_prefix (l, "[relations]") ? 'r'
                  : g_str_has_prefix (l, "[events]") ? 'v'
                  : g_str_has_prefix (l, "[attributes]") ? 'a' : 0;
          continue;
        }
      if (l[0] == '<' && strstr (l, ">=") != NULL)
        continue;
      name_end = l;
      while (*name_end && !_gloss_brat_is_space (*name_end))
        name_end++;
      name = g_strndup (l, name_end - l);
      n_lines++;
      if (name[0] == '!')
        memmove (name, name + 1, strlen (name));  /* abstract type: still a name */
      switch (section)
        {
        case 'e':
          if (_gloss_schema_name_is_valid (name) && name[0] != '<')
            g_ptr_array_add (entities, g_strdup (name));
          break;
        case 'v':
          if (_gloss_schema_name_is_valid (name) && name[0] != '<')
            {
              g_auto(GStrv) args = g_strsplit (g_strstrip (name_end), ",", -1);

              g_ptr_array_add (events, g_strdup (name));
              for (guint i = 0; args[i]; i++)
                {
                  char *a = g_strstrip (args[i]);
                  char *colon = strchr (a, ':');
                  g_autofree char *role = NULL;
                  RelDecl *d;

                  if (colon == NULL || a[0] == '<')
                    continue;
                  *colon = '\0';
                  role = strip_role (a);
                  d = rel_decl_get (rels, role);
                  if (!g_ptr_array_find_with_equal_func (d->sources, name, g_str_equal, NULL))
                    g_ptr_array_add (d->sources, g_strdup (name));
                  {
                    g_autoptr(GPtrArray) types = g_ptr_array_new_with_free_func (g_free);
                    expand_types (&conf, colon + 1, types, &d->any_target, 0);
                    add_all (d->targets, types);
                  }
                }
            }
          break;
        case 'r':
          if (name[0] == '<' || strcmp (name, "Equiv") == 0
              || !_gloss_schema_name_is_valid (name))
            break;
          {
            g_auto(GStrv) args = g_strsplit (g_strstrip (name_end), ",", -1);
            RelDecl *d = rel_decl_get (rels, name);
            guint n = 0;

            for (guint i = 0; args[i]; i++)
              {
                char *a = g_strstrip (args[i]);
                char *colon = strchr (a, ':');
                g_autoptr(GPtrArray) types = g_ptr_array_new_with_free_func (g_free);

                if (colon == NULL || a[0] == '<')
                  continue;
                if (n == 0)
                  {
                    expand_types (&conf, colon + 1, types, &d->any_source, 0);
                    add_all (d->sources, types);
                  }
                else if (n == 1)
                  {
                    expand_types (&conf, colon + 1, types, &d->any_target, 0);
                    add_all (d->targets, types);
                  }
                n++;
              }
          }
          break;
        case 'a':
          g_ptr_array_add (attr_lines, g_strdup (l));
          break;
        default:
          break;
        }
    }

  for (guint i = 0; i < entities->len; i++)
    gloss_import_context_ensure_label (ctx, g_ptr_array_index (entities, i), "entity");
  for (guint i = 0; i < events->len; i++)
    gloss_import_context_ensure_label (ctx, g_ptr_array_index (events, i), "event");
  for (guint i = 0; i < rels->len; i++)
    seed_relation_type (ctx, g_ptr_array_index (rels, i));

  for (guint i = 0; i < attr_lines->len; i++)
    {
      const char *l = g_ptr_array_index (attr_lines, i);
      const char *name_end = l;
      g_autofree char *name = NULL;
      g_auto(GStrv) args = NULL;
      g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
      gboolean any = FALSE;
      gboolean any_value = FALSE;

      while (*name_end && !_gloss_brat_is_space (*name_end))
        name_end++;
      name = g_strndup (l, name_end - l);
      if (!_gloss_schema_name_is_valid (name) || name[0] == '<')
        continue;
      args = g_strsplit (name_end, ",", -1);
      for (guint j = 0; args[j]; j++)
        {
          char *a = g_strstrip (args[j]);

          if (g_str_has_prefix (a, "Arg:"))
            {
              g_auto(GStrv) types = g_strsplit (a + 4, "|", -1);

              for (guint k = 0; types[k]; k++)
                {
                  char *t = g_strstrip (types[k]);
                  GPtrArray *from = NULL;

                  if (strcmp (t, "<EVENT>") == 0)
                    from = events;
                  else if (strcmp (t, "<ENTITY>") == 0)
                    from = entities;
                  else if (strcmp (t, "<ANY>") == 0)
                    {
                      add_all (targets, entities);
                      add_all (targets, events);
                      any = TRUE;
                      continue;
                    }
                  else if (t[0] == '<')
                    {
                      g_autoptr(GPtrArray) expanded = g_ptr_array_new_with_free_func (g_free);
                      expand_types (&conf, t, expanded, &any, 0);
                      add_all (targets, expanded);
                      continue;
                    }
                  if (from != NULL)
                    add_all (targets, from);
                  else if (_gloss_schema_name_is_valid (t)
                           && !g_ptr_array_find_with_equal_func (targets, t, g_str_equal, NULL))
                    g_ptr_array_add (targets, g_strdup (t));
                }
            }
          else if (g_str_has_prefix (a, "Value:"))
            {
              g_auto(GStrv) vals = g_strsplit (a + 6, "|", -1);

              any_value = TRUE;
              for (guint k = 0; vals[k]; k++)
                if (*g_strstrip (vals[k]) != '\0')
                  g_ptr_array_add (values, _gloss_brat_decode_value (vals[k]));
            }
        }
      for (guint j = 0; j < targets->len; j++)
        {
          const char *target = g_ptr_array_index (targets, j);
          GlossSchema *schema = gloss_import_context_get_schema (ctx);
          gboolean is_rel = gloss_schema_lookup_relation_type (schema, target) != NULL
                            && gloss_schema_lookup_label (schema, target) == NULL;

          if (!any_value || values->len == 0)
            {
              g_autoptr(GVariant) v = g_variant_ref_sink (g_variant_new_boolean (TRUE));
              if (is_rel)
                gloss_import_context_ensure_relation_attribute (ctx, target, name, v);
              else
                gloss_import_context_ensure_attribute (ctx, target, name, v);
              continue;
            }
          for (guint k = 0; k < values->len; k++)
            {
              g_autoptr(GVariant) v =
                g_variant_ref_sink (g_variant_new_string (g_ptr_array_index (values, k)));
              if (is_rel)
                gloss_import_context_ensure_relation_attribute (ctx, target, name, v);
              else
                gloss_import_context_ensure_attribute (ctx, target, name, v);
            }
        }
    }
  gloss_import_report_add (report, GLOSS_PROBLEM_NOTE, display, 0,
                           _("the schema was seeded from this file (%u entity types, %u event "
                             "types, %u relation and role types)"),
                           entities->len, events->len, rels->len);
}

void
_gloss_brat_seed_confs_for (GlossBratImport *bi,
                            const char      *ann_path,
                            const char      *root)
{
  g_autofree char *dir = g_path_get_dirname (ann_path);

  /* the documents of one folder find the same file: once is enough */
  if (bi->folders != NULL)
    {
      if (g_hash_table_contains (bi->folders, dir))
        return;
      g_hash_table_add (bi->folders, g_strdup (dir));
    }
  /* brat looks for annotation.conf in the document's folder, then upwards:
   * we stop at the imported folder (or the document's folder). */
  for (;;)
    {
      g_autofree char *conf = g_build_filename (dir, "annotation.conf", NULL);
      g_autofree char *parent = NULL;

      if (g_file_test (conf, G_FILE_TEST_IS_REGULAR))
        {
          if (!g_hash_table_contains (bi->confs, conf))
            {
              g_hash_table_add (bi->confs, g_strdup (conf));
              seed_from_conf (bi->ctx, conf);
            }
          return;
        }
      if (root == NULL || strcmp (dir, root) == 0)
        return;
      parent = g_path_get_dirname (dir);
      if (strcmp (parent, dir) == 0 || strlen (parent) < strlen (root))
        return;
      g_free (dir);
      dir = g_steal_pointer (&parent);
    }
}

/* ---- annotation.conf and visual.conf of an export */

static void
append_joined (GString   *out,
               GPtrArray *names,
               const char *empty)
{
  if (names->len == 0)
    {
      g_string_append (out, empty);
      return;
    }
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? "|" : "", (char *) g_ptr_array_index (names, i));
}

gboolean
_gloss_brat_write_confs (GlossExportContext  *ctx,
                         GlossSchema         *schema,
                         const char          *dir,
                         GCancellable        *cancellable,
                         GError             **error)
{
  g_autoptr(GString) conf = g_string_new (NULL);
  g_autoptr(GString) visual = g_string_new (NULL);
  GListModel *labels = gloss_schema_get_labels (schema);
  GListModel *types = gloss_schema_get_relation_types (schema);
  guint n_labels = g_list_model_get_n_items (labels);
  guint n_types = g_list_model_get_n_items (types);
  /* attribute name -> (targets, values, boolean?) in first-seen order */
  g_autoptr(GPtrArray) attr_names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) attr_targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                              (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) attr_values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                             (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) free_text = g_ptr_array_new_with_free_func (g_free);

  g_string_append (conf, "# annotation.conf written by Gloss from the project's schema\n\n");
  g_string_append (conf, "[entities]\n\n");
  g_string_append (visual, "# visual.conf written by Gloss from the project's schema\n\n"
                           "[labels]\n\n");
  for (guint i = 0; i < n_labels; i++)
    {
      g_autoptr(GlossLabel) l = g_list_model_get_item (labels, i);
      GPtrArray *defs = gloss_label_get_attributes (l);

      g_string_append_printf (conf, "%s\n", gloss_label_get_name (l));
      g_string_append_printf (visual, "%s | %s\n", gloss_label_get_name (l),
                              gloss_label_get_name (l));
      for (guint j = 0; defs && j < defs->len; j++)
        {
          GlossAttrDef *d = g_ptr_array_index (defs, j);
          const char *an = gloss_attr_def_get_name (d);
          GPtrArray *targets, *values;

          if (strcmp (an, NOTE_TYPE_ATTR) == 0)
            continue;
          if (gloss_attr_def_get_attr_type (d) == GLOSS_ATTR_TYPE_TEXT)
            {
              if (!g_ptr_array_find_with_equal_func (free_text, an, g_str_equal, NULL))
                g_ptr_array_add (free_text, g_strdup (an));
              continue;
            }
          targets = g_hash_table_lookup (attr_targets, an);
          if (targets == NULL)
            {
              g_ptr_array_add (attr_names, g_strdup (an));
              targets = g_ptr_array_new_with_free_func (g_free);
              values = g_ptr_array_new_with_free_func (g_free);
              g_hash_table_insert (attr_targets, g_strdup (an), targets);
              g_hash_table_insert (attr_values, g_strdup (an), values);
            }
          values = g_hash_table_lookup (attr_values, an);
          g_ptr_array_add (targets, g_strdup (gloss_label_get_name (l)));
          if (gloss_attr_def_get_attr_type (d) == GLOSS_ATTR_TYPE_ENUM)
            {
              const char * const *vals = gloss_attr_def_get_values (d);
              for (guint k = 0; vals && vals[k]; k++)
                if (!g_ptr_array_find_with_equal_func (values, vals[k], g_str_equal, NULL))
                  g_ptr_array_add (values, g_strdup (vals[k]));
            }
        }
    }
  g_string_append (conf, "\n[relations]\n\n");
  for (guint i = 0; i < n_types; i++)
    {
      g_autoptr(GlossRelationType) t = g_list_model_get_item (types, i);
      const char * const *s = gloss_relation_type_get_sources (t);
      const char * const *d = gloss_relation_type_get_targets (t);
      g_autoptr(GPtrArray) sa = g_ptr_array_new ();
      g_autoptr(GPtrArray) da = g_ptr_array_new ();
      GPtrArray *defs = gloss_relation_type_get_attributes (t);

      for (guint j = 0; s && s[j]; j++)
        g_ptr_array_add (sa, (gpointer) s[j]);
      for (guint j = 0; d && d[j]; j++)
        g_ptr_array_add (da, (gpointer) d[j]);
      g_string_append_printf (conf, "%s\tArg1:", gloss_relation_type_get_name (t));
      append_joined (conf, sa, "<ANY>");
      g_string_append (conf, ", Arg2:");
      append_joined (conf, da, "<ANY>");
      g_string_append_c (conf, '\n');
      g_string_append_printf (visual, "%s | %s\n", gloss_relation_type_get_name (t),
                              gloss_relation_type_get_name (t));
      for (guint j = 0; defs && j < defs->len; j++)
        {
          GlossAttrDef *def = g_ptr_array_index (defs, j);
          const char *an = gloss_attr_def_get_name (def);
          GPtrArray *targets, *values;

          if (gloss_attr_def_get_attr_type (def) == GLOSS_ATTR_TYPE_TEXT)
            continue;
          targets = g_hash_table_lookup (attr_targets, an);
          if (targets == NULL)
            {
              g_ptr_array_add (attr_names, g_strdup (an));
              targets = g_ptr_array_new_with_free_func (g_free);
              g_hash_table_insert (attr_targets, g_strdup (an), targets);
              g_hash_table_insert (attr_values, g_strdup (an),
                                   g_ptr_array_new_with_free_func (g_free));
            }
          values = g_hash_table_lookup (attr_values, an);
          g_ptr_array_add (targets, g_strdup (gloss_relation_type_get_name (t)));
          if (gloss_attr_def_get_attr_type (def) == GLOSS_ATTR_TYPE_ENUM)
            {
              const char * const *vals = gloss_attr_def_get_values (def);
              for (guint k = 0; vals && vals[k]; k++)
                if (!g_ptr_array_find_with_equal_func (values, vals[k], g_str_equal, NULL))
                  g_ptr_array_add (values, g_strdup (vals[k]));
            }
        }
    }
  /* Gloss lets spans nest and overlap (a claim holds its entities): without
   * this, brat's checker flags every nested span. */
  g_string_append (conf, "\n<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n");
  g_string_append (conf, "\n[events]\n\n# events were imported as trigger spans plus "
                         "relations\n\n[attributes]\n\n");
  for (guint i = 0; i < attr_names->len; i++)
    {
      const char *an = g_ptr_array_index (attr_names, i);
      GPtrArray *values = g_hash_table_lookup (attr_values, an);

      g_string_append_printf (conf, "%s\tArg:", an);
      append_joined (conf, g_hash_table_lookup (attr_targets, an), "<ANY>");
      if (values->len > 0)
        {
          g_autoptr(GPtrArray) encoded = g_ptr_array_new_with_free_func (g_free);

          for (guint j = 0; j < values->len; j++)
            g_ptr_array_add (encoded, _gloss_brat_encode_value (g_ptr_array_index (values, j)));
          g_string_append (conf, ", Value:");
          append_joined (conf, encoded, "");
        }
      g_string_append_c (conf, '\n');
    }
  for (guint i = 0; i < free_text->len; i++)
    g_string_append_printf (conf, "# %s: free text, which brat cannot declare\n",
                            (char *) g_ptr_array_index (free_text, i));

  g_string_append (visual, "\n[drawing]\n\n");
  for (guint i = 0; i < n_labels; i++)
    {
      g_autoptr(GlossLabel) l = g_list_model_get_item (labels, i);
      g_string_append_printf (visual, "%s\tbgColor:%s\n", gloss_label_get_name (l),
                              gloss_label_get_color (l));
    }

  return gloss_export_context_write_file (ctx, dir, "annotation.conf", conf->str, conf->len,
                                          cancellable, error)
         && gloss_export_context_write_file (ctx, dir, "visual.conf", visual->str, visual->len,
                                             cancellable, error);
}
