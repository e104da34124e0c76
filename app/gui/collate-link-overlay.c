/* collate-link-overlay.c — connectors drawn between the spans that links join
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "collate-link-overlay.h"

#define NEAR_CHARS 400   /* ends this close outside the view still count */

typedef struct
{
  CollateLink *link;
  char        *from_doc;
  guint        from_start;
  guint        from_end;
  char        *to_doc;
  guint        to_start;
  guint        to_end;
} LinkInfo;

typedef struct
{
  guint     offset;
  LinkInfo *info;
} LinkEnd;

struct _CollateLinkOverlay
{
  GtkWidget       parent_instance;

  CollateProject *project;
  GPtrArray      *panes;       /* CollateDocumentView */
  GHashTable     *links;       /* id → LinkInfo */
  GHashTable     *ends;        /* document id → GArray of LinkEnd sorted by offset */
  char           *selected;
  guint           n_drawn;
};

G_DEFINE_FINAL_TYPE (CollateLinkOverlay, collate_link_overlay, GTK_TYPE_WIDGET)

static void
link_info_free (gpointer data)
{
  LinkInfo *info = data;

  g_clear_object (&info->link);
  g_free (info->from_doc);
  g_free (info->to_doc);
  g_free (info);
}

static GArray *
ends_for (CollateLinkOverlay *self,
          const char         *doc_id)
{
  GArray *array = g_hash_table_lookup (self->ends, doc_id);

  if (array == NULL)
    {
      array = g_array_new (FALSE, FALSE, sizeof (LinkEnd));
      g_hash_table_insert (self->ends, g_strdup (doc_id), array);
    }
  return array;
}

