/* collate-agreement.c — how far annotators agree on the same documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "collate-error.h"
#include "collate-text.h"
#include "collate-tokenizer.h"
#include "collate-agreement.h"

#define NO_LABEL "(none)"

typedef struct
{
  CollateDocument  *document;  /* the first annotator's */
  char            **ids;       /* the document's id in each annotator's project */
  guint64           offset;    /* where it starts in the continuum */
} Doc;

typedef struct
{
  guint        annotator;
  guint64      start;
  guint64      end;
  const char  *label;
} Unit;

struct _CollateAgreement
{
  GObject      parent_instance;

  guint        n;              /* annotators */
  GStrv        annotators;
  GPtrArray   *documents;      /* of Doc */
  guint64      length;         /* characters of every document */

  GHashTable  *spans;          /* key → CollateDisagreement (spans, every one) */
  GHashTable  *links;          /* key → CollateDisagreement (links, every one) */
  GHashTable  *overlaps;       /* label → guint[n × n]: a's spans b overlaps */
  GHashTable  *span_labels;    /* interned label set */
  GHashTable  *link_labels;
  const char **span_label_list;
  const char **link_label_list;

  /* Tokens: for each item (token) and annotator, an index into label_sets */
  GArray      *token_sets;
  GPtrArray   *label_sets;     /* of GStrv, sorted labels */
  GHashTable  *label_set_index;/* joined → index + 1 */
  GHashTable  *codings;        /* label or "" → CollateCoding */
  /* The distinct rows of token_sets, how many tokens each, and each token's */
  GArray      *rows;           /* guint: n set indices a row */
  GArray      *row_weights;    /* guint64 */
  GArray      *token_rows;     /* guint per token */

  GArray      *units;          /* of Unit: for the unitizing */
  CollateUnitizing *unitizing;
  GPtrArray   *disagreements;
};

G_DEFINE_FINAL_TYPE (CollateAgreement, collate_agreement, G_TYPE_OBJECT)

static void
doc_free (gpointer data)
{
  Doc *doc = data;

  g_clear_object (&doc->document);
  g_strfreev (doc->ids);
  g_free (doc);
}

static void
record_free (gpointer data)
{
  CollateDisagreement *record = data;

  g_free ((char *) record->quote);
  g_free ((char *) record->to_quote);
  g_free (record->count);
  g_free (record);
}

static void
collate_agreement_finalize (GObject *object)
{
  CollateAgreement *self = COLLATE_AGREEMENT (object);

  g_strfreev (self->annotators);
  g_ptr_array_unref (self->documents);
  g_hash_table_unref (self->spans);
  g_hash_table_unref (self->links);
  g_hash_table_unref (self->overlaps);
  g_hash_table_unref (self->span_labels);
  g_hash_table_unref (self->link_labels);
  g_free (self->span_label_list);
  g_free (self->link_label_list);
  g_array_unref (self->token_sets);
  g_ptr_array_unref (self->label_sets);
  g_hash_table_unref (self->label_set_index);
  g_hash_table_unref (self->codings);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->row_weights, g_array_unref);
  g_clear_pointer (&self->token_rows, g_array_unref);
  g_array_unref (self->units);
  g_clear_pointer (&self->unitizing, collate_unitizing_free);
  g_clear_pointer (&self->disagreements, g_ptr_array_unref);

  G_OBJECT_CLASS (collate_agreement_parent_class)->finalize (object);
}

static void
collate_agreement_class_init (CollateAgreementClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = collate_agreement_finalize;
}

static void
collate_agreement_init (CollateAgreement *self)
{
  self->documents = g_ptr_array_new_with_free_func (doc_free);
  self->spans = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, record_free);
  self->links = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, record_free);
  self->overlaps = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  self->span_labels = g_hash_table_new (g_str_hash, g_str_equal);
  self->link_labels = g_hash_table_new (g_str_hash, g_str_equal);
  self->token_sets = g_array_new (FALSE, FALSE, sizeof (guint));
  self->label_sets = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  self->label_set_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->codings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) collate_coding_free);
  self->units = g_array_new (FALSE, FALSE, sizeof (Unit));
}

CollateAgreement *
collate_agreement_new (const char *const *annotators)
{
  CollateAgreement *self;

  g_return_val_if_fail (annotators != NULL && g_strv_length ((GStrv) annotators) >= 2, NULL);

  self = g_object_new (COLLATE_TYPE_AGREEMENT, NULL);
  self->annotators = g_strdupv ((GStrv) annotators);
  self->n = g_strv_length (self->annotators);

  return self;
}

