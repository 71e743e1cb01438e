/* gloss-jsonl.c: lossless Gloss JSONL export and import
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "gloss-annotation.h"
#include "gloss-change-set-private.h"
#include "gloss-document.h"
#include "gloss-jsonl.h"
#include "gloss-offsets.h"
#include "gloss-project.h"
#include "gloss-relation.h"
#include "gloss-schema.h"
#include "gloss-store-private.h"
#include "gloss-util-private.h"

G_DEFINE_QUARK (gloss-jsonl-error-quark, gloss_jsonl_error)

/* ---- Export
 *
 * Lines are written straight into a buffer from the store's rows, not
 * through GlossAnnotation objects, JsonBuilder and JsonGenerator: that is
 * most of the cost of a large export. The bytes are exactly those
 * json-glib's generator writes for the same tree (compact, members in
 * this order); a string that needs escaping is escaped by json-glib
 * itself, so the two cannot disagree. */

/* Written to the stream whenever the buffer grows beyond this. */
#define EXPORT_CHUNK (256 * 1024)

/* 9999-12-31T23:59:59Z, the last second GDateTime represents */
#define LAST_SECOND G_GINT64_CONSTANT (253402300799)

typedef struct
{
  GString *out;
  GString *scratch;
  GArray  *keys;              /* const char *, for sorting attribute names */
  gint64   cached_second;     /* -1 = none */
  char     cached_base[24];   /* "YYYY-MM-DDTHH:MM:SS" of cached_second */
  GlossJsonlKeepFunc keep;    /* NULL: every row */
  gpointer keep_data;
  GHashTable *kept;           /* with keep: the uuids of the document's annotations written */
} Writer;

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static inline gboolean
needs_escape (const char *s,
              gsize      *len)
{
  const guchar *p;

  for (p = (const guchar *) s; *p != '\0'; p++)
    if (*p < 0x20 || *p == '"' || *p == '\\' || *p == 0x7f)
      return TRUE;
  *len = (const char *) p - s;
  return FALSE;
}

/* A JSON string, or null for NULL. */
static void
write_string (GString    *out,
              const char *s)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;
  gsize len;

  if (s == NULL)
    {
      g_string_append_len (out, "null", 4);
      return;
    }
  if (!needs_escape (s, &len))
    {
      g_string_append_c (out, '"');
      g_string_append_len (out, s, len);
      g_string_append_c (out, '"');
      return;
    }
  node = json_node_init_string (json_node_alloc (), s);
  json = json_to_string (node, FALSE);
  g_string_append (out, json);
}

/* "name": for a member name that comes from the data. */
static void
write_member_name (GString    *out,
                   const char *name)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;
  JsonObject *obj;
  gsize len;

  if (!needs_escape (name, &len))
    {
      g_string_append_c (out, '"');
      g_string_append_len (out, name, len);
      g_string_append_len (out, "\":", 2);
      return;
    }
  /* {"escaped":null} without its braces and value */
  obj = json_object_new ();
  json_object_set_null_member (obj, name);
  node = json_node_init_object (json_node_alloc (), obj);
  json_object_unref (obj);
  json = json_to_string (node, FALSE);
  g_string_append_len (out, json + 1, strlen (json) - strlen ("{null}"));
}

static void
write_uint (GString *out,
            guint64  value)
{
  char buf[24];
  char *p = buf + sizeof buf;

  do
    *--p = '0' + value % 10;
  while ((value /= 10) != 0);
  g_string_append_len (out, p, buf + sizeof buf - p);
}

static void
write_bool (GString  *out,
            gboolean  value)
{
  if (value)
    g_string_append_len (out, "true", 4);
  else
    g_string_append_len (out, "false", 5);
}

/* As _gloss_time_to_iso8601(), with the date of the last second kept:
 * rows written together share it. */
static void
write_time (Writer *w,
            gint64  usec)
{
  gint64 second = usec / G_USEC_PER_SEC;
  gint64 frac = usec % G_USEC_PER_SEC;
  char tail[10];

  if (frac < 0)
    {
      second--;
      frac += G_USEC_PER_SEC;
    }
  if (second < 0 || second > LAST_SECOND)
    {
      g_autofree char *str = _gloss_time_to_iso8601 (usec);
      write_string (w->out, str);
      return;
    }
  if (second != w->cached_second)
    {
      g_autofree char *str = _gloss_time_to_iso8601 (second * G_USEC_PER_SEC);
      const char *dot = strchr (str, '.');
      gsize n = dot ? (gsize) (dot - str) : strlen (str);

      g_assert (n < sizeof w->cached_base);
      memcpy (w->cached_base, str, n);
      w->cached_base[n] = '\0';
      w->cached_second = second;
    }
  g_string_append_c (w->out, '"');
  g_string_append (w->out, w->cached_base);
  tail[0] = '.';
  for (int i = 6; i >= 1; i--)
    {
      tail[i] = '0' + frac % 10;
      frac /= 10;
    }
  tail[7] = 'Z';
  tail[8] = '"';
  g_string_append_len (w->out, tail, 9);
}

/* As _gloss_attributes_to_builder(): names sorted, booleans and strings,
 * anything else null. */
static void
write_attributes (Writer     *w,
                  GHashTable *attrs)
{
  GHashTableIter iter;
  gpointer key;

  if (attrs == NULL || g_hash_table_size (attrs) == 0)
    {
      g_string_append_len (w->out, "{}", 2);
      return;
    }
  g_array_set_size (w->keys, 0);
  g_hash_table_iter_init (&iter, attrs);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (w->keys, key);
  g_array_sort (w->keys, compare_strings);

  g_string_append_c (w->out, '{');
  for (guint i = 0; i < w->keys->len; i++)
    {
      const char *name = g_array_index (w->keys, const char *, i);
      GVariant *v = g_hash_table_lookup (attrs, name);

      if (i > 0)
        g_string_append_c (w->out, ',');
      write_member_name (w->out, name);
      if (g_variant_is_of_type (v, G_VARIANT_TYPE_BOOLEAN))
        write_bool (w->out, g_variant_get_boolean (v));
      else if (g_variant_is_of_type (v, G_VARIANT_TYPE_STRING))
        write_string (w->out, g_variant_get_string (v, NULL));
      else
        g_string_append_len (w->out, "null", 4);
    }
  g_string_append_c (w->out, '}');
}

