/* gloss-curation.c: comparing annotators' spans and adjudicating a gold set
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
#include "gloss-command.h"
#include "gloss-curation.h"
#include "gloss-document.h"
#include "gloss-project.h"
#include "gloss-relation.h"
#include "gloss-schema.h"
#include "gloss-store.h"
#include "gloss-util-private.h"

#define META_PREFIX "curation:"

/* ---- helpers ----------------------------------------------------------- */

static gboolean
fragments_overlap (GlossAnnotation *a,
                   GlossAnnotation *b)
{
  guint na, nb;
  const GlossFragment *fa = gloss_annotation_get_fragments (a, &na);
  const GlossFragment *fb = gloss_annotation_get_fragments (b, &nb);

  for (guint i = 0; i < na; i++)
    for (guint j = 0; j < nb; j++)
      if (fa[i].start < fb[j].end && fb[j].start < fa[i].end)
        return TRUE;

  return FALSE;
}

static gboolean
same_fragments (GlossAnnotation *a,
                GlossAnnotation *b)
{
  guint na, nb;
  const GlossFragment *fa = gloss_annotation_get_fragments (a, &na);
  const GlossFragment *fb = gloss_annotation_get_fragments (b, &nb);

  return na == nb && memcmp (fa, fb, na * sizeof (GlossFragment)) == 0;
}

static const char *
layer_of (GHashTable      *layers,
          GlossAnnotation *annotation)
{
  const char *layer;

  if (layers == NULL)
    return "";
  layer = g_hash_table_lookup (layers, gloss_annotation_get_label (annotation));
  return layer != NULL ? layer : "";
}

static gboolean
linked (GHashTable      *layers,
        GlossAnnotation *a,
        GlossAnnotation *b)
{
  if (same_fragments (a, b))
    return TRUE;

  return g_strcmp0 (layer_of (layers, a), layer_of (layers, b)) == 0 && fragments_overlap (a, b);
}

static int
compare_annotations (gconstpointer a,
                     gconstpointer b)
{
  return gloss_annotation_compare (*(GlossAnnotation **) a, *(GlossAnnotation **) b);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

static guint
find_root (guint *parent,
           guint  i)
{
  while (parent[i] != i)
    {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
  return i;
}

/* One annotator's version as text: "LABEL s-e;s-e" per annotation, sorted,
 * each ended by ",". */
static char *
version_signature (GPtrArray *version,
                   gboolean   with_labels)
{
  GString *string = g_string_new (NULL);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < version->len; i++)
    {
      GlossAnnotation     *annotation = g_ptr_array_index (version, i);
      guint n;
      const GlossFragment *fragments = gloss_annotation_get_fragments (annotation, &n);
      g_autofree char     *spans = _gloss_fragments_to_string (fragments, n);

      /* no printf: a large project's queue signs every version */
      g_ptr_array_add (parts, g_strconcat (with_labels ? gloss_annotation_get_label (annotation)
                                                       : "",
                                           " ", spans, NULL));
    }

  /* Without labels, a version is a set of span lists. */
  g_ptr_array_sort (parts, compare_strings);
  for (guint i = 0; i < parts->len; i++)
    {
      if (i > 0 && !with_labels && strcmp (parts->pdata[i], parts->pdata[i - 1]) == 0)
        continue;
      g_string_append (string, parts->pdata[i]);
      g_string_append_c (string, ',');
    }

  return g_string_free (string, FALSE);
}

static gboolean
all_signatures_equal (GlossCurationUnit *unit,
                      gboolean           with_labels)
{
  g_autofree char *first = NULL;

  for (guint i = 0; i < unit->versions->len; i++)
    {
      g_autofree char *signature = version_signature (unit->versions->pdata[i], with_labels);

      if (first == NULL)
        first = g_steal_pointer (&signature);
      else if (strcmp (first, signature) != 0)
        return FALSE;
    }

  return TRUE;
}

static gboolean
has_every_annotator (GlossCurationUnit *unit,
                     GPtrArray         *annotators)
{
  for (guint i = 0; i < annotators->len; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < unit->annotators->len && !found; j++)
        found = strcmp (unit->annotators->pdata[j], annotators->pdata[i]) == 0;
      if (!found)
        return FALSE;
    }

  return TRUE;
}

/* ---- details: attributes and links ------------------------------------ */

