/* collate-project-io.c — reading and writing *.collate.json
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading: collate-json-reader parses the file (refusing deep nesting,
 * invalid UTF-8 and the like before any value is built), then every field
 * is checked here and the project is built with the validating
 * collate_project_insert_* calls, whose errors get the JSON path put in
 * front of them.
 *
 * Writing: a serialiser of our own into one GString.  The output depends
 * only on the project: members in a fixed order, 2-space indentation,
 * attribute and metadata keys sorted, annotations and links in the
 * project's order, UTF-8 written as is, a final newline.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "collate-error.h"
#include "collate-json-reader.h"
#include "collate-file-writer.h"
#include "collate-project-io.h"
#include "collate-metadata-check.h"
#include "collate-text.h"

/* Largest integers accepted for offsets and for next_id */
#define MAX_OFFSET   COLLATE_MAX_OFFSET
#define MAX_NEXT_ID  COLLATE_MAX_NEXT_ID
#define SHOW_CHARS   40

typedef enum
{
  KIND_DOCUMENT,
  KIND_ANNOTATION,
  KIND_LINK,
  KIND_REVIEW,
  KIND_CURATION,
} IdKind;

static const char * const kind_names[] = { "documents", "annotations", "links", "reviews", "curations" };

typedef struct
{
  CollateProject *project;
  CollateSchema  *schema;
  /* Every id in the file (borrowed from the JSON) → where it was first seen */
  GHashTable     *ids;
  guint64         version;
} Loader;

/* ── Helpers ── */

/* The core's own checks report "field: message"; put the record's path in
 * front so that it reads "annotations[3].field: message". */
static void
prefix_record_error (GError                **error,
                     const CollateJsonPath  *path)
{
  g_autofree char *where = NULL;
  const char *message;
  const char *p;

  if (error == NULL || *error == NULL)
    return;

  where = collate_json_path_to_string (path);
  message = (*error)->message;
  /* a field, or a path inside the record: "sides[1].text" */
  for (p = message; g_ascii_islower (*p) || *p == '_' || *p == '.' || *p == '['
                    || *p == ']' || g_ascii_isdigit (*p); p++)
    ;
  if (p > message && p[0] == ':' && p[1] == ' ')
    g_prefix_error (error, "%s.", where);
  else
    g_prefix_error (error, "%s: ", where);
}

/* The end of every record's reader: @ok, what the project's checked
 * insertion said, with the record's path put in front of its error */
static gboolean
inserted (gboolean               ok,
          const CollateJsonPath *item,
          GError               **error)
{
  if (!ok)
    prefix_record_error (error, item);
  return ok;
}

/* "text that is shown…" for messages: quoted, escaped, shortened */
static char *
quote_short (const char *text)
{
  g_autofree char *quoted = collate_text_quote (text, SHOW_CHARS);

  return g_strdup_printf ("\"%s\"", quoted);
}

static gboolean
digits (const char *p,
        guint       n)
{
  for (guint i = 0; i < n; i++)
    if (!g_ascii_isdigit (p[i]))
      return FALSE;
  return TRUE;
}

static guint
number (const char *p,
        guint       n)
{
  guint v = 0;

  for (guint i = 0; i < n; i++)
    v = v * 10 + (guint) (p[i] - '0');
  return v;
}

/* ISO 8601 date and time with a zone: 2026-11-23T18:33:36Z,
 * 2026-11-23T18:33:36.250+01:00.  Empty means "not recorded". */
static gboolean
is_timestamp (const char *s)
{
  const char *p;

  if (s[0] == '\0')
    return TRUE;
  if (!(digits (s, 4) && s[4] == '-' && digits (s + 5, 2) && s[7] == '-'
        && digits (s + 8, 2) && (s[10] == 'T' || s[10] == 't')
        && digits (s + 11, 2) && s[13] == ':' && digits (s + 14, 2)
        && s[16] == ':' && digits (s + 17, 2)))
    return FALSE;
  if (number (s + 5, 2) < 1 || number (s + 5, 2) > 12
      || number (s + 8, 2) < 1 || number (s + 8, 2) > 31
      || number (s + 11, 2) > 23 || number (s + 14, 2) > 59
      || number (s + 17, 2) > 60)
    return FALSE;

  p = s + 19;
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  if ((*p == 'Z' || *p == 'z') && p[1] == '\0')
    return TRUE;
  return ((*p == '+' || *p == '-') && digits (p + 1, 2) && p[3] == ':'
          && digits (p + 4, 2) && p[6] == '\0'
          && number (p + 1, 2) <= 23 && number (p + 4, 2) <= 59);
}

static const char *
get_timestamp (CollateJsonObjectReader *reader,
               const char              *name,
               GError                 **error)
{
  const char *value = collate_json_object_reader_get_string (reader, name, error);

  if (value != NULL && !is_timestamp (value))
    {
      CollateJsonPath path = COLLATE_JSON_PATH_MEMBER (reader->path, name);
      g_autofree char *shown = quote_short (value);

      collate_json_set_error (error, COLLATE_ERROR_INVALID, &path,
                              _("%s is not an ISO 8601 date and time with a time "
                                "zone (like \"2026-11-23T18:33:36Z\")"), shown);
      return NULL;
    }
  return value;
}

static const char *
get_id (Loader                  *loader,
        CollateJsonObjectReader *reader,
        IdKind                   kind,
        gsize                    index,
        GError                 **error)
{
  CollateJsonPath path = COLLATE_JSON_PATH_MEMBER (reader->path, "id");
  const char *id = collate_json_object_reader_get_string (reader, "id", error);
  gpointer seen;

  if (id == NULL)
    return NULL;
  if (id[0] == '\0')
    {
      collate_json_set_error (error, COLLATE_ERROR_INVALID, &path,
                              _("must not be empty"));
      return NULL;
    }

  seen = g_hash_table_lookup (loader->ids, id);
  if (seen != NULL)
    {
      guint code = GPOINTER_TO_UINT (seen) - 1;
      g_autofree char *shown = quote_short (id);

      collate_json_set_error (error, COLLATE_ERROR_EXISTS, &path,
                              _("%s is already the id of %s[%u]; ids must be "
                                "unique across documents, annotations and links"),
                              shown, kind_names[code >> 29], code & 0x1fffffff);
      return NULL;
    }
  g_hash_table_insert (loader->ids, (gpointer) id,
                       GUINT_TO_POINTER ((((guint) kind << 29) | (guint) index) + 1));
  return id;
}

static const CollateJsonValue *
get_array (CollateJsonObjectReader *reader,
           const char              *name,
           GError                 **error)
{
  return collate_json_object_reader_get (reader, name, COLLATE_JSON_ARRAY, error);
}

/* An object whose members are all strings (metadata, attributes).  Returns
 * a table of borrowed strings, or NULL if the object is empty. */
static gboolean
read_string_map (const CollateJsonValue *value,
                 const CollateJsonPath  *path,
                 GHashTable            **out,
                 GError                **error)
{
  GHashTable *table = NULL;

  *out = NULL;
  if (!collate_json_expect (value, COLLATE_JSON_OBJECT, path, error))
    return FALSE;
  if (value->length == 0)
    return TRUE;

  table = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < value->length; i++)
    {
      const CollateJsonMember *member = &value->v.members[i];
      CollateJsonPath child = COLLATE_JSON_PATH_MEMBER (path, member->name);

      if (!collate_json_expect (&member->value, COLLATE_JSON_STRING, &child, error))
        {
          g_hash_table_unref (table);
          return FALSE;
        }
      g_hash_table_insert (table, (gpointer) member->name,
                           (gpointer) member->value.v.string);
    }
  *out = table;
  return TRUE;
}

/* ── Reading ── */

