/* gloss-tokenizer.h: a deterministic, Unicode-aware word tokenizer and sentence splitter
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Our own rule-based tokenizer, used by the token-level exports (CoNLL,
 * Hugging Face, spaCy) and the claims export's sentence contexts. It depends
 * on GLib's Unicode tables only, so a given text always gives the same tokens.
 *
 * Offsets are Unicode code points into the text, end-exclusive, like the
 * annotation offsets. Whitespace (any Unicode space, including no-break space,
 * and line breaks) separates tokens and is never part of one.
 *
 * Rules, in order of precedence:
 *  - URLs ("https://…", "http://…", "ftp://…", "www.…") and e-mail addresses
 *    ("name@host.tld") are one GLOSS_TOKEN_URL / GLOSS_TOKEN_EMAIL token; a
 *    final . , ; : ! ? ) ] or quote is left out of it.
 *  - Numbers: digits with inner "," or "." groups ("1,000.50", "3.2",
 *    "12.5.2024") and an optional trailing "%" ("40%") are one
 *    GLOSS_TOKEN_NUMBER token. A leading sign or currency symbol is a
 *    separate token ("€450,000" = "€" + "450,000"). Digits glued to letters
 *    ("3rd", "COVID-19", "F16") are one word.
 *  - Words: letters, digits and combining marks (so decomposed "Ivešić"
 *    stays whole), with inner hyphens ("well-known", "Karsovia-based"),
 *    underscores ("snake_case") and apostrophes (' or ’). Abbreviations keep their period: dotted
 *    ones whose parts are one or two letters ("U.S.", "e.g.", "Ph.D.") and
 *    known ones ("Mr." "Dr." "Prof." "Nov." "Inc." "etc." "vs." ...).
 *    English clitics are split off Penn-Treebank style: "don't" = "do" +
 *    "n't", "can't" = "ca" + "n't", "Karsovia's" = "Karsovia" + "'s", and
 *    likewise 're 've 'll 'd 'm (any case). Other inner apostrophes keep the
 *    word whole ("O'Brien", "l'homme", "rock'n'roll").
 *  - Punctuation: one character a token (GLOSS_TOKEN_PUNCT: "–", "—" and
 *    "…" included), except runs of periods ("...") and of hyphens ("--",
 *    "---"), which are one token each.
 *  - Anything else (symbols, currency, emoji including ZWJ sequences, skin
 *    tone modifiers and variation selectors) is GLOSS_TOKEN_SYMBOL, one
 *    grapheme-ish cluster a token.
 */

typedef enum
{
  GLOSS_TOKEN_WORD        = 1 << 0,
  GLOSS_TOKEN_NUMBER      = 1 << 1,
  GLOSS_TOKEN_PUNCT       = 1 << 2,
  GLOSS_TOKEN_URL         = 1 << 3,
  GLOSS_TOKEN_EMAIL       = 1 << 4,
  GLOSS_TOKEN_SYMBOL      = 1 << 5,
  GLOSS_TOKEN_KIND_MASK   = 0xff,

  /* Modifiers. */
  GLOSS_TOKEN_SPACE_AFTER = 1 << 8,   /* whitespace (or nothing: end) follows */
  GLOSS_TOKEN_NEWLINE_AFTER = 1 << 9, /* the whitespace after it has a line break */
  GLOSS_TOKEN_CLITIC      = 1 << 10,  /* a split-off clitic: 's n't 're ... */
} GlossTokenFlags;

typedef struct
{
  guint start;  /* code points, end-exclusive */
  guint end;
  guint flags;  /* GlossTokenFlags */
} GlossToken;

typedef struct
{
  guint start;        /* code points: from the first token's start... */
  guint end;          /* ...to the last token's end */
  guint first_token;  /* index into the token array */
  guint n_tokens;     /* always > 0 */
} GlossSentence;

/* Tokenizes valid UTF-8 @text (@len bytes, or -1 for NUL-terminated).
 * Returns a GArray of GlossToken in text order. Never NULL. */
GArray *gloss_tokenize                (const char *text,
                                       gssize      len);

