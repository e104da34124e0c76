/* fuzz-brat.c — the brat importer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * brat reads a folder: the input is split at each line holding only the
 * byte 0x1e (record separator) into a.txt, a.ann, annotation.conf,
 * visual.conf and cross-document-links.tsv, in that order; parts not
 * given are not written.  fuzz/run-fuzzer.py makes the seeds so.
 */
#include "fuzz-common.h"

#define SEPARATOR "\n\x1e\n"

static const char *const part_names[] = {
  "a.txt", "a.ann", "annotation.conf", "visual.conf", "cross-document-links.tsv",
};

static const char *
find_separator (const char *p,
                const char *end)
{
  gsize n = strlen (SEPARATOR);

  for (; p + n <= end; p++)
    if (memcmp (p, SEPARATOR, n) == 0)
      return p;
  return NULL;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char *const names[] = { "." };
  const char *p = (const char *) data;
  const char *end = p + size;
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (part_names); i++)
    {
      g_autofree char *path = g_build_filename (fuzz_dir, part_names[i], NULL);

      g_unlink (path);
    }
  while (n < G_N_ELEMENTS (part_names))
    {
      const char *sep = find_separator (p, end);
      const char *part_end = sep != NULL ? sep : end;

      g_free (fuzz_write (part_names[n++], p, part_end - p));
      if (sep == NULL)
        break;
      p = sep + strlen (SEPARATOR);
    }
  fuzz_import ("brat", names, 1);
  return 0;
}
