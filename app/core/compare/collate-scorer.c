/* collate-scorer.c — an external program that scores candidate pairs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The program runs under GSubprocess with pipes on its standard input,
 * output and error; g_subprocess_communicate_utf8_async writes the
 * requests and reads everything back while a timeout runs on a main
 * context of our own (this is called from a worker thread).  When time is
 * up the program is killed and the read is cancelled.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "collate-error.h"
#include "collate-scorer.h"

const char *
collate_score_label_to_string (CollateScoreLabel label)
{
  switch (label)
    {
    case COLLATE_SCORE_ENTAILMENT: return "entailment";
    case COLLATE_SCORE_CONTRADICTION: return "contradiction";
    case COLLATE_SCORE_NEUTRAL:
    default: return "neutral";
    }
}

/* "a": {"document": …, "start": …, "end": …} */
static void
add_side (JsonBuilder *b,
          const char  *name,
          const char  *document,
          guint        start,
          guint        end)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "document");
  json_builder_add_string_value (b, document ? document : "");
  json_builder_set_member_name (b, "start");
  json_builder_add_int_value (b, start);
  json_builder_set_member_name (b, "end");
  json_builder_add_int_value (b, end);
  json_builder_end_object (b);
}

static char *
requests (CollateScorerPair *pairs,
          guint              n_pairs)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n_pairs; i++)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonGenerator) g = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *line = NULL;
      CollateScorerPair *p = &pairs[i];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, i);
      json_builder_set_member_name (b, "premise");
      json_builder_add_string_value (b, p->premise ? p->premise : "");
      json_builder_set_member_name (b, "hypothesis");
      json_builder_add_string_value (b, p->hypothesis ? p->hypothesis : "");
      if (p->kind)
        {
          json_builder_set_member_name (b, "kind");
          json_builder_add_string_value (b, p->kind);
        }
      add_side (b, "a", p->document_a, p->start_a, p->end_a);
      add_side (b, "b", p->document_b, p->start_b, p->end_b);
      json_builder_end_object (b);

      root = json_builder_get_root (b);
      json_generator_set_root (g, root);
      line = json_generator_to_data (g, NULL);
      g_string_append (s, line);
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}

typedef struct
{
  GMainContext *context;
  gboolean      done;
  gboolean      timed_out;
  char         *out;
  char         *err;
  GError       *error;
} Run;

static void
communicated (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Run *run = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &run->out, &run->err,
                                        &run->error);
  run->done = TRUE;
  g_main_context_wakeup (run->context);
}

static gboolean
time_up (gpointer user_data)
{
  Run *run = user_data;

  run->timed_out = TRUE;
  g_main_context_wakeup (run->context);
  return G_SOURCE_REMOVE;
}

/* The last non-empty line of @text, shortened, or NULL */
static char *
last_line (const char *text)
{
  g_auto(GStrv) lines = NULL;
  guint n;

  if (text == NULL)
    return NULL;
  lines = g_strsplit (text, "\n", -1);
  n = g_strv_length (lines);
  while (n > 0)
    {
      g_autofree char *line = g_strstrip (g_strdup (lines[--n]));

      if (*line)
        {
          if (g_utf8_strlen (line, -1) > 200)
            *g_utf8_offset_to_pointer (line, 200) = '\0';
          return g_steal_pointer (&line);
        }
    }
  return NULL;
}