guint
collate_agreement_get_n_annotators (CollateAgreement *self)
{
  g_return_val_if_fail (COLLATE_IS_AGREEMENT (self), 0);
  return self->n;
}

const char *
collate_agreement_get_annotator (CollateAgreement *self,
                                 guint             index)
{
  g_return_val_if_fail (COLLATE_IS_AGREEMENT (self), NULL);
  g_return_val_if_fail (index < self->n, NULL);
  return self->annotators[index];
}

/* ── Results that change with every project added ─────────────────────── */

static void
forget_results (CollateAgreement *self)
{
  g_clear_pointer (&self->span_label_list, g_free);
  g_clear_pointer (&self->link_label_list, g_free);
  g_hash_table_remove_all (self->codings);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->row_weights, g_array_unref);
  g_clear_pointer (&self->token_rows, g_array_unref);
  g_clear_pointer (&self->unitizing, collate_unitizing_free);
  g_clear_pointer (&self->disagreements, g_ptr_array_unref);
}

/* ── Pairing documents ────────────────────────────────────────────────── */

/* "sha256#k" for the k-th document of a project with that text → the
 * document; @keys receives each document's key in project order */
static GHashTable *
documents_by_text (CollateProject *project,
                   GPtrArray      *keys)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = collate_project_get_n_documents (project);

  for (guint i = 0; i < n; i++)
    {
      CollateDocument *document = collate_project_get_document (project, i);
      const char *sha = collate_document_get_sha256 (document);
      char *key;

      for (guint k = 0;; k++)
        {
          key = g_strdup_printf ("%s#%u", sha, k);
          if (!g_hash_table_contains (table, key))
            break;
          g_free (key);
        }
      g_hash_table_insert (table, key, document);
      g_ptr_array_add (keys, key);
    }

  return table;
}

/* A document of @project that looks like @document (same id or title) */
static CollateDocument *
look_alike (CollateProject  *project,
            CollateDocument *document)
{
  CollateDocument *same = collate_project_lookup_document (project, collate_document_get_id (document));
  guint n = collate_project_get_n_documents (project);

  if (same != NULL)
    return same;
  for (guint i = 0; i < n; i++)
    {
      CollateDocument *other = collate_project_get_document (project, i);

      if (g_strcmp0 (collate_document_get_title (other), collate_document_get_title (document)) == 0)
        return other;
    }
  return NULL;
}

static void
set_missing_text_error (CollateAgreement *self,
                        GError          **error,
                        guint             has,
                        CollateDocument  *document,
                        guint             lacks,
                        CollateProject   *project)
{
  CollateDocument *other = look_alike (project, document);
  g_autofree char *title = collate_text_quote (collate_document_get_title (document), 40);

  if (other != NULL)
    g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                 _("the texts differ: %s's document “%s” (%s) and %s's document “%s” have different "
                   "texts (sha256 %.12s… and %.12s…); annotators must annotate the same texts"),
                 self->annotators[has], collate_document_get_id (document), title,
                 self->annotators[lacks], collate_document_get_id (other),
                 collate_document_get_sha256 (document), collate_document_get_sha256 (other));
  else
    g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                 _("the texts differ: %s has no document with the text of %s's document “%s” (%s); "
                   "annotators must annotate the same texts"),
                 self->annotators[lacks], self->annotators[has],
                 collate_document_get_id (document), title);
}

/* Every text of each project is in all the others (the k-th document with
 * a text paired with the k-th with that text), or @error */
static gboolean
pair_texts (CollateAgreement  *self,
            CollateProject   **projects,
            GPtrArray         *tables,
            GPtrArray         *keys,
            GError           **error)
{
  for (guint a = 0; a < self->n; a++)
    {
      GPtrArray *order = g_ptr_array_new ();

      g_ptr_array_add (keys, order);
      g_ptr_array_add (tables, documents_by_text (projects[a], order));
    }

  for (guint a = 0; a < self->n; a++)
    for (guint b = 0; b < self->n; b++)
      {
        GPtrArray *order = g_ptr_array_index (keys, a);

        if (a == b)
          continue;
        for (guint i = 0; i < order->len; i++)
          if (!g_hash_table_contains (g_ptr_array_index (tables, b), g_ptr_array_index (order, i)))
            {
              set_missing_text_error (self, error, a, collate_project_get_document (projects[a], i),
                                      b, projects[b]);
              return FALSE;
            }
      }
  return TRUE;
}

