/* collate-label-palette.c — the label buttons of the header bar
 *
 * The labels stand in a row as far as the header bar gives room; past
 * that, the rest fold into a "More" button whose popover is a searchable
 * picker of every label (type to filter, Enter to tag), so that the
 * palette never runs under the window's title or its buttons, however many
 * labels the project has.  The picker opens from the keyboard too (Ctrl+T,
 * the window's "label-picker" action), which reaches labels past the ninth.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "collate-accessible.h"
#include "collate-label-palette.h"

#define SPACING 2
/* What the rest of the header bar needs beside the palette: undo and redo,
 * the title at a readable width, the menu and the window's buttons */
#define HEADER_RESERVED 640

struct _CollateLabelPalette
{
  GtkWidget         parent_instance;

  CollateWorkspace *workspace;   /* weak */
  GPtrArray        *buttons;     /* the row's label buttons (children) */
  GtkWidget        *more_button; /* the fold: a GtkMenuButton (child) */
  GtkWidget        *popover;     /* the picker */
  GtkWidget        *search;
  GtkWidget        *list;
  GtkWidget        *empty;       /* "No label matches" */
  GtkWidget        *return_focus; /* weak: where the focus was when the picker opened */
  guint             n_shown;
};

G_DEFINE_FINAL_TYPE (CollateLabelPalette, collate_label_palette, GTK_TYPE_WIDGET)

static void
tag_with (CollateLabelPalette *self,
          const char          *name)
{
  if (self->popover != NULL && gtk_widget_get_visible (self->popover))
    gtk_popover_popdown (GTK_POPOVER (self->popover));
  if (self->workspace != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->workspace), "workspace.tag", "s", name);
}

static void
on_button_clicked (GtkButton           *button,
                   CollateLabelPalette *self)
{
  tag_with (self, g_object_get_data (G_OBJECT (button), "collate-label"));
}

/* ── Layout ── */

/* The width the palette may claim as its minimum: what the window's width
 * leaves beside the rest of the header.  (A header bar gives the title its
 * natural width before the palette gets more than its minimum.) */
static int
claim_budget (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  int width = 0, height = 0;

  if (root == NULL || !GTK_IS_WINDOW (root))
    return 0;
  gtk_window_get_default_size (GTK_WINDOW (root), &width, &height);
  if (width <= 0 || gtk_window_is_maximized (GTK_WINDOW (root)))
    width = MAX (width, gtk_widget_get_width (GTK_WIDGET (root)));
  return MAX (0, width - HEADER_RESERVED);
}

static void
on_window_resized (GtkWidget *widget)
{
  gtk_widget_queue_resize (widget);
}

static void
collate_label_palette_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (collate_label_palette_parent_class)->root (widget);
  g_signal_connect_object (gtk_widget_get_root (widget), "notify::default-width",
                           G_CALLBACK (on_window_resized), widget, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_widget_get_root (widget), "notify::maximized",
                           G_CALLBACK (on_window_resized), widget, G_CONNECT_SWAPPED);
}

static void
collate_label_palette_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  CollateLabelPalette *self = COLLATE_LABEL_PALETTE (widget);
  int more_min, more_nat;

  gtk_widget_measure (self->more_button, orientation, -1, &more_min, &more_nat, NULL, NULL);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int budget = claim_budget (widget);
      int row = 0, claimed = 0;
      gboolean all = TRUE;

      for (guint i = 0; i < self->buttons->len; i++)
        {
          int nat;

          gtk_widget_measure (g_ptr_array_index (self->buttons, i), orientation, -1, NULL, &nat, NULL, NULL);
          row += nat + (i > 0 ? SPACING : 0);
          if (all && row + (i + 1 < self->buttons->len ? SPACING + more_nat : 0) <= budget)
            claimed = row;
          else
            all = FALSE;
        }
      /* at least the fold's button (and the labels the window has room
       * for beside it); at most the whole row */
      if (self->buttons->len == 0)
        *minimum = 0;
      else if (all)
        *minimum = row;
      else
        *minimum = claimed + (claimed > 0 ? SPACING : 0) + more_nat;
      *natural = MAX (*minimum, row);
    }
  else
    {
      *minimum = more_min;
      *natural = more_nat;
      for (guint i = 0; i < self->buttons->len; i++)
        {
          int min, nat;

          gtk_widget_measure (g_ptr_array_index (self->buttons, i), orientation, -1, &min, &nat, NULL, NULL);
          *minimum = MAX (*minimum, min);
          *natural = MAX (*natural, nat);
        }
    }
}

