#!/usr/bin/env python3
# make-inputs.py: writes the inputs of test-merge-dump.sh (run once; the
# files it writes are committed beside it, so the test never depends on it)
#
# Three annotators (ana, ben, cai) work on invented wire-service articles.
# The desk's shared layer of "ministry-briefing" is in all three copies, with
# conflicting edits: relabels at different times, a deletion against a later
# note, a tie of modification times with different contents, an attribute, a
# deleted relation. "border-defector" has another uuid in each copy (matched
# by its text), cai's copy of it comes from brat. ben and cai each bring a
# document of their own, and both bring one named "port-audit" with different
# texts. Statuses conflict; one annotation has a suggester's provenance.
#
# Copyright 2026 The Gloss authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import sys

out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))

T1 = ("VALMORA, March 3 (Northwire) -- The interior ministry said on Tuesday that two "
      "officials of the customs agency had been detained. A senior official told Northwire "
      "the men passed documents to a foreign intelligence service, but he said the "
      "investigation was continuing.\n")
T2 = ("A former signals officer who crossed the border at Kessel last month told the agency "
      "that his unit monitored shipping in the Gulf of Tarn, officials said. He was given "
      "the name Pavel Rusk.\n")
T3 = ("Auditors found that the port authority of Ostrava Bay paid 4.2 million euros to a "
      "consultancy in 2025, according to a report seen by Northwire.\n")
T4 = ("The cyber unit of the defence ministry was behind an attack on a railway operator in "
      "Lindau, a defector claimed on Friday. The ministry denied it.\n")
T5 = "Port workers in Ostrava Bay went on strike on Monday, the union said.\n"


