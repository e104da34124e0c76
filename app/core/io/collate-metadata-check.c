/* collate-metadata-check.c — a document's metadata as JSON, checked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "collate-error.h"
#include "collate-limits.h"
#include "collate-metadata-check.h"

gboolean
collate_metadata_check_json (const CollateJsonValue *value,
                             const CollateJsonPath  *path,
                             GError                **error)
{
  if (!collate_json_expect (value, COLLATE_JSON_OBJECT, path, error))
    return FALSE;
  if (value->length > COLLATE_MAX_METADATA_ENTRIES)
    {
      collate_json_set_error (error, COLLATE_ERROR_INVALID, path,
                              _("has %u entries; a document's metadata holds at most %d"),
                              value->length, COLLATE_MAX_METADATA_ENTRIES);
      return FALSE;
    }
  for (guint i = 0; i < value->length; i++)
    {
      const CollateJsonMember *member = &value->v.members[i];
      CollateJsonPath child = COLLATE_JSON_PATH_MEMBER (path, member->name);
      gsize key_length = strlen (member->name);

      if (key_length == 0 || key_length > COLLATE_MAX_LABEL_SIZE)
        {
          collate_json_set_error (error, COLLATE_ERROR_INVALID, path,
                                  key_length == 0 ? _("has an empty key; metadata keys are names")
                                                  : _("has a key longer than %d bytes"),
                                  COLLATE_MAX_LABEL_SIZE);
          return FALSE;
        }
      for (const char *p = member->name; *p; p++)
        if ((guchar) *p < 0x20 || *p == 0x7f)
          {
            collate_json_set_error (error, COLLATE_ERROR_INVALID, path,
                                    _("has a key with a control character"));
            return FALSE;
          }
      if (member->value.type != COLLATE_JSON_STRING)
        {
          g_autofree char *found = collate_json_describe (&member->value);

          collate_json_set_error (error, COLLATE_ERROR_INVALID, &child,
                                  _("expected a string, found %s (a document's metadata maps "
                                    "names to text)"), found);
          return FALSE;
        }
      if (member->value.length > COLLATE_MAX_METADATA_VALUE_SIZE)
        {
          collate_json_set_error (error, COLLATE_ERROR_INVALID, &child,
                                  _("is %u bytes long; a metadata value holds at most %d"),
                                  member->value.length, COLLATE_MAX_METADATA_VALUE_SIZE);
          return FALSE;
        }
    }
  return TRUE;
}
