/* collate-project.c — documents, schema, annotations and links, with undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "collate-error.h"
#include "collate-project.h"
#include "collate-project-private.h"
#include "collate-span-index.h"
#include "collate-text.h"

/* ───────────────────────── the list models ───────────────────────── */

/* The project's annotations and links as GListModels: thin views over the
 * project's own indexes, told of every change by the project. */
#define COLLATE_TYPE_PROJECT_LIST (collate_project_list_get_type ())
G_DECLARE_FINAL_TYPE (CollateProjectList, collate_project_list, COLLATE, PROJECT_LIST, GObject)

struct _CollateProjectList
{
  GObject         parent_instance;
  CollateProject *project;  /* weak: the project owns the list */
  gboolean        links;
};

static GType    collate_project_list_get_item_type (GListModel *model);
static guint    collate_project_list_get_n_items   (GListModel *model);
static gpointer collate_project_list_get_item      (GListModel *model,
                                                    guint       position);

static void
collate_project_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = collate_project_list_get_item_type;
  iface->get_n_items = collate_project_list_get_n_items;
  iface->get_item = collate_project_list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (CollateProjectList, collate_project_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, collate_project_list_model_init))

static void
collate_project_list_class_init (CollateProjectListClass *klass)
{
}

static void
collate_project_list_init (CollateProjectList *self)
{
}

/* ───────────────────────── the project ───────────────────────── */

typedef struct
{
  CollateDocument  *document;
  CollateSpanIndex *spans;
  guint             index;
} DocEntry;

/* What an undoable step does to one item; undo does the opposite */
typedef enum
{
  OP_INSERT,
  OP_REMOVE,
  OP_REPLACE,
} OpAction;

/* The kinds of item a step changes, a row each in item_ops[] */
typedef enum
{
  ITEM_ANNOTATION,
  ITEM_LINK,
  ITEM_DECISION,   /* a review or a curation: see decision_kinds[] */
  ITEM_DOCUMENT,   /* appended last; its removal takes the last one */
  ITEM_SCHEMA,     /* only replaced: by a copy of the schema before, the one after */
} ItemKind;

typedef struct
{
  OpAction  action;
  ItemKind  item;
  GObject  *object;       /* the item inserted, removed or replaced */
  GObject  *replacement;  /* for OP_REPLACE */
} Op;

/* The decisions the project keeps, each kind in a list sorted by id with
 * an index by id: a new kind is an entry here and a row in decision_kinds[] */
typedef enum
{
  DECISION_REVIEW,
  DECISION_CURATION,
  N_DECISION_KINDS
} DecisionKind;

typedef struct
{
  GListStore *store;   /* sorted by id */
  GHashTable *by_id;   /* id → decision (borrowed from the store) */
} DecisionList;

typedef struct
{
  char    *description;
  GArray  *ops;          /* of Op, in the order they were applied */
  guint64  serial;       /* the state after this record */
} Record;

struct _CollateProject
{
  GObject             parent_instance;

  char               *title;
  char               *author;
  CollateSchema      *schema;
  GHashTable         *metadata;

  GListStore         *documents;
  GPtrArray          *doc_entries;     /* of DocEntry*, in project order */
  GArray             *span_counts;     /* of guint: a Fenwick tree of each document's
                                        * number of spans, for positions in the
                                        * annotation list in O(log documents) */
  GHashTable         *doc_by_id;       /* id → DocEntry* */

  GHashTable         *annotations;     /* id → CollateAnnotation* (ref) */
  GSequence          *links;           /* CollateLink* (ref), sorted by id */
  GHashTable         *link_iters;      /* id → GSequenceIter* */
  GHashTable         *links_of;        /* annotation id → GPtrArray of CollateLink* (borrowed) */

  CollateProjectList *annotation_list;
  CollateProjectList *link_list;

  DecisionList        decisions[N_DECISION_KINDS];  /* reviews, curations */

  guint64             next_id;

  GQueue              undo;            /* of Record*, newest at head */
  GQueue              redo;            /* of Record*, next to redo at head */
  Record             *pending;         /* the group being recorded */
  guint               group_depth;
  guint64             next_serial;
  guint64             saved_state;
  gboolean            forced_modified;

  CollateClockFunc    clock;
  gpointer            clock_data;

  /* for notify on change */
  gboolean            was_modified;
  gboolean            could_undo;
  gboolean            could_redo;
};

G_DEFINE_FINAL_TYPE (CollateProject, collate_project, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_AUTHOR,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_MODIFIED,
  N_PROPS
};

