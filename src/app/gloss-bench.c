/* gloss-bench.c: the workbench benchmark's in-process instrumentation
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Enabled by GLOSS_BENCH=1, inert otherwise (one getenv at start). It watches
 * the application from outside the widgets: the window's frame clock
 * ("before-paint", "after-paint"), the document view's "annotations"
 * property, the annotation list's commits ("items-changed", through an
 * emission hook so that it runs before the panels' handlers, and
 * "annotation-changed"; both come after the SQLite transaction) and a
 * capture-phase key controller on the window that only timestamps keys.
 * Nothing in the widgets calls it.
 *
 * A hotkey edit is measured from the key event to the end of the first frame
 * painted after its command committed; an undo (Ctrl+Z) likewise. Scroll
 * frames are measured from "before-paint" to "after-paint" (the work of the
 * frame, without the wait for the next frame slot). A key that commits
 * nothing is not waited for. The benchmark sets an annotator name when there is none
 * (the first-run dialog is skipped): the first edit of a document records
 * the annotator's status and is refused without one.
 *
 * Environment:
 *   GLOSS_BENCH=1              record and print the open figures
 *   GLOSS_BENCH_T0=USEC        process start on CLOCK_MONOTONIC (set by the
 *                              driver just before exec); else main () is t0
 *   GLOSS_BENCH_SCRIPT=1       scroll, then wait for the typed hotkeys and
 *                              undos, print everything and quit
 *   GLOSS_BENCH_SCRIPT=open    quit after the first complete frame
 *   GLOSS_BENCH_SCRIPT=filter  without a document: the window shown (its
 *                              first frame with the document list mapped),
 *                              then each typed character (key to the next
 *                              painted frame) until GLOSS_BENCH_FILTER_KEYS
 *                              (8) were typed and the list shows their
 *                              matches; print everything and quit
 *   GLOSS_BENCH_EDITS=N        hotkey annotations and undos (100)
 *   GLOSS_BENCH_STATUS=FILE    the current phase, for the driver to poll
 *   GLOSS_BENCH_FALLBACK=1     when a label hotkey commits nothing, apply
 *                              the command from here (see below)
 *   GLOSS_BENCH_TIMEOUT=SEC    give up and print what there is (600)
 *   GLOSS_BENCH_VERBOSE=1      per-frame and per-edit lines on stderr
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gloss-annotation-list.h"
#include "gloss-annotation.h"
#include "gloss-bench.h"
#include "gloss-command.h"
#include "gloss-schema.h"
#include "gloss-window-private.h"
#include "gloss-window.h"

#define SETTLE_POLL_MS     100
#define SETTLE_STABLE      5      /* polls with an unchanged layout height */
#define SETTLE_MAX_MS      10000
#define PAUSE_MS           300
#define STALL_MS           5000   /* no key and no commit for this long ends a phase */
#define MAX_SCROLL_FRAMES  100000

typedef enum
{
  PHASE_OPEN,
  PHASE_SETTLE,
  PHASE_SCROLL,
  PHASE_PAUSE,
  PHASE_HOTKEYS,
  PHASE_UNDO,
  PHASE_FILTER,
  PHASE_DONE,
} Phase;

typedef enum
{
  KEY_NONE,
  KEY_HOTKEY,
  KEY_UNDO,
} KeyKind;

typedef struct
{
  gint64               t0;
  gboolean             t0_from_env;
  gboolean             script;
  gboolean             verbose;
  gboolean             quit_after_open;
  guint                n_edits;
  char                *status_path;      /* owned */

  GtkApplication      *app;              /* borrowed: outlives us */
  GtkWidget           *window;           /* weak */
  GtkWidget           *view;             /* weak */
  GlossAnnotationList *annotations;      /* owned */
  GdkFrameClock       *frame_clock;      /* weak */
  Phase                phase;

  gint64               document_set;
  gint64               first_frame;
  guint64              rss_open_kb;

  gint64               before_paint;
  gint64               last_after_paint;
  gboolean             scroll_done;
  guint                scroll_tick_id;
  guint                n_scroll_frames;
  GArray              *scroll_work;      /* double, ms */
  GArray              *scroll_interval;  /* double, ms */
  guint                settle_id;
  double               last_upper;
  guint                stable_polls;
  gint64               settle_start;

  KeyKind              key_kind;
  gint64               key_time;
  char                *key_label;        /* owned */
  gboolean             commit_seen;
  gint64               commit_time;
  gint64               last_activity;
  GArray              *hotkey_ms;        /* double: key to commit + painted */
  GArray              *hotkey_commit_ms; /* double: key to commit */
  GArray              *undo_ms;
  guint                n_keys_unhandled;
  guint                n_keys_done;       /* in this phase, handled or not */
  guint                watchdog_id;
  gint64               deadline;

  gboolean             filter_script;
  guint                n_filter_keys;     /* to type */
  guint                n_filter_seen;     /* typed so far */
  gint64               filter_key_time;   /* the key not painted yet, or 0 */
  gint64               last_filter_key;
  GArray              *filter_key_ms;     /* double: key to painted */
  guint64              rss_typing_kb;     /* at the first key */
} Bench;

