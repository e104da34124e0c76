/* collate-import-dialog.c — File ▸ Import: a dataset in as a new project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built in code: a page of options (format, inputs), a page with the
 * progress of a running import, and a page for the outcome when the import
 * brought warnings.  The import itself is the core's (collate-import.h).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "collate-accessible.h"
#include "collate-compat.h"
#include "collate.h"
#include "collate-import-dialog.h"

/* Inputs named in the dialog before "and N more" */
#define MAX_LISTED_INPUTS 8

struct _CollateImportDialog
{
  GtkWindow                parent_instance;

  CollateImportOpenedFunc  opened;
  gpointer                 opened_data;

  GPtrArray               *inputs;               /* GFile */
  GCancellable            *cancellable;          /* of the running import */
  GCancellable            *chooser_cancellable;
  GError                  *error;

  GtkStack                *stack;
  /* one radio button a format, in collate_import_list_formats() order */
  GtkCheckButton          *format_buttons[8];
  GtkLabel                *format_hint;
  GtkLabel                *inputs_label;
  GtkWidget               *folder_button;
  GtkLabel                *error_label;
  GtkWidget               *error_box;
  GtkWidget               *import_button;
  GtkProgressBar          *progress_bar;
  GtkLabel                *outcome_label;
  GtkWidget               *close_button;
};

G_DEFINE_FINAL_TYPE (CollateImportDialog, collate_import_dialog, GTK_TYPE_WINDOW)

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


/* ── Formats ── */

static const char *
format_at (guint position)
{
  const char *const *names = collate_import_list_formats ();

  for (guint i = 0; names[i]; i++)
    if (i == position)
      return names[i];
  return NULL;
}

static const char *
selected_format (CollateImportDialog *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->format_buttons) && self->format_buttons[i]; i++)
    if (gtk_check_button_get_active (self->format_buttons[i]))
      return format_at (i);
  return NULL;
}

/* What to choose for each format */
static const char *
format_hint (const char *format)
{
  if (g_strcmp0 (format, "brat") == 0)
    return _("Choose a folder of brat documents, or their .txt and .ann files; each "
             "finds its pair beside it, and the folder’s annotation.conf is read if present.");
  if (g_strcmp0 (format, "label-studio") == 0)
    return _("Choose the tasks JSON file that Label Studio exported, or a folder "
             "holding tasks.json.");
  if (g_strcmp0 (format, "jsonl") == 0)
    return _("Choose one or more JSONL files: Prodigy or spaCy “spans”, doccano "
             "labels, or Collate’s own JSONL export.");
  return "";
}

/* The formats as radio buttons, each with its description below its name:
 * a list that is all there, which no popup clips on a small screen */
static GtkWidget *
format_buttons_new (CollateImportDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  const char *const *names = collate_import_list_formats ();

  for (guint i = 0; names[i] != NULL && i < G_N_ELEMENTS (self->format_buttons); i++)
    {
      const CollateExportFormat *format = collate_export_lookup_format (names[i]);
      GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *title = gtk_label_new (format != NULL ? _(format->title) : names[i]);
      GtkWidget *button = gtk_check_button_new ();

      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_box_append (GTK_BOX (text), title);
      if (format != NULL)
        {
          GtkWidget *description = gtk_label_new (_(format->description));

          gtk_label_set_xalign (GTK_LABEL (description), 0);
          gtk_label_set_wrap (GTK_LABEL (description), TRUE);
          gtk_label_set_width_chars (GTK_LABEL (description), 40);
          gtk_label_set_max_width_chars (GTK_LABEL (description), 60);
          gtk_widget_add_css_class (description, "dim-label");
          gtk_widget_add_css_class (description, "caption");
          gtk_box_append (GTK_BOX (text), description);
        }
      gtk_check_button_set_child (GTK_CHECK_BUTTON (button), text);
      /* a screen reader reads the format's name, then its description */
      collate_accessible_set_label (button, "%s", gtk_label_get_label (GTK_LABEL (title)));
      if (format != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                        _(format->description), -1);
      if (i > 0)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (button), self->format_buttons[0]);
      else
        gtk_check_button_set_active (GTK_CHECK_BUTTON (button), TRUE);
      self->format_buttons[i] = GTK_CHECK_BUTTON (button);
      gtk_box_append (GTK_BOX (box), button);
    }
  return box;
}

