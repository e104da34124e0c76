/* collate-test-pdf.h — PDFs drawn by the tests with cairo, into memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <cairo.h>
#include <cairo-pdf.h>

/* cairo_pdf_surface_create_for_stream()'s writer into a GByteArray */
static inline cairo_status_t
test_pdf_append (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}