/* Splits @text into sentences over @tokens (as gloss_tokenize() returned
 * them for the same text; NULL to tokenize here). Returns a GArray of
 * GlossSentence covering every token once, in order.
 *
 * A sentence ends after a token . ! ? … (optionally followed by closing
 * quotes or brackets) when the next token starts with an uppercase or
 * uncased letter, a digit, an opening quote or bracket or a symbol, or is on
 * a new line; never after an abbreviation token ("Mr." "Dr." "Nov." "e.g."
 * "U.S." ..., or a single capital initial "J" + ".") unless a line break
 * follows — except "etc." "Inc." "Ltd." "Co." "Corp." which end a sentence
 * before an uppercase word — and never inside a number (numbers are single
 * tokens). A blank line (two line breaks with only spaces between) always
 * ends a sentence, as does the end of the text. */
GArray *gloss_split_sentences         (const char *text,
                                       gssize      len,
                                       GArray     *tokens);

/* gloss_tokenize() and gloss_split_sentences() at once, reading the text
 * once: returns the tokens and sets @sentences. */
GArray *gloss_tokenize_sentences      (const char *text,
                                       gssize      len,
                                       GArray    **sentences);

/* Index of the first token whose end is > @offset (the token containing or
 * following code point @offset); tokens->len when none. Binary search. */
guint   gloss_tokens_find             (GArray     *tokens,
                                       guint       offset);

/* For texts that are already tokenized (imported from CoNLL: tokens joined
 * by one space, a sentence a line): every run of non-space characters is
 * a token (GLOSS_TOKEN_WORD, with the SPACE_AFTER / NEWLINE_AFTER flags),
 * and gloss_split_lines() makes a sentence of each line's tokens (blank
 * lines give nothing). */
GArray *gloss_tokenize_on_spaces      (const char *text,
                                       gssize      len);
GArray *gloss_split_lines             (const char *text,
                                       gssize      len,
                                       GArray     *tokens);

/* ---- spans onto tokens, for token-level exports (CoNLL, HF, spaCy) */

typedef struct
{
  guint start;   /* code points, end-exclusive */
  guint end;
  guint id;      /* the caller's, e.g. an index into its annotations */
} GlossTokenSpan;

/* Assigns spans to tokens. A token belongs to a span when the span covers
 * it fully; a token the span only partly covers stays outside it (the
 * span is then counted in @n_partial). Spans are taken longest first among
 * those starting at the same offset, in start order; a span that would
 * take a token already taken by another one is dropped whole (counted in
 * @n_conflicts), so the result is always a valid flat IOB sequence; so is
 * a span that covers no whole token (counted in @n_partial).
 *
 * Returns an array of tokens->len guint: 0 for no span, else the index
 * into @spans plus one. A token begins an entity when its value differs
 * from the previous token's (or the previous token belongs to another
 * sentence). @n_partial / @n_conflicts may be NULL. */
guint  *gloss_tokens_assign_spans     (GArray               *tokens,
                                       const GlossTokenSpan *spans,
                                       guint                 n_spans,
                                       guint                *n_partial,
                                       guint                *n_conflicts);

/* How a span fared in gloss_tokens_assign_spans_full(): 0 (whole: every
 * token it touches, it covers whole) or flags. */
typedef enum
{
  GLOSS_SPAN_FIT_WHOLE    = 0,
  GLOSS_SPAN_FIT_PARTIAL  = 1 << 0,  /* covers a token only in part: see GlossSpanAlign */
  GLOSS_SPAN_FIT_NO_TOKEN = 1 << 1,  /* covers no whole token (touches none when extending):
                                      * dropped */
  GLOSS_SPAN_FIT_CONFLICT = 1 << 2,  /* would take a token another span took: dropped */
} GlossSpanFit;

/* What becomes of a span that covers a token only in part. */
typedef enum
{
  GLOSS_SPAN_ALIGN_INSIDE,  /* it keeps the tokens it covers whole; the others stay out */
  GLOSS_SPAN_ALIGN_DROP,    /* it is dropped whole */
  GLOSS_SPAN_ALIGN_EXTEND,  /* it takes every token it touches */
} GlossSpanAlign;

/* The same, telling for each span how it fared: @fits (may be NULL) has
 * room for @n_spans values. gloss_tokens_assign_spans() is @align
 * GLOSS_SPAN_ALIGN_INSIDE. */
guint  *gloss_tokens_assign_spans_full (GArray               *tokens,
                                        const GlossTokenSpan *spans,
                                        guint                 n_spans,
                                        GlossSpanAlign        align,
                                        GlossSpanFit         *fits);

G_END_DECLS
