/* collate-window-actions.c — the win.* actions of CollateWindow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "collate-compat.h"
#include "collate-export-dialog.h"
#include "collate-import-dialog.h"
#include "collate-window-private.h"
#include "collate-workspace.h"

static CollateApplication *
get_application (CollateWindow *self)
{
  return self->app;
}

void
collate_window_update_actions (CollateWindow *self)
{
  gboolean has_project = self->project != NULL;
  gboolean can_undo = has_project && collate_project_can_undo (self->project);
  gboolean can_redo = has_project && collate_project_can_redo (self->project);
  g_autofree char *undo_tip = NULL;
  g_autofree char *redo_tip = NULL;

  /* Destroyed meanwhile */
  if (self->undo_button == NULL)
    return;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.agreement", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-report", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", can_undo);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", can_redo);
  collate_window_update_document_actions (self);
  collate_window_update_label_actions (self);

  gtk_widget_set_visible (self->undo_button, has_project);
  gtk_widget_set_visible (self->redo_button, has_project);

  if (can_undo && collate_project_get_undo_description (self->project) != NULL)
    /* Translators: %s is what undo would take back, e.g. "Add Claim" */
    undo_tip = g_strdup_printf (_("Undo “%s”"), collate_project_get_undo_description (self->project));
  if (can_redo && collate_project_get_redo_description (self->project) != NULL)
    /* Translators: %s is what redo would do again, e.g. "Add Claim" */
    redo_tip = g_strdup_printf (_("Redo “%s”"), collate_project_get_redo_description (self->project));
  gtk_widget_set_tooltip_text (self->undo_button, undo_tip != NULL ? undo_tip : _("Undo"));
  gtk_widget_set_tooltip_text (self->redo_button, redo_tip != NULL ? redo_tip : _("Redo"));
}

/* Ctrl+Z in a text field (a note, the sidebar's search) undoes typing
 * there: the application's accelerators see the key before the field does. */
static gboolean
forward_to_text_field (CollateWindow *self,
                       const char    *action_name)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus == NULL)
    return FALSE;
  if (GTK_IS_TEXT (focus)
      || (GTK_IS_TEXT_VIEW (focus) && gtk_text_view_get_editable (GTK_TEXT_VIEW (focus))))
    {
      gtk_widget_activate_action (focus, action_name, NULL);
      return TRUE;
    }
  return FALSE;
}

/* Undo and redo select what they bring back (a deleted span, a link, a
 * label changed back), as if it had just been made: the first item they
 * add or change. */
static void
note_item (gpointer  item,
           char    **id)
{
  if (*id != NULL)
    return;
  if (COLLATE_IS_ANNOTATION (item))
    *id = g_strdup (collate_annotation_get_id (item));
  else if (COLLATE_IS_LINK (item))
    *id = g_strdup (collate_link_get_id (item));
}

static void
on_item_added (CollateProject *project,
               gpointer        item,
               char          **id)
{
  note_item (item, id);
}

static void
on_item_changed (CollateProject *project,
                 gpointer        old_item,
                 gpointer        new_item,
                 char          **id)
{
  note_item (new_item, id);
}

static void
undo_or_redo (CollateWindow *self,
              gboolean       redo)
{
  g_autofree char *id = NULL;
  gulong handlers[4];

  if (self->project == NULL)
    return;
  handlers[0] = g_signal_connect (self->project, "annotation-added", G_CALLBACK (on_item_added), &id);
  handlers[1] = g_signal_connect (self->project, "link-added", G_CALLBACK (on_item_added), &id);
  handlers[2] = g_signal_connect (self->project, "annotation-changed", G_CALLBACK (on_item_changed), &id);
  handlers[3] = g_signal_connect (self->project, "link-changed", G_CALLBACK (on_item_changed), &id);
  if (redo)
    collate_project_redo (self->project);
  else
    collate_project_undo (self->project);
  for (guint i = 0; i < G_N_ELEMENTS (handlers); i++)
    g_signal_handler_disconnect (self->project, handlers[i]);

  if (id != NULL && self->workspace != NULL)
    collate_workspace_select (COLLATE_WORKSPACE (self->workspace), id);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CollateWindow *self = COLLATE_WINDOW (widget);

  if (!forward_to_text_field (self, "text.undo"))
    undo_or_redo (self, FALSE);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CollateWindow *self = COLLATE_WINDOW (widget);

  if (!forward_to_text_field (self, "text.redo"))
    undo_or_redo (self, TRUE);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  collate_window_save_async (COLLATE_WINDOW (widget),
                             g_str_equal (action_name, "win.save-as"),
                             NULL, NULL, NULL);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
open_chosen_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CollateWindow) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  file = collate_file_dialog_open_finish (result, &error);
  if (file == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        collate_window_show_error (self, _("The project could not be opened"), error);
      return;
    }

  collate_application_open_project (get_application (self), file, GTK_WINDOW (self));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CollateWindow *self = COLLATE_WINDOW (widget);
  g_autoptr(GListModel) filters = collate_window_file_filters (COLLATE_WINDOW_FILES_PROJECTS);
  g_autoptr(GFile) folder = collate_window_dup_folder (self);

  collate_file_dialog_open_async (GTK_WINDOW (self), _("Open Project"), filters, folder, NULL,
                                  open_chosen_cb, g_object_ref (self));
}

