/* collate-ingest-html.c — a web page's article as a document (libxml2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libxml2's HTML parser (the HTML 4 tag-soup parser, recovering as browsers
 * do) builds the tree; then:
 *
 *  1. Provenance from the head: <link rel="canonical">, Open Graph and
 *     article: meta tags, <meta name="author">, and JSON-LD (schema.org
 *     NewsArticle and kin) read with the core's checked JSON reader.
 *  2. Boilerplate goes: script, style, noscript, template, nav, footer,
 *     aside, form, buttons, iframes, a <header> outside the article (HTML5:
 *     one inside <article>, <main> or <section> is the article's own, with
 *     its headline and standfirst, and stays), a <figure> unless it holds a
 *     quote (a picture's caption is not the article's prose), ARIA
 *     navigation/banner/contentinfo/complementary regions, hidden elements
 *     (hidden, aria-hidden="true", an inline display: none or
 *     visibility: hidden), and elements whose class or id names a share
 *     bar, comments, adverts, related links, newsletters and so on.
 *  3. The article is the <article> (or itemprop="articleBody") holding the
 *     most paragraph text, else the page's <main> (or role="main"), else the
 *     element whose own <p> children hold the most (as readability-style
 *     extractors do).
 *  4. Its text, block by block: every paragraph, heading, list item and
 *     quote is one paragraph, white space collapsed, joined by blank lines;
 *     a <br> is a line break inside its paragraph, two in a row end it.
 *
 * libxml2 2.9's parser knows HTML 4's elements: HTML5's (article, main,
 * section, header, figure, mark, time…) it reports as unknown and keeps, as
 * elements with their text; HTML_PARSE_NOERROR and HTML_PARSE_NOWARNING
 * keep those reports off the terminal.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "collate-error.h"
#include "collate-json-reader.h"
#include "collate-ingest.h"
#include "collate-ingest-private.h"
#include "collate-project-io.h"

#define MAX_TITLE_CHARS 200

typedef struct
{
  char *canonical;
  char *og_url;
  char *publisher;
  char *author;
  char *published;
  char *headline;
  char *og_title;
  char *title;
  char *h1;
} PageMeta;

static void
page_meta_clear (PageMeta *meta)
{
  g_free (meta->canonical);
  g_free (meta->og_url);
  g_free (meta->publisher);
  g_free (meta->author);
  g_free (meta->published);
  g_free (meta->headline);
  g_free (meta->og_title);
  g_free (meta->title);
  g_free (meta->h1);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PageMeta, page_meta_clear)

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE && g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

static char *
get_attr (xmlNode    *node,
          const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy;

  if (value == NULL)
    return NULL;
  copy = g_strdup ((const char *) value);
  xmlFree (value);
  return copy;
}

/* White space collapsed to single spaces, trimmed; NULL if nothing is left */
static char *
collapse (const char *text)
{
  GString *out;
  gboolean space = FALSE;

  if (text == NULL)
    return NULL;
  out = g_string_new (NULL);
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0xA0)
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static void
set_once (char       **field,
          const char  *value)
{
  if (*field == NULL)
    *field = collapse (value);
}

/* ── JSON-LD ── */

static const CollateJsonValue *
json_member (const CollateJsonValue *object,
             const char             *name)
{
  if (object == NULL || object->type != COLLATE_JSON_OBJECT)
    return NULL;
  for (guint i = 0; i < object->length; i++)
    if (strcmp (object->v.members[i].name, name) == 0)
      return &object->v.members[i].value;
  return NULL;
}

static const char *
json_string (const CollateJsonValue *value)
{
  return value != NULL && value->type == COLLATE_JSON_STRING ? value->v.string : NULL;
}

/* A name: a string, {"name": …}, or a list of those joined by ", " */
static char *
json_names (const CollateJsonValue *value)
{
  if (value == NULL)
    return NULL;
  if (value->type == COLLATE_JSON_STRING)
    return collapse (value->v.string);
  if (value->type == COLLATE_JSON_OBJECT)
    return collapse (json_string (json_member (value, "name")));
  if (value->type == COLLATE_JSON_ARRAY)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      for (guint i = 0; i < value->length; i++)
        {
          g_autofree char *name = json_names (&value->v.items[i]);

          if (name == NULL)
            continue;
          if (out->len > 0)
            g_string_append (out, ", ");
          g_string_append (out, name);
        }
      return out->len > 0 ? g_strdup (out->str) : NULL;
    }
  return NULL;
}

