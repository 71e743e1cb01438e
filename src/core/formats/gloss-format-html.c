/* gloss-format-html.c: HTML articles (title and main text paragraphs)
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "gloss-format-util.h"
#include "gloss-formats.h"

struct _GlossFormatHtml
{
  GlossFormat parent_instance;
};

G_DEFINE_FINAL_TYPE (GlossFormatHtml, gloss_format_html, GLOSS_TYPE_FORMAT)

static const char * const html_extensions[] = { "html", "htm", "xhtml", NULL };

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

typedef struct
{
  char       *title;        /* owned */
  char       *url;          /* owned */
  char       *date;         /* owned */
  GPtrArray  *paragraphs;   /* char *, collapsed, non-empty */
} Article;

static void
article_clear (Article *a)
{
  g_clear_pointer (&a->title, g_free);
  g_clear_pointer (&a->url, g_free);
  g_clear_pointer (&a->date, g_free);
  g_clear_pointer (&a->paragraphs, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Article, article_clear)

static int
html_detect (GlossFormat *format,
             const char  *path,
             GBytes      *head)
{
  gsize len;
  const char *data = g_bytes_get_data (head, &len);
  g_autofree char *lower = NULL;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return 0;
  if (gloss_format_has_extension (path, html_extensions))
    return 60;
  if (len == 0)
    return 0;
  lower = g_ascii_strdown (data, MIN (len, 1024));
  if (strstr (lower, "<!doctype html") != NULL || strstr (lower, "<html") != NULL)
    return 40;
  return 0;
}

/* ---- extraction */

static gboolean
name_is (xmlNode    *node,
         const char *name)
{
  return node->type == XML_ELEMENT_NODE && node->name != NULL
         && g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

static gboolean
name_in (xmlNode            *node,
         const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (name_is (node, names[i]))
      return TRUE;
  return FALSE;
}

static char *
get_attr (xmlNode    *node,
          const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy;

  if (value == NULL)
    return NULL;
  copy = g_strdup ((const char *) value);
  xmlFree (value);
  return copy;
}

static gboolean
is_skipped (xmlNode *node)
{
  static const char * const skipped[] = {
    "script", "style", "nav", "header", "footer", "aside", "form", "noscript", "template",
    "iframe", "svg", "button", "select", "textarea", "head", NULL
  };
  g_autofree char *aria = NULL;

  if (node->type == XML_COMMENT_NODE || node->type == XML_PI_NODE)
    return TRUE;
  if (node->type != XML_ELEMENT_NODE)
    return FALSE;
  if (name_in (node, skipped))
    return TRUE;
  if (xmlHasProp (node, (const xmlChar *) "hidden") != NULL)
    return TRUE;
  aria = get_attr (node, "aria-hidden");
  return aria != NULL && g_ascii_strcasecmp (g_strstrip (aria), "false") != 0;
}

static const char * const block_names[] = {
  "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", NULL
};

/* Appends the text under @node (skipping what is skipped) to @out. */
static void
append_text (xmlNode *node,
             GString *out)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (is_skipped (child))
        continue;
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        {
          if (child->content != NULL)
            g_string_append (out, (const char *) child->content);
        }
      else if (child->type == XML_ELEMENT_NODE)
        {
          if (name_is (child, "br"))
            g_string_append_c (out, ' ');
          else
            append_text (child, out);
        }
    }
}

/* White space runs (Unicode, including no-break spaces) become one space;
 * leading and trailing space goes. */
static char *
collapse (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x00a0 || c == 0x200b || c == 0xfeff)
        {
          space = TRUE;
          continue;
        }
      if (g_unichar_iscntrl (c))
        continue;
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static char *
node_text (xmlNode *node)
{
  g_autoptr(GString) raw = g_string_new (NULL);

  append_text (node, raw);
  return collapse (raw->str);
}

static gboolean
has_block_descendant (xmlNode *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE || is_skipped (child))
        continue;
      if (name_in (child, block_names) || has_block_descendant (child))
        return TRUE;
    }
  return FALSE;
}

