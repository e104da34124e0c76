/* test-report.c — the HTML report (report/collate-report.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib/gstdio.h>

#include "collate.h"

#define RLO "\xe2\x80\xae"  /* U+202E RIGHT-TO-LEFT OVERRIDE */

static CollateProject *
load_fixture (const char *name)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "fixtures", name, NULL));
  g_autoptr(GError) error = NULL;
  CollateProject *project = collate_project_load_file (file, NULL, NULL, &error);

  g_assert_no_error (error);
  return project;
}

static char *
report_string (CollateProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = collate_report_to_bytes (project, "2026-12-05T20:00:00Z", &error);
  gsize length;
  const char *data;

  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &length);
  g_assert_true (g_utf8_validate (data, length, NULL));
  g_assert_cmpuint (strlen (data), ==, length);
  return g_strndup (data, length);
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* The text of the documents' panes with the markup taken out and the
 * references put back, one string per document; checks that every <mark>
 * is closed in order on the way */
static GPtrArray *
document_texts (const char *html)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  const char *p = html;

  while ((p = strstr (p, "<div class=\"text\" lang=\"\" dir=\"auto\">")) != NULL)
    {
      GString *text = g_string_new (NULL);
      int depth = 0;

      p = strchr (p, '>') + 1;
      while (!g_str_has_prefix (p, "</div>"))
        {
          g_assert_true (*p != '\0');
          if (g_str_has_prefix (p, "<mark "))
            {
              depth++;
              p = strchr (p, '>') + 1;
            }
          else if (g_str_has_prefix (p, "</mark>"))
            {
              depth--;
              g_assert_cmpint (depth, >=, 0);
              p += strlen ("</mark>");
            }
          else if (*p == '<')
            g_assert_not_reached ();  /* no other element in a document's text */
          else if (*p == '&')
            {
              const char *names[] = { "&amp;", "&lt;", "&gt;", "&quot;", "&#39;" };
              const char chars[] = "&<>\"'";
              guint i;

              for (i = 0; i < G_N_ELEMENTS (names); i++)
                if (g_str_has_prefix (p, names[i]))
                  break;
              g_assert_cmpuint (i, <, G_N_ELEMENTS (names));
              g_string_append_c (text, chars[i]);
              p += strlen (names[i]);
            }
          else
            g_string_append_c (text, *p++);
        }
      g_assert_cmpint (depth, ==, 0);
      g_ptr_array_add (texts, g_string_free (text, FALSE));
    }

  return texts;
}

static void
test_sample (void)
{
  g_autoptr(CollateProject) project = load_fixture ("sample.collate.json");
  g_autofree char *html = report_string (project);
  g_autofree char *again = report_string (project);
  g_autoptr(GPtrArray) texts = document_texts (html);

  /* the same project gives the same page */
  g_assert_cmpstr (html, ==, again);

  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>\n<html lang=\"en\">"));
  g_assert_nonnull (strstr (html, "Content-Security-Policy\" content=\"default-src 'none'; "
                                  "style-src 'unsafe-inline'\""));
  /* nothing to fetch, nothing to run */
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, " src="));
  g_assert_null (strstr (html, "href=\"http"));
  g_assert_null (strstr (html, "url("));
  g_assert_null (strstr (html, "@import"));
  g_assert_nonnull (strstr (html, "@media print"));
  g_assert_nonnull (strstr (html, "prefers-color-scheme:dark"));

  /* every span once with its label shown, every link a row */
  g_assert_cmpuint (count (html, " first\" id=\"s"), ==, collate_project_get_n_annotations (project));
  g_assert_cmpuint (count (html, "data-label=\"Claim\""), >=, 1);
  g_assert_nonnull (strstr (html, "<section id=\"links\""));
  g_assert_cmpuint (count (html, "<tr><td><span class=\"chip k"), ==, collate_project_get_n_links (project));
  /* no reviews, no table of them */
  g_assert_null (strstr (html, "id=\"reviews\""));

  /* the texts are whole and in order, and the provenance is there */
  g_assert_cmpuint (texts->len, ==, collate_project_get_n_documents (project));
  for (guint d = 0; d < texts->len; d++)
    {
      CollateDocument *document = collate_project_get_document (project, d);

      g_assert_cmpstr (g_ptr_array_index (texts, d), ==, collate_document_get_text (document));
      g_assert_nonnull (strstr (html, collate_document_get_sha256 (document)));
    }
  g_assert_nonnull (strstr (html, "data/samples/witkoff-putin-report-1.txt"));
  g_assert_nonnull (strstr (html, "<time datetime=\"2026-12-05T20:00:00Z\">"));

  /* the colours of the schema */
  g_assert_nonnull (strstr (html, ".l0{--c:#9c7a11;--on:#000;"));
  g_assert_nonnull (strstr (html, ".k0{--c:#e93b4a;"));
}