static gint64  main_time;
static Bench  *bench;

static void finish_filter (gint64 settled);

/* ---- helpers ----------------------------------------------------------- */

static guint64
read_status_kb (const char *field)
{
  g_autofree char *contents = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &contents, NULL, NULL))
    return 0;

  line = strstr (contents, field);
  if (line == NULL)
    return 0;

  return g_ascii_strtoull (line + strlen (field) + 1, NULL, 10);
}

/* "PHASE" or, in the key phases, "PHASE N" with N the keys dealt with. */
static void
write_status (const char *status)
{
  g_autofree char *line = NULL;

  if (bench->phase == PHASE_HOTKEYS || bench->phase == PHASE_UNDO)
    line = g_strdup_printf ("%s %u\n", status, bench->n_keys_done);
  else
    line = g_strconcat (status, "\n", NULL);

  if (bench->verbose)
    g_printerr ("bench: %s\n", status);
  if (bench->status_path != NULL)
    g_file_set_contents_full (bench->status_path, line, -1, G_FILE_SET_CONTENTS_NONE, 0644,
                              NULL);
}

/* Verbose timeline of the start, from t0. */
static void
trace (const char *what)
{
  if (bench->verbose)
    g_printerr ("bench: %8.1f ms  %s\n", (g_get_monotonic_time () - bench->t0) / 1000.0, what);
}

static double
ms_since (gint64 since,
          gint64 now)
{
  return (now - since) / 1000.0;
}

