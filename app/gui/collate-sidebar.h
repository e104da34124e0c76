/* collate-sidebar.h — the details of the selection and the lists of spans and links
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "collate.h"

G_BEGIN_DECLS

#define COLLATE_TYPE_SIDEBAR (collate_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (CollateSidebar, collate_sidebar, COLLATE, SIDEBAR, GtkWidget)

/*
 * Signals:
 *   item-activated (const char *id)   a row of a list was clicked
 *   message        (const char *text) an edit failed; the text says why
 */
CollateSidebar *collate_sidebar_new             (CollateProject *project);
/* Shows the details of an annotation or link (NULL: none) and selects its row */
void            collate_sidebar_show_item       (CollateSidebar *self,
                                                 const char     *id);
/* Filters the lists: NULL or "" for "any" */
void            collate_sidebar_set_filter      (CollateSidebar *self,
                                                 const char     *label,
                                                 const char     *document_id,
                                                 const char     *text);
/* Shows only what @author made (a span's author or one of its "annotators";
 * a link's author); NULL or unknown: every author.  The drop-down beside
 * the label and document filters does the same; it shows once the project
 * has two authors. */
void            collate_sidebar_set_author_filter (CollateSidebar *self,
                                                 const char     *author);
guint           collate_sidebar_get_n_shown_spans (CollateSidebar *self);
guint           collate_sidebar_get_n_shown_links (CollateSidebar *self);
/* Spans with @label in the project, as the sidebar counts them */
guint           collate_sidebar_get_label_count (CollateSidebar *self,
                                                 const char     *label);
/* Puts keyboard focus in the search entry */
void            collate_sidebar_focus_search    (CollateSidebar *self);
/* The sidebar no longer follows the project's changes one by one (its lists
 * still show the project's spans and links): the window is about to make a
 * new one, as after a change of labels */
void            collate_sidebar_stop_following  (CollateSidebar *self);

G_END_DECLS
