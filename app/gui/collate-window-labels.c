/* collate-window-labels.c — CollateWindow's label actions: the label editor,
 * the label picker, saving and applying label sets, and the workspace made
 * again when the labels change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "collate-compat.h"
#include "collate-label-editor.h"
#include "collate-label-palette.h"
#include "collate-window-private.h"
#include "collate-workspace.h"

#define EDITOR_KEY "collate-label-editor"
#define REBUILD_KEY "collate-label-rebuild"

/* ── The workspace follows the labels ── */

typedef struct
{
  char   *selected;
  GArray *scroll;   /* of double: each pane's vertical position */
} ViewState;

/* Puts each pane back where it was scrolled to, a few times while the new
 * panes lay their text out (and selecting scrolled one of them) */
static gboolean
restore_scroll (gpointer data)
{
  CollateWindow *self = data;
  GArray *scroll = g_object_get_data (G_OBJECT (self), "collate-label-scroll");
  guint ticks = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (self), "collate-label-ticks"));

  if (self->workspace != NULL && scroll != NULL)
    for (guint i = 0; i < scroll->len && i < collate_workspace_get_n_panes (COLLATE_WORKSPACE (self->workspace)); i++)
      {
        GtkTextView *view = collate_workspace_get_text_view (COLLATE_WORKSPACE (self->workspace), i);
        GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));

        if (adjustment != NULL)
          gtk_adjustment_set_value (adjustment, g_array_index (scroll, double, i));
      }
  g_object_set_data (G_OBJECT (self), "collate-label-ticks", GUINT_TO_POINTER (ticks + 1));
  if (scroll != NULL && ticks < 6)
    return G_SOURCE_CONTINUE;
  g_object_set_data (G_OBJECT (self), "collate-label-scroll", NULL);
  return G_SOURCE_REMOVE;
}

/* The panes, the sidebar and the palette draw the labels they were made
 * with: make them again, keeping the selection, the focus's pane and where
 * each pane was scrolled to */
static gboolean
rebuild_workspace (gpointer data)
{
  CollateWindow *self = data;
  g_autofree char *selected = NULL;
  g_autoptr(GArray) scroll = g_array_new (FALSE, FALSE, sizeof (double));
  gboolean had_focus;

  g_object_set_data (G_OBJECT (self), REBUILD_KEY, NULL);
  if (self->workspace == NULL || self->project == NULL)
    return G_SOURCE_REMOVE;

  selected = g_strdup (collate_workspace_get_selected_id (COLLATE_WORKSPACE (self->workspace)));
  for (guint i = 0; i < collate_workspace_get_n_panes (COLLATE_WORKSPACE (self->workspace)); i++)
    {
      GtkTextView *view = collate_workspace_get_text_view (COLLATE_WORKSPACE (self->workspace), i);
      GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
      double value = adjustment ? gtk_adjustment_get_value (adjustment) : 0;

      g_array_append_val (scroll, value);
    }
  had_focus = gtk_window_is_active (GTK_WINDOW (self));

  gtk_box_remove (self->workspace_box, self->workspace);
  if (self->palette != NULL)
    gtk_box_remove (self->palette_box, self->palette);

  self->workspace = GTK_WIDGET (collate_workspace_new (self->project, self->settings));
  gtk_widget_set_vexpand (self->workspace, TRUE);
  gtk_widget_set_hexpand (self->workspace, TRUE);
  gtk_box_append (self->workspace_box, self->workspace);
  self->palette = collate_label_palette_new (COLLATE_WORKSPACE (self->workspace));
  gtk_box_append (self->palette_box, self->palette);

  if (selected != NULL && collate_project_lookup_annotation (self->project, selected) == NULL
      && collate_project_lookup_link (self->project, selected) == NULL)
    g_clear_pointer (&selected, g_free);
  if (selected != NULL)
    collate_workspace_select (COLLATE_WORKSPACE (self->workspace), selected);
  if (had_focus)
    collate_workspace_focus_text (COLLATE_WORKSPACE (self->workspace));

  g_object_set_data_full (G_OBJECT (self), "collate-label-scroll", g_steal_pointer (&scroll),
                          (GDestroyNotify) g_array_unref);
  g_object_set_data (G_OBJECT (self), "collate-label-ticks", NULL);
  g_timeout_add_full (G_PRIORITY_DEFAULT, 100, restore_scroll, g_object_ref (self), g_object_unref);
  return G_SOURCE_REMOVE;
}

