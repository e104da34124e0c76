/* collate-curation-panel.c — where annotators disagree, to step through and settle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <time.h>

#include "collate-curation-panel.h"
#include "collate-list-row.h"

/* Longest quote a row shows, in characters */
#define QUOTE_CHARS 90

struct _CollateCurationPanel
{
  GtkWidget           parent_instance;

  CollateProject     *project;
  GStrv               annotators;
  GListStore         *disputes;     /* CollateDispute */
  GHashTable         *bound;        /* CollateDispute → its GtkListItem on screen */
  GtkSingleSelection *selection;
  guint               n_open;
  gboolean            dirty;        /* changed while not shown */
  gboolean            deciding;     /* the list follows the decision itself */
  guint               refresh_source;

  GtkWidget          *box;
  GtkWidget          *status;
  GtkWidget          *list;
  GtkWidget          *scroller;
  GtkWidget          *detail;       /* who said what, for the selected one */
  GtkWidget          *choices;      /* the decision buttons */
  GtkWidget          *all_button;
  GtkWidget          *none_button;
};

G_DEFINE_FINAL_TYPE (CollateCurationPanel, collate_curation_panel, GTK_TYPE_WIDGET)

enum
{
  DISPUTE_SELECTED,
  REFRESHED,
  MESSAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ── Words for a dispute ────────────────────────────────────────────── */

static char *
short_quote (const char *text)
{
  g_autofree char *quoted = collate_text_quote (text, QUOTE_CHARS);

  return g_markup_printf_escaped ("“%s”", quoted);
}

static const char *
document_title (CollateProject *project,
                const char     *document_id)
{
  CollateDocument *document = collate_project_lookup_document (project, document_id);

  return document ? collate_document_get_title (document) : document_id;
}

/* "Location 16–21 “Paris”" in markup */
static char *
version_markup (const char *label,
                guint       start,
                guint       end,
                const char *text)
{
  g_autofree char *quote = short_quote (text);
  g_autofree char *escaped = g_markup_escape_text (label, -1);

  return g_strdup_printf ("<b>%s</b> %u–%u %s", escaped, start, end, quote);
}

static char *
names_joined (const char *const *names)
{
  g_autofree char *joined = g_strjoinv (", ", (GStrv) names);

  return g_markup_escape_text (joined, -1);
}

/* "Corroborates: “Anna” → “Bob”" in markup, the way the link runs */
static char *
link_version_markup (const char *label,
                     const char *from_text,
                     const char *to_text)
{
  g_autofree char *from = short_quote (from_text);
  g_autofree char *to = short_quote (to_text);
  g_autofree char *escaped = g_markup_escape_text (label, -1);

  /* Translators: a link's label, then the quotes of the spans it joins, in its direction */
  return g_strdup_printf (_("<b>%s</b>: %s → %s"), escaped, from, to);
}

/* The quote of a span, or of a place of a document */
static char *
dup_place_text (CollateProject *project,
                const char     *document_id,
                guint           start,
                guint           end)
{
  CollateDocument *document = collate_project_lookup_document (project, document_id);

  return document ? collate_document_dup_slice (document, start, end) : g_strdup ("");
}

/* A link of an open link dispute, in markup */
static char *
open_link_markup (CollateProject *project,
                  CollateLink    *link)
{
  CollateAnnotation *from = collate_project_lookup_annotation (project, collate_link_get_from (link));
  CollateAnnotation *to = collate_project_lookup_annotation (project, collate_link_get_to (link));

  return link_version_markup (collate_link_get_label (link), from ? collate_annotation_get_text (from) : "",
                              to ? collate_annotation_get_text (to) : "");
}

/* Who said what: a line per annotator (open), or per version (decided) */
static char *
dispute_markup (CollateProject *project,
                CollateDispute *dispute)
{
  CollateCuration *curation = collate_dispute_get_curation (dispute);
  g_autoptr(GString) s = g_string_new (NULL);

  if (curation != NULL)
    {
      for (guint i = 0; i < collate_curation_get_n_versions (curation); i++)
        {
          const CollateCurationVersion *v = collate_curation_get_version (curation, i);
          g_autofree char *what = !collate_curation_is_link (curation)
                                  ? version_markup (v->label, v->start, v->end, v->text)
                                  : link_version_markup (v->label, v->text,
                                                         v->reversed ? collate_curation_get_text (curation)
                                                                     : collate_curation_get_link_text (curation));
          g_autofree char *who = names_joined (v->annotators);

          if (s->len > 0)
            g_string_append_c (s, '\n');
          /* Translators: a version of a settled disagreement: kept or rejected, what, who */
          g_string_append_printf (s, v->accepted ? _("✓ kept: %s — %s") : _("✗ rejected: %s — %s"),
                                  what, who);
        }
      return g_string_free (g_steal_pointer (&s), FALSE);
    }

  for (const char *const *name = collate_dispute_get_annotators (dispute); *name != NULL; name++)
    {
      GPtrArray *spans = collate_dispute_get_spans (dispute);
      g_autofree char *escaped = g_markup_escape_text (*name, -1);
      gboolean any = FALSE;

      if (s->len > 0)
        g_string_append_c (s, '\n');
      g_string_append_printf (s, "%s: ", escaped);
      if (collate_dispute_is_link (dispute))
        {
          GPtrArray *links = collate_dispute_get_links (dispute);

          for (guint i = 0; i < links->len; i++)
            {
              g_auto(GStrv) who = collate_link_dup_annotators (g_ptr_array_index (links, i));
              g_autofree char *what = NULL;

              if (!g_strv_contains ((const char *const *) who, *name))
                continue;
              what = open_link_markup (project, g_ptr_array_index (links, i));
              if (any)
                g_string_append (s, "; ");
              g_string_append (s, what);
              any = TRUE;
            }
          if (!any)
            /* Translators: an annotator made no link between two disputed places */
            g_string_append_printf (s, "<i>%s</i>", _("no link"));
          continue;
        }
      for (guint i = 0; i < spans->len; i++)
        {
          CollateAnnotation *span = g_ptr_array_index (spans, i);
          g_auto(GStrv) who = collate_annotation_dup_annotators (span);
          g_autofree char *what = NULL;

          if (!g_strv_contains ((const char *const *) who, *name))
            continue;
          what = version_markup (collate_annotation_get_label (span), collate_annotation_get_start (span),
                                 collate_annotation_get_end (span), collate_annotation_get_text (span));
          if (any)
            g_string_append (s, "; ");
          g_string_append (s, what);
          any = TRUE;
        }
      if (!any)
        /* Translators: an annotator tagged nothing in a disputed passage */
        g_string_append_printf (s, "<i>%s</i>", _("nothing"));
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* "Kept bob's version", "Kept all", "Kept none", with the curator and time */
static char *
decision_text (CollateCuration *curation)
{
  const char *choice = collate_curation_get_choice (curation);
  const char *author = collate_curation_get_author (curation);
  g_autofree char *what = NULL;

  if (g_str_equal (choice, COLLATE_CURATION_CHOICE_ONE))
    /* Translators: %s is an annotator's name */
    what = g_strdup_printf (_("Kept %s’s version"), collate_curation_get_chosen (curation)[0]);
  else if (g_str_equal (choice, COLLATE_CURATION_CHOICE_ALL))
    what = g_strdup (_("Kept every version"));
  else
    what = g_strdup (_("Kept none"));
  if (author[0] == '\0')
    return g_steal_pointer (&what);
  /* Translators: "Kept bob's version · by carol" */
  return g_strdup_printf (_("%s · by %s"), what, author);
}

/* ── The list ───────────────────────────────────────────────────────── */

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  data)
{
  GtkWidget *row = collate_list_row_new ();

  collate_list_row_add (row, "quote", COLLATE_LIST_ROW_TITLE, COLLATE_LIST_ROW_WRAP, "collate-quote");
  gtk_widget_set_valign (GTK_WIDGET (collate_list_row_add (row, "state", COLLATE_LIST_ROW_TAG, COLLATE_LIST_ROW_PLAIN,
                                                           "collate-count collate-dispute-state")),
                         GTK_ALIGN_START);
  collate_list_row_add (row, "where", COLLATE_LIST_ROW_LINE, COLLATE_LIST_ROW_PLAIN, "dim-label caption");
  gtk_list_item_set_child (item, row);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          CollateCurationPanel     *self)
{
  CollateDispute *dispute = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  CollateCuration *curation = collate_dispute_get_curation (dispute);
  g_autofree char *where = NULL;
  g_autofree char *quote = NULL;
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;
  CollateDocument *document = collate_project_lookup_document (self->project,
                                                               collate_dispute_get_document_id (dispute));

  /* a dispute settled in place is shown anew through its row */
  g_hash_table_insert (self->bound, dispute, item);

  if (collate_dispute_is_link (dispute))
    {
      const char *link_document_id = collate_dispute_get_link_document_id (dispute);
      g_autofree char *first = NULL;
      g_autofree char *other = NULL;
      g_autofree char *first_quote = NULL;
      g_autofree char *other_quote = NULL;

      if (g_str_equal (link_document_id, collate_dispute_get_document_id (dispute)))
        /* Translators: where a link disagreement is: the two ends' ranges in one document (its title) */
        where = g_strdup_printf (_("Link · %u–%u and %u–%u in %s"), collate_dispute_get_start (dispute),
                                 collate_dispute_get_end (dispute), collate_dispute_get_link_start (dispute),
                                 collate_dispute_get_link_end (dispute),
                                 document_title (self->project, collate_dispute_get_document_id (dispute)));
      else
        /* Translators: where a link disagreement across two documents is: each end's range in its document */
        where = g_strdup_printf (_("Link · %u–%u in %s and %u–%u in %s"), collate_dispute_get_start (dispute),
                                 collate_dispute_get_end (dispute),
                                 document_title (self->project, collate_dispute_get_document_id (dispute)),
                                 collate_dispute_get_link_start (dispute), collate_dispute_get_link_end (dispute),
                                 document_title (self->project, link_document_id));
      if (curation != NULL)
        {
          first = g_strdup (collate_curation_get_text (curation));
          other = g_strdup (collate_curation_get_link_text (curation));
        }
      else
        {
          first = dup_place_text (self->project, collate_dispute_get_document_id (dispute),
                                  collate_dispute_get_start (dispute), collate_dispute_get_end (dispute));
          other = dup_place_text (self->project, link_document_id, collate_dispute_get_link_start (dispute),
                                  collate_dispute_get_link_end (dispute));
        }
      first_quote = short_quote (first);
      other_quote = short_quote (other);
      /* the two ends, joined both ways: which way each link runs is in the detail */
      quote = g_strdup_printf ("%s ↔ %s", first_quote, other_quote);
    }
  else
    {
      /* Translators: where a disagreement is: a range of characters in a document (its title) */
      where = g_strdup_printf (_("%u–%u in %s"), collate_dispute_get_start (dispute), collate_dispute_get_end (dispute),
                               document_title (self->project, collate_dispute_get_document_id (dispute)));
      if (curation != NULL)
        text = g_strdup (collate_curation_get_text (curation));
      else if (document != NULL)
        text = collate_document_dup_slice (document, collate_dispute_get_start (dispute),
                                           collate_dispute_get_end (dispute));
      quote = short_quote (text);
    }
  gtk_label_set_text (collate_list_row_get (box, "where"), where);
  gtk_label_set_markup (collate_list_row_get (box, "quote"), quote);
  gtk_label_set_text (collate_list_row_get (box, "state"),
                      curation != NULL ? _("Settled") : _("Open"));
  if (curation != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (collate_list_row_get (box, "state")), "collate-settled");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (collate_list_row_get (box, "state")), "collate-settled");
  tooltip = curation != NULL ? decision_text (curation) : NULL;
  gtk_widget_set_tooltip_text (GTK_WIDGET (collate_list_row_get (box, "state")), tooltip);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            CollateCurationPanel     *self)
{
  CollateDispute *dispute = gtk_list_item_get_item (item);

  if (dispute != NULL && g_hash_table_lookup (self->bound, dispute) == item)
    g_hash_table_remove (self->bound, dispute);
}

static void
update_detail (CollateCurationPanel *self)
{
  CollateDispute *dispute = collate_curation_panel_get_selected (self);
  g_autofree char *markup = NULL;

  if (dispute == NULL)
    gtk_label_set_text (GTK_LABEL (self->detail), "");
  else if (collate_dispute_is_decided (dispute))
    {
      CollateCuration *curation = collate_dispute_get_curation (dispute);
      g_autofree char *body = dispute_markup (self->project, dispute);
      g_autofree char *head = decision_text (curation);
      g_autofree char *head_escaped = g_markup_escape_text (head, -1);
      g_autofree char *when = g_markup_escape_text (collate_curation_get_created (curation), -1);

      markup = g_strdup_printf ("<b>%s</b> <small>%s</small>\n%s", head_escaped, when, body);
      gtk_label_set_markup (GTK_LABEL (self->detail), markup);
    }
  else
    {
      markup = dispute_markup (self->project, dispute);
      gtk_label_set_markup (GTK_LABEL (self->detail), markup);
    }
  gtk_widget_set_visible (self->detail, dispute != NULL);
  /* the buttons follow the workspace's actions, enabled for an open one */
}

static void
update_status (CollateCurationPanel *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->disputes));
  guint n_annotators = g_strv_length (self->annotators);
  g_autofree char *text = NULL;

  if (n_annotators < 2 && n == 0)
    {
      if (n_annotators == 1)
        /* Translators: %s is the one annotator's name */
        text = g_strdup_printf (_("Every span here is by one annotator, %s: nothing to curate. "
                                  "Open several annotators’ files with Open for Curation… "
                                  "to see where they disagree."), self->annotators[0]);
      else
        text = g_strdup (_("No span names its annotator: nothing to curate. Open several "
                           "annotators’ files with Open for Curation… to see where they disagree."));
    }
  else if (n == 0)
    text = g_strdup (_("The annotators agree on every span: nothing to curate."));
  else if (self->n_open == 0)
    /* Translators: every disagreement has a decision */
    text = g_strdup_printf (ngettext ("All %u disagreement is settled. Save the curated project with Save As… (Ctrl+Shift+S).",
                                      "All %u disagreements are settled. Save the curated project with Save As… (Ctrl+Shift+S).", n), n);
  else
    /* Translators: %u of %u disagreements are open; Alt+Down/Alt+Up move through them */
    text = g_strdup_printf (ngettext ("%u of %u disagreement open · Alt+↓ / Alt+↑ to step",
                                      "%u of %u disagreements open · Alt+↓ / Alt+↑ to step", n),
                            self->n_open, n);
  gtk_label_set_text (GTK_LABEL (self->status), text);
  /* nothing to curate: the message alone */
  gtk_widget_set_visible (self->scroller, n > 0);
  gtk_widget_set_visible (self->choices, n > 0);
}

