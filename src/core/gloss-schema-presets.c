/* gloss-schema-presets.c: the built-in schemas
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gloss-schema.h"

/* Colours come from the GNOME palette, in mid shades that stay readable as
 * a translucent text background in light and dark themes. */

typedef struct
{
  const char *name;
  const char *layer;
  const char *color;
  const char *hotkey;
  const char *description;
} LabelSpec;

static const char * const preset_names[] = { "news", "conll2003", "ontonotes", NULL };

static const char * const entity_layers[] = { "entity", NULL };

/* ---- news */

static const char * const news_layers[] = { "entity", "claim", "cue", NULL };

static const LabelSpec news_labels[] = {
  { "PERSON", "entity", "#3584e4", "1",
    "A named person, such as an official, defector, hacker or journalist." },
  { "ORG", "entity", "#33d17a", "2",
    "A named organisation: an agency, ministry, company, party, army or cyber unit, outlet "
    "or NGO." },
  { "GPE", "entity", "#f6d32d", "3",
    "A geopolitical entity with a government of its own: a country, state, province or city." },
  { "LOC", "entity", "#ff7800", "4",
    "A place that is not a political entity, such as a region, sea, river, mountain range or "
    "border area." },
  { "FAC", "entity", "#b5835a", "5",
    "A named facility or structure: a building, airport, port, military base, prison or "
    "road." },
  { "NORP", "entity", "#c061cb", "6",
    "A nationality, religious or political group, such as “North Korean”, “Catholic” or "
    "“Republicans”." },
  { "DATE", "entity", "#99c1f1", "7",
    "An absolute or relative date or period, such as “12 March 2024”, “last week” or "
    "“the 1990s”." },
  { "MONEY", "entity", "#8ff0a4", "8",
    "A monetary amount with its currency, such as “$3 million” or “500 euros”." },
  { "QUANTITY", "entity", "#f9f06b", "9",
    "A measured or counted amount that is not money, such as “200 soldiers” or "
    "“40 kilometres”." },
  { "EVENT", "entity", "#ffbe6f", "e",
    "A named event such as a war, summit, election, attack, leak or trial." },
  { "SOURCE", "entity", "#f66151", "s",
    "An unnamed or vague source of information, such as “a source”, “officials” or "
    "“people familiar with the matter”." },
  { "CLAIM", "claim", "#dc8add", "c",
    "A statement the text attributes to someone; it may be split around its cue "
    "(“X, he said, Y”)." },
  { "CUE", "cue", "#c0bfbc", "u",
    "The reporting word or phrase that introduces a claim, such as “told”, “said”, “claims” "
    "or “believe”." },
};

static const char * const certainty_values[] = { "asserted", "hedged", "alleged", "denied", NULL };
static const char * const status_values[] = {
  "unverified", "corroborated", "disputed", "false", NULL
};
static const char * const confidence_values[] = { "high", "medium", "low", NULL };
static const char * const reliability_values[] = { "high", "medium", "low", NULL };

static const char * const claim_only[] = { "CLAIM", NULL };
static const char * const cue_only[] = { "CUE", NULL };
static const char * const attribution_targets[] = {
  "PERSON", "ORG", "GPE", "NORP", "SOURCE", NULL
};
static const char * const entity_labels[] = {
  "PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "DATE", "MONEY", "QUANTITY", "EVENT", "SOURCE",
  NULL
};

/* ---- conll2003 */

static const LabelSpec conll_labels[] = {
  { "PER", "entity", "#3584e4", "1", "The name of a person." },
  { "ORG", "entity", "#33d17a", "2", "The name of an organisation." },
  { "LOC", "entity", "#ff7800", "3", "The name of a location, including countries and cities." },
  { "MISC", "entity", "#c061cb", "4",
    "Any other name: nationalities, events, works, products and the like." },
};

/* ---- ontonotes */

static const LabelSpec ontonotes_labels[] = {
  { "PERSON", "entity", "#3584e4", "1", "People, including fictional ones." },
  { "NORP", "entity", "#c061cb", "2", "Nationalities, religious or political groups." },
  { "FAC", "entity", "#b5835a", "3", "Buildings, airports, highways, bridges and other "
    "facilities." },
  { "ORG", "entity", "#33d17a", "4", "Companies, agencies, institutions and other "
    "organisations." },
  { "GPE", "entity", "#f6d32d", "5", "Countries, cities and states." },
  { "LOC", "entity", "#ff7800", "6", "Locations that are not GPEs: mountain ranges, bodies of "
    "water, regions." },
  { "PRODUCT", "entity", "#e01b24", "7", "Objects, vehicles, foods and other products (not "
    "services)." },
  { "EVENT", "entity", "#ffbe6f", "8", "Named hurricanes, battles, wars, sports events and "
    "other events." },
  { "WORK_OF_ART", "entity", "#dc8add", "9", "Titles of books, songs, films and other works." },
  { "LAW", "entity", "#cdab8f", "w", "Named documents made into laws." },
  { "LANGUAGE", "entity", "#9a9996", "l", "Any named language." },
  { "DATE", "entity", "#99c1f1", "d", "Absolute or relative dates or periods." },
  { "TIME", "entity", "#62a0ea", "t", "Times smaller than a day." },
  { "PERCENT", "entity", "#2ec27e", "p", "Percentages, including the “%” sign or the word." },
  { "MONEY", "entity", "#8ff0a4", "m", "Monetary values, including the unit." },
  { "QUANTITY", "entity", "#f9f06b", "q", "Measurements, such as of weight or distance." },
  { "ORDINAL", "entity", "#f66151", "o", "Ordinal numbers such as “first” or “second”." },
  { "CARDINAL", "entity", "#e5a50a", "n", "Numerals that fall under no other type." },
};