static gboolean
is_article_type (const CollateJsonValue *type)
{
  const char *name = json_string (type);

  if (type != NULL && type->type == COLLATE_JSON_ARRAY)
    {
      for (guint i = 0; i < type->length; i++)
        if (is_article_type (&type->v.items[i]))
          return TRUE;
      return FALSE;
    }
  return name != NULL && (g_str_has_suffix (name, "Article") || strcmp (name, "BlogPosting") == 0
                          || strcmp (name, "Report") == 0);
}

static void
read_json_ld_object (const CollateJsonValue *object,
                     PageMeta               *meta)
{
  const CollateJsonValue *graph = json_member (object, "@graph");
  const CollateJsonValue *page;

  if (object == NULL)
    return;
  if (object->type == COLLATE_JSON_ARRAY)
    {
      for (guint i = 0; i < object->length; i++)
        read_json_ld_object (&object->v.items[i], meta);
      return;
    }
  if (graph != NULL)
    read_json_ld_object (graph, meta);
  if (!is_article_type (json_member (object, "@type")))
    return;

  set_once (&meta->headline, json_string (json_member (object, "headline")));
  set_once (&meta->published, json_string (json_member (object, "datePublished")));
  if (meta->author == NULL)
    meta->author = json_names (json_member (object, "author"));
  if (meta->publisher == NULL)
    meta->publisher = json_names (json_member (object, "publisher"));
  page = json_member (object, "mainEntityOfPage");
  set_once (&meta->og_url, json_string (page) ? json_string (page)
                                              : json_string (json_member (page, "@id")));
  set_once (&meta->og_url, json_string (json_member (object, "url")));
}

static void
read_json_ld (const char *text,
              PageMeta   *meta)
{
  g_autoptr(CollateJsonDocument) json = NULL;

  if (text == NULL)
    return;
  /* A page's scripts are not ours to judge: unreadable JSON-LD is skipped */
  json = collate_json_document_parse (text, strlen (text), COLLATE_MAX_DEPTH, NULL);
  if (json != NULL)
    read_json_ld_object (collate_json_document_get_root (json), meta);
}

/* ── Provenance from the head (and anywhere else meta tags are) ── */

static void
read_meta (xmlNode  *node,
           PageMeta *meta)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type != XML_ELEMENT_NODE)
        continue;
      if (is_element (node, "meta"))
        {
          g_autofree char *name = get_attr (node, "name");
          g_autofree char *property = get_attr (node, "property");
          g_autofree char *itemprop = get_attr (node, "itemprop");
          g_autofree char *content = get_attr (node, "content");
          const char *key = property ? property : name ? name : itemprop;

          if (key == NULL || content == NULL)
            continue;
          if (g_ascii_strcasecmp (key, "og:url") == 0)
            set_once (&meta->og_url, content);
          else if (g_ascii_strcasecmp (key, "og:site_name") == 0
                   || g_ascii_strcasecmp (key, "publisher") == 0)
            set_once (&meta->publisher, content);
          else if (g_ascii_strcasecmp (key, "author") == 0
                   || g_ascii_strcasecmp (key, "article:author") == 0
                   || g_ascii_strcasecmp (key, "byl") == 0)
            set_once (&meta->author, content);
          else if (g_ascii_strcasecmp (key, "article:published_time") == 0
                   || g_ascii_strcasecmp (key, "datePublished") == 0
                   || g_ascii_strcasecmp (key, "date") == 0
                   || g_ascii_strcasecmp (key, "dc.date") == 0)
            set_once (&meta->published, content);
          else if (g_ascii_strcasecmp (key, "og:title") == 0)
            set_once (&meta->og_title, content);
        }
      else if (is_element (node, "link"))
        {
          g_autofree char *rel = get_attr (node, "rel");

          if (rel != NULL && g_ascii_strcasecmp (rel, "canonical") == 0)
            {
              g_autofree char *href = get_attr (node, "href");

              set_once (&meta->canonical, href);
            }
        }
      else if (is_element (node, "title"))
        {
          xmlChar *text = xmlNodeGetContent (node);

          set_once (&meta->title, (const char *) text);
          xmlFree (text);
        }
      else if (is_element (node, "script"))
        {
          g_autofree char *type = get_attr (node, "type");

          if (type != NULL && g_ascii_strcasecmp (type, "application/ld+json") == 0)
            {
              xmlChar *text = xmlNodeGetContent (node);

              read_json_ld ((const char *) text, meta);
              xmlFree (text);
            }
          continue;
        }
      read_meta (node->children, meta);
    }
}

