/* collate-curate.c — where annotators disagree in a merged project, and a curator's decisions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "collate-curate.h"
#include "collate-error.h"
#include "collate-merge.h"

struct _CollateDispute
{
  GObject          parent_instance;

  char            *document_id;
  guint            start;
  guint            end;
  GStrv            annotators;
  GPtrArray       *spans;      /* CollateAnnotation (ref) */
  CollateCuration *curation;

  /* A link dispute: the other end, and the links in dispute */
  gboolean         is_link;
  char            *link_document_id;
  guint            link_start;
  guint            link_end;
  GPtrArray       *links;      /* CollateLink (ref) */
};

G_DEFINE_FINAL_TYPE (CollateDispute, collate_dispute, G_TYPE_OBJECT)

static void
collate_dispute_finalize (GObject *object)
{
  CollateDispute *self = (CollateDispute *) object;

  g_free (self->document_id);
  g_strfreev (self->annotators);
  g_ptr_array_unref (self->spans);
  g_ptr_array_unref (self->links);
  g_clear_object (&self->curation);
  g_free (self->link_document_id);

  G_OBJECT_CLASS (collate_dispute_parent_class)->finalize (object);
}

static void
collate_dispute_class_init (CollateDisputeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = collate_dispute_finalize;
}

static void
collate_dispute_init (CollateDispute *self)
{
  self->spans = g_ptr_array_new_with_free_func (g_object_unref);
  self->links = g_ptr_array_new_with_free_func (g_object_unref);
}

const char *
collate_dispute_get_document_id (CollateDispute *self)
{
  g_return_val_if_fail (COLLATE_IS_DISPUTE (self), NULL);
  return self->document_id;
}

guint
collate_dispute_get_start (CollateDispute *self)
{
  g_return_val_if_fail (COLLATE_IS_DISPUTE (self), 0);
  return self->start;
}

guint
collate_dispute_get_end (CollateDispute *self)
{
  g_return_val_if_fail (COLLATE_IS_DISPUTE (self), 0);
  return self->end;
}

const char *const *
collate_dispute_get_annotators (CollateDispute *self)
{
  g_return_val_if_fail (COLLATE_IS_DISPUTE (self), NULL);
  return (const char *const *) self->annotators;
}

GPtrArray *
collate_dispute_get_spans (CollateDispute *self)
{
  g_return_val_if_fail (COLLATE_IS_DISPUTE (self), NULL);
  return self->spans;
}

CollateCuration *
collate_dispute_get_curation (CollateDispute *self)
{
  g_return_val_if_fail (COLLATE_IS_DISPUTE (self), NULL);
  return self->curation;
}

gboolean
collate_dispute_is_decided (CollateDispute *self)
{
  g_return_val_if_fail (COLLATE_IS_DISPUTE (self), FALSE);
  return self->curation != NULL;
}

gboolean
collate_dispute_is_link (CollateDispute *self)
{
  g_return_val_if_fail (COLLATE_IS_DISPUTE (self), FALSE);
  return self->is_link;
}

const char *
collate_dispute_get_link_document_id (CollateDispute *self)
{
  g_return_val_if_fail (COLLATE_IS_DISPUTE (self), NULL);
  return self->link_document_id;
}

guint
collate_dispute_get_link_start (CollateDispute *self)
{
  g_return_val_if_fail (COLLATE_IS_DISPUTE (self), 0);
  return self->link_start;
}

guint
collate_dispute_get_link_end (CollateDispute *self)
{
  g_return_val_if_fail (COLLATE_IS_DISPUTE (self), 0);
  return self->link_end;
}

GPtrArray *
collate_dispute_get_links (CollateDispute *self)
{
  g_return_val_if_fail (COLLATE_IS_DISPUTE (self), NULL);
  return self->links;
}

/* ── Who made what ── */

/* The non-empty lines of an "annotators" value, else the author */
static GStrv
dup_annotators_of (const char *listed,
                   const char *author)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (listed != NULL)
    {
      g_auto(GStrv) lines = g_strsplit (listed, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        if (lines[i][0] != '\0')
          g_strv_builder_add (builder, lines[i]);
    }
  else if (author[0] != '\0')
    g_strv_builder_add (builder, author);
  return g_strv_builder_end (builder);
}