static void
schema_changed_cb (CollateWindow *self)
{
  if (g_object_get_data (G_OBJECT (self), REBUILD_KEY) != NULL)
    return;
  /* the workspace made next draws the new labels: the present one need not
   * follow the changes that come with them (a renamed label's spans) */
  if (self->workspace != NULL)
    collate_workspace_stop_following (COLLATE_WORKSPACE (self->workspace));
  g_object_set_data (G_OBJECT (self), REBUILD_KEY, GINT_TO_POINTER (1));
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, rebuild_workspace, g_object_ref (self), g_object_unref);
}

void
collate_window_labels_project_set (CollateWindow *self)
{
  CollateLabelEditor *editor = g_object_get_data (G_OBJECT (self), EDITOR_KEY);

  /* an editor of the project shown before goes */
  if (editor != NULL)
    gtk_window_destroy (GTK_WINDOW (editor));
  if (self->project != NULL)
    g_signal_connect_object (collate_project_get_schema (self->project), "changed",
                             G_CALLBACK (schema_changed_cb), self, G_CONNECT_SWAPPED);
}

/* ── Actions ── */

static void
on_editor_destroy (CollateWindow *self)
{
  g_object_set_data (G_OBJECT (self), EDITOR_KEY, NULL);
}

static void
edit_labels_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CollateWindow *self = COLLATE_WINDOW (widget);
  CollateLabelEditor *editor = g_object_get_data (G_OBJECT (self), EDITOR_KEY);

  if (self->project == NULL)
    return;
  if (editor == NULL)
    {
      editor = collate_label_editor_new (self->project, GTK_WINDOW (self));
      g_object_set_data (G_OBJECT (self), EDITOR_KEY, editor);
      g_signal_connect_object (editor, "destroy", G_CALLBACK (on_editor_destroy), self, G_CONNECT_SWAPPED);
    }
  gtk_window_present (GTK_WINDOW (editor));
}

static void
label_picker_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CollateWindow *self = COLLATE_WINDOW (widget);

  if (self->palette != NULL)
    collate_label_palette_show_picker (COLLATE_LABEL_PALETTE (self->palette));
}

static void
save_set_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CollateWindow *self = COLLATE_WINDOW (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = collate_file_dialog_save_finish (result, &error);

  if (file == NULL || self->project == NULL)
    return;
  if (!collate_label_set_save_file (collate_project_get_schema (self->project),
                                    collate_project_get_title (self->project), file, &error))
    collate_window_show_banner (self, _("The label set could not be saved"), error->message,
                                NULL, NULL, NULL);
}

static void
save_label_set_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CollateWindow *self = COLLATE_WINDOW (widget);
  g_autoptr(GListModel) filters = collate_window_file_filters (COLLATE_WINDOW_FILES_LABEL_SETS);
  g_autofree char *name = NULL;

  if (self->project == NULL)
    return;
  name = g_strdup_printf ("%s.labels.json", collate_project_get_title (self->project));
  g_strdelimit (name, "/\\:", '-');
  collate_file_dialog_save_async (GTK_WINDOW (self), _("Save Label Set"), filters, NULL, name,
                                  NULL, save_set_done, NULL);
}

typedef struct
{
  CollateWindow *window;
  CollateSchema *set;
} ApplyData;

static void
apply_data_free (ApplyData *data)
{
  g_object_unref (data->window);
  g_object_unref (data->set);
  g_free (data);
}

static void
keep_answered (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  ApplyData *data = user_data;
  CollateWindow *self = data->window;
  g_autoptr(GError) error = NULL;

  self->pending_alert = NULL;
  if (collate_alert_choose_finish (result, NULL) == 1 && self->project != NULL
      && !collate_project_apply_label_set (self->project, data->set, TRUE, &error))
    collate_window_show_banner (self, _("The label set could not be applied"), error->message,
                                NULL, NULL, NULL);
  apply_data_free (data);
}

