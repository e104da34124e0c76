/* collate-workspace.c — the panes, spans, links and sidebar of one project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "collate-compare-bands.h"
#include "collate-compare-panel.h"
#include "collate-curation-panel.h"
#include "collate-document-view.h"
#include "collate.h"
#include "collate-link-overlay.h"
#include "collate-link-picker.h"
#include "collate-sidebar.h"
#include "collate-workspace.h"

#define DEFAULT_FONT_SIZE  11
#define SIDEBAR_FRACTION   0.28
#define SIDEBAR_MAX_WIDTH  380
#define NARROW_WIDTH       900   /* below it the side waits for F9 */
#define PANE_GUTTER        44
#define PANE_FIT_WIDTH     200   /* the narrowest a pane is shown side by side */
#define MESSAGE_SECONDS    5

struct _CollateWorkspace
{
  GtkWidget           parent_instance;

  CollateProject     *project;
  GSettings          *settings;
  GtkEventController *label_keys;        /* the labels' own keys */
  char               *label_keys_made;   /* the keys it was made for */

  GtkWidget          *box;          /* vertical: paned + message bar */
  GtkWidget          *paned;
  GtkWidget          *overlay;
  GtkWidget          *hscroller;
  GtkWidget          *panes_box;
  GtkWidget          *chooser_bar;  /* "2 of 3 reports shown": which ones */
  GtkWidget          *chooser_button;
  GtkWidget          *chooser_list;
  GArray             *shown;        /* pane indexes shown */
  GArray             *used;         /* all pane indexes, most recently used first */
  guint               fit;          /* how many panes fit side by side */
  guint               fit_source;
  CollateLinkOverlay *links;
  CollateSidebar     *sidebar;
  CollateLinkPicker  *picker;
  GtkWidget          *side_stack;   /* the sidebar and the comparison */
  CollateComparePanel *compare;
  CollateCurationPanel *curation;
  CollateCompareBands *bands;
  GtkWidget          *sync_check;
  gboolean            syncing;      /* scrolling one pane to follow the other */
  GtkWidget          *message_revealer;
  GtkWidget          *message_label;
  guint               message_source;

  GPtrArray          *panes;        /* CollateDocumentView, in project order */
  CollateDocumentView *active_pane;
  GPtrArray          *highlighted;  /* panes with a highlight */
  char               *selected_id;
  char               *last_link_label; /* without settings (the tests) */
  int                 font_size;
  int                 sidebar_width; /* as dragged; 0: a share of the width */
  int                 set_position;  /* the paned's position as last set here */
  gboolean            divider_held;  /* a pointer button is down on the divider */
  gboolean            sidebar_wanted; /* the setting, or F9 */
  gboolean            narrow;
  gboolean            narrow_shown;  /* F9 while narrow */
};

G_DEFINE_FINAL_TYPE (CollateWorkspace, collate_workspace, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_PROJECT,
  PROP_SELECTED_ID,
  N_PROPS
};

enum
{
  SELECTION_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void update_actions (CollateWorkspace *self);
static gboolean settings_has_key (GSettings *settings, const char *key);

/* ── Small helpers ─────────────────────────────────────────────────── */

static CollateDocumentView *
pane_for_document (CollateWorkspace *self,
                   const char       *document_id)
{
  int index = collate_project_get_document_index (self->project, document_id);

  if (index < 0 || (guint) index >= self->panes->len)
    return NULL;
  return g_ptr_array_index (self->panes, index);
}

static gboolean
hide_message (gpointer data)
{
  CollateWorkspace *self = data;

  self->message_source = 0;
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->message_revealer), FALSE);
  return G_SOURCE_REMOVE;
}

/* A short, non-blocking note at the bottom of the workspace */
static void
show_message (CollateWorkspace *self,
              const char       *text)
{
  gtk_label_set_text (GTK_LABEL (self->message_label), text);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->message_revealer), TRUE);
  g_clear_handle_id (&self->message_source, g_source_remove);
  self->message_source = g_timeout_add_seconds (MESSAGE_SECONDS, hide_message, self);
}

static void
on_sidebar_message (CollateSidebar   *sidebar,
                    const char       *text,
                    CollateWorkspace *self)
{
  show_message (self, text);
}

static CollateAnnotation *
selected_annotation (CollateWorkspace *self)
{
  if (self->selected_id == NULL)
    return NULL;
  return collate_project_lookup_annotation (self->project, self->selected_id);
}

static CollateLink *
selected_link (CollateWorkspace *self)
{
  if (self->selected_id == NULL)
    return NULL;
  return collate_project_lookup_link (self->project, self->selected_id);
}

/* ── Selection ─────────────────────────────────────────────────────── */

static gboolean
hide_popovers (CollateWorkspace *self)
{
  gboolean shown = FALSE;

  for (guint i = 0; i < self->panes->len; i++)
    shown |= collate_document_view_hide_popovers (g_ptr_array_index (self->panes, i));
  return shown;
}

static void
clear_highlights (CollateWorkspace *self)
{
  for (guint i = 0; i < self->highlighted->len; i++)
    {
      collate_document_view_set_highlight (g_ptr_array_index (self->highlighted, i), NULL, 0);
      collate_document_view_set_handles (g_ptr_array_index (self->highlighted, i), FALSE, 0, 0);
    }
  g_ptr_array_set_size (self->highlighted, 0);
}

/* ── Which reports are side by side ────────────────────────────────── */

/* Every report is shown side by side while each can have PANE_FIT_WIDTH;
 * past that, as many as fit are, and the chooser above the panes says so
 * and lets the reader pick which.  Nothing is ever scrolled out of view.
 * When fewer fit, the least recently used panes give way, not the one
 * with the caret unless only one fits (then the last used stays):
 * focusing a pane, selecting a span or link in it and choosing it in the
 * chooser use it.  Widening brings the others back in project order. */

static gboolean
pane_is_shown (CollateWorkspace *self,
               guint             index)
{
  for (guint i = 0; i < self->shown->len; i++)
    if (g_array_index (self->shown, guint, i) == index)
      return TRUE;
  return FALSE;
}

/* Makes pane @index the most recently used */
static void
use_pane (CollateWorkspace *self,
          guint             index)
{
  for (guint i = 0; i < self->used->len; i++)
    if (g_array_index (self->used, guint, i) == index)
      {
        g_array_remove_index (self->used, i);
        break;
      }
  g_array_prepend_val (self->used, index);
}

static void
use_pane_of (CollateWorkspace    *self,
             CollateDocumentView *pane)
{
  for (guint i = 0; i < self->panes->len; i++)
    if (g_ptr_array_index (self->panes, i) == pane)
      use_pane (self, i);
}

static void update_chooser (CollateWorkspace *self);

static void
apply_shown (CollateWorkspace *self)
{
  guint n = self->panes->len;
  guint fit = MAX (1, MIN (self->fit, n));

  /* the least recently used go first, never the most recently used one
   * and, while another can go, not the one with the caret; fill up in
   * project order */
  for (guint pass = 0; pass < 2; pass++)
    for (guint u = self->used->len; u > 1 && self->shown->len > fit; u--)
      {
        guint index = g_array_index (self->used, guint, u - 1);

        if (pass == 0 && self->active_pane != NULL
            && g_ptr_array_index (self->panes, index) == self->active_pane)
          continue;
        for (guint i = 0; i < self->shown->len; i++)
          if (g_array_index (self->shown, guint, i) == index)
            {
              g_array_remove_index (self->shown, i);
              break;
            }
      }
  for (guint i = 0; i < n && self->shown->len < fit; i++)
    if (!pane_is_shown (self, i))
      g_array_append_val (self->shown, i);

  for (guint i = 0; i < n; i++)
    gtk_widget_set_visible (g_ptr_array_index (self->panes, i), pane_is_shown (self, i));
  gtk_widget_set_visible (self->chooser_bar, n > fit);
  update_chooser (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->links));
  gtk_widget_queue_draw (GTK_WIDGET (self->bands));
}

/* Shows pane @index (in place of the one used longest ago) */
static void
show_pane (CollateWorkspace *self,
           guint             index)
{
  use_pane (self, index);
  if (pane_is_shown (self, index))
    return;
  g_array_append_val (self->shown, index);
  apply_shown (self);
}

static void
on_chooser_toggled (GtkCheckButton   *check,
                    CollateWorkspace *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "collate-pane"));

  if (gtk_check_button_get_active (check))
    show_pane (self, index);
  else if (pane_is_shown (self, index))
    /* one always shows: unticking it brings in the next report instead */
    {
      for (guint i = 0; i < self->shown->len; i++)
        if (g_array_index (self->shown, guint, i) == index)
          {
            g_array_remove_index (self->shown, i);
            break;
          }
      for (guint k = 1; k < self->panes->len; k++)
        {
          guint next = (index + k) % self->panes->len;

          if (!pane_is_shown (self, next))
            {
              g_array_append_val (self->shown, next);
              break;
            }
        }
      apply_shown (self);
    }
}

static void
update_chooser (CollateWorkspace *self)
{
  g_autofree char *label = NULL;
  guint i = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (self->chooser_list); c; c = gtk_widget_get_next_sibling (c), i++)
    {
      g_signal_handlers_block_by_func (c, on_chooser_toggled, self);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (c), pane_is_shown (self, i));
      g_signal_handlers_unblock_by_func (c, on_chooser_toggled, self);
    }
  /* Translators: shown above the reports when not all fit side by side */
  label = g_strdup_printf (ngettext ("%u of %u report shown", "%u of %u reports shown", self->panes->len),
                           self->shown->len, self->panes->len);
  gtk_menu_button_set_label (GTK_MENU_BUTTON (self->chooser_button), label);
}

