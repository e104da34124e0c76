/* collate-schema.c — the span and link labels of a project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "collate-error.h"
#include "collate-schema.h"

struct _CollateSchema
{
  GObject     parent_instance;

  GListStore *labels[2];   /* by CollateLabelKind */
  GHashTable *by_name[2];  /* name → CollateLabel (borrowed from the store) */
};

G_DEFINE_FINAL_TYPE (CollateSchema, collate_schema, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Colours that stay readable as translucent highlights on light and dark
 * backgrounds, as connector strokes and as dots: each has a relative
 * luminance of about 0.21, so that a dot keeps 3:1 contrast against both
 * Adwaita's light and dark backgrounds (tests/core/test-schema.c checks
 * it).  The first nine are the defaults; collate_schema_ensure() tries them
 * in order before it makes new ones of the same luminance. */
static const char * const palette[] = {
  "#9c7a11", "#307ce8", "#c041ea", "#109251", "#d05b17", "#108d91",
  "#e93b4a", "#658a0f", "#e620b1", "#8069ee", "#109210", "#1587bf",
  "#e83f30", "#83830f", "#9a5eed", "#108f70", "#e8337e", "#3b9010",
};

static void
collate_schema_finalize (GObject *object)
{
  CollateSchema *self = (CollateSchema *) object;
  guint i;

  for (i = 0; i < 2; i++)
    {
      g_clear_pointer (&self->by_name[i], g_hash_table_unref);
      g_clear_object (&self->labels[i]);
    }

  G_OBJECT_CLASS (collate_schema_parent_class)->finalize (object);
}

static void
collate_schema_class_init (CollateSchemaClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = collate_schema_finalize;

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
collate_schema_init (CollateSchema *self)
{
  guint i;

  for (i = 0; i < 2; i++)
    {
      self->labels[i] = g_list_store_new (COLLATE_TYPE_LABEL);
      self->by_name[i] = g_hash_table_new (g_str_hash, g_str_equal);
    }
}

CollateSchema *
collate_schema_new (void)
{
  return g_object_new (COLLATE_TYPE_SCHEMA, NULL);
}

static void
add_default (CollateSchema    *self,
             CollateLabelKind  kind,
             const char       *name,
             const char       *color,
             const char       *hotkey,
             const char       *description)
{
  g_autoptr(CollateLabel) label = collate_label_new (name, color, hotkey, description, NULL);

  g_assert (label != NULL);
  collate_schema_add (self, kind, label, NULL);
}

CollateSchema *
collate_schema_new_default (void)
{
  CollateSchema *self = collate_schema_new ();

  /* Names are data (they are written to files), descriptions are for people. */
  add_default (self, COLLATE_LABEL_KIND_SPAN, "Claim", "#9c7a11", "1",
               _("A statement presented as fact that could be checked"));
  add_default (self, COLLATE_LABEL_KIND_SPAN, "Person", "#307ce8", "2",
               _("A named person"));
  add_default (self, COLLATE_LABEL_KIND_SPAN, "Organization", "#c041ea", "3",
               _("A company, government body, party or other organisation"));
  add_default (self, COLLATE_LABEL_KIND_SPAN, "Location", "#109251", "4",
               _("A place: country, city, building, region"));
  add_default (self, COLLATE_LABEL_KIND_SPAN, "Time", "#d05b17", "5",
               _("A date, time, duration or period"));
  add_default (self, COLLATE_LABEL_KIND_SPAN, "Quantity", "#108d91", "6",
               _("A number with its unit: amounts, counts, percentages"));
  add_default (self, COLLATE_LABEL_KIND_LINK, "Contradicts", "#e93b4a", NULL,
               _("The two spans cannot both be true"));
  add_default (self, COLLATE_LABEL_KIND_LINK, "Corroborates", "#658a0f", NULL,
               _("One span supports the other"));
  add_default (self, COLLATE_LABEL_KIND_LINK, "Same entity", "#e620b1", NULL,
               _("Both spans name the same person, place or thing"));

  return self;
}

GListModel *
collate_schema_get_labels (CollateSchema    *self,
                           CollateLabelKind  kind)
{
  g_return_val_if_fail (COLLATE_IS_SCHEMA (self), NULL);
  g_return_val_if_fail (kind <= COLLATE_LABEL_KIND_LINK, NULL);

  return G_LIST_MODEL (self->labels[kind]);
}

guint
collate_schema_get_n_labels (CollateSchema    *self,
                             CollateLabelKind  kind)
{
  g_return_val_if_fail (COLLATE_IS_SCHEMA (self), 0);
  g_return_val_if_fail (kind <= COLLATE_LABEL_KIND_LINK, 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->labels[kind]));
}

