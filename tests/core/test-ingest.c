/* test-ingest.c — articles in: web pages, PDFs and URLs made by the test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "collate.h"
#include "../collate-test-pdf.h"
#include "../collate-test-proxy.h"

/* ── Web pages ── */

/* An article in the usual furniture: navigation, a cookie banner, share
 * buttons, related links, a script, a style, comments and a footer */
static const char article_page[] =
  "<!DOCTYPE html>\n"
  "<html lang=\"en\"><head>\n"
  "<meta charset=\"utf-8\">\n"
  "<title>Envoy meets president in St. Petersburg | Example News</title>\n"
  "<link rel=\"canonical\" href=\"/world/envoy-meets-president\">\n"
  "<meta property=\"og:site_name\" content=\"Example News\">\n"
  "<meta property=\"og:title\" content=\"Envoy meets president (og)\">\n"
  "<meta name=\"author\" content=\"Ann Otator\">\n"
  "<script type=\"application/ld+json\">{\"@context\": \"https://schema.org\", \"@type\": \"NewsArticle\","
  " \"headline\": \"Envoy meets president\", \"datePublished\": \"2025-04-11T18:02:00Z\","
  " \"author\": [{\"@type\": \"Person\", \"name\": \"Ann Otator\"}]}</script>\n"
  "<style>body { font-family: serif } .STYLETEXT {}</style>\n"
  "<script>var tracker = 'SCRIPTTEXT';</script>\n"
  "</head><body>\n"
  "<header class=\"site-header\"><a href=\"/\">Example News</a>\n"
  "  <nav><ul><li><a href=\"/world\">World</a></li><li><a href=\"/sport\">Sport</a></li></ul></nav></header>\n"
  "<div class=\"cookie-banner\">We use cookies. <button>Accept</button></div>\n"
  "<div class=\"site-content has-sidebar\">\n"
  "<main>\n"
  "<article>\n"
  "  <h1>Envoy meets president in St.&nbsp;Petersburg</h1>\n"
  "  <div class=\"share-bar\"><a>Share on Facebook</a> <a>Tweet</a></div>\n"
  "  <p>The envoy held a <em>four-and-a-half-hour</em> meeting\n   with the president on Friday.</p>\n"
  "  <div class=\"ad\">ADVERT: buy now</div>\n"
  "  <p>It was the third visit to Russia this year, <a href=\"/x\">officials said</a>.</p>\n"
  "  <figure><img src=\"a.jpg\"><figcaption>Photo caption</figcaption></figure>\n"
  "  <h2>What comes next</h2>\n"
  "  <p>Talks continue “next week” — in Moscow.</p>\n"
  "  <aside><h3>Related stories</h3><p>Another story</p></aside>\n"
  "</article>\n"
  "<section id=\"comments\"><h2>Comments</h2><form><textarea>Leave a comment</textarea></form>\n"
  "  <p>First!</p></section>\n"
  "</main>\n"
  "<div class=\"sidebar\"><h2>Most read</h2><p>Elsewhere</p></div>\n"
  "</div>\n"
  "<footer><p>&copy; Example News. All rights reserved.</p></footer>\n"
  "<!-- a comment -->\n"
  "</body></html>\n";

static CollateDocument *
html_document (const char  *page,
               const char  *url,
               GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (page, strlen (page));
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 12, 5, 20, 41, 7);

  return collate_ingest_html (bytes, "d1", "page.html", url, NULL, when, error);
}

static void
test_html_article (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateDocument) document = html_document (article_page, "https://news.example/world/envoy?utm=1", &error);
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, article_page, -1);

  g_assert_no_error (error);
  g_assert_cmpstr (collate_document_get_title (document), ==, "Envoy meets president in St. Petersburg");
  g_assert_cmpstr (collate_document_get_source (document), ==, "page.html");
  g_assert_cmpstr (collate_document_get_text (document), ==,
                   "Envoy meets president in St. Petersburg\n\n"
                   "The envoy held a four-and-a-half-hour meeting with the president on Friday.\n\n"
                   "It was the third visit to Russia this year, officials said.\n\n"
                   "What comes next\n\n"
                   "Talks continue “next week” — in Moscow.\n");

  /* the canonical link, resolved against the page's address */
  g_assert_cmpstr (collate_document_get_metadata_value (document, "url"), ==,
                   "https://news.example/world/envoy-meets-president");
  g_assert_cmpstr (collate_document_get_metadata_value (document, "publisher"), ==, "Example News");
  g_assert_cmpstr (collate_document_get_metadata_value (document, "author"), ==, "Ann Otator");
  g_assert_cmpstr (collate_document_get_metadata_value (document, "published"), ==, "2025-04-11T18:02:00Z");
  g_assert_cmpstr (collate_document_get_metadata_value (document, "retrieved"), ==, "2026-12-05T20:41:07Z");
  g_assert_cmpstr (collate_document_get_metadata_value (document, "media_type"), ==, "text/html");
  g_assert_cmpstr (collate_document_get_metadata_value (document, "page_sha256"), ==, digest);
  g_assert_cmpuint (g_hash_table_size (collate_document_get_metadata (document)), ==, 7);
}