static void
difference_free (gpointer data)
{
  GlossCurationDifference *difference = data;

  g_free (difference->name);
  g_ptr_array_unref (difference->values);
  g_free (difference);
}

static char *
span_text (GlossAnnotation *annotation)
{
  GString             *text = g_string_new (gloss_annotation_get_label (annotation));
  guint                n;
  const GlossFragment *fragments = gloss_annotation_get_fragments (annotation, &n);

  for (guint j = 0; j < n; j++)
    g_string_append_printf (text, "%s%u-%u", j == 0 ? " " : ",", fragments[j].start,
                            fragments[j].end);
  return g_string_free (text, FALSE);
}

static char *
attribute_text (GVariant *value)
{
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return g_variant_dup_string (value, NULL);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    return g_strdup (g_variant_get_boolean (value) ? "true" : "false");
  return g_variant_print (value, FALSE);
}

/* name -> value text of one annotator's version: its annotations'
 * attributes and, by relation type, their links' targets. */
static GHashTable *
version_details (GPtrArray  *version,
                 GHashTable *links,   /* source uuid -> GPtrArray of GlossRelation */
                 GHashTable *by_uuid) /* uuid -> GlossAnnotation */
{
  GHashTable *details = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < version->len; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (version, i);
      g_autofree char *prefix = NULL;
      GHashTable      *attributes = gloss_annotation_get_attributes (annotation);
      const char      *uuid = gloss_annotation_get_uuid (annotation);
      GPtrArray       *relations = links != NULL ? g_hash_table_lookup (links, uuid) : NULL;
      g_autoptr(GHashTable) targets = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                              (GDestroyNotify) g_ptr_array_unref);
      GHashTableIter iter;
      gpointer       key, value;

      if (version->len > 1)
        {
          g_autofree char *span = span_text (annotation);

          prefix = g_strdup_printf ("%s: ", span);
        }

      if (attributes != NULL)
        {
          g_hash_table_iter_init (&iter, attributes);
          while (g_hash_table_iter_next (&iter, &key, &value))
            g_hash_table_insert (details, g_strconcat (prefix ? prefix : "", "\x01", key, NULL),
                                 attribute_text (value));
        }

      for (guint j = 0; relations != NULL && j < relations->len; j++)
        {
          GlossRelation   *relation = g_ptr_array_index (relations, j);
          GlossAnnotation *target = g_hash_table_lookup (by_uuid,
                                                         gloss_relation_get_target (relation));
          const char      *type = gloss_relation_get_relation_type (relation);
          GPtrArray       *list = g_hash_table_lookup (targets, type);

          if (target == NULL)
            continue;
          if (list == NULL)
            {
              list = g_ptr_array_new_with_free_func (g_free);
              g_hash_table_insert (targets, (gpointer) type, list);
            }
          g_ptr_array_add (list, span_text (target));
        }

      g_hash_table_iter_init (&iter, targets);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          GPtrArray *list = value;

          g_ptr_array_sort (list, compare_strings);
          g_ptr_array_add (list, NULL);
          g_hash_table_insert (details, g_strconcat (prefix ? prefix : "", "\x02", key, NULL),
                               g_strjoinv (", ", (char **) list->pdata));
        }
    }

  return details;
}

/* Fills unit->differences from each version's details; TRUE when any. */
static gboolean
find_differences (GlossCurationUnit *unit,
                  GHashTable        *links,
                  GHashTable        *by_uuid)
{
  g_autoptr(GPtrArray) details = g_ptr_array_new_with_free_func (
    (GDestroyNotify) g_hash_table_unref);
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GList) sorted = NULL;

  for (guint i = 0; i < unit->versions->len; i++)
    {
      GHashTable    *version = version_details (unit->versions->pdata[i], links, by_uuid);
      GHashTableIter iter;
      gpointer       key;

      g_ptr_array_add (details, version);
      g_hash_table_iter_init (&iter, version);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (names, key);
    }

  sorted = g_list_sort (g_hash_table_get_keys (names), (GCompareFunc) strcmp);
  for (GList *l = sorted; l != NULL; l = l->next)
    {
      const char              *key = l->data;
      const char              *first = g_hash_table_lookup (details->pdata[0], key);
      gboolean                 differs = FALSE;
      GlossCurationDifference *difference;
      const char              *mark;

      for (guint i = 1; i < details->len && !differs; i++)
        differs = g_strcmp0 (first, g_hash_table_lookup (details->pdata[i], key)) != 0;
      if (!differs)
        continue;

      /* "prefix\x01name" for attributes, "prefix\x02type" for links */
      mark = strpbrk (key, "\x01\x02");
      difference = g_new0 (GlossCurationDifference, 1);
      difference->relation = *mark == '\x02';
      difference->name = g_strdup_printf ("%.*s%s", (int) (mark - key), key, mark + 1);
      difference->values = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < details->len; i++)
        g_ptr_array_add (difference->values,
                         g_strdup (g_hash_table_lookup (details->pdata[i], key)));
      g_ptr_array_add (unit->differences, difference);
    }

  return unit->differences->len > 0;
}

