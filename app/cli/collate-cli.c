/* collate-cli.c — the headless tool: new, validate, stats, export, import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "collate.h"
#include "collate-cli-common.h"
#include "collate-cli-export.h"
#include "collate-cli-suggest.h"
#include "collate-cli-report.h"
#include "collate-cli-agree.h"
#include "collate-cli-merge.h"
#include "collate-cli-labels.h"

#define PROGRAM_NAME "collate-cli"

#define EXIT_OK        COLLATE_CLI_EXIT_OK
#define EXIT_BAD_INPUT COLLATE_CLI_EXIT_FAILED
#define EXIT_USAGE     COLLATE_CLI_EXIT_USAGE

/* Titles longer than this are shortened in the plain-text tables */
#define MAX_TITLE_WIDTH 40

typedef int (*CliCommandFunc) (int argc, char **argv);

typedef struct
{
  const char     *name;
  const char     *summary;
  CliCommandFunc  run;
} CliCommand;

static int command_new      (int argc, char **argv);
static int command_validate (int argc, char **argv);
static int command_stats    (int argc, char **argv);

static const CliCommand commands[] = {
  { "new",      N_("Make a new project from text files"),              command_new },
  { "validate", N_("Check that project files load and are consistent"), command_validate },
  { "stats",    N_("Count documents, characters, spans and links"),     command_stats },
  { "export",   N_("Write a project's annotations as a dataset"),       collate_cli_export },
  { "import",   N_("Make a project from a dataset"),                    collate_cli_import },
  { "suggest",  N_("List what two reports disagree and agree on"),      collate_cli_suggest },
  { "report",   N_("Write a project as one HTML page to read or print"), collate_cli_report },
  { "agree",    N_("Measure how far annotators agree"),                 collate_cli_agree },
  { "merge",    N_("Make one project of several annotators' versions"), collate_cli_merge },
  { "labels",   N_("List, apply or save a project's label set"),        collate_cli_labels },
  { "merge-driver", N_("Merge two versions of a project (git's merge driver)"), collate_cli_merge_driver },
};

/* ── Messages ─────────────────────────────────────────────────────────── */

/* A usage problem: the reason, then where to read more.  Returns EXIT_USAGE. */
static int usage_error (const char *command,
                        const char *format,
                        ...) G_GNUC_PRINTF (2, 3);

static int
usage_error (const char *command,
             const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  collate_cli_print_error ("%s", message);
  if (command != NULL)
    g_printerr (_("Try “%s %s --help” for more information.\n"), PROGRAM_NAME, command);
  else
    g_printerr (_("Try “%s --help” for more information.\n"), PROGRAM_NAME);

  return EXIT_USAGE;
}

/* Core messages often start with the file's base name ("x.collate.json: …");
 * returns the rest, so that the caller can name the file as the user gave it. */
static const char *
without_file_name (const char *message,
                   const char *path)
{
  g_autofree char *shown = collate_cli_display_name (path);
  g_autofree char *basename = g_path_get_basename (shown);
  const char *prefixes[] = { shown, basename };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      gsize len = strlen (prefixes[i]);

      if (strncmp (message, prefixes[i], len) == 0 && strncmp (message + len, ": ", 2) == 0)
        return message + len + 2;
    }

  return message;
}

/* ── Plain-text tables ────────────────────────────────────────────────── */

/* Columns as wide as a terminal shows them: wide characters (CJK, most
 * emoji) take two cells, combining marks none. */
static guint
display_width (const char *text)
{
  guint width = 0;
  const char *p;

  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }

  return width;
}

/* @text shortened to at most @max_width cells, with an ellipsis */
static char *
shorten (const char *text,
         guint       max_width)
{
  GString *out;
  const char *p;
  guint width = 0;

  if (display_width (text) <= max_width)
    return g_strdup (text);

  out = g_string_new (NULL);
  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      guint w = g_unichar_iszerowidth (c) ? 0 : g_unichar_iswide (c) ? 2 : 1;

      if (width + w + 1 > max_width)
        break;
      g_string_append_unichar (out, c);
      width += w;
    }
  g_string_append (out, "…");

  return g_string_free (out, FALSE);
}

typedef struct
{
  guint      n_columns;
  gboolean  *right_aligned;  /* per column */
  GPtrArray *rows;           /* of GStrv */
} Table;

static Table *
table_new (guint n_columns)
{
  Table *table = g_new0 (Table, 1);

  table->n_columns = n_columns;
  table->right_aligned = g_new0 (gboolean, n_columns);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  return table;
}

static void
table_free (Table *table)
{
  g_ptr_array_unref (table->rows);
  g_free (table->right_aligned);
  g_free (table);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Table, table_free)

/* Takes @cells (table->n_columns strings, each sanitised here) */
static void
table_add_row (Table  *table,
               char  **cells)
{
  char **row = g_new0 (char *, table->n_columns + 1);
  guint i;

  for (i = 0; i < table->n_columns; i++)
    {
      row[i] = collate_text_quote (cells[i], 0);
      g_free (cells[i]);
    }
  g_free (cells);

  g_ptr_array_add (table->rows, row);
}

static void table_add (Table *table, ...) G_GNUC_NULL_TERMINATED;

/* Adds a row of n_columns newly allocated strings, then NULL */
static void
table_add (Table *table,
           ...)
{
  char **cells = g_new0 (char *, table->n_columns + 1);
  va_list args;
  guint i;

  va_start (args, table);
  for (i = 0; i < table->n_columns; i++)
    cells[i] = va_arg (args, char *);
  va_end (args);

  table_add_row (table, cells);
}

