/* test-brat.c: brat standoff import and export, round trips over the corpora
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "gloss.h"
#include "gloss-formats.h"
#include "gloss-brat-private.h"

/* ---- helpers */

static char *tmp_root;
static guint tmp_counter;

static void
rm_rf (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
      const char *name;

      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          rm_rf (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static char *
tmp_dir (const char *what)
{
  char *dir = g_strdup_printf ("%s/%s-%u", tmp_root, what, ++tmp_counter);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return dir;
}

static GlossProject *
new_project (void)
{
  g_autofree char *dir = tmp_dir ("project");
  g_autofree char *path = g_build_filename (dir, "p.gloss", NULL);
  g_autoptr(GError) error = NULL;
  GlossProject *project = gloss_project_create (path, NULL, &error);

  g_assert_no_error (error);
  return project;
}

static void
write_file (const char *dir,
            const char *name,
            const char *contents,
            gssize      len)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, NULL, &error);
  g_assert_no_error (error);
  return data;
}

static gboolean
import_paths (GlossProject       *project,
              const char * const *paths,
              gboolean            skip_bad,
              GlossImportReport  *report,
              GError            **error)
{
  GlossImportOptions options = GLOSS_IMPORT_OPTIONS_INIT;

  options.format = "brat";
  options.skip_bad = skip_bad;
  return gloss_format_import (project, paths, &options, report, NULL, error);
}

static gboolean
import_one (GlossProject       *project,
            const char         *path,
            GlossImportReport  *report,
            GError            **error)
{
  const char *paths[] = { path, NULL };

  return import_paths (project, paths, FALSE, report, error);
}

static char *
export_brat (GlossProject *project)
{
  g_autofree char *dir = tmp_dir ("export");
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_format_export (project, "brat", dir, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&dir);
}

static gboolean
report_mentions (GlossImportReport    *report,
                 GlossProblemSeverity  severity,
                 const char           *needle)
{
  for (guint i = 0; i < report->problems->len; i++)
    {
      GlossProblem *p = g_ptr_array_index (report->problems, i);
      if (p->severity == severity && strstr (p->message, needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

static guint
n_documents (GlossProject *project)
{
  return g_list_model_get_n_items (gloss_project_get_documents (project));
}

/* ---- a small brat reader of our own, independent of the importer */

typedef struct
{
  char      *kind;    /* "T", "R", "E", "A", "N", "#", "*" */
  char     **f;       /* TAB-separated fields */
  char      *type;
  GArray    *frags;   /* T: guint pairs (start, end) sorted */
  char      *target;  /* A N # */
  char      *value;   /* A value / N ref */
  char      *text;    /* N name / # text */
  GPtrArray *args;    /* R E: "role\tid"; E: first is "TYPE\ttrigger" */
} Line;

static void
line_free (Line *l)
{
  g_free (l->kind);
  g_strfreev (l->f);
  g_free (l->type);
  if (l->frags)
    g_array_unref (l->frags);
  g_free (l->target);
  g_free (l->value);
  g_free (l->text);
  if (l->args)
    g_ptr_array_unref (l->args);
  g_free (l);
}

static int
cmp_pair (gconstpointer a,
          gconstpointer b)
{
  const guint *x = a, *y = b;

  return x[0] != y[0] ? (x[0] < y[0] ? -1 : 1) : (x[1] < y[1] ? -1 : x[1] > y[1]);
}

/* Parses the text of an .ann: returns id -> Line. */
static GHashTable *
parse_ann (const char *ann)
{
  GHashTable *lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) line_free);
  g_auto(GStrv) rows = g_strsplit (ann, "\n", -1);
  guint n_star = 0;

  for (guint i = 0; rows[i]; i++)
    {
      char *row = rows[i];
      Line *l;
      g_auto(GStrv) data = NULL;

      g_strchomp (row);
      if (*row == '\0')
        continue;
      l = g_new0 (Line, 1);
      if (strchr (row, '\t') == NULL)
        {
          /* space-separated T (OpenNLP): ID TYPE offsets… text */
          g_auto(GStrv) tok = g_strsplit_set (row, " ", -1);
          GString *offs = g_string_new (NULL);
          GString *text = g_string_new (NULL);
          guint k = 0, n = 0;
          char *f[4];

          for (guint j = 0; tok[j]; j++)
            {
              if (*tok[j] == '\0')
                continue;
              if (n == 0)
                f[0] = g_strdup (tok[j]);
              else if (n == 1)
                f[1] = g_strdup (tok[j]);
              else if (k == 0 && strspn (tok[j], "0123456789;") == strlen (tok[j]))
                g_string_append_printf (offs, "%s%s", offs->len ? " " : "", tok[j]);
              else
                {
                  k = 1;
                  g_string_append_printf (text, "%s%s", text->len ? " " : "", tok[j]);
                }
              n++;
            }
          g_assert_cmpuint (n, >=, 2);  /* an id and a type at least */
          f[2] = g_strdup_printf ("%s %s", f[1], offs->str);
          g_free (f[1]);
          f[1] = f[2];
          f[2] = g_string_free (text, FALSE);
          f[3] = NULL;
          g_string_free (offs, TRUE);
          l->f = g_strdupv (f);
          g_free (f[0]);
          g_free (f[1]);
          g_free (f[2]);
        }
      else
        l->f = g_strsplit (row, "\t", -1);
      l->kind = g_strndup (l->f[0], 1);
      data = g_strsplit (l->f[1] ? l->f[1] : "", " ", -1);
      switch (l->f[0][0])
        {
        case 'T':
          {
            g_auto(GStrv) pieces = NULL;
            char *p;

            g_assert_nonnull (l->f[1]);  /* "TYPE offsets" */
            p = strchr (l->f[1], ' ');
            l->type = g_strndup (l->f[1], p - l->f[1]);
            pieces = g_strsplit (p + 1, ";", -1);
            l->frags = g_array_new (FALSE, FALSE, sizeof (guint) * 2);
            for (guint j = 0; pieces[j]; j++)
              {
                guint se[2];
                g_assert_cmpint (sscanf (pieces[j], "%u %u", &se[0], &se[1]), ==, 2);
                g_array_append_val (l->frags, se);
              }
            g_array_sort (l->frags, cmp_pair);
          }
          break;
        case 'R':
        case 'E':
          l->type = g_strdup (data[0]);
          l->args = g_ptr_array_new_with_free_func (g_free);
          for (guint j = 1; data[j]; j++)
            if (*data[j])
              g_ptr_array_add (l->args, g_strdup (data[j]));
          break;
        case 'A':
        case 'M':
          l->type = g_strdup (data[0]);
          l->target = g_strdup (data[1]);
          l->value = data[2] ? g_strjoinv (" ", data + 2) : g_strdup ("");
          g_strstrip (l->value);
          g_free (l->kind);
          l->kind = g_strdup ("A");
          break;
        case 'N':
          l->type = g_strdup (data[0]);
          l->target = g_strdup (data[1]);
          l->value = g_strdup (data[2]);
          l->text = g_strdup (l->f[2] ? l->f[2] : "");
          break;
        case '#':
          l->type = g_strdup (data[0]);
          if (data[1] != NULL)
            {
              l->target = g_strdup (data[1]);
              l->text = g_strdup (l->f[2] ? l->f[2] : "");
            }
          else
            {
              l->target = g_strdup (l->f[2]);
              l->text = g_strdup (l->f[3] ? l->f[3] : "");
            }
          break;
        default:
          break;
        }
      if (l->f[0][0] == '*')
        {
          g_free (l->f[0]);
          l->f[0] = g_strdup_printf ("*%u", ++n_star);
        }
      g_hash_table_replace (lines, g_strdup (l->f[0]), l);
    }
  return lines;
}

static char *
covered (const char *text,
         GArray     *frags)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < frags->len; i++)
    {
      guint *se = &g_array_index (frags, guint, i * 2);
      const char *a = g_utf8_offset_to_pointer (text, se[0]);
      const char *b = g_utf8_offset_to_pointer (text, se[1]);

      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append_len (out, a, b - a);
    }
  return g_string_free (out, FALSE);
}

