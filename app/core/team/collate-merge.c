/* collate-merge.c — three-way merge of a project's versions, by ids
 *
 * The three loaded versions are merged item by item (documents, spans, links
 * and reviews, compared field by field as the file writes them), and the
 * result built through the project's own checked insertions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include "collate-error.h"
#include "collate-project-io.h"
#include "collate-agreement.h"
#include "collate-merge.h"

typedef enum { DOCUMENTS, ANNOTATIONS, LINKS, REVIEWS, CURATIONS } ItemKind;

typedef struct
{
  CollateProject *version[3];   /* base, ours, theirs */
  GPtrArray      *conflicts;
  guint64         next_id;
  GHashTable     *taken_ids;    /* every id in the result so far */
  GHashTable     *renamed;      /* theirs' annotation id → new id */
} Merge;

enum { BASE, OURS, THEIRS };

static void
conflict (Merge      *merge,
          const char *format,
          ...) G_GNUC_PRINTF (2, 3);

static void
conflict (Merge      *merge,
          const char *format,
          ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (merge->conflicts, g_strdup_vprintf (format, args));
  va_end (args);
}

static GListModel *
items_of (CollateProject *project,
          ItemKind        kind)
{
  switch (kind)
    {
    case DOCUMENTS:
      return collate_project_get_documents (project);
    case ANNOTATIONS:
      return collate_project_get_annotations (project);
    case LINKS:
      return collate_project_get_links (project);
    case CURATIONS:
      return collate_project_get_curations (project);
    case REVIEWS:
    default:
      return collate_project_get_reviews (project);
    }
}

static const char *
id_of (gpointer item,
       ItemKind kind)
{
  switch (kind)
    {
    case DOCUMENTS:
      return collate_document_get_id (item);
    case ANNOTATIONS:
      return collate_annotation_get_id (item);
    case LINKS:
      return collate_link_get_id (item);
    case CURATIONS:
      return collate_curation_get_id (item);
    case REVIEWS:
    default:
      return collate_review_get_id (item);
    }
}

static gboolean
same_map (GHashTable *a,
          GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  if (g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (value, g_hash_table_lookup (b, key)) != 0)
      return FALSE;
  return TRUE;
}

/* Attribute tables, NULL for none */
static gboolean
same_attributes (GHashTable *a,
                 GHashTable *b)
{
  if (a == NULL || b == NULL)
    return (a == NULL || g_hash_table_size (a) == 0) && (b == NULL || g_hash_table_size (b) == 0);
  return same_map (a, b);
}

static gboolean
same_document (CollateDocument *a,
               CollateDocument *b)
{
  return a == b
    || (g_strcmp0 (collate_document_get_id (a), collate_document_get_id (b)) == 0
        && g_strcmp0 (collate_document_get_title (a), collate_document_get_title (b)) == 0
        && g_strcmp0 (collate_document_get_source (a), collate_document_get_source (b)) == 0
        && collate_document_get_byte_length (a) == collate_document_get_byte_length (b)
        && g_strcmp0 (collate_document_get_sha256 (a), collate_document_get_sha256 (b)) == 0
        && same_map (collate_document_get_metadata (a), collate_document_get_metadata (b)));
}

static gboolean
same_annotation (CollateAnnotation *a,
                 CollateAnnotation *b)
{
  guint n = collate_annotation_get_n_attributes (a);

  if (a == b)
    return TRUE;
  if (collate_annotation_get_start (a) != collate_annotation_get_start (b)
      || collate_annotation_get_end (a) != collate_annotation_get_end (b)
      || g_strcmp0 (collate_annotation_get_id (a), collate_annotation_get_id (b)) != 0
      || g_strcmp0 (collate_annotation_get_document_id (a), collate_annotation_get_document_id (b)) != 0
      || g_strcmp0 (collate_annotation_get_label (a), collate_annotation_get_label (b)) != 0
      || g_strcmp0 (collate_annotation_get_text (a), collate_annotation_get_text (b)) != 0
      || g_strcmp0 (collate_annotation_get_note (a), collate_annotation_get_note (b)) != 0
      || g_strcmp0 (collate_annotation_get_author (a), collate_annotation_get_author (b)) != 0
      || g_strcmp0 (collate_annotation_get_created (a), collate_annotation_get_created (b)) != 0
      || g_strcmp0 (collate_annotation_get_modified (a), collate_annotation_get_modified (b)) != 0
      || n != collate_annotation_get_n_attributes (b))
    return FALSE;
  if (n > 0)
    {
      g_autofree const char **keys = collate_annotation_get_attribute_keys (a);

      for (guint k = 0; keys[k] != NULL; k++)
        if (g_strcmp0 (collate_annotation_get_attribute (a, keys[k]),
                       collate_annotation_get_attribute (b, keys[k])) != 0)
          return FALSE;
    }
  return TRUE;
}

