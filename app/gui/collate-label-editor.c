/* collate-label-editor.c — the window where a project's labels are edited
 *
 * Each row edits one label in place: a colour button, the name, the key
 * (span labels), the description, the count of its spans or links, buttons
 * to move it and to delete it.  A text field's change is made when the
 * field is activated (Enter) or left.  The rows are rebuilt from the
 * schema after every change, undo and redo included, so they always show
 * what the project holds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "collate-label-drop-down.h"
#include "collate-label-editor.h"

enum { FIELD_NAME, FIELD_HOTKEY, FIELD_DESCRIPTION, N_FIELDS };

struct _CollateLabelEditor
{
  GtkWindow       parent_instance;

  CollateProject *project;
  GtkWidget      *stack;
  GtkWidget      *lists[2];
  GtkWidget      *message;
  GtkWidget      *message_revealer;
  guint           rebuild_source;
  gboolean        rebuilding;
};

G_DEFINE_FINAL_TYPE (CollateLabelEditor, collate_label_editor, GTK_TYPE_WINDOW)

typedef struct
{
  CollateLabelEditor *editor;   /* weak: the row is the editor's */
  CollateLabelKind    kind;
  char               *name;     /* the label the row shows */
  GtkWidget          *color;
  GtkWidget          *fields[N_FIELDS];
} Row;

static void
row_free (Row *row)
{
  g_free (row->name);
  g_free (row);
}

static void schedule_rebuild (CollateLabelEditor *self);

static void
show_message (CollateLabelEditor *self,
              const char         *message)
{
  gtk_label_set_text (GTK_LABEL (self->message), message ? message : "");
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->message_revealer), message != NULL);
}

const char *
collate_label_editor_get_message (CollateLabelEditor *self)
{
  g_return_val_if_fail (COLLATE_IS_LABEL_EDITOR (self), NULL);

  if (!gtk_revealer_get_reveal_child (GTK_REVEALER (self->message_revealer)))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (self->message));
}

static char *
rgba_to_hex (const GdkRGBA *rgba)
{
  return g_strdup_printf ("#%02x%02x%02x",
                          (guint) CLAMP (rgba->red * 255 + 0.5, 0, 255),
                          (guint) CLAMP (rgba->green * 255 + 0.5, 0, 255),
                          (guint) CLAMP (rgba->blue * 255 + 0.5, 0, 255));
}

/* Makes the row's fields the label's; on a refusal says why and shows the
 * label as it is */
static void
commit_row (Row *row)
{
  CollateLabelEditor *self = row->editor;
  CollateLabel *label;
  g_autoptr(CollateLabel) replacement = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *color = NULL;
  g_autofree char *name = NULL;
  const char *hotkey = NULL;
  const char *description;
  GdkRGBA rgba;

  if (self == NULL || self->rebuilding)
    return;
  label = collate_schema_lookup (collate_project_get_schema (self->project), row->kind, row->name);
  if (label == NULL)
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row->fields[FIELD_NAME]))));
  if (row->fields[FIELD_HOTKEY] != NULL)
    hotkey = gtk_editable_get_text (GTK_EDITABLE (row->fields[FIELD_HOTKEY]));
  else
    hotkey = collate_label_get_hotkey (label);
  description = gtk_editable_get_text (GTK_EDITABLE (row->fields[FIELD_DESCRIPTION]));
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (row->color), &rgba);
  color = rgba_to_hex (&rgba);

  replacement = collate_label_new (name, color, hotkey, description, &error);
  if (replacement == NULL
      || !collate_project_edit_label (self->project, row->kind, row->name, replacement, &error))
    {
      show_message (self, error->message);
      schedule_rebuild (self);
      return;
    }
  show_message (self, NULL);
  g_free (row->name);
  row->name = g_strdup (name);
}

static void
on_field_activate (GtkWidget *entry,
                   Row       *row)
{
  commit_row (row);
}

static void
on_field_leave (GtkEventControllerFocus *controller,
                Row                     *row)
{
  commit_row (row);
}