/* No <article>: the block whose paragraphs hold the most text, not the
 * sidebar; the headline from JSON-LD when the page has no <h1>; a page in
 * Latin-1 that says so */
static void
test_html_without_article (void)
{
  const char *page =
    "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">"
    "<title>Caf\xe9 opens - Town Paper</title>"
    "<meta property=\"og:site_name\" content=\"Town Paper\"></head><body>"
    "<div id=\"sidebar\"><p>Most read</p><p>Weather</p></div>"
    "<div class=\"content\"><p>A caf\xe9 opened on the square on Monday, the first in ten years.</p>"
    "<p>Its <b>owner</b> <i>said</i> she had waited a long time.</p></div>"
    "<div class=\"footer-links\"><p>About us</p></div>"
    "</body></html>";
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateDocument) document = html_document (page, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (collate_document_get_title (document), ==, "Caf\xc3\xa9 opens");
  g_assert_cmpstr (collate_document_get_text (document), ==,
                   "Caf\xc3\xa9 opens\n\n"
                   "A caf\xc3\xa9 opened on the square on Monday, the first in ten years.\n\n"
                   "Its owner said she had waited a long time.\n");
  g_assert_cmpstr (collate_document_get_metadata_value (document, "publisher"), ==, "Town Paper");
  g_assert_null (collate_document_get_metadata_value (document, "url"));
  g_assert_null (collate_document_get_metadata_value (document, "author"));
}

/* The site's logo in an <h1> is not the headline: the JSON-LD's is, in
 * full in the text, cut to 200 characters in the title */
static void
test_html_headline (void)
{
  g_autofree char *long_headline = g_strnfill (250, 'w');
  g_autofree char *page = g_strdup_printf (
    "<html><head><script type=\"application/ld+json\">{\"@graph\": [{\"@type\": \"WebSite\"},"
    " {\"@type\": [\"NewsArticle\"], \"headline\": \"%s\", \"publisher\": {\"name\": \"Logo News\"}}]}"
    "</script></head><body><header><h1>Logo News</h1></header>"
    "<article><h2>Section</h2><p>Body text.</p></article></body></html>", long_headline);
  g_autofree char *expected = g_strconcat (long_headline, "\n\nSection\n\nBody text.\n", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateDocument) document = html_document (page, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (collate_document_get_text (document), ==, expected);
  g_assert_cmpuint (strlen (collate_document_get_title (document)), ==, 200);
  g_assert_cmpstr (collate_document_get_metadata_value (document, "publisher"), ==, "Logo News");
}

/* Tag soup is repaired as a browser would; a page of furniture only, and
 * what is not a page at all, are refused */
static void
test_html_malformed (void)
{
  const char *soup =
    "<html><body><article><h1>Broken <b>page</h1>"
    "<p>First paragraph &amp; an unknown &entity; <i>unclosed"
    "<p>Second paragraph</div></span>"
    "<p>Third <a href=\"x>paragraph</p></article>";
  const char *furniture =
    "<html><body><nav><a>Home</a></nav><script>document.write('x')</script>"
    "<footer>Contact</footer></body></html>";
  const char *not_html = "Just some words, no tags at all.";
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateDocument) document = html_document (soup, NULL, &error);
  g_autoptr(CollateDocument) empty = NULL;
  g_autoptr(CollateDocument) plain = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (collate_document_get_title (document), ==, "Broken page");
  g_assert_true (g_str_has_prefix (collate_document_get_text (document),
                                   "Broken page\n\nFirst paragraph & an unknown &entity; unclosed\n\n"
                                   "Second paragraph\n\n"));

  empty = html_document (furniture, NULL, &error);
  g_assert_null (empty);
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "page.html: no article text found in the page (only "
                   "navigation, scripts or other page furniture, or nothing at all)");
  g_clear_error (&error);

  plain = html_document (not_html, NULL, &error);
  g_assert_null (plain);
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_FORMAT);
  g_assert_cmpstr (error->message, ==, "page.html: not a web page: it does not start with an HTML tag");
}

/* HTML5: the article's own <header> stays, the site's goes; <main>,
 * <section>, <figure> (a picture's caption goes, a pull quote stays),
 * hidden, aria-hidden and display: none content, <template>, <noscript>,
 * <details>, <br> inside a paragraph, inline HTML5 elements (mark, time),
 * and JSON-LD NewsArticle metadata in an @graph */
