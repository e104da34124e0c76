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
  g_test_add_func ("/tokenizer/bad-input", test_bad_input);

  return g_test_run ();
}