static gboolean
read_labels (Loader                 *loader,
             const CollateJsonValue *array,
             const CollateJsonPath  *path,
             CollateLabelKind        kind,
             GError                **error)
{
  for (guint i = 0; i < array->length; i++)
    {
      CollateJsonPath item = COLLATE_JSON_PATH_ELEMENT (path, i);
      CollateJsonObjectReader r;
      g_autoptr(CollateLabel) label = NULL;
      const char *name, *color;
      const char *hotkey = NULL, *description = NULL;

      if (!collate_json_object_reader_init (&r, &array->v.items[i], &item, error)
          || !(name = collate_json_object_reader_get_string (&r, "name", error))
          || !(color = collate_json_object_reader_get_string (&r, "color", error))
          || !collate_json_object_reader_get_optional_string (&r, "hotkey", &hotkey, error)
          || !collate_json_object_reader_get_optional_string (&r, "description", &description, error)
          || !collate_json_object_reader_finish (&r, error))
        return FALSE;

      if (name[0] == '\0')
        {
          CollateJsonPath at = COLLATE_JSON_PATH_MEMBER (&item, "name");

          collate_json_set_error (error, COLLATE_ERROR_INVALID, &at, _("must not be empty"));
          return FALSE;
        }
      if (!collate_color_is_valid (color))
        {
          CollateJsonPath at = COLLATE_JSON_PATH_MEMBER (&item, "color");
          g_autofree char *shown = quote_short (color);

          collate_json_set_error (error, COLLATE_ERROR_INVALID, &at,
                                  _("%s is not a colour of the form #rrggbb "
                                    "(like \"#3584e4\")"), shown);
          return FALSE;
        }

      label = collate_label_new (name, color, hotkey, description, error);
      if (label == NULL || !collate_schema_add (loader->schema, kind, label, error))
        {
          collate_json_prefix_error (error, &item);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
read_schema (Loader                 *loader,
             const CollateJsonValue *value,
             GError                **error)
{
  CollateJsonPath path = COLLATE_JSON_PATH_MEMBER (NULL, "schema");
  CollateJsonPath spans_path = COLLATE_JSON_PATH_MEMBER (&path, "span_labels");
  CollateJsonPath links_path = COLLATE_JSON_PATH_MEMBER (&path, "link_labels");
  const CollateJsonValue *spans, *links;
  CollateJsonObjectReader r;

  return (collate_json_object_reader_init (&r, value, &path, error)
          && (spans = get_array (&r, "span_labels", error)) != NULL
          && (links = get_array (&r, "link_labels", error)) != NULL
          && collate_json_object_reader_finish (&r, error)
          && read_labels (loader, spans, &spans_path, COLLATE_LABEL_KIND_SPAN, error)
          && read_labels (loader, links, &links_path, COLLATE_LABEL_KIND_LINK, error));
}

static gboolean
is_sha256 (const char *s)
{
  guint n;

  for (n = 0; g_ascii_isxdigit (s[n]); n++)
    ;
  return n == 64 && s[64] == '\0';
}

/* Reads one record, the @i-th of its array at @item, through @r, and puts
 * what it holds into the project; FALSE with @error set on a problem */
typedef gboolean (*RecordReader) (Loader                  *loader,
                                  CollateJsonObjectReader *r,
                                  const CollateJsonPath   *item,
                                  guint                    i,
                                  GError                 **error);

/* Every record of the top-level member @name (@array, each an object) in
 * order, each read by @read_record; stops at the first problem */
static gboolean
read_records (Loader                 *loader,
              const CollateJsonValue *array,
              const char             *name,
              RecordReader            read_record,
              GError                **error)
{
  CollateJsonPath path = COLLATE_JSON_PATH_MEMBER (NULL, name);

  for (guint i = 0; i < array->length; i++)
    {
      CollateJsonPath item = COLLATE_JSON_PATH_ELEMENT (&path, i);
      CollateJsonObjectReader r;

      if (!collate_json_object_reader_init (&r, &array->v.items[i], &item, error)
          || !read_record (loader, &r, &item, i, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_document (Loader                  *loader,
               CollateJsonObjectReader *r,
               const CollateJsonPath   *item,
               guint                    i,
               GError                 **error)
{
  CollateJsonPath metadata_path = COLLATE_JSON_PATH_MEMBER (item, "metadata");
  const CollateJsonValue *text, *metadata_value = NULL;
  g_autoptr(CollateDocument) document = NULL;
  g_autoptr(GHashTable) metadata = NULL;
  const char *id, *title, *source, *sha256;

  if (!(id = get_id (loader, r, KIND_DOCUMENT, i, error))
      || !(title = collate_json_object_reader_get_string (r, "title", error))
      || !(source = collate_json_object_reader_get_string (r, "source", error))
      /* versions 1 and 2 have no document metadata: unknown there */
      || (loader->version >= 3
          && (metadata_value = collate_json_object_reader_lookup (r, "metadata")) != NULL
          && (!collate_metadata_check_json (metadata_value, &metadata_path, error)
              || !read_string_map (metadata_value, &metadata_path, &metadata, error)))
      || !(sha256 = collate_json_object_reader_get_string (r, "sha256", error))
      || !(text = collate_json_object_reader_get (r, "text", COLLATE_JSON_STRING, error))
      || !collate_json_object_reader_finish (r, error))
    return FALSE;

  if (!is_sha256 (sha256))
    {
      CollateJsonPath at = COLLATE_JSON_PATH_MEMBER (item, "sha256");
      g_autofree char *shown = quote_short (sha256);

      collate_json_set_error (error, COLLATE_ERROR_INVALID, &at,
                              _("%s is not a SHA-256 checksum (64 hexadecimal digits)"),
                              shown);
      return FALSE;
    }

  document = collate_document_new (id, title, source, text->v.string,
                                   text->length, error);
  if (document == NULL)
    {
      CollateJsonPath at = COLLATE_JSON_PATH_MEMBER (item, "text");

      collate_json_prefix_error (error, &at);
      return FALSE;
    }
  if (metadata != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, metadata);
      while (g_hash_table_iter_next (&iter, &key, &value))
        collate_document_set_metadata_value (document, key, value);
    }

  if (g_ascii_strcasecmp (sha256, collate_document_get_sha256 (document)) != 0)
    {
      CollateJsonPath at = COLLATE_JSON_PATH_MEMBER (item, "sha256");

      collate_json_set_error (error, COLLATE_ERROR_INVALID, &at,
                              _("does not match the text: the file says %.12s…, "
                                "but the text's checksum is %.12s…; the text or "
                                "the checksum was changed after the project was saved"),
                              sha256, collate_document_get_sha256 (document));
      return FALSE;
    }

  return inserted (collate_project_add_document (loader->project, document, error), item, error);
}

static gboolean
read_annotation (Loader                  *loader,
                 CollateJsonObjectReader *r,
                 const CollateJsonPath   *item,
                 guint                    i,
                 GError                 **error)
{
  CollateJsonPath attributes_path = COLLATE_JSON_PATH_MEMBER (item, "attributes");
  g_autoptr(CollateAnnotation) annotation = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  const CollateJsonValue *attributes_value;
  const char *id, *document, *label, *text, *note, *author, *created, *modified;
  guint64 start, end;

  if (!(id = get_id (loader, r, KIND_ANNOTATION, i, error))
      || !(document = collate_json_object_reader_get_string (r, "document", error))
      || !collate_json_object_reader_get_uint (r, "start", MAX_OFFSET, &start, error)
      || !collate_json_object_reader_get_uint (r, "end", MAX_OFFSET, &end, error)
      || !(label = collate_json_object_reader_get_string (r, "label", error))
      || !(text = collate_json_object_reader_get_string (r, "text", error))
      || !(note = collate_json_object_reader_get_string (r, "note", error))
      || !(attributes_value = collate_json_object_reader_get (r, "attributes",
                                                              COLLATE_JSON_OBJECT, error))
      || !read_string_map (attributes_value, &attributes_path, &attributes, error)
      || !(author = collate_json_object_reader_get_string (r, "author", error))
      || !(created = get_timestamp (r, "created", error))
      || !(modified = get_timestamp (r, "modified", error))
      || !collate_json_object_reader_finish (r, error))
    return FALSE;

  annotation = collate_annotation_new (id, document, (guint) start, (guint) end,
                                       label, text, note, attributes,
                                       author, created, modified);
  return inserted (collate_project_insert_annotation (loader->project, annotation, error), item, error);
}

static gboolean
read_link (Loader                  *loader,
           CollateJsonObjectReader *r,
           const CollateJsonPath   *item,
           guint                    i,
           GError                 **error)
{
  CollateJsonPath attributes_path = COLLATE_JSON_PATH_MEMBER (item, "attributes");
  const CollateJsonValue *attributes_value = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(CollateLink) link = NULL;
  const char *id, *label, *from, *to, *note, *author, *created, *modified;

  if (!(id = get_id (loader, r, KIND_LINK, i, error))
      || !(label = collate_json_object_reader_get_string (r, "label", error))
      || !(from = collate_json_object_reader_get_string (r, "from", error))
      || !(to = collate_json_object_reader_get_string (r, "to", error))
      || !(note = collate_json_object_reader_get_string (r, "note", error))
      /* versions 1 to 3 have no link attributes: unknown there */
      || (loader->version >= 4
          && (attributes_value = collate_json_object_reader_lookup (r, "attributes")) != NULL
          && !read_string_map (attributes_value, &attributes_path, &attributes, error))
      || !(author = collate_json_object_reader_get_string (r, "author", error))
      || !(created = get_timestamp (r, "created", error))
      || !(modified = get_timestamp (r, "modified", error))
      || !collate_json_object_reader_finish (r, error))
    return FALSE;

  link = collate_link_new_with_attributes (id, label, from, to, note, attributes,
                                           author, created, modified);
  return inserted (collate_project_insert_link (loader->project, link, error), item, error);
}

/* A review's confidence: a number from 0 to 1 */
static gboolean
get_confidence (CollateJsonObjectReader *r,
                double                  *out,
                GError                 **error)
{
  CollateJsonPath at = COLLATE_JSON_PATH_MEMBER (r->path, "confidence");
  const CollateJsonValue *value = collate_json_object_reader_lookup (r, "confidence");

  /* 0 and 1 are integers to the reader; any number will do */
  if (value == NULL)
    return collate_json_object_reader_get (r, "confidence", COLLATE_JSON_NUMBER, error) != NULL;
  if (value->type != COLLATE_JSON_INTEGER && value->type != COLLATE_JSON_NUMBER)
    return collate_json_expect (value, COLLATE_JSON_NUMBER, &at, error);
  *out = g_ascii_strtod (value->v.number.text, NULL);
  if (!(*out >= 0 && *out <= 1))
    {
      collate_json_set_error (error, COLLATE_ERROR_RANGE, &at, _("%g is not from 0 to 1"), *out);
      return FALSE;
    }
  return TRUE;
}

/* "reviews" (version 2): decisions on suggestions, checked against the
 * documents like annotations are */
static gboolean
read_review (Loader                  *loader,
             CollateJsonObjectReader *r,
             const CollateJsonPath   *item,
             guint                    i,
             GError                 **error)
{
  CollateJsonPath sides_path = COLLATE_JSON_PATH_MEMBER (item, "sides");
  CollateJsonPath decision_path = COLLATE_JSON_PATH_MEMBER (item, "decision");
  g_autoptr(CollateReview) review = NULL;
  const CollateJsonValue *sides_value;
  CollateReviewSide sides[2];
  CollateReviewDecision decision;
  const char *id, *decision_name, *kind, *reason, *link_label, *author, *created;
  double confidence = 0;

  if (!(id = get_id (loader, r, KIND_REVIEW, i, error))
      || !(decision_name = collate_json_object_reader_get_string (r, "decision", error))
      || !(kind = collate_json_object_reader_get_string (r, "kind", error))
      || !get_confidence (r, &confidence, error)
      || !(reason = collate_json_object_reader_get_string (r, "reason", error))
      || !(link_label = collate_json_object_reader_get_string (r, "link_label", error))
      || !(sides_value = get_array (r, "sides", error))
      || !(author = collate_json_object_reader_get_string (r, "author", error))
      || !(created = get_timestamp (r, "created", error))
      || !collate_json_object_reader_finish (r, error))
    return FALSE;

  if (g_str_equal (decision_name, "accepted"))
    decision = COLLATE_REVIEW_ACCEPTED;
  else if (g_str_equal (decision_name, "rejected"))
    decision = COLLATE_REVIEW_REJECTED;
  else
    {
      g_autofree char *shown = quote_short (decision_name);

      collate_json_set_error (error, COLLATE_ERROR_INVALID, &decision_path,
                              _("%s: expected \"accepted\" or \"rejected\""), shown);
      return FALSE;
    }
  if (sides_value->length != 2)
    {
      collate_json_set_error (error, COLLATE_ERROR_INVALID, &sides_path,
                              _("holds %u sides; a review has two"), sides_value->length);
      return FALSE;
    }
  for (guint k = 0; k < 2; k++)
    {
      CollateJsonPath side_path = COLLATE_JSON_PATH_ELEMENT (&sides_path, k);
      CollateJsonObjectReader sr;
      guint64 start, end;

      if (!collate_json_object_reader_init (&sr, &sides_value->v.items[k], &side_path, error)
          || !(sides[k].document_id = collate_json_object_reader_get_string (&sr, "document", error))
          || !collate_json_object_reader_get_uint (&sr, "start", MAX_OFFSET, &start, error)
          || !collate_json_object_reader_get_uint (&sr, "end", MAX_OFFSET, &end, error)
          || !(sides[k].text = collate_json_object_reader_get_string (&sr, "text", error))
          || !collate_json_object_reader_finish (&sr, error))
        return FALSE;
      sides[k].start = (guint) start;
      sides[k].end = (guint) end;
    }

  review = collate_review_new (id, decision, kind, confidence, reason, link_label, sides,
                               author, created);
  return inserted (collate_project_insert_review (loader->project, review, error), item, error);
}

/* An array of strings (a curation's annotators), as a NULL-terminated
 * array of borrowed strings (free the array only) */
static const char **
get_string_array (CollateJsonObjectReader *reader,
                  const char              *name,
                  GError                 **error)
{
  CollateJsonPath path = COLLATE_JSON_PATH_MEMBER (reader->path, name);
  const CollateJsonValue *array = get_array (reader, name, error);
  const char **strings;

  if (array == NULL)
    return NULL;
  strings = g_new0 (const char *, array->length + 1);
  for (guint i = 0; i < array->length; i++)
    {
      CollateJsonPath item = COLLATE_JSON_PATH_ELEMENT (&path, i);

      if (!collate_json_expect (&array->v.items[i], COLLATE_JSON_STRING, &item, error))
        {
          g_free (strings);
          return NULL;
        }
      strings[i] = array->v.items[i].v.string;
    }
  return strings;
}

/* A link curation's other end (optional "link_end") */
typedef struct
{
  const char *document;
  guint       start;
  guint       end;
  const char *text;
} LinkEnd;

static gboolean
read_link_end (CollateJsonObjectReader *r,
               LinkEnd                 *out,
               GError                 **error)
{
  CollateJsonPath path = COLLATE_JSON_PATH_MEMBER (r->path, "link_end");
  const CollateJsonValue *value = collate_json_object_reader_lookup (r, "link_end");
  CollateJsonObjectReader er;
  guint64 start, end;

  if (value == NULL)
    return TRUE;
  if (!collate_json_object_reader_init (&er, value, &path, error)
      || !(out->document = collate_json_object_reader_get_string (&er, "document", error))
      || !collate_json_object_reader_get_uint (&er, "start", MAX_OFFSET, &start, error)
      || !collate_json_object_reader_get_uint (&er, "end", MAX_OFFSET, &end, error)
      || !(out->text = collate_json_object_reader_get_string (&er, "text", error))
      || !collate_json_object_reader_finish (&er, error))
    return FALSE;
  out->start = (guint) start;
  out->end = (guint) end;
  return TRUE;
}

/* A link curation's version: optional "reversed", a boolean */
static gboolean
read_reversed (CollateJsonObjectReader *r,
               gboolean                *out,
               GError                 **error)
{
  CollateJsonPath path = COLLATE_JSON_PATH_MEMBER (r->path, "reversed");
  const CollateJsonValue *value = collate_json_object_reader_lookup (r, "reversed");

  if (value == NULL)
    return TRUE;
  if (!collate_json_expect (value, COLLATE_JSON_BOOLEAN, &path, error))
    return FALSE;
  *out = value->v.boolean;
  return TRUE;
}

/* "curations" (version 4): curators' decisions where annotators disagreed,
 * checked against the documents and the schema */
static gboolean
read_curation (Loader                  *loader,
               CollateJsonObjectReader *r,
               const CollateJsonPath   *item,
               guint                    i,
               GError                 **error)
{
  CollateJsonPath versions_path = COLLATE_JSON_PATH_MEMBER (item, "versions");
  g_autoptr(CollateCuration) curation = NULL;
  g_autofree const char **chosen = NULL;
  g_autofree CollateCurationVersion *versions = NULL;
  g_autoptr(GPtrArray) annotators = g_ptr_array_new_with_free_func (g_free);
  const CollateJsonValue *versions_value;
  const char *id, *document, *text, *choice, *author, *created;
  guint64 start, end;
  LinkEnd link_end = { NULL };

  if (!(id = get_id (loader, r, KIND_CURATION, i, error))
      || !(document = collate_json_object_reader_get_string (r, "document", error))
      || !collate_json_object_reader_get_uint (r, "start", MAX_OFFSET, &start, error)
      || !collate_json_object_reader_get_uint (r, "end", MAX_OFFSET, &end, error)
      || !(text = collate_json_object_reader_get_string (r, "text", error))
      || !read_link_end (r, &link_end, error)
      || !(choice = collate_json_object_reader_get_string (r, "choice", error))
      || !(chosen = get_string_array (r, "chosen", error))
      || !(versions_value = get_array (r, "versions", error))
      || !(author = collate_json_object_reader_get_string (r, "author", error))
      || !(created = get_timestamp (r, "created", error))
      || !collate_json_object_reader_finish (r, error))
    return FALSE;

  versions = g_new0 (CollateCurationVersion, MAX (versions_value->length, 1));
  for (guint k = 0; k < versions_value->length; k++)
    {
      CollateJsonPath version_path = COLLATE_JSON_PATH_ELEMENT (&versions_path, k);
      CollateJsonPath decision_path = COLLATE_JSON_PATH_MEMBER (&version_path, "decision");
      CollateJsonObjectReader vr;
      const char *decision;
      const char **names;
      guint64 vstart, vend;

      if (!collate_json_object_reader_init (&vr, &versions_value->v.items[k], &version_path, error)
          || !(versions[k].label = collate_json_object_reader_get_string (&vr, "label", error))
          || !collate_json_object_reader_get_uint (&vr, "start", MAX_OFFSET, &vstart, error)
          || !collate_json_object_reader_get_uint (&vr, "end", MAX_OFFSET, &vend, error)
          || !(versions[k].text = collate_json_object_reader_get_string (&vr, "text", error))
          || !(names = get_string_array (&vr, "annotators", error)))
        return FALSE;
      g_ptr_array_add (annotators, names);
      if (!(decision = collate_json_object_reader_get_string (&vr, "decision", error))
          || !read_reversed (&vr, &versions[k].reversed, error)
          || !collate_json_object_reader_finish (&vr, error))
        return FALSE;
      if (g_str_equal (decision, "accepted"))
        versions[k].accepted = TRUE;
      else if (!g_str_equal (decision, "rejected"))
        {
          g_autofree char *shown = quote_short (decision);

          collate_json_set_error (error, COLLATE_ERROR_INVALID, &decision_path,
                                  _("%s: expected \"accepted\" or \"rejected\""), shown);
          return FALSE;
        }
      versions[k].start = (guint) vstart;
      versions[k].end = (guint) vend;
      versions[k].annotators = names;
    }

  if (link_end.document != NULL)
    curation = collate_curation_new_for_links (id, document, (guint) start, (guint) end, text,
                                               link_end.document, link_end.start, link_end.end,
                                               link_end.text, choice, chosen, versions,
                                               versions_value->length, author, created);
  else
    curation = collate_curation_new (id, document, (guint) start, (guint) end, text, choice,
                                     chosen, versions, versions_value->length, author, created);
  return inserted (collate_project_insert_curation (loader->project, curation, error), item, error);
}

static gboolean
read_format_and_version (CollateJsonObjectReader *r,
                         guint64                 *version_out,
                         GError                 **error)
{
  CollateJsonPath format_path = COLLATE_JSON_PATH_MEMBER (NULL, "format");
  CollateJsonPath version_path = COLLATE_JSON_PATH_MEMBER (NULL, "version");
  const CollateJsonValue *format = collate_json_object_reader_lookup (r, "format");
  const CollateJsonValue *version;
  guint64 number_value;

  if (format == NULL)
    {
      collate_json_set_error (error, COLLATE_ERROR_FORMAT, &format_path,
                              _("missing: this is not a Collate project "
                                "(expected \"format\": \"%s\")"), COLLATE_FORMAT_NAME);
      return FALSE;
    }
  if (format->type != COLLATE_JSON_STRING
      || strcmp (format->v.string, COLLATE_FORMAT_NAME) != 0)
    {
      g_autofree char *found = format->type == COLLATE_JSON_STRING
                               ? quote_short (format->v.string)
                               : collate_json_describe (format);

      collate_json_set_error (error, COLLATE_ERROR_FORMAT, &format_path,
                              _("%s: this is not a Collate project "
                                "(expected \"%s\")"), found, COLLATE_FORMAT_NAME);
      return FALSE;
    }

  version = collate_json_object_reader_lookup (r, "version");
  if (version == NULL)
    {
      collate_json_set_error (error, COLLATE_ERROR_INVALID, &version_path,
                              _("missing (expected an integer; this Collate reads "
                                "versions 1 to %d)"), COLLATE_FORMAT_VERSION);
      return FALSE;
    }
  if (version->type != COLLATE_JSON_INTEGER && version->type != COLLATE_JSON_NUMBER)
    return collate_json_expect (version, COLLATE_JSON_INTEGER, &version_path, error);
  if (version->type == COLLATE_JSON_NUMBER
      || (version->type == COLLATE_JSON_INTEGER
          && version->v.number.value > COLLATE_FORMAT_VERSION))
    {
      g_autofree char *found = collate_json_describe (version);

      /* A large or odd version number is still "newer" if it is positive */
      if (version->v.number.text[0] != '-'
          && (version->type == COLLATE_JSON_INTEGER || strpbrk (found, ".eE") == NULL))
        {
          collate_json_set_error (error, COLLATE_ERROR_VERSION, &version_path,
                                  _("this file has format version %s, from a newer "
                                    "Collate; this Collate reads versions 1 to %d only"),
                                  found, COLLATE_FORMAT_VERSION);
          return FALSE;
        }
    }
  if (!collate_json_get_uint (version, COLLATE_FORMAT_VERSION, &version_path,
                              &number_value, error))
    return FALSE;
  if (number_value < 1)
    {
      collate_json_set_error (error, COLLATE_ERROR_INVALID, &version_path,
                              _("%llu is not a format version "
                                "(this Collate reads versions 1 to %d)"),
                              (unsigned long long) number_value, COLLATE_FORMAT_VERSION);
      return FALSE;
    }
  *version_out = number_value;
  return TRUE;
}

static void
set_too_large_error (GError  **error,
                     guint64   size)
{
  g_autofree char *shown = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);

  g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_TOO_LARGE,
               _("the file is %s (%llu bytes); Collate opens "
                 "projects of at most %u MiB (%llu bytes)"),
               shown, (unsigned long long) size, (guint) (COLLATE_MAX_FILE_SIZE / (1024 * 1024)),
               (unsigned long long) COLLATE_MAX_FILE_SIZE);
}

/* Takes @data, which has room for @length + 1 bytes */
static CollateProject *
load_data (char        *data,
           gsize        length,
           GError     **error)
{
  g_autoptr(CollateJsonDocument) json = NULL;
  g_autoptr(CollateSchema) schema = NULL;
  g_autoptr(CollateProject) project = NULL;
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(GHashTable) metadata = NULL;
  const CollateJsonValue *root, *value;
  const CollateJsonValue *schema_value, *documents, *annotations, *links;
  const CollateJsonValue *reviews = NULL;
  const CollateJsonValue *curations = NULL;
  CollateJsonPath reviews_path = COLLATE_JSON_PATH_MEMBER (NULL, "reviews");
  CollateJsonPath curations_path = COLLATE_JSON_PATH_MEMBER (NULL, "curations");
  guint64 version = 1;
  CollateJsonObjectReader r;
  const char *title;
  guint64 next_id = 0;
  gboolean has_next_id = FALSE;
  Loader loader;

  if (length > COLLATE_MAX_FILE_SIZE)
    {
      g_free (data);
      set_too_large_error (error, length);
      return NULL;
    }

  json = collate_json_document_parse_take (data, length, COLLATE_MAX_DEPTH, error);
  if (json == NULL)
    return NULL;

  root = collate_json_document_get_root (json);
  if (root->type != COLLATE_JSON_OBJECT)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_FORMAT,
                   _("this is not a Collate project: it holds %s, not an object "
                     "with \"format\": \"%s\""),
                   collate_json_type_name (root->type), COLLATE_FORMAT_NAME);
      return NULL;
    }

  collate_json_object_reader_init (&r, root, NULL, NULL);
  if (!read_format_and_version (&r, &version, error))
    return NULL;

  if (!(title = collate_json_object_reader_get_string (&r, "title", error)))
    return NULL;

  if ((value = collate_json_object_reader_lookup (&r, "next_id")) != NULL)
    {
      CollateJsonPath at = COLLATE_JSON_PATH_MEMBER (NULL, "next_id");

      if (value->type != COLLATE_JSON_INTEGER && value->type != COLLATE_JSON_NUMBER)
        {
          collate_json_expect (value, COLLATE_JSON_INTEGER, &at, error);
          return NULL;
        }
      if (!collate_json_get_uint (value, MAX_NEXT_ID, &at, &next_id, error))
        return NULL;
      has_next_id = TRUE;
    }

  if ((value = collate_json_object_reader_lookup (&r, "metadata")) != NULL)
    {
      CollateJsonPath at = COLLATE_JSON_PATH_MEMBER (NULL, "metadata");

      if (!read_string_map (value, &at, &metadata, error))
        return NULL;
    }

  if (!(schema_value = collate_json_object_reader_get (&r, "schema", COLLATE_JSON_OBJECT, error))
      || !(documents = get_array (&r, "documents", error))
      || !(annotations = get_array (&r, "annotations", error))
      || !(links = get_array (&r, "links", error))
      /* version 1 has no reviews: the member is unknown there */
      || (version >= 2 && (reviews = collate_json_object_reader_lookup (&r, "reviews")) != NULL
          && reviews->type != COLLATE_JSON_ARRAY
          && !collate_json_expect (reviews, COLLATE_JSON_ARRAY, &reviews_path, error))
      /* nor have versions before 4 curations */
      || (version >= 4 && (curations = collate_json_object_reader_lookup (&r, "curations")) != NULL
          && curations->type != COLLATE_JSON_ARRAY
          && !collate_json_expect (curations, COLLATE_JSON_ARRAY, &curations_path, error))
      || !collate_json_object_reader_finish (&r, error))
    return NULL;

  schema = collate_schema_new ();
  ids = g_hash_table_new (g_str_hash, g_str_equal);
  loader.schema = schema;
  loader.ids = ids;
  loader.project = NULL;
  loader.version = version;
  if (!read_schema (&loader, schema_value, error))
    return NULL;

  project = collate_project_new (title, schema);
  loader.project = project;
  if (!read_records (&loader, documents, "documents", read_document, error)
      || !read_records (&loader, annotations, "annotations", read_annotation, error)
      || !read_records (&loader, links, "links", read_link, error)
      || (reviews != NULL && !read_records (&loader, reviews, "reviews", read_review, error))
      || (curations != NULL && !read_records (&loader, curations, "curations", read_curation, error)))
    return NULL;

  if (has_next_id)
    collate_project_set_next_id (project, next_id);

  if (metadata != NULL)
    {
      GHashTable *table = collate_project_get_metadata (project);
      GHashTableIter iter;
      gpointer key, val;

      g_hash_table_iter_init (&iter, metadata);
      while (g_hash_table_iter_next (&iter, &key, &val))
        g_hash_table_replace (table, g_strdup (key), g_strdup (val));
    }

  collate_project_set_modified (project, FALSE);
  return g_steal_pointer (&project);
}

CollateProject *
collate_project_load_bytes (GBytes  *bytes,
                            GError **error)
{
  gsize length = 0;
  const char *data;
  char *copy;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  if (length > COLLATE_MAX_FILE_SIZE)
    return load_data (NULL, length, error);
  copy = g_malloc (length + 1);
  if (length > 0)
    memcpy (copy, data, length);
  return load_data (copy, length, error);
}

/* ── Files ── */

static char *
display_basename (GFile *file)
{
  g_autofree char *base = g_file_get_basename (file);

  if (base == NULL)
    return g_file_get_parse_name (file);
  return g_filename_display_name (base);
}

/* Turns GIO's messages into short ones that start with the file's name */
static void
prefix_file_error (GError **error,
                   GFile   *file)
{
  g_autofree char *name = NULL;
  GError *e;

  if (error == NULL || *error == NULL)
    return;
  e = *error;
  name = display_basename (file);

  if (e->domain == G_IO_ERROR)
    {
      const char *reason = NULL;

      switch (e->code)
        {
        case G_IO_ERROR_NOT_FOUND:
          reason = _("no such file");
          break;
        case G_IO_ERROR_IS_DIRECTORY:
          reason = _("this is a folder, not a project file");
          break;
        case G_IO_ERROR_PERMISSION_DENIED:
          reason = _("permission denied");
          break;
        case G_IO_ERROR_WRONG_ETAG:
          reason = _("the file was changed by another program since it was "
                     "opened or saved; saving now would overwrite those changes");
          break;
        default:
          break;
        }
      if (reason != NULL)
        {
          g_free (e->message);
          e->message = g_strdup_printf ("%s: %s", name, reason);
          return;
        }
    }
  g_prefix_error (error, "%s: ", name);
}

/* Reads the whole file, refusing it from its size before reading it */
static char *
read_file (GFile         *file,
           gsize         *length_out,
           char         **etag_out,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *data = NULL;
  gsize capacity, length = 0;
  goffset size;

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, "");
      return NULL;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                           _("this is not a regular file"));
      return NULL;
    }

  size = g_file_info_get_size (info);
  if (size < 0 || (guint64) size > COLLATE_MAX_FILE_SIZE)
    {
      set_too_large_error (error, (guint64) size);
      return NULL;
    }

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;

  /* The etag of what is about to be read */
  g_clear_object (&info);
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_ETAG_VALUE,
                                         cancellable, NULL);

  /* Read one byte more than expected, to notice a file that grew */
  capacity = (gsize) size + 1;
  data = g_malloc (capacity);
  collate_advise_huge_pages (data, capacity);
  for (;;)
    {
      gsize n = 0;

      if (!g_input_stream_read_all (G_INPUT_STREAM (stream), data + length,
                                    capacity - length, &n, cancellable, error))
        return NULL;
      length += n;
      if (length < capacity)
        break;
      if (capacity > COLLATE_MAX_FILE_SIZE)
        {
          set_too_large_error (error, capacity);
          return NULL;
        }
      capacity = MIN (capacity * 2, COLLATE_MAX_FILE_SIZE + 1);
      data = g_realloc (data, capacity);
    }

  if (etag_out != NULL)
    {
      const char *etag = info != NULL ? g_file_info_get_etag (info) : NULL;

      *etag_out = g_strdup (etag);
    }
  *length_out = length;
  return g_steal_pointer (&data);
}