static void
on_color_set (GtkWidget *button,
              Row       *row)
{
  CollateLabelEditor *self = row->editor;
  g_autofree char *color = NULL;
  g_autofree char *name = g_strdup (row->name);
  GdkRGBA rgba;
  double contrast;

  commit_row (row);
  if (self == NULL || collate_label_editor_get_message (self) != NULL)
    return;
  /* made, but said when it will be hard to see */
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  color = rgba_to_hex (&rgba);
  contrast = collate_color_dot_contrast (color);
  if (contrast < 3.0)
    {
      g_autofree char *text =
        /* Translators: a label's name, its colour, a contrast ratio (e.g. "1.4") */
        g_strdup_printf (_("“%s” in %s will be hard to see: its dot has a contrast of only %.1f:1 "
                           "against the light or the dark style’s background (3:1 reads well). "
                           "The colours in the chooser’s first rows all read well."),
                         name, color, contrast);

      show_message (self, text);
    }
}

static void
on_move (GtkButton *button,
         Row       *row)
{
  CollateLabelEditor *self = row->editor;
  int delta = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "collate-delta"));
  int position = collate_schema_index_of (collate_project_get_schema (self->project), row->kind, row->name);
  g_autoptr(GError) error = NULL;

  if (position < 0 || position + delta < 0)
    return;
  if (!collate_project_move_label (self->project, row->kind, row->name, position + delta, &error))
    show_message (self, error->message);
}

/* ── Deleting a label in use ── */

typedef struct
{
  CollateLabelEditor *editor;
  CollateLabelKind    kind;
  char               *name;
  GtkWidget          *dialog;
  GtkWidget          *dropdown;
  GtkStringList      *others;
} DeleteData;

static void
delete_data_free (DeleteData *data)
{
  g_clear_weak_pointer (&data->editor);
  g_free (data->name);
  g_clear_object (&data->others);
  g_free (data);
}

static void
on_dialog_gone (gpointer  data,
                GObject  *where_the_object_was)
{
  delete_data_free (data);
}

static void
remove_label (CollateLabelEditor *self,
              CollateLabelKind    kind,
              const char         *name,
              const char         *relabel_to)
{
  g_autoptr(GError) error = NULL;

  if (!collate_project_remove_label (self->project, kind, name, relabel_to, &error))
    show_message (self, error->message);
  else
    show_message (self, NULL);
}

static void
on_delete_response (GtkButton  *button,
                    DeleteData *data)
{
  const char *response = g_object_get_data (G_OBJECT (button), "collate-response");

  if (data->editor != NULL && g_str_equal (response, "relabel"))
    {
      guint position = gtk_drop_down_get_selected (GTK_DROP_DOWN (data->dropdown));

      remove_label (data->editor, data->kind, data->name,
                    gtk_string_list_get_string (data->others, position));
    }
  else if (data->editor != NULL && g_str_equal (response, "delete"))
    remove_label (data->editor, data->kind, data->name, NULL);
  gtk_window_destroy (GTK_WINDOW (data->dialog));
}

static GtkWidget *
add_response (DeleteData *data,
              GtkWidget  *box,
              const char *label,
              const char *response)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  g_object_set_data (G_OBJECT (button), "collate-response", (gpointer) response);
  g_signal_connect (button, "clicked", G_CALLBACK (on_delete_response), data);
  gtk_box_append (GTK_BOX (box), button);
  return button;
}

