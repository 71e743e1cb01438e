/* test-panels.c: the label palette, the inspector, the claims panel and the schema editor
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run under Xvfb: xvfb-run -a meson test -C _build --suite ui
 */

#include "config.h"

#include <stdlib.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "gloss-annotation-list.h"
#include "gloss-annotation-panel.h"
#include "gloss-annotation.h"
#include "gloss-claim-row.h"
#include "gloss-claims-panel.h"
#include "gloss-command.h"
#include "gloss-document-view.h"
#include "gloss-document.h"
#include "gloss-inspector-private.h"
#include "gloss-jsonl.h"
#include "gloss-label-palette.h"
#include "gloss-project.h"
#include "gloss-relation.h"
#include "gloss-schema-editor-private.h"
#include "gloss-schema.h"
#include "gloss-store.h"
#include "gloss-swatch.h"
#include "gloss-window.h"
#include "ui-test-util.h"

#define N_RANDOM_STEPS 300

typedef struct
{
  char                *dir;
  char                *path;
  GlossProject        *project;
  GlossDocument       *document;      /* borrowed from the project */
  GlossAnnotationList *annotations;
  GPtrArray           *labels;        /* label names (owned) */
} Fixture;

static const char *text =
  "A source familiar with the matter told Meridian on Tuesday that the agency ran a network "
  "of informants in Singapore. Officials denied the claims, saying the €450,000 payments "
  "were a café business. Colonel Ruslan Vey said the unit was disbanded in June.";

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  GListModel *labels;

  fixture->dir = g_dir_make_tmp ("gloss-panels-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "test.gloss", NULL);
  fixture->project = gloss_project_create (fixture->path, NULL, &error);
  g_assert_no_error (error);
  gloss_project_set_annotator (fixture->project, "tester");

  fixture->document = gloss_project_add_document (fixture->project, "article", text, -1, NULL,
                                                  &error);
  g_assert_no_error (error);
  fixture->annotations = gloss_project_dup_annotation_list (fixture->project, fixture->document,
                                                            &error);
  g_assert_no_error (error);

  fixture->labels = g_ptr_array_new_with_free_func (g_free);
  labels = gloss_schema_get_labels (gloss_project_get_schema (fixture->project));
  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (labels, i);

      g_ptr_array_add (fixture->labels, g_strdup (gloss_label_get_name (label)));
    }
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);

  g_clear_pointer (&fixture->labels, g_ptr_array_unref);
  g_clear_object (&fixture->annotations);
  g_clear_object (&fixture->project);

  g_unlink (fixture->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
apply (GlossAnnotationList *annotations,
       GlossCommand        *command)
{
  g_autoptr(GError) error = NULL;

  gboolean ok = gloss_annotation_list_apply (annotations, command, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

static char *
add_span (GlossAnnotationList *annotations,
          const char          *label,
          guint                start,
          guint                end)
{
  g_autoptr(GlossAnnotation) annotation = gloss_annotation_new_span (label, start, end, NULL);
  g_autoptr(GlossCommand) command = gloss_command_new ("Add");

  apply (annotations, gloss_command_create_annotation (command, annotation));
  return g_strdup (gloss_annotation_get_uuid (annotation));
}

static void
undo (GlossAnnotationList *annotations)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_annotation_list_undo (annotations, &error));
  g_assert_no_error (error);
}

/* The stored row, read back from the store. */
static GlossAnnotation *
load (Fixture    *fixture,
      const char *uuid)
{
  g_autoptr(GError) error = NULL;
  GlossAnnotation *annotation;

  annotation = gloss_store_load_annotation (gloss_project_get_store (fixture->project), uuid,
                                            &error);
  g_assert_no_error (error);
  g_assert_nonnull (annotation);
  return annotation;
}

static guint
position_of (GtkDropDown *dropdown,
             const char  *value)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), value) == 0)
      return i;

  g_error ("No item “%s” in the dropdown", value);
  return 0;
}

/* ---- templates --------------------------------------------------------- */

static void
test_templates (Fixture       *fixture,
                gconstpointer  user_data)
{
  GtkWidget *widget;

  widget = g_object_ref_sink (gloss_label_palette_new ());
  gloss_label_palette_set_annotation_list (GLOSS_LABEL_PALETTE (widget), fixture->annotations);
  g_assert_true (gloss_label_palette_get_schema (GLOSS_LABEL_PALETTE (widget)) ==
                 gloss_project_get_schema (fixture->project));
  g_assert_finalize_object (widget);

  widget = g_object_ref_sink (gloss_inspector_new ());
  gloss_inspector_set_annotation_list (GLOSS_INSPECTOR (widget), fixture->annotations);
  g_assert_null (gloss_inspector_get_annotation (GLOSS_INSPECTOR (widget)));
  g_assert_finalize_object (widget);

  widget = g_object_ref_sink (gloss_claims_panel_new ());
  gloss_claims_panel_set_annotation_list (GLOSS_CLAIMS_PANEL (widget), fixture->annotations);
  g_assert_cmpuint (g_list_model_get_n_items (
                      gloss_claims_panel_get_claims (GLOSS_CLAIMS_PANEL (widget))), ==, 0);
  g_assert_finalize_object (widget);

  widget = g_object_ref_sink (gloss_claim_row_new ());
  g_assert_finalize_object (widget);

  widget = g_object_ref_sink (gloss_swatch_new ("#3584e4", 12));
  g_assert_finalize_object (widget);

  widget = g_object_ref (gloss_schema_editor_new (NULL, fixture->project));
  gtk_window_present (GTK_WINDOW (widget));
  iterate_main_context (50);
  gtk_window_destroy (GTK_WINDOW (widget));
  iterate_main_context (20);
  g_assert_finalize_object (widget);
}

/* ---- palette ----------------------------------------------------------- */

/* The first descendant of @widget whose data @key is the string @value. */
static GtkWidget *
find_with_data (GtkWidget  *widget,
                const char *key,
                const char *value)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_strcmp0 (g_object_get_data (G_OBJECT (child), key), value) == 0)
        return child;
      if ((found = find_with_data (child, key, value)) != NULL)
        return found;
    }

  return NULL;
}