static gboolean
apply_fit (gpointer data)
{
  CollateWorkspace *self = data;

  self->fit_source = 0;
  apply_shown (self);
  return G_SOURCE_REMOVE;
}

/* How many panes fit in @width pixels */
static guint
panes_fitting (int width)
{
  return (guint) MAX (1, (width + PANE_GUTTER) / (PANE_FIT_WIDTH + PANE_GUTTER));
}

/* With more panes than fit, shows @pane in place of another */
static void
reveal_pane (CollateWorkspace    *self,
             CollateDocumentView *pane)
{
  for (guint i = 0; i < self->panes->len; i++)
    if (g_ptr_array_index (self->panes, i) == pane)
      show_pane (self, i);
}

/* Adds @span's range to the highlight of its pane (collected in @map) */
static void
highlight_span (CollateWorkspace  *self,
                GHashTable        *map,
                CollateAnnotation *span,
                gboolean           scroll)
{
  CollateDocumentView *pane = pane_for_document (self, collate_annotation_get_document_id (span));
  guint start = collate_annotation_get_start (span);
  guint end = collate_annotation_get_end (span);
  GArray *ranges;

  if (pane == NULL)
    return;

  ranges = g_hash_table_lookup (map, pane);
  if (ranges == NULL)
    {
      ranges = g_array_new (FALSE, FALSE, sizeof (guint));
      g_hash_table_insert (map, pane, ranges);
      if (scroll)
        {
          reveal_pane (self, pane);
          collate_document_view_scroll_to (pane, start, end);
        }
    }
  g_array_append_val (ranges, start);
  g_array_append_val (ranges, end);
}

static void
apply_highlights (CollateWorkspace *self,
                  GHashTable       *map)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, map);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GArray *ranges = value;

      collate_document_view_set_highlight (key, (const guint *) ranges->data, ranges->len / 2);
      g_ptr_array_add (self->highlighted, key);
    }
}

static gboolean
select_internal (CollateWorkspace *self,
                 const char       *id,
                 gboolean          scroll)
{
  g_autoptr(GHashTable) map = NULL;
  CollateAnnotation *span = NULL;
  CollateLink *link = NULL;

  if (id != NULL && *id == '\0')
    id = NULL;

  if (id != NULL)
    {
      span = collate_project_lookup_annotation (self->project, id);
      if (span == NULL)
        link = collate_project_lookup_link (self->project, id);
      if (span == NULL && link == NULL)
        return FALSE;
    }

  if (g_strcmp0 (id, self->selected_id) != 0)
    {
      g_free (self->selected_id);
      self->selected_id = g_strdup (id);
    }

  clear_highlights (self);
  hide_popovers (self);
  map = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  collate_link_overlay_set_selected (self->links, link ? collate_link_get_id (link) : NULL);

  if (span != NULL)
    {
      CollateDocumentView *pane = pane_for_document (self, collate_annotation_get_document_id (span));

      highlight_span (self, map, span, scroll);
      use_pane_of (self, pane);
      if (pane != NULL)
        collate_document_view_set_handles (pane, TRUE, collate_annotation_get_start (span),
                                           collate_annotation_get_end (span));
    }
  else if (link != NULL)
    {
      CollateAnnotation *from = collate_project_lookup_annotation (self->project, collate_link_get_from (link));
      CollateAnnotation *to = collate_project_lookup_annotation (self->project, collate_link_get_to (link));

      if (to != NULL)
        use_pane_of (self, pane_for_document (self, collate_annotation_get_document_id (to)));
      if (from != NULL)
        use_pane_of (self, pane_for_document (self, collate_annotation_get_document_id (from)));
      if (from != NULL)
        highlight_span (self, map, from, scroll);
      if (to != NULL)
        highlight_span (self, map, to, scroll);
    }
  apply_highlights (self, map);

  collate_sidebar_show_item (self->sidebar, id);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ID]);
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
  return TRUE;
}

gboolean
collate_workspace_select (CollateWorkspace *self,
                          const char       *id)
{
  g_return_val_if_fail (COLLATE_IS_WORKSPACE (self), FALSE);

  return select_internal (self, id, TRUE);
}

const char *
collate_workspace_get_selected_id (CollateWorkspace *self)
{
  g_return_val_if_fail (COLLATE_IS_WORKSPACE (self), NULL);
  return self->selected_id;
}

/* ── Tagging and linking ───────────────────────────────────────────── */

static CollateDocumentView *
pane_with_selection (CollateWorkspace *self)
{
  if (self->active_pane != NULL
      && collate_document_view_get_selection (self->active_pane, NULL, NULL))
    return self->active_pane;
  for (guint i = 0; i < self->panes->len; i++)
    if (collate_document_view_get_selection (g_ptr_array_index (self->panes, i), NULL, NULL))
      return g_ptr_array_index (self->panes, i);
  return NULL;
}

CollateAnnotation *
collate_workspace_tag_selection (CollateWorkspace *self,
                                 const char       *label,
                                 GError          **error)
{
  CollateDocumentView *pane;
  CollateDocument *document;
  CollateAnnotation *span;
  GtkTextBuffer *buffer;
  GtkTextIter b;
  guint start, end;
  CollateRefineFlags flags = COLLATE_REFINE_NONE;

  g_return_val_if_fail (COLLATE_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (label != NULL, NULL);

  if (collate_schema_lookup (collate_project_get_schema (self->project),
                             COLLATE_LABEL_KIND_SPAN, label) == NULL)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND,
                   _("There is no span label “%s” in this project’s schema"), label);
      return NULL;
    }

  pane = pane_with_selection (self);
  if (pane == NULL || !collate_document_view_get_selection (pane, &start, &end))
    {
      g_set_error_literal (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                           _("Select some text first, then choose a label"));
      return NULL;
    }

  /* white space at the edges always goes; a mouse drag is sloppy, so
   * punctuation at its edges goes too and a word cut in half is completed
   * (unless the person turned that off); a keyboard selection is exact */
  document = collate_document_view_get_document (pane);
  if (collate_document_view_selection_is_pointer_drag (pane))
    {
      flags = COLLATE_REFINE_TRIM_PUNCTUATION;
      if (self->settings == NULL || !settings_has_key (self->settings, "snap-to-words") ||
          g_settings_get_boolean (self->settings, "snap-to-words"))
        flags |= COLLATE_REFINE_SNAP_WORDS;
    }
  if (!collate_document_refine_selection (document, &start, &end, flags))
    {
      g_set_error_literal (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                           _("The selection holds only white space; select a word or more"));
      return NULL;
    }

  span = collate_project_add_span (self->project, collate_document_get_id (document),
                                   start, end, label, error);
  if (span == NULL)
    {
      /* the core's message names the other span's id: not for the window */
      if (error != NULL && g_error_matches (*error, COLLATE_ERROR, COLLATE_ERROR_EXISTS))
        {
          g_clear_error (error);
          g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_EXISTS,
                       _("This text is already tagged “%s”"), label);
        }
      return NULL;
    }

  /* the caret stays where the selection ended */
  buffer = gtk_text_view_get_buffer (collate_document_view_get_text_view (pane));
  gtk_text_buffer_get_iter_at_offset (buffer, &b, end);
  gtk_text_buffer_select_range (buffer, &b, &b);
  collate_document_view_hide_popovers (pane);
  select_internal (self, collate_annotation_get_id (span), FALSE);
  return span;
}

static void
tag_with_label (CollateWorkspace *self,
                const char       *label)
{
  g_autoptr(GError) error = NULL;
  CollateAnnotation *span = selected_annotation (self);

  /* no text selected but a span is: the label key changes its label */
  if (span != NULL && pane_with_selection (self) == NULL)
    {
      if (g_strcmp0 (collate_annotation_get_label (span), label) != 0
          && !collate_project_set_annotation_label (self->project, self->selected_id, label, &error))
        show_message (self, error->message);
      hide_popovers (self);
      return;
    }

  if (collate_workspace_tag_selection (self, label, &error) == NULL)
    show_message (self, error->message);
}

/* The link label used last (made or chosen): a Ctrl+click links with it */
static const char *
last_link_label (CollateWorkspace *self)
{
  CollateSchema *schema = collate_project_get_schema (self->project);
  CollateLabel *label = NULL;

  if (self->settings != NULL && settings_has_key (self->settings, "last-link-label"))
    {
      g_autofree char *name = g_settings_get_string (self->settings, "last-link-label");

      label = collate_schema_lookup (schema, COLLATE_LABEL_KIND_LINK, name);
    }
  if (label == NULL && self->last_link_label != NULL)
    label = collate_schema_lookup (schema, COLLATE_LABEL_KIND_LINK, self->last_link_label);
  if (label == NULL && collate_schema_get_n_labels (schema, COLLATE_LABEL_KIND_LINK) > 0)
    label = collate_schema_get_label (schema, COLLATE_LABEL_KIND_LINK, 0);
  return label != NULL ? collate_label_get_name (label) : NULL;
}

static void
remember_link_label (CollateWorkspace *self,
                     const char       *name)
{
  g_free (self->last_link_label);
  self->last_link_label = g_strdup (name);
  if (self->settings != NULL && settings_has_key (self->settings, "last-link-label"))
    g_settings_set_string (self->settings, "last-link-label", name);
}

