/* collate-accessible.h — what a screen reader says about Collate's widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 exposes every widget to assistive technologies (AT-SPI on Linux),
 * but names only what has a label of its own.  These helpers give the
 * window's custom parts their names and descriptions: a report's text by
 * its title, the span under the caret (its label and quote, its note, its
 * links) as the text's description, kept up to date as the caret moves or
 * the spans change; label buttons by their label and key.
 *
 * GTK 4.8 cannot announce a message (gtk_accessible_announce() is 4.14):
 * a changed description of the focused text is what a screen reader reads
 * out instead.
 */
#pragma once

#include <gtk/gtk.h>

#include "collate.h"

G_BEGIN_DECLS

/* "Claim: “Trump to Russia”", with its note and links, for the spans that
 * hold @offset in @document_id (all of them, innermost last); NULL where
 * there is none */
char *collate_accessible_describe_spans_at (CollateProject *project,
                                            const char     *document_id,
                                            guint           offset);

/* Names @text_view after @document's title and keeps its description on the
 * span at the caret (the selection's start when there is one) */
void  collate_accessible_track_text_view   (GtkTextView     *text_view,
                                            CollateProject  *project,
                                            CollateDocument *document);

/* @widget's accessible name; printf-style */
void  collate_accessible_set_label         (GtkWidget      *widget,
                                            const char     *format,
                                            ...) G_GNUC_PRINTF (2, 3);
/* @widget's accessible description; printf-style */
void  collate_accessible_set_description   (GtkWidget      *widget,
                                            const char     *format,
                                            ...) G_GNUC_PRINTF (2, 3);

G_END_DECLS
