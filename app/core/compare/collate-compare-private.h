/* collate-compare-private.h — what the files of compare/ share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "collate-document.h"

G_BEGIN_DECLS

/* Terms of sentences (collate-align.c) */
typedef struct _CollateTermTable CollateTermTable;
typedef void (*CollateTermFunc) (const char *term,
                                 float       boost,
                                 gpointer    user_data);

CollateTermTable *collate_term_table_new  (void);
void              collate_term_table_free (CollateTermTable *table);
void              collate_terms_foreach   (const char      *text,
                                           gsize            byte_start,
                                           gsize            byte_end,
                                           CollateTermFunc  func,
                                           gpointer         user_data);
GPtrArray        *collate_term_bags       (CollateTermTable *table,
                                           CollateDocument  *document,
                                           GArray           *sentences);
void              collate_term_bags_weigh (CollateTermTable *table,
                                           GPtrArray        *bags,
                                           guint             n_sentences);

/* Is there a line break in [start, end) (code points)? */
gboolean          collate_document_has_line_break (CollateDocument *document,
                                                   guint            start,
                                                   guint            end);

G_END_DECLS