static void
collect_paragraphs (xmlNode   *node,
                    GPtrArray *out)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE || is_skipped (child))
        continue;
      if (name_in (child, block_names) && !has_block_descendant (child))
        {
          char *text = node_text (child);

          if (*text != '\0')
            g_ptr_array_add (out, text);
          else
            g_free (text);
        }
      else
        collect_paragraphs (child, out);
    }
}

/* The first element named @name in document order (skipped parts included
 * or not). */
static xmlNode *
find_first (xmlNode    *node,
            const char *name,
            gboolean    skip)
{
  for (xmlNode *child = node; child != NULL; child = child->next)
    {
      xmlNode *found;

      if (child->type != XML_ELEMENT_NODE && child->type != XML_DOCUMENT_NODE
          && child->type != XML_HTML_DOCUMENT_NODE)
        continue;
      if (skip && is_skipped (child))
        continue;
      if (name_is (child, name))
        return child;
      if ((found = find_first (child->children, name, skip)) != NULL)
        return found;
    }
  return NULL;
}

/* <meta property=NAME content=…> or <meta name=NAME content=…>, and
 * <link rel=canonical href=…>. */
static void
scan_head (xmlNode *node,
           Article *a,
           char   **published)
{
  for (xmlNode *child = node; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (name_is (child, "meta"))
        {
          g_autofree char *prop = get_attr (child, "property");
          g_autofree char *nm = get_attr (child, "name");
          g_autofree char *content = get_attr (child, "content");
          const char *key = prop ? prop : nm;

          if (key != NULL && content != NULL)
            {
              if (g_ascii_strcasecmp (key, "og:url") == 0 && a->url == NULL)
                a->url = collapse (content);
              else if (g_ascii_strcasecmp (key, "article:published_time") == 0
                       && *published == NULL)
                *published = collapse (content);
            }
        }
      else if (name_is (child, "link"))
        {
          g_autofree char *rel = get_attr (child, "rel");
          g_autofree char *href = get_attr (child, "href");

          if (rel != NULL && href != NULL
              && g_ascii_strcasecmp (g_strstrip (rel), "canonical") == 0)
            {
              g_free (a->url);
              a->url = collapse (href);  /* canonical wins over og:url */
            }
        }
      scan_head (child->children, a, published);
    }
}

static void
extract (xmlDoc  *doc,
         Article *a)
{
  xmlNode *root = xmlDocGetRootElement (doc);
  xmlNode *title, *main, *time;
  g_autofree char *published = NULL;

  a->paragraphs = g_ptr_array_new_with_free_func (g_free);
  if (root == NULL)
    return;

  scan_head (root, a, &published);

  title = find_first (root, "title", FALSE);
  if (title != NULL)
    {
      g_autoptr(GString) raw = g_string_new (NULL);

      for (xmlNode *c = title->children; c != NULL; c = c->next)
        if (c->type == XML_TEXT_NODE && c->content != NULL)
          g_string_append (raw, (const char *) c->content);
      a->title = collapse (raw->str);
    }
  if (a->title == NULL || *a->title == '\0')
    {
      xmlNode *h1 = find_first (root, "h1", FALSE);

      g_free (a->title);
      a->title = h1 ? node_text (h1) : NULL;
    }

  main = find_first (root, "article", TRUE);
  if (main == NULL)
    main = find_first (root, "main", TRUE);
  if (main == NULL)
    main = find_first (root, "body", FALSE);
  if (main == NULL)
    main = root;
  collect_paragraphs (main, a->paragraphs);
  if (a->paragraphs->len == 0)
    {
      char *all = node_text (main);

      if (*all != '\0')
        g_ptr_array_add (a->paragraphs, all);
      else
        g_free (all);
    }

  time = find_first (main, "time", FALSE);
  if (time == NULL)
    time = find_first (root, "time", FALSE);
  if (time != NULL)
    {
      g_autofree char *dt = get_attr (time, "datetime");
      if (dt != NULL && *g_strstrip (dt) != '\0')
        a->date = g_steal_pointer (&dt);
    }
  if (a->date == NULL && published != NULL && *published != '\0')
    a->date = g_steal_pointer (&published);
}

