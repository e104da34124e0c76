/* collate-link.c — a labelled link between two span annotations (an immutable value)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "collate-link.h"

struct _CollateLink
{
  GObject     parent_instance;

  char       *id;
  const char *label;   /* interned */
  const char *author;  /* interned */
  char       *from_id;
  char       *to_id;
  char       *note;
  char       *created;
  char       *modified;
  GHashTable *attributes;   /* NULL when there are none */
};

G_DEFINE_FINAL_TYPE (CollateLink, collate_link, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_LABEL,
  PROP_FROM,
  PROP_TO,
  PROP_NOTE,
  PROP_AUTHOR,
  PROP_CREATED,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
collate_link_finalize (GObject *object)
{
  CollateLink *self = (CollateLink *) object;

  g_free (self->id);
  g_free (self->from_id);
  g_free (self->to_id);
  g_free (self->note);
  g_free (self->created);
  g_free (self->modified);
  g_clear_pointer (&self->attributes, g_hash_table_unref);

  G_OBJECT_CLASS (collate_link_parent_class)->finalize (object);
}

static void
collate_link_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CollateLink *self = COLLATE_LINK (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_LABEL: g_value_set_string (value, self->label); break;
    case PROP_FROM: g_value_set_string (value, self->from_id); break;
    case PROP_TO: g_value_set_string (value, self->to_id); break;
    case PROP_NOTE: g_value_set_string (value, self->note); break;
    case PROP_AUTHOR: g_value_set_string (value, self->author); break;
    case PROP_CREATED: g_value_set_string (value, self->created); break;
    case PROP_MODIFIED: g_value_set_string (value, self->modified); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
collate_link_class_init (CollateLinkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = collate_link_finalize;
  object_class->get_property = collate_link_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL, flags);
  properties[PROP_FROM] = g_param_spec_string ("from", NULL, NULL, NULL, flags);
  properties[PROP_TO] = g_param_spec_string ("to", NULL, NULL, NULL, flags);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, flags);
  properties[PROP_AUTHOR] = g_param_spec_string ("author", NULL, NULL, NULL, flags);
  properties[PROP_CREATED] = g_param_spec_string ("created", NULL, NULL, NULL, flags);
  properties[PROP_MODIFIED] = g_param_spec_string ("modified", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
collate_link_init (CollateLink *self)
{
}

CollateLink *
collate_link_new (const char *id,
                  const char *label,
                  const char *from_id,
                  const char *to_id,
                  const char *note,
                  const char *author,
                  const char *created,
                  const char *modified)
{
  CollateLink *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (label != NULL, NULL);
  g_return_val_if_fail (from_id != NULL, NULL);
  g_return_val_if_fail (to_id != NULL, NULL);

  self = g_object_new (COLLATE_TYPE_LINK, NULL);
  self->id = g_strdup (id);
  self->label = g_intern_string (label);
  self->from_id = g_strdup (from_id);
  self->to_id = g_strdup (to_id);
  self->note = g_strdup (note ? note : "");
  self->author = g_intern_string (author ? author : "");
  self->created = g_strdup (created ? created : "");
  self->modified = g_strdup (modified ? modified : self->created);

  return self;
}

CollateLink *
collate_link_new_with_attributes (const char *id,
                                  const char *label,
                                  const char *from_id,
                                  const char *to_id,
                                  const char *note,
                                  GHashTable *attributes,
                                  const char *author,
                                  const char *created,
                                  const char *modified)
{
  CollateLink *self = collate_link_new (id, label, from_id, to_id, note, author, created, modified);

  if (self != NULL && attributes != NULL && g_hash_table_size (attributes) > 0)
    {
      GHashTableIter iter;
      gpointer key, value;

      self->attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_iter_init (&iter, attributes);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (self->attributes, g_strdup (key), g_strdup (value ? value : ""));
    }
  return self;
}

const char *
collate_link_get_id (CollateLink *self)
{
  g_return_val_if_fail (COLLATE_IS_LINK (self), NULL);
  return self->id;
}

const char *
collate_link_get_label (CollateLink *self)
{
  g_return_val_if_fail (COLLATE_IS_LINK (self), NULL);
  return self->label;
}

const char *
collate_link_get_from (CollateLink *self)
{
  g_return_val_if_fail (COLLATE_IS_LINK (self), NULL);
  return self->from_id;
}

const char *
collate_link_get_to (CollateLink *self)
{
  g_return_val_if_fail (COLLATE_IS_LINK (self), NULL);
  return self->to_id;
}

const char *
collate_link_get_note (CollateLink *self)
{
  g_return_val_if_fail (COLLATE_IS_LINK (self), NULL);
  return self->note;
}

const char *
collate_link_get_author (CollateLink *self)
{
  g_return_val_if_fail (COLLATE_IS_LINK (self), NULL);
  return self->author;
}

const char *
collate_link_get_created (CollateLink *self)
{
  g_return_val_if_fail (COLLATE_IS_LINK (self), NULL);
  return self->created;
}

const char *
collate_link_get_modified (CollateLink *self)
{
  g_return_val_if_fail (COLLATE_IS_LINK (self), NULL);
  return self->modified;
}

const char *
collate_link_get_attribute (CollateLink *self,
                            const char  *key)
{
  g_return_val_if_fail (COLLATE_IS_LINK (self), NULL);

  if (self->attributes == NULL || key == NULL)
    return NULL;
  return g_hash_table_lookup (self->attributes, key);
}

guint
collate_link_get_n_attributes (CollateLink *self)
{
  g_return_val_if_fail (COLLATE_IS_LINK (self), 0);
  return self->attributes ? g_hash_table_size (self->attributes) : 0;
}

GHashTable *
collate_link_get_attributes (CollateLink *self)
{
  g_return_val_if_fail (COLLATE_IS_LINK (self), NULL);
  return self->attributes;
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

const char **
collate_link_get_attribute_keys (CollateLink *self)
{
  const char **keys;
  guint n = 0;

  g_return_val_if_fail (COLLATE_IS_LINK (self), NULL);

  if (self->attributes == NULL)
    return g_new0 (const char *, 1);
  keys = (const char **) g_hash_table_get_keys_as_array (self->attributes, &n);
  qsort (keys, n, sizeof (char *), compare_strings);
  return keys;
}
