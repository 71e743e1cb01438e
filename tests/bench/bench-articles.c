/* bench-articles.c: invented news-like articles for the benchmarks
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Seeded and our own: sentences assembled from word lists (officials,
 * agencies, places, topics, speech cues, dates, sums), with the spans of
 * the entities, cues and claims they contain when asked for.
 */

#include "config.h"

#include "bench-articles.h"

static const char * const agencies[] = {
  "the Ministry of Finance", "the Port Authority", "the National Statistics Office",
  "the Central Bank of Varnia", "the Harbour Police", "the Regional Water Board",
  "the Audit Commission", "the Transport Agency", "the Federation of Dock Workers",
  "Meridian Holdings", "the Energy Regulator", "the Supreme Court of Valdera",
  "the Grain Exchange", "the Office of the Ombudsman", "Nordlys Rail", "the City Council",
};

static const char * const officials[] = {
  "Deputy Minister Alma Krestin", "spokeswoman Ines Volta", "Mayor Tomas Reuel",
  "Inspector Hana Orlov", "Commissioner Pavel Idris", "chief economist Lena Marsh",
  "Governor Otto Brandvold", "union leader Jorge Almeida", "Senator Mirela Dascălu",
  "prosecutor Yusuf Kaya", "director Søren Lindqvist", "Judge Éloïse Marchand",
  "treasurer Kwame Asante", "minister Zofia Wróbel", "adviser Nikos Παπαδάκης",
};

static const char * const places[] = {
  "Varnia", "Port Elm", "Valdera", "Northgate", "Brackwater", "the Tarn Valley", "Solen",
  "Søndervik", "Île Marant", "Gràcia Nova", "Eastmarch", "Kestrel Bay", "Łęczyca Mała",
};

static const char * const topics[] = {
  "the harbour contract", "the new budget", "the bridge repairs", "the strike",
  "fuel prices", "the audit", "the pension reform", "the grain shipments",
  "the water tariffs", "the rail tender", "the flood defences", "the tax amnesty",
};

static const char * const cues[] = {
  "said", "told reporters", "claimed", "denied", "confirmed", "warned", "estimated",
  "insisted", "alleged", "announced",
};

static const char * const dates[] = {
  "on Monday", "on Tuesday", "last week", "in March 2025", "on 14 June", "this year",
  "since January", "by the end of the month", "on Friday evening",
};

static const char * const datelines[] = {
  "Nov. 20", "March 3", "June 14", "Sept. 9", "Jan. 27", "Oct. 1",
};

#define PICK(w, list) ((list)[g_rand_int_range ((w)->rand, 0, G_N_ELEMENTS (list))])

static void
put (BenchWriter *w,
     const char  *s)
{
  g_string_append (w->text, s);
  w->n_chars += g_utf8_strlen (s, -1);
}

static void
put_span (BenchWriter *w,
          const char  *label,
          const char  *s)
{
  BenchSpan span = { label, w->n_chars, 0 };

  put (w, s);
  span.end = w->n_chars;
  if (w->spans != NULL)
    g_array_append_val (w->spans, span);
}

static void
put_sum (BenchWriter *w)
{
  g_autofree char *s = NULL;

  switch (g_rand_int_range (w->rand, 0, 3))
    {
    case 0:
      s = g_strdup_printf ("€%d million", g_rand_int_range (w->rand, 2, 950));
      break;
    case 1:
      s = g_strdup_printf ("%d.%d billion dollars", g_rand_int_range (w->rand, 1, 40),
                           g_rand_int_range (w->rand, 1, 10));
      break;
    default:
      s = g_strdup_printf ("$%d,%03d", g_rand_int_range (w->rand, 1, 999),
                           g_rand_int_range (w->rand, 0, 1000));
      break;
    }
  put_span (w, "MONEY", s);
}

/* One sentence. A claim sentence gets a CLAIM span over the claimed
 * clause, recorded after the spans inside it. */
static void
put_sentence (BenchWriter *w)
{
  guint claim_start;
  BenchSpan claim = { "CLAIM", 0, 0 };

  switch (g_rand_int_range (w->rand, 0, 6))
    {
    case 0:
      put_span (w, "PERSON", PICK (w, officials));
      put (w, " of ");
      put_span (w, "ORG", PICK (w, agencies));
      put (w, " ");
      put_span (w, "CUE", PICK (w, cues));
      put (w, " that ");
      claim_start = w->n_chars;
      put (w, PICK (w, topics));
      put (w, " would cost ");
      put_sum (w);
      claim.start = claim_start;
      claim.end = w->n_chars;
      put (w, " ");
      put_span (w, "DATE", PICK (w, dates));
      put (w, ".");
      break;
    case 1:
      put (w, "“");
      claim_start = w->n_chars;
      put (w, "We will not sign ");
      put (w, PICK (w, topics));
      put (w, " before the inspectors report");
      claim.start = claim_start;
      claim.end = w->n_chars;
      put (w, ",” ");
      put_span (w, "PERSON", PICK (w, officials));
      put (w, " ");
      put_span (w, "CUE", "told reporters");
      put (w, " in ");
      put_span (w, "GPE", PICK (w, places));
      put (w, ".");
      break;
    case 2:
      put_span (w, "CUE", "According to");
      put (w, " ");
      put_span (w, "ORG", PICK (w, agencies));
      put (w, ", ");
      claim_start = w->n_chars;
      put_sum (w);
      put (w, " was spent on ");
      put (w, PICK (w, topics));
      put (w, " ");
      put_span (w, "DATE", PICK (w, dates));
      claim.start = claim_start;
      claim.end = w->n_chars;
      put (w, ".");
      break;
    case 3:
      put_span (w, "ORG", PICK (w, agencies));
      put (w, " ");
      put_span (w, "CUE", "denied");
      put (w, " that ");
      claim_start = w->n_chars;
      put_span (w, "PERSON", PICK (w, officials));
      put (w, " had approved ");
      put (w, PICK (w, topics));
      claim.start = claim_start;
      claim.end = w->n_chars;
      put (w, ".");
      break;
    case 4:
      put (w, "Residents of ");
      put_span (w, "GPE", PICK (w, places));
      put (w, " complained ");
      put_span (w, "DATE", PICK (w, dates));
      put (w, " that ");
      put (w, PICK (w, topics));
      put (w, " had been delayed again.");
      break;
    default:
      put (w, "The figures for ");
      put_span (w, "GPE", PICK (w, places));
      put (w, " could not be independently verified.");
      break;
    }
  if (claim.end > claim.start && w->spans != NULL)
    g_array_append_val (w->spans, claim);
}

void
bench_write_article (BenchWriter *w,
                     guint        n_bytes,
                     guint        n_spans)
{
  put (w, "Officials in ");
  put_span (w, "GPE", PICK (w, places));
  put (w, " dispute the cost of ");
  put (w, PICK (w, topics));
  put (w, "\n\n");
  put_span (w, "GPE", PICK (w, places));
  put (w, ", ");
  put_span (w, "DATE", PICK (w, datelines));
  put (w, " (Meridian) -- ");
  while (w->spans != NULL ? w->spans->len < n_spans : w->text->len < n_bytes)
    {
      guint n = g_rand_int_range (w->rand, 3, 7);

      for (guint i = 0; i < n; i++)
        {
          if (i > 0)
            put (w, " ");
          put_sentence (w);
        }
      put (w, "\n\n");
    }
  if (w->spans != NULL && w->spans->len > n_spans)
    g_array_set_size (w->spans, n_spans);
}

