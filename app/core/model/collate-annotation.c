/* collate-annotation.c — a span annotation (an immutable value)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "collate-annotation.h"
#include "collate-text.h"

struct _CollateAnnotation
{
  GObject     parent_instance;

  char       *id;
  const char *document_id;  /* interned: few distinct values */
  const char *label;        /* interned */
  const char *author;       /* interned */
  guint       start;
  guint       end;
  char       *text;
  char       *note;
  char       *created;
  char       *modified;
  GHashTable *attributes;   /* NULL when there are none */
};

G_DEFINE_FINAL_TYPE (CollateAnnotation, collate_annotation, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_DOCUMENT_ID,
  PROP_START,
  PROP_END,
  PROP_LABEL,
  PROP_TEXT,
  PROP_NOTE,
  PROP_AUTHOR,
  PROP_CREATED,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
collate_annotation_finalize (GObject *object)
{
  CollateAnnotation *self = (CollateAnnotation *) object;

  g_free (self->id);
  g_free (self->text);
  g_free (self->note);
  g_free (self->created);
  g_free (self->modified);
  g_clear_pointer (&self->attributes, g_hash_table_unref);

  G_OBJECT_CLASS (collate_annotation_parent_class)->finalize (object);
}

static void
collate_annotation_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CollateAnnotation *self = COLLATE_ANNOTATION (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_DOCUMENT_ID: g_value_set_string (value, self->document_id); break;
    case PROP_START: g_value_set_uint (value, self->start); break;
    case PROP_END: g_value_set_uint (value, self->end); break;
    case PROP_LABEL: g_value_set_string (value, self->label); break;
    case PROP_TEXT: g_value_set_string (value, self->text); break;
    case PROP_NOTE: g_value_set_string (value, self->note); break;
    case PROP_AUTHOR: g_value_set_string (value, self->author); break;
    case PROP_CREATED: g_value_set_string (value, self->created); break;
    case PROP_MODIFIED: g_value_set_string (value, self->modified); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
collate_annotation_class_init (CollateAnnotationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = collate_annotation_finalize;
  object_class->get_property = collate_annotation_get_property;

  /* Read-only: for expressions and bindings in list views */
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_DOCUMENT_ID] = g_param_spec_string ("document-id", NULL, NULL, NULL, flags);
  properties[PROP_START] = g_param_spec_uint ("start", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_END] = g_param_spec_uint ("end", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL, flags);
  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL, flags);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, flags);
  properties[PROP_AUTHOR] = g_param_spec_string ("author", NULL, NULL, NULL, flags);
  properties[PROP_CREATED] = g_param_spec_string ("created", NULL, NULL, NULL, flags);
  properties[PROP_MODIFIED] = g_param_spec_string ("modified", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
collate_annotation_init (CollateAnnotation *self)
{
}

CollateAnnotation *
collate_annotation_new (const char *id,
                        const char *document_id,
                        guint       start,
                        guint       end,
                        const char *label,
                        const char *text,
                        const char *note,
                        GHashTable *attributes,
                        const char *author,
                        const char *created,
                        const char *modified)
{
  CollateAnnotation *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (document_id != NULL, NULL);
  g_return_val_if_fail (label != NULL, NULL);

  self = g_object_new (COLLATE_TYPE_ANNOTATION, NULL);
  self->id = g_strdup (id);
  self->document_id = g_intern_string (document_id);
  self->start = start;
  self->end = end;
  self->label = g_intern_string (label);
  self->text = g_strdup (text ? text : "");
  self->note = g_strdup (note ? note : "");
  self->author = g_intern_string (author ? author : "");
  self->created = g_strdup (created ? created : "");
  self->modified = g_strdup (modified ? modified : self->created);

  if (attributes != NULL && g_hash_table_size (attributes) > 0)
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
collate_annotation_get_id (CollateAnnotation *self)
{
  g_return_val_if_fail (COLLATE_IS_ANNOTATION (self), NULL);
  return self->id;
}

const char *
collate_annotation_get_document_id (CollateAnnotation *self)
{
  g_return_val_if_fail (COLLATE_IS_ANNOTATION (self), NULL);
  return self->document_id;
}

guint
collate_annotation_get_start (CollateAnnotation *self)
{
  g_return_val_if_fail (COLLATE_IS_ANNOTATION (self), 0);
  return self->start;
}

guint
collate_annotation_get_end (CollateAnnotation *self)
{
  g_return_val_if_fail (COLLATE_IS_ANNOTATION (self), 0);
  return self->end;
}

const char *
collate_annotation_get_label (CollateAnnotation *self)
{
  g_return_val_if_fail (COLLATE_IS_ANNOTATION (self), NULL);
  return self->label;
}

const char *
collate_annotation_get_text (CollateAnnotation *self)
{
  g_return_val_if_fail (COLLATE_IS_ANNOTATION (self), NULL);
  return self->text;
}

const char *
collate_annotation_get_note (CollateAnnotation *self)
{
  g_return_val_if_fail (COLLATE_IS_ANNOTATION (self), NULL);
  return self->note;
}

const char *
collate_annotation_get_author (CollateAnnotation *self)
{
  g_return_val_if_fail (COLLATE_IS_ANNOTATION (self), NULL);
  return self->author;
}

const char *
collate_annotation_get_created (CollateAnnotation *self)
{
  g_return_val_if_fail (COLLATE_IS_ANNOTATION (self), NULL);
  return self->created;
}

const char *
collate_annotation_get_modified (CollateAnnotation *self)
{
  g_return_val_if_fail (COLLATE_IS_ANNOTATION (self), NULL);
  return self->modified;
}

const char *
collate_annotation_get_attribute (CollateAnnotation *self,
                                  const char        *key)
{
  g_return_val_if_fail (COLLATE_IS_ANNOTATION (self), NULL);

  if (self->attributes == NULL || key == NULL)
    return NULL;

  return g_hash_table_lookup (self->attributes, key);
}

guint
collate_annotation_get_n_attributes (CollateAnnotation *self)
{
  g_return_val_if_fail (COLLATE_IS_ANNOTATION (self), 0);

  return self->attributes ? g_hash_table_size (self->attributes) : 0;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * collate_annotation_get_attribute_keys:
 *
 * Returns: (transfer container): the keys in byte order, NULL-terminated
 */
const char **
collate_annotation_get_attribute_keys (CollateAnnotation *self)
{
  const char **keys;
  guint n = 0;

  g_return_val_if_fail (COLLATE_IS_ANNOTATION (self), NULL);

  if (self->attributes == NULL)
    return g_new0 (const char *, 1);

  keys = (const char **) g_hash_table_get_keys_as_array (self->attributes, &n);
  qsort (keys, n, sizeof (char *), compare_strings);

  return keys;
}

int
collate_annotation_compare (CollateAnnotation *a,
                            CollateAnnotation *b)
{
  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  if (a->end != b->end)
    return a->end < b->end ? -1 : 1;

  return collate_id_compare (a->id, b->id);
}
