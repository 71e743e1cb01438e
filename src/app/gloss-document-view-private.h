/* gloss-document-view-private.h: the view's state shared by its files; helpers for tests
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gloss-annotation.h"
#include "gloss-annotation-list.h"
#include "gloss-document-view.h"
#include "gloss-suggestion.h"

G_BEGIN_DECLS

/* A chip drawn in the last frame, for clicks and drags on it. */
typedef struct
{
  graphene_rect_t  rect;   /* buffer coordinates */
  char            *uuid;   /* owned */
} GlossChipHit;

/* One role of the claim frame proposed for the selected claim. */
typedef struct
{
  GlossRelationType *type;       /* owned */
  GPtrArray         *candidates; /* owned: uuids (owned strings), best first */
  int                chosen;     /* index into candidates, -1 for none */
} GlossFrameRole;

struct _GlossDocumentView
{
  GtkTextView           parent_instance;

  GlossDocument        *document;      /* owned */
  GlossAnnotationList  *annotations;   /* owned */
  GlossSchema          *schema;        /* owned */
  char                 *font;          /* owned */
  GlossOffsetMap       *offset_map;    /* owned, made at the first use: maps the text */

  /* Tags (-tags.c) */
  GPtrArray            *label_tags;    /* owned: GtkTextTag, one per label in the buffer */
  guint                 tag_idle_id;   /* tags the rest of a long document after the start */
  guint                 tagged_end;    /* offset up to which the buffer has been tagged */

  /* Drawing (-draw.c) */
  PangoFontDescription *chip_font;     /* owned, lazily computed */
  int                   chip_height;
  GArray               *chips;         /* owned: GlossChipHit drawn in the last frame */
  GArray               *arc_boxes;     /* owned: GlossArcBox drawn in the last frame */

  /* Arc lanes (-lanes.c) */
  GArray               *paragraph_starts; /* owned: guint offset of each buffer line */
  GByteArray           *lane_levels;   /* owned: arc levels reserved above each line */
  guint                 lane_idle_id;

  /* Selection and editing (-edit.c) */
  GlossAnnotation      *selected;      /* owned: the selected annotation's snapshot */
  char                 *vanished_uuid; /* owned: the selection that left the list, or NULL */
  gboolean              snap_to_words;
  gboolean              fragment_mode; /* the text selection was made with Ctrl held */

  /* Link mode (-link.c): the selected annotation is the source. */
  gboolean              linking;
  GlossAnnotation      *link_target;   /* owned: the candidate target */
  GHashTable           *link_labels;   /* owned: label names a relation may reach */
  char                 *hint;          /* owned: what the user is asked to do, or NULL */
  gboolean              chip_drag;     /* a press on a chip that may become a drag */
  gboolean              chip_dragging; /* dragging a link from a chip */
  double                drag_x;        /* the pointer while dragging, buffer coordinates */
  double                drag_y;

  /* Claim frame (-frame.c): the source and cue proposed for the selected
   * claim, until Enter links them or Escape leaves them. */
  GPtrArray            *frame;       /* owned: GlossFrameRole, NULL when none is pending */
  guint                 frame_focus; /* the role Tab and the digits choose for */

  GtkWidget            *label_popover;    /* owned (parented to the view): GlossLabelPopover */
  GtkWidget            *relation_popover; /* owned (parented to the view) */
  GtkWidget            *relation_box;     /* borrowed: in relation_popover */

  /* Keys (-actions.c) */
  guint                 enabled_actions; /* which of them are enabled, one bit each */

  /* Search (-search.c) */
  char                 *search_text;   /* owned */
  guint                 n_matches;

  /* Suggestions (-suggest.c): what the window read from the project for
   * this document; those an annotation makes are not drawn (pending). */
  GPtrArray            *suggestions;         /* owned: GlossSuggestion, by start */
  GlossSuggestion      *selected_suggestion; /* owned, one of them, or NULL */
  double                accept_score;        /* Ctrl+Enter accepts those at least this */
  gboolean              by_score;            /* N takes the highest score first */
  GPtrArray            *by_score_order;      /* owned: the suggestions so ordered, or NULL */
  /* The frame of the selected claim suggestion, as Tab and Up/Down edit it
   * before Enter accepts it */
  GPtrArray            *review; /* owned: GlossReviewRole, NULL when none */
  guint                 review_focus;
};

/* One role of the selected claim suggestion's frame (its source or its
 * cue) and what could fill it, the suggester's choice first. */
typedef struct
{
  GlossRelationType *type;   /* owned */
  gboolean           is_cue; /* fills the suggestion's cue; else its source */
  GPtrArray         *refs;   /* owned strings: annotation uuids and suggestion ids;
                               * the last one NULL: nobody */
  guint              chosen;
} GlossReviewRole;

