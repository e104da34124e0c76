/* collate-occurrences.c — tagging every occurrence of a span's text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "collate-error.h"
#include "collate-occurrences.h"

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

GArray *
collate_document_find_word_occurrences (CollateDocument *document,
                                        const char      *needle)
{
  GArray *found = g_array_new (FALSE, FALSE, sizeof (CollateRange));
  const char *text, *end, *p;
  gsize n;
  guint counted = 0;
  const char *counted_to;
  guint needle_chars;

  g_return_val_if_fail (COLLATE_IS_DOCUMENT (document), found);
  if (needle == NULL || *needle == '\0')
    return found;

  text = collate_document_get_text (document);
  end = text + collate_document_get_byte_length (document);
  n = strlen (needle);
  needle_chars = (guint) g_utf8_strlen (needle, -1);
  counted_to = text;
  p = text;
  while ((p = g_strstr_len (p, end - p, needle)) != NULL)
    {
      const char *after = p + n;
      gboolean left = p == text || !is_word_char (g_utf8_get_char (g_utf8_prev_char (p)))
                      || !is_word_char (g_utf8_get_char (needle));
      gboolean right = after >= end || !is_word_char (g_utf8_get_char (after))
                       || !is_word_char (g_utf8_get_char (g_utf8_prev_char (needle + n)));

      if (left && right)
        {
          CollateRange r;

          counted += (guint) g_utf8_strlen (counted_to, p - counted_to);
          counted_to = p;
          r.start = counted;
          r.end = counted + needle_chars;
          g_array_append_val (found, r);
          p = after;
        }
      else
        p = g_utf8_next_char (p);
    }
  return found;
}

int
collate_project_tag_all_occurrences (CollateProject  *self,
                                     const char      *annotation_id,
                                     GError         **error)
{
  CollateAnnotation *source;
  const char *label, *needle;
  g_autofree char *description = NULL;
  int added = 0;
  guint n_documents;

  g_return_val_if_fail (COLLATE_IS_PROJECT (self), -1);

  source = collate_project_lookup_annotation (self, annotation_id);
  if (source == NULL)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND,
                   _("there is no annotation \"%s\" in this project"),
                   annotation_id ? annotation_id : "");
      return -1;
    }
  label = collate_annotation_get_label (source);
  needle = collate_annotation_get_text (source);

  /* Translators: an undo step, e.g. Tag All “Putin” */
  description = g_strdup_printf (_("Tag All “%s”"), needle);
  collate_project_begin_group (self, description);
  n_documents = collate_project_get_n_documents (self);
  for (guint d = 0; d < n_documents; d++)
    {
      CollateDocument *document = collate_project_get_document (self, d);
      const char *id = collate_document_get_id (document);
      g_autoptr(GArray) found = collate_document_find_word_occurrences (document, needle);

      for (guint i = 0; i < found->len; i++)
        {
          const CollateRange *r = &g_array_index (found, CollateRange, i);
          g_autoptr(GPtrArray) there = collate_project_get_spans_at (self, id, r->start);
          gboolean tagged = FALSE;

          for (guint k = 0; k < there->len && !tagged; k++)
            {
              CollateAnnotation *a = g_ptr_array_index (there, k);

              tagged = collate_annotation_get_start (a) == r->start
                       && collate_annotation_get_end (a) == r->end
                       && g_str_equal (collate_annotation_get_label (a), label);
            }
          if (tagged)
            continue;
          if (collate_project_add_span (self, id, r->start, r->end, label, NULL) != NULL)
            added++;
        }
    }
  collate_project_end_group (self);

  return added;
}
