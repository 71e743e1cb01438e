#!/usr/bin/env python3
# make-samples.py: build data/samples/samples.jsonl from the sample articles
# and the human-editable annotation spec data/samples/annotations.json
#
# Copyright 2026 The Gloss authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Build the Gloss sample corpus.

The spec (annotations.json) maps a document name (the .txt base name) to:

  annotator   who made the annotations ("demo")
  status      that annotator's document status (new, in-progress, done)
  attributes  document-level attributes, e.g. {"topic": "..."}
  spans       a list of {"id", "label", "quote", "occurrence"?, "attributes"?,
              "note"?, "norm_id"?, "norm_name"?}
  relations   a list of {"type", "source", "target", "attributes"?, "id"?}
              whose ends are span ids

"quote" is a string or, for a discontinuous span, a list of fragments.  The
first fragment is the Nth whole-word occurrence of its text ("occurrence",
1-based, default 1); every further fragment is the first occurrence after the
end of the previous one.  "Whole-word" means that a quote beginning or ending
with a letter or digit does not match inside a longer word, so "Karsovia"
does not match "Karsovian".  Matching is case-sensitive.

Offsets are Unicode code points (Python str indices), end-exclusive.  The
output is deterministic: UUIDs are uuid5 of a fixed namespace and
"<doc>/<id>", timestamps start at 2026-11-20T09:00:01Z and grow by one second
per annotation, then per relation, within each document.

Usage: make-samples.py [--samples DIR] [--output FILE] [--check] [--lint]
  --check  also print per-document label counts and the context of each span
  --lint   list whole-word occurrences of entity quotes that no span covers
