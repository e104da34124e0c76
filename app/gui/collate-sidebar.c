/* collate-sidebar.c — the details of the selection and the lists of spans and links
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "collate-label-drop-down.h"
#include "collate-accessible.h"
#include "collate-sidebar.h"

#define INCREMENTAL_ABOVE 20000

struct _CollateSidebar
{
  GtkWidget           parent_instance;

  CollateProject     *project;
  char               *shown_id;
  gboolean            updating;

  GtkWidget          *box;

  /* details */
  GtkWidget          *details;
  GtkWidget          *split;        /* the lists above, the details below */
  guint               split_source;
  GtkWidget          *kind_label;
  GtkWidget          *label_dropdown;
  GtkStringList      *label_names;
  CollateLabelKind    label_kind;
  GtkWidget          *quote;
  GtkWidget          *note;
  GtkWidget          *attributes;
  GtkWidget          *meta;
  GtkWidget          *attr_key;
  GtkWidget          *attr_value;
  GtkWidget          *attr_row;

  /* counts */
  GtkWidget          *counts;
  GHashTable         *count_table;   /* label → guint */
  GHashTable         *count_labels;  /* label → GtkLabel */

  /* filters and lists */
  GtkWidget          *search;
  GtkWidget          *filter_label;
  GtkStringList      *filter_label_names;
  GtkWidget          *filter_document;
  GtkWidget          *filter_author;
  GtkStringList      *filter_author_names;  /* "All authors", then every author */
  GHashTable         *authors;              /* author → position in filter_author_names */
  GtkWidget          *stack;
  GtkWidget          *span_list;
  GtkWidget          *link_list;
  GtkFilterListModel *span_filter_model;
  GtkFilterListModel *link_filter_model;
  GtkSingleSelection *span_selection;
  GtkSingleSelection *link_selection;
  GtkCustomFilter    *span_filter;
  GtkCustomFilter    *link_filter;
  char               *want_label;
  char               *want_document;
  char               *want_text;     /* casefolded */
  char               *want_author;
  guint               sync_source;
  guint               reveal_source;
  guint               reveal_position;
  GtkWidget          *reveal_list;     /* unowned: a child */
  gboolean            committing;
  GtkWidget          *span_hint;
  guint               count_source;
  GtkWidget          *link_hint;
};

G_DEFINE_FINAL_TYPE (CollateSidebar, collate_sidebar, GTK_TYPE_WIDGET)

enum
{
  ITEM_ACTIVATED,
  MESSAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void refresh_details (CollateSidebar *self);
static void update_page_titles (CollateSidebar *self);
static gboolean count_spans (gpointer data);

static void
report (CollateSidebar *self,
        GError         *error)
{
  if (error != NULL)
    g_signal_emit (self, signals[MESSAGE], 0, error->message);
}

static char *
swatch_markup (CollateProject   *project,
               CollateLabelKind  kind,
               const char       *name)
{
  CollateLabel *label = collate_schema_lookup (collate_project_get_schema (project), kind, name);

  return g_markup_printf_escaped ("<span foreground=\"%s\">⬤</span>",
                                  label ? collate_label_get_color (label) : "#888888");
}

static gboolean
contains_text (const char *haystack,
               const char *needle_folded)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL || *haystack == '\0')
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, needle_folded) != NULL;
}

/* ── Filters ───────────────────────────────────────────────────────── */

static gboolean
span_matches (gpointer item,
              gpointer data)
{
  CollateSidebar *self = data;
  CollateAnnotation *span = item;

  if (self->want_label != NULL && g_strcmp0 (collate_annotation_get_label (span), self->want_label) != 0)
    return FALSE;
  if (self->want_document != NULL
      && g_strcmp0 (collate_annotation_get_document_id (span), self->want_document) != 0)
    return FALSE;
  if (self->want_text != NULL
      && !contains_text (collate_annotation_get_text (span), self->want_text)
      && !contains_text (collate_annotation_get_note (span), self->want_text))
    return FALSE;
  if (self->want_author != NULL)
    {
      g_auto(GStrv) who = collate_annotation_dup_annotators (span);

      /* who made it (the "annotators" of a merged span), or its author */
      if (!g_strv_contains ((const char *const *) who, self->want_author)
          && g_strcmp0 (collate_annotation_get_author (span), self->want_author) != 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
link_matches (gpointer item,
              gpointer data)
{
  CollateSidebar *self = data;
  CollateLink *link = item;
  CollateAnnotation *from, *to;

  if (self->want_label != NULL && g_strcmp0 (collate_link_get_label (link), self->want_label) != 0)
    return FALSE;
  if (self->want_author != NULL && g_strcmp0 (collate_link_get_author (link), self->want_author) != 0)
    return FALSE;
  if (self->want_document == NULL && self->want_text == NULL)
    return TRUE;

  from = collate_project_lookup_annotation (self->project, collate_link_get_from (link));
  to = collate_project_lookup_annotation (self->project, collate_link_get_to (link));
  if (self->want_document != NULL
      && !(from && g_strcmp0 (collate_annotation_get_document_id (from), self->want_document) == 0)
      && !(to && g_strcmp0 (collate_annotation_get_document_id (to), self->want_document) == 0))
    return FALSE;
  if (self->want_text != NULL
      && !contains_text (collate_link_get_note (link), self->want_text)
      && !(from && contains_text (collate_annotation_get_text (from), self->want_text))
      && !(to && contains_text (collate_annotation_get_text (to), self->want_text)))
    return FALSE;
  return TRUE;
}

static void
apply_filters (CollateSidebar *self)
{
  gboolean any = self->want_label || self->want_document || self->want_text || self->want_author;

  /* without a filter the lists show the project's models directly */
  gtk_filter_list_model_set_filter (self->span_filter_model,
                                    any ? GTK_FILTER (self->span_filter) : NULL);
  gtk_filter_list_model_set_filter (self->link_filter_model,
                                    any ? GTK_FILTER (self->link_filter) : NULL);
  if (any)
    {
      gtk_filter_changed (GTK_FILTER (self->span_filter), GTK_FILTER_CHANGE_DIFFERENT);
      gtk_filter_changed (GTK_FILTER (self->link_filter), GTK_FILTER_CHANGE_DIFFERENT);
    }
}

void
collate_sidebar_set_filter (CollateSidebar *self,
                            const char     *label,
                            const char     *document_id,
                            const char     *text)
{
  g_return_if_fail (COLLATE_IS_SIDEBAR (self));

  g_clear_pointer (&self->want_label, g_free);
  g_clear_pointer (&self->want_document, g_free);
  g_clear_pointer (&self->want_text, g_free);
  if (label != NULL && *label != '\0')
    self->want_label = g_strdup (label);
  if (document_id != NULL && *document_id != '\0')
    self->want_document = g_strdup (document_id);
  if (text != NULL && *text != '\0')
    self->want_text = g_utf8_casefold (text, -1);
  apply_filters (self);
  update_page_titles (self);
}

static void
on_filter_widgets_changed (CollateSidebar *self)
{
  guint label_pos, doc_pos;
  const char *label = NULL;
  const char *doc_id = NULL;

  if (self->updating)
    return;

  label_pos = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->filter_label));
  if (label_pos != GTK_INVALID_LIST_POSITION && label_pos > 0)
    label = gtk_string_list_get_string (self->filter_label_names, label_pos);
  doc_pos = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->filter_document));
  if (doc_pos != GTK_INVALID_LIST_POSITION && doc_pos > 0)
    doc_id = collate_document_get_id (collate_project_get_document (self->project, doc_pos - 1));

  {
    guint author_pos = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->filter_author));

    g_clear_pointer (&self->want_author, g_free);
    if (author_pos != GTK_INVALID_LIST_POSITION && author_pos > 0)
      self->want_author = g_strdup (gtk_string_list_get_string (self->filter_author_names, author_pos));
  }
  collate_sidebar_set_filter (self, label, doc_id,
                              gtk_editable_get_text (GTK_EDITABLE (self->search)));
}