static void
collate_label_palette_size_allocate (GtkWidget *widget,
                                     int        width,
                                     int        height,
                                     int        baseline)
{
  CollateLabelPalette *self = COLLATE_LABEL_PALETTE (widget);
  g_autofree int *widths = g_new0 (int, self->buttons->len + 1);
  int row = 0, more, x = 0, room;
  guint shown;

  for (guint i = 0; i < self->buttons->len; i++)
    {
      gtk_widget_measure (g_ptr_array_index (self->buttons, i), GTK_ORIENTATION_HORIZONTAL, -1,
                          NULL, &widths[i], NULL, NULL);
      row += widths[i] + (i > 0 ? SPACING : 0);
    }
  gtk_widget_measure (self->more_button, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &more, NULL, NULL);

  if (row <= width)
    shown = self->buttons->len;
  else
    {
      /* as many as leave room for the fold's button */
      room = width - more - SPACING;
      for (shown = 0; shown < self->buttons->len; shown++)
        {
          if (x + widths[shown] > room)
            break;
          x += widths[shown] + SPACING;
        }
      x = 0;
    }
  self->n_shown = shown;

  for (guint i = 0; i < self->buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (self->buttons, i);

      gtk_widget_set_child_visible (button, i < shown);
      if (i < shown)
        {
          gtk_widget_size_allocate (button, &(GtkAllocation) { x, 0, widths[i], height }, baseline);
          x += widths[i] + SPACING;
        }
    }
  gtk_widget_set_child_visible (self->more_button, shown < self->buttons->len);
  if (shown < self->buttons->len)
    gtk_widget_size_allocate (self->more_button,
                              &(GtkAllocation) { MIN (x, MAX (0, width - more)), 0, MIN (more, width), height },
                              baseline);
  if (self->popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->popover));
}

gboolean
collate_label_palette_is_folded (CollateLabelPalette *self)
{
  g_return_val_if_fail (COLLATE_IS_LABEL_PALETTE (self), FALSE);
  return self->n_shown < self->buttons->len;
}

guint
collate_label_palette_get_n_shown (CollateLabelPalette *self)
{
  g_return_val_if_fail (COLLATE_IS_LABEL_PALETTE (self), 0);
  return self->n_shown;
}

/* ── The picker ── */

static gboolean
row_matches (GtkListBoxRow *row,
             gpointer       data)
{
  CollateLabelPalette *self = data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search));
  const char *name = g_object_get_data (G_OBJECT (row), "collate-label");
  const char *hotkey = g_object_get_data (G_OBJECT (row), "collate-hotkey");
  g_autofree char *needle = NULL;
  g_autofree char *haystack = NULL;

  if (text == NULL || *text == '\0')
    return TRUE;
  needle = g_utf8_casefold (text, -1);
  haystack = g_utf8_casefold (name, -1);
  return strstr (haystack, needle) != NULL || g_strcmp0 (hotkey, text) == 0;
}

static GtkListBoxRow *
first_visible_row (CollateLabelPalette *self)
{
  for (GtkWidget *row = gtk_widget_get_first_child (self->list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && gtk_widget_get_child_visible (row)
        && row_matches (GTK_LIST_BOX_ROW (row), self))
      return GTK_LIST_BOX_ROW (row);
  return NULL;
}

static void
on_search_changed (CollateLabelPalette *self)
{
  GtkListBoxRow *first;

  gtk_list_box_invalidate_filter (GTK_LIST_BOX (self->list));
  first = first_visible_row (self);
  gtk_list_box_select_row (GTK_LIST_BOX (self->list), first);
  gtk_widget_set_visible (self->empty, first == NULL);
  /* the popover shrinks to the matches */
  gtk_widget_queue_resize (self->popover);
}

static void
on_search_activate (CollateLabelPalette *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (GTK_LIST_BOX (self->list));

  if (row == NULL)
    row = first_visible_row (self);
  if (row != NULL)
    tag_with (self, g_object_get_data (G_OBJECT (row), "collate-label"));
}

static void
on_row_activated (GtkListBox          *list,
                  GtkListBoxRow       *row,
                  CollateLabelPalette *self)
{
  tag_with (self, g_object_get_data (G_OBJECT (row), "collate-label"));
}

/* Down and Up move through the matches while the typing stays in the entry */
static gboolean
on_search_key (GtkEventControllerKey *controller,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               CollateLabelPalette   *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (GTK_LIST_BOX (self->list));
  GtkWidget *next;

  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_Up)
    return FALSE;
  if (row == NULL)
    {
      row = first_visible_row (self);
      if (row != NULL)
        gtk_list_box_select_row (GTK_LIST_BOX (self->list), row);
      return TRUE;
    }
  next = GTK_WIDGET (row);
  do
    next = keyval == GDK_KEY_Down ? gtk_widget_get_next_sibling (next) : gtk_widget_get_prev_sibling (next);
  while (next != NULL && !(GTK_IS_LIST_BOX_ROW (next) && row_matches (GTK_LIST_BOX_ROW (next), self)));
  if (next != NULL)
    {
      gtk_list_box_select_row (GTK_LIST_BOX (self->list), GTK_LIST_BOX_ROW (next));
      gtk_widget_grab_focus (self->search);
    }
  return TRUE;
}

