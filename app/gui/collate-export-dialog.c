/* collate-export-dialog.c — File ▸ Export: a project out as a dataset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dialog is built in code: three pages in a stack (the options, the
 * progress of a running export, the outcome).  Everything the export does
 * is the core's (collate-export.h); the dialog only turns its widgets into
 * a CollateExportOptions and shows the report.
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>

#include "collate-compat.h"
#include "collate.h"
#include "collate-export-dialog.h"

/* Files listed in the outcome before "and N more" */
#define MAX_LISTED_FILES 12

struct _CollateExportDialog
{
  GtkWindow             parent_instance;

  CollateProject       *project;
  GFile                *project_file;
  GFile                *destination;
  gboolean              destination_chosen;  /* by the person, not suggested */
  gboolean              destination_existed; /* when the running export began */
  const char           *suffix;              /* of the output: ".jsonl", "" for a folder */
  const char           *name_tag;            /* before it: "-nli", or "" */

  GCancellable         *cancellable;         /* of the running export, or NULL */
  GCancellable         *chooser_cancellable; /* of an open file chooser */
  CollateExportReport  *report;
  GError               *error;

  GtkStack             *stack;
  /* options page */
  GPtrArray            *format_buttons;      /* GtkCheckButton, one a format */
  GtkLabel             *format_description;
  GPtrArray            *span_checks;         /* GtkCheckButton, schema order */
  GPtrArray            *link_checks;
  GtkCheckButton       *split_check;
  GtkWidget            *split_box;
  GtkSpinButton        *train_spin;
  GtkSpinButton        *dev_spin;
  GtkSpinButton        *test_spin;
  GtkSpinButton        *seed_spin;
  GtkWidget            *nli_box;
  GtkDropDown          *context_dropdown;
  GtkWidget            *conll_box;
  GPtrArray            *conll_checks;
  GtkCheckButton       *strict_check;
  GtkWidget            *pairs_check;         /* label-studio: one task per pair */
  GtkLabel             *destination_label;
  GtkLabel             *destination_kind_label;
  GtkLabel             *problem_label;
  GtkWidget            *export_button;
  /* progress page */
  GtkProgressBar       *progress_bar;
  GtkLabel             *progress_label;
  /* outcome page */
  GtkImage             *outcome_icon;
  GtkLabel             *outcome_heading;
  GtkLabel             *outcome_label;
  GtkWidget            *back_button;
  GtkWidget            *close_button;
};

G_DEFINE_FINAL_TYPE (CollateExportDialog, collate_export_dialog, GTK_TYPE_WINDOW)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Background work and file choosers hold the dialog weakly: a dialog
 * destroyed with its window must go at once (GTK keeps a borrowed pointer
 * to the window it is transient for). */
static GWeakRef *
weak_ref_new (gpointer object)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, object);
  return ref;
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}


static void update_sensitivity (CollateExportDialog *self);

/* ── Formats ── */

static const CollateExportFormat *
selected_format (CollateExportDialog *self)
{
  const CollateExportFormat *const *formats = collate_export_list_formats ();

  for (guint i = 0; formats[i] && i < self->format_buttons->len; i++)
    if (gtk_check_button_get_active (self->format_buttons->pdata[i]))
      return formats[i];
  return NULL;
}

static gboolean
split_active (CollateExportDialog *self)
{
  return gtk_check_button_get_active (self->split_check);
}

/* A folder is written for folder formats and for any split */
static gboolean
writes_folder (CollateExportDialog *self)
{
  const CollateExportFormat *format = selected_format (self);

  return format == NULL || format->extension == NULL || split_active (self);
}

/* The formats as radio buttons in two columns, all on show: no popup list
 * to scroll through on a small screen.  The chosen one's description is
 * below them; each button carries its own for a screen reader. */
static GtkWidget *
format_buttons_new (CollateExportDialog *self)
{
  const CollateExportFormat *const *formats = collate_export_list_formats ();
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_row_spacing (GTK_GRID (grid), 2);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  for (guint i = 0; formats[i]; i++)
    {
      GtkWidget *button = gtk_check_button_new_with_label (_(formats[i]->title));

      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      _(formats[i]->description), -1);
      if (i > 0)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (button), self->format_buttons->pdata[0]);
      else
        gtk_check_button_set_active (GTK_CHECK_BUTTON (button), TRUE);
      g_ptr_array_add (self->format_buttons, button);
      gtk_grid_attach (GTK_GRID (grid), button, i % 2, i / 2, 1, 1);
    }
  return grid;
}

/* ── Destination ── */

static GFile *
default_folder (CollateExportDialog *self)
{
  const char *documents;

  if (self->project_file != NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (self->project_file);

      if (parent != NULL)
        return g_steal_pointer (&parent);
    }
  documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (documents);
  return g_file_new_for_path (g_get_home_dir ());
}

static char *
suggested_name (CollateExportDialog *self)
{
  const CollateExportFormat *format = selected_format (self);

  return collate_export_suggest_name (self->project, format ? format->name : "jsonl",
                                      split_active (self));
}

static void
update_destination_label (CollateExportDialog *self)
{
  if (self->destination == NULL)
    {
      gtk_label_set_label (self->destination_label, _("None chosen"));
      gtk_widget_add_css_class (GTK_WIDGET (self->destination_label), "dim-label");
    }
  else
    {
      g_autofree char *name = g_file_get_parse_name (self->destination);

      gtk_label_set_label (self->destination_label, name);
      gtk_widget_remove_css_class (GTK_WIDGET (self->destination_label), "dim-label");
    }
  gtk_label_set_label (self->destination_kind_label,
                       writes_folder (self)
                       ? _("A new folder is written, with one file per document or part.")
                       : _("One file is written."));
}

/* What the output's name ends with: the format's extension, or nothing
 * for a folder */
static const char *
output_suffix (CollateExportDialog *self)
{
  const CollateExportFormat *format = selected_format (self);

  if (format == NULL || format->extension == NULL || split_active (self))
    return "";
  return format->extension;
}

/* A chosen destination keeps its folder and name when the format changes;
 * only the extension follows the format ("talks.jsonl" → "talks.csv", or
 * "talks" for a folder). */
/* What comes between the name and the suffix: "-nli" for a format that
 * shares its extension with an earlier one, so that their files differ */