static char *
build_text (Article *a,
            gsize   *length)
{
  GString *out = g_string_new (NULL);
  guint first = 0;

  if (a->title != NULL && *a->title != '\0')
    {
      g_string_append (out, a->title);
      /* an article repeating its title as the first heading */
      if (a->paragraphs->len > 0 && strcmp (g_ptr_array_index (a->paragraphs, 0), a->title) == 0)
        first = 1;
    }
  for (guint i = first; i < a->paragraphs->len; i++)
    {
      if (out->len > 0)
        g_string_append (out, "\n\n");
      g_string_append (out, g_ptr_array_index (a->paragraphs, i));
    }
  *length = out->len;
  return g_string_free (out, FALSE);
}

static char *
build_meta (const char *path,
            Article    *a)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *abs = g_file_get_path (file);
  g_autofree char *base_display = g_filename_display_name (base);
  g_autofree char *abs_display = g_filename_display_name (abs ? abs : path);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "filename");
  json_builder_add_string_value (builder, base_display);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "html");
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, abs_display);
  if (a->title != NULL && *a->title != '\0')
    {
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, a->title);
    }
  if (a->url != NULL && *a->url != '\0')
    {
      json_builder_set_member_name (builder, "url");
      json_builder_add_string_value (builder, a->url);
    }
  if (a->date != NULL && *a->date != '\0')
    {
      json_builder_set_member_name (builder, "date");
      json_builder_add_string_value (builder, a->date);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* The charset a <meta> among the first 1024 bytes declares
 * (<meta charset="…"> or <meta http-equiv="Content-Type"
 * content="…; charset=…">), as the HTML standard's prescan looks for it,
 * or NULL. */
static char *
declared_charset (const char *data,
                  gsize       len)
{
  gsize end = MIN (len, 1024);
  g_autofree char *head = g_ascii_strdown (data, end);

  for (const char *tag = strstr (head, "<meta"); tag != NULL; tag = strstr (tag + 5, "<meta"))
    {
      const char *close = strchr (tag, '>');
      const char *at = tag;

      while ((at = strstr (at, "charset")) != NULL && (close == NULL || at < close))
        {
          const char *p = at + 7;
          gsize n = 0;

          at = p;
          while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            p++;
          if (*p != '=')
            continue;
          p++;
          while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '"' || *p == '\'')
            p++;
          while (g_ascii_isalnum (p[n]) || p[n] == '-' || p[n] == '_' || p[n] == '.' ||
                 p[n] == ':')
            n++;
          if (n > 0)
            return g_strndup (p, n);
        }
    }
  return NULL;
}

/* @data as UTF-8: by its byte order mark, else the charset it declares,
 * else UTF-8 (as a browser would, short of guessing). What its charset
 * cannot decode is an error naming the byte. */
static gboolean
decode_html (const char  *data,
             gsize        len,
             char       **utf8,
             gsize       *utf8_len,
             GError     **error)
{
  g_autofree char *charset = NULL;
  g_autoptr(GError) local = NULL;
  gsize read = 0;
  const char *nul;

  if ((len >= 2 && ((guchar) data[0] == 0xff || (guchar) data[0] == 0xfe)) ||
      (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0))
    return gloss_format_decode_text (data, len, NULL, utf8, utf8_len, NULL, error);

  charset = declared_charset (data, len);
  if (charset == NULL || g_str_equal (charset, "utf-8") || g_str_equal (charset, "utf8"))
    return gloss_format_decode_text (data, len, NULL, utf8, utf8_len, NULL, error);

  if ((nul = memchr (data, '\0', len)) != NULL)
    {
      g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID,
                   _("NUL bytes at byte %" G_GSIZE_FORMAT ": binary file?"),
                   (gsize) (nul - data));
      return FALSE;
    }
  /* the labels the HTML standard reads as windows-1252 */
  if (g_str_equal (charset, "iso-8859-1") || g_str_equal (charset, "latin1") ||
      g_str_equal (charset, "us-ascii") || g_str_equal (charset, "ascii"))
    {
      g_free (charset);
      charset = g_strdup ("windows-1252");
    }
  *utf8 = g_convert (data, len, "UTF-8", charset, &read, utf8_len, &local);
  if (*utf8 != NULL)
    return TRUE;
  if (g_error_matches (local, G_CONVERT_ERROR, G_CONVERT_ERROR_NO_CONVERSION))
    g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID,
                 _("the charset “%s” it declares is not one Gloss knows"), charset);
  else
    g_set_error (error, GLOSS_FORMAT_ERROR, GLOSS_FORMAT_ERROR_INVALID,
                 _("invalid %s at byte %" G_GSIZE_FORMAT " (the charset it declares)"), charset,
                 read);
  return FALSE;
}

