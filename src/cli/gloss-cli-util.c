/* gloss-cli-util.c: what every gloss-cli command does alike
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gloss.h"
#include "gloss-cli-private.h"

void
gloss_cli_print_error (const char *format,
                       ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("gloss-cli: %s\n", msg);
}

gboolean
gloss_cli_parse (const char    *command,
                 const char    *parameters,
                 const char    *summary,
                 GOptionEntry  *entries,
                 int           *argc,
                 char        ***argv,
                 int            min_args)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameters);
  g_autofree char *prgname = g_strdup_printf ("gloss-cli %s", command);
  g_autoptr(GError) error = NULL;

  g_set_prgname (prgname);
  g_option_context_set_summary (context, summary);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      gloss_cli_print_error ("%s", error->message);
      g_printerr (_("Run “gloss-cli %s --help” for usage.\n"), command);
      return FALSE;
    }
  if (*argc - 1 < min_args)
    {
      gloss_cli_print_error (_("%s: wrong number of arguments"), command);
      g_printerr (_("Run “gloss-cli %s --help” for usage.\n"), command);
      return FALSE;
    }
  return TRUE;
}

/* Opens a project for a command that writes to it (@write) or only reads
 * it: a reading command never changes the file (no upgrade of an older
 * project, no journal mode switch). Says on stderr when opening upgraded
 * the file and where the copy of the older one is. */
GlossProject *
gloss_cli_open_project (const char *path,
                        gboolean    write)
{
  g_autoptr(GError) error = NULL;
  GlossProject *project = gloss_project_open_full (path, write ? GLOSS_STORE_OPEN_DEFAULT
                                                               : GLOSS_STORE_OPEN_READ_ONLY,
                                                   &error);
  GlossStore *store;

  /* the store's messages name the file already */
  if (project == NULL)
    {
      gloss_cli_print_error ("%s", error->message);
      return NULL;
    }
  store = gloss_project_get_store (project);
  if (write && gloss_store_is_read_only (store))
    {
      g_autofree char *display = g_filename_display_name (path);

      gloss_cli_print_error (_("“%s” cannot be written: %s"), display,
                   gloss_store_get_read_only_reason (store));
      g_object_unref (project);
      return NULL;
    }
  if (gloss_store_get_backup_path (store) != NULL)
    {
      g_autofree char *display = g_filename_display_name (path);
      g_autofree char *backup = g_filename_display_name (gloss_store_get_backup_path (store));

      g_printerr (_("gloss-cli: upgraded “%s” from project version %d to %d; the older file is "
                    "kept as “%s”\n"), display, gloss_store_get_opened_version (store),
                  GLOSS_STORE_VERSION, backup);
    }
  return project;
}
