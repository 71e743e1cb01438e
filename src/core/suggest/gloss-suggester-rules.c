/* gloss-suggester-rules.c: claim frames and pattern entities by rule
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gloss-annotation.h"
#include "gloss-schema.h"
#include "gloss-suggester-rules.h"
#include "gloss-tokenizer.h"

/* How it works. One pass over the tokens of gloss_tokenize() looks every
 * word up in one table of word classes (cues, pronouns, source nouns,
 * months, units, ...), a second pass pairs quote marks into quotes (a
 * quote that runs to the end of a paragraph goes on when the next paragraph
 * opens with a quote mark), and a third tries, for each reporting cue
 * outside quotes, the frame patterns in order: a quote just before the cue
 * ("“...,” he said"; followed by ", “...”" it is one claim in two
 * fragments), a quote just after it ("X said: “...”"), "according to X",
 * and the reported clause ("X said that ...", "X said ...", "..., X said").
 * The subject is read leftwards from the cue (or rightwards after an
 * inverted cue: "said Kim"). A name that is a source is a person, an
 * organisation or a place by what the rest of the article says of it (one
 * more pass, on first need). Entities by pattern are a last pass. Nothing
 * allocates per token but the suggestions and those names, so a megabyte
 * of text takes a few tens of milliseconds. */

struct _GlossRulesSuggester
{
  GObject parent_instance;
};

static void suggester_iface_init (GlossSuggesterInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GlossRulesSuggester, gloss_rules_suggester, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GLOSS_TYPE_SUGGESTER, suggester_iface_init))

#define SUGGESTER_NAME "rules"

/* Every how many tokens a loop looks at the cancellable. */
#define CANCEL_EVERY 2048

/* ---- the lexicon */

typedef enum
{
  W_CUE           = 1 << 0,   /* a reporting verb form: see CueWord */
  W_PRON_PERSON   = 1 << 1,   /* he, she */
  W_PRON_ORG      = 1 << 2,   /* it */
  W_PRON_ANY      = 1 << 3,   /* they */
  W_AUX           = 1 << 4,   /* skipped between a subject and its cue */
  W_SOURCE_NOUN   = 1 << 5,   /* the head of an unnamed source */
  W_SOURCE_MOD    = 1 << 6,   /* "senior", "intelligence", ... before one */
  W_DET           = 1 << 7,   /* a, an, the, some, several ... */
  W_NAME_STOP     = 1 << 8,   /* capitalised function words that start no name */
  W_NEG           = 1 << 9,   /* not, n't, never, to: no claim follows */
  W_NOUN_DET      = 1 << 10,  /* the, a, his ...: a noun, not a verb, follows */
  W_ORG_WORD      = 1 << 11,  /* Agency, Ministry ...: a name with one is an ORG */
  W_CONNECTOR     = 1 << 12,  /* of, for, de ... inside a name */
  W_MONTH         = 1 << 13,
  W_WEEKDAY       = 1 << 14,
  W_DATE_REL      = 1 << 15,  /* last, next, this, past, coming */
  W_DATE_UNIT     = 1 << 16,  /* week, month, year ... after one */
  W_DATE_WORD     = 1 << 17,  /* yesterday, today, tomorrow */
  W_NUMBER_WORD   = 1 << 18,  /* one ... twenty, thirty ..., dozens, hundreds */
  W_SCALE         = 1 << 19,  /* thousand, million, billion ... */
  W_CURRENCY      = 1 << 20,  /* dollars, euros, won ... */
  W_UNIT          = 1 << 21,  /* km, years, people ... */
  W_PERSON_NOUN   = 1 << 22,  /* a source noun for one person: "he" may refer to it */
  W_PLURAL_STOP   = 1 << 23,  /* words ending in s that are no plural noun */
  W_CLAUSE_STOP   = 1 << 24,  /* prepositions a bare reported clause never starts with */
  W_POSTMOD       = 1 << 25,  /* familiar, close: "people familiar with the matter" */
  W_EARLIER       = 1 << 26,  /* earlier, later, early: "earlier this month" */
  W_AGO           = 1 << 27,
  W_SUBORDINATOR  = 1 << 28,  /* after, when ...: "after he said the ..." reports nothing */
  W_TITLE         = 1 << 29,  /* Senator, Mr ...: left out of a name */
  W_PREP          = 1 << 30,  /* in, at, from, for, of: "officials in Seoul" */
} WordClass;

typedef enum
{
  CUE_OBJECT    = 1 << 0,  /* may take an object before "that": told the agency that */
  CUE_NEEDS     = 1 << 1,  /* content only after "that", ":" or a quote, never bare */
  CUE_NOUNISH   = 1 << 2,  /* also a noun or adjective: claims, alleged, report */
  CUE_ACCORDING = 1 << 3,  /* "according" (to) */
} CueFlags;

typedef struct
{
  const char *form;
  const char *certainty;
  guint       flags;
} CueWord;

static const CueWord cue_words[] = {
  { "say", "asserted", 0 },
  { "says", "asserted", 0 },
  { "said", "asserted", 0 },
  { "saying", "asserted", 0 },
  { "tell", "asserted", CUE_OBJECT | CUE_NEEDS },
  { "tells", "asserted", CUE_OBJECT | CUE_NEEDS },
  { "told", "asserted", CUE_OBJECT | CUE_NEEDS },
  { "telling", "asserted", CUE_OBJECT | CUE_NEEDS },
  { "add", "asserted", 0 },
  { "adds", "asserted", 0 },
  { "added", "asserted", 0 },
  { "stated", "asserted", 0 },
  { "states", "asserted", CUE_NOUNISH },
  { "reported", "asserted", CUE_NOUNISH },
  { "reports", "asserted", CUE_NOUNISH },
  { "confirm", "asserted", 0 },
  { "confirms", "asserted", 0 },
  { "confirmed", "asserted", 0 },
  { "reveal", "asserted", 0 },
  { "reveals", "asserted", 0 },
  { "revealed", "asserted", 0 },
  { "announced", "asserted", 0 },
  { "announces", "asserted", 0 },
  { "explained", "asserted", 0 },
  { "noted", "asserted", 0 },
  { "wrote", "asserted", 0 },
  { "disclosed", "asserted", 0 },
  { "testified", "asserted", 0 },
  { "argued", "asserted", 0 },
  { "argues", "asserted", 0 },
  { "insist", "asserted", CUE_NEEDS },
  { "insists", "asserted", CUE_NEEDS },
  { "insisted", "asserted", CUE_NEEDS },
  { "acknowledge", "asserted", CUE_NEEDS },
  { "acknowledges", "asserted", CUE_NEEDS },
  { "acknowledged", "asserted", CUE_NEEDS },
  { "admit", "asserted", CUE_NEEDS },
  { "admits", "asserted", CUE_NEEDS },
  { "admitted", "asserted", CUE_NEEDS },
  { "warn", "asserted", CUE_OBJECT | CUE_NEEDS },
  { "warns", "asserted", CUE_OBJECT | CUE_NEEDS },
  { "warned", "asserted", CUE_OBJECT | CUE_NEEDS },
  { "believe", "hedged", CUE_NEEDS },
  { "believes", "hedged", CUE_NEEDS },
  { "believed", "hedged", CUE_NEEDS },
  { "suggest", "hedged", CUE_NEEDS },
  { "suggests", "hedged", CUE_NEEDS },
  { "suggested", "hedged", CUE_NEEDS },
  { "think", "hedged", CUE_NEEDS },
  { "thinks", "hedged", CUE_NEEDS },
  { "thought", "hedged", CUE_NEEDS | CUE_NOUNISH },
  { "suspect", "hedged", CUE_NEEDS | CUE_NOUNISH },
  { "suspects", "hedged", CUE_NEEDS | CUE_NOUNISH },
  { "estimate", "hedged", CUE_NEEDS },
  { "estimates", "hedged", CUE_NEEDS },
  { "estimated", "hedged", CUE_NEEDS },
  { "allege", "alleged", 0 },
  { "alleges", "alleged", 0 },
  { "alleged", "alleged", CUE_NOUNISH },
  { "claim", "alleged", CUE_NOUNISH },
  { "claims", "alleged", CUE_NOUNISH },
  { "claimed", "alleged", 0 },
  { "accuse", "alleged", CUE_OBJECT },
  { "accuses", "alleged", CUE_OBJECT },
  { "accused", "alleged", CUE_OBJECT | CUE_NOUNISH },
  { "deny", "denied", 0 },
  { "denies", "denied", 0 },
  { "denied", "denied", 0 },
  { "according", "asserted", CUE_ACCORDING },
};

typedef struct
{
  WordClass      classes;
  const CueWord *cue;
} WordInfo;

static const struct
{
  WordClass   classes;
  const char *words;
} word_lists[] = {
  { W_PRON_PERSON, "he she" },
  { W_PRON_ORG, "it" },
  { W_PRON_ANY, "they" },
  { W_AUX, "has have had also previously later earlier further again repeatedly reportedly "
           "then once publicly privately openly separately recently initially subsequently "
           "himself herself themselves itself flatly strongly firmly last week" },
  { W_SOURCE_NOUN, "source sources official officials spokesman spokeswoman spokesperson "
                   "spokespeople representative representatives defector defectors diplomat "
                   "diplomats analyst analysts expert experts investigator investigators "
                   "prosecutor prosecutors police authorities people witness witnesses "
                   "researcher researchers insider insiders aide aides ministry agency "
                   "government military statement report officer officers lawmaker lawmakers "
                   "legislator legislators commander commanders employee employees member "
                   "members whistleblower informant informants activist activists critics "
                   "observers residents person man woman insiders staff embassy regime company "
                   "firm "
                   "office court committee council party bureau unit army navy "
                   "administration cabinet newspaper broadcaster outlet panel team group "
                   "ambassador "
                   "envoy director chief lawyer lawyers attorney attorneys indictment traders "
                   "trader sources officials worker workers engineer engineers resident scientist "
                   "scientists doctor doctors soldier soldiers staffer staffers contractor "
                   "contractors" },
  { W_SOURCE_MOD, "senior intelligence security military government western foreign "
                  "anonymous unnamed former current local regional diplomatic police "
                  "defence defense other two three four five several many some "
                  "knowledgeable top high-ranking ranking european american asian "
                  "prosecution ministry agency" },
  { W_DET, "a an the one two three four five six several some many other another these "
           "those its his her their" },
  { W_NOUN_DET, "the a an his her its their these those this such our your my" },
  { W_NAME_STOP, "the a an but and in on at for yesterday meanwhile however earlier later "
                 "also last this when while after before as if since then so yet now still "
                 "asked speaking writing interviewed i we you there here what which who" },
  { W_NEG, "not n't never to" },
  { W_ORG_WORD, "agency ministry bureau unit service services office group army police "
                "council committee department command corps force forces directorate "
                "institute center centre commission party government bank university "
                "company corporation inc. ltd. association foundation federation union court "
                "parliament assembly authority network guard navy administration cabinet "
                "organisation organization agencies coalition front movement lab labs "
                "systems news times post tribune herald daily kremlin pentagon airlines airways "
                "energy insurance logistics pharmaceuticals media foods capital holdings shipping "
                "telecom exchange motors industries partners ventures investments securities" },
  { W_CONNECTOR, "of for de del al bin van von der den ter la el da di du dos das ibn ben" },
  { W_MONTH, "january february march april may june july august september october november "
             "december jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec. sept" },
  { W_WEEKDAY, "monday tuesday wednesday thursday friday saturday sunday" },
  { W_DATE_REL, "last next this past coming" },
  { W_EARLIER, "earlier later early" },
  { W_DATE_UNIT, "week weekend month year decade century spring summer autumn fall winter "
                 "morning evening night afternoon quarter weeks months years" },
  { W_DATE_WORD, "yesterday today tomorrow" },
  { W_AGO, "ago" },
  { W_NUMBER_WORD, "one two three four five six seven eight nine ten eleven twelve thirteen "
                   "fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty "
                   "fifty sixty seventy eighty ninety hundred dozens hundreds thousands "
                   "millions" },
  { W_SCALE, "thousand million billion trillion bn mn" },
  { W_CURRENCY, "dollars dollar euros euro won yen pounds yuan renminbi rubles roubles francs "
                "rupees dinars dirhams shekels pesos" },
  { W_UNIT, "km kilometres kilometers kilometre kilometer miles mile metres meters metre meter "
            "kg kilograms kilos tonnes tons ton barrels litres liters hectares acres "
            "years months weeks days hours minutes seconds year month week day hour "
            "people persons soldiers troops agents hackers defectors members employees "
            "workers documents files accounts computers servers missiles officers spies "
            "victims students citizens civilians prisoners refugees migrants times cases "
            "gb tb mb terabytes gigabytes megabytes" },
  { W_PERSON_NOUN, "source official spokesman spokeswoman spokesperson representative "
                   "defector diplomat analyst expert investigator prosecutor witness researcher "
                   "insider aide officer lawmaker legislator commander employee member "
                   "whistleblower informant activist person man woman ambassador envoy "
                   "director chief lawyer attorney trader worker engineer resident scientist "
                   "doctor soldier staffer contractor" },
  { W_PLURAL_STOP, "was has is this does thus its his hers yes news us whereas always "
                   "perhaps series plus less unless across besides chaos analysis basis "
                   "crisis status" },
  { W_CLAUSE_STOP, "in on at to of with for by after before during from about as so "
                   "nothing anything no yes this that what why how when where something "
                   "little more much" },
  { W_POSTMOD, "familiar close" },
  { W_TITLE, "senator president minister mr mr. ms ms. mrs mrs. dr dr. prof prof. general gen. "
             "colonel col. ambassador director chairman chairwoman judge prosecutor defector "
             "sen. rep. governor mayor secretary premier lieutenant captain major spokesman "
             "spokeswoman lawyer" },
  { W_PREP, "in at from for of" },
  { W_SUBORDINATOR, "after before when as if since while because although though until "
                    "unless whether once what how why" },
};

