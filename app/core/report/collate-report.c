/* collate-report.c — a project as one self-contained HTML page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "collate-error.h"
#include "collate-file-writer.h"
#include "collate-text.h"
#include "collate-report.h"

/* ── Escaping ─────────────────────────────────────────────────────────── */

/* @len bytes of @text (valid UTF-8) as HTML text or attribute value: the
 * five markup characters as references; control characters other than tab
 * and line breaks, which HTML does not allow, as their visible pictures
 * (U+2400…) or U+FFFD.  Bidirectional controls are kept: they are part of
 * the text, and every place text goes is an isolate. */
static void
append_escaped (GString    *out,
                const char *text,
                gssize      len)
{
  const char *end;
  const char *p;

  if (text == NULL)
    return;
  end = len < 0 ? text + strlen (text) : text + len;

  for (p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"': g_string_append (out, "&quot;"); break;
        case '\'': g_string_append (out, "&#39;"); break;
        case '\t': case '\n': case '\r':
          g_string_append_c (out, (char) c);
          break;
        default:
          if (c < 0x20)
            g_string_append_unichar (out, 0x2400 + c);
          else if (c == 0x7f)
            g_string_append_unichar (out, 0x2421);
          else if (c >= 0x80 && c < 0xa0)
            g_string_append_unichar (out, 0xfffd);
          else
            g_string_append_len (out, p, g_utf8_next_char (p) - p);
        }
    }
}

/* A name (title, source, label, author, id, time): shown with its line
 * breaks, control and bidirectional characters as escapes, as the command
 * line shows them, so that a right-to-left override (U+202E) cannot make
 * "exe.txt" look like "txt.exe" */
static void
append_name (GString    *out,
             const char *name)
{
  g_autofree char *quoted = NULL;

  if (name == NULL)
    return;
  /* most names are printable ASCII, which needs no quoting */
  for (const char *p = name; ; p++)
    {
      if (*p == '\0')
        {
          append_escaped (out, name, p - name);
          return;
        }
      if ((guchar) *p < 0x20 || (guchar) *p > 0x7e)
        break;
    }
  quoted = collate_text_quote (name, 0);
  append_escaped (out, quoted, -1);
}

/* Text of the project's (a quote, a note) in an isolate of its own */
static void
append_isolated (GString    *out,
                 const char *text)
{
  g_string_append (out, "<bdi>");
  append_escaped (out, text, -1);
  g_string_append (out, "</bdi>");
}

static void
append_time (GString    *out,
             const char *iso)
{
  if (iso == NULL || *iso == '\0')
    return;
  g_string_append (out, "<time datetime=\"");
  append_name (out, iso);
  g_string_append (out, "\">");
  append_name (out, iso);
  g_string_append (out, "</time>");
}

/* ── Colours ──────────────────────────────────────────────────────────── */

static void
mix (const double  rgb[3],
     const double  with[3],
     double        amount,
     char          hex[8])
{
  guint v[3];

  for (guint i = 0; i < 3; i++)
    v[i] = (guint) CLAMP ((rgb[i] * amount + with[i] * (1 - amount)) * 255 + 0.5, 0, 255);
  g_snprintf (hex, 8, "#%02x%02x%02x", v[0], v[1], v[2]);
}

