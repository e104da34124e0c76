/* bench-ingest.c — how fast web pages, URLs and PDFs become documents
 *
 * Generates a 5 MB web page (an <article> of news-like paragraphs with
 * links, emphasis and entities, among navigation, share bars, adverts,
 * figures, asides, a script and a footer) and a 200-page PDF drawn with
 * cairo (a running header and footer, page numbers, a word hyphenated at
 * every other line end, paragraph gaps), then times what a person waits
 * for: the page read from memory, from a file and fetched from a server on
 * 127.0.0.1, and the PDF read.  Each is run --repeat times (3) and the
 * middle time reported, with the peak RSS at the end.
 *
 *   bench-ingest [--json] [--megabytes N] [--pages N] [--repeat N]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <libsoup/soup.h>

#include "collate.h"
#include "collate-ingest.h"

#define SEED 20261205

static const char *const words[] = {
  "the", "the", "the", "of", "to", "and", "a", "in", "on", "that", "for", "with", "as", "by",
  "at", "from", "was", "is", "has", "had", "said", "talks", "envoy", "president", "minister",
  "officials", "ceasefire", "border", "negotiations", "delegation", "agreement", "meeting",
  "security", "council", "reconstruction", "sanctions", "frontline", "report", "statement",
  "spokesman", "government", "parliament", "election", "weapons", "energy", "harbour",
  "région", "café", "naïve", "über", "déjà", "façade",
};

static const char *const names[] = {
  "Geneva", "Kyiv", "Moscow", "Istanbul", "Brussels", "Washington", "St. Petersburg",
  "Zelensky", "Erdoğan", "Müller", "Ødegaard", "Nuñez",
};

static double
seconds_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

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

static void
append_sentence (GString *s,
                 GRand   *rand,
                 gboolean markup)
{
  guint n = g_rand_int_range (rand, 8, 24);

  for (guint i = 0; i < n; i++)
    {
      const char *word = g_rand_int_range (rand, 0, 12) == 0
                         ? names[g_rand_int_range (rand, 0, G_N_ELEMENTS (names))]
                         : words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))];

      if (i > 0)
        g_string_append_c (s, ' ');
      if (markup && g_rand_int_range (rand, 0, 40) == 0)
        g_string_append_printf (s, "<a href=\"/topic/%s\">%s</a>", word, word);
      else if (markup && g_rand_int_range (rand, 0, 60) == 0)
        g_string_append_printf (s, "<em>%s</em>", word);
      else if (i == 0)
        {
          g_string_append_unichar (s, g_unichar_toupper (g_utf8_get_char (word)));
          g_string_append (s, g_utf8_next_char (word));
        }
      else
        g_string_append (s, word);
      if (markup && g_rand_int_range (rand, 0, 50) == 0)
        g_string_append (s, " &amp; &#8220;quoted&#8221;");
    }
  g_string_append (s, ". ");
}

/* ── The web page ── */

static GBytes *
make_page (gsize size,
           guint *n_paragraphs)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  GString *s = g_string_new (NULL);

  g_string_append (s,
                   "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                   "<title>Talks go on | Bench News</title>\n"
                   "<link rel=\"canonical\" href=\"https://bench.example/talks\">\n"
                   "<meta property=\"og:site_name\" content=\"Bench News\">\n"
                   "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", "
                   "\"headline\": \"Talks go on\", \"author\": {\"name\": \"B. Marker\"}, "
                   "\"datePublished\": \"2026-12-05T08:00:00Z\"}</script>\n"
                   "<style>body { margin: 0 }</style><script>var t = 1;</script>\n"
                   "</head><body>\n<header class=\"site\"><a href=\"/\">Bench News</a>"
                   "<nav><a href=\"/world\">World</a> <a href=\"/business\">Business</a></nav></header>\n"
                   "<main><article><header><h1>Talks go on</h1></header>\n");
  *n_paragraphs = 0;
  while (s->len < size)
    {
      guint kind = g_rand_int_range (rand, 0, 100);

      if (kind < 2)
        g_string_append (s, "<div class=\"share-bar\"><a href=\"#\">Share</a> <a href=\"#\">Tweet</a></div>\n");
      else if (kind < 4)
        g_string_append (s, "<div class=\"ad advert\"><p>Buy now, limited offer.</p></div>\n");
      else if (kind < 6)
        g_string_append (s, "<figure><img src=\"p.jpg\" alt=\"\"><figcaption>A picture. Photo: Agency"
                            "</figcaption></figure>\n");
      else if (kind < 7)
        g_string_append (s, "<aside class=\"related\"><ul><li><a href=\"/a\">Another story</a></li></ul>"
                            "</aside>\n");
      else if (kind < 10)
        {
          g_string_append (s, "<h2>");
          append_sentence (s, rand, FALSE);
          g_string_append (s, "</h2>\n");
          (*n_paragraphs)++;
        }
      else
        {
          guint sentences = g_rand_int_range (rand, 1, 5);

          g_string_append (s, "<p>");
          for (guint i = 0; i < sentences; i++)
            append_sentence (s, rand, TRUE);
          g_string_append (s, "</p>\n");
          (*n_paragraphs)++;
        }
    }
  g_string_append (s, "</article></main>\n<footer><p>Contact us. Copyright Bench News.</p></footer>\n"
                      "</body></html>\n");
  return g_string_free_to_bytes (s);
}

