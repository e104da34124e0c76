/* collate-text-file.c — reading a .txt file as a document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "collate-error.h"
#include "collate-limits.h"
#include "collate-text.h"
#include "collate-text-file.h"

CollateDocument *
collate_document_new_from_file (const char  *path,
                                const char  *id,
                                GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *title = NULL;
  g_autofree char *shown = NULL;
  const char *text;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  /* A project holds UTF-8 only: a name in another encoding is kept in its
   * display form (invalid bytes as U+FFFD), in the document and in messages */
  shown = g_filename_display_name (path);
  file = g_file_new_for_commandline_arg (path);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND,
                     _("%s: no such file"), shown);
      else
        g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_FAILED,
                     _("%s: cannot read: %s"), shown, local_error->message);
      return NULL;
    }

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                   _("%s: not a regular file; give the path of a .txt file"), shown);
      return NULL;
    }

  /* Documents are held in memory whole; refuse what cannot be annotated
   * sensibly (the project file limit applies to the sum anyway). */
  if (g_file_info_get_size (info) > (goffset) COLLATE_MAX_TEXT_SIZE)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_TOO_LARGE,
                   _("%s: the file is larger than 256 MB; split it into smaller documents"), shown);
      return NULL;
    }

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &local_error))
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_FAILED,
                   _("%s: cannot read: %s"), shown, local_error->message);
      return NULL;
    }

  text = contents;
  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    {
      text += 3;
      length -= 3;
    }

  if (length == 0)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                   _("%s: the file is empty; there is nothing to annotate"), shown);
      return NULL;
    }

  /* UTF-16 text is full of NUL bytes: name the encoding instead */
  if (!collate_text_starts_as_utf16 (text, length) && memchr (text, '\0', length) != NULL)
    {
      gsize at = (gsize) ((const char *) memchr (text, '\0', length) - text);

      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_ENCODING,
                   _("%s: not a text file: NUL byte at byte %lu"), shown, (unsigned long) at);
      return NULL;
    }

  if (!collate_text_validate_utf8 (text, length, shown, error))
    return NULL;

  title = collate_text_guess_title (text, 120);

  return collate_document_new (id, title, shown, text, (gssize) length, error);
}
