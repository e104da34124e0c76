/* collate-project-labels.h — editing a project's label set, with undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "collate-project.h"

G_BEGIN_DECLS

/* Every change below is one undo step (or part of the open group), checked
 * first, and leaves the project unchanged when it fails. */

/* How many annotations (span labels) or links (link labels) carry @name */
guint      collate_project_count_label_uses   (CollateProject    *self,
                                               CollateLabelKind   kind,
                                               const char        *name);
/* Inserts @label at @position (-1 or past the end: appends).  Fails with
 * COLLATE_ERROR_EXISTS for a name, or a span label's hotkey, in use. */
gboolean   collate_project_add_label          (CollateProject    *self,
                                               CollateLabelKind   kind,
                                               CollateLabel      *label,
                                               int                position,
                                               GError           **error);
/* Puts @replacement in the place of the label named @name: a new colour,
 * hotkey or description, or a new name — then every span or link of the old
 * name takes the new one (their other fields, times included, stay). */
gboolean   collate_project_edit_label         (CollateProject    *self,
                                               CollateLabelKind   kind,
                                               const char        *name,
                                               CollateLabel      *replacement,
                                               GError           **error);
/* Moves the label named @name to @position (clamped to the last place) */
gboolean   collate_project_move_label         (CollateProject    *self,
                                               CollateLabelKind   kind,
                                               const char        *name,
                                               guint              position,
                                               GError           **error);
/* Removes the label named @name.  Its spans or links take the label
 * @relabel_to (another label of the same kind) or, when it is NULL, are
 * deleted (a span's links go with it). */
gboolean   collate_project_remove_label       (CollateProject    *self,
                                               CollateLabelKind   kind,
                                               const char        *name,
                                               const char        *relabel_to,
                                               GError           **error);

/* The names of the labels of @kind the project uses (at least one span or
 * link) that @set lacks, in the project's schema order (a NULL-terminated
 * array; free with g_strfreev). */
char     **collate_project_missing_labels     (CollateProject    *self,
                                               CollateSchema     *set,
                                               CollateLabelKind   kind);
/* Makes the project's labels those of @set, in its order: labels of the
 * same name keep their spans and links; unused labels that @set lacks go.
 * When spans or links use labels that @set lacks, fails with
 * COLLATE_ERROR_NOT_FOUND naming each and how often it is used, unless
 * @keep_missing: then those labels stay, after the set's own.  A hotkey
 * of a kept label that the set gives to another label is dropped, and a
 * colour the set gives to another label is replaced by one of its own. */
gboolean   collate_project_apply_label_set    (CollateProject    *self,
                                               CollateSchema     *set,
                                               gboolean           keep_missing,
                                               GError           **error);

G_END_DECLS