static const char html5_page[] =
  "<!DOCTYPE html>\n"
  "<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
  "<title>Ceasefire talks | Daily Example</title>\n"
  "<script type=\"application/ld+json\">{\"@context\": \"https://schema.org\", \"@graph\": ["
  "{\"@type\": \"WebSite\", \"name\": \"Daily Example\"},"
  "{\"@type\": \"NewsArticle\", \"headline\": \"Ceasefire talks resume in Geneva\","
  " \"datePublished\": \"2025-05-02T09:30:00+02:00\","
  " \"author\": {\"@type\": \"Person\", \"name\": \"Rita Reporter\"},"
  " \"publisher\": {\"@type\": \"Organization\", \"name\": \"Daily Example\"}}]}</script>\n"
  "</head><body>\n"
  "<header class=\"site\"><a href=\"/\">SITEHEADER</a><nav><a href=\"/world\">World</a></nav></header>\n"
  "<main>\n"
  "<article>\n"
  "<header><h1>Ceasefire talks resume in Geneva</h1>\n"
  "<p class=\"standfirst\">Delegations met for the first time in a month.</p></header>\n"
  "<p>Negotiators from both sides met on Friday<br>\n  in the Palais des Nations.</p>\n"
  "<figure><img src=\"a.jpg\" alt=\"Delegates\"><figcaption>FIGCAPTION Photo: Agency</figcaption></figure>\n"
  "<p>The talks, mediated by <mark>Switzerland</mark>, lasted <time datetime=\"PT6H\">six hours</time>.</p>\n"
  "<figure><blockquote><p>We are closer than ever.</p></blockquote>"
  "<figcaption>&mdash; the chief mediator</figcaption></figure>\n"
  "<section><h2>What comes next</h2>\n"
  "<p>A second round is planned <span hidden>HIDDENTEXT</span>for June.</p>\n"
  "<div aria-hidden=\"true\">ARIAHIDDEN</div><p style=\"color: red; DISPLAY : none\">STYLEHIDDEN</p>\n"
  "<template><p>TEMPLATETEXT</p></template><noscript><p>NOSCRIPTTEXT</p></noscript>\n"
  "<details><summary>Background</summary><p>The war began in 2022.</p></details>\n"
  "<p>Old sites break lines twice:<br><br>like this.</p>\n"
  "</section>\n"
  "<aside><p>ASIDETEXT</p></aside>\n"
  "<footer><p>ARTICLEFOOTER Tags: diplomacy</p></footer>\n"
  "</article>\n"
  "<section class=\"related\"><h2>More stories</h2><article><h3>RELATEDSTORY</h3></article></section>\n"
  "</main>\n"
  "<footer>SITEFOOTER</footer>\n"
  "<svg><text>SVGTEXT</text></svg><math><mi>MATHTEXT</mi></math>\n"
  "</body></html>\n";

static void
test_html5 (void)
{
  g_autoptr(GBytes) page = g_bytes_new_static (html5_page, strlen (html5_page));
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateDocument) document = collate_ingest_html (page, "d1", "talks.html", NULL, NULL,
                                                             NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (collate_document_get_text (document), ==,
                   "Ceasefire talks resume in Geneva\n\n"
                   "Delegations met for the first time in a month.\n\n"
                   "Negotiators from both sides met on Friday\nin the Palais des Nations.\n\n"
                   "The talks, mediated by Switzerland, lasted six hours.\n\n"
                   "We are closer than ever.\n\n"
                   "\xe2\x80\x94 the chief mediator\n\n"
                   "What comes next\n\n"
                   "A second round is planned for June.\n\n"
                   "Background\n\n"
                   "The war began in 2022.\n\n"
                   "Old sites break lines twice:\n\n"
                   "like this.\n");
  g_assert_cmpstr (collate_document_get_title (document), ==, "Ceasefire talks resume in Geneva");
  g_assert_cmpstr (collate_document_get_metadata_value (document, "author"), ==, "Rita Reporter");
  g_assert_cmpstr (collate_document_get_metadata_value (document, "publisher"), ==, "Daily Example");
  g_assert_cmpstr (collate_document_get_metadata_value (document, "published"), ==, "2025-05-02T09:30:00+02:00");
}

/* Without <article>, the page's <main> is the article, even where another
 * element has longer paragraphs of its own */
static void
test_html_main (void)
{
  static const char html[] =
    "<!DOCTYPE html><html><head><title>Harbour news</title></head><body>"
    "<div class=\"teasers\"><p>TEASER: a long teaser paragraph that has more words in it than any "
    "of the paragraphs of the article below, and would win on paragraph text alone.</p></div>"
    "<div role=\"main\"><h1>Harbour reopens</h1><div><p>Ships came back.</p></div>"
    "<div><p>Cranes are working.</p></div><ul><li>Berths: 12</li></ul></div>"
    "</body></html>";
  g_autoptr(GBytes) page = g_bytes_new_static (html, strlen (html));
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateDocument) document = collate_ingest_html (page, "d1", "harbour.html", NULL, NULL,
                                                             NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (collate_document_get_text (document), ==,
                   "Harbour reopens\n\nShips came back.\n\nCranes are working.\n\nBerths: 12\n");
}

