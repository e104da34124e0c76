/* test-tokenizer.c — tokens and sentences as offsets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "collate.h"
#include "collate-tokenizer.h"

/* The tokens of @text joined by "|" */
static char *
tokens_joined (const char *text)
{
  g_autoptr(GArray) tokens = collate_tokenize (text, -1);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < tokens->len; i++)
    {
      CollateTextRange *t = &g_array_index (tokens, CollateTextRange, i);

      if (i > 0)
        g_string_append_c (s, '|');
      g_string_append_len (s, text + t->byte_start, t->byte_end - t->byte_start);
    }
  return g_string_free (s, FALSE);
}

static char *
sentences_joined (const char *text)
{
  g_autoptr(GArray) tokens = collate_tokenize (text, -1);
  g_autoptr(GArray) sentences = collate_split_sentences (text, -1, tokens);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < sentences->len; i++)
    {
      CollateSentence *sent = &g_array_index (sentences, CollateSentence, i);

      if (i > 0)
        g_string_append (s, " || ");
      g_string_append_len (s, text + sent->range.byte_start,
                           sent->range.byte_end - sent->range.byte_start);
    }
  return g_string_free (s, FALSE);
}

static void
check_tokens (const char *text,
              const char *expected)
{
  g_autofree char *got = tokens_joined (text);

  g_assert_cmpstr (got, ==, expected);
}

static void
test_words_and_punctuation (void)
{
  check_tokens ("Hello, world!", "Hello|,|world|!");
  check_tokens ("  spaced\tout\n", "spaced|out");
  check_tokens ("", "");
  check_tokens ("(a) [b] {c}", "(|a|)|[|b|]|{|c|}");
  check_tokens ("Wait...what", "Wait|...|what");
  check_tokens ("Wait… what", "Wait|…|what");
}

static void
test_quotes_and_dashes (void)
{
  check_tokens ("urging Russia to “get moving” on", "urging|Russia|to|“|get|moving|”|on");
  check_tokens ("‘Get Moving’ on", "‘|Get|Moving|’|on");
  check_tokens ("Kyiv—a move", "Kyiv|—|a|move");
  check_tokens ("Moving” – Trump", "Moving|”|–|Trump");
  check_tokens ("a four-and-a-half-hour meeting", "a|four-and-a-half-hour|meeting");
  check_tokens ("Russia-Ukraine war", "Russia-Ukraine|war");
  check_tokens ("Trump’s platform", "Trump|’s|platform");
  check_tokens ("Trump's platform", "Trump|'s|platform");
  check_tokens ("O’Neill didn’t", "O’Neill|didn’t");
  check_tokens ("\"plain\" 'single'", "\"|plain|\"|'|single|'");
  check_tokens ("end -- start", "end|-|-|start");
}

static void
test_abbreviations (void)
{
  check_tokens ("U.S. President", "U.S.|President");
  check_tokens ("in St. Petersburg", "in|St.|Petersburg");
  check_tokens ("Mr. and Dr. Smith", "Mr.|and|Dr.|Smith");
  check_tokens ("e.g. this", "e.g.|this");
  check_tokens ("the U.K.", "the|U.K.");
  check_tokens ("Stop. Go", "Stop|.|Go");
  check_tokens ("at 9 a.m. on", "at|9|a.m.|on");
  check_tokens ("President George W. Bush", "President|George|W.|Bush");
  /* a lower-case letter alone is a word, not an initial */
  check_tokens ("plan b. then", "plan|b|.|then");
  check_tokens ("option c.", "option|c|.");
  check_tokens ("x.y. z", "x.y.|z");
}

static void
test_numbers (void)
{
  check_tokens ("4.5 hours", "4.5|hours");
  check_tokens ("3,000 troops", "3,000|troops");
  check_tokens ("$1,234.56.", "$|1,234.56|.");
  check_tokens ("in 2025, then", "in|2025|,|then");
  check_tokens ("50%", "50|%");
}

static void
test_urls (void)
{
  check_tokens ("see https://example.org/a?b=1&c=2.", "see|https://example.org/a?b=1&c=2|.");
  check_tokens ("(www.kremlin.ru)", "(|www.kremlin.ru|)");
  check_tokens ("“http://x.y/z”, he said", "“|http://x.y/z|”|,|he|said");
  check_tokens ("https is a word", "https|is|a|word");
}

