/* collate-cli-export.c — `collate-cli export` and `collate-cli import`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "collate.h"
#include "collate-cli-common.h"
#include "collate-cli-export.h"

#define EXIT_OK     COLLATE_CLI_EXIT_OK
#define EXIT_INPUT  COLLATE_CLI_EXIT_FAILED
#define EXIT_USAGE  COLLATE_CLI_EXIT_USAGE

static void
print_error (const char *command,
             const char *message)
{
  collate_cli_print_error ("%s", message);
}

static void
print_report (const char          *command,
              CollateExportReport *report)
{
  for (guint i = 0; i < collate_export_report_get_n_warnings (report); i++)
    {
      g_autofree char *clean = collate_text_quote (collate_export_report_get_message (report, i), 0);

      g_printerr (_("collate-cli: warning: %s: %u\n"), clean,
                  collate_export_report_get_count (report, i));
    }
}

/* "2 documents, 10 spans, 1 link", each count with its own plural */
static char *
counts_text (guint n_documents,
             guint n_spans,
             guint n_links)
{
  g_autofree char *documents = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u document",
                                                             "%u documents", n_documents),
                                                n_documents);
  g_autofree char *spans = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u span", "%u spans",
                                                         n_spans), n_spans);
  g_autofree char *links = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u link", "%u links",
                                                         n_links), n_links);

  /* TRANSLATORS: "2 documents, 10 spans, 3 links" */
  return g_strdup_printf (_("%s, %s, %s"), documents, spans, links);
}

static char *
formats_help (gboolean imports)
{
  GString *s = g_string_new (_("Formats:\n"));

  if (imports)
    {
      const char *const *names = collate_import_list_formats ();

      for (guint i = 0; names[i]; i++)
        {
          const CollateExportFormat *f = collate_export_lookup_format (names[i]);

          g_string_append_printf (s, "  %-14s %s\n", names[i], f ? _(f->title) : "");
        }
    }
  else
    {
      const CollateExportFormat *const *formats = collate_export_list_formats ();

      for (guint i = 0; formats[i]; i++)
        g_string_append_printf (s, "  %-14s %s\n", formats[i]->name, _(formats[i]->description));
    }
  g_string_append_printf (s, _("\nEach format's definition and offsets: datasets.md in %s, "
                               "and the manual page collate-cli(1)."), COLLATE_DOCDIR);
  return g_string_free (s, FALSE);
}

/* collate_cli_walk_projects(): each project kept for the export, or the
 * first that does not load said */
static gboolean
keep_loaded (const char     *path,
             CollateProject *project,
             const GError   *error,
             gpointer        user_data)
{
  if (project == NULL)
    {
      print_error ("export", error->message);
      return FALSE;
    }
  g_ptr_array_add (user_data, g_object_ref (project));
  return TRUE;
}

