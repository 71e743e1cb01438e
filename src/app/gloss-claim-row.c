/* gloss-claim-row.c
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-lazy-tooltip.h"
#include "gloss-claim-row.h"
#include "gloss-document.h"
#include "gloss-relation.h"
#include "gloss-schema.h"
#include "gloss-swatch.h"

struct _GlossClaimRow
{
  GtkWidget        parent_instance;

  GlossAnnotation *claim;            /* owned */
  char            *source_text;      /* owned */
  char            *cue_text;         /* owned */
  char            *certainty_class;  /* owned: CSS class on the certainty pill */
  char            *status_class;     /* owned */

  /* template children */
  GtkWidget       *box;
  GtkLabel        *certainty_pill;
  GtkLabel        *checkworthy_pill;
  GtkWidget       *cue_box;
  GtkLabel        *cue_label;
  GtkWidget       *pills_box;
  GtkWidget       *source_box;
  GtkLabel        *source_chip;
  GtkLabel        *source_label;
  GlossSwatch     *source_swatch;
  GtkLabel        *status_pill;
  GtkLabel        *text_label;
};

G_DEFINE_FINAL_TYPE (GlossClaimRow, gloss_claim_row, GTK_TYPE_WIDGET)

static char *
dup_one_line (GlossAnnotation *annotation,
              const char      *text)
{
  const GlossFragment *fragments;
  guint n_fragments;

  if (annotation == NULL || text == NULL)
    return NULL;

  /* A claim split by its cue shows its gap: "X … Y". */
  fragments = gloss_annotation_get_fragments (annotation, &n_fragments);
  return gloss_dup_covered_text (text, NULL, fragments, n_fragments, 0,
                                 GLOSS_COVERED_TEXT_ONE_LINE | GLOSS_COVERED_TEXT_GAPS);
}

/* Shows an enum attribute as a pill with the class "pill-VALUE". */
static void
set_pill (GtkLabel  *pill,
          char     **css_class,
          GVariant  *value)
{
  const char *text = NULL;

  if (*css_class != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (pill), *css_class);
  g_clear_pointer (css_class, g_free);

  if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    text = g_variant_get_string (value, NULL);

  gtk_widget_set_visible (GTK_WIDGET (pill), text != NULL && *text != '\0');
  if (text == NULL || *text == '\0')
    return;

  gtk_label_set_label (pill, text);
  *css_class = g_strconcat ("pill-", text, NULL);
  gtk_widget_add_css_class (GTK_WIDGET (pill), *css_class);
}

static void
gloss_claim_row_dispose (GObject *object)
{
  GlossClaimRow *self = GLOSS_CLAIM_ROW (object);

  g_clear_object (&self->claim);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_CLAIM_ROW);

  G_OBJECT_CLASS (gloss_claim_row_parent_class)->dispose (object);
}

static void
gloss_claim_row_finalize (GObject *object)
{
  GlossClaimRow *self = GLOSS_CLAIM_ROW (object);

  g_clear_pointer (&self->source_text, g_free);
  g_clear_pointer (&self->cue_text, g_free);
  g_clear_pointer (&self->certainty_class, g_free);
  g_clear_pointer (&self->status_class, g_free);

  G_OBJECT_CLASS (gloss_claim_row_parent_class)->finalize (object);
}

static void
gloss_claim_row_class_init (GlossClaimRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_claim_row_dispose;
  object_class->finalize = gloss_claim_row_finalize;

  g_type_ensure (GLOSS_TYPE_SWATCH);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/gloss-claim-row.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossClaimRow, box);
  gtk_widget_class_bind_template_child (widget_class, GlossClaimRow, certainty_pill);
  gtk_widget_class_bind_template_child (widget_class, GlossClaimRow, checkworthy_pill);
  gtk_widget_class_bind_template_child (widget_class, GlossClaimRow, cue_box);
  gtk_widget_class_bind_template_child (widget_class, GlossClaimRow, cue_label);
  gtk_widget_class_bind_template_child (widget_class, GlossClaimRow, pills_box);
  gtk_widget_class_bind_template_child (widget_class, GlossClaimRow, source_box);
  gtk_widget_class_bind_template_child (widget_class, GlossClaimRow, source_chip);
  gtk_widget_class_bind_template_child (widget_class, GlossClaimRow, source_label);
  gtk_widget_class_bind_template_child (widget_class, GlossClaimRow, source_swatch);
  gtk_widget_class_bind_template_child (widget_class, GlossClaimRow, status_pill);
  gtk_widget_class_bind_template_child (widget_class, GlossClaimRow, text_label);
}

