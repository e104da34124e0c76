/* collate-link-overlay.c — connectors drawn between the spans that links join
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

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
  char           *hovered;
  GArray         *hit_paths;   /* HitPath, of the last frame */
  guint           n_drawn;
  guint           n_columns;   /* panes shown side by side */
  guint           n_over;      /* links drawn over a middle report */
};

G_DEFINE_FINAL_TYPE (CollateLinkOverlay, collate_link_overlay, GTK_TYPE_WIDGET)

enum
{
  LINK_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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

/* Each link leaves its span from the space below the span's first line
 * (a lane, where no text is), runs along that lane to the pane's edge and
 * crosses the gutter to the other span's lane; between the first and third
 * of three reports it goes over the middle report's title bar instead of
 * its text.  Within one report it loops in the gutter (or the margin)
 * beside the pane.  Links that end on one line take different lanes, so
 * they fan out.  An arrowhead marks the span the link points to.  The
 * paths drawn are kept to find the link under the pointer. */

#define HIT_DISTANCE  5.0
#define LANE_STEP     2.5
#define N_LANES       4

typedef struct
{
  CollateDocumentView *pane;
  guint                vis_start;
  guint                vis_end;
  graphene_rect_t      bounds;
  int                  column;    /* left to right among the panes shown, -1 if hidden */
} PaneState;

typedef struct
{
  int             pane;
  int             where;     /* -1 above the view, 1 below, 0 visible */
  graphene_rect_t line;      /* the span's first line */
  double          gap;
  int             lane;
} EndGeo;

typedef struct
{
  LinkInfo *info;
  EndGeo    ends[2];
} Drawn;

typedef struct
{
  char   *id;
  GArray *points;   /* graphene_point_t, the flattened path */
} HitPath;

static void
hit_path_clear (gpointer data)
{
  HitPath *path = data;

  g_free (path->id);
  g_array_unref (path->points);
}

static int
find_pane (PaneState  *states,
           guint       n,
           const char *doc_id)
{
  /* a report not shown side by side has no ends to draw */
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (collate_document_get_id (collate_document_view_get_document (states[i].pane)), doc_id) == 0)
      return states[i].column >= 0 ? (int) i : -1;
  return -1;
}

static void
locate (PaneState *state,
        GtkWidget *target,
        guint      start,
        guint      end,
        EndGeo    *geo)
{
  geo->where = collate_document_view_locate_span (state->pane, start, end, target, &geo->line, &geo->gap);
  if (geo->where == 0 &&
      (end <= state->vis_start || start >= state->vis_end ||
       geo->line.origin.y + geo->line.size.height > state->bounds.origin.y + state->bounds.size.height))
    geo->where = geo->line.origin.y < state->bounds.origin.y ? -1 : 1;
  if (geo->where == 0 && geo->line.origin.y + geo->line.size.height < state->bounds.origin.y)
    geo->where = -1;
}

/* The lane's height: below the line's first underline, apart per link */
static double
lane_y (const EndGeo *geo)
{
  return geo->line.origin.y + geo->line.size.height + 4.5 +
         MIN (geo->lane, N_LANES - 1) * LANE_STEP * MAX (1.0, geo->gap / 14.0);
}

/* The point where an end reaches the pane's edge on @right side */
static void
edge_point (PaneState    *state,
            const EndGeo *geo,
            gboolean      right,
            double       *x,
            double       *y)
{
  *x = right ? state->bounds.origin.x + state->bounds.size.width : state->bounds.origin.x;
  if (geo->where < 0)
    *y = state->bounds.origin.y + 2;
  else if (geo->where > 0)
    *y = state->bounds.origin.y + state->bounds.size.height - 2;
  else
    *y = lane_y (geo);
}

/* The height an end's lane (or the edge it is clamped to) has */
static double
by_of (PaneState    *state,
       const EndGeo *geo)
{
  double x, y;

  edge_point (state, geo, TRUE, &x, &y);
  return y;
}