static const char *
output_name_tag (CollateExportDialog *self)
{
  const CollateExportFormat *format = selected_format (self);

  if (format == NULL || output_suffix (self)[0] == '\0')
    return "";
  return collate_export_format_name_tag (format->name);
}

static void
follow_suffix (CollateExportDialog *self)
{
  const char *suffix = output_suffix (self);
  const char *tag = output_name_tag (self);
  const char *old = self->suffix ? self->suffix : "";
  const char *old_tag = self->name_tag ? self->name_tag : "";
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GFile) parent = NULL;
  gsize len, old_len = strlen (old);

  self->suffix = suffix;
  self->name_tag = tag;
  if ((g_str_equal (suffix, old) && g_str_equal (tag, old_tag)) || self->destination == NULL)
    return;
  parent = g_file_get_parent (self->destination);
  base = g_file_get_basename (self->destination);
  if (parent == NULL || base == NULL)
    return;
  len = strlen (base);
  if (old_len > 0 && len > old_len && g_str_has_suffix (base, old))
    base[len - old_len] = '\0';
  else
    {
      /* a name typed with another format's extension */
      const CollateExportFormat *const *formats = collate_export_list_formats ();

      for (guint i = 0; formats[i]; i++)
        {
          const char *ext = formats[i]->extension;

          if (ext != NULL && len > strlen (ext) && g_str_has_suffix (base, ext))
            {
              base[len - strlen (ext)] = '\0';
              break;
            }
        }
    }
  if (old_tag[0] != '\0' && strlen (base) > strlen (old_tag) && g_str_has_suffix (base, old_tag))
    base[strlen (base) - strlen (old_tag)] = '\0';
  name = g_strconcat (base, tag, suffix, NULL);
  g_clear_object (&self->destination);
  self->destination = g_file_get_child (parent, name);
}

/* Until a destination is chosen, suggest one beside the project file (when
 * the project has one and nothing is there yet); follow format changes. */
static void
update_suggestion (CollateExportDialog *self)
{
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) candidate = NULL;
  g_autofree char *name = NULL;

  if (self->destination_chosen)
    {
      follow_suffix (self);
      update_destination_label (self);
      return;
    }
  self->suffix = output_suffix (self);
  self->name_tag = output_name_tag (self);
  g_clear_object (&self->destination);
  if (self->project_file != NULL)
    {
      folder = g_file_get_parent (self->project_file);
      name = suggested_name (self);
      if (folder != NULL && name != NULL)
        candidate = g_file_get_child (folder, name);
      if (candidate != NULL && !g_file_query_exists (candidate, NULL))
        self->destination = g_steal_pointer (&candidate);
    }
  update_destination_label (self);
}

static void
choose_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CollateExportDialog) self = g_weak_ref_get (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = collate_file_dialog_save_finish (result, &error);

  weak_ref_free (user_data);
  if (self == NULL)
    return;
  g_clear_object (&self->chooser_cancellable);
  if (file == NULL || gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;  /* dismissed */
  collate_export_dialog_set_destination (self, file);
}

static void
choose_clicked_cb (CollateExportDialog *self)
{
  g_autoptr(GFile) folder = NULL;
  g_autofree char *name = NULL;

  if (self->chooser_cancellable != NULL)
    return;
  if (self->destination != NULL)
    {
      folder = g_file_get_parent (self->destination);
      name = g_file_get_basename (self->destination);
    }
  else
    {
      folder = default_folder (self);
      name = suggested_name (self);
    }
  self->chooser_cancellable = g_cancellable_new ();
  collate_file_dialog_save_async (GTK_WINDOW (self),
                                  writes_folder (self)
                                  ? _("Name the Export Folder")
                                  : _("Export To"),
                                  NULL, folder, name, self->chooser_cancellable,
                                  choose_done_cb, weak_ref_new (self));
}

/* ── Options ── */

static void
strv_add_checked (GStrvBuilder *builder,
                  GPtrArray    *checks,
                  guint        *n_checked)
{
  *n_checked = 0;
  for (guint i = 0; i < checks->len; i++)
    if (gtk_check_button_get_active (checks->pdata[i]))
      {
        g_strv_builder_add (builder, g_object_get_data (checks->pdata[i], "label-name"));
        (*n_checked)++;
      }
}

CollateExportOptions *
collate_export_dialog_dup_options (CollateExportDialog *self,
                                   GError             **error)
{
  const CollateExportFormat *format;
  g_autoptr(CollateExportOptions) options = NULL;
  guint n_spans, n_links;

  g_return_val_if_fail (COLLATE_IS_EXPORT_DIALOG (self), NULL);

  format = selected_format (self);
  if (format == NULL)
    {
      g_set_error_literal (error, COLLATE_ERROR, COLLATE_ERROR_INVALID, _("Choose a format."));
      return NULL;
    }
  options = collate_export_options_new (format->name);

  /* Labels: all ticked means no filter */
  {
    g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
    g_auto(GStrv) names = NULL;

    strv_add_checked (builder, self->span_checks, &n_spans);
    strv_add_checked (builder, self->link_checks, &n_links);
    if (self->span_checks->len > 0 && n_spans == 0)
      {
        g_set_error_literal (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                             _("Choose at least one span label."));
        return NULL;
      }
    /* No link label ticked: no links at all (naming no link label in the
     * list would keep every link) */
    if (self->link_checks->len > 0 && n_links == 0)
      collate_export_options_set_links (options, FALSE);
    if (n_spans < self->span_checks->len || n_links < self->link_checks->len)
      {
        names = g_strv_builder_end (builder);
        collate_export_options_set_labels (options, (const char *const *) names);
      }
  }

  if (split_active (self))
    {
      guint train = gtk_spin_button_get_value_as_int (self->train_spin);
      guint dev = gtk_spin_button_get_value_as_int (self->dev_spin);
      guint test = gtk_spin_button_get_value_as_int (self->test_spin);

      if (train + dev + test != 100)
        {
          g_set_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                       _("The train, dev and test parts add up to %u%%, not 100%%."),
                       train + dev + test);
          return NULL;
        }
      if (!collate_export_options_set_split (options, train, dev, test, error))
        return NULL;
      collate_export_options_set_seed (options,
                                       (guint64) gtk_spin_button_get_value (self->seed_spin));
    }

  if (g_str_equal (format->name, "nli"))
    collate_export_options_set_context (options,
                                        gtk_drop_down_get_selected (self->context_dropdown) == 1
                                        ? COLLATE_EXPORT_CONTEXT_SENTENCE
                                        : COLLATE_EXPORT_CONTEXT_SPAN);

  if (g_str_equal (format->name, "conll"))
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) names = NULL;
      guint n_checked;

      strv_add_checked (builder, self->conll_checks, &n_checked);
      if (self->conll_checks->len > 0 && n_checked == 0)
        {
          g_set_error_literal (error, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                               _("Choose at least one label to tag as an entity."));
          return NULL;
        }
      if (n_checked < self->conll_checks->len)
        {
          names = g_strv_builder_end (builder);
          collate_export_options_set_conll_labels (options, (const char *const *) names);
        }
    }

  if (g_str_equal (format->name, "label-studio"))
    collate_export_options_set_pairs (options,
                                      gtk_check_button_get_active (GTK_CHECK_BUTTON (self->pairs_check)));

  collate_export_options_set_strict (options, gtk_check_button_get_active (self->strict_check));
  return g_steal_pointer (&options);
}

