/* test-cli-ingest.c — collate-cli new with web pages, PDFs and URLs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "collate.h"
#include "../collate-test-pdf.h"
#include "../collate-test-proxy.h"
#include "collate-test-cli.h"

static const char page[] =
  "<!DOCTYPE html><html><head><title>Talks end - Example News</title>"
  "<link rel=\"canonical\" href=\"https://news.example/talks-end\">"
  "<meta property=\"og:site_name\" content=\"Example News\">"
  "<meta name=\"author\" content=\"Ann Otator\">"
  "<meta property=\"article:published_time\" content=\"2025-04-11T18:02:00Z\"></head>"
  "<body><nav><a href=\"/\">Home</a></nav>"
  "<article><h1>Talks end after four hours</h1>"
  "<p>The talks ended after more than four hours, officials said.</p>"
  "<div class=\"social-share\">Share this</div>"
  "<p>No statement followed.</p></article>"
  "<footer>Contact us</footer></body></html>";

/* ── A web server on the loopback address, in a thread of its own ── */

typedef struct
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  GMutex        mutex;
  GCond         cond;
  char         *base;
} PageServer;

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  if (strcmp (path, "/talks") == 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_STATIC,
                                        page, strlen (page));
    }
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static gpointer
server_thread (gpointer data)
{
  PageServer *s = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  SoupServer *server;
  GSList *uris;

  g_main_context_push_thread_default (s->context);
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, server_cb, NULL, NULL);
  soup_server_listen (server, address, 0, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);

  g_mutex_lock (&s->mutex);
  s->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_cond_signal (&s->cond);
  g_mutex_unlock (&s->mutex);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (s->loop);
  soup_server_disconnect (server);
  g_object_unref (server);
  g_main_context_pop_thread_default (s->context);
  return NULL;
}

static void
page_server_start (PageServer *s)
{
  g_mutex_init (&s->mutex);
  g_cond_init (&s->cond);
  s->context = g_main_context_new ();
  s->loop = g_main_loop_new (s->context, FALSE);
  s->base = NULL;
  s->thread = g_thread_new ("page-server", server_thread, s);
  g_mutex_lock (&s->mutex);
  while (s->base == NULL)
    g_cond_wait (&s->cond, &s->mutex);
  g_mutex_unlock (&s->mutex);
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
page_server_stop (PageServer *s)
{
  g_main_context_invoke (s->context, quit_cb, s->loop);
  g_thread_join (s->thread);
  g_main_loop_unref (s->loop);
  g_main_context_unref (s->context);
  g_free (s->base);
  g_mutex_clear (&s->mutex);
  g_cond_clear (&s->cond);
}

/* ── A PDF ── */

static void
write_pdf (const char *path)
{
  GByteArray *out = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (test_pdf_append, out, 595, 842);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 12);
  cairo_move_to (cr, 72, 100);
  cairo_show_text (cr, "Statement on the talks");
  cairo_move_to (cr, 72, 140);
  cairo_show_text (cr, "The ministry confirmed the meeting.");
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  bytes = g_byte_array_free_to_bytes (out);
  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
}

