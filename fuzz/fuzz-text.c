/* fuzz-text.c — a text file made a document (collate-cli new, the window's
 * New from Text Files)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *path = fuzz_write ("report.txt", data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateDocument) document = collate_document_new_from_file (path, "d1", &error);
  g_autoptr(CollateProject) project = NULL;
  g_autoptr(CollateSchema) schema = NULL;

  if (document == NULL)
    {
      if (error == NULL || error->message[0] == '\0')
        abort ();
      return 0;
    }
  schema = collate_schema_new_default ();
  project = collate_project_new (collate_document_get_title (document), schema);
  if (!collate_project_add_document (project, document, &error))
    {
      g_printerr ("a document that was read cannot be added: %s\n", error->message);
      abort ();
    }
  fuzz_check_round_trip (project);
  return 0;
}