static void
update_sensitivity (CollateExportDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateExportOptions) options = collate_export_dialog_dup_options (self, &error);
  const CollateExportFormat *format = selected_format (self);
  const char *problem = NULL;

  if (options == NULL)
    problem = error->message;
  else if (self->destination == NULL)
    problem = _("Choose where to export to.");

  gtk_label_set_label (self->problem_label, problem ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);
  gtk_widget_set_sensitive (self->export_button, problem == NULL);

  gtk_widget_set_sensitive (self->split_box, split_active (self));
  gtk_widget_set_visible (self->nli_box, format != NULL && g_str_equal (format->name, "nli"));
  gtk_widget_set_visible (self->conll_box, format != NULL && g_str_equal (format->name, "conll"));
  gtk_widget_set_visible (self->pairs_check, format != NULL && g_str_equal (format->name, "label-studio"));
  if (format != NULL)
    gtk_label_set_label (self->format_description, _(format->description));
}

/* Widgets being torn down with the dialog notify too: ignore them then */
static void
options_changed_cb (CollateExportDialog *self)
{
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  update_sensitivity (self);
}

static void
shape_changed_cb (CollateExportDialog *self)
{
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  /* the format or the split decides between a file and a folder */
  update_suggestion (self);
  update_sensitivity (self);
}

/* A radio group toggles twice on a change: once off, once on */
static void
format_toggled_cb (CollateExportDialog *self,
                   GtkCheckButton      *button)
{
  if (gtk_check_button_get_active (button))
    shape_changed_cb (self);
}

/* ── Running ── */

static void
show_page (CollateExportDialog *self,
           const char          *name)
{
  gtk_stack_set_visible_child_name (self->stack, name);
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  g_autoptr(CollateExportDialog) self = g_weak_ref_get (user_data);

  if (self == NULL || gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

static void
list_folder (GFile     *folder,
             const char *prefix,
             gboolean   descend,
             GPtrArray *names)
{
  g_autoptr(GFileEnumerator) children =
    g_file_enumerate_children (folder,
                               G_FILE_ATTRIBUTE_STANDARD_NAME ","
                               G_FILE_ATTRIBUTE_STANDARD_TYPE,
                               G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);

  while (children != NULL)
    {
      g_autoptr(GFileInfo) info = g_file_enumerator_next_file (children, NULL, NULL);
      g_autofree char *name = NULL;

      if (info == NULL)
        break;
      name = prefix ? g_build_filename (prefix, g_file_info_get_name (info), NULL)
                    : g_strdup (g_file_info_get_name (info));
      if (descend && g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        {
          g_autoptr(GFile) child = g_file_get_child (folder, g_file_info_get_name (info));

          list_folder (child, name, FALSE, names);
        }
      else
        g_ptr_array_add (names, g_steal_pointer (&name));
    }
}

static char *
written_files_text (CollateExportDialog *self)
{
  GString *out = g_string_new (NULL);
  g_autofree char *where = g_file_get_parse_name (self->destination);
  g_autoptr(GPtrArray) names = NULL;

  if (g_file_query_file_type (self->destination, G_FILE_QUERY_INFO_NONE, NULL)
      != G_FILE_TYPE_DIRECTORY)
    {
      g_string_append_printf (out, _("Written to %s"), where);
      return g_string_free (out, FALSE);
    }

  names = g_ptr_array_new_with_free_func (g_free);
  list_folder (self->destination, NULL, TRUE, names);
  g_ptr_array_sort (names, compare_names);
  g_string_append_printf (out, _("Written to the folder %s:"), where);
  for (guint i = 0; i < names->len && i < MAX_LISTED_FILES; i++)
    g_string_append_printf (out, "\n  %s", (const char *) names->pdata[i]);
  if (names->len > MAX_LISTED_FILES)
    {
      guint more = names->len - MAX_LISTED_FILES;

      g_string_append_c (out, '\n');
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "  and %u more file",
                                                "  and %u more files", more), more);
    }
  return g_string_free (out, FALSE);
}

static char *
report_text (CollateExportDialog *self)
{
  GString *out = g_string_new (NULL);
  CollateExportReport *report = self->report;
  guint n_documents, n_spans, n_links, n_warnings;
  g_autofree char *documents = NULL;
  g_autofree char *spans = NULL;
  g_autofree char *links = NULL;
  g_autofree char *files = written_files_text (self);

  if (report == NULL)
    {
      g_string_append (out, _("The export was done before it could be stopped."));
      g_string_append (out, "\n\n");
      g_string_append (out, files);
      return g_string_free (out, FALSE);
    }

  n_documents = collate_export_report_get_n_documents (report);
  n_spans = collate_export_report_get_n_spans (report);
  n_links = collate_export_report_get_n_links (report);
  n_warnings = collate_export_report_get_n_warnings (report);
  documents = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u document", "%u documents",
                                            n_documents), n_documents);
  spans = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u span", "%u spans", n_spans),
                           n_spans);
  links = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u link", "%u links", n_links),
                           n_links);
  if (g_strcmp0 (collate_export_dialog_get_format (self), "nli") == 0)
    {
      guint n_pairs = collate_export_report_get_n_records (report);
      g_autofree char *pairs = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u pair",
                                                             "%u pairs", n_pairs), n_pairs);
      g_autofree char *from = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u link",
                                                            "%u links", n_links), n_links);

      /* Translators: "Exported 2 pairs from 2 links." */
      g_string_append_printf (out, _("Exported %s from %s."), pairs, from);
    }
  else
    /* Translators: "Exported 2 documents, 14 spans and 3 links." */
    g_string_append_printf (out, _("Exported %s, %s and %s."), documents, spans, links);
  g_string_append (out, "\n\n");

  if (n_warnings > 0)
    {
      g_string_append (out, _("What the format could not hold:"));
      for (guint i = 0; i < n_warnings; i++)
        {
          g_string_append (out, "\n  • ");
          /* Translators: a warning of an export and how many times it happened */
          g_string_append_printf (out, _("%s: %u"),
                                  collate_export_report_get_message (report, i),
                                  collate_export_report_get_count (report, i));
        }
      g_string_append (out, "\n\n");
    }
  g_string_append (out, files);
  return g_string_free (out, FALSE);
}