static GlossCurationUnit *
unit_new (GPtrArray *members)
{
  GlossCurationUnit *unit = g_new0 (GlossCurationUnit, 1);
  g_autoptr(GPtrArray) uuids = g_ptr_array_new ();
  g_autoptr(GString) joined = g_string_new (NULL);
  g_autofree char *digest = NULL;

  unit->annotators = g_ptr_array_new_with_free_func (g_free);
  unit->versions = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  unit->gold = g_ptr_array_new_with_free_func (g_object_unref);
  unit->differences = g_ptr_array_new_with_free_func (difference_free);
  unit->start = G_MAXUINT;

  /* members are in document order */
  for (guint i = 0; i < members->len; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (members, i);
      const char *annotator = gloss_annotation_get_annotator (annotation);
      guint index;

      unit->start = MIN (unit->start, gloss_annotation_get_start (annotation));
      unit->end = MAX (unit->end, gloss_annotation_get_end (annotation));
      g_ptr_array_add (uuids, (gpointer) gloss_annotation_get_uuid (annotation));

      for (index = 0; index < unit->annotators->len; index++)
        if (strcmp (unit->annotators->pdata[index], annotator) == 0)
          break;
      if (index == unit->annotators->len)
        {
          /* insert sorted */
          for (index = 0; index < unit->annotators->len; index++)
            if (strcmp (unit->annotators->pdata[index], annotator) > 0)
              break;
          g_ptr_array_insert (unit->annotators, index, g_strdup (annotator));
          g_ptr_array_insert (unit->versions, index,
                              g_ptr_array_new_with_free_func (g_object_unref));
        }
      g_ptr_array_add (unit->versions->pdata[index], g_object_ref (annotation));
    }

  g_ptr_array_sort (uuids, compare_strings);
  for (guint i = 0; i < uuids->len; i++)
    {
      g_string_append (joined, uuids->pdata[i]);
      g_string_append_c (joined, '\n');
    }
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA1, joined->str, joined->len);
  unit->key = g_strndup (digest, 16);

  return unit;
}

static int
compare_units (gconstpointer a,
               gconstpointer b)
{
  const GlossCurationUnit *ua = *(GlossCurationUnit **) a;
  const GlossCurationUnit *ub = *(GlossCurationUnit **) b;

  if (ua->start != ub->start)
    return ua->start < ub->start ? -1 : 1;
  if (ua->end != ub->end)
    return ua->end < ub->end ? -1 : 1;
  return strcmp (ua->key, ub->key);
}

/* ---- public API -------------------------------------------------------- */

void
gloss_curation_unit_free (GlossCurationUnit *unit)
{
  if (unit == NULL)
    return;

  g_free (unit->key);
  g_ptr_array_unref (unit->annotators);
  g_ptr_array_unref (unit->versions);
  g_ptr_array_unref (unit->gold);
  g_ptr_array_unref (unit->differences);
  g_free (unit);
}

const char *
gloss_curation_kind_to_string (GlossCurationKind kind)
{
  switch (kind)
    {
    case GLOSS_CURATION_AGREED:
      return _("Agreed");
    case GLOSS_CURATION_ONLY:
      return _("Not everyone");
    case GLOSS_CURATION_LABEL:
      return _("Different labels");
    case GLOSS_CURATION_OVERLAP:
      return _("Overlapping spans");
    case GLOSS_CURATION_DETAILS:
      return _("Different details");
    default:
      return "";
    }
}

GPtrArray *
gloss_curation_units (GPtrArray          *annotations,
                      const char * const *annotators,
                      GHashTable         *layers,
                      const char         *gold)
{
  return gloss_curation_units_full (annotations, NULL, annotators, layers, gold);
}

