/* collate-merge.c — three-way merge of a project's versions, by ids
 *
 * The three versions are written as the file format (collate_project_to_bytes,
 * deterministic), merged member by member as JSON, and the result read back
 * through the loader, which checks everything a file is checked for.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "collate-error.h"
#include "collate-project-io.h"
#include "collate-agreement.h"
#include "collate-merge.h"

typedef struct
{
  JsonObject *root[3];          /* base, ours, theirs */
  GPtrArray  *conflicts;
  guint64     next_id;
  GHashTable *taken_ids;        /* every id in the result so far */
  GHashTable *renamed;          /* theirs' annotation id → new id */
} Merge;

enum { BASE, OURS, THEIRS };

static JsonObject *
as_json (CollateProject *project,
         JsonParser     *parser,
         GError        **error)
{
  g_autoptr(GBytes) bytes = collate_project_to_bytes (project);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (!json_parser_load_from_data (parser, data, size, error))
    return NULL;
  return json_node_get_object (json_parser_get_root (parser));
}

static gboolean
same_node (JsonNode *a,
           JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return json_node_equal (a, b);
}

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

/* id → element of @member's array in @root */
static GHashTable *
by_id (JsonObject *root,
       const char *member)
{
  GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array = json_object_has_member (root, member) ? json_object_get_array_member (root, member) : NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      g_hash_table_insert (table, (gpointer) json_object_get_string_member (json_node_get_object (node), "id"), node);
    }
  return table;
}