static void
on_selection_changed (CollateCurationPanel *self)
{
  update_detail (self);
  g_signal_emit (self, signals[DISPUTE_SELECTED], 0, collate_curation_panel_get_selected (self));
}

/* ── Following the project ──────────────────────────────────────────── */

static void rebuild_choices (CollateCurationPanel *self);

/* Where a dispute was, to select it (or the next) again after a refresh */
typedef struct
{
  const char *document_id;
  guint       start;
  gboolean    is_link;
  const char *link_document_id;
  guint       link_start;
} Place;

static int
compare_place (CollateCurationPanel *self,
               CollateDispute       *a,
               const Place          *place)
{
  int da, db;

  /* the links come after every span */
  if (collate_dispute_is_link (a) != place->is_link)
    return collate_dispute_is_link (a) ? 1 : -1;
  da = collate_project_get_document_index (self->project, collate_dispute_get_document_id (a));
  db = collate_project_get_document_index (self->project, place->document_id);
  if (da != db)
    return da < db ? -1 : 1;
  if (collate_dispute_get_start (a) != place->start)
    return collate_dispute_get_start (a) < place->start ? -1 : 1;
  if (place->is_link)
    {
      da = collate_project_get_document_index (self->project, collate_dispute_get_link_document_id (a));
      db = collate_project_get_document_index (self->project, place->link_document_id);
      if (da != db)
        return da < db ? -1 : 1;
      if (collate_dispute_get_link_start (a) != place->link_start)
        return collate_dispute_get_link_start (a) < place->link_start ? -1 : 1;
    }
  return 0;
}