static GHashTable *lexicon; /* owned, read-only once built: lowercase word -> WordInfo */

static void
build_lexicon (void)
{
  lexicon = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint i = 0; i < G_N_ELEMENTS (word_lists); i++)
    {
      g_auto(GStrv) words = g_strsplit (word_lists[i].words, " ", -1);

      for (guint j = 0; words[j] != NULL; j++)
        {
          WordInfo *info;

          if (*words[j] == '\0')
            continue;
          info = g_hash_table_lookup (lexicon, words[j]);
          if (info == NULL)
            {
              info = g_new0 (WordInfo, 1);
              /* The key must outlive the table: intern it. */
              g_hash_table_insert (lexicon, (gpointer) g_intern_string (words[j]), info);
            }
          info->classes |= word_lists[i].classes;
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (cue_words); i++)
    {
      WordInfo *info = g_hash_table_lookup (lexicon, cue_words[i].form);

      if (info == NULL)
        {
          info = g_new0 (WordInfo, 1);
          g_hash_table_insert (lexicon, (gpointer) cue_words[i].form, info);
        }
      info->classes |= W_CUE;
      info->cue = &cue_words[i];
    }
}

/* ---- the document as the rules see it */

typedef enum
{
  SRC_NONE,
  SRC_NAME,    /* consecutive capitalised words */
  SRC_UNNAMED, /* "a source", "officials", "the ministry's spokesman" */
  SRC_PRONOUN,
} SourceKind;

typedef struct
{
  guint      first; /* tokens */
  guint      last;
  SourceKind kind;
} Phrase;

typedef struct
{
  guint    open;      /* the opening mark's token */
  guint    close;     /* the closing mark's token */
  guint    first_seg; /* index into Ctx.segments */
  guint    n_segs;
  gboolean used;
} Quote;

/* A PERSON, ORG or SOURCE this run proposed or reused, for pronouns. */
typedef struct
{
  guint       start;
  guint       end;
  const char *label;  /* interned */
  const char *ref;    /* the suggestion's id, borrowed from it */
  gboolean    person; /* a SOURCE that is one person: "a former worker" */
} Mention;

typedef struct
{
  GlossSuggestInput *input;
  const char        *text;
  const GlossToken  *tok;
  guint              n;
  guint             *bstart;         /* owned: byte offset of each token */
  guint             *bend;           /* owned */
  WordInfo         **info;           /* owned array, borrowed infos (NULL: no class) */
  guint             *sent_first;     /* owned: first token of each token's sentence */
  guint             *sent_last;      /* owned */
  gint              *quote_at_open;  /* owned: quote index of an opening mark, or -1 */
  gint              *quote_at_close; /* owned */
  guint8            *in_quote;       /* owned: inside a quote, marks included */
  GArray            *quotes;         /* of Quote */
  GArray            *segments;       /* of GlossFragment, in tokens (first, last) */
  GArray            *mentions;       /* of Mention, in text order */
  GPtrArray         *out;            /* of GlossSuggestion */
  GHashTable        *by_id;          /* id -> GlossSuggestion, borrowed */
  GCancellable      *cancellable;
  gboolean           cancelled;

  /* The labels of the schema, NULL when it lacks them. */
  const char        *l_claim, *l_cue, *l_source, *l_person, *l_org, *l_gpe;
  const char        *l_date, *l_money, *l_quantity, *l_percent;
  GlossAttrDef      *certainty; /* borrowed from the schema, may be NULL */

  /* What the whole article says of its names, for the label of a name
   * that is a source (name_facts): casefolded names seen as places, and
   * words seen in people's names or after "at". Built on first use. */
  GHashTable        *places;
  GHashTable        *people;
  GHashTable        *orgs;

  /* Noun phrases read for the current cue: nested owners and
   * prepositional phrases ("a spokesman for the office of X's ministry")
   * are read from both ends, and this bounds that on a text of nothing but
   * them. */
  guint              phrase_budget;

  /* The source of the last frame and its sentence's first token, for
   * "He said ... and added that ...". */
  Phrase             last_source;
  guint              last_source_sentence;
} Ctx;

static const char *
schema_label (GlossSchema *schema,
              const char  *name)
{
  if (schema == NULL || gloss_schema_lookup_label (schema, name) == NULL)
    return NULL;
  return g_intern_static_string (name);
}

static gboolean
check_cancel (Ctx  *ctx,
              guint i)
{
  if (!ctx->cancelled && (i % CANCEL_EVERY) == 0 && g_cancellable_is_cancelled (ctx->cancellable))
    ctx->cancelled = TRUE;
  return ctx->cancelled;
}

/* Every accessor takes any index: past the last token there is none (the
 * patterns look ahead without counting what is left). */
static inline guint
tok_kind (Ctx  *ctx,
          guint i)
{
  return i < ctx->n ? ctx->tok[i].flags & GLOSS_TOKEN_KIND_MASK : 0;
}

static inline gboolean
tok_is (Ctx        *ctx,
        guint       i,
        const char *s)
{
  gsize len = strlen (s);

  return i < ctx->n && ctx->bend[i] - ctx->bstart[i] == len &&
         g_ascii_strncasecmp (ctx->text + ctx->bstart[i], s, len) == 0;
}

static inline gboolean
tok_has (Ctx      *ctx,
         guint     i,
         WordClass c)
{
  return i < ctx->n && ctx->info[i] != NULL && (ctx->info[i]->classes & c) != 0;
}

static inline gunichar
tok_char (Ctx  *ctx,
          guint i)
{
  return g_utf8_get_char (ctx->text + ctx->bstart[i]);
}

static inline gboolean
tok_is_char (Ctx     *ctx,
             guint    i,
             gunichar c)
{
  return i < ctx->n && ctx->tok[i].end - ctx->tok[i].start == 1 && tok_char (ctx, i) == c;
}

static inline gboolean
tok_is_word (Ctx  *ctx,
             guint i)
{
  return i < ctx->n && tok_kind (ctx, i) == GLOSS_TOKEN_WORD;
}

static inline gboolean
tok_is_cap (Ctx  *ctx,
            guint i)
{
  return tok_is_word (ctx, i) && g_unichar_isupper (tok_char (ctx, i));
}

/* "al-Masri", "el-Khatib", "ad-Din": a lower-case particle of one to three
 * letters joined to a capitalised name by a hyphen. */
static gboolean
tok_is_particle_name (Ctx  *ctx,
                      guint i)
{
  const char *p, *end;

  if (!tok_is_word (ctx, i))
    return FALSE;
  p = ctx->text + ctx->bstart[i];
  end = ctx->text + ctx->bend[i];
  for (guint k = 0; k < 4 && p + k < end; k++)
    {
      if (p[k] == '-')
        return k > 0 && p + k + 1 < end && g_unichar_isupper (g_utf8_get_char (p + k + 1));
      if (!g_ascii_islower (p[k]))
        return FALSE;
    }
  return FALSE;
}

/* A capitalised word that can be part of a name. */
static inline gboolean
tok_is_name_word (Ctx  *ctx,
                  guint i)
{
  if (!tok_is_cap (ctx, i))
    return tok_is_particle_name (ctx, i);
  return !tok_has (ctx, i, W_NAME_STOP | W_PRON_PERSON | W_PRON_ORG | W_PRON_ANY | W_CUE |
                             W_MONTH | W_WEEKDAY);
}

static gboolean
tok_is_all_caps (Ctx  *ctx,
                 guint i)
{
  const char *p = ctx->text + ctx->bstart[i], *end = ctx->text + ctx->bend[i];
  guint       letters = 0;

  for (; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_islower (c))
        return FALSE;
      if (g_unichar_isalpha (c))
        letters++;
    }
  return letters >= 2;
}

static inline gboolean
tok_is_clitic_s (Ctx  *ctx,
                 guint i)
{
  return i < ctx->n && (ctx->tok[i].flags & GLOSS_TOKEN_CLITIC) != 0 &&
         (tok_is (ctx, i, "'s") || tok_is (ctx, i, "\xe2\x80\x99s"));
}

static inline gboolean
tok_is_sentence_punct (Ctx  *ctx,
                       guint i)
{
  return tok_is_char (ctx, i, '.') || tok_is_char (ctx, i, '!') || tok_is_char (ctx, i, '?');
}

/* An integer number token without groups, or -1. */
static gint64
tok_int (Ctx  *ctx,
         guint i)
{
  const char *p;
  guint       len;
  gint64      v = 0;

  if (tok_kind (ctx, i) != GLOSS_TOKEN_NUMBER)
    return -1;
  p = ctx->text + ctx->bstart[i];
  len = ctx->bend[i] - ctx->bstart[i];
  if (len > 6)
    return -1;
  for (guint k = 0; k < len; k++)
    {
      if (!g_ascii_isdigit (p[k]))
        return -1;
      v = v * 10 + (p[k] - '0');
    }
  return v;
}

/* ---- pass 1: byte offsets, word classes, sentences */

static gboolean
is_closing (gunichar c)
{
  return c == 0x201D || c == 0x2019 || c == 0x00BB || c == '"' || c == '\'' || c == ')' ||
         c == ']';
}

/* A blank line between tokens @k and @k + 1. */
static gboolean
blank_line_after (Ctx  *ctx,
                  guint k)
{
  guint n_breaks = 0;

  if ((ctx->tok[k].flags & GLOSS_TOKEN_NEWLINE_AFTER) == 0 || k + 1 >= ctx->n)
    return FALSE;
  for (guint b = ctx->bend[k]; b < ctx->bstart[k + 1]; b++)
    n_breaks += ctx->text[b] == '\n';
  return n_breaks >= 2;
}

/* The sentences of gloss_split_sentences(), read off the tokens (which
 * keep the period of an abbreviation): a sentence ends after . ! ? … and
 * the closing quotes or brackets right after, when a capital, a digit, an
 * opening quote or bracket, a symbol or a new line follows; and at a blank
 * line. It saves that function's copy of the text in UCS-4. */