CollateProject *
collate_project_load_file (GFile         *file,
                           char         **etag_out,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autofree char *data = NULL;
  g_autofree char *etag = NULL;
  CollateProject *project;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = read_file (file, &length, &etag, cancellable, error);
  if (data == NULL)
    {
      prefix_file_error (error, file);
      return NULL;
    }

  project = load_data (g_steal_pointer (&data), length, error);
  if (project == NULL)
    {
      prefix_file_error (error, file);
      return NULL;
    }

  if (etag_out != NULL)
    *etag_out = g_steal_pointer (&etag);
  return project;
}

typedef struct
{
  CollateProject *project;
  char           *etag;
} LoadResult;

static void
load_result_free (gpointer data)
{
  LoadResult *result = data;

  g_clear_object (&result->project);
  g_free (result->etag);
  g_free (result);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *file = task_data;
  LoadResult *result = g_new0 (LoadResult, 1);
  GError *error = NULL;

  result->project = collate_project_load_file (file, &result->etag, cancellable, &error);
  if (result->project == NULL)
    {
      load_result_free (result);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, result, load_result_free);
}

void
collate_project_load_file_async (GFile               *file,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, collate_project_load_file_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

CollateProject *
collate_project_load_file_finish (GAsyncResult  *result,
                                  char         **etag_out,
                                  GError       **error)
{
  LoadResult *loaded;
  CollateProject *project;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == collate_project_load_file_async, NULL);

  loaded = g_task_propagate_pointer (G_TASK (result), error);
  if (loaded == NULL)
    return NULL;

  project = g_steal_pointer (&loaded->project);
  if (etag_out != NULL)
    *etag_out = g_steal_pointer (&loaded->etag);
  load_result_free (loaded);
  return project;
}