/**
 * collate_schema_get_label:
 *
 * Returns: (transfer none) (nullable): the label at @position
 */
CollateLabel *
collate_schema_get_label (CollateSchema    *self,
                          CollateLabelKind  kind,
                          guint             position)
{
  g_autoptr(CollateLabel) label = NULL;

  g_return_val_if_fail (COLLATE_IS_SCHEMA (self), NULL);
  g_return_val_if_fail (kind <= COLLATE_LABEL_KIND_LINK, NULL);

  label = g_list_model_get_item (G_LIST_MODEL (self->labels[kind]), position);

  return label;  /* the store keeps a reference */
}

GPtrArray *
collate_schema_dup_labels (CollateSchema    *self,
                           CollateLabelKind  kind)
{
  guint n;
  GPtrArray *labels;

  g_return_val_if_fail (COLLATE_IS_SCHEMA (self), NULL);
  g_return_val_if_fail (kind <= COLLATE_LABEL_KIND_LINK, NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->labels[kind]));
  labels = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (labels, g_list_model_get_item (G_LIST_MODEL (self->labels[kind]), i));
  return labels;
}

/**
 * collate_schema_lookup:
 *
 * Returns: (transfer none) (nullable): the label named @name
 */
CollateLabel *
collate_schema_lookup (CollateSchema    *self,
                       CollateLabelKind  kind,
                       const char       *name)
{
  g_return_val_if_fail (COLLATE_IS_SCHEMA (self), NULL);
  g_return_val_if_fail (kind <= COLLATE_LABEL_KIND_LINK, NULL);

  if (name == NULL)
    return NULL;

  return g_hash_table_lookup (self->by_name[kind], name);
}

int
collate_schema_index_of (CollateSchema    *self,
                         CollateLabelKind  kind,
                         const char       *name)
{
  CollateLabel *label = collate_schema_lookup (self, kind, name);
  guint position;

  if (label == NULL || !g_list_store_find (self->labels[kind], label, &position))
    return -1;

  return (int) position;
}

/**
 * collate_schema_lookup_kind_hotkey:
 *
 * Returns: (transfer none) (nullable): the label of @kind whose hotkey is @hotkey
 */
CollateLabel *
collate_schema_lookup_kind_hotkey (CollateSchema    *self,
                                   CollateLabelKind  kind,
                                   const char       *hotkey)
{
  guint n, i;

  g_return_val_if_fail (COLLATE_IS_SCHEMA (self), NULL);
  g_return_val_if_fail (kind <= COLLATE_LABEL_KIND_LINK, NULL);

  if (hotkey == NULL || *hotkey == '\0')
    return NULL;

  n = collate_schema_get_n_labels (self, kind);
  for (i = 0; i < n; i++)
    {
      CollateLabel *label = collate_schema_get_label (self, kind, i);

      if (g_strcmp0 (collate_label_get_hotkey (label), hotkey) == 0)
        return label;
    }

  return NULL;
}

/**
 * collate_schema_lookup_hotkey:
 *
 * Returns: (transfer none) (nullable): the span label whose hotkey is @hotkey
 */
