/* test-frame.c: a claim's frame proposed from the annotations around it (gloss-frame.h)
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "core-test-util.h"

typedef struct
{
  char                *path;
  GlossProject        *project;
  GlossDocument       *document;
  GlossAnnotationList *list;
  const char          *text;
} Fixture;

static void
fixture_open (Fixture    *fixture,
              const char *name,
              const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossSchema) schema = gloss_schema_new_preset ("news", NULL);

  fixture->path = test_path (name);
  fixture->project = gloss_project_create (fixture->path, schema, &error);
  g_assert_no_error (error);
  gloss_project_set_annotator (fixture->project, "alice");
  fixture->document = gloss_project_add_document (fixture->project, "doc", text, -1, NULL,
                                                  &error);
  g_assert_no_error (error);
  fixture->list = gloss_project_dup_annotation_list (fixture->project, fixture->document,
                                                     &error);
  g_assert_no_error (error);
  fixture->text = gloss_document_get_text (fixture->document);
}

static void
fixture_close (Fixture *fixture)
{
  g_clear_object (&fixture->list);
  g_clear_object (&fixture->project);
  g_clear_pointer (&fixture->path, g_free);
}

/* The code point where @needle's @nth occurrence (from 1) starts. */
static guint
offset_of (const char *text,
           const char *needle,
           guint       nth)
{
  const char *p = text;

  for (guint i = 0; i < nth; i++)
    {
      p = strstr (i == 0 ? p : p + 1, needle);
      g_assert_nonnull (p);
    }

  return (guint) g_utf8_pointer_to_offset (text, p);
}

/* Adds an annotation over the first occurrence of each of @pieces (a
 * NULL-terminated list, one fragment each) and returns its uuid. */
static char *
add (Fixture    *fixture,
     const char *label,
     ...)
{
  g_autoptr(GArray) fragments = g_array_new (FALSE, FALSE, sizeof (GlossFragment));
  g_autoptr(GlossAnnotation) annotation = NULL;
  g_autoptr(GlossCommand) command = NULL;
  g_autoptr(GError) error = NULL;
  const char *piece;
  va_list     args;

  va_start (args, label);
  while ((piece = va_arg (args, const char *)) != NULL)
    {
      GlossFragment f;

      f.start = offset_of (fixture->text, piece, 1);
      f.end = f.start + (guint) g_utf8_strlen (piece, -1);
      g_array_append_val (fragments, f);
    }
  va_end (args);

  annotation = gloss_annotation_new (label, (GlossFragment *) fragments->data, fragments->len,
                                     NULL);
  command = gloss_command_new ("Add");
  gloss_command_create_annotation (command, annotation);
  g_assert_true (gloss_annotation_list_apply (fixture->list, command, &error));
  g_assert_no_error (error);
  return g_strdup (gloss_annotation_get_uuid (annotation));
}

/* The covered texts of the ranked candidates, joined with "|". */
static char *
rank (Fixture    *fixture,
      const char *claim_uuid,
      const char *relation_type,
      gboolean    related_last)
{
  GlossSchema       *schema = gloss_project_get_schema (fixture->project);
  GlossRelationType *type = gloss_schema_lookup_relation_type (schema, relation_type);
  GlossAnnotation   *claim = gloss_annotation_list_lookup (fixture->list, claim_uuid);
  g_autoptr(GPtrArray) ranked = NULL;
  g_autoptr(GString) joined = g_string_new (NULL);

  g_assert_nonnull (type);
  g_assert_nonnull (claim);
  ranked = gloss_frame_rank_candidates (fixture->list, fixture->text, claim,
                                        gloss_relation_type_get_targets (type),
                                        related_last ? NULL : relation_type, NULL, related_last);
  for (guint i = 0; i < ranked->len; i++)
    {
      g_autofree char *covered = gloss_annotation_dup_text (g_ptr_array_index (ranked, i),
                                                            fixture->text);

      g_string_append_printf (joined, "%s%s", i > 0 ? "|" : "", covered);
    }

  return g_string_free (g_steal_pointer (&joined), FALSE);
}