/* First index whose offset ≥ @offset */
static guint
lower_bound (GArray *array,
             guint   offset)
{
  guint lo = 0, hi = array->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (array, LinkEnd, mid).offset < offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
insert_end (CollateLinkOverlay *self,
            const char         *doc_id,
            guint               offset,
            LinkInfo           *info,
            gboolean            sorted_later)
{
  GArray *array = ends_for (self, doc_id);
  LinkEnd end = { offset, info };

  if (sorted_later)
    g_array_append_val (array, end);
  else
    g_array_insert_val (array, lower_bound (array, offset), end);
}

static void
remove_end (CollateLinkOverlay *self,
            const char         *doc_id,
            guint               offset,
            LinkInfo           *info)
{
  GArray *array = g_hash_table_lookup (self->ends, doc_id);

  if (array == NULL)
    return;
  for (guint i = lower_bound (array, offset); i < array->len; i++)
    {
      LinkEnd *end = &g_array_index (array, LinkEnd, i);

      if (end->offset != offset)
        break;
      if (end->info == info)
        {
          g_array_remove_index (array, i);
          return;
        }
    }
}

static LinkInfo *
add_link (CollateLinkOverlay *self,
          CollateLink        *link,
          gboolean            sorted_later)
{
  CollateAnnotation *from = collate_project_lookup_annotation (self->project, collate_link_get_from (link));
  CollateAnnotation *to = collate_project_lookup_annotation (self->project, collate_link_get_to (link));
  LinkInfo *info;

  if (from == NULL || to == NULL)
    return NULL;

  info = g_new0 (LinkInfo, 1);
  info->link = g_object_ref (link);
  info->from_doc = g_strdup (collate_annotation_get_document_id (from));
  info->from_start = collate_annotation_get_start (from);
  info->from_end = collate_annotation_get_end (from);
  info->to_doc = g_strdup (collate_annotation_get_document_id (to));
  info->to_start = collate_annotation_get_start (to);
  info->to_end = collate_annotation_get_end (to);
  g_hash_table_replace (self->links, g_strdup (collate_link_get_id (link)), info);

  insert_end (self, info->from_doc, info->from_start, info, sorted_later);
  insert_end (self, info->to_doc, info->to_start, info, sorted_later);
  return info;
}

static void
remove_link (CollateLinkOverlay *self,
             const char         *id)
{
  LinkInfo *info = g_hash_table_lookup (self->links, id);

  if (info == NULL)
    return;
  remove_end (self, info->from_doc, info->from_start, info);
  remove_end (self, info->to_doc, info->to_start, info);
  g_hash_table_remove (self->links, id);
}

static void
on_link_added (CollateProject     *project,
               CollateLink        *link,
               CollateLinkOverlay *self)
{
  add_link (self, link, FALSE);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_link_removed (CollateProject     *project,
                 CollateLink        *link,
                 CollateLinkOverlay *self)
{
  remove_link (self, collate_link_get_id (link));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_link_changed (CollateProject     *project,
                 CollateLink        *old_link,
                 CollateLink        *new_link,
                 CollateLinkOverlay *self)
{
  LinkInfo *info = g_hash_table_lookup (self->links, collate_link_get_id (new_link));

  if (info != NULL)
    g_set_object (&info->link, new_link);
  else
    add_link (self, new_link, FALSE);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* A span whose edges moved: its links end somewhere else now */
static void
on_annotation_changed (CollateProject     *project,
                       CollateAnnotation  *old_span,
                       CollateAnnotation  *new_span,
                       CollateLinkOverlay *self)
{
  g_autoptr(GPtrArray) links = NULL;

  if (collate_annotation_get_start (old_span) == collate_annotation_get_start (new_span) &&
      collate_annotation_get_end (old_span) == collate_annotation_get_end (new_span))
    return;
  links = collate_project_get_links_of (project, collate_annotation_get_id (new_span));
  for (guint i = 0; i < links->len; i++)
    {
      CollateLink *link = g_ptr_array_index (links, i);

      remove_link (self, collate_link_get_id (link));
      add_link (self, link, FALSE);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static int
compare_ends (gconstpointer a,
              gconstpointer b)
{
  guint x = ((const LinkEnd *) a)->offset;
  guint y = ((const LinkEnd *) b)->offset;

  return (x > y) - (x < y);
}

static void
build_index (CollateLinkOverlay *self)
{
  GListModel *links = collate_project_get_links (self->project);
  guint n = g_list_model_get_n_items (links);
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CollateLink) link = g_list_model_get_item (links, i);

      add_link (self, link, TRUE);
    }

  g_hash_table_iter_init (&iter, self->ends);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_array_sort (value, compare_ends);
}

/* ── Drawing ───────────────────────────────────────────────────────── */

typedef struct
{
  CollateDocumentView *pane;
  guint                vis_start;
  guint                vis_end;
  graphene_rect_t      bounds;
} PaneState;

static int
find_pane (PaneState  *states,
           guint       n,
           const char *doc_id)
{
  /* a report not shown side by side has no ends to draw */
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (collate_document_get_id (collate_document_view_get_document (states[i].pane)), doc_id) == 0)
      return gtk_widget_get_mapped (GTK_WIDGET (states[i].pane)) ? (int) i : -1;
  return -1;
}

/* Where an end is: -1 above the view, 1 below, 0 visible (then @y and @x*) */
static int
locate_end (CollateLinkOverlay *self,
            PaneState          *state,
            guint               start,
            guint               end,
            double             *x_left,
            double             *x_right,
            double             *y)
{
  *x_left = state->bounds.origin.x;
  *x_right = state->bounds.origin.x + state->bounds.size.width;
  if (end <= state->vis_start)
    {
      *y = state->bounds.origin.y;
      return -1;
    }
  if (start >= state->vis_end)
    {
      *y = state->bounds.origin.y + state->bounds.size.height;
      return 1;
    }
  return collate_document_view_locate (state->pane, start, end, GTK_WIDGET (self),
                                       x_left, x_right, y);
}

static void
draw_link (CollateLinkOverlay *self,
           cairo_t            *cr,
           PaneState          *states,
           guint               n_states,
           LinkInfo           *info)
{
  CollateSchema *schema = collate_project_get_schema (self->project);
  CollateLabel *label = collate_schema_lookup (schema, COLLATE_LABEL_KIND_LINK,
                                               collate_link_get_label (info->link));
  gboolean selected = g_strcmp0 (self->selected, collate_link_get_id (info->link)) == 0;
  int pa = find_pane (states, n_states, info->from_doc);
  int pb = find_pane (states, n_states, info->to_doc);
  double ax_l, ax_r, ay, bx_l, bx_r, by;
  int wa, wb;
  double r = 0.5, g = 0.5, b = 0.5;
  double alpha;

  if (pa < 0 || pb < 0)
    return;

  wa = locate_end (self, &states[pa], info->from_start, info->from_end, &ax_l, &ax_r, &ay);
  wb = locate_end (self, &states[pb], info->to_start, info->to_end, &bx_l, &bx_r, &by);
  if (wa != 0 && wb != 0 && !selected)
    return;

  if (label != NULL)
    collate_label_get_rgb (label, &r, &g, &b);
  alpha = (wa == 0 && wb == 0) ? 0.85 : 0.35;
  if (selected)
    alpha = 1.0;

  cairo_set_line_width (cr, selected ? 4.0 : 2.0);
  cairo_set_source_rgba (cr, r, g, b, alpha);

  if (pa == pb)
    {
      /* within one pane: a loop in the gutter beside it (to the left of
       * the last pane, whose right edge meets the sidebar) */
      gboolean left = n_states > 1 && (guint) pa == n_states - 1;
      double x = left ? states[pa].bounds.origin.x + 2
                      : states[pa].bounds.origin.x + states[pa].bounds.size.width - 2;
      double bulge = (18 + MIN (20, ABS (by - ay) / 12)) * (left ? -1 : 1);

      double lift = ABS (by - ay) < 12 ? 12 : 0;   /* ends on one line: a small loop */

      cairo_move_to (cr, x, ay);
      cairo_curve_to (cr, x + bulge, ay - lift, x + bulge, by + lift, x, by);
      cairo_stroke (cr);
      if (wa == 0)
        cairo_arc (cr, x, ay, selected ? 4.5 : 3, 0, 2 * G_PI);
      cairo_fill (cr);
      if (wb == 0)
        cairo_arc (cr, x, by, selected ? 4.5 : 3, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  else
    {
      gboolean a_left = pa < pb;
      double xa = a_left ? states[pa].bounds.origin.x + states[pa].bounds.size.width
                         : states[pa].bounds.origin.x;
      double xb = a_left ? states[pb].bounds.origin.x
                         : states[pb].bounds.origin.x + states[pb].bounds.size.width;
      double d = (xb - xa) / 2;

      cairo_move_to (cr, xa, ay);
      cairo_curve_to (cr, xa + d, ay, xb - d, by, xb, by);
      cairo_stroke (cr);
      if (wa == 0)
        cairo_arc (cr, xa, ay, selected ? 4.5 : 3, 0, 2 * G_PI);
      cairo_fill (cr);
      if (wb == 0)
        cairo_arc (cr, xb, by, selected ? 4.5 : 3, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  self->n_drawn++;
}

static void
collate_link_overlay_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  CollateLinkOverlay *self = COLLATE_LINK_OVERLAY (widget);
  g_autoptr(GHashTable) seen = NULL;
  g_autofree PaneState *states = NULL;
  LinkInfo *selected_info = NULL;
  cairo_t *cr;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  self->n_drawn = 0;
  if (self->project == NULL || self->panes->len == 0 || g_hash_table_size (self->links) == 0)
    return;

  states = g_new0 (PaneState, self->panes->len);
  seen = g_hash_table_new (NULL, NULL);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  for (guint i = 0; i < self->panes->len; i++)
    {
      PaneState *state = &states[i];

      state->pane = g_ptr_array_index (self->panes, i);
      collate_document_view_get_visible_range (state->pane, &state->vis_start, &state->vis_end);
      collate_document_view_get_text_bounds (state->pane, widget, &state->bounds);
    }

  if (self->selected != NULL)
    selected_info = g_hash_table_lookup (self->links, self->selected);

  for (guint i = 0; i < self->panes->len; i++)
    {
      PaneState *state = &states[i];
      const char *doc_id = collate_document_get_id (collate_document_view_get_document (state->pane));
      GArray *array = g_hash_table_lookup (self->ends, doc_id);
      guint from = state->vis_start > NEAR_CHARS ? state->vis_start - NEAR_CHARS : 0;

      if (array == NULL || !gtk_widget_get_mapped (GTK_WIDGET (state->pane)))
        continue;
      for (guint j = lower_bound (array, from); j < array->len; j++)
        {
          LinkEnd *end = &g_array_index (array, LinkEnd, j);

          if (end->offset >= state->vis_end + NEAR_CHARS)
            break;
          if (end->info == selected_info || !g_hash_table_add (seen, end->info))
            continue;
          draw_link (self, cr, states, self->panes->len, end->info);
        }
    }

  /* the selected link last, over the others */
  if (selected_info != NULL)
    draw_link (self, cr, states, self->panes->len, selected_info);

  cairo_destroy (cr);
}

static void
collate_link_overlay_dispose (GObject *object)
{
  CollateLinkOverlay *self = COLLATE_LINK_OVERLAY (object);

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  for (guint i = 0; i < self->panes->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->panes, i), self);
  g_ptr_array_set_size (self->panes, 0);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (collate_link_overlay_parent_class)->dispose (object);
}

static void
collate_link_overlay_finalize (GObject *object)
{
  CollateLinkOverlay *self = COLLATE_LINK_OVERLAY (object);

  g_clear_pointer (&self->panes, g_ptr_array_unref);
  g_clear_pointer (&self->ends, g_hash_table_unref);
  g_clear_pointer (&self->links, g_hash_table_unref);
  g_clear_pointer (&self->selected, g_free);

  G_OBJECT_CLASS (collate_link_overlay_parent_class)->finalize (object);
}

static void
collate_link_overlay_class_init (CollateLinkOverlayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = collate_link_overlay_dispose;
  object_class->finalize = collate_link_overlay_finalize;
  widget_class->snapshot = collate_link_overlay_snapshot;
  gtk_widget_class_set_css_name (widget_class, "collate-links");
}

static void
collate_link_overlay_init (CollateLinkOverlay *self)
{
  self->panes = g_ptr_array_new_with_free_func (g_object_unref);
  self->links = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, link_info_free);
  self->ends = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) g_array_unref);
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
  gtk_widget_set_can_focus (GTK_WIDGET (self), FALSE);
}

CollateLinkOverlay *
collate_link_overlay_new (CollateProject *project)
{
  CollateLinkOverlay *self;

  g_return_val_if_fail (COLLATE_IS_PROJECT (project), NULL);

  self = g_object_new (COLLATE_TYPE_LINK_OVERLAY, NULL);
  self->project = g_object_ref (project);
  build_index (self);
  g_signal_connect (project, "link-added", G_CALLBACK (on_link_added), self);
  g_signal_connect (project, "link-removed", G_CALLBACK (on_link_removed), self);
  g_signal_connect (project, "link-changed", G_CALLBACK (on_link_changed), self);
  g_signal_connect (project, "annotation-changed", G_CALLBACK (on_annotation_changed), self);
  return self;
}

void
collate_link_overlay_add_pane (CollateLinkOverlay  *self,
                               CollateDocumentView *pane)
{
  g_return_if_fail (COLLATE_IS_LINK_OVERLAY (self));
  g_return_if_fail (COLLATE_IS_DOCUMENT_VIEW (pane));

  g_ptr_array_add (self->panes, g_object_ref (pane));
  g_signal_connect_swapped (pane, "view-changed", G_CALLBACK (gtk_widget_queue_draw), self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
collate_link_overlay_set_selected (CollateLinkOverlay *self,
                                   const char         *link_id)
{
  g_return_if_fail (COLLATE_IS_LINK_OVERLAY (self));

  if (g_strcmp0 (self->selected, link_id) == 0)
    return;
  g_free (self->selected);
  self->selected = g_strdup (link_id);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
collate_link_overlay_get_n_drawn (CollateLinkOverlay *self)
{
  g_return_val_if_fail (COLLATE_IS_LINK_OVERLAY (self), 0);
  return self->n_drawn;
}
