/* collate-window.c — one window per project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "collate-compat.h"
#include "collate.h"
#include "collate-window-private.h"
#include "collate-workspace.h"

#define MAX_RECENT 10

G_DEFINE_FINAL_TYPE (CollateWindow, collate_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_PROJECT,
  PROP_FILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void schedule_autosave (CollateWindow *self);

/* ── Settings helpers ── */

char *
collate_window_dup_annotator (GSettings *settings)
{
  g_autofree char *name = NULL;
  const char *real;

  if (settings != NULL)
    name = g_settings_get_string (settings, "annotator-name");
  if (name != NULL)
    g_strstrip (name);
  if (name != NULL && name[0] != '\0')
    return g_steal_pointer (&name);

  real = g_get_real_name ();
  if (real != NULL && real[0] != '\0' && g_strcmp0 (real, "Unknown") != 0)
    return g_strdup (real);
  return g_strdup (g_get_user_name ());
}

void
collate_window_add_recent (GSettings *settings,
                           GFile     *file)
{
  g_auto(GStrv) old = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) recent = NULL;
  g_autofree char *path = NULL;
  guint n = 1;

  if (settings == NULL || file == NULL || (path = g_file_get_path (file)) == NULL)
    return;

  old = g_settings_get_strv (settings, "recent-projects");
  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, path);
  for (guint i = 0; old[i] != NULL && n < MAX_RECENT; i++)
    {
      if (g_strcmp0 (old[i], path) == 0)
        continue;
      g_strv_builder_add (builder, old[i]);
      n++;
    }
  recent = g_strv_builder_end (builder);
  g_settings_set_strv (settings, "recent-projects", (const char * const *) recent);
}

gboolean
collate_window_is_recent (GSettings  *settings,
                          const char *path)
{
  g_auto(GStrv) recent = NULL;

  if (settings == NULL)
    return FALSE;
  recent = g_settings_get_strv (settings, "recent-projects");
  return g_strv_contains ((const char * const *) recent, path);
}

void
collate_window_forget_recent (GSettings  *settings,
                              const char *path)
{
  g_auto(GStrv) old = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) recent = NULL;

  if (settings == NULL)
    return;
  old = g_settings_get_strv (settings, "recent-projects");
  builder = g_strv_builder_new ();
  for (guint i = 0; old[i] != NULL; i++)
    if (g_strcmp0 (old[i], path) != 0)
      g_strv_builder_add (builder, old[i]);
  recent = g_strv_builder_end (builder);
  g_settings_set_strv (settings, "recent-projects", (const char * const *) recent);
}

/* ── Title ── */

static char *
display_path (GFile *file)
{
  g_autofree char *path = g_file_get_parse_name (file);
  const char *home = g_get_home_dir ();

  if (home != NULL && g_str_has_prefix (path, home) && path[strlen (home)] == '/')
    return g_strconcat ("~", path + strlen (home), NULL);
  return g_steal_pointer (&path);
}

static void
update_title (CollateWindow *self)
{
  g_autofree char *title = NULL;
  g_autofree char *window_title = NULL;
  gboolean modified;

  /* A save or load may end after the window was destroyed */
  if (self->title_label == NULL)
    return;

  if (self->project == NULL)
    {
      gtk_label_set_label (self->title_label, _("Collate"));
      gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), FALSE);
      gtk_window_set_title (GTK_WINDOW (self), _("Collate"));
      return;
    }

  modified = collate_project_get_modified (self->project);
  title = g_strdup (collate_project_get_title (self->project));
  if (title == NULL || title[0] == '\0')
    {
      g_free (title);
      title = g_strdup (_("Untitled Project"));
    }

  if (modified)
    {
      /* Translators: the title of a project with unsaved changes */
      g_autofree char *marked = g_strdup_printf (_("• %s"), title);

      gtk_label_set_label (self->title_label, marked);
      window_title = g_strdup_printf ("%s — %s", marked, _("Collate"));
    }
  else
    {
      gtk_label_set_label (self->title_label, title);
      window_title = g_strdup_printf ("%s — %s", title, _("Collate"));
    }
  gtk_window_set_title (GTK_WINDOW (self), window_title);

  if (self->file != NULL)
    {
      g_autofree char *path = display_path (self->file);

      gtk_label_set_label (self->subtitle_label, path);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->subtitle_label), path);
    }
  else
    {
      gtk_label_set_label (self->subtitle_label, _("Not saved yet"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->subtitle_label), NULL);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), TRUE);
}

/* ── Banner ── */

void
collate_window_show_banner (CollateWindow *self,
                            const char    *heading,
                            const char    *message,
                            const char    *button_label,
                            const char    *action_name,
                            GVariant      *target)
{
  g_return_if_fail (COLLATE_IS_WINDOW (self));

  if (self->banner_label == NULL)
    {
      /* Destroyed meanwhile */
      if (target != NULL)
        g_variant_unref (g_variant_ref_sink (target));
      return;
    }

  self->watch_banner = FALSE;
  /* A problem, unless collate_window_show_done_banner() says otherwise */
  collate_window_set_banner_done (self, FALSE);
  gtk_label_set_label (self->banner_heading, heading != NULL ? heading : "");
  gtk_widget_set_visible (GTK_WIDGET (self->banner_heading), heading != NULL);
  {
    /* A message may quote what a file holds: a few lines at most, and no
     * character that turns the text around it */
    g_autofree char *shown = collate_text_quote (message, COLLATE_BANNER_MAX_CHARS);

    gtk_label_set_label (self->banner_label, shown);
  }
  gtk_widget_set_visible (GTK_WIDGET (self->banner_label), message != NULL);

  g_clear_pointer (&self->banner_action, g_free);
  g_clear_pointer (&self->banner_target, g_variant_unref);
  if (button_label != NULL && action_name != NULL)
    {
      self->banner_action = g_strdup (action_name);
      self->banner_target = target != NULL ? g_variant_ref_sink (target) : NULL;
      gtk_button_set_label (self->banner_button, button_label);
      gtk_button_set_use_underline (self->banner_button, TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->banner_button), TRUE);
    }
  else
    {
      if (target != NULL)
        g_variant_unref (g_variant_ref_sink (target));
      gtk_widget_set_visible (GTK_WIDGET (self->banner_button), FALSE);
    }

  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
}

