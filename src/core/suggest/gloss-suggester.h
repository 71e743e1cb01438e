/* gloss-suggester.h: what proposes suggestions for a document
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gloss-types.h"
#include "gloss-suggestion.h"

G_BEGIN_DECLS

#define GLOSS_SUGGEST_ERROR (gloss_suggest_error_quark ())

typedef enum
{
  GLOSS_SUGGEST_ERROR_FAILED,       /* the suggester could not run */
  GLOSS_SUGGEST_ERROR_UNREACHABLE,  /* an endpoint did not answer */
  GLOSS_SUGGEST_ERROR_PROTOCOL,     /* an endpoint answered what the protocol does not allow */
  GLOSS_SUGGEST_ERROR_NOT_TRAINED,  /* a learned suggester has nothing to learn from yet */
} GlossSuggestError;

GQuark gloss_suggest_error_quark (void);

/* One document as a suggester sees it: plain data, read once from the
 * project, safe to use on any thread. The annotations and relations are
 * the live ones of every annotator (gold included), sorted by start. */
typedef struct
{
  gint64         document_id;
  char          *name;         /* owned */
  char          *text;         /* owned, NUL-terminated UTF-8 */
  guint          length;       /* code points */
  GlossSchema   *schema;       /* owned reference, never changed */
  GPtrArray     *annotations;  /* owned, of GlossAnnotation */
  GPtrArray     *relations;    /* owned, of GlossRelation */
  GArray        *tokens;       /* owned, GlossToken of gloss_tokenize (text) */
  GlossOffsetMap *map;         /* owned: code points <-> bytes of text */
  /*< private >*/
  gatomicrefcount ref_count;
} GlossSuggestInput;

#define GLOSS_TYPE_SUGGEST_INPUT (gloss_suggest_input_get_type ())
GType              gloss_suggest_input_get_type (void) G_GNUC_CONST;

/* Reads @document of @project (text, live annotations and relations). */
GlossSuggestInput *gloss_suggest_input_new      (GlossProject   *project,
                                                 GlossDocument  *document,
                                                 GError        **error);
/* A document that is in no project (tests, benchmarks): @annotations
 * (GlossAnnotation, may be NULL) are copied into a sorted array. */
GlossSuggestInput *gloss_suggest_input_new_text (const char     *name,
                                                 const char     *text,
                                                 GlossSchema    *schema,
                                                 GPtrArray      *annotations);
GlossSuggestInput *gloss_suggest_input_ref      (GlossSuggestInput *input);
void               gloss_suggest_input_unref    (GlossSuggestInput *input);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossSuggestInput, gloss_suggest_input_unref)

#define GLOSS_TYPE_SUGGESTER (gloss_suggester_get_type ())
G_DECLARE_INTERFACE (GlossSuggester, gloss_suggester, GLOSS, SUGGESTER, GObject)

/* A suggester proposes labels over spans of one document at a time. It
 * is called on a worker thread (never two calls at once on one object)
 * and must honour @cancellable. Rules and lists need no training; a
 * learned one trains on a project's annotations first.
 *
 * get_name: the short name users and the command line use ("rules").
 * dup_labels: the labels of @schema it can propose (NULL-terminated).
 * train (optional): learn from @project's annotated documents (a project
 * of the worker's own), reporting @progress.
 * suggest: a new array of GlossSuggestion for @input, each with the
 * suggester's name; fragments inside the text, labels of the schema. */
struct _GlossSuggesterInterface
{
  GTypeInterface parent_iface;

  const char *(*get_name)   (GlossSuggester    *self);
  char      **(*dup_labels) (GlossSuggester    *self,
                             GlossSchema       *schema);
  gboolean    (*train)      (GlossSuggester    *self,
                             GlossProject      *project,
                             GlossProgressFunc  progress,
                             gpointer           progress_data,
                             GCancellable      *cancellable,
                             GError           **error);
  GPtrArray  *(*suggest)    (GlossSuggester    *self,
                             GlossSuggestInput *input,
                             GCancellable      *cancellable,
                             GError           **error);
};

const char  *gloss_suggester_get_name   (GlossSuggester    *self);
char       **gloss_suggester_dup_labels (GlossSuggester    *self,
                                         GlossSchema       *schema);
/* TRUE at once for a suggester that does not train. */
gboolean     gloss_suggester_can_train  (GlossSuggester    *self);
gboolean     gloss_suggester_train      (GlossSuggester    *self,
                                         GlossProject      *project,
                                         GlossProgressFunc  progress,
                                         gpointer           progress_data,
                                         GCancellable      *cancellable,
                                         GError           **error);
GPtrArray   *gloss_suggester_suggest    (GlossSuggester    *self,
                                         GlossSuggestInput *input,
                                         GCancellable      *cancellable,
                                         GError           **error);

G_END_DECLS