static double
linear (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

/* The class of a label: its colour, the text on it, and the backgrounds of
 * its spans on a light and on a dark page */
static void
append_label_class (GString      *out,
                    const char   *class_name,
                    CollateLabel *label)
{
  static const double white[3] = { 1, 1, 1 };
  static const double night[3] = { 0x1d / 255.0, 0x1d / 255.0, 0x20 / 255.0 };
  double rgb[3] = { 0.6, 0.6, 0.6 };
  char color[8], light[8], dark[8];
  double luminance;

  if (label != NULL)
    collate_label_get_rgb (label, &rgb[0], &rgb[1], &rgb[2]);
  mix (rgb, white, 1, color);
  mix (rgb, white, 0.38, light);
  mix (rgb, night, 0.45, dark);
  luminance = 0.2126 * linear (rgb[0]) + 0.7152 * linear (rgb[1]) + 0.0722 * linear (rgb[2]);

  /* black or white on the colour, whichever contrasts more */
  g_string_append_printf (out, ".%s{--c:%s;--on:%s;--bg:%s;--bgd:%s}\n", class_name, color,
                          (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) ? "#000" : "#fff",
                          light, dark);
}

/* ── The page ─────────────────────────────────────────────────────────── */

static const char style[] =
  ":root{color-scheme:light dark;--page:#fafafa;--ink:#1d1d20;--muted:#5e5e66;--rule:#d8d8de;"
  "--panel:#fff;--link:#1a5fb4}\n"
  "@media screen and (prefers-color-scheme:dark){:root{--page:#1d1d20;--ink:#e8e8ec;"
  "--muted:#a4a4ae;--rule:#3c3c44;--panel:#26262b;--link:#99c1f1}}\n"
  "*{box-sizing:border-box}\n"
  "body{margin:0;background:var(--page);color:var(--ink);"
  "font:16px/1.55 system-ui,-apple-system,'Segoe UI',Cantarell,'Noto Sans',sans-serif}\n"
  "header,main>section{padding:0 1.5rem}\n"
  "header{padding-top:1.25rem;padding-bottom:.5rem}\n"
  "h1{font-size:1.6rem;margin:0 0 .3rem;overflow-wrap:anywhere}\n"
  "h2{font-size:1.15rem;margin:1.5rem 0 .6rem}\n"
  "h2.title{font-size:1rem;margin:0 0 .2rem;overflow-wrap:anywhere}\n"
  "a{color:var(--link)}\n"
  ".muted,.prov{color:var(--muted);font-size:.85rem}\n"
  ".prov{margin:0 0 .8rem;overflow-wrap:anywhere}\n"
  "dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:.5rem 0;"
  "font-size:.9rem}\n"
  "dl.meta dt{font-weight:600}dl.meta dd{margin:0;overflow-wrap:anywhere}\n"
  "ul.legend{list-style:none;padding:0;margin:.6rem 0;display:flex;flex-wrap:wrap;gap:.4rem}\n"
  ".chip{display:inline-block;background:var(--c);color:var(--on);border-radius:.25rem;"
  "padding:0 .45em;font-size:.8rem;font-weight:600;line-height:1.5;overflow-wrap:anywhere;"
  "print-color-adjust:exact;-webkit-print-color-adjust:exact}\n"
  ".documents{display:grid;grid-auto-flow:column;grid-auto-columns:minmax(20rem,1fr);gap:1.25rem;"
  "overflow-x:auto;padding-bottom:.5rem}\n"
  ".document{min-width:0;background:var(--panel);border:1px solid var(--rule);"
  "border-radius:.5rem;padding:1rem 1.25rem}\n"
  ".text{white-space:pre-wrap;overflow-wrap:anywhere;unicode-bidi:isolate;line-height:1.9}\n"
  "mark.s{background:var(--bg);color:inherit;border-bottom:2px solid var(--c);"
  "padding:.1em 0 .3em;box-decoration-break:clone;-webkit-box-decoration-break:clone;"
  "print-color-adjust:exact;-webkit-print-color-adjust:exact}\n"
  "mark.s mark.s{padding-bottom:.15em}mark.s mark.s mark.s{padding-bottom:0}\n"
  "mark.s:target{outline:2px solid var(--link)}\n"
  "@media screen and (prefers-color-scheme:dark){mark.s{background:var(--bgd)}}\n"
  "mark.first::before{content:attr(data-label);background:var(--c);color:var(--on);"
  "border-radius:.2rem;padding:0 .3em;margin-inline-end:.2em;font-size:.7em;font-weight:600;"
  "vertical-align:.12em;line-height:1.2;white-space:nowrap}\n"
  ".wide{overflow-x:auto}\n"
  "table{border-collapse:collapse;width:100%;font-size:.9rem}\n"
  "th,td{text-align:start;vertical-align:top;padding:.35em .5em;border-bottom:1px solid var(--rule);"
  "overflow-wrap:break-word}\n"
  "td .chip,td time{white-space:nowrap}\n"
  "th{font-weight:600;border-bottom-width:2px}\n"
  "td.n{text-align:end;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
  ".sha,.id{font-family:ui-monospace,'DejaVu Sans Mono',monospace;font-size:.8rem}\n"
  "td.sha{word-break:break-all;min-width:17ch}\n"
  ".note{white-space:pre-wrap}\n"
  "footer{padding:1rem 1.5rem 2rem;color:var(--muted);font-size:.8rem}\n"
  "@media print{:root{--page:#fff;--ink:#000;--muted:#444;--rule:#bbb;--panel:#fff;--link:#000}"
  "body{font-size:10pt}header,main>section,footer{padding:0}"
  ".documents{overflow:visible;grid-auto-columns:1fr;gap:6mm}"
  ".document{border:none;padding:0}a{text-decoration:none}"
  ".wide{overflow:visible}thead{display:table-header-group}tr{break-inside:avoid}"
  "h2{break-after:avoid}@page{margin:14mm}}\n";

typedef struct
{
  CollateProject *project;
  CollateSchema  *schema;
  GPtrArray      *annotations;  /* the project's, in its order */
  GHashTable     *span_index;   /* annotation id → position + 1 */
  GHashTable     *classes[2];   /* per CollateLabelKind: label name → class */
  GString        *out;
} Report;

/* "l3" for the fourth span label, "k1" for the second link label, "x" for
 * a label the schema lacks */
static const char *
label_class (Report           *report,
             CollateLabelKind  kind,
             const char       *name)
{
  GHashTable *classes = report->classes[kind == COLLATE_LABEL_KIND_SPAN ? 0 : 1];
  const char *class_name = g_hash_table_lookup (classes, name);

  if (class_name == NULL)
    {
      int index = collate_schema_index_of (report->schema, kind, name);
      char *made = index < 0 ? g_strdup ("x")
                             : g_strdup_printf ("%c%d", kind == COLLATE_LABEL_KIND_SPAN ? 'l' : 'k', index);

      g_hash_table_insert (classes, g_strdup (name), made);
      class_name = made;
    }
  return class_name;
}

static void
append_chip (Report           *report,
             CollateLabelKind  kind,
             const char       *name)
{
  g_string_append_printf (report->out, "<span class=\"chip %s\">", label_class (report, kind, name));
  append_name (report->out, name);
  g_string_append (report->out, "</span>");
}

static const char *
document_title (Report     *report,
                const char *document_id)
{
  CollateDocument *document = collate_project_lookup_document (report->project, document_id);

  return document != NULL ? collate_document_get_title (document) : document_id;
}

static void
append_author (Report     *report,
               const char *author)
{
  if (author == NULL || *author == '\0')
    g_string_append_printf (report->out, "<span class=\"muted\">%s</span>", _("(no name)"));
  else
    append_name (report->out, author);
}

/* ── The documents, side by side ─────────────────────────────────────── */

typedef struct
{
  CollateAnnotation *annotation;
  guint              position;  /* in the project's annotations */
  guint              start;
  guint              end;
} Span;

/* Outer spans first: by start, then the longer, then the project's order */
static int
span_compare (gconstpointer a,
              gconstpointer b)
{
  const Span *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end > y->end ? -1 : 1;
  return x->position < y->position ? -1 : x->position > y->position;
}

/* Opens a piece of @span.  A span crossing another is drawn as several
 * pieces; the first has the id and shows the label. */
static void
open_piece (Report     *report,
            const Span *span,
            gboolean    first)
{
  CollateAnnotation *a = span->annotation;
  const char *class_name = label_class (report, COLLATE_LABEL_KIND_SPAN, collate_annotation_get_label (a));
  GString *out = report->out;

  g_string_append_printf (out, "<mark class=\"s %s%s\"", class_name, first ? " first" : "");
  if (first)
    g_string_append_printf (out, " id=\"s%u\"", span->position);
  g_string_append (out, " data-label=\"");
  append_name (out, collate_annotation_get_label (a));
  g_string_append (out, "\" title=\"");
  append_name (out, collate_annotation_get_label (a));
  g_string_append (out, " · ");
  append_name (out, collate_annotation_get_id (a));
  if (*collate_annotation_get_author (a) != '\0')
    {
      g_string_append (out, " · ");
      append_name (out, collate_annotation_get_author (a));
    }
  g_string_append (out, "\">");
}

static void
append_document_text (Report          *report,
                      CollateDocument *document,
                      GArray          *spans)
{
  const char *text = collate_document_get_text (document);
  guint length = collate_document_get_length (document);
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (guint));  /* indices into @spans */
  guint pos = 0, next_span = 0;
  gsize byte = 0;

  g_array_sort (spans, span_compare);

  for (;;)
    {
      guint next_start = next_span < spans->len ? g_array_index (spans, Span, next_span).start : G_MAXUINT;
      guint next_end = G_MAXUINT;
      guint next;

      for (guint k = 0; k < open->len; k++)
        next_end = MIN (next_end, g_array_index (spans, Span, g_array_index (open, guint, k)).end);
      next = MIN (MIN (next_start, next_end), length);

      if (next > pos)
        {
          gsize next_byte = collate_document_char_to_byte (document, next);

          append_escaped (report->out, text + byte, next_byte - byte);
          byte = next_byte;
          pos = next;
        }

      if (next_end == pos)
        {
          /* Close from the innermost down to the outermost span that ends
           * here, then open again those of them that go on */
          guint lowest = 0, kept;

          while (g_array_index (spans, Span, g_array_index (open, guint, lowest)).end != pos)
            lowest++;
          for (guint k = open->len; k > lowest; k--)
            g_string_append (report->out, "</mark>");
          kept = lowest;
          for (guint k = lowest; k < open->len; k++)
            {
              guint s = g_array_index (open, guint, k);

              if (g_array_index (spans, Span, s).end != pos)
                g_array_index (open, guint, kept++) = s;
            }
          g_array_set_size (open, kept);
          for (guint k = lowest; k < open->len; k++)
            open_piece (report, &g_array_index (spans, Span, g_array_index (open, guint, k)), FALSE);
        }
      else if (next_start == pos)
        {
          open_piece (report, &g_array_index (spans, Span, next_span), TRUE);
          g_array_append_val (open, next_span);
          next_span++;
        }
      else
        break;
    }
}

