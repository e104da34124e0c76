/* collate-cli-agree.h — the `agree` command of collate-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* argv[0] is "agree".  Returns the exit status: 0 ok, 1 bad input, 2 usage. */
int collate_cli_agree (int argc, char **argv);

G_END_DECLS