/* From the span (@to_span: ending at it) along its lane to the edge */
static void
span_to_edge (cairo_t      *cr,
              PaneState    *state,
              const EndGeo *geo,
              gboolean      right,
              gboolean      from_span)
{
  double ex, ey, ax, top;

  edge_point (state, geo, right, &ex, &ey);
  if (geo->where != 0)
    {
      if (from_span)
        cairo_move_to (cr, ex, ey);
      else
        cairo_line_to (cr, ex, ey);
      return;
    }
  ax = right ? geo->line.origin.x + geo->line.size.width - 2 : geo->line.origin.x + 2;
  ax = CLAMP (ax, state->bounds.origin.x + 2, state->bounds.origin.x + state->bounds.size.width - 2);
  top = geo->line.origin.y + geo->line.size.height + 1;
  if (from_span)
    {
      cairo_move_to (cr, ax, top);
      cairo_line_to (cr, ax, ey - 2);
      cairo_curve_to (cr, ax, ey, ax, ey, ax + (right ? 2 : -2), ey);
      cairo_line_to (cr, ex, ey);
    }
  else
    {
      cairo_line_to (cr, ex, ey);
      cairo_line_to (cr, ax + (right ? 2 : -2), ey);
      cairo_curve_to (cr, ax, ey, ax, ey, ax, ey - 2);
      cairo_line_to (cr, ax, top);
    }
}

/* The arrowhead at the span the link points to (or a dot where it starts) */
static void
draw_end_mark (cairo_t      *cr,
               PaneState    *state,
               const EndGeo *geo,
               gboolean      right,
               gboolean      arrow,
               double        size)
{
  double x, y;

  if (geo->where != 0)
    {
      edge_point (state, geo, right, &x, &y);
      if (!arrow)
        return;
      /* an end out of sight: the arrow points up or down at the edge */
      cairo_move_to (cr, x - size * 0.6, y - geo->where * size);
      cairo_line_to (cr, x, y);
      cairo_line_to (cr, x + size * 0.6, y - geo->where * size);
      cairo_close_path (cr);
      cairo_fill (cr);
      return;
    }
  x = right ? geo->line.origin.x + geo->line.size.width - 2 : geo->line.origin.x + 2;
  x = CLAMP (x, state->bounds.origin.x + 2, state->bounds.origin.x + state->bounds.size.width - 2);
  y = geo->line.origin.y + geo->line.size.height + 1;
  if (arrow)
    {
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x - size * 0.55, y + size);
      cairo_line_to (cr, x + size * 0.55, y + size);
      cairo_close_path (cr);
      cairo_fill (cr);
    }
  else
    {
      cairo_arc (cr, x, y + 1.5, size * 0.32, 0, 2 * G_PI);
      cairo_fill (cr);
    }
}

static void
keep_hit_path (CollateLinkOverlay *self,
               cairo_t            *cr,
               LinkInfo           *info)
{
  cairo_path_t *path = cairo_copy_path_flat (cr);
  HitPath hit = { g_strdup (collate_link_get_id (info->link)),
                  g_array_new (FALSE, FALSE, sizeof (graphene_point_t)) };

  for (int i = 0; i < path->num_data; i += path->data[i].header.length)
    {
      cairo_path_data_t *data = &path->data[i];

      if (data->header.type == CAIRO_PATH_MOVE_TO || data->header.type == CAIRO_PATH_LINE_TO)
        {
          graphene_point_t p = GRAPHENE_POINT_INIT (data[1].point.x, data[1].point.y);

          /* a move starts a new piece: mark the break with NaN */
          if (data->header.type == CAIRO_PATH_MOVE_TO && hit.points->len > 0)
            {
              graphene_point_t gap = GRAPHENE_POINT_INIT (NAN, NAN);

              g_array_append_val (hit.points, gap);
            }
          g_array_append_val (hit.points, p);
        }
    }
  cairo_path_destroy (path);
  g_array_append_val (self->hit_paths, hit);
}