/* ── Writing ── */

static void
append_uint (GString *s,
             guint64  value)
{
  char buffer[24];
  char *p = buffer + sizeof buffer;

  do
    {
      *--p = (char) ('0' + value % 10);
      value /= 10;
    }
  while (value != 0);
  g_string_append_len (s, p, buffer + sizeof buffer - p);
}

/* A JSON string: UTF-8 as is; only '"', '\\' and control characters are
 * escaped, as JSON requires */
static void
append_string (GString    *s,
               const char *text)
{
  const guchar *p = (const guchar *) (text != NULL ? text : "");
  const guchar *run = p;

  g_string_append_c (s, '"');
  for (;; p++)
    {
      guchar c = *p;

      if (G_LIKELY (c >= 0x20 && c != '"' && c != '\\'))
        continue;
      if (p > run)
        g_string_append_len (s, (const char *) run, p - run);
      if (c == '\0')
        break;
      switch (c)
        {
        case '"': g_string_append (s, "\\\""); break;
        case '\\': g_string_append (s, "\\\\"); break;
        case '\n': g_string_append (s, "\\n"); break;
        case '\r': g_string_append (s, "\\r"); break;
        case '\t': g_string_append (s, "\\t"); break;
        case '\b': g_string_append (s, "\\b"); break;
        case '\f': g_string_append (s, "\\f"); break;
        default: g_string_append_printf (s, "\\u%04x", c); break;
        }
      run = p + 1;
    }
  g_string_append_c (s, '"');
}

