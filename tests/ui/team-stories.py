#!/usr/bin/python3
# team-stories.py: three annotators' work on four invented wire stories, as
# Gloss JSONL, for the curation queue's tests and screenshots
#
# Copyright 2026 The Gloss authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: team-stories.py OUT.jsonl
#
# Each story lists its spans once, with what alice, ben and cai made of
# each: a label (the same for an agreed span), None for a skip, and for
# claims the certainty each gave. The disagreements are, in queue order:
#   a-seoul:  "Unit 414" ORG/FAC/ORG (labels); the claim hedged by ben
#             (details); "June 2024" skipped by alice (only some)
#   b-riga:   "The ministry"/"ministry" (overlap); "Oslo" only alice
#   c-lisbon: none (all agreed)
#   d-vilnius: "Baltic Shipping" ORG/ORG/FAC (labels); the claim asserted by
#             alice and cai, alleged by ben (details)

import json
import sys
import uuid

STAMP = "2026-12-01T09:00:00.000000Z"
WHO = ("alice", "ben", "cai")

STORIES = [
    ("a-seoul",
     "SEOUL, Nov. 20 (Meridian) -- Nikolai Dorn, a former officer of Unit 414, "
     "said he fled through Mongolia in June 2024. Officials in Seoul declined to "
     "comment on his account.",
     [("SEOUL", ("GPE", "GPE", "GPE")),
      ("Nikolai Dorn", ("PERSON", "PERSON", "PERSON")),
      ("Unit 414", ("ORG", "FAC", "ORG")),
      ("he fled through Mongolia in June 2024", ("CLAIM", "CLAIM", "CLAIM"),
       ("asserted", "hedged", "asserted")),
      ("Mongolia", ("GPE", "GPE", "GPE")),
      ("June 2024", (None, "DATE", "DATE")),
      ("Seoul", ("GPE", "GPE", "GPE"))]),
    ("b-riga",
     "RIGA, Nov. 21 (Baltic Wire) -- The ministry said Anna Kell would travel to "
     "Oslo next week to meet Norwegian officials.",
     [("RIGA", ("GPE", "GPE", "GPE")),
      ("The ministry", ("ORG", None, "ORG")),
      ("ministry", (None, "ORG", None)),
      ("Anna Kell", ("PERSON", "PERSON", "PERSON")),
      ("Oslo", ("GPE", None, None))]),
    ("c-lisbon",
     "LISBON, Nov. 22 (Meridian) -- Marta Nunez opened the port authority's new "
     "terminal on Friday.",
     [("LISBON", ("GPE", "GPE", "GPE")),
      ("Marta Nunez", ("PERSON", "PERSON", "PERSON"))]),
    ("d-vilnius",
     "VILNIUS, Nov. 23 (Baltic Wire) -- A spokesman for Baltic Shipping claimed the "
     "cargo had been inspected twice before it left Klaipeda.",
     [("VILNIUS", ("GPE", "GPE", "GPE")),
      ("Baltic Shipping", ("ORG", "ORG", "FAC")),
      ("the cargo had been inspected twice before it left Klaipeda",
       ("CLAIM", "CLAIM", "CLAIM"), ("asserted", "alleged", "asserted")),
      ("Klaipeda", ("GPE", "GPE", "GPE"))]),
]


def main():
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        for name, text, spans in STORIES:
            annotations = []
            for k, who in enumerate(WHO):
                for span in spans:
                    covered, labels = span[0], span[1]
                    if labels[k] is None:
                        continue
                    start = text.index(covered)
                    attributes = {}
                    if len(span) > 2:
                        attributes["certainty"] = span[2][k]
                    annotations.append({
                        "uuid": str(uuid.uuid4()), "label": labels[k],
                        "fragments": [[start, start + len(covered)]], "text": covered,
                        "attributes": attributes, "annotator": who,
                        "created": STAMP, "modified": STAMP, "deleted": False})
            out.write(json.dumps({"gloss": 1, "name": name, "text": text,
                                  "annotations": annotations}) + "\n")


if __name__ == "__main__":
    main()