static gboolean
same_link (CollateLink *a,
           CollateLink *b)
{
  return a == b
    || (g_strcmp0 (collate_link_get_id (a), collate_link_get_id (b)) == 0
        && g_strcmp0 (collate_link_get_label (a), collate_link_get_label (b)) == 0
        && g_strcmp0 (collate_link_get_from (a), collate_link_get_from (b)) == 0
        && g_strcmp0 (collate_link_get_to (a), collate_link_get_to (b)) == 0
        && g_strcmp0 (collate_link_get_note (a), collate_link_get_note (b)) == 0
        && g_strcmp0 (collate_link_get_author (a), collate_link_get_author (b)) == 0
        && g_strcmp0 (collate_link_get_created (a), collate_link_get_created (b)) == 0
        && g_strcmp0 (collate_link_get_modified (a), collate_link_get_modified (b)) == 0
        && same_attributes (collate_link_get_attributes (a), collate_link_get_attributes (b)));
}

/* Confidences compare as written: three decimals */
static gboolean
same_confidence (double a,
                 double b)
{
  char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (x, sizeof x, "%.3f", a);
  g_ascii_formatd (y, sizeof y, "%.3f", b);
  return strcmp (x, y) == 0;
}

static gboolean
same_review (CollateReview *a,
             CollateReview *b)
{
  if (a == b)
    return TRUE;
  if (collate_review_get_decision (a) != collate_review_get_decision (b)
      || !same_confidence (collate_review_get_confidence (a), collate_review_get_confidence (b))
      || g_strcmp0 (collate_review_get_id (a), collate_review_get_id (b)) != 0
      || g_strcmp0 (collate_review_get_kind (a), collate_review_get_kind (b)) != 0
      || g_strcmp0 (collate_review_get_reason (a), collate_review_get_reason (b)) != 0
      || g_strcmp0 (collate_review_get_link_label (a), collate_review_get_link_label (b)) != 0
      || g_strcmp0 (collate_review_get_author (a), collate_review_get_author (b)) != 0
      || g_strcmp0 (collate_review_get_created (a), collate_review_get_created (b)) != 0)
    return FALSE;
  for (guint k = 0; k < 2; k++)
    {
      const CollateReviewSide *x = collate_review_get_side (a, k);
      const CollateReviewSide *y = collate_review_get_side (b, k);

      if (x->start != y->start || x->end != y->end
          || g_strcmp0 (x->document_id, y->document_id) != 0 || g_strcmp0 (x->text, y->text) != 0)
        return FALSE;
    }
  return TRUE;
}

/* Curations are records: the same when every field is */
static gboolean
same_curation (CollateCuration *a,
               CollateCuration *b)
{
  const char *const *x = collate_curation_get_chosen (a);
  const char *const *y = collate_curation_get_chosen (b);

  if (a == b)
    return TRUE;
  if (g_strcmp0 (collate_curation_get_id (a), collate_curation_get_id (b)) != 0
      || g_strcmp0 (collate_curation_get_document_id (a), collate_curation_get_document_id (b)) != 0
      || collate_curation_get_start (a) != collate_curation_get_start (b)
      || collate_curation_get_end (a) != collate_curation_get_end (b)
      || g_strcmp0 (collate_curation_get_text (a), collate_curation_get_text (b)) != 0
      || g_strcmp0 (collate_curation_get_choice (a), collate_curation_get_choice (b)) != 0
      || g_strcmp0 (collate_curation_get_author (a), collate_curation_get_author (b)) != 0
      || g_strcmp0 (collate_curation_get_created (a), collate_curation_get_created (b)) != 0
      || !g_strv_equal ((const char *const *) (x ? x : (const char *const[]) { NULL }),
                        (const char *const *) (y ? y : (const char *const[]) { NULL }))
      || collate_curation_get_n_versions (a) != collate_curation_get_n_versions (b)
      /* a link curation's other end */
      || collate_curation_is_link (a) != collate_curation_is_link (b)
      || g_strcmp0 (collate_curation_get_link_document_id (a), collate_curation_get_link_document_id (b)) != 0
      || collate_curation_get_link_start (a) != collate_curation_get_link_start (b)
      || collate_curation_get_link_end (a) != collate_curation_get_link_end (b)
      || g_strcmp0 (collate_curation_get_link_text (a), collate_curation_get_link_text (b)) != 0)
    return FALSE;
  for (guint k = 0; k < collate_curation_get_n_versions (a); k++)
    {
      const CollateCurationVersion *v = collate_curation_get_version (a, k);
      const CollateCurationVersion *w = collate_curation_get_version (b, k);

      if (v->start != w->start || v->end != w->end || v->accepted != w->accepted
          || v->reversed != w->reversed
          || g_strcmp0 (v->label, w->label) != 0 || g_strcmp0 (v->text, w->text) != 0
          || !g_strv_equal (v->annotators, w->annotators))
        return FALSE;
    }
  return TRUE;
}

static gboolean
same_item (gpointer a,
           gpointer b,
           ItemKind kind)
{
  if (a == NULL || b == NULL)
    return a == b;
  switch (kind)
    {
    case DOCUMENTS:
      return same_document (a, b);
    case ANNOTATIONS:
      return same_annotation (a, b);
    case LINKS:
      return same_link (a, b);
    case CURATIONS:
      return same_curation (a, b);
    case REVIEWS:
    default:
      return same_review (a, b);
    }
}