enum {
  ANNOTATION_ADDED,
  ANNOTATION_REMOVED,
  ANNOTATION_CHANGED,
  LINK_ADDED,
  LINK_REMOVED,
  LINK_CHANGED,
  REVIEW_ADDED,
  REVIEW_REMOVED,
  CURATION_ADDED,
  CURATION_REMOVED,
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef const char *(*DecisionIdFunc) (gpointer decision);

static const struct
{
  GType          (*get_type) (void);
  DecisionIdFunc   get_id;
  guint            added;     /* in signals[] */
  guint            removed;
} decision_kinds[N_DECISION_KINDS] = {
  [DECISION_REVIEW] = { collate_review_get_type, (DecisionIdFunc) collate_review_get_id,
                        REVIEW_ADDED, REVIEW_REMOVED },
  [DECISION_CURATION] = { collate_curation_get_type, (DecisionIdFunc) collate_curation_get_id,
                          CURATION_ADDED, CURATION_REMOVED },
};

static void
doc_entry_free (DocEntry *entry)
{
  collate_span_index_free (entry->spans);
  g_object_unref (entry->document);
  g_free (entry);
}

static void
record_free (Record *record)
{
  guint i;

  for (i = 0; i < record->ops->len; i++)
    {
      Op *op = &g_array_index (record->ops, Op, i);

      g_clear_object (&op->object);
      g_clear_object (&op->replacement);
    }
  g_array_unref (record->ops);
  g_free (record->description);
  g_free (record);
}

static void
collate_project_dispose (GObject *object)
{
  CollateProject *self = (CollateProject *) object;

  g_queue_clear_full (&self->undo, (GDestroyNotify) record_free);
  g_queue_clear_full (&self->redo, (GDestroyNotify) record_free);
  g_clear_pointer (&self->pending, record_free);

  G_OBJECT_CLASS (collate_project_parent_class)->dispose (object);
}

static void
collate_project_finalize (GObject *object)
{
  CollateProject *self = (CollateProject *) object;

  self->annotation_list->project = NULL;
  self->link_list->project = NULL;
  g_clear_object (&self->annotation_list);
  g_clear_object (&self->link_list);
  for (guint i = 0; i < N_DECISION_KINDS; i++)
    {
      g_clear_object (&self->decisions[i].store);
      g_clear_pointer (&self->decisions[i].by_id, g_hash_table_unref);
    }

  g_clear_pointer (&self->links_of, g_hash_table_unref);
  g_clear_pointer (&self->link_iters, g_hash_table_unref);
  g_clear_pointer (&self->links, g_sequence_free);
  g_clear_pointer (&self->annotations, g_hash_table_unref);
  g_clear_pointer (&self->doc_by_id, g_hash_table_unref);
  g_clear_pointer (&self->doc_entries, g_ptr_array_unref);
  g_clear_pointer (&self->span_counts, g_array_unref);
  g_clear_object (&self->documents);
  g_clear_pointer (&self->metadata, g_hash_table_unref);
  g_clear_object (&self->schema);
  g_free (self->title);
  g_free (self->author);

  G_OBJECT_CLASS (collate_project_parent_class)->finalize (object);
}

static void
collate_project_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CollateProject *self = COLLATE_PROJECT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, collate_project_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, collate_project_can_redo (self));
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, collate_project_get_modified (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
collate_project_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CollateProject *self = COLLATE_PROJECT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      collate_project_set_title (self, g_value_get_string (value));
      break;
    case PROP_AUTHOR:
      collate_project_set_author (self, g_value_get_string (value));
      break;
    case PROP_MODIFIED:
      collate_project_set_modified (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
collate_project_class_init (CollateProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = collate_project_dispose;
  object_class->finalize = collate_project_finalize;
  object_class->get_property = collate_project_get_property;
  object_class->set_property = collate_project_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_AUTHOR] =
    g_param_spec_string ("author", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ANNOTATION_ADDED] =
    g_signal_new ("annotation-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, COLLATE_TYPE_ANNOTATION);
  signals[ANNOTATION_REMOVED] =
    g_signal_new ("annotation-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, COLLATE_TYPE_ANNOTATION);
  signals[ANNOTATION_CHANGED] =
    g_signal_new ("annotation-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                  COLLATE_TYPE_ANNOTATION, COLLATE_TYPE_ANNOTATION);
  signals[LINK_ADDED] =
    g_signal_new ("link-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, COLLATE_TYPE_LINK);
  signals[LINK_REMOVED] =
    g_signal_new ("link-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, COLLATE_TYPE_LINK);
  signals[LINK_CHANGED] =
    g_signal_new ("link-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, COLLATE_TYPE_LINK, COLLATE_TYPE_LINK);
  signals[REVIEW_ADDED] =
    g_signal_new ("review-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, COLLATE_TYPE_REVIEW);
  signals[REVIEW_REMOVED] =
    g_signal_new ("review-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, COLLATE_TYPE_REVIEW);
  signals[CURATION_ADDED] =
    g_signal_new ("curation-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, COLLATE_TYPE_CURATION);
  signals[CURATION_REMOVED] =
    g_signal_new ("curation-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, COLLATE_TYPE_CURATION);
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static int
link_compare (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  return collate_id_compare (collate_link_get_id ((CollateLink *) a),
                             collate_link_get_id ((CollateLink *) b));
}

static char *
default_clock (gpointer user_data)
{
  return collate_timestamp_now ();
}

static void
collate_project_init (CollateProject *self)
{
  self->title = g_strdup ("");
  self->author = g_strdup ("");
  self->metadata = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->documents = g_list_store_new (COLLATE_TYPE_DOCUMENT);
  self->doc_entries = g_ptr_array_new_with_free_func ((GDestroyNotify) doc_entry_free);
  /* 1-based: element 0 is unused */
  self->span_counts = g_array_sized_new (FALSE, TRUE, sizeof (guint), 1);
  g_array_set_size (self->span_counts, 1);
  self->doc_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->annotations = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  self->links = g_sequence_new (g_object_unref);
  self->link_iters = g_hash_table_new (g_str_hash, g_str_equal);
  self->links_of = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_ptr_array_unref);
  self->next_id = 1;
  self->next_serial = 1;
  self->clock = default_clock;

  self->annotation_list = g_object_new (COLLATE_TYPE_PROJECT_LIST, NULL);
  self->annotation_list->project = self;
  self->link_list = g_object_new (COLLATE_TYPE_PROJECT_LIST, NULL);
  self->link_list->project = self;
  self->link_list->links = TRUE;

  for (guint i = 0; i < N_DECISION_KINDS; i++)
    {
      self->decisions[i].store = g_list_store_new (decision_kinds[i].get_type ());
      self->decisions[i].by_id = g_hash_table_new (g_str_hash, g_str_equal);
    }
}

/**
 * collate_project_new:
 * @title: (nullable): the project's title
 * @schema: (nullable): its labels; the default schema if %NULL
 */
CollateProject *
collate_project_new (const char    *title,
                     CollateSchema *schema)
{
  CollateProject *self = g_object_new (COLLATE_TYPE_PROJECT, NULL);

  g_free (self->title);
  self->title = g_strdup (title ? title : "");
  self->schema = schema ? g_object_ref (schema) : collate_schema_new_default ();

  return self;
}

const char *
collate_project_get_title (CollateProject *self)
{
  g_return_val_if_fail (COLLATE_IS_PROJECT (self), NULL);
  return self->title;
}

static void
notify_state (CollateProject *self)
{
  gboolean modified = collate_project_get_modified (self);
  gboolean can_undo = collate_project_can_undo (self);
  gboolean can_redo = collate_project_can_redo (self);

  if (modified != self->was_modified)
    {
      self->was_modified = modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
  if (can_undo != self->could_undo)
    {
      self->could_undo = can_undo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
    }
  if (can_redo != self->could_redo)
    {
      self->could_redo = can_redo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
    }
}

/* Changing the title is not undoable, but it is a change to save. */
void
collate_project_set_title (CollateProject *self,
                           const char     *title)
{
  g_return_if_fail (COLLATE_IS_PROJECT (self));

  if (title == NULL)
    title = "";
  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  self->forced_modified = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  notify_state (self);
}

CollateSchema *
collate_project_get_schema (CollateProject *self)
{
  g_return_val_if_fail (COLLATE_IS_PROJECT (self), NULL);
  return self->schema;
}

const char *
collate_project_get_author (CollateProject *self)
{
  g_return_val_if_fail (COLLATE_IS_PROJECT (self), NULL);
  return self->author;
}

void
collate_project_set_author (CollateProject *self,
                            const char     *author)
{
  g_return_if_fail (COLLATE_IS_PROJECT (self));

  if (author == NULL)
    author = "";
  if (g_strcmp0 (self->author, author) == 0)
    return;

  g_free (self->author);
  self->author = g_strdup (author);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHOR]);
}

void
collate_project_set_clock (CollateProject   *self,
                           CollateClockFunc  func,
                           gpointer          user_data)
{
  g_return_if_fail (COLLATE_IS_PROJECT (self));

  self->clock = func ? func : default_clock;
  self->clock_data = func ? user_data : NULL;
}

GHashTable *
collate_project_get_metadata (CollateProject *self)
{
  g_return_val_if_fail (COLLATE_IS_PROJECT (self), NULL);
  return self->metadata;
}

/* ── ids ── */

static gboolean
id_in_use (CollateProject *self,
           const char     *id)
{
  if (g_hash_table_contains (self->doc_by_id, id) ||
      g_hash_table_contains (self->annotations, id) ||
      g_hash_table_contains (self->link_iters, id))
    return TRUE;
  for (guint i = 0; i < N_DECISION_KINDS; i++)
    if (g_hash_table_contains (self->decisions[i].by_id, id))
      return TRUE;
  return FALSE;
}

/* Keeps the counter past any id of the form <letters><digits> */
static void
observe_id (CollateProject *self,
            const char     *id)
{
  const char *p = id;
  guint64 value = 0;

  while (g_ascii_isalpha (*p))
    p++;
  if (p == id || *p == '\0')
    return;
  for (; *p; p++)
    {
      if (!g_ascii_isdigit (*p) || value > G_MAXUINT64 / 20)
        return;
      value = value * 10 + (guint64) (*p - '0');
    }

  if (value >= self->next_id)
    self->next_id = value + 1;
}

static char *
make_id (CollateProject *self,
         const char     *prefix)
{
  for (;;)
    {
      char *id = g_strdup_printf ("%s%" G_GUINT64_FORMAT, prefix, self->next_id++);

      if (!id_in_use (self, id))
        return id;
      g_free (id);
    }
}

guint64
collate_project_get_next_id (CollateProject *self)
{
  g_return_val_if_fail (COLLATE_IS_PROJECT (self), 0);
  return self->next_id;
}

void
collate_project_set_next_id (CollateProject *self,
                             guint64         next_id)
{
  g_return_if_fail (COLLATE_IS_PROJECT (self));

  if (next_id > self->next_id)
    self->next_id = next_id;
}

/* ── where each document's spans start in the annotation list ──
 *
 * The list holds the spans of the first document, then those of the
 * second, and so on.  A span's position is the number of spans in the
 * documents before its own plus its rank there; a Fenwick tree over the
 * documents' span counts gives that sum, and finds the document holding a
 * position, in O(log documents), so that loading, importing and every
 * change stay linear in the number of documents (summing the counts one by
 * one made a project of 100,000 documents take minutes to load). */

#define LOWBIT(i) ((i) & -(i))

static inline guint *
span_counts (CollateProject *self)
{
  return &g_array_index (self->span_counts, guint, 0);
}

/* The number of spans in the documents before @doc_index */
static guint
spans_before (CollateProject *self,
              guint           doc_index)
{
  const guint *tree = span_counts (self);
  guint sum = 0;

  for (guint i = doc_index; i > 0; i -= LOWBIT (i))
    sum += tree[i];
  return sum;
}

static void
span_counts_add (CollateProject *self,
                 guint           doc_index,
                 int             delta)
{
  guint *tree = span_counts (self);
  guint n = self->span_counts->len - 1;

  for (guint i = doc_index + 1; i <= n; i += LOWBIT (i))
    tree[i] += delta;
}

/* A new last document, with no spans yet */
static void
span_counts_append (CollateProject *self)
{
  guint i = self->span_counts->len;  /* its 1-based index */
  guint node;

  /* node i covers the documents (i - LOWBIT (i), i]: the new one has none */
  node = spans_before (self, i - 1) - spans_before (self, i - LOWBIT (i));
  g_array_append_val (self->span_counts, node);
}

/* The document holding list position @position, and the position within
 * it; FALSE past the end */
static gboolean
span_counts_find (CollateProject *self,
                  guint           position,
                  guint          *doc_index,
                  guint          *within)
{
  const guint *tree = span_counts (self);
  guint n = self->span_counts->len - 1;
  guint at = 0;
  guint step = 1;

  while (step * 2 <= n)
    step *= 2;
  /* the largest prefix of documents holding at most @position spans */
  for (; step > 0; step /= 2)
    if (at + step <= n && tree[at + step] <= position)
      {
        at += step;
        position -= tree[at];
      }
  if (at >= n)
    return FALSE;
  *doc_index = at;
  *within = position;
  return TRUE;
}

/* ── documents ── */

static gboolean
check_new_document (CollateProject   *self,
                    CollateDocument  *document,
                    GError          **error)
{
  const char *id = collate_document_get_id (document);

  if (*id == '\0')
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                   _("id: a document needs a non-empty id"));
      return FALSE;
    }
  if (id_in_use (self, id))
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_EXISTS,
                   _("id: \"%s\" is already used in this project; ids must be unique"), id);
      return FALSE;
    }
  return TRUE;
}

static void
do_insert_document (CollateProject  *self,
                    CollateDocument *document)
{
  DocEntry *entry = g_new0 (DocEntry, 1);
  const char *id = collate_document_get_id (document);

  entry->document = g_object_ref (document);
  entry->spans = collate_span_index_new ();
  entry->index = self->doc_entries->len;
  g_ptr_array_add (self->doc_entries, entry);
  span_counts_append (self);
  g_hash_table_insert (self->doc_by_id, (char *) id, entry);
  g_list_store_append (self->documents, document);
  observe_id (self, id);
}

/* Removes the last document, @document, which has no spans left (undo
 * took them first) */
static void
do_remove_last_document (CollateProject  *self,
                         CollateDocument *document)
{
  DocEntry *entry;

  g_assert (self->doc_entries->len > 0);
  entry = g_ptr_array_index (self->doc_entries, self->doc_entries->len - 1);
  g_assert (entry->document == document);
  g_assert (collate_span_index_get_size (entry->spans) == 0);

  g_hash_table_remove (self->doc_by_id, collate_document_get_id (document));
  /* a Fenwick tree's nodes cover only the documents before them: the last
   * one goes with its node */
  g_array_set_size (self->span_counts, self->span_counts->len - 1);
  g_ptr_array_remove_index (self->doc_entries, self->doc_entries->len - 1);
  g_list_store_remove (self->documents, self->doc_entries->len);
}

gboolean
collate_project_add_document (CollateProject   *self,
                              CollateDocument  *document,
                              GError          **error)
{
  g_return_val_if_fail (COLLATE_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (COLLATE_IS_DOCUMENT (document), FALSE);

  if (!check_new_document (self, document, error))
    return FALSE;

  do_insert_document (self, document);
  return TRUE;
}

static void record_op (CollateProject *self,
                       OpAction        action,
                       ItemKind        item,
                       gpointer        object,
                       gpointer        replacement);

/**
 * collate_project_append_document:
 *
 * Adds @document after the others as one undoable step ("Add Document");
 * undoing it removes the document again, with whatever was since done in
 * it undone first.  Checks as collate_project_add_document() does.
 */
gboolean
collate_project_append_document (CollateProject   *self,
                                 CollateDocument  *document,
                                 GError          **error)
{
  g_return_val_if_fail (COLLATE_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (COLLATE_IS_DOCUMENT (document), FALSE);

  if (!check_new_document (self, document, error))
    return FALSE;
  collate_project_begin_group (self, _("Add Document"));
  record_op (self, OP_INSERT, ITEM_DOCUMENT, document, NULL);
  collate_project_end_group (self);
  return TRUE;
}

char *
collate_project_next_document_id (CollateProject *self)
{
  g_return_val_if_fail (COLLATE_IS_PROJECT (self), NULL);
  return make_id (self, "d");
}

GListModel *
collate_project_get_documents (CollateProject *self)
{
  g_return_val_if_fail (COLLATE_IS_PROJECT (self), NULL);
  return G_LIST_MODEL (self->documents);
}

guint
collate_project_get_n_documents (CollateProject *self)
{
  g_return_val_if_fail (COLLATE_IS_PROJECT (self), 0);
  return self->doc_entries->len;
}

/**
 * collate_project_get_document:
 *
 * Returns: (transfer none) (nullable): the document at @index
 */
CollateDocument *
collate_project_get_document (CollateProject *self,
                              guint           index)
{
  g_return_val_if_fail (COLLATE_IS_PROJECT (self), NULL);

  if (index >= self->doc_entries->len)
    return NULL;

  return ((DocEntry *) g_ptr_array_index (self->doc_entries, index))->document;
}

CollateDocument *
collate_project_lookup_document (CollateProject *self,
                                 const char     *id)
{
  DocEntry *entry;

  g_return_val_if_fail (COLLATE_IS_PROJECT (self), NULL);

  entry = id ? g_hash_table_lookup (self->doc_by_id, id) : NULL;

  return entry ? entry->document : NULL;
}

int
collate_project_get_document_index (CollateProject *self,
                                    const char     *id)
{
  DocEntry *entry;

  g_return_val_if_fail (COLLATE_IS_PROJECT (self), -1);

  entry = id ? g_hash_table_lookup (self->doc_by_id, id) : NULL;

  return entry ? (int) entry->index : -1;
}

/* ── reading ── */

GListModel *
collate_project_get_annotations (CollateProject *self)
{
  g_return_val_if_fail (COLLATE_IS_PROJECT (self), NULL);
  return G_LIST_MODEL (self->annotation_list);
}

GListModel *
collate_project_get_links (CollateProject *self)
{
  g_return_val_if_fail (COLLATE_IS_PROJECT (self), NULL);
  return G_LIST_MODEL (self->link_list);
}

guint
collate_project_get_n_annotations (CollateProject *self)
{
  g_return_val_if_fail (COLLATE_IS_PROJECT (self), 0);
  return g_hash_table_size (self->annotations);
}

guint
collate_project_get_n_links (CollateProject *self)
{
  g_return_val_if_fail (COLLATE_IS_PROJECT (self), 0);
  return (guint) g_sequence_get_length (self->links);
}

CollateAnnotation *
collate_project_lookup_annotation (CollateProject *self,
                                   const char     *id)
{
  g_return_val_if_fail (COLLATE_IS_PROJECT (self), NULL);
  return id ? g_hash_table_lookup (self->annotations, id) : NULL;
}

CollateLink *
collate_project_lookup_link (CollateProject *self,
                             const char     *id)
{
  GSequenceIter *iter;

  g_return_val_if_fail (COLLATE_IS_PROJECT (self), NULL);

  iter = id ? g_hash_table_lookup (self->link_iters, id) : NULL;

  return iter ? g_sequence_get (iter) : NULL;
}

static int
annotation_position (CollateProject    *self,
                     CollateAnnotation *annotation)
{
  DocEntry *entry = g_hash_table_lookup (self->doc_by_id,
                                         collate_annotation_get_document_id (annotation));
  int rank;

  if (entry == NULL)
    return -1;

  rank = collate_span_index_rank (entry->spans, annotation);
  if (rank < 0)
    return -1;

  return (int) spans_before (self, entry->index) + rank;
}

int
collate_project_get_annotation_position (CollateProject *self,
                                         const char     *id)
{
  CollateAnnotation *annotation;

  g_return_val_if_fail (COLLATE_IS_PROJECT (self), -1);

  annotation = collate_project_lookup_annotation (self, id);

  return annotation ? annotation_position (self, annotation) : -1;
}

int
collate_project_get_link_position (CollateProject *self,
                                   const char     *id)
{
  GSequenceIter *iter;

  g_return_val_if_fail (COLLATE_IS_PROJECT (self), -1);

  iter = id ? g_hash_table_lookup (self->link_iters, id) : NULL;

  return iter ? g_sequence_iter_get_position (iter) : -1;
}

GPtrArray *
collate_project_get_spans_in_range (CollateProject *self,
                                    const char     *document_id,
                                    guint           start,
                                    guint           end)
{
  GPtrArray *out;
  DocEntry *entry;

  g_return_val_if_fail (COLLATE_IS_PROJECT (self), NULL);

  out = g_ptr_array_new ();
  entry = document_id ? g_hash_table_lookup (self->doc_by_id, document_id) : NULL;
  if (entry != NULL)
    collate_span_index_overlapping (entry->spans, start, end, out);

  return out;
}

GPtrArray *
collate_project_get_spans_at (CollateProject *self,
                              const char     *document_id,
                              guint           offset)
{
  return collate_project_get_spans_in_range (self, document_id, offset, offset + 1);
}

guint
collate_project_get_n_spans_in_document (CollateProject *self,
                                         const char     *document_id)
{
  DocEntry *entry;

  g_return_val_if_fail (COLLATE_IS_PROJECT (self), 0);

  entry = document_id ? g_hash_table_lookup (self->doc_by_id, document_id) : NULL;

  return entry ? collate_span_index_get_size (entry->spans) : 0;
}

static int
link_ptr_compare (gconstpointer a,
                  gconstpointer b)
{
  return collate_id_compare (collate_link_get_id (*(CollateLink **) a),
                             collate_link_get_id (*(CollateLink **) b));
}

GPtrArray *
collate_project_get_links_of (CollateProject *self,
                              const char     *annotation_id)
{
  GPtrArray *out;
  GPtrArray *links;

  g_return_val_if_fail (COLLATE_IS_PROJECT (self), NULL);

  out = g_ptr_array_new ();
  links = annotation_id ? g_hash_table_lookup (self->links_of, annotation_id) : NULL;
  if (links != NULL)
    {
      guint i;

      for (i = 0; i < links->len; i++)
        g_ptr_array_add (out, g_ptr_array_index (links, i));
      g_ptr_array_sort (out, link_ptr_compare);
    }

  return out;
}

/* ── the list models' items ── */

static GType
collate_project_list_get_item_type (GListModel *model)
{
  CollateProjectList *self = (CollateProjectList *) model;

  return self->links ? COLLATE_TYPE_LINK : COLLATE_TYPE_ANNOTATION;
}

static guint
collate_project_list_get_n_items (GListModel *model)
{
  CollateProjectList *self = (CollateProjectList *) model;

  if (self->project == NULL)
    return 0;

  return self->links ? collate_project_get_n_links (self->project)
                     : collate_project_get_n_annotations (self->project);
}

static gpointer
collate_project_list_get_item (GListModel *model,
                               guint       position)
{
  CollateProjectList *self = (CollateProjectList *) model;
  CollateProject *project = self->project;
  guint doc_index, within;

  if (project == NULL)
    return NULL;

  if (self->links)
    {
      GSequenceIter *iter;

      if (position >= (guint) g_sequence_get_length (project->links))
        return NULL;
      iter = g_sequence_get_iter_at_pos (project->links, (int) position);

      return g_object_ref (g_sequence_get (iter));
    }

  if (!span_counts_find (project, position, &doc_index, &within))
    return NULL;
  return g_object_ref (collate_span_index_select (
      ((DocEntry *) g_ptr_array_index (project->doc_entries, doc_index))->spans, within));
}

/* ── applying changes: the one place where the model changes ── */

static void
links_of_add (CollateProject *self,
              const char     *annotation_id,
              CollateLink    *link)
{
  GPtrArray *links = g_hash_table_lookup (self->links_of, annotation_id);

  if (links == NULL)
    {
      links = g_ptr_array_new ();
      g_hash_table_insert (self->links_of, g_strdup (annotation_id), links);
    }
  g_ptr_array_add (links, link);
}

static void
links_of_remove (CollateProject *self,
                 const char     *annotation_id,
                 CollateLink    *link)
{
  GPtrArray *links = g_hash_table_lookup (self->links_of, annotation_id);

  if (links == NULL)
    return;
  g_ptr_array_remove_fast (links, link);
  if (links->len == 0)
    g_hash_table_remove (self->links_of, annotation_id);
}

static void
do_insert_annotation (CollateProject    *self,
                      CollateAnnotation *annotation)
{
  DocEntry *entry = g_hash_table_lookup (self->doc_by_id,
                                         collate_annotation_get_document_id (annotation));
  int position;

  g_assert (entry != NULL);

  collate_span_index_insert (entry->spans, annotation);
  span_counts_add (self, entry->index, 1);
  g_hash_table_insert (self->annotations, (char *) collate_annotation_get_id (annotation),
                       g_object_ref (annotation));

  position = annotation_position (self, annotation);
  g_list_model_items_changed (G_LIST_MODEL (self->annotation_list), (guint) position, 0, 1);
  g_signal_emit (self, signals[ANNOTATION_ADDED], 0, annotation);
}

static void
do_remove_annotation (CollateProject    *self,
                      CollateAnnotation *annotation)
{
  DocEntry *entry = g_hash_table_lookup (self->doc_by_id,
                                         collate_annotation_get_document_id (annotation));
  g_autoptr(CollateAnnotation) hold = g_object_ref (annotation);
  int position = annotation_position (self, annotation);

  g_assert (entry != NULL && position >= 0);

  collate_span_index_remove (entry->spans, annotation);
  span_counts_add (self, entry->index, -1);
  g_hash_table_remove (self->annotations, collate_annotation_get_id (annotation));

  g_list_model_items_changed (G_LIST_MODEL (self->annotation_list), (guint) position, 1, 0);
  g_signal_emit (self, signals[ANNOTATION_REMOVED], 0, hold);
}

static void
do_replace_annotation (CollateProject    *self,
                       CollateAnnotation *old,
                       CollateAnnotation *replacement)
{
  DocEntry *entry = g_hash_table_lookup (self->doc_by_id,
                                         collate_annotation_get_document_id (old));
  g_autoptr(CollateAnnotation) hold = g_object_ref (old);
  int old_position = annotation_position (self, old);
  int new_position;

  g_assert (entry != NULL && old_position >= 0);
  g_assert (g_str_equal (collate_annotation_get_document_id (old),
                         collate_annotation_get_document_id (replacement)));

  collate_span_index_remove (entry->spans, old);
  collate_span_index_insert (entry->spans, replacement);
  g_hash_table_replace (self->annotations, (char *) collate_annotation_get_id (replacement),
                        g_object_ref (replacement));

  new_position = annotation_position (self, replacement);
  if (new_position == old_position)
    g_list_model_items_changed (G_LIST_MODEL (self->annotation_list), (guint) old_position, 1, 1);
  else
    {
      g_list_model_items_changed (G_LIST_MODEL (self->annotation_list), (guint) old_position, 1, 0);
      g_list_model_items_changed (G_LIST_MODEL (self->annotation_list), (guint) new_position, 0, 1);
    }
  g_signal_emit (self, signals[ANNOTATION_CHANGED], 0, hold, replacement);
}

static void
do_insert_link (CollateProject *self,
                CollateLink    *link)
{
  GSequenceIter *iter;

  iter = g_sequence_insert_sorted (self->links, g_object_ref (link), link_compare, NULL);
  g_hash_table_insert (self->link_iters, (char *) collate_link_get_id (link), iter);
  links_of_add (self, collate_link_get_from (link), link);
  if (!g_str_equal (collate_link_get_from (link), collate_link_get_to (link)))
    links_of_add (self, collate_link_get_to (link), link);

  g_list_model_items_changed (G_LIST_MODEL (self->link_list),
                              (guint) g_sequence_iter_get_position (iter), 0, 1);
  g_signal_emit (self, signals[LINK_ADDED], 0, link);
}

static void
do_remove_link (CollateProject *self,
                CollateLink    *link)
{
  GSequenceIter *iter = g_hash_table_lookup (self->link_iters, collate_link_get_id (link));
  g_autoptr(CollateLink) hold = g_object_ref (link);
  guint position;

  g_assert (iter != NULL);

  position = (guint) g_sequence_iter_get_position (iter);
  links_of_remove (self, collate_link_get_from (hold), hold);
  links_of_remove (self, collate_link_get_to (hold), hold);
  g_hash_table_remove (self->link_iters, collate_link_get_id (hold));
  g_sequence_remove (iter);

  g_list_model_items_changed (G_LIST_MODEL (self->link_list), position, 1, 0);
  g_signal_emit (self, signals[LINK_REMOVED], 0, hold);
}

static void
do_replace_link (CollateProject *self,
                 CollateLink    *old,
                 CollateLink    *replacement)
{
  GSequenceIter *iter = g_hash_table_lookup (self->link_iters, collate_link_get_id (old));
  g_autoptr(CollateLink) hold = g_object_ref (old);

  g_assert (iter != NULL);
  g_assert (g_str_equal (collate_link_get_id (old), collate_link_get_id (replacement)));

  links_of_remove (self, collate_link_get_from (old), old);
  links_of_remove (self, collate_link_get_to (old), old);
  g_sequence_set (iter, g_object_ref (replacement));  /* unrefs old */
  g_hash_table_insert (self->link_iters, (char *) collate_link_get_id (replacement), iter);
  links_of_add (self, collate_link_get_from (replacement), replacement);
  if (!g_str_equal (collate_link_get_from (replacement), collate_link_get_to (replacement)))
    links_of_add (self, collate_link_get_to (replacement), replacement);

  g_list_model_items_changed (G_LIST_MODEL (self->link_list),
                              (guint) g_sequence_iter_get_position (iter), 1, 1);
  g_signal_emit (self, signals[LINK_CHANGED], 0, hold, replacement);
}

static DecisionKind
decision_kind_of (gpointer decision)
{
  for (DecisionKind kind = 0; kind < N_DECISION_KINDS; kind++)
    if (G_TYPE_CHECK_INSTANCE_TYPE (decision, decision_kinds[kind].get_type ()))
      return kind;
  g_assert_not_reached ();
}

static int
decision_compare (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  DecisionIdFunc get_id = decision_kinds[GPOINTER_TO_UINT (user_data)].get_id;

  return collate_id_compare (get_id ((gpointer) a), get_id ((gpointer) b));
}

static void
do_insert_decision (CollateProject *self,
                    gpointer        decision)
{
  DecisionKind kind = decision_kind_of (decision);
  DecisionList *list = &self->decisions[kind];

  g_hash_table_insert (list->by_id, (char *) decision_kinds[kind].get_id (decision), decision);
  g_list_store_insert_sorted (list->store, decision, decision_compare, GUINT_TO_POINTER (kind));
  g_signal_emit (self, signals[decision_kinds[kind].added], 0, decision);
}

static void
do_remove_decision (CollateProject *self,
                    gpointer        decision)
{
  DecisionKind kind = decision_kind_of (decision);
  DecisionList *list = &self->decisions[kind];
  g_autoptr(GObject) hold = g_object_ref (decision);
  guint position = 0;

  if (!g_list_store_find (list->store, decision, &position))
    g_assert_not_reached ();
  g_hash_table_remove (list->by_id, decision_kinds[kind].get_id (decision));
  g_list_store_remove (list->store, position);
  g_signal_emit (self, signals[decision_kinds[kind].removed], 0, hold);
}

static void
do_assign_schema (CollateProject *self,
                  CollateSchema  *before,
                  CollateSchema  *after)
{
  collate_schema_assign (self->schema, after);
}

typedef void (*ItemFunc)    (CollateProject *self,
                             gpointer        item);
typedef void (*ReplaceFunc) (CollateProject *self,
                             gpointer        old,
                             gpointer        replacement);

/* How each kind of item is inserted, removed and replaced (NULL where a
 * kind never is) */
static const struct
{
  ItemFunc    insert;
  ItemFunc    remove;
  ReplaceFunc replace;
} item_ops[] = {
  [ITEM_ANNOTATION] = { (ItemFunc) do_insert_annotation, (ItemFunc) do_remove_annotation,
                        (ReplaceFunc) do_replace_annotation },
  [ITEM_LINK] = { (ItemFunc) do_insert_link, (ItemFunc) do_remove_link,
                  (ReplaceFunc) do_replace_link },
  [ITEM_DECISION] = { do_insert_decision, do_remove_decision, NULL },
  [ITEM_DOCUMENT] = { (ItemFunc) do_insert_document, (ItemFunc) do_remove_last_document, NULL },
  [ITEM_SCHEMA] = { NULL, NULL, (ReplaceFunc) do_assign_schema },
};

static void
op_apply (CollateProject *self,
          const Op       *op,
          gboolean        forward)
{
  ItemFunc insert = item_ops[op->item].insert;
  ItemFunc remove = item_ops[op->item].remove;

  switch (op->action)
    {
    case OP_INSERT:
      (forward ? insert : remove) (self, op->object);
      break;
    case OP_REMOVE:
      (forward ? remove : insert) (self, op->object);
      break;
    case OP_REPLACE:
      if (forward)
        item_ops[op->item].replace (self, op->object, op->replacement);
      else
        item_ops[op->item].replace (self, op->replacement, op->object);
      break;
    default:
      g_assert_not_reached ();
    }
}

void
collate_project_begin_group (CollateProject *self,
                             const char     *description)
{
  g_return_if_fail (COLLATE_IS_PROJECT (self));

  if (self->group_depth++ == 0)
    {
      self->pending = g_new0 (Record, 1);
      self->pending->description = g_strdup (description ? description : "");
      self->pending->ops = g_array_new (FALSE, FALSE, sizeof (Op));
    }
}

void
collate_project_end_group (CollateProject *self)
{
  Record *record;

  g_return_if_fail (COLLATE_IS_PROJECT (self));
  g_return_if_fail (self->group_depth > 0);

  if (--self->group_depth > 0)
    return;

  record = g_steal_pointer (&self->pending);
  if (record->ops->len == 0)
    {
      record_free (record);
      return;
    }

  record->serial = self->next_serial++;
  g_queue_push_head (&self->undo, record);
  g_queue_clear_full (&self->redo, (GDestroyNotify) record_free);

  g_signal_emit (self, signals[CHANGED], 0);
  notify_state (self);
}

/* Applies @op now and records it in the open group */
static void
record_op (CollateProject *self,
           OpAction        action,
           ItemKind        item,
           gpointer        object,
           gpointer        replacement)
{
  Op op = { action, item, g_object_ref (object), replacement ? g_object_ref (replacement) : NULL };

  g_assert (self->pending != NULL);

  g_array_append_val (self->pending->ops, op);
  op_apply (self, &op, TRUE);
}

/* ── for collate-project-labels.c ── */

static GHashTable *copy_attributes (CollateAnnotation *annotation);

void
collate_project_record_schema (CollateProject *self,
                               CollateSchema  *after)
{
  g_autoptr(CollateSchema) before = collate_schema_copy (self->schema);
  g_autoptr(CollateSchema) target = collate_schema_copy (after);

  record_op (self, OP_REPLACE, ITEM_SCHEMA, before, target);
}

void
collate_project_record_relabel (CollateProject *self,
                                gpointer        item,
                                const char     *label)
{
  if (COLLATE_IS_ANNOTATION (item))
    {
      CollateAnnotation *old = item;
      g_autoptr(GHashTable) attributes = copy_attributes (old);
      g_autoptr(CollateAnnotation) replacement =
        collate_annotation_new (collate_annotation_get_id (old),
                                collate_annotation_get_document_id (old),
                                collate_annotation_get_start (old),
                                collate_annotation_get_end (old), label,
                                collate_annotation_get_text (old),
                                collate_annotation_get_note (old), attributes,
                                collate_annotation_get_author (old),
                                collate_annotation_get_created (old),
                                collate_annotation_get_modified (old));

      record_op (self, OP_REPLACE, ITEM_ANNOTATION, old, replacement);
    }
  else
    {
      CollateLink *old = item;
      g_autoptr(CollateLink) replacement =
        collate_link_new (collate_link_get_id (old), label,
                          collate_link_get_from (old), collate_link_get_to (old),
                          collate_link_get_note (old), collate_link_get_author (old),
                          collate_link_get_created (old), collate_link_get_modified (old));

      record_op (self, OP_REPLACE, ITEM_LINK, old, replacement);
    }
}

/* ── validation shared by the loader and the changes ── */

static gboolean
check_span (CollateProject  *self,
            const char      *document_id,
            guint            start,
            guint            end,
            const char      *label,
            DocEntry       **entry_out,
            GError         **error)
{
  DocEntry *entry = document_id ? g_hash_table_lookup (self->doc_by_id, document_id) : NULL;
  guint length;

  if (entry == NULL)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND,
                   _("document: there is no document \"%s\" in this project"),
                   document_id ? document_id : "");
      return FALSE;
    }

  length = collate_document_get_length (entry->document);
  if (start >= end)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_RANGE,
                   _("start: %u is not before end (%u); a span covers at least one character"),
                   start, end);
      return FALSE;
    }
  if (end > length)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_RANGE,
                   _("end: %u is past the end of document \"%s\" (%u characters)"),
                   end, document_id, length);
      return FALSE;
    }
  if (label == NULL || collate_schema_lookup (self->schema, COLLATE_LABEL_KIND_SPAN, label) == NULL)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND,
                   _("label: \"%s\" is not a span label of the schema"), label ? label : "");
      return FALSE;
    }

  if (entry_out)
    *entry_out = entry;

  return TRUE;
}

