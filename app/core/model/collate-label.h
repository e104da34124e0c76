/* collate-label.h — a span or link label of the schema
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define COLLATE_TYPE_LABEL (collate_label_get_type ())

G_DECLARE_FINAL_TYPE (CollateLabel, collate_label, COLLATE, LABEL, GObject)

/* A label is a value: immutable once made.  @color is "#rrggbb"; @hotkey and
 * @description may be NULL. */
CollateLabel *collate_label_new             (const char    *name,
                                             const char    *color,
                                             const char    *hotkey,
                                             const char    *description,
                                             GError       **error);
const char   *collate_label_get_name        (CollateLabel  *self);
const char   *collate_label_get_color       (CollateLabel  *self);
const char   *collate_label_get_hotkey      (CollateLabel  *self);
const char   *collate_label_get_description (CollateLabel  *self);
/* The colour as 0..1 components */
void          collate_label_get_rgb         (CollateLabel  *self,
                                             double        *red,
                                             double        *green,
                                             double        *blue);

/* TRUE if @color is exactly "#rrggbb" (hex digits, either case) */
gboolean      collate_color_is_valid        (const char    *color);

G_END_DECLS
