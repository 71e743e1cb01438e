/* gloss-claims-panel.h: the document's claims with their sources, cues, certainty and status
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gloss-annotation-list.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_CLAIMS_PANEL (gloss_claims_panel_get_type ())
G_DECLARE_FINAL_TYPE (GlossClaimsPanel, gloss_claims_panel, GLOSS, CLAIMS_PANEL, GtkWidget)

/* The layer whose annotations the panel lists. */
#define GLOSS_CLAIM_LAYER "claim"

/* Lists the annotations of the claim layer in document order (a filter over
 * the list, so it stays lazy and live), each with its source (the target of
 * its "attributed-to" relation), its cue (target of "cue"), and its
 * certainty and status. Rows refresh on "annotation-changed" and
 * "relation-changed".
 *
 * Signals:
 *   "annotation-activated" (const char *uuid): a claim row was activated. */

GtkWidget           *gloss_claims_panel_new                 (void);
GlossAnnotationList *gloss_claims_panel_get_annotation_list (GlossClaimsPanel    *self);
void                 gloss_claims_panel_set_annotation_list (GlossClaimsPanel    *self,
                                                             GlossAnnotationList *annotations);
/* The claims shown: a GListModel of GlossAnnotation. */
GListModel          *gloss_claims_panel_get_claims          (GlossClaimsPanel    *self);
/* Highlights the claim @uuid (and scrolls to it) or, when it is not a
 * claim or NULL, nothing. */
void                 gloss_claims_panel_select_annotation   (GlossClaimsPanel    *self,
                                                             const char          *uuid);

G_END_DECLS
