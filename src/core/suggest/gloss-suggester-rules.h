/* gloss-suggester-rules.h: claim frames and pattern entities by rule, no model
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-suggester.h"

G_BEGIN_DECLS

/* The "rules" suggester. For news text it proposes claim frames: the
 * reporting cue (said, told, according to, believes, denied ...), the claim
 * content (a direct quote, straight or curly, across paragraphs or split by
 * its cue; or the reported clause after "that", after the cue, or before
 * "..., a source said"), the source (a name as PERSON or ORG, an unnamed
 * source as SOURCE, a pronoun resolved to the nearest preceding PERSON or
 * ORG; an existing annotation is referred to by its UUID) and the claim's
 * certainty from its cue. It also proposes DATE, MONEY, QUANTITY (and
 * PERCENT) by pattern. Only labels the input's schema has are proposed. It
 * needs no training and keeps no state between calls. */

#define GLOSS_TYPE_RULES_SUGGESTER (gloss_rules_suggester_get_type ())
G_DECLARE_FINAL_TYPE (GlossRulesSuggester, gloss_rules_suggester, GLOSS, RULES_SUGGESTER, GObject)

GlossSuggester *gloss_rules_suggester_new (void);

G_END_DECLS
