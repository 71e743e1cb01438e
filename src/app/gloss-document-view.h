/* gloss-document-view.h: a read-only GtkTextView showing one document and its annotations
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gloss-annotation.h"
#include "gloss-annotation-list.h"
#include "gloss-document.h"
#include "gloss-suggestion.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_DOCUMENT_VIEW (gloss_document_view_get_type ())
G_DECLARE_FINAL_TYPE (GlossDocumentView, gloss_document_view, GLOSS, DOCUMENT_VIEW, GtkTextView)

/* The view projects the model onto one GtkTextTag per schema label, named
 * "label:<NAME>" (see gloss_document_view_dup_tag_name()), re-tagging only
 * the range an "annotation-changed" touched. Tags are never the source of
 * truth. Label chips are drawn above each annotation's start for the
 * visible rectangle only. */

GtkWidget           *gloss_document_view_new             (void);
void                 gloss_document_view_set_document    (GlossDocumentView   *self,
                                                          GlossDocument       *document,
                                                          GlossAnnotationList *annotations);
GlossDocument       *gloss_document_view_get_document    (GlossDocumentView   *self);
GlossAnnotationList *gloss_document_view_get_annotations (GlossDocumentView   *self);
/* Sets the text font from a Pango font description string. */
void                 gloss_document_view_set_font        (GlossDocumentView   *self,
                                                          const char          *font);
/* Selects the annotation, scrolls to it and focuses the view. */
void                 gloss_document_view_reveal_annotation (GlossDocumentView *self,
                                                            GlossAnnotation   *annotation);
char                *gloss_document_view_dup_tag_name    (const char          *label);

/* The selected annotation (property "selected-annotation", notified on
 * every change, including a new snapshot of the same annotation after an
 * edit). Setting looks the annotation up by uuid and scrolls to it. */
GlossAnnotation     *gloss_document_view_get_selected_annotation (GlossDocumentView *self);
void                 gloss_document_view_set_selected_annotation (GlossDocumentView *self,
                                                                  GlossAnnotation   *annotation);
/* The annotation's covered text in the document shown (see
 * gloss_dup_covered_text()), reached through a map of the text made at the
 * first call: as cheap at the end of a long document as at its start. */
char                *gloss_document_view_dup_covered_text (GlossDocumentView     *self,
                                                           GlossAnnotation       *annotation,
                                                           guint                  max_chars,
                                                           GlossCoveredTextFlags  flags);
/* The same for @fragments (sorted, code points) of the view's text: a
 * suggestion's words. */
char                *gloss_document_view_dup_fragments_text (GlossDocumentView     *self,
                                                             const GlossFragment   *fragments,
                                                             guint                  n_fragments,
                                                             guint                  max_chars,
                                                             GlossCoveredTextFlags  flags);
/* Property "snap-to-words": new spans and edge moves snap to words. */
gboolean             gloss_document_view_get_snap_to_words (GlossDocumentView   *self);
void                 gloss_document_view_set_snap_to_words (GlossDocumentView   *self,
                                                            gboolean             snap_to_words);

/* Editing, as the keys do it. Failures are reported through the "message"
 * signal (a short text for the window's message bar). */

/* With a text selection: a new @label annotation over it (snapped), or a
 * new fragment of the selected annotation when the selection was made with
 * Ctrl held; else relabels the selected annotation. */
gboolean             gloss_document_view_annotate        (GlossDocumentView   *self,
                                                          const char          *label);
/* Adds the text selection as a fragment of the selected annotation. */
gboolean             gloss_document_view_add_fragment    (GlossDocumentView   *self);
gboolean             gloss_document_view_delete_selected (GlossDocumentView   *self);
/* Sets the selected annotation's quick attribute (the first enum one of its
 * label: a claim's certainty) to its @n-th value, from 1 (Alt+1…9). */
gboolean             gloss_document_view_set_quick_attribute (GlossDocumentView *self,
                                                              guint              n);
/* A claim's frame (its source and cue) is proposed and waits for Enter. */
gboolean             gloss_document_view_get_frame_pending (GlossDocumentView *self);
/* Selects the next (@direction > 0) or previous annotation in document
 * order, from the selected one or the caret, and scrolls to it. */
gboolean             gloss_document_view_select_next     (GlossDocumentView   *self,
                                                          int                  direction);
/* Moves the start or end edge of the selected annotation by one word (or
 * one character without snapping). */
gboolean             gloss_document_view_move_edge       (GlossDocumentView   *self,
                                                          gboolean             start_edge,
                                                          int                  direction);
