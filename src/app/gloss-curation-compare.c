/* gloss-curation-compare.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One GtkLabel per annotator shows the same window of the text, marked up
 * with that annotator's spans, then one for gold, which is selectable:
 * selecting there and pressing Enter (or a label's hotkey) draws gold.
 * The label names shown after the spans are text of the label, not of the
 * document: each line keeps, per character of its label text, the
 * document offset it shows (or -1), so that a selection maps back.
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "gloss-annotation.h"
#include "gloss-curation-compare.h"
#include "gloss-label-popover.h"
#include "gloss-schema.h"

/* How much of the label's colour a span's background takes, over white in
 * the light style and over the dark window colour in the dark one. */
#define LIGHT_MIX 0.35
#define DARK_MIX  0.45
#define DARK_BASE 0.14

/* Before a label name: a narrow no-break space, so that the name wraps
 * with its span's last word. */
#define NAME_SPACE "\u202f"

#define LINE_HEIGHT "1.3"

typedef struct
{
  GtkWidget *digit;  /* borrowed: in the grid; NULL on the gold line */
  GtkWidget *name;   /* borrowed: in the grid */
  GtkWidget *text;   /* borrowed: in the grid */
  GArray    *spans;  /* owned: GlossFragment, sorted */
  GArray    *doc_at; /* owned: int per character of the label's text, its document offset or -1 */
} Line;

/* One fragment of an annotation, cut to the window. */
typedef struct
{
  guint       start;
  guint       end;
  const char *label;         /* borrowed from the annotation */
  guint       order;         /* the annotation's place: later ones draw over earlier ones */
  guint       continues : 1; /* more of the annotation follows (or lies past the window) */
} Piece;

struct _GlossCurationCompare
{
  GtkWidget    parent_instance;

  GlossSchema *schema; /* owned */
  gunichar    *window; /* owned: the characters [from, to) of the text */
  guint        from;
  guint        to;
  guint        unit_start;
  guint        unit_end;
  GPtrArray   *annotators;  /* owned: char *, one per line but gold */
  GPtrArray   *annotations; /* owned: GlossAnnotation in the window, not deleted */
  GArray      *lines;       /* owned: Line, the annotators' then gold */
  gboolean     dark;
  GtkWidget   *popover; /* owned (a child), or NULL */
  guint        pending_start;
  guint        pending_end;
  gboolean     pending;

  /* template children */
  GtkGrid     *grid;
};

G_DEFINE_FINAL_TYPE (GlossCurationCompare, gloss_curation_compare, GTK_TYPE_WIDGET)

enum
{
  DRAW_GOLD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- colours ------------------------------------------------------------- */

static gboolean
style_is_dark (GlossCurationCompare *self)
{
  GdkRGBA text;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &text);
  G_GNUC_END_IGNORE_DEPRECATIONS

  return 0.299 * text.red + 0.587 * text.green + 0.114 * text.blue >= 0.5;
}

static void
label_color (GlossCurationCompare *self,
             const char           *name,
             GdkRGBA              *color)
{
  GlossLabel *label = self->schema != NULL ? gloss_schema_lookup_label (self->schema, name) : NULL;

  if (label == NULL || !gdk_rgba_parse (color, gloss_label_get_color (label)))
    *color = (GdkRGBA) { 0.6f, 0.6f, 0.6f, 1.0f };
}

static char *
hex (const GdkRGBA *color)
{
  return g_strdup_printf ("#%02x%02x%02x", (guint) (CLAMP (color->red, 0.f, 1.f) * 255.f + .5f),
                          (guint) (CLAMP (color->green, 0.f, 1.f) * 255.f + .5f),
                          (guint) (CLAMP (color->blue, 0.f, 1.f) * 255.f + .5f));
}

/* The background of a span of @name (opaque: the label colour mixed into
 * the style's background, as the document view's tags blend it) and a
 * foreground that reads on it. */
