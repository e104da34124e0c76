/* collate-list-row.h — a row of a list of things to decide (the Compare and Curation pages)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Where a part of the row goes */
typedef enum
{
  COLLATE_LIST_ROW_TITLE,   /* the head line, taking its width */
  COLLATE_LIST_ROW_TAG,     /* the head line's end: a count, a state */
  COLLATE_LIST_ROW_LINE,    /* a line under the head */
} CollateListRowPart;

typedef enum
{
  COLLATE_LIST_ROW_PLAIN = 0,
  COLLATE_LIST_ROW_WRAP  = 1 << 0,   /* up to two lines, words kept whole where they fit */
} CollateListRowFlags;

/*
 * A row: a head (a title and a tag at its end) and lines under it, each a
 * GtkLabel added by name.  Titles and lines start at the left and end in
 * "…" when too long; @css_classes is a space-separated list of classes.
 */
GtkWidget *collate_list_row_new (void);
GtkLabel  *collate_list_row_add (GtkWidget           *row,
                                 const char          *name,
                                 CollateListRowPart   part,
                                 CollateListRowFlags  flags,
                                 const char          *css_classes);
/* The part added under @name */
GtkLabel  *collate_list_row_get (GtkWidget           *row,
                                 const char          *name);

G_END_DECLS