static void
draw_link (CollateLinkOverlay *self,
           cairo_t            *cr,
           PaneState          *states,
           guint               n_states,
           Drawn              *drawn)
{
  LinkInfo *info = drawn->info;
  CollateSchema *schema = collate_project_get_schema (self->project);
  CollateLabel *label = collate_schema_lookup (schema, COLLATE_LABEL_KIND_LINK,
                                               collate_link_get_label (info->link));
  const char *id = collate_link_get_id (info->link);
  gboolean selected = g_strcmp0 (self->selected, id) == 0;
  gboolean hovered = g_strcmp0 (self->hovered, id) == 0;
  EndGeo *a = &drawn->ends[0], *b = &drawn->ends[1];
  PaneState *sa = &states[a->pane], *sb = &states[b->pane];
  PaneState inside;   /* a pane narrowed, for a loop in its own margin */
  gboolean a_right, b_right;
  double r = 0.5, g = 0.5, bl = 0.5, alpha, width, arrow;

  if (label != NULL)
    collate_label_get_rgb (label, &r, &g, &bl);
  alpha = (a->where == 0 && b->where == 0) ? 0.85 : 0.4;
  if (selected || hovered)
    alpha = 1.0;
  width = selected ? 3.5 : hovered ? 3.0 : 1.8;
  arrow = selected ? 9 : 7;

  cairo_new_path (cr);
  if (a->pane == b->pane)
    {
      /* within one report: a loop beside the pane, in the gutter (left of
       * the rightmost pane, whose right edge meets the side), else in the
       * text's margin */
      gboolean left = n_states > 1 && sa->column > 0 && sa->column == (int) self->n_columns - 1;
      double ax, ay, bx, by, bulge;

      inside = *sa;

      a_right = b_right = !left;
      bulge = (10 + MIN (12, ABS (by_of (sa, b) - by_of (sa, a)) / 16));
      if (self->n_columns == 1 || (!left && sa->column == (int) self->n_columns - 1))
        {
          /* no gutter on that side: in the margin, clear of the scroll bar */
          inside.bounds.size.width -= 16;
          sa = sb = &inside;
          bulge = -bulge;
        }
      else if (left)
        bulge = -bulge;
      edge_point (sa, a, a_right, &ax, &ay);
      edge_point (sb, b, b_right, &bx, &by);
      span_to_edge (cr, sa, a, a_right, TRUE);
      cairo_curve_to (cr, ax + bulge, ay, bx + bulge, by, bx, by);
      span_to_edge (cr, sb, b, b_right, FALSE);
    }
  else
    {
      double ax, ay, bx, by;
      int lo = MIN (sa->column, sb->column), hi = MAX (sa->column, sb->column);

      a_right = sa->column < sb->column;
      b_right = !a_right;
      edge_point (sa, a, a_right, &ax, &ay);
      edge_point (sb, b, b_right, &bx, &by);
      span_to_edge (cr, sa, a, a_right, TRUE);
      if (hi - lo == 1)
        {
          double d = (bx - ax) / 2;

          cairo_curve_to (cr, ax + d, ay, bx - d, by, bx, by);
        }
      else
        {
          /* over the title bars of the reports between, below their names */
          double top = MIN (sa->bounds.origin.y, sb->bounds.origin.y) - 2 - (self->n_over++ % 3) * 2.5;
          double dir = a_right ? 1 : -1;
          double gx_a = ax + dir * 12, gx_b = bx - dir * 12;

          cairo_curve_to (cr, gx_a, ay, gx_a, ay, gx_a, MAX (top + 8, MIN (ay, top + 8)));
          cairo_line_to (cr, gx_a, top + 8);
          cairo_curve_to (cr, gx_a, top, gx_a, top, gx_a + dir * 8, top);
          cairo_line_to (cr, gx_b - dir * 8, top);
          cairo_curve_to (cr, gx_b, top, gx_b, top, gx_b, top + 8);
          cairo_line_to (cr, gx_b, by);
          cairo_curve_to (cr, gx_b, by, gx_b, by, bx, by);
        }
      span_to_edge (cr, sb, b, b_right, FALSE);
    }

  /* a halo in the pane's colour keeps crossing lines apart */
  keep_hit_path (self, cr, info);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, width);
  cairo_set_source_rgba (cr, r, g, bl, alpha);
  cairo_stroke (cr);

  draw_end_mark (cr, sa, a, a_right, FALSE, arrow);
  draw_end_mark (cr, sb, b, b_right, TRUE, arrow);
  self->n_drawn++;
}