static void
test_emoji (void)
{
  /* 👍🏽 (thumbs up + skin tone), 👨‍👩‍👧 (ZWJ family), 🇺🇦 (flag), ❤️ (VS16) */
  check_tokens ("ok 👍🏽 fam 👨‍👩‍👧 flag 🇺🇦🇺🇸 love ❤️!",
                "ok|👍🏽|fam|👨‍👩‍👧|flag|🇺🇦|🇺🇸|love|❤️|!");
  check_tokens ("café naïve", "café|naïve");
  check_tokens ("日本語 text", "日本語|text");
}

static void
test_offsets (void)
{
  const char *text = "“Go” 👍 now";
  g_autoptr(GArray) tokens = collate_tokenize (text, -1);
  CollateTextRange *t;

  g_assert_cmpuint (tokens->len, ==, 5);
  t = &g_array_index (tokens, CollateTextRange, 1);
  g_assert_cmpuint (t->start, ==, 1);
  g_assert_cmpuint (t->end, ==, 3);
  g_assert_cmpuint (t->byte_start, ==, 3);
  g_assert_cmpuint (t->byte_end, ==, 5);
  t = &g_array_index (tokens, CollateTextRange, 3);
  g_assert_cmpuint (t->start, ==, 5);
  g_assert_cmpuint (t->end, ==, 6);
  t = &g_array_index (tokens, CollateTextRange, 4);
  g_assert_cmpuint (t->start, ==, 7);
  g_assert_cmpuint (t->end, ==, 10);
  g_assert_cmpuint (t->byte_end, ==, strlen (text));

  g_assert_cmpuint (collate_tokens_find (tokens, 0), ==, 0);
  g_assert_cmpuint (collate_tokens_find (tokens, 2), ==, 1);
  g_assert_cmpuint (collate_tokens_find (tokens, 4), ==, 3);   /* the space: next token */
  g_assert_cmpuint (collate_tokens_find (tokens, 100), ==, tokens->len);
}

