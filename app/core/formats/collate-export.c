/* collate-export.c — export options, the report, the format registry, and
 * writing outputs atomically
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "collate-error.h"
#include "collate-export-private.h"
#include "collate-text.h"

/* ── Formats ── */

typedef struct
{
  CollateExportFormat       format;
  CollateExportTextWriter   write_text;
  CollateExportFolderWriter write_folder;
} FormatEntry;

static const FormatEntry format_entries[] = {
  { { "jsonl", N_("JSON Lines"),
      N_("One document per line with its spans and links (spaCy/Prodigy style)"),
      ".jsonl", TRUE },
    collate_export_write_jsonl, NULL },
  { { "brat", N_("brat standoff"),
      N_("A folder of .txt and .ann files with annotation.conf and visual.conf"),
      NULL, TRUE },
    NULL, collate_export_write_brat },
  { { "conll", N_("CoNLL IOB2"),
      N_("Tokens and entity tags, one per line, sentences split"),
      ".conll", FALSE },
    collate_export_write_conll, NULL },
  { { "label-studio", N_("Label Studio"),
      N_("Tasks JSON with annotations, and the labeling config"),
      NULL, TRUE },
    NULL, collate_export_write_label_studio },
  { { "w3c", N_("W3C Web Annotation"),
      N_("An AnnotationCollection in JSON-LD with quote and position selectors"),
      ".jsonld", FALSE },
    collate_export_write_w3c, NULL },
  { { "nli", N_("NLI pairs"),
      N_("Premise, hypothesis and label for each link between spans"),
      ".jsonl", FALSE },
    collate_export_write_nli, NULL },
  { { "csv", N_("CSV audit table"),
      N_("One row per span and per link (RFC 4180)"),
      ".csv", FALSE },
    collate_export_write_csv, NULL },
};

static const CollateExportFormat *format_list[G_N_ELEMENTS (format_entries) + 1];

const CollateExportFormat *const *
collate_export_list_formats (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (guint i = 0; i < G_N_ELEMENTS (format_entries); i++)
        format_list[i] = &format_entries[i].format;
      format_list[G_N_ELEMENTS (format_entries)] = NULL;
      g_once_init_leave (&done, 1);
    }
  return format_list;
}

static const FormatEntry *
lookup_entry (const char *name)
{
  if (name == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (format_entries); i++)
    if (g_ascii_strcasecmp (format_entries[i].format.name, name) == 0)
      return &format_entries[i];
  return NULL;
}

const CollateExportFormat *
collate_export_lookup_format (const char *name)
{
  const FormatEntry *entry = lookup_entry (name);

  return entry ? &entry->format : NULL;
}

static char *
format_names (void)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (format_entries); i++)
    {
      if (i > 0)
        g_string_append (s, ", ");
      g_string_append (s, format_entries[i].format.name);
    }
  return g_string_free (s, FALSE);
}

/* ── Options ── */

struct _CollateExportOptions
{
  GObject               parent_instance;
  char                 *format;
  GStrv                 labels;
  guint                 split[3];
  guint64               seed;
  gboolean              strict;
  CollateExportContext  context;
  GStrv                 conll_labels;
  gboolean              links;
  gboolean              pairs;
};

G_DEFINE_FINAL_TYPE (CollateExportOptions, collate_export_options, G_TYPE_OBJECT)

enum {
  OPT_PROP_0,
  OPT_PROP_FORMAT,
  OPT_PROP_LABELS,
  OPT_PROP_SEED,
  OPT_PROP_STRICT,
  OPT_PROP_CONTEXT,
  OPT_PROP_CONLL_LABELS,
  OPT_PROP_LINKS,
  OPT_PROP_PAIRS,
  N_OPT_PROPS
};

static GParamSpec *option_properties[N_OPT_PROPS];

static void
collate_export_options_finalize (GObject *object)
{
  CollateExportOptions *self = COLLATE_EXPORT_OPTIONS (object);

  g_free (self->format);
  g_strfreev (self->labels);
  g_strfreev (self->conll_labels);
  G_OBJECT_CLASS (collate_export_options_parent_class)->finalize (object);
}

static void
collate_export_options_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CollateExportOptions *self = COLLATE_EXPORT_OPTIONS (object);

  switch (prop_id)
    {
    case OPT_PROP_FORMAT:
      g_value_set_string (value, self->format);
      break;
    case OPT_PROP_LABELS:
      g_value_set_boxed (value, self->labels);
      break;
    case OPT_PROP_SEED:
      g_value_set_uint64 (value, self->seed);
      break;
    case OPT_PROP_STRICT:
      g_value_set_boolean (value, self->strict);
      break;
    case OPT_PROP_CONTEXT:
      g_value_set_uint (value, self->context);
      break;
    case OPT_PROP_CONLL_LABELS:
      g_value_set_boxed (value, self->conll_labels);
      break;
    case OPT_PROP_LINKS:
      g_value_set_boolean (value, self->links);
      break;
    case OPT_PROP_PAIRS:
      g_value_set_boolean (value, self->pairs);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
collate_export_options_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  CollateExportOptions *self = COLLATE_EXPORT_OPTIONS (object);

  switch (prop_id)
    {
    case OPT_PROP_FORMAT:
      collate_export_options_set_format (self, g_value_get_string (value));
      break;
    case OPT_PROP_LABELS:
      collate_export_options_set_labels (self, g_value_get_boxed (value));
      break;
    case OPT_PROP_SEED:
      collate_export_options_set_seed (self, g_value_get_uint64 (value));
      break;
    case OPT_PROP_STRICT:
      collate_export_options_set_strict (self, g_value_get_boolean (value));
      break;
    case OPT_PROP_CONTEXT:
      collate_export_options_set_context (self, g_value_get_uint (value));
      break;
    case OPT_PROP_CONLL_LABELS:
      collate_export_options_set_conll_labels (self, g_value_get_boxed (value));
      break;
    case OPT_PROP_LINKS:
      collate_export_options_set_links (self, g_value_get_boolean (value));
      break;
    case OPT_PROP_PAIRS:
      collate_export_options_set_pairs (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
collate_export_options_class_init (CollateExportOptionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = collate_export_options_finalize;
  object_class->get_property = collate_export_options_get_property;
  object_class->set_property = collate_export_options_set_property;

  option_properties[OPT_PROP_FORMAT] =
    g_param_spec_string ("format", NULL, NULL, "jsonl", flags);
  option_properties[OPT_PROP_LABELS] =
    g_param_spec_boxed ("labels", NULL, NULL, G_TYPE_STRV, flags);
  option_properties[OPT_PROP_SEED] =
    g_param_spec_uint64 ("seed", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  option_properties[OPT_PROP_STRICT] =
    g_param_spec_boolean ("strict", NULL, NULL, FALSE, flags);
  option_properties[OPT_PROP_CONTEXT] =
    g_param_spec_uint ("context", NULL, NULL, COLLATE_EXPORT_CONTEXT_SPAN,
                       COLLATE_EXPORT_CONTEXT_SENTENCE, COLLATE_EXPORT_CONTEXT_SPAN, flags);
  option_properties[OPT_PROP_CONLL_LABELS] =
    g_param_spec_boxed ("conll-labels", NULL, NULL, G_TYPE_STRV, flags);
  option_properties[OPT_PROP_LINKS] =
    g_param_spec_boolean ("links", NULL, NULL, TRUE, flags);
  option_properties[OPT_PROP_PAIRS] =
    g_param_spec_boolean ("pairs", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_OPT_PROPS, option_properties);
}

static void
collate_export_options_init (CollateExportOptions *self)
{
  self->format = g_strdup ("jsonl");
  self->links = TRUE;
}

CollateExportOptions *
collate_export_options_new (const char *format)
{
  CollateExportOptions *self = g_object_new (COLLATE_TYPE_EXPORT_OPTIONS, NULL);

  if (format != NULL)
    collate_export_options_set_format (self, format);
  return self;
}

const char *
collate_export_options_get_format (CollateExportOptions *self)
{
  g_return_val_if_fail (COLLATE_IS_EXPORT_OPTIONS (self), NULL);
  return self->format;
}

void
collate_export_options_set_format (CollateExportOptions *self,
                                   const char           *format)
{
  g_return_if_fail (COLLATE_IS_EXPORT_OPTIONS (self));
  if (g_strcmp0 (self->format, format) == 0)
    return;
  g_free (self->format);
  self->format = g_strdup (format);
  g_object_notify_by_pspec (G_OBJECT (self), option_properties[OPT_PROP_FORMAT]);
}

const char *const *
collate_export_options_get_labels (CollateExportOptions *self)
{
  g_return_val_if_fail (COLLATE_IS_EXPORT_OPTIONS (self), NULL);
  return (const char *const *) self->labels;
}

void
collate_export_options_set_labels (CollateExportOptions *self,
                                   const char *const    *labels)
{
  g_return_if_fail (COLLATE_IS_EXPORT_OPTIONS (self));
  g_strfreev (self->labels);
  self->labels = (labels != NULL && labels[0] != NULL) ? g_strdupv ((char **) labels) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), option_properties[OPT_PROP_LABELS]);
}

void
collate_export_options_get_split (CollateExportOptions *self,
                                  guint                *train,
                                  guint                *dev,
                                  guint                *test)
{
  g_return_if_fail (COLLATE_IS_EXPORT_OPTIONS (self));
  if (train) *train = self->split[0];
  if (dev) *dev = self->split[1];
  if (test) *test = self->split[2];
}

gboolean
collate_export_options_set_split (CollateExportOptions *self,
                                  guint                 train,
                                  guint                 dev,
                                  guint                 test,
                                  GError              **error)
{
  g_return_val_if_fail (COLLATE_IS_EXPORT_OPTIONS (self), FALSE);

  if ((guint64) train + dev + test != 100 && (train | dev | test) != 0)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                   _("The split %u,%u,%u does not add up to 100"), train, dev, test);
      return FALSE;
    }
  self->split[0] = train;
  self->split[1] = dev;
  self->split[2] = test;
  return TRUE;
}

