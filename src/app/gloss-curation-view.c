/* gloss-curation-view.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-annotation-list.h"
#include "gloss-annotation.h"
#include "gloss-command.h"
#include "gloss-curation-compare.h"
#include "gloss-curation-queue.h"
#include "gloss-curation-view.h"
#include "gloss-document.h"
#include "gloss-relation.h"
#include "gloss-schema.h"
#include "gloss-store.h"
#include "gloss-task-runner.h"
#include "gloss-label.h"

/* Characters of context shown on each side of a unit. */
#define CONTEXT_CHARS 60

/* ---- one row's item: a unit of a units array ---------------------------- */

#define GLOSS_TYPE_CURATION_ITEM (gloss_curation_item_get_type ())
G_DECLARE_FINAL_TYPE (GlossCurationItem, gloss_curation_item, GLOSS, CURATION_ITEM, GObject)

struct _GlossCurationItem
{
  GObject    parent_instance;
  GPtrArray             *units; /* owned ref */
  guint                  index;
  GlossCurationDocument *document; /* owned ref; NULL for the open document's rows */
};

G_DEFINE_FINAL_TYPE (GlossCurationItem, gloss_curation_item, G_TYPE_OBJECT)

static void
gloss_curation_item_finalize (GObject *object)
{
  g_clear_pointer (&GLOSS_CURATION_ITEM (object)->units, g_ptr_array_unref);
  g_clear_pointer (&GLOSS_CURATION_ITEM (object)->document, gloss_curation_document_unref);
  G_OBJECT_CLASS (gloss_curation_item_parent_class)->finalize (object);
}

static void
gloss_curation_item_class_init (GlossCurationItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gloss_curation_item_finalize;
}

static void
gloss_curation_item_init (GlossCurationItem *self)
{
}

static GlossCurationItem *
gloss_curation_item_new (GPtrArray             *units,
                         guint                  index,
                         GlossCurationDocument *document)
{
  GlossCurationItem *self = g_object_new (GLOSS_TYPE_CURATION_ITEM, NULL);

  self->units = g_ptr_array_ref (units);
  self->index = index;
  self->document = document != NULL ? gloss_curation_document_ref (document) : NULL;
  return self;
}

static GlossCurationUnit *
item_unit (GlossCurationItem *item)
{
  return item->units->pdata[item->index];
}

/* ---- the view ----------------------------------------------------------- */

struct _GlossCurationView
{
  GtkWidget            parent_instance;

  GlossProject        *project;       /* owned */
  GlossAnnotationList *annotations;   /* owned */
  GPtrArray           *units;         /* owned: GlossCurationUnit */
  GPtrArray           *live;          /* owned: GlossAnnotation of the open document */
  GPtrArray           *annotators;    /* owned: char *, everyone with a unit here, sorted:
                                       * the digit keys, fixed for the document */
  GHashTable          *rejected;      /* owned: unit keys */
  GListStore          *items;         /* owned: GlossCurationItem */
  GtkSingleSelection  *selection;     /* owned */
  GPtrArray           *undo_rejects;  /* owned: Rejection, the last on top */
  GPtrArray           *redo_rejects;  /* owned: Rejection */
  guint                refresh_id;
  guint                focus_id;      /* moves the keyboard focus to the selected row */
  gboolean             dirty;         /* units to recompute when shown or asked */

  /* The queue: every undecided disagreement of the project, filtered. */
  gboolean             queue_mode;
  GlossCurationFilter  filter;
  GPtrArray           *queue;            /* owned: GlossCurationDocument; NULL while collecting */
  GPtrArray           *queue_annotators; /* owned: char *, the project's, sorted: the digits */
  GCancellable        *queue_cancellable;
  GlossProject        *queue_project; /* owned: the project the queue comes from */
  guint                queue_decided; /* decisions taken in this queue */
  gboolean             updating_filters;

  /* template children */
  GtkWidget           *box;
  GtkButton           *accept_agreed_button;
  GtkLabel            *empty_label;
  GtkListView         *list_view;
  GtkLabel            *progress_label;
  GtkProgressBar       *collect_bar;
  GtkLabel            *keys_label;
  GtkStack            *stack;
  GtkToggleButton     *document_button;
  GtkToggleButton     *queue_button;
  GtkWidget           *filters_box;
  GtkDropDown         *label_dropdown;
  GtkDropDown         *pair_dropdown;
  GtkDropDown         *kind_dropdown;
  GtkWidget           *compare_scroller;
  GlossCurationCompare *compare;
};

G_DEFINE_FINAL_TYPE (GlossCurationView, gloss_curation_view, GTK_TYPE_WIDGET)

/* A rejection (or its taking back) as one undoable step. */
typedef struct
{
  char         *key;      /* the unit's */
  gboolean      rejected; /* what R made it */
  GlossCommand *top;      /* the document's next undo when R was pressed (may be NULL) */
} Rejection;

static void
rejection_free (gpointer data)
{
  Rejection *rejection = data;

  g_free (rejection->key);
  g_clear_object (&rejection->top);
  g_free (rejection);
}