static void
split_sentences (Ctx *ctx)
{
  guint first = 0;

  ctx->sent_first = g_new (guint, ctx->n + 1);
  ctx->sent_last = g_new (guint, ctx->n + 1);
  for (guint k = 0; k < ctx->n; k++)
    {
      gboolean end = k + 1 == ctx->n || blank_line_after (ctx, k);

      if (!end && tok_kind (ctx, k) == GLOSS_TOKEN_PUNCT &&
          (tok_is_sentence_punct (ctx, k) || tok_is_char (ctx, k, 0x2026) ||
           tok_is (ctx, k, "...")) &&
          !(tok_is_char (ctx, k, '.') && k > 0 && ctx->tok[k - 1].end == ctx->tok[k].start &&
            ctx->tok[k - 1].end - ctx->tok[k - 1].start == 1 && tok_is_cap (ctx, k - 1)))
        {
          guint    last = k;
          gunichar c;

          /* Closing marks glued to the period. */
          while (last + 1 < ctx->n && ctx->tok[last].end == ctx->tok[last + 1].start &&
                 tok_kind (ctx, last + 1) == GLOSS_TOKEN_PUNCT &&
                 is_closing (tok_char (ctx, last + 1)))
            last++;
          if (last + 1 == ctx->n || (ctx->tok[last].flags & GLOSS_TOKEN_NEWLINE_AFTER) != 0)
            end = TRUE;
          else
            {
              c = tok_char (ctx, last + 1);
              end = g_unichar_isupper (c) || g_unichar_istitle (c) || g_unichar_isdigit (c) ||
                    (g_unichar_isalpha (c) && !g_unichar_islower (c)) ||
                    tok_kind (ctx, last + 1) == GLOSS_TOKEN_SYMBOL ||
                    c == 0x201C || c == 0x2018 || c == 0x00AB || c == '"' || c == '(' ||
                    c == '[' || c == '\'';
            }
          if (end)
            k = last;
        }
      if (end)
        {
          for (guint i = first; i <= k; i++)
            {
              ctx->sent_first[i] = first;
              ctx->sent_last[i] = k;
            }
          first = k + 1;
        }
    }
}

static void
prepare (Ctx *ctx)
{
  const char *p = ctx->text;
  guint       cp = 0;

  ctx->bstart = g_new (guint, ctx->n + 1);
  ctx->bend = g_new (guint, ctx->n + 1);
  ctx->info = g_new0 (WordInfo *, ctx->n + 1);
  for (guint i = 0; i < ctx->n; i++)
    {
      const GlossToken *t = &ctx->tok[i];
      guint             len;

      for (; cp < t->start; cp++)
        p = g_utf8_next_char (p);
      ctx->bstart[i] = p - ctx->text;
      for (; cp < t->end; cp++)
        p = g_utf8_next_char (p);
      ctx->bend[i] = p - ctx->text;

      len = ctx->bend[i] - ctx->bstart[i];
      if ((t->flags & GLOSS_TOKEN_KIND_MASK) == GLOSS_TOKEN_WORD && len < 24)
        {
          char key[24];

          for (guint k = 0; k < len; k++)
            {
              char ch = ctx->text[ctx->bstart[i] + k];

              key[k] = ch >= 'A' && ch <= 'Z' ? ch + ('a' - 'A') : ch;
            }
          key[len] = '\0';
          ctx->info[i] = g_hash_table_lookup (lexicon, key);
        }
    }

  split_sentences (ctx);
}

/* ---- pass 2: quotes */

typedef enum
{
  MARK_NONE,
  MARK_OPEN,     /* “ « */
  MARK_CLOSE,    /* ” » */
  MARK_STRAIGHT, /* " */
} Mark;

static Mark
quote_mark (Ctx  *ctx,
            guint i)
{
  gunichar c;

  if (tok_kind (ctx, i) != GLOSS_TOKEN_PUNCT || ctx->tok[i].end - ctx->tok[i].start != 1)
    return MARK_NONE;
  c = tok_char (ctx, i);
  switch (c)
    {
    case 0x201C:
    case 0x00AB:
      return MARK_OPEN;
    case 0x201D:
    case 0x00BB:
      return MARK_CLOSE;
    case '"':
      return MARK_STRAIGHT;
    default:
      return MARK_NONE;
    }
}

static void
add_segment (Ctx   *ctx,
             guint  first,
             guint  last,
             guint *n_segs)
{
  GlossFragment seg = { first, last };

  if (first > last || first >= ctx->n)
    return;
  g_array_append_val (ctx->segments, seg);
  (*n_segs)++;
}

static void
find_quotes (Ctx *ctx)
{
  gboolean open = FALSE, awaiting_reopen = FALSE;
  guint    open_tok = 0, seg_first = 0, first_seg = 0, n_segs = 0;

  ctx->quote_at_open = g_new (gint, ctx->n + 1);
  ctx->quote_at_close = g_new (gint, ctx->n + 1);
  ctx->in_quote = g_new0 (guint8, ctx->n + 1);
  for (guint i = 0; i < ctx->n; i++)
    ctx->quote_at_open[i] = ctx->quote_at_close[i] = -1;

  for (guint i = 0; i < ctx->n; i++)
    {
      Mark mark = quote_mark (ctx, i);

      if (!open)
        {
          if (mark == MARK_OPEN || mark == MARK_STRAIGHT)
            {
              open = TRUE;
              awaiting_reopen = FALSE;
              open_tok = i;
              seg_first = i + 1;
              first_seg = ctx->segments->len;
              n_segs = 0;
            }
        }
      else if (awaiting_reopen)
        {
          /* The quote ran to the end of a paragraph: it goes on only if
           * the next one opens with a quote mark. */
          if (mark == MARK_OPEN || mark == MARK_STRAIGHT)
            {
              awaiting_reopen = FALSE;
              seg_first = i + 1;
            }
          else
            {
              g_array_set_size (ctx->segments, first_seg);
              open = FALSE;
              i--; /* look at this token again, outside any quote */
              continue;
            }
        }
      else if (mark == MARK_CLOSE || mark == MARK_STRAIGHT)
        {
          Quote q = { open_tok, i, first_seg, 0, FALSE };

          add_segment (ctx, seg_first, i - 1, &n_segs);
          q.n_segs = n_segs;
          open = FALSE;
          if (n_segs == 0)
            {
              g_array_set_size (ctx->segments, first_seg);
              continue;
            }
          ctx->quote_at_open[open_tok] = ctx->quotes->len;
          ctx->quote_at_close[i] = ctx->quotes->len;
          for (guint k = open_tok; k <= i; k++)
            ctx->in_quote[k] = 1;
          g_array_append_val (ctx->quotes, q);
        }
      else if (mark == MARK_OPEN)
        {
          /* An opening mark inside an open quote: the first one was stray. */
          g_array_set_size (ctx->segments, first_seg);
          open_tok = i;
          seg_first = i + 1;
          n_segs = 0;
        }

      if (open && !awaiting_reopen && (ctx->tok[i].flags & GLOSS_TOKEN_NEWLINE_AFTER) != 0)
        {
          add_segment (ctx, seg_first, i, &n_segs);
          awaiting_reopen = TRUE;
        }
    }
  if (open)
    g_array_set_size (ctx->segments, first_seg);
}

/* The first token of @i's sentence, after a dateline ("SEOUL, Nov. 21
 * (Yonhap) — "): an all-caps word opening a paragraph, a dash within a few
 * tokens. */
static guint
sentence_first (Ctx  *ctx,
                guint i)
{
  guint first = ctx->sent_first[i];

  if (tok_is_word (ctx, first) && tok_is_all_caps (ctx, first) &&
      (first == 0 || (ctx->tok[first - 1].flags & GLOSS_TOKEN_NEWLINE_AFTER) != 0))
    for (guint k = first + 1; k < first + 10 && k < i; k++)
      if (tok_is_char (ctx, k, 0x2014) || tok_is_char (ctx, k, 0x2013) ||
          tok_is (ctx, k, "--"))
        return k + 1;
  return first;
}

/* ---- phrases: subjects and sources */

/* "of", "del", "&" inside a name. */
static gboolean
is_connector (Ctx  *ctx,
              guint i)
{
  return (tok_has (ctx, i, W_CONNECTOR) && !tok_is_cap (ctx, i)) || tok_is_char (ctx, i, '&');
}

/* The first token of a capitalised name ending at @last, or -1. */
static gint
name_left (Ctx  *ctx,
           guint last,
           guint lo)
{
  guint s = last;

  if (!tok_is_name_word (ctx, last))
    return -1;
  while (s > lo)
    {
      if (tok_is_name_word (ctx, s - 1))
        s--;
      else if (s - 1 > lo && is_connector (ctx, s - 1) && tok_is_name_word (ctx, s - 2))
        s -= 2;
      /* "van der", "de la" */
      else if (s - 2 > lo && is_connector (ctx, s - 1) && is_connector (ctx, s - 2) &&
               tok_is_name_word (ctx, s - 3))
        s -= 3;
      else
        break;
    }
  /* "Senator Ruth Okafor", "Defector Park": the title is no part of the name. */
  while (s < last && tok_has (ctx, s, W_TITLE))
    s++;
  return s;
}

/* "people familiar with the matter": the head before the modifier that
 * ends at @last, or -1. */
static gint
postmod_left (Ctx  *ctx,
              guint last,
              guint lo)
{
  for (guint k = 2; k <= 5 && last >= lo + k + 1; k++)
    {
      guint m = last - k;

      if (tok_has (ctx, m, W_POSTMOD) && tok_has (ctx, m - 1, W_SOURCE_NOUN) &&
          !tok_is_char (ctx, m + 1, ','))
        return m - 1;
    }
  return -1;
}

static gboolean phrase_left_pp (Ctx *ctx, guint last, guint lo, guint depth, Phrase *out);

static gboolean
phrase_left (Ctx    *ctx,
             guint   last,
             guint   lo,
             Phrase *out)
{
  return phrase_left_pp (ctx, last, lo, 0, out);
}

/* An unnamed source whose head noun is @head: its modifiers and
 * determiner to the left. */
static void
unnamed_left (Ctx    *ctx,
              guint   head,
              guint   lo,
              Phrase *out)
{
  guint s = head, n_mods = 0;

  while (s > lo && n_mods < 4)
    {
      guint t = s - 1;

      if ((tok_has (ctx, t, W_SOURCE_MOD | W_NUMBER_WORD) && !tok_has (ctx, t, W_DET)) ||
          tok_kind (ctx, t) == GLOSS_TOKEN_NUMBER || tok_is_name_word (ctx, t))
        {
          s = t;
          n_mods++;
          continue;
        }
      /* "the provincial government": other lowercase adjectives only after
       * a determiner. */
      if (tok_is_word (ctx, t) && !tok_is_cap (ctx, t) && ctx->info[t] == NULL &&
          !tok_is_clitic_s (ctx, t))
        {
          guint d = t;

          while (d > lo && d + 3 > t && tok_is_word (ctx, d - 1) && !tok_is_cap (ctx, d - 1) &&
                 ctx->info[d - 1] == NULL)
            d--;
          if (d > lo && tok_has (ctx, d - 1, W_DET))
            s = d;
          else if (d > lo + 1 && tok_is_clitic_s (ctx, d - 1))
            {
              /* "South Korea's unification ministry" */
              Phrase owner;

              if (phrase_left (ctx, d - 2, lo, &owner) && owner.kind != SRC_PRONOUN)
                s = owner.first;
            }
          break;
        }
      if (tok_is_clitic_s (ctx, t) && t > lo)
        {
          Phrase owner;

          if (phrase_left (ctx, t - 1, lo, &owner) && owner.kind != SRC_PRONOUN)
            s = owner.first;
          else
            {
              /* "the attorney general's office": a determiner and words. */
              guint d = t;

              while (d > lo && d + 4 > t && tok_is_word (ctx, d - 1) &&
                     !tok_has (ctx, d - 1, W_DET | W_PREP | W_CUE))
                d--;
              if (d < t && d > lo && tok_has (ctx, d - 1, W_DET))
                s = d - 1;
            }
          break;
        }
      break;
    }
  if (s > lo && tok_has (ctx, s - 1, W_DET) && !tok_is_clitic_s (ctx, s))
    s--;
  out->first = s;
  out->last = head;
  out->kind = SRC_UNNAMED;
}

