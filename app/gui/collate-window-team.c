/* collate-window-team.c — CollateWindow's team work: curation of several annotators' files,
 * agreement figures, and the conflicts a merge left
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "collate-accessible.h"
#include "collate-agreement-dialog.h"
#include "collate-compat.h"
#include "collate-window-private.h"
#include "collate-workspace.h"

/* ── Open for Curation ──────────────────────────────────────────────── */

typedef struct
{
  CollateWindow *self;
  GPtrArray     *files;     /* GFile */
  GPtrArray     *projects;  /* CollateProject */
} CurateLoad;

static void
curate_load_free (CurateLoad *load)
{
  g_clear_object (&load->self);
  g_ptr_array_unref (load->files);
  g_ptr_array_unref (load->projects);
  g_free (load);
}

/* "alice" for alice.collate.json: the name of an annotator whose spans
 * carry no author */
static char *
annotator_name (GFile *file)
{
  g_autofree char *base = g_file_get_basename (file);
  g_autofree char *shown = g_filename_display_name (base);

  if (g_str_has_suffix (shown, ".collate.json"))
    shown[strlen (shown) - strlen (".collate.json")] = '\0';
  else if (g_str_has_suffix (shown, ".json"))
    shown[strlen (shown) - strlen (".json")] = '\0';
  return g_steal_pointer (&shown);
}

static void load_next (CurateLoad *load);

static void
curate_merge (CurateLoad *load)
{
  CollateWindow *self = load->self;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CollateProject) merged = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  for (guint i = 0; i < load->files->len; i++)
    g_ptr_array_add (names, annotator_name (g_ptr_array_index (load->files, i)));
  g_ptr_array_add (names, NULL);
  {
    g_autofree CollateProject **projects = g_new0 (CollateProject *, load->projects->len + 1);

    memcpy (projects, load->projects->pdata, load->projects->len * sizeof (CollateProject *));
    merged = collate_projects_merge (projects, (const char *const *) names->pdata, &error);
  }
  if (merged == NULL)
    {
      collate_window_show_error (self, _("The files could not be merged for curation"), error);
      return;
    }
  /* Translators: the title of a project merged for curation; %s is the first file's title */
  title = g_strdup_printf (_("%s (curation)"), collate_project_get_title (merged));
  collate_project_set_title (merged, title);
  collate_window_set_project (self, merged, NULL, NULL);
  /* never saved: closing asks, Save asks where */
  collate_project_set_modified (merged, TRUE);
  gtk_widget_activate_action (self->workspace, "workspace.show-curation", NULL);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  CurateLoad *load = data;
  g_autoptr(GError) error = NULL;
  CollateProject *project = collate_project_load_file_finish (result, NULL, &error);

  if (project == NULL)
    {
      collate_window_show_error (load->self, _("The files could not be opened for curation"), error);
      curate_load_free (load);
      return;
    }
  g_ptr_array_add (load->projects, project);
  load_next (load);
}

static void
load_next (CurateLoad *load)
{
  if (load->projects->len == load->files->len)
    {
      curate_merge (load);
      curate_load_free (load);
      return;
    }
  collate_project_load_file_async (g_ptr_array_index (load->files, load->projects->len), NULL,
                                   loaded_cb, load);
}

void
collate_window_curate_files (CollateWindow *self,
                             GFile        **files,
                             guint          n_files)
{
  CurateLoad *load;

  g_return_if_fail (COLLATE_IS_WINDOW (self));

  if (n_files < 2)
    {
      g_autoptr(GError) error = g_error_new_literal (COLLATE_ERROR, COLLATE_ERROR_INVALID,
                                                     _("Choose two or more annotators’ project files "
                                                       "of the same documents (Ctrl or Shift to choose several)."));

      collate_window_show_error (self, _("Curation needs several annotators’ files"), error);
      return;
    }
  load = g_new0 (CurateLoad, 1);
  load->self = g_object_ref (self);
  load->files = g_ptr_array_new_with_free_func (g_object_unref);
  load->projects = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (load->files, g_object_ref (files[i]));
  load_next (load);
}

static void
curate_chosen_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CollateWindow) self = user_data;
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  files = collate_file_dialog_open_multiple_finish (result, &error);
  if (files == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        collate_window_show_error (self, _("The files could not be opened for curation"), error);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    g_ptr_array_add (array, g_list_model_get_item (files, i));
  /* this window if it shows nothing yet, else a new one */
  window = self->app != NULL ? collate_application_get_window_for_project (self->app, GTK_WINDOW (self))
                             : GTK_WINDOW (self);
  gtk_window_present (window);
  collate_window_curate_files (COLLATE_WINDOW (window), (GFile **) array->pdata, array->len);
}

static void
open_for_curation_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  CollateWindow *self = COLLATE_WINDOW (widget);
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) projects = gtk_file_filter_new ();
  g_autoptr(GFile) folder = self->file != NULL ? g_file_get_parent (self->file) : NULL;

  gtk_file_filter_set_name (projects, _("Collate Projects"));
  gtk_file_filter_add_pattern (projects, "*.collate.json");
  gtk_file_filter_add_pattern (projects, "*.json");
  g_list_store_append (filters, projects);
  collate_file_dialog_open_multiple_async (GTK_WINDOW (self),
                                           _("Open Several Annotators’ Projects for Curation"),
                                           G_LIST_MODEL (filters), folder, NULL,
                                           curate_chosen_cb, g_object_ref (self));
}

/* ── Agreement ──────────────────────────────────────────────────────── */