static void
label_activated_cb (GtkWidget  *palette,
                    const char *label,
                    char      **out)
{
  g_free (*out);
  *out = g_strdup (label);
}

static void
check_counts (Fixture           *fixture,
              GlossLabelPalette *palette,
              guint              step)
{
  GListModel *model = G_LIST_MODEL (fixture->annotations);
  g_autoptr(GHashTable) expected = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (model, i);
      const char *label = gloss_annotation_get_label (annotation);

      g_hash_table_insert (expected, (gpointer) label,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (expected,
                                                                                   label)) + 1));
    }

  for (guint i = 0; i < fixture->labels->len; i++)
    {
      const char *label = g_ptr_array_index (fixture->labels, i);
      guint want = GPOINTER_TO_UINT (g_hash_table_lookup (expected, label));
      guint got = gloss_label_palette_get_count (palette, label);

      if (want != got)
        g_error ("step %u: label %s: model %u, palette %u", step, label, want, got);
    }
}

static void
test_palette_counts (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (4242);
  guint length = gloss_document_get_length (fixture->document);
  GtkWidget *palette;
  GtkWidget *item;
  g_autofree char *activated = NULL;

  add_span (fixture->annotations, "PERSON", 0, 8);

  palette = g_object_ref_sink (gloss_label_palette_new ());
  gloss_label_palette_set_annotation_list (GLOSS_LABEL_PALETTE (palette), fixture->annotations);
  check_counts (fixture, GLOSS_LABEL_PALETTE (palette), 0);
  g_assert_cmpuint (gloss_label_palette_get_count (GLOSS_LABEL_PALETTE (palette), "PERSON"), ==,
                    1);

  for (guint step = 1; step <= N_RANDOM_STEPS; step++)
    {
      GListModel *model = G_LIST_MODEL (fixture->annotations);
      guint n = g_list_model_get_n_items (model);
      const char *label = g_ptr_array_index (fixture->labels,
                                             g_rand_int_range (rand, 0, fixture->labels->len));
      int op = g_rand_int_range (rand, 0, 8);
      g_autoptr(GlossCommand) command = gloss_command_new ("Random");
      g_autoptr(GError) error = NULL;
      g_autoptr(GlossAnnotation) some = n > 0 ? g_list_model_get_item (
                                                  model, g_rand_int_range (rand, 0, n)) : NULL;

      if (some == NULL && (op == 3 || op == 4))
        op = 0;

      switch (op)
        {
        case 0:
        case 1:
        case 2:
          {
            guint start = g_rand_int_range (rand, 0, length - 1);
            guint width = 1 + g_rand_int_range (rand, 0, 20);
            guint end = MIN (length, start + width);
            g_autofree char *uuid = add_span (fixture->annotations, label, start, end);
          }
          break;

        case 3:
          apply (fixture->annotations,
                 gloss_command_delete_annotation (command, gloss_annotation_get_uuid (some)));
          break;

        case 4:
          apply (fixture->annotations,
                 gloss_command_set_label (command, gloss_annotation_get_uuid (some), label));
          break;

        case 5:
        case 6:
          if (gloss_annotation_list_can_undo (fixture->annotations))
            undo (fixture->annotations);
          break;

        default:
          if (gloss_annotation_list_can_redo (fixture->annotations))
            {
              g_assert_true (gloss_annotation_list_redo (fixture->annotations, &error));
              g_assert_no_error (error);
            }
          break;
        }

      check_counts (fixture, GLOSS_LABEL_PALETTE (palette), step);
    }

  /* The schema changing rebuilds the palette; the counts stay. */
  gloss_label_set_color (gloss_schema_lookup_label (gloss_project_get_schema (fixture->project),
                                                    "PERSON"), "#123456");
  check_counts (fixture, GLOSS_LABEL_PALETTE (palette), N_RANDOM_STEPS + 1);

  /* Activating an item (Enter, Space or a click) names its label. */
  g_signal_connect (palette, "label-activated", G_CALLBACK (label_activated_cb), &activated);
  item = find_with_data (palette, "gloss-label", "ORG");
  g_assert_true (GTK_IS_FLOW_BOX_CHILD (item));
  g_signal_emit_by_name (item, "activate");
  g_assert_cmpstr (activated, ==, "ORG");

  gloss_label_palette_set_annotation_list (GLOSS_LABEL_PALETTE (palette), NULL);
  g_assert_cmpuint (gloss_label_palette_get_count (GLOSS_LABEL_PALETTE (palette), "PERSON"), ==,
                    0);
  g_assert_finalize_object (palette);
}

/* ---- inspector ----------------------------------------------------------- */

/* [start, end) of the first occurrence of @needle in the fixture text. */
static void
span_of (const char *needle,
         guint      *start,
         guint      *end)
{
  const char *found = strstr (text, needle);

  g_assert_nonnull (found);
  *start = g_utf8_pointer_to_offset (text, found);
  *end = *start + g_utf8_strlen (needle, -1);
}

static char *
add_text_span (Fixture    *fixture,
               const char *label,
               const char *needle)
{
  guint start, end;

  span_of (needle, &start, &end);
  return add_span (fixture->annotations, label, start, end);
}

static void
assert_attribute (Fixture    *fixture,
                  const char *uuid,
                  const char *name,
                  GVariant   *expected)
{
  g_autoptr(GlossAnnotation) stored = load (fixture, uuid);
  GVariant *value = gloss_annotation_get_attribute (stored, name);
  g_autoptr(GVariant) owned = expected != NULL ? g_variant_ref_sink (expected) : NULL;

  if (owned == NULL)
    g_assert_null (value);
  else
    {
      g_assert_nonnull (value);
      g_assert_true (g_variant_equal (value, owned));
    }
}

static GlossRelation *
only_relation (Fixture    *fixture,
               const char *uuid)
{
  g_autoptr(GPtrArray) relations = gloss_annotation_list_relations_of (fixture->annotations, uuid);

  g_assert_cmpuint (relations->len, ==, 1);
  return g_ptr_array_index (relations, 0);
}

