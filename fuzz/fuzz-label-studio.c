/* fuzz-label-studio.c — the Label Studio importer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char *const names[] = { "tasks.json" };
  g_free (fuzz_write (names[0], data, size));

  fuzz_import ("label-studio", names, 1);
  return 0;
}