def frag(text, phrase, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.find(phrase, start + 1)
    assert start >= 0, phrase
    return [start, start + len(phrase)]


def ann(uuid, label, text, phrases, who, modified, created=None, **extra):
    frags = [frag(text, p) for p in phrases]
    row = {"uuid": uuid, "label": label, "fragments": frags,
           "text": " ".join(text[s:e] for s, e in frags), "attributes": {},
           "note": None, "norm_id": None, "norm_name": None, "annotator": who,
           "created": created or modified, "modified": modified, "deleted": False}
    row.update(extra)
    return row


def rel(uuid, kind, source, target, who, modified, **extra):
    row = {"uuid": uuid, "type": kind, "source": source, "target": target, "attributes": {},
           "annotator": who, "created": modified, "modified": modified, "deleted": False}
    row.update(extra)
    return row


def t(hhmm):
    return "2026-03-03T%s:00.000000Z" % hhmm


def u(n):
    return "7c3e0a52-1d4b-4c8e-9f21-%012x" % n


def doc(uuid, name, text, anns, rels, status, topic):
    return {"gloss": 1, "uuid": uuid, "name": name, "text": text,
            "meta": {"source": "Northwire desk", "filename": name + ".txt", "format": "text"},
            "attributes": {"topic": topic}, "status": status,
            "annotations": anns, "relations": rels}


def shared():
    """The desk's layer of ministry-briefing, as every copy got it."""
    m = t("09:00")
    a = {
        "s1": ann(u(1), "ORG", T1, ["interior ministry"], "desk", m),
        "s2": ann(u(2), "DATE", T1, ["Tuesday"], "desk", m),
        "s3": ann(u(3), "ORG", T1, ["customs agency"], "desk", m),
        "s4": ann(u(4), "SOURCE", T1, ["A senior official"], "desk", m),
        "s5": ann(u(5), "CLAIM", T1,
                  ["the men passed documents to a foreign intelligence service"], "desk", m,
                  attributes={"certainty": "asserted"}),
        "s6": ann(u(6), "CUE", T1, ["told"], "desk", m),
        "s7": ann(u(7), "GPE", T1, ["VALMORA"], "desk", m),
    }
    r = {
        "r1": rel(u(101), "attributed-to", u(5), u(4), "desk", m),
        "r2": rel(u(102), "cue", u(5), u(6), "desk", m),
    }
    return a, r


def write_jsonl(name, docs):
    with open(os.path.join(out, name + ".jsonl"), "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")


# --- ana
a, r = shared()
a["s1"].update(label="GPE", modified=t("10:00"))          # loses to ben's later relabel
a["s2"].update(note="Tuesday, 3 March", modified=t("10:00"))  # loses to cai's deletion
a["s5"].update(attributes={"certainty": "hedged"}, modified=t("10:15"))
anns = list(a.values()) + [
    ann(u(11), "ORG", T1, ["Northwire"], "ana", t("10:05"), norm_id="Q1000001",
        norm_name="Northwire news agency"),
    ann(u(12), "NORP", T1, ["officials"], "ana", t("10:06"), note="two customs officers"),
]
rels = list(r.values()) + [rel(u(111), "about", u(5), u(12), "ana", t("10:07"))]
d1 = doc(u(1001), "ministry-briefing", T1, anns, rels, {"ana": "done"}, "espionage")
d2 = doc(u(1002), "border-defector", T2, [
    ann(u(21), "PERSON", T2, ["A former signals officer"], "ana", t("11:00")),
    ann(u(22), "GPE", T2, ["Kessel"], "ana", t("11:01")),
    ann(u(23), "CLAIM", T2, ["his unit monitored shipping", "in the Gulf of Tarn"], "ana",
        t("11:02"), attributes={"certainty": "alleged", "checkworthy": True}),
    ann(u(24), "LOC", T2, ["Gulf of Tarn"], "ana", t("11:03")),
    ann(u(25), "PERSON", T2, ["Pavel Rusk"], "ana", t("11:04"), deleted=True),
], [rel(u(121), "attributed-to", u(23), u(21), "ana", t("11:05")),
    rel(u(122), "about", u(23), u(24), "ana", t("11:06"))],
    {"ana": "in-progress"}, "defectors")
write_jsonl("ana", [d1, d2])

# --- ben
a, r = shared()
a["s1"].update(label="NORP", modified=t("11:00"))          # wins over ana's
a["s3"].update(note="the agency, not the ministry", modified=t("12:00"))  # tie with cai
r["r2"].update(deleted=True, modified=t("10:45"))         # the cue relation goes
anns = list(a.values()) + [
    ann(u(31), "ORG", T1, ["foreign intelligence service"], "ben", t("10:20")),
    ann(u(32), "ORG", T1, ["Northwire", ], "ben", t("10:21")),
]
rels = list(r.values()) + [rel(u(131), "about", u(5), u(31), "ben", t("10:22"))]
b1 = doc(u(1001), "ministry-briefing", T1, anns, rels,
         {"ben": "in-progress", "ana": "new"}, "espionage")
b2 = doc(u(2002), "border-defector", T2, [
    ann(u(41), "PERSON", T2, ["signals officer"], "ben", t("11:10")),
    ann(u(42), "ORG", T2, ["the agency"], "ben", t("11:11")),
    ann(u(43), "PERSON", T2, ["Pavel Rusk"], "ben", t("11:12"), note="a pseudonym"),
], [], {"ben": "done"}, "defectors")
b3 = doc(u(2003), "port-audit", T3, [
    ann(u(44), "ORG", T3, ["port authority of Ostrava Bay"], "ben", t("13:00")),
    ann(u(45), "MONEY", T3, ["4.2 million euros"], "ben", t("13:01")),
    ann(u(46), "DATE", T3, ["2025"], "ben", t("13:02")),
    ann(u(47), "CLAIM", T3, ["the port authority of Ostrava Bay paid 4.2 million euros to a "
                             "consultancy in 2025"], "ben", t("13:03"),
        attributes={"certainty": "asserted", "status": "unverified"}),
    ann(u(48), "SOURCE", T3, ["a report"], "ben", t("13:04")),
], [rel(u(141), "attributed-to", u(47), u(48), "ben", t("13:05")),
    rel(u(142), "about", u(47), u(44), "ben", t("13:06"), deleted=True)],
    {"ben": "done"}, "audit")
write_jsonl("ben", [b1, b2, b3])

# --- cai (border-defector comes from brat, see below)
a, r = shared()
a["s2"].update(deleted=True, modified=t("10:30"))         # wins over ana's note
a["s3"].update(label="FAC", modified=t("12:00"))          # tie with ben
a["s6"].update(note="reporting verb", modified=t("09:30"))
anns = list(a.values()) + [
    ann(u(51), "DATE", T1, ["March 3"], "cai", t("10:40"),
        provenance={"suggester": "rules", "score": 0.75}),
]
rels = list(r.values())
c1 = doc(u(1001), "ministry-briefing", T1, anns, rels, {"cai": "done"}, "espionage")
c4 = doc(u(3004), "cyber-unit", T4, [
    ann(u(61), "ORG", T4, ["cyber unit of the defence ministry"], "cai", t("14:00")),
    ann(u(62), "GPE", T4, ["Lindau"], "cai", t("14:01")),
    ann(u(63), "SOURCE", T4, ["a defector"], "cai", t("14:02")),
    ann(u(64), "CUE", T4, ["claimed"], "cai", t("14:03")),
    ann(u(65), "CLAIM", T4, ["The cyber unit of the defence ministry was behind an attack on a "
                             "railway operator in Lindau"], "cai", t("14:04"),
        attributes={"certainty": "denied", "status": "disputed"}),
], [rel(u(161), "attributed-to", u(65), u(63), "cai", t("14:05")),
    rel(u(162), "cue", u(65), u(64), "cai", t("14:06"))],
    {"cai": "in-progress"}, "cyber")
c5 = doc(u(3005), "port-audit", T5, [
    ann(u(66), "GPE", T5, ["Ostrava Bay"], "cai", t("14:10")),
    ann(u(67), "DATE", T5, ["Monday"], "cai", t("14:11")),
], [], {}, "labour")
write_jsonl("cai", [c1, c4, c5])

brat = os.path.join(out, "brat")
os.makedirs(brat, exist_ok=True)
with open(os.path.join(brat, "border-defector.txt"), "w", encoding="utf-8") as f:
    f.write(T2)
lines = []
for n, (label, phrase) in enumerate([("PERSON", "A former signals officer"),
                                     ("GPE", "Kessel"), ("SOURCE", "officials"),
                                     ("CUE", "said"), ("PERSON", "Pavel Rusk")], 1):
    s, e = frag(T2, phrase)
    lines.append("T%d\t%s %d %d\t%s" % (n, label, s, e, phrase))
s1, e1 = frag(T2, "his unit monitored shipping")
s2, e2 = frag(T2, "in the Gulf of Tarn")
lines.append("T6\tCLAIM %d %d;%d %d\t%s %s" % (s1, e1, s2, e2, T2[s1:e1], T2[s2:e2]))
lines.append("R1\tattributed-to Arg1:T6 Arg2:T3")
lines.append("R2\tcue Arg1:T6 Arg2:T4")
lines.append("#1\tAnnotatorNotes T5\tthe name he was given")
with open(os.path.join(brat, "border-defector.ann"), "w", encoding="utf-8") as f:
    f.write("\n".join(lines) + "\n")
