/* collate-curate.h — where annotators disagree in a merged project, and a curator's decisions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "collate-project.h"

G_BEGIN_DECLS

/*
 * Who made a span: the lines of its "annotators" attribute (a merged
 * project, team/collate-merge.h), else its author; NULL-terminated, empty
 * for a span with neither.
 */
GStrv             collate_annotation_dup_annotators   (CollateAnnotation *span);
/* Every annotator of the project's spans, sorted: those named by
 * "annotators" attributes if any span has one, else the spans' authors */
GStrv             collate_project_dup_annotators      (CollateProject    *project);
/* Who made a link, as for a span */
GStrv             collate_link_dup_annotators         (CollateLink       *link);

#define COLLATE_TYPE_DISPUTE (collate_dispute_get_type ())

G_DECLARE_FINAL_TYPE (CollateDispute, collate_dispute, COLLATE, DISPUTE, GObject)

/*
 * A passage where annotators disagree: spans of one document that not
 * every annotator made (in a merged project, spans without an "annotators"
 * attribute are the curator's own and never in dispute), overlapping one
 * another, with the extent [start, end) of them all.  Open while no
 * curation covers it; decided once one does (then the curation holds what
 * each annotator said, as it was).
 */
const char        *collate_dispute_get_document_id     (CollateDispute *self);
guint              collate_dispute_get_start           (CollateDispute *self);
guint              collate_dispute_get_end             (CollateDispute *self);
/* The project's annotators when the dispute was found (NULL-terminated) */
const char *const *collate_dispute_get_annotators      (CollateDispute *self);
/* The disputed spans, in project order (open disputes; empty once decided) */
GPtrArray         *collate_dispute_get_spans           (CollateDispute *self);
/* The decision, or NULL while open */
CollateCuration   *collate_dispute_get_curation        (CollateDispute *self);
gboolean           collate_dispute_is_decided          (CollateDispute *self);

/*
 * A link dispute: links not every annotator made between the spans at two
 * places (within a document or across two), either way round — different
 * labels for the same two ends, or a link some annotators made and others
 * did not.  The dispute's own document, start and end are the first place
 * (in project order), the link_… getters the other.  Link disputes come
 * after every span dispute, as deciding a span away removes its links.
 */
gboolean           collate_dispute_is_link             (CollateDispute *self);
const char        *collate_dispute_get_link_document_id (CollateDispute *self);
guint              collate_dispute_get_link_start      (CollateDispute *self);
guint              collate_dispute_get_link_end        (CollateDispute *self);
/* The disputed links (CollateLink), in project order (open link disputes) */
GPtrArray         *collate_dispute_get_links           (CollateDispute *self);

/*
 * Every dispute of @project (CollateDispute, owned by the array), open and
 * decided, in document order then start.  O(n log n) in the spans.
 */
GPtrArray         *collate_project_find_disputes       (CollateProject *project);

/*
 * Settles an open dispute: @choice COLLATE_CURATION_CHOICE_ONE keeps the
 * spans @annotator made and removes the others, _ALL keeps them all, _NONE
 * removes them all; a curation records it (the project's author as the
 * curator, now).  A span removed takes the links that join it along, in
 * the same step (as removing a span always does).  A link dispute is
 * settled in the same way over its links, recorded by a link curation.
 * One undo step.  Returns the curation (borrowed), or NULL
 * with @error (a decided dispute, an annotator who is not in it, spans
 * changed since the dispute was found).
 */
CollateCuration   *collate_project_curate              (CollateProject *project,
                                                        CollateDispute *dispute,
                                                        const char     *choice,
                                                        const char     *annotator,
                                                        GError        **error);

/*
 * Keeps a list of disputes (as collate_project_find_disputes() gives them,
 * in a GListStore of CollateDispute) up to date after the open dispute at
 * @position was settled by @curation, without finding them all again: that
 * dispute becomes the decided one in place — the same object, its
 * curation set and its spans and links emptied, without "items-changed"
 * (a list view would lay out every row again; show the item anew
 * yourself) — and when the decision removed links (spans decided away take
 * theirs along) the open link disputes that held them are replaced by ones
 * without them, or removed when none is left.  @n_links_removed is how
 * many links the decision removed (the project's links before it, less
 * after): with 0 the link disputes are not looked at.  O(log n), plus the
 * link disputes when links went.  Returns how many open disputes went away
 * besides the one settled.
 */
guint              collate_disputes_settle             (GListStore      *disputes,
                                                        guint            position,
                                                        CollateProject  *project,
                                                        CollateCuration *curation,
                                                        guint            n_links_removed);

G_END_DECLS