gboolean
collate_export_options_parse_split (CollateExportOptions *self,
                                    const char           *text,
                                    GError              **error)
{
  g_auto(GStrv) parts = NULL;
  guint values[3] = { 0, 0, 0 };
  guint n;

  g_return_val_if_fail (COLLATE_IS_EXPORT_OPTIONS (self), FALSE);

  parts = g_strsplit (text ? text : "", ",", -1);
  n = g_strv_length (parts);
  if (n < 2 || n > 3)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                   _("The split “%s” is not two or three percentages such as 80,10,10"),
                   text ? text : "");
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      guint64 v;
      g_autofree char *part = g_strstrip (g_strdup (parts[i]));

      if (!g_ascii_string_to_unsigned (part, 10, 0, 100, &v, NULL))
        {
          g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                       _("The split “%s” has “%s”, which is not a percentage from 0 to 100"),
                       text, part);
          return FALSE;
        }
      values[i] = (guint) v;
    }
  if (values[0] + values[1] + values[2] != 100)
    {
      /* as typed: 80,10 is not shown as 80,10,0, and 0,0,0 is no way to
       * say "no split" */
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                   _("The split “%s” adds up to %u, not 100"),
                   text, values[0] + values[1] + values[2]);
      return FALSE;
    }
  return collate_export_options_set_split (self, values[0], values[1], values[2], error);
}

gboolean
collate_export_options_has_split (CollateExportOptions *self)
{
  g_return_val_if_fail (COLLATE_IS_EXPORT_OPTIONS (self), FALSE);
  return (self->split[0] | self->split[1] | self->split[2]) != 0;
}

guint64
collate_export_options_get_seed (CollateExportOptions *self)
{
  g_return_val_if_fail (COLLATE_IS_EXPORT_OPTIONS (self), 0);
  return self->seed;
}

void
collate_export_options_set_seed (CollateExportOptions *self,
                                 guint64               seed)
{
  g_return_if_fail (COLLATE_IS_EXPORT_OPTIONS (self));
  if (self->seed == seed)
    return;
  self->seed = seed;
  g_object_notify_by_pspec (G_OBJECT (self), option_properties[OPT_PROP_SEED]);
}

gboolean
collate_export_options_get_strict (CollateExportOptions *self)
{
  g_return_val_if_fail (COLLATE_IS_EXPORT_OPTIONS (self), FALSE);
  return self->strict;
}

void
collate_export_options_set_strict (CollateExportOptions *self,
                                   gboolean              strict)
{
  g_return_if_fail (COLLATE_IS_EXPORT_OPTIONS (self));
  if (self->strict == !!strict)
    return;
  self->strict = !!strict;
  g_object_notify_by_pspec (G_OBJECT (self), option_properties[OPT_PROP_STRICT]);
}

gboolean
collate_export_options_get_links (CollateExportOptions *self)
{
  g_return_val_if_fail (COLLATE_IS_EXPORT_OPTIONS (self), TRUE);
  return self->links;
}

void
collate_export_options_set_links (CollateExportOptions *self,
                                  gboolean              links)
{
  g_return_if_fail (COLLATE_IS_EXPORT_OPTIONS (self));
  if (self->links == !!links)
    return;
  self->links = !!links;
  g_object_notify_by_pspec (G_OBJECT (self), option_properties[OPT_PROP_LINKS]);
}

gboolean
collate_export_options_get_pairs (CollateExportOptions *self)
{
  g_return_val_if_fail (COLLATE_IS_EXPORT_OPTIONS (self), FALSE);
  return self->pairs;
}

void
collate_export_options_set_pairs (CollateExportOptions *self,
                                  gboolean              pairs)
{
  g_return_if_fail (COLLATE_IS_EXPORT_OPTIONS (self));
  if (self->pairs == !!pairs)
    return;
  self->pairs = !!pairs;
  g_object_notify_by_pspec (G_OBJECT (self), option_properties[OPT_PROP_PAIRS]);
}

CollateExportContext
collate_export_options_get_context (CollateExportOptions *self)
{
  g_return_val_if_fail (COLLATE_IS_EXPORT_OPTIONS (self), COLLATE_EXPORT_CONTEXT_SPAN);
  return self->context;
}

void
collate_export_options_set_context (CollateExportOptions *self,
                                    CollateExportContext  context)
{
  g_return_if_fail (COLLATE_IS_EXPORT_OPTIONS (self));
  if (self->context == context)
    return;
  self->context = context;
  g_object_notify_by_pspec (G_OBJECT (self), option_properties[OPT_PROP_CONTEXT]);
}

const char *const *
collate_export_options_get_conll_labels (CollateExportOptions *self)
{
  g_return_val_if_fail (COLLATE_IS_EXPORT_OPTIONS (self), NULL);
  return (const char *const *) self->conll_labels;
}

void
collate_export_options_set_conll_labels (CollateExportOptions *self,
                                         const char *const    *labels)
{
  g_return_if_fail (COLLATE_IS_EXPORT_OPTIONS (self));
  g_strfreev (self->conll_labels);
  self->conll_labels = (labels != NULL && labels[0] != NULL) ? g_strdupv ((char **) labels) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), option_properties[OPT_PROP_CONLL_LABELS]);
}

static CollateExportOptions *
options_copy (CollateExportOptions *self)
{
  CollateExportOptions *copy = collate_export_options_new (self->format);

  collate_export_options_set_labels (copy, (const char *const *) self->labels);
  memcpy (copy->split, self->split, sizeof self->split);
  copy->seed = self->seed;
  copy->strict = self->strict;
  copy->context = self->context;
  copy->links = self->links;
  copy->pairs = self->pairs;
  collate_export_options_set_conll_labels (copy, (const char *const *) self->conll_labels);
  return copy;
}

char **
collate_export_split_list (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text ? text : "", ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *name = g_strstrip (parts[i]);

      if (*name != '\0')
        g_strv_builder_add (builder, name);
    }
  return g_strv_builder_end (builder);
}

/* ── Report ── */

typedef struct
{
  char  *key;
  char  *message;
  guint  count;
} Warning;

