/* collate-cli-report.c — `collate-cli report`: a project as one HTML page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "collate.h"
#include "collate-cli-common.h"
#include "collate-cli-report.h"

int
collate_cli_report (int    argc,
                    char **argv)
{
  g_auto(GStrv) files = NULL;
  g_autofree char *output = NULL;
  gboolean force = FALSE;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the page to OUT (default: standard output)"), N_("OUT") },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force,
      N_("Replace OUT if it exists (never the project read)"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("PROJECT") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateProject) project = NULL;
  g_autofree char *generated = NULL;
  g_autofree char *shown = NULL;

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                N_("Write a project as one HTML page for people without Collate: the "
                                   "documents side by side with their spans highlighted and labelled, "
                                   "the links, the reviewed suggestions, where the documents come from "
                                   "and who annotated what and when. The page needs nothing else: no "
                                   "network, no script; it prints, and follows a light or dark system "
                                   "style."));
  g_option_context_set_description (context,
                                    _("Example:\n  collate-cli report talks.collate.json -o talks.html"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return collate_cli_usage_error ("report", error->message);

  if (files == NULL || files[0] == NULL)
    return collate_cli_usage_error ("report", _("give a project file"));
  if (files[1] != NULL)
    return collate_cli_usage_error ("report", _("give only one project file"));
  if (output != NULL && output[0] == '\0')
    return collate_cli_usage_error ("report", _("--output needs a file name"));
  if (force && output == NULL)
    return collate_cli_usage_error ("report", _("--force is for --output; give --output too"));

  if (output != NULL)
    {
      int status = collate_cli_check_output (output, (const char *const *) files, force, FALSE);

      if (status != COLLATE_CLI_EXIT_OK)
        return status;
    }

  project = collate_cli_load_project (files[0]);
  if (project == NULL)
    return COLLATE_CLI_EXIT_FAILED;

  generated = collate_timestamp_now ();
  if (output == NULL)
    {
      g_autoptr(GBytes) bytes = collate_report_to_bytes (project, generated, &error);
      gsize length;
      const char *data;

      if (bytes == NULL)
        {
          collate_cli_print_error ("%s", error->message);
          return COLLATE_CLI_EXIT_FAILED;
        }
      data = g_bytes_get_data (bytes, &length);
      fwrite (data, 1, length, stdout);
      if (!collate_cli_finish_stdout ())
        return COLLATE_CLI_EXIT_FAILED;
      return COLLATE_CLI_EXIT_OK;
    }

  {
    g_autoptr(GFile) destination = g_file_new_for_commandline_arg (output);

    shown = collate_cli_display_name (output);
    if (!collate_report_write (project, destination, generated, NULL, &error))
      {
        collate_cli_print_error (_("cannot write %s: %s"), shown, error->message);
        return COLLATE_CLI_EXIT_FAILED;
      }
  }

  /* TRANSLATORS: "collate-cli: report → talks.html" */
  g_printerr (_("collate-cli: report → %s\n"), shown);
  return COLLATE_CLI_EXIT_OK;
}