enum
{
  EDIT_ANNOTATION,
  OPEN_DOCUMENT,
  CHANGES_APPLIED,
  MESSAGE,
  PROGRESS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean accept_unit (GlossCurationView *self,
                             guint              position,
                             guint              version,
                             GError           **error);
static gboolean set_rejected (GlossCurationView *self,
                              const char        *key,
                              gboolean           state,
                              GError           **error);

/* ---- helpers ----------------------------------------------------------- */

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static const char *
kind_css_class (GlossCurationKind kind)
{
  switch (kind)
    {
    case GLOSS_CURATION_AGREED:
      return "agreed";
    case GLOSS_CURATION_ONLY:
      return "only";
    case GLOSS_CURATION_LABEL:
    case GLOSS_CURATION_DETAILS:
      return "label";
    case GLOSS_CURATION_OVERLAP:
    default:
      return "overlap";
    }
}

static const char *
document_text (GlossCurationView *self)
{
  GlossDocument *document;

  if (self->annotations == NULL)
    return NULL;
  document = gloss_annotation_list_get_document (self->annotations);
  return document != NULL ? gloss_document_get_text (document) : NULL;
}

/* "…context <b>unit</b> context…" as markup. */
static char *
unit_markup (const char        *text,
             glong              length,
             GlossCurationUnit *unit)
{
  guint from = unit->start > CONTEXT_CHARS ? unit->start - CONTEXT_CHARS : 0;
  guint to = MIN ((glong) unit->end + CONTEXT_CHARS, length);
  const char *p_from = g_utf8_offset_to_pointer (text, from);
  const char *p_start = g_utf8_offset_to_pointer (p_from, unit->start - from);
  const char *p_end = g_utf8_offset_to_pointer (p_start, unit->end - unit->start);
  const char *p_to = g_utf8_offset_to_pointer (p_end, to - unit->end);
  g_autofree char *before = NULL;
  g_autofree char *inside = NULL;
  g_autofree char *after = NULL;

  /* Whole words of context. */
  if (from > 0)
    for (const char *p = p_from; p < p_start; p = g_utf8_next_char (p))
      if (g_unichar_isspace (g_utf8_get_char (p)))
        {
          p_from = g_utf8_next_char (p);
          break;
        }
  if ((glong) to < length)
    for (const char *p = p_to; p > p_end; p = g_utf8_prev_char (p))
      if (g_unichar_isspace (g_utf8_get_char (p)))
        {
          p_to = p;
          break;
        }

  before = g_strndup (p_from, p_start - p_from);
  inside = g_strndup (p_start, p_end - p_start);
  after = g_strndup (p_end, p_to - p_end);

  g_strdelimit (before, "\n\r\t", ' ');
  g_strdelimit (inside, "\n\r\t", ' ');
  g_strdelimit (after, "\n\r\t", ' ');

  return g_markup_printf_escaped ("%s%s<b>%s</b>%s%s", from > 0 ? "…" : "", before, inside,
                                  after, (glong) to < length ? "…" : "");
}

/* A link's targets as stored in a difference ("LABEL 3-9, LABEL 12-15,20-22")
 * as markup: “covered text”, … */
static void
append_targets_markup (GString    *markup,
                       const char *text,
                       const char *value)
{
  g_auto(GStrv) targets = g_strsplit (value, ", ", -1);

  for (guint i = 0; targets[i] != NULL; i++)
    {
      const char *space = strrchr (targets[i], ' ');
      g_auto(GStrv) ranges = g_strsplit (space != NULL ? space + 1 : "", ",", -1);
      GString         *covered = g_string_new (NULL);
      g_autofree char *escaped = NULL;

      for (guint j = 0; ranges[j] != NULL; j++)
        {
          guint64 start = 0, end = 0;
          char   *dash = strchr (ranges[j], '-');

          if (dash == NULL)
            continue;
          start = g_ascii_strtoull (ranges[j], NULL, 10);
          end = g_ascii_strtoull (dash + 1, NULL, 10);
          if (j > 0)
            g_string_append (covered, " … ");
          if (end > start && g_utf8_strlen (text, -1) >= (glong) end)
            {
              const char *a = g_utf8_offset_to_pointer (text, (glong) start);
              const char *b = g_utf8_offset_to_pointer (text, (glong) end);

              g_string_append_len (covered, a, b - a);
            }
        }
      escaped = g_markup_printf_escaped ("%s“%s”", i > 0 ? ", " : "", covered->str);
      g_string_append (markup, escaped);
      g_string_free (covered, TRUE);
    }
}

/* What the versions of a DETAILS unit disagree on, a line each:
 * "certainty: alice alleged · ben hedged · cai —". */
static void
append_differences_markup (GString           *markup,
                           const char        *text,
                           GlossCurationUnit *unit)
{
  for (guint i = 0; i < unit->differences->len; i++)
    {
      GlossCurationDifference *difference = unit->differences->pdata[i];
      g_autofree char         *name = g_markup_escape_text (difference->name, -1);

      g_string_append_printf (markup, "\n<i>%s</i>:", name);
      for (guint k = 0; k < difference->values->len; k++)
        {
          const char      *value = difference->values->pdata[k];
          g_autofree char *who = g_markup_escape_text (unit->annotators->pdata[k], -1);

          g_string_append_printf (markup, "%s %s ", k > 0 ? " ·" : "", who);
          if (value == NULL)
            g_string_append (markup, "—");
          else if (difference->relation)
            append_targets_markup (markup, text, value);
          else
            {
              g_autofree char *escaped = g_markup_escape_text (value, -1);

              g_string_append_printf (markup, "<b>%s</b>", escaped);
            }
        }
    }
}

/* One line per annotator: "1  alice  PERSON “Ruslan Vey”". */
static int
version_of (GlossCurationUnit *unit,
            const char        *annotator)
{
  for (guint i = 0; i < unit->annotators->len; i++)
    if (g_strcmp0 (unit->annotators->pdata[i], annotator) == 0)
      return (int) i;
  return -1;
}

/* One line per annotator of the document, by their key, whether or not
 * they have a version here: "1  alice: PERSON “Ruslan Vey”", "2  ben: —
 * skipped". */
static char *
versions_markup (const char        *text,
                 GlossCurationUnit *unit,
                 GPtrArray         *annotators)
{
  GString *markup = g_string_new (NULL);

  for (guint k = 0; k < annotators->len; k++)
    {
      int              i = version_of (unit, annotators->pdata[k]);
      GPtrArray       *version = i >= 0 ? unit->versions->pdata[i] : NULL;
      g_autofree char *who = g_markup_escape_text (annotators->pdata[k], -1);

      if (k > 0)
        g_string_append_c (markup, '\n');
      if (version == NULL)
        g_string_append (markup, "<span alpha='55%'>");
      if (k < 9)
        g_string_append_printf (markup, "<span font_features='tnum'><b>%u</b></span>  ", k + 1);
      else
        g_string_append (markup, "    ");
      g_string_append_printf (markup, "%s:", who);
      if (version == NULL)
        {
          /* Translators: an annotator made nothing in this curation unit */
          g_string_append_printf (markup, " — %s</span>", _("skipped"));
          continue;
        }
      for (guint j = 0; j < version->len; j++)
        {
          GlossAnnotation *annotation = version->pdata[j];
          g_autofree char *covered = gloss_annotation_dup_text (annotation, text);
          g_autofree char *escaped = NULL;

          escaped = g_markup_printf_escaped (" <b>%s</b> “%s”%s",
                                             gloss_annotation_get_label (annotation), covered,
                                             j + 1 < version->len ? "," : "");
          g_string_append (markup, escaped);
        }
    }

  append_differences_markup (markup, text, unit);

  if (unit->gold->len > 0)
    {
      g_string_append (markup, "\n");
      g_string_append (markup, _("<i>gold:</i>"));
      for (guint j = 0; j < unit->gold->len; j++)
        {
          GlossAnnotation *annotation = unit->gold->pdata[j];
          g_autofree char *covered = gloss_annotation_dup_text (annotation, text);
          g_autofree char *escaped = g_markup_printf_escaped (" <b>%s</b> “%s”",
                                                              gloss_annotation_get_label (
                                                                annotation),
                                                              covered);
          g_string_append (markup, escaped);
        }
    }

  return g_string_free (markup, FALSE);
}

/* Who the digits 1–9 are: the open document's annotators, or in the
 * queue the project's (so a digit means one person across documents). */
static GPtrArray *
digit_annotators (GlossCurationView *self)
{
  return self->queue_mode && self->queue_annotators != NULL ? self->queue_annotators
                                                            : self->annotators;
}

/* ---- focus and selection: one thing ------------------------------------
 *
 * GtkListView moves its own focus with the arrow keys, from the row that
 * has the focus; a digit selects the next unit without moving that focus,
 * so Down used to go back to the row after the one decided last and a
 * "1 Down 1" rhythm re-accepted decided units. The arrows here move from
 * the selection, and the focus follows every selection. */

static gboolean
focus_is_within (GlossCurationView *self)
{
  GtkRoot   *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL &&
         (focus == GTK_WIDGET (self) || gtk_widget_is_ancestor (focus, GTK_WIDGET (self)));
}

/* The row widget (GtkListView's child) showing @position, if it exists. */
static GtkWidget *
row_widget (GlossCurationView *self,
            guint              position)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget   *box = gtk_widget_get_first_child (child);
      GtkListItem *item = box != NULL ? g_object_get_data (G_OBJECT (box), "gloss-list-item")
                                      : NULL;

      if (item != NULL && gtk_list_item_get_item (item) != NULL &&
          gtk_list_item_get_position (item) == position)
        return child;
    }
  return NULL;
}

static gboolean
focus_selected_cb (gpointer user_data)
{
  GlossCurationView *self = user_data;
  guint              selected = gtk_single_selection_get_selected (self->selection);
  GtkWidget         *row;

  self->focus_id = 0;
  if (selected == GTK_INVALID_LIST_POSITION || !focus_is_within (self))
    return G_SOURCE_REMOVE;

  row = row_widget (self, selected);
  if (row != NULL)
    gtk_widget_grab_focus (row);
  return G_SOURCE_REMOVE;
}

/* After the list has laid out the row (it may have just scrolled to it). */
static void
queue_focus_selected (GlossCurationView *self)
{
  if (self->focus_id == 0)
    self->focus_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, focus_selected_cb, self, NULL);
}

static void
count_units (GlossCurationView *self,
             guint             *n_curated,
             guint             *n_units,
             guint             *n_agreed)
{
  *n_curated = *n_units = *n_agreed = 0;
  if (self->units == NULL)
    return;

  *n_units = self->units->len;
  for (guint i = 0; i < self->units->len; i++)
    {
      GlossCurationUnit *unit = self->units->pdata[i];

      if (gloss_curation_unit_is_curated (unit, self->rejected))
        (*n_curated)++;
      else if (unit->kind == GLOSS_CURATION_AGREED)
        (*n_agreed)++;
    }
}

/* The rows of the queue's @document: where they start in the list, and
 * how many there are (contiguous, in queue order). */
static gboolean
queue_rows_of (GlossCurationView     *self,
               GlossCurationDocument *document,
               guint                 *first,
               guint                 *n_rows)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  *first = 0;
  *n_rows = 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossCurationItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (item->document != document)
        {
          if (*n_rows > 0)
            break;
          continue;
        }
      if (*n_rows == 0)
        *first = i;
      (*n_rows)++;
    }
  return *n_rows > 0;
}

static void
append_document_items (GPtrArray             *items,
                       GlossCurationDocument *document)
{
  for (guint j = 0; j < document->matches->len; j++)
    g_ptr_array_add (items, gloss_curation_item_new (
                              document->units, g_array_index (document->matches, guint, j),
                              document));
}

static GlossCurationDocument *
queue_document (GlossCurationView *self,
                const char        *uuid)
{
  for (guint i = 0; self->queue != NULL && i < self->queue->len; i++)
    {
      GlossCurationDocument *document = self->queue->pdata[i];

      if (g_strcmp0 (document->uuid, uuid) == 0)
        return document;
    }
  return NULL;
}

