/* collate-error.h — Collate's error domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define COLLATE_ERROR (collate_error_quark ())

/**
 * CollateError:
 * @COLLATE_ERROR_FAILED: anything not covered below
 * @COLLATE_ERROR_PARSE: the input is not well-formed (not JSON, truncated, empty)
 * @COLLATE_ERROR_FORMAT: the input is well-formed but not a Collate project of this kind
 * @COLLATE_ERROR_VERSION: the file was written by a newer Collate
 * @COLLATE_ERROR_INVALID: a field is missing, mistyped or inconsistent with the rest
 * @COLLATE_ERROR_RANGE: offsets outside the text, or start ≥ end
 * @COLLATE_ERROR_ENCODING: text that is not valid UTF-8
 * @COLLATE_ERROR_TOO_LARGE: a size or nesting limit was exceeded
 * @COLLATE_ERROR_NOT_FOUND: an id or label that the project does not have
 * @COLLATE_ERROR_EXISTS: an id or label that the project already has
 * @COLLATE_ERROR_UNSUPPORTED: the target format cannot express something (exports)
 */
typedef enum
{
  COLLATE_ERROR_FAILED,
  COLLATE_ERROR_PARSE,
  COLLATE_ERROR_FORMAT,
  COLLATE_ERROR_VERSION,
  COLLATE_ERROR_INVALID,
  COLLATE_ERROR_RANGE,
  COLLATE_ERROR_ENCODING,
  COLLATE_ERROR_TOO_LARGE,
  COLLATE_ERROR_NOT_FOUND,
  COLLATE_ERROR_EXISTS,
  COLLATE_ERROR_UNSUPPORTED,
} CollateError;

GQuark collate_error_quark (void);

G_END_DECLS