/* ── State ── */

static void
show_error (CollateImportDialog *self,
            const char          *message)
{
  gtk_label_set_label (self->error_label, message ? message : "");
  gtk_widget_set_visible (self->error_box, message != NULL);
}

static void
update (CollateImportDialog *self)
{
  GString *text = g_string_new (NULL);

  gtk_label_set_label (self->format_hint, format_hint (selected_format (self)));
  /* brat reads a folder of documents, Label Studio one holding tasks.json */
  gtk_widget_set_visible (self->folder_button,
                          g_strcmp0 (selected_format (self), "jsonl") != 0);

  if (self->inputs->len == 0)
    g_string_append (text, _("None chosen"));
  for (guint i = 0; i < self->inputs->len && i < MAX_LISTED_INPUTS; i++)
    {
      g_autofree char *name = g_file_get_parse_name (self->inputs->pdata[i]);

      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, name);
    }
  if (self->inputs->len > MAX_LISTED_INPUTS)
    {
      guint more = self->inputs->len - MAX_LISTED_INPUTS;

      g_string_append_c (text, '\n');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "and %u more",
                                                 "and %u more", more), more);
    }
  gtk_label_set_label (self->inputs_label, text->str);
  if (self->inputs->len == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->inputs_label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->inputs_label), "dim-label");
  g_string_free (text, TRUE);

  gtk_widget_set_sensitive (self->import_button,
                            self->inputs->len > 0 && self->cancellable == NULL);
}

static void
format_changed_cb (CollateImportDialog *self,
                   GtkCheckButton      *button)
{
  /* the buttons notify while they are torn down with the dialog; of the
   * two a change toggles, the one turned on says it */
  if (gtk_widget_in_destruction (GTK_WIDGET (self)) || !gtk_check_button_get_active (button))
    return;
  show_error (self, NULL);
  update (self);
}

/* The dialog a file chooser was opened for (a new reference), or NULL if
 * it is gone; the chooser is over either way */
static CollateImportDialog *
chooser_done (gpointer weak_ref)
{
  CollateImportDialog *self = g_weak_ref_get (weak_ref);

  weak_ref_free (weak_ref);
  if (self == NULL)
    return NULL;
  g_clear_object (&self->chooser_cancellable);
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    g_clear_object (&self);
  return self;
}

static void
choose_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GListModel) files = collate_file_dialog_open_multiple_finish (result, NULL);
  g_autoptr(CollateImportDialog) self = chooser_done (user_data);
  g_autoptr(GPtrArray) inputs = NULL;

  if (self == NULL || files == NULL)
    return;  /* gone, or dismissed */

  inputs = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    g_ptr_array_add (inputs, g_list_model_get_item (files, i));
  collate_import_dialog_set_inputs (self, (GFile *const *) inputs->pdata, inputs->len);
}

static GListModel *
filters_for (const char *format)
{
  GListStore *filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (g_strcmp0 (format, "brat") == 0)
    {
      gtk_file_filter_set_name (filter, _("brat documents (.txt, .ann)"));
      gtk_file_filter_add_suffix (filter, "txt");
      gtk_file_filter_add_suffix (filter, "ann");
    }
  else if (g_strcmp0 (format, "label-studio") == 0)
    {
      gtk_file_filter_set_name (filter, _("Label Studio tasks (.json)"));
      gtk_file_filter_add_suffix (filter, "json");
    }
  else
    {
      gtk_file_filter_set_name (filter, _("JSON Lines (.jsonl)"));
      gtk_file_filter_add_suffix (filter, "jsonl");
      gtk_file_filter_add_suffix (filter, "json");
    }
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  g_list_store_append (filters, filter);
  g_list_store_append (filters, all);
  return G_LIST_MODEL (filters);
}

