/* gloss-tokenizer.c: a deterministic, Unicode-aware word tokenizer and sentence splitter
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include "gloss-tokenizer.h"

/* The text is decoded once into UCS-4 so that every index is a code point
 * offset; the rules below only ever look a few characters ahead. */
typedef struct
{
  const gunichar *c;
  guint           n;
} Text;

static inline gunichar
at (const Text *t,
    guint       i)
{
  return i < t->n ? t->c[i] : 0;
}

/* The character classes below answer ASCII from the ASCII tables: the same
 * answers as GLib's Unicode ones there, without the table lookups that
 * dominate tokenizing news text. */

static gboolean
is_space (gunichar c)
{
  /* g_unichar_isspace() is TRUE for these five only (not for \v) */
  if (c < 0x80)
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
  return g_unichar_isspace (c) || c == 0x00A0 || c == 0x200B || c == 0x2060 || c == 0xFEFF ||
         g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR;
}

static gboolean
is_line_break (gunichar c)
{
  return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 ||
         c == 0x2029;
}

static gboolean
is_mark (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return type == G_UNICODE_SPACING_MARK || type == G_UNICODE_ENCLOSING_MARK ||
         type == G_UNICODE_NON_SPACING_MARK;
}

static gboolean
is_letter (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalpha (c);
  return g_unichar_isalpha (c) || is_mark (c);
}

static gboolean
is_digit (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isdigit (c);
  return g_unichar_type (c) == G_UNICODE_DECIMAL_NUMBER;
}

static gboolean
is_word_char (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum (c);
  return is_letter (c) || g_unichar_isdigit (c) ||
         g_unichar_type (c) == G_UNICODE_LETTER_NUMBER ||
         g_unichar_type (c) == G_UNICODE_OTHER_NUMBER;
}

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019;
}

static gboolean
is_hyphen (gunichar c)
{
  return c == '-' || c == 0x2010 || c == 0x2011;
}

static gboolean
is_punct (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return type == G_UNICODE_CONNECT_PUNCTUATION || type == G_UNICODE_DASH_PUNCTUATION ||
         type == G_UNICODE_CLOSE_PUNCTUATION || type == G_UNICODE_FINAL_PUNCTUATION ||
         type == G_UNICODE_INITIAL_PUNCTUATION || type == G_UNICODE_OTHER_PUNCTUATION ||
         type == G_UNICODE_OPEN_PUNCTUATION;
}

static gunichar
lower (gunichar c)
{
  return c < 0x80 ? (gunichar) g_ascii_tolower (c) : g_unichar_tolower (c);
}

static gboolean
match_ascii_ci (const Text *t,
                guint       i,
                const char *s)
{
  for (guint k = 0; s[k] != '\0'; k++)
    if (lower (at (t, i + k)) != (gunichar) s[k])
      return FALSE;
  return TRUE;
}

/* Characters that may end a URL or e-mail address but usually belong to
 * the sentence around it. */
static gboolean
is_url_trailer (gunichar c)
{
  return c != 0 && strchr (".,;:!?'\"", (int) c) != NULL ? TRUE :
         c == 0x201D || c == 0x2019 || c == 0x00BB;
}

static gboolean
is_url_stop (gunichar c)
{
  return c == 0 || is_space (c) || c == '"' || c == '<' || c == '>' || c == 0x201C ||
         c == 0x201D || c == 0x00AB || c == 0x00BB;
}

static guint
scan_url (const Text *t,
          guint       i)
{
  guint j = i;
  int parens = 0;

  if (match_ascii_ci (t, i, "https://"))
    j = i + 8;
  else if (match_ascii_ci (t, i, "http://"))
    j = i + 7;
  else if (match_ascii_ci (t, i, "ftp://"))
    j = i + 6;
  else if (match_ascii_ci (t, i, "www.") && is_word_char (at (t, i + 4)))
    j = i + 4;
  else
    return 0;
  if (!is_word_char (at (t, j)))
    return 0;
  while (!is_url_stop (at (t, j)))
    {
      if (at (t, j) == '(')
        parens++;
      else if (at (t, j) == ')')
        parens--;
      j++;
    }
  /* Trailing sentence punctuation, and a ")" that closes nothing. */
  while (j > i)
    {
      gunichar last = at (t, j - 1);
      if (is_url_trailer (last) || (last == ')' && parens < 0) || last == ']')
        {
          if (last == ')')
            parens++;
          j--;
        }
      else
        break;
    }
  return j - i;
}

