/* collate-label-drop-down.c — label drop-downs that show each label's colour
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "collate-label-drop-down.h"

static void
setup_item (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *swatch = gtk_label_new (NULL);
  GtkWidget *name = gtk_label_new (NULL);

  gtk_widget_add_css_class (swatch, "collate-swatch");
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (name), 24);
  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), name);
  gtk_list_item_set_child (item, box);
}

static void
bind_item (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           CollateProject           *project)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *swatch = gtk_widget_get_first_child (box);
  GtkWidget *name = gtk_widget_get_next_sibling (swatch);
  GtkStringObject *string = gtk_list_item_get_item (item);
  const char *text = string ? gtk_string_object_get_string (string) : "";
  CollateSchema *schema = collate_project_get_schema (project);
  CollateLabel *label = collate_schema_lookup (schema, COLLATE_LABEL_KIND_SPAN, text);
  g_autofree char *markup = NULL;

  if (label == NULL)
    label = collate_schema_lookup (schema, COLLATE_LABEL_KIND_LINK, text);
  /* a dot in the label's colour, or an invisible one to keep names aligned */
  if (label != NULL)
    markup = g_markup_printf_escaped ("<span foreground=\"%s\">⬤</span>", collate_label_get_color (label));
  else
    markup = g_strdup ("<span alpha=\"1%\">⬤</span>");
  gtk_label_set_markup (GTK_LABEL (swatch), markup);
  gtk_label_set_text (GTK_LABEL (name), text);
}

void
collate_label_drop_down_setup (GtkDropDown    *dropdown,
                               CollateProject *project)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));
  g_return_if_fail (COLLATE_IS_PROJECT (project));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_item), NULL);
  g_signal_connect_data (factory, "bind", G_CALLBACK (bind_item), g_object_ref (project),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  gtk_drop_down_set_factory (dropdown, factory);
}