/* The page's first <h1> outside navigation and asides: the headline, even
 * where it sits in a <header> that goes with the boilerplate */
static xmlNode *
find_h1 (xmlNode *node)
{
  for (; node != NULL; node = node->next)
    {
      xmlNode *found;

      if (node->type != XML_ELEMENT_NODE || is_element (node, "nav") || is_element (node, "aside")
          || is_element (node, "footer") || is_element (node, "script") || is_element (node, "head"))
        continue;
      if (is_element (node, "h1"))
        return node;
      if ((found = find_h1 (node->children)) != NULL)
        return found;
    }
  return NULL;
}

/* ── Boilerplate ── */

static const char * const dropped_elements[] = {
  "script", "style", "noscript", "template", "nav", "footer", "aside",
  "form", "button", "input", "select", "textarea", "iframe", "object", "embed",
  "svg", "canvas", "video", "audio", "menu", "dialog", "head", "math", "search",
};

static const char * const dropped_roles[] = {
  "navigation", "banner", "contentinfo", "complementary", "search", "menu",
  "menubar", "dialog", "alert", "toolbar",
};

/* Whole words of a class or id that mark what is around an article */
static const char * const boilerplate_words[] = {
  "nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "share", "sharing",
  "social", "comment", "comments", "footer", "ad", "ads", "advert", "advertisement",
  "adverts", "sponsor", "sponsored", "promo", "related", "recommended", "newsletter",
  "subscribe", "subscription", "cookie", "cookies", "banner", "sidebar", "popup",
  "modal", "masthead", "outbrain", "taboola", "disqus", "paywall", "byline-share",
};

static gboolean
names_boilerplate (const char *value)
{
  g_auto(GStrv) words = NULL;

  if (value == NULL)
    return FALSE;
  words = g_regex_split_simple ("[^A-Za-z0-9]+", value, 0, 0);
  for (guint i = 0; words[i] != NULL; i++)
    for (guint k = 0; k < G_N_ELEMENTS (boilerplate_words); k++)
      if (g_ascii_strcasecmp (words[i], boilerplate_words[k]) == 0)
        return TRUE;
  return FALSE;
}

/* Whether the article, or its headline, is inside @node */
static gboolean
holds_article (xmlNode *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      g_autofree char *itemprop = NULL;

      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (is_element (child, "article") || is_element (child, "main") || is_element (child, "h1"))
        return TRUE;
      itemprop = get_attr (child, "itemprop");
      if ((itemprop != NULL && strcmp (itemprop, "articleBody") == 0) || holds_article (child))
        return TRUE;
    }
  return FALSE;
}

/* Whether @node sits in an <article>, <main> or <section> (HTML5: a
 * <header> there is that section's, not the site's banner) */
static gboolean
in_sectioning_content (xmlNode *node)
{
  for (xmlNode *up = node->parent; up != NULL && up->type == XML_ELEMENT_NODE; up = up->parent)
    {
      g_autofree char *role = NULL;
      g_autofree char *itemprop = NULL;

      if (is_element (up, "article") || is_element (up, "main") || is_element (up, "section"))
        return TRUE;
      role = get_attr (up, "role");
      itemprop = get_attr (up, "itemprop");
      if ((role != NULL && g_ascii_strcasecmp (role, "main") == 0)
          || (itemprop != NULL && strcmp (itemprop, "articleBody") == 0))
        return TRUE;
    }
  return FALSE;
}

/* Whether @node holds a <blockquote> (a pull quote in a <figure>) */
static gboolean
holds_quote (xmlNode *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE && (is_element (child, "blockquote") || holds_quote (child)))
      return TRUE;
  return FALSE;
}

