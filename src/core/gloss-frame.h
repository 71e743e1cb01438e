/* gloss-frame.h: a claim's frame (its source and its cue) proposed from the annotations around it
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-types.h"

G_BEGIN_DECLS

/* A claim is not finished when its text is marked: it needs who says it and
 * the words that report it. In the "news" schema those are the relations
 * attributed-to (to an entity or SOURCE) and cue (to a CUE). These
 * functions name those roles for any schema and rank, for each, the
 * annotations around a claim that could fill it, so that the window can
 * propose a whole frame the moment a claim is made, and Ctrl+R can propose
 * link targets in the same order.
 *
 * Offsets are code points, as everywhere in the model. */

/* The roles of a frame for an annotation labelled @label: only a label of
 * the "claim" layer has them. Of the relation types that start at @label,
 * in the schema's order, the first one whose target labels lie in a given
 * layer is that layer's role (so "attributed-to" is the entity role of
 * CLAIM and "about", which also reaches entities, is left to the
 * annotator; "cue" is the cue role). A new array of GlossRelationType
 * (ref'd), empty for any other label. */
GPtrArray *gloss_frame_dup_roles (GlossSchema *schema,
                                  const char  *label);

/* Ranks the annotations of @list that could be linked from @claim with a
 * relation whose target label is one of @targets (NULL-terminated label
 * names), best first. @text is the document's text (NUL-terminated), read
 * around the claim for its sentences and quotations. Only annotations near
 * the claim are looked at (a few hundred either side in the list).
 *
 * Each candidate is measured from the nearest of the claim's fragments,
 * never from the claim's outer start and end, and falls in the first of
 * these classes that fits it, nearest first within a class:
 *  1. already linked from @claim with @relation_type (when not NULL): what
 *     the frame holds stays first;
 *  2. between two fragments of the claim ("X, he said, Y": the cue and the
 *     speaker);
 *  3. in a sentence a fragment is in, or in the quotation a fragment is in
 *     and the sentences where it opens and closes;
 *  4. anywhere else near, except
 *  5. inside or across a fragment of the claim (what the claim is about,
 *     rarely who makes it): last.
 * With @anchor (a span near the claim: its cue), distances within a class
 * are measured from @anchor instead, and when the anchor comes before the
 * claim, what lies between the two comes after the rest ("A source told
 * the agency that X": the source, not the agency); ties go to the one
 * nearer the claim. With @related_last, annotations linked from @claim by any relation come
 * after all others instead (class 1 is then not used): what Ctrl+R
 * proposes first is a new link.
 *
 * Returns a new array of GlossAnnotation (borrowed from @list, valid while
 * it is unchanged). */
GPtrArray *gloss_frame_rank_candidates (GlossAnnotationList *list,
                                        const char          *text,
                                        GlossAnnotation     *claim,
                                        const char * const  *targets,
                                        const char          *relation_type,
                                        GlossAnnotation     *anchor,
                                        gboolean             related_last);

/* One role of a proposed frame and its candidates. */
typedef struct
{
  GlossRelationType *type;       /* owned */
  GPtrArray         *candidates; /* owned array of borrowed GlossAnnotation, best first */
} GlossFrameProposal;

/* The whole frame of @claim (a new array of GlossFrameProposal, one per
 * role of gloss_frame_dup_roles() with @list's schema, each with its
 * ranked candidates; empty when the claim's label has no roles). The cue
 * role is ranked first; when its best candidate is linked already, lies
 * between the claim's fragments or in its sentence, the other roles are
 * measured from that cue instead of the claim (@anchor above): the
 * speaker stands next to the reporting verb. */
GPtrArray *gloss_frame_propose (GlossAnnotationList *list,
                                const char          *text,
                                GlossAnnotation     *claim);

G_END_DECLS