/* ── Authors, for the author filter ────────────────────────────────── */

static GtkListItemFactory *ellipsizing_factory (void);

static void
add_author (CollateSidebar *self,
            const char     *author)
{
  if (author == NULL || author[0] == '\0' || g_hash_table_contains (self->authors, author))
    return;
  g_hash_table_add (self->authors, g_strdup (author));
  /* in alphabetical order, after "All authors" */
  {
    guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_author_names));
    guint at = 1;
    const char *const one[] = { author, NULL };

    while (at < n && g_utf8_collate (gtk_string_list_get_string (self->filter_author_names, at), author) < 0)
      at++;
    gtk_string_list_splice (self->filter_author_names, at, 0, one);
  }
  /* one author: nothing to filter by */
  gtk_widget_set_visible (self->filter_author, g_hash_table_size (self->authors) > 1);
}

static void
add_authors_of (CollateSidebar    *self,
                CollateAnnotation *span)
{
  g_auto(GStrv) who = collate_annotation_dup_annotators (span);

  for (guint i = 0; who[i] != NULL; i++)
    add_author (self, who[i]);
  add_author (self, collate_annotation_get_author (span));
}

static void
on_span_author (CollateSidebar    *self,
                CollateAnnotation *span)
{
  add_authors_of (self, span);
}

static void
on_link_author (CollateSidebar *self,
                CollateLink    *link)
{
  add_author (self, collate_link_get_author (link));
}

static void
fill_authors (CollateSidebar *self)
{
  GListModel *spans = collate_project_get_annotations (self->project);
  GListModel *links = collate_project_get_links (self->project);
  g_autoptr(GtkListItemFactory) factory = ellipsizing_factory ();

  self->authors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->filter_author_names = gtk_string_list_new (NULL);
  /* long names must not widen the sidebar, nor squeeze the other filters */
  gtk_drop_down_set_factory (GTK_DROP_DOWN (self->filter_author), factory);
  gtk_string_list_append (self->filter_author_names, _("All authors"));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->filter_author), G_LIST_MODEL (self->filter_author_names));
  gtk_widget_set_visible (self->filter_author, FALSE);
  for (guint i = 0; i < g_list_model_get_n_items (spans); i++)
    {
      g_autoptr(CollateAnnotation) span = g_list_model_get_item (spans, i);

      add_authors_of (self, span);
    }
  for (guint i = 0; i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(CollateLink) link = g_list_model_get_item (links, i);

      add_author (self, collate_link_get_author (link));
    }
  g_signal_connect_swapped (self->project, "annotation-added", G_CALLBACK (on_span_author), self);
  g_signal_connect_swapped (self->project, "link-added", G_CALLBACK (on_link_author), self);
}

void
collate_sidebar_set_author_filter (CollateSidebar *self,
                                   const char     *author)
{
  guint n;

  g_return_if_fail (COLLATE_IS_SIDEBAR (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_author_names));
  for (guint i = 1; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->filter_author_names, i), author) == 0)
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (self->filter_author), i);
        return;
      }
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->filter_author), 0);
}

guint
collate_sidebar_get_n_shown_spans (CollateSidebar *self)
{
  g_return_val_if_fail (COLLATE_IS_SIDEBAR (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->span_filter_model));
}

guint
collate_sidebar_get_n_shown_links (CollateSidebar *self)
{
  g_return_val_if_fail (COLLATE_IS_SIDEBAR (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->link_filter_model));
}

void
collate_sidebar_focus_search (CollateSidebar *self)
{
  g_return_if_fail (COLLATE_IS_SIDEBAR (self));
  gtk_widget_grab_focus (self->search);
}

/* ── Counts per label ──────────────────────────────────────────────── */

static void
update_count_label (CollateSidebar *self,
                    const char     *name)
{
  GtkWidget *label = g_hash_table_lookup (self->count_labels, name);
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->count_table, name));
  g_autofree char *text = NULL;

  if (label == NULL)
    return;
  text = self->count_source != 0 ? g_strdup ("…") : g_strdup_printf ("%u", count);
  gtk_label_set_text (GTK_LABEL (label), text);
  /* the button (swatch, name, count) is read out as "Claim, 2 spans" */
  collate_accessible_set_label (gtk_widget_get_ancestor (label, GTK_TYPE_BUTTON),
                                g_dngettext (GETTEXT_PACKAGE, "%s, %u span", "%s, %u spans", count),
                                name, count);
}

static void
change_count (CollateSidebar *self,
              const char     *name,
              int             delta)
{
  guint count;

  if (self->count_source != 0)
    return;
  count = GPOINTER_TO_UINT (g_hash_table_lookup (self->count_table, name));

  count = (delta < 0 && count == 0) ? 0 : count + delta;
  g_hash_table_replace (self->count_table, g_strdup (name), GUINT_TO_POINTER (count));
  update_count_label (self, name);
}

guint
collate_sidebar_get_label_count (CollateSidebar *self,
                                 const char     *label)
{
  g_return_val_if_fail (COLLATE_IS_SIDEBAR (self), 0);
  if (self->count_source != 0)
    {
      g_source_remove (self->count_source);
      count_spans (self);
    }
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->count_table, label));
}

