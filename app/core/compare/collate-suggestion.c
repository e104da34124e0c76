/* collate-suggestion.c — a difference (or agreement) found between two reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "collate-enum-types.h"
#include "collate-error.h"
#include "collate-suggestion.h"

typedef struct
{
  char  *document_id;
  guint  start;
  guint  end;
  char  *quote;
  char  *annotation_id;
} Side;

struct _CollateSuggestion
{
  GObject               parent_instance;

  CollateSuggestionKind kind;
  double                confidence;
  char                 *reason;
  const char           *link_label;  /* static */
  Side                  sides[2];
};

G_DEFINE_FINAL_TYPE (CollateSuggestion, collate_suggestion, G_TYPE_OBJECT)

static void
collate_suggestion_finalize (GObject *object)
{
  CollateSuggestion *self = (CollateSuggestion *) object;

  g_free (self->reason);
  for (guint i = 0; i < 2; i++)
    {
      g_free (self->sides[i].document_id);
      g_free (self->sides[i].quote);
      g_free (self->sides[i].annotation_id);
    }

  G_OBJECT_CLASS (collate_suggestion_parent_class)->finalize (object);
}

static void
collate_suggestion_class_init (CollateSuggestionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = collate_suggestion_finalize;
}

static void
collate_suggestion_init (CollateSuggestion *self)
{
}

static const char *
static_link_label (const char *label)
{
  if (g_strcmp0 (label, COLLATE_LINK_CORROBORATES) == 0)
    return COLLATE_LINK_CORROBORATES;
  if (g_strcmp0 (label, COLLATE_LINK_SAME_ENTITY) == 0)
    return COLLATE_LINK_SAME_ENTITY;
  return COLLATE_LINK_CONTRADICTS;
}

CollateSuggestion *
collate_suggestion_new (CollateSuggestionKind kind,
                        double                confidence,
                        const char           *reason,
                        const char           *link_label,
                        const char           *document_a,
                        guint                 start_a,
                        guint                 end_a,
                        const char           *quote_a,
                        const char           *annotation_a,
                        const char           *document_b,
                        guint                 start_b,
                        guint                 end_b,
                        const char           *quote_b,
                        const char           *annotation_b)
{
  CollateSuggestion *self = g_object_new (COLLATE_TYPE_SUGGESTION, NULL);

  self->kind = kind;
  self->confidence = CLAMP (confidence, 0.0, 1.0);
  self->reason = g_strdup (reason ? reason : "");
  self->link_label = static_link_label (link_label);
  self->sides[0] = (Side) { g_strdup (document_a), start_a, end_a, g_strdup (quote_a ? quote_a : ""),
                            g_strdup (annotation_a) };
  self->sides[1] = (Side) { g_strdup (document_b), start_b, end_b, g_strdup (quote_b ? quote_b : ""),
                            g_strdup (annotation_b) };
  return self;
}

CollateSuggestionKind
collate_suggestion_get_kind (CollateSuggestion *self)
{
  g_return_val_if_fail (COLLATE_IS_SUGGESTION (self), 0);
  return self->kind;
}

const char *
collate_suggestion_get_kind_name (CollateSuggestion *self)
{
  g_return_val_if_fail (COLLATE_IS_SUGGESTION (self), NULL);
  return collate_suggestion_kind_to_string (self->kind);
}

double
collate_suggestion_get_confidence (CollateSuggestion *self)
{
  g_return_val_if_fail (COLLATE_IS_SUGGESTION (self), 0);
  return self->confidence;
}

const char *
collate_suggestion_get_reason (CollateSuggestion *self)
{
  g_return_val_if_fail (COLLATE_IS_SUGGESTION (self), NULL);
  return self->reason;
}

const char *
collate_suggestion_get_link_label (CollateSuggestion *self)
{
  g_return_val_if_fail (COLLATE_IS_SUGGESTION (self), NULL);
  return self->link_label;
}

#define SIDE_GETTER(type, name, field, fallback)                          \
  type                                                                    \
  collate_suggestion_get_##name (CollateSuggestion *self,                 \
                                 guint              side)                 \
  {                                                                       \
    g_return_val_if_fail (COLLATE_IS_SUGGESTION (self), fallback);        \
    g_return_val_if_fail (side < 2, fallback);                            \
    return self->sides[side].field;                                       \
  }

SIDE_GETTER (const char *, document_id, document_id, NULL)
SIDE_GETTER (guint, start, start, 0)
SIDE_GETTER (guint, end, end, 0)
SIDE_GETTER (const char *, quote, quote, NULL)
SIDE_GETTER (const char *, annotation_id, annotation_id, NULL)

