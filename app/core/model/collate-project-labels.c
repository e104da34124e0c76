/* collate-project-labels.c — editing a project's label set, with undo
 *
 * A label edit is a new schema recorded in the project's history, together
 * with the spans and links it relabels or deletes, as one undo step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "collate-error.h"
#include "collate-project-labels.h"
#include "collate-project-private.h"

/* The annotations (span labels) or links (link labels) carrying @name, as
 * borrowed objects */
static GPtrArray *
collect_uses (CollateProject   *self,
              CollateLabelKind  kind,
              const char       *name)
{
  GListModel *items = kind == COLLATE_LABEL_KIND_SPAN
                      ? collate_project_get_annotations (self)
                      : collate_project_get_links (self);
  guint n = g_list_model_get_n_items (items);
  GPtrArray *uses = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      gpointer item = g_list_model_get_item (items, i);
      const char *label = kind == COLLATE_LABEL_KIND_SPAN
                          ? collate_annotation_get_label (item)
                          : collate_link_get_label (item);

      if (g_str_equal (label, name))
        g_ptr_array_add (uses, item);
      else
        g_object_unref (item);
    }

  return uses;
}

guint
collate_project_count_label_uses (CollateProject   *self,
                                  CollateLabelKind  kind,
                                  const char       *name)
{
  g_autoptr(GPtrArray) uses = NULL;

  g_return_val_if_fail (COLLATE_IS_PROJECT (self), 0);
  g_return_val_if_fail (name != NULL, 0);

  uses = collect_uses (self, kind, name);
  return uses->len;
}

/* A schema like the project's, with @labels as the labels of @kind;
 * NULL with @error for a name or hotkey used twice */
static CollateSchema *
schema_with (CollateProject    *self,
             CollateLabelKind   kind,
             GPtrArray         *labels,
             GError           **error)
{
  CollateSchema *current = collate_project_get_schema (self);
  g_autoptr(CollateSchema) schema = collate_schema_new ();

  for (guint k = 0; k < 2; k++)
    {
      g_autoptr(GPtrArray) others = k == kind ? NULL : collate_schema_dup_labels (current, k);
      GPtrArray *list = k == kind ? labels : others;

      for (guint i = 0; i < list->len; i++)
        if (!collate_schema_add (schema, k, g_ptr_array_index (list, i), error))
          return NULL;
    }

  return g_steal_pointer (&schema);
}

static gboolean
find_label (CollateProject    *self,
            CollateLabelKind   kind,
            const char        *name,
            guint             *position,
            GError           **error)
{
  int index = collate_schema_index_of (collate_project_get_schema (self), kind, name);

  if (index < 0)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND,
                   kind == COLLATE_LABEL_KIND_SPAN
                   ? _("there is no span label \"%s\" in this project")
                   : _("there is no link label \"%s\" in this project"),
                   name ? name : "");
      return FALSE;
    }
  *position = (guint) index;
  return TRUE;
}