gboolean
collate_agreement_check_texts (CollateAgreement  *self,
                               CollateProject   **projects,
                               GError           **error)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  g_return_val_if_fail (COLLATE_IS_AGREEMENT (self), FALSE);
  g_return_val_if_fail (projects != NULL, FALSE);

  return pair_texts (self, projects, tables, keys, error);
}

/* ── Adding projects ──────────────────────────────────────────────────── */

static char *
span_key (guint              doc,
          CollateAnnotation *annotation)
{
  return g_strdup_printf ("%u:%u:%u:%s", doc,
                          collate_annotation_get_start (annotation),
                          collate_annotation_get_end (annotation),
                          collate_annotation_get_label (annotation));
}

static guint *
overlaps_of (CollateAgreement *self,
             const char       *label)
{
  guint *matrix = g_hash_table_lookup (self->overlaps, label);

  if (matrix == NULL)
    {
      matrix = g_new0 (guint, self->n * self->n);
      g_hash_table_insert (self->overlaps, (gpointer) label, matrix);
    }
  return matrix;
}

static guint
label_set_index (CollateAgreement *self,
                 GPtrArray        *labels)
{
  g_autofree char *joined = NULL;
  guint index;

  g_ptr_array_sort (labels, (GCompareFunc) g_strcmp0);
  /* no label twice */
  for (guint i = 1; i < labels->len;)
    if (g_str_equal (g_ptr_array_index (labels, i), g_ptr_array_index (labels, i - 1)))
      g_ptr_array_remove_index (labels, i);
    else
      i++;
  g_ptr_array_add (labels, NULL);
  joined = g_strjoinv ("\x1f", (GStrv) labels->pdata);
  g_ptr_array_set_size (labels, labels->len - 1);

  index = GPOINTER_TO_UINT (g_hash_table_lookup (self->label_set_index, joined));
  if (index == 0)
    {
      GStrv set = g_new0 (char *, labels->len + 1);

      for (guint i = 0; i < labels->len; i++)
        set[i] = g_strdup (g_ptr_array_index (labels, i));
      g_ptr_array_add (self->label_sets, set);
      index = self->label_sets->len;
      g_hash_table_insert (self->label_set_index, g_steal_pointer (&joined), GUINT_TO_POINTER (index));
    }
  return index - 1;
}

/* Each document's spans (id → GPtrArray of CollateAnnotation, in order of
 * start), in one pass over the project */
static GHashTable *
spans_by_document (CollateProject *project)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                             (GDestroyNotify) g_ptr_array_unref);
  GListModel *annotations = collate_project_get_annotations (project);
  guint n = g_list_model_get_n_items (annotations);
  GPtrArray *current = NULL;
  const char *current_id = NULL;

  for (guint i = 0; i < n; i++)
    {
      CollateAnnotation *annotation = g_list_model_get_item (annotations, i);
      const char *id = collate_annotation_get_document_id (annotation);

      if (current_id == NULL || !g_str_equal (id, current_id))
        {
          /* the project's own copy of the id outlives the table */
          current_id = collate_document_get_id (collate_project_lookup_document (project, id));
          current = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (table, (gpointer) current_id, current);
        }
      g_ptr_array_add (current, annotation);
    }
  return table;
}

/* One annotator's spans of one label in one document, in order of start,
 * with the furthest end so far: a span [x, y) overlaps one of them if and
 * only if the furthest end among those starting before y is past x */
typedef struct
{
  guint start;
  guint furthest_end;
} Reach;

static GHashTable *
reach_by_label (GPtrArray *spans)
{
  GHashTable *table = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                             (GDestroyNotify) g_array_unref);

  for (guint i = 0; i < spans->len; i++)
    {
      CollateAnnotation *annotation = g_ptr_array_index (spans, i);
      const char *label = g_intern_string (collate_annotation_get_label (annotation));
      GArray *reach = g_hash_table_lookup (table, label);
      Reach r = { collate_annotation_get_start (annotation), collate_annotation_get_end (annotation) };

      if (reach == NULL)
        {
          reach = g_array_new (FALSE, FALSE, sizeof (Reach));
          g_hash_table_insert (table, (gpointer) label, reach);
        }
      else
        r.furthest_end = MAX (r.furthest_end, g_array_index (reach, Reach, reach->len - 1).furthest_end);
      g_array_append_val (reach, r);
    }
  return table;
}

static gboolean
reaches (GArray *reach,
         guint   start,
         guint   end)
{
  guint lo = 0, hi = reach ? reach->len : 0;

  /* how many start before @end */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (reach, Reach, mid).start < end)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo > 0 && g_array_index (reach, Reach, lo - 1).furthest_end > start;
}

