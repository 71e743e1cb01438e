/* gloss-window-private.h: the window's struct, shared by its files, and its internals for tests
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gloss-annotation-list.h"
#include "gloss-annotation-panel.h"
#include "gloss-bulk.h"
#include "gloss-claims-panel.h"
#include "gloss-curation-view.h"
#include "gloss-document-sidebar.h"
#include "gloss-document-view.h"
#include "gloss-inspector.h"
#include "gloss-label-palette.h"
#include "gloss-suggester.h"
#include "gloss-suggestions-panel.h"
#include "gloss-window.h"

G_BEGIN_DECLS

/* gloss-window-bulk.c: the window keeps its last bulk step. It comes after
 * the open document's own history: win.undo takes it back once the
 * document has nothing left to undo. Applying, undoing or redoing the step
 * clears the histories of the documents it wrote and of the open one, so
 * that order is time order in the open document. */
typedef struct
{
  GlossProject  *project;      /* weak: the project the step went into */
  GlossBulkStep *step;         /* owned, may be NULL */
  GtkWidget     *undo_button;  /* weak: the header bar's button for win.undo */
  GtkWidget     *redo_button;  /* weak */
  guint          thread_min_documents;

  /* while a worker runs (cancellable != NULL) */
  GCancellable  *cancellable;      /* owned */
  GlossProject  *worker_project;   /* weak: the window's project when it started */
  GtkWidget     *dialog;           /* weak: the modal progress dialog */
  GtkWidget     *progress_bar;     /* weak */
} GlossWindowBulk;

/* gloss-window-teams.c: the last merge, undone as one step. */
typedef struct
{
  GlossProject *project;      /* borrowed: the project the merges went into */
  GPtrArray    *reports;      /* GlossMergeReport, in merge order */
  GPtrArray    *names;        /* char *: the merged files' names, as reports */
  GtkWindow    *report_window;/* weak */
  GtkWidget    *undo_button;  /* borrowed from report_window */
  GtkWidget    *undo_label;   /* borrowed from report_window */
} GlossWindowTeams;

/* gloss-window-suggest.c: the suggesters run for the open document. */
typedef struct
{
  GCancellable *cancellable;   /* owned: the run in progress, or NULL */
  gint64        document_id;   /* the document it runs for */
  guint         n_runs;        /* runs finished (tests wait on it) */
  char         *last_error;    /* owned: what the last run could not do, or NULL */
  GlossSuggester *model;         /* owned: the model learned last, or NULL */
  GlossProject   *model_project; /* weak: the project it learned from */
  GCancellable   *train_cancellable; /* owned: the learning in progress, or NULL */
  guint           retrain_source;    /* learning again after the annotations changed */
  guint           n_trainings;       /* learnings finished (tests wait on it) */
  guint           n_uncertain;       /* documents opened by Alt+Shift+Down (tests) */
  guint           launch_tick;       /* the first run waits for the first frame */
  guint           launch_frames;     /* frames launch_tick has seen */
} GlossWindowSuggest;