static void
test_inspector_commands (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autofree char *claim = add_text_span (fixture, "CLAIM",
                                          "the agency ran a network of informants in Singapore");
  g_autofree char *source = add_text_span (fixture, "SOURCE", "A source familiar with the matter");
  g_autofree char *cue = add_text_span (fixture, "CUE", "told");
  g_autofree char *person = add_text_span (fixture, "PERSON", "Ruslan Vey");
  GlossStore *store = gloss_project_get_store (fixture->project);
  GlossSchema *schema = gloss_project_get_schema (fixture->project);
  g_autoptr(GlossAttrDef) comment = NULL;
  g_autofree char *relation_uuid = NULL;
  GtkWidget *inspector;
  GtkWidget *control;
  GtkDropDown *dropdown;
  GtkTextBuffer *buffer;

  inspector = g_object_ref_sink (gloss_inspector_new ());
  gloss_inspector_set_annotation_list (GLOSS_INSPECTOR (inspector), fixture->annotations);
  gloss_inspector_set_annotation (GLOSS_INSPECTOR (inspector), claim);
  g_assert_cmpstr (gloss_inspector_get_annotation (GLOSS_INSPECTOR (inspector)), ==, claim);

  /* Enum attribute: a dropdown with "(unset)" first. */
  control = _gloss_inspector_get_attribute_control (GLOSS_INSPECTOR (inspector), NULL,
                                                    "certainty");
  g_assert_true (GTK_IS_DROP_DOWN (control));
  /* Its name says the keys that set it from the text: Alt+1…4. */
  {
    GtkWidget *name = gtk_grid_get_child_at (GTK_GRID (gtk_widget_get_parent (control)), 0, 0);

    g_assert_true (GTK_IS_LABEL (name));
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (name)), ==, "certainty\nAlt+1…4");
  }
  gtk_drop_down_set_selected (GTK_DROP_DOWN (control),
                              position_of (GTK_DROP_DOWN (control), "hedged"));
  assert_attribute (fixture, claim, "certainty", g_variant_new_string ("hedged"));
  undo (fixture->annotations);
  assert_attribute (fixture, claim, "certainty", NULL);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (control)), ==, 0);

  /* Boolean attribute: a switch. */
  control = _gloss_inspector_get_attribute_control (GLOSS_INSPECTOR (inspector), NULL,
                                                    "checkworthy");
  g_assert_true (GTK_IS_SWITCH (control));
  gtk_switch_set_active (GTK_SWITCH (control), TRUE);
  assert_attribute (fixture, claim, "checkworthy", g_variant_new_boolean (TRUE));
  undo (fixture->annotations);
  assert_attribute (fixture, claim, "checkworthy", NULL);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (control)));

  /* Text attribute (added to the schema now: the inspector follows). */
  comment = gloss_attr_def_new ("comment", GLOSS_ATTR_TYPE_TEXT, NULL, NULL);
  gloss_label_add_attribute (gloss_schema_lookup_label (schema, "CLAIM"), comment);
  control = _gloss_inspector_get_attribute_control (GLOSS_INSPECTOR (inspector), NULL, "comment");
  g_assert_true (GTK_IS_ENTRY (control));
  gtk_editable_set_text (GTK_EDITABLE (control), "check the ledger");
  g_signal_emit_by_name (control, "activate");
  assert_attribute (fixture, claim, "comment", g_variant_new_string ("check the ledger"));
  undo (fixture->annotations);
  assert_attribute (fixture, claim, "comment", NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (control)), ==, "");

  /* Note: committed when the focus leaves. */
  buffer = gtk_text_view_get_buffer (_gloss_inspector_get_note_view (GLOSS_INSPECTOR (inspector)));
  gtk_text_buffer_set_text (buffer, "Needs a second source.", -1);
  _gloss_inspector_commit_pending (GLOSS_INSPECTOR (inspector));
  {
    g_autoptr(GlossAnnotation) stored = load (fixture, claim);

    g_assert_cmpstr (gloss_annotation_get_note (stored), ==, "Needs a second source.");
  }
  undo (fixture->annotations);
  {
    g_autoptr(GlossAnnotation) stored = load (fixture, claim);

    g_assert_null (gloss_annotation_get_note (stored));
  }

  /* Relations: add attributed-to, set its confidence, remove it, undo. */
  _gloss_inspector_add_relation (GLOSS_INSPECTOR (inspector), "attributed-to", source);
  g_assert_null (_gloss_inspector_get_error (GLOSS_INSPECTOR (inspector)));
  relation_uuid = g_strdup (gloss_relation_get_uuid (only_relation (fixture, claim)));
  {
    g_autoptr(GlossRelation) stored = gloss_store_load_relation (store, relation_uuid, NULL);

    g_assert_nonnull (stored);
    g_assert_false (gloss_relation_get_deleted (stored));
    g_assert_cmpstr (gloss_relation_get_relation_type (stored), ==, "attributed-to");
    g_assert_cmpstr (gloss_relation_get_target (stored), ==, source);
  }
  _gloss_inspector_flush (GLOSS_INSPECTOR (inspector));
  control = _gloss_inspector_get_attribute_control (GLOSS_INSPECTOR (inspector), relation_uuid,
                                                    "confidence");
  g_assert_true (GTK_IS_DROP_DOWN (control));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (control),
                              position_of (GTK_DROP_DOWN (control), "high"));
  {
    g_autoptr(GlossRelation) stored = gloss_store_load_relation (store, relation_uuid, NULL);
    GVariant *value = gloss_relation_get_attribute (stored, "confidence");

    g_assert_nonnull (value);
    g_assert_cmpstr (g_variant_get_string (value, NULL), ==, "high");
  }
  undo (fixture->annotations);
  {
    g_autoptr(GlossRelation) stored = gloss_store_load_relation (store, relation_uuid, NULL);

    g_assert_null (gloss_relation_get_attribute (stored, "confidence"));
  }
  _gloss_inspector_flush (GLOSS_INSPECTOR (inspector));
  g_signal_emit_by_name (_gloss_inspector_get_remove_button (GLOSS_INSPECTOR (inspector),
                                                             relation_uuid), "clicked");
  {
    g_autoptr(GPtrArray) relations = gloss_annotation_list_relations_of (fixture->annotations,
                                                                         claim);
    g_autoptr(GlossRelation) stored = gloss_store_load_relation (store, relation_uuid, NULL);

    g_assert_cmpuint (relations->len, ==, 0);
    g_assert_true (stored == NULL || gloss_relation_get_deleted (stored));
  }
  undo (fixture->annotations);
  g_assert_cmpstr (gloss_relation_get_uuid (only_relation (fixture, claim)), ==, relation_uuid);

  /* The schema refuses a cue as a source: the error shows, nothing changes. */
  _gloss_inspector_add_relation (GLOSS_INSPECTOR (inspector), "attributed-to", cue);
  g_assert_nonnull (_gloss_inspector_get_error (GLOSS_INSPECTOR (inspector)));
  g_assert_cmpstr (gloss_relation_get_uuid (only_relation (fixture, claim)), ==, relation_uuid);
  _gloss_inspector_add_relation (GLOSS_INSPECTOR (inspector), "cue", cue);
  g_assert_null (_gloss_inspector_get_error (GLOSS_INSPECTOR (inspector)));

  /* Normalisation and label on the person. */
  gloss_inspector_set_annotation (GLOSS_INSPECTOR (inspector), person);
  gtk_editable_set_text (GTK_EDITABLE (_gloss_inspector_get_norm_id_entry (
                                         GLOSS_INSPECTOR (inspector))), "Q4242");
  gtk_editable_set_text (GTK_EDITABLE (_gloss_inspector_get_norm_name_entry (
                                         GLOSS_INSPECTOR (inspector))), "Ruslan Vey");
  g_signal_emit_by_name (_gloss_inspector_get_norm_name_entry (GLOSS_INSPECTOR (inspector)),
                         "activate");
  {
    g_autoptr(GlossAnnotation) stored = load (fixture, person);

    g_assert_cmpstr (gloss_annotation_get_norm_id (stored), ==, "Q4242");
    g_assert_cmpstr (gloss_annotation_get_norm_name (stored), ==, "Ruslan Vey");
  }
  undo (fixture->annotations);
  {
    g_autoptr(GlossAnnotation) stored = load (fixture, person);

    g_assert_null (gloss_annotation_get_norm_id (stored));
    g_assert_null (gloss_annotation_get_norm_name (stored));
  }
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (_gloss_inspector_get_norm_id_entry (
                                                          GLOSS_INSPECTOR (inspector)))), ==, "");

  dropdown = _gloss_inspector_get_label_dropdown (GLOSS_INSPECTOR (inspector));
  gtk_drop_down_set_selected (dropdown, position_of (dropdown, "ORG"));
  {
    g_autoptr(GlossAnnotation) stored = load (fixture, person);

    g_assert_cmpstr (gloss_annotation_get_label (stored), ==, "ORG");
  }
  undo (fixture->annotations);
  {
    g_autoptr(GlossAnnotation) stored = load (fixture, person);

    g_assert_cmpstr (gloss_annotation_get_label (stored), ==, "PERSON");
  }
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, position_of (dropdown, "PERSON"));

  /* The annotation going away leaves the inspector empty, not broken. */
  {
    g_autoptr(GlossCommand) command = gloss_command_new ("Delete");

    apply (fixture->annotations, gloss_command_delete_annotation (command, person));
  }
  gloss_inspector_set_annotation (GLOSS_INSPECTOR (inspector), NULL);
  gloss_inspector_set_annotation_list (GLOSS_INSPECTOR (inspector), NULL);
  iterate_main_context (20);
  g_assert_finalize_object (inspector);
}

