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

G_END_DECLS
