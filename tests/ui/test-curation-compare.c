/* test-curation-compare.c: the annotators' versions of a unit side by side, and drawing gold
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A wire story, three annotators and a gold set: alice splits the claim
 * around "he said" (a discontinuous span) with a place nested in it, ben
 * marks nothing in the claim (skipped), cai marks the claim whole with a
 * quantity nested in it and a deleted place. The window starts inside an
 * annotation and holds non-ASCII characters and a line break before the
 * unit, so code points, bytes and label text offsets all differ.
 *
 * Screenshots, light and dark, are saved as artifacts.
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <gtk/gtk.h>

#include "gloss-annotation.h"
#include "gloss-curation-compare.h"
#include "gloss-label-popover.h"
#include "gloss-schema.h"
#include "ui-test-util.h"

static const char *text =
  "VILNIUS, March 3 (Baltic Wire) — Colonel Ramón Nuñez, a former deputy chief of the "
  "agency's foreign directorate, told reporters on Tuesday that the network had recruited "
  "at least 14 officials in three capitals and, he said, paid them through shell companies "
  "in Cyprus.\nOfficials in Riga declined to comment on the report.";

#define CLAIM_HEAD "the network had recruited at least 14 officials in three capitals"
#define CLAIM_TAIL "paid them through shell companies in Cyprus"

typedef struct
{
  GtkWidget   *window;
  GtkWidget   *compare;
  GlossSchema *schema;
  GPtrArray   *annotators;  /* char * */
  GPtrArray   *annotations; /* GlossAnnotation */
  GtkWidget   *scrolled;
  guint        from;
  guint        to;
  guint        unit_start;
  guint        unit_end;

  /* the last "draw-gold" */
  guint        n_drawn;
  guint        drawn_start;
  guint        drawn_end;
  char        *drawn_label;
} Fixture;

/* ---- the fixture --------------------------------------------------------- */

/* The code point offset of the @nth (from 0) occurrence of @span. */
static guint
offset_of_nth (const char *span,
               guint       nth)
{
  const char *p = strstr (text, span);

  for (guint i = 0; i < nth && p != NULL; i++)
    p = strstr (p + 1, span);
  g_assert_nonnull (p);
  return g_utf8_pointer_to_offset (text, p);
}

static guint
offset_of (const char *span)
{
  return offset_of_nth (span, 0);
}

static guint
end_of (const char *span)
{
  return offset_of (span) + g_utf8_strlen (span, -1);
}

static GlossAnnotation *
add_span (Fixture    *fixture,
          const char *annotator,
          const char *label,
          const char *span)
{
  GlossAnnotation *annotation =
    gloss_annotation_new_span (label, offset_of (span), end_of (span), annotator);

  g_ptr_array_add (fixture->annotations, annotation);
  return annotation;
}

static void
draw_gold_cb (GtkWidget  *compare,
              guint       start,
              guint       end,
              const char *label,
              Fixture    *fixture)
{
  fixture->n_drawn++;
  fixture->drawn_start = start;
  fixture->drawn_end = end;
  g_free (fixture->drawn_label);
  fixture->drawn_label = g_strdup (label);
}