void
collate_curation_panel_refresh (CollateCurationPanel *self)
{
  g_autoptr(GPtrArray) found = NULL;
  CollateDispute *selected;
  g_autofree char *document_id = NULL;
  g_autofree char *link_document_id = NULL;
  Place place = { NULL };
  guint reselect = GTK_INVALID_LIST_POSITION;

  g_return_if_fail (COLLATE_IS_CURATION_PANEL (self));

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  self->dirty = FALSE;
  selected = collate_curation_panel_get_selected (self);
  if (selected != NULL)
    {
      place.document_id = document_id = g_strdup (collate_dispute_get_document_id (selected));
      place.start = collate_dispute_get_start (selected);
      place.is_link = collate_dispute_is_link (selected);
      place.link_document_id = link_document_id = g_strdup (collate_dispute_get_link_document_id (selected));
      place.link_start = collate_dispute_get_link_start (selected);
    }

  {
    GStrv annotators = collate_project_dup_annotators (self->project);
    gboolean same = g_strv_equal ((const char *const *) annotators, (const char *const *) self->annotators);

    g_strfreev (self->annotators);
    self->annotators = annotators;
    if (!same)
      rebuild_choices (self);
  }
  found = collate_project_find_disputes (self->project);
  self->n_open = 0;
  for (guint i = 0; i < found->len; i++)
    {
      CollateDispute *d = g_ptr_array_index (found, i);

      self->n_open += !collate_dispute_is_decided (d);
      /* the one selected stays selected, or the first after where it was */
      if (document_id != NULL && reselect == GTK_INVALID_LIST_POSITION
          && compare_place (self, d, &place) >= 0)
        reselect = i;
    }
  if (document_id != NULL && reselect == GTK_INVALID_LIST_POSITION && found->len > 0)
    reselect = found->len - 1;

  g_signal_handlers_block_by_func (self->selection, on_selection_changed, self);
  g_list_store_splice (self->disputes, 0, g_list_model_get_n_items (G_LIST_MODEL (self->disputes)),
                       found->pdata, found->len);
  gtk_single_selection_set_selected (self->selection, reselect);
  g_signal_handlers_unblock_by_func (self->selection, on_selection_changed, self);
  update_status (self);
  update_detail (self);
  g_signal_emit (self, signals[REFRESHED], 0);
}

