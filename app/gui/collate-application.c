/* collate-application.c — the application: windows, command line, app actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "collate-application.h"
#include "collate.h"
#include "collate-preferences.h"
#include "collate-recovery.h"
#include "collate-window.h"
#include "collate-window-private.h"

struct _CollateApplication
{
  GtkApplication  parent_instance;

  GSettings      *settings;
  GSettings      *interface_settings;
  GFile          *recovery_dir;
  GHashTable     *held_recovery;
  GtkCssProvider *css;
  gboolean        quitting;
  gboolean        recovery_offered;
};

G_DEFINE_FINAL_TYPE (CollateApplication, collate_application, GTK_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "sample", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open the sample project (two reports of one meeting)"), NULL },
  { "curate", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With several annotators’ project files: merge them and show where they disagree"), NULL },
  { "save-to", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("With text files: where Save writes the new project"), N_("FILE") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and quit"), NULL },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL,
    N_("[PROJECT.collate.json | TEXT-FILE…]") },
  { NULL }
};

GSettings *
collate_application_get_settings (CollateApplication *self)
{
  g_return_val_if_fail (COLLATE_IS_APPLICATION (self), NULL);

  return self->settings;
}

GFile *
collate_application_get_recovery_dir (CollateApplication *self)
{
  g_return_val_if_fail (COLLATE_IS_APPLICATION (self), NULL);

  return self->recovery_dir;
}

GFile *
collate_application_get_samples_dir (CollateApplication *self)
{
  const char *env = g_getenv ("COLLATE_SAMPLES_DIR");
  g_autofree char *installed = g_build_filename (PKGDATADIR, "samples", NULL);

  if (env != NULL && env[0] != '\0')
    return g_file_new_for_path (env);
  if (g_file_test (installed, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (installed);
  /* Running from the build tree */
  return g_file_new_build_filename (SOURCE_DATADIR, "samples", NULL);
}

/* ── Recovery copies ── */

GPtrArray *
collate_application_list_recovery (CollateApplication *self)
{
  g_return_val_if_fail (COLLATE_IS_APPLICATION (self), NULL);

  return collate_recovery_list (self->recovery_dir, self->held_recovery);
}

void
collate_application_hold_recovery (CollateApplication *self,
                                   const char         *id)
{
  g_return_if_fail (COLLATE_IS_APPLICATION (self));

  g_hash_table_add (self->held_recovery, g_strdup (id));
}

void
collate_application_release_recovery (CollateApplication *self,
                                      const char         *id)
{
  g_return_if_fail (COLLATE_IS_APPLICATION (self));

  g_hash_table_remove (self->held_recovery, id);
}

gboolean
collate_application_take_recovery_offer (CollateApplication *self)
{
  g_autoptr(GPtrArray) copies = NULL;

  g_return_val_if_fail (COLLATE_IS_APPLICATION (self), FALSE);

  if (self->recovery_offered)
    return FALSE;
  self->recovery_offered = TRUE;
  copies = collate_application_list_recovery (self);
  return copies->len > 0;
}

void
collate_application_set_recovery_offered (CollateApplication *self)
{
  g_return_if_fail (COLLATE_IS_APPLICATION (self));

  self->recovery_offered = TRUE;
}

/* ── Windows ── */

static CollateWindow *
find_window_for_file (CollateApplication *self,
                      GFile              *file)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (COLLATE_IS_WINDOW (l->data))
        {
          GFile *other = collate_window_get_file (l->data);

          if (other != NULL && g_file_equal (other, file))
            return l->data;
        }
    }
  return NULL;
}

static gboolean
window_is_free (GtkWindow *window)
{
  return COLLATE_IS_WINDOW (window)
         && collate_window_get_project (COLLATE_WINDOW (window)) == NULL
         && !collate_window_is_loading (COLLATE_WINDOW (window));
}

GtkWindow *
collate_application_get_window_for_project (CollateApplication *self,
                                            GtkWindow          *preferred)
{
  GtkWindow *active;

  g_return_val_if_fail (COLLATE_IS_APPLICATION (self), NULL);

  if (preferred != NULL && window_is_free (preferred))
    return preferred;
  active = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (preferred == NULL && active != NULL && window_is_free (active))
    return active;
  return GTK_WINDOW (collate_window_new (self));
}