static void
on_popover_closed (CollateLabelPalette *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search), "");
  /* back to the text, not to the button */
  if (self->return_focus != NULL)
    gtk_widget_grab_focus (self->return_focus);
  g_clear_weak_pointer (&self->return_focus);
}

void
collate_label_palette_show_picker (CollateLabelPalette *self)
{
  GtkRoot *root;

  g_return_if_fail (COLLATE_IS_LABEL_PALETTE (self));

  root = gtk_widget_get_root (GTK_WIDGET (self));
  g_clear_weak_pointer (&self->return_focus);
  if (root != NULL && gtk_root_get_focus (root) != NULL
      && !gtk_widget_is_ancestor (gtk_root_get_focus (root), self->popover))
    g_set_weak_pointer (&self->return_focus, gtk_root_get_focus (root));
  gtk_menu_button_popup (GTK_MENU_BUTTON (self->more_button));
}

static void
on_more_toggled (CollateLabelPalette *self)
{
  if (!gtk_widget_get_visible (self->popover))
    return;
  if (self->return_focus == NULL)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

      if (focus != NULL && !gtk_widget_is_ancestor (focus, self->popover))
        g_set_weak_pointer (&self->return_focus, focus);
    }
  on_search_changed (self);
  gtk_widget_grab_focus (self->search);
}

static void
collate_label_palette_dispose (GObject *object)
{
  CollateLabelPalette *self = COLLATE_LABEL_PALETTE (object);

  g_clear_weak_pointer (&self->workspace);
  g_clear_weak_pointer (&self->return_focus);
  if (self->buttons != NULL)
    {
      for (guint i = 0; i < self->buttons->len; i++)
        gtk_widget_unparent (g_ptr_array_index (self->buttons, i));
      g_clear_pointer (&self->buttons, g_ptr_array_unref);
    }
  g_clear_pointer (&self->more_button, gtk_widget_unparent);
  self->popover = NULL;

  G_OBJECT_CLASS (collate_label_palette_parent_class)->dispose (object);
}

static void
collate_label_palette_class_init (CollateLabelPaletteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = collate_label_palette_dispose;
  widget_class->measure = collate_label_palette_measure;
  widget_class->size_allocate = collate_label_palette_size_allocate;
  widget_class->root = collate_label_palette_root;
  gtk_widget_class_set_css_name (widget_class, "collate-palette");
}

static void
collate_label_palette_init (CollateLabelPalette *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->buttons = g_ptr_array_new ();
  gtk_widget_add_css_class (GTK_WIDGET (self), "collate-palette");
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  self->search = gtk_search_entry_new ();
  g_object_set (self->search, "placeholder-text", _("Find a label"), NULL);
  g_signal_connect_swapped (self->search, "search-changed", G_CALLBACK (on_search_changed), self);
  g_signal_connect_swapped (self->search, "activate", G_CALLBACK (on_search_activate), self);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_search_key), self);
  gtk_widget_add_controller (self->search, keys);
  gtk_box_append (GTK_BOX (box), self->search);

  self->list = gtk_list_box_new ();
  gtk_widget_add_css_class (self->list, "collate-picker");
  gtk_list_box_set_filter_func (GTK_LIST_BOX (self->list), row_matches, self, NULL);
  gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (self->list), TRUE);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (on_row_activated), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 420);
  gtk_box_append (GTK_BOX (box), scrolled);

  self->empty = gtk_label_new (_("No label matches"));
  gtk_widget_add_css_class (self->empty, "dim-label");
  gtk_widget_set_visible (self->empty, FALSE);
  gtk_box_append (GTK_BOX (box), self->empty);

  self->popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (self->popover), box);
  g_signal_connect_swapped (self->popover, "closed", G_CALLBACK (on_popover_closed), self);
  g_signal_connect_swapped (self->popover, "notify::visible", G_CALLBACK (on_more_toggled), self);

  self->more_button = gtk_menu_button_new ();
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->more_button), self->popover);
  gtk_widget_set_focus_on_click (self->more_button, FALSE);
  gtk_widget_set_parent (self->more_button, GTK_WIDGET (self));
  gtk_widget_set_child_visible (self->more_button, FALSE);
}