struct _GlossWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;             /* owned */
  GlossProject         *project;              /* owned */
  GlossDocument        *document;             /* owned */
  GlossAnnotationList  *annotations;          /* owned */
  GMenu                *recent_menu;          /* template object */
  GMenuModel           *primary_menu;         /* template object */
  GtkMenuButton        *primary_menu_button;
  AdwToast             *toast;                /* weak: the toast shown, or NULL */
  AdwToast             *pending_toast;        /* owned: the next, while the last settles */
  guint                 pending_toast_id;
  gint64                toast_added_at;       /* monotonic µs */
  int                   right_pane_width;     /* the width the user dragged it to */
  gboolean              syncing_right_pane;
  gboolean              moving_right_pane;    /* the handle is moved by key */
  int                   measure_width;        /* the text column's reading measure, px */
  guint                 fold_idle_id;         /* applies the sidebar's fold */

  guint                 screenshot_tick_id;
  guint                 screenshot_frames;
  guint                 refresh_id;           /* follows other programs' commits */

  GlossWindowBulk       bulk;                 /* gloss-window-bulk.c */
  GlossWindowTeams      teams;                /* gloss-window-teams.c */
  GlossWindowSuggest    suggest;              /* gloss-window-suggest.c */

  /* template children */
  GtkLabel             *annotation_count_label;
  GtkLabel             *banner_label;
  GtkRevealer          *banner_revealer;
  GlossClaimsPanel     *claims_panel;
  GlossInspector       *inspector;
  GlossLabelPalette    *palette;
  GtkStack             *side_stack;
  GtkSearchBar         *find_bar;
  GtkToggleButton      *find_button;
  GtkLabel             *find_count_label;
  GtkSearchEntry       *find_entry;
  GtkLabel             *hint_label;
  GtkRevealer          *hint_revealer;
  GlossAnnotationPanel *annotation_panel;
  GlossDocumentSidebar *document_sidebar;
  GtkStack             *document_stack;
  GtkPaned             *inner_paned;
  GtkStack             *main_stack;
  AdwFlap              *flap;
  GtkToggleButton      *sidebar_button;
  AdwClampScrollable   *view_clamp;
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GlossDocumentView    *view;
  GlossCurationView    *curation_view;
  GtkToggleButton      *curate_button;
  GtkScrolledWindow    *view_scroller;
  GlossSuggestionsPanel *suggestions_panel;
};


/* The document list as shown: filtered by name or text and by status. */
GListModel  *_gloss_window_get_document_list   (GlossWindow *self);
GtkEditable *_gloss_window_get_search_entry    (GlossWindow *self);
/* The document search has text whose matches are not shown yet. */
gboolean     _gloss_window_is_searching_documents (GlossWindow *self);
/* Rows: all, new, in progress, done (for the current annotator). */
GtkDropDown *_gloss_window_get_status_dropdown (GlossWindow *self);
/* The open document's annotation list (borrowed), or NULL. */
GlossAnnotationList *_gloss_window_get_annotations (GlossWindow *self);
/* The banner's text when it is shown (the project is read-only), else NULL. */
const char  *_gloss_window_get_banner          (GlossWindow *self);
/* The "Open Recent" submenu. */
GMenuModel  *_gloss_window_get_recent_menu     (GlossWindow *self);
/* Shows @toast (transfer full) over the window's content at once, in
 * place of the toast shown before (toasts never queue: the newest says
 * what just happened). */
void         _gloss_window_add_toast           (GlossWindow *self,
                                                AdwToast    *toast);
/* The title of the toast shown (markup), or NULL. */
/* TRUE while a toast waits for the one shown to settle. */
gboolean     _gloss_window_toast_pending       (GlossWindow *self);
const char  *_gloss_window_get_toast_title     (GlossWindow *self);
/* A toast saying what a step did, with a button that runs @action_name
 * (a win.* action without parameter): "_Undo" for a step that can be
 * taken back as a whole. */
void         _gloss_window_show_action_toast   (GlossWindow *self,
                                                const char  *message,
                                                const char  *button_label,
                                                const char  *action_name);
/* A message that stays until it is dismissed or replaced: what went wrong
 * with something the user asked for. */
void         _gloss_window_show_problem        (GlossWindow *self,
                                                const char  *message);

/* gloss-window-actions.c: the win.* actions, their shortcuts, and when
 * they are enabled. */
void           _gloss_window_actions_class_init        (GtkWidgetClass *widget_class);
/* win.undo and win.redo (the open document's history, then the bulk step). */
void           _gloss_window_update_undo_actions       (GlossWindow    *self);
/* The actions on the open document and its selected annotation. */
void           _gloss_window_update_annotation_actions (GlossWindow    *self);
/* The actions on the project (schema, import, export, properties). */
void           _gloss_window_update_project_actions    (GlossWindow    *self);

/* gloss-window.c: selects the document at @position of the filtered list
 * (it opens) and scrolls to it. */
/* While curating: whether Ctrl+Z (@undo) or Ctrl+Shift+Z takes a
 * rejection back or makes it again (it is not in the document's history). */