/* libxml2's HTML 4 parser meets HTML5 and tag soup: not a word on the
 * terminal, and no text lost */
static void
test_html_parser_quiet (void)
{
  if (g_test_subprocess ())
    {
      static const char html[] =
        "<!DOCTYPE html><html><body><main><article><hgroup><h1>Quiet</h1></hgroup>"
        "<p>One <mark>marked</mark> <time>today</time> <data value=\"1\">datum</data> "
        "<custom-element>custom</custom-element> <wbr>word <bdi>bdi</bdi> <output>out</output>"
        "<p>Two <b><i>crossed</b></i> <unknowntag attr=x>unknown</unknowntag> &notanentity; "
        "<picture><source srcset=\"a.webp\"><img src=\"a.jpg\"></picture>end"
        "<dialog>DIALOG</dialog><search>SEARCHFORM</search>"
        "</article></main></body></html>";
      g_autoptr(GBytes) page = g_bytes_new_static (html, strlen (html));
      g_autoptr(GError) error = NULL;
      g_autoptr(CollateDocument) document = collate_ingest_html (page, "d1", "quiet.html", NULL, NULL,
                                                                 NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (collate_document_get_text (document), ==,
                       "Quiet\n\nOne marked today datum custom word bdi out\n\n"
                       "Two crossed unknown &notanentity; end\n");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("");
  g_test_trap_assert_stdout_unmatched ("*HTML parser error*");
}

/* ── PDFs, drawn with cairo ── */

#define LINE_HEIGHT 16.0

/* Pages of lines; "" is a paragraph gap.  Every page has the running
 * header "The Daily Example" and the footer "Page N of M". */
static GBytes *
make_pdf (const char * const *pages[],
          guint               n_pages,
          gboolean            furniture)
{
  GByteArray *out = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (test_pdf_append, out, 595, 842);
  cairo_t *cr = cairo_create (surface);

  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 12);
  for (guint k = 0; k < n_pages; k++)
    {
      double y = 100;

      if (furniture)
        {
          g_autofree char *footer = g_strdup_printf ("Page %u of %u", k + 1, n_pages);

          cairo_move_to (cr, 72, 40);
          cairo_show_text (cr, "The Daily Example");
          cairo_move_to (cr, 260, 810);
          cairo_show_text (cr, footer);
        }
      for (guint i = 0; pages[k][i] != NULL; i++)
        {
          if (pages[k][i][0] != '\0')
            {
              cairo_move_to (cr, 72, y);
              cairo_show_text (cr, pages[k][i]);
            }
          y += LINE_HEIGHT;
        }
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (out);
}

static void
test_pdf (void)
{
  const char *page1[] = {
    "Envoy meets president",
    "",
    "The envoy held a meeting with the presi-",
    "dent on Friday in St. Petersburg, the",
    "third visit this year.",
    "",
    "Officials said the talks on the recon-",
    "struction went well and would go on",
    NULL,
  };
  const char *page2[] = {
    "next week in Moscow.",
    "",
    "A well-known analyst was not surprised.",
    NULL,
  };
  const char *page3[] = {
    "Nothing more was said.",
    NULL,
  };
  const char * const *pages[] = { page1, page2, page3 };
  g_autoptr(GBytes) pdf = make_pdf (pages, 3, TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateDocument) document = collate_ingest_pdf (pdf, "d1", "report.pdf", NULL, NULL, &error);
  g_autofree char *digest = NULL;
  g_auto(GStrv) starts = NULL;
  const char *text;

  g_assert_no_error (error);
  text = collate_document_get_text (document);
  g_assert_cmpstr (text, ==,
                   "Envoy meets president\n\n"
                   "The envoy held a meeting with the president on Friday in St. Petersburg, the "
                   "third visit this year.\n\n"
                   "Officials said the talks on the reconstruction went well and would go on "
                   "next week in Moscow.\n\n"
                   "A well-known analyst was not surprised.\n\n"
                   "Nothing more was said.\n");
  g_assert_cmpstr (collate_document_get_title (document), ==, "Envoy meets president");

  /* each page's text starts at its offset */
  starts = g_strsplit (collate_document_get_metadata_value (document, "pages"), ",", -1);
  g_assert_cmpuint (g_strv_length (starts), ==, 3);
  g_assert_cmpstr (starts[0], ==, "0");
  {
    guint second = (guint) g_ascii_strtoull (starts[1], NULL, 10);
    guint third = (guint) g_ascii_strtoull (starts[2], NULL, 10);
    g_autofree char *at_second = collate_document_dup_slice (document, second, second + 10);
    g_autofree char *at_third = collate_document_dup_slice (document, third, third + 7);

    g_assert_cmpstr (at_second, ==, "next week ");
    g_assert_cmpstr (at_third, ==, "Nothing");
  }

  digest = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf);
  g_assert_cmpstr (collate_document_get_metadata_value (document, "page_sha256"), ==, digest);
  g_assert_cmpstr (collate_document_get_metadata_value (document, "media_type"), ==, "application/pdf");
  g_assert_nonnull (collate_document_get_metadata_value (document, "retrieved"));
}

/* A hyphen at a line end: hyphenation goes, a compound's hyphen stays */
static void
test_pdf_hyphens (void)
{
  const char *page1[] = {
    "Talks on the Russia-",
    "Ukraine war: the nego-",
    "tiations resumed, a well-",
    "known envoy said. The self-",
    "imposed deadline of the state-of-",
    "the-art plan for 2023-",
    "2024 and the COVID-",
    "19 rules made pro-",
    "gress. An anti-",
    "corruption office and the co-",
    "operation of the courts are",
    "planned; the negotia-",
    "tions go on in Genève, under-",
    "standing the anti-corruption",
    "and co-operation laws with some under-",
    NULL,
  };
  const char *page2[] = {
    "standing of the Russia-",
    NULL,
  };
  const char *page3[] = {
    "Ukraine border.",
    NULL,
  };
  const char * const *pages[] = { page1, page2, page3 };
  g_autoptr(GBytes) pdf = make_pdf (pages, 3, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateDocument) document = collate_ingest_pdf (pdf, "d1", "hyphens.pdf", NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (collate_document_get_text (document), ==,
                   "Talks on the Russia-Ukraine war: the negotiations resumed, a well-known envoy "
                   "said. The self-imposed deadline of the state-of-the-art plan for 2023-2024 and "
                   "the COVID-19 rules made progress. An anti-corruption office and the co-operation "
                   "of the courts are planned; the negotiations go on in Genève, understanding the "
                   "anti-corruption and co-operation laws with some understanding of the "
                   "Russia-Ukraine border.\n");
}

static void
test_pdf_image_only (void)
{
  GByteArray *out = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (test_pdf_append, out, 595, 842);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateDocument) document = NULL;

  cairo_rectangle (cr, 50, 50, 400, 600);
  cairo_set_source_rgb (cr, 0.2, 0.3, 0.4);
  cairo_fill (cr);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  pdf = g_byte_array_free_to_bytes (out);

  document = collate_ingest_pdf (pdf, "d1", "scan.pdf", NULL, NULL, &error);
  g_assert_null (document);
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_UNSUPPORTED);
  g_assert_cmpstr (error->message, ==, "scan.pdf: the PDF has no text, only images (a scan?); "
                   "run it through text recognition (OCR) first");
}