static void
append_ms (GArray *values,
           double  ms)
{
  g_array_append_val (values, ms);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

/* Linear interpolation between closest ranks; @values is sorted. */
static double
percentile (GArray *values,
            double  p)
{
  double rank, frac;
  guint lo;

  if (values->len == 0)
    return 0.0;

  rank = p / 100.0 * (values->len - 1);
  lo = (guint) rank;
  frac = rank - lo;
  if (lo + 1 >= values->len)
    return g_array_index (values, double, values->len - 1);

  return g_array_index (values, double, lo) * (1.0 - frac) +
         g_array_index (values, double, lo + 1) * frac;
}

static void
print_figure (const char *name,
              double      value,
              const char *unit)
{
  printf ("%s %.*f %s\n", name, g_str_equal (unit, "s") ? 3 : 1, value, unit);
}

static void
print_distribution (const char *name,
                    GArray     *values,
                    gboolean    with_p95)
{
  g_autofree char *median = g_strconcat (name, "_median", NULL);
  g_autofree char *p95 = g_strconcat (name, "_p95", NULL);

  if (values->len == 0)
    return;

  g_array_sort (values, compare_doubles);
  print_figure (median, percentile (values, 50), "ms");
  if (with_p95)
    print_figure (p95, percentile (values, 95), "ms");
}

static void
print_open_figures (void)
{
  print_figure ("open_first_frame", (bench->first_frame - bench->t0) / (double) G_USEC_PER_SEC,
                "s");
  print_figure ("rss_after_open", bench->rss_open_kb / 1024.0, "MB");
  fflush (stdout);
}

static void
print_all_figures (void)
{
  print_open_figures ();
  print_distribution ("scroll_frame", bench->scroll_work, TRUE);
  print_distribution ("hotkey_annotation", bench->hotkey_ms, TRUE);
  print_distribution ("undo", bench->undo_ms, TRUE);
  print_figure ("peak_rss", read_status_kb ("VmHWM:") / 1024.0, "MB");

  /* Context for reading the figures. */
  print_figure ("open_document_set", (bench->document_set - bench->t0) / (double) G_USEC_PER_SEC,
                "s");
  print_distribution ("scroll_interval", bench->scroll_interval, TRUE);
  printf ("scroll_frames %u frames\n", bench->scroll_work->len);
  print_distribution ("hotkey_commit", bench->hotkey_commit_ms, TRUE);
  printf ("hotkey_annotations %u count\n", bench->hotkey_ms->len);
  printf ("undos %u count\n", bench->undo_ms->len);
  printf ("keys_unhandled %u count\n", bench->n_keys_unhandled);
  fflush (stdout);
}

static void
finish (void)
{
  if (bench->phase == PHASE_DONE)
    return;

  bench->phase = PHASE_DONE;
  g_clear_handle_id (&bench->watchdog_id, g_source_remove);
  g_clear_handle_id (&bench->settle_id, g_source_remove);
  if (bench->scroll_tick_id != 0 && bench->view != NULL)
    gtk_widget_remove_tick_callback (bench->view, bench->scroll_tick_id);
  bench->scroll_tick_id = 0;

  print_all_figures ();
  write_status ("done");
  g_application_quit (G_APPLICATION (bench->app));
}

static const char *
phase_name (void)
{
  return bench->phase == PHASE_HOTKEYS ? "hotkeys" : "undo";
}

static void
enter_key_phase (Phase phase)
{
  bench->phase = phase;
  bench->key_kind = KEY_NONE;
  bench->commit_seen = FALSE;
  bench->n_keys_done = 0;
  bench->last_activity = g_get_monotonic_time ();
  write_status (phase_name ());
}

/* The pending key has been measured (or found to do nothing). */
static void
key_done (gboolean handled)
{
  bench->key_kind = KEY_NONE;
  bench->commit_seen = FALSE;
  bench->last_activity = g_get_monotonic_time ();
  if (!handled)
    bench->n_keys_unhandled++;
  bench->n_keys_done++;

  if (bench->n_keys_done < bench->n_edits)
    write_status (phase_name ());
  else if (bench->phase == PHASE_HOTKEYS)
    enter_key_phase (PHASE_UNDO);
  else
    finish ();
}

/* ---- the scripted run -------------------------------------------------- */

static GtkAdjustment *
get_vadjustment (void)
{
  return gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (bench->view));
}

/* One page further per frame, from the update phase of the frame. */
static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  GtkAdjustment *adjustment = get_vadjustment ();
  double value = gtk_adjustment_get_value (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);
  double bottom = gtk_adjustment_get_upper (adjustment) - page;

  if (value >= bottom - 0.5 || ++bench->n_scroll_frames > MAX_SCROLL_FRAMES)
    {
      bench->scroll_done = TRUE;
      bench->scroll_tick_id = 0;
      return G_SOURCE_REMOVE;
    }

  gtk_adjustment_set_value (adjustment, MIN (value + page, bottom));

  return G_SOURCE_CONTINUE;
}

static void
start_scroll (void)
{
  GtkAdjustment *adjustment = get_vadjustment ();

  bench->phase = PHASE_SCROLL;
  bench->last_after_paint = 0;
  write_status ("scroll");
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
  bench->scroll_tick_id = gtk_widget_add_tick_callback (bench->view, scroll_tick_cb, NULL, NULL);
}

/* GtkTextView measures lines in idle time after showing the first screen;
 * scrolling starts once the layout's height has stopped changing. */
static gboolean
settle_cb (gpointer user_data)
{
  double upper;

  if (bench->view == NULL)
    return G_SOURCE_CONTINUE;

  upper = gtk_adjustment_get_upper (get_vadjustment ());
  if (upper == bench->last_upper)
    bench->stable_polls++;
  else
    bench->stable_polls = 0;
  bench->last_upper = upper;

  if (bench->stable_polls < SETTLE_STABLE &&
      ms_since (bench->settle_start, g_get_monotonic_time ()) < SETTLE_MAX_MS)
    return G_SOURCE_CONTINUE;

  bench->settle_id = 0;
  start_scroll ();

  return G_SOURCE_REMOVE;
}