static void
link_to (CollateWorkspace  *self,
         CollateAnnotation *target,
         const char        *label_name)
{
  CollateSchema *schema = collate_project_get_schema (self->project);
  CollateAnnotation *from = selected_annotation (self);
  g_autoptr(GError) error = NULL;
  CollateLabel *label;
  CollateLink *link;

  if (from == NULL)
    {
      select_internal (self, collate_annotation_get_id (target), FALSE);
      show_message (self, _("Span selected: now Ctrl+click another span to link the two"));
      return;
    }
  if (from == target || g_strcmp0 (collate_annotation_get_id (from), collate_annotation_get_id (target)) == 0)
    {
      show_message (self, _("A span cannot be linked to itself: Ctrl+click a different span"));
      return;
    }
  if (collate_schema_get_n_labels (schema, COLLATE_LABEL_KIND_LINK) == 0)
    {
      show_message (self, _("This project’s schema has no link labels"));
      return;
    }

  label = collate_schema_lookup (schema, COLLATE_LABEL_KIND_LINK,
                                 label_name != NULL ? label_name : last_link_label (self));
  if (label == NULL)
    label = collate_schema_get_label (schema, COLLATE_LABEL_KIND_LINK, 0);
  link = collate_project_add_link (self->project, collate_label_get_name (label),
                                   collate_annotation_get_id (from),
                                   collate_annotation_get_id (target), &error);
  if (link == NULL)
    {
      if (g_error_matches (error, COLLATE_ERROR, COLLATE_ERROR_EXISTS))
        {
          g_autofree char *text = g_strdup_printf (_("These two spans are already linked as “%s”"),
                                                   collate_label_get_name (label));

          show_message (self, text);
        }
      else
        show_message (self, error->message);
      return;
    }
  remember_link_label (self, collate_label_get_name (label));
  select_internal (self, collate_link_get_id (link), FALSE);
  {
    guint n = collate_schema_get_n_labels (schema, COLLATE_LABEL_KIND_LINK);
    g_autofree char *text = NULL;
    g_autoptr(GString) keys = g_string_new (NULL);
    gboolean own = FALSE;

    for (guint i = 0; i < n; i++)
      {
        g_autofree char *key = collate_schema_key_for (schema, COLLATE_LABEL_KIND_LINK, i);

        own |= collate_label_get_hotkey (collate_schema_get_label (schema, COLLATE_LABEL_KIND_LINK, i)) != NULL;
        if (key != NULL)
          g_string_append_printf (keys, "%s%s", keys->len > 0 ? ", " : "", key);
      }
    if (own)
      /* Translators: %s is a link label; then the keys of the link labels, like "1, c, 3" */
      text = g_strdup_printf (_("Linked as “%s”: the keys %s change the label"),
                              collate_label_get_name (label), keys->str);
    else
      /* Translators: %s is a link label; %u the number of link labels */
      text = g_strdup_printf (_("Linked as “%s”: keys 1 to %u change the label"),
                              collate_label_get_name (label), MIN (n, 9));
    show_message (self, text);
  }
}

static void
on_span_clicked (CollateDocumentView *pane,
                 CollateAnnotation   *span,
                 gboolean             link,
                 CollateWorkspace    *self)
{
  self->active_pane = pane;
  /* a click selects; the label keys, the palette and the secondary
   * click's menu relabel, so no popover covers the next lines */
  if (link)
    link_to (self, span, NULL);
  else
    select_internal (self, collate_annotation_get_id (span), FALSE);
}

static void
on_edge_moved (CollateDocumentView *pane,
               gboolean             end_edge,
               guint                offset,
               CollateWorkspace    *self)
{
  CollateAnnotation *span = selected_annotation (self);
  g_autoptr(GError) error = NULL;
  guint start, end;

  if (span == NULL)
    return;
  start = end_edge ? collate_annotation_get_start (span) : offset;
  end = end_edge ? offset : collate_annotation_get_end (span);
  if (!collate_project_set_annotation_range (self->project, self->selected_id, start, end, &error))
    {
      show_message (self, error->message);
      select_internal (self, self->selected_id, FALSE);
    }
}

static void
on_empty_clicked (CollateDocumentView *pane,
                  CollateWorkspace    *self)
{
  self->active_pane = pane;
  if (self->selected_id != NULL)
    select_internal (self, NULL, FALSE);
}

static void
on_tag_requested (CollateDocumentView *pane,
                  const char          *label,
                  CollateWorkspace    *self)
{
  self->active_pane = pane;
  tag_with_label (self, label);
}

static void
on_picker_picked (CollateLinkPicker *picker,
                  CollateAnnotation *target,
                  CollateWorkspace  *self)
{
  link_to (self, target, collate_link_picker_get_label (picker));
}

static void
on_link_activated (CollateLinkOverlay *overlay,
                   const char         *id,
                   CollateWorkspace   *self)
{
  select_internal (self, id, FALSE);
  if (self->active_pane != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (collate_document_view_get_text_view (self->active_pane)));
}

static void
on_sidebar_item_activated (CollateSidebar   *sidebar,
                           const char       *id,
                           CollateWorkspace *self)
{
  select_internal (self, id, TRUE);
}

/* ── Comparing ─────────────────────────────────────────────────────── */

/* The panes the comparison is about (side 0, side 1), NULL if none */
static CollateDocumentView *
compared_pane (CollateWorkspace *self,
               guint             side)
{
  guint a, b;

  if (self->compare == NULL)
    return NULL;
  collate_compare_panel_get_documents (self->compare, &a, &b);
  side = side == 0 ? a : b;
  return side < self->panes->len ? g_ptr_array_index (self->panes, side) : NULL;
}

static int
side_of (CollateWorkspace    *self,
         CollateDocumentView *pane)
{
  for (guint side = 0; side < 2; side++)
    if (pane != NULL && compared_pane (self, side) == pane)
      return side;
  return -1;
}

static gboolean
sync_enabled (CollateWorkspace *self)
{
  return self->sync_check != NULL && gtk_check_button_get_active (GTK_CHECK_BUTTON (self->sync_check));
}

/* The aligned pair nearest after @offset on @side: the passage at the top
 * of a pane, or the next one that has a counterpart */
static const CollateAlignedPair *
pair_from (CollateComparison *comparison,
           guint              side,
           guint              offset)
{
  GArray *sentences = collate_comparison_get_sentences (comparison, side);
  const CollateAlignedPair *pair;

  pair = collate_comparison_get_best_pair_at (comparison, side, offset);
  for (guint i = 0, tried = 0; pair == NULL && sentences != NULL && i < sentences->len && tried < 30; i++)
    {
      CollateRange *range = &g_array_index (sentences, CollateRange, i);

      if (range->end <= offset)
        continue;
      tried++;
      pair = collate_comparison_get_best_pair_at (comparison, side, MAX (range->start, offset));
    }
  return pair;
}

/* Scrolls the other pane so that the passage aligned with the one at the
 * top of @pane stands level with it */
static void
sync_from (CollateWorkspace    *self,
           CollateDocumentView *pane)
{
  CollateComparison *comparison = self->compare ? collate_compare_panel_get_comparison (self->compare) : NULL;
  int side = side_of (self, pane);
  const CollateAlignedPair *pair;
  CollateDocumentView *other;
  GtkAdjustment *src, *dst;
  guint top, bottom;
  double y, target;

  if (self->syncing || comparison == NULL || side < 0 || !sync_enabled (self))
    return;
  other = compared_pane (self, 1 - side);
  collate_document_view_get_visible_range (pane, &top, &bottom);
  pair = pair_from (comparison, side, top);
  if (other == NULL || pair == NULL)
    return;

  src = collate_document_view_get_vadjustment (pane);
  dst = collate_document_view_get_vadjustment (other);
  y = collate_document_view_get_offset_y (pane, pair->start[side]) - gtk_adjustment_get_value (src);
  target = collate_document_view_get_offset_y (other, pair->start[1 - side]) - y;
  target = CLAMP (target, gtk_adjustment_get_lower (dst),
                  gtk_adjustment_get_upper (dst) - gtk_adjustment_get_page_size (dst));
  self->syncing = TRUE;
  gtk_adjustment_set_value (dst, target);
  self->syncing = FALSE;
}

static void
on_pane_scrolled (GtkAdjustment       *adjustment,
                  CollateDocumentView *pane)
{
  CollateWorkspace *self = g_object_get_data (G_OBJECT (pane), "collate-workspace");

  if (self != NULL)
    sync_from (self, pane);
}

/* The caret's passage gets its band; with synchronised scrolling its
 * counterpart is brought into view */
static void
on_caret_moved (CollateDocumentView *pane,
                guint                offset,
                CollateWorkspace    *self)
{
  CollateComparison *comparison = self->compare ? collate_compare_panel_get_comparison (self->compare) : NULL;
  int side = side_of (self, pane);
  const CollateAlignedPair *pair;
  CollateDocumentView *other;

  if (side < 0)
    return;
  collate_compare_bands_set_focus (self->bands, side, offset);
  if (comparison == NULL || !sync_enabled (self) || !gtk_widget_has_focus (GTK_WIDGET (collate_document_view_get_text_view (pane))))
    return;
  pair = collate_comparison_get_best_pair_at (comparison, side, offset);
  other = compared_pane (self, 1 - side);
  if (pair != NULL && other != NULL)
    {
      self->syncing = TRUE;
      collate_document_view_scroll_to (other, pair->start[1 - side], pair->end[1 - side]);
      self->syncing = FALSE;
    }
}