static void
apply_set_from (CollateWindow *self,
                GFile         *file)
{
  g_autoptr(CollateSchema) set = NULL;
  g_autoptr(GError) error = NULL;

  if (self->project == NULL)
    return;
  set = collate_label_set_load_file (file, NULL, NULL, &error);
  if (set == NULL)
    {
      collate_window_show_banner (self, _("The label set could not be read"), error->message,
                                  NULL, NULL, NULL);
      return;
    }
  if (!collate_project_apply_label_set (self->project, set, FALSE, &error))
    {
      const char *buttons[] = { _("_Cancel"), _("_Keep Them"), NULL };
      GtkWindow *editor = g_object_get_data (G_OBJECT (self), EDITOR_KEY);
      ApplyData *data;
      g_autofree char *detail = NULL;

      if (!g_error_matches (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND))
        {
          collate_window_show_banner (self, _("The label set could not be applied"), error->message,
                                      NULL, NULL, NULL);
          return;
        }
      /* nothing is dropped silently: keep those labels, or leave it.  (The
       * core's message starts in lower case, to follow a file's name.) */
      {
        g_autofree char *first = g_utf8_strup (error->message, g_utf8_next_char (error->message) - error->message);

        detail = g_strconcat (first, g_utf8_next_char (error->message), NULL);
      }
      data = g_new0 (ApplyData, 1);
      data->window = g_object_ref (self);
      data->set = g_steal_pointer (&set);
      self->pending_alert = collate_alert_choose_async (editor != NULL ? editor : GTK_WINDOW (self),
                                                        _("Keep the labels the set lacks?"),
                                                        detail, buttons, 0, 1, -1, NULL,
                                                        keep_answered, data);
    }
}

static void
apply_file_done (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = collate_file_dialog_open_finish (result, &error);

  if (file != NULL)
    apply_set_from (COLLATE_WINDOW (object), file);
}

static void
apply_label_set_file_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  CollateWindow *self = COLLATE_WINDOW (widget);
  g_autoptr(GListModel) filters = collate_window_file_filters (COLLATE_WINDOW_FILES_LABEL_SETS);
  g_autoptr(GFile) folder = collate_label_set_get_shipped_dir ();

  if (self->project == NULL)
    return;
  collate_file_dialog_open_async (GTK_WINDOW (self), _("Apply Label Set"), filters, folder,
                                  NULL, apply_file_done, NULL);
}

static void
apply_label_set_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  apply_set_from (COLLATE_WINDOW (widget), file);
}

void
collate_window_class_add_label_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.edit-labels", NULL, edit_labels_action);
  gtk_widget_class_install_action (widget_class, "win.label-picker", NULL, label_picker_action);
  gtk_widget_class_install_action (widget_class, "win.save-label-set", NULL, save_label_set_action);
  gtk_widget_class_install_action (widget_class, "win.apply-label-set", "s", apply_label_set_action);
  gtk_widget_class_install_action (widget_class, "win.apply-label-set-file", NULL,
                                   apply_label_set_file_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "win.label-picker", NULL);
}

void
collate_window_update_label_actions (CollateWindow *self)
{
  gboolean has_project = self->project != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-labels", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.label-picker", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-label-set", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.apply-label-set", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.apply-label-set-file", has_project);
}

/* The primary menu's Labels section: the editor, saving, and the sets that
 * ship, then any file */
void
collate_window_labels_init (CollateWindow *self)
{
  GMenuModel *model = gtk_menu_button_get_menu_model (self->primary_menu_button);
  g_autoptr(GMenu) section = g_menu_new ();
  g_autoptr(GMenu) sets = g_menu_new ();
  g_autoptr(GPtrArray) files = collate_label_set_list_shipped ();

  if (!G_IS_MENU (model))
    return;

  g_menu_append (section, _("_Labels…"), "win.edit-labels");
  for (guint i = 0; i < files->len; i++)
    {
      GFile *file = g_ptr_array_index (files, i);
      g_autofree char *title = NULL;
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(CollateSchema) set = collate_label_set_load_file (file, &title, NULL, NULL);
      g_autoptr(GMenuItem) item = NULL;

      if (set == NULL || path == NULL)
        continue;
      item = g_menu_item_new (title ? title : path, NULL);
      g_menu_item_set_action_and_target (item, "win.apply-label-set", "s", path);
      g_menu_append_item (sets, item);
    }
  g_menu_append (sets, _("From a _File…"), "win.apply-label-set-file");
  g_menu_append_submenu (section, _("_Apply Label Set"), G_MENU_MODEL (sets));
  g_menu_append (section, _("_Save Label Set…"), "win.save-label-set");
  /* after Save, Save As, Export */
  g_menu_insert_section (G_MENU (model), MIN (2, g_menu_model_get_n_items (model)), NULL,
                         G_MENU_MODEL (section));
}