/* Annotates every other whole-word occurrence of the selected annotation's
 * text with its label, as one command. Returns how many were added. */
guint                gloss_document_view_annotate_all    (GlossDocumentView   *self);
/* The label popover at the text selection (or the selected annotation). */
gboolean             gloss_document_view_show_label_popover (GlossDocumentView *self);

/* Link mode (property "linking", with "hint" telling what to do): the
 * selected annotation is the source; the nearest compatible annotation is
 * proposed; Tab/Shift+Tab change it, 1-9 pick a relation type, Enter the
 * only type (or opens a popover), a click picks a target, Esc cancels. */
gboolean             gloss_document_view_start_link      (GlossDocumentView   *self);
void                 gloss_document_view_cancel_link     (GlossDocumentView   *self);
gboolean             gloss_document_view_get_linking     (GlossDocumentView   *self);
const char          *gloss_document_view_get_hint        (GlossDocumentView   *self);
/* Links the selected annotation to @target: @choice 1..9 picks the n-th
 * type the schema allows, 0 the only one (or asks). */
gboolean             gloss_document_view_link_to         (GlossDocumentView   *self,
                                                          GlossAnnotation     *target,
                                                          guint                choice);

/* Find: highlights all matches (case-insensitive); returns their number. */
guint                gloss_document_view_set_search      (GlossDocumentView   *self,
                                                          const char          *text);
/* Selects the next or previous match as the text selection. */
gboolean             gloss_document_view_find_next       (GlossDocumentView   *self,
                                                          int                  direction);
guint                gloss_document_view_get_n_matches   (GlossDocumentView   *self);
/* The text searched for ("" when none). */
const char          *gloss_document_view_get_search      (GlossDocumentView   *self);

/* Suggestions (gloss-document-view-suggest.c): @suggestions (GlossSuggestion
 * of the document, kept by the project; copied) are drawn as dashed
 * outlines with hollow chips while pending. N and Shift+N select the next
 * and previous one, Enter accepts it (a claim with its frame), a label's
 * hotkey accepts it with that label, Backspace rejects it, Ctrl+Enter
 * accepts every pending one scored at least the accept score. Accepting is
 * the window's: the view emits "accept-suggestions" (a GPtrArray of
 * GlossSuggestion, the label or NULL), and the handler applies the command
 * to the view's list and returns TRUE. A rejection is the view's own
 * command. After a decision the next pending suggestion is selected. */
void             gloss_document_view_set_suggestions (GlossDocumentView *self,
                                                      GPtrArray         *suggestions);
/* The pending ones, in document order (a new array). */
GPtrArray       *gloss_document_view_dup_pending_suggestions (GlossDocumentView *self);
GlossSuggestion *gloss_document_view_get_selected_suggestion (GlossDocumentView *self);
/* Selects @suggestion (one of the view's) and scrolls to it. */
void             gloss_document_view_select_suggestion (GlossDocumentView *self,
                                                        GlossSuggestion   *suggestion);
gboolean         gloss_document_view_select_next_suggestion (GlossDocumentView *self,
                                                             int                direction);
gboolean         gloss_document_view_accept_suggestion (GlossDocumentView *self,
                                                        const char        *label);
gboolean         gloss_document_view_reject_suggestion (GlossDocumentView *self);
/* Accepts every pending suggestion scored at least the accept score;
 * returns how many (0: none, or the window refused). */
guint            gloss_document_view_accept_all_suggestions (GlossDocumentView *self);
/* The frame of a selected claim suggestion, before it is accepted: how
 * many roles it has (0: not a claim), Tab's next or previous candidate
 * for the focused role (written into the suggestion), and Up/Down's
 * other role. FALSE when no claim suggestion is selected. */
guint                gloss_document_view_get_review_n_roles (GlossDocumentView *self);
gboolean             gloss_document_view_review_cycle (GlossDocumentView *self,
                                                       int                direction);
gboolean             gloss_document_view_review_focus (GlossDocumentView *self,
                                                       int                direction);
/* Whether N, the pending list and the step after a decision take the
 * highest score first (else the text's order). */
gboolean         gloss_document_view_get_suggestions_by_score (GlossDocumentView *self);
void             gloss_document_view_set_suggestions_by_score (GlossDocumentView *self,
                                                               gboolean           by_score);
double           gloss_document_view_get_accept_score (GlossDocumentView *self);
void             gloss_document_view_set_accept_score (GlossDocumentView *self,
                                                       double             score);

G_END_DECLS