static void
on_comparison_changed (CollateComparePanel *panel,
                       CollateComparison   *comparison,
                       CollateWorkspace    *self)
{
  GListModel *suggestions = collate_compare_panel_get_suggestions (panel);
  guint n = g_list_model_get_n_items (suggestions);

  for (guint i = 0; i < self->panes->len; i++)
    collate_document_view_set_marks (g_ptr_array_index (self->panes, i), NULL, 0);
  collate_compare_bands_set_panes (self->bands, compared_pane (self, 0), compared_pane (self, 1));
  collate_compare_bands_set_comparison (self->bands, comparison);
  if (comparison == NULL)
    return;

  for (guint side = 0; side < 2; side++)
    {
      CollateDocumentView *pane = compared_pane (self, side);
      g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (guint));

      if (pane == NULL)
        continue;
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(CollateSuggestion) s = g_list_model_get_item (suggestions, i);
          CollateSuggestionKind kind = collate_suggestion_get_kind (s);
          guint start = collate_suggestion_get_start (s, side);
          guint end = collate_suggestion_get_end (s, side);

          /* marks point at differences; agreements are in the list */
          if (!collate_suggestion_kind_is_conflict (kind) && kind != COLLATE_SUGGESTION_QUANTITY_PRECISION)
            continue;
          g_array_append_val (ranges, start);
          g_array_append_val (ranges, end);
        }
      collate_document_view_set_marks (pane, (const guint *) ranges->data, ranges->len / 2);
    }
  collate_compare_bands_set_focus (self->bands, 0,
                                   compared_pane (self, 0) ? collate_document_view_get_caret (compared_pane (self, 0)) : 0);
}

/* A suggestion selected in the list: both its passages shown and outlined */
static void
on_suggestion_selected (CollateComparePanel *panel,
                        CollateSuggestion   *suggestion,
                        CollateWorkspace    *self)
{
  if (suggestion == NULL)
    return;
  if (self->selected_id != NULL)
    select_internal (self, NULL, FALSE);
  clear_highlights (self);
  for (guint side = 0; side < 2; side++)
    {
      CollateDocumentView *pane = compared_pane (self, side);
      guint range[2] = { collate_suggestion_get_start (suggestion, side),
                         collate_suggestion_get_end (suggestion, side) };

      if (pane == NULL)
        continue;
      collate_document_view_set_highlight (pane, range, 1);
      g_ptr_array_add (self->highlighted, pane);
      self->syncing = TRUE;
      reveal_pane (self, pane);
      collate_document_view_scroll_to (pane, range[0], range[1]);
      self->syncing = FALSE;
    }
  collate_compare_bands_set_focus_pair (self->bands, collate_suggestion_get_start (suggestion, 0),
                                        collate_suggestion_get_start (suggestion, 1));
}

static void
on_suggestion_accepted (CollateComparePanel *panel,
                        CollateLink         *link,
                        CollateWorkspace    *self)
{
  select_internal (self, collate_link_get_id (link), FALSE);
  show_message (self, _("Accepted: the two spans and their link are in the project (Ctrl+Z undoes it)"));
}

static void
on_compare_message (CollateComparePanel *panel,
                    const char          *text,
                    CollateWorkspace    *self)
{
  show_message (self, text);
}

/* ── Curation ──────────────────────────────────────────────────────── */

static gboolean
curation_shown (CollateWorkspace *self)
{
  return self->curation != NULL
         && g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (self->side_stack)), "curation") == 0
         && gtk_widget_get_visible (gtk_widget_get_parent (self->side_stack));
}

static void
update_curation_actions (CollateWorkspace *self)
{
  CollateDispute *dispute = self->curation ? collate_curation_panel_get_selected (self->curation) : NULL;
  gboolean open = curation_shown (self) && dispute != NULL && !collate_dispute_is_decided (dispute);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workspace.curate-one", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workspace.curate-all", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workspace.curate-none", open);
}

/* A disagreement selected in the list: its spans selected and outlined in
 * their pane, scrolled into view; for a link, its other end too, in its own
 * pane (or beside the first in the same one) */
static void
on_dispute_selected (CollateCurationPanel *panel,
                     CollateDispute       *dispute,
                     CollateWorkspace     *self)
{
  CollateDocumentView *pane, *other = NULL;
  GPtrArray *spans;
  g_autoptr(GArray) ranges = NULL;
  guint link_range[2] = { 0, 0 };

  update_curation_actions (self);
  if (dispute == NULL)
    return;
  pane = pane_for_document (self, collate_dispute_get_document_id (dispute));
  spans = collate_dispute_get_spans (dispute);
  /* the first span becomes the selection (its details in the sidebar) */
  select_internal (self, spans->len > 0 ? collate_annotation_get_id (g_ptr_array_index (spans, 0)) : NULL, FALSE);
  clear_highlights (self);
  if (collate_dispute_is_link (dispute))
    {
      other = pane_for_document (self, collate_dispute_get_link_document_id (dispute));
      link_range[0] = collate_dispute_get_link_start (dispute);
      link_range[1] = collate_dispute_get_link_end (dispute);
    }
  if (other != NULL && other != pane)
    {
      collate_document_view_set_highlight (other, link_range, 1);
      g_ptr_array_add (self->highlighted, other);
      reveal_pane (self, other);
      collate_document_view_scroll_to (other, link_range[0], link_range[1]);
    }
  if (pane == NULL)
    return;
  ranges = g_array_new (FALSE, FALSE, sizeof (guint));
  if (other == pane)
    g_array_append_vals (ranges, link_range, 2);
  for (guint i = 0; i < spans->len; i++)
    {
      guint range[2] = { collate_annotation_get_start (g_ptr_array_index (spans, i)),
                         collate_annotation_get_end (g_ptr_array_index (spans, i)) };

      g_array_append_vals (ranges, range, 2);
    }
  if (spans->len == 0)
    {
      guint range[2] = { collate_dispute_get_start (dispute), collate_dispute_get_end (dispute) };

      g_array_append_vals (ranges, range, 2);
    }
  collate_document_view_set_highlight (pane, (const guint *) ranges->data, ranges->len / 2);
  g_ptr_array_add (self->highlighted, pane);
  reveal_pane (self, pane);
  collate_document_view_scroll_to (pane, collate_dispute_get_start (dispute), collate_dispute_get_end (dispute));
}

static void
on_curation_message (CollateCurationPanel *panel,
                     const char           *text,
                     CollateWorkspace     *self)
{
  show_message (self, text);
}

static void
action_curate (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CollateWorkspace *self = COLLATE_WORKSPACE (widget);
  g_autoptr(GError) error = NULL;
  const char *choice = g_str_equal (action_name, "workspace.curate-one") ? COLLATE_CURATION_CHOICE_ONE
                       : g_str_equal (action_name, "workspace.curate-all") ? COLLATE_CURATION_CHOICE_ALL
                       : COLLATE_CURATION_CHOICE_NONE;

  if (!collate_curation_panel_decide (self->curation, choice,
                                      parameter ? g_variant_get_uint32 (parameter) : 0, &error))
    show_message (self, error->message);
}

/* ── The project's changes ─────────────────────────────────────────── */

static void
on_annotation_added (CollateProject    *project,
                     CollateAnnotation *span,
                     CollateWorkspace  *self)
{
  CollateDocumentView *pane = pane_for_document (self, collate_annotation_get_document_id (span));

  if (pane != NULL)
    collate_document_view_add_span (pane, span);
}

static void
on_annotation_removed (CollateProject    *project,
                       CollateAnnotation *span,
                       CollateWorkspace  *self)
{
  CollateDocumentView *pane = pane_for_document (self, collate_annotation_get_document_id (span));

  if (pane != NULL)
    collate_document_view_remove_span (pane, span);
  if (g_strcmp0 (self->selected_id, collate_annotation_get_id (span)) == 0)
    select_internal (self, NULL, FALSE);
}

static void
on_annotation_changed (CollateProject    *project,
                       CollateAnnotation *old_span,
                       CollateAnnotation *new_span,
                       CollateWorkspace  *self)
{
  CollateDocumentView *pane = pane_for_document (self, collate_annotation_get_document_id (new_span));

  if (pane != NULL)
    collate_document_view_change_span (pane, old_span, new_span);
  /* the highlight follows edges that moved (also by undo) */
  if (g_strcmp0 (self->selected_id, collate_annotation_get_id (new_span)) == 0)
    select_internal (self, self->selected_id, FALSE);
}

static void
on_link_removed (CollateProject   *project,
                 CollateLink      *link,
                 CollateWorkspace *self)
{
  if (g_strcmp0 (self->selected_id, collate_link_get_id (link)) == 0)
    select_internal (self, NULL, FALSE);
}

static void
on_link_changed (CollateProject   *project,
                 CollateLink      *old_link,
                 CollateLink      *new_link,
                 CollateWorkspace *self)
{
  if (g_strcmp0 (self->selected_id, collate_link_get_id (new_link)) == 0)
    {
      collate_sidebar_show_item (self->sidebar, self->selected_id);
      /* a label chosen for the selected link is the one to link with next */
      if (g_strcmp0 (collate_link_get_label (old_link), collate_link_get_label (new_link)) != 0)
        remember_link_label (self, collate_link_get_label (new_link));
    }
}

/* ── Actions ───────────────────────────────────────────────────────── */

static void
update_actions (CollateWorkspace *self)
{
  gboolean has_span = selected_annotation (self) != NULL;
  gboolean has_link = !has_span && selected_link (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workspace.delete", has_span || has_link);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workspace.relabel", has_span || has_link);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workspace.link-picker", has_span);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workspace.tag-all", has_span);
}

static void
action_tag (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  tag_with_label (COLLATE_WORKSPACE (widget), g_variant_get_string (parameter, NULL));
}

/* A label's key: with a link selected (and no text), the link label the
 * key applies; else the span label.  Returns FALSE if no label of either
 * kind has @key (then the key is not Collate's) */