gboolean
collate_project_add_label (CollateProject    *self,
                           CollateLabelKind   kind,
                           CollateLabel      *label,
                           int                position,
                           GError           **error)
{
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(CollateSchema) schema = NULL;
  g_autofree char *description = NULL;

  g_return_val_if_fail (COLLATE_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (COLLATE_IS_LABEL (label), FALSE);
  g_return_val_if_fail (kind <= COLLATE_LABEL_KIND_LINK, FALSE);

  labels = collate_schema_dup_labels (collate_project_get_schema (self), kind);
  if (position < 0 || (guint) position > labels->len)
    position = labels->len;
  g_ptr_array_insert (labels, position, g_object_ref (label));
  if (!(schema = schema_with (self, kind, labels, error)))
    return FALSE;

  /* Translators: an undo step; %s is a label's name */
  description = g_strdup_printf (_("Add Label %s"), collate_label_get_name (label));
  collate_project_begin_group (self, description);
  collate_project_record_schema (self, schema);
  collate_project_end_group (self);
  return TRUE;
}

gboolean
collate_project_edit_label (CollateProject    *self,
                            CollateLabelKind   kind,
                            const char        *name,
                            CollateLabel      *replacement,
                            GError           **error)
{
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(CollateSchema) schema = NULL;
  g_autofree char *description = NULL;
  const char *new_name;
  guint position;

  g_return_val_if_fail (COLLATE_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (COLLATE_IS_LABEL (replacement), FALSE);
  g_return_val_if_fail (kind <= COLLATE_LABEL_KIND_LINK, FALSE);

  if (!find_label (self, kind, name, &position, error))
    return FALSE;

  labels = collate_schema_dup_labels (collate_project_get_schema (self), kind);
  g_ptr_array_index (labels, position) = g_object_ref (replacement);
  g_object_unref (collate_schema_get_label (collate_project_get_schema (self), kind, position));
  if (!(schema = schema_with (self, kind, labels, error)))
    return FALSE;
  if (collate_schema_equal (schema, collate_project_get_schema (self)))
    return TRUE;

  new_name = collate_label_get_name (replacement);
  if (g_str_equal (new_name, name))
    /* Translators: an undo step; %s is a label's name */
    description = g_strdup_printf (_("Change Label %s"), name);
  else
    /* Translators: an undo step; the label's old name and its new one */
    description = g_strdup_printf (_("Rename Label %s to %s"), name, new_name);

  collate_project_begin_group (self, description);
  collate_project_record_schema (self, schema);
  if (!g_str_equal (new_name, name))
    {
      g_autoptr(GPtrArray) uses = collect_uses (self, kind, name);

      for (guint i = 0; i < uses->len; i++)
        collate_project_record_relabel (self, g_ptr_array_index (uses, i), new_name);
    }
  collate_project_end_group (self);
  return TRUE;
}

gboolean
collate_project_move_label (CollateProject    *self,
                            CollateLabelKind   kind,
                            const char        *name,
                            guint              position,
                            GError           **error)
{
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(CollateSchema) schema = NULL;
  g_autofree char *description = NULL;
  CollateLabel *label;
  guint from;

  g_return_val_if_fail (COLLATE_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (kind <= COLLATE_LABEL_KIND_LINK, FALSE);

  if (!find_label (self, kind, name, &from, error))
    return FALSE;

  labels = collate_schema_dup_labels (collate_project_get_schema (self), kind);
  position = MIN (position, labels->len - 1);
  if (position == from)
    return TRUE;
  label = g_ptr_array_steal_index (labels, from);
  g_ptr_array_insert (labels, position, label);
  if (!(schema = schema_with (self, kind, labels, error)))
    return FALSE;

  /* Translators: an undo step; %s is a label's name */
  description = g_strdup_printf (_("Move Label %s"), name);
  collate_project_begin_group (self, description);
  collate_project_record_schema (self, schema);
  collate_project_end_group (self);
  return TRUE;
}

gboolean
collate_project_remove_label (CollateProject    *self,
                              CollateLabelKind   kind,
                              const char        *name,
                              const char        *relabel_to,
                              GError           **error)
{
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GPtrArray) uses = NULL;
  g_autoptr(CollateSchema) schema = NULL;
  g_autofree char *description = NULL;
  g_autofree char *hold = g_strdup (name);
  guint position, target;

  g_return_val_if_fail (COLLATE_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (kind <= COLLATE_LABEL_KIND_LINK, FALSE);

  if (!find_label (self, kind, name, &position, error))
    return FALSE;
  if (relabel_to != NULL)
    {
      if (!find_label (self, kind, relabel_to, &target, error))
        return FALSE;
      if (target == position)
        {
          g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                       _("label \"%s\" cannot take its own spans and links: "
                         "choose another label, or delete them"), name);
          return FALSE;
        }
    }

  labels = collate_schema_dup_labels (collate_project_get_schema (self), kind);
  g_ptr_array_remove_index (labels, position);
  if (!(schema = schema_with (self, kind, labels, error)))
    return FALSE;

  uses = collect_uses (self, kind, hold);
  /* Translators: an undo step; %s is a label's name */
  description = g_strdup_printf (_("Delete Label %s"), hold);
  collate_project_begin_group (self, description);
  for (guint i = 0; i < uses->len; i++)
    {
      gpointer item = g_ptr_array_index (uses, i);

      if (relabel_to != NULL)
        collate_project_record_relabel (self, item, relabel_to);
      else if (kind == COLLATE_LABEL_KIND_SPAN)
        collate_project_remove_annotation (self, collate_annotation_get_id (item), NULL);
      else
        collate_project_remove_link (self, collate_link_get_id (item), NULL);
    }
  collate_project_record_schema (self, schema);
  collate_project_end_group (self);
  return TRUE;
}

char **
collate_project_missing_labels (CollateProject   *self,
                                CollateSchema    *set,
                                CollateLabelKind  kind)
{
  CollateSchema *schema;
  GListModel *items;
  g_autoptr(GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GStrvBuilder) missing = g_strv_builder_new ();
  guint n;

  g_return_val_if_fail (COLLATE_IS_PROJECT (self), NULL);
  g_return_val_if_fail (COLLATE_IS_SCHEMA (set), NULL);

  schema = collate_project_get_schema (self);
  items = kind == COLLATE_LABEL_KIND_SPAN ? collate_project_get_annotations (self)
                                          : collate_project_get_links (self);
  n = g_list_model_get_n_items (items);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (items, i);
      const char *label = kind == COLLATE_LABEL_KIND_SPAN
                          ? collate_annotation_get_label (COLLATE_ANNOTATION (item))
                          : collate_link_get_label (COLLATE_LINK (item));
      CollateLabel *own = collate_schema_lookup (schema, kind, label);

      /* the schema's own string outlives the item */
      if (own != NULL)
        g_hash_table_add (used, (char *) collate_label_get_name (own));
    }

  for (guint i = 0; i < collate_schema_get_n_labels (schema, kind); i++)
    {
      const char *name = collate_label_get_name (collate_schema_get_label (schema, kind, i));

      if (g_hash_table_contains (used, name) && collate_schema_lookup (set, kind, name) == NULL)
        g_strv_builder_add (missing, name);
    }

  return g_strv_builder_end (missing);
}

static gboolean
color_taken (CollateSchema *schema,
             const char    *color)
{
  for (guint kind = 0; kind < 2; kind++)
    for (guint i = 0; i < collate_schema_get_n_labels (schema, kind); i++)
      if (g_ascii_strcasecmp (collate_label_get_color (collate_schema_get_label (schema, kind, i)), color) == 0)
        return TRUE;
  return FALSE;
}

/* "Person" (3 spans), "Place" (1 span) */
static char *
describe_missing (CollateProject    *self,
                  CollateLabelKind   kind,
                  char             **names)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; names[i]; i++)
    {
      guint count = collate_project_count_label_uses (self, kind, names[i]);

      if (i > 0)
        g_string_append (s, ", ");
      g_string_append_printf (s, kind == COLLATE_LABEL_KIND_SPAN
                              ? g_dngettext (GETTEXT_PACKAGE, "\"%s\" (%u span)", "\"%s\" (%u spans)", count)
                              : g_dngettext (GETTEXT_PACKAGE, "\"%s\" (%u link)", "\"%s\" (%u links)", count),
                              names[i], count);
    }

  return g_string_free (s, FALSE);
}