static gboolean phrase_left_simple (Ctx *ctx, guint last, guint lo, Phrase *out);

/* The noun phrase that ends at token @last (not before @lo), with the
 * prepositional phrases after an unnamed head: "a panel of experts",
 * "two traders in the city", "diplomats in Geneva", "a spokesman for the
 * Office for Nuclear Safety in Vienna" (@depth of them so far). */
static gboolean
phrase_left_pp (Ctx    *ctx,
                guint   last,
                guint   lo,
                guint   depth,
                Phrase *out)
{
  Phrase inner, head;
  guint  first, q;

  if (ctx->phrase_budget == 0)
    return FALSE;
  ctx->phrase_budget--;
  if (!phrase_left_simple (ctx, last, lo, &inner))
    {
      /* "the city": a determiner and a word or two. */
      if (!tok_is_word (ctx, last) || tok_is_cap (ctx, last) || last < lo + 2)
        return FALSE;
      first = last;
      while (first > lo && first + 3 > last && tok_is_word (ctx, first - 1) &&
             !tok_has (ctx, first - 1, W_DET | W_PREP))
        first--;
      if (!tok_has (ctx, first - 1, W_DET))
        return FALSE;
      inner = (Phrase) { first - 1, last, SRC_NONE };
    }
  /* "for the Office ...": a name's determiner belongs to the phrase */
  q = inner.first;
  if (inner.kind == SRC_NAME && q > lo && tok_has (ctx, q - 1, W_DET) && !tok_is_cap (ctx, q - 1))
    q--;
  if (inner.kind != SRC_PRONOUN && depth < 3 && q > lo + 1 && tok_has (ctx, q - 1, W_PREP) &&
      !tok_is_cap (ctx, q - 1) && phrase_left_pp (ctx, q - 2, lo, depth + 1, &head) &&
      head.kind == SRC_UNNAMED)
    {
      *out = (Phrase) { head.first, last, SRC_UNNAMED };
      return TRUE;
    }
  if (inner.kind == SRC_NONE)
    return FALSE;
  *out = inner;
  return TRUE;
}

static gboolean
phrase_left_simple (Ctx    *ctx,
                    guint   last,
                    guint   lo,
                    Phrase *out)
{
  gint s, head;

  if (last < lo || last >= ctx->n || !tok_is_word (ctx, last))
    return FALSE;
  if (tok_has (ctx, last, W_PRON_PERSON | W_PRON_ORG | W_PRON_ANY))
    {
      *out = (Phrase) { last, last, SRC_PRONOUN };
      return TRUE;
    }
  if (tok_has (ctx, last, W_SOURCE_NOUN) && !tok_is_all_caps (ctx, last))
    {
      /* "the ministry", "Officials" are unnamed; "the Defence Ministry" is a name. */
      gboolean org_name = tok_is_cap (ctx, last) && tok_has (ctx, last, W_ORG_WORD) &&
                          last > lo && tok_is_name_word (ctx, last - 1);

      if (!org_name)
        {
          unnamed_left (ctx, last, lo, out);
          return TRUE;
        }
    }
  head = postmod_left (ctx, last, lo);
  if (head >= 0)
    {
      unnamed_left (ctx, head, lo, out);
      out->last = last;
      return TRUE;
    }
  s = name_left (ctx, last, lo);
  if (s >= 0)
    {
      *out = (Phrase) { s, last, SRC_NAME };
      return TRUE;
    }
  return FALSE;
}

/* A word that can go on a noun phrase's prepositional phrases: not a
 * verb we know, a clause's start, a date or an adverbial's preposition. */
static gboolean
np_word (Ctx  *ctx,
         guint i)
{
  if (tok_kind (ctx, i) == GLOSS_TOKEN_NUMBER)
    return TRUE;
  if (!tok_is_word (ctx, i) || tok_is (ctx, i, "that") || tok_is (ctx, i, "who") ||
      tok_is (ctx, i, "which") || tok_is (ctx, i, "and") || tok_is (ctx, i, "but"))
    return FALSE;
  if (tok_has (ctx, i, W_CLAUSE_STOP) && !tok_has (ctx, i, W_PREP))
    return FALSE;
  return !tok_has (ctx, i, W_CUE | W_AUX | W_SUBORDINATOR | W_NEG | W_WEEKDAY | W_MONTH |
                             W_DATE_WORD | W_DATE_REL | W_EARLIER | W_PRON_PERSON |
                             W_PRON_ORG | W_PRON_ANY);
}

/* The last token of the prepositional phrases that start at @prep (not
 * past @hi), without a preposition or determiner left hanging at the
 * end. */
static guint
pp_right (Ctx  *ctx,
          guint prep,
          guint hi)
{
  guint k = prep + 1, e;

  while (k <= hi && k <= prep + 12 && np_word (ctx, k))
    k++;
  e = k - 1;
  while (e > prep && (tok_has (ctx, e, W_PREP | W_DET) || is_connector (ctx, e)))
    e--;
  return e > prep ? e : prep - 1;
}

/* The noun phrase that starts at token @first (not past @hi): after an
 * inverted cue ("said a senior official") or "according to". */
static gboolean
phrase_right (Ctx    *ctx,
              guint   first,
              guint   hi,
              Phrase *out)
{
  guint    j = first, n_mods = 0;
  gboolean det = FALSE;

  if (first > hi || first >= ctx->n || !tok_is_word (ctx, first))
    return FALSE;
  if (tok_has (ctx, first, W_PRON_PERSON | W_PRON_ORG | W_PRON_ANY))
    {
      *out = (Phrase) { first, first, SRC_PRONOUN };
      return TRUE;
    }
  if (tok_has (ctx, j, W_DET))
    {
      det = TRUE;
      j++;
    }
  /* A name: capitalised words with connectors. */
  if (tok_is_name_word (ctx, j))
    {
      guint e = j;

      while (e + 1 <= hi)
        {
          if (tok_is_name_word (ctx, e + 1))
            e++;
          else if (e + 2 <= hi && is_connector (ctx, e + 1) && tok_is_name_word (ctx, e + 2))
            e += 2;
          else if (e + 3 <= hi && is_connector (ctx, e + 1) && is_connector (ctx, e + 2) &&
                   tok_is_name_word (ctx, e + 3))
            e += 3;
          else
            break;
        }
      /* "NIS officials", "the ministry's spokesman": a source noun follows. */
      if (e + 1 <= hi && tok_has (ctx, e + 1, W_SOURCE_NOUN) && !tok_is_cap (ctx, e + 1))
        {
          *out = (Phrase) { first, e + 1, SRC_UNNAMED };
          return TRUE;
        }
      if (e + 2 <= hi && tok_is_clitic_s (ctx, e + 1) && tok_has (ctx, e + 2, W_SOURCE_NOUN))
        {
          *out = (Phrase) { first, e + 2, SRC_UNNAMED };
          return TRUE;
        }
      *out = (Phrase) { j, e, SRC_NAME };
      return TRUE;
    }
  while (j <= hi && n_mods < 4 && tok_has (ctx, j, W_SOURCE_MOD | W_NUMBER_WORD) &&
         !tok_has (ctx, j, W_SOURCE_NOUN))
    {
      j++;
      n_mods++;
    }
  if (j <= hi && tok_has (ctx, j, W_SOURCE_NOUN))
    {
      guint e = j;

      if (e + 2 <= hi && tok_is_clitic_s (ctx, e + 1) && tok_has (ctx, e + 2, W_SOURCE_NOUN))
        e += 2;
      /* "people familiar with the matter" */
      if (e + 1 <= hi && tok_has (ctx, e + 1, W_POSTMOD))
        {
          guint k = e + 2;

          while (k <= hi && k <= e + 6 && tok_is_word (ctx, k) && !tok_has (ctx, k, W_CUE))
            k++;
          e = k - 1;
        }
      /* "a senior official at the agency", "a spokesman for the office of
       * the prosecutor in Vienna": prepositional phrases to the end of the
       * noun phrase ("for" only after a person: "said for years") */
      else if (e + 1 <= hi && tok_has (ctx, e + 1, W_PREP) &&
               (!tok_is (ctx, e + 1, "for") || tok_has (ctx, e, W_PERSON_NOUN)))
        e = pp_right (ctx, e + 1, hi);
      *out = (Phrase) { first, e, SRC_UNNAMED };
      return TRUE;
    }
  (void) det;
  return FALSE;
}

/* ---- suggestions */

/* Suggestions are the same when their ids are: same label, same fragments
 * (without computing the ids' checksums). */
static guint
suggestion_hash (gconstpointer p)
{
  GlossSuggestion     *s = (GlossSuggestion *) p;
  guint                n;
  const GlossFragment *f = gloss_suggestion_get_fragments (s, &n);

  return g_str_hash (gloss_suggestion_get_label (s)) ^ (f[0].start * 2654435761u) ^
         (f[n - 1].end * 40503u) ^ n;
}

static gboolean
suggestion_equal (gconstpointer a,
                  gconstpointer b)
{
  GlossSuggestion     *x = (GlossSuggestion *) a, *y = (GlossSuggestion *) b;
  guint                nx, ny;
  const GlossFragment *fx = gloss_suggestion_get_fragments (x, &nx);
  const GlossFragment *fy = gloss_suggestion_get_fragments (y, &ny);

  return nx == ny && memcmp (fx, fy, nx * sizeof (GlossFragment)) == 0 &&
         g_str_equal (gloss_suggestion_get_label (x), gloss_suggestion_get_label (y));
}

static GlossSuggestion *
add_suggestion (Ctx                 *ctx,
                const char          *label,
                const GlossFragment *fragments,
                guint                n_fragments,
                double               score)
{
  g_autoptr(GlossSuggestion) s = NULL;
  GlossSuggestion *known;

  s = gloss_suggestion_new (label, fragments, n_fragments, score, SUGGESTER_NAME);
  known = g_hash_table_lookup (ctx->by_id, s);
  if (known != NULL)
    return known;
  g_hash_table_add (ctx->by_id, s);
  g_ptr_array_add (ctx->out, g_object_ref (s));
  return s;
}

static GlossSuggestion *
add_span (Ctx        *ctx,
          const char *label,
          guint       first_tok,
          guint       last_tok,
          double      score)
{
  GlossFragment f = { ctx->tok[first_tok].start, ctx->tok[last_tok].end };

  return add_suggestion (ctx, label, &f, 1, score);
}

