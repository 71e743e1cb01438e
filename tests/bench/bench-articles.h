/* bench-articles.h: invented news-like articles for the benchmarks
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A span of an article: a label of the "news" preset and code points. */
typedef struct
{
  const char *label;
  guint       start, end;
} BenchSpan;

/* Builds text, counting the code points of what it appends. */
typedef struct
{
  GString *text;
  guint    n_chars;
  GArray  *spans;   /* BenchSpan, or NULL when spans are not needed */
  GRand   *rand;
} BenchWriter;

/* Appends a headline, a dateline and paragraphs to @w until @n_bytes of
 * text, or, when @w records spans, until @n_spans spans. */
void bench_write_article (BenchWriter *w,
                          guint        n_bytes,
                          guint        n_spans);

G_END_DECLS