void
collate_window_hide_banner (CollateWindow *self)
{
  g_return_if_fail (COLLATE_IS_WINDOW (self));

  self->watch_banner = FALSE;
  if (self->banner_revealer != NULL)
    gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
  g_clear_pointer (&self->banner_action, g_free);
  g_clear_pointer (&self->banner_target, g_variant_unref);
}

static void
banner_button_clicked_cb (CollateWindow *self)
{
  g_autofree char *action = g_steal_pointer (&self->banner_action);
  g_autoptr(GVariant) target = g_steal_pointer (&self->banner_target);

  collate_window_hide_banner (self);
  if (action != NULL)
    gtk_widget_activate_action_variant (GTK_WIDGET (self), action, target);
}

void
collate_window_show_error (CollateWindow *self,
                           const char    *heading,
                           const GError  *error)
{
  g_return_if_fail (COLLATE_IS_WINDOW (self));

  g_debug ("%s: %s", heading, error != NULL ? error->message : "");
  collate_window_show_banner (self, heading, error != NULL ? error->message : NULL,
                              NULL, NULL, NULL);
}

/* ── Start view ── */

void
collate_window_refresh_start_view (CollateWindow *self)
{
  g_auto(GStrv) recent = NULL;

  if (self->settings != NULL)
    recent = g_settings_get_strv (self->settings, "recent-projects");
  collate_start_view_set_recent (self->start_view, (const char * const *) recent);

  if (self->app != NULL)
    {
      g_autoptr(GPtrArray) copies = collate_application_list_recovery (self->app);

      collate_start_view_set_recovery (self->start_view, copies);
    }
}

static void
window_mapped_cb (CollateWindow *self)
{
  /* The start view is on screen with the copies: no banner needed.  A
   * window that is loading a project does not show it, and offers the
   * copies in a banner once the project is open. */
  if (self->project == NULL && self->app != NULL
      && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "start") == 0
      && collate_start_view_get_n_recovery (self->start_view) > 0)
    collate_application_set_recovery_offered (self->app);
}

static void
recent_changed_cb (CollateWindow *self)
{
  if (self->project == NULL)
    collate_window_refresh_start_view (self);
}

/* ── Recovery copies ── */

static void
release_recovery (CollateWindow *self,
                  gboolean       discard)
{
  CollateApplication *app = self->app;
  g_autoptr(GError) error = NULL;

  if (self->recovery == NULL)
    return;

  if (discard && !collate_recovery_discard (self->recovery, &error))
    g_debug ("Could not remove the recovery copy: %s", error->message);
  if (app != NULL)
    collate_application_release_recovery (app, collate_recovery_get_id (self->recovery));
  g_clear_object (&self->recovery);
}