CollateLabel *
collate_schema_lookup_hotkey (CollateSchema *self,
                              const char    *hotkey)
{
  return collate_schema_lookup_kind_hotkey (self, COLLATE_LABEL_KIND_SPAN, hotkey);
}

/* 0–8 for the keys "1"–"9", else -1 */
static int
digit_position (const char *key)
{
  if (key != NULL && key[0] >= '1' && key[0] <= '9' && key[1] == '\0')
    return key[0] - '1';
  return -1;
}

/**
 * collate_schema_label_for_key:
 *
 * An explicit hotkey wins; else a digit 1–9 names the label at its position.
 *
 * Returns: (transfer none) (nullable): the label of @kind that @key applies
 */
CollateLabel *
collate_schema_label_for_key (CollateSchema    *self,
                              CollateLabelKind  kind,
                              const char       *key)
{
  CollateLabel *label = collate_schema_lookup_kind_hotkey (self, kind, key);
  int position = digit_position (key);

  if (label != NULL)
    return label;
  if (position >= 0 && (guint) position < collate_schema_get_n_labels (self, kind))
    return collate_schema_get_label (self, kind, position);
  return NULL;
}

/**
 * collate_schema_key_for:
 *
 * Returns: (transfer full) (nullable): the key that applies the label at
 * @position: its own hotkey, else the digit of its position if no label
 * of @kind has that digit as its own
 */
char *
collate_schema_key_for (CollateSchema    *self,
                        CollateLabelKind  kind,
                        guint             position)
{
  CollateLabel *label;
  g_autofree char *digit = NULL;

  g_return_val_if_fail (COLLATE_IS_SCHEMA (self), NULL);
  g_return_val_if_fail (kind <= COLLATE_LABEL_KIND_LINK, NULL);

  if (position >= collate_schema_get_n_labels (self, kind))
    return NULL;
  label = collate_schema_get_label (self, kind, position);
  if (collate_label_get_hotkey (label) != NULL)
    return g_strdup (collate_label_get_hotkey (label));
  if (position >= 9)
    return NULL;
  digit = g_strdup_printf ("%u", position + 1);
  if (collate_schema_lookup_kind_hotkey (self, kind, digit) != NULL)
    return NULL;
  return g_steal_pointer (&digit);
}

gboolean
collate_schema_add (CollateSchema     *self,
                    CollateLabelKind   kind,
                    CollateLabel      *label,
                    GError           **error)
{
  const char *name;
  const char *hotkey;

  g_return_val_if_fail (COLLATE_IS_SCHEMA (self), FALSE);
  g_return_val_if_fail (kind <= COLLATE_LABEL_KIND_LINK, FALSE);
  g_return_val_if_fail (COLLATE_IS_LABEL (label), FALSE);

  name = collate_label_get_name (label);
  hotkey = collate_label_get_hotkey (label);

  if (g_hash_table_contains (self->by_name[kind], name))
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_EXISTS,
                   kind == COLLATE_LABEL_KIND_SPAN
                   ? _("span label \"%s\" is defined twice")
                   : _("link label \"%s\" is defined twice"),
                   name);
      return FALSE;
    }

  if (hotkey != NULL)
    {
      CollateLabel *other = collate_schema_lookup_kind_hotkey (self, kind, hotkey);

      if (other != NULL)
        {
          g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_EXISTS,
                       kind == COLLATE_LABEL_KIND_SPAN
                       ? _("span label \"%s\": hotkey \"%s\" is already used by \"%s\"")
                       : _("link label \"%s\": hotkey \"%s\" is already used by \"%s\""),
                       name, hotkey, collate_label_get_name (other));
          return FALSE;
        }
    }

  g_list_store_append (self->labels[kind], label);
  g_hash_table_insert (self->by_name[kind], (char *) name, label);

  return TRUE;
}

static gboolean
color_in_use (CollateSchema    *self,
              CollateLabelKind  kind,
              const char       *color)
{
  guint n = collate_schema_get_n_labels (self, kind);
  guint i;

  for (i = 0; i < n; i++)
    if (g_ascii_strcasecmp (collate_label_get_color (collate_schema_get_label (self, kind, i)), color) == 0)
      return TRUE;

  return FALSE;
}

