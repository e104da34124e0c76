/* collate-cli-labels.c — `collate-cli labels`: list, apply and save label sets
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
#include "collate-cli-labels.h"

/* @text padded with spaces to @width characters */
static void
print_cell (const char *text,
            guint       width)
{
  glong length = g_utf8_strlen (text, -1);

  fputs (text, stdout);
  for (glong i = length; i < (glong) width; i++)
    fputc (' ', stdout);
}

static void
print_labels (CollateProject   *project,
              CollateLabelKind  kind)
{
  CollateSchema *schema = collate_project_get_schema (project);
  guint n = collate_schema_get_n_labels (schema, kind);
  guint width = 4;

  for (guint i = 0; i < n; i++)
    width = MAX (width, (guint) g_utf8_strlen (collate_label_get_name (collate_schema_get_label (schema, kind, i)), -1));

  g_print ("%s\n", kind == COLLATE_LABEL_KIND_SPAN ? _("Span labels") : _("Link labels"));
  if (n == 0)
    {
      g_print ("  %s\n", _("(none)"));
      return;
    }
  g_print ("  ");
  print_cell (_("Key"), 5);
  print_cell (_("Name"), width + 2);
  print_cell (_("Colour"), 9);
  print_cell (kind == COLLATE_LABEL_KIND_SPAN ? _("Spans") : _("Links"), 7);
  g_print ("%s\n", _("Description"));
  for (guint i = 0; i < n; i++)
    {
      CollateLabel *label = collate_schema_get_label (schema, kind, i);
      const char *hotkey = collate_label_get_hotkey (label);
      const char *description = collate_label_get_description (label);
      guint uses = collate_project_count_label_uses (project, kind, collate_label_get_name (label));
      g_autofree char *count = g_strdup_printf ("%u", uses);

      g_print ("  ");
      print_cell (hotkey ? hotkey : "", 5);
      print_cell (collate_label_get_name (label), width + 2);
      print_cell (collate_label_get_color (label), 9);
      print_cell (count, 7);
      g_print ("%s\n", description ? description : "");
    }
}

static void
add_labels_json (JsonBuilder      *builder,
                 CollateProject   *project,
                 CollateLabelKind  kind)
{
  CollateSchema *schema = collate_project_get_schema (project);

  json_builder_begin_array (builder);
  for (guint i = 0; i < collate_schema_get_n_labels (schema, kind); i++)
    {
      CollateLabel *label = collate_schema_get_label (schema, kind, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, collate_label_get_name (label));
      json_builder_set_member_name (builder, "color");
      json_builder_add_string_value (builder, collate_label_get_color (label));
      json_builder_set_member_name (builder, "hotkey");
      if (collate_label_get_hotkey (label))
        json_builder_add_string_value (builder, collate_label_get_hotkey (label));
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "description");
      if (collate_label_get_description (label))
        json_builder_add_string_value (builder, collate_label_get_description (label));
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "uses");
      json_builder_add_int_value (builder, collate_project_count_label_uses (project, kind,
                                                                             collate_label_get_name (label)));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
print_json (CollateProject *project)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "span_labels");
  add_labels_json (builder, project, COLLATE_LABEL_KIND_SPAN);
  json_builder_set_member_name (builder, "link_labels");
  add_labels_json (builder, project, COLLATE_LABEL_KIND_LINK);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static int
list_shipped (void)
{
  g_autoptr(GPtrArray) files = collate_label_set_list_shipped ();

  for (guint i = 0; i < files->len; i++)
    {
      GFile *file = g_ptr_array_index (files, i);
      g_autofree char *base = g_file_get_basename (file);
      g_autofree char *title = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(CollateSchema) set = collate_label_set_load_file (file, &title, NULL, &error);

      base[strlen (base) - strlen (".labels.json")] = '\0';
      if (set == NULL)
        {
          collate_cli_print_error ("%s", error->message);
          return COLLATE_CLI_EXIT_FAILED;
        }
      print_cell (base, 16);
      g_print ("%s (%u + %u)\n", title ? title : "",
               collate_schema_get_n_labels (set, COLLATE_LABEL_KIND_SPAN),
               collate_schema_get_n_labels (set, COLLATE_LABEL_KIND_LINK));
    }
  return collate_cli_finish_stdout () ? COLLATE_CLI_EXIT_OK : COLLATE_CLI_EXIT_FAILED;
}

/* SET is a file, or the name of a set that ships ("conll") */
static CollateSchema *
load_set (const char  *argument,
          GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (argument);

  if (!g_file_query_exists (file, NULL) && strchr (argument, '/') == NULL)
    {
      g_autoptr(GFile) shipped = collate_label_set_find_shipped (argument);

      if (shipped != NULL)
        return collate_label_set_load_file (shipped, NULL, NULL, error);
    }
  return collate_label_set_load_file (file, NULL, NULL, error);
}

/* Says where the labels of @schema were written */
static void
print_written (CollateSchema *schema,
               const char    *shown)
{
  /* TRANSLATORS: "collate-cli: 6 span labels and 3 link labels → mine.labels.json" */
  g_printerr (_("collate-cli: %u span labels and %u link labels → %s\n"),
              collate_schema_get_n_labels (schema, COLLATE_LABEL_KIND_SPAN),
              collate_schema_get_n_labels (schema, COLLATE_LABEL_KIND_LINK), shown);
}