/* TRUE when @json is exactly what write_attributes() writes for it: no
 * spaces, names in strictly increasing strcmp() order, values true, false
 * or strings, no name or string with anything JSON escapes. The store
 * writes attributes that way, so such a column is copied as it is. */
static gboolean
attributes_are_canonical (const char *json)
{
  const guchar *p = (const guchar *) json;
  const guchar *prev = NULL;
  gsize prev_len = 0;

  if (*p++ != '{')
    return FALSE;
  if (*p == '}')
    return p[1] == '\0';
  for (;;)
    {
      const guchar *name;
      gsize len;
      int cmp;

      if (*p++ != '"')
        return FALSE;
      for (name = p; *p != '"'; p++)
        if (*p < 0x20 || *p == '\\' || *p == 0x7f)
          return FALSE;
      len = p - name;
      if (prev != NULL)
        {
          cmp = memcmp (prev, name, MIN (prev_len, len));
          if (cmp > 0 || (cmp == 0 && prev_len >= len))
            return FALSE;
        }
      prev = name;
      prev_len = len;
      p++;
      if (*p++ != ':')
        return FALSE;
      if (strncmp ((const char *) p, "true", 4) == 0)
        p += 4;
      else if (strncmp ((const char *) p, "false", 5) == 0)
        p += 5;
      else if (*p == '"')
        {
          for (p++; *p != '"'; p++)
            if (*p < 0x20 || *p == '\\' || *p == 0x7f)
              return FALSE;
          p++;
        }
      else
        return FALSE;
      if (*p == ',')
        {
          p++;
          continue;
        }
      return p[0] == '}' && p[1] == '\0' && g_utf8_validate (json, -1, NULL);
    }
}

/* An attributes column as a loaded annotation or relation has it. */
static gboolean
write_attributes_column (Writer      *w,
                         const char  *json,
                         gboolean     of_relation,
                         const char  *uuid,
                         GError     **error)
{
  g_autoptr(GHashTable) attrs = NULL;
  GError *local = NULL;

  if (json == NULL || strcmp (json, "{}") == 0)
    {
      g_string_append_len (w->out, "{}", 2);
      return TRUE;
    }
  if (attributes_are_canonical (json))
    {
      g_string_append (w->out, json);
      return TRUE;
    }
  attrs = _gloss_attributes_from_json (json, &local);
  if (local != NULL)
    {
      /* the messages of the store's own row readers */
      if (of_relation)
        g_propagate_prefixed_error (error, local, _("relation %s: "), uuid);
      else
        g_propagate_prefixed_error (error, local, _("annotation %s: "), uuid);
      return FALSE;
    }
  write_attributes (w, attrs);
  return TRUE;
}

/* The covered text, fragments joined by one space, appended to @out. */
static void
append_covered_text (GString             *out,
                     GlossOffsetMap      *map,
                     const char          *text,
                     const GlossFragment *frags,
                     guint                n_frags)
{
  for (guint i = 0; i < n_frags; i++)
    {
      gsize s, e;

      if (!gloss_offset_map_char_to_byte (map, frags[i].start, &s)
          || !gloss_offset_map_char_to_byte (map, frags[i].end, &e) || e < s)
        continue;
      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append_len (out, text + s, e - s);
    }
}

static int
compare_fragments (gconstpointer a,
                   gconstpointer b)
{
  const GlossFragment *fa = a, *fb = b;

  if (fa->start != fb->start)
    return fa->start < fb->start ? -1 : 1;
  if (fa->end != fb->end)
    return fa->end < fb->end ? -1 : 1;
  return 0;
}

/* Writes the members of one row up to its attributes (included). */
typedef gboolean (*RowWriter) (Writer        *w,
                               sqlite3_stmt  *stmt,
                               gpointer       data,
                               GError       **error);
/* With w->keep: whether the row is written; @last is the column of its
 * annotator (then created, modified, deleted). */
typedef gboolean (*RowKeep) (Writer       *w,
                             sqlite3_stmt *stmt,
                             int           last);

/* Writes "@name":[…], one object per row of @sql for document @id: the
 * members @write_row writes, then "annotator", "created", "modified" and
 * "deleted" from the row's last four columns. */
static gboolean
write_rows (Writer      *w,
            GlossStore  *store,
            gint64       id,
            const char  *sql,
            const char  *name,
            RowWriter    write_row,
            RowKeep      keep_row,
            gpointer     data,
            const char  *what,
            GError     **error)
{
  g_autoptr(GlossStmt) stmt = _gloss_store_prepare (store, sql, error);
  GString *out = w->out;
  gboolean first = TRUE;
  int rc, last;

  if (stmt == NULL)
    return FALSE;
  last = sqlite3_column_count (stmt) - 4;
  sqlite3_bind_int64 (stmt, 1, id);
  g_string_append_c (out, '"');
  g_string_append (out, name);
  g_string_append_len (out, "\":[", 3);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (w->keep != NULL && !keep_row (w, stmt, last))
        continue;
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      g_string_append_len (out, "{\"uuid\":", 8);
      write_string (out, (const char *) sqlite3_column_text (stmt, 0));
      if (!write_row (w, stmt, data, error))
        {
          _gloss_store_prefix_damage (error);
          return FALSE;
        }
      g_string_append_len (out, ",\"annotator\":", 13);
      write_string (out, (const char *) sqlite3_column_text (stmt, last));
      g_string_append_len (out, ",\"created\":", 11);
      write_time (w, sqlite3_column_int64 (stmt, last + 1));
      g_string_append_len (out, ",\"modified\":", 12);
      write_time (w, sqlite3_column_int64 (stmt, last + 2));
      g_string_append_len (out, ",\"deleted\":", 11);
      write_bool (out, sqlite3_column_int (stmt, last + 3) != 0);
      g_string_append_c (out, '}');
    }
  if (rc != SQLITE_DONE)
    {
      _gloss_store_set_error_from_db (store, error, what);
      return FALSE;
    }
  g_string_append_c (out, ']');
  return TRUE;
}

typedef struct
{
  const char     *text;
  GlossOffsetMap *map;
} AnnotationData;

