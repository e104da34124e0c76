/* bench-core.c — how fast the core builds, saves, loads and changes a large project
 *
 * Generates a project of two 5 MB documents (text with curly quotes, dashes,
 * accents and emoji, so characters and bytes differ), 100,000 spans (some
 * overlapping or nested) and 10,000 links (within and across documents),
 * then times the operations a person waits for and reports the peak RSS.
 *
 * A second project of 100,000 short documents (two spans each) is saved,
 * loaded and changed, and a jsonl file of 1,000,000 short lines imported:
 * neither may grow faster than the number of documents.
 *
 *   bench-core [--json] [--megabytes N] [--spans N] [--links N] [--repeat N]
 *              [--corpus-documents N] [--jsonl-lines N]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "collate.h"

#define SEED 20261123

typedef struct
{
  const char *key;       /* for --json */
  const char *name;      /* for the table */
  double      value;
  const char *unit;      /* "s", "ms", "µs", "MB" */
  double      target;    /* 0: none */
} Figure;

static GArray *figures;  /* of Figure */

static void
add_figure (const char *key,
            const char *name,
            double      value,
            const char *unit,
            double      target)
{
  Figure figure = { key, name, value, unit, target };

  g_array_append_val (figures, figure);
}

static double
seconds_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

/* Peak resident set size in MB, from /proc/self/status; 0 if unknown */
static double
peak_rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmHWM:");
  if (line == NULL)
    return 0;

  return g_ascii_strtod (line + strlen ("VmHWM:"), NULL) / 1024.0;
}

/* ── Text that looks like news ───────────────────────────────────────── */

static const char *const words[] = {
  "the", "the", "the", "of", "to", "and", "a", "in", "on", "that", "for", "with",
  "as", "by", "at", "from", "his", "her", "their", "was", "is", "has", "had",
  "said", "told", "reported", "according", "officials", "envoy", "president",
  "minister", "talks", "meeting", "ceasefire", "agreement", "sanctions",
  "delegation", "Kremlin", "Washington", "Moscow", "Kyiv", "Geneva", "Zürich",
  "São", "Paulo", "Münster", "Kraków", "café", "résumé", "naïve", "coöperation",
  "statement", "spokesperson", "hours", "four-and-a-half-hour", "Thursday",
  "Friday", "February", "April", "officials", "negotiators", "proposal",
  "territory", "prisoners", "exchange", "energy", "infrastructure", "pressure",
  "diplomatic", "senior", "unnamed", "sources", "confirmed", "denied", "urged",
  "warned", "described", "productive", "constructive", "senseless", "crucial",
  "third", "visit", "since", "before", "after", "while", "during", "over",
  "Москва", "переговоры", "Київ", "東京", "会談", "🙂", "👍", "🇺🇦", "🕊️",
};

static const char *const quotes[] = {
  "“Russia has to get moving,”",
  "“very productive,”",
  "‘Get Moving’",
  "“a step — perhaps a small one — toward peace”",
  "“we are not there yet…”",
};

static void
append_sentence (GString *text,
                 GRand   *rand)
{
  guint n = g_rand_int_range (rand, 8, 26);
  guint i;

  for (i = 0; i < n; i++)
    {
      const char *word = words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))];
      guint r = g_rand_int_range (rand, 0, 100);

      if (i > 0)
        g_string_append_c (text, ' ');

      if (r < 3)
        g_string_append (text, quotes[g_rand_int_range (rand, 0, G_N_ELEMENTS (quotes))]);
      else if (r < 6)
        g_string_append (text, "— ");
      else if (r < 8)
        g_string_append_printf (text, "%u–%u", g_rand_int_range (rand, 1, 30),
                                g_rand_int_range (rand, 30, 99));

      if (i == 0)
        {
          gunichar first = g_utf8_get_char (word);

          g_string_append_unichar (text, g_unichar_toupper (first));
          g_string_append (text, g_utf8_next_char (word));
        }
      else
        g_string_append (text, word);

      if (r >= 95)
        g_string_append_c (text, ',');
    }
  g_string_append (text, g_rand_int_range (rand, 0, 10) == 0 ? "?" : ".");
}

