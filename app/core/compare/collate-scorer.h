/* collate-scorer.h — an external program that scores candidate pairs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The protocol (README, "collate-cli suggest"): Collate starts the program
 * (no shell), writes one JSON object per line to its standard input, one
 * per candidate pair, then closes it:
 *   {"id": 0, "premise": "…", "hypothesis": "…", "kind": "ordinal",
 *    "a": {"document": "d1", "start": 10, "end": 60},
 *    "b": {"document": "d2", "start": 5, "end": 44}}
 * and reads from its standard output one object per line, one per pair, in
 * any order:
 *   {"id": 0, "label": "contradiction", "score": 0.93}
 * label is "contradiction", "entailment" or "neutral"; score in [0, 1].
 * Blank lines are skipped.  The program must exit with status 0 within the
 * timeout.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  COLLATE_SCORE_NEUTRAL,
  COLLATE_SCORE_ENTAILMENT,
  COLLATE_SCORE_CONTRADICTION,
} CollateScoreLabel;

/* A candidate pair sent to the scorer, and what it answered */
typedef struct
{
  const char        *premise;      /* side A's text */
  const char        *hypothesis;   /* side B's text */
  const char        *kind;         /* the suggestion kind that proposed it, or NULL */
  const char        *document_a;
  guint              start_a, end_a;
  const char        *document_b;
  guint              start_b, end_b;
  /* filled in by collate_scorer_run() */
  CollateScoreLabel  label;
  double             score;
} CollateScorerPair;

/*
 * Runs @argv (NULL-terminated; argv[0] looked up in PATH) once over the
 * @n_pairs pairs and fills in their label and score.  Fails with
 * COLLATE_ERROR_FAILED, naming the program, when it cannot start, exits
 * with an error (its standard error's last line is quoted), or does not
 * finish within @timeout_ms (then it is killed); with COLLATE_ERROR_PARSE,
 * naming the line, when it answers something that is not the protocol (not
 * JSON, an unknown id or label, a score outside [0, 1], an id twice, a
 * pair without an answer).  Blocks; call it from a worker thread (it runs
 * its own main context).
 */
gboolean collate_scorer_run (const char * const *argv,
                             CollateScorerPair  *pairs,
                             guint               n_pairs,
                             guint               timeout_ms,
                             GCancellable       *cancellable,
                             GError            **error);

const char *collate_score_label_to_string (CollateScoreLabel label);

G_END_DECLS