/* @key is written as given: a literal with its indentation, quotes and
 * colon, e.g. "      \"id\": " */
static inline void
append_member (GString    *s,
               const char *key,
               const char *value)
{
  g_string_append (s, key);
  append_string (s, value);
}

/* A number member: @key is everything before the value */
static void
append_uint_member (GString    *s,
                    const char *key,
                    guint64     value)
{
  g_string_append (s, key);
  append_uint (s, value);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* An object of strings with sorted keys; @indent is the object's own */
static void
append_string_map (GString     *s,
                   const char **keys,
                   guint        n_keys,
                   GHashTable  *table,
                   const char  *indent,
                   const char * (*lookup) (gpointer, const char *),
                   gpointer     owner)
{
  if (n_keys == 0)
    {
      g_string_append (s, "{}");
      return;
    }
  g_string_append (s, "{\n");
  for (guint i = 0; i < n_keys; i++)
    {
      g_string_append (s, indent);
      g_string_append (s, "  ");
      append_string (s, keys[i]);
      g_string_append (s, ": ");
      append_string (s, table != NULL ? g_hash_table_lookup (table, keys[i])
                                      : lookup (owner, keys[i]));
      g_string_append (s, i + 1 < n_keys ? ",\n" : "\n");
    }
  g_string_append (s, indent);
  g_string_append_c (s, '}');
}

static const char *
lookup_attribute (gpointer    owner,
                  const char *key)
{
  return collate_annotation_get_attribute (owner, key);
}

static const char *
lookup_link_attribute (gpointer    owner,
                       const char *key)
{
  return collate_link_get_attribute (owner, key);
}

static const char *
lookup_document_metadata (gpointer    owner,
                          const char *key)
{
  return collate_document_get_metadata_value (owner, key);
}

/* The oldest version that holds everything in the project, so that a
 * project is never written newer than it needs to be: 4 for curations or
 * link attributes, 3 for document metadata, 2 for reviews, else 1 */
static guint
needed_version (CollateProject *self)
{
  GListModel *documents = collate_project_get_documents (self);
  GListModel *links = collate_project_get_links (self);
  guint n = g_list_model_get_n_items (documents);
  guint n_links = g_list_model_get_n_items (links);

  for (guint i = 0; i < n_links; i++)
    {
      g_autoptr(CollateLink) link = g_list_model_get_item (links, i);

      if (collate_link_get_n_attributes (link) > 0)
        return 4;
    }

  if (collate_project_get_n_curations (self) > 0)
    return 4;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CollateDocument) document = g_list_model_get_item (documents, i);

      if (collate_document_get_n_metadata (document) > 0)
        return 3;
    }
  return collate_project_get_n_reviews (self) > 0 ? 2 : 1;
}