static void
append_documents (Report *report)
{
  guint n_documents = collate_project_get_n_documents (report->project);
  guint n_annotations = report->annotations->len;
  guint position = 0;
  GString *out = report->out;

  g_string_append_printf (out, "<section class=\"documents\" aria-label=\"%s\">\n", _("Documents"));
  for (guint d = 0; d < n_documents; d++)
    {
      CollateDocument *document = collate_project_get_document (report->project, d);
      const char *id = collate_document_get_id (document);
      g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
      g_autofree char *characters = NULL;
      g_autofree char *n_spans = NULL;

      /* The annotations are in document order */
      for (; position < n_annotations; position++)
        {
          CollateAnnotation *a = g_ptr_array_index (report->annotations, position);
          Span span = { a, position, collate_annotation_get_start (a), collate_annotation_get_end (a) };

          if (g_strcmp0 (collate_annotation_get_document_id (a), id) != 0)
            break;
          g_array_append_val (spans, span);
        }

      g_string_append_printf (out, "<article class=\"document\" aria-labelledby=\"doc%u\">\n<h2 id=\"doc%u\" class=\"title\">",
                              d, d);
      append_name (out, collate_document_get_title (document));
      g_string_append (out, "</h2>\n<p class=\"prov\">");
      if (*collate_document_get_source (document) != '\0')
        {
          append_name (out, collate_document_get_source (document));
          g_string_append (out, " · ");
        }
      characters = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u character", "%u characters",
                                                 collate_document_get_length (document)),
                                    collate_document_get_length (document));
      n_spans = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u span", "%u spans", spans->len),
                                 spans->len);
      /* TRANSLATORS: "5168 characters · 4 spans" */
      g_string_append_printf (out, _("%s · %s"), characters, n_spans);
      g_string_append (out, "</p>\n<div class=\"text\" lang=\"\" dir=\"auto\">");
      append_document_text (report, document, spans);
      g_string_append (out, "</div>\n</article>\n");
    }
  g_string_append (out, "</section>\n");
}

