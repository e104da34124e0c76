/* collate-report.h — a project as one self-contained HTML page, for people without Collate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page shows the documents side by side with every span highlighted in
 * its label's colour and the label's name written at the span's start; the
 * links with both quotes, label and note; the reviews of suggestions; each
 * document's title, source and sha256; and who annotated what and when.
 * Everything is in the one file: inline CSS, no script, no font or image
 * fetched, and a Content-Security-Policy that forbids all of it.  Light and
 * dark by prefers-color-scheme; a print style keeps the highlights.
 *
 * Every string of the project is escaped; names (titles, sources, labels,
 * authors, ids) show control and bidirectional characters as escapes
 * (collate_text_quote()), and every piece of the project's text sits in an
 * isolate, so that a right-to-left override cannot turn what is around it.
 */
#pragma once

#include <gio/gio.h>

#include "collate-project.h"

G_BEGIN_DECLS

/* The report as bytes.  @generated (an ISO 8601 time, or NULL for none) is
 * shown as when the report was made; the same project and @generated give
 * the same bytes. */
GBytes   *collate_report_to_bytes (CollateProject *project,
                                   const char     *generated,
                                   GError        **error);

/* Writes the report to @destination through the safe writer
 * (collate-file-writer.h): a temporary beside it renamed into place, so a
 * failure leaves @destination as it was. */
gboolean  collate_report_write    (CollateProject *project,
                                   GFile          *destination,
                                   const char     *generated,
                                   GCancellable   *cancellable,
                                   GError        **error);

/* As collate_report_write(), the page made and written in a worker thread.
 * What it shows is taken from @project before this returns (a copy that
 * shares the immutable documents, labels, spans, links and reviews: about
 * 0.1 s for 100,000 spans), so the project may change meanwhile. */
void      collate_report_write_async  (CollateProject      *project,
                                       GFile               *destination,
                                       const char          *generated,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean  collate_report_write_finish (GAsyncResult        *result,
                                       GError             **error);

G_END_DECLS