static gboolean
apply_key (CollateWorkspace *self,
           const char       *key)
{
  CollateSchema *schema = collate_project_get_schema (self->project);
  CollateLabel *label;

  if (selected_link (self) != NULL && pane_with_selection (self) == NULL)
    {
      g_autoptr(GError) error = NULL;

      label = collate_schema_label_for_key (schema, COLLATE_LABEL_KIND_LINK, key);
      if (label == NULL)
        {
          g_autofree char *text = NULL;

          if (collate_schema_label_for_key (schema, COLLATE_LABEL_KIND_SPAN, key) == NULL)
            return FALSE;
          text = g_strdup_printf (_("No link label has the key %s"), key);
          show_message (self, text);
          return TRUE;
        }
      if (!collate_project_set_link_label (self->project, self->selected_id,
                                           collate_label_get_name (label), &error))
        show_message (self, error->message);
      return TRUE;
    }

  label = collate_schema_label_for_key (schema, COLLATE_LABEL_KIND_SPAN, key);
  if (label == NULL)
    {
      g_autofree char *text = NULL;

      if (collate_schema_label_for_key (schema, COLLATE_LABEL_KIND_LINK, key) == NULL)
        return FALSE;
      text = g_strdup_printf (_("No span label has the key %s"), key);
      show_message (self, text);
      return TRUE;
    }
  tag_with_label (self, collate_label_get_name (label));
  return TRUE;
}

static void
action_tag_index (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CollateWorkspace *self = COLLATE_WORKSPACE (widget);
  guint index = g_variant_get_uint32 (parameter);
  g_autofree char *digit = g_strdup_printf ("%u", index + 1);

  /* a digit no label has says so, as before */
  if (!apply_key (self, digit))
    {
      gboolean link = selected_link (self) != NULL && pane_with_selection (self) == NULL;
      g_autofree char *text = g_strdup_printf (link ? _("No link label has the key %s")
                                                    : _("No span label has the key %s"), digit);

      show_message (self, text);
    }
}

static void
action_delete (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CollateWorkspace *self = COLLATE_WORKSPACE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup (self->selected_id);
  gboolean ok;

  if (id == NULL)
    return;
  if (collate_project_lookup_annotation (self->project, id) != NULL)
    ok = collate_project_remove_annotation (self->project, id, &error);
  else
    ok = collate_project_remove_link (self->project, id, &error);
  if (!ok)
    show_message (self, error->message);
  else if (g_strcmp0 (self->selected_id, id) == 0)
    select_internal (self, NULL, FALSE);
}

static void
action_relabel (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CollateWorkspace *self = COLLATE_WORKSPACE (widget);
  const char *label = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  if (selected_annotation (self) != NULL)
    ok = collate_project_set_annotation_label (self->project, self->selected_id, label, &error);
  else if (selected_link (self) != NULL)
    ok = collate_project_set_link_label (self->project, self->selected_id, label, &error);
  if (!ok)
    show_message (self, error->message);
}

/* Alt+←/→ move the selected span's start by a character, Alt+Shift+←/→
 * its end; the note, attributes, author and links stay with it */
static void
action_move_edge (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CollateWorkspace *self = COLLATE_WORKSPACE (widget);
  CollateAnnotation *span = selected_annotation (self);
  gboolean end_edge = g_str_equal (action_name, "workspace.move-end");
  int delta = g_variant_get_int32 (parameter);
  g_autoptr(GError) error = NULL;
  CollateDocumentView *pane;
  gint64 start, end;

  if (span == NULL)
    {
      show_message (self, _("Select a span first: Alt+arrows move its start, Alt+Shift+arrows its end"));
      return;
    }
  start = collate_annotation_get_start (span);
  end = collate_annotation_get_end (span);
  if (end_edge)
    end += delta;
  else
    start += delta;
  pane = pane_for_document (self, collate_annotation_get_document_id (span));
  if (start < 0 || pane == NULL ||
      end > collate_document_get_length (collate_document_view_get_document (pane)))
    {
      show_message (self, _("The span already reaches the edge of the text"));
      return;
    }
  if (start >= end)
    {
      show_message (self, _("A span keeps at least one character: press Delete to remove it"));
      return;
    }
  if (!collate_project_set_annotation_range (self->project, self->selected_id,
                                             (guint) start, (guint) end, &error))
    show_message (self, error->message);
}

static void
action_link_picker (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CollateWorkspace *self = COLLATE_WORKSPACE (widget);
  CollateAnnotation *from = selected_annotation (self);

  if (from == NULL)
    {
      show_message (self, _("Select a span first: the picker links it to another one"));
      return;
    }
  {
    CollateDocumentView *pane = pane_for_document (self, collate_annotation_get_document_id (from));
    double x_left = 0, x_right = 0, y = 0;

    /* point at the span the link starts from */
    if (pane != NULL)
      {
        collate_document_view_scroll_to (pane, collate_annotation_get_start (from),
                                         collate_annotation_get_end (from));
        collate_document_view_locate (pane, collate_annotation_get_start (from),
                                      collate_annotation_get_end (from),
                                      GTK_WIDGET (self), &x_left, &x_right, &y);
        gtk_popover_set_pointing_to (GTK_POPOVER (self->picker),
                                     &(GdkRectangle) { (int) x_left, (int) y - 10,
                                                       MAX (1, (int) (x_right - x_left)), 20 });
      }
  }
  collate_link_picker_set_label (self->picker, last_link_label (self));
  collate_link_picker_popup_for (self->picker, from);
}

/* The side shows when wanted (the setting); in a narrow window only when
 * asked for with F9, so that the reports keep the width */
static void
update_sidebar (CollateWorkspace *self)
{
  gboolean visible = self->narrow ? self->narrow_shown : self->sidebar_wanted;

  gtk_widget_set_visible (gtk_widget_get_parent (self->side_stack), visible);
  update_curation_actions (self);
}

static void
apply_sidebar_visible (CollateWorkspace *self,
                       gboolean          visible)
{
  self->sidebar_wanted = visible;
  if (self->narrow)
    self->narrow_shown = visible;
  update_sidebar (self);
}

static void
action_toggle_sidebar (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CollateWorkspace *self = COLLATE_WORKSPACE (widget);
  gboolean visible = !gtk_widget_get_visible (gtk_widget_get_parent (self->side_stack));

  if (self->narrow)
    {
      self->narrow_shown = visible;
      update_sidebar (self);
      return;
    }
  if (self->settings != NULL)
    g_settings_set_boolean (self->settings, "sidebar-visible", visible);
  apply_sidebar_visible (self, visible);
}

static void
apply_font_size (CollateWorkspace *self,
                 int               points)
{
  self->font_size = CLAMP (points, 6, 48);
  for (guint i = 0; i < self->panes->len; i++)
    collate_document_view_set_font_size (g_ptr_array_index (self->panes, i), self->font_size);
}

static void
apply_show_tags (CollateWorkspace *self,
                 gboolean          show)
{
  for (guint i = 0; i < self->panes->len; i++)
    collate_document_view_set_show_tags (g_ptr_array_index (self->panes, i), show);
}

static void
set_font_size (CollateWorkspace *self,
               int               points)
{
  points = CLAMP (points, 6, 48);
  if (self->settings != NULL)
    g_settings_set_int (self->settings, "font-size", points);
  apply_font_size (self, points);
}

static void
action_zoom (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CollateWorkspace *self = COLLATE_WORKSPACE (widget);

  if (g_str_equal (action_name, "workspace.zoom-in"))
    set_font_size (self, self->font_size + 1);
  else if (g_str_equal (action_name, "workspace.zoom-out"))
    set_font_size (self, self->font_size - 1);
  else
    set_font_size (self, DEFAULT_FONT_SIZE);
}

static void
action_select (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CollateWorkspace *self = COLLATE_WORKSPACE (widget);
  const char *id = g_variant_get_string (parameter, NULL);

  /* Escape closes a popover first, and only then lets go of the selection */
  if (*id == '\0' && hide_popovers (self))
    return;
  if (!collate_workspace_select (self, id))
    {
      show_message (self, _("That span or link is no longer in this project"));
    }
}

static void
action_step (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CollateWorkspace *self = COLLATE_WORKSPACE (widget);
  GListModel *spans = collate_project_get_annotations (self->project);
  guint n = g_list_model_get_n_items (spans);
  gboolean forward = g_str_equal (action_name, "workspace.next-span");
  CollateAnnotation *current = selected_annotation (self);
  g_autoptr(CollateAnnotation) next = NULL;
  int position;

  if (curation_shown (self))
    {
      collate_curation_panel_step (self->curation, forward);
      return;
    }
  if (n == 0)
    return;
  if (current == NULL)
    position = forward ? 0 : (int) n - 1;
  else
    {
      position = collate_project_get_annotation_position (self->project, self->selected_id);
      position += forward ? 1 : -1;
      if (position < 0 || (guint) position >= n)
        return;
    }
  next = g_list_model_get_item (spans, position);
  select_internal (self, collate_annotation_get_id (next), TRUE);
}

/* The selected span's label on every other whole-word occurrence of its
 * text, in every report, as one undo step */
static void
action_tag_all (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CollateWorkspace *self = COLLATE_WORKSPACE (widget);
  CollateAnnotation *span = selected_annotation (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  int added;

  if (span == NULL)
    {
      show_message (self, _("Select a span first: its label then goes on every other occurrence of its text"));
      return;
    }
  added = collate_project_tag_all_occurrences (self->project, self->selected_id, &error);
  if (added < 0)
    text = g_strdup (error->message);
  else if (added == 0)
    text = g_strdup_printf (_("No other untagged occurrence of “%s”"), collate_annotation_get_text (span));
  else
    /* Translators: %u spans were added, %s is the label */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Tagged %u more occurrence as %s (Ctrl+Z undoes it)",
                                         "Tagged %u more occurrences as %s (Ctrl+Z undoes it)", added),
                            (guint) added, collate_annotation_get_label (span));
  show_message (self, text);
}

static void
action_show_compare (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CollateWorkspace *self = COLLATE_WORKSPACE (widget);

  apply_sidebar_visible (self, TRUE);
  gtk_stack_set_visible_child_name (GTK_STACK (self->side_stack), "compare");
  gtk_widget_grab_focus (GTK_WIDGET (self->compare));
}

