/* collate-document-view.c — one pane: a document's title and its text, with spans
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "collate-accessible.h"
#include "collate-document-view.h"

/* Spans are drawn three times: a translucent background from one
 * GtkTextTag per label (applied to merged ranges), and, for the visible part
 * only, a thin underline per span in its label's colour, stacked when spans
 * overlap and closed by a bracket at either end, so that nested and
 * overlapping spans stay distinguishable; and a small tag with the label's
 * name in the space above the span's first line, so that the label can be
 * read without telling colours apart.  The tags use the space between lines
 * only: they never move or cover the text. */

#define UNDERLINE_HEIGHT   2
#define UNDERLINE_STEP     3
#define MAX_UNDERLINES     4
#define TEXT_MARGIN        14   /* left and right of the text, at the least */
#define LINE_CHARS         72   /* a comfortable line, in average characters */
#define SYNC_LOAD_LIMIT    20000   /* spans applied at once below this */
#define LOAD_CHUNK_CHARS   120000  /* characters per batch above it */
#define PANE_MIN_WIDTH     180
#define MAX_TAGS_DRAWN     1500   /* label tags on one screen, at the most */

typedef struct
{
  GtkTextTag *tag;
  guint       run_start;
  guint       run_end;
  gboolean    open;
} LabelTag;

/* ── The text view with stacked underlines ─────────────────────────── */

#define COLLATE_TYPE_SPAN_TEXT_VIEW (collate_span_text_view_get_type ())
G_DECLARE_FINAL_TYPE (CollateSpanTextView, collate_span_text_view, COLLATE, SPAN_TEXT_VIEW, GtkTextView)

struct _CollateSpanTextView
{
  GtkTextView          parent_instance;
  CollateDocumentView *pane;   /* unowned: the pane owns us */
};

G_DEFINE_FINAL_TYPE (CollateSpanTextView, collate_span_text_view, GTK_TYPE_TEXT_VIEW)

struct _CollateDocumentView
{
  GtkWidget        parent_instance;

  CollateProject  *project;
  CollateDocument *document;

  GtkWidget       *box;
  GtkWidget       *title;
  GtkWidget       *scroller;
  GtkWidget       *text_view;
  GtkTextBuffer   *buffer;

  GHashTable      *label_tags;   /* label name → LabelTag */
  GtkTextTag      *selected_tag;
  GArray          *highlight;    /* guint pairs */
  GtkCssProvider  *font_css;
  gboolean         dark;
  int              font_points;
  gboolean         show_tags;
  GHashTable      *tag_layouts;  /* "name\nlength" → PangoLayout of a label tag */

  guint            load_offset;
  guint            load_source;

  GtkWidget       *label_popover;
  GtkWidget       *label_heading;
  GtkWidget       *choice_popover;
  gboolean         choice_link;

  double           press_x;
  double           press_y;
  gboolean         pressed;
  gboolean         ctrl_press;
  gboolean         ctrl_held;
  guint            release_source;
  gboolean         pointer_selection;  /* the selection is a mouse drag's, untouched since */
  guint32          last_press_time;
  gboolean         double_press;       /* the last press was the second of a double click */

  /* handles at the selected span's edges */
  GArray          *marks;              /* guint pairs: suggested differences */
  gboolean         handles_shown;
  guint            handle_offsets[2];  /* start, end */
  int              dragging;           /* the handle being dragged (0, 1), or -1 */
  guint            drag_offset;
};

G_DEFINE_FINAL_TYPE (CollateDocumentView, collate_document_view, GTK_TYPE_WIDGET)

enum
{
  SPAN_CLICKED,
  EMPTY_CLICKED,
  TAG_REQUESTED,
  EDGE_MOVED,
  CARET_MOVED,
  VIEW_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void label_tag_free (gpointer data) { g_free (data); }
static void draw_handles (CollateDocumentView *self, GtkSnapshot *snapshot, const GdkRGBA *color);

static void
get_visible_offsets (GtkTextView *view,
                     guint       *start,
                     guint       *end)
{
  GdkRectangle rect;
  GtkTextIter a, b;

  gtk_text_view_get_visible_rect (view, &rect);
  gtk_text_view_get_iter_at_location (view, &a, rect.x, rect.y);
  gtk_text_view_get_iter_at_location (view, &b, rect.x + rect.width, rect.y + rect.height);
  gtk_text_iter_set_line_offset (&a, 0);
  if (!gtk_text_iter_ends_line (&b))
    gtk_text_iter_forward_to_line_end (&b);
  *start = gtk_text_iter_get_offset (&a);
  *end = gtk_text_iter_get_offset (&b) + 1;
}

/* Calls @func for each display-line segment of [start, end) */
typedef void (*SegmentFunc) (GdkRectangle *segment, gpointer data);

static void
foreach_segment (GtkTextView *view,
                 guint        start,
                 guint        end,
                 SegmentFunc  func,
                 gpointer     data)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter it, stop;
  guint guard = 0;

  gtk_text_buffer_get_iter_at_offset (buffer, &it, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &stop, end);

  while (gtk_text_iter_compare (&it, &stop) < 0 && guard++ < 400)
    {
      GdkRectangle r0, r1, seg;
      GtkTextIter line_end = it;

      gtk_text_view_get_iter_location (view, &it, &r0);
      if (!gtk_text_view_forward_display_line_end (view, &line_end)
          || gtk_text_iter_compare (&line_end, &stop) > 0
          || gtk_text_iter_compare (&line_end, &it) <= 0)
        line_end = stop;
      gtk_text_view_get_iter_location (view, &line_end, &r1);

      seg.x = r0.x;
      seg.y = r0.y;
      seg.height = r0.height;
      seg.width = (r1.y == r0.y) ? r1.x - r0.x : r0.width;
      if (r1.y == r0.y && gtk_text_iter_compare (&line_end, &stop) < 0)
        seg.width += r1.width;   /* include the last character of the line */
      if (r1.y == r0.y && seg.width < 0)
        {
          /* right-to-left text: the start stands right of the end */
          seg.x = r1.x + (gtk_text_iter_compare (&line_end, &stop) < 0 ? 0 : r1.width);
          seg.width = r0.x + r0.width - seg.x;
        }
      if (seg.width > 0)
        func (&seg, data);

      if (gtk_text_iter_compare (&line_end, &stop) >= 0)
        break;
      it = line_end;
      if (!gtk_text_view_forward_display_line (view, &it))
        break;
    }
}

typedef struct
{
  GtkSnapshot *snapshot;
  GdkRGBA      color;
  int          level;
} UnderlineData;

typedef struct
{
  GtkSnapshot  *snapshot;
  GdkRGBA       color;
  int           level;
  guint         start;      /* the span's, to close it with brackets */
  guint         end;
  GtkTextView  *view;
  gboolean      have_first;
  GdkRectangle  first;      /* the first segment drawn */
} SpanDrawData;

static void
draw_span_segment (GdkRectangle *seg,
                   gpointer      data)
{
  SpanDrawData *d = data;
  int y = seg->y + seg->height + 1 + d->level * UNDERLINE_STEP;

  gtk_snapshot_append_color (d->snapshot, &d->color,
                             &GRAPHENE_RECT_INIT (seg->x, y, seg->width, UNDERLINE_HEIGHT));
  if (!d->have_first)
    {
      d->first = *seg;
      d->have_first = TRUE;
    }
}

static gboolean
is_rtl_char (gunichar c)
{
  switch (g_unichar_get_script (c))
    {
    case G_UNICODE_SCRIPT_ARABIC:
    case G_UNICODE_SCRIPT_HEBREW:
    case G_UNICODE_SCRIPT_SYRIAC:
    case G_UNICODE_SCRIPT_THAANA:
    case G_UNICODE_SCRIPT_NKO:
      return TRUE;
    default:
      return FALSE;
    }
}

/* The brackets that close a span's underline: a tick up to the text at
 * its first and last character, so that where one span ends and the next
 * begins shows without colour */
static void
draw_span_brackets (SpanDrawData *d,
                    guint         vis_start,
                    guint         vis_end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (d->view);
  int bottom_gap = 1 + d->level * UNDERLINE_STEP;

  for (int i = 0; i < 2; i++)
    {
      guint offset = i == 0 ? d->start : d->end - 1;
      GtkTextIter iter;
      GdkRectangle r;
      gboolean rtl;
      int x;

      if (offset < vis_start || offset >= vis_end)
        continue;
      gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
      gtk_text_view_get_iter_location (d->view, &iter, &r);
      rtl = r.width < 0;
      if (rtl)
        {
          r.x += r.width;
          r.width = -r.width;
        }
      /* the start's left edge (right in right-to-left text), the end's right */
      x = ((i == 0) != (rtl || is_rtl_char (gtk_text_iter_get_char (&iter)))) ? r.x : r.x + r.width - 1;
      gtk_snapshot_append_color (d->snapshot, &d->color,
                                 &GRAPHENE_RECT_INIT (x, r.y + r.height - 2, 1,
                                                      bottom_gap + UNDERLINE_HEIGHT + 2));
    }
}

/* A suggested difference: a dotted line over the text, where no span's
 * underline is */
static void
draw_dots (GdkRectangle *seg,
           gpointer      data)
{
  UnderlineData *u = data;

  for (int x = seg->x; x + 2 <= seg->x + seg->width; x += 4)
    gtk_snapshot_append_color (u->snapshot, &u->color,
                               &GRAPHENE_RECT_INIT (x, seg->y - 1, 2, 2));
}

static void
draw_outline (GdkRectangle *seg,
              gpointer      data)
{
  UnderlineData *u = data;
  GskRoundedRect outline;
  float widths[4] = { 2, 2, 2, 2 };
  GdkRGBA colors[4] = { u->color, u->color, u->color, u->color };

  gsk_rounded_rect_init_from_rect (&outline,
                                   &GRAPHENE_RECT_INIT (seg->x - 2, seg->y - 1,
                                                        seg->width + 4, seg->height + 2),
                                   3);
  gtk_snapshot_append_border (u->snapshot, &outline, widths, colors);
}