static void
ask_delete (CollateLabelEditor *self,
            CollateLabelKind    kind,
            const char         *name,
            guint               uses)
{
  CollateSchema *schema = collate_project_get_schema (self->project);
  DeleteData *data = g_new0 (DeleteData, 1);
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *heading, *body, *choice, *buttons, *button;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  g_autofree char *delete_label = NULL;
  guint n_others = 0;

  g_set_weak_pointer (&data->editor, self);
  data->kind = kind;
  data->name = g_strdup (name);
  data->others = gtk_string_list_new (NULL);
  for (guint i = 0; i < collate_schema_get_n_labels (schema, kind); i++)
    {
      const char *other = collate_label_get_name (collate_schema_get_label (schema, kind, i));

      if (!g_str_equal (other, name))
        {
          gtk_string_list_append (data->others, other);
          n_others++;
        }
    }

  data->dialog = gtk_window_new ();
  gtk_window_set_modal (GTK_WINDOW (data->dialog), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (data->dialog), GTK_WINDOW (self));
  gtk_window_set_resizable (GTK_WINDOW (data->dialog), FALSE);
  gtk_window_set_title (GTK_WINDOW (data->dialog), _("Delete Label"));
  gtk_widget_add_css_class (data->dialog, "collate-label-delete");
  g_object_weak_ref (G_OBJECT (data->dialog), on_dialog_gone, data);

  /* Translators: %s is a label's name */
  title = g_strdup_printf (_("Delete the label “%s”?"), name);
  heading = gtk_label_new (title);
  gtk_widget_add_css_class (heading, "title-3");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_box_append (GTK_BOX (content), heading);

  if (kind == COLLATE_LABEL_KIND_SPAN)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u span has this label. Give it another label, or delete "
                                         "it (and its links) with the label.",
                                         "%u spans have this label. Give them another label, or delete "
                                         "them (and their links) with the label.", uses), uses);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u link has this label. Give it another label, or delete it "
                                         "with the label.",
                                         "%u links have this label. Give them another label, or delete "
                                         "them with the label.", uses), uses);
  body = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (body), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (body), 48);
  gtk_label_set_xalign (GTK_LABEL (body), 0);
  gtk_box_append (GTK_BOX (content), body);

  choice = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  {
    GtkWidget *caption = gtk_label_new_with_mnemonic (_("_Relabel as"));

    data->dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (data->others)), NULL);
    collate_label_drop_down_setup (GTK_DROP_DOWN (data->dropdown), self->project);
    gtk_label_set_mnemonic_widget (GTK_LABEL (caption), data->dropdown);
    gtk_box_append (GTK_BOX (choice), caption);
    gtk_box_append (GTK_BOX (choice), data->dropdown);
    gtk_widget_set_sensitive (choice, n_others > 0);
  }
  gtk_box_append (GTK_BOX (content), choice);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_margin_top (buttons, 6);
  add_response (data, buttons, _("_Cancel"), "cancel");
  if (kind == COLLATE_LABEL_KIND_SPAN)
    delete_label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Delete %u Span", "_Delete %u Spans", uses), uses);
  else
    delete_label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Delete %u Link", "_Delete %u Links", uses), uses);
  button = add_response (data, buttons, delete_label, "delete");
  gtk_widget_add_css_class (button, "destructive-action");
  button = add_response (data, buttons, _("_Relabel"), "relabel");
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_sensitive (button, n_others > 0);
  gtk_box_append (GTK_BOX (content), buttons);

  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_widget_set_margin_start (content, 18);
  gtk_widget_set_margin_end (content, 18);
  gtk_window_set_child (GTK_WINDOW (data->dialog), content);
  gtk_window_set_default_widget (GTK_WINDOW (data->dialog), button);
  gtk_window_present (GTK_WINDOW (data->dialog));
  if (n_others > 0)
    gtk_widget_grab_focus (button);
}

static void
on_delete (GtkButton *button,
           Row       *row)
{
  CollateLabelEditor *self = row->editor;
  guint uses = collate_project_count_label_uses (self->project, row->kind, row->name);

  if (uses == 0)
    remove_label (self, row->kind, row->name, NULL);
  else
    ask_delete (self, row->kind, row->name, uses);
}

/* ── Rows ── */

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  return button;
}

static GtkWidget *
make_entry (Row        *row,
            const char *text,
            const char *placeholder,
            const char *accessible)
{
  GtkWidget *entry = gtk_entry_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_signal_connect (entry, "activate", G_CALLBACK (on_field_activate), row);
  g_signal_connect (focus, "leave", G_CALLBACK (on_field_leave), row);
  gtk_widget_add_controller (entry, focus);
  return entry;
}

