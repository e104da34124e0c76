/* collate-link-picker.c — a searchable list of spans to link to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "collate-link-picker.h"

struct _CollateLinkPicker
{
  GtkPopover          parent_instance;

  CollateProject     *project;
  char               *from_document;
  char               *from_id;
  char               *text;          /* casefolded, or NULL */

  GtkWidget          *heading;
  GtkWidget          *labels_box;    /* a toggle button per link label */
  char               *label;         /* the link label chosen */
  GHashTable         *linked;        /* span id → label of a link with the from span */
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

/* A few words either side of a span, the span in bold, on one line */
static char *
context_markup (CollateProject    *project,
                CollateAnnotation *span)
{
  CollateDocument *document = collate_project_lookup_document (project, collate_annotation_get_document_id (span));
  guint start = collate_annotation_get_start (span);
  guint end = collate_annotation_get_end (span);
  g_autofree char *before = NULL, *after = NULL, *quote = NULL;
  g_autofree char *before_line = NULL, *after_line = NULL;
  char *cut;
  guint length;

  if (document == NULL)
    return g_markup_escape_text (collate_annotation_get_text (span), -1);
  length = collate_document_get_length (document);
  before = collate_document_dup_slice (document, start > 40 ? start - 40 : 0, start);
  after = collate_document_dup_slice (document, end, MIN (length, end + 40));
  quote = collate_text_quote (collate_annotation_get_text (span), 80);

  /* whole words only, and no line breaks */
  g_strdelimit (before, "\n\r\t", ' ');
  g_strdelimit (after, "\n\r\t", ' ');
  if (start > 40 && (cut = strchr (before, ' ')) != NULL)
    before_line = g_strconcat ("…", cut + 1, NULL);
  else
    before_line = g_strdup (before);
  if (end + 40 < length && (cut = strrchr (after, ' ')) != NULL && cut != after)
    {
      *cut = '\0';
      after_line = g_strconcat (after, "…", NULL);
    }
  else
    after_line = g_strdup (after);
  return g_markup_printf_escaped ("%s<b>%s</b>%s", before_line, quote, after_line);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  data)
{
  GtkWidget *rows = gtk_box_new (GTK_ORIENTATION_VERTICAL, 1);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *under = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *swatch = gtk_label_new (NULL);
  GtkWidget *quote = gtk_label_new (NULL);
  GtkWidget *meta = gtk_label_new (NULL);
  GtkWidget *report = gtk_label_new (NULL);
  GtkWidget *linked = gtk_label_new (NULL);

  gtk_widget_add_css_class (swatch, "collate-swatch");
  gtk_label_set_xalign (GTK_LABEL (quote), 0);
  gtk_label_set_ellipsize (GTK_LABEL (quote), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (quote), TRUE);
  gtk_widget_set_hexpand (quote, TRUE);
  gtk_widget_add_css_class (meta, "dim-label");
  gtk_box_append (GTK_BOX (row), swatch);
  gtk_box_append (GTK_BOX (row), quote);
  gtk_box_append (GTK_BOX (row), meta);

  gtk_label_set_xalign (GTK_LABEL (report), 0);
  gtk_label_set_ellipsize (GTK_LABEL (report), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (report, TRUE);
  gtk_widget_add_css_class (report, "dim-label");
  gtk_widget_add_css_class (report, "caption");
  gtk_widget_add_css_class (linked, "caption");
  gtk_widget_add_css_class (linked, "collate-linked-mark");
  gtk_widget_set_margin_start (under, 22);
  gtk_box_append (GTK_BOX (under), report);
  gtk_box_append (GTK_BOX (under), linked);

  gtk_box_append (GTK_BOX (rows), row);
  gtk_box_append (GTK_BOX (rows), under);
  gtk_list_item_set_child (item, rows);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          CollateLinkPicker        *self)
{
  CollateAnnotation *span = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *under = gtk_widget_get_next_sibling (row);
  GtkWidget *swatch = gtk_widget_get_first_child (row);
  GtkWidget *quote = gtk_widget_get_next_sibling (swatch);
  GtkWidget *meta = gtk_widget_get_next_sibling (quote);
  GtkWidget *report = gtk_widget_get_first_child (under);
  GtkWidget *linked = gtk_widget_get_next_sibling (report);
  CollateLabel *label = collate_schema_lookup (collate_project_get_schema (self->project),
                                               COLLATE_LABEL_KIND_SPAN,
                                               collate_annotation_get_label (span));
  CollateDocument *document = collate_project_lookup_document (self->project,
                                                               collate_annotation_get_document_id (span));
  const char *link_label = self->linked ? g_hash_table_lookup (self->linked, collate_annotation_get_id (span)) : NULL;
  g_autofree char *markup = g_markup_printf_escaped ("<span foreground=\"%s\">⬤</span>",
                                                     label ? collate_label_get_color (label) : "#888888");
  g_autofree char *context = context_markup (self->project, span);

  gtk_label_set_markup (GTK_LABEL (swatch), markup);
  gtk_label_set_markup (GTK_LABEL (quote), context);
  gtk_label_set_text (GTK_LABEL (meta), collate_annotation_get_label (span));
  gtk_label_set_text (GTK_LABEL (report), document ? collate_document_get_title (document) : "");
  if (link_label != NULL)
    {
      /* Translators: marks a span already linked to the selected one; %s is the link's label */
      g_autofree char *text = g_strdup_printf (_("✓ Linked: %s"), link_label);

      gtk_label_set_text (GTK_LABEL (linked), text);
    }
  gtk_widget_set_visible (linked, link_label != NULL);
}

/* ── The label of the link to make ─────────────────────────────────── */

static void
on_label_toggled (GtkToggleButton   *button,
                  CollateLinkPicker *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  g_free (self->label);
  self->label = g_strdup (g_object_get_data (G_OBJECT (button), "collate-label"));
}

static void
build_label_buttons (CollateLinkPicker *self)
{
  CollateSchema *schema = collate_project_get_schema (self->project);
  guint n = collate_schema_get_n_labels (schema, COLLATE_LABEL_KIND_LINK);
  GtkWidget *child, *group = NULL;

  while ((child = gtk_widget_get_first_child (self->labels_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->labels_box), child);

  for (guint i = 0; i < n; i++)
    {
      CollateLabel *label = collate_schema_get_label (schema, COLLATE_LABEL_KIND_LINK, i);
      GtkWidget *button = gtk_toggle_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      GtkWidget *dot = gtk_label_new (NULL);
      GtkWidget *name = gtk_label_new (collate_label_get_name (label));
      g_autofree char *markup = g_markup_printf_escaped ("<span foreground=\"%s\">⬤</span>",
                                                         collate_label_get_color (label));
      g_autofree char *key = NULL;

      gtk_label_set_markup (GTK_LABEL (dot), markup);
      gtk_widget_add_css_class (dot, "collate-swatch");
      gtk_box_append (GTK_BOX (box), dot);
      gtk_box_append (GTK_BOX (box), name);
      key = collate_schema_key_for (schema, COLLATE_LABEL_KIND_LINK, i);
      if (key != NULL)
        {
          GtkWidget *hint = gtk_label_new (key);
          g_autofree char *tip = NULL;

          gtk_widget_add_css_class (hint, "dim-label");
          gtk_box_append (GTK_BOX (box), hint);
          /* Translators: %s is the key of a link label, like 1 or c */
          tip = g_strdup_printf (_("Alt+%s chooses this label"), key);
          gtk_widget_set_tooltip_text (button, tip);
        }
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_widget_set_focus_on_click (button, FALSE);
      g_object_set_data_full (G_OBJECT (button), "collate-label",
                              g_strdup (collate_label_get_name (label)), g_free);
      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), GTK_TOGGLE_BUTTON (group));
      else
        group = button;
      g_signal_connect (button, "toggled", G_CALLBACK (on_label_toggled), self);
      gtk_box_append (GTK_BOX (self->labels_box), button);
    }
}