/* id → item of @kind in @project (borrowed) */
static GHashTable *
by_id (CollateProject *project,
       ItemKind        kind)
{
  GListModel *list = items_of (project, kind);
  guint n = g_list_model_get_n_items (list);
  GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);

      g_hash_table_insert (table, (gpointer) id_of (item, kind), item);
    }
  return table;
}

/* The item of @kind with @id in @project (borrowed), by the project's own
 * index of ids */
static gpointer
lookup_item (CollateProject *project,
             ItemKind        kind,
             const char     *id)
{
  switch (kind)
    {
    case DOCUMENTS:
      return collate_project_lookup_document (project, id);
    case ANNOTATIONS:
      return collate_project_lookup_annotation (project, id);
    case LINKS:
      return collate_project_lookup_link (project, id);
    case CURATIONS:
      return collate_project_lookup_curation (project, id);
    case REVIEWS:
    default:
      return collate_project_lookup_review (project, id);
    }
}

/* Ids of @kind in all three, base's order, then ours', then theirs' (ids
 * are unique within a project, so an id is new unless an earlier side has
 * it) */
static GPtrArray *
all_ids (Merge    *merge,
         ItemKind  kind)
{
  GPtrArray *ids = g_ptr_array_new ();

  for (guint side = 0; side < 3; side++)
    {
      GListModel *list = items_of (merge->version[side], kind);
      guint n = g_list_model_get_n_items (list);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (list, i);
          const char *id = id_of (item, kind);
          gboolean seen = FALSE;

          for (guint earlier = 0; earlier < side && !seen; earlier++)
            seen = lookup_item (merge->version[earlier], kind, id) != NULL;
          if (!seen)
            g_ptr_array_add (ids, (gpointer) id);
        }
    }
  return ids;
}

static char *
fresh_id (Merge      *merge,
          const char *prefix)
{
  for (;;)
    {
      char *id = g_strdup_printf ("%s%" G_GUINT64_FORMAT, prefix, merge->next_id++);

      if (!g_hash_table_contains (merge->taken_ids, id))
        return id;
      g_free (id);
    }
}

static GHashTable *
attributes_of (CollateAnnotation *annotation)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree const char **keys = collate_annotation_get_attribute_keys (annotation);

  for (guint k = 0; keys[k] != NULL; k++)
    g_hash_table_insert (attributes, g_strdup (keys[k]),
                         g_strdup (collate_annotation_get_attribute (annotation, keys[k])));
  return attributes;
}

/* A copy of @item under @id; links with ends @from and @to */
static gpointer
copy_item (gpointer    item,
           ItemKind    kind,
           const char *id,
           const char *from,
           const char *to)
{
  switch (kind)
    {
    case ANNOTATIONS:
      {
        g_autoptr(GHashTable) attributes = attributes_of (item);

        return collate_annotation_new (id, collate_annotation_get_document_id (item),
                                       collate_annotation_get_start (item), collate_annotation_get_end (item),
                                       collate_annotation_get_label (item), collate_annotation_get_text (item),
                                       collate_annotation_get_note (item), attributes,
                                       collate_annotation_get_author (item), collate_annotation_get_created (item),
                                       collate_annotation_get_modified (item));
      }
    case LINKS:
      return collate_link_new_with_attributes (id, collate_link_get_label (item), from, to,
                                               collate_link_get_note (item), collate_link_get_attributes (item),
                                               collate_link_get_author (item), collate_link_get_created (item),
                                               collate_link_get_modified (item));
    case REVIEWS:
      {
        const CollateReviewSide sides[2] = {
          *collate_review_get_side (item, 0), *collate_review_get_side (item, 1)
        };

        return collate_review_new (id, collate_review_get_decision (item), collate_review_get_kind (item),
                                   collate_review_get_confidence (item), collate_review_get_reason (item),
                                   collate_review_get_link_label (item), sides,
                                   collate_review_get_author (item), collate_review_get_created (item));
      }
    case CURATIONS:
      {
        guint n = collate_curation_get_n_versions (item);
        g_autofree CollateCurationVersion *versions = g_new (CollateCurationVersion, MAX (n, 1));

        for (guint k = 0; k < n; k++)
          versions[k] = *collate_curation_get_version (item, k);
        if (collate_curation_is_link (item))
          return collate_curation_new_for_links (id, collate_curation_get_document_id (item),
                                                 collate_curation_get_start (item), collate_curation_get_end (item),
                                                 collate_curation_get_text (item),
                                                 collate_curation_get_link_document_id (item),
                                                 collate_curation_get_link_start (item),
                                                 collate_curation_get_link_end (item),
                                                 collate_curation_get_link_text (item),
                                                 collate_curation_get_choice (item),
                                                 collate_curation_get_chosen (item), versions, n,
                                                 collate_curation_get_author (item),
                                                 collate_curation_get_created (item));
        return collate_curation_new (id, collate_curation_get_document_id (item),
                                     collate_curation_get_start (item), collate_curation_get_end (item),
                                     collate_curation_get_text (item), collate_curation_get_choice (item),
                                     collate_curation_get_chosen (item), versions, n,
                                     collate_curation_get_author (item), collate_curation_get_created (item));
      }
    case DOCUMENTS:
    default:
      g_assert_not_reached ();
    }
}