/* Replaces GTK's own palette, whose light colours are hard to see on white */
static void
on_color_clicked (GtkButton *inner,
                  GtkWidget *color_button)
{
  guint n_colors;
  const char * const *colors;
  g_autofree GdkRGBA *palette = NULL;

  if (g_object_get_data (G_OBJECT (color_button), "collate-palette") != NULL)
    return;
  g_object_set_data (G_OBJECT (color_button), "collate-palette", GINT_TO_POINTER (1));
  colors = collate_schema_get_palette (&n_colors);
  palette = g_new0 (GdkRGBA, n_colors);
  for (guint i = 0; i < n_colors; i++)
    gdk_rgba_parse (&palette[i], colors[i]);
  gtk_color_chooser_add_palette (GTK_COLOR_CHOOSER (color_button), GTK_ORIENTATION_HORIZONTAL,
                                 9, n_colors, palette);
}

static GtkWidget *
make_row (CollateLabelEditor *self,
          CollateLabelKind    kind,
          CollateLabel       *label,
          guint               position,
          guint               n)
{
  GtkWidget *list_row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  Row *row = g_new0 (Row, 1);
  GtkWidget *up, *down, *delete, *count;
  guint uses = collate_project_count_label_uses (self->project, kind, collate_label_get_name (label));
  g_autofree char *count_text = NULL;
  g_autofree char *color_name = NULL;
  GdkRGBA rgba;

  row->editor = self;
  row->kind = kind;
  row->name = g_strdup (collate_label_get_name (label));
  g_object_set_data_full (G_OBJECT (list_row), "collate-row", row, (GDestroyNotify) row_free);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (list_row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (list_row), FALSE);

  gdk_rgba_parse (&rgba, collate_label_get_color (label));
  row->color = gtk_color_button_new_with_rgba (&rgba);
  gtk_color_chooser_set_use_alpha (GTK_COLOR_CHOOSER (row->color), FALSE);
  /* the readable, distinct colours first, given to the chooser when it
   * first opens (adding them makes GTK 4.8 build the dialog at once) */
  if (GTK_IS_BUTTON (gtk_widget_get_first_child (row->color)))
    g_signal_connect (gtk_widget_get_first_child (row->color), "clicked",
                      G_CALLBACK (on_color_clicked), row->color);
  /* Translators: the title of the colour chooser; %s is a label's name */
  color_name = g_strdup_printf (_("Colour of “%s”"), row->name);
  gtk_color_button_set_title (GTK_COLOR_BUTTON (row->color), color_name);
  gtk_widget_set_tooltip_text (row->color, color_name);
  gtk_widget_set_valign (row->color, GTK_ALIGN_CENTER);
  g_signal_connect (row->color, "color-set", G_CALLBACK (on_color_set), row);
  gtk_box_append (GTK_BOX (box), row->color);

  row->fields[FIELD_NAME] = make_entry (row, row->name, _("Name"), _("Name"));
  gtk_editable_set_width_chars (GTK_EDITABLE (row->fields[FIELD_NAME]), 14);
  gtk_box_append (GTK_BOX (box), row->fields[FIELD_NAME]);

  row->fields[FIELD_HOTKEY] = make_entry (row, collate_label_get_hotkey (label), _("Key"), _("Key"));
  gtk_editable_set_width_chars (GTK_EDITABLE (row->fields[FIELD_HOTKEY]), 3);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (row->fields[FIELD_HOTKEY]), 3);
  gtk_entry_set_max_length (GTK_ENTRY (row->fields[FIELD_HOTKEY]), 1);
  gtk_entry_set_alignment (GTK_ENTRY (row->fields[FIELD_HOTKEY]), 0.5);
  gtk_widget_set_tooltip_text (row->fields[FIELD_HOTKEY],
                               kind == COLLATE_LABEL_KIND_SPAN
                               ? _("The key that tags a selection with this label "
                                   "(without one, the keys 1 to 9 follow the order)")
                               : _("The key that gives a selected link this label "
                                   "(without one, the keys 1 to 9 follow the order)"));
  gtk_box_append (GTK_BOX (box), row->fields[FIELD_HOTKEY]);

  row->fields[FIELD_DESCRIPTION] = make_entry (row, collate_label_get_description (label),
                                               _("What the label is for"), _("Description"));
  gtk_widget_set_hexpand (row->fields[FIELD_DESCRIPTION], TRUE);
  gtk_box_append (GTK_BOX (box), row->fields[FIELD_DESCRIPTION]);

  if (kind == COLLATE_LABEL_KIND_SPAN)
    count_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u span", "%u spans", uses), uses);
  else
    count_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u link", "%u links", uses), uses);
  count = gtk_label_new (count_text);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  gtk_label_set_width_chars (GTK_LABEL (count), 9);
  gtk_label_set_xalign (GTK_LABEL (count), 1);
  gtk_box_append (GTK_BOX (box), count);

  up = icon_button ("go-up-symbolic", _("Move Up"));
  g_object_set_data (G_OBJECT (up), "collate-delta", GINT_TO_POINTER (-1));
  g_signal_connect (up, "clicked", G_CALLBACK (on_move), row);
  gtk_widget_set_sensitive (up, position > 0);
  gtk_box_append (GTK_BOX (box), up);
  down = icon_button ("go-down-symbolic", _("Move Down"));
  g_object_set_data (G_OBJECT (down), "collate-delta", GINT_TO_POINTER (1));
  g_signal_connect (down, "clicked", G_CALLBACK (on_move), row);
  gtk_widget_set_sensitive (down, position + 1 < n);
  gtk_box_append (GTK_BOX (box), down);
  delete = icon_button ("user-trash-symbolic", _("Delete Label"));
  g_signal_connect (delete, "clicked", G_CALLBACK (on_delete), row);
  gtk_box_append (GTK_BOX (box), delete);

  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (list_row), box);
  return list_row;
}