static void
recovery_written_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CollateWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->app != NULL)
    g_application_release (G_APPLICATION (self->app));

  if (!collate_recovery_write_finish (COLLATE_RECOVERY (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        collate_window_show_error (self, _("Could not write a recovery copy of your changes"),
                                   error);
      return;
    }

  if (self->recovery_dirty && self->project != NULL)
    {
      self->recovery_dirty = FALSE;
      schedule_autosave (self);
    }
}

void
collate_window_autosave_now (CollateWindow *self)
{
  GApplication *app = self->app != NULL ? G_APPLICATION (self->app) : NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_if_fail (COLLATE_IS_WINDOW (self));

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  if (self->project == NULL)
    return;

  if (!collate_project_get_modified (self->project))
    {
      /* Back at the saved state: nothing to recover */
      if (self->recovery != NULL && collate_recovery_get_exists (self->recovery))
        collate_recovery_discard (self->recovery, NULL);
      return;
    }

  if (self->recovery != NULL && collate_recovery_is_writing (self->recovery))
    {
      self->recovery_dirty = TRUE;
      return;
    }

  if (self->recovery == NULL)
    {
      self->recovery = collate_recovery_new (self->recovery_dir);
      if (self->app != NULL)
        collate_application_hold_recovery (self->app, collate_recovery_get_id (self->recovery));
    }
  collate_recovery_set_origin (self->recovery, self->file);

  /* Serialising reads the model, so it happens here; the write does not */
  bytes = collate_project_to_bytes (self->project);
  if (app != NULL)
    g_application_hold (app);
  collate_recovery_write_async (self->recovery, bytes,
                                collate_project_get_title (self->project),
                                NULL, recovery_written_cb, g_object_ref (self));
}

static gboolean
autosave_timeout_cb (gpointer user_data)
{
  CollateWindow *self = user_data;

  self->autosave_id = 0;
  collate_window_autosave_now (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_autosave (CollateWindow *self)
{
  gint64 now = g_get_monotonic_time ();

  /* Written once the changes pause for a few seconds (serialising a large
   * project takes a moment on this thread), but never later than
   * COLLATE_AUTOSAVE_MAX_DELAY after the first unwritten change. */
  if (self->autosave_id != 0)
    {
      if (now - self->autosave_first_change > COLLATE_AUTOSAVE_MAX_DELAY * G_USEC_PER_SEC)
        return;
      g_clear_handle_id (&self->autosave_id, g_source_remove);
    }
  else
    self->autosave_first_change = now;

  self->autosave_id = g_timeout_add_seconds (COLLATE_AUTOSAVE_DELAY, autosave_timeout_cb, self);
}

/* ── The project ── */

static void
project_modified_cb (CollateWindow *self)
{
  update_title (self);
  collate_window_update_actions (self);
}

static void
project_changed_cb (CollateWindow *self)
{
  schedule_autosave (self);
  /* the undo button names the latest step, not the first */
  collate_window_update_actions (self);
}

static void
annotator_changed_cb (CollateWindow *self)
{
  g_autofree char *author = NULL;

  if (self->project == NULL)
    return;
  author = collate_window_dup_annotator (self->settings);
  collate_project_set_author (self->project, author);
}

CollateProject *
collate_window_get_project (CollateWindow *self)
{
  g_return_val_if_fail (COLLATE_IS_WINDOW (self), NULL);

  return self->project;
}

GFile *
collate_window_get_file (CollateWindow *self)
{
  g_return_val_if_fail (COLLATE_IS_WINDOW (self), NULL);

  return self->file;
}

/* ── Watching the file ──
 * Another program may change or remove the project file while it is open.
 * The monitor's events only prompt a look at the file a moment later: it
 * changed if its etag is not the one Collate last read or wrote, so the
 * window's own saves (which update the etag) go unremarked. */

#define WATCH_DELAY_MS 300

static void
show_watch_banner (CollateWindow *self,
                   const char    *heading,
                   const char    *message,
                   const char    *button_label,
                   const char    *action_name)
{
  collate_window_show_banner (self, heading, message, button_label, action_name, NULL);
  self->watch_banner = TRUE;
}

static gboolean
check_file_cb (gpointer user_data)
{
  CollateWindow *self = user_data;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  const char *etag;

  /* A save or load under way says what the file is once it ends */
  if (self->saving > 0 || self->loading > 0)
    return G_SOURCE_CONTINUE;
  self->watch_id = 0;
  /* Not read or written by this window yet: nothing to compare */
  if (self->file == NULL || self->etag == NULL || self->project == NULL)
    return G_SOURCE_REMOVE;

  name = g_file_get_basename (self->file);
  info = g_file_query_info (self->file, G_FILE_ATTRIBUTE_ETAG_VALUE, G_FILE_QUERY_INFO_NONE,
                            NULL, &error);
  etag = info != NULL ? g_file_info_get_etag (info) : NULL;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
      && self->moved_to != NULL && g_file_query_exists (self->moved_to, NULL))
    {
      g_autofree char *where = g_file_get_parse_name (self->moved_to);
      g_autofree char *message = g_strdup_printf (
        /* Translators: the first %s is a file name, the second where it is now */
        _("Another program renamed or moved “%s” to “%s”. Use the new name to save "
          "there from now on."), name, where);

      show_watch_banner (self, _("The project file was renamed or moved"), message,
                         _("_Use the New Name"), "win.follow-file");
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_autoptr(GFile) parent = g_file_get_parent (self->file);
      g_autofree char *folder = parent != NULL ? g_file_get_parse_name (parent) : g_strdup ("/");
      g_autofree char *message = g_strdup_printf (
        /* Translators: the first %s is a file name, the second a folder */
        _("“%s” is no longer in “%s”: another program deleted, moved or renamed it. "
          "Save writes the project there again."), name, folder);

      show_watch_banner (self, _("The project file was deleted or moved"), message,
                         _("_Save"), "win.save");
    }
  else if (etag != NULL && g_strcmp0 (etag, self->etag) != 0)
    {
      g_autofree char *message = NULL;

      if (collate_project_get_modified (self->project))
        message = g_strdup_printf (_("Another program changed “%s”. Reload shows its version "
                                     "and discards the changes you have not saved."), name);
      else
        message = g_strdup_printf (_("Another program changed “%s”. Reload shows its version."),
                                   name);
      show_watch_banner (self, _("The project file changed on disk"), message,
                         _("_Reload"), "win.reload");
    }
  else if (etag != NULL && self->watch_banner)
    /* back as Collate last saw it */
    collate_window_hide_banner (self);
  return G_SOURCE_REMOVE;
}

static void
file_monitor_cb (CollateWindow     *self,
                 GFile             *file,
                 GFile             *other_file,
                 GFileMonitorEvent  event)
{
  if (event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED
      || event == G_FILE_MONITOR_EVENT_PRE_UNMOUNT
      || event == G_FILE_MONITOR_EVENT_UNMOUNTED)
    return;
  if ((event == G_FILE_MONITOR_EVENT_RENAMED || event == G_FILE_MONITOR_EVENT_MOVED_OUT)
      && other_file != NULL)
    g_set_object (&self->moved_to, other_file);
  /* once the writes have settled */
  g_clear_handle_id (&self->watch_id, g_source_remove);
  self->watch_id = g_timeout_add (WATCH_DELAY_MS, check_file_cb, self);
}

static void
watch_file (CollateWindow *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->watch_id, g_source_remove);
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  if (self->watch_banner)
    collate_window_hide_banner (self);
  g_clear_object (&self->moved_to);
  if (self->file == NULL)
    return;
  self->monitor = g_file_monitor_file (self->file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->monitor == NULL)
    {
      /* Saving still notices a change (the etag), only later */
      g_debug ("Not watching %s: %s", g_file_peek_path (self->file), error->message);
      return;
    }
  g_signal_connect_object (self->monitor, "changed", G_CALLBACK (file_monitor_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
set_file (CollateWindow *self,
          GFile         *file,
          const char    *etag)
{
  gboolean moved = self->file != file
                   && (self->file == NULL || file == NULL || !g_file_equal (self->file, file));

  if (self->file != file)
    {
      g_set_object (&self->file, file);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
    }
  if (etag != self->etag)
    {
      g_free (self->etag);
      self->etag = g_strdup (etag);
    }
  if (moved)
    watch_file (self);
}

void
collate_window_set_project (CollateWindow  *self,
                            CollateProject *project,
                            GFile          *file,
                            const char     *etag)
{
  g_autofree char *author = NULL;

  g_return_if_fail (COLLATE_IS_WINDOW (self));
  g_return_if_fail (COLLATE_IS_PROJECT (project));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  if (self->project != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->project, self);
      g_signal_handlers_disconnect_by_data (collate_project_get_documents (self->project), self);
      g_clear_object (&self->project);
    }
  if (self->workspace != NULL)
    {
      gtk_box_remove (self->workspace_box, self->workspace);
      self->workspace = NULL;
    }
  if (self->palette != NULL)
    {
      gtk_box_remove (self->palette_box, self->palette);
      self->palette = NULL;
    }

  self->project = g_object_ref (project);
  set_file (self, file, etag);

  author = collate_window_dup_annotator (self->settings);
  collate_project_set_author (project, author);

  g_signal_connect_object (project, "notify::modified",
                           G_CALLBACK (project_modified_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (project, "notify::title",
                           G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (project, "notify::can-undo",
                           G_CALLBACK (collate_window_update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (project, "notify::can-redo",
                           G_CALLBACK (collate_window_update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (project, "changed",
                           G_CALLBACK (project_changed_cb), self, G_CONNECT_SWAPPED);

  self->workspace = GTK_WIDGET (collate_workspace_new (project, self->settings));
  gtk_widget_set_vexpand (self->workspace, TRUE);
  gtk_widget_set_hexpand (self->workspace, TRUE);
  gtk_box_append (self->workspace_box, self->workspace);

  self->palette = collate_label_palette_new (COLLATE_WORKSPACE (self->workspace));
  gtk_box_append (self->palette_box, self->palette);
  collate_window_watch_documents (self);
  collate_window_labels_project_set (self);

  gtk_stack_set_visible_child_name (self->stack, "workspace");
  collate_window_hide_banner (self);
  collate_window_team_project_set (self);
  update_title (self);
  collate_window_update_actions (self);
  collate_workspace_focus_text (COLLATE_WORKSPACE (self->workspace));

  if (file != NULL && collate_project_get_modified (project) == FALSE)
    collate_window_add_recent (self->settings, file);
  if (self->app != NULL && collate_application_take_recovery_offer (self->app))
    collate_window_show_banner (self, _("Unsaved work was found"),
                                _("Collate did not close properly last time. "
                                  "The changes it had not saved can be recovered."),
                                _("_Review…"), "app.new-window", NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
}

/* ── Opening ── */

typedef struct
{
  CollateWindow *self;
  GFile         *file;
  gint64         started;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->file);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadData, load_data_free)

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LoadData) data = user_data;
  CollateWindow *self = data->self;
  g_autoptr(CollateProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *path = NULL;

  self->loading--;
  project = collate_project_load_file_finish (result, &etag, &error);
  /* Cancelled: the window is going away */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_stop (self->loading_spinner);
  if (project == NULL)
    {
      if (self->project == NULL)
        gtk_stack_set_visible_child_name (self->stack, "start");
      path = g_file_get_path (data->file);
      if (path != NULL && !g_file_query_exists (data->file, NULL)
          && collate_window_is_recent (self->settings, path))
        /* A recent project that is gone: offer to forget it */
        collate_window_show_banner (self, _("The project could not be opened"), error->message,
                                    _("_Remove from Recent Projects"), "win.forget-recent",
                                    g_variant_new_string (path));
      else
        collate_window_show_error (self, _("The project could not be opened"), error);
      return;
    }

  if (self->project != NULL)
    {
      /* The window got another project meanwhile: use a new one */
      CollateWindow *other = collate_window_new (self->app);

      collate_window_set_project (other, project, data->file, etag);
      gtk_window_present (GTK_WINDOW (other));
      return;
    }

  {
    gint64 read = g_get_monotonic_time ();

    collate_window_set_project (self, project, data->file, etag);
    g_debug ("Opened %s: read in %.3f s, shown in %.3f s more",
             g_file_peek_path (data->file),
             (read - data->started) / (double) G_USEC_PER_SEC,
             (g_get_monotonic_time () - read) / (double) G_USEC_PER_SEC);
  }
}

void
collate_window_load_file (CollateWindow *self,
                          GFile         *file)
{
  LoadData *data;

  g_return_if_fail (COLLATE_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (LoadData, 1);
  data->self = g_object_ref (self);
  data->file = g_object_ref (file);
  data->started = g_get_monotonic_time ();
  self->loading++;
  collate_window_hide_banner (self);
  if (self->project == NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      /* Translators: shown while a project file is read; %s is its name */
      g_autofree char *text = g_strdup_printf (_("Opening “%s”…"), name);

      gtk_label_set_label (self->loading_label, text);
      gtk_spinner_start (self->loading_spinner);
      gtk_stack_set_visible_child_name (self->stack, "loading");
    }
  collate_project_load_file_async (file, self->cancellable, load_done_cb, data);
}

gboolean
collate_window_is_loading (CollateWindow *self)
{
  g_return_val_if_fail (COLLATE_IS_WINDOW (self), FALSE);

  return self->loading > 0;
}

gboolean
collate_window_recover (CollateWindow    *self,
                        CollateRecovery  *copy,
                        GError          **error)
{
  g_autoptr(CollateProject) project = NULL;
  g_autofree char *etag = NULL;
  GFile *origin;

  g_return_val_if_fail (COLLATE_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (COLLATE_IS_RECOVERY (copy), FALSE);

  project = collate_recovery_load (copy, error);
  if (project == NULL)
    return FALSE;

  origin = collate_recovery_get_origin (copy);
  if (origin != NULL)
    {
      g_autoptr(GFileInfo) info = g_file_query_info (origin, G_FILE_ATTRIBUTE_ETAG_VALUE,
                                                     G_FILE_QUERY_INFO_NONE, NULL, NULL);

      if (info != NULL)
        etag = g_strdup (g_file_info_get_etag (info));
    }

  release_recovery (self, TRUE);
  self->recovery = g_object_ref (copy);
  if (self->app != NULL)
    collate_application_hold_recovery (self->app, collate_recovery_get_id (copy));

  collate_window_set_project (self, project, origin, etag);
  return TRUE;
}

/* ── Reloading ── */

static void
reload_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LoadData) data = user_data;
  CollateWindow *self = data->self;
  g_autoptr(CollateProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;

  self->loading--;
  project = collate_project_load_file_finish (result, &etag, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->title_label == NULL)
    return;
  if (project == NULL)
    {
      collate_window_show_error (self, _("The project could not be reloaded"), error);
      return;
    }
  /* What the file holds now replaces the changes, and their recovery copy */
  release_recovery (self, TRUE);
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  self->recovery_dirty = FALSE;
  collate_window_set_project (self, project, data->file, etag);
}

/* Reads the project file again into this window, dropping unsaved changes */
static void
reload_now (CollateWindow *self)
{
  LoadData *data;

  if (self->file == NULL || self->project == NULL)
    return;
  data = g_new0 (LoadData, 1);
  data->self = g_object_ref (self);
  data->file = g_object_ref (self->file);
  data->started = g_get_monotonic_time ();
  self->loading++;
  collate_project_load_file_async (self->file, self->cancellable, reload_done_cb, data);
}

static void
reload_alert_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CollateWindow) self = user_data;
  int response = collate_alert_choose_finish (result, NULL);

  self->pending_alert = NULL;
  if (response == 1)
    reload_now (self);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CollateWindow *self = COLLATE_WINDOW (widget);
  static const char *buttons[] = { N_("_Cancel"), N_("_Reload"), NULL };
  const char *translated[] = { _(buttons[0]), _(buttons[1]), NULL };
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;

  if (self->file == NULL || self->project == NULL)
    return;
  if (!collate_project_get_modified (self->project))
    {
      reload_now (self);
      return;
    }
  name = g_file_get_basename (self->file);
  /* Translators: %s is the project file's name */
  heading = g_strdup_printf (_("Reload “%s”?"), name);
  self->pending_alert = collate_alert_choose_async (GTK_WINDOW (self), heading,
                                                    _("The changes you have not saved are lost."),
                                                    translated, 0, 0, 1, NULL,
                                                    reload_alert_cb, g_object_ref (self));
}

/* The project file was renamed or moved by another program: the window
 * takes the new name, as if it had been opened there */
static void
follow_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CollateWindow *self = COLLATE_WINDOW (widget);
  g_autoptr(GFile) file = self->moved_to != NULL ? g_object_ref (self->moved_to) : NULL;
  g_autoptr(GFileInfo) info = NULL;

  if (file == NULL || self->project == NULL)
    return;
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_ETAG_VALUE, G_FILE_QUERY_INFO_NONE,
                            NULL, NULL);
  if (info == NULL)
    {
      /* gone again: say so */
      g_clear_handle_id (&self->watch_id, g_source_remove);
      self->watch_id = g_timeout_add (0, check_file_cb, self);
      return;
    }
  /* the etag it has there: a change made on the way shows as one */
  set_file (self, file, self->etag);
  if (self->recovery != NULL)
    collate_recovery_set_origin (self->recovery, file);
  collate_window_add_recent (self->settings, file);
  update_title (self);
  g_clear_handle_id (&self->watch_id, g_source_remove);
  self->watch_id = g_timeout_add (0, check_file_cb, self);
}

/* ── Saving ── */

static void save_to_file (CollateWindow *self,
                          GTask         *task,
                          GFile         *file,
                          const char    *etag);
static void continue_close (CollateWindow *self);
static void run_pending_saves (CollateWindow *self);

static void
cancel_pending_saves (CollateWindow *self)
{
  GTask *task;

  while ((task = g_queue_pop_head (&self->pending_saves)) != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "%s", _("Saving was cancelled"));
      g_object_unref (task);
    }
}

static char *
suggest_file_name (CollateWindow *self)
{
  g_autoptr(GString) name = g_string_new (NULL);
  const char *title = collate_project_get_title (self->project);

  if (self->file != NULL)
    return g_file_get_basename (self->file);

  if (title == NULL || title[0] == '\0')
    title = _("Untitled Project");
  /* No separators, controls or leading dots in a name offered for saving */
  for (const char *p = title; *p != '\0' && name->len < 80; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/' || c == '\\' || c == ':' || g_unichar_iscntrl (c)
          || (name->len == 0 && (c == '.' || g_unichar_isspace (c))))
        continue;
      g_string_append_unichar (name, c);
    }
  if (name->len == 0)
    g_string_append (name, "project");
  g_string_append (name, ".collate.json");
  return g_string_free (g_steal_pointer (&name), FALSE);
}

GListModel *
collate_window_file_filters (CollateWindowFiles files)
{
  static const struct
  {
    const char *name;
    const char *mime_types[4];   /* NULL-terminated */
    const char *patterns[5];     /* NULL-terminated */
  } kinds[] = {
    [COLLATE_WINDOW_FILES_PROJECTS] = {
      N_("Collate Projects"), { NULL }, { "*.collate.json", "*.json", NULL } },
    [COLLATE_WINDOW_FILES_REPORTS] = {
      N_("Reports (Text, Web Pages, PDF)"), { "text/plain", "text/html", "application/pdf", NULL },
      { "*.txt", "*.html", "*.htm", "*.pdf", NULL } },
    [COLLATE_WINDOW_FILES_LABEL_SETS] = {
      N_("Label sets and projects"), { NULL },
      { "*.labels.json", "*.collate.json", "*.json", NULL } },
  };
  GListStore *filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) chosen = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  g_return_val_if_fail (files < G_N_ELEMENTS (kinds), NULL);

  gtk_file_filter_set_name (chosen, _(kinds[files].name));
  for (guint i = 0; kinds[files].mime_types[i] != NULL; i++)
    gtk_file_filter_add_mime_type (chosen, kinds[files].mime_types[i]);
  for (guint i = 0; kinds[files].patterns[i] != NULL; i++)
    gtk_file_filter_add_pattern (chosen, kinds[files].patterns[i]);
  g_list_store_append (filters, chosen);

  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  g_list_store_append (filters, all);

  return G_LIST_MODEL (filters);
}

GFile *
collate_window_dup_folder (CollateWindow *self)
{
  return self->file != NULL ? g_file_get_parent (self->file) : NULL;
}

static void
save_file_chosen_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CollateWindow *self = g_task_get_source_object (task);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  file = collate_file_dialog_save_finish (result, &error);
  if (file == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  save_to_file (self, g_steal_pointer (&task), file,
                self->file != NULL && g_file_equal (file, self->file) ? self->etag : NULL);
}

static void
choose_file_and_save (CollateWindow *self,
                      GTask         *task)
{
  g_autoptr(GListModel) filters = collate_window_file_filters (COLLATE_WINDOW_FILES_PROJECTS);
  g_autoptr(GFile) folder = collate_window_dup_folder (self);
  g_autofree char *name = suggest_file_name (self);

  collate_file_dialog_save_async (GTK_WINDOW (self), _("Save Project"), filters, folder, name,
                                  g_task_get_cancellable (task), save_file_chosen_cb, task);
}

static void
overwrite_alert_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CollateWindow *self = g_task_get_source_object (task);
  GFile *file = g_task_get_task_data (task);
  int response = collate_alert_choose_finish (result, NULL);

  self->pending_alert = NULL;
  switch (response)
    {
    case 3: /* Overwrite */
      save_to_file (self, g_steal_pointer (&task), file, NULL);
      break;
    case 2: /* Save As */
      choose_file_and_save (self, g_steal_pointer (&task));
      break;
    case 1: /* Reload: the other program's version replaces the changes */
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "%s", _("Saving was cancelled"));
      cancel_pending_saves (self);
      reload_now (self);
      break;
    default:
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "%s", _("Saving was cancelled"));
      cancel_pending_saves (self);
      break;
    }
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CollateWindow *self = g_task_get_source_object (task);
  GApplication *app = self->app != NULL ? G_APPLICATION (self->app) : NULL;
  GFile *file = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *new_etag = NULL;

  self->saving--;
  if (app != NULL)
    g_application_release (app);

  if (!collate_project_save_finish (COLLATE_PROJECT (object), result, &new_etag, &error))
    {
      if (self->project == NULL)
        {
          /* The window was destroyed while the file was written */
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG))
        {
          static const char *buttons[] = { N_("_Cancel"), N_("_Reload"), N_("Save _As…"),
                                           N_("_Overwrite"), NULL };
          const char *translated[] = { _(buttons[0]), _(buttons[1]), _(buttons[2]),
                                       _(buttons[3]), NULL };
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *detail = g_strdup_printf (
            _("Another program changed “%s” after Collate read it. Reload shows its "
              "version and discards your unsaved changes; Overwrite keeps yours and "
              "loses its changes."), name);

          gtk_window_present (GTK_WINDOW (self));
          self->pending_alert = collate_alert_choose_async (GTK_WINDOW (self),
                                                            _("The file changed on disk"),
                                                            detail, translated, 0, 2, 3, NULL,
                                                            overwrite_alert_cb,
                                                            g_steal_pointer (&task));
          return;
        }

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        collate_window_show_banner (self, _("The project could not be saved"), error->message,
                                    _("Save _As…"), "win.save-as", NULL);
      g_task_return_error (task, g_steal_pointer (&error));
      run_pending_saves (self);
      continue_close (self);
      return;
    }

  if (self->project == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  set_file (self, file, new_etag);
  collate_window_add_recent (self->settings, file);
  if (!collate_project_get_modified (self->project))
    release_recovery (self, TRUE);
  else if (self->recovery != NULL)
    collate_recovery_set_origin (self->recovery, file);
  collate_window_hide_banner (self);
  update_title (self);
  g_task_return_boolean (task, TRUE);
  run_pending_saves (self);
  continue_close (self);
}

