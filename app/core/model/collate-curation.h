/* collate-curation.h — a curator's decision on a disagreement between annotators (an immutable value)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define COLLATE_TYPE_CURATION (collate_curation_get_type ())

G_DECLARE_FINAL_TYPE (CollateCuration, collate_curation, COLLATE, CURATION, GObject)

/* What the curator chose: one annotator's version, every version, or none */
#define COLLATE_CURATION_CHOICE_ONE  "one"
#define COLLATE_CURATION_CHOICE_ALL  "all"
#define COLLATE_CURATION_CHOICE_NONE "none"

/* One span that not every annotator made, as it was when the curator
 * decided: its label, range, quote, who made it, and whether it was kept */
typedef struct
{
  const char        *label;
  guint              start;
  guint              end;
  const char        *text;
  const char *const *annotators;   /* NULL-terminated, at least one */
  gboolean           accepted;
  /* A link curation's version only: the link runs from the curation's
   * other end (collate_curation_get_link_end()) to its first end; @start,
   * @end and @text are always the end the link starts from */
  gboolean           reversed;
} CollateCurationVersion;

/*
 * A curator (@author, at @created) settled where annotators disagree over
 * [@start, @end) of a document (@text, the quote there): @choice is
 * COLLATE_CURATION_CHOICE_ONE with the one annotator in @chosen, _ALL with
 * every annotator, or _NONE with none; @versions (@n_versions ≥ 1) are the
 * spans in dispute, accepted or rejected.  Everything is copied.
 */
CollateCuration *collate_curation_new            (const char                   *id,
                                                  const char                   *document_id,
                                                  guint                         start,
                                                  guint                         end,
                                                  const char                   *text,
                                                  const char                   *choice,
                                                  const char *const            *chosen,
                                                  const CollateCurationVersion *versions,
                                                  guint                         n_versions,
                                                  const char                   *author,
                                                  const char                   *created);
/*
 * A curator settled where annotators disagree on the links between two
 * spans: [@start, @end) of @document_id (@text) is the first end, and
 * [@link_start, @link_end) of @link_document_id (@link_text) the other;
 * @versions are the links in dispute, @label a link label, @start, @end
 * and @text the end each starts from (@reversed when that is the other end).
 */
CollateCuration *collate_curation_new_for_links  (const char                   *id,
                                                  const char                   *document_id,
                                                  guint                         start,
                                                  guint                         end,
                                                  const char                   *text,
                                                  const char                   *link_document_id,
                                                  guint                         link_start,
                                                  guint                         link_end,
                                                  const char                   *link_text,
                                                  const char                   *choice,
                                                  const char *const            *chosen,
                                                  const CollateCurationVersion *versions,
                                                  guint                         n_versions,
                                                  const char                   *author,
                                                  const char                   *created);
const char       *collate_curation_get_id          (CollateCuration *self);
const char       *collate_curation_get_document_id (CollateCuration *self);
guint             collate_curation_get_start       (CollateCuration *self);
guint             collate_curation_get_end         (CollateCuration *self);
const char       *collate_curation_get_text        (CollateCuration *self);
const char       *collate_curation_get_choice      (CollateCuration *self);
/* NULL-terminated, borrowed */
const char *const *collate_curation_get_chosen     (CollateCuration *self);
guint             collate_curation_get_n_versions  (CollateCuration *self);
/* Borrowed from the curation */
const CollateCurationVersion *collate_curation_get_version (CollateCuration *self,
                                                            guint            index);
/* Whether it settles links (then the other end is set), not spans */
gboolean          collate_curation_is_link         (CollateCuration *self);
/* A link curation's other end; NULL, 0, 0, NULL for a span curation */
const char       *collate_curation_get_link_document_id (CollateCuration *self);
guint             collate_curation_get_link_start  (CollateCuration *self);
guint             collate_curation_get_link_end    (CollateCuration *self);
const char       *collate_curation_get_link_text   (CollateCuration *self);
const char       *collate_curation_get_author      (CollateCuration *self);
const char       *collate_curation_get_created     (CollateCuration *self);

/* Is @choice one of the three choices? */
gboolean          collate_curation_choice_is_valid (const char *choice);

G_END_DECLS
