/* collate-import-label-studio.c — reading label-studio datasets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define COLLATE_IMPORT_COMPILATION
#include "config.h"

#include "collate.h"
#include "collate-import.h"

gboolean
collate_import_label_studio (CollateImporter  *importer,
                    GFile            *input,
                    GError          **error)
{
  g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_UNSUPPORTED,
               "The label-studio import is not available yet");
  return FALSE;
}