static void
save_to_file (CollateWindow *self,
              GTask         *task,
              GFile         *file,
              const char    *etag)
{
  GApplication *app = self->app != NULL ? G_APPLICATION (self->app) : NULL;

  self->saving++;
  /* Quitting waits for the write to end */
  if (app != NULL)
    g_application_hold (app);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  collate_project_save_async (self->project, file, etag, g_task_get_cancellable (task),
                              save_done_cb, task);
}

void
collate_window_save_async (CollateWindow      *self,
                           gboolean            save_as,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  GTask *task;

  g_return_if_fail (COLLATE_IS_WINDOW (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, collate_window_save_async);

  if (self->project == NULL)
    {
      g_task_return_new_error (task, COLLATE_ERROR, COLLATE_ERROR_FAILED,
                               "%s", _("There is no project to save"));
      g_object_unref (task);
      return;
    }

  if (save_as || self->file == NULL)
    choose_file_and_save (self, task);
  else if (self->saving > 0)
    /* After the save in progress, with the etag it leaves */
    g_queue_push_tail (&self->pending_saves, task);
  else
    save_to_file (self, task, self->file, self->etag);
}

static void
run_pending_saves (CollateWindow *self)
{
  GTask *task;

  while (self->saving == 0 && (task = g_queue_pop_head (&self->pending_saves)) != NULL)
    {
      if (self->project == NULL || self->file == NULL)
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                   "%s", _("Saving was cancelled"));
          g_object_unref (task);
        }
      else if (!collate_project_get_modified (self->project))
        {
          g_task_return_boolean (task, TRUE);
          g_object_unref (task);
        }
      else
        save_to_file (self, task, self->file, self->etag);
    }
}