GPtrArray *
gloss_curation_units_full (GPtrArray          *annotations,
                           GPtrArray          *relations,
                           const char * const *annotators,
                           GHashTable         *layers,
                           const char         *gold)
{
  g_autoptr(GHashTable) links = NULL;
  g_autoptr(GHashTable) by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) members = g_ptr_array_new ();
  g_autoptr(GPtrArray) golds = g_ptr_array_new ();
  g_autoptr(GPtrArray) everyone = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) active = g_ptr_array_new ();
  g_autoptr(GHashTable) groups = NULL;
  guint     *parent = NULL;
  GPtrArray *units;

  g_return_val_if_fail (annotations != NULL, NULL);

  if (gold == NULL)
    gold = GLOSS_GOLD_ANNOTATOR;

  /* What the links of a version point at: any live annotation. */
  for (guint i = 0; i < annotations->len; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (annotations, i);

      if (!gloss_annotation_get_deleted (annotation))
        g_hash_table_insert (by_uuid, (gpointer) gloss_annotation_get_uuid (annotation),
                             annotation);
    }
  if (relations != NULL)
    {
      links = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                     (GDestroyNotify) g_ptr_array_unref);
      for (guint i = 0; i < relations->len; i++)
        {
          GlossRelation *relation = g_ptr_array_index (relations, i);
          const char    *source = gloss_relation_get_source (relation);
          GPtrArray     *list;

          if (gloss_relation_get_deleted (relation))
            continue;
          list = g_hash_table_lookup (links, source);
          if (list == NULL)
            {
              list = g_ptr_array_new ();
              g_hash_table_insert (links, (gpointer) source, list);
            }
          g_ptr_array_add (list, relation);
        }
    }

  for (guint i = 0; i < annotations->len; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (annotations, i);

      if (gloss_annotation_get_deleted (annotation) ||
          gloss_annotation_get_n_fragments (annotation) == 0)
        continue;
      if (g_strcmp0 (gloss_annotation_get_annotator (annotation), gold) == 0)
        g_ptr_array_add (golds, annotation);
      else
        g_ptr_array_add (members, annotation);
    }
  g_ptr_array_sort (members, compare_annotations);

  /* The annotators a unit must have to be agreed. */
  if (annotators != NULL)
    {
      for (guint i = 0; annotators[i] != NULL; i++)
        if (strcmp (annotators[i], gold) != 0)
          g_ptr_array_add (everyone, g_strdup (annotators[i]));
    }
  else
    {
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < members->len; i++)
        {
          const char *who = gloss_annotation_get_annotator (members->pdata[i]);

          if (g_hash_table_add (seen, (gpointer) who))
            g_ptr_array_add (everyone, g_strdup (who));
        }
    }

  /* Union-find over a sweep: only annotations whose extents overlap can be
   * linked, so each one is compared with those still open at its start. */
  parent = g_new (guint, MAX (members->len, 1));
  for (guint i = 0; i < members->len; i++)
    {
      GlossAnnotation *annotation = members->pdata[i];
      guint start = gloss_annotation_get_start (annotation);

      parent[i] = i;
      for (guint j = 0; j < active->len;)
        {
          guint other = GPOINTER_TO_UINT (active->pdata[j]);

          if (gloss_annotation_get_end (members->pdata[other]) <= start)
            {
              g_ptr_array_remove_index_fast (active, j);
              continue;
            }
          if (linked (layers, annotation, members->pdata[other]))
            {
              guint ra = find_root (parent, i);
              guint rb = find_root (parent, other);

              if (ra != rb)
                parent[MAX (ra, rb)] = MIN (ra, rb);
            }
          j++;
        }
      g_ptr_array_add (active, GUINT_TO_POINTER (i));
    }

  /* Members by group root, each group in document order. */
  groups = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < members->len; i++)
    {
      gpointer root = GUINT_TO_POINTER (find_root (parent, i));
      GPtrArray *group = g_hash_table_lookup (groups, root);

      if (group == NULL)
        {
          group = g_ptr_array_new ();
          g_hash_table_insert (groups, root, group);
        }
      g_ptr_array_add (group, members->pdata[i]);
    }

  units = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_curation_unit_free);
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, groups);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      {
        GPtrArray *group = value;
        GlossCurationUnit *unit = unit_new (group);

        if (all_signatures_equal (unit, TRUE))
          {
            if (unit->versions->len > 1 && find_differences (unit, links, by_uuid))
              unit->kind = GLOSS_CURATION_DETAILS;
            else
              unit->kind = has_every_annotator (unit, everyone) ? GLOSS_CURATION_AGREED
                                                                : GLOSS_CURATION_ONLY;
          }
        else if (all_signatures_equal (unit, FALSE))
          unit->kind = GLOSS_CURATION_LABEL;
        else
          unit->kind = GLOSS_CURATION_OVERLAP;

        for (guint i = 0; i < golds->len; i++)
          {
            GlossAnnotation *g = golds->pdata[i];

            if (gloss_annotation_get_start (g) >= unit->end ||
                gloss_annotation_get_end (g) <= unit->start)
              continue;
            for (guint j = 0; j < group->len; j++)
              if (linked (layers, g, group->pdata[j]))
                {
                  g_ptr_array_add (unit->gold, g_object_ref (g));
                  break;
                }
          }

        g_ptr_array_add (units, unit);
      }
  }
  g_ptr_array_sort (units, compare_units);

  g_free (parent);
  return units;
}

