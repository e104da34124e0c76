/* collate-ingest.h — articles in: web pages, URLs and PDFs as documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "collate-document.h"

G_BEGIN_DECLS

/* What an input holds, from its first bytes */
typedef enum
{
  COLLATE_INGEST_TEXT,
  COLLATE_INGEST_HTML,
  COLLATE_INGEST_PDF,
  COLLATE_INGEST_BINARY,
} CollateIngestKind;

/* Largest page or PDF read (from a file or a URL): 64 MB */
#define COLLATE_INGEST_MAX_SIZE  (G_GUINT64_CONSTANT (64) * 1024 * 1024)

CollateIngestKind collate_ingest_sniff (const char *data,
                                        gsize       length);

/* TRUE if @arg is an http:// or https:// URL rather than a path */
gboolean          collate_ingest_is_url (const char *arg);

/* A web page's article: the headline as the title (and first line), then
 * the body's paragraphs in order, without navigation, scripts, styles,
 * adverts, share buttons, comments and footers.  Metadata: url (the
 * canonical link, else @url), publisher, author, published, retrieved
 * (@retrieved, or now), page_sha256 and media_type.  @source is what the
 * document's source says (the path or URL as given); @charset, if known
 * (from HTTP), wins over the page's own. */
CollateDocument *collate_ingest_html (GBytes      *page,
                                      const char  *id,
                                      const char  *source,
                                      const char  *url,
                                      const char  *charset,
                                      GDateTime   *retrieved,
                                      GError     **error);

/* A PDF's text in reading order: hyphenation at line ends repaired, lines
 * that repeat at the top or bottom of the pages (running headers, footers,
 * page numbers) dropped.  Metadata: pages (the character offset at which
 * each page's text starts, comma-separated), author, published, retrieved,
 * page_sha256, media_type, and url when @url is given. */
CollateDocument *collate_ingest_pdf  (GBytes      *pdf,
                                      const char  *id,
                                      const char  *source,
                                      const char  *url,
                                      GDateTime   *retrieved,
                                      GError     **error);

/* A file: a .txt file as collate_document_new_from_file() reads it, a
 * saved web page or a PDF, by what it holds rather than by its name.
 * Anything else is refused with a message that says what it is. */
CollateDocument *collate_ingest_file (const char  *path,
                                      const char  *id,
                                      GError     **error);

/* Fetching: bytes received so far and the expected total (0 if unknown);
 * called on the thread-default main context of the caller of
 * collate_ingest_url_async(). */
typedef void (*CollateIngestProgress) (guint64  received,
                                       guint64  total,
                                       gpointer user_data);

/* Fetches @url (http or https) with libsoup, through the system's proxy
 * settings (the default GProxyResolver), and makes a document of the web
 * page or PDF it gets.  Refuses, with a message saying which, no network,
 * an address that does not answer, an HTTP error (404…), what is neither a
 * web page nor a PDF, and more than @max_size bytes (0: the default,
 * COLLATE_INGEST_MAX_SIZE).  Cancellable. */
void             collate_ingest_url_async  (const char            *url,
                                            const char            *id,
                                            guint64                max_size,
                                            CollateIngestProgress  progress,
                                            gpointer               progress_data,
                                            GCancellable          *cancellable,
                                            GAsyncReadyCallback    callback,
                                            gpointer               user_data);
CollateDocument *collate_ingest_url_finish (GAsyncResult          *result,
                                            GError               **error);
/* The same, blocking (for the command line) */
CollateDocument *collate_ingest_url        (const char            *url,
                                            const char            *id,
                                            guint64                max_size,
                                            GCancellable          *cancellable,
                                            GError               **error);

G_END_DECLS