gboolean
collate_window_save_finish (CollateWindow  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ── Closing ── */

/* TRUE if closing now would lose something */
static gboolean
has_unsaved_work (CollateWindow *self)
{
  if (self->project == NULL || !collate_project_get_modified (self->project))
    return FALSE;

  /* A new project nobody has annotated yet: its text files are still there */
  if (collate_project_get_n_annotations (self->project) == 0
      && collate_project_get_n_links (self->project) == 0
      && (self->file == NULL || !g_file_query_exists (self->file, NULL)))
    return FALSE;

  return TRUE;
}

static void
save_window_state (CollateWindow *self)
{
  gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));

  if (self->settings == NULL)
    return;

  g_settings_set_boolean (self->settings, "window-maximized", maximized);
  if (!maximized)
    {
      int width = 0, height = 0;

      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      if (width >= 360 && height >= 300)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
    }
}

static void
really_close (CollateWindow *self)
{
  release_recovery (self, TRUE);
  save_window_state (self);
  self->close_approved = TRUE;
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
close_saved_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CollateWindow *self = COLLATE_WINDOW (object);

  if (collate_window_save_finish (self, result, NULL))
    {
      self->closing = FALSE;
      really_close (self);
      g_task_return_boolean (task, TRUE);
    }
  else
    {
      self->closing = FALSE;
      g_task_return_boolean (task, FALSE);
    }
}