static void
span_colors (GlossCurationCompare *self,
             const char           *name,
             char                **background,
             char                **foreground)
{
  GdkRGBA color;
  double  luminance;
  float   mix = self->dark ? DARK_MIX : LIGHT_MIX;
  float   base = self->dark ? DARK_BASE : 1.f;

  label_color (self, name, &color);
  color.red = color.red * mix + base * (1.f - mix);
  color.green = color.green * mix + base * (1.f - mix);
  color.blue = color.blue * mix + base * (1.f - mix);
  luminance = 0.299 * color.red + 0.587 * color.green + 0.114 * color.blue;
  *background = hex (&color);
  *foreground = g_strdup (luminance > 0.5 ? "#1e1e1e" : "#ffffff");
}

/* The colour of a label's name on the text's background: the label colour,
 * darker in the light style, lighter in the dark one (the document view's
 * line colour). */
static char *
name_color (GlossCurationCompare *self,
            const char           *name)
{
  GdkRGBA color;

  label_color (self, name, &color);
  if (self->dark)
    {
      color.red += (1.f - color.red) * 0.25f;
      color.green += (1.f - color.green) * 0.25f;
      color.blue += (1.f - color.blue) * 0.25f;
    }
  else
    {
      color.red *= 0.62f;
      color.green *= 0.62f;
      color.blue *= 0.62f;
    }
  return hex (&color);
}

/* ---- lines --------------------------------------------------------------- */

static void
line_clear (gpointer data)
{
  Line *line = data;

  g_clear_pointer (&line->spans, g_array_unref);
  g_clear_pointer (&line->doc_at, g_array_unref);
}

static Line *
gold_line (GlossCurationCompare *self)
{
  if (self->lines->len == 0)
    return NULL;
  return &g_array_index (self->lines, Line, self->lines->len - 1);
}

static int
compare_pieces (gconstpointer a,
                gconstpointer b)
{
  const Piece *pa = a;
  const Piece *pb = b;

  if (pa->start != pb->start)
    return pa->start < pb->start ? -1 : 1;
  if (pa->end != pb->end)
    return pa->end < pb->end ? -1 : 1;
  return pa->order < pb->order ? -1 : pa->order > pb->order;
}

/* The pieces of @annotator's annotations in the window, sorted. */
static GArray *
collect_pieces (GlossCurationCompare *self,
                const char           *annotator)
{
  GArray *pieces = g_array_new (FALSE, FALSE, sizeof (Piece));

  for (guint i = 0; i < self->annotations->len; i++)
    {
      GlossAnnotation     *annotation = self->annotations->pdata[i];
      const GlossFragment *fragments;
      guint                n_fragments;

      if (g_strcmp0 (gloss_annotation_get_annotator (annotation), annotator) != 0)
        continue;
      fragments = gloss_annotation_get_fragments (annotation, &n_fragments);
      for (guint j = 0; j < n_fragments; j++)
        {
          Piece piece = {
            .start = MAX (fragments[j].start, self->from),
            .end = MIN (fragments[j].end, self->to),
            .label = gloss_annotation_get_label (annotation),
            .order = i,
            .continues = j + 1 < n_fragments || fragments[j].end > self->to,
          };

          if (piece.start < piece.end)
            g_array_append_val (pieces, piece);
        }
    }
  g_array_sort (pieces, compare_pieces);
  return pieces;
}

/* The piece drawn on top over [@start, @end) (inside it, or around it when
 * @around: reaching both sides): the shortest, then the one drawn last. */
static const Piece *
top_piece (GArray  *pieces,
           guint    start,
           guint    end,
           gboolean around)
{
  const Piece *top = NULL;

  for (guint i = 0; i < pieces->len; i++)
    {
      const Piece *piece = &g_array_index (pieces, Piece, i);
      gboolean     covers = around ? piece->start < start && piece->end > end
                                   : piece->start <= start && piece->end >= end;

      if (!covers)
        continue;
      if (top == NULL || piece->end - piece->start < top->end - top->start ||
          (piece->end - piece->start == top->end - top->start && piece->order >= top->order))
        top = piece;
    }
  return top;
}

