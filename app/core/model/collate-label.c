/* collate-label.c — a span or link label of the schema
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "collate-error.h"
#include "collate-label.h"
#include "collate-limits.h"

struct _CollateLabel
{
  GObject parent_instance;

  char *name;
  char *color;
  char *hotkey;
  char *description;
};

G_DEFINE_FINAL_TYPE (CollateLabel, collate_label, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_COLOR,
  PROP_HOTKEY,
  PROP_DESCRIPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
collate_label_finalize (GObject *object)
{
  CollateLabel *self = (CollateLabel *) object;

  g_free (self->name);
  g_free (self->color);
  g_free (self->hotkey);
  g_free (self->description);

  G_OBJECT_CLASS (collate_label_parent_class)->finalize (object);
}

static void
collate_label_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CollateLabel *self = COLLATE_LABEL (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;
    case PROP_HOTKEY:
      g_value_set_string (value, self->hotkey);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
collate_label_class_init (CollateLabelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = collate_label_finalize;
  object_class->get_property = collate_label_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HOTKEY] =
    g_param_spec_string ("hotkey", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
collate_label_init (CollateLabel *self)
{
}

gboolean
collate_color_is_valid (const char *color)
{
  guint i;

  if (color == NULL || color[0] != '#' || strlen (color) != 7)
    return FALSE;
  for (i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (color[i]))
      return FALSE;

  return TRUE;
}

/**
 * collate_label_new:
 * @name: a non-empty name without control characters, of at most
 *   COLLATE_MAX_LABEL_SIZE bytes
 * @color: "#rrggbb"
 * @hotkey: (nullable): a single character
 * @description: (nullable): what the label is for
 */
CollateLabel *
collate_label_new (const char  *name,
                   const char  *color,
                   const char  *hotkey,
                   const char  *description,
                   GError     **error)
{
  CollateLabel *self;
  const char *p;

  if (name == NULL || *name == '\0')
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                   _("a label needs a name"));
      return NULL;
    }
  for (p = name; *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      {
        g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                     _("label \"%s\": the name contains a control character"), name);
        return NULL;
      }
  if (!g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_ENCODING,
                   _("a label name is not valid UTF-8"));
      return NULL;
    }
  if (strlen (name) > COLLATE_MAX_LABEL_SIZE)
    {
      g_autofree char *start = g_utf8_substring (name, 0, 40);

      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_TOO_LARGE,
                   _("label \"%s…\": the name is %zu bytes long; "
                     "label names have at most %d bytes"),
                   start, strlen (name), COLLATE_MAX_LABEL_SIZE);
      return NULL;
    }
  if (!collate_color_is_valid (color))
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                   _("label \"%s\": colour \"%s\" is not of the form #rrggbb"),
                   name, color ? color : "");
      return NULL;
    }
  if (hotkey != NULL && *hotkey != '\0' &&
      (!g_utf8_validate (hotkey, -1, NULL) || g_utf8_strlen (hotkey, -1) != 1 ||
       g_unichar_isspace (g_utf8_get_char (hotkey)) || g_unichar_iscntrl (g_utf8_get_char (hotkey))))
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                   _("label \"%s\": hotkey \"%s\" must be a single printable character"),
                   name, hotkey);
      return NULL;
    }

  self = g_object_new (COLLATE_TYPE_LABEL, NULL);
  self->name = g_strdup (name);
  self->color = g_ascii_strdown (color, -1);
  self->hotkey = hotkey && *hotkey ? g_strdup (hotkey) : NULL;
  self->description = description && *description ? g_strdup (description) : NULL;

  return self;
}

const char *
collate_label_get_name (CollateLabel *self)
{
  g_return_val_if_fail (COLLATE_IS_LABEL (self), NULL);
  return self->name;
}

const char *
collate_label_get_color (CollateLabel *self)
{
  g_return_val_if_fail (COLLATE_IS_LABEL (self), NULL);
  return self->color;
}

const char *
collate_label_get_hotkey (CollateLabel *self)
{
  g_return_val_if_fail (COLLATE_IS_LABEL (self), NULL);
  return self->hotkey;
}

const char *
collate_label_get_description (CollateLabel *self)
{
  g_return_val_if_fail (COLLATE_IS_LABEL (self), NULL);
  return self->description;
}

void
collate_label_get_rgb (CollateLabel *self,
                       double       *red,
                       double       *green,
                       double       *blue)
{
  guint64 v;

  g_return_if_fail (COLLATE_IS_LABEL (self));

  v = g_ascii_strtoull (self->color + 1, NULL, 16);
  if (red)
    *red = ((v >> 16) & 0xff) / 255.0;
  if (green)
    *green = ((v >> 8) & 0xff) / 255.0;
  if (blue)
    *blue = (v & 0xff) / 255.0;
}

static double
linear (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

double
collate_color_luminance (double red,
                         double green,
                         double blue)
{
  return 0.2126 * linear (red) + 0.7152 * linear (green) + 0.0722 * linear (blue);
}

double
collate_color_contrast (double luminance1,
                        double luminance2)
{
  return (MAX (luminance1, luminance2) + 0.05) / (MIN (luminance1, luminance2) + 0.05);
}