int
collate_cli_labels (int    argc,
                    char **argv)
{
  g_auto(GStrv) files = NULL;
  g_autofree char *output = NULL;
  g_autofree char *apply = NULL;
  g_autofree char *save_set = NULL;
  gboolean force = FALSE, keep_missing = FALSE, json = FALSE, list_sets = FALSE;
  const GOptionEntry entries[] = {
    { "apply", 'a', 0, G_OPTION_ARG_FILENAME, &apply,
      N_("Give the project the labels of SET (a label set file, a project file, or the name "
         "of a set that ships: see --list-sets); write the result to --output"), N_("SET") },
    { "keep-missing", 'k', 0, G_OPTION_ARG_NONE, &keep_missing,
      N_("With --apply: keep the project's labels in use that SET lacks, after SET's own "
         "(without it, such labels are an error)"), NULL },
    { "save-set", 's', 0, G_OPTION_ARG_FILENAME, &save_set,
      N_("Write the project's labels as a label set to FILE, to apply to other projects"), N_("FILE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("With --apply: the project to write"), N_("OUT") },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force,
      N_("Replace OUT or FILE if it exists (never the project read)"), NULL },
    { "json", 'j', 0, G_OPTION_ARG_NONE, &json,
      N_("List the labels as JSON"), NULL },
    { "list-sets", 0, 0, G_OPTION_ARG_NONE, &list_sets,
      N_("List the label sets that ship with Collate"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("PROJECT") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateProject) project = NULL;

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                N_("List a project's span and link labels (key, name, colour, how often "
                                   "each is used, description), give it the labels of a label set, or "
                                   "save its labels as a set for other projects."));
  g_option_context_set_description (context,
                                    _("Examples:\n"
                                      "  collate-cli labels talks.collate.json\n"
                                      "  collate-cli labels --save-set mine.labels.json talks.collate.json\n"
                                      "  collate-cli labels --apply conll talks.collate.json -o talks-conll.collate.json\n"
                                      "  collate-cli labels --list-sets"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return collate_cli_usage_error ("labels", error->message);

  if (list_sets)
    {
      if (files != NULL || apply || save_set || output)
        return collate_cli_usage_error ("labels", _("--list-sets takes no project and no other option"));
      return list_shipped ();
    }
  if (files == NULL || files[0] == NULL)
    return collate_cli_usage_error ("labels", _("give a project file"));
  if (files[1] != NULL)
    return collate_cli_usage_error ("labels", _("give only one project file"));
  if (apply != NULL && save_set != NULL)
    return collate_cli_usage_error ("labels", _("give --apply or --save-set, not both"));
  if (apply == NULL && (output != NULL || keep_missing))
    return collate_cli_usage_error ("labels",
                                    _("--output and --keep-missing are for --apply; give --apply too"));
  if (apply != NULL && (output == NULL || output[0] == '\0'))
    return collate_cli_usage_error ("labels", _("--apply needs --output: the project to write"));
  if (force && output == NULL && save_set == NULL)
    return collate_cli_usage_error ("labels", _("--force is for --output or --save-set"));
  if (json && (apply != NULL || save_set != NULL))
    return collate_cli_usage_error ("labels", _("--json is for listing labels"));

  if (output != NULL || save_set != NULL)
    {
      int status = collate_cli_check_output (output ? output : save_set,
                                             (const char *const *) files, force, FALSE);

      if (status != COLLATE_CLI_EXIT_OK)
        return status;
    }

  project = collate_cli_load_project (files[0]);
  if (project == NULL)
    return COLLATE_CLI_EXIT_FAILED;

  if (save_set != NULL)
    {
      g_autoptr(GFile) destination = g_file_new_for_commandline_arg (save_set);
      g_autofree char *shown = collate_cli_display_name (save_set);

      if (!collate_label_set_save_file (collate_project_get_schema (project),
                                        collate_project_get_title (project), destination, &error))
        {
          collate_cli_print_error (_("cannot write %s: %s"), shown, error->message);
          return COLLATE_CLI_EXIT_FAILED;
        }
      print_written (collate_project_get_schema (project), shown);
      return COLLATE_CLI_EXIT_OK;
    }

  if (apply != NULL)
    {
      g_autoptr(CollateSchema) set = load_set (apply, &error);
      g_autoptr(GFile) destination = NULL;
      g_autofree char *shown = collate_cli_display_name (output);

      if (set == NULL)
        {
          collate_cli_print_error ("%s", error->message);
          return COLLATE_CLI_EXIT_FAILED;
        }
      if (!collate_project_apply_label_set (project, set, keep_missing, &error))
        {
          collate_cli_print_error ("%s", error->message);
          g_printerr (_("Nothing was written. Give --keep-missing to keep those labels.\n"));
          return COLLATE_CLI_EXIT_FAILED;
        }
      destination = g_file_new_for_commandline_arg (output);
      if (!collate_project_save_file (project, destination, NULL, NULL, NULL, &error))
        {
          collate_cli_print_error (_("cannot write %s: %s"), shown, error->message);
          return COLLATE_CLI_EXIT_FAILED;
        }
      print_written (collate_project_get_schema (project), shown);
      return COLLATE_CLI_EXIT_OK;
    }

  if (json)
    print_json (project);
  else
    {
      print_labels (project, COLLATE_LABEL_KIND_SPAN);
      g_print ("\n");
      print_labels (project, COLLATE_LABEL_KIND_LINK);
    }
  return collate_cli_finish_stdout () ? COLLATE_CLI_EXIT_OK : COLLATE_CLI_EXIT_FAILED;
}