/* ── Label tags ─────────────────────────────────────────────────────── */

typedef struct
{
  GdkRectangle  seg;        /* the span's first visible segment */
  const char   *name;
  GdkRGBA       color;
  int           level;
  gboolean      selected;
} TagPlace;

static int
compare_tag_places (gconstpointer a,
                    gconstpointer b)
{
  const TagPlace *x = a, *y = b;

  if (x->seg.y != y->seg.y)
    return (x->seg.y > y->seg.y) - (x->seg.y < y->seg.y);
  if (x->seg.x != y->seg.x)
    return (x->seg.x > y->seg.x) - (x->seg.x < y->seg.x);
  return x->level - y->level;
}

/* The tags' text: a small sans face that fits the space between lines */
static PangoLayout *
tag_layout (CollateDocumentView *self,
            const char          *name,
            glong                chars)
{
  g_autofree char *key = g_strdup_printf ("%s\n%ld", name, chars);
  PangoLayout *layout = g_hash_table_lookup (self->tag_layouts, key);

  if (layout == NULL)
    {
      g_autofree char *text = g_utf8_substring (name, 0, chars);
      PangoFontDescription *font = pango_font_description_from_string ("sans");
      int gap = gtk_text_view_get_pixels_below_lines (GTK_TEXT_VIEW (self->text_view));
      double px = MAX (7.0, MIN (gap * 0.66, self->font_points * 96.0 / 72.0 * 0.62));

      pango_font_description_set_absolute_size (font, px * PANGO_SCALE);
      layout = gtk_widget_create_pango_layout (self->text_view, text);
      pango_layout_set_font_description (layout, font);
      pango_font_description_free (font);
      g_hash_table_insert (self->tag_layouts, g_steal_pointer (&key), layout);
    }
  return layout;
}

static void
forget_tag_layouts (CollateDocumentView *self)
{
  g_hash_table_remove_all (self->tag_layouts);
}

static void
draw_tag (CollateDocumentView *self,
          GtkSnapshot         *snapshot,
          PangoLayout         *layout,
          const TagPlace      *place,
          int                  x,
          const GdkRGBA       *fg)
{
  PangoRectangle ink, logical;
  GskRoundedRect box;
  GdkRGBA text;
  int gap = gtk_text_view_get_pixels_below_lines (GTK_TEXT_VIEW (self->text_view));
  int height, width, top;
  double luminance;

  pango_layout_get_pixel_extents (layout, &ink, &logical);
  /* as tall as the letters need, never into the line above's underline */
  height = MIN (logical.height, gap - 3);
  width = logical.width + 4;
  top = place->seg.y - 1 - height;

  gsk_rounded_rect_init_from_rect (&box, &GRAPHENE_RECT_INIT (x, top, width, height), 2);
  gtk_snapshot_push_rounded_clip (snapshot, &box);
  gtk_snapshot_append_color (snapshot, &place->color, &box.bounds);
  gtk_snapshot_pop (snapshot);
  if (place->selected)
    {
      float widths[4] = { 1, 1, 1, 1 };
      GdkRGBA colors[4] = { *fg, *fg, *fg, *fg };

      gtk_snapshot_append_border (snapshot, &box, widths, colors);
    }

  luminance = 0.2126 * place->color.red + 0.7152 * place->color.green + 0.0722 * place->color.blue;
  text = luminance > 0.45 ? (GdkRGBA) { 0.08, 0.08, 0.08, 1 } : (GdkRGBA) { 1, 1, 1, 1 };
  gtk_snapshot_save (snapshot);
  /* the letters' middle in the box's middle */
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (x + 2, top + (height - logical.height) / 2.0));
  gtk_snapshot_append_layout (snapshot, layout, &text);
  gtk_snapshot_restore (snapshot);
}

/* Lays the tags of one screen out line by line, left to right: each at its
 * span's start, pushed right past the tag before it; shortened to three
 * letters, then one, where the full name would run into the next span's
 * tag */
static void
draw_tags (CollateDocumentView *self,
           GtkSnapshot         *snapshot,
           GArray              *places,
           int                  right_edge)
{
  GdkRGBA fg;
  int last_y = G_MININT, last_right = G_MININT;

  gtk_style_context_get_color (gtk_widget_get_style_context (self->text_view), &fg);
  g_array_sort (places, compare_tag_places);
  for (guint i = 0; i < places->len; i++)
    {
      TagPlace *place = &g_array_index (places, TagPlace, i);
      glong length = g_utf8_strlen (place->name, -1);
      glong tries[3] = { length, MIN (length, 3), 1 };
      PangoLayout *layout = NULL;
      int limit = right_edge, x;

      if (place->seg.y != last_y)
        {
          last_y = place->seg.y;
          last_right = G_MININT;
        }
      x = MAX (place->seg.x, last_right + 2);
      if (place->selected && self->handles_shown)
        x = MAX (x, place->seg.x + 5);   /* beside the start handle's knob */
      for (guint j = i + 1; j < places->len; j++)
        {
          TagPlace *next = &g_array_index (places, TagPlace, j);

          if (next->seg.y != place->seg.y)
            break;
          if (next->seg.x > place->seg.x + 1)
            {
              limit = next->seg.x - 2;
              break;
            }
        }
      for (guint t = 0; t < G_N_ELEMENTS (tries); t++)
        {
          PangoRectangle logical;

          layout = tag_layout (self, place->name, tries[t]);
          pango_layout_get_pixel_extents (layout, NULL, &logical);
          if (x + logical.width + 4 <= MAX (limit, place->seg.x + place->seg.width))
            break;
        }
      draw_tag (self, snapshot, layout, place, x, &fg);
      {
        PangoRectangle logical;

        pango_layout_get_pixel_extents (layout, NULL, &logical);
        last_right = x + logical.width + 4;
      }
    }
}

static void
collate_span_text_view_snapshot_layer (GtkTextView      *view,
                                       GtkTextViewLayer  layer,
                                       GtkSnapshot      *snapshot)
{
  CollateSpanTextView *self = COLLATE_SPAN_TEXT_VIEW (view);
  CollateDocumentView *pane = self->pane;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GArray) places = NULL;
  guint ends[MAX_UNDERLINES] = { 0 };
  guint vis_start, vis_end;
  GdkRectangle visible;

  if (layer != GTK_TEXT_VIEW_LAYER_ABOVE_TEXT || pane == NULL || pane->project == NULL)
    return;

  get_visible_offsets (view, &vis_start, &vis_end);
  gtk_text_view_get_visible_rect (view, &visible);
  spans = collate_project_get_spans_in_range (pane->project,
                                              collate_document_get_id (pane->document),
                                              vis_start, vis_end);
  if (pane->show_tags)
    places = g_array_new (FALSE, FALSE, sizeof (TagPlace));
  for (guint i = 0; spans != NULL && i < spans->len && i < 2000; i++)
    {
      CollateAnnotation *span = g_ptr_array_index (spans, i);
      CollateSchema *schema = collate_project_get_schema (pane->project);
      CollateLabel *label = collate_schema_lookup (schema, COLLATE_LABEL_KIND_SPAN,
                                                   collate_annotation_get_label (span));
      guint start = collate_annotation_get_start (span);
      guint end = collate_annotation_get_end (span);
      SpanDrawData d = { snapshot, { 0.5, 0.5, 0.5, 1.0 }, MAX_UNDERLINES - 1, start, end, view };
      double r, g, b;

      for (int l = 0; l < MAX_UNDERLINES; l++)
        if (ends[l] <= start)
          {
            d.level = l;
            break;
          }
      ends[d.level] = MAX (ends[d.level], end);

      if (label != NULL)
        {
          collate_label_get_rgb (label, &r, &g, &b);
          d.color = (GdkRGBA) { r, g, b, 1.0 };
        }
      foreach_segment (view, MAX (start, vis_start), MIN (end, vis_end),
                       draw_span_segment, &d);
      if (!d.have_first)
        continue;
      draw_span_brackets (&d, vis_start, vis_end);
      if (places != NULL && places->len < MAX_TAGS_DRAWN &&
          d.first.y + d.first.height >= visible.y && d.first.y <= visible.y + visible.height)
        {
          TagPlace place = { d.first, collate_annotation_get_label (span), d.color, d.level, FALSE };

          for (guint h = 0; h + 1 < pane->highlight->len; h += 2)
            if (g_array_index (pane->highlight, guint, h) == start &&
                g_array_index (pane->highlight, guint, h + 1) == end)
              place.selected = TRUE;
          g_array_append_val (places, place);
        }
    }

  for (guint i = 0; pane->highlight != NULL && i + 1 < pane->highlight->len; i += 2)
    {
      UnderlineData u = { snapshot, { 0, 0, 0, 1.0 }, 0 };
      guint start = g_array_index (pane->highlight, guint, i);
      guint end = g_array_index (pane->highlight, guint, i + 1);

      /* the text's own colour: the strongest contrast in light and dark */
      gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (view)), &u.color);
      u.color.alpha = 0.9;
      if (end <= vis_start || start >= vis_end)
        continue;
      foreach_segment (view, MAX (start, vis_start), MIN (end, vis_end),
                       draw_outline, &u);
    }

  for (guint i = 0; pane->marks != NULL && i + 1 < pane->marks->len; i += 2)
    {
      guint start = g_array_index (pane->marks, guint, i);
      guint end = g_array_index (pane->marks, guint, i + 1);
      UnderlineData u = { snapshot, { 0, 0, 0, 0.75 }, 0 };

      if (end <= vis_start || start >= vis_end)
        continue;
      gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (view)), &u.color);
      u.color.alpha = 0.75;
      foreach_segment (view, MAX (start, vis_start), MIN (end, vis_end), draw_dots, &u);
    }

  /* over the outline of the selection, under its handles */
  if (places != NULL && places->len > 0)
    draw_tags (pane, snapshot, places, visible.x + visible.width);

  if (pane->handles_shown)
    {
      GdkRGBA color;

      gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (view)), &color);
      draw_handles (pane, snapshot, &color);
    }
}