/* A label's swatch, name and key in a box */
static GtkWidget *
make_label_content (CollateLabel *label,
                    const char   *key_text)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *swatch = gtk_label_new (NULL);
  GtkWidget *text = gtk_label_new (collate_label_get_name (label));
  g_autofree char *markup = g_markup_printf_escaped ("<span foreground=\"%s\">⬤</span>",
                                                     collate_label_get_color (label));

  gtk_label_set_markup (GTK_LABEL (swatch), markup);
  gtk_widget_add_css_class (swatch, "collate-swatch");
  gtk_box_append (GTK_BOX (row), swatch);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (row), text);
  if (key_text != NULL)
    {
      GtkWidget *key = gtk_label_new (key_text);

      gtk_widget_add_css_class (key, "collate-hotkey");
      gtk_box_append (GTK_BOX (row), key);
    }
  return row;
}

static char *
make_tooltip (CollateLabel *label,
              const char   *key_text)
{
  const char *name = collate_label_get_name (label);
  const char *description = collate_label_get_description (label);

  if (key_text != NULL && description != NULL && *description != '\0')
    return g_strdup_printf (_("Tag the selection as %s (key %s): %s"), name, key_text, description);
  else if (key_text != NULL)
    return g_strdup_printf (_("Tag the selection as %s (key %s)"), name, key_text);
  else if (description != NULL && *description != '\0')
    return g_strdup_printf (_("Tag the selection as %s: %s"), name, description);
  return g_strdup_printf (_("Tag the selection as %s"), name);
}

/* A label's button: its colour, its name, its key */
static GtkWidget *
make_label_button (CollateLabelPalette *self,
                   CollateLabel        *label,
                   const char          *key_text)
{
  GtkWidget *button = gtk_button_new ();
  g_autofree char *tooltip = make_tooltip (label, key_text);

  gtk_button_set_child (GTK_BUTTON (button), make_label_content (label, key_text));
  gtk_widget_add_css_class (button, "flat");
  /* the text selection must survive a click here */
  gtk_widget_set_focus_on_click (button, FALSE);
  gtk_widget_set_tooltip_text (button, tooltip);
  if (key_text != NULL)
    /* Translators: a label button as a screen reader reads it, "Claim, key 1" */
    collate_accessible_set_label (button, _("%s, key %s"), collate_label_get_name (label), key_text);
  else
    collate_accessible_set_label (button, "%s", collate_label_get_name (label));
  g_object_set_data_full (G_OBJECT (button), "collate-label",
                          g_strdup (collate_label_get_name (label)), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_button_clicked), self);
  return button;
}

static GtkWidget *
make_picker_row (CollateLabel *label,
                 const char   *key_text)
{
  GtkWidget *row = gtk_list_box_row_new ();
  g_autofree char *tooltip = make_tooltip (label, key_text);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), make_label_content (label, key_text));
  gtk_widget_set_tooltip_text (row, tooltip);
  g_object_set_data_full (G_OBJECT (row), "collate-label",
                          g_strdup (collate_label_get_name (label)), g_free);
  g_object_set_data_full (G_OBJECT (row), "collate-hotkey", g_strdup (key_text), g_free);
  return row;
}

GtkWidget *
collate_label_palette_new (CollateWorkspace *workspace)
{
  CollateLabelPalette *self;
  CollateSchema *schema;
  guint n;

  g_return_val_if_fail (COLLATE_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (COLLATE_TYPE_LABEL_PALETTE, NULL);
  g_set_weak_pointer (&self->workspace, workspace);

  schema = collate_project_get_schema (collate_workspace_get_project (workspace));
  n = collate_schema_get_n_labels (schema, COLLATE_LABEL_KIND_SPAN);
  for (guint i = 0; i < n; i++)
    {
      CollateLabel *label = collate_schema_get_label (schema, COLLATE_LABEL_KIND_SPAN, i);
      const char *hotkey = collate_label_get_hotkey (label);
      g_autofree char *key_text = NULL;
      GtkWidget *button;

      if (hotkey != NULL && *hotkey != '\0')
        key_text = g_strdup (hotkey);
      else if (i < 9 && collate_schema_lookup_hotkey (schema, (char[]) { '1' + i, 0 }) == NULL)
        key_text = g_strdup_printf ("%u", i + 1);

      button = make_label_button (self, label, key_text);
      gtk_widget_insert_before (button, GTK_WIDGET (self), self->more_button);
      g_ptr_array_add (self->buttons, button);
      gtk_list_box_append (GTK_LIST_BOX (self->list), make_picker_row (label, key_text));
    }

  {
    g_autofree char *more = g_strdup_printf (_("All %u Labels"), n);
    g_autofree char *tooltip = g_strdup_printf (_("Find a label and tag the selection with it (%s)"),
                                                "Ctrl+T");

    gtk_menu_button_set_label (GTK_MENU_BUTTON (self->more_button), more);
    gtk_widget_set_tooltip_text (self->more_button, tooltip);
    collate_accessible_set_label (self->more_button, "%s", more);
  }

  return GTK_WIDGET (self);
}