static gboolean
pause_done_cb (gpointer user_data)
{
  if (bench->view != NULL)
    gtk_widget_grab_focus (bench->view);
  enter_key_phase (PHASE_HOTKEYS);

  return G_SOURCE_REMOVE;
}

static gboolean
watchdog_cb (gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();

  if (now > bench->deadline)
    {
      g_printerr ("bench: timed out in phase %d\n", bench->phase);
      if (bench->filter_script && bench->window != NULL)
        finish_filter (now);
      else
        finish ();
      return G_SOURCE_REMOVE;
    }

  /* Keys lost on the way (or not handled) must not hang the run. */
  if ((bench->phase == PHASE_HOTKEYS || bench->phase == PHASE_UNDO) &&
      bench->last_activity != 0 && ms_since (bench->last_activity, now) > STALL_MS &&
      bench->n_keys_done > 0)
    {
      g_printerr ("bench: no edit for %d ms in phase %d, moving on\n", STALL_MS, bench->phase);
      if (bench->phase == PHASE_HOTKEYS)
        enter_key_phase (PHASE_UNDO);
      else
        finish ();
    }

  return G_SOURCE_CONTINUE;
}

/* ---- the filter run ----------------------------------------------------- */

static void
finish_filter (gint64 settled)
{
  GListModel *shown = _gloss_window_get_document_list (GLOSS_WINDOW (bench->window));

  bench->phase = PHASE_DONE;
  g_clear_handle_id (&bench->watchdog_id, g_source_remove);
  print_figure ("window_shown", (bench->first_frame - bench->t0) / (double) G_USEC_PER_SEC,
                "s");
  print_figure ("rss_window_shown", bench->rss_open_kb / 1024.0, "MB");
  print_distribution ("filter_keystroke", bench->filter_key_ms, TRUE);
  if (bench->filter_key_ms->len > 0)
    print_figure ("filter_keystroke_max",
                  g_array_index (bench->filter_key_ms, double, bench->filter_key_ms->len - 1),
                  "ms");
  print_figure ("filter_settled", ms_since (bench->last_filter_key, settled), "ms");
  print_figure ("rss_before_typing", bench->rss_typing_kb / 1024.0, "MB");
  print_figure ("rss_after_typing", read_status_kb ("VmRSS:") / 1024.0, "MB");
  print_figure ("filter_peak_rss", read_status_kb ("VmHWM:") / 1024.0, "MB");
  printf ("filter_keys %u count\n", bench->filter_key_ms->len);
  printf ("filter_matches %u count\n", g_list_model_get_n_items (shown));
  fflush (stdout);
  /* The driver still reads the process's memory and CPU from outside,
   * then ends it. */
  write_status ("done");
}

/* A frame after a typed key shows that key; the run ends on the first
 * frame after the last key once the list shows the matches of what was
 * typed (the search is not pending any more). */
static void
filter_painted (gint64 now)
{
  if (bench->filter_key_time != 0)
    {
      append_ms (bench->filter_key_ms, ms_since (bench->filter_key_time, now));
      if (bench->verbose)
        g_printerr ("bench: key %u painted after %.2f ms\n", bench->n_filter_seen,
                    ms_since (bench->filter_key_time, now));
      bench->filter_key_time = 0;
      {
        g_autofree char *status = g_strdup_printf ("filter %u", bench->n_filter_seen);

        write_status (status);
      }
      return;
    }
  if (bench->n_filter_seen >= bench->n_filter_keys && bench->window != NULL &&
      !_gloss_window_is_searching_documents (GLOSS_WINDOW (bench->window)))
    finish_filter (now);
}

static void
filter_key (guint           keyval,
            GdkModifierType state)
{
  if (gdk_keyval_to_unicode (keyval) == 0 ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0)
    return;
  if (bench->n_filter_seen == 0)
    bench->rss_typing_kb = read_status_kb ("VmRSS:");
  bench->n_filter_seen++;
  bench->filter_key_time = g_get_monotonic_time ();
  bench->last_filter_key = bench->filter_key_time;
  /* A frame to measure even when the key changes nothing on screen. */
  if (bench->window != NULL)
    gtk_widget_queue_draw (bench->window);
}

/* ---- keys and commits -------------------------------------------------- */