static void
add_labels (GlossSchema     *schema,
            const LabelSpec *specs,
            gsize            n_specs)
{
  for (gsize i = 0; i < n_specs; i++)
    {
      g_autoptr(GlossLabel) label = NULL;
      g_autoptr(GError) error = NULL;

      label = gloss_label_new (specs[i].name, specs[i].layer, specs[i].color, specs[i].hotkey,
                               specs[i].description);
      if (!gloss_schema_add_label (schema, label, &error))
        g_critical ("Preset %s: %s", gloss_schema_get_name (schema), error->message);
    }
}

static void
add_layers (GlossSchema        *schema,
            const char * const *layers)
{
  for (guint i = 0; layers[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!gloss_schema_add_layer (schema, layers[i], &error))
        g_critical ("Preset %s: %s", gloss_schema_get_name (schema), error->message);
    }
}

static GlossAttrDef *
enum_attr (const char         *name,
           const char * const *values,
           const char         *default_value)
{
  return gloss_attr_def_new (name, GLOSS_ATTR_TYPE_ENUM, values,
                             default_value != NULL ? g_variant_new_string (default_value) : NULL);
}

static void
add_relation (GlossSchema        *schema,
              GlossRelationType  *type)
{
  g_autoptr(GError) error = NULL;

  if (!gloss_schema_add_relation_type (schema, type, &error))
    g_critical ("Preset %s: %s", gloss_schema_get_name (schema), error->message);

  g_object_unref (type);
}

static GlossSchema *
build_news (void)
{
  GlossSchema *schema = gloss_schema_new ("news");
  g_autoptr(GlossAttrDef) certainty = NULL;
  g_autoptr(GlossAttrDef) status = NULL;
  g_autoptr(GlossAttrDef) checkworthy = NULL;
  g_autoptr(GlossAttrDef) confidence = NULL;
  g_autoptr(GlossAttrDef) topic = NULL;
  g_autoptr(GlossAttrDef) reliability = NULL;
  GlossRelationType *attributed_to;
  GlossLabel *claim;

  add_layers (schema, news_layers);
  add_labels (schema, news_labels, G_N_ELEMENTS (news_labels));

  certainty = enum_attr ("certainty", certainty_values, "asserted");
  status = enum_attr ("status", status_values, "unverified");
  checkworthy = gloss_attr_def_new ("checkworthy", GLOSS_ATTR_TYPE_BOOLEAN, NULL,
                                    g_variant_new_boolean (FALSE));

  claim = gloss_schema_lookup_label (schema, "CLAIM");
  gloss_label_add_attribute (claim, certainty);
  gloss_label_add_attribute (claim, status);
  gloss_label_add_attribute (claim, checkworthy);

  attributed_to = gloss_relation_type_new ("attributed-to",
                                           "Links a claim to the person, organisation, group or "
                                           "source that makes it.",
                                           claim_only, attribution_targets);
  confidence = enum_attr ("confidence", confidence_values, NULL);
  gloss_relation_type_add_attribute (attributed_to, confidence);
  add_relation (schema, attributed_to);

  add_relation (schema,
                gloss_relation_type_new ("cue",
                                         "Links a claim to the reporting cue that introduces it.",
                                         claim_only, cue_only));
  add_relation (schema,
                gloss_relation_type_new ("about",
                                         "Links a claim to an entity it is about.",
                                         claim_only, entity_labels));

  topic = gloss_attr_def_new ("topic", GLOSS_ATTR_TYPE_TEXT, NULL, NULL);
  reliability = enum_attr ("reliability", reliability_values, NULL);
  gloss_schema_add_document_attribute (schema, topic);
  gloss_schema_add_document_attribute (schema, reliability);

  return schema;
}

static GlossSchema *
build_entities_only (const char      *name,
                     const LabelSpec *specs,
                     gsize            n_specs)
{
  GlossSchema *schema = gloss_schema_new (name);

  add_layers (schema, entity_layers);
  add_labels (schema, specs, n_specs);

  return schema;
}

/* Returns: (transfer full): a new schema, equal to any other made from the
 * same preset. */
GlossSchema *
gloss_schema_new_preset (const char  *preset,
                         GError     **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_strcmp0 (preset, "news") == 0)
    return build_news ();

  if (g_strcmp0 (preset, "conll2003") == 0)
    return build_entities_only ("conll2003", conll_labels, G_N_ELEMENTS (conll_labels));

  if (g_strcmp0 (preset, "ontonotes") == 0)
    return build_entities_only ("ontonotes", ontonotes_labels, G_N_ELEMENTS (ontonotes_labels));

  g_set_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_UNKNOWN,
               _("Unknown schema preset “%s” (known: news, conll2003, ontonotes)"),
               preset != NULL ? preset : "");
  return NULL;
}

const char * const *
gloss_schema_list_presets (void)
{
  return preset_names;
}