/* An inline style that hides the element: display: none, visibility: hidden */
static gboolean
style_hides (const char *style)
{
  g_autofree char *squeezed = NULL;
  char *w;

  if (style == NULL)
    return FALSE;
  squeezed = g_ascii_strdown (style, -1);
  w = squeezed;
  for (const char *r = squeezed; *r != '\0'; r++)
    if (!g_ascii_isspace (*r))
      *w++ = *r;
  *w = '\0';
  return strstr (squeezed, "display:none") != NULL || strstr (squeezed, "visibility:hidden") != NULL;
}

static gboolean
is_boilerplate (xmlNode *node)
{
  g_autofree char *role = NULL;
  g_autofree char *klass = NULL;
  g_autofree char *id = NULL;
  g_autofree char *hidden = NULL;
  g_autofree char *style = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (dropped_elements); i++)
    if (is_element (node, dropped_elements[i]))
      return TRUE;
  if (is_element (node, "header") && !in_sectioning_content (node))
    return TRUE;
  if (is_element (node, "figure") && !holds_quote (node))
    return TRUE;
  style = get_attr (node, "style");
  if (style_hides (style))
    return TRUE;
  /* the article itself is never dropped for its class ("article ad-free") */
  if (is_element (node, "article") || is_element (node, "main") || is_element (node, "body"))
    return FALSE;

  role = get_attr (node, "role");
  for (guint i = 0; role != NULL && i < G_N_ELEMENTS (dropped_roles); i++)
    if (g_ascii_strcasecmp (role, dropped_roles[i]) == 0)
      return TRUE;
  if (xmlHasProp (node, (const xmlChar *) "hidden") != NULL)
    return TRUE;
  hidden = get_attr (node, "aria-hidden");
  if (hidden != NULL && g_ascii_strcasecmp (hidden, "true") == 0)
    return TRUE;
  klass = get_attr (node, "class");
  id = get_attr (node, "id");
  /* a class names what an element is about, loosely: a wrapper such as
   * "site-content has-sidebar" around the article stays */
  return (names_boilerplate (klass) || names_boilerplate (id)) && !holds_article (node);
}

static void
drop_boilerplate (xmlNode *node)
{
  xmlNode *next;

  for (; node != NULL; node = next)
    {
      next = node->next;
      if (node->type == XML_COMMENT_NODE
          || (node->type == XML_ELEMENT_NODE && is_boilerplate (node)))
        {
          xmlUnlinkNode (node);
          xmlFreeNode (node);
          continue;
        }
      if (node->type == XML_ELEMENT_NODE)
        drop_boilerplate (node->children);
    }
}

/* ── Finding the article ── */

/* Bytes of text other than ASCII white space: a measure, not a count of
 * characters */
static gsize
text_length (xmlNode *node)
{
  xmlChar *text = xmlNodeGetContent (node);
  gsize n = 0;

  for (const xmlChar *p = text; p != NULL && *p; p++)
    if (!g_ascii_isspace (*p))
      n++;
  xmlFree (text);
  return n;
}

/* The <article> or articleBody with the most text, and the element whose
 * own <p> children have the most */
static void
score (xmlNode     *node,
       xmlNode    **best_article,
       gsize       *best_article_length,
       GHashTable  *paragraph_text)
{
  for (; node != NULL; node = node->next)
    {
      g_autofree char *itemprop = NULL;

      if (node->type != XML_ELEMENT_NODE)
        continue;
      itemprop = get_attr (node, "itemprop");
      if (is_element (node, "article") || (itemprop != NULL && strcmp (itemprop, "articleBody") == 0))
        {
          gsize length = text_length (node);

          if (length > *best_article_length)
            {
              *best_article = node;
              *best_article_length = length;
            }
        }
      if (is_element (node, "p") && node->parent != NULL)
        {
          gsize sum = GPOINTER_TO_SIZE (g_hash_table_lookup (paragraph_text, node->parent));

          g_hash_table_insert (paragraph_text, node->parent,
                               GSIZE_TO_POINTER (sum + text_length (node)));
        }
      score (node->children, best_article, best_article_length, paragraph_text);
    }
}

/* The page's <main>, or its element of role="main" */
static xmlNode *
find_main (xmlNode *node)
{
  for (; node != NULL; node = node->next)
    {
      g_autofree char *role = NULL;
      xmlNode *found;

      if (node->type != XML_ELEMENT_NODE)
        continue;
      role = get_attr (node, "role");
      if (is_element (node, "main") || (role != NULL && g_ascii_strcasecmp (role, "main") == 0))
        return node;
      if ((found = find_main (node->children)) != NULL)
        return found;
    }
  return NULL;
}