/* Which field of which row has the focus, to give it back after a rebuild */
static gboolean
find_focus (CollateLabelEditor *self,
            guint              *kind_out,
            int                *row_out,
            int                *field_out)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  for (guint kind = 0; focus != NULL && kind < 2; kind++)
    {
      int index = 0;

      for (GtkWidget *child = gtk_widget_get_first_child (self->lists[kind]); child != NULL;
           child = gtk_widget_get_next_sibling (child), index++)
        {
          Row *row = g_object_get_data (G_OBJECT (child), "collate-row");

          if (row == NULL || !gtk_widget_is_ancestor (focus, child))
            continue;
          *kind_out = kind;
          *row_out = index;
          *field_out = -1;
          for (int f = 0; f < N_FIELDS; f++)
            if (row->fields[f] != NULL && (focus == row->fields[f] || gtk_widget_is_ancestor (focus, row->fields[f])))
              *field_out = f;
          return TRUE;
        }
    }
  return FALSE;
}

static void
rebuild (CollateLabelEditor *self)
{
  CollateSchema *schema = collate_project_get_schema (self->project);
  guint focus_kind = 0;
  int focus_row = -1, focus_field = -1;
  gboolean had_focus = find_focus (self, &focus_kind, &focus_row, &focus_field);
  g_autofree char *typing = NULL;
  int cursor = -1;

  /* what is being typed in the focused field, not yet made, stays */
  if (had_focus && focus_field >= 0)
    {
      GtkListBoxRow *list_row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->lists[focus_kind]), focus_row);
      Row *row = g_object_get_data (G_OBJECT (list_row), "collate-row");

      typing = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row->fields[focus_field])));
      cursor = gtk_editable_get_position (GTK_EDITABLE (row->fields[focus_field]));
    }

  self->rebuilding = TRUE;
  for (guint kind = 0; kind < 2; kind++)
    {
      GtkWidget *child;
      guint n = collate_schema_get_n_labels (schema, kind);

      while ((child = gtk_widget_get_first_child (self->lists[kind])) != NULL)
        gtk_list_box_remove (GTK_LIST_BOX (self->lists[kind]), child);
      for (guint i = 0; i < n; i++)
        gtk_list_box_append (GTK_LIST_BOX (self->lists[kind]),
                             make_row (self, kind, collate_schema_get_label (schema, kind, i), i, n));
    }
  self->rebuilding = FALSE;

  if (had_focus)
    {
      GtkListBoxRow *list_row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->lists[focus_kind]), focus_row);
      Row *row = list_row ? g_object_get_data (G_OBJECT (list_row), "collate-row") : NULL;

      if (row != NULL && focus_field >= 0 && row->fields[focus_field] != NULL)
        {
          gtk_widget_grab_focus (row->fields[focus_field]);
          if (typing != NULL)
            {
              gtk_editable_set_text (GTK_EDITABLE (row->fields[focus_field]), typing);
              gtk_editable_set_position (GTK_EDITABLE (row->fields[focus_field]), cursor);
            }
        }
      else if (row != NULL)
        gtk_widget_grab_focus (row->fields[FIELD_NAME]);
    }
}