static GPtrArray *
no_spans (void)
{
  static GPtrArray *empty;

  if (g_once_init_enter (&empty))
    g_once_init_leave (&empty, g_ptr_array_new ());
  return empty;
}

/* The spans of one document, @spans being each annotator's (GPtrArray, in
 * order of start): by key, who overlaps whom, and the units of the
 * unitizing */
static void
add_spans (CollateAgreement  *self,
           GPtrArray        **spans,
           Doc               *doc,
           guint              doc_index)
{
  g_autoptr(GPtrArray) reach = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);

  for (guint a = 0; a < self->n; a++)
    g_ptr_array_add (reach, reach_by_label (spans[a]));

  for (guint a = 0; a < self->n; a++)
    for (guint i = 0; i < spans[a]->len; i++)
      {
        CollateAnnotation *annotation = g_ptr_array_index (spans[a], i);
        const char *label = g_intern_string (collate_annotation_get_label (annotation));
        guint start = collate_annotation_get_start (annotation);
        guint end = collate_annotation_get_end (annotation);
        g_autofree char *key = span_key (doc_index, annotation);
        CollateDisagreement *record = g_hash_table_lookup (self->spans, key);
        guint *matrix;
        Unit unit;

        if (record == NULL)
          {
            record = g_new0 (CollateDisagreement, 1);
            record->document = doc_index;
            record->start = start;
            record->end = end;
            record->label = label;
            record->quote = g_strdup (collate_annotation_get_text (annotation));
            record->count = g_new0 (guint, self->n);
            g_hash_table_insert (self->spans, g_steal_pointer (&key), record);
          }
        record->count[a]++;
        g_hash_table_add (self->span_labels, (gpointer) label);

        matrix = overlaps_of (self, label);
        for (guint b = 0; b < self->n; b++)
          if (b != a && reaches (g_hash_table_lookup (g_ptr_array_index (reach, b), label), start, end))
            matrix[a * self->n + b]++;

        unit.annotator = a;
        unit.start = doc->offset + start;
        unit.end = doc->offset + end;
        unit.label = label;
        g_array_append_val (self->units, unit);
      }
}

/* The tokens of one document: each annotator's labels over each, in one
 * sweep of the tokens and the document's spans (both in order of start).
 * Touches only token_sets, label_sets and label_set_index, so that it can
 * run beside add_spans() and add_links(). */
static void
index_tokens (CollateAgreement  *self,
              GPtrArray        **spans,
              Doc               *doc)
{
  const char *text = collate_document_get_text (doc->document);
  g_autoptr(GArray) tokens = collate_tokenize (text, collate_document_get_byte_length (doc->document));
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  gsize base = self->token_sets->len;

  g_array_set_size (self->token_sets, base + (gsize) tokens->len * self->n);
  for (guint a = 0; a < self->n; a++)
    {
      g_autoptr(GPtrArray) active = g_ptr_array_new ();
      guint next = 0;
      guint set;
      gboolean changed = FALSE;

      g_ptr_array_set_size (labels, 0);
      set = label_set_index (self, labels);  /* the empty set */
      for (guint t = 0; t < tokens->len; t++)
        {
          CollateTextRange *token = &g_array_index (tokens, CollateTextRange, t);

          /* spans that start before the token ends join */
          for (; next < spans[a]->len &&
                 collate_annotation_get_start (g_ptr_array_index (spans[a], next)) < token->end; next++)
            {
              g_ptr_array_add (active, g_ptr_array_index (spans[a], next));
              changed = TRUE;
            }
          /* spans that end before the token starts leave */
          for (guint k = 0; k < active->len;)
            if (collate_annotation_get_end (g_ptr_array_index (active, k)) <= token->start)
              {
                g_ptr_array_remove_index_fast (active, k);
                changed = TRUE;
              }
            else
              k++;
          if (changed)
            {
              g_ptr_array_set_size (labels, 0);
              for (guint k = 0; k < active->len; k++)
                g_ptr_array_add (labels, (gpointer) collate_annotation_get_label (g_ptr_array_index (active, k)));
              set = label_set_index (self, labels);
              changed = FALSE;
            }
          g_array_index (self->token_sets, guint, base + (gsize) t * self->n + a) = set;
        }
    }
}

/* Documents [first, last) and their spans (n a document), for
 * index_tokens() on a thread of its own */
typedef struct
{
  CollateAgreement  *self;
  GPtrArray        **spans;
  guint              first;
  guint              last;
} TokenWork;