static void
table_print (Table      *table,
             const char *indent)
{
  g_autofree guint *widths = g_new0 (guint, table->n_columns);
  guint r, c;

  for (r = 0; r < table->rows->len; r++)
    {
      char **row = g_ptr_array_index (table->rows, r);

      for (c = 0; c < table->n_columns; c++)
        widths[c] = MAX (widths[c], display_width (row[c]));
    }

  for (r = 0; r < table->rows->len; r++)
    {
      char **row = g_ptr_array_index (table->rows, r);
      GString *line = g_string_new (indent);

      for (c = 0; c < table->n_columns; c++)
        {
          guint pad = widths[c] - display_width (row[c]);
          gboolean last = c + 1 == table->n_columns;

          if (c > 0)
            g_string_append (line, "  ");
          if (table->right_aligned[c])
            {
              for (; pad > 0; pad--)
                g_string_append_c (line, ' ');
              g_string_append (line, row[c]);
            }
          else
            {
              g_string_append (line, row[c]);
              if (!last)
                for (; pad > 0; pad--)
                  g_string_append_c (line, ' ');
            }
        }

      /* Trailing spaces (an empty last column) are noise */
      while (line->len > 0 && line->str[line->len - 1] == ' ')
        g_string_truncate (line, line->len - 1);
      g_print ("%s\n", line->str);
      g_string_free (line, TRUE);
    }
}

static char *
format_count (guint64 n)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT, n);
}

/* ── Command-line parsing ─────────────────────────────────────────────── */

static GOptionContext *
command_context_new (const char         *parameter_string,
                     const char         *summary,
                     const GOptionEntry *entries)
{
  /* The usage line ends with the G_OPTION_REMAINING entry's "FILE…" */
  GOptionContext *context = g_option_context_new (parameter_string);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);  /* translated by GOption */
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  return context;
}

/* Parses; on a usage problem reports it and returns FALSE */
static gboolean
command_context_parse (GOptionContext  *context,
                       const char      *command,
                       int             *argc,
                       char          ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      usage_error (command, "%s", error->message);
      return FALSE;
    }

  return TRUE;
}

/* ── new ──────────────────────────────────────────────────────────────── */

/* "dir/report.txt" → "dir/report.collate.json" */
static char *
default_output_for (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = NULL;
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  name = g_strconcat (base, ".collate.json", NULL);

  if (g_strcmp0 (dir, ".") == 0 && !g_str_has_prefix (path, "./"))
    return g_steal_pointer (&name);

  return g_build_filename (dir, name, NULL);
}

static int
command_new (int    argc,
             char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *title = NULL;
  g_auto(GStrv) files = NULL;
  gboolean force = FALSE;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the project to OUT (default: the first FILE's name with .collate.json, in its folder)"),
      N_("OUT") },
    { "title", 't', 0, G_OPTION_ARG_STRING, &title,
      N_("The project's title (default: the first document's title)"), N_("TITLE") },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force,
      N_("Replace the output file if it exists"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE…") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CollateProject) project = NULL;
  g_autoptr(GFile) out_file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out_display = NULL;
  guint64 characters = 0;
  guint n_files, i;

  context = command_context_new (NULL,
                                 N_("Make a new project from UTF-8 text files, saved web pages, PDFs "
                                    "and http(s) URLs (fetched), one document per input, in the order "
                                    "given. A page or PDF keeps where it came from in the document's "
                                    "metadata. Nothing is written if any input is refused."),
                                 entries);
  g_option_context_set_description (context,
                                    _("Example:\n  collate-cli new -o talks.collate.json report-1.txt report-2.txt"));
  if (!command_context_parse (context, "new", &argc, &argv))
    return EXIT_USAGE;

  if (files == NULL || files[0] == NULL)
    return usage_error ("new", _("give at least one text file, web page, PDF or URL"));
  if (output != NULL && output[0] == '\0')
    return usage_error ("new", _("--output needs a file name"));
  if (title != NULL && g_strstrip (title)[0] == '\0')
    return usage_error ("new", _("--title must not be empty"));

  if (output == NULL && collate_ingest_is_url (files[0]))
    return usage_error ("new", _("give --output when the first input is a URL"));
  if (output == NULL)
    output = default_output_for (files[0]);
  out_display = collate_cli_display_name (output);
  out_file = g_file_new_for_path (output);

  /* Not one of the texts being read, and not an existing file without --force */
  {
    int status = collate_cli_check_output (output, (const char *const *) files, force, FALSE);

    if (status != EXIT_OK)
      return status;
  }

  /* Say so now rather than after reading every file */
  {
    g_autoptr(GFile) parent = g_file_get_parent (out_file);

    GFileType type = parent != NULL ? g_file_query_file_type (parent, G_FILE_QUERY_INFO_NONE, NULL)
                                    : G_FILE_TYPE_DIRECTORY;

    if (type != G_FILE_TYPE_DIRECTORY)
      {
        g_autofree char *folder = g_file_get_parse_name (parent);

        if (type == G_FILE_TYPE_UNKNOWN)
          collate_cli_print_error (_("cannot write %s: the folder %s does not exist"), out_display, folder);
        else
          collate_cli_print_error (_("cannot write %s: %s is not a folder"), out_display, folder);
        return EXIT_BAD_INPUT;
      }
  }

  project = collate_project_new (NULL, NULL);
  n_files = g_strv_length (files);
  for (i = 0; i < n_files; i++)
    {
      g_autofree char *id = collate_project_next_document_id (project);
      g_autoptr(CollateDocument) document = NULL;

      /* text, a web page or a PDF, by what the file holds; a URL fetched */
      if (collate_ingest_is_url (files[i]))
        document = collate_ingest_url (files[i], id, 0, NULL, &error);
      else
        document = collate_ingest_file (files[i], id, &error);
      if (document == NULL || !collate_project_add_document (project, document, &error))
        {
          collate_cli_print_error ("%s", error->message);
          collate_cli_print_error (_("nothing was written"));
          return EXIT_BAD_INPUT;
        }
      characters += collate_document_get_length (document);
    }

  if (title == NULL)
    title = g_strdup (collate_document_get_title (collate_project_get_document (project, 0)));
  collate_project_set_title (project, title);

  if (!collate_project_save_file (project, out_file, NULL, NULL, NULL, &error))
    {
      collate_cli_print_error (_("cannot write %s: %s"), out_display, without_file_name (error->message, output));
      return EXIT_BAD_INPUT;
    }

  {
    g_autofree char *n_characters = format_count (characters);

    /* TRANSLATORS: "Created talks.collate.json with 2 documents (8153 characters)" */
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "Created %s with %u document (%s characters)\n",
                          "Created %s with %u documents (%s characters)\n",
                          n_files),
             out_display, n_files, n_characters);
  }

  return EXIT_OK;
}