/* About @bytes bytes of paragraphs */
static char *
generate_text (gsize  bytes,
               GRand *rand)
{
  GString *text = g_string_sized_new (bytes + 1024);

  while (text->len < bytes)
    {
      guint n = g_rand_int_range (rand, 3, 8);
      guint i;

      for (i = 0; i < n; i++)
        {
          if (i > 0)
            g_string_append_c (text, ' ');
          append_sentence (text, rand);
        }
      g_string_append (text, "\n\n");
    }

  return g_string_free (text, FALSE);
}

/* ── Building the project ────────────────────────────────────────────── */

static const char *const span_labels[] = {
  "Claim", "Person", "Organization", "Location", "Time", "Quantity",
};
static const char *const link_labels[] = {
  "Contradicts", "Corroborates", "Same entity",
};

#define TIMESTAMP "2026-11-23T12:00:00Z"

static CollateProject *
build_project (char    **texts,
               guint     n_documents,
               guint     n_spans,
               guint     n_links,
               GRand    *rand,
               GError  **error)
{
  g_autoptr(CollateProject) project = collate_project_new ("Benchmark", NULL);
  g_autoptr(GPtrArray) span_ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree guint *doc_of_span = g_new0 (guint, n_spans);
  guint64 id = 1;
  guint i;

  for (i = 0; i < n_documents; i++)
    {
      g_autofree char *doc_id = collate_project_next_document_id (project);
      g_autofree char *title = g_strdup_printf ("Generated report %u", i + 1);
      g_autofree char *source = g_strdup_printf ("generated-%u.txt", i + 1);
      g_autoptr(CollateDocument) document = NULL;

      document = collate_document_new (doc_id, title, source, texts[i], -1, error);
      if (document == NULL || !collate_project_add_document (project, document, error))
        return NULL;
    }

  /* Spans spread over the documents; every fifth overlaps or nests in the
   * one before it. */
  for (i = 0; i < n_spans; i++)
    {
      guint doc_index = i % n_documents;
      CollateDocument *document = collate_project_get_document (project, doc_index);
      guint length = collate_document_get_length (document);
      g_autofree char *span_id = g_strdup_printf ("a%" G_GUINT64_FORMAT, id++);
      g_autofree char *quote = NULL;
      g_autoptr(CollateAnnotation) annotation = NULL;
      guint start, end;

      if (i >= n_documents && i % 5 == 0)
        {
          CollateAnnotation *before = collate_project_lookup_annotation (project,
                                                                         g_ptr_array_index (span_ids, i - n_documents));
          start = collate_annotation_get_start (before) + g_rand_int_range (rand, 0, 3);
          end = MIN (collate_annotation_get_end (before) + g_rand_int_range (rand, 0, 20), length);
          if (start >= end)
            end = MIN (start + 1, length);
        }
      else
        {
          start = g_rand_int_range (rand, 0, length - 100);
          end = start + g_rand_int_range (rand, 2, 60);
        }

      quote = collate_document_dup_slice (document, start, end);
      annotation = collate_annotation_new (span_id, collate_document_get_id (document), start, end,
                                           span_labels[g_rand_int_range (rand, 0, G_N_ELEMENTS (span_labels))],
                                           quote, "", NULL, "bench", TIMESTAMP, TIMESTAMP);
      if (!collate_project_insert_annotation (project, annotation, error))
        return NULL;
      g_ptr_array_add (span_ids, g_steal_pointer (&span_id));
      doc_of_span[i] = doc_index;
    }

  /* Links: about two thirds across documents, the rest within one */
  for (i = 0; i < n_links; i++)
    {
      g_autofree char *link_id = g_strdup_printf ("l%" G_GUINT64_FORMAT, id++);
      g_autoptr(CollateLink) link = NULL;
      guint from = g_rand_int_range (rand, 0, n_spans);
      guint to;

      do
        to = g_rand_int_range (rand, 0, n_spans);
      while (to == from ||
             (n_documents > 1 && (i % 3 != 0) == (doc_of_span[to] == doc_of_span[from])));

      link = collate_link_new (link_id,
                               link_labels[g_rand_int_range (rand, 0, G_N_ELEMENTS (link_labels))],
                               g_ptr_array_index (span_ids, from), g_ptr_array_index (span_ids, to),
                               "", "bench", TIMESTAMP, TIMESTAMP);
      if (!collate_project_insert_link (project, link, error))
        return NULL;
    }

  return g_steal_pointer (&project);
}

