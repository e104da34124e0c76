/* collate-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "collate-error.h"

G_DEFINE_QUARK (collate-error-quark, collate_error)
