/* collate-review.c — a decision on a suggestion, kept for audit (an immutable value)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "collate-review.h"

typedef struct
{
  char  *document_id;
  guint  start;
  guint  end;
  char  *text;
} Side;

struct _CollateReview
{
  GObject               parent_instance;

  char                 *id;
  CollateReviewDecision decision;
  char                 *kind;
  double                confidence;
  char                 *reason;
  char                 *link_label;
  Side                  sides[2];
  CollateReviewSide     views[2];
  char                 *author;
  char                 *created;
};

G_DEFINE_FINAL_TYPE (CollateReview, collate_review, G_TYPE_OBJECT)

static void
collate_review_finalize (GObject *object)
{
  CollateReview *self = (CollateReview *) object;

  g_free (self->id);
  g_free (self->kind);
  g_free (self->reason);
  g_free (self->link_label);
  for (guint i = 0; i < 2; i++)
    {
      g_free (self->sides[i].document_id);
      g_free (self->sides[i].text);
    }
  g_free (self->author);
  g_free (self->created);

  G_OBJECT_CLASS (collate_review_parent_class)->finalize (object);
}

static void
collate_review_class_init (CollateReviewClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = collate_review_finalize;
}

static void
collate_review_init (CollateReview *self)
{
}

CollateReview *
collate_review_new (const char              *id,
                    CollateReviewDecision    decision,
                    const char              *kind,
                    double                   confidence,
                    const char              *reason,
                    const char              *link_label,
                    const CollateReviewSide  sides[2],
                    const char              *author,
                    const char              *created)
{
  CollateReview *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (sides != NULL, NULL);

  self = g_object_new (COLLATE_TYPE_REVIEW, NULL);
  self->id = g_strdup (id);
  self->decision = decision;
  self->kind = g_strdup (kind ? kind : "");
  self->confidence = CLAMP (confidence, 0.0, 1.0);
  self->reason = g_strdup (reason ? reason : "");
  self->link_label = g_strdup (link_label ? link_label : "");
  for (guint i = 0; i < 2; i++)
    {
      self->sides[i].document_id = g_strdup (sides[i].document_id ? sides[i].document_id : "");
      self->sides[i].start = sides[i].start;
      self->sides[i].end = sides[i].end;
      self->sides[i].text = g_strdup (sides[i].text ? sides[i].text : "");
      self->views[i].document_id = self->sides[i].document_id;
      self->views[i].start = self->sides[i].start;
      self->views[i].end = self->sides[i].end;
      self->views[i].text = self->sides[i].text;
    }
  self->author = g_strdup (author ? author : "");
  self->created = g_strdup (created ? created : "");

  return self;
}

const char *
collate_review_get_id (CollateReview *self)
{
  g_return_val_if_fail (COLLATE_IS_REVIEW (self), NULL);
  return self->id;
}

CollateReviewDecision
collate_review_get_decision (CollateReview *self)
{
  g_return_val_if_fail (COLLATE_IS_REVIEW (self), COLLATE_REVIEW_REJECTED);
  return self->decision;
}

const char *
collate_review_get_decision_name (CollateReview *self)
{
  g_return_val_if_fail (COLLATE_IS_REVIEW (self), NULL);
  return self->decision == COLLATE_REVIEW_ACCEPTED ? "accepted" : "rejected";
}

const char *
collate_review_get_kind (CollateReview *self)
{
  g_return_val_if_fail (COLLATE_IS_REVIEW (self), NULL);
  return self->kind;
}

double
collate_review_get_confidence (CollateReview *self)
{
  g_return_val_if_fail (COLLATE_IS_REVIEW (self), 0);
  return self->confidence;
}

const char *
collate_review_get_reason (CollateReview *self)
{
  g_return_val_if_fail (COLLATE_IS_REVIEW (self), NULL);
  return self->reason;
}

const char *
collate_review_get_link_label (CollateReview *self)
{
  g_return_val_if_fail (COLLATE_IS_REVIEW (self), NULL);
  return self->link_label;
}

const CollateReviewSide *
collate_review_get_side (CollateReview *self,
                         guint          side)
{
  g_return_val_if_fail (COLLATE_IS_REVIEW (self), NULL);
  g_return_val_if_fail (side < 2, NULL);
  return &self->views[side];
}

const char *
collate_review_get_author (CollateReview *self)
{
  g_return_val_if_fail (COLLATE_IS_REVIEW (self), NULL);
  return self->author;
}

const char *
collate_review_get_created (CollateReview *self)
{
  g_return_val_if_fail (COLLATE_IS_REVIEW (self), NULL);
  return self->created;
}

static gboolean
side_is (const Side *side,
         const char *document_id,
         guint       start,
         guint       end)
{
  return side->start == start && side->end == end && g_strcmp0 (side->document_id, document_id) == 0;
}

gboolean
collate_review_matches (CollateReview *self,
                        const char    *kind,
                        const char    *document_a,
                        guint          start_a,
                        guint          end_a,
                        const char    *document_b,
                        guint          start_b,
                        guint          end_b)
{
  g_return_val_if_fail (COLLATE_IS_REVIEW (self), FALSE);

  if (g_strcmp0 (self->kind, kind) != 0)
    return FALSE;
  return (side_is (&self->sides[0], document_a, start_a, end_a) &&
          side_is (&self->sides[1], document_b, start_b, end_b)) ||
         (side_is (&self->sides[0], document_b, start_b, end_b) &&
          side_is (&self->sides[1], document_a, start_a, end_a));
}