GStrv
collate_link_dup_annotators (CollateLink *link)
{
  return dup_annotators_of (collate_link_get_attribute (link, COLLATE_ANNOTATORS_ATTRIBUTE),
                            collate_link_get_author (link));
}


GStrv
collate_annotation_dup_annotators (CollateAnnotation *span)
{
  return dup_annotators_of (collate_annotation_get_attribute (span, COLLATE_ANNOTATORS_ATTRIBUTE),
                            collate_annotation_get_author (span));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

/* Every annotator (sorted) and whether the project is a merged one (a span
 * has "annotators"): one pass, each distinct "annotators" value split once */
static GStrv
scan_annotators (CollateProject *project,
                 gboolean       *merged_out)
{
  GListModel *spans = collate_project_get_annotations (project);
  guint n = g_list_model_get_n_items (spans);
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) listed_seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) authors = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  gboolean merged = FALSE;
  GHashTableIter iter;
  gpointer key;
  GStrv result;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CollateAnnotation) span = g_list_model_get_item (spans, i);
      const char *listed = collate_annotation_get_attribute (span, COLLATE_ANNOTATORS_ATTRIBUTE);

      if (listed != NULL)
        {
          merged = TRUE;
          /* the project holds the span, and so the string */
          if (g_hash_table_add (listed_seen, (gpointer) listed))
            {
              GStrv lines = g_strsplit (listed, "\n", -1);

              g_ptr_array_add (held, lines);
              for (guint k = 0; lines[k] != NULL; k++)
                if (lines[k][0] != '\0')
                  g_hash_table_add (names, lines[k]);
            }
        }
      else if (collate_annotation_get_author (span)[0] != '\0')
        g_hash_table_add (authors, (gpointer) collate_annotation_get_author (span));
    }
  /* in a merged project, spans without "annotators" are the curator's */
  if (!merged)
    {
      g_hash_table_iter_init (&iter, authors);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (names, key);
    }
  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (sorted, key);
  g_ptr_array_sort (sorted, compare_strings);
  result = g_new0 (char *, sorted->len + 1);
  for (guint i = 0; i < sorted->len; i++)
    result[i] = g_strdup (g_ptr_array_index (sorted, i));
  if (merged_out != NULL)
    *merged_out = merged;
  return result;
}

GStrv
collate_project_dup_annotators (CollateProject *project)
{
  g_return_val_if_fail (COLLATE_IS_PROJECT (project), NULL);
  return scan_annotators (project, NULL);
}

/* ── Finding disputes ── */

/* Made by fewer than all @n_annotators (and counted at all): @listed is
 * the "annotators" attribute, @author the author */
static gboolean
is_disputed_by (const char *listed,
                const char *author,
                gboolean    merged,
                guint       n_annotators)
{
  guint n = 0;

  if (listed == NULL)
    return !merged && n_annotators > (author[0] != '\0' ? 1 : 0);
  /* the non-empty lines, without copying them (this runs for every span) */
  for (const char *line = listed; line != NULL; )
    {
      const char *next = strchr (line, '\n');

      n += (next ? next : line + strlen (line)) > line;
      line = next ? next + 1 : NULL;
    }
  return n < n_annotators;
}

static gboolean
is_disputed (CollateAnnotation *span,
             gboolean           merged,
             guint              n_annotators)
{
  return is_disputed_by (collate_annotation_get_attribute (span, COLLATE_ANNOTATORS_ATTRIBUTE),
                         collate_annotation_get_author (span), merged, n_annotators);
}

static CollateDispute *
dispute_new (const char *document_id,
             guint       start,
             guint       end,
             GStrv       annotators)
{
  CollateDispute *self = g_object_new (COLLATE_TYPE_DISPUTE, NULL);

  self->document_id = g_strdup (document_id);
  self->start = start;
  self->end = end;
  self->annotators = g_strdupv (annotators);
  return self;
}

