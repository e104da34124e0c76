/* collate-list-row.c — a row of a list of things to decide (the Compare and Curation pages)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "collate-list-row.h"

GtkWidget *
collate_list_row_new (void)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_box_append (GTK_BOX (row), head);
  g_object_set_data (G_OBJECT (row), "collate-list-row-head", head);
  return row;
}

GtkLabel *
collate_list_row_add (GtkWidget           *row,
                      const char          *name,
                      CollateListRowPart   part,
                      CollateListRowFlags  flags,
                      const char          *css_classes)
{
  GtkWidget *head = g_object_get_data (G_OBJECT (row), "collate-list-row-head");
  GtkWidget *label = gtk_label_new (NULL);

  g_return_val_if_fail (GTK_IS_BOX (head), NULL);

  if (css_classes != NULL)
    {
      g_auto(GStrv) classes = g_strsplit (css_classes, " ", -1);

      for (guint i = 0; classes[i] != NULL; i++)
        if (classes[i][0] != '\0')
          gtk_widget_add_css_class (label, classes[i]);
    }
  if (part != COLLATE_LIST_ROW_TAG)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
    }
  if (flags & COLLATE_LIST_ROW_WRAP)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_lines (GTK_LABEL (label), 2);
    }
  if (part == COLLATE_LIST_ROW_TITLE)
    gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (part == COLLATE_LIST_ROW_LINE ? row : head), label);
  g_object_set_data (G_OBJECT (row), name, label);
  return GTK_LABEL (label);
}

GtkLabel *
collate_list_row_get (GtkWidget  *row,
                      const char *name)
{
  return g_object_get_data (G_OBJECT (row), name);
}