static gboolean
rebuild_now (gpointer data)
{
  CollateLabelEditor *self = data;

  self->rebuild_source = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_rebuild (CollateLabelEditor *self)
{
  if (self->rebuild_source == 0)
    self->rebuild_source = g_idle_add (rebuild_now, self);
}

static void
on_add (GtkButton          *button,
        CollateLabelEditor *self)
{
  CollateSchema *schema = collate_project_get_schema (self->project);
  CollateLabelKind kind = g_str_equal (gtk_stack_get_visible_child_name (GTK_STACK (self->stack)), "links")
                          ? COLLATE_LABEL_KIND_LINK : COLLATE_LABEL_KIND_SPAN;
  g_autofree char *color = collate_schema_pick_color (schema, kind);
  g_autofree char *name = NULL;
  g_autoptr(CollateLabel) label = NULL;
  g_autoptr(GError) error = NULL;
  GtkListBoxRow *list_row;

  for (guint i = 1; name == NULL || collate_schema_lookup (schema, kind, name) != NULL; i++)
    {
      g_free (name);
      name = i == 1 ? g_strdup (_("New label")) : g_strdup_printf (_("New label %u"), i);
    }
  label = collate_label_new (name, color, NULL, NULL, NULL);
  if (!collate_project_add_label (self->project, kind, label, -1, &error))
    {
      show_message (self, error->message);
      return;
    }
  show_message (self, NULL);
  /* at once, to put the focus in the new name */
  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  rebuild (self);
  list_row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->lists[kind]),
                                            collate_schema_get_n_labels (schema, kind) - 1);
  if (list_row != NULL)
    {
      Row *row = g_object_get_data (G_OBJECT (list_row), "collate-row");

      gtk_widget_grab_focus (row->fields[FIELD_NAME]);
      gtk_editable_select_region (GTK_EDITABLE (row->fields[FIELD_NAME]), 0, -1);
    }
}

static void
on_window_action (GtkButton          *button,
                  CollateLabelEditor *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent),
                                g_object_get_data (G_OBJECT (button), "collate-action"), NULL);
}

static gboolean
undo_cb (GtkWidget *widget,
         GVariant  *args,
         gpointer   data)
{
  CollateLabelEditor *self = COLLATE_LABEL_EDITOR (widget);

  if (g_variant_get_boolean (args))
    collate_project_redo (self->project);
  else
    collate_project_undo (self->project);
  return TRUE;
}

static gboolean
close_cb (GtkWidget *widget,
          GVariant  *args,
          gpointer   data)
{
  gtk_window_close (GTK_WINDOW (widget));
  return TRUE;
}

static void
collate_label_editor_dispose (GObject *object)
{
  CollateLabelEditor *self = COLLATE_LABEL_EDITOR (object);

  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (collate_project_get_schema (self->project), self);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (collate_label_editor_parent_class)->dispose (object);
}

static void
collate_label_editor_class_init (CollateLabelEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = collate_label_editor_dispose;

  gtk_widget_class_add_binding (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, undo_cb, "b", FALSE);
  /* Ctrl+Shift+Z comes as Z with Shift */
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, undo_cb, "b", TRUE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, undo_cb, "b", TRUE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, close_cb, NULL);
}

static void
collate_label_editor_init (CollateLabelEditor *self)
{
}