/* Links taken from theirs follow their spans' new ids */
static gpointer
renamed_ends (Merge       *merge,
              CollateLink *link,
              gboolean     from_theirs)
{
  const char *from = collate_link_get_from (link);
  const char *to = collate_link_get_to (link);
  const char *new_from = from_theirs ? g_hash_table_lookup (merge->renamed, from) : NULL;
  const char *new_to = from_theirs ? g_hash_table_lookup (merge->renamed, to) : NULL;

  if (new_from == NULL && new_to == NULL)
    return g_object_ref (link);
  return copy_item (link, LINKS, collate_link_get_id (link), new_from ? new_from : from, new_to ? new_to : to);
}

/*
 * Three-way merge of the items of @kind by id, into a new array of
 * references in the result's order.  @what names the things in conflicts
 * ("span"), @prefix is that of fresh ids.
 */
static GPtrArray *
merge_items (Merge      *merge,
             ItemKind    kind,
             const char *what,
             const char *prefix)
{
  g_autoptr(GPtrArray) ids = all_ids (merge, kind);
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) later = g_ptr_array_new ();

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      gpointer o = lookup_item (merge->version[BASE], kind, id);
      gpointer a = lookup_item (merge->version[OURS], kind, id);
      gpointer b = lookup_item (merge->version[THEIRS], kind, id);
      gpointer take = NULL;
      gboolean from_theirs = FALSE;

      if (o != NULL)
        {
          if (a != NULL && b != NULL)
            {
              if (same_item (a, o, kind) || same_item (a, b, kind))
                take = b, from_theirs = !same_item (a, b, kind);
              else if (same_item (b, o, kind))
                take = a;
              else
                {
                  take = a;
                  conflict (merge, _("%s %s was changed on both sides; ours is kept"), what, id);
                }
            }
          else if (a != NULL)  /* deleted in theirs */
            {
              if (!same_item (a, o, kind))
                {
                  take = a;
                  conflict (merge, _("%s %s was changed on our side and deleted on theirs; "
                                     "the change is kept"), what, id);
                }
            }
          else if (b != NULL)  /* deleted in ours */
            {
              if (!same_item (b, o, kind))
                {
                  take = b, from_theirs = TRUE;
                  conflict (merge, _("%s %s was deleted on our side and changed on theirs; "
                                     "the change is kept"), what, id);
                }
            }
        }
      else if (a != NULL && b != NULL && !same_item (a, b, kind))
        {
          /* Added on both sides under one id: two different things */
          take = a;
          g_ptr_array_add (later, b);
        }
      else
        {
          take = a ? a : b;
          from_theirs = a == NULL;
        }

      if (take != NULL)
        {
          g_hash_table_add (merge->taken_ids, g_strdup (id));
          g_ptr_array_add (result, kind == LINKS ? renamed_ends (merge, take, from_theirs) : g_object_ref (take));
        }
    }

  /* Theirs' additions whose ids ours had taken, under fresh ids */
  for (guint i = 0; i < later->len; i++)
    {
      gpointer b = g_ptr_array_index (later, i);
      const char *old = id_of (b, kind);
      g_autofree char *id = fresh_id (merge, prefix);

      if (kind == LINKS)
        {
          g_autoptr(CollateLink) renamed = renamed_ends (merge, b, TRUE);

          g_ptr_array_add (result, copy_item (renamed, kind, id, collate_link_get_from (renamed),
                                              collate_link_get_to (renamed)));
        }
      else
        {
          if (kind == ANNOTATIONS)
            g_hash_table_insert (merge->renamed, g_strdup (old), g_strdup (id));
          g_ptr_array_add (result, copy_item (b, kind, id, NULL, NULL));
        }
      g_hash_table_add (merge->taken_ids, g_strdup (id));
    }

  return result;
}

/* Labels of both, ours first then theirs' new ones (by name) */
static gboolean
label_union (CollateSchema    *result,
             CollateSchema    *ours,
             CollateSchema    *theirs,
             CollateLabelKind  kind,
             GError          **error)
{
  CollateSchema *sides[2] = { ours, theirs };

  for (guint s = 0; s < 2; s++)
    for (guint i = 0; i < collate_schema_get_n_labels (sides[s], kind); i++)
      {
        CollateLabel *label = collate_schema_get_label (sides[s], kind, i);

        if (collate_schema_lookup (result, kind, collate_label_get_name (label)) == NULL
            && !collate_schema_add (result, kind, label, error))
          return FALSE;
      }
  return TRUE;
}

static gboolean
insert_all (CollateProject *project,
            GPtrArray      *items,
            ItemKind        kind,
            GError        **error)
{
  for (guint i = 0; i < items->len; i++)
    {
      gpointer item = g_ptr_array_index (items, i);
      gboolean ok;

      switch (kind)
        {
        case DOCUMENTS:
          ok = collate_project_add_document (project, item, error);
          break;
        case ANNOTATIONS:
          ok = collate_project_insert_annotation (project, item, error);
          break;
        case LINKS:
          ok = collate_project_insert_link (project, item, error);
          break;
        case CURATIONS:
          ok = collate_project_insert_curation (project, item, error);
          break;
        case REVIEWS:
        default:
          ok = collate_project_insert_review (project, item, error);
          break;
        }
      if (!ok)
        {
          g_prefix_error (error, "%s: ", id_of (item, kind));
          return FALSE;
        }
    }
  return TRUE;
}