static gboolean
write_annotation_row (Writer        *w,
                      sqlite3_stmt  *stmt,
                      gpointer       user_data,
                      GError       **error)
{
  AnnotationData *data = user_data;
  GString *out = w->out;
  const char *uuid = (const char *) sqlite3_column_text (stmt, 0);
  g_autoptr(GArray) frags = NULL;
  GlossFragment *f;

  if (!_gloss_fragments_from_string ((const char *) sqlite3_column_text (stmt, 2), &frags))
    {
      g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_CORRUPT,
                   _("annotation %s: unreadable fragments"), uuid);
      return FALSE;
    }
  f = (GlossFragment *) (gpointer) frags->data;
  if (frags->len > 1)
    qsort (f, frags->len, sizeof (GlossFragment), compare_fragments);

  g_string_append_len (out, ",\"label\":", 9);
  write_string (out, (const char *) sqlite3_column_text (stmt, 1));
  g_string_append_len (out, ",\"fragments\":[", 14);
  for (guint i = 0; i < frags->len; i++)
    {
      g_string_append (out, i ? ",[" : "[");
      write_uint (out, f[i].start);
      g_string_append_c (out, ',');
      write_uint (out, f[i].end);
      g_string_append_c (out, ']');
    }
  g_string_append_len (out, "],\"text\":", 9);
  g_string_truncate (w->scratch, 0);
  append_covered_text (w->scratch, data->map, data->text, f, frags->len);
  write_string (out, w->scratch->str);
  g_string_append_len (out, ",\"attributes\":", 14);
  if (!write_attributes_column (w, (const char *) sqlite3_column_text (stmt, 3), FALSE, uuid,
                                error))
    return FALSE;
  g_string_append_len (out, ",\"note\":", 8);
  write_string (out, (const char *) sqlite3_column_text (stmt, 4));
  g_string_append_len (out, ",\"norm_id\":", 11);
  write_string (out, (const char *) sqlite3_column_text (stmt, 5));
  g_string_append_len (out, ",\"norm_name\":", 13);
  write_string (out, (const char *) sqlite3_column_text (stmt, 6));
  /* accepted from a suggestion: which suggester, and its score */
  if (sqlite3_column_type (stmt, 7) == SQLITE_TEXT)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *object;
      char score[G_ASCII_DTOSTR_BUF_SIZE];

      if (!json_parser_load_from_data (parser, (const char *) sqlite3_column_text (stmt, 7), -1,
                                       NULL) ||
          !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)) ||
          json_object_get_string_member_with_default (
            json_node_get_object (json_parser_get_root (parser)), "suggester", NULL) == NULL)
        {
          g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_CORRUPT,
                       _("annotation %s: unreadable provenance"), uuid);
          return FALSE;
        }
      object = json_node_get_object (json_parser_get_root (parser));
      g_string_append_len (out, ",\"provenance\":{\"suggester\":", 27);
      write_string (out, json_object_get_string_member (object, "suggester"));
      g_string_append_len (out, ",\"score\":", 9);
      g_ascii_formatd (score, sizeof score, "%.17g",
                       json_object_get_double_member_with_default (object, "score", 0));
      g_string_append (out, score);
      g_string_append_c (out, '}');
    }
  return TRUE;
}

/* A live annotation the filter keeps, remembered for its relations. */
static gboolean
keep_annotation_row (Writer       *w,
                     sqlite3_stmt *stmt,
                     int           last)
{
  const char *uuid = (const char *) sqlite3_column_text (stmt, 0);

  if (uuid == NULL || sqlite3_column_int (stmt, last + 3) != 0
      || !w->keep ((const char *) sqlite3_column_text (stmt, last),
                   (const char *) sqlite3_column_text (stmt, 1), w->keep_data))
    return FALSE;
  g_hash_table_add (w->kept, g_strdup (uuid));
  return TRUE;
}

/* A live relation between two annotations written. */
static gboolean
keep_relation_row (Writer       *w,
                   sqlite3_stmt *stmt,
                   int           last)
{
  const char *source = (const char *) sqlite3_column_text (stmt, 2);
  const char *target = (const char *) sqlite3_column_text (stmt, 3);

  return sqlite3_column_int (stmt, last + 3) == 0 && source != NULL && target != NULL
         && g_hash_table_contains (w->kept, source) && g_hash_table_contains (w->kept, target);
}

/* The rows as gloss_store_load_annotations (store, id, TRUE) reads them. */
static gboolean
write_annotations (Writer          *w,
                   GlossStore      *store,
                   gint64           id,
                   const char      *text,
                   GlossOffsetMap  *map,
                   GError         **error)
{
  static const char sql[] =
    "SELECT uuid, label, fragments, attributes, note, norm_id, norm_name, provenance, "
    "  annotator, created, modified, deleted "
    "FROM annotations WHERE document = ?1 ORDER BY start, end, uuid";
  AnnotationData data = { text, map };

  if (w->kept != NULL)
    g_hash_table_remove_all (w->kept);
  return write_rows (w, store, id, sql, "annotations", write_annotation_row, keep_annotation_row,
                     &data, _("Cannot read the annotations"), error);
}

static gboolean
write_relation_row (Writer        *w,
                    sqlite3_stmt  *stmt,
                    gpointer       user_data,
                    GError       **error)
{
  GString *out = w->out;

  g_string_append_len (out, ",\"type\":", 8);
  write_string (out, (const char *) sqlite3_column_text (stmt, 1));
  g_string_append_len (out, ",\"source\":", 10);
  write_string (out, (const char *) sqlite3_column_text (stmt, 2));
  g_string_append_len (out, ",\"target\":", 10);
  write_string (out, (const char *) sqlite3_column_text (stmt, 3));
  g_string_append_len (out, ",\"attributes\":", 14);
  return write_attributes_column (w, (const char *) sqlite3_column_text (stmt, 4), TRUE,
                                  (const char *) sqlite3_column_text (stmt, 0), error);
}

/* The rows as gloss_store_load_relations (store, id, TRUE) reads them. */
static gboolean
write_relations (Writer      *w,
                 GlossStore  *store,
                 gint64       id,
                 GError     **error)
{
  static const char sql[] =
    "SELECT uuid, type, source, target, attributes, annotator, created, modified, deleted "
    "FROM relations WHERE document = ?1 ORDER BY created, uuid";

  return write_rows (w, store, id, sql, "relations", write_relation_row, keep_relation_row, NULL,
                     _("Cannot read the relations"), error);
}