static int
compare_end_refs (gconstpointer x,
                  gconstpointer y)
{
  const EndGeo *a = *(EndGeo * const *) x, *b = *(EndGeo * const *) y;

  if (a->pane != b->pane)
    return a->pane - b->pane;
  if (a->where != b->where)
    return a->where - b->where;
  if (a->line.origin.y != b->line.origin.y)
    return (a->line.origin.y > b->line.origin.y) - (a->line.origin.y < b->line.origin.y);
  return (a->line.origin.x > b->line.origin.x) - (a->line.origin.x < b->line.origin.x);
}

/* Links that end on one line take lanes one below the other, the span
 * furthest from the pane's edge the highest */
static void
assign_lanes (GArray *drawn)
{
  g_autoptr(GPtrArray) refs = g_ptr_array_new ();

  for (guint i = 0; i < drawn->len; i++)
    for (int e = 0; e < 2; e++)
      g_ptr_array_add (refs, &g_array_index (drawn, Drawn, i).ends[e]);
  g_ptr_array_sort (refs, compare_end_refs);
  for (guint i = 0, lane = 0; i < refs->len; i++)
    {
      EndGeo *end = g_ptr_array_index (refs, i);
      EndGeo *prev = i > 0 ? g_ptr_array_index (refs, i - 1) : NULL;

      if (prev != NULL && prev->pane == end->pane && prev->where == end->where &&
          ABS (prev->line.origin.y - end->line.origin.y) < 1)
        lane++;
      else
        lane = 0;
      end->lane = lane;
    }
}

static void
collate_link_overlay_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  CollateLinkOverlay *self = COLLATE_LINK_OVERLAY (widget);
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GArray) drawn = NULL;
  g_autofree PaneState *states = NULL;
  LinkInfo *selected_info = NULL;
  cairo_t *cr;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  guint n_states;

  self->n_drawn = 0;
  self->n_over = 0;
  g_array_set_size (self->hit_paths, 0);
  if (self->project == NULL || self->panes->len == 0 || g_hash_table_size (self->links) == 0)
    return;

  n_states = self->panes->len;
  states = g_new0 (PaneState, n_states);
  seen = g_hash_table_new (NULL, NULL);
  drawn = g_array_new (FALSE, FALSE, sizeof (Drawn));

  self->n_columns = 0;
  for (guint i = 0; i < n_states; i++)
    {
      PaneState *state = &states[i];

      state->pane = g_ptr_array_index (self->panes, i);
      state->column = -1;
      if (!gtk_widget_get_mapped (GTK_WIDGET (state->pane)))
        continue;
      collate_document_view_get_visible_range (state->pane, &state->vis_start, &state->vis_end);
      collate_document_view_get_text_bounds (state->pane, widget, &state->bounds);
    }
  /* the columns, left to right, of the panes shown */
  for (guint i = 0; i < n_states; i++)
    {
      if (!gtk_widget_get_mapped (GTK_WIDGET (states[i].pane)))
        continue;
      states[i].column = 0;
      for (guint j = 0; j < n_states; j++)
        if (j != i && gtk_widget_get_mapped (GTK_WIDGET (states[j].pane)) &&
            states[j].bounds.origin.x < states[i].bounds.origin.x)
          states[i].column++;
      self->n_columns++;
    }

  if (self->selected != NULL)
    selected_info = g_hash_table_lookup (self->links, self->selected);

  for (guint i = 0; i < n_states; i++)
    {
      PaneState *state = &states[i];
      const char *doc_id = collate_document_get_id (collate_document_view_get_document (state->pane));
      GArray *array = g_hash_table_lookup (self->ends, doc_id);
      guint from = state->vis_start > NEAR_CHARS ? state->vis_start - NEAR_CHARS : 0;

      if (array == NULL || state->column < 0)
        continue;
      for (guint j = lower_bound (array, from); j < array->len; j++)
        {
          LinkEnd *end = &g_array_index (array, LinkEnd, j);
          Drawn d = { end->info };
          int pa, pb;

          if (end->offset >= state->vis_end + NEAR_CHARS)
            break;
          if (end->info == selected_info || !g_hash_table_add (seen, end->info))
            continue;
          pa = find_pane (states, n_states, end->info->from_doc);
          pb = find_pane (states, n_states, end->info->to_doc);
          if (pa < 0 || pb < 0)
            continue;
          d.ends[0].pane = pa;
          d.ends[1].pane = pb;
          locate (&states[pa], widget, end->info->from_start, end->info->from_end, &d.ends[0]);
          locate (&states[pb], widget, end->info->to_start, end->info->to_end, &d.ends[1]);
          if (d.ends[0].where != 0 && d.ends[1].where != 0)
            continue;
          g_array_append_val (drawn, d);
        }
    }

  /* the selected link last, over the others, even with both ends out of sight */
  if (selected_info != NULL)
    {
      Drawn d = { selected_info };

      d.ends[0].pane = find_pane (states, n_states, selected_info->from_doc);
      d.ends[1].pane = find_pane (states, n_states, selected_info->to_doc);
      if (d.ends[0].pane >= 0 && d.ends[1].pane >= 0)
        {
          locate (&states[d.ends[0].pane], widget, selected_info->from_start, selected_info->from_end, &d.ends[0]);
          locate (&states[d.ends[1].pane], widget, selected_info->to_start, selected_info->to_end, &d.ends[1]);
          g_array_append_val (drawn, d);
        }
    }
  if (drawn->len == 0)
    return;

  assign_lanes (drawn);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  for (guint i = 0; i < drawn->len; i++)
    draw_link (self, cr, states, n_states, &g_array_index (drawn, Drawn, i));
  cairo_destroy (cr);
}

