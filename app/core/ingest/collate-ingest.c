/* collate-ingest.c — what an input is, and reading a file of any kind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "collate-error.h"
#include "collate-ingest.h"
#include "collate-ingest-private.h"
#include "collate-text.h"
#include "collate-text-file.h"

/* How far into a file its kind is looked for */
#define SNIFF_BYTES 2048

static gboolean
starts_with_tag (const char *p,
                 const char *end,
                 const char *tag)
{
  gsize n = strlen (tag);

  return (gsize) (end - p) >= n && g_ascii_strncasecmp (p, tag, n) == 0;
}

CollateIngestKind
collate_ingest_sniff (const char *data,
                      gsize       length)
{
  const char *end = data + MIN (length, SNIFF_BYTES);
  const char *p = data;
  static const char * const html_starts[] = {
    "<!doctype html", "<html", "<head", "<body", "<meta", "<title", "<article", "<div", "<p>",
    "<p ", "<h1", "<link", "<script", "<style",
  };

  if (length >= 5 && memcmp (data, "%PDF-", 5) == 0)
    return COLLATE_INGEST_PDF;
  if (memchr (data, '\0', MIN (length, SNIFF_BYTES)) != NULL)
    return COLLATE_INGEST_BINARY;
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    p += 3;

  /* white space and comments before the first tag */
  for (;;)
    {
      while (p < end && g_ascii_isspace (*p))
        p++;
      if (starts_with_tag (p, end, "<!--"))
        {
          const char *close = g_strstr_len (p, end - p, "-->");

          if (close == NULL)
            break;
          p = close + 3;
          continue;
        }
      if (starts_with_tag (p, end, "<?xml"))
        {
          const char *close = g_strstr_len (p, end - p, "?>");

          if (close == NULL)
            break;
          p = close + 2;
          continue;
        }
      break;
    }
  for (guint i = 0; i < G_N_ELEMENTS (html_starts); i++)
    if (starts_with_tag (p, end, html_starts[i]))
      return COLLATE_INGEST_HTML;
  return COLLATE_INGEST_TEXT;
}

gboolean
collate_ingest_is_url (const char *arg)
{
  return arg != NULL && (g_ascii_strncasecmp (arg, "http://", 7) == 0
                         || g_ascii_strncasecmp (arg, "https://", 8) == 0);
}

/* What a known kind of file is, by its first bytes; NULL if none */
static const char *
describe_magic (const char *data,
                gsize       length)
{
  static const struct { const char *magic; gsize n; const char *what; } kinds[] = {
    { "\x89PNG", 4, N_("it is a PNG image") },
    { "\xFF\xD8\xFF", 3, N_("it is a JPEG image") },
    { "GIF8", 4, N_("it is a GIF image") },
    { "PK\x03\x04", 4, N_("it is a ZIP archive (a .docx, .odt or .epub is one too)") },
    { "\x1F\x8B", 2, N_("it is gzip-compressed") },
    { "%PDF-", 5, N_("it is a PDF") },
    { "\x7F" "ELF", 4, N_("it is a program") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (length >= kinds[i].n && memcmp (data, kinds[i].magic, kinds[i].n) == 0)
      return _(kinds[i].what);
  return NULL;
}

const char *
collate_ingest_describe (const char *data,
                         gsize       length)
{
  const char *what = describe_magic (data, length);

  if (what != NULL)
    return what;
  if (length == 0)
    return _("it is empty");
  if (memchr (data, '\0', MIN (length, SNIFF_BYTES)) != NULL)
    return _("it holds binary data");
  return _("it does not start with an HTML tag");
}

void
collate_ingest_set_provenance (CollateDocument *document,
                               const char      *url,
                               const char      *media_type,
                               GBytes          *raw,
                               GDateTime       *retrieved)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *when = NULL;
  g_autofree char *digest = NULL;
  gsize length;
  const guchar *data = g_bytes_get_data (raw, &length);

  if (url != NULL && url[0] != '\0')
    collate_document_set_metadata_value (document, "url", url);
  collate_document_set_metadata_value (document, "media_type", media_type);
  digest = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, length);
  collate_document_set_metadata_value (document, "page_sha256", digest);

  if (retrieved == NULL)
    retrieved = now = g_date_time_new_now_utc ();
  utc = g_date_time_to_utc (retrieved);
  when = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  collate_document_set_metadata_value (document, "retrieved", when);
}

/* The file's bytes, with the text file reader's checks and messages */
static GBytes *
read_file (const char  *path,
           const char  *shown,
           GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;
  gsize length = 0;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND, _("%s: no such file"), shown);
      else
        g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_FAILED,
                     _("%s: cannot read: %s"), shown, local_error->message);
      return NULL;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                   _("%s: not a regular file; give the path of a text file, web page or PDF"),
                   shown);
      return NULL;
    }
  if ((guint64) g_file_info_get_size (info) > COLLATE_INGEST_MAX_SIZE)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_TOO_LARGE,
                   _("%s: the file is larger than %u MB, the most a web page or PDF may be"),
                   shown, (guint) (COLLATE_INGEST_MAX_SIZE / (1024 * 1024)));
      return NULL;
    }
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &local_error))
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_FAILED,
                   _("%s: cannot read: %s"), shown, local_error->message);
      return NULL;
    }
  return g_bytes_new_take (contents, length);
}

CollateDocument *
collate_ingest_file (const char  *path,
                     const char  *id,
                     GError     **error)
{
  g_autofree char *shown = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *data;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  shown = g_filename_display_name (path);
  bytes = read_file (path, shown, error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &length);

  switch (collate_ingest_sniff (data, length))
    {
    case COLLATE_INGEST_HTML:
      /* a saved page's canonical link, if any, says where it was published */
      return collate_ingest_html (bytes, id, shown, NULL, NULL, NULL, error);
    case COLLATE_INGEST_PDF:
      return collate_ingest_pdf (bytes, id, shown, NULL, NULL, error);
    case COLLATE_INGEST_BINARY:
      /* a known kind is named; other NUL bytes the text reader places */
      if (describe_magic (data, length) != NULL)
        {
          g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_FORMAT,
                       _("%s: not a text file, web page or PDF: %s"), shown,
                       collate_ingest_describe (data, length));
          return NULL;
        }
      G_GNUC_FALLTHROUGH;
    case COLLATE_INGEST_TEXT:
    default:
      return collate_document_new_from_file (path, id, error);
    }
}