static gboolean
is_email_local (gunichar c)
{
  return is_word_char (c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

static guint
scan_email (const Text *t,
            guint       i)
{
  guint j = i, d, last_dot = 0;

  if (!is_word_char (at (t, i)))
    return 0;
  /* At most 64 characters before the "@" (RFC 5321), which also keeps
   * long runs like "abc.abc.abc…" linear. */
  while (is_email_local (at (t, j)) && j - i <= 64)
    j++;
  if (at (t, j) != '@' || !is_word_char (at (t, j + 1)))
    return 0;
  d = j + 1;
  while ((is_word_char (at (t, d)) || at (t, d) == '.' || at (t, d) == '-') && d - j <= 255)
    d++;
  while (d > j + 1 && (at (t, d - 1) == '.' || at (t, d - 1) == '-'))
    d--;
  for (guint k = j + 1; k < d; k++)
    if (at (t, k) == '.')
      last_dot = k;
  if (last_dot == 0 || last_dot + 1 >= d || !is_letter (at (t, last_dot + 1)))
    return 0;
  return d - i;
}

/* Digits with inner "," / "." groups and an optional "%". Returns 0 when
 * the digits run into letters (then it is a word: "3rd", "1990s"). */
static guint
scan_number (const Text *t,
             guint       i)
{
  guint j = i;

  if (!is_digit (at (t, i)))
    return 0;
  while (is_digit (at (t, j)))
    j++;
  while ((at (t, j) == ',' || at (t, j) == '.') && is_digit (at (t, j + 1)))
    {
      j++;
      while (is_digit (at (t, j)))
        j++;
    }
  if (is_letter (at (t, j)) || (is_hyphen (at (t, j)) && is_word_char (at (t, j + 1))) ||
      (is_apostrophe (at (t, j)) && is_letter (at (t, j + 1))))
    return 0;
  if (at (t, j) == '%')
    j++;
  return j - i;
}

/* "U.S.", "e.g.", "Ph.D.": two or more parts of one or two letters, each
 * followed by a period. */
static guint
scan_dotted_abbreviation (const Text *t,
                          guint       i)
{
  guint j = i, parts = 0;

  for (;;)
    {
      guint m = 0;
      while (m < 3 && g_unichar_isalpha (at (t, j + m)))
        m++;
      if (m == 0 || m > 2 || at (t, j + m) != '.')
        break;
      j += m + 1;
      parts++;
    }
  if (parts < 2)
    return 0;
  /* "U.S.A" -> stop before a trailing letter run glued to it: take what
   * we have; the rest is its own word. */
  return j - i;
}

/* Known abbreviations that keep their period; they need a capital initial
 * ("Mr." but not "mr.", so that "He sat." stays a word and a period)... */
static const char * const abbreviations[] = {
  "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "gov", "sen", "rep", "col", "lt",
  "sgt", "capt", "cmdr", "adm", "maj", "rev", "hon", "pres", "supt", "insp",
  "inc", "ltd", "co", "corp", "plc", "bros", "dept", "univ", "assn", "mt", "ave", "blvd",
  "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon",
  "tue", "tues", "thu", "thur", "thurs", "fri", NULL
};

/* ...except these, which are written in lower case. */
static const char * const lower_abbreviations[] = {
  "etc", "vs", "approx", "cf", "al", "ca", "fig", NULL
};

/* The ones that may also end a sentence. */
static const char * const final_abbreviations[] = {
  "etc.", "inc.", "ltd.", "co.", "corp.", "plc.", "bros.", "al.", NULL
};

static gboolean
is_known_abbreviation (const Text *t,
                       guint       start,
                       guint       end)
{
  char buf[8];
  guint len = end - start;

  if (len == 0 || len >= sizeof buf)
    return FALSE;
  for (guint k = 0; k < len; k++)
    {
      gunichar c = t->c[start + k];
      if (c >= 0x80 || !g_ascii_isalpha ((char) c))
        return FALSE;
      buf[k] = g_ascii_tolower ((char) c);
    }
  buf[len] = '\0';
  /* "no." only as "No." before a number, never the word "no." */
  if (strcmp (buf, "no") == 0)
    return t->c[start] == 'N' && at (t, end + 1) == ' ' && is_digit (at (t, end + 2));
  if (g_strv_contains (lower_abbreviations, buf))
    return TRUE;
  return g_unichar_isupper (t->c[start]) && g_strv_contains (abbreviations, buf);
}

typedef struct
{
  guint length;
  guint clitic;   /* length of a split-off clitic at the end, or 0 */
} WordScan;

static WordScan
scan_word (const Text *t,
           guint       i)
{
  WordScan w = { 0, 0 };
  guint j = i, m;
  guint last_apostrophe = G_MAXUINT;

  if ((m = scan_dotted_abbreviation (t, i)) > 0)
    {
      w.length = m;
      return w;
    }
  for (;;)
    {
      while (is_word_char (at (t, j)))
        j++;
      if ((is_hyphen (at (t, j)) || at (t, j) == '_') && is_word_char (at (t, j + 1)))
        j++;
      else if (is_apostrophe (at (t, j)) && is_letter (at (t, j + 1)))
        {
          last_apostrophe = j;
          j++;
        }
      else
        break;
    }
  w.length = j - i;

  /* Penn Treebank clitics: n't, 's, 're, 've, 'll, 'd, 'm. */
  if (w.length >= 4 && lower (at (t, j - 3)) == 'n' &&
      is_apostrophe (at (t, j - 2)) && lower (at (t, j - 1)) == 't' &&
      last_apostrophe == j - 2)
    w.clitic = 3;
  else if (last_apostrophe != G_MAXUINT && last_apostrophe > i)
    {
      guint tail = j - last_apostrophe;
      if ((tail == 2 && (match_ascii_ci (t, last_apostrophe + 1, "s") ||
                         match_ascii_ci (t, last_apostrophe + 1, "d") ||
                         match_ascii_ci (t, last_apostrophe + 1, "m"))) ||
          (tail == 3 && (match_ascii_ci (t, last_apostrophe + 1, "re") ||
                         match_ascii_ci (t, last_apostrophe + 1, "ve") ||
                         match_ascii_ci (t, last_apostrophe + 1, "ll"))))
        w.clitic = tail;
    }

  if (w.clitic == 0 && at (t, j) == '.' && is_known_abbreviation (t, i, j))
    w.length++;
  return w;
}

static gboolean
is_emoji_extender (gunichar c)
{
  return c == 0xFE0E || c == 0xFE0F || c == 0x20E3 || (c >= 0x1F3FB && c <= 0x1F3FF) ||
         (c >= 0xE0020 && c <= 0xE007F) || is_mark (c);
}

static guint
scan_symbol (const Text *t,
             guint       i)
{
  guint j = i + 1;
  gunichar first = at (t, i);

  if (first >= 0x1F1E6 && first <= 0x1F1FF && at (t, j) >= 0x1F1E6 && at (t, j) <= 0x1F1FF)
    return 2;  /* a regional-indicator flag */
  for (;;)
    {
      if (is_emoji_extender (at (t, j)))
        j++;
      else if (at (t, j) == 0x200D && at (t, j + 1) != 0 && !is_space (at (t, j + 1)))
        j += 2;
      else
        break;
    }
  return j - i;
}

static guint
scan_punct (const Text *t,
            guint       i)
{
  gunichar c = at (t, i);
  guint j = i + 1;

  if (c == '.')
    while (at (t, j) == '.')
      j++;
  else if (c == '-' && at (t, j) == '-')
    while (at (t, j) == '-')
      j++;
  return j - i;
}

static void
push (GArray *tokens,
      guint   start,
      guint   end,
      guint   flags)
{
  GlossToken tok = { start, end, flags };
  g_array_append_val (tokens, tok);
}

/* Tokenizes the code points of @t (see gloss_tokenize()). */
static GArray *
tokenize_text (const Text *tp)
{
  GArray *tokens = g_array_new (FALSE, FALSE, sizeof (GlossToken));
  Text t = *tp;
  guint i = 0;

  while (i < t.n)
    {
      gunichar c = t.c[i];
      guint m;

      if (is_space (c))
        {
          i++;
          continue;
        }
      if ((m = scan_url (&t, i)) > 0)
        push (tokens, i, i + m, GLOSS_TOKEN_URL);
      else if ((m = scan_email (&t, i)) > 0)
        push (tokens, i, i + m, GLOSS_TOKEN_EMAIL);
      else if ((m = scan_number (&t, i)) > 0)
        push (tokens, i, i + m, GLOSS_TOKEN_NUMBER);
      else if (is_word_char (c))
        {
          WordScan w = scan_word (&t, i);
          m = w.length;
          if (w.clitic > 0)
            {
              push (tokens, i, i + m - w.clitic, GLOSS_TOKEN_WORD);
              push (tokens, i + m - w.clitic, i + m, GLOSS_TOKEN_WORD | GLOSS_TOKEN_CLITIC);
            }
          else
            push (tokens, i, i + m, GLOSS_TOKEN_WORD);
        }
      else if (is_punct (c))
        {
          m = scan_punct (&t, i);
          push (tokens, i, i + m, GLOSS_TOKEN_PUNCT);
        }
      else
        {
          m = scan_symbol (&t, i);
          push (tokens, i, i + m, GLOSS_TOKEN_SYMBOL);
        }
      i += m;

      /* What follows the token. */
      {
        GlossToken *last = &g_array_index (tokens, GlossToken, tokens->len - 1);
        guint k = i;

        if (k >= t.n || is_space (t.c[k]))
          last->flags |= GLOSS_TOKEN_SPACE_AFTER;
        while (k < t.n && is_space (t.c[k]))
          {
            if (is_line_break (t.c[k]))
              {
                last->flags |= GLOSS_TOKEN_NEWLINE_AFTER;
                break;
              }
            k++;
          }
      }
    }
  return tokens;
}

GArray *
gloss_tokenize (const char *text,
                gssize      len)
{
  g_autofree gunichar *ucs = NULL;
  glong n = 0;
  Text t;

  g_return_val_if_fail (text != NULL || len == 0, g_array_new (FALSE, FALSE,
                                                               sizeof (GlossToken)));

  if (text == NULL)
    return g_array_new (FALSE, FALSE, sizeof (GlossToken));
  if (len < 0)
    len = strlen (text);
  ucs = g_utf8_to_ucs4_fast (text, len, &n);
  t.c = ucs;
  t.n = (guint) n;
  return tokenize_text (&t);
}

/* ---- sentences */

static gboolean
is_terminal (const Text       *t,
             const GlossToken *tok)
{
  gunichar c;

  if ((tok->flags & GLOSS_TOKEN_KIND_MASK) != GLOSS_TOKEN_PUNCT)
    return FALSE;
  c = t->c[tok->start];
  return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x203C || c == 0x2047 ||
         c == 0x2048 || c == 0x2049 || c == 0x3002 || c == 0xFF01 || c == 0xFF1F;
}

/* Full stops of scripts written without spaces. */
static gboolean
is_wide_terminal (gunichar c)
{
  return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF0E;
}

static gboolean
is_closing (gunichar c)
{
  return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201D || c == 0x2019 ||
         c == 0x00BB || c == 0x203A;
}

static gboolean
is_opening (gunichar c)
{
  return c == '"' || c == '\'' || c == '(' || c == '[' || c == 0x201C || c == 0x2018 ||
         c == 0x00AB || c == 0x2039 || c == 0x201E || c == 0x00BF || c == 0x00A1;
}

/* Counts line breaks in the whitespace between two offsets ("\r\n" = 1). */
static guint
count_line_breaks (const Text *t,
                   guint       from,
                   guint       to)
{
  guint n = 0;

  for (guint k = from; k < to && k < t->n; k++)
    if (is_line_break (t->c[k]) && !(t->c[k] == '\r' && at (t, k + 1) == '\n'))
      n++;
  return n;
}

static gboolean
starts_sentence (const Text       *t,
                 const GlossToken *tok)
{
  gunichar c = t->c[tok->start];

  if (g_unichar_isupper (c) || g_unichar_istitle (c) || is_digit (c) || is_opening (c))
    return TRUE;
  if (g_unichar_isalpha (c))
    return !g_unichar_islower (c) && !g_unichar_isupper (c);  /* uncased scripts */
  return (tok->flags & GLOSS_TOKEN_KIND_MASK) == GLOSS_TOKEN_SYMBOL;
}

static gboolean
token_is (const Text       *t,
          const GlossToken *tok,
          const char       *lower)
{
  guint len = strlen (lower);
  return tok->end - tok->start == len && match_ascii_ci (t, tok->start, lower);
}

static gboolean
is_single_initial (const Text       *t,
                   const GlossToken *tok)
{
  return tok->end - tok->start == 1 && g_unichar_isupper (t->c[tok->start]) &&
         (tok->flags & GLOSS_TOKEN_SPACE_AFTER) == 0;
}

/* Sentences over @tokens of the code points of @t (see
 * gloss_split_sentences()). */
static GArray *
split_text (const Text *tp,
            GArray     *tokens)
{
  GArray *sentences = g_array_new (FALSE, FALSE, sizeof (GlossSentence));
  Text t = *tp;
  guint first = 0;

  for (guint k = 0; k < tokens->len; k++)
    {
      const GlossToken *tok = &g_array_index (tokens, GlossToken, k);
      const GlossToken *next;
      gboolean end = FALSE;
      guint last = k;

      if (k + 1 == tokens->len)
        end = TRUE;
      else
        {
          next = &g_array_index (tokens, GlossToken, k + 1);
          if (count_line_breaks (&t, tok->end, next->start) >= 2)
            end = TRUE;
          else if (is_terminal (&t, tok) || ((tok->flags & GLOSS_TOKEN_KIND_MASK) ==
                                             GLOSS_TOKEN_WORD && t.c[tok->end - 1] == '.'))
            {
              gboolean abbreviation = !is_terminal (&t, tok);
              gboolean final_ok = FALSE;

              /* A single capital initial: "J. Smith". */
              if (!abbreviation && t.c[tok->start] == '.' && tok->end - tok->start == 1 &&
                  k > 0 && is_single_initial (&t, &g_array_index (tokens, GlossToken, k - 1)))
                abbreviation = TRUE;
              if (abbreviation)
                for (guint a = 0; final_abbreviations[a] != NULL; a++)
                  if (token_is (&t, tok, final_abbreviations[a]))
                    final_ok = TRUE;

              /* Further terminal marks and closing quotes or brackets glued
               * to it belong to this sentence. */
              while (last + 1 < tokens->len)
                {
                  const GlossToken *prev = &g_array_index (tokens, GlossToken, last);
                  const GlossToken *cand = &g_array_index (tokens, GlossToken, last + 1);
                  if ((prev->flags & GLOSS_TOKEN_SPACE_AFTER) == 0 &&
                      (is_terminal (&t, cand) || (cand->end - cand->start == 1 &&
                                                  is_closing (t.c[cand->start]))))
                    last++;
                  else
                    break;
                }
              if (last + 1 == tokens->len)
                end = TRUE;
              else
                {
                  const GlossToken *prev = &g_array_index (tokens, GlossToken, last);
                  next = &g_array_index (tokens, GlossToken, last + 1);
                  if (prev->flags & GLOSS_TOKEN_NEWLINE_AFTER)
                    end = TRUE;
                  else if ((prev->flags & GLOSS_TOKEN_SPACE_AFTER) == 0)
                    end = is_wide_terminal (t.c[prev->start]) && starts_sentence (&t, next);
                  else if (abbreviation && !final_ok)
                    end = FALSE;
                  else
                    end = starts_sentence (&t, next);
                }
              if (!end)
                last = k;
            }
        }
      if (end)
        {
          GlossSentence s;
          s.first_token = first;
          s.n_tokens = last + 1 - first;
          s.start = g_array_index (tokens, GlossToken, first).start;
          s.end = g_array_index (tokens, GlossToken, last).end;
          g_array_append_val (sentences, s);
          first = last + 1;
          k = last;
        }
    }
  return sentences;
}

GArray *
gloss_split_sentences (const char *text,
                       gssize      len,
                       GArray     *tokens)
{
  g_autoptr(GArray) own = NULL;
  g_autofree gunichar *ucs = NULL;
  glong n = 0;
  Text t;

  g_return_val_if_fail (text != NULL || len == 0,
                        g_array_new (FALSE, FALSE, sizeof (GlossSentence)));

  if (text == NULL)
    return g_array_new (FALSE, FALSE, sizeof (GlossSentence));
  if (len < 0)
    len = strlen (text);
  ucs = g_utf8_to_ucs4_fast (text, len, &n);
  t.c = ucs;
  t.n = (guint) n;
  if (tokens == NULL)
    {
      own = tokenize_text (&t);
      tokens = own;
    }
  return split_text (&t, tokens);
}

GArray *
gloss_tokenize_sentences (const char  *text,
                          gssize       len,
                          GArray     **sentences)
{
  g_autofree gunichar *ucs = NULL;
  glong n = 0;
  Text t;
  GArray *tokens;

  g_return_val_if_fail (sentences != NULL, NULL);

  if (text == NULL || len == 0)
    {
      *sentences = g_array_new (FALSE, FALSE, sizeof (GlossSentence));
      return g_array_new (FALSE, FALSE, sizeof (GlossToken));
    }
  if (len < 0)
    len = strlen (text);
  ucs = g_utf8_to_ucs4_fast (text, len, &n);
  t.c = ucs;
  t.n = (guint) n;
  tokens = tokenize_text (&t);
  *sentences = split_text (&t, tokens);
  return tokens;
}

guint
gloss_tokens_find (GArray *tokens,
                   guint   offset)
{
  guint lo = 0, hi;

  g_return_val_if_fail (tokens != NULL, 0);

  hi = tokens->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (g_array_index (tokens, GlossToken, mid).end > offset)
        hi = mid;
      else
        lo = mid + 1;
    }
  return lo;
}

GArray *
gloss_tokenize_on_spaces (const char *text,
                          gssize      len)
{
  GArray *tokens = g_array_new (FALSE, FALSE, sizeof (GlossToken));
  const char *p, *end;
  guint offset = 0;
  GlossToken *last = NULL;

  g_return_val_if_fail (text != NULL || len == 0, tokens);

  if (text == NULL)
    return tokens;
  if (len < 0)
    len = strlen (text);
  end = text + len;
  for (p = text; p < end; p = g_utf8_next_char (p), offset++)
    {
      gunichar c = g_utf8_get_char (p);

      if (is_space (c))
        {
          if (last != NULL)
            {
              last->flags |= GLOSS_TOKEN_SPACE_AFTER;
              if (is_line_break (c))
                last->flags |= GLOSS_TOKEN_NEWLINE_AFTER;
            }
          continue;
        }
      if (last != NULL && last->end == offset && !(last->flags & GLOSS_TOKEN_SPACE_AFTER))
        last->end++;
      else
        {
          GlossToken tok = { offset, offset + 1, GLOSS_TOKEN_WORD };
          g_array_append_val (tokens, tok);
          last = &g_array_index (tokens, GlossToken, tokens->len - 1);
        }
    }
  if (last != NULL)
    last->flags |= GLOSS_TOKEN_SPACE_AFTER;
  return tokens;
}

GArray *
gloss_split_lines (const char *text,
                   gssize      len,
                   GArray     *tokens)
{
  GArray *sentences = g_array_new (FALSE, FALSE, sizeof (GlossSentence));
  g_autoptr(GArray) own = NULL;
  guint first = 0;

  if (tokens == NULL)
    {
      own = gloss_tokenize_on_spaces (text, len);
      tokens = own;
    }
  for (guint k = 0; k < tokens->len; k++)
    {
      const GlossToken *tok = &g_array_index (tokens, GlossToken, k);
      if (k + 1 == tokens->len || (tok->flags & GLOSS_TOKEN_NEWLINE_AFTER))
        {
          GlossSentence s;
          s.first_token = first;
          s.n_tokens = k + 1 - first;
          s.start = g_array_index (tokens, GlossToken, first).start;
          s.end = tok->end;
          g_array_append_val (sentences, s);
          first = k + 1;
        }
    }
  return sentences;
}

static int
compare_span_order (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  const GlossTokenSpan *spans = user_data;
  const GlossTokenSpan *x = &spans[*(const guint *) a];
  const GlossTokenSpan *y = &spans[*(const guint *) b];

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end > y->end ? -1 : 1;
  return *(const guint *) a < *(const guint *) b ? -1 : 1;
}

guint *
gloss_tokens_assign_spans (GArray               *tokens,
                           const GlossTokenSpan *spans,
                           guint                 n_spans,
                           guint                *n_partial,
                           guint                *n_conflicts)
{
  guint partial = 0, conflicts = 0;
  GlossSpanFit *fits = g_new (GlossSpanFit, n_spans + 1);
  guint *owner = gloss_tokens_assign_spans_full (tokens, spans, n_spans, GLOSS_SPAN_ALIGN_INSIDE,
                                                 fits);

  for (guint i = 0; owner != NULL && i < n_spans; i++)
    {
      if (fits[i] & (GLOSS_SPAN_FIT_PARTIAL | GLOSS_SPAN_FIT_NO_TOKEN))
        partial++;
      if (fits[i] & GLOSS_SPAN_FIT_CONFLICT)
        conflicts++;
    }
  if (n_partial != NULL)
    *n_partial = partial;
  if (n_conflicts != NULL)
    *n_conflicts = conflicts;
  g_free (fits);
  return owner;
}

guint *
gloss_tokens_assign_spans_full (GArray               *tokens,
                                const GlossTokenSpan *spans,
                                guint                 n_spans,
                                GlossSpanAlign        align,
                                GlossSpanFit         *fits)
{
  guint *owner;
  g_autofree guint *order = NULL;

  g_return_val_if_fail (tokens != NULL, NULL);

  owner = g_new0 (guint, tokens->len + 1);
  order = g_new (guint, n_spans + 1);
  for (guint i = 0; i < n_spans; i++)
    order[i] = i;
  g_qsort_with_data (order, n_spans, sizeof (guint), compare_span_order, (gpointer) spans);

  for (guint o = 0; o < n_spans; o++)
    {
      const GlossTokenSpan *s = &spans[order[o]];
      guint first = gloss_tokens_find (tokens, s->start);
      guint k, n_full = 0, n_taken = 0;
      gboolean is_partial = FALSE, taken = FALSE;
      GlossSpanFit fit;

      for (k = first; k < tokens->len; k++)
        {
          const GlossToken *t = &g_array_index (tokens, GlossToken, k);
          gboolean whole = t->start >= s->start && t->end <= s->end;

          if (t->start >= s->end)
            break;
          if (whole)
            n_full++;
          else
            is_partial = TRUE;
          /* The tokens this span would take: those it covers whole, or
           * when extending every one it touches. */
          if (whole || align == GLOSS_SPAN_ALIGN_EXTEND)
            {
              n_taken++;
              if (owner[k] != 0)
                taken = TRUE;
            }
        }
      if (n_taken == 0 || (n_full == 0 && align == GLOSS_SPAN_ALIGN_INSIDE))
        fit = GLOSS_SPAN_FIT_NO_TOKEN;
      else
        fit = (taken ? GLOSS_SPAN_FIT_CONFLICT : 0) | (is_partial ? GLOSS_SPAN_FIT_PARTIAL : 0);
      /* Dropped for being misaligned, even inside one token ("Gda" of
       * "Gdańsk"): whether it would also have overlapped is beside the point. */
      if (is_partial && align == GLOSS_SPAN_ALIGN_DROP)
        fit = GLOSS_SPAN_FIT_PARTIAL;
      if (fits != NULL)
        fits[order[o]] = fit;
      if ((fit & (GLOSS_SPAN_FIT_NO_TOKEN | GLOSS_SPAN_FIT_CONFLICT))
          || (is_partial && align == GLOSS_SPAN_ALIGN_DROP))
        continue;
      for (k = first; k < tokens->len; k++)
        {
          const GlossToken *t = &g_array_index (tokens, GlossToken, k);
          if (t->start >= s->end)
            break;
          if (align == GLOSS_SPAN_ALIGN_EXTEND || (t->start >= s->start && t->end <= s->end))
            owner[k] = order[o] + 1;
        }
    }
  return owner;
}