/* Ids of @member in all three, base's order, then ours', then theirs' */
static GPtrArray *
all_ids (Merge      *merge,
         const char *member)
{
  GPtrArray *ids = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint side = 0; side < 3; side++)
    {
      JsonObject *root = merge->root[side];
      JsonArray *array = json_object_has_member (root, member) ? json_object_get_array_member (root, member) : NULL;

      for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
        {
          const char *id = json_object_get_string_member (json_array_get_object_element (array, i), "id");

          if (g_hash_table_add (seen, (gpointer) id))
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

static JsonNode *
copy_with_id (JsonNode   *node,
              const char *id)
{
  JsonNode *copy = json_node_copy (node);

  json_object_set_string_member (json_node_get_object (copy), "id", id);
  return copy;
}

/* Links taken from theirs follow their spans' new ids */
static JsonNode *
renamed_ends (Merge    *merge,
              JsonNode *node,
              gboolean  from_theirs)
{
  JsonNode *copy = json_node_copy (node);
  JsonObject *link = json_node_get_object (copy);

  if (from_theirs)
    for (guint k = 0; k < 2; k++)
      {
        const char *end = k == 0 ? "from" : "to";
        const char *renamed = g_hash_table_lookup (merge->renamed, json_object_get_string_member (link, end));

        if (renamed != NULL)
          json_object_set_string_member (link, end, renamed);
      }
  return copy;
}

/*
 * Three-way merge of the array @member by id into a new array.  @kind names
 * the things in conflicts ("span"), @prefix is that of fresh ids.
 */
static JsonArray *
merge_array (Merge      *merge,
             const char *member,
             const char *kind,
             const char *prefix,
             gboolean    links)
{
  g_autoptr(GHashTable) base = by_id (merge->root[BASE], member);
  g_autoptr(GHashTable) ours = by_id (merge->root[OURS], member);
  g_autoptr(GHashTable) theirs = by_id (merge->root[THEIRS], member);
  g_autoptr(GPtrArray) ids = all_ids (merge, member);
  JsonArray *result = json_array_new ();
  g_autoptr(GPtrArray) later = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      JsonNode *o = g_hash_table_lookup (base, id);
      JsonNode *a = g_hash_table_lookup (ours, id);
      JsonNode *b = g_hash_table_lookup (theirs, id);
      JsonNode *take = NULL;
      gboolean from_theirs = FALSE;

      if (o != NULL)
        {
          if (a != NULL && b != NULL)
            {
              if (same_node (a, o) || same_node (a, b))
                take = b, from_theirs = !same_node (a, b);
              else if (same_node (b, o))
                take = a;
              else
                {
                  take = a;
                  conflict (merge, _("%s %s was changed on both sides; ours is kept"), kind, id);
                }
            }
          else if (a != NULL)  /* deleted in theirs */
            {
              if (!same_node (a, o))
                {
                  take = a;
                  conflict (merge, _("%s %s was changed on our side and deleted on theirs; "
                                     "the change is kept"), kind, id);
                }
            }
          else if (b != NULL)  /* deleted in ours */
            {
              if (!same_node (b, o))
                {
                  take = b, from_theirs = TRUE;
                  conflict (merge, _("%s %s was deleted on our side and changed on theirs; "
                                     "the change is kept"), kind, id);
                }
            }
        }
      else if (a != NULL && b != NULL && !same_node (a, b))
        {
          /* Added on both sides under one id: two different things */
          take = a;
          g_ptr_array_add (later, json_node_ref (b));
        }
      else
        {
          take = a ? a : b;
          from_theirs = a == NULL;
        }

      if (take != NULL)
        {
          g_hash_table_add (merge->taken_ids, g_strdup (id));
          json_array_add_element (result, links ? renamed_ends (merge, take, from_theirs) : json_node_copy (take));
        }
    }

  /* Theirs' additions whose ids ours had taken, under fresh ids */
  for (guint i = 0; i < later->len; i++)
    {
      JsonNode *b = g_ptr_array_index (later, i);
      const char *old = json_object_get_string_member (json_node_get_object (b), "id");
      g_autofree char *id = fresh_id (merge, prefix);
      JsonNode *copy = links ? renamed_ends (merge, b, TRUE) : json_node_ref (b);

      if (!links)
        g_hash_table_insert (merge->renamed, g_strdup (old), g_strdup (id));
      g_hash_table_add (merge->taken_ids, g_strdup (id));
      json_array_add_element (result, copy_with_id (copy, id));
      json_node_unref (copy);
    }

  return result;
}

/* A member changed on one side is taken from it; on both, ours */
static void
merge_member (Merge      *merge,
              JsonObject *result,
              const char *member)
{
  JsonNode *o = json_object_get_member (merge->root[BASE], member);
  JsonNode *a = json_object_get_member (merge->root[OURS], member);
  JsonNode *b = json_object_get_member (merge->root[THEIRS], member);
  JsonNode *take = same_node (a, o) ? b : a;

  if (!same_node (a, o) && !same_node (b, o) && !same_node (a, b))
    conflict (merge, _("the project's %s was changed on both sides; ours is kept"), member);
  if (take != NULL)
    json_object_set_member (result, member, json_node_copy (take));
}

/* Labels of both, ours first then theirs' new ones (by name) */
static JsonArray *
label_union (JsonObject *ours,
             JsonObject *theirs,
             const char *member)
{
  JsonArray *result = json_array_new ();
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *sides[2] = { ours, theirs };

  for (guint s = 0; s < 2; s++)
    {
      JsonArray *array = json_object_get_array_member (sides[s], member);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);

          if (g_hash_table_add (names, (gpointer) json_object_get_string_member (json_node_get_object (node), "name")))
            json_array_add_element (result, json_node_copy (node));
        }
    }
  return result;
}