/* ---- claims panel ---------------------------------------------------------- */

static char *
covered_text (GlossAnnotationList *annotations,
              GlossAnnotation     *annotation)
{
  GlossDocument *document = gloss_annotation_list_get_document (annotations);
  char *covered = gloss_annotation_dup_text (annotation, gloss_document_get_text (document));

  return g_strdelimit (covered, "\n\r\t", ' ');
}

/* Independent of the panel: the target of the first live @type relation. */
static char *
expected_end (GlossAnnotationList *annotations,
              GlossAnnotation     *claim,
              const char          *type)
{
  GListModel *relations = gloss_annotation_list_get_relations (annotations);

  for (guint i = 0; i < g_list_model_get_n_items (relations); i++)
    {
      g_autoptr(GlossRelation) relation = g_list_model_get_item (relations, i);
      GlossAnnotation *target;

      if (g_strcmp0 (gloss_relation_get_relation_type (relation), type) != 0 ||
          g_strcmp0 (gloss_relation_get_source (relation), gloss_annotation_get_uuid (claim)))
        continue;

      target = gloss_annotation_list_lookup (annotations, gloss_relation_get_target (relation));
      if (target != NULL)
        return covered_text (annotations, target);
    }

  return NULL;
}

static GlossClaimRow *
find_claim_row (GtkWidget  *widget,
                const char *uuid)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GlossClaimRow *found;

      if (GLOSS_IS_CLAIM_ROW (child))
        {
          GlossAnnotation *claim = gloss_claim_row_get_claim (GLOSS_CLAIM_ROW (child));

          if (claim != NULL && g_strcmp0 (gloss_annotation_get_uuid (claim), uuid) == 0)
            return GLOSS_CLAIM_ROW (child);
        }
      if ((found = find_claim_row (child, uuid)) != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *find_of_type (GtkWidget *widget,
                                GType      type);

/* The claims are filtered only when the panel shows (or someone asks for
 * them); a selection made before waits for it. */
static void
test_claims_lazy (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *person = add_span (fixture->annotations, "PERSON", 0, 4);
  g_autofree char *claim = add_span (fixture->annotations, "CLAIM", 5, 20);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *other = gtk_label_new ("annotations");
  GtkWidget *panel = gloss_claims_panel_new ();
  GtkSelectionModel *selection;
  GtkWidget *list_view;

  gtk_stack_add_named (GTK_STACK (stack), other, "annotations");
  gtk_stack_add_named (GTK_STACK (stack), panel, "claims");
  gtk_stack_set_visible_child (GTK_STACK (stack), other);
  gtk_window_set_child (GTK_WINDOW (window), stack);
  gtk_window_present (GTK_WINDOW (window));
  iterate_main_context (50);

  gloss_claims_panel_set_annotation_list (GLOSS_CLAIMS_PANEL (panel), fixture->annotations);
  gloss_claims_panel_select_annotation (GLOSS_CLAIMS_PANEL (panel), claim);
  list_view = find_of_type (panel, GTK_TYPE_LIST_VIEW);
  g_assert_nonnull (list_view);
  selection = gtk_list_view_get_model (GTK_LIST_VIEW (list_view));
  /* Hidden: nothing filtered yet. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, 0);

  gtk_stack_set_visible_child (GTK_STACK (stack), panel);
  iterate_main_context (50);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, 1);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection)), ==, 0);

  /* Edits while shown go straight through. */
  g_free (add_span (fixture->annotations, "CLAIM", 21, 30));
  g_assert_cmpuint (g_list_model_get_n_items (
                      gloss_claims_panel_get_claims (GLOSS_CLAIMS_PANEL (panel))), ==, 2);
  (void) person;

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_claims_samples (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gloss-claims-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "samples.gloss", NULL);
  g_autofree char *samples = g_build_filename (g_getenv ("GLOSS_SOURCE_DIR"), "data", "samples",
                                               "samples.jsonl", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (samples);
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GlossProject) project = NULL;
  GlossJsonlImportReport report = { 0 };
  GListModel *documents;
  GtkWidget *window;
  GtkWidget *panel;
  guint n_claims = 0;
  guint n_sources = 0;
  guint n_cues = 0;
  gboolean checked_told = FALSE;

  g_assert_no_error (error);
  project = gloss_project_create (path, NULL, &error);
  g_assert_no_error (error);
  in = g_file_read (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (gloss_jsonl_import (project, G_INPUT_STREAM (in), samples, &report, NULL,
                                     &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_documents, ==, 3);

  window = g_object_ref (gtk_window_new ());
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 4000);
  panel = gloss_claims_panel_new ();
  gtk_window_set_child (GTK_WINDOW (window), panel);
  gtk_window_present (GTK_WINDOW (window));

  documents = gloss_project_get_documents (project);
  for (guint d = 0; d < g_list_model_get_n_items (documents); d++)
    {
      g_autoptr(GlossDocument) document = g_list_model_get_item (documents, d);
      g_autoptr(GlossAnnotationList) annotations =
        gloss_project_dup_annotation_list (project, document, &error);
      GListModel *claims;
      guint previous_start = 0;

      g_assert_no_error (error);
      gloss_claims_panel_set_annotation_list (GLOSS_CLAIMS_PANEL (panel), annotations);
      iterate_main_context (150);

      claims = gloss_claims_panel_get_claims (GLOSS_CLAIMS_PANEL (panel));
      g_assert_cmpuint (g_list_model_get_n_items (claims), >, 0);

      for (guint i = 0; i < g_list_model_get_n_items (claims); i++)
        {
          g_autoptr(GlossAnnotation) claim = g_list_model_get_item (claims, i);
          g_autofree char *want_source = expected_end (annotations, claim, "attributed-to");
          g_autofree char *want_cue = expected_end (annotations, claim, "cue");
          GlossClaimRow *row = find_claim_row (panel, gloss_annotation_get_uuid (claim));
          g_autofree char *claim_text = covered_text (annotations, claim);

          /* Claims only, in document order. */
          g_assert_cmpstr (gloss_annotation_get_label (claim), ==, "CLAIM");
          g_assert_cmpuint (gloss_annotation_get_start (claim), >=, previous_start);
          previous_start = gloss_annotation_get_start (claim);

          /* Every row on screen shows the right source and cue. */
          g_assert_nonnull (row);
          g_assert_cmpstr (gloss_claim_row_get_source_text (row), ==, want_source);
          g_assert_cmpstr (gloss_claim_row_get_cue_text (row), ==, want_cue);

          n_claims++;
          n_sources += want_source != NULL;
          n_cues += want_cue != NULL;

          if (g_str_has_prefix (claim_text, "Karsovia's foreign intelligence agency"))
            {
              GlossRelation *relation = NULL;
              g_autoptr(GPtrArray) relations = NULL;
              g_autoptr(GlossCommand) command = gloss_command_new ("Remove");

              g_assert_cmpstr (want_source, ==, "a source familiar with the matter");
              g_assert_cmpstr (want_cue, ==, "told");

              /* Live: removing the attribution empties the source at once. */
              relations = gloss_annotation_list_relations_of (annotations,
                                                              gloss_annotation_get_uuid (claim));
              for (guint r = 0; r < relations->len; r++)
                if (g_str_equal (gloss_relation_get_relation_type (
                                   g_ptr_array_index (relations, r)), "attributed-to"))
                  relation = g_ptr_array_index (relations, r);
              g_assert_nonnull (relation);
              apply (annotations, gloss_command_remove_relation (
                                    command, gloss_relation_get_uuid (relation)));
              g_assert_null (gloss_claim_row_get_source_text (row));
              undo (annotations);
              g_assert_cmpstr (gloss_claim_row_get_source_text (row), ==,
                               "a source familiar with the matter");
              checked_told = TRUE;
            }
        }

      gloss_claims_panel_set_annotation_list (GLOSS_CLAIMS_PANEL (panel), NULL);
    }

  g_assert_cmpuint (n_claims, ==, 36);
  g_assert_cmpuint (n_sources, >=, 30);
  g_assert_cmpuint (n_cues, >=, 20);
  g_assert_true (checked_told);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate_main_context (20);
  g_assert_finalize_object (window);

  g_clear_object (&project);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (path);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }
}

/* ---- schema editor -------------------------------------------------------- */

static void
test_schema_editor_labels (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  GlossSchema *schema = gloss_project_get_schema (fixture->project);
  GlossDocument *other;
  g_autoptr(GlossAnnotationList) other_annotations = NULL;
  g_autofree char *a = add_text_span (fixture, "PERSON", "Ruslan Vey");
  g_autofree char *b = add_text_span (fixture, "PERSON", "Meridian");
  g_autofree char *c = NULL;
  g_autofree char *d = add_text_span (fixture, "ORG", "the agency");
  guint n_documents = 0;
  GtkWidget *editor;

  other = gloss_project_add_document (fixture->project, "other", "Dorn said so.", -1, NULL,
                                      &error);
  g_assert_no_error (error);
  other_annotations = gloss_project_dup_annotation_list (fixture->project, other, &error);
  g_assert_no_error (error);
  c = add_span (other_annotations, "PERSON", 0, 4);

  editor = g_object_ref (gloss_schema_editor_new (NULL, fixture->project));
  gtk_window_present (GTK_WINDOW (editor));

  g_assert_cmpuint (gloss_schema_editor_count_label_uses (fixture->project, "PERSON",
                                                          &n_documents), ==, 3);
  g_assert_cmpuint (n_documents, ==, 2);

  /* Hotkey conflicts are refused with the schema's message. */
  g_assert_false (gloss_schema_set_label_hotkey (schema, "ORG", "1", &error));
  g_assert_error (error, GLOSS_SCHEMA_ERROR, GLOSS_SCHEMA_ERROR_DUPLICATE);
  g_clear_error (&error);

  /* Rename: the annotations follow, one undoable command per document. */
  g_assert_true (gloss_schema_rename_label (schema, "PERSON", "PER", &error));
  g_assert_no_error (error);
  g_assert_true (gloss_schema_editor_rewrite_label (fixture->project, "PERSON", "PER", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_schema_editor_count_label_uses (fixture->project, "PERSON", NULL), ==,
                    0);
  g_assert_cmpuint (gloss_schema_editor_count_label_uses (fixture->project, "PER", NULL), ==, 3);
  {
    g_autoptr(GlossAnnotation) stored = load (fixture, c);

    g_assert_cmpstr (gloss_annotation_get_label (stored), ==, "PER");
  }

  /* Delete: the annotations go too; the ORG one stays. */
  g_assert_true (gloss_schema_editor_rewrite_label (fixture->project, "PER", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_schema_remove_label (schema, "PER", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_schema_editor_count_label_uses (fixture->project, "PER", NULL), ==, 0);
  g_assert_cmpuint (gloss_schema_editor_count_label_uses (fixture->project, "ORG", NULL), ==, 1);
  g_assert_null (gloss_annotation_list_lookup (fixture->annotations, a));
  g_assert_null (gloss_annotation_list_lookup (other_annotations, c));
  g_assert_nonnull (gloss_annotation_list_lookup (fixture->annotations, d));
  (void) b;

  /* The editor followed all of it and closes cleanly. */
  iterate_main_context (50);
  gtk_window_destroy (GTK_WINDOW (editor));
  iterate_main_context (20);
  g_assert_finalize_object (editor);
}

static void
set_entry (GlossSchemaEditor      *editor,
           GlossSchemaEditorEntry  which,
           const char             *value)
{
  gtk_editable_set_text (GTK_EDITABLE (_gloss_schema_editor_get_entry (editor, which)), value);
}

static void
activate_entry (GlossSchemaEditor      *editor,
                GlossSchemaEditorEntry  which,
                const char             *value)
{
  set_entry (editor, which, value);
  g_signal_emit_by_name (_gloss_schema_editor_get_entry (editor, which), "activate");
}

static GtkWidget *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_MESSAGE_DIALOG (window))
        return window;
    }

  return NULL;
}

static void
test_schema_editor_ui (Fixture       *fixture,
                       gconstpointer  user_data)
{
  GlossSchema *schema = gloss_project_get_schema (fixture->project);
  g_autofree char *a = add_text_span (fixture, "PERSON", "Ruslan Vey");
  g_autofree char *b = add_text_span (fixture, "PERSON", "Meridian");
  GlossSchemaEditor *editor;
  GlossLabel *label;
  GtkWidget *dialog;

  editor = GLOSS_SCHEMA_EDITOR (g_object_ref (gloss_schema_editor_new (NULL, fixture->project)));
  gtk_window_present (GTK_WINDOW (editor));
  iterate_main_context (50);
  g_assert_cmpstr (_gloss_schema_editor_get_selected (editor), ==, "PERSON");

  /* A hotkey taken by another label is refused, and the message shows. */
  _gloss_schema_editor_select_label (editor, "ORG");
  activate_entry (editor, GLOSS_SCHEMA_EDITOR_ENTRY_HOTKEY, "1");
  g_assert_nonnull (_gloss_schema_editor_get_error (editor));
  g_assert_cmpstr (gloss_label_get_hotkey (gloss_schema_lookup_label (schema, "ORG")), ==, "2");
  activate_entry (editor, GLOSS_SCHEMA_EDITOR_ENTRY_HOTKEY, "o");
  g_assert_null (_gloss_schema_editor_get_error (editor));
  g_assert_cmpstr (gloss_label_get_hotkey (gloss_schema_lookup_label (schema, "ORG")), ==, "o");

  /* Reorder, recolour, describe. */
  _gloss_schema_editor_move (editor, -1);
  label = g_list_model_get_item (gloss_schema_get_labels (schema), 0);
  g_assert_cmpstr (gloss_label_get_name (label), ==, "ORG");
  g_object_unref (label);
  g_assert_cmpstr (_gloss_schema_editor_get_selected (editor), ==, "ORG");
  _gloss_schema_editor_set_color (editor, "#112233");
  g_assert_cmpstr (gloss_label_get_color (gloss_schema_lookup_label (schema, "ORG")), ==,
                   "#112233");
  activate_entry (editor, GLOSS_SCHEMA_EDITOR_ENTRY_DESCRIPTION, "Organisations.");
  g_assert_cmpstr (gloss_label_get_description (gloss_schema_lookup_label (schema, "ORG")), ==,
                   "Organisations.");

  /* A new label, then one whose hotkey conflicts (refused, not added). */
  set_entry (editor, GLOSS_SCHEMA_EDITOR_ENTRY_NEW_NAME, "WEAPON");
  set_entry (editor, GLOSS_SCHEMA_EDITOR_ENTRY_NEW_LAYER, "entity");
  set_entry (editor, GLOSS_SCHEMA_EDITOR_ENTRY_NEW_HOTKEY, "w");
  _gloss_schema_editor_add_label (editor);
  g_assert_null (_gloss_schema_editor_get_add_error (editor));
  g_assert_nonnull (gloss_schema_lookup_label (schema, "WEAPON"));
  g_assert_cmpstr (gloss_label_get_hotkey (gloss_schema_lookup_label (schema, "WEAPON")), ==,
                   "w");
  g_assert_cmpstr (_gloss_schema_editor_get_selected (editor), ==, "WEAPON");
  set_entry (editor, GLOSS_SCHEMA_EDITOR_ENTRY_NEW_NAME, "VEHICLE");
  set_entry (editor, GLOSS_SCHEMA_EDITOR_ENTRY_NEW_HOTKEY, "w");
  _gloss_schema_editor_add_label (editor);
  g_assert_nonnull (_gloss_schema_editor_get_add_error (editor));
  g_assert_null (gloss_schema_lookup_label (schema, "VEHICLE"));

  /* An attribute of the selected label. */
  set_entry (editor, GLOSS_SCHEMA_EDITOR_ENTRY_ATTR_NAME, "kind");
  set_entry (editor, GLOSS_SCHEMA_EDITOR_ENTRY_ATTR_VALUES, "knife, gun,");
  _gloss_schema_editor_add_attribute (editor, 0);
  g_assert_null (_gloss_schema_editor_get_error (editor));
  {
    GlossAttrDef *def = gloss_label_lookup_attribute (gloss_schema_lookup_label (schema, "WEAPON"),
                                                      "kind");
    const char * const *values;

    g_assert_nonnull (def);
    g_assert_cmpint (gloss_attr_def_get_attr_type (def), ==, GLOSS_ATTR_TYPE_ENUM);
    values = gloss_attr_def_get_values (def);
    g_assert_cmpuint (g_strv_length ((char **) values), ==, 2);
    g_assert_cmpstr (values[1], ==, "gun");
  }

  /* A relation type between labels; an unknown label is refused. */
  set_entry (editor, GLOSS_SCHEMA_EDITOR_ENTRY_REL_NAME, "owns");
  set_entry (editor, GLOSS_SCHEMA_EDITOR_ENTRY_REL_SOURCES, "PERSON, ORG");
  set_entry (editor, GLOSS_SCHEMA_EDITOR_ENTRY_REL_TARGETS, "NOSUCH");
  _gloss_schema_editor_add_relation_type (editor);
  g_assert_nonnull (_gloss_schema_editor_get_rel_error (editor));
  g_assert_null (gloss_schema_lookup_relation_type (schema, "owns"));
  set_entry (editor, GLOSS_SCHEMA_EDITOR_ENTRY_REL_TARGETS, "WEAPON");
  _gloss_schema_editor_add_relation_type (editor);
  g_assert_null (_gloss_schema_editor_get_rel_error (editor));
  g_assert_true (gloss_relation_type_allows (gloss_schema_lookup_relation_type (schema, "owns"),
                                             "ORG", "WEAPON"));

  /* Renaming through the name entry relabels the annotations, in one
   * step with the schema: the project adopts the renamed schema. */
  _gloss_schema_editor_select_label (editor, "PERSON");
  activate_entry (editor, GLOSS_SCHEMA_EDITOR_ENTRY_NAME, "PER");
  g_assert_null (_gloss_schema_editor_get_error (editor));
  schema = gloss_project_get_schema (fixture->project);
  g_assert_nonnull (gloss_schema_lookup_label (schema, "PER"));
  g_assert_null (gloss_schema_lookup_label (schema, "PERSON"));
  g_assert_cmpstr (_gloss_schema_editor_get_selected (editor), ==, "PER");
  g_assert_cmpstr (gloss_annotation_get_label (
                     gloss_annotation_list_lookup (fixture->annotations, a)), ==, "PER");
  g_assert_cmpuint (gloss_schema_editor_count_label_uses (fixture->project, "PER", NULL), ==, 2);

  /* Deleting a label in use asks first; Cancel keeps everything. */
  _gloss_schema_editor_delete (editor);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  iterate_main_context (20);
  g_assert_nonnull (gloss_schema_lookup_label (schema, "PER"));
  g_assert_nonnull (gloss_annotation_list_lookup (fixture->annotations, b));

  _gloss_schema_editor_delete (editor);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  iterate_main_context (20);
  g_assert_null (find_message_dialog ());
  g_assert_null (gloss_schema_lookup_label (schema, "PER"));
  g_assert_null (gloss_annotation_list_lookup (fixture->annotations, a));
  g_assert_null (gloss_annotation_list_lookup (fixture->annotations, b));
  g_assert_cmpuint (gloss_schema_editor_count_label_uses (fixture->project, "PER", NULL), ==, 0);

  /* An unused label goes at once. */
  _gloss_schema_editor_select_label (editor, "VEHICLE");
  _gloss_schema_editor_select_label (editor, "FAC");
  _gloss_schema_editor_delete (editor);
  g_assert_null (find_message_dialog ());
  g_assert_null (gloss_schema_lookup_label (schema, "FAC"));

  /* The project saved every change. */
  {
    GlossStore *store = gloss_project_get_store (fixture->project);
    g_autofree char *json = gloss_store_dup_schema_json (store);
    g_autoptr(GlossSchema) saved = gloss_schema_new_from_json (json, -1, NULL);

    g_assert_nonnull (saved);
    g_assert_true (gloss_schema_equal (saved, schema));
  }

  gtk_window_destroy (GTK_WINDOW (editor));
  iterate_main_context (20);
  g_assert_finalize_object (editor);
}

static GtkWidget *
find_of_type (GtkWidget *widget,
              GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_of_type (child, type)) != NULL)
        return found;
    }

  return NULL;
}