static xmlNode *
find_article (xmlNode *root)
{
  g_autoptr(GHashTable) paragraph_text = g_hash_table_new (NULL, NULL);
  xmlNode *article = NULL;
  xmlNode *best = NULL;
  gsize article_length = 0, best_length = 0;
  GHashTableIter iter;
  gpointer key, value;

  score (root, &article, &article_length, paragraph_text);
  if (article != NULL)
    return article;
  if ((article = find_main (root)) != NULL && text_length (article) > 0)
    return article;

  g_hash_table_iter_init (&iter, paragraph_text);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_SIZE (value) > best_length)
      {
        best = key;
        best_length = GPOINTER_TO_SIZE (value);
      }
  return best != NULL ? best : root;
}

/* ── Text, block by block ── */

static const char * const block_elements[] = {
  "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6",
  "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "td", "th",
  "figcaption", "address", "hr", "body", "center", "header", "hgroup", "figure",
  "details", "summary",
};

static gboolean
is_block (xmlNode *node)
{
  for (guint i = 0; i < G_N_ELEMENTS (block_elements); i++)
    if (is_element (node, block_elements[i]))
      return TRUE;
  return FALSE;
}

typedef struct
{
  GPtrArray *paragraphs;
  GString   *current;
  gboolean   space;
  char      *first_heading;
} Collector;

static void
flush (Collector *c)
{
  while (c->current->len > 0 && c->current->str[c->current->len - 1] == '\n')
    g_string_truncate (c->current, c->current->len - 1);
  if (c->current->len > 0)
    g_ptr_array_add (c->paragraphs, g_strdup (c->current->str));
  g_string_truncate (c->current, 0);
  c->space = FALSE;
}

static void
collect (Collector *c,
         xmlNode   *node)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
        {
          const char *p = (const char *) node->content;

          while (p != NULL && *p)
            {
              const char *next = g_utf8_next_char (p);
              /* ASCII without decoding: most of a page */
              gboolean space = (guchar) *p < 0x80 ? g_ascii_isspace (*p)
                                                  : (g_unichar_isspace (g_utf8_get_char (p))
                                                     || g_utf8_get_char (p) == 0xA0);

              if (space)
                c->space = c->current->len > 0 && c->current->str[c->current->len - 1] != '\n';
              else
                {
                  if (c->space)
                    g_string_append_c (c->current, ' ');
                  c->space = FALSE;
                  g_string_append_len (c->current, p, next - p);
                }
              p = next;
            }
          continue;
        }
      if (node->type != XML_ELEMENT_NODE)
        continue;
      if (is_element (node, "br"))
        {
          /* a line break in the paragraph; a second in a row ends it */
          if (c->current->len > 0 && c->current->str[c->current->len - 1] == '\n')
            flush (c);
          else if (c->current->len > 0)
            g_string_append_c (c->current, '\n');
          c->space = FALSE;
          continue;
        }
      if (is_block (node))
        {
          guint before = c->paragraphs->len;

          flush (c);
          collect (c, node->children);
          flush (c);
          if (c->first_heading == NULL && before < c->paragraphs->len && is_element (node, "h1"))
            c->first_heading = g_strdup (g_ptr_array_index (c->paragraphs, before));
          continue;
        }
      collect (c, node->children);
    }
}

/* "Headline | Site name" → "Headline" when the site name is known */
static char *
strip_site_name (const char *title,
                 const char *publisher)
{
  static const char * const separators[] = { " | ", " - ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", " \xc2\xb7 " };

  if (title == NULL)
    return NULL;
  for (guint i = 0; publisher != NULL && i < G_N_ELEMENTS (separators); i++)
    {
      g_autofree char *suffix = g_strconcat (separators[i], publisher, NULL);

      if (g_str_has_suffix (title, suffix) && strlen (title) > strlen (suffix))
        return g_strndup (title, strlen (title) - strlen (suffix));
    }
  return g_strdup (title);
}

static char *
resolve (const char *href,
         const char *base)
{
  if (href == NULL)
    return NULL;
  if (base != NULL && g_uri_peek_scheme (href) == NULL)
    {
      char *resolved = g_uri_resolve_relative (base, href, G_URI_FLAGS_NONE, NULL);

      if (resolved != NULL)
        return resolved;
    }
  return g_strdup (href);
}