int
collate_suggestion_compare (CollateSuggestion *a,
                            CollateSuggestion *b)
{
  int c;

  if (a->confidence != b->confidence)
    return a->confidence > b->confidence ? -1 : 1;
  for (guint i = 0; i < 2; i++)
    {
      if ((c = g_strcmp0 (a->sides[i].document_id, b->sides[i].document_id)) != 0)
        return c;
      if (a->sides[i].start != b->sides[i].start)
        return a->sides[i].start < b->sides[i].start ? -1 : 1;
      if (a->sides[i].end != b->sides[i].end)
        return a->sides[i].end < b->sides[i].end ? -1 : 1;
    }
  if (a->kind != b->kind)
    return a->kind < b->kind ? -1 : 1;
  return g_strcmp0 (a->reason, b->reason);
}

const char *
collate_suggestion_kind_to_string (CollateSuggestionKind kind)
{
  GEnumClass *klass = g_type_class_ref (COLLATE_TYPE_SUGGESTION_KIND);
  GEnumValue *value = g_enum_get_value (klass, (int) kind);

  g_type_class_unref (klass);  /* static type: the nick outlives it */
  return value ? value->value_nick : NULL;
}

gboolean
collate_suggestion_kind_from_string (const char            *name,
                                     CollateSuggestionKind *kind)
{
  GEnumClass *klass;
  GEnumValue *value;

  if (name == NULL)
    return FALSE;
  klass = g_type_class_ref (COLLATE_TYPE_SUGGESTION_KIND);
  value = g_enum_get_value_by_nick (klass, name);
  g_type_class_unref (klass);
  if (value == NULL)
    return FALSE;
  if (kind)
    *kind = (CollateSuggestionKind) value->value;
  return TRUE;
}

gboolean
collate_suggestion_kind_is_conflict (CollateSuggestionKind kind)
{
  return kind != COLLATE_SUGGESTION_AGREEMENT && kind != COLLATE_SUGGESTION_QUANTITY_PRECISION
         && kind != COLLATE_SUGGESTION_SAME_ENTITY;
}

/* ── Deciding ── */

static void
fill_review_sides (CollateSuggestion *self,
                   CollateReviewSide  sides[2])
{
  for (guint i = 0; i < 2; i++)
    {
      sides[i].document_id = self->sides[i].document_id;
      sides[i].start = self->sides[i].start;
      sides[i].end = self->sides[i].end;
      sides[i].text = self->sides[i].quote;
    }
}

CollateReview *
collate_suggestion_find_review (CollateSuggestion *self,
                                CollateProject    *project)
{
  GListModel *reviews;
  guint n;

  g_return_val_if_fail (COLLATE_IS_SUGGESTION (self), NULL);
  g_return_val_if_fail (COLLATE_IS_PROJECT (project), NULL);

  reviews = collate_project_get_reviews (project);
  n = g_list_model_get_n_items (reviews);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CollateReview) review = g_list_model_get_item (reviews, i);

      if (collate_review_matches (review, collate_suggestion_get_kind_name (self),
                                  self->sides[0].document_id, self->sides[0].start, self->sides[0].end,
                                  self->sides[1].document_id, self->sides[1].start, self->sides[1].end))
        return review;
    }
  return NULL;
}

CollateReview *
collate_suggestion_reject (CollateSuggestion *self,
                           CollateProject    *project,
                           GError           **error)
{
  CollateReviewSide sides[2];

  g_return_val_if_fail (COLLATE_IS_SUGGESTION (self), NULL);
  g_return_val_if_fail (COLLATE_IS_PROJECT (project), NULL);

  fill_review_sides (self, sides);
  return collate_project_add_review (project, COLLATE_REVIEW_REJECTED,
                                     collate_suggestion_get_kind_name (self), self->confidence,
                                     self->reason, self->link_label, sides, error);
}

/* The span a side will use: its annotation, or one already at its range,
 * or NULL (one must be made).  Fails if the side's annotation is gone or
 * the side does not fit the document. */