static gpointer
index_tokens_of_documents (gpointer data)
{
  TokenWork *work = data;

  for (guint d = work->first; d < work->last; d++)
    index_tokens (work->self, work->spans + (gsize) (d - work->first) * work->self->n,
                  g_ptr_array_index (work->self->documents, d));
  return NULL;
}

/* "doc:start:end:label" of a link's end, and the annotation's document index */
static char *
end_key (CollateAgreement  *self,
         GHashTable        *doc_of_id,
         CollateAnnotation *annotation,
         guint             *doc_out)
{
  gpointer value = g_hash_table_lookup (doc_of_id, collate_annotation_get_document_id (annotation));

  *doc_out = GPOINTER_TO_UINT (value) - 1;
  return span_key (*doc_out, annotation);
}

static void
add_links (CollateAgreement *self,
           CollateProject   *project,
           guint             a,
           GHashTable       *doc_of_id)
{
  GListModel *links = collate_project_get_links (project);
  guint n = g_list_model_get_n_items (links);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CollateLink) link = g_list_model_get_item (links, i);
      CollateAnnotation *from = collate_project_lookup_annotation (project, collate_link_get_from (link));
      CollateAnnotation *to = collate_project_lookup_annotation (project, collate_link_get_to (link));
      const char *label = g_intern_string (collate_link_get_label (link));
      g_autofree char *from_key = NULL;
      g_autofree char *to_key = NULL;
      g_autofree char *key = NULL;
      CollateDisagreement *record;
      guint from_doc, to_doc;

      if (from == NULL || to == NULL)
        continue;
      from_key = end_key (self, doc_of_id, from, &from_doc);
      to_key = end_key (self, doc_of_id, to, &to_doc);
      /* Either direction: the labels say nothing of one */
      if (strcmp (from_key, to_key) > 0)
        {
          CollateAnnotation *swap = from;
          guint swap_doc = from_doc;

          from = to;
          to = swap;
          from_doc = to_doc;
          to_doc = swap_doc;
          key = g_strdup_printf ("%s\n%s\n%s", label, to_key, from_key);
        }
      else
        key = g_strdup_printf ("%s\n%s\n%s", label, from_key, to_key);

      record = g_hash_table_lookup (self->links, key);
      if (record == NULL)
        {
          record = g_new0 (CollateDisagreement, 1);
          record->is_link = TRUE;
          record->label = label;
          record->document = from_doc;
          record->start = collate_annotation_get_start (from);
          record->end = collate_annotation_get_end (from);
          record->from_label = g_intern_string (collate_annotation_get_label (from));
          record->quote = g_strdup (collate_annotation_get_text (from));
          record->to_document = to_doc;
          record->to_start = collate_annotation_get_start (to);
          record->to_end = collate_annotation_get_end (to);
          record->to_label = g_intern_string (collate_annotation_get_label (to));
          record->to_quote = g_strdup (collate_annotation_get_text (to));
          record->count = g_new0 (guint, self->n);
          g_hash_table_insert (self->links, g_steal_pointer (&key), record);
        }
      record->count[a]++;
      g_hash_table_add (self->link_labels, (gpointer) label);
    }
}

