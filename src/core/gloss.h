/* gloss.h: the whole public API of the Gloss core
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-types.h"
#include "gloss-agreement.h"
#include "gloss-assignments.h"
#include "gloss-annotation.h"
#include "gloss-annotation-list.h"
#include "gloss-bulk.h"
#include "gloss-change-set.h"
#include "gloss-command.h"
#include "gloss-curation.h"
#include "gloss-document.h"
#include "gloss-document-filter.h"
#include "gloss-document-list.h"
#include "gloss-editing.h"
#include "gloss-frame.h"
#include "gloss-format.h"
#include "gloss-jsonl.h"
#include "gloss-merge.h"
#include "gloss-offsets.h"
#include "gloss-project.h"
#include "gloss-relation.h"
#include "gloss-schema.h"
#include "gloss-span-index.h"
#include "gloss-store.h"
#include "gloss-suggest.h"
#include "gloss-suggest-settings.h"
#include "gloss-suggester.h"
#include "gloss-suggestion.h"
#include "gloss-validate.h"