/* The label whose hotkey @keyval is, without Ctrl or Alt. */
static const char *
hotkey_label (guint           keyval,
              GdkModifierType state)
{
  GlossSchema *schema;
  GlossLabel *label;
  gunichar c = gdk_keyval_to_unicode (keyval);
  char key[8] = { 0 };

  if (bench->annotations == NULL || c == 0 ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0)
    return NULL;

  g_unichar_to_utf8 (g_unichar_tolower (c), key);
  schema = gloss_annotation_list_get_schema (bench->annotations);
  label = gloss_schema_lookup_hotkey (schema, key);

  return label != NULL ? gloss_label_get_name (label) : NULL;
}

/* Runs once the key event has been dispatched to the widgets: a key that
 * committed nothing is not waited for. */
static gboolean
key_dispatched_cb (gpointer user_data)
{
  if (bench->verbose)
    g_printerr ("bench: key dispatched after %.2f ms\n",
                ms_since (bench->key_time, g_get_monotonic_time ()));

  if (bench->key_kind == KEY_NONE || bench->commit_seen)
    return G_SOURCE_REMOVE;

  if (!bench->commit_seen)
    key_done (FALSE);

  return G_SOURCE_REMOVE;
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                gpointer               user_data)
{
  gint64 now = g_get_monotonic_time ();
  const char *label;

  KeyKind kind = KEY_NONE;

  if (bench->phase == PHASE_FILTER)
    {
      filter_key (keyval, state);
      return GDK_EVENT_PROPAGATE;
    }

  if (bench->phase == PHASE_HOTKEYS && (label = hotkey_label (keyval, state)) != NULL)
    {
      kind = KEY_HOTKEY;
      g_free (bench->key_label);
      bench->key_label = g_strdup (label);
    }
  else if (bench->phase == PHASE_UNDO && (keyval == GDK_KEY_z || keyval == GDK_KEY_Z) &&
           (state & GDK_CONTROL_MASK) != 0 && (state & GDK_SHIFT_MASK) == 0)
    kind = KEY_UNDO;

  if (kind == KEY_NONE)
    return GDK_EVENT_PROPAGATE;

  /* The driver waits for each edit; a key still pending was never painted. */
  if (bench->key_kind != KEY_NONE)
    key_done (FALSE);
  bench->key_kind = kind;
  bench->key_time = now;
  bench->commit_seen = FALSE;
  bench->last_activity = now;
  g_idle_add_full (G_PRIORITY_HIGH, key_dispatched_cb, NULL, NULL);

  return GDK_EVENT_PROPAGATE;
}

/* A command, undo or redo has committed: "items-changed" comes first, then
 * "annotation-changed", both after the transaction. */
static void
committed_cb (GlossAnnotationList *annotations)
{
  if (bench->key_kind == KEY_NONE || bench->commit_seen)
    return;

  bench->commit_seen = TRUE;
  bench->commit_time = g_get_monotonic_time ();
}

/* The window's own "items-changed" handlers were connected before ours: an
 * emission hook runs before all of them. */
static gboolean
items_changed_hook (GSignalInvocationHint *hint,
                    guint                  n_values,
                    const GValue          *values,
                    gpointer               user_data)
{
  if (bench->annotations != NULL && g_value_get_object (&values[0]) == bench->annotations)
    committed_cb (bench->annotations);

  return TRUE;
}

/* ---- frames ------------------------------------------------------------ */

static void
before_paint_cb (GdkFrameClock *frame_clock,
                 gpointer       user_data)
{
  if (bench->phase == PHASE_OPEN)
    trace ("frame");
  if (bench->verbose && bench->key_kind != KEY_NONE)
    g_printerr ("bench: frame starts %.2f ms after the key\n",
                ms_since (bench->key_time, g_get_monotonic_time ()));
  bench->before_paint = g_get_monotonic_time ();
}

static gboolean
view_is_complete (void)
{
  return bench->view != NULL && bench->annotations != NULL &&
         gtk_widget_get_mapped (bench->view) && gtk_widget_get_height (bench->view) > 0;
}