/* "label 1-5;7-9" for a T, the trigger's key for an E, the relation's
 * description for an R. */
static char *
key_of (GHashTable *lines,
        const char *id,
        int         depth)
{
  Line *l = g_hash_table_lookup (lines, id);

  g_assert_nonnull (l);
  g_assert_cmpint (depth, <, 10);
  if (l->f[0][0] == 'T')
    {
      GString *k = g_string_new (l->type);

      for (guint i = 0; i < l->frags->len; i++)
        g_string_append_printf (k, "%s%u-%u", i ? ";" : " ", g_array_index (l->frags, guint, 2 * i),
                                g_array_index (l->frags, guint, 2 * i + 1));
      return g_string_free (k, FALSE);
    }
  if (l->f[0][0] == 'E')
    {
      const char *colon = strrchr (l->type, ':');
      return key_of (lines, colon + 1, depth + 1);
    }
  if (l->f[0][0] == 'R')
    {
      const char *a1 = strchr (g_ptr_array_index (l->args, 0), ':') + 1;
      const char *a2 = strchr (g_ptr_array_index (l->args, 1), ':') + 1;
      g_autofree char *k1 = key_of (lines, a1, depth + 1);
      g_autofree char *k2 = key_of (lines, a2, depth + 1);
      return g_strdup_printf ("(%s %s -> %s)", l->type, k1, k2);
    }
  g_assert_not_reached ();
}

static char *
strip_digits (const char *role)
{
  char *r = g_strdup (role);
  gsize n = strlen (r);

  while (n > 1 && g_ascii_isdigit (r[n - 1]))
    r[--n] = '\0';
  return r;
}

/* The canonical content of an .ann over its text: sorted lines, events as
 * their trigger span plus one relation per role, identifiers replaced by
 * what they name. Equiv lines are left out (reported on import). */
