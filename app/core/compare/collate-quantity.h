/* collate-quantity.h — numbers, quantities, dates and times read as intervals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  COLLATE_MEASURE_COUNT,     /* a count of @noun ("two dozen officials") */
  COLLATE_MEASURE_DURATION,  /* in seconds */
  COLLATE_MEASURE_MONEY,     /* in units of @noun's currency ("USD", "EUR"…) */
  COLLATE_MEASURE_PERCENT,   /* in percent */
  COLLATE_MEASURE_ORDINAL,   /* "third" → 3, of @noun ("meeting") */
  COLLATE_MEASURE_DATE,      /* a day of a month (@noun "June"), a month or a year */
  COLLATE_MEASURE_WEEKDAY,   /* 1 (Monday) … 7 (Sunday) */
  COLLATE_MEASURE_TIME,      /* time of day, in minutes after midnight */
} CollateMeasure;

/*
 * A quantity found in a text: [start, end) in code points of the whole
 * expression ("nearly five hours", "four-and-a-half-hour", "$3.2 million",
 * "third official meeting"), and the interval [low, high] it stands for in
 * the measure's base unit.  Hedges widen the interval: "over 4 hours" is
 * (4 h, ∞) (high is infinite), "under an hour" [0, 1 h), "nearly 5 hours"
 * [4.25 h, 5 h), "about 30" [27, 33]; "two dozen" is exactly 24, "dozens"
 * [24, 144]; a plain whole number of hours or longer is rounded down by
 * who said it: "four hours" is [4 h, 5 h).  @open_low/@open_high
 * say whether an end is excluded.  @noun is what is counted (lowercase,
 * singular: "meeting", "official"), or the currency, month or unit, or "".
 */
typedef struct
{
  guint           start;
  guint           end;
  CollateMeasure  measure;
  double          low;
  double          high;
  gboolean        open_low;
  gboolean        open_high;
  char           *noun;
  /* The number as written, in the measure's base unit (4.5 h: 16200), and
   * the hedge before it: "", ">", "<", "≥", "≤" or "≈" (static strings) */
  double          value;
  const char     *hedge;
} CollateQuantity;

typedef enum
{
  COLLATE_INTERVALS_INCOMPARABLE,  /* different measures, units or nouns */
  COLLATE_INTERVALS_EQUAL,         /* the same interval */
  COLLATE_INTERVALS_COMPATIBLE,    /* they overlap but differ: one is more precise */
  COLLATE_INTERVALS_DISJOINT,      /* no value satisfies both: a conflict */
} CollateIntervalRelation;

/* The quantities of @text (UTF-8, @length bytes or -1), in text order, as
 * an array of CollateQuantity (the array frees their nouns).  Digits and
 * words ("four", "twenty-one", "a dozen", "half"), units and hedges. */
GArray                 *collate_quantities_find    (const char            *text,
                                                    gssize                 length);

/* How two quantities' intervals relate.  Durations compare in seconds,
 * whatever their units; counts and ordinals only of the same noun. */
CollateIntervalRelation collate_quantities_compare (const CollateQuantity *a,
                                                    const CollateQuantity *b);

/* A short reading of @quantity for reasons: "4.5 h", "> 4 h", "24 official" */
char                   *collate_quantity_describe  (const CollateQuantity *quantity);

G_END_DECLS