CollateProject *
collate_project_merge3 (CollateProject  *base,
                        CollateProject  *ours,
                        CollateProject  *theirs,
                        GPtrArray       *conflicts,
                        GError         **error)
{
  g_autoptr(JsonParser) parser_base = json_parser_new ();
  g_autoptr(JsonParser) parser_ours = json_parser_new ();
  g_autoptr(JsonParser) parser_theirs = json_parser_new ();
  JsonParser *parsers[3] = { parser_base, parser_ours, parser_theirs };
  CollateProject *versions[3] = { base, ours, theirs };
  g_autoptr(JsonObject) result = json_object_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GHashTable) ours_docs = NULL;
  g_autoptr(GHashTable) theirs_docs = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  JsonObject *schema;
  JsonObject *metadata;
  JsonArray *documents, *links;
  Merge merge = { { NULL } };
  guint first_conflict = conflicts->len;
  CollateProject *merged;

  for (guint side = 0; side < 3; side++)
    if ((merge.root[side] = as_json (versions[side], parsers[side], error)) == NULL)
      return NULL;
  merge.conflicts = conflicts;
  merge.taken_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  merge.renamed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  merge.next_id = MAX (collate_project_get_next_id (ours), collate_project_get_next_id (theirs));

  /* Documents: the same id must mean the same text */
  ours_docs = by_id (merge.root[OURS], "documents");
  theirs_docs = by_id (merge.root[THEIRS], "documents");
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, theirs_docs);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        JsonNode *mine = g_hash_table_lookup (ours_docs, key);

        if (mine != NULL && !same_node (mine, value))
          {
            g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                         _("both sides have a document “%s” but it differs (its text, title or source); "
                           "merge these versions by hand"), (const char *) key);
            g_hash_table_unref (merge.taken_ids);
            g_hash_table_unref (merge.renamed);
            return NULL;
          }
      }
  }

  json_object_set_string_member (result, "format", COLLATE_FORMAT_NAME);
  json_object_set_int_member (result, "version", json_object_get_int_member (merge.root[OURS], "version"));
  merge_member (&merge, result, "title");

  schema = json_object_new ();
  json_object_set_array_member (schema, "span_labels",
                                label_union (json_object_get_object_member (merge.root[OURS], "schema"),
                                             json_object_get_object_member (merge.root[THEIRS], "schema"),
                                             "span_labels"));
  json_object_set_array_member (schema, "link_labels",
                                label_union (json_object_get_object_member (merge.root[OURS], "schema"),
                                             json_object_get_object_member (merge.root[THEIRS], "schema"),
                                             "link_labels"));
  json_object_set_object_member (result, "schema", schema);

  documents = merge_array (&merge, "documents", _("document"), "d", FALSE);
  json_object_set_array_member (result, "documents", documents);
  json_object_set_array_member (result, "annotations", merge_array (&merge, "annotations", _("span"), "a", FALSE));
  links = merge_array (&merge, "links", _("link"), "l", TRUE);

  /* Links whose spans are gone */
  {
    g_autoptr(GHashTable) spans = by_id (result, "annotations");
    JsonArray *kept = json_array_new ();

    for (guint i = 0; i < json_array_get_length (links); i++)
      {
        JsonObject *link = json_array_get_object_element (links, i);

        if (g_hash_table_contains (spans, json_object_get_string_member (link, "from")) &&
            g_hash_table_contains (spans, json_object_get_string_member (link, "to")))
          json_array_add_element (kept, json_node_copy (json_array_get_element (links, i)));
        else
          conflict (&merge, _("link %s joined a span deleted on the other side; it is dropped"),
                    json_object_get_string_member (link, "id"));
      }
    json_array_unref (links);
    json_object_set_array_member (result, "links", kept);
  }
  if (json_object_has_member (merge.root[OURS], "reviews") || json_object_has_member (merge.root[THEIRS], "reviews"))
    {
      json_object_set_array_member (result, "reviews", merge_array (&merge, "reviews", _("review"), "r", FALSE));
      json_object_set_int_member (result, "version", COLLATE_FORMAT_VERSION);
    }
  /* a curator's decisions (format version 4) are kept as reviews are */
  if (json_object_has_member (merge.root[OURS], "curations") || json_object_has_member (merge.root[THEIRS], "curations"))
    {
      json_object_set_array_member (result, "curations", merge_array (&merge, "curations", _("curation"), "c", FALSE));
      json_object_set_int_member (result, "version", COLLATE_FORMAT_VERSION);
    }

  merge_member (&merge, result, "metadata");
  if (!json_object_has_member (result, "metadata"))
    json_object_set_object_member (result, "metadata", json_object_new ());
  metadata = json_object_get_object_member (result, "metadata");
  if (json_object_has_member (metadata, COLLATE_MERGE_CONFLICTS_KEY))
    json_object_remove_member (metadata, COLLATE_MERGE_CONFLICTS_KEY);
  if (conflicts->len > first_conflict)
    {
      g_autoptr(GString) lines = g_string_new (NULL);

      for (guint i = first_conflict; i < conflicts->len; i++)
        g_string_append_printf (lines, "%s%s", i > first_conflict ? "\n" : "",
                                (const char *) g_ptr_array_index (conflicts, i));
      json_object_set_string_member (metadata, COLLATE_MERGE_CONFLICTS_KEY, lines->str);
    }
  json_object_set_int_member (result, "next_id", merge.next_id);

  json_node_set_object (root, result);
  text = json_to_string (root, FALSE);
  {
    gsize length = strlen (text);

    bytes = g_bytes_new_take (g_steal_pointer (&text), length);
  }
  g_hash_table_unref (merge.taken_ids);
  g_hash_table_unref (merge.renamed);

  merged = collate_project_load_bytes (bytes, error);
  if (merged == NULL)
    g_prefix_error (error, _("the merged project is not valid: "));
  return merged;
}