gboolean
collate_agreement_add_projects (CollateAgreement  *self,
                                CollateProject   **projects,
                                GError           **error)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  guint first = self->documents->len;

  g_return_val_if_fail (COLLATE_IS_AGREEMENT (self), FALSE);
  g_return_val_if_fail (projects != NULL, FALSE);

  if (!pair_texts (self, projects, tables, keys, error))
    return FALSE;

  forget_results (self);

  /* Documents in the first annotator's order */
  for (guint i = 0; i < collate_project_get_n_documents (projects[0]); i++)
    {
      CollateDocument *document = collate_project_get_document (projects[0], i);
      const char *key = g_ptr_array_index ((GPtrArray *) g_ptr_array_index (keys, 0), i);
      Doc *doc = g_new0 (Doc, 1);

      doc->document = g_object_ref (document);
      doc->ids = g_new0 (char *, self->n + 1);
      doc->offset = self->length;
      for (guint a = 0; a < self->n; a++)
        doc->ids[a] = g_strdup (collate_document_get_id (g_hash_table_lookup (g_ptr_array_index (tables, a), key)));
      self->length += collate_document_get_length (document);
      g_ptr_array_add (self->documents, doc);
    }

  {
    g_autoptr(GPtrArray) by_document = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
    guint last = self->documents->len;
    g_autofree GPtrArray **spans = g_new0 (GPtrArray *, (gsize) (last - first) * self->n);
    TokenWork work = { self, spans, first, last };
    GThread *thread = NULL;
    gsize bytes = 0;

    for (guint a = 0; a < self->n; a++)
      g_ptr_array_add (by_document, spans_by_document (projects[a]));
    for (guint d = first; d < last; d++)
      {
        Doc *doc = g_ptr_array_index (self->documents, d);

        for (guint a = 0; a < self->n; a++)
          {
            GPtrArray *found = g_hash_table_lookup (g_ptr_array_index (by_document, a), doc->ids[a]);

            spans[(gsize) (d - first) * self->n + a] = found != NULL ? found : no_spans ();
          }
        bytes += collate_document_get_byte_length (doc->document);
      }

    /* The tokens on a thread of their own while the spans and links are
     * counted here: the two touch different parts of @self.  Not worth a
     * thread for a few pages of text. */
    if (bytes >= 1024 * 1024 && g_get_num_processors () > 1)
      thread = g_thread_new ("agreement-tokens", index_tokens_of_documents, &work);
    else
      index_tokens_of_documents (&work);

    for (guint d = first; d < last; d++)
      add_spans (self, spans + (gsize) (d - first) * self->n, g_ptr_array_index (self->documents, d), d);

    for (guint a = 0; a < self->n; a++)
      {
        g_autoptr(GHashTable) doc_of_id = g_hash_table_new (g_str_hash, g_str_equal);

        for (guint d = first; d < last; d++)
          {
            Doc *doc = g_ptr_array_index (self->documents, d);

            g_hash_table_insert (doc_of_id, doc->ids[a], GUINT_TO_POINTER (d + 1));
          }
        add_links (self, projects[a], a, doc_of_id);
      }

    if (thread != NULL)
      g_thread_join (thread);
  }

  return TRUE;
}

/* ── Reading the results ──────────────────────────────────────────────── */

guint
collate_agreement_get_n_documents (CollateAgreement *self)
{
  g_return_val_if_fail (COLLATE_IS_AGREEMENT (self), 0);
  return self->documents->len;
}

CollateDocument *
collate_agreement_get_document (CollateAgreement *self,
                                guint             index)
{
  g_return_val_if_fail (COLLATE_IS_AGREEMENT (self), NULL);
  g_return_val_if_fail (index < self->documents->len, NULL);
  return ((Doc *) g_ptr_array_index (self->documents, index))->document;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static const char **
sorted_keys (GHashTable *set)
{
  guint n = 0;
  const char **keys = (const char **) g_hash_table_get_keys_as_array (set, &n);

  qsort (keys, n, sizeof (char *), compare_strings);
  return keys;
}

const char *const *
collate_agreement_get_span_labels (CollateAgreement *self)
{
  g_return_val_if_fail (COLLATE_IS_AGREEMENT (self), NULL);
  if (self->span_label_list == NULL)
    self->span_label_list = sorted_keys (self->span_labels);
  return self->span_label_list;
}

const char *const *
collate_agreement_get_link_labels (CollateAgreement *self)
{
  g_return_val_if_fail (COLLATE_IS_AGREEMENT (self), NULL);
  if (self->link_label_list == NULL)
    self->link_label_list = sorted_keys (self->link_labels);
  return self->link_label_list;
}

void
collate_agreement_get_span_counts (CollateAgreement   *self,
                                   guint               a,
                                   guint               b,
                                   const char         *label,
                                   CollateMatchCounts *counts)
{
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (COLLATE_IS_AGREEMENT (self));
  g_return_if_fail (a < self->n && b < self->n);

  memset (counts, 0, sizeof *counts);
  label = label ? g_intern_string (label) : NULL;
  g_hash_table_iter_init (&iter, self->spans);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      CollateDisagreement *record = value;

      if (label != NULL && record->label != label)
        continue;
      counts->in_a += record->count[a];
      counts->in_b += record->count[b];
      counts->exact += MIN (record->count[a], record->count[b]);
    }

  g_hash_table_iter_init (&iter, self->overlaps);
  {
    gpointer key;

    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        guint *matrix = value;

        if (label != NULL && key != label)
          continue;
        if (a == b)
          {
            counts->overlap_a = counts->in_a;
            counts->overlap_b = counts->in_b;
            continue;
          }
        counts->overlap_a += matrix[a * self->n + b];
        counts->overlap_b += matrix[b * self->n + a];
      }
  }
}