static int
compare_disputes (gconstpointer a,
                  gconstpointer b,
                  gpointer      project)
{
  CollateDispute *x = *(CollateDispute **) a;
  CollateDispute *y = *(CollateDispute **) b;
  int dx = collate_project_get_document_index (project, x->document_id);
  int dy = collate_project_get_document_index (project, y->document_id);

  /* links after every span: deciding a span can remove links */
  if (x->is_link != y->is_link)
    return x->is_link ? 1 : -1;
  if (dx != dy)
    return dx < dy ? -1 : 1;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  if (x->is_link)
    {
      dx = collate_project_get_document_index (project, x->link_document_id);
      dy = collate_project_get_document_index (project, y->link_document_id);
      if (dx != dy)
        return dx < dy ? -1 : 1;
      if (x->link_start != y->link_start)
        return x->link_start < y->link_start ? -1 : 1;
      if (x->link_end != y->link_end)
        return x->link_end < y->link_end ? -1 : 1;
    }
  return 0;
}

/* The curations of one document by start, with the furthest end so far at
 * each, so that finding one that holds a range looks at few of them */
typedef struct
{
  GPtrArray *curations;   /* CollateCuration (borrowed), by start */
  GArray    *max_end;     /* guint: max end of curations[0..i] */
} DocCurations;

static void
doc_curations_free (DocCurations *dc)
{
  g_ptr_array_unref (dc->curations);
  g_array_unref (dc->max_end);
  g_free (dc);
}

static int
compare_curation_start (gconstpointer a,
                        gconstpointer b)
{
  CollateCuration *x = *(CollateCuration **) a;
  CollateCuration *y = *(CollateCuration **) b;

  if (collate_curation_get_start (x) != collate_curation_get_start (y))
    return collate_curation_get_start (x) < collate_curation_get_start (y) ? -1 : 1;
  return 0;
}

/* document id → DocCurations */
static GHashTable *
index_curations (CollateProject *project)
{
  GHashTable *index = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                             (GDestroyNotify) doc_curations_free);
  GListModel *curations = collate_project_get_curations (project);
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; i < g_list_model_get_n_items (curations); i++)
    {
      g_autoptr(CollateCuration) c = g_list_model_get_item (curations, i);
      DocCurations *dc = g_hash_table_lookup (index, collate_curation_get_document_id (c));

      /* links' decisions cover links only */
      if (collate_curation_is_link (c))
        continue;
      if (dc == NULL)
        {
          dc = g_new0 (DocCurations, 1);
          dc->curations = g_ptr_array_new ();
          dc->max_end = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (index, (gpointer) collate_curation_get_document_id (c), dc);
        }
      /* the project holds them: borrowed */
      g_ptr_array_add (dc->curations, c);
    }
  g_hash_table_iter_init (&iter, index);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      DocCurations *dc = value;
      guint max = 0;

      /* stable: among equal starts the first by id stays first */
      g_ptr_array_sort (dc->curations, compare_curation_start);
      for (guint i = 0; i < dc->curations->len; i++)
        {
          max = MAX (max, collate_curation_get_end (g_ptr_array_index (dc->curations, i)));
          g_array_append_val (dc->max_end, max);
        }
    }
  return index;
}

/* Does a curation's range hold @dispute? */
static gboolean
is_covered (GHashTable     *index,
            CollateDispute *dispute)
{
  DocCurations *dc = g_hash_table_lookup (index, dispute->document_id);
  guint lo = 0, hi;

  if (dc == NULL)
    return FALSE;
  /* the curations starting at or before the dispute: [0, hi) */
  hi = dc->curations->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (collate_curation_get_start (g_ptr_array_index (dc->curations, mid)) <= dispute->start)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (guint i = lo; i-- > 0 && g_array_index (dc->max_end, guint, i) >= dispute->end;)
    if (collate_curation_get_end (g_ptr_array_index (dc->curations, i)) >= dispute->end)
      return TRUE;
  return FALSE;
}

/* Where a span is, as a key: "document\nstart\nend" */
typedef struct
{
  const char *document_id;
  guint       start;
  guint       end;
} Place;

static Place
place_of (CollateAnnotation *span)
{
  return (Place) { collate_annotation_get_document_id (span), collate_annotation_get_start (span),
                   collate_annotation_get_end (span) };
}

static int
compare_places (CollateProject *project,
                const Place    *a,
                const Place    *b)
{
  int da, db;

  if (!g_str_equal (a->document_id, b->document_id))
    {
      da = collate_project_get_document_index (project, a->document_id);
      db = collate_project_get_document_index (project, b->document_id);
      if (da != db)
        return da < db ? -1 : 1;
      return strcmp (a->document_id, b->document_id);
    }
  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  if (a->end != b->end)
    return a->end < b->end ? -1 : 1;
  return 0;
}