gboolean       _gloss_window_can_undo_rejection        (GlossWindow    *self,
                                                        gboolean        undo);
/* Every visible row of the document list recomputes its curation
 * progress (after a merge or its undo wrote behind the list). */
void           _gloss_window_refresh_document_rows     (GlossWindow    *self);
/* The keys go to the document as shown: the curation view while curating,
 * else the text. */
void           _gloss_window_focus_document            (GlossWindow    *self);
void           _gloss_window_select_position           (GlossWindow    *self,
                                                        guint           position);

/* gloss-window-bulk.c: "annotate all occurrences in all documents" */
/* Installs win.annotate-all-documents (Ctrl+Alt+E), and win.undo-bulk-step
 * and win.redo-bulk-step (the Undo and Redo buttons of its toasts: the
 * step itself, whatever the open document's history holds). */
void           _gloss_window_bulk_class_init        (GtkWidgetClass  *widget_class);
/* Sets up and frees self->bulk (from the window's init and finalize). */
void           _gloss_window_bulk_init              (GlossWindow     *self);
void           _gloss_window_bulk_finalize          (GlossWindow     *self);
/* Annotates every occurrence of the selected annotation's text with its
 * label in all documents of the project, as one step the window keeps,
 * and shows the count in a toast with Undo. Without a selection only shows
 * a message. */
gboolean       _gloss_window_annotate_all_documents (GlossWindow     *self,
                                                     guint           *n_annotations,
                                                     GError         **error);
/* Enables win.undo and win.redo for the open document's history, then the
 * window's bulk step (undone once the document has nothing left to undo),
 * and names the step in the undo and redo buttons' tooltips. */
void           _gloss_window_bulk_update_undo       (GlossWindow     *self);
gboolean       _gloss_window_bulk_can_undo          (GlossWindow     *self);
gboolean       _gloss_window_bulk_can_redo          (GlossWindow     *self);
gboolean       _gloss_window_bulk_undo              (GlossWindow     *self,
                                                     GError         **error);
gboolean       _gloss_window_bulk_redo              (GlossWindow     *self,
                                                     GError         **error);
/* The window's last bulk step (borrowed), or NULL. */
GlossBulkStep *_gloss_window_get_bulk_step          (GlossWindow     *self);
/* In a project of at least @n_documents (default 1,000) documents on a
 * file, win.annotate-all-documents and the undo and redo of its step run
 * on a worker thread behind a modal progress dialog with Cancel
 * (_gloss_window_bulk_undo() and _redo() then return TRUE at once);
 * _gloss_window_annotate_all_documents() always runs synchronously. While
 * the worker runs, win.undo and win.redo are disabled and another run is
 * refused (G_IO_ERROR_BUSY). */
void           _gloss_window_bulk_set_thread_threshold (GlossWindow  *self,
                                                        guint         n_documents);
gboolean       _gloss_window_bulk_is_running        (GlossWindow     *self);
/* Cancels the worker: it rolls back, nothing is written. */
void           _gloss_window_bulk_cancel            (GlossWindow     *self);

/* gloss-window-suggest.c: suggestions for the open document. */
void           _gloss_window_suggest_class_init        (GtkWidgetClass *widget_class);
void           _gloss_window_suggest_init              (GlossWindow    *self);
void           _gloss_window_suggest_dispose           (GlossWindow    *self);
/* A document was opened: its kept suggestions go to the view, and the
 * suggesters run for it when it has none yet. */
void           _gloss_window_suggest_document_opened   (GlossWindow    *self);
/* Project Properties changed a suggester's settings. */
void                 _gloss_window_suggest_settings_changed (GlossWindow *self);
/* Runs the suggesters for the open document again (win.suggest). */
void           _gloss_window_suggest_run               (GlossWindow    *self);
/* Reads the open document's kept suggestions into the view; returns how
 * many the project keeps for it, rejected ones included (-1: none read). */
int            _gloss_window_suggest_reload            (GlossWindow    *self);

G_END_DECLS
