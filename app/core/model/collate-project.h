/* collate-project.h — documents, schema, annotations and links, with undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "collate-annotation.h"
#include "collate-curation.h"
#include "collate-document.h"
#include "collate-link.h"
#include "collate-review.h"
#include "collate-schema.h"

G_BEGIN_DECLS

#define COLLATE_TYPE_PROJECT (collate_project_get_type ())

G_DECLARE_FINAL_TYPE (CollateProject, collate_project, COLLATE, PROJECT, GObject)

/* Returns a newly allocated ISO 8601 UTC timestamp for "now". */
typedef char *(*CollateClockFunc) (gpointer user_data);

CollateProject    *collate_project_new                  (const char      *title,
                                                         CollateSchema   *schema);
const char        *collate_project_get_title            (CollateProject  *self);
void               collate_project_set_title            (CollateProject  *self,
                                                         const char      *title);
CollateSchema     *collate_project_get_schema           (CollateProject  *self);
/* Written as "author" on every new annotation and link */
const char        *collate_project_get_author           (CollateProject  *self);
void               collate_project_set_author           (CollateProject  *self,
                                                         const char      *author);
/* For tests: where "created"/"modified" come from (default: the clock) */
void               collate_project_set_clock            (CollateProject  *self,
                                                         CollateClockFunc func,
                                                         gpointer         user_data);
/* Free-form project metadata (string → string), saved with the project */
GHashTable        *collate_project_get_metadata         (CollateProject  *self);

/* ── Documents (added while building a project, not undoable; or
 * appended to an open one as an undoable step) ── */
gboolean           collate_project_add_document         (CollateProject  *self,
                                                         CollateDocument *document,
                                                         GError         **error);
/* The same as one undoable step ("Add Document"), appended last */
gboolean           collate_project_append_document      (CollateProject  *self,
                                                         CollateDocument *document,
                                                         GError         **error);
/* A fresh document id ("d1", "d2", …) */
char              *collate_project_next_document_id     (CollateProject  *self);
GListModel        *collate_project_get_documents        (CollateProject  *self);
guint              collate_project_get_n_documents      (CollateProject  *self);
CollateDocument   *collate_project_get_document         (CollateProject  *self,
                                                         guint            index);
CollateDocument   *collate_project_lookup_document      (CollateProject  *self,
                                                         const char      *id);
/* -1 if unknown */
int                collate_project_get_document_index   (CollateProject  *self,
                                                         const char      *id);

/* ── Reading annotations and links ── */
/* CollateAnnotation items sorted by (document order, start, end, id) */
GListModel        *collate_project_get_annotations      (CollateProject  *self);
/* CollateLink items sorted by id (collate_id_compare) */
GListModel        *collate_project_get_links            (CollateProject  *self);
guint              collate_project_get_n_annotations    (CollateProject  *self);
guint              collate_project_get_n_links          (CollateProject  *self);
CollateAnnotation *collate_project_lookup_annotation    (CollateProject  *self,
                                                         const char      *id);
CollateLink       *collate_project_lookup_link          (CollateProject  *self,
                                                         const char      *id);
/* Position of @id in collate_project_get_annotations(), or -1 */
int                collate_project_get_annotation_position (CollateProject *self,
                                                         const char      *id);
int                collate_project_get_link_position    (CollateProject  *self,
                                                         const char      *id);
/* Spans with start ≤ @offset < end, in (start, end, id) order.
 * O(log n + k).  Free with g_ptr_array_unref(); items are borrowed. */
GPtrArray         *collate_project_get_spans_at         (CollateProject  *self,
                                                         const char      *document_id,
                                                         guint            offset);
/* Spans overlapping [@start, @end), in (start, end, id) order */
GPtrArray         *collate_project_get_spans_in_range   (CollateProject  *self,
                                                         const char      *document_id,
                                                         guint            start,
                                                         guint            end);
