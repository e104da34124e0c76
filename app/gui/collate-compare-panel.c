/* collate-compare-panel.c — the comparison of two reports: suggestions to accept or reject
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "collate-compare-panel.h"
#include "collate-list-row.h"
#include "collate-label-drop-down.h"

/* How long after the last change the reports are compared again */
#define REFRESH_DELAY_MS 1200

struct _CollateComparePanel
{
  GtkWidget          parent_instance;

  CollateProject    *project;
  CollateComparison *comparison;
  GCancellable      *cancellable;
  guint              refresh_source;
  guint              doc_a;
  guint              doc_b;
  gboolean           busy;

  GListStore        *suggestions;   /* CollateSuggestion: the comparison's, less those decided since */
  GtkSingleSelection *selection;

  GtkWidget         *box;
  GtkWidget         *doc_a_dropdown;
  GtkWidget         *doc_b_dropdown;
  GtkWidget         *pair_box;
  GtkWidget         *status;
  GtkWidget         *list;
  GtkWidget         *span_label_dropdown;
  GtkWidget         *link_label_dropdown;
  GtkWidget         *accept_button;
  GtkWidget         *reject_button;
};

G_DEFINE_FINAL_TYPE (CollateComparePanel, collate_compare_panel, GTK_TYPE_WIDGET)

enum
{
  COMPARISON_CHANGED,
  SUGGESTION_SELECTED,
  ACCEPTED,
  MESSAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start_comparison (CollateComparePanel *self);

/* What the list calls each kind */
static const char *
kind_title (CollateSuggestionKind kind)
{
  switch (kind)
    {
    case COLLATE_SUGGESTION_QUANTITY_CONFLICT:  return _("Quantities conflict");
    case COLLATE_SUGGESTION_QUANTITY_PRECISION: return _("Quantities differ in precision");
    case COLLATE_SUGGESTION_DATE:               return _("Dates differ");
    case COLLATE_SUGGESTION_TIME:               return _("Times differ");
    case COLLATE_SUGGESTION_ORDINAL:            return _("Ordinals differ");
    case COLLATE_SUGGESTION_NAME:               return _("Names differ");
    case COLLATE_SUGGESTION_NEGATION:           return _("One report negates the other");
    case COLLATE_SUGGESTION_AGREEMENT:          return _("The reports agree");
    case COLLATE_SUGGESTION_CONTRADICTION:      return _("Contradiction");
    case COLLATE_SUGGESTION_SAME_ENTITY:        return _("Same entity");
    default:                                    return _("Difference");
    }
}

/* ── The list ───────────────────────────────────────────────────────── */

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  data)
{
  GtkWidget *row = collate_list_row_new ();

  collate_list_row_add (row, "kind", COLLATE_LIST_ROW_TITLE, COLLATE_LIST_ROW_PLAIN, "heading");
  collate_list_row_add (row, "confidence", COLLATE_LIST_ROW_TAG, COLLATE_LIST_ROW_PLAIN, "collate-count");
  collate_list_row_add (row, "quote-a", COLLATE_LIST_ROW_LINE, COLLATE_LIST_ROW_WRAP, "collate-quote");
  collate_list_row_add (row, "quote-b", COLLATE_LIST_ROW_LINE, COLLATE_LIST_ROW_WRAP, "collate-quote");
  collate_list_row_add (row, "reason", COLLATE_LIST_ROW_LINE, COLLATE_LIST_ROW_WRAP, "dim-label");
  gtk_list_item_set_child (item, row);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          CollateComparePanel      *self)
{
  CollateSuggestion *suggestion = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  g_autofree char *confidence = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *tooltip = NULL;

  confidence = g_strdup_printf ("%.0f%%", 100 * collate_suggestion_get_confidence (suggestion));
  a = g_strdup_printf ("“%s”", collate_suggestion_get_quote (suggestion, 0));
  b = g_strdup_printf ("“%s”", collate_suggestion_get_quote (suggestion, 1));
  /* Translators: the tooltip of a suggestion's confidence */
  tooltip = g_strdup_printf (_("Confidence %s; suggested link: %s"), confidence,
                             collate_suggestion_get_link_label (suggestion));
  gtk_label_set_text (collate_list_row_get (box, "kind"),
                      kind_title (collate_suggestion_get_kind (suggestion)));
  gtk_label_set_text (collate_list_row_get (box, "confidence"), confidence);
  gtk_widget_set_tooltip_text (GTK_WIDGET (collate_list_row_get (box, "confidence")), tooltip);
  gtk_label_set_text (collate_list_row_get (box, "quote-a"), a);
  gtk_label_set_text (collate_list_row_get (box, "quote-b"), b);
  gtk_label_set_text (collate_list_row_get (box, "reason"),
                      collate_suggestion_get_reason (suggestion));
}