static void
merge_cleared (Merge *merge)
{
  g_clear_pointer (&merge->taken_ids, g_hash_table_unref);
  g_clear_pointer (&merge->renamed, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Merge, merge_cleared)

CollateProject *
collate_project_merge3 (CollateProject  *base,
                        CollateProject  *ours,
                        CollateProject  *theirs,
                        GPtrArray       *conflicts,
                        GError         **error)
{
  g_auto(Merge) merge = { { base, ours, theirs }, conflicts, 0, NULL, NULL };
  g_autoptr(CollateSchema) schema = collate_schema_new ();
  g_autoptr(CollateProject) result = NULL;
  g_autoptr(GHashTable) ours_docs = NULL;
  g_autoptr(GHashTable) theirs_docs = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  g_autoptr(GPtrArray) reviews = NULL;
  g_autoptr(GPtrArray) curations = NULL;
  const char *title[3];
  GHashTable *metadata[3];
  GHashTable *table;
  guint first_conflict = conflicts->len;

  merge.taken_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  merge.renamed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  merge.next_id = MAX (collate_project_get_next_id (ours), collate_project_get_next_id (theirs));

  /* Documents: the same id must mean the same text */
  ours_docs = by_id (ours, DOCUMENTS);
  theirs_docs = by_id (theirs, DOCUMENTS);
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, theirs_docs);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        CollateDocument *mine = g_hash_table_lookup (ours_docs, key);

        if (mine != NULL && !same_document (mine, value))
          {
            g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                         _("both sides have a document “%s” but it differs (its text, title or source); "
                           "merge these versions by hand"), (const char *) key);
            return NULL;
          }
      }
  }

  /* The title: a change on one side is taken from it; on both, ours */
  for (guint side = 0; side < 3; side++)
    title[side] = collate_project_get_title (merge.version[side]);
  if (g_strcmp0 (title[OURS], title[BASE]) != 0 && g_strcmp0 (title[THEIRS], title[BASE]) != 0
      && g_strcmp0 (title[OURS], title[THEIRS]) != 0)
    conflict (&merge, _("the project's %s was changed on both sides; ours is kept"), "title");

  if (!label_union (schema, collate_project_get_schema (ours), collate_project_get_schema (theirs),
                    COLLATE_LABEL_KIND_SPAN, error)
      || !label_union (schema, collate_project_get_schema (ours), collate_project_get_schema (theirs),
                       COLLATE_LABEL_KIND_LINK, error))
    {
      g_prefix_error (error, _("the merged project is not valid: "));
      return NULL;
    }
  result = collate_project_new (g_strcmp0 (title[OURS], title[BASE]) == 0 ? title[THEIRS] : title[OURS], schema);

  documents = merge_items (&merge, DOCUMENTS, _("document"), "d");
  annotations = merge_items (&merge, ANNOTATIONS, _("span"), "a");
  links = merge_items (&merge, LINKS, _("link"), "l");

  /* Links whose spans are gone */
  {
    g_autoptr(GHashTable) spans = g_hash_table_new (g_str_hash, g_str_equal);

    for (guint i = 0; i < annotations->len; i++)
      g_hash_table_add (spans, (gpointer) collate_annotation_get_id (g_ptr_array_index (annotations, i)));
    for (guint i = 0; i < links->len; i++)
      {
        CollateLink *link = g_ptr_array_index (links, i);

        if (g_hash_table_contains (spans, collate_link_get_from (link)) &&
            g_hash_table_contains (spans, collate_link_get_to (link)))
          g_ptr_array_add (kept, link);
        else
          conflict (&merge, _("link %s joined a span deleted on the other side; it is dropped"),
                    collate_link_get_id (link));
      }
  }
  reviews = merge_items (&merge, REVIEWS, _("review"), "r");
  /* a curator's decisions (format version 4) are kept as reviews are */
  curations = merge_items (&merge, CURATIONS, _("curation"), "c");

  if (!insert_all (result, documents, DOCUMENTS, error)
      || !insert_all (result, annotations, ANNOTATIONS, error)
      || !insert_all (result, kept, LINKS, error)
      || !insert_all (result, reviews, REVIEWS, error)
      || !insert_all (result, curations, CURATIONS, error))
    {
      g_prefix_error (error, _("the merged project is not valid: "));
      return NULL;
    }
  /* The metadata as the title */
  for (guint side = 0; side < 3; side++)
    metadata[side] = collate_project_get_metadata (merge.version[side]);
  if (!same_map (metadata[OURS], metadata[BASE]) && !same_map (metadata[THEIRS], metadata[BASE])
      && !same_map (metadata[OURS], metadata[THEIRS]))
    conflict (&merge, _("the project's %s was changed on both sides; ours is kept"), "metadata");
  table = collate_project_get_metadata (result);
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, same_map (metadata[OURS], metadata[BASE]) ? metadata[THEIRS] : metadata[OURS]);
    while (g_hash_table_iter_next (&iter, &key, &value))
      if (strcmp (key, COLLATE_MERGE_CONFLICTS_KEY) != 0)
        g_hash_table_replace (table, g_strdup (key), g_strdup (value));
  }
  if (conflicts->len > first_conflict)
    {
      g_autoptr(GString) lines = g_string_new (NULL);

      for (guint i = first_conflict; i < conflicts->len; i++)
        g_string_append_printf (lines, "%s%s", i > first_conflict ? "\n" : "",
                                (const char *) g_ptr_array_index (conflicts, i));
      g_hash_table_replace (table, g_strdup (COLLATE_MERGE_CONFLICTS_KEY), g_string_free (g_steal_pointer (&lines), FALSE));
    }
  collate_project_set_next_id (result, merge.next_id);
  collate_project_set_modified (result, FALSE);
  return g_steal_pointer (&result);
}