struct _CollateExportReport
{
  GObject     parent_instance;
  GPtrArray  *warnings;     /* Warning, in order of first appearance */
  GHashTable *by_key;       /* key → Warning */
  GMutex      lock;
  guint       n_documents;
  guint       n_spans;
  guint       n_links;
  guint       n_records;
};

G_DEFINE_FINAL_TYPE (CollateExportReport, collate_export_report, G_TYPE_OBJECT)

static void
warning_free (gpointer data)
{
  Warning *w = data;

  g_free (w->key);
  g_free (w->message);
  g_free (w);
}

static void
collate_export_report_finalize (GObject *object)
{
  CollateExportReport *self = COLLATE_EXPORT_REPORT (object);

  g_hash_table_unref (self->by_key);
  g_ptr_array_unref (self->warnings);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (collate_export_report_parent_class)->finalize (object);
}

static void
collate_export_report_class_init (CollateExportReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = collate_export_report_finalize;
}

static void
collate_export_report_init (CollateExportReport *self)
{
  self->warnings = g_ptr_array_new_with_free_func (warning_free);
  self->by_key = g_hash_table_new (g_str_hash, g_str_equal);
  g_mutex_init (&self->lock);
}

CollateExportReport *
collate_export_report_new (void)
{
  return g_object_new (COLLATE_TYPE_EXPORT_REPORT, NULL);
}

void
collate_export_report_add (CollateExportReport *self,
                           const char          *key,
                           guint                count,
                           const char          *message_format,
                           ...)
{
  Warning *w;

  g_return_if_fail (COLLATE_IS_EXPORT_REPORT (self));
  g_return_if_fail (key != NULL);

  if (count == 0)
    return;

  g_mutex_lock (&self->lock);
  w = g_hash_table_lookup (self->by_key, key);
  if (w == NULL)
    {
      va_list args;

      w = g_new0 (Warning, 1);
      w->key = g_strdup (key);
      va_start (args, message_format);
      w->message = g_strdup_vprintf (message_format, args);
      va_end (args);
      g_ptr_array_add (self->warnings, w);
      g_hash_table_insert (self->by_key, w->key, w);
    }
  w->count += count;
  g_mutex_unlock (&self->lock);
}

guint
collate_export_report_get_n_warnings (CollateExportReport *self)
{
  g_return_val_if_fail (COLLATE_IS_EXPORT_REPORT (self), 0);
  return self->warnings->len;
}

const char *
collate_export_report_get_key (CollateExportReport *self,
                               guint                index)
{
  g_return_val_if_fail (COLLATE_IS_EXPORT_REPORT (self), NULL);
  g_return_val_if_fail (index < self->warnings->len, NULL);
  return ((Warning *) g_ptr_array_index (self->warnings, index))->key;
}

const char *
collate_export_report_get_message (CollateExportReport *self,
                                   guint                index)
{
  g_return_val_if_fail (COLLATE_IS_EXPORT_REPORT (self), NULL);
  g_return_val_if_fail (index < self->warnings->len, NULL);
  return ((Warning *) g_ptr_array_index (self->warnings, index))->message;
}

guint
collate_export_report_get_count (CollateExportReport *self,
                                 guint                index)
{
  g_return_val_if_fail (COLLATE_IS_EXPORT_REPORT (self), 0);
  g_return_val_if_fail (index < self->warnings->len, 0);
  return ((Warning *) g_ptr_array_index (self->warnings, index))->count;
}

guint
collate_export_report_lookup (CollateExportReport *self,
                              const char          *key)
{
  Warning *w;

  g_return_val_if_fail (COLLATE_IS_EXPORT_REPORT (self), 0);
  w = g_hash_table_lookup (self->by_key, key);
  return w ? w->count : 0;
}

char *
collate_export_report_to_string (CollateExportReport *self)
{
  GString *s = g_string_new (NULL);

  g_return_val_if_fail (COLLATE_IS_EXPORT_REPORT (self), NULL);
  for (guint i = 0; i < self->warnings->len; i++)
    {
      Warning *w = g_ptr_array_index (self->warnings, i);

      g_string_append_printf (s, "%s: %u\n", w->message, w->count);
    }
  return g_string_free (s, FALSE);
}

guint
collate_export_report_get_n_documents (CollateExportReport *self)
{
  return self->n_documents;
}

guint
collate_export_report_get_n_spans (CollateExportReport *self)
{
  return self->n_spans;
}

guint
collate_export_report_get_n_links (CollateExportReport *self)
{
  return self->n_links;
}

guint
collate_export_report_get_n_records (CollateExportReport *self)
{
  g_return_val_if_fail (COLLATE_IS_EXPORT_REPORT (self), 0);
  return self->n_records;
}

void
collate_export_report_add_records (CollateExportReport *self,
                                   guint                n_records)
{
  g_return_if_fail (COLLATE_IS_EXPORT_REPORT (self));
  self->n_records += n_records;
}

void
collate_export_report_add_written (CollateExportReport *self,
                                   guint                n_documents,
                                   guint                n_spans,
                                   guint                n_links)
{
  g_return_if_fail (COLLATE_IS_EXPORT_REPORT (self));
  self->n_documents += n_documents;
  self->n_spans += n_spans;
  self->n_links += n_links;
}

/* ── Helpers for the writers ── */

/* Bytes a JSON string cannot hold as they are: control characters, '"'
 * and '\\' (everything from 0x20 up, UTF-8 included, is written as is) */
const guint8 collate_export_json_escape[256] = {
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
};

char *
collate_export_put_json_escape (char   *p,
                                guchar  c)
{
  static const char hex[] = "0123456789abcdef";

  *p++ = '\\';
  switch (c)
    {
    case '"': *p++ = '"'; break;
    case '\\': *p++ = '\\'; break;
    case '\n': *p++ = 'n'; break;
    case '\r': *p++ = 'r'; break;
    case '\t': *p++ = 't'; break;
    case '\b': *p++ = 'b'; break;
    case '\f': *p++ = 'f'; break;
    default:
      *p++ = 'u';
      *p++ = '0';
      *p++ = '0';
      *p++ = hex[c >> 4];
      *p++ = hex[c & 15];
      break;
    }
  return p;
}

/* Does any of the 8 bytes of @v need an escape?  (The usual "has a zero
 * byte" and "has a byte less than n" tests; exact for "any".) */
static inline gboolean
word_needs_escape (guint64 v)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 highs = G_GUINT64_CONSTANT (0x8080808080808080);
  guint64 quote = v ^ (ones * '"');
  guint64 backslash = v ^ (ones * '\\');

  return ((((quote - ones) & ~quote) |
           ((backslash - ones) & ~backslash) |
           ((v - ones * 0x20) & ~v)) & highs) != 0;
}

void
collate_export_append_json_chars (GString    *out,
                                  const char *text,
                                  gsize       length)
{
  const char *p = text, *run = text, *end = text + length;

  /* most text needs no escape: skip it eight bytes at a time and append
   * the runs between escapes at once */
  for (;;)
    {
      char esc[8];
      guint64 v;

      while (end - p >= 8)
        {
          memcpy (&v, p, 8);
          if (word_needs_escape (v))
            break;
          p += 8;
        }
      while (p < end && !collate_export_json_escape[(guchar) *p])
        p++;
      if (p == end)
        break;
      g_string_append_len (out, run, p - run);
      g_string_append_len (out, esc, collate_export_put_json_escape (esc, (guchar) *p) - esc);
      run = ++p;
    }
  g_string_append_len (out, run, end - run);
}

void
collate_export_append_document_metadata (GString         *out,
                                          CollateDocument *document)
{
  g_autofree const char **keys = NULL;
  guint n_keys;

  keys = collate_document_get_metadata_keys (document, &n_keys);
  if (n_keys == 0)
    return;
  g_string_append (out, ",\"metadata\":{");
  for (guint i = 0; i < n_keys; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      collate_export_append_json_string (out, keys[i], -1);
      g_string_append_c (out, ':');
      collate_export_append_json_string (out,
                                         collate_document_get_metadata_value (document, keys[i]),
                                         -1);
    }
  g_string_append_c (out, '}');
}