void
collate_application_open_project (CollateApplication *self,
                                  GFile              *file,
                                  GtkWindow          *preferred)
{
  CollateWindow *window;

  g_return_if_fail (COLLATE_IS_APPLICATION (self));
  g_return_if_fail (G_IS_FILE (file));

  window = find_window_for_file (self, file);
  if (window == NULL)
    {
      window = COLLATE_WINDOW (collate_application_get_window_for_project (self, preferred));
      collate_window_load_file (window, file);
    }
  gtk_window_present (GTK_WINDOW (window));
}

/* @document under another title, the rest as it was */
static CollateDocument *
retitle_document (CollateDocument  *document,
                  const char       *title,
                  GError          **error)
{
  g_autoptr(CollateDocument) copy = NULL;
  const char **keys;
  guint n_keys = 0;

  copy = collate_document_new (collate_document_get_id (document), title,
                               collate_document_get_source (document),
                               collate_document_get_text (document),
                               (gssize) collate_document_get_byte_length (document), error);
  if (copy == NULL)
    return NULL;
  keys = collate_document_get_metadata_keys (document, &n_keys);
  for (guint i = 0; i < n_keys; i++)
    collate_document_set_metadata_value (copy, keys[i],
                                         collate_document_get_metadata_value (document, keys[i]));
  g_free (keys);
  return g_steal_pointer (&copy);
}

/* @titles: one per file (NULL ones, or a NULL array: each file's own) */
static CollateProject *
project_from_text_files (GFile             **files,
                         guint               n_files,
                         const char * const *titles,
                         const char         *title,
                         GError            **error)
{
  g_autoptr(CollateSchema) schema = collate_schema_new_default ();
  g_autoptr(CollateProject) project = collate_project_new (title, schema);

  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);
      g_autofree char *id = NULL;
      g_autoptr(CollateDocument) document = NULL;

      if (path == NULL)
        {
          g_autofree char *name = g_file_get_parse_name (files[i]);

          g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_FAILED,
                       _("“%s” is not a local file; copy it to this computer first"), name);
          return NULL;
        }

      id = collate_project_next_document_id (project);
      /* text, a saved web page or a PDF, by what the file holds */
      document = collate_ingest_file (path, id, error);
      if (document != NULL && titles != NULL && titles[i] != NULL)
        {
          CollateDocument *titled = retitle_document (document, titles[i], error);

          g_clear_object (&document);
          document = titled;
        }
      if (document == NULL || !collate_project_add_document (project, document, error))
        return NULL;
    }

  if (title == NULL && n_files > 0)
    {
      CollateDocument *first = collate_project_get_document (project, 0);
      g_autofree char *short_title = collate_text_guess_title (collate_document_get_title (first), 60);
      g_autofree char *made = NULL;

      if (n_files == 1)
        made = g_strdup (short_title);
      else
        /* Translators: a new project's title; %s is the first report's title */
        made = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s and %u other report",
                                             "%s and %u other reports", n_files - 1),
                                short_title, n_files - 1);
      collate_project_set_title (project, made);
    }

  /* Nothing done yet: no unsaved mark (the subtitle says "Not saved yet",
   * and closing asks only once something was tagged) */
  collate_project_set_modified (project, FALSE);
  return g_steal_pointer (&project);
}

static void
show_new_project_error (CollateApplication *self,
                        GtkWindow          *preferred,
                        const GError       *error)
{
  GtkWindow *window = preferred != NULL ? preferred
                                        : gtk_application_get_active_window (GTK_APPLICATION (self));

  if (!COLLATE_IS_WINDOW (window))
    window = GTK_WINDOW (collate_window_new (self));
  collate_window_show_error (COLLATE_WINDOW (window), _("The project could not be made"), error);
  gtk_window_present (window);
}

static void
new_project_in_window (CollateApplication *self,
                       GFile             **files,
                       guint               n_files,
                       const char * const *titles,
                       const char         *title,
                       GFile              *save_to,
                       GtkWindow          *preferred)
{
  g_autoptr(CollateProject) project = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  project = project_from_text_files (files, n_files, titles, title, &error);
  if (project == NULL)
    {
      show_new_project_error (self, preferred, error);
      return;
    }

  window = collate_application_get_window_for_project (self, preferred);
  collate_window_set_project (COLLATE_WINDOW (window), project, save_to, NULL);
  gtk_window_present (window);
}