/* ── Tables ───────────────────────────────────────────────────────────── */

static void
open_table (Report     *report,
            const char *id,
            const char *heading,
            ...) G_GNUC_NULL_TERMINATED;

/* A section with a heading and a table whose columns are the NULL-terminated
 * (translated) names after @heading */
static void
open_table (Report     *report,
            const char *id,
            const char *heading,
            ...)
{
  GString *out = report->out;
  const char *column;
  va_list args;

  g_string_append_printf (out, "<section id=\"%s\" aria-labelledby=\"%s-h\">\n<h2 id=\"%s-h\">%s</h2>\n"
                          "<div class=\"wide\"><table>\n<thead><tr>", id, id, id, heading);
  va_start (args, heading);
  while ((column = va_arg (args, const char *)) != NULL)
    g_string_append_printf (out, "<th scope=\"col\">%s</th>", column);
  va_end (args);
  g_string_append (out, "</tr></thead>\n<tbody>\n");
}

static void
close_table (Report *report)
{
  g_string_append (report->out, "</tbody></table></div>\n</section>\n");
}

/* A quote that leads to its span in the text, and the document it is in */
static void
append_span_cell (Report     *report,
                  const char *annotation_id)
{
  CollateAnnotation *a = collate_project_lookup_annotation (report->project, annotation_id);
  guint position = GPOINTER_TO_UINT (g_hash_table_lookup (report->span_index, annotation_id));
  GString *out = report->out;

  g_string_append (out, "<td>");
  if (a == NULL || position == 0)
    {
      append_name (out, annotation_id);
      g_string_append (out, "</td>");
      return;
    }
  g_string_append_printf (out, "<a href=\"#s%u\">“", position - 1);
  append_isolated (out, collate_annotation_get_text (a));
  g_string_append (out, "”</a><br><span class=\"muted\">");
  append_name (out, document_title (report, collate_annotation_get_document_id (a)));
  g_string_append (out, "</span></td>");
}

static void
append_links (Report *report)
{
  GListModel *links = collate_project_get_links (report->project);
  guint n = g_list_model_get_n_items (links);
  GString *out = report->out;

  if (n == 0)
    {
      g_string_append_printf (out, "<section id=\"links\"><h2>%s</h2><p class=\"muted\">%s</p></section>\n",
                              _("Links"), _("No links."));
      return;
    }

  open_table (report, "links", _("Links"), _("Label"), _("From"), _("To"), _("Note"),
              _("By"), _("When"), NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CollateLink) link = g_list_model_get_item (links, i);

      g_string_append (out, "<tr><td>");
      append_chip (report, COLLATE_LABEL_KIND_LINK, collate_link_get_label (link));
      g_string_append (out, "</td>");
      append_span_cell (report, collate_link_get_from (link));
      append_span_cell (report, collate_link_get_to (link));
      g_string_append (out, "<td class=\"note\">");
      append_isolated (out, collate_link_get_note (link));
      g_string_append (out, "</td><td>");
      append_author (report, collate_link_get_author (link));
      g_string_append (out, "</td><td>");
      append_time (out, collate_link_get_modified (link));
      g_string_append (out, "</td></tr>\n");
    }
  close_table (report);
}