/* Replaces the list's rows (keeping the keys in the list). */
static void
splice_items (GlossCurationView *self,
              guint              position,
              guint              n_removed,
              GPtrArray         *items)
{
  gboolean had_focus = focus_is_within (self);

  g_list_store_splice (self->items, position, n_removed, items->pdata, items->len);
  if (had_focus && !focus_is_within (self))
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

/* After the open document's units were recomputed: its rows in the queue
 * follow (a decided unit keeps its row, with its new state). */
static void
queue_sync_current (GlossCurationView *self)
{
  GlossDocument         *current;
  GlossCurationDocument *document;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint selected = gtk_single_selection_get_selected (self->selection);
  guint first, n_rows;

  if (self->annotations == NULL || self->queue == NULL || self->units == NULL)
    return;
  current = gloss_annotation_list_get_document (self->annotations);
  document = queue_document (self, gloss_document_get_uuid (current));
  if (document == NULL)
    return;

  gloss_curation_document_update (document, self->units, self->live, self->rejected,
                                  &self->filter);
  if (!queue_rows_of (self, document, &first, &n_rows))
    {
      /* its rows are not there yet: after the rows of the documents before it */
      guint index = 0;

      g_ptr_array_find (self->queue, document, &index);
      first = 0;
      for (guint i = 0; i < index; i++)
        first += ((GlossCurationDocument *) self->queue->pdata[i])->matches->len;
    }
  append_document_items (items, document);
  splice_items (self, first, n_rows, items);
  n_rows = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  if (selected != GTK_INVALID_LIST_POSITION && n_rows > 0)
    gtk_single_selection_set_selected (self->selection, MIN (selected, n_rows - 1));
}

static void
update_keys_label (GlossCurationView *self)
{
  /* The digits, the same in every unit of the document (of the queue): "1 alice". */
  GPtrArray *annotators = digit_annotators (self);
  GString   *keys = g_string_new (_("↑↓ units"));

  for (guint k = 0; k < annotators->len && k < 9; k++)
    g_string_append_printf (keys, " · %u %s", k + 1, (const char *) annotators->pdata[k]);
  if (annotators->len == 0)
    g_string_append (keys, _(" · 1–9 accept"));
  g_string_append (keys, _(" · R reject · G draw gold · E edit"));
  if (self->queue_mode)
    g_string_append (keys, _(" · N next undecided"));
  gtk_label_set_label (self->keys_label, keys->str);
  g_string_free (keys, TRUE);
}

static void
set_collect_fraction (GlossCurationView *self,
                      double             fraction)
{
  g_autofree char *text = NULL;

  /* Translators: %u is a percentage of the project's documents */
  text = g_strdup_printf (_("%u %% of the documents read"), (guint) (fraction * 100));
  gtk_progress_bar_set_fraction (self->collect_bar, fraction);
  gtk_progress_bar_set_text (self->collect_bar, text);
}

static void
update_progress (GlossCurationView *self)
{
  guint n_curated, n_units, n_agreed;
  g_autofree char *text = NULL;
  guint            n_rows = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  count_units (self, &n_curated, &n_units, &n_agreed);

  if (self->queue_mode)
    {
      if (self->queue == NULL)
        text = g_strdup (_("Collecting the disagreements of every document…"));
      else
        {
          guint left = 0, n_documents = 0;

          /* one pass: the units left, and the documents they are in */
          for (guint i = 0; i < self->queue->len; i++)
            {
              guint here = gloss_curation_document_count_undecided (self->queue->pdata[i]);

              left += here;
              n_documents += here > 0;
            }

          /* Translators: the project-wide queue of disagreements */
          text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%u left in %u document · %u decided",
                                               "%u left in %u documents · %u decided",
                                               n_documents),
                                  left, n_documents, self->queue_decided);
        }
      gtk_label_set_label (self->progress_label, text);
    }
  else
    {
      /* Translators: progress of the curation of one document */
      text = g_strdup_printf (_("Curated %u of %u units"), n_curated, n_units);
      gtk_label_set_label (self->progress_label, self->annotations != NULL ? text : "");
    }
  update_keys_label (self);
  gtk_widget_set_visible (self->filters_box, self->queue_mode);
  gtk_widget_set_sensitive (GTK_WIDGET (self->accept_agreed_button),
                            self->queue_mode ? self->queue_project != NULL : n_agreed > 0);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->accept_agreed_button),
                               self->queue_mode
                                 ? _("Copy every span all annotators agree on into the gold set, "
                                     "in every document")
                                 : _("Copy every span all annotators agree on into the gold set"));
  if (self->queue_mode)
    gtk_label_set_label (self->empty_label, self->queue == NULL
                         ? _("Collecting Disagreements…")
                         : _("No Undecided Disagreements"));
  else
    gtk_label_set_label (self->empty_label, _("No Annotations to Curate"));
  /* A large project's queue takes seconds: say how far it got, and let the
   * lead stop it. */
  if (self->queue_mode && self->queue == NULL && self->queue_cancellable != NULL)
    {
      if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "collecting") != 0)
        set_collect_fraction (self, 0);
      gtk_stack_set_visible_child_name (self->stack, "collecting");
    }
  else
    gtk_stack_set_visible_child_name (self->stack, n_rows > 0 ? "list" : "empty");
  g_signal_emit (self, signals[PROGRESS_CHANGED], 0);
}

static void
refresh (GlossCurationView *self)
{
  g_autoptr(GPtrArray) relations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) layers = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint selected = gtk_single_selection_get_selected (self->selection);

  self->dirty = FALSE;
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_pointer (&self->units, g_ptr_array_unref);
  g_clear_pointer (&self->live, g_ptr_array_unref);
  g_ptr_array_set_size (self->annotators, 0);

  if (self->annotations == NULL)
    {
      if (!self->queue_mode)
        g_list_store_remove_all (self->items);
      update_progress (self);
      return;
    }

  self->live = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->annotations)); i++)
    g_ptr_array_add (self->live, g_list_model_get_item (G_LIST_MODEL (self->annotations), i));

  {
    GListModel *model = gloss_annotation_list_get_relations (self->annotations);

    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      g_ptr_array_add (relations, g_list_model_get_item (model, i));
  }
  layers = gloss_curation_dup_layers (gloss_annotation_list_get_schema (self->annotations));
  self->units = gloss_curation_units_full (self->live, relations, NULL, layers,
                                           GLOSS_GOLD_ANNOTATOR);
  for (guint i = 0; i < self->units->len; i++)
    {
      GlossCurationUnit *unit = self->units->pdata[i];

      g_ptr_array_add (items, gloss_curation_item_new (self->units, i, NULL));
      for (guint k = 0; k < unit->annotators->len; k++)
        if (!g_ptr_array_find_with_equal_func (self->annotators, unit->annotators->pdata[k],
                                               g_str_equal, NULL))
          g_ptr_array_add (self->annotators, g_strdup (unit->annotators->pdata[k]));
    }
  g_ptr_array_sort (self->annotators, compare_names);

  if (self->queue_mode)
    {
      queue_sync_current (self);
      update_progress (self);
      return;
    }

  /* New rows replace the focused one: the keys stay in the list. */
  splice_items (self, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)), items);

  if (self->units->len > 0)
    {
      gtk_single_selection_set_selected (self->selection,
                                         selected == GTK_INVALID_LIST_POSITION
                                           ? 0
                                           : MIN (selected, self->units->len - 1));
      queue_focus_selected (self);
    }
  update_progress (self);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  GlossCurationView *self = user_data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

/* Recomputes at once what is stale (for the public API). */
static void
ensure_fresh (GlossCurationView *self)
{
  if (self->dirty || self->refresh_id != 0)
    refresh (self);
}

/* Units are recomputed only while the view is shown (and when asked for):
 * a hidden view costs nothing per edit. */
static void
annotations_changed_cb (GlossCurationView *self)
{
  self->dirty = TRUE;
  if (self->refresh_id == 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->refresh_id = g_idle_add (refresh_idle_cb, self);
}

static GlossCurationUnit *
unit_at (GlossCurationView *self,
         guint              position)
{
  if (self->units == NULL || position >= self->units->len)
    return NULL;
  return self->units->pdata[position];
}

/* Gold copies of the relations between what @command copies into gold
 * and what gold has (but @replaced, which @command deletes). */
static void
add_gold_relations (GlossCurationView *self,
                    GlossCommand      *command,
                    GHashTable        *copies,
                    GPtrArray         *replaced)
{
  GListModel *model = gloss_annotation_list_get_relations (self->annotations);
  g_autoptr(GPtrArray) relations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);

  if (g_hash_table_size (copies) == 0)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (relations, g_list_model_get_item (model, i));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->annotations)); i++)
    {
      GlossAnnotation *annotation = g_list_model_get_item (G_LIST_MODEL (self->annotations), i);

      if (replaced != NULL && g_ptr_array_find (replaced, annotation, NULL))
        g_object_unref (annotation);
      else
        g_ptr_array_add (annotations, annotation);
    }

  gloss_curation_copy_relations (relations, annotations, copies, GLOSS_GOLD_ANNOTATOR, command);
}

static void
emit_message (GlossCurationView *self,
              const char        *message)
{
  g_signal_emit (self, signals[MESSAGE], 0, message);
}

/* ---- rows -------------------------------------------------------------- */