/* The index of the first annotation that starts at or after @offset. */
static guint
annotations_lower_bound (GPtrArray *annotations,
                         guint      offset)
{
  guint lo = 0, hi = annotations->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (gloss_annotation_get_start (g_ptr_array_index (annotations, mid)) < offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static gboolean
is_source_label (const char *label)
{
  return g_str_equal (label, "PERSON") || g_str_equal (label, "ORG") ||
         g_str_equal (label, "SOURCE") || g_str_equal (label, "GPE") ||
         g_str_equal (label, "NORP");
}

/* An existing annotation overlapping [@start, @end) whose label @want
 * accepts (is_source_label, or "CUE"), or NULL. Entities and cues are short: it
 * looks back at most 512 code points. */
static GlossAnnotation *
find_existing (Ctx        *ctx,
               guint       start,
               guint       end,
               const char *cue_label)
{
  GPtrArray *annotations = ctx->input->annotations;
  guint      i = annotations_lower_bound (annotations, end);

  while (i > 0)
    {
      GlossAnnotation *a = g_ptr_array_index (annotations, --i);
      const char      *label = gloss_annotation_get_label (a);

      if (gloss_annotation_get_start (a) + 512 < start)
        break;
      if (gloss_annotation_get_end (a) <= start)
        continue;
      if (cue_label != NULL ? g_str_equal (label, cue_label) : is_source_label (label))
        return a;
    }
  return NULL;
}

static gboolean
pronoun_accepts (Ctx        *ctx,
                 guint       pronoun,
                 const char *label)
{
  if (tok_has (ctx, pronoun, W_PRON_PERSON))
    return g_str_equal (label, "PERSON");
  if (tok_has (ctx, pronoun, W_PRON_ORG))
    return g_str_equal (label, "ORG") || g_str_equal (label, "GPE");
  return g_str_equal (label, "PERSON") || g_str_equal (label, "ORG") ||
         g_str_equal (label, "SOURCE");
}

/* The nearest PERSON or ORG before @pronoun: an existing annotation's UUID
 * or one of this run's suggestions' id. */
static const char *
resolve_pronoun (Ctx  *ctx,
                 guint pronoun)
{
  GPtrArray       *annotations = ctx->input->annotations;
  guint            at = ctx->tok[pronoun].start;
  guint            i = annotations_lower_bound (annotations, at);
  GlossAnnotation *best_a = NULL;
  const Mention   *best_m = NULL;

  while (i > 0)
    {
      GlossAnnotation *a = g_ptr_array_index (annotations, --i);

      if (gloss_annotation_get_end (a) <= at &&
          pronoun_accepts (ctx, pronoun, gloss_annotation_get_label (a)))
        {
          best_a = a;
          break;
        }
    }
  for (guint k = ctx->mentions->len; k > 0; k--)
    {
      const Mention *m = &g_array_index (ctx->mentions, Mention, k - 1);

      if (m->end <= at && (pronoun_accepts (ctx, pronoun, m->label) ||
                           (m->person && tok_has (ctx, pronoun, W_PRON_PERSON))))
        {
          best_m = m;
          break;
        }
    }
  if (best_m != NULL &&
      (best_a == NULL || best_m->start > gloss_annotation_get_start (best_a)))
    return best_m->ref;
  return best_a != NULL ? gloss_annotation_get_uuid (best_a) : NULL;
}

static void
add_mention (Ctx        *ctx,
             guint       start,
             guint       end,
             const char *label,
             const char *ref,
             gboolean    person)
{
  Mention m = { start, end, g_intern_string (label), ref, person };
  guint   k = ctx->mentions->len;

  /* Keep text order: sources after an inverted cue may come late. */
  while (k > 0 && g_array_index (ctx->mentions, Mention, k - 1).start > start)
    k--;
  g_array_insert_val (ctx->mentions, k, m);
}

/* The casefolded text of tokens [@first, @last]: names compare so. */
static char *
phrase_key (Ctx  *ctx,
            guint first,
            guint last)
{
  return g_utf8_casefold (ctx->text + ctx->bstart[first], ctx->bend[last] - ctx->bstart[first]);
}

static gboolean
tok_is_any (Ctx               *ctx,
            guint              i,
            const char * const words[])
{
  for (guint k = 0; words[k] != NULL; k++)
    if (tok_is (ctx, i, words[k]))
      return TRUE;
  return FALSE;
}

/* Before a place, not before a person: "officials in Baku", "fled into
 * Laos" ("to" and "from" also take people: "told to Kim", "a letter from
 * Kim"). */
static const char * const locatives[] = {
  "in", "near", "outside", "inside", "across", "into", "via", "throughout", "around", NULL
};

/* A name that opens with one of these is a place: "North Korea", "South
 * Sudan" (an adjective, "North Korean", is never a whole subject). */
static const char * const compass[] = {
  "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
  NULL
};

/* Reads the article once for what it says of its names: the places
 * (datelines, names after a locative), the words of people's names (two
 * words or more, or after a title) and the names after "at" (an employer:
 * "an analyst at Kestrel"). */
static void
name_facts (Ctx *ctx)
{
  if (ctx->places != NULL)
    return;
  ctx->places = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ctx->people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ctx->orgs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < ctx->n && !check_cancel (ctx, i); i++)
    {
      guint    first = i, e = i;
      gboolean org = FALSE, titled;

      /* "SEOUL, Nov. 21 —", "THE HAGUE —": a paragraph's all-caps opening */
      if (tok_is_word (ctx, i) && tok_is_all_caps (ctx, i) &&
          (i == 0 || (ctx->tok[i - 1].flags & GLOSS_TOKEN_NEWLINE_AFTER) != 0))
        {
          while (e + 1 < ctx->n && tok_is_word (ctx, e + 1) && tok_is_all_caps (ctx, e + 1))
            e++;
          if (tok_is_char (ctx, e + 1, ',') || tok_is_char (ctx, e + 1, 0x2014) ||
              tok_is_char (ctx, e + 1, 0x2013))
            g_hash_table_add (ctx->places, phrase_key (ctx, i, e));
          i = e;
          continue;
        }
      if (!tok_is_name_word (ctx, i))
        continue;
      /* the whole name, particles and all */
      for (;;)
        {
          if (tok_is_name_word (ctx, e + 1))
            e++;
          else if (is_connector (ctx, e + 1) && tok_is_name_word (ctx, e + 2))
            e += 2;
          else if (is_connector (ctx, e + 1) && is_connector (ctx, e + 2) &&
                   tok_is_name_word (ctx, e + 3))
            e += 3;
          else
            break;
        }
      i = e;
      if (tok_is_clitic_s (ctx, e + 1))
        continue; /* "in Kim's office" */
      if (first > 0 && tok_is_any (ctx, first - 1, locatives))
        {
          g_hash_table_add (ctx->places, phrase_key (ctx, first, e));
          continue;
        }
      if (first == e && first > 0 && tok_is (ctx, first - 1, "at"))
        {
          g_hash_table_add (ctx->orgs, phrase_key (ctx, first, e));
          continue;
        }
      /* "Senator Ruth Okafor", "Dr Oyelaran", "defector Park": a title
       * makes a person */
      titled = first > 0 && tok_has (ctx, first - 1, W_TITLE);
      while (first < e && tok_has (ctx, first, W_TITLE))
        {
          first++;
          titled = TRUE;
        }
      if (titled)
        {
          g_hash_table_add (ctx->people, phrase_key (ctx, first, first));
          g_hash_table_add (ctx->people, phrase_key (ctx, e, e));
          continue;
        }
      if (first == e || tok_is_any (ctx, first, compass))
        continue;
      for (guint k = first; k <= e; k++)
        org |= tok_has (ctx, k, W_ORG_WORD) || tok_is_all_caps (ctx, k);
      if (org)
        continue;
      /* "Kim Song-il" ... "Kim said"; "Yusuf el-Khatib" ... "el-Khatib" */
      g_hash_table_add (ctx->people, phrase_key (ctx, first, first));
      g_hash_table_add (ctx->people, phrase_key (ctx, e, e));
    }
}

/* PERSON, ORG or GPE for a name that is a source. */
static const char *
name_label (Ctx          *ctx,
            const Phrase *p)
{
  g_autofree char *key = NULL;

  for (guint i = p->first; i <= p->last; i++)
    if (tok_has (ctx, i, W_ORG_WORD) || tok_is_all_caps (ctx, i))
      return ctx->l_org;
  if (ctx->l_gpe == NULL)
    return ctx->l_person;

  name_facts (ctx);
  key = phrase_key (ctx, p->first, p->last);
  if (g_hash_table_contains (ctx->places, key))
    return ctx->l_gpe;
  if (p->first < p->last)
    return tok_is_any (ctx, p->first, compass) ? ctx->l_gpe : ctx->l_person;
  /* One word: a person's is given whole first, or with a title; a lone
   * one that speaks is a government by its seat ("Pyongyang said"), or
   * an employer. */
  if (g_hash_table_contains (ctx->people, key))
    return ctx->l_person;
  if (g_hash_table_contains (ctx->orgs, key) && ctx->l_org != NULL)
    return ctx->l_org;
  return ctx->l_gpe;
}

/* The frame's reference to the source @p: an existing annotation's UUID,
 * a new suggestion's id, a pronoun's antecedent; NULL if none. Sets
 * @named when the source is a name or an existing annotation. */
static const char *
source_ref (Ctx          *ctx,
            const Phrase *p,
            gboolean     *named)
{
  GlossAnnotation *existing;
  GlossSuggestion *s;
  const char      *label;
  guint            start, end;

  *named = FALSE;
  if (p->kind == SRC_NONE)
    return NULL;
  if (p->kind == SRC_PRONOUN)
    return resolve_pronoun (ctx, p->first);

  start = ctx->tok[p->first].start;
  end = ctx->tok[p->last].end;
  /* An annotation over the head ("Kim" of "Kim Min-jun", not the "Kim" of
   * "Kim's spokesman"). */
  existing = find_existing (ctx, ctx->tok[p->last].start, end, NULL);
  if (existing != NULL)
    {
      *named = TRUE;
      return gloss_annotation_get_uuid (existing);
    }
  label = p->kind == SRC_NAME ? name_label (ctx, p) : ctx->l_source;
  if (label == NULL)
    return NULL;
  *named = p->kind == SRC_NAME;
  s = add_span (ctx, label, p->first, p->last, p->kind == SRC_NAME ? 0.7 : 0.75);
  add_mention (ctx, start, end, label, gloss_suggestion_get_id (s),
               p->kind == SRC_UNNAMED && tok_has (ctx, p->last, W_PERSON_NOUN));
  return gloss_suggestion_get_id (s);
}

static const char *
cue_ref (Ctx  *ctx,
         guint first,
         guint last)
{
  GlossAnnotation *existing;
  GlossSuggestion *s;

  existing = find_existing (ctx, ctx->tok[first].start, ctx->tok[last].end, "CUE");
  if (existing != NULL)
    return gloss_annotation_get_uuid (existing);
  if (ctx->l_cue == NULL)
    return NULL;
  s = add_span (ctx, ctx->l_cue, first, last, 0.85);
  return gloss_suggestion_get_id (s);
}

/* Content tokens [@first, @last] as a fragment, without the punctuation at
 * its ends; FALSE when nothing is left. */
static gboolean
content_fragment (Ctx           *ctx,
                  guint          first,
                  guint          last,
                  GlossFragment *out)
{
  while (first <= last && tok_kind (ctx, first) == GLOSS_TOKEN_PUNCT &&
         quote_mark (ctx, first) == MARK_NONE)
    first++;
  while (last >= first && last < ctx->n)
    {
      Mark mark = quote_mark (ctx, last);

      if (mark != MARK_NONE)
        {
          /* A closing mark stays when its quote opens inside the content. */
          gint q = ctx->quote_at_close[last];

          if (q >= 0 && g_array_index (ctx->quotes, Quote, q).open >= first)
            break;
        }
      else if (!(tok_is_char (ctx, last, ',') || tok_is_char (ctx, last, ';') ||
                 tok_is_char (ctx, last, ':') || tok_is_sentence_punct (ctx, last) ||
                 tok_is_char (ctx, last, 0x2014) || tok_is_char (ctx, last, 0x2013)))
        break;
      if (last == 0)
        return FALSE;
      last--;
    }
  if (first > last || last >= ctx->n)
    return FALSE;
  while (first <= last && quote_mark (ctx, first) != MARK_NONE &&
         ctx->quote_at_open[first] < 0)
    first++;
  if (first > last)
    return FALSE;
  out->start = ctx->tok[first].start;
  out->end = ctx->tok[last].end;
  return out->start < out->end;
}

/* A quote's fragments, each without a final comma ("“X,” he said"). */
static guint
quote_fragments (Ctx           *ctx,
                 const Quote   *q,
                 GlossFragment *out,
                 guint          room)
{
  guint n = 0;

  for (guint k = 0; k < q->n_segs && n < room; k++)
    {
      const GlossFragment *seg = &g_array_index (ctx->segments, GlossFragment,
                                                 q->first_seg + k);
      guint                first = seg->start, last = seg->end;

      while (last > first && (tok_is_char (ctx, last, ',') || tok_is_char (ctx, last, ':')))
        last--;
      if (tok_is_char (ctx, last, ','))
        continue;
      out[n].start = ctx->tok[first].start;
      out[n].end = ctx->tok[last].end;
      n++;
    }
  return n;
}

typedef struct
{
  GlossFragment fragments[16];
  guint         n_fragments;
  guint         cue_first;
  guint         cue_last;
  Phrase        source;
  double        score;
} Frame;

static void
emit_frame (Ctx           *ctx,
            const CueWord *cue,
            Frame         *f)
{
  const char      *source, *cue_id;
  gboolean         named = FALSE;
  GlossSuggestion *claim;
  double           score = f->score;

  if (f->n_fragments == 0)
    return;
  if (f->source.kind != SRC_NONE)
    {
      ctx->last_source = f->source;
      ctx->last_source_sentence = ctx->sent_first[f->cue_first];
    }
  source = source_ref (ctx, &f->source, &named);
  cue_id = cue_ref (ctx, f->cue_first, f->cue_last);
  if (ctx->l_claim == NULL)
    return;
  if (named)
    score += 0.05;
  if (source == NULL)
    score -= 0.15;
  claim = add_suggestion (ctx, ctx->l_claim, f->fragments, f->n_fragments, score);
  if (gloss_suggestion_get_source (claim) != NULL || gloss_suggestion_get_cue (claim) != NULL)
    return; /* the same content, proposed already with another cue */
  gloss_suggestion_set_source (claim, source);
  gloss_suggestion_set_cue (claim, cue_id);
  if (ctx->certainty != NULL && cue->certainty != NULL)
    {
      g_autoptr(GVariant) value = g_variant_ref_sink (g_variant_new_string (cue->certainty));

      if (gloss_attr_def_check_value (ctx->certainty, value, NULL))
        gloss_suggestion_set_attribute (claim, "certainty", value);
    }
}

static void
frame_add_quote (Ctx   *ctx,
                 Frame *f,
                 gint   qi)
{
  Quote *q = &g_array_index (ctx->quotes, Quote, qi);

  f->n_fragments += quote_fragments (ctx, q, f->fragments + f->n_fragments,
                                     G_N_ELEMENTS (f->fragments) - f->n_fragments);
  q->used = TRUE;
}

/* Skips auxiliaries and adverbs left of a cue ("has also said"). */
static guint
skip_aux_left (Ctx  *ctx,
               guint i,
               guint lo)
{
  while (i > lo && tok_has (ctx, i - 1, W_AUX) && !tok_is_cap (ctx, i - 1))
    i--;
  return i;
}

/* The subject left of the cue that starts at @c: "X said", "X, a former
 * diplomat, said". @lo bounds it. */
static gboolean
subject_left (Ctx    *ctx,
              guint   c,
              guint   lo,
              Phrase *out)
{
  guint i = skip_aux_left (ctx, c, lo);

  if (i <= lo)
    return FALSE;
  if (tok_is_char (ctx, i - 1, ','))
    {
      /* An apposition. "The director, Ingrid Holm, said": the name
       * between the commas; "Kim, a former diplomat, said": the subject
       * before them. A number ("Kim, 46, said") is skipped. */
      guint end = i - 1;

      if (end > lo + 1 && tok_kind (ctx, end - 1) == GLOSS_TOKEN_NUMBER &&
          tok_is_char (ctx, end - 2, ','))
        end -= 2;
      for (guint k = end; k > lo && k + 24 > end; k--)
        if (tok_is_char (ctx, k - 1, ','))
          {
            Phrase inner;

            if (end > k && phrase_left (ctx, end - 1, k, &inner) && inner.kind == SRC_NAME &&
                inner.first == k)
              {
                *out = inner;
                return TRUE;
              }
            return k - 1 > lo && phrase_left (ctx, k - 2, lo, out) && out->kind != SRC_PRONOUN;
          }
      return FALSE;
    }
  /* "A defector who worked for the bureau said": the noun before "who". */
  for (guint k = i - 1; k > lo + 1 && k + 14 > i; k--)
    {
      if (tok_is_char (ctx, k, ',') || tok_kind (ctx, k) != GLOSS_TOKEN_WORD)
        break;
      if (tok_is (ctx, k, "who") || tok_is (ctx, k, "which"))
        {
          if (phrase_left (ctx, k - 1, lo, out) && out->kind != SRC_PRONOUN)
            return TRUE;
          break;
        }
    }
  return phrase_left (ctx, i - 1, lo, out);
}

/* The opening mark of an unused quote at @i, skipping a ":" or ",". */
static gint
quote_opening_at (Ctx  *ctx,
                  guint i)
{
  if (i < ctx->n && (tok_is_char (ctx, i, ':') || tok_is_char (ctx, i, ',')))
    i++;
  if (i < ctx->n && ctx->quote_at_open[i] >= 0 &&
      !g_array_index (ctx->quotes, Quote, ctx->quote_at_open[i]).used)
    return ctx->quote_at_open[i];
  return -1;
}

/* After an attribution that ends at @end: ", “Y”" goes on with the quote. */
static void
frame_continuation (Ctx   *ctx,
                    Frame *f,
                    guint  end)
{
  gint q2;

  if (!tok_is_char (ctx, end + 1, ','))
    return;
  q2 = quote_opening_at (ctx, end + 2);
  if (q2 >= 0)
    frame_add_quote (ctx, f, q2);
}

/* The last token of a reported clause from @from to @last: before ", and
 * added", "but said", "and Kim told", which start a claim of their own. */
static guint
clause_last (Ctx  *ctx,
             guint from,
             guint last)
{
  for (guint k = from + 1; k < last; k++)
    if ((tok_is (ctx, k, "and") || tok_is (ctx, k, "but")) && !ctx->in_quote[k])
      {
        guint v = k + 1;

        /* a new subject: a pronoun or a name of a few words */
        if (tok_has (ctx, v, W_PRON_PERSON | W_PRON_ORG | W_PRON_ANY))
          v++;
        else
          while (v < last && v < k + 5 && tok_is_name_word (ctx, v))
            v++;
        while (v < last && tok_has (ctx, v, W_AUX))
          v++;
        if (tok_has (ctx, v, W_CUE) && ctx->info[v]->cue != NULL &&
            (ctx->info[v]->cue->flags & CUE_NOUNISH) == 0)
          return k - 1;
      }
  return last;
}

/* "“X,” he said. “Y.”": the quote after the attribution's sentence, in the
 * same paragraph and with no cue of its own, is the same speaker's. */
static void
follow_on (Ctx           *ctx,
           const CueWord *cue,
           const Frame   *f,
           guint          attribution_end)
{
  guint        end = ctx->sent_last[attribution_end];
  Frame        g = { 0 };
  const Quote *q;
  gint         qi;

  if (end + 1 >= ctx->n || (ctx->tok[end].flags & GLOSS_TOKEN_NEWLINE_AFTER) != 0 ||
      !tok_is_sentence_punct (ctx, end))
    return;
  qi = ctx->quote_at_open[end + 1];
  if (qi < 0)
    return;
  q = &g_array_index (ctx->quotes, Quote, qi);
  if (q->used)
    return;
  for (guint k = q->close + 1; k < ctx->n && k <= q->close + 4; k++)
    if (tok_has (ctx, k, W_CUE) || tok_is_sentence_punct (ctx, k))
      {
        if (tok_has (ctx, k, W_CUE))
          return;
        break;
      }
  g.source = f->source;
  g.cue_first = f->cue_first;
  g.cue_last = f->cue_last;
  g.score = 0.7;
  frame_add_quote (ctx, &g, qi);
  emit_frame (ctx, cue, &g);
}

/* "“X,” he said", "“X,” said Kim", "“X,” he said, “Y”". */
static gboolean
try_quote_before (Ctx           *ctx,
                  const CueWord *cue,
                  Frame         *f)
{
  guint c = f->cue_first;
  guint lo = c > 10 ? c - 10 : 0;
  gint  qi = -1;
  guint close = 0, attribution_end = f->cue_last;

  for (guint j = c; j > lo; j--)
    {
      guint k = j - 1;

      if (ctx->quote_at_close[k] >= 0)
        {
          qi = ctx->quote_at_close[k];
          close = k;
          break;
        }
      if (ctx->in_quote[k] || tok_is_sentence_punct (ctx, k))
        return FALSE;
    }
  /* "“X.” Kim said: ..." — a quote that ends its sentence is not the one
   * reported after it. */
  if (qi < 0 || g_array_index (ctx->quotes, Quote, qi).used || tok_is_char (ctx, close - 1, '.'))
    return FALSE;

  if (close + 1 == c || (close + 2 == c && tok_is_char (ctx, close + 1, ',')))
    {
      /* Inverted: the source follows the cue. */
      guint hi = MIN (ctx->sent_last[f->cue_last], f->cue_last + 16);

      if (phrase_right (ctx, f->cue_last + 1, hi, &f->source))
        attribution_end = f->source.last;
      f->score = 0.85;
    }
  else
    {
      if (!subject_left (ctx, c, close + 1, &f->source))
        return FALSE;
      f->score = 0.85;
    }
  frame_add_quote (ctx, f, qi);
  frame_continuation (ctx, f, attribution_end);
  emit_frame (ctx, cue, f);
  follow_on (ctx, cue, f, attribution_end);
  return TRUE;
}

/* The token of "that" (or ":") that opens the reported clause after the
 * cue, within a few tokens of it, or -1. */
static gint
clause_opener (Ctx  *ctx,
               guint after,
               guint sent_last)
{
  for (guint k = after; k <= sent_last && k < after + 8; k++)
    {
      if (tok_is (ctx, k, "that") || tok_is_char (ctx, k, ':'))
        return k;
      if (tok_kind (ctx, k) != GLOSS_TOKEN_WORD && tok_kind (ctx, k) != GLOSS_TOKEN_NUMBER &&
          !tok_is_char (ctx, k, ','))
        return -1;
    }
  return -1;
}

/* "X said: “...”", "X told the agency, “...”". */
static gboolean
try_quote_after (Ctx           *ctx,
                 const CueWord *cue,
                 Frame         *f)
{
  guint c = f->cue_first, after = f->cue_last + 1;
  gint  qi = -1;

  for (guint k = after; k < ctx->n && k < after + 6; k++)
    {
      qi = quote_opening_at (ctx, k);
      if (qi >= 0)
        {
          /* Words between ("told the agency", "said in a statement") need a
           * colon or comma before the quote: "said the “unit” was" is no
           * quote of the speaker. */
          if (k > after && !tok_is_char (ctx, k, ':') && !tok_is_char (ctx, k, ','))
            return FALSE;
          break;
        }
      if (tok_kind (ctx, k) != GLOSS_TOKEN_WORD)
        return FALSE;
    }
  if (qi < 0)
    return FALSE;
  if (!subject_left (ctx, c, sentence_first (ctx, c), &f->source))
    f->source.kind = SRC_NONE;
  f->score = 0.85;
  frame_add_quote (ctx, f, qi);
  emit_frame (ctx, cue, f);
  return TRUE;
}

/* "According to X, ..." and "..., according to X." */
static gboolean
try_according (Ctx           *ctx,
               const CueWord *cue,
               Frame         *f)
{
  guint c = f->cue_first, first = sentence_first (ctx, c), last = ctx->sent_last[c];
  guint np_end;

  if (!phrase_right (ctx, f->cue_last + 1, last, &f->source))
    {
      /* "according to documents seen by the newspaper": any words up to
       * the comma or the end of the sentence. */
      guint e = f->cue_last + 1;

      while (e <= last && e < f->cue_last + 10 && tok_is_word (ctx, e))
        e++;
      if (e == f->cue_last + 1 || e > last ||
          !(tok_is_char (ctx, e, ',') || tok_is_sentence_punct (ctx, e)))
        return FALSE;
      f->source = (Phrase) { f->cue_last + 1, e - 1, SRC_UNNAMED };
    }
  np_end = f->source.last;
  f->score = 0.8;
  if (c == first ||
      (tok_kind (ctx, c - 1) == GLOSS_TOKEN_PUNCT && !tok_is_char (ctx, c - 1, ',') &&
       quote_mark (ctx, c - 1) == MARK_NONE) ||
      (c == first + 1 && tok_kind (ctx, first) == GLOSS_TOKEN_WORD))
    {
      /* "According to X, CONTENT." */
      if (!tok_is_char (ctx, np_end + 1, ','))
        return FALSE;
      if (!content_fragment (ctx, np_end + 2, last, &f->fragments[0]))
        return FALSE;
    }
  else if (c > first && tok_is_char (ctx, c - 1, ','))
    {
      /* "CONTENT, according to X." */
      if (!content_fragment (ctx, first, c - 2, &f->fragments[0]))
        return FALSE;
    }
  else
    return FALSE;
  f->n_fragments = 1;
  emit_frame (ctx, cue, f);
  return TRUE;
}

/* Only adverbials ("on Wednesday", "in a statement") between @from and the
 * sentence's final punctuation. */
static gboolean
ends_sentence (Ctx  *ctx,
               guint from,
               guint sent_last)
{
  for (guint k = from; k <= sent_last; k++)
    {
      if (tok_is_sentence_punct (ctx, k) || quote_mark (ctx, k) != MARK_NONE)
        return TRUE;
      if (k >= from + 6 || tok_kind (ctx, k) != GLOSS_TOKEN_WORD ||
          tok_has (ctx, k, W_CUE) || tok_is (ctx, k, "that"))
        return FALSE;
      /* An adverbial starts with a preposition or a time word, not with
       * an object ("denies the charges"). */
      if (k == from &&
          !tok_has (ctx, k, W_CLAUSE_STOP | W_WEEKDAY | W_DATE_WORD | W_DATE_REL | W_EARLIER |
                            W_AUX))
        return FALSE;
    }
  return TRUE;
}

/* After a cue that takes an object ("told reporters", "told the
 * agency"): the token after a short one, or @after. */
static guint
object_end (Ctx  *ctx,
            guint after)
{
  guint j = after, n = 0;

  if (tok_has (ctx, j, W_NOUN_DET))
    j++;
  while (n < 3 && np_word (ctx, j) && !tok_has (ctx, j, W_CLAUSE_STOP))
    {
      j++;
      n++;
    }
  return n > 0 ? j : after;
}

/* "X said that ...", "X told the agency that ...", "X said ...",
 * "..., X said.", "..., said X." */
static gboolean
try_reported (Ctx           *ctx,
              const CueWord *cue,
              Frame         *f)
{
  guint    c = f->cue_first, first = sentence_first (ctx, c), last = ctx->sent_last[c];
  guint    after = f->cue_last + 1;
  gboolean have_subject;
  gint     opener;
  guint    np_first;

  have_subject = subject_left (ctx, c, first, &f->source);
  if (!have_subject)
    {
      guint i = skip_aux_left (ctx, c, first);

      f->source.kind = SRC_NONE;
      /* "He said ... and added that ...": the same source. */
      if (i > first && (tok_is (ctx, i - 1, "and") || tok_is (ctx, i - 1, "but")) &&
          ctx->last_source.kind != SRC_NONE && ctx->last_source_sentence == ctx->sent_first[c])
        {
          f->source = ctx->last_source;
          opener = clause_opener (ctx, after, last);
          if (opener >= 0 &&
              content_fragment (ctx, opener + 1, clause_last (ctx, opener + 1, last),
                                &f->fragments[0]))
            f->score = 0.65;
          else if ((cue->flags & (CUE_NEEDS | CUE_OBJECT | CUE_NOUNISH)) == 0 &&
                   tok_is_word (ctx, after) && !tok_has (ctx, after, W_CLAUSE_STOP | W_CUE) &&
                   content_fragment (ctx, after, clause_last (ctx, after, last),
                                     &f->fragments[0]))
            f->score = 0.55;
          else
            return FALSE;
          f->n_fragments = 1;
          emit_frame (ctx, cue, f);
          return TRUE;
        }
    }

  if (have_subject)
    {
      gboolean bare = (cue->flags & (CUE_NEEDS | CUE_OBJECT | CUE_NOUNISH)) == 0 ||
                      ((cue->flags & (CUE_OBJECT | CUE_NOUNISH)) == 0 &&
                       g_str_equal (cue->certainty, "hedged") &&
                       tok_has (ctx, after, W_NOUN_DET | W_PRON_PERSON | W_PRON_ORG | W_PRON_ANY));

      opener = clause_opener (ctx, after, last);
      if (opener >= 0 &&
          content_fragment (ctx, opener + 1, clause_last (ctx, opener + 1, last),
                            &f->fragments[0]))
        {
          f->n_fragments = 1;
          f->score = 0.7;
          emit_frame (ctx, cue, f);
          return TRUE;
        }

      /* "X, he said, Y." */
      if (f->source.first > first + 1 && tok_is_char (ctx, f->source.first - 1, ',') &&
          tok_is_char (ctx, after, ',') && after + 1 < last &&
          content_fragment (ctx, first, f->source.first - 2, &f->fragments[0]) &&
          content_fragment (ctx, after + 1, last, &f->fragments[1]))
        {
          f->n_fragments = 2;
          f->score = 0.65;
          emit_frame (ctx, cue, f);
          return TRUE;
        }

      /* "CONTENT, a source said.", "CONTENT, the Security Agency said." */
      np_first = f->source.first;
      if (f->source.kind == SRC_NAME && np_first > first && tok_has (ctx, np_first - 1, W_DET))
        np_first--;
      if (np_first > first && tok_is_char (ctx, np_first - 1, ',') &&
          (ends_sentence (ctx, after, last) ||
           ((cue->flags & CUE_OBJECT) && ends_sentence (ctx, object_end (ctx, after), last))))
        {
          if (content_fragment (ctx, first, np_first - 2, &f->fragments[0]))
            {
              f->n_fragments = 1;
              f->score = 0.65;
              emit_frame (ctx, cue, f);
              return TRUE;
            }
          return FALSE;
        }

      /* "He said the unit stole ...": a bare clause after a verb of
       * saying, or after "believes" when a noun phrase follows. */
      if (bare && after + 2 <= last &&
          (tok_is_word (ctx, after) || tok_kind (ctx, after) == GLOSS_TOKEN_NUMBER) &&
          !tok_has (ctx, after, W_CLAUSE_STOP | W_CUE) &&
          (f->source.first == first || !tok_has (ctx, f->source.first - 1, W_SUBORDINATOR)))
        {
          if (content_fragment (ctx, after, clause_last (ctx, after, last), &f->fragments[0]) &&
              f->fragments[0].start >= ctx->tok[after].start)
            {
              f->n_fragments = 1;
              f->score = 0.55;
              emit_frame (ctx, cue, f);
              return TRUE;
            }
        }
      return FALSE;
    }

  /* "CONTENT, said X." */
  if (c > first + 1 && tok_is_char (ctx, c - 1, ',') && (cue->flags & CUE_NOUNISH) == 0)
    {
      Phrase p;

      if (phrase_right (ctx, after, last, &p) && ends_sentence (ctx, p.last + 1, last) &&
          content_fragment (ctx, first, c - 2, &f->fragments[0]))
        {
          f->source = p;
          f->n_fragments = 1;
          f->score = 0.65;
          emit_frame (ctx, cue, f);
          return TRUE;
        }
    }
  return FALSE;
}

static void
find_frames (Ctx *ctx)
{
  for (guint i = 0; i < ctx->n && !check_cancel (ctx, i); i++)
    {
      const CueWord *cue;
      Frame          f = { 0 };

      if (ctx->info[i] == NULL || ctx->info[i]->cue == NULL || ctx->in_quote[i])
        continue;
      cue = ctx->info[i]->cue;
      ctx->phrase_budget = 64;
      f.cue_first = f.cue_last = i;
      if (cue->flags & CUE_ACCORDING)
        {
          if (!tok_is (ctx, i + 1, "to"))
            continue;
          f.cue_last = i + 1;
          try_according (ctx, cue, &f);
          i++;
          continue;
        }
      /* "declined to confirm", "did not deny", "the alleged hackers". */
      if (i > 0 && tok_has (ctx, i - 1, W_NEG))
        continue;
      if ((cue->flags & CUE_NOUNISH) && i > 0 && tok_has (ctx, i - 1, W_NOUN_DET))
        continue;
      if (try_quote_before (ctx, cue, &f))
        continue;
      memset (&f, 0, sizeof f);
      f.cue_first = f.cue_last = i;
      if (try_quote_after (ctx, cue, &f))
        continue;
      memset (&f, 0, sizeof f);
      f.cue_first = f.cue_last = i;
      try_reported (ctx, cue, &f);
    }
}

/* ---- pass 4: entities by pattern */

static gboolean
is_year (Ctx  *ctx,
         guint i)
{
  gint64 v = tok_int (ctx, i);

  return v >= 1900 && v <= 2099 && ctx->bend[i] - ctx->bstart[i] == 4;
}

static gboolean
is_day (Ctx  *ctx,
        guint i)
{
  gint64 v = tok_int (ctx, i);

  return v >= 1 && v <= 31;
}

/* A plain number: digits (no %) or a number word. */
static gboolean
is_number (Ctx  *ctx,
           guint i)
{
  if (i >= ctx->n)
    return FALSE;
  if (tok_kind (ctx, i) == GLOSS_TOKEN_NUMBER)
    return ctx->text[ctx->bend[i] - 1] != '%';
  return tok_has (ctx, i, W_NUMBER_WORD) && !tok_is_cap (ctx, i);
}

static gboolean
is_currency_symbol (Ctx  *ctx,
                    guint i)
{
  gunichar c;

  if (i >= ctx->n || ctx->tok[i].end - ctx->tok[i].start != 1)
    return FALSE;
  c = tok_char (ctx, i);
  return c == '$' || c == 0x20AC || c == 0x00A3 || c == 0x00A5 || c == 0x20A9;
}

/* A plural noun after a number: a unit, or a lowercase word ending in s. */
static gboolean
is_counted (Ctx      *ctx,
            guint     i,
            gboolean *weak)
{
  const char *p;
  guint       len;

  *weak = FALSE;
  if (!tok_is_word (ctx, i) || tok_is_cap (ctx, i))
    return FALSE;
  if (tok_has (ctx, i, W_UNIT))
    return TRUE;
  if (tok_has (ctx, i, W_PLURAL_STOP | W_CLAUSE_STOP | W_CURRENCY | W_DATE_UNIT))
    return FALSE;
  p = ctx->text + ctx->bstart[i];
  len = ctx->bend[i] - ctx->bstart[i];
  if (len >= 4 && p[len - 1] == 's' && p[len - 2] != 's' && p[len - 2] != '\'')
    {
      *weak = TRUE;
      return TRUE;
    }
  return FALSE;
}

/* Matches an entity at token @i: sets its label, last token and score. */
static gboolean
match_entity (Ctx         *ctx,
              guint        i,
              const char **label,
              guint       *last,
              double      *score)
{
  guint j;

  /* MONEY: "$4.5 million", "€450,000" */
  if (is_currency_symbol (ctx, i) && is_number (ctx, i + 1))
    {
      j = i + 1;
      if (tok_has (ctx, j + 1, W_SCALE))
        j++;
      *label = ctx->l_money;
      *last = j;
      *score = 0.9;
      return TRUE;
    }

  if (is_number (ctx, i))
    {
      gboolean weak;

      /* DATE: "20 November 2024" */
      if (is_day (ctx, i) && tok_has (ctx, i + 1, W_MONTH) && tok_is_cap (ctx, i + 1))
        {
          j = i + 1;
          if (is_year (ctx, j + 1))
            j++;
          *label = ctx->l_date;
          *last = j;
          *score = 0.85;
          return TRUE;
        }
      j = i;
      if (tok_has (ctx, j + 1, W_SCALE))
        j++;
      /* MONEY: "300 million dollars", "2 billion won", "5 million US dollars" */
      if (tok_has (ctx, j + 1, W_CURRENCY) ||
          ((tok_is (ctx, j + 1, "US") || tok_is (ctx, j + 1, "U.S.")) &&
           tok_has (ctx, j + 2, W_CURRENCY)))
        {
          *label = ctx->l_money;
          *last = tok_has (ctx, j + 1, W_CURRENCY) ? j + 1 : j + 2;
          *score = 0.9;
          return TRUE;
        }
      /* PERCENT: "12 percent", "12 per cent", "12 %" */
      if (tok_is (ctx, j + 1, "percent") || tok_is_char (ctx, j + 1, '%') ||
          (tok_is (ctx, j + 1, "per") && tok_is (ctx, j + 2, "cent")))
        {
          *label = ctx->l_percent != NULL ? ctx->l_percent : ctx->l_quantity;
          *last = tok_is (ctx, j + 1, "per") ? j + 2 : j + 1;
          *score = 0.9;
          return TRUE;
        }
      /* DATE: "six years ago" */
      if (tok_has (ctx, j + 1, W_DATE_UNIT) && tok_has (ctx, j + 2, W_AGO))
        {
          *label = ctx->l_date;
          *last = j + 2;
          *score = 0.8;
          return TRUE;
        }
      /* QUANTITY: "40 km", "1,200 people", "six years" */
      if (is_counted (ctx, j + 1, &weak) ||
          (tok_has (ctx, j + 1, W_DATE_UNIT) && !tok_has (ctx, j + 1, W_PLURAL_STOP) &&
           ctx->text[ctx->bend[j + 1] - 1] == 's'))
        {
          *label = ctx->l_quantity;
          *last = j + 1;
          *score = weak ? 0.5 : 0.75;
          return TRUE;
        }
      /* DATE: a year alone */
      if (j == i && is_year (ctx, i))
        {
          *label = ctx->l_date;
          *last = i;
          *score = 0.6;
          return TRUE;
        }
      return FALSE;
    }

  /* PERCENT: "40%" */
  if (tok_kind (ctx, i) == GLOSS_TOKEN_NUMBER)
    {
      *label = ctx->l_percent != NULL ? ctx->l_percent : ctx->l_quantity;
      *last = i;
      *score = 0.9;
      return TRUE;
    }

  if (!tok_is_word (ctx, i))
    return FALSE;

  /* DATE: "Nov. 20", "Nov. 20, 2024", "June 2024", "in May" */
  if (tok_has (ctx, i, W_MONTH) && tok_is_cap (ctx, i))
    {
      j = i;
      if (is_day (ctx, i + 1))
        {
          j = i + 1;
          if (tok_is_char (ctx, j + 1, ',') && is_year (ctx, j + 2))
            j += 2;
          else if (is_year (ctx, j + 1))
            j++;
        }
      else if (is_year (ctx, i + 1))
        j = i + 1;
      else if (!(i > 0 && (tok_is (ctx, i - 1, "in") || tok_is (ctx, i - 1, "since") ||
                           tok_is (ctx, i - 1, "until") || tok_is (ctx, i - 1, "by") ||
                           tok_is (ctx, i - 1, "from") || tok_is (ctx, i - 1, "early") ||
                           tok_is (ctx, i - 1, "late") || tok_is (ctx, i - 1, "mid"))))
        return FALSE; /* "May" alone is a verb as often as a month */
      *label = ctx->l_date;
      *last = j;
      *score = 0.85;
      return TRUE;
    }
  /* DATE: "Wednesday" */
  if (tok_has (ctx, i, W_WEEKDAY) && tok_is_cap (ctx, i))
    {
      *label = ctx->l_date;
      *last = i;
      *score = 0.85;
      return TRUE;
    }
  /* DATE: "yesterday" */
  if (tok_has (ctx, i, W_DATE_WORD))
    {
      *label = ctx->l_date;
      *last = i;
      *score = 0.7;
      return TRUE;
    }
  /* DATE: "last year", "earlier this month", "next Tuesday" */
  j = i;
  if (tok_has (ctx, j, W_EARLIER) && tok_is (ctx, j + 1, "this"))
    j++;
  if (tok_has (ctx, j, W_DATE_REL) &&
      (tok_has (ctx, j + 1, W_DATE_UNIT) ||
       (tok_has (ctx, j + 1, W_WEEKDAY | W_MONTH) && tok_is_cap (ctx, j + 1))))
    {
      *label = ctx->l_date;
      *last = j + 1;
      *score = 0.8;
      return TRUE;
    }
  /* DATE: "the 1990s" */
  if (ctx->bend[i] - ctx->bstart[i] == 5 && g_ascii_isdigit (ctx->text[ctx->bstart[i]]))
    {
      const char *p = ctx->text + ctx->bstart[i];

      if ((p[0] == '1' || p[0] == '2') && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]) &&
          p[3] == '0' && p[4] == 's')
        {
          *label = ctx->l_date;
          *last = i;
          *score = 0.8;
          return TRUE;
        }
    }
  return FALSE;
}