/* The news schema's CLAIM has two roles: attributed-to (entities) and cue
 * (CUE); "about" reaches the same layer as attributed-to and is left to
 * the annotator. Entity labels have none. */
static void
test_roles (void)
{
  g_autoptr(GlossSchema) schema = gloss_schema_new_preset ("news", NULL);
  g_autoptr(GPtrArray) roles = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GlossSchema) conll = gloss_schema_new_preset ("conll2003", NULL);
  g_autoptr(GPtrArray) conll_roles = NULL;

  roles = gloss_frame_dup_roles (schema, "CLAIM");
  g_assert_cmpuint (roles->len, ==, 2);
  g_assert_cmpstr (gloss_relation_type_get_name (g_ptr_array_index (roles, 0)), ==,
                   "attributed-to");
  g_assert_cmpstr (gloss_relation_type_get_name (g_ptr_array_index (roles, 1)), ==, "cue");

  none = gloss_frame_dup_roles (schema, "PERSON");
  g_assert_cmpuint (none->len, ==, 0);
  conll_roles = gloss_frame_dup_roles (conll, "PER");
  g_assert_cmpuint (conll_roles->len, ==, 0);
}

/* "X, he said, Y": the speaker and the cue between the fragments come
 * first, though the claim's outer start and end are far from them; an
 * entity inside the claim comes last. */
static void
test_split_claim (void)
{
  Fixture          fixture = { 0 };
  g_autofree char *claim = NULL;
  g_autofree char *sources = NULL;
  g_autofree char *cues = NULL;

  fixture_open (&fixture, "frame-split.gloss",
                "Officials in Seoul told Meridian nothing. The order to attack the exchange, "
                "Dorn said on Wednesday, came directly from the General Staff in Valgrad.");
  g_free (add (&fixture, "SOURCE", "Officials", NULL));
  g_free (add (&fixture, "GPE", "Seoul", NULL));
  g_free (add (&fixture, "CUE", "told", NULL));
  g_free (add (&fixture, "ORG", "Meridian", NULL));
  g_free (add (&fixture, "PERSON", "Dorn", NULL));
  g_free (add (&fixture, "CUE", "said", NULL));
  g_free (add (&fixture, "ORG", "General Staff", NULL));
  g_free (add (&fixture, "GPE", "Valgrad", NULL));
  claim = add (&fixture, "CLAIM", "The order to attack the exchange",
               "came directly from the General Staff in Valgrad", NULL);

  sources = rank (&fixture, claim, "attributed-to", FALSE);
  g_assert_cmpstr (sources, ==, "Dorn|Meridian|Seoul|Officials|General Staff|Valgrad");
  cues = rank (&fixture, claim, "cue", FALSE);
  g_assert_cmpstr (cues, ==, "said|told");

  fixture_close (&fixture);
}

/* A claim in a quotation that closes in a later sentence: the cue there
 * ranks before a nearer one outside the quotation. */
static void
test_quotation (void)
{
  Fixture          fixture = { 0 };
  g_autofree char *claim = NULL;
  g_autofree char *cues = NULL;
  g_autofree char *sources = NULL;

  fixture_open (&fixture, "frame-quote.gloss",
                "The ministry said nothing. \u201cWe lived abroad. Nobody asked questions,\u201d "
                "Dorn told reporters.");
  g_free (add (&fixture, "ORG", "The ministry", NULL));
  g_free (add (&fixture, "CUE", "said", NULL));
  g_free (add (&fixture, "PERSON", "Dorn", NULL));
  g_free (add (&fixture, "CUE", "told", NULL));
  claim = add (&fixture, "CLAIM", "We lived abroad", NULL);

  cues = rank (&fixture, claim, "cue", FALSE);
  g_assert_cmpstr (cues, ==, "told|said");
  sources = rank (&fixture, claim, "attributed-to", FALSE);
  g_assert_cmpstr (sources, ==, "Dorn|The ministry");

  fixture_close (&fixture);
}

