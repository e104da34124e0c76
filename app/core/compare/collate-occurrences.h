/* collate-occurrences.h — tagging every occurrence of a span's text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "collate-project.h"
#include "collate-sentences.h"

G_BEGIN_DECLS

/*
 * Tags with the label of span @annotation_id every other whole-word
 * occurrence of its text (the same characters, case included, not inside a
 * longer word) in every document of @project, as ONE undo step ("Tag All
 * “…”").  Occurrences already tagged with that label at exactly that range
 * are skipped.  Returns the number of spans added (0 is not an error: then
 * nothing changes), or -1 with @error set (unknown id).
 */
int collate_project_tag_all_occurrences (CollateProject  *self,
                                         const char      *annotation_id,
                                         GError         **error);

/* The whole-word occurrences of @needle in @document, as an array of
 * CollateRange in text order */
GArray *collate_document_find_word_occurrences (CollateDocument *document,
                                                const char      *needle);

G_END_DECLS