guint              collate_project_get_n_spans_in_document (CollateProject *self,
                                                         const char      *document_id);
/* Links whose from or to is @annotation_id, sorted by id; borrowed items */
GPtrArray         *collate_project_get_links_of         (CollateProject  *self,
                                                         const char      *annotation_id);

/* ── Decisions on suggestions, for audit ── */
/* CollateReview items sorted by id */
GListModel        *collate_project_get_reviews          (CollateProject  *self);
guint              collate_project_get_n_reviews        (CollateProject  *self);
CollateReview     *collate_project_lookup_review        (CollateProject  *self,
                                                         const char      *id);

/* ── Curators' decisions on where annotators disagree, for audit ── */
/* CollateCuration items sorted by id */
GListModel        *collate_project_get_curations        (CollateProject  *self);
guint              collate_project_get_n_curations      (CollateProject  *self);
CollateCuration   *collate_project_lookup_curation      (CollateProject  *self,
                                                         const char      *id);
/* Read from a file: checked (unique id, document, ranges and quotes,
 * choice, labels), not recorded for undo */
gboolean           collate_project_insert_curation      (CollateProject  *self,
                                                         CollateCuration *curation,
                                                         GError         **error);
/* Records a curator's decision (the project's author, now) with a fresh id
 * ("c…"); the quote of [@start, @end) is taken from the document.  One undo
 * step, or part of the open group (team/collate-curate.h makes the whole
 * decision: the spans it rejects removed and this record, as one step). */
CollateCuration   *collate_project_add_curation         (CollateProject               *self,
                                                         const char                   *document_id,
                                                         guint                         start,
                                                         guint                         end,
                                                         const char                   *choice,
                                                         const char *const            *chosen,
                                                         const CollateCurationVersion *versions,
                                                         guint                         n_versions,
                                                         GError                      **error);
/* The same for a decision on links between two spans: [@start, @end) of
 * @document_id is the first end, [@link_start, @link_end) of
 * @link_document_id the other (collate_curation_new_for_links()) */
CollateCuration   *collate_project_add_link_curation    (CollateProject               *self,
                                                         const char                   *document_id,
                                                         guint                         start,
                                                         guint                         end,
                                                         const char                   *link_document_id,
                                                         guint                         link_start,
                                                         guint                         link_end,
                                                         const char                   *choice,
                                                         const char *const            *chosen,
                                                         const CollateCurationVersion *versions,
                                                         guint                         n_versions,
                                                         GError                      **error);

/* ── Building from a file or an import (validated, not undoable) ── */
gboolean           collate_project_insert_annotation    (CollateProject    *self,
                                                         CollateAnnotation *annotation,
                                                         GError           **error);
gboolean           collate_project_insert_link          (CollateProject    *self,
                                                         CollateLink       *link,
                                                         GError           **error);
gboolean           collate_project_insert_review        (CollateProject    *self,
                                                         CollateReview     *review,
                                                         GError           **error);
/* The counter behind new ids; never goes below what the project holds */
guint64            collate_project_get_next_id          (CollateProject  *self);
void               collate_project_set_next_id          (CollateProject  *self,
                                                         guint64          next_id);

/* ── Changes: each is one undo step, validated, and notified ── */
/* Returns the new annotation (borrowed), with a fresh id */
CollateAnnotation *collate_project_add_span             (CollateProject  *self,
                                                         const char      *document_id,
                                                         guint            start,
                                                         guint            end,
                                                         const char      *label,
                                                         GError         **error);
/* Removes the span and every link that joins it, as one step */
gboolean           collate_project_remove_annotation    (CollateProject  *self,
                                                         const char      *id,
                                                         GError         **error);
gboolean           collate_project_set_annotation_label (CollateProject  *self,
                                                         const char      *id,
                                                         const char      *label,
                                                         GError         **error);
