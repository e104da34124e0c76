/* collate-span-index.h — the spans of one document, ordered and searchable by offset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "collate-annotation.h"

G_BEGIN_DECLS

/* An interval treap keyed by (start, end, id), each node knowing its
 * subtree's size and largest end.  Insert, remove, rank and select are
 * O(log n) expected; the spans covering or overlapping a range come out in
 * key order in O(log n + k) for the usual shapes of annotation data. */
typedef struct _CollateSpanIndex CollateSpanIndex;

typedef gboolean (*CollateSpanFunc) (CollateAnnotation *annotation,
                                     gpointer           user_data);

CollateSpanIndex  *collate_span_index_new          (void);
void               collate_span_index_free         (CollateSpanIndex  *self);
guint              collate_span_index_get_size     (CollateSpanIndex  *self);
void               collate_span_index_insert       (CollateSpanIndex  *self,
                                                    CollateAnnotation *annotation);
gboolean           collate_span_index_remove       (CollateSpanIndex  *self,
                                                    CollateAnnotation *annotation);
/* Position of @annotation in key order, or -1 if absent */
int                collate_span_index_rank         (CollateSpanIndex  *self,
                                                    CollateAnnotation *annotation);
CollateAnnotation *collate_span_index_select       (CollateSpanIndex  *self,
                                                    guint              position);
/* Appends (borrowed) spans with start < @end and end > @start to @out; a
 * stabbing query for offset x is (x, x + 1). */
void               collate_span_index_overlapping  (CollateSpanIndex  *self,
                                                    guint              start,
                                                    guint              end,
                                                    GPtrArray         *out);
/* In key order; stops early when @func returns FALSE */
void               collate_span_index_foreach      (CollateSpanIndex  *self,
                                                    CollateSpanFunc    func,
                                                    gpointer           user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CollateSpanIndex, collate_span_index_free)

G_END_DECLS