static void
close_alert_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CollateWindow *self = g_task_get_source_object (task);
  int response = collate_alert_choose_finish (result, NULL);

  self->pending_alert = NULL;
  switch (response)
    {
    case 2: /* Save */
      collate_window_save_async (self, FALSE, NULL, close_saved_cb, g_steal_pointer (&task));
      break;
    case 1: /* Discard */
      self->closing = FALSE;
      really_close (self);
      g_task_return_boolean (task, TRUE);
      break;
    default: /* Cancel */
      self->closing = FALSE;
      g_task_return_boolean (task, FALSE);
      break;
    }
}

static void
ask_before_closing (CollateWindow *self,
                    GTask         *task)
{
  static const char *buttons[] = { N_("_Cancel"), N_("_Discard"), N_("_Save"), NULL };
  const char *translated[] = { _(buttons[0]), _(buttons[1]), _(buttons[2]), NULL };
  const char *title = collate_project_get_title (self->project);
  g_autofree char *message = NULL;

  if (title == NULL || title[0] == '\0')
    title = _("Untitled Project");
  message = g_strdup_printf (_("Save changes to “%s” before closing?"), title);

  gtk_window_present (GTK_WINDOW (self));
  self->pending_alert = collate_alert_choose_async (GTK_WINDOW (self), message,
                                                    _("If you don’t save, the changes since the last save are lost."),
                                                    translated, 0, 2, 1, NULL,
                                                    close_alert_cb, task);
}