/* ── Merging annotators' versions into one ────────────────────────────── */

typedef struct
{
  CollateAnnotation *first;    /* borrowed from its project */
  guint              document; /* index in the first project */
  GPtrArray         *authors;  /* of const char *, distinct */
  char              *id;       /* in the result */
} MergedSpan;

static void
merged_span_free (gpointer data)
{
  MergedSpan *span = data;

  g_ptr_array_unref (span->authors);
  g_free (span->id);
  g_free (span);
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

CollateProject *
collate_projects_merge (CollateProject   **projects,
                        const char *const *names,
                        GError           **error)
{
  guint n = g_strv_length ((GStrv) names);
  g_autoptr(CollateAgreement) pairing = NULL;
  g_autoptr(CollateProject) result = NULL;
  g_autoptr(GHashTable) spans = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, merged_span_free);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GHashTable) link_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) doc_indexes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  CollateSchema *schema = collate_project_get_schema (projects[0]);
  guint64 next = 1;

  g_return_val_if_fail (n >= 2, NULL);

  /* The same texts, or a clear refusal: the agreement's pairing */
  pairing = collate_agreement_new (names);
  if (!collate_agreement_add_projects (pairing, projects, error))
    return NULL;

  result = collate_project_new (collate_project_get_title (projects[0]), schema);
  for (guint d = 0; d < collate_project_get_n_documents (projects[0]); d++)
    if (!collate_project_add_document (result, collate_project_get_document (projects[0], d), error))
      return NULL;

  /* Each project's document ids → the document's index (paired by text) */
  for (guint p = 0; p < n; p++)
    {
      GHashTable *index = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GHashTable) taken = g_hash_table_new (g_direct_hash, g_direct_equal);

      for (guint i = 0; i < collate_project_get_n_documents (projects[p]); i++)
        {
          CollateDocument *document = collate_project_get_document (projects[p], i);

          for (guint d = 0; d < collate_agreement_get_n_documents (pairing); d++)
            if (!g_hash_table_contains (taken, GUINT_TO_POINTER (d + 1)) &&
                g_str_equal (collate_document_get_sha256 (collate_agreement_get_document (pairing, d)),
                             collate_document_get_sha256 (document)))
              {
                g_hash_table_add (taken, GUINT_TO_POINTER (d + 1));
                g_hash_table_insert (index, (gpointer) collate_document_get_id (document), GUINT_TO_POINTER (d));
                break;
              }
        }
      g_ptr_array_add (doc_indexes, index);
    }

  /* Spans: one per (document, range, label), with everyone who made it */
  for (guint p = 0; p < n; p++)
    {
      GListModel *list = collate_project_get_annotations (projects[p]);

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(CollateAnnotation) annotation = g_list_model_get_item (list, i);
          g_autofree char *key = merge_key (g_ptr_array_index (doc_indexes, p), annotation);
          MergedSpan *span = g_hash_table_lookup (spans, key);
          const char *author = author_of (collate_annotation_get_author (annotation), names[p]);

          if (span == NULL)
            {
              span = g_new0 (MergedSpan, 1);
              span->first = annotation;
              span->document = GPOINTER_TO_UINT (g_hash_table_lookup (g_ptr_array_index (doc_indexes, p),
                                                                      collate_annotation_get_document_id (annotation)));
              span->authors = g_ptr_array_new ();
              g_ptr_array_add (order, span);
              g_hash_table_insert (spans, g_steal_pointer (&key), span);
            }
          if (!g_ptr_array_find_with_equal_func (span->authors, author, g_str_equal, NULL))
            g_ptr_array_add (span->authors, (gpointer) author);
          if (collate_schema_lookup (schema, COLLATE_LABEL_KIND_SPAN, collate_annotation_get_label (annotation)) == NULL)
            collate_schema_ensure (schema, COLLATE_LABEL_KIND_SPAN, collate_annotation_get_label (annotation));
        }
    }

  for (guint i = 0; i < order->len; i++)
    {
      MergedSpan *span = g_ptr_array_index (order, i);
      CollateAnnotation *a = span->first;
      g_autoptr(GHashTable) attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_autofree const char **keys = collate_annotation_get_attribute_keys (a);
      g_autoptr(CollateAnnotation) copy = NULL;
      CollateDocument *document;

      for (guint k = 0; keys[k] != NULL; k++)
        g_hash_table_insert (attributes, g_strdup (keys[k]), g_strdup (collate_annotation_get_attribute (a, keys[k])));
      g_ptr_array_add (span->authors, NULL);
      g_hash_table_insert (attributes, g_strdup (COLLATE_ANNOTATORS_ATTRIBUTE),
                           g_strjoinv ("\n", (GStrv) span->authors->pdata));
      g_ptr_array_set_size (span->authors, span->authors->len - 1);

      document = collate_project_get_document (result, span->document);
      span->id = g_strdup_printf ("a%" G_GUINT64_FORMAT, next++);
      copy = collate_annotation_new (span->id, collate_document_get_id (document),
                                     collate_annotation_get_start (a), collate_annotation_get_end (a),
                                     collate_annotation_get_label (a), collate_annotation_get_text (a),
                                     collate_annotation_get_note (a), attributes,
                                     collate_annotation_get_author (a), collate_annotation_get_created (a),
                                     collate_annotation_get_modified (a));
      if (!collate_project_insert_annotation (result, copy, error))
        return NULL;
    }

  /* Links, per author */
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
          MergedSpan *a = g_hash_table_lookup (spans, from_key);
          MergedSpan *b = g_hash_table_lookup (spans, to_key);
          char *key = strcmp (from_key, to_key) < 0
            ? g_strdup_printf ("%s\n%s\n%s\n%s", author, collate_link_get_label (link), from_key, to_key)
            : g_strdup_printf ("%s\n%s\n%s\n%s", author, collate_link_get_label (link), to_key, from_key);
          g_autofree char *id = NULL;
          g_autoptr(CollateLink) copy = NULL;

          if (!g_hash_table_add (link_keys, key))
            continue;
          if (collate_schema_lookup (schema, COLLATE_LABEL_KIND_LINK, collate_link_get_label (link)) == NULL)
            collate_schema_ensure (schema, COLLATE_LABEL_KIND_LINK, collate_link_get_label (link));
          id = g_strdup_printf ("l%" G_GUINT64_FORMAT, next++);
          copy = collate_link_new (id, collate_link_get_label (link), a->id, b->id,
                                   collate_link_get_note (link), collate_link_get_author (link),
                                   collate_link_get_created (link), collate_link_get_modified (link));
          if (!collate_project_insert_link (result, copy, error))
            return NULL;
        }
    }

  collate_project_set_next_id (result, next);
  return g_steal_pointer (&result);
}