static gboolean
check_link (CollateProject  *self,
            const char      *label,
            const char      *from_id,
            const char      *to_id,
            GError         **error)
{
  if (label == NULL || collate_schema_lookup (self->schema, COLLATE_LABEL_KIND_LINK, label) == NULL)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND,
                   _("label: \"%s\" is not a link label of the schema"), label ? label : "");
      return FALSE;
    }
  if (collate_project_lookup_annotation (self, from_id) == NULL)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND,
                   _("from: there is no annotation \"%s\" in this project"), from_id ? from_id : "");
      return FALSE;
    }
  if (collate_project_lookup_annotation (self, to_id) == NULL)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND,
                   _("to: there is no annotation \"%s\" in this project"), to_id ? to_id : "");
      return FALSE;
    }
  if (g_str_equal (from_id, to_id))
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                   _("to: a link joins two different annotations, but both ends are \"%s\""), from_id);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_new_id (CollateProject  *self,
              const char      *id,
              GError         **error)
{
  if (id == NULL || *id == '\0')
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID, _("id: must not be empty"));
      return FALSE;
    }
  if (id_in_use (self, id))
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_EXISTS,
                   _("id: \"%s\" is already used in this project; ids must be unique"), id);
      return FALSE;
    }

  return TRUE;
}