static void
test_sentences (void)
{
  struct { const char *text; const char *expected; } cases[] = {
    { "One. Two! Three? Four", "One. || Two! || Three? || Four" },
    { "U.S. President Trump met Mr. Putin in St. Petersburg. Talks went on.",
      "U.S. President Trump met Mr. Putin in St. Petersburg. || Talks went on." },
    { "He said “stop.” Then left.", "He said “stop.” || Then left." },
    { "It cost 4.5 million. Then 3,000 more.", "It cost 4.5 million. || Then 3,000 more." },
    { "Heading\n\nBody text here.\nNext paragraph", "Heading || Body text here. || Next paragraph" },
    { "What?! No.", "What?! || No." },
    { "wait... and then", "wait... and then" },
    /* a word that keeps its period ends a sentence before a word that
     * opens one, or a quote that does; not before a name */
    { "Talks were held in the U.S. The meeting marks his third visit.",
      "Talks were held in the U.S. || The meeting marks his third visit." },
    { "U.S. President Donald Trump met U.S. officials.", "U.S. President Donald Trump met U.S. officials." },
    { "They met at 9 a.m. The talks lasted four hours.", "They met at 9 a.m. || The talks lasted four hours." },
    { "They met at 9 a.m. Monday.", "They met at 9 a.m. Monday." },
    { "flags, banners, etc. But Trump wrote.", "flags, banners, etc. || But Trump wrote." },
    { "in the U.S. “Russia has to get moving,” Trump wrote.",
      "in the U.S. || “Russia has to get moving,” Trump wrote." },
    { "He said “not in the U.S.” Then he left.", "He said “not in the U.S.” || Then he left." },
    { "in the U.S. “get moving”", "in the U.S. “get moving”" },
    { "held in the U.S.", "held in the U.S." },
    { "moved to the U.S.\nThen", "moved to the U.S. || Then" },
    { "in St. Petersburg and Mr. The", "in St. Petersburg and Mr. The" },
    { "President George W. Bush spoke.", "President George W. Bush spoke." },
    { "Malcolm X. He spoke.", "Malcolm X. || He spoke." },
    { "plan b. then plan c. The end.", "plan b. then plan c. || The end." },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = sentences_joined (cases[i].text);

      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

static void
test_samples (void)
{
  const char *dir = g_getenv ("COLLATE_SAMPLES_DIR");
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  gsize len;
  g_autoptr(GArray) tokens = NULL;
  g_autoptr(GArray) sentences = NULL;
  guint covered = 0;

  if (dir == NULL)
    {
      g_test_skip ("COLLATE_SAMPLES_DIR is not set");
      return;
    }
  path = g_build_filename (dir, "witkoff-putin-report-1.txt", NULL);
  g_assert_true (g_file_get_contents (path, &text, &len, NULL));
  tokens = collate_tokenize (text, len);
  sentences = collate_split_sentences (text, len, tokens);
  g_assert_cmpuint (tokens->len, >, 800);
  g_assert_cmpuint (sentences->len, >, 30);

  /* Tokens are in order, non-empty, never hold whitespace, and the byte and
   * character offsets agree */
  for (guint i = 0; i < tokens->len; i++)
    {
      CollateTextRange *t = &g_array_index (tokens, CollateTextRange, i);

      g_assert_cmpuint (t->start, <, t->end);
      g_assert_cmpuint (collate_text_count_chars (text, t->byte_start), ==, t->start);
      g_assert_cmpuint (collate_text_count_chars (text, t->byte_end), ==, t->end);
      for (const char *p = text + t->byte_start; p < text + t->byte_end; p = g_utf8_next_char (p))
        g_assert_false (g_unichar_isspace (g_utf8_get_char (p)));
      if (i > 0)
        g_assert_cmpuint (g_array_index (tokens, CollateTextRange, i - 1).end, <=, t->start);
    }
  /* Sentences cover every token once */
  for (guint i = 0; i < sentences->len; i++)
    {
      CollateSentence *s = &g_array_index (sentences, CollateSentence, i);

      g_assert_cmpuint (s->first_token, ==, covered);
      g_assert_cmpuint (s->end_token, >, s->first_token);
      covered = s->end_token;
      g_assert_cmpuint (collate_sentences_find (sentences, s->first_token), ==, i);
    }
  g_assert_cmpuint (covered, ==, tokens->len);
}

static char *
read_sample (const char *name,
             gsize      *length)
{
  const char *dir = g_getenv ("COLLATE_SAMPLES_DIR");
  g_autofree char *path = NULL;
  char *text = NULL;

  if (dir == NULL)
    return NULL;
  path = g_build_filename (dir, name, NULL);
  g_assert_true (g_file_get_contents (path, &text, length, NULL));
  return text;
}

static void
assert_sentence (const char *text,
                 GArray     *sentences,
                 guint       index,
                 guint       start,
                 guint       end,
                 const char *expected)
{
  CollateSentence *s;

  g_assert_cmpuint (index, <, sentences->len);
  s = &g_array_index (sentences, CollateSentence, index);
  g_assert_cmpuint (s->range.start, ==, start);
  g_assert_cmpuint (s->range.end, ==, end);
  if (expected != NULL)
    {
      g_autofree char *got = g_strndup (text + s->range.byte_start,
                                        s->range.byte_end - s->range.byte_start);

      g_assert_cmpstr (got, ==, expected);
    }
}

/* Report 2 read by eye: nine paragraphs, eighteen sentences, none of them
 * cut after "U.S." or "St." */
static void
test_sample_sentences (void)
{
  gsize len;
  g_autofree char *text = read_sample ("witkoff-putin-report-2.txt", &len);
  g_autoptr(GArray) tokens = NULL;
  g_autoptr(GArray) sentences = NULL;

  if (text == NULL)
    {
      g_test_skip ("COLLATE_SAMPLES_DIR is not set");
      return;
    }
  tokens = collate_tokenize (text, len);
  sentences = collate_split_sentences (text, len, tokens);
  g_assert_cmpuint (sentences->len, ==, 18);
  /* "U.S. President" opens the first; "St. Petersburg." closes it */
  assert_sentence (text, sentences, 0, 0, 257, NULL);
  {
    CollateSentence *first = &g_array_index (sentences, CollateSentence, 0);
    g_autofree char *got = g_strndup (text, first->range.byte_end);

    g_assert_true (g_str_has_prefix (got, "U.S. President Donald Trump on Thursday"));
    g_assert_true (g_str_has_suffix (got, "Vladimir Putin in St. Petersburg."));
  }
  assert_sentence (text, sentences, 3, 647, 753,
                   "Repeated meetings between U.S. and Russian officials have failed to "
                   "produce any significant breakthroughs.");
  assert_sentence (text, sentences, 11, 1907, 1952, "The situation on the ground remains volatile.");
  assert_sentence (text, sentences, 14, 2353, 2492,
                   "Top U.S. diplomat Marco Rubio echoed this sentiment, warning that the United "
                   "States would not entertain “endless negotiations” with Moscow.");

  /* without its line breaks, the report splits the same way */
  {
    g_autofree char *flat = g_strdup (text);
    g_autoptr(GArray) flat_tokens = NULL;
    g_autoptr(GArray) flat_sentences = NULL;

    g_strdelimit (flat, "\n", ' ');
    flat_tokens = collate_tokenize (flat, len);
    flat_sentences = collate_split_sentences (flat, len, flat_tokens);
    g_assert_cmpuint (flat_sentences->len, ==, 18);
    for (guint i = 0; i < 18; i++)
      {
        CollateSentence *a = &g_array_index (sentences, CollateSentence, i);
        CollateSentence *b = &g_array_index (flat_sentences, CollateSentence, i);

        g_assert_cmpuint (a->range.start, ==, b->range.start);
        g_assert_cmpuint (a->range.end, ==, b->range.end);
      }
  }

  /* report 1: "U.S.-Russian", "the U.S. released" and "U.S. troops" stay
   * inside their sentences */
  {
    gsize len1;
    g_autofree char *text1 = read_sample ("witkoff-putin-report-1.txt", &len1);
    g_autoptr(GArray) tokens1 = collate_tokenize (text1, len1);
    g_autoptr(GArray) sentences1 = collate_split_sentences (text1, len1, tokens1);

    g_assert_cmpuint (sentences1->len, ==, 42);
    assert_sentence (text1, sentences1, 33, 4086, 4238,
                     "On Thursday, Moscow released dual U.S.-Russian citizen Ksenia Karelina, a "
                     "ballet dancer sentenced to 12 years for donating $50 to a pro-Ukraine charity.");
    assert_sentence (text1, sentences1, 34, 4239, 4314,
                     "In return, the U.S. released suspected Russian tech smuggler Arthur Petrov.");
  }

  /* a sentence of the report moved to end in "U.S." ends there */
  {
    const char *moved = "Repeated meetings have been held in the U.S. "
                        "The latest round of diplomacy saw Trump’s envoy, Steve Witkoff, sit "
                        "down with Putin for over four hours.";
    g_autoptr(GArray) t = collate_tokenize (moved, -1);
    g_autoptr(GArray) s = collate_split_sentences (moved, -1, t);

    g_assert_cmpuint (s->len, ==, 2);
    assert_sentence (moved, s, 0, 0, 44, "Repeated meetings have been held in the U.S.");
    assert_sentence (moved, s, 1, 45, 149, NULL);
  }
}

static void
test_bad_input (void)
{
  g_autoptr(GArray) tokens = collate_tokenize (NULL, -1);
  g_autoptr(GArray) sentences = collate_split_sentences ("x", -1, NULL);
  g_autoptr(GArray) only_space = collate_tokenize (" \n\t\u00a0", -1);

  g_assert_cmpuint (tokens->len, ==, 0);
  g_assert_cmpuint (sentences->len, ==, 0);
  g_assert_cmpuint (only_space->len, ==, 0);
  /* long runs stay linear: one sentence, every mark a token */
  {
    g_autofree char *marks = g_strnfill (200000, '!');
    g_autofree char *text = g_strconcat ("Wow", marks, "and so on", NULL);
    g_autoptr(GArray) t = collate_tokenize (text, -1);
    g_autoptr(GArray) sent = collate_split_sentences (text, -1, t);
    g_autofree char *dots = g_strnfill (200000, '.');
    g_autoptr(GArray) d = collate_tokenize (dots, -1);
    g_autofree char *initials = g_strnfill (200000, 'a');

    g_assert_cmpuint (t->len, ==, 200000 + 4);
    g_assert_cmpuint (sent->len, ==, 1);
    g_assert_cmpuint (d->len, ==, 1);
    for (guint i = 1; i < 200000; i += 2)
      initials[i] = '.';
    {
      g_autoptr(GArray) in = collate_tokenize (initials, -1);
      g_assert_cmpuint (in->len, >=, 1);
    }
  }
  /* a length shorter than the string is honoured */
  {
    g_autoptr(GArray) part = collate_tokenize ("abc def", 3);
    g_assert_cmpuint (part->len, ==, 1);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/tokenizer/words", test_words_and_punctuation);
  g_test_add_func ("/tokenizer/quotes-dashes", test_quotes_and_dashes);
  g_test_add_func ("/tokenizer/abbreviations", test_abbreviations);
  g_test_add_func ("/tokenizer/numbers", test_numbers);
  g_test_add_func ("/tokenizer/urls", test_urls);
  g_test_add_func ("/tokenizer/emoji", test_emoji);
  g_test_add_func ("/tokenizer/offsets", test_offsets);
  g_test_add_func ("/tokenizer/sentences", test_sentences);
  g_test_add_func ("/tokenizer/samples", test_samples);
  g_test_add_func ("/tokenizer/sample-sentences", test_sample_sentences);
  g_test_add_func ("/tokenizer/bad-input", test_bad_input);

  return g_test_run ();
}
