/* collate-cli-suggest.c — `collate-cli suggest`: differences and agreements between reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "collate.h"
#include "collate-cli-common.h"
#include "collate-cli-export.h"
#include "collate-cli-suggest.h"

#define EXIT_OK     0
#define EXIT_INPUT  1
#define EXIT_USAGE  2

static void
print_error (const char *message)
{
  g_autofree char *clean = collate_text_quote (message, 0);

  g_printerr ("collate-cli: %s\n", clean);
}

/* @text as a JSON string, escaped by json-glib */
static void
append_json_string (GString    *out,
                    const char *text)
{
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), text ? text : "");
  g_autofree char *quoted = json_to_string (node, FALSE);

  g_string_append (out, quoted);
}

/* One line; written by hand so that the confidence has three decimals
 * (json-glib 1.6 writes every double with 17 digits) */
static void
print_json (CollateSuggestion *s)
{
  static const char *const names[2] = { "a", "b" };
  GString *line = g_string_new ("{\"kind\":");
  char confidence[G_ASCII_DTOSTR_BUF_SIZE];

  append_json_string (line, collate_suggestion_get_kind_name (s));
  g_ascii_formatd (confidence, sizeof confidence, "%.3f", collate_suggestion_get_confidence (s));
  g_string_append_printf (line, ",\"confidence\":%s,\"reason\":", confidence);
  append_json_string (line, collate_suggestion_get_reason (s));
  g_string_append (line, ",\"link\":");
  append_json_string (line, collate_suggestion_get_link_label (s));
  for (guint side = 0; side < 2; side++)
    {
      const char *annotation = collate_suggestion_get_annotation_id (s, side);

      g_string_append_printf (line, ",\"%s\":{\"document\":", names[side]);
      append_json_string (line, collate_suggestion_get_document_id (s, side));
      g_string_append_printf (line, ",\"start\":%u,\"end\":%u,\"quote\":",
                              collate_suggestion_get_start (s, side),
                              collate_suggestion_get_end (s, side));
      append_json_string (line, collate_suggestion_get_quote (s, side));
      if (annotation != NULL)
        {
          g_string_append (line, ",\"annotation\":");
          append_json_string (line, annotation);
        }
      g_string_append_c (line, '}');
    }
  g_string_append (line, "}\n");
  fputs (line->str, stdout);
  g_string_free (line, TRUE);
}