/* ── Output ──────────────────────────────────────────────────────────── */

static void
print_table (const char *heading)
{
  guint i;

  printf ("%s\n\n", heading);
  printf ("  %-36s %13s   %s\n", "Measure", "Result", "Target");
  for (i = 0; i < figures->len; i++)
    {
      Figure *f = &g_array_index (figures, Figure, i);
      /* The number right-aligned, then its unit in two columns */
      g_autofree char *value = g_strdup_printf ("%.3f %s%s", f->value, f->unit,
                                                g_utf8_strlen (f->unit, -1) == 0 ? "  " :
                                                g_utf8_strlen (f->unit, -1) == 1 ? " " : "");
      g_autofree char *target = f->target > 0 ? g_strdup_printf ("≤ %g %s", f->target, f->unit)
                                              : g_strdup ("");
      const char *verdict = f->target <= 0 ? "" : f->value <= f->target ? "ok" : "OVER TARGET";
      /* printf pads bytes; "µ" and "≤" take two bytes for one column */
      int value_pad = 13 + (int) (strlen (value) - g_utf8_strlen (value, -1));
      int target_pad = 10 + (int) (strlen (target) - g_utf8_strlen (target, -1));

      g_autofree char *line = g_strdup_printf ("  %-36s %*s   %-*s %s", f->name, value_pad, value,
                                               target_pad, target, verdict);

      printf ("%s\n", g_strchomp (line));
    }
}

static void
print_json (guint  n_documents,
            gsize  document_bytes,
            guint  n_spans,
            guint  n_links,
            guint  repeat)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  guint i;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "documents");
  json_builder_add_int_value (builder, n_documents);
  json_builder_set_member_name (builder, "document_bytes");
  json_builder_add_int_value (builder, document_bytes);
  json_builder_set_member_name (builder, "spans");
  json_builder_add_int_value (builder, n_spans);
  json_builder_set_member_name (builder, "links");
  json_builder_add_int_value (builder, n_links);
  json_builder_set_member_name (builder, "repeat");
  json_builder_add_int_value (builder, repeat);
  json_builder_set_member_name (builder, "results");
  json_builder_begin_object (builder);
  for (i = 0; i < figures->len; i++)
    {
      Figure *f = &g_array_index (figures, Figure, i);

      json_builder_set_member_name (builder, f->key);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "value");
      json_builder_add_double_value (builder, f->value);
      json_builder_set_member_name (builder, "unit");
      json_builder_add_string_value (builder, f->unit);
      if (f->target > 0)
        {
          json_builder_set_member_name (builder, "target");
          json_builder_add_double_value (builder, f->target);
          json_builder_set_member_name (builder, "ok");
          json_builder_add_boolean_value (builder, f->value <= f->target);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  fputs (text, stdout);
  fputc ('\n', stdout);
}

/* ── Datasets ─────────────────────────────────────────────────────────── */

static gboolean
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children = NULL;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children != NULL)
    {
      GFileInfo *info;

      while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
        {
          g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));

          remove_tree (child);
          g_object_unref (info);
        }
    }

  return g_file_delete (file, NULL, NULL);
}