/* Light or dark: follow the text colour the style gives, whatever set it
 * (the settings, GTK_THEME, a high-contrast theme) */
static void
collate_span_text_view_css_changed (GtkWidget         *widget,
                                    GtkCssStyleChange *change)
{
  CollateSpanTextView *self = COLLATE_SPAN_TEXT_VIEW (widget);
  GdkRGBA fg;
  gboolean dark;

  GTK_WIDGET_CLASS (collate_span_text_view_parent_class)->css_changed (widget, change);

  if (self->pane == NULL)
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  dark = 0.2126 * fg.red + 0.7152 * fg.green + 0.0722 * fg.blue > 0.5;
  if (dark != self->pane->dark)
    collate_document_view_update_style (self->pane, dark);
}

static void
collate_span_text_view_class_init (CollateSpanTextViewClass *klass)
{
  GTK_TEXT_VIEW_CLASS (klass)->snapshot_layer = collate_span_text_view_snapshot_layer;
  GTK_WIDGET_CLASS (klass)->css_changed = collate_span_text_view_css_changed;
}

static void
collate_span_text_view_init (CollateSpanTextView *self)
{
}

/* ── Tags ──────────────────────────────────────────────────────────── */

static void
set_tag_colour (CollateDocumentView *self,
                LabelTag            *lt,
                const char          *name)
{
  CollateSchema *schema = collate_project_get_schema (self->project);
  CollateLabel *label = collate_schema_lookup (schema, COLLATE_LABEL_KIND_SPAN, name);
  GdkRGBA rgba = { 0.5, 0.5, 0.5, 0.3 };
  double r, g, b;

  if (label != NULL)
    {
      collate_label_get_rgb (label, &r, &g, &b);
      rgba = (GdkRGBA) { r, g, b, self->dark ? COLLATE_HIGHLIGHT_ALPHA_DARK : COLLATE_HIGHLIGHT_ALPHA_LIGHT };
    }
  g_object_set (lt->tag, "background-rgba", &rgba, NULL);
}

static LabelTag *
ensure_label_tag (CollateDocumentView *self,
                  const char          *name)
{
  LabelTag *lt = g_hash_table_lookup (self->label_tags, name);
  g_autofree char *tag_name = NULL;

  if (lt != NULL)
    return lt;

  tag_name = g_strconcat ("label:", name, NULL);
  lt = g_new0 (LabelTag, 1);
  lt->tag = gtk_text_buffer_create_tag (self->buffer, tag_name, NULL);
  set_tag_colour (self, lt, name);
  g_hash_table_insert (self->label_tags, g_strdup (name), lt);

  /* keep the selection above every label */
  if (self->selected_tag != NULL)
    gtk_text_tag_set_priority (self->selected_tag,
                               gtk_text_tag_table_get_size (gtk_text_buffer_get_tag_table (self->buffer)) - 1);
  return lt;
}

static void
apply_tag (CollateDocumentView *self,
           GtkTextTag          *tag,
           guint                start,
           guint                end,
           gboolean             apply)
{
  GtkTextIter a, b;

  gtk_text_buffer_get_iter_at_offset (self->buffer, &a, start);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &b, end);
  if (apply)
    gtk_text_buffer_apply_tag (self->buffer, tag, &a, &b);
  else
    gtk_text_buffer_remove_tag (self->buffer, tag, &a, &b);
}

/* Applies the label tags of every span overlapping [start, end), clipped
 * to it, one merged range per label at a time. */
static void
apply_spans_in (CollateDocumentView *self,
                guint                start,
                guint                end,
                const char          *only_label)
{
  g_autoptr(GPtrArray) spans = NULL;
  GHashTableIter iter;
  gpointer value;

  spans = collate_project_get_spans_in_range (self->project,
                                              collate_document_get_id (self->document),
                                              start, end);
  if (spans == NULL)
    return;

  for (guint i = 0; i < spans->len; i++)
    {
      CollateAnnotation *span = g_ptr_array_index (spans, i);
      const char *name = collate_annotation_get_label (span);
      guint s = MAX (collate_annotation_get_start (span), start);
      guint e = MIN (collate_annotation_get_end (span), end);
      LabelTag *lt;

      if (only_label != NULL && g_strcmp0 (name, only_label) != 0)
        continue;
      if (s >= e)
        continue;

      lt = ensure_label_tag (self, name);
      if (lt->open && s <= lt->run_end)
        {
          lt->run_end = MAX (lt->run_end, e);
          continue;
        }
      if (lt->open)
        apply_tag (self, lt->tag, lt->run_start, lt->run_end, TRUE);
      lt->open = TRUE;
      lt->run_start = s;
      lt->run_end = e;
    }

  g_hash_table_iter_init (&iter, self->label_tags);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      LabelTag *lt = value;

      if (lt->open)
        apply_tag (self, lt->tag, lt->run_start, lt->run_end, TRUE);
      lt->open = FALSE;
    }
}

void
collate_document_view_add_span (CollateDocumentView *self,
                                CollateAnnotation   *span)
{
  LabelTag *lt;

  g_return_if_fail (COLLATE_IS_DOCUMENT_VIEW (self));

  lt = ensure_label_tag (self, collate_annotation_get_label (span));
  apply_tag (self, lt->tag, collate_annotation_get_start (span),
             collate_annotation_get_end (span), TRUE);
  gtk_widget_queue_draw (self->text_view);
}

static void
unapply_span (CollateDocumentView *self,
              const char          *label,
              guint                start,
              guint                end)
{
  LabelTag *lt = g_hash_table_lookup (self->label_tags, label);

  if (lt == NULL)
    return;
  apply_tag (self, lt->tag, start, end, FALSE);
  /* other spans of the label may still cover part of the range */
  apply_spans_in (self, start, end, label);
}

void
collate_document_view_remove_span (CollateDocumentView *self,
                                   CollateAnnotation   *span)
{
  g_return_if_fail (COLLATE_IS_DOCUMENT_VIEW (self));

  unapply_span (self, collate_annotation_get_label (span),
                collate_annotation_get_start (span), collate_annotation_get_end (span));
  gtk_widget_queue_draw (self->text_view);
}

void
collate_document_view_change_span (CollateDocumentView *self,
                                   CollateAnnotation   *old_span,
                                   CollateAnnotation   *new_span)
{
  g_return_if_fail (COLLATE_IS_DOCUMENT_VIEW (self));

  if (g_strcmp0 (collate_annotation_get_label (old_span),
                 collate_annotation_get_label (new_span)) == 0 &&
      collate_annotation_get_start (old_span) == collate_annotation_get_start (new_span) &&
      collate_annotation_get_end (old_span) == collate_annotation_get_end (new_span))
    {
      gtk_widget_queue_draw (self->text_view);
      return;
    }
  unapply_span (self, collate_annotation_get_label (old_span),
                collate_annotation_get_start (old_span), collate_annotation_get_end (old_span));
  collate_document_view_add_span (self, new_span);
}