static void
choose_clicked_cb (CollateImportDialog *self)
{
  g_autoptr(GListModel) filters = NULL;
  g_autoptr(GFile) folder = NULL;

  if (self->chooser_cancellable != NULL)
    return;
  if (self->inputs->len > 0)
    folder = g_file_get_parent (self->inputs->pdata[0]);
  filters = filters_for (selected_format (self));
  self->chooser_cancellable = g_cancellable_new ();
  collate_file_dialog_open_multiple_async (GTK_WINDOW (self), _("Choose Files to Import"),
                                           filters, folder, self->chooser_cancellable,
                                           choose_done_cb, weak_ref_new (self));
}

static void
choose_folder_done_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GFile) folder = collate_file_dialog_select_folder_finish (result, NULL);
  g_autoptr(CollateImportDialog) self = chooser_done (user_data);

  if (self == NULL || folder == NULL)
    return;  /* gone, or dismissed */
  collate_import_dialog_set_inputs (self, &folder, 1);
}

static void
choose_folder_clicked_cb (CollateImportDialog *self)
{
  g_autoptr(GFile) folder = NULL;

  if (self->chooser_cancellable != NULL)
    return;
  if (self->inputs->len > 0)
    folder = g_file_get_parent (self->inputs->pdata[0]);
  self->chooser_cancellable = g_cancellable_new ();
  collate_file_dialog_select_folder_async (GTK_WINDOW (self), _("Choose a Folder to Import"),
                                           folder, self->chooser_cancellable,
                                           choose_folder_done_cb, weak_ref_new (self));
}

/* Files or a folder dropped on the dialog become its inputs */
static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         gpointer       user_data)
{
  CollateImportDialog *self = user_data;
  g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func (g_object_unref);
  GSList *files;

  if (self->cancellable != NULL || !G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = files; l != NULL; l = l->next)
    g_ptr_array_add (inputs, g_object_ref (l->data));
  g_slist_free (files);
  if (inputs->len == 0)
    return FALSE;
  collate_import_dialog_set_inputs (self, (GFile *const *) inputs->pdata, inputs->len);
  return TRUE;
}

/* ── Running ── */

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  g_autoptr(CollateImportDialog) self = g_weak_ref_get (user_data);

  if (self == NULL || gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
}

static char *
warnings_text (CollateExportReport *report)
{
  GString *out = g_string_new (_("The project is open. What Collate could not take in:"));

  for (guint i = 0; i < collate_export_report_get_n_warnings (report); i++)
    {
      g_string_append (out, "\n  • ");
      g_string_append_printf (out, _("%s: %u"),
                              collate_export_report_get_message (report, i),
                              collate_export_report_get_count (report, i));
    }
  return g_string_free (out, FALSE);
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CollateImportDialog) self = g_weak_ref_get (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(CollateExportReport) report = NULL;
  g_autoptr(CollateProject) project = collate_import_finish (result, &report, &error);
  gboolean destroyed;

  weak_ref_free (user_data);
  if (self == NULL)
    return;  /* closed meanwhile: nothing to show, nobody to tell */
  destroyed = gtk_widget_in_destruction (GTK_WIDGET (self));
  g_clear_object (&self->cancellable);
  g_clear_error (&self->error);
  if (project == NULL)
    self->error = g_steal_pointer (&error);

  if (destroyed)
    {
      /* closed meanwhile: nothing to show, nobody to tell */
      g_signal_emit (self, signals[FINISHED], 0);
      return;
    }

  if (project == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "options");
      if (!g_error_matches (self->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, self->error->message);
      update (self);
      gtk_widget_grab_focus (self->import_button);
      gtk_label_select_region (self->error_label, 0, 0);
      g_signal_emit (self, signals[FINISHED], 0);
      return;
    }

  if (self->opened != NULL)
    self->opened (project, self->opened_data);

  if (report != NULL && collate_export_report_get_n_warnings (report) > 0)
    {
      g_autofree char *text = warnings_text (report);

      gtk_label_set_label (self->outcome_label, text);
      gtk_stack_set_visible_child_name (self->stack, "outcome");
      gtk_widget_grab_focus (self->close_button);
      gtk_label_select_region (self->outcome_label, 0, 0);
      g_signal_emit (self, signals[FINISHED], 0);
    }
  else
    {
      g_signal_emit (self, signals[FINISHED], 0);
      gtk_window_destroy (GTK_WINDOW (self));
    }
}