static void
action_show_curation (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CollateWorkspace *self = COLLATE_WORKSPACE (widget);

  apply_sidebar_visible (self, TRUE);
  gtk_stack_set_visible_child_name (GTK_STACK (self->side_stack), "curation");
  gtk_widget_grab_focus (GTK_WIDGET (self->curation));
  /* the first open disagreement, if none is selected yet */
  if (collate_curation_panel_get_selected (self->curation) == NULL)
    collate_curation_panel_step (self->curation, TRUE);
  update_curation_actions (self);
}

static void
action_search (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CollateWorkspace *self = COLLATE_WORKSPACE (widget);

  apply_sidebar_visible (self, TRUE);
  gtk_stack_set_visible_child_name (GTK_STACK (self->side_stack), "annotations");
  collate_sidebar_focus_search (self->sidebar);
}

/* ── Settings and style ────────────────────────────────────────────── */

static void
on_settings_changed (GSettings        *settings,
                     const char       *key,
                     CollateWorkspace *self)
{
  if (g_str_equal (key, "font-size"))
    apply_font_size (self, g_settings_get_int (settings, "font-size"));
  else if (g_str_equal (key, "sidebar-visible"))
    apply_sidebar_visible (self, g_settings_get_boolean (settings, "sidebar-visible"));
  else if (g_str_equal (key, "show-label-tags"))
    apply_show_tags (self, g_settings_get_boolean (settings, "show-label-tags"));
}

static gboolean
settings_has_key (GSettings  *settings,
                  const char *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  return schema != NULL && g_settings_schema_has_key (schema, key);
}

static void
ensure_css (GtkWidget *widget)
{
  static GdkDisplay *loaded_for;
  GdkDisplay *display = gtk_widget_get_display (widget);
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == loaded_for)
    return;
  if (!g_resources_get_info ("/org/collate/Collate/workspace.css",
                             G_RESOURCE_LOOKUP_FLAGS_NONE, NULL, NULL, NULL))
    return;
  loaded_for = display;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/org/collate/Collate/workspace.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/* ── Widget ────────────────────────────────────────────────────────── */

static void
on_pane_focus_enter (GtkEventControllerFocus *controller,
                     CollateDocumentView     *pane)
{
  CollateWorkspace *self = g_object_get_data (G_OBJECT (pane), "collate-workspace");

  if (self != NULL)
    {
      self->active_pane = pane;
      use_pane_of (self, pane);
    }
}

/* Delete and BackSpace never edit the read-only text: they delete the
 * selected span or link instead. */
static void
on_text_delete (GtkTextView      *view,
                GtkDeleteType     type,
                int               count,
                CollateWorkspace *self)
{
  if (self->selected_id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "workspace.delete", NULL);
}

static void
on_text_backspace (GtkTextView      *view,
                   CollateWorkspace *self)
{
  if (self->selected_id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "workspace.delete", NULL);
}

static void
action_key (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  apply_key (COLLATE_WORKSPACE (widget), g_variant_get_string (parameter, NULL));
}

/* The labels' own keys, span and link, other than the digits 1–9 (class
 * bindings already): the distinct keys, one a line */
static char *
label_keys_of (CollateSchema *schema)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();

  for (guint kind = 0; kind < 2; kind++)
    for (guint i = 0; i < collate_schema_get_n_labels (schema, kind); i++)
      {
        const char *hotkey = collate_label_get_hotkey (collate_schema_get_label (schema, kind, i));

        if (hotkey == NULL || *hotkey == '\0'
            || (g_utf8_strlen (hotkey, -1) == 1 && hotkey[0] >= '1' && hotkey[0] <= '9')
            || g_ptr_array_find_with_equal_func (keys, hotkey, g_str_equal, NULL))
          continue;
        g_ptr_array_add (keys, (char *) hotkey);
      }
  g_ptr_array_add (keys, NULL);
  return g_strjoinv ("\n", (char **) keys->pdata);
}

/* (Re)makes the shortcuts of the labels' own keys when the schema's keys
 * change, so that a key set in the label editor acts at once */
static void
add_label_shortcuts (CollateWorkspace *self)
{
  CollateSchema *schema = collate_project_get_schema (self->project);
  g_autofree char *keys = label_keys_of (schema);
  g_auto(GStrv) each = NULL;

  if (self->label_keys != NULL && g_strcmp0 (keys, self->label_keys_made) == 0)
    return;
  if (self->label_keys != NULL)
    gtk_widget_remove_controller (GTK_WIDGET (self), self->label_keys);
  self->label_keys = gtk_shortcut_controller_new ();
  g_free (self->label_keys_made);
  self->label_keys_made = g_strdup (keys);

  each = g_strsplit (keys, "\n", -1);
  for (guint i = 0; each[i] != NULL; i++)
    {
      const char *hotkey = each[i];
      GtkShortcut *shortcut;
      guint keyval;

      if (*hotkey == '\0')
        continue;
      if (g_utf8_strlen (hotkey, -1) == 1)
        keyval = gdk_unicode_to_keyval (g_utf8_get_char (hotkey));
      else
        keyval = gdk_keyval_from_name (hotkey);
      if (keyval == 0 || keyval == GDK_KEY_VoidSymbol)
        continue;

      shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keyval, 0),
                                   gtk_named_action_new ("workspace.key"));
      gtk_shortcut_set_arguments (shortcut, g_variant_new_string (hotkey));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (self->label_keys), shortcut);
    }
  gtk_widget_add_controller (GTK_WIDGET (self), self->label_keys);
}

static void
add_panes (CollateWorkspace *self)
{
  guint n = collate_project_get_n_documents (self->project);

  for (guint i = 0; i < n; i++)
    {
      CollateDocument *document = collate_project_get_document (self->project, i);
      CollateDocumentView *pane = collate_document_view_new (self->project, document);
      GtkTextView *view = collate_document_view_get_text_view (pane);
      GtkEventController *focus = gtk_event_controller_focus_new ();

      g_object_set_data (G_OBJECT (pane), "collate-workspace", self);
      gtk_widget_set_hexpand (GTK_WIDGET (pane), TRUE);
      {
        GtkWidget *check = gtk_check_button_new_with_label (collate_document_get_title (document));

        g_object_set_data (G_OBJECT (check), "collate-pane", GUINT_TO_POINTER (i));
        g_signal_connect (check, "toggled", G_CALLBACK (on_chooser_toggled), self);
        gtk_box_append (GTK_BOX (self->chooser_list), check);
      }
      g_signal_connect (focus, "enter", G_CALLBACK (on_pane_focus_enter), pane);
      gtk_widget_add_controller (GTK_WIDGET (view), focus);
      g_signal_connect (pane, "span-clicked", G_CALLBACK (on_span_clicked), self);
      g_signal_connect (pane, "empty-clicked", G_CALLBACK (on_empty_clicked), self);
      g_signal_connect (pane, "tag-requested", G_CALLBACK (on_tag_requested), self);
      g_signal_connect (pane, "edge-moved", G_CALLBACK (on_edge_moved), self);
      g_signal_connect (pane, "caret-moved", G_CALLBACK (on_caret_moved), self);
      g_signal_connect (collate_document_view_get_vadjustment (pane), "value-changed",
                        G_CALLBACK (on_pane_scrolled), pane);
      g_signal_connect (view, "delete-from-cursor", G_CALLBACK (on_text_delete), self);
      g_signal_connect (view, "backspace", G_CALLBACK (on_text_backspace), self);

      gtk_box_append (GTK_BOX (self->panes_box), GTK_WIDGET (pane));
      g_ptr_array_add (self->panes, pane);
      g_array_append_val (self->used, i);
      collate_link_overlay_add_pane (self->links, pane);
      collate_document_view_set_font_size (pane, self->font_size);
      collate_document_view_load_spans (pane);
    }
  if (self->panes->len > 0)
    self->active_pane = g_ptr_array_index (self->panes, 0);
  self->fit = self->panes->len;
  apply_shown (self);
}

static void
collate_workspace_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  CollateWorkspace *self = COLLATE_WORKSPACE (widget);

  gtk_widget_measure (self->box, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

static void
collate_workspace_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  CollateWorkspace *self = COLLATE_WORKSPACE (widget);

  if (width > 1)
    {
      gboolean narrow = width < NARROW_WIDTH;

      if (narrow != self->narrow)
        {
          self->narrow = narrow;
          self->narrow_shown = FALSE;
          update_sidebar (self);
        }
      /* the side keeps the width it was dragged to, else a share of the
       * window's; the reports take the rest */
      {
        int side = self->sidebar_width > 0 ? self->sidebar_width
                                           : MIN ((int) (width * SIDEBAR_FRACTION), SIDEBAR_MAX_WIDTH);
        int target = width - MIN (MAX (side, 240), width / 2);

        if (target != gtk_paned_get_position (GTK_PANED (self->paned)))
          {
            self->set_position = target;
            gtk_paned_set_position (GTK_PANED (self->paned), target);
          }
      }
    }
  gtk_widget_allocate (self->box, width, height, baseline, NULL);
  gtk_popover_present (GTK_POPOVER (self->picker));

  /* as many panes side by side as the width leaves room for */
  {
    guint fit = panes_fitting (gtk_widget_get_width (self->hscroller));

    if (gtk_widget_get_width (self->hscroller) > 1 && fit != self->fit && self->fit_source == 0)
      {
        self->fit = fit;
        self->fit_source = g_idle_add (apply_fit, self);
      }
  }
}

static void
on_divider_pressed (GtkGestureDrag   *gesture,
                    double            x,
                    double            y,
                    CollateWorkspace *self)
{
  self->divider_held = TRUE;
}

