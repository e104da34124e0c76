/* collate-curation.c — a curator's decision on a disagreement between annotators (an immutable value)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "collate-curation.h"

struct _CollateCuration
{
  GObject                 parent_instance;

  char                   *id;
  char                   *document_id;
  guint                   start;
  guint                   end;
  char                   *text;
  char                   *link_document_id;   /* NULL for spans */
  guint                   link_start;
  guint                   link_end;
  char                   *link_text;
  char                   *choice;
  GStrv                   chosen;
  CollateCurationVersion *versions;
  guint                   n_versions;
  char                   *author;
  char                   *created;
};

G_DEFINE_FINAL_TYPE (CollateCuration, collate_curation, G_TYPE_OBJECT)

static void
collate_curation_finalize (GObject *object)
{
  CollateCuration *self = (CollateCuration *) object;

  for (guint i = 0; i < self->n_versions; i++)
    {
      g_free ((char *) self->versions[i].label);
      g_free ((char *) self->versions[i].text);
      g_strfreev ((GStrv) self->versions[i].annotators);
    }
  g_free (self->versions);
  g_free (self->id);
  g_free (self->document_id);
  g_free (self->text);
  g_free (self->link_document_id);
  g_free (self->link_text);
  g_free (self->choice);
  g_strfreev (self->chosen);
  g_free (self->author);
  g_free (self->created);

  G_OBJECT_CLASS (collate_curation_parent_class)->finalize (object);
}

static void
collate_curation_class_init (CollateCurationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = collate_curation_finalize;
}

static void
collate_curation_init (CollateCuration *self)
{
}

CollateCuration *
collate_curation_new (const char                   *id,
                      const char                   *document_id,
                      guint                         start,
                      guint                         end,
                      const char                   *text,
                      const char                   *choice,
                      const char *const            *chosen,
                      const CollateCurationVersion *versions,
                      guint                         n_versions,
                      const char                   *author,
                      const char                   *created)
{
  static const char *const none[] = { NULL };
  CollateCuration *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (versions != NULL || n_versions == 0, NULL);

  self = g_object_new (COLLATE_TYPE_CURATION, NULL);
  self->id = g_strdup (id);
  self->document_id = g_strdup (document_id ? document_id : "");
  self->start = start;
  self->end = end;
  self->text = g_strdup (text ? text : "");
  self->choice = g_strdup (choice ? choice : "");
  self->chosen = g_strdupv ((GStrv) (chosen ? chosen : none));
  self->n_versions = n_versions;
  self->versions = g_new0 (CollateCurationVersion, MAX (n_versions, 1));
  for (guint i = 0; i < n_versions; i++)
    {
      self->versions[i].label = g_strdup (versions[i].label ? versions[i].label : "");
      self->versions[i].start = versions[i].start;
      self->versions[i].end = versions[i].end;
      self->versions[i].text = g_strdup (versions[i].text ? versions[i].text : "");
      self->versions[i].annotators = (const char *const *)
        g_strdupv ((GStrv) (versions[i].annotators ? versions[i].annotators : none));
      self->versions[i].accepted = versions[i].accepted;
      self->versions[i].reversed = versions[i].reversed;
    }
  self->author = g_strdup (author ? author : "");
  self->created = g_strdup (created ? created : "");
  return self;
}

CollateCuration *
collate_curation_new_for_links (const char                   *id,
                                const char                   *document_id,
                                guint                         start,
                                guint                         end,
                                const char                   *text,
                                const char                   *link_document_id,
                                guint                         link_start,
                                guint                         link_end,
                                const char                   *link_text,
                                const char                   *choice,
                                const char *const            *chosen,
                                const CollateCurationVersion *versions,
                                guint                         n_versions,
                                const char                   *author,
                                const char                   *created)
{
  CollateCuration *self = collate_curation_new (id, document_id, start, end, text, choice, chosen,
                                                versions, n_versions, author, created);

  if (self == NULL)
    return NULL;
  self->link_document_id = g_strdup (link_document_id ? link_document_id : "");
  self->link_start = link_start;
  self->link_end = link_end;
  self->link_text = g_strdup (link_text ? link_text : "");
  return self;
}

const char *
collate_curation_get_id (CollateCuration *self)
{
  g_return_val_if_fail (COLLATE_IS_CURATION (self), NULL);
  return self->id;
}

const char *
collate_curation_get_document_id (CollateCuration *self)
{
  g_return_val_if_fail (COLLATE_IS_CURATION (self), NULL);
  return self->document_id;
}

guint
collate_curation_get_start (CollateCuration *self)
{
  g_return_val_if_fail (COLLATE_IS_CURATION (self), 0);
  return self->start;
}

guint
collate_curation_get_end (CollateCuration *self)
{
  g_return_val_if_fail (COLLATE_IS_CURATION (self), 0);
  return self->end;
}

const char *
collate_curation_get_text (CollateCuration *self)
{
  g_return_val_if_fail (COLLATE_IS_CURATION (self), NULL);
  return self->text;
}

const char *
collate_curation_get_choice (CollateCuration *self)
{
  g_return_val_if_fail (COLLATE_IS_CURATION (self), NULL);
  return self->choice;
}

const char *const *
collate_curation_get_chosen (CollateCuration *self)
{
  g_return_val_if_fail (COLLATE_IS_CURATION (self), NULL);
  return (const char *const *) self->chosen;
}

guint
collate_curation_get_n_versions (CollateCuration *self)
{
  g_return_val_if_fail (COLLATE_IS_CURATION (self), 0);
  return self->n_versions;
}

const CollateCurationVersion *
collate_curation_get_version (CollateCuration *self,
                              guint            index)
{
  g_return_val_if_fail (COLLATE_IS_CURATION (self), NULL);
  g_return_val_if_fail (index < self->n_versions, NULL);
  return &self->versions[index];
}

gboolean
collate_curation_is_link (CollateCuration *self)
{
  g_return_val_if_fail (COLLATE_IS_CURATION (self), FALSE);
  return self->link_document_id != NULL;
}

const char *
collate_curation_get_link_document_id (CollateCuration *self)
{
  g_return_val_if_fail (COLLATE_IS_CURATION (self), NULL);
  return self->link_document_id;
}

guint
collate_curation_get_link_start (CollateCuration *self)
{
  g_return_val_if_fail (COLLATE_IS_CURATION (self), 0);
  return self->link_start;
}

guint
collate_curation_get_link_end (CollateCuration *self)
{
  g_return_val_if_fail (COLLATE_IS_CURATION (self), 0);
  return self->link_end;
}

const char *
collate_curation_get_link_text (CollateCuration *self)
{
  g_return_val_if_fail (COLLATE_IS_CURATION (self), NULL);
  return self->link_text;
}

const char *
collate_curation_get_author (CollateCuration *self)
{
  g_return_val_if_fail (COLLATE_IS_CURATION (self), NULL);
  return self->author;
}

const char *
collate_curation_get_created (CollateCuration *self)
{
  g_return_val_if_fail (COLLATE_IS_CURATION (self), NULL);
  return self->created;
}

gboolean
collate_curation_choice_is_valid (const char *choice)
{
  return g_strcmp0 (choice, COLLATE_CURATION_CHOICE_ONE) == 0
         || g_strcmp0 (choice, COLLATE_CURATION_CHOICE_ALL) == 0
         || g_strcmp0 (choice, COLLATE_CURATION_CHOICE_NONE) == 0;
}