/* Figures keep their names until the program ends */
static const char *
figure_name (const char *prefix,
             const char *format)
{
  g_autofree char *name = g_strconcat (prefix, format, NULL);

  return g_intern_string (name);
}

/* Times every export of @project and, for the formats Collate reads back,
 * the import of what was written. */
static gboolean
bench_datasets (CollateProject *project,
                const char     *tmp_dir,
                GError        **error)
{
  const CollateExportFormat *const *formats = collate_export_list_formats ();
  guint i;

  for (i = 0; formats[i] != NULL; i++)
    {
      const CollateExportFormat *format = formats[i];
      g_autoptr(CollateExportOptions) options = collate_export_options_new (format->name);
      g_autofree char *name = g_strconcat ("bench", format->extension ? format->extension : "", NULL);
      g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
      g_autoptr(GFile) destination = g_file_new_for_path (path);
      gint64 start = g_get_monotonic_time ();

      if (!collate_export_to_file (project, options, destination, NULL, NULL, NULL, NULL, error))
        return FALSE;
      add_figure (figure_name ("export_", format->name), figure_name ("export ", format->name),
                  seconds_since (start), "s", 1.0);

      if (format->can_import)
        {
          g_autoptr(CollateProject) imported = NULL;
          GFile *inputs[1] = { destination };

          start = g_get_monotonic_time ();
          imported = collate_import_files (format->name, inputs, 1, NULL, NULL, error);
          if (imported == NULL)
            return FALSE;
          add_figure (figure_name ("import_", format->name), figure_name ("import ", format->name),
                      seconds_since (start), "s", 1.0);
        }

      remove_tree (destination);
    }

  return TRUE;
}

/* ── Many short documents ────────────────────────────────────────────── */

/* The code points of @text up to its first space (the first word) */
static guint
first_word_length (const char *text)
{
  const char *space = strchr (text, ' ');

  return (guint) g_utf8_strlen (text, space != NULL ? (gssize) (space - text) : -1);
}

/* A corpus as teams build them: @n_documents short reports of one or two
 * sentences, two spans each (the first word, and a stretch further on).
 * Saved, then loaded and changed: load, and each change, must not grow
 * with the number of documents. */