static void
after_paint_cb (GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  gint64 now = g_get_monotonic_time ();

  switch (bench->phase)
    {
    case PHASE_OPEN:
      if (bench->filter_script)
        {
          if (bench->window == NULL || !gtk_widget_get_mapped (bench->window))
            break;
          bench->first_frame = now;
          trace ("window shown");
          bench->rss_open_kb = read_status_kb ("VmRSS:");
          bench->phase = PHASE_FILTER;
          write_status ("filter 0");
          break;
        }
      if (!view_is_complete ())
        break;
      bench->first_frame = now;
      trace ("first complete frame");
      bench->rss_open_kb = read_status_kb ("VmRSS:");
      if (!bench->script)
        {
          print_open_figures ();
          bench->phase = PHASE_DONE;
          if (bench->quit_after_open)
            g_application_quit (G_APPLICATION (bench->app));
          break;
        }
      bench->phase = PHASE_SETTLE;
      bench->settle_start = now;
      bench->last_upper = -1;
      write_status ("settle");
      bench->settle_id = g_timeout_add (SETTLE_POLL_MS, settle_cb, NULL);
      break;

    case PHASE_SCROLL:
      append_ms (bench->scroll_work, ms_since (bench->before_paint, now));
      if (bench->last_after_paint != 0)
        append_ms (bench->scroll_interval, ms_since (bench->last_after_paint, now));
      if (bench->verbose)
        g_printerr ("bench: frame %.2f ms, value %.0f of %.0f\n",
                    ms_since (bench->before_paint, now),
                    gtk_adjustment_get_value (get_vadjustment ()),
                    gtk_adjustment_get_upper (get_vadjustment ()));
      if (bench->scroll_done)
        {
          bench->phase = PHASE_PAUSE;
          write_status ("pause");
          g_timeout_add_once (PAUSE_MS, (GSourceOnceFunc) pause_done_cb, NULL);
        }
      break;

    case PHASE_HOTKEYS:
    case PHASE_UNDO:
      if (bench->verbose)
        g_printerr ("bench: frame %.2f ms%s\n", ms_since (bench->before_paint, now),
                    bench->commit_seen ? " (after a commit)" : "");
      if (bench->key_kind == KEY_NONE || !bench->commit_seen)
        break;
      if (bench->key_kind == KEY_HOTKEY)
        {
          append_ms (bench->hotkey_ms, ms_since (bench->key_time, now));
          append_ms (bench->hotkey_commit_ms, ms_since (bench->key_time, bench->commit_time));
        }
      else
        append_ms (bench->undo_ms, ms_since (bench->key_time, now));
      if (bench->verbose)
        g_printerr ("bench: %s commit %.2f ms, painted %.2f ms\n",
                    bench->key_kind == KEY_HOTKEY ? "hotkey" : "undo",
                    ms_since (bench->key_time, bench->commit_time),
                    ms_since (bench->key_time, now));
      key_done (TRUE);
      break;

    case PHASE_FILTER:
      filter_painted (now);
      break;

    case PHASE_SETTLE:
    case PHASE_PAUSE:
    case PHASE_DONE:
    default:
      break;
    }

  bench->last_after_paint = now;
}

/* ---- watching the window ----------------------------------------------- */

static void
view_annotations_cb (GtkWidget  *view,
                     GParamSpec *pspec,
                     gpointer    user_data)
{
  GlossAnnotationList *annotations = NULL;

  g_object_get (view, "annotations", &annotations, NULL);
  if (bench->annotations != NULL)
    g_signal_handlers_disconnect_by_func (bench->annotations, committed_cb, NULL);
  g_clear_object (&bench->annotations);
  bench->annotations = annotations;

  if (annotations == NULL)
    return;

  if (bench->document_set == 0)
    {
      bench->document_set = g_get_monotonic_time ();
      trace ("document set");
    }
  g_signal_connect (annotations, "annotation-changed", G_CALLBACK (committed_cb), NULL);
}