/* The document's meta column as GlossDocument reads it: a JSON object,
 * anything else an empty one. */
static void
write_meta_column (Writer     *w,
                   const char *json)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *out = NULL;

  if (json != NULL && strcmp (json, "{}") != 0)
    node = json_from_string (json, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node)
      || json_object_get_size (json_node_get_object (node)) == 0)
    {
      g_string_append_len (w->out, "{}", 2);
      return;
    }
  out = json_to_string (node, FALSE);
  g_string_append (w->out, out);
}

/* Appends one line (with its newline) for document @id to w->out. The
 * document row is read as gloss_store_load_document() and
 * gloss_store_dup_document_text() read it. */
static gboolean
export_document (Writer      *w,
                 GlossStore  *store,
                 gint64       id,
                 GError     **error)
{
  static const char sql[] =
    "SELECT uuid, name, text, sha256, meta, attributes FROM documents WHERE id = ?1";
  g_autoptr(GlossStmt) stmt = _gloss_store_prepare (store, sql, error);
  g_autoptr(GHashTable) statuses = NULL;
  g_autoptr(GlossOffsetMap) map = NULL;
  g_autofree gpointer *annotators = NULL;
  const char *attrs_json, *text;
  GString *out = w->out;
  guint n_annotators = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, GLOSS_STORE_ERROR, GLOSS_STORE_ERROR_NOT_FOUND,
                     _("No document with id %lld"), (long long) id);
      else
        _gloss_store_set_error_from_db (store, error, _("Cannot read a document"));
      return FALSE;
    }
  /* the bytes as stored: damage is refused, never written out */
  text = sqlite3_column_type (stmt, 2) == SQLITE_NULL ? NULL : sqlite3_column_blob (stmt, 2);
  if (text == NULL && sqlite3_column_type (stmt, 2) != SQLITE_NULL)
    text = "";
  if (!_gloss_store_check_stored_text (text, sqlite3_column_bytes (stmt, 2),
                                       (const char *) sqlite3_column_text (stmt, 1), error))
    return FALSE;
  statuses = gloss_store_dup_document_statuses (store, id);
  map = gloss_offset_map_new (text, -1);

  g_string_append_len (out, "{\"gloss\":", 9);
  write_uint (out, GLOSS_JSONL_VERSION);
  g_string_append_len (out, ",\"uuid\":", 8);
  write_string (out, (const char *) sqlite3_column_text (stmt, 0));
  g_string_append_len (out, ",\"name\":", 8);
  write_string (out, (const char *) sqlite3_column_text (stmt, 1));
  g_string_append_len (out, ",\"text\":", 8);
  write_string (out, text);
  g_string_append_len (out, ",\"sha256\":", 10);
  write_string (out, (const char *) sqlite3_column_text (stmt, 3));
  g_string_append_len (out, ",\"meta\":", 8);
  write_meta_column (w, (const char *) sqlite3_column_text (stmt, 4));

  /* unreadable document attributes load as none */
  g_string_append_len (out, ",\"attributes\":", 14);
  attrs_json = (const char *) sqlite3_column_text (stmt, 5);
  if (attrs_json != NULL && attributes_are_canonical (attrs_json))
    g_string_append (out, attrs_json);
  else
    {
      g_autoptr(GHashTable) attrs = _gloss_attributes_from_json (attrs_json, NULL);
      write_attributes (w, attrs);
    }

  g_string_append_len (out, ",\"status\":{", 11);
  if (statuses != NULL)
    {
      annotators = g_hash_table_get_keys_as_array (statuses, &n_annotators);
      qsort (annotators, n_annotators, sizeof (gpointer), compare_strings);
    }
  for (guint i = 0; i < n_annotators; i++)
    {
      int status = GPOINTER_TO_INT (g_hash_table_lookup (statuses, annotators[i]));
      const char *str = gloss_document_status_to_string (status);

      if (w->keep != NULL && !w->keep (annotators[i], NULL, w->keep_data))
        continue;
      if (out->str[out->len - 1] != '{')
        g_string_append_c (out, ',');
      write_member_name (out, annotators[i]);
      write_string (out, str ? str : "new");
    }
  g_string_append_len (out, "},", 2);

  if (!write_annotations (w, store, id, text, map, error))
    return FALSE;
  g_string_append_c (out, ',');
  if (!write_relations (w, store, id, error))
    return FALSE;
  g_string_append_len (out, "}\n", 2);
  return TRUE;
}

gboolean
gloss_jsonl_export (GlossProject  *project,
                    GOutputStream *out,
                    GCancellable  *cancellable,
                    GError       **error)
{
  return gloss_jsonl_export_filtered (project, out, NULL, NULL, NULL, cancellable, error);
}

gboolean
gloss_jsonl_export_filtered (GlossProject       *project,
                             GOutputStream      *out,
                             GArray             *document_ids,
                             GlossJsonlKeepFunc  keep,
                             gpointer            keep_data,
                             GCancellable       *cancellable,
                             GError            **error)
{
  GlossStore *store;
  g_autoptr(GArray) all_ids = NULL;
  g_autoptr(GString) buffer = NULL;
  g_autoptr(GString) scratch = NULL;
  g_autoptr(GArray) keys = NULL;
  g_autoptr(GHashTable) kept = NULL;
  GArray *ids = document_ids;
  Writer w;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  store = gloss_project_get_store (project);
  if (ids == NULL)
    {
      all_ids = gloss_store_list_document_ids (store, error);
      if (all_ids == NULL)
        return FALSE;
      ids = all_ids;
    }

  buffer = g_string_sized_new (EXPORT_CHUNK * 2);
  scratch = g_string_new (NULL);
  keys = g_array_new (FALSE, FALSE, sizeof (const char *));
  if (keep != NULL)
    kept = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w.out = buffer;
  w.scratch = scratch;
  w.keys = keys;
  w.cached_second = -1;
  w.cached_base[0] = '\0';
  w.keep = keep;
  w.keep_data = keep_data;
  w.kept = kept;
  for (guint i = 0; i < ids->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!export_document (&w, store, g_array_index (ids, gint64, i), error))
        return FALSE;
      if (buffer->len >= EXPORT_CHUNK || i + 1 == ids->len)
        {
          if (!g_output_stream_write_all (out, buffer->str, buffer->len, NULL, cancellable,
                                          error))
            return FALSE;
          g_string_truncate (buffer, 0);
        }
    }
  return g_output_stream_flush (out, cancellable, error);
}

