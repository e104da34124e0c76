/* collate-cli-export.h — the `export` and `import` commands of collate-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* argv[0] is the command name ("export" / "import").  Return the process
 * exit status: 0 ok, 1 bad input, 2 usage. */
int collate_cli_export (int argc, char **argv);
int collate_cli_import (int argc, char **argv);

G_END_DECLS
