/* collate-cli-suggest.h — the `suggest` command of collate-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* argv[0] is "suggest".  Returns the exit status: 0 ok, 1 bad input, 2 usage. */
int collate_cli_suggest (int argc, char **argv);

G_END_DECLS