/* A PDF under the standard security handler whose user password is not
 * empty: the /U entry matches no key made from "" */
static GBytes *
make_encrypted_pdf (void)
{
  GString *s = g_string_new ("%PDF-1.4\n");
  gsize offsets[4];
  gsize xref;

  offsets[1] = s->len;
  g_string_append (s, "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
  offsets[2] = s->len;
  g_string_append (s, "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n");
  offsets[3] = s->len;
  g_string_append (s, "3 0 obj << /Filter /Standard /V 1 /R 2 /P -4 "
                      "/O <0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef> "
                      "/U <fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210> >> endobj\n");
  xref = s->len;
  g_string_append (s, "xref\n0 4\n0000000000 65535 f \n");
  for (guint i = 1; i < 4; i++)
    g_string_append_printf (s, "%010lu 00000 n \n", (unsigned long) offsets[i]);
  g_string_append_printf (s, "trailer << /Size 4 /Root 1 0 R /Encrypt 3 0 R "
                             "/ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] >>\n"
                             "startxref\n%lu\n%%%%EOF\n", (unsigned long) xref);
  return g_string_free_to_bytes (s);
}

static void
test_pdf_encrypted (void)
{
  g_autoptr(GBytes) pdf = make_encrypted_pdf ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateDocument) document = collate_ingest_pdf (pdf, "d1", "secret.pdf", NULL, NULL, &error);

  g_assert_null (document);
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_UNSUPPORTED);
  g_assert_cmpstr (error->message, ==, "secret.pdf: the PDF is protected by a password; open it in "
                   "a PDF reader and save a copy without protection, then use that");
}

/* ── Files of any kind ── */