int
collate_cli_export (int    argc,
                    char **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *labels = NULL;
  g_autofree char *split = NULL;
  g_autofree char *seed = NULL;
  g_autofree char *context_name = NULL;
  g_autofree char *conll_labels = NULL;
  g_autofree char *help = NULL;
  g_auto(GStrv) projects = NULL;
  gboolean strict = FALSE;
  gboolean no_links = FALSE;
  gboolean pairs = FALSE;
  gboolean quiet = FALSE;
  gboolean force = FALSE;
  gboolean progress_asked = FALSE;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("Dataset format (required)"), "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to OUT (a file, or a folder for brat, label-studio and splits); "
      "single files go to standard output without it"), "OUT" },
    { "labels", 0, 0, G_OPTION_ARG_STRING, &labels,
      N_("Export only these span and link labels"), "L1,L2" },
    { "no-links", 0, 0, G_OPTION_ARG_NONE, &no_links,
      N_("Export no links at all, only documents and spans"), NULL },
    { "split", 0, 0, G_OPTION_ARG_STRING, &split,
      N_("Write train/dev/test parts by document, in percent"), "80,10,10" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed,
      N_("Seed of the document shuffle for --split (default 0)"), "N" },
    { "strict", 0, 0, G_OPTION_ARG_NONE, &strict,
      N_("Fail, writing nothing, if the format cannot hold everything"), NULL },
    { "context", 0, 0, G_OPTION_ARG_STRING, &context_name,
      N_("nli: the quote (span, default) or its enclosing sentence (sentence)"), "span|sentence" },
    { "conll-labels", 0, 0, G_OPTION_ARG_STRING, &conll_labels,
      N_("conll: the span labels that become entity tags (default: all)"), "L1,L2" },
    { "pairs", 0, 0, G_OPTION_ARG_NONE, &pairs,
      N_("label-studio: one task per pair of documents, side by side, so that links "
         "between them are relations"), NULL },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      N_("Replace the output file if it exists (never one of the projects read)"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Do not print warnings and counts"), NULL },
    { "progress", 0, 0, G_OPTION_ARG_NONE, &progress_asked,
      N_("Show progress on standard error (by default only on a terminal, from 20 projects)"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &projects, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateExportOptions) options = NULL;
  g_autoptr(CollateExportReport) report = NULL;
  g_autoptr(GPtrArray) loaded = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  CollateCliProgress progress;
  g_autoptr(CollateProject) project = NULL;
  const CollateExportFormat *fmt;

  context = g_option_context_new (_("PROJECT|FOLDER… — write annotated projects as a dataset"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  help = formats_help (FALSE);
  g_option_context_set_description (context, help);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return collate_cli_usage_error ("export", error->message);

  if (format == NULL)
    return collate_cli_usage_error ("export", _("--format is required"));
  fmt = collate_export_lookup_format (format);
  if (fmt == NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("unknown format “%s”"), format);
      return collate_cli_usage_error ("export", msg);
    }
  if (projects == NULL || projects[0] == NULL)
    return collate_cli_usage_error ("export", _("no project given"));

  options = collate_export_options_new (fmt->name);
  if (labels != NULL)
    {
      g_auto(GStrv) list = collate_export_split_list (labels);
      collate_export_options_set_labels (options, (const char *const *) list);
    }
  if (conll_labels != NULL)
    {
      g_auto(GStrv) list = collate_export_split_list (conll_labels);
      collate_export_options_set_conll_labels (options, (const char *const *) list);
    }
  if (split != NULL && !collate_export_options_parse_split (options, split, &error))
    return collate_cli_usage_error ("export", error->message);
  if (seed != NULL)
    {
      guint64 value;

      if (!g_ascii_string_to_unsigned (seed, 10, 0, G_MAXUINT64, &value, NULL))
        return collate_cli_usage_error ("export", _("--seed takes a whole number"));
      collate_export_options_set_seed (options, value);
    }
  if (context_name != NULL)
    {
      if (g_str_equal (context_name, "span"))
        collate_export_options_set_context (options, COLLATE_EXPORT_CONTEXT_SPAN);
      else if (g_str_equal (context_name, "sentence"))
        collate_export_options_set_context (options, COLLATE_EXPORT_CONTEXT_SENTENCE);
      else
        return collate_cli_usage_error ("export", _("--context is “span” or “sentence”"));
    }
  /* an option that would change nothing is a mistake worth saying */
  if (seed != NULL && split == NULL)
    return collate_cli_usage_error ("export",
                                    _("--seed orders the documents for --split; give --split too"));
  if (context_name != NULL && !g_str_equal (fmt->name, "nli"))
    return collate_cli_usage_error ("export", _("--context is for the nli format only"));
  if (conll_labels != NULL && !g_str_equal (fmt->name, "conll"))
    return collate_cli_usage_error ("export", _("--conll-labels is for the conll format only"));
  collate_export_options_set_strict (options, strict);
  if (pairs && !g_str_equal (fmt->name, "label-studio"))
    return collate_cli_usage_error ("export", _("--pairs is for the label-studio format only"));
  collate_export_options_set_links (options, !no_links);
  collate_export_options_set_pairs (options, pairs);

  if (output == NULL && (fmt->extension == NULL || collate_export_options_has_split (options)))
    return collate_cli_usage_error ("export",
                                    _("this export writes a folder: give it with -o OUT"));

  if (output != NULL)
    {
      gboolean folder = fmt->extension == NULL || collate_export_options_has_split (options);
      int status = collate_cli_check_output (output, (const char *const *) projects, force, folder);

      if (status != EXIT_OK)
        return status;
    }

  /* A folder stands for every project file inside it, sorted */
  if (!collate_cli_expand_inputs ((const char *const *) projects, paths))
    return EXIT_INPUT;
  collate_cli_progress_init (&progress, N_("Loading"), paths->len, progress_asked);
  if (!collate_cli_walk_projects (paths, &progress, keep_loaded, loaded))
    return EXIT_INPUT;
  project = collate_export_merge_projects ((CollateProject *const *) loaded->pdata,
                                           loaded->len, &error);
  if (project == NULL)
    {
      print_error ("export", error->message);
      return EXIT_INPUT;
    }

  report = collate_export_report_new ();
  if (output != NULL)
    {
      g_autoptr(GFile) dest = g_file_new_for_commandline_arg (output);

      if (!collate_export_to_file (project, options, dest, report, NULL, NULL, NULL, &error))
        {
          print_error ("export", error->message);
          return EXIT_INPUT;
        }
    }
  else
    {
      g_autoptr(GBytes) bytes = collate_export_to_bytes (project, options, report, NULL, &error);
      gsize len;
      const char *data;

      if (bytes == NULL)
        {
          print_error ("export", error->message);
          return EXIT_INPUT;
        }
      data = g_bytes_get_data (bytes, &len);
      if (len > 0 && (fwrite (data, 1, len, stdout) != len || fflush (stdout) != 0))
        {
          print_error ("export", _("could not write to standard output"));
          return EXIT_INPUT;
        }
    }

  if (!quiet)
    {
      g_autofree char *counts = counts_text (collate_export_report_get_n_documents (report),
                                             collate_export_report_get_n_spans (report),
                                             collate_export_report_get_n_links (report));

      g_autofree char *shown = output != NULL ? collate_cli_display_name (output) : NULL;

      print_report ("export", report);
      if (collate_export_report_get_n_warnings (report) == 0)
        g_printerr (_("collate-cli: export %s: %s%s%s\n"),
                    fmt->name, counts, shown ? " → " : "", shown ? shown : "");
      else
        /* the counts are those of the project; the warnings say what the
         * format could not take of them */
        g_printerr (_("collate-cli: export %s: %s%s%s, "
                      "less what the warnings above say was not written\n"),
                    fmt->name, counts, shown ? " → " : "", shown ? shown : "");
    }
  return EXIT_OK;
}

int
collate_cli_import (int    argc,
                    char **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *title = NULL;
  g_autofree char *help = NULL;
  g_auto(GStrv) inputs = NULL;
  gboolean quiet = FALSE;
  gboolean force = FALSE;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("Dataset format (required)"), "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The project file to write (required)"), "OUT.collate.json" },
    { "title", 't', 0, G_OPTION_ARG_STRING, &title, N_("Title of the new project"), "TITLE" },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      N_("Replace the project file if it exists (never one of the inputs)"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Do not print warnings and counts"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &inputs, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateExportReport) report = NULL;
  g_autoptr(CollateProject) project = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GFile) dest = NULL;

  context = g_option_context_new (_("INPUT… — make a project from a dataset"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  help = formats_help (TRUE);
  g_option_context_set_description (context, help);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return collate_cli_usage_error ("import", error->message);

  if (format == NULL)
    return collate_cli_usage_error ("import", _("--format is required"));
  if (!collate_import_has_format (format))
    {
      g_autofree char *msg = g_strdup_printf (_("cannot import the format “%s” "
                                                "(brat, label-studio and jsonl can be imported)"),
                                              format);
      return collate_cli_usage_error ("import", msg);
    }
  if (output == NULL)
    return collate_cli_usage_error ("import", _("-o OUT.collate.json is required"));
  if (inputs == NULL || inputs[0] == NULL)
    return collate_cli_usage_error ("import", _("no input given"));

  if (g_file_test (output, G_FILE_TEST_EXISTS) && !g_file_test (output, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *shown = collate_cli_display_name (output);

      collate_cli_print_error (_("%s: not a regular file; give the name of the "
                                 "project file to write"), shown);
      return EXIT_INPUT;
    }
  {
    int status = collate_cli_check_output (output, (const char *const *) inputs, force, FALSE);

    if (status != EXIT_OK)
      return status;
  }
  for (guint i = 0; inputs[i]; i++)
    g_ptr_array_add (files, g_file_new_for_commandline_arg (inputs[i]));

  report = collate_export_report_new ();
  project = collate_import_files (format, (GFile *const *) files->pdata, files->len,
                                  report, NULL, &error);
  if (project == NULL)
    {
      print_error ("import", error->message);
      return EXIT_INPUT;
    }
  if (title != NULL)
    collate_project_set_title (project, title);

  dest = g_file_new_for_commandline_arg (output);
  if (!collate_project_save_file (project, dest, NULL, NULL, NULL, &error))
    {
      print_error ("import", error->message);
      return EXIT_INPUT;
    }
  if (!quiet)
    {
      g_autofree char *counts = counts_text (collate_project_get_n_documents (project),
                                             collate_project_get_n_annotations (project),
                                             collate_project_get_n_links (project));

      g_autofree char *shown = collate_cli_display_name (output);

      print_report ("import", report);
      g_printerr (_("collate-cli: import: %s → %s\n"), counts, shown);
    }
  return EXIT_OK;
}
