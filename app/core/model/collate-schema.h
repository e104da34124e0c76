/* collate-schema.h — the span and link labels of a project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "collate-enums.h"
#include "collate-enum-types.h"
#include "collate-label.h"

G_BEGIN_DECLS

#define COLLATE_TYPE_SCHEMA (collate_schema_get_type ())

G_DECLARE_FINAL_TYPE (CollateSchema, collate_schema, COLLATE, SCHEMA, GObject)

CollateSchema *collate_schema_new                 (void);
/* Claim (1), Person (2), Organization (3), Location (4), Time (5),
 * Quantity (6); Contradicts, Corroborates, Same entity. */
CollateSchema *collate_schema_new_default         (void);

/* GListModels of CollateLabel, in schema order */
GListModel    *collate_schema_get_labels          (CollateSchema    *self,
                                                   CollateLabelKind  kind);
guint          collate_schema_get_n_labels        (CollateSchema    *self,
                                                   CollateLabelKind  kind);
CollateLabel  *collate_schema_get_label           (CollateSchema    *self,
                                                   CollateLabelKind  kind,
                                                   guint             position);
/* The labels of @kind in schema order, as a new array of references: they
 * stay what they are when the schema changes afterwards */
GPtrArray     *collate_schema_dup_labels          (CollateSchema    *self,
                                                   CollateLabelKind  kind);
CollateLabel  *collate_schema_lookup              (CollateSchema    *self,
                                                   CollateLabelKind  kind,
                                                   const char       *name);
/* Position of the label named @name, or -1 */
int            collate_schema_index_of            (CollateSchema    *self,
                                                   CollateLabelKind  kind,
                                                   const char       *name);
/* The span label whose own hotkey is @hotkey */
CollateLabel  *collate_schema_lookup_hotkey       (CollateSchema    *self,
                                                   const char       *hotkey);
/* The label of @kind whose own hotkey is @hotkey */
CollateLabel  *collate_schema_lookup_kind_hotkey  (CollateSchema    *self,
                                                   CollateLabelKind  kind,
                                                   const char       *hotkey);
/* The label of @kind that the key @key applies: the one whose own hotkey it
 * is, else for a digit 1–9 the label at that position (1 the first) */
CollateLabel  *collate_schema_label_for_key       (CollateSchema    *self,
                                                   CollateLabelKind  kind,
                                                   const char       *key);
/* The key that applies the label at @position (newly allocated), or NULL:
 * its own hotkey, else the digit of its position (1–9) unless another label
 * of @kind has that digit as its own hotkey */
char          *collate_schema_key_for             (CollateSchema    *self,
                                                   CollateLabelKind  kind,
                                                   guint             position);
/* Fails with COLLATE_ERROR_EXISTS for a name or hotkey already used by a
 * label of the same kind */
gboolean       collate_schema_add                 (CollateSchema    *self,
                                                   CollateLabelKind  kind,
                                                   CollateLabel     *label,
                                                   GError          **error);
/* Returns the label named @name, adding it with a colour distinct from the
 * others if the schema lacks it (for importers). */
CollateLabel  *collate_schema_ensure              (CollateSchema    *self,
                                                   CollateLabelKind  kind,
                                                   const char       *name);

/* A new schema holding the same labels (labels are values: shared) */
CollateSchema *collate_schema_copy                (CollateSchema    *self);
/* Makes @self hold exactly the labels of @other, in its order, and emits
 * "changed" () once.  Projects do it through their undo history
 * (collate-project-labels.h); use it directly only on a schema of your own. */
void           collate_schema_assign              (CollateSchema    *self,
                                                   CollateSchema    *other);
/* TRUE if both hold the same labels (names, colours, hotkeys,
 * descriptions) in the same order */
gboolean       collate_schema_equal               (CollateSchema    *a,
                                                   CollateSchema    *b);
/* A colour distinct from those of the schema's labels of @kind (newly
 * allocated "#rrggbb") */
char          *collate_schema_pick_color          (CollateSchema    *self,
                                                   CollateLabelKind  kind);

/* The colours collate_schema_pick_color() tries first ("#rrggbb"; static):
 * distinct, and readable as dots and highlights in light and dark styles */
const char * const *collate_schema_get_palette    (guint            *n_colors);
/* The lowest WCAG contrast of @color as a dot against Adwaita's light and
 * dark backgrounds (view, window, header bar); 3 or more reads well */
double         collate_color_dot_contrast         (const char       *color);

/* Signal "changed" (): emitted by collate_schema_assign() */

G_END_DECLS