/* ---- Import */

typedef struct
{
  GlossProject   *project;
  GlossStore     *store;
  GlossSchema    *schema;
  GlossChangeSet *changes;     /* what the import writes, as one step */
  GInputStream   *in;
  GCancellable   *cancellable;
  const char     *filename;
  guint         line_no;
  gint64        now;
  /* names not in the schema, in order of appearance, and the first line
   * that used one */
  GPtrArray    *unknown_labels;
  GPtrArray    *unknown_types;
  guint         first_unknown_line;
  GlossJsonlImportReport report;
} Import;

static void
import_clear (Import *im)
{
  g_clear_pointer (&im->unknown_labels, g_ptr_array_unref);
  g_clear_pointer (&im->unknown_types, g_ptr_array_unref);
}

G_GNUC_PRINTF (4, 5)
static gboolean
fail (Import      *im,
      GError     **error,
      int          code,
      const char  *format,
      ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, GLOSS_JSONL_ERROR, code, "%s:%u: %s", im->filename, im->line_no, msg);
  return FALSE;
}

/* Prefixes an error from elsewhere (store, helpers) with file:line and
 * @what; keeps its domain and code. */
static gboolean
fail_with (Import      *im,
           GError     **error,
           GError      *local,
           const char  *what)
{
  if (what != NULL)
    g_prefix_error (&local, "%s:%u: %s: ", im->filename, im->line_no, what);
  else
    g_prefix_error (&local, "%s:%u: ", im->filename, im->line_no);
  g_propagate_error (error, local);
  return FALSE;
}

static void
note_unknown (Import     *im,
              GPtrArray  *names,
              const char *name)
{
  if (!g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
    g_ptr_array_add (names, g_strdup (name));
  if (im->first_unknown_line == 0)
    im->first_unknown_line = im->line_no;
}

static GType
node_value_type (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return G_TYPE_INVALID;
  return json_node_get_value_type (node);
}

/* A string member: TRUE with *value NULL when absent or null (only when
 * @nullable, or @required is FALSE for absent). */
static gboolean
get_string (Import      *im,
            JsonObject  *obj,
            const char  *name,
            const char  *context,
            gboolean     required,
            const char **value,
            GError     **error)
{
  JsonNode *node = json_object_get_member (obj, name);

  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        return fail (im, error, GLOSS_JSONL_ERROR_INVALID, _("%s“%s” is missing"), context, name);
      return TRUE;
    }
  if (node_value_type (node) != G_TYPE_STRING)
    return fail (im, error, GLOSS_JSONL_ERROR_INVALID, _("%s“%s” must be a string"),
                 context, name);
  *value = json_node_get_string (node);
  return TRUE;
}

static gboolean
get_time (Import     *im,
          JsonObject *obj,
          const char *name,
          const char *context,
          gint64     *usec,
          GError    **error)
{
  const char *str;

  if (!get_string (im, obj, name, context, FALSE, &str, error))
    return FALSE;
  if (str == NULL)
    {
      *usec = im->now;
      return TRUE;
    }
  if (!_gloss_time_from_iso8601 (str, usec))
    return fail (im, error, GLOSS_JSONL_ERROR_INVALID, _("%s“%s” is not an ISO 8601 time: “%s”"),
                 context, name, str);
  return TRUE;
}

static gboolean
get_deleted (Import     *im,
             JsonObject *obj,
             const char *context,
             gboolean   *deleted,
             GError    **error)
{
  JsonNode *node = json_object_get_member (obj, "deleted");

  *deleted = FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (node_value_type (node) != G_TYPE_BOOLEAN)
    return fail (im, error, GLOSS_JSONL_ERROR_INVALID, _("%s“deleted” must be true or false"),
                 context);
  *deleted = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
get_array (Import      *im,
           JsonObject  *obj,
           const char  *name,
           JsonArray  **array,
           GError     **error)
{
  JsonNode *node = json_object_get_member (obj, name);

  *array = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (im, error, GLOSS_JSONL_ERROR_INVALID, _("“%s” must be an array"), name);
  *array = json_node_get_array (node);
  return TRUE;
}

static gboolean
get_attributes (Import       *im,
                JsonObject   *obj,
                const char   *context,
                GHashTable  **attrs,
                GError      **error)
{
  g_autoptr(GError) local = NULL;

  *attrs = _gloss_attributes_from_node (json_object_get_member (obj, "attributes"), &local);
  if (local != NULL)
    return fail (im, error, GLOSS_JSONL_ERROR_INVALID, "%s%s", context, local->message);
  return TRUE;
}

static gboolean
row_exists (Import     *im,
            const char *sql,
            const char *uuid,
            gboolean   *exists,
            GError    **error)
{
  g_autoptr(GlossStmt) stmt = NULL;
  GError *local = NULL;
  int rc;

  stmt = _gloss_store_prepare (im->store, sql, &local);
  if (stmt == NULL)
    return fail_with (im, error, local, NULL);
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _gloss_store_set_error_from_db (im->store, &local, _("Cannot read the project"));
      return fail_with (im, error, local, NULL);
    }
  *exists = rc == SQLITE_ROW;
  return TRUE;
}

static gboolean
check_uuid (Import     *im,
            const char *uuid,
            const char *context,
            GError    **error)
{
  if (!g_uuid_string_is_valid (uuid))
    return fail (im, error, GLOSS_JSONL_ERROR_INVALID, _("%s“%s” is not a valid uuid"),
                 context, uuid);
  return TRUE;
}

