/* collate-merge.h — three-way merge of a project's versions, by ids
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "collate-project.h"

G_BEGIN_DECLS

/* The metadata key under which a merge leaves its conflicts, one a line */
#define COLLATE_MERGE_CONFLICTS_KEY "merge_conflicts"

/*
 * Merges @ours and @theirs, two versions of @base, as git's merge driver:
 *  - annotations, links and reviews by id: a change on one side is taken;
 *    the same change on both is taken once; something added on both sides
 *    under the same id (ids come from each side's own counter) is kept
 *    twice, theirs under a fresh id (its links follow it);
 *  - a deletion on one side against an edit on the other keeps the edit,
 *    and two different edits keep ours: both are conflicts;
 *  - a link left without one of its spans is dropped, a conflict too;
 *  - documents by id (texts never change: the same id with two texts is an
 *    error); the schema's labels are the union, ours first; the title and
 *    metadata as for a change on one side, ours on a conflict.
 * The conflicts (sentences naming the ids) are appended to @conflicts and
 * recorded in the result's metadata under COLLATE_MERGE_CONFLICTS_KEY, so
 * that the window can show them; a clean merge removes that key.  The
 * result is built through the project's checked insertions, as a loaded
 * file is.  It holds the versions' own documents, spans, links and reviews
 * where they are taken unchanged (spans, links and reviews are immutable;
 * a document's metadata is not: change it in the result only after the
 * versions are no longer used).  NULL and @error when it cannot be merged
 * at all.
 */
CollateProject *collate_project_merge3 (CollateProject  *base,
                                        CollateProject  *ours,
                                        CollateProject  *theirs,
                                        GPtrArray       *conflicts,
                                        GError         **error);

G_END_DECLS

G_BEGIN_DECLS

/* The attribute of a merged span or link that lists who made it, one name a line */
#define COLLATE_ANNOTATORS_ATTRIBUTE "annotators"

/*
 * One project holding every annotator's spans and links: @projects are
 * versions of the same documents (paired by text, as the agreement does;
 * refused when the texts differ).  Identical spans (same document, range
 * and label) become one, made by the first who made it, with the attribute
 * COLLATE_ANNOTATORS_ATTRIBUTE listing every author who made it (a span's
 * author, or @names[i] when it has none), in the order of @projects.
 * Identical links (the same label between the same two merged spans,
 * either way round) become one too, made by the first who made it, with
 * the attribute COLLATE_ANNOTATORS_ATTRIBUTE listing every author who made
 * it in the same way (format version 4).  Ids are new.  The schema is the first
 * project's with any label the others add; documents are the first's.
 */
CollateProject *collate_projects_merge (CollateProject   **projects,
                                        const char *const *names,
                                        GError           **error);

G_END_DECLS