CollateDocument *
collate_ingest_html (GBytes      *page,
                     const char  *id,
                     const char  *source,
                     const char  *url,
                     const char  *charset,
                     GDateTime   *retrieved,
                     GError     **error)
{
  g_auto(PageMeta) meta = { 0 };
  g_autoptr(CollateDocument) document = NULL;
  g_autoptr(GPtrArray) paragraphs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *shown = g_utf8_make_valid (source != NULL ? source : "", -1);
  Collector collector = { paragraphs, NULL, FALSE, NULL };
  const char *data;
  gsize length;
  htmlDocPtr doc;
  xmlNode *root, *article;

  g_return_val_if_fail (page != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  data = g_bytes_get_data (page, &length);
  if (length > G_MAXINT)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_TOO_LARGE,
                   _("%s: the page is too large to read"), shown);
      return NULL;
    }
  if (collate_ingest_sniff (data, length) != COLLATE_INGEST_HTML)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_FORMAT,
                   _("%s: not a web page: %s"), shown, collate_ingest_describe (data, length));
      return NULL;
    }

  /* No network access (NONET), no error output: a page's faults are
   * repaired as a browser would */
  doc = htmlReadMemory (data, (int) length, url, charset,
                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING
                        | HTML_PARSE_NONET);
  root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
  if (root == NULL)
    {
      if (doc != NULL)
        xmlFreeDoc (doc);
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_PARSE,
                   _("%s: the page could not be read as HTML: it has no elements"), shown);
      return NULL;
    }

  read_meta (root, &meta);
  {
    xmlNode *h1 = find_h1 (root);
    xmlChar *content = h1 != NULL ? xmlNodeGetContent (h1) : NULL;

    meta.h1 = collapse ((const char *) content);
    xmlFree (content);
  }
  drop_boilerplate (root);
  article = find_article (root);

  collector.current = g_string_new (NULL);
  collect (&collector, article->children);
  flush (&collector);
  g_string_free (collector.current, TRUE);
  xmlFreeDoc (doc);

  if (paragraphs->len == 0)
    {
      g_free (collector.first_heading);
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                   _("%s: no article text found in the page (only navigation, scripts "
                     "or other page furniture, or nothing at all)"), shown);
      return NULL;
    }

  /* The headline: the article's own <h1>, else what the page's metadata
   * says, else the page's first <h1> (which may be the site's logo), else
   * its <title> without the site's name */
  title = g_strdup (collector.first_heading);
  g_free (collector.first_heading);
  if (title == NULL)
    title = g_strdup (meta.headline ? meta.headline : meta.og_title);
  if (title == NULL)
    title = g_strdup (meta.h1);
  if (title == NULL)
    title = strip_site_name (meta.title, meta.publisher);

  /* The text starts with the headline, as an article does, and has it once */
  if (title != NULL)
    g_string_append (text, title);
  for (guint i = 0; i < paragraphs->len; i++)
    {
      if (title != NULL && strcmp (title, g_ptr_array_index (paragraphs, i)) == 0)
        continue;
      if (text->len > 0)
        g_string_append (text, "\n\n");
      g_string_append (text, g_ptr_array_index (paragraphs, i));
    }
  g_string_append_c (text, '\n');

  {
    const char *full = title != NULL ? title : g_ptr_array_index (paragraphs, 0);
    g_autofree char *shown_title = g_utf8_strlen (full, -1) > MAX_TITLE_CHARS
                                   ? g_utf8_substring (full, 0, MAX_TITLE_CHARS)
                                   : g_strdup (full);

    document = collate_document_new (id, shown_title, shown, text->str, (gssize) text->len, error);
  }
  if (document == NULL)
    return NULL;

  canonical = resolve (meta.canonical ? meta.canonical : meta.og_url, url);
  collate_ingest_set_provenance (document, canonical != NULL ? canonical : url,
                                 "text/html", page, retrieved);
  if (meta.publisher != NULL)
    collate_document_set_metadata_value (document, "publisher", meta.publisher);
  if (meta.author != NULL)
    collate_document_set_metadata_value (document, "author", meta.author);
  if (meta.published != NULL)
    collate_document_set_metadata_value (document, "published", meta.published);
  return g_steal_pointer (&document);
}