void
collate_export_append_json_string (GString    *out,
                                   const char *text,
                                   gssize      length)
{
  if (text == NULL)
    text = "";
  if (length < 0)
    length = strlen (text);
  g_string_append_c (out, '"');
  collate_export_append_json_chars (out, text, length);
  g_string_append_c (out, '"');
}

void
collate_export_append_xml_escaped (GString    *out,
                                   const char *text)
{
  for (const char *p = text ? text : ""; *p; p++)
    {
      switch (*p)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"': g_string_append (out, "&quot;"); break;
        case '\'': g_string_append (out, "&apos;"); break;
        case '\n': g_string_append (out, "&#10;"); break;
        case '\t': g_string_append (out, "&#9;"); break;
        case '\r': g_string_append (out, "&#13;"); break;
        default:
          if ((guchar) *p < 0x20)
            g_string_append_c (out, ' ');
          else
            g_string_append_c (out, *p);
        }
    }
}

gboolean
collate_export_write_file (const char  *folder,
                           const char  *name,
                           const char  *data,
                           gsize        length,
                           GError     **error)
{
  /* @folder is the export's temporary folder: it reaches the disk whole,
   * or not at all (collate_file_writer_commit()) */
  g_autofree char *path = g_build_filename (folder, name, NULL);
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  guint64 written = 0;
  gboolean ok;

  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not write “%s”: %s"), name, g_strerror (saved));
      return FALSE;
    }
  ok = collate_file_write_all (fd, data, length, &written, error);
  if (close (fd) != 0 && ok)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not write “%s”: %s"), name, g_strerror (saved));
      return FALSE;
    }
  if (!ok)
    g_prefix_error (error, _("Could not write “%s”: "), name);
  return ok;
}

/* Names Windows keeps for devices, whatever the extension: "CON.txt" is
 * not a file there */
static gboolean
is_reserved_name (const char *name)
{
  static const char *const reserved[] = { "CON", "PRN", "AUX", "NUL", NULL };
  gsize len = strcspn (name, ".");

  for (guint i = 0; reserved[i]; i++)
    if (len == 3 && g_ascii_strncasecmp (name, reserved[i], 3) == 0)
      return TRUE;
  return len == 4 &&
         (g_ascii_strncasecmp (name, "COM", 3) == 0 || g_ascii_strncasecmp (name, "LPT", 3) == 0) &&
         name[3] >= '1' && name[3] <= '9';
}

char *
collate_export_sanitize_filename (const char *name)
{
  GString *s = g_string_new (NULL);
  const char *p;
  gboolean last_sep = TRUE;

  if (name != NULL && g_utf8_validate (name, -1, NULL))
    for (p = name; *p; p = g_utf8_next_char (p))
      {
        gunichar c = g_utf8_get_char (p);
        gboolean keep;

        if (c < 0x80)
          keep = g_ascii_isalnum (c) || c == '-' || c == '_' || c == '.';
        else
          keep = g_unichar_isalnum (c);

        if (keep && !(c == '.' && last_sep))
          {
            if (s->len + 6 > 80)
              break;
            g_string_append_unichar (s, c);
            last_sep = FALSE;
          }
        else if (!last_sep)
          {
            g_string_append_c (s, '-');
            last_sep = TRUE;
          }
      }

  /* No trailing separators or dots, no leading dots, nor dashes that a
   * command would take for an option */
  while (s->len > 0 && (s->str[s->len - 1] == '-' || s->str[s->len - 1] == '.'))
    g_string_truncate (s, s->len - 1);
  while (s->len > 0 && (s->str[0] == '.' || s->str[0] == '-'))
    g_string_erase (s, 0, 1);
  if (s->len == 0)
    g_string_assign (s, "document");
  else if (is_reserved_name (s->str))
    g_string_prepend_c (s, '_');
  return g_string_free (s, FALSE);
}

char *
collate_export_suggest_name (CollateProject *project,
                             const char     *format,
                             gboolean        split)
{
  const FormatEntry *entry = lookup_entry (format);
  g_autofree char *base = NULL;

  g_return_val_if_fail (COLLATE_IS_PROJECT (project), NULL);

  base = collate_export_sanitize_filename (collate_project_get_title (project));
  if (g_str_equal (base, "document"))
    {
      g_free (base);
      base = g_strdup ("dataset");
    }
  if (entry == NULL)
    return g_steal_pointer (&base);
  if (entry->format.extension == NULL || split)
    return g_strconcat (base, "-", entry->format.name, NULL);
  return g_strconcat (base, collate_export_format_name_tag (format), entry->format.extension,
                      NULL);
}

const char *
collate_export_format_name_tag (const char *format)
{
  static char *tags[G_N_ELEMENTS (format_entries)];
  const FormatEntry *entry = lookup_entry (format);
  guint index;

  if (entry == NULL || entry->format.extension == NULL)
    return "";
  index = (guint) (entry - format_entries);
  for (guint i = 0; i < index; i++)
    if (g_strcmp0 (format_entries[i].format.extension, entry->format.extension) == 0)
      {
        if (g_once_init_enter (&tags[index]))
          g_once_init_leave (&tags[index], g_strconcat ("-", entry->format.name, NULL));
        return tags[index];
      }
  return "";
}

/* ── The snapshot: what an export reads, taken from the project up front ── */

static void
export_doc_free (gpointer data)
{
  CollateExportDoc *doc = data;

  g_clear_object (&doc->document);
  g_clear_pointer (&doc->spans, g_ptr_array_unref);
  g_free (doc->file_stem);
  g_clear_pointer (&doc->tokens, g_array_unref);
  g_clear_pointer (&doc->sentences, g_array_unref);
  g_free (doc);
}

GArray *
collate_export_doc_get_tokens (CollateExportDoc *doc)
{
  if (doc->tokens == NULL)
    doc->tokens = collate_tokenize (collate_document_get_text (doc->document),
                                    collate_document_get_byte_length (doc->document));
  return doc->tokens;
}

GHashTable *
collate_export_part_links_by_doc (CollateExportSnapshot *snap,
                                  CollateExportPart     *part,
                                  gboolean               same_document_only,
                                  guint                 *n_cross)
{
  GHashTable *links_by_doc = g_hash_table_new_full (NULL, NULL, NULL,
                                                    (GDestroyNotify) g_ptr_array_unref);
  guint cross = 0;

  for (guint i = 0; i < part->links->len; i++)
    {
      CollateLink *l = g_ptr_array_index (part->links, i);
      CollateAnnotation *from = g_hash_table_lookup (snap->spans_by_id, collate_link_get_from (l));
      CollateExportDoc *doc = collate_export_snapshot_doc_of (snap, from);
      GPtrArray *list;

      if (same_document_only)
        {
          CollateAnnotation *to = g_hash_table_lookup (snap->spans_by_id, collate_link_get_to (l));

          if (!g_str_equal (collate_annotation_get_document_id (from),
                            collate_annotation_get_document_id (to)))
            {
              cross++;
              continue;
            }
        }
      list = g_hash_table_lookup (links_by_doc, doc);
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (links_by_doc, doc, list);
        }
      g_ptr_array_add (list, l);
    }
  if (n_cross != NULL)
    *n_cross = cross;
  return links_by_doc;
}

GArray *
collate_export_doc_get_sentences (CollateExportDoc *doc)
{
  if (doc->sentences == NULL)
    doc->sentences = collate_split_sentences (collate_document_get_text (doc->document),
                                              collate_document_get_byte_length (doc->document),
                                              collate_export_doc_get_tokens (doc));
  return doc->sentences;
}

static void
snapshot_free (CollateExportSnapshot *snap)
{
  g_clear_object (&snap->options);
  g_clear_object (&snap->report);
  g_free (snap->title);
  g_free (snap->destination);
  g_clear_pointer (&snap->span_labels, g_ptr_array_unref);
  g_clear_pointer (&snap->link_labels, g_ptr_array_unref);
  g_clear_pointer (&snap->spans_by_id, g_hash_table_unref);
  g_clear_pointer (&snap->docs_by_id, g_hash_table_unref);
  g_clear_pointer (&snap->docs, g_ptr_array_unref);
  g_clear_pointer (&snap->links, g_ptr_array_unref);
  g_clear_object (&snap->cancellable);
  g_free (snap);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CollateExportSnapshot, snapshot_free)

