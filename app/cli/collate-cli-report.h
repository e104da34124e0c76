/* collate-cli-report.h — the `report` command of collate-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* argv[0] is "report".  Returns the exit status: 0 ok, 1 bad input or an
 * output that could not be written, 2 usage. */
int collate_cli_report (int argc, char **argv);

G_END_DECLS
