/* collate-import-brat.c — reading brat datasets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define COLLATE_IMPORT_COMPILATION
#include "config.h"

#include "collate.h"
#include "collate-import.h"

gboolean
collate_import_brat (CollateImporter  *importer,
                    GFile            *input,
                    GError          **error)
{
  g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_UNSUPPORTED,
               "The brat import is not available yet");
  return FALSE;
}