static void
on_count_clicked (GtkButton      *button,
                  CollateSidebar *self)
{
  const char *name = g_object_get_data (G_OBJECT (button), "collate-label");
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_label_names));

  for (guint i = 1; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->filter_label_names, i), name) == 0)
      {
        guint current = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->filter_label));

        /* a second click on the same label shows all again */
        gtk_drop_down_set_selected (GTK_DROP_DOWN (self->filter_label), current == i ? 0 : i);
        gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "spans");
        return;
      }
}

/* Counting 100,000 spans takes a while: it waits until the window shows.
 * Until then changes are not counted one by one (the count sees them). */
static gboolean
count_spans (gpointer data)
{
  CollateSidebar *self = data;
  GListModel *spans = collate_project_get_annotations (self->project);
  guint n = g_list_model_get_n_items (spans);
  GHashTableIter iter;
  gpointer key;

  self->count_source = 0;
  g_hash_table_remove_all (self->count_table);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CollateAnnotation) span = g_list_model_get_item (spans, i);
      const char *name = collate_annotation_get_label (span);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->count_table, name));

      g_hash_table_replace (self->count_table, g_strdup (name), GUINT_TO_POINTER (count + 1));
    }

  g_hash_table_iter_init (&iter, self->count_labels);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    update_count_label (self, key);
  return G_SOURCE_REMOVE;
}

static void
build_counts (CollateSidebar *self)
{
  CollateSchema *schema = collate_project_get_schema (self->project);
  GListModel *spans = collate_project_get_annotations (self->project);

  if (g_list_model_get_n_items (spans) > INCREMENTAL_ABOVE)
    self->count_source = g_idle_add_full (GDK_PRIORITY_REDRAW + 3, count_spans, self, NULL);
  else
    count_spans (self);

  for (guint i = 0; i < collate_schema_get_n_labels (schema, COLLATE_LABEL_KIND_SPAN); i++)
    {
      CollateLabel *label = collate_schema_get_label (schema, COLLATE_LABEL_KIND_SPAN, i);
      const char *name = collate_label_get_name (label);
      GtkWidget *button = gtk_button_new ();
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      GtkWidget *swatch = gtk_label_new (NULL);
      GtkWidget *count = gtk_label_new (NULL);
      g_autofree char *markup = swatch_markup (self->project, COLLATE_LABEL_KIND_SPAN, name);
      g_autofree char *tooltip = g_strdup_printf (_("Show only %s spans"), name);

      gtk_label_set_markup (GTK_LABEL (swatch), markup);
      gtk_widget_add_css_class (swatch, "collate-swatch");
      gtk_widget_add_css_class (count, "collate-count");
      gtk_box_append (GTK_BOX (row), swatch);
      gtk_box_append (GTK_BOX (row), gtk_label_new (name));
      gtk_box_append (GTK_BOX (row), count);
      gtk_button_set_child (GTK_BUTTON (button), row);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, tooltip);
      g_object_set_data_full (G_OBJECT (button), "collate-label", g_strdup (name), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_count_clicked), self);
      gtk_flow_box_append (GTK_FLOW_BOX (self->counts), button);
      g_hash_table_insert (self->count_labels, g_strdup (name), count);
      update_count_label (self, name);
    }
}

/* ── The project's changes ─────────────────────────────────────────── */

static void
on_annotation_added (CollateProject    *project,
                     CollateAnnotation *span,
                     CollateSidebar    *self)
{
  change_count (self, collate_annotation_get_label (span), 1);
}

static void
on_annotation_removed (CollateProject    *project,
                       CollateAnnotation *span,
                       CollateSidebar    *self)
{
  change_count (self, collate_annotation_get_label (span), -1);
}

static void
on_annotation_changed (CollateProject    *project,
                       CollateAnnotation *old_span,
                       CollateAnnotation *new_span,
                       CollateSidebar    *self)
{
  if (g_strcmp0 (collate_annotation_get_label (old_span), collate_annotation_get_label (new_span)) != 0)
    {
      change_count (self, collate_annotation_get_label (old_span), -1);
      change_count (self, collate_annotation_get_label (new_span), 1);
    }
}

/* ── Details ───────────────────────────────────────────────────────── */

static void
set_label_choices (CollateSidebar   *self,
                   CollateLabelKind  kind)
{
  CollateSchema *schema = collate_project_get_schema (self->project);
  guint n = collate_schema_get_n_labels (schema, kind);
  guint old = g_list_model_get_n_items (G_LIST_MODEL (self->label_names));
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  if (kind == self->label_kind && old == n)
    return;
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (names, (gpointer) collate_label_get_name (collate_schema_get_label (schema, kind, i)));
  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (self->label_names, 0, old, (const char * const *) names->pdata);
  self->label_kind = kind;
}

static void
on_label_dropdown_changed (CollateSidebar *self)
{
  g_autoptr(GError) error = NULL;
  guint pos;
  const char *name;

  if (self->updating || self->shown_id == NULL)
    return;
  pos = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->label_dropdown));
  if (pos == GTK_INVALID_LIST_POSITION)
    return;
  name = gtk_string_list_get_string (self->label_names, pos);

  if (collate_project_lookup_annotation (self->project, self->shown_id) != NULL)
    {
      if (g_strcmp0 (collate_annotation_get_label (collate_project_lookup_annotation (self->project, self->shown_id)), name) != 0
          && !collate_project_set_annotation_label (self->project, self->shown_id, name, &error))
        report (self, error);
    }
  else if (collate_project_lookup_link (self->project, self->shown_id) != NULL)
    {
      if (g_strcmp0 (collate_link_get_label (collate_project_lookup_link (self->project, self->shown_id)), name) != 0
          && !collate_project_set_link_label (self->project, self->shown_id, name, &error))
        report (self, error);
    }
}

static void
commit_note (CollateSidebar *self)
{
  g_autoptr(GError) error = NULL;
  const char *text;
  CollateAnnotation *span;
  CollateLink *link;

  if (self->updating || self->shown_id == NULL)
    return;
  text = gtk_editable_get_text (GTK_EDITABLE (self->note));
  span = collate_project_lookup_annotation (self->project, self->shown_id);
  link = span ? NULL : collate_project_lookup_link (self->project, self->shown_id);

  /* one undo step per edit, and none when nothing changed */
  if (span != NULL && g_strcmp0 (collate_annotation_get_note (span) ? collate_annotation_get_note (span) : "", text) != 0)
    {
      if (!collate_project_set_annotation_note (self->project, self->shown_id, text, &error))
        report (self, error);
    }
  else if (link != NULL && g_strcmp0 (collate_link_get_note (link) ? collate_link_get_note (link) : "", text) != 0)
    {
      if (!collate_project_set_link_note (self->project, self->shown_id, text, &error))
        report (self, error);
    }
}