static gboolean
load_next_chunk (gpointer data)
{
  CollateDocumentView *self = data;
  guint length = collate_document_get_length (self->document);
  guint end = MIN (length, self->load_offset + LOAD_CHUNK_CHARS);

  apply_spans_in (self, self->load_offset, end, NULL);
  self->load_offset = end;
  gtk_widget_queue_draw (self->text_view);

  if (end >= length)
    {
      self->load_source = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

void
collate_document_view_load_spans (CollateDocumentView *self)
{
  const char *doc_id;
  guint length;

  g_return_if_fail (COLLATE_IS_DOCUMENT_VIEW (self));

  g_clear_handle_id (&self->load_source, g_source_remove);
  doc_id = collate_document_get_id (self->document);
  length = collate_document_get_length (self->document);

  if (collate_project_get_n_spans_in_document (self->project, doc_id) <= SYNC_LOAD_LIMIT)
    {
      apply_spans_in (self, 0, length, NULL);
      self->load_offset = length;
      return;
    }

  /* the first screen now, the rest between frames */
  self->load_offset = 0;
  load_next_chunk (self);
  if (self->load_offset < length)
    /* below drawing, above the text view's layout validation, so that the
     * lines are laid out once with their tags in place */
    self->load_source = g_idle_add_full (GDK_PRIORITY_REDRAW + 2,
                                         load_next_chunk, self, NULL);
}

gboolean
collate_document_view_is_loading (CollateDocumentView *self)
{
  g_return_val_if_fail (COLLATE_IS_DOCUMENT_VIEW (self), FALSE);
  return self->load_source != 0;
}

GtkTextTag *
collate_document_view_get_label_tag (CollateDocumentView *self,
                                     const char          *label)
{
  LabelTag *lt;

  g_return_val_if_fail (COLLATE_IS_DOCUMENT_VIEW (self), NULL);
  lt = g_hash_table_lookup (self->label_tags, label);
  return lt ? lt->tag : NULL;
}

GtkTextTag *
collate_document_view_get_selected_tag (CollateDocumentView *self)
{
  g_return_val_if_fail (COLLATE_IS_DOCUMENT_VIEW (self), NULL);
  return self->selected_tag;
}

void
collate_document_view_set_highlight (CollateDocumentView *self,
                                     const guint         *ranges,
                                     guint                n_ranges)
{
  GtkTextIter a, b;

  g_return_if_fail (COLLATE_IS_DOCUMENT_VIEW (self));

  for (guint i = 0; i + 1 < self->highlight->len; i += 2)
    apply_tag (self, self->selected_tag,
               g_array_index (self->highlight, guint, i),
               g_array_index (self->highlight, guint, i + 1), FALSE);
  g_array_set_size (self->highlight, 0);

  for (guint i = 0; i < n_ranges; i++)
    {
      guint start = ranges[2 * i];
      guint end = ranges[2 * i + 1];

      g_array_append_val (self->highlight, start);
      g_array_append_val (self->highlight, end);
      gtk_text_buffer_get_iter_at_offset (self->buffer, &a, start);
      gtk_text_buffer_get_iter_at_offset (self->buffer, &b, end);
      gtk_text_buffer_apply_tag (self->buffer, self->selected_tag, &a, &b);
    }
  gtk_widget_queue_draw (self->text_view);
}

void
collate_document_view_set_marks (CollateDocumentView *self,
                                 const guint         *ranges,
                                 guint                n_ranges)
{
  g_return_if_fail (COLLATE_IS_DOCUMENT_VIEW (self));

  g_array_set_size (self->marks, 0);
  if (n_ranges > 0)
    g_array_append_vals (self->marks, ranges, 2 * n_ranges);
  gtk_widget_queue_draw (self->text_view);
}

GtkAdjustment *
collate_document_view_get_vadjustment (CollateDocumentView *self)
{
  g_return_val_if_fail (COLLATE_IS_DOCUMENT_VIEW (self), NULL);
  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
}

double
collate_document_view_get_offset_y (CollateDocumentView *self,
                                    guint                offset)
{
  GtkTextIter iter;
  GdkRectangle loc;

  g_return_val_if_fail (COLLATE_IS_DOCUMENT_VIEW (self), 0);

  gtk_text_buffer_get_iter_at_offset (self->buffer, &iter, offset);
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (self->text_view), &iter, &loc);
  return loc.y;
}

guint
collate_document_view_get_caret (CollateDocumentView *self)
{
  GtkTextIter iter;

  g_return_val_if_fail (COLLATE_IS_DOCUMENT_VIEW (self), 0);

  gtk_text_buffer_get_iter_at_mark (self->buffer, &iter, gtk_text_buffer_get_insert (self->buffer));
  return gtk_text_iter_get_offset (&iter);
}

gboolean
collate_document_view_locate_lines (CollateDocumentView *self,
                                    guint                start,
                                    guint                end,
                                    GtkWidget           *target,
                                    double              *top,
                                    double              *bottom)
{
  GtkTextView *view = GTK_TEXT_VIEW (self->text_view);
  GdkRectangle visible, first, last;
  GtkTextIter iter;
  graphene_rect_t bounds;
  graphene_point_t p;
  int wx, wy;
  double y0, y1;

  g_return_val_if_fail (COLLATE_IS_DOCUMENT_VIEW (self), FALSE);

  gtk_text_view_get_visible_rect (view, &visible);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &iter, start);
  gtk_text_view_get_iter_location (view, &iter, &first);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &iter, end > start ? end - 1 : end);
  gtk_text_view_get_iter_location (view, &iter, &last);
  y0 = MAX (first.y, visible.y);
  y1 = MIN (last.y + last.height, visible.y + visible.height);
  if (y1 <= y0)
    return FALSE;

  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, 0, (int) y0, &wx, &wy);
  if (!gtk_widget_compute_point (self->text_view, target, &GRAPHENE_POINT_INIT (wx, wy), &p))
    return FALSE;
  *top = p.y;
  *bottom = p.y + (y1 - y0);
  /* never below the pane's own text area */
  if (gtk_widget_compute_bounds (self->scroller, target, &bounds))
    {
      *top = MAX (*top, bounds.origin.y);
      *bottom = MIN (*bottom, bounds.origin.y + bounds.size.height);
    }
  return *bottom > *top;
}

void
collate_document_view_scroll_to (CollateDocumentView *self,
                                 guint                start,
                                 guint                end)
{
  GtkTextIter iter;
  GtkTextMark *mark;

  g_return_if_fail (COLLATE_IS_DOCUMENT_VIEW (self));

  /* leave the view alone when the span's start shows already */
  if (gtk_widget_get_mapped (self->text_view))
    {
      GdkRectangle visible, loc;

      gtk_text_view_get_visible_rect (GTK_TEXT_VIEW (self->text_view), &visible);
      gtk_text_buffer_get_iter_at_offset (self->buffer, &iter, start);
      gtk_text_view_get_iter_location (GTK_TEXT_VIEW (self->text_view), &iter, &loc);
      if (visible.height > 0 && loc.y >= visible.y && loc.y + loc.height <= visible.y + visible.height)
        return;
    }

  gtk_text_buffer_get_iter_at_offset (self->buffer, &iter, start);
  mark = gtk_text_buffer_get_mark (self->buffer, "collate-scroll");
  if (mark == NULL)
    mark = gtk_text_buffer_create_mark (self->buffer, "collate-scroll", &iter, TRUE);
  else
    gtk_text_buffer_move_mark (self->buffer, mark, &iter);
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->text_view), mark, 0.1, TRUE, 0.0, 0.35);
}

gboolean
collate_document_view_get_selection (CollateDocumentView *self,
                                     guint               *start,
                                     guint               *end)
{
  GtkTextIter a, b;

  g_return_val_if_fail (COLLATE_IS_DOCUMENT_VIEW (self), FALSE);

  if (!gtk_text_buffer_get_selection_bounds (self->buffer, &a, &b))
    return FALSE;
  if (start)
    *start = gtk_text_iter_get_offset (&a);
  if (end)
    *end = gtk_text_iter_get_offset (&b);
  return TRUE;
}

void
collate_document_view_select_range (CollateDocumentView *self,
                                    guint                start,
                                    guint                end)
{
  GtkTextIter a, b;

  g_return_if_fail (COLLATE_IS_DOCUMENT_VIEW (self));

  gtk_text_buffer_get_iter_at_offset (self->buffer, &a, start);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &b, end);
  gtk_text_buffer_select_range (self->buffer, &b, &a);
}

void
collate_document_view_clear_selection (CollateDocumentView *self)
{
  GtkTextIter iter;

  g_return_if_fail (COLLATE_IS_DOCUMENT_VIEW (self));

  gtk_text_buffer_get_iter_at_mark (self->buffer, &iter,
                                    gtk_text_buffer_get_insert (self->buffer));
  gtk_text_buffer_select_range (self->buffer, &iter, &iter);
}

void
collate_document_view_get_visible_range (CollateDocumentView *self,
                                         guint               *start,
                                         guint               *end)
{
  g_return_if_fail (COLLATE_IS_DOCUMENT_VIEW (self));
  get_visible_offsets (GTK_TEXT_VIEW (self->text_view), start, end);
}

int
collate_document_view_locate (CollateDocumentView *self,
                              guint                start,
                              guint                end,
                              GtkWidget           *target,
                              double              *x_left,
                              double              *x_right,
                              double              *y)
{
  GtkTextView *view = GTK_TEXT_VIEW (self->text_view);
  GdkRectangle visible, loc, loc_end;
  GtkTextIter iter, iter_end;
  graphene_point_t p, q;
  int wx, wy, where = 0;
  double by;

  gtk_text_view_get_visible_rect (view, &visible);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &iter, start);
  gtk_text_view_get_iter_location (view, &iter, &loc);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &iter_end, end);
  gtk_text_view_get_iter_location (view, &iter_end, &loc_end);
  if (loc_end.y != loc.y)
    loc_end.x = visible.x + visible.width;

  by = loc.y + loc.height / 2.0;
  if (by < visible.y)
    {
      by = visible.y;
      where = -1;
    }
  else if (by > visible.y + visible.height)
    {
      by = visible.y + visible.height;
      where = 1;
    }

  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET,
                                         loc.x, (int) by, &wx, &wy);
  if (!gtk_widget_compute_point (self->text_view, target,
                                 &GRAPHENE_POINT_INIT (wx, wy), &p))
    p = GRAPHENE_POINT_INIT (0, 0);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET,
                                         loc_end.x, (int) by, &wx, &wy);
  if (!gtk_widget_compute_point (self->text_view, target,
                                 &GRAPHENE_POINT_INIT (wx, wy), &q))
    q = p;

  if (x_left)
    *x_left = p.x;
  if (x_right)
    *x_right = MAX (p.x, q.x);
  if (y)
    *y = p.y;
  return where;
}

static void
keep_first_segment (GdkRectangle *seg,
                    gpointer      data)
{
  GdkRectangle *first = data;

  if (first->width == 0)
    *first = *seg;
}

int
collate_document_view_locate_span (CollateDocumentView *self,
                                   guint                start,
                                   guint                end,
                                   GtkWidget           *target,
                                   graphene_rect_t     *first_line,
                                   double              *gap)
{
  GtkTextView *view = GTK_TEXT_VIEW (self->text_view);
  GdkRectangle visible, first = { 0, 0, 0, 0 };
  graphene_point_t p;
  int wx, wy;

  g_return_val_if_fail (COLLATE_IS_DOCUMENT_VIEW (self), 1);

  *gap = gtk_text_view_get_pixels_below_lines (view);
  gtk_text_view_get_visible_rect (view, &visible);
  /* the first display line only: a few hundred characters at the most */
  foreach_segment (view, start, MIN (end, start + 400), keep_first_segment, &first);
  if (first.width == 0)
    {
      GtkTextIter iter;

      gtk_text_buffer_get_iter_at_offset (self->buffer, &iter, start);
      gtk_text_view_get_iter_location (view, &iter, &first);
      first.width = MAX (1, ABS (first.width));
    }
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, first.x, first.y, &wx, &wy);
  if (!gtk_widget_compute_point (self->text_view, target, &GRAPHENE_POINT_INIT (wx, wy), &p))
    p = GRAPHENE_POINT_INIT (0, 0);
  graphene_rect_init (first_line, p.x, p.y, first.width, first.height);
  if (first.y + first.height + *gap / 2 <= visible.y)
    return -1;
  if (first.y >= visible.y + visible.height)
    return 1;
  return 0;
}