static void
text_files_chosen_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(CollateWindow) self = user_data;
  g_autoptr(GPtrArray) files =
    collate_window_chosen_files_finish (self, result, _("The project could not be made"));

  if (files == NULL || files->len == 0)
    return;
  collate_application_new_from_text_files (get_application (self), (GFile **) files->pdata,
                                           files->len, NULL, GTK_WINDOW (self));
}

static void
new_from_text_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CollateWindow *self = COLLATE_WINDOW (widget);
  g_autoptr(GListModel) filters = collate_window_file_filters (COLLATE_WINDOW_FILES_REPORTS);

  collate_file_dialog_open_multiple_async (GTK_WINDOW (self),
                                           _("Choose the Reports to Compare"),
                                           filters, NULL, NULL,
                                           text_files_chosen_cb, g_object_ref (self));
}

/* ── A document from the clipboard, or from a URL ── */

static void
fetch_progress_cb (guint64  received,
                   guint64  total,
                   gpointer user_data)
{
  CollateWindow *self = user_data;
  g_autofree char *got = NULL;
  g_autofree char *message = NULL;

  if (self->fetch_cancellable == NULL)
    return;
  got = g_format_size (received);
  if (total > 0)
    {
      g_autofree char *all = g_format_size (total);

      /* Translators: "120.5 kB of 300.0 kB" */
      message = g_strdup_printf (_("%s of %s"), got, all);
    }
  else
    message = g_strdup (got);
  collate_window_show_banner (self, _("Fetching the page…"), message,
                              _("_Cancel"), "win.cancel-fetch", NULL);
}

static void
fetched_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CollateWindow) self = user_data;
  g_autoptr(CollateDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  document = collate_ingest_url_finish (result, &error);
  g_clear_object (&self->fetch_cancellable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-fetch", FALSE);
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  collate_window_hide_banner (self);
  if (document == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        collate_window_show_error (self, _("The page could not be fetched"), error);
      return;
    }
  if (self->fetch_adds && self->project != NULL)
    {
      g_autoptr(GPtrArray) documents = g_ptr_array_new ();

      g_ptr_array_add (documents, document);
      collate_window_add_documents (self, documents);
    }
  else if (self->app != NULL)
    collate_application_new_from_document (self->app, document, GTK_WINDOW (self));
}

/**
 * collate_window_fetch_url:
 * @url: an http:// or https:// address
 *
 * Fetches a web page or PDF and shows it as a new project, with progress
 * and a Cancel button in the banner; one fetch at a time.
 */
void
collate_window_fetch_url (CollateWindow *self,
                          const char    *url)
{
  g_return_if_fail (COLLATE_IS_WINDOW (self));
  g_return_if_fail (url != NULL);

  if (self->fetch_cancellable != NULL)
    g_cancellable_cancel (self->fetch_cancellable);
  g_clear_object (&self->fetch_cancellable);
  self->fetch_cancellable = g_cancellable_new ();
  self->fetch_adds = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-fetch", TRUE);
  collate_window_show_banner (self, _("Fetching the page…"), url,
                              _("_Cancel"), "win.cancel-fetch", NULL);
  collate_ingest_url_async (url, "d1", 0, fetch_progress_cb, self, self->fetch_cancellable,
                            fetched_cb, g_object_ref (self));
}

static void
cancel_fetch_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CollateWindow *self = COLLATE_WINDOW (widget);

  if (self->fetch_cancellable != NULL)
    g_cancellable_cancel (self->fetch_cancellable);
}

static void
clipboard_text_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CollateWindow) self = user_data;
  g_autoptr(CollateDocument) document =
    collate_window_clipboard_document_finish (self, GDK_CLIPBOARD (source), result, FALSE);

  if (document != NULL && self->app != NULL)
    collate_application_new_from_document (self->app, document, GTK_WINDOW (self));
}

static void
new_from_clipboard_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL,
                                 clipboard_text_cb, g_object_ref (widget));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CollateWindow *self = COLLATE_WINDOW (widget);

  if (self->project != NULL)
    collate_export_dialog_present (GTK_WINDOW (self), self->project, self->file);
}

