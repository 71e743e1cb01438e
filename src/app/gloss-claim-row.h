/* gloss-claim-row.h: a row of the claims panel
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gloss-annotation-list.h"
#include "gloss-annotation.h"

G_BEGIN_DECLS

/* The relation types the claims panel reads a claim's source and cue from. */
#define GLOSS_RELATION_ATTRIBUTED_TO "attributed-to"
#define GLOSS_RELATION_CUE           "cue"

#define GLOSS_TYPE_CLAIM_ROW (gloss_claim_row_get_type ())
G_DECLARE_FINAL_TYPE (GlossClaimRow, gloss_claim_row, GLOSS, CLAIM_ROW, GtkWidget)

GtkWidget       *gloss_claim_row_new             (void);
/* Shows @claim of @annotations: its text, source, cue, certainty and status.
 * Both NULL clears the row. */
void             gloss_claim_row_set_claim       (GlossClaimRow       *self,
                                                  GlossAnnotationList *annotations,
                                                  GlossAnnotation     *claim);
GlossAnnotation *gloss_claim_row_get_claim       (GlossClaimRow       *self);
/* The texts shown (for tests and accessibility): NULL when not shown. */
const char      *gloss_claim_row_get_source_text (GlossClaimRow       *self);
const char      *gloss_claim_row_get_cue_text    (GlossClaimRow       *self);

/* The other end of the first live relation of @type going out of
 * @annotation, or NULL. Borrowed from the list. */
GlossAnnotation *gloss_claim_find_related        (GlossAnnotationList *annotations,
                                                  GlossAnnotation     *annotation,
                                                  const char          *type);

G_END_DECLS
