/* collate-enums.h — enums shared across the core, registered as GTypes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  COLLATE_LABEL_KIND_SPAN,
  COLLATE_LABEL_KIND_LINK,
} CollateLabelKind;

G_END_DECLS