static void
agreement_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CollateWindow *self = COLLATE_WINDOW (widget);
  GtkWindow *dialog;

  if (self->project == NULL)
    return;
  dialog = collate_agreement_dialog_new (GTK_WINDOW (self), self->project);
  gtk_window_present (dialog);
}

/* ── Conflicts a merge left ─────────────────────────────────────────── */

static GStrv
merge_conflicts (CollateWindow *self)
{
  const char *value = self->project
                      ? g_hash_table_lookup (collate_project_get_metadata (self->project), COLLATE_MERGE_CONFLICTS_KEY)
                      : NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) lines = NULL;

  if (value == NULL)
    return g_strv_builder_end (builder);
  lines = g_strsplit (value, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_strstrip (lines[i])[0] != '\0')
      g_strv_builder_add (builder, lines[i]);
  return g_strv_builder_end (builder);
}

void
collate_window_update_conflicts (CollateWindow *self)
{
  g_auto(GStrv) conflicts = merge_conflicts (self);
  guint n = g_strv_length (conflicts);
  g_autofree char *heading = NULL;
  g_autofree char *joined = NULL;

  if (self->conflicts_revealer == NULL)
    return;
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->conflicts_revealer), n > 0);
  if (n == 0)
    return;
  /* Translators: a merge of two versions of the project (git) left conflicts */
  heading = g_strdup_printf (ngettext ("A merge left %u conflict to settle",
                                       "A merge left %u conflicts to settle", n), n);
  gtk_label_set_text (GTK_LABEL (self->conflicts_heading), heading);
  /* a screen reader names the expander by its heading */
  collate_accessible_set_label (gtk_widget_get_ancestor (self->conflicts_heading, GTK_TYPE_EXPANDER), "%s", heading);
  joined = g_strjoinv ("\n", conflicts);
  gtk_label_set_text (GTK_LABEL (self->conflicts_list), joined);
}

static void
settle_answered (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(CollateWindow) self = data;

  self->pending_alert = NULL;
  if (collate_alert_choose_finish (result, NULL) != 1 || self->project == NULL)
    return;
  g_hash_table_remove (collate_project_get_metadata (self->project), COLLATE_MERGE_CONFLICTS_KEY);
  /* a change to save, though not one that undo takes back (it was asked) */
  collate_project_set_modified (self->project, TRUE);
  collate_window_update_conflicts (self);
}

static void
settle_conflicts_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CollateWindow *self = COLLATE_WINDOW (widget);
  g_auto(GStrv) conflicts = merge_conflicts (self);
  guint n = g_strv_length (conflicts);
  const char *buttons[] = { _("_Cancel"), _("_Mark Settled"), NULL };
  g_autofree char *message = NULL;

  if (n == 0)
    return;
  message = g_strdup_printf (ngettext ("Mark the merge’s %u conflict as settled?",
                                       "Mark the merge’s %u conflicts as settled?", n), n);
  self->pending_alert = collate_alert_choose_async (GTK_WINDOW (self), message,
                                                    _("The list is removed from the project’s metadata; saving the "
                                                      "project keeps it so. Undo does not bring it back."),
                                                    buttons, 0, 1, -1, NULL,
                                                    settle_answered, g_object_ref (self));
}

/* The banner above the workspace, made once per window */
static void
build_conflicts_banner (CollateWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *settle = gtk_button_new_with_mnemonic (_("Mark _Settled…"));
  GtkWidget *expander;
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_widget_add_css_class (box, "banner");
  gtk_widget_add_css_class (box, "collate-conflicts");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), icon);

  self->conflicts_heading = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->conflicts_heading), 0);
  gtk_label_set_wrap (GTK_LABEL (self->conflicts_heading), TRUE);
  self->conflicts_list = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->conflicts_list), 0);
  gtk_label_set_wrap (GTK_LABEL (self->conflicts_list), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->conflicts_list), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (self->conflicts_list), TRUE);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 140);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->conflicts_list);
  expander = gtk_expander_new (NULL);
  gtk_expander_set_label_widget (GTK_EXPANDER (expander), self->conflicts_heading);
  gtk_expander_set_child (GTK_EXPANDER (expander), scroller);
  gtk_expander_set_expanded (GTK_EXPANDER (expander), TRUE);
  collate_accessible_set_label (expander, "%s", _("Conflicts a merge left"));
  gtk_widget_add_css_class (self->conflicts_heading, "heading");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (text), expander);
  gtk_box_append (GTK_BOX (box), text);

  gtk_widget_set_valign (settle, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (settle, _("Remove the list of conflicts from the project once they are dealt with"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (settle), "win.settle-merge-conflicts");
  gtk_box_append (GTK_BOX (box), settle);

  self->conflicts_revealer = gtk_revealer_new ();
  gtk_revealer_set_transition_type (GTK_REVEALER (self->conflicts_revealer),
                                    GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_revealer_set_child (GTK_REVEALER (self->conflicts_revealer), box);
  gtk_box_prepend (self->workspace_box, self->conflicts_revealer);
}

/* Called whenever the window shows a project */
void
collate_window_team_project_set (CollateWindow *self)
{
  if (self->conflicts_revealer == NULL)
    build_conflicts_banner (self);
  collate_window_update_conflicts (self);
}

void
collate_window_class_add_team_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open-for-curation", NULL, open_for_curation_action);
  gtk_widget_class_install_action (widget_class, "win.agreement", NULL, agreement_action);
  gtk_widget_class_install_action (widget_class, "win.settle-merge-conflicts", NULL, settle_conflicts_action);
}