static void
on_divider_released (GtkGestureDrag   *gesture,
                     double            dx,
                     double            dy,
                     CollateWorkspace *self)
{
  self->divider_held = FALSE;
}

/* The reader dragged the divider: the side keeps that width */
static void
on_paned_position (CollateWorkspace *self)
{
  int position = gtk_paned_get_position (GTK_PANED (self->paned));
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  if (self->divider_held && position != self->set_position && width > 1)
    self->sidebar_width = width - position;
}

static void
collate_workspace_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (collate_workspace_parent_class)->root (widget);
  ensure_css (widget);
}

static gboolean
collate_workspace_grab_focus (GtkWidget *widget)
{
  CollateWorkspace *self = COLLATE_WORKSPACE (widget);

  if (self->active_pane != NULL)
    return gtk_widget_grab_focus (GTK_WIDGET (collate_document_view_get_text_view (self->active_pane)));
  return FALSE;
}

static void
collate_workspace_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CollateWorkspace *self = COLLATE_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;
    case PROP_SELECTED_ID:
      g_value_set_string (value, self->selected_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
collate_workspace_dispose (GObject *object)
{
  CollateWorkspace *self = COLLATE_WORKSPACE (object);

  g_clear_handle_id (&self->message_source, g_source_remove);
  g_clear_handle_id (&self->fit_source, g_source_remove);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (self->compare != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->compare, self);
      self->compare = NULL;
    }
  if (self->curation != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->curation, self);
      self->curation = NULL;
    }
  if (self->side_stack != NULL)
    g_signal_handlers_disconnect_by_data (self->side_stack, self);
  if (self->picker != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->picker));
      self->picker = NULL;
    }
  g_clear_pointer (&self->box, gtk_widget_unparent);
  if (self->panes != NULL)
    g_ptr_array_set_size (self->panes, 0);
  if (self->highlighted != NULL)
    g_ptr_array_set_size (self->highlighted, 0);
  self->active_pane = NULL;
  g_clear_object (&self->settings);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (collate_workspace_parent_class)->dispose (object);
}

static void
collate_workspace_finalize (GObject *object)
{
  CollateWorkspace *self = COLLATE_WORKSPACE (object);

  g_clear_pointer (&self->panes, g_ptr_array_unref);
  g_clear_pointer (&self->highlighted, g_ptr_array_unref);
  g_clear_pointer (&self->shown, g_array_unref);
  g_clear_pointer (&self->used, g_array_unref);
  g_clear_pointer (&self->selected_id, g_free);
  g_clear_pointer (&self->last_link_label, g_free);
  g_clear_pointer (&self->label_keys_made, g_free);

  G_OBJECT_CLASS (collate_workspace_parent_class)->finalize (object);
}

static void
collate_workspace_class_init (CollateWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = collate_workspace_get_property;
  object_class->dispose = collate_workspace_dispose;
  object_class->finalize = collate_workspace_finalize;
  widget_class->measure = collate_workspace_measure;
  widget_class->size_allocate = collate_workspace_size_allocate;
  widget_class->root = collate_workspace_root;
  widget_class->grab_focus = collate_workspace_grab_focus;

  properties[PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL, COLLATE_TYPE_PROJECT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SELECTED_ID] =
    g_param_spec_string ("selected-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "workspace.tag", "s", action_tag);
  gtk_widget_class_install_action (widget_class, "workspace.tag-index", "u", action_tag_index);
  gtk_widget_class_install_action (widget_class, "workspace.delete", NULL, action_delete);
  gtk_widget_class_install_action (widget_class, "workspace.relabel", "s", action_relabel);
  gtk_widget_class_install_action (widget_class, "workspace.key", "s", action_key);
  gtk_widget_class_install_action (widget_class, "workspace.link-picker", NULL, action_link_picker);
  gtk_widget_class_install_action (widget_class, "workspace.move-start", "i", action_move_edge);
  gtk_widget_class_install_action (widget_class, "workspace.move-end", "i", action_move_edge);
  gtk_widget_class_install_action (widget_class, "workspace.toggle-sidebar", NULL, action_toggle_sidebar);
  gtk_widget_class_install_action (widget_class, "workspace.zoom-in", NULL, action_zoom);
  gtk_widget_class_install_action (widget_class, "workspace.zoom-out", NULL, action_zoom);
  gtk_widget_class_install_action (widget_class, "workspace.zoom-reset", NULL, action_zoom);
  gtk_widget_class_install_action (widget_class, "workspace.select", "s", action_select);
  gtk_widget_class_install_action (widget_class, "workspace.next-span", NULL, action_step);
  gtk_widget_class_install_action (widget_class, "workspace.previous-span", NULL, action_step);
  gtk_widget_class_install_action (widget_class, "workspace.search", NULL, action_search);
  gtk_widget_class_install_action (widget_class, "workspace.show-compare", NULL, action_show_compare);
  gtk_widget_class_install_action (widget_class, "workspace.tag-all", NULL, action_tag_all);
  gtk_widget_class_install_action (widget_class, "workspace.show-curation", NULL, action_show_curation);
  gtk_widget_class_install_action (widget_class, "workspace.curate-one", "u", action_curate);
  gtk_widget_class_install_action (widget_class, "workspace.curate-all", NULL, action_curate);
  gtk_widget_class_install_action (widget_class, "workspace.curate-none", NULL, action_curate);

  for (guint i = 0; i < 9; i++)
    {
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, 0,
                                           "workspace.tag-index", "u", i);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_1 + i, 0,
                                           "workspace.tag-index", "u", i);
    }
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "workspace.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "workspace.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "workspace.link-picker", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "workspace.toggle-sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "workspace.move-start", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "workspace.move-start", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK | GDK_SHIFT_MASK, "workspace.move-end", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK | GDK_SHIFT_MASK, "workspace.move-end", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "workspace.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "workspace.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "workspace.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "workspace.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "workspace.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "workspace.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "workspace.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "workspace.select", "s", "");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "workspace.next-span", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "workspace.previous-span", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "workspace.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "workspace.show-compare", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "workspace.tag-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK, "workspace.show-curation", NULL);
  for (guint i = 0; i < COLLATE_CURATION_MAX_KEYED; i++)
    {
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                           "workspace.curate-one", "u", i);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_1 + i, GDK_ALT_MASK,
                                           "workspace.curate-one", "u", i);
    }
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_ALT_MASK, "workspace.curate-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_ALT_MASK, "workspace.curate-none", NULL);

  gtk_widget_class_set_css_name (widget_class, "collate-workspace");
}

static void
collate_workspace_init (CollateWorkspace *self)
{
  self->panes = g_ptr_array_new ();
  self->highlighted = g_ptr_array_new ();
  self->shown = g_array_new (FALSE, FALSE, sizeof (guint));
  self->used = g_array_new (FALSE, FALSE, sizeof (guint));
  self->font_size = DEFAULT_FONT_SIZE;
}

