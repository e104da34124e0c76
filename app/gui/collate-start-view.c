/* collate-start-view.c — what a window shows before a project is open
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "collate-recovery.h"
#include "collate-start-view.h"

struct _CollateStartView
{
  GtkWidget   parent_instance;

  GtkWidget  *scroller;
  GtkWidget  *recovery_group;
  GtkListBox *recovery_list;
  GtkWidget  *recent_group;
  GtkListBox *recent_list;
  GtkWidget  *sample_button;

  guint       n_recent;
  guint       n_recovery;
};

G_DEFINE_FINAL_TYPE (CollateStartView, collate_start_view, GTK_TYPE_WIDGET)

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static char *
display_folder (GFile *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *path = NULL;
  const char *home = g_get_home_dir ();

  if (parent == NULL)
    return g_strdup ("");
  path = g_file_get_parse_name (parent);
  if (home != NULL && g_str_has_prefix (path, home)
      && (path[strlen (home)] == '/' || path[strlen (home)] == '\0'))
    return g_strconcat ("~", path + strlen (home), NULL);
  return g_steal_pointer (&path);
}

static GtkWidget *
make_row_labels (const char *title,
                 const char *subtitle)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label;

  gtk_widget_set_hexpand (box, TRUE);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);

  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "row-title");
  gtk_box_append (GTK_BOX (box), label);

  label = gtk_label_new (subtitle);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), label);

  return box;
}

void
collate_start_view_set_recent (CollateStartView   *self,
                               const char * const *paths)
{
  g_return_if_fail (COLLATE_IS_START_VIEW (self));

  clear_list (self->recent_list);
  self->n_recent = 0;

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *folder = display_folder (file);
      gboolean exists = g_file_query_exists (file, NULL);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *image = gtk_image_new_from_icon_name ("text-x-generic-symbolic");
      g_autofree char *subtitle = NULL;

      if (exists)
        subtitle = g_strdup (folder);
      else
        /* Translators: a recent project whose file is gone; %s is its folder */
        subtitle = g_strdup_printf (_("%s — file not found"), folder);

      gtk_widget_add_css_class (box, "start-row");
      gtk_box_append (GTK_BOX (box), image);
      gtk_box_append (GTK_BOX (box), make_row_labels (name, subtitle));
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_widget_set_tooltip_text (row, paths[i]);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-recent");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", paths[i]);
      if (!exists)
        gtk_widget_add_css_class (row, "missing");
      gtk_list_box_append (self->recent_list, row);
      self->n_recent++;
    }

  gtk_widget_set_visible (self->recent_group, self->n_recent > 0);
}

void
collate_start_view_set_recovery (CollateStartView *self,
                                 GPtrArray        *copies)
{
  g_return_if_fail (COLLATE_IS_START_VIEW (self));

  clear_list (self->recovery_list);
  self->n_recovery = 0;

  for (guint i = 0; copies != NULL && i < copies->len; i++)
    {
      CollateRecovery *copy = g_ptr_array_index (copies, i);
      const char *id = collate_recovery_get_id (copy);
      const char *title = collate_recovery_get_title (copy);
      GFile *origin = collate_recovery_get_origin (copy);
      GDateTime *time = collate_recovery_get_time (copy);
      g_autofree char *when = NULL;
      g_autofree char *where = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *button;

      if (time != NULL)
        {
          g_autoptr(GDateTime) local = g_date_time_to_local (time);

          /* Translators: when a recovery copy was written; a strftime format */
          when = g_date_time_format (local, _("%e %B %Y, %H:%M"));
        }
      if (origin != NULL)
        where = g_file_get_parse_name (origin);
      else
        where = g_strdup (_("never saved"));
      subtitle = when != NULL ? g_strdup_printf ("%s · %s", g_strstrip (when), where)
                              : g_strdup (where);

      gtk_widget_add_css_class (box, "start-row");
      gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("document-revert-symbolic"));
      gtk_box_append (GTK_BOX (box),
                      make_row_labels (title != NULL && title[0] != '\0' ? title : _("Untitled Project"),
                                       subtitle));

      button = gtk_button_new_with_mnemonic (_("_Discard"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      /* not the most prominent: Recover is; it asks before it discards */
      gtk_widget_add_css_class (button, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.discard-recovery");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", id);
      gtk_widget_set_tooltip_text (button, _("Delete the recovered changes"));
      gtk_box_append (GTK_BOX (box), button);

      button = gtk_button_new_with_mnemonic (_("_Recover"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "suggested-action");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.recover");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", id);
      gtk_widget_set_tooltip_text (button, _("Open the project with the unsaved changes"));
      gtk_box_append (GTK_BOX (box), button);

      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->recovery_list, row);
      self->n_recovery++;
    }

  gtk_widget_set_visible (self->recovery_group, self->n_recovery > 0);
}

guint
collate_start_view_get_n_recent (CollateStartView *self)
{
  g_return_val_if_fail (COLLATE_IS_START_VIEW (self), 0);

  return self->n_recent;
}

guint
collate_start_view_get_n_recovery (CollateStartView *self)
{
  g_return_val_if_fail (COLLATE_IS_START_VIEW (self), 0);

  return self->n_recovery;
}

static gboolean
collate_start_view_grab_focus (GtkWidget *widget)
{
  CollateStartView *self = COLLATE_START_VIEW (widget);

  return gtk_widget_grab_focus (self->sample_button);
}

static void
collate_start_view_dispose (GObject *object)
{
  CollateStartView *self = COLLATE_START_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), COLLATE_TYPE_START_VIEW);

  G_OBJECT_CLASS (collate_start_view_parent_class)->dispose (object);
}

static void
collate_start_view_class_init (CollateStartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = collate_start_view_dispose;
  widget_class->grab_focus = collate_start_view_grab_focus;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/collate/Collate/collate-start-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CollateStartView, scroller);
  gtk_widget_class_bind_template_child (widget_class, CollateStartView, recovery_group);
  gtk_widget_class_bind_template_child (widget_class, CollateStartView, recovery_list);
  gtk_widget_class_bind_template_child (widget_class, CollateStartView, recent_group);
  gtk_widget_class_bind_template_child (widget_class, CollateStartView, recent_list);
  gtk_widget_class_bind_template_child (widget_class, CollateStartView, sample_button);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "startview");
}

static void
collate_start_view_init (CollateStartView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
collate_start_view_new (void)
{
  return g_object_new (COLLATE_TYPE_START_VIEW, NULL);
}