void
collate_document_view_get_text_bounds (CollateDocumentView *self,
                                       GtkWidget           *target,
                                       graphene_rect_t     *bounds)
{
  if (!gtk_widget_compute_bounds (self->scroller, target, bounds))
    graphene_rect_init (bounds, 0, 0, 0, 0);
}

void
collate_document_view_set_font_size (CollateDocumentView *self,
                                     int                  points)
{
  g_autofree char *css = NULL;

  g_return_if_fail (COLLATE_IS_DOCUMENT_VIEW (self));

  points = CLAMP (points, 6, 48);
  self->font_points = points;
  css = g_strdup_printf ("textview.collate-text { font-size: %dpt; }", points);
  gtk_css_provider_load_from_data (self->font_css, css, -1);
  /* the space between lines grows with the text, and always holds the
   * stacked underlines of overlapping spans */
  {
    int below = MAX (1 + MAX_UNDERLINES * UNDERLINE_STEP, (int) (points * 1.25 + 0.5));

    gtk_text_view_set_pixels_below_lines (GTK_TEXT_VIEW (self->text_view), below);
    gtk_text_view_set_pixels_inside_wrap (GTK_TEXT_VIEW (self->text_view), below);
  }
  forget_tag_layouts (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
collate_document_view_set_show_tags (CollateDocumentView *self,
                                     gboolean             show)
{
  g_return_if_fail (COLLATE_IS_DOCUMENT_VIEW (self));

  show = !!show;
  if (show == self->show_tags)
    return;
  self->show_tags = show;
  gtk_widget_queue_draw (self->text_view);
}

gboolean
collate_document_view_get_show_tags (CollateDocumentView *self)
{
  g_return_val_if_fail (COLLATE_IS_DOCUMENT_VIEW (self), FALSE);
  return self->show_tags;
}

static gboolean
apply_dark_class (gpointer data)
{
  CollateDocumentView *self = data;

  if (self->dark)
    gtk_widget_add_css_class (GTK_WIDGET (self), "collate-dark");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "collate-dark");
  return G_SOURCE_REMOVE;
}

void
collate_document_view_update_style (CollateDocumentView *self,
                                    gboolean             dark)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (COLLATE_IS_DOCUMENT_VIEW (self));

  self->dark = dark;
  forget_tag_layouts (self);
  /* the CSS picks accents that keep their contrast in either style; not
   * while GTK is computing styles (this runs from css-changed) */
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_dark_class, g_object_ref (self), g_object_unref);
  g_hash_table_iter_init (&iter, self->label_tags);
  while (g_hash_table_iter_next (&iter, &key, &value))
    set_tag_colour (self, value, key);
  gtk_widget_queue_draw (self->text_view);
}

/* ── Popovers ──────────────────────────────────────────────────────── */

static void
point_popover_at (CollateDocumentView *self,
                  GtkWidget           *popover,
                  guint                offset,
                  guint                end)
{
  GtkTextView *view = GTK_TEXT_VIEW (self->text_view);
  GtkTextIter iter;
  GdkRectangle loc, loc_end;
  int wx, wy;
  graphene_point_t p;

  gtk_text_buffer_get_iter_at_offset (self->buffer, &iter, offset);
  gtk_text_view_get_iter_location (view, &iter, &loc);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &iter, end);
  gtk_text_view_get_iter_location (view, &iter, &loc_end);
  /* the end of the selection, where the pointer most likely is */
  if (loc_end.y != loc.y || loc_end.x < loc.x)
    loc = loc_end;
  else
    loc.width = MAX (1, loc_end.x - loc.x);

  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET,
                                         loc.x, loc.y, &wx, &wy);
  if (!gtk_widget_compute_point (self->text_view, GTK_WIDGET (self),
                                 &GRAPHENE_POINT_INIT (wx, wy), &p))
    return;
  gtk_popover_set_pointing_to (GTK_POPOVER (popover),
                               &(GdkRectangle) { (int) p.x, (int) p.y,
                                                 MAX (1, loc.width), MAX (1, loc.height) });
  gtk_popover_popup (GTK_POPOVER (popover));
}

static void
on_label_button_clicked (GtkButton           *button,
                         CollateDocumentView *self)
{
  const char *name = g_object_get_data (G_OBJECT (button), "collate-label");

  gtk_popover_popdown (GTK_POPOVER (self->label_popover));
  g_signal_emit (self, signals[TAG_REQUESTED], 0, name);
}

static GtkWidget *
make_swatch (const char *color)
{
  GtkWidget *swatch = gtk_label_new (NULL);
  g_autofree char *markup = g_markup_printf_escaped ("<span foreground=\"%s\">⬤</span>", color);

  gtk_label_set_markup (GTK_LABEL (swatch), markup);
  gtk_widget_add_css_class (swatch, "collate-swatch");
  return swatch;
}

static void
build_label_popover (CollateDocumentView *self)
{
  CollateSchema *schema = collate_project_get_schema (self->project);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  guint n = collate_schema_get_n_labels (schema, COLLATE_LABEL_KIND_SPAN);

  self->label_heading = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->label_heading, "dim-label");
  gtk_widget_add_css_class (self->label_heading, "caption");
  gtk_label_set_xalign (GTK_LABEL (self->label_heading), 0);
  gtk_widget_set_margin_start (self->label_heading, 6);
  gtk_widget_set_margin_bottom (self->label_heading, 2);
  gtk_box_append (GTK_BOX (box), self->label_heading);

  for (guint i = 0; i < n; i++)
    {
      CollateLabel *label = collate_schema_get_label (schema, COLLATE_LABEL_KIND_SPAN, i);
      GtkWidget *button = gtk_button_new ();
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *name = gtk_label_new (collate_label_get_name (label));
      const char *hotkey = collate_label_get_hotkey (label);
      g_autofree char *key_text = NULL;
      GtkWidget *key;

      if (hotkey == NULL && i < 9)
        key_text = g_strdup_printf ("%u", i + 1);
      else
        key_text = g_strdup (hotkey ? hotkey : "");
      key = gtk_label_new (key_text);
      gtk_widget_add_css_class (key, "dim-label");
      gtk_widget_set_hexpand (name, TRUE);
      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_box_append (GTK_BOX (row), make_swatch (collate_label_get_color (label)));
      gtk_box_append (GTK_BOX (row), name);
      gtk_box_append (GTK_BOX (row), key);
      gtk_button_set_child (GTK_BUTTON (button), row);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_focus_on_click (button, FALSE);
      gtk_widget_set_tooltip_text (button, collate_label_get_description (label));
      if (key_text[0] != '\0')
        collate_accessible_set_label (button, _("%s, key %s"), collate_label_get_name (label), key_text);
      else
        collate_accessible_set_label (button, "%s", collate_label_get_name (label));
      g_object_set_data_full (G_OBJECT (button), "collate-label",
                              g_strdup (collate_label_get_name (label)), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_label_button_clicked), self);
      gtk_box_append (GTK_BOX (box), button);
    }

  self->label_popover = gtk_popover_new ();
  gtk_widget_add_css_class (self->label_popover, "collate-label-popover");
  gtk_popover_set_child (GTK_POPOVER (self->label_popover), box);
  /* no grab: the hotkeys keep working while it shows */
  gtk_popover_set_autohide (GTK_POPOVER (self->label_popover), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->label_popover), GTK_POS_BOTTOM);
  gtk_widget_set_can_focus (self->label_popover, FALSE);
  gtk_widget_set_parent (self->label_popover, GTK_WIDGET (self));
}

void
collate_document_view_show_label_popover (CollateDocumentView *self)
{
  guint start, end;

  g_return_if_fail (COLLATE_IS_DOCUMENT_VIEW (self));

  if (!collate_document_view_get_selection (self, &start, &end))
    return;
  if (self->label_popover == NULL)
    build_label_popover (self);
  gtk_label_set_text (GTK_LABEL (self->label_heading), _("Tag as"));
  point_popover_at (self, self->label_popover, start, end);
}

void
collate_document_view_show_relabel_popover (CollateDocumentView *self,
                                            guint                start,
                                            guint                end)
{
  g_return_if_fail (COLLATE_IS_DOCUMENT_VIEW (self));

  if (self->label_popover == NULL)
    build_label_popover (self);
  gtk_label_set_text (GTK_LABEL (self->label_heading), _("Change the label to"));
  point_popover_at (self, self->label_popover, start, end);
}

gboolean
collate_document_view_hide_popovers (CollateDocumentView *self)
{
  gboolean shown = FALSE;

  g_return_val_if_fail (COLLATE_IS_DOCUMENT_VIEW (self), FALSE);

  if (self->label_popover && gtk_widget_get_visible (self->label_popover))
    {
      gtk_popover_popdown (GTK_POPOVER (self->label_popover));
      shown = TRUE;
    }
  if (self->choice_popover && gtk_widget_get_visible (self->choice_popover))
    {
      gtk_popover_popdown (GTK_POPOVER (self->choice_popover));
      shown = TRUE;
    }
  return shown;
}

static void
on_choice_clicked (GtkButton           *button,
                   CollateDocumentView *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "collate-id");
  CollateAnnotation *span = collate_project_lookup_annotation (self->project, id);

  gtk_popover_popdown (GTK_POPOVER (self->choice_popover));
  if (span != NULL)
    g_signal_emit (self, signals[SPAN_CLICKED], 0, span, self->choice_link);
}