static char *
write_temp (const char *name,
            const void *data,
            gsize       length)
{
  char *path = g_build_filename (g_get_tmp_dir (), name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, (gssize) length, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_file (void)
{
  static const guchar png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };
  const char *page1[] = { "A one-page report.", NULL };
  const char * const *pages[] = { page1 };
  g_autoptr(GBytes) pdf = make_pdf (pages, 1, FALSE);
  g_autofree char *html_path = write_temp ("article.html", article_page, strlen (article_page));
  g_autofree char *pdf_path = write_temp ("named-wrongly.txt", g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf));
  g_autofree char *text_path = write_temp ("notes.txt", "Notes\nline two\n", 15);
  g_autofree char *png_path = write_temp ("picture.html", png, sizeof png);
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateDocument) html = collate_ingest_file (html_path, "d1", &error);
  g_autoptr(CollateDocument) from_pdf = NULL;
  g_autoptr(CollateDocument) text = NULL;
  g_autoptr(CollateDocument) picture = NULL;
  g_autoptr(CollateDocument) missing = NULL;
  g_autofree char *expected = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (collate_document_get_title (html), ==, "Envoy meets president in St. Petersburg");
  g_assert_cmpstr (collate_document_get_metadata_value (html, "url"), ==, "/world/envoy-meets-president");

  /* by what it holds, not by its name */
  from_pdf = collate_ingest_file (pdf_path, "d2", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (collate_document_get_text (from_pdf), ==, "A one-page report.\n");
  g_assert_cmpstr (collate_document_get_metadata_value (from_pdf, "pages"), ==, "0");

  text = collate_ingest_file (text_path, "d3", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (collate_document_get_text (text), ==, "Notes\nline two\n");
  g_assert_cmpuint (g_hash_table_size (collate_document_get_metadata (text)), ==, 0);

  picture = collate_ingest_file (png_path, "d4", &error);
  g_assert_null (picture);
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_FORMAT);
  expected = g_strdup_printf ("%s: not a text file, web page or PDF: it is a PNG image", png_path);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  missing = collate_ingest_file ("/nonexistent/page.html", "d5", &error);
  g_assert_null (missing);
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND);

  g_unlink (html_path);
  g_unlink (pdf_path);
  g_unlink (text_path);
  g_unlink (png_path);
}

/* ── URLs, from a server on the loopback address ── */

typedef struct
{
  SoupServer *server;
  char       *base;
  GBytes     *pdf;
  GMainLoop  *loop;
  GAsyncResult *result;
  guint       n_progress;
  guint64     last_received;
} Fixture;

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  if (strcmp (path, "/article") == 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_STATIC,
                                        article_page, strlen (article_page));
    }
  else if (strcmp (path, "/moved") == 0)
    {
      soup_server_message_set_redirect (msg, SOUP_STATUS_MOVED_PERMANENTLY, "/article");
    }
  else if (strcmp (path, "/report.pdf") == 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/pdf", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (f->pdf, NULL), g_bytes_get_size (f->pdf));
    }
  else if (strcmp (path, "/picture") == 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_STATIC, "\x89PNG\r\n", 6);
    }
  else if (strcmp (path, "/big") == 0)
    {
      /* chunked: no length to refuse it by before reading */
      char *body = g_strnfill (300 * 1024, 'x');

      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_TAKE, body, 300 * 1024);
    }
  else if (strcmp (path, "/stall") == 0)
    {
      /* answers nothing until the client gives up */
      soup_server_message_pause (msg);
    }
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  GSList *uris;
  const char *page1[] = { "A fetched report.", NULL };
  const char * const *pages[] = { page1 };

  f->pdf = make_pdf (pages, 1, FALSE);
  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, NULL, server_cb, f, NULL);
  soup_server_listen (f->server, address, 0, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->server);
  g_assert_nonnull (uris);
  f->base = g_uri_to_string_partial (uris->data, G_URI_HIDE_PASSWORD);
  if (g_str_has_suffix (f->base, "/"))
    f->base[strlen (f->base) - 1] = '\0';
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  f->loop = g_main_loop_new (NULL, FALSE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  soup_server_disconnect (f->server);
  g_object_unref (f->server);
  g_free (f->base);
  g_bytes_unref (f->pdf);
  g_main_loop_unref (f->loop);
  g_clear_object (&f->result);
}

static void
progress_cb (guint64  received,
             guint64  total,
             gpointer user_data)
{
  Fixture *f = user_data;

  g_assert_cmpuint (received, >=, f->last_received);
  f->last_received = received;
  f->n_progress++;
}

static void
fetched_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Fixture *f = user_data;

  f->result = g_object_ref (result);
  g_main_loop_quit (f->loop);
}

static gboolean
give_up_cb (gpointer data)
{
  g_error ("the fetch did not finish within 30 s");
  return G_SOURCE_REMOVE;
}

static CollateDocument *
fetch (Fixture       *f,
       const char    *path,
       guint64        max_size,
       GCancellable  *cancellable,
       GError       **error)
{
  g_autofree char *url = g_strconcat (f->base, path, NULL);
  guint timeout = g_timeout_add_seconds (30, give_up_cb, NULL);

  g_clear_object (&f->result);
  f->n_progress = 0;
  f->last_received = 0;
  collate_ingest_url_async (url, "d1", max_size, progress_cb, f, cancellable, fetched_cb, f);
  g_main_loop_run (f->loop);
  g_source_remove (timeout);
  return collate_ingest_url_finish (f->result, error);
}

