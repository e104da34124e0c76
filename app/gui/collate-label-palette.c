/* collate-label-palette.c — the label buttons of the header bar
 *
 * When the header bar has room, the labels stand in a row; when it has
 * not, they fold into a "Labels" button whose popover lists the same
 * buttons, so that the palette never runs under the window's title or its
 * buttons.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "collate-accessible.h"
#include "collate-label-palette.h"

struct _CollateLabelPalette
{
  GtkWidget         parent_instance;

  CollateWorkspace *workspace;   /* weak */
  GtkWidget        *box;         /* the row */
  GtkWidget        *menu_button; /* the fold */
  GtkWidget        *list;        /* the fold's popover: the same buttons, one a line */
  gboolean          measured_wide;
  guint             remeasure_source;
};

G_DEFINE_FINAL_TYPE (CollateLabelPalette, collate_label_palette, GTK_TYPE_WIDGET)

/* Windows narrower than this may fold the labels into a button */
#define FOLD_BELOW 1100

static void
on_button_clicked (GtkButton           *button,
                   CollateLabelPalette *self)
{
  const char *name = g_object_get_data (G_OBJECT (button), "collate-label");

  if (self->workspace != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->workspace), "workspace.tag", "s", name);
  if (self->menu_button != NULL)
    gtk_menu_button_popdown (GTK_MENU_BUTTON (self->menu_button));
}

/* The window's width as it is being made: its default size follows every
 * resize, and is known before the window is laid out at it */
static gboolean
window_is_wide (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  int width = 0, height = 0;

  if (root == NULL || !GTK_IS_WINDOW (root))
    return TRUE;
  gtk_window_get_default_size (GTK_WINDOW (root), &width, &height);
  if (width <= 0)
    width = gtk_widget_get_width (GTK_WIDGET (root));
  return width <= 0 || width >= FOLD_BELOW;
}

static void
on_window_resized (CollateLabelPalette *self)
{
  if (window_is_wide (GTK_WIDGET (self)) != self->measured_wide)
    gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
collate_label_palette_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (collate_label_palette_parent_class)->root (widget);
  g_signal_connect_object (gtk_widget_get_root (widget), "notify::default-width",
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
  int box_min, box_nat, button_min, button_nat;

  gboolean wide = window_is_wide (widget);

  gtk_widget_measure (self->box, orientation, -1, &box_min, &box_nat, NULL, NULL);
  gtk_widget_measure (self->menu_button, orientation, -1, &button_min, &button_nat, NULL, NULL);
  /* in a wide window the row holds its place (the title gives way, as
   * it can shorten itself); in a narrow one the labels fold into the
   * button, so that the title keeps its room */
  self->measured_wide = wide;
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = wide ? box_nat : button_nat;
  else
    {
      *minimum = MAX (box_min, button_min);
      *natural = MAX (box_nat, button_nat);
    }
}

static gboolean
remeasure (gpointer data)
{
  CollateLabelPalette *self = data;

  self->remeasure_source = 0;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

static void
collate_label_palette_size_allocate (GtkWidget *widget,
                                     int        width,
                                     int        height,
                                     int        baseline)
{
  CollateLabelPalette *self = COLLATE_LABEL_PALETTE (widget);
  int box_nat;
  gboolean fits;

  /* the window crossed FOLD_BELOW since the last measure: measure again
   * (a window's new size alone does not) */
  {
    gboolean wide = window_is_wide (widget);

    if (wide != self->measured_wide && self->remeasure_source == 0)
      self->remeasure_source = g_idle_add (remeasure, self);
  }

  gtk_widget_measure (self->box, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &box_nat, NULL, NULL);
  fits = self->measured_wide && width >= box_nat;
  gtk_widget_set_child_visible (self->box, fits);
  gtk_widget_set_child_visible (self->menu_button, !fits);
  if (fits)
    gtk_widget_allocate (self->box, width, height, baseline, NULL);
  else
    {
      int button_nat;

      gtk_widget_measure (self->menu_button, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &button_nat, NULL, NULL);
      gtk_widget_allocate (self->menu_button, MIN (width, button_nat), height, baseline, NULL);
    }
}

gboolean
collate_label_palette_is_folded (CollateLabelPalette *self)
{
  g_return_val_if_fail (COLLATE_IS_LABEL_PALETTE (self), FALSE);
  return gtk_widget_get_child_visible (self->menu_button);
}

static void
collate_label_palette_dispose (GObject *object)
{
  CollateLabelPalette *self = COLLATE_LABEL_PALETTE (object);

  g_clear_weak_pointer (&self->workspace);
  g_clear_handle_id (&self->remeasure_source, g_source_remove);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->menu_button, gtk_widget_unparent);

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
  GtkWidget *popover = gtk_popover_new ();

  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  gtk_widget_add_css_class (self->box, "collate-palette");
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_add_css_class (self->list, "collate-palette");
  gtk_popover_set_child (GTK_POPOVER (popover), self->list);
  self->menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_label (GTK_MENU_BUTTON (self->menu_button), _("Labels"));
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->menu_button), popover);
  gtk_widget_set_tooltip_text (self->menu_button, _("Tag the selection (the keys 1 to 9 do it too)"));
  collate_accessible_set_label (self->menu_button, "%s", _("Labels"));
  gtk_widget_set_focus_on_click (self->menu_button, FALSE);
  gtk_widget_set_parent (self->menu_button, GTK_WIDGET (self));
  gtk_widget_set_child_visible (self->menu_button, FALSE);
}

/* A label's button: its colour, its name, its key */
static GtkWidget *
make_label_button (CollateLabelPalette *self,
                   CollateLabel        *label,
                   const char          *key_text)
{
  const char *name = collate_label_get_name (label);
  const char *description = collate_label_get_description (label);
  GtkWidget *button = gtk_button_new ();
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *swatch = gtk_label_new (NULL);
  GtkWidget *text = gtk_label_new (name);
  g_autofree char *markup = g_markup_printf_escaped ("<span foreground=\"%s\">⬤</span>",
                                                     collate_label_get_color (label));
  g_autofree char *tooltip = NULL;

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
  gtk_button_set_child (GTK_BUTTON (button), row);
  gtk_widget_add_css_class (button, "flat");
  /* the text selection must survive a click here */
  gtk_widget_set_focus_on_click (button, FALSE);

  if (key_text != NULL && description != NULL && *description != '\0')
    tooltip = g_strdup_printf (_("Tag the selection as %s (key %s): %s"), name, key_text, description);
  else if (key_text != NULL)
    tooltip = g_strdup_printf (_("Tag the selection as %s (key %s)"), name, key_text);
  else
    tooltip = g_strdup_printf (_("Tag the selection as %s"), name);
  gtk_widget_set_tooltip_text (button, tooltip);
  if (key_text != NULL)
    /* Translators: a label button as a screen reader reads it, "Claim, key 1" */
    collate_accessible_set_label (button, _("%s, key %s"), name, key_text);
  else
    collate_accessible_set_label (button, "%s", name);

  g_object_set_data_full (G_OBJECT (button), "collate-label", g_strdup (name), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_button_clicked), self);
  return button;
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

      if (hotkey != NULL && *hotkey != '\0')
        key_text = g_strdup (hotkey);
      else if (i < 9 && collate_schema_lookup_hotkey (schema, (char[]) { '1' + i, 0 }) == NULL)
        key_text = g_strdup_printf ("%u", i + 1);

      gtk_box_append (GTK_BOX (self->box), make_label_button (self, label, key_text));
      gtk_box_append (GTK_BOX (self->list), make_label_button (self, label, key_text));
    }

  return GTK_WIDGET (self);
}