typedef struct
{
  GtkLabel *where;
  GtkLabel *kind;
  GtkLabel *context;
  GtkLabel *versions;
  GtkLabel *state;
} RowWidgets;

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  RowWidgets *row = g_new0 (RowWidgets, 1);

  row->where = GTK_LABEL (gtk_label_new (NULL));
  row->kind = GTK_LABEL (gtk_label_new (NULL));
  row->context = GTK_LABEL (gtk_label_new (NULL));
  row->versions = GTK_LABEL (gtk_label_new (NULL));
  row->state = GTK_LABEL (gtk_label_new (NULL));

  gtk_widget_add_css_class (GTK_WIDGET (row->kind), "curation-badge");
  gtk_widget_set_valign (GTK_WIDGET (row->kind), GTK_ALIGN_START);
  gtk_widget_add_css_class (GTK_WIDGET (row->state), "curation-badge");
  gtk_widget_set_valign (GTK_WIDGET (row->state), GTK_ALIGN_START);
  gtk_label_set_wrap (row->context, TRUE);
  gtk_label_set_wrap_mode (row->context, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (row->context, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (row->context), TRUE);
  gtk_label_set_xalign (row->versions, 0);
  gtk_label_set_wrap (row->versions, TRUE);
  gtk_widget_set_margin_start (GTK_WIDGET (row->versions), 12);
  gtk_widget_add_css_class (GTK_WIDGET (row->versions), "curation-versions");

  gtk_label_set_xalign (row->where, 0);
  gtk_label_set_ellipsize (row->where, PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (GTK_WIDGET (row->where), "caption-heading");
  gtk_widget_add_css_class (GTK_WIDGET (row->where), "dim-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->where));
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (row->kind));
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (row->context));
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (row->state));
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->versions));
  gtk_widget_add_css_class (box, "curation-row");

  g_object_set_data_full (G_OBJECT (box), "gloss-row", row, g_free);
  g_object_set_data (G_OBJECT (box), "gloss-list-item", item);
  gtk_list_item_set_child (item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             GlossCurationView        *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  RowWidgets *row = g_object_get_data (G_OBJECT (box), "gloss-row");
  GlossCurationItem *curation_item = gtk_list_item_get_item (item);
  GlossCurationUnit     *unit = item_unit (curation_item);
  GlossCurationDocument *document = curation_item->document;
  const char            *text = document != NULL ? document->text : document_text (self);
  GHashTable            *rejected_keys = document != NULL ? document->rejected : self->rejected;
  g_autofree char *context = NULL;
  g_autofree char *versions = NULL;
  gboolean               rejected;

  rejected = rejected_keys != NULL && g_hash_table_contains (rejected_keys, unit->key);

  if (text == NULL)
    return;

  /* the document's name over its first row */
  if (document != NULL)
    {
      guint position = gtk_list_item_get_position (item);
      g_autoptr(GlossCurationItem) previous = NULL;

      if (position > 0 && position != GTK_INVALID_LIST_POSITION)
        previous = g_list_model_get_item (G_LIST_MODEL (self->items), position - 1);
      gtk_label_set_label (row->where, document->name);
      gtk_widget_set_visible (GTK_WIDGET (row->where),
                              previous == NULL || previous->document != document);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (row->where), FALSE);
  context = unit_markup (text,
                         document != NULL
                           ? document->length
                           : gloss_document_get_length (
                               gloss_annotation_list_get_document (self->annotations)),
                         unit);
  versions = versions_markup (text, unit, digit_annotators (self));
  gtk_label_set_markup (row->context, context);
  gtk_label_set_markup (row->versions, versions);

  gtk_label_set_label (row->kind, gloss_curation_kind_to_string (unit->kind));
  for (guint k = GLOSS_CURATION_AGREED; k <= GLOSS_CURATION_DETAILS; k++)
    gtk_widget_remove_css_class (GTK_WIDGET (row->kind), kind_css_class (k));
  gtk_widget_add_css_class (GTK_WIDGET (row->kind), kind_css_class (unit->kind));

  gtk_widget_remove_css_class (GTK_WIDGET (row->state), "accepted");
  gtk_widget_remove_css_class (GTK_WIDGET (row->state), "rejected");
  if (unit->gold->len > 0)
    {
      gtk_label_set_label (row->state, _("Accepted"));
      gtk_widget_add_css_class (GTK_WIDGET (row->state), "accepted");
    }
  else if (rejected)
    {
      gtk_label_set_label (row->state, _("Rejected"));
      gtk_widget_add_css_class (GTK_WIDGET (row->state), "rejected");
    }
  gtk_widget_set_visible (GTK_WIDGET (row->state), unit->gold->len > 0 || rejected);

  if (unit->gold->len > 0 || rejected)
    gtk_widget_add_css_class (box, "curated");
  else
    gtk_widget_remove_css_class (box, "curated");
}

/* ---- callbacks --------------------------------------------------------- */

/* Alt+A in the queue: every agreed unit of every document, one step. */
static void
accept_agreed_everywhere (GlossCurationView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossChangeSet) changes = NULL;
  g_autofree char *message = NULL;
  guint n_units = 0, n_documents = 0;

  if (self->queue_project == NULL)
    return;
  if (!gloss_curation_accept_agreed_everywhere (self->queue_project, &changes, &n_units,
                                                &n_documents, NULL, NULL, NULL, &error))
    {
      emit_message (self, error->message);
      return;
    }
  if (changes == NULL)
    {
      emit_message (self, _("No agreed unit is left to accept"));
      return;
    }
  {
    /* Translators: the first half of "3 agreed units accepted in 2 documents" */
    g_autofree char *units = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "%u agreed unit accepted",
                                                           "%u agreed units accepted", n_units),
                                              n_units);
    /* Translators: the second half of "3 agreed units accepted in 2 documents" */
    g_autofree char *where = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %u document",
                                                           "in %u documents", n_documents),
                                              n_documents);

    message = g_strdup_printf ("%s %s", units, where);
  }
  g_signal_emit (self, signals[CHANGES_APPLIED], 0, changes, message);
}

static void
accept_agreed_clicked_cb (GlossCurationView *self)
{
  g_autoptr(GError) error = NULL;
  int n;
  g_autofree char *message = NULL;

  if (self->queue_mode)
    {
      accept_agreed_everywhere (self);
      return;
    }
  n = gloss_curation_view_accept_agreed (self, &error);

  if (n < 0)
    message = g_strdup (error->message);
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d agreed unit accepted",
                                            "%d agreed units accepted", n), n);
  emit_message (self, message);
}

/* ---- the selected unit in its text ------------------------------------ */

/* Characters of text around a unit in the comparison: up to its
 * paragraph's edges, at most this many, cut at a space. */
#define COMPARE_CONTEXT 200

static guint
window_start (const char *text,
              guint       start)
{
  guint       from = start > COMPARE_CONTEXT ? start - COMPARE_CONTEXT : 0;
  const char *p = g_utf8_offset_to_pointer (text, from);
  const char *stop = g_utf8_offset_to_pointer (p, start - from);
  const char *space = NULL;

  /* the paragraph's start when it is near, else the first space */
  for (const char *q = stop; q > p;)
    {
      q = g_utf8_prev_char (q);
      if (*q == '\n')
        return from + (guint) g_utf8_pointer_to_offset (p, q) + 1;
    }
  if (from == 0)
    return 0;
  for (const char *q = p; q < stop && space == NULL; q = g_utf8_next_char (q))
    if (g_unichar_isspace (g_utf8_get_char (q)))
      space = q;
  return space != NULL ? from + (guint) g_utf8_pointer_to_offset (p, space) + 1 : from;
}

static guint
window_end (const char *text,
            guint       length,
            guint       end)
{
  guint       to = MIN (length, end + COMPARE_CONTEXT);
  const char *p = g_utf8_offset_to_pointer (text, end);
  const char *stop = g_utf8_offset_to_pointer (p, to - end);
  const char *space = NULL;

  for (const char *q = p; q < stop; q = g_utf8_next_char (q))
    if (*q == '\n')
      return end + (guint) g_utf8_pointer_to_offset (p, q);
  if (to == length)
    return length;
  for (const char *q = stop; q > p && space == NULL;)
    {
      q = g_utf8_prev_char (q);
      if (g_unichar_isspace (g_utf8_get_char (q)))
        space = q;
    }
  return space != NULL ? end + (guint) g_utf8_pointer_to_offset (p, space) : to;
}

/* The selected row's unit, line by line per annotator, in its text. */
static void
update_compare (GlossCurationView *self)
{
  guint selected = gtk_single_selection_get_selected (self->selection);
  g_autoptr(GlossCurationItem) item = NULL;
  GlossCurationUnit *unit;
  const char *text;
  guint length;
  g_autoptr(GPtrArray) annotations = NULL;
  GlossSchema *schema;

  if (selected != GTK_INVALID_LIST_POSITION)
    item = g_list_model_get_item (G_LIST_MODEL (self->items), selected);
  if (item == NULL || (item->document == NULL && self->annotations == NULL))
    {
      gloss_curation_compare_show (self->compare, NULL, NULL, 0, 0, NULL, NULL, 0, 0);
      gtk_widget_set_visible (self->compare_scroller, FALSE);
      return;
    }

  unit = item_unit (item);
  if (item->document != NULL)
    {
      g_autoptr(GError) error = NULL;

      text = item->document->text;
      length = item->document->length;
      /* a collected queue reads a document's annotations when it shows it */
      if (self->queue_project != NULL)
        annotations = gloss_curation_document_dup_annotations (
          item->document, gloss_project_get_store (self->queue_project), &error);
      if (error != NULL)
        emit_message (self, error->message);
    }
  else
    {
      GlossDocument *document = gloss_annotation_list_get_document (self->annotations);

      text = gloss_document_get_text (document);
      length = gloss_document_get_length (document);
      annotations = self->live != NULL ? g_ptr_array_ref (self->live) : NULL;
    }
  schema = self->queue_project != NULL ? gloss_project_get_schema (self->queue_project)
                                       : gloss_annotation_list_get_schema (self->annotations);
  if (text == NULL || annotations == NULL)
    return;

  gtk_widget_set_visible (self->compare_scroller, TRUE);
  gloss_curation_compare_show (self->compare, schema, text, window_start (text, unit->start),
                               window_end (text, length, unit->end), digit_annotators (self),
                               annotations, unit->start, unit->end);
}

static void
selection_changed_cb (GlossCurationView *self)
{
  update_compare (self);
}

