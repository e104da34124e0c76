/* collate-export-w3c.c — the w3c export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define COLLATE_EXPORT_COMPILATION
#include "config.h"

#include "collate.h"
#include "collate-export.h"

gboolean
collate_export_write_w3c (CollateExportSnapshot *snapshot,
                                 CollateExportPart     *part,
                                 GString               *out,
                                 GError               **error)
{
  g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_UNSUPPORTED,
               "The w3c export is not available yet");
  return FALSE;
}
