/* collate-export-label-studio.c — the label-studio export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define COLLATE_EXPORT_COMPILATION
#include "config.h"

#include "collate.h"
#include "collate-export.h"

gboolean
collate_export_write_label_studio (CollateExportSnapshot *snapshot,
                                          CollateExportPart     *part,
                                          const char            *folder,
                                          GError               **error)
{
  g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_UNSUPPORTED,
               "The label-studio export is not available yet");
  return FALSE;
}