static gboolean
focus_in_compare (GlossCurationView *self)
{
  GtkRoot   *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->compare));
}

/* The unit of row @position among the open document's units (its index
 * in self->units). A queue's row of another document opens that document
 * first: what a key decides is decided there, one undoable step in it. */
static gboolean
resolve_row (GlossCurationView *self,
             guint              position,
             guint             *unit_index,
             GError           **error)
{
  g_autoptr(GlossCurationItem) item = NULL;
  GlossCurationUnit *unit;
  GlossDocument     *current;

  if (position < g_list_model_get_n_items (G_LIST_MODEL (self->items)))
    item = g_list_model_get_item (G_LIST_MODEL (self->items), position);
  if (item == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("There is no such unit"));
      return FALSE;
    }
  if (item->document == NULL)
    {
      ensure_fresh (self);
      if (self->units == NULL || item->index >= self->units->len)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("There is no such unit"));
          return FALSE;
        }
      *unit_index = item->index;
      return TRUE;
    }

  current = self->annotations != NULL ? gloss_annotation_list_get_document (self->annotations)
                                      : NULL;
  if (current == NULL || g_strcmp0 (gloss_document_get_uuid (current), item->document->uuid) != 0)
    {
      g_signal_emit (self, signals[OPEN_DOCUMENT], 0, item->document->name);
      current = self->annotations != NULL
                ? gloss_annotation_list_get_document (self->annotations)
                : NULL;
      if (current == NULL ||
          g_strcmp0 (gloss_document_get_uuid (current), item->document->uuid) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("Could not open “%s”"),
                       item->document->name);
          return FALSE;
        }
    }

  ensure_fresh (self);
  unit = item_unit (item);
  for (guint i = 0; self->units != NULL && i < self->units->len; i++)
    if (strcmp (((GlossCurationUnit *) self->units->pdata[i])->key, unit->key) == 0)
      {
        *unit_index = i;
        return TRUE;
      }

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("This unit was changed in the text; collect the queue again"));
  return FALSE;
}

static gboolean
row_is_curated (GlossCurationView *self,
                guint              position)
{
  g_autoptr(GlossCurationItem) item = g_list_model_get_item (G_LIST_MODEL (self->items),
                                                              position);
  GHashTable *rejected;

  if (item == NULL)
    return TRUE;
  rejected = item->document != NULL ? item->document->rejected : self->rejected;
  return gloss_curation_unit_is_curated (item_unit (item), rejected);
}

/* The first undecided row after @position, then from the top; @position
 * itself when none is left. */
static guint
next_undecided (GlossCurationView *self,
                guint              position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  for (guint step = 1; step <= n; step++)
    {
      guint candidate = (position + step) % n;

      if (!row_is_curated (self, candidate))
        return candidate;
    }
  return position;
}

/* After a decision: the next unit of the document, or in the queue the
 * next undecided one, whatever document it is in. */
static void
select_after_decision (GlossCurationView *self,
                       guint              position)
{
  if (!self->queue_mode)
    {
      gloss_curation_view_select (self, position + 1);
      return;
    }

  self->queue_decided++;
  update_progress (self);
  if (gloss_curation_queue_count_undecided (self->queue) == 0)
    {
      emit_message (self, _("Every disagreement in the queue is decided"));
      return;
    }
  gloss_curation_view_select (self, next_undecided (self, position));
}

static void collect_cancel_cb (GlossCurationView *self);

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GlossCurationView     *self)
{
  guint selected;
  g_autoptr(GlossCurationItem) item = NULL;
  g_autoptr(GError) error = NULL;
  guint digit;
  guint unit_index;

  /* On the gold line the keys select text and pick labels; Escape
   * goes back to the units. */
  if (focus_in_compare (self))
    {
      if (keyval != GDK_KEY_Escape)
        return FALSE;
      queue_focus_selected (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
      return TRUE;
    }

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0)
    return FALSE;

  /* Escape while the queue is collected: stop, as Cancel does */
  if (keyval == GDK_KEY_Escape && self->queue_mode && self->queue == NULL &&
      self->queue_cancellable != NULL)
    {
      collect_cancel_cb (self);
      return TRUE;
    }

  /* Q: the open document, or the queue of the whole project */
  if (keyval == GDK_KEY_q || keyval == GDK_KEY_Q)
    {
      gloss_curation_view_set_queue_mode (self, !self->queue_mode);
      return TRUE;
    }

  ensure_fresh (self);
  selected = gtk_single_selection_get_selected (self->selection);
  if (selected != GTK_INVALID_LIST_POSITION)
    item = g_list_model_get_item (G_LIST_MODEL (self->items), selected);
  if (item == NULL)
    return FALSE;

  digit = gdk_keyval_to_unicode (keyval);
  if (digit >= '1' && digit <= '9')
    {
      GPtrArray  *annotators = digit_annotators (self);
      const char *annotator;
      int         version;

      /* A digit is an annotator for the whole document (the legend). */
      if (digit - '1' >= annotators->len)
        {
          emit_message (self, self->queue_mode
                        ? _("No annotator with that number in this project")
                        : _("No annotator with that number in this document"));
          return TRUE;
        }
      annotator = annotators->pdata[digit - '1'];
      version = version_of (item_unit (item), annotator);
      if (version < 0)
        {
          g_autofree char *message = NULL;

          /* Translators: %s is an annotator's name */
          message = g_strdup_printf (_("%s skipped this unit"), annotator);
          emit_message (self, message);
          return TRUE;
        }
      if (!resolve_row (self, selected, &unit_index, &error) ||
          !accept_unit (self, unit_index,
                        (guint) version_of (self->units->pdata[unit_index],
                                            annotator),
                        &error))
        emit_message (self, error->message);
      else
        select_after_decision (self, selected);
      return TRUE;
    }

  switch (keyval)
    {
    /* From the selected unit, whatever row GtkListView thinks has focus. */
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      gloss_curation_view_select (self, selected + 1);
      return TRUE;

    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      gloss_curation_view_select (self, selected > 0 ? selected - 1 : 0);
      return TRUE;

    case GDK_KEY_Home:
      gloss_curation_view_select (self, 0);
      return TRUE;

    case GDK_KEY_End:
      gloss_curation_view_select (self, G_MAXUINT);
      return TRUE;

    case GDK_KEY_n:
    case GDK_KEY_N:
      {
        guint next = next_undecided (self, selected);

        if (next == selected && row_is_curated (self, selected))
          emit_message (self, _("Nothing is left undecided here"));
        else
          gloss_curation_view_select (self, next);
        return TRUE;
      }

    /* G: draw the gold span no one proposed, on the gold line */
    case GDK_KEY_g:
    case GDK_KEY_G:
      gtk_widget_set_visible (self->compare_scroller, TRUE);
      gloss_curation_compare_focus_gold (self->compare);
      return TRUE;

    case GDK_KEY_r:
    case GDK_KEY_R:
      if (!gloss_curation_view_reject (self, selected, &error))
        emit_message (self, error->message);
      else
        select_after_decision (self, selected);
      return TRUE;

    case GDK_KEY_e:
    case GDK_KEY_E:
      {
        GlossCurationUnit *unit;
        GPtrArray         *version;

        if (!resolve_row (self, selected, &unit_index, &error))
          {
            emit_message (self, error->message);
            return TRUE;
          }
        unit = self->units->pdata[unit_index];
        version = unit->versions->pdata[0];
        g_signal_emit (self, signals[EDIT_ANNOTATION], 0,
                       gloss_annotation_get_uuid (unit->gold->len > 0 ? unit->gold->pdata[0]
                                                                      : version->pdata[0]));
        return TRUE;
      }

    default:
      return FALSE;
    }
}

/* ---- the queue --------------------------------------------------------- */

typedef struct
{
  GlossCurationFilter filter;
  GPtrArray          *queue;
  GPtrArray          *annotators;
  GCancellable       *cancellable;
} Collect;

static void
collect_free (Collect *collect)
{
  gloss_curation_filter_clear (&collect->filter);
  g_clear_pointer (&collect->queue, g_ptr_array_unref);
  g_clear_pointer (&collect->annotators, g_ptr_array_unref);
  g_clear_object (&collect->cancellable);
  g_free (collect);
}

static gboolean
collect_worker (GlossProject     *project,
                gpointer          data,
                GlossProgressFunc progress,
                gpointer          progress_data,
                GCancellable     *cancellable,
                GError          **error)
{
  Collect *collect = data;

  collect->queue = gloss_curation_queue_collect (project, &collect->filter, collect->annotators,
                                                 progress, progress_data, cancellable, error);
  return collect->queue != NULL;
}

static void
collect_progress_cb (double   fraction,
                     gpointer user_data)
{
  GlossCurationView *self = user_data;
  g_autofree char   *text = NULL;

  if (!self->queue_mode || self->queue != NULL)
    return;
  /* Translators: %u is a percentage */
  text = g_strdup_printf (_("Collecting the disagreements of every document… %u %%"),
                             (guint) (fraction * 100));
  gtk_label_set_label (self->progress_label, text);
  set_collect_fraction (self, fraction);
}

/* Cancel (or Escape) while the queue is collected: back to the open
 * document, which stops the collection. */
