/* gloss-document-view-actions.c: the view's keys, as actions with bindings, and the label hotkeys
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include "gloss-annotation.h"
#include "gloss-document-view-private.h"
#include "gloss-editing.h"
#include "gloss-schema.h"

/* The keys of the view: GtkShortcuts (a keyval trigger and a named action
 * with its arguments), made once in class_init like
 * gtk_widget_class_add_binding_action() makes them.
 *
 * They are not the class's own bindings, though: a subclass's bindings come
 * after those of GtkTextView in the one controller that runs them, and
 * GtkTextView binds Delete, BackSpace, Menu, Shift+F10 and Ctrl+Shift+A
 * itself, so ours would never be reached. Each view runs them instead from
 * a shortcut controller of its own in the capture phase, as the key handler
 * they replace did: before GtkTextView, after the window's accelerators.
 * An action that does not apply is disabled (see update_actions()), and the
 * key goes on as if unbound. */
static GListStore *bindings;

/* What the enabled actions were last set to (one bit each, as in the
 * table below): the muxer is only told of changes. */
typedef enum
{
  ACTION_UNSELECT = 1 << 0,
  ACTION_SELECT_NEXT = 1 << 1,
  ACTION_DELETE_ANNOTATION = 1 << 2,
  ACTION_MOVE_EDGE = 1 << 3,
  ACTION_LABEL_POPOVER = 1 << 4,
  ACTION_ADD_FRAGMENT = 1 << 5,
  ACTION_LINK_CANCEL = 1 << 6,
  ACTION_LINK_CYCLE_TARGET = 1 << 7,
  ACTION_LINK_CONFIRM = 1 << 8,
  ACTION_FRAME = 1 << 9,
  ACTION_QUICK_ATTRIBUTE = 1 << 10,
  ACTION_SUGGEST_NEXT = 1 << 11,
  ACTION_SUGGEST_DECIDE = 1 << 12,
  ACTION_SUGGEST_ACCEPT_ALL = 1 << 13,
  ACTION_REVIEW = 1 << 14,
} Action;

static const struct
{
  Action      action;
  const char *name;
} action_names[] = {
  { ACTION_UNSELECT, "doc.unselect" },
  { ACTION_SELECT_NEXT, "doc.select-next" },
  { ACTION_DELETE_ANNOTATION, "doc.delete-annotation" },
  { ACTION_MOVE_EDGE, "doc.move-edge" },
  { ACTION_LABEL_POPOVER, "doc.label-popover" },
  { ACTION_ADD_FRAGMENT, "doc.add-fragment" },
  { ACTION_LINK_CANCEL, "link.cancel" },
  { ACTION_LINK_CYCLE_TARGET, "link.cycle-target" },
  { ACTION_LINK_CONFIRM, "link.confirm" },
  { ACTION_FRAME, "frame.accept" },
  { ACTION_FRAME, "frame.cancel" },
  { ACTION_FRAME, "frame.cycle" },
  { ACTION_FRAME, "frame.focus" },
  { ACTION_FRAME, "frame.pick" },
  { ACTION_QUICK_ATTRIBUTE, "doc.quick-attribute" },
  { ACTION_SUGGEST_NEXT, "suggest.next" },
  { ACTION_REVIEW, "review.cycle" },
  { ACTION_REVIEW, "review.focus" },
  { ACTION_SUGGEST_DECIDE, "suggest.accept" },
  { ACTION_SUGGEST_DECIDE, "suggest.reject" },
  { ACTION_SUGGEST_ACCEPT_ALL, "suggest.accept-all" },
};

/* ---- actions ------------------------------------------------------------ */

/* Escape: lets go of the text selection and of the selected annotation. */
static void
unselect_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GlossDocumentView *self = GLOSS_DOCUMENT_VIEW (widget);
  guint              start, end;

  if (_gloss_document_view_get_text_selection (self, &start, &end))
    _gloss_document_view_clear_text_selection (self, end);
  _gloss_document_view_select (self, NULL, FALSE);
  _gloss_document_view_select_suggestion (self, NULL, FALSE);
}

static void
select_next_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  gloss_document_view_select_next (GLOSS_DOCUMENT_VIEW (widget), g_variant_get_int32 (parameter));
}

static void
delete_annotation_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  gloss_document_view_delete_selected (GLOSS_DOCUMENT_VIEW (widget));
}

/* (start edge?, direction) */
static void
move_edge_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gboolean start_edge;
  int      direction;

  g_variant_get (parameter, "(bi)", &start_edge, &direction);
  gloss_document_view_move_edge (GLOSS_DOCUMENT_VIEW (widget), start_edge, direction);
}

