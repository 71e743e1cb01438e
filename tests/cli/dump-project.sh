# dump-project.sh: a canonical, sorted text dump of what an import wrote to a
# project (sourced; needs sqlite3).
#
#   dump_project PROJECT PREFIX
#
# prints the schema, the documents, annotations, relations and statuses,
# each table sorted on every column it prints. Left out is only what differs
# from one run to the next: uuids (a relation's ends are named by their
# annotation's document, label, fragments and attributes instead), creation
# and modification times (whether created equals modified is kept), and the
# folder the files were imported from (PREFIX in a document's "source"
# becomes "@"). Texts are compared by their SHA-256, so that a dump of a
# third-party corpus holds none of its text.
#
# Copyright 2026 The Gloss authors
# SPDX-License-Identifier: GPL-3.0-or-later

dump_project () {
  local project=$1 prefix=$2
  local q=${prefix//\'/\'\'}
  local end="d2.name || ' ' || s.label || ' ' || s.fragments || ' ' || s.attributes"

  sqlite3 -readonly -batch "$project" <<EOF
.mode list
.separator "|"
.nullvalue NULL
SELECT '# schema';
SELECT value FROM project WHERE key = 'schema';
SELECT '# documents';
SELECT id, name, sha256, length, replace(meta, '$q', '@'), attributes, created > 0
  FROM documents ORDER BY 1, 2, 3, 4, 5, 6, 7;
SELECT '# annotations';
SELECT d.name, a.label, a.start, a.end, a.fragments, a.attributes, a.note, a.norm_id,
       a.norm_name, a.annotator, a.deleted, a.provenance, a.created = a.modified, a.created > 0
  FROM annotations a JOIN documents d ON d.id = a.document
  ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14;
SELECT '# relations';
SELECT d.name, r.type,
       (SELECT $end FROM annotations s JOIN documents d2 ON d2.id = s.document
         WHERE s.uuid = r.source),
       (SELECT $end FROM annotations s JOIN documents d2 ON d2.id = s.document
         WHERE s.uuid = r.target),
       r.attributes, r.annotator, r.deleted, r.created = r.modified, r.created > 0
  FROM relations r JOIN documents d ON d.id = r.document
  ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
SELECT '# statuses';
SELECT d.name, s.annotator, s.status FROM document_status s JOIN documents d ON d.id = s.document
  ORDER BY 1, 2, 3;
SELECT '# assignments';
SELECT d.name, a.annotator, a.deleted FROM assignments a JOIN documents d ON d.id = a.document
  ORDER BY 1, 2, 3;
SELECT '# suggestions';
SELECT count(*) FROM suggestions;
SELECT '# counts';
SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM annotations),
       (SELECT count(*) FROM relations);
EOF
}