static void
gloss_claim_row_init (GlossClaimRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
gloss_claim_row_new (void)
{
  return g_object_new (GLOSS_TYPE_CLAIM_ROW, NULL);
}

GlossAnnotation *
gloss_claim_row_get_claim (GlossClaimRow *self)
{
  g_return_val_if_fail (GLOSS_IS_CLAIM_ROW (self), NULL);

  return self->claim;
}

const char *
gloss_claim_row_get_source_text (GlossClaimRow *self)
{
  g_return_val_if_fail (GLOSS_IS_CLAIM_ROW (self), NULL);

  return self->source_text;
}

const char *
gloss_claim_row_get_cue_text (GlossClaimRow *self)
{
  g_return_val_if_fail (GLOSS_IS_CLAIM_ROW (self), NULL);

  return self->cue_text;
}

void
gloss_claim_row_set_claim (GlossClaimRow       *self,
                           GlossAnnotationList *annotations,
                           GlossAnnotation     *claim)
{
  GlossDocument *document;
  GlossSchema *schema;
  GlossAnnotation *source;
  GlossAnnotation *cue;
  GlossLabel *source_label = NULL;
  GVariant *checkworthy;
  const char *text;
  g_autofree char *claim_text = NULL;
  g_autofree char *accessible = NULL;

  g_return_if_fail (GLOSS_IS_CLAIM_ROW (self));
  g_return_if_fail (annotations == NULL || GLOSS_IS_ANNOTATION_LIST (annotations));
  g_return_if_fail (claim == NULL || GLOSS_IS_ANNOTATION (claim));

  g_set_object (&self->claim, claim);
  g_clear_pointer (&self->source_text, g_free);
  g_clear_pointer (&self->cue_text, g_free);

  if (annotations == NULL || claim == NULL)
    {
      gtk_label_set_label (self->text_label, "");
      gtk_widget_set_visible (self->source_box, FALSE);
      gtk_widget_set_visible (self->cue_box, FALSE);
      gtk_widget_set_visible (self->pills_box, FALSE);
      return;
    }

  document = gloss_annotation_list_get_document (annotations);
  schema = gloss_annotation_list_get_schema (annotations);
  text = document != NULL ? gloss_document_get_text (document) : NULL;

  claim_text = dup_one_line (claim, text);
  gtk_label_set_label (self->text_label, claim_text != NULL ? claim_text : "");

  source = gloss_claim_find_related (annotations, claim, GLOSS_RELATION_ATTRIBUTED_TO);
  cue = gloss_claim_find_related (annotations, claim, GLOSS_RELATION_CUE);

  self->source_text = dup_one_line (source, text);
  gtk_widget_set_visible (self->source_box, TRUE);
  if (source != NULL)
    {
      if (schema != NULL)
        source_label = gloss_schema_lookup_label (schema, gloss_annotation_get_label (source));
      gtk_label_set_label (self->source_label, self->source_text);
      gtk_widget_remove_css_class (GTK_WIDGET (self->source_label), "dim-label");
      gtk_label_set_label (self->source_chip, gloss_annotation_get_label (source));
      gloss_swatch_set_color (self->source_swatch,
                              source_label != NULL ? gloss_label_get_color (source_label) : NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->source_swatch), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->source_chip), TRUE);
    }
  else
    {
      gtk_label_set_label (self->source_label, _("No source"));
      gtk_widget_add_css_class (GTK_WIDGET (self->source_label), "dim-label");
      gtk_widget_set_visible (GTK_WIDGET (self->source_swatch), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->source_chip), FALSE);
    }

  self->cue_text = dup_one_line (cue, text);
  gtk_widget_set_visible (self->cue_box, cue != NULL);
  gtk_label_set_label (self->cue_label, self->cue_text != NULL ? self->cue_text : "");

  set_pill (self->certainty_pill, &self->certainty_class,
            gloss_annotation_get_attribute (claim, "certainty"));
  set_pill (self->status_pill, &self->status_class,
            gloss_annotation_get_attribute (claim, "status"));
  checkworthy = gloss_annotation_get_attribute (claim, "checkworthy");
  gtk_widget_set_visible (GTK_WIDGET (self->checkworthy_pill),
                          checkworthy != NULL &&
                          g_variant_is_of_type (checkworthy, G_VARIANT_TYPE_BOOLEAN) &&
                          g_variant_get_boolean (checkworthy));
  gtk_widget_set_visible (self->pills_box,
                          gtk_widget_get_visible (GTK_WIDGET (self->certainty_pill)) ||
                          gtk_widget_get_visible (GTK_WIDGET (self->status_pill)) ||
                          gtk_widget_get_visible (GTK_WIDGET (self->checkworthy_pill)));

  /* Translators: what a screen reader says for a claim: text, source. */
  accessible = g_strdup_printf (_("Claim “%s”, source: %s"),
                                claim_text != NULL ? claim_text : "",
                                self->source_text != NULL ? self->source_text : _("none"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  /* The list item around the row (GTK's, it takes the focus) too. */
  if (gtk_widget_get_parent (GTK_WIDGET (self)) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (GTK_WIDGET (self))),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gloss_widget_set_lazy_tooltip (GTK_WIDGET (self), claim_text);
}

GlossAnnotation *
gloss_claim_find_related (GlossAnnotationList *annotations,
                          GlossAnnotation     *annotation,
                          const char          *type)
{
  g_autoptr(GPtrArray) relations = NULL;
  const char *uuid;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION_LIST (annotations), NULL);
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (annotation), NULL);
  g_return_val_if_fail (type != NULL, NULL);

  uuid = gloss_annotation_get_uuid (annotation);
  relations = gloss_annotation_list_relations_of (annotations, uuid);

  for (guint i = 0; i < relations->len; i++)
    {
      GlossRelation *relation = g_ptr_array_index (relations, i);

      if (g_strcmp0 (gloss_relation_get_relation_type (relation), type) == 0 &&
          g_strcmp0 (gloss_relation_get_source (relation), uuid) == 0)
        {
          GlossAnnotation *target =
            gloss_annotation_list_lookup (annotations, gloss_relation_get_target (relation));

          if (target != NULL)
            return target;
        }
    }

  return NULL;
}
