/* collate.h — the core library: everything but the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "collate-annotation.h"
#include "collate-document.h"
#include "collate-enums.h"
#include "collate-enum-types.h"
#include "collate-error.h"
#include "collate-file-writer.h"
#include "collate-label.h"
#include "collate-link.h"
#include "collate-project.h"
#include "collate-project-io.h"
#include "collate-schema.h"
#include "collate-text.h"
#include "collate-text-file.h"
#include "collate-export.h"
#include "collate-import.h"
#include "collate-sentences.h"
#include "collate-align.h"
#include "collate-quantity.h"
#include "collate-suggestion.h"
#include "collate-compare.h"
#include "collate-scorer.h"
#include "collate-occurrences.h"
#include "collate-report.h"
#include "collate-reliability.h"
#include "collate-agreement.h"
#include "collate-merge.h"
#include "collate-curate.h"
#include "collate-ingest.h"