static void
on_note_focus_leave (GtkEventControllerFocus *controller,
                     CollateSidebar          *self)
{
  commit_note (self);
}

static void
commit_attribute (CollateSidebar *self,
                  const char     *key,
                  const char     *value)
{
  g_autoptr(GError) error = NULL;
  CollateAnnotation *span;
  g_autofree char *key_copy = g_strdup (key);
  g_autofree char *value_copy = value && *value ? g_strdup (value) : NULL;

  if (self->updating || self->shown_id == NULL)
    return;
  span = collate_project_lookup_annotation (self->project, self->shown_id);
  if (span == NULL)
    return;
  if (g_strcmp0 (collate_annotation_get_attribute (span, key_copy), value_copy) == 0)
    return;
  if (!collate_project_set_annotation_attribute (self->project, self->shown_id,
                                                 key_copy, value_copy, &error))
    report (self, error);
}

static void
on_attribute_activate (GtkEntry       *entry,
                       CollateSidebar *self)
{
  commit_attribute (self, g_object_get_data (G_OBJECT (entry), "collate-key"),
                    gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_attribute_focus_leave (GtkEventControllerFocus *controller,
                          CollateSidebar          *self)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  if (gtk_widget_get_parent (entry) != NULL && self->shown_id != NULL)
    on_attribute_activate (GTK_ENTRY (entry), self);
}

static void
on_attribute_remove (GtkButton      *button,
                     CollateSidebar *self)
{
  commit_attribute (self, g_object_get_data (G_OBJECT (button), "collate-key"), NULL);
}

static void
on_attribute_add (CollateSidebar *self)
{
  const char *key = gtk_editable_get_text (GTK_EDITABLE (self->attr_key));
  const char *value = gtk_editable_get_text (GTK_EDITABLE (self->attr_value));
  g_autofree char *key_copy = g_strstrip (g_strdup (key));

  if (*key_copy == '\0')
    {
      g_signal_emit (self, signals[MESSAGE], 0, _("Give the attribute a name first"));
      return;
    }
  if (*value == '\0')
    {
      g_signal_emit (self, signals[MESSAGE], 0, _("Give the attribute a value; an empty value removes it"));
      return;
    }
  commit_attribute (self, key_copy, value);
  gtk_editable_set_text (GTK_EDITABLE (self->attr_key), "");
  gtk_editable_set_text (GTK_EDITABLE (self->attr_value), "");
}

static void
rebuild_attributes (CollateSidebar    *self,
                    CollateAnnotation *span)
{
  GtkWidget *child;
  const char **keys;

  while ((child = gtk_widget_get_first_child (self->attributes)) != NULL)
    gtk_grid_remove (GTK_GRID (self->attributes), child);
  if (span == NULL)
    return;

  keys = collate_annotation_get_attribute_keys (span);
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      GtkWidget *name = gtk_label_new (keys[i]);
      GtkWidget *entry = gtk_entry_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
      GtkEventController *focus = gtk_event_controller_focus_new ();
      g_autofree char *tooltip = g_strdup_printf (_("Remove the attribute “%s”"), keys[i]);

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (name, "collate-field-name");
      gtk_editable_set_text (GTK_EDITABLE (entry), collate_annotation_get_attribute (span, keys[i]));
      gtk_widget_set_hexpand (entry, TRUE);
      g_object_set_data_full (G_OBJECT (entry), "collate-key", g_strdup (keys[i]), g_free);
      g_signal_connect (entry, "activate", G_CALLBACK (on_attribute_activate), self);
      g_signal_connect (focus, "leave", G_CALLBACK (on_attribute_focus_leave), self);
      gtk_widget_add_controller (entry, focus);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, tooltip);
      g_object_set_data_full (G_OBJECT (remove), "collate-key", g_strdup (keys[i]), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_attribute_remove), self);

      gtk_grid_attach (GTK_GRID (self->attributes), name, 0, i, 1, 1);
      gtk_grid_attach (GTK_GRID (self->attributes), entry, 1, i, 1, 1);
      gtk_grid_attach (GTK_GRID (self->attributes), remove, 2, i, 1, 1);
    }
  g_free (keys);
}

static char *
document_title (CollateProject *project,
                const char     *doc_id)
{
  CollateDocument *doc = collate_project_lookup_document (project, doc_id);

  return g_strdup (doc ? collate_document_get_title (doc) : doc_id);
}

/* An ISO 8601 time from the file, in the local time zone as GNOME shows
 * times: "Today 14:03", "Yesterday 09:12", "5 Dec 14:03", "5 Dec 2025" */
static char *
local_time (const char *iso)
{
  g_autoptr(GDateTime) utc = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int days;

  if (utc == NULL)
    return g_strdup (iso && *iso ? iso : "—");
  local = g_date_time_to_local (utc);
  days = g_date_time_get_day_of_year (now) - g_date_time_get_day_of_year (local);
  if (g_date_time_get_year (now) == g_date_time_get_year (local))
    {
      if (days == 0)
        /* Translators: a time today, as in GNOME Files: %R is the time */
        return g_date_time_format (local, _("Today %R"));
      if (days == 1)
        return g_date_time_format (local, _("Yesterday %R"));
      /* Translators: a date this year with its time */
      return g_date_time_format (local, _("%-e %b %R"));
    }
  /* Translators: a date of another year */
  return g_date_time_format (local, _("%-e %b %Y"));
}

/* The details take the height they need below the lists, up to half the
 * side; the reader may drag the divider */
static gboolean
place_split (gpointer data)
{
  CollateSidebar *self = data;
  GtkWidget *scroller = gtk_paned_get_end_child (GTK_PANED (self->split));
  int height = gtk_widget_get_height (self->split);
  int natural = 0;

  self->split_source = 0;
  if (height <= 1 || scroller == NULL)
    return G_SOURCE_REMOVE;
  gtk_widget_measure (scroller, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (self->split),
                      NULL, &natural, NULL, NULL);
  gtk_paned_set_position (GTK_PANED (self->split), height - MIN (natural, height / 2));
  return G_SOURCE_REMOVE;
}

static void
place_split_later (CollateSidebar *self)
{
  if (self->split_source == 0)
    self->split_source = g_idle_add (place_split, self);
}