static gboolean
html_import (GlossFormat         *format,
             GlossImportContext  *ctx,
             const char          *path,
             GCancellable        *cancellable,
             GError             **error)
{
  GlossImportReport *report = gloss_import_context_get_report (ctx);
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *data = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  g_autofree char *meta = NULL;
  g_autoptr(GError) why = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_auto(Article) article = { 0 };
  g_autofree char *utf8 = NULL;
  gsize len = 0, text_len = 0, utf8_len = 0;

  /* a folder of articles: the text format walks it, HTML files come back here */
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      GlossFormat *text_format = gloss_format_lookup ("text");

      if (text_format != NULL && GLOSS_FORMAT_GET_CLASS (text_format)->import_path != NULL)
        return GLOSS_FORMAT_GET_CLASS (text_format)->import_path (text_format, ctx, path,
                                                                  cancellable, error);
    }
  /* Refusals are reported and the import goes on, as for text files. */
  if (!gloss_format_read_document (path, &data, &len, &why))
    {
      gloss_import_report_add (report, GLOSS_PROBLEM_ERROR, NULL, 0, "%s", why->message);
      return TRUE;
    }
  if (len == 0)
    {
      gloss_import_report_add (report, GLOSS_PROBLEM_ERROR, display, 0, _("empty file"));
      return TRUE;
    }
  /* The bytes must be what the file says they are, else it is refused as
   * a text file would be: libxml2 took invalid UTF-8 for Latin-1 and
   * dropped what its charset could not decode, without a word. */
  if (!decode_html (data, len, &utf8, &utf8_len, &why))
    {
      gloss_import_report_add (report, GLOSS_PROBLEM_ERROR, display, 0, "%s", why->message);
      return TRUE;
    }
  if (utf8_len > G_MAXINT)
    {
      gloss_import_report_add (report, GLOSS_PROBLEM_ERROR, display, 0, _("file too large"));
      return TRUE;
    }
  doc = htmlReadMemory (utf8, (int) utf8_len, NULL, "UTF-8",
                        HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET
                        | HTML_PARSE_RECOVER | HTML_PARSE_IGNORE_ENC);
  if (doc == NULL)
    {
      gloss_import_report_add (report, GLOSS_PROBLEM_ERROR, display, 0,
                               _("not an HTML document Gloss can read"));
      return TRUE;
    }
  extract (doc, &article);
  text = build_text (&article, &text_len);
  if (text_len == 0)
    {
      gloss_import_report_add (report, GLOSS_PROBLEM_ERROR, display, 0,
                               _("no article text found"));
      return TRUE;
    }
  if (!g_utf8_validate_len (text, text_len, NULL))
    {
      gloss_import_report_add (report, GLOSS_PROBLEM_ERROR, display, 0,
                               _("the text is not valid UTF-8 after decoding"));
      return TRUE;
    }
  name = gloss_format_name_from_path (path);
  meta = build_meta (path, &article);
  if (gloss_import_context_add_document (ctx, name, text, text_len, meta, error) == 0)
    {
      g_prefix_error (error, "%s: ", display);
      return FALSE;
    }
  return TRUE;
}

static void
gloss_format_html_class_init (GlossFormatHtmlClass *klass)
{
  GlossFormatClass *format_class = GLOSS_FORMAT_CLASS (klass);

  format_class->name = "html";
  format_class->display_name = N_("HTML articles");
  format_class->extensions = html_extensions;
  format_class->detect = html_detect;
  format_class->import_path = html_import;
}

static void
gloss_format_html_init (GlossFormatHtml *self)
{
}
