/* gloss-schema-private.h: inside the schema's types, for the files that make them up
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-schema.h"

G_BEGIN_DECLS

struct _GlossAttrDef
{
  gatomicrefcount  ref_count;
  char            *name;           /* owned */
  GlossAttrType    type;
  char           **values;         /* owned, never NULL; empty unless ENUM */
  GVariant        *default_value;  /* owned, nullable */
};

struct _GlossLabel
{
  GObject    parent_instance;

  char      *name;         /* owned */
  char      *layer;        /* owned, never NULL */
  char      *color;        /* owned, never NULL, "#rrggbb" in lower case */
  char      *hotkey;       /* owned, nullable */
  char      *description;  /* owned, nullable */
  GPtrArray *attributes;   /* owned, of GlossAttrDef */
};

/* GlossLabel's properties: the schema follows their notifications
 * (_gloss_label_get_pspec()). */
enum {
  LABEL_PROP_0,
  LABEL_PROP_NAME,
  LABEL_PROP_LAYER,
  LABEL_PROP_COLOR,
  LABEL_PROP_HOTKEY,
  LABEL_PROP_DESCRIPTION,
  LABEL_PROP_ATTRIBUTES,
  N_LABEL_PROPS
};

struct _GlossRelationType
{
  GObject    parent_instance;

  char      *name;         /* owned */
  char      *description;  /* owned, nullable */
  char     **sources;      /* owned, never NULL; empty = any label */
  char     **targets;      /* owned, never NULL; empty = any label */
  GHashTable *source_set;  /* owned, nullable: @sources' strings when there are many */
  GHashTable *target_set;  /* owned, nullable: @targets' strings when there are many */
  GPtrArray *attributes;   /* owned, of GlossAttrDef */
};

/* What the label index knows of one label: the name and hotkey it is filed
 * under, which differ from the label's own for a moment while it notifies a
 * change. */
typedef struct
{
  GlossLabel *label;   /* borrowed: the schema's store holds it */
  char       *name;    /* owned */
  char       *hotkey;  /* owned, nullable */
} LabelEntry;

struct _GlossSchema
{
  GObject     parent_instance;

  char       *name;                 /* owned */
  GPtrArray  *layers;               /* owned, of char *, NULL-terminated */
  GHashTable *layer_set;            /* owned, the strings of @layers (borrowed) */
  GListStore *labels;               /* owned, of GlossLabel */
  GListStore *relation_types;       /* owned, of GlossRelationType */
  GPtrArray  *document_attributes;  /* owned, of GlossAttrDef */

  /* The label index: lookups by name and hotkey in constant time, with
   * @labels keeping the order. Each key is its entry's own string. A name or
   * hotkey that two labels share (possible only by setting it on the label
   * itself, bypassing the schema's checks) finds the first of them in order,
   * as a scan would; while there is such a clash the index is rebuilt after
   * each change, otherwise it is updated in place. */
  GHashTable *label_entries;        /* owned: GlossLabel * → LabelEntry * (owned) */
  GHashTable *labels_by_name;       /* owned: name → LabelEntry * */
  GHashTable *labels_by_hotkey;     /* owned: hotkey → LabelEntry * */
  GHashTable *relation_types_by_name; /* owned: name (borrowed) → GlossRelationType * */

  guint       freeze_count;
  guint       changed_pending : 1;
  guint       label_index_clash : 1;
};

/* ---- gloss-schema.c: the rules of names, colours and hotkeys */

gboolean _gloss_schema_replace_string (char       **ptr,
                                       const char  *value);

const char *_gloss_schema_nonempty (const char *str);

gboolean _gloss_schema_name_is_valid (const char *name);

gboolean _gloss_schema_name_too_long (const char *name);

char *_gloss_schema_name_excerpt (const char *name);

gboolean _gloss_schema_color_is_valid (const char *color);

gboolean _gloss_schema_hotkey_is_valid (const char *hotkey);

char **_gloss_schema_strv_copy_or_empty (const char * const *strv);

/* ---- gloss-attr-def.c: a label's, relation type's or document's definitions */

gboolean _gloss_attr_defs_equal (GPtrArray *a,
                                 GPtrArray *b);

void _gloss_attr_defs_extend (GPtrArray *dest,
                              GPtrArray *src);

GlossAttrDef *_gloss_attr_defs_lookup (GPtrArray  *defs,
                                       const char *name);

gboolean _gloss_attr_defs_check (GPtrArray  *defs,
                                 GError    **error);

gboolean _gloss_attr_defs_check_add (GPtrArray     *defs,
                                     GlossAttrDef  *def,
                                     GError       **error);

/* ---- gloss-label.c */

gboolean _gloss_label_equal (GlossLabel *a,
                             GlossLabel *b);

GParamSpec *_gloss_label_get_pspec (guint prop_id);

/* ---- gloss-relation-type.c */

gboolean _gloss_relation_type_equal (GlossRelationType *a,
                                     GlossRelationType *b);

gboolean _gloss_relation_type_end_is_only (char       **labels,
                                           const char  *label);

void _gloss_relation_type_replace_label (GlossRelationType *self,
                                         const char        *old_name,
                                         const char        *new_name);
/* Adds @source_label to the sources and @target_label to the targets
 * where they name labels and not these (an empty end takes any label).
 * Returns TRUE if an end changed. */
gboolean _gloss_relation_type_allow (GlossRelationType *self,
                                     const char        *source_label,
                                     const char        *target_label);

/* ---- gloss-schema.c: layers and lookups, for the JSON reader */

gboolean _gloss_schema_has_layer (GlossSchema *self,
                                  const char  *layer);

void _gloss_schema_append_layer (GlossSchema *self,
                                 const char  *layer);

GlossLabel *_gloss_schema_find_label (GlossSchema *self,
                                      const char  *name,
                                      guint       *position);

GlossLabel *_gloss_schema_find_hotkey (GlossSchema *self,
                                       const char  *hotkey);

GlossRelationType *_gloss_schema_find_relation_type (GlossSchema *self,
                                                     const char  *name,
                                                     guint       *position);

G_END_DECLS