typedef enum
{
  PROP_0,
  PROP_DOCUMENT,
  PROP_ANNOTATIONS,
  PROP_FONT,
  PROP_SELECTED_ANNOTATION,
  PROP_SNAP_TO_WORDS,
  PROP_LINKING,
  PROP_HINT,
  PROP_FRAME_PENDING,
  PROP_SELECTED_SUGGESTION,
  N_PROPS
} GlossDocumentViewProp;

/* ---- gloss-document-view.c: the widget and its selection ---------------- */

void           _gloss_document_view_notify              (GlossDocumentView    *self,
                                                         GlossDocumentViewProp prop);
/* Emits "message" (a short text for the window's message bar). */
void           _gloss_document_view_emit_message        (GlossDocumentView    *self,
                                                         const char           *message);
void           _gloss_document_view_set_hint            (GlossDocumentView    *self,
                                                         const char           *hint);
/* The annotation's covered text, shortened for messages. */
char          *_gloss_document_view_dup_short_text      (GlossDocumentView    *self,
                                                         GlossAnnotation      *annotation);
/* The text selection, when it is not empty. */
gboolean       _gloss_document_view_get_text_selection  (GlossDocumentView    *self,
                                                         guint                *start,
                                                         guint                *end);
void           _gloss_document_view_clear_text_selection (GlossDocumentView   *self,
                                                          guint                caret);
void           _gloss_document_view_scroll_to_offset    (GlossDocumentView    *self,
                                                         guint                 offset);
/* Points @popover at [start, end) on its first display line. */
void           _gloss_document_view_point_popover_at    (GlossDocumentView    *self,
                                                         GtkWidget            *popover,
                                                         guint                 start,
                                                         guint                 end);
/* A popover of the view closed: the keys go back to the text. */
void           _gloss_document_view_popover_closed_cb   (GlossDocumentView    *self);
void           _gloss_document_view_select              (GlossDocumentView    *self,
                                                         GlossAnnotation      *annotation,
                                                         gboolean              scroll);
/* Clicking at @offset: the innermost annotation there, or the next one
 * around when the selected one is already there (cycling). */
void           _gloss_document_view_select_at_offset    (GlossDocumentView    *self,
                                                         guint                 offset);
/* The annotations at @offset, innermost (shortest) first (a new array). */
GPtrArray     *_gloss_document_view_annotations_at      (GlossDocumentView    *self,
                                                         guint                 offset);

static inline GtkTextBuffer *
_gloss_document_view_get_buffer (GlossDocumentView *self)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
}

static inline const char *
_gloss_document_view_get_text (GlossDocumentView *self)
{
  return self->document != NULL ? gloss_document_get_text (self->document) : NULL;
}

/* Two snapshots of the same annotation (its uuid). */
static inline gboolean
_gloss_document_view_same (GlossAnnotation *a,
                           GlossAnnotation *b)
{
  return a != NULL && b != NULL &&
         g_strcmp0 (gloss_annotation_get_uuid (a), gloss_annotation_get_uuid (b)) == 0;
}

/* ---- gloss-document-view-suggest.c: suggestions under review ---------- */

/* Not rejected, and not made by an annotation of the same label over an
 * overlapping span. */
gboolean   _gloss_document_view_suggestion_pending (GlossDocumentView   *self,
                                                    GlossSuggestion     *suggestion);
void       _gloss_document_view_select_suggestion  (GlossDocumentView   *self,
                                                    GlossSuggestion     *suggestion,
                                                    gboolean             scroll);
/* A label hotkey with a suggestion selected: accept it with that label. */
gboolean   _gloss_document_view_accept_suggestion_as (GlossDocumentView *self,
                                                      const char        *label);
void       _gloss_document_view_connect_suggestions (GlossDocumentView  *self);
/* What @role of the frame under review points at now, as an annotation
 * (a suggestion's is made up, its uuid the suggestion's id), or NULL. */
GlossAnnotation *_gloss_document_view_review_choice (GlossDocumentView *self,
                                                     GlossReviewRole   *role);
/* Alt+digit with a claim suggestion selected: its proposed certainty. */
gboolean         _gloss_document_view_review_set_attribute (GlossDocumentView *self,
                                                            guint              n);
/* The selected suggestion as an annotation, for drawing its frame. */
GlossAnnotation *_gloss_document_view_review_claim (GlossDocumentView *self);
void       _gloss_document_view_class_init_suggestions (GtkWidgetClass *widget_class);

/* ---- gloss-document-view-tags.c: the model on the buffer's tags --------- */