static gboolean
parse_answers (const char        *program,
               const char        *out,
               CollateScorerPair *pairs,
               guint              n_pairs,
               GError           **error)
{
  g_auto(GStrv) lines = g_strsplit (out ? out : "", "\n", -1);
  g_autofree gboolean *seen = g_new0 (gboolean, MAX (n_pairs, 1));
  guint answered = 0;

  for (guint l = 0; lines[l]; l++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) local = NULL;
      g_autofree char *line = g_strstrip (g_strdup (lines[l]));
      JsonNode *root;
      JsonObject *o;
      JsonNode *id, *label, *score;
      gint64 index;
      const char *name;
      double value;

      if (*line == '\0')
        continue;
      if (strlen (line) > 65536 || !json_parser_load_from_data (parser, line, -1, &local)
          || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
        {
          g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_PARSE,
                       _("the scorer %s answered line %u with something that is not a JSON object"),
                       program, l + 1);
          return FALSE;
        }
      o = json_node_get_object (root);
      id = json_object_get_member (o, "id");
      label = json_object_get_member (o, "label");
      score = json_object_get_member (o, "score");
      if (id == NULL || !JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_INT64)
        {
          g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_PARSE,
                       _("the scorer %s answered line %u without an integer \"id\""), program, l + 1);
          return FALSE;
        }
      index = json_node_get_int (id);
      if (index < 0 || index >= n_pairs)
        {
          g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_PARSE,
                       _("the scorer %s answered line %u for pair %lld, "
                         "but there are pairs 0 to %u only"),
                       program, l + 1, (long long) index, n_pairs - 1);
          return FALSE;
        }
      if (seen[index])
        {
          g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_PARSE,
                       _("the scorer %s answered pair %lld twice (line %u)"),
                       program, (long long) index, l + 1);
          return FALSE;
        }
      if (label == NULL || !JSON_NODE_HOLDS_VALUE (label)
          || json_node_get_value_type (label) != G_TYPE_STRING)
        {
          g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_PARSE,
                       _("the scorer %s answered line %u without a string \"label\""), program, l + 1);
          return FALSE;
        }
      name = json_node_get_string (label);
      if (g_str_equal (name, "contradiction"))
        pairs[index].label = COLLATE_SCORE_CONTRADICTION;
      else if (g_str_equal (name, "entailment"))
        pairs[index].label = COLLATE_SCORE_ENTAILMENT;
      else if (g_str_equal (name, "neutral"))
        pairs[index].label = COLLATE_SCORE_NEUTRAL;
      else
        {
          g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_PARSE,
                       _("the scorer %s answered line %u with label “%s”; labels are "
                         "contradiction, entailment and neutral"), program, l + 1, name);
          return FALSE;
        }
      if (score == NULL || !JSON_NODE_HOLDS_VALUE (score)
          || (json_node_get_value_type (score) != G_TYPE_DOUBLE
              && json_node_get_value_type (score) != G_TYPE_INT64))
        {
          g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_PARSE,
                       _("the scorer %s answered line %u without a number \"score\""), program, l + 1);
          return FALSE;
        }
      value = json_node_get_value_type (score) == G_TYPE_DOUBLE ? json_node_get_double (score)
                                                                 : (double) json_node_get_int (score);
      if (!(value >= 0 && value <= 1))
        {
          g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_PARSE,
                       _("the scorer %s answered line %u with score %g; scores are from 0 to 1"),
                       program, l + 1, value);
          return FALSE;
        }
      pairs[index].score = value;
      seen[index] = TRUE;
      answered++;
    }

  if (answered < n_pairs)
    {
      guint missing = 0;

      while (seen[missing])
        missing++;
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_PARSE,
                   _("the scorer %s answered %u of %u pairs; pair %u has no answer"),
                   program, answered, n_pairs, missing);
      return FALSE;
    }
  return TRUE;
}

gboolean
collate_scorer_run (const char * const *argv,
                    CollateScorerPair  *pairs,
                    guint               n_pairs,
                    guint               timeout_ms,
                    GCancellable       *cancellable,
                    GError            **error)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GCancellable) stop = g_cancellable_new ();
  g_autoptr(GError) local = NULL;
  g_autofree char *input = NULL;
  g_autofree char *program = NULL;
  GSource *timeout;
  gulong handler = 0;
  Run run = { 0 };
  gboolean ok = FALSE;

  g_return_val_if_fail (argv != NULL && argv[0] != NULL, FALSE);

  program = g_strdup_printf ("“%s”", argv[0]);
  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                     | G_SUBPROCESS_FLAGS_STDERR_PIPE, &local);
  if (process == NULL)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_FAILED,
                   _("the scorer %s could not be started: %s"), program, local->message);
      return FALSE;
    }

  input = requests (pairs, n_pairs);
  run.context = g_main_context_new ();
  g_main_context_push_thread_default (run.context);

  if (cancellable)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (g_cancellable_cancel),
                                     g_object_ref (stop), g_object_unref);
  g_subprocess_communicate_utf8_async (process, input, stop, communicated, &run);
  timeout = g_timeout_source_new (timeout_ms);
  g_source_set_callback (timeout, time_up, &run, NULL);
  g_source_attach (timeout, run.context);

  while (!run.done)
    {
      if (run.timed_out || g_cancellable_is_cancelled (stop))
        {
          g_subprocess_force_exit (process);
          g_cancellable_cancel (stop);
        }
      g_main_context_iteration (run.context, TRUE);
    }
  /* reap the program whatever happened */
  g_subprocess_wait (process, NULL, NULL);

  g_source_destroy (timeout);
  g_source_unref (timeout);
  if (handler)
    g_cancellable_disconnect (cancellable, handler);
  g_main_context_pop_thread_default (run.context);

  if (g_cancellable_is_cancelled (cancellable))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("the comparison was cancelled"));
  else if (run.timed_out)
    g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_FAILED,
                 _("the scorer %s did not answer within %.1f s and was stopped"),
                 program, timeout_ms / 1000.0);
  else if (run.error != NULL)
    g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_FAILED,
                 _("the scorer %s could not be read: %s"), program, run.error->message);
  else if (!g_subprocess_get_successful (process))
    {
      g_autofree char *why = last_line (run.err);
      g_autofree char *status = NULL;

      if (g_subprocess_get_if_signaled (process))
        status = g_strdup_printf (_("was killed by signal %d"), g_subprocess_get_term_sig (process));
      else
        status = g_strdup_printf (_("exited with status %d"), g_subprocess_get_exit_status (process));
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_FAILED, _("the scorer %s %s%s%s"),
                   program, status, why ? ": " : "", why ? why : "");
    }
  else
    ok = parse_answers (program, run.out, pairs, n_pairs, error);

  g_clear_error (&run.error);
  g_free (run.out);
  g_free (run.err);
  g_main_context_unref (run.context);
  return ok;
}