static int
compare_pieces_by_length (gconstpointer a,
                          gconstpointer b)
{
  const Piece *pa = *(const Piece * const *) a;
  const Piece *pb = *(const Piece * const *) b;
  guint        la = pa->end - pa->start;
  guint        lb = pb->end - pb->start;

  if (la != lb)
    return la < lb ? -1 : 1;
  return pa->order > pb->order ? -1 : pa->order < pb->order;
}

static int
compare_guints (gconstpointer a,
                gconstpointer b)
{
  guint ua = *(const guint *) a;
  guint ub = *(const guint *) b;

  return ua < ub ? -1 : ua > ub;
}

/* Appends the document characters [@start, @end) to @markup (line breaks
 * and tabs as spaces) and their offsets to @doc_at. */
static void
append_text (GlossCurationCompare *self,
             GString              *markup,
             GArray               *doc_at,
             guint                 start,
             guint                 end)
{
  for (guint offset = start; offset < end; offset++)
    {
      gunichar c = self->window[offset - self->from];
      int      at = offset;

      if (c == '\n' || c == '\r' || c == '\t')
        c = ' ';
      if (c == '<')
        g_string_append (markup, "&lt;");
      else if (c == '>')
        g_string_append (markup, "&gt;");
      else if (c == '&')
        g_string_append (markup, "&amp;");
      else
        g_string_append_unichar (markup, c);
      g_array_append_val (doc_at, at);
    }
}

/* Appends the name of @piece's label after it (on @around's background,
 * a span that goes on past it), as characters of no document offset. */
static void
append_name (GlossCurationCompare *self,
             GString              *markup,
             GArray               *doc_at,
             const Piece          *piece,
             const Piece          *around)
{
  g_autofree char *color = name_color (self, piece->label);
  g_autofree char *background = NULL;
  g_autofree char *foreground = NULL;
  g_autofree char *name = g_strconcat (NAME_SPACE, piece->label,
                                       piece->continues ? "…" : "", NULL);
  g_autofree char *escaped = g_markup_escape_text (name, -1);
  int              none = -1;

  if (around != NULL)
    span_colors (self, around->label, &background, &foreground);
  g_string_append_printf (markup, "<span size='smaller' weight='bold' foreground='%s'", color);
  if (background != NULL)
    g_string_append_printf (markup, " background='%s'", background);
  g_string_append_printf (markup, ">%s</span>", escaped);
  for (glong i = 0; i < g_utf8_strlen (name, -1); i++)
    g_array_append_val (doc_at, none);
}

/* Marks up the window with @pieces: each run of characters in the colours
 * of the piece on top there, bold inside the unit, and the label names
 * after the pieces that end. */
static char *
build_markup (GlossCurationCompare *self,
              GArray               *pieces,
              GArray               *doc_at)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autoptr(GArray) bounds = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) ending = g_ptr_array_new ();
  guint edges[] = { self->from, self->to, CLAMP (self->unit_start, self->from, self->to),
                    CLAMP (self->unit_end, self->from, self->to) };

  g_array_append_vals (bounds, edges, G_N_ELEMENTS (edges));
  for (guint i = 0; i < pieces->len; i++)
    {
      const Piece *piece = &g_array_index (pieces, Piece, i);

      g_array_append_val (bounds, piece->start);
      g_array_append_val (bounds, piece->end);
    }
  g_array_sort (bounds, compare_guints);

  /* room between the wrapped lines, so that their backgrounds do not touch */
  g_string_append (markup, "<span line_height='" LINE_HEIGHT "'>");
  for (guint i = 0; i + 1 < bounds->len; i++)
    {
      guint        start = g_array_index (bounds, guint, i);
      guint        end = g_array_index (bounds, guint, i + 1);
      const Piece *top;
      gboolean     in_unit = start >= self->unit_start && end <= self->unit_end;

      if (start == end)
        continue;

      top = top_piece (pieces, start, end, FALSE);
      g_string_append (markup, "<span");
      if (top != NULL)
        {
          g_autofree char *background = NULL;
          g_autofree char *foreground = NULL;

          span_colors (self, top->label, &background, &foreground);
          g_string_append_printf (markup, " background='%s' foreground='%s'", background,
                                  foreground);
        }
      if (in_unit)
        g_string_append (markup, " weight='bold'");
      g_string_append (markup, ">");
      append_text (self, markup, doc_at, start, end);
      g_string_append (markup, "</span>");

      /* the names of the pieces that end here, the inner one first */
      g_ptr_array_set_size (ending, 0);
      for (guint j = 0; j < pieces->len; j++)
        if (g_array_index (pieces, Piece, j).end == end)
          g_ptr_array_add (ending, &g_array_index (pieces, Piece, j));
      g_ptr_array_sort (ending, compare_pieces_by_length);
      for (guint j = 0; j < ending->len; j++)
        append_name (self, markup, doc_at, ending->pdata[j], top_piece (pieces, end, end, TRUE));
    }
  g_string_append (markup, "</span>");

  return g_string_free (g_steal_pointer (&markup), FALSE);
}

