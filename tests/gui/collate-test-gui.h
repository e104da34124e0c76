/* collate-test-gui.h — running the main loop in the GUI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "collate-application.h"
#include "collate-window-private.h"

/* Runs the main loop until @cond holds; a hang fails after a minute rather
 * than stalling the suite. */
#define WAIT_UNTIL(cond)                                                   \
  G_STMT_START {                                                           \
    gint64 deadline_ = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;      \
    while (!(cond))                                                        \
      {                                                                    \
        if (g_get_monotonic_time () > deadline_)                           \
          g_error ("Gave up waiting for: %s", #cond);                      \
        g_main_context_iteration (NULL, TRUE);                             \
      }                                                                    \
  } G_STMT_END

/* A timeout source that only wakes the main loop, so that WAIT_UNTIL
 * looks at its condition again */
static inline gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop while it has something to do */
static inline void
spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Destroys every window of @app, leaving no recovery copies behind */
static inline void
destroy_all_windows (GtkApplication *app)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (app)) != NULL)
    {
      if (COLLATE_IS_WINDOW (windows->data))
        {
          CollateWindow *window = windows->data;

          if (collate_window_get_recovery (window) != NULL)
            collate_recovery_discard (collate_window_get_recovery (window), NULL);
        }
      gtk_window_destroy (windows->data);
      spin ();
    }
  spin ();
}

/* A registered (not unique) application with @settings, keeping its
 * recovery copies in @dir/recovery; the main loop is woken every 50 ms so
 * that WAIT_UNTIL looks at its condition again */
static inline CollateApplication *
test_application_new (GSettings  *settings,
                      const char *dir)
{
  g_autoptr(GFile) recovery_dir = g_file_new_build_filename (dir, "recovery", NULL);
  g_autoptr(GError) error = NULL;
  CollateApplication *app = collate_application_new (settings, recovery_dir);

  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_timeout_add (50, wake_cb, NULL);
  return app;
}