static gboolean
side_span (CollateSuggestion  *self,
           CollateProject     *project,
           guint               side,
           const char         *span_label,
           CollateAnnotation **out,
           GError            **error)
{
  const Side *s = &self->sides[side];
  CollateDocument *document;
  g_autoptr(GPtrArray) spans = NULL;
  CollateAnnotation *any = NULL;

  *out = NULL;
  if (s->annotation_id != NULL)
    {
      *out = collate_project_lookup_annotation (project, s->annotation_id);
      if (*out == NULL)
        {
          g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND,
                       _("the span “%s” this suggestion is about is no longer in the project"),
                       s->annotation_id);
          return FALSE;
        }
      return TRUE;
    }

  document = collate_project_lookup_document (project, s->document_id);
  if (document == NULL)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND,
                   _("there is no document \"%s\" in this project"), s->document_id);
      return FALSE;
    }
  if (s->start >= s->end || s->end > collate_document_get_length (document)
      || !collate_document_slice_equals (document, s->start, s->end, s->quote))
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_RANGE,
                   _("this suggestion's range %u–%u does not fit document \"%s\""),
                   s->start, s->end, s->document_id);
      return FALSE;
    }

  spans = collate_project_get_spans_at (project, s->document_id, s->start);
  for (guint i = 0; i < spans->len; i++)
    {
      CollateAnnotation *a = g_ptr_array_index (spans, i);

      if (collate_annotation_get_start (a) != s->start || collate_annotation_get_end (a) != s->end)
        continue;
      if (span_label != NULL && g_str_equal (collate_annotation_get_label (a), span_label))
        {
          *out = a;
          return TRUE;
        }
      if (any == NULL)
        any = a;
    }
  if (span_label == NULL)
    *out = any;
  return TRUE;
}

CollateLink *
collate_suggestion_accept (CollateSuggestion *self,
                           CollateProject    *project,
                           const char        *span_label,
                           const char        *link_label,
                           GError           **error)
{
  CollateSchema *schema;
  CollateAnnotation *spans[2] = { NULL, NULL };
  const char *new_label;
  CollateLink *link = NULL;
  CollateReviewSide sides[2];
  g_autoptr(GPtrArray) existing = NULL;

  g_return_val_if_fail (COLLATE_IS_SUGGESTION (self), NULL);
  g_return_val_if_fail (COLLATE_IS_PROJECT (project), NULL);

  schema = collate_project_get_schema (project);
  new_label = span_label ? span_label : "Claim";
  if (link_label == NULL)
    link_label = self->link_label;

  /* Everything that can fail is checked before the first change */
  for (guint i = 0; i < 2; i++)
    if (!side_span (self, project, i, span_label, &spans[i], error))
      return NULL;
  if ((spans[0] == NULL || spans[1] == NULL)
      && collate_schema_lookup (schema, COLLATE_LABEL_KIND_SPAN, new_label) == NULL)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND,
                   _("“%s” is not a span label of this project's schema"), new_label);
      return NULL;
    }
  if (collate_schema_lookup (schema, COLLATE_LABEL_KIND_LINK, link_label) == NULL)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND,
                   _("“%s” is not a link label of this project's schema"), link_label);
      return NULL;
    }
  if ((spans[0] != NULL && spans[0] == spans[1])
      || (self->sides[0].annotation_id == NULL && self->sides[1].annotation_id == NULL
          && g_strcmp0 (self->sides[0].document_id, self->sides[1].document_id) == 0
          && self->sides[0].start == self->sides[1].start && self->sides[0].end == self->sides[1].end))
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                   _("both sides of this suggestion are the same span"));
      return NULL;
    }

  collate_project_begin_group (project, _("Accept Suggestion"));
  for (guint i = 0; i < 2; i++)
    if (spans[i] == NULL)
      {
        spans[i] = collate_project_add_span (project, self->sides[i].document_id,
                                             self->sides[i].start, self->sides[i].end,
                                             new_label, NULL);
        g_assert (spans[i] != NULL);  /* checked above */
      }

  existing = collate_project_get_links_of (project, collate_annotation_get_id (spans[0]));
  for (guint i = 0; i < existing->len; i++)
    {
      CollateLink *other = g_ptr_array_index (existing, i);
      const char *a = collate_annotation_get_id (spans[0]), *b = collate_annotation_get_id (spans[1]);

      if (g_str_equal (collate_link_get_label (other), link_label)
          && ((g_str_equal (collate_link_get_from (other), a) && g_str_equal (collate_link_get_to (other), b))
              || (g_str_equal (collate_link_get_from (other), b) && g_str_equal (collate_link_get_to (other), a))))
        link = other;
    }
  if (link == NULL)
    link = collate_project_add_link (project, link_label, collate_annotation_get_id (spans[0]),
                                     collate_annotation_get_id (spans[1]), NULL);
  g_assert (link != NULL);

  fill_review_sides (self, sides);
  if (collate_project_add_review (project, COLLATE_REVIEW_ACCEPTED,
                                  collate_suggestion_get_kind_name (self), self->confidence,
                                  self->reason, link_label, sides, NULL) == NULL)
    g_assert_not_reached ();  /* the sides were checked above */
  collate_project_end_group (project);

  return link;
}