static void
continue_close (CollateWindow *self)
{
  GTask *task = g_object_steal_data (G_OBJECT (self), "collate-close-task");

  if (task == NULL || self->saving > 0)
    {
      if (task != NULL)
        g_object_set_data_full (G_OBJECT (self), "collate-close-task", task, g_object_unref);
      return;
    }

  if (!has_unsaved_work (self))
    {
      self->closing = FALSE;
      really_close (self);
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
    }
  else
    ask_before_closing (self, task);
}

void
collate_window_close_async (CollateWindow      *self,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (COLLATE_IS_WINDOW (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, collate_window_close_async);

  if (self->closing)
    {
      /* Already asking */
      if (self->pending_alert != NULL)
        gtk_window_present (self->pending_alert);
      g_task_return_boolean (task, FALSE);
      return;
    }

  if (!has_unsaved_work (self) && self->saving == 0)
    {
      really_close (self);
      g_task_return_boolean (task, TRUE);
      return;
    }

  self->closing = TRUE;
  if (self->saving > 0)
    {
      /* Decide once the save in progress has ended */
      g_object_set_data_full (G_OBJECT (self), "collate-close-task",
                              g_steal_pointer (&task), g_object_unref);
      return;
    }

  ask_before_closing (self, g_steal_pointer (&task));
}

gboolean
collate_window_close_finish (CollateWindow *self,
                             GAsyncResult  *result)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), NULL);
}

static gboolean
collate_window_close_request (GtkWindow *window)
{
  CollateWindow *self = COLLATE_WINDOW (window);

  if (!self->close_approved)
    {
      if (has_unsaved_work (self) || self->saving > 0)
        {
          collate_window_close_async (self, NULL, NULL);
          return TRUE;
        }
      release_recovery (self, TRUE);
      save_window_state (self);
      self->close_approved = TRUE;
    }

  return GTK_WINDOW_CLASS (collate_window_parent_class)->close_request (window);
}

/* ── Dropping files on the window ── */

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         CollateWindow *self)
{
  GdkFileList *list;
  g_autoptr(GSList) files = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  /* A link dropped from a browser: the page is fetched (and added to the
   * project shown, if there is one) */
  if (self->app != NULL && G_VALUE_HOLDS_STRING (value))
    {
      g_autofree char *url = g_strstrip (g_value_dup_string (value));

      if (!collate_ingest_is_url (url) || strpbrk (url, " \t\r\n") != NULL)
        return FALSE;
      if (self->project != NULL)
        collate_window_fetch_url_to_add (self, url);
      else
        collate_window_fetch_url (self, url);
      return TRUE;
    }
  if (self->app == NULL || !G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  list = g_value_get_boxed (value);
  files = gdk_file_list_get_files (list);
  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *name = g_file_get_basename (l->data);

      /* Projects open in their own window; text files make one project;
       * a web address (dropped as a URI) is fetched */
      if (g_file_has_uri_scheme (l->data, "http") || g_file_has_uri_scheme (l->data, "https"))
        {
          g_autofree char *uri = g_file_get_uri (l->data);

          if (self->project != NULL)
            collate_window_fetch_url_to_add (self, uri);
          else
            collate_window_fetch_url (self, uri);
        }
      else if (name != NULL && g_str_has_suffix (name, ".json"))
        collate_application_open_project (self->app, l->data, GTK_WINDOW (self));
      else
        g_ptr_array_add (texts, l->data);
    }
  /* onto a project: added to it (one undoable step); else a new one */
  if (texts->len > 0 && self->project != NULL)
    collate_window_add_files (self, (GFile **) texts->pdata, texts->len);
  else if (texts->len > 0)
    collate_application_new_from_text_files (self->app, (GFile **) texts->pdata, texts->len,
                                             NULL, GTK_WINDOW (self));
  return TRUE;
}