static CollateProject *
hostile_project (void)
{
  static const char text[] = "Before <script>alert(\"x\")</script> & 'after' " RLO "txt.exe\x01 end\n"
                             "Second line </div></body>";
  g_autoptr(CollateProject) project = collate_project_new ("<script>alert(1)</script> \"Title\" & 'co' " RLO "gpj.exe",
                                                           collate_schema_new_default ());
  g_autoptr(CollateDocument) document = NULL;
  g_autoptr(CollateDocument) other = NULL;
  g_autoptr(GError) error = NULL;
  CollateAnnotation *a, *b;
  CollateLink *link;

  collate_project_set_author (project, "Mallory " RLO "evil\"><script>");
  document = collate_document_new ("d1", "</h3><script>x()</script>" RLO "fdp.exe", "javascript:alert(1)\"><img src=x>",
                                   text, -1, &error);
  g_assert_no_error (error);
  collate_project_add_document (project, document, &error);
  g_assert_no_error (error);
  other = collate_document_new ("d2", "Plain", "b.txt", "A second <b>text</b>.", -1, &error);
  g_assert_no_error (error);
  collate_project_add_document (project, other, &error);
  g_assert_no_error (error);

  a = collate_project_add_span (project, "d1", 7, 35, "Claim", &error);  /* the <script> element */
  g_assert_no_error (error);
  b = collate_project_add_span (project, "d2", 9, 20, "Person", &error);
  g_assert_no_error (error);
  collate_project_set_annotation_note (project, collate_annotation_get_id (a),
                                       "</td></tr></table><script>alert('note')</script>", &error);
  g_assert_no_error (error);
  link = collate_project_add_link (project, "Contradicts", collate_annotation_get_id (a),
                                   collate_annotation_get_id (b), &error);
  g_assert_no_error (error);
  collate_project_set_link_note (project, collate_link_get_id (link), "\"quoted\" <i>note</i> " RLO "x", &error);
  g_assert_no_error (error);
  g_hash_table_insert (collate_project_get_metadata (project), g_strdup ("<key>"),
                       g_strdup ("<value onload=x>"));

  return g_steal_pointer (&project);
}