CollateWorkspace *
collate_workspace_new (CollateProject *project,
                       GSettings      *settings)
{
  CollateWorkspace *self;
  GtkWidget *bar;

  g_return_val_if_fail (COLLATE_IS_PROJECT (project), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (COLLATE_TYPE_WORKSPACE, NULL);
  self->project = g_object_ref (project);
  if (settings != NULL)
    self->settings = g_object_ref (settings);
  if (self->settings != NULL && settings_has_key (self->settings, "font-size"))
    self->font_size = CLAMP (g_settings_get_int (self->settings, "font-size"), 6, 48);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  gtk_widget_set_vexpand (self->paned, TRUE);
  gtk_paned_set_resize_start_child (GTK_PANED (self->paned), TRUE);
  gtk_paned_set_resize_end_child (GTK_PANED (self->paned), FALSE);
  gtk_paned_set_shrink_end_child (GTK_PANED (self->paned), FALSE);
  gtk_paned_set_shrink_start_child (GTK_PANED (self->paned), FALSE);
  gtk_box_append (GTK_BOX (self->box), self->paned);
  g_signal_connect_swapped (self->paned, "notify::position", G_CALLBACK (on_paned_position), self);
  {
    /* sees every press in the paned before its children do, and claims none */
    GtkGesture *held = gtk_gesture_drag_new ();

    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (held), GTK_PHASE_CAPTURE);
    g_signal_connect (held, "drag-begin", G_CALLBACK (on_divider_pressed), self);
    g_signal_connect (held, "drag-end", G_CALLBACK (on_divider_released), self);
    gtk_widget_add_controller (self->paned, GTK_EVENT_CONTROLLER (held));
  }

  self->panes_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, PANE_GUTTER);
  gtk_box_set_homogeneous (GTK_BOX (self->panes_box), TRUE);
  gtk_widget_add_css_class (self->panes_box, "collate-panes");
  self->hscroller = gtk_scrolled_window_new ();
  /* the panes always fit (see apply_shown()): no horizontal scroll bar,
   * and a window as narrow as one pane */
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->hscroller),
                                  GTK_POLICY_EXTERNAL, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->hscroller), self->panes_box);
  gtk_widget_set_hexpand (self->hscroller, TRUE);

  self->links = collate_link_overlay_new (project);
  g_signal_connect (self->links, "link-activated", G_CALLBACK (on_link_activated), self);
  self->bands = collate_compare_bands_new ();
  self->overlay = gtk_overlay_new ();
  gtk_overlay_set_child (GTK_OVERLAY (self->overlay), self->hscroller);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), GTK_WIDGET (self->bands));
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), GTK_WIDGET (self->links));
  {
    GtkWidget *area = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
    GtkWidget *popover = gtk_popover_new ();
    GtkWidget *heading = gtk_label_new (_("Reports side by side"));
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

    self->chooser_list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
    gtk_widget_add_css_class (heading, "heading");
    gtk_label_set_xalign (GTK_LABEL (heading), 0);
    gtk_box_append (GTK_BOX (box), heading);
    gtk_box_append (GTK_BOX (box), self->chooser_list);
    gtk_popover_set_child (GTK_POPOVER (popover), box);
    self->chooser_button = gtk_menu_button_new ();
    gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->chooser_button), popover);
    gtk_widget_set_tooltip_text (self->chooser_button,
                                 _("Not every report fits side by side at this width: choose which to show"));
    gtk_widget_add_css_class (self->chooser_button, "flat");
    self->chooser_bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    gtk_widget_add_css_class (self->chooser_bar, "collate-chooser-bar");
    gtk_box_append (GTK_BOX (self->chooser_bar), self->chooser_button);
    gtk_widget_set_visible (self->chooser_bar, FALSE);
    gtk_widget_set_vexpand (self->overlay, TRUE);
    gtk_box_append (GTK_BOX (area), self->chooser_bar);
    gtk_box_append (GTK_BOX (area), self->overlay);
    gtk_paned_set_start_child (GTK_PANED (self->paned), area);
  }
  g_signal_connect_swapped (gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (self->hscroller)),
                            "value-changed", G_CALLBACK (gtk_widget_queue_draw), self->links);
  g_signal_connect_swapped (gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (self->hscroller)),
                            "value-changed", G_CALLBACK (gtk_widget_queue_draw), self->bands);

  /* the side: the annotations, and the comparison of two reports */
  self->sidebar = collate_sidebar_new (project);
  self->compare = collate_compare_panel_new (project);
  self->curation = collate_curation_panel_new (project);
  self->sync_check = gtk_check_button_new_with_mnemonic (_("Scroll the reports _together"));
  gtk_widget_set_tooltip_text (self->sync_check,
                               _("Scrolling one report keeps the passage the other aligns with it beside it"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->sync_check), TRUE);
  {
    GtkWidget *side = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
    GtkWidget *switcher = gtk_stack_switcher_new ();
    GtkWidget *compare_page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

    self->side_stack = gtk_stack_new ();
    gtk_widget_set_vexpand (self->side_stack, TRUE);
    gtk_stack_add_titled (GTK_STACK (self->side_stack), GTK_WIDGET (self->sidebar), "annotations", _("Annotations"));
    gtk_widget_set_margin_start (compare_page, 10);
    gtk_widget_set_margin_end (compare_page, 10);
    gtk_widget_set_margin_top (compare_page, 6);
    gtk_widget_set_margin_bottom (compare_page, 10);
    gtk_box_append (GTK_BOX (compare_page), self->sync_check);
    gtk_widget_set_vexpand (GTK_WIDGET (self->compare), TRUE);
    gtk_box_append (GTK_BOX (compare_page), GTK_WIDGET (self->compare));
    gtk_stack_add_titled (GTK_STACK (self->side_stack), compare_page, "compare", _("Compare"));
    {
      GtkWidget *curation_page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

      gtk_widget_set_margin_start (curation_page, 10);
      gtk_widget_set_margin_end (curation_page, 10);
      gtk_widget_set_margin_top (curation_page, 6);
      gtk_widget_set_margin_bottom (curation_page, 10);
      gtk_widget_set_vexpand (GTK_WIDGET (self->curation), TRUE);
      gtk_box_append (GTK_BOX (curation_page), GTK_WIDGET (self->curation));
      gtk_stack_add_titled (GTK_STACK (self->side_stack), curation_page, "curation", _("Curation"));
    }
    gtk_stack_switcher_set_stack (GTK_STACK_SWITCHER (switcher), GTK_STACK (self->side_stack));
    /* three pages: each tab as wide as its title, so that the side stays as
     * narrow as before */
    if (GTK_IS_BOX_LAYOUT (gtk_widget_get_layout_manager (switcher)))
      gtk_box_layout_set_homogeneous (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (switcher)), FALSE);
    gtk_widget_add_css_class (switcher, "collate-side-switcher");
    gtk_widget_set_halign (switcher, GTK_ALIGN_CENTER);
    gtk_widget_set_margin_top (switcher, 6);
    gtk_widget_set_margin_bottom (switcher, 6);
    gtk_box_append (GTK_BOX (side), switcher);
    gtk_box_append (GTK_BOX (side), self->side_stack);
    gtk_widget_add_css_class (side, "collate-sidebar");
    gtk_widget_set_size_request (side, 240, -1);
    gtk_paned_set_end_child (GTK_PANED (self->paned), side);
  }
  g_signal_connect (self->compare, "comparison-changed", G_CALLBACK (on_comparison_changed), self);
  g_signal_connect (self->compare, "suggestion-selected", G_CALLBACK (on_suggestion_selected), self);
  g_signal_connect (self->compare, "accepted", G_CALLBACK (on_suggestion_accepted), self);
  g_signal_connect (self->compare, "message", G_CALLBACK (on_compare_message), self);
  g_signal_connect (self->curation, "dispute-selected", G_CALLBACK (on_dispute_selected), self);
  g_signal_connect (self->curation, "message", G_CALLBACK (on_curation_message), self);
  g_signal_connect_swapped (self->curation, "refreshed", G_CALLBACK (update_curation_actions), self);
  g_signal_connect_swapped (self->side_stack, "notify::visible-child", G_CALLBACK (update_curation_actions), self);
  g_signal_connect (self->sidebar, "item-activated", G_CALLBACK (on_sidebar_item_activated), self);
  g_signal_connect (self->sidebar, "message", G_CALLBACK (on_sidebar_message), self);

  /* messages are toasts over the bottom of the reports: they never push
   * the text about */
  self->message_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->message_label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->message_label), 60);
  gtk_label_set_xalign (GTK_LABEL (self->message_label), 0);
  bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (bar, "app-notification");
  gtk_widget_add_css_class (bar, "collate-message");
  gtk_box_append (GTK_BOX (bar), self->message_label);
  self->message_revealer = gtk_revealer_new ();
  gtk_revealer_set_transition_type (GTK_REVEALER (self->message_revealer),
                                    GTK_REVEALER_TRANSITION_TYPE_SLIDE_UP);
  gtk_revealer_set_child (GTK_REVEALER (self->message_revealer), bar);
  gtk_widget_set_halign (self->message_revealer, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (self->message_revealer, GTK_ALIGN_END);
  gtk_widget_set_margin_bottom (self->message_revealer, 18);
  gtk_widget_set_margin_start (self->message_revealer, 12);
  gtk_widget_set_margin_end (self->message_revealer, 12);
  gtk_widget_set_can_target (self->message_revealer, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), self->message_revealer);

  self->picker = collate_link_picker_new (project);
  gtk_widget_set_parent (GTK_WIDGET (self->picker), GTK_WIDGET (self));
  g_signal_connect (self->picker, "picked", G_CALLBACK (on_picker_picked), self);

  add_panes (self);
  add_label_shortcuts (self);
  g_signal_connect_object (project, "changed", G_CALLBACK (add_label_shortcuts), self, G_CONNECT_SWAPPED);

  g_signal_connect (project, "annotation-added", G_CALLBACK (on_annotation_added), self);
  g_signal_connect (project, "annotation-removed", G_CALLBACK (on_annotation_removed), self);
  g_signal_connect (project, "annotation-changed", G_CALLBACK (on_annotation_changed), self);
  g_signal_connect (project, "link-removed", G_CALLBACK (on_link_removed), self);
  g_signal_connect (project, "link-changed", G_CALLBACK (on_link_changed), self);

  if (self->settings != NULL)
    {
      if (settings_has_key (self->settings, "sync-scroll"))
        g_settings_bind (self->settings, "sync-scroll", self->sync_check, "active", G_SETTINGS_BIND_DEFAULT);
      if (settings_has_key (self->settings, "sidebar-visible"))
        apply_sidebar_visible (self, g_settings_get_boolean (self->settings, "sidebar-visible"));
      if (settings_has_key (self->settings, "show-label-tags"))
        apply_show_tags (self, g_settings_get_boolean (self->settings, "show-label-tags"));
      g_signal_connect (self->settings, "changed", G_CALLBACK (on_settings_changed), self);
    }

  update_actions (self);
  update_curation_actions (self);
  return self;
}

CollateProject *
collate_workspace_get_project (CollateWorkspace *self)
{
  g_return_val_if_fail (COLLATE_IS_WORKSPACE (self), NULL);
  return self->project;
}

void
collate_workspace_show_document (CollateWorkspace *self,
                                 guint             index)
{
  g_return_if_fail (COLLATE_IS_WORKSPACE (self));

  if (index < self->panes->len)
    show_pane (self, index);
}

guint
collate_workspace_get_n_panes (CollateWorkspace *self)
{
  g_return_val_if_fail (COLLATE_IS_WORKSPACE (self), 0);
  return self->panes->len;
}

GtkTextView *
collate_workspace_get_text_view (CollateWorkspace *self,
                                 guint             index)
{
  g_return_val_if_fail (COLLATE_IS_WORKSPACE (self), NULL);
  if (index >= self->panes->len)
    return NULL;
  return collate_document_view_get_text_view (g_ptr_array_index (self->panes, index));
}

void
collate_workspace_stop_following (CollateWorkspace *self)
{
  g_return_if_fail (COLLATE_IS_WORKSPACE (self));

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  collate_sidebar_stop_following (self->sidebar);
  collate_link_overlay_stop_following (self->links);
}

void
collate_workspace_focus_text (CollateWorkspace *self)
{
  g_return_if_fail (COLLATE_IS_WORKSPACE (self));
  collate_workspace_grab_focus (GTK_WIDGET (self));
}