/* ── Merging annotators' versions into one ────────────────────────────── */

/* One span of the result: its key (document, range, interned label),
 * the first annotator's span, and everyone who made it */
typedef struct
{
  guint              document; /* index in the first project */
  guint              start;
  guint              end;
  const char        *label;    /* interned */
  CollateAnnotation *first;    /* borrowed from its project */
  GPtrArray         *authors;  /* of const char *, distinct */
  CollateAnnotation *copy;     /* the result's, once made */
} MergedSpan;

static guint
merged_span_hash (gconstpointer data)
{
  const MergedSpan *span = data;
  guint h = span->document;

  h = h * 1000003u + span->start;
  h = h * 1000003u + span->end;
  return h * 1000003u + g_direct_hash (span->label);
}

static gboolean
merged_span_equal (gconstpointer a,
                   gconstpointer b)
{
  const MergedSpan *x = a, *y = b;

  return x->document == y->document && x->start == y->start && x->end == y->end && x->label == y->label;
}

static void
merged_span_clear (MergedSpan *span)
{
  g_clear_pointer (&span->authors, g_ptr_array_unref);
  g_clear_object (&span->copy);
}

typedef struct
{
  CollateLink *first;          /* the first who made it's */
  MergedSpan  *from;
  MergedSpan  *to;
  GPtrArray   *authors;        /* of const char *, distinct */
} MergedLink;

static void
merged_link_free (gpointer data)
{
  MergedLink *link = data;

  g_object_unref (link->first);
  g_ptr_array_unref (link->authors);
  g_free (link);
}

static const char *
author_of (const char *author,
           const char *name)
{
  return author != NULL && author[0] != '\0' ? author : name;
}

/* "document index:start:end:label", documents by text in the first project */
static char *
merge_key (GHashTable        *doc_index,
           CollateAnnotation *annotation)
{
  return g_strdup_printf ("%u:%u:%u:%s",
                          GPOINTER_TO_UINT (g_hash_table_lookup (doc_index, collate_annotation_get_document_id (annotation))),
                          collate_annotation_get_start (annotation), collate_annotation_get_end (annotation),
                          collate_annotation_get_label (annotation));
}

/* The merged span @annotation (of a project with @doc_index) belongs to */
static MergedSpan *
merged_span_of (GHashTable        *spans,
                GHashTable        *doc_index,
                CollateAnnotation *annotation)
{
  MergedSpan probe = {
    GPOINTER_TO_UINT (g_hash_table_lookup (doc_index, collate_annotation_get_document_id (annotation))),
    collate_annotation_get_start (annotation), collate_annotation_get_end (annotation),
    g_intern_string (collate_annotation_get_label (annotation)),
  };

  return g_hash_table_lookup (spans, &probe);
}

/* Making the result's spans, the copies of @order's (ids a1, a2, … by
 * their place in @order): a second thread takes them from the start while
 * the caller inserts them in order, making some from the end itself
 * whenever the next is not made yet.  Only new objects are written by
 * both; the projects are only read. */
typedef struct
{
  GPtrArray          *order;
  const char *const  *doc_ids;  /* the result's document ids, by index */
  GMutex              mutex;
  guint               lo;       /* spans [lo, hi) are not taken yet */
  guint               hi;
  gint               *made;     /* per span, 1 once its copy is made */
} CopyWork;

static gboolean
take_span (CopyWork *work,
           gboolean  from_end,
           guint    *index)
{
  gboolean taken;

  g_mutex_lock (&work->mutex);
  taken = work->lo < work->hi;
  if (taken)
    *index = from_end ? --work->hi : work->lo++;
  g_mutex_unlock (&work->mutex);
  return taken;
}