static GPtrArray *
canonical (const char *ann,
           const char *text)
{
  g_autoptr(GHashTable) lines = parse_ann (ann);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer k, v;

  g_hash_table_iter_init (&iter, lines);
  while (g_hash_table_iter_next (&iter, &k, &v))
    {
      Line *l = v;

      switch (l->f[0][0])
        {
        case 'T':
          {
            g_autofree char *key = key_of (lines, l->f[0], 0);
            g_autofree char *t = covered (text, l->frags);
            g_ptr_array_add (out, g_strdup_printf ("T %s “%s”", key, t));
          }
          break;
        case 'R':
          {
            g_autofree char *key = key_of (lines, l->f[0], 0);
            g_ptr_array_add (out, g_strdup_printf ("R %s", key));
          }
          break;
        case 'E':
          {
            g_autofree char *trigger = key_of (lines, l->f[0], 0);
            for (guint i = 0; i < l->args->len; i++)
              {
                const char *arg = g_ptr_array_index (l->args, i);
                const char *colon = strrchr (arg, ':');
                g_autofree char *role = g_strndup (arg, colon - arg);
                g_autofree char *r = strip_digits (role);
                g_autofree char *target = key_of (lines, colon + 1, 0);
                g_ptr_array_add (out, g_strdup_printf ("R (%s %s -> %s)", r, trigger, target));
              }
          }
          break;
        case 'A':
          {
            /* values as brat can hold them: spaces written %20 (see
             * _gloss_brat_encode_value()) */
            g_autofree char *target = key_of (lines, l->target, 0);
            g_autofree char *value = l->value ? _gloss_brat_decode_value (l->value) : NULL;
            g_ptr_array_add (out, g_strdup_printf ("A %s %s = “%s”", l->type, target, value));
          }
          break;
        case 'N':
          {
            g_autofree char *target = key_of (lines, l->target, 0);
            g_ptr_array_add (out, g_strdup_printf ("N %s %s %s “%s”", l->type, target, l->value,
                                                   l->text));
          }
          break;
        case '#':
          {
            g_autofree char *target = key_of (lines, l->target, 0);
            g_ptr_array_add (out, g_strdup_printf ("# %s %s “%s”", l->type, target, l->text));
          }
          break;
        default:
          break;
        }
    }
  return out;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
same_sets (GPtrArray  *a,
           GPtrArray  *b,
           const char *what)
{
  gboolean same = TRUE;
  guint i = 0, j = 0;

  g_ptr_array_sort (a, compare_strings);
  g_ptr_array_sort (b, compare_strings);
  while (i < a->len || j < b->len)
    {
      int c = i >= a->len ? 1 : j >= b->len ? -1
              : strcmp (g_ptr_array_index (a, i), g_ptr_array_index (b, j));
      if (c == 0)
        {
          i++;
          j++;
          continue;
        }
      same = FALSE;
      if (c < 0)
        g_test_message ("%s: only in the original: %s", what, (char *) g_ptr_array_index (a, i++));
      else
        g_test_message ("%s: only in the export: %s", what, (char *) g_ptr_array_index (b, j++));
    }
  return same;
}

/* Checks that every T line's written text is the text at its offsets. */
static void
assert_tails_match (const char *ann,
                    const char *text)
{
  g_autoptr(GHashTable) lines = parse_ann (ann);
  GHashTableIter iter;
  gpointer k, v;

  g_hash_table_iter_init (&iter, lines);
  while (g_hash_table_iter_next (&iter, &k, &v))
    {
      Line *l = v;

      if (l->f[0][0] == 'T')
        {
          g_autofree char *t = covered (text, l->frags);
          g_assert_cmpstr (t, ==, l->f[2]);
        }
    }
}

/* ---- round trip of every corpus .ann */

static const char *
corpora_dir (void)
{
  return g_getenv ("GLOSS_CORPORA_DIR");
}

static void
collect_anns (const char *dir,
              GPtrArray  *out)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        collect_anns (path, out);
      else if (g_str_has_suffix (path, ".ann"))
        g_ptr_array_add (out, g_steal_pointer (&path));
    }
}

/* The .txt of an .ann; DKPro's "-ref" files use their document's text. */
static char *
text_for (const char *ann)
{
  g_autofree char *stem = g_strndup (ann, strlen (ann) - 4);
  char *txt = g_strconcat (stem, ".txt", NULL);
  char *ref;

  if (g_file_test (txt, G_FILE_TEST_EXISTS))
    return txt;
  g_free (txt);
  ref = g_strrstr (stem, "-ref");
  g_assert_nonnull (ref);
  *ref = '\0';
  return g_strconcat (stem, ".txt", NULL);
}

static guint n_round_tripped;