static gboolean
strv_has (GStrv strv, const char *s)
{
  return strv != NULL && g_strv_contains ((const char *const *) strv, s);
}

static CollateExportSnapshot *
snapshot_new (CollateProject        *project,
              CollateExportOptions  *options,
              CollateExportReport   *report,
              GCancellable          *cancellable,
              GError               **error)
{
  g_autoptr(CollateExportSnapshot) snap = g_new0 (CollateExportSnapshot, 1);
  CollateSchema *schema = collate_project_get_schema (project);
  GListModel *annotations, *links;
  g_autoptr(GHashTable) stems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean span_filter = FALSE, link_filter = FALSE;
  guint n_docs, n;

  snap->sink_fd = -1;
  snap->options = options_copy (options);
  snap->report = report ? g_object_ref (report) : collate_export_report_new ();
  snap->title = g_strdup (collate_project_get_title (project));
  snap->span_labels = collate_schema_dup_labels (schema, COLLATE_LABEL_KIND_SPAN);
  snap->link_labels = collate_schema_dup_labels (schema, COLLATE_LABEL_KIND_LINK);
  snap->cancellable = cancellable ? g_object_ref (cancellable) : NULL;

  if (lookup_entry (snap->options->format) == NULL)
    {
      g_autofree char *names = format_names ();

      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                   _("Unknown export format “%s” (known: %s)"),
                   snap->options->format ? snap->options->format : "", names);
      return NULL;
    }

  /* The label subset must name labels of the schema */
  if (snap->options->labels != NULL)
    for (guint i = 0; snap->options->labels[i]; i++)
      {
        const char *name = snap->options->labels[i];
        gboolean is_span = collate_schema_lookup (schema, COLLATE_LABEL_KIND_SPAN, name) != NULL;
        gboolean is_link = collate_schema_lookup (schema, COLLATE_LABEL_KIND_LINK, name) != NULL;

        if (!is_span && !is_link)
          {
            g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND,
                         _("The label “%s” is not in the project’s schema"), name);
            return NULL;
          }
        span_filter |= is_span;
        link_filter |= is_link;
      }
  if (snap->options->conll_labels != NULL)
    for (guint i = 0; snap->options->conll_labels[i]; i++)
      if (collate_schema_lookup (schema, COLLATE_LABEL_KIND_SPAN,
                                 snap->options->conll_labels[i]) == NULL)
        {
          g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND,
                       _("The CoNLL entity label “%s” is not a span label of the project’s schema"),
                       snap->options->conll_labels[i]);
          return NULL;
        }

  snap->docs = g_ptr_array_new_with_free_func (export_doc_free);
  snap->docs_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  snap->spans_by_id = g_hash_table_new (g_str_hash, g_str_equal);

  n_docs = collate_project_get_n_documents (project);
  for (guint i = 0; i < n_docs; i++)
    {
      CollateExportDoc *doc = g_new0 (CollateExportDoc, 1);
      const char *title;
      g_autofree char *stem = NULL;
      char *unique;
      guint k = 2;

      doc->document = g_object_ref (collate_project_get_document (project, i));
      doc->index = i;
      doc->spans = g_ptr_array_new_with_free_func (g_object_unref);
      title = collate_document_get_title (doc->document);
      stem = collate_export_sanitize_filename (title && *title ? title
                                               : collate_document_get_id (doc->document));
      if (strlen (stem) > 60)
        {
          /* keep it short, on a character boundary */
          const char *cut = g_utf8_find_prev_char (stem, stem + 61);
          gsize keep = cut - stem;

          while (keep > 1 && (stem[keep - 1] == '-' || stem[keep - 1] == '.'))
            keep--;
          stem[keep] = '\0';
        }
      /* unique even on case-insensitive file systems, and never the name of
       * a file the folder formats write themselves */
      unique = g_strdup (stem);
      for (;;)
        {
          g_autofree char *folded = g_utf8_casefold (unique, -1);

          if (!g_hash_table_contains (stems, folded) &&
              g_strcmp0 (folded, "annotation") != 0 && g_strcmp0 (folded, "visual") != 0 &&
              g_strcmp0 (folded, "tasks") != 0 && g_strcmp0 (folded, "config") != 0 &&
              g_strcmp0 (folded, "cross-document-links") != 0)
            {
              g_hash_table_add (stems, g_steal_pointer (&folded));
              break;
            }
          g_free (unique);
          unique = g_strdup_printf ("%s-%u", stem, k++);
        }
      doc->file_stem = unique;
      g_ptr_array_add (snap->docs, doc);
      g_hash_table_insert (snap->docs_by_id,
                           (gpointer) collate_document_get_id (doc->document), doc);
    }

  annotations = collate_project_get_annotations (project);
  n = g_list_model_get_n_items (annotations);
  for (guint i = 0; i < n; i++)
    {
      CollateAnnotation *a = g_list_model_get_item (annotations, i);
      CollateExportDoc *doc;

      if (span_filter && !strv_has (snap->options->labels, collate_annotation_get_label (a)))
        {
          g_object_unref (a);
          continue;
        }
      doc = g_hash_table_lookup (snap->docs_by_id, collate_annotation_get_document_id (a));
      if (doc == NULL)
        {
          g_object_unref (a);
          continue;
        }
      g_ptr_array_add (doc->spans, a);
      g_hash_table_insert (snap->spans_by_id, (gpointer) collate_annotation_get_id (a), a);
    }

  links = collate_project_get_links (project);
  n = g_list_model_get_n_items (links);
  snap->links = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      CollateLink *l = g_list_model_get_item (links, i);

      if (!snap->options->links ||
          (link_filter && !strv_has (snap->options->labels, collate_link_get_label (l))) ||
          !g_hash_table_contains (snap->spans_by_id, collate_link_get_from (l)) ||
          !g_hash_table_contains (snap->spans_by_id, collate_link_get_to (l)))
        {
          g_object_unref (l);
          continue;
        }
      g_ptr_array_add (snap->links, l);
    }

  /* No dataset format has a place for a link's attributes */
  {
    guint with_attributes = 0;

    for (guint i = 0; i < snap->links->len; i++)
      if (collate_link_get_n_attributes (g_ptr_array_index (snap->links, i)) > 0)
        with_attributes++;
    collate_export_report_add (snap->report, "link-attributes", with_attributes,
                               _("Links with attributes (such as the annotators of a merge), whose "
                                 "attributes were not written (the format has no place for them)"));
  }

  snap->work_total = 1 + snap->links->len + g_hash_table_size (snap->spans_by_id) + n_docs;
  return g_steal_pointer (&snap);
}

CollateExportDoc *
collate_export_snapshot_doc_of (CollateExportSnapshot *snap,
                                CollateAnnotation     *span)
{
  return g_hash_table_lookup (snap->docs_by_id, collate_annotation_get_document_id (span));
}

gboolean
collate_export_snapshot_step (CollateExportSnapshot  *snap,
                              guint                   units,
                              GError                **error)
{
  snap->work_done += units;
  if (g_cancellable_set_error_if_cancelled (snap->cancellable, error))
    return FALSE;
  if (snap->work_done - snap->work_reported >= 4096 || snap->work_done >= snap->work_total)
    {
      snap->work_reported = snap->work_done;
      if (snap->progress != NULL)
        snap->progress (snap, MIN (1.0, (double) snap->work_done / (double) snap->work_total));
    }
  return TRUE;
}

/* ── Splitting into parts ── */

static void
part_free (gpointer data)
{
  CollateExportPart *part = data;

  g_ptr_array_unref (part->docs);
  g_ptr_array_unref (part->links);
  g_free (part);
}

static const char *part_names[3] = { "train", "dev", "test" };