/* ── validate ─────────────────────────────────────────────────────────── */

/* Loads @path; on failure prints the reason, naming the file */
static CollateProject *
load_project (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = collate_cli_display_name (path);
  CollateProject *project;

  project = collate_project_load_file (file, NULL, NULL, &error);
  if (project == NULL)
    collate_cli_print_error ("%s: %s", shown, without_file_name (error->message, path));

  return project;
}

typedef struct
{
  int   status;
  guint n_bad;
} Validation;

/* collate_cli_walk_projects(): "FILE: ok (…)" or the problem */
static gboolean
validate_one (const char     *path,
              CollateProject *project,
              const GError   *error,
              gpointer        user_data)
{
  Validation *validation = user_data;
  g_autofree char *shown = collate_cli_display_name (path);
  g_autofree char *documents = NULL;
  g_autofree char *spans = NULL;
  g_autofree char *links = NULL;
  guint n_documents, n_spans, n_links;

  if (project == NULL)
    {
      collate_cli_print_error ("%s: %s", shown, without_file_name (error->message, path));
      validation->status = EXIT_BAD_INPUT;
      validation->n_bad++;
      return TRUE;
    }

  n_documents = collate_project_get_n_documents (project);
  n_spans = collate_project_get_n_annotations (project);
  n_links = collate_project_get_n_links (project);
  documents = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u document", "%u documents",
                                            n_documents), n_documents);
  spans = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u span", "%u spans", n_spans),
                           n_spans);
  links = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u link", "%u links", n_links),
                           n_links);
  /* TRANSLATORS: "FILE: ok (2 documents, 10 spans, 3 links)" */
  g_print (_("%s: ok (%s, %s, %s)\n"), shown, documents, spans, links);
  return TRUE;
}