static void
round_trip_one (const char *ann_path)
{
  g_autoptr(GlossProject) project = new_project ();
  g_autoptr(GlossImportReport) report = gloss_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *txt_path = text_for (ann_path);
  g_autofree char *import_path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *ann = read_file (ann_path);
  g_autofree char *text = read_file (txt_path);
  g_autofree char *base = g_path_get_basename (ann_path);
  g_autofree char *stem = g_strndup (base, strlen (base) - 4);
  g_autofree char *out_ann_path = NULL;
  g_autofree char *out_txt_path = NULL;
  g_autofree char *out_ann = NULL;
  g_autofree char *out_text = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;

  g_autofree char *own_txt = g_strconcat (stem, ".txt", NULL);

  if (g_str_has_suffix (txt_path, own_txt))
    import_path = g_strdup (ann_path);
  else
    {
      /* pair the reference annotations with their document's text */
      g_autofree char *dir = tmp_dir ("pair");
      g_autofree char *txt_name = g_strconcat (stem, ".txt", NULL);

      write_file (dir, base, ann, -1);
      write_file (dir, txt_name, text, -1);
      import_path = g_build_filename (dir, base, NULL);
    }

  g_assert_true (import_one (project, import_path, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_documents, ==, 1);
  out = export_brat (project);
  out_ann_path = g_strdup_printf ("%s/%s.ann", out, stem);
  out_txt_path = g_strdup_printf ("%s/%s.txt", out, stem);
  out_ann = read_file (out_ann_path);
  out_text = read_file (out_txt_path);
  g_assert_cmpstr (out_text, ==, text);
  {
    g_autofree char *conf = g_build_filename (out, "annotation.conf", NULL);
    g_autofree char *visual = g_build_filename (out, "visual.conf", NULL);
    g_assert_true (g_file_test (conf, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_test (visual, G_FILE_TEST_EXISTS));
  }
  assert_tails_match (out_ann, out_text);

  before = canonical (ann, text);
  after = canonical (out_ann, out_text);
  if (!same_sets (before, after, ann_path))
    g_test_fail_printf ("%s does not round-trip", ann_path);

  /* what cannot be carried is reported */
  if (strstr (ann, "\nE") != NULL || g_str_has_prefix (ann, "E"))
    g_assert_true (report_mentions (report, GLOSS_PROBLEM_NOTE, "event"));
  if (strstr (ann, "\n*\t") != NULL || g_str_has_prefix (ann, "*\t"))
    g_assert_true (report_mentions (report, GLOSS_PROBLEM_WARNING, "equivalence"));
  n_round_tripped++;
}

static void
test_corpus_round_trip (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GPtrArray) anns = g_ptr_array_new_with_free_func (g_free);

  if (corpora_dir () == NULL
      || !g_file_test ((dir = g_build_filename (corpora_dir (), "brat", NULL)), G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("no corpora");
      return;
    }
  collect_anns (dir, anns);
  g_assert_cmpuint (anns->len, >, 40);
  n_round_tripped = 0;
  for (guint i = 0; i < anns->len; i++)
    round_trip_one (g_ptr_array_index (anns, i));
  g_test_message ("%u of %u brat files round-tripped", n_round_tripped, anns->len);
  g_assert_cmpuint (n_round_tripped, ==, anns->len);
}

static void
test_corpus_folder (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GlossProject) project = NULL;
  g_autoptr(GlossImportReport) report = gloss_import_report_new ();
  g_autoptr(GError) error = NULL;
  GlossSchema *schema;
  GlossLabel *label;
  GlossAttrDef *def;
  const char *paths[2] = { NULL, NULL };

  if (corpora_dir () == NULL
      || !g_file_test ((dir = g_build_filename (corpora_dir (), "brat", "nlplab-brat-tutorials",
                                                NULL)), G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("no corpora");
      return;
    }
  g_assert_true (gloss_format_detect (dir, NULL) == gloss_format_lookup ("brat"));
  project = new_project ();
  paths[0] = dir;
  g_assert_true (gloss_format_import (project, paths, NULL, report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_documents, ==, 26);
  g_assert_cmpuint (n_documents (project), ==, 26);

  /* annotation.conf seeded the schema: entity and event labels, relation
   * types with their ends, attributes with their values */
  schema = gloss_project_get_schema (project);
  label = gloss_schema_lookup_label (schema, "Person");
  g_assert_nonnull (label);
  g_assert_cmpstr (gloss_label_get_layer (label), ==, "entity");
  label = gloss_schema_lookup_label (schema, "Be-born");
  g_assert_nonnull (label);
  g_assert_cmpstr (gloss_label_get_layer (label), ==, "event");
  def = gloss_label_lookup_attribute (label, "Confidence");
  g_assert_nonnull (def);
  g_assert_cmpint (gloss_attr_def_get_attr_type (def), ==, GLOSS_ATTR_TYPE_ENUM);
  g_assert_true (g_strv_contains (gloss_attr_def_get_values (def), "High"));
  def = gloss_label_lookup_attribute (label, "Negation");
  g_assert_nonnull (def);
  g_assert_cmpint (gloss_attr_def_get_attr_type (def), ==, GLOSS_ATTR_TYPE_BOOLEAN);
  g_assert_true (gloss_relation_type_allows (gloss_schema_lookup_relation_type (schema, "Origin"),
                                             "Organization", "GPE"));
  g_assert_false (gloss_relation_type_allows (gloss_schema_lookup_relation_type (schema, "Origin"),
                                              "GPE", "Organization"));
  g_assert_true (report_mentions (report, GLOSS_PROBLEM_NOTE, "seeded"));
}

/* ---- our own fixtures: multi-byte text, emoji, CR LF */

/* Astral characters (emoji, a flag, a ZWJ sequence), Cyrillic and accents:
 * brat counts code points. */
static const char emoji_text[] =
  "Agent 🕵 Müller met Анна in Zürich 🇨🇭 at 10:00.\n"
  "She said 👩‍💻 teams work for the bureau.\n";

static guint
cp (const char *needle)
{
  const char *p = strstr (emoji_text, needle);

  g_assert_nonnull (p);
  return g_utf8_pointer_to_offset (emoji_text, p);
}

static void
test_emoji (void)
{
  g_autofree char *dir = tmp_dir ("emoji");
  g_autofree char *ann = NULL;
  g_autofree char *path = g_build_filename (dir, "emoji.ann", NULL);
  g_autoptr(GlossProject) project = new_project ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *out_ann = NULL;
  g_autoptr(GlossDocument) doc = NULL;
  g_autoptr(GlossAnnotationList) list = NULL;
  guint muller = cp ("Müller"), anna = cp ("Анна"), zurich = cp ("Zürich"), flag = cp ("🇨🇭");
  guint team = cp ("👩‍💻"), said = cp ("said");
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;

  ann = g_strdup_printf ("T1\tPERSON %u %u\tMüller\n"
                         "T2\tPERSON %u %u\tАнна\n"
                         "T3\tGPE %u %u;%u %u\tZürich 🇨🇭\n"
                         "T4\tORG %u %u\t👩‍💻 teams\n"
                         "T5\tCUE %u %u\tsaid\n"
                         "R1\tmet Arg1:T1 Arg2:T2\n"
                         "A1\tcertain T1\n"
                         "A2\tflavour T4 very good\n"
                         "N1\tReference T3 Wikidata:Q72\tZürich\n"
                         "#1\tAnnotatorNotes T4\tA 👩‍💻 note\n",
                         muller, muller + 6, anna, anna + 4, zurich, zurich + 6, flag, flag + 2,
                         team, team + 3 + 6, said, said + 4);
  write_file (dir, "emoji.txt", emoji_text, -1);
  write_file (dir, "emoji.ann", ann, -1);
  g_assert_true (import_one (project, path, NULL, &error));
  g_assert_no_error (error);

  doc = g_list_model_get_item (gloss_project_get_documents (project), 0);
  list = gloss_project_dup_annotation_list (project, doc, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(GlossAnnotation) a = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autofree char *t = gloss_annotation_dup_text (a, gloss_document_get_text (doc));
      const char *label = gloss_annotation_get_label (a);

      if (strcmp (label, "GPE") == 0)
        {
          g_assert_cmpuint (gloss_annotation_get_n_fragments (a), ==, 2);
          g_assert_cmpstr (gloss_annotation_get_norm_id (a), ==, "Wikidata:Q72");
          g_assert_cmpstr (gloss_annotation_get_norm_name (a), ==, "Zürich");
        }
      else if (strcmp (label, "ORG") == 0)
        {
          g_assert_cmpstr (t, ==, "👩‍💻 teams");
          g_assert_cmpuint (gloss_annotation_get_start (a), ==, team);
          g_assert_cmpstr (gloss_annotation_get_note (a), ==, "A 👩‍💻 note");
          g_assert_cmpstr (g_variant_get_string (gloss_annotation_get_attribute (a, "flavour"),
                                                 NULL), ==, "very good");
        }
      else if (gloss_annotation_get_start (a) == muller)
        {
          g_assert_cmpstr (t, ==, "Müller");
          g_assert_true (g_variant_get_boolean (gloss_annotation_get_attribute (a, "certain")));
        }
    }

  out = export_brat (project);
  {
    g_autofree char *p = g_build_filename (out, "emoji.ann", NULL);
    out_ann = read_file (p);
  }
  before = canonical (ann, emoji_text);
  after = canonical (out_ann, emoji_text);
  g_assert_true (same_sets (before, after, "emoji"));
  assert_tails_match (out_ann, emoji_text);
  /* the exact offsets are the code point ones */
  {
    g_autofree char *line = g_strdup_printf ("PERSON %u %u\tMüller", muller, muller + 6);
    g_assert_nonnull (strstr (out_ann, line));
  }
}

static void
test_crlf (void)
{
  /* "Bob" on the second line: offsets counting CR LF as one (brat) and as two */
  const char *text = "First line here.\r\nThen came Bob.\r\nAnd Alice.\r\n";
  const char *lf = "First line here.\nThen came Bob.\nAnd Alice.\n";
  guint bob = g_utf8_pointer_to_offset (lf, strstr (lf, "Bob"));
  guint alice = g_utf8_pointer_to_offset (lf, strstr (lf, "Alice"));

  for (guint convention = 0; convention < 2; convention++)
    {
      g_autofree char *dir = tmp_dir ("crlf");
      g_autofree char *path = g_build_filename (dir, "crlf.ann", NULL);
      g_autofree char *ann = NULL;
      g_autoptr(GlossProject) project = new_project ();
      g_autoptr(GlossImportReport) report = gloss_import_report_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      g_autofree char *out_ann = NULL;
      g_autofree char *out_txt = NULL;

      ann = g_strdup_printf ("T1\tPERSON %u %u\tBob\r\nT2\tPERSON %u %u\tAlice\r\n",
                             bob + convention, bob + 3 + convention,
                             alice + 2 * convention, alice + 5 + 2 * convention);
      write_file (dir, "crlf.txt", text, -1);
      write_file (dir, "crlf.ann", ann, -1);
      g_assert_true (import_one (project, path, report, &error));
      g_assert_no_error (error);
      g_assert_true (report_mentions (report, GLOSS_PROBLEM_NOTE, "CR LF"));
      g_assert_cmpuint (gloss_import_report_count (report, GLOSS_PROBLEM_WARNING), ==, 0);

      out = export_brat (project);
      {
        g_autofree char *p1 = g_build_filename (out, "crlf.ann", NULL);
        g_autofree char *p2 = g_build_filename (out, "crlf.txt", NULL);
        out_ann = read_file (p1);
        out_txt = read_file (p2);
      }
      g_assert_cmpstr (out_txt, ==, lf);
      assert_tails_match (out_ann, out_txt);
      {
        g_autofree char *line = g_strdup_printf ("PERSON %u %u\tBob", bob, bob + 3);
        g_assert_nonnull (strstr (out_ann, line));
      }
    }
}

/* Offsets some tools write in UTF-8 bytes or UTF-16 units: the written
 * texts tell, the import follows them and says so. */
static void
test_other_units (void)
{
  const char *words[] = { "Müller", "Анна", "Zürich", "👩‍💻 teams", NULL };

  for (guint unit = 0; unit < 2; unit++)
    {
      g_autofree char *dir = tmp_dir ("units");
      g_autofree char *path = g_build_filename (dir, "u.ann", NULL);
      g_autoptr(GString) ann = g_string_new (NULL);
      g_autoptr(GlossProject) project = new_project ();
      g_autoptr(GlossImportReport) report = gloss_import_report_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      g_autofree char *out_ann = NULL;

      for (guint i = 0; words[i]; i++)
        {
          const char *p = strstr (emoji_text, words[i]);
          glong start, end;

          if (unit == 0)
            {
              start = p - emoji_text;
              end = start + strlen (words[i]);
            }
          else
            {
              g_autofree gunichar2 *a = g_utf8_to_utf16 (emoji_text, p - emoji_text, NULL,
                                                          &start, NULL);
              g_autofree gunichar2 *b = g_utf8_to_utf16 (words[i], -1, NULL, &end, NULL);
              end += start;
            }
          g_string_append_printf (ann, "T%u\tX %ld %ld\t%s\n", i + 1, start, end, words[i]);
        }
      write_file (dir, "u.txt", emoji_text, -1);
      write_file (dir, "u.ann", ann->str, -1);
      g_assert_true (import_one (project, path, report, &error));
      g_assert_no_error (error);
      g_assert_true (report_mentions (report, GLOSS_PROBLEM_WARNING,
                                      unit == 0 ? "UTF-8 bytes" : "UTF-16 units"));
      out = export_brat (project);
      {
        g_autofree char *p = g_build_filename (out, "u.ann", NULL);
        out_ann = read_file (p);
      }
      /* exported in code points, with the same texts */
      assert_tails_match (out_ann, emoji_text);
      for (guint i = 0; words[i]; i++)
        g_assert_nonnull (strstr (out_ann, words[i]));
    }
}

/* A note on a relation of a type the schema has already: kept as the
 * relation's free-text "note" attribute, declared in the saved schema. */
static void
test_relation_note (void)
{
  g_autofree char *dir = tmp_dir ("rnote");
  g_autofree char *path = g_build_filename (dir, "r.ann", NULL);
  g_autoptr(GlossProject) project = new_project ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossProject) again = NULL;
  g_autofree char *out = NULL;
  g_autofree char *out_ann = NULL;
  GlossRelationType *type;
  GlossAttrDef *def;

  write_file (dir, "r.txt", "Bob said the plan failed.\n", -1);
  write_file (dir, "r.ann", "T1\tCLAIM 9 24\tthe plan failed\nT2\tPERSON 0 3\tBob\n"
                            "R1\tattributed-to Arg1:T1 Arg2:T2\t\n"
                            "#1\tAnnotatorNotes R1\tfrom the interview\n", -1);
  g_assert_true (import_one (project, path, NULL, &error));
  g_assert_no_error (error);
  again = gloss_project_open (gloss_project_get_path (project), &error);
  g_assert_no_error (error);
  type = gloss_schema_lookup_relation_type (gloss_project_get_schema (again), "attributed-to");
  g_assert_nonnull (type);
  def = gloss_relation_type_lookup_attribute (type, "note");
  g_assert_nonnull (def);
  g_assert_cmpint (gloss_attr_def_get_attr_type (def), ==, GLOSS_ATTR_TYPE_TEXT);
  out = export_brat (again);
  {
    g_autofree char *p = g_build_filename (out, "r.ann", NULL);
    out_ann = read_file (p);
  }
  g_assert_nonnull (strstr (out_ann, "R1\tattributed-to Arg1:T"));
  g_assert_nonnull (strstr (out_ann, "#1\tAnnotatorNotes R1\tfrom the interview\n"));
  g_assert_null (strstr (out_ann, "A1"));
}

/* A document with CR LF line ends (imported as text) and a span across a
 * line break: the export writes LF text, shifts the offsets, and splits
 * the span into one fragment per line as brat does. */
static void
test_export_crlf_text (void)
{
  g_autofree char *dir = tmp_dir ("crlf-text");
  g_autoptr(GlossProject) project = new_project ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossDocument) doc = NULL;
  g_autoptr(GlossAnnotationList) list = NULL;
  g_autoptr(GlossCommand) cmd = gloss_command_new ("annotate");
  g_autoptr(GlossAnnotation) a = NULL;
  g_autoptr(GlossAnnotation) b = NULL;
  g_autoptr(GlossRelation) r = NULL;
  g_autofree char *path = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *out = NULL;
  g_autofree char *out_ann = NULL;
  g_autofree char *out_txt = NULL;
  const char *paths[] = { path, NULL };
  GlossImportOptions options = GLOSS_IMPORT_OPTIONS_INIT;

  /* "Alice\r\nBob went home.\r\n": Bob at 7, "Alice␍␊Bob" is 0–10 */
  write_file (dir, "notes.txt", "Alice\r\nBob went home.\r\n", -1);
  options.format = "text";
  g_assert_true (gloss_format_import (project, paths, &options, NULL, NULL, &error));
  g_assert_no_error (error);
  doc = g_list_model_get_item (gloss_project_get_documents (project), 0);
  list = gloss_project_dup_annotation_list (project, doc, &error);
  g_assert_no_error (error);
  a = gloss_annotation_new_span ("PERSON", 7, 10, NULL);
  b = gloss_annotation_new_span ("CLAIM", 0, 10, NULL);
  r = gloss_relation_new ("about", gloss_annotation_get_uuid (b), gloss_annotation_get_uuid (a),
                          NULL);
  gloss_command_create_annotation (cmd, a);
  gloss_command_create_annotation (cmd, b);
  gloss_command_add_relation (cmd, r);
  gloss_annotation_list_apply (list, cmd, &error);
  g_assert_no_error (error);

  out = export_brat (project);
  {
    g_autofree char *p1 = g_build_filename (out, "notes.ann", NULL);
    g_autofree char *p2 = g_build_filename (out, "notes.txt", NULL);
    out_ann = read_file (p1);
    out_txt = read_file (p2);
  }
  g_assert_cmpstr (out_txt, ==, "Alice\nBob went home.\n");
  g_assert_cmpstr (out_ann, ==,
                   "T1\tCLAIM 0 5;6 9\tAlice Bob\n"
                   "T2\tPERSON 6 9\tBob\n"
                   "R1\tabout Arg1:T1 Arg2:T2\n");
}

/* ---- bad input: an error naming file and line, the project unchanged */

static void
check_refused (const char *txt,
               gssize      txt_len,
               const char *ann,
               gssize      ann_len,
               const char *where)
{
  g_autofree char *dir = tmp_dir ("bad");
  g_autofree char *path = g_build_filename (dir, "bad.ann", NULL);
  g_autofree char *good = g_build_filename (dir, "good.txt", NULL);
  g_autoptr(GlossProject) project = new_project ();
  g_autoptr(GError) error = NULL;
  g_autofree char *schema_before = NULL;
  g_autofree char *schema_after = NULL;
  const char *paths[] = { good, path, NULL };
  guint n;

  /* a project with a document already */
  write_file (dir, "first.txt", "A first document.\n", -1);
  {
    const char *first[] = { NULL, NULL };
    g_autofree char *first_path = g_build_filename (dir, "first.txt", NULL);
    GlossImportOptions options = GLOSS_IMPORT_OPTIONS_INIT;

    first[0] = first_path;
    options.format = "text";
    g_assert_true (gloss_format_import (project, first, &options, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  n = n_documents (project);
  schema_before = gloss_schema_to_json (gloss_project_get_schema (project));

  write_file (dir, "good.txt", "Good text with Bob.\n", -1);
  write_file (dir, "good.ann", "T1\tNEWLABEL 15 18\tBob\n", -1);
  if (txt != NULL)
    write_file (dir, "bad.txt", txt, txt_len);
  write_file (dir, "bad.ann", ann, ann_len);

  g_assert_false (import_paths (project, paths, FALSE, NULL, &error));
  g_assert_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID);
  g_test_message ("refused: %s", error->message);
  g_assert_nonnull (strstr (error->message, where));
  g_assert_cmpuint (n_documents (project), ==, n);
  schema_after = gloss_schema_to_json (gloss_project_get_schema (project));
  g_assert_cmpstr (schema_before, ==, schema_after);
  {
    /* the same from a fresh open of the file */
    g_autoptr(GError) error2 = NULL;
    g_autoptr(GlossProject) again = gloss_project_open (gloss_project_get_path (project), &error2);
    g_assert_no_error (error2);
    g_assert_cmpuint (n_documents (again), ==, n);
    g_free (schema_after);
    schema_after = gloss_schema_to_json (gloss_project_get_schema (again));
    g_assert_cmpstr (schema_before, ==, schema_after);
  }
}

static void
test_bad_input (void)
{
  const char *text = "Bob met Alice.\n";

  check_refused (text, -1, "T1\tPERSON 0 3\tBob\nT2\tPERSON 8 99\tAlice\n", -1, "bad.ann:2:");
  check_refused (text, -1, "T1\tPERSON zero three\tBob\n", -1, "bad.ann:1:");
  check_refused (text, -1, "T1\tPERSON 0 3\tBob\nR1\tmet Arg1:T1\n", -1, "bad.ann:2:");
  check_refused (text, -1, "T1\tPERSON 0 3\tBob\nR1\tmet Arg1:T1 Arg2:T7\n", -1, "bad.ann:2:");
  check_refused (text, -1, "T1\tPERSON 0 3\tBob\nT1\tPERSON 8 13\tAlice\n", -1, "bad.ann:2:");
  check_refused (text, -1, "T1\tPERSON 0 3\tBob\n:-)\n", -1, "bad.ann:2:");
  check_refused (text, -1, "T1\tPERSON 0 5;3 8\tBob m met A\n", -1, "bad.ann:1:");
  check_refused (text, -1, "A1\tNegation T4\n", -1, "bad.ann:1:");
  check_refused (NULL, 0, "T1\tPERSON 0 3\tBob\n", -1, "bad.txt");
  check_refused ("Bob \xff\xfe met\n", -1, "T1\tPERSON 0 3\tBob\n", -1, "bad.txt:1:");
  check_refused (text, -1, "T1\tPERSON 0 3\tBob\nT2\tPERSON 8 13\tAl\xc3\n", -1, "bad.ann:2:");
  check_refused ("Bob\0met", 7, "T1\tPERSON 0 3\tBob\n", -1, "bad.txt");
  check_refused ("", 0, "", 0, "bad.txt");
}

static void
test_skip_bad (void)
{
  g_autofree char *dir = tmp_dir ("skip");
  g_autofree char *path = g_build_filename (dir, "x.ann", NULL);
  g_autoptr(GlossProject) project = new_project ();
  g_autoptr(GlossImportReport) report = gloss_import_report_new ();
  g_autoptr(GError) error = NULL;
  const char *paths[] = { path, NULL };

  write_file (dir, "x.txt", "Bob met Alice.\n", -1);
  write_file (dir, "x.ann", "T1\tPERSON 0 3\tBob\nT2\tPERSON 8 99\tAlice\n"
                            "R1\tmet Arg1:T1 Arg2:T2\nX1\tstrange line\n", -1);
  g_assert_true (import_paths (project, paths, TRUE, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_documents, ==, 1);
  g_assert_cmpuint (report->n_annotations, ==, 1);
  g_assert_cmpuint (report->n_relations, ==, 0);
  g_assert_cmpuint (gloss_import_report_count (report, GLOSS_PROBLEM_ERROR), >=, 1);
  g_assert_true (report_mentions (report, GLOSS_PROBLEM_WARNING, "cannot be represented"));
}

/* A folder of more pairs than are read ahead of the writer (they are read
 * on a thread of their own): each pair's problems come in the folder's
 * order, each before the next pair's; a bad pair midway stops the import
 * with nothing written and nothing reported past it, or, skipped, leaves
 * every other document imported. */
static void
test_folder_order (void)
{
  g_autofree char *dir = tmp_dir ("order");
  const char *paths[] = { dir, NULL };
  const guint n = 150, bad_at = 97;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *txt = g_strdup_printf ("d%03u.txt", i);
      g_autofree char *ann = g_strdup_printf ("d%03u.ann", i);
      /* every file warns once (a line brat has and Gloss cannot keep);
       * the bad one also names a span past its text's end */
      g_autofree char *lines =
        g_strdup_printf ("T1\tPERSON 0 6\tAgency\n*\tEquiv T1 T1\n%s",
                         i == bad_at ? "T2\tORG 7 99\tofficials\n" : "");

      write_file (dir, txt, "Agency officials said defectors left Vienna.\n", -1);
      write_file (dir, ann, lines, -1);
    }

  for (guint skip = 0; skip < 2; skip++)
    {
      g_autoptr(GlossProject) project = new_project ();
      g_autoptr(GlossImportReport) report = gloss_import_report_new ();
      g_autoptr(GError) error = NULL;
      guint n_problems = skip ? n + 1 : bad_at + 2;
      gboolean ok = import_paths (project, paths, skip, report, &error);

      if (skip)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpuint (n_documents (project), ==, n);
          g_assert_cmpuint (report->n_annotations, ==, n);
        }
      else
        {
          g_assert_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID);
          g_assert_false (ok);
          g_assert_true (strstr (error->message, "d097.ann:3:") != NULL);
          g_assert_cmpuint (n_documents (project), ==, 0);
        }
      /* one warning per file in order, the error in its place */
      g_assert_cmpuint (report->problems->len, ==, n_problems);
      for (guint i = 0, doc = 0; i < report->problems->len; i++)
        {
          GlossProblem *p = g_ptr_array_index (report->problems, i);
          g_autofree char *base = g_path_get_basename (p->file);
          g_autofree char *expected = g_strdup_printf ("d%03u.ann", doc);

          g_assert_cmpstr (base, ==, expected);
          if (p->severity == GLOSS_PROBLEM_WARNING)
            g_assert_cmpuint (p->line, ==, 2);
          else
            {
              g_assert_cmpint (p->severity, ==, GLOSS_PROBLEM_ERROR);
              g_assert_cmpuint (doc, ==, bad_at);
              g_assert_cmpuint (p->line, ==, 3);
            }
          if (p->severity == GLOSS_PROBLEM_WARNING && doc != bad_at)
            doc++;
          else if (p->severity == GLOSS_PROBLEM_ERROR)
            doc++;
        }
    }
}

static void
test_txt_alone_and_detect (void)
{
  g_autofree char *dir = tmp_dir ("detect");
  g_autofree char *ann = g_build_filename (dir, "a.ann", NULL);
  g_autofree char *txt = g_build_filename (dir, "a.txt", NULL);
  g_autofree char *lone = g_build_filename (dir, "lone.txt", NULL);
  g_autoptr(GlossProject) project = new_project ();
  g_autoptr(GError) error = NULL;
  const char *paths[] = { txt, NULL };

  write_file (dir, "a.txt", "Bob.\n", -1);
  write_file (dir, "a.ann", "T1\tPERSON 0 3\tBob\n", -1);
  write_file (dir, "lone.txt", "Alone.\n", -1);
  g_assert_true (gloss_format_detect (ann, NULL) == gloss_format_lookup ("brat"));
  g_assert_true (gloss_format_detect (txt, NULL) == gloss_format_lookup ("brat"));
  g_assert_true (gloss_format_detect (dir, NULL) == gloss_format_lookup ("brat"));
  g_assert_true (gloss_format_detect (lone, NULL) != gloss_format_lookup ("brat"));

  /* a .txt path pairs with its .ann */
  g_assert_true (gloss_format_import (project, paths, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_documents (project), ==, 1);
  {
    g_autoptr(GlossDocument) doc = g_list_model_get_item (gloss_project_get_documents (project), 0);
    g_assert_cmpstr (gloss_document_get_name (doc), ==, "a");
    g_assert_cmpstr (gloss_document_get_meta_string (doc, "filename"), ==, "a.txt");
    g_assert_cmpstr (gloss_document_get_meta_string (doc, "format"), ==, "brat");
    g_assert_cmpuint (gloss_document_get_n_annotations (doc), ==, 1);
  }

  /* a folder: every pair, and the text without .ann as a document without
   * annotations */
  {
    g_autoptr(GlossProject) p2 = new_project ();
    g_autoptr(GlossImportReport) report = gloss_import_report_new ();
    const char *folder[] = { dir, NULL };

    g_assert_true (gloss_format_import (p2, folder, NULL, report, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n_documents (p2), ==, 2);
    g_assert_cmpuint (report->n_annotations, ==, 1);
    g_assert_true (report_mentions (report, GLOSS_PROBLEM_NOTE, "no .ann file"));
  }
}

int
main (int    argc,
      char **argv)
{
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  tmp_root = g_dir_make_tmp ("gloss-test-brat-XXXXXX", NULL);
  g_assert_nonnull (tmp_root);

  g_test_add_func ("/formats/brat/corpus-round-trip", test_corpus_round_trip);
  g_test_add_func ("/formats/brat/corpus-folder", test_corpus_folder);
  g_test_add_func ("/formats/brat/emoji", test_emoji);
  g_test_add_func ("/formats/brat/crlf", test_crlf);
  g_test_add_func ("/formats/brat/other-units", test_other_units);
  g_test_add_func ("/formats/brat/relation-note", test_relation_note);
  g_test_add_func ("/formats/brat/export-crlf-text", test_export_crlf_text);
  g_test_add_func ("/formats/brat/bad-input", test_bad_input);
  g_test_add_func ("/formats/brat/skip-bad", test_skip_bad);
  g_test_add_func ("/formats/brat/folder-order", test_folder_order);
  g_test_add_func ("/formats/brat/detect", test_txt_alone_and_detect);
  ret = g_test_run ();
  rm_rf (tmp_root);
  g_free (tmp_root);
  return ret;
}
