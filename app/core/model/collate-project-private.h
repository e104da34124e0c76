/* collate-project-private.h — what the project's other files may do inside an undo group
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "collate-project.h"

G_BEGIN_DECLS

/* Both must be called between collate_project_begin_group() and
 * collate_project_end_group(); neither validates anything. */

/* Makes the project's schema hold the labels of @after (undoably) */
void collate_project_record_schema  (CollateProject *self,
                                     CollateSchema  *after);
/* Gives @item (a CollateAnnotation or CollateLink of the project) the label
 * @label, keeping everything else, its modification time included */
void collate_project_record_relabel (CollateProject *self,
                                     gpointer        item,
                                     const char     *label);

G_END_DECLS