static void
update_buttons (CollateComparePanel *self)
{
  gboolean has = collate_compare_panel_get_selected (self) != NULL;

  gtk_widget_set_sensitive (self->accept_button, has);
  gtk_widget_set_sensitive (self->reject_button, has);
}

static void
update_status (CollateComparePanel *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->suggestions));
  g_autofree char *text = NULL;

  if (collate_project_get_n_documents (self->project) < 2)
    text = g_strdup (_("Open two or more reports to compare them."));
  else if (self->busy && self->comparison == NULL)
    text = g_strdup (_("Comparing the reports…"));
  else if (n == 0)
    text = g_strdup (_("No differences left to review."));
  else
    text = g_strdup_printf (ngettext ("%u suggestion to review", "%u suggestions to review", n), n);
  gtk_label_set_text (GTK_LABEL (self->status), text);
}

static void
on_selection_changed (CollateComparePanel *self)
{
  update_buttons (self);
  g_signal_emit (self, signals[SUGGESTION_SELECTED], 0, collate_compare_panel_get_selected (self));
}

/* ── Comparing ──────────────────────────────────────────────────────── */

static void
set_comparison (CollateComparePanel *self,
                CollateComparison   *comparison)
{
  GListModel *model;
  CollateSuggestion *selected = collate_compare_panel_get_selected (self);
  g_autoptr(CollateSuggestion) keep = selected ? g_object_ref (selected) : NULL;
  guint n, reselect = GTK_INVALID_LIST_POSITION;

  g_set_object (&self->comparison, comparison);
  g_list_store_remove_all (self->suggestions);
  if (comparison != NULL)
    {
      model = collate_comparison_get_suggestions (comparison);
      n = g_list_model_get_n_items (model);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(CollateSuggestion) s = g_list_model_get_item (model, i);

          /* the one selected stays selected when it is still there */
          if (keep != NULL && collate_suggestion_compare (s, keep) == 0)
            reselect = i;
          g_list_store_append (self->suggestions, s);
        }
    }
  gtk_single_selection_set_selected (self->selection, reselect);
  update_status (self);
  update_buttons (self);
  g_signal_emit (self, signals[COMPARISON_CHANGED], 0, comparison);
}

static void
on_compared (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(CollateComparePanel) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateComparison) comparison = collate_compare_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->project == NULL)
    return;
  self->busy = FALSE;
  g_clear_object (&self->cancellable);
  if (comparison == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The reports could not be compared: %s"), error->message);

      update_status (self);
      g_signal_emit (self, signals[MESSAGE], 0, text);
      return;
    }
  set_comparison (self, comparison);
}

static void
start_comparison (CollateComparePanel *self)
{
  CollateCompareOptions options;
  CollateDocument *a, *b;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (collate_project_get_n_documents (self->project) < 2 || self->doc_a == self->doc_b)
    {
      self->busy = FALSE;
      set_comparison (self, NULL);
      return;
    }

  a = collate_project_get_document (self->project, self->doc_a);
  b = collate_project_get_document (self->project, self->doc_b);
  collate_compare_options_init (&options);
  self->cancellable = g_cancellable_new ();
  self->busy = TRUE;
  update_status (self);
  collate_compare_async (self->project, collate_document_get_id (a), collate_document_get_id (b),
                         &options, self->cancellable, on_compared, g_object_ref (self));
}

static gboolean
refresh_timeout (gpointer data)
{
  CollateComparePanel *self = data;

  self->refresh_source = 0;
  start_comparison (self);
  return G_SOURCE_REMOVE;
}

static void
on_project_changed (CollateComparePanel *self)
{
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  self->refresh_source = g_timeout_add (REFRESH_DELAY_MS, refresh_timeout, self);
}

/* A suggestion decided (here, by undo or redo) leaves the list at once;
 * the next comparison brings back what an undo reopened */
static void
on_review_added (CollateProject      *project,
                 CollateReview       *review,
                 CollateComparePanel *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->suggestions));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CollateSuggestion) s = g_list_model_get_item (G_LIST_MODEL (self->suggestions), i);

      if (collate_suggestion_find_review (s, project) != NULL)
        {
          g_list_store_remove (self->suggestions, i);
          /* the next one takes its place in the selection */
          if (i < g_list_model_get_n_items (G_LIST_MODEL (self->suggestions)))
            gtk_single_selection_set_selected (self->selection, i);
          else if (i > 0)
            gtk_single_selection_set_selected (self->selection, i - 1);
          break;
        }
    }
  update_status (self);
  update_buttons (self);
}