static void
find_entities (Ctx *ctx)
{
  if (ctx->l_date == NULL && ctx->l_money == NULL && ctx->l_quantity == NULL &&
      ctx->l_percent == NULL)
    return;
  for (guint i = 0; i < ctx->n && !check_cancel (ctx, i); i++)
    {
      const char *label = NULL;
      guint       last = i;
      double      score = 0;
      guint       kind = tok_kind (ctx, i);

      if (kind == GLOSS_TOKEN_PUNCT)
        continue;
      if (kind == GLOSS_TOKEN_WORD && ctx->info[i] == NULL &&
          !g_ascii_isdigit (ctx->text[ctx->bstart[i]]))
        continue;
      if (!match_entity (ctx, i, &label, &last, &score))
        continue;
      if (label != NULL)
        add_span (ctx, label, i, last, score);
      i = last;
    }
}

/* ---- the interface */

static const char *
gloss_rules_suggester_get_name (GlossSuggester *suggester)
{
  return SUGGESTER_NAME;
}

static const char * const proposed_labels[] = {
  "PERSON",
  "ORG",
  "GPE",
  "DATE",
  "MONEY",
  "QUANTITY",
  "PERCENT",
  "SOURCE",
  "CLAIM",
  "CUE",
};

static char **
gloss_rules_suggester_dup_labels (GlossSuggester *suggester,
                                  GlossSchema    *schema)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < G_N_ELEMENTS (proposed_labels); i++)
    if (schema_label (schema, proposed_labels[i]) != NULL)
      g_strv_builder_add (builder, proposed_labels[i]);
  return g_strv_builder_end (builder);
}