static gboolean
import_annotation (Import         *im,
                   gint64          doc_id,
                   const char     *text,
                   guint           length,
                   GlossOffsetMap *map,
                   guint           index,
                   JsonNode       *node,
                   GHashTable     *uuids,
                   GString        *scratch,
                   GError        **error)
{
  g_autofree char *context = g_strdup_printf (_("annotation %u: "), index + 1);
  g_autoptr(GArray) frags = NULL;
  g_autoptr(GHashTable) attrs = NULL;
  g_autoptr(GlossAnnotation) ann = NULL;
  JsonObject *obj;
  JsonArray *array = NULL;
  JsonNode *frags_node;
  const char *uuid, *label, *covered, *note, *norm_id, *norm_name, *annotator;
  const char *suggester = NULL;
  double score = 0;
  JsonNode *provenance;
  gint64 created, modified;
  gboolean deleted, exists;
  GError *local = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (im, error, GLOSS_JSONL_ERROR_INVALID, _("%snot a JSON object"), context);
  obj = json_node_get_object (node);

  if (!get_string (im, obj, "uuid", context, FALSE, &uuid, error)
      || !get_string (im, obj, "label", context, TRUE, &label, error)
      || !get_string (im, obj, "text", context, FALSE, &covered, error)
      || !get_string (im, obj, "note", context, FALSE, &note, error)
      || !get_string (im, obj, "norm_id", context, FALSE, &norm_id, error)
      || !get_string (im, obj, "norm_name", context, FALSE, &norm_name, error)
      || !get_string (im, obj, "annotator", context, FALSE, &annotator, error)
      || !get_time (im, obj, "created", context, &created, error)
      || !get_time (im, obj, "modified", context, &modified, error)
      || !get_deleted (im, obj, context, &deleted, error)
      || !get_attributes (im, obj, context, &attrs, error))
    return FALSE;

  /* optional: {"suggester": NAME, "score": S} */
  provenance = json_object_get_member (obj, "provenance");
  if (provenance != NULL && !JSON_NODE_HOLDS_NULL (provenance))
    {
      JsonObject *p = JSON_NODE_HOLDS_OBJECT (provenance) ? json_node_get_object (provenance)
                                                          : NULL;
      JsonNode *s = p != NULL ? json_object_get_member (p, "suggester") : NULL;
      JsonNode *v = p != NULL ? json_object_get_member (p, "score") : NULL;

      if (s == NULL || json_node_get_value_type (s) != G_TYPE_STRING || v == NULL ||
          (json_node_get_value_type (v) != G_TYPE_DOUBLE &&
           json_node_get_value_type (v) != G_TYPE_INT64))
        return fail (im, error, GLOSS_JSONL_ERROR_INVALID,
                     _("%s“provenance” must be {\"suggester\": text, \"score\": number}"),
                     context);
      suggester = json_node_get_string (s);
      score = json_node_get_double (v);
    }

  frags_node = json_object_get_member (obj, "fragments");
  if (frags_node == NULL || JSON_NODE_HOLDS_NULL (frags_node))
    return fail (im, error, GLOSS_JSONL_ERROR_INVALID, _("%s“fragments” is missing"), context);
  if (JSON_NODE_HOLDS_ARRAY (frags_node))
    array = json_node_get_array (frags_node);
  if (array == NULL || json_array_get_length (array) == 0)
    return fail (im, error, GLOSS_JSONL_ERROR_INVALID,
                 _("%s“fragments” must be a non-empty array of [start, end] pairs"), context);
  frags = g_array_sized_new (FALSE, FALSE, sizeof (GlossFragment), json_array_get_length (array));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *pair = json_array_get_element (array, i);
      JsonArray *p = JSON_NODE_HOLDS_ARRAY (pair) ? json_node_get_array (pair) : NULL;
      gint64 s, e;
      GlossFragment f;

      if (p == NULL || json_array_get_length (p) != 2
          || node_value_type (json_array_get_element (p, 0)) != G_TYPE_INT64
          || node_value_type (json_array_get_element (p, 1)) != G_TYPE_INT64)
        return fail (im, error, GLOSS_JSONL_ERROR_INVALID,
                     _("%sfragment %u is not a [start, end] pair of integers"), context, i + 1);
      s = json_array_get_int_element (p, 0);
      e = json_array_get_int_element (p, 1);
      if (s >= e)
        return fail (im, error, GLOSS_JSONL_ERROR_INVALID,
                     _("%sfragment %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT " is empty or reversed"),
                     context, s, e);
      if (s < 0 || e > length)
        /* TRANSLATORS: "fragment 10–900 outside the text (length 412)" */
        return fail (im, error, GLOSS_JSONL_ERROR_INVALID,
                     _("%sfragment %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT
                       " outside the text (length %u)"),
                     context, s, e, length);
      f.start = s;
      f.end = e;
      g_array_append_val (frags, f);
    }

  if (gloss_schema_lookup_label (im->schema, label) == NULL)
    note_unknown (im, im->unknown_labels, label);

  ann = gloss_annotation_new (label, (GlossFragment *) frags->data, frags->len,
                              annotator ? annotator : gloss_project_get_annotator (im->project));
  if (covered != NULL)
    {
      const GlossFragment *sorted;
      guint n_sorted;

      sorted = gloss_annotation_get_fragments (ann, &n_sorted);
      g_string_truncate (scratch, 0);
      append_covered_text (scratch, map, text, sorted, n_sorted);
      if (strcmp (scratch->str, covered) != 0)
        return fail (im, error, GLOSS_JSONL_ERROR_INVALID,
                     _("%s“text” is “%s” but the fragments cover “%s”"),
                     context, covered, scratch->str);
    }

  if (uuid != NULL)
    {
      if (!check_uuid (im, uuid, context, error))
        return FALSE;
      gloss_annotation_set_uuid (ann, uuid);
    }
  uuid = gloss_annotation_get_uuid (ann);
  if (!row_exists (im, "SELECT 1 FROM annotations WHERE uuid = ?1", uuid, &exists, error))
    return FALSE;
  if (exists)
    return fail (im, error, GLOSS_JSONL_ERROR_CONFLICT,
                 _("%suuid %s already in the project"), context, uuid);

  gloss_annotation_set_document_id (ann, doc_id);
  gloss_annotation_set_attributes (ann, attrs);
  gloss_annotation_set_note (ann, note);
  gloss_annotation_set_normalisation (ann, norm_id, norm_name);
  gloss_annotation_set_provenance (ann, suggester, score);
  gloss_annotation_set_times (ann, created, modified);
  gloss_annotation_set_deleted (ann, deleted);
  gloss_change_set_put_annotation (im->changes, ann, GLOSS_CHANGE_ALWAYS);
  if (!_gloss_change_set_flush (im->changes, im->store, &local))
    return fail_with (im, error, local, context);

  g_hash_table_add (uuids, g_strdup (uuid));
  im->report.n_annotations++;
  return TRUE;
}