/**
 * collate_project_insert_annotation:
 *
 * Adds an annotation read from a file or an import, checking it against the
 * project: unique id, known document and label, offsets in range and a
 * quote equal to the text there.  Not recorded for undo.  Error messages
 * start with the offending field ("end: …"), so that a reader can put the
 * path of the record before them.
 */
gboolean
collate_project_insert_annotation (CollateProject     *self,
                                   CollateAnnotation  *annotation,
                                   GError            **error)
{
  DocEntry *entry = NULL;
  const char *id;

  g_return_val_if_fail (COLLATE_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (COLLATE_IS_ANNOTATION (annotation), FALSE);

  id = collate_annotation_get_id (annotation);
  if (!check_new_id (self, id, error))
    return FALSE;
  if (!check_span (self, collate_annotation_get_document_id (annotation),
                   collate_annotation_get_start (annotation),
                   collate_annotation_get_end (annotation),
                   collate_annotation_get_label (annotation), &entry, error))
    return FALSE;

  if (!collate_document_slice_equals (entry->document,
                                      collate_annotation_get_start (annotation),
                                      collate_annotation_get_end (annotation),
                                      collate_annotation_get_text (annotation)))
    {
      g_autofree char *actual = collate_document_dup_slice (entry->document,
                                                            collate_annotation_get_start (annotation),
                                                            collate_annotation_get_end (annotation));
      g_autofree char *want = g_utf8_make_valid (collate_annotation_get_text (annotation), -1);
      g_autofree char *a = collate_text_guess_title (actual, 60);
      g_autofree char *w = collate_text_guess_title (want, 60);

      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                   _("text: the quote \"%s\" differs from the document's text at %u–%u, \"%s\""),
                   *want ? w : "", collate_annotation_get_start (annotation),
                   collate_annotation_get_end (annotation), *actual ? a : "");
      return FALSE;
    }

  observe_id (self, id);
  do_insert_annotation (self, annotation);

  return TRUE;
}