static void
collect_cancel_cb (GlossCurationView *self)
{
  gloss_curation_view_set_queue_mode (self, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void update_filter_widgets (GlossCurationView *self);

static void
collect_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GlossCurationView *self = GLOSS_CURATION_VIEW (source);
  Collect           *collect = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean ok = gloss_task_runner_run_finish (result, &error);

  /* a newer collection (or leaving the queue) replaced this one */
  if (collect->cancellable != self->queue_cancellable || !self->queue_mode)
    {
      collect_free (collect);
      return;
    }
  g_clear_object (&self->queue_cancellable);

  if (!ok)
    {
      emit_message (self, error->message);
      collect_free (collect);
      return;
    }

  g_clear_pointer (&self->queue, g_ptr_array_unref);
  g_clear_pointer (&self->queue_annotators, g_ptr_array_unref);
  self->queue = g_steal_pointer (&collect->queue);
  self->queue_annotators = g_steal_pointer (&collect->annotators);
  self->queue_decided = 0;
  collect_free (collect);

  for (guint i = 0; i < self->queue->len; i++)
    append_document_items (items, self->queue->pdata[i]);
  splice_items (self, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)), items);
  /* the open document as it is now, edits since the collection included */
  queue_sync_current (self);
  update_filter_widgets (self);
  update_progress (self);
  if (items->len > 0)
    gloss_curation_view_select (self, 0);
}

static void
collect_queue (GlossCurationView *self)
{
  Collect *collect;

  if (self->queue_cancellable != NULL)
    g_cancellable_cancel (self->queue_cancellable);
  g_clear_object (&self->queue_cancellable);
  g_clear_pointer (&self->queue, g_ptr_array_unref);
  if (self->queue_mode)
    g_list_store_remove_all (self->items);
  if (self->queue_project == NULL)
    {
      update_progress (self);
      return;
    }

  collect = g_new0 (Collect, 1);
  collect->filter.label = g_strdup (self->filter.label);
  collect->filter.annotator_a = g_strdup (self->filter.annotator_a);
  collect->filter.annotator_b = g_strdup (self->filter.annotator_b);
  collect->filter.kind = self->filter.kind;
  collect->annotators = g_ptr_array_new_with_free_func (g_free);
  collect->cancellable = g_cancellable_new ();
  self->queue_cancellable = g_object_ref (collect->cancellable);
  update_progress (self);

  gloss_task_runner_run_async (self, self->queue_project, collect_worker, collect, NULL,
                               collect_progress_cb, self, collect->cancellable, collect_done_cb,
                               collect);
}

/* ---- filters ----------------------------------------------------------- */

static const int filter_kinds[] = {
  -1,
  GLOSS_CURATION_LABEL,
  GLOSS_CURATION_OVERLAP,
  GLOSS_CURATION_DETAILS,
  GLOSS_CURATION_ONLY,
};

/* The dropdowns show the filter: labels of the schema, pairs of the
 * project's annotators and each annotator against anyone. */
static void
update_filter_widgets (GlossCurationView *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) pairs = gtk_string_list_new (NULL);
  GPtrArray   *annotators = self->queue_annotators;
  guint        label_position = 0, pair_position = 0, kind_position = 0;
  GlossSchema *schema = self->queue_project != NULL
                        ? gloss_project_get_schema (self->queue_project)
                        : NULL;
  const char  *a = self->filter.annotator_a, *b = self->filter.annotator_b;

  self->updating_filters = TRUE;

  gtk_string_list_append (labels, _("All labels"));
  if (schema != NULL)
    {
      GListModel *model = gloss_schema_get_labels (schema);

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(GlossLabel) label = g_list_model_get_item (model, i);

          gtk_string_list_append (labels, gloss_label_get_name (label));
          if (g_strcmp0 (gloss_label_get_name (label), self->filter.label) == 0)
            label_position = i + 1;
        }
    }

  /* "alice ↔ ben" for each pair, then "alice ↔ anyone" */
  gtk_string_list_append (pairs, _("All annotators"));
  g_object_set_data_full (G_OBJECT (pairs), "gloss-pairs",
                          g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev),
                          (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; annotators != NULL && i < annotators->len; i++)
    for (guint j = i + 1; j < annotators->len; j++)
      {
        GPtrArray       *values = g_object_get_data (G_OBJECT (pairs), "gloss-pairs");
        const char      *first = annotators->pdata[i];
        const char      *second = annotators->pdata[j];
        g_autofree char *name = NULL;
        char            *pair[] = { (char *) first, (char *) second, NULL };

        name = g_strdup_printf ("%s ↔ %s", first, second);
        gtk_string_list_append (pairs, name);
        g_ptr_array_add (values, g_strdupv (pair));
        if ((g_strcmp0 (a, first) == 0 && g_strcmp0 (b, second) == 0) ||
            (g_strcmp0 (b, first) == 0 && g_strcmp0 (a, second) == 0))
          pair_position = values->len;
      }
  for (guint i = 0; annotators != NULL && i < annotators->len; i++)
    {
      GPtrArray       *values = g_object_get_data (G_OBJECT (pairs), "gloss-pairs");
      const char      *first = annotators->pdata[i];
      char            *pair[] = { (char *) first, (char *) "", NULL };
      /* Translators: the disagreements of one annotator with any other */
      g_autofree char *name = g_strdup_printf (_("%s ↔ anyone"), first);

      gtk_string_list_append (pairs, name);
      g_ptr_array_add (values, g_strdupv (pair));
      if ((g_strcmp0 (a, first) == 0 && (b == NULL || *b == '\0')) ||
          (g_strcmp0 (b, first) == 0 && (a == NULL || *a == '\0')))
        pair_position = values->len;
    }

  for (guint i = 0; i < G_N_ELEMENTS (filter_kinds); i++)
    if (filter_kinds[i] == self->filter.kind)
      kind_position = i;

  gtk_drop_down_set_model (self->label_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->label_dropdown, label_position);
  gtk_drop_down_set_model (self->pair_dropdown, G_LIST_MODEL (pairs));
  gtk_drop_down_set_selected (self->pair_dropdown, pair_position);
  gtk_drop_down_set_selected (self->kind_dropdown, kind_position);

  self->updating_filters = FALSE;
}

static void
filter_changed_cb (GlossCurationView *self)
{
  GListModel *labels = gtk_drop_down_get_model (self->label_dropdown);
  GListModel *pairs = gtk_drop_down_get_model (self->pair_dropdown);
  guint       label = gtk_drop_down_get_selected (self->label_dropdown);
  guint       pair = gtk_drop_down_get_selected (self->pair_dropdown);
  guint       kind = gtk_drop_down_get_selected (self->kind_dropdown);
  GPtrArray  *values = pairs != NULL ? g_object_get_data (G_OBJECT (pairs), "gloss-pairs") : NULL;

  if (self->updating_filters)
    return;

  gloss_curation_filter_clear (&self->filter);
  if (label != GTK_INVALID_LIST_POSITION && label > 0 && labels != NULL)
    self->filter.label = g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (labels), label));
  if (pair != GTK_INVALID_LIST_POSITION && pair > 0 && values != NULL && pair <= values->len)
    {
      char **names = values->pdata[pair - 1];

      self->filter.annotator_a = g_strdup (names[0]);
      self->filter.annotator_b = g_strdup (names[1]);
    }
  if (kind != GTK_INVALID_LIST_POSITION && kind < G_N_ELEMENTS (filter_kinds))
    self->filter.kind = filter_kinds[kind];
  collect_queue (self);
}

/* A span drawn on the gold line: a gold annotation, one undoable step in
 * the row's document. */
static void
draw_gold_cb (GlossCurationView *self,
              guint              start,
              guint              end,
              const char        *label)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossCommand) command = NULL;
  g_autoptr(GlossAnnotation) annotation = NULL;
  guint selected = gtk_single_selection_get_selected (self->selection);
  guint unit_index;

  if (selected == GTK_INVALID_LIST_POSITION || start >= end ||
      !resolve_row (self, selected, &unit_index, &error))
    {
      if (error != NULL)
        emit_message (self, error->message);
      return;
    }

  annotation = gloss_annotation_new_span (label, start, end, GLOSS_GOLD_ANNOTATOR);
  /* Translators: an undoable step, with a label's name */
  {
    g_autofree char *description = g_strdup_printf (_("Draw gold %s"), label);

    command = gloss_command_new (description);
  }
  gloss_command_create_annotation (command, annotation);
  if (!gloss_annotation_list_apply (self->annotations, command, &error))
    {
      emit_message (self, error->message);
      return;
    }
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  refresh (self);
  /* drawn is decided: on to the next unit, the keys back in the list */
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
  select_after_decision (self, selected);
  update_compare (self);
}

static void
mode_toggled_cb (GlossCurationView *self)
{
  gboolean queue = gtk_toggle_button_get_active (self->queue_button);

  if (queue != self->queue_mode)
    gloss_curation_view_set_queue_mode (self, queue);
}