static void
render_line (GlossCurationCompare *self,
             Line                 *line,
             const char           *annotator,
             guint                 index)
{
  g_autoptr(GArray) pieces = collect_pieces (self, annotator);
  g_autofree char *markup = NULL;
  gboolean         skipped = TRUE;

  g_clear_pointer (&line->spans, g_array_unref);
  g_clear_pointer (&line->doc_at, g_array_unref);
  line->spans = g_array_sized_new (FALSE, FALSE, sizeof (GlossFragment), pieces->len);
  line->doc_at = g_array_new (FALSE, FALSE, sizeof (int));

  for (guint i = 0; i < pieces->len; i++)
    {
      const Piece  *piece = &g_array_index (pieces, Piece, i);
      GlossFragment span = { piece->start, piece->end };

      g_array_append_val (line->spans, span);
      if (piece->start < self->unit_end && piece->end > self->unit_start)
        skipped = FALSE;
    }

  markup = build_markup (self, pieces, line->doc_at);
  gtk_label_set_markup (GTK_LABEL (line->text), markup);

  if (line->digit != NULL)
    {
      g_autofree char *digit = index < 9 ? g_strdup_printf ("%u", index + 1) : NULL;
      g_autofree char *name = NULL;

      gtk_label_set_text (GTK_LABEL (line->digit), digit);
      if (skipped)
        name = g_markup_printf_escaped ("%s\n<span size='smaller' weight='normal'>%s</span>",
                                        annotator, _("— skipped"));
      else
        name = g_markup_escape_text (annotator, -1);
      gtk_label_set_markup (GTK_LABEL (line->name), name);
      if (skipped)
        gtk_widget_add_css_class (line->name, "skipped");
      else
        gtk_widget_remove_css_class (line->name, "skipped");
    }
}

static void
render (GlossCurationCompare *self)
{
  for (guint i = 0; i < self->lines->len; i++)
    {
      Line       *line = &g_array_index (self->lines, Line, i);
      const char *annotator =
        i < self->annotators->len ? self->annotators->pdata[i] : GLOSS_GOLD_ANNOTATOR;

      render_line (self, line, annotator, i);
    }
}

static GtkWidget *
new_text_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.f);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_halign (label, GTK_ALIGN_FILL);
  gtk_widget_set_valign (label, GTK_ALIGN_BASELINE);
  gtk_widget_add_css_class (label, "compare-text");
  return label;
}

static gboolean gold_key_pressed_cb (GlossCurationCompare  *self,
                                     guint                  keyval,
                                     guint                  keycode,
                                     GdkModifierType        state,
                                     GtkEventControllerKey *controller);

