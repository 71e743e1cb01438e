#!/bin/bash
# scale-dump.sh: a project's contents and agreement figures, canonically
#
# Copyright 2026 The Gloss authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: tests/bench/scale-dump.sh [--no-agreement] PROJECT
#
# Prints what a project holds in an order that does not depend on the order
# rows were written in, so that two projects made from the same inputs (one
# before an optimisation of import, merge or agreement, one after) compare
# with diff. Issue 12 asks that the figures, merged contents and imported rows
# stay identical while import, merge and agreement are made faster.
#
# Left out, because they differ from one run to the next without meaning:
# uuids (random; a relation's ends are named by their document, label,
# fragments and annotator instead), row ids (documents are named by name),
# created and modified times, a suggestion's id, source and cue (ids), and the
# folder part of the path a document was imported from (its file name is
# kept). The document text is its sha256 and length.
#
# Then `gloss-cli agreement PROJECT --json` (unless --no-agreement): one line
# for the project's figures and one per document, sorted by name, with keys
# sorted and numbers rounded to 12 significant digits: a faster computation
# may add the same terms in another order (per document, on two threads) and
# change the last bits, which is no change of a figure.
#
# Needs sqlite3 and python3. Environment: GLOSS_CLI (default: gloss-cli of
# GLOSS_BUILD_DIR, else of _build beside tests/).

set -eu -o pipefail

here=$(cd "$(dirname "$0")" && pwd)
srcdir=$(cd "$here/../.." && pwd)
builddir=${GLOSS_BUILD_DIR:-$srcdir/_build}
cli=${GLOSS_CLI:-$builddir/src/cli/gloss-cli}

agreement=1
if [ "${1:-}" = --no-agreement ]; then
  agreement=0
  shift
fi
if [ $# -ne 1 ]; then
  echo "usage: $0 [--no-agreement] PROJECT" >&2
  exit 2
fi
project=$1
[ -f "$project" ] || { echo "$0: no project $project" >&2; exit 2; }
for tool in sqlite3 python3; do
  command -v "$tool" >/dev/null || { echo "$0: $tool is needed" >&2; exit 2; }
done

# One JSON object per row (.mode json escapes newlines and tabs in notes),
# every query sorted on all the columns it prints. The array's brackets and
# commas go, so that a row that moves changes no other line. Read-write,
# though only read: a read-only sqlite3 leaves a -wal and -shm behind.
sqlite3 -bail "$project" <<'EOF' | sed -e 's/^\[{/{/' -e 's/},$/}/' -e 's/}]$/}/'
.print # counts
SELECT json_object('documents', (SELECT count(*) FROM documents),
                   'annotations', (SELECT count(*) FROM annotations),
                   'deleted_annotations', (SELECT count(*) FROM annotations WHERE deleted),
                   'relations', (SELECT count(*) FROM relations),
                   'deleted_relations', (SELECT count(*) FROM relations WHERE deleted),
                   'document_status', (SELECT count(*) FROM document_status),
                   'assignments', (SELECT count(*) FROM assignments),
                   'suggestions', (SELECT count(*) FROM suggestions));
.mode json
.print # project
SELECT key, value FROM project WHERE key <> 'created' ORDER BY key;
.print # documents
SELECT name, sha256, length,
       CASE WHEN json_extract (meta, '$.source') IS NULL THEN meta
            ELSE json_set (meta, '$.source',
                           substr (json_extract (meta, '$.source'),
                                   length (rtrim (json_extract (meta, '$.source'),
                                                  replace (json_extract (meta, '$.source'),
                                                           '/', ''))) + 1))
       END AS meta,
       attributes
FROM documents
ORDER BY 1, 2, 3, 4, 5;
.print # document_status
SELECT d.name AS document, s.annotator, s.status
FROM document_status s JOIN documents d ON d.id = s.document
ORDER BY 1, 2, 3;
.print # assignments
SELECT d.name AS document, s.annotator, s.deleted
FROM assignments s JOIN documents d ON d.id = s.document
ORDER BY 1, 2, 3;
.print # annotations
SELECT d.name AS document, a.start, a.end, a.label, a.fragments, a.annotator, a.attributes,
       a.note, a.norm_id, a.norm_name, a.provenance, a.deleted
FROM annotations a JOIN documents d ON d.id = a.document
ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12;
.print # relations
SELECT d.name AS document, r.type, r.annotator,
       s.label AS source_label, s.fragments AS source_fragments,
       s.annotator AS source_annotator,
       t.label AS target_label, t.fragments AS target_fragments,
       t.annotator AS target_annotator,
       r.attributes, r.deleted
FROM relations r JOIN documents d ON d.id = r.document
     LEFT JOIN annotations s ON s.uuid = r.source
     LEFT JOIN annotations t ON t.uuid = r.target
ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11;
.print # suggestions
SELECT d.name AS document, g.start, g.end, g.label, g.fragments, g.suggester, g.score,
       g.attributes, g.state
FROM suggestions g JOIN documents d ON d.id = g.document
ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
EOF

[ "$agreement" = 1 ] || exit 0

echo "# agreement"
# The output goes to a file first: a failing gloss-cli must fail the dump,
# not leave python3 to read half a document.
tmp=$(mktemp "${TMPDIR:-/tmp}/scale-dump.XXXXXX")
trap 'rm -f "$tmp"' EXIT
"$cli" agreement "$project" --json > "$tmp"
python3 - "$tmp" <<'EOF'
import json, sys

def canonical(value):
    if isinstance(value, float):
        return float("%.12g" % value)
    if isinstance(value, dict):
        return {k: canonical(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [canonical(v) for v in value]
        # pairs by their annotators, documents by name; other lists
        # (confusion matrices) keep their order, which is their meaning
        if items and all(isinstance(v, dict) and "a" in v and "b" in v for v in items):
            items.sort(key=lambda v: (str(v["a"]), str(v["b"])))
        return items
    return value

def line(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)

with open(sys.argv[1], encoding="utf-8") as f:
    report = canonical(json.load(f))
documents = report.pop("documents", [])
print(line(report))
for doc in sorted(documents, key=lambda d: str(d.get("document"))):
    print(line(doc))
EOF