static void
show_outcome (CollateExportDialog *self)
{
  if (self->error != NULL)
    {
      gtk_image_set_from_icon_name (self->outcome_icon, "dialog-error-symbolic");
      gtk_label_set_label (self->outcome_heading, _("Export Failed"));
      gtk_label_set_label (self->outcome_label, self->error->message);
      gtk_widget_set_visible (self->back_button, TRUE);
    }
  else
    {
      g_autofree char *text = report_text (self);
      gboolean warned = self->report != NULL &&
                        collate_export_report_get_n_warnings (self->report) > 0;

      gtk_image_set_from_icon_name (self->outcome_icon,
                                    warned ? "dialog-warning-symbolic"
                                           : "emblem-ok-symbolic");
      gtk_label_set_label (self->outcome_heading,
                           warned ? _("Exported, With Warnings") : _("Exported"));
      gtk_label_set_label (self->outcome_label, text);
      gtk_widget_set_visible (self->back_button, FALSE);
    }
  show_page (self, "outcome");
  /* not the selectable text: it would come up all selected */
  gtk_widget_grab_focus (self->close_button);
  gtk_label_select_region (self->outcome_label, 0, 0);
}

/* ── Remembered choices ──
 * The last export's format, options and chosen destination, per project
 * file, in a key file of the user's state (not in the project: they are
 * one person's habits, not the data). */

#define MAX_REMEMBERED_PROJECTS 200

static char *
choices_path (void)
{
  return g_build_filename (g_get_user_state_dir (), "collate", "export.ini", NULL);
}

static GKeyFile *
load_choices (void)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autofree char *path = choices_path ();
  g_autoptr(GError) error = NULL;

  if (!g_key_file_load_from_file (keys, path, G_KEY_FILE_NONE, &error)
      && !g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    g_debug ("Ignoring %s: %s", path, error->message);
  return g_steal_pointer (&keys);
}

static void
set_unticked (GKeyFile    *keys,
              const char  *group,
              const char  *key,
              GPtrArray   *checks)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;

  for (guint i = 0; i < checks->len; i++)
    if (!gtk_check_button_get_active (checks->pdata[i]))
      g_strv_builder_add (builder, g_object_get_data (checks->pdata[i], "label-name"));
  names = g_strv_builder_end (builder);
  g_key_file_set_string_list (keys, group, key, (const char * const *) names,
                              g_strv_length (names));
}

static void
restore_unticked (GKeyFile    *keys,
                  const char  *group,
                  const char  *key,
                  GPtrArray   *checks)
{
  g_auto(GStrv) names = g_key_file_get_string_list (keys, group, key, NULL, NULL);

  if (names == NULL)
    return;
  for (guint i = 0; i < checks->len; i++)
    gtk_check_button_set_active (checks->pdata[i],
                                 !g_strv_contains ((const char * const *) names,
                                                   g_object_get_data (checks->pdata[i],
                                                                      "label-name")));
}

static void
remember_choices (CollateExportDialog *self)
{
  g_autoptr(GKeyFile) keys = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *group = NULL;
  g_autofree char *path = choices_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_auto(GStrv) groups = NULL;
  const char *format = collate_export_dialog_get_format (self);

  if (self->project_file == NULL || format == NULL)
    return;
  keys = load_choices ();
  group = g_file_get_uri (self->project_file);
  /* the latest last, the oldest forgotten */
  g_key_file_remove_group (keys, group, NULL);
  groups = g_key_file_get_groups (keys, NULL);
  for (guint i = 0; groups[i] != NULL && g_strv_length (groups) - i >= MAX_REMEMBERED_PROJECTS; i++)
    g_key_file_remove_group (keys, groups[i], NULL);

  g_key_file_set_string (keys, group, "format", format);
  if (self->destination_chosen && self->destination != NULL)
    {
      g_autofree char *uri = g_file_get_uri (self->destination);

      g_key_file_set_string (keys, group, "destination", uri);
    }
  set_unticked (keys, group, "spans-off", self->span_checks);
  set_unticked (keys, group, "links-off", self->link_checks);
  set_unticked (keys, group, "entities-off", self->conll_checks);
  g_key_file_set_boolean (keys, group, "split", split_active (self));
  g_key_file_set_integer (keys, group, "train", gtk_spin_button_get_value_as_int (self->train_spin));
  g_key_file_set_integer (keys, group, "dev", gtk_spin_button_get_value_as_int (self->dev_spin));
  g_key_file_set_integer (keys, group, "test", gtk_spin_button_get_value_as_int (self->test_spin));
  g_key_file_set_uint64 (keys, group, "seed", (guint64) gtk_spin_button_get_value (self->seed_spin));
  g_key_file_set_string (keys, group, "context",
                         gtk_drop_down_get_selected (self->context_dropdown) == 1
                         ? "sentence" : "span");
  g_key_file_set_boolean (keys, group, "strict", gtk_check_button_get_active (self->strict_check));

  if (g_mkdir_with_parents (dir, 0700) != 0
      || !g_key_file_save_to_file (keys, path, &error))
    g_debug ("Could not remember the export's choices in %s: %s", path,
             error != NULL ? error->message : g_strerror (errno));
}