void
_gloss_teams_ensure_css (void)
{
  static gboolean loaded = FALSE;
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkDisplay *display = gdk_display_get_default ();

  if (loaded || display == NULL)
    return;
  loaded = TRUE;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/gloss-teams.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/* ---- vfuncs ------------------------------------------------------------ */

/* The keyboard goes to the list of units. */
static gboolean
gloss_curation_view_grab_focus (GtkWidget *widget)
{
  GlossCurationView *self = GLOSS_CURATION_VIEW (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
gloss_curation_view_map (GtkWidget *widget)
{
  GlossCurationView *self = GLOSS_CURATION_VIEW (widget);

  GTK_WIDGET_CLASS (gloss_curation_view_parent_class)->map (widget);

  if (self->dirty)
    refresh (self);
}

static void
gloss_curation_view_dispose (GObject *object)
{
  GlossCurationView *self = GLOSS_CURATION_VIEW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->focus_id, g_source_remove);
  if (self->annotations != NULL)
    g_signal_handlers_disconnect_by_data (self->annotations, self);
  g_clear_object (&self->annotations);
  g_clear_object (&self->project);

  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_CURATION_VIEW);

  g_clear_object (&self->selection);
  g_clear_object (&self->items);
  g_clear_pointer (&self->units, g_ptr_array_unref);
  g_clear_pointer (&self->live, g_ptr_array_unref);
  g_clear_pointer (&self->rejected, g_hash_table_unref);
  g_clear_pointer (&self->annotators, g_ptr_array_unref);
  if (self->queue_cancellable != NULL)
    g_cancellable_cancel (self->queue_cancellable);
  g_clear_object (&self->queue_cancellable);
  g_clear_object (&self->queue_project);
  g_clear_pointer (&self->queue, g_ptr_array_unref);
  g_clear_pointer (&self->queue_annotators, g_ptr_array_unref);
  gloss_curation_filter_clear (&self->filter);
  g_clear_pointer (&self->undo_rejects, g_ptr_array_unref);
  g_clear_pointer (&self->redo_rejects, g_ptr_array_unref);

  G_OBJECT_CLASS (gloss_curation_view_parent_class)->dispose (object);
}

static void
gloss_curation_view_class_init (GlossCurationViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_curation_view_dispose;
  widget_class->map = gloss_curation_view_map;
  widget_class->grab_focus = gloss_curation_view_grab_focus;

  signals[EDIT_ANNOTATION] = g_signal_new ("edit-annotation", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[OPEN_DOCUMENT] = g_signal_new ("open-document", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                         G_TYPE_STRING);
  signals[CHANGES_APPLIED] = g_signal_new ("changes-applied", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                           2, GLOSS_TYPE_CHANGE_SET, G_TYPE_STRING);
  signals[PROGRESS_CHANGED] = g_signal_new ("progress-changed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 0);
  signals[MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/gloss-curation-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossCurationView, accept_agreed_button);
  gtk_widget_class_bind_template_child (widget_class, GlossCurationView, box);
  gtk_widget_class_bind_template_child (widget_class, GlossCurationView, empty_label);
  gtk_widget_class_bind_template_child (widget_class, GlossCurationView, list_view);
  gtk_widget_class_bind_template_child (widget_class, GlossCurationView, progress_label);
  gtk_widget_class_bind_template_child (widget_class, GlossCurationView, collect_bar);
  gtk_widget_class_bind_template_child (widget_class, GlossCurationView, keys_label);
  gtk_widget_class_bind_template_child (widget_class, GlossCurationView, stack);
  gtk_widget_class_bind_template_child (widget_class, GlossCurationView, document_button);
  gtk_widget_class_bind_template_child (widget_class, GlossCurationView, queue_button);
  gtk_widget_class_bind_template_child (widget_class, GlossCurationView, filters_box);
  gtk_widget_class_bind_template_child (widget_class, GlossCurationView, label_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GlossCurationView, pair_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GlossCurationView, kind_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, accept_agreed_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, mode_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, collect_cancel_cb);
  gtk_widget_class_bind_template_callback (widget_class, draw_gold_cb);
  gtk_widget_class_bind_template_child (widget_class, GlossCurationView, compare_scroller);
  gtk_widget_class_bind_template_child (widget_class, GlossCurationView, compare);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "curationview");
}

static void
gloss_curation_view_init (GlossCurationView *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkEventController *controller;

  g_type_ensure (GLOSS_TYPE_CURATION_COMPARE);
  gtk_widget_init_template (GTK_WIDGET (self));
  _gloss_teams_ensure_css ();

  self->annotators = g_ptr_array_new_with_free_func (g_free);
  self->filter.kind = -1;
  self->undo_rejects = g_ptr_array_new_with_free_func (rejection_free);
  self->redo_rejects = g_ptr_array_new_with_free_func (rejection_free);
  self->items = g_list_store_new (GLOSS_TYPE_CURATION_ITEM);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->items)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row_cb), self, 0);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "items-changed", G_CALLBACK (selection_changed_cb),
                           self, G_CONNECT_SWAPPED);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  update_progress (self);
}


/* ---- public API -------------------------------------------------------- */

GtkWidget *
gloss_curation_view_new (void)
{
  return g_object_new (GLOSS_TYPE_CURATION_VIEW, NULL);
}

void
gloss_curation_view_set_annotation_list (GlossCurationView   *self,
                                         GlossProject        *project,
                                         GlossAnnotationList *annotations)
{
  gboolean had_focus;

  g_return_if_fail (GLOSS_IS_CURATION_VIEW (self));
  g_return_if_fail (annotations == NULL || GLOSS_IS_PROJECT (project));

  if (annotations == self->annotations)
    return;

  /* Alt+Down (the next document) from the list: the keys stay here. */
  had_focus = focus_is_within (self);

  if (self->annotations != NULL)
    g_signal_handlers_disconnect_by_data (self->annotations, self);
  g_set_object (&self->annotations, annotations);
  g_clear_object (&self->project);
  if (annotations != NULL)
    self->project = g_object_ref (project);
  g_clear_pointer (&self->rejected, g_hash_table_unref);
  g_ptr_array_set_size (self->undo_rejects, 0);
  g_ptr_array_set_size (self->redo_rejects, 0);
  /* The queue outlives the documents it opens, not its project. */
  if (project != NULL && project != self->queue_project)
    {
      gboolean had_queue = self->queue != NULL || self->queue_cancellable != NULL;

      g_set_object (&self->queue_project, project);
      if (had_queue || self->queue_mode)
        {
          gloss_curation_filter_clear (&self->filter);
          collect_queue (self);
        }
    }
  if (!self->queue_mode)
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);

  if (annotations != NULL)
    {
      GlossDocument *document = gloss_annotation_list_get_document (annotations);

      self->rejected = gloss_curation_load_rejected (gloss_project_get_store (project),
                                                     gloss_document_get_uuid (document));
      g_signal_connect_object (annotations, "items-changed",
                               G_CALLBACK (annotations_changed_cb), self, G_CONNECT_SWAPPED);
      /* a claim's links decide whether its versions agree */
      g_signal_connect_object (annotations, "relation-changed",
                               G_CALLBACK (annotations_changed_cb), self, G_CONNECT_SWAPPED);
    }

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (!self->queue_mode)
    g_list_store_remove_all (self->items);
  g_clear_pointer (&self->units, g_ptr_array_unref);
  g_clear_pointer (&self->live, g_ptr_array_unref);
  g_ptr_array_set_size (self->annotators, 0);
  if (annotations == NULL || gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh (self);
  else
    {
      self->dirty = TRUE;
      update_progress (self);
    }

  if (had_focus && !focus_is_within (self))
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
  queue_focus_selected (self);
}

GPtrArray *
gloss_curation_view_get_units (GlossCurationView *self)
{
  g_return_val_if_fail (GLOSS_IS_CURATION_VIEW (self), NULL);

  ensure_fresh (self);
  return self->units;
}

guint
gloss_curation_view_get_selected (GlossCurationView *self)
{
  g_return_val_if_fail (GLOSS_IS_CURATION_VIEW (self), GTK_INVALID_LIST_POSITION);

  return gtk_single_selection_get_selected (self->selection);
}

void
gloss_curation_view_select (GlossCurationView *self,
                            guint              position)
{
  guint n;

  g_return_if_fail (GLOSS_IS_CURATION_VIEW (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  if (n == 0)
    return;
  position = MIN (position, n - 1);
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                              position);
  queue_focus_selected (self);
}

gboolean
gloss_curation_view_accept (GlossCurationView  *self,
                            guint               position,
                            guint               version,
                            GError            **error)
{
  guint unit_index;

  g_return_val_if_fail (GLOSS_IS_CURATION_VIEW (self), FALSE);

  if (!resolve_row (self, position, &unit_index, error))
    return FALSE;
  return accept_unit (self, unit_index, version, error);
}

static gboolean
accept_unit (GlossCurationView *self,
             guint              position,
             guint              version,
             GError           **error)
{
  g_autoptr(GlossCommand) command = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GHashTable) copies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GlossCurationUnit *unit;

  gloss_curation_view_get_units (self);
  unit = unit_at (self, position);
  if (unit == NULL || version >= unit->versions->len)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("There is no such version to accept"));
      return FALSE;
    }

  /* Translators: an undoable step, with the annotator's name */
  description = g_strdup_printf (_("Accept %s’s version"),
                                 (const char *) unit->annotators->pdata[version]);
  command = gloss_command_new (description);

  /* Accepting again replaces what gold had for the unit. */
  for (guint i = 0; i < unit->gold->len; i++)
    gloss_command_delete_annotation (command,
                                     gloss_annotation_get_uuid (unit->gold->pdata[i]));
  gloss_curation_accept (unit, version, GLOSS_GOLD_ANNOTATOR, command, copies);
  add_gold_relations (self, command, copies, unit->gold);

  if (!gloss_annotation_list_apply (self->annotations, command, error))
    return FALSE;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  refresh (self);
  return TRUE;
}

