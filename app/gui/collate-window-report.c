/* collate-window-report.c — File ▸ Export a Report…: the project as one HTML page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page is the one `collate-cli report` writes (collate-report.h), made
 * and written (through the safe writer, which fsyncs) in a worker thread
 * from a copy of the project taken when the file is chosen.  Once written,
 * the banner says where it went and offers to open it in the browser.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "collate.h"
#include "collate-compat.h"
#include "collate-window-private.h"

/* The name offered in the file chooser: the project file's name with
 * .html for its extension, else the project's title, else "report.html" */
char *
collate_window_suggest_report_name (GFile      *project_file,
                                    const char *title)
{
  g_autofree char *stem = NULL;

  if (project_file != NULL)
    {
      g_autofree char *base = g_file_get_basename (project_file);

      if (base != NULL && g_str_has_suffix (base, ".collate.json"))
        base[strlen (base) - strlen (".collate.json")] = '\0';
      else if (base != NULL && g_str_has_suffix (base, ".json"))
        base[strlen (base) - strlen (".json")] = '\0';
      if (base != NULL && base[0] != '\0' && base[0] != '.')
        stem = g_steal_pointer (&base);
    }
  if (stem == NULL && title != NULL)
    {
      /* A title may hold anything: keep letters, digits and a few marks, and
       * at most 60 characters */
      GString *clean = g_string_new (NULL);
      glong n = 0;

      for (const char *p = title; *p != '\0' && n < 60; p = g_utf8_next_char (p), n++)
        {
          gunichar c = g_utf8_get_char (p);

          if (g_unichar_isalnum (c) || c == '-' || c == '_' || c == '.')
            g_string_append_unichar (clean, c);
          else if (g_unichar_isspace (c) && clean->len > 0 && clean->str[clean->len - 1] != ' ')
            g_string_append_c (clean, ' ');
        }
      g_strstrip (clean->str);
      if (clean->str[0] != '\0' && clean->str[0] != '.')
        stem = g_strdup (clean->str);
      g_string_free (clean, TRUE);
    }
  if (stem == NULL)
    /* Translators: the file name offered for a report of an unsaved,
     * untitled project; keep it a valid file name */
    stem = g_strdup (C_("file name", "report"));
  return g_strconcat (stem, ".html", NULL);
}

void
collate_window_set_banner_done (CollateWindow *self,
                                gboolean       done)
{
  GtkWidget *icon;

  if (self->banner == NULL)
    return;
  icon = gtk_widget_get_first_child (self->banner);
  if (done)
    gtk_widget_add_css_class (self->banner, "done");
  else
    gtk_widget_remove_css_class (self->banner, "done");
  if (GTK_IS_IMAGE (icon))
    gtk_image_set_from_icon_name (GTK_IMAGE (icon), done ? "object-select-symbolic"
                                                          : "dialog-warning-symbolic");
}

typedef struct
{
  CollateWindow *window;
  GFile         *file;
} Written;

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Written *w = user_data;
  g_autoptr(CollateWindow) self = w->window;
  g_autoptr(GFile) file = w->file;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *shown = g_file_get_parse_name (file);

  g_free (w);
  if (self->app != NULL)
    g_application_release (G_APPLICATION (self->app));
  if (!collate_report_write_finish (result, &error))
    {
      if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
        collate_window_show_error (self, _("The report could not be written"), error);
      return;
    }
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  collate_window_show_banner (self, _("Report exported"), shown,
                              _("_Open"), "win.open-report", g_variant_new_string (uri));
  collate_window_set_banner_done (self, TRUE);
}

static void
report_chosen_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CollateWindow) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *generated = NULL;
  Written *written;

  file = collate_file_dialog_save_finish (result, &error);
  if (file == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        collate_window_show_error (self, _("The report could not be written"), error);
      return;
    }
  /* Closed, or another project shown, while the chooser was open */
  if (self->project == NULL || gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  if (self->file != NULL && g_file_equal (file, self->file))
    {
      g_autoptr(GError) same = g_error_new_literal (COLLATE_ERROR, COLLATE_ERROR_INVALID,
                                                    _("That is the project file itself; choose "
                                                      "another name for the report."));

      collate_window_show_error (self, _("The report could not be written"), same);
      return;
    }

  /* What the page shows is taken now; it is made and written in a worker
   * thread, while the application is held */
  generated = collate_timestamp_now ();
  written = g_new0 (Written, 1);
  written->window = g_object_ref (self);
  written->file = g_object_ref (file);
  if (self->app != NULL)
    g_application_hold (G_APPLICATION (self->app));
  collate_report_write_async (self->project, file, generated, NULL, written_cb, written);
}

static void
export_report_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CollateWindow *self = COLLATE_WINDOW (widget);
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) pages = gtk_file_filter_new ();
  g_autoptr(GFile) folder = NULL;
  g_autofree char *name = NULL;

  if (self->project == NULL)
    return;
  folder = collate_window_dup_folder (self);
  name = collate_window_suggest_report_name (self->file, collate_project_get_title (self->project));

  gtk_file_filter_set_name (pages, _("Web Pages"));
  gtk_file_filter_add_mime_type (pages, "text/html");
  gtk_file_filter_add_pattern (pages, "*.html");
  gtk_file_filter_add_pattern (pages, "*.htm");
  g_list_store_append (filters, pages);

  collate_file_dialog_save_async (GTK_WINDOW (self), _("Export a Report"), G_LIST_MODEL (filters),
                                  folder, name, NULL, report_chosen_cb, g_object_ref (self));
}

static void
launched_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CollateWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!collate_launch_file_finish (result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      && !gtk_widget_in_destruction (GTK_WIDGET (self)))
    collate_window_show_error (self, _("The report could not be opened"), error);
}

static void
open_report_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CollateWindow *self = COLLATE_WINDOW (widget);
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  collate_window_hide_banner (self);
  collate_launch_file_async (GTK_WINDOW (self), file, NULL, launched_cb, g_object_ref (self));
}

void
collate_window_class_add_report_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-report", NULL, export_report_action);
  gtk_widget_class_install_action (widget_class, "win.open-report", "s", open_report_action);
}
