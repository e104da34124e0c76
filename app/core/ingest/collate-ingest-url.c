/* collate-ingest-url.c — fetching a web page or PDF (libsoup 3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One GET with a session of its own, in the calling thread (or a worker
 * thread for the async call), through the default GProxyResolver: the
 * system's proxy settings (GNOME's, or the environment's http_proxy and
 * no_proxy where glib-networking reads them).  The body is read in chunks
 * and refused as soon as it passes the size limit.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <libsoup/soup.h>

#include "collate-error.h"
#include "collate-ingest.h"
#include "collate-ingest-private.h"

#define CHUNK_SIZE      (64 * 1024)
#define TIMEOUT_SECONDS 60

typedef struct
{
  GMainContext          *context;
  CollateIngestProgress  progress;
  gpointer               progress_data;
} Reporter;

/* A copy, not the reporter: the task's data may be gone when it runs */
typedef struct
{
  CollateIngestProgress progress;
  gpointer              progress_data;
  guint64               received;
  guint64               total;
} ProgressCall;

static gboolean
report_progress_cb (gpointer data)
{
  ProgressCall *call = data;

  call->progress (call->received, call->total, call->progress_data);
  return G_SOURCE_REMOVE;
}

static void
report (Reporter *reporter,
        guint64   received,
        guint64   total)
{
  ProgressCall *call;

  if (reporter == NULL || reporter->progress == NULL)
    return;
  call = g_new (ProgressCall, 1);
  call->progress = reporter->progress;
  call->progress_data = reporter->progress_data;
  call->received = received;
  call->total = total;
  g_main_context_invoke_full (reporter->context, G_PRIORITY_DEFAULT, report_progress_cb,
                              call, g_free);
}

/* The transport's failure, said for a person */
static void
set_fetch_error (GError     **error,
                 GError      *cause,
                 const char  *url,
                 const char  *host)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("%s: cancelled"), url);
  else if (cause->domain == G_RESOLVER_ERROR)
    g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_FAILED,
                 _("%s: cannot find the server %s: no network, or a misspelt address (%s)"),
                 url, host, cause->message);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE)
           || g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE))
    g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_FAILED,
                 _("%s: no network: %s cannot be reached (%s)"), url, host, cause->message);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_FAILED,
                 _("%s: the server %s does not answer (connection refused)"), url, host);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_FAILED,
                 _("%s: no answer from %s within %d seconds"), url, host, TIMEOUT_SECONDS);
  else if (g_error_matches (cause, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
    g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_FAILED,
                 _("%s: the server %s sent a certificate that cannot be trusted (self-signed, "
                   "expired, or for another name), so the page is not fetched; open it in a "
                   "browser and save it as a web page, then open that file"), url, host);
  else if (g_error_matches (cause, G_TLS_ERROR, G_TLS_ERROR_UNAVAILABLE))
    g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_FAILED,
                 _("%s: secure connections (https) are not available: GLib's TLS support, "
                   "the glib-networking package, is not installed"), url);
  else if (cause->domain == G_TLS_ERROR)
    g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_FAILED,
                 _("%s: the secure connection to %s failed: %s"), url, host, cause->message);
  else
    g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_FAILED,
                 _("%s: cannot fetch it: %s"), url, cause->message);
}

static void
set_too_large (GError     **error,
               const char  *url,
               guint64      max_size)
{
  g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_TOO_LARGE,
               _("%s: the page is larger than %llu KB, the most "
                 "Collate fetches; save it and open the file if it is an article"),
               url, (unsigned long long) (max_size / 1024));
}