static void
fixture_setup (Fixture      *fixture,
               gconstpointer user_data)
{
  g_autoptr(GError) error = NULL;
  GlossFragment claim[2] = {
    { offset_of (CLAIM_HEAD), end_of (CLAIM_HEAD) },
    { offset_of (CLAIM_TAIL), end_of (CLAIM_TAIL) },
  };
  GlossAnnotation *deleted;

  fixture->schema = gloss_schema_new_preset ("news", &error);
  g_assert_no_error (error);

  fixture->annotators = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (fixture->annotators, g_strdup ("alice"));
  g_ptr_array_add (fixture->annotators, g_strdup ("ben"));
  g_ptr_array_add (fixture->annotators, g_strdup ("cai"));

  fixture->annotations = g_ptr_array_new_with_free_func (g_object_unref);
  /* alice: the claim split around "he said", a place inside it */
  g_ptr_array_add (fixture->annotations, gloss_annotation_new ("CLAIM", claim, 2, "alice"));
  add_span (fixture, "alice", "GPE", "Cyprus");
  add_span (fixture, "alice", "PERSON", "Ramón Nuñez");
  /* ben: nothing in the claim; one span across the window's start, one
   * before it */
  add_span (fixture, "ben", "PERSON", "Colonel Ramón Nuñez");
  add_span (fixture, "ben", "ORG", "Baltic Wire");
  add_span (fixture, "ben", "DATE", "March 3");
  /* cai: the claim whole, a quantity inside it, a deleted place, a place
   * after the line break */
  add_span (fixture, "cai", "CLAIM", CLAIM_HEAD " and, he said, " CLAIM_TAIL);
  add_span (fixture, "cai", "QUANTITY", "at least 14 officials");
  deleted = add_span (fixture, "cai", "GPE", "Cyprus");
  gloss_annotation_set_deleted (deleted, TRUE);
  add_span (fixture, "cai", "GPE", "Riga");
  /* the gold set so far */
  add_span (fixture, GLOSS_GOLD_ANNOTATOR, "PERSON", "Ramón Nuñez");

  fixture->from = offset_of ("Wire");
  fixture->to = offset_of ("declined");
  fixture->unit_start = offset_of (CLAIM_HEAD);
  fixture->unit_end = end_of (CLAIM_TAIL);

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 700, 460);
  fixture->compare = gloss_curation_compare_new ();
  g_object_ref (fixture->compare);
  gtk_widget_set_margin_start (fixture->compare, 12);
  gtk_widget_set_margin_end (fixture->compare, 12);
  gtk_widget_set_margin_top (fixture->compare, 12);
  gtk_widget_set_margin_bottom (fixture->compare, 12);
  gtk_widget_set_valign (fixture->compare, GTK_ALIGN_START);
  /* as in the curation view's pane: it scrolls down, never across */
  fixture->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (fixture->scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (fixture->scrolled), fixture->compare);
  gtk_window_set_child (GTK_WINDOW (fixture->window), fixture->scrolled);
  g_signal_connect (fixture->compare, "draw-gold", G_CALLBACK (draw_gold_cb), fixture);
  gtk_window_present (GTK_WINDOW (fixture->window));
  settle (100);

  gloss_curation_compare_show (GLOSS_CURATION_COMPARE (fixture->compare), fixture->schema, text,
                               fixture->from, fixture->to, fixture->annotators,
                               fixture->annotations, fixture->unit_start, fixture->unit_end);
  settle (200);
}

static void
fixture_teardown (Fixture      *fixture,
                  gconstpointer user_data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  settle (50);
  g_assert_finalize_object (fixture->compare);
  g_clear_object (&fixture->schema);
  g_clear_pointer (&fixture->annotators, g_ptr_array_unref);
  g_clear_pointer (&fixture->annotations, g_ptr_array_unref);
  g_clear_pointer (&fixture->drawn_label, g_free);
}

/* ---- helpers ------------------------------------------------------------- */

static void
collect_labels (GtkWidget *widget,
                GPtrArray *labels)
{
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (labels, widget);
  if (GTK_IS_POPOVER (widget))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, labels);
}

/* The GtkLabels that show the text window (they start with its first
 * word), in order: the annotators' lines, then gold. */
static GPtrArray *
text_labels (Fixture *fixture)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GPtrArray *lines = g_ptr_array_new ();

  collect_labels (fixture->compare, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_str_has_prefix (gtk_label_get_text (labels->pdata[i]), "Wire"))
      g_ptr_array_add (lines, labels->pdata[i]);
  return lines;
}

static GtkLabel *
gold_label (Fixture *fixture)
{
  g_autoptr(GPtrArray) lines = text_labels (fixture);

  g_assert_cmpuint (lines->len, ==, 4);
  return lines->pdata[3];
}