static void
test_url_article (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateDocument) document = fetch (f, "/moved", 0, NULL, &error);
  g_autofree char *source = g_strconcat (f->base, "/moved", NULL);
  g_autofree char *canonical = g_strconcat (f->base, "/world/envoy-meets-president", NULL);

  g_assert_no_error (error);
  g_assert_cmpstr (collate_document_get_title (document), ==, "Envoy meets president in St. Petersburg");
  /* the address as given; the canonical one, resolved against where the
   * page was after the redirect */
  g_assert_cmpstr (collate_document_get_source (document), ==, source);
  g_assert_cmpstr (collate_document_get_metadata_value (document, "url"), ==, canonical);
  g_assert_cmpstr (collate_document_get_metadata_value (document, "publisher"), ==, "Example News");
  g_assert_cmpuint (f->n_progress, >=, 2);
  g_assert_cmpuint (f->last_received, ==, strlen (article_page));
}

static void
test_url_pdf (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateDocument) document = fetch (f, "/report.pdf", 0, NULL, &error);
  g_autofree char *url = g_strconcat (f->base, "/report.pdf", NULL);

  g_assert_no_error (error);
  g_assert_cmpstr (collate_document_get_text (document), ==, "A fetched report.\n");
  g_assert_cmpstr (collate_document_get_metadata_value (document, "url"), ==, url);
  g_assert_cmpstr (collate_document_get_metadata_value (document, "pages"), ==, "0");
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_url_errors (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *expected = NULL;
  CollateDocument *document;

  document = fetch (f, "/missing", 0, NULL, &error);
  g_assert_null (document);
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND);
  expected = g_strdup_printf ("%s/missing: the server has no such page (HTTP 404 Not Found)", f->base);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);
  g_clear_pointer (&expected, g_free);

  document = fetch (f, "/picture", 0, NULL, &error);
  g_assert_null (document);
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_FORMAT);
  expected = g_strdup_printf ("%s/picture: not a web page or PDF: the server sent image/png", f->base);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);
  g_clear_pointer (&expected, g_free);

  document = fetch (f, "/big", 100 * 1024, NULL, &error);
  g_assert_null (document);
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "larger than 100 KB"));
  g_clear_error (&error);

  /* cancelled while the server stalls */
  g_timeout_add (200, cancel_cb, cancellable);
  document = fetch (f, "/stall", 0, cancellable, &error);
  g_assert_null (document);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
}

/* Nothing listens: a port the test had and gave back */
static void
test_url_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, &error);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *url = NULL;
  g_autofree char *expected = NULL;
  CollateDocument *document;

  g_assert_no_error (error);
  g_socket_bind (socket, address, TRUE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("http://127.0.0.1:%u/article",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);

  document = collate_ingest_url (url, "d1", 0, NULL, &error);
  g_assert_null (document);
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_FAILED);
  expected = g_strdup_printf ("%s: the server 127.0.0.1 does not answer (connection refused)", url);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  document = collate_ingest_url ("ftp://example.org/a", "d1", 0, NULL, &error);
  g_assert_null (document);
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID);
}

/* ── The proxy settings, and secure connections ── */

typedef struct
{
  GPtrArray *requests;   /* "METHOD URI" as the proxy received them */
} Proxy;

/* A proxy on 127.0.0.1 that answers every request itself (as a caching
 * proxy would), and notes what it was asked for */