gboolean
gloss_curation_view_reject (GlossCurationView  *self,
                            guint               position,
                            GError            **error)
{
  GlossCurationUnit *unit;
  gboolean           state;
  guint              unit_index;

  g_return_val_if_fail (GLOSS_IS_CURATION_VIEW (self), FALSE);

  if (!resolve_row (self, position, &unit_index, error))
    return FALSE;
  unit = unit_at (self, unit_index);
  if (unit == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("There is no such unit"));
      return FALSE;
    }

  /* R on a rejected unit takes the rejection back; what another program
   * rejected meanwhile stays. */
  state = !g_hash_table_contains (self->rejected, unit->key);
  if (!set_rejected (self, unit->key, state, error))
    return FALSE;
  {
    Rejection    *rejection = g_new0 (Rejection, 1);
    GlossCommand *top = gloss_annotation_list_peek_undo (self->annotations);

    rejection->key = g_strdup (unit->key);
    rejection->rejected = state;
    rejection->top = top != NULL ? g_object_ref (top) : NULL;
    g_ptr_array_add (self->undo_rejects, rejection);
    g_ptr_array_set_size (self->redo_rejects, 0);
  }
  refresh (self);
  return TRUE;
}

static gboolean
set_rejected (GlossCurationView *self,
              const char        *key,
              gboolean           state,
              GError           **error)
{
  GlossDocument *document = gloss_annotation_list_get_document (self->annotations);
  GHashTable    *rejected;

  rejected = gloss_curation_set_rejected (gloss_project_get_store (self->project),
                                          gloss_document_get_uuid (document), key, state, error);
  if (rejected == NULL)
    return FALSE;
  g_hash_table_unref (self->rejected);
  self->rejected = rejected;
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  return TRUE;
}

/* The last rejection, when nothing was done in the document since. */
static Rejection *
undoable_rejection (GlossCurationView *self,
                    GPtrArray         *stack)
{
  Rejection *rejection;

  if (self->annotations == NULL || stack->len == 0)
    return NULL;
  rejection = stack->pdata[stack->len - 1];
  return rejection->top == gloss_annotation_list_peek_undo (self->annotations) ? rejection
                                                                               : NULL;
}

gboolean
gloss_curation_view_can_undo_reject (GlossCurationView *self)
{
  g_return_val_if_fail (GLOSS_IS_CURATION_VIEW (self), FALSE);

  return undoable_rejection (self, self->undo_rejects) != NULL;
}

gboolean
gloss_curation_view_can_redo_reject (GlossCurationView *self)
{
  g_return_val_if_fail (GLOSS_IS_CURATION_VIEW (self), FALSE);

  return undoable_rejection (self, self->redo_rejects) != NULL;
}

static gboolean
move_rejection (GlossCurationView *self,
                GPtrArray         *from,
                GPtrArray         *to,
                gboolean           undo,
                GError           **error)
{
  Rejection *rejection = undoable_rejection (self, from);

  if (rejection == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           undo ? _("There is no rejection to undo")
                                : _("There is no rejection to redo"));
      return FALSE;
    }
  if (!set_rejected (self, rejection->key, undo ? !rejection->rejected : rejection->rejected,
                     error))
    return FALSE;
  g_ptr_array_add (to, g_ptr_array_steal_index (from, from->len - 1));
  refresh (self);
  return TRUE;
}

gboolean
gloss_curation_view_undo_reject (GlossCurationView *self,
                                 GError           **error)
{
  g_return_val_if_fail (GLOSS_IS_CURATION_VIEW (self), FALSE);

  return move_rejection (self, self->undo_rejects, self->redo_rejects, TRUE, error);
}

gboolean
gloss_curation_view_redo_reject (GlossCurationView *self,
                                 GError           **error)
{
  g_return_val_if_fail (GLOSS_IS_CURATION_VIEW (self), FALSE);

  return move_rejection (self, self->redo_rejects, self->undo_rejects, FALSE, error);
}

int
gloss_curation_view_accept_agreed (GlossCurationView  *self,
                                   GError            **error)
{
  g_autoptr(GlossCommand) command = NULL;
  g_autoptr(GHashTable) copies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  guint n;

  g_return_val_if_fail (GLOSS_IS_CURATION_VIEW (self), -1);

  if (gloss_curation_view_get_units (self) == NULL)
    return 0;

  command = gloss_command_new (_("Accept all agreed"));
  n = gloss_curation_accept_agreed (self->units, self->rejected, GLOSS_GOLD_ANNOTATOR, command,
                                    copies);
  if (n == 0)
    return 0;
  add_gold_relations (self, command, copies, NULL);
  if (!gloss_annotation_list_apply (self->annotations, command, error))
    return -1;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  refresh (self);
  return (int) n;
}

void
gloss_curation_view_get_progress (GlossCurationView *self,
                                  guint             *n_curated,
                                  guint             *n_units)
{
  guint curated, units, agreed;

  g_return_if_fail (GLOSS_IS_CURATION_VIEW (self));

  ensure_fresh (self);
  count_units (self, &curated, &units, &agreed);
  if (n_curated != NULL)
    *n_curated = curated;
  if (n_units != NULL)
    *n_units = units;
}

void
gloss_curation_view_set_queue_mode (GlossCurationView *self,
                                    gboolean           queue)
{
  g_return_if_fail (GLOSS_IS_CURATION_VIEW (self));

  queue = !!queue;
  if (queue != gtk_toggle_button_get_active (self->queue_button))
    gtk_toggle_button_set_active (queue ? self->queue_button : self->document_button, TRUE);
  if (queue == self->queue_mode)
    return;

  self->queue_mode = queue;
  g_list_store_remove_all (self->items);
  if (queue)
    collect_queue (self);
  else
    {
      if (self->queue_cancellable != NULL)
        g_cancellable_cancel (self->queue_cancellable);
      g_clear_object (&self->queue_cancellable);
      refresh (self);
    }
  update_progress (self);
  queue_focus_selected (self);
}

gboolean
gloss_curation_view_get_queue_mode (GlossCurationView *self)
{
  g_return_val_if_fail (GLOSS_IS_CURATION_VIEW (self), FALSE);

  return self->queue_mode;
}

gboolean
gloss_curation_view_show_queue (GlossCurationView *self,
                                const char        *label,
                                const char        *annotator_a,
                                const char        *annotator_b,
                                const char        *kind,
                                GError           **error)
{
  int kind_value;

  g_return_val_if_fail (GLOSS_IS_CURATION_VIEW (self), FALSE);

  kind_value = gloss_curation_kind_from_name (kind);
  if (kind_value < -1)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Unknown kind of disagreement “%s”"), kind);
      return FALSE;
    }

  gloss_curation_filter_clear (&self->filter);
  self->filter.label = label != NULL && *label != '\0' ? g_strdup (label) : NULL;
  self->filter.annotator_a = annotator_a != NULL && *annotator_a != '\0'
                             ? g_strdup (annotator_a)
                             : NULL;
  self->filter.annotator_b = annotator_b != NULL && *annotator_b != '\0'
                             ? g_strdup (annotator_b)
                             : NULL;
  if (self->filter.annotator_a == NULL && self->filter.annotator_b != NULL)
    self->filter.annotator_a = g_steal_pointer (&self->filter.annotator_b);
  self->filter.kind = kind_value;

  if (!self->queue_mode)
    gloss_curation_view_set_queue_mode (self, TRUE);
  else
    collect_queue (self);
  return TRUE;
}

gboolean
gloss_curation_view_is_collecting (GlossCurationView *self)
{
  g_return_val_if_fail (GLOSS_IS_CURATION_VIEW (self), FALSE);

  return self->queue_cancellable != NULL;
}

guint
gloss_curation_view_get_n_rows (GlossCurationView *self)
{
  g_return_val_if_fail (GLOSS_IS_CURATION_VIEW (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->items));
}

GlossCurationUnit *
gloss_curation_view_get_row (GlossCurationView *self,
                             guint              position,
                             const char       **document_name)
{
  g_autoptr(GlossCurationItem) item = NULL;

  g_return_val_if_fail (GLOSS_IS_CURATION_VIEW (self), NULL);

  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->items)))
    return NULL;
  item = g_list_model_get_item (G_LIST_MODEL (self->items), position);
  if (document_name != NULL)
    *document_name = item->document != NULL
                     ? item->document->name
                     : (self->annotations != NULL
                          ? gloss_document_get_name (
                              gloss_annotation_list_get_document (self->annotations))
                          : NULL);
  /* the unit lives as long as its units array: the item's, which the view keeps */
  return item_unit (item);
}

guint
gloss_curation_view_get_n_undecided (GlossCurationView *self)
{
  g_return_val_if_fail (GLOSS_IS_CURATION_VIEW (self), 0);

  return self->queue != NULL ? gloss_curation_queue_count_undecided (self->queue) : 0;
}