/* The character offset of @span in @label's text (label names and all). */
static int
label_offset_of (GtkLabel   *label,
                 const char *span)
{
  const char *shown = gtk_label_get_text (label);
  const char *p = strstr (shown, span);

  g_assert_nonnull (p);
  return g_utf8_pointer_to_offset (shown, p);
}

static GlossLabelPopover *
find_popover (GtkWidget *widget)
{
  if (GLOSS_IS_LABEL_POPOVER (widget))
    return GLOSS_LABEL_POPOVER (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GlossLabelPopover *popover = find_popover (child);

      if (popover != NULL)
        return popover;
    }
  return NULL;
}

static GtkEventController *
find_key_controller (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        return controller;
    }
  return NULL;
}

static void
assert_spans (Fixture     *fixture,
              guint        index,
              const guint *expected,
              guint        n_expected)
{
  GArray *spans =
    gloss_curation_compare_get_line_spans (GLOSS_CURATION_COMPARE (fixture->compare), index);

  g_assert_nonnull (spans);
  for (guint i = 0; i < spans->len; i++)
    {
      GlossFragment *span = &g_array_index (spans, GlossFragment, i);

      g_test_message ("line %u span %u: [%u, %u)", index, i, span->start, span->end);
    }
  g_assert_cmpuint (spans->len, ==, n_expected / 2);
  for (guint i = 0; i < spans->len; i++)
    {
      GlossFragment *span = &g_array_index (spans, GlossFragment, i);

      g_assert_cmpuint (span->start, ==, expected[2 * i]);
      g_assert_cmpuint (span->end, ==, expected[2 * i + 1]);
    }
}

static void
save_screenshots (Fixture    *fixture,
                  const char *name)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *light = g_strdup_printf ("%s-light.png", name);
  g_autofree char *dark = g_strdup_printf ("%s-dark.png", name);
  GtkLabel        *gold = gold_label (fixture);
  g_autofree char *light_markup = g_strdup (gtk_label_get_label (gold));

  save_screenshot (fixture->window, light);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  settle (200);
  save_screenshot (fixture->window, dark);
  /* the colours follow the style: the dark variants are other colours */
  g_assert_cmpstr (gtk_label_get_label (gold_label (fixture)), !=, light_markup);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  settle (200);
  g_assert_cmpstr (gtk_label_get_label (gold_label (fixture)), ==, light_markup);
}

/* ---- the tests ----------------------------------------------------------- */