/* The documents are shuffled with GRand (Mersenne Twister) seeded with the
 * two halves of the seed, then cut by the percentages (rounded, the test set
 * taking the rest); each part lists its documents in project order. */
static GPtrArray *
make_parts (CollateExportSnapshot *snap)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (part_free);
  guint n_docs = snap->docs->len;
  g_autofree guint *order = g_new (guint, MAX (n_docs, 1));
  g_autofree int *part_of = g_new (int, MAX (n_docs, 1));
  guint n_parts = collate_export_options_has_split (snap->options) ? 3 : 1;

  for (guint i = 0; i < n_docs; i++)
    {
      order[i] = i;
      part_of[i] = 0;
    }

  if (n_parts == 3)
    {
      guint32 seed[2] = { (guint32) (snap->options->seed & 0xffffffffu),
                          (guint32) (snap->options->seed >> 32) };
      GRand *rand = g_rand_new_with_seed_array (seed, 2);
      guint cut_train, cut_dev;

      for (guint i = n_docs; i > 1; i--)
        {
          guint j = (guint) g_rand_int_range (rand, 0, (gint32) i);
          guint tmp = order[i - 1];

          order[i - 1] = order[j];
          order[j] = tmp;
        }
      g_rand_free (rand);

      cut_train = (n_docs * snap->options->split[0] + 50) / 100;
      cut_dev = cut_train + (n_docs * snap->options->split[1] + 50) / 100;
      cut_dev = MIN (cut_dev, n_docs);
      if (snap->options->split[2] == 0)
        cut_dev = n_docs;
      for (guint i = 0; i < n_docs; i++)
        part_of[order[i]] = i < cut_train ? 0 : i < cut_dev ? 1 : 2;
    }

  for (guint p = 0; p < n_parts; p++)
    {
      CollateExportPart *part = g_new0 (CollateExportPart, 1);

      part->name = n_parts == 3 ? part_names[p] : NULL;
      part->docs = g_ptr_array_new ();
      part->links = g_ptr_array_new ();
      for (guint i = 0; i < n_docs; i++)
        if (part_of[i] == (int) p)
          {
            CollateExportDoc *doc = g_ptr_array_index (snap->docs, i);

            g_ptr_array_add (part->docs, doc);
            part->n_spans += doc->spans->len;
          }
      g_ptr_array_add (parts, part);
    }

  /* Links go to the part of both of their spans */
  {
    guint crossing = 0;

    for (guint i = 0; i < snap->links->len; i++)
      {
        CollateLink *l = g_ptr_array_index (snap->links, i);
        CollateAnnotation *from = g_hash_table_lookup (snap->spans_by_id, collate_link_get_from (l));
        CollateAnnotation *to = g_hash_table_lookup (snap->spans_by_id, collate_link_get_to (l));
        CollateExportDoc *df = collate_export_snapshot_doc_of (snap, from);
        CollateExportDoc *dt = collate_export_snapshot_doc_of (snap, to);
        int pf = part_of[df->index], pt = part_of[dt->index];

        if (pf == pt)
          g_ptr_array_add (((CollateExportPart *) g_ptr_array_index (parts, pf))->links, l);
        else
          crossing++;
      }
    collate_export_report_add (snap->report, "split-crossing-links", crossing,
                               _("Links between documents that went to different parts of the "
                                 "split, not written"));
  }
  return parts;
}

/* ── Writing ── */

gboolean
collate_export_snapshot_flush (CollateExportSnapshot  *snap,
                               GString                *out,
                               gsize                   at_least,
                               GError                **error)
{
  const char *p = out->str;
  gsize left = out->len;

  if ((snap->sink_fd < 0 && snap->sink_writer == NULL) || left == 0 || left < at_least)
    return TRUE;
  if (snap->sink_writer != NULL)
    {
      if (!collate_file_writer_write (snap->sink_writer, p, left, error))
        return FALSE;
    }
  else if (!collate_file_write_all (snap->sink_fd, p, left, &snap->sink_written, error))
    {
      g_prefix_error (error, _("Could not write “%s”: "), snap->sink_name);
      return FALSE;
    }
  g_string_truncate (out, 0);
  return TRUE;
}

/* Runs a text writer with its output going to @fd as it grows */
static gboolean
write_text_to_fd (CollateExportSnapshot *snap,
                  const FormatEntry     *entry,
                  CollateExportPart     *part,
                  int                    fd,
                  CollateFileWriter     *writer,
                  const char            *name,
                  GError               **error)
{
  g_autoptr(GString) out = g_string_sized_new (COLLATE_EXPORT_FLUSH_SIZE + (1 << 16));
  gboolean ok;

  snap->sink_fd = fd;
  snap->sink_written = 0;
  snap->sink_writer = writer;
  snap->sink_name = name;
  ok = entry->write_text (snap, part, out, error) &&
       collate_export_snapshot_flush (snap, out, 0, error);
  snap->sink_fd = -1;
  snap->sink_writer = NULL;
  snap->sink_name = NULL;
  return ok;
}

static gboolean
run_writers (CollateExportSnapshot *snap,
             const FormatEntry     *entry,
             GPtrArray             *parts,
             const char            *folder,      /* folder formats or split; else NULL */
             CollateFileWriter     *single,      /* single file without split, or NULL */
             GString              **single_out,  /* in memory, or NULL */
             GError               **error)
{
  for (guint p = 0; p < parts->len; p++)
    {
      CollateExportPart *part = g_ptr_array_index (parts, p);

      if (entry->write_text != NULL && single != NULL)
        {
          if (!write_text_to_fd (snap, entry, part, -1, single, snap->destination, error))
            return FALSE;
        }
      else if (entry->write_text != NULL && folder == NULL)
        {
          g_autoptr(GString) out = g_string_sized_new (1 << 16);

          if (!entry->write_text (snap, part, out, error))
            return FALSE;
          *single_out = g_steal_pointer (&out);
        }
      else if (entry->write_text != NULL)
        {
          g_autofree char *name = g_strconcat (part->name, entry->format.extension, NULL);
          g_autofree char *path = g_build_filename (folder, name, NULL);
          int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL, 0644);
          gboolean ok;

          if (fd < 0)
            {
              int saved = errno;

              g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_FAILED,
                           _("Could not write “%s”: %s"), name, g_strerror (saved));
              return FALSE;
            }
          ok = write_text_to_fd (snap, entry, part, fd, NULL, name, error);
          if (close (fd) != 0 && ok)
            {
              int saved = errno;

              g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_FAILED,
                           _("Could not write “%s”: %s"), name, g_strerror (saved));
              ok = FALSE;
            }
          if (!ok)
            return FALSE;
        }
      else
        {
          g_autofree char *sub = part->name ? g_build_filename (folder, part->name, NULL)
                                            : g_strdup (folder);

          if (part->name != NULL && g_mkdir (sub, 0755) != 0)
            {
              int saved = errno;

              g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_FAILED,
                           _("Could not make the folder “%s”: %s"), part->name, g_strerror (saved));
              return FALSE;
            }
          if (!entry->write_folder (snap, part, sub, error))
            return FALSE;
        }
      collate_export_report_add_written (snap->report, part->docs->len, part->n_spans,
                                         part->links->len);
    }
  return TRUE;
}

static gboolean
check_strict (CollateExportSnapshot  *snap,
              GError                **error)
{
  g_autofree char *text = NULL;

  if (!snap->options->strict || collate_export_report_get_n_warnings (snap->report) == 0)
    return TRUE;

  text = collate_export_report_to_string (snap->report);
  g_strchomp (text);
  {
    g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
    g_autofree char *joined = g_strjoinv ("; ", lines);

    g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_UNSUPPORTED,
                 _("The %s format cannot hold everything in this project, and --strict is set, "
                   "so nothing was written: %s"),
                 snap->options->format, joined);
  }
  return FALSE;
}

void
collate_export_remove_tree (const char *path)
{
  collate_file_remove_tree (path);
}