static void
print_plain (CollateSuggestion *s)
{
  g_autofree char *qa = collate_text_quote (collate_suggestion_get_quote (s, 0), 60);
  g_autofree char *qb = collate_text_quote (collate_suggestion_get_quote (s, 1), 60);
  g_autofree char *reason = collate_text_quote (collate_suggestion_get_reason (s), 0);
  char confidence[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (confidence, sizeof confidence, "%.2f", collate_suggestion_get_confidence (s));
  g_print ("%s  %-18s %s  %s:%u–%u “%s”  |  %s:%u–%u “%s”\n      %s\n",
           confidence, collate_suggestion_get_kind_name (s), collate_suggestion_get_link_label (s),
           collate_suggestion_get_document_id (s, 0), collate_suggestion_get_start (s, 0),
           collate_suggestion_get_end (s, 0), qa,
           collate_suggestion_get_document_id (s, 1), collate_suggestion_get_start (s, 1),
           collate_suggestion_get_end (s, 1), qb, reason);
}

static char *
kinds_help (void)
{
  GString *s = g_string_new (_("Kinds:\n"));

  for (guint k = 0; k < COLLATE_SUGGESTION_N_KINDS; k++)
    g_string_append_printf (s, "  %s\n", collate_suggestion_kind_to_string (k));
  g_string_append_printf (s, _("\nEach kind, --accept-all and the scorer's protocol are described "
                               "in cli.md and compare.md in %s, and in the manual page "
                               "collate-cli(1)."), COLLATE_DOCDIR);
  return g_string_free (s, FALSE);
}

static int
suggestion_ptr_compare (gconstpointer a,
                        gconstpointer b)
{
  return collate_suggestion_compare (*(CollateSuggestion **) a, *(CollateSuggestion **) b);
}

int
collate_cli_suggest (int    argc,
                     char **argv)
{
  g_auto(GStrv) files = NULL;
  g_autofree char *documents = NULL;
  g_autofree char *kinds = NULL;
  g_autofree char *min_confidence = NULL;
  g_autofree char *scorer = NULL;
  g_autofree char *timeout = NULL;
  g_autofree char *label = NULL;
  g_autofree char *output = NULL;
  g_autofree char *help = NULL;
  gboolean accept_all = FALSE, json = FALSE;
  const GOptionEntry entries[] = {
    { "documents", 'd', 0, G_OPTION_ARG_STRING, &documents,
      N_("Compare these documents (ids, comma-separated; default: every pair)"), N_("D1,D2") },
    { "kinds", 'k', 0, G_OPTION_ARG_STRING, &kinds,
      N_("Only these kinds (comma-separated; default: all)"), N_("KIND,…") },
    { "min-confidence", 'm', 0, G_OPTION_ARG_STRING, &min_confidence,
      N_("Leave out suggestions below X (0 to 1; default 0)"), N_("X") },
    { "accept-all", 0, 0, G_OPTION_ARG_NONE, &accept_all,
      N_("Accept every suggestion listed: spans, links and reviews, saved into the project"), NULL },
    { "label", 'l', 0, G_OPTION_ARG_STRING, &label,
      N_("Label of the spans --accept-all makes (default: Claim)"), N_("LABEL") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("With --accept-all, save to OUT instead of PROJECT"), N_("OUT") },
    { "scorer", 0, 0, G_OPTION_ARG_STRING, &scorer,
      N_("Ask the program CMD about every aligned pair (JSON lines; see “The scorer protocol” in cli.md)"), N_("CMD") },
    { "scorer-timeout", 0, 0, G_OPTION_ARG_STRING, &timeout,
      N_("Seconds the scorer may take in all (default 60)"), N_("SECONDS") },
    { "json", 'j', 0, G_OPTION_ARG_NONE, &json,
      N_("Print one JSON object (UTF-8) per suggestion and line"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("PROJECT") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateProject) project = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GStrv) document_list = NULL;
  g_auto(GStrv) scorer_argv = NULL;
  g_autoptr(GFile) file = NULL;
  CollateCompareOptions options;

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                N_("List what two reports of one event disagree and agree on: aligned "
                                   "sentences, then quantities, dates, times, ordinals, names and "
                                   "negations that differ, claims told alike, and entity spans that "
                                   "name the same thing. Highest confidence first."));
  help = kinds_help ();
  g_option_context_set_description (context, help);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return collate_cli_usage_error ("suggest", error->message);

  if (files == NULL || files[0] == NULL)
    return collate_cli_usage_error ("suggest", _("give a project file"));
  if (files[1] != NULL)
    return collate_cli_usage_error ("suggest", _("give only one project file"));
  if ((label != NULL || output != NULL) && !accept_all)
    return collate_cli_usage_error ("suggest",
                                    _("--label and --output are for --accept-all; give --accept-all too"));
  if (timeout != NULL && scorer == NULL)
    return collate_cli_usage_error ("suggest", _("--scorer-timeout is for --scorer; give --scorer too"));

  collate_compare_options_init (&options);
  if (kinds != NULL)
    {
      g_auto(GStrv) names = g_strsplit (kinds, ",", -1);

      for (guint i = 0; names[i]; i++)
        {
          CollateSuggestionKind kind;
          g_autofree char *name = g_strstrip (g_strdup (names[i]));

          if (!collate_suggestion_kind_from_string (name, &kind))
            {
              g_autofree char *message =
                g_strdup_printf (_("unknown kind “%s”; “collate-cli suggest --help” lists the kinds"), name);
              return collate_cli_usage_error ("suggest", message);
            }
          options.kinds |= 1u << kind;
        }
    }
  if (min_confidence != NULL)
    {
      char *end = NULL;
      double x = g_ascii_strtod (min_confidence, &end);

      if (end == min_confidence || *end != '\0' || !(x >= 0 && x <= 1))
        return collate_cli_usage_error ("suggest", _("--min-confidence takes a number from 0 to 1"));
      options.min_confidence = x;
    }
  if (scorer != NULL)
    {
      if (!g_shell_parse_argv (scorer, NULL, &scorer_argv, &error))
        {
          g_autofree char *message = g_strdup_printf (_("--scorer: %s"), error->message);
          return collate_cli_usage_error ("suggest", message);
        }
      options.scorer_argv = scorer_argv;
    }
  if (timeout != NULL)
    {
      char *end = NULL;
      double x = g_ascii_strtod (timeout, &end);

      if (end == timeout || *end != '\0' || !(x > 0 && x <= 86400))
        return collate_cli_usage_error ("suggest",
                                        _("--scorer-timeout takes a number of seconds, more than 0"));
      options.scorer_timeout_ms = (guint) (x * 1000);
    }

  file = g_file_new_for_commandline_arg (files[0]);
  project = collate_cli_load_project (files[0]);
  if (project == NULL)
    return EXIT_INPUT;

  if (documents != NULL)
    {
      document_list = g_strsplit (documents, ",", -1);
      for (guint i = 0; document_list[i]; i++)
        {
          g_strstrip (document_list[i]);
          if (collate_project_lookup_document (project, document_list[i]) == NULL)
            {
              g_autofree char *message =
                g_strdup_printf (_("--documents: there is no document “%s” in this project"),
                                 document_list[i]);
              return collate_cli_usage_error ("suggest", message);
            }
          for (guint k = 0; k < ids->len; k++)
            if (g_str_equal (g_ptr_array_index (ids, k), document_list[i]))
              {
                g_autofree char *message =
                  g_strdup_printf (_("--documents: “%s” is given twice"), document_list[i]);
                return collate_cli_usage_error ("suggest", message);
              }
          g_ptr_array_add (ids, document_list[i]);
        }
      if (ids->len < 2)
        return collate_cli_usage_error ("suggest",
                                        _("--documents takes at least two document ids, comma-separated"));
    }
  else
    for (guint i = 0; i < collate_project_get_n_documents (project); i++)
      g_ptr_array_add (ids, (char *) collate_document_get_id (collate_project_get_document (project, i)));

  if (ids->len < 2)
    {
      print_error (_("this project has fewer than two documents: there is nothing to compare"));
      return EXIT_INPUT;
    }

  for (guint i = 0; i < ids->len; i++)
    for (guint j = i + 1; j < ids->len; j++)
      {
        g_autoptr(CollateComparison) comparison = NULL;
        GListModel *list;

        comparison = collate_compare (project, g_ptr_array_index (ids, i), g_ptr_array_index (ids, j),
                                      &options, NULL, &error);
        if (comparison == NULL)
          {
            print_error (error->message);
            return EXIT_INPUT;
          }
        list = collate_comparison_get_suggestions (comparison);
        for (guint k = 0; k < g_list_model_get_n_items (list); k++)
          g_ptr_array_add (all, g_list_model_get_item (list, k));
      }
  g_ptr_array_sort (all, suggestion_ptr_compare);

  for (guint k = 0; k < all->len; k++)
    {
      if (json)
        print_json (g_ptr_array_index (all, k));
      else
        print_plain (g_ptr_array_index (all, k));
    }

  if (accept_all)
    {
      g_autoptr(GFile) dest = output ? g_file_new_for_commandline_arg (output) : g_object_ref (file);
      guint spans_before = collate_project_get_n_annotations (project);
      guint links_before = collate_project_get_n_links (project);
      g_autofree char *shown = NULL;

      for (guint k = 0; k < all->len; k++)
        if (collate_suggestion_accept (g_ptr_array_index (all, k), project, label, NULL, &error) == NULL)
          {
            g_autofree char *message =
              g_strdup_printf (_("suggestion %u could not be accepted, nothing was saved: %s"),
                               k + 1, error->message);
            print_error (message);
            return EXIT_INPUT;
          }
      if (!collate_project_save_file (project, dest, NULL, NULL, NULL, &error))
        {
          print_error (error->message);
          return EXIT_INPUT;
        }
      shown = g_file_get_parse_name (dest);
      /* On standard error, so that standard output stays the list alone */
      {
        guint new_spans = collate_project_get_n_annotations (project) - spans_before;
        guint new_links = collate_project_get_n_links (project) - links_before;
        g_autofree char *accepted = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Accepted %u suggestion",
                                                                  "Accepted %u suggestions", all->len), all->len);
        g_autofree char *spans = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new span", "%u new spans",
                                                               new_spans), new_spans);
        g_autofree char *links = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new link", "%u new links",
                                                               new_links), new_links);

        /* Translators: "Accepted 2 suggestions: 4 new spans, 2 new links; saved FILE" */
        g_printerr (_("%s: %s, %s; saved %s\n"), accepted, spans, links, shown);
      }
    }

  return EXIT_OK;
}