/* One range to tag: [start, end) in code points with the label's tag. */
typedef struct
{
  const char *label;  /* borrowed from the annotation, valid while the list is unchanged */
  guint       start;
  guint       end;
} GlossTagRange;

/* The ranges to tag so that [start, end) shows exactly the model: every
 * fragment of every live annotation overlapping the range, clipped to it,
 * sorted by (label, start). Returns a new array of GlossTagRange (owned). */
GPtrArray *_gloss_document_view_compute_tag_ranges (GlossAnnotationList *annotations,
                                                    guint                start,
                                                    guint                end);
/* The range to re-tag after "annotation-changed" (old, new): the hull of the
 * fragments of both. Either may be NULL. FALSE when both are NULL. */
gboolean   _gloss_document_view_changed_range      (GlossAnnotation     *old_annotation,
                                                    GlossAnnotation     *new_annotation,
                                                    guint               *start,
                                                    guint               *end);
/* TRUE when the label's layer is drawn with an underline, not a background. */
gboolean   _gloss_document_view_layer_is_underlined (const char         *layer);

/* Tags [start, end) anew from the model. */
void       _gloss_document_view_retag_range        (GlossDocumentView   *self,
                                                    guint                start,
                                                    guint                end);
/* Tags a new buffer: its first screen at once, the rest in idle slices. */
void       _gloss_document_view_tag_buffer         (GlossDocumentView   *self);
/* New labels get their tags; existing tags pick up changed colours. */
void       _gloss_document_view_restyle_tags       (GlossDocumentView   *self);
void       _gloss_document_view_apply_font         (GlossDocumentView   *self);

/* ---- gloss-document-view-edit.c: annotating from the selection ---------- */

/* Applies @command to the view's list; a failure becomes a message. */
gboolean   _gloss_document_view_apply_command      (GlossDocumentView   *self,
                                                    GlossCommand        *command);

/* ---- gloss-document-view-link.c: link mode ------------------------------ */

/* Enters link mode from the selected annotation; with @propose, the nearest
 * compatible annotation is the proposed target (and scrolled to). */
gboolean   _gloss_document_view_begin_link         (GlossDocumentView   *self,
                                                    gboolean             propose);
void       _gloss_document_view_cancel_link        (GlossDocumentView   *self);
void       _gloss_document_view_update_link_hint   (GlossDocumentView   *self);
/* Links the source to the current target: with @choice 1..9 the type of
 * that number, with 0 the only type or else a popover to choose. */
gboolean   _gloss_document_view_confirm_link       (GlossDocumentView   *self,
                                                    guint                choice);
void       _gloss_document_view_cycle_link_target  (GlossDocumentView   *self,
                                                    int                  direction);
/* A click at @offset in link mode picks the innermost annotation there
 * that the schema lets the source reach, or else the innermost one. */
void       _gloss_document_view_link_to_offset     (GlossDocumentView   *self,
                                                    guint                offset);
gboolean   _gloss_document_view_is_link_candidate  (GlossDocumentView   *self,
                                                    GlossAnnotation     *annotation);

/* ---- gloss-document-view-frame.c: the claim frame ---------------------- */

/* Proposes the frame of the selected annotation when its label has roles
 * (gloss_frame_dup_roles()) and something could fill one; else leaves
 * any pending frame. */
void             _gloss_document_view_propose_frame (GlossDocumentView *self);
/* Leaves the pending frame unlinked. */
void             _gloss_document_view_cancel_frame (GlossDocumentView *self);
/* Links every role's choice in one command (one undo). */
gboolean         _gloss_document_view_accept_frame (GlossDocumentView *self);
/* The focused role's next (@direction 1) or previous (-1) candidate, "none"
 * after the last. */
void             _gloss_document_view_cycle_frame (GlossDocumentView *self,
                                                   int                direction);
/* Focuses the next (1) or previous (-1) role. */
void             _gloss_document_view_focus_frame_role (GlossDocumentView *self,
                                                        int                direction);
/* Chooses the focused role's @n-th candidate (from 1; 0 for none) and
 * focuses the next role, or links the frame after the last. */
void             _gloss_document_view_pick_frame (GlossDocumentView *self,
                                                  guint              n);
/* The annotation a role has chosen, or NULL (borrowed from the list). */
GlossAnnotation *_gloss_document_view_frame_choice (GlossDocumentView *self,
                                                    GlossFrameRole    *role);
void             _gloss_frame_role_free (gpointer data);

/* ---- gloss-document-view-lanes.c: room for arcs above the lines ------- */

#define GLOSS_LANE_MAX_LEVELS 2

/* One arc as one selection shows it: @owner is the selected annotation
 * (any id), @a the offset of the owner's end and @b of the other;
 * @name_chars the room its name takes, in characters. */