/* The two places in order, as one key (a link either way round) */
static char *
link_key (CollateProject *project,
          const Place    *a,
          const Place    *b)
{
  if (compare_places (project, a, b) > 0)
    {
      const Place *t = a;

      a = b;
      b = t;
    }
  return g_strdup_printf ("%s\n%u\n%u\n%s\n%u\n%u", a->document_id, a->start, a->end,
                          b->document_id, b->start, b->end);
}

/* Links not every annotator made, one dispute per pair of places their
 * ends join (either way round), unless a link curation of that pair holds
 * it; then a decided dispute per link curation */
static void
find_link_disputes (CollateProject *project,
                    GStrv           annotators,
                    gboolean        merged,
                    GPtrArray      *result)
{
  GListModel *links = collate_project_get_links (project);
  GListModel *curations = collate_project_get_curations (project);
  guint n_annotators = g_strv_length (annotators);
  guint n = n_annotators < 2 ? 0 : g_list_model_get_n_items (links);
  g_autoptr(GHashTable) decided = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) open = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (curations); i++)
    {
      g_autoptr(CollateCuration) c = g_list_model_get_item (curations, i);
      Place a, b;
      CollateDispute *dispute;

      if (!collate_curation_is_link (c))
        continue;
      a = (Place) { collate_curation_get_document_id (c), collate_curation_get_start (c), collate_curation_get_end (c) };
      b = (Place) { collate_curation_get_link_document_id (c), collate_curation_get_link_start (c),
                    collate_curation_get_link_end (c) };
      g_hash_table_add (decided, link_key (project, &a, &b));
      dispute = dispute_new (a.document_id, a.start, a.end, annotators);
      dispute->is_link = TRUE;
      dispute->link_document_id = g_strdup (b.document_id);
      dispute->link_start = b.start;
      dispute->link_end = b.end;
      dispute->curation = g_object_ref (c);
      g_ptr_array_add (result, dispute);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CollateLink) link = g_list_model_get_item (links, i);
      CollateAnnotation *from, *to;
      g_autofree char *key = NULL;
      CollateDispute *dispute;
      Place a, b;

      if (!is_disputed_by (collate_link_get_attribute (link, COLLATE_ANNOTATORS_ATTRIBUTE),
                           collate_link_get_author (link), merged, n_annotators))
        continue;
      from = collate_project_lookup_annotation (project, collate_link_get_from (link));
      to = collate_project_lookup_annotation (project, collate_link_get_to (link));
      if (from == NULL || to == NULL)
        continue;
      a = place_of (from);
      b = place_of (to);
      key = link_key (project, &a, &b);
      if (g_hash_table_contains (decided, key))
        continue;
      dispute = g_hash_table_lookup (open, key);
      if (dispute == NULL)
        {
          const Place *first = compare_places (project, &a, &b) <= 0 ? &a : &b;
          const Place *other = first == &a ? &b : &a;

          dispute = dispute_new (first->document_id, first->start, first->end, annotators);
          dispute->is_link = TRUE;
          dispute->link_document_id = g_strdup (other->document_id);
          dispute->link_start = other->start;
          dispute->link_end = other->end;
          g_hash_table_insert (open, g_steal_pointer (&key), dispute);
          g_ptr_array_add (result, dispute);
        }
      g_ptr_array_add (dispute->links, g_object_ref (link));
    }
}