static GtkWidget *
make_page (CollateLabelEditor *self,
           CollateLabelKind    kind)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  self->lists[kind] = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->lists[kind]), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->lists[kind], "boxed-list");
  gtk_widget_add_css_class (self->lists[kind], "collate-label-list");
  gtk_widget_set_valign (self->lists[kind], GTK_ALIGN_START);
  gtk_widget_set_margin_top (self->lists[kind], 12);
  gtk_widget_set_margin_bottom (self->lists[kind], 12);
  gtk_widget_set_margin_start (self->lists[kind], 12);
  gtk_widget_set_margin_end (self->lists[kind], 12);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->lists[kind]);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  return scrolled;
}

static GtkWidget *
footer_button (CollateLabelEditor *self,
               const char         *label,
               const char         *action,
               const char         *tooltip)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  g_object_set_data (G_OBJECT (button), "collate-action", (gpointer) action);
  gtk_widget_set_tooltip_text (button, tooltip);
  g_signal_connect (button, "clicked", G_CALLBACK (on_window_action), self);
  return button;
}

CollateLabelEditor *
collate_label_editor_new (CollateProject *project,
                          GtkWindow      *parent)
{
  CollateLabelEditor *self;
  GtkWidget *header, *switcher, *box, *footer, *add, *spacer;

  g_return_val_if_fail (COLLATE_IS_PROJECT (project), NULL);

  self = g_object_new (COLLATE_TYPE_LABEL_EDITOR, NULL);
  self->project = g_object_ref (project);
  gtk_window_set_title (GTK_WINDOW (self), _("Labels"));
  gtk_window_set_default_size (GTK_WINDOW (self), 760, 520);
  gtk_window_set_transient_for (GTK_WINDOW (self), parent);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "collate-label-editor");

  self->stack = gtk_stack_new ();
  gtk_stack_add_titled (GTK_STACK (self->stack), make_page (self, COLLATE_LABEL_KIND_SPAN), "spans",
                        _("Span Labels"));
  gtk_stack_add_titled (GTK_STACK (self->stack), make_page (self, COLLATE_LABEL_KIND_LINK), "links",
                        _("Link Labels"));

  header = gtk_header_bar_new ();
  switcher = gtk_stack_switcher_new ();
  gtk_stack_switcher_set_stack (GTK_STACK_SWITCHER (switcher), GTK_STACK (self->stack));
  gtk_header_bar_set_title_widget (GTK_HEADER_BAR (header), switcher);
  gtk_window_set_titlebar (GTK_WINDOW (self), header);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  self->message = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->message), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->message), 0);
  gtk_widget_add_css_class (self->message, "collate-label-editor-message");
  self->message_revealer = gtk_revealer_new ();
  gtk_revealer_set_child (GTK_REVEALER (self->message_revealer), self->message);
  gtk_box_append (GTK_BOX (box), self->message_revealer);
  gtk_box_append (GTK_BOX (box), self->stack);

  footer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (footer, "toolbar");
  add = gtk_button_new_with_mnemonic (_("_Add Label"));
  gtk_widget_add_css_class (add, "suggested-action");
  g_signal_connect (add, "clicked", G_CALLBACK (on_add), self);
  gtk_box_append (GTK_BOX (footer), add);
  spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_hexpand (spacer, TRUE);
  gtk_box_append (GTK_BOX (footer), spacer);
  gtk_box_append (GTK_BOX (footer), footer_button (self, _("_Save Set…"), "win.save-label-set",
                                                   _("Save these labels as a label set for other projects")));
  gtk_box_append (GTK_BOX (footer), footer_button (self, _("A_pply Set…"), "win.apply-label-set-file",
                                                   _("Give this project the labels of a label set file")));
  gtk_box_append (GTK_BOX (box), footer);
  gtk_window_set_child (GTK_WINDOW (self), box);

  g_signal_connect_swapped (collate_project_get_schema (project), "changed",
                            G_CALLBACK (schedule_rebuild), self);
  /* the counts follow the spans and links */
  g_signal_connect_swapped (project, "changed", G_CALLBACK (schedule_rebuild), self);
  rebuild (self);
  return self;
}

void
collate_label_editor_show_kind (CollateLabelEditor *self,
                                CollateLabelKind    kind)
{
  g_return_if_fail (COLLATE_IS_LABEL_EDITOR (self));
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack),
                                    kind == COLLATE_LABEL_KIND_LINK ? "links" : "spans");
}