/* The grid's rows: one per annotator, then gold and a hint under it. */
static void
rebuild_rows (GlossCurationCompare *self,
              guint                 n_annotators)
{
  GtkWidget          *child;
  GtkWidget          *hint;
  GtkEventController *keys;
  Line                gold = { 0 };
  const char         *hint_text = _("Select text on the gold line, then press Enter or a label's "
                                    "key to add it to the gold set");

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);
  g_array_set_size (self->lines, 0);

  for (guint i = 0; i < n_annotators; i++)
    {
      Line line = { 0 };

      line.digit = gtk_label_new (NULL);
      gtk_widget_set_valign (line.digit, GTK_ALIGN_BASELINE);
      gtk_label_set_xalign (GTK_LABEL (line.digit), 1.f);
      gtk_widget_add_css_class (line.digit, "compare-digit");
      gtk_widget_add_css_class (line.digit, "dim-label");
      line.name = gtk_label_new (NULL);
      gtk_widget_set_valign (line.name, GTK_ALIGN_BASELINE);
      gtk_label_set_xalign (GTK_LABEL (line.name), 0.f);
      gtk_widget_add_css_class (line.name, "compare-name");
      line.text = new_text_label ();
      gtk_grid_attach (self->grid, line.digit, 0, i, 1, 1);
      gtk_grid_attach (self->grid, line.name, 1, i, 1, 1);
      gtk_grid_attach (self->grid, line.text, 2, i, 1, 1);
      g_array_append_val (self->lines, line);
    }

  gold.name = gtk_label_new (GLOSS_GOLD_ANNOTATOR);
  gtk_widget_set_valign (gold.name, GTK_ALIGN_BASELINE);
  gtk_label_set_xalign (GTK_LABEL (gold.name), 0.f);
  gtk_widget_add_css_class (gold.name, "compare-name");
  gtk_widget_add_css_class (gold.name, "gold");
  gold.text = new_text_label ();
  gtk_label_set_selectable (GTK_LABEL (gold.text), TRUE);
  gtk_widget_add_css_class (gold.text, "gold");
  gtk_accessible_update_property (GTK_ACCESSIBLE (gold.text),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, hint_text, -1);
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_static_name (keys, "gloss-compare-gold-keys");
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (gold_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (gold.text, keys);
  gtk_grid_attach (self->grid, gold.name, 1, n_annotators, 1, 1);
  gtk_grid_attach (self->grid, gold.text, 2, n_annotators, 1, 1);
  g_array_append_val (self->lines, gold);

  hint = gtk_label_new (hint_text);
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (hint), 0.f);
  gtk_widget_add_css_class (hint, "compare-hint");
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_add_css_class (hint, "caption");
  gtk_grid_attach (self->grid, hint, 2, n_annotators + 1, 1, 1);
}

/* ---- drawing gold -------------------------------------------------------- */

static gunichar
window_char (GlossCurationCompare *self,
             guint                 offset)
{
  return self->window[offset - self->from];
}

/* The document range the gold line's selection shows, label names left
 * out and spaces around it trimmed; FALSE when that is empty. */
static gboolean
gold_selection (GlossCurationCompare *self,
                guint                *start,
                guint                *end)
{
  Line *gold = gold_line (self);
  guint lo = G_MAXUINT;
  guint hi = 0;
  int   from, to;

  if (gold == NULL || self->window == NULL ||
      !gtk_label_get_selection_bounds (GTK_LABEL (gold->text), &from, &to))
    return FALSE;

  for (int i = MAX (from, 0); i < to && (guint) i < gold->doc_at->len; i++)
    {
      int at = g_array_index (gold->doc_at, int, i);

      if (at < 0)
        continue;
      lo = MIN (lo, (guint) at);
      hi = MAX (hi, (guint) at + 1);
    }
  while (lo < hi && g_unichar_isspace (window_char (self, lo)))
    lo++;
  while (hi > lo && g_unichar_isspace (window_char (self, hi - 1)))
    hi--;
  if (lo >= hi)
    return FALSE;

  *start = lo;
  *end = hi;
  return TRUE;
}

/* The character of the gold line's label text that shows @offset. */
static int
label_index_of (Line *line,
                guint offset)
{
  for (guint i = 0; i < line->doc_at->len; i++)
    if (g_array_index (line->doc_at, int, i) >= (int) offset)
      return i;
  return line->doc_at->len;
}

static void
emit_draw_gold (GlossCurationCompare *self,
                guint                 start,
                guint                 end,
                const char           *label)
{
  g_autofree char *name = g_strdup (label);

  g_signal_emit (self, signals[DRAW_GOLD], 0, start, end, name);
}

