/* collate-cli-labels.h — `collate-cli labels`: list, apply and save label sets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

int collate_cli_labels (int    argc,
                        char **argv);
