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

/* How collate_text_refine_selection() treats a selection's edges (white
 * space at the edges always goes) */
typedef enum /*< flags >*/
{
  COLLATE_REFINE_NONE              = 0,
  COLLATE_REFINE_TRIM_PUNCTUATION  = 1 << 0,
  COLLATE_REFINE_SNAP_WORDS        = 1 << 1,
} CollateRefineFlags;

G_END_DECLS