static gboolean
import_relation (Import      *im,
                 gint64       doc_id,
                 guint        index,
                 JsonNode    *node,
                 GHashTable  *uuids,
                 GError     **error)
{
  g_autofree char *context = g_strdup_printf (_("relation %u: "), index + 1);
  g_autoptr(GHashTable) attrs = NULL;
  g_autoptr(GlossRelation) rel = NULL;
  JsonObject *obj;
  const char *uuid, *type, *source, *target, *annotator;
  gint64 created, modified;
  gboolean deleted, exists;
  GError *local = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (im, error, GLOSS_JSONL_ERROR_INVALID, _("%snot a JSON object"), context);
  obj = json_node_get_object (node);

  if (!get_string (im, obj, "uuid", context, FALSE, &uuid, error)
      || !get_string (im, obj, "type", context, TRUE, &type, error)
      || !get_string (im, obj, "source", context, TRUE, &source, error)
      || !get_string (im, obj, "target", context, TRUE, &target, error)
      || !get_string (im, obj, "annotator", context, FALSE, &annotator, error)
      || !get_time (im, obj, "created", context, &created, error)
      || !get_time (im, obj, "modified", context, &modified, error)
      || !get_deleted (im, obj, context, &deleted, error)
      || !get_attributes (im, obj, context, &attrs, error))
    return FALSE;

  if (!g_hash_table_contains (uuids, source))
    return fail (im, error, GLOSS_JSONL_ERROR_INVALID,
                 _("%ssource %s is not an annotation of this document"), context, source);
  if (!g_hash_table_contains (uuids, target))
    return fail (im, error, GLOSS_JSONL_ERROR_INVALID,
                 _("%starget %s is not an annotation of this document"), context, target);
  if (gloss_schema_lookup_relation_type (im->schema, type) == NULL)
    note_unknown (im, im->unknown_types, type);

  rel = gloss_relation_new (type, source, target,
                            annotator ? annotator : gloss_project_get_annotator (im->project));
  if (uuid != NULL)
    {
      if (!check_uuid (im, uuid, context, error))
        return FALSE;
      gloss_relation_set_uuid (rel, uuid);
    }
  uuid = gloss_relation_get_uuid (rel);
  if (!row_exists (im, "SELECT 1 FROM relations WHERE uuid = ?1", uuid, &exists, error))
    return FALSE;
  if (exists)
    return fail (im, error, GLOSS_JSONL_ERROR_CONFLICT,
                 _("%suuid %s already in the project"), context, uuid);

  gloss_relation_set_document_id (rel, doc_id);
  gloss_relation_set_attributes (rel, attrs);
  gloss_relation_set_times (rel, created, modified);
  gloss_relation_set_deleted (rel, deleted);
  gloss_change_set_put_relation (im->changes, rel, GLOSS_CHANGE_ALWAYS);
  if (!_gloss_change_set_flush (im->changes, im->store, &local))
    return fail_with (im, error, local, context);

  im->report.n_relations++;
  return TRUE;
}

static gboolean
import_line (Import      *im,
             const char  *line,
             gsize        len,
             GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GHashTable) doc_attrs = NULL;
  g_autoptr(GHashTable) uuids = NULL;
  g_autoptr(GlossOffsetMap) map = NULL;
  g_autoptr(GString) scratch = NULL;
  g_autofree char *meta_json = NULL;
  g_autofree char *attrs_json = NULL;
  g_autofree char *unique = NULL;
  g_autofree char *sha = NULL;
  JsonNode *root, *version, *meta, *status;
  JsonObject *obj;
  JsonArray *anns, *rels;
  const char *text, *name, *uuid, *sha256, *end;
  GError *local = NULL;
  gboolean exists;
  gint64 doc_id;
  guint length;

  if (!g_utf8_validate_len (line, len, &end))
    {
      if (*end == '\0' && (gsize) (end - line) < len)
        return fail (im, error, GLOSS_JSONL_ERROR_INVALID, _("NUL byte at byte %" G_GSIZE_FORMAT),
                     (gsize) (end - line) + 1);
      return fail (im, error, GLOSS_JSONL_ERROR_INVALID,
                   _("invalid UTF-8 at byte %" G_GSIZE_FORMAT), (gsize) (end - line) + 1);
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, line, len, &local))
    {
      g_autoptr(GError) owned = local;

      return fail (im, error, GLOSS_JSONL_ERROR_INVALID, _("not JSON: %s"), owned->message);
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return fail (im, error, GLOSS_JSONL_ERROR_INVALID, _("not a JSON object"));
  obj = json_node_get_object (root);

  version = json_object_get_member (obj, "gloss");
  if (node_value_type (version) != G_TYPE_INT64)
    return fail (im, error, GLOSS_JSONL_ERROR_INVALID,
                 _("not a Gloss JSONL document (no “gloss” version number)"));
  if (json_node_get_int (version) > GLOSS_JSONL_VERSION || json_node_get_int (version) < 1)
    return fail (im, error, GLOSS_JSONL_ERROR_TOO_NEW,
                 _("Gloss JSONL version %" G_GINT64_FORMAT " is not supported by this version"),
                 json_node_get_int (version));

  if (!get_string (im, obj, "text", "", TRUE, &text, error)
      || !get_string (im, obj, "name", "", TRUE, &name, error)
      || !get_string (im, obj, "uuid", "", FALSE, &uuid, error)
      || !get_string (im, obj, "sha256", "", FALSE, &sha256, error)
      || !get_attributes (im, obj, "", &doc_attrs, error)
      || !get_array (im, obj, "annotations", &anns, error)
      || !get_array (im, obj, "relations", &rels, error))
    return FALSE;
  g_assert (text != NULL && name != NULL);  /* required: get_string() failed otherwise */
  if (*name == '\0')
    return fail (im, error, GLOSS_JSONL_ERROR_INVALID, _("“name” is empty"));

  sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  if (sha256 != NULL && g_ascii_strcasecmp (sha, sha256) != 0)
    return fail (im, error, GLOSS_JSONL_ERROR_INVALID, _("“sha256” does not match the text"));

  meta = json_object_get_member (obj, "meta");
  if (meta != NULL && !JSON_NODE_HOLDS_NULL (meta))
    {
      if (!JSON_NODE_HOLDS_OBJECT (meta))
        return fail (im, error, GLOSS_JSONL_ERROR_INVALID, _("“meta” must be a JSON object"));
      meta_json = json_to_string (meta, FALSE);
    }
  attrs_json = _gloss_attributes_to_json (doc_attrs);

  if (uuid != NULL)
    {
      if (!check_uuid (im, uuid, "", error))
        return FALSE;
      if (!row_exists (im, "SELECT 1 FROM documents WHERE uuid = ?1", uuid, &exists, error))
        return FALSE;
      if (exists)
        return fail (im, error, GLOSS_JSONL_ERROR_CONFLICT,
                     _("document uuid %s already in the project"), uuid);
    }

  unique = gloss_store_dup_unique_name (im->store, name);
  doc_id = gloss_store_insert_document (im->store, uuid, unique, text, -1, meta_json, attrs_json,
                                        0, &local);
  if (doc_id == 0)
    return fail_with (im, error, local, NULL);
  _gloss_change_set_add_document (im->changes, doc_id);
  im->report.n_documents++;

  status = json_object_get_member (obj, "status");
  if (status != NULL && !JSON_NODE_HOLDS_NULL (status))
    {
      JsonObjectIter iter;
      const char *annotator;
      JsonNode *value;

      if (!JSON_NODE_HOLDS_OBJECT (status))
        return fail (im, error, GLOSS_JSONL_ERROR_INVALID, _("“status” must be a JSON object"));
      json_object_iter_init (&iter, json_node_get_object (status));
      while (json_object_iter_next (&iter, &annotator, &value))
        {
          GlossDocumentStatus st;

          if (node_value_type (value) != G_TYPE_STRING
              || !gloss_document_status_from_string (json_node_get_string (value), &st))
            return fail (im, error, GLOSS_JSONL_ERROR_INVALID,
                         _("status of “%s” must be “new”, “in-progress” or “done”"), annotator);
          gloss_change_set_put_status (im->changes, doc_id, annotator, st, im->now,
                                       GLOSS_CHANGE_ALWAYS);
          if (!_gloss_change_set_flush (im->changes, im->store, &local))
            return fail_with (im, error, local, NULL);
        }
    }

  map = gloss_offset_map_new (text, -1);
  length = gloss_offset_map_get_n_chars (map);
  uuids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  scratch = g_string_new (NULL);
  for (guint i = 0; anns != NULL && i < json_array_get_length (anns); i++)
    if (!import_annotation (im, doc_id, text, length, map, i, json_array_get_element (anns, i),
                            uuids, scratch, error))
      return FALSE;
  for (guint i = 0; rels != NULL && i < json_array_get_length (rels); i++)
    if (!import_relation (im, doc_id, i, json_array_get_element (rels, i), uuids, error))
      return FALSE;
  return TRUE;
}

