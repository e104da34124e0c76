/* collate-link-picker.c — a searchable list of spans to link to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "collate-link-picker.h"

struct _CollateLinkPicker
{
  GtkPopover          parent_instance;

  CollateProject     *project;
  char               *from_document;
  char               *from_id;
  char               *text;          /* casefolded, or NULL */

  GtkWidget          *heading;
  GtkWidget          *search;
  GtkWidget          *list;
  GtkWidget          *empty;
  GtkFilterListModel *model;
  GtkCustomFilter    *filter;
};

G_DEFINE_FINAL_TYPE (CollateLinkPicker, collate_link_picker, GTK_TYPE_POPOVER)

enum
{
  PICKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
contains_folded (const char *haystack,
                 const char *needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, needle) != NULL;
}

static gboolean
span_matches (gpointer item,
              gpointer data)
{
  CollateLinkPicker *self = data;
  CollateAnnotation *span = item;

  if (self->from_document != NULL
      && g_strcmp0 (collate_annotation_get_document_id (span), self->from_document) == 0)
    return FALSE;
  if (g_strcmp0 (collate_annotation_get_id (span), self->from_id) == 0)
    return FALSE;
  if (self->text != NULL
      && !contains_folded (collate_annotation_get_text (span), self->text)
      && !contains_folded (collate_annotation_get_label (span), self->text))
    return FALSE;
  return TRUE;
}

static void
update_empty (CollateLinkPicker *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0;

  gtk_label_set_text (GTK_LABEL (self->empty),
                      self->text != NULL ? _("No span matches these words")
                                         : _("The other reports have no spans yet: tag some there first"));
  gtk_widget_set_visible (self->empty, empty);
}

guint
collate_link_picker_search (CollateLinkPicker *self,
                            const char        *text)
{
  g_return_val_if_fail (COLLATE_IS_LINK_PICKER (self), 0);

  g_clear_pointer (&self->text, g_free);
  if (text != NULL && *text != '\0')
    self->text = g_utf8_casefold (text, -1);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_empty (self);
  return g_list_model_get_n_items (G_LIST_MODEL (self->model));
}

gboolean
collate_link_picker_pick (CollateLinkPicker *self,
                          guint              position)
{
  g_autoptr(CollateAnnotation) span = NULL;

  g_return_val_if_fail (COLLATE_IS_LINK_PICKER (self), FALSE);

  span = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  if (span == NULL)
    return FALSE;
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[PICKED], 0, span);
  return TRUE;
}

static void
on_search_changed (GtkSearchEntry    *entry,
                   CollateLinkPicker *self)
{
  collate_link_picker_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_search_activate (GtkSearchEntry    *entry,
                    CollateLinkPicker *self)
{
  collate_link_picker_pick (self, 0);
}

static void
on_list_activate (GtkListView       *list,
                  guint              position,
                  CollateLinkPicker *self)
{
  collate_link_picker_pick (self, position);
}

static gboolean
on_search_key (GtkEventControllerKey *controller,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               CollateLinkPicker     *self)
{
  if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    return gtk_widget_child_focus (self->list, GTK_DIR_TAB_FORWARD);
  return FALSE;
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  data)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *swatch = gtk_label_new (NULL);
  GtkWidget *quote = gtk_label_new (NULL);
  GtkWidget *meta = gtk_label_new (NULL);

  gtk_widget_add_css_class (swatch, "collate-swatch");
  gtk_label_set_xalign (GTK_LABEL (quote), 0);
  gtk_label_set_ellipsize (GTK_LABEL (quote), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (quote), TRUE);
  gtk_widget_set_hexpand (quote, TRUE);
  gtk_widget_add_css_class (meta, "dim-label");
  gtk_box_append (GTK_BOX (row), swatch);
  gtk_box_append (GTK_BOX (row), quote);
  gtk_box_append (GTK_BOX (row), meta);
  gtk_list_item_set_child (item, row);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          CollateLinkPicker        *self)
{
  CollateAnnotation *span = gtk_list_item_get_item (item);
  GtkWidget *swatch = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *quote = gtk_widget_get_next_sibling (swatch);
  GtkWidget *meta = gtk_widget_get_next_sibling (quote);
  CollateLabel *label = collate_schema_lookup (collate_project_get_schema (self->project),
                                               COLLATE_LABEL_KIND_SPAN,
                                               collate_annotation_get_label (span));
  g_autofree char *markup = g_markup_printf_escaped ("<span foreground=\"%s\">⬤</span>",
                                                     label ? collate_label_get_color (label) : "#888888");

  gtk_label_set_markup (GTK_LABEL (swatch), markup);
  gtk_label_set_text (GTK_LABEL (quote), collate_annotation_get_text (span));
  gtk_label_set_text (GTK_LABEL (meta), collate_annotation_get_label (span));
}

