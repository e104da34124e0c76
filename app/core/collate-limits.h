/* collate-limits.h — one set of limits for everything Collate reads and writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model refuses what is past these limits, so a project that loads
 * holds nothing that an importer would refuse when its own export is read
 * back, and the loader, the importers and the exporters judge the same
 * things by the same numbers.  The README's "What Collate reads: checks
 * and limits" lists them.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A file that is read whole into memory: a project file, a Label Studio
 * export, a brat .txt or .ann, a text file.  Judged from the file's size
 * before it is read. */
#define COLLATE_MAX_FILE_SIZE        (G_GUINT64_CONSTANT (512) * 1024 * 1024)

/* A JSON Lines file is read a line at a time, and its "tokens" lists are
 * scanned and skipped, not kept: the file itself may be larger than
 * COLLATE_MAX_FILE_SIZE (a jsonl export with tokens is 15 times its text),
 * but what it holds besides its tokens is capped at COLLATE_MAX_FILE_SIZE,
 * as a project is.  What is parsed of one line is bounded by the JSON
 * reader, 4 GiB - 1; a line read from a stream rather than a local file is
 * held whole, and capped at the same. */
#define COLLATE_MAX_LINE_SIZE        ((guint64) G_MAXUINT32)

/* Nesting of arrays and objects in any JSON that Collate reads; a project
 * uses four levels, a jsonl record or a Label Studio task six */
#define COLLATE_MAX_DEPTH            32

/* One document's text, in bytes of UTF-8 (a text file too).  Escaped as
 * JSON it is at most six times as long, so its jsonl line parses within
 * COLLATE_MAX_LINE_SIZE, and its brat .txt is under COLLATE_MAX_FILE_SIZE. */
#define COLLATE_MAX_TEXT_SIZE        (G_GUINT64_CONSTANT (256) * 1024 * 1024)

/* A span or link label's name, in bytes of UTF-8 */
#define COLLATE_MAX_LABEL_SIZE       200

/* An id an importer keeps as it is (a longer one is given a fresh id) */
#define COLLATE_MAX_IMPORTED_ID_SIZE 200

/* A document's metadata as the loader and the importers read it (a
 * project's documents[].metadata, a jsonl line's meta.metadata, a Label
 * Studio task's data.metadata; collate_metadata_check_json()): at most this
 * many entries, each key at most COLLATE_MAX_LABEL_SIZE bytes and each
 * value at most COLLATE_MAX_METADATA_VALUE_SIZE.  What the ingest writes
 * stays far inside (a PDF's "pages" of 1 MiB would list some 140 000
 * pages). */
#define COLLATE_MAX_METADATA_ENTRIES    1000
#define COLLATE_MAX_METADATA_VALUE_SIZE (1024 * 1024)

/* Offsets, in code points */
#define COLLATE_MAX_OFFSET           ((guint64) G_MAXUINT32)

/* next_id: the largest integer a JSON number holds exactly, 2^53 - 1 */
#define COLLATE_MAX_NEXT_ID          G_GUINT64_CONSTANT (9007199254740991)

G_END_DECLS