static void
test_lines (Fixture      *fixture,
            gconstpointer user_data)
{
  GlossCurationCompare *compare = GLOSS_CURATION_COMPARE (fixture->compare);
  g_autofree char      *window = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  const char *alice_shown;
  const char *after_cyprus;
  guint       n_skipped = 0;
  const char *start = g_utf8_offset_to_pointer (text, fixture->from);
  const char *end = g_utf8_offset_to_pointer (text, fixture->to);

  /* the window, its line break shown as a space, on every line */
  window = g_strndup (start, end - start);
  g_strdelimit (window, "\n", ' ');
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *line = gloss_curation_compare_dup_line_text (compare, i);

      g_assert_cmpstr (line, ==, window);
    }
  g_assert_null (gloss_curation_compare_dup_line_text (compare, 4));

  /* alice: the person, both fragments of the claim, the place inside it */
  assert_spans (fixture, 0,
                (guint[]) { offset_of ("Ramón Nuñez"), end_of ("Ramón Nuñez"),
                            offset_of (CLAIM_HEAD), end_of (CLAIM_HEAD),
                            offset_of (CLAIM_TAIL), end_of (CLAIM_TAIL),
                            offset_of ("Cyprus"), end_of ("Cyprus") },
                8);
  /* ben: the organisation cut at the window's start; not the date before it */
  assert_spans (fixture, 1,
                (guint[]) { fixture->from, end_of ("Baltic Wire"),
                            offset_of ("Colonel"), end_of ("Ramón Nuñez") },
                4);
  /* cai: the claim, the quantity inside it, the place after the break; not
   * the deleted place */
  assert_spans (fixture, 2,
                (guint[]) { fixture->unit_start, fixture->unit_end,
                            offset_of ("at least"), end_of ("at least 14 officials"),
                            offset_of ("Riga"), end_of ("Riga") },
                6);
  /* gold */
  assert_spans (fixture, 3, (guint[]) { offset_of ("Ramón"), end_of ("Ramón Nuñez") }, 2);

  /* the label names follow their spans, the inner one first */
  lines = text_labels (fixture);
  g_assert_cmpuint (lines->len, ==, 4);
  alice_shown = gtk_label_get_text (lines->pdata[0]);
  g_test_message ("alice's line: %s", alice_shown);
  g_assert_nonnull (strstr (alice_shown, "PERSON"));
  after_cyprus = strstr (alice_shown, "Cyprus");
  g_assert_nonnull (after_cyprus);
  g_assert_nonnull (strstr (after_cyprus, "GPE"));
  g_assert_nonnull (strstr (after_cyprus, "CLAIM"));
  g_assert_true (strstr (after_cyprus, "GPE") < strstr (after_cyprus, "CLAIM"));
  /* the first fragment of the split claim is named too */
  g_assert_nonnull (strstr (strstr (alice_shown, "capitals"), "CLAIM"));
  g_assert_true (strstr (strstr (alice_shown, "capitals"), "CLAIM") < after_cyprus);
  g_assert_nonnull (strstr (gtk_label_get_text (lines->pdata[2]), "QUANTITY"));
  g_assert_null (strstr (gtk_label_get_text (lines->pdata[1]), "DATE"));

  /* ben alone is "skipped", next to his name */
  collect_labels (fixture->compare, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      const char *shown = gtk_label_get_text (labels->pdata[i]);

      if (strstr (shown, "skipped") == NULL)
        continue;
      n_skipped++;
      g_assert_nonnull (strstr (shown, "ben"));
    }
  g_assert_cmpuint (n_skipped, ==, 1);

  save_screenshots (fixture, "curation-compare");

  /* NULL clears */
  gloss_curation_compare_show (compare, NULL, NULL, 0, 0, NULL, NULL, 0, 0);
  g_assert_null (gloss_curation_compare_dup_line_text (compare, 0));
  g_clear_pointer (&lines, g_ptr_array_unref);
  lines = text_labels (fixture);
  g_assert_cmpuint (lines->len, ==, 0);
}