void
collate_link_picker_popup_for (CollateLinkPicker *self,
                               CollateAnnotation *from)
{
  g_autofree char *heading = NULL;

  g_return_if_fail (COLLATE_IS_LINK_PICKER (self));
  g_return_if_fail (COLLATE_IS_ANNOTATION (from));

  g_free (self->from_id);
  self->from_id = g_strdup (collate_annotation_get_id (from));
  g_clear_pointer (&self->from_document, g_free);
  if (collate_project_get_n_documents (self->project) > 1)
    self->from_document = g_strdup (collate_annotation_get_document_id (from));

  heading = g_strdup_printf (_("Link “%s” to…"), collate_annotation_get_text (from));
  gtk_label_set_text (GTK_LABEL (self->heading), heading);
  gtk_editable_set_text (GTK_EDITABLE (self->search), "");
  collate_link_picker_search (self, NULL);
  gtk_popover_popup (GTK_POPOVER (self));
  gtk_widget_grab_focus (self->search);
}

static void
collate_link_picker_dispose (GObject *object)
{
  CollateLinkPicker *self = COLLATE_LINK_PICKER (object);

  g_clear_object (&self->model);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (collate_link_picker_parent_class)->dispose (object);
}

static void
collate_link_picker_finalize (GObject *object)
{
  CollateLinkPicker *self = COLLATE_LINK_PICKER (object);

  g_free (self->from_document);
  g_free (self->from_id);
  g_free (self->text);

  G_OBJECT_CLASS (collate_link_picker_parent_class)->finalize (object);
}

static void
collate_link_picker_class_init (CollateLinkPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = collate_link_picker_dispose;
  object_class->finalize = collate_link_picker_finalize;

  signals[PICKED] =
    g_signal_new ("picked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, COLLATE_TYPE_ANNOTATION);
}

static void
collate_link_picker_init (CollateLinkPicker *self)
{
}

CollateLinkPicker *
collate_link_picker_new (CollateProject *project)
{
  CollateLinkPicker *self;
  GtkListItemFactory *factory;
  GtkSingleSelection *selection;
  GtkEventController *keys;
  GtkWidget *box, *scroller, *hint;

  g_return_val_if_fail (COLLATE_IS_PROJECT (project), NULL);

  self = g_object_new (COLLATE_TYPE_LINK_PICKER, NULL);
  self->project = g_object_ref (project);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->heading = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (self->heading), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (self->heading), 50);
  gtk_label_set_xalign (GTK_LABEL (self->heading), 0);
  gtk_widget_add_css_class (self->heading, "heading");
  gtk_box_append (GTK_BOX (box), self->heading);

  self->search = gtk_search_entry_new ();
  g_object_set (self->search, "placeholder-text", _("Find a span by its words or label"), NULL);
  g_signal_connect (self->search, "search-changed", G_CALLBACK (on_search_changed), self);
  g_signal_connect (self->search, "activate", G_CALLBACK (on_search_activate), self);
  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_search_key), self);
  gtk_widget_add_controller (self->search, keys);
  gtk_box_append (GTK_BOX (box), self->search);

  self->filter = gtk_custom_filter_new (span_matches, self, NULL);
  self->model = gtk_filter_list_model_new (g_object_ref (collate_project_get_annotations (project)),
                                           GTK_FILTER (self->filter));
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (selection, TRUE);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  self->list = gtk_list_view_new (GTK_SELECTION_MODEL (selection), factory);
  gtk_list_view_set_single_click_activate (GTK_LIST_VIEW (self->list), TRUE);
  g_signal_connect (self->list, "activate", G_CALLBACK (on_list_activate), self);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->list);
  gtk_widget_set_size_request (scroller, 440, 320);
  self->empty = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->empty), TRUE);
  gtk_widget_add_css_class (self->empty, "dim-label");
  gtk_widget_set_margin_top (self->empty, 12);
  gtk_box_append (GTK_BOX (box), self->empty);
  gtk_box_append (GTK_BOX (box), scroller);

  hint = gtk_label_new (_("Enter links the first span; Down moves into the list"));
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_add_css_class (hint, "caption");
  gtk_box_append (GTK_BOX (box), hint);

  gtk_popover_set_child (GTK_POPOVER (self), box);
  gtk_popover_set_position (GTK_POPOVER (self), GTK_POS_BOTTOM);
  return self;
}