static void
label_popover_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  gloss_document_view_show_label_popover (GLOSS_DOCUMENT_VIEW (widget));
}

static void
add_fragment_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  gloss_document_view_add_fragment (GLOSS_DOCUMENT_VIEW (widget));
}

static void
link_cancel_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  _gloss_document_view_cancel_link (GLOSS_DOCUMENT_VIEW (widget));
}

static void
link_cycle_target_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  _gloss_document_view_cycle_link_target (GLOSS_DOCUMENT_VIEW (widget),
                                          g_variant_get_int32 (parameter));
}

/* 1..9: the relation type of that number; 0: the only one, or ask. */
static void
link_confirm_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  _gloss_document_view_confirm_link (GLOSS_DOCUMENT_VIEW (widget),
                                     g_variant_get_uint32 (parameter));
}

static void
frame_accept_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  _gloss_document_view_accept_frame (GLOSS_DOCUMENT_VIEW (widget));
}

static void
frame_cancel_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  _gloss_document_view_cancel_frame (GLOSS_DOCUMENT_VIEW (widget));
}

static void
frame_cycle_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  _gloss_document_view_cycle_frame (GLOSS_DOCUMENT_VIEW (widget), g_variant_get_int32 (parameter));
}

static void
frame_focus_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  _gloss_document_view_focus_frame_role (GLOSS_DOCUMENT_VIEW (widget),
                                         g_variant_get_int32 (parameter));
}

static void
frame_pick_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  _gloss_document_view_pick_frame (GLOSS_DOCUMENT_VIEW (widget), g_variant_get_uint32 (parameter));
}

/* Alt+1…9: the n-th value of the selected annotation's first enum
 * attribute (a claim's certainty). */
static void
quick_attribute_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  GlossDocumentView *self = GLOSS_DOCUMENT_VIEW (widget);

  if (self->selected_suggestion != NULL)
    _gloss_document_view_review_set_attribute (self, g_variant_get_uint32 (parameter));
  else
    gloss_document_view_set_quick_attribute (self, g_variant_get_uint32 (parameter));
}

static void
review_cycle_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  gloss_document_view_review_cycle (GLOSS_DOCUMENT_VIEW (widget),
                                    g_variant_get_int32 (parameter));
}

static void
review_focus_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  gloss_document_view_review_focus (GLOSS_DOCUMENT_VIEW (widget),
                                    g_variant_get_int32 (parameter));
}

static void
suggest_next_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  gloss_document_view_select_next_suggestion (GLOSS_DOCUMENT_VIEW (widget),
                                              g_variant_get_int32 (parameter));
}

static void
suggest_accept_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  gloss_document_view_accept_suggestion (GLOSS_DOCUMENT_VIEW (widget), NULL);
}

static void
suggest_reject_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  gloss_document_view_reject_suggestion (GLOSS_DOCUMENT_VIEW (widget));
}

static void
suggest_accept_all_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  gloss_document_view_accept_all_suggestions (GLOSS_DOCUMENT_VIEW (widget));
}

/* ---- bindings ----------------------------------------------------------- */

static void
add_binding_action (guint           keyval,
                    GdkModifierType modifiers,
                    const char     *action_name,
                    const char     *format,
                    ...)
{
  g_autoptr(GtkShortcut) shortcut = NULL;

  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keyval, modifiers),
                               gtk_named_action_new (action_name));
  if (format != NULL)
    {
      va_list args;

      va_start (args, format);
      gtk_shortcut_set_arguments (shortcut, g_variant_new_va (format, NULL, &args));
      va_end (args);
    }

  g_list_store_append (bindings, shortcut);
}

/* Tab goes forward, Shift+Tab back (a trigger takes ISO_Left_Tab, what
 * Shift+Tab types, for Tab). */
static void
add_tab_bindings (const char *action_name)
{
  add_binding_action (GDK_KEY_Tab, 0, action_name, "i", 1);
  add_binding_action (GDK_KEY_KP_Tab, 0, action_name, "i", 1);
  add_binding_action (GDK_KEY_Tab, GDK_SHIFT_MASK, action_name, "i", -1);
  add_binding_action (GDK_KEY_KP_Tab, GDK_SHIFT_MASK, action_name, "i", -1);
}