GPtrArray *
collate_project_find_disputes (CollateProject *project)
{
  g_autoptr(GPtrArray) open = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) index = NULL;
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GStrv) annotators = NULL;
  GListModel *spans, *curations;
  CollateDispute *current = NULL;
  gboolean merged;
  guint n, n_annotators;

  g_return_val_if_fail (COLLATE_IS_PROJECT (project), NULL);

  annotators = scan_annotators (project, &merged);
  n_annotators = g_strv_length (annotators);
  spans = collate_project_get_annotations (project);
  n = n_annotators < 2 ? 0 : g_list_model_get_n_items (spans);

  /* spans come by document, then start: a sweep joins those that overlap */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CollateAnnotation) span = g_list_model_get_item (spans, i);
      const char *document_id = collate_annotation_get_document_id (span);

      if (!is_disputed (span, merged, n_annotators))
        continue;
      if (current == NULL || !g_str_equal (current->document_id, document_id)
          || collate_annotation_get_start (span) >= current->end)
        {
          current = dispute_new (document_id, collate_annotation_get_start (span),
                                 collate_annotation_get_end (span), annotators);
          g_ptr_array_add (open, current);
        }
      current->end = MAX (current->end, collate_annotation_get_end (span));
      g_ptr_array_add (current->spans, g_object_ref (span));
    }

  /* a dispute a curation covers is decided: the curation stands for it */
  index = index_curations (project);
  for (guint i = 0; i < open->len; i++)
    {
      CollateDispute *dispute = g_ptr_array_index (open, i);

      if (!is_covered (index, dispute))
        g_ptr_array_add (result, g_object_ref (dispute));
    }
  curations = collate_project_get_curations (project);
  for (guint i = 0; i < g_list_model_get_n_items (curations); i++)
    {
      g_autoptr(CollateCuration) c = g_list_model_get_item (curations, i);
      CollateDispute *decided;

      if (collate_curation_is_link (c))
        continue;
      decided = dispute_new (collate_curation_get_document_id (c),
                                             collate_curation_get_start (c),
                                             collate_curation_get_end (c), annotators);

      decided->curation = g_object_ref (c);
      g_ptr_array_add (result, decided);
    }
  find_link_disputes (project, annotators, merged, result);
  g_ptr_array_sort_with_data (result, compare_disputes, project);
  return result;
}

/* ── Deciding ── */

/* The annotators a choice keeps (@annotator checked for _ONE) */
static GStrv
chosen_for (CollateDispute *dispute,
            const char     *choice,
            const char     *annotator,
            GError        **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (g_str_equal (choice, COLLATE_CURATION_CHOICE_ONE))
    {
      if (annotator == NULL || !g_strv_contains ((const char *const *) dispute->annotators, annotator))
        {
          g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND,
                       _("“%s” is not one of this project’s annotators"), annotator ? annotator : "");
          return NULL;
        }
      g_strv_builder_add (builder, annotator);
    }
  else if (g_str_equal (choice, COLLATE_CURATION_CHOICE_ALL))
    g_strv_builder_addv (builder, (const char **) dispute->annotators);
  return g_strv_builder_end (builder);
}

/* A link dispute: the links of the versions not kept are removed, and a
 * link curation records them all, as one undo step */
static CollateCuration *
curate_links (CollateProject *project,
              CollateDispute *dispute,
              const char     *choice,
              const char     *annotator,
              GError        **error)
{
  GPtrArray *links = dispute->links;
  g_autofree CollateCurationVersion *versions = g_new0 (CollateCurationVersion, MAX (links->len, 1));
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) quotes = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) chosen = NULL;
  CollateCuration *curation;
  guint removed = 0;

  for (guint i = 0; i < links->len; i++)
    {
      CollateLink *link = g_ptr_array_index (links, i);
      CollateLink *now = collate_project_lookup_link (project, collate_link_get_id (link));
      CollateAnnotation *from = now ? collate_project_lookup_annotation (project, collate_link_get_from (now)) : NULL;
      GStrv names;

      if (now == NULL || from == NULL
          || g_strcmp0 (collate_link_get_label (now), collate_link_get_label (link)) != 0
          || g_strcmp0 (collate_link_get_from (now), collate_link_get_from (link)) != 0
          || g_strcmp0 (collate_link_get_to (now), collate_link_get_to (link)) != 0)
        {
          g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND,
                       _("The links of this disagreement changed since it was listed (a decision on a span "
                         "may have removed them); look at it again"));
          return NULL;
        }
      names = collate_link_dup_annotators (link);
      g_ptr_array_add (held, names);
      versions[i].label = collate_link_get_label (link);
      versions[i].annotators = (const char *const *) names;
      versions[i].start = collate_annotation_get_start (from);
      versions[i].end = collate_annotation_get_end (from);
      versions[i].text = collate_annotation_get_text (from);
      /* the link starts at the other end (a link joining two spans of the
       * same place starts at the first) */
      versions[i].reversed = !(g_str_equal (collate_annotation_get_document_id (from), dispute->document_id)
                               && versions[i].start == dispute->start && versions[i].end == dispute->end);
      if (g_str_equal (choice, COLLATE_CURATION_CHOICE_ONE))
        versions[i].accepted = annotator != NULL && g_strv_contains ((const char *const *) names, annotator);
      else
        versions[i].accepted = g_str_equal (choice, COLLATE_CURATION_CHOICE_ALL);
    }
  if ((chosen = chosen_for (dispute, choice, annotator, error)) == NULL)
    return NULL;

  collate_project_begin_group (project, _("Curate"));
  for (guint i = 0; i < links->len; i++)
    {
      CollateLink *link = g_ptr_array_index (links, i);

      if (versions[i].accepted)
        continue;
      if (!collate_project_remove_link (project, collate_link_get_id (link), error))
        {
          collate_project_end_group (project);
          if (removed > 0)
            collate_project_undo (project);
          return NULL;
        }
      removed++;
    }
  curation = collate_project_add_link_curation (project, dispute->document_id, dispute->start, dispute->end,
                                                dispute->link_document_id, dispute->link_start,
                                                dispute->link_end, choice, (const char *const *) chosen,
                                                versions, links->len, error);
  collate_project_end_group (project);
  if (curation == NULL)
    {
      if (removed > 0)
        collate_project_undo (project);
      return NULL;
    }
  return curation;
}