/* ── For tests ── */

GtkWindow *
collate_window_get_pending_alert (CollateWindow *self)
{
  g_return_val_if_fail (COLLATE_IS_WINDOW (self), NULL);

  return self->pending_alert;
}

const char *
collate_window_get_banner_text (CollateWindow *self)
{
  g_return_val_if_fail (COLLATE_IS_WINDOW (self), NULL);

  return gtk_label_get_label (self->banner_label);
}

gboolean
collate_window_get_banner_visible (CollateWindow *self)
{
  g_return_val_if_fail (COLLATE_IS_WINDOW (self), FALSE);

  return gtk_revealer_get_reveal_child (self->banner_revealer);
}

GtkWidget *
collate_window_get_workspace (CollateWindow *self)
{
  g_return_val_if_fail (COLLATE_IS_WINDOW (self), NULL);

  return self->workspace;
}

CollateRecovery *
collate_window_get_recovery (CollateWindow *self)
{
  g_return_val_if_fail (COLLATE_IS_WINDOW (self), NULL);

  return self->recovery;
}

/* ── GObject ── */

static void
collate_window_dispose (GObject *object)
{
  CollateWindow *self = COLLATE_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->fetch_cancellable != NULL)
    g_cancellable_cancel (self->fetch_cancellable);
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  g_clear_handle_id (&self->documents_idle, g_source_remove);
  cancel_pending_saves (self);
  /* Not discarded: a window destroyed without closing keeps its copy */
  release_recovery (self, FALSE);

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), COLLATE_TYPE_WINDOW);
  self->workspace = NULL;
  self->palette = NULL;

  g_clear_object (&self->project);
  g_clear_object (&self->file);
  g_clear_object (&self->settings);
  g_clear_object (&self->recovery_dir);
  g_clear_weak_pointer (&self->app);
  g_clear_pointer (&self->banner_action, g_free);
  g_clear_pointer (&self->banner_target, g_variant_unref);
  g_clear_handle_id (&self->watch_id, g_source_remove);
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  g_clear_object (&self->moved_to);

  G_OBJECT_CLASS (collate_window_parent_class)->dispose (object);
}

static void
collate_window_finalize (GObject *object)
{
  CollateWindow *self = COLLATE_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->etag, g_free);

  G_OBJECT_CLASS (collate_window_parent_class)->finalize (object);
}

static void
collate_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CollateWindow *self = COLLATE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
collate_window_class_init (CollateWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = collate_window_dispose;
  object_class->finalize = collate_window_finalize;
  object_class->get_property = collate_window_get_property;
  window_class->close_request = collate_window_close_request;

  properties[PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL, COLLATE_TYPE_PROJECT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (COLLATE_TYPE_START_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/collate/Collate/collate-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CollateWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, CollateWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, CollateWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, CollateWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, CollateWindow, palette_box);
  gtk_widget_class_bind_template_child (widget_class, CollateWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, CollateWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, CollateWindow, banner);
  gtk_widget_class_bind_template_child (widget_class, CollateWindow, banner_heading);
  gtk_widget_class_bind_template_child (widget_class, CollateWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, CollateWindow, banner_button);
  gtk_widget_class_bind_template_child (widget_class, CollateWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CollateWindow, start_view);
  gtk_widget_class_bind_template_child (widget_class, CollateWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, CollateWindow, loading_label);
  gtk_widget_class_bind_template_child (widget_class, CollateWindow, workspace_box);
  gtk_widget_class_bind_template_callback (widget_class, banner_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, collate_window_hide_banner);

  collate_window_class_add_actions (widget_class);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action);
  collate_window_class_add_team_actions (widget_class);
  collate_window_class_add_label_actions (widget_class);
  gtk_widget_class_install_action (widget_class, "win.follow-file", NULL, follow_file_action);
}

static void
collate_window_init (CollateWindow *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  collate_window_labels_init (self);
}

CollateWindow *
collate_window_new (CollateApplication *application)
{
  CollateWindow *self;
  g_autoptr(GAction) sidebar_action = NULL;
  GtkDropTarget *drop_target;

  g_return_val_if_fail (COLLATE_IS_APPLICATION (application), NULL);

  self = g_object_new (COLLATE_TYPE_WINDOW, "application", application, NULL);
  self->app = application;
  g_object_add_weak_pointer (G_OBJECT (application), (gpointer *) &self->app);
  self->settings = g_object_ref (collate_application_get_settings (application));
  self->recovery_dir = g_object_ref (collate_application_get_recovery_dir (application));

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  sidebar_action = g_settings_create_action (self->settings, "sidebar-visible");
  g_action_map_add_action (G_ACTION_MAP (self), sidebar_action);

  g_signal_connect_object (self->settings, "changed::recent-projects",
                           G_CALLBACK (recent_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::annotator-name",
                           G_CALLBACK (annotator_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect (self, "map", G_CALLBACK (window_mapped_cb), NULL);

  drop_target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (drop_target, (GType[]) { GDK_TYPE_FILE_LIST, G_TYPE_STRING }, 2);
  g_signal_connect (drop_target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));
  collate_window_refresh_start_view (self);
  update_title (self);
  collate_window_update_actions (self);
  return self;
}