static gboolean
refresh_idle (gpointer data)
{
  CollateCurationPanel *self = data;

  self->refresh_source = 0;
  collate_curation_panel_refresh (self);
  return G_SOURCE_REMOVE;
}

/* At once while shown (after the change's other handlers), else when shown */
static void
on_project_changed (CollateCurationPanel *self)
{
  if (self->deciding)
    return;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      return;
    }
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, refresh_idle, self, NULL);
}

static void
collate_curation_panel_map (GtkWidget *widget)
{
  CollateCurationPanel *self = COLLATE_CURATION_PANEL (widget);

  GTK_WIDGET_CLASS (collate_curation_panel_parent_class)->map (widget);
  if (self->dirty)
    collate_curation_panel_refresh (self);
}

/* ── The decision buttons ───────────────────────────────────────────── */

/* A button with its key beside its words, so that the key is always shown */
static GtkWidget *
key_button (const char *text,
            const char *key,
            const char *action,
            GVariant   *target)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *hint = gtk_label_new (key);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (hint, "collate-hotkey");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), hint);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (target != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  return button;
}

static void
rebuild_choices (CollateCurationPanel *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->choices)) != NULL)
    gtk_box_remove (GTK_BOX (self->choices), child);
  for (guint i = 0; self->annotators[i] != NULL && i < COLLATE_CURATION_MAX_KEYED; i++)
    {
      /* Translators: a button that keeps one annotator's spans; %s is the name */
      g_autofree char *text = g_strdup_printf (_("Keep %s’s version"), self->annotators[i]);
      g_autofree char *key = g_strdup_printf (_("Alt+%u"), i + 1);

      gtk_box_append (GTK_BOX (self->choices),
                      key_button (text, key, "workspace.curate-one", g_variant_new_uint32 (i)));
    }
  {
    GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

    gtk_box_set_homogeneous (GTK_BOX (row), TRUE);
    self->all_button = key_button (_("Keep all"), _("Alt+A"), "workspace.curate-all", NULL);
    self->none_button = key_button (_("Keep none"), _("Alt+N"), "workspace.curate-none", NULL);
    gtk_widget_set_tooltip_text (self->all_button, _("Keep every annotator’s spans or links here"));
    gtk_widget_set_tooltip_text (self->none_button, _("Remove every disputed span or link here"));
    gtk_box_append (GTK_BOX (row), self->all_button);
    gtk_box_append (GTK_BOX (row), self->none_button);
    gtk_box_append (GTK_BOX (self->choices), row);
  }
}