static CollateDocument *
fetch (const char    *url,
       const char    *id,
       guint64        max_size,
       Reporter      *reporter,
       GCancellable  *cancellable,
       GError       **error)
{
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GByteArray) body = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GDateTime) retrieved = NULL;
  g_autofree char *final_url = NULL;
  g_autofree char *host = NULL;
  g_autofree char *user_agent = NULL;
  const char *content_type;
  const char *charset = NULL;
  goffset declared;
  guint status;
  CollateIngestKind kind;

  if (max_size == 0)
    max_size = COLLATE_INGEST_MAX_SIZE;
  if (!collate_ingest_is_url (url) || (message = soup_message_new ("GET", url)) == NULL)
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                   _("%s: not a web address Collate can fetch (http:// or https://, then "
                     "a host name)"), url);
      return NULL;
    }
  host = g_strdup (g_uri_get_host (soup_message_get_uri (message)));
  if (host == NULL || host[0] == '\0')
    {
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                   _("%s: the address has no host name"), url);
      return NULL;
    }

  user_agent = g_strdup_printf ("Collate/%s", PACKAGE_VERSION);
  session = soup_session_new_with_options ("proxy-resolver", g_proxy_resolver_get_default (),
                                           "user-agent", user_agent,
                                           "timeout", TIMEOUT_SECONDS,
                                           NULL);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept",
                                "text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.1");

  stream = soup_session_send (session, message, cancellable, &local_error);
  if (stream == NULL)
    {
      set_fetch_error (error, local_error, url, host);
      return NULL;
    }

  status = soup_message_get_status (message);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      const char *reason = soup_message_get_reason_phrase (message);

      g_set_error (error, COLLATE_ERROR,
                   status == SOUP_STATUS_NOT_FOUND || status == 410 ? COLLATE_ERROR_NOT_FOUND
                                                                    : COLLATE_ERROR_FAILED,
                   status == SOUP_STATUS_NOT_FOUND || status == 410
                   ? _("%s: the server has no such page (HTTP %u %s)")
                   : _("%s: the server refused the page (HTTP %u %s)"),
                   url, status, reason != NULL && reason[0] != '\0' ? reason
                                                                    : soup_status_get_phrase (status));
      return NULL;
    }

  content_type = soup_message_headers_get_content_type (soup_message_get_response_headers (message),
                                                        &params);
  if (params != NULL)
    charset = g_hash_table_lookup (params, "charset");
  declared = soup_message_headers_get_content_length (soup_message_get_response_headers (message));
  if (declared > 0 && (guint64) declared > max_size)
    {
      set_too_large (error, url, max_size);
      return NULL;
    }

  body = g_byte_array_new ();
  report (reporter, 0, declared > 0 ? (guint64) declared : 0);
  for (;;)
    {
      guint8 chunk[CHUNK_SIZE];
      gssize n = g_input_stream_read (stream, chunk, sizeof chunk, cancellable, &local_error);

      if (n < 0)
        {
          set_fetch_error (error, local_error, url, host);
          return NULL;
        }
      if (n == 0)
        break;
      if (body->len + (guint64) n > max_size)
        {
          set_too_large (error, url, max_size);
          return NULL;
        }
      g_byte_array_append (body, chunk, (guint) n);
      report (reporter, body->len, declared > 0 ? (guint64) declared : 0);
    }
  g_input_stream_close (stream, NULL, NULL);

  retrieved = g_date_time_new_now_utc ();
  final_url = g_uri_to_string (soup_message_get_uri (message));
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&body));
  kind = collate_ingest_sniff (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  /* What the server says it is decides; a missing or generic type is
   * looked at */
  if (content_type != NULL && g_ascii_strcasecmp (content_type, "application/pdf") == 0)
    return collate_ingest_pdf (bytes, id, url, final_url, retrieved, error);
  if (content_type != NULL && (g_ascii_strcasecmp (content_type, "text/html") == 0
                               || g_ascii_strcasecmp (content_type, "application/xhtml+xml") == 0))
    return collate_ingest_html (bytes, id, url, final_url, charset, retrieved, error);
  if (content_type == NULL || g_ascii_strcasecmp (content_type, "application/octet-stream") == 0)
    {
      if (kind == COLLATE_INGEST_PDF)
        return collate_ingest_pdf (bytes, id, url, final_url, retrieved, error);
      if (kind == COLLATE_INGEST_HTML)
        return collate_ingest_html (bytes, id, url, final_url, charset, retrieved, error);
    }
  g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_FORMAT,
               _("%s: not a web page or PDF: the server sent %s"), url,
               content_type != NULL ? content_type : _("something of no stated type"));
  return NULL;
}

CollateDocument *
collate_ingest_url (const char    *url,
                    const char    *id,
                    guint64        max_size,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return fetch (url, id, max_size, NULL, cancellable, error);
}

typedef struct
{
  char     *url;
  char     *id;
  guint64   max_size;
  Reporter  reporter;
} FetchData;

static void
fetch_data_free (gpointer data)
{
  FetchData *fetch_data = data;

  g_free (fetch_data->url);
  g_free (fetch_data->id);
  g_main_context_unref (fetch_data->reporter.context);
  g_free (fetch_data);
}

static void
fetch_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  FetchData *data = task_data;
  GError *error = NULL;
  CollateDocument *document;

  document = fetch (data->url, data->id, data->max_size, &data->reporter, cancellable, &error);
  if (document == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, document, g_object_unref);
}

void
collate_ingest_url_async (const char            *url,
                          const char            *id,
                          guint64                max_size,
                          CollateIngestProgress  progress,
                          gpointer               progress_data,
                          GCancellable          *cancellable,
                          GAsyncReadyCallback    callback,
                          gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  FetchData *data;

  g_return_if_fail (url != NULL);
  g_return_if_fail (id != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, collate_ingest_url_async);
  data = g_new0 (FetchData, 1);
  data->url = g_strdup (url);
  data->id = g_strdup (id);
  data->max_size = max_size;
  data->reporter.context = g_main_context_ref_thread_default ();
  data->reporter.progress = progress;
  data->reporter.progress_data = progress_data;
  g_task_set_task_data (task, data, fetch_data_free);
  g_task_run_in_thread (task, fetch_thread);
}

CollateDocument *
collate_ingest_url_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