CollateCuration *
collate_project_curate (CollateProject *project,
                        CollateDispute *dispute,
                        const char     *choice,
                        const char     *annotator,
                        GError        **error)
{
  g_autofree CollateCurationVersion *versions = NULL;
  g_autoptr(GPtrArray) who = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GStrvBuilder) chosen_builder = g_strv_builder_new ();
  g_auto(GStrv) chosen = NULL;
  CollateCuration *curation;
  GPtrArray *spans;
  guint removed = 0;

  g_return_val_if_fail (COLLATE_IS_PROJECT (project), NULL);
  g_return_val_if_fail (COLLATE_IS_DISPUTE (dispute), NULL);

  if (dispute->curation != NULL)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                   _("This disagreement is already settled (undo the decision to settle it again)"));
      return NULL;
    }
  if (!collate_curation_choice_is_valid (choice))
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                   _("“%s” is not a choice: choose one annotator’s version, all or none"), choice ? choice : "");
      return NULL;
    }
  if (dispute->is_link)
    return curate_links (project, dispute, choice, annotator, error);

  spans = dispute->spans;
  versions = g_new0 (CollateCurationVersion, MAX (spans->len, 1));
  for (guint i = 0; i < spans->len; i++)
    {
      CollateAnnotation *span = g_ptr_array_index (spans, i);
      CollateAnnotation *now = collate_project_lookup_annotation (project, collate_annotation_get_id (span));
      GStrv names;

      if (now == NULL || collate_annotation_get_start (now) != collate_annotation_get_start (span)
          || collate_annotation_get_end (now) != collate_annotation_get_end (span)
          || g_strcmp0 (collate_annotation_get_label (now), collate_annotation_get_label (span)) != 0)
        {
          g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND,
                       _("The spans of this disagreement changed since it was listed; look at it again"));
          return NULL;
        }
      names = collate_annotation_dup_annotators (span);
      g_ptr_array_add (who, names);
      versions[i].label = collate_annotation_get_label (span);
      versions[i].start = collate_annotation_get_start (span);
      versions[i].end = collate_annotation_get_end (span);
      versions[i].text = collate_annotation_get_text (span);
      versions[i].annotators = (const char *const *) names;
      if (g_str_equal (choice, COLLATE_CURATION_CHOICE_ONE))
        versions[i].accepted = annotator != NULL && g_strv_contains ((const char *const *) names, annotator);
      else
        versions[i].accepted = g_str_equal (choice, COLLATE_CURATION_CHOICE_ALL);
    }

  if (g_str_equal (choice, COLLATE_CURATION_CHOICE_ONE))
    {
      if (annotator == NULL || !g_strv_contains ((const char *const *) dispute->annotators, annotator))
        {
          g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND,
                       _("“%s” is not one of this project’s annotators"), annotator ? annotator : "");
          return NULL;
        }
      g_strv_builder_add (chosen_builder, annotator);
    }
  else if (g_str_equal (choice, COLLATE_CURATION_CHOICE_ALL))
    g_strv_builder_addv (chosen_builder, (const char **) dispute->annotators);
  /* (keeping the version of an annotator who marked nothing here removes
   * every span of it) */
  chosen = g_strv_builder_end (chosen_builder);

  collate_project_begin_group (project, _("Curate"));
  for (guint i = 0; i < spans->len; i++)
    {
      CollateAnnotation *span = g_ptr_array_index (spans, i);

      if (versions[i].accepted
          || collate_project_lookup_annotation (project, collate_annotation_get_id (span)) == NULL)
        continue;
      if (!collate_project_remove_annotation (project, collate_annotation_get_id (span), error))
        {
          collate_project_end_group (project);
          if (removed > 0)
            collate_project_undo (project);
          return NULL;
        }
      removed++;
    }
  curation = collate_project_add_curation (project, dispute->document_id, dispute->start, dispute->end,
                                           choice, (const char *const *) chosen,
                                           versions, spans->len, error);
  collate_project_end_group (project);
  if (curation == NULL)
    {
      /* nothing half done: the removals go too */
      if (removed > 0)
        collate_project_undo (project);
      return NULL;
    }
  return curation;
}