static gboolean
export_snapshot_to_path (CollateExportSnapshot  *snap,
                         const char             *path,
                         GError                **error)
{
  const FormatEntry *entry = lookup_entry (snap->options->format);
  g_autoptr(GPtrArray) parts = make_parts (snap);
  gboolean as_folder = entry->write_folder != NULL || parts->len > 1;
  g_autofree char *parent = g_path_get_dirname (path);
  g_autofree char *shown = g_filename_display_name (path);
  g_autofree char *shown_parent = g_filename_display_name (parent);

  if (g_file_test (path, G_FILE_TEST_EXISTS) &&
      !g_file_test (path, G_FILE_TEST_IS_REGULAR) && !g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      /* a device, socket or pipe: never replace it */
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_EXISTS,
                   _("“%s” is not a regular file or folder; choose another destination"), shown);
      return FALSE;
    }
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !as_folder)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_EXISTS,
                   _("“%s” is a folder; give a file name for the %s export"),
                   shown, entry->format.name);
      return FALSE;
    }
  if (as_folder && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      GDir *dir = g_dir_open (path, 0, NULL);
      gboolean empty = dir != NULL && g_dir_read_name (dir) == NULL;

      if (dir != NULL)
        g_dir_close (dir);
      if (!empty)
        {
          g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_EXISTS,
                       _("“%s” already exists; the %s export writes a folder there, so "
                       "remove it or choose another name"),
                       shown, entry->format.name);
          return FALSE;
        }
    }
  if (!g_file_test (parent, G_FILE_TEST_IS_DIR))
    {
      if (g_file_test (parent, G_FILE_TEST_EXISTS))
        g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND,
                     _("“%s” is a file, not a folder: the export cannot be written inside it"),
                     shown_parent);
      else
        g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND,
                     _("The folder “%s” does not exist"), shown_parent);
      return FALSE;
    }

  if (g_cancellable_set_error_if_cancelled (snap->cancellable, error))
    return FALSE;
  g_free (snap->destination);
  snap->destination = g_strdup (path);

  /* Written as it is made to a temporary file or folder beside @path,
   * flushed to disk and renamed into place at the end: a failure or a
   * crash leaves @path as it was (collate-file-writer.h). */
  {
    g_autoptr(CollateFileWriter) writer = NULL;
    gboolean ok;

    writer = as_folder ? collate_file_writer_new_folder (path, error)
                       : collate_file_writer_new (path, NULL, error);
    if (writer == NULL)
      return FALSE;
    if (as_folder)
      ok = run_writers (snap, entry, parts, collate_file_writer_get_temp_path (writer),
                        NULL, NULL, error);
    else
      ok = run_writers (snap, entry, parts, NULL, writer, NULL, error);
    if (!ok)
      {
        collate_file_writer_abort (writer, error);
        return FALSE;
      }
    /* Its message says already that nothing was written */
    if (!check_strict (snap, error))
      return FALSE;
    return collate_file_writer_commit (writer, NULL, error);
  }
}

static void
sync_progress (CollateExportSnapshot *snap,
               double                 fraction)
{
  CollateProgressFunc func = ((gpointer *) snap->progress_data)[0];

  func (fraction, ((gpointer *) snap->progress_data)[1]);
}

gboolean
collate_export_to_file (CollateProject        *project,
                        CollateExportOptions  *options,
                        GFile                 *destination,
                        CollateExportReport   *report,
                        CollateProgressFunc    progress,
                        gpointer               progress_data,
                        GCancellable          *cancellable,
                        GError               **error)
{
  g_autoptr(CollateExportSnapshot) snap = NULL;
  g_autofree char *path = NULL;
  gpointer closure[2] = { progress, progress_data };

  g_return_val_if_fail (COLLATE_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (COLLATE_IS_EXPORT_OPTIONS (options), FALSE);
  g_return_val_if_fail (G_IS_FILE (destination), FALSE);

  path = g_file_get_path (destination);
  if (path == NULL)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_UNSUPPORTED,
                   _("Exports can only be written to local files"));
      return FALSE;
    }
  snap = snapshot_new (project, options, report, cancellable, error);
  if (snap == NULL)
    return FALSE;
  if (progress != NULL)
    {
      snap->progress = sync_progress;
      snap->progress_data = closure;
    }
  return export_snapshot_to_path (snap, path, error);
}

GBytes *
collate_export_to_bytes (CollateProject        *project,
                         CollateExportOptions  *options,
                         CollateExportReport   *report,
                         GCancellable          *cancellable,
                         GError               **error)
{
  g_autoptr(CollateExportSnapshot) snap = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GString) out = NULL;
  const FormatEntry *entry;

  g_return_val_if_fail (COLLATE_IS_PROJECT (project), NULL);
  g_return_val_if_fail (COLLATE_IS_EXPORT_OPTIONS (options), NULL);

  snap = snapshot_new (project, options, report, cancellable, error);
  if (snap == NULL)
    return NULL;
  entry = lookup_entry (snap->options->format);
  if (entry->write_text == NULL || collate_export_options_has_split (snap->options))
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_UNSUPPORTED,
                   _("The %s export writes several files; give it a destination folder"),
                   entry->format.name);
      return NULL;
    }
  parts = make_parts (snap);
  if (!run_writers (snap, entry, parts, NULL, NULL, &out, error) || !check_strict (snap, error))
    return NULL;
  return g_string_free_to_bytes (g_steal_pointer (&out));
}

/* ── Async ── */

/* Progress relayed from a worker thread (collate-export-private.h) */
struct _CollateProgressRelay
{
  CollateProgressFunc  progress;
  gpointer             progress_data;
  GDestroyNotify       progress_notify;
  GMainContext        *context;
  /* the latest fraction, until it is delivered */
  GMutex               lock;
  double               fraction;
  gboolean             pending;
};

CollateProgressRelay *
collate_progress_relay_new (CollateProgressFunc progress,
                            gpointer            progress_data,
                            GDestroyNotify      progress_notify)
{
  CollateProgressRelay *relay = g_new0 (CollateProgressRelay, 1);

  g_mutex_init (&relay->lock);
  relay->progress = progress;
  relay->progress_data = progress_data;
  relay->progress_notify = progress_notify;
  relay->context = g_main_context_ref_thread_default ();
  return relay;
}

typedef struct
{
  GDestroyNotify notify;
  gpointer       data;
} Notify;

static gboolean
run_notify (gpointer user_data)
{
  Notify *n = user_data;

  n->notify (n->data);
  g_free (n);
  return G_SOURCE_REMOVE;
}

void
collate_progress_relay_free (CollateProgressRelay *relay)
{
  /* The worker thread may hold the last reference to the task: free the
   * caller's data on the caller's main context all the same */
  if (relay->progress_notify != NULL)
    {
      Notify *n = g_new (Notify, 1);

      n->notify = relay->progress_notify;
      n->data = relay->progress_data;
      if (g_main_context_is_owner (relay->context))
        run_notify (n);
      else
        {
          GSource *source = g_idle_source_new ();

          g_source_set_callback (source, run_notify, n, NULL);
          g_source_attach (source, relay->context);
          g_source_unref (source);
        }
    }
  g_main_context_unref (relay->context);
  g_mutex_clear (&relay->lock);
  g_free (relay);
}

typedef struct
{
  GTask                *task;    /* keeps the relay (its task data) alive */
  CollateProgressRelay *relay;
} Delivery;

static void
delivery_free (gpointer data)
{
  Delivery *delivery = data;

  g_object_unref (delivery->task);
  g_free (delivery);
}

static gboolean
deliver_progress (gpointer user_data)
{
  Delivery *delivery = user_data;
  CollateProgressRelay *relay = delivery->relay;
  double fraction;

  g_mutex_lock (&relay->lock);
  fraction = relay->fraction;
  relay->pending = FALSE;
  g_mutex_unlock (&relay->lock);
  if (!g_task_get_completed (delivery->task))
    relay->progress (fraction, relay->progress_data);
  return G_SOURCE_REMOVE;
}