static void
test_window_wiring (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GFile) file = g_file_new_for_path (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *claim = add_text_span (fixture, "CLAIM",
                                          "the agency ran a network of informants in Singapore");
  g_autofree char *source = add_text_span (fixture, "SOURCE", "A source familiar with the matter");
  g_autoptr(GlossRelation) relation = gloss_relation_new ("attributed-to", claim, source, NULL);
  GlossAnnotationList *annotations;
  GlossDocumentView *view;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  GlossWindow *window;
  GtkWidget *inspector;
  GtkWidget *palette;
  GtkWidget *claims;
  GtkWidget *editor = NULL;
  GListModel *toplevels;
  guint span_start, span_end;

  {
    g_autoptr(GlossCommand) command = gloss_command_new ("Link");

    apply (fixture->annotations, gloss_command_add_relation (command, relation));
  }
  g_clear_object (&fixture->annotations);

  /* Edits need an annotator: the window takes it from the settings. */
  g_settings_set_string (settings, "annotator-name", "tester");
  window = g_object_ref (gloss_window_new (NULL));
  g_assert_true (gloss_window_open_file (window, file, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_window_select_document (window, "article"));
  gtk_window_present (GTK_WINDOW (window));
  iterate_main_context (200);

  view = GLOSS_DOCUMENT_VIEW (gloss_window_get_view (window));
  annotations = gloss_document_view_get_annotations (view);
  inspector = find_of_type (GTK_WIDGET (window), GLOSS_TYPE_INSPECTOR);
  palette = find_of_type (GTK_WIDGET (window), GLOSS_TYPE_LABEL_PALETTE);
  claims = find_of_type (GTK_WIDGET (window), GLOSS_TYPE_CLAIMS_PANEL);
  g_assert_nonnull (inspector);
  g_assert_nonnull (palette);
  g_assert_nonnull (claims);

  /* The panels follow the open document. */
  g_assert_true (gloss_label_palette_get_annotation_list (GLOSS_LABEL_PALETTE (palette)) ==
                 annotations);
  g_assert_cmpuint (gloss_label_palette_get_count (GLOSS_LABEL_PALETTE (palette), "CLAIM"), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (
                      gloss_claims_panel_get_claims (GLOSS_CLAIMS_PANEL (claims))), ==, 1);

  /* The view's selection drives the inspector. */
  gloss_document_view_set_selected_annotation (view,
                                               gloss_annotation_list_lookup (annotations, claim));
  g_assert_cmpstr (gloss_inspector_get_annotation (GLOSS_INSPECTOR (inspector)), ==, claim);
  /* ... and the annotation list: its row is selected. */
  {
    GtkWidget *panel = find_of_type (GTK_WIDGET (window), GLOSS_TYPE_ANNOTATION_PANEL);
    GtkWidget *list = panel != NULL ? find_of_type (panel, GTK_TYPE_LIST_VIEW) : NULL;
    GtkSelectionModel *model;
    guint position = 0;

    g_assert_nonnull (list);
    model = gtk_list_view_get_model (GTK_LIST_VIEW (list));
    g_assert_true (gloss_annotation_list_find (annotations, claim, &position));
    iterate_main_context (50);
    g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (model)), ==,
                      position);
    gloss_document_view_set_selected_annotation (view, NULL);
    iterate_main_context (50);
    g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (model)), ==,
                      GTK_INVALID_LIST_POSITION);
  }
  g_assert_null (gloss_inspector_get_annotation (GLOSS_INSPECTOR (inspector)));

  /* A label picked in the palette annotates the text selection. */
  span_of ("Meridian", &span_start, &span_end);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_get_iter_at_offset (buffer, &start, span_start);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, span_end);
  gtk_text_buffer_select_range (buffer, &start, &end);
  g_signal_emit_by_name (palette, "label-activated", "ORG");
  g_assert_cmpuint (gloss_label_palette_get_count (GLOSS_LABEL_PALETTE (palette), "ORG"), ==, 1);
  {
    g_autoptr(GPtrArray) found = gloss_annotation_list_query_range (annotations, span_start,
                                                                    span_end);
    gboolean have_org = FALSE;

    for (guint i = 0; i < found->len; i++)
      have_org |= g_str_equal (gloss_annotation_get_label (g_ptr_array_index (found, i)), "ORG");
    g_assert_true (have_org);
  }

  /* The claims panel reveals its claim in the view. */
  g_signal_emit_by_name (claims, "annotation-activated", claim);
  g_assert_nonnull (gloss_document_view_get_selected_annotation (view));
  g_assert_cmpstr (gloss_annotation_get_uuid (gloss_document_view_get_selected_annotation (view)),
                   ==, claim);

  /* Project ▸ Schema… opens the schema editor. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-schema", NULL));
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (GLOSS_IS_SCHEMA_EDITOR (toplevel))
        editor = toplevel;
    }
  g_assert_nonnull (editor);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (editor)) == GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (editor));

  gloss_window_set_project (window, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_main_context (50);
  g_assert_finalize_object (window);
  g_settings_reset (settings, "annotator-name");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_printerr ("No display: skipping the UI tests\n");
      return 77;
    }

  /* Xvfb has no window manager to move the focus between windows: a
   * blinking cursor in an entry of an inactive window would warn. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  g_test_add ("/ui/panels/templates", Fixture, NULL,
              fixture_setup, test_templates, fixture_teardown);
  g_test_add ("/ui/panels/palette-counts", Fixture, NULL,
              fixture_setup, test_palette_counts, fixture_teardown);
  g_test_add ("/ui/panels/inspector-commands", Fixture, NULL,
              fixture_setup, test_inspector_commands, fixture_teardown);
  g_test_add_func ("/ui/panels/claims-samples", test_claims_samples);
  g_test_add ("/ui/panels/claims-lazy", Fixture, NULL,
              fixture_setup, test_claims_lazy, fixture_teardown);
  g_test_add ("/ui/panels/schema-editor-labels", Fixture, NULL,
              fixture_setup, test_schema_editor_labels, fixture_teardown);
  g_test_add ("/ui/panels/window-wiring", Fixture, NULL,
              fixture_setup, test_window_wiring, fixture_teardown);
  g_test_add ("/ui/panels/schema-editor-ui", Fixture, NULL,
              fixture_setup, test_schema_editor_ui, fixture_teardown);

  return g_test_run ();
}