/* @h in sextants (0..6) */
static void
hsl_to_rgb (double  h,
            double  s,
            double  l,
            double *r,
            double *g,
            double *b)
{
  double c = (1 - fabs (2 * l - 1)) * s;
  double x = c * (1 - fabs (fmod (h, 2) - 1));
  double m = l - c / 2;

  *r = *g = *b = 0;
  switch ((int) h)
    {
    case 0: *r = c; *g = x; break;
    case 1: *r = x; *g = c; break;
    case 2: *g = c; *b = x; break;
    case 3: *g = x; *b = c; break;
    case 4: *r = x; *b = c; break;
    default: *r = c; *b = x; break;
    }
  *r += m;
  *g += m;
  *b += m;
}

char *
collate_schema_pick_color (CollateSchema    *self,
                           CollateLabelKind  kind)
{
  guint n = collate_schema_get_n_labels (self, COLLATE_LABEL_KIND_SPAN)
            + collate_schema_get_n_labels (self, COLLATE_LABEL_KIND_LINK);
  guint i;
  double h, r, g, b;

  for (i = 0; i < G_N_ELEMENTS (palette); i++)
    if (!color_in_use (self, COLLATE_LABEL_KIND_SPAN, palette[i])
        && !color_in_use (self, COLLATE_LABEL_KIND_LINK, palette[i]))
      return g_strdup (palette[i]);

  /* Past the palette: walk the hue circle by the golden angle, at the
   * palette's luminance, to the first colour unlike those in use */
  {
    double best = -1, best_rgb[3] = { 0.5, 0.5, 0.5 };

    for (guint k = 0; k < 64 && best < 0.12; k++)
      {
        double s = 0.8, lo = 0.0, hi = 1.0, nearest = G_MAXDOUBLE;

        h = fmod ((n + k) * 137.508, 360.0) / 60.0;
        for (guint step = 0; step < 30; step++)
          {
            double l = (lo + hi) / 2;

            hsl_to_rgb (h, s, l, &r, &g, &b);
            if (collate_color_luminance (r, g, b) < 0.21)
              lo = l;
            else
              hi = l;
          }
        hsl_to_rgb (h, s, lo, &r, &g, &b);
        for (guint kind2 = 0; kind2 < 2; kind2++)
          for (i = 0; i < collate_schema_get_n_labels (self, kind2); i++)
            {
              double r2, g2, b2;

              collate_label_get_rgb (collate_schema_get_label (self, kind2, i), &r2, &g2, &b2);
              nearest = MIN (nearest, sqrt ((r - r2) * (r - r2) + (g - g2) * (g - g2) + (b - b2) * (b - b2)));
            }
        if (nearest > best)
          {
            best = nearest;
            best_rgb[0] = r;
            best_rgb[1] = g;
            best_rgb[2] = b;
          }
      }
    r = best_rgb[0];
    g = best_rgb[1];
    b = best_rgb[2];
  }

  return g_strdup_printf ("#%02x%02x%02x",
                          (guint) lround (r * 255), (guint) lround (g * 255), (guint) lround (b * 255));
}

/**
 * collate_schema_ensure:
 *
 * Returns: (transfer none): the label named @name, added if missing, or
 *   %NULL if @name cannot be a label name (empty, control characters)
 */
CollateLabel *
collate_schema_ensure (CollateSchema    *self,
                       CollateLabelKind  kind,
                       const char       *name)
{
  g_autoptr(CollateLabel) label = NULL;
  g_autofree char *color = NULL;
  CollateLabel *found;

  g_return_val_if_fail (COLLATE_IS_SCHEMA (self), NULL);

  found = collate_schema_lookup (self, kind, name);
  if (found != NULL)
    return found;

  color = collate_schema_pick_color (self, kind);
  label = collate_label_new (name, color, NULL, NULL, NULL);
  if (label == NULL || !collate_schema_add (self, kind, label, NULL))
    return NULL;

  return label;
}

