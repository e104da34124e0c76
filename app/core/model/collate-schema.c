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

/* Colours that stay readable as translucent highlights on light and dark
 * backgrounds, and as connector strokes; tried in order by
 * collate_schema_ensure() before it invents new ones. */
static const char * const palette[] = {
  "#f5c211", "#62a0ea", "#c061cb", "#57e389", "#ffa348", "#f66151",
  "#5bc8af", "#dc8add", "#99c1f1", "#cdab8f", "#8ff0a4", "#f9f06b",
  "#e01b24", "#2ec27e", "#3584e4", "#9141ac", "#e66100", "#986a44",
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
  add_default (self, COLLATE_LABEL_KIND_SPAN, "Claim", "#f5c211", "1",
               _("A statement presented as fact that could be checked"));
  add_default (self, COLLATE_LABEL_KIND_SPAN, "Person", "#62a0ea", "2",
               _("A named person"));
  add_default (self, COLLATE_LABEL_KIND_SPAN, "Organization", "#c061cb", "3",
               _("A company, government body, party or other organisation"));
  add_default (self, COLLATE_LABEL_KIND_SPAN, "Location", "#57e389", "4",
               _("A place: country, city, building, region"));
  add_default (self, COLLATE_LABEL_KIND_SPAN, "Time", "#ffa348", "5",
               _("A date, time, duration or period"));
  add_default (self, COLLATE_LABEL_KIND_SPAN, "Quantity", "#f66151", "6",
               _("A number with its unit: amounts, counts, percentages"));
  add_default (self, COLLATE_LABEL_KIND_LINK, "Contradicts", "#e01b24", NULL,
               _("The two spans cannot both be true"));
  add_default (self, COLLATE_LABEL_KIND_LINK, "Corroborates", "#2ec27e", NULL,
               _("One span supports the other"));
  add_default (self, COLLATE_LABEL_KIND_LINK, "Same entity", "#3584e4", NULL,
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
 * collate_schema_lookup_hotkey:
 *
 * Returns: (transfer none) (nullable): the span label whose hotkey is @hotkey
 */
CollateLabel *
collate_schema_lookup_hotkey (CollateSchema *self,
                              const char    *hotkey)
{
  guint n, i;

  g_return_val_if_fail (COLLATE_IS_SCHEMA (self), NULL);

  if (hotkey == NULL || *hotkey == '\0')
    return NULL;

  n = collate_schema_get_n_labels (self, COLLATE_LABEL_KIND_SPAN);
  for (i = 0; i < n; i++)
    {
      CollateLabel *label = collate_schema_get_label (self, COLLATE_LABEL_KIND_SPAN, i);

      if (g_strcmp0 (collate_label_get_hotkey (label), hotkey) == 0)
        return label;
    }

  return NULL;
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

  if (kind == COLLATE_LABEL_KIND_SPAN && hotkey != NULL)
    {
      CollateLabel *other = collate_schema_lookup_hotkey (self, hotkey);

      if (other != NULL)
        {
          g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_EXISTS,
                       _("span label \"%s\": hotkey \"%s\" is already used by \"%s\""),
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

static char *
pick_color (CollateSchema    *self,
            CollateLabelKind  kind)
{
  guint n = collate_schema_get_n_labels (self, kind);
  guint i;
  double h, r, g, b;

  for (i = 0; i < G_N_ELEMENTS (palette); i++)
    if (!color_in_use (self, kind, palette[i]))
      return g_strdup (palette[i]);

  /* Past the palette: walk the hue circle by the golden angle, at a
   * lightness and saturation that read on light and dark backgrounds. */
  h = fmod (n * 137.508, 360.0) / 60.0;
  {
    double s = 0.65, l = 0.6;
    double c = (1 - fabs (2 * l - 1)) * s;
    double x = c * (1 - fabs (fmod (h, 2) - 1));
    double m = l - c / 2;

    r = g = b = 0;
    switch ((int) h)
      {
      case 0: r = c; g = x; break;
      case 1: r = x; g = c; break;
      case 2: g = c; b = x; break;
      case 3: g = x; b = c; break;
      case 4: r = x; b = c; break;
      default: r = c; b = x; break;
      }
    r += m;
    g += m;
    b += m;
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

  color = pick_color (self, kind);
  label = collate_label_new (name, color, NULL, NULL, NULL);
  if (label == NULL || !collate_schema_add (self, kind, label, NULL))
    return NULL;

  return label;
}