void
collate_agreement_get_link_counts (CollateAgreement   *self,
                                   guint               a,
                                   guint               b,
                                   const char         *label,
                                   CollateLinkScope    scope,
                                   CollateMatchCounts *counts)
{
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (COLLATE_IS_AGREEMENT (self));
  g_return_if_fail (a < self->n && b < self->n);

  memset (counts, 0, sizeof *counts);
  label = label ? g_intern_string (label) : NULL;
  g_hash_table_iter_init (&iter, self->links);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      CollateDisagreement *record = value;
      gboolean within = record->document == record->to_document;

      if (label != NULL && record->label != label)
        continue;
      if ((scope == COLLATE_LINK_SCOPE_WITHIN && !within) ||
          (scope == COLLATE_LINK_SCOPE_ACROSS && within))
        continue;
      counts->in_a += record->count[a];
      counts->in_b += record->count[b];
      counts->exact += MIN (record->count[a], record->count[b]);
    }
}

static double
ratio (guint part,
       guint whole)
{
  return whole == 0 ? NAN : (double) part / whole;
}

static double
harmonic (double p,
          double r)
{
  if (isnan (p) || isnan (r))
    return NAN;
  return p + r == 0 ? 0 : 2 * p * r / (p + r);
}

void
collate_match_counts_exact (const CollateMatchCounts *counts,
                            double                   *precision,
                            double                   *recall,
                            double                   *f1)
{
  *precision = ratio (counts->exact, counts->in_b);
  *recall = ratio (counts->exact, counts->in_a);
  *f1 = harmonic (*precision, *recall);
}

void
collate_match_counts_overlap (const CollateMatchCounts *counts,
                              double                   *precision,
                              double                   *recall,
                              double                   *f1)
{
  *precision = ratio (counts->overlap_b, counts->in_b);
  *recall = ratio (counts->overlap_a, counts->in_a);
  *f1 = harmonic (*precision, *recall);
}

static guint
row_hash (gconstpointer key)
{
  const guint *row = key;
  guint h = row[-1];  /* the row's length, stored before it */

  for (guint k = 0; k < row[-1]; k++)
    h = h * 31 + row[k];
  return h;
}

static gboolean
row_equal (gconstpointer a,
           gconstpointer b)
{
  const guint *x = a, *y = b;

  return memcmp (x - 1, y - 1, (x[-1] + 1) * sizeof (guint)) == 0;
}

/* The distinct rows of label sets among the tokens: a million tokens have
 * a few hundred, and every measure then counts rows, not tokens */
static void
find_rows (CollateAgreement *self)
{
  gsize n_tokens = self->token_sets->len / self->n;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (row_hash, row_equal, NULL, NULL);
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (guint));  /* length, then the row */

  self->rows = g_array_new (FALSE, FALSE, sizeof (guint));
  self->row_weights = g_array_new (FALSE, TRUE, sizeof (guint64));
  self->token_rows = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_tokens);

  /* keys point into token_sets: each row's length is put before it in a
   * copy, so that the hash can find it */
  g_array_set_size (keys, n_tokens * (self->n + 1));
  for (gsize t = 0; t < n_tokens; t++)
    {
      guint *key = &g_array_index (keys, guint, t * (self->n + 1));
      gpointer found;
      guint row;

      key[0] = self->n;
      memcpy (key + 1, &g_array_index (self->token_sets, guint, t * self->n), self->n * sizeof (guint));
      found = g_hash_table_lookup (seen, key + 1);
      if (found == NULL)
        {
          row = self->row_weights->len;
          g_array_append_vals (self->rows, key + 1, self->n);
          g_array_set_size (self->row_weights, row + 1);
          g_hash_table_insert (seen, key + 1, GUINT_TO_POINTER (row + 1));
        }
      else
        row = GPOINTER_TO_UINT (found) - 1;
      g_array_index (self->row_weights, guint64, row)++;
      g_array_append_val (self->token_rows, row);
    }
}

