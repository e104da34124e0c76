/* collate-label-palette.c — the label buttons of the header bar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "collate-label-palette.h"

struct _CollateLabelPalette
{
  GtkWidget         parent_instance;

  CollateWorkspace *workspace;   /* weak */
  GtkWidget        *box;
};

G_DEFINE_FINAL_TYPE (CollateLabelPalette, collate_label_palette, GTK_TYPE_WIDGET)

static void
on_button_clicked (GtkButton           *button,
                   CollateLabelPalette *self)
{
  const char *name = g_object_get_data (G_OBJECT (button), "collate-label");

  if (self->workspace != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->workspace), "workspace.tag", "s", name);
}

static void
collate_label_palette_dispose (GObject *object)
{
  CollateLabelPalette *self = COLLATE_LABEL_PALETTE (object);

  g_clear_weak_pointer (&self->workspace);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (collate_label_palette_parent_class)->dispose (object);
}

static void
collate_label_palette_class_init (CollateLabelPaletteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = collate_label_palette_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "collate-palette");
}

static void
collate_label_palette_init (CollateLabelPalette *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  gtk_widget_add_css_class (self->box, "collate-palette");
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
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
      const char *name = collate_label_get_name (label);
      const char *hotkey = collate_label_get_hotkey (label);
      const char *description = collate_label_get_description (label);
      GtkWidget *button = gtk_button_new ();
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      GtkWidget *swatch = gtk_label_new (NULL);
      GtkWidget *key = NULL;
      g_autofree char *markup = g_markup_printf_escaped ("<span foreground=\"%s\">⬤</span>",
                                                         collate_label_get_color (label));
      g_autofree char *key_text = NULL;
      g_autofree char *tooltip = NULL;

      if (hotkey != NULL && *hotkey != '\0')
        key_text = g_strdup (hotkey);
      else if (i < 9 && collate_schema_lookup_hotkey (schema, (char[]) { '1' + i, 0 }) == NULL)
        key_text = g_strdup_printf ("%u", i + 1);

      gtk_label_set_markup (GTK_LABEL (swatch), markup);
      gtk_widget_add_css_class (swatch, "collate-swatch");
      gtk_box_append (GTK_BOX (row), swatch);
      gtk_box_append (GTK_BOX (row), gtk_label_new (name));
      if (key_text != NULL)
        {
          key = gtk_label_new (key_text);
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

      g_object_set_data_full (G_OBJECT (button), "collate-label", g_strdup (name), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_button_clicked), self);
      gtk_box_append (GTK_BOX (self->box), button);
    }

  return GTK_WIDGET (self);
}
