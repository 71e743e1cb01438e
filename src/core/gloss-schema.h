/* gloss-schema.h: the schema of a project: layers, labels, relation types, limits
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gloss-types.h"
#include "gloss-attr-def.h"
#include "gloss-label.h"
#include "gloss-relation-type.h"

G_BEGIN_DECLS

#define GLOSS_SCHEMA_ERROR (gloss_schema_error_quark ())

typedef enum
{
  GLOSS_SCHEMA_ERROR_INVALID,        /* malformed JSON or a structural problem */
  GLOSS_SCHEMA_ERROR_DUPLICATE,      /* duplicate label, hotkey, relation type, attribute */
  GLOSS_SCHEMA_ERROR_UNKNOWN,        /* unknown label, relation type, attribute, preset */
  GLOSS_SCHEMA_ERROR_NOT_ALLOWED,    /* a value or relation end the schema does not allow */
  GLOSS_SCHEMA_ERROR_LIMIT,          /* more, longer or deeper than a limit below */
} GlossSchemaError;

/* Limits. A schema may come from anyone (a JSON file, a project file), so
 * reading one is bounded in time and memory whatever its size. Each limit is
 * far above what annotation work uses (a few dozen labels, a handful of
 * attributes); past one, gloss_schema_new_from_json() and the schema API
 * (add_label, add_layer, add_relation_type, rename_label, the try_add_*
 * functions) refuse with GLOSS_SCHEMA_ERROR_LIMIT and a message naming what
 * is too many, too long or too deep and the limit. So what the API builds
 * reads back from its JSON, except past the JSON limits at the end, which
 * only reading checks (a schema that reads writes JSON that reads again);
 * setters called on a schema's labels and writes into the arrays of
 * attributes bypass the checks.
 *
 * Labels, relation types and layers in one schema: */
#define GLOSS_SCHEMA_MAX_LABELS          10000
#define GLOSS_SCHEMA_MAX_RELATION_TYPES  10000
#define GLOSS_SCHEMA_MAX_LAYERS          10000
/* Attribute definitions of one label, of one relation type, and of the
 * document: */
#define GLOSS_SCHEMA_MAX_ATTRIBUTES      256
/* Values of one enum attribute: */
#define GLOSS_SCHEMA_MAX_ENUM_VALUES     1000
/* Characters in the name of a layer, label, relation type or attribute: */
#define GLOSS_SCHEMA_MAX_NAME_LENGTH     200
/* The JSON text: nesting (json-glib parses recursively), entries in any
 * other array or object, values of every kind (objects, arrays, strings,
 * numbers, literals; the parser's memory grows with them, by about 300
 * bytes an object), and bytes. */
#define GLOSS_SCHEMA_MAX_JSON_DEPTH      32
#define GLOSS_SCHEMA_MAX_JSON_ENTRIES    10000
#define GLOSS_SCHEMA_MAX_JSON_VALUES     500000
#define GLOSS_SCHEMA_MAX_JSON_SIZE       (16 * 1024 * 1024)

GQuark gloss_schema_error_quark (void);

/* ---- GlossSchema */

#define GLOSS_TYPE_SCHEMA (gloss_schema_get_type ())
G_DECLARE_FINAL_TYPE (GlossSchema, gloss_schema, GLOSS, SCHEMA, GObject)

/* Emits "changed" (no arguments) after any structural change made through the
 * GlossSchema API (labels added, removed, moved; relation types; layers;
 * document attributes) and after a property change of one of its labels. */

GlossSchema        *gloss_schema_new                 (const char   *name);
/* "news", "conll2003", "ontonotes" */
GlossSchema        *gloss_schema_new_preset          (const char   *preset,
                                                      GError      **error);
const char * const *gloss_schema_list_presets        (void);
GlossSchema        *gloss_schema_new_from_json       (const char   *json,
                                                      gssize        length,
                                                      GError      **error);
GlossSchema        *gloss_schema_new_from_file       (const char   *path,
                                                      GError      **error);
/* Deterministic, pretty-printed JSON; new_from_json (to_json (s)) gives an
 * equal schema and the same JSON again. */
char               *gloss_schema_to_json             (GlossSchema  *self);
GlossSchema        *gloss_schema_copy                (GlossSchema  *self);
gboolean            gloss_schema_equal               (GlossSchema  *a,
                                                      GlossSchema  *b);

const char         *gloss_schema_get_name            (GlossSchema  *self);

