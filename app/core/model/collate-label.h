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

/* How the document view draws a span: its label's colour at this opacity
 * over the text's background, in the light and the dark style */
#define COLLATE_HIGHLIGHT_ALPHA_LIGHT 0.30
#define COLLATE_HIGHLIGHT_ALPHA_DARK  0.42

/* WCAG 2 relative luminance of a colour of 0..1 components, and the
 * contrast ratio (1 to 21) of two luminances */
double        collate_color_luminance       (double         red,
                                             double         green,
                                             double         blue);
double        collate_color_contrast        (double         luminance1,
                                             double         luminance2);

/* TRUE if @color is exactly "#rrggbb" (hex digits, either case) */
gboolean      collate_color_is_valid        (const char    *color);

G_END_DECLS