static void
restore_choices (CollateExportDialog *self)
{
  g_autoptr(GKeyFile) keys = NULL;
  g_autofree char *group = NULL;
  g_autofree char *format = NULL;
  g_autofree char *destination = NULL;
  g_autofree char *context = NULL;

  if (self->project_file == NULL)
    return;
  keys = load_choices ();
  group = g_file_get_uri (self->project_file);
  if (!g_key_file_has_group (keys, group))
    return;

  format = g_key_file_get_string (keys, group, "format", NULL);
  if (format != NULL)
    collate_export_dialog_set_format (self, format);
  restore_unticked (keys, group, "spans-off", self->span_checks);
  restore_unticked (keys, group, "links-off", self->link_checks);
  restore_unticked (keys, group, "entities-off", self->conll_checks);
  {
    const char *spins[] = { "train", "dev", "test", "seed" };
    GtkSpinButton *buttons[] = { self->train_spin, self->dev_spin, self->test_spin,
                                 self->seed_spin };

    for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
      if (g_key_file_has_key (keys, group, spins[i], NULL))
        gtk_spin_button_set_value (buttons[i],
                                   (double) g_key_file_get_uint64 (keys, group, spins[i], NULL));
  }
  gtk_check_button_set_active (self->split_check,
                               g_key_file_get_boolean (keys, group, "split", NULL));
  context = g_key_file_get_string (keys, group, "context", NULL);
  gtk_drop_down_set_selected (self->context_dropdown, g_strcmp0 (context, "sentence") == 0);
  gtk_check_button_set_active (self->strict_check,
                               g_key_file_get_boolean (keys, group, "strict", NULL));

  /* A destination whose folder is gone is not offered */
  destination = g_key_file_get_string (keys, group, "destination", NULL);
  if (destination != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (destination);
      g_autoptr(GFile) parent = g_file_get_parent (file);

      if (parent != NULL && g_file_query_file_type (parent, G_FILE_QUERY_INFO_NONE, NULL)
                            == G_FILE_TYPE_DIRECTORY)
        {
          g_set_object (&self->destination, file);
          self->destination_chosen = TRUE;
          self->suffix = output_suffix (self);
          self->name_tag = output_name_tag (self);
          update_destination_label (self);
        }
    }
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CollateExportDialog) self = g_weak_ref_get (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateExportReport) report = collate_export_finish (result, &error);

  weak_ref_free (user_data);
  if (self == NULL)
    return;  /* closed meanwhile (the export was cancelled then) */
  g_clear_object (&self->cancellable);
  g_clear_object (&self->report);
  g_clear_error (&self->error);
  if (report != NULL)
    {
      self->report = g_steal_pointer (&report);
      remember_choices (self);
    }
  else
    self->error = g_steal_pointer (&error);

  /* A cancellation that came as the export was done is reported as one,
   * though everything was written: say what is there. */
  if (g_error_matches (self->error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !self->destination_existed && g_file_query_exists (self->destination, NULL))
    g_clear_error (&self->error);

  if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
    {
      if (self->error != NULL && g_error_matches (self->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* back to the options, as before Export */
          show_page (self, "options");
          update_sensitivity (self);
        }
      else
        show_outcome (self);
    }
  g_signal_emit (self, signals[FINISHED], 0);
}

void
collate_export_dialog_start (CollateExportDialog *self)
{
  g_autoptr(CollateExportOptions) options = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (COLLATE_IS_EXPORT_DIALOG (self));

  if (self->cancellable != NULL)
    return;
  options = collate_export_dialog_dup_options (self, &error);
  if (options == NULL || self->destination == NULL)
    {
      update_sensitivity (self);
      return;
    }

  g_clear_object (&self->report);
  g_clear_error (&self->error);
  self->destination_existed = g_file_query_exists (self->destination, NULL);
  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  {
    g_autofree char *where = g_file_get_parse_name (self->destination);
    g_autofree char *text = g_strdup_printf (_("Exporting to %s…"), where);

    gtk_label_set_label (self->progress_label, text);
  }
  show_page (self, "progress");
  collate_export_async (self->project, options, self->destination,
                        progress_cb, weak_ref_new (self), weak_ref_free,
                        self->cancellable, export_done_cb, weak_ref_new (self));
}

void
collate_export_dialog_cancel (CollateExportDialog *self)
{
  g_return_if_fail (COLLATE_IS_EXPORT_DIALOG (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
back_clicked_cb (CollateExportDialog *self)
{
  show_page (self, "options");
  update_sensitivity (self);
}

static gboolean
close_request_cb (GtkWindow *window)
{
  CollateExportDialog *self = COLLATE_EXPORT_DIALOG (window);

  /* Closing stops a running export; the core leaves nothing half-written */
  collate_export_dialog_cancel (self);
  if (self->chooser_cancellable != NULL)
    g_cancellable_cancel (self->chooser_cancellable);
  return FALSE;
}

static void
close_clicked_cb (CollateExportDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

/* ── Building the widgets ── */

static GtkWidget *
section_heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 6);
  return label;
}

static GtkWidget *
dim_caption (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  return label;
}

/* A flow of check buttons, one per label of @kind, all ticked */
static GtkWidget *
label_checks_new (CollateExportDialog *self,
                  CollateLabelKind     kind,
                  GPtrArray           *checks)
{
  CollateSchema *schema = collate_project_get_schema (self->project);
  GtkWidget *flow = gtk_flow_box_new ();
  guint n = collate_schema_get_n_labels (schema, kind);

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 3);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow), 2);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 6);
  for (guint i = 0; i < n; i++)
    {
      CollateLabel *label = collate_schema_get_label (schema, kind, i);
      GtkWidget *check = gtk_check_button_new_with_label (collate_label_get_name (label));

      g_object_set_data_full (G_OBJECT (check), "label-name",
                              g_strdup (collate_label_get_name (label)), g_free);
      if (collate_label_get_description (label) != NULL)
        gtk_widget_set_tooltip_text (check, collate_label_get_description (label));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (options_changed_cb), self);
      gtk_flow_box_append (GTK_FLOW_BOX (flow), check);
      g_ptr_array_add (checks, check);
    }
  return flow;
}