/* Layers in display order, e.g. "entity", "claim", "cue". */
const char * const *gloss_schema_get_layers          (GlossSchema  *self);
gboolean            gloss_schema_add_layer           (GlossSchema  *self,
                                                      const char   *layer,
                                                      GError      **error);

/* Labels: a GListModel of GlossLabel in display order. Lookups by name and
 * by hotkey are hashed; they stay in step with renames and hotkey changes
 * made on the labels themselves. */
GListModel         *gloss_schema_get_labels          (GlossSchema  *self);
guint               gloss_schema_get_n_labels        (GlossSchema  *self);
GlossLabel         *gloss_schema_lookup_label        (GlossSchema  *self,
                                                      const char   *name);
GlossLabel         *gloss_schema_lookup_hotkey       (GlossSchema  *self,
                                                      const char   *hotkey);
/* Refuses a duplicate name or a hotkey already used by another label; adds
 * the label's layer if it is new. */
gboolean            gloss_schema_add_label           (GlossSchema  *self,
                                                      GlossLabel   *label,
                                                      GError      **error);
gboolean            gloss_schema_remove_label        (GlossSchema  *self,
                                                      const char   *name,
                                                      GError      **error);
gboolean            gloss_schema_move_label          (GlossSchema  *self,
                                                      const char   *name,
                                                      guint         position,
                                                      GError      **error);
/* Renames a label, updating relation type ends that name it. */
gboolean            gloss_schema_rename_label        (GlossSchema  *self,
                                                      const char   *old_name,
                                                      const char   *new_name,
                                                      GError      **error);
gboolean            gloss_schema_set_label_hotkey    (GlossSchema  *self,
                                                      const char   *name,
                                                      const char   *hotkey,
                                                      GError      **error);

/* Relation types: a GListModel of GlossRelationType. */
GListModel         *gloss_schema_get_relation_types  (GlossSchema  *self);
GlossRelationType  *gloss_schema_lookup_relation_type (GlossSchema *self,
                                                       const char  *name);
gboolean            gloss_schema_add_relation_type   (GlossSchema       *self,
                                                      GlossRelationType *type,
                                                      GError           **error);
gboolean            gloss_schema_remove_relation_type (GlossSchema *self,
                                                       const char  *name,
                                                       GError     **error);
/* New array of GlossRelationType (ref'd) allowed from @source_label to
 * @target_label, in schema order. */
GPtrArray          *gloss_schema_dup_relation_types_between (GlossSchema *self,
                                                             const char  *source_label,
                                                             const char  *target_label);

/* Document-level attribute definitions (GPtrArray of GlossAttrDef). */
GPtrArray          *gloss_schema_get_document_attributes (GlossSchema  *self);
/* As gloss_label_add_attribute(). */
void                gloss_schema_add_document_attribute  (GlossSchema  *self,
                                                          GlossAttrDef *def);
/* Adds to @self, in place, what @other has and @self lacks: layers, labels,
 * relation types, and attribute definitions of labels, relation types and
 * documents, in @other's order; what @self has stays as it is. */
void                gloss_schema_add_missing         (GlossSchema  *self,
                                                      GlossSchema  *other);
/* The same, saying what it did (@added and @conflicts may be NULL): the
 * names of the labels, relation types and document attributes it added
 * appended to @added, a message for each @other defines otherwise (another
 * layer, other ends, an attribute defined otherwise: @self's definition is
 * kept, its missing attributes added) or that could not be added appended
 * to @conflicts (char *, the arrays free them). A hotkey @self gives
 * another label is not copied. TRUE when @self changed. */
gboolean            gloss_schema_add_missing_full    (GlossSchema  *self,
                                                      GlossSchema  *other,
                                                      GPtrArray    *added,
                                                      GPtrArray    *conflicts);
gboolean            gloss_schema_try_add_document_attribute (GlossSchema   *self,
                                                             GlossAttrDef  *def,
                                                             GError       **error);

/* Validation used by commands: label exists, attribute declared for that
 * label and value of the right type. */
gboolean            gloss_schema_check_label_attribute (GlossSchema *self,
                                                        const char  *label,
                                                        const char  *attribute,
                                                        GVariant    *value,
                                                        GError     **error);
gboolean            gloss_schema_check_relation      (GlossSchema  *self,
                                                      const char   *type,
                                                      const char   *source_label,
                                                      const char   *target_label,
                                                      GError      **error);

G_END_DECLS