typedef struct
{
  guint owner;
  guint a;
  guint b;
  guint name_chars;
} GlossLaneArc;

/* A run of an arc along a lane, in pixels or characters. */
typedef struct
{
  double line;    /* runs on the same line share its levels */
  double x0, x1;  /* the run, x0 <= x1 */
  double name;    /* the room its name needs along the run; 0 for none */
  guint  room;    /* the levels its line has (0 counts as 1) */
  guint  id;      /* the caller's */
  guint  level;   /* out */
  double name_x;  /* out: the middle of its name */
} GlossLanePiece;

/* Places runs on levels, brat-like: per line the shortest first, each on
 * the lowest level where it crosses no other run and its name finds room.
 * Runs that share an end may share a level (one line forking to both
 * ends); the name then goes in the part only its own run covers. Never
 * above a piece's room (the highest level takes what is left); sorts
 * @pieces. Returns the most levels a line uses. */
guint      _gloss_lane_place                        (GlossLanePiece *pieces,
                                                     guint           n_pieces);
/* The arc levels each paragraph needs (a new array of @n_paragraphs): for
 * each owner, its arcs cut at paragraph ends and placed as above; the most
 * any owner needs, at most GLOSS_LANE_MAX_LEVELS. Sorts @arcs. */
guint8    *_gloss_document_view_compute_lane_levels (GlossLaneArc *arcs,
                                                     guint         n_arcs,
                                                     const guint  *paragraph_starts,
                                                     guint         n_paragraphs,
                                                     guint         n_chars);
/* Reserves each paragraph's levels now (tags the changed ones). */
void       _gloss_document_view_update_lanes        (GlossDocumentView *self);
/* The same, before the next layout: after relations or spans change. */
void       _gloss_document_view_queue_lanes         (GlossDocumentView *self);
/* The levels reserved above @iter's paragraph. */
guint      _gloss_document_view_lane_levels_at      (GlossDocumentView *self,
                                                     const GtkTextIter *iter);
/* The height of one level, in pixels. */
int        _gloss_document_view_lane_step           (GlossDocumentView *self);
void       _gloss_document_view_style_lane_tag      (GlossDocumentView *self,
                                                     GtkTextTag        *tag,
                                                     guint              levels);
/* The lanes follow the chip height (after a font change). */
void       _gloss_document_view_restyle_lanes       (GlossDocumentView *self);

/* ---- gloss-document-view-draw.c: chips and arcs ------------------------- */

/* Where a piece of an arc was drawn (buffer coordinates), for tests: the
 * whole piece (legs, line and name) and its name alone. */
typedef struct
{
  graphene_rect_t bounds;
  graphene_rect_t name;
  int             line_y;  /* the top of the text of the line it is above */
  guint           level;
} GlossArcBox;

/* The arc pieces the last frame drew (borrowed). */
GArray     *_gloss_document_view_get_arc_boxes     (GlossDocumentView   *self);

/* Chips, outlines and arcs over the visible text. */
void        _gloss_document_view_snapshot_above_text (GlossDocumentView *self,
                                                      GtkSnapshot       *snapshot);
/* The uuid of the annotation whose chip the last frame drew at (x, y), in
 * buffer coordinates, or NULL. */
const char *_gloss_document_view_chip_at           (GlossDocumentView   *self,
                                                    double               x,
                                                    double               y);
void        _gloss_chip_hit_clear                  (gpointer             data);
/* The uuids of the annotations whose chips the last frame drew (new
 * array of owned strings), in drawing order. */
GPtrArray  *_gloss_document_view_dup_chip_uuids    (GlossDocumentView   *self);

/* ---- gloss-document-view-pointer.c: clicks and drags -------------------- */

/* Adds the click and drag gestures to the view. */
void        _gloss_document_view_init_pointer      (GlossDocumentView   *self);

/* ---- gloss-document-view-actions.c: the keys ---------------------------- */

/* Installs the actions the keys are bound to, and makes the bindings. */
void             _gloss_document_view_class_init_actions (GtkWidgetClass *widget_class);
/* Adds the controllers of the bindings and the label hotkeys to the view. */
void             _gloss_document_view_init_actions (GlossDocumentView *self);
/* Enables the actions that apply to the view's state as it is now: call
 * after a change of the selection, the text selection, link mode or the
 * document. */
void             _gloss_document_view_update_actions (GlossDocumentView *self);
/* What the view's keys do with a key press, as its controllers would (the
 * bindings, then the label hotkeys): TRUE when the key was used. */
gboolean    _gloss_document_view_handle_key        (GlossDocumentView   *self,
                                                    guint                keyval,
                                                    GdkModifierType      state);

G_END_DECLS