gboolean
collate_project_insert_link (CollateProject  *self,
                             CollateLink     *link,
                             GError         **error)
{
  const char *id;

  g_return_val_if_fail (COLLATE_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (COLLATE_IS_LINK (link), FALSE);

  id = collate_link_get_id (link);
  if (!check_new_id (self, id, error))
    return FALSE;
  if (!check_link (self, collate_link_get_label (link), collate_link_get_from (link),
                   collate_link_get_to (link), error))
    return FALSE;

  observe_id (self, id);
  do_insert_link (self, link);

  return TRUE;
}

/* ── changes ── */

static gboolean
lookup_for_change (CollateProject     *self,
                   const char         *id,
                   CollateAnnotation **out,
                   GError            **error)
{
  *out = collate_project_lookup_annotation (self, id);
  if (*out == NULL)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND,
                   _("there is no annotation \"%s\" in this project"), id ? id : "");
      return FALSE;
    }

  return TRUE;
}

static gboolean
lookup_link_for_change (CollateProject  *self,
                        const char      *id,
                        CollateLink    **out,
                        GError         **error)
{
  *out = collate_project_lookup_link (self, id);
  if (*out == NULL)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND,
                   _("there is no link \"%s\" in this project"), id ? id : "");
      return FALSE;
    }

  return TRUE;
}

/**
 * collate_project_add_span:
 *
 * Tags [@start, @end) of a document with @label.  Refuses a span that
 * repeats one already there (same offsets, same label).
 *
 * Returns: (transfer none) (nullable): the new annotation
 */
CollateAnnotation *
collate_project_add_span (CollateProject  *self,
                          const char      *document_id,
                          guint            start,
                          guint            end,
                          const char      *label,
                          GError         **error)
{
  g_autoptr(CollateAnnotation) annotation = NULL;
  g_autoptr(GPtrArray) same = NULL;
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  g_autofree char *now = NULL;
  g_autofree char *description = NULL;
  DocEntry *entry = NULL;
  guint i;

  g_return_val_if_fail (COLLATE_IS_PROJECT (self), NULL);

  if (!check_span (self, document_id, start, end, label, &entry, error))
    return NULL;

  same = collate_project_get_spans_at (self, document_id, start);
  for (i = 0; i < same->len; i++)
    {
      CollateAnnotation *other = g_ptr_array_index (same, i);

      if (collate_annotation_get_start (other) == start &&
          collate_annotation_get_end (other) == end &&
          g_str_equal (collate_annotation_get_label (other), label))
        {
          g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_EXISTS,
                       _("this text is already tagged %s (annotation \"%s\")"),
                       label, collate_annotation_get_id (other));
          return NULL;
        }
    }

  id = make_id (self, "a");
  text = collate_document_dup_slice (entry->document, start, end);
  now = self->clock (self->clock_data);
  annotation = collate_annotation_new (id, document_id, start, end, label, text, "", NULL,
                                       self->author, now, now);

  /* Translators: an undo step, e.g. "Add Claim" */
  description = g_strdup_printf (_("Add %s"), label);
  collate_project_begin_group (self, description);
  record_op (self, OP_INSERT, ITEM_ANNOTATION, annotation, NULL);
  collate_project_end_group (self);

  return annotation;  /* the project holds a reference */
}