static void
build (CollateCurationPanel *self)
{
  GtkListItemFactory *factory;
  GtkWidget *scroller;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_widget_add_css_class (self->box, "collate-curation");

  self->status = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->status), 0);
  gtk_label_set_wrap (GTK_LABEL (self->status), TRUE);
  gtk_widget_add_css_class (self->status, "dim-label");
  gtk_widget_set_hexpand (self->status, TRUE);
  {
    /* the agreement figures, one click away (the window's action) */
    GtkWidget *head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    GtkWidget *agreement = gtk_button_new_with_label (_("Agreement…"));

    gtk_widget_add_css_class (agreement, "flat");
    gtk_widget_set_valign (agreement, GTK_ALIGN_START);
    gtk_widget_set_tooltip_text (agreement, _("How far the annotators agree, per label"));
    gtk_actionable_set_action_name (GTK_ACTIONABLE (agreement), "win.agreement");
    gtk_box_append (GTK_BOX (head), self->status);
    gtk_box_append (GTK_BOX (head), agreement);
    gtk_box_append (GTK_BOX (self->box), head);
  }

  self->disputes = g_list_store_new (COLLATE_TYPE_DISPUTE);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->disputes)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (on_selection_changed), self);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  self->bound = g_hash_table_new (NULL, NULL);
  self->list = gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)), factory);
  gtk_widget_add_css_class (self->list, "collate-disputes");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Disagreements between annotators"), -1);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->list);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (self->box), scroller);
  self->scroller = scroller;

  self->detail = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->detail), 0);
  gtk_label_set_wrap (GTK_LABEL (self->detail), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->detail), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (self->detail), TRUE);
  gtk_widget_add_css_class (self->detail, "collate-curation-detail");
  gtk_box_append (GTK_BOX (self->box), self->detail);

  self->choices = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_box_append (GTK_BOX (self->box), self->choices);
}