static void
append_review_side (Report                  *report,
                    const CollateReviewSide *side)
{
  GString *out = report->out;
  g_autofree char *range = g_strdup_printf ("%u–%u", side->start, side->end);

  g_string_append (out, "<td>“");
  append_isolated (out, side->text);
  g_string_append (out, "”<br><span class=\"muted\">");
  append_name (out, document_title (report, side->document_id));
  g_string_append (out, " · ");
  g_string_append (out, range);
  g_string_append (out, "</span></td>");
}

static void
append_reviews (Report *report)
{
  GListModel *reviews = collate_project_get_reviews (report->project);
  guint n = g_list_model_get_n_items (reviews);
  GString *out = report->out;

  if (n == 0)
    return;

  open_table (report, "reviews", _("Reviewed suggestions"), _("Decision"), _("Kind"),
              _("Confidence"), _("Link"), _("One side"), _("Other side"), _("Reason"), _("By"),
              _("When"), NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CollateReview) review = g_list_model_get_item (reviews, i);
      gboolean accepted = collate_review_get_decision (review) == COLLATE_REVIEW_ACCEPTED;
      char confidence[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (confidence, sizeof confidence, "%.2f", collate_review_get_confidence (review));
      g_string_append_printf (out, "<tr><td>%s</td><td>", accepted ? _("accepted") : _("rejected"));
      append_name (out, collate_review_get_kind (review));
      g_string_append_printf (out, "</td><td class=\"n\">%s</td><td>", confidence);
      append_chip (report, COLLATE_LABEL_KIND_LINK, collate_review_get_link_label (review));
      g_string_append (out, "</td>");
      append_review_side (report, collate_review_get_side (review, 0));
      append_review_side (report, collate_review_get_side (review, 1));
      g_string_append (out, "<td>");
      append_isolated (out, collate_review_get_reason (review));
      g_string_append (out, "</td><td>");
      append_author (report, collate_review_get_author (review));
      g_string_append (out, "</td><td>");
      append_time (out, collate_review_get_created (review));
      g_string_append (out, "</td></tr>\n");
    }
  close_table (report);
}

static void
append_provenance (Report *report)
{
  guint n = collate_project_get_n_documents (report->project);
  GString *out = report->out;

  open_table (report, "provenance", _("Where the documents come from"), _("Id"), _("Title"),
              _("Source"), _("SHA-256 of the text"), _("Characters"), NULL);
  for (guint d = 0; d < n; d++)
    {
      CollateDocument *document = collate_project_get_document (report->project, d);

      g_string_append (out, "<tr><td class=\"id\">");
      append_name (out, collate_document_get_id (document));
      g_string_append (out, "</td><td>");
      append_name (out, collate_document_get_title (document));
      g_string_append (out, "</td><td>");
      append_name (out, collate_document_get_source (document));
      g_string_append (out, "</td><td class=\"sha\">");
      append_name (out, collate_document_get_sha256 (document));
      g_string_append_printf (out, "</td><td class=\"n\">%u</td></tr>\n",
                              collate_document_get_length (document));
    }
  close_table (report);
}

typedef struct
{
  char  *name;
  guint  spans;
  guint  links;
  guint  reviews;
  char  *first;
  char  *last;
} Annotator;

static void
annotator_free (Annotator *annotator)
{
  g_free (annotator->name);
  g_free (annotator->first);
  g_free (annotator->last);
  g_free (annotator);
}

static void
set_if (char       **slot,
        const char  *value,
        int          sign)
{
  if (value == NULL || *value == '\0')
    return;
  if (*slot == NULL || strcmp (value, *slot) * sign > 0)
    {
      g_free (*slot);
      *slot = g_strdup (value);
    }
}

/* The annotator @author, counted once more from @created to @modified
 * (ISO 8601 UTC times compare as strings) */
static Annotator *
annotator_count (GHashTable *by_name,
                 GPtrArray  *order,
                 const char *author,
                 const char *created,
                 const char *modified)
{
  Annotator *annotator = g_hash_table_lookup (by_name, author ? author : "");

  if (annotator == NULL)
    {
      annotator = g_new0 (Annotator, 1);
      annotator->name = g_strdup (author ? author : "");
      g_hash_table_insert (by_name, annotator->name, annotator);
      g_ptr_array_add (order, annotator);
    }
  set_if (&annotator->first, created, -1);
  set_if (&annotator->last, modified != NULL && *modified != '\0' ? modified : created, 1);

  return annotator;
}

static int
annotator_compare (gconstpointer a,
                   gconstpointer b)
{
  const Annotator *x = *(Annotator **) a, *y = *(Annotator **) b;

  return strcmp (x->name, y->name);
}