static void
show_choice (CollateDocumentView *self,
             GPtrArray           *spans,
             guint                offset,
             gboolean             link)
{
  CollateSchema *schema = collate_project_get_schema (self->project);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *heading = gtk_label_new (link ? _("Link to which span?") : _("Which span?"));

  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_margin_bottom (heading, 4);
  gtk_box_append (GTK_BOX (box), heading);

  for (guint i = 0; i < spans->len && i < 12; i++)
    {
      CollateAnnotation *span = g_ptr_array_index (spans, i);
      CollateLabel *label = collate_schema_lookup (schema, COLLATE_LABEL_KIND_SPAN,
                                                   collate_annotation_get_label (span));
      GtkWidget *button = gtk_button_new ();
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *name = gtk_label_new (collate_annotation_get_label (span));
      GtkWidget *quote = gtk_label_new (collate_annotation_get_text (span));

      gtk_label_set_ellipsize (GTK_LABEL (quote), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (quote), 40);
      gtk_label_set_xalign (GTK_LABEL (quote), 0);
      gtk_widget_add_css_class (quote, "dim-label");
      gtk_widget_add_css_class (name, "heading");
      gtk_box_append (GTK_BOX (row),
                      make_swatch (label ? collate_label_get_color (label) : "#808080"));
      gtk_box_append (GTK_BOX (row), name);
      gtk_box_append (GTK_BOX (row), quote);
      gtk_button_set_child (GTK_BUTTON (button), row);
      gtk_widget_add_css_class (button, "flat");
      g_object_set_data_full (G_OBJECT (button), "collate-id",
                              g_strdup (collate_annotation_get_id (span)), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_choice_clicked), self);
      gtk_box_append (GTK_BOX (box), button);
    }

  if (self->choice_popover == NULL)
    {
      self->choice_popover = gtk_popover_new ();
      gtk_popover_set_position (GTK_POPOVER (self->choice_popover), GTK_POS_BOTTOM);
      gtk_widget_set_parent (self->choice_popover, GTK_WIDGET (self));
    }
  self->choice_link = link;
  gtk_popover_set_child (GTK_POPOVER (self->choice_popover), box);
  point_popover_at (self, self->choice_popover, offset, offset + 1);
}

/* ── Edge handles ───────────────────────────────────────────────────── */

/* The selected span's edges carry handles, drawn with the spans (see
 * draw_handles()) and dragged through the text's event controller, which
 * sees a press before the text view does. */

#define HANDLE_GRAB 7   /* pixels either side of an edge that grab it */

/* Where an edge at @offset is drawn, in buffer coordinates: the start
 * edge by the first character, the end edge by the last one, so that an
 * edge at a line's end stays on that line */
static void
edge_rect (CollateDocumentView *self,
           guint                offset,
           gboolean             end_edge,
           GdkRectangle        *rect)
{
  GtkTextIter iter;

  if (end_edge && offset > 0)
    {
      gtk_text_buffer_get_iter_at_offset (self->buffer, &iter, offset - 1);
      gtk_text_view_get_iter_location (GTK_TEXT_VIEW (self->text_view), &iter, rect);
      rect->x += rect->width;
    }
  else
    {
      gtk_text_buffer_get_iter_at_offset (self->buffer, &iter, offset);
      gtk_text_view_get_iter_location (GTK_TEXT_VIEW (self->text_view), &iter, rect);
    }
}

/* The character edge nearest to the text view's point (@x, @y) */
static guint
edge_at_point (CollateDocumentView *self,
               double               x,
               double               y)
{
  GtkTextView *view = GTK_TEXT_VIEW (self->text_view);
  GtkTextIter iter;
  int bx, by, trailing = 0;

  gtk_text_view_window_to_buffer_coords (view, GTK_TEXT_WINDOW_WIDGET, (int) x, (int) y, &bx, &by);
  gtk_text_view_get_iter_at_position (view, &iter, &trailing, bx, by);
  return gtk_text_iter_get_offset (&iter) + (trailing > 0 ? 1 : 0);
}

/* The handle at the text view's point (@x, @y): 0 the start, 1 the end,
 * -1 none */
static int
handle_at_point (CollateDocumentView *self,
                 double               x,
                 double               y)
{
  int bx, by;

  if (!self->handles_shown)
    return -1;
  gtk_text_view_window_to_buffer_coords (GTK_TEXT_VIEW (self->text_view), GTK_TEXT_WINDOW_WIDGET,
                                         (int) x, (int) y, &bx, &by);
  for (int i = 1; i >= 0; i--)
    {
      GdkRectangle rect;

      edge_rect (self, self->handle_offsets[i], i == 1, &rect);
      if (ABS (bx - rect.x) <= HANDLE_GRAB && by >= rect.y - 4 && by <= rect.y + rect.height + 4)
        return i;
    }
  return -1;
}

static void
draw_handles (CollateDocumentView *self,
              GtkSnapshot         *snapshot,
              const GdkRGBA       *color)
{
  for (int i = 0; i < 2; i++)
    {
      guint offset = self->dragging == i ? self->drag_offset : self->handle_offsets[i];
      GskRoundedRect knob;
      GdkRectangle rect;
      float y;

      edge_rect (self, offset, i == 1, &rect);
      gtk_snapshot_append_color (snapshot, color,
                                 &GRAPHENE_RECT_INIT (rect.x - 1.5, rect.y - 1, 3, rect.height + 2));
      /* a round knob above the start, below the end, to take hold of */
      y = i == 0 ? rect.y - 8 : rect.y + rect.height + 1;
      gsk_rounded_rect_init_from_rect (&knob, &GRAPHENE_RECT_INIT (rect.x - 4, y, 8, 8), 4);
      gtk_snapshot_push_rounded_clip (snapshot, &knob);
      gtk_snapshot_append_color (snapshot, color, &knob.bounds);
      gtk_snapshot_pop (snapshot);
    }
}

void
collate_document_view_set_handles (CollateDocumentView *self,
                                   gboolean             show,
                                   guint                start,
                                   guint                end)
{
  g_return_if_fail (COLLATE_IS_DOCUMENT_VIEW (self));

  self->handles_shown = show && start < end;
  self->handle_offsets[0] = start;
  self->handle_offsets[1] = end;
  self->dragging = -1;
  gtk_widget_queue_draw (self->text_view);
}

/* A drag of a handle: returns TRUE if the event belonged to one */
static gboolean
handle_event (CollateDocumentView *self,
              GdkEventType         type,
              double               x,
              double               y)
{
  guint offset, range[2];
  int edge;

  if (type == GDK_BUTTON_PRESS)
    {
      self->dragging = handle_at_point (self, x, y);
      if (self->dragging < 0)
        return FALSE;
      self->drag_offset = self->handle_offsets[self->dragging];
      collate_document_view_hide_popovers (self);
      return TRUE;
    }
  if (self->dragging < 0)
    return FALSE;

  offset = edge_at_point (self, x, y);
  /* an edge never passes the other: a span keeps one character */
  if (self->dragging == 0)
    offset = MIN (offset, self->handle_offsets[1] - 1);
  else
    offset = MAX (offset, self->handle_offsets[0] + 1);
  self->drag_offset = offset;
  range[0] = self->dragging == 0 ? offset : self->handle_offsets[0];
  range[1] = self->dragging == 1 ? offset : self->handle_offsets[1];
  collate_document_view_set_highlight (self, range, 1);

  if (type == GDK_BUTTON_RELEASE)
    {
      edge = self->dragging;
      self->dragging = -1;
      if (offset != self->handle_offsets[edge])
        g_signal_emit (self, signals[EDGE_MOVED], 0, edge == 1, offset);
    }
  return TRUE;
}

/* ── Clicks ────────────────────────────────────────────────────────── */

void
collate_document_view_click_offset (CollateDocumentView *self,
                                    guint                offset,
                                    gboolean             link)
{
  g_autoptr(GPtrArray) spans = NULL;

  g_return_if_fail (COLLATE_IS_DOCUMENT_VIEW (self));

  spans = collate_project_get_spans_at (self->project,
                                        collate_document_get_id (self->document),
                                        offset);
  if (spans == NULL || spans->len == 0)
    {
      if (!link)
        g_signal_emit (self, signals[EMPTY_CLICKED], 0);
      return;
    }
  if (spans->len == 1)
    g_signal_emit (self, signals[SPAN_CLICKED], 0, g_ptr_array_index (spans, 0), link);
  else
    show_choice (self, spans, offset, link);
}

static gboolean
offset_at_point (CollateDocumentView *self,
                 double               x,
                 double               y,
                 guint               *offset)
{
  GtkTextView *view = GTK_TEXT_VIEW (self->text_view);
  GtkTextIter iter;
  GdkRectangle loc;
  int bx, by;

  gtk_text_view_window_to_buffer_coords (view, GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);

  /* the space below a line (where its underlines are drawn) belongs to it */
  for (int up = 0; up <= 2 + MAX_UNDERLINES * UNDERLINE_STEP; up += 2)
    {
      int trailing;

      /* the character under the point (at_location may answer the next
       * one, where a caret would go, when the point is in a character's
       * right half) */
      if (!gtk_text_view_get_iter_at_position (view, &iter, &trailing, bx, by - up))
        continue;
      gtk_text_view_get_iter_location (view, &iter, &loc);
      /* between two characters the text view may answer either: allow a
       * few pixels either way */
      if (bx < loc.x - 3 || bx > loc.x + loc.width + 3 || by - up < loc.y || by - up > loc.y + loc.height)
        continue;
      *offset = gtk_text_iter_get_offset (&iter);
      return TRUE;
    }
  return FALSE;
}