CollateSchema *
collate_schema_copy (CollateSchema *self)
{
  CollateSchema *copy;

  g_return_val_if_fail (COLLATE_IS_SCHEMA (self), NULL);

  copy = collate_schema_new ();
  for (guint kind = 0; kind < 2; kind++)
    for (guint i = 0; i < collate_schema_get_n_labels (self, kind); i++)
      {
        CollateLabel *label = collate_schema_get_label (self, kind, i);

        g_list_store_append (copy->labels[kind], label);
        g_hash_table_insert (copy->by_name[kind], (char *) collate_label_get_name (label), label);
      }

  return copy;
}

void
collate_schema_assign (CollateSchema *self,
                       CollateSchema *other)
{
  g_return_if_fail (COLLATE_IS_SCHEMA (self));
  g_return_if_fail (COLLATE_IS_SCHEMA (other));

  if (self == other)
    return;

  for (guint kind = 0; kind < 2; kind++)
    {
      g_autoptr(GPtrArray) items = collate_schema_dup_labels (other, kind);
      guint n = items->len;

      g_hash_table_remove_all (self->by_name[kind]);
      for (guint i = 0; i < n; i++)
        {
          CollateLabel *label = g_ptr_array_index (items, i);

          g_hash_table_insert (self->by_name[kind], (char *) collate_label_get_name (label), label);
        }
      g_list_store_splice (self->labels[kind], 0,
                           g_list_model_get_n_items (G_LIST_MODEL (self->labels[kind])),
                           items->pdata, n);
    }

  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
label_equal (CollateLabel *a,
             CollateLabel *b)
{
  return g_str_equal (collate_label_get_name (a), collate_label_get_name (b))
         && g_str_equal (collate_label_get_color (a), collate_label_get_color (b))
         && g_strcmp0 (collate_label_get_hotkey (a), collate_label_get_hotkey (b)) == 0
         && g_strcmp0 (collate_label_get_description (a), collate_label_get_description (b)) == 0;
}

gboolean
collate_schema_equal (CollateSchema *a,
                      CollateSchema *b)
{
  g_return_val_if_fail (COLLATE_IS_SCHEMA (a), FALSE);
  g_return_val_if_fail (COLLATE_IS_SCHEMA (b), FALSE);

  for (guint kind = 0; kind < 2; kind++)
    {
      guint n = collate_schema_get_n_labels (a, kind);

      if (n != collate_schema_get_n_labels (b, kind))
        return FALSE;
      for (guint i = 0; i < n; i++)
        if (!label_equal (collate_schema_get_label (a, kind, i), collate_schema_get_label (b, kind, i)))
          return FALSE;
    }

  return TRUE;
}

const char * const *
collate_schema_get_palette (guint *n_colors)
{
  if (n_colors)
    *n_colors = G_N_ELEMENTS (palette);
  return palette;
}

static double
hex_luminance (const char *color)
{
  guint64 v = g_ascii_strtoull (color + 1, NULL, 16);

  return collate_color_luminance (((v >> 16) & 0xff) / 255.0, ((v >> 8) & 0xff) / 255.0, (v & 0xff) / 255.0);
}

double
collate_color_dot_contrast (const char *color)
{
  /* Adwaita (GTK 4.8): view, window and header bar, light then dark */
  static const char * const backgrounds[] = {
    "#ffffff", "#fafafa", "#ebebeb", "#1e1e1e", "#242424", "#303030",
  };
  double lowest = 21, luminance;

  g_return_val_if_fail (collate_color_is_valid (color), 1);

  luminance = hex_luminance (color);
  for (guint i = 0; i < G_N_ELEMENTS (backgrounds); i++)
    lowest = MIN (lowest, collate_color_contrast (luminance, hex_luminance (backgrounds[i])));
  return lowest;
}