void
collate_link_picker_set_label (CollateLinkPicker *self,
                               const char        *name)
{
  GtkWidget *child, *first;

  g_return_if_fail (COLLATE_IS_LINK_PICKER (self));

  build_label_buttons (self);
  first = gtk_widget_get_first_child (self->labels_box);
  for (child = first; child != NULL; child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (child), "collate-label"), name) == 0)
      break;
  if (child == NULL)
    child = first;
  g_clear_pointer (&self->label, g_free);
  if (child != NULL)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (child), TRUE);
}

const char *
collate_link_picker_get_label (CollateLinkPicker *self)
{
  g_return_val_if_fail (COLLATE_IS_LINK_PICKER (self), NULL);
  return self->label;
}

/* Alt and a link label's key (1…9 by default) choose the link's label,
 * while the search field keeps the keys themselves */
static gboolean
on_picker_key (GtkEventControllerKey *controller,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               CollateLinkPicker     *self)
{
  CollateSchema *schema = collate_project_get_schema (self->project);
  CollateLabel *label;
  gunichar c;
  char key[8] = { 0 };
  GtkWidget *child;

  if ((state & GDK_ALT_MASK) == 0)
    return FALSE;
  if (keyval >= GDK_KEY_KP_1 && keyval <= GDK_KEY_KP_9)
    keyval = GDK_KEY_1 + (keyval - GDK_KEY_KP_1);
  c = gdk_keyval_to_unicode (keyval);
  if (c == 0 || g_unichar_isspace (c) || g_unichar_iscntrl (c))
    return FALSE;
  g_unichar_to_utf8 (c, key);
  label = collate_schema_label_for_key (schema, COLLATE_LABEL_KIND_LINK, key);
  if (label == NULL)
    return c >= '1' && c <= '9';
  for (child = gtk_widget_get_first_child (self->labels_box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (child), "collate-label"),
                   collate_label_get_name (label)) == 0)
      {
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (child), TRUE);
        break;
      }
  return TRUE;
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

  /* the spans linked to it already, marked in the list */
  g_hash_table_remove_all (self->linked);
  {
    g_autoptr(GPtrArray) links = collate_project_get_links_of (self->project, self->from_id);

    for (guint i = 0; links != NULL && i < links->len; i++)
      {
        CollateLink *link = g_ptr_array_index (links, i);
        const char *other = g_strcmp0 (collate_link_get_from (link), self->from_id) == 0
                            ? collate_link_get_to (link) : collate_link_get_from (link);

        g_hash_table_replace (self->linked, g_strdup (other), g_strdup (collate_link_get_label (link)));
      }
  }
  if (self->label == NULL)
    collate_link_picker_set_label (self, NULL);

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
  g_free (self->label);
  g_hash_table_unref (self->linked);

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
  self->linked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
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

  {
    GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    GtkWidget *caption = gtk_label_new (_("Link as"));

    gtk_widget_add_css_class (caption, "dim-label");
    self->labels_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
    gtk_widget_add_css_class (self->labels_box, "linked");
    gtk_widget_add_css_class (self->labels_box, "collate-link-labels");
    gtk_box_append (GTK_BOX (row), caption);
    gtk_box_append (GTK_BOX (row), self->labels_box);
    gtk_box_append (GTK_BOX (box), row);
  }
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_picker_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

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
  gtk_widget_set_size_request (scroller, 480, 320);
  self->empty = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->empty), TRUE);
  gtk_widget_add_css_class (self->empty, "dim-label");
  gtk_widget_set_margin_top (self->empty, 12);
  gtk_box_append (GTK_BOX (box), self->empty);
  gtk_box_append (GTK_BOX (box), scroller);

  hint = gtk_label_new (_("Enter links the first span; Down moves into the list; Alt+1, Alt+2… choose the label"));
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_add_css_class (hint, "caption");
  gtk_box_append (GTK_BOX (box), hint);

  gtk_popover_set_child (GTK_POPOVER (self), box);
  gtk_popover_set_position (GTK_POPOVER (self), GTK_POS_BOTTOM);
  return self;
}
