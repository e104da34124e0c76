/* collate-gui-pch.h — the header every file of the window includes first,
 * compiled once: GTK's headers are most of each file's build time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