gboolean
collate_project_remove_annotation (CollateProject  *self,
                                   const char      *id,
                                   GError         **error)
{
  g_autoptr(GPtrArray) links = NULL;
  g_autofree char *description = NULL;
  CollateAnnotation *annotation;
  guint i;

  g_return_val_if_fail (COLLATE_IS_PROJECT (self), FALSE);

  if (!lookup_for_change (self, id, &annotation, error))
    return FALSE;

  description = g_strdup_printf (_("Remove %s"), collate_annotation_get_label (annotation));
  collate_project_begin_group (self, description);
  links = collate_project_get_links_of (self, id);
  for (i = 0; i < links->len; i++)
    record_op (self, OP_REMOVE, ITEM_LINK, g_ptr_array_index (links, i), NULL);
  record_op (self, OP_REMOVE, ITEM_ANNOTATION, annotation, NULL);
  collate_project_end_group (self);

  return TRUE;
}

static GHashTable *
copy_attributes (CollateAnnotation *annotation)
{
  g_autofree const char **keys = collate_annotation_get_attribute_keys (annotation);
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  guint i;

  for (i = 0; keys[i]; i++)
    g_hash_table_insert (table, g_strdup (keys[i]),
                         g_strdup (collate_annotation_get_attribute (annotation, keys[i])));

  return table;
}

static void
replace_annotation (CollateProject    *self,
                    CollateAnnotation *old,
                    guint              start,
                    guint              end,
                    const char        *text,
                    const char        *label,
                    const char        *note,
                    GHashTable        *attributes,
                    const char        *description)
{
  g_autoptr(CollateAnnotation) replacement = NULL;
  g_autofree char *now = self->clock (self->clock_data);

  replacement = collate_annotation_new (collate_annotation_get_id (old),
                                        collate_annotation_get_document_id (old),
                                        start, end, label, text, note,
                                        attributes, collate_annotation_get_author (old),
                                        collate_annotation_get_created (old), now);

  collate_project_begin_group (self, description);
  record_op (self, OP_REPLACE, ITEM_ANNOTATION, old, replacement);
  collate_project_end_group (self);
}

gboolean
collate_project_set_annotation_label (CollateProject  *self,
                                      const char      *id,
                                      const char      *label,
                                      GError         **error)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *description = NULL;
  CollateAnnotation *annotation;

  g_return_val_if_fail (COLLATE_IS_PROJECT (self), FALSE);

  if (!lookup_for_change (self, id, &annotation, error))
    return FALSE;
  if (label == NULL || collate_schema_lookup (self->schema, COLLATE_LABEL_KIND_SPAN, label) == NULL)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND,
                   _("\"%s\" is not a span label of the schema"), label ? label : "");
      return FALSE;
    }
  if (g_str_equal (label, collate_annotation_get_label (annotation)))
    return TRUE;

  attributes = copy_attributes (annotation);
  description = g_strdup_printf (_("Relabel as %s"), label);
  replace_annotation (self, annotation, collate_annotation_get_start (annotation),
                      collate_annotation_get_end (annotation), collate_annotation_get_text (annotation),
                      label, collate_annotation_get_note (annotation),
                      attributes, description);

  return TRUE;
}

/**
 * collate_project_set_annotation_range:
 *
 * Moves the edges of a span to [@start, @end), keeping its id, label,
 * note, attributes, author, creation time and links; the quote follows.
 * Refuses a range that is empty, past the end of the document, or that
 * another span of the same label already covers exactly.
 */
gboolean
collate_project_set_annotation_range (CollateProject  *self,
                                      const char      *id,
                                      guint            start,
                                      guint            end,
                                      GError         **error)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(GPtrArray) same = NULL;
  g_autofree char *text = NULL;
  CollateAnnotation *annotation;
  DocEntry *entry = NULL;
  const char *label;
  const char *document_id;

  g_return_val_if_fail (COLLATE_IS_PROJECT (self), FALSE);

  if (!lookup_for_change (self, id, &annotation, error))
    return FALSE;
  label = collate_annotation_get_label (annotation);
  document_id = collate_annotation_get_document_id (annotation);
  if (!check_span (self, document_id, start, end, label, &entry, error))
    return FALSE;
  if (start == collate_annotation_get_start (annotation) &&
      end == collate_annotation_get_end (annotation))
    return TRUE;

  same = collate_project_get_spans_at (self, document_id, start);
  for (guint i = 0; i < same->len; i++)
    {
      CollateAnnotation *other = g_ptr_array_index (same, i);

      if (other != annotation &&
          collate_annotation_get_start (other) == start &&
          collate_annotation_get_end (other) == end &&
          g_str_equal (collate_annotation_get_label (other), label))
        {
          g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_EXISTS,
                       _("this text is already tagged %s by another span"), label);
          return FALSE;
        }
    }

  text = collate_document_dup_slice (entry->document, start, end);
  attributes = copy_attributes (annotation);
  replace_annotation (self, annotation, start, end, text, label,
                      collate_annotation_get_note (annotation), attributes,
                      _("Move Span Edges"));
  return TRUE;
}

gboolean
collate_project_set_annotation_note (CollateProject  *self,
                                     const char      *id,
                                     const char      *note,
                                     GError         **error)
{
  g_autoptr(GHashTable) attributes = NULL;
  CollateAnnotation *annotation;

  g_return_val_if_fail (COLLATE_IS_PROJECT (self), FALSE);

  if (!lookup_for_change (self, id, &annotation, error))
    return FALSE;
  if (note == NULL)
    note = "";
  if (!g_utf8_validate (note, -1, NULL))
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_ENCODING, _("the note is not valid UTF-8"));
      return FALSE;
    }
  if (g_str_equal (note, collate_annotation_get_note (annotation)))
    return TRUE;

  attributes = copy_attributes (annotation);
  replace_annotation (self, annotation, collate_annotation_get_start (annotation),
                      collate_annotation_get_end (annotation), collate_annotation_get_text (annotation),
                      collate_annotation_get_label (annotation), note,
                      attributes, _("Edit Note"));

  return TRUE;
}

gboolean
collate_project_set_annotation_attribute (CollateProject  *self,
                                          const char      *id,
                                          const char      *key,
                                          const char      *value,
                                          GError         **error)
{
  g_autoptr(GHashTable) attributes = NULL;
  CollateAnnotation *annotation;
  const char *old_value;

  g_return_val_if_fail (COLLATE_IS_PROJECT (self), FALSE);

  if (!lookup_for_change (self, id, &annotation, error))
    return FALSE;
  if (key == NULL || *key == '\0' || !g_utf8_validate (key, -1, NULL) ||
      (value != NULL && !g_utf8_validate (value, -1, NULL)))
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                   _("an attribute needs a non-empty name, and name and value must be UTF-8 text"));
      return FALSE;
    }

  old_value = collate_annotation_get_attribute (annotation, key);
  if (g_strcmp0 (old_value, value) == 0)
    return TRUE;

  attributes = copy_attributes (annotation);
  if (value == NULL)
    g_hash_table_remove (attributes, key);
  else
    g_hash_table_insert (attributes, g_strdup (key), g_strdup (value));

  replace_annotation (self, annotation, collate_annotation_get_start (annotation),
                      collate_annotation_get_end (annotation), collate_annotation_get_text (annotation),
                      collate_annotation_get_label (annotation),
                      collate_annotation_get_note (annotation), attributes,
                      value ? _("Set Attribute") : _("Remove Attribute"));

  return TRUE;
}

/**
 * collate_project_add_link:
 *
 * Returns: (transfer none) (nullable): the new link
 */
CollateLink *
collate_project_add_link (CollateProject  *self,
                          const char      *label,
                          const char      *from_id,
                          const char      *to_id,
                          GError         **error)
{
  g_autoptr(CollateLink) link = NULL;
  g_autoptr(GPtrArray) existing = NULL;
  g_autofree char *id = NULL;
  g_autofree char *now = NULL;
  g_autofree char *description = NULL;
  guint i;

  g_return_val_if_fail (COLLATE_IS_PROJECT (self), NULL);

  if (!check_link (self, label, from_id, to_id, error))
    return NULL;

  existing = collate_project_get_links_of (self, from_id);
  for (i = 0; i < existing->len; i++)
    {
      CollateLink *other = g_ptr_array_index (existing, i);

      if (g_str_equal (collate_link_get_label (other), label) &&
          ((g_str_equal (collate_link_get_from (other), from_id) &&
            g_str_equal (collate_link_get_to (other), to_id)) ||
           (g_str_equal (collate_link_get_from (other), to_id) &&
            g_str_equal (collate_link_get_to (other), from_id))))
        {
          g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_EXISTS,
                       _("these two spans are already linked as %s (link \"%s\")"),
                       label, collate_link_get_id (other));
          return NULL;
        }
    }

  id = make_id (self, "l");
  now = self->clock (self->clock_data);
  link = collate_link_new (id, label, from_id, to_id, "", self->author, now, now);

  description = g_strdup_printf (_("Link as %s"), label);
  collate_project_begin_group (self, description);
  record_op (self, OP_INSERT, ITEM_LINK, link, NULL);
  collate_project_end_group (self);

  return link;  /* the project holds a reference */
}

gboolean
collate_project_remove_link (CollateProject  *self,
                             const char      *id,
                             GError         **error)
{
  CollateLink *link;

  g_return_val_if_fail (COLLATE_IS_PROJECT (self), FALSE);

  if (!lookup_link_for_change (self, id, &link, error))
    return FALSE;

  collate_project_begin_group (self, _("Remove Link"));
  record_op (self, OP_REMOVE, ITEM_LINK, link, NULL);
  collate_project_end_group (self);

  return TRUE;
}