static void
make_span (CopyWork *work,
           guint     i)
{
  MergedSpan *span = g_ptr_array_index (work->order, i);
  CollateAnnotation *a = span->first;
  g_autoptr(GHashTable) attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree const char **keys = collate_annotation_get_attribute_keys (a);
  g_autofree char *id = g_strdup_printf ("a%u", i + 1);

  for (guint k = 0; keys[k] != NULL; k++)
    g_hash_table_insert (attributes, g_strdup (keys[k]), g_strdup (collate_annotation_get_attribute (a, keys[k])));
  g_ptr_array_add (span->authors, NULL);
  g_hash_table_insert (attributes, g_strdup (COLLATE_ANNOTATORS_ATTRIBUTE),
                       g_strjoinv ("\n", (GStrv) span->authors->pdata));
  g_ptr_array_set_size (span->authors, span->authors->len - 1);

  span->copy = collate_annotation_new (id, work->doc_ids[span->document],
                                       collate_annotation_get_start (a), collate_annotation_get_end (a),
                                       collate_annotation_get_label (a), collate_annotation_get_text (a),
                                       collate_annotation_get_note (a), attributes,
                                       collate_annotation_get_author (a), collate_annotation_get_created (a),
                                       collate_annotation_get_modified (a));
  g_atomic_int_set (&work->made[i], 1);
}

static gpointer
make_spans_from_start (gpointer data)
{
  CopyWork *work = data;
  guint i;

  while (take_span (work, FALSE, &i))
    make_span (work, i);
  return NULL;
}

/* Makes @order's copies and inserts them into @result in order */
static gboolean
insert_spans (CollateProject *result,
              GPtrArray      *order,
              GError        **error)
{
  guint n_documents = collate_project_get_n_documents (result);
  g_autofree const char **doc_ids = g_new0 (const char *, MAX (n_documents, 1));
  g_autofree gint *made = g_new0 (gint, MAX (order->len, 1));
  CopyWork work = { order, doc_ids, { 0 }, 0, order->len, made };
  GThread *thread = NULL;
  gboolean ok = TRUE;

  for (guint d = 0; d < n_documents; d++)
    doc_ids[d] = collate_document_get_id (collate_project_get_document (result, d));
  g_mutex_init (&work.mutex);
  if (order->len >= 10000 && g_get_num_processors () > 1)
    thread = g_thread_new ("merge-spans", make_spans_from_start, &work);

  for (guint i = 0; i < order->len && ok; i++)
    {
      MergedSpan *span = g_ptr_array_index (order, i);

      while (!g_atomic_int_get (&made[i]))
        {
          guint j;

          if (take_span (&work, TRUE, &j))
            make_span (&work, j);
          else
            g_thread_yield ();  /* the other thread is making span i */
        }
      ok = collate_project_insert_annotation (result, span->copy, error);
    }

  if (!ok)
    {
      /* nothing more is taken */
      g_mutex_lock (&work.mutex);
      work.hi = work.lo;
      g_mutex_unlock (&work.mutex);
    }
  if (thread != NULL)
    g_thread_join (thread);
  g_mutex_clear (&work.mutex);
  return ok;
}