void
collate_application_new_from_text_files (CollateApplication *self,
                                         GFile             **files,
                                         guint               n_files,
                                         GFile              *save_to,
                                         GtkWindow          *preferred)
{
  g_return_if_fail (COLLATE_IS_APPLICATION (self));
  g_return_if_fail (files != NULL || n_files == 0);

  new_project_in_window (self, files, n_files, NULL, NULL, save_to, preferred);
}

/**
 * collate_application_new_from_document:
 * @document: a document made with the id "d1" (from the clipboard, or a
 *   fetched page)
 *
 * Shows a new, unsaved project of @document alone, in @preferred if it
 * shows no project, else in a new window.
 */
void
collate_application_new_from_document (CollateApplication *self,
                                       CollateDocument    *document,
                                       GtkWindow          *preferred)
{
  g_autoptr(CollateSchema) schema = collate_schema_new_default ();
  g_autoptr(CollateProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  GtkWindow *window;

  g_return_if_fail (COLLATE_IS_APPLICATION (self));
  g_return_if_fail (COLLATE_IS_DOCUMENT (document));

  title = collate_text_guess_title (collate_document_get_title (document), 60);
  project = collate_project_new (title, schema);
  if (!collate_project_add_document (project, document, &error))
    {
      window = preferred != NULL ? preferred : gtk_application_get_active_window (GTK_APPLICATION (self));
      if (COLLATE_IS_WINDOW (window))
        collate_window_show_error (COLLATE_WINDOW (window), _("The project could not be made"), error);
      return;
    }
  collate_project_set_modified (project, TRUE);

  window = collate_application_get_window_for_project (self, preferred);
  collate_window_set_project (COLLATE_WINDOW (window), project, NULL, NULL);
  gtk_window_present (window);
}

/* The sample's reports and their titles, from sample.ini in @dir */
static gboolean
read_sample_manifest (GFile       *dir,
                      GPtrArray  **files_out,
                      GStrv       *titles_out,
                      GError     **error)
{
  g_autoptr(GKeyFile) manifest = g_key_file_new ();
  g_autoptr(GFile) file = g_file_get_child (dir, "sample.ini");
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GStrvBuilder) titles = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;
  gsize n_names = 0;

  if (path == NULL || !g_key_file_load_from_file (manifest, path, G_KEY_FILE_NONE, error))
    {
      g_autofree char *shown = g_file_get_parse_name (file);

      g_prefix_error (error, _("The list of the sample’s reports, “%s”, could not be read: "),
                      shown);
      return FALSE;
    }
  names = g_key_file_get_string_list (manifest, "Sample", "Documents", &n_names, error);
  if (names == NULL || n_names == 0)
    {
      g_clear_error (error);
      g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_FAILED,
                   _("“%s” names no reports (a “Documents” list in its [Sample] group)"), path);
      return FALSE;
    }
  for (gsize i = 0; i < n_names; i++)
    {
      g_autofree char *title = g_key_file_get_locale_string (manifest, names[i], "Title",
                                                             NULL, NULL);

      g_ptr_array_add (files, g_file_get_child (dir, names[i]));
      /* without one, the report's first line */
      g_strv_builder_add (titles, title != NULL && title[0] != '\0' ? title : "");
    }
  *files_out = g_steal_pointer (&files);
  *titles_out = g_strv_builder_end (titles);
  return TRUE;
}

void
collate_application_open_sample (CollateApplication *self,
                                 GtkWindow          *preferred)
{
  g_autoptr(GFile) dir = collate_application_get_samples_dir (self);
  g_autoptr(GPtrArray) files = NULL;
  g_auto(GStrv) titles = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree const char **given = NULL;

  if (!read_sample_manifest (dir, &files, &titles, &error))
    {
      show_new_project_error (self, preferred, error);
      return;
    }
  given = g_new0 (const char *, files->len + 1);
  for (guint i = 0; i < files->len; i++)
    given[i] = titles[i][0] != '\0' ? titles[i] : NULL;
  new_project_in_window (self, (GFile **) files->pdata, files->len, given,
                         _("Witkoff–Putin talks (sample)"), NULL, preferred);
}

/* ── Quitting ── */

static void quit_next (CollateApplication *self);

static void
quit_window_closed_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(CollateApplication) self = user_data;

  if (collate_window_close_finish (COLLATE_WINDOW (object), result))
    quit_next (self);
  else
    self->quitting = FALSE;
}

static void
quit_next (CollateApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (COLLATE_IS_WINDOW (l->data))
        {
          collate_window_close_async (l->data, quit_window_closed_cb, g_object_ref (self));
          return;
        }
    }

  self->quitting = FALSE;
  g_application_quit (G_APPLICATION (self));
}