/* New edges for a span: everything else of it, links included, stays */
gboolean           collate_project_set_annotation_range (CollateProject  *self,
                                                         const char      *id,
                                                         guint            start,
                                                         guint            end,
                                                         GError         **error);
gboolean           collate_project_set_annotation_note  (CollateProject  *self,
                                                         const char      *id,
                                                         const char      *note,
                                                         GError         **error);
/* @value NULL removes the attribute */
gboolean           collate_project_set_annotation_attribute (CollateProject *self,
                                                         const char      *id,
                                                         const char      *key,
                                                         const char      *value,
                                                         GError         **error);
CollateLink       *collate_project_add_link             (CollateProject  *self,
                                                         const char      *label,
                                                         const char      *from_id,
                                                         const char      *to_id,
                                                         GError         **error);
gboolean           collate_project_remove_link          (CollateProject  *self,
                                                         const char      *id,
                                                         GError         **error);
gboolean           collate_project_set_link_label       (CollateProject  *self,
                                                         const char      *id,
                                                         const char      *label,
                                                         GError         **error);
gboolean           collate_project_set_link_note        (CollateProject  *self,
                                                         const char      *id,
                                                         const char      *note,
                                                         GError         **error);
/* Records a decision on a suggestion (compare/collate-suggestion.h makes
 * them); gets a fresh id ("r…").  One undo step, or part of the open group.
 * @sides' documents must exist and their ranges hold their texts. */
CollateReview     *collate_project_add_review           (CollateProject        *self,
                                                         CollateReviewDecision  decision,
                                                         const char            *kind,
                                                         double                 confidence,
                                                         const char            *reason,
                                                         const char            *link_label,
                                                         const CollateReviewSide sides[2],
                                                         GError               **error);
gboolean           collate_project_remove_review        (CollateProject  *self,
                                                         const char      *id,
                                                         GError         **error);
/* Several changes as one undo step (nestable) */
void               collate_project_begin_group          (CollateProject  *self,
                                                         const char      *description);
void               collate_project_end_group            (CollateProject  *self);

/* ── Undo, redo and the saved state ── */
gboolean           collate_project_can_undo             (CollateProject  *self);
gboolean           collate_project_can_redo             (CollateProject  *self);
/* A short description of what undo/redo would do ("Add Claim"), or NULL */
const char        *collate_project_get_undo_description (CollateProject  *self);
const char        *collate_project_get_redo_description (CollateProject  *self);
gboolean           collate_project_undo                 (CollateProject  *self);
gboolean           collate_project_redo                 (CollateProject  *self);
/* TRUE when the project differs from the last saved/loaded state */
gboolean           collate_project_get_modified         (CollateProject  *self);
/* Marks the current state as saved (FALSE) or forces it unsaved (TRUE) */
void               collate_project_set_modified         (CollateProject  *self,
                                                         gboolean         modified);
/* A token for the current state (never reused, changes with every change,
 * undo and redo) so that a background save can mark as saved exactly the
 * state it wrote: collate_project_mark_saved (self, token). */
guint64            collate_project_get_state            (CollateProject  *self);
void               collate_project_mark_saved           (CollateProject  *self,
                                                         guint64          state);

/*
 * Signals (all emitted after the model has changed, for undo and redo too):
 *   annotation-added   (CollateAnnotation *annotation)
 *   annotation-removed (CollateAnnotation *annotation)
 *   annotation-changed (CollateAnnotation *old, CollateAnnotation *new)
 *   link-added         (CollateLink *link)
 *   link-removed       (CollateLink *link)
 *   link-changed       (CollateLink *old, CollateLink *new)
 *   review-added       (CollateReview *review)
 *   review-removed     (CollateReview *review)
 *   curation-added     (CollateCuration *curation)
 *   curation-removed   (CollateCuration *curation)
 *   changed            ()   — once per change, undo or redo, after the above
 * Properties: title, author, can-undo, can-redo, modified (all notify).
 */

G_END_DECLS