CollateProject *
collate_projects_merge (CollateProject   **projects,
                        const char *const *names,
                        GError           **error)
{
  guint n = g_strv_length ((GStrv) names);
  g_autoptr(CollateAgreement) pairing = NULL;
  g_autoptr(CollateProject) result = NULL;
  g_autofree MergedSpan *span_store = NULL;  /* order's spans (freed after order) */
  g_autoptr(GHashTable) spans = g_hash_table_new (merged_span_hash, merged_span_equal);
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func ((GDestroyNotify) merged_span_clear);
  guint n_spans = 0;
  g_autoptr(GHashTable) links = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, merged_link_free);
  g_autoptr(GPtrArray) link_order = g_ptr_array_new ();
  g_autoptr(GPtrArray) doc_indexes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  g_autoptr(GHashTable) first_by_text = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  CollateSchema *schema = collate_project_get_schema (projects[0]);
  guint64 next;

  g_return_val_if_fail (n >= 2, NULL);

  for (guint d = 0; d < collate_project_get_n_documents (projects[0]); d++)
    {
      const char *sha = collate_document_get_sha256 (collate_project_get_document (projects[0], d));

      for (guint k = 0;; k++)
        {
          char *key = g_strdup_printf ("%s#%u", sha, k);

          if (!g_hash_table_contains (first_by_text, key))
            {
              g_hash_table_insert (first_by_text, key, GUINT_TO_POINTER (d));
              break;
            }
          g_free (key);
        }
    }

  /* The same texts, or a clear refusal, as the agreement pairs them */
  pairing = collate_agreement_new (names);
  if (!collate_agreement_check_texts (pairing, projects, error))
    return NULL;

  result = collate_project_new (collate_project_get_title (projects[0]), schema);
  for (guint d = 0; d < collate_project_get_n_documents (projects[0]); d++)
    if (!collate_project_add_document (result, collate_project_get_document (projects[0], d), error))
      return NULL;

  /* Each project's document ids → the index of the first project's
   * document with that text (the k-th of several alike to the k-th) */
  for (guint p = 0; p < n; p++)
    {
      GHashTable *index = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < collate_project_get_n_documents (projects[p]); i++)
        {
          CollateDocument *document = collate_project_get_document (projects[p], i);
          const char *sha = collate_document_get_sha256 (document);
          guint k = GPOINTER_TO_UINT (g_hash_table_lookup (seen, sha));
          g_autofree char *key = g_strdup_printf ("%s#%u", sha, k);

          g_hash_table_insert (seen, (gpointer) sha, GUINT_TO_POINTER (k + 1));
          g_hash_table_insert (index, (gpointer) collate_document_get_id (document),
                               g_hash_table_lookup (first_by_text, key));
        }
      g_ptr_array_add (doc_indexes, index);
    }

  /* Spans: one per (document, range, label), with everyone who made it */
  for (guint p = 0; p < n; p++)
    n_spans += g_list_model_get_n_items (collate_project_get_annotations (projects[p]));
  span_store = g_new0 (MergedSpan, MAX (n_spans, 1));
  for (guint p = 0; p < n; p++)
    {
      GListModel *list = collate_project_get_annotations (projects[p]);
      GHashTable *doc_index = g_ptr_array_index (doc_indexes, p);

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(CollateAnnotation) annotation = g_list_model_get_item (list, i);
          MergedSpan *span = merged_span_of (spans, doc_index, annotation);
          const char *author = author_of (collate_annotation_get_author (annotation), names[p]);

          if (span == NULL)
            {
              span = &span_store[order->len];
              span->document = GPOINTER_TO_UINT (g_hash_table_lookup (doc_index,
                                                                      collate_annotation_get_document_id (annotation)));
              span->start = collate_annotation_get_start (annotation);
              span->end = collate_annotation_get_end (annotation);
              span->label = g_intern_string (collate_annotation_get_label (annotation));
              span->first = annotation;
              span->authors = g_ptr_array_new ();
              g_ptr_array_add (order, span);
              g_hash_table_add (spans, span);
            }
          if (!g_ptr_array_find_with_equal_func (span->authors, author, g_str_equal, NULL))
            g_ptr_array_add (span->authors, (gpointer) author);
          if (collate_schema_lookup (schema, COLLATE_LABEL_KIND_SPAN, collate_annotation_get_label (annotation)) == NULL)
            collate_schema_ensure (schema, COLLATE_LABEL_KIND_SPAN, collate_annotation_get_label (annotation));
        }
    }

  if (!insert_spans (result, order, error))
    return NULL;
  next = (guint64) order->len + 1;

  /* Links: one per label and pair of ends (either way round), with
   * everyone who made it, in the order of @projects */
  for (guint p = 0; p < n; p++)
    {
      GListModel *list = collate_project_get_links (projects[p]);

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(CollateLink) link = g_list_model_get_item (list, i);
          CollateAnnotation *from = collate_project_lookup_annotation (projects[p], collate_link_get_from (link));
          CollateAnnotation *to = collate_project_lookup_annotation (projects[p], collate_link_get_to (link));
          g_autofree char *from_key = merge_key (g_ptr_array_index (doc_indexes, p), from);
          g_autofree char *to_key = merge_key (g_ptr_array_index (doc_indexes, p), to);
          const char *author = author_of (collate_link_get_author (link), names[p]);
          g_autofree char *key = strcmp (from_key, to_key) < 0
            ? g_strdup_printf ("%s\n%s\n%s", collate_link_get_label (link), from_key, to_key)
            : g_strdup_printf ("%s\n%s\n%s", collate_link_get_label (link), to_key, from_key);
          MergedLink *merged = g_hash_table_lookup (links, key);

          if (merged == NULL)
            {
              merged = g_new0 (MergedLink, 1);
              merged->first = g_object_ref (link);
              merged->from = merged_span_of (spans, g_ptr_array_index (doc_indexes, p), from);
              merged->to = merged_span_of (spans, g_ptr_array_index (doc_indexes, p), to);
              merged->authors = g_ptr_array_new ();
              g_ptr_array_add (link_order, merged);
              g_hash_table_insert (links, g_steal_pointer (&key), merged);
            }
          if (!g_ptr_array_find_with_equal_func (merged->authors, author, g_str_equal, NULL))
            g_ptr_array_add (merged->authors, (gpointer) author);
          if (collate_schema_lookup (schema, COLLATE_LABEL_KIND_LINK, collate_link_get_label (link)) == NULL)
            collate_schema_ensure (schema, COLLATE_LABEL_KIND_LINK, collate_link_get_label (link));
        }
    }

  for (guint i = 0; i < link_order->len; i++)
    {
      MergedLink *merged = g_ptr_array_index (link_order, i);
      CollateLink *link = merged->first;
      g_autoptr(GHashTable) attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
      g_autofree char *id = g_strdup_printf ("l%" G_GUINT64_FORMAT, next++);
      g_autoptr(CollateLink) copy = NULL;

      g_ptr_array_add (merged->authors, NULL);
      g_hash_table_insert (attributes, COLLATE_ANNOTATORS_ATTRIBUTE, g_strjoinv ("\n", (GStrv) merged->authors->pdata));
      copy = collate_link_new_with_attributes (id, collate_link_get_label (link),
                                               collate_annotation_get_id (merged->from->copy),
                                               collate_annotation_get_id (merged->to->copy),
                                               collate_link_get_note (link), attributes,
                                               collate_link_get_author (link),
                                               collate_link_get_created (link), collate_link_get_modified (link));
      if (!collate_project_insert_link (result, copy, error))
        return NULL;
    }

  collate_project_set_next_id (result, next);
  return g_steal_pointer (&result);
}