static void
refresh_details (CollateSidebar *self)
{
  CollateAnnotation *span = NULL;
  CollateLink *link = NULL;
  CollateSchema *schema = collate_project_get_schema (self->project);
  g_autofree char *meta = NULL;
  const char *label_name;
  const char *note;
  const char *author, *created, *modified;
  int index;

  if (self->shown_id != NULL)
    {
      span = collate_project_lookup_annotation (self->project, self->shown_id);
      if (span == NULL)
        link = collate_project_lookup_link (self->project, self->shown_id);
    }

  if (!gtk_widget_get_visible (self->details) && (span != NULL || link != NULL))
    place_split_later (self);
  gtk_widget_set_visible (self->details, span != NULL || link != NULL);
  if (span == NULL && link == NULL)
    return;

  self->updating = TRUE;

  if (span != NULL)
    {
      g_autofree char *doc = document_title (self->project, collate_annotation_get_document_id (span));
      g_autofree char *heading = g_strdup_printf (_("Span in “%s”"), doc);

      gtk_label_set_text (GTK_LABEL (self->kind_label), heading);
      set_label_choices (self, COLLATE_LABEL_KIND_SPAN);
      label_name = collate_annotation_get_label (span);
      gtk_label_set_text (GTK_LABEL (self->quote), collate_annotation_get_text (span));
      note = collate_annotation_get_note (span);
      author = collate_annotation_get_author (span);
      created = collate_annotation_get_created (span);
      modified = collate_annotation_get_modified (span);
    }
  else
    {
      CollateAnnotation *from = collate_project_lookup_annotation (self->project, collate_link_get_from (link));
      CollateAnnotation *to = collate_project_lookup_annotation (self->project, collate_link_get_to (link));
      g_autofree char *quotes = NULL;

      /* Translators: the quotes of a link's two spans, from → to */
      quotes = g_strdup_printf (_("“%s”\n→ “%s”"),
                                from ? collate_annotation_get_text (from) : "?",
                                to ? collate_annotation_get_text (to) : "?");

      gtk_label_set_text (GTK_LABEL (self->kind_label), _("Link"));
      set_label_choices (self, COLLATE_LABEL_KIND_LINK);
      label_name = collate_link_get_label (link);
      gtk_label_set_text (GTK_LABEL (self->quote), quotes);
      note = collate_link_get_note (link);
      author = collate_link_get_author (link);
      created = collate_link_get_created (link);
      modified = collate_link_get_modified (link);
    }

  index = collate_schema_index_of (schema, self->label_kind, label_name);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->label_dropdown),
                              index >= 0 ? (guint) index : GTK_INVALID_LIST_POSITION);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->note)), note ? note : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->note), note ? note : "");
  rebuild_attributes (self, span);
  gtk_widget_set_visible (self->attr_row, span != NULL);

  {
    g_autofree char *when_created = local_time (created);
    g_autofree char *when_modified = local_time (modified);
    g_autofree char *exact = NULL;
    gboolean mine = author != NULL && g_strcmp0 (author, collate_project_get_author (self->project)) == 0;

    if (mine)
      /* Translators: the author line of the user's own span or link */
      meta = g_strdup_printf (_("By %s (you: change the name in Preferences, Ctrl+,)\nCreated %s\nModified %s"),
                              author, when_created, when_modified);
    else
      meta = g_strdup_printf (_("By %s\nCreated %s\nModified %s"),
                              author && *author ? author : _("unknown"),
                              when_created, when_modified);
    /* Translators: the tooltip of the times, exactly as the file keeps them */
    exact = g_strdup_printf (_("Created %s\nModified %s (UTC, as in the file)"),
                             created ? created : "—", modified ? modified : "—");
    gtk_label_set_text (GTK_LABEL (self->meta), meta);
    gtk_widget_set_tooltip_text (self->meta, exact);
  }

  self->updating = FALSE;
}

/* ── Lists ─────────────────────────────────────────────────────────── */

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  data)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *swatch = gtk_label_new (NULL);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *quote = gtk_label_new (NULL);
  GtkWidget *meta = gtk_label_new (NULL);

  gtk_widget_set_valign (swatch, GTK_ALIGN_START);
  gtk_widget_add_css_class (swatch, "collate-swatch");
  gtk_label_set_xalign (GTK_LABEL (quote), 0);
  gtk_label_set_ellipsize (GTK_LABEL (quote), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (quote), TRUE);
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_label_set_ellipsize (GTK_LABEL (meta), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (meta, "dim-label");
  gtk_widget_add_css_class (meta, "caption");
  gtk_box_append (GTK_BOX (texts), quote);
  gtk_box_append (GTK_BOX (texts), meta);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (row), swatch);
  gtk_box_append (GTK_BOX (row), texts);
  gtk_list_item_set_child (item, row);
}

static void
bind_span_row (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               CollateSidebar           *self)
{
  CollateAnnotation *span = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkWidget *swatch = gtk_widget_get_first_child (row);
  GtkWidget *texts = gtk_widget_get_next_sibling (swatch);
  GtkWidget *quote = gtk_widget_get_first_child (texts);
  GtkWidget *meta = gtk_widget_get_next_sibling (quote);
  g_autofree char *markup = swatch_markup (self->project, COLLATE_LABEL_KIND_SPAN,
                                           collate_annotation_get_label (span));
  g_autofree char *doc = document_title (self->project, collate_annotation_get_document_id (span));
  g_autofree char *meta_text = NULL;

  /* Translators: a span's label and the title of its document */
  meta_text = g_strdup_printf (_("%s · %s"), collate_annotation_get_label (span), doc);
  gtk_label_set_markup (GTK_LABEL (swatch), markup);
  gtk_label_set_text (GTK_LABEL (quote), collate_annotation_get_text (span));
  gtk_label_set_text (GTK_LABEL (meta), meta_text);
  /* the row as a screen reader reads it: its quote, then label and document */
  collate_accessible_set_label (gtk_widget_get_parent (row), "%s, %s",
                                collate_annotation_get_text (span), meta_text);
}

