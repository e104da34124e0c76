/* collate-cli-common.h — what every command of collate-cli shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "collate-project.h"

G_BEGIN_DECLS

/* Exit statuses */
#define COLLATE_CLI_EXIT_OK      0
#define COLLATE_CLI_EXIT_FAILED  1  /* bad input, or the output could not be written */
#define COLLATE_CLI_EXIT_USAGE   2

/* One line on stderr, "collate-cli: MESSAGE": line breaks, control and
 * bidirectional characters shown as escapes (collate_text_quote()) */
void     collate_cli_print_error   (const char *format,
                                    ...) G_GNUC_PRINTF (1, 2);

/* A usage problem of @command: "collate-cli: MESSAGE", then where to read
 * more.  Returns COLLATE_CLI_EXIT_USAGE. */
int      collate_cli_usage_error   (const char *command,
                                    const char *message);

/* Loads the project file @filename, as given on the command line; on a
 * problem prints it and returns NULL */
CollateProject *collate_cli_load_project (const char *filename);

/* A file name given on the command line, for messages: its display form,
 * quoted safely and shortened */
char    *collate_cli_display_name  (const char *filename);

/* Checks that @output may be written by a command reading @inputs: it is
 * none of them and inside none of the folders among them (nor, when it is
 * a folder, holds one of them), whatever names they are given by; and,
 * unless @force, it does not exist yet (a @folder_output is left to the
 * export, which writes only into an absent or empty folder).  On a problem prints it and returns the exit status:
 * COLLATE_CLI_EXIT_USAGE for an output among the inputs, COLLATE_CLI_EXIT_FAILED
 * for one that exists; else COLLATE_CLI_EXIT_OK. */
int      collate_cli_check_output  (const char         *output,
                                    const char *const  *inputs,
                                    gboolean            force,
                                    gboolean            folder_output);

/* Flushes standard output; if anything written to it was lost (a full
 * disk, a closed pipe), says so and returns FALSE */
gboolean collate_cli_finish_stdout (void);

/* Loads the project files @paths into @projects (of @n), several at once
 * (one per processor).  On a problem prints the first file's error, clears
 * @projects and returns FALSE. */
gboolean collate_cli_load_projects (const char *const  *paths,
                                    guint               n,
                                    CollateProject    **projects);

/* Keeps @data (a project, an agreement: anything big) until the process
 * exits, instead of freeing it now.  For the large structures a
 * command is done with just before it ends: freeing a loaded 46 MB project
 * object by object takes a tenth of a second or more of its own, which the
 * system does at once when the process exits.  What is kept stays reachable
 * from here, so leak checkers do not count it.  Main thread only. */
void     collate_cli_keep_until_exit (gpointer data);

/* Adds to @paths (of char *) each of @inputs that is a file, and for each
 * folder every project file (*.collate.json) inside it and the folders
 * inside those, each folder's entries in byte order of their names (names
 * starting with "." and links to folders are skipped).  Says each problem
 * (an input that does not exist, a folder that cannot be read or holds no
 * project) and returns FALSE if there was one; @paths then still holds
 * what was found. */
gboolean collate_cli_expand_inputs (const char *const *inputs,
                                    GPtrArray         *paths);

/* Progress on standard error: shown when asked (--progress) or when
 * standard error is a terminal and there are at least this many projects */
#define COLLATE_CLI_PROGRESS_FROM 20

typedef struct
{
  const char *what;      /* untranslated, N_() */
  guint       done;
  guint       total;
  gboolean    show;
  gboolean    terminal;
  gboolean    drawn;     /* a line is on the terminal */
  int         last_percent;
} CollateCliProgress;

void     collate_cli_progress_init  (CollateCliProgress *progress,
                                     const char         *what,
                                     guint               total,
                                     gboolean            asked);
/* One project done: on a terminal the line is redrawn in place; into a
 * file or pipe a line is written at each whole percent */
void     collate_cli_progress_step  (CollateCliProgress *progress);
/* Erases the progress line, before anything else is printed */
void     collate_cli_progress_clear (CollateCliProgress *progress);

/* What collate_cli_walk_projects() hands over for each project file: the
 * project (borrowed: take a reference to keep it) or, if it did not load,
 * NULL and the error.  Returns FALSE to stop the walk. */
typedef gboolean (*CollateCliProjectFunc) (const char     *path,
                                           CollateProject *project,
                                           const GError   *error,
                                           gpointer        user_data);

/* Loads each of @paths (of char *) and calls @func with it, in the order of
 * @paths, with @progress (initialised by the caller) cleared before each
 * call and stepped after it.  The next files load on other threads (one
 * per processor, a few ahead) while @func runs.  Returns FALSE if @func
 * stopped the walk. */
gboolean collate_cli_walk_projects (GPtrArray             *paths,
                                    CollateCliProgress    *progress,
                                    CollateCliProjectFunc  func,
                                    gpointer               user_data);

G_END_DECLS