/* ── The pointer ──────────────────────────────────────────────────── */

static double
distance_to_segment (const graphene_point_t *p,
                     const graphene_point_t *a,
                     const graphene_point_t *b)
{
  double dx = b->x - a->x, dy = b->y - a->y;
  double len = dx * dx + dy * dy;
  double t = len > 0 ? ((p->x - a->x) * dx + (p->y - a->y) * dy) / len : 0;
  double x, y;

  t = CLAMP (t, 0, 1);
  x = a->x + t * dx - p->x;
  y = a->y + t * dy - p->y;
  return sqrt (x * x + y * y);
}

const char *
collate_link_overlay_link_at (CollateLinkOverlay *self,
                              double              x,
                              double              y)
{
  graphene_point_t p = GRAPHENE_POINT_INIT (x, y);
  const char *best = NULL;
  double best_distance = HIT_DISTANCE;

  g_return_val_if_fail (COLLATE_IS_LINK_OVERLAY (self), NULL);

  /* the last drawn (the selected one) wins a tie */
  for (guint i = 0; i < self->hit_paths->len; i++)
    {
      HitPath *path = &g_array_index (self->hit_paths, HitPath, i);

      for (guint j = 1; j < path->points->len; j++)
        {
          graphene_point_t *a = &g_array_index (path->points, graphene_point_t, j - 1);
          graphene_point_t *b = &g_array_index (path->points, graphene_point_t, j);
          double d;

          if (isnan (a->x) || isnan (b->x))
            continue;
          d = distance_to_segment (&p, a, b);
          if (d <= best_distance)
            {
              best_distance = d;
              best = path->id;
            }
        }
    }
  return best;
}

static gboolean
collate_link_overlay_contains (GtkWidget *widget,
                               double     x,
                               double     y)
{
  /* only the curves take the pointer: everything else goes to the text */
  return collate_link_overlay_link_at (COLLATE_LINK_OVERLAY (widget), x, y) != NULL;
}