static void
proxy_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  Proxy *proxy = user_data;
  g_autofree char *uri = g_uri_to_string (soup_server_message_get_uri (msg));

  g_ptr_array_add (proxy->requests, g_strdup_printf ("%s %s", soup_server_message_get_method (msg), uri));
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_STATIC,
                                    article_page, strlen (article_page));
}

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Fetches @url while the servers of this thread answer */
static CollateDocument *
fetch_here (const char  *url,
            GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  collate_ingest_url_async (url, "d1", 0, NULL, NULL, NULL, result_cb, &result);
  while (result == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  return collate_ingest_url_finish (result, error);
}

/* In a process of its own (GIO's default proxy resolver reads the settings
 * once): with http_proxy and HTTP_PROXY naming the proxy and no desktop
 * settings, a page on a host that does not exist is fetched through it */
static void
test_url_proxy (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
      g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
      g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
      g_autoptr(GError) error = NULL;
      g_autoptr(CollateDocument) document = NULL;
      g_autofree char *proxy_url = NULL;
      Proxy proxy = { g_ptr_array_new_with_free_func (g_free) };
      GSList *uris;

      soup_server_add_handler (server, NULL, proxy_cb, &proxy, NULL);
      soup_server_listen (server, address, 0, &error);
      g_assert_no_error (error);
      uris = soup_server_get_uris (server);
      proxy_url = g_strdup_printf ("http://127.0.0.1:%d/", g_uri_get_port (uris->data));
      g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

      g_setenv ("http_proxy", proxy_url, TRUE);
      g_setenv ("HTTP_PROXY", proxy_url, TRUE);
      g_unsetenv ("no_proxy");
      g_unsetenv ("NO_PROXY");
      g_unsetenv ("XDG_CURRENT_DESKTOP");
      g_unsetenv ("GNOME_DESKTOP_SESSION_ID");
      g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
      g_test_message ("proxy resolver: %s", G_OBJECT_TYPE_NAME (g_proxy_resolver_get_default ()));

      /* .invalid never resolves (RFC 6761): only the proxy can answer */
      document = fetch_here ("http://news.invalid/world/envoy", &error);
      g_assert_no_error (error);
      g_assert_cmpstr (collate_document_get_title (document), ==, "Envoy meets president in St. Petersburg");
      g_assert_cmpstr (collate_document_get_source (document), ==, "http://news.invalid/world/envoy");
      g_assert_cmpuint (proxy.requests->len, ==, 1);
      g_assert_cmpstr (g_ptr_array_index (proxy.requests, 0), ==, "GET http://news.invalid/world/envoy");
      g_ptr_array_unref (proxy.requests);
      soup_server_disconnect (server);
      return;
    }
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* A server whose certificate is not trusted (self-signed, made here with
 * openssl): refused with a message that says so, nothing read */
static void
test_url_untrusted_certificate (void)
{
  g_autofree char *dir = g_dir_make_tmp ("collate-tls-XXXXXX", NULL);
  g_autofree char *cert = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *key = g_build_filename (dir, "key.pem", NULL);
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateDocument) document = NULL;
  g_autofree char *url = NULL;
  g_autofree char *expected = NULL;
  GSList *uris;
  int status = 0;

#if defined(__SANITIZE_ADDRESS__)
  /* Loading glib-networking's TLS module makes LeakSanitizer's scan at exit
   * crash ("Tracer caught signal 11"), which is no finding of Collate's: the
   * case runs in the normal build */
  g_test_skip ("GnuTLS under LeakSanitizer: tested in the build without sanitizers");
  return;
#endif
  if (openssl == NULL)
    {
      g_test_skip ("openssl is not installed: no certificate to test with");
      return;
    }
  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("GLib has no TLS backend (glib-networking is not installed)");
      return;
    }
  {
    const char *argv[] = { openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                           "-subj", "/CN=127.0.0.1", "-keyout", key, "-out", cert, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, NULL, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  certificate = g_tls_certificate_new_from_files (cert, key, &error);
  g_assert_no_error (error);
  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, proxy_cb, &(Proxy) { g_ptr_array_new_with_free_func (g_free) }, NULL);
  soup_server_listen (server, address, SOUP_SERVER_LISTEN_HTTPS, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("https://127.0.0.1:%d/article", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  document = fetch_here (url, &error);
  g_assert_null (document);
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_FAILED);
  expected = g_strdup_printf ("%s: the server 127.0.0.1 sent a certificate that cannot be trusted", url);
  if (!g_str_has_prefix (error->message, expected))
    g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, expected));

  soup_server_disconnect (server);
  g_unlink (cert);
  g_unlink (key);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  test_proxy_init ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ingest/html/article", test_html_article);
  g_test_add_func ("/ingest/html/without-article", test_html_without_article);
  g_test_add_func ("/ingest/html/malformed", test_html_malformed);
  g_test_add_func ("/ingest/html/headline", test_html_headline);
  g_test_add_func ("/ingest/html/html5", test_html5);
  g_test_add_func ("/ingest/html/main", test_html_main);
  g_test_add_func ("/ingest/html/parser-quiet", test_html_parser_quiet);
  g_test_add_func ("/ingest/pdf/text", test_pdf);
  g_test_add_func ("/ingest/pdf/hyphens", test_pdf_hyphens);
  g_test_add_func ("/ingest/pdf/image-only", test_pdf_image_only);
  g_test_add_func ("/ingest/pdf/encrypted", test_pdf_encrypted);
  g_test_add_func ("/ingest/file", test_file);
  g_test_add ("/ingest/url/article", Fixture, NULL, fixture_set_up, test_url_article, fixture_tear_down);
  g_test_add ("/ingest/url/pdf", Fixture, NULL, fixture_set_up, test_url_pdf, fixture_tear_down);
  g_test_add ("/ingest/url/errors", Fixture, NULL, fixture_set_up, test_url_errors, fixture_tear_down);
  g_test_add_func ("/ingest/url/refused", test_url_refused);
  g_test_add_func ("/ingest/url/proxy", test_url_proxy);
  g_test_add_func ("/ingest/url/untrusted-certificate", test_url_untrusted_certificate);

  return g_test_run ();
}