static void
ctx_clear (Ctx *ctx)
{
  g_free (ctx->bstart);
  g_free (ctx->bend);
  g_free (ctx->info);
  g_free (ctx->sent_first);
  g_free (ctx->sent_last);
  g_free (ctx->quote_at_open);
  g_free (ctx->quote_at_close);
  g_free (ctx->in_quote);
  g_clear_pointer (&ctx->quotes, g_array_unref);
  g_clear_pointer (&ctx->segments, g_array_unref);
  g_clear_pointer (&ctx->mentions, g_array_unref);
  g_clear_pointer (&ctx->by_id, g_hash_table_unref);
  g_clear_pointer (&ctx->out, g_ptr_array_unref);
  g_clear_pointer (&ctx->places, g_hash_table_unref);
  g_clear_pointer (&ctx->people, g_hash_table_unref);
  g_clear_pointer (&ctx->orgs, g_hash_table_unref);
}

typedef struct
{
  guint            start;
  guint            end;
  const char      *label;
  GlossSuggestion *suggestion;
} SortKey;

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  const SortKey *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  if (x->label != y->label)
    return strcmp (x->label, y->label);
  return gloss_suggestion_compare (x->suggestion, y->suggestion);
}

/* Orders as gloss_suggestion_compare() does, reading each suggestion once. */
static void
sort_suggestions (GPtrArray *out)
{
  g_autofree SortKey *keys = g_new (SortKey, out->len + 1);

  for (guint i = 0; i < out->len; i++)
    {
      GlossSuggestion *s = g_ptr_array_index (out, i);

      keys[i] = (SortKey) { gloss_suggestion_get_start (s), gloss_suggestion_get_end (s),
                            gloss_suggestion_get_label (s), s };
    }
  qsort (keys, out->len, sizeof (SortKey), compare_keys);
  for (guint i = 0; i < out->len; i++)
    out->pdata[i] = keys[i].suggestion;
}