static void
bind_link_row (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               CollateSidebar           *self)
{
  CollateLink *link = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkWidget *swatch = gtk_widget_get_first_child (row);
  GtkWidget *texts = gtk_widget_get_next_sibling (swatch);
  GtkWidget *quote = gtk_widget_get_first_child (texts);
  GtkWidget *meta = gtk_widget_get_next_sibling (quote);
  CollateAnnotation *from = collate_project_lookup_annotation (self->project, collate_link_get_from (link));
  CollateAnnotation *to = collate_project_lookup_annotation (self->project, collate_link_get_to (link));
  g_autofree char *markup = swatch_markup (self->project, COLLATE_LABEL_KIND_LINK,
                                           collate_link_get_label (link));
  /* Translators: the quotes of a link's two spans, from → to */
  g_autofree char *text = g_strdup_printf (_("%s → %s"),
                                           from ? collate_annotation_get_text (from) : "?",
                                           to ? collate_annotation_get_text (to) : "?");

  gtk_label_set_markup (GTK_LABEL (swatch), markup);
  gtk_label_set_text (GTK_LABEL (quote), text);
  gtk_label_set_text (GTK_LABEL (meta), collate_link_get_label (link));
  collate_accessible_set_label (gtk_widget_get_parent (row), "%s, %s", text, collate_link_get_label (link));
}

static void
on_list_activate (GtkListView    *list,
                  guint           position,
                  CollateSidebar *self)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (list));
  g_autoptr(GObject) item = g_list_model_get_item (model, position);
  const char *id;

  if (item == NULL)
    return;
  id = COLLATE_IS_ANNOTATION (item) ? collate_annotation_get_id (COLLATE_ANNOTATION (item))
                                    : collate_link_get_id (COLLATE_LINK (item));
  g_signal_emit (self, signals[ITEM_ACTIVATED], 0, id);
}

static GtkWidget *
make_list (CollateSidebar      *self,
           GtkSingleSelection  *selection,
           GCallback            bind)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *list, *scroller;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", bind, self);
  list = gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (selection)), factory);
  gtk_list_view_set_single_click_activate (GTK_LIST_VIEW (list), TRUE);
  g_signal_connect (list, "activate", G_CALLBACK (on_list_activate), self);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_widget_set_vexpand (scroller, TRUE);
  g_object_set_data (G_OBJECT (scroller), "collate-list", list);
  return scroller;
}

/* A list page: a hint shown while the list is empty, then the list */
static GtkWidget *
with_hint (GtkWidget  *scroller,
           GtkWidget **hint_out)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *hint = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_justify (GTK_LABEL (hint), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_set_margin_top (hint, 18);
  gtk_widget_set_margin_start (hint, 18);
  gtk_widget_set_margin_end (hint, 18);
  gtk_box_append (GTK_BOX (page), hint);
  gtk_box_append (GTK_BOX (page), scroller);
  g_object_set_data (G_OBJECT (page), "collate-list",
                     g_object_get_data (G_OBJECT (scroller), "collate-list"));
  *hint_out = hint;
  return page;
}

/* Position of @span in the filtered list, which keeps the project's order */
static guint
find_span_position (CollateSidebar    *self,
                    CollateAnnotation *span)
{
  GListModel *model = G_LIST_MODEL (self->span_filter_model);
  int doc = collate_project_get_document_index (self->project, collate_annotation_get_document_id (span));
  guint lo = 0, hi;

  if (gtk_filter_list_model_get_filter (self->span_filter_model) == NULL)
    {
      int pos = collate_project_get_annotation_position (self->project, collate_annotation_get_id (span));
      return pos < 0 ? GTK_INVALID_LIST_POSITION : (guint) pos;
    }
  if (!span_matches (span, self))
    return GTK_INVALID_LIST_POSITION;

  hi = g_list_model_get_n_items (model);
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      g_autoptr(CollateAnnotation) other = g_list_model_get_item (model, mid);
      int other_doc = collate_project_get_document_index (self->project, collate_annotation_get_document_id (other));
      int cmp = other_doc != doc ? (other_doc < doc ? -1 : 1) : collate_annotation_compare (other, span);

      if (cmp == 0)
        return mid;
      if (cmp < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return GTK_INVALID_LIST_POSITION;
}

static guint
find_link_position (CollateSidebar *self,
                    CollateLink    *link)
{
  GListModel *model = G_LIST_MODEL (self->link_filter_model);
  guint n = g_list_model_get_n_items (model);

  if (gtk_filter_list_model_get_filter (self->link_filter_model) == NULL)
    {
      int pos = collate_project_get_link_position (self->project, collate_link_get_id (link));
      return pos < 0 ? GTK_INVALID_LIST_POSITION : (guint) pos;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CollateLink) other = g_list_model_get_item (model, i);

      if (g_strcmp0 (collate_link_get_id (other), collate_link_get_id (link)) == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* Scrolls @list so that row @position shows.  The rows all have one
 * height, so the position gives the place at once; the list view's own
 * "scroll-to-item" costs tens of milliseconds with 100,000 rows. */
static void
reveal_row (GtkWidget *list,
            guint      position)
{
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  guint n = g_list_model_get_n_items (model);
  double upper, page, value, row, top;

  if (adj == NULL || n == 0)
    return;
  upper = gtk_adjustment_get_upper (adj);
  page = gtk_adjustment_get_page_size (adj);
  value = gtk_adjustment_get_value (adj);
  row = upper / n;
  top = position * row;
  if (top >= value && top + row <= value + page)
    return;
  gtk_adjustment_set_value (adj, CLAMP (top - page / 3, 0, MAX (0, upper - page)));
}

static gboolean
reveal_later (gpointer data)
{
  CollateSidebar *self = data;

  self->reveal_source = 0;
  if (self->reveal_list != NULL && self->reveal_position != GTK_INVALID_LIST_POSITION
      && gtk_widget_get_mapped (self->reveal_list))
    reveal_row (self->reveal_list, self->reveal_position);
  return G_SOURCE_REMOVE;
}

static gboolean
sync_rows (gpointer data)
{
  CollateSidebar *self = data;
  CollateAnnotation *span = NULL;
  CollateLink *link = NULL;
  guint span_pos = GTK_INVALID_LIST_POSITION;
  guint link_pos = GTK_INVALID_LIST_POSITION;
  GtkWidget *list = NULL;
  guint pos = GTK_INVALID_LIST_POSITION;

  self->sync_source = 0;
  if (self->shown_id != NULL)
    {
      span = collate_project_lookup_annotation (self->project, self->shown_id);
      if (span == NULL)
        link = collate_project_lookup_link (self->project, self->shown_id);
    }
  if (span != NULL)
    {
      span_pos = pos = find_span_position (self, span);
      list = g_object_get_data (G_OBJECT (self->span_list), "collate-list");
    }
  else if (link != NULL)
    {
      link_pos = pos = find_link_position (self, link);
      list = g_object_get_data (G_OBJECT (self->link_list), "collate-list");
    }

  gtk_single_selection_set_selected (self->span_selection, span_pos);
  gtk_single_selection_set_selected (self->link_selection, link_pos);
  /* bringing a far row into view costs a frame or two with 100,000 rows:
   * let the text show the change first */
  self->reveal_position = pos;
  self->reveal_list = list;
  if (list != NULL && pos != GTK_INVALID_LIST_POSITION && self->reveal_source == 0)
    self->reveal_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, reveal_later, self, NULL);
  return G_SOURCE_REMOVE;
}

static gboolean
note_has_focus (CollateSidebar *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == self->note || gtk_widget_is_ancestor (focus, self->note));
}

void
collate_sidebar_show_item (CollateSidebar *self,
                           const char     *id)
{
  CollateAnnotation *span = NULL;
  CollateLink *link = NULL;

  g_return_if_fail (COLLATE_IS_SIDEBAR (self));

  /* a pending note edit belongs to the item shown until now (committing
   * it notifies a change, which may bring us back here: once is enough) */
  if (!self->committing && g_strcmp0 (self->shown_id, id) != 0 && note_has_focus (self))
    {
      self->committing = TRUE;
      commit_note (self);
      self->committing = FALSE;
    }

  if (g_strcmp0 (self->shown_id, id) != 0)
    {
      g_free (self->shown_id);
      self->shown_id = g_strdup (id);
    }
  refresh_details (self);

  if (id != NULL)
    {
      span = collate_project_lookup_annotation (self->project, id);
      if (span == NULL)
        link = collate_project_lookup_link (self->project, id);
    }

  if (span != NULL)
    gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "spans");
  else if (link != NULL)
    gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "links");

  /* once, after the change that selected, before the next frame */
  if (self->sync_source == 0)
    self->sync_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, sync_rows, self, NULL);
}