static void
imported_cb (CollateProject *project,
             gpointer        user_data)
{
  CollateWindow *self = user_data;
  GtkWindow *target;

  if (self->app == NULL)
    return;
  /* This window if it shows no project yet, else a new one */
  target = collate_application_get_window_for_project (self->app, GTK_WINDOW (self));
  collate_window_set_project (COLLATE_WINDOW (target), project, NULL, NULL);
  gtk_window_present (target);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  /* The dialog never calls back after it is gone, and it goes with us */
  collate_import_dialog_present (GTK_WINDOW (widget), imported_cb, widget);
}

static void
open_sample_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CollateWindow *self = COLLATE_WINDOW (widget);

  collate_application_open_sample (get_application (self), GTK_WINDOW (self));
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CollateWindow *self = COLLATE_WINDOW (widget);
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  collate_application_open_project (get_application (self), file, GTK_WINDOW (self));
}

static void
forget_recent_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CollateWindow *self = COLLATE_WINDOW (widget);

  collate_window_forget_recent (self->settings, g_variant_get_string (parameter, NULL));
}

static CollateRecovery *
find_recovery (CollateWindow *self,
               const char    *id)
{
  g_autoptr(GPtrArray) copies = collate_application_list_recovery (get_application (self));

  for (guint i = 0; i < copies->len; i++)
    {
      CollateRecovery *copy = g_ptr_array_index (copies, i);

      if (g_strcmp0 (collate_recovery_get_id (copy), id) == 0)
        return g_object_ref (copy);
    }
  return NULL;
}

static void
recover_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CollateWindow *self = COLLATE_WINDOW (widget);
  g_autoptr(CollateRecovery) copy = find_recovery (self, g_variant_get_string (parameter, NULL));
  g_autoptr(GError) error = NULL;
  CollateWindow *target;

  if (copy == NULL)
    {
      collate_window_refresh_start_view (self);
      return;
    }

  target = COLLATE_WINDOW (collate_application_get_window_for_project (get_application (self),
                                                                      GTK_WINDOW (self)));
  if (!collate_window_recover (target, copy, &error))
    {
      collate_window_show_banner (self, _("The recovered work could not be read"), error->message,
                                  _("_Discard It"), "win.discard-recovery", parameter);
      if (target != self)
        gtk_window_destroy (GTK_WINDOW (target));
      return;
    }
  gtk_window_present (GTK_WINDOW (target));
}

static void
discard_answered (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CollateRecovery) copy = user_data;
  CollateWindow *self = COLLATE_WINDOW (object);
  g_autoptr(GError) error = NULL;

  self->pending_alert = NULL;
  if (collate_alert_choose_finish (result, NULL) != 1)
    return;
  if (!collate_recovery_discard (copy, &error))
    collate_window_show_error (self, _("The recovered work could not be deleted"), error);
  collate_window_refresh_start_view (self);
}

/* Recovered work is the only copy of those changes: discarding it asks
 * first, and Cancel is the default */
static void
discard_recovery_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CollateWindow *self = COLLATE_WINDOW (widget);
  g_autoptr(CollateRecovery) copy = find_recovery (self, g_variant_get_string (parameter, NULL));
  const char *buttons[] = { _("_Cancel"), _("_Discard"), NULL };
  g_autofree char *message = NULL;
  const char *title;

  if (copy == NULL)
    {
      collate_window_refresh_start_view (self);
      return;
    }
  title = collate_recovery_get_title (copy);
  message = g_strdup_printf (_("Discard the unsaved changes to “%s”?"),
                             title != NULL && *title ? title : _("Untitled Project"));
  self->pending_alert = collate_alert_choose_async (GTK_WINDOW (self), message,
                                                    _("They were never saved, and this copy is the only one: "
                                                      "once discarded they cannot be recovered."),
                                                    buttons, 0, 0, 1, NULL,
                                                    discard_answered, g_steal_pointer (&copy));
}

void
collate_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.new-from-text", NULL, new_from_text_action);
  gtk_widget_class_install_action (widget_class, "win.new-from-clipboard", NULL,
                                   new_from_clipboard_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-fetch", NULL, cancel_fetch_action);
  collate_window_class_add_document_actions (widget_class);
  gtk_widget_class_install_action (widget_class, "win.open-sample", NULL, open_sample_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  collate_window_class_add_report_actions (widget_class);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.forget-recent", "s", forget_recent_action);
  gtk_widget_class_install_action (widget_class, "win.recover", "s", recover_action);
  gtk_widget_class_install_action (widget_class, "win.discard-recovery", "s",
                                   discard_recovery_action);
}
