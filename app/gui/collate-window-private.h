/* collate-window-private.h — CollateWindow's insides, shared by its files and tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "collate-recovery.h"
#include "collate-start-view.h"
#include "collate-window.h"

G_BEGIN_DECLS

/* Seconds of quiet after a change before the recovery copy is written, and
 * the longest a change waits for it */
#define COLLATE_AUTOSAVE_DELAY     3
#define COLLATE_AUTOSAVE_MAX_DELAY 30
/* Longest message a banner shows, in characters */
#define COLLATE_BANNER_MAX_CHARS   400

struct _CollateWindow
{
  GtkApplicationWindow  parent_instance;

  /* The application (kept weakly: it outlives its windows, but a window
   * loses gtk_window_get_application() before it is disposed) */
  CollateApplication   *app;
  GSettings            *settings;
  CollateProject       *project;
  GFile                *file;
  char                 *etag;
  CollateRecovery      *recovery;
  GFile                *recovery_dir;
  GCancellable         *cancellable;
  /* a page being fetched (New Document from Clipboard, a dropped URL) */
  GCancellable         *fetch_cancellable;
  /* …to be added to the project shown rather than made one of its own */
  gboolean              fetch_adds;
  /* rebuilding the panes after documents were added or undone, and how
   * many the panes show */
  guint                 documents_idle;
  guint                 shown_documents;

  /* the alert shown now (GTK 4.8), for tests */
  GtkWindow            *pending_alert;

  guint                 autosave_id;
  gint64                autosave_first_change;
  guint                 saving;
  /* Saves asked for while one was running (GTask), run after it */
  GQueue                pending_saves;
  guint                 loading;
  gboolean              recovery_dirty;
  gboolean              closing;
  gboolean              close_approved;

  /* Template widgets */
  GtkLabel             *title_label;
  GtkLabel             *subtitle_label;
  GtkWidget            *undo_button;
  GtkWidget            *redo_button;
  GtkBox               *palette_box;
  GtkMenuButton        *primary_menu_button;
  GtkRevealer          *banner_revealer;
  GtkWidget            *banner;
  GtkLabel             *banner_heading;
  GtkLabel             *banner_label;
  GtkButton            *banner_button;
  GtkStack             *stack;
  CollateStartView     *start_view;
  GtkSpinner           *loading_spinner;
  GtkLabel             *loading_label;
  GtkBox               *workspace_box;

  /* The workspace and its label palette, once a project is shown */
  GtkWidget            *workspace;
  GtkWidget            *palette;

  /* The project file, watched for changes by other programs */
  GFileMonitor         *monitor;
  guint                 watch_id;
  /* the banner says the file changed or went away */
  gboolean              watch_banner;
  /* The conflicts a merge left (collate-window-team.c) */
  GtkWidget            *conflicts_revealer;
  GtkWidget            *conflicts_heading;
  GtkWidget            *conflicts_list;
  /* where another program renamed or moved the file to, when known */
  GFile                *moved_to;

  /* What the banner's button does */
  char                 *banner_action;
  GVariant             *banner_target;
};

/* collate-window-actions.c */
void        collate_window_class_add_actions     (GtkWidgetClass *widget_class);
void        collate_window_update_actions        (CollateWindow  *self);

/* collate-window-report.c */
void        collate_window_class_add_report_actions (GtkWidgetClass *widget_class);
char       *collate_window_suggest_report_name   (GFile          *project_file,
                                                  const char     *title);
/* Styles the banner as news of something done (a tick, not a warning) */
void        collate_window_set_banner_done       (CollateWindow  *self,
                                                  gboolean        done);

void        collate_window_fetch_url             (CollateWindow  *self,
                                                  const char     *url);

/* collate-window-team.c */
void        collate_window_class_add_team_actions (GtkWidgetClass *widget_class);
void        collate_window_team_project_set      (CollateWindow  *self);
void        collate_window_update_conflicts      (CollateWindow  *self);
/* Loads several annotators' projects of the same documents, merges them
 * (team/collate-merge.h) and shows the result on its Curation page */
void        collate_window_curate_files          (CollateWindow  *self,
                                                  GFile         **files,
                                                  guint           n_files);
/* collate-window-documents.c */
void        collate_window_class_add_document_actions (GtkWidgetClass *widget_class);
void        collate_window_update_document_actions (CollateWindow *self);
void        collate_window_watch_documents       (CollateWindow  *self);
void        collate_window_add_documents         (CollateWindow  *self,
                                                  GPtrArray      *documents);
void        collate_window_add_files             (CollateWindow  *self,
                                                  GFile         **files,
                                                  guint           n_files);
void        collate_window_fetch_url_to_add      (CollateWindow  *self,
                                                  const char     *url);
GPtrArray  *collate_window_chosen_files_finish   (CollateWindow  *self,
                                                  GAsyncResult   *result,
                                                  const char     *heading);
CollateDocument *collate_window_clipboard_document_finish (CollateWindow *self,
                                                           GdkClipboard  *clipboard,
                                                           GAsyncResult  *result,
                                                           gboolean       adds);
/* collate-window-labels.c */
void        collate_window_class_add_label_actions (GtkWidgetClass *widget_class);
void        collate_window_update_label_actions  (CollateWindow  *self);
void        collate_window_labels_init           (CollateWindow  *self);
void        collate_window_labels_project_set    (CollateWindow  *self);

/* collate-window.c */
void        collate_window_show_banner           (CollateWindow  *self,
                                                  const char     *heading,
                                                  const char     *message,
                                                  const char     *button_label,
                                                  const char     *action_name,
                                                  GVariant       *target);
void        collate_window_hide_banner           (CollateWindow  *self);
void        collate_window_refresh_start_view    (CollateWindow  *self);
char       *collate_window_dup_annotator         (GSettings      *settings);
void        collate_window_add_recent            (GSettings      *settings,
                                                  GFile          *file);
gboolean    collate_window_is_recent             (GSettings      *settings,
                                                  const char     *path);
void        collate_window_forget_recent         (GSettings      *settings,
                                                  const char     *path);

/* What the window's file choosers offer to choose */
typedef enum
{
  COLLATE_WINDOW_FILES_PROJECTS,
  COLLATE_WINDOW_FILES_REPORTS,      /* text, web pages and PDFs */
  COLLATE_WINDOW_FILES_LABEL_SETS,   /* label sets, and projects to take them from */
} CollateWindowFiles;

/* A file chooser's filters (a GListModel of GtkFileFilter): @files, then
 * all files */
GListModel *collate_window_file_filters         (CollateWindowFiles files);
/* Where a file chooser starts: the project file's folder, or NULL for a
 * project not saved yet */
GFile      *collate_window_dup_folder           (CollateWindow  *self);

/* For tests */
GtkWindow  *collate_window_get_pending_alert     (CollateWindow  *self);
const char *collate_window_get_banner_text       (CollateWindow  *self);
gboolean    collate_window_get_banner_visible    (CollateWindow  *self);
GtkWidget  *collate_window_get_workspace         (CollateWindow  *self);
CollateRecovery *collate_window_get_recovery     (CollateWindow  *self);
/* Writes the recovery copy now rather than after the delay */
void        collate_window_autosave_now          (CollateWindow  *self);

G_END_DECLS