/* A page's title, set only when it differs: a new title relabels the stack
 * switcher's button and asks the display where the pointer is, which over
 * thousands of changes in one step (a label renamed on every span) would
 * cost seconds while the counts stay the same */
static void
set_page_title (GtkStackPage *page,
                const char   *title)
{
  if (g_strcmp0 (gtk_stack_page_get_title (page), title) != 0)
    g_object_set (page, "title", title, NULL);
}

static void
update_page_titles (CollateSidebar *self)
{
  g_autofree char *spans = g_strdup_printf (_("Spans (%u)"), collate_sidebar_get_n_shown_spans (self));
  g_autofree char *links = g_strdup_printf (_("Links (%u)"), collate_sidebar_get_n_shown_links (self));

  gboolean filtered = self->want_label || self->want_document || self->want_text;

  set_page_title (gtk_stack_get_page (GTK_STACK (self->stack), self->span_list), spans);
  set_page_title (gtk_stack_get_page (GTK_STACK (self->stack), self->link_list), links);

  gtk_label_set_text (GTK_LABEL (self->span_hint),
                      filtered ? _("No span matches the filters")
                               : _("No spans yet. Select words in a report, then press a label’s key (1–9) or click the label."));
  gtk_label_set_text (GTK_LABEL (self->link_hint),
                      filtered ? _("No link matches the filters")
                               : _("No links yet. Click a span, then Ctrl+click a span in the other report, or press Ctrl+L to pick one."));
  gtk_widget_set_visible (self->span_hint, collate_sidebar_get_n_shown_spans (self) == 0);
  gtk_widget_set_visible (self->link_hint, collate_sidebar_get_n_shown_links (self) == 0);
}

/* ── Widget ────────────────────────────────────────────────────────── */

static void
setup_ellipsized (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 16);
  gtk_label_set_width_chars (GTK_LABEL (label), 6);
  gtk_list_item_set_child (item, label);
}

static void
bind_ellipsized (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (string));
}

static GtkListItemFactory *
ellipsizing_factory (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_ellipsized), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_ellipsized), NULL);
  return factory;
}

static void
fill_filters (CollateSidebar *self)
{
  CollateSchema *schema = collate_project_get_schema (self->project);
  g_autoptr(GtkStringList) docs = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) label_factory = ellipsizing_factory ();
  g_autoptr(GtkListItemFactory) document_factory = ellipsizing_factory ();

  self->filter_label_names = gtk_string_list_new (NULL);
  gtk_string_list_append (self->filter_label_names, _("All labels"));
  for (guint i = 0; i < collate_schema_get_n_labels (schema, COLLATE_LABEL_KIND_SPAN); i++)
    gtk_string_list_append (self->filter_label_names,
                            collate_label_get_name (collate_schema_get_label (schema, COLLATE_LABEL_KIND_SPAN, i)));
  for (guint i = 0; i < collate_schema_get_n_labels (schema, COLLATE_LABEL_KIND_LINK); i++)
    gtk_string_list_append (self->filter_label_names,
                            collate_label_get_name (collate_schema_get_label (schema, COLLATE_LABEL_KIND_LINK, i)));
  gtk_string_list_append (docs, _("All documents"));
  for (guint i = 0; i < collate_project_get_n_documents (self->project); i++)
    gtk_string_list_append (docs, collate_document_get_title (collate_project_get_document (self->project, i)));

  /* long titles must not widen the sidebar */
  gtk_drop_down_set_factory (GTK_DROP_DOWN (self->filter_label), label_factory);
  gtk_drop_down_set_factory (GTK_DROP_DOWN (self->filter_document), document_factory);
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->filter_label), G_LIST_MODEL (self->filter_label_names));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->filter_document), G_LIST_MODEL (docs));
}

static void
collate_sidebar_dispose (GObject *object)
{
  CollateSidebar *self = COLLATE_SIDEBAR (object);

  /* widgets going away may still notify: ignore them from now on */
  self->updating = TRUE;
  g_clear_handle_id (&self->sync_source, g_source_remove);
  g_clear_handle_id (&self->reveal_source, g_source_remove);
  g_clear_handle_id (&self->count_source, g_source_remove);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_clear_handle_id (&self->split_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), COLLATE_TYPE_SIDEBAR);
  g_clear_object (&self->span_filter_model);
  g_clear_object (&self->link_filter_model);
  g_clear_object (&self->span_selection);
  g_clear_object (&self->link_selection);
  g_clear_object (&self->label_names);
  g_clear_object (&self->filter_label_names);
  g_clear_object (&self->filter_author_names);
  g_clear_pointer (&self->authors, g_hash_table_unref);
  g_clear_pointer (&self->want_author, g_free);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (collate_sidebar_parent_class)->dispose (object);
}

