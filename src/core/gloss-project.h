/* gloss-project.h: an open .gloss project
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gloss-store.h"
#include "gloss-types.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_PROJECT (gloss_project_get_type ())
G_DECLARE_FINAL_TYPE (GlossProject, gloss_project, GLOSS, PROJECT, GObject)

/* A project owns its store, its schema (saved back to the store whenever
 * it changes) and the lazy list of its documents. Opening a document's
 * annotations gives a GlossAnnotationList shared by everyone who asks for
 * the same document while it is alive. */

GlossProject        *gloss_project_create                (const char     *path,
                                                          GlossSchema    *schema,
                                                          GError        **error);
GlossProject        *gloss_project_open                  (const char     *path,
                                                          GError        **error);
/* As gloss_store_open_full(): GLOSS_STORE_OPEN_READ_ONLY for commands that
 * only read. */
GlossProject        *gloss_project_open_full             (const char           *path,
                                                          GlossStoreOpenFlags   flags,
                                                          GError              **error);
/* The store writes nothing (gloss_store_get_read_only_reason() says why). */
gboolean             gloss_project_is_read_only          (GlossProject   *self);
const char          *gloss_project_get_path              (GlossProject   *self);
/* A display name: the file name without ".gloss". */
char                *gloss_project_dup_title             (GlossProject   *self);
GlossStore          *gloss_project_get_store             (GlossProject   *self);
GlossSchema         *gloss_project_get_schema            (GlossProject   *self);
/* Replaces the schema (e.g. after an import added labels) and saves it.
 * When another program changed the stored schema since the project read
 * it, what @schema changes is applied to the stored one, and the project's
 * schema becomes the combination. */
gboolean             gloss_project_set_schema            (GlossProject   *self,
                                                          GlossSchema    *schema,
                                                          GError        **error);
/* GListModel of GlossDocument. */
GListModel          *gloss_project_get_documents         (GlossProject   *self);
GlossDocument       *gloss_project_lookup_document       (GlossProject   *self,
                                                          gint64          id);
GlossDocument       *gloss_project_find_document         (GlossProject   *self,
                                                          const char     *name);
/* Adds a document under a unique name derived from @name. @meta_json may be
 * NULL. Returns the document (borrowed) or NULL with @error. */
GlossDocument       *gloss_project_add_document          (GlossProject   *self,
                                                          const char     *name,
                                                          const char     *text,
                                                          gssize          len,
                                                          const char     *meta_json,
                                                          GError        **error);
/* Follows rows written behind the back of the document list and the open
 * annotation lists (a bulk step, a merge and its undo): reloads the
 * document list, the open lists of the documents @ids (every open list with
 * a new @schema, which they take from then on) and the annotation counts of
 * the other documents in @ids. */
gboolean             gloss_project_reload                (GlossProject   *self,
                                                          const gint64   *ids,
                                                          guint           n_ids,
                                                          GlossSchema    *schema,
                                                          GError        **error);
/* Follows what other connections (other programs, other threads' stores)
 * committed since the last call, cheaply when they committed nothing
 * (PRAGMA data_version): the stored schema when it changed (notify::schema),
 * the document list, and each open annotation list whose rows changed
 * (reloaded, its undo history cleared). Sets @changed when anything was
 * committed. */
gboolean             gloss_project_refresh               (GlossProject   *self,
                                                          gboolean       *changed,
                                                          GError        **error);
/* Call after documents were inserted through the store directly. */
gboolean             gloss_project_reload_documents      (GlossProject   *self,
                                                          GError        **error);
GlossAnnotationList *gloss_project_dup_annotation_list   (GlossProject   *self,
                                                          GlossDocument  *document,
                                                          GError        **error);
/* The annotator stamped on new edits of lists handed out from now on. */
const char          *gloss_project_get_annotator         (GlossProject   *self);
void                 gloss_project_set_annotator         (GlossProject   *self,
                                                          const char     *annotator);

G_END_DECLS