static void
replace_link (CollateProject *self,
              CollateLink    *old,
              const char     *label,
              const char     *note,
              const char     *description)
{
  g_autoptr(CollateLink) replacement = NULL;
  g_autofree char *now = self->clock (self->clock_data);

  replacement = collate_link_new_with_attributes (collate_link_get_id (old), label,
                                                  collate_link_get_from (old), collate_link_get_to (old),
                                                  note, collate_link_get_attributes (old),
                                                  collate_link_get_author (old),
                                                  collate_link_get_created (old), now);

  collate_project_begin_group (self, description);
  record_op (self, OP_REPLACE, ITEM_LINK, old, replacement);
  collate_project_end_group (self);
}

gboolean
collate_project_set_link_label (CollateProject  *self,
                                const char      *id,
                                const char      *label,
                                GError         **error)
{
  g_autofree char *description = NULL;
  CollateLink *link;

  g_return_val_if_fail (COLLATE_IS_PROJECT (self), FALSE);

  if (!lookup_link_for_change (self, id, &link, error))
    return FALSE;
  if (label == NULL || collate_schema_lookup (self->schema, COLLATE_LABEL_KIND_LINK, label) == NULL)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND,
                   _("\"%s\" is not a link label of the schema"), label ? label : "");
      return FALSE;
    }
  if (g_str_equal (label, collate_link_get_label (link)))
    return TRUE;

  description = g_strdup_printf (_("Relabel Link as %s"), label);
  replace_link (self, link, label, collate_link_get_note (link), description);

  return TRUE;
}

gboolean
collate_project_set_link_note (CollateProject  *self,
                               const char      *id,
                               const char      *note,
                               GError         **error)
{
  CollateLink *link;

  g_return_val_if_fail (COLLATE_IS_PROJECT (self), FALSE);

  if (!lookup_link_for_change (self, id, &link, error))
    return FALSE;
  if (note == NULL)
    note = "";
  if (!g_utf8_validate (note, -1, NULL))
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_ENCODING, _("the note is not valid UTF-8"));
      return FALSE;
    }
  if (g_str_equal (note, collate_link_get_note (link)))
    return TRUE;

  replace_link (self, link, collate_link_get_label (link), note, _("Edit Link Note"));

  return TRUE;
}

/* ── undo and redo ── */

gboolean
collate_project_can_undo (CollateProject *self)
{
  g_return_val_if_fail (COLLATE_IS_PROJECT (self), FALSE);
  return self->undo.length > 0 && self->group_depth == 0;
}

gboolean
collate_project_can_redo (CollateProject *self)
{
  g_return_val_if_fail (COLLATE_IS_PROJECT (self), FALSE);
  return self->redo.length > 0 && self->group_depth == 0;
}

const char *
collate_project_get_undo_description (CollateProject *self)
{
  Record *record;

  g_return_val_if_fail (COLLATE_IS_PROJECT (self), NULL);

  record = g_queue_peek_head (&self->undo);

  return record ? record->description : NULL;
}

const char *
collate_project_get_redo_description (CollateProject *self)
{
  Record *record;

  g_return_val_if_fail (COLLATE_IS_PROJECT (self), NULL);

  record = g_queue_peek_head (&self->redo);

  return record ? record->description : NULL;
}

gboolean
collate_project_undo (CollateProject *self)
{
  Record *record;
  guint i;

  g_return_val_if_fail (COLLATE_IS_PROJECT (self), FALSE);

  if (!collate_project_can_undo (self))
    return FALSE;

  record = g_queue_pop_head (&self->undo);
  for (i = record->ops->len; i > 0; i--)
    op_apply (self, &g_array_index (record->ops, Op, i - 1), FALSE);
  g_queue_push_head (&self->redo, record);

  g_signal_emit (self, signals[CHANGED], 0);
  notify_state (self);

  return TRUE;
}

gboolean
collate_project_redo (CollateProject *self)
{
  Record *record;
  guint i;

  g_return_val_if_fail (COLLATE_IS_PROJECT (self), FALSE);

  if (!collate_project_can_redo (self))
    return FALSE;

  record = g_queue_pop_head (&self->redo);
  for (i = 0; i < record->ops->len; i++)
    op_apply (self, &g_array_index (record->ops, Op, i), TRUE);
  g_queue_push_head (&self->undo, record);

  g_signal_emit (self, signals[CHANGED], 0);
  notify_state (self);

  return TRUE;
}

guint64
collate_project_get_state (CollateProject *self)
{
  Record *record;

  g_return_val_if_fail (COLLATE_IS_PROJECT (self), 0);

  record = g_queue_peek_head (&self->undo);

  return record ? record->serial : 0;
}

gboolean
collate_project_get_modified (CollateProject *self)
{
  g_return_val_if_fail (COLLATE_IS_PROJECT (self), FALSE);

  return self->forced_modified || collate_project_get_state (self) != self->saved_state;
}

void
collate_project_mark_saved (CollateProject *self,
                            guint64         state)
{
  g_return_if_fail (COLLATE_IS_PROJECT (self));

  self->saved_state = state;
  self->forced_modified = FALSE;
  notify_state (self);
}

void
collate_project_set_modified (CollateProject *self,
                              gboolean        modified)
{
  g_return_if_fail (COLLATE_IS_PROJECT (self));

  if (modified)
    {
      self->forced_modified = TRUE;
      notify_state (self);
    }
  else
    collate_project_mark_saved (self, collate_project_get_state (self));
}

/* ── Decisions on suggestions ── */

GListModel *
collate_project_get_reviews (CollateProject *self)
{
  g_return_val_if_fail (COLLATE_IS_PROJECT (self), NULL);
  return G_LIST_MODEL (self->decisions[DECISION_REVIEW].store);
}

guint
collate_project_get_n_reviews (CollateProject *self)
{
  g_return_val_if_fail (COLLATE_IS_PROJECT (self), 0);
  return g_hash_table_size (self->decisions[DECISION_REVIEW].by_id);
}

CollateReview *
collate_project_lookup_review (CollateProject *self,
                               const char     *id)
{
  g_return_val_if_fail (COLLATE_IS_PROJECT (self), NULL);
  return id ? g_hash_table_lookup (self->decisions[DECISION_REVIEW].by_id, id) : NULL;
}

/* A range of a document and its quote; @field ("" or "sides[0]." …) starts
 * the messages */
static gboolean
check_quoted_range (CollateProject *self,
                    const char     *field,
                    const char     *document_id,
                    guint           start,
                    guint           end,
                    const char     *text,
                    GError        **error)
{
  DocEntry *entry = document_id ? g_hash_table_lookup (self->doc_by_id, document_id) : NULL;
  guint length;

  if (entry == NULL)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND,
                   _("%sdocument: there is no document \"%s\" in this project"),
                   field, document_id ? document_id : "");
      return FALSE;
    }
  length = collate_document_get_length (entry->document);
  if (start >= end)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_RANGE,
                   _("%sstart: %u is not before end (%u)"), field, start, end);
      return FALSE;
    }
  if (end > length)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_RANGE,
                   _("%send: %u is past the end of document \"%s\" (%u characters)"),
                   field, end, document_id, length);
      return FALSE;
    }
  if (text == NULL || !collate_document_slice_equals (entry->document, start, end, text))
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                   _("%stext: the quote differs from the document's text at %u–%u"),
                   field, start, end);
      return FALSE;
    }
  return TRUE;
}

/* The sides of a review: known documents, ranges in them, quotes equal to
 * the text there.  Messages start with the field, as the loader wants. */