static int
annotator_index (GlossCurationUnit *unit,
                 const char        *annotator)
{
  for (guint i = 0; i < unit->annotators->len; i++)
    if (g_strcmp0 (unit->annotators->pdata[i], annotator) == 0)
      return (int) i;
  return -1;
}

gboolean
gloss_curation_unit_differs (GlossCurationUnit *unit,
                             const char        *a,
                             const char        *b)
{
  int ia, ib;
  g_autofree char *sa = NULL;
  g_autofree char *sb = NULL;

  g_return_val_if_fail (unit != NULL, FALSE);

  ia = annotator_index (unit, a);
  ib = annotator_index (unit, b);
  if (ia < 0 || ib < 0)
    return (ia < 0) != (ib < 0);
  if (ia == ib)
    return FALSE;

  sa = version_signature (unit->versions->pdata[ia], TRUE);
  sb = version_signature (unit->versions->pdata[ib], TRUE);
  if (strcmp (sa, sb) != 0)
    return TRUE;
  for (guint i = 0; i < unit->differences->len; i++)
    {
      GlossCurationDifference *difference = unit->differences->pdata[i];

      if (g_strcmp0 (difference->values->pdata[ia], difference->values->pdata[ib]) != 0)
        return TRUE;
    }
  return FALSE;
}

gboolean
gloss_curation_unit_is_curated (GlossCurationUnit *unit,
                                GHashTable        *rejected)
{
  g_return_val_if_fail (unit != NULL, FALSE);

  return unit->gold->len > 0 || (rejected != NULL && g_hash_table_contains (rejected, unit->key));
}

guint
gloss_curation_accept (GlossCurationUnit *unit,
                       guint              index,
                       const char        *gold,
                       GlossCommand      *command,
                       GHashTable        *copies)
{
  GPtrArray *version;

  g_return_val_if_fail (unit != NULL, 0);
  g_return_val_if_fail (command != NULL, 0);

  if (index >= unit->versions->len)
    return 0;
  if (gold == NULL)
    gold = GLOSS_GOLD_ANNOTATOR;

  version = unit->versions->pdata[index];
  for (guint i = 0; i < version->len; i++)
    {
      g_autoptr(GlossAnnotation) copy = gloss_annotation_copy (version->pdata[i]);
      g_autofree char *uuid = g_uuid_string_random ();

      if (copies != NULL)
        g_hash_table_insert (copies, g_strdup (gloss_annotation_get_uuid (version->pdata[i])),
                             g_strdup (uuid));
      gloss_annotation_set_uuid (copy, uuid);
      gloss_annotation_set_annotator (copy, gold);
      gloss_annotation_set_deleted (copy, FALSE);
      gloss_command_create_annotation (command, copy);
    }

  return version->len;
}

guint
gloss_curation_accept_agreed (GPtrArray    *units,
                              GHashTable   *rejected,
                              const char   *gold,
                              GlossCommand *command,
                              GHashTable   *copies)
{
  guint n = 0;

  g_return_val_if_fail (units != NULL, 0);

  for (guint i = 0; i < units->len; i++)
    {
      GlossCurationUnit *unit = units->pdata[i];

      if (unit->kind != GLOSS_CURATION_AGREED || gloss_curation_unit_is_curated (unit, rejected))
        continue;
      if (gloss_curation_accept (unit, 0, gold, command, copies) > 0)
        n++;
    }

  return n;
}