void
collate_import_dialog_start (CollateImportDialog *self)
{
  const char *format;

  g_return_if_fail (COLLATE_IS_IMPORT_DIALOG (self));

  format = selected_format (self);
  if (self->cancellable != NULL || self->inputs->len == 0 || format == NULL)
    return;

  g_clear_error (&self->error);
  show_error (self, NULL);
  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  update (self);
  collate_import_async (format, (GFile *const *) self->inputs->pdata, self->inputs->len,
                        progress_cb, weak_ref_new (self), weak_ref_free,
                        self->cancellable, import_done_cb, weak_ref_new (self));
}

void
collate_import_dialog_cancel (CollateImportDialog *self)
{
  g_return_if_fail (COLLATE_IS_IMPORT_DIALOG (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static gboolean
close_request_cb (GtkWindow *window)
{
  CollateImportDialog *self = COLLATE_IMPORT_DIALOG (window);

  collate_import_dialog_cancel (self);
  if (self->chooser_cancellable != NULL)
    g_cancellable_cancel (self->chooser_cancellable);
  return FALSE;
}

static void
close_clicked_cb (CollateImportDialog *self)
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
footer_new (void)
{
  GtkWidget *footer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

  gtk_widget_set_halign (footer, GTK_ALIGN_END);
  gtk_widget_set_margin_start (footer, 18);
  gtk_widget_set_margin_end (footer, 18);
  gtk_widget_set_margin_top (footer, 10);
  gtk_widget_set_margin_bottom (footer, 12);
  return footer;
}

static GtkWidget *
build_options_page (CollateImportDialog *self)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *footer = footer_new ();
  GtkWidget *row, *widget;

  gtk_widget_set_vexpand (box, TRUE);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);

  gtk_box_append (GTK_BOX (box), section_heading (_("Format")));
  widget = format_buttons_new (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Format"), -1);
  for (guint i = 0; i < G_N_ELEMENTS (self->format_buttons) && self->format_buttons[i]; i++)
    g_signal_connect_swapped (self->format_buttons[i], "toggled",
                              G_CALLBACK (format_changed_cb), self);
  gtk_box_append (GTK_BOX (box), widget);

  gtk_box_append (GTK_BOX (box), section_heading (_("Files")));
  widget = gtk_label_new (NULL);
  self->format_hint = GTK_LABEL (widget);
  gtk_label_set_xalign (GTK_LABEL (widget), 0);
  gtk_label_set_wrap (GTK_LABEL (widget), TRUE);
  gtk_widget_add_css_class (widget, "dim-label");
  gtk_widget_add_css_class (widget, "caption");
  gtk_box_append (GTK_BOX (box), widget);

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  widget = gtk_label_new (NULL);
  self->inputs_label = GTK_LABEL (widget);
  gtk_label_set_xalign (GTK_LABEL (widget), 0);
  gtk_label_set_yalign (GTK_LABEL (widget), 0);
  gtk_label_set_ellipsize (GTK_LABEL (widget), PANGO_ELLIPSIZE_START);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_box_append (GTK_BOX (row), widget);
  widget = gtk_button_new_with_mnemonic (_("_Choose…"));
  gtk_widget_set_valign (widget, GTK_ALIGN_START);
  g_signal_connect_swapped (widget, "clicked", G_CALLBACK (choose_clicked_cb), self);
  gtk_box_append (GTK_BOX (row), widget);
  widget = gtk_button_new_with_mnemonic (_("Choose _Folder…"));
  self->folder_button = widget;
  gtk_widget_set_valign (widget, GTK_ALIGN_START);
  g_signal_connect_swapped (widget, "clicked", G_CALLBACK (choose_folder_clicked_cb), self);
  gtk_box_append (GTK_BOX (row), widget);
  gtk_box_append (GTK_BOX (box), row);
  widget = gtk_label_new (_("Files or a folder can also be dropped here."));
  gtk_label_set_xalign (GTK_LABEL (widget), 0);
  gtk_label_set_wrap (GTK_LABEL (widget), TRUE);
  gtk_widget_add_css_class (widget, "dim-label");
  gtk_widget_add_css_class (widget, "caption");
  gtk_box_append (GTK_BOX (box), widget);

  /* The error of the last attempt, selectable so it can be copied */
  self->error_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_set_margin_top (self->error_box, 12);
  widget = gtk_image_new_from_icon_name ("dialog-error-symbolic");
  gtk_widget_add_css_class (widget, "error");
  gtk_widget_set_valign (widget, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (self->error_box), widget);
  widget = gtk_label_new (NULL);
  self->error_label = GTK_LABEL (widget);
  gtk_label_set_xalign (GTK_LABEL (widget), 0);
  gtk_label_set_wrap (GTK_LABEL (widget), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (widget), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (widget), TRUE);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_box_append (GTK_BOX (self->error_box), widget);
  gtk_widget_set_visible (self->error_box, FALSE);
  {
    GtkWidget *scroller = gtk_scrolled_window_new ();

    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller),
                                    GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
    gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->error_box);
    gtk_box_append (GTK_BOX (box), scroller);
  }

  {
    GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

    g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
    gtk_widget_add_controller (page, GTK_EVENT_CONTROLLER (target));
  }

  gtk_box_append (GTK_BOX (page), box);
  gtk_box_append (GTK_BOX (page), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  widget = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (widget, "clicked", G_CALLBACK (close_clicked_cb), self);
  gtk_box_append (GTK_BOX (footer), widget);
  widget = gtk_button_new_with_mnemonic (_("_Import"));
  self->import_button = widget;
  gtk_widget_add_css_class (widget, "suggested-action");
  g_signal_connect_swapped (widget, "clicked", G_CALLBACK (collate_import_dialog_start), self);
  gtk_box_append (GTK_BOX (footer), widget);
  gtk_box_append (GTK_BOX (page), footer);
  return page;
}

static GtkWidget *
build_progress_page (CollateImportDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *widget;

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);
  gtk_box_append (GTK_BOX (box), gtk_label_new (_("Importing…")));
  widget = gtk_progress_bar_new ();
  self->progress_bar = GTK_PROGRESS_BAR (widget);
  gtk_box_append (GTK_BOX (box), widget);
  widget = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_widget_set_halign (widget, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (widget, "clicked", G_CALLBACK (collate_import_dialog_cancel), self);
  gtk_box_append (GTK_BOX (box), widget);
  return box;
}

static GtkWidget *
build_outcome_page (CollateImportDialog *self)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *footer = footer_new ();
  GtkWidget *widget;

  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_vexpand (box, TRUE);
  widget = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_image_set_pixel_size (GTK_IMAGE (widget), 24);
  gtk_box_append (GTK_BOX (heading), widget);
  widget = gtk_label_new (_("Imported, With Warnings"));
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

  gtk_box_append (GTK_BOX (page), box);
  gtk_box_append (GTK_BOX (page), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  widget = gtk_button_new_with_mnemonic (_("C_lose"));
  self->close_button = widget;
  gtk_widget_add_css_class (widget, "suggested-action");
  g_signal_connect_swapped (widget, "clicked", G_CALLBACK (close_clicked_cb), self);
  gtk_box_append (GTK_BOX (footer), widget);
  gtk_box_append (GTK_BOX (page), footer);
  return page;
}

/* ── GObject ── */

static void
collate_import_dialog_dispose (GObject *object)
{
  CollateImportDialog *self = COLLATE_IMPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->chooser_cancellable != NULL)
    g_cancellable_cancel (self->chooser_cancellable);
  /* @opened is never called once the dialog is going */
  self->opened = NULL;
  self->opened_data = NULL;

  G_OBJECT_CLASS (collate_import_dialog_parent_class)->dispose (object);
}