Exit status 1 on any error (quote not found, unknown label, bad relation).
"""

import argparse
import datetime
import hashlib
import json
import os
import re
import sys
import uuid

NAMESPACE = uuid.UUID("6f1b0c52-8f0e-5a4e-9d3c-1c0a5e7b2d41")
EPOCH = datetime.datetime(2026, 11, 20, 9, 0, 0, tzinfo=datetime.timezone.utc)

ENTITY_LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "DATE", "MONEY",
                 "QUANTITY", "EVENT", "SOURCE")
LABELS = ENTITY_LABELS + ("CLAIM", "CUE")

# Attribute definitions per label: name -> allowed values (a tuple) or bool.
LABEL_ATTRS = {
    "CLAIM": {
        "certainty": ("asserted", "hedged", "alleged", "denied"),
        "status": ("unverified", "corroborated", "disputed", "false"),
        "checkworthy": bool,
    },
}

# Relation type -> (allowed source labels, allowed target labels, attributes).
ATTRIBUTION_TARGETS = ("PERSON", "ORG", "GPE", "NORP", "SOURCE")
RELATIONS = {
    "attributed-to": (("CLAIM",), ATTRIBUTION_TARGETS,
                      {"confidence": ("low", "medium", "high")}),
    "cue": (("CLAIM",), ("CUE",), {}),
    "about": (("CLAIM",), ENTITY_LABELS, {}),
}

STATUSES = ("new", "in-progress", "done")


class SpecError(Exception):
    pass


def timestamp(n):
    t = EPOCH + datetime.timedelta(seconds=n)
    return t.strftime("%Y-%m-%dT%H:%M:%S.%f") + "Z"


def quote_pattern(quote):
    pat = re.escape(quote)
    if re.match(r"\w", quote[0]):
        pat = r"(?<!\w)" + pat
    if re.match(r"\w", quote[-1]):
        pat = pat + r"(?!\w)"
    return re.compile(pat)


def find_all(text, quote):
    return [m.start() for m in quote_pattern(quote).finditer(text)]


def locate(doc, span, text):
    quote = span.get("quote")
    frags = [quote] if isinstance(quote, str) else quote
    if not isinstance(frags, list) or not frags or \
       not all(isinstance(f, str) and f for f in frags):
        raise SpecError(f"{doc}/{span.get('id')}: bad quote {quote!r}")
    occurrence = span.get("occurrence", 1)
    if not isinstance(occurrence, int) or occurrence < 1:
        raise SpecError(f"{doc}/{span['id']}: bad occurrence {occurrence!r}")
    starts = find_all(text, frags[0])
    if len(starts) < occurrence:
        raise SpecError(f"{doc}/{span['id']}: quote {frags[0]!r} occurrence {occurrence} "
                        f"not found ({len(starts)} found)")
    start = starts[occurrence - 1]
    fragments = [[start, start + len(frags[0])]]
    for frag in frags[1:]:
        m = quote_pattern(frag).search(text, fragments[-1][1])
        if m is None:
            raise SpecError(f"{doc}/{span['id']}: fragment {frag!r} not found after "
                            f"offset {fragments[-1][1]}")
        fragments.append([m.start(), m.start() + len(frag)])
    return fragments


def check_attributes(where, attrs, defs):
    if not isinstance(attrs, dict):
        raise SpecError(f"{where}: attributes must be an object")
    for name, value in attrs.items():
        if name not in defs:
            raise SpecError(f"{where}: unknown attribute {name!r}")
        allowed = defs[name]
        if allowed is bool:
            if not isinstance(value, bool):
                raise SpecError(f"{where}: {name} must be true or false")
        elif value not in allowed:
            raise SpecError(f"{where}: {name}={value!r} not in {allowed}")


def build_document(doc, spec, samples_dir):
    filename = doc + ".txt"
    with open(os.path.join(samples_dir, filename), "rb") as f:
        raw = f.read()
    text = raw.decode("utf-8")
    if "\r" in text:
        raise SpecError(f"{filename}: CR line ends")

    annotator = spec.get("annotator", "demo")
    status = spec.get("status", "new")
    if status not in STATUSES:
        raise SpecError(f"{doc}: bad status {status!r}")

    tick = 0
    by_id = {}
    annotations = []
    for span in spec.get("spans", []):
        sid = span.get("id")
        if not isinstance(sid, str) or not sid:
            raise SpecError(f"{doc}: span without id: {span!r}")
        if sid in by_id:
            raise SpecError(f"{doc}/{sid}: duplicate id")
        label = span.get("label")
        if label not in LABELS:
            raise SpecError(f"{doc}/{sid}: unknown label {label!r}")
        attrs = span.get("attributes", {})
        check_attributes(f"{doc}/{sid}", attrs, LABEL_ATTRS.get(label, {}))
        if label == "CLAIM" and set(attrs) != set(LABEL_ATTRS["CLAIM"]):
            raise SpecError(f"{doc}/{sid}: a sample claim sets all of "
                            f"{sorted(LABEL_ATTRS['CLAIM'])}")
        fragments = locate(doc, span, text)
        tick += 1
        ts = timestamp(tick)
        ann = {
            "uuid": str(uuid.uuid5(NAMESPACE, f"{doc}/{sid}")),
            "label": label,
            "fragments": fragments,
            "text": " ".join(text[s:e] for s, e in fragments),
            "attributes": dict(sorted(attrs.items())),
            "note": span.get("note"),
            "norm_id": span.get("norm_id"),
            "norm_name": span.get("norm_name"),
            "annotator": annotator,
            "created": ts,
            "modified": ts,
            "deleted": False,
        }
        by_id[sid] = ann
        annotations.append(ann)

    relations = []
    seen = set()
    for rel in spec.get("relations", []):
        rtype = rel.get("type")
        src, tgt = rel.get("source"), rel.get("target")
        where = f"{doc}/{rtype}:{src}->{tgt}"
        if rtype not in RELATIONS:
            raise SpecError(f"{where}: unknown relation type")
        if src not in by_id or tgt not in by_id:
            raise SpecError(f"{where}: unknown end")
        sources, targets, defs = RELATIONS[rtype]
        if by_id[src]["label"] not in sources or by_id[tgt]["label"] not in targets:
            raise SpecError(f"{where}: {by_id[src]['label']} -> {by_id[tgt]['label']} "
                            f"not allowed")
        attrs = rel.get("attributes", {})
        check_attributes(where, attrs, defs)
        key = rel.get("id", f"{rtype}:{src}->{tgt}")
        if key in seen:
            raise SpecError(f"{where}: duplicate relation")
        seen.add(key)
        tick += 1
        ts = timestamp(tick)
        relations.append({
            "uuid": str(uuid.uuid5(NAMESPACE, f"{doc}/{key}")),
            "type": rtype,
            "source": by_id[src]["uuid"],
            "target": by_id[tgt]["uuid"],
            "attributes": dict(sorted(attrs.items())),
            "annotator": annotator,
            "created": ts,
            "modified": ts,
            "deleted": False,
        })

    annotations.sort(key=lambda a: (a["fragments"][0][0], a["fragments"][-1][1], a["uuid"]))
    return {
        "gloss": 1,
        "uuid": str(uuid.uuid5(NAMESPACE, doc)),
        "name": doc,
        "text": text,
        "sha256": hashlib.sha256(raw).hexdigest(),
        "meta": {"source": "Gloss samples", "filename": filename, "format": "text"},
        "attributes": dict(sorted(spec.get("attributes", {}).items())),
        "status": {annotator: status},
        "annotations": annotations,
        "relations": relations,
    }


def verify(record):
    """Re-check a built record independently of how it was built."""
    text = record["text"]
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != record["sha256"]:
        raise SpecError(f"{record['name']}: sha256 mismatch")
    labels = {}
    for a in record["annotations"]:
        frags = a["fragments"]
        for i, (s, e) in enumerate(frags):
            if not 0 <= s < e <= len(text) or (i and s < frags[i - 1][1]):
                raise SpecError(f"{record['name']}: bad fragments {frags}")
        if a["text"] != " ".join(text[s:e] for s, e in frags):
            raise SpecError(f"{record['name']}: text mismatch for {a['uuid']}")
        labels[a["uuid"]] = a["label"]
    for r in record["relations"]:
        sources, targets, _ = RELATIONS[r["type"]]
        if labels.get(r["source"]) not in sources or labels.get(r["target"]) not in targets:
            raise SpecError(f"{record['name']}: bad relation {r['uuid']}")
    # The samples show complete claims: each has a source, a cue and a topic,
    # each cue belongs to a claim, and at least one claim is discontinuous.
    ends = {(r["type"], r["source"]) for r in record["relations"]}
    cued = {r["target"] for r in record["relations"] if r["type"] == "cue"}
    for a in record["annotations"]:
        if a["label"] == "CLAIM":
            for rtype in RELATIONS:
                if (rtype, a["uuid"]) not in ends:
                    raise SpecError(f"{record['name']}: claim {a['text']!r} has no {rtype}")
        elif a["label"] == "CUE" and a["uuid"] not in cued:
            raise SpecError(f"{record['name']}: cue {a['text']!r} belongs to no claim")
    if not any(a["label"] == "CLAIM" and len(a["fragments"]) > 1
               for a in record["annotations"]):
        raise SpecError(f"{record['name']}: no discontinuous claim")


def report(record, spec):
    counts = {}
    for a in record["annotations"]:
        counts[a["label"]] = counts.get(a["label"], 0) + 1
    rels = {}
    for r in record["relations"]:
        rels[r["type"]] = rels.get(r["type"], 0) + 1
    print(f"{record['name']}: {len(record['text'])} code points, "
          f"{len(record['text'].encode('utf-8'))} bytes, "
          f"{len(record['annotations'])} annotations, {len(record['relations'])} relations")
    print("  " + ", ".join(f"{k}={counts[k]}" for k in LABELS if k in counts))
    print("  " + ", ".join(f"{k}={v}" for k, v in sorted(rels.items())))


def show(record, spec):
    text = record["text"]
    for span in spec.get("spans", []):
        ann_uuid = str(uuid.uuid5(NAMESPACE, f"{record['name']}/{span['id']}"))
        a = next(x for x in record["annotations"] if x["uuid"] == ann_uuid)
        s, e = a["fragments"][0][0], a["fragments"][-1][1]
        ctx = text[max(0, s - 25):s]
        for i, (fs, fe) in enumerate(a["fragments"]):
            if i:
                ctx += text[a["fragments"][i - 1][1]:fs]
            ctx += "[" + text[fs:fe] + "]"
        ctx += text[e:e + 25]
        print(f"  {span['id']:>5} {a['label']:<8} {ctx!r}")


def lint(record):
    text = record["text"]
    covered = [(s, e) for a in record["annotations"] for s, e in a["fragments"]
               if a["label"] in ENTITY_LABELS]
    done = set()
    for a in record["annotations"]:
        if a["label"] not in ENTITY_LABELS or a["text"] in done:
            continue
        done.add(a["text"])
        for s in find_all(text, a["text"]):
            e = s + len(a["text"])
            if not any(cs <= s and e <= ce for cs, ce in covered):
                line = text.count("\n", 0, s) + 1
                print(f"  {record['name']}:{line}: {a['label']} {a['text']!r} "
                      f"not annotated at {s}")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description="Build the Gloss sample corpus.")
    parser.add_argument("--samples", default=os.path.join(here, "..", "data", "samples"))
    parser.add_argument("--output")
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--lint", action="store_true")
    args = parser.parse_args()
    output = args.output or os.path.join(args.samples, "samples.jsonl")

    try:
        with open(os.path.join(args.samples, "annotations.json"), encoding="utf-8") as f:
            spec = json.load(f)
        lines = []
        for doc, doc_spec in sorted(spec.items()):
            record = build_document(doc, doc_spec, args.samples)
            verify(record)
            if args.check:
                report(record, doc_spec)
                show(record, doc_spec)
            if args.lint:
                lint(record)
            lines.append(json.dumps(record, ensure_ascii=False, separators=(",", ":")))
    except (OSError, ValueError, SpecError) as e:
        print(f"make-samples: error: {e}", file=sys.stderr)
        return 1

    with open(output, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