static void
test_hostile (void)
{
  g_autoptr(CollateProject) project = hostile_project ();
  g_autofree char *html = report_string (project);
  g_autofree char *lower = g_ascii_strdown (html, -1);
  g_autoptr(GPtrArray) texts = document_texts (html);
  const char *text_start, *text_end;

  /* no element of the project's comes through */
  g_assert_null (strstr (lower, "<script"));
  g_assert_null (strstr (lower, "<img"));
  g_assert_null (strstr (lower, "<value"));
  g_assert_null (strstr (lower, "<i>"));
  g_assert_null (strstr (lower, "<b>"));
  g_assert_cmpuint (count (lower, "</style>"), ==, 1);
  g_assert_cmpuint (count (lower, "</body>"), ==, 1);
  /* links, provenance, annotators, spans */
  g_assert_cmpuint (count (lower, "</table>"), ==, 4);
  g_assert_cmpuint (count (lower, "<div class=\"text\""), ==, 2);
  g_assert_nonnull (strstr (html, "&lt;script&gt;alert(1)&lt;/script&gt; &quot;Title&quot; &amp; &#39;co&#39;"));

  /* the texts come back whole, the override and the control character
   * shown as they are in the document (the latter as its picture) */
  g_assert_cmpuint (texts->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (texts, 0), RLO "txt.exe\xe2\x90\x81 end"));
  g_assert_cmpstr (g_ptr_array_index (texts, 1), ==, "A second <b>text</b>.");

  /* outside the documents' text, quotes and notes (each in an isolate), a
   * name's override is shown as an escape, never as the character */
  g_assert_nonnull (strstr (html, "\\u202Egpj.exe"));
  g_assert_nonnull (strstr (html, "\\u202Efdp.exe"));
  g_assert_nonnull (strstr (html, "Mallory \\u202Eevil&quot;&gt;&lt;script&gt;"));
  text_start = strstr (html, "<div class=\"text\"");
  text_end = strstr (text_start, "</div>");
  g_assert_nonnull (strstr (text_start, RLO));
  for (const char *p = strstr (html, RLO); p != NULL; p = strstr (p + 1, RLO))
    {
      gboolean in_text = p > text_start && p < text_end;
      gboolean in_isolate = FALSE;

      if (!in_text)
        {
          /* the nearest <bdi> before it is not closed before it */
          g_autofree char *before = g_strndup (html, p - html);
          const char *open = g_strrstr (before, "<bdi>");
          const char *close = g_strrstr (before, "</bdi>");

          in_isolate = open != NULL && (close == NULL || close < open);
        }
      g_assert_true (in_text || in_isolate);
    }
}

/* Spans that cross are drawn as pieces, each closed in order; the label
 * shows once per span */
