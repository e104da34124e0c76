/* collate-test-proxy.h — the system's proxy settings in isolated tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fetching asks GIO's default proxy resolver, which on a GNOME system reads
 * its settings through GSettings.  G_TEST_OPTION_ISOLATE_DIRS hides the
 * system's data folders, and with them the schemas, which GSettings takes
 * as fatal; test_proxy_init() names the schemas' folder instead, so the
 * resolver runs as it does for a user (and the CLI run by a test inherits
 * it).
 */
#pragma once

#include <glib.h>

/* Call before g_test_init() */
static inline void
test_proxy_init (void)
{
  const char * const *dirs = g_get_system_data_dirs ();

  for (guint i = 0; dirs[i] != NULL; i++)
    {
      g_autofree char *schemas = g_build_filename (dirs[i], "glib-2.0", "schemas", NULL);
      g_autofree char *compiled = g_build_filename (schemas, "gschemas.compiled", NULL);

      if (g_file_test (compiled, G_FILE_TEST_EXISTS))
        {
          g_setenv ("GSETTINGS_SCHEMA_DIR", schemas, FALSE);
          return;
        }
    }
}
