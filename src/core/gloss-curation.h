/* gloss-curation.h: comparing annotators' spans and adjudicating a gold set
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gloss-types.h"

G_BEGIN_DECLS

typedef enum
{
  GLOSS_CURATION_AGREED,  /* every annotator: the same spans with the same labels */
  GLOSS_CURATION_ONLY,    /* the same version, but only some annotators made it */
  GLOSS_CURATION_LABEL,   /* the same spans with different labels */
  GLOSS_CURATION_OVERLAP, /* overlapping spans that differ */
  GLOSS_CURATION_DETAILS, /* the same spans and labels, different attributes or links */
} GlossCurationKind;

/* What differs between the versions of a DETAILS unit: an attribute, or
 * the links of one relation type (a claim's source or cue). */
typedef struct
{
  char      *name; /* the attribute's name or the relation type; prefixed
                         * with "LABEL start-end: " when a version has several
                         * annotations */
  gboolean   relation;
  GPtrArray *values; /* char *, one per annotator of the unit (parallel to
                         * its annotators), NULL where unset or unlinked: an
                         * attribute's value as text, or the targets as
                         * "LABEL start-end" joined by ", " */
} GlossCurationDifference;

/* One unit: a group of overlapping annotations across annotators.
 * Annotations belong to one unit when they overlap and their labels are
 * in the same layer, or when their fragments are identical (whatever the
 * labels): so a claim does not swallow the entities inside it. */
typedef struct
{
  GlossCurationKind  kind;
  guint              start;        /* first start of the members */
  guint              end;          /* last end of the members */
  char              *key;          /* stable: a digest of the members' uuids */
  GPtrArray         *annotators;   /* char *: who has a version here, sorted */
  GPtrArray         *versions;     /* GPtrArray of GlossAnnotation (owned refs), one per
                                    * annotator, parallel to @annotators, document order */
  GPtrArray         *gold;         /* GlossAnnotation (owned refs) of the gold annotator
                                    * overlapping a member */
  GPtrArray         *differences;  /* GlossCurationDifference: what a DETAILS unit's
                                    * versions disagree on; empty otherwise */
} GlossCurationUnit;

void               gloss_curation_unit_free      (GlossCurationUnit   *unit);
/* A short translated name of a kind: "Agreed", "Only some", ... */
const char        *gloss_curation_kind_to_string (GlossCurationKind    kind);

/* The units of one document, sorted by (start, end), as a new array of
 * GlossCurationUnit (freed with the array).
 * @annotations: GlossAnnotation of every annotator, gold included (deleted
 * ones are skipped); @annotators: every annotator of the document (gold
 * excluded) or NULL for those with an annotation here; a unit is AGREED
 * only when each of them made the same version; @layers: label -> layer
 * name, or NULL to put all labels in one layer; @gold: the gold annotator's
 * name (GLOSS_GOLD_ANNOTATOR). Pure: no store, no project. */
GPtrArray         *gloss_curation_units          (GPtrArray           *annotations,
                                                  const char * const  *annotators,
                                                  GHashTable          *layers,
                                                  const char          *gold);
/* The same, with the document's relations (GlossRelation; deleted ones are
 * skipped; may be NULL): a unit whose versions have the same spans and
 * labels is AGREED only when their attributes and their links (the type
 * and the target's label and span of each relation from a member) agree
 * too; else it is DETAILS, with its differences. Without relations only
 * the attributes are compared. */
GPtrArray         *gloss_curation_units_full (GPtrArray          *annotations,
                                              GPtrArray          *relations,
                                              const char         *const *annotators,
                                              GHashTable         *layers,
                                              const char         *gold);

/* TRUE when @unit's versions of @a and @b differ: one made it and the
 * other did not, or their spans, labels, attributes or links differ. */
gboolean           gloss_curation_unit_differs   (GlossCurationUnit  *unit,
                                                  const char         *a,
                                                  const char         *b);

/* TRUE when the unit has a gold annotation or its key is in @rejected
 * (a set of keys, may be NULL). */
gboolean           gloss_curation_unit_is_curated (GlossCurationUnit  *unit,
                                                   GHashTable         *rejected);

/* Appends to @command the creation of gold copies (new uuids, annotator
 * @gold, same label, fragments, attributes, note and normalisation) of the
 * version of the annotator at @index in the unit. Returns the number of
 * annotations added. @copies (may be NULL): filled with original uuid ->
 * new uuid (char *, owned by the table: create it with g_free for both). */
guint              gloss_curation_accept         (GlossCurationUnit   *unit,
                                                  guint                index,
                                                  const char          *gold,
                                                  GlossCommand        *command,
                                                  GHashTable          *copies);
/* Appends gold copies of every AGREED unit that has no gold annotation yet
 * and is not rejected. Returns the number of units accepted. */
guint              gloss_curation_accept_agreed  (GPtrArray           *units,
                                                  GHashTable          *rejected,
                                                  const char          *gold,
                                                  GlossCommand        *command,
                                                  GHashTable          *copies);
/* Gold relations for annotations just copied: each live relation of the
 * annotators with an end in @copies gets a gold copy when its other end is
 * copied too or has a gold twin (a gold annotation in @annotations with the
 * same label and fragments); a gold relation of that type between those
 * ends is made once. @relations: the document's live GlossRelation;
 * @annotations: its live GlossAnnotation (gold ones about to be deleted
 * left out). Returns the number of relations added to @command. */
guint              gloss_curation_copy_relations (GPtrArray           *relations,
                                                  GPtrArray           *annotations,
                                                  GHashTable          *copies,
                                                  const char          *gold,
                                                  GlossCommand        *command);

/* Rejected units are kept in the project's metadata under
 * "curation:<document uuid>" as a JSON array of unit keys. Returns a new
 * set (char * keys), empty when none. */
GHashTable        *gloss_curation_load_rejected  (GlossStore          *store,
                                                  const char          *document_uuid);
gboolean           gloss_curation_save_rejected  (GlossStore          *store,
                                                  const char          *document_uuid,
                                                  GHashTable          *rejected,
                                                  GError             **error);
/* Marks unit @key rejected (or not) in one write transaction against the
 * set as stored, so that what another program rejected meanwhile stays;
 * returns the set as stored now, or NULL with @error. */
GHashTable        *gloss_curation_set_rejected   (GlossStore          *store,
                                                  const char          *document_uuid,
                                                  const char          *key,
                                                  gboolean             rejected,
                                                  GError             **error);

/* label -> layer of the schema's labels, for gloss_curation_units(). */
GHashTable        *gloss_curation_dup_layers     (GlossSchema         *schema);

/* The curation progress of a stored document: units curated and units in
 * all, and how many annotators (gold aside) annotated it. Reads the store;
 * for the document list. */
gboolean           gloss_curation_progress       (GlossProject        *project,
                                                  GlossDocument       *document,
                                                  guint               *n_curated,
                                                  guint               *n_units,
                                                  guint               *n_annotators,
                                                  GError             **error);
/* The same, and whether the document holds gold annotations at all (gold
 * drawn where no annotator has a unit counts too). */
gboolean           gloss_curation_progress_full  (GlossProject        *project,
                                                  GlossDocument       *document,
                                                  guint               *n_curated,
                                                  guint               *n_units,
                                                  guint               *n_annotators,
                                                  gboolean            *has_gold,
                                                  GError             **error);

G_END_DECLS