void
collate_application_quit (CollateApplication *self)
{
  g_return_if_fail (COLLATE_IS_APPLICATION (self));

  if (self->quitting)
    return;
  self->quitting = TRUE;
  quit_next (self);
}

/* ── App actions ── */

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  collate_application_quit (COLLATE_APPLICATION (user_data));
}

static void
new_window_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  gtk_window_present (GTK_WINDOW (collate_window_new (COLLATE_APPLICATION (user_data))));
}

static void
sample_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  collate_application_open_sample (COLLATE_APPLICATION (user_data), NULL);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  CollateApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (COLLATE_IS_PREFERENCES (l->data))
        {
          gtk_window_present (l->data);
          return;
        }
    }

  gtk_window_present (GTK_WINDOW (collate_preferences_new (self->settings, parent)));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  CollateApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *authors[] = { "The Collate developers", NULL };

  gtk_show_about_dialog (parent,
                         "program-name", _("Collate"),
                         "logo-icon-name", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Compare reports of the same event side by side, tag what they say, and link where they agree or disagree."),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", authors,
                         /* Translators: your names, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static const GActionEntry app_entries[] = {
  { "quit", quit_action },
  { "new-window", new_window_action },
  { "sample", sample_action },
  { "preferences", preferences_action },
  { "about", about_action },
};

/* ── Style ── */

static void
update_style (CollateApplication *self)
{
  GtkSettings *gtk_settings = gtk_settings_get_default ();
  gboolean dark = FALSE;

  if (gtk_settings == NULL)
    return;

  switch (g_settings_get_enum (self->settings, "color-scheme"))
    {
    case 1: /* light */
      dark = FALSE;
      break;
    case 2: /* dark */
      dark = TRUE;
      break;
    default: /* follow the desktop */
      if (self->interface_settings != NULL)
        dark = g_settings_get_enum (self->interface_settings, "color-scheme") == 1; /* prefer-dark */
      else
        {
          g_autofree char *theme = NULL;

          g_object_get (gtk_settings, "gtk-theme-name", &theme, NULL);
          dark = theme != NULL && g_str_has_suffix (theme, "-dark");
        }
      break;
    }

  g_object_set (gtk_settings, "gtk-application-prefer-dark-theme", dark, NULL);
}

static GSettings *
maybe_interface_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, "org.gnome.desktop.interface", TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "color-scheme"))
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

/* ── GApplication ── */