static void
label_chosen_cb (GlossCurationCompare *self,
                 const char           *label)
{
  Line *gold = gold_line (self);

  gtk_popover_popdown (GTK_POPOVER (self->popover));
  if (!self->pending)
    return;
  self->pending = FALSE;
  if (gold != NULL)
    gtk_widget_grab_focus (gold->text);
  emit_draw_gold (self, self->pending_start, self->pending_end, label);
}

/* Points the popover at the start of the gold line's selection. */
static void
point_popover (GlossCurationCompare *self)
{
  Line          *gold = gold_line (self);
  GtkLabel      *label = GTK_LABEL (gold->text);
  PangoLayout   *layout = gtk_label_get_layout (label);
  const char    *text = pango_layout_get_text (layout);
  PangoRectangle pos;
  GdkRectangle   rect;
  int            from, to, x, y;
  double         dx, dy;

  gtk_label_get_selection_bounds (label, &from, &to);
  gtk_label_get_layout_offsets (label, &x, &y);
  pango_layout_index_to_pos (layout, g_utf8_offset_to_pointer (text, from) - text, &pos);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_widget_translate_coordinates (gold->text, GTK_WIDGET (self),
                                         x + PANGO_PIXELS (pos.x), y + PANGO_PIXELS (pos.y), &dx,
                                         &dy))
    dx = dy = 0;
  G_GNUC_END_IGNORE_DEPRECATIONS
  rect = (GdkRectangle) { (int) dx, (int) dy, MAX (1, PANGO_PIXELS (pos.width)),
                          MAX (1, PANGO_PIXELS (pos.height)) };
  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover), &rect);
}

static void
draw_gold_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GlossCurationCompare *self = GLOSS_CURATION_COMPARE (widget);
  guint                 start, end;

  if (!gold_selection (self, &start, &end))
    {
      gtk_widget_error_bell (widget);
      return;
    }

  self->pending_start = start;
  self->pending_end = end;
  self->pending = TRUE;
  if (self->popover == NULL)
    {
      self->popover = gloss_label_popover_new ();
      gtk_widget_set_parent (self->popover, widget);
      g_signal_connect_object (self->popover, "label-chosen", G_CALLBACK (label_chosen_cb), self,
                               G_CONNECT_SWAPPED);
    }
  gloss_label_popover_set_schema (GLOSS_LABEL_POPOVER (self->popover), self->schema);
  point_popover (self);
  gloss_label_popover_popup (GLOSS_LABEL_POPOVER (self->popover));
}

/* Enter asks for a label; a label's hotkey draws the selection at once (a
 * capital falls back to its small letter's hotkey, as in the text). Other
 * keys, and hotkeys without a selection, go on to the curation view. */
static gboolean
gold_key_pressed_cb (GlossCurationCompare  *self,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     GtkEventControllerKey *controller)
{
  char        buf[8] = { 0 };
  GlossLabel *label;
  guint       start, end;
  gunichar    c;

  state &= gtk_accelerator_get_default_mod_mask ();
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "compare.draw-gold", NULL);
      return TRUE;
    }

  c = gdk_keyval_to_unicode (keyval);
  if (c == 0 || !g_unichar_isgraph (c) || self->schema == NULL)
    return FALSE;

  g_unichar_to_utf8 (c, buf);
  label = gloss_schema_lookup_hotkey (self->schema, buf);
  if (label == NULL && g_unichar_isupper (c))
    {
      memset (buf, 0, sizeof buf);
      g_unichar_to_utf8 (g_unichar_tolower (c), buf);
      label = gloss_schema_lookup_hotkey (self->schema, buf);
    }
  if (label == NULL || !gold_selection (self, &start, &end))
    return FALSE;

  emit_draw_gold (self, start, end, gloss_label_get_name (label));
  return TRUE;
}

/* ---- vfuncs -------------------------------------------------------------- */