static int
command_validate (int    argc,
                  char **argv)
{
  g_auto(GStrv) files = NULL;
  gboolean progress_asked = FALSE;
  const GOptionEntry entries[] = {
    { "progress", 0, 0, G_OPTION_ARG_NONE, &progress_asked,
      N_("Show progress on standard error (by default only on a terminal, from 20 projects)"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("PROJECT|FOLDER…") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  CollateCliProgress progress;
  Validation validation = { EXIT_OK, 0 };
  gboolean any_folder = FALSE;
  guint i;

  context = command_context_new (NULL,
                                 N_("Load each project file and check everything in it: the format, "
                                    "offsets, quotes, checksums, ids, links and labels. Prints "
                                    "“FILE: ok (…)” on standard output for each good file and the "
                                    "problem on standard error for each bad one. A folder stands for "
                                    "every project file (*.collate.json) inside it and the folders "
                                    "inside those, in sorted order."),
                                 entries);
  if (!command_context_parse (context, "validate", &argc, &argv))
    return EXIT_USAGE;

  if (files == NULL || files[0] == NULL)
    return usage_error ("validate", _("give at least one project file or folder"));

  if (!collate_cli_expand_inputs ((const char *const *) files, paths))
    validation.status = EXIT_BAD_INPUT;

  collate_cli_progress_init (&progress, N_("Validating"), paths->len, progress_asked);
  collate_cli_walk_projects (paths, &progress, validate_one, &validation);

  /* A folder: a last line that says how many of its files were bad */
  for (i = 0; files[i] != NULL; i++)
    any_folder = any_folder || g_file_test (files[i], G_FILE_TEST_IS_DIR);
  if (any_folder && paths->len > 1 && validation.n_bad > 0)
    collate_cli_print_error (g_dngettext (GETTEXT_PACKAGE, "%u of %u project files is not valid",
                                          "%u of %u project files are not valid", validation.n_bad),
                             validation.n_bad, paths->len);
  return validation.status;
}

/* ── stats ────────────────────────────────────────────────────────────── */

typedef struct
{
  char  *name;
  guint *per_document;  /* n_documents counts */
  guint  total;
  guint  within;        /* links: both ends in one document */
  guint  across;        /* links: ends in different documents */
} LabelCount;

static void
label_count_free (LabelCount *count)
{
  g_free (count->name);
  g_free (count->per_document);
  g_free (count);
}

typedef struct
{
  CollateProject *project;
  guint           n_documents;
  guint          *spans_per_document;
  GPtrArray      *span_labels;  /* of LabelCount, schema order then others */
  GPtrArray      *link_labels;
  guint           links_within;
  guint           links_across;
  guint64         characters;
} Stats;

static void
stats_free (Stats *stats)
{
  g_clear_object (&stats->project);
  g_free (stats->spans_per_document);
  g_ptr_array_unref (stats->span_labels);
  g_ptr_array_unref (stats->link_labels);
  g_free (stats);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Stats, stats_free)

static LabelCount *
label_counts_find (GPtrArray  *counts,
                   const char *name,
                   guint       n_documents)
{
  LabelCount *count;
  guint i;

  for (i = 0; i < counts->len; i++)
    {
      count = g_ptr_array_index (counts, i);
      if (g_strcmp0 (count->name, name) == 0)
        return count;
    }

  count = g_new0 (LabelCount, 1);
  count->name = g_strdup (name);
  count->per_document = g_new0 (guint, MAX (n_documents, 1));
  g_ptr_array_add (counts, count);

  return count;
}

static Stats *
stats_compute (CollateProject *project)
{
  Stats *stats = g_new0 (Stats, 1);
  CollateSchema *schema = collate_project_get_schema (project);
  GListModel *annotations = collate_project_get_annotations (project);
  GListModel *links = collate_project_get_links (project);
  guint i, n;

  stats->project = g_object_ref (project);
  stats->n_documents = collate_project_get_n_documents (project);
  stats->spans_per_document = g_new0 (guint, MAX (stats->n_documents, 1));
  stats->span_labels = g_ptr_array_new_with_free_func ((GDestroyNotify) label_count_free);
  stats->link_labels = g_ptr_array_new_with_free_func ((GDestroyNotify) label_count_free);

  for (i = 0; i < stats->n_documents; i++)
    stats->characters += collate_document_get_length (collate_project_get_document (project, i));

  /* Every label of the schema, even unused ones, in schema order */
  n = collate_schema_get_n_labels (schema, COLLATE_LABEL_KIND_SPAN);
  for (i = 0; i < n; i++)
    {
      CollateLabel *label = collate_schema_get_label (schema, COLLATE_LABEL_KIND_SPAN, i);
      label_counts_find (stats->span_labels, collate_label_get_name (label), stats->n_documents);
    }
  n = collate_schema_get_n_labels (schema, COLLATE_LABEL_KIND_LINK);
  for (i = 0; i < n; i++)
    {
      CollateLabel *label = collate_schema_get_label (schema, COLLATE_LABEL_KIND_LINK, i);
      label_counts_find (stats->link_labels, collate_label_get_name (label), stats->n_documents);
    }

  n = g_list_model_get_n_items (annotations);
  for (i = 0; i < n; i++)
    {
      g_autoptr(CollateAnnotation) annotation = g_list_model_get_item (annotations, i);
      LabelCount *count = label_counts_find (stats->span_labels,
                                             collate_annotation_get_label (annotation),
                                             stats->n_documents);
      int doc = collate_project_get_document_index (project,
                                                    collate_annotation_get_document_id (annotation));

      count->total++;
      if (doc >= 0 && (guint) doc < stats->n_documents)
        {
          count->per_document[doc]++;
          stats->spans_per_document[doc]++;
        }
    }

  n = g_list_model_get_n_items (links);
  for (i = 0; i < n; i++)
    {
      g_autoptr(CollateLink) link = g_list_model_get_item (links, i);
      LabelCount *count = label_counts_find (stats->link_labels,
                                             collate_link_get_label (link),
                                             stats->n_documents);
      CollateAnnotation *from = collate_project_lookup_annotation (project,
                                                                   collate_link_get_from (link));
      CollateAnnotation *to = collate_project_lookup_annotation (project,
                                                                 collate_link_get_to (link));

      count->total++;
      if (from != NULL && to != NULL &&
          g_strcmp0 (collate_annotation_get_document_id (from),
                     collate_annotation_get_document_id (to)) == 0)
        {
          count->within++;
          stats->links_within++;
        }
      else
        {
          count->across++;
          stats->links_across++;
        }
    }

  return stats;
}

static void
stats_print_text (Stats      *stats,
                  const char *path)
{
  CollateProject *project = stats->project;
  g_autoptr(Table) summary = table_new (2);
  g_autoptr(Table) documents = table_new (4);
  g_autoptr(Table) spans = table_new (stats->n_documents + 2);
  g_autoptr(Table) links = table_new (4);
  guint n_spans = collate_project_get_n_annotations (project);
  guint n_links = collate_project_get_n_links (project);
  guint i, j;

  /* Summary */
  table_add (summary, g_strdup (_("Project")),
             shorten (collate_project_get_title (project), 2 * MAX_TITLE_WIDTH), NULL);
  table_add (summary, g_strdup (_("File")), collate_cli_display_name (path), NULL);
  table_add (summary, g_strdup (_("Documents")), format_count (stats->n_documents), NULL);
  table_add (summary, g_strdup (_("Characters")), format_count (stats->characters), NULL);
  table_add (summary, g_strdup (_("Spans")), format_count (n_spans), NULL);
  table_add (summary, g_strdup (_("Links")), format_count (n_links), NULL);
  table_print (summary, "");

  /* Documents */
  g_print ("\n%s\n", _("Documents"));
  documents->right_aligned[2] = TRUE;
  documents->right_aligned[3] = TRUE;
  table_add (documents, g_strdup (_("Id")), g_strdup (_("Title")),
             g_strdup (_("Characters")), g_strdup (_("Spans")), NULL);
  for (i = 0; i < stats->n_documents; i++)
    {
      CollateDocument *document = collate_project_get_document (project, i);

      table_add (documents,
                 g_strdup (collate_document_get_id (document)),
                 shorten (collate_document_get_title (document), MAX_TITLE_WIDTH),
                 format_count (collate_document_get_length (document)),
                 format_count (stats->spans_per_document[i]),
                 NULL);
    }
  table_add (documents, g_strdup (_("Total")), g_strdup (""),
             format_count (stats->characters), format_count (n_spans), NULL);
  table_print (documents, "  ");

  /* Spans per label and per document */
  g_print ("\n%s\n", _("Spans per label"));
  {
    char **cells = g_new0 (char *, stats->n_documents + 3);

    cells[0] = g_strdup (_("Label"));
    for (j = 0; j < stats->n_documents; j++)
      {
        cells[j + 1] = g_strdup (collate_document_get_id (collate_project_get_document (project, j)));
        spans->right_aligned[j + 1] = TRUE;
      }
    cells[stats->n_documents + 1] = g_strdup (_("Total"));
    spans->right_aligned[stats->n_documents + 1] = TRUE;
    table_add_row (spans, cells);
  }
  for (i = 0; i < stats->span_labels->len; i++)
    {
      LabelCount *count = g_ptr_array_index (stats->span_labels, i);
      char **cells = g_new0 (char *, stats->n_documents + 3);

      cells[0] = g_strdup (count->name);
      for (j = 0; j < stats->n_documents; j++)
        cells[j + 1] = format_count (count->per_document[j]);
      cells[stats->n_documents + 1] = format_count (count->total);
      table_add_row (spans, cells);
    }
  {
    char **cells = g_new0 (char *, stats->n_documents + 3);

    cells[0] = g_strdup (_("Total"));
    for (j = 0; j < stats->n_documents; j++)
      cells[j + 1] = format_count (stats->spans_per_document[j]);
    cells[stats->n_documents + 1] = format_count (n_spans);
    table_add_row (spans, cells);
  }
  table_print (spans, "  ");

  /* Links per label */
  g_print ("\n%s\n", _("Links per label"));
  links->right_aligned[1] = TRUE;
  links->right_aligned[2] = TRUE;
  links->right_aligned[3] = TRUE;
  table_add (links, g_strdup (_("Label")), g_strdup (_("Within a document")),
             g_strdup (_("Across documents")), g_strdup (_("Total")), NULL);
  for (i = 0; i < stats->link_labels->len; i++)
    {
      LabelCount *count = g_ptr_array_index (stats->link_labels, i);

      table_add (links, g_strdup (count->name), format_count (count->within),
                 format_count (count->across), format_count (count->total), NULL);
    }
  table_add (links, g_strdup (_("Total")), format_count (stats->links_within),
             format_count (stats->links_across), format_count (n_links), NULL);
  table_print (links, "  ");
}

/* Prints what @builder holds as pretty JSON on standard output */
static void
print_json_builder (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);

  /* UTF-8 whatever the locale: this is for programs.  Characters that
   * would turn a terminal's text around are written as JSON escapes. */
  {
    GString *safe = g_string_sized_new (strlen (text));

    for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
      {
        gunichar c = g_utf8_get_char (p);

        if (c >= 0x80 && collate_text_is_unsafe_to_show (c))
          g_string_append_printf (safe, "\\u%04x", c);
        else
          g_string_append_len (safe, p, g_utf8_next_char (p) - p);
      }
    g_free (text);
    text = g_string_free (safe, FALSE);
  }
  fputs (text, stdout);
  fputc ('\n', stdout);
}

/* "spans_per_label" and "links_per_label" (within and across documents),
 * for one project's stats and a folder's alike */
static void
add_per_label (JsonBuilder *builder,
               GPtrArray   *span_labels,
               GPtrArray   *link_labels)
{
  json_builder_set_member_name (builder, "spans_per_label");
  json_builder_begin_object (builder);
  for (guint j = 0; j < span_labels->len; j++)
    {
      LabelCount *count = g_ptr_array_index (span_labels, j);

      json_builder_set_member_name (builder, count->name);
      json_builder_add_int_value (builder, count->total);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "links_per_label");
  json_builder_begin_object (builder);
  for (guint j = 0; j < link_labels->len; j++)
    {
      LabelCount *count = g_ptr_array_index (link_labels, j);

      json_builder_set_member_name (builder, count->name);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "total");
      json_builder_add_int_value (builder, count->total);
      json_builder_set_member_name (builder, "within_documents");
      json_builder_add_int_value (builder, count->within);
      json_builder_set_member_name (builder, "across_documents");
      json_builder_add_int_value (builder, count->across);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

static void
stats_print_json (Stats      *stats,
                  const char *path)
{
  CollateProject *project = stats->project;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *file = g_filename_display_name (path);
  guint i, j;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, file);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, collate_project_get_title (project));
  json_builder_set_member_name (builder, "characters");
  json_builder_add_int_value (builder, stats->characters);
  json_builder_set_member_name (builder, "spans");
  json_builder_add_int_value (builder, collate_project_get_n_annotations (project));
  json_builder_set_member_name (builder, "links");
  json_builder_add_int_value (builder, collate_project_get_n_links (project));
  json_builder_set_member_name (builder, "links_within_documents");
  json_builder_add_int_value (builder, stats->links_within);
  json_builder_set_member_name (builder, "links_across_documents");
  json_builder_add_int_value (builder, stats->links_across);

  json_builder_set_member_name (builder, "documents");
  json_builder_begin_array (builder);
  for (i = 0; i < stats->n_documents; i++)
    {
      CollateDocument *document = collate_project_get_document (project, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, collate_document_get_id (document));
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, collate_document_get_title (document));
      json_builder_set_member_name (builder, "source");
      json_builder_add_string_value (builder, collate_document_get_source (document));
      json_builder_set_member_name (builder, "characters");
      json_builder_add_int_value (builder, collate_document_get_length (document));
      json_builder_set_member_name (builder, "bytes");
      json_builder_add_int_value (builder, collate_document_get_byte_length (document));
      json_builder_set_member_name (builder, "spans");
      json_builder_add_int_value (builder, stats->spans_per_document[i]);
      json_builder_set_member_name (builder, "spans_per_label");
      json_builder_begin_object (builder);
      for (j = 0; j < stats->span_labels->len; j++)
        {
          LabelCount *count = g_ptr_array_index (stats->span_labels, j);

          json_builder_set_member_name (builder, count->name);
          json_builder_add_int_value (builder, count->per_document[i]);
        }
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  add_per_label (builder, stats->span_labels, stats->link_labels);
  json_builder_end_object (builder);

  print_json_builder (builder);
}

/* Stats of many projects (a folder): totals, a row per file */
typedef struct
{
  char    *path;
  char    *title;
  guint    documents;
  guint64  characters;
  guint    spans;
  guint    links;
} FileCount;

static void
file_count_free (FileCount *count)
{
  g_free (count->path);
  g_free (count->title);
  g_free (count);
}

typedef struct
{
  GPtrArray *files;        /* of FileCount */
  GPtrArray *span_labels;  /* of LabelCount, in the order first met */
  GPtrArray *link_labels;
  guint      documents;
  guint64    characters;
  guint64    spans;
  guint64    links;
  guint64    links_within;
  guint64    links_across;
} CorpusStats;

static void
corpus_stats_add (CorpusStats *corpus,
                  Stats       *stats,
                  const char  *path)
{
  FileCount *file = g_new0 (FileCount, 1);

  file->path = g_strdup (path);
  file->title = g_strdup (collate_project_get_title (stats->project));
  file->documents = stats->n_documents;
  file->characters = stats->characters;
  file->spans = collate_project_get_n_annotations (stats->project);
  file->links = collate_project_get_n_links (stats->project);
  g_ptr_array_add (corpus->files, file);

  corpus->documents += file->documents;
  corpus->characters += file->characters;
  corpus->spans += file->spans;
  corpus->links += file->links;
  corpus->links_within += stats->links_within;
  corpus->links_across += stats->links_across;
  for (guint i = 0; i < stats->span_labels->len; i++)
    {
      LabelCount *count = g_ptr_array_index (stats->span_labels, i);

      label_counts_find (corpus->span_labels, count->name, 1)->total += count->total;
    }
  for (guint i = 0; i < stats->link_labels->len; i++)
    {
      LabelCount *count = g_ptr_array_index (stats->link_labels, i);
      LabelCount *sum = label_counts_find (corpus->link_labels, count->name, 1);

      sum->total += count->total;
      sum->within += count->within;
      sum->across += count->across;
    }
}

static void
corpus_print_text (CorpusStats *corpus)
{
  g_autoptr(Table) summary = table_new (2);
  g_autoptr(Table) files = table_new (5);
  g_autoptr(Table) spans = table_new (2);
  g_autoptr(Table) links = table_new (4);

  table_add (summary, g_strdup (_("Projects")), format_count (corpus->files->len), NULL);
  table_add (summary, g_strdup (_("Documents")), format_count (corpus->documents), NULL);
  table_add (summary, g_strdup (_("Characters")), format_count (corpus->characters), NULL);
  table_add (summary, g_strdup (_("Spans")), format_count (corpus->spans), NULL);
  table_add (summary, g_strdup (_("Links")), format_count (corpus->links), NULL);
  table_print (summary, "");

  g_print ("\n%s\n", _("Projects"));
  for (guint c = 1; c < 5; c++)
    files->right_aligned[c] = TRUE;
  table_add (files, g_strdup (_("File")), g_strdup (_("Documents")), g_strdup (_("Characters")),
             g_strdup (_("Spans")), g_strdup (_("Links")), NULL);
  for (guint i = 0; i < corpus->files->len; i++)
    {
      FileCount *file = g_ptr_array_index (corpus->files, i);

      table_add (files, collate_cli_display_name (file->path), format_count (file->documents),
                 format_count (file->characters), format_count (file->spans), format_count (file->links), NULL);
    }
  table_add (files, g_strdup (_("Total")), format_count (corpus->documents), format_count (corpus->characters),
             format_count (corpus->spans), format_count (corpus->links), NULL);
  table_print (files, "  ");

  g_print ("\n%s\n", _("Spans per label"));
  spans->right_aligned[1] = TRUE;
  table_add (spans, g_strdup (_("Label")), g_strdup (_("Total")), NULL);
  for (guint i = 0; i < corpus->span_labels->len; i++)
    {
      LabelCount *count = g_ptr_array_index (corpus->span_labels, i);

      table_add (spans, g_strdup (count->name), format_count (count->total), NULL);
    }
  table_add (spans, g_strdup (_("Total")), format_count (corpus->spans), NULL);
  table_print (spans, "  ");

  g_print ("\n%s\n", _("Links per label"));
  for (guint c = 1; c < 4; c++)
    links->right_aligned[c] = TRUE;
  table_add (links, g_strdup (_("Label")), g_strdup (_("Within a document")),
             g_strdup (_("Across documents")), g_strdup (_("Total")), NULL);
  for (guint i = 0; i < corpus->link_labels->len; i++)
    {
      LabelCount *count = g_ptr_array_index (corpus->link_labels, i);

      table_add (links, g_strdup (count->name), format_count (count->within),
                 format_count (count->across), format_count (count->total), NULL);
    }
  table_add (links, g_strdup (_("Total")), format_count (corpus->links_within),
             format_count (corpus->links_across), format_count (corpus->links), NULL);
  table_print (links, "  ");
}

static void
corpus_print_json (CorpusStats *corpus)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "projects");
  json_builder_add_int_value (builder, corpus->files->len);
  json_builder_set_member_name (builder, "documents");
  json_builder_add_int_value (builder, corpus->documents);
  json_builder_set_member_name (builder, "characters");
  json_builder_add_int_value (builder, corpus->characters);
  json_builder_set_member_name (builder, "spans");
  json_builder_add_int_value (builder, corpus->spans);
  json_builder_set_member_name (builder, "links");
  json_builder_add_int_value (builder, corpus->links);
  json_builder_set_member_name (builder, "links_within_documents");
  json_builder_add_int_value (builder, corpus->links_within);
  json_builder_set_member_name (builder, "links_across_documents");
  json_builder_add_int_value (builder, corpus->links_across);

  json_builder_set_member_name (builder, "files");
  json_builder_begin_array (builder);
  for (guint i = 0; i < corpus->files->len; i++)
    {
      FileCount *file = g_ptr_array_index (corpus->files, i);
      g_autofree char *name = g_filename_display_name (file->path);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "file");
      json_builder_add_string_value (builder, name);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, file->title);
      json_builder_set_member_name (builder, "documents");
      json_builder_add_int_value (builder, file->documents);
      json_builder_set_member_name (builder, "characters");
      json_builder_add_int_value (builder, file->characters);
      json_builder_set_member_name (builder, "spans");
      json_builder_add_int_value (builder, file->spans);
      json_builder_set_member_name (builder, "links");
      json_builder_add_int_value (builder, file->links);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  add_per_label (builder, corpus->span_labels, corpus->link_labels);
  json_builder_end_object (builder);

  print_json_builder (builder);
}