static void
append_labels (GString          *s,
               CollateSchema    *schema,
               CollateLabelKind  kind)
{
  guint n = collate_schema_get_n_labels (schema, kind);

  if (n == 0)
    {
      g_string_append (s, "[]");
      return;
    }
  g_string_append (s, "[\n");
  for (guint i = 0; i < n; i++)
    {
      CollateLabel *label = collate_schema_get_label (schema, kind, i);
      const char *hotkey = collate_label_get_hotkey (label);
      const char *description = collate_label_get_description (label);

      append_member (s, "      {\n        \"name\": ", collate_label_get_name (label));
      append_member (s, ",\n        \"color\": ", collate_label_get_color (label));
      if (hotkey != NULL)
        append_member (s, ",\n        \"hotkey\": ", hotkey);
      if (description != NULL)
        append_member (s, ",\n        \"description\": ", description);
      g_string_append (s, i + 1 < n ? "\n      },\n" : "\n      }\n");
    }
  g_string_append (s, "    ]");
}

static void
append_annotation (GString           *s,
                   CollateAnnotation *annotation)
{
  guint n_attributes = collate_annotation_get_n_attributes (annotation);

  append_member (s, "    {\n      \"id\": ", collate_annotation_get_id (annotation));
  append_member (s, ",\n      \"document\": ", collate_annotation_get_document_id (annotation));
  append_uint_member (s, ",\n      \"start\": ", collate_annotation_get_start (annotation));
  append_uint_member (s, ",\n      \"end\": ", collate_annotation_get_end (annotation));
  append_member (s, ",\n      \"label\": ", collate_annotation_get_label (annotation));
  append_member (s, ",\n      \"text\": ", collate_annotation_get_text (annotation));
  append_member (s, ",\n      \"note\": ", collate_annotation_get_note (annotation));
  g_string_append (s, ",\n      \"attributes\": ");
  if (n_attributes == 0)
    g_string_append (s, "{}");
  else
    {
      g_autofree const char **keys = collate_annotation_get_attribute_keys (annotation);

      append_string_map (s, keys, n_attributes, NULL, "      ",
                         lookup_attribute, annotation);
    }
  append_member (s, ",\n      \"author\": ", collate_annotation_get_author (annotation));
  append_member (s, ",\n      \"created\": ", collate_annotation_get_created (annotation));
  append_member (s, ",\n      \"modified\": ", collate_annotation_get_modified (annotation));
  g_string_append (s, "\n    }");
}

static void
append_review (GString       *s,
               CollateReview *review)
{
  char confidence[G_ASCII_DTOSTR_BUF_SIZE];

  /* three decimals: what a person reads, and the same bytes on every machine */
  g_ascii_formatd (confidence, sizeof confidence, "%.3f", collate_review_get_confidence (review));
  append_member (s, "    {\n      \"id\": ", collate_review_get_id (review));
  append_member (s, ",\n      \"decision\": ", collate_review_get_decision_name (review));
  append_member (s, ",\n      \"kind\": ", collate_review_get_kind (review));
  g_string_append (s, ",\n      \"confidence\": ");
  g_string_append (s, confidence);
  append_member (s, ",\n      \"reason\": ", collate_review_get_reason (review));
  append_member (s, ",\n      \"link_label\": ", collate_review_get_link_label (review));
  g_string_append (s, ",\n      \"sides\": [");
  for (guint k = 0; k < 2; k++)
    {
      const CollateReviewSide *side = collate_review_get_side (review, k);

      append_member (s, k == 0 ? "\n        {\n          \"document\": "
                               : ",\n        {\n          \"document\": ", side->document_id);
      append_uint_member (s, ",\n          \"start\": ", side->start);
      append_uint_member (s, ",\n          \"end\": ", side->end);
      append_member (s, ",\n          \"text\": ", side->text);
      g_string_append (s, "\n        }");
    }
  g_string_append (s, "\n      ]");
  append_member (s, ",\n      \"author\": ", collate_review_get_author (review));
  append_member (s, ",\n      \"created\": ", collate_review_get_created (review));
  g_string_append (s, "\n    }");
}