static void
add_bindings (void)
{
  static const guint delete_keys[] = { GDK_KEY_Delete, GDK_KEY_KP_Delete, GDK_KEY_BackSpace };
  static const guint enter_keys[] = { GDK_KEY_Return, GDK_KEY_KP_Enter, GDK_KEY_ISO_Enter };

  bindings = g_list_store_new (GTK_TYPE_SHORTCUT);

  /* A pending claim frame: before the editing keys it shares Escape and
   * Tab with (only one of them is enabled at a time anyway). */
  add_binding_action (GDK_KEY_Escape, 0, "frame.cancel", NULL);
  add_tab_bindings ("frame.cycle");
  for (guint i = 0; i < G_N_ELEMENTS (enter_keys); i++)
    add_binding_action (enter_keys[i], 0, "frame.accept", NULL);
  add_binding_action (GDK_KEY_Down, 0, "frame.focus", "i", 1);
  add_binding_action (GDK_KEY_KP_Down, 0, "frame.focus", "i", 1);
  add_binding_action (GDK_KEY_Up, 0, "frame.focus", "i", -1);
  add_binding_action (GDK_KEY_KP_Up, 0, "frame.focus", "i", -1);
  for (guint n = 0; n <= 9; n++)
    {
      add_binding_action (GDK_KEY_0 + n, 0, "frame.pick", "u", n);
      add_binding_action (GDK_KEY_KP_0 + n, 0, "frame.pick", "u", n);
    }
  for (guint n = 1; n <= 9; n++)
    {
      add_binding_action (GDK_KEY_0 + n, GDK_ALT_MASK, "doc.quick-attribute", "u", n);
      add_binding_action (GDK_KEY_KP_0 + n, GDK_ALT_MASK, "doc.quick-attribute", "u", n);
    }

  /* A claim suggestion's frame: the claim frame's keys */
  add_tab_bindings ("review.cycle");
  add_binding_action (GDK_KEY_Down, 0, "review.focus", "i", 1);
  add_binding_action (GDK_KEY_KP_Down, 0, "review.focus", "i", 1);
  add_binding_action (GDK_KEY_Up, 0, "review.focus", "i", -1);
  add_binding_action (GDK_KEY_KP_Up, 0, "review.focus", "i", -1);

  /* Suggestions: only while one is selected (Enter, Backspace) or some
   * are pending and no text is selected (N, Shift+N: a schema may give
   * "n" to a label), so that they never take a key from editing. */
  add_binding_action (GDK_KEY_n, 0, "suggest.next", "i", 1);
  add_binding_action (GDK_KEY_n, GDK_SHIFT_MASK, "suggest.next", "i", -1);
  for (guint i = 0; i < G_N_ELEMENTS (enter_keys); i++)
    {
      add_binding_action (enter_keys[i], 0, "suggest.accept", NULL);
      add_binding_action (enter_keys[i], GDK_CONTROL_MASK, "suggest.accept-all", NULL);
    }
  for (guint i = 0; i < G_N_ELEMENTS (delete_keys); i++)
    add_binding_action (delete_keys[i], 0, "suggest.reject", NULL);

  /* Editing */
  add_binding_action (GDK_KEY_Escape, 0, "doc.unselect", NULL);
  add_tab_bindings ("doc.select-next");
  for (guint i = 0; i < G_N_ELEMENTS (delete_keys); i++)
    add_binding_action (delete_keys[i], 0, "doc.delete-annotation", NULL);
  /* Alt+arrows move the end edge, Alt+Shift+arrows the start edge. */
  for (guint shift = 0; shift <= 1; shift++)
    {
      GdkModifierType modifiers = GDK_ALT_MASK | (shift ? GDK_SHIFT_MASK : 0);

      add_binding_action (GDK_KEY_Left, modifiers, "doc.move-edge", "(bi)", shift, -1);
      add_binding_action (GDK_KEY_KP_Left, modifiers, "doc.move-edge", "(bi)", shift, -1);
      add_binding_action (GDK_KEY_Right, modifiers, "doc.move-edge", "(bi)", shift, 1);
      add_binding_action (GDK_KEY_KP_Right, modifiers, "doc.move-edge", "(bi)", shift, 1);
    }
  add_binding_action (GDK_KEY_Menu, 0, "doc.label-popover", NULL);
  add_binding_action (GDK_KEY_F10, GDK_SHIFT_MASK, "doc.label-popover", NULL);
  add_binding_action (GDK_KEY_a, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "doc.add-fragment", NULL);

  /* Link mode */
  add_binding_action (GDK_KEY_Escape, 0, "link.cancel", NULL);
  add_tab_bindings ("link.cycle-target");
  for (guint i = 0; i < G_N_ELEMENTS (enter_keys); i++)
    {
      add_binding_action (enter_keys[i], 0, "link.confirm", "u", 0);
      add_binding_action (enter_keys[i], GDK_SHIFT_MASK, "link.confirm", "u", 0);
    }
  for (guint n = 1; n <= 9; n++)
    {
      add_binding_action (GDK_KEY_0 + n, 0, "link.confirm", "u", n);
      add_binding_action (GDK_KEY_KP_0 + n, 0, "link.confirm", "u", n);
    }
}