void
collate_document_view_click_point (CollateDocumentView *self,
                                   double               x,
                                   double               y,
                                   gboolean             link)
{
  guint offset;

  g_return_if_fail (COLLATE_IS_DOCUMENT_VIEW (self));

  /* a Ctrl+click beside any span keeps the selection for a next try */
  if (offset_at_point (self, x, y, &offset))
    collate_document_view_click_offset (self, offset, link);
  else if (!link)
    g_signal_emit (self, signals[EMPTY_CLICKED], 0);
}

/* A double click on a word that a span already covers selects the span
 * instead of offering to tag the word again */
static gboolean
select_span_under_double_click (CollateDocumentView *self)
{
  g_autoptr(GPtrArray) spans = NULL;
  CollateAnnotation *best = NULL;
  GtkTextIter a, b;
  guint offset, start, end;

  if (!offset_at_point (self, self->press_x, self->press_y, &offset))
    return FALSE;
  if (gtk_text_buffer_get_selection_bounds (self->buffer, &a, &b))
    {
      start = gtk_text_iter_get_offset (&a);
      end = gtk_text_iter_get_offset (&b);
    }
  else
    start = end = offset;

  spans = collate_project_get_spans_at (self->project,
                                        collate_document_get_id (self->document), offset);
  for (guint i = 0; spans != NULL && i < spans->len; i++)
    {
      CollateAnnotation *span = g_ptr_array_index (spans, i);

      /* the narrowest span that holds the whole word */
      if (collate_annotation_get_start (span) <= start && collate_annotation_get_end (span) >= end &&
          (best == NULL ||
           collate_annotation_get_end (span) - collate_annotation_get_start (span) <
           collate_annotation_get_end (best) - collate_annotation_get_start (best)))
        best = span;
    }
  if (best == NULL)
    return FALSE;

  gtk_text_buffer_get_iter_at_offset (self->buffer, &a, offset);
  gtk_text_buffer_select_range (self->buffer, &a, &a);
  g_signal_emit (self, signals[SPAN_CLICKED], 0, best, FALSE);
  return TRUE;
}

static gboolean
after_release (gpointer data)
{
  CollateDocumentView *self = data;

  self->release_source = 0;
  if (self->double_press && select_span_under_double_click (self))
    return G_SOURCE_REMOVE;
  if (gtk_text_buffer_get_has_selection (self->buffer))
    {
      self->pointer_selection = TRUE;
      collate_document_view_show_label_popover (self);
    }
  else
    collate_document_view_click_point (self, self->press_x, self->press_y, self->ctrl_held);
  return G_SOURCE_REMOVE;
}

static gboolean
event_position (GtkWidget *widget,
                GdkEvent  *event,
                double    *x,
                double    *y)
{
  GtkNative *native = gtk_widget_get_native (widget);
  double ex, ey, nx, ny;
  graphene_point_t p;

  if (native == NULL || !gdk_event_get_position (event, &ex, &ey))
    return FALSE;
  gtk_native_get_surface_transform (native, &nx, &ny);
  if (!gtk_widget_compute_point (GTK_WIDGET (native), widget,
                                 &GRAPHENE_POINT_INIT (ex - nx, ey - ny), &p))
    return FALSE;
  *x = p.x;
  *y = p.y;
  return TRUE;
}

static gboolean
on_text_event (GtkEventControllerLegacy *controller,
               GdkEvent                 *event,
               CollateDocumentView      *self)
{
  GdkEventType type = gdk_event_get_event_type (event);
  gboolean ctrl = (gdk_event_get_modifier_state (event) & GDK_CONTROL_MASK) != 0;
  double x, y;
  guint offset;

  if (type != GDK_BUTTON_PRESS && type != GDK_BUTTON_RELEASE && type != GDK_MOTION_NOTIFY)
    return FALSE;
  if (type == GDK_MOTION_NOTIFY && self->dragging < 0)
    return FALSE;
  if (!event_position (self->text_view, event, &x, &y))
    return FALSE;
  /* a press on a handle of the selected span drags that edge */
  if ((type != GDK_BUTTON_PRESS || gdk_button_event_get_button (event) == GDK_BUTTON_PRIMARY) &&
      handle_event (self, type, x, y))
    return TRUE;

  /* a secondary click on a span selects it; its menu offers the labels */
  if (gdk_button_event_get_button (event) == GDK_BUTTON_SECONDARY)
    {
      g_autoptr(GPtrArray) spans = NULL;

      if (type == GDK_BUTTON_PRESS && !gtk_text_buffer_get_has_selection (self->buffer) &&
          offset_at_point (self, x, y, &offset))
        spans = collate_project_get_spans_at (self->project,
                                              collate_document_get_id (self->document), offset);
      if (spans != NULL && spans->len > 0)
        g_signal_emit (self, signals[SPAN_CLICKED], 0, g_ptr_array_index (spans, spans->len - 1), FALSE);
      return FALSE;
    }
  if (gdk_button_event_get_button (event) != GDK_BUTTON_PRIMARY)
    return FALSE;

  if (type == GDK_BUTTON_PRESS)
    {
      guint32 time = gdk_event_get_time (event);
      int double_click_time = 400;

      g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)),
                    "gtk-double-click-time", &double_click_time, NULL);
      self->double_press = self->last_press_time != 0 &&
                           time - self->last_press_time <= (guint32) double_click_time &&
                           ABS (x - self->press_x) < 8 && ABS (y - self->press_y) < 8;
      self->last_press_time = self->double_press ? 0 : time;
      self->press_x = x;
      self->press_y = y;
      self->pressed = TRUE;
      self->ctrl_press = ctrl && offset_at_point (self, x, y, &offset);
      self->ctrl_held = ctrl;
      collate_document_view_hide_popovers (self);
      /* a Ctrl+click on a span links; the text view must not see it */
      return self->ctrl_press;
    }

  if (!self->pressed)
    return FALSE;
  self->pressed = FALSE;

  if (self->ctrl_press)
    {
      self->ctrl_press = FALSE;
      collate_document_view_click_point (self, self->press_x, self->press_y, TRUE);
      return TRUE;
    }

  /* let the text view finish the click or drag first */
  if (self->release_source == 0)
    self->release_source = g_idle_add_full (G_PRIORITY_HIGH, after_release,
                                            g_object_ref (self), g_object_unref);
  return FALSE;
}

static gboolean
on_query_tooltip (GtkWidget           *widget,
                  int                  x,
                  int                  y,
                  gboolean             keyboard_mode,
                  GtkTooltip          *tooltip,
                  CollateDocumentView *self)
{
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GString) markup = NULL;
  guint offset;

  if (keyboard_mode)
    {
      GtkTextIter iter;

      gtk_text_buffer_get_iter_at_mark (self->buffer, &iter,
                                        gtk_text_buffer_get_insert (self->buffer));
      offset = gtk_text_iter_get_offset (&iter);
    }
  else if (!offset_at_point (self, x, y, &offset))
    return FALSE;

  spans = collate_project_get_spans_at (self->project,
                                        collate_document_get_id (self->document),
                                        offset);
  if (spans == NULL || spans->len == 0)
    return FALSE;

  markup = g_string_new (NULL);
  for (guint i = 0; i < spans->len && i < 8; i++)
    {
      CollateAnnotation *span = g_ptr_array_index (spans, i);
      const char *note = collate_annotation_get_note (span);
      g_autofree char *line = NULL;

      if (note != NULL && *note != '\0')
        line = g_markup_printf_escaped ("<b>%s</b> — %s", collate_annotation_get_label (span), note);
      else
        line = g_markup_printf_escaped ("<b>%s</b>", collate_annotation_get_label (span));
      if (i > 0)
        g_string_append_c (markup, '\n');
      g_string_append (markup, line);
    }
  gtk_tooltip_set_markup (tooltip, markup->str);
  return TRUE;
}

static void
on_has_selection (GtkTextBuffer       *buffer,
                  GParamSpec          *pspec,
                  CollateDocumentView *self)
{
  /* a selection that appears or goes away makes the popover's offer stale
   * (tag what was selected, or relabel the span that was clicked) */
  if (self->label_popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->label_popover));
}

/* A selection moved by the keyboard (or by code) is exact from then on */
static void
on_mark_set (GtkTextBuffer       *buffer,
             const GtkTextIter   *location,
             GtkTextMark         *mark,
             CollateDocumentView *self)
{
  if (mark == gtk_text_buffer_get_insert (buffer))
    g_signal_emit (self, signals[CARET_MOVED], 0, (guint) gtk_text_iter_get_offset (location));
  if (!self->pressed &&
      (mark == gtk_text_buffer_get_insert (buffer) || mark == gtk_text_buffer_get_selection_bound (buffer)))
    self->pointer_selection = FALSE;
}

gboolean
collate_document_view_selection_is_pointer_drag (CollateDocumentView *self)
{
  g_return_val_if_fail (COLLATE_IS_DOCUMENT_VIEW (self), FALSE);

  return self->pointer_selection && gtk_text_buffer_get_has_selection (self->buffer);
}

static void
on_adjustment_changed (CollateDocumentView *self)
{
  g_signal_emit (self, signals[VIEW_CHANGED], 0);
}

/* The text view's context menu (right click, Menu, Shift+F10) offers the
 * labels too, so that tagging works without the mouse's popover */
static void
add_context_menu (CollateDocumentView *self)
{
  CollateSchema *schema = collate_project_get_schema (self->project);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) labels = g_menu_new ();
  g_autoptr(GMenu) span = g_menu_new ();
  guint n = collate_schema_get_n_labels (schema, COLLATE_LABEL_KIND_SPAN);

  for (guint i = 0; i < n; i++)
    {
      CollateLabel *label = collate_schema_get_label (schema, COLLATE_LABEL_KIND_SPAN, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (collate_label_get_name (label), NULL);

      g_menu_item_set_action_and_target (item, "workspace.tag", "s", collate_label_get_name (label));
      g_menu_append_item (labels, item);
    }
  g_menu_append_section (menu, _("Label"), G_MENU_MODEL (labels));
  g_menu_append (span, _("Link to a Span…"), "workspace.link-picker");
  g_menu_append (span, _("Tag All Occurrences"), "workspace.tag-all");
  g_menu_append (span, _("Delete Span or Link"), "workspace.delete");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (span));
  gtk_text_view_set_extra_menu (GTK_TEXT_VIEW (self->text_view), G_MENU_MODEL (menu));
}