/* ── GObject ────────────────────────────────────────────────────────── */

static void
collate_curation_panel_dispose (GObject *object)
{
  CollateCurationPanel *self = COLLATE_CURATION_PANEL (object);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->selection);
  g_clear_object (&self->disputes);
  g_clear_pointer (&self->bound, g_hash_table_unref);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (collate_curation_panel_parent_class)->dispose (object);
}

static void
collate_curation_panel_finalize (GObject *object)
{
  CollateCurationPanel *self = COLLATE_CURATION_PANEL (object);

  g_strfreev (self->annotators);

  G_OBJECT_CLASS (collate_curation_panel_parent_class)->finalize (object);
}

static void
collate_curation_panel_class_init (CollateCurationPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = collate_curation_panel_dispose;
  object_class->finalize = collate_curation_panel_finalize;
  widget_class->map = collate_curation_panel_map;

  signals[DISPUTE_SELECTED] =
    g_signal_new ("dispute-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, COLLATE_TYPE_DISPUTE);
  signals[REFRESHED] =
    g_signal_new ("refreshed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[MESSAGE] =
    g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "collate-curation-panel");
}

static void
collate_curation_panel_init (CollateCurationPanel *self)
{
}

CollateCurationPanel *
collate_curation_panel_new (CollateProject *project)
{
  CollateCurationPanel *self;

  g_return_val_if_fail (COLLATE_IS_PROJECT (project), NULL);

  self = g_object_new (COLLATE_TYPE_CURATION_PANEL, NULL);
  self->project = g_object_ref (project);
  self->annotators = g_new0 (char *, 1);
  build (self);
  rebuild_choices (self);
  collate_curation_panel_refresh (self);
  g_signal_connect_swapped (project, "changed", G_CALLBACK (on_project_changed), self);
  return self;
}

const char *const *
collate_curation_panel_get_annotators (CollateCurationPanel *self)
{
  g_return_val_if_fail (COLLATE_IS_CURATION_PANEL (self), NULL);
  return (const char *const *) self->annotators;
}

GListModel *
collate_curation_panel_get_disputes (CollateCurationPanel *self)
{
  g_return_val_if_fail (COLLATE_IS_CURATION_PANEL (self), NULL);
  return G_LIST_MODEL (self->disputes);
}

guint
collate_curation_panel_get_n_open (CollateCurationPanel *self)
{
  g_return_val_if_fail (COLLATE_IS_CURATION_PANEL (self), 0);
  return self->n_open;
}

CollateDispute *
collate_curation_panel_get_selected (CollateCurationPanel *self)
{
  g_return_val_if_fail (COLLATE_IS_CURATION_PANEL (self), NULL);
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
scroll_to_selected (CollateCurationPanel *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);

  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (self->list, "list.scroll-to-item", "u", position);
}

void
collate_curation_panel_select (CollateCurationPanel *self,
                               guint                 position)
{
  g_return_if_fail (COLLATE_IS_CURATION_PANEL (self));

  if (self->dirty)
    collate_curation_panel_refresh (self);
  gtk_single_selection_set_selected (self->selection, position);
  scroll_to_selected (self);
}

gboolean
collate_curation_panel_step (CollateCurationPanel *self,
                             gboolean              forward)
{
  guint n, position;

  g_return_val_if_fail (COLLATE_IS_CURATION_PANEL (self), FALSE);

  if (self->dirty || self->refresh_source != 0)
    collate_curation_panel_refresh (self);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->disputes));
  position = gtk_single_selection_get_selected (self->selection);
  if (n == 0)
    return FALSE;
  if (position == GTK_INVALID_LIST_POSITION)
    position = forward ? 0 : n - 1;
  else if (forward ? position + 1 >= n : position == 0)
    return FALSE;
  else
    position = forward ? position + 1 : position - 1;
  collate_curation_panel_select (self, position);
  return TRUE;
}

