/* collate-agreement-dialog.h — how far the open project's annotators agree, as a table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "collate.h"

G_BEGIN_DECLS

/* One row of the table: a span label, or every label (label NULL) */
typedef struct
{
  char   *label;
  guint   spans;          /* spans of this label, all annotators together */
  double  f1_exact;       /* mean over pairs of annotators */
  double  f1_overlap;
  double  kappa;          /* Cohen's (two annotators) or Fleiss' (more) */
  double  alpha;          /* Krippendorff's alpha, nominal, on tokens */
  double  alpha_u;        /* unitizing alpha on spans */
} CollateAgreementRow;

/* One row of the links' table: a link label (NULL: every label), a pair of
 * annotators (b against a) and where the links are, as collate-cli agree
 * gives them: how many each made, how many match (the same label, both
 * ends the same span, either way round), precision, recall and F1 */
typedef struct
{
  char             *label;
  guint             a;
  guint             b;
  CollateLinkScope  scope;
  guint             in_a;
  guint             in_b;
  guint             matched;
  double            precision;
  double            recall;
  double            f1;
} CollateAgreementLinkRow;

/*
 * The agreement figures of @project's annotators (team/collate-curate.h:
 * a span's "annotators" attribute or its author): each annotator's spans
 * as a version of the documents, compared with team/collate-agreement.h off
 * the main thread.  Finishes with a GPtrArray of CollateAgreementRow, the
 * labels first (sorted) and every label last; an error with fewer than two
 * annotators.
 */
void       collate_agreement_compute_async  (CollateProject      *project,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GPtrArray *collate_agreement_compute_finish (GAsyncResult        *result,
                                             GError             **error);
/* The same, with the links' figures in @link_rows (a GPtrArray of
 * CollateAgreementLinkRow, empty when no annotator made a link): per pair
 * of annotators, every label first then each, all links, within, across */
GPtrArray *collate_agreement_compute_finish_with_links (GAsyncResult  *result,
                                                       GPtrArray    **link_rows,
                                                       GError       **error);

/* A dialog that computes the figures when shown and lays them out */
GtkWindow *collate_agreement_dialog_new     (GtkWindow           *parent,
                                             CollateProject      *project);
/* TRUE once the table (or a message) is shown: for tests */
gboolean   collate_agreement_dialog_is_ready (GtkWindow          *dialog);

G_END_DECLS
