/* fuzz-label-studio.c — the Label Studio importer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  return fuzz_import_file ("label-studio", "tasks.json", data, size);
}