static void
gloss_curation_compare_measure (GtkWidget     *widget,
                                GtkOrientation orientation,
                                int            for_size,
                                int           *minimum,
                                int           *natural,
                                int           *minimum_baseline,
                                int           *natural_baseline)
{
  GlossCurationCompare *self = GLOSS_CURATION_COMPARE (widget);

  gtk_widget_measure (GTK_WIDGET (self->grid), orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

/* A bin, but for the popover, which is presented after each allocation. */
static void
gloss_curation_compare_size_allocate (GtkWidget *widget,
                                      int        width,
                                      int        height,
                                      int        baseline)
{
  GlossCurationCompare *self = GLOSS_CURATION_COMPARE (widget);

  gtk_widget_allocate (GTK_WIDGET (self->grid), width, height, baseline, NULL);
  if (self->popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->popover));
}

static GtkSizeRequestMode
gloss_curation_compare_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* The light and dark styles have colours of their own. */
static void
gloss_curation_compare_css_changed (GtkWidget         *widget,
                                    GtkCssStyleChange *change)
{
  GlossCurationCompare *self = GLOSS_CURATION_COMPARE (widget);
  gboolean              dark;

  GTK_WIDGET_CLASS (gloss_curation_compare_parent_class)->css_changed (widget, change);

  dark = style_is_dark (self);
  if (dark == self->dark)
    return;
  self->dark = dark;
  if (self->window != NULL)
    render (self);
}

static void
gloss_curation_compare_dispose (GObject *object)
{
  GlossCurationCompare *self = GLOSS_CURATION_COMPARE (object);

  g_clear_pointer (&self->popover, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_CURATION_COMPARE);
  g_array_set_size (self->lines, 0);
  g_clear_object (&self->schema);
  g_clear_pointer (&self->annotations, g_ptr_array_unref);

  G_OBJECT_CLASS (gloss_curation_compare_parent_class)->dispose (object);
}

static void
gloss_curation_compare_finalize (GObject *object)
{
  GlossCurationCompare *self = GLOSS_CURATION_COMPARE (object);

  g_clear_pointer (&self->window, g_free);
  g_clear_pointer (&self->annotators, g_ptr_array_unref);
  g_clear_pointer (&self->lines, g_array_unref);

  G_OBJECT_CLASS (gloss_curation_compare_parent_class)->finalize (object);
}

static void
gloss_curation_compare_class_init (GlossCurationCompareClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_curation_compare_dispose;
  object_class->finalize = gloss_curation_compare_finalize;
  widget_class->measure = gloss_curation_compare_measure;
  widget_class->size_allocate = gloss_curation_compare_size_allocate;
  widget_class->get_request_mode = gloss_curation_compare_get_request_mode;
  widget_class->css_changed = gloss_curation_compare_css_changed;

  /* The gold line's selection, in document offsets, and the label picked
   * for it. */
  signals[DRAW_GOLD] =
    g_signal_new ("draw-gold", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "compare.draw-gold", NULL, draw_gold_action);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/glossapp/Gloss/gloss-curation-compare.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossCurationCompare, grid);
  gtk_widget_class_set_css_name (widget_class, "curationcompare");
}

static void
gloss_curation_compare_init (GlossCurationCompare *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->lines = g_array_new (FALSE, TRUE, sizeof (Line));
  g_array_set_clear_func (self->lines, line_clear);
  self->annotators = g_ptr_array_new_with_free_func (g_free);
  self->annotations = g_ptr_array_new_with_free_func (g_object_unref);
}

/* ---- public API ---------------------------------------------------------- */

GtkWidget *
gloss_curation_compare_new (void)
{
  return g_object_new (GLOSS_TYPE_CURATION_COMPARE, NULL);
}

/* The characters [@from, @to) of @text, cut at its end (@to lowered). */
static gunichar *
dup_window (const char *text,
            guint       from,
            guint      *to)
{
  const char *start = text;
  const char *end;
  guint       offset = 0;
  glong       n = 0;

  for (; offset < from && *start != '\0'; offset++)
    start = g_utf8_next_char (start);
  if (offset < from)
    {
      *to = from;
      return g_new0 (gunichar, 1);
    }
  end = start;
  for (; offset < *to && *end != '\0'; offset++)
    end = g_utf8_next_char (end);
  *to = offset;
  return g_utf8_to_ucs4_fast (start, end - start, &n);
}