/* "LABEL s-e s-e" */
static char *
span_signature (GlossAnnotation *annotation)
{
  GString *out = g_string_new (gloss_annotation_get_label (annotation));
  guint n;
  const GlossFragment *fragments = gloss_annotation_get_fragments (annotation, &n);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, " %u-%u", fragments[i].start, fragments[i].end);
  return g_string_free (out, FALSE);
}

guint
gloss_curation_copy_relations (GPtrArray    *relations,
                               GPtrArray    *annotations,
                               GHashTable   *copies,
                               const char   *gold,
                               GlossCommand *command)
{
  g_autoptr(GHashTable) by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) gold_twins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            NULL);
  g_autoptr(GHashTable) made = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = 0;

  g_return_val_if_fail (relations != NULL && annotations != NULL, 0);
  g_return_val_if_fail (copies != NULL && command != NULL, 0);

  if (gold == NULL)
    gold = GLOSS_GOLD_ANNOTATOR;

  for (guint i = 0; i < annotations->len; i++)
    {
      GlossAnnotation *annotation = annotations->pdata[i];

      if (gloss_annotation_get_deleted (annotation))
        continue;
      g_hash_table_insert (by_uuid, (gpointer) gloss_annotation_get_uuid (annotation), annotation);
      if (g_strcmp0 (gloss_annotation_get_annotator (annotation), gold) == 0)
        g_hash_table_insert (gold_twins, span_signature (annotation),
                             (gpointer) gloss_annotation_get_uuid (annotation));
    }

  /* Gold relations already there are not made again. */
  for (guint i = 0; i < relations->len; i++)
    {
      GlossRelation *relation = relations->pdata[i];

      if (!gloss_relation_get_deleted (relation) &&
          g_strcmp0 (gloss_relation_get_annotator (relation), gold) == 0)
        g_hash_table_add (made, g_strdup_printf ("%s %s %s",
                                                 gloss_relation_get_relation_type (relation),
                                                 gloss_relation_get_source (relation),
                                                 gloss_relation_get_target (relation)));
    }

  for (guint i = 0; i < relations->len; i++)
    {
      GlossRelation *relation = relations->pdata[i];
      const char *ends[2] = { gloss_relation_get_source (relation),
                              gloss_relation_get_target (relation) };
      const char *mapped[2] = { NULL, NULL };
      gboolean any_copied = FALSE;
      g_autoptr(GlossRelation) copy = NULL;
      g_autofree char *uuid = NULL;
      char *key;

      if (gloss_relation_get_deleted (relation) ||
          g_strcmp0 (gloss_relation_get_annotator (relation), gold) == 0)
        continue;

      for (guint e = 0; e < 2; e++)
        {
          GlossAnnotation *end;

          mapped[e] = g_hash_table_lookup (copies, ends[e]);
          if (mapped[e] != NULL)
            {
              any_copied = TRUE;
              continue;
            }
          end = g_hash_table_lookup (by_uuid, ends[e]);
          if (end != NULL)
            {
              g_autofree char *signature = span_signature (end);

              mapped[e] = g_hash_table_lookup (gold_twins, signature);
            }
        }
      if (!any_copied || mapped[0] == NULL || mapped[1] == NULL)
        continue;

      key = g_strdup_printf ("%s %s %s", gloss_relation_get_relation_type (relation), mapped[0],
                             mapped[1]);
      if (!g_hash_table_add (made, key))
        continue;

      copy = gloss_relation_copy (relation);
      uuid = g_uuid_string_random ();
      gloss_relation_set_uuid (copy, uuid);
      gloss_relation_set_ends (copy, mapped[0], mapped[1]);
      gloss_relation_set_annotator (copy, gold);
      gloss_relation_set_deleted (copy, FALSE);
      gloss_command_add_relation (command, copy);
      n++;
    }

  return n;
}

GHashTable *
gloss_curation_load_rejected (GlossStore *store,
                              const char *document_uuid)
{
  GHashTable *rejected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;

  g_return_val_if_fail (store != NULL, rejected);
  g_return_val_if_fail (document_uuid != NULL, rejected);

  key = g_strconcat (META_PREFIX, document_uuid, NULL);
  value = gloss_store_dup_meta (store, key);
  if (value == NULL)
    return rejected;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, value, -1, NULL))
    return rejected;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return rejected;

  {
    JsonArray *array = json_node_get_array (root);

    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        JsonNode *node = json_array_get_element (array, i);

        if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
          g_hash_table_add (rejected, g_strdup (json_node_get_string (node)));
      }
  }

  return rejected;
}