/* Finds the bindings of @keyval with @state, as the shortcut controller
 * does with an event (by keyval and modifiers, the keyval taken as a
 * GtkKeyvalTrigger keeps it: small, ISO_Left_Tab as Tab), and with
 * @activate activates them until one's action is enabled. TRUE when one
 * was activated, or without @activate when one matches. */
static gboolean
activate_binding (GlossDocumentView *self,
                  guint              keyval,
                  GdkModifierType    state,
                  gboolean           activate)
{
  GListModel *model = G_LIST_MODEL (bindings);

  keyval = keyval == GDK_KEY_ISO_Left_Tab ? GDK_KEY_Tab : gdk_keyval_to_lower (keyval);
  state &= gtk_accelerator_get_default_mod_mask ();

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (model, i);
      GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
      GtkKeyvalTrigger   *key = GTK_KEYVAL_TRIGGER (trigger);

      if (gtk_keyval_trigger_get_keyval (key) != keyval ||
          gtk_keyval_trigger_get_modifiers (key) != state)
        continue;

      if (!activate)
        return TRUE;
      if (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, GTK_WIDGET (self),
                                        gtk_shortcut_get_arguments (shortcut)))
        return TRUE;
    }

  return FALSE;
}

/* ---- label hotkeys ------------------------------------------------------- */

/* The label hotkeys cannot be static bindings: they come from the project's
 * schema, which the schema editor changes at any time, any printable
 * character may be one, and a capital typed with Shift falls back to its
 * small letter's hotkey. So this small handler looks the key up when it is
 * pressed. In link mode it swallows the printable keys, which would
 * surprise there, except those bound to the link actions (1-9). */
static gboolean
handle_hotkey (GlossDocumentView *self,
               guint              keyval,
               GdkModifierType    state)
{
  char        buf[8] = { 0 };
  GlossLabel *label;
  gunichar    c;

  if (self->annotations == NULL)
    return FALSE;

  state &= gtk_accelerator_get_default_mod_mask ();
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  c = gdk_keyval_to_unicode (keyval);
  if (c == 0 || !g_unichar_isgraph (c))
    return FALSE;

  if (self->linking)
    return !activate_binding (self, keyval, state, FALSE);

  if (self->schema == NULL)
    return FALSE;

  g_unichar_to_utf8 (c, buf);
  label = gloss_schema_lookup_hotkey (self->schema, buf);
  if (label == NULL && g_unichar_isupper (c))
    {
      memset (buf, 0, sizeof buf);
      g_unichar_to_utf8 (g_unichar_tolower (c), buf);
      label = gloss_schema_lookup_hotkey (self->schema, buf);
    }
  if (label == NULL)
    return FALSE;

  if (_gloss_document_view_accept_suggestion_as (self, gloss_label_get_name (label)))
    return TRUE;
  gloss_document_view_annotate (self, gloss_label_get_name (label));
  return TRUE;
}

static gboolean
hotkey_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GlossDocumentView     *self)
{
  return handle_hotkey (self, keyval, state);
}

/* ---- internal API -------------------------------------------------------- */

void
_gloss_document_view_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "doc.unselect", NULL, unselect_action);
  gtk_widget_class_install_action (widget_class, "doc.select-next", "i", select_next_action);
  gtk_widget_class_install_action (widget_class, "doc.delete-annotation", NULL,
                                   delete_annotation_action);
  gtk_widget_class_install_action (widget_class, "doc.move-edge", "(bi)", move_edge_action);
  gtk_widget_class_install_action (widget_class, "doc.label-popover", NULL,
                                   label_popover_action);
  gtk_widget_class_install_action (widget_class, "doc.add-fragment", NULL, add_fragment_action);
  gtk_widget_class_install_action (widget_class, "link.cancel", NULL, link_cancel_action);
  gtk_widget_class_install_action (widget_class, "link.cycle-target", "i",
                                   link_cycle_target_action);
  gtk_widget_class_install_action (widget_class, "link.confirm", "u", link_confirm_action);
  gtk_widget_class_install_action (widget_class, "frame.accept", NULL, frame_accept_action);
  gtk_widget_class_install_action (widget_class, "frame.cancel", NULL, frame_cancel_action);
  gtk_widget_class_install_action (widget_class, "frame.cycle", "i", frame_cycle_action);
  gtk_widget_class_install_action (widget_class, "frame.focus", "i", frame_focus_action);
  gtk_widget_class_install_action (widget_class, "frame.pick", "u", frame_pick_action);
  gtk_widget_class_install_action (widget_class, "doc.quick-attribute", "u",
                                   quick_attribute_action);
  gtk_widget_class_install_action (widget_class, "suggest.next", "i", suggest_next_action);
  gtk_widget_class_install_action (widget_class, "suggest.accept", NULL, suggest_accept_action);
  gtk_widget_class_install_action (widget_class, "suggest.reject", NULL, suggest_reject_action);
  gtk_widget_class_install_action (widget_class, "suggest.accept-all", NULL,
                                   suggest_accept_all_action);
  gtk_widget_class_install_action (widget_class, "review.cycle", "i", review_cycle_action);
  gtk_widget_class_install_action (widget_class, "review.focus", "i", review_focus_action);

  add_bindings ();
}