void
gloss_curation_compare_show (GlossCurationCompare *self,
                             GlossSchema          *schema,
                             const char           *text,
                             guint                 from,
                             guint                 to,
                             GPtrArray            *annotators,
                             GPtrArray            *annotations,
                             guint                 unit_start,
                             guint                 unit_end)
{
  GtkRoot   *root;
  GtkWidget *focus;
  gboolean   gold_focused;
  guint      n_annotators = annotators != NULL ? annotators->len : 0;

  g_return_if_fail (GLOSS_IS_CURATION_COMPARE (self));
  g_return_if_fail (schema == NULL || GLOSS_IS_SCHEMA (schema));

  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gold_focused = focus != NULL && gold_line (self) != NULL && focus == gold_line (self)->text;

  self->pending = FALSE;
  if (self->popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->popover));
  g_set_object (&self->schema, schema);
  g_clear_pointer (&self->window, g_free);
  g_ptr_array_set_size (self->annotators, 0);
  g_ptr_array_set_size (self->annotations, 0);

  if (text == NULL)
    {
      GtkWidget *child;

      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
        gtk_grid_remove (self->grid, child);
      g_array_set_size (self->lines, 0);
      return;
    }

  to = MAX (from, to);
  self->window = dup_window (text, from, &to);
  self->from = from;
  self->to = to;
  self->unit_start = unit_start;
  self->unit_end = unit_end;
  for (guint i = 0; i < n_annotators; i++)
    g_ptr_array_add (self->annotators, g_strdup (annotators->pdata[i]));
  for (guint i = 0; annotations != NULL && i < annotations->len; i++)
    {
      GlossAnnotation *annotation = annotations->pdata[i];

      if (!gloss_annotation_get_deleted (annotation) &&
          gloss_annotation_get_start (annotation) < to &&
          gloss_annotation_get_end (annotation) > from)
        g_ptr_array_add (self->annotations, g_object_ref (annotation));
    }

  /* The rows stay while the annotators do: the gold line keeps the focus
   * when gold is drawn and the unit shown again. */
  if (self->lines->len != n_annotators + 1)
    rebuild_rows (self, n_annotators);
  self->dark = style_is_dark (self);
  render (self);

  if (gold_focused)
    gtk_widget_grab_focus (gold_line (self)->text);
}

void
gloss_curation_compare_focus_gold (GlossCurationCompare *self)
{
  Line *gold;
  int   index;

  g_return_if_fail (GLOSS_IS_CURATION_COMPARE (self));

  gold = gold_line (self);
  if (gold == NULL)
    return;

  /* A selectable label selects all of itself when it takes the focus. */
  gtk_widget_grab_focus (gold->text);
  index = label_index_of (gold, self->unit_start);
  gtk_label_select_region (GTK_LABEL (gold->text), index, index);
}

char *
gloss_curation_compare_dup_line_text (GlossCurationCompare *self,
                                      guint                 index)
{
  g_autoptr(GString) plain = NULL;
  const char *shown;
  Line       *line;

  g_return_val_if_fail (GLOSS_IS_CURATION_COMPARE (self), NULL);

  if (index >= self->lines->len || self->window == NULL)
    return NULL;

  /* What the label shows, less the characters of no document offset. */
  line = &g_array_index (self->lines, Line, index);
  shown = gtk_label_get_text (GTK_LABEL (line->text));
  plain = g_string_new (NULL);
  for (guint i = 0; *shown != '\0'; i++, shown = g_utf8_next_char (shown))
    if (i < line->doc_at->len && g_array_index (line->doc_at, int, i) >= 0)
      g_string_append_unichar (plain, g_utf8_get_char (shown));
  return g_string_free (g_steal_pointer (&plain), FALSE);
}

GArray *
gloss_curation_compare_get_line_spans (GlossCurationCompare *self,
                                       guint                 index)
{
  g_return_val_if_fail (GLOSS_IS_CURATION_COMPARE (self), NULL);

  if (index >= self->lines->len)
    return NULL;
  return g_array_index (self->lines, Line, index).spans;
}