gboolean
gloss_curation_save_rejected (GlossStore  *store,
                              const char  *document_uuid,
                              GHashTable  *rejected,
                              GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autofree char *key = NULL;
  g_autofree char *json = NULL;
  GHashTableIter iter;
  gpointer item;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (document_uuid != NULL, FALSE);
  g_return_val_if_fail (rejected != NULL, FALSE);

  g_hash_table_iter_init (&iter, rejected);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    g_ptr_array_add (keys, item);
  g_ptr_array_sort (keys, compare_strings);

  json_builder_begin_array (builder);
  for (guint i = 0; i < keys->len; i++)
    json_builder_add_string_value (builder, keys->pdata[i]);
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);
  key = g_strconcat (META_PREFIX, document_uuid, NULL);

  return gloss_store_set_meta (store, key, json, error);
}

GHashTable *
gloss_curation_set_rejected (GlossStore  *store,
                             const char  *document_uuid,
                             const char  *key,
                             gboolean     rejected,
                             GError     **error)
{
  g_autoptr(GHashTable) set = NULL;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (document_uuid != NULL && key != NULL, NULL);

  if (!gloss_store_begin (store, error))
    return NULL;
  set = gloss_curation_load_rejected (store, document_uuid);
  if (rejected)
    g_hash_table_add (set, g_strdup (key));
  else
    g_hash_table_remove (set, key);
  if (!gloss_curation_save_rejected (store, document_uuid, set, error))
    {
      gloss_store_rollback (store);
      return NULL;
    }
  if (!gloss_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&set);
}

GHashTable *
gloss_curation_dup_layers (GlossSchema *schema)
{
  GHashTable *layers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GListModel *labels;

  g_return_val_if_fail (schema != NULL, layers);

  labels = gloss_schema_get_labels (schema);
  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (labels, i);

      g_hash_table_insert (layers, g_strdup (gloss_label_get_name (label)),
                           g_strdup (gloss_label_get_layer (label)));
    }

  return layers;
}

gboolean
gloss_curation_progress (GlossProject   *project,
                         GlossDocument  *document,
                         guint          *n_curated,
                         guint          *n_units,
                         guint          *n_annotators,
                         GError        **error)
{
  return gloss_curation_progress_full (project, document, n_curated, n_units, n_annotators,
                                       NULL, error);
}

gboolean
gloss_curation_progress_full (GlossProject   *project,
                              GlossDocument  *document,
                              guint          *n_curated,
                              guint          *n_units,
                              guint          *n_annotators,
                              gboolean       *has_gold,
                              GError        **error)
{
  gboolean gold = FALSE;
  GlossStore *store;
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GHashTable) layers = NULL;
  g_autoptr(GHashTable) rejected = NULL;
  g_autoptr(GHashTable) annotators = NULL;
  guint curated = 0;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (document), FALSE);

  store = gloss_project_get_store (project);
  annotations = gloss_store_load_annotations (store, gloss_document_get_id (document), FALSE,
                                              error);
  if (annotations == NULL)
    return FALSE;

  annotators = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < annotations->len; i++)
    {
      const char *who = gloss_annotation_get_annotator (annotations->pdata[i]);

      if (g_strcmp0 (who, GLOSS_GOLD_ANNOTATOR) != 0)
        g_hash_table_add (annotators, (gpointer) who);
      else
        gold = TRUE;
    }

  layers = gloss_curation_dup_layers (gloss_project_get_schema (project));
  rejected = gloss_curation_load_rejected (store, gloss_document_get_uuid (document));
  units = gloss_curation_units (annotations, NULL, layers, GLOSS_GOLD_ANNOTATOR);
  for (guint i = 0; i < units->len; i++)
    if (gloss_curation_unit_is_curated (units->pdata[i], rejected))
      curated++;

  if (n_curated != NULL)
    *n_curated = curated;
  if (n_units != NULL)
    *n_units = units->len;
  if (n_annotators != NULL)
    *n_annotators = g_hash_table_size (annotators);
  if (has_gold != NULL)
    *has_gold = gold;
  return TRUE;
}
