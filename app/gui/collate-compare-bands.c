/* collate-compare-bands.c — bands between two panes joining aligned passages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "collate-compare-bands.h"

struct _CollateCompareBands
{
  GtkWidget            parent_instance;

  CollateDocumentView *panes[2];
  CollateComparison   *comparison;
  guint                focus_side;
  guint                focus_offset;
  gboolean             has_focus;
  gboolean             has_other;     /* prefer the pair that also holds other_offset */
  guint                other_offset;
  guint                n_drawn;
};

G_DEFINE_FINAL_TYPE (CollateCompareBands, collate_compare_bands, GTK_TYPE_WIDGET)

static void
draw_band (CollateCompareBands      *self,
           cairo_t                  *cr,
           const CollateAlignedPair *pair,
           const GdkRGBA            *color,
           double                    strength)
{
  GtkWidget *widget = GTK_WIDGET (self);
  graphene_rect_t bounds[2];
  double top[2], bottom[2], edge[2];
  int left, right;

  for (guint side = 0; side < 2; side++)
    {
      if (!gtk_widget_get_mapped (GTK_WIDGET (self->panes[side])) ||
          !collate_document_view_locate_lines (self->panes[side], pair->start[side], pair->end[side],
                                               widget, &top[side], &bottom[side]))
        return;
      collate_document_view_get_text_bounds (self->panes[side], widget, &bounds[side]);
    }

  /* from the right edge of the left pane to the left edge of the right one */
  left = bounds[0].origin.x <= bounds[1].origin.x ? 0 : 1;
  right = 1 - left;
  edge[left] = bounds[left].origin.x + bounds[left].size.width;
  edge[right] = bounds[right].origin.x;

  cairo_set_source_rgba (cr, color->red, color->green, color->blue, 0.07 * strength);
  /* the passages themselves, faintly */
  for (guint side = 0; side < 2; side++)
    {
      cairo_rectangle (cr, bounds[side].origin.x, top[side], bounds[side].size.width, bottom[side] - top[side]);
      cairo_fill (cr);
    }

  /* the band across the gutter */
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, 0.22 * strength);
  cairo_move_to (cr, edge[left], top[left]);
  cairo_curve_to (cr, (edge[left] + edge[right]) / 2, top[left],
                  (edge[left] + edge[right]) / 2, top[right], edge[right], top[right]);
  cairo_line_to (cr, edge[right], bottom[right]);
  cairo_curve_to (cr, (edge[left] + edge[right]) / 2, bottom[right],
                  (edge[left] + edge[right]) / 2, bottom[left], edge[left], bottom[left]);
  cairo_close_path (cr);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, 0.45 * strength);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);

  /* a bar at each pane's edge, the length of the passage */
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, 0.7 * strength);
  cairo_rectangle (cr, edge[left] - 3, top[left], 3, bottom[left] - top[left]);
  cairo_rectangle (cr, edge[right], top[right], 3, bottom[right] - top[right]);
  cairo_fill (cr);
  self->n_drawn++;
}

static void
collate_compare_bands_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  CollateCompareBands *self = COLLATE_COMPARE_BANDS (widget);
  g_autoptr(GArray) found = NULL;
  GArray *pairs;
  GdkRGBA color;
  cairo_t *cr;

  self->n_drawn = 0;
  if (self->comparison == NULL || self->panes[0] == NULL || self->panes[1] == NULL || !self->has_focus)
    return;

  found = collate_comparison_find_pairs_at (self->comparison, self->focus_side, self->focus_offset);
  if (found == NULL || found->len == 0)
    return;
  pairs = collate_comparison_get_pairs (self->comparison);

  /* the accent colour: the text view's selection colour where the theme
   * defines it, else a calm blue */
  color = (GdkRGBA) { 0.21, 0.52, 0.89, 1.0 };
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                                  gtk_widget_get_height (widget)));
  /* one band: the best pair, or the one that also holds the other side's
   * offset (a suggestion's two passages) */
  {
    const CollateAlignedPair *chosen = &g_array_index (pairs, CollateAlignedPair, g_array_index (found, guint, 0));
    guint other = 1 - self->focus_side;

    for (guint i = 0; self->has_other && i < found->len; i++)
      {
        const CollateAlignedPair *pair = &g_array_index (pairs, CollateAlignedPair, g_array_index (found, guint, i));

        if (pair->start[other] <= self->other_offset && self->other_offset < pair->end[other])
          {
            chosen = pair;
            break;
          }
      }
    draw_band (self, cr, chosen, &color, 1.0);
  }
  cairo_destroy (cr);
}

static void
collate_compare_bands_dispose (GObject *object)
{
  CollateCompareBands *self = COLLATE_COMPARE_BANDS (object);

  collate_compare_bands_set_panes (self, NULL, NULL);
  g_clear_object (&self->comparison);

  G_OBJECT_CLASS (collate_compare_bands_parent_class)->dispose (object);
}

static void
collate_compare_bands_class_init (CollateCompareBandsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = collate_compare_bands_dispose;
  widget_class->snapshot = collate_compare_bands_snapshot;
  gtk_widget_class_set_css_name (widget_class, "collate-bands");
}

static void
collate_compare_bands_init (CollateCompareBands *self)
{
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
  gtk_widget_set_can_focus (GTK_WIDGET (self), FALSE);
}

CollateCompareBands *
collate_compare_bands_new (void)
{
  return g_object_new (COLLATE_TYPE_COMPARE_BANDS, NULL);
}

void
collate_compare_bands_set_panes (CollateCompareBands *self,
                                 CollateDocumentView *a,
                                 CollateDocumentView *b)
{
  g_return_if_fail (COLLATE_IS_COMPARE_BANDS (self));

  for (guint side = 0; side < 2; side++)
    {
      if (self->panes[side] != NULL)
        g_signal_handlers_disconnect_by_data (self->panes[side], self);
      g_clear_object (&self->panes[side]);
    }
  if (a != NULL && b != NULL)
    {
      self->panes[0] = g_object_ref (a);
      self->panes[1] = g_object_ref (b);
      for (guint side = 0; side < 2; side++)
        g_signal_connect_swapped (self->panes[side], "view-changed", G_CALLBACK (gtk_widget_queue_draw), self);
    }
  self->has_focus = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
collate_compare_bands_set_comparison (CollateCompareBands *self,
                                      CollateComparison   *comparison)
{
  g_return_if_fail (COLLATE_IS_COMPARE_BANDS (self));

  g_set_object (&self->comparison, comparison);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
collate_compare_bands_set_focus (CollateCompareBands *self,
                                 guint                side,
                                 guint                offset)
{
  g_return_if_fail (COLLATE_IS_COMPARE_BANDS (self));
  g_return_if_fail (side < 2);

  self->focus_side = side;
  self->focus_offset = offset;
  self->has_focus = TRUE;
  self->has_other = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
collate_compare_bands_set_focus_pair (CollateCompareBands *self,
                                      guint                offset_a,
                                      guint                offset_b)
{
  g_return_if_fail (COLLATE_IS_COMPARE_BANDS (self));

  collate_compare_bands_set_focus (self, 0, offset_a);
  self->has_other = TRUE;
  self->other_offset = offset_b;
}

guint
collate_compare_bands_get_n_drawn (CollateCompareBands *self)
{
  g_return_val_if_fail (COLLATE_IS_COMPARE_BANDS (self), 0);
  return self->n_drawn;
}