static void
append_strings (GString           *s,
                const char *const *strings)
{
  g_string_append_c (s, '[');
  for (guint i = 0; strings != NULL && strings[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (s, ", ");
      append_string (s, strings[i]);
    }
  g_string_append_c (s, ']');
}

static void
append_curation (GString         *s,
                 CollateCuration *curation)
{
  guint n = collate_curation_get_n_versions (curation);

  append_member (s, "    {\n      \"id\": ", collate_curation_get_id (curation));
  append_member (s, ",\n      \"document\": ", collate_curation_get_document_id (curation));
  append_uint_member (s, ",\n      \"start\": ", collate_curation_get_start (curation));
  append_uint_member (s, ",\n      \"end\": ", collate_curation_get_end (curation));
  append_member (s, ",\n      \"text\": ", collate_curation_get_text (curation));
  if (collate_curation_is_link (curation))
    {
      append_member (s, ",\n      \"link_end\": {\n        \"document\": ",
                     collate_curation_get_link_document_id (curation));
      append_uint_member (s, ",\n        \"start\": ", collate_curation_get_link_start (curation));
      append_uint_member (s, ",\n        \"end\": ", collate_curation_get_link_end (curation));
      append_member (s, ",\n        \"text\": ", collate_curation_get_link_text (curation));
      g_string_append (s, "\n      }");
    }
  append_member (s, ",\n      \"choice\": ", collate_curation_get_choice (curation));
  g_string_append (s, ",\n      \"chosen\": ");
  append_strings (s, collate_curation_get_chosen (curation));
  g_string_append (s, ",\n      \"versions\": [");
  for (guint k = 0; k < n; k++)
    {
      const CollateCurationVersion *v = collate_curation_get_version (curation, k);

      append_member (s, k == 0 ? "\n        {\n          \"label\": "
                               : ",\n        {\n          \"label\": ", v->label);
      append_uint_member (s, ",\n          \"start\": ", v->start);
      append_uint_member (s, ",\n          \"end\": ", v->end);
      append_member (s, ",\n          \"text\": ", v->text);
      g_string_append (s, ",\n          \"annotators\": ");
      append_strings (s, v->annotators);
      append_member (s, ",\n          \"decision\": ", v->accepted ? "accepted" : "rejected");
      if (v->reversed)
        g_string_append (s, ",\n          \"reversed\": true");
      g_string_append (s, "\n        }");
    }
  g_string_append (s, "\n      ]");
  append_member (s, ",\n      \"author\": ", collate_curation_get_author (curation));
  append_member (s, ",\n      \"created\": ", collate_curation_get_created (curation));
  g_string_append (s, "\n    }");
}

static void
append_link (GString     *s,
             CollateLink *link)
{
  append_member (s, "    {\n      \"id\": ", collate_link_get_id (link));
  append_member (s, ",\n      \"label\": ", collate_link_get_label (link));
  append_member (s, ",\n      \"from\": ", collate_link_get_from (link));
  append_member (s, ",\n      \"to\": ", collate_link_get_to (link));
  append_member (s, ",\n      \"note\": ", collate_link_get_note (link));
  if (collate_link_get_n_attributes (link) > 0)
    {
      g_autofree const char **keys = collate_link_get_attribute_keys (link);

      g_string_append (s, ",\n      \"attributes\": ");
      append_string_map (s, keys, collate_link_get_n_attributes (link), NULL, "      ",
                         lookup_link_attribute, link);
    }
  append_member (s, ",\n      \"author\": ", collate_link_get_author (link));
  append_member (s, ",\n      \"created\": ", collate_link_get_created (link));
  append_member (s, ",\n      \"modified\": ", collate_link_get_modified (link));
  g_string_append (s, "\n    }");
}

/* Annotations [first, last) of @annotations (of @n), each followed by
 * ",\n" or, the last, "\n" */
static void
append_annotations (GString    *s,
                    GListModel *annotations,
                    guint       first,
                    guint       last,
                    guint       n)
{
  for (guint i = first; i < last; i++)
    {
      g_autoptr(CollateAnnotation) annotation = g_list_model_get_item (annotations, i);

      append_annotation (s, annotation);
      g_string_append (s, i + 1 < n ? ",\n" : "\n");
    }
}

typedef struct
{
  GListModel *annotations;
  guint       first;
  guint       last;        /* also how many there are */
  GString    *out;
} AnnotationsPart;

/* For a thread: the project's list is only read, and no one changes the
 * project while it is written */
static gpointer
append_annotations_part (gpointer data)
{
  AnnotationsPart *part = data;

  part->out = g_string_sized_new ((gsize) (part->last - part->first) * 320);
  collate_advise_huge_pages (part->out->str, part->out->allocated_len);
  append_annotations (part->out, part->annotations, part->first, part->last, part->last);
  return NULL;
}

GBytes *
collate_project_to_bytes (CollateProject *self)
{
  CollateSchema *schema;
  GListModel *documents, *annotations, *links;
  GHashTable *metadata;
  g_autofree const char **metadata_keys = NULL;
  guint n_documents, n_annotations, n_links, n_metadata = 0;
  gsize estimate = 4096;
  GString *s;

  g_return_val_if_fail (COLLATE_IS_PROJECT (self), NULL);

  schema = collate_project_get_schema (self);
  documents = collate_project_get_documents (self);
  annotations = collate_project_get_annotations (self);
  links = collate_project_get_links (self);
  n_documents = g_list_model_get_n_items (documents);
  n_annotations = g_list_model_get_n_items (annotations);
  n_links = g_list_model_get_n_items (links);

  /* One allocation in the common case: text, plus the records' usual size */
  for (guint i = 0; i < n_documents; i++)
    {
      g_autoptr(CollateDocument) document = g_list_model_get_item (documents, i);

      estimate += collate_document_get_byte_length (document) * 21 / 20 + 512;
    }
  estimate += (gsize) n_annotations * 320 + (gsize) n_links * 240;
  s = g_string_sized_new (estimate);
  collate_advise_huge_pages (s->str, s->allocated_len);

  g_string_append (s, "{\n  \"format\": \"" COLLATE_FORMAT_NAME "\",\n  \"version\": ");
  /* A newer version only when there is what an older one cannot hold, so
   * that every other project still opens in an older Collate */
  append_uint (s, needed_version (self));
  append_member (s, ",\n  \"title\": ", collate_project_get_title (self));
  append_uint_member (s, ",\n  \"next_id\": ", collate_project_get_next_id (self));

  g_string_append (s, ",\n  \"metadata\": ");
  metadata = collate_project_get_metadata (self);
  if (metadata != NULL)
    metadata_keys = (const char **) g_hash_table_get_keys_as_array (metadata, &n_metadata);
  if (n_metadata > 1)
    qsort (metadata_keys, n_metadata, sizeof (char *), compare_strings);
  append_string_map (s, metadata_keys, n_metadata, metadata, "  ", NULL, NULL);

  g_string_append (s, ",\n  \"schema\": {\n    \"span_labels\": ");
  append_labels (s, schema, COLLATE_LABEL_KIND_SPAN);
  g_string_append (s, ",\n    \"link_labels\": ");
  append_labels (s, schema, COLLATE_LABEL_KIND_LINK);
  g_string_append (s, "\n  },\n  \"documents\": ");

  if (n_documents == 0)
    g_string_append (s, "[]");
  else
    {
      g_string_append (s, "[\n");
      for (guint i = 0; i < n_documents; i++)
        {
          g_autoptr(CollateDocument) document = g_list_model_get_item (documents, i);

          append_member (s, "    {\n      \"id\": ", collate_document_get_id (document));
          append_member (s, ",\n      \"title\": ", collate_document_get_title (document));
          append_member (s, ",\n      \"source\": ", collate_document_get_source (document));
          if (collate_document_get_n_metadata (document) > 0)
            {
              guint n_keys;
              g_autofree const char **keys = collate_document_get_metadata_keys (document, &n_keys);

              g_string_append (s, ",\n      \"metadata\": ");
              append_string_map (s, keys, n_keys, NULL, "      ",
                                 lookup_document_metadata, document);
            }
          append_member (s, ",\n      \"sha256\": ", collate_document_get_sha256 (document));
          append_member (s, ",\n      \"text\": ", collate_document_get_text (document));
          g_string_append (s, i + 1 < n_documents ? "\n    },\n" : "\n    }\n");
        }
      g_string_append (s, "  ]");
    }

  g_string_append (s, ",\n  \"annotations\": ");
  if (n_annotations == 0)
    g_string_append (s, "[]");
  else
    {
      /* Many spans: the second half written on a thread of its own into a
       * string of its own, put after the first; the same bytes */
      AnnotationsPart second = { annotations, n_annotations / 2, n_annotations, NULL };
      GThread *thread = NULL;

      if (n_annotations >= 20000 && g_get_num_processors () > 1)
        thread = g_thread_new ("write-spans", append_annotations_part, &second);
      else
        second.first = n_annotations;
      g_string_append (s, "[\n");
      append_annotations (s, annotations, 0, second.first, n_annotations);
      if (thread != NULL)
        {
          g_thread_join (thread);
          g_string_append_len (s, second.out->str, second.out->len);
          g_string_free (second.out, TRUE);
        }
      g_string_append (s, "  ]");
    }

  g_string_append (s, ",\n  \"links\": ");
  if (n_links == 0)
    g_string_append (s, "[]");
  else
    {
      g_string_append (s, "[\n");
      for (guint i = 0; i < n_links; i++)
        {
          g_autoptr(CollateLink) link = g_list_model_get_item (links, i);

          append_link (s, link);
          g_string_append (s, i + 1 < n_links ? ",\n" : "\n");
        }
      g_string_append (s, "  ]");
    }

  if (collate_project_get_n_reviews (self) > 0)
    {
      GListModel *reviews = collate_project_get_reviews (self);
      guint n_reviews = g_list_model_get_n_items (reviews);

      g_string_append (s, ",\n  \"reviews\": [\n");
      for (guint i = 0; i < n_reviews; i++)
        {
          g_autoptr(CollateReview) review = g_list_model_get_item (reviews, i);

          append_review (s, review);
          g_string_append (s, i + 1 < n_reviews ? ",\n" : "\n");
        }
      g_string_append (s, "  ]");
    }

  if (collate_project_get_n_curations (self) > 0)
    {
      GListModel *curations = collate_project_get_curations (self);
      guint n_curations = g_list_model_get_n_items (curations);

      g_string_append (s, ",\n  \"curations\": [\n");
      for (guint i = 0; i < n_curations; i++)
        {
          g_autoptr(CollateCuration) curation = g_list_model_get_item (curations, i);

          append_curation (s, curation);
          g_string_append (s, i + 1 < n_curations ? ",\n" : "\n");
        }
      g_string_append (s, "  ]");
    }
  g_string_append (s, "\n}\n");

  return g_string_free_to_bytes (s);
}

/* ── Saving ── */

/* Through the one safe writer; its messages name the file and say what
 * became of it */
static gboolean
write_project (GFile         *file,
               GBytes        *bytes,
               const char    *etag,
               char         **new_etag,
               GCancellable  *cancellable,
               GError       **error)
{
  GError *local_error = NULL;
  const char *hook = g_getenv ("COLLATE_TEST_MAX_PROJECT_SIZE");
  guint64 max = hook != NULL ? g_ascii_strtoull (hook, NULL, 10) : COLLATE_MAX_FILE_SIZE;

  /* never write a project that Collate would refuse to read back */
  if (g_bytes_get_size (bytes) > max)
    {
      g_autofree char *name = display_basename (file);

      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_TOO_LARGE,
                   _("%s: the project would take %llu bytes, more than the %llu "
                     "that Collate reads back; nothing was written "
                     "(split the documents into several projects)"),
                   name, (unsigned long long) g_bytes_get_size (bytes), (unsigned long long) max);
      return FALSE;
    }

  if (collate_file_write_bytes (file, bytes, etag != NULL && etag[0] != '\0' ? etag : NULL,
                                new_etag, cancellable, &local_error))
    return TRUE;
  /* "report.collate.json: the disk is full; “/…/report.collate.json” was
   * left as it was", as every message about a project file starts */
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG) || !g_file_is_native (file))
    prefix_file_error (&local_error, file);
  else
    {
      g_autofree char *name = display_basename (file);

      g_prefix_error (&local_error, "%s: ", name);
    }
  g_propagate_error (error, local_error);
  return FALSE;
}