void
collate_progress_relay_update (CollateProgressRelay *relay,
                               GTask                *task,
                               double                fraction)
{
  gboolean schedule;

  if (relay->progress == NULL)
    return;
  g_mutex_lock (&relay->lock);
  relay->fraction = fraction;
  schedule = !relay->pending;
  relay->pending = TRUE;
  g_mutex_unlock (&relay->lock);
  if (schedule)
    {
      GSource *source = g_idle_source_new ();
      Delivery *delivery = g_new (Delivery, 1);

      delivery->task = g_object_ref (task);
      delivery->relay = relay;
      g_source_set_callback (source, deliver_progress, delivery, delivery_free);
      g_source_attach (source, relay->context);
      g_source_unref (source);
    }
}

typedef struct
{
  CollateExportSnapshot *snap;
  char                  *path;
  CollateProgressRelay  *relay;
} AsyncData;

static void
async_data_free (gpointer data)
{
  AsyncData *d = data;

  g_clear_pointer (&d->snap, snapshot_free);
  g_free (d->path);
  collate_progress_relay_free (d->relay);
  g_free (d);
}

static void
thread_progress (CollateExportSnapshot *snap,
                 double                 fraction)
{
  GTask *task = snap->progress_data;
  AsyncData *d = g_task_get_task_data (task);

  collate_progress_relay_update (d->relay, task, fraction);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  AsyncData *d = task_data;
  GError *error = NULL;

  if (export_snapshot_to_path (d->snap, d->path, &error))
    g_task_return_pointer (task, g_object_ref (d->snap->report), g_object_unref);
  else
    g_task_return_error (task, error);
}

void
collate_export_async (CollateProject        *project,
                      CollateExportOptions  *options,
                      GFile                 *destination,
                      CollateProgressFunc    progress,
                      gpointer               progress_data,
                      GDestroyNotify         progress_notify,
                      GCancellable          *cancellable,
                      GAsyncReadyCallback    callback,
                      gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  AsyncData *d;
  GError *error = NULL;

  g_return_if_fail (COLLATE_IS_PROJECT (project));
  g_return_if_fail (COLLATE_IS_EXPORT_OPTIONS (options));
  g_return_if_fail (G_IS_FILE (destination));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, collate_export_async);
  /* The worker checks @cancellable itself and stops with an error, leaving
   * nothing behind; once it has renamed the export into place the files are
   * there, and the result must say so even if a cancel arrives before the
   * callback runs (GTask would otherwise report "cancelled") */
  g_task_set_check_cancellable (task, FALSE);
  d = g_new0 (AsyncData, 1);
  d->relay = collate_progress_relay_new (progress, progress_data, progress_notify);
  g_task_set_task_data (task, d, async_data_free);

  d->path = g_file_get_path (destination);
  if (d->path == NULL)
    {
      g_task_return_new_error (task, COLLATE_ERROR, COLLATE_ERROR_UNSUPPORTED,
                               _("Exports can only be written to local files"));
      return;
    }
  d->snap = snapshot_new (project, options, NULL, cancellable, &error);
  if (d->snap == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  d->snap->progress = thread_progress;
  d->snap->progress_data = task;   /* the task outlives the thread's use */
  g_task_run_in_thread (task, export_thread);
}

CollateExportReport *
collate_export_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ── Merging several projects ── */

static char *
unique_id (GHashTable *taken,
           const char *id)
{
  char *candidate = g_strdup (id);

  for (guint k = 2; g_hash_table_contains (taken, candidate); k++)
    {
      g_free (candidate);
      candidate = g_strdup_printf ("%s-%u", id, k);
    }
  g_hash_table_add (taken, candidate);
  return g_strdup (candidate);
}

CollateProject *
collate_export_merge_projects (CollateProject *const *projects,
                               guint                  n_projects,
                               GError               **error)
{
  g_autoptr(CollateProject) merged = NULL;
  g_autoptr(GHashTable) doc_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) ann_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) link_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  CollateSchema *schema;
  guint64 next_id = 0;

  g_return_val_if_fail (n_projects > 0, NULL);

  if (n_projects == 1)
    return g_object_ref (projects[0]);

  {
    g_autoptr(CollateSchema) empty = collate_schema_new ();

    merged = collate_project_new (collate_project_get_title (projects[0]), empty);
  }
  schema = collate_project_get_schema (merged);

  for (guint p = 0; p < n_projects; p++)
    {
      CollateProject *project = projects[p];
      CollateSchema *source = collate_project_get_schema (project);
      g_autoptr(GHashTable) doc_map = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
      g_autoptr(GHashTable) ann_map = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
      GListModel *model;

      for (int kind = COLLATE_LABEL_KIND_SPAN; kind <= COLLATE_LABEL_KIND_LINK; kind++)
        for (guint i = 0; i < collate_schema_get_n_labels (source, kind); i++)
          {
            CollateLabel *label = collate_schema_get_label (source, kind, i);

            if (collate_schema_lookup (schema, kind, collate_label_get_name (label)) == NULL &&
                !collate_schema_add (schema, kind, label, NULL))
              {
                /* a hotkey clash: keep the name, let the schema pick a colour */
                collate_schema_ensure (schema, kind, collate_label_get_name (label));
              }
          }

      for (guint i = 0; i < collate_project_get_n_documents (project); i++)
        {
          CollateDocument *doc = collate_project_get_document (project, i);
          g_autofree char *id = unique_id (doc_ids, collate_document_get_id (doc));
          g_autoptr(CollateDocument) copy = NULL;

          copy = collate_document_new (id, collate_document_get_title (doc),
                                       collate_document_get_source (doc),
                                       collate_document_get_text (doc),
                                       collate_document_get_byte_length (doc), error);
          if (copy == NULL || !collate_project_add_document (merged, copy, error))
            return NULL;
          g_hash_table_insert (doc_map, (gpointer) collate_document_get_id (doc),
                               g_steal_pointer (&id));
        }

      model = collate_project_get_annotations (project);
      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(CollateAnnotation) a = g_list_model_get_item (model, i);
          g_autoptr(CollateAnnotation) copy = NULL;
          g_autofree char *id = unique_id (ann_ids, collate_annotation_get_id (a));
          g_autoptr(GHashTable) attrs = g_hash_table_new (g_str_hash, g_str_equal);
          g_autofree const char **keys = collate_annotation_get_attribute_keys (a);

          for (guint k = 0; keys && keys[k]; k++)
            g_hash_table_insert (attrs, (gpointer) keys[k],
                                 (gpointer) collate_annotation_get_attribute (a, keys[k]));
          copy = collate_annotation_new (id,
                                         g_hash_table_lookup (doc_map, collate_annotation_get_document_id (a)),
                                         collate_annotation_get_start (a),
                                         collate_annotation_get_end (a),
                                         collate_annotation_get_label (a),
                                         collate_annotation_get_text (a),
                                         collate_annotation_get_note (a),
                                         attrs,
                                         collate_annotation_get_author (a),
                                         collate_annotation_get_created (a),
                                         collate_annotation_get_modified (a));
          if (!collate_project_insert_annotation (merged, copy, error))
            return NULL;
          g_hash_table_insert (ann_map, (gpointer) collate_annotation_get_id (a),
                               g_steal_pointer (&id));
        }

      model = collate_project_get_links (project);
      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(CollateLink) l = g_list_model_get_item (model, i);
          g_autoptr(CollateLink) copy = NULL;
          g_autofree char *id = unique_id (link_ids, collate_link_get_id (l));

          copy = collate_link_new_with_attributes (id, collate_link_get_label (l),
                                                   g_hash_table_lookup (ann_map, collate_link_get_from (l)),
                                                   g_hash_table_lookup (ann_map, collate_link_get_to (l)),
                                                   collate_link_get_note (l),
                                                   collate_link_get_attributes (l),
                                                   collate_link_get_author (l),
                                   collate_link_get_created (l),
                                   collate_link_get_modified (l));
          if (!collate_project_insert_link (merged, copy, error))
            return NULL;
        }
      next_id = MAX (next_id, collate_project_get_next_id (project));
    }
  collate_project_set_next_id (merged, next_id);
  collate_project_set_modified (merged, FALSE);
  return g_steal_pointer (&merged);
}