static void
test_overlaps (void)
{
  g_autoptr(CollateProject) project = collate_project_new ("Overlaps", collate_schema_new_default ());
  g_autoptr(CollateDocument) document = collate_document_new ("d1", "Letters", "", "abcdefghij", -1, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;
  g_autoptr(GPtrArray) texts = NULL;

  collate_project_add_document (project, document, &error);
  g_assert_no_error (error);
  collate_project_add_span (project, "d1", 0, 5, "Claim", &error);
  g_assert_no_error (error);
  collate_project_add_span (project, "d1", 3, 8, "Person", &error);   /* crosses the first */
  g_assert_no_error (error);
  collate_project_add_span (project, "d1", 2, 4, "Time", &error);     /* crosses both */
  g_assert_no_error (error);
  collate_project_add_span (project, "d1", 0, 10, "Location", &error); /* holds all */
  g_assert_no_error (error);

  html = report_string (project);
  texts = document_texts (html);
  g_assert_cmpstr (g_ptr_array_index (texts, 0), ==, "abcdefghij");
  g_assert_cmpuint (count (html, " first\" id=\"s"), ==, 4);
  g_assert_cmpuint (count (html, "<mark class=\"s "), >, 4);  /* some are cut in pieces */
  /* the outermost opens first */
  g_assert_nonnull (strstr (html, "dir=\"auto\"><mark class=\"s l3 first\""));
}

/* Reviews get a table of their own: decision, kind, both sides, reason */
static void
test_reviews (void)
{
  g_autoptr(CollateProject) project = load_fixture ("sample.collate.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;
  const CollateReviewSide sides[2] = {
    { "d1", 677, 699, "third official meeting" },
    { "d2", 1247, 1258, "third visit" },
  };
  const char *table;

  collate_project_set_author (project, "Ann Otator");
  collate_project_add_review (project, COLLATE_REVIEW_REJECTED, "ordinal", 0.658,
                              "the same ordinal <counts> different things", "Contradicts", sides, &error);
  g_assert_no_error (error);

  html = report_string (project);
  table = strstr (html, "<section id=\"reviews\"");
  g_assert_nonnull (table);
  g_assert_cmpuint (count (table, "<tr><td>rejected</td><td>ordinal</td><td class=\"n\">0.66</td>"), ==, 1);
  g_assert_nonnull (strstr (table, "<bdi>third official meeting</bdi>"));
  g_assert_nonnull (strstr (table, "<bdi>third visit</bdi>"));
  g_assert_nonnull (strstr (table, "1247–1258"));
  g_assert_nonnull (strstr (table, "the same ordinal &lt;counts&gt; different things"));
  g_assert_nonnull (strstr (html, "1 reviewed suggestion<"));
  /* and the reviewer among the annotators */
  g_assert_nonnull (strstr (strstr (html, "<section id=\"annotators\""), "<tr><td>Ann Otator</td><td class=\"n\">0</td>"
                                                                          "<td class=\"n\">0</td><td class=\"n\">1</td>"));
}

static void
test_write (void)
{
  g_autoptr(CollateProject) project = load_fixture ("emoji.collate.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("collate-report-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "report.html", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "report.html", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) nowhere = g_file_new_for_path (missing);
  g_autoptr(GBytes) expected = collate_report_to_bytes (project, NULL, &error);
  g_autofree char *written = NULL;
  gsize length;

  g_assert_no_error (error);
  g_assert_true (collate_report_write (project, file, NULL, NULL, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &written, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (written, length, g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
  /* without a time, none is shown */
  g_assert_nonnull (strstr (written, "<footer>"));
  g_assert_null (strstr (strstr (written, "<footer>"), "<time"));

  /* a folder that is not there: an error, and nothing left behind */
  g_assert_false (collate_report_write (project, nowhere, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (error->message);
  g_clear_error (&error);
  {
    GDir *listing = g_dir_open (dir, 0, NULL);
    guint n = 0;

    while (g_dir_read_name (listing) != NULL)
      n++;
    g_dir_close (listing);
    g_assert_cmpuint (n, ==, 1);
  }

  g_unlink (path);
  g_rmdir (dir);
}

typedef struct
{
  gboolean  done;
  GError   *error;
} AsyncResult;

static void
write_async_done (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  AsyncResult *r = user_data;

  g_assert_null (object);
  if (!collate_report_write_finish (result, &r->error))
    g_assert_nonnull (r->error);
  r->done = TRUE;
}

/* collate_report_write_async(): the page of the project as it was when
 * called, though the project changes while the worker makes it */
static void
test_write_async (void)
{
  g_autoptr(CollateProject) project = load_fixture ("sample.collate.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("collate-report-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "report.html", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *written = NULL;
  gsize length;
  AsyncResult r = { FALSE, NULL };
  CollateAnnotation *added;

  /* with reviews and links, as the snapshot must copy them */
  {
    const CollateReviewSide sides[2] = {
      { "d1", 677, 699, "third official meeting" },
      { "d2", 1247, 1258, "third visit" },
    };

    collate_project_add_review (project, COLLATE_REVIEW_ACCEPTED, "ordinal", 0.5, "why",
                                "Contradicts", sides, &error);
    g_assert_no_error (error);
  }
  before = collate_report_to_bytes (project, "2026-12-05T20:00:00Z", &error);
  g_assert_no_error (error);

  collate_report_write_async (project, file, "2026-12-05T20:00:00Z", NULL, write_async_done, &r);
  /* a change at once: the page does not show it */
  added = collate_project_add_span (project, "d1", 20, 26, "Claim", &error);
  g_assert_no_error (error);
  g_assert_nonnull (added);
  after = collate_report_to_bytes (project, "2026-12-05T20:00:00Z", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (after), !=, g_bytes_get_size (before));
  while (!r.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (r.error);
  g_file_get_contents (path, &written, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (written, length, g_bytes_get_data (before, NULL), g_bytes_get_size (before));

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/report/sample", test_sample);
  g_test_add_func ("/report/hostile", test_hostile);
  g_test_add_func ("/report/overlaps", test_overlaps);
  g_test_add_func ("/report/reviews", test_reviews);
  g_test_add_func ("/report/write", test_write);
  g_test_add_func ("/report/write-async", test_write_async);

  return g_test_run ();
}