/* What the frame holds already stays first; for Ctrl+R (related_last) the
 * annotations linked already come last. */
static void
test_linked (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GlossRelation) relation = NULL;
  g_autoptr(GlossCommand) command = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *claim = NULL;
  g_autofree char *ministry = NULL;
  g_autofree char *frame = NULL;
  g_autofree char *link = NULL;

  fixture_open (&fixture, "frame-linked.gloss",
                "The ministry denied it; Dorn said the unit stole the money.");
  ministry = add (&fixture, "ORG", "The ministry", NULL);
  g_free (add (&fixture, "PERSON", "Dorn", NULL));
  claim = add (&fixture, "CLAIM", "the unit stole the money", NULL);

  relation = gloss_relation_new ("attributed-to", claim, ministry, NULL);
  command = gloss_command_new ("Link");
  gloss_command_add_relation (command, relation);
  g_assert_true (gloss_annotation_list_apply (fixture.list, command, &error));
  g_assert_no_error (error);

  frame = rank (&fixture, claim, "attributed-to", FALSE);
  g_assert_cmpstr (frame, ==, "The ministry|Dorn");
  link = rank (&fixture, claim, "attributed-to", TRUE);
  g_assert_cmpstr (link, ==, "Dorn|The ministry");

  fixture_close (&fixture);
}

/* A new annotation takes its label's declared defaults, and keeps what it
 * sets itself; the quick attribute is the first enum one. */
static void
test_defaults (void)
{
  g_autoptr(GlossSchema) schema = gloss_schema_new_preset ("news", NULL);
  g_autoptr(GlossAnnotation) claim = gloss_annotation_new_span ("CLAIM", 0, 5, NULL);
  g_autoptr(GlossAnnotation) hedged = gloss_annotation_new_span ("CLAIM", 0, 5, NULL);
  g_autoptr(GlossAnnotation) person = gloss_annotation_new_span ("PERSON", 0, 5, NULL);
  GlossAttrDef *quick;

  g_assert_true (gloss_editing_apply_defaults (claim, schema));
  g_assert_cmpstr (g_variant_get_string (gloss_annotation_get_attribute (claim, "certainty"),
                                         NULL),
                   ==, "asserted");
  g_assert_cmpstr (g_variant_get_string (gloss_annotation_get_attribute (claim, "status"),
                                         NULL),
                   ==, "unverified");
  g_assert_false (g_variant_get_boolean (gloss_annotation_get_attribute (claim,
                                                                         "checkworthy")));
  /* Nothing left to set. */
  g_assert_false (gloss_editing_apply_defaults (claim, schema));

  gloss_annotation_set_attribute (hedged, "certainty", g_variant_new_string ("hedged"));
  g_assert_true (gloss_editing_apply_defaults (hedged, schema));
  g_assert_cmpstr (g_variant_get_string (gloss_annotation_get_attribute (hedged, "certainty"),
                                         NULL),
                   ==, "hedged");

  g_assert_false (gloss_editing_apply_defaults (person, schema));
  g_assert_null (gloss_annotation_get_attributes (person));

  quick = gloss_editing_lookup_quick_attribute (schema, "CLAIM");
  g_assert_nonnull (quick);
  g_assert_cmpstr (gloss_attr_def_get_name (quick), ==, "certainty");
  g_assert_null (gloss_editing_lookup_quick_attribute (schema, "PERSON"));
  g_assert_null (gloss_editing_lookup_quick_attribute (schema, "NO-SUCH-LABEL"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/frame/roles", test_roles);
  g_test_add_func ("/core/frame/split-claim", test_split_claim);
  g_test_add_func ("/core/frame/quotation", test_quotation);
  g_test_add_func ("/core/frame/linked", test_linked);
  g_test_add_func ("/core/frame/defaults", test_defaults);

  return g_test_run ();
}
