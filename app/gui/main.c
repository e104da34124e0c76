/* main.c — collate, the workbench
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "collate-application.h"

/* The installed schema, or (running from the build tree) the one compiled
 * next to the build. */
static GSettings *
make_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

#ifdef COLLATE_BUILD_SCHEMA_DIR
  if (schema == NULL)
    {
      g_autoptr(GSettingsSchemaSource) built =
        g_settings_schema_source_new_from_directory (COLLATE_BUILD_SCHEMA_DIR, source, FALSE, NULL);

      if (built != NULL)
        schema = g_settings_schema_source_lookup (built, APP_ID, FALSE);
    }
#endif

  if (schema == NULL)
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CollateApplication) app = NULL;
  g_autoptr(GSettings) settings = NULL;

  setlocale (LC_ALL, "");
  /* COLLATE_LOCALEDIR: a build tree's translations (_build/po), uninstalled */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("COLLATE_LOCALEDIR") ? g_getenv ("COLLATE_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Collate"));

  settings = make_settings ();
  if (settings == NULL)
    {
      g_printerr (_("Collate’s settings schema (%s) is not installed. "
                    "Install Collate, or point GSETTINGS_SCHEMA_DIR at the folder "
                    "where org.collate.Collate.gschema.xml is compiled.\n"), APP_ID);
      return 1;
    }

  app = collate_application_new (settings, NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