static void
append_annotators (Report *report)
{
  GListModel *links = collate_project_get_links (report->project);
  GListModel *reviews = collate_project_get_reviews (report->project);
  g_autoptr(GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func ((GDestroyNotify) annotator_free);
  GString *out = report->out;

  for (guint i = 0; i < report->annotations->len; i++)
    {
      CollateAnnotation *a = g_ptr_array_index (report->annotations, i);

      annotator_count (by_name, order, collate_annotation_get_author (a),
                       collate_annotation_get_created (a), collate_annotation_get_modified (a))->spans++;
    }
  for (guint i = 0; i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(CollateLink) link = g_list_model_get_item (links, i);

      annotator_count (by_name, order, collate_link_get_author (link),
                       collate_link_get_created (link), collate_link_get_modified (link))->links++;
    }
  for (guint i = 0; i < g_list_model_get_n_items (reviews); i++)
    {
      g_autoptr(CollateReview) review = g_list_model_get_item (reviews, i);

      annotator_count (by_name, order, collate_review_get_author (review),
                       collate_review_get_created (review), NULL)->reviews++;
    }
  if (order->len == 0)
    return;
  g_ptr_array_sort (order, annotator_compare);

  open_table (report, "annotators", _("Who annotated"), _("Name"), _("Spans"), _("Links"),
              _("Reviews"), _("First"), _("Last"), NULL);
  for (guint i = 0; i < order->len; i++)
    {
      Annotator *annotator = g_ptr_array_index (order, i);

      g_string_append (out, "<tr><td>");
      append_author (report, annotator->name);
      g_string_append_printf (out, "</td><td class=\"n\">%u</td><td class=\"n\">%u</td>"
                              "<td class=\"n\">%u</td><td>", annotator->spans, annotator->links,
                              annotator->reviews);
      append_time (out, annotator->first);
      g_string_append (out, "</td><td>");
      append_time (out, annotator->last);
      g_string_append (out, "</td></tr>\n");
    }
  close_table (report);
}

static void
append_attributes (GString           *out,
                   CollateAnnotation *a)
{
  g_autofree const char **keys = collate_annotation_get_attribute_keys (a);

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, "<br>");
      append_name (out, keys[i]);
      g_string_append (out, ": ");
      append_isolated (out, collate_annotation_get_attribute (a, keys[i]));
    }
}

static void
append_spans (Report *report)
{
  guint n = report->annotations->len;
  GString *out = report->out;

  if (n == 0)
    return;

  open_table (report, "spans", _("Every span"), _("Id"), _("Label"), _("Quote"), _("Document"),
              _("Note"), _("Attributes"), _("By"), _("Made"), _("Changed"), NULL);
  for (guint i = 0; i < n; i++)
    {
      CollateAnnotation *a = g_ptr_array_index (report->annotations, i);

      g_string_append (out, "<tr><td class=\"id\">");
      append_name (out, collate_annotation_get_id (a));
      g_string_append (out, "</td><td>");
      append_chip (report, COLLATE_LABEL_KIND_SPAN, collate_annotation_get_label (a));
      g_string_append_printf (out, "</td><td><a href=\"#s%u\">“", i);
      append_isolated (out, collate_annotation_get_text (a));
      g_string_append (out, "”</a></td><td>");
      append_name (out, document_title (report, collate_annotation_get_document_id (a)));
      g_string_append (out, "</td><td class=\"note\">");
      append_isolated (out, collate_annotation_get_note (a));
      g_string_append (out, "</td><td>");
      append_attributes (out, a);
      g_string_append (out, "</td><td>");
      append_author (report, collate_annotation_get_author (a));
      g_string_append (out, "</td><td>");
      append_time (out, collate_annotation_get_created (a));
      g_string_append (out, "</td><td>");
      append_time (out, collate_annotation_get_modified (a));
      g_string_append (out, "</td></tr>\n");
    }
  close_table (report);
}

/* ── Head and header ──────────────────────────────────────────────────── */

static void
append_head (Report *report)
{
  CollateSchema *schema = report->schema;
  GString *out = report->out;

  /* TRANSLATORS: the language of the report's headings, as an HTML lang
   * attribute: "de" for German */
  g_string_append_printf (out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
                          C_("report language", "en"));
  g_string_append (out,
                   "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                   "style-src 'unsafe-inline'\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                   "<meta name=\"color-scheme\" content=\"light dark\">\n"
                   "<meta name=\"generator\" content=\"Collate " PACKAGE_VERSION "\">\n<title>");
  append_name (out, collate_project_get_title (report->project));
  /* TRANSLATORS: after the project's title in the report's window title */
  g_string_append_printf (out, " — %s</title>\n<style>\n%s", _("Collate report"), style);
  for (guint i = 0; i < collate_schema_get_n_labels (schema, COLLATE_LABEL_KIND_SPAN); i++)
    {
      g_autofree char *name = g_strdup_printf ("l%u", i);

      append_label_class (out, name, collate_schema_get_label (schema, COLLATE_LABEL_KIND_SPAN, i));
    }
  for (guint i = 0; i < collate_schema_get_n_labels (schema, COLLATE_LABEL_KIND_LINK); i++)
    {
      g_autofree char *name = g_strdup_printf ("k%u", i);

      append_label_class (out, name, collate_schema_get_label (schema, COLLATE_LABEL_KIND_LINK, i));
    }
  append_label_class (out, "x", NULL);
  g_string_append (out, "</style>\n</head>\n<body>\n");
}

