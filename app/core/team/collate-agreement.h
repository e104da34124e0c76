/* collate-agreement.h — how far annotators agree on the same documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "collate-project.h"
#include "collate-reliability.h"

G_BEGIN_DECLS

#define COLLATE_TYPE_AGREEMENT (collate_agreement_get_type ())

G_DECLARE_FINAL_TYPE (CollateAgreement, collate_agreement, COLLATE, AGREEMENT, GObject)

/* Which links a count is about */
typedef enum
{
  COLLATE_LINK_SCOPE_ALL,
  COLLATE_LINK_SCOPE_WITHIN,   /* both ends in one document */
  COLLATE_LINK_SCOPE_ACROSS,   /* ends in two documents */
} CollateLinkScope;

/*
 * Counts behind precision, recall and F1 of annotator b against annotator a
 * (a taken as the reference; swapping them swaps precision and recall):
 *  - exact: spans with the same document, start, end and label in both
 *    (each span matched once: min of the two counts per span);
 *  - overlap_a: a's spans that some span of b with the same label overlaps;
 *    overlap_b: the same the other way.
 * For links, exact counts links with the same label whose two ends match
 * exactly (in either direction); overlap_* are not used.
 */
typedef struct
{
  guint in_a;
  guint in_b;
  guint exact;
  guint overlap_a;
  guint overlap_b;
} CollateMatchCounts;

/* Exact precision (exact/in_b), recall (exact/in_a) and F1; NAN where a
 * count is 0 */
void collate_match_counts_exact   (const CollateMatchCounts *counts,
                                   double                   *precision,
                                   double                   *recall,
                                   double                   *f1);
/* Overlap precision (overlap_b/in_b), recall (overlap_a/in_a) and F1 */
void collate_match_counts_overlap (const CollateMatchCounts *counts,
                                   double                   *precision,
                                   double                   *recall,
                                   double                   *f1);

/* A span or a link that not every annotator made */
typedef struct
{
  gboolean    is_link;
  guint       document;      /* index among collate_agreement_get_n_documents() */
  guint       start;         /* spans: the span; links: the from end */
  guint       end;
  const char *label;
  const char *quote;
  /* links only: the other end */
  guint       to_document;
  guint       to_start;
  guint       to_end;
  const char *to_label;
  const char *to_quote;
  const char *from_label;    /* links: the span label of the from end */
  guint      *count;         /* per annotator: how many times it was made */
} CollateDisagreement;

/* @annotators: their names, at least two, for messages and tables */
CollateAgreement *collate_agreement_new               (const char *const *annotators);
guint             collate_agreement_get_n_annotators  (CollateAgreement  *self);
const char       *collate_agreement_get_annotator     (CollateAgreement  *self,
                                                       guint              index);

/*
 * Adds one version of the same documents per annotator (@projects, in the
 * order of the annotators).  Documents are paired by the sha256 of their
 * text, not by id or title; a project holding a text that another lacks is
 * refused (COLLATE_ERROR_INVALID), naming the annotators and the document.
 * May be called again for more projects (a corpus of many).
 */
gboolean          collate_agreement_add_projects      (CollateAgreement  *self,
                                                       CollateProject   **projects,
                                                       GError           **error);
/* Only the check of collate_agreement_add_projects(): every text of each
 * of @projects is in all the others, or the same error */
gboolean          collate_agreement_check_texts       (CollateAgreement  *self,
                                                       CollateProject   **projects,
                                                       GError           **error);

guint             collate_agreement_get_n_documents   (CollateAgreement  *self);
/* The document as the first annotator has it */
CollateDocument  *collate_agreement_get_document      (CollateAgreement  *self,
                                                       guint              index);
/* Span labels any annotator used, sorted (NULL-terminated, borrowed) */
const char *const *collate_agreement_get_span_labels  (CollateAgreement  *self);
/* Link labels any annotator used, sorted */
const char *const *collate_agreement_get_link_labels  (CollateAgreement  *self);

/* @label NULL: every span (a match still needs the same label) */
void              collate_agreement_get_span_counts   (CollateAgreement  *self,
                                                       guint              a,
                                                       guint              b,
                                                       const char        *label,
                                                       CollateMatchCounts *counts);
void              collate_agreement_get_link_counts   (CollateAgreement  *self,
                                                       guint              a,
                                                       guint              b,
                                                       const char        *label,
                                                       CollateLinkScope   scope,
                                                       CollateMatchCounts *counts);

/*
 * The tokens of every document (collate_tokenize()), one item each, coded
 * per annotator by the labels of the spans that overlap the token.  For
 * @label NULL the category is every such label, sorted and joined with
 * " + ", or "(none)"; for a label, the category is that label or "(not
 * LABEL)".  Owned by @self.
 */
CollateCoding    *collate_agreement_get_token_coding  (CollateAgreement  *self,
                                                       const char        *label);
/* Every document laid end to end as one continuum of characters, each
 * annotator's spans as units of their labels.  Owned by @self. */
CollateUnitizing *collate_agreement_get_unitizing     (CollateAgreement  *self);

/*
 * Computes now what the getters above compute on their first call, on two
 * threads: the token codings of every span label and of all labels on a
 * thread of its own, while the unitizing and its alphas are made on the
 * caller's.  Optional: for large projects,
 * to use a second processor.  Call it before any of those getters, and
 * not while another thread uses @self.
 */
void              collate_agreement_precompute        (CollateAgreement  *self);

/* CollateDisagreement items in document order, start, end, label: spans,
 * then links.  Borrowed. */
GPtrArray        *collate_agreement_get_disagreements (CollateAgreement  *self);

G_END_DECLS