static char *
join_names (GPtrArray *names)
{
  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **) names->pdata);
}

static gboolean
import_lines (Import        *im,
              GInputStream  *in,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GDataInputStream) data = g_data_input_stream_new (in);

  g_data_input_stream_set_newline_type (G_DATA_INPUT_STREAM (data),
                                        G_DATA_STREAM_NEWLINE_TYPE_LF);
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (data), FALSE);

  for (;;)
    {
      g_autofree char *line = NULL;
      GError *local = NULL;
      gsize len = 0;
      char *p;

      line = g_data_input_stream_read_line (data, &len, cancellable, &local);
      if (line == NULL)
        {
          if (local != NULL)
            {
              im->line_no++;
              return fail_with (im, error, local, NULL);
            }
          break;
        }
      im->line_no++;
      p = line;
      if (im->line_no == 1 && len >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
        {
          p += 3;
          len -= 3;
        }
      if (len > 0 && p[len - 1] == '\r')
        p[--len] = '\0';
      /* Blank lines are allowed (e.g. a trailing one). */
      if (strspn (p, " \t") == len)
        continue;
      if (!import_line (im, p, len, error))
        return FALSE;
    }

  if (im->report.n_documents == 0)
    {
      im->line_no = MAX (im->line_no, 1);
      return fail (im, error, GLOSS_JSONL_ERROR_EMPTY, _("no document in the file"));
    }
  if (im->unknown_labels->len > 0 || im->unknown_types->len > 0)
    {
      g_autoptr(GString) msg = g_string_new (NULL);

      if (im->unknown_labels->len > 0)
        {
          g_autofree char *names = join_names (im->unknown_labels);
          g_string_append_printf (msg, _("labels not in the schema: %s"), names);
        }
      if (im->unknown_types->len > 0)
        {
          g_autofree char *names = join_names (im->unknown_types);
          if (msg->len > 0)
            g_string_append (msg, "; ");
          g_string_append_printf (msg, _("relation types not in the schema: %s"), names);
        }
      im->line_no = im->first_unknown_line;
      return fail (im, error, GLOSS_JSONL_ERROR_UNKNOWN, "%s", msg->str);
    }
  return TRUE;
}

/* Inside the import's transaction. */
static gboolean
import_prepare (GlossChangeSet  *changes,
                GlossProject    *project,
                gpointer         user_data,
                GCancellable    *cancellable,
                GError         **error)
{
  Import *im = user_data;

  return import_lines (im, im->in, cancellable, error);
}

gboolean
gloss_jsonl_import (GlossProject           *project,
                    GInputStream           *in,
                    const char             *filename_for_messages,
                    GlossJsonlImportReport *report,
                    GCancellable           *cancellable,
                    GError                **error)
{
  Import im = { 0 };
  gboolean ok;

  g_return_val_if_fail (GLOSS_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (in), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  im.project = project;
  im.store = gloss_project_get_store (project);
  im.schema = gloss_project_get_schema (project);
  im.filename = filename_for_messages ? filename_for_messages : "<input>";
  im.now = g_get_real_time ();
  im.unknown_labels = g_ptr_array_new_with_free_func (g_free);
  im.unknown_types = g_ptr_array_new_with_free_func (g_free);

  im.changes = gloss_change_set_new (_("Import"));
  im.cancellable = cancellable;
  im.in = in;
  ok = _gloss_project_apply_changes_full (project, im.changes, import_prepare, &im, NULL, NULL,
                                          cancellable, error);
  g_clear_object (&im.changes);
  import_clear (&im);
  if (!ok)
    return FALSE;

  if (report != NULL)
    *report = im.report;
  return TRUE;
}