/* ── Deciding ───────────────────────────────────────────────────────── */

static char *
dropdown_string (GtkWidget *dropdown)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (dropdown));

  return item ? g_strdup (gtk_string_object_get_string (item)) : NULL;
}

gboolean
collate_compare_panel_accept_selected (CollateComparePanel *self,
                                       GError             **error)
{
  CollateSuggestion *suggestion;
  g_autofree char *span_label = NULL;
  g_autofree char *link_label = NULL;
  CollateLink *link;

  g_return_val_if_fail (COLLATE_IS_COMPARE_PANEL (self), FALSE);

  suggestion = collate_compare_panel_get_selected (self);
  if (suggestion == NULL)
    {
      g_set_error_literal (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                           _("Select a suggestion first"));
      return FALSE;
    }
  g_object_ref (suggestion);
  span_label = dropdown_string (self->span_label_dropdown);
  /* the first choice is "as suggested" */
  if (gtk_drop_down_get_selected (GTK_DROP_DOWN (self->link_label_dropdown)) > 0)
    link_label = dropdown_string (self->link_label_dropdown);
  link = collate_suggestion_accept (suggestion, self->project, span_label, link_label, error);
  g_object_unref (suggestion);
  if (link == NULL)
    return FALSE;
  g_signal_emit (self, signals[ACCEPTED], 0, link);
  return TRUE;
}

gboolean
collate_compare_panel_reject_selected (CollateComparePanel *self,
                                       GError             **error)
{
  g_autoptr(CollateSuggestion) suggestion = NULL;

  g_return_val_if_fail (COLLATE_IS_COMPARE_PANEL (self), FALSE);

  if (collate_compare_panel_get_selected (self) == NULL)
    {
      g_set_error_literal (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                           _("Select a suggestion first"));
      return FALSE;
    }
  suggestion = g_object_ref (collate_compare_panel_get_selected (self));
  return collate_suggestion_reject (suggestion, self->project, error) != NULL;
}

static void
on_accept_clicked (CollateComparePanel *self)
{
  g_autoptr(GError) error = NULL;

  if (!collate_compare_panel_accept_selected (self, &error))
    g_signal_emit (self, signals[MESSAGE], 0, error->message);
}

static void
on_reject_clicked (CollateComparePanel *self)
{
  g_autoptr(GError) error = NULL;

  if (!collate_compare_panel_reject_selected (self, &error))
    g_signal_emit (self, signals[MESSAGE], 0, error->message);
}

/* ── Which reports ──────────────────────────────────────────────────── */

static void
on_documents_chosen (CollateComparePanel *self)
{
  guint a = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->doc_a_dropdown));
  guint b = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->doc_b_dropdown));

  if (a == GTK_INVALID_LIST_POSITION || b == GTK_INVALID_LIST_POSITION)
    return;
  if (a != self->doc_a || b != self->doc_b)
    collate_compare_panel_set_documents (self, a, b);
}

static void
setup_title (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (ellipsize)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_title (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  data)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (gtk_list_item_get_item (item)));
}

/* A drop-down of report titles that shortens them in its button, so that
 * a long title never widens the side */
static GtkWidget *
title_dropdown (GtkStringList *titles)
{
  GtkWidget *dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (titles)), NULL);
  GtkListItemFactory *button = gtk_signal_list_item_factory_new ();
  GtkListItemFactory *list = gtk_signal_list_item_factory_new ();

  g_signal_connect (button, "setup", G_CALLBACK (setup_title), GINT_TO_POINTER (TRUE));
  g_signal_connect (button, "bind", G_CALLBACK (bind_title), NULL);
  g_signal_connect (list, "setup", G_CALLBACK (setup_title), GINT_TO_POINTER (FALSE));
  g_signal_connect (list, "bind", G_CALLBACK (bind_title), NULL);
  gtk_drop_down_set_factory (GTK_DROP_DOWN (dropdown), button);
  gtk_drop_down_set_list_factory (GTK_DROP_DOWN (dropdown), list);
  g_object_unref (button);
  g_object_unref (list);
  return dropdown;
}

static GtkWidget *
labelled (const char *text,
          GtkWidget  *widget)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_size_request (label, 64, -1);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), widget);
  return box;
}