/* ── Keeping a list up to date ── */

/* The first link dispute: they all come after the spans' */
static guint
first_link_position (GListModel *list)
{
  guint lo = 0, hi = g_list_model_get_n_items (list);

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      g_autoptr(CollateDispute) d = g_list_model_get_item (list, mid);

      if (d->is_link)
        hi = mid;
      else
        lo = mid + 1;
    }
  return lo;
}

guint
collate_disputes_settle (GListStore      *disputes,
                         guint            position,
                         CollateProject  *project,
                         CollateCuration *curation,
                         guint            n_links_removed)
{
  GListModel *list = G_LIST_MODEL (disputes);
  g_autoptr(CollateDispute) open = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  guint gone = 0;

  g_return_val_if_fail (G_IS_LIST_STORE (disputes), 0);
  g_return_val_if_fail (COLLATE_IS_PROJECT (project), 0);
  g_return_val_if_fail (COLLATE_IS_CURATION (curation), 0);
  g_return_val_if_fail (position < g_list_model_get_n_items (list), 0);

  open = g_list_model_get_item (list, position);
  g_return_val_if_fail (open->curation == NULL, 0);

  /* decided in place: a list view would otherwise redo its rows' layout
   * for the whole list (the caller shows the item anew) */
  spans = g_steal_pointer (&open->spans);
  open->spans = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_set_size (open->links, 0);
  open->curation = g_object_ref (curation);
  open->start = collate_curation_get_start (curation);
  open->end = collate_curation_get_end (curation);

  /* spans decided away took links along: the link disputes that held them */
  if (!open->is_link && spans->len > 0 && n_links_removed > 0)
    {
      gboolean any_gone = FALSE;

      for (guint i = 0; i < spans->len && !any_gone; i++)
        any_gone = collate_project_lookup_annotation (project,
                     collate_annotation_get_id (g_ptr_array_index (spans, i))) == NULL;
      if (!any_gone)
        return 0;
      for (guint i = first_link_position (list); i < g_list_model_get_n_items (list);)
        {
          g_autoptr(CollateDispute) d = g_list_model_get_item (list, i);
          g_autoptr(CollateDispute) kept = NULL;
          guint n_kept = 0;

          if (d->curation != NULL)
            {
              i++;
              continue;
            }
          for (guint k = 0; k < d->links->len; k++)
            n_kept += collate_project_lookup_link (project,
                        collate_link_get_id (g_ptr_array_index (d->links, k))) != NULL;
          if (n_kept == d->links->len)
            {
              i++;
              continue;
            }
          if (n_kept == 0)
            {
              g_list_store_remove (disputes, i);
              gone++;
              continue;
            }
          kept = dispute_new (d->document_id, d->start, d->end, d->annotators);
          kept->is_link = TRUE;
          kept->link_document_id = g_strdup (d->link_document_id);
          kept->link_start = d->link_start;
          kept->link_end = d->link_end;
          for (guint k = 0; k < d->links->len; k++)
            if (collate_project_lookup_link (project, collate_link_get_id (g_ptr_array_index (d->links, k))) != NULL)
              g_ptr_array_add (kept->links, g_object_ref (g_ptr_array_index (d->links, k)));
          g_list_store_splice (disputes, i, 1, (gpointer *) &kept, 1);
          i++;
        }
    }
  return gone;
}