static GtkWidget *
spin_new (CollateExportDialog *self,
          double               value,
          double               upper)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (0, upper, 1);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (options_changed_cb), self);
  return spin;
}

static GtkWidget *
build_options_page (CollateExportDialog *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *grid, *row, *widget;
  const char *contexts[] = { N_("The quote itself"), N_("The sentence around it"), NULL };
  g_autoptr(GtkStringList) context_names = gtk_string_list_new (NULL);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);

  /* Format */
  gtk_box_append (GTK_BOX (box), section_heading (_("Format")));
  widget = format_buttons_new (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Format"), -1);
  for (guint i = 0; i < self->format_buttons->len; i++)
    g_signal_connect_swapped (self->format_buttons->pdata[i], "toggled",
                              G_CALLBACK (format_toggled_cb), self);
  gtk_box_append (GTK_BOX (box), widget);
  widget = dim_caption ("");
  self->format_description = GTK_LABEL (widget);
  gtk_box_append (GTK_BOX (box), widget);

  /* Format options */
  self->nli_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  widget = gtk_label_new_with_mnemonic (_("_Premise and hypothesis"));
  gtk_box_append (GTK_BOX (self->nli_box), widget);
  for (guint i = 0; contexts[i]; i++)
    gtk_string_list_append (context_names, _(contexts[i]));
  row = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (context_names)), NULL);
  self->context_dropdown = GTK_DROP_DOWN (row);
  gtk_label_set_mnemonic_widget (GTK_LABEL (widget), row);
  g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (options_changed_cb), self);
  gtk_box_append (GTK_BOX (self->nli_box), row);
  gtk_box_append (GTK_BOX (box), self->nli_box);

  self->conll_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_box_append (GTK_BOX (self->conll_box), dim_caption (_("Span labels tagged as entities:")));
  gtk_box_append (GTK_BOX (self->conll_box),
                  label_checks_new (self, COLLATE_LABEL_KIND_SPAN, self->conll_checks));
  gtk_box_append (GTK_BOX (box), self->conll_box);

  self->pairs_check = gtk_check_button_new_with_mnemonic (_("One task per _pair of documents (keeps the links "
                                                            "between them)"));
  gtk_widget_set_tooltip_text (self->pairs_check, _("The two texts side by side in each task, so that a link "
                                                    "from one to the other is a relation"));
  g_signal_connect_swapped (self->pairs_check, "toggled", G_CALLBACK (options_changed_cb), self);
  gtk_box_append (GTK_BOX (box), self->pairs_check);

  widget = gtk_check_button_new_with_mnemonic (_("_Fail if the format cannot hold everything"));
  self->strict_check = GTK_CHECK_BUTTON (widget);
  g_signal_connect_swapped (widget, "toggled", G_CALLBACK (options_changed_cb), self);
  gtk_box_append (GTK_BOX (box), widget);

  /* Destination */
  gtk_box_append (GTK_BOX (box), section_heading (_("Destination")));
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  widget = gtk_label_new (NULL);
  self->destination_label = GTK_LABEL (widget);
  gtk_label_set_xalign (GTK_LABEL (widget), 0);
  gtk_label_set_ellipsize (GTK_LABEL (widget), PANGO_ELLIPSIZE_START);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_box_append (GTK_BOX (row), widget);
  widget = gtk_button_new_with_mnemonic (_("_Choose…"));
  g_signal_connect_swapped (widget, "clicked", G_CALLBACK (choose_clicked_cb), self);
  gtk_box_append (GTK_BOX (row), widget);
  gtk_box_append (GTK_BOX (box), row);
  widget = dim_caption ("");
  self->destination_kind_label = GTK_LABEL (widget);
  gtk_box_append (GTK_BOX (box), widget);

  /* Labels */
  gtk_box_append (GTK_BOX (box), section_heading (_("Labels")));
  gtk_box_append (GTK_BOX (box), dim_caption (_("Spans")));
  gtk_box_append (GTK_BOX (box),
                  label_checks_new (self, COLLATE_LABEL_KIND_SPAN, self->span_checks));
  if (collate_schema_get_n_labels (collate_project_get_schema (self->project),
                                   COLLATE_LABEL_KIND_LINK) > 0)
    {
      gtk_box_append (GTK_BOX (box),
                      dim_caption (_("Links (kept only when both of their spans are)")));
      gtk_box_append (GTK_BOX (box),
                      label_checks_new (self, COLLATE_LABEL_KIND_LINK, self->link_checks));
    }

  /* Split */
  gtk_box_append (GTK_BOX (box), section_heading (_("Split")));
  widget = gtk_check_button_new_with_mnemonic (_("_Split the documents into train, dev and test sets"));
  self->split_check = GTK_CHECK_BUTTON (widget);
  g_signal_connect_swapped (widget, "toggled", G_CALLBACK (shape_changed_cb), self);
  gtk_box_append (GTK_BOX (box), widget);

  grid = gtk_grid_new ();
  self->split_box = grid;
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_widget_set_margin_start (grid, 28);
  {
    struct { const char *label; double value; double upper; GtkSpinButton **spin; } rows[] = {
      { N_("_Train %"), 80, 100, &self->train_spin },
      { N_("_Dev %"), 10, 100, &self->dev_spin },
      { N_("T_est %"), 10, 100, &self->test_spin },
      { N_("S_eed"), 0, G_MAXUINT32, &self->seed_spin },
    };

    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      {
        GtkWidget *label = gtk_label_new_with_mnemonic (_(rows[i].label));
        GtkWidget *spin = spin_new (self, rows[i].value, rows[i].upper);

        gtk_label_set_xalign (GTK_LABEL (label), 0);
        gtk_label_set_mnemonic_widget (GTK_LABEL (label), spin);
        gtk_editable_set_width_chars (GTK_EDITABLE (spin), i < 3 ? 3 : 10);
        *rows[i].spin = GTK_SPIN_BUTTON (spin);
        gtk_grid_attach (GTK_GRID (grid), label, (i % 2) * 2, i / 2, 1, 1);
        gtk_grid_attach (GTK_GRID (grid), spin, (i % 2) * 2 + 1, i / 2, 1, 1);
      }
  }
  gtk_box_append (GTK_BOX (box), grid);

  return scroller;
}

