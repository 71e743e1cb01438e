/* gloss-curation-compare.h: each annotator's version of a unit in its text, one line each, and gold
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gloss-types.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_CURATION_COMPARE (gloss_curation_compare_get_type ())
G_DECLARE_FINAL_TYPE (GlossCurationCompare, gloss_curation_compare, GLOSS, CURATION_COMPARE,
                      GtkWidget)

/* Signal "draw-gold" (guint start, guint end, const char *label): the user
 * selected text on the gold line (document offsets [start, end), spaces
 * around it trimmed) and picked a label, with Enter and the label popover
 * or with the label's hotkey.
 *
 * Action "compare.draw-gold" (Enter on the gold line): pops the label
 * popover up for the gold line's selection; an empty one rings the bell. */

GtkWidget *gloss_curation_compare_new (void);
/* Shows @text's characters [@from, @to) (code points) once per name in
 * @annotators (char *, in that order; the digit k+1 shown before the k-th
 * name when k < 9), then a last line for the gold set ("gold"). Each line
 * highlights that annotator's annotations in @annotations (GlossAnnotation
 * of every annotator, gold = GLOSS_GOLD_ANNOTATOR; deleted ones skipped)
 * that overlap [@from, @to), in their label's colour from @schema, with the
 * label's name shown small after the span; nested and discontinuous
 * annotations are drawn (inner one wins the background; all names shown).
 * The unit [@unit_start, @unit_end) is emphasised on every line (bold) so
 * the eye finds it. An annotator with nothing in the unit gets "— skipped"
 * after the name. @text NULL clears the widget. Nothing is kept of the
 * arrays. */
void       gloss_curation_compare_show (GlossCurationCompare *self,
                                        GlossSchema          *schema,
                                        const char           *text,
                                        guint                 from,
                                        guint                 to,
                                        GPtrArray            *annotators,
                                        GPtrArray            *annotations,
                                        guint                 unit_start,
                                        guint                 unit_end);
/* Focuses the gold line with the cursor at the unit's start, for drawing
 * (Shift+arrows select, Enter or a label's hotkey draws). */
void       gloss_curation_compare_focus_gold (GlossCurationCompare *self);
/* For tests: the plain text (no label names) of line @index (annotators in
 * order, then gold), or NULL past the last line. */
char      *gloss_curation_compare_dup_line_text (GlossCurationCompare *self,
                                                 guint                 index);
/* For tests: the ranges highlighted on line @index, as GlossFragment
 * (guint start, end: document offsets, cut to the window) sorted by start
 * then end, one per fragment of each annotation; borrowed, valid until the
 * next gloss_curation_compare_show(). NULL past the last line. */
GArray    *gloss_curation_compare_get_line_spans (GlossCurationCompare *self,
                                                  guint                 index);

G_END_DECLS