static GPtrArray *
gloss_rules_suggester_suggest (GlossSuggester    *suggester,
                               GlossSuggestInput *input,
                               GCancellable      *cancellable,
                               GError           **error)
{
  Ctx          ctx = { 0 };
  GlossSchema *schema = input->schema;
  GlossLabel  *claim;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  ctx.input = input;
  ctx.text = input->text;
  ctx.tok = (const GlossToken *) input->tokens->data;
  ctx.n = input->tokens->len;
  ctx.cancellable = cancellable;
  ctx.quotes = g_array_new (FALSE, FALSE, sizeof (Quote));
  ctx.segments = g_array_new (FALSE, FALSE, sizeof (GlossFragment));
  ctx.mentions = g_array_new (FALSE, FALSE, sizeof (Mention));
  ctx.out = g_ptr_array_new_with_free_func (g_object_unref);
  ctx.by_id = g_hash_table_new (suggestion_hash, suggestion_equal);

  ctx.l_claim = schema_label (schema, "CLAIM");
  ctx.l_cue = schema_label (schema, "CUE");
  ctx.l_source = schema_label (schema, "SOURCE");
  ctx.l_person = schema_label (schema, "PERSON");
  ctx.l_org = schema_label (schema, "ORG");
  ctx.l_gpe = schema_label (schema, "GPE");
  ctx.l_date = schema_label (schema, "DATE");
  ctx.l_money = schema_label (schema, "MONEY");
  ctx.l_quantity = schema_label (schema, "QUANTITY");
  ctx.l_percent = schema_label (schema, "PERCENT");
  claim = ctx.l_claim != NULL ? gloss_schema_lookup_label (schema, ctx.l_claim) : NULL;
  ctx.certainty = claim != NULL ? gloss_label_lookup_attribute (claim, "certainty") : NULL;

  prepare (&ctx);
  if (!check_cancel (&ctx, 0))
    find_quotes (&ctx);
  if (!check_cancel (&ctx, 0) &&
      (ctx.l_claim != NULL || ctx.l_cue != NULL || ctx.l_source != NULL ||
       ctx.l_person != NULL || ctx.l_org != NULL))
    find_frames (&ctx);
  if (!check_cancel (&ctx, 0))
    find_entities (&ctx);

  if (check_cancel (&ctx, 0))
    {
      g_cancellable_set_error_if_cancelled (cancellable, error);
      ctx_clear (&ctx);
      return NULL;
    }
  sort_suggestions (ctx.out);
  {
    GPtrArray *out = g_steal_pointer (&ctx.out);

    ctx_clear (&ctx);
    return out;
  }
}

static void
suggester_iface_init (GlossSuggesterInterface *iface)
{
  iface->get_name = gloss_rules_suggester_get_name;
  iface->dup_labels = gloss_rules_suggester_dup_labels;
  iface->suggest = gloss_rules_suggester_suggest;
}

static void
gloss_rules_suggester_class_init (GlossRulesSuggesterClass *klass)
{
  build_lexicon ();
}

static void
gloss_rules_suggester_init (GlossRulesSuggester *self)
{
}

GlossSuggester *
gloss_rules_suggester_new (void)
{
  return g_object_new (GLOSS_TYPE_RULES_SUGGESTER, NULL);
}