static void
set_hovered (CollateLinkOverlay *self,
             const char         *id)
{
  if (g_strcmp0 (self->hovered, id) == 0)
    return;
  g_free (self->hovered);
  self->hovered = g_strdup (id);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), id != NULL ? "pointer" : NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           CollateLinkOverlay       *self)
{
  set_hovered (self, collate_link_overlay_link_at (self, x, y));
}

static void
on_leave (GtkEventControllerMotion *controller,
          CollateLinkOverlay       *self)
{
  set_hovered (self, NULL);
}

static void
on_pressed (GtkGestureClick    *gesture,
            int                 n_press,
            double              x,
            double              y,
            CollateLinkOverlay *self)
{
  const char *id = collate_link_overlay_link_at (self, x, y);

  if (id == NULL)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  g_signal_emit (self, signals[LINK_ACTIVATED], 0, id);
}

static char *
quote_of (CollateProject *project,
          const char     *id)
{
  CollateAnnotation *span = collate_project_lookup_annotation (project, id);

  return span != NULL ? collate_text_quote (collate_annotation_get_text (span), 60) : g_strdup ("");
}

static char *
document_title_of (CollateProject *project,
                   const char     *span_id)
{
  CollateAnnotation *span = collate_project_lookup_annotation (project, span_id);
  CollateDocument *document = span != NULL
    ? collate_project_lookup_document (project, collate_annotation_get_document_id (span)) : NULL;

  return document != NULL ? collate_text_quote (collate_document_get_title (document), 40) : g_strdup ("");
}

static gboolean
on_query_tooltip (GtkWidget          *widget,
                  int                 x,
                  int                 y,
                  gboolean            keyboard_mode,
                  GtkTooltip         *tooltip,
                  CollateLinkOverlay *self)
{
  const char *id = keyboard_mode ? self->selected : collate_link_overlay_link_at (self, x, y);
  CollateLink *link = id != NULL ? collate_project_lookup_link (self->project, id) : NULL;
  g_autofree char *from = NULL, *to = NULL, *from_doc = NULL, *to_doc = NULL, *markup = NULL;
  const char *note;

  if (link == NULL)
    return FALSE;
  from = quote_of (self->project, collate_link_get_from (link));
  to = quote_of (self->project, collate_link_get_to (link));
  from_doc = document_title_of (self->project, collate_link_get_from (link));
  to_doc = document_title_of (self->project, collate_link_get_to (link));
  note = collate_link_get_note (link);
  /* Translators: a link's tooltip: its label, then the two spans it joins
   * ("quote" in report title → "quote" in report title) */
  markup = g_markup_printf_escaped (_("<b>%s</b>\n“%s” <i>in %s</i>\n→ “%s” <i>in %s</i>"),
                                    collate_link_get_label (link), from, from_doc, to, to_doc);
  if (note != NULL && *note != '\0')
    {
      g_autofree char *note_quote = collate_text_quote (note, 200);
      g_autofree char *escaped = g_markup_escape_text (note_quote, -1);
      char *with_note = g_strconcat (markup, "\n", escaped, NULL);

      g_free (markup);
      markup = with_note;
    }
  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
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
  g_clear_pointer (&self->hovered, g_free);
  g_clear_pointer (&self->hit_paths, g_array_unref);

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
  widget_class->contains = collate_link_overlay_contains;

  signals[LINK_ACTIVATED] =
    g_signal_new ("link-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  gtk_widget_class_set_css_name (widget_class, "collate-links");
}

static void
collate_link_overlay_init (CollateLinkOverlay *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  self->panes = g_ptr_array_new_with_free_func (g_object_unref);
  self->links = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, link_info_free);
  self->ends = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) g_array_unref);
  self->hit_paths = g_array_new (FALSE, FALSE, sizeof (HitPath));
  g_array_set_clear_func (self->hit_paths, hit_path_clear);
  gtk_widget_set_can_focus (GTK_WIDGET (self), FALSE);
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), self);
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

void
collate_link_overlay_stop_following (CollateLinkOverlay *self)
{
  g_return_if_fail (COLLATE_IS_LINK_OVERLAY (self));

  g_signal_handlers_disconnect_by_data (self->project, self);
}