gboolean
collate_project_apply_label_set (CollateProject    *self,
                                 CollateSchema     *set,
                                 gboolean           keep_missing,
                                 GError           **error)
{
  CollateSchema *current;
  g_auto(GStrv) missing_spans = NULL;
  g_auto(GStrv) missing_links = NULL;
  g_autoptr(CollateSchema) schema = NULL;

  g_return_val_if_fail (COLLATE_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (COLLATE_IS_SCHEMA (set), FALSE);

  current = collate_project_get_schema (self);
  missing_spans = collate_project_missing_labels (self, set, COLLATE_LABEL_KIND_SPAN);
  missing_links = collate_project_missing_labels (self, set, COLLATE_LABEL_KIND_LINK);

  if (!keep_missing && (missing_spans[0] != NULL || missing_links[0] != NULL))
    {
      g_autofree char *spans = describe_missing (self, COLLATE_LABEL_KIND_SPAN, missing_spans);
      g_autofree char *links = describe_missing (self, COLLATE_LABEL_KIND_LINK, missing_links);

      if (*spans && *links)
        g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND,
                     _("the label set lacks span labels this project uses: %s; "
                       "and link labels: %s. Add them to the set, relabel those "
                       "spans and links first, or keep the missing labels"),
                     spans, links);
      else if (*spans)
        g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND,
                     _("the label set lacks span labels this project uses: %s. "
                       "Add them to the set, relabel those spans first, or keep "
                       "the missing labels"), spans);
      else
        g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND,
                     _("the label set lacks link labels this project uses: %s. "
                       "Add them to the set, relabel those links first, or keep "
                       "the missing labels"), links);
      return FALSE;
    }

  schema = collate_schema_copy (set);
  for (guint kind = 0; kind < 2; kind++)
    {
      char **missing = kind == COLLATE_LABEL_KIND_SPAN ? missing_spans : missing_links;

      for (guint i = 0; missing[i]; i++)
        {
          CollateLabel *old = collate_schema_lookup (current, kind, missing[i]);
          const char *hotkey = collate_label_get_hotkey (old);
          g_autoptr(CollateLabel) kept = NULL;
          g_autofree char *color = NULL;

          if (collate_schema_lookup_kind_hotkey (schema, kind, hotkey) != NULL)
            hotkey = NULL;
          /* a colour of the set's stays the set's */
          if (color_taken (schema, collate_label_get_color (old)))
            color = collate_schema_pick_color (schema, kind);
          else
            color = g_strdup (collate_label_get_color (old));
          kept = collate_label_new (missing[i], color, hotkey,
                                    collate_label_get_description (old), NULL);
          if (!collate_schema_add (schema, kind, kept, error))
            return FALSE;
        }
    }

  if (collate_schema_equal (schema, current))
    return TRUE;

  collate_project_begin_group (self, _("Apply Label Set"));
  collate_project_record_schema (self, schema);
  collate_project_end_group (self);
  return TRUE;
}