static GtkWidget *
build_progress_page (CollateExportDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *widget;

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);
  widget = gtk_label_new (NULL);
  self->progress_label = GTK_LABEL (widget);
  gtk_label_set_wrap (GTK_LABEL (widget), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (widget), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (box), widget);
  widget = gtk_progress_bar_new ();
  self->progress_bar = GTK_PROGRESS_BAR (widget);
  gtk_box_append (GTK_BOX (box), widget);
  widget = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_widget_set_halign (widget, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (widget, "clicked", G_CALLBACK (collate_export_dialog_cancel), self);
  gtk_box_append (GTK_BOX (box), widget);
  return box;
}

static GtkWidget *
build_outcome_page (CollateExportDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *widget;

  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  widget = gtk_image_new ();
  self->outcome_icon = GTK_IMAGE (widget);
  gtk_image_set_pixel_size (GTK_IMAGE (widget), 24);
  gtk_box_append (GTK_BOX (heading), widget);
  widget = gtk_label_new (NULL);
  self->outcome_heading = GTK_LABEL (widget);
  gtk_widget_add_css_class (widget, "title-4");
  gtk_widget_add_css_class (widget, "heading");
  gtk_box_append (GTK_BOX (heading), widget);
  gtk_box_append (GTK_BOX (box), heading);

  widget = gtk_label_new (NULL);
  self->outcome_label = GTK_LABEL (widget);
  gtk_label_set_xalign (GTK_LABEL (widget), 0);
  gtk_label_set_yalign (GTK_LABEL (widget), 0);
  gtk_label_set_wrap (GTK_LABEL (widget), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (widget), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (widget), TRUE);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), widget);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (box), scroller);
  return box;
}

/* ── GObject ── */

static void
collate_export_dialog_dispose (GObject *object)
{
  CollateExportDialog *self = COLLATE_EXPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->chooser_cancellable != NULL)
    g_cancellable_cancel (self->chooser_cancellable);
  g_clear_object (&self->project);
  g_clear_object (&self->project_file);
  g_clear_object (&self->destination);
  g_clear_object (&self->report);

  G_OBJECT_CLASS (collate_export_dialog_parent_class)->dispose (object);
}

static void
collate_export_dialog_finalize (GObject *object)
{
  CollateExportDialog *self = COLLATE_EXPORT_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->chooser_cancellable);
  g_clear_error (&self->error);
  g_clear_pointer (&self->format_buttons, g_ptr_array_unref);
  g_clear_pointer (&self->span_checks, g_ptr_array_unref);
  g_clear_pointer (&self->link_checks, g_ptr_array_unref);
  g_clear_pointer (&self->conll_checks, g_ptr_array_unref);

  G_OBJECT_CLASS (collate_export_dialog_parent_class)->finalize (object);
}