static void
window_realize_cb (GtkWidget *window,
                   gpointer   user_data)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (window);

  if (frame_clock == NULL || bench->frame_clock != NULL)
    return;

  trace ("window realized");
  bench->frame_clock = frame_clock;
  g_object_add_weak_pointer (G_OBJECT (frame_clock), (gpointer *) &bench->frame_clock);
  g_signal_connect (frame_clock, "before-paint", G_CALLBACK (before_paint_cb), NULL);
  g_signal_connect (frame_clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window,
                 gpointer        user_data)
{
  GtkEventController *controller;

  if (bench->window != NULL || !GLOSS_IS_WINDOW (window))
    return;

  trace ("window added");
  bench->window = GTK_WIDGET (window);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &bench->window);
  bench->view = gloss_window_get_view (GLOSS_WINDOW (window));
  g_object_add_weak_pointer (G_OBJECT (bench->view), (gpointer *) &bench->view);

  /* The size of the benchmark's screen, whatever the last session left. */
  gtk_window_set_default_size (window, 1400, 900);

  g_signal_connect (bench->view, "notify::annotations", G_CALLBACK (view_annotations_cb), NULL);
  g_signal_connect_after (window, "realize", G_CALLBACK (window_realize_cb), NULL);
  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    window_realize_cb (GTK_WIDGET (window), NULL);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed_cb), NULL);
  gtk_widget_add_controller (GTK_WIDGET (window), controller);
}

/* ---- public API -------------------------------------------------------- */

void
gloss_bench_init (void)
{
  const char *t0;

  main_time = g_get_monotonic_time ();

  if (g_strcmp0 (g_getenv ("GLOSS_BENCH"), "1") != 0)
    return;

  bench = g_new0 (Bench, 1);
  bench->t0 = main_time;
  t0 = g_getenv ("GLOSS_BENCH_T0");
  if (t0 != NULL && g_ascii_strtoll (t0, NULL, 10) > 0)
    {
      bench->t0 = g_ascii_strtoll (t0, NULL, 10);
      bench->t0_from_env = TRUE;
    }
  bench->script = g_strcmp0 (g_getenv ("GLOSS_BENCH_SCRIPT"), "1") == 0;
  bench->verbose = g_strcmp0 (g_getenv ("GLOSS_BENCH_VERBOSE"), "1") == 0;
  bench->quit_after_open = g_strcmp0 (g_getenv ("GLOSS_BENCH_SCRIPT"), "open") == 0;
  bench->filter_script = g_strcmp0 (g_getenv ("GLOSS_BENCH_SCRIPT"), "filter") == 0;
  bench->n_filter_keys = 8;
  if (g_getenv ("GLOSS_BENCH_FILTER_KEYS") != NULL)
    bench->n_filter_keys = MAX (1, atoi (g_getenv ("GLOSS_BENCH_FILTER_KEYS")));
  bench->filter_key_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench->n_edits = 100;
  if (g_getenv ("GLOSS_BENCH_EDITS") != NULL)
    bench->n_edits = MAX (1, atoi (g_getenv ("GLOSS_BENCH_EDITS")));
  bench->status_path = g_strdup (g_getenv ("GLOSS_BENCH_STATUS"));
  bench->deadline = main_time + (gint64) G_USEC_PER_SEC *
                    (g_getenv ("GLOSS_BENCH_TIMEOUT") != NULL
                       ? MAX (1, atoi (g_getenv ("GLOSS_BENCH_TIMEOUT"))) : 600);
  bench->scroll_work = g_array_new (FALSE, FALSE, sizeof (double));
  bench->scroll_interval = g_array_new (FALSE, FALSE, sizeof (double));
  bench->hotkey_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench->hotkey_commit_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench->undo_ms = g_array_new (FALSE, FALSE, sizeof (double));
}

void
gloss_bench_attach (GtkApplication *application)
{
  g_return_if_fail (GTK_IS_APPLICATION (application));

  if (bench == NULL)
    return;

  bench->app = application;

  /* An annotator works under a name (asked on first start, which the
   * benchmark skips): without one, the first edit of a document, which also
   * marks it "in progress" for the annotator, is refused. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    g_autofree char *name = g_settings_get_string (settings, "annotator-name");

    if (name[0] == '\0')
      g_settings_set_string (settings, "annotator-name", "bench");
  }
  g_signal_add_emission_hook (g_signal_lookup ("items-changed", G_TYPE_LIST_MODEL), 0,
                              items_changed_hook, NULL, NULL);
  trace ("main");
  g_signal_connect (application, "window-added", G_CALLBACK (window_added_cb), NULL);
  if (bench->script || bench->filter_script)
    bench->watchdog_id = g_timeout_add (500, watchdog_cb, NULL);
  write_status ("open");
}

gboolean
gloss_bench_is_enabled (void)
{
  return bench != NULL;
}