/* ── The PDF ── */

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
make_pdf (guint  n_pages,
          guint *n_lines)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  GByteArray *out = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_cb, out, 595, 842);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GString) carry = g_string_new (NULL);

  *n_lines = 0;
  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 10);
  for (guint k = 0; k < n_pages; k++)
    {
      g_autofree char *footer = g_strdup_printf ("Page %u of %u", k + 1, n_pages);

      cairo_move_to (cr, 72, 40);
      cairo_show_text (cr, "The Bench Report");
      cairo_move_to (cr, 260, 815);
      cairo_show_text (cr, footer);
      for (double y = 80; y < 780; y += 13)
        {
          g_autoptr(GString) line = NULL;

          /* a paragraph gap, but not inside a hyphenated word */
          if (carry->len == 0 && g_rand_int_range (rand, 0, 12) == 0)
            continue;
          line = g_string_new (carry->str);
          g_string_truncate (carry, 0);
          while (g_utf8_strlen (line->str, -1) < 70)
            {
              if (line->len > 0)
                g_string_append_c (line, ' ');
              g_string_append (line, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
            }
          /* every other line ends in a hyphenated word (not the last) */
          if ((*n_lines) % 2 == 0 && !(k + 1 == n_pages && y + 13 >= 780))
            {
              g_string_append (line, " negoti-");
              g_string_assign (carry, "ations");
            }
          cairo_move_to (cr, 72, y);
          cairo_show_text (cr, line->str);
          (*n_lines)++;
        }
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    g_error ("cairo could not draw the PDF");
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (out);
}

/* ── Fetching from a server on 127.0.0.1 ── */

static void
serve_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  GBytes *page = user_data;

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (page, NULL), g_bytes_get_size (page));
}

static void
fetched_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static CollateDocument *
fetch (const char *url)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CollateDocument *document;

  collate_ingest_url_async (url, "d1", 0, NULL, NULL, NULL, fetched_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  document = collate_ingest_url_finish (result, &error);
  if (document == NULL)
    g_error ("fetching %s: %s", url, error->message);
  return document;
}

/* ── Timing ── */

typedef enum { FROM_MEMORY, FROM_FILE, FROM_URL, PDF } Way;

typedef struct
{
  GBytes     *data;
  const char *path;
  const char *url;
} Inputs;