static void
build (CollateComparePanel *self)
{
  CollateSchema *schema = collate_project_get_schema (self->project);
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) span_labels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) link_labels = gtk_string_list_new (NULL);
  GtkListItemFactory *factory;
  GtkWidget *scroller, *buttons;
  guint n = collate_project_get_n_documents (self->project);
  guint claim = 0;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_widget_add_css_class (self->box, "collate-compare");

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (titles, collate_document_get_title (collate_project_get_document (self->project, i)));
  self->doc_a_dropdown = title_dropdown (titles);
  self->doc_b_dropdown = title_dropdown (titles);
  self->pair_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_box_append (GTK_BOX (self->pair_box), labelled (_("Re_port"), self->doc_a_dropdown));
  gtk_box_append (GTK_BOX (self->pair_box), labelled (_("_With"), self->doc_b_dropdown));
  /* two reports: nothing to choose */
  gtk_widget_set_visible (self->pair_box, n > 2);
  gtk_box_append (GTK_BOX (self->box), self->pair_box);

  self->status = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->status), 0);
  gtk_label_set_wrap (GTK_LABEL (self->status), TRUE);
  gtk_widget_add_css_class (self->status, "dim-label");
  gtk_box_append (GTK_BOX (self->box), self->status);

  self->suggestions = g_list_store_new (COLLATE_TYPE_SUGGESTION);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->suggestions)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (on_selection_changed), self);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  self->list = gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)), factory);
  gtk_widget_add_css_class (self->list, "collate-suggestions");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Suggested differences"), -1);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->list);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (self->box), scroller);

  for (guint i = 0; i < collate_schema_get_n_labels (schema, COLLATE_LABEL_KIND_SPAN); i++)
    {
      const char *name = collate_label_get_name (collate_schema_get_label (schema, COLLATE_LABEL_KIND_SPAN, i));

      if (g_str_equal (name, "Claim"))
        claim = i;
      gtk_string_list_append (span_labels, name);
    }
  gtk_string_list_append (link_labels, _("As suggested"));
  for (guint i = 0; i < collate_schema_get_n_labels (schema, COLLATE_LABEL_KIND_LINK); i++)
    gtk_string_list_append (link_labels,
                            collate_label_get_name (collate_schema_get_label (schema, COLLATE_LABEL_KIND_LINK, i)));
  self->span_label_dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (span_labels)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->span_label_dropdown), claim);
  gtk_widget_set_tooltip_text (self->span_label_dropdown,
                               _("The label of the spans an accepted suggestion makes (spans already there are reused)"));
  self->link_label_dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (link_labels)), NULL);
  collate_label_drop_down_setup (GTK_DROP_DOWN (self->span_label_dropdown), self->project);
  collate_label_drop_down_setup (GTK_DROP_DOWN (self->link_label_dropdown), self->project);
  gtk_box_append (GTK_BOX (self->box), labelled (_("_Spans"), self->span_label_dropdown));
  gtk_box_append (GTK_BOX (self->box), labelled (_("_Link"), self->link_label_dropdown));

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_set_homogeneous (GTK_BOX (buttons), TRUE);
  self->reject_button = gtk_button_new_with_mnemonic (_("_Reject"));
  gtk_widget_set_tooltip_text (self->reject_button,
                               _("Dismiss the suggestion; the project keeps a record of it (Alt+R)"));
  self->accept_button = gtk_button_new_with_mnemonic (_("_Accept"));
  gtk_widget_set_tooltip_text (self->accept_button,
                               _("Make the two spans and the link, as one step that Ctrl+Z undoes (Alt+A)"));
  gtk_widget_add_css_class (self->accept_button, "suggested-action");
  g_signal_connect_swapped (self->accept_button, "clicked", G_CALLBACK (on_accept_clicked), self);
  g_signal_connect_swapped (self->reject_button, "clicked", G_CALLBACK (on_reject_clicked), self);
  gtk_box_append (GTK_BOX (buttons), self->reject_button);
  gtk_box_append (GTK_BOX (buttons), self->accept_button);
  gtk_box_append (GTK_BOX (self->box), buttons);
}

/* ── GObject ────────────────────────────────────────────────────────── */

static void
collate_compare_panel_dispose (GObject *object)
{
  CollateComparePanel *self = COLLATE_COMPARE_PANEL (object);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->selection);
  g_clear_object (&self->suggestions);
  g_clear_object (&self->comparison);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (collate_compare_panel_parent_class)->dispose (object);
}

