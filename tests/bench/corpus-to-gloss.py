#!/usr/bin/env python3
# corpus-to-gloss.py: the benchmark corpus's simple JSONL as Gloss JSONL
#
# Copyright 2026 The Gloss authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Convert the simple JSONL of ../shared/bench/gen_corpus.py into Gloss JSONL.

  corpus-to-gloss.py IN.jsonl OUT.jsonl [--schema-out SCHEMA.json]

Each input line is {"id", "text", "offset_unit": "codepoint", "spans":
[{"id","start","end","label"}], "relations": [{"id","label","arg1","arg2"}],
"attributes": [{"id","label","target","value"}]}.  Each output line is one
Gloss JSONL document (see src/core/gloss-jsonl.c) named after "id", with one
annotation per span, its attributes, and one relation per relation.  UUIDs
are derived from the document and span ids (uuid5), so the output is
deterministic.

The generator's labels (Person, Organization, GPE, ...), relation types
(Located_in, Works_for, ...) and attributes (Salience, Uncertain) are kept
as they are; --schema-out writes a schema declaring them, with hotkeys 1-9
and letters, to pass to `gloss-cli init PROJECT --schema SCHEMA.json`.  It
also declares the news schema's claim and cue layers (CLAIM, CUE, SOURCE)
so that the workbench can annotate claims on these documents.
"""

import argparse
import json
import sys
import uuid

NAMESPACE = uuid.UUID("6f1c2d0e-5b7a-4c1e-9a53-3e2b8f0c9d41")

# Generator label -> (layer, colour, hotkey); colours from the GNOME palette.
LABELS = [
    ("Person", "entity", "#3584e4", "1"),
    ("Organization", "entity", "#33d17a", "2"),
    ("GPE", "entity", "#f6d32d", "3"),
    ("Location", "entity", "#ff7800", "4"),
    ("Facility", "entity", "#b5835a", "5"),
    ("Date", "entity", "#99c1f1", "6"),
    ("Money", "entity", "#8ff0a4", "7"),
    ("Percent", "entity", "#f9f06b", "8"),
    ("Event", "entity", "#ffbe6f", "9"),
    ("Title", "entity", "#c061cb", "t"),
    ("SOURCE", "entity", "#f66151", "s"),
    ("CLAIM", "claim", "#dc8add", "c"),
    ("CUE", "cue", "#c0bfbc", "u"),
]

RELATIONS = ["Located_in", "Works_for", "Role", "Based_in"]


def make_schema():
    entity_attrs = [
        {"name": "Salience", "type": "enum", "values": ["Low", "Medium", "High"]},
        {"name": "Uncertain", "type": "boolean"},
    ]
    labels = []
    for name, layer, color, hotkey in LABELS:
        label = {"name": name, "layer": layer, "color": color, "hotkey": hotkey}
        if layer == "entity":
            label["attributes"] = entity_attrs
        labels.append(label)
    relations = [{"name": name} for name in RELATIONS]
    relations += [
        {"name": "attributed-to", "source": ["CLAIM"]},
        {"name": "cue", "source": ["CLAIM"], "target": ["CUE"]},
    ]
    return {
        "name": "bench-news",
        "version": 1,
        "layers": [{"name": "entity"}, {"name": "claim"}, {"name": "cue"}],
        "labels": labels,
        "relations": relations,
    }


def make_uuid(doc_id, item_id):
    return str(uuid.uuid5(NAMESPACE, doc_id + "/" + item_id))


def convert(record):
    doc_id = record["id"]
    text = record["text"]
    unit = record.get("offset_unit", "codepoint")
    if unit != "codepoint":
        raise ValueError("%s: offset_unit %r is not supported" % (doc_id, unit))

    attributes = {}
    for attr in record.get("attributes", []):
        attributes.setdefault(attr["target"], {})[attr["label"]] = attr["value"]

    annotations = []
    for span in record["spans"]:
        start, end = span["start"], span["end"]
        if not 0 <= start < end <= len(text):
            raise ValueError("%s: span %s has bad offsets %d-%d" % (doc_id, span["id"], start, end))
        annotation = {
            "uuid": make_uuid(doc_id, span["id"]),
            "label": span["label"],
            "fragments": [[start, end]],
            "text": text[start:end],
            "annotator": "gen_corpus",
        }
        if span["id"] in attributes:
            annotation["attributes"] = attributes[span["id"]]
        annotations.append(annotation)

    relations = []
    for rel in record.get("relations", []):
        relations.append({
            "uuid": make_uuid(doc_id, rel["id"]),
            "type": rel["label"],
            "source": make_uuid(doc_id, rel["arg1"]),
            "target": make_uuid(doc_id, rel["arg2"]),
            "annotator": "gen_corpus",
        })

    return {
        "gloss": 1,
        "uuid": make_uuid(doc_id, "document"),
        "name": doc_id,
        "text": text,
        "meta": {"source": "gen_corpus.py"},
        "annotations": annotations,
        "relations": relations,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", help="gen_corpus.py JSONL file")
    parser.add_argument("output", help="Gloss JSONL file to write")
    parser.add_argument("--schema-out", metavar="FILE",
                        help="also write a schema JSON declaring the corpus's labels")
    args = parser.parse_args()

    if args.schema_out:
        with open(args.schema_out, "w", encoding="utf-8") as out:
            json.dump(make_schema(), out, indent=2, ensure_ascii=False)
            out.write("\n")

    n_docs = 0
    with open(args.input, encoding="utf-8") as inp, \
         open(args.output, "w", encoding="utf-8") as out:
        for line in inp:
            if not line.strip():
                continue
            out.write(json.dumps(convert(json.loads(line)), ensure_ascii=False))
            out.write("\n")
            n_docs += 1

    print("%s: %d document(s)" % (args.output, n_docs), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
