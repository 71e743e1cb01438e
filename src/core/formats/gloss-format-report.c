/* gloss-format-report.c: the report of an import or an export: counts, additions and problems
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gloss-format.h"

static void
problem_free (GlossProblem *p)
{
  g_free (p->file);
  g_free (p->message);
  g_free (p);
}

GlossImportReport *
gloss_import_report_new (void)
{
  GlossImportReport *report = g_new0 (GlossImportReport, 1);

  report->labels_added = g_ptr_array_new_with_free_func (g_free);
  report->relation_types_added = g_ptr_array_new_with_free_func (g_free);
  report->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);
  return report;
}

void
gloss_import_report_free (GlossImportReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->labels_added);
  g_ptr_array_unref (report->relation_types_added);
  g_ptr_array_unref (report->problems);
  g_free (report);
}

static void report_addv (GlossImportReport    *report,
                         GlossProblemSeverity  severity,
                         const char           *file,
                         guint                 line,
                         const char           *format,
                         va_list               args) G_GNUC_PRINTF (5, 0);

static void
report_addv (GlossImportReport    *report,
             GlossProblemSeverity  severity,
             const char           *file,
             guint                 line,
             const char           *format,
             va_list               args)
{
  GlossProblem *p = g_new0 (GlossProblem, 1);

  p->severity = severity;
  p->file = g_strdup (file);
  p->line = line;
  p->message = g_strdup_vprintf (format, args);
  g_ptr_array_add (report->problems, p);
}

void
gloss_import_report_add (GlossImportReport    *report,
                         GlossProblemSeverity  severity,
                         const char           *file,
                         guint                 line,
                         const char           *format,
                         ...)
{
  va_list args;

  g_return_if_fail (report != NULL);
  va_start (args, format);
  report_addv (report, severity, file, line, format, args);
  va_end (args);
}

guint
gloss_import_report_count (GlossImportReport    *report,
                           GlossProblemSeverity  severity)
{
  guint n = 0;

  g_return_val_if_fail (report != NULL, 0);
  for (guint i = 0; i < report->problems->len; i++)
    if (((GlossProblem *) g_ptr_array_index (report->problems, i))->severity == severity)
      n++;
  return n;
}

static char *
problem_to_string (GlossProblem *p)
{
  const char *kind = p->severity == GLOSS_PROBLEM_ERROR ? _("error")
                   : p->severity == GLOSS_PROBLEM_WARNING ? _("warning") : _("note");

  if (p->file && p->line)
    return g_strdup_printf ("%s:%u: %s: %s", p->file, p->line, kind, p->message);
  if (p->file)
    return g_strdup_printf ("%s: %s: %s", p->file, kind, p->message);
  return g_strdup_printf ("%s: %s", kind, p->message);
}

char *
gloss_import_report_to_string (GlossImportReport *report)
{
  GString *str = g_string_new (NULL);

  g_return_val_if_fail (report != NULL, NULL);

  g_string_append_printf (str, ngettext ("%u document", "%u documents", report->n_documents),
                          report->n_documents);
  g_string_append (str, ", ");
  g_string_append_printf (str, ngettext ("%u annotation", "%u annotations",
                                         report->n_annotations),
                          report->n_annotations);
  g_string_append (str, ", ");
  g_string_append_printf (str, ngettext ("%u relation", "%u relations", report->n_relations),
                          report->n_relations);
  g_string_append_c (str, '\n');
  if (report->labels_added->len > 0)
    {
      g_string_append (str, _("Labels added to the schema:"));
      for (guint i = 0; i < report->labels_added->len; i++)
        g_string_append_printf (str, " %s", (char *) g_ptr_array_index (report->labels_added, i));
      g_string_append_c (str, '\n');
    }
  if (report->relation_types_added->len > 0)
    {
      g_string_append (str, _("Relation types added to the schema:"));
      for (guint i = 0; i < report->relation_types_added->len; i++)
        g_string_append_printf (str, " %s",
                                (char *) g_ptr_array_index (report->relation_types_added, i));
      g_string_append_c (str, '\n');
    }
  for (guint i = 0; i < report->problems->len; i++)
    {
      g_autofree char *line = problem_to_string (g_ptr_array_index (report->problems, i));
      g_string_append_printf (str, "%s\n", line);
    }
  return g_string_free (str, FALSE);
}