static gboolean
check_review (CollateProject       *self,
              CollateReviewDecision decision,
              const char           *kind,
              const CollateReviewSide sides[2],
              GError              **error)
{
  if (decision != COLLATE_REVIEW_ACCEPTED && decision != COLLATE_REVIEW_REJECTED)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                   _("decision: must be \"accepted\" or \"rejected\""));
      return FALSE;
    }
  if (kind == NULL || *kind == '\0')
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID, _("kind: must not be empty"));
      return FALSE;
    }
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *field = g_strdup_printf ("sides[%u].", i);

      if (!check_quoted_range (self, field, sides[i].document_id, sides[i].start, sides[i].end,
                               sides[i].text, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * collate_project_insert_review:
 *
 * Adds a review read from a file, checked like an annotation (unique id,
 * known documents, ranges and quotes).  Not recorded for undo.
 */
gboolean
collate_project_insert_review (CollateProject *self,
                               CollateReview  *review,
                               GError        **error)
{
  const CollateReviewSide sides[2] = {
    *collate_review_get_side (review, 0), *collate_review_get_side (review, 1)
  };

  g_return_val_if_fail (COLLATE_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (COLLATE_IS_REVIEW (review), FALSE);

  if (!check_new_id (self, collate_review_get_id (review), error)
      || !check_review (self, collate_review_get_decision (review),
                        collate_review_get_kind (review), sides, error))
    return FALSE;

  observe_id (self, collate_review_get_id (review));
  do_insert_decision (self, review);

  return TRUE;
}

CollateReview *
collate_project_add_review (CollateProject         *self,
                            CollateReviewDecision   decision,
                            const char             *kind,
                            double                  confidence,
                            const char             *reason,
                            const char             *link_label,
                            const CollateReviewSide sides[2],
                            GError                **error)
{
  g_autoptr(CollateReview) review = NULL;
  g_autofree char *id = NULL;
  g_autofree char *now = NULL;

  g_return_val_if_fail (COLLATE_IS_PROJECT (self), NULL);
  g_return_val_if_fail (sides != NULL, NULL);

  if (!check_review (self, decision, kind, sides, error))
    return NULL;

  id = make_id (self, "r");
  now = self->clock (self->clock_data);
  review = collate_review_new (id, decision, kind, confidence, reason, link_label, sides,
                               self->author, now);

  collate_project_begin_group (self, decision == COLLATE_REVIEW_ACCEPTED
                                     ? _("Accept Suggestion") : _("Reject Suggestion"));
  record_op (self, OP_INSERT, ITEM_DECISION, review, NULL);
  collate_project_end_group (self);

  return review;  /* the project holds a reference */
}

gboolean
collate_project_remove_review (CollateProject  *self,
                               const char      *id,
                               GError         **error)
{
  CollateReview *review;

  g_return_val_if_fail (COLLATE_IS_PROJECT (self), FALSE);

  review = collate_project_lookup_review (self, id);
  if (review == NULL)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND,
                   _("there is no review \"%s\" in this project"), id ? id : "");
      return FALSE;
    }

  collate_project_begin_group (self, _("Forget Decision"));
  record_op (self, OP_REMOVE, ITEM_DECISION, review, NULL);
  collate_project_end_group (self);

  return TRUE;
}

/* ── Curators' decisions on annotators' disagreements ── */

GListModel *
collate_project_get_curations (CollateProject *self)
{
  g_return_val_if_fail (COLLATE_IS_PROJECT (self), NULL);
  return G_LIST_MODEL (self->decisions[DECISION_CURATION].store);
}

guint
collate_project_get_n_curations (CollateProject *self)
{
  g_return_val_if_fail (COLLATE_IS_PROJECT (self), 0);
  return g_hash_table_size (self->decisions[DECISION_CURATION].by_id);
}

CollateCuration *
collate_project_lookup_curation (CollateProject *self,
                                 const char     *id)
{
  g_return_val_if_fail (COLLATE_IS_PROJECT (self), NULL);
  return id ? g_hash_table_lookup (self->decisions[DECISION_CURATION].by_id, id) : NULL;
}

/* A link curation's other end and versions: each a link label of the
 * schema, starting from one of the two ends (the other when reversed),
 * with at least one annotator */
static gboolean
check_link_curation (CollateProject  *self,
                     CollateCuration *curation,
                     GError         **error)
{
  const char *link_document_id = collate_curation_get_link_document_id (curation);

  if (g_hash_table_lookup (self->doc_by_id, link_document_id) == NULL)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND,
                   _("link_end.document: there is no document \"%s\" in this project"), link_document_id);
      return FALSE;
    }
  if (!check_quoted_range (self, "link_end.", link_document_id,
                           collate_curation_get_link_start (curation), collate_curation_get_link_end (curation),
                           collate_curation_get_link_text (curation), error))
    return FALSE;
  for (guint i = 0; i < collate_curation_get_n_versions (curation); i++)
    {
      const CollateCurationVersion *v = collate_curation_get_version (curation, i);
      guint start = v->reversed ? collate_curation_get_link_start (curation) : collate_curation_get_start (curation);
      guint end = v->reversed ? collate_curation_get_link_end (curation) : collate_curation_get_end (curation);
      const char *text = v->reversed ? collate_curation_get_link_text (curation) : collate_curation_get_text (curation);

      if (v->start != start || v->end != end || g_strcmp0 (v->text, text) != 0)
        {
          g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                       _("versions[%u]: %u–%u is not the end the link starts from (%u–%u, %s)"),
                       i, v->start, v->end, start, end,
                       v->reversed ? _("link_end, as the version is reversed") : _("the curation's own range"));
          return FALSE;
        }
      if (collate_schema_lookup (self->schema, COLLATE_LABEL_KIND_LINK, v->label) == NULL)
        {
          g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND,
                       _("versions[%u].label: \"%s\" is not a link label of the schema"), i, v->label);
          return FALSE;
        }
      if (v->annotators == NULL || v->annotators[0] == NULL)
        {
          g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                       _("versions[%u].annotators: names nobody; a version has at least one annotator"), i);
          return FALSE;
        }
    }
  return TRUE;
}

/* A curation: a known document, its range and quote; a known choice with
 * as many chosen annotators as it needs; versions inside the range, with
 * their quotes, labels of the schema and at least one annotator each */
static gboolean
check_curation (CollateProject  *self,
                CollateCuration *curation,
                GError         **error)
{
  const char *document_id = collate_curation_get_document_id (curation);
  guint start = collate_curation_get_start (curation);
  guint end = collate_curation_get_end (curation);
  const char *choice = collate_curation_get_choice (curation);
  guint n_chosen = g_strv_length ((GStrv) collate_curation_get_chosen (curation));
  guint n_versions = collate_curation_get_n_versions (curation);

  if (!check_quoted_range (self, "", document_id, start, end,
                           collate_curation_get_text (curation), error))
    return FALSE;
  if (!collate_curation_choice_is_valid (choice))
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                   _("choice: must be \"one\", \"all\" or \"none\""));
      return FALSE;
    }
  if ((g_str_equal (choice, COLLATE_CURATION_CHOICE_ONE) && n_chosen != 1)
      || (g_str_equal (choice, COLLATE_CURATION_CHOICE_NONE) && n_chosen != 0))
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                   _("chosen: holds %u annotators; the choice \"%s\" needs %s"), n_chosen, choice,
                   g_str_equal (choice, COLLATE_CURATION_CHOICE_ONE) ? _("one") : _("none"));
      return FALSE;
    }
  if (n_versions == 0)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                   _("versions: a curation settles at least one span"));
      return FALSE;
    }
  if (collate_curation_is_link (curation))
    return check_link_curation (self, curation, error);
  for (guint i = 0; i < n_versions; i++)
    {
      const CollateCurationVersion *v = collate_curation_get_version (curation, i);
      g_autofree char *field = g_strdup_printf ("versions[%u].", i);

      if (v->reversed)
        {
          g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                       _("versions[%u].reversed: only a curation of links (with link_end) has reversed versions"), i);
          return FALSE;
        }
      if (!check_quoted_range (self, field, document_id, v->start, v->end, v->text, error))
        return FALSE;
      if (v->start < start || v->end > end)
        {
          g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_RANGE,
                       _("versions[%u]: %u–%u is outside the curation's range %u–%u"),
                       i, v->start, v->end, start, end);
          return FALSE;
        }
      if (collate_schema_lookup (self->schema, COLLATE_LABEL_KIND_SPAN, v->label) == NULL)
        {
          g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND,
                       _("versions[%u].label: \"%s\" is not a span label of the schema"), i, v->label);
          return FALSE;
        }
      if (v->annotators == NULL || v->annotators[0] == NULL)
        {
          g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                       _("versions[%u].annotators: names nobody; a version has at least one annotator"), i);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
collate_project_insert_curation (CollateProject  *self,
                                 CollateCuration *curation,
                                 GError         **error)
{
  g_return_val_if_fail (COLLATE_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (COLLATE_IS_CURATION (curation), FALSE);

  if (!check_new_id (self, collate_curation_get_id (curation), error)
      || !check_curation (self, curation, error))
    return FALSE;

  observe_id (self, collate_curation_get_id (curation));
  do_insert_decision (self, curation);
  return TRUE;
}

/* The quote of [@start, @end) in a known document, else NULL (the check
 * then reports the range) */
static char *
dup_quote (CollateProject *self,
           const char     *document_id,
           guint           start,
           guint           end)
{
  DocEntry *entry = document_id ? g_hash_table_lookup (self->doc_by_id, document_id) : NULL;

  if (entry != NULL && start < end && end <= collate_document_get_length (entry->document))
    return collate_document_dup_slice (entry->document, start, end);
  return NULL;
}

/* Checks a curation made here and records it as one undo step; takes
 * @curation, and returns it held by the project, or NULL */
static CollateCuration *
record_curation (CollateProject  *self,
                 CollateCuration *curation,
                 GError         **error)
{
  g_autoptr(CollateCuration) owned = curation;

  if (!check_curation (self, owned, error))
    return NULL;

  collate_project_begin_group (self, _("Curate"));
  record_op (self, OP_INSERT, ITEM_DECISION, owned, NULL);
  collate_project_end_group (self);

  return owned;  /* the project holds a reference */
}

CollateCuration *
collate_project_add_curation (CollateProject               *self,
                              const char                   *document_id,
                              guint                         start,
                              guint                         end,
                              const char                   *choice,
                              const char *const            *chosen,
                              const CollateCurationVersion *versions,
                              guint                         n_versions,
                              GError                      **error)
{
  g_autofree char *id = NULL;
  g_autofree char *now = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (COLLATE_IS_PROJECT (self), NULL);

  text = dup_quote (self, document_id, start, end);
  id = make_id (self, "c");
  now = self->clock (self->clock_data);
  return record_curation (self,
                          collate_curation_new (id, document_id, start, end, text, choice, chosen,
                                                versions, n_versions, self->author, now),
                          error);
}

CollateCuration *
collate_project_add_link_curation (CollateProject               *self,
                                   const char                   *document_id,
                                   guint                         start,
                                   guint                         end,
                                   const char                   *link_document_id,
                                   guint                         link_start,
                                   guint                         link_end,
                                   const char                   *choice,
                                   const char *const            *chosen,
                                   const CollateCurationVersion *versions,
                                   guint                         n_versions,
                                   GError                      **error)
{
  g_autofree char *id = NULL;
  g_autofree char *now = NULL;
  g_autofree char *text = NULL;
  g_autofree char *link_text = NULL;

  g_return_val_if_fail (COLLATE_IS_PROJECT (self), NULL);

  text = dup_quote (self, document_id, start, end);
  link_text = dup_quote (self, link_document_id, link_start, link_end);
  id = make_id (self, "c");
  now = self->clock (self->clock_data);
  return record_curation (self,
                          collate_curation_new_for_links (id, document_id, start, end, text,
                                                          link_document_id, link_start, link_end,
                                                          link_text, choice, chosen, versions,
                                                          n_versions, self->author, now),
                          error);
}