static void
append_legend (Report           *report,
               CollateLabelKind  kind)
{
  GString *out = report->out;
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);

  if (kind == COLLATE_LABEL_KIND_SPAN)
    for (guint i = 0; i < report->annotations->len; i++)
      {
        const char *label = collate_annotation_get_label (g_ptr_array_index (report->annotations, i));

        g_hash_table_insert (counts, (gpointer) label,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, label)) + 1));
      }
  else
    {
      GListModel *links = collate_project_get_links (report->project);

      for (guint i = 0; i < g_list_model_get_n_items (links); i++)
        {
          g_autoptr(CollateLink) link = g_list_model_get_item (links, i);
          const char *label = collate_link_get_label (link);

          /* the label's string lives as long as the project's link */
          g_hash_table_insert (counts, (gpointer) label,
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, label)) + 1));
        }
    }

  g_string_append_printf (out, "<ul class=\"legend\" aria-label=\"%s\">",
                          kind == COLLATE_LABEL_KIND_SPAN ? _("Span labels") : _("Link labels"));
  for (guint i = 0; i < collate_schema_get_n_labels (report->schema, kind); i++)
    {
      CollateLabel *label = collate_schema_get_label (report->schema, kind, i);
      const char *name = collate_label_get_name (label);

      g_string_append (out, "<li>");
      append_chip (report, kind, name);
      g_string_append_printf (out, " <span class=\"muted\">%u</span></li>",
                              GPOINTER_TO_UINT (g_hash_table_lookup (counts, name)));
    }
  g_string_append (out, "</ul>\n");
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

static void
append_header (Report *report)
{
  CollateProject *project = report->project;
  GHashTable *metadata = collate_project_get_metadata (project);
  GString *out = report->out;
  guint n_documents = collate_project_get_n_documents (project);
  guint n_spans = collate_project_get_n_annotations (project);
  guint n_links = collate_project_get_n_links (project);
  guint n_reviews = collate_project_get_n_reviews (project);

  g_string_append (out, "<header>\n<h1>");
  append_name (out, collate_project_get_title (project));
  g_string_append (out, "</h1>\n<p class=\"muted\">");
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u document", "%u documents", n_documents),
                          n_documents);
  g_string_append (out, " · ");
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u span", "%u spans", n_spans), n_spans);
  g_string_append (out, " · ");
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u link", "%u links", n_links), n_links);
  if (n_reviews > 0)
    {
      g_string_append (out, " · ");
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u reviewed suggestion",
                                                "%u reviewed suggestions", n_reviews), n_reviews);
    }
  g_string_append (out, "</p>\n");

  if (metadata != NULL && g_hash_table_size (metadata) > 0)
    {
      g_autofree const char **keys = (const char **) g_hash_table_get_keys_as_array (metadata, NULL);
      guint n = g_hash_table_size (metadata);

      qsort (keys, n, sizeof (char *), compare_keys);
      g_string_append (out, "<dl class=\"meta\">");
      for (guint i = 0; i < n; i++)
        {
          g_string_append (out, "<dt>");
          append_name (out, keys[i]);
          g_string_append (out, "</dt><dd>");
          append_isolated (out, g_hash_table_lookup (metadata, keys[i]));
          g_string_append (out, "</dd>");
        }
      g_string_append (out, "</dl>\n");
    }

  append_legend (report, COLLATE_LABEL_KIND_SPAN);
  if (collate_schema_get_n_labels (report->schema, COLLATE_LABEL_KIND_LINK) > 0)
    append_legend (report, COLLATE_LABEL_KIND_LINK);
  g_string_append (out, "</header>\n<main>\n");
}

/* ── Entry points ─────────────────────────────────────────────────────── */

