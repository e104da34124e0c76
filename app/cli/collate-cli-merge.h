/* collate-cli-merge.h — the `merge-driver` command of collate-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* argv[0] is "merge-driver".  Returns 0 for a clean merge, 1 for conflicts
 * or an error, 2 for wrong usage. */
int collate_cli_merge_driver (int argc, char **argv);

/* argv[0] is "merge": annotators' versions into one project, for curation */
int collate_cli_merge        (int argc, char **argv);

G_END_DECLS