/* Out of the window: nothing more to compare for it */
static void
collate_compare_panel_unroot (GtkWidget *widget)
{
  CollateComparePanel *self = COLLATE_COMPARE_PANEL (widget);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->busy = FALSE;

  GTK_WIDGET_CLASS (collate_compare_panel_parent_class)->unroot (widget);
}

static void
collate_compare_panel_class_init (CollateComparePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = collate_compare_panel_dispose;
  widget_class->unroot = collate_compare_panel_unroot;

  signals[COMPARISON_CHANGED] =
    g_signal_new ("comparison-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, COLLATE_TYPE_COMPARISON);
  signals[SUGGESTION_SELECTED] =
    g_signal_new ("suggestion-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, COLLATE_TYPE_SUGGESTION);
  signals[ACCEPTED] =
    g_signal_new ("accepted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, COLLATE_TYPE_LINK);
  signals[MESSAGE] =
    g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "collate-compare-panel");
}

static void
collate_compare_panel_init (CollateComparePanel *self)
{
  self->doc_b = 1;
}

CollateComparePanel *
collate_compare_panel_new (CollateProject *project)
{
  CollateComparePanel *self;

  g_return_val_if_fail (COLLATE_IS_PROJECT (project), NULL);

  self = g_object_new (COLLATE_TYPE_COMPARE_PANEL, NULL);
  self->project = g_object_ref (project);
  build (self);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->doc_a_dropdown), 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->doc_b_dropdown), 1);
  g_signal_connect_swapped (self->doc_a_dropdown, "notify::selected", G_CALLBACK (on_documents_chosen), self);
  g_signal_connect_swapped (self->doc_b_dropdown, "notify::selected", G_CALLBACK (on_documents_chosen), self);
  g_signal_connect_swapped (project, "changed", G_CALLBACK (on_project_changed), self);
  g_signal_connect (project, "review-added", G_CALLBACK (on_review_added), self);
  start_comparison (self);
  return self;
}

CollateComparison *
collate_compare_panel_get_comparison (CollateComparePanel *self)
{
  g_return_val_if_fail (COLLATE_IS_COMPARE_PANEL (self), NULL);
  return self->comparison;
}

void
collate_compare_panel_set_documents (CollateComparePanel *self,
                                     guint                a,
                                     guint                b)
{
  g_return_if_fail (COLLATE_IS_COMPARE_PANEL (self));

  self->doc_a = a;
  self->doc_b = b;
  if (gtk_drop_down_get_selected (GTK_DROP_DOWN (self->doc_a_dropdown)) != a)
    gtk_drop_down_set_selected (GTK_DROP_DOWN (self->doc_a_dropdown), a);
  if (gtk_drop_down_get_selected (GTK_DROP_DOWN (self->doc_b_dropdown)) != b)
    gtk_drop_down_set_selected (GTK_DROP_DOWN (self->doc_b_dropdown), b);
  if (a == b)
    {
      set_comparison (self, NULL);
      gtk_label_set_text (GTK_LABEL (self->status), _("Choose two different reports."));
      return;
    }
  start_comparison (self);
}

void
collate_compare_panel_get_documents (CollateComparePanel *self,
                                     guint               *a,
                                     guint               *b)
{
  g_return_if_fail (COLLATE_IS_COMPARE_PANEL (self));
  if (a)
    *a = self->doc_a;
  if (b)
    *b = self->doc_b;
}

void
collate_compare_panel_refresh (CollateComparePanel *self)
{
  g_return_if_fail (COLLATE_IS_COMPARE_PANEL (self));
  start_comparison (self);
}

gboolean
collate_compare_panel_is_busy (CollateComparePanel *self)
{
  g_return_val_if_fail (COLLATE_IS_COMPARE_PANEL (self), FALSE);
  return self->busy;
}

GListModel *
collate_compare_panel_get_suggestions (CollateComparePanel *self)
{
  g_return_val_if_fail (COLLATE_IS_COMPARE_PANEL (self), NULL);
  return G_LIST_MODEL (self->suggestions);
}

CollateSuggestion *
collate_compare_panel_get_selected (CollateComparePanel *self)
{
  g_return_val_if_fail (COLLATE_IS_COMPARE_PANEL (self), NULL);
  return gtk_single_selection_get_selected_item (self->selection);
}

void
collate_compare_panel_select (CollateComparePanel *self,
                              guint                position)
{
  g_return_if_fail (COLLATE_IS_COMPARE_PANEL (self));
  gtk_single_selection_set_selected (self->selection, position);
}
