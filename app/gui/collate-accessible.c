/* collate-accessible.c — what a screen reader says about Collate's widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "collate-accessible.h"

/* Longest quote read out, in characters */
#define QUOTE_CHARS 80

static void
describe_links (GString           *out,
                CollateProject    *project,
                CollateAnnotation *span)
{
  const char *id = collate_annotation_get_id (span);
  g_autoptr(GPtrArray) links = collate_project_get_links_of (project, id);

  for (guint i = 0; links != NULL && i < links->len; i++)
    {
      CollateLink *link = g_ptr_array_index (links, i);
      gboolean from_here = g_strcmp0 (collate_link_get_from (link), id) == 0;
      const char *other_id = from_here ? collate_link_get_to (link) : collate_link_get_from (link);
      CollateAnnotation *other = collate_project_lookup_annotation (project, other_id);
      g_autofree char *quote = NULL;

      if (other == NULL)
        continue;
      quote = collate_text_quote (collate_annotation_get_text (other), QUOTE_CHARS);
      g_string_append (out, "; ");
      if (from_here)
        /* Translators: read out for a span with a link to another span, e.g.
         * "Contradicts “over four hours”" */
        g_string_append_printf (out, _("%s “%s”"), collate_link_get_label (link), quote);
      else
        /* Translators: read out for a span that another span links to, e.g.
         * "linked from “four-and-a-half-hour meeting” (Contradicts)" */
        g_string_append_printf (out, _("linked from “%s” (%s)"), quote, collate_link_get_label (link));
    }
}

char *
collate_accessible_describe_spans_at (CollateProject *project,
                                      const char     *document_id,
                                      guint           offset)
{
  g_autoptr(GPtrArray) spans = NULL;
  GString *out;

  g_return_val_if_fail (COLLATE_IS_PROJECT (project), NULL);
  g_return_val_if_fail (document_id != NULL, NULL);

  spans = collate_project_get_spans_at (project, document_id, offset);
  if (spans == NULL || spans->len == 0)
    return NULL;

  out = g_string_new (NULL);
  for (guint i = 0; i < spans->len; i++)
    {
      CollateAnnotation *span = g_ptr_array_index (spans, i);
      g_autofree char *quote = collate_text_quote (collate_annotation_get_text (span), QUOTE_CHARS);
      const char *note = collate_annotation_get_note (span);

      if (i > 0)
        g_string_append (out, ". ");
      /* Translators: read out when the caret is on a span: its label and
       * its text, e.g. "Claim: “get moving”" */
      g_string_append_printf (out, _("%s: “%s”"), collate_annotation_get_label (span), quote);
      if (note != NULL && *note != '\0')
        {
          g_autofree char *shown = collate_text_quote (note, QUOTE_CHARS);

          /* Translators: a span's note, read out after its label and text */
          g_string_append_printf (out, _("; note: %s"), shown);
        }
      describe_links (out, project, span);
    }
  return g_string_free (out, FALSE);
}

static void
update_property (GtkWidget             *widget,
                 GtkAccessibleProperty  property,
                 const char            *format,
                 va_list                args)
{
  g_autofree char *text = g_strdup_vprintf (format, args);

  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), property, text, -1);
}

void
collate_accessible_set_label (GtkWidget  *widget,
                              const char *format,
                              ...)
{
  va_list args;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  va_start (args, format);
  update_property (widget, GTK_ACCESSIBLE_PROPERTY_LABEL, format, args);
  va_end (args);
}

void
collate_accessible_set_description (GtkWidget  *widget,
                                    const char *format,
                                    ...)
{
  va_list args;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  va_start (args, format);
  update_property (widget, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, format, args);
  va_end (args);
}

/* ── The span at the caret ── */

typedef struct
{
  GtkTextView    *text_view;  /* not held: this lives as long as it */
  CollateProject *project;
  char           *document_id;
  char           *shown;      /* the description set last */
} Tracker;

static void
tracker_free (gpointer data)
{
  Tracker *t = data;

  g_clear_object (&t->project);
  g_free (t->document_id);
  g_free (t->shown);
  g_free (t);
}

static void
tracker_update (Tracker *t)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (t->text_view);
  GtkTextIter start, end;
  guint offset;
  g_autofree char *spans = NULL;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  offset = (guint) gtk_text_iter_get_offset (&start);
  spans = collate_accessible_describe_spans_at (t->project, t->document_id, offset);
  /* a caret just after a span (where tagging leaves it, or at the end of a
   * word that was tagged) reads that span */
  if (spans == NULL && offset > 0 && gtk_text_iter_equal (&start, &end))
    {
      g_autoptr(GPtrArray) before = collate_project_get_spans_at (t->project, t->document_id, offset - 1);
      gboolean ends_here = FALSE;

      for (guint i = 0; before != NULL && i < before->len; i++)
        if (collate_annotation_get_end (g_ptr_array_index (before, i)) == offset)
          ends_here = TRUE;
      if (ends_here)
        spans = collate_accessible_describe_spans_at (t->project, t->document_id, offset - 1);
    }
  if (spans != NULL)
    text = g_steal_pointer (&spans);
  else
    text = g_strdup (_("No span here; select text and press a label’s key (1 to 9) to tag it"));
  if (g_strcmp0 (text, t->shown) == 0)
    return;
  g_free (t->shown);
  t->shown = g_steal_pointer (&text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (t->text_view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  t->shown, -1);
}

#define TRACKER_KEY "collate-accessible-tracker"

static void
on_mark_set (GtkTextBuffer *buffer,
             GtkTextIter   *location,
             GtkTextMark   *mark,
             GtkTextView   *text_view)
{
  Tracker *t = g_object_get_data (G_OBJECT (text_view), TRACKER_KEY);

  if (t != NULL
      && (mark == gtk_text_buffer_get_insert (buffer) || mark == gtk_text_buffer_get_selection_bound (buffer)))
    tracker_update (t);
}

static void
on_project_changed (GtkTextView *text_view)
{
  Tracker *t = g_object_get_data (G_OBJECT (text_view), TRACKER_KEY);

  if (t != NULL)
    tracker_update (t);
}

void
collate_accessible_track_text_view (GtkTextView     *text_view,
                                    CollateProject  *project,
                                    CollateDocument *document)
{
  Tracker *t;

  g_return_if_fail (GTK_IS_TEXT_VIEW (text_view));
  g_return_if_fail (COLLATE_IS_PROJECT (project));
  g_return_if_fail (COLLATE_IS_DOCUMENT (document));

  t = g_new0 (Tracker, 1);
  t->text_view = text_view;
  t->project = g_object_ref (project);
  t->document_id = g_strdup (collate_document_get_id (document));
  g_object_set_data_full (G_OBJECT (text_view), TRACKER_KEY, t, tracker_free);

  gtk_accessible_update_property (GTK_ACCESSIBLE (text_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  collate_document_get_title (document), -1);
  g_signal_connect_object (gtk_text_view_get_buffer (text_view), "mark-set",
                           G_CALLBACK (on_mark_set), text_view, 0);
  /* a span made, changed or removed where the caret is */
  g_signal_connect_object (project, "changed", G_CALLBACK (on_project_changed), text_view,
                           G_CONNECT_SWAPPED);
  tracker_update (t);
}