/* A button clicked can turn insensitive with its action (nothing left to
 * decide): the keys go on working from the list */
static gboolean
refocus_idle (gpointer data)
{
  CollateCurationPanel *self = data;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  if (root != NULL && (focus == NULL || !gtk_widget_is_sensitive (focus)
                       || gtk_widget_is_ancestor (focus, self->choices)))
    gtk_widget_grab_focus (self->list);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

/* CPU time of this thread, in ms: what a decision costs, whatever else
 * the machine is doing */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* What a decision costs, from the key to the next one selected, with every
 * other view's answer to the change (G_MESSAGES_DEBUG=all;
 * docs/performance.md) */
static void
log_cost (double began,
          double curated,
          double listed)
{
  double now = thread_cpu_ms ();

  g_debug ("Curation: decided in %.2f ms of CPU (the project and its views %.2f ms, "
           "the list %.2f ms, the next one selected and shown %.2f ms)",
           now - began, curated - began, listed - curated, now - listed);
}

static void
keep_focus (CollateCurationPanel *self)
{
  g_idle_add (refocus_idle, g_object_ref (self));
}

gboolean
collate_curation_panel_decide (CollateCurationPanel *self,
                               const char           *choice,
                               guint                 annotator,
                               GError              **error)
{
  g_autoptr(CollateDispute) dispute = NULL;
  CollateCuration *curation;
  guint position, n, n_links, gone;
  double began = thread_cpu_ms (), curated, listed;

  g_return_val_if_fail (COLLATE_IS_CURATION_PANEL (self), FALSE);

  if (self->dirty || self->refresh_source != 0)
    collate_curation_panel_refresh (self);
  if (collate_curation_panel_get_selected (self) == NULL)
    {
      g_set_error_literal (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                           _("Select a disagreement first (Alt+↓ steps to the next)"));
      return FALSE;
    }
  if (g_str_equal (choice, COLLATE_CURATION_CHOICE_ONE) && annotator >= g_strv_length (self->annotators))
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND,
                   _("There is no annotator %u here: the project has %u"), annotator + 1,
                   g_strv_length (self->annotators));
      return FALSE;
    }
  dispute = g_object_ref (collate_curation_panel_get_selected (self));
  position = gtk_single_selection_get_selected (self->selection);
  n_links = collate_project_get_n_links (self->project);
  /* the list follows the decision below, not by finding every
   * disagreement again */
  self->deciding = TRUE;
  curation = collate_project_curate (self->project, dispute, choice,
                                     g_str_equal (choice, COLLATE_CURATION_CHOICE_ONE) ? self->annotators[annotator] : NULL,
                                     error);
  self->deciding = FALSE;
  if (curation == NULL)
    return FALSE;
  curated = thread_cpu_ms ();

  g_signal_handlers_block_by_func (self->selection, on_selection_changed, self);
  /* how many links the decision removed, with the spans or on their own */
  n_links -= collate_project_get_n_links (self->project);
  gone = collate_disputes_settle (self->disputes, position, self->project, curation, n_links);
  g_signal_handlers_unblock_by_func (self->selection, on_selection_changed, self);
  /* the settled one changed in place: its row, if shown, anew */
  {
    GtkListItem *item = g_hash_table_lookup (self->bound, dispute);

    if (item != NULL)
      bind_row (NULL, item, self);
  }
  position = gtk_single_selection_get_selected (self->selection);
  self->n_open -= MIN (self->n_open, 1 + gone);
  update_status (self);
  keep_focus (self);
  listed = thread_cpu_ms ();
  /* a span decided away took its links along (in the same undo step) */
  if (!collate_dispute_is_link (dispute) && n_links > 0)
    {
      g_autofree char *text = NULL;

      /* Translators: after a decision removed spans that links joined */
      text = g_strdup_printf (ngettext ("Settled; %u link that joined a removed span went with it (Ctrl+Z undoes both)",
                                        "Settled; %u links that joined the removed spans went with them (Ctrl+Z undoes all)",
                                        n_links), n_links);
      g_signal_emit (self, signals[MESSAGE], 0, text);
    }

  /* on to the next open one */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->disputes));
  for (guint k = 1; k <= n && position != GTK_INVALID_LIST_POSITION; k++)
    {
      guint i = (position + k) % n;
      g_autoptr(CollateDispute) d = g_list_model_get_item (G_LIST_MODEL (self->disputes), i);

      if (!collate_dispute_is_decided (d))
        {
          collate_curation_panel_select (self, i);
          log_cost (began, curated, listed);
          return TRUE;
        }
    }
  /* nothing open: the settled one stays selected */
  update_detail (self);
  g_signal_emit (self, signals[DISPUTE_SELECTED], 0, collate_curation_panel_get_selected (self));
  g_signal_emit (self, signals[MESSAGE], 0,
                 _("Every disagreement is settled: save the curated project with Save As… (Ctrl+Shift+S)"));
  log_cost (began, curated, listed);
  return TRUE;
}