/* A saved page, a PDF and a URL in one project, each with its provenance */
static void
test_new_page_pdf_url (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *html = g_build_filename (dir, "talks.html", NULL);
  g_autofree char *pdf = g_build_filename (dir, "statement.pdf", NULL);
  g_autofree char *out = g_build_filename (dir, "talks.collate.json", NULL);
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) run = { 0 };
  g_auto(Run) validate = { 0 };
  PageServer server;
  JsonObject *root;
  JsonArray *documents;
  JsonObject *d1, *d2, *d3, *m1, *m2, *m3;

  g_file_set_contents (html, page, -1, &error);
  g_assert_no_error (error);
  write_pdf (pdf);
  page_server_start (&server);
  url = g_strconcat (server.base, "/talks", NULL);

  run_cli (&run, "new", "-o", out, html, pdf, url, NULL);
  page_server_stop (&server);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_nonnull (strstr (run.out, "3 documents"));

  json_parser_load_from_file (parser, out, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (root, "title"), ==, "Talks end after four hours");
  documents = json_object_get_array_member (root, "documents");
  g_assert_cmpuint (json_array_get_length (documents), ==, 3);
  d1 = json_array_get_object_element (documents, 0);
  d2 = json_array_get_object_element (documents, 1);
  d3 = json_array_get_object_element (documents, 2);
  m1 = json_object_get_object_member (d1, "metadata");
  m2 = json_object_get_object_member (d2, "metadata");
  m3 = json_object_get_object_member (d3, "metadata");

  g_assert_cmpstr (json_object_get_string_member (d1, "text"), ==,
                   "Talks end after four hours\n\n"
                   "The talks ended after more than four hours, officials said.\n\n"
                   "No statement followed.\n");
  g_assert_cmpstr (json_object_get_string_member (m1, "url"), ==, "https://news.example/talks-end");
  g_assert_cmpstr (json_object_get_string_member (m1, "publisher"), ==, "Example News");
  g_assert_cmpstr (json_object_get_string_member (m1, "author"), ==, "Ann Otator");
  g_assert_cmpstr (json_object_get_string_member (m1, "published"), ==, "2025-04-11T18:02:00Z");

  g_assert_cmpstr (json_object_get_string_member (d2, "text"), ==,
                   "Statement on the talks\n\nThe ministry confirmed the meeting.\n");
  g_assert_cmpstr (json_object_get_string_member (m2, "pages"), ==, "0");
  g_assert_cmpstr (json_object_get_string_member (m2, "media_type"), ==, "application/pdf");

  /* the same page from the server: the same text and checksum */
  g_assert_cmpstr (json_object_get_string_member (d3, "source"), ==, url);
  g_assert_cmpstr (json_object_get_string_member (d3, "text"), ==,
                   json_object_get_string_member (d1, "text"));
  g_assert_cmpstr (json_object_get_string_member (m3, "page_sha256"), ==,
                   json_object_get_string_member (m1, "page_sha256"));

  run_cli (&validate, "validate", out, NULL);
  g_assert_cmpint (validate.status, ==, 0);

  /* exported and imported again, the documents keep their metadata */
  {
    static const char * const formats[] = { "jsonl", "label-studio" };

    for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
      {
        g_autofree char *format = g_strconcat ("--format=", formats[f], NULL);
        g_autofree char *exported = g_strdup_printf ("%s/export-%s", dir, formats[f]);
        g_autofree char *back = g_strdup_printf ("%s/back-%s.collate.json", dir, formats[f]);
        g_autoptr(JsonParser) again = json_parser_new ();
        g_auto(Run) export_run = { 0 };
        g_auto(Run) import_run = { 0 };
        JsonArray *back_documents;

        run_cli (&export_run, "export", format, "-o", exported, out, NULL);
        g_assert_cmpint (export_run.status, ==, 0);
        run_cli (&import_run, "import", format, "-o", back, exported, NULL);
        g_assert_cmpint (import_run.status, ==, 0);
        json_parser_load_from_file (again, back, &error);
        g_assert_no_error (error);
        back_documents = json_object_get_array_member (json_node_get_object (json_parser_get_root (again)),
                                                       "documents");
        g_assert_cmpuint (json_array_get_length (back_documents), ==, 3);
        for (guint i = 0; i < 3; i++)
          {
            JsonNode *want = json_object_get_member (json_array_get_object_element (documents, i), "metadata");
            JsonNode *got = json_object_get_member (json_array_get_object_element (back_documents, i),
                                                    "metadata");
            g_autofree char *want_text = json_to_string (want, FALSE);
            g_autofree char *got_text = got != NULL ? json_to_string (got, FALSE) : g_strdup ("(none)");

            g_assert_cmpstr (got_text, ==, want_text);
          }
      }
  }

  collate_file_remove_tree (dir);
}

static void
test_new_url_errors (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *out = g_build_filename (dir, "p.collate.json", NULL);
  g_autofree char *missing = NULL;
  g_autofree char *expected = NULL;
  g_auto(Run) run = { 0 };
  g_auto(Run) no_output = { 0 };
  PageServer server;

  page_server_start (&server);
  missing = g_strconcat (server.base, "/gone", NULL);
  run_cli (&run, "new", "-o", out, missing, NULL);
  page_server_stop (&server);
  g_assert_cmpint (run.status, ==, 1);
  expected = g_strdup_printf ("collate-cli: %s: the server has no such page (HTTP 404 Not Found)\n"
                              "collate-cli: nothing was written\n", missing);
  g_assert_cmpstr (run.err, ==, expected);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  run_cli (&no_output, "new", "https://news.example/a", NULL);
  g_assert_cmpint (no_output.status, ==, 2);
  g_assert_nonnull (strstr (no_output.err, "give --output when the first input is a URL"));

  collate_file_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  test_proxy_init ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/new/page-pdf-url", test_new_page_pdf_url);
  g_test_add_func ("/cli/new/url-errors", test_new_url_errors);

  return g_test_run ();
}