static gboolean
bench_corpus (guint         n_documents,
              int           repeat,
              const char   *tmp_dir,
              GRand        *rand,
              GError      **error)
{
  g_autoptr(CollateProject) built = collate_project_new ("Many documents", NULL);
  g_autoptr(CollateProject) project = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "corpus.collate.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_free);
  GString *text = g_string_new (NULL);
  guint64 id = 1;
  gint64 start;
  goffset size;

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n_documents; i++)
    {
      g_autofree char *doc_id = g_strdup_printf ("d%" G_GUINT64_FORMAT, id++);
      g_autofree char *title = g_strdup_printf ("Report %u", i + 1);
      g_autoptr(CollateDocument) document = NULL;
      guint length, spans[2][2];

      g_string_truncate (text, 0);
      append_sentence (text, rand);
      if (g_rand_boolean (rand))
        {
          g_string_append_c (text, ' ');
          append_sentence (text, rand);
        }
      document = collate_document_new (doc_id, title, "corpus.txt", text->str, text->len, error);
      if (document == NULL || !collate_project_add_document (built, document, error))
        return FALSE;
      length = collate_document_get_length (document);
      spans[0][0] = 0;
      spans[0][1] = first_word_length (text->str);
      spans[1][0] = g_rand_int_range (rand, 0, length - 1);
      spans[1][1] = spans[1][0] + g_rand_int_range (rand, 1, 30);
      spans[1][1] = MIN (spans[1][1], length);
      for (guint k = 0; k < 2; k++)
        {
          g_autofree char *span_id = g_strdup_printf ("a%" G_GUINT64_FORMAT, id++);
          g_autofree char *quote = collate_document_dup_slice (document, spans[k][0], spans[k][1]);
          g_autoptr(CollateAnnotation) annotation =
            collate_annotation_new (span_id, doc_id, spans[k][0], spans[k][1],
                                    span_labels[(i + k) % G_N_ELEMENTS (span_labels)],
                                    quote, "", NULL, "bench", TIMESTAMP, TIMESTAMP);

          if (!collate_project_insert_annotation (built, annotation, error))
            return FALSE;
        }
    }
  g_string_free (text, TRUE);
  add_figure ("corpus_build", "corpus: build", seconds_since (start), "s", 0);

  start = g_get_monotonic_time ();
  if (!collate_project_save_file (built, file, NULL, NULL, NULL, error))
    return FALSE;
  add_figure ("corpus_save", "corpus: save", seconds_since (start), "s", 0);
  g_clear_object (&built);
  {
    g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                   G_FILE_QUERY_INFO_NONE, NULL, error);

    if (info == NULL)
      return FALSE;
    size = g_file_info_get_size (info);
  }
  add_figure ("corpus_file_size", "corpus: file size", size / (1024.0 * 1024.0), "MB", 0);

  start = g_get_monotonic_time ();
  project = collate_project_load_file (file, NULL, NULL, error);
  if (project == NULL)
    return FALSE;
  add_figure ("corpus_load", "corpus: load", seconds_since (start), "s", 2.0);
  g_unlink (path);

  /* Changes in documents all over the list */
  start = g_get_monotonic_time ();
  for (int i = 0; i < repeat; i++)
    {
      CollateDocument *document = collate_project_get_document (project,
                                                                g_rand_int_range (rand, 0, n_documents));
      guint length = collate_document_get_length (document);
      guint span_start = g_rand_int_range (rand, 0, length - 1);
      CollateAnnotation *annotation =
        collate_project_add_span (project, collate_document_get_id (document), span_start,
                                  span_start + 1, "Quantity", error);

      if (annotation == NULL)
        {
          /* that character is already a Quantity: try another */
          if (!g_error_matches (*error, COLLATE_ERROR, COLLATE_ERROR_EXISTS))
            return FALSE;
          g_clear_error (error);
          continue;
        }
      g_ptr_array_add (added, g_strdup (collate_annotation_get_id (annotation)));
    }
  add_figure ("corpus_add_span_ms", "corpus: add one span (average)",
              seconds_since (start) * 1000 / MAX (added->len, 1), "ms", 5);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < added->len; i++)
    if (!collate_project_remove_annotation (project, g_ptr_array_index (added, i), error))
      return FALSE;
  add_figure ("corpus_remove_span_ms", "corpus: remove one span (average)",
              seconds_since (start) * 1000 / MAX (added->len, 1), "ms", 5);
  return TRUE;
}

/* A jsonl file of @n_lines short records, one span each, imported */
static gboolean
bench_jsonl_lines (guint        n_lines,
                   const char  *tmp_dir,
                   GRand       *rand,
                   GError     **error)
{
  g_autofree char *path = g_build_filename (tmp_dir, "lines.jsonl", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(CollateProject) project = NULL;
  GString *text = g_string_new (NULL);
  GString *buffer = g_string_new (NULL);
  GFile *inputs[1] = { file };
  gint64 start;

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);
  if (stream == NULL)
    return FALSE;
  for (guint i = 0; i < n_lines; i++)
    {
      g_string_truncate (text, 0);
      append_sentence (text, rand);
      g_string_append (buffer, "{\"text\": \"");
      g_string_append (buffer, text->str);  /* no '"' or '\\' in generated text */
      g_string_append_printf (buffer, "\", \"spans\": [{\"start\": 0, \"end\": %u, \"label\": \"%s\"}]}\n",
                              first_word_length (text->str),
                              span_labels[i % G_N_ELEMENTS (span_labels)]);
      if (buffer->len > (1 << 20) || i + 1 == n_lines)
        {
          if (!g_output_stream_write_all (G_OUTPUT_STREAM (stream), buffer->str, buffer->len,
                                          NULL, NULL, error))
            return FALSE;
          g_string_truncate (buffer, 0);
        }
    }
  g_string_free (text, TRUE);
  g_string_free (buffer, TRUE);
  if (!g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error))
    return FALSE;

  start = g_get_monotonic_time ();
  project = collate_import_files ("jsonl", inputs, 1, NULL, NULL, error);
  g_unlink (path);
  if (project == NULL)
    return FALSE;
  add_figure ("import_jsonl_lines", "import jsonl, one document a line", seconds_since (start), "s", 0);
  if (collate_project_get_n_documents (project) != n_lines)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_FAILED,
                   "%u documents imported from %u lines", collate_project_get_n_documents (project), n_lines);
      return FALSE;
    }
  return TRUE;
}

