/* collate-export-csv.c — the csv export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define COLLATE_EXPORT_COMPILATION
#include "config.h"

#include "collate.h"
#include "collate-export.h"

gboolean
collate_export_write_csv (CollateExportSnapshot *snapshot,
                                 CollateExportPart     *part,
                                 GString               *out,
                                 GError               **error)
{
  g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_UNSUPPORTED,
               "The csv export is not available yet");
  return FALSE;
}