static void
collate_application_startup (GApplication *application)
{
  CollateApplication *self = COLLATE_APPLICATION (application);
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.new-from-text", { "<Control>n", NULL } },
    { "win.new-from-clipboard", { "<Control><Shift>v", NULL } },
    { "win.add-documents", { "<Control><Shift>o", NULL } },
    { "win.add-from-clipboard", { "<Control><Alt>v", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.save", { "<Control>s", NULL } },
    { "win.save-as", { "<Control><Shift>s", NULL } },
    { "win.export", { "<Control>e", NULL } },
    { "win.export-report", { "<Control><Shift>e", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
    { "win.close", { "<Control>w", NULL } },
    { "win.show-help-overlay", { "<Control>question", "<Control>F1", NULL } },
  };

  G_APPLICATION_CLASS (collate_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_entries,
                                   G_N_ELEMENTS (app_entries), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);

  self->css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (self->css, "/org/collate/Collate/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (self->css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_window_set_default_icon_name (APP_ID);

  self->interface_settings = maybe_interface_settings ();
  if (self->interface_settings != NULL)
    g_signal_connect_object (self->interface_settings, "changed::color-scheme",
                             G_CALLBACK (update_style), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (update_style), self, G_CONNECT_SWAPPED);
  update_style (self);
}

static void
collate_application_activate (GApplication *application)
{
  CollateApplication *self = COLLATE_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (collate_window_new (self));
  gtk_window_present (window);
}

static gboolean
is_project_file (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);

  return name != NULL && g_str_has_suffix (name, ".json");
}

static void
collate_application_open (GApplication  *application,
                          GFile        **files,
                          int            n_files,
                          const char    *hint)
{
  CollateApplication *self = COLLATE_APPLICATION (application);
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  for (int i = 0; i < n_files; i++)
    {
      /* collate https://…: the page is fetched into a project of its own */
      if (g_file_has_uri_scheme (files[i], "http") || g_file_has_uri_scheme (files[i], "https"))
        {
          g_autofree char *url = g_file_get_uri (files[i]);
          GtkWindow *window = collate_application_get_window_for_project (self, NULL);

          gtk_window_present (window);
          collate_window_fetch_url (COLLATE_WINDOW (window), url);
        }
      else if (is_project_file (files[i]))
        collate_application_open_project (self, files[i], NULL);
      else
        g_ptr_array_add (texts, files[i]);
    }

  if (texts->len > 0)
    {
      g_autoptr(GFile) save_to = NULL;

      if (hint != NULL && g_str_has_prefix (hint, "save-to:"))
        save_to = g_file_new_for_uri (hint + strlen ("save-to:"));
      new_project_in_window (self, (GFile **) texts->pdata, texts->len, NULL, NULL, save_to, NULL);
    }
}

static int
collate_application_command_line (GApplication            *application,
                                  GApplicationCommandLine *command_line)
{
  CollateApplication *self = COLLATE_APPLICATION (application);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree const char **args = NULL;
  const char *save_to = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *hint = NULL;

  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &args);
  g_variant_dict_lookup (options, "save-to", "^&ay", &save_to);

  for (guint i = 0; args != NULL && args[i] != NULL; i++)
    g_ptr_array_add (files, g_application_command_line_create_file_for_arg (command_line, args[i]));

  if (save_to != NULL)
    {
      g_autoptr(GFile) target = g_application_command_line_create_file_for_arg (command_line, save_to);
      g_autofree char *uri = g_file_get_uri (target);

      if (files->len == 0)
        {
          g_application_command_line_printerr (command_line, "%s\n",
                                               _("--save-to needs text files to make the project from"));
          return 1;
        }
      hint = g_strconcat ("save-to:", uri, NULL);
    }

  if (g_variant_dict_contains (options, "curate"))
    {
      GtkWindow *window;

      if (files->len < 2)
        {
          g_application_command_line_printerr (command_line, "%s\n",
                                               _("--curate needs two or more annotators’ project files"));
          return 1;
        }
      window = collate_application_get_window_for_project (self, NULL);
      gtk_window_present (window);
      collate_window_curate_files (COLLATE_WINDOW (window), (GFile **) files->pdata, files->len);
      return 0;
    }

  if (g_variant_dict_contains (options, "sample"))
    collate_application_open_sample (self, NULL);

  if (files->len > 0)
    g_application_open (application, (GFile **) files->pdata, files->len, hint != NULL ? hint : "");
  else if (!g_variant_dict_contains (options, "sample"))
    g_application_activate (application);

  return 0;
}

static int
collate_application_handle_local_options (GApplication *application,
                                          GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("collate %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_variant_dict_contains (options, "save-to")
      && !g_variant_dict_contains (options, G_OPTION_REMAINING))
    {
      g_printerr ("collate: %s\n", _("--save-to needs text files to make the project from"));
      return 1;
    }
  return -1;
}

static void
collate_application_dispose (GObject *object)
{
  CollateApplication *self = COLLATE_APPLICATION (object);

  g_clear_object (&self->interface_settings);
  g_clear_object (&self->css);

  G_OBJECT_CLASS (collate_application_parent_class)->dispose (object);
}

static void
collate_application_finalize (GObject *object)
{
  CollateApplication *self = COLLATE_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->recovery_dir);
  g_clear_pointer (&self->held_recovery, g_hash_table_unref);

  G_OBJECT_CLASS (collate_application_parent_class)->finalize (object);
}

static void
collate_application_class_init (CollateApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = collate_application_dispose;
  object_class->finalize = collate_application_finalize;
  app_class->startup = collate_application_startup;
  app_class->activate = collate_application_activate;
  app_class->open = collate_application_open;
  app_class->command_line = collate_application_command_line;
  app_class->handle_local_options = collate_application_handle_local_options;
}

static void
collate_application_init (CollateApplication *self)
{
  self->held_recovery = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Compare and annotate reports side by side."));
}

CollateApplication *
collate_application_new (GSettings *settings,
                         GFile     *recovery_dir)
{
  CollateApplication *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (COLLATE_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", APP_PATH,
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_HANDLES_COMMAND_LINE,
                       NULL);
  self->settings = g_object_ref (settings);
  self->recovery_dir = recovery_dir != NULL ? g_object_ref (recovery_dir)
                                            : collate_recovery_get_default_dir ();
  return self;
}