static void
collate_export_dialog_class_init (CollateExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = collate_export_dialog_dispose;
  object_class->finalize = collate_export_dialog_finalize;
  window_class->close_request = close_request_cb;

  /**
   * CollateExportDialog::finished:
   *
   * An export started by the dialog is done: written, failed or cancelled.
   */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
collate_export_dialog_init (CollateExportDialog *self)
{
  self->format_buttons = g_ptr_array_new ();
  self->span_checks = g_ptr_array_new ();
  self->link_checks = g_ptr_array_new ();
  self->conll_checks = g_ptr_array_new ();
}

static void
build (CollateExportDialog *self)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *options_buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *outcome_buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *options_page = build_options_page (self);
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *widget;

  self->stack = GTK_STACK (stack);
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_widget_set_vexpand (stack, TRUE);

  /* The options page has its own buttons at the bottom; the others too */
  {
    GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
    GtkWidget *footer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

    gtk_box_append (GTK_BOX (page), options_page);
    gtk_box_append (GTK_BOX (page), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
    gtk_widget_set_margin_start (footer, 18);
    gtk_widget_set_margin_end (footer, 18);
    gtk_widget_set_margin_top (footer, 10);
    gtk_widget_set_margin_bottom (footer, 12);
    widget = gtk_label_new (NULL);
    self->problem_label = GTK_LABEL (widget);
    gtk_label_set_xalign (GTK_LABEL (widget), 0);
    gtk_label_set_wrap (GTK_LABEL (widget), TRUE);
    gtk_widget_add_css_class (widget, "dim-label");
    gtk_box_append (GTK_BOX (footer), widget);

    gtk_widget_set_halign (options_buttons, GTK_ALIGN_END);
    widget = gtk_button_new_with_mnemonic (_("_Cancel"));
    g_signal_connect_swapped (widget, "clicked", G_CALLBACK (close_clicked_cb), self);
    gtk_box_append (GTK_BOX (options_buttons), widget);
    widget = gtk_button_new_with_mnemonic (_("_Export"));
    self->export_button = widget;
    gtk_widget_add_css_class (widget, "suggested-action");
    g_signal_connect_swapped (widget, "clicked", G_CALLBACK (collate_export_dialog_start), self);
    gtk_box_append (GTK_BOX (options_buttons), widget);
    gtk_box_append (GTK_BOX (footer), options_buttons);
    gtk_box_append (GTK_BOX (page), footer);
    gtk_stack_add_named (self->stack, page, "options");
  }

  gtk_stack_add_named (self->stack, build_progress_page (self), "progress");

  {
    GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

    gtk_box_append (GTK_BOX (page), build_outcome_page (self));
    gtk_box_append (GTK_BOX (page), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
    gtk_widget_set_halign (outcome_buttons, GTK_ALIGN_END);
    gtk_widget_set_margin_start (outcome_buttons, 18);
    gtk_widget_set_margin_end (outcome_buttons, 18);
    gtk_widget_set_margin_top (outcome_buttons, 10);
    gtk_widget_set_margin_bottom (outcome_buttons, 12);
    widget = gtk_button_new_with_mnemonic (_("_Back"));
    self->back_button = widget;
    g_signal_connect_swapped (widget, "clicked", G_CALLBACK (back_clicked_cb), self);
    gtk_box_append (GTK_BOX (outcome_buttons), widget);
    widget = gtk_button_new_with_mnemonic (_("C_lose"));
    self->close_button = widget;
    gtk_widget_add_css_class (widget, "suggested-action");
    g_signal_connect_swapped (widget, "clicked", G_CALLBACK (close_clicked_cb), self);
    gtk_box_append (GTK_BOX (outcome_buttons), widget);
    gtk_box_append (GTK_BOX (page), outcome_buttons);
    gtk_stack_add_named (self->stack, page, "outcome");
  }

  gtk_box_append (GTK_BOX (outer), stack);
  gtk_window_set_titlebar (GTK_WINDOW (self), gtk_header_bar_new ());
  gtk_window_set_child (GTK_WINDOW (self), outer);
  gtk_stack_set_visible_child_name (self->stack, "options");
  gtk_window_set_default_widget (GTK_WINDOW (self), self->export_button);
}

/* As tall as the options want, but never taller than the parent's monitor
 * (less room for the title bar and a panel): on a screen of 800 × 600 the
 * options page scrolls instead of the dialog's buttons falling off it */
static int
fitting_height (GtkWindow *parent,
                int        wanted)
{
  GdkDisplay *display = parent != NULL ? gtk_widget_get_display (GTK_WIDGET (parent))
                                       : gdk_display_get_default ();
  GdkSurface *surface = parent != NULL ? gtk_native_get_surface (GTK_NATIVE (parent)) : NULL;
  g_autoptr(GdkMonitor) monitor = NULL;
  GdkRectangle area;

  if (display == NULL)
    return wanted;
  if (surface != NULL && gdk_display_get_monitor_at_surface (display, surface) != NULL)
    monitor = g_object_ref (gdk_display_get_monitor_at_surface (display, surface));
  if (monitor == NULL && g_list_model_get_n_items (gdk_display_get_monitors (display)) > 0)
    monitor = g_list_model_get_item (gdk_display_get_monitors (display), 0);
  if (monitor == NULL)
    return wanted;
  gdk_monitor_get_geometry (monitor, &area);
  return CLAMP (area.height - 80, 360, wanted);
}

CollateExportDialog *
collate_export_dialog_new (GtkWindow      *parent,
                           CollateProject *project,
                           GFile          *project_file)
{
  CollateExportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (COLLATE_IS_PROJECT (project), NULL);
  g_return_val_if_fail (project_file == NULL || G_IS_FILE (project_file), NULL);

  self = g_object_new (COLLATE_TYPE_EXPORT_DIALOG,
                       "title", _("Export Dataset"),
                       "modal", TRUE,
                       "destroy-with-parent", TRUE,
                       "transient-for", parent,
                       "default-width", 520,
                       "default-height", fitting_height (parent, 640),
                       NULL);
  self->project = g_object_ref (project);
  self->project_file = project_file ? g_object_ref (project_file) : NULL;
  build (self);
  update_suggestion (self);
  restore_choices (self);
  update_sensitivity (self);
  return self;
}

void
collate_export_dialog_present (GtkWindow      *parent,
                               CollateProject *project,
                               GFile          *project_file)
{
  CollateExportDialog *self = collate_export_dialog_new (parent, project, project_file);

  g_return_if_fail (self != NULL);
  gtk_window_present (GTK_WINDOW (self));
}

/* ── For tests ── */

gboolean
collate_export_dialog_set_format (CollateExportDialog *self,
                                  const char          *format)
{
  const CollateExportFormat *const *formats = collate_export_list_formats ();

  g_return_val_if_fail (COLLATE_IS_EXPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  for (guint i = 0; formats[i] && i < self->format_buttons->len; i++)
    if (g_str_equal (formats[i]->name, format))
      {
        gtk_check_button_set_active (self->format_buttons->pdata[i], TRUE);
        return TRUE;
      }
  return FALSE;
}

const char *
collate_export_dialog_get_format (CollateExportDialog *self)
{
  const CollateExportFormat *format;

  g_return_val_if_fail (COLLATE_IS_EXPORT_DIALOG (self), NULL);

  format = selected_format (self);
  return format ? format->name : NULL;
}

gboolean
collate_export_dialog_set_label_active (CollateExportDialog *self,
                                        const char          *label,
                                        gboolean             active)
{
  GPtrArray *lists[] = { self->span_checks, self->link_checks };

  g_return_val_if_fail (COLLATE_IS_EXPORT_DIALOG (self), FALSE);

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < lists[l]->len; i++)
      if (g_strcmp0 (g_object_get_data (lists[l]->pdata[i], "label-name"), label) == 0)
        {
          gtk_check_button_set_active (lists[l]->pdata[i], active);
          return TRUE;
        }
  return FALSE;
}

void
collate_export_dialog_set_destination (CollateExportDialog *self,
                                       GFile               *destination)
{
  g_return_if_fail (COLLATE_IS_EXPORT_DIALOG (self));
  g_return_if_fail (destination == NULL || G_IS_FILE (destination));

  g_set_object (&self->destination, destination);
  self->destination_chosen = destination != NULL;
  update_suggestion (self);
  update_sensitivity (self);
}

GFile *
collate_export_dialog_get_destination (CollateExportDialog *self)
{
  g_return_val_if_fail (COLLATE_IS_EXPORT_DIALOG (self), NULL);

  return self->destination;
}

gboolean
collate_export_dialog_is_running (CollateExportDialog *self)
{
  g_return_val_if_fail (COLLATE_IS_EXPORT_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}

CollateExportReport *
collate_export_dialog_get_report (CollateExportDialog *self)
{
  g_return_val_if_fail (COLLATE_IS_EXPORT_DIALOG (self), NULL);

  return self->report;
}

const GError *
collate_export_dialog_get_error (CollateExportDialog *self)
{
  g_return_val_if_fail (COLLATE_IS_EXPORT_DIALOG (self), NULL);

  return self->error;
}

char *
collate_export_dialog_dup_result_text (CollateExportDialog *self)
{
  g_return_val_if_fail (COLLATE_IS_EXPORT_DIALOG (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "outcome") != 0)
    return NULL;
  return g_strdup_printf ("%s\n%s", gtk_label_get_label (self->outcome_heading),
                          gtk_label_get_label (self->outcome_label));
}