static void
collate_import_dialog_finalize (GObject *object)
{
  CollateImportDialog *self = COLLATE_IMPORT_DIALOG (object);

  g_clear_pointer (&self->inputs, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->chooser_cancellable);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (collate_import_dialog_parent_class)->finalize (object);
}

static void
collate_import_dialog_class_init (CollateImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = collate_import_dialog_dispose;
  object_class->finalize = collate_import_dialog_finalize;
  window_class->close_request = close_request_cb;

  /**
   * CollateImportDialog::finished:
   *
   * An import started by the dialog is done: opened, failed or cancelled.
   */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
collate_import_dialog_init (CollateImportDialog *self)
{
  GtkWidget *stack = gtk_stack_new ();

  self->inputs = g_ptr_array_new_with_free_func (g_object_unref);
  self->stack = GTK_STACK (stack);
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_stack_add_named (self->stack, build_options_page (self), "options");
  gtk_stack_add_named (self->stack, build_progress_page (self), "progress");
  gtk_stack_add_named (self->stack, build_outcome_page (self), "outcome");
  gtk_stack_set_visible_child_name (self->stack, "options");
  gtk_window_set_titlebar (GTK_WINDOW (self), gtk_header_bar_new ());
  gtk_window_set_child (GTK_WINDOW (self), stack);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->import_button);
  update (self);
}