/* A project replaces only a regular file (or makes a new one): writing to
 * a pipe would block forever, and a device or folder is surely a slip. */
static gboolean
check_save_target (GFile   *file,
                   GError **error)
{
  g_autoptr(GFileInfo) info = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info == NULL || g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR)
    return TRUE;

  g_set_error_literal (error, G_IO_ERROR,
                       g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY
                       ? G_IO_ERROR_IS_DIRECTORY : G_IO_ERROR_NOT_REGULAR_FILE,
                       _("not a regular file; choose a file name to save the project to"));
  prefix_file_error (error, file);
  return FALSE;
}

gboolean
collate_project_save_file (CollateProject  *self,
                           GFile           *file,
                           const char      *etag,
                           char           **new_etag,
                           GCancellable    *cancellable,
                           GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *etag_out = NULL;
  guint64 state;

  g_return_val_if_fail (COLLATE_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_save_target (file, error))
    return FALSE;

  state = collate_project_get_state (self);
  bytes = collate_project_to_bytes (self);

  if (!write_project (file, bytes, etag, &etag_out, cancellable, error))
    return FALSE;

  collate_project_mark_saved (self, state);
  if (new_etag != NULL)
    *new_etag = g_steal_pointer (&etag_out);
  return TRUE;
}

typedef struct
{
  guint64  state;
  GFile   *file;
  GBytes  *bytes;
  char    *etag;
} SaveData;

static void
save_data_free (gpointer data)
{
  SaveData *save = data;

  g_clear_object (&save->file);
  g_clear_pointer (&save->bytes, g_bytes_unref);
  g_free (save->etag);
  g_free (save);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *save = task_data;
  g_autofree char *etag = g_steal_pointer (&save->etag);
  GError *error = NULL;

  if (!write_project (save->file, save->bytes, etag, &save->etag, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveData *save = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  collate_project_mark_saved (g_task_get_source_object (task), save->state);
  g_task_return_boolean (task, TRUE);
}

void
collate_project_save_async (CollateProject      *self,
                            GFile               *file,
                            const char          *etag,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;
  GTask *writing;
  SaveData *save;

  g_return_if_fail (COLLATE_IS_PROJECT (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, collate_project_save_async);

  {
    GError *error = NULL;

    if (!check_save_target (file, &error))
      {
        g_task_return_error (task, error);
        g_object_unref (task);
        return;
      }
  }

  save = g_new0 (SaveData, 1);
  save->state = collate_project_get_state (self);
  save->file = g_object_ref (file);
  save->bytes = collate_project_to_bytes (self);
  save->etag = etag != NULL && etag[0] != '\0' ? g_strdup (etag) : NULL;
  g_task_set_task_data (task, save, save_data_free);

  /* The write runs in a thread of its own; @task ends on this one */
  writing = g_task_new (NULL, cancellable, save_done_cb, task);
  g_task_set_task_data (writing, save, NULL);
  g_task_run_in_thread (writing, save_thread);
  g_object_unref (writing);
}

gboolean
collate_project_save_finish (CollateProject  *self,
                             GAsyncResult    *result,
                             char           **new_etag,
                             GError         **error)
{
  SaveData *save;

  g_return_val_if_fail (COLLATE_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  save = g_task_get_task_data (G_TASK (result));
  if (new_etag != NULL)
    *new_etag = g_strdup (save->etag);
  return TRUE;
}