void
_gloss_document_view_init_actions (GlossDocumentView *self)
{
  GtkEventController *controller;

  /* Within a phase GTK runs the controllers added last first: the
   * bindings, then the hotkeys (which leave bound keys alone anyway). */
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (hotkey_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_shortcut_controller_new_for_model (G_LIST_MODEL (bindings));
  gtk_event_controller_set_static_name (controller, "gloss-document-view-bindings");
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  /* GTK enables installed actions: say which apply now. */
  self->enabled_actions = G_MAXUINT;
  _gloss_document_view_update_actions (self);
}

void
_gloss_document_view_update_actions (GlossDocumentView *self)
{
  gboolean editing = self->annotations != NULL && !self->linking;
  gboolean linking = self->annotations != NULL && self->linking;
  gboolean selected = editing && self->selected != NULL;
  gboolean framing = selected && self->frame != NULL;
  gboolean text_selected = FALSE;
  guint    enabled = 0;

  if (editing)
    text_selected = gtk_text_buffer_get_has_selection (_gloss_document_view_get_buffer (self));

  if ((selected || text_selected || (editing && self->selected_suggestion != NULL)) && !framing)
    enabled |= ACTION_UNSELECT;
  if (editing && !framing && !text_selected && self->suggestions != NULL &&
      self->suggestions->len > 0)
    enabled |= ACTION_SUGGEST_NEXT;
  /* Ctrl+Enter is the window's Mark as Done but while a suggestion is
   * under review */
  if (editing && !framing && !text_selected && self->selected_suggestion != NULL)
    enabled |= ACTION_SUGGEST_DECIDE | ACTION_SUGGEST_ACCEPT_ALL;
  if (editing && !framing && !text_selected && self->selected_suggestion != NULL &&
      self->review != NULL && self->review->len > 0)
    enabled |= ACTION_REVIEW;
  if (editing && !text_selected && self->selected_suggestion != NULL && self->schema != NULL &&
      gloss_editing_lookup_quick_attribute (self->schema,
                                            gloss_suggestion_get_label (
                                              self->selected_suggestion)) != NULL)
    enabled |= ACTION_QUICK_ATTRIBUTE;
  if (editing && !framing && g_list_model_get_n_items (G_LIST_MODEL (self->annotations)) > 0)
    enabled |= ACTION_SELECT_NEXT;
  if (framing)
    enabled |= ACTION_FRAME;
  if (selected && self->schema != NULL &&
      gloss_editing_lookup_quick_attribute (self->schema,
                                            gloss_annotation_get_label (self->selected)) != NULL)
    enabled |= ACTION_QUICK_ATTRIBUTE;
  if (selected)
    enabled |= ACTION_DELETE_ANNOTATION | ACTION_MOVE_EDGE;
  if ((selected || text_selected) && self->schema != NULL)
    enabled |= ACTION_LABEL_POPOVER;
  if (editing)
    enabled |= ACTION_ADD_FRAGMENT;
  if (linking)
    enabled |= ACTION_LINK_CANCEL | ACTION_LINK_CYCLE_TARGET | ACTION_LINK_CONFIRM;

  if (enabled == self->enabled_actions)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (action_names); i++)
    if (((enabled ^ self->enabled_actions) & action_names[i].action) != 0)
      gtk_widget_action_set_enabled (GTK_WIDGET (self), action_names[i].name,
                                     (enabled & action_names[i].action) != 0);
  self->enabled_actions = enabled;
}

gboolean
_gloss_document_view_handle_key (GlossDocumentView *self,
                                 guint              keyval,
                                 GdkModifierType    state)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT_VIEW (self), FALSE);

  return activate_binding (self, keyval, state, TRUE) || handle_hotkey (self, keyval, state);
}