CollateImportDialog *
collate_import_dialog_new (GtkWindow               *parent,
                           CollateImportOpenedFunc  opened,
                           gpointer                 user_data)
{
  CollateImportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (COLLATE_TYPE_IMPORT_DIALOG,
                       "title", _("Import Dataset"),
                       "modal", TRUE,
                       "destroy-with-parent", TRUE,
                       "transient-for", parent,
                       "default-width", 480,
                       "default-height", 360,
                       NULL);
  self->opened = opened;
  self->opened_data = user_data;
  return self;
}

void
collate_import_dialog_present (GtkWindow               *parent,
                               CollateImportOpenedFunc  opened,
                               gpointer                 user_data)
{
  CollateImportDialog *self = collate_import_dialog_new (parent, opened, user_data);

  g_return_if_fail (self != NULL);
  gtk_window_present (GTK_WINDOW (self));
}

/* ── For tests ── */

gboolean
collate_import_dialog_set_format (CollateImportDialog *self,
                                  const char          *format)
{
  const char *const *names = collate_import_list_formats ();

  g_return_val_if_fail (COLLATE_IS_IMPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  for (guint i = 0; names[i] && i < G_N_ELEMENTS (self->format_buttons); i++)
    if (g_str_equal (names[i], format))
      {
        gtk_check_button_set_active (self->format_buttons[i], TRUE);
        return TRUE;
      }
  return FALSE;
}

const char *
collate_import_dialog_get_format (CollateImportDialog *self)
{
  g_return_val_if_fail (COLLATE_IS_IMPORT_DIALOG (self), NULL);

  return selected_format (self);
}

void
collate_import_dialog_set_inputs (CollateImportDialog *self,
                                  GFile *const        *inputs,
                                  guint                n_inputs)
{
  g_return_if_fail (COLLATE_IS_IMPORT_DIALOG (self));
  g_return_if_fail (inputs != NULL || n_inputs == 0);

  g_ptr_array_set_size (self->inputs, 0);
  for (guint i = 0; i < n_inputs; i++)
    g_ptr_array_add (self->inputs, g_object_ref (inputs[i]));
  show_error (self, NULL);
  update (self);
}

gboolean
collate_import_dialog_is_running (CollateImportDialog *self)
{
  g_return_val_if_fail (COLLATE_IS_IMPORT_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}

const GError *
collate_import_dialog_get_error (CollateImportDialog *self)
{
  g_return_val_if_fail (COLLATE_IS_IMPORT_DIALOG (self), NULL);

  return self->error;
}

char *
collate_import_dialog_dup_status_text (CollateImportDialog *self)
{
  const char *page;

  g_return_val_if_fail (COLLATE_IS_IMPORT_DIALOG (self), NULL);

  page = gtk_stack_get_visible_child_name (self->stack);
  if (g_strcmp0 (page, "outcome") == 0)
    return g_strdup (gtk_label_get_label (self->outcome_label));
  if (gtk_widget_get_visible (self->error_box))
    return g_strdup (gtk_label_get_label (self->error_label));
  return NULL;
}