static void
collate_sidebar_finalize (GObject *object)
{
  CollateSidebar *self = COLLATE_SIDEBAR (object);

  g_clear_pointer (&self->count_table, g_hash_table_unref);
  g_clear_pointer (&self->count_labels, g_hash_table_unref);
  g_free (self->shown_id);
  g_free (self->want_label);
  g_free (self->want_document);
  g_free (self->want_text);

  G_OBJECT_CLASS (collate_sidebar_parent_class)->finalize (object);
}

static void
collate_sidebar_class_init (CollateSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = collate_sidebar_dispose;
  object_class->finalize = collate_sidebar_finalize;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  signals[ITEM_ACTIVATED] =
    g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[MESSAGE] =
    g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/collate/Collate/sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, CollateSidebar, box);
  gtk_widget_class_bind_template_child (widget_class, CollateSidebar, split);
  gtk_widget_class_bind_template_child (widget_class, CollateSidebar, details);
  gtk_widget_class_bind_template_child (widget_class, CollateSidebar, kind_label);
  gtk_widget_class_bind_template_child (widget_class, CollateSidebar, quote);
  gtk_widget_class_bind_template_child (widget_class, CollateSidebar, label_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CollateSidebar, note);
  gtk_widget_class_bind_template_child (widget_class, CollateSidebar, attr_row);
  gtk_widget_class_bind_template_child (widget_class, CollateSidebar, attributes);
  gtk_widget_class_bind_template_child (widget_class, CollateSidebar, attr_key);
  gtk_widget_class_bind_template_child (widget_class, CollateSidebar, attr_value);
  gtk_widget_class_bind_template_child (widget_class, CollateSidebar, meta);
  gtk_widget_class_bind_template_child (widget_class, CollateSidebar, counts);
  gtk_widget_class_bind_template_child (widget_class, CollateSidebar, search);
  gtk_widget_class_bind_template_child (widget_class, CollateSidebar, filter_label);
  gtk_widget_class_bind_template_child (widget_class, CollateSidebar, filter_document);
  gtk_widget_class_bind_template_child (widget_class, CollateSidebar, filter_author);
  gtk_widget_class_bind_template_child (widget_class, CollateSidebar, stack);
  gtk_widget_class_bind_template_callback (widget_class, on_label_dropdown_changed);
  gtk_widget_class_bind_template_callback (widget_class, commit_note);
  gtk_widget_class_bind_template_callback (widget_class, on_note_focus_leave);
  gtk_widget_class_bind_template_callback (widget_class, on_attribute_add);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_widgets_changed);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "collate-sidebar");
}

static void
collate_sidebar_init (CollateSidebar *self)
{
  self->count_table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->count_labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->label_names = gtk_string_list_new (NULL);
  self->label_kind = COLLATE_LABEL_KIND_SPAN;
  self->updating = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->label_dropdown), G_LIST_MODEL (self->label_names));
}

CollateSidebar *
collate_sidebar_new (CollateProject *project)
{
  CollateSidebar *self;
  GListModel *spans, *links;

  g_return_val_if_fail (COLLATE_IS_PROJECT (project), NULL);

  self = g_object_new (COLLATE_TYPE_SIDEBAR, NULL);
  self->project = g_object_ref (project);

  build_counts (self);
  fill_filters (self);
  fill_authors (self);
  /* every label drop-down shows the labels' colours */
  collate_label_drop_down_setup (GTK_DROP_DOWN (self->label_dropdown), project);
  collate_label_drop_down_setup (GTK_DROP_DOWN (self->filter_label), project);

  spans = collate_project_get_annotations (project);
  links = collate_project_get_links (project);
  self->span_filter = gtk_custom_filter_new (span_matches, self, NULL);
  self->link_filter = gtk_custom_filter_new (link_matches, self, NULL);
  self->span_filter_model = gtk_filter_list_model_new (g_object_ref (spans), NULL);
  self->link_filter_model = gtk_filter_list_model_new (g_object_ref (links), NULL);
  if (g_list_model_get_n_items (spans) > INCREMENTAL_ABOVE)
    gtk_filter_list_model_set_incremental (self->span_filter_model, TRUE);
  if (g_list_model_get_n_items (links) > INCREMENTAL_ABOVE)
    gtk_filter_list_model_set_incremental (self->link_filter_model, TRUE);
  /* the filters are set only while the reader filters */
  g_object_ref_sink (self->span_filter);
  g_object_ref_sink (self->link_filter);

  self->span_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->span_filter_model)));
  gtk_single_selection_set_autoselect (self->span_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->span_selection, TRUE);
  gtk_single_selection_set_selected (self->span_selection, GTK_INVALID_LIST_POSITION);
  self->link_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->link_filter_model)));
  gtk_single_selection_set_autoselect (self->link_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->link_selection, TRUE);
  gtk_single_selection_set_selected (self->link_selection, GTK_INVALID_LIST_POSITION);

  self->span_list = with_hint (make_list (self, self->span_selection, G_CALLBACK (bind_span_row)),
                               &self->span_hint);
  self->link_list = with_hint (make_list (self, self->link_selection, G_CALLBACK (bind_link_row)),
                               &self->link_hint);
  collate_accessible_set_label (g_object_get_data (G_OBJECT (gtk_widget_get_last_child (self->span_list)),
                                                   "collate-list"), "%s", _("Spans"));
  collate_accessible_set_label (g_object_get_data (G_OBJECT (gtk_widget_get_last_child (self->link_list)),
                                                   "collate-list"), "%s", _("Links"));
  collate_accessible_set_label (GTK_WIDGET (self), "%s", _("Sidebar"));

  gtk_stack_add_titled (GTK_STACK (self->stack), self->span_list, "spans", _("Spans"));
  gtk_stack_add_titled (GTK_STACK (self->stack), self->link_list, "links", _("Links"));

  g_signal_connect_swapped (self->span_filter_model, "items-changed", G_CALLBACK (update_page_titles), self);
  g_signal_connect_swapped (self->link_filter_model, "items-changed", G_CALLBACK (update_page_titles), self);
  update_page_titles (self);

  g_signal_connect (project, "annotation-added", G_CALLBACK (on_annotation_added), self);
  g_signal_connect (project, "annotation-removed", G_CALLBACK (on_annotation_removed), self);
  g_signal_connect (project, "annotation-changed", G_CALLBACK (on_annotation_changed), self);

  self->updating = FALSE;
  return self;
}

void
collate_sidebar_stop_following (CollateSidebar *self)
{
  g_return_if_fail (COLLATE_IS_SIDEBAR (self));

  g_signal_handlers_disconnect_by_data (self->project, self);
}