/* ── Widget ────────────────────────────────────────────────────────── */

/* The label popover offers keys that work only while the text has the
 * focus: when the focus goes elsewhere (the sidebar's fields, the other
 * pane), the popover goes too instead of covering the text. */
static void
on_focus_widget_changed (CollateDocumentView *self,
                         GParamSpec          *pspec,
                         GtkRoot             *root)
{
  GtkWidget *focus = gtk_root_get_focus (root);

  if (self->label_popover == NULL || !gtk_widget_get_visible (self->label_popover))
    return;
  if (focus != NULL && (focus == self->text_view || gtk_widget_is_ancestor (focus, self->label_popover)))
    return;
  gtk_popover_popdown (GTK_POPOVER (self->label_popover));
}

static void
collate_document_view_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (collate_document_view_parent_class)->root (widget);

  g_signal_connect_object (gtk_widget_get_root (widget), "notify::focus-widget",
                           G_CALLBACK (on_focus_widget_changed), widget, G_CONNECT_SWAPPED);
}

static void
collate_document_view_unroot (GtkWidget *widget)
{
  g_signal_handlers_disconnect_by_func (gtk_widget_get_root (widget),
                                        on_focus_widget_changed, widget);

  GTK_WIDGET_CLASS (collate_document_view_parent_class)->unroot (widget);
}

static void
collate_document_view_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  CollateDocumentView *self = COLLATE_DOCUMENT_VIEW (widget);

  gtk_widget_measure (self->box, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

static void
collate_document_view_size_allocate (GtkWidget *widget,
                                     int        width,
                                     int        height,
                                     int        baseline)
{
  CollateDocumentView *self = COLLATE_DOCUMENT_VIEW (widget);

  /* a comfortable line length on wide panes: the text stands in a column
   * of about LINE_CHARS characters, centred */
  {
    int column = (int) (self->font_points * 96.0 / 72.0 * 0.47 * LINE_CHARS);
    int margin = MAX (TEXT_MARGIN, (width - column) / 2);

    if (margin != gtk_text_view_get_left_margin (GTK_TEXT_VIEW (self->text_view)))
      {
        gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->text_view), margin);
        gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self->text_view), margin);
      }
  }
  gtk_widget_allocate (self->box, width, height, baseline, NULL);
  if (self->label_popover)
    gtk_popover_present (GTK_POPOVER (self->label_popover));
  if (self->choice_popover)
    gtk_popover_present (GTK_POPOVER (self->choice_popover));
  g_signal_emit (self, signals[VIEW_CHANGED], 0);
}

static void
collate_document_view_dispose (GObject *object)
{
  CollateDocumentView *self = COLLATE_DOCUMENT_VIEW (object);

  g_clear_handle_id (&self->load_source, g_source_remove);
  g_clear_handle_id (&self->release_source, g_source_remove);
  if (self->text_view)
    COLLATE_SPAN_TEXT_VIEW (self->text_view)->pane = NULL;
  g_clear_pointer (&self->label_popover, gtk_widget_unparent);
  g_clear_pointer (&self->choice_popover, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), COLLATE_TYPE_DOCUMENT_VIEW);
  self->text_view = NULL;
  g_clear_object (&self->font_css);
  g_clear_object (&self->project);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (collate_document_view_parent_class)->dispose (object);
}

static void
collate_document_view_finalize (GObject *object)
{
  CollateDocumentView *self = COLLATE_DOCUMENT_VIEW (object);

  g_clear_pointer (&self->label_tags, g_hash_table_unref);
  g_clear_pointer (&self->highlight, g_array_unref);
  g_clear_pointer (&self->marks, g_array_unref);
  g_clear_pointer (&self->tag_layouts, g_hash_table_unref);

  G_OBJECT_CLASS (collate_document_view_parent_class)->finalize (object);
}

static void
collate_document_view_class_init (CollateDocumentViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = collate_document_view_dispose;
  object_class->finalize = collate_document_view_finalize;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  widget_class->measure = collate_document_view_measure;
  widget_class->size_allocate = collate_document_view_size_allocate;
  widget_class->root = collate_document_view_root;
  widget_class->unroot = collate_document_view_unroot;

  signals[SPAN_CLICKED] =
    g_signal_new ("span-clicked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                  COLLATE_TYPE_ANNOTATION, G_TYPE_BOOLEAN);
  signals[EMPTY_CLICKED] =
    g_signal_new ("empty-clicked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[TAG_REQUESTED] =
    g_signal_new ("tag-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[VIEW_CHANGED] =
    g_signal_new ("view-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CARET_MOVED] =
    g_signal_new ("caret-moved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[EDGE_MOVED] =
    g_signal_new ("edge-moved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_BOOLEAN, G_TYPE_UINT);

  g_type_ensure (COLLATE_TYPE_SPAN_TEXT_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/collate/Collate/workspace-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, CollateDocumentView, box);
  gtk_widget_class_bind_template_child (widget_class, CollateDocumentView, title);
  gtk_widget_class_bind_template_child (widget_class, CollateDocumentView, scroller);
  gtk_widget_class_bind_template_child (widget_class, CollateDocumentView, text_view);
  gtk_widget_class_bind_template_callback (widget_class, on_query_tooltip);
  gtk_widget_class_bind_template_callback (widget_class, on_text_event);

  gtk_widget_class_set_css_name (widget_class, "collate-pane");
}

static void
collate_document_view_init (CollateDocumentView *self)
{
  self->label_tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, label_tag_free);
  self->highlight = g_array_new (FALSE, FALSE, sizeof (guint));
  self->marks = g_array_new (FALSE, FALSE, sizeof (guint));
  self->dragging = -1;
  self->show_tags = TRUE;
  self->tag_layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->font_css = gtk_css_provider_new ();
  gtk_widget_set_size_request (GTK_WIDGET (self), PANE_MIN_WIDTH, -1);
  gtk_widget_init_template (GTK_WIDGET (self));
}

CollateDocumentView *
collate_document_view_new (CollateProject  *project,
                           CollateDocument *document)
{
  CollateDocumentView *self;
  GtkAdjustment *vadj;
  GtkTextIter start;
  const char *text;

  g_return_val_if_fail (COLLATE_IS_PROJECT (project), NULL);
  g_return_val_if_fail (COLLATE_IS_DOCUMENT (document), NULL);

  self = g_object_new (COLLATE_TYPE_DOCUMENT_VIEW, NULL);
  self->project = g_object_ref (project);
  self->document = g_object_ref (document);

  gtk_label_set_text (GTK_LABEL (self->title), collate_document_get_title (document));
  {
    /* the title's tooltip: where the report came from, as its metadata
     * keeps it (publisher, author, dates, the page's address…) */
    g_autoptr(GString) tip = g_string_new (collate_document_get_title (document));
    g_autofree const char **keys = collate_document_get_metadata_keys (document, NULL);
    const char *source = collate_document_get_source (document);

    if (source != NULL && *source != '\0')
      g_string_append_printf (tip, "\n%s", source);
    for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
      {
        g_autofree char *value = collate_text_quote (collate_document_get_metadata_value (document, keys[i]), 80);
        g_autofree char *key = collate_text_quote (keys[i], 40);

        g_string_append_printf (tip, "\n%s: %s", key, value);
      }
    gtk_widget_set_tooltip_text (self->title, tip->str);
  }
  COLLATE_SPAN_TEXT_VIEW (self->text_view)->pane = self;
  gtk_style_context_add_provider (gtk_widget_get_style_context (self->text_view),
                                  GTK_STYLE_PROVIDER (self->font_css),
                                  GTK_STYLE_PROVIDER_PRIORITY_USER);
  collate_document_view_set_font_size (self, 11);

  self->buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view));
  text = collate_document_get_text (document);
  gtk_text_buffer_set_text (self->buffer, text, collate_document_get_byte_length (document));
  gtk_text_buffer_get_start_iter (self->buffer, &start);
  gtk_text_buffer_place_cursor (self->buffer, &start);
  self->selected_tag = gtk_text_buffer_create_tag (self->buffer, "selected", NULL);

  /* for screen readers: the text named by its title, the span at the caret
   * as its description, the pane as a group named after the report */
  collate_accessible_track_text_view (GTK_TEXT_VIEW (self->text_view), project, document);
  collate_accessible_set_label (GTK_WIDGET (self), _("Report “%s”"), collate_document_get_title (document));
  g_signal_connect (self->buffer, "notify::has-selection", G_CALLBACK (on_has_selection), self);
  g_signal_connect (self->buffer, "mark-set", G_CALLBACK (on_mark_set), self);
  add_context_menu (self);

  vadj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  g_signal_connect_swapped (vadj, "value-changed", G_CALLBACK (on_adjustment_changed), self);
  g_signal_connect_swapped (vadj, "notify::upper", G_CALLBACK (on_adjustment_changed), self);

  return self;
}

CollateDocument *
collate_document_view_get_document (CollateDocumentView *self)
{
  g_return_val_if_fail (COLLATE_IS_DOCUMENT_VIEW (self), NULL);
  return self->document;
}

GtkTextView *
collate_document_view_get_text_view (CollateDocumentView *self)
{
  g_return_val_if_fail (COLLATE_IS_DOCUMENT_VIEW (self), NULL);
  return GTK_TEXT_VIEW (self->text_view);
}