/* ── main ────────────────────────────────────────────────────────────── */

static int
fail (const char *what,
      GError     *error)
{
  g_printerr ("bench-core: %s: %s\n", what, error != NULL ? error->message : "failed");
  return 1;
}

int
main (int    argc,
      char **argv)
{
  gboolean json = FALSE;
  gboolean no_datasets = FALSE;
  g_autofree char *keep = NULL;
  int megabytes = 5;
  int n_spans = 100000;
  int n_links = 10000;
  int repeat = 1000;
  int corpus_documents = 100000;
  int jsonl_lines = 1000000;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print the figures as JSON", NULL },
    { "megabytes", 0, 0, G_OPTION_ARG_INT, &megabytes, "Size of each of the two documents (default 5)", "N" },
    { "spans", 0, 0, G_OPTION_ARG_INT, &n_spans, "Number of spans (default 100000)", "N" },
    { "links", 0, 0, G_OPTION_ARG_INT, &n_links, "Number of links (default 10000)", "N" },
    { "repeat", 0, 0, G_OPTION_ARG_INT, &repeat, "Changes to average over (default 1000)", "N" },
    { "no-datasets", 0, 0, G_OPTION_ARG_NONE, &no_datasets, "Skip timing the exports and imports", NULL },
    { "save", 0, 0, G_OPTION_ARG_FILENAME, &keep, "Also save the generated project as FILE", "FILE" },
    { "corpus-documents", 0, 0, G_OPTION_ARG_INT, &corpus_documents,
      "Documents of the many-documents project (default 100000; 0 skips it)", "N" },
    { "jsonl-lines", 0, 0, G_OPTION_ARG_INT, &jsonl_lines,
      "Lines of the jsonl import of many short lines (default 1000000; 0 skips it)", "N" },
    G_OPTION_ENTRY_NULL
  };
  const guint n_documents = 2;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autoptr(CollateProject) built = NULL;
  g_autoptr(CollateProject) project = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) added = NULL;
  g_autofree char *tmp_dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *heading = NULL;
  char *texts[2] = { NULL, NULL };
  gsize document_bytes;
  guint64 found = 0;
  gint64 start;
  double file_mb;
  int i;

  setlocale (LC_ALL, "");
  figures = g_array_new (FALSE, FALSE, sizeof (Figure));

  g_option_context_set_summary (context, "Time the Collate core on a large generated project.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-core: %s\n", error->message);
      return 2;
    }
  if (megabytes < 1 || n_spans < 10 || n_links < 0 || repeat < 1 || n_links > n_spans
      || corpus_documents < 0 || jsonl_lines < 0)
    {
      g_printerr ("bench-core: --megabytes ≥ 1, --spans ≥ 10, 0 ≤ --links ≤ --spans, --repeat ≥ 1, "
                  "--corpus-documents ≥ 0, --jsonl-lines ≥ 0\n");
      return 2;
    }
  document_bytes = (gsize) megabytes * 1024 * 1024;

  /* Generate */
  start = g_get_monotonic_time ();
  for (i = 0; i < (int) n_documents; i++)
    texts[i] = generate_text (document_bytes, rand);
  add_figure ("generate_text", "generate text", seconds_since (start), "s", 0);

  /* Build */
  start = g_get_monotonic_time ();
  built = build_project (texts, n_documents, n_spans, n_links, rand, &error);
  if (built == NULL)
    return fail ("build", error);
  add_figure ("build", "build (documents, spans, links)", seconds_since (start), "s", 0);
  add_figure ("document_characters", "characters in document 1 (millions)",
              collate_document_get_length (collate_project_get_document (built, 0)) / 1e6, "", 0);
  add_figure ("document_megabytes", "bytes in document 1 (MB)",
              collate_document_get_byte_length (collate_project_get_document (built, 0)) / (1024.0 * 1024.0),
              "MB", 0);
  for (i = 0; i < (int) n_documents; i++)
    g_free (texts[i]);

  /* Serialise and save */
  start = g_get_monotonic_time ();
  bytes = collate_project_to_bytes (built);
  add_figure ("serialize", "serialise (to_bytes)", seconds_since (start), "s", 0);
  file_mb = g_bytes_get_size (bytes) / (1024.0 * 1024.0);
  g_clear_pointer (&bytes, g_bytes_unref);

  tmp_dir = g_dir_make_tmp ("collate-bench-XXXXXX", &error);
  if (tmp_dir == NULL)
    return fail ("temporary folder", error);
  path = g_build_filename (tmp_dir, "bench.collate.json", NULL);
  file = g_file_new_for_path (path);

  start = g_get_monotonic_time ();
  if (!collate_project_save_file (built, file, NULL, NULL, NULL, &error))
    return fail ("save", error);
  add_figure ("save", "save (save_file)", seconds_since (start), "s", 0.5);
  add_figure ("file_size", "file size", file_mb, "MB", 0);
  if (keep != NULL)
    {
      g_autoptr(GFile) kept = g_file_new_for_commandline_arg (keep);

      if (!collate_project_save_file (built, kept, NULL, NULL, NULL, &error))
        return fail ("save", error);
    }
  g_clear_object (&built);

  /* Load */
  start = g_get_monotonic_time ();
  project = collate_project_load_file (file, NULL, NULL, &error);
  if (project == NULL)
    return fail ("load", error);
  add_figure ("load", "load (load_file)", seconds_since (start), "s", 1.0);
  g_unlink (path);

  if (collate_project_get_n_annotations (project) != (guint) n_spans ||
      collate_project_get_n_links (project) != (guint) n_links)
    {
      g_printerr ("bench-core: the loaded project has %u spans and %u links, not %d and %d\n",
                  collate_project_get_n_annotations (project),
                  collate_project_get_n_links (project), n_spans, n_links);
      return 1;
    }

  /* Add one span, many times */
  added = g_ptr_array_new_with_free_func (g_free);
  {
    g_autoptr(GRand) positions = g_rand_new_with_seed (SEED + 1);

    start = g_get_monotonic_time ();
    for (i = 0; i < repeat; i++)
      {
        CollateDocument *document = collate_project_get_document (project, i % n_documents);
        guint length = collate_document_get_length (document);
        guint span_start = g_rand_int_range (positions, 0, length - 100);
        CollateAnnotation *annotation;

        annotation = collate_project_add_span (project, collate_document_get_id (document),
                                               span_start, span_start + g_rand_int_range (positions, 2, 60),
                                               span_labels[i % G_N_ELEMENTS (span_labels)], &error);
        if (annotation == NULL)
          return fail ("add span", error);
        g_ptr_array_add (added, g_strdup (collate_annotation_get_id (annotation)));
      }
    add_figure ("add_span_ms", "add one span (average)", seconds_since (start) * 1000 / repeat, "ms", 5);
  }

  /* Remove one span, many times */
  start = g_get_monotonic_time ();
  for (i = 0; i < repeat; i++)
    if (!collate_project_remove_annotation (project, g_ptr_array_index (added, i), &error))
      return fail ("remove span", error);
  add_figure ("remove_span_ms", "remove one span (average)", seconds_since (start) * 1000 / repeat, "ms", 5);

  /* Undo the removals, redo them */
  start = g_get_monotonic_time ();
  for (i = 0; i < repeat; i++)
    if (!collate_project_undo (project))
      return fail ("undo", NULL);
  add_figure ("undo_ms", "undo one change (average)", seconds_since (start) * 1000 / repeat, "ms", 5);

  start = g_get_monotonic_time ();
  for (i = 0; i < repeat; i++)
    if (!collate_project_redo (project))
      return fail ("redo", NULL);
  add_figure ("redo_ms", "redo one change (average)", seconds_since (start) * 1000 / repeat, "ms", 5);

  if (collate_project_get_n_annotations (project) != (guint) n_spans)
    {
      g_printerr ("bench-core: after undo and redo the project has %u spans, not %d\n",
                  collate_project_get_n_annotations (project), n_spans);
      return 1;
    }

  /* Remove a span that has links: the links go with it, as one change */
  {
    GListModel *links = collate_project_get_links (project);
    g_autoptr(CollateLink) link = g_list_model_get_item (links, 0);
    g_autofree char *from = link != NULL ? g_strdup (collate_link_get_from (link)) : NULL;

    if (from != NULL)
      {
        start = g_get_monotonic_time ();
        if (!collate_project_remove_annotation (project, from, &error))
          return fail ("remove linked span", error);
        add_figure ("remove_linked_span_ms", "remove a linked span (once)",
                    seconds_since (start) * 1000, "ms", 5);
      }
  }

  /* Which spans cover an offset */
  {
    g_autoptr(GRand) positions = g_rand_new_with_seed (SEED + 2);
    const int queries = 100 * repeat;

    start = g_get_monotonic_time ();
    for (i = 0; i < queries; i++)
      {
        CollateDocument *document = collate_project_get_document (project, i % n_documents);
        g_autoptr(GPtrArray) spans = NULL;

        spans = collate_project_get_spans_at (project, collate_document_get_id (document),
                                              g_rand_int_range (positions, 0, collate_document_get_length (document)));
        found += spans->len;
      }
    add_figure ("spans_at_us", "spans_at query (average)", seconds_since (start) * 1e6 / queries, "µs", 0);
    add_figure ("spans_at_hits", "spans found per query (average)", (double) found / queries, "", 0);
  }

  add_figure ("peak_rss_mb", "peak RSS (VmHWM)", peak_rss_mb (), "MB", 512);

  if (!no_datasets)
    {
      if (!bench_datasets (project, tmp_dir, &error))
        return fail ("datasets", error);
      add_figure ("peak_rss_datasets_mb", "peak RSS with exports and imports", peak_rss_mb (), "MB", 0);
    }
  g_clear_object (&project);

  if (corpus_documents > 0 && !bench_corpus (corpus_documents, repeat, tmp_dir, rand, &error))
    return fail ("many documents", error);
  if (jsonl_lines > 0)
    {
      if (!bench_jsonl_lines (jsonl_lines, tmp_dir, rand, &error))
        return fail ("jsonl of many lines", error);
      add_figure ("peak_rss_lines_mb", "peak RSS with that import", peak_rss_mb (), "MB", 0);
    }
  g_rmdir (tmp_dir);

  if (json)
    print_json (n_documents, document_bytes, n_spans, n_links, repeat);
  else
    {
      heading = g_strdup_printf ("Collate core benchmark: %u documents of %d MB, %d spans, %d links; "
                                 "changes averaged over %d; corpus: %d short documents, 2 spans each; "
                                 "jsonl: %d lines",
                                 n_documents, megabytes, n_spans, n_links, repeat,
                                 corpus_documents, jsonl_lines);
      print_table (heading);
    }

  g_array_unref (figures);
  return 0;
}