static CollateDocument *
ingest (Way     way,
        Inputs *in)
{
  g_autoptr(GError) error = NULL;
  CollateDocument *document = NULL;

  switch (way)
    {
    case FROM_MEMORY:
      document = collate_ingest_html (in->data, "d1", "page.html", NULL, NULL, NULL, &error);
      break;
    case FROM_FILE:
    case PDF:
      document = collate_ingest_file (in->path, "d1", &error);
      break;
    case FROM_URL:
      document = fetch (in->url);
      break;
    }
  if (document == NULL)
    g_error ("%s", error->message);
  return document;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The middle of @repeat wall-clock timings, and of the CPU times (this
 * process's: the machine may be busy with other work); the last document in
 * @document */
static double
time_ingest (Way               way,
             Inputs           *in,
             guint             repeat,
             double           *cpu,
             CollateDocument **document)
{
  g_autofree double *times = g_new (double, repeat);
  g_autofree double *cpus = g_new (double, repeat);

  for (guint r = 0; r < repeat; r++)
    {
      gint64 start = g_get_monotonic_time ();
      clock_t c0 = clock ();
      CollateDocument *made = ingest (way, in);

      times[r] = seconds_since (start);
      cpus[r] = (double) (clock () - c0) / CLOCKS_PER_SEC;
      g_clear_object (document);
      *document = made;
    }
  qsort (times, repeat, sizeof (double), compare_doubles);
  qsort (cpus, repeat, sizeof (double), compare_doubles);
  *cpu = cpus[repeat / 2];
  return times[repeat / 2];
}

int
main (int    argc,
      char **argv)
{
  gboolean json = FALSE;
  int megabytes = 5, n_pages = 200, repeat = 3;
  g_autofree char *dir = NULL;
  g_autofree char *page_path = NULL;
  g_autofree char *pdf_path = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GBytes) page = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateDocument) from_memory = NULL;
  g_autoptr(CollateDocument) from_file = NULL;
  g_autoptr(CollateDocument) from_url = NULL;
  g_autoptr(CollateDocument) from_pdf = NULL;
  double t_make_page, t_make_pdf, t_memory, t_file, t_url, t_pdf;
  double c_memory, c_file, c_url, c_pdf;
  guint n_paragraphs, n_lines;
  GSList *uris;
  gint64 start;

  setlocale (LC_ALL, "");
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json"))
        json = TRUE;
      else if (g_str_equal (argv[i], "--megabytes") && i + 1 < argc)
        megabytes = atoi (argv[++i]);
      else if (g_str_equal (argv[i], "--pages") && i + 1 < argc)
        n_pages = atoi (argv[++i]);
      else if (g_str_equal (argv[i], "--repeat") && i + 1 < argc)
        repeat = atoi (argv[++i]);
      else
        {
          fprintf (stderr, "usage: bench-ingest [--json] [--megabytes N] [--pages N] [--repeat N]\n");
          return 2;
        }
    }
  if (megabytes < 1 || n_pages < 1 || repeat < 1)
    {
      fprintf (stderr, "bench-ingest: --megabytes, --pages and --repeat take a number from 1 up\n");
      return 2;
    }

  dir = g_dir_make_tmp ("collate-bench-ingest-XXXXXX", &error);
  g_assert_no_error (error);
  page_path = g_build_filename (dir, "page.html", NULL);
  pdf_path = g_build_filename (dir, "report.pdf", NULL);

  start = g_get_monotonic_time ();
  page = make_page ((gsize) megabytes * 1000 * 1000, &n_paragraphs);
  t_make_page = seconds_since (start);
  start = g_get_monotonic_time ();
  pdf = make_pdf ((guint) n_pages, &n_lines);
  t_make_pdf = seconds_since (start);
  if (!g_file_set_contents (page_path, g_bytes_get_data (page, NULL), g_bytes_get_size (page), &error) ||
      !g_file_set_contents (pdf_path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error))
    g_error ("%s", error->message);

  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, serve_cb, page, NULL);
  if (!soup_server_listen (server, address, 0, &error))
    g_error ("%s", error->message);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%d/talks", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  {
    Inputs html_in = { page, page_path, url };
    Inputs pdf_in = { pdf, pdf_path, NULL };

    t_memory = time_ingest (FROM_MEMORY, &html_in, repeat, &c_memory, &from_memory);
    t_file = time_ingest (FROM_FILE, &html_in, repeat, &c_file, &from_file);
    t_url = time_ingest (FROM_URL, &html_in, repeat, &c_url, &from_url);
    t_pdf = time_ingest (PDF, &pdf_in, repeat, &c_pdf, &from_pdf);
  }
  if (!g_str_equal (collate_document_get_sha256 (from_memory), collate_document_get_sha256 (from_file)) ||
      !g_str_equal (collate_document_get_sha256 (from_memory), collate_document_get_sha256 (from_url)))
    g_error ("the page read three ways gave different texts");
  if (strstr (collate_document_get_text (from_pdf), "negoti-") != NULL)
    g_error ("the PDF's hyphenation was left in");
  if (strstr (collate_document_get_text (from_pdf), "Page 3 of") != NULL ||
      strstr (collate_document_get_text (from_pdf), "The Bench Report") != NULL)
    g_error ("the PDF's running header or footer was left in");

  if (json)
    {
      printf ("{\"page_bytes\": %" G_GSIZE_FORMAT ", \"page_paragraphs\": %u, \"page_characters\": %u,\n",
              g_bytes_get_size (page), n_paragraphs, collate_document_get_length (from_memory));
      printf (" \"html_memory_s\": %.3f, \"html_file_s\": %.3f, \"html_url_s\": %.3f,\n",
              t_memory, t_file, t_url);
      printf (" \"html_memory_cpu_s\": %.3f, \"html_file_cpu_s\": %.3f, \"html_url_cpu_s\": %.3f,"
              " \"pdf_cpu_s\": %.3f,\n", c_memory, c_file, c_url, c_pdf);
      printf (" \"pdf_pages\": %d, \"pdf_lines\": %u, \"pdf_bytes\": %" G_GSIZE_FORMAT
              ", \"pdf_characters\": %u, \"pdf_s\": %.3f, \"peak_rss_mb\": %.1f}\n",
              n_pages, n_lines, g_bytes_get_size (pdf), collate_document_get_length (from_pdf), t_pdf,
              peak_rss_mb ());
    }
  else
    {
      printf ("Generated a %.2f MB web page (%u paragraphs) in %.2f s and a %d-page PDF "
              "(%u lines, %.2f MB) in %.2f s; middle of %d runs:\n\n",
              g_bytes_get_size (page) / 1e6, n_paragraphs, t_make_page, n_pages, n_lines,
              g_bytes_get_size (pdf) / 1e6, t_make_pdf, repeat);
      printf ("| Articles in (`bench-ingest`) | wall | CPU |\n|---|---|---|\n");
      printf ("| web page from memory (%u characters out) | %.3f s | %.3f s |\n",
              collate_document_get_length (from_memory), t_memory, c_memory);
      printf ("| web page from a file (read, sniffed, parsed) | %.3f s | %.3f s |\n", t_file, c_file);
      printf ("| web page fetched from 127.0.0.1 (server in the same process) | %.3f s | %.3f s |\n",
              t_url, c_url);
      printf ("| PDF from a file (%u characters out) | %.3f s | %.3f s |\n",
              collate_document_get_length (from_pdf), t_pdf, c_pdf);
      printf ("| peak RSS | %.0f MB | |\n", peak_rss_mb ());
    }

  soup_server_disconnect (server);
  g_unlink (page_path);
  g_unlink (pdf_path);
  g_rmdir (dir);
  return 0;
}
