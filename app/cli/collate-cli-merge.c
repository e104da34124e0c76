/* collate-cli-merge.c — `collate-cli merge-driver`: git's merge driver for projects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "collate.h"
#include "collate-cli-common.h"
#include "collate-cli-merge.h"

int
collate_cli_merge_driver (int    argc,
                          char **argv)
{
  g_auto(GStrv) files = NULL;
  const GOptionEntry entries[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("BASE OURS THEIRS [PATH]") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  CollateProject *versions[3] = { NULL };
  g_autoptr(CollateProject) merged = NULL;
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GFile) out = NULL;
  g_autofree char *shown = NULL;
  guint n;

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                N_("Merge two versions of a project (OURS and THEIRS) made from BASE, "
                                   "by the ids of spans, links and reviews, and write the result over "
                                   "OURS: git's merge driver for *.collate.json. PATH, if given, is the "
                                   "file's name in the repository, for messages. Exit status 0 for a "
                                   "clean merge, 1 when there are conflicts (listed, and recorded in the "
                                   "project's metadata) or the versions cannot be merged (OURS is then "
                                   "left as it was)."));
  g_option_context_set_description (context,
                                    _("To use it in a repository:\n"
                                      "  echo '*.collate.json merge=collate' >> .gitattributes\n"
                                      "  git config merge.collate.driver 'collate-cli merge-driver %O %A %B %P'"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      collate_cli_print_error ("%s", error->message);
      g_printerr (_("Try “collate-cli %s --help” for more information.\n"), "merge-driver");
      return COLLATE_CLI_EXIT_USAGE;
    }
  n = files ? g_strv_length (files) : 0;
  if (n < 3 || n > 4)
    {
      collate_cli_print_error (_("give three project files: the base, ours and theirs (and the path, if you like)"));
      g_printerr (_("Try “collate-cli %s --help” for more information.\n"), "merge-driver");
      return COLLATE_CLI_EXIT_USAGE;
    }
  shown = collate_cli_display_name (n == 4 ? files[3] : files[1]);

  if (!collate_cli_load_projects ((const char *const *) files, 3, versions))
    {
      collate_cli_print_error (_("%s: not merged; the file is left as it was"), shown);
      return COLLATE_CLI_EXIT_FAILED;
    }

  merged = collate_project_merge3 (versions[0], versions[1], versions[2], conflicts, &error);
  /* Not freed: the process ends soon (collate_cli_keep_until_exit()) */
  for (guint i = 0; i < 3; i++)
    collate_cli_keep_until_exit (versions[i]);
  if (merged == NULL)
    {
      collate_cli_print_error (_("%s: not merged: %s"), shown, error->message);
      return COLLATE_CLI_EXIT_FAILED;
    }

  out = g_file_new_for_path (files[1]);
  if (!collate_project_save_file (merged, out, NULL, NULL, NULL, &error))
    {
      collate_cli_print_error (_("%s: the merge could not be written: %s"), shown, error->message);
      return COLLATE_CLI_EXIT_FAILED;
    }

  collate_cli_keep_until_exit (g_steal_pointer (&merged));
  for (guint i = 0; i < conflicts->len; i++)
    collate_cli_print_error (_("%s: conflict: %s"), shown, (const char *) g_ptr_array_index (conflicts, i));
  return conflicts->len > 0 ? COLLATE_CLI_EXIT_FAILED : COLLATE_CLI_EXIT_OK;
}

int
collate_cli_merge (int    argc,
                   char **argv)
{
  g_auto(GStrv) files = NULL;
  g_autofree char *output = NULL;
  gboolean force = FALSE;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the merged project to OUT"), N_("OUT") },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("Replace OUT if it exists"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("A B [C…]") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) projects = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CollateProject) merged = NULL;
  g_autoptr(GFile) out = NULL;
  g_autofree char *shown = NULL;
  int status;

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                N_("Make one project of several annotators' versions of the same documents: "
                                   "every span and link, identical spans made one that lists everyone who "
                                   "made it (its “annotators” attribute), for curation."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      collate_cli_print_error ("%s", error->message);
      g_printerr (_("Try “collate-cli %s --help” for more information.\n"), "merge");
      return COLLATE_CLI_EXIT_USAGE;
    }
  if (files == NULL || files[0] == NULL || files[1] == NULL || output == NULL)
    {
      collate_cli_print_error (_("give at least two project files and --output"));
      g_printerr (_("Try “collate-cli %s --help” for more information.\n"), "merge");
      return COLLATE_CLI_EXIT_USAGE;
    }
  status = collate_cli_check_output (output, (const char *const *) files, force, FALSE);
  if (status != COLLATE_CLI_EXIT_OK)
    return status;

  g_ptr_array_set_size (projects, g_strv_length (files));
  if (!collate_cli_load_projects ((const char *const *) files, projects->len, (CollateProject **) projects->pdata))
    {
      g_ptr_array_set_free_func (projects, NULL);  /* cleared */
      return COLLATE_CLI_EXIT_FAILED;
    }
  for (guint i = 0; files[i] != NULL; i++)
    g_ptr_array_add (names, collate_cli_display_name (files[i]));
  g_ptr_array_add (names, NULL);

  merged = collate_projects_merge ((CollateProject **) projects->pdata,
                                   (const char *const *) names->pdata, &error);
  if (merged == NULL)
    {
      collate_cli_print_error ("%s", error->message);
      return COLLATE_CLI_EXIT_FAILED;
    }
  out = g_file_new_for_path (output);
  shown = collate_cli_display_name (output);
  if (!collate_project_save_file (merged, out, NULL, NULL, NULL, &error))
    {
      collate_cli_print_error (_("cannot write %s: %s"), shown, error->message);
      return COLLATE_CLI_EXIT_FAILED;
    }
  g_print (_("Merged %u projects into %s: %u spans, %u links\n"), projects->len, shown,
           collate_project_get_n_annotations (merged), collate_project_get_n_links (merged));
  /* Not freed: the process ends now (collate_cli_keep_until_exit()) */
  collate_cli_keep_until_exit (g_steal_pointer (&projects));
  collate_cli_keep_until_exit (g_steal_pointer (&merged));
  return COLLATE_CLI_EXIT_OK;
}