/* collate_cli_walk_projects(): one file's counts into the totals */
static gboolean
count_one (const char     *path,
           CollateProject *project,
           const GError   *error,
           gpointer        user_data)
{
  g_autoptr(Stats) stats = NULL;

  if (project == NULL)
    {
      g_autofree char *shown = collate_cli_display_name (path);

      collate_cli_print_error ("%s: %s", shown, without_file_name (error->message, path));
      return FALSE;
    }
  stats = stats_compute (project);
  corpus_stats_add (user_data, stats, path);
  return TRUE;
}

static int
command_stats (int    argc,
               char **argv)
{
  g_auto(GStrv) files = NULL;
  gboolean json = FALSE;
  gboolean progress_asked = FALSE;
  const GOptionEntry entries[] = {
    { "json", 'j', 0, G_OPTION_ARG_NONE, &json,
      N_("Print machine-readable JSON (UTF-8) instead of tables"), NULL },
    { "progress", 0, 0, G_OPTION_ARG_NONE, &progress_asked,
      N_("Show progress on standard error (by default only on a terminal, from 20 projects)"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("PROJECT|FOLDER…") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  CorpusStats corpus = { NULL };
  CollateCliProgress progress;
  gboolean many = FALSE;
  int status = EXIT_OK;

  context = command_context_new (NULL,
                                 N_("Count a project's documents and characters, its spans per label "
                                    "and per document, and its links per label. Given a folder (every "
                                    "project file inside it and the folders inside those) or several "
                                    "files: the totals of all, and a line per file."),
                                 entries);
  if (!command_context_parse (context, "stats", &argc, &argv))
    return EXIT_USAGE;

  if (files == NULL || files[0] == NULL)
    return usage_error ("stats", _("give a project file or a folder of projects"));

  for (guint i = 0; files[i] != NULL; i++)
    many = many || i > 0 || g_file_test (files[i], G_FILE_TEST_IS_DIR);
  if (!collate_cli_expand_inputs ((const char *const *) files, paths))
    return EXIT_BAD_INPUT;

  if (!many)
    {
      g_autoptr(CollateProject) project = load_project (files[0]);
      g_autoptr(Stats) stats = NULL;

      if (project == NULL)
        return EXIT_BAD_INPUT;
      stats = stats_compute (project);
      if (json)
        stats_print_json (stats, files[0]);
      else
        stats_print_text (stats, files[0]);
      return EXIT_OK;
    }

  corpus.files = g_ptr_array_new_with_free_func ((GDestroyNotify) file_count_free);
  corpus.span_labels = g_ptr_array_new_with_free_func ((GDestroyNotify) label_count_free);
  corpus.link_labels = g_ptr_array_new_with_free_func ((GDestroyNotify) label_count_free);
  collate_cli_progress_init (&progress, N_("Counting"), paths->len, progress_asked);
  /* Totals without a file would be wrong: a file that does not load stops */
  if (!collate_cli_walk_projects (paths, &progress, count_one, &corpus))
    status = EXIT_BAD_INPUT;

  if (status == EXIT_OK)
    {
      if (json)
        corpus_print_json (&corpus);
      else
        corpus_print_text (&corpus);
    }
  g_ptr_array_unref (corpus.files);
  g_ptr_array_unref (corpus.span_labels);
  g_ptr_array_unref (corpus.link_labels);
  return status;
}

/* ── main ─────────────────────────────────────────────────────────────── */

static void
print_help (void)
{
  guint i;

  g_print ("%s\n  %s %s\n\n", _("Usage:"), PROGRAM_NAME, _("COMMAND [OPTION…] [ARGUMENT…]"));
  g_print ("%s\n\n", _("Create, check and inspect Collate projects (*.collate.json) without the window."));
  g_print ("%s\n", _("Commands:"));
  for (i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  %-12s %s\n", commands[i].name, _(commands[i].summary));
  g_print ("\n%s\n", _("Options:"));
  g_print ("  -h, --help     %s\n", _("Show this help"));
  g_print ("  --version      %s\n", _("Show the version"));
  g_print ("\n");
  g_print (_("Run “%s COMMAND --help” for the options of a command.\n"), PROGRAM_NAME);
  g_print ("%s\n", _("Exit status: 0 success, 1 bad input or output that could not be written, "
                      "2 wrong usage."));
}

/* @argv[0] is the command's name */
static int
run_command (const CliCommand  *command,
             int                argc,
             char             **argv)
{
  g_autofree char *prgname = g_strdup_printf ("%s %s", PROGRAM_NAME, command->name);

  /* "Usage: collate-cli new [OPTION…] FILE…" in every command's help */
  int status;

  g_set_prgname (prgname);
  status = command->run (argc, argv);
  /* A report that did not reach its reader is a failure too */
  if (!collate_cli_finish_stdout () && status == EXIT_OK)
    status = EXIT_BAD_INPUT;
  return status;
}

/*
 * Large projects on transparent huge pages.  Loading a 46 MB project
 * touches about 150 MB of fresh memory, and where the kernel gives huge
 * pages only on request (transparent_hugepage set to "madvise", as on
 * Debian) each 4 KiB page costs a fault: a fifth of the CPU time of
 * agree, merge and merge-driver on two such files.  The loader asks for
 * huge pages for its own big buffers; glibc's allocator, which holds the
 * rest (spans, links, indexes), does so only when told by the
 * environment (GLIBC_TUNABLES=glibc.malloc.hugetlb=1), which it reads
 * before main() runs.  So a command that loads projects, given project
 * files of HUGE_PAGES_FROM bytes or more in all, runs itself again at
 * once with that tunable added.  Once it is there (or the environment
 * already names it) this does nothing, so it happens once; if the
 * program cannot be run again, it goes on as it is.
 */
#define HUGE_PAGES_FROM (32 * 1024 * 1024)

static void
ask_for_huge_pages (int    argc,
                    char **argv)
{
#if defined(__linux__) && defined(__GLIBC__)
  static const char *const loaders[] = { "validate", "stats", "export", "agree", "merge", "merge-driver" };
  const char *tunables = g_getenv ("GLIBC_TUNABLES");
  g_autofree char *enabled = NULL;
  g_autofree char *with_huge_pages = NULL;
  gboolean loads = FALSE;
  guint64 size = 0;

  if (tunables != NULL && strstr (tunables, "glibc.malloc.hugetlb") != NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (loaders); i++)
    loads = loads || g_str_equal (argv[1], loaders[i]);
  if (!loads)
    return;
  for (int i = 2; i < argc; i++)
    {
      GStatBuf st;

      if (argv[i][0] != '-' && g_stat (argv[i], &st) == 0 && S_ISREG (st.st_mode))
        size += (guint64) st.st_size;
    }
  if (size < HUGE_PAGES_FROM)
    return;
  /* "always" gives them anyway, "never" not at all */
  if (!g_file_get_contents ("/sys/kernel/mm/transparent_hugepage/enabled", &enabled, NULL, NULL)
      || strstr (enabled, "[madvise]") == NULL)
    return;

  with_huge_pages = tunables != NULL && tunables[0] != '\0'
                    ? g_strconcat (tunables, ":glibc.malloc.hugetlb=1", NULL)
                    : g_strdup ("glibc.malloc.hugetlb=1");
  if (!g_setenv ("GLIBC_TUNABLES", with_huge_pages, TRUE))
    return;
  execv ("/proc/self/exe", argv);
  /* Not run again: on as we are, without the tunable for programs we start */
  if (tunables != NULL)
    g_setenv ("GLIBC_TUNABLES", tunables, TRUE);
  else
    g_unsetenv ("GLIBC_TUNABLES");
#endif
}

int
main (int    argc,
      char **argv)
{
  const char *name;
  guint i;

  setlocale (LC_ALL, "");
  /* COLLATE_LOCALEDIR: the translations of a build tree (_build/po), for
   * running and testing it uninstalled */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("COLLATE_LOCALEDIR") ? g_getenv ("COLLATE_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    return usage_error (NULL, _("give a command: new, validate, stats, export, import, suggest, report, agree or merge"));

  ask_for_huge_pages (argc, argv);

  name = argv[1];
  if (g_str_equal (name, "--help") || g_str_equal (name, "-h") || g_str_equal (name, "help"))
    {
      /* "collate-cli help new" is "collate-cli new --help" */
      if (g_str_equal (name, "help") && argc > 2)
        {
          for (i = 0; i < G_N_ELEMENTS (commands); i++)
            if (g_str_equal (argv[2], commands[i].name))
              {
                char *help_argv[] = { argv[2], (char *) "--help", NULL };
                return run_command (&commands[i], 2, help_argv);
              }
          return usage_error (NULL, _("unknown command “%s”"), argv[2]);
        }
      print_help ();
      return EXIT_OK;
    }
  if (g_str_equal (name, "--version") || g_str_equal (name, "-V"))
    {
      g_print ("%s %s\n", PROGRAM_NAME, PACKAGE_VERSION);
      return EXIT_OK;
    }
  if (name[0] == '-')
    return usage_error (NULL, _("unknown option “%s”; give a command first"), name);

  for (i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (name, commands[i].name))
        return run_command (&commands[i], argc - 1, argv + 1);
    }

  return usage_error (NULL, _("unknown command “%s”"), name);
}