CollateCoding *
collate_agreement_get_token_coding (CollateAgreement *self,
                                    const char       *label)
{
  CollateCoding *coding;
  g_autofree char *not_label = NULL;

  g_return_val_if_fail (COLLATE_IS_AGREEMENT (self), NULL);

  coding = g_hash_table_lookup (self->codings, label ? label : "");
  if (coding != NULL)
    return coding;

  coding = collate_coding_new (self->n);
  if (label != NULL)
    not_label = g_strdup_printf ("(not %s)", label);

  if (self->rows == NULL)
    find_rows (self);

  /* Each set's category, once; then each distinct row of sets */
  {
    g_autofree guint *category = g_new0 (guint, self->label_sets->len);
    g_autofree guint *values = g_new (guint, MAX (self->rows->len, 1));

    for (guint s = 0; s < self->label_sets->len; s++)
      {
        GStrv set = g_ptr_array_index (self->label_sets, s);
        g_autofree char *joined = NULL;

        if (label != NULL)
          category[s] = collate_coding_add_category (coding, g_strv_contains ((const char *const *) set, label)
                                                              ? label : not_label);
        else if (set[0] == NULL)
          category[s] = collate_coding_add_category (coding, NO_LABEL);
        else
          {
            joined = g_strjoinv (" + ", set);
            category[s] = collate_coding_add_category (coding, joined);
          }
      }
    for (guint k = 0; k < self->rows->len; k++)
      values[k] = category[g_array_index (self->rows, guint, k)];
    collate_coding_set_rows (coding, values, (const guint64 *) (gpointer) self->row_weights->data,
                             self->row_weights->len, self->token_rows);
  }

  g_hash_table_insert (self->codings, g_strdup (label ? label : ""), coding);
  return coding;
}

CollateUnitizing *
collate_agreement_get_unitizing (CollateAgreement *self)
{
  g_return_val_if_fail (COLLATE_IS_AGREEMENT (self), NULL);

  if (self->unitizing == NULL)
    {
      self->unitizing = collate_unitizing_new (self->n, self->length);
      for (guint i = 0; i < self->units->len; i++)
        {
          Unit *unit = &g_array_index (self->units, Unit, i);

          collate_unitizing_add_unit (self->unitizing, unit->annotator, unit->start, unit->end, unit->label);
        }
    }
  return self->unitizing;
}

static gpointer
compute_token_codings (gpointer data)
{
  CollateAgreement *self = data;

  collate_agreement_get_token_coding (self, NULL);
  for (guint l = 0; self->span_label_list[l] != NULL; l++)
    collate_agreement_get_token_coding (self, self->span_label_list[l]);
  return NULL;
}

void
collate_agreement_precompute (CollateAgreement *self)
{
  CollateUnitizing *unitizing;
  GThread *thread = NULL;

  g_return_if_fail (COLLATE_IS_AGREEMENT (self));

  /* the thread reads the list; made here, before it starts */
  collate_agreement_get_span_labels (self);
  /* The codings touch only codings, rows, row_weights and token_rows, and
   * read token_sets, label_sets and the label list; the rest below touches
   * none of them */
  if (self->token_sets->len >= 100000 && g_get_num_processors () > 1)
    thread = g_thread_new ("agreement-codings", compute_token_codings, self);
  else
    compute_token_codings (self);

  unitizing = collate_agreement_get_unitizing (self);
  collate_unitizing_alpha (unitizing, NULL, NULL, NULL);

  if (thread != NULL)
    g_thread_join (thread);
}

static int
compare_records (gconstpointer pa,
                 gconstpointer pb)
{
  const CollateDisagreement *a = *(const CollateDisagreement *const *) pa;
  const CollateDisagreement *b = *(const CollateDisagreement *const *) pb;

  if (a->is_link != b->is_link)
    return a->is_link ? 1 : -1;
  if (a->document != b->document)
    return a->document < b->document ? -1 : 1;
  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  if (a->end != b->end)
    return a->end < b->end ? -1 : 1;
  if (a->is_link)
    {
      int c = strcmp (a->from_label, b->from_label);

      if (c != 0)
        return c;
      if (a->to_document != b->to_document)
        return a->to_document < b->to_document ? -1 : 1;
      if (a->to_start != b->to_start)
        return a->to_start < b->to_start ? -1 : 1;
      if (a->to_end != b->to_end)
        return a->to_end < b->to_end ? -1 : 1;
      c = strcmp (a->to_label, b->to_label);
      if (c != 0)
        return c;
    }
  return strcmp (a->label, b->label);
}

static void
collect_disagreements (CollateAgreement *self,
                       GHashTable       *records)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, records);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      CollateDisagreement *record = value;

      for (guint a = 1; a < self->n; a++)
        if (record->count[a] != record->count[0])
          {
            g_ptr_array_add (self->disagreements, record);
            break;
          }
    }
}

GPtrArray *
collate_agreement_get_disagreements (CollateAgreement *self)
{
  g_return_val_if_fail (COLLATE_IS_AGREEMENT (self), NULL);

  if (self->disagreements == NULL)
    {
      self->disagreements = g_ptr_array_new ();
      collect_disagreements (self, self->spans);
      collect_disagreements (self, self->links);
      g_ptr_array_sort (self->disagreements, compare_records);
    }
  return self->disagreements;
}