static void
test_draw_gold (Fixture      *fixture,
                gconstpointer user_data)
{
  GlossCurationCompare *compare = GLOSS_CURATION_COMPARE (fixture->compare);
  GtkLabel             *gold = gold_label (fixture);
  GlossLabelPopover    *popover;
  GtkEventController   *keys;
  gboolean              handled = FALSE;
  int                   start, end;

  /* focused for drawing: the caret at the unit's start */
  gloss_curation_compare_focus_gold (compare);
  settle (50);
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (gold)));
  gtk_label_get_selection_bounds (gold, &start, &end);
  g_assert_cmpint (start, ==, label_offset_of (gold, CLAIM_HEAD));
  g_assert_cmpint (end, ==, start);

  /* an empty selection draws nothing */
  g_assert_true (gtk_widget_activate_action (fixture->compare, "compare.draw-gold", NULL));
  settle (50);
  g_assert_cmpuint (fixture->n_drawn, ==, 0);
  popover = find_popover (fixture->compare);
  g_assert_true (popover == NULL || !gtk_widget_get_visible (GTK_WIDGET (popover)));

  /* from the keyboard: Shift+Ctrl+Right twice from the caret, then Enter */
  g_signal_emit_by_name (gold, "move-cursor", GTK_MOVEMENT_WORDS, 2, TRUE);
  keys = find_key_controller (GTK_WIDGET (gold));
  g_assert_nonnull (keys);
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Return, 0, 0, &handled);
  g_assert_true (handled);
  settle (50);
  popover = find_popover (fixture->compare);
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_signal_emit_by_name (popover, "label-chosen", "ORG");
  settle (50);
  g_assert_cmpuint (fixture->n_drawn, ==, 1);
  g_assert_cmpuint (fixture->drawn_start, ==, offset_of ("the network"));
  g_assert_cmpuint (fixture->drawn_end, ==, end_of ("the network"));
  g_assert_cmpstr (fixture->drawn_label, ==, "ORG");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));

  /* Enter on a selection with spaces around it: the popover, then the
   * label chosen draws the trimmed span */
  start = label_offset_of (gold, " " CLAIM_HEAD);
  end = label_offset_of (gold, CLAIM_HEAD) + g_utf8_strlen (CLAIM_HEAD " ", -1);
  gtk_label_select_region (gold, start, end);
  g_assert_true (gtk_widget_activate_action (fixture->compare, "compare.draw-gold", NULL));
  settle (50);
  popover = find_popover (fixture->compare);
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_true (gloss_label_popover_get_schema (popover) == fixture->schema);
  g_assert_cmpuint (fixture->n_drawn, ==, 1);
  g_signal_emit_by_name (popover, "label-chosen", "CLAIM");
  settle (50);
  g_assert_cmpuint (fixture->n_drawn, ==, 2);
  g_assert_cmpuint (fixture->drawn_start, ==, offset_of (CLAIM_HEAD));
  g_assert_cmpuint (fixture->drawn_end, ==, end_of (CLAIM_HEAD));
  g_assert_cmpstr (fixture->drawn_label, ==, "CLAIM");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));

  /* a selection that ends in the label name shown after "Nuñez", with a
   * label's hotkey ("1": PERSON) at once */
  gold = gold_label (fixture);
  start = label_offset_of (gold, "Colonel");
  end = label_offset_of (gold, "PERSON") + 3;
  gtk_label_select_region (gold, start, end);
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_1, 0, 0, &handled);
  g_assert_true (handled);
  g_assert_cmpuint (fixture->n_drawn, ==, 3);
  g_assert_cmpuint (fixture->drawn_start, ==, offset_of ("Colonel"));
  g_assert_cmpuint (fixture->drawn_end, ==, end_of ("Ramón Nuñez"));
  g_assert_cmpstr (fixture->drawn_label, ==, "PERSON");

  /* a selection across that label name keeps the text on both sides */
  start = label_offset_of (gold, "Nuñez");
  end = label_offset_of (gold, ", a former") + 3;
  gtk_label_select_region (gold, start, end);
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_c, 0, 0, &handled);
  g_assert_true (handled);
  g_assert_cmpuint (fixture->n_drawn, ==, 4);
  g_assert_cmpuint (fixture->drawn_start, ==, offset_of ("Nuñez"));
  g_assert_cmpuint (fixture->drawn_end, ==, offset_of (", a former") + 3);
  g_assert_cmpstr (fixture->drawn_label, ==, "CLAIM");

  /* a key that is no label's, or a selection of label names and spaces
   * only, draws nothing */
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_z, 0, 0, &handled);
  g_assert_false (handled);
  start = label_offset_of (gold, "PERSON");
  gtk_label_select_region (gold, start, start + 6);
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_1, 0, 0, &handled);
  g_assert_false (handled);
  g_assert_cmpuint (fixture->n_drawn, ==, 4);

  /* the gold line with a selection, for the record */
  gloss_curation_compare_focus_gold (compare);
  gtk_label_select_region (gold, label_offset_of (gold, "paid"),
                           label_offset_of (gold, "Cyprus") + 6);
  settle (50);
  save_screenshot (fixture->window, "curation-compare-focused.png");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) provider = NULL;

  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_printerr ("No display: skipping\n");
      return 77;
    }
  adw_init ();
  /* as the curation view does */
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/glossapp/Gloss/gloss-teams.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  g_test_add ("/ui/curation-compare/lines", Fixture, NULL, fixture_setup, test_lines,
              fixture_teardown);
  g_test_add ("/ui/curation-compare/draw-gold", Fixture, NULL, fixture_setup, test_draw_gold,
              fixture_teardown);

  return g_test_run ();
}
