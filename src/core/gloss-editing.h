/* gloss-editing.h: the rules of annotating by hand, apart from any display
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-types.h"

G_BEGIN_DECLS

/* What the document view asks when a person selects text and labels it:
 * where a selection's words begin and end, how a new piece joins an
 * annotation's fragments, and what a first annotation does to the
 * document's status. All offsets are code points, as everywhere in the
 * model. */

/* A letter, a digit or a combining mark: g_unichar_isalnum() or
 * g_unichar_ismark(). */
gboolean       gloss_is_word_char           (gunichar             c);

/* Snaps [start, end) (code points into the NUL-terminated @text) to word
 * boundaries: trims surrounding white space and grows a cut word at either
 * edge to the whole word (gloss_is_word_char()). An end past the text is
 * clipped to it. FALSE when nothing but white space is left: it never
 * makes an empty span. */
gboolean       gloss_snap_to_words          (const char          *text,
                                             guint                start,
                                             guint                end,
                                             guint               *out_start,
                                             guint               *out_end);

/* @fragments (sorted) plus [start, end), sorted, with overlapping and
 * touching pieces merged. Returns a new array of *@n_result fragments. */
GlossFragment *gloss_fragments_add          (const GlossFragment *fragments,
                                             guint                n_fragments,
                                             guint                start,
                                             guint                end,
                                             guint               *n_result);

/* The first annotation starts the annotator's work on a document: while
 * @document's status for @annotator is new, a command that creates an
 * annotation in it also sets that status in progress (so one undo takes
 * both back). Adds that edit to @command when the status is new and
 * returns TRUE; else leaves @command as it is. @document may be NULL
 * (nothing to start). */
gboolean       gloss_editing_start_document (GlossCommand        *command,
                                             GlossDocument       *document,
                                             const char          *annotator);

/* A new annotation starts with its label's declared defaults: every
 * attribute of @annotation's label in @schema that @annotation does not set
 * yet gets the definition's default, where it has one (a new CLAIM of the
 * "news" schema: certainty asserted, status unverified, checkworthy
 * false), so that an annotator changes what differs instead of filling in
 * every claim. Returns TRUE when it set any. */
gboolean       gloss_editing_apply_defaults (GlossAnnotation *annotation,
                                             GlossSchema     *schema);

/* The attribute a key per value sets (Alt+1, Alt+2… in the window): the
 * first enum attribute of @label, or NULL. Borrowed from @schema. */
GlossAttrDef  *gloss_editing_lookup_quick_attribute (GlossSchema *schema,
                                                     const char  *label);

G_END_DECLS