GBytes *
collate_report_to_bytes (CollateProject *project,
                         const char     *generated,
                         GError        **error)
{
  Report report = { 0 };
  GListModel *annotations;

  g_return_val_if_fail (COLLATE_IS_PROJECT (project), NULL);

  report.project = project;
  report.schema = collate_project_get_schema (project);
  report.span_index = g_hash_table_new (g_str_hash, g_str_equal);
  report.classes[0] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  report.classes[1] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  report.out = g_string_sized_new (64 * 1024);

  annotations = collate_project_get_annotations (project);
  report.annotations = g_ptr_array_new_full (g_list_model_get_n_items (annotations), g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (annotations); i++)
    {
      CollateAnnotation *a = g_list_model_get_item (annotations, i);

      g_ptr_array_add (report.annotations, a);
      /* the id's string lives as long as the annotation, held above */
      g_hash_table_insert (report.span_index, (gpointer) collate_annotation_get_id (a),
                           GUINT_TO_POINTER (i + 1));
    }

  append_head (&report);
  append_header (&report);
  append_documents (&report);
  append_links (&report);
  append_reviews (&report);
  append_provenance (&report);
  append_annotators (&report);
  append_spans (&report);

  g_string_append (report.out, "</main>\n<footer>");
  if (generated != NULL)
    {
      /* TRANSLATORS: "Made with Collate 0.1.0 at 2026-12-05T20:00:00Z" */
      g_string_append_printf (report.out, _("Made with Collate %s at "), PACKAGE_VERSION);
      append_time (report.out, generated);
    }
  else
    g_string_append_printf (report.out, _("Made with Collate %s"), PACKAGE_VERSION);
  g_string_append (report.out, "</footer>\n</body>\n</html>\n");

  g_hash_table_unref (report.span_index);
  g_hash_table_unref (report.classes[0]);
  g_hash_table_unref (report.classes[1]);
  g_ptr_array_unref (report.annotations);
  return g_string_free_to_bytes (report.out);
}

gboolean
collate_report_write (CollateProject *project,
                      GFile          *destination,
                      const char     *generated,
                      GCancellable   *cancellable,
                      GError        **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (COLLATE_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (G_IS_FILE (destination), FALSE);

  bytes = collate_report_to_bytes (project, generated, error);
  if (bytes == NULL)
    return FALSE;

  return collate_file_write_bytes (destination, bytes, NULL, NULL, cancellable, error);
}

/* ── In a worker thread ── */

/* A copy of @project that the worker reads while the window goes on
 * changing the original: the documents, labels, spans, links and reviews
 * are immutable values and shared; the lists, indexes, schema and metadata
 * are the copy's own. */
static CollateProject *
snapshot (CollateProject  *project,
          GError         **error)
{
  CollateSchema *schema = collate_project_get_schema (project);
  g_autoptr(CollateSchema) schema_copy = collate_schema_new ();
  g_autoptr(CollateProject) copy = NULL;
  GHashTableIter iter;
  gpointer key, value;
  GListModel *items;

  for (guint kind = COLLATE_LABEL_KIND_SPAN; kind <= COLLATE_LABEL_KIND_LINK; kind++)
    for (guint i = 0; i < collate_schema_get_n_labels (schema, kind); i++)
      if (!collate_schema_add (schema_copy, kind, collate_schema_get_label (schema, kind, i), error))
        return NULL;
  copy = collate_project_new (collate_project_get_title (project), schema_copy);

  g_hash_table_iter_init (&iter, collate_project_get_metadata (project));
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (collate_project_get_metadata (copy), g_strdup (key), g_strdup (value));

  for (guint i = 0; i < collate_project_get_n_documents (project); i++)
    if (!collate_project_add_document (copy, collate_project_get_document (project, i), error))
      return NULL;

  items = collate_project_get_annotations (project);
  for (guint i = 0, n = g_list_model_get_n_items (items); i < n; i++)
    {
      g_autoptr(CollateAnnotation) a = g_list_model_get_item (items, i);

      if (!collate_project_insert_annotation (copy, a, error))
        return NULL;
    }
  items = collate_project_get_links (project);
  for (guint i = 0, n = g_list_model_get_n_items (items); i < n; i++)
    {
      g_autoptr(CollateLink) l = g_list_model_get_item (items, i);

      if (!collate_project_insert_link (copy, l, error))
        return NULL;
    }
  items = collate_project_get_reviews (project);
  for (guint i = 0, n = g_list_model_get_n_items (items); i < n; i++)
    {
      g_autoptr(CollateReview) r = g_list_model_get_item (items, i);

      if (!collate_project_insert_review (copy, r, error))
        return NULL;
    }
  return g_steal_pointer (&copy);
}

typedef struct
{
  CollateProject *project;  /* the snapshot, the worker's alone */
  GFile          *destination;
  char           *generated;
} WriteData;

static void
write_data_free (gpointer data)
{
  WriteData *d = data;

  g_clear_object (&d->project);
  g_clear_object (&d->destination);
  g_free (d->generated);
  g_free (d);
}

static void
write_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *d = task_data;
  GError *error = NULL;

  if (collate_report_write (d->project, d->destination, d->generated, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
collate_report_write_async (CollateProject      *project,
                            GFile               *destination,
                            const char          *generated,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteData *d;
  GError *error = NULL;

  g_return_if_fail (COLLATE_IS_PROJECT (project));
  g_return_if_fail (G_IS_FILE (destination));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, collate_report_write_async);
  d = g_new0 (WriteData, 1);
  d->destination = g_object_ref (destination);
  d->generated = g_strdup (generated);
  g_task_set_task_data (task, d, write_data_free);
  d->project = snapshot (project, &error);
  if (d->project == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_run_in_thread (task, write_thread);
}

gboolean
collate_report_write_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
